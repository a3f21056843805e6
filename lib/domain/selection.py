"""The part of the dataset that the filters select, and how charts group a large selection.

``select`` applies the filters once; every figure of ``lib.domain`` is computed from the
``Selection`` it returns. Polars in, Polars out: codes and numbers, no language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

import polars as pl

from lib.data.catalog import Dataset, factor_links
from lib.domain.filters import Filters

PLACE_LIMIT: Final = 40
"""Charts with a row or column per municipality group a larger selection by province."""
Place = Literal["gemeente", "provincie"]
UNKNOWN_PROVINCE: Final = "onbekend"
"""The province row of municipalities whose province no source gives."""


@dataclass(frozen=True)
class Selection:
    """The part of the dataset that the filters select."""

    gemeenten: pl.DataFrame  # selected municipalities (column ``naam`` = display name)
    interventies: pl.DataFrame  # interventions in them that pass the intervention filters
    factoren: pl.DataFrame  # factor universe after the domain filter
    links: pl.DataFrame  # interventie_id, gemeentecode, factor: one row per listed factor
    themas: pl.DataFrame
    unfiltered_links: pl.DataFrame | None = None  # links before the domain filter
    all_statuses: pl.DataFrame | None = None  # the interventions before the status filter

    @property
    def rate_base(self) -> pl.DataFrame:
        """The interventions an execution rate counts: every filter but the status filter.

        Under a status filter the rate would be 0 % or 100 % by construction, so the rate
        ignores it (``lib.domain.rules``): with Status = afgerond the rate is that of all
        interventions of the other filters.
        """
        return self.interventies if self.all_statuses is None else self.all_statuses

    @property
    def with_interventions(self) -> pl.DataFrame:
        """The selected municipalities with at least one selected intervention."""
        codes = self.interventies.get_column("gemeentecode").unique().implode()
        return self.gemeenten.filter(pl.col("gemeentecode").is_in(codes))

    @property
    def without_interventions(self) -> pl.DataFrame:
        """The selected municipalities with no selected intervention (in name order)."""
        codes = self.interventies.get_column("gemeentecode").unique().implode()
        return self.gemeenten.filter(~pl.col("gemeentecode").is_in(codes)).sort("naam")

    @property
    def all_links(self) -> pl.DataFrame:
        """The factor links of the selected interventions, whatever the domain filter."""
        if self.unfiltered_links is None:
            return factor_links(self.interventies)
        return self.unfiltered_links

    @property
    def empty(self) -> bool:
        return self.interventies.is_empty()

    @property
    def illustrative(self) -> bool:
        return bool(self.interventies.get_column("illustratief").fill_null(False).any())


def _in(column: str, values: tuple[str, ...]) -> pl.Expr:
    return pl.col(column).is_in(list(values)) if values else pl.lit(True)


def gemeente_mask(filters: Filters) -> pl.Expr:
    botoc = {"alle": pl.lit(True), "ja": pl.col("botoc"), "nee": ~pl.col("botoc")}[filters.botoc]
    return _in("gemeentecode", filters.gemeenten) & _in("golf", filters.golven) & botoc


def interventie_mask(filters: Filters, *, statuses: bool = True) -> pl.Expr:
    """The intervention filters (theme, target group and, unless ``statuses`` is false, the
    status) as one expression."""
    mask = _in("thema", filters.themas) & _in("doelgroep", filters.doelgroepen)
    return mask & _in("status", filters.statussen) if statuses else mask


def intervention_filters(filters: Filters) -> Filters:
    """Only the intervention filters (theme, status, target group) of ``filters``: the base
    of every comparison with a wave or with all municipalities."""
    return Filters(
        themas=filters.themas, statussen=filters.statussen, doelgroepen=filters.doelgroepen
    )


def select(data: Dataset, filters: Filters) -> Selection:
    """Apply the filters: municipality filters, then intervention filters, then domains.

    The factor links come from ``data.links`` (exploded once per dataset version), so a rerun
    only filters frames and never re-parses the multi-valued ``factoren`` column.
    """
    if filters.is_default:
        gemeenten, interventies = data.gemeenten, data.interventies
    else:
        gemeenten = data.gemeenten.filter(gemeente_mask(filters))
        interventies = data.interventies.filter(
            pl.col("gemeentecode").is_in(gemeenten.get_column("gemeentecode").implode())
            & interventie_mask(filters, statuses=False)
        )
    interventies = interventies.join(
        gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam")),
        on="gemeentecode",
        how="left",
    )
    all_statuses = None
    if filters.statussen:
        all_statuses = interventies
        interventies = interventies.filter(_in("status", filters.statussen))
    factoren = data.factoren.filter(_in("domein", filters.domeinen))
    every = data.links
    if interventies.height != data.interventies.height:
        every = every.join(interventies.select("interventie_id"), on="interventie_id", how="semi")
    links = every
    if factoren.height != data.factoren.height:
        links = links.filter(pl.col("factor").is_in(factoren.get_column("factor").implode()))
    return Selection(gemeenten, interventies, factoren, links, data.themas, every, all_statuses)


def chart_place(sel: Selection) -> Place:
    """``provincie`` when more than ``PLACE_LIMIT`` municipalities have interventions."""
    places = sel.interventies.get_column("gemeentecode").n_unique()
    return "provincie" if places > PLACE_LIMIT else "gemeente"


def by_province(sel: Selection) -> Selection:
    """The selection with each municipality's interventions and links under its province.

    ``gemeentecode`` and ``gemeente_naam`` then hold the province, so every per-municipality
    function (``execution_by_gemeente``, ``status_mix``, ``theme_by_gemeente``,
    ``coverage_matrix``) gives one row per province: a chart of 342 municipalities stays
    readable and its data small.
    """
    province = sel.gemeenten.select(
        "gemeentecode", pl.col("provincie").fill_null(UNKNOWN_PROVINCE).alias("_provincie")
    )

    def regroup(frame: pl.DataFrame, *names: str) -> pl.DataFrame:
        return (
            frame.join(province, on="gemeentecode", how="left")
            .with_columns(pl.col("_provincie").alias(n) for n in names)
            .drop("_provincie")
        )

    return replace(
        sel,
        interventies=regroup(sel.interventies, "gemeentecode", "gemeente_naam"),
        links=regroup(sel.links, "gemeentecode"),
        unfiltered_links=regroup(sel.all_links, "gemeentecode"),
        all_statuses=None
        if sel.all_statuses is None
        else regroup(sel.all_statuses, "gemeentecode", "gemeente_naam"),
    )


def code_order(column: str, codes: Sequence[str]) -> pl.DataFrame:
    """``column`` and ``<column>_volgorde``: each code and its place in ``codes`` (the order
    of the contract's list), to sort by and to join on."""
    return pl.DataFrame(
        {column: list(codes), f"{column}_volgorde": list(range(len(codes)))},
        schema={column: pl.String, f"{column}_volgorde": pl.Int64},
    )
