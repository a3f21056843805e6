"""The map of the programme: every municipality of the Netherlands, the programme's coloured.

``programme_map`` turns ``places.programme_map_frame`` (the figures of every programme
municipality) and ``places.national`` (the names and population of all 342) into a
``choropleth`` deck: programme municipalities filled by the class of the chosen measure,
those without interventions (for a measure of interventions) in their own grey, the others
light grey with their name and population in the tooltip; the selected ones outlined. The
classes are stable (``stable_bins``: computed from the whole dataset, never from the view).
Names: the selected municipalities first, then the most populous, wherever they fit without
overlap. ``legend_frame`` is the legend in words and colours, for the page and the images.
No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

import polars as pl
import pydeck as pdk

from lib.contract.codes import ONE_OFF_WAVES, Lang
from lib.data.geo import GeoJson
from lib.domain.metrics import INTERVENTION_METRICS, Metric
from lib.text.formats import fmt_date, fmt_int, fmt_number, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import choropleth, palette
from lib.viz.bins import POPULATION_BINS, SHARE_BINS, Bins, count_bins, decimal_bins
from lib.viz.choropleth import Area, LabelPoint, View

SHARE_METRICS: Final[frozenset[str]] = frozenset({"uitvoeringsgraad", "dekking"})
RELIABILITY_METRICS: Final = SHARE_METRICS  # null when fewer than 5 interventions

CLASS_UNKNOWN: Final = -1  # a value that is unknown or rests on fewer than 5 interventions
CLASS_NONE: Final = -2  # a programme municipality without interventions
CLASS_OUTSIDE: Final = -3  # not in the programme

OUTSIDE_FILL: Final = "#F2F2F2"
OUTSIDE_LINE: Final = "#B3B3B3"
NONE_FILL: Final = "#C8C8C8"  # lighter than unknown (GREY), darker than outside
PROGRAMME_LINE: Final = "#4D4D4D"
OUTSIDE_WIDTH: Final = 0.5
PROGRAMME_WIDTH: Final = 1.0


def _rgba(colour: str) -> list[int]:
    return [*palette.hex_to_rgb(colour), 255]


# --- classes and legend -------------------------------------------------------------------------


def stable_bins(metric: Metric, reference: pl.DataFrame) -> Bins:
    """The classes of ``metric``: fixed for shares and population, else from the largest value
    of ``reference`` (the map frame of the whole dataset), so they do not move with the view."""
    if metric in SHARE_METRICS:
        return SHARE_BINS
    if metric == "inwoners":
        return POPULATION_BINS
    top = reference.get_column("waarde").max() if reference.height else None
    highest = float(top) if isinstance(top, int | float) else 0.0
    if metric == "interventies":
        return count_bins(highest, start=1)
    return decimal_bins(highest)


def classes(frame: pl.DataFrame, metric: Metric, bins: Bins) -> list[int]:
    """The class of each row: 0-4, ``CLASS_NONE`` (no interventions, for a measure of
    interventions) or ``CLASS_UNKNOWN``."""
    found = []
    for value, n in frame.select("waarde", "n").iter_rows():
        index = bins.index(value)
        if index is not None:
            found.append(index)
        elif metric in INTERVENTION_METRICS and not n:
            found.append(CLASS_NONE)
        else:
            found.append(CLASS_UNKNOWN)
    return found


def _unknown_label(metric: Metric, lang: Lang) -> str:
    key = "legend.unknown_or_unreliable" if metric in RELIABILITY_METRICS else "legend.unknown"
    return t(key, lang)


def legend_frame(
    frame: pl.DataFrame,
    *,
    metric: Metric,
    bins: Bins,
    lang: Lang,
    outside: int | None = None,
) -> pl.DataFrame:
    """The legend: one row per colour class, then the municipalities without interventions
    (for a measure of interventions), unknown values (when there are any, or for shares) and,
    when ``outside`` is given, the municipalities outside the programme.

    Columns: klasse (0-4, ``CLASS_*``), label, kleur (hex), van, tot (bounds; null when open or
    not a class), aantal (municipalities in it).
    """
    found = classes(frame, metric, bins)
    rows: list[tuple[int, str, str, float | None, float | None, int]] = [
        (i, label, colour, low, high, found.count(i))
        for i, (label, colour, (low, high)) in enumerate(
            zip(bins.labels(lang), bins.colours, bins.bounds(), strict=True)
        )
    ]
    if metric in INTERVENTION_METRICS:
        rows.append(
            (CLASS_NONE, t("legend.none", lang), NONE_FILL, None, None, found.count(CLASS_NONE))
        )
    if metric in RELIABILITY_METRICS or CLASS_UNKNOWN in found:
        count = found.count(CLASS_UNKNOWN)
        rows.append((CLASS_UNKNOWN, _unknown_label(metric, lang), palette.GREY, None, None, count))
    if outside is not None:
        rows.append((CLASS_OUTSIDE, t("legend.outside", lang), OUTSIDE_FILL, None, None, outside))
    return pl.DataFrame(
        rows,
        schema={
            "klasse": pl.Int64,
            "label": pl.String,
            "kleur": pl.String,
            "van": pl.Float64,
            "tot": pl.Float64,
            "aantal": pl.Int64,
        },
        orient="row",
    )


def class_colours(bins: Bins) -> dict[int, str]:
    """Class -> colour, for every class a programme municipality can be in."""
    return {
        **dict(enumerate(bins.colours)),
        CLASS_NONE: NONE_FILL,
        CLASS_UNKNOWN: palette.GREY,
        CLASS_OUTSIDE: OUTSIDE_FILL,
    }


# --- tooltip texts ------------------------------------------------------------------------------


def population_date(peildatum: str | None, lang: Lang) -> str:
    """``1 januari 2024`` from ``2024-01-01``; "" when unknown."""
    if not peildatum:
        return ""
    return fmt_date(date.fromisoformat(peildatum), lang)


def _population_line(inwoners: int | None, peildatum: str | None, lang: Lang) -> str:
    return t(
        "map.tooltip.population",
        lang,
        datum=population_date(peildatum, lang),
        n=fmt_int(inwoners, lang),
    )


def participation(golf: str | None, lang: Lang) -> str:
    """How a municipality takes part, in words: its wave, and for a one-off grant that it has
    no focus area; outside the programme, that it does not take part."""
    if golf is None:
        return t("legend.outside", lang)
    wave = code_label("golf", golf, lang)
    return t("map.one_off_wave", lang, golf=wave) if golf in ONE_OFF_WAVES else wave


def details(row: Mapping[str, Any], peildatum: str | None, lang: Lang) -> str:
    """The tooltip lines of a programme municipality: how it takes part, its interventions
    (and per 10,000 inhabitants), execution rate, coverage and population."""
    lines = [t("map.tooltip.participation", lang, golf=participation(row["golf"], lang))]
    n = int(row["n"] or 0)
    if n == 0:
        lines.append(t("map.tooltip.no_interventions", lang))
    else:
        per = fmt_number(row["per_10000"], lang, decimals=2)
        lines.append(t("map.tooltip.interventions", lang, n=fmt_int(n, lang), per=per))
        mark = "" if row["betrouwbaar"] else " *"
        lines.append(t("map.tooltip.rate", lang, waarde=fmt_pct(row["rate"], lang) + mark))
        coverage = t("kpi.coverage.value", lang, gedekt=row["n_gedekt"], totaal=row["totaal"])
        lines.append(t("map.tooltip.coverage", lang, waarde=coverage + mark))
    lines.append(_population_line(row["inwoners"], peildatum, lang))
    return "\n".join(lines)


def outside_details(inwoners: int | None, peildatum: str | None, lang: Lang) -> str:
    """The tooltip lines of a municipality outside the programme."""
    return "\n".join([t("map.tooltip.outside", lang), _population_line(inwoners, peildatum, lang)])


# --- the map ------------------------------------------------------------------------------------


def areas(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    *,
    metric: Metric,
    bins: Bins,
    lang: Lang,
) -> dict[str, Area]:
    """How each municipality is drawn: the programme's by class, the others light grey."""
    colours = class_colours(bins)
    drawn: dict[str, Area] = {}
    for code, name, inwoners, peildatum in national.select(
        "gemeentecode", "gemeente_naam", "inwoners", "peildatum"
    ).iter_rows():
        drawn[code] = Area(
            _rgba(OUTSIDE_FILL),
            _rgba(OUTSIDE_LINE),
            OUTSIDE_WIDTH,
            name,
            outside_details(inwoners, peildatum, lang),
        )
    dates = dict(national.select("gemeentecode", "peildatum").iter_rows())
    found = classes(frame, metric, bins)
    for row, klasse in zip(frame.iter_rows(named=True), found, strict=True):
        code = row["gemeentecode"]
        peildatum = dates.get(code) or (
            f"{row['inwoners_peiljaar']}-01-01" if row["inwoners_peiljaar"] else None
        )
        drawn[code] = Area(
            _rgba(colours[klasse]),
            _rgba(PROGRAMME_LINE),
            PROGRAMME_WIDTH,
            row["gemeente_naam"],
            details(row, peildatum, lang),
        )
    return drawn


def label_points(frame: pl.DataFrame) -> list[LabelPoint]:
    """(code, name, lon, lat) of the programme municipalities, most important first: the
    selected ones, then by population."""
    ordered = frame.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null()).sort(
        ["geselecteerd", "inwoners", "gemeente_naam"],
        descending=[True, True, False],
        nulls_last=True,
    )
    return [
        (code, name, lon, lat)
        for code, name, lon, lat in ordered.select(
            "gemeentecode", "gemeente_naam", "lon", "lat"
        ).iter_rows()
    ]


def names(
    frame: pl.DataFrame,
    view: View,
    *,
    size: float = choropleth.LABEL_SIZE,
    first: Sequence[LabelPoint] = (),
) -> list[dict[str, Any]]:
    """The placed names of the programme municipalities for ``view`` (``label_rows``);
    ``first`` are (code, name, lon, lat) of other places to name before them."""
    points = [*first, *label_points(frame)]
    placed = choropleth.labels(points, view, size=size)
    positions = {code: (lon, lat) for code, _, lon, lat in points}
    return choropleth.label_rows(placed, positions)


def programme_map(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    boundaries: GeoJson,
    *,
    metric: Metric,
    bins: Bins,
    lang: Lang,
    view: View,
    highlighted: Sequence[str] | None = None,
    first: Sequence[LabelPoint] = (),
) -> pdk.Deck:
    """The Kaart page's map (see the module docstring). ``highlighted`` defaults to the rows
    of ``frame`` marked ``geselecteerd`` and the places of ``first`` (named before the
    programme municipalities: a municipality that was looked for)."""
    chosen = (
        frame.filter(pl.col("geselecteerd")).get_column("gemeentecode").to_list()
        + [point[0] for point in first]
        if highlighted is None
        else list(highlighted)
    )
    default = Area(_rgba(OUTSIDE_FILL), _rgba(OUTSIDE_LINE), OUTSIDE_WIDTH, "", "")
    return choropleth.deck(
        boundaries,
        areas(frame, national, metric=metric, bins=bins, lang=lang),
        default,
        view,
        highlighted=chosen,
        names=names(frame, view, first=first),
    )
