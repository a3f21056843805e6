"""The map as an image (PNG download, the map slide, the PDF and PPTX briefing), in Altair.

The same map as the Kaart page (``lib.viz.maps``): every municipality outlined, the programme's
filled by the class of the measure, the others light grey, the selected ones outlined in dark,
and names that never overlap, placed for this image's projection and size. The legend is
drawn beside the map as squares and words (long labels wrap), so it stays legible at any size.

``SCREEN`` is for a download; ``SLIDE`` is for a slide of 1920 x 1080, where the image is shown
about 5 inches (720 screen pixels) high: its names and legend are large enough to read as at
least 14 pt there. No Streamlit here.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Final

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY, GeoJson
from lib.domain.metrics import Metric
from lib.text.i18n import t
from lib.viz import choropleth, maps, palette
from lib.viz.bins import Bins
from lib.viz.charts import NUMBER_LOCALE
from lib.viz.choropleth import View
from lib.viz.map_labels import Box


@dataclass(frozen=True)
class Size:
    """The size of the map in CSS pixels and of its texts and lines."""

    width: int
    height: int
    label: int  # names on the map
    legend: int  # legend labels
    title: int  # legend title
    line: float  # outline of a programme municipality
    legend_width: int  # room for the legend beside the map
    wrap: int  # legend labels wrap after this many characters


SCREEN: Final = Size(560, 640, 14, 14, 16, 0.8, 300, 30)
SLIDE: Final = Size(600, 700, 28, 28, 28, 1.2, 440, 21)
PADDING: Final = 8  # pixels between the country and the edge of the map
SQUARE: Final = 0.8  # legend square, in legend font sizes


def view_for(boundaries: GeoJson, size: Size) -> View:
    """The whole country fitted to the image (no zooming: a picture)."""
    lat, lon, zoom = choropleth.fit(
        choropleth.country_box(boundaries),
        width=size.width,
        height=size.height,
        padding=PADDING,
    )
    return View(lat, lon, zoom, zoom, zoom)


def _shapes(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    boundaries: GeoJson,
    *,
    metric: Metric,
    bins: Bins,
    size: Size,
    lang: Lang,
) -> list[dict[str, Any]]:
    drawn = maps.areas(frame, national, metric=metric, bins=bins, lang=lang)
    chosen = set(frame.filter(pl.col("geselecteerd")).get_column("gemeentecode").to_list())
    shapes = []
    for feature in boundaries.get("features", []):
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        area = drawn.get(code) if isinstance(code, str) else None
        if area is None or not isinstance(feature.get("geometry"), dict):
            continue
        outside = area.line_width == maps.OUTSIDE_WIDTH
        shapes.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    CODE_PROPERTY: code,
                    "kleur": palette.rgb_to_hex((area.fill[0], area.fill[1], area.fill[2])),
                    "lijn": maps.OUTSIDE_LINE if outside else maps.PROGRAMME_LINE,
                    "dikte": maps.OUTSIDE_WIDTH if outside else size.line,
                    "gekozen": code in chosen,
                },
            }
        )
    return shapes


def _dot(size: Size) -> float:
    """The radius in pixels of the dot beside a name: as on the page, relative to the text."""
    return choropleth.DOT_RADIUS * size.label / choropleth.LABEL_SIZE


def _names(frame: pl.DataFrame, view: View, size: Size) -> list[dict[str, Any]]:
    points = maps.label_points(frame)
    bounds = Box(-size.width / 2, -size.height / 2, size.width / 2, size.height / 2)
    placed = choropleth.labels(points, view, size=size.label, bounds=bounds, radius=_dot(size))
    positions = {code: (lon, lat) for code, _, lon, lat in points}
    rows = choropleth.label_rows(placed, positions)
    align = {"start": "left", "middle": "center", "end": "right"}
    baseline = {"top": "top", "center": "middle", "bottom": "bottom"}
    return [
        {
            "naam": row["naam"],
            "lon": row["lon"],
            "lat": row["lat"],
            "align": align[row["anchor"]],
            "baseline": baseline[row["baseline"]],
            "dx": row["offset"][0],
            "dy": row["offset"][1],
        }
        for row in rows
    ]


def _map_layers(shapes: list[dict[str, Any]], names: list[dict[str, Any]], size: Size) -> list[Any]:
    outlines = (
        alt.Chart(alt.InlineData(values=shapes))
        .mark_geoshape()
        .encode(
            fill=alt.Fill("properties.kleur:N", scale=None),
            stroke=alt.Stroke("properties.lijn:N", scale=None),
            strokeWidth=alt.StrokeWidth("properties.dikte:Q", scale=None),
        )
    )
    chosen = [s for s in shapes if s["properties"]["gekozen"]]
    layers: list[Any] = [outlines]
    if chosen:
        layers.append(
            alt.Chart(alt.InlineData(values=chosen)).mark_geoshape(
                filled=False, stroke=palette.TEXT, strokeWidth=size.line * 3
            )
        )
    if names:
        data = alt.InlineData(values=names)
        lon, lat = alt.Longitude("lon:Q"), alt.Latitude("lat:Q")
        layers.append(
            alt.Chart(data)
            .mark_circle(
                size=(2 * _dot(size)) ** 2,
                color=palette.TEXT,
                stroke=palette.WHITE,
                strokeWidth=1,
                opacity=1,
            )
            .encode(longitude=lon, latitude=lat)
        )
        for halo in (True, False):
            layers.append(
                alt.Chart(data)
                .mark_text(
                    align=alt.ExprRef(expr="datum.align"),
                    baseline=alt.ExprRef(expr="datum.baseline"),
                    dx=alt.ExprRef(expr="datum.dx"),
                    dy=alt.ExprRef(expr="datum.dy"),
                    fontSize=size.label,
                    color=palette.TEXT,
                    stroke=palette.WHITE if halo else alt.Undefined,
                    strokeWidth=size.label / 4 if halo else alt.Undefined,
                    strokeJoin="round",
                )
                .encode(longitude=lon, latitude=lat, text=alt.Text("naam:N"))
            )
    return layers


def legend_rows(legend: pl.DataFrame, size: Size, *, top: float = 0) -> list[dict[str, Any]]:
    """One row per legend entry: its colour, its label as lines, and the pixel height at which
    its square and first line sit (the first at ``top``)."""
    rows, y = [], top + size.legend * 0.6
    for label, colour in legend.select("label", "kleur").iter_rows():
        lines = textwrap.wrap(label, size.wrap) or [label]
        rows.append({"kleur": colour, "regels": lines, "y": y})
        y += size.legend * (1.25 * len(lines) + 0.5)
    return rows


def _legend(legend: pl.DataFrame, title: str, size: Size) -> alt.LayerChart:
    title_lines = textwrap.wrap(title, size.wrap) or [title]
    rows = legend_rows(legend, size, top=size.title * 1.2 * len(title_lines) + size.legend * 0.5)
    data = alt.InlineData(values=rows)
    y = alt.Y("y:Q", scale=None, axis=None)
    square = (
        alt.Chart(data)
        .mark_square(
            size=(size.legend * SQUARE) ** 2, stroke=palette.TEXT, strokeWidth=1, opacity=1
        )
        .encode(
            x=alt.value(size.legend * SQUARE / 2 + 1), y=y, fill=alt.Fill("kleur:N", scale=None)
        )
    )
    words = (
        alt.Chart(data)
        .mark_text(
            align="left",
            baseline="middle",
            fontSize=size.legend,
            lineHeight=size.legend * 1.25,
            color=palette.TEXT,
        )
        .encode(x=alt.value(size.legend * (SQUARE + 0.6)), y=y, text=alt.Text("regels:N"))
    )
    heading = alt.Chart(alt.InlineData(values=[{"titel": title_lines}]))
    head = heading.mark_text(
        align="left",
        baseline="top",
        fontSize=size.title,
        fontWeight="bold",
        lineHeight=size.title * 1.2,
        color=palette.TEXT,
    ).encode(x=alt.value(0), y=alt.value(0), text=alt.Text("titel:N"))
    bottom = rows[-1]["y"] + size.legend * 1.25 * len(rows[-1]["regels"]) if rows else 0
    layered = alt.LayerChart(layer=[square, words, head])
    return layered.properties(width=size.legend_width, height=max(int(bottom) + size.legend, 10))


def legend_title(metric: Metric, peildatum: str | None, lang: Lang) -> str:
    """The measure, with the date of the population for a rate per 10,000 inhabitants."""
    title = t(f"measure.{metric}", lang)
    if metric in ("interventies_per_10000", "inwoners") and peildatum:
        return f"{title} ({maps.population_date(peildatum, lang)})"
    return title


def map_chart(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    boundaries: GeoJson,
    *,
    metric: Metric,
    bins: Bins,
    lang: Lang,
    size: Size = SCREEN,
) -> alt.HConcatChart:
    """``places.programme_map_frame`` as an image: the map of every municipality and its
    legend beside it."""
    view = view_for(boundaries, size)
    shapes = _shapes(frame, national, boundaries, metric=metric, bins=bins, size=size, lang=lang)
    outside = national.filter(~pl.col("in_programma")).height
    legend = maps.legend_frame(frame, metric=metric, bins=bins, lang=lang, outside=outside)
    peildatum = national.get_column("peildatum").max() if national.height else None
    the_map = alt.layer(*_map_layers(shapes, _names(frame, view, size), size)).properties(
        width=size.width,
        height=size.height,
        projection=alt.Projection(
            type="mercator",
            scale=choropleth.WORLD * 2**view.zoom / (2 * 3.141592653589793),
            center=[view.longitude, view.latitude],
            translate=[size.width / 2, size.height / 2],
        ),
    )
    key = _legend(legend, legend_title(metric, str(peildatum) if peildatum else None, lang), size)
    chart = alt.hconcat(the_map, key, spacing=size.legend).properties(
        description=t("map.alt_text", lang, n=frame.height)
    )
    configured: alt.HConcatChart = chart.configure(
        locale={"number": NUMBER_LOCALE[lang]}
    ).configure_view(stroke=None)
    return configured
