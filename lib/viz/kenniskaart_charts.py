"""The charts of the Kenniskaart: reach per life domain or target group, and the balance of the
two pillars. Polars frame in, Altair chart out, like ``lib.viz.charts``."""

from __future__ import annotations

from typing import Final

import altair as alt
import polars as pl

from lib.contract.codes import PIJLERS, Lang
from lib.text.formats import fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import palette
from lib.viz.charts import localised

PILLAR_COLOURS: Final[dict[str, str]] = {
    "perspectief": palette.BLUE,
    "grenzen": palette.VERMILLION,
    "verbindend": palette.PURPLE,
}


BAR_WIDTH: Final = 420


BAR_STEP: Final = 26


def reach_bars(frame: pl.DataFrame, name: str, title: str, lang: Lang) -> alt.LayerChart:
    """Bars of ``n`` per row of a profile frame; rows nothing covers say so in text."""
    not_reached = t("kenniskaart.not_reached", lang)
    data = frame.with_columns(
        pl.when(pl.col("gedekt"))
        .then(pl.lit(palette.COVERED))
        .otherwise(pl.lit(palette.GREY))
        .alias("kleur"),
        pl.when(pl.col("gedekt"))
        .then(pl.col("n").cast(pl.String))
        .otherwise(pl.lit(not_reached))
        .alias("label"),
    )
    base = alt.Chart().encode(
        y=alt.Y(f"{name}:N", sort=data.get_column(name).to_list(), title=title),
        x=alt.X(
            "n:Q", axis=alt.Axis(format="d", tickMinStep=1), title=t("column.n_interventies", lang)
        ),
        tooltip=[
            alt.Tooltip(f"{name}:N", title=title),
            alt.Tooltip("label:N", title=t("column.n_interventies", lang)),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("kleur:N", scale=None, legend=None))
    text = base.mark_text(align="left", dx=4, color=palette.TEXT).encode(text="label:N")
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP)
    )
    return localised(chart, lang, data)


def pillar_bars(frame: pl.DataFrame, lang: Lang) -> alt.LayerChart:
    """Stacked 100 % bars: one per group (``groep_naam``), the share of each pillar printed in
    its part."""
    names = [code_label("pijler", code, lang) for code in PIJLERS]
    colours = [PILLAR_COLOURS[code] for code in PIJLERS]
    data = (
        frame.filter(pl.col("aandeel").is_not_null())
        .sort("groep_volgorde", "pijler_volgorde")
        .with_columns(
            (pl.col("aandeel").cum_sum().over("groep_volgorde") - pl.col("aandeel") / 2).alias(
                "midden"
            ),
            pl.col("aandeel")
            .map_elements(lambda v: fmt_pct(v, lang, decimals=0), return_dtype=pl.String)
            .alias("pct"),
        )
    )
    groups = list(dict.fromkeys(data.get_column("groep_naam").to_list()))
    title = t("column.share", lang)
    base = alt.Chart().encode(
        y=alt.Y("groep_naam:N", sort=groups, title=t("column.comparison", lang)),
        tooltip=[
            alt.Tooltip("groep_naam:N", title=t("column.comparison", lang)),
            alt.Tooltip("pijler_naam:N", title=t("column.pillar", lang)),
            alt.Tooltip("pct:N", title=title),
            alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
        ],
    )
    bars = base.mark_bar(stroke=palette.WHITE, strokeWidth=1).encode(
        x=alt.X("aandeel:Q", stack="zero", axis=alt.Axis(format="%"), title=title),
        color=alt.Color(
            "pijler_naam:N",
            scale=alt.Scale(domain=names, range=colours),
            title=t("column.pillar", lang),
            legend=alt.Legend(orient="bottom", direction="horizontal"),
        ),
        order=alt.Order("pijler_volgorde:Q", sort="ascending"),
    )
    text = (
        base.transform_filter("datum.aandeel >= 0.06")
        .mark_text(color=palette.WHITE)
        .encode(x=alt.X("midden:Q", title=title), text="pct:N")
    )
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP * 1.4)
    )
    return localised(chart, lang, data)
