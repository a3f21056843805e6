"""The map component: views that fit the country, no scroll trap, outlines, layers and names,
on the deck JSON that Streamlit sends to the browser."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from lib.data import geo
from lib.viz import choropleth
from lib.viz.choropleth import Area, View
from lib.viz.map_labels import boxes_overlap

Json = dict[str, Any]
GREY = [240, 240, 240, 255]
LINE = [180, 180, 180, 255]


def deck_json(deck: Any) -> Json:
    parsed = json.loads(deck.to_json())
    assert isinstance(parsed, dict)
    return parsed


def layer(spec: Json, layer_id: str) -> Json:
    (found,) = [item for item in spec["layers"] if item["id"] == layer_id]
    return found


@pytest.fixture(scope="module")
def outlines() -> Json:
    return geo.shipped()


def square(code: str, name: str, lon: float, lat: float) -> Json:
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"statcode": code, "statnaam": name, "FID": "x.1", "rubriek": "gemeente"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


@pytest.fixture
def two() -> Json:
    return {
        "type": "FeatureCollection",
        "features": [square("GM0001", "Aa", 5.0, 52.0), square("GM0002", "Bee", 6.0, 53.0)],
    }


def corners_inside(view: View, box: tuple[float, float, float, float], w: float, h: float) -> bool:
    west, south, east, north = box
    for lon, lat in itertools.product((west, east), (south, north)):
        x, y = choropleth.project(view, lon, lat)
        if not (-w / 2 <= x <= w / 2 and -h / 2 <= y <= h / 2):
            return False
    return True


# --- views ----------------------------------------------------------------------------------------


def test_the_country_fits_the_narrowest_map(outlines: Json) -> None:
    view = choropleth.country_view(outlines)
    box = choropleth.country_box(outlines)
    assert corners_inside(view, box, choropleth.FIT_WIDTH, choropleth.MAP_HEIGHT)
    # and fills it: a little more zoom and it no longer fits
    closer = View(view.latitude, view.longitude, view.zoom + 0.1, 0, 20)
    assert not corners_inside(closer, box, choropleth.FIT_WIDTH, choropleth.MAP_HEIGHT)
    assert (view.min_zoom, view.max_zoom) == (view.zoom, view.zoom + choropleth.ZOOM_IN)


def test_country_box_without_features_is_the_netherlands() -> None:
    assert choropleth.country_box({"type": "FeatureCollection", "features": []}) == (
        3.3,
        50.7,
        7.3,
        53.6,
    )


def test_focus_view_shows_one_municipality_closer(outlines: Json) -> None:
    country = choropleth.country_view(outlines)
    delft = choropleth.focus_view(outlines, "GM0503")
    assert delft is not None
    assert delft.zoom > country.zoom + 2
    feature = geo.features_by_code(outlines)["GM0503"]
    box = geo.bbox(feature["geometry"])
    assert box is not None
    assert corners_inside(delft, box, choropleth.FIT_WIDTH, choropleth.MAP_HEIGHT)
    assert choropleth.focus_view(outlines, "GM9999") is None


def test_a_frozen_map_leaves_the_wheel_and_the_swipe_to_the_page() -> None:
    frozen = View(52, 5, 6, 6, 10).controller()
    assert not any(frozen.values())
    moving = View(52, 5, 6, 6, 10, interactive=True).controller()
    assert moving["scrollZoom"]
    assert moving["dragPan"]
    assert moving["touchZoom"]
    assert not moving["dragRotate"]


# --- outlines -----------------------------------------------------------------------------------


def test_area_features_keep_only_what_the_map_draws(two: Json) -> None:
    areas = {"GM0001": Area([1, 2, 3, 255], [4, 5, 6, 255], 2.0, "Aa-stad", "Lijn 1\nLijn 2")}
    default = Area(GREY, LINE, 0.5, "", "Doet niet mee")
    features = choropleth.area_features(two, areas, default)["features"]
    assert [f["properties"] for f in features] == [
        {
            "statcode": "GM0001",
            "naam": "Aa-stad",
            "details": "Lijn 1\nLijn 2",
            "fill": [1, 2, 3, 255],
            "line": [4, 5, 6, 255],
            "width": 2.0,
        },
        {
            "statcode": "GM0002",
            "naam": "Bee",  # the name of the outline file
            "details": "Doet niet mee",
            "fill": GREY,
            "line": LINE,
            "width": 0.5,
        },
    ]
    assert "FID" not in json.dumps(features)


def test_features_without_code_or_geometry_are_left_out(two: Json) -> None:
    broken = {
        "type": "FeatureCollection",
        "features": [
            *two["features"],
            {"type": "Feature", "properties": {"statnaam": "Geen code"}, "geometry": None},
            {"type": "Feature", "properties": {"statcode": "GM0003"}, "geometry": None},
        ],
    }
    default = Area(GREY, LINE, 0.5, "")
    codes = [
        f["properties"]["statcode"]
        for f in choropleth.area_features(broken, {}, default)["features"]
    ]
    assert codes == ["GM0001", "GM0002"]


# --- the deck -----------------------------------------------------------------------------------


def test_deck_layers_and_view(two: Json) -> None:
    view = View(52.5, 5.5, 6.0, 6.0, 10.0, nonce=3)
    names = [{"code": "GM0001", "naam": "Aa", "lon": 5.05, "lat": 52.05, "anchor": "start",
              "baseline": "center", "offset": [5.5, 0]}]  # fmt: skip
    deck = choropleth.deck(
        two, {}, Area(GREY, LINE, 0.5, ""), view, highlighted=["GM0002"], names=names
    )
    spec = deck_json(deck)
    assert [item["id"] for item in spec["layers"]] == [
        choropleth.AREA_LAYER_ID,
        choropleth.OUTLINE_LAYER_ID,
        choropleth.DOT_LAYER_ID,
        choropleth.LABEL_LAYER_ID,
    ]
    areas = layer(spec, choropleth.AREA_LAYER_ID)
    assert areas["@@type"] == "GeoJsonLayer"
    assert areas["pickable"] is True
    assert len(areas["data"]["features"]) == 2
    outline = layer(spec, choropleth.OUTLINE_LAYER_ID)
    assert outline["pickable"] is False
    assert [f["properties"]["statcode"] for f in outline["data"]["features"]] == ["GM0002"]
    assert layer(spec, choropleth.LABEL_LAYER_ID)["data"] == names
    assert spec["initialViewState"] == {
        "latitude": 52.5,
        "longitude": 5.5,
        "zoom": 6.0,
        "minZoom": 6.0,
        "maxZoom": 10.0,
        "pitch": 0,
        "bearing": 0,
    }
    (map_view,) = spec["views"]
    assert map_view["id"] == "kaart-3"  # a new view after a reset
    assert map_view["controller"]["scrollZoom"] is False
    # no base map: nothing is fetched from the internet
    assert "mapStyle" not in spec or not str(spec.get("mapStyle", "")).startswith("http")
    assert "mapbox" not in json.dumps(spec).lower()


def test_without_highlight_or_names_only_the_areas(two: Json) -> None:
    spec = deck_json(choropleth.deck(two, {}, Area(GREY, LINE, 0.5, ""), View(52, 5, 6, 6, 10)))
    assert [item["id"] for item in spec["layers"]] == [choropleth.AREA_LAYER_ID]


def test_the_tooltip_shows_name_and_details() -> None:
    tooltip = choropleth.tooltip()
    assert tooltip["html"] == "<b>{naam}</b><br/>{details}"
    assert tooltip["style"]["whiteSpace"] == "pre-line"


def test_deck_json_is_deterministic(outlines: Json) -> None:
    view = choropleth.country_view(outlines)

    def build() -> str:
        return str(choropleth.deck(outlines, {}, Area(GREY, LINE, 0.5, ""), view).to_json())

    assert build() == build()


# --- names --------------------------------------------------------------------------------------


def test_names_of_the_real_map_never_overlap_at_any_zoom(outlines: Json) -> None:
    view = choropleth.country_view(outlines)
    features = list(geo.features_by_code(outlines).items())
    points = []
    for code, feature in features:
        lon, lat = geo.label_point(feature["geometry"])
        points.append((code, str(feature["properties"]["statnaam"]), lon, lat))
    placed = choropleth.labels(points, view)
    assert 15 < len(placed) < len(points)
    assert placed[0].point.key == points[0][0]  # the first is the most important
    visible = choropleth.visible(view)
    for zoom_step in (0, 1, 2, choropleth.ZOOM_IN):
        scale = 2**zoom_step
        boxes = [(p.point.x * scale, p.point.y * scale, p.box) for p in placed]
        assert not any(boxes_overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    for label in placed:
        assert visible.left <= label.point.x + label.box.left
        assert label.point.x + label.box.right <= visible.right
        assert visible.top <= label.point.y + label.box.top
        assert label.point.y + label.box.bottom <= visible.bottom


def test_label_rows_carry_position_and_anchor(outlines: Json) -> None:
    view = choropleth.country_view(outlines)
    placed = choropleth.labels([("GM0363", "Amsterdam", 4.9, 52.37)], view)
    rows = choropleth.label_rows(placed, {"GM0363": (4.9, 52.37)})
    assert rows == [
        {
            "code": "GM0363",
            "naam": "Amsterdam",
            "lon": 4.9,
            "lat": 52.37,
            "anchor": "start",
            "baseline": "center",
            "offset": [round(choropleth.DOT_RADIUS + 3.0, 2), 0],
        }
    ]
