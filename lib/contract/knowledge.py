"""The tables of knowledge about the programme: themes, risk and protective factors, which
themes address which factor, and the lessons of the research. Curated, never uploaded.
"""

from __future__ import annotations

from lib.contract.codes import BEWIJS, DOMEINEN, PIJLERS, PRODUCTEN, SOORTEN, THEMAS
from lib.contract.columns import BRON, Column, Table

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
