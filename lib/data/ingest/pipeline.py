"""From the bytes an analyst uploads to a checked table: read, guard, map, validate.

``read_upload`` turns a CSV or XLSX file into a text frame (every column ``pl.String``) with
the contract's column names, and says how it read the file (``Dialect``): encoding, delimiter,
decimal mark, sheet, which header became which column. ``prepare`` is the one entry point for
the upload page and the command line: it reads the file, refuses personal data
(``privacy``), maps spellings to codes (``mapping``), validates (``lib.data.validate``) and
adds plausibility warnings. The steps: ``read`` and ``workbook`` (bytes to a grid of text),
``headers`` (which column is which), ``numbers`` (one decimal mark).

Hostile input never crashes and never runs: size, emptiness, binary content, the number of
columns and the unpacked size of a workbook are checked before anything is parsed. Cells are
only ever text; a cell that a spreadsheet would run as a formula gets a warning.

Row numbers are as a spreadsheet shows them (header = row 1). Empty rows are skipped, but
every issue keeps the row number of the original file (``Ingested.row_numbers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.grid import Dialect, Grid, blank, blank_rows, file_error
from lib.data.ingest.headers import name_columns
from lib.data.ingest.limits import SHOWN, Limits, capped, size_params
from lib.data.ingest.mapping import Applied, map_values
from lib.data.ingest.numbers import normalise_numbers
from lib.data.ingest.privacy import personal_data_issues
from lib.data.ingest.read import read_csv
from lib.data.ingest.workbook import EXCEL_SUFFIXES, OLE_MAGIC, ZIP_MAGIC, read_workbook
from lib.data.validate import Issue, ValidationReport, validate_table

# A cell that a spreadsheet runs as a formula: ``=`` and anything, or ``+ - @`` and a letter.
FORMULA: Final[str] = r"^\s*(?:=\S|[+\-@]\s*[A-Za-z])"


@dataclass(frozen=True)
class Ingested:
    """The text frame (None after a file-level error), how it was read, and its issues.

    ``row_numbers`` holds the spreadsheet row of each frame row (header = 1), so issues keep
    the analyst's row numbers after empty rows were skipped.
    """

    frame: pl.DataFrame | None
    dialect: Dialect
    issues: tuple[Issue, ...]
    rows_dropped_empty: int = 0
    row_numbers: pl.Series | None = None

    @property
    def ok(self) -> bool:
        return self.frame is not None and not any(i.severity == "error" for i in self.issues)


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


def _refused(dialect: Dialect, issue: Issue) -> Ingested:
    return Ingested(None, dialect, (issue,))


def _formula_issues(frame: pl.DataFrame, rows: pl.Series) -> list[Issue]:
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


def _finish(grid: Grid, table: Table) -> Ingested:
    """From a grid of text to the frame: drop empty columns and rows, name the columns,
    normalise numbers."""
    if grid.cells is None:
        return Ingested(None, grid.dialect, grid.issues)
    raw = grid.cells.rename({c: f"c{i}" for i, c in enumerate(grid.cells.columns)})
    header = _header_cells(raw.row(grid.header))
    body = raw.slice(grid.header + 1)
    del raw
    if grid.rows is not None:
        rows = grid.rows.slice(grid.header + 1)
    else:
        rows = pl.int_range(grid.first_row + grid.header + 1, grid.first_row + grid.cells.height,
                            eager=True)  # fmt: skip
    keep = _named_or_filled(body, header)
    if not keep:
        return Ingested(None, grid.dialect, (file_error("empty_file"), *grid.issues))
    body = body.select(c for c, _ in keep)
    empty = None if grid.rows is not None else blank_rows(body)  # (else left out already)
    dropped = grid.rows_dropped
    if empty is not None:  # (a filter copies every cell, so only when a row goes)
        dropped += int(empty.sum())
        body, rows = body.filter(~empty), rows.filter(~empty)
    names, header_map, header_issues = name_columns([h for _, h in keep], table)
    dialect = replace(grid.dialect, header_map=header_map)
    issues = [*grid.issues, *header_issues]
    if body.height == 0:
        return Ingested(None, dialect, (*issues, file_error("no_rows")), dropped)
    frame = body.rename(dict(zip(body.columns, names, strict=True)))
    frame, decimal, thousands = normalise_numbers(frame, table, dialect.delimiter)
    dialect = replace(dialect, decimal=decimal, thousands=thousands)
    issues += _formula_issues(frame, rows)
    return Ingested(frame, dialect, tuple(issues), dropped, rows.alias("row"))


def _header_cells(row: tuple[object, ...]) -> list[str]:
    """The header as text: no byte-order mark, no surrounding white space, "" for empty."""
    return ["" if v is None else str(v).replace("\ufeff", "").strip() for v in row]


def _named_or_filled(body: pl.DataFrame, header: list[str]) -> list[tuple[str, str]]:
    """(column, header) of every column with a header or any filled cell below it."""
    nameless = [c for c, h in zip(body.columns, header, strict=True) if not h]
    if nameless and body.height:
        empty = body.select(blank(c).all() for c in nameless).row(0)
        drop = {c for c, e in zip(nameless, empty, strict=True) if e}
    else:
        drop = set(nameless)
    return [(c, h) for c, h in zip(body.columns, header, strict=True) if c not in drop]


def read_upload(
    data: bytes,
    filename: str,
    *,
    table: Table,
    sheet: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> Ingested:
    """Read an uploaded CSV or XLSX file into text columns named as in the contract.

    ``limits`` defaults to the settings (``Limits.from_settings``); ``max_bytes`` overrides
    its file size.
    """
    limits = limits or Limits.from_settings()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    dialect = Dialect("xlsx" if filename.lower().endswith(EXCEL_SUFFIXES) else "csv")
    if len(data) > limits.max_bytes:
        return _refused(dialect, file_error("too_large", **size_params(limits.max_bytes)))
    if not data or data.isspace():  # (``strip`` would copy the file)
        return _refused(dialect, file_error("empty_file"))
    if data.startswith(OLE_MAGIC):
        return _refused(dialect, file_error("old_excel"))
    if data.startswith(ZIP_MAGIC) or dialect.format == "xlsx":
        return _finish(read_workbook(data, sheet, table, limits), table)
    return _finish(read_csv(data, limits), table)


# ----------------------------------------------------------------------------- prepare


def _renumber(issues: Sequence[Issue], rows: pl.Series) -> list[Issue]:
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


def _report(
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


def prepare(
    data: bytes,
    filename: str,
    *,
    table: Table,
    gemeenten: pl.DataFrame,
    themas: pl.DataFrame,
    factor_codes: frozenset[str],
    sheet: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    today: date | None = None,
    interventie_ids: frozenset[str] | None = None,
) -> Prepared:
    """Read, refuse personal data, map to codes, validate and check plausibility.

    ``clean`` is the typed frame when there is no error. ``today`` defaults to the current
    date (read at call time); ``interventie_ids`` checks the references of ``voortgang``.
    """
    today = today or date.today()
    ingested = read_upload(
        data, filename, table=table, sheet=sheet, max_bytes=max_bytes, limits=limits
    )
    dialect, dropped = ingested.dialect, ingested.rows_dropped_empty
    if ingested.frame is None or ingested.row_numbers is None:
        return _report(dialect, table, ingested.issues, dropped=dropped)
    privacy = personal_data_issues(ingested.frame, today=today, contract=table.names)
    if privacy:
        # stop: keep only file-level issues, so no cell of this file is echoed back
        kept = [i for i in ingested.issues if i.row is None]
        return _report(dialect, table, [*kept, *privacy], dropped=dropped)
    rows = ingested.row_numbers
    mapped, applied = map_values(ingested.frame, table, gemeenten=gemeenten, themas=themas)
    ingested = replace(ingested, frame=None)  # the columns that were mapped can go now
    refs = {
        "gemeenten": frozenset(gemeenten.get_column("gemeentecode").to_list()),
        "factoren": factor_codes,
    }
    if interventie_ids is not None:
        refs["interventies"] = interventie_ids
    validated = validate_table(mapped, table, refs=refs)
    issues = [
        *ingested.issues,
        *_renumber(validated.issues, rows),
        *plausibility_issues(mapped, rows, today=today),
    ]
    return _report(dialect, table, issues, applied=applied, frame=validated.frame, dropped=dropped)
