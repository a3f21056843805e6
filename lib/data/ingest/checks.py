"""The checks of an upload beside the contract's rules, and the report they make together.

Formula-like cells (a warning), a status that does not fit the start year (a warning), the
header as text, row numbers of the validator back to the file's rows, and ``Prepared``: how
the file was read, what was mapped and every issue, sorted by row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.grid import Dialect
from lib.data.ingest.limits import SHOWN, capped
from lib.data.ingest.mapping import Applied
from lib.data.validate import Issue, ValidationReport

# A cell that a spreadsheet runs as a formula: ``=`` and anything, or ``+ - @`` and a letter.
FORMULA: Final[str] = r"^\s*(?:=\S|[+\-@]\s*[A-Za-z])"


@dataclass(frozen=True)
class Prepared:
    """Everything the upload page shows: how the file was read, what was mapped, the report."""

    dialect: Dialect
    applied: tuple[Applied, ...]
    report: ValidationReport
    clean: pl.DataFrame | None
    rows_dropped_empty: int = 0

    @property
    def ok(self) -> bool:
        return self.report.ok


def formula_issues(frame: pl.DataFrame, rows: pl.Series) -> list[Issue]:
    issues: list[Issue] = []
    if frame.is_empty():
        return issues
    # one query over every column (in parallel); rows only for the columns with a hit
    found = frame.select(pl.col(c).str.contains(FORMULA).any() for c in frame.columns).row(0)
    for name, any_hit in zip(frame.columns, found, strict=True):
        if not any_hit:
            continue
        values = frame.get_column(name)
        hit = values.str.contains(FORMULA).fill_null(False)
        hits = int(hit.sum())
        if hits:
            cells = pl.DataFrame([rows.filter(hit), values.filter(hit)]).head(SHOWN)
            shown = [Issue("formula", name, int(r), v, "warning") for r, v in cells.iter_rows()]
            issues += capped(shown, hits, name, "formula")
    return issues


def header_cells(row: tuple[object, ...]) -> list[str]:
    """The header as text: no byte-order mark, no surrounding white space, "" for empty."""
    return ["" if v is None else str(v).replace("\ufeff", "").strip() for v in row]


def renumber(issues: Sequence[Issue], rows: pl.Series) -> list[Issue]:
    """Row numbers of the validator (2, 3, ... over the kept rows) -> rows of the file."""
    at = [i.row - 2 for i in issues if i.row is not None]
    source = iter(rows.gather(at).to_list()) if at else iter(())
    return [i if i.row is None else replace(i, row=int(next(source))) for i in issues]


def plausibility_issues(text: pl.DataFrame, rows: pl.Series, *, today: date) -> list[Issue]:
    """Warnings for a status that does not fit the start year (interventies)."""
    if not {"startjaar", "status"} <= set(text.columns):
        return []
    year = pl.col("startjaar").str.strip_chars().cast(pl.Int64, strict=False)
    status = pl.col("status").str.strip_chars()
    checks = text.select(
        rows.alias("row"),
        year.alias("year"),
        pl.col("startjaar").alias("value"),
        ((status == "afgerond") & (year > today.year)).fill_null(False).alias("future_completed"),
        ((status == "gepland") & (year < today.year - 1))
        .fill_null(False)
        .alias("planned_not_started"),
    )
    issues: list[Issue] = []
    for code in ("future_completed", "planned_not_started"):
        hits = checks.filter(pl.col(code)).select("row", "value", "year")
        shown = [
            Issue(code, "startjaar", int(r), v, "warning", {"startjaar": int(y)})
            for r, v, y in hits.head(SHOWN).iter_rows()
        ]
        issues += capped(shown, hits.height, "startjaar", code)
    return issues


def _sorted(issues: Sequence[Issue], table: Table) -> tuple[Issue, ...]:
    order = {name: i for i, name in enumerate(table.names)}

    def key(issue: Issue) -> tuple[int, int, int, str]:
        column = order.get(issue.column or "", len(order))
        return (issue.row or 0, column, issue.severity != "error", issue.code)

    return tuple(sorted(issues, key=key))


def report(
    dialect: Dialect,
    table: Table,
    issues: Sequence[Issue],
    *,
    applied: tuple[Applied, ...] = (),
    frame: pl.DataFrame | None = None,
    dropped: int = 0,
) -> Prepared:
    ordered = _sorted(issues, table)
    ok = not any(i.severity == "error" for i in ordered)
    clean = frame if ok else None
    return Prepared(dialect, applied, ValidationReport(table.name, ordered, clean), clean, dropped)


def recapped(issues: Sequence[Issue]) -> list[Issue]:
    """Issues of batches together: at most ``SHOWN`` of one code in one column (the first
    rows), and one ``more_rows`` issue for the rest, counted over every batch."""
    shown: dict[tuple[str, str | None], int] = {}
    more: dict[tuple[str, str | None], tuple[int, Issue]] = {}
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (i.row is None, i.row or 0)):
        if issue.code == "more_rows":
            key = (str(issue.params.get("code")), issue.column)
            count, _ = more.get(key, (0, issue))
            more[key] = (count + int(str(issue.params.get("n", 0))), issue)
            continue
        key = (issue.code, issue.column)
        if issue.row is not None and shown.get(key, 0) >= SHOWN:
            count, first = more.get(key, (0, issue))
            more[key] = (count + 1, first)
            continue
        shown[key] = shown.get(key, 0) + int(issue.row is not None)
        kept.append(issue)
    for (code, column), (count, example) in more.items():
        kept.append(Issue("more_rows", column, None, None, example.severity,
                          {"n": count, "shown": float(shown.get((code, column), 0)),
                           "code": code}))  # fmt: skip
    return kept
