"""A piece of whole records of a CSV file, parsed into a frame of text cells, and the pieces
of a file kept together without their empty rows.

Each piece is parsed with the header's width (``missing_columns="insert"``: a piece may
start with a short row); a row wider than the header is found with the ``csv`` module in
that piece only and reported. Empty rows are dropped piece by piece (their spreadsheet rows
are kept beside the cells), and the cell and row ceilings are checked on each piece.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import polars as pl

from lib.data.ingest.grid import (
    MAX_COLUMNS,
    POLARS_FAILURES,
    blank,
    blank_rows,
    delimiter_label,
    file_error,
)
from lib.data.ingest.limits import SHOWN, Limits, capped, column_label, long_cells, too_many_rows
from lib.data.validate import Issue


def _schema(width: int) -> dict[str, pl.DataType]:
    return {f"c{i}": pl.String() for i in range(width)}


def _polars_csv(piece: bytes, delimiter: str, width: int) -> pl.DataFrame:
    return pl.read_csv(
        piece,
        has_header=False,
        separator=delimiter,
        schema=_schema(width),
        missing_columns="insert",  # a piece may start with a row shorter than the header
        quote_char='"',
        raise_if_empty=False,
    )


def parse_piece(
    piece: bytes, delimiter: str, width: int, first_row: int
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Every field of a piece of records as text, ``width`` columns; rows longer than the
    header are reported (``first_row``: the spreadsheet row of the piece's first record)."""
    try:
        frame = _polars_csv(piece, delimiter, width)
    except POLARS_FAILURES:
        return _parse_wide(piece, delimiter, width, first_row)
    return _newlines_in_cells(frame) if b'"' in piece and b"\r" in piece else frame, []


def _parse_wide(
    piece: bytes, delimiter: str, width: int, first_row: int
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """A piece with rows wider than the header: the widest is counted (in this piece only),
    and every row with a filled cell beyond the header is an error."""
    try:
        reader = csv.reader(io.StringIO(piece.decode("utf-8")), delimiter=delimiter)
        widest = max((len(r) for r in reader), default=1)
    except csv.Error:
        return None, [file_error("bad_csv")]
    if widest > MAX_COLUMNS:
        return None, [file_error("too_many_columns", count=float(widest), limit=MAX_COLUMNS)]
    if widest <= width:
        return None, [file_error("bad_csv")]
    try:
        raw = _polars_csv(piece, delimiter, widest)
    except POLARS_FAILURES:
        return None, [file_error("bad_csv")]
    if b'"' in piece and b"\r" in piece:
        raw = _newlines_in_cells(raw)
    extra = raw.columns[width:]
    long_rows = ~raw.select(pl.all_horizontal(blank(c) for c in extra)).to_series()
    rows = pl.int_range(first_row, first_row + raw.height, eager=True).filter(long_rows)
    params = {"delimiter": delimiter_label(delimiter)}
    shown = [Issue("extra_fields", None, int(r), None, "error", params) for r in rows.head(SHOWN)]
    return raw.drop(extra), capped(shown, rows.len(), None, "extra_fields")


def _newlines_in_cells(raw: pl.DataFrame) -> pl.DataFrame:
    """A line break (CRLF) inside a quoted cell is a newline, as in a spreadsheet."""
    carriage = raw.select(pl.col(c).str.contains("\r", literal=True).any() for c in raw.columns)
    return raw.with_columns(
        pl.col(c).str.replace_all("\r\n", "\n", literal=True)
        for c, found in zip(raw.columns, carriage.row(0), strict=True)
        if found
    )


@dataclass
class Pieces:
    """What reading the pieces of a file found so far: empty rows, issues, the row count."""

    limits: Limits
    next_row: int  # spreadsheet row of the next record
    issues: list[Issue] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    dropped: int = 0
    kept: int = 0  # data rows kept (the header not counted)
    started: bool = False  # the header has been read
    full: bool = False  # over the row limit: nothing more is read

    def skip(self, records: int) -> None:
        self.next_row += records
        self.dropped += records

    def add(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
        """A parsed piece without its empty rows, and the spreadsheet row of each."""
        rows = pl.int_range(self.next_row, self.next_row + frame.height, eager=True)
        header = not self.started
        self.started = True
        if header:
            self.labels = [column_label(str(v or ""), i) for i, v in enumerate(frame.row(0))]
        empty = blank_rows(frame)
        self.next_row += frame.height
        kept = frame.height
        if empty is not None:
            if header:
                empty = empty.scatter(0, False)  # the header is kept even when it is blank
            kept -= int(empty.sum())
            self.dropped += frame.height - kept
            frame, rows = frame.filter(~empty), rows.filter(~empty)
        self.issues += long_cells(frame, rows, self.labels, self.limits.max_cell)
        self.kept += kept - int(header)
        if self.kept > self.limits.max_rows:
            self.full = True
            self.issues.append(too_many_rows(self.limits.max_rows))
        return frame, rows
