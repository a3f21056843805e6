"""Workbooks (XLSX): checked as a zip before they are opened, then one sheet read as text.

A workbook is a zip archive: before any parser sees it, the archive must list its workbook,
be unencrypted and unpack to a sane size (what the archive claims and what it really unpacks
to), so a zip bomb is refused. Then ``fastexcel`` reads the chosen sheet with every cell as
text; the header is the first row that names contract columns (``headers.header_row``).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import replace
from typing import Final

import fastexcel
import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.grid import (
    MAX_COLUMNS,
    Dialect,
    Grid,
    blank,
    fail,
    file_error,
    file_warning,
    parser_failure,
)
from lib.data.ingest.headers import header_row
from lib.data.ingest.limits import Limits, column_label, long_cells, too_many_rows
from lib.data.validate import Issue

EXCEL_SUFFIXES: Final[tuple[str, ...]] = (".xlsx", ".xlsm")
ZIP_MAGIC: Final[bytes] = b"PK\x03\x04"
OLE_MAGIC: Final[bytes] = bytes.fromhex("d0cf11e0a1b11ae1")  # .xls and password-protected files
XLSX_MAX_UNCOMPRESSED: Final[int] = 200 * 2**20
XLSX_MAX_RATIO: Final[int] = 100
XLSX_RATIO_FROM: Final[int] = 2**20  # smaller parts (styles, shared strings) may pack tighter
XLSX_MAX_ENTRIES: Final[int] = 1000
XLSX_MIDNIGHT: Final[str] = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]00:00:00$"


def _check_zip(data: bytes) -> Issue | None:
    """Refuse a workbook that is not a zip, is encrypted or unpacks to something huge."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if _claims_too_much(infos):
                return file_error("zip_bomb")
            if not _is_plain_workbook(infos):
                return file_error("bad_xlsx")
            # The sizes above are what the archive claims; count what it really unpacks to.
            if _unpacks_too_much(archive, infos):
                return file_error("zip_bomb")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return file_error("bad_xlsx")
    return None


def _claims_too_much(infos: list[zipfile.ZipInfo]) -> bool:
    """Too many entries, too large unpacked, or a large entry packed too tightly."""
    return (
        len(infos) > XLSX_MAX_ENTRIES
        or sum(i.file_size for i in infos) > XLSX_MAX_UNCOMPRESSED
        or any(
            i.file_size > XLSX_RATIO_FROM and i.file_size > XLSX_MAX_RATIO * i.compress_size
            for i in infos
        )
    )


def _is_plain_workbook(infos: list[zipfile.ZipInfo]) -> bool:
    """Not encrypted, and with the part every workbook has."""
    encrypted = any(i.flag_bits & 0x1 for i in infos)
    return not encrypted and "xl/workbook.xml" in {i.filename for i in infos}


def _unpacks_too_much(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """Whether the entries really unpack to more than the limit (read in chunks, then stop)."""
    total = 0
    for info in infos:
        with archive.open(info) as member:
            while chunk := member.read(2**20):
                total += len(chunk)
                if total > XLSX_MAX_UNCOMPRESSED:
                    return True
    return False


def read_workbook(
    data: bytes, sheet: str | None, table: Table, limits: Limits | None = None
) -> Grid:
    """One sheet of a workbook (default: the first) as text, or the reason it cannot be read;
    a cell or a number of rows over ``limits`` is an error."""
    limits = limits or Limits()
    dialect = Dialect("xlsx")
    problem = _check_zip(data)
    if problem is not None:
        return fail(dialect, problem)
    opened = _open(data)
    if opened is None:
        return fail(dialect, file_error("bad_xlsx"))
    reader, sheets = opened
    dialect = replace(dialect, sheets=sheets)
    name = _sheet_name(sheets, sheet)
    if isinstance(name, Issue):
        return fail(dialect, name)
    dialect = replace(dialect, sheet=name)
    several = sheet is None and len(sheets) > 1
    issues = [file_warning("multiple_sheets", sheet=name)] if several else []
    loaded = _load(reader, name)
    if isinstance(loaded, Issue):
        return fail(dialect, loaded)
    raw = loaded.with_columns(pl.all().cast(pl.String).str.replace(XLSX_MIDNIGHT, "${1}"))
    header = header_row(raw, table) if raw.width else None
    if header is None:
        return fail(dialect, file_error("empty_sheet", sheet=name), *issues)
    return _checked(raw, dialect, issues, header, limits)


def _checked(
    raw: pl.DataFrame, dialect: Dialect, issues: list[Issue], header: int, limits: Limits
) -> Grid:
    """The grid of a sheet, with an error for each cell over the limit; none for a sheet
    with too many rows."""
    if _too_many_rows(raw, header, limits.max_rows):
        return fail(dialect, too_many_rows(limits.max_rows), *issues)
    # fastexcel keeps the empty rows above the data (skip_rows=0): raw row 0 is sheet row 1
    labels = [column_label(str(v or ""), i) for i, v in enumerate(raw.row(header))]
    rows = pl.int_range(1, raw.height + 1, eager=True)
    issues = [*issues, *long_cells(raw, rows, labels, limits.max_cell)]
    return Grid(raw, dialect, tuple(issues), header, 1)


def _too_many_rows(raw: pl.DataFrame, header: int, limit: int) -> bool:
    """More filled rows below the header than ``limit``."""
    if raw.height - header - 1 <= limit:  # (empty rows counted: an upper bound)
        return False
    body = raw.slice(header + 1)
    filled = body.select((~pl.all_horizontal(blank(c) for c in raw.columns)).sum()).item()
    return int(filled) > limit


def _open(data: bytes) -> tuple[fastexcel.ExcelReader, tuple[str, ...]] | None:
    """The workbook and the names of its sheets; None when the parser fails."""
    try:
        reader = fastexcel.read_excel(data)
        return reader, tuple(reader.sheet_names)
    except BaseException as exc:  # a hostile workbook may fail in many ways in the parser
        if not parser_failure(exc):
            raise
        return None


def _sheet_name(sheets: tuple[str, ...], sheet: str | None) -> str | Issue:
    """The sheet to read: the one asked for, else the first; an issue when there is none."""
    if not sheets:
        return file_error("bad_xlsx")
    if sheet is not None and sheet not in sheets:
        return file_error("unknown_sheet", sheet=sheet, sheets=", ".join(sheets))
    return sheet if sheet is not None else sheets[0]


def _load(reader: fastexcel.ExcelReader, name: str) -> pl.DataFrame | Issue:
    """Every cell of sheet ``name`` as text, or why it cannot be read."""
    try:
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        if loaded.width > MAX_COLUMNS:
            count = float(loaded.width)
            return file_error("too_many_columns", count=count, limit=MAX_COLUMNS)
        return loaded.to_polars()
    except BaseException as exc:
        if not parser_failure(exc):
            raise
        return file_error("bad_xlsx")
