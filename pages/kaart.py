"""Kaart: the municipalities of the selection on an offline-safe map."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import maps, spec
from lib.web import cache, layout

ctx = layout.context()
layout.page_header(ctx, "map.title", "map.intro")
layout.stop_if_empty(ctx, need="gemeenten")
metric = st.selectbox(
    t("map.measure", ctx.lang),
    metrics.METRICS,
    key="kaart_maat",
    format_func=lambda m: t(f"measure.{m}", ctx.lang),
)
frame = metrics.map_frame(ctx.selection, metric)
path, boundaries = cache.boundaries()
context = metrics.map_context(ctx.data)
deck = cache.map_deck(
    spec.frame_digest(frame, metric, ctx.lang, ctx.filters.gemeenten, cache.boundaries_stamp())
    + spec.frame_digest(context),
    lambda: maps.municipality_deck(
        frame,
        metric=metric,
        lang=ctx.lang,
        selected=ctx.filters.gemeenten,
        boundaries=boundaries,
        context=context,
    ),
)
legend = maps.legend_frame(frame, metric=metric, lang=ctx.lang)
finding = findings.map_metric(frame, layout.metric_text(frame, metric, ctx.lang), ctx.lang)
layout.map_view(ctx, deck, legend=legend, finding=finding, key="kaart_deck")
st.caption(
    t("map.boundaries.from_file", ctx.lang, bestand=path.name)
    if boundaries
    else t("map.boundaries.none", ctx.lang)
)
layout.map_list(ctx, frame)
layout.footer(ctx)
