"""Pure map builder: ``metrics.map_frame`` in, a pydeck ``Deck`` out, plus its legend.

The map has no base-map tiles, so it renders offline: optional municipal boundaries (thin
grey lines, the municipalities of the frame filled light), a circle per municipality whose
area grows with the chosen value and whose colour shows its class, and the name beside it.
Unknown or unreliable values are small grey circles. Everything in the tooltip is formatted
in the language beforehand. The Deck JSON is deterministic. No Streamlit here.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any, Final

import polars as pl
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY, GeoJson
from lib.domain.metrics import Metric
from lib.text.formats import UNKNOWN, fmt_int, fmt_pct
from lib.text.i18n import t
from lib.viz import palette

LAYER_ID: Final = "gemeenten"
LABEL_LAYER_ID: Final = "gemeente-namen"
BOUNDARY_LAYER_ID: Final = "grenzen"
CONTEXT_LAYER_ID: Final = "overige-gemeenten"
CONTEXT_RADIUS: Final = 3.0
CONTEXT_LINE: Final[list[int]] = [118, 118, 118, 255]

CENTRE_LAT: Final = 52.2
CENTRE_LON: Final = 5.3
ZOOM: Final = 6.5  # only when there is nothing to fit
MAP_HEIGHT: Final = 560  # pixels, as the page draws the map
MAP_MIN_WIDTH: Final = 600  # pixels: the map width (desktop) the fitted view must fit
FIT_PADDING: Final = 40  # pixels kept free around the outermost circles
MAX_ZOOM: Final = 9.0

RADIUS_MIN: Final = 5.0  # pixels, for the value 0
RADIUS_MAX: Final = 22.0  # pixels, for the largest value
RADIUS_UNKNOWN: Final = 4.0
LINE_WIDTH: Final = 1
LINE_WIDTH_SELECTED: Final = 4
LABEL_SIZE: Final = 13
LABEL_GAP: Final = 3

SHARE_METRICS: Final[frozenset[str]] = frozenset({"uitvoeringsgraad", "dekking"})
RELIABILITY_METRICS: Final = SHARE_METRICS  # null when fewer than 5 interventions

BOUNDARY_LINE: Final[list[int]] = [150, 150, 150, 255]
BOUNDARY_FILL_IN: Final[list[int]] = [232, 238, 244, 255]  # municipalities of the frame
BOUNDARY_FILL_OUT: Final[list[int]] = [255, 255, 255, 0]
OUTLINE: Final[list[int]] = [*palette.TEXT_RGB, 255]
LABEL_COLOUR: Final[list[int]] = [*palette.TEXT_RGB, 255]
LABEL_HALO: Final[list[int]] = [*palette.WHITE_RGB, 255]
TOOLTIP_STYLE: Final[dict[str, str]] = {
    "backgroundColor": palette.TEXT,
    "color": palette.WHITE,
    "fontSize": "14px",
    "lineHeight": "1.4",
    "padding": "8px",
}


def _rgba(rgb: tuple[int, int, int]) -> list[int]:
    return [*rgb, 255]


# --- classes ------------------------------------------------------------------------------------


def _top(frame: pl.DataFrame) -> float:
    value = frame.get_column("waarde").max() if frame.height else None
    return float(value) if isinstance(value, int | float) else 0.0


def class_breaks(frame: pl.DataFrame, metric: Metric) -> tuple[float, ...]:
    """Lower bounds of the five classes: fixed 20 % steps for shares, whole-number steps up to
    the largest value for counts (interventions, population)."""
    if metric in SHARE_METRICS:
        return palette.SHARE_BREAKS
    return palette.count_breaks(_top(frame))


def _unknown_label(metric: Metric, lang: Lang) -> str:
    key = "legend.unknown_or_unreliable" if metric in RELIABILITY_METRICS else "legend.unknown"
    return t(key, lang)


def legend_frame(frame: pl.DataFrame, *, metric: Metric, lang: Lang) -> pl.DataFrame:
    """The legend of the map: one row per colour class and one for unknown values.

    Columns: klasse (0-4, -1 = unknown), label, kleur (hex), van (lower bound, null for
    unknown), tot (upper bound, null when open or unknown), aantal (municipalities in it).
    """
    breaks = class_breaks(frame, metric)
    labels = palette.class_labels(breaks, lang, share=metric in SHARE_METRICS)
    values = frame.get_column("waarde").to_list()
    classes = [None if v is None else palette.class_of(v, breaks) for v in values]
    uppers: list[float | None] = [*breaks[1:], 1.0 if metric in SHARE_METRICS else None]
    return pl.DataFrame(
        {
            "klasse": [*range(len(breaks)), -1],
            "label": [*labels, _unknown_label(metric, lang)],
            "kleur": [*palette.SEQUENTIAL_HEX, palette.GREY],
            "van": [*breaks, None],
            "tot": [*uppers, None],
            "aantal": [classes.count(i) for i in range(len(breaks))] + [classes.count(None)],
        },
        schema={
            "klasse": pl.Int64,
            "label": pl.String,
            "kleur": pl.String,
            "van": pl.Float64,
            "tot": pl.Float64,
            "aantal": pl.Int64,
        },
    )


# --- points -------------------------------------------------------------------------------------


def radius(value: float | None, top: float) -> float:
    """Circle radius in pixels: area grows with the value (square root), from RADIUS_MIN at 0
    to RADIUS_MAX at ``top``; unknown values get RADIUS_UNKNOWN."""
    if value is None or math.isnan(value):
        return RADIUS_UNKNOWN
    share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
    return round(RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * math.sqrt(share), 2)


def _marked(text: str, reliable: bool) -> str:
    return text if reliable else f"{text} *"


def _tooltip_texts(row: dict[str, Any], lang: Lang) -> dict[str, str]:
    reliable = bool(row["betrouwbaar"])
    has_interventions = (row["n"] or 0) > 0
    rate = _marked(fmt_pct(row["rate"], lang), reliable) if row["rate"] is not None else None
    coverage = (
        _marked(
            t("kpi.coverage.value", lang, gedekt=row["n_gedekt"], totaal=row["totaal"]), reliable
        )
        if has_interventions
        else None
    )
    texts = {
        "tt_naam": str(row["gemeente_naam"]),
        "tt_n": fmt_int(row["n"], lang),
        "tt_rate": rate or UNKNOWN[lang],
        "tt_dekking": coverage or UNKNOWN[lang],
        "tt_inwoners": fmt_int(row["inwoners"], lang),
    }
    return {key: html.escape(value, quote=False) for key, value in texts.items()}


def point_rows(
    frame: pl.DataFrame, *, metric: Metric, lang: Lang, selected: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The data of the circle and label layers: one dict per municipality with a position."""
    breaks = class_breaks(frame, metric)
    top = 1.0 if metric in SHARE_METRICS else _top(frame)
    chosen = set(selected)
    rows = []
    placed = frame.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())
    for row in placed.sort("gemeente_naam", "gemeentecode").iter_rows(named=True):
        value = row["waarde"]
        known = value is not None and not math.isnan(value)
        fill = palette.SEQUENTIAL[palette.class_of(value, breaks)] if known else palette.GREY_RGB
        size = radius(value, top)
        rows.append(
            {
                "gemeentecode": row["gemeentecode"],
                "gemeente_naam": row["gemeente_naam"],
                "lon": row["lon"],
                "lat": row["lat"],
                "waarde": value,
                "radius": size,
                "fill": _rgba(fill),
                "line_width": LINE_WIDTH_SELECTED if row["gemeentecode"] in chosen else LINE_WIDTH,
                "selected": row["gemeentecode"] in chosen,
                "offset": [round(size + LABEL_GAP, 2), 0],
                **_tooltip_texts(row, lang),
            }
        )
    return rows


# --- layers -------------------------------------------------------------------------------------


def _scatter_layer(points: list[dict[str, Any]]) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=points,
        id=LAYER_ID,
        pickable=True,
        stroked=True,
        filled=True,
        get_position="[lon, lat]",
        get_radius="radius",
        radius_units=String("pixels"),
        get_fill_color="fill",
        get_line_color=OUTLINE,
        get_line_width="line_width",
        line_width_units=String("pixels"),
    )


def _context_layer(others: pl.DataFrame) -> pdk.Layer:
    rows = others.select("gemeentecode", "lon", "lat").sort("gemeentecode").to_dicts()
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id=CONTEXT_LAYER_ID,
        pickable=False,
        stroked=True,
        filled=False,
        get_position="[lon, lat]",
        get_radius=CONTEXT_RADIUS,
        radius_units=String("pixels"),
        get_line_color=CONTEXT_LINE,
        get_line_width=1,
        line_width_units=String("pixels"),
    )


def _label_layer(points: list[dict[str, Any]]) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=points,
        id=LABEL_LAYER_ID,
        pickable=False,
        get_position="[lon, lat]",
        get_text="gemeente_naam",
        get_size=LABEL_SIZE,
        size_units=String("pixels"),
        get_color=LABEL_COLOUR,
        get_text_anchor=String("start"),
        get_alignment_baseline=String("center"),
        get_pixel_offset="offset",
        character_set=String("auto"),
        font_family=String(palette.FONT.replace('"', "'")),
        font_settings={"sdf": True},
        outline_width=2,
        outline_color=LABEL_HALO,
    )


def boundary_features(boundaries: GeoJson, codes: Sequence[str]) -> GeoJson:
    """A copy of the FeatureCollection with only the geometry, ``statcode`` and a fill colour
    (light for the municipalities in ``codes``, transparent for the others)."""
    inside = set(codes)
    features = []
    for feature in boundaries.get("features", []):
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        fill = BOUNDARY_FILL_IN if code in inside else BOUNDARY_FILL_OUT
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {CODE_PROPERTY: code, "fill": fill},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _boundary_layer(boundaries: GeoJson, codes: Sequence[str]) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data=boundary_features(boundaries, codes),
        id=BOUNDARY_LAYER_ID,
        pickable=False,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=BOUNDARY_LINE,
        get_line_width=1,
        line_width_units=String("pixels"),
    )


def tooltip(lang: Lang) -> dict[str, Any]:
    """The deck tooltip: name and key figures, from the precomputed ``tt_*`` fields."""
    lines = [
        ("column.n_interventies", "tt_n"),
        ("column.execution_rate", "tt_rate"),
        ("column.coverage", "tt_dekking"),
        ("column.population", "tt_inwoners"),
    ]
    body = "<br/>".join(f"{html.escape(t(key, lang))}: {{{field}}}" for key, field in lines)
    return {"html": f"<b>{{tt_naam}}</b><br/>{body}", "style": dict(TOOLTIP_STYLE)}


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fitted_view(
    points: Sequence[tuple[float, float]],
    *,
    width: float = MAP_MIN_WIDTH,
    height: float = MAP_HEIGHT,
    padding: float = FIT_PADDING,
) -> dict[str, float]:
    """Centre and zoom (Web Mercator, 512-pixel world) that show every (lat, lon) point."""
    if not points:
        return {"latitude": CENTRE_LAT, "longitude": CENTRE_LON, "zoom": ZOOM}
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    top, bottom = _mercator_y(max(lats)), _mercator_y(min(lats))
    span_x = math.radians(max(lons) - min(lons)) or 1e-9
    span_y = (top - bottom) or 1e-9
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    zoom = min(MAX_ZOOM, math.log2(scale * 2 * math.pi / 512))
    centre_y = (top + bottom) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return {
        "latitude": round(centre_lat, 4),
        "longitude": round((max(lons) + min(lons)) / 2, 4),
        "zoom": round(zoom, 2),
    }


def _positions(frame: pl.DataFrame, context: pl.DataFrame | None) -> list[tuple[float, float]]:
    frames = [frame] if context is None else [frame, context]
    return [
        (lat, lon) for f in frames for lat, lon in f.select("lat", "lon").drop_nulls().iter_rows()
    ]


def municipality_deck(
    frame: pl.DataFrame,
    *,
    metric: Metric,
    lang: Lang,
    selected: tuple[str, ...] = (),
    boundaries: GeoJson | None = None,
    context: pl.DataFrame | None = None,
) -> pdk.Deck:
    """``metrics.map_frame`` as a map of the Netherlands without base tiles.

    Layers, bottom to top: boundaries (only when ``boundaries`` is given), small hollow grey
    rings for the ``context`` municipalities outside the selection (so the shape of the
    country stays readable without tiles), circles (id ``gemeenten``, pickable; the selected
    municipalities have a thick dark outline), names.
    """
    points = point_rows(frame, metric=metric, lang=lang, selected=selected)
    layers = []
    if boundaries is not None:
        layers.append(_boundary_layer(boundaries, frame.get_column("gemeentecode").to_list()))
    if context is not None:
        shown = frame.get_column("gemeentecode").implode()
        others = context.filter(~pl.col("gemeentecode").is_in(shown))
        if not others.is_empty():
            layers.append(_context_layer(others))
    layers += [_scatter_layer(points), _label_layer(points)]
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**fitted_view(_positions(frame, context))),
        # No base map: map_provider=None and pydeck's default style marker tell Streamlit to draw
        # no tiles at all (map_style=None would make it fetch a default style from the internet).
        map_provider=None,
        tooltip=tooltip(lang),
    )


def compact_json(deck: pdk.Deck) -> str:
    """The deck's JSON as ``Deck.to_json`` writes it, without the indentation: the same map in
    about half the bytes (less to send and to parse for every new view), written by the JSON
    library's C encoder instead of its Python one (``indent`` forces the latter)."""
    return json.dumps(deck, sort_keys=True, default=default_serialize)
