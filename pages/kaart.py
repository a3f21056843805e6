"""Kaart: the municipalities of the selection on an offline-safe map."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import maps, vega
from lib.web import cache, layout

ctx = layout.context()
layout.page_header(ctx, "kaart.titel", "kaart.intro")
layout.stop_if_empty(ctx, need="gemeenten")
metric = st.selectbox(
    t("kaart.maat", ctx.lang),
    metrics.METRICS,
    key="kaart_maat",
    format_func=lambda m: t(f"maat.{m}", ctx.lang),
)
frame = metrics.map_frame(ctx.selection, metric)
path, boundaries = cache.boundaries()
context = metrics.map_context(ctx.data)
deck = cache.map_deck(
    vega.frame_digest(frame, metric, ctx.lang, ctx.filters.gemeenten, cache.boundaries_stamp())
    + vega.frame_digest(context),
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
    t("kaart.grenzen.aan", ctx.lang, bestand=path.name)
    if boundaries
    else t("kaart.grenzen.uit", ctx.lang)
)
layout.map_list(ctx, frame)
layout.footer(ctx)
