"""Pure chart builders: an aggregated Polars frame in, an Altair chart out.

Each builder takes one of the frames of ``lib.metrics`` (one row per mark) and the language,
and returns a chart without a title (the page puts a header above it). Every axis, legend and
tooltip title comes from ``lib.text.i18n.t``; numbers follow the language through the chart's
number locale. Colours come from ``lib.palette``; colour never carries meaning alone (labels,
text marks, tooltips and an asterisk for unreliable figures carry it too).

The data are inlined as ``alt.InlineData(values=frame.to_dicts())``, so ``chart.to_dict()`` is
deterministic and holds exactly one data row per input row (plus a one-row dataset for a
reference rule). No Streamlit here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Final, TypeVar, cast

import altair as alt
import polars as pl

from lib.contract.codes import STATUSSEN, Lang
from lib.domain.metrics import REFERENCE_RATE, Place
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import palette
from lib.viz.spec import frame_digest

BAR_WIDTH: Final = 480
BAR_STEP: Final = 26
CELL_STEP: Final = 26
HEATMAP_COLUMN_STEP: Final = 48
COVERAGE_MAX_GRID_WIDTH: Final = 450
COVERAGE_MAX_COLUMN_STEP: Final = 30
COVERAGE_MIN_COLUMN_STEP: Final = 16
COVERAGE_ROW_STEP: Final = 22
COVERAGE_LABEL_LIMIT: Final = 340
TIMELINE_WIDTH: Final = 640
TIMELINE_HEIGHT: Final = 260
UNRELIABLE_MARK: Final = " *"
ROWS_DATASET: Final = "pmg-rows"
EMPTY_MARK: Final = "–"

NUMBER_LOCALE: Final[dict[Lang, dict[str, object]]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""],
           "percent": " %"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""],
           "percent": "%"},
}  # fmt: skip

LABEL_KEYS: Final[dict[str, str]] = {
    "gemeente_naam": "as.gemeente",
    "thema_naam": "as.thema",
    "groep": "as.vergelijking",
}

AnyChart = TypeVar("AnyChart", alt.Chart, alt.LayerChart)


@dataclass(frozen=True, eq=False)
class Deferred:
    """A chart not built yet: a builder with its frame and arguments.

    Building an Altair chart costs milliseconds per layer (Altair copies and checks its schema
    objects), so the app asks for ``key`` first and builds only when no Vega-Lite spec for the
    same builder, arguments and data is cached (see ``lib.web.cache.chart_spec``).
    """

    builder: Callable[..., Any]
    frame: pl.DataFrame
    args: tuple[object, ...] = ()
    options: tuple[tuple[str, object], ...] = ()

    def build(self) -> Any:
        return self.builder(self.frame, *self.args, **dict(self.options))

    @cached_property
    def key(self) -> str:
        """Digest of the builder, its arguments and the frame's schema and rows."""
        name = f"{self.builder.__module__}.{self.builder.__qualname__}"
        return frame_digest(self.frame, name, self.args, self.options)


def deferred(
    builder: Callable[..., Any], frame: pl.DataFrame, *args: object, **options: object
) -> Deferred:
    """``builder(frame, *args, **options)``, built only when its spec is not cached.

    ``builder`` must be a module-level function: its module and name are part of the key.
    """
    if "<" in getattr(builder, "__qualname__", "<"):
        raise ValueError("a chart builder must be a module-level function")
    return Deferred(builder, frame, args, tuple(sorted(options.items())))


def vega_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite dict of a built chart, without Altair's schema check.

    The check is for authors, not for each page view: the chart tests call ``to_dict()``,
    which validates every builder's output against the Vega-Lite schema. The top-level rows
    are the dataset ``ROWS_DATASET`` instead of one named after their hash; the chart is the
    same.
    """
    data = getattr(chart, "data", alt.Undefined)
    if not isinstance(data, alt.InlineData):
        return cast(dict[str, Any], chart.to_dict(validate=False))
    # ``to_dict`` deep-copies the chart, and with it every data row, then hashes the rows to
    # name a dataset: leave the rows out (a named stand-in) and put them back as they are.
    bare = chart.copy(deep=False)
    bare.data = alt.NamedData(name=ROWS_DATASET)
    spec = cast(dict[str, Any], bare.to_dict(validate=False))
    spec["datasets"] = {**spec.get("datasets", {}), ROWS_DATASET: data.values}
    return spec


# --- helpers ----------------------------------------------------------------------------------


def _data(frame: pl.DataFrame) -> alt.InlineData:
    return alt.InlineData(values=frame.to_dicts())


def _with_text(frame: pl.DataFrame, name: str, values: list[str]) -> pl.DataFrame:
    return frame.with_columns(pl.Series(name, values, dtype=pl.String))


def _localised(chart: AnyChart, lang: Lang, data: pl.DataFrame | None = None) -> AnyChart:
    """Numbers in the chart (axes, legends, tooltips) formatted as in ``lang``; ``data``
    becomes the chart's top-level data.

    The data is attached last, to the finished chart: Altair deep-copies a chart (and any data
    inside it) at every ``encode``, ``mark_*``, ``properties`` and layering step, which for a
    heatmap of hundreds of cells cost most of the time to build it.
    """
    # set on the chart built here (``configure`` would copy all of it first)
    chart.config = alt.Config(locale=alt.Locale(number=NUMBER_LOCALE[lang]))
    if data is not None:
        chart.data = _data(data)
    return chart


def _count_axis(lang: Lang) -> alt.Axis:
    return alt.Axis(format="d", tickMinStep=1, title=t("as.aantal", lang))


def _max(frame: pl.DataFrame, column: str) -> float:
    value = frame.get_column(column).max()
    return float(value) if isinstance(value, int | float) else 0.0


def _labels(frame: pl.DataFrame, column: str) -> list[str]:
    return [str(v) for v in frame.get_column(column).to_list()]


def _bars_with_counts(
    frame: pl.DataFrame, *, label_field: str, label_title: str, lang: Lang
) -> alt.LayerChart:
    """Horizontal bars of ``n`` in the frame's order, the count at the end of each bar."""
    base = alt.Chart().encode(
        y=alt.Y(f"{label_field}:N", sort=_labels(frame, label_field), title=label_title),
        x=alt.X("n:Q", axis=_count_axis(lang)),
        tooltip=[
            alt.Tooltip(f"{label_field}:N", title=label_title),
            alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
            *(
                [alt.Tooltip("aandeel_tekst:N", title=t("as.aandeel", lang))]
                if "aandeel_tekst" in frame.columns
                else []
            ),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("kleur:N", scale=None, legend=None))
    counts = base.mark_text(align="left", baseline="middle", dx=4, color=palette.TEXT).encode(
        text=alt.Text("n:Q", format="d")
    )
    chart = alt.LayerChart(layer=[bars, counts])
    return chart.properties(width=BAR_WIDTH, height=alt.Step(BAR_STEP))


# --- 1. themes ----------------------------------------------------------------------------------


def theme_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.theme_counts``: interventions per theme, most first; share in the tooltip."""
    data = frame.sort(["n", "thema_naam"], descending=[True, False])
    data = _with_text(data, "aandeel_tekst", [fmt_pct(s, lang) for s in data["share"].to_list()])
    data = data.with_columns(pl.lit(palette.NEUTRAL).alias("kleur"))
    chart = _bars_with_counts(
        data, label_field="thema_naam", label_title=t("as.thema", lang), lang=lang
    )
    return _localised(chart, lang, data)


# --- 2. themes per municipality -----------------------------------------------------------------


def _count_classes(frame: pl.DataFrame, lang: Lang) -> tuple[pl.DataFrame, list[str]]:
    """Add the count class (label, fill, text colour) of each row; cells hold 1 or more."""
    breaks = palette.count_breaks(_max(frame, "n"), start=1)
    labels = palette.class_labels(breaks, lang, share=False)
    classes = [palette.class_of(n, breaks) for n in frame.get_column("n").to_list()]
    fills = [palette.SEQUENTIAL_HEX[c] for c in classes]
    data = _with_text(frame, "klasse", [labels[c] for c in classes])
    data = _with_text(data, "tekstkleur", [palette.text_colour_on(f) for f in fills])
    return data, labels


def theme_heatmap(frame: pl.DataFrame, *, lang: Lang, place: Place = "gemeente") -> alt.LayerChart:
    """``metrics.theme_by_gemeente``: municipality x theme, colour and a printed count per cell.

    The colour classes are whole-number ranges (as on the map), listed in the legend.
    ``place="provincie"`` for the frame of ``metrics.by_province`` (the axis title changes).
    """
    data, labels = _count_classes(frame, lang)
    x = alt.X(
        "thema_naam:N",
        sort=sorted(set(_labels(data, "thema_naam"))),
        title=t("as.thema", lang),
        axis=alt.Axis(labelAngle=-40, labelLimit=300),
    )
    y = alt.Y(
        "gemeente_naam:N",
        sort=sorted(set(_labels(data, "gemeente_naam"))),
        title=t(f"as.{place}", lang),
    )
    tooltip = [
        alt.Tooltip("gemeente_naam:N", title=t(f"as.{place}", lang)),
        alt.Tooltip("thema_naam:N", title=t("as.thema", lang)),
        alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
    ]
    base = alt.Chart().encode(x=x, y=y, tooltip=tooltip)
    cells = base.mark_rect(stroke=palette.WHITE, strokeWidth=1).encode(
        color=alt.Color(
            "klasse:N",
            scale=alt.Scale(domain=labels, range=list(palette.SEQUENTIAL_HEX)),
            sort=labels,
            title=t("as.aantal", lang),
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
    return _localised(chart, lang, data)


# --- 3. target groups ---------------------------------------------------------------------------


def target_group_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.target_group_counts``: in the contract's order; the unknown group is grey."""
    data = frame.sort("doelgroep_volgorde").with_columns(
        pl.when(pl.col("doelgroep").is_null())
        .then(pl.lit(palette.GREY))
        .otherwise(pl.lit(palette.NEUTRAL))
        .alias("kleur")
    )
    chart = _bars_with_counts(
        data, label_field="doelgroep_naam", label_title=t("as.doelgroep", lang), lang=lang
    )
    return _localised(chart, lang, data)


# --- 4 and 7. execution rate ------------------------------------------------------------------


def reference_label(lang: Lang) -> str:
    """The label of the reference rule: its name and value."""
    return f"{t('as.referentie', lang)} ({fmt_pct(REFERENCE_RATE, lang)})"


def _rate_rows(frame: pl.DataFrame, label_field: str, lang: Lang, *, by_rate: bool) -> pl.DataFrame:
    data = (
        frame.sort(["rate", label_field], descending=[True, False], nulls_last=True)
        if by_rate
        else frame
    )
    reliable = [bool(v) for v in data.get_column("betrouwbaar").to_list()]
    marks = ["" if ok else UNRELIABLE_MARK for ok in reliable]
    names = _labels(data, label_field)
    rates = data.get_column("rate").to_list()
    labels = [name + mark for name, mark in zip(names, marks, strict=True)]
    rate_texts = [
        fmt_pct(rate, lang) + (mark if rate is not None else "")
        for rate, mark in zip(rates, marks, strict=True)
    ]
    data = _with_text(data, "label", labels)
    data = _with_text(data, "rate_tekst", rate_texts)
    yes_no = [t("ja" if ok else "nee", lang) for ok in reliable]
    data = _with_text(data, "betrouwbaar_tekst", yes_no)
    return _with_text(data, "kleur", [palette.NEUTRAL if ok else palette.GREY for ok in reliable])


@lru_cache(maxsize=16)
def _reference(lang: Lang, title: str) -> tuple[alt.Chart, ...]:
    """The reference rule and its label; made once per language (layering copies them)."""
    data = alt.InlineData(values=[{"referentie": REFERENCE_RATE, "label": reference_label(lang)}])
    base = alt.Chart(data).encode(x=alt.X("referentie:Q", title=title))
    rule = base.mark_rule(color=palette.TEXT, strokeDash=[6, 4], size=2).encode(
        tooltip=[alt.Tooltip("label:N", title=t("as.referentie", lang))]
    )
    # Right-aligned, ending at the rule: the rule sits at 85 %, so a label to its right would
    # run off the chart.
    text = base.mark_text(align="right", baseline="bottom", dx=-4, color=palette.TEXT).encode(
        y=alt.value(-6), text=alt.Text("label:N")
    )
    return (rule, text)


def _rate_bars(
    frame: pl.DataFrame, *, label_field: str, label_title: str, lang: Lang, by_rate: bool
) -> alt.LayerChart:
    data = _rate_rows(frame, label_field, lang, by_rate=by_rate)
    title = t("as.uitvoeringsgraad", lang)
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=_labels(data, "label"), title=label_title),
            x=alt.X(
                "rate:Q",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
                title=title,
            ),
            color=alt.Color("kleur:N", scale=None, legend=None),
            tooltip=[
                alt.Tooltip("label:N", title=label_title),
                alt.Tooltip("rate_tekst:N", title=title),
                alt.Tooltip("uitgevoerd:Q", title=t("as.uitgevoerd", lang), format="d"),
                alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
                alt.Tooltip("betrouwbaar_tekst:N", title=t("as.betrouwbaar", lang)),
            ],
        )
    )
    chart = alt.LayerChart(layer=[bars, *_reference(lang, title)]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP)
    )
    return _localised(chart, lang, data)


def execution_rate_bars(
    frame: pl.DataFrame,
    *,
    lang: Lang,
    label_field: str = "gemeente_naam",
    place: Place = "gemeente",
) -> alt.LayerChart:
    """``metrics.execution_by_gemeente`` (``label_field="gemeente_naam"``) or
    ``metrics.execution_by_theme`` (``label_field="thema_naam"``): rate per row, highest first,
    with the practice-scan reference; unreliable rows are grey and marked with ``*``."""
    key = f"as.{place}" if label_field == "gemeente_naam" else LABEL_KEYS.get(label_field)
    title = t(key or "as.gemeente", lang)
    return _rate_bars(frame, label_field=label_field, label_title=title, lang=lang, by_rate=True)


def trend_chart(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.execution_trend``: the execution rate per period as a line with points, and
    the practice-scan reference; points over fewer than 5 interventions are grey and marked."""
    data = frame.sort("periode")
    reliable = [bool(v) for v in data.get_column("betrouwbaar").to_list()]
    marks = ["" if ok else UNRELIABLE_MARK for ok in reliable]
    data = _with_text(
        data,
        "rate_tekst",
        [
            fmt_pct(r, lang) + m
            for r, m in zip(data.get_column("rate").to_list(), marks, strict=True)
        ],
    )
    data = _with_text(data, "kleur", [palette.NEUTRAL if ok else palette.GREY for ok in reliable])
    title, period = t("as.uitvoeringsgraad", lang), t("as.periode", lang)
    y = alt.Y("rate:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title=title)
    x = alt.X("periode:O", title=period, axis=alt.Axis(labelAngle=-45))
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(color=palette.NEUTRAL, strokeWidth=2)
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        color=alt.Color("kleur:N", scale=None, legend=None),
        tooltip=[
            alt.Tooltip("periode:N", title=period),
            alt.Tooltip("rate_tekst:N", title=title),
            alt.Tooltip("uitgevoerd:Q", title=t("as.uitgevoerd", lang), format="d"),
            alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
        ],
    )
    reference = alt.Chart(
        alt.InlineData(values=[{"referentie": REFERENCE_RATE, "label": reference_label(lang)}])
    ).encode(y=alt.Y("referentie:Q", title=title))
    rule = reference.mark_rule(color=palette.TEXT, strokeDash=[6, 4], size=2).encode(
        tooltip=[alt.Tooltip("label:N", title=t("as.referentie", lang))]
    )
    label = reference.mark_text(align="left", baseline="bottom", dy=-4, color=palette.TEXT).encode(
        x=alt.value(4), text=alt.Text("label:N")
    )
    chart = alt.LayerChart(layer=[line, points, rule, label]).properties(
        width=TIMELINE_WIDTH, height=TIMELINE_HEIGHT
    )
    return _localised(chart, lang, data)


def comparison_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.compare_with_wave``: the rate of the selection, its wave(s) and everyone."""
    title = t("as.vergelijking", lang)
    # the order of metrics (selection, wave(s), all municipalities), not by rate
    return _rate_bars(frame, label_field="groep", label_title=title, lang=lang, by_rate=False)


# --- 5. status ----------------------------------------------------------------------------------


def status_stacked_bars(
    frame: pl.DataFrame, *, lang: Lang, place: Place = "gemeente"
) -> alt.LayerChart:
    """``metrics.status_mix``: stacked bars per municipality in the fixed status colours."""
    names = [code_label("status", code, lang) for code in STATUSSEN]
    colours = [palette.STATUS_COLOURS[code] for code in STATUSSEN]
    text_colours = {n: palette.text_colour_on(c) for n, c in zip(names, colours, strict=True)}
    data = frame.sort("gemeente_naam", "status_volgorde").with_columns(
        (pl.col("n").cum_sum().over("gemeente_naam") - pl.col("n") / 2).alias("midden"),
        pl.col("status_naam")
        .replace_strict(text_colours, default=palette.TEXT, return_dtype=pl.String)
        .alias("tekstkleur"),
    )
    title = t("as.aantal", lang)
    y = alt.Y(
        "gemeente_naam:N",
        sort=sorted(set(_labels(data, "gemeente_naam"))),
        title=t(f"as.{place}", lang),
    )
    tooltip = [
        alt.Tooltip("gemeente_naam:N", title=t(f"as.{place}", lang)),
        alt.Tooltip("status_naam:N", title=t("as.status", lang)),
        alt.Tooltip("n:Q", title=title, format="d"),
    ]
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(stroke=palette.WHITE, strokeWidth=1).encode(
        x=alt.X("n:Q", stack="zero", axis=_count_axis(lang), title=title),
        color=alt.Color(
            "status_naam:N",
            scale=alt.Scale(domain=names, range=colours),
            title=t("as.status", lang),
            legend=alt.Legend(orient="bottom", direction="horizontal"),
        ),
        order=alt.Order("status_volgorde:Q", sort="ascending"),
    )
    counts = base.mark_text(baseline="middle").encode(
        x=alt.X("midden:Q", title=title),
        text=alt.Text("n:Q", format="d"),
        color=alt.Color("tekstkleur:N", scale=None, legend=None),
    )
    chart = alt.LayerChart(layer=[bars, counts])
    return _localised(chart.properties(width=BAR_WIDTH, height=alt.Step(BAR_STEP)), lang, data)


# --- 6. coverage of risk factors --------------------------------------------------------------


def coverage_column_step(n_gemeenten: int) -> int:
    """Width of a municipality column, so that the grid stays within 450 px where it can."""
    fit = COVERAGE_MAX_GRID_WIDTH // max(n_gemeenten, 1)
    return max(COVERAGE_MIN_COLUMN_STEP, min(COVERAGE_MAX_COLUMN_STEP, fit))


def _coverage_rows(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    yes, no = t("ja", lang), t("nee", lang)
    covered = [bool(v) for v in frame.get_column("gedekt").to_list()]
    counts = frame.get_column("n").to_list()
    strong = [bool(v) for v in frame.get_column("sterk").to_list()]
    data = _with_text(frame, "gedekt_tekst", [yes if c else no for c in covered])
    data = _with_text(data, "sterk_tekst", [yes if s else no for s in strong])
    marks = [fmt_int(n, lang) if c else EMPTY_MARK for n, c in zip(counts, covered, strict=True)]
    data = _with_text(data, "teken", marks)
    on_covered = palette.text_colour_on(palette.COVERED)
    on_uncovered = palette.text_colour_on(palette.NOT_COVERED)
    return _with_text(data, "tekstkleur", [on_covered if c else on_uncovered for c in covered])


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
    strong = _labels(factors.filter(pl.col("sterk")), "factor_naam")
    gemeenten = sorted(set(_labels(data, "gemeente_naam")))
    yes, no = t("ja", lang), t("nee", lang)
    bold = alt.condition(
        f"indexof({json.dumps(strong, ensure_ascii=False)}, datum.value) >= 0",
        alt.value("bold"),
        alt.value("normal"),
    )
    base = alt.Chart().encode(
        x=alt.X(
            "gemeente_naam:N",
            sort=gemeenten,
            title=t(f"as.{place}", lang),
            axis=alt.Axis(orient="top", labelAngle=-45),
        ),
        y=alt.Y(
            "factor_naam:N",
            sort=_labels(factors, "factor_naam"),
            title=t("as.factor", lang),
            axis=alt.Axis(labelLimit=COVERAGE_LABEL_LIMIT, labelFontWeight=bold),
        ),
        tooltip=[
            alt.Tooltip("factor_naam:N", title=t("as.factor", lang)),
            alt.Tooltip("gemeente_naam:N", title=t(f"as.{place}", lang)),
            alt.Tooltip("domein_naam:N", title=t("as.domein", lang)),
            alt.Tooltip("bewijs_naam:N", title=t("as.bewijs", lang)),
            alt.Tooltip("sterk_tekst:N", title=t("as.sterk", lang)),
            alt.Tooltip("gedekt_tekst:N", title=t("as.gedekt", lang)),
            alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
        ],
    )
    cells = base.mark_rect(stroke=palette.WHITE, strokeWidth=1).encode(
        color=alt.Color(
            "gedekt_tekst:N",
            scale=alt.Scale(domain=[yes, no], range=[palette.COVERED, palette.NOT_COVERED]),
            title=t("as.gedekt", lang),
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
    return _localised(chart, lang, data)


# --- 8. timeline --------------------------------------------------------------------------------


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
    """``metrics.timeline``: a point per event (text in the tooltip) on a time axis, and a step
    line of the number of municipalities where the source gives one."""
    known = pl.col("aantal_gemeenten").is_not_null()
    previous = pl.col("aantal_gemeenten").forward_fill().shift(1)
    data = frame.sort("datum").with_columns(
        _iso_date("datum").alias("datum_iso"),
        pl.col("aantal_gemeenten").forward_fill().fill_null(0).alias("niveau"),
        (known & (previous.is_null() | (pl.col("aantal_gemeenten") != previous)))
        .fill_null(False)
        .alias("verandering"),
    )
    data = _with_text(
        data, "niveau_tekst", [fmt_int(v, lang) for v in data.get_column("niveau").to_list()]
    )
    x_title, y_title = t("as.datum", lang), t("as.aantal_gemeenten", lang)
    x = alt.X(
        "datum_iso:T",
        scale=alt.Scale(type="utc", nice="year"),
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
        title=x_title,
    )
    base = alt.Chart().encode(x=x)
    line = (
        base.mark_line(interpolate="step-after", color=palette.NEUTRAL, strokeWidth=2)
        .transform_filter("datum.aantal_gemeenten != null")
        .encode(y=alt.Y("aantal_gemeenten:Q", title=y_title, axis=alt.Axis(format="d")))
    )
    points = base.mark_point(
        filled=True, size=100, opacity=1, color=palette.NEUTRAL, stroke=palette.WHITE, strokeWidth=1
    ).encode(
        y=alt.Y("niveau:Q", title=y_title),
        tooltip=[
            alt.Tooltip("datum:N", title=x_title),
            alt.Tooltip("gebeurtenis:N", title=t("as.gebeurtenis", lang)),
            alt.Tooltip("niveau_tekst:N", title=y_title),
        ],
    )
    counts = (
        base.mark_text(baseline="bottom", dy=-8, color=palette.TEXT)
        .transform_filter("datum.verandering")
        .encode(y=alt.Y("aantal_gemeenten:Q", title=y_title), text=alt.Text("aantal_gemeenten:Q"))
    )
    chart = alt.LayerChart(layer=[line, points, counts]).properties(
        width=TIMELINE_WIDTH, height=TIMELINE_HEIGHT
    )
    return _localised(chart, lang, data)
