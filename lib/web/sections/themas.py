"""Thema's: interventions by theme, by municipality and theme, and by target group."""

from __future__ import annotations

import streamlit as st

from lib.domain import metrics
from lib.text import findings, labels
from lib.text.i18n import t
from lib.viz import charts, heatmaps, vega
from lib.web import layout
from lib.web.state import Context


def per_theme(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("themes.by_thema", lang))
    counts = labels.named_theme_counts(metrics.theme_counts(ctx.selection), lang, ctx.data.themas)
    layout.chart(
        ctx,
        vega.deferred(charts.theme_bars, counts, lang=lang),
        finding=findings.themes(counts, lang),
        table=counts,
        columns={"thema_naam": "column.thema", "n": "column.n_interventies"},
        key="themas_per_thema",
    )


def per_gemeente(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("themes.by_gemeente", lang))
    chart_sel, place = layout.chart_places(ctx)
    themas = ctx.data.themas
    grid = labels.with_names(metrics.theme_by_gemeente(ctx.selection), lang, themas=themas)
    shown = (
        labels.with_names(metrics.theme_by_gemeente(chart_sel), lang, themas=themas)
        if place == "provincie"
        else grid
    )
    layout.chart(
        ctx,
        vega.deferred(heatmaps.theme_heatmap, shown, lang=lang, place=place),
        finding=findings.theme_by_gemeente(grid, lang),
        table=shown,
        columns={
            "gemeente_naam": f"column.{place}",
            "thema_naam": "column.thema",
            "n": "column.n_interventies",
        },
        key="themas_per_gemeente",
    )
    layout.without_interventions(ctx)


def target_groups(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("themes.by_target_group", lang))
    groups = labels.with_names(metrics.target_group_counts(ctx.selection), lang)
    layout.chart(
        ctx,
        vega.deferred(charts.target_group_bars, groups, lang=lang),
        finding=findings.target_groups(groups, lang),
        table=groups,
        columns={"doelgroep_naam": "column.target_group", "n": "column.n_interventies"},
        key="themas_doelgroep",
    )
