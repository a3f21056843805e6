"""Pure chart builders: an aggregated Polars frame in, an Altair chart out.

Each builder takes one of the frames of ``lib.domain`` with its names in the language
(``lib.text.labels``; one row per mark) and the language, and returns a chart without a title
(the page puts a header above it). Every axis, legend and tooltip title comes from
``lib.text.i18n.t``; numbers follow the language through the chart's number locale. Colours
come from ``lib.viz.palette``; colour never carries meaning alone (labels, text marks, tooltips
and an asterisk for unreliable figures carry it too).

The data are inlined as ``alt.InlineData(values=frame.to_dicts())``, so ``chart.to_dict()`` is
deterministic and holds exactly one data row per input row (plus a one-row dataset for a
reference rule). No Streamlit here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final, TypeVar

import altair as alt
import polars as pl

from lib.contract.codes import STATUSSEN, Lang
from lib.domain.metrics import REFERENCE_RATE
from lib.domain.selection import Place
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import palette

BAR_WIDTH: Final = 480
BAR_STEP: Final = 26
UNRELIABLE_MARK: Final = " *"
EMPTY_MARK: Final = "–"


def on_phone(phone: float, wide: float) -> alt.ExprRef:
    """``phone`` in a chart on a phone, else ``wide`` (``palette.on_phone_expr``)."""
    return alt.ExprRef(palette.on_phone_expr(phone, wide))


NUMBER_LOCALE: Final[dict[Lang, dict[str, object]]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""],
           "percent": " %"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""],
           "percent": "%"},
}  # fmt: skip

LABEL_KEYS: Final[dict[str, str]] = {
    "gemeente_naam": "column.gemeente",
    "thema_naam": "column.thema",
    "groep_naam": "column.comparison",
}

AnyChart = TypeVar("AnyChart", alt.Chart, alt.LayerChart)


# --- helpers ----------------------------------------------------------------------------------


def inline_data(frame: pl.DataFrame) -> alt.InlineData:
    return alt.InlineData(values=frame.to_dicts())


def with_text(frame: pl.DataFrame, name: str, values: list[str]) -> pl.DataFrame:
    return frame.with_columns(pl.Series(name, values, dtype=pl.String))


def localised(chart: AnyChart, lang: Lang, data: pl.DataFrame | None = None) -> AnyChart:
    """Numbers in the chart (axes, legends, tooltips) formatted as in ``lang``; ``data``
    becomes the chart's top-level data.

    The data is attached last, to the finished chart: Altair deep-copies a chart (and any data
    inside it) at every ``encode``, ``mark_*``, ``properties`` and layering step, which for a
    heatmap of hundreds of cells cost most of the time to build it.
    """
    # set on the chart built here (``configure`` would copy all of it first)
    chart.config = alt.Config(locale=alt.Locale(number=NUMBER_LOCALE[lang]))
    if data is not None:
        chart.data = inline_data(data)
    return chart


def _count_axis(lang: Lang) -> alt.Axis:
    return alt.Axis(format="d", tickMinStep=1, title=t("column.n_interventies", lang))


def top_value(frame: pl.DataFrame, column: str) -> float:
    value = frame.get_column(column).max()
    return float(value) if isinstance(value, int | float) else 0.0


def labels_of(frame: pl.DataFrame, column: str) -> list[str]:
    return [str(v) for v in frame.get_column(column).to_list()]


def _bars_with_counts(
    frame: pl.DataFrame, *, label_field: str, label_title: str, lang: Lang
) -> alt.LayerChart:
    """Horizontal bars of ``n`` in the frame's order, the count at the end of each bar."""
    base = alt.Chart().encode(
        y=alt.Y(f"{label_field}:N", sort=labels_of(frame, label_field), title=label_title),
        x=alt.X("n:Q", axis=_count_axis(lang)),
        tooltip=[
            alt.Tooltip(f"{label_field}:N", title=label_title),
            alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
            *(
                [alt.Tooltip("aandeel_tekst:N", title=t("column.share", lang))]
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
    data = with_text(data, "aandeel_tekst", [fmt_pct(s, lang) for s in data["share"].to_list()])
    data = data.with_columns(pl.lit(palette.NEUTRAL).alias("kleur"))
    chart = _bars_with_counts(
        data, label_field="thema_naam", label_title=t("column.thema", lang), lang=lang
    )
    return localised(chart, lang, data)


# --- 2. themes per municipality -----------------------------------------------------------------


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
        data, label_field="doelgroep_naam", label_title=t("column.target_group", lang), lang=lang
    )
    return localised(chart, lang, data)


# --- 4 and 7. execution rate ------------------------------------------------------------------


def reference_label(lang: Lang) -> str:
    """The label of the reference rule: its name and value."""
    return f"{t('column.reference', lang)} ({fmt_pct(REFERENCE_RATE, lang)})"


def _rate_rows(frame: pl.DataFrame, label_field: str, lang: Lang, *, by_rate: bool) -> pl.DataFrame:
    data = (
        frame.sort(["rate", label_field], descending=[True, False], nulls_last=True)
        if by_rate
        else frame
    )
    reliable = [bool(v) for v in data.get_column("betrouwbaar").to_list()]
    rates = data.get_column("rate").to_list()
    # unknown (no interventions) is said in words in the chart; * marks a rate over too few
    marks = [
        "" if ok or rate is None else UNRELIABLE_MARK
        for ok, rate in zip(reliable, rates, strict=True)
    ]
    names = labels_of(data, label_field)
    labels = [name + mark for name, mark in zip(names, marks, strict=True)]
    rate_texts = [
        fmt_pct(rate, lang) + (mark if rate is not None else "")
        for rate, mark in zip(rates, marks, strict=True)
    ]
    data = with_text(data, "label", labels)
    data = with_text(data, "rate_tekst", rate_texts)
    yes_no = [t("word.yes" if ok else "word.no", lang) for ok in reliable]
    data = with_text(data, "betrouwbaar_tekst", yes_no)
    return with_text(data, "kleur", [palette.NEUTRAL if ok else palette.GREY for ok in reliable])


@lru_cache(maxsize=16)
def _reference(lang: Lang, title: str) -> tuple[alt.Chart, ...]:
    """The reference rule and its label; made once per language (layering copies them)."""
    data = alt.InlineData(values=[{"referentie": REFERENCE_RATE, "label": reference_label(lang)}])
    base = alt.Chart(data).encode(x=alt.X("referentie:Q", title=title))
    rule = base.mark_rule(color=palette.TEXT, strokeDash=[6, 4], size=2).encode(
        tooltip=[alt.Tooltip("label:N", title=t("column.reference", lang))]
    )
    # Right-aligned, ending at the rule: the rule sits at 85 %, so a label to its right would
    # run off the chart.
    text = base.mark_text(align="right", baseline="bottom", dx=-4, color=palette.TEXT).encode(
        y=alt.value(-6), text=alt.Text("label:N")
    )
    return (rule, text)


def _rate_bars(
    frame: pl.DataFrame,
    *,
    label_field: str,
    label_title: str,
    lang: Lang,
    by_rate: bool,
    axis_title: bool = True,
) -> alt.LayerChart:
    data = _rate_rows(frame, label_field, lang, by_rate=by_rate)
    title = t("column.execution_rate", lang)
    y_title = label_title if axis_title else None
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=labels_of(data, "label"), title=y_title),
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
                alt.Tooltip("uitgevoerd:Q", title=t("column.carried_out", lang), format="d"),
                alt.Tooltip("n:Q", title=t("column.n_interventies", lang), format="d"),
                alt.Tooltip("betrouwbaar_tekst:N", title=t("column.reliable", lang)),
            ],
        )
    )
    # a row without interventions has no rate: it says so in words instead of an empty bar
    # that reads as 0 %
    unknown = (
        alt.Chart()
        .mark_text(align="left", baseline="middle", dx=4, color=palette.GREY, fontStyle="italic")
        .encode(
            y=alt.Y("label:N", sort=labels_of(data, "label"), title=y_title),
            x=alt.datum(0),
            text=alt.value(t("chart.no_interventions", lang)),
        )
        .transform_filter("datum.rate === null")
    )
    chart = alt.LayerChart(layer=[bars, unknown, *_reference(lang, title)]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP)
    )
    return localised(chart, lang, data)


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
    key = f"column.{place}" if label_field == "gemeente_naam" else LABEL_KEYS.get(label_field)
    title = t(key or "column.gemeente", lang)
    return _rate_bars(frame, label_field=label_field, label_title=title, lang=lang, by_rate=True)


def comparison_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``metrics.compare_with_wave`` with names (``groep_naam``): the rate of the selection,
    its wave(s) and everyone."""
    title = t("column.comparison", lang)
    # the order of metrics (selection, wave(s), all municipalities), not by rate; the rows name
    # themselves and the section heading says what they compare, so no axis title (long wave
    # names pushed it over the labels)
    return _rate_bars(
        frame,
        label_field="groep_naam",
        label_title=title,
        lang=lang,
        by_rate=False,
        axis_title=False,
    )


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
    title = t("column.n_interventies", lang)
    y = alt.Y(
        "gemeente_naam:N",
        sort=sorted(set(labels_of(data, "gemeente_naam"))),
        title=t(f"column.{place}", lang),
    )
    tooltip = [
        alt.Tooltip("gemeente_naam:N", title=t(f"column.{place}", lang)),
        alt.Tooltip("status_naam:N", title=t("column.status", lang)),
        alt.Tooltip("n:Q", title=title, format="d"),
    ]
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(stroke=palette.WHITE, strokeWidth=1).encode(
        x=alt.X("n:Q", stack="zero", axis=_count_axis(lang), title=title),
        color=alt.Color(
            "status_naam:N",
            scale=alt.Scale(domain=names, range=colours),
            title=t("column.status", lang),
            # two columns on a phone: four names in a row would be cut off
            legend=alt.Legend(orient="bottom", direction="horizontal", columns=on_phone(2, 4)),
        ),
        order=alt.Order("status_volgorde:Q", sort="ascending"),
    )
    counts = base.mark_text(baseline="middle").encode(
        x=alt.X("midden:Q", title=title),
        text=alt.Text("n:Q", format="d"),
        color=alt.Color("tekstkleur:N", scale=None, legend=None),
    )
    chart = alt.LayerChart(layer=[bars, counts])
    return localised(chart.properties(width=BAR_WIDTH, height=alt.Step(BAR_STEP)), lang, data)


# --- 6. coverage of risk factors --------------------------------------------------------------


# --- 8. timeline --------------------------------------------------------------------------------


def strong_factor_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``strong_factor_counts``: a bar per strong factor; a factor without any intervention is
    grey and says so in words at the end of its (empty) bar."""
    none = t("presentation.text.risk_none", lang)
    labels = [fmt_int(n, lang) if n else none for n in frame.get_column("n").to_list()]
    data = frame.with_columns(
        pl.Series("label", labels, dtype=pl.String),
        pl.when(pl.col("gedekt"))
        .then(pl.lit(palette.NEUTRAL))
        .otherwise(pl.lit(palette.GREY))
        .alias("kleur"),
    )
    title = t("column.factor", lang)
    base = alt.Chart(alt.InlineData(values=data.to_dicts())).encode(
        y=alt.Y(
            "factor_naam:N",
            sort=[str(v) for v in data.get_column("factor_naam").to_list()],
            title=title,
        ),
        x=alt.X(
            "n:Q", title=t("column.n_interventies", lang), axis=alt.Axis(format="d", tickMinStep=1)
        ),
        tooltip=[
            alt.Tooltip("factor_naam:N", title=title),
            alt.Tooltip("domein_naam:N", title=t("column.domain", lang)),
            alt.Tooltip("bewijs_naam:N", title=t("column.evidence", lang)),
            alt.Tooltip("label:N", title=t("column.n_interventies", lang)),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("kleur:N", scale=None, legend=None))
    text = base.mark_text(align="left", baseline="middle", dx=4, color=palette.TEXT).encode(
        text=alt.Text("label:N")
    )
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP)
    )
    configured: alt.LayerChart = chart.configure(locale={"number": NUMBER_LOCALE[lang]})
    return configured
