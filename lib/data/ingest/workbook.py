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
from lib.data.ingest.headers import header_row
from lib.data.ingest.read import (
    MAX_COLUMNS,
    Dialect,
    Grid,
    fail,
    file_error,
    file_warning,
    parser_failure,
)
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
            if len(infos) > XLSX_MAX_ENTRIES:
                return file_error("zip_bomb")
            if sum(i.file_size for i in infos) > XLSX_MAX_UNCOMPRESSED:
                return file_error("zip_bomb")
            if any(
                i.file_size > XLSX_RATIO_FROM and i.file_size > XLSX_MAX_RATIO * i.compress_size
                for i in infos
            ):
                return file_error("zip_bomb")
            if any(i.flag_bits & 0x1 for i in infos) or "xl/workbook.xml" not in {
                i.filename for i in infos
            }:
                return file_error("bad_xlsx")
            # The sizes above are what the archive claims; count what it really unpacks to.
            total = 0
            for info in infos:
                with archive.open(info) as member:
                    while chunk := member.read(2**20):
                        total += len(chunk)
                        if total > XLSX_MAX_UNCOMPRESSED:
                            return file_error("zip_bomb")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return file_error("bad_xlsx")
    return None


def read_workbook(data: bytes, sheet: str | None, table: Table) -> Grid:
    """One sheet of a workbook (default: the first) as text, or the reason it cannot be read."""
    dialect = Dialect("xlsx")
    problem = _check_zip(data)
    if problem is not None:
        return fail(dialect, problem)
    try:
        reader = fastexcel.read_excel(data)
        sheets = tuple(reader.sheet_names)
    except BaseException as exc:  # a hostile workbook may fail in many ways in the parser
        if not parser_failure(exc):
            raise
        return fail(dialect, file_error("bad_xlsx"))
    dialect = replace(dialect, sheets=sheets)
    if not sheets:
        return fail(dialect, file_error("bad_xlsx"))
    if sheet is not None and sheet not in sheets:
        return fail(dialect, file_error("unknown_sheet", sheet=sheet, sheets=", ".join(sheets)))
    name = sheet if sheet is not None else sheets[0]
    dialect = replace(dialect, sheet=name)
    several = sheet is None and len(sheets) > 1
    issues = [file_warning("multiple_sheets", sheet=name)] if several else []
    try:
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        if loaded.width > MAX_COLUMNS:
            count = float(loaded.width)
            return fail(dialect, file_error("too_many_columns", count=count, limit=MAX_COLUMNS))
        raw = loaded.to_polars()
    except BaseException as exc:
        if not parser_failure(exc):
            raise
        return fail(dialect, file_error("bad_xlsx"))
    raw = raw.with_columns(pl.all().cast(pl.String).str.replace(XLSX_MIDNIGHT, "${1}"))
    header = header_row(raw, table) if raw.width else None
    if header is None:
        return fail(dialect, file_error("empty_sheet", sheet=name), *issues)
    # fastexcel keeps the empty rows above the data (skip_rows=0): raw row 0 is sheet row 1
    return Grid(raw, dialect, tuple(issues), header, 1)
