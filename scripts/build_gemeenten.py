"""Complete ``gemeenten.csv``: the 47 programme municipalities, each with population and map point.

``gemeenten.csv`` holds hand-checked facts about the municipalities of Preventie met gezag:
display name, province, a map point in the town centre, focus areas, wave and BOTOC history,
with the sources of each row. This script keeps those facts and derives the rest from the
public context tables, so the table cannot drift from them:

- every municipality of the programme roster (``programma``, the three regulations in the
  Staatscourant) has a row; a municipality of the 2024 regulation that has none gets one, with
  wave ``tranche_2024`` (a one-off grant, no focus area), its province, and a map point computed
  from its CBS outline: the point farthest inside the polygon (``lib.data.geo.label_point``),
  never the centroid, which can fall outside a municipality;
- ``inwoners`` is the CBS population on 1 January 2024 (``bevolking``) for every row, and
  ``bron`` names the regulation and CBS instead of the secondary sources that gave a
  population before;
- the wave of every row must match its regulation.

Called by ``scripts/build_data.py``; the output is byte-for-byte stable.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from lib.contract.codes import GOLF_VAN_REGELING  # noqa: E402  (the script runs from scripts/)
from lib.data import geo  # noqa: E402

Row = dict[str, str]

COLUMNS = (
    "gemeentecode",
    "gemeente",
    "weergavenaam",
    "provincie",
    "lat",
    "lon",
    "inwoners",
    "inwoners_peiljaar",
    "focusgebied",
    "golf",
    "instroomjaar",
    "botoc",
    "bron",
)
NEW_REGELING = "regeling_2024"  # the only regulation whose municipalities may lack a row
POPULATION_DATE = "2024-01-01"
POPULATION_SOURCE = (
    "CBS/Kadaster Wijk- en buurtkaart 2024: inwoners op 1 januari 2024 (tabel bevolking)"
)
POPULATION_URL = "https://service.pdok.nl/cbs/wijkenbuurten/2024/wfs/v1_0"
OUTLINE_SOURCE = "CBS/PDOK Gebiedsindelingen 2023 (gemeentecode en naam)"
POINT_SOURCE = (
    "CBS/PDOK Gebiedsindelingen 2023 (gemeentecode en naam; kaartpunt berekend als het punt dat "
    "het verst binnen de gemeentegrens ligt)"
)
PROVINCE_SOURCE = (
    "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/"
    "gemeentelijke-indelingen-per-jaar/indeling-per-jaar/gemeentelijke-indeling-op-1-januari-2024"
)
# Sources that were cited only for a population: the CBS figure replaces them.
REPLACED_POPULATION_SOURCES = frozenset(
    {
        "https://webwoordenboek.nl/kenniscentrum/wat-is-de-meest-bevolkte-stad-in-nederland",
        "https://www.cbs.nl/nl-nl/cijfers/detail/70072ned",
        "https://kiwix.haohe.fun/content/wikipedia_en_all_maxi_2024-01/A/"
        "Limburg_Province%2C_Netherlands",
        "http://www.citypopulation.de/php/netherlands-admin.php?adm1id=NL31",
    }
)
# The province of each municipality of the 2024 regulation (CBS, municipal division on
# 1 January 2024; the population tables give no province).
PROVINCES_2024: Mapping[str, str] = {
    "GM0141": "Overijssel",  # Almelo
    "GM0193": "Overijssel",  # Zwolle
    "GM0301": "Gelderland",  # Zutphen
    "GM0384": "Noord-Holland",  # Diemen
    "GM0392": "Noord-Holland",  # Haarlem
    "GM0400": "Noord-Holland",  # Den Helder
    "GM0405": "Noord-Holland",  # Hoorn
    "GM0513": "Zuid-Holland",  # Gouda
    "GM0546": "Zuid-Holland",  # Leiden
    "GM0603": "Zuid-Holland",  # Rijswijk (ZH.)
    "GM0637": "Zuid-Holland",  # Zoetermeer
    "GM0687": "Zeeland",  # Middelburg (Z.)
    "GM0718": "Zeeland",  # Vlissingen
    "GM0748": "Noord-Brabant",  # Bergen op Zoom
    "GM0826": "Noord-Brabant",  # Oosterhout
    "GM0899": "Limburg",  # Brunssum
    "GM0928": "Limburg",  # Kerkrade
    "GM0957": "Limburg",  # Roermond
    "GM0984": "Limburg",  # Venray
    "GM1930": "Zuid-Holland",  # Nissewaard
}
DECIMALS = 4


class RosterError(ValueError):
    """``gemeenten.csv`` and the programme roster disagree; nothing is written."""


def read_rows(data: bytes) -> list[Row]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _field(value: str) -> str:
    """A CSV cell as the committed file writes it: empty cells as ``""``, quotes only where
    needed."""
    if value == "":
        return '""'
    if any(char in value for char in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_bytes(rows: Sequence[Mapping[str, str]]) -> bytes:
    lines = [",".join(COLUMNS), *(",".join(_field(row[c]) for c in COLUMNS) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sources(*parts: str) -> str:
    return " | ".join(dict.fromkeys(p for p in parts if p))


def map_point(geometry: Mapping[str, object]) -> tuple[str, str]:
    """(lat, lon) of the label point, rounded; still inside the municipality after rounding."""
    lon, lat = geo.label_point(geometry)
    rounded = round(lon, DECIMALS), round(lat, DECIMALS)
    if not geo.contains(geometry, *rounded):
        raise RosterError(f"the rounded map point {rounded} falls outside its municipality")
    return f"{rounded[1]:.{DECIMALS}f}", f"{rounded[0]:.{DECIMALS}f}"


def _new_row(programme: Row, regulation_name: str, feature: Mapping[str, object]) -> Row:
    code = programme["gemeentecode"]
    if code not in PROVINCES_2024:
        raise RosterError(f"{code}: no province for a new municipality")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise RosterError(f"{code}: the outline has no geometry")
    lat, lon = map_point(geometry)
    display = regulation_name if regulation_name != programme["gemeente"] else ""
    return {
        "gemeentecode": code,
        "gemeente": programme["gemeente"],
        "weergavenaam": display,
        "provincie": PROVINCES_2024[code],
        "lat": lat,
        "lon": lon,
        "focusgebied": "",
        "golf": GOLF_VAN_REGELING[programme["regeling"]],
        "instroomjaar": programme["instroomjaar"],
        "botoc": "false",
        "bron": _sources(programme["bron"], PROVINCE_SOURCE, POINT_SOURCE),
    }


def _completed(row: Row, programme: Row, population: Mapping[str, str]) -> Row:
    code = row["gemeentecode"]
    if row["golf"] != GOLF_VAN_REGELING[programme["regeling"]]:
        raise RosterError(f"{code}: wave {row['golf']} does not match {programme['regeling']}")
    if code not in population:
        raise RosterError(f"{code}: no CBS population on {POPULATION_DATE}")
    kept = [p for p in row["bron"].split(" | ") if p and p not in REPLACED_POPULATION_SOURCES]
    if OUTLINE_SOURCE in kept and POINT_SOURCE in kept:
        kept.remove(OUTLINE_SOURCE)
    return {
        **row,
        "inwoners": population[code],
        "inwoners_peiljaar": POPULATION_DATE[:4],
        "bron": _sources(programme["bron"], *kept, POPULATION_SOURCE, POPULATION_URL),
    }


def gemeenten_rows(
    current: list[Row],
    programma: list[Row],
    bevolking: list[Row],
    regulation_names: Mapping[str, str],
    boundaries: Mapping[str, object],
) -> list[Row]:
    """Every municipality of the roster, in the order of ``current`` and then of the roster."""
    roster = {r["gemeentecode"]: r for r in programma}
    population = {
        r["gemeentecode"]: r["inwoners"] for r in bevolking if r["peildatum"] == POPULATION_DATE
    }
    features = geo.features_by_code(dict(boundaries))
    known = {r["gemeentecode"] for r in current}
    if known - set(roster):
        raise RosterError(f"not in the programme roster: {sorted(known - set(roster))}")
    rows = list(current)
    for code, programme in roster.items():
        if code in known:
            continue
        if programme["regeling"] != NEW_REGELING or code not in features:
            raise RosterError(f"{code} ({programme['regeling']}) has no row in gemeenten.csv")
        rows.append(_new_row(programme, regulation_names.get(code, ""), features[code]))
    return [_completed(row, roster[row["gemeentecode"]], population) for row in rows]


def build(
    current: bytes,
    programma: bytes,
    bevolking: bytes,
    roster_reference: list[Row],
    boundaries: Mapping[str, object],
) -> bytes:
    """``gemeenten.csv`` completed from the roster, the population and the outlines."""
    names = {r["gemeentecode"]: r["naam_in_regeling"] for r in roster_reference}
    rows = gemeenten_rows(
        read_rows(current), read_rows(programma), read_rows(bevolking), names, boundaries
    )
    return csv_bytes(rows)
