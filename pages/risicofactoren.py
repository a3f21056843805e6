"""Risicofactoren: coverage heatmap, strong-evidence gaps and protective factors used."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts, vega
from lib.web import layout

ctx = layout.context()
layout.page_header(ctx, "risico.titel", "risico.intro")
layout.partial_factors_note(ctx)
layout.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang

st.subheader(t("risico.heatmap", lang))
chart_sel, place = layout.chart_places(ctx)
matrix = metrics.coverage_matrix(chart_sel, lang)
layout.chart(
    ctx,
    vega.deferred(charts.coverage_heatmap, matrix, lang=lang, place=place),
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
layout.gap_list(ctx, metrics.gaps(sel, lang))

st.subheader(t("risico.beschermend", lang))
layout.protective_table(ctx, metrics.protective_used(sel, lang))
layout.footer(ctx)
