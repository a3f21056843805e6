"""Risicofactoren: coverage heatmap, strong-evidence gaps and the protective factors used."""

from __future__ import annotations

import streamlit as st

from lib.domain import coverage, metrics
from lib.text import findings, labels
from lib.text.i18n import t
from lib.viz import heatmaps, vega
from lib.web import cache, downloads, layout
from lib.web.state import Context


def partial_factors_note(ctx: Context) -> None:
    data, lang = ctx.data, ctx.lang
    shown = data.factoren.group_by("soort").len()
    count = dict(shown.iter_rows())
    st.info(
        t(
            "risk_factors.partial_sources",
            lang,
            risico=t("count.risk_factors", lang, n=data.kerncijfer("risicofactoren_synthese")),
            beschermend=t(
                "count.protective_factors",
                lang,
                n=data.kerncijfer("beschermende_factoren_synthese"),
            ),
            getoond_r=t("count.risk_factors", lang, n=count.get("risico", 0)),
            getoond_b=t("count.protective_factors", lang, n=count.get("beschermend", 0)),
        )
    )


def heatmap(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("risk_factors.heatmap", lang))
    chart_sel, place = layout.chart_places(ctx)
    grid = cache.derived(
        ctx.data, ctx.filters, "coverage_matrix", lambda: coverage.coverage_matrix(chart_sel)
    )
    matrix = labels.named_coverage(grid, lang, ctx.data.factoren)
    head = cache.derived(ctx.data, ctx.filters, "headline", lambda: metrics.headline(ctx.selection))
    layout.chart(
        ctx,
        vega.deferred(heatmaps.coverage_heatmap, matrix, lang=lang, place=place),
        finding=findings.coverage(head, lang),
        table=matrix,
        columns={
            "factor_naam": "column.factor",
            "domein_naam": "column.domain",
            "bewijs_naam": "column.evidence",
            "gemeente_naam": f"column.{place}",
            "n": "column.n_interventies",
        },
        key="risico_heatmap",
    )
    layout.without_interventions(ctx)


def gaps(ctx: Context) -> None:
    """Strong-evidence gaps, each with its explanation and source (plain text, no HTML)."""
    lang = ctx.lang
    st.subheader(t("risk_factors.gaps", lang))
    found = cache.derived(ctx.data, ctx.filters, "gaps", lambda: coverage.gaps(ctx.selection))
    frame = labels.named_gaps(found, lang, ctx.data.factoren)
    layout.finding(ctx, findings.gaps(frame, lang))
    for row in frame.iter_rows(named=True):
        st.markdown(
            f"- **{row['factor_naam']}** ({row['bewijs_naam'].lower()}, "
            f"{row['domein_naam'].lower()}): {row['uitleg']}  \n"
            f"  {t('column.source', lang)}: {row['bronnen']}"
        )


def protective(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("risk_factors.protective", lang))
    used = cache.derived(
        ctx.data, ctx.filters, "protective_used", lambda: coverage.protective_used(ctx.selection)
    )
    frame = labels.named_protective(used, lang, ctx.data.factoren)
    layout.finding(ctx, findings.protective(frame, lang))
    columns = {
        "factor_naam": "column.factor",
        "domein_naam": "column.domain",
        "n_interventies": "column.n_interventies",
        "n_gemeenten": "column.n_gemeenten",
    }
    layout.table(ctx, frame, columns)
    downloads.table_downloads(ctx, frame, columns, key="beschermend")
