"""The municipality map: layers, colours, sizes, tooltip texts and legend, on the deck JSON."""

from __future__ import annotations

import json
import math
from typing import Any

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import Lang
from lib.data.catalog import Dataset, load_dataset
from lib.domain import metrics
from lib.domain import metrics as m
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.text.i18n import t
from lib.viz import maps, palette

Json = dict[str, Any]


def deck_json(deck: Any) -> Json:
    parsed = json.loads(deck.to_json())
    assert isinstance(parsed, dict)
    return parsed


def layer(spec: Json, layer_id: str) -> Json:
    (found,) = [item for item in spec["layers"] if item["id"] == layer_id]
    return found


def deck_tooltip(deck: Any) -> Json:
    """The tooltip as Streamlit reads it (pydeck keeps it beside the JSON)."""
    widget = getattr(deck, "deck_widget", None)
    if widget is not None and isinstance(widget.tooltip, dict):
        return widget.tooltip
    tooltip = deck._tooltip
    assert isinstance(tooltip, dict)
    return tooltip


def _frame(values: list[float | None], metric: metrics.Metric = "uitvoeringsgraad") -> pl.DataFrame:
    count = len(values)
    return pl.DataFrame(
        {
            "gemeentecode": [f"GM{i:04d}" for i in range(1, count + 1)],
            "gemeente_naam": [f"Plaats {chr(65 + i)}" for i in range(count)],
            "lat": [52.0 + i / 10 for i in range(count)],
            "lon": [5.0 + i / 10 for i in range(count)],
            "inwoners": [931_298 if i == 0 else None for i in range(count)],
            "golf": ["golf1_2022"] * count,
            "botoc": [True] * count,
            "n": [7 if v is not None else 3 for v in values],
            "uitgevoerd": [6 if v is not None else 2 for v in values],
            "rate": [6 / 7 if v is not None else 2 / 3 for v in values],
            "betrouwbaar": [v is not None for v in values],
            "n_gedekt": [3] * count,
            "totaal": [7] * count,
            "dekking": [3 / 7] * count,
            "waarde": values,
        },
        schema_overrides={"inwoners": pl.Int64, "waarde": pl.Float64},
    )


@pytest.fixture
def frame() -> pl.DataFrame:
    return _frame([0.1, 0.5, None, 0.9])


@pytest.fixture
def boundaries() -> Json:
    def square(x: float, y: float) -> Json:
        ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
        return {"type": "Polygon", "coordinates": [ring]}

    features = [
        {"type": "Feature", "properties": {"statcode": "GM0001", "statnaam": "A"},
         "geometry": square(4.95, 51.95)},
        {"type": "Feature", "properties": {"statcode": "GM9999", "statnaam": "Z"},
         "geometry": square(6.0, 53.0)},
    ]  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED_DATA_DIR)


# --- deck ---------------------------------------------------------------------------------------


def test_layers_without_boundaries(frame: pl.DataFrame) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    assert [item["@@type"] for item in spec["layers"]] == ["ScatterplotLayer", "TextLayer"]
    assert [item["id"] for item in spec["layers"]] == [maps.LAYER_ID, maps.LABEL_LAYER_ID]
    scatter = layer(spec, "gemeenten")
    assert scatter["pickable"] is True
    assert len(scatter["data"]) == frame.height
    assert layer(spec, maps.LABEL_LAYER_ID)["getText"] == "@@=gemeente_naam"


def test_boundary_layer_comes_first_and_only_when_given(
    frame: pl.DataFrame, boundaries: Json
) -> None:
    deck = maps.municipality_deck(
        frame, metric="uitvoeringsgraad", lang="nl", boundaries=boundaries
    )
    spec = deck_json(deck)
    assert [item["@@type"] for item in spec["layers"]] == [
        "GeoJsonLayer", "ScatterplotLayer", "TextLayer",
    ]  # fmt: skip
    grenzen = spec["layers"][0]
    assert grenzen["id"] == maps.BOUNDARY_LAYER_ID
    assert grenzen["pickable"] is False
    features = grenzen["data"]["features"]
    assert len(features) == len(boundaries["features"])  # all municipalities outlined
    fills = {f["properties"]["statcode"]: f["properties"]["fill"] for f in features}
    assert fills["GM0001"] == maps.BOUNDARY_FILL_IN  # in the frame: filled light
    assert fills["GM9999"] == maps.BOUNDARY_FILL_OUT  # elsewhere: outline only
    assert maps.BOUNDARY_FILL_OUT[3] == 0
    assert grenzen["getFillColor"] == "@@=properties.fill"
    assert grenzen["getLineColor"] == maps.BOUNDARY_LINE


def test_no_base_map_and_centred_on_the_netherlands(frame: pl.DataFrame) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="interventies", lang="en"))
    # pydeck's "no style chosen" marker: Streamlit then draws no tiles. A null style would make
    # Streamlit fetch a default base map from the internet.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert spec.get("mapProvider") is None
    view = spec["initialViewState"]
    assert 50.7 < view["latitude"] < 53.6
    assert 3.3 < view["longitude"] < 7.3


def _pixel(view: dict[str, float], lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator pixel offset of (lat, lon) from the view centre (512-pixel world)."""
    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)
    x = math.radians(lon - view["longitude"]) * scale
    y = (maps._mercator_y(view["latitude"]) - maps._mercator_y(lat)) * scale
    return x, y


@pytest.mark.parametrize("codes", [None, ("GM0995",), ("GM0014", "GM0935")])
def test_the_initial_view_fits_every_point(codes: tuple[str, ...] | None) -> None:
    data = load_dataset(BUNDLED_DATA_DIR)
    frame = m.map_frame(select(data, Filters(gemeenten=codes or ())), "interventies")
    context = m.map_context(data)
    spec = deck_json(
        maps.municipality_deck(frame, metric="interventies", lang="nl", context=context)
    )
    view = spec["initialViewState"]
    half_w = maps.MAP_MIN_WIDTH / 2 - maps.FIT_PADDING + 1e-6
    half_h = maps.MAP_HEIGHT / 2 - maps.FIT_PADDING + 1e-6
    for lat, lon in context.select("lat", "lon").iter_rows():
        x, y = _pixel(view, lat, lon)
        assert abs(x) <= half_w
        assert abs(y) <= half_h
    assert view["zoom"] == pytest.approx(6.45, abs=0.05)


def test_fitted_view_without_points_is_the_default() -> None:
    assert maps.fitted_view([]) == {"latitude": 52.2, "longitude": 5.3, "zoom": 6.5}
    assert maps.fitted_view([(52.5, 5.47)])["zoom"] == maps.MAX_ZOOM


def test_constant_strings_are_not_expressions(frame: pl.DataFrame) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    scatter, text = layer(spec, maps.LAYER_ID), layer(spec, maps.LABEL_LAYER_ID)
    assert scatter["radiusUnits"] == "pixels"
    assert scatter["lineWidthUnits"] == "pixels"
    assert text["sizeUnits"] == "pixels"
    assert text["getTextAnchor"] == "start"
    assert text["characterSet"] == "auto"
    assert not text["fontFamily"].startswith("@@=")
    assert text["getColor"][:3] == list(palette.TEXT_RGB)


def test_colours_follow_classes_and_unknown_is_grey(frame: pl.DataFrame) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    rows = {r["gemeentecode"]: r for r in layer(spec, maps.LAYER_ID)["data"]}
    assert rows["GM0001"]["fill"][:3] == list(palette.SEQUENTIAL[0])  # 10 %
    assert rows["GM0002"]["fill"][:3] == list(palette.SEQUENTIAL[2])  # 50 %
    assert rows["GM0004"]["fill"][:3] == list(palette.SEQUENTIAL[4])  # 90 %
    assert rows["GM0003"]["fill"][:3] == list(palette.GREY_RGB)
    assert rows["GM0003"]["radius"] == maps.RADIUS_UNKNOWN


def test_radius_grows_with_value_by_square_root() -> None:
    frame = _frame([0.0, 1.0, 4.0, 9.0, 16.0], "interventies")
    spec = deck_json(maps.municipality_deck(frame, metric="interventies", lang="nl"))
    rows = sorted(layer(spec, maps.LAYER_ID)["data"], key=lambda r: r["waarde"])
    radii = [r["radius"] for r in rows]
    assert radii == sorted(radii)
    assert len(set(radii)) == len(radii)
    assert radii[0] == maps.RADIUS_MIN
    assert radii[-1] == maps.RADIUS_MAX
    # area-true: the radius above the minimum grows with the square root of the value
    grow = [r - maps.RADIUS_MIN for r in radii]
    assert grow[2] == pytest.approx(grow[-1] / 2, abs=0.01)  # value 4 of 16
    assert maps.radius(None, 16) == maps.RADIUS_UNKNOWN
    assert maps.radius(float("nan"), 16) == maps.RADIUS_UNKNOWN
    assert maps.radius(3.0, 0) == maps.RADIUS_MIN


def test_selected_municipalities_get_a_thick_outline(frame: pl.DataFrame) -> None:
    deck = maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl", selected=("GM0002",))
    scatter = layer(deck_json(deck), maps.LAYER_ID)
    widths = {r["gemeentecode"]: r["line_width"] for r in scatter["data"]}
    assert widths["GM0002"] == maps.LINE_WIDTH_SELECTED
    assert {w for c, w in widths.items() if c != "GM0002"} == {maps.LINE_WIDTH}
    assert maps.LINE_WIDTH_SELECTED > maps.LINE_WIDTH
    assert scatter["stroked"] is True
    assert scatter["getLineWidth"] == "@@=line_width"
    assert scatter["getLineColor"][:3] == list(palette.TEXT_RGB)


def test_labels_sit_beside_their_circle(frame: pl.DataFrame) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    for row in layer(spec, maps.LABEL_LAYER_ID)["data"]:
        assert row["offset"][0] == pytest.approx(row["radius"] + maps.LABEL_GAP)


@pytest.mark.parametrize(
    ("lang", "rate", "unreliable", "coverage", "population", "unknown"),
    [
        ("nl", "85,7 %", "66,7 % *", "3 van 7", "931.298", "onbekend"),
        ("en", "85.7%", "66.7% *", "3 of 7", "931,298", "unknown"),
    ],
)
def test_tooltip_texts_in_the_language(
    frame: pl.DataFrame,
    lang: Lang,
    rate: str,
    unreliable: str,
    coverage: str,
    population: str,
    unknown: str,
) -> None:
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang=lang))
    rows = {r["gemeentecode"]: r for r in layer(spec, maps.LAYER_ID)["data"]}
    assert rows["GM0001"]["tt_rate"] == rate
    assert rows["GM0003"]["tt_rate"] == unreliable
    assert rows["GM0001"]["tt_dekking"] == coverage
    assert rows["GM0003"]["tt_dekking"] == f"{coverage} *"
    assert rows["GM0001"]["tt_inwoners"] == population
    assert rows["GM0002"]["tt_inwoners"] == unknown
    assert rows["GM0001"]["tt_n"] == "7"
    assert rows["GM0001"]["tt_naam"] == "Plaats A"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tooltip_template(frame: pl.DataFrame, lang: Lang) -> None:
    deck = maps.municipality_deck(frame, metric="dekking", lang=lang)
    tooltip = deck_tooltip(deck)
    html = tooltip["html"]
    for key in (
        "column.n_interventies",
        "column.execution_rate",
        "column.coverage",
        "column.population",
    ):
        assert t(key, lang) in html
    fields = {"tt_naam", "tt_n", "tt_rate", "tt_dekking", "tt_inwoners"}
    for field in fields:
        assert f"{{{field}}}" in html
    (row, *_) = layer(deck_json(deck), maps.LAYER_ID)["data"]
    assert fields <= set(row)
    assert tooltip["style"]["backgroundColor"] == palette.TEXT
    assert palette.contrast_ratio(tooltip["style"]["color"], palette.TEXT) >= 4.5


def test_tooltip_escapes_names() -> None:
    frame = _frame([0.5]).with_columns(pl.lit("<b>A&B</b>").alias("gemeente_naam"))
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    (row,) = layer(spec, maps.LAYER_ID)["data"]
    assert row["tt_naam"] == "&lt;b&gt;A&amp;B&lt;/b&gt;"
    assert row["gemeente_naam"] == "<b>A&B</b>"  # the label layer draws text, not HTML


def test_rows_without_position_are_left_out(frame: pl.DataFrame) -> None:
    moved = frame.with_columns(
        pl.when(pl.col("gemeentecode") == "GM0001").then(None).otherwise(pl.col("lat")).alias("lat")
    )
    spec = deck_json(maps.municipality_deck(moved, metric="uitvoeringsgraad", lang="nl"))
    codes = [r["gemeentecode"] for r in layer(spec, maps.LAYER_ID)["data"]]
    assert "GM0001" not in codes
    assert len(codes) == frame.height - 1


def test_deck_json_is_deterministic(frame: pl.DataFrame, boundaries: Json) -> None:
    def build() -> str:
        deck = maps.municipality_deck(
            frame, metric="uitvoeringsgraad", lang="nl", selected=("GM0001",),
            boundaries=boundaries,
        )  # fmt: skip
        return str(deck.to_json())

    assert build() == build()
    json.loads(build())


# --- legend -------------------------------------------------------------------------------------


def test_legend_for_shares(frame: pl.DataFrame) -> None:
    legend = maps.legend_frame(frame, metric="uitvoeringsgraad", lang="nl")
    assert legend.columns == ["klasse", "label", "kleur", "van", "tot", "aantal"]
    assert legend.height == palette.N_CLASSES + 1
    assert legend.get_column("kleur").to_list() == [*palette.SEQUENTIAL_HEX, palette.GREY]
    assert legend.get_column("label").to_list() == [
        "0-20 %", "20-40 %", "40-60 %", "60-80 %", "80-100 %",
        t("legend.unknown_or_unreliable", "nl"),
    ]  # fmt: skip
    assert legend.get_column("aantal").to_list() == [1, 0, 1, 0, 1, 1]
    assert legend.get_column("aantal").sum() == frame.height
    unknown = legend.filter(pl.col("klasse") == -1).row(0, named=True)
    assert unknown["van"] is None
    assert unknown["tot"] is None


def test_legend_for_counts_in_english() -> None:
    frame = _frame([0.0, 3.0, 11.0], "interventies")
    legend = maps.legend_frame(frame, metric="interventies", lang="en")
    assert legend.get_column("label").to_list() == [
        "0-1", "2-3", "4-5", "6-7", "8 or more", t("legend.unknown", "en"),
    ]  # fmt: skip
    assert legend.get_column("aantal").to_list() == [1, 1, 0, 0, 1, 0]
    assert legend.get_column("tot").to_list()[-2:] == [None, None]


def test_legend_colours_match_the_circles(frame: pl.DataFrame) -> None:
    legend = maps.legend_frame(frame, metric="uitvoeringsgraad", lang="nl")
    spec = deck_json(maps.municipality_deck(frame, metric="uitvoeringsgraad", lang="nl"))
    circle_colours = {palette.rgb_to_hex(tuple(r["fill"][:3])) for r in spec["layers"][0]["data"]}
    legend_colours = set(legend.filter(pl.col("aantal") > 0).get_column("kleur").to_list())
    assert circle_colours == legend_colours


# --- real data ----------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", metrics.METRICS)
def test_real_map_for_every_metric(dataset: Dataset, metric: metrics.Metric) -> None:
    frame = metrics.map_frame(select(dataset, Filters()), metric)
    deck = maps.municipality_deck(frame, metric=metric, lang="nl", selected=("GM0995",))
    spec = deck_json(deck)
    scatter = layer(spec, maps.LAYER_ID)
    assert len(scatter["data"]) == frame.height
    legend = maps.legend_frame(frame, metric=metric, lang="nl")
    assert legend.get_column("aantal").sum() == frame.height
    (lelystad,) = [r for r in scatter["data"] if r["gemeentecode"] == "GM0995"]
    assert lelystad["line_width"] == maps.LINE_WIDTH_SELECTED
    assert lelystad["tt_rate"] == "45,5 %"
    assert lelystad["tt_dekking"] == "5 van 7"


@pytest.mark.parametrize("with_boundaries", [False, True])
def test_the_compact_json_is_the_same_map_without_the_indentation(
    frame: pl.DataFrame, boundaries: Json, with_boundaries: bool
) -> None:
    outlines = boundaries if with_boundaries else None
    deck = maps.municipality_deck(frame, metric="interventies", lang="nl", boundaries=outlines)
    compact, indented = maps.compact_json(deck), deck.to_json()
    assert json.loads(compact) == json.loads(indented)
    assert "\n" not in compact
    assert len(compact) < 0.8 * len(indented)
