"""Tables for people: chosen columns, labels in the language, numbers formatted as text.

The table beside each chart is its accessible alternative, so it shows the same numbers the
way the page writes them (``85,5 %``, ``1.234``, ``ja``/``nee``, ``onbekend``), not raw floats.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from lib.contract.codes import Lang
from lib.text.formats import UNKNOWN, fmt_int, fmt_pct
from lib.text.i18n import t

SHARE_COLUMNS: frozenset[str] = frozenset({"rate", "share", "dekking"})


def _cell(name: str, value: object, row: Mapping[str, object], lang: Lang) -> str:
    if value is None:
        return UNKNOWN[lang]
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no", lang)
    if name in SHARE_COLUMNS and isinstance(value, float):
        text = fmt_pct(value, lang)
        return text if row.get("betrouwbaar", True) else f"{text}*"
    if isinstance(value, int):
        return fmt_int(value, lang)
    return str(value)


def display_table(frame: pl.DataFrame, columns: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """Keep ``columns`` (name -> i18n key), formatted as text and renamed to their labels."""
    names = list(columns)
    rows = [
        [_cell(name, row[name], row, lang) for name in names] for row in frame.iter_rows(named=True)
    ]
    labels = [t(key, lang) for key in columns.values()]
    return pl.DataFrame(rows, schema=dict.fromkeys(labels, pl.String), orient="row")
