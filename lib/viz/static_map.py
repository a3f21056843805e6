"""TODO."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY, GeoJson
from lib.domain.metrics import Metric
from lib.text.i18n import t
from lib.viz import maps, palette
from lib.viz.charts import NUMBER_LOCALE

MAP_WIDTH: Final = 620


MAP_HEIGHT: Final = 700


MAP_LABEL_SIZE: Final = 13


CONTEXT_SIZE: Final = 30.0  # area (px²) of the ring of a municipality outside the selection


def _outline_layer(boundaries: GeoJson, codes: Sequence[str]) -> alt.Chart:
    features = maps.boundary_features(boundaries, codes)["features"]
    inside = set(codes)
    values = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {CODE_PROPERTY: f["properties"][CODE_PROPERTY]},
            "binnen": f["properties"][CODE_PROPERTY] in inside,
        }
        for f in features
    ]
    fill_in = palette.rgb_to_hex(tuple(maps.BOUNDARY_FILL_IN[:3]))  # type: ignore[arg-type]
    line = palette.rgb_to_hex(tuple(maps.BOUNDARY_LINE[:3]))  # type: ignore[arg-type]
    layer: alt.Chart = (
        alt.Chart(alt.InlineData(values=values))
        .mark_geoshape(stroke=line, strokeWidth=0.6)
        .encode(
            fill=alt.condition("datum.binnen", alt.value(fill_in), alt.value(palette.WHITE)),
        )
    )
    return layer


def map_points(
    frame: pl.DataFrame, *, metric: Metric, lang: Lang, selected: Sequence[str] = ()
) -> tuple[pl.DataFrame, list[str], list[str]]:
    """The circles of the map with their class label, colour, area and label offset.

    Returns the rows and the legend (labels and colours, unknown last), as on the Kaart page.
    """
    legend = maps.legend_frame(frame, metric=metric, lang=lang)
    labels = legend.get_column("label").to_list()
    colours = legend.get_column("kleur").to_list()
    by_colour = dict(zip(colours[:-1], labels[:-1], strict=True))
    rows = []
    for point in maps.point_rows(frame, metric=metric, lang=lang, selected=selected):
        hex_colour = palette.rgb_to_hex(tuple(point["fill"][:3]))
        known = point["waarde"] is not None and not math.isnan(point["waarde"])
        rows.append(
            {
                "gemeentecode": point["gemeentecode"],
                "gemeente_naam": point["gemeente_naam"],
                "lon": point["lon"],
                "lat": point["lat"],
                "klasse": by_colour.get(hex_colour, labels[-1]) if known else labels[-1],
                "grootte": round(math.pi * point["radius"] ** 2, 1),
                "dx": point["radius"] + maps.LABEL_GAP,
                "rand": 3 if point["selected"] else 1,
                "tt_n": point["tt_n"],
                "tt_rate": point["tt_rate"],
            }
        )
    schema = {
        "gemeentecode": pl.String,
        "gemeente_naam": pl.String,
        "lon": pl.Float64,
        "lat": pl.Float64,
        "klasse": pl.String,
        "grootte": pl.Float64,
        "dx": pl.Float64,
        "rand": pl.Int64,
        "tt_n": pl.String,
        "tt_rate": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row"), labels, colours


def map_chart(
    frame: pl.DataFrame,
    *,
    metric: Metric,
    lang: Lang,
    boundaries: GeoJson | None = None,
    context: pl.DataFrame | None = None,
    selected: Sequence[str] = (),
    width: int = MAP_WIDTH,
    height: int = MAP_HEIGHT,
    label_size: int = MAP_LABEL_SIZE,
) -> alt.LayerChart:
    """``metrics.map_frame`` as a static map (Mercator): outlines when ``boundaries`` is given,
    grey rings for the other programme municipalities, a circle per municipality sized and
    coloured as on the Kaart page, the names, and a legend of the colour classes."""
    points, labels, colours = map_points(frame, metric=metric, lang=lang, selected=selected)
    layers: list[alt.Chart] = []
    if boundaries is not None:
        layers.append(_outline_layer(boundaries, frame.get_column("gemeentecode").to_list()))
    lon, lat = alt.Longitude("lon:Q"), alt.Latitude("lat:Q")
    if context is not None:
        shown = frame.get_column("gemeentecode").implode()
        others = context.filter(
            ~pl.col("gemeentecode").is_in(shown) & pl.col("lat").is_not_null()
        ).sort("gemeentecode")
        if not others.is_empty():
            layers.append(
                alt.Chart(alt.InlineData(values=others.select("lon", "lat").to_dicts()))
                .mark_point(shape="circle", filled=False, size=CONTEXT_SIZE, color=palette.GREY)
                .encode(longitude=lon, latitude=lat)
            )
    data = alt.InlineData(values=points.to_dicts())
    maat = t(f"measure.{metric}", lang)
    circles = (
        alt.Chart(data)
        .mark_circle(opacity=1, stroke=palette.TEXT)
        .encode(
            longitude=lon,
            latitude=lat,
            size=alt.Size("grootte:Q", scale=None, legend=None),
            strokeWidth=alt.StrokeWidth("rand:Q", scale=None, legend=None),
            color=alt.Color(
                "klasse:N",
                scale=alt.Scale(domain=labels, range=colours),
                sort=labels,
                title=maat,
                legend=alt.Legend(orient="right", symbolStrokeColor=palette.TEXT),
            ),
            tooltip=[
                alt.Tooltip("gemeente_naam:N", title=t("column.gemeente", lang)),
                alt.Tooltip("klasse:N", title=maat),
                alt.Tooltip("tt_n:N", title=t("column.n_interventies", lang)),
                alt.Tooltip("tt_rate:N", title=t("column.execution_rate", lang)),
            ],
        )
    )
    halo = (
        alt.Chart(data)
        .mark_text(
            align="left",
            baseline="middle",
            dx=alt.ExprRef(expr="datum.dx"),
            fontSize=label_size,
            stroke=palette.WHITE,
            strokeWidth=3,
            strokeJoin="round",
        )
        .encode(longitude=lon, latitude=lat, text=alt.Text("gemeente_naam:N"))
    )
    names = (
        alt.Chart(data)
        .mark_text(
            align="left",
            baseline="middle",
            dx=alt.ExprRef(expr="datum.dx"),
            fontSize=label_size,
            color=palette.TEXT,
        )
        .encode(longitude=lon, latitude=lat, text=alt.Text("gemeente_naam:N"))
    )
    chart = alt.LayerChart(layer=[*layers, circles, halo, names]).properties(
        width=width,
        height=height,
        projection=alt.Projection(type="mercator"),
        description=t("map.alt_text", lang, n=points.height),
    )
    configured: alt.LayerChart = chart.configure(
        locale={"number": NUMBER_LOCALE[lang]}
    ).configure_view(stroke=None)
    return configured
