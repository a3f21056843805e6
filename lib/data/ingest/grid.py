"""What every reader of an upload returns: a grid of text cells and how the file was read.

``Grid`` holds every cell as text before a header is applied; ``Dialect`` says how the file
was read. The helpers make file-level issues and test cells for emptiness.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

import polars as pl

from lib.data.ingest.numbers import Decimal
from lib.data.validate import Issue

MAX_COLUMNS: Final[int] = 500
Format = Literal["csv", "xlsx"]

ENCODING_NAMES: Final[dict[str, str]] = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
}


@dataclass(frozen=True)
class Dialect:
    """How a file was read; ``header_map`` maps each recognised header to its column."""

    format: Format = "csv"
    encoding: str | None = None
    delimiter: str | None = None
    decimal: Decimal = "."
    thousands: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    header_map: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Grid:
    """Every cell of a file as text, before its header is applied (None after a file error).

    ``header`` is the row of ``cells`` that names the columns; row 0 of ``cells`` is spreadsheet
    row ``first_row``, and the others follow, unless ``rows`` gives the row of each (after
    empty rows were left out).
    """

    cells: pl.DataFrame | None
    dialect: Dialect
    issues: tuple[Issue, ...]
    header: int = 0
    first_row: int = 1
    rows: pl.Series | None = None  # the spreadsheet row of each row of cells, when not 1, 2, ...
    rows_dropped: int = 0  # empty rows already left out of cells


# ----------------------------------------------------------------------------- helpers


def file_error(code: str, **params: object) -> Issue:
    """An error of the whole file (no column, row or value)."""
    return Issue(code, None, None, None, "error", params)


def file_warning(code: str, **params: object) -> Issue:
    """A warning about the whole file (no column, row or value)."""
    return Issue(code, None, None, None, "warning", params)


def fail(dialect: Dialect, *issues: Issue) -> Grid:
    """No grid: the file cannot be read, for ``issues``."""
    return Grid(None, dialect, tuple(issues))


def delimiter_label(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


# A panic inside a Rust extension arrives as ``PanicException``, a BaseException.
POLARS_FAILURES = (pl.exceptions.PolarsError, pl.exceptions.PanicException)


def parser_failure(exc: BaseException) -> bool:
    """An error or a panic of a parser, not an interrupt or an exit."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def blank(name: str) -> pl.Expr:
    """Empty or only white space (a search, so no stripped copy of the column is made)."""
    value = pl.col(name)
    return value.is_null() | ~value.str.contains(r"\S")


def blank_rows(frame: pl.DataFrame) -> pl.Series | None:
    """Which rows are empty in every column; None when none is. The first column decides
    for most rows: only where it is empty are the other columns looked at."""
    if not frame.width or not frame.height:
        return None
    first = frame.select(blank(frame.columns[0])).to_series()
    if not first.any():
        return None
    at = first.arg_true()
    rest = frame.columns[1:]
    empty = (
        frame[at].select(pl.all_horizontal(blank(c) for c in rest)).to_series()
        if rest
        else pl.repeat(True, at.len(), eager=True)
    )
    rows = pl.repeat(False, frame.height, eager=True)
    hits = at.filter(empty)
    return rows.scatter(hits, True) if hits.len() else None
