"""Overzicht: headline figures, comparison, rollout timeline, lessons and data status."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts, vega
from lib.web import layout

ctx = layout.context()
layout.page_header(ctx, "overzicht.titel", "overzicht.intro")
layout.stop_if_empty(ctx)
head = metrics.headline(ctx.selection)
layout.kpis(ctx, head)

st.subheader(t("overzicht.vergelijk", ctx.lang))
compared = metrics.compare_with_wave(ctx.data, ctx.filters, ctx.lang)
layout.chart(
    ctx,
    vega.deferred(charts.comparison_bars, compared, lang=ctx.lang),
    finding=findings.comparison(compared, ctx.lang),
    table=compared,
    columns=layout.RATE_COLUMNS | {"groep": "as.vergelijking"},
    key="overzicht_vergelijk",
)

st.subheader(t("overzicht.tijdlijn", ctx.lang))
timeline = metrics.timeline(ctx.data, ctx.lang)
layout.chart(
    ctx,
    vega.deferred(charts.timeline_chart, timeline, lang=ctx.lang),
    finding=findings.timeline(timeline, ctx.lang),
    table=timeline,
    columns={
        "datum": "as.datum",
        "gebeurtenis": "as.gebeurtenis",
        "aantal_gemeenten": "as.aantal_gemeenten",
        "bron": "as.bron",
    },
    key="overzicht_tijdlijn",
    illustrative=False,
)

st.subheader(t("overzicht.lessen", ctx.lang))
layout.lessons(metrics.lessons(ctx.data, ctx.lang))

st.subheader(t("overzicht.datastatus", ctx.lang))
layout.data_status(ctx)
layout.footer(ctx)
