"""Thema's: interventions by theme, by municipality and theme, and by target group."""

import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import charts
from lib.web import layout

ctx = layout.context()
layout.page_header(ctx, "themes.title", "themes.intro")
layout.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang

st.subheader(t("themes.by_thema", lang))
counts = metrics.theme_counts(sel, lang)
layout.chart(
    ctx,
    charts.deferred(charts.theme_bars, counts, lang=lang),
    finding=findings.themes(counts, lang),
    table=counts,
    columns={"thema_naam": "column.thema", "n": "column.n_interventies"},
    key="themas_per_thema",
)

st.subheader(t("themes.by_gemeente", lang))
chart_sel, place = layout.chart_places(ctx)
grid = metrics.theme_by_gemeente(sel, lang)
shown = metrics.theme_by_gemeente(chart_sel, lang) if place == "provincie" else grid
layout.chart(
    ctx,
    charts.deferred(charts.theme_heatmap, shown, lang=lang, place=place),
    finding=findings.theme_by_gemeente(grid, lang),
    table=shown,
    columns={
        "gemeente_naam": f"column.{place}",
        "thema_naam": "column.thema",
        "n": "column.n_interventies",
    },
    key="themas_per_gemeente",
)

st.subheader(t("themes.by_target_group", lang))
groups = metrics.target_group_counts(sel, lang)
layout.chart(
    ctx,
    charts.deferred(charts.target_group_bars, groups, lang=lang),
    finding=findings.target_groups(groups, lang),
    table=groups,
    columns={"doelgroep_naam": "column.target_group", "n": "column.n_interventies"},
    key="themas_doelgroep",
)
layout.footer(ctx)
