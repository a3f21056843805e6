"""Code lists of the data contract, and the languages of the dashboard.

Codes are lowercase snake_case (provinces keep their official names). Every table, filter and
URL uses these codes. ``LABELS`` names each code in both languages: the dashboard shows these
names (through ``lib.text.labels``), and an upload may use them instead of the codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, TypeGuard, get_args

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
GOLVEN: tuple[str, ...] = ("golf1_2022", "nplv_2023", "selectie_2023", "tranche_2024")
"""The waves of the programme: the 15 of the 2022 regulation, the 4 NPLV and 8 selected
municipalities of the 2023 regulation, and the 20 of the 2024 regulation (a one-off grant, no
focus area). Links may use any of these codes."""
PRODUCTEN: tuple[str, ...] = ("kennissynthese", "praktijkscan", "beleidsreactie")
STATUS_DATA: tuple[str, ...] = ("gepubliceerd", "illustratief")
PIJLERS: tuple[str, ...] = ("perspectief", "grenzen", "verbindend")
"""The two pillars of Preventie met gezag (offering prospects, setting limits) and the
connecting themes that serve both; ``themas.pijler`` assigns each theme to one of them."""

CodeKind = Literal["status", "doelgroep", "domein", "bewijs", "golf", "soort", "pijler", "product"]
"""The code lists whose codes have a name in each language (``LABELS``)."""

CODE_LISTS: Final[Mapping[CodeKind, tuple[str, ...]]] = {
    "status": STATUSSEN,
    "doelgroep": DOELGROEPEN,
    "domein": DOMEINEN,
    "bewijs": BEWIJS,
    "golf": GOLVEN,
    "soort": SOORTEN,
    "pijler": PIJLERS,
    "product": PRODUCTEN,
}

LABELS: Final[Mapping[CodeKind, Mapping[str, Mapping[Lang, str]]]] = {
    "status": {
        "gepland": {"nl": "Gepland", "en": "Planned"},
        "in_uitvoering": {"nl": "In uitvoering", "en": "Running"},
        "afgerond": {"nl": "Afgerond", "en": "Completed"},
        "niet_uitgevoerd": {"nl": "Niet uitgevoerd", "en": "Not carried out"},
    },
    "doelgroep": {
        "kinderen": {"nl": "Kinderen (8-11)", "en": "Children (8-11)"},
        "jongeren": {"nl": "Jongeren (12-17)", "en": "Young people (12-17)"},
        "jongvolwassenen": {"nl": "Jongvolwassenen (18-27)", "en": "Young adults (18-27)"},
        "ouders": {"nl": "Ouders", "en": "Parents"},
        "professionals": {"nl": "Professionals", "en": "Professionals"},
        "wijk": {"nl": "Wijk", "en": "Neighbourhood"},
    },
    "domein": {
        "individu": {"nl": "Individu", "en": "Individual"},
        "gezin": {"nl": "Gezin", "en": "Family"},
        "vrienden": {"nl": "Vrienden", "en": "Friends"},
        "school_werk": {"nl": "School en werk", "en": "School and work"},
        "buurt": {"nl": "Buurt", "en": "Neighbourhood"},
    },
    "bewijs": {
        "gefundeerd": {"nl": "Gefundeerd", "en": "Well-founded"},
        "sterk": {"nl": "Relatief sterk bewijs", "en": "Relatively strong evidence"},
        "zwak": {"nl": "Zwak bewijs", "en": "Weak evidence"},
        "genoemd": {"nl": "Genoemd", "en": "Named"},
    },
    "golf": {
        "golf1_2022": {"nl": "Eerste 15 (2022)", "en": "First 15 (2022)"},
        "nplv_2023": {"nl": "NPLV-uitbreiding (2023)", "en": "NPLV extension (2023)"},
        "selectie_2023": {"nl": "Selectie 2023", "en": "Selection 2023"},
        "tranche_2024": {
            "nl": "Eenmalige bijdrage (2024)",
            "en": "One-off grant (2024)",
        },
    },
    "soort": {
        "risico": {"nl": "Risicofactor", "en": "Risk factor"},
        "beschermend": {"nl": "Beschermende factor", "en": "Protective factor"},
    },
    "pijler": {
        "perspectief": {"nl": "Perspectief bieden", "en": "Offering prospects"},
        "grenzen": {"nl": "Grenzen stellen", "en": "Setting limits"},
        "verbindend": {"nl": "Verbindend", "en": "Connecting"},
    },
    "product": {
        "kennissynthese": {"nl": "Kennissynthese", "en": "Knowledge synthesis"},
        "praktijkscan": {"nl": "Praktijkscan", "en": "Practice scan"},
        "beleidsreactie": {"nl": "Beleidsreactie", "en": "Policy response"},
    },
}
"""kind -> code -> language -> name, for every code of every list in ``CODE_LISTS``."""


def is_code_kind(name: str) -> TypeGuard[CodeKind]:
    """Whether ``name`` (a column or a parameter) is a kind of code with names in ``LABELS``."""
    return name in LABELS


REGELINGEN: tuple[str, ...] = (
    "regeling_2022",
    "regeling_2023_nplv",
    "regeling_2023_selectie",
    "regeling_2024",
)
"""The legal basis under which a municipality takes part: the specific-grant regulations of 2022
(15 municipalities), 2023 (4 through the NPLV extension, 8 selected) and 2024 (20, one-off)."""


GOLF_VAN_REGELING: Final[Mapping[str, str]] = {
    "regeling_2022": "golf1_2022",
    "regeling_2023_nplv": "nplv_2023",
    "regeling_2023_selectie": "selectie_2023",
    "regeling_2024": "tranche_2024",
}
"""The wave (``gemeenten.golf``) of each regulation (``programma.regeling``): one to one."""
ONE_OFF_WAVES: Final[frozenset[str]] = frozenset({"tranche_2024"})
"""Waves whose municipalities take part with a one-off grant and no focus area."""


SOORTEN_DEELNAME: tuple[str, ...] = ("programma", "eenmalige_bijdrage")
"""``programma`` for the regulations of 2022 and 2023; ``eenmalige_bijdrage`` for 2024 (EUR
500,000 a year for three years, no focus area)."""


MISDRIJFSOORTEN: tuple[str, ...] = (
    "woninginbraak",
    "schuurinbraak",
    "autokraak",
    "autodiefstal",
    "fietsdiefstal",
    "moord_doodslag",
    "bedreiging",
    "mishandeling",
    "vernieling",
    "bedrijfsinbraak",
    "drugshandel",
    "wapenhandel",
)
"""The 12 offence types of the curated crime table, in the order of the police classification
(1.1.1 ... 3.1.3); ``misdrijfsoorten.csv`` maps each to its CBS code and labels."""


STEDELIJKHEID: tuple[int, ...] = (1, 2, 3, 4, 5)
"""CBS degree of urbanity: 1 very strongly urban ... 5 not urban."""


ONDERWERPEN: tuple[str, ...] = (
    "budget",
    "focusgebied",
    "interventies",
    "ambities",
    "ondersteuning",
    "context",
)


BETROUWBAARHEID: tuple[str, ...] = ("hoog", "middel_hoog", "middel", "laag_middel", "laag")


SOORTEN_BRON: tuple[str, ...] = (
    "gemeente",
    "gebiedsprogramma",
    "rijksoverheid",
    "uitvoerder",
    "adviesbureau",
    "onderzoeksdatabank",
    "lokale_media",
    "landelijke_media",
    "blog",
)
