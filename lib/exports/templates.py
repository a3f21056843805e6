"""Templates for analysts: an empty file, an example file and a data dictionary per table.

Everything is derived from the contract in ``lib.schema``, so a template can never disagree
with what the validator accepts. Files come as CSV (``;``, UTF-8 with BOM, decimal comma:
what Excel on a Dutch Windows machine reads and writes) and as XLSX with the dictionary on a
second sheet.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from lib.contract.codes import Lang
from lib.contract.schema import TABLES, UPLOADABLE_TABLES, Column, Table
from lib.exports.tables import csv_bytes, xlsx_bytes
from lib.text.i18n import t


def _allowed(col: Column) -> str:
    if col.enum is not None:
        return ", ".join(col.enum)
    if col.dtype == "bool":
        return "ja, nee"
    if col.references is not None:
        return f"→ {col.references[0]}.{col.references[1]}"
    parts = []
    if col.minimum is not None:
        parts.append(f">= {col.minimum:g}")
    if col.maximum is not None:
        parts.append(f"<= {col.maximum:g}")
    return ", ".join(parts)


def data_dictionary(table: Table, lang: Lang) -> pl.DataFrame:
    """One row per column: name, type, required, unique, allowed values and description."""
    yes, no = t("word.yes", lang), t("word.no", lang)
    return pl.DataFrame(
        {
            t("template.column", lang): [c.name for c in table.columns],
            t("template.type", lang): [t(f"template.dtype.{c.dtype}", lang) for c in table.columns],
            t("template.required", lang): [yes if c.required else no for c in table.columns],
            t("template.unique", lang): [yes if c.unique else no for c in table.columns],
            t("template.allowed", lang): [_allowed(c) for c in table.columns],
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


def template_makers(name: str, sample: pl.DataFrame, lang: Lang) -> dict[str, Callable[[], bytes]]:
    """File name -> a function that makes it: empty and example files in CSV and XLSX.

    The app hands the functions to its download buttons, so a file is only made when it is
    asked for (an XLSX takes tens of milliseconds to write).
    """
    if name not in UPLOADABLE_TABLES:
        raise KeyError(name)
    table = TABLES[name]
    dictionary = data_dictionary(table, lang)
    sheet = t("template.dictionary", lang)
    empty, filled = empty_template(table), example(table, sample)
    return {
        f"{name}_sjabloon.csv": lambda: csv_bytes(empty, lang=lang),
        f"{name}_voorbeeld.csv": lambda: csv_bytes(filled, lang=lang),
        f"{name}_sjabloon.xlsx": lambda: xlsx_bytes({name: empty, sheet: dictionary}),
        f"{name}_voorbeeld.xlsx": lambda: xlsx_bytes({name: filled, sheet: dictionary}),
        f"{name}_woordenboek.csv": lambda: csv_bytes(dictionary, lang=lang),
    }
