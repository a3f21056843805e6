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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.batches import Context, prepare_batches
from lib.data.ingest.checks import (
    FORMULA,
    Prepared,
    formula_issues,
    header_cells,
    plausibility_issues,
    report,
)
from lib.data.ingest.grid import Dialect, Grid, blank, blank_rows, file_error
from lib.data.ingest.headers import name_columns
from lib.data.ingest.limits import Limits, size_params
from lib.data.ingest.numbers import normalise_numbers
from lib.data.ingest.read import CsvStream, open_csv, read_csv
from lib.data.ingest.workbook import EXCEL_SUFFIXES, OLE_MAGIC, ZIP_MAGIC, read_workbook
from lib.data.validate import Issue

__all__ = ["FORMULA", "Ingested", "Prepared", "plausibility_issues", "prepare", "read_upload"]


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


def _refused(dialect: Dialect, issue: Issue) -> Ingested:
    return Ingested(None, dialect, (issue,))


def _finish(grid: Grid, table: Table) -> Ingested:
    """From a grid of text to the frame: drop empty columns and rows, name the columns,
    normalise numbers."""
    if grid.cells is None:
        return Ingested(None, grid.dialect, grid.issues)
    raw = grid.cells.rename({c: f"c{i}" for i, c in enumerate(grid.cells.columns)})
    header = header_cells(raw.row(grid.header))
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
    issues += formula_issues(frame, rows)
    return Ingested(frame, dialect, tuple(issues), dropped, rows.alias("row"))


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
    limits = _limits(limits, max_bytes)
    checked = _precheck(data, filename, limits)
    if isinstance(checked, Ingested):
        return checked
    if checked.format == "xlsx":
        return _finish(read_workbook(data, sheet, table, limits), table)
    return _finish(read_csv(data, limits), table)


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or Limits.from_settings()
    return limits if max_bytes is None else replace(limits, max_bytes=max_bytes)


def _precheck(data: bytes, filename: str, limits: Limits) -> Dialect | Ingested:
    """How to read the file (its format), or why it is refused before any parser sees it."""
    dialect = Dialect("xlsx" if filename.lower().endswith(EXCEL_SUFFIXES) else "csv")
    if len(data) > limits.max_bytes:
        return _refused(dialect, file_error("too_large", **size_params(limits.max_bytes)))
    if not data or data.isspace():  # (``strip`` would copy the file)
        return _refused(dialect, file_error("empty_file"))
    if data.startswith(OLE_MAGIC):
        return _refused(dialect, file_error("old_excel"))
    if data.startswith(ZIP_MAGIC):
        return replace(dialect, format="xlsx")
    return dialect


# ----------------------------------------------------------------------------- prepare


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
    references: Mapping[str, frozenset[str]] | None = None,
) -> Prepared:
    """Read, refuse personal data, map to codes, validate and check plausibility, in batches
    (``batches``: the text of the whole file is never in memory at once).

    ``clean`` is the typed frame when there is no error. ``today`` defaults to the current
    date (read at call time); ``interventie_ids`` checks the references of ``voortgang``;
    ``references`` adds the keys of other tables (``Dataset.references``: the population and
    offence types that ``misdrijven`` refers to, ...). ``limits`` defaults to the settings;
    ``max_bytes`` overrides its file size.
    """
    limits = _limits(limits, max_bytes)
    checked = _precheck(data, filename, limits)
    if isinstance(checked, Ingested):
        return report(checked.dialect, table, checked.issues)
    source: CsvStream | Grid
    if checked.format == "xlsx":
        source = read_workbook(data, sheet, table, limits)
    else:
        source = open_csv(data, limits)
    if isinstance(source, Grid) and source.cells is None:
        return report(source.dialect, table, source.issues)
    refs = {
        **(references or {}),
        "gemeenten": frozenset(gemeenten.get_column("gemeentecode").to_list()),
        "factoren": factor_codes,
    }
    if interventie_ids is not None:
        refs["interventies"] = interventie_ids
    context = Context(table, gemeenten, themas, refs, today or date.today())
    read_issues = source.issues if isinstance(source, Grid) else ()
    return prepare_batches(source, source.dialect, context, read_issues=tuple(read_issues))
