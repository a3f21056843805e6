"""Progress rows for the tiny dataset, and plain-Python reference computations.

Progress rows of the tiny dataset (A = afgerond, I = in_uitvoering, G = gepland,
N = niet_uitgevoerd), written to ``voortgang.csv`` out of period order:

    2023-Q4  Alfa 001 G, 002 G;  Beta 001 I;  Gamma 001 G                         -> 1 of 4
    2024-Q1  Alfa 001 I, 002 G, 004 I, 006 N;  Beta 001 A, 002 G                  -> 3 of 6
    2024-Q2  Alfa 001 A, 002 I, 003 G, 004 A, 005 N;  Beta 001 A, 002 I;  Gamma I  -> 6 of 8
"""

from __future__ import annotations

import csv
from typing import Any

import polars as pl
from tinydata import Rows, tiny_tables

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import Lang
from lib.domain.filters import Filters

Spec = dict[str, Any]
LANGS: tuple[Lang, Lang] = ("nl", "en")
DONE = ("in_uitvoering", "afgerond")  # the contract's definition of "carried out"

VOORTGANG: list[tuple[str, str, str]] = [
    ("GM0001-001", "2024-Q2", "afgerond"),
    ("GM0001-002", "2024-Q2", "in_uitvoering"),
    ("GM0001-003", "2024-Q2", "gepland"),
    ("GM0001-004", "2024-Q2", "afgerond"),
    ("GM0001-005", "2024-Q2", "niet_uitgevoerd"),
    ("GM0002-001", "2024-Q2", "afgerond"),
    ("GM0002-002", "2024-Q2", "in_uitvoering"),
    ("GM0003-001", "2024-Q2", "in_uitvoering"),
    ("GM0001-001", "2023-Q4", "gepland"),
    ("GM0001-002", "2023-Q4", "gepland"),
    ("GM0002-001", "2023-Q4", "in_uitvoering"),
    ("GM0003-001", "2023-Q4", "gepland"),
    ("GM0001-001", "2024-Q1", "in_uitvoering"),
    ("GM0001-002", "2024-Q1", "gepland"),
    ("GM0001-004", "2024-Q1", "in_uitvoering"),
    ("GM0001-006", "2024-Q1", "niet_uitgevoerd"),
    ("GM0002-001", "2024-Q1", "afgerond"),
    ("GM0002-002", "2024-Q1", "gepland"),
]
TREND_COLUMNS = ["periode", "n", "uitgevoerd", "rate", "betrouwbaar"]


def voortgang_rows(rows: list[tuple[str, str, str]]) -> Rows:
    return [{"interventie_id": i, "periode": p, "status": s} for i, p, s in rows]


def tables_with_progress(rows: list[tuple[str, str, str]]) -> dict[str, Rows]:
    tables = tiny_tables()
    tables["voortgang"] = voortgang_rows(rows)
    return tables


# --- plain-Python reference computations ------------------------------------------------------


def read_csv(name: str) -> Rows:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


BUNDLED: dict[str, Rows] = {n: read_csv(n) for n in ("gemeenten", "interventies", "factoren")}


def listed_factors(text: str | None) -> list[str]:
    """The factor codes of one ``factoren`` cell: split on ``|``, stripped, no empties/repeats."""
    seen: list[str] = []
    for part in (text or "").split("|"):
        code = part.strip()
        if code and code not in seen:
            seen.append(code)
    return seen


def selected_interventions(tables: dict[str, Rows], filters: Filters) -> Rows:
    """The intervention rows the filters select, worked out row by row."""
    places = {
        g["gemeentecode"]
        for g in tables["gemeenten"]
        if (not filters.gemeenten or g["gemeentecode"] in filters.gemeenten)
        and (not filters.golven or g["golf"] in filters.golven)
        and (filters.botoc == "alle" or (g["botoc"] == "true") == (filters.botoc == "ja"))
    }
    return [
        i
        for i in tables["interventies"]
        if i["gemeentecode"] in places
        and (not filters.themas or i["thema"] in filters.themas)
        and (not filters.statussen or i["status"] in filters.statussen)
        and (not filters.doelgroepen or i["doelgroep"] in filters.doelgroepen)
    ]


def expected_trend(ids: set[str]) -> list[tuple[str, int, int, float, bool]]:
    counts: dict[str, list[int]] = {}
    for iid, periode, status in VOORTGANG:
        if iid in ids:
            n_done = counts.setdefault(periode, [0, 0])
            n_done[0] += 1
            n_done[1] += status in DONE
    return [(p, n, done, done / n, n >= 5) for p, (n, done) in sorted(counts.items())]


def sorted_rows(frame: pl.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return sorted(frame.select(columns).rows())


def layers(spec: Spec) -> list[Spec]:
    return list(spec.get("layer", [spec]))


def province_of() -> dict[str, str]:
    return {g["gemeentecode"]: g["provincie"] for g in BUNDLED["gemeenten"]}
