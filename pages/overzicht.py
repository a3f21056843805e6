"""Overzicht: headline figures, comparison, rollout timeline, lessons and data status."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts
from lib.web import layout

ctx = layout.context()
layout.page_header(ctx, "overview.title", "overview.intro")
layout.stop_if_empty(ctx)
head = metrics.headline(ctx.selection)
layout.kpis(ctx, head)

st.subheader(t("overview.comparison", ctx.lang))
compared = metrics.compare_with_wave(ctx.data, ctx.filters, ctx.lang)
layout.chart(
    ctx,
    charts.deferred(charts.comparison_bars, compared, lang=ctx.lang),
    finding=findings.comparison(compared, ctx.lang),
    table=compared,
    columns=layout.RATE_COLUMNS | {"groep": "column.comparison"},
    key="overzicht_vergelijk",
)

st.subheader(t("overview.timeline", ctx.lang))
timeline = metrics.timeline(ctx.data, ctx.lang)
layout.chart(
    ctx,
    charts.deferred(charts.timeline_chart, timeline, lang=ctx.lang),
    finding=findings.timeline(timeline, ctx.lang),
    table=timeline,
    columns={
        "datum": "column.date",
        "gebeurtenis": "column.event",
        "aantal_gemeenten": "column.n_gemeenten",
        "bron": "column.source",
    },
    key="overzicht_tijdlijn",
    illustrative=False,
)

st.subheader(t("overview.lessons", ctx.lang))
layout.lessons(metrics.lessons(ctx.data, ctx.lang))

st.subheader(t("overview.data_status", ctx.lang))
layout.data_status(ctx)
layout.footer(ctx)
