"""Kaart: every municipality of the Netherlands, the programme's coloured by a measure.

Beside the map: the measure, "Zoek uw gemeente", the zoom toggle, the way back to the whole
country and the legend; under it the finding, the sources of outlines and population, and the
list of the programme municipalities (the map's text alternative) with the downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from lib.contract.codes import GOLVEN, ONE_OFF_WAVES, Lang
from lib.data import geo
from lib.domain import metrics, places
from lib.text import findings
from lib.text.i18n import t
from lib.viz import choropleth, maps, static_map
from lib.viz.bins import Bins
from lib.viz.vega import frame_digest
from lib.web import cache, downloads, layout, map_view, sync
from lib.web.state import MAP_KEY, Context

PREFIX = "kaart"


@dataclass(frozen=True)
class MapData:
    """What the map of one view is made of."""

    metric: metrics.Metric
    frame: pl.DataFrame  # places.programme_map_frame: every programme municipality
    national: pl.DataFrame  # places.national: every municipality
    bins: Bins
    boundaries: geo.Boundaries

    @property
    def selected(self) -> pl.DataFrame:
        """The programme municipalities the filters select (all without a municipality
        filter)."""
        chosen = self.frame.filter(pl.col("geselecteerd"))
        return chosen if chosen.height else self.frame


def measure(ctx: Context) -> metrics.Metric:
    """The measure picker; its choice also colours the map on slides and in links."""
    chosen: metrics.Metric = st.selectbox(
        t("map.measure", ctx.lang),
        metrics.METRICS,
        key=MAP_KEY,
        format_func=lambda m: t(f"measure.{m}", ctx.lang),
    )
    return chosen


def map_data(ctx: Context, metric: metrics.Metric) -> MapData:
    frame = places.programme_map_frame(ctx.data, ctx.selection, ctx.filters, metric)
    if not places.municipality_filters(ctx.filters):
        frame = frame.with_columns(pl.lit(False).alias("geselecteerd"))
    bins = maps.stable_bins(metric, cache.map_reference(ctx.data, metric))
    return MapData(metric, frame, cache.national(ctx.data), bins, cache.boundaries())


def _choose(national: pl.DataFrame) -> map_view.Pick:
    """What a click or a search does: select a programme municipality on every page, or say
    that the municipality does not take part."""
    rows = {
        code: (name, golf)
        for code, name, golf in national.select("gemeentecode", "gemeente_naam", "golf").iter_rows()
    }

    def choose(code: str) -> None:
        name, golf = rows.get(code, (code, None))
        if golf is None:
            map_view.say(PREFIX, "map.search.not_in_programme", gemeente=name)
            return
        sync.select_gemeente(code, golf=golf)
        map_view.say(PREFIX, "map.search.in_programme", gemeente=name)

    return choose


def _focus_label(data: MapData, code: str) -> tuple[str, str, float, float] | None:
    """The name and point of a municipality outside the programme that was looked for."""
    if code in set(data.frame.get_column("gemeentecode").to_list()):
        return None
    feature = geo.features_by_code(data.boundaries.data).get(code)
    if feature is None:
        return None
    lon, lat = geo.label_point(feature["geometry"])
    names = dict(data.national.select("gemeentecode", "gemeente_naam").iter_rows())
    return code, names.get(code, code), lon, lat


def _deck(ctx: Context, data: MapData, state: map_view.MapState) -> Any:
    """The pydeck map of this view, built and serialised once per everything it is made of."""
    boundaries = data.boundaries.data
    view = None
    if state.focus:
        view = choropleth.focus_view(
            boundaries, state.focus, interactive=state.interactive, nonce=state.nonce
        )
    if view is None:
        view = choropleth.country_view(boundaries, interactive=state.interactive, nonce=state.nonce)
    key = frame_digest(
        data.frame, data.metric, ctx.lang, view, state.focus, cache.boundaries_stamp()
    ) + cache.dataset_key(ctx.data)

    def build() -> Any:
        extra = _focus_label(data, state.focus) if state.focus else None
        return maps.programme_map(
            data.frame,
            data.national,
            boundaries,
            metric=data.metric,
            bins=data.bins,
            lang=ctx.lang,
            view=view,
            first=[extra] if extra else (),
        )

    return cache.map_deck(key, build)


def _legend_title(ctx: Context, data: MapData) -> str:
    peildatum = data.national.get_column("peildatum").max() if data.national.height else None
    title = static_map.legend_title(data.metric, str(peildatum) if peildatum else None, ctx.lang)
    if ctx.selection.illustrative and data.metric in metrics.INTERVENTION_METRICS:
        return f"{title} ({t('column.illustrative', ctx.lang).lower()})"
    return title


def map_view_section(ctx: Context) -> MapData:
    """The measure and "Zoek uw gemeente" above the map; beside it the zoom toggle, the way
    back to the whole country and the legend. Returns what the map shows."""
    pick, find = st.columns(2)
    with pick:
        metric = measure(ctx)
    data = map_data(ctx, metric)
    with find:
        map_view.search(
            PREFIX,
            ctx.lang,
            cache.search_index(ctx.data),
            dict(data.national.select("gemeentecode", "gemeente_naam").iter_rows()),
            _choose(data.national),
        )
    canvas, side = st.columns([3, 2], gap="medium")
    with side:
        state = map_view.controls(PREFIX, ctx.lang)
        map_view.message(PREFIX, ctx.lang)
        outside = data.national.filter(~pl.col("in_programma")).height
        legend = maps.legend_frame(
            data.frame, metric=metric, bins=data.bins, lang=ctx.lang, outside=outside
        )
        map_view.legend(legend, _legend_title(ctx, data), ctx.lang)
    with canvas:
        map_view.draw(
            PREFIX,
            _deck(ctx, data, state),
            alt=t("map.alt_text", ctx.lang, n=data.frame.height),
            on_pick=_choose(data.national),
        )
    return data


def notes(ctx: Context, data: MapData) -> None:
    """The finding of the selection, the municipalities with a one-off grant, and the
    sources of the outlines and the population."""
    chosen = data.selected
    layout.finding(
        ctx,
        findings.map_metric(chosen, findings.metric_text(chosen, data.metric, ctx.lang), ctx.lang),
    )
    one_off = data.frame.filter(pl.col("golf").is_in(list(ONE_OFF_WAVES))).height
    peildatum = data.national.get_column("peildatum").max() if data.national.height else None
    when = maps.population_date(str(peildatum) if peildatum else None, ctx.lang)
    lines = []
    if one_off:
        lines.append(t("map.one_off", ctx.lang, n=one_off))
    if data.metric == "interventies_per_10000":
        lines.append(t("map.per_10000", ctx.lang, datum=when))
    lines.append(
        t("map.boundaries.credit", ctx.lang, bron=geo.credit(data.boundaries.path), datum=when)
    )
    st.caption(" ".join(lines))
    if data.boundaries.unreadable is not None:
        st.warning(
            t("map.boundaries.unreadable", ctx.lang, bestand=data.boundaries.unreadable.name)
        )


LIST_COLUMNS = {
    "gemeente_naam": "column.gemeente",
    "deelname": "column.participation",
    "n": "column.n_interventies",
    "per_10000": "column.per_10000",
    "rate": "column.execution_rate",
    "betrouwbaar": "column.reliable",
    "n_gedekt": "column.covered",
    "inwoners": "column.population",
}


def list_table(data: MapData, lang: Lang) -> tuple[pl.DataFrame, dict[str, str]]:
    """The list of the programme municipalities on the map, the selected ones first."""
    names = {g: maps.participation(g, lang) for g in GOLVEN}
    table = data.frame.with_columns(
        pl.col("golf").replace_strict(names, return_dtype=pl.String).alias("deelname")
    ).sort(["geselecteerd", "gemeente_naam"], descending=[True, False])
    columns = dict(LIST_COLUMNS)
    if table.get_column("geselecteerd").any():
        columns = {"gemeente_naam": "column.gemeente", "geselecteerd": "column.selected"} | columns
    return table, columns


def map_list(ctx: Context, data: MapData) -> None:
    """The list alternative of the map, and the map's downloads."""
    table, columns = list_table(data, ctx.lang)
    with st.expander(t("map.list", ctx.lang), expanded=False):
        layout.table(ctx, table, columns)
    downloads.map_downloads(ctx, table, columns, data.metric)
