"""Uitvoering: execution rates against the practice-scan reference, and the status mix."""

import streamlit as st

from lib import cache, charts, findings, metrics, ui
from lib.i18n import t

ctx = ui.context()
ui.page_header(ctx, "uitvoering.titel", "uitvoering.intro")
ui.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang
st.caption(t("onbetrouwbaar.uitleg", lang))

st.subheader(t("uitvoering.per_gemeente", lang))
chart_sel, place = ui.chart_places(ctx)
by_place = metrics.execution_by_gemeente(sel)
shown = metrics.execution_by_gemeente(chart_sel) if place == "provincie" else by_place
ui.chart(
    ctx,
    charts.deferred(charts.execution_rate_bars, shown, lang=lang, place=place),
    finding=findings.execution(by_place, lang),
    table=shown,
    columns={"gemeente_naam": f"as.{place}"} | ui.RATE_COLUMNS,
    key="uitvoering_per_gemeente",
)

st.subheader(t("uitvoering.per_thema", lang))
by_theme = metrics.execution_by_theme(sel, lang)
ui.chart(
    ctx,
    charts.deferred(charts.execution_rate_bars, by_theme, lang=lang, label_field="thema_naam"),
    finding=findings.execution_by_theme(by_theme, lang),
    table=by_theme,
    columns={"thema_naam": "as.thema"} | ui.RATE_COLUMNS,
    key="uitvoering_per_thema",
)

st.subheader(t("uitvoering.status", lang))
ui.province_note(ctx, place)
mix = metrics.status_mix(chart_sel, lang)
ui.chart(
    ctx,
    charts.deferred(charts.status_stacked_bars, mix, lang=lang, place=place),
    finding=findings.status(mix, lang),
    table=mix,
    columns={"gemeente_naam": f"as.{place}", "status_naam": "as.status", "n": "as.aantal"},
    key="uitvoering_status",
)

st.subheader(t("uitvoering.trend", lang))
trend = cache.execution_trend(ctx.data, ctx.filters)
if trend.is_empty():
    st.info(t("uitvoering.trend.geen", lang))
else:
    st.caption(t("uitvoering.trend.uitleg", lang))
    ui.chart(
        ctx,
        charts.deferred(charts.trend_chart, trend, lang=lang),
        finding=findings.trend(trend, lang),
        table=trend,
        columns={"periode": "as.periode"} | ui.RATE_COLUMNS,
        key="uitvoering_trend",
    )
ui.footer(ctx)
