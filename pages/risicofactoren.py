"""Risicofactoren: coverage heatmap, strong-evidence gaps and protective factors used."""

import streamlit as st

from lib import charts, findings, metrics, ui
from lib.i18n import t

ctx = ui.context()
ui.page_header(ctx, "risico.titel", "risico.intro")
ui.partial_factors_note(ctx)
ui.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang

st.subheader(t("risico.heatmap", lang))
chart_sel, place = ui.chart_places(ctx)
matrix = metrics.coverage_matrix(chart_sel, lang)
ui.chart(
    ctx,
    charts.deferred(charts.coverage_heatmap, matrix, lang=lang, place=place),
    finding=findings.coverage(metrics.headline(sel), lang),
    table=matrix,
    columns={
        "factor_naam": "as.factor",
        "domein_naam": "as.domein",
        "bewijs_naam": "as.bewijs",
        "gemeente_naam": f"as.{place}",
        "n": "as.aantal",
    },
    key="risico_heatmap",
)

st.subheader(t("risico.gaten", lang))
ui.gap_list(ctx, metrics.gaps(sel, lang))

st.subheader(t("risico.beschermend", lang))
ui.protective_table(ctx, metrics.protective_used(sel, lang))
ui.footer(ctx)
