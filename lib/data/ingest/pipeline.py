"""From the bytes an analyst uploads to a checked table: read, guard, map, validate.

``read_upload`` turns a CSV or XLSX file into a text frame (every column ``pl.String``) with
the contract's column names, and says how it read the file (``Dialect``): encoding, delimiter,
decimal mark, sheet, which header became which column. ``prepare`` is the one entry point for
the upload page and the command line: it reads the file, refuses personal data
(``lib.privacy``), maps spellings to codes (``lib.mapping``), validates (``lib.validate``) and
adds plausibility warnings.

Hostile input never crashes and never runs: size, emptiness, binary content, the number of
columns and the unpacked size of a workbook are checked before anything is parsed. Cells are
only ever text; a cell that a spreadsheet would run as a formula gets a warning.

Row numbers are as a spreadsheet shows them (header = row 1). Empty rows are skipped, but
every issue keeps the row number of the original file (``Ingested.row_numbers``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final, Literal

import fastexcel
import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.mapping import Applied, keys_of, map_values
from lib.data.ingest.privacy import personal_data_issues
from lib.data.validate import Issue, ValidationReport, validate_table

Format = Literal["csv", "xlsx"]
Decimal = Literal[",", "."]

MAX_BYTES: Final[int] = 200 * 2**20
MAX_COLUMNS: Final[int] = 500
XLSX_MAX_UNCOMPRESSED: Final[int] = 200 * 2**20
XLSX_MAX_RATIO: Final[int] = 100
XLSX_RATIO_FROM: Final[int] = 2**20  # smaller parts (styles, shared strings) may pack tighter
XLSX_MAX_ENTRIES: Final[int] = 1000
SNIFF_CHARS: Final[int] = 64 * 1024
VOTE_ROWS: Final[int] = 20_000  # cells per number column that vote on the decimal mark
SNIFF_ROWS: Final[int] = 100
HEADER_SEARCH_ROWS: Final[int] = 20
CONTROL_SHARE: Final[float] = 0.01  # more control characters than this: not a text file
CONTROL_MIN: Final[int] = 4
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")
EXCEL_SUFFIXES: Final[tuple[str, ...]] = (".xlsx", ".xlsm")
ZIP_MAGIC: Final[bytes] = b"PK\x03\x04"
OLE_MAGIC: Final[bytes] = bytes.fromhex("d0cf11e0a1b11ae1")  # .xls and password-protected files

# A cell that a spreadsheet runs as a formula: ``=`` and anything, or ``+ - @`` and a letter.
FORMULA: Final[str] = r"^\s*(?:=\S|[+\-@]\s*[A-Za-z])"
CONTROL: Final[re.Pattern[str]] = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_VISIBLE: Final[re.Pattern[str]] = re.compile(r"\S")
_LEADING_EMPTY_LINES: Final[re.Pattern[str]] = re.compile(r"(?:[ \t,;|\r]*\n)*")
XLSX_MIDNIGHT: Final[str] = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]00:00:00$"

# Headers people use for a contract column (compared by key: case, accents, spaces ignored).
HEADER_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "interventie_id": ("id", "interventiecode", "code interventie", "intervention id"),
    "gemeentecode": (
        "gemeente",
        "gm code",
        "cbs code",
        "code gemeente",
        "gemeentenummer",
        "municipality",
        "municipality code",
    ),
    "naam": ("naam interventie", "interventienaam", "name", "titel"),
    "thema": ("theme", "themas"),
    "status": ("stand", "stand van uitvoering", "state"),
    "doelgroep": ("doelgroepen", "target group"),
    "startjaar": ("jaar", "start", "start jaar", "beginjaar", "jaar van start", "start year"),
    "bereik": (
        "aantal jongeren",
        "bereikte jongeren",
        "aantal bereikt",
        "deelnemers",
        "aantal deelnemers",
        "reach",
    ),
    "budget_eur": ("budget", "budget euro", "budget in euro", "bedrag", "begroting"),
    "factoren": ("factor", "risicofactoren", "risicofactor", "factors", "risk factors"),
    "monitoringplan": (
        "monitoring",
        "monitoring plan",
        "evaluatieplan",
        "monitorings en evaluatieplan",
    ),
    "bron": ("bronnen", "source", "sources"),
    "illustratief": ("voorbeelddata", "illustrative"),
    "periode": ("kwartaal", "period", "quarter"),
}

# number shapes after removing spaces and the euro sign
_DOT_GROUPED = r"^[-+]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$"  # 12.500 or 12.500,50
_COMMA_GROUPED = r"^[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$"  # 12,500 or 12,500.50
_COMMA_DECIMAL = r"^[-+]?[0-9]*,(?:[0-9]{1,2}|[0-9]{4,})$"  # 12500,5 (not 1,234)
_DOT_DECIMAL = r"^[-+]?[0-9]*\.(?:[0-9]{1,2}|[0-9]{4,})$"  # 12500.5 (not 1.234)
_FLOAT_COMMA = r"^[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)?(?:,[0-9]+)?$"
_FLOAT_DOT = r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$"
_INT_COMMA = r"^[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0)?$"
_INT_DOT = r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0)?$"
_NOISE = r"[\s\u00a0\u202f€]"

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


# ----------------------------------------------------------------------------- helpers


def _error(code: str, **params: object) -> Issue:
    return Issue(code, None, None, None, "error", params)


def _warning(code: str, **params: object) -> Issue:
    return Issue(code, None, None, None, "warning", params)


def _fail(dialect: Dialect, *issues: Issue) -> Ingested:
    return Ingested(None, dialect, tuple(issues))


def _size(limit: int) -> dict[str, object]:
    """The limit as a number and a unit (a float is shown in the notation of the language)."""
    if limit >= 2**20:
        return {"limit": round(limit / 2**20, 1), "unit": "MB"}
    if limit >= 2**10:
        return {"limit": round(limit / 2**10, 1), "unit": "KB"}
    return {"limit": limit, "unit": "bytes"}


def _delimiter_label(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


# A panic inside a Rust extension arrives as ``PanicException``, a BaseException.
_POLARS_FAILURES = (pl.exceptions.PolarsError, pl.exceptions.PanicException)


def _parser_failure(exc: BaseException) -> bool:
    """An error or a panic of a parser, not an interrupt or an exit."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _blank(name: str) -> pl.Expr:
    """Empty or only white space (a search, so no stripped copy of the column is made)."""
    value = pl.col(name)
    return value.is_null() | ~value.str.contains(r"\S")


# ----------------------------------------------------------------------------- CSV


def _decode(data: bytes) -> tuple[str | None, str, list[Issue]]:
    """Text, encoding and warnings; text None for a file that is not text."""
    text: str | None = None
    encoding = "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, encoding, []
    elif b"\x00" in data:
        return None, encoding, []
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            text = None
    issues: list[Issue] = []
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            for candidate in ("cp1252", "latin-1"):
                try:
                    text, encoding = data.decode(candidate), candidate
                    break
                except UnicodeDecodeError:
                    continue
            issues.append(_warning("encoding_guess", encoding=ENCODING_NAMES[encoding]))
    if text is None or "\x00" in text:
        return None, encoding, []
    sample = text[:SNIFF_CHARS]
    if len(CONTROL.findall(sample)) > max(CONTROL_MIN, CONTROL_SHARE * len(sample)):
        return None, encoding, []
    return text, encoding, issues


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
    first_newline = text.find("\n", 0, SNIFF_CHARS)
    if first_newline < 0 and len(text) > SNIFF_CHARS:
        sample = text[:SNIFF_CHARS]
        delimiter = max(DELIMITERS, key=sample.count)
        end = text.find("\n")
        header = text if end < 0 else text[:end]
        return delimiter, header.count(delimiter) + 1
    sample = text[:SNIFF_CHARS]
    truncated = len(text) > SNIFF_CHARS
    best: tuple[float, int, str] = (0.0, 1, ",")
    for delimiter in DELIMITERS:
        rows = _records(sample, delimiter)
        if truncated and len(rows) > 1:
            rows = rows[:-1]
        rows = rows[:SNIFF_ROWS]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(_fit(r, width) for r in rows) / len(rows), width, delimiter)
        if score[:2] > best[:2]:
            best = score
    delimiter = best[2]
    try:
        fields = next(csv.reader(io.StringIO(text[: 2 * SNIFF_CHARS]), delimiter=delimiter))
    except (csv.Error, StopIteration):
        fields = []
    return delimiter, max(len(fields), 1)


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
        return None, [_error("bad_csv")]
    if width > MAX_COLUMNS:
        return None, [_error("too_many_columns", count=float(width), limit=MAX_COLUMNS)]
    padded = delimiter * (width - 1) + "\n" + body
    try:
        raw = _polars_csv(padded.encode("utf-8"), delimiter).slice(1)
    except _POLARS_FAILURES:
        return None, [_error("bad_csv")]
    extra = raw.columns[header_fields:]
    rows = pl.int_range(base, base + raw.height, eager=True)
    long_rows = rows.filter(~raw.select(pl.all_horizontal(_blank(c) for c in extra)).to_series())
    params = {"delimiter": _delimiter_label(delimiter)}
    issues = [Issue("extra_fields", None, int(r), None, "error", params) for r in long_rows]
    return raw.drop(extra), issues


def _lone_carriage_returns(source: str | bytes) -> bool:
    """Whether a carriage return stands without its newline (counted in the bytes where a
    carriage return is one byte, which is faster than in the text)."""
    if isinstance(source, str):
        return source.count("\r") != source.count("\r\n")
    return source.count(b"\r") != source.count(b"\r\n")


def _read_csv(data: bytes, table: Table) -> Ingested:
    text, encoding, issues = _decode(data)
    dialect = Dialect("csv", encoding=encoding)
    if text is None:
        return _fail(dialect, _error("not_text"))
    # Polars reads CRLF line ends as they are; only lone carriage returns (old Mac files)
    # are turned into newlines, which would copy the whole text.
    carriage = "\r" in text
    if carriage and _lone_carriage_returns(text if encoding == "utf-16" else data):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        carriage = False
    leading = _LEADING_EMPTY_LINES.match(text)
    skipped = leading.group(0) if leading else ""
    body = text[len(skipped) :]
    if _VISIBLE.search(body) is None:  # (``strip`` would copy the whole file)
        return _fail(dialect, _error("empty_file"), *issues)
    delimiter, header_fields = _sniff(body)
    dialect = replace(dialect, delimiter=delimiter)
    if header_fields > MAX_COLUMNS:
        count = float(header_fields)
        return _fail(dialect, _error("too_many_columns", count=count, limit=MAX_COLUMNS))
    base = skipped.count("\n") + 1  # spreadsheet row of the header
    payload = body.encode("utf-8")
    carriage = carriage and '"' in body  # CRLF inside a quoted cell needs a quote
    del text, body  # keep one copy of a large file in memory, not three
    raw, parse_issues = _parse_csv(payload, delimiter, header_fields, base)
    del payload
    if raw is None:
        return _fail(dialect, *parse_issues, *issues)
    if carriage:  # a line break inside a quoted cell is a newline, as in a spreadsheet
        raw = raw.with_columns(
            pl.col(c).str.replace_all("\r\n", "\n", literal=True)
            for c in raw.columns
            if raw.get_column(c).str.contains("\r", literal=True).any()
        )
    return _finish(raw, 0, base, table, dialect, [*issues, *parse_issues])


# ----------------------------------------------------------------------------- XLSX


def _check_zip(data: bytes) -> Issue | None:
    """Refuse a workbook that is not a zip, is encrypted or unpacks to something huge."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > XLSX_MAX_ENTRIES:
                return _error("zip_bomb")
            if sum(i.file_size for i in infos) > XLSX_MAX_UNCOMPRESSED:
                return _error("zip_bomb")
            if any(
                i.file_size > XLSX_RATIO_FROM and i.file_size > XLSX_MAX_RATIO * i.compress_size
                for i in infos
            ):
                return _error("zip_bomb")
            if any(i.flag_bits & 0x1 for i in infos) or "xl/workbook.xml" not in {
                i.filename for i in infos
            }:
                return _error("bad_xlsx")
            # The sizes above are what the archive claims; count what it really unpacks to.
            total = 0
            for info in infos:
                with archive.open(info) as member:
                    while chunk := member.read(2**20):
                        total += len(chunk)
                        if total > XLSX_MAX_UNCOMPRESSED:
                            return _error("zip_bomb")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return _error("bad_xlsx")
    return None


def _header_index(raw: pl.DataFrame, table: Table) -> int | None:
    """The first row naming two or more contract columns, else the first non-empty row."""
    known = set(keys_of(table.names))
    known |= {
        k
        for name, aliases in HEADER_ALIASES.items()
        if name in table.names
        for k in keys_of(aliases)
    }
    first: int | None = None
    for i, row in enumerate(raw.head(HEADER_SEARCH_ROWS).iter_rows()):
        cells = [str(c) for c in row if c is not None and str(c).strip()]
        if not cells:
            continue
        first = i if first is None else first
        if len(known.intersection(keys_of(cells))) >= 2:
            return i
    return first


def _read_xlsx(data: bytes, sheet: str | None, table: Table) -> Ingested:
    dialect = Dialect("xlsx")
    problem = _check_zip(data)
    if problem is not None:
        return _fail(dialect, problem)
    try:
        reader = fastexcel.read_excel(data)
        sheets = tuple(reader.sheet_names)
    except BaseException as exc:  # a hostile workbook may fail in many ways in the parser
        if not _parser_failure(exc):
            raise
        return _fail(dialect, _error("bad_xlsx"))
    dialect = replace(dialect, sheets=sheets)
    if not sheets:
        return _fail(dialect, _error("bad_xlsx"))
    if sheet is not None and sheet not in sheets:
        return _fail(dialect, _error("unknown_sheet", sheet=sheet, sheets=", ".join(sheets)))
    name = sheet if sheet is not None else sheets[0]
    dialect = replace(dialect, sheet=name)
    issues = [_warning("multiple_sheets", sheet=name)] if sheet is None and len(sheets) > 1 else []
    try:
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        if loaded.width > MAX_COLUMNS:
            count = float(loaded.width)
            return _fail(dialect, _error("too_many_columns", count=count, limit=MAX_COLUMNS))
        raw = loaded.to_polars()
    except BaseException as exc:
        if not _parser_failure(exc):
            raise
        return _fail(dialect, _error("bad_xlsx"))
    raw = raw.with_columns(pl.all().cast(pl.String).str.replace(XLSX_MIDNIGHT, "${1}"))
    header = _header_index(raw, table) if raw.width else None
    if header is None:
        return _fail(dialect, _error("empty_sheet", sheet=name), *issues)
    # fastexcel keeps the empty rows above the data (skip_rows=0): raw row 0 is sheet row 1
    return _finish(raw, header, 1, table, dialect, issues)


# ----------------------------------------------------------------------------- both


def _name_columns(
    headers: Sequence[str], table: Table
) -> tuple[list[str], dict[str, str], list[Issue]]:
    """Contract names for recognised headers; others keep their own (unique) name."""
    keys = keys_of(headers)
    contract = dict(zip(keys_of(table.names), table.names, strict=True))
    aliases: dict[str, str] = {}
    for target, words in HEADER_ALIASES.items():
        if target in table.names:
            for key in keys_of(words):
                aliases.setdefault(key, target)
    targets: list[str | None] = [contract.get(k) if k else None for k in keys]
    for i, key in enumerate(keys):
        if targets[i] is None and key in aliases and aliases[key] not in targets:
            targets[i] = aliases[key]
    issues: list[Issue] = []
    for column in table.names:
        found = [i for i, name in enumerate(targets) if name == column]
        if len(found) > 1:
            shown = ", ".join(f"'{headers[i]}'" for i in found)
            params = {"headers": shown}
            issues.append(Issue("duplicate_header", column, None, None, "error", params))
            for i in found[1:]:
                targets[i] = None
    names: list[str] = []
    used = {name for name in targets if name is not None}
    for i, header in enumerate(headers):
        contract_name = targets[i]
        if contract_name is not None:
            names.append(contract_name)
            continue
        name = header or f"kolom_{i + 1}"
        unique, n = name, 1
        while unique in used:
            n += 1
            unique = f"{name}_{n}"
        used.add(unique)
        names.append(unique)
    header_map = {h: name for h, name in zip(headers, targets, strict=True) if name is not None}
    return names, header_map, issues


def _number_text(name: str) -> pl.Expr:
    """The cell without spaces and euro sign: ``€ 12.500,50`` -> ``12.500,50``."""
    return pl.col(name).str.replace_all(_NOISE, "").str.replace(r"(?i)^eur", "")


def _has(name: str, pattern: str) -> pl.Expr:
    """Whether the (already cleaned) number text matches ``pattern``."""
    return pl.col(name).str.contains(pattern).fill_null(False)


def _decimal_votes(name: str, dtype: str) -> tuple[pl.Expr, pl.Expr]:
    """Cells that only make sense with a decimal comma, and with a decimal point."""
    if dtype == "int":  # a whole number can only be grouped: 1.234 or 1,234
        return _has(name, _DOT_GROUPED), _has(name, _COMMA_GROUPED)
    text = pl.col(name)
    dots, commas = text.str.count_matches(r"\.").fill_null(0), text.str.count_matches(",")
    comma = _has(name, _COMMA_DECIMAL) | (
        _has(name, _DOT_GROUPED) & ((commas.fill_null(0) > 0) | (dots >= 2))
    )
    dot = _has(name, _DOT_DECIMAL) | (
        _has(name, _COMMA_GROUPED) & ((dots > 0) | (commas.fill_null(0) >= 2))
    )
    return comma, dot


def _plain_number(name: str, dtype: str, decimal: Decimal) -> pl.Expr:
    """The cell as ``12500.5`` when it has the shape of a number in this notation, else null."""
    text = pl.col(name)
    if dtype == "int" and decimal == ",":
        ok, plain = _has(name, _INT_COMMA), text.str.replace(",0", "", literal=True)
        plain = plain.str.replace_all(".", "", literal=True)
    elif dtype == "int":
        ok, plain = _has(name, _INT_DOT), text.str.replace(r"\.0$", "")
        plain = plain.str.replace_all(",", "", literal=True)
    elif decimal == ",":
        ok = _has(name, _FLOAT_COMMA)
        plain = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    else:
        lone = _has(name, r"^[-+]?[0-9]+,[0-9]{1,2}$")  # a Dutch 12,5 in an English file
        ok = _has(name, _FLOAT_DOT) | lone
        plain = (
            pl.when(lone)
            .then(text.str.replace(",", ".", literal=True))
            .otherwise(text.str.replace_all(",", "", literal=True))
        )
    ok = ok & text.str.contains("[0-9]").fill_null(False)
    return pl.when(ok).then(plain).alias(name)


def _normalise_numbers(
    frame: pl.DataFrame, table: Table, delimiter: str | None
) -> tuple[pl.DataFrame, Decimal, str | None]:
    """Guess the decimal mark from the number columns; write their cells as ``12500.50``.

    A cell votes only when it is unambiguous (``12,5`` or ``1.234.567`` for a comma; ``12.5``
    for a point; ``12.500`` does not vote). A tie goes to the comma in a ``;`` file.
    """
    numbers = [
        (c.name, c.dtype)
        for c in table.columns
        if c.dtype in ("int", "float") and c.name in frame.columns
    ]
    fallback: Decimal = "," if delimiter == ";" else "."
    # Columns of plain digits only (the usual case) neither vote nor change: skip them.
    if numbers and frame.height:
        digits = r"^[0-9]*$"
        only_digits = frame.select(
            pl.col(name).str.contains(digits).fill_null(True).all() for name, _ in numbers
        ).row(0)
        numbers = [n for n, skip in zip(numbers, only_digits, strict=True) if not skip]
    if not numbers:
        return frame, fallback, None
    votes: list[pl.Expr] = []
    for name, dtype in numbers:
        comma, dot = _decimal_votes(name, dtype)
        votes += [
            comma.sum().alias(f"comma:{name}"),
            dot.sum().alias(f"dot:{name}"),
            _has(name, _DOT_GROUPED).sum().alias(f"grouped,:{name}"),
            _has(name, _COMMA_GROUPED).sum().alias(f"grouped.:{name}"),
        ]
    texts = frame.select(_number_text(name) for name, _ in numbers)
    # a large file votes with a fixed random sample: only a near tie could come out otherwise
    voters = texts if texts.height <= VOTE_ROWS else texts.sample(VOTE_ROWS, seed=0)
    counts = voters.select(votes).row(0, named=True)

    def total(prefix: str) -> int:
        return sum(int(v) for k, v in counts.items() if k.startswith(prefix))

    comma_votes, dot_votes = total("comma:"), total("dot:")
    decimal: Decimal = fallback
    if comma_votes != dot_votes:
        decimal = "," if comma_votes > dot_votes else "."
    thousands = ("." if decimal == "," else ",") if total(f"grouped{decimal}:") else None
    plain = texts.select(_plain_number(name, dtype, decimal) for name, dtype in numbers)
    normalised = (pl.coalesce(plain.get_column(n), frame.get_column(n)) for n, _ in numbers)
    return frame.with_columns(normalised), decimal, thousands


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
        if hit.any():
            issues += [
                Issue("formula", name, int(r), v, "warning")
                for r, v in zip(rows.filter(hit), values.filter(hit), strict=True)
            ]
    return issues


def _finish(
    raw: pl.DataFrame,
    header_index: int,
    base: int,
    table: Table,
    dialect: Dialect,
    issues: list[Issue],
) -> Ingested:
    """From a grid of text (header at ``header_index``; raw row 0 is spreadsheet row ``base``)
    to the frame: drop empty columns and rows, name the columns, normalise numbers."""
    raw = raw.rename({c: f"c{i}" for i, c in enumerate(raw.columns)})
    header = [
        "" if v is None else str(v).replace("\ufeff", "").strip() for v in raw.row(header_index)
    ]
    body = raw.slice(header_index + 1)
    rows = pl.int_range(base + header_index + 1, base + raw.height, eager=True)
    nameless = [c for c, h in zip(body.columns, header, strict=True) if not h]
    if nameless and body.height:
        empty = body.select(_blank(c).all() for c in nameless).row(0)
        drop = {c for c, e in zip(nameless, empty, strict=True) if e}
    else:
        drop = set(nameless)
    keep = [(c, h) for c, h in zip(body.columns, header, strict=True) if c not in drop]
    if not keep:
        return _fail(dialect, _error("empty_file"), *issues)
    body = body.select(c for c, _ in keep)
    filled = ~body.select(pl.all_horizontal(_blank(c) for c in body.columns)).to_series()
    dropped = body.height - int(filled.sum())
    body, rows = body.filter(filled), rows.filter(filled)
    names, header_map, header_issues = _name_columns([h for _, h in keep], table)
    dialect = replace(dialect, header_map=header_map)
    issues = [*issues, *header_issues]
    if body.height == 0:
        return Ingested(None, dialect, (*issues, _error("no_rows")), dropped)
    frame = body.rename(dict(zip(body.columns, names, strict=True)))
    frame, decimal, thousands = _normalise_numbers(frame, table, dialect.delimiter)
    dialect = replace(dialect, decimal=decimal, thousands=thousands)
    issues += _formula_issues(frame, rows)
    return Ingested(frame, dialect, tuple(issues), dropped, rows.alias("row"))


def read_upload(
    data: bytes,
    filename: str,
    *,
    table: Table,
    sheet: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Ingested:
    """Read an uploaded CSV or XLSX file into text columns named as in the contract."""
    dialect = Dialect("xlsx" if filename.lower().endswith(EXCEL_SUFFIXES) else "csv")
    if len(data) > max_bytes:
        return _fail(dialect, _error("too_large", **_size(max_bytes)))
    if not data.strip():
        return _fail(dialect, _error("empty_file"))
    if data.startswith(OLE_MAGIC):
        return _fail(dialect, _error("old_excel"))
    if data.startswith(ZIP_MAGIC) or dialect.format == "xlsx":
        return _read_xlsx(data, sheet, table)
    return _read_csv(data, table)


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
        issues += [
            Issue(code, "startjaar", int(r), v, "warning", {"startjaar": int(y)})
            for r, v, y in hits.iter_rows()
        ]
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
    max_bytes: int = MAX_BYTES,
    today: date | None = None,
    interventie_ids: frozenset[str] | None = None,
) -> Prepared:
    """Read, refuse personal data, map to codes, validate and check plausibility.

    ``clean`` is the typed frame when there is no error. ``today`` defaults to the current
    date (read at call time); ``interventie_ids`` checks the references of ``voortgang``.
    """
    today = today or date.today()
    ingested = read_upload(data, filename, table=table, sheet=sheet, max_bytes=max_bytes)
    dialect, dropped = ingested.dialect, ingested.rows_dropped_empty
    if ingested.frame is None or ingested.row_numbers is None:
        return _report(dialect, table, ingested.issues, dropped=dropped)
    privacy = personal_data_issues(ingested.frame, today=today, contract=table.names)
    if privacy:
        # stop: keep only file-level issues, so no cell of this file is echoed back
        kept = [i for i in ingested.issues if i.row is None]
        return _report(dialect, table, [*kept, *privacy], dropped=dropped)
    mapped, applied = map_values(ingested.frame, table, gemeenten=gemeenten, themas=themas)
    refs = {
        "gemeenten": frozenset(gemeenten.get_column("gemeentecode").to_list()),
        "factoren": factor_codes,
    }
    if interventie_ids is not None:
        refs["interventies"] = interventie_ids
    validated = validate_table(mapped, table, refs=refs)
    rows = ingested.row_numbers
    issues = [
        *ingested.issues,
        *_renumber(validated.issues, rows),
        *plausibility_issues(mapped, rows, today=today),
    ]
    return _report(dialect, table, issues, applied=applied, frame=validated.frame, dropped=dropped)
