"""Risicofactoren: coverage heatmap, strong-evidence gaps and the protective factors used."""

from __future__ import annotations

import polars as pl
import streamlit as st

from lib.domain import metrics
from lib.text import findings
from lib.text.i18n import t
from lib.viz import heatmaps, vega
from lib.web import downloads, layout
from lib.web.state import Context


def partial_factors_note(ctx: Context) -> None:
    """Only part of the synthesis' risk and protective factors is public: say how much."""
    data, lang = ctx.data, ctx.lang
    count = dict(data.factoren.group_by("soort").len().iter_rows())
    st.info(
        t(
            "risico.deel",
            lang,
            risico=data.kerncijfer("risicofactoren_synthese"),
            beschermend=data.kerncijfer("beschermende_factoren_synthese"),
            getoond_r=count.get("risico", 0),
            getoond_b=count.get("beschermend", 0),
        )
    )


def heatmap(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("risico.heatmap", lang))
    chart_sel, place = layout.chart_places(ctx)
    matrix = metrics.coverage_matrix(chart_sel, lang)
    layout.chart(
        ctx,
        vega.deferred(heatmaps.coverage_heatmap, matrix, lang=lang, place=place),
        finding=findings.coverage(metrics.headline(ctx.selection), lang),
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


def gaps(ctx: Context) -> None:
    """Strong-evidence gaps, each with its explanation and source (plain text, no HTML)."""
    lang = ctx.lang
    st.subheader(t("risico.gaten", lang))
    frame: pl.DataFrame = metrics.gaps(ctx.selection, lang)
    layout.finding(ctx, findings.gaps(frame, lang))
    for row in frame.iter_rows(named=True):
        st.markdown(
            f"- **{row['factor_naam']}** ({row['bewijs_naam'].lower()}, "
            f"{row['domein_naam'].lower()}): {row['uitleg']}  \n"
            f"  {t('as.bron', lang)}: {row['bronnen']}"
        )


def protective(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("risico.beschermend", lang))
    frame = metrics.protective_used(ctx.selection, lang)
    layout.finding(ctx, findings.protective(frame, lang))
    columns = {
        "factor_naam": "as.factor",
        "domein_naam": "as.domein",
        "n_interventies": "as.aantal",
        "n_gemeenten": "as.n_gemeenten",
    }
    layout.table(ctx, frame, columns)
    downloads.table_downloads(ctx, frame, columns, key="beschermend")
