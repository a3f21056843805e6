"""The data contract (v1) as data: tables, columns, types, codes and rules.

Everything that checks, documents or templates a table reads it from here, so the contract
has one source. Codes are lowercase snake_case; labels live in ``lib.i18n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lib.contract.codes import (
    BEWIJS,
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    PIJLERS,
    PRODUCTEN,
    PROVINCIES,
    SOORTEN,
    STATUSSEN,
    THEMAS,
)

Dtype = Literal["str", "int", "float", "bool"]

GEMEENTECODE_PATTERN = r"^GM[0-9]{4}$"
PERIODE_PATTERN = r"^20[0-9]{2}-Q[1-4]$"
MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    """One column of a table: its type and the rules every value must meet."""

    name: str
    dtype: Dtype
    description_nl: str
    description_en: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    multi: bool = False
    references: tuple[str, str] | None = None
    present: Literal["required", "optional"] = "required"


@dataclass(frozen=True)
class Table:
    """A table of the contract; ``key`` is its unique identifier column."""

    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    unique_together: tuple[str, ...] = ()  # a combination that may occur only once

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


BRON = Column(
    "bron", "str", "Bron: URL of omschrijving", "Source: URL or description", present="optional"
)
ILLUSTRATIEF = Column(
    "illustratief",
    "bool",
    "true voor gegenereerde voorbeeldrijen",
    "true for generated example rows",
    present="optional",
)

GEMEENTEN = Table(
    "gemeenten",
    (
        Column(
            "gemeentecode",
            "str",
            "CBS-code, GM + 4 cijfers",
            "CBS code, GM + 4 digits",
            required=True,
            unique=True,
            pattern=GEMEENTECODE_PATTERN,
        ),
        Column("gemeente", "str", "Officiële CBS-naam", "Official CBS name", required=True),
        Column("weergavenaam", "str", "Naam in het dashboard", "Display name", present="optional"),
        Column("provincie", "str", "Provincie", "Province", required=True, enum=PROVINCIES),
        Column(
            "lat",
            "float",
            "Breedtegraad van het kaartsymbool (in de kern)",
            "Latitude of the map symbol (in the town)",
            required=True,
            minimum=50.7,
            maximum=53.6,
        ),
        Column(
            "lon",
            "float",
            "Lengtegraad van het kaartsymbool (in de kern)",
            "Longitude of the map symbol (in the town)",
            required=True,
            minimum=3.3,
            maximum=7.3,
        ),
        Column(
            "inwoners",
            "int",
            "Aantal inwoners (leeg = onbekend)",
            "Population (empty = unknown)",
            minimum=0,
            present="optional",
        ),
        Column(
            "inwoners_peiljaar",
            "int",
            "Jaar van het inwonertal",
            "Year of the population",
            minimum=2000,
            maximum=2035,
            present="optional",
        ),
        Column(
            "focusgebied",
            "str",
            "Focusgebied(en), gescheiden door ' | '",
            "Focus area(s), separated by ' | '",
            present="optional",
        ),
        Column(
            "golf", "str", "Instroomgolf in PmG", "Wave of joining PmG", required=True, enum=GOLVEN
        ),
        Column(
            "instroomjaar",
            "int",
            "Jaar van instroom in PmG",
            "Year the municipality joined",
            required=True,
            minimum=2020,
            maximum=2035,
        ),
        Column(
            "botoc",
            "bool",
            "Een van de 8 BOTOC-gemeenten",
            "One of the 8 BOTOC municipalities",
            required=True,
        ),
        BRON,
        ILLUSTRATIEF,
    ),
    key="gemeentecode",
)

THEMAS_TABLE = Table(
    "themas",
    (
        Column("thema", "str", "Themacode", "Theme code", required=True, unique=True, enum=THEMAS),
        Column("naam_nl", "str", "Naam (NL)", "Name (Dutch)", required=True),
        Column("naam_en", "str", "Naam (EN)", "Name (English)", required=True),
        Column("omschrijving_nl", "str", "Omschrijving (NL)", "Description (Dutch)", required=True),
        Column(
            "omschrijving_en", "str", "Omschrijving (EN)", "Description (English)", required=True
        ),
        Column(
            "pijler",
            "str",
            "Pijler van PmG: perspectief, grenzen of verbindend",
            "Pillar of PmG: prospects (perspectief), limits (grenzen) or connecting (verbindend)",
            required=True,
            enum=PIJLERS,
        ),
        BRON,
    ),
    key="thema",
)

FACTOREN = Table(
    "factoren",
    (
        Column(
            "factor",
            "str",
            "Factorcode",
            "Factor code",
            required=True,
            unique=True,
            pattern=r"^[a-z][a-z0-9_]*$",
        ),
        Column("naam_nl", "str", "Naam (NL)", "Name (Dutch)", required=True),
        Column("naam_en", "str", "Naam (EN)", "Name (English)", required=True),
        Column(
            "soort",
            "str",
            "risico of beschermend",
            "risk or protective",
            required=True,
            enum=SOORTEN,
        ),
        Column("domein", "str", "Leefdomein", "Life domain", required=True, enum=DOMEINEN),
        Column(
            "bewijs",
            "str",
            "Sterkte van het bewijs",
            "Strength of evidence",
            required=True,
            enum=BEWIJS,
        ),
        Column(
            "beinvloedbaar",
            "bool",
            "Kan een interventie er iets aan doen?",
            "Can an intervention address it?",
            required=True,
        ),
        Column(
            "uitleg_nl",
            "str",
            "Uitleg in één zin (NL)",
            "One-line explanation (Dutch)",
            required=True,
        ),
        Column(
            "uitleg_en",
            "str",
            "Uitleg in één zin (EN)",
            "One-line explanation (English)",
            required=True,
        ),
        Column(
            "bronnen",
            "str",
            "Bronnen (studie en URL), gescheiden door ' | '",
            "Sources (study and URL), separated by ' | '",
            required=True,
        ),
    ),
    key="factor",
)

FACTOR_THEMAS = Table(
    "factor_themas",
    (
        Column(
            "factor",
            "str",
            "Factorcode",
            "Factor code",
            required=True,
            references=("factoren", "factor"),
        ),
        Column(
            "thema",
            "str",
            "Themacode van interventies die de factor kunnen aanpakken",
            "Theme code of interventions that can address the factor",
            required=True,
            references=("themas", "thema"),
        ),
        Column(
            "toelichting_nl",
            "str",
            "Waarom dit thema de factor kan aanpakken (NL)",
            "Why this theme can address the factor (Dutch)",
            required=True,
        ),
        Column(
            "toelichting_en",
            "str",
            "Waarom dit thema de factor kan aanpakken (EN)",
            "Why this theme can address the factor (English)",
            required=True,
        ),
        Column(
            "bron",
            "str",
            "Bronnen van de factor, gescheiden door ' | '",
            "Sources of the factor, separated by ' | '",
            required=True,
        ),
    ),
)

INTERVENTIES = Table(
    "interventies",
    (
        Column(
            "interventie_id",
            "str",
            "Unieke, vaste code",
            "Unique, stable code",
            required=True,
            unique=True,
        ),
        Column(
            "gemeentecode",
            "str",
            "CBS-code van de gemeente",
            "CBS code of the municipality",
            required=True,
            pattern=GEMEENTECODE_PATTERN,
            references=("gemeenten", "gemeentecode"),
        ),
        Column("naam", "str", "Naam van de interventie", "Name of the intervention", required=True),
        Column("thema", "str", "Themacode", "Theme code", required=True, enum=THEMAS),
        Column(
            "status",
            "str",
            "Stand van uitvoering",
            "State of execution",
            required=True,
            enum=STATUSSEN,
        ),
        Column(
            "doelgroep", "str", "Doelgroep", "Target group", enum=DOELGROEPEN, present="optional"
        ),
        Column(
            "startjaar",
            "int",
            "Startjaar",
            "Start year",
            minimum=2018,
            maximum=2035,
            present="optional",
        ),
        Column(
            "bereik",
            "int",
            "Aantal bereikte jongeren",
            "Young people reached",
            minimum=0,
            present="optional",
        ),
        Column(
            "budget_eur",
            "float",
            "Budget in euro",
            "Budget in euros",
            minimum=0,
            present="optional",
        ),
        Column(
            "factoren",
            "str",
            "Factorcodes, gescheiden door |",
            "Factor codes, separated by |",
            multi=True,
            references=("factoren", "factor"),
            present="optional",
        ),
        Column(
            "monitoringplan",
            "bool",
            "Er is een monitoring- en evaluatieplan",
            "A monitoring and evaluation plan exists",
            present="optional",
        ),
        BRON,
        ILLUSTRATIEF,
    ),
    key="interventie_id",
)

VOORTGANG = Table(
    "voortgang",
    (
        Column(
            "interventie_id",
            "str",
            "Code van de interventie",
            "Intervention code",
            required=True,
            references=("interventies", "interventie_id"),
        ),
        Column(
            "periode",
            "str",
            "Periode, bijvoorbeeld 2023-Q2",
            "Period, e.g. 2023-Q2",
            required=True,
            pattern=PERIODE_PATTERN,
        ),
        Column(
            "status",
            "str",
            "Stand van uitvoering",
            "State of execution",
            required=True,
            enum=STATUSSEN,
        ),
        BRON,
        ILLUSTRATIEF,
    ),
    unique_together=("interventie_id", "periode"),
)

TIJDLIJN = Table(
    "tijdlijn",
    (
        Column(
            "datum",
            "str",
            "Datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
            "Date (YYYY, YYYY-MM or YYYY-MM-DD)",
            required=True,
            pattern=r"^20[0-9]{2}(-[0-9]{2}(-[0-9]{2})?)?$",
        ),
        Column("gebeurtenis_nl", "str", "Gebeurtenis (NL)", "Event (Dutch)", required=True),
        Column("gebeurtenis_en", "str", "Gebeurtenis (EN)", "Event (English)", required=True),
        Column(
            "aantal_gemeenten",
            "int",
            "Aantal gemeenten na deze stap",
            "Number of municipalities after this step",
            minimum=0,
            present="optional",
        ),
        Column("bron", "str", "Bron", "Source", required=True),
    ),
)

KERNCIJFERS = Table(
    "kerncijfers",
    (
        Column("cijfer", "str", "Code van het cijfer", "Figure code", required=True, unique=True),
        Column("waarde", "int", "Waarde", "Value", required=True, minimum=0),
        Column("omschrijving_nl", "str", "Omschrijving (NL)", "Description (Dutch)", required=True),
        Column(
            "omschrijving_en", "str", "Omschrijving (EN)", "Description (English)", required=True
        ),
        Column("bron", "str", "Bron", "Source", required=True),
    ),
    key="cijfer",
)

LESSEN = Table(
    "lessen",
    (
        Column("les", "str", "Code van de les", "Lesson code", required=True, unique=True),
        Column(
            "product", "str", "Onderzoeksproduct", "Research product", required=True, enum=PRODUCTEN
        ),
        Column("tekst_nl", "str", "Les (NL)", "Lesson (Dutch)", required=True),
        Column("tekst_en", "str", "Les (EN)", "Lesson (English)", required=True),
        Column("bron", "str", "Bron", "Source", required=True),
    ),
    key="les",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        GEMEENTEN,
        THEMAS_TABLE,
        FACTOREN,
        FACTOR_THEMAS,
        INTERVENTIES,
        VOORTGANG,
        TIJDLIJN,
        KERNCIJFERS,
        LESSEN,
    )
}
REQUIRED_TABLES: tuple[str, ...] = (
    "gemeenten",
    "themas",
    "factoren",
    "interventies",
    "tijdlijn",
    "kerncijfers",
    "lessen",
    "factor_themas",
)
UPLOADABLE_TABLES: tuple[str, ...] = ("interventies", "voortgang")
