"""Publishing in words: what a publication changes per municipality, and its confirmation.

``changes_table`` turns ``lib.data.modes.Plan.changes`` into the table the Data page shows
above the publish button: municipalities by name, the counts written for the language, a total.
``removals_confirmed`` is the rule of the button: any removal needs the box that names the
number ticked; removing more than half of the table needs the number typed as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import polars as pl

from lib.contract.codes import Lang
from lib.data.modes import COUNTS, Plan
from lib.text.formats import fmt_int
from lib.text.i18n import t

_SEPARATORS: Final = re.compile(r"[\s.,'_]")


def municipality_names(*tables: pl.DataFrame) -> dict[str, str]:
    """CBS code -> name, from tables with ``gemeentecode`` and ``naam`` or ``gemeente``; an
    earlier table wins (the programme's own names before the CBS names)."""
    names: dict[str, str] = {}
    for table in tables:
        column = "naam" if "naam" in table.columns else "gemeente"
        if "gemeentecode" not in table.columns or column not in table.columns:
            continue
        for code, name in table.select("gemeentecode", column).drop_nulls().iter_rows():
            names.setdefault(str(code), str(name))
    return names


def changes_table(changes: pl.DataFrame, names: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """One row per municipality (by name; a code without a name as it is; rows without a
    known municipality last), then the total; headers and numbers in ``lang``."""
    unknown = t("publish.unknown_municipality", lang)
    named = changes.with_columns(
        pl.col("gemeentecode").replace_strict(dict(names), default=pl.col("gemeentecode"))
        .fill_null(unknown).alias("naam"),
        pl.col("gemeentecode").is_null().alias("onbekend"),
    ).sort("onbekend", "naam")  # fmt: skip
    totals = [int(changes.get_column(c).sum()) for c in COUNTS]
    rows = [*named.select("naam", *COUNTS).iter_rows(), (t("publish.total", lang), *totals)]
    headers = [t(f"publish.column.{c}", lang) for c in ("gemeente", *COUNTS)]
    shown = [(name, *(fmt_int(n, lang) for n in counts)) for name, *counts in rows]
    return pl.DataFrame(shown, schema=dict.fromkeys(headers, pl.String), orient="row")


def typed_count(text: str) -> int | None:
    """A whole number as an analyst types it (``1.234``, ``1,234``, ``1 234``), else None."""
    digits = _SEPARATORS.sub("", text.strip())
    return int(digits) if digits.isdigit() else None


def removals_confirmed(found: Plan, *, ticked: bool, typed: str) -> bool:
    """Whether the publish button may work: nothing removed, or the box ticked and (more
    than half of the table) the exact number typed."""
    if found.removed == 0:
        return True
    if not ticked:
        return False
    return not found.needs_typed_number or typed_count(typed) == found.removed
