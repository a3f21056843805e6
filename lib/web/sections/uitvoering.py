"""Uitvoering: execution rates against the practice-scan reference, status mix and trend."""

from __future__ import annotations

import streamlit as st

from lib.domain import metrics
from lib.domain.selection import Place, Selection
from lib.text import findings, labels
from lib.text.i18n import t
from lib.viz import charts, time_charts, vega
from lib.web import cache, layout
from lib.web.state import Context


def per_gemeente(ctx: Context) -> tuple[Selection, Place]:
    """The execution rate per municipality (per province above the limit); returns the
    selection the chart used and what a row is, for ``status``."""
    lang = ctx.lang
    st.caption(t("notice.unreliable", lang))
    if ctx.filters.statussen:
        st.info(t("chart.status_ignored", lang), icon=":material/info:")
    st.subheader(t("execution.by_gemeente", lang))
    chart_sel, place = layout.chart_places(ctx)
    by_place = metrics.execution_by_gemeente(ctx.selection)
    shown = metrics.execution_by_gemeente(chart_sel) if place == "provincie" else by_place
    layout.chart(
        ctx,
        vega.deferred(charts.execution_rate_bars, shown, lang=lang, place=place),
        finding=findings.execution(by_place, lang),
        table=shown,
        columns={"gemeente_naam": f"column.{place}"} | layout.RATE_COLUMNS,
        key="uitvoering_per_gemeente",
    )
    layout.without_interventions(ctx)
    return chart_sel, place


def per_theme(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("execution.by_thema", lang))
    by_theme = labels.named_theme_rates(
        metrics.execution_by_theme(ctx.selection), lang, ctx.data.themas
    )
    layout.chart(
        ctx,
        vega.deferred(charts.execution_rate_bars, by_theme, lang=lang, label_field="thema_naam"),
        finding=findings.execution_by_theme(by_theme, lang),
        table=by_theme,
        columns={"thema_naam": "column.thema"} | layout.RATE_COLUMNS,
        key="uitvoering_per_thema",
    )


def status(ctx: Context, chart_sel: Selection, place: Place) -> None:
    lang = ctx.lang
    st.subheader(t("execution.status_by_gemeente", lang))
    layout.province_note(ctx, place)
    mix = labels.with_names(metrics.status_mix(chart_sel), lang)
    layout.chart(
        ctx,
        vega.deferred(charts.status_stacked_bars, mix, lang=lang, place=place),
        finding=findings.status(mix, lang),
        table=mix,
        columns={
            "gemeente_naam": f"column.{place}",
            "status_naam": "column.status",
            "n": "column.n_interventies",
        },
        key="uitvoering_status",
    )
    layout.without_interventions(ctx)


def trend(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("execution.trend.title", lang))
    frame = cache.execution_trend(ctx.data, ctx.filters)
    if frame.is_empty():
        st.info(t("execution.trend.none", lang))
        return
    st.caption(t("execution.trend.explanation", lang))
    layout.chart(
        ctx,
        vega.deferred(time_charts.trend_chart, frame, lang=lang),
        finding=findings.trend(frame, lang),
        table=frame,
        columns={"periode": "column.period"} | layout.RATE_COLUMNS,
        key="uitvoering_trend",
    )
