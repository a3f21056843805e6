"""Strings of the versioned store and of publishing rights (merged into ``lib.i18n``).

``lib.store`` and ``lib.auth`` raise errors that carry one of these keys and its parameters
(``err.key``, ``err.params``), so the UI shows ``t(err.key, lang, **err.params)``.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # store errors
    "store.error": "De gegevens konden niet worden opgeslagen.",
    "store.busy": "Er wordt al een andere versie gepubliceerd. Probeer het over {seconden} "
    "seconden opnieuw.",
    "store.comment_required": "Vul een toelichting in: waarom publiceert of herstelt u deze "
    "versie?",
    "store.who_required": "Het is niet bekend wie publiceert; log opnieuw in.",
    "store.unknown_table": "De tabel '{tabel}' kan niet worden gepubliceerd.",
    "store.unknown_version": "Versie {versie} bestaat niet.",
    "store.empty": "Er is nog geen gepubliceerde versie van de gegevens.",
    "store.unsupported_dtype": "Deze kolommen hebben een type dat niet kan worden opgeslagen: "
    "{kolommen}.",
    "store.reserved_column": "De kolomnaam '{kolom}' is gereserveerd.",
    "store.no_columns": "Het bestand heeft geen kolommen.",
    "store.schema_mismatch": "Het type van deze kolommen wijkt af van de huidige versie: "
    "{kolommen}. Publiceer de hele tabel of pas het bestand aan.",
    "store.scope_unsupported": "In de tabel '{tabel}' kunnen niet alleen enkele gemeenten "
    "worden vervangen.",
    "store.scope_empty": "Het bestand noemt geen enkele gemeente, dus er valt niets te "
    "vervangen.",
    "store.scope_unknown_ids": "Deze interventies staan niet in de huidige versie, dus hun "
    "gemeente is onbekend: {ids}.",
    "store.unknown_scope": "Onbekende keuze '{scope}': kies alles of alleen de gemeenten in "
    "het bestand.",
    # labels
    "store.actie.basis": "Basis (meegeleverde gegevens)",
    "store.actie.publicatie": "Publicatie",
    "store.actie.herstel": "Herstel van een eerdere versie",
    "store.scope.alles": "Hele tabel vervangen",
    "store.scope.gemeenten": "Alleen de gemeenten in het bestand vervangen",
    "store.diff.samenvatting": "{toegevoegd} rijen toegevoegd, {verwijderd} verwijderd, "
    "{gewijzigd} gewijzigd.",
    "store.diff.geen": "Geen verschillen met de huidige versie.",
    "store.versie": "Versie {versie}",
    "store.herstel_van": "Herstel van versie {versie}",
    # auth
    "auth.error": "Dit is niet toegestaan.",
    "auth.not_allowed": "Alleen analisten mogen gegevens publiceren of een versie herstellen.",
    "auth.rate_limited": "Te veel onjuiste pogingen. Probeer het over {seconden} seconden "
    "opnieuw.",
    "auth.wrong_passphrase": "De wachtwoordzin is onjuist.",
    "auth.enabled.both": "Analisten loggen in met hun account of met de wachtwoordzin.",
    "auth.enabled.oidc": "Analisten loggen in met hun account.",
    "auth.enabled.passphrase": "Analisten loggen in met de wachtwoordzin.",
    "auth.disabled.none_configured": "Publiceren staat uit: er is geen inlog voor analisten "
    "ingesteld (geen lijst met analisten en geen wachtwoordzin).",
    "auth.disabled.no_analysts": "Publiceren staat uit: inloggen is ingesteld, maar de lijst "
    "met analisten is leeg.",
    "auth.disabled.no_oidc": "Publiceren staat uit: er is een lijst met analisten, maar "
    "inloggen met een account is niet ingesteld.",
    "auth.disabled.bad_hash": "Publiceren staat uit: de ingestelde wachtwoordzin-hash is "
    "ongeldig.",
    "auth.role.viewer": "Lezer",
    "auth.role.analyst": "Analist",
}

EN: dict[str, str] = {
    # store errors
    "store.error": "The data could not be saved.",
    "store.busy": "Another version is being published. Please try again in {seconden} seconds.",
    "store.comment_required": "Add a comment: why are you publishing or restoring this version?",
    "store.who_required": "It is not known who is publishing; please log in again.",
    "store.unknown_table": "The table '{tabel}' cannot be published.",
    "store.unknown_version": "Version {versie} does not exist.",
    "store.empty": "No version of the data has been published yet.",
    "store.unsupported_dtype": "These columns have a type that cannot be stored: {kolommen}.",
    "store.reserved_column": "The column name '{kolom}' is reserved.",
    "store.no_columns": "The file has no columns.",
    "store.schema_mismatch": "The type of these columns differs from the current version: "
    "{kolommen}. Publish the whole table or change the file.",
    "store.scope_unsupported": "In the table '{tabel}' single municipalities cannot be "
    "replaced.",
    "store.scope_empty": "The file names no municipality, so there is nothing to replace.",
    "store.scope_unknown_ids": "These interventions are not in the current version, so their "
    "municipality is unknown: {ids}.",
    "store.unknown_scope": "Unknown choice '{scope}': choose everything or only the "
    "municipalities in the file.",
    # labels
    "store.actie.basis": "Base (bundled data)",
    "store.actie.publicatie": "Publication",
    "store.actie.herstel": "Restore of an earlier version",
    "store.scope.alles": "Replace the whole table",
    "store.scope.gemeenten": "Replace only the municipalities in the file",
    "store.diff.samenvatting": "{toegevoegd} rows added, {verwijderd} removed, {gewijzigd} "
    "changed.",
    "store.diff.geen": "No differences from the current version.",
    "store.versie": "Version {versie}",
    "store.herstel_van": "Restore of version {versie}",
    # auth
    "auth.error": "This is not allowed.",
    "auth.not_allowed": "Only analysts may publish data or restore a version.",
    "auth.rate_limited": "Too many wrong attempts. Please try again in {seconden} seconds.",
    "auth.wrong_passphrase": "The passphrase is wrong.",
    "auth.enabled.both": "Analysts log in with their account or with the passphrase.",
    "auth.enabled.oidc": "Analysts log in with their account.",
    "auth.enabled.passphrase": "Analysts log in with the passphrase.",
    "auth.disabled.none_configured": "Publishing is off: no analyst login is configured (no "
    "list of analysts and no passphrase).",
    "auth.disabled.no_analysts": "Publishing is off: login is configured, but the list of "
    "analysts is empty.",
    "auth.disabled.no_oidc": "Publishing is off: there is a list of analysts, but login with an "
    "account is not configured.",
    "auth.disabled.bad_hash": "Publishing is off: the configured passphrase hash is invalid.",
    "auth.role.viewer": "Viewer",
    "auth.role.analyst": "Analyst",
}
