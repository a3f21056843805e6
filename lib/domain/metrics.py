"""Pure Polars computations behind the figures: headline, execution, themes, map, timeline.

Every function takes frames and returns a frame or a small value with codes and numbers; names
in a language are added at the edge (``lib.text.labels``). Nothing here knows about Streamlit.
Definitions follow the data contract: execution rate = (in_uitvoering + afgerond) / all
interventions; coverage counts addressable risk factors with strong evidence
(``lib.domain.coverage``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import polars as pl

from lib.contract.codes import DOELGROEPEN, ONE_OFF_WAVES, STATUSSEN, UITGEVOERD
from lib.data.catalog import Dataset
from lib.domain.coverage import coverage_by_gemeente, strong_factors
from lib.domain.filters import Filters
from lib.domain.selection import (
    Selection,
    code_order,
    gemeente_mask,
    interventie_mask,
    intervention_filters,
    select,
)

MIN_RELIABLE = 5
REFERENCE_RATE = 53 / 62  # practice scan, BOTOC municipalities (policy letter 2022)
Metric = Literal[
    "interventies", "interventies_per_10000", "uitvoeringsgraad", "dekking", "inwoners"
]
METRICS: tuple[Metric, ...] = (
    "interventies",
    "interventies_per_10000",
    "uitvoeringsgraad",
    "dekking",
    "inwoners",
)
INTERVENTION_METRICS: frozenset[Metric] = frozenset(
    {"interventies", "interventies_per_10000", "uitvoeringsgraad", "dekking"}
)
"""The measures computed from interventions: a municipality without any has no value."""
PER_INHABITANTS = 10_000
Group = Literal["gemeente", "programma", "selectie", "golf", "alle"]
"""A group in a comparison: the one selected municipality, the whole programme, the selection,
one wave (its code in ``golf``), all municipalities."""


def rate_frame(grouped: pl.DataFrame) -> pl.DataFrame:
    """Add ``rate`` and ``betrouwbaar`` to a frame with ``n`` and ``uitgevoerd``."""
    return grouped.with_columns(
        pl.when(pl.col("n") > 0).then(pl.col("uitgevoerd") / pl.col("n")).alias("rate"),
        (pl.col("n") >= MIN_RELIABLE).alias("betrouwbaar"),
    )


def _execution_aggs() -> list[pl.Expr]:
    return [
        pl.len().cast(pl.Int64).alias("n"),
        pl.col("status").is_in(UITGEVOERD).sum().cast(pl.Int64).alias("uitgevoerd"),
    ]


@dataclass(frozen=True)
class Headline:
    """The headline figures of a selection (``lib.domain.rules`` says what each counts).

    ``n_uitgevoerd`` of ``rate_n`` interventions are carried out: the execution rate counts
    every status, also under a status filter (``status_ignored``), while ``n_interventies``
    counts what the filters select.
    """

    n_gemeenten: int
    n_met_interventies: int
    n_interventies: int
    n_uitgevoerd: int
    rate_n: int
    rate: float | None
    betrouwbaar: bool
    gedekt: int
    totaal_sterk: int
    status_ignored: bool = False


def one_off_count(sel: Selection) -> int:
    """How many municipalities of the selection take part with a one-off grant (the regulation
    of 2024: no focus area, so no programme of interventions to report)."""
    return int(sel.gemeenten.get_column("golf").is_in(list(ONE_OFF_WAVES)).sum())


def headline(sel: Selection) -> Headline:
    base = sel.rate_base
    n = base.height
    done = int(base.get_column("status").is_in(UITGEVOERD).sum())
    strong = strong_factors(sel.factoren).get_column("factor")
    covered = sel.links.filter(pl.col("factor").is_in(strong.implode())).get_column("factor")
    return Headline(
        n_gemeenten=sel.gemeenten.height,
        n_met_interventies=sel.with_interventions.height,
        n_interventies=sel.interventies.height,
        n_uitgevoerd=done,
        rate_n=n,
        rate=done / n if n else None,
        betrouwbaar=n >= MIN_RELIABLE,
        gedekt=covered.n_unique(),
        totaal_sterk=strong.len(),
        status_ignored=sel.all_statuses is not None,
    )


def execution_by_gemeente(sel: Selection) -> pl.DataFrame:
    """gemeentecode, gemeente_naam, n, uitgevoerd, rate, betrouwbaar: one row per place with
    interventions of every status (the rate ignores the status filter)."""
    return rate_frame(
        sel.rate_base.group_by("gemeentecode", "gemeente_naam").agg(_execution_aggs())
    ).sort("rate", "gemeente_naam", descending=[True, False], nulls_last=True)


def execution_by_theme(sel: Selection) -> pl.DataFrame:
    """thema, n, uitgevoerd, rate, betrouwbaar: highest rate first, ties by theme code."""
    grouped = sel.rate_base.group_by("thema").agg(_execution_aggs())
    return rate_frame(grouped).sort("rate", "thema", descending=[True, False], nulls_last=True)


def execution_trend(data: Dataset, filters: Filters) -> pl.DataFrame:
    """periode, n, uitgevoerd, rate, betrouwbaar: the execution rate per reporting period.

    Counts the ``voortgang`` rows of the interventions that ``filters`` select (through their
    municipality, theme and target group; like every execution rate it ignores the status
    filter); one row per period, in order. Works on ``data.progress`` with a row mask, so
    800,000 rows filter in milliseconds.
    """
    rows = data.progress
    if not replace(filters, statussen=()).is_default:
        places = data.gemeenten.filter(gemeente_mask(filters)).get_column("gemeentecode")
        mask = pl.col("gemeentecode").is_in(places.implode()) & interventie_mask(
            filters, statuses=False
        )
        keep = data.interventies.select(mask.alias("k")).to_series()
        rows = rows.filter(keep.gather(rows.get_column("rij")))
    counts = rows.group_by("periode").agg(
        pl.len().cast(pl.Int64).alias("n"), pl.col("uitgevoerd").sum().cast(pl.Int64)
    )
    return rate_frame(counts.with_columns(pl.col("periode").cast(pl.String))).sort("periode")


def status_mix(sel: Selection) -> pl.DataFrame:
    """gemeente_naam, status, status_volgorde, n: per municipality and status."""
    counts = sel.interventies.group_by("gemeente_naam", "status").agg(
        pl.len().cast(pl.Int64).alias("n")
    )
    return (
        counts.join(code_order("status", STATUSSEN), on="status", how="left")
        .select("gemeente_naam", "status", "status_volgorde", "n")
        .sort("gemeente_naam", "status_volgorde")
    )


def theme_counts(sel: Selection) -> pl.DataFrame:
    """thema, n, share: most first, ties by theme code."""
    counts = sel.interventies.group_by("thema").agg(pl.len().cast(pl.Int64).alias("n"))
    total = max(sel.interventies.height, 1)
    return counts.with_columns((pl.col("n") / total).alias("share")).sort(
        "n", "thema", descending=[True, False]
    )


def theme_by_gemeente(sel: Selection) -> pl.DataFrame:
    """gemeente_naam, thema, n: one row per municipality and theme that occurs."""
    counts = sel.interventies.group_by("gemeente_naam", "thema").agg(
        pl.len().cast(pl.Int64).alias("n")
    )
    return counts.sort("gemeente_naam", "thema")


def target_group_counts(sel: Selection) -> pl.DataFrame:
    """doelgroep (null = unknown), doelgroep_volgorde, n; in the contract's order, unknown last."""
    counts = sel.interventies.group_by("doelgroep").agg(pl.len().cast(pl.Int64).alias("n"))
    return (
        counts.join(code_order("doelgroep", DOELGROEPEN), on="doelgroep", how="left")
        .with_columns(pl.col("doelgroep_volgorde").fill_null(len(DOELGROEPEN)))
        .select("doelgroep", "doelgroep_volgorde", "n")
        .sort("doelgroep_volgorde")
    )


def map_frame(sel: Selection, metric: Metric) -> pl.DataFrame:
    """One row per selected municipality with its figures and the chosen ``waarde``.

    Columns: gemeentecode, gemeente_naam, lat, lon, inwoners, inwoners_peiljaar, golf,
    instroomjaar, botoc, n (interventions the filters select), rate_n, uitgevoerd, rate,
    betrouwbaar (of every status: the rate ignores the status filter), n_gedekt (null without
    interventions: unknown, not 0), totaal, dekking, per_10000 (interventions per 10,000
    inhabitants; null without interventions or population), waarde (null when unknown,
    unreliable or without interventions).
    """
    counts = sel.interventies.group_by("gemeentecode").agg(pl.len().cast(pl.Int64).alias("n"))
    execution = rate_frame(sel.rate_base.group_by("gemeentecode").agg(_execution_aggs())).rename(
        {"n": "rate_n"}
    )
    coverage = coverage_by_gemeente(sel)
    frame = (
        sel.gemeenten.select(
            "gemeentecode",
            pl.col("naam").alias("gemeente_naam"),
            "lat",
            "lon",
            "inwoners",
            "inwoners_peiljaar",
            "golf",
            "instroomjaar",
            "botoc",
        )
        .join(counts, on="gemeentecode", how="left")
        .join(execution, on="gemeentecode", how="left")
        .join(coverage, on="gemeentecode", how="left")
        .with_columns(
            pl.col("n", "uitgevoerd", "rate_n").fill_null(0),
            pl.when(pl.col("n") > 0).then(pl.col("n_gedekt").fill_null(0)).alias("n_gedekt"),
            pl.col("betrouwbaar").fill_null(False),
            pl.col("totaal").fill_null(strong_factors(sel.factoren).height),
        )
        .with_columns(
            pl.when((pl.col("n") > 0) & (pl.col("totaal") > 0))
            .then(pl.col("n_gedekt") / pl.col("totaal"))
            .alias("dekking"),
            pl.when((pl.col("n") > 0) & (pl.col("inwoners") > 0))
            .then(pl.col("n") * PER_INHABITANTS / pl.col("inwoners"))
            .alias("per_10000"),
        )
    )
    value = {
        "interventies": pl.when(pl.col("n") > 0).then(pl.col("n").cast(pl.Float64)),
        "interventies_per_10000": pl.col("per_10000"),
        "uitvoeringsgraad": pl.when(pl.col("betrouwbaar")).then(pl.col("rate")),
        "dekking": pl.col("dekking"),
        "inwoners": pl.col("inwoners").cast(pl.Float64),
    }[metric]
    return frame.with_columns(value.alias("waarde")).sort("gemeente_naam")


def wave_selections(data: Dataset, sel: Selection, filters: Filters) -> list[tuple[str, Selection]]:
    """Each wave of the municipalities in ``sel`` (by code) with the intervention filters of
    ``filters`` only: the waves to compare the selection with."""
    waves = sorted(sel.gemeenten.get_column("golf").unique().to_list())
    base = intervention_filters(filters)
    return [(wave, select(data, replace(base, golven=(wave,)))) for wave in waves]


def compare_with_wave(data: Dataset, filters: Filters) -> pl.DataFrame:
    """Execution rate of the selection, of its wave(s) and of all municipalities.

    The intervention filters (theme, target group) apply to all three rows and, as for every
    execution rate, the status filter to none; the wave row uses the waves of the selected
    municipalities. Columns: groep (``selectie``, ``golf``, ``alle``), golf (the wave's code;
    null in the other rows), n, uitgevoerd, rate (null without interventions), betrouwbaar.
    """
    sel = select(data, filters)
    rows: list[tuple[Group, str | None, pl.DataFrame]] = [("selectie", None, sel.rate_base)]
    for wave, wave_sel in wave_selections(data, sel, filters):
        rows.append(("golf", wave, wave_sel.rate_base))
    rows.append(("alle", None, select(data, intervention_filters(filters)).rate_base))
    frame = pl.DataFrame(
        {
            "groep": [group for group, _, _ in rows],
            "golf": [wave for _, wave, _ in rows],
            "n": [f.height for _, _, f in rows],
            "uitgevoerd": [int(f.get_column("status").is_in(UITGEVOERD).sum()) for *_, f in rows],
        },
        schema={"groep": pl.String, "golf": pl.String, "n": pl.Int64, "uitgevoerd": pl.Int64},
    )
    return rate_frame(frame)


def timeline(data: Dataset) -> pl.DataFrame:
    """nr, datum, jaar, gebeurtenis_nl, gebeurtenis_en, aantal_gemeenten, bron: sorted by date;
    ``nr`` (from 1) is the event's number on the chart and in the list beside it."""
    return (
        data.tijdlijn.select(
            "datum",
            pl.col("datum").str.slice(0, 4).cast(pl.Int64).alias("jaar"),
            "gebeurtenis_nl",
            "gebeurtenis_en",
            "aantal_gemeenten",
            "bron",
        )
        .sort("datum", maintain_order=True)
        .with_row_index("nr", offset=1)
        .with_columns(pl.col("nr").cast(pl.Int64))
    )


def lessons(data: Dataset) -> pl.DataFrame:
    """product, tekst_nl, tekst_en, bron: the lessons of the research, in the data's order."""
    return data.lessen.select("product", "tekst_nl", "tekst_en", "bron")
