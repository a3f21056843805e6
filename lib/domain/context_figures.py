"""The figures of the Context page: trend lines, the ranking of all municipalities, the age
profile per group, and the published facts of a municipality.

Built on ``lib.domain.context`` (rates, groups, comparison group); Polars in, Polars out, codes
and numbers only. A *series* (``reeks``) is a group of ``TREND_GROUPS`` or one named
municipality (its code); ``soort_reeks`` says which (``groep`` or ``gemeente``).

**The rule for rates over 2012-2025** (``TREND_RULE``): population is known on 1 January 2023
and 2024 only, so a year without its own population borrows the nearest one (2012-2022 use
1 January 2023, 2025 uses 1 January 2024). Column ``geleend`` is true for those rows, so the
chart can draw them apart and every table and file says which population a rate uses. Counts
are never changed; nothing is estimated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Final

import polars as pl

from lib.contract.codes import MISDRIJFSOORTEN, ONDERWERPEN
from lib.domain.context import (
    LEEFTIJDEN,
    PeiljaarRegel,
    age_profile,
    group_rates,
    population_years,
    ranking,
    rates,
)

TREND_RULE: Final[PeiljaarRegel] = "dichtstbijzijnde"
"""Rates of years without their own population use the nearest population (see above)."""
DEFAULT_SOORT: Final = "drugshandel"
MAX_NAMED: Final = 4
"""At most this many municipalities are named side by side."""
TREND_GROUPS: Final[tuple[str, ...]] = ("selectie", "rest_van_nederland", "vergelijkingsgroep")
"""The groups drawn in the trend chart, in the order of its legend."""
AGE_GROUPS: Final[tuple[str, ...]] = ("selectie", "vergelijkingsgroep", "nederland")
"""The groups of the age profile, in the order of the chart."""

SERIES_COLUMNS: Final[tuple[str, ...]] = (
    "reeks",
    "soort_reeks",
    "jaar",
    "gemeenten",
    "geregistreerd",
    "voorlopig",
    "inwoners",
    "bevolking_peiljaar",
    "per_1000",
    "geleend",
)

assert DEFAULT_SOORT in MISDRIJFSOORTEN


def known(bevolking: pl.DataFrame, codes: Iterable[str]) -> tuple[str, ...]:
    """The codes that ``bevolking`` has, in the given order, each once (others are dropped:
    a dataset may hold municipalities that the population table does not)."""
    present = set(bevolking.get_column("gemeentecode").to_list())
    return tuple(dict.fromkeys(code for code in codes if code in present))


def _borrowed() -> pl.Expr:
    return (
        pl.when(pl.col("bevolking_peiljaar").is_not_null())
        .then(pl.col("bevolking_peiljaar") != pl.col("jaar"))
        .alias("geleend")
    )


def trend(
    misdrijven: pl.DataFrame,
    bevolking: pl.DataFrame,
    *,
    soort: str,
    selection: Collection[str],
    comparison: Collection[str] = (),
    named: Sequence[str] = (),
) -> pl.DataFrame:
    """Offences of ``soort`` per 1,000 inhabitants per year for each series.

    The groups of ``TREND_GROUPS`` (an empty group is left out), then each municipality of
    ``named`` in the given order. Columns ``SERIES_COLUMNS``; rates follow ``TREND_RULE``.
    """
    groups = group_rates(
        misdrijven,
        bevolking,
        soort=soort,
        selection=known(bevolking, selection),
        comparison=known(bevolking, comparison),
        regel=TREND_RULE,
    ).filter(pl.col("groep").is_in(TREND_GROUPS) & (pl.col("gemeenten") > 0))
    frames = [
        groups.select(
            pl.col("groep").alias("reeks"),
            pl.lit("groep").alias("soort_reeks"),
            *SERIES_COLUMNS[2:-1],
        )
    ]
    chosen = known(bevolking, named)
    if chosen:
        per_place = rates(misdrijven, bevolking, soort=soort, regel=TREND_RULE).filter(
            pl.col("gemeentecode").is_in(chosen)
        )
        order = {code: i for i, code in enumerate(chosen)}
        frames.append(
            per_place.sort(
                pl.col("gemeentecode").replace_strict(order, return_dtype=pl.Int64), "jaar"
            ).select(
                pl.col("gemeentecode").alias("reeks"),
                pl.lit("gemeente").alias("soort_reeks"),
                "jaar",
                pl.lit(1, pl.Int64).alias("gemeenten"),
                *SERIES_COLUMNS[4:-1],
            )
        )
    return pl.concat(frames).with_columns(_borrowed()).select(SERIES_COLUMNS)


def map_ranking(
    misdrijven: pl.DataFrame,
    bevolking: pl.DataFrame,
    programma: pl.DataFrame,
    *,
    soort: str,
    jaar: int,
    named: Collection[str] = (),
) -> pl.DataFrame:
    """``lib.domain.context.ranking`` of every municipality in ``jaar`` under ``TREND_RULE``,
    with ``geleend`` and ``genoemd`` (one of the ``named`` municipalities)."""
    return ranking(
        misdrijven, bevolking, programma, soort=soort, jaar=jaar, regel=TREND_RULE
    ).with_columns(_borrowed(), pl.col("gemeentecode").is_in(list(named)).alias("genoemd"))


def rate_years(misdrijven: pl.DataFrame) -> list[int]:
    """The years with registered offences, ascending."""
    years = misdrijven.get_column("jaar").unique().sort().to_list()
    return [int(y) for y in years]


def default_year(misdrijven: pl.DataFrame, bevolking: pl.DataFrame) -> int:
    """The latest year that has offences and a population of its own (2024 in the bundled
    data), else the latest year with offences."""
    years = rate_years(misdrijven)
    own = [y for y in years if y in set(population_years(bevolking))]
    return max(own or years)


def age_groups(
    bevolking: pl.DataFrame,
    *,
    jaar: int,
    selection: Collection[str],
    comparison: Collection[str] = (),
    named: Sequence[str] = (),
) -> pl.DataFrame:
    """Inhabitants and age shares of each group of ``AGE_GROUPS`` (an empty one left out) and
    of each named municipality, on 1 January ``jaar``.

    Columns: reeks, soort_reeks, jaar, gemeenten, inwoners and the five shares of
    ``lib.domain.context.LEEFTIJDEN`` (population-weighted over whole percentages: see
    ``age_profile``).
    """

    def own(reeks: str, kind: str, codes: tuple[str, ...]) -> pl.DataFrame:
        row = age_profile(bevolking, codes, jaar=jaar).filter(pl.col("groep") == "selectie")
        return row.with_columns(pl.lit(reeks).alias("groep"), pl.lit(kind).alias("soort"))

    rows: list[pl.DataFrame] = []
    for reeks, codes in (
        ("selectie", known(bevolking, selection)),
        ("vergelijkingsgroep", known(bevolking, comparison)),
    ):
        if codes:
            rows.append(own(reeks, "groep", codes))
    country = age_profile(bevolking, (), jaar=jaar).filter(pl.col("groep") == "nederland")
    rows.append(country.with_columns(pl.lit("groep").alias("soort")))
    rows += [own(code, "gemeente", (code,)) for code in known(bevolking, named)]
    return pl.concat(rows).select(
        pl.col("groep").alias("reeks"),
        pl.col("soort").alias("soort_reeks"),
        "jaar",
        "gemeenten",
        "inwoners",
        *LEEFTIJDEN,
    )


def unmatched(selection: Collection[str], comparison: pl.DataFrame) -> list[str]:
    """The selected municipalities that no comparison municipality shares a class with."""
    matched = {
        code
        for reason in comparison.get_column("zelfde_klasse_als").to_list()
        for code in reason.split("|")
    }
    return sorted(set(selection) - matched)


def facts(gemeente_feiten: pl.DataFrame, codes: Collection[str]) -> pl.DataFrame:
    """The published facts of the municipalities ``codes``: by code, subject (in the order of
    the contract's list) and publication date, newest first (unknown dates last)."""
    order = {code: i for i, code in enumerate(ONDERWERPEN)}
    return gemeente_feiten.filter(pl.col("gemeentecode").is_in(list(codes))).sort(
        "gemeentecode",
        pl.col("onderwerp").replace_strict(order, default=len(order), return_dtype=pl.Int64),
        "bron_datum",
        descending=[False, False, True],
        nulls_last=True,
        maintain_order=True,
    )
