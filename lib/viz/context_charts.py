"""Charts of the Context page: registered offences per 1,000 inhabitants over the years, and
the share of young inhabitants per group. Frame in, Altair chart out, like ``lib.viz.charts``.

Both take a frame of ``lib.domain.context_figures`` with ``reeks_naam``
(``lib.text.context.with_series_names``). Each series keeps one colour and one point shape on
every chart of the page (``series_styles``), so a named municipality is the same mark in the
trend and in the age chart; colour is never the only cue (shape, legend, tooltip, table).

The trend draws what is known and nothing else: a year without a rate has no point and the
line has a gap there; a rate that uses the population of another year is a dashed segment; a
band marks the provisional years.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Final

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.text.context import rate, share_points
from lib.text.formats import fmt_int
from lib.text.i18n import t
from lib.viz import palette
from lib.viz.charts import localised

GROUP_COLOURS: Final[Mapping[str, str]] = {
    "selectie": palette.BLUE,
    "rest_van_nederland": palette.TEXT,
    "vergelijkingsgroep": palette.GREEN,
    "nederland": "#5A5A5A",
}
PLACE_COLOURS: Final[tuple[str, ...]] = (
    palette.VERMILLION,
    palette.PURPLE,
    palette.OCHRE,
    "#882255",  # Tol's wine (8.7:1 on white): sky blue would look like the selection's blue
)
GROUP_SHAPES: Final[Mapping[str, str]] = {
    "selectie": "circle",
    "rest_van_nederland": "square",
    "vergelijkingsgroep": "diamond",
    "nederland": "cross",
}
PLACE_SHAPES: Final[tuple[str, ...]] = (
    "triangle-up",
    "triangle-down",
    "triangle-right",
    "triangle-left",
)
SOLID: Final[list[int]] = [1, 0]
DASHED: Final[list[int]] = [6, 4]
TREND_WIDTH: Final = 640
TREND_HEIGHT: Final = 320
BAR_STEP: Final = 30
LEGEND_ROW: Final = 22  # pixels per line of a legend
AXIS_ROOM: Final = 80  # pixels for the year labels and the axis title


def series_styles(frame: pl.DataFrame) -> dict[str, tuple[str, str]]:
    """``reeks_naam`` -> (colour, shape) for every series of ``frame``, in its order: a group
    has its own colour and shape; named municipalities take the next free ones."""
    styles: dict[str, tuple[str, str]] = {}
    places = 0
    seen = frame.select("reeks", "reeks_naam", "soort_reeks").unique(maintain_order=True)
    for reeks, name, kind in seen.iter_rows():
        if kind == "groep":
            styles[name] = (GROUP_COLOURS[reeks], GROUP_SHAPES[reeks])
        else:
            at = places % len(PLACE_COLOURS)
            styles[name] = (PLACE_COLOURS[at], PLACE_SHAPES[at])
            places += 1
    return styles


def _scale(styles: Mapping[str, tuple[str, str]], index: int) -> alt.Scale:
    return alt.Scale(domain=list(styles), range=[style[index] for style in styles.values()])


def _segments(frame: pl.DataFrame, own: str, other: str) -> list[dict[str, Any]]:
    """One pair of rows per line piece between two following years that both have a rate;
    a piece is dashed (``other``) when either end uses the population of another year."""
    rows: list[dict[str, Any]] = []
    known = frame.filter(pl.col("per_1000").is_not_null()).sort(
        "reeks", "jaar", maintain_order=True
    )
    for (reeks,), part in known.group_by("reeks", maintain_order=True):
        points = part.sort("jaar").to_dicts()
        for a, b in itertools.pairwise(points):
            if b["jaar"] != a["jaar"] + 1:
                continue  # a gap stays a gap
            kind = other if a["geleend"] or b["geleend"] else own
            for end in (a, b):
                rows.append(
                    {
                        "stuk": f"{reeks}|{a['jaar']}",
                        "reeks_naam": end["reeks_naam"],
                        "jaar": end["jaar"],
                        "per_1000": end["per_1000"],
                        "inwoners_van": kind,
                    }
                )
    return rows


def _point_rows(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    known = frame.filter(pl.col("per_1000").is_not_null())
    yes, no = t("word.yes", lang), t("word.no", lang)
    return known.select(
        "reeks_naam",
        "jaar",
        "per_1000",
        "voorlopig",
        pl.Series([rate(v, lang) for v in known.get_column("per_1000").to_list()]).alias("tt_rate"),
        pl.Series([fmt_int(v, lang) for v in known.get_column("geregistreerd").to_list()]).alias(
            "tt_n"
        ),
        pl.Series(
            [
                f"{fmt_int(n, lang)} ({y})"
                for n, y in known.select("inwoners", "bevolking_peiljaar").iter_rows()
            ]
        ).alias("tt_inwoners"),
        pl.Series([yes if v else no for v in known.get_column("voorlopig").to_list()]).alias(
            "tt_voorlopig"
        ),
    )


def _band(years: Sequence[int], lang: Lang) -> list[alt.Chart]:
    """A light band behind the provisional years, with its label at the top."""
    if not years:
        return []
    low, high = min(years) - 0.5, max(years) + 0.5
    band = alt.Chart(
        alt.InlineData(
            values=[
                {
                    "van": low,
                    "tot": high,
                    "midden": (low + high) / 2,
                    "label": t("context.trend.provisional", lang),
                }
            ]
        )
    )
    rect = band.mark_rect(color=palette.LIGHT).encode(x=alt.X("van:Q"), x2=alt.X2("tot:Q"))
    label = band.mark_text(baseline="bottom", dy=-4, color=palette.TEXT).encode(
        x=alt.X("midden:Q"), y=alt.datum(0), text=alt.Text("label:N")
    )
    return [rect, label]


def trend_chart(
    frame: pl.DataFrame, *, lang: Lang, years: Sequence[int], provisional: Sequence[int] = ()
) -> alt.LayerChart:
    """``context_figures.trend`` with ``reeks_naam``: a line per series over ``years`` (solid
    with the population of the same year, dashed with another year's), a point per known
    rate (hollow when provisional), and a band behind the ``provisional`` years."""
    styles = series_styles(frame)
    own, other = t("context.trend.own_year", lang), t("context.trend.other_year", lang)
    x_title, y_title = t("context.trend.axis_year", lang), t("context.trend.axis_rate", lang)
    x = alt.X(
        "jaar:Q",
        title=x_title,
        scale=alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5], nice=False, zero=False),
        axis=alt.Axis(format="d", values=list(years), labelAngle=-45, grid=False),
    )
    y = alt.Y("per_1000:Q", title=y_title, axis=alt.Axis(format=".2~f"))
    series = t("context.trend.series", lang)
    legend = alt.Legend(title=series, orient="bottom", columns=1, labelLimit=300)
    lines = (
        alt.Chart(alt.InlineData(values=_segments(frame, own, other)))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color("reeks_naam:N", scale=_scale(styles, 0), legend=legend),
            strokeDash=alt.StrokeDash(
                "inwoners_van:N",
                scale=alt.Scale(domain=[own, other], range=[SOLID, DASHED]),
                legend=alt.Legend(
                    title=t("context.trend.population", lang),
                    orient="top",
                    symbolStrokeColor=palette.TEXT,
                    symbolType="stroke",
                ),
            ),
            detail="stuk:N",
        )
    )
    points = (
        alt.Chart()
        .mark_point(filled=True, size=70, strokeWidth=2, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color("reeks_naam:N", scale=_scale(styles, 0), legend=legend),
            shape=alt.Shape("reeks_naam:N", scale=_scale(styles, 1), legend=legend),
            fill=alt.condition(
                "datum.voorlopig",
                alt.value(palette.WHITE),
                alt.Fill("reeks_naam:N", scale=_scale(styles, 0), legend=None),
            ),
            stroke=alt.Stroke("reeks_naam:N", scale=_scale(styles, 0), legend=None),
            tooltip=[
                alt.Tooltip("reeks_naam:N", title=series),
                alt.Tooltip("jaar:O", title=x_title),
                alt.Tooltip("tt_rate:N", title=y_title),
                alt.Tooltip("tt_n:N", title=t("context.column.registered", lang)),
                alt.Tooltip("tt_inwoners:N", title=t("context.column.population_year", lang)),
                alt.Tooltip("tt_voorlopig:N", title=t("context.column.provisional", lang)),
            ],
        )
    )
    # The page fits the whole chart, legends included, into its width and height: the height
    # leaves TREND_HEIGHT for the data after the legends and the axis.
    chart = alt.LayerChart(layer=[*_band(provisional, lang), lines, points]).properties(
        width=TREND_WIDTH, height=TREND_HEIGHT + LEGEND_ROW * (len(styles) + 4) + AXIS_ROOM
    )
    return localised(chart, lang, _point_rows(frame, lang))


def age_chart(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``context_figures.age_groups`` with ``reeks_naam``: a bar per series with the share of
    inhabitants aged 15-25 written at its end (groups with one decimal, a municipality in the
    whole percentage CBS gives)."""
    styles = series_styles(frame)
    known = frame.filter(pl.col("pct_15_25").is_not_null())
    texts = [
        share_points(v, lang, decimals=0 if kind == "gemeente" else 1)
        for v, kind in known.select("pct_15_25", "soort_reeks").iter_rows()
    ]
    data = known.select(
        "reeks_naam",
        (pl.col("pct_15_25") / 100).alias("aandeel"),
        pl.Series("tekst", texts, dtype=pl.String),
        pl.Series([fmt_int(v, lang) for v in known.get_column("inwoners").to_list()]).alias(
            "tt_inwoners"
        ),
    )
    title = t("context.population.axis", lang)
    order = list(styles)
    y = alt.Y("reeks_naam:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    base = alt.Chart().encode(
        y=y,
        x=alt.X("aandeel:Q", title=title, axis=alt.Axis(format=".0%")),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("reeks_naam:N", scale=_scale(styles, 0), legend=None),
        tooltip=[
            alt.Tooltip("reeks_naam:N", title=t("context.column.series", lang)),
            alt.Tooltip("tekst:N", title=title),
            alt.Tooltip("tt_inwoners:N", title=t("column.population", lang)),
        ],
    )
    labels = base.mark_text(align="left", dx=4, color=palette.TEXT).encode(text="tekst:N")
    chart = alt.LayerChart(layer=[bars, labels]).properties(width=480, height=alt.Step(BAR_STEP))
    return localised(chart, lang, data)
