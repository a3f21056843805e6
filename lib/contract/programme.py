"""The tables of the programme itself: municipalities, interventions and their progress, the
timeline and key figures. Analysts upload ``interventies`` and ``voortgang``.
"""

from __future__ import annotations

from lib.contract.codes import DOELGROEPEN, GOLVEN, PROVINCIES, STATUSSEN, THEMAS
from lib.contract.columns import (
    BRON,
    GEMEENTECODE_PATTERN,
    ILLUSTRATIEF,
    PERIODE_PATTERN,
    Column,
    Table,
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
        Column(
            "provincie",
            "str",
            "Provincie; leeg = onbekend (geen bron)",
            "Province; empty = unknown (no source)",
            enum=PROVINCIES,
        ),
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
