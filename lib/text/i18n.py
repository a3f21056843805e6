"""Dutch (default) and English strings, and number formatting per language.

``t(key, lang, **params)`` looks a key up in the catalogue of the language and fills in the
parameters. Both catalogues have the same keys (a test checks this); a missing key raises
``KeyError`` so that it is found in the tests, not by a user. The names of the codes of the
contract (status, doelgroep, ...) are data of the contract: see ``lib.text.labels``.
"""

from __future__ import annotations

from typing import Final

from lib.contract.codes import Lang
from lib.text import (
    strings_a11y,
    strings_charts,
    strings_kenniskaart,
    strings_presentatie,
    strings_store,
    strings_upload,
)


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in."""
    text = CATALOGUE[lang][key]
    return text.format(**params) if params else text


_NL: dict[str, str] = {
    # app and navigation
    "app.titel": "Preventie met gezag",
    "app.ondertitel": "Dashboard van het programma tegen de instroom van jongeren in de "
    "georganiseerde misdaad",
    "nav.overzicht": "Overzicht",
    "nav.kaart": "Kaart",
    "nav.themas": "Thema's",
    "nav.uitvoering": "Uitvoering",
    "nav.risicofactoren": "Risicofactoren",
    "taal.label": "Taal / Language",
    # filters
    "filter.kop": "Selectie",
    "filter.gemeente": "Gemeente",
    "filter.golf": "Instroomgolf",
    "filter.botoc": "BOTOC-gemeente",
    "filter.botoc.alle": "Alle",
    "filter.botoc.ja": "Ja",
    "filter.botoc.nee": "Nee",
    "filter.thema": "Thema",
    "filter.status": "Status",
    "filter.doelgroep": "Doelgroep",
    "filter.domein": "Leefdomein van factoren",
    "filter.placeholder": "Alle",
    "filter.wissen": "Selectie wissen",
    "filter.link": "Deze link opent dezelfde weergave. Kopieer de adresbalk om te delen.",
    "filter.samenvatting": "{n_gemeenten} gemeenten, {n_interventies} interventies",
    "leeg.titel": "Geen gegevens voor deze selectie",
    "leeg.uitleg": "Er zijn geen interventies die bij alle gekozen filters passen. Maak de "
    "selectie ruimer of kies 'Selectie wissen' in de zijbalk.",
    "ja": "ja",
    "nee": "nee",
    # column and axis labels
    "as.gemeente": "Gemeente",
    "as.provincie": "Provincie",
    "grafiek.per_provincie": "Deze selectie heeft {n} gemeenten met interventies. Daarom telt "
    "deze grafiek ze op per provincie; de tabel toont dezelfde cijfers. Kies {limiet} gemeenten "
    "of minder om ze elk te zien. De kaart en haar lijst tonen altijd elke gemeente.",
    "as.thema": "Thema",
    "as.status": "Status",
    "as.doelgroep": "Doelgroep",
    "as.aantal": "Aantal interventies",
    "as.uitgevoerd": "Uitgevoerd",
    "as.uitvoeringsgraad": "Uitvoeringsgraad",
    "as.betrouwbaar": "Betrouwbaar (5 of meer)",
    "as.factor": "Factor",
    "as.domein": "Leefdomein",
    "as.bewijs": "Bewijs",
    "as.gedekt": "Gedekt",
    "as.dekking": "Dekking risicofactoren",
    "as.inwoners": "Inwoners",
    "as.datum": "Datum",
    "as.gebeurtenis": "Gebeurtenis",
    "as.aantal_gemeenten": "Aantal gemeenten",
    "as.uitleg": "Uitleg",
    "as.bron": "Bron",
    "as.n_gemeenten": "Aantal gemeenten",
    "as.referentie": "Referentie praktijkscan",
    "as.vergelijking": "Vergelijking",
    "as.illustratief": "Voorbeelddata",
    "as.focusgebied": "Focusgebied",
    # notices
    "illustratief.melding": "Voorbeelddata: de interventies zijn gegenereerd en niet officieel. "
    "Alleen de totalen van de {botoc} BOTOC-gemeenten ({totaal} interventies, {uitgevoerd} "
    "uitgevoerd) komen uit de beleidsreactie van 2022.",
    "onbetrouwbaar.uitleg": "Percentages over minder dan 5 interventies zijn onbetrouwbaar en "
    "gemarkeerd met *.",
    "tabel.toon": "Tabel met de cijfers",
    "voet.versie": "Dataversie {versie} van {datum}",
    "voet.bronnen": "Bronnen",
    "voet.status.gepubliceerd": "gepubliceerd",
    "voet.status.illustratief": "voorbeelddata",
    # overview
    "overzicht.titel": "Overzicht",
    "overzicht.intro": "Preventie met gezag helpt gemeenten om jongeren uit de georganiseerde "
    "misdaad te houden. Dit overzicht toont de cijfers van de gekozen selectie.",
    "kpi.gemeenten": "Gemeenten",
    "kpi.interventies": "Interventies",
    "kpi.uitvoeringsgraad": "Uitvoeringsgraad",
    "kpi.dekking": "Sterke risicofactoren gedekt",
    "kpi.dekking.waarde": "{gedekt} van {totaal}",
    "kpi.uitvoeringsgraad.hulp": "In uitvoering of afgerond, gedeeld door alle interventies.",
    "kpi.dekking.hulp": "Beïnvloedbare risicofactoren met gefundeerd of relatief sterk bewijs "
    "waar ten minste één interventie in de selectie op is gericht.",
    "overzicht.tijdlijn": "Tijdlijn",
    "overzicht.lessen": "Lessen uit het onderzoek",
    "overzicht.datastatus": "Status van de data",
    "overzicht.vergelijk": "Vergelijking",
    "overzicht.vergelijk.uitleg": "Uitvoeringsgraad van de selectie naast de eigen golf en alle "
    "gemeenten.",
    "vergelijk.selectie": "Uw selectie",
    "vergelijk.golf": "Instroomgolf: {golf}",
    "vergelijk.alle": "Alle gemeenten",
    "datastatus.tabel": "Tabel",
    "datastatus.status": "Status",
    "datastatus.rijen": "Rijen",
    "datastatus.datum": "Datum",
    # findings (one sentence per chart, B1)
    "bevinding.themas": "De meeste interventies gaan over {thema}: {n} van de {totaal} ({pct}).",
    "bevinding.thema_gemeente": "{gemeente} heeft de meeste interventies binnen één thema: "
    "{n} over {thema}.",
    "bevinding.doelgroep": "De grootste doelgroep is {doelgroep}: {n} van de {totaal} "
    "interventies.",
    "bevinding.doelgroep.onbekend": "Bij {n} van de {totaal} interventies staat geen doelgroep.",
    "bevinding.uitvoering.een": "In {gemeente} zijn {uitgevoerd} van de {n} interventies in "
    "uitvoering of afgerond ({pct}).",
    "bevinding.uitvoering.meer": "{boven} van de {totaal} gemeenten halen de referentie van "
    "{ref}; het hoogst is {beste} ({pct}).",
    "bevinding.uitvoering.thema": "Binnen {thema} is de uitvoeringsgraad het hoogst: {pct}.",
    "bevinding.status": "{n} van de {totaal} interventies zijn nog niet gestart of niet "
    "uitgevoerd.",
    "bevinding.dekking": "{gedekt} van de {totaal} sterk onderbouwde, beïnvloedbare "
    "risicofactoren worden gedekt door ten minste één interventie.",
    "bevinding.tijdlijn": "Het programma groeide van {start} BOTOC-gemeenten in 2020 naar "
    "{eind} gemeenten in {jaar}.",
    "bevinding.kaart": "De kaart toont {n} gemeenten; {hoogst} heeft de hoogste waarde ({waarde}).",
    "bevinding.vergelijk": "De selectie heeft een uitvoeringsgraad van {selectie}; alle "
    "gemeenten samen {alle}.",
    # map
    "kaart.titel": "Kaart",
    "kaart.intro": "Elke gemeente is een cirkel. Grootte en kleur tonen de gekozen maat. "
    "Klik op een cirkel om de gemeente te selecteren voor de andere pagina's.",
    "kaart.maat": "Maat op de kaart",
    "maat.interventies": "Aantal interventies",
    "maat.uitvoeringsgraad": "Uitvoeringsgraad",
    "maat.dekking": "Dekking risicofactoren",
    "maat.inwoners": "Inwoners",
    "kaart.legenda": "Legenda",
    "kaart.legenda.grootte": "Grootte van de cirkel: {maat}. Grijs: onbekend of minder dan 5 "
    "interventies.",
    "kaart.grenzen.aan": "Gemeentegrenzen uit {bestand}.",
    "kaart.grenzen.uit": "Geen grenzenbestand ingesteld: de kaart toont alleen symbolen en namen.",
    "kaart.lijst": "Lijst van gemeenten op de kaart",
    "kaart.geselecteerd": "Geselecteerd op de kaart: {gemeente}.",
    "kaart.alt": "Kaart van Nederland met {n} gemeenten.",
    # themes
    "themas.titel": "Thema's",
    "themas.intro": "Waar gaan de interventies over, en voor wie zijn ze bedoeld?",
    "themas.per_thema": "Interventies per thema",
    "themas.per_gemeente": "Interventies per gemeente en thema",
    "themas.doelgroep": "Interventies per doelgroep",
    # execution
    "uitvoering.titel": "Uitvoering",
    "uitvoering.intro": "Welk deel van de interventies is in uitvoering of afgerond? De "
    "praktijkscan vond {uitgevoerd} van de {totaal} ({pct}) bij de BOTOC-gemeenten.",
    "uitvoering.per_gemeente": "Uitvoeringsgraad per gemeente",
    "uitvoering.per_thema": "Uitvoeringsgraad per thema",
    "uitvoering.status": "Stand van uitvoering per gemeente",
    # risk factors
    "risico.titel": "Risicofactoren",
    "risico.intro": "Op welke risicofactoren richten de interventies zich, en welke sterk "
    "onderbouwde factoren krijgen nog geen aandacht?",
    "risico.deel": "Let op: de openbare bronnen noemen maar een deel van de {risico} "
    "risicofactoren en {beschermend} beschermende factoren uit de kennissynthese. Dit "
    "dashboard toont {getoond_r} risicofactoren en {getoond_b} beschermende factoren.",
    "risico.heatmap": "Dekking van risicofactoren per gemeente",
    "risico.gaten": "Sterk onderbouwde risicofactoren zonder interventie",
    "risico.geen_gaten": "Elke sterk onderbouwde, beïnvloedbare risicofactor wordt in deze "
    "selectie door ten minste één interventie gedekt.",
    "risico.beschermend": "Gebruikte beschermende factoren",
    "risico.geen_beschermend": "Geen interventie in deze selectie richt zich op een "
    "beschermende factor.",
    "bevinding.gaten": "{n} sterk onderbouwde risicofactoren worden door geen enkele "
    "interventie gedekt.",
    "bevinding.beschermend": "{n} van de {totaal} beschermende factoren worden gebruikt.",
    "fout.data": "De meegeleverde data zijn ongeldig. Het dashboard kan niet starten.",
    "fout.data.regel": "{bestand}, rij {rij}, kolom {kolom}: {bericht}",
}

_EN: dict[str, str] = {
    "app.titel": "Preventie met gezag",
    "app.ondertitel": "Dashboard of the programme against young people drifting into organised "
    "crime",
    "nav.overzicht": "Overview",
    "nav.kaart": "Map",
    "nav.themas": "Themes",
    "nav.uitvoering": "Execution",
    "nav.risicofactoren": "Risk factors",
    "taal.label": "Taal / Language",
    "filter.kop": "Selection",
    "filter.gemeente": "Municipality",
    "filter.golf": "Wave",
    "filter.botoc": "BOTOC municipality",
    "filter.botoc.alle": "All",
    "filter.botoc.ja": "Yes",
    "filter.botoc.nee": "No",
    "filter.thema": "Theme",
    "filter.status": "Status",
    "filter.doelgroep": "Target group",
    "filter.domein": "Life domain of factors",
    "filter.placeholder": "All",
    "filter.wissen": "Clear selection",
    "filter.link": "This link opens the same view. Copy the address bar to share it.",
    "filter.samenvatting": "{n_gemeenten} municipalities, {n_interventies} interventions",
    "leeg.titel": "No data for this selection",
    "leeg.uitleg": "No interventions match all the chosen filters. Widen the selection or "
    "choose 'Clear selection' in the sidebar.",
    "ja": "yes",
    "nee": "no",
    "as.gemeente": "Municipality",
    "as.provincie": "Province",
    "grafiek.per_provincie": "This selection has {n} municipalities with interventions, so this "
    "chart adds them up per province; the table shows the same figures. Choose {limiet} "
    "municipalities or fewer to see each one. The map and its list always show every "
    "municipality.",
    "as.thema": "Theme",
    "as.status": "Status",
    "as.doelgroep": "Target group",
    "as.aantal": "Number of interventions",
    "as.uitgevoerd": "Carried out",
    "as.uitvoeringsgraad": "Execution rate",
    "as.betrouwbaar": "Reliable (5 or more)",
    "as.factor": "Factor",
    "as.domein": "Life domain",
    "as.bewijs": "Evidence",
    "as.gedekt": "Covered",
    "as.dekking": "Risk-factor coverage",
    "as.inwoners": "Population",
    "as.datum": "Date",
    "as.gebeurtenis": "Event",
    "as.aantal_gemeenten": "Number of municipalities",
    "as.uitleg": "Explanation",
    "as.bron": "Source",
    "as.n_gemeenten": "Number of municipalities",
    "as.referentie": "Practice-scan reference",
    "as.vergelijking": "Comparison",
    "as.illustratief": "Example data",
    "as.focusgebied": "Focus area",
    "illustratief.melding": "Example data: the interventions are generated and not official. "
    "Only the totals of the {botoc} BOTOC municipalities ({totaal} interventions, {uitgevoerd} "
    "carried out) come from the 2022 policy letter.",
    "onbetrouwbaar.uitleg": "Percentages over fewer than 5 interventions are unreliable and "
    "marked with *.",
    "tabel.toon": "Table with the figures",
    "voet.versie": "Data version {versie} of {datum}",
    "voet.bronnen": "Sources",
    "voet.status.gepubliceerd": "published",
    "voet.status.illustratief": "example data",
    "overzicht.titel": "Overview",
    "overzicht.intro": "Preventie met gezag helps municipalities keep young people out of "
    "organised crime. This overview shows the figures of the chosen selection.",
    "kpi.gemeenten": "Municipalities",
    "kpi.interventies": "Interventions",
    "kpi.uitvoeringsgraad": "Execution rate",
    "kpi.dekking": "Strong risk factors covered",
    "kpi.dekking.waarde": "{gedekt} of {totaal}",
    "kpi.uitvoeringsgraad.hulp": "Running or completed, divided by all interventions.",
    "kpi.dekking.hulp": "Addressable risk factors with well-founded or relatively strong "
    "evidence that at least one intervention in the selection targets.",
    "overzicht.tijdlijn": "Timeline",
    "overzicht.lessen": "Lessons from the research",
    "overzicht.datastatus": "Data status",
    "overzicht.vergelijk": "Comparison",
    "overzicht.vergelijk.uitleg": "Execution rate of the selection next to its own wave and all "
    "municipalities.",
    "vergelijk.selectie": "Your selection",
    "vergelijk.golf": "Wave: {golf}",
    "vergelijk.alle": "All municipalities",
    "datastatus.tabel": "Table",
    "datastatus.status": "Status",
    "datastatus.rijen": "Rows",
    "datastatus.datum": "Date",
    "bevinding.themas": "Most interventions are about {thema}: {n} of {totaal} ({pct}).",
    "bevinding.thema_gemeente": "{gemeente} has the most interventions within one theme: "
    "{n} on {thema}.",
    "bevinding.doelgroep": "The largest target group is {doelgroep}: {n} of {totaal} "
    "interventions.",
    "bevinding.doelgroep.onbekend": "{n} of {totaal} interventions have no target group.",
    "bevinding.uitvoering.een": "In {gemeente}, {uitgevoerd} of {n} interventions are running or "
    "completed ({pct}).",
    "bevinding.uitvoering.meer": "{boven} of {totaal} municipalities reach the reference of "
    "{ref}; the highest is {beste} ({pct}).",
    "bevinding.uitvoering.thema": "The execution rate is highest within {thema}: {pct}.",
    "bevinding.status": "{n} of {totaal} interventions have not started or were not carried out.",
    "bevinding.dekking": "{gedekt} of {totaal} strongly supported, addressable risk factors are "
    "covered by at least one intervention.",
    "bevinding.tijdlijn": "The programme grew from {start} BOTOC municipalities in 2020 to "
    "{eind} municipalities in {jaar}.",
    "bevinding.kaart": "The map shows {n} municipalities; {hoogst} has the highest value "
    "({waarde}).",
    "bevinding.vergelijk": "The selection has an execution rate of {selectie}; all "
    "municipalities together {alle}.",
    "kaart.titel": "Map",
    "kaart.intro": "Each municipality is a circle. Size and colour show the chosen measure. "
    "Click a circle to select the municipality for the other pages.",
    "kaart.maat": "Measure on the map",
    "maat.interventies": "Number of interventions",
    "maat.uitvoeringsgraad": "Execution rate",
    "maat.dekking": "Risk-factor coverage",
    "maat.inwoners": "Population",
    "kaart.legenda": "Legend",
    "kaart.legenda.grootte": "Circle size: {maat}. Grey: unknown or fewer than 5 interventions.",
    "kaart.grenzen.aan": "Municipal boundaries from {bestand}.",
    "kaart.grenzen.uit": "No boundary file configured: the map shows symbols and names only.",
    "kaart.lijst": "List of the municipalities on the map",
    "kaart.geselecteerd": "Selected on the map: {gemeente}.",
    "kaart.alt": "Map of the Netherlands with {n} municipalities.",
    "themas.titel": "Themes",
    "themas.intro": "What are the interventions about, and who are they for?",
    "themas.per_thema": "Interventions by theme",
    "themas.per_gemeente": "Interventions by municipality and theme",
    "themas.doelgroep": "Interventions by target group",
    "uitvoering.titel": "Execution",
    "uitvoering.intro": "Which share of the interventions is running or completed? The practice "
    "scan found {uitgevoerd} of {totaal} ({pct}) in the BOTOC municipalities.",
    "uitvoering.per_gemeente": "Execution rate by municipality",
    "uitvoering.per_thema": "Execution rate by theme",
    "uitvoering.status": "State of execution by municipality",
    "risico.titel": "Risk factors",
    "risico.intro": "Which risk factors do the interventions target, and which strongly "
    "supported factors get no attention yet?",
    "risico.deel": "Note: the public sources name only part of the {risico} risk factors and "
    "{beschermend} protective factors of the knowledge synthesis. This dashboard shows "
    "{getoond_r} risk factors and {getoond_b} protective factors.",
    "risico.heatmap": "Risk-factor coverage by municipality",
    "risico.gaten": "Strongly supported risk factors without an intervention",
    "risico.geen_gaten": "Every strongly supported, addressable risk factor is covered by at "
    "least one intervention in this selection.",
    "risico.beschermend": "Protective factors used",
    "risico.geen_beschermend": "No intervention in this selection targets a protective factor.",
    "bevinding.gaten": "{n} strongly supported risk factors are not covered by any intervention.",
    "bevinding.beschermend": "{n} of {totaal} protective factors are used.",
    "fout.data": "The bundled data are invalid. The dashboard cannot start.",
    "fout.data.regel": "{bestand}, row {rij}, column {kolom}: {bericht}",
}

CATALOGUE: Final[dict[Lang, dict[str, str]]] = {"nl": _NL, "en": _EN}

_ISSUES_NL: dict[str, str] = {
    "issue.missing_column": "De kolom '{column}' ontbreekt. Voeg een kolom met deze naam toe.",
    "issue.unknown_column": "De kolom '{column}' is onbekend en wordt genegeerd.",
    "issue.required": "Deze cel is leeg. Vul een waarde in voor '{column}'.",
    "issue.type_int": "Dit is geen geheel getal. Vul een getal zonder decimalen in.",
    "issue.type_float": "Dit is geen getal. Gebruik bijvoorbeeld 12500,50.",
    "issue.type_bool": "Dit is geen ja/nee-waarde. Gebruik ja of nee.",
    "issue.enum": "Deze waarde is niet toegestaan. Kies uit: {allowed}.",
    "issue.minimum": "Deze waarde is te klein. De kleinste toegestane waarde is {minimum}.",
    "issue.maximum": "Deze waarde is te groot. De grootste toegestane waarde is {maximum}.",
    "issue.pattern": "Deze waarde heeft niet de juiste vorm.",
    "issue.duplicate": "Deze waarde komt vaker voor in '{column}'. Elke waarde moet uniek zijn.",
    "issue.duplicate_pair": "Deze combinatie van {kolommen} komt vaker voor. Elke combinatie mag "
    "maar één keer voorkomen.",
    "issue.reference": "Deze code bestaat niet in de tabel '{table}'.",
}
_ISSUES_EN: dict[str, str] = {
    "issue.missing_column": "The column '{column}' is missing. Add a column with this name.",
    "issue.unknown_column": "The column '{column}' is unknown and will be ignored.",
    "issue.required": "This cell is empty. Enter a value for '{column}'.",
    "issue.type_int": "This is not a whole number. Enter a number without decimals.",
    "issue.type_float": "This is not a number. Use for example 12500.50.",
    "issue.type_bool": "This is not a yes/no value. Use yes or no.",
    "issue.enum": "This value is not allowed. Choose from: {allowed}.",
    "issue.minimum": "This value is too small. The smallest allowed value is {minimum}.",
    "issue.maximum": "This value is too large. The largest allowed value is {maximum}.",
    "issue.pattern": "This value does not have the right form.",
    "issue.duplicate": "This value occurs more than once in '{column}'. Each value must be unique.",
    "issue.duplicate_pair": "This combination of {kolommen} occurs more than once. Each "
    "combination may occur only once.",
    "issue.reference": "This code does not exist in the table '{table}'.",
}
_NL.update(_ISSUES_NL)
_EN.update(_ISSUES_EN)
_NL.update(strings_charts.NL)
_EN.update(strings_charts.EN)

_NL.update(
    {
        "filter.domein.hulp": "Beperkt de risicofactoren op de pagina's Overzicht en "
        "Risicofactoren tot deze leefdomeinen.",
        "url.genegeerd": "Een deel van de link werd niet herkend en is genegeerd: {params}.",
        "bevinding.label": "Kort gezegd",
        "voet.status": "Status",
        "voet.licentie": "Licentie",
        "voet.illustratief": "Cijfers over interventies zijn gebaseerd op voorbeelddata "
        "(illustratief = true) en zijn niet officieel.",
        "bevinding.gaten.een": "1 sterk onderbouwde risicofactor wordt door geen enkele "
        "interventie gedekt.",
    }
)
_EN.update(
    {
        "filter.domein.hulp": "Limits the risk factors on the Overview and Risk factors pages to "
        "these life domains.",
        "url.genegeerd": "Part of the link was not recognised and has been ignored: {params}.",
        "bevinding.label": "In short",
        "voet.status": "Status",
        "voet.licentie": "Licence",
        "voet.illustratief": "Figures about interventions are based on example data "
        "(illustratief = true) and are not official.",
        "bevinding.gaten.een": "1 strongly supported risk factor is not covered by any "
        "intervention.",
    }
)
_NL.update(
    {
        "kpi.illustratief": "Aantallen en percentages hierboven zijn berekend op voorbeelddata.",
        "onbekend": "onbekend",
    }
)
_EN.update(
    {
        "kpi.illustratief": "The counts and percentages above are computed on example data.",
        "onbekend": "unknown",
    }
)
_NL.update(
    {
        "bevinding.kaart.een": "De kaart toont 1 gemeente: {hoogst} ({waarde}).",
        "bevinding.kaart.onbekend": "De kaart toont {n} gemeenten; voor deze maat is geen "
        "betrouwbare waarde bekend.",
    }
)
_EN.update(
    {
        "bevinding.kaart.een": "The map shows 1 municipality: {hoogst} ({waarde}).",
        "bevinding.kaart.onbekend": "The map shows {n} municipalities; no reliable value is "
        "known for this measure.",
    }
)
_NL.update(strings_a11y.NL)
_EN.update(strings_a11y.EN)
_NL.update(
    {
        "sjabloon.kolom": "Kolom",
        "sjabloon.type": "Type",
        "sjabloon.verplicht": "Verplicht",
        "sjabloon.uniek": "Uniek",
        "sjabloon.toegestaan": "Toegestane waarden",
        "sjabloon.omschrijving": "Omschrijving",
        "sjabloon.woordenboek": "woordenboek",
        "sjabloon.type.str": "tekst",
        "sjabloon.type.int": "geheel getal",
        "sjabloon.type.float": "getal (decimale komma mag)",
        "sjabloon.type.bool": "ja/nee",
    }
)
_EN.update(
    {
        "sjabloon.kolom": "Column",
        "sjabloon.type": "Type",
        "sjabloon.verplicht": "Required",
        "sjabloon.uniek": "Unique",
        "sjabloon.toegestaan": "Allowed values",
        "sjabloon.omschrijving": "Description",
        "sjabloon.woordenboek": "dictionary",
        "sjabloon.type.str": "text",
        "sjabloon.type.int": "whole number",
        "sjabloon.type.float": "number (decimal comma allowed)",
        "sjabloon.type.bool": "yes/no",
    }
)
_NL.update(strings_store.NL)
_EN.update(strings_store.EN)
_NL.update(strings_upload.NL)
_EN.update(strings_upload.EN)
_NL.update(
    {
        "cli.errors": "FOUT",
        "cli.warnings": "WAARSCHUWING",
        "cli.geldig": "Geldig: {fouten} fouten, {waarschuwingen} waarschuwingen.",
        "cli.ongeldig": "Ongeldig: {fouten} fouten, {waarschuwingen} waarschuwingen. Er is niets "
        "opgeslagen.",
        "cli.geen_wachtwoord": "Er is geen analist-wachtwoordzin ingesteld "
        "(analyst_passphrase_hash in .streamlit/secrets.toml); publiceren en herstellen kan dan "
        "niet. Maak er een met: python -m lib.data.auth",
        "cli.wachtwoord": "Analist-wachtwoordzin: ",
        "cli.gepubliceerd": "Gepubliceerd als versie {versie}.",
        "cli.geen_versies": "Er zijn nog geen gepubliceerde versies; het dashboard toont de "
        "meegeleverde data.",
        "cli.herstel": "Herstel van versie {versie}",
        "cli.hersteld": "Versie {oud} is hersteld als nieuwe versie {versie}.",
        "store.basis": "Meegeleverde data (versie 0)",
    }
)
_EN.update(
    {
        "cli.errors": "ERROR",
        "cli.warnings": "WARNING",
        "cli.geldig": "Valid: {fouten} errors, {waarschuwingen} warnings.",
        "cli.ongeldig": "Invalid: {fouten} errors, {waarschuwingen} warnings. Nothing was stored.",
        "cli.geen_wachtwoord": "No analyst passphrase is configured (analyst_passphrase_hash in "
        ".streamlit/secrets.toml); publishing and restoring are not possible. Create one with: "
        "python -m lib.data.auth",
        "cli.wachtwoord": "Analyst passphrase: ",
        "cli.gepubliceerd": "Published as version {versie}.",
        "cli.geen_versies": "No versions have been published yet; the dashboard shows the bundled "
        "data.",
        "cli.herstel": "Restore of version {versie}",
        "cli.hersteld": "Version {oud} has been restored as new version {versie}.",
        "store.basis": "Bundled data (version 0)",
    }
)
_NL.update(
    {
        "nav.data": "Data bijwerken",
        "nav.versies": "Versies",
        "data.titel": "Data bijwerken",
        "data.intro": "Upload een nieuw bestand met interventies of voortgang (CSV of Excel). "
        "U ziet meteen hoe het bestand is gelezen, wat er niet klopt en wat er verandert. "
        "Publiceren maakt een nieuwe versie; oude versies blijven bewaard.",
        "data.tabel": "Welke tabel werkt u bij?",
        "data.bestand": "Bestand (CSV of XLSX)",
        "data.blad": "Werkblad",
        "data.sjablonen": "Sjablonen en voorbeeldbestanden",
        "data.sjablonen.uitleg": "Leeg sjabloon, voorbeeldbestand en woordenboek van de kolommen. "
        "De CSV-bestanden gebruiken ; en een decimale komma, zodat Excel ze goed opent.",
        "data.fouten": "{fouten} fouten en {waarschuwingen} waarschuwingen. Los de fouten op en "
        "upload het bestand opnieuw; er is niets opgeslagen.",
        "data.waarschuwingen": "Geen fouten, wel {waarschuwingen} waarschuwingen. U kunt "
        "publiceren.",
        "data.geldig": "Het bestand is in orde.",
        "data.rapport.download": "Rapport downloaden (CSV)",
        "data.voorbeeld": "Voorbeeld van de nieuwe data",
        "data.voor": "Nu",
        "data.na": "Na publiceren",
        "data.toegevoegd": "Toegevoegd",
        "data.gewijzigd": "Gewijzigde cellen",
        "data.verwijderd": "Verwijderd",
        "data.reikwijdte": "Wat vervangt dit bestand?",
        "data.opmerking": "Opmerking (verplicht)",
        "data.wie": "Uw naam of e-mailadres",
        "data.publiceren": "Publiceren als nieuwe versie",
        "data.alleen_analisten": "Alleen analisten kunnen publiceren. Meld u hierboven aan.",
        "data.gepubliceerd": "Gepubliceerd als versie {versie}. Iedereen ziet deze versie bij de "
        "volgende klik.",
        "data.inloggen": "Inloggen",
        "data.wachtwoord": "Analist-wachtwoordzin",
        "data.aanmelden": "Aanmelden",
        "data.rol": "Uw rol",
        "versies.titel": "Versies",
        "versies.intro": "Elke publicatie is een nieuwe versie. U kunt een oude versie bekijken, "
        "twee versies vergelijken en een oude versie terugzetten als nieuwe versie.",
        "versies.tijdstip": "Tijdstip (UTC)",
        "versies.actie": "Actie",
        "versies.wie": "Wie",
        "versies.opmerking": "Opmerking",
        "versies.bronbestand": "Bronbestand",
        "versies.rijen": "Rijen interventies",
        "versies.checksum": "Controlegetal",
        "versies.bekijken": "Een versie bekijken",
        "versies.bekijk": "Versie",
        "versies.bekijk.knop": "Toon deze versie in het dashboard (alleen lezen)",
        "versies.terug": "Terug naar de huidige versie",
        "versies.alleen_lezen": "U bekijkt versie {versie} (alleen lezen). Ga naar Versies om "
        "terug te gaan naar de huidige versie.",
        "versies.vergelijken": "Twee versies vergelijken",
        "versies.oud": "Oude versie",
        "versies.nieuw": "Nieuwe versie",
        "versies.herstellen": "Een versie terugzetten",
        "versies.herstel.versie": "Versie om terug te zetten",
        "versies.herstel.knop": "Terugzetten als nieuwe versie",
    }
)
_EN.update(
    {
        "nav.data": "Update data",
        "nav.versies": "Versions",
        "data.titel": "Update data",
        "data.intro": "Upload a new file with interventions or progress (CSV or Excel). You see "
        "straight away how the file was read, what is wrong and what changes. Publishing creates "
        "a new version; old versions are kept.",
        "data.tabel": "Which table are you updating?",
        "data.bestand": "File (CSV or XLSX)",
        "data.blad": "Sheet",
        "data.sjablonen": "Templates and example files",
        "data.sjablonen.uitleg": "Empty template, example file and dictionary of the columns. The "
        "CSV files use ; and a decimal comma, so that Excel opens them correctly.",
        "data.fouten": "{fouten} errors and {waarschuwingen} warnings. Fix the errors and upload "
        "the file again; nothing was stored.",
        "data.waarschuwingen": "No errors, but {waarschuwingen} warnings. You can publish.",
        "data.geldig": "The file is in order.",
        "data.rapport.download": "Download the report (CSV)",
        "data.voorbeeld": "Preview of the new data",
        "data.voor": "Now",
        "data.na": "After publishing",
        "data.toegevoegd": "Added",
        "data.gewijzigd": "Changed cells",
        "data.verwijderd": "Removed",
        "data.reikwijdte": "What does this file replace?",
        "data.opmerking": "Comment (required)",
        "data.wie": "Your name or e-mail address",
        "data.publiceren": "Publish as a new version",
        "data.alleen_analisten": "Only analysts can publish. Sign in above.",
        "data.gepubliceerd": "Published as version {versie}. Everybody sees this version at their "
        "next click.",
        "data.inloggen": "Log in",
        "data.wachtwoord": "Analyst passphrase",
        "data.aanmelden": "Sign in",
        "data.rol": "Your role",
        "versies.titel": "Versions",
        "versies.intro": "Every publication is a new version. You can view an old version, "
        "compare two versions and restore an old version as a new version.",
        "versies.tijdstip": "Time (UTC)",
        "versies.actie": "Action",
        "versies.wie": "Who",
        "versies.opmerking": "Comment",
        "versies.bronbestand": "Source file",
        "versies.rijen": "Intervention rows",
        "versies.checksum": "Checksum",
        "versies.bekijken": "View a version",
        "versies.bekijk": "Version",
        "versies.bekijk.knop": "Show this version in the dashboard (read-only)",
        "versies.terug": "Back to the current version",
        "versies.alleen_lezen": "You are viewing version {versie} (read-only). Go to Versions to "
        "return to the current version.",
        "versies.vergelijken": "Compare two versions",
        "versies.oud": "Old version",
        "versies.nieuw": "New version",
        "versies.herstellen": "Restore a version",
        "versies.herstel.versie": "Version to restore",
        "versies.herstel.knop": "Restore as a new version",
    }
)
_NL.update(
    {
        "kind.bsn": "BSN",
        "kind.geboortedatum": "geboortedatum",
        "kind.email": "e-mailadres",
        "kind.telefoon": "telefoonnummer",
    }
)
_EN.update(
    {
        "kind.bsn": "citizen service number, BSN",
        "kind.geboortedatum": "date of birth",
        "kind.email": "e-mail address",
        "kind.telefoon": "phone number",
    }
)
_NL.update({"tabel.interventies": "Interventies", "tabel.voortgang": "Voortgang per periode"})
_EN.update({"tabel.interventies": "Interventions", "tabel.voortgang": "Progress per period"})
_NL.update(strings_kenniskaart.NL)
_EN.update(strings_kenniskaart.EN)
_NL.update(strings_presentatie.NL)
_EN.update(strings_presentatie.EN)
