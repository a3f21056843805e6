"""A map of every municipality of the Netherlands as a pydeck deck: offline, no scroll trap.

The building block of every map of the dashboard: give it the municipal outlines and, per
municipality, how to draw it (``Area``: fill, outline, name and tooltip lines), the names to
show (``labels``) and the view (``View``); any page can colour all 342 municipalities by any
numeric column this way and draw its own legend beside it (see ``lib.viz.bins``).

- No base-map tiles: the outlines are the map, so it draws without an internet connection.
- Layers, bottom to top: the municipalities (id ``gemeenten``, pickable: hover shows the
  tooltip, a click selects), a thick outline around the highlighted ones, a dot at each
  labelled point, the names. Streamlit reports a click as the feature of ``gemeenten``.
- The view opens on the whole country as it fits the narrowest map (a phone, ``FIT_WIDTH``)
  and cannot zoom out beyond it, so the names placed for it never overlap
  (``lib.viz.map_labels``). Unless ``View.interactive``, the map neither zooms nor pans: the
  mouse wheel and a swipe scroll the page. ``View.nonce`` makes the browser apply the view
  again (a reset), even when it did not change.
- Every text is formatted beforehand (the tooltip shows the ``naam`` and ``details``
  properties; the browser escapes them). The deck JSON is deterministic. No Streamlit here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pydeck as pdk
from pydeck.types import String

from lib.data.geo import CODE_PROPERTY, NAME_PROPERTY, GeoJson, bbox
from lib.viz import palette
from lib.viz.map_labels import Box, Label, Point, place_labels

Rgba = list[int]
LabelPoint = tuple[str, str, float, float]
"""(code, name, lon, lat) of a place to name on a map."""

AREA_LAYER_ID: Final = "gemeenten"
OUTLINE_LAYER_ID: Final = "selectie"
DOT_LAYER_ID: Final = "kaartpunten"
LABEL_LAYER_ID: Final = "gemeente-namen"

MAP_HEIGHT: Final = 420  # pixels, as the page draws the map
FIT_WIDTH: Final = 340  # pixels: the narrowest map (a phone 375 wide) the first view must fit
FIT_PADDING: Final = 6  # pixels kept free around the country
ZOOM_IN: Final = 4.0  # zoom levels a reader may zoom in beyond the first view (16 times)
FOCUS_ZOOM: Final = 10.0  # the closest first view, for one small municipality
LABEL_SIZE: Final = 13
LABEL_PADDING: Final = 0.2  # space kept free between names and dots, in text sizes
FREE_NAMES: Final = 7  # the most important names, which may cover less important places
DOT_RADIUS: Final = 2.5
HIGHLIGHT_WIDTH: Final = 3  # pixels: the outline of highlighted municipalities
WORLD: Final = 512  # pixels of the Web Mercator world at zoom 0 (deck.gl)

LABEL_COLOUR: Final[Rgba] = [*palette.TEXT_RGB, 255]
LABEL_HALO: Final[Rgba] = [*palette.WHITE_RGB, 255]
HIGHLIGHT: Final[Rgba] = [*palette.TEXT_RGB, 255]
HOVER: Final[Rgba] = [*palette.TEXT_RGB, 60]
TOOLTIP_STYLE: Final[dict[str, str]] = {
    "backgroundColor": palette.TEXT,
    "color": palette.WHITE,
    "fontSize": "14px",
    "lineHeight": "1.4",
    "padding": "8px",
    "whiteSpace": "pre-line",  # the details are lines of text
    "maxWidth": "320px",
}
FROZEN: Final[dict[str, bool]] = {
    "scrollZoom": False,
    "dragPan": False,
    "dragRotate": False,
    "doubleClickZoom": False,
    "touchZoom": False,
    "touchRotate": False,
    "keyboard": False,
}
INTERACTIVE: Final[dict[str, bool]] = {
    "scrollZoom": True,
    "dragPan": True,
    "dragRotate": False,
    "doubleClickZoom": True,
    "touchZoom": True,
    "touchRotate": False,
    "keyboard": True,
}


@dataclass(frozen=True)
class Area:
    """How one municipality is drawn: fill and outline (RGBA), outline width in pixels, and
    the name and lines of its tooltip."""

    fill: Rgba
    line: Rgba
    line_width: float
    name: str
    details: str = ""


@dataclass(frozen=True)
class View:
    """Where the map opens, how far a reader may zoom, and whether the map moves at all."""

    latitude: float
    longitude: float
    zoom: float
    min_zoom: float
    max_zoom: float
    interactive: bool = False
    nonce: int = 0

    def controller(self) -> dict[str, bool]:
        return dict(INTERACTIVE if self.interactive else FROZEN)


# --- projection and views ---------------------------------------------------------------------


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _scale(zoom: float) -> float:
    return WORLD * 2**zoom / (2 * math.pi)


def project(view: View, lon: float, lat: float) -> tuple[float, float]:
    """Pixels of (lon, lat) from the centre of the map at the view's zoom (y down)."""
    scale = _scale(view.zoom)
    return (
        math.radians(lon - view.longitude) * scale,
        (_mercator_y(view.latitude) - _mercator_y(lat)) * scale,
    )


def fit(
    box: tuple[float, float, float, float],
    *,
    width: float = FIT_WIDTH,
    height: float = MAP_HEIGHT,
    padding: float = FIT_PADDING,
    max_zoom: float = FOCUS_ZOOM,
) -> tuple[float, float, float]:
    """(latitude, longitude, zoom) that show the box (west, south, east, north) whole."""
    west, south, east, north = box
    top, bottom = _mercator_y(north), _mercator_y(south)
    span_x = math.radians(east - west) or 1e-9
    span_y = (top - bottom) or 1e-9
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    zoom = min(max_zoom, math.log2(scale * 2 * math.pi / WORLD))
    centre = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    return round(centre, 5), round((east + west) / 2, 5), math.floor(zoom * 1000) / 1000


def country_box(boundaries: GeoJson) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every municipality together."""
    boxes = [b for f in boundaries.get("features", []) if (b := bbox(f.get("geometry") or {}))]
    if not boxes:
        return 3.3, 50.7, 7.3, 53.6
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def country_view(boundaries: GeoJson, *, interactive: bool = False, nonce: int = 0) -> View:
    """The whole country, fitted to the narrowest map; no zooming out beyond it."""
    lat, lon, zoom = fit(country_box(boundaries))
    return View(lat, lon, zoom, zoom, zoom + ZOOM_IN, interactive, nonce)


def focus_view(
    boundaries: GeoJson, code: str, *, interactive: bool = False, nonce: int = 0
) -> View | None:
    """One municipality and its surroundings (``None`` when it has no outline); the reader
    cannot zoom out beyond it (the reset goes back to the country)."""
    feature = next(
        (
            f
            for f in boundaries.get("features", [])
            if (f.get("properties") or {}).get(CODE_PROPERTY) == code
        ),
        None,
    )
    box = bbox((feature or {}).get("geometry") or {})
    if box is None:
        return None
    margin_x, margin_y = (box[2] - box[0]) * 0.6, (box[3] - box[1]) * 0.6
    wide = (box[0] - margin_x, box[1] - margin_y, box[2] + margin_x, box[3] + margin_y)
    lat, lon, zoom = fit(wide)
    return View(lat, lon, zoom, zoom, zoom + ZOOM_IN, interactive, nonce)


def visible(view: View) -> Box:
    """The part of the map every screen shows at the first view, around its centre."""
    return Box(-FIT_WIDTH / 2 + 2, -MAP_HEIGHT / 2 + 2, FIT_WIDTH / 2 - 2, MAP_HEIGHT / 2 - 2)


# --- names --------------------------------------------------------------------------------------


def labels(
    points: Sequence[LabelPoint],
    view: View,
    *,
    size: float = LABEL_SIZE,
    bounds: Box | None = None,
    radius: float = DOT_RADIUS,
) -> list[Label]:
    """Names for (key, text, lon, lat) points, most important first, that never overlap at
    any zoom the view allows, inside ``bounds`` (default: what every screen shows first), with
    a gap between them that grows with the text size; only the first ``FREE_NAMES`` may cover
    the point of a place named after them (``map_labels.place_labels``)."""
    placed = [Point(key, text, *project(view, lon, lat)) for key, text, lon, lat in points]
    return place_labels(
        placed,
        size=size,
        bounds=visible(view) if bounds is None else bounds,
        radius=radius,
        max_scale=2 ** (view.max_zoom - view.zoom),
        padding=size * LABEL_PADDING,
        exempt=FREE_NAMES,
    )


def label_rows(
    placed: Sequence[Label], positions: Mapping[str, tuple[float, float]]
) -> list[dict[str, Any]]:
    """The data of the dot and name layers: position, text and how the text is anchored."""
    return [
        {
            "code": label.point.key,
            "naam": label.point.text,
            "lon": positions[label.point.key][0],
            "lat": positions[label.point.key][1],
            "anchor": label.position.anchor,
            "baseline": label.position.baseline,
            "offset": [round(label.position.dx, 2), round(label.position.dy, 2)],
        }
        for label in placed
    ]


# --- layers -------------------------------------------------------------------------------------


def area_features(boundaries: GeoJson, areas: Mapping[str, Area], default: Area) -> GeoJson:
    """The outlines with only what the map draws: code, colours, width, name and details.

    A municipality without an ``Area`` is drawn as ``default`` under its own name.
    """
    features = []
    for feature in boundaries.get("features", []):
        geometry = feature.get("geometry")
        properties = feature.get("properties") or {}
        code = properties.get(CODE_PROPERTY)
        if not isinstance(geometry, dict) or not isinstance(code, str):
            continue
        area = areas.get(code) or Area(
            default.fill,
            default.line,
            default.line_width,
            str(properties.get(NAME_PROPERTY) or code),
            default.details,
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    CODE_PROPERTY: code,
                    "naam": area.name,
                    "details": area.details,
                    "fill": area.fill,
                    "line": area.line,
                    "width": area.line_width,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _placeholder(layer_id: str) -> str:
    return f"@@pmg-data:{layer_id}@@"


def _area_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data=_placeholder(AREA_LAYER_ID),
        id=AREA_LAYER_ID,
        pickable=True,
        auto_highlight=True,
        highlight_color=HOVER,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width="properties.width",
        line_width_units=String("pixels"),
        # Only the fill answers a hover or click: picking the 342 outlines as well takes half
        # a second without a graphics card, and a click held that long is no click to deck.gl.
        _sub_layer_props={"polygons-stroke": {"pickable": False}},
    )


def _outline_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data=_placeholder(OUTLINE_LAYER_ID),
        id=OUTLINE_LAYER_ID,
        pickable=False,
        stroked=True,
        filled=False,
        get_line_color=HIGHLIGHT,
        get_line_width=HIGHLIGHT_WIDTH,
        line_width_units=String("pixels"),
    )


def _dot_layer() -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=_placeholder(DOT_LAYER_ID),
        id=DOT_LAYER_ID,
        pickable=False,
        stroked=True,
        filled=True,
        get_position="[lon, lat]",
        get_radius=DOT_RADIUS,
        radius_units=String("pixels"),
        get_fill_color=LABEL_COLOUR,
        get_line_color=LABEL_HALO,
        get_line_width=1,
        line_width_units=String("pixels"),
    )


def _label_layer(size: float) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=_placeholder(LABEL_LAYER_ID),
        id=LABEL_LAYER_ID,
        pickable=False,
        get_position="[lon, lat]",
        get_text="naam",
        get_size=size,
        size_units=String("pixels"),
        get_color=LABEL_COLOUR,
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        character_set=String("auto"),
        font_family=String(palette.FONT.replace('"', "'")),
        font_settings={"sdf": True},
        outline_width=2,
        outline_color=LABEL_HALO,
    )


def tooltip() -> dict[str, Any]:
    """The tooltip: the name in bold and the details below it, from each feature."""
    return {"html": "<b>{naam}</b><br/>{details}", "style": dict(TOOLTIP_STYLE)}


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _with_data(spec: str, data: Mapping[str, object]) -> str:
    """The deck JSON with each layer's data in place of its placeholder."""
    text = _compact(json.loads(spec))
    for layer_id, rows in data.items():
        text = text.replace(json.dumps(_placeholder(layer_id)), _compact(rows), 1)
    return text


def deck(
    boundaries: GeoJson,
    areas: Mapping[str, Area],
    default: Area,
    view: View,
    *,
    highlighted: Sequence[str] = (),
    names: Sequence[dict[str, Any]] = (),
    label_size: float = LABEL_SIZE,
) -> pdk.Deck:
    """The map: every municipality of ``boundaries`` drawn as its ``Area`` (or ``default``),
    the ``highlighted`` ones outlined, and the ``names`` (``label_rows``).

    pydeck describes the layers and the view; the data (the outlines, about 200 kB) are put
    into its JSON as compact JSON once, so ``to_json`` returns a fixed text quickly.
    """
    features = area_features(boundaries, areas, default)
    layers = [_area_layer()]
    data: dict[str, object] = {AREA_LAYER_ID: features}
    if highlighted:
        chosen = set(highlighted)
        layers.append(_outline_layer())
        data[OUTLINE_LAYER_ID] = {
            "type": "FeatureCollection",
            "features": [
                f for f in features["features"] if f["properties"][CODE_PROPERTY] in chosen
            ],
        }
    if names:
        layers += [_dot_layer(), _label_layer(label_size)]
        data[DOT_LAYER_ID] = data[LABEL_LAYER_ID] = list(names)
    result = pdk.Deck(
        layers=layers,
        views=[pdk.View(type="MapView", controller=view.controller(), id=f"kaart-{view.nonce}")],
        initial_view_state=pdk.ViewState(
            latitude=view.latitude,
            longitude=view.longitude,
            zoom=view.zoom,
            min_zoom=view.min_zoom,
            max_zoom=view.max_zoom,
            pitch=0,
            bearing=0,
        ),
        # No base map: map_provider=None and pydeck's default style marker tell Streamlit to draw
        # no tiles at all (map_style=None would make it fetch a default style from the internet).
        map_provider=None,
        tooltip=tooltip(),
    )
    text = _with_data(result.to_json(), data)
    result.to_json = lambda: text  # what Streamlit and the tests read
    return result
