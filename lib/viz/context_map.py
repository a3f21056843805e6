"""The map of the Context page: one rate for every municipality of the country.

The same map component as the Kaart page (``lib.viz.choropleth``, and ``lib.viz.static_map``
for the image): every outline filled by the class of its rate of registered offences per
1,000 inhabitants, the programme's municipalities with a thick dark line, the municipalities
set side by side outlined and named first, then the most populous where their names fit.

``context_map_frame`` is the adapter between the page and the map: one row per municipality
with ``gemeentecode``, ``waarde``, ``in_programma`` and ``label`` (plus the figures of the
tooltip). Classes are quintiles of the rates of all municipalities in the chosen year
(``bins.quantile_bins``), so each colour holds about a fifth of them and a selection never
moves them; an unknown rate is grey, never the lowest class. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import altair as alt
import polars as pl
import pydeck as pdk

from lib.contract.codes import Lang
from lib.data.geo import GeoJson
from lib.text.context import rate
from lib.text.formats import UNKNOWN, fmt_int
from lib.text.i18n import t
from lib.viz import choropleth, maps, palette, static_map
from lib.viz.bins import Bins, quantile_bins
from lib.viz.choropleth import Area, LabelPoint, View

PROGRAMME_WIDTH: Final = 2.0  # pixels: the line of a programme municipality
OTHER_WIDTH: Final = 0.5
OTHER_LINE: Final = palette.WHITE
LARGEST: Final = 20  # named beside the municipalities set side by side, where they fit

MAP_COLUMNS: Final[tuple[str, ...]] = (
    "gemeentecode",
    "waarde",
    "in_programma",
    "label",
    "genoemd",
    "geregistreerd",
    "inwoners",
    "bevolking_peiljaar",
    "rang",
    "regeling_naam",
)


# --------------------------------------------------------------------------- the adapter


def context_map_frame(ranking: pl.DataFrame) -> pl.DataFrame:
    """``lib.text.context.named_ranking`` as the rows of a map: ``MAP_COLUMNS``."""
    return ranking.select(
        "gemeentecode",
        pl.col("per_1000").alias("waarde"),
        "in_programma",
        pl.col("gemeente_naam").alias("label"),
        *MAP_COLUMNS[4:],
    )


# --------------------------------------------------------------------------- classes


def rate_bins(frame: pl.DataFrame) -> Bins | None:
    """The classes of the rates of every municipality of ``frame`` (None without any)."""
    return quantile_bins(frame.get_column("waarde").to_list())


def legend_frame(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """One row per class, and one for unknown rates when there are any: label, kleur (hex),
    aantal (municipalities in it)."""
    bins = rate_bins(frame)
    found = [bins.index(v) if bins else None for v in frame.get_column("waarde").to_list()]
    labels = bins.labels(lang) if bins else []
    colours = list(bins.colours) if bins else []
    counts = [found.count(i) for i in range(len(labels))]
    unknown = found.count(None)
    if unknown:
        labels, colours, counts = (
            [*labels, UNKNOWN[lang]],
            [*colours, palette.GREY],
            [
                *counts,
                unknown,
            ],
        )
    return pl.DataFrame(
        {"label": labels, "kleur": colours, "aantal": counts},
        schema={"label": pl.String, "kleur": pl.String, "aantal": pl.Int64},
    )


# --------------------------------------------------------------------------- how each is drawn


def details(row: Mapping[str, object], lang: Lang) -> str:
    """The tooltip lines of one municipality: its rate, registered offences, population (and
    its year), place in the ranking and whether it takes part in the programme."""
    people = row["inwoners"]
    population = (
        f"{fmt_int(people, lang)} ({row['bevolking_peiljaar']})"  # type: ignore[arg-type]
        if people is not None
        else UNKNOWN[lang]
    )
    programme = (
        f"{t('word.yes', lang)} ({row['regeling_naam']})"
        if row["in_programma"] and row.get("regeling_naam")
        else t("word.yes" if row["in_programma"] else "word.no", lang)
    )
    lines = [
        (t("context.column.rate", lang), rate(row["waarde"], lang)),  # type: ignore[arg-type]
        (t("context.column.registered", lang), fmt_int(row["geregistreerd"], lang)),  # type: ignore[arg-type]
        (t("context.column.population_year", lang), population),
        (t("context.column.rank", lang), fmt_int(row["rang"], lang)),  # type: ignore[arg-type]
        (t("context.column.in_programme", lang), programme),
    ]
    return "\n".join(f"{label}: {value}" for label, value in lines)


def areas(frame: pl.DataFrame, lang: Lang) -> dict[str, Area]:
    """How each municipality is drawn: filled by the class of its rate (grey when unknown),
    a thick dark line for the programme's, a thin white one for the others."""
    bins = rate_bins(frame)
    drawn = {}
    for row in frame.iter_rows(named=True):
        klass = bins.index(row["waarde"]) if bins else None
        fill = bins.colours[klass] if bins and klass is not None else palette.GREY
        programme = bool(row["in_programma"])
        drawn[row["gemeentecode"]] = Area(
            [*palette.hex_to_rgb(fill), 255],
            [*palette.hex_to_rgb(maps.PROGRAMME_LINE if programme else OTHER_LINE), 255],
            PROGRAMME_WIDTH if programme else OTHER_WIDTH,
            str(row["label"]),
            details(row, lang),
        )
    return drawn


def label_points(frame: pl.DataFrame, points: pl.DataFrame) -> list[LabelPoint]:
    """(code, name, lon, lat) to name, most important first: the municipalities set side by
    side, then the ``LARGEST`` by population (so a fully coloured map keeps room to read).
    ``points``: gemeentecode, lat, lon (``geo.label_points``)."""
    ordered = (
        frame.join(points, on="gemeentecode", how="inner")
        .sort(["genoemd", "inwoners", "label"], descending=[True, True, False], nulls_last=True)
        .head(len(named(frame)) + LARGEST)
        .select("gemeentecode", "label", "lon", "lat")
    )
    return [(code, name, lon, lat) for code, name, lon, lat in ordered.iter_rows()]


def named(frame: pl.DataFrame) -> list[str]:
    return frame.filter(pl.col("genoemd")).get_column("gemeentecode").to_list()


# --------------------------------------------------------------------------- the page's map


def context_deck(
    frame: pl.DataFrame, boundaries: GeoJson, points: pl.DataFrame, *, lang: Lang, view: View
) -> pdk.Deck:
    """``context_map_frame`` as the page's map (``choropleth.deck``)."""
    default = Area([*palette.GREY_RGB, 255], [*palette.WHITE_RGB, 255], OTHER_WIDTH, "")
    placed = choropleth.labels(label_points(frame, points), view)
    positions = {code: (lon, lat) for code, _, lon, lat in label_points(frame, points)}
    return choropleth.deck(
        boundaries,
        areas(frame, lang),
        default,
        view,
        highlighted=named(frame),
        names=choropleth.label_rows(placed, positions),
    )


# --------------------------------------------------------------------------- the image


def map_snapshot(
    frame: pl.DataFrame,
    boundaries: GeoJson,
    points: pl.DataFrame,
    *,
    lang: Lang,
    credit: str = "",
) -> alt.HConcatChart:
    """The same map as an image, with its legend and the ``credit`` of the outlines beside
    it."""
    return static_map.image(
        boundaries,
        areas(frame, lang),
        legend=legend_frame(frame, lang),
        title=t("context.column.rate", lang),
        description=t("context.map.alt_text", lang),
        lang=lang,
        chosen=named(frame),
        points=label_points(frame, points),
        credit=credit,
    )
