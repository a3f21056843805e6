"""Charts as files: PNG and SVG rendered on the server with vl-convert, from the same spec.

``for_export`` wraps a chart of ``lib.charts`` in a title, a subtitle with the active filters, a
source line and (where it applies) the example-data notice, so a downloaded image stands on
its own. ``to_png``/``to_svg`` render it without a browser and without network access: the
data are always inline and vl-convert may fetch nothing (``allowed_base_urls=[]``).

``map_chart`` is the offline snapshot of the map: the circles of ``lib.maps`` (same size,
colour classes and names) on a Mercator projection, with municipal outlines when a boundary
file is configured. ``slide_spec`` makes any chart readable on a projector (larger type, a
fixed height). No Streamlit here.
"""

from __future__ import annotations

import copy
import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

import altair as alt
import polars as pl

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY, GeoJson
from lib.domain.metrics import Metric
from lib.text.i18n import t
from lib.viz import maps, palette
from lib.viz.charts import NUMBER_LOCALE

PNG_SCALE: Final = 2.0  # twice the CSS pixels: sharp on a 1920x1080 slide
SLIDE_FONT_SCALE: Final = 1.4
TITLE_SIZE: Final = 22
SUBTITLE_SIZE: Final = 15
FOOTER_SIZE: Final = 12
LINE_CHARS: Final = 110  # a footer or subtitle line wraps after this many characters
MAP_WIDTH: Final = 620
MAP_HEIGHT: Final = 700
MAP_LABEL_SIZE: Final = 13
CONTEXT_SIZE: Final = 30.0  # area (px²) of the ring of a municipality outside the selection
FONT_KEYS: Final = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
LIMIT_KEYS: Final = ("labelLimit", "titleLimit")


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``, recursively for nested dicts (neither is changed)."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def spec_of(chart: alt.TopLevelMixin | Mapping[str, Any]) -> dict[str, Any]:
    """The Vega-Lite spec of ``chart`` with the dashboard theme, whatever theme is enabled."""
    spec = dict(chart) if isinstance(chart, Mapping) else chart.to_dict()
    return _merge(palette.theme(), spec)


def _lines(text: str | Sequence[str] | None) -> list[str]:
    if not text:
        return []
    parts = [text] if isinstance(text, str) else list(text)
    return [line for part in parts if part for line in textwrap.wrap(part, LINE_CHARS)]


def for_export(
    chart: alt.TopLevelMixin,
    *,
    title: str,
    subtitle: str | Sequence[str] | None = None,
    source: str | Sequence[str] | None = None,
    notice: str | None = None,
) -> alt.VConcatChart:
    """``chart`` with a title and subtitle above it and the source and notice below it.

    The chart's own configuration (number locale) moves to the top level; the footer is the
    bottom title of an inner concat, anchored to the full width so it starts at the left edge.
    """
    inner: Any = cast(Any, chart).copy(deep=True)
    config = inner.config
    inner.config = alt.Undefined
    footer = _lines(source)
    notes = _lines(notice)
    body: alt.VConcatChart = alt.vconcat(inner)
    if footer or notes:
        body = alt.vconcat(
            inner,
            title=alt.TitleParams(
                text=footer or notes,
                subtitle=notes if footer else alt.Undefined,
                orient="bottom",
                anchor="start",
                frame="bounds",
                fontSize=FOOTER_SIZE,
                fontWeight="normal",
                subtitleFontSize=FOOTER_SIZE,
                subtitleFontStyle="italic",
                color=palette.TEXT,
                subtitleColor=palette.TEXT,
                offset=18,
            ),
        )
    framed = alt.vconcat(
        body,
        title=alt.TitleParams(
            text=title,
            subtitle=_lines(subtitle) or alt.Undefined,
            anchor="start",
            frame="bounds",
            fontSize=TITLE_SIZE,
            subtitleFontSize=SUBTITLE_SIZE,
            color=palette.TEXT,
            subtitleColor=palette.TEXT,
            offset=14,
        ),
        padding=16,
    )
    if config is not alt.Undefined:
        framed.config = config
    return framed


def to_png(chart: alt.TopLevelMixin | Mapping[str, Any], *, scale: float = PNG_SCALE) -> bytes:
    """A PNG of ``chart`` at ``scale`` times its size, rendered offline."""
    import vl_convert as vlc  # on first export only: it takes a while to load

    return bytes(vlc.vegalite_to_png(spec_of(chart), scale=scale, allowed_base_urls=[]))


def to_svg(chart: alt.TopLevelMixin | Mapping[str, Any]) -> str:
    """An SVG of ``chart``, rendered offline."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec_of(chart), allowed_base_urls=[]))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --- slides -------------------------------------------------------------------------------------


def _scaled_config(config: Mapping[str, Any], factor: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in config.items():
        if isinstance(value, Mapping):
            out[key] = {
                k: (
                    round(v * factor)
                    if k in (*FONT_KEYS, *LIMIT_KEYS) and isinstance(v, int | float)
                    else v
                )
                for k, v in value.items()
            }
        else:
            out[key] = value
    return out


def slide_spec(
    chart: alt.TopLevelMixin,
    *,
    description: str = "",
    max_height: int | None = None,
    font_scale: float = SLIDE_FONT_SCALE,
) -> dict[str, Any]:
    """The spec of ``chart`` for a slide: type ``font_scale`` times larger, no title on a
    category axis and, when its height grows with the rows (a step), at most ``max_height``
    pixels high."""
    spec = spec_of(chart)
    config = spec.get("config", {})
    spec["config"] = _scaled_config(config, font_scale)
    spec["config"].setdefault("text", {})["fontSize"] = round(palette.LABEL_SIZE * font_scale)
    height = spec.get("height")
    if max_height is not None and isinstance(height, Mapping) and "step" in height:
        rows = _row_count(spec)
        spec["height"] = min(max_height, max(rows, 1) * int(height["step"] * font_scale))
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y")
        if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal"):
            y["title"] = None  # the slide title names the rows; saves room for the labels
    if description:
        spec["description"] = description
    return spec


def _row_count(spec: Mapping[str, Any]) -> int:
    """Distinct values on the y axis of a (layered) chart: how many rows it draws."""
    datasets = spec.get("datasets", {})
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y", {})
        field = y.get("field")
        data = layer.get("data") or spec.get("data") or {}
        values = data.get("values", datasets.get(data.get("name")))
        if field and isinstance(values, list) and y.get("type") in ("nominal", "ordinal"):
            return len({row.get(field) for row in values if isinstance(row, Mapping)})
    return 1


# --- the static map -----------------------------------------------------------------------------


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
