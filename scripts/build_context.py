"""Build the curated context tables from the public files in ``data/reference/context/``.

Writes to ``--out`` (default ``data/curated``):

- ``programma.csv``: the 47 municipalities of Preventie met gezag and their regulation;
- ``bevolking.csv``: CBS key figures of all 342 municipalities on 1 January 2023 and 2024;
- ``misdrijven.csv``: police-registered offences per municipality, year (2012-2025) and type;
- ``misdrijfsoorten.csv``: the 12 offence types, their CBS codes and labels;
- ``gemeente_feiten.csv``: published programme facts per municipality, reworded briefly;
- their metadata (title, status, date, licence, sources, rows, checksum, notes), which
  ``scripts/build_data.py`` writes into ``datapackage.json`` with the other tables.

Every number is copied from a reference file; nothing is estimated and an empty cell stays
empty. The output is byte-for-byte stable. Run ``python scripts/build_context.py``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference" / "context"
CURATED = ROOT / "data" / "curated"
DATA_DATE = "2026-11-30"
TRUE, FALSE = "true", "false"

Row = dict[str, str]

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Naamsvermelding 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# ----------------------------------------------------------------------------- programme

STCRT_2022 = "https://zoek.officielebekendmakingen.nl/stcrt-2022-24113.html"
STCRT_2023 = "https://zoek.officielebekendmakingen.nl/stcrt-2023-19537.html"
STCRT_2024 = "https://zoek.officielebekendmakingen.nl/stcrt-2024-12052.html"
NPLV_AREAS = "https://www.gemeente.nu/sociaal/werk/nieuwe-aanpak-moet-kwetsbare-wijken-veilig-en-leefbaar-maken/"
NPLV_VLAARDINGEN = (
    "https://www.vlaardingen.nl/Organisatie/Nieuws_en_actualiteiten/Nieuws/"
    "Westwijk_treedt_toe_tot_het_Nationaal_Programma_Leefbaarheid_en_Veiligheid"
)
EXPANSION_2023 = (
    "https://www.gemeente.nu/veiligheid/preventieve-aanpak-van-jeugdcriminaliteit-geintensiveerd/"
)
EXPANSION_2023_ZVH = (
    "https://www.zorgenveiligheidshuizen.nl/nieuws/2023/"
    "230523_meer-gemeenten-betroken-bij-preventie-met-gezag"
)


class Tranche(NamedTuple):
    regeling: str
    instroomjaar: int
    soort_deelname: str


TRANCHES: dict[str, Tranche] = {
    "2022 (15 gemeenten)": Tranche("regeling_2022", 2022, "programma"),
    "2024 (20 gemeenten, eenmalige SPUK)": Tranche("regeling_2024", 2024, "eenmalige_bijdrage"),
}
TRANCHE_2023 = "2023 (12 gemeenten)"
# The 2023 regulation names 12 municipalities without saying how each came in. The NPLV list of
# focus areas (July 2022) and Vlaardingen's announcement name the 4 NPLV additions; the news of
# the expansion to 27 municipalities (May 2023) names the 8 selected ones.
NPLV_2023: dict[str, str] = {
    "GM0622": "Vlaardingen",
    "GM0503": "Delft",
    "GM0505": "Dordrecht",
    "GM1674": "Roosendaal",
}
SELECTIE_2023: dict[str, str] = {
    "GM0034": "Almere",
    "GM0153": "Enschede",
    "GM0796": "'s-Hertogenbosch",
    "GM0268": "Nijmegen",
    "GM0794": "Helmond",
    "GM0983": "Venlo",
    "GM1883": "Sittard-Geleen",
    "GM0935": "Maastricht",
}
SPLIT_SOURCES: dict[str, tuple[str, ...]] = {
    "regeling_2023_nplv": (NPLV_AREAS, NPLV_VLAARDINGEN),
    "regeling_2023_selectie": (EXPANSION_2023, EXPANSION_2023_ZVH),
}
REGELING_ORDER = ("regeling_2022", "regeling_2023_nplv", "regeling_2023_selectie", "regeling_2024")
PROGRAMMA_COLUMNS = (
    "gemeentecode",
    "gemeente",
    "regeling",
    "instroomjaar",
    "soort_deelname",
    "bron",
    "bron_datum",
    "bron_indeling",
)

# ----------------------------------------------------------------------------- population

WIJKBUURTKAART_WFS = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/wfs/v1_0"
PEILDATA = ("2023-01-01", "2024-01-01")
NAME_YEAR = "2024-01-01"  # the CBS names of this date are used for both dates
BEVOLKING_COLUMNS = (
    "gemeentecode",
    "gemeente",
    "peildatum",
    "inwoners",
    "pct_0_15",
    "pct_15_25",
    "pct_25_45",
    "pct_45_65",
    "pct_65plus",
    "huishoudens",
    "bevolkingsdichtheid",
    "stedelijkheid",
    "oppervlakte_land_ha",
    "bron",
)
REQUIRED_NUMBERS = BEVOLKING_COLUMNS[3:11]
OPTIONAL_NUMBERS = ("stedelijkheid", "oppervlakte_land_ha")

# ----------------------------------------------------------------------------- crime


class Offence(NamedTuple):
    soort: str
    cbs_code: str
    handhaving: bool


OFFENCES: tuple[Offence, ...] = (
    Offence("woninginbraak", "1.1.1", False),
    Offence("schuurinbraak", "1.1.2", False),
    Offence("autokraak", "1.2.1", False),
    Offence("autodiefstal", "1.2.2", False),
    Offence("fietsdiefstal", "1.2.3", False),
    Offence("moord_doodslag", "1.4.2", False),
    Offence("bedreiging", "1.4.4", False),
    Offence("mishandeling", "1.4.5", False),
    Offence("vernieling", "2.2.1", False),
    Offence("bedrijfsinbraak", "2.5.1", False),
    Offence("drugshandel", "3.1.1", True),
    Offence("wapenhandel", "3.1.3", True),
)
MISDRIJVEN_COLUMNS = ("gemeentecode", "jaar", "soort", "geregistreerd", "voorlopig")
SOORTEN_COLUMNS = ("soort", "cbs_code", "naam_nl", "naam_en", "handhaving", "volgorde")
VOORLOPIG = {"ja": TRUE, "nee": FALSE}
CRIME_TABLE = "https://dataderden.cbs.nl/ODataApi/OData/47018NED"

# ----------------------------------------------------------------------------- facts


class Fact(NamedTuple):
    """One curated fact: ``feit`` in short wording of our own; ``None`` = take from the source."""

    onderwerp: str
    feit: str
    waarde: str | None = None
    eenheid: str | None = None
    periode: str | None = None


ROTTERDAM_BLOG = "https://www.drsunshine.nl/blogs-en-nieuws/preventie-met-gezag/"
DSP_SUPPORT = (
    "https://www.beleidsonderzoek.nl/onderzoeken/preventie-met-gezag-in-den-haag-en-lelystad/"
)
DSP_2023 = "https://www.dsp-groep.nl/projecten/preventie-met-gezag-in-nijmegen-en-den-bosch/"
# Keyed by (gemeentecode, onderwerp, bron) of the reference row. Figures and names are kept
# exactly; the wording is ours, so that no sentence of a news article is copied.
FACTS: dict[tuple[str, str, str], tuple[Fact, ...]] = {
    (
        "GM0599",
        "budget",
        "https://dagblad010.nl/Politiek/rotterdam-investeert-10-miljoen-per-jaar-in-preventie-met-gezag",
    ): (Fact("budget", "Rijksbijdrage voor het uitvoeringsprogramma Preventie met gezag"),),
    ("GM0599", "budget", ROTTERDAM_BLOG): (
        Fact(
            "budget",
            "Rijksbijdrage van ruim 10 miljoen euro per jaar; "
            "circa 50 extra professionals in Zuid en Delfshaven",
        ),
    ),
    ("GM0599", "focusgebieden", "https://www.rotterdam.nl/preventie-met-gezag"): (
        Fact("focusgebied", "Focusgebieden: Charlois, Delfshaven, Feijenoord, IJsselmonde"),
    ),
    (
        "GM0599",
        "interventies",
        "https://www.indigowest.nl/over-indigo/preventie/projecten/preventie-met-gezag",
    ): (
        Fact(
            "interventies",
            "Indigo Preventie voert Alles Kidzzz uit (individueel; groep 5-8 en 12-16 jaar) "
            "en Ik kies voor zelfcontrole (in groepen; groep 5-8)",
        ),
    ),
    ("GM0599", "context", ROTTERDAM_BLOG): (
        Fact(
            "context",
            "3 tot 4 procent van de 12- tot en met 22-jarigen verdacht van een strafbaar feit "
            "(blog, cijfer van de gemeente)",
            waarde="",
            eenheid="procent",
        ),
        Fact(
            "context",
            "400 jongeren van 12 tot 26 jaar verdacht van een drugsmisdrijf "
            "(blog, cijfer van de gemeente)",
            waarde="400",
            eenheid="jongeren",
        ),
    ),
    (
        "GM0518",
        "budget",
        "https://zuidwestopznbest.npzw.nl/nieuws/"
        "zuidwest-krijgt-e3-miljoen-per-jaar-om-jeugdcriminaliteit-te-voorkomen/",
    ): (Fact("budget", "Rijksbijdrage voor Den Haag Zuidwest"),),
    (
        "GM0518",
        "budget",
        "https://www.ad.nl/den-haag/den-haag-krijgt-3-miljoen-per-jaar-om-te-voorkomen-dat-"
        "kinderen-in-zuidwest-in-criminaliteit-belanden~aca8f890/",
    ): (Fact("budget", "Rijksbijdrage voor Den Haag Zuidwest (zelfde bedrag in het AD)"),),
    (
        "GM0518",
        "budget",
        "https://www.dsp-groep.nl/projecten/uitvoeringsprogramma-preventie-met-gezag-in-den-haag/",
    ): (
        Fact(
            "budget",
            "Rijksbijdrage voor Den Haag Zuidwest volgens DSP-groep, looptijd mogelijk tot "
            "10 jaar; andere bronnen noemen 3 miljoen euro per jaar",
        ),
    ),
    (
        "GM0606",
        "budget",
        "https://www.schie.nu/nieuws/15056/"
        "schiedam-krijgt-4-miljoen-euro-voor-weerbaar-maken-jongeren-in-nieuwland-en-oost",
    ): (Fact("budget", "Rijksbijdrage voor Nieuwland en Oost"),),
    (
        "GM0606",
        "interventies",
        "https://www.ad.nl/waterweg/mogelijk-4-ton-voor-kwetsbare-wijken-oost-en-nieuwland-in-"
        "schiedam~af794e53/",
    ): (
        Fact(
            "interventies",
            "Pilot in Nieuwland met professionals uit welzijn en zorg; meer jongerencoaches; "
            "proef met werving van jongeren voor politie en boa",
        ),
    ),
    (
        "GM0479",
        "ambities",
        "https://www.dsp-groep.nl/projecten/uitvoeringsprogramma-preventie-met-gezag-in-zaanstad/",
    ): (
        Fact(
            "ambities",
            "Vijf ambities: persoonsgerichte aanpak, criminele (familie)netwerken, school als "
            "centrale plek, digitale leefomgeving, justitie in de wijk; financiering 4 jaar, "
            "mogelijk 10",
        ),
    ),
    ("GM0917", "interventies", "https://www.heerlen-noord.nl/project/preventie-met-gezag/"): (
        Fact(
            "interventies",
            "Heerlen-Noord, gestart begin 2023: regie bij het Zorg- en Veiligheidshuis, "
            "veiligheid op scholen, jeugdboa's, meer jongerenwerkers, sport na schooltijd",
        ),
    ),
    (
        "GM0080",
        "interventies",
        "https://www.socialestabiliteit.nl/praktijkverhalen/"
        "ook-als-jongeren-de-fout-in-gaan-laten-we-ze-niet-los",
    ): (
        Fact(
            "interventies",
            "Leeuwarden-Oost: straatcoaches en samenwerking met stichting BuurtBazen",
        ),
    ),
    (
        "GM0995",
        "focusgebied",
        "https://samenlelystadoost.nl/preventie-met-gezag-afgetrapt-in-de-agora/",
    ): (
        Fact(
            "focusgebied",
            "Focusgebied Lelystad Oost; aftrap in theater Agora op maandag 16 oktober "
            "(jaar niet vermeld)",
        ),
    ),
    ("GM0518", "ondersteuning", DSP_SUPPORT): (
        Fact("ondersteuning", "DSP-groep ondersteunde probleemanalyse en plan van aanpak"),
    ),
    ("GM0995", "ondersteuning", DSP_SUPPORT): (
        Fact("ondersteuning", "DSP-groep ondersteunde probleemanalyse en plan van aanpak"),
    ),
    ("GM0268", "ondersteuning", DSP_2023): (
        Fact("ondersteuning", "DSP-groep ondersteunde de aanvraag als nieuwe gemeente in 2023"),
    ),
    ("GM0796", "ondersteuning", DSP_2023): (
        Fact("ondersteuning", "DSP-groep ondersteunde de aanvraag als nieuwe gemeente in 2023"),
    ),
}
SOORT_BRON: dict[str, str] = {
    "gemeente (primair)": "gemeente",
    "programmabureau Zuidwest": "gebiedsprogramma",
    "Nationaal Programma Heerlen-Noord (primair)": "gebiedsprogramma",
    "gebiedsprogramma": "gebiedsprogramma",
    "Rijksoverheid/Sociale Stabiliteit": "rijksoverheid",
    "uitvoerder": "uitvoerder",
    "adviesbureau": "adviesbureau",
    "onderzoeksdatabank": "onderzoeksdatabank",
    "lokale media": "lokale_media",
    "lokale media (citeert gemeente)": "lokale_media",
    "landelijke media": "landelijke_media",
    "blog (citeert gemeente)": "blog",
    "blog (secundair)": "blog",
}
BETROUWBAARHEID: dict[str, str] = {
    "hoog": "hoog",
    "middel-hoog": "middel_hoog",
    "middel": "middel",
    "middel (tegenstrijdig)": "middel",
    "laag-middel": "laag_middel",
}
# A date the reference marks as unknown but narrows down to a month.
BRON_DATUM: dict[str, str] = {"onbekend": "", "onbekend (dec. 2022)": "2022-12"}
DATE = re.compile(r"^20[0-9]{2}-[0-9]{2}(-[0-9]{2})?$")
AMOUNT = re.compile(r"^([0-9]+)( \(ruim\))?$")
FEITEN_COLUMNS = (
    "gemeentecode",
    "onderwerp",
    "feit",
    "waarde",
    "eenheid",
    "periode",
    "bron",
    "bron_datum",
    "soort_bron",
    "betrouwbaarheid",
)
NUMBER = re.compile(r"^[0-9]+$")


# ----------------------------------------------------------------------------- helpers


class SourceError(ValueError):
    """A reference file does not look as this script expects; nothing is written."""


def _read(text: str) -> list[Row]:
    return list(csv.DictReader(io.StringIO(text)))


def read_reference(folder: Path, name: str) -> list[Row]:
    """The rows of a reference file; ``.csv.gz`` files are decompressed."""
    path = folder / name
    if name.endswith(".gz"):
        return _read(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return _read(path.read_text(encoding="utf-8"))


def csv_bytes(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _number(value: str, what: str, *, optional: bool = False) -> str:
    if optional and value == "":
        return ""
    if not NUMBER.fullmatch(value):
        raise SourceError(f"{what}: {value!r} is not a whole number")
    return str(int(value))


# ----------------------------------------------------------------------------- tables


def programma_rows(roster: list[Row]) -> list[Row]:
    """The 47 municipalities with their regulation; the 2023 ones split into NPLV/selected."""
    rows: list[Row] = []
    for src in roster:
        code = src["gemeentecode"]
        indeling = ""
        if src["tranche"] == TRANCHE_2023:
            if code in NPLV_2023:
                regeling, names = "regeling_2023_nplv", NPLV_2023
            elif code in SELECTIE_2023:
                regeling, names = "regeling_2023_selectie", SELECTIE_2023
            else:
                raise SourceError(f"{code} of the 2023 regulation is in neither 2023 list")
            if names[code] != src["naam_in_regeling"]:
                raise SourceError(f"{code}: {names[code]!r} != {src['naam_in_regeling']!r}")
            tranche = Tranche(regeling, 2023, "programma")
            indeling = " | ".join(SPLIT_SOURCES[regeling])
        elif src["tranche"] in TRANCHES:
            tranche = TRANCHES[src["tranche"]]
        else:
            raise SourceError(f"{code}: unknown tranche {src['tranche']!r}")
        if not DATE.fullmatch(src["bron_datum"]) or not src["bron"].startswith("https://"):
            raise SourceError(f"{code}: source or date missing")
        rows.append(
            {
                "gemeentecode": code,
                "gemeente": src["gemeentenaam_cbs_2024"],
                "regeling": tranche.regeling,
                "instroomjaar": str(tranche.instroomjaar),
                "soort_deelname": tranche.soort_deelname,
                "bron": src["bron"],
                "bron_datum": src["bron_datum"],
                "bron_indeling": indeling,
            }
        )
    in_2023 = {r["gemeentecode"] for r in rows if r["instroomjaar"] == "2023"}
    if in_2023 != set(NPLV_2023) | set(SELECTIE_2023) or set(NPLV_2023) & set(SELECTIE_2023):
        raise SourceError("the 2023 lists do not split the 12 municipalities of the regulation")
    codes = [r["gemeentecode"] for r in rows]
    if len(codes) != len(set(codes)):
        raise SourceError("a municipality is listed twice in the programme roster")
    return sorted(rows, key=lambda r: (REGELING_ORDER.index(r["regeling"]), r["gemeentecode"]))


def bevolking_rows(kerncijfers: list[Row]) -> list[Row]:
    """342 municipalities x 2 dates; both dates carry the CBS name of 1 January 2024."""
    names = {r["gemeentecode"]: r["gemeente"] for r in kerncijfers if r["peildatum"] == NAME_YEAR}
    rows: list[Row] = []
    for src in kerncijfers:
        code, date = src["gemeentecode"], src["peildatum"]
        if date not in PEILDATA:
            raise SourceError(f"{code}: unexpected date {date!r}")
        if code not in names:
            raise SourceError(f"{code} has no row for {NAME_YEAR}")
        row = {"gemeentecode": code, "gemeente": names[code], "peildatum": date}
        row |= {c: _number(src[c], f"{code} {date} {c}") for c in REQUIRED_NUMBERS}
        row |= {c: _number(src[c], f"{code} {c}", optional=True) for c in OPTIONAL_NUMBERS}
        row["bron"] = WIJKBUURTKAART_WFS.format(year=date[:4])
        rows.append(row)
    keys = [(r["gemeentecode"], r["peildatum"]) for r in rows]
    if len(keys) != len(set(keys)):
        raise SourceError("a municipality has two rows for one date")
    return sorted(rows, key=lambda r: (r["gemeentecode"], r["peildatum"]))


def misdrijfsoorten_rows(crimes: list[Row]) -> list[Row]:
    """The 12 offence types with the labels the reference file gives for their CBS code."""
    labels: dict[str, set[tuple[str, str]]] = {}
    for src in crimes:
        labels.setdefault(src["soort_code"], set()).add((src["soort_nl"], src["soort_en"]))
    if set(labels) != {o.cbs_code for o in OFFENCES}:
        raise SourceError(f"offence codes in the file: {sorted(labels)}")
    rows: list[Row] = []
    for order, offence in enumerate(OFFENCES, start=1):
        if len(labels[offence.cbs_code]) != 1:
            raise SourceError(f"{offence.cbs_code} has more than one label")
        (naam_nl, naam_en) = next(iter(labels[offence.cbs_code]))
        rows.append(
            {
                "soort": offence.soort,
                "cbs_code": offence.cbs_code,
                "naam_nl": naam_nl,
                "naam_en": naam_en,
                "handhaving": TRUE if offence.handhaving else FALSE,
                "volgorde": str(order),
            }
        )
    return rows


def misdrijven_rows(crimes: list[Row]) -> list[Row]:
    """One row per municipality, year and offence type, with short codes."""
    by_code = {o.cbs_code: o.soort for o in OFFENCES}
    order = {o.soort: i for i, o in enumerate(OFFENCES)}
    rows: list[Row] = []
    for src in crimes:
        code, year = src["gemeentecode"], src["jaar"]
        if src["soort_code"] not in by_code:
            raise SourceError(f"unknown offence code {src['soort_code']!r}")
        if src["voorlopig"] not in VOORLOPIG:
            raise SourceError(f"{code} {year}: voorlopig is {src['voorlopig']!r}")
        rows.append(
            {
                "gemeentecode": code,
                "jaar": _number(year, f"{code} jaar"),
                "soort": by_code[src["soort_code"]],
                "geregistreerd": _number(src["geregistreerde_misdrijven"], f"{code} {year}"),
                "voorlopig": VOORLOPIG[src["voorlopig"]],
            }
        )
    keys = [(r["gemeentecode"], r["jaar"], r["soort"]) for r in rows]
    if len(keys) != len(set(keys)):
        raise SourceError("a municipality has two counts for one year and offence type")
    return sorted(rows, key=lambda r: (r["gemeentecode"], r["jaar"], order[r["soort"]]))


def _waarde(raw: str, key: tuple[str, str, str]) -> str:
    if raw == "":
        return ""
    match = AMOUNT.fullmatch(raw)
    if match is None:
        raise SourceError(f"{key}: value {raw!r} needs an explicit figure in FACTS")
    return match.group(1)


def feiten_rows(facts: list[Row]) -> list[Row]:
    """The published facts in our own short wording, with the figures of the source."""
    rows: list[Row] = []
    seen: set[tuple[str, str, str]] = set()
    for src in facts:
        key = (src["gemeentecode"], src["onderwerp"], src["bron"])
        if key not in FACTS:
            raise SourceError(f"no wording for fact {key}")
        if key in seen:
            raise SourceError(f"fact {key} occurs twice")
        seen.add(key)
        datum = BRON_DATUM.get(src["bron_datum"], src["bron_datum"])
        if datum and not DATE.fullmatch(datum):
            raise SourceError(f"{key}: date {src['bron_datum']!r}")
        for fact in FACTS[key]:
            rows.append(
                {
                    "gemeentecode": src["gemeentecode"],
                    "onderwerp": fact.onderwerp,
                    "feit": fact.feit,
                    "waarde": _waarde(src["waarde"], key) if fact.waarde is None else fact.waarde,
                    "eenheid": src["eenheid"] if fact.eenheid is None else fact.eenheid,
                    "periode": src["periode"] if fact.periode is None else fact.periode,
                    "bron": src["bron"],
                    "bron_datum": datum,
                    "soort_bron": SOORT_BRON[src["soort_bron"]],
                    "betrouwbaarheid": BETROUWBAARHEID[src["betrouwbaarheid"]],
                }
            )
    if seen != set(FACTS):
        raise SourceError(f"wording for facts that are not in the file: {set(FACTS) - seen}")
    return rows


# ----------------------------------------------------------------------------- metadata

CBS_OPEN_DATA = {
    "title": "CBS: CC BY 4.0 voor alle datasets van het CBS",
    "path": "https://www.cbs.nl/nl-nl/onze-diensten/open-data/",
}
GEOINZICHT = {
    "title": "Gemeentelaag van de Wijk- en buurtkaart zoals opgenomen in de publieke repository "
    "AnneVersion/geoinzicht-app (commit 167d2924cc99)",
    "path": "https://github.com/AnneVersion/geoinzicht-app/tree/"
    "167d2924cc99b8748885f0bda2f5152dbe2fd3ae",
}
DUTCH_DEMOGRAPHICS = {
    "title": "Gemeentecijfers uit 47018NED zoals opgenomen in de publieke repository "
    "luc4sdreyer/dutch_demographics (web/data.json, commit 7022798a3be2)",
    "path": "https://github.com/luc4sdreyer/dutch_demographics/tree/"
    "7022798a3be2b87d66b7952b0aedbde269ed8c20",
}
CRIME_SOURCE = {
    "title": "Politie/CBS, tabel 47018NED: geregistreerde misdrijven; soort misdrijf, wijk, "
    "buurt, jaarcijfers (dataderden-catalogus van CBS)",
    "path": CRIME_TABLE,
}
CRIME_NOTES = (
    "Door de politie geregistreerde misdrijven, geteld in de gemeente waar het misdrijf is "
    "gepleegd, alle jaren op de gemeentelijke indeling van nu. 2024 en 2025 zijn voorlopige "
    "cijfers (voorlopig = true). Alleen 12 misdrijfsoorten, geen totaal. Geregistreerde "
    "criminaliteit is geen jeugdcriminaliteit en volgt de inzet van de politie: drugshandel en "
    "wapenhandel (handhaving = true) zijn haalcriminaliteit. Geen causaal verband met het "
    "programma leggen. CBS verklaart CC BY 4.0 op al zijn datasets; de eigen voorwaarden van de "
    "dataderden-catalogus zijn niet gecontroleerd. Bronvermelding: Politie / CBS, 47018NED."
)

RESOURCES: tuple[dict[str, object], ...] = (
    {
        "name": "programma",
        "title": "Gemeenten in Preventie met gezag per regeling",
        "sources": [
            {
                "title": "Staatscourant 2022, 24113: regeling 2022 (15 gemeenten)",
                "path": STCRT_2022,
            },
            {
                "title": "Staatscourant 2023, 19537: regeling 2023 (12 gemeenten)",
                "path": STCRT_2023,
            },
            {
                "title": "Staatscourant 2024, 12052: regeling 2024 (20 gemeenten)",
                "path": STCRT_2024,
            },
            {"title": "Gemeente.nu, focusgebieden NPLV (juli 2022)", "path": NPLV_AREAS},
            {
                "title": "Gemeente Vlaardingen, Westwijk in het NPLV (juli 2022)",
                "path": NPLV_VLAARDINGEN,
            },
            {
                "title": "Gemeente.nu, uitbreiding naar 27 gemeenten (mei 2023)",
                "path": EXPANSION_2023,
            },
            {
                "title": "Zorg- en Veiligheidshuizen: meer gemeenten in Preventie met gezag "
                "(mei 2023)",
                "path": EXPANSION_2023_ZVH,
            },
            {
                "title": "CBS/Kadaster, Wijk- en buurtkaart 2024 (gemeentecodes en -namen)",
                "path": WIJKBUURTKAART_WFS.format(year=2024),
            },
            GEOINZICHT,
        ],
        "notes": (
            "47 gemeenten: regeling 2022 (15), regeling 2023 (12: 4 via de uitbreiding van het "
            "NPLV en 8 geselecteerd) en regeling 2024 (20, eenmalige bijdrage van 500.000 euro per "
            "jaar gedurende 3 jaar, zonder focusgebied). De regeling van 2023 noemt de 12 "
            "gemeenten zonder onderscheid; de splitsing in NPLV en selectie volgt uit de lijst "
            "van NPLV-focusgebieden (juli 2022) en het bericht over de uitbreiding naar 27 "
            "gemeenten (mei 2023), zie kolom bron_indeling. Codes en namen: CBS, 1 januari 2024. "
            "De gemeenten van de regeling 2026-2029 staan er niet in: de bijlage met hun namen "
            "was niet beschikbaar."
        ),
    },
    {
        "name": "bevolking",
        "title": "Bevolking, leeftijdsopbouw en stedelijkheid per gemeente, 1 januari 2023 en 2024",
        "sources": [
            {
                "title": "CBS/Kadaster, Wijk- en buurtkaart 2023, laag gemeenten (PDOK)",
                "path": WIJKBUURTKAART_WFS.format(year=2023),
            },
            {
                "title": "CBS/Kadaster, Wijk- en buurtkaart 2024, laag gemeenten (PDOK)",
                "path": WIJKBUURTKAART_WFS.format(year=2024),
            },
            GEOINZICHT,
            CBS_OPEN_DATA,
        ],
        "notes": (
            "Alle 342 gemeenten op 1 januari 2023 en 2024; de inwoners tellen op tot de landelijke "
            "totalen van CBS (17.811.291 en 17.942.942). Leeftijdsaandelen zijn hele procenten "
            "zoals CBS ze publiceert (per gemeente samen 98 tot 102): geen aantallen jongeren van "
            "maken. Stedelijkheid (1 zeer sterk ... 5 niet stedelijk) en oppervlakte land staan "
            "alleen in de kaart van 2024 en zijn voor 2023 leeg. Beide jaren dragen de CBS-naam "
            "van 2024 (zes namen zonder provincie-achtervoegsel in de bron van 2023). Geen "
            "provincie: geen van de bronnen geeft die voor alle 342 gemeenten. Bronvermelding: "
            "CBS / Kadaster."
        ),
    },
    {
        "name": "misdrijfsoorten",
        "title": "Soorten geregistreerde misdrijven",
        "sources": [CRIME_SOURCE, DUTCH_DEMOGRAPHICS],
        "notes": (
            "De 12 misdrijfsoorten van misdrijven.csv met hun code in de politie-indeling en de "
            "namen uit de bron. Kolom handhaving (indeling van dit project): drugshandel en "
            "wapenhandel worden vooral door politie-inzet ontdekt, zodat meer handhaving meer "
            "registraties geeft."
        ),
    },
    {
        "name": "misdrijven",
        "title": "Geregistreerde misdrijven per gemeente, jaar en soort, 2012-2025",
        "sources": [CRIME_SOURCE, DUTCH_DEMOGRAPHICS, CBS_OPEN_DATA],
        "notes": CRIME_NOTES,
    },
    {
        "name": "gemeente_feiten",
        "title": "Gepubliceerde feiten over Preventie met gezag per gemeente",
        "sources": "per_row",
        "notes": (
            "Budgetten, focusgebieden, interventies en ondersteuning zoals gemeenten, "
            "uitvoerders, adviesbureaus en media ze publiceerden; bron, datum, soort bron en "
            "betrouwbaarheid per rij. De bewoording is van dit project; bedragen, aantallen en "
            "namen zijn exact overgenomen. De bronnen spreken elkaar tegen over Den Haag "
            "Zuidwest (3 of 3,9 miljoen euro per jaar); beide staan erin. Waarde is leeg waar de "
            "bron geen enkel getal geeft."
        ),
    },
)
STATUS = "gepubliceerd"  # real, published figures: never "illustratief"


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _row_sources(rows: list[Row]) -> list[dict[str, str]]:
    urls = dict.fromkeys(r["bron"] for r in rows)
    return [{"title": url, "path": url} for url in urls]


def resources(
    tables: Mapping[str, list[Row]], files: Mapping[str, bytes]
) -> list[dict[str, object]]:
    """The metadata of each context table, as a resource of ``datapackage.json``."""
    out: list[dict[str, object]] = []
    for meta in RESOURCES:
        name = str(meta["name"])
        sources = _row_sources(tables[name]) if meta["sources"] == "per_row" else meta["sources"]
        out.append(
            {
                "name": name,
                "title": meta["title"],
                "status": STATUS,
                "sources": sources,
                "notes": meta["notes"],
                "path": f"{name}.csv",
                "format": "csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "date": DATA_DATE,
                "rows": len(tables[name]),
                "hash": _sha256(files[f"{name}.csv"]),
            }
        )
    return out


def build(
    out_dir: Path, *, reference_dir: Path = REFERENCE
) -> tuple[dict[str, bytes], list[dict[str, object]]]:
    """Write the five context tables to ``out_dir``; return their contents and metadata (the
    resources ``scripts/build_data.py`` adds to ``datapackage.json``)."""
    crimes = read_reference(reference_dir, "misdrijven_gemeenten.csv.gz")
    tables: dict[str, list[Row]] = {
        "programma": programma_rows(read_reference(reference_dir, "programma_gemeenten.csv")),
        "bevolking": bevolking_rows(read_reference(reference_dir, "kerncijfers_gemeenten.csv")),
        "misdrijfsoorten": misdrijfsoorten_rows(crimes),
        "misdrijven": misdrijven_rows(crimes),
        "gemeente_feiten": feiten_rows(read_reference(reference_dir, "gemeente_feiten.csv")),
    }
    columns = {
        "programma": PROGRAMMA_COLUMNS,
        "bevolking": BEVOLKING_COLUMNS,
        "misdrijfsoorten": SOORTEN_COLUMNS,
        "misdrijven": MISDRIJVEN_COLUMNS,
        "gemeente_feiten": FEITEN_COLUMNS,
    }
    files = {f"{name}.csv": csv_bytes(rows, columns[name]) for name, rows in tables.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    return dict(files), resources(tables, files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=CURATED, help="output folder")
    args = parser.parse_args()
    files, _ = build(args.out)
    for name, data in files.items():
        print(f"wrote {args.out / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
