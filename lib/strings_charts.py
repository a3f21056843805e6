"""Strings used only by the chart and map builders (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {
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
    "as.aandeel": "Share",
    "as.sterk": "Strong evidence and addressable",
    "grafiek.sterk.uitleg": "Factors in bold are addressable and have well-founded or "
    "relatively strong evidence.",
    "grafiek.onbetrouwbaar": "Grey and marked *: fewer than 5 interventions, so unreliable.",
    "legenda.vanaf": "{waarde} or more",
    "legenda.onbekend": "Unknown",
    "legenda.onbekend.betrouwbaar": "Unknown or fewer than 5 interventions",
}
