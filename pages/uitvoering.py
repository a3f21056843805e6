"""Uitvoering: execution rates against the practice-scan reference, and the status mix."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts
from lib.web import cache, layout

ctx = layout.context()
layout.page_header(ctx, "execution.title", "execution.intro")
layout.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang
st.caption(t("notice.unreliable", lang))

st.subheader(t("execution.by_gemeente", lang))
chart_sel, place = layout.chart_places(ctx)
by_place = metrics.execution_by_gemeente(sel)
shown = metrics.execution_by_gemeente(chart_sel) if place == "provincie" else by_place
layout.chart(
    ctx,
    charts.deferred(charts.execution_rate_bars, shown, lang=lang, place=place),
    finding=findings.execution(by_place, lang),
    table=shown,
    columns={"gemeente_naam": f"column.{place}"} | layout.RATE_COLUMNS,
    key="uitvoering_per_gemeente",
)

st.subheader(t("execution.by_thema", lang))
by_theme = metrics.execution_by_theme(sel, lang)
layout.chart(
    ctx,
    charts.deferred(charts.execution_rate_bars, by_theme, lang=lang, label_field="thema_naam"),
    finding=findings.execution_by_theme(by_theme, lang),
    table=by_theme,
    columns={"thema_naam": "column.thema"} | layout.RATE_COLUMNS,
    key="uitvoering_per_thema",
)

st.subheader(t("execution.status_by_gemeente", lang))
layout.province_note(ctx, place)
mix = metrics.status_mix(chart_sel, lang)
layout.chart(
    ctx,
    charts.deferred(charts.status_stacked_bars, mix, lang=lang, place=place),
    finding=findings.status(mix, lang),
    table=mix,
    columns={
        "gemeente_naam": f"column.{place}",
        "status_naam": "column.status",
        "n": "column.n_interventies",
    },
    key="uitvoering_status",
)

st.subheader(t("execution.trend.title", lang))
trend = cache.execution_trend(ctx.data, ctx.filters)
if trend.is_empty():
    st.info(t("execution.trend.none", lang))
else:
    st.caption(t("execution.trend.explanation", lang))
    layout.chart(
        ctx,
        charts.deferred(charts.trend_chart, trend, lang=lang),
        finding=findings.trend(trend, lang),
        table=trend,
        columns={"periode": "column.period"} | layout.RATE_COLUMNS,
        key="uitvoering_trend",
    )
layout.footer(ctx)
