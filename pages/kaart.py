"""Kaart: the municipalities of the selection on an offline-safe map."""

import streamlit as st

from lib import cache, digest, findings, maps, metrics, ui
from lib.i18n import t

ctx = ui.context()
ui.page_header(ctx, "kaart.titel", "kaart.intro")
ui.stop_if_empty(ctx, need="gemeenten")
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
    digest.frame_digest(frame, metric, ctx.lang, ctx.filters.gemeenten, cache.boundaries_stamp())
    + digest.frame_digest(context),
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
finding = findings.map_metric(frame, ui.metric_text(frame, metric, ctx.lang), ctx.lang)
ui.map_view(ctx, deck, legend=legend, finding=finding, key="kaart_deck")
st.caption(
    t("kaart.grenzen.aan", ctx.lang, bestand=path.name)
    if boundaries
    else t("kaart.grenzen.uit", ctx.lang)
)
ui.map_list(ctx, frame)
ui.footer(ctx)
