"""Heatmaps: interventions per municipality and theme, and risk-factor coverage.

A cell with nothing in it is light grey with a dash, never a colour of the scale: zero and
unknown never look like a value. Frame in, Altair chart out, like ``lib.viz.charts``."""

from __future__ import annotations

import json
from typing import Final

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.domain.selection import Place
from lib.text.formats import fmt_int
from lib.text.i18n import t
from lib.viz import palette
from lib.viz.charts import (
    EMPTY_MARK,
    labels_of,
    localised,
    on_phone,
    top_value,
    with_text,
)

CELL_STEP: Final = 26


HEATMAP_COLUMN_STEP: Final = 48


COVERAGE_MAX_GRID_WIDTH: Final = 450


COVERAGE_MAX_COLUMN_STEP: Final = 30


COVERAGE_MIN_COLUMN_STEP: Final = 16


COVERAGE_ROW_STEP: Final = 22


COVERAGE_LABEL_LIMIT: Final = 340


def _count_classes(frame: pl.DataFrame, lang: Lang) -> tuple[pl.DataFrame, list[str]]:
    """Add the count class (label, fill, text colour) of each row; cells hold 1 or more."""
    breaks = palette.count_breaks(top_value(frame, "n"), start=1)
    labels = palette.class_labels(breaks, lang, share=False)
    classes = [palette.class_of(n, breaks) for n in frame.get_column("n").to_list()]
    fills = [palette.SEQUENTIAL_HEX[c] for c in classes]
    data = with_text(frame, "klasse", [labels[c] for c in classes])
    data = with_text(data, "tekstkleur", [palette.text_colour_on(f) for f in fills])
    return data, labels


def theme_heatmap(frame: pl.DataFrame, *, lang: Lang, place: Place = "gemeente") -> alt.LayerChart:
    """``metrics.theme_by_gemeente``: municipality x theme, colour and a printed count per cell.

    The colour classes are whole-number ranges (as on the map), listed in the legend.
    ``place="provincie"`` for the frame of ``metrics.by_province`` (the axis title changes).
    """
    data, labels = _count_classes(frame, lang)
    x = alt.X(
        "thema_naam:N",
        sort=sorted(set(labels_of(data, "thema_naam"))),
        title=t("column.thema", lang),
        # upright on a phone: slanted theme names would push the grid off the screen
        axis=alt.Axis(labelAngle=on_phone(-90, -40), labelLimit=300),
    )
    y = alt.Y(
        "gemeente_naam:N",
        sort=sorted(set(labels_of(data, "gemeente_naam"))),
        title=t(f"column.{place}", lang),
        axis=alt.Axis(labelLimit=on_phone(palette.PHONE_LABEL_LIMIT, 300)),
    )
    tooltip = [
        alt.Tooltip("gemeente_naam:N", title=t(f"column.{place}", lang)),
        alt.Tooltip("thema_naam:N", title=t("column.thema", lang)),
        alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
    ]
    base = alt.Chart().encode(x=x, y=y, tooltip=tooltip)
    cells = base.mark_rect(stroke=palette.WHITE, strokeWidth=1).encode(
        color=alt.Color(
            "klasse:N",
            scale=alt.Scale(domain=labels, range=list(palette.SEQUENTIAL_HEX)),
            sort=labels,
            title=t("column.n_interventies", lang),
            # under the grid, in rows: beside it, it would take the cells' room on a phone
            legend=alt.Legend(orient="bottom", direction="horizontal", columns=on_phone(3, 5)),
        )
    )
    counts = base.mark_text(baseline="middle").encode(
        text=alt.Text("n:Q", format="d"),
        color=alt.Color("tekstkleur:N", scale=None, legend=None),
    )
    chart: alt.LayerChart = (
        alt.LayerChart(layer=[cells, counts])
        .resolve_scale(color="independent")
        .properties(width=alt.Step(HEATMAP_COLUMN_STEP), height=alt.Step(CELL_STEP))
    )
    return localised(chart, lang, data)


def coverage_column_step(n_gemeenten: int) -> int:
    """Width of a municipality column, so that the grid stays within 450 px where it can."""
    fit = COVERAGE_MAX_GRID_WIDTH // max(n_gemeenten, 1)
    return max(COVERAGE_MIN_COLUMN_STEP, min(COVERAGE_MAX_COLUMN_STEP, fit))


def _coverage_rows(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    yes, no = t("word.yes", lang), t("word.no", lang)
    covered = [bool(v) for v in frame.get_column("gedekt").to_list()]
    counts = frame.get_column("n").to_list()
    strong = [bool(v) for v in frame.get_column("sterk").to_list()]
    data = with_text(frame, "gedekt_tekst", [yes if c else no for c in covered])
    data = with_text(data, "sterk_tekst", [yes if s else no for s in strong])
    marks = [fmt_int(n, lang) if c else EMPTY_MARK for n, c in zip(counts, covered, strict=True)]
    data = with_text(data, "teken", marks)
    on_covered = palette.text_colour_on(palette.COVERED)
    on_uncovered = palette.text_colour_on(palette.NOT_COVERED)
    return with_text(data, "tekstkleur", [on_covered if c else on_uncovered for c in covered])


def coverage_heatmap(
    frame: pl.DataFrame, *, lang: Lang, place: Place = "gemeente"
) -> alt.LayerChart:
    """``metrics.coverage_matrix``: factor x municipality, covered or not, count in each cell.

    Rows are grouped by life domain, then by strength of evidence; strong addressable factors
    have a bold label. The grid is at most 450 px wide for up to 15 municipalities.
    """
    data = _coverage_rows(frame, lang)
    factors = (
        data.select("factor_naam", "domein_volgorde", "bewijs_volgorde", "sterk")
        .unique("factor_naam")
        .sort("domein_volgorde", "bewijs_volgorde", "factor_naam")
    )
    strong = labels_of(factors.filter(pl.col("sterk")), "factor_naam")
    gemeenten = sorted(set(labels_of(data, "gemeente_naam")))
    yes, no = t("word.yes", lang), t("word.no", lang)
    bold = alt.condition(
        f"indexof({json.dumps(strong, ensure_ascii=False)}, datum.value) >= 0",
        alt.value("bold"),
        alt.value("normal"),
    )
    base = alt.Chart().encode(
        x=alt.X(
            "gemeente_naam:N",
            sort=gemeenten,
            title=t(f"column.{place}", lang),
            axis=alt.Axis(orient="top", labelAngle=on_phone(-90, -45)),
        ),
        y=alt.Y(
            "factor_naam:N",
            sort=labels_of(factors, "factor_naam"),
            title=t("column.factor", lang),
            axis=alt.Axis(
                labelLimit=on_phone(palette.PHONE_LABEL_LIMIT, COVERAGE_LABEL_LIMIT),
                labelFontWeight=bold,
            ),
        ),
        tooltip=[
            alt.Tooltip("factor_naam:N", title=t("column.factor", lang)),
            alt.Tooltip("gemeente_naam:N", title=t(f"column.{place}", lang)),
            alt.Tooltip("domein_naam:N", title=t("column.domain", lang)),
            alt.Tooltip("bewijs_naam:N", title=t("column.evidence", lang)),
            alt.Tooltip("sterk_tekst:N", title=t("column.strong_addressable", lang)),
            alt.Tooltip("gedekt_tekst:N", title=t("column.covered", lang)),
            alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
        ],
    )
    cells = base.mark_rect(stroke=palette.WHITE, strokeWidth=1).encode(
        color=alt.Color(
            "gedekt_tekst:N",
            scale=alt.Scale(domain=[yes, no], range=[palette.COVERED, palette.NOT_COVERED]),
            title=t("column.covered", lang),
            legend=alt.Legend(orient="bottom", symbolStrokeColor=palette.GREY),
        )
    )
    marks = base.mark_text(baseline="middle").encode(
        text=alt.Text("teken:N"),
        color=alt.Color("tekstkleur:N", scale=None, legend=None),
    )
    chart: alt.LayerChart = (
        alt.LayerChart(layer=[cells, marks])
        .resolve_scale(color="independent")
        .properties(
            width=alt.Step(coverage_column_step(len(gemeenten))),
            height=alt.Step(COVERAGE_ROW_STEP),
        )
    )
    return localised(chart, lang, data)
