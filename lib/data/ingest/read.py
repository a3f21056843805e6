"""From the bytes of a file to a grid of text cells (``Grid``), or the reason there is none.

What every reader returns (``Grid``, ``Dialect``: how the file was read) and the CSV reader.
The file is read in blocks (``decode``: the encoding, UTF-8 blocks; ``blocks``: cut where a
record ends), never as one string: the lines above the header are skipped with a scan of the
bytes, the delimiter is sniffed from the first lines, and each piece of records is parsed with
every field as text. Empty rows are dropped piece by piece (their row numbers are kept in
``Grid.rows``), and the ceilings (``limits``) are checked on each piece: memory stays within a
small factor of the file, whatever it holds. A row with more fields than the header is
reported, not cut. Workbooks: ``workbook``.

Hostile input never crashes and never runs: binary content and the number of columns are
checked before anything is parsed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final

import polars as pl

from lib.data.ingest.blocks import Cut, Lookahead, pieces, trim
from lib.data.ingest.decode import SNIFF_CHARS, Decoding, NotText, blocks, detect
from lib.data.ingest.grid import (
    ENCODING_NAMES,
    MAX_COLUMNS,
    Dialect,
    Grid,
    blank,
    blank_rows,
    fail,
    file_error,
    file_warning,
    parser_failure,
)
from lib.data.ingest.limits import MAX_BYTES, Limits
from lib.data.ingest.parse import Pieces, parse_piece
from lib.data.validate import Issue

__all__ = [
    "ENCODING_NAMES",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "Dialect",
    "Grid",
    "blank",
    "blank_rows",
    "fail",
    "file_error",
    "file_warning",
    "open_csv",
    "parser_failure",
    "read_csv",
]

SNIFF_ROWS: Final[int] = 100
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")

_VISIBLE: Final[re.Pattern[str]] = re.compile(r"\S")

# ----------------------------------------------------------------------------- sniffing


def _records(sample: str, delimiter: str) -> list[list[str]]:
    try:
        return [
            row
            for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
            if any(cell.strip() for cell in row)
        ]
    except csv.Error:
        return []


def _fit(row: list[str], width: int) -> float:
    if len(row) == width or (len(row) > width and not any(c.strip() for c in row[width:])):
        return 1.0
    return 0.5 if len(row) < width else 0.0


def _sniff(text: str) -> tuple[str, int]:
    """The delimiter and the number of fields of the header, from the first lines (``text``:
    the start of the file after the lines above the header, up to the header's end at least).

    Each candidate splits a sample (quotes respected); the one whose rows agree best with a
    header of two or more fields wins. A header longer than the sample is counted directly.
    """
    if text.find("\n", 0, SNIFF_CHARS) < 0 and len(text) > SNIFF_CHARS:
        return _sniff_long_header(text)
    delimiter = _best_delimiter(text[:SNIFF_CHARS], truncated=len(text) > SNIFF_CHARS)
    try:
        fields = next(csv.reader(io.StringIO(text[: 2 * SNIFF_CHARS]), delimiter=delimiter))
    except (csv.Error, StopIteration):
        fields = []
    return delimiter, max(len(fields), 1)


def _sniff_long_header(text: str) -> tuple[str, int]:
    """For a first line longer than the sample: its most frequent candidate, counted."""
    sample = text[:SNIFF_CHARS]
    delimiter = max(DELIMITERS, key=sample.count)
    end = text.find("\n")
    header = text if end < 0 else text[:end]
    return delimiter, header.count(delimiter) + 1


def _best_delimiter(sample: str, *, truncated: bool) -> str:
    """The candidate whose rows fit the header best (then the widest header); else ``,``."""
    best: tuple[float, int, str] = (0.0, 1, ",")
    for delimiter in DELIMITERS:
        score = _score(sample, delimiter, truncated=truncated)
        if score is not None and score[:2] > best[:2]:
            best = score
    return best[2]


def _score(sample: str, delimiter: str, *, truncated: bool) -> tuple[float, int, str] | None:
    """How well the rows fit the header, and its width; None for a header of one field.

    The last row of a ``truncated`` sample may be cut, so it does not count.
    """
    rows = _records(sample, delimiter)
    if truncated and len(rows) > 1:
        rows = rows[:-1]
    rows = rows[:SNIFF_ROWS]
    if not rows or len(rows[0]) < 2:
        return None
    width = len(rows[0])
    return (sum(_fit(r, width) for r in rows) / len(rows), width, delimiter)


# ----------------------------------------------------------------------------- CSV


def _mixed_rows(
    frame: pl.DataFrame, first_row: int, first_line: int, piece: bytes, mixed: list[int]
) -> list[int]:
    """The spreadsheet rows of the lines of ``mixed`` (lines of the file) that fall in a
    parsed piece: a record takes one line more for each line break in its cells."""
    span = piece.count(b"\n") + (0 if piece.endswith(b"\n") else 1)
    lines = [n for n in mixed if first_line <= n < first_line + span]
    if not lines:
        return []
    breaks = frame.select(
        pl.sum_horizontal(pl.col(c).str.count_matches("\n", literal=True).fill_null(0)
                          for c in frame.columns)
    ).to_series()  # fmt: skip
    starts = (breaks + 1).cum_sum().shift(1, fill_value=0) + first_line
    at = starts.search_sorted(pl.Series(lines), side="right") - 1
    return [first_row + int(i) for i in at]


def read_csv(data: bytes, limits: Limits | None = None) -> Grid:
    """Every field of a delimited text file as text, or the reason it cannot be read."""
    stream = open_csv(data, limits or Limits())
    if isinstance(stream, Grid):
        return stream
    frames, rows = [], []
    for frame, numbers in stream.batches():
        frames.append(frame)
        rows.append(numbers)
    dialect, issues, problem = stream.outcome()
    if problem is not None:
        return fail(dialect, problem, *issues)
    if not frames:
        return fail(dialect, file_error("empty_file"), *issues)
    cells = pl.concat(frames, rechunk=False)
    frames.clear()
    header_row = int(rows[0][0])  # (the lines above it were skipped)
    return Grid(cells, dialect, issues, 0, header_row, pl.concat(rows), stream.state.dropped)


def open_csv(data: bytes, limits: Limits) -> CsvStream | Grid:
    """A delimited text file to be read piece by piece (``CsvStream``), or a ``Grid`` with
    the reason it cannot be read at all."""
    try:
        decoding = detect(data)
        source = Lookahead(blocks(data, decoding))
        skipped = source.skip_blank_lines()
        bound = MAX_COLUMNS * (4 * limits.max_cell + 3)
        head = source.head(2 * SNIFF_CHARS, line_limit=bound)
        text = codecs.utf_8_decode(head, "strict", False)[0]
    except NotText:
        return fail(Dialect("csv", encoding="utf-8"), file_error("not_text"))
    del head
    dialect = Dialect("csv", encoding=decoding.encoding)
    if _VISIBLE.search(text) is None:  # (the start of the file; ``strip`` would copy it)
        return fail(dialect, file_error("empty_file"), *_encoding_issues(decoding))
    delimiter, width = _sniff(text)
    del text
    dialect = replace(dialect, delimiter=delimiter)
    if width > MAX_COLUMNS:
        return fail(dialect, file_error("too_many_columns", count=float(width), limit=MAX_COLUMNS))
    state = _Read(limits, skipped + 1)
    return CsvStream(dialect, decoding, source, state, width=width, bound=bound, line=skipped + 1)


@dataclass
class _Read(Pieces):
    mixed: list[int] = field(default_factory=list)  # spreadsheet rows read as Windows-1252


@dataclass
class CsvStream:
    """A CSV file read piece by piece: ``batches`` yields each piece's cells (the header is
    row 0 of the first) with their spreadsheet rows; ``outcome`` then says how the file was
    read, its issues, and a problem that stopped the reading (None when there was none)."""

    dialect: Dialect
    decoding: Decoding
    source: Lookahead
    state: _Read
    width: int
    bound: int
    line: int  # the line of the file where the next piece starts
    problem: Issue | None = None
    cut: Cut = field(default_factory=Cut)

    def batches(self) -> Iterator[tuple[pl.DataFrame, pl.Series]]:
        delimiter, state = self.dialect.delimiter or ",", self.state
        try:
            for piece in pieces(self.source, width=self.width, bound=self.bound, cut=self.cut):
                before, core, after = trim(piece)
                del piece
                state.skip(before)
                self.line += before
                if core:
                    frame, issues = parse_piece(core, delimiter, self.width, state.next_row)
                    if frame is None:
                        self.problem = issues[0]
                        return
                    state.mixed += _mixed_rows(frame, state.next_row, self.line, core,
                                               self.decoding.mixed_lines)  # fmt: skip
                    self.line += core.count(b"\n")
                    state.issues += issues
                    yield state.add(frame)
                    if state.full:
                        return
                state.skip(after)
                self.line += after
        except NotText:
            self.problem = file_error("not_text")

    def outcome(self) -> tuple[Dialect, tuple[Issue, ...], Issue | None]:
        dialect = replace(self.dialect, encoding=self.decoding.encoding)
        issues = self.state.issues
        if self.cut.truncated:  # the last record was cut: its long cell was not read to its end
            long = [i for i, issue in enumerate(issues) if issue.code == "cell_too_long"]
            if long:
                issues[long[-1]] = replace(issues[long[-1]], code="cell_cut")
            elif self.problem is None:
                self.problem = file_error("bad_csv")
        if self.problem is not None:
            return dialect, tuple(_encoding_issues(self.decoding)), self.problem
        return dialect, (*_encoding_issues(self.decoding, self.state.mixed), *issues), None


def _encoding_issues(decoding: Decoding, rows: list[int] | None = None) -> list[Issue]:
    """A warning for a file read as Windows-1252 as a whole, or one per row of a UTF-8 file
    that was read as Windows-1252 (and one for the rows beyond those named)."""
    if decoding.mixed:
        name = ENCODING_NAMES["cp1252"]
        named = [Issue("mixed_encoding", None, r, None, "warning", {"encoding": name})
                 for r in dict.fromkeys(rows or [])]  # fmt: skip
        if decoding.mixed_total > len(named):
            total, shown = float(decoding.mixed_total), float(len(named))
            named.append(file_warning("mixed_encoding_more", aantal=total, shown=shown,
                                      encoding=name))  # fmt: skip
        return named
    if decoding.fallback_bytes:
        return [file_warning("encoding_guess", encoding=ENCODING_NAMES[decoding.encoding])]
    return []
