"""Risicofactoren: coverage heatmap, strong-evidence gaps and protective factors used."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts
from lib.web import layout

ctx = layout.context()
layout.page_header(ctx, "risk_factors.title", "risk_factors.intro")
layout.partial_factors_note(ctx)
layout.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang

st.subheader(t("risk_factors.heatmap", lang))
chart_sel, place = layout.chart_places(ctx)
matrix = metrics.coverage_matrix(chart_sel, lang)
layout.chart(
    ctx,
    charts.deferred(charts.coverage_heatmap, matrix, lang=lang, place=place),
    finding=findings.coverage(metrics.headline(sel), lang),
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

st.subheader(t("risk_factors.gaps", lang))
layout.gap_list(ctx, metrics.gaps(sel, lang))

st.subheader(t("risk_factors.protective", lang))
layout.protective_table(ctx, metrics.protective_used(sel, lang))
layout.footer(ctx)
