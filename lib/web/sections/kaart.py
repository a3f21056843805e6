"""Kaart: the municipalities of the selection on an offline-safe map, with a list beside it."""

from __future__ import annotations

import html
from typing import Any

import polars as pl
import streamlit as st

from lib.contract.codes import GOLVEN
from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import maps, vega
from lib.web import cache, downloads, layout, sync
from lib.web.state import MAP_KEY, Context

DECK_KEY = "kaart_deck"


def measure(ctx: Context) -> metrics.Metric:
    """The measure picker; its choice also colours the map on slides and in links."""
    chosen: metrics.Metric = st.selectbox(
        t("map.measure", ctx.lang),
        metrics.METRICS,
        key=MAP_KEY,
        format_func=lambda m: t(f"measure.{m}", ctx.lang),
    )
    return chosen


def _on_select() -> None:
    state = st.session_state.get(DECK_KEY)
    objects = (state or {}).get("selection", {}).get("objects", {}).get("gemeenten", [])
    if objects:
        sync.select_gemeente(str(objects[0]["gemeentecode"]))


def _legend(ctx: Context, legend: pl.DataFrame) -> None:
    swatches = " ".join(
        f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{hex_};'
        f'border:1px solid #333;margin:0 0.3em 0 0.8em;vertical-align:middle"></span>'
        f"{html.escape(label)}"
        for label, hex_ in legend.select("label", "kleur").iter_rows()
    )
    st.markdown(f"**{t('map.legend', ctx.lang)}:** {swatches}", unsafe_allow_html=True)


def _deck(ctx: Context, frame: pl.DataFrame, metric: metrics.Metric) -> Any:
    """The pydeck map, built and serialised once per everything it is made of."""
    _, boundaries = cache.boundaries()
    context = metrics.map_context(ctx.data)
    key = vega.frame_digest(
        frame, metric, ctx.lang, ctx.filters.gemeenten, cache.boundaries_stamp()
    ) + vega.frame_digest(context)
    return cache.map_deck(
        key,
        lambda: maps.municipality_deck(
            frame,
            metric=metric,
            lang=ctx.lang,
            selected=ctx.filters.gemeenten,
            boundaries=boundaries,
            context=context,
        ),
    )


def map_view(ctx: Context, metric: metrics.Metric) -> pl.DataFrame:
    """The map with its finding, a legend in text and colour, and click-to-select; returns the
    frame it shows, for the list."""
    frame = cache.derived(
        ctx.data,
        ctx.filters,
        f"map_frame:{metric}",
        lambda: metrics.map_frame(ctx.selection, metric),
    )
    finding = findings.map_metric(frame, findings.metric_text(frame, metric, ctx.lang), ctx.lang)
    layout.finding(ctx, finding)
    st.pydeck_chart(
        _deck(ctx, frame, metric),
        on_select=_on_select,
        selection_mode="single-object",
        key=DECK_KEY,
        height=560,
        alt=finding,
    )
    _legend(ctx, maps.legend_frame(frame, metric=metric, lang=ctx.lang))
    path, boundaries = cache.boundaries()
    st.caption(
        t("map.boundaries.from_file", ctx.lang, bestand=path.name)
        if boundaries
        else t("map.boundaries.none", ctx.lang)
    )
    return frame


def map_list(ctx: Context, frame: pl.DataFrame, metric: metrics.Metric) -> None:
    """The list alternative of the map, and the map's downloads."""
    lang = ctx.lang
    table = frame.with_columns(
        pl.col("golf").replace_strict({g: code_label("golf", g, lang) for g in GOLVEN})
    )
    columns = {
        "gemeente_naam": "column.gemeente",
        "golf": "filter.wave",
        "n": "column.n_interventies",
        "rate": "column.execution_rate",
        "betrouwbaar": "column.reliable",
        "n_gedekt": "column.covered",
        "inwoners": "column.population",
    }
    with st.expander(t("map.list", lang), expanded=False):
        layout.table(ctx, table, columns)
    downloads.map_downloads(ctx, table, columns, metric, frame)
