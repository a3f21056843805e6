"""The contract of the public context tables (programme roster, population, registered crime).

``scripts/build_context.py`` writes these tables to ``data/curated/`` from the public files in
``data/reference/context/``; the rules here are what every row of them must meet. Codes are
Dutch snake_case; labels belong to the UI. Null stays null: a column that a source gives for
only one year (``stedelijkheid``, ``oppervlakte_land_ha``) is optional per row.
"""

from __future__ import annotations

from lib.contract.codes import (
    BETROUWBAARHEID,
    MISDRIJFSOORTEN,
    ONDERWERPEN,
    REGELINGEN,
    SOORTEN_BRON,
    SOORTEN_DEELNAME,
)
from lib.contract.columns import GEMEENTECODE_PATTERN, Column, Table

JAAR_MIN = 2012
JAAR_MAX = 2035


URL_PATTERN = r"^https://\S+$"
DATUM_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
"""A publication date: ``YYYY-MM-DD``, or ``YYYY-MM`` when the source gives only the month."""
PEILDATUM_PATTERN = r"^20[0-9]{2}-01-01$"
CBS_CODE_PATTERN = r"^[0-9]\.[0-9]\.[0-9]$"
SNAKE_PATTERN = r"^[a-z][a-z0-9_]*$"


def _gemeentecode(*, unique: bool = False, references: tuple[str, str] | None = None) -> Column:
    return Column(
        "gemeentecode",
        "str",
        "CBS-code, GM + 4 cijfers",
        "CBS code, GM + 4 digits",
        required=True,
        unique=unique,
        pattern=GEMEENTECODE_PATTERN,
        references=references,
    )


def _bron(*, description_nl: str, description_en: str) -> Column:
    return Column("bron", "str", description_nl, description_en, required=True, pattern=URL_PATTERN)


def _pct(name: str, band_nl: str, band_en: str) -> Column:
    return Column(
        name,
        "int",
        f"Aandeel inwoners {band_nl}, hele procenten",
        f"Share of inhabitants {band_en}, whole percentages",
        required=True,
        minimum=0,
        maximum=100,
    )


PROGRAMMA = Table(
    "programma",
    (
        _gemeentecode(unique=True, references=("bevolking", "gemeentecode")),
        Column(
            "gemeente",
            "str",
            "Officiële CBS-naam (2024)",
            "Official CBS name (2024)",
            required=True,
        ),
        Column(
            "regeling",
            "str",
            "Regeling waaronder de gemeente deelneemt",
            "Regulation under which the municipality takes part",
            required=True,
            enum=REGELINGEN,
        ),
        Column(
            "instroomjaar",
            "int",
            "Jaar van de regeling waarmee de gemeente instroomde",
            "Year of the regulation with which the municipality joined",
            required=True,
            minimum=JAAR_MIN,
            maximum=JAAR_MAX,
        ),
        Column(
            "soort_deelname",
            "str",
            "programma (2022, 2023) of eenmalige_bijdrage (2024)",
            "programma (2022, 2023) or eenmalige_bijdrage (one-off grant, 2024)",
            required=True,
            enum=SOORTEN_DEELNAME,
        ),
        _bron(
            description_nl="Regeling in de Staatscourant (URL)",
            description_en="Regulation in the Staatscourant (URL)",
        ),
        Column(
            "bron_datum",
            "str",
            "Datum van de regeling",
            "Date of the regulation",
            required=True,
            pattern=DATUM_PATTERN,
        ),
        Column(
            "bron_indeling",
            "str",
            "Bron van de splitsing NPLV/selectie (alleen regeling 2023), URL's gescheiden door |",
            "Source of the NPLV/selected split (2023 regulation only), URLs separated by |",
            multi=True,
            present="optional",
        ),
    ),
    key="gemeentecode",
)

BEVOLKING = Table(
    "bevolking",
    (
        _gemeentecode(),
        Column(
            "gemeente",
            "str",
            "Officiële CBS-naam (2024)",
            "Official CBS name (2024)",
            required=True,
        ),
        Column(
            "peildatum",
            "str",
            "Peildatum: 1 januari van het jaar",
            "Reference date: 1 January of the year",
            required=True,
            pattern=PEILDATUM_PATTERN,
        ),
        Column("inwoners", "int", "Aantal inwoners", "Inhabitants", required=True, minimum=0),
        _pct("pct_0_15", "0 tot 15 jaar", "aged 0-15"),
        _pct("pct_15_25", "15 tot 25 jaar", "aged 15-25"),
        _pct("pct_25_45", "25 tot 45 jaar", "aged 25-45"),
        _pct("pct_45_65", "45 tot 65 jaar", "aged 45-65"),
        _pct("pct_65plus", "65 jaar en ouder", "aged 65 and over"),
        Column("huishoudens", "int", "Aantal huishoudens", "Households", required=True, minimum=0),
        Column(
            "bevolkingsdichtheid",
            "int",
            "Inwoners per km² land",
            "Inhabitants per km² of land",
            required=True,
            minimum=0,
        ),
        Column(
            "stedelijkheid",
            "int",
            "Stedelijkheid (CBS): 1 zeer sterk ... 5 niet stedelijk; leeg = niet gegeven",
            "Urbanity (CBS): 1 very strongly ... 5 not urban; empty = not given",
            minimum=1,
            maximum=5,
        ),
        Column(
            "oppervlakte_land_ha",
            "int",
            "Oppervlakte land in hectare; leeg = niet gegeven",
            "Land area in hectares; empty = not given",
            minimum=0,
        ),
        _bron(description_nl="Bron (URL)", description_en="Source (URL)"),
    ),
    unique_together=("gemeentecode", "peildatum"),
)

MISDRIJFSOORTEN_TABLE = Table(
    "misdrijfsoorten",
    (
        Column(
            "soort",
            "str",
            "Code van de misdrijfsoort",
            "Offence type code",
            required=True,
            unique=True,
            enum=MISDRIJFSOORTEN,
        ),
        Column(
            "cbs_code",
            "str",
            "Code in de politie-indeling (CBS 47018NED)",
            "Code in the police classification (CBS 47018NED)",
            required=True,
            unique=True,
            pattern=CBS_CODE_PATTERN,
        ),
        Column("naam_nl", "str", "Naam (NL), zoals CBS", "Name (Dutch), as CBS", required=True),
        Column("naam_en", "str", "Naam (EN)", "Name (English)", required=True),
        Column(
            "handhaving",
            "bool",
            "Haalcriminaliteit: registratie volgt vooral politie-inzet",
            "Enforcement-driven: registrations mainly follow police effort",
            required=True,
        ),
        Column(
            "volgorde",
            "int",
            "Volgorde in de politie-indeling",
            "Order in the police classification",
            required=True,
            unique=True,
            minimum=1,
        ),
    ),
    key="soort",
)

MISDRIJVEN = Table(
    "misdrijven",
    (
        _gemeentecode(references=("bevolking", "gemeentecode")),
        Column(
            "jaar",
            "int",
            "Jaar van registratie",
            "Year of registration",
            required=True,
            minimum=JAAR_MIN,
            maximum=JAAR_MAX,
        ),
        Column(
            "soort",
            "str",
            "Misdrijfsoort (code)",
            "Offence type (code)",
            required=True,
            enum=MISDRIJFSOORTEN,
            references=("misdrijfsoorten", "soort"),
        ),
        Column(
            "geregistreerd",
            "int",
            "Door de politie geregistreerde misdrijven (pleegplaats)",
            "Offences registered by the police (place of offence)",
            required=True,
            minimum=0,
        ),
        Column(
            "voorlopig",
            "bool",
            "Voorlopig cijfer",
            "Provisional figure",
            required=True,
        ),
    ),
    unique_together=("gemeentecode", "jaar", "soort"),
)

GEMEENTE_FEITEN = Table(
    "gemeente_feiten",
    (
        _gemeentecode(references=("programma", "gemeentecode")),
        Column(
            "onderwerp",
            "str",
            "Onderwerp (code)",
            "Subject (code)",
            required=True,
            enum=ONDERWERPEN,
        ),
        Column(
            "feit",
            "str",
            "Het feit in korte, neutrale bewoording",
            "The fact in short, neutral wording (Dutch)",
            required=True,
        ),
        Column(
            "waarde",
            "float",
            "Getal zoals de bron het geeft; leeg als de bron geen enkel getal geeft",
            "Figure as the source gives it; empty when the source gives no single figure",
            minimum=0,
        ),
        Column("eenheid", "str", "Eenheid van de waarde", "Unit of the figure"),
        Column("periode", "str", "Periode waarop het feit slaat", "Period the fact covers"),
        _bron(description_nl="Bron (URL)", description_en="Source (URL)"),
        Column(
            "bron_datum",
            "str",
            "Publicatiedatum; leeg = onbekend",
            "Publication date; empty = unknown",
            pattern=DATUM_PATTERN,
        ),
        Column(
            "soort_bron",
            "str",
            "Soort bron",
            "Kind of source",
            required=True,
            enum=SOORTEN_BRON,
        ),
        Column(
            "betrouwbaarheid",
            "str",
            "Betrouwbaarheid van de bron voor dit feit",
            "Reliability of the source for this fact",
            required=True,
            enum=BETROUWBAARHEID,
        ),
    ),
)

CONTEXT_TABLES: dict[str, Table] = {
    t.name: t for t in (BEVOLKING, PROGRAMMA, MISDRIJFSOORTEN_TABLE, MISDRIJVEN, GEMEENTE_FEITEN)
}
"""The context tables by name, in the order they can be validated (references first)."""
