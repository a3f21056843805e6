"""Strings used only by the chart and map builders (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {
    "as.periode": "Periode",
    "uitvoering.trend": "Uitvoeringsgraad per kwartaal",
    "uitvoering.trend.uitleg": "Uit de voortgangsrapportages: per periode het aandeel van de "
    "interventies in de selectie dat in uitvoering of afgerond is.",
    "uitvoering.trend.geen": "Voor deze selectie is geen voortgang per periode aangeleverd. "
    "Analisten kunnen die uploaden op de pagina Data bijwerken (tabel voortgang).",
    "bevinding.trend.een": "In {periode} is de uitvoeringsgraad {pct}.",
    "bevinding.trend.hoger": "De uitvoeringsgraad steeg van {begin} in {van} naar {eind} in {tot}.",
    "bevinding.trend.lager": "De uitvoeringsgraad daalde van {begin} in {van} naar {eind} in "
    "{tot}.",
    "bevinding.trend.gelijk": "De uitvoeringsgraad bleef gelijk: {begin} in {van} en {eind} in "
    "{tot}.",
    "as.aandeel": "Aandeel",
    "as.sterk": "Sterk onderbouwd en beïnvloedbaar",
    "grafiek.sterk.uitleg": "Vetgedrukte factoren zijn beïnvloedbaar en hebben gefundeerd of "
    "relatief sterk bewijs.",
    "grafiek.onbetrouwbaar": "Grijs en met *: minder dan 5 interventies, dus onbetrouwbaar.",
    "legenda.vanaf": "{waarde} of meer",
    "legenda.onbekend": "Onbekend",
    "legenda.onbekend.betrouwbaar": "Onbekend of minder dan 5 interventies",
}

EN: dict[str, str] = {
    "as.periode": "Period",
    "uitvoering.trend": "Execution rate by quarter",
    "uitvoering.trend.uitleg": "From the progress reports: per period, the share of the "
    "interventions in the selection that are running or completed.",
    "uitvoering.trend.geen": "No progress per period has been supplied for this selection. "
    "Analysts can upload it on the Update data page (table voortgang).",
    "bevinding.trend.een": "In {periode} the execution rate is {pct}.",
    "bevinding.trend.hoger": "The execution rate rose from {begin} in {van} to {eind} in {tot}.",
    "bevinding.trend.lager": "The execution rate fell from {begin} in {van} to {eind} in {tot}.",
    "bevinding.trend.gelijk": "The execution rate stayed the same: {begin} in {van} and {eind} "
    "in {tot}.",
    "as.aandeel": "Share",
    "as.sterk": "Strong evidence and addressable",
    "grafiek.sterk.uitleg": "Factors in bold are addressable and have well-founded or "
    "relatively strong evidence.",
    "grafiek.onbetrouwbaar": "Grey and marked *: fewer than 5 interventions, so unreliable.",
    "legenda.vanaf": "{waarde} or more",
    "legenda.onbekend": "Unknown",
    "legenda.onbekend.betrouwbaar": "Unknown or fewer than 5 interventions",
}
