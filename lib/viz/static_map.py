"""Maps as images (PNG downloads, the map slide, the PDF and PPTX briefing), in Altair.

``image`` draws any map of the municipalities the way ``lib.viz.choropleth`` draws it on a
page: each outline filled and lined as its ``Area``, the chosen ones outlined in dark, and
names that never overlap, placed for this image's projection and size. The legend is drawn
beside the map as squares and words (long labels wrap), so it stays legible at any size.
``map_chart`` is the Kaart page's map (``lib.viz.maps``); the Context page draws its own
colours with ``image`` too.

``SCREEN`` is for a download; ``SLIDE`` is for a slide of 1920 x 1080, where the image is shown
about 5 inches (720 screen pixels) high: its names and legend are large enough to read as at
least 14 pt there. No Streamlit here.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Mapping, Sequence
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
from lib.viz.choropleth import Area, LabelPoint, View
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


def _hex(rgba: Sequence[int]) -> str:
    return palette.rgb_to_hex((rgba[0], rgba[1], rgba[2]))


def _shapes(
    boundaries: GeoJson, drawn: Mapping[str, Area], chosen: Collection[str], size: Size
) -> list[dict[str, Any]]:
    """Every outline that has an ``Area``, with its fill, its line (the width scaled to the
    image: ``Size.line`` for a width of 1) and whether it is outlined."""
    shapes = []
    for feature in boundaries.get("features", []):
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        area = drawn.get(code) if isinstance(code, str) else None
        if area is None or not isinstance(feature.get("geometry"), dict):
            continue
        shapes.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    CODE_PROPERTY: code,
                    "kleur": _hex(area.fill),
                    "lijn": _hex(area.line),
                    "dikte": round(area.line_width * size.line, 3),
                    "gekozen": code in chosen,
                },
            }
        )
    return shapes


def _dot(size: Size) -> float:
    """The radius in pixels of the dot beside a name: as on the page, relative to the text."""
    return choropleth.DOT_RADIUS * size.label / choropleth.LABEL_SIZE


def _names(points: Sequence[LabelPoint], view: View, size: Size) -> list[dict[str, Any]]:
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


CREDIT_SCALE: Final = 0.6  # the credit of the outlines, in legend font sizes
MIN_CREDIT: Final = 11  # pixels


def _credit(credit: str, size: Size) -> tuple[alt.Chart, int]:
    """The credit of the outlines as small lines, their bottom at the bottom of the map; and
    the font size."""
    font = max(MIN_CREDIT, round(size.legend * CREDIT_SCALE))
    lines = textwrap.wrap(credit, round(size.wrap / CREDIT_SCALE)) or [credit]
    mark = alt.Chart(alt.InlineData(values=[{"regels": lines}])).mark_text(
        align="left",
        baseline="bottom",
        fontSize=font,
        lineHeight=font * 1.25,
        color=palette.TEXT,
    )
    top = size.height - font * 1.25 * (len(lines) - 1)
    return mark.encode(x=alt.value(0), y=alt.value(top), text=alt.Text("regels:N")), font


def _legend(legend: pl.DataFrame, title: str, size: Size, credit: str = "") -> alt.LayerChart:
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
    layers: list[Any] = [square, words, head]
    height = max(int(bottom) + size.legend, 10)
    if credit:
        layers.append(_credit(credit, size)[0])
        height = max(height, size.height)
    return alt.LayerChart(layer=layers).properties(width=size.legend_width, height=height)


def legend_title(metric: Metric, peildatum: str | None, lang: Lang) -> str:
    """The measure, with the date of the population for a rate per 10,000 inhabitants."""
    title = t(f"measure.{metric}", lang)
    if metric in ("interventies_per_10000", "inwoners") and peildatum:
        return f"{title} ({maps.population_date(peildatum, lang)})"
    return title


def image(
    boundaries: GeoJson,
    drawn: Mapping[str, Area],
    *,
    legend: pl.DataFrame,
    title: str,
    description: str,
    lang: Lang,
    chosen: Collection[str] = (),
    points: Sequence[LabelPoint] = (),
    size: Size = SCREEN,
    credit: str = "",
) -> alt.HConcatChart:
    """Any map of the municipalities as an image: each outline drawn as its ``Area`` (those
    without one are left out), the ``chosen`` ones outlined in dark, the names of ``points``
    ((code, name, lon, lat), most important first) where they fit, and beside the map the
    ``legend`` (columns ``label`` and ``kleur``) under ``title`` and, at the bottom, the
    ``credit`` of the outlines (so the image carries it wherever it goes)."""
    view = view_for(boundaries, size)
    the_map = alt.layer(
        *_map_layers(_shapes(boundaries, drawn, chosen, size), _names(points, view, size), size)
    ).properties(
        width=size.width,
        height=size.height,
        projection=alt.Projection(
            type="mercator",
            scale=choropleth.WORLD * 2**view.zoom / (2 * math.pi),
            center=[view.longitude, view.latitude],
            translate=[size.width / 2, size.height / 2],
        ),
    )
    chart = alt.hconcat(
        the_map, _legend(legend, title, size, credit), spacing=size.legend
    ).properties(description=description)
    configured: alt.HConcatChart = chart.configure(
        locale={"number": NUMBER_LOCALE[lang]}
    ).configure_view(stroke=None)
    return configured


def map_chart(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    boundaries: GeoJson,
    *,
    metric: Metric,
    bins: Bins,
    lang: Lang,
    size: Size = SCREEN,
    credit: str = "",
) -> alt.HConcatChart:
    """``places.programme_map_frame`` as an image: the map of every municipality (the Kaart
    page's) and its legend and the ``credit`` of the outlines beside it."""
    outside = national.filter(~pl.col("in_programma")).height
    peildatum = national.get_column("peildatum").max() if national.height else None
    return image(
        boundaries,
        maps.areas(frame, national, metric=metric, bins=bins, lang=lang),
        legend=maps.legend_frame(frame, metric=metric, bins=bins, lang=lang, outside=outside),
        title=legend_title(metric, str(peildatum) if peildatum else None, lang),
        description=t("map.alt_text", lang, n=frame.height),
        lang=lang,
        chosen=frame.filter(pl.col("geselecteerd")).get_column("gemeentecode").to_list(),
        points=maps.label_points(frame),
        size=size,
        credit=credit,
    )
