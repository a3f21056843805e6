"""Public context of a selection of municipalities: offence rates, groups, comparison, ranking.

Pure Polars functions on the typed context tables of ``lib.contract.context``
(``misdrijven``, ``bevolking``, ``programma``); they return codes and numbers only. Labels,
wording and the caveats shown to the reader belong to the page.

**Which population a rate uses** (column ``bevolking_peiljaar``). A rate is offences per 1,000
inhabitants. Population is known only on 1 January of the years in ``bevolking`` (2023 and
2024); offences are known for 2012-2025. Two rules, chosen with ``regel``:

- ``"zelfde_jaar"`` (default, the rule of the sources): the population on 1 January of the same
  year. Years without one (2012-2022 and 2025) keep their counts but get no rate:
  ``inwoners``, ``bevolking_peiljaar`` and ``per_1000`` are null.
- ``"dichtstbijzijnde"``: the population of the nearest year that has one (on a tie the earlier
  year), so 2012-2022 use 1 January 2023 and 2025 uses 1 January 2024.
  ``bevolking_peiljaar`` says which; the page must say that such rates are approximate.

A municipality without a population row for the chosen year gets no rate either. Nothing is
filled in or estimated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Literal

import polars as pl

from lib.contract.codes import MISDRIJFSOORTEN

PeiljaarRegel = Literal["zelfde_jaar", "dichtstbijzijnde"]
PER = 1_000
"""Rates are offences per 1,000 inhabitants."""

GROEPEN: tuple[str, ...] = ("selectie", "rest_van_nederland", "vergelijkingsgroep", "nederland")
"""Groups of ``group_rates``: the selection; all municipalities not in it; the comparison
group; all municipalities."""

GROOTTEKLASSEN: tuple[tuple[str, int, int | None], ...] = (
    ("tot_20k", 0, 20_000),
    ("20k_50k", 20_000, 50_000),
    ("50k_100k", 50_000, 100_000),
    ("100k_250k", 100_000, 250_000),
    ("250k_plus", 250_000, None),
)
"""Size bands by inhabitants: (code, lower bound inclusive, upper bound exclusive or None)."""

VERGELIJKINGSJAAR = 2024
"""Urbanity (``stedelijkheid``) is only given for 1 January 2024, so the comparison group uses
the classes and sizes of that date."""

LEEFTIJDEN: tuple[str, ...] = ("pct_0_15", "pct_15_25", "pct_25_45", "pct_45_65", "pct_65plus")

RATE_COLUMNS: tuple[str, ...] = (
    "gemeentecode",
    "jaar",
    "soort",
    "geregistreerd",
    "voorlopig",
    "inwoners",
    "bevolking_peiljaar",
    "per_1000",
)


def _check_soort(soort: str) -> None:
    if soort not in MISDRIJFSOORTEN:
        raise ValueError(f"unknown offence type {soort!r}")


def _peiljaar() -> pl.Expr:
    return pl.col("peildatum").str.slice(0, 4).cast(pl.Int64)


def population_years(bevolking: pl.DataFrame) -> list[int]:
    """The years with a population on 1 January, ascending."""
    years = bevolking.select(_peiljaar().unique().sort()).to_series().drop_nulls().to_list()
    return [int(y) for y in years]


def denominator_years(
    years: Iterable[int], available: Collection[int], regel: PeiljaarRegel = "zelfde_jaar"
) -> dict[int, int | None]:
    """For each year of offences, the population year its rate uses (None: no rate).

    ``zelfde_jaar``: the year itself when it has a population. ``dichtstbijzijnde``: the
    nearest year with a population, the earlier one on a tie.
    """
    if regel not in ("zelfde_jaar", "dichtstbijzijnde"):
        raise ValueError(f"unknown rule {regel!r}")
    mapping: dict[int, int | None] = {}
    for year in sorted(set(years)):
        if regel == "zelfde_jaar" or not available:
            mapping[year] = year if year in available else None
        else:
            mapping[year] = min(available, key=lambda p: (abs(p - year), p))
    return mapping


def _rate(count: str, population: str) -> pl.Expr:
    return (
        pl.when(pl.col(population) > 0)
        .then(pl.col(count) * PER / pl.col(population))
        .otherwise(None)
        .cast(pl.Float64)
    )


def _known(codes: Collection[str], bevolking: pl.DataFrame, what: str) -> list[str]:
    known = set(bevolking.get_column("gemeentecode").to_list())
    unknown = sorted(set(codes) - known)
    if unknown:
        raise ValueError(f"unknown municipality code(s) in {what}: {', '.join(unknown)}")
    return sorted(set(codes))


def rates(
    misdrijven: pl.DataFrame,
    bevolking: pl.DataFrame,
    *,
    soort: str,
    regel: PeiljaarRegel = "zelfde_jaar",
) -> pl.DataFrame:
    """Offences of type ``soort`` per 1,000 inhabitants, per municipality and year.

    Columns ``RATE_COLUMNS``; one row per municipality and year of ``misdrijven``, sorted by
    code and year. The population rule is in the module docstring.
    """
    _check_soort(soort)
    counts = misdrijven.filter(pl.col("soort") == soort)
    mapping = denominator_years(
        (int(y) for y in counts.get_column("jaar").unique().to_list()),
        population_years(bevolking),
        regel,
    )
    population = bevolking.select("gemeentecode", _peiljaar().alias("peiljaar"), "inwoners")
    return (
        counts.with_columns(
            pl.col("jaar")
            .replace_strict(mapping, default=None, return_dtype=pl.Int64)
            .alias("bevolking_peiljaar")
        )
        .join(
            population,
            left_on=["gemeentecode", "bevolking_peiljaar"],
            right_on=["gemeentecode", "peiljaar"],
            how="left",
        )
        .with_columns(
            pl.when(pl.col("inwoners").is_not_null())
            .then(pl.col("bevolking_peiljaar"))
            .alias("bevolking_peiljaar"),
            _rate("geregistreerd", "inwoners").alias("per_1000"),
        )
        .select(RATE_COLUMNS)
        .sort("gemeentecode", "jaar")
    )


def group_rates(
    misdrijven: pl.DataFrame,
    bevolking: pl.DataFrame,
    *,
    soort: str,
    selection: Collection[str],
    comparison: Collection[str] = (),
    regel: PeiljaarRegel = "zelfde_jaar",
) -> pl.DataFrame:
    """The rate of each group of ``GROEPEN`` per year: sum of offences / sum of inhabitants.

    ``rest_van_nederland`` is every municipality of ``bevolking`` not in ``selection`` (so it
    includes programme municipalities outside the selection); ``nederland`` is all of them.
    A group-year gets a rate only when every member has a population for it; an empty group
    has ``gemeenten`` 0 and null figures. Columns: groep, jaar, soort, gemeenten, geregistreerd,
    voorlopig, inwoners, bevolking_peiljaar, per_1000; sorted by group (``GROEPEN`` order), year.
    """
    everyone = _known(bevolking.get_column("gemeentecode").to_list(), bevolking, "bevolking")
    chosen = _known(selection, bevolking, "selection")
    members = {
        "selectie": chosen,
        "rest_van_nederland": sorted(set(everyone) - set(chosen)),
        "vergelijkingsgroep": _known(comparison, bevolking, "comparison"),
        "nederland": everyone,
    }
    membership = pl.DataFrame(
        {
            "groep": [g for g in GROEPEN for _ in members[g]],
            "gemeentecode": [c for g in GROEPEN for c in members[g]],
        },
        schema={"groep": pl.String, "gemeentecode": pl.String},
    )
    per_place = rates(misdrijven, bevolking, soort=soort, regel=regel)
    complete = pl.col("inwoners").null_count() == 0
    totals = (
        membership.join(per_place, on="gemeentecode", how="inner")
        .group_by("groep", "jaar")
        .agg(
            pl.len().cast(pl.Int64).alias("gemeenten"),
            pl.col("geregistreerd").sum().cast(pl.Int64),
            pl.col("voorlopig").any(),
            pl.when(complete).then(pl.col("inwoners").sum()).cast(pl.Int64).alias("inwoners"),
            pl.when(complete).then(pl.col("bevolking_peiljaar").max()).alias("bevolking_peiljaar"),
        )
    )
    grid = pl.DataFrame({"groep": list(GROEPEN)}).join(
        per_place.select(pl.col("jaar").unique()), how="cross"
    )
    order = {g: i for i, g in enumerate(GROEPEN)}
    return (
        grid.join(totals, on=["groep", "jaar"], how="left")
        .with_columns(
            pl.lit(soort).alias("soort"),
            pl.col("gemeenten").fill_null(0),
            _rate("geregistreerd", "inwoners").alias("per_1000"),
        )
        .sort(pl.col("groep").replace_strict(order, return_dtype=pl.Int64), "jaar")
        .select(
            "groep",
            "jaar",
            "soort",
            "gemeenten",
            "geregistreerd",
            "voorlopig",
            "inwoners",
            "bevolking_peiljaar",
            "per_1000",
        )
    )


def size_band(inwoners: pl.Expr) -> pl.Expr:
    """The ``GROOTTEKLASSEN`` code of a number of inhabitants (null stays null)."""
    expr: pl.Expr | None = None
    for code, lower, upper in reversed(GROOTTEKLASSEN):
        condition = inwoners >= lower if upper is None else (inwoners >= lower) & (inwoners < upper)
        if expr is None:
            expr = pl.when(condition).then(pl.lit(code)).otherwise(pl.lit(None, pl.String))
        else:
            expr = pl.when(condition).then(pl.lit(code)).otherwise(expr)
    assert expr is not None
    return expr


def comparison_group(
    bevolking: pl.DataFrame,
    programma: pl.DataFrame,
    selection: Collection[str],
) -> pl.DataFrame:
    """Municipalities comparable to ``selection`` that take no part in the programme.

    Rule: a municipality belongs to the comparison group when (1) it is none of the programme's
    municipalities (``programma``, all regulations) and not in the selection, and (2) on
    1 January 2024 (``VERGELIJKINGSJAAR``) it has the same urbanity class (``stedelijkheid``,
    1-5) and the same size band (``GROOTTEKLASSEN``: fewer than 20,000 inhabitants; 20,000 to
    50,000; 50,000 to 100,000; 100,000 to 250,000; 250,000 or more) as at least one selected
    municipality. A selected municipality whose class has no such municipality (for example
    the four largest cities) adds nobody; the group may be empty.

    Columns: gemeentecode, inwoners, stedelijkheid, grootteklasse, zelfde_klasse_als (the
    selected codes with the same class and band, sorted, joined by ``|``: why it was chosen).
    Sorted by code.
    """
    chosen = _known(selection, bevolking, "selection")
    base = bevolking.filter(pl.col("peildatum") == f"{VERGELIJKINGSJAAR}-01-01").select(
        "gemeentecode",
        "inwoners",
        "stedelijkheid",
        size_band(pl.col("inwoners")).alias("grootteklasse"),
    )
    cells = (
        base.filter(pl.col("gemeentecode").is_in(chosen) & pl.col("stedelijkheid").is_not_null())
        .group_by("stedelijkheid", "grootteklasse")
        .agg(pl.col("gemeentecode").sort().str.join("|").alias("zelfde_klasse_als"))
    )
    excluded = set(programma.get_column("gemeentecode").to_list()) | set(chosen)
    return (
        base.filter(~pl.col("gemeentecode").is_in(sorted(excluded)))
        .join(cells, on=["stedelijkheid", "grootteklasse"], how="inner")
        .select("gemeentecode", "inwoners", "stedelijkheid", "grootteklasse", "zelfde_klasse_als")
        .sort("gemeentecode")
    )


def ranking(
    misdrijven: pl.DataFrame,
    bevolking: pl.DataFrame,
    programma: pl.DataFrame,
    *,
    soort: str,
    jaar: int,
    regel: PeiljaarRegel = "zelfde_jaar",
) -> pl.DataFrame:
    """Every municipality's rate of ``soort`` in ``jaar``, ranked (1 = highest rate).

    Equal rates share the lowest rank ("min"); municipalities without a rate have rank null
    and come last. ``in_programma`` is true for the programme's municipalities, ``regeling``
    their regulation (null otherwise). Columns: ``RATE_COLUMNS`` + rang, in_programma, regeling.
    """
    year = rates(misdrijven, bevolking, soort=soort, regel=regel).filter(pl.col("jaar") == jaar)
    if year.is_empty():
        raise ValueError(f"no registered offences for {jaar}")
    return (
        year.join(programma.select("gemeentecode", "regeling"), on="gemeentecode", how="left")
        .with_columns(
            pl.col("per_1000").rank("min", descending=True).cast(pl.Int64).alias("rang"),
            pl.col("regeling").is_not_null().alias("in_programma"),
        )
        .sort("rang", "gemeentecode", nulls_last=True)
        .select(*RATE_COLUMNS, "rang", "in_programma", "regeling")
    )


def age_profile(bevolking: pl.DataFrame, codes: Collection[str], *, jaar: int) -> pl.DataFrame:
    """Age shares of the selection against the whole country on 1 January ``jaar``.

    Two rows, groep ``selectie`` and ``nederland``, with gemeenten, inwoners and the five age
    shares (``LEEFTIJDEN``) weighted by population: sum(inwoners x share) / sum(inwoners).
    CBS publishes the shares per municipality as whole percentages, so a weighted share is
    approximate (each input may be off by up to half a percentage point); never turn it into a
    number of young people. An empty selection has ``gemeenten`` 0 and null figures.
    """
    base = bevolking.filter(pl.col("peildatum") == f"{jaar}-01-01")
    if base.is_empty():
        raise ValueError(f"no population on 1 January {jaar}")
    chosen = _known(codes, base, "codes")
    total = pl.col("inwoners").sum()

    def summary(frame: pl.DataFrame, groep: str) -> pl.DataFrame:
        shares = [
            pl.when(total > 0)
            .then((pl.col(c) * pl.col("inwoners")).sum() / total)
            .otherwise(None)
            .cast(pl.Float64)
            .alias(c)
            for c in LEEFTIJDEN
        ]
        return frame.select(
            pl.lit(groep).alias("groep"),
            pl.lit(jaar, pl.Int64).alias("jaar"),
            pl.len().cast(pl.Int64).alias("gemeenten"),
            pl.when(pl.len() > 0).then(total).cast(pl.Int64).alias("inwoners"),
            *shares,
        )

    selected = base.filter(pl.col("gemeentecode").is_in(chosen))
    return pl.concat([summary(selected, "selectie"), summary(base, "nederland")])


def national_totals(misdrijven: pl.DataFrame, *, soort: str) -> pl.DataFrame:
    """Registered offences of ``soort`` in all municipalities together, per year.

    Columns: jaar, soort, gemeenten, geregistreerd, voorlopig (true when any count of the year
    is provisional); sorted by year.
    """
    _check_soort(soort)
    return (
        misdrijven.filter(pl.col("soort") == soort)
        .group_by("jaar")
        .agg(
            pl.len().cast(pl.Int64).alias("gemeenten"),
            pl.col("geregistreerd").sum().cast(pl.Int64),
            pl.col("voorlopig").any(),
        )
        .with_columns(pl.lit(soort).alias("soort"))
        .select("jaar", "soort", "gemeenten", "geregistreerd", "voorlopig")
        .sort("jaar")
    )
