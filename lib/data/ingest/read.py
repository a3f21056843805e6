"""From the bytes of a file to a grid of text cells (``Grid``), or the reason there is none.

What every reader returns (``Grid``, ``Dialect``: how the file was read) and the CSV reader:
the encoding is detected (a byte-order mark, else UTF-8, else Windows-1252 with a warning), the
delimiter sniffed from the first lines and every field read as text (``infer_schema=False``); a
row with more fields than the header is reported, not cut. Workbooks: ``workbook``.

Hostile input never crashes and never runs: binary content and the number of columns are
checked before anything is parsed.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final, Literal

import polars as pl

from lib.data.ingest.numbers import Decimal
from lib.data.validate import Issue

Format = Literal["csv", "xlsx"]

MAX_BYTES: Final[int] = 200 * 2**20
MAX_COLUMNS: Final[int] = 500
SNIFF_CHARS: Final[int] = 64 * 1024
SNIFF_ROWS: Final[int] = 100
CONTROL_SHARE: Final[float] = 0.01  # more control characters than this: not a text file
CONTROL_MIN: Final[int] = 4
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")

CONTROL: Final[re.Pattern[str]] = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_VISIBLE: Final[re.Pattern[str]] = re.compile(r"\S")
_LEADING_EMPTY_LINES: Final[re.Pattern[str]] = re.compile(r"(?:[ \t,;|\r]*\n)*")

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
    row ``first_row``.
    """

    cells: pl.DataFrame | None
    dialect: Dialect
    issues: tuple[Issue, ...]
    header: int = 0
    first_row: int = 1


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


def _delimiter_label(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


# A panic inside a Rust extension arrives as ``PanicException``, a BaseException.
_POLARS_FAILURES = (pl.exceptions.PolarsError, pl.exceptions.PanicException)


def parser_failure(exc: BaseException) -> bool:
    """An error or a panic of a parser, not an interrupt or an exit."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def blank(name: str) -> pl.Expr:
    """Empty or only white space (a search, so no stripped copy of the column is made)."""
    value = pl.col(name)
    return value.is_null() | ~value.str.contains(r"\S")


# ----------------------------------------------------------------------------- CSV


def _decode(data: bytes) -> tuple[str | None, str, list[Issue]]:
    """Text, encoding and warnings; text None for a file that is not text."""
    text, encoding, settled = _decode_marked(data)
    issues: list[Issue] = []
    if not settled:
        text, encoding, issues = _decode_unmarked(data)
    if text is None or not _is_text(text):
        return None, encoding, []
    return text, encoding, issues


def _decode_marked(data: bytes) -> tuple[str | None, str, bool]:
    """Text and encoding by a byte-order mark, and whether that settles it: a UTF-16 mark or
    a NUL byte does (text None: not text), an unreadable UTF-8 mark or none does not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError:
            return None, "utf-8", True
    if b"\x00" in data:
        return None, "utf-8", True
    if data.startswith(codecs.BOM_UTF8):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8-sig"), "utf-8-sig", True
    return None, "utf-8", False


def _decode_unmarked(data: bytes) -> tuple[str, str, list[Issue]]:
    """UTF-8; else Windows-1252 or Latin-1 (which reads any bytes), with a warning."""
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8"), "utf-8", []
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return text, encoding, [file_warning("encoding_guess", encoding=ENCODING_NAMES[encoding])]


def _is_text(text: str) -> bool:
    """No NUL character, and few control characters at the start."""
    if "\x00" in text:
        return False
    sample = text[:SNIFF_CHARS]
    return len(CONTROL.findall(sample)) <= max(CONTROL_MIN, CONTROL_SHARE * len(sample))


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
    """The delimiter and the number of fields of the header, from the first lines.

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


def _polars_csv(payload: bytes, delimiter: str) -> pl.DataFrame:
    return pl.read_csv(
        payload,
        has_header=False,
        separator=delimiter,
        infer_schema=False,
        quote_char='"',
        raise_if_empty=False,
    )


def _parse_csv(
    payload: bytes, delimiter: str, header_fields: int, base: int
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Every field as text; rows longer than the header are reported, not silently cut.

    ``payload`` is the UTF-8 text from the header on.
    """
    try:
        return _polars_csv(payload, delimiter), []
    except _POLARS_FAILURES:
        pass
    # Some rows have more fields than the first one: widen the frame with an empty first row.
    body = payload.decode("utf-8")
    try:
        width = max((len(r) for r in csv.reader(io.StringIO(body), delimiter=delimiter)), default=1)
    except csv.Error:
        return None, [file_error("bad_csv")]
    if width > MAX_COLUMNS:
        return None, [file_error("too_many_columns", count=float(width), limit=MAX_COLUMNS)]
    padded = delimiter * (width - 1) + "\n" + body
    try:
        raw = _polars_csv(padded.encode("utf-8"), delimiter).slice(1)
    except _POLARS_FAILURES:
        return None, [file_error("bad_csv")]
    extra = raw.columns[header_fields:]
    rows = pl.int_range(base, base + raw.height, eager=True)
    long_rows = rows.filter(~raw.select(pl.all_horizontal(blank(c) for c in extra)).to_series())
    params = {"delimiter": _delimiter_label(delimiter)}
    issues = [Issue("extra_fields", None, int(r), None, "error", params) for r in long_rows]
    return raw.drop(extra), issues


def _lone_carriage_returns(source: str | bytes) -> bool:
    """Whether a carriage return stands without its newline (counted in the bytes where a
    carriage return is one byte, which is faster than in the text)."""
    if isinstance(source, str):
        return source.count("\r") != source.count("\r\n")
    return source.count(b"\r") != source.count(b"\r\n")


def _line_ends(text: str, data: bytes, encoding: str) -> tuple[str, bool]:
    """``text`` with lone carriage returns (old Mac files) as newlines, and whether a carriage
    return is left (in CRLF line ends, which Polars reads as they are)."""
    carriage = "\r" in text
    if carriage and _lone_carriage_returns(text if encoding == "utf-16" else data):
        return text.replace("\r\n", "\n").replace("\r", "\n"), False
    return text, carriage


def _leading_empty_lines(text: str) -> str:
    """The empty lines (perhaps with delimiters) above the header."""
    leading = _LEADING_EMPTY_LINES.match(text)
    return leading.group(0) if leading else ""


def _newlines_in_cells(raw: pl.DataFrame) -> pl.DataFrame:
    """A line break inside a quoted cell is a newline, as in a spreadsheet."""
    return raw.with_columns(
        pl.col(c).str.replace_all("\r\n", "\n", literal=True)
        for c in raw.columns
        if raw.get_column(c).str.contains("\r", literal=True).any()
    )


def read_csv(data: bytes) -> Grid:
    """Every field of a delimited text file as text, or the reason it cannot be read."""
    text, encoding, issues = _decode(data)
    dialect = Dialect("csv", encoding=encoding)
    if text is None:
        return fail(dialect, file_error("not_text"))
    text, carriage = _line_ends(text, data, encoding)
    skipped = _leading_empty_lines(text)
    body = text[len(skipped) :]
    if _VISIBLE.search(body) is None:  # (``strip`` would copy the whole file)
        return fail(dialect, file_error("empty_file"), *issues)
    delimiter, header_fields = _sniff(body)
    dialect = replace(dialect, delimiter=delimiter)
    if header_fields > MAX_COLUMNS:
        count = float(header_fields)
        return fail(dialect, file_error("too_many_columns", count=count, limit=MAX_COLUMNS))
    base = skipped.count("\n") + 1  # spreadsheet row of the header
    payload = body.encode("utf-8")
    carriage = carriage and '"' in body  # CRLF inside a quoted cell needs a quote
    del text, body  # keep one copy of a large file in memory, not three
    raw, parse_issues = _parse_csv(payload, delimiter, header_fields, base)
    del payload
    if raw is None:
        return fail(dialect, *parse_issues, *issues)
    if carriage:
        raw = _newlines_in_cells(raw)
    return Grid(raw, dialect, (*issues, *parse_issues), 0, base)
