"""Code lists of the data contract, and the languages of the dashboard.

Codes are lowercase snake_case (provinces keep their official names). Every table, filter and
URL uses these codes; labels are looked up by ``lib.text.labels``.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Lang = Literal["nl", "en"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
DEFAULT_LANG: Final[Lang] = "nl"


def as_lang(value: object) -> Lang:
    """A supported language code, or the default for anything else."""
    return value if value == "nl" or value == "en" else DEFAULT_LANG


PROVINCIES: tuple[str, ...] = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
THEMAS: tuple[str, ...] = (
    "gedragsinterventie",
    "jongerenwerk",
    "vroegsignalering",
    "gezin",
    "onderwijs_werk",
    "financien",
    "gezag",
    "samenwerking",
    "overig",
)
STATUSSEN: tuple[str, ...] = ("gepland", "in_uitvoering", "afgerond", "niet_uitgevoerd")
UITGEVOERD: tuple[str, ...] = ("in_uitvoering", "afgerond")
DOELGROEPEN: tuple[str, ...] = (
    "kinderen",
    "jongeren",
    "jongvolwassenen",
    "ouders",
    "professionals",
    "wijk",
)
DOMEINEN: tuple[str, ...] = ("individu", "gezin", "vrienden", "school_werk", "buurt")
BEWIJS: tuple[str, ...] = ("gefundeerd", "sterk", "zwak", "genoemd")
STERK_BEWIJS: tuple[str, ...] = ("gefundeerd", "sterk")
SOORTEN: tuple[str, ...] = ("risico", "beschermend")
GOLVEN: tuple[str, ...] = ("golf1_2022", "nplv_2023", "selectie_2023")
PRODUCTEN: tuple[str, ...] = ("kennissynthese", "praktijkscan", "beleidsreactie")
STATUS_DATA: tuple[str, ...] = ("gepubliceerd", "illustratief")
PIJLERS: tuple[str, ...] = ("perspectief", "grenzen", "verbindend")
"""The two pillars of Preventie met gezag (offering prospects, setting limits) and the
connecting themes that serve both; ``themas.pijler`` assigns each theme to one of them."""
