"""Templates for analysts: an empty file, an example file, the valid codes and a data
dictionary per table.

Everything is derived from the contract in ``lib.contract.schema`` and from the current
dataset (the municipalities, themes, factors and interventions a code may name), so a template
can never disagree with what the validator accepts. Files come as CSV (``;``, UTF-8 with BOM,
decimal comma: what Excel on a Dutch Windows machine reads and writes) and as XLSX: the table
on the first sheet, with a drop-down list on every coded column and a check on every number
with bounds, then the data dictionary and the valid codes with their meaning in the page
language (``lib.contract.resources.TEMPLATE_SHEETS``: the reader recognises these sheets, so
a filled-in template uploads without a warning).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

import polars as pl

from lib.contract.codes import LABELS, Lang, is_code_kind
from lib.contract.resources import TEMPLATE_SHEETS
from lib.contract.schema import TABLES, UPLOADABLE_TABLES, Column, Table
from lib.data.catalog import Dataset
from lib.exports.tables import csv_bytes, workbook, workbook_bytes
from lib.text.i18n import t

TEMPLATE_ROWS: Final = 2000
"""The rows of an XLSX template (2 to 2001) that have the drop-down lists and checks."""

# the names of the codes of enumerated columns that are named in the catalogue
_NAMED_ENUMS: Final[dict[str, Callable[[str, Lang], str]]] = {
    "regeling": lambda code, lang: t(f"context.regeling.{code}", lang),
    "onderwerp": lambda code, lang: t(f"context.fact.subject.{code}", lang),
    "soort_bron": lambda code, lang: t(f"context.fact.source_kind.{code}", lang),
    "betrouwbaarheid": lambda code, lang: t(f"context.fact.reliability.{code}", lang),
    "soort_deelname": lambda code, lang: t(f"template.participation.{code}", lang),
}
# coded whole numbers that are no enumeration in the contract: their codes and names
_NAMED_NUMBERS: Final[dict[str, tuple[tuple[str, ...], Callable[[str, Lang], str]]]] = {
    "stedelijkheid": (
        ("1", "2", "3", "4", "5"),
        lambda code, lang: t(f"context.urbanity.{code}", lang),
    ),
}


@dataclass(frozen=True)
class CodeList:
    """The valid codes of one column and what each means, in one language."""

    column: str
    codes: tuple[tuple[str, str], ...]  # (code, meaning)
    multi: bool = False  # several codes per cell, joined with |


def _allowed(col: Column, lang: Lang, coded: bool) -> str:
    if coded:
        return t("template.see_codes", lang, blad=TEMPLATE_SHEETS["codes"][lang])
    if col.enum is not None:
        return ", ".join(col.enum)
    if col.references is not None:
        return f"→ {col.references[0]}.{col.references[1]}"
    if col.dtype == "bool":
        return f"{t('word.yes', lang)}, {t('word.no', lang)}"
    parts = []
    if col.minimum is not None:
        parts.append(f">= {col.minimum:g}")
    if col.maximum is not None:
        parts.append(f"<= {col.maximum:g}")
    return ", ".join(parts)


def data_dictionary(table: Table, lang: Lang, coded: frozenset[str] = frozenset()) -> pl.DataFrame:
    """One row per column: name, type, required, unique, allowed values and description;
    the columns in ``coded`` point to the sheet of valid codes."""
    yes, no = t("word.yes", lang), t("word.no", lang)
    return pl.DataFrame(
        {
            t("template.column", lang): [c.name for c in table.columns],
            t("template.type", lang): [t(f"template.dtype.{c.dtype}", lang) for c in table.columns],
            t("template.required", lang): [yes if c.required else no for c in table.columns],
            t("template.unique", lang): [yes if c.unique else no for c in table.columns],
            t("template.allowed", lang): [
                _allowed(c, lang, c.name in coded) for c in table.columns
            ],
            t("template.description", lang): [
                c.description_nl if lang == "nl" else c.description_en for c in table.columns
            ],
        }
    )


def _uploadable(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name != "illustratief"]


def empty_template(table: Table) -> pl.DataFrame:
    return pl.DataFrame(schema=dict.fromkeys(_uploadable(table), pl.String))


def example(table: Table, sample: pl.DataFrame, *, rows: int = 5) -> pl.DataFrame:
    """The first ``rows`` rows of ``sample`` (a typed frame of this table).

    Keeps the ``illustratief`` flag, so example rows uploaded as they are stay marked as
    example data.
    """
    columns = [c.name for c in table.columns if c.name in sample.columns]
    return sample.select(columns).head(rows)


# --------------------------------------------------------------------------- code lists


def _reference_frame(data: Dataset, table: str) -> pl.DataFrame:
    own = {
        "gemeenten": data.gemeenten,
        "themas": data.themas,
        "factoren": data.factoren,
        "interventies": data.interventies,
    }
    return own[table] if table in own else data.context_table(table)


def _reference_codes(data: Dataset, column: Column, lang: Lang) -> tuple[tuple[str, str], ...]:
    """The codes a reference may name, with their names, ordered by name (then code)."""
    assert column.references is not None
    table, key = column.references
    frame = _reference_frame(data, table)
    name = next((n for n in (f"naam_{lang}", "naam", "gemeente") if n in frame.columns), key)
    pairs = (
        frame.select(pl.col(key).cast(pl.String), pl.col(name).cast(pl.String).fill_null(""))
        .unique(subset=key, keep="first", maintain_order=True)
        .sort([name, key])
    )
    return tuple((str(code), str(label)) for code, label in pairs.iter_rows())


def _enum_name(column: str, code: str, data: Dataset, lang: Lang) -> str:
    if is_code_kind(column) and code in LABELS[column]:
        return LABELS[column][code][lang]
    if column == "thema":
        found = data.themas.filter(pl.col("thema") == code)
        return str(found.item(0, f"naam_{lang}")) if found.height else ""
    named = _NAMED_ENUMS.get(column)
    return named(code, lang) if named is not None else ""


def code_list(column: Column, data: Dataset, lang: Lang) -> CodeList | None:
    """The valid codes of ``column`` with their meaning, or None for a column without a list
    (free text, numbers, yes/no)."""
    if column.references is not None:
        codes = _reference_codes(data, column, lang)
    elif column.enum is not None:
        codes = tuple((c, _enum_name(column.name, c, data, lang)) for c in column.enum)
    elif column.name in _NAMED_NUMBERS:
        numbers, name = _NAMED_NUMBERS[column.name]
        codes = tuple((n, name(n, lang)) for n in numbers)
    else:
        return None
    return CodeList(column.name, codes, column.multi) if codes else None


def code_lists(table: Table, data: Dataset, lang: Lang) -> list[CodeList]:
    """The code list of every coded column of a template of ``table``, in column order."""
    found = (code_list(c, data, lang) for c in table.columns if c.name in _uploadable(table))
    return [found_list for found_list in found if found_list is not None]


def codes_sheet(lists: list[CodeList], lang: Lang) -> pl.DataFrame:
    """Column, code and meaning: one row per valid code, the lists one after another."""
    rows = [(cl.column, code, meaning) for cl in lists for code, meaning in cl.codes]
    headers = [t("template.column", lang), t("template.code", lang), t("template.meaning", lang)]
    return pl.DataFrame(rows, schema=dict.fromkeys(headers, pl.String), orient="row")


def code_ranges(lists: list[CodeList]) -> dict[str, tuple[CodeList, tuple[int, int]]]:
    """Column -> its list and the first and last row of its codes on the codes sheet (row 1
    is the header; the lists follow one another as ``codes_sheet`` writes them)."""
    ranges: dict[str, tuple[CodeList, tuple[int, int]]] = {}
    first = 2
    for cl in lists:
        last = first + len(cl.codes) - 1
        ranges[cl.column] = (cl, (first, last))
        first = last + 1
    return ranges


# --------------------------------------------------------------------------- XLSX


def _list_check(lang: Lang, cl: CodeList, formula: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=formula, allow_blank=True)
    codes = TEMPLATE_SHEETS["codes"][lang]
    if cl.multi:  # several codes joined with | are valid too: the list only helps
        check.showErrorMessage = False
        check.promptTitle = t("template.check.multi_title", lang)
        check.prompt = t("template.check.multi", lang, blad=codes)
        check.showInputMessage = True
    else:
        check.showErrorMessage = True
        check.errorTitle = t("template.check.code_title", lang)
        check.error = t("template.check.code", lang, blad=codes)
    return check


def _number_check(col: Column, lang: Lang) -> Any | None:
    """A check that a number is whole (or decimal) and within the column's bounds."""
    from openpyxl.worksheet.datavalidation import DataValidation

    low, high = col.minimum, col.maximum
    if col.dtype not in ("int", "float") or (low is None and high is None):
        return None
    kind: Literal["whole", "decimal"] = "whole" if col.dtype == "int" else "decimal"
    if low is not None and high is not None:
        check = DataValidation(type=kind, operator="between", formula1=f"{low:g}",
                               formula2=f"{high:g}", allow_blank=True)  # fmt: skip
        message = t("template.check.between", lang, min=f"{low:g}", max=f"{high:g}")
    elif low is not None:
        check = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=f"{low:g}",
                               allow_blank=True)  # fmt: skip
        message = t("template.check.at_least", lang, grens=f"{low:g}")
    else:
        check = DataValidation(type=kind, operator="lessThanOrEqual", formula1=f"{high:g}",
                               allow_blank=True)  # fmt: skip
        message = t("template.check.at_most", lang, grens=f"{high:g}")
    check.errorTitle = t("template.check.number_title", lang)
    check.error = message
    check.showErrorMessage = True
    return check


def _bool_check(lang: Lang) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    words = f"{t('word.yes', lang)},{t('word.no', lang)}"
    check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
    check.errorTitle = t("template.check.code_title", lang)
    check.error = t("template.check.yes_no", lang, woorden=words.replace(",", ", "))
    return check


def template_xlsx(table: Table, frame: pl.DataFrame, lists: list[CodeList], lang: Lang) -> bytes:
    """The table on the first sheet with its checks, the data dictionary, the valid codes."""
    from openpyxl.utils import get_column_letter, quote_sheetname

    codes_name = TEMPLATE_SHEETS["codes"][lang]
    dictionary = data_dictionary(table, lang, frozenset(cl.column for cl in lists))
    book = workbook(
        {
            table.name: frame,
            TEMPLATE_SHEETS["dictionary"][lang]: dictionary,
            codes_name: codes_sheet(lists, lang),
        }
    )
    sheet = book[table.name]
    ranges = code_ranges(lists)
    for index, name in enumerate(frame.columns, start=1):
        cells = f"{get_column_letter(index)}2:{get_column_letter(index)}{TEMPLATE_ROWS + 1}"
        col = table.column(name)
        if name in ranges:
            cl, (first, last) = ranges[name]
            formula = f"{quote_sheetname(codes_name)}!$B${first}:$B${last}"
            check = _list_check(lang, cl, formula)
        elif col.dtype == "bool":
            check = _bool_check(lang)
        else:
            check = _number_check(col, lang)
        if check is not None:
            check.add(cells)
            sheet.add_data_validation(check)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 4)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def template_makers(name: str, data: Dataset, lang: Lang) -> dict[str, Callable[[], bytes]]:
    """File name -> a function that makes it: empty and example files in CSV and XLSX, the
    data dictionary and the valid codes (the example files only when the dataset has rows).

    The app hands the functions to its download buttons, so a file is only made when it is
    asked for (an XLSX takes tens of milliseconds to write).
    """
    if name not in UPLOADABLE_TABLES:
        raise KeyError(name)
    table = TABLES[name]
    sample = data.uploadable()[name]
    lists = code_lists(table, data, lang)
    dictionary = data_dictionary(table, lang, frozenset(cl.column for cl in lists))
    empty, filled = empty_template(table), example(table, sample)
    makers: dict[str, Callable[[], bytes]] = {
        f"{name}_sjabloon.csv": lambda: csv_bytes(empty, lang=lang),
        f"{name}_sjabloon.xlsx": lambda: template_xlsx(table, empty, lists, lang),
    }
    if not sample.is_empty():
        makers[f"{name}_voorbeeld.csv"] = lambda: csv_bytes(filled, lang=lang)
        makers[f"{name}_voorbeeld.xlsx"] = lambda: template_xlsx(table, filled, lists, lang)
    makers[f"{name}_woordenboek.csv"] = lambda: csv_bytes(dictionary, lang=lang)
    if lists:
        makers[f"{name}_codes.csv"] = lambda: csv_bytes(codes_sheet(lists, lang), lang=lang)
    return makers
