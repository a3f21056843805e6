"""Overzicht: headline figures, comparison with the wave, rollout timeline, lessons, data status."""

from __future__ import annotations

import polars as pl
import streamlit as st

from lib.domain import metrics
from lib.text import findings, labels
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.viz import charts, time_charts, vega
from lib.web import cache, downloads, layout
from lib.web.state import Context


def headline(ctx: Context) -> None:
    """The four headline figures of the selection, each under the rule of what it counts."""
    lang = ctx.lang
    head = cache.derived(ctx.data, ctx.filters, "headline", lambda: metrics.headline(ctx.selection))
    rate = fmt_pct(head.rate, lang) + ("" if head.betrouwbaar or head.rate is None else "*")
    cols = st.columns(4)
    cols[0].metric(t("kpi.gemeenten", lang), fmt_int(head.n_gemeenten, lang))
    cols[0].caption(t("kpi.with_interventions", lang, n=head.n_met_interventies))
    one_off = metrics.one_off_count(ctx.selection)
    if one_off:
        cols[0].caption(t("kpi.one_off", lang, n=one_off))
    cols[1].metric(t("kpi.interventies", lang), fmt_int(head.n_interventies, lang))
    cols[2].metric(
        t("kpi.execution_rate.label", lang), rate, help=t("kpi.execution_rate.help", lang)
    )
    if head.status_ignored:
        cols[2].caption(t("kpi.execution_rate.all_statuses", lang, n=head.rate_n))
    coverage = (
        t("kpi.coverage.value", lang, gedekt=head.gedekt, totaal=head.totaal_sterk)
        if head.n_interventies
        else t("word.unknown", lang)  # no interventions: nothing to cover, not "0 of 7"
    )
    cols[3].metric(t("kpi.coverage.label", lang), coverage, help=t("kpi.coverage.help", lang))
    if ctx.selection.illustrative:
        st.caption(t("kpi.illustrative", lang))


def comparison(ctx: Context) -> None:
    st.subheader(t("overview.comparison", ctx.lang))
    compared = labels.with_names(
        cache.derived(
            ctx.data,
            ctx.filters,
            "compare_with_wave",
            lambda: metrics.compare_with_wave(ctx.data, ctx.filters),
        ),
        ctx.lang,
    )
    layout.chart(
        ctx,
        vega.deferred(charts.comparison_bars, compared, lang=ctx.lang),
        finding=findings.comparison(compared, ctx.lang),
        table=compared,
        columns=layout.RATE_COLUMNS | {"groep_naam": "column.comparison"},
        key="overzicht_vergelijk",
    )


def timeline(ctx: Context) -> None:
    st.subheader(t("overview.timeline", ctx.lang))
    frame = labels.in_language(metrics.timeline(ctx.data), ctx.lang, "gebeurtenis")
    layout.chart(
        ctx,
        vega.deferred(time_charts.timeline_chart, frame, lang=ctx.lang),
        finding=findings.timeline(frame, ctx.lang),
        table=frame,
        columns={
            "nr": "column.event_number",
            "datum": "column.date",
            "gebeurtenis": "column.event",
            "aantal_gemeenten": "column.n_gemeenten",
            "bron": "column.source",
        },
        key="overzicht_tijdlijn",
        illustrative=False,
        numbered=labels.timeline_events(frame, ctx.lang),
    )


def lessons(ctx: Context) -> None:
    st.subheader(t("overview.lessons", ctx.lang))
    frame = labels.in_language(
        labels.with_names(metrics.lessons(ctx.data), ctx.lang), ctx.lang, "tekst"
    )
    for (product,), group in frame.group_by("product_naam", maintain_order=True):
        st.markdown(f"**{product}**")
        st.markdown("\n".join(f"- {text}" for text in group.get_column("tekst").to_list()))


def data_status(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("overview.data_status", lang))
    rows = [
        {
            "tabel": r.title,
            "status": t(f"data_status.{r.status}", lang),
            "rijen": r.rows,
            "datum": r.date,
        }
        for r in ctx.data.provenance.resources.values()
    ]
    frame = pl.DataFrame(rows)
    columns = {
        "tabel": "column.table",
        "status": "column.status",
        "rijen": "column.rows",
        "datum": "column.date",
    }
    layout.table(ctx, frame, columns)
    downloads.table_downloads(ctx, frame, columns, key="datastatus")
