"""Charts over time: the execution rate per reporting period, and the rollout timeline.
Frame in, Altair chart out, like ``lib.viz.charts``."""

from __future__ import annotations

from typing import Final

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.domain.metrics import REFERENCE_RATE
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.viz import palette
from lib.viz.charts import (
    UNRELIABLE_MARK,
    localised,
    reference_label,
    with_text,
)

TIMELINE_WIDTH: Final = 640


TIMELINE_HEIGHT: Final = 260


def trend_chart(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.execution_trend``: the execution rate per period as a line with points, and
    the practice-scan reference; points over fewer than 5 interventions are grey and marked."""
    data = frame.sort("periode")
    reliable = [bool(v) for v in data.get_column("betrouwbaar").to_list()]
    marks = ["" if ok else UNRELIABLE_MARK for ok in reliable]
    data = with_text(
        data,
        "rate_tekst",
        [
            fmt_pct(r, lang) + m
            for r, m in zip(data.get_column("rate").to_list(), marks, strict=True)
        ],
    )
    data = with_text(data, "kleur", [palette.NEUTRAL if ok else palette.GREY for ok in reliable])
    title, period = t("column.execution_rate", lang), t("column.period", lang)
    y = alt.Y("rate:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title=title)
    x = alt.X("periode:O", title=period, axis=alt.Axis(labelAngle=-45))
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(color=palette.NEUTRAL, strokeWidth=2)
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        color=alt.Color("kleur:N", scale=None, legend=None),
        tooltip=[
            alt.Tooltip("periode:N", title=period),
            alt.Tooltip("rate_tekst:N", title=title),
            alt.Tooltip("uitgevoerd:Q", title=t("column.carried_out", lang), format="d"),
            alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
        ],
    )
    reference = alt.Chart(
        alt.InlineData(values=[{"referentie": REFERENCE_RATE, "label": reference_label(lang)}])
    ).encode(y=alt.Y("referentie:Q", title=title))
    rule = reference.mark_rule(color=palette.TEXT, strokeDash=[6, 4], size=2).encode(
        tooltip=[alt.Tooltip("label:N", title=t("column.reference", lang))]
    )
    label = reference.mark_text(align="left", baseline="bottom", dy=-4, color=palette.TEXT).encode(
        x=alt.value(4), text=alt.Text("label:N")
    )
    chart = alt.LayerChart(layer=[line, points, rule, label]).properties(
        width=TIMELINE_WIDTH, height=TIMELINE_HEIGHT
    )
    return localised(chart, lang, data)


def _iso_date(column: str) -> pl.Expr:
    """``2021`` -> ``2021-01-01``, ``2020-06`` -> ``2020-06-01``: the start of the period."""
    text = pl.col(column).cast(pl.String)
    return (
        pl.when(text.str.len_chars() == 4)
        .then(text + "-01-01")
        .when(text.str.len_chars() == 7)
        .then(text + "-01")
        .otherwise(text)
    )


def timeline_chart(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.timeline``: a numbered point per event on a time axis (the number leads to the
    event's text in the list beside the chart and in the tooltip), and a step line of the
    number of municipalities, carried on from the last count the sources give to the last
    event."""
    known = pl.col("aantal_gemeenten").is_not_null()
    level = pl.col("aantal_gemeenten").forward_fill()
    previous = level.shift(1)
    data = frame.sort("nr").with_columns(
        _iso_date("datum").alias("datum_iso"),
        level.alias("lijn"),
        level.fill_null(0).alias("niveau"),
        (known & (previous.is_null() | (pl.col("aantal_gemeenten") != previous)))
        .fill_null(False)
        .alias("verandering"),
    )
    levels = data.get_column("niveau").to_list()
    data = with_text(data, "niveau_tekst", [fmt_int(v, lang) for v in levels])
    data = with_text(data, "niveau_label", [t("count.gemeenten", lang, n=int(v)) for v in levels])
    x_title, y_title = t("column.date", lang), t("column.n_gemeenten", lang)
    x = alt.X(
        "datum_iso:T",
        scale=alt.Scale(type="utc", nice="year"),
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
        title=x_title,
    )
    y = alt.Y("niveau:Q", title=y_title, axis=alt.Axis(format="d"))
    base = alt.Chart().encode(x=x)
    line = (
        base.mark_line(interpolate="step-after", color=palette.NEUTRAL, strokeWidth=2)
        .transform_filter("datum.lijn != null")
        .encode(y=alt.Y("lijn:Q", title=y_title, axis=alt.Axis(format="d")))
    )
    tooltip = [
        alt.Tooltip("nr:Q", title=t("column.event_number", lang), format="d"),
        alt.Tooltip("datum:N", title=x_title),
        alt.Tooltip("gebeurtenis:N", title=t("column.event", lang)),
        alt.Tooltip("niveau_tekst:N", title=y_title),
    ]
    points = base.mark_point(
        filled=True, size=300, opacity=1, color=palette.NEUTRAL, stroke=palette.WHITE, strokeWidth=1
    ).encode(y=y, tooltip=tooltip)
    numbers = base.mark_text(
        baseline="middle", align="center", color=palette.WHITE, fontWeight="bold", fontSize=11
    ).encode(y=y, text=alt.Text("nr:Q", format="d"), tooltip=tooltip)
    counts = (
        base.mark_text(align="left", baseline="bottom", dx=-8, dy=-14, color=palette.TEXT)
        .transform_filter("datum.verandering")
        .encode(y=y, text=alt.Text("niveau_label:N"))
    )
    chart = alt.LayerChart(layer=[line, points, numbers, counts]).properties(
        width=TIMELINE_WIDTH, height=TIMELINE_HEIGHT
    )
    return localised(chart, lang, data)
