"""Every municipality of the Netherlands, the programme's among them, and finding one by name.

The map draws all 342 municipalities: ``national`` gives each its CBS name and population, and
whether and how it takes part in the programme; ``programme_map_frame`` gives the figures of
every programme municipality under the intervention filters, with the municipalities the
filters select marked. ``search_index`` maps every name a reader may type (the CBS name, the
name without a province suffix, the display name and the common names ``Den Haag`` and
``Den Bosch``) to a code. Codes and numbers only; nothing here knows a language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

import polars as pl

from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.metrics import Metric, map_frame
from lib.domain.selection import Selection, intervention_filters, select

ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "GM0518": ("Den Haag", "'s-Gravenhage"),
    "GM0796": ("Den Bosch", "'s-Hertogenbosch"),
}
"""Common names of municipalities whose official CBS name people rarely type."""
_SUFFIX = re.compile(r"\s+\((?:[A-Z]{1,2}\.)+\)$")  # "Hengelo (O.)", "Rijswijk (ZH.)"

NATIONAL_COLUMNS: Final = (
    "gemeentecode",
    "gemeente",
    "gemeente_naam",
    "inwoners",
    "peildatum",
    "in_programma",
    "golf",
)


def municipality_filters(filters: Filters) -> bool:
    """Do the filters select particular municipalities (by name, wave or BOTOC)?"""
    return bool(filters.gemeenten or filters.golven or filters.botoc != "alle")


def national(data: Dataset) -> pl.DataFrame:
    """One row per municipality of the CBS population table on its latest date.

    Columns: gemeentecode, gemeente (CBS name), gemeente_naam (the programme's display name,
    else the CBS name),
    inwoners, peildatum, in_programma, golf (null outside the programme). Without a population
    table: the programme municipalities only, with their own population.
    """
    programme = data.gemeenten.select("gemeentecode", "naam", "golf")
    bevolking = data.context_table("bevolking")
    if bevolking.is_empty():
        base = data.gemeenten.select(
            "gemeentecode",
            pl.col("gemeente"),
            "inwoners",
            pl.format("{}-01-01", pl.col("inwoners_peiljaar")).alias("peildatum"),
        )
    else:
        latest = bevolking.get_column("peildatum").max()
        base = bevolking.filter(pl.col("peildatum") == latest).select(
            "gemeentecode", "gemeente", "inwoners", "peildatum"
        )
    return (
        base.join(programme, on="gemeentecode", how="left")
        .with_columns(
            pl.coalesce("naam", "gemeente").alias("gemeente_naam"),
            pl.col("golf").is_not_null().alias("in_programma"),
        )
        .select(NATIONAL_COLUMNS)
        .sort("gemeentecode")
    )


def programme_map_frame(
    data: Dataset, sel: Selection, filters: Filters, metric: Metric
) -> pl.DataFrame:
    """``metrics.map_frame`` of every programme municipality under the intervention filters
    only, so the map can colour all of them; ``geselecteerd`` marks those that ``filters``
    select when they select particular municipalities (else none)."""
    everyone = (
        sel if not municipality_filters(filters) else select(data, intervention_filters(filters))
    )
    chosen = (
        sel.gemeenten.get_column("gemeentecode").implode()
        if municipality_filters(filters)
        else pl.Series([], dtype=pl.String).implode()
    )
    return map_frame(everyone, metric).with_columns(
        pl.col("gemeentecode").is_in(chosen).alias("geselecteerd")
    )


def normalise(name: str) -> str:
    """A name as typed and as listed compare equal: case, accents, quotes and spaces aside."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[\u2018\u2019`']", "'", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def search_index(places: pl.DataFrame) -> dict[str, str]:
    """Every name to search for (as shown) -> code: CBS and display names, names without a
    province suffix, and the ``ALIASES``. Sorted by name."""
    found: dict[str, str] = {}
    for code, cbs, shown in places.select("gemeentecode", "gemeente", "gemeente_naam").iter_rows():
        for variant in (shown, cbs, _SUFFIX.sub("", cbs), *ALIASES.get(code, ())):
            found.setdefault(variant, code)
    return dict(sorted(found.items(), key=lambda item: normalise(item[0])))


def find(term: str, index: Mapping[str, str]) -> str | None:
    """The code of the municipality called ``term`` (any name of the index), or ``None``."""
    wanted = normalise(term)
    return next((code for name, code in index.items() if normalise(name) == wanted), None)
