"""Files for people to download: CSV and XLSX, safe to open in a spreadsheet.

Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is never executed. In CSV it gets a leading apostrophe (a CSV file has no
cell types). In XLSX every text is a string cell, which a spreadsheet shows exactly as typed
and never runs; a formula-like one also gets the "quote prefix" style, so it stays text when
someone edits the cell, and no apostrophe shows. Numbers are written as numbers. Dutch CSV
files use ``;`` and a decimal comma and start with a UTF-8 byte order mark, so Excel on a
Dutch Windows machine opens them correctly.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence

import polars as pl

from lib.contract.codes import Lang

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def escape_formula(text: str) -> str:
    """``=1+1`` -> ``'=1+1``; other text unchanged."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_cell(value: object, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        text = repr(value)
        return text.replace(".", ",") if lang == "nl" else text
    if isinstance(value, int):
        return str(value)
    return escape_formula(str(value))


def csv_bytes(frame: pl.DataFrame, *, lang: Lang, notes: Sequence[str] = ()) -> bytes:
    """CSV for a spreadsheet: UTF-8 with BOM; ``;`` and decimal comma in Dutch, ``,`` in English.

    ``notes`` (how to read the table) follow the rows, one per line, each starting with
    ``# `` so that readers that skip comment lines skip them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow([escape_formula(c) for c in frame.columns])
    for row in frame.iter_rows():
        writer.writerow([_csv_cell(v, lang) for v in row])
    for note in notes:  # comment lines, written as they are: a reader skips them whole
        buffer.write(f"# {' '.join(note.split())}\r\n")
    return (BOM + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Mapping[str, pl.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per frame; text cells are always stored as text, shown
    exactly as it is (no apostrophe)."""
    from openpyxl import Workbook  # on first export only: it takes a while to load
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, frame in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        sheet.append([str(c) for c in frame.columns])  # (header cells are text too)
        for row in frame.iter_rows():
            sheet.append([_xlsx_value(v) for v in row])
        for cells in sheet.iter_rows(min_row=1):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # text, never a formula
                    if cell.value.startswith(FORMULA_PREFIXES):
                        cell.quotePrefix = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: object) -> object:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value
