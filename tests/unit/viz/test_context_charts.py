"""The charts and the map of the Context page, tested on their specs (Vega-Lite, deck JSON):
what is drawn, how borrowed and provisional years look, and that nothing unknown is drawn."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR, SHIPPED_BOUNDARIES
from lib.contract.codes import Lang
from lib.data import geo
from lib.data.catalog import Dataset, load_dataset
from lib.domain.context_figures import age_groups, map_ranking, trend
from lib.text import context as words
from lib.viz import choropleth, context_charts, context_map, palette

Json = dict[str, Any]


@cache
def data() -> Dataset:
    return load_dataset(BUNDLED_DATA_DIR)


def named_trend(lang: Lang, named: tuple[str, ...] = ("GM0344",)) -> pl.DataFrame:
    d = data()
    frame = trend(
        d.context_table("misdrijven"),
        d.context_table("bevolking"),
        soort="drugshandel",
        selection=("GM0363", "GM0917"),
        comparison=("GM0307",),
        named=named,
    )
    names = words.place_names(d.context_table("bevolking"), d.gemeenten)
    return words.with_series_names(frame, names, lang)


def values(spec: Json, layer: Json) -> list[Json]:
    """The rows of a layer's own data (Altair moves inline rows to ``datasets``)."""
    data = layer["data"]
    rows = data["values"] if "values" in data else spec["datasets"][data["name"]]
    assert isinstance(rows, list)
    return rows


def layers(spec: Json) -> list[Json]:
    found = spec.get("layer", [])
    assert isinstance(found, list)
    return found


def test_trend_chart_draws_known_rates_solid_or_dashed() -> None:
    frame = named_trend("nl")
    years = list(range(2012, 2026))
    chart = context_charts.trend_chart(frame, lang="nl", years=years, provisional=[2024, 2025])
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    band, label, lines, points = layers(spec)
    assert band["mark"]["type"] == "rect"
    assert label["mark"]["type"] == "text"
    (provisional,) = values(spec, band)
    assert (provisional["van"], provisional["tot"]) == (2023.5, 2025.5)
    segments = values(spec, lines)
    kinds = {(row["stuk"].split("|")[1], row["inwoners_van"]) for row in segments}
    own, other = "van hetzelfde jaar", "van een ander jaar"
    assert ("2023", own) in kinds  # 2023-2024: both with their own population
    assert ("2022", other) in kinds
    assert ("2024", other) in kinds
    assert {k for y, k in kinds if y not in ("2023",)} == {other}
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]
    rows = spec["datasets"][spec["data"]["name"]]
    assert len(rows) == frame.filter(pl.col("per_1000").is_not_null()).height
    assert all(row["per_1000"] is not None for row in rows)
    fill = points["encoding"]["fill"]
    assert fill["condition"] == {"test": "datum.voorlopig", "value": palette.WHITE}
    assert (
        points["encoding"]["shape"]["scale"]["domain"]
        == frame.get_column("reeks_naam").unique(maintain_order=True).to_list()
    )


def test_a_gap_stays_a_gap_and_nothing_unknown_is_drawn() -> None:
    frame = named_trend("en").with_columns(
        pl.when(pl.col("jaar") == 2018).then(None).otherwise(pl.col("per_1000")).alias("per_1000")
    )
    spec = context_charts.trend_chart(frame, lang="en", years=range(2012, 2026)).to_dict()
    lines = layers(spec)[0]
    pieces = {row["stuk"].split("|")[1] for row in values(spec, lines)}
    assert "2017" not in pieces
    assert "2018" not in pieces
    assert "2016" in pieces
    rows = spec["datasets"][spec["data"]["name"]]
    assert 2018 not in {row["jaar"] for row in rows}


def test_each_series_keeps_its_colour_and_shape_on_every_chart() -> None:
    frame = named_trend("nl", ("GM0344", "GM0599"))
    styles = context_charts.series_styles(frame)
    names = list(styles)
    assert styles[names[0]] == (palette.BLUE, "circle")
    assert styles[names[3]][0] == palette.VERMILLION
    assert styles[names[4]][0] == palette.PURPLE
    d = data()
    ages = age_groups(d.context_table("bevolking"), jaar=2024, selection=("GM0363", "GM0917"),
                      comparison=("GM0307",), named=("GM0344", "GM0599"))  # fmt: skip
    named_ages = words.with_series_names(
        ages, words.place_names(d.context_table("bevolking"), d.gemeenten), "nl"
    )
    age_styles = context_charts.series_styles(named_ages)
    for name in ("Utrecht", "Rotterdam"):
        assert age_styles[name] == styles[name]


def test_age_chart_writes_the_share_of_each_series() -> None:
    d = data()
    frame = age_groups(d.context_table("bevolking"), jaar=2024, selection=("GM0917",),
                       named=("GM0344",))  # fmt: skip
    named = words.with_series_names(
        frame, words.place_names(d.context_table("bevolking"), d.gemeenten), "en"
    )
    spec = context_charts.age_chart(named, lang="en").to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    texts = {row["reeks_naam"]: row["tekst"] for row in rows}
    assert texts["Utrecht"].endswith("%")
    assert "." not in texts["Utrecht"]
    assert "." in texts["Selection (1 municipality)"]  # a group: one decimal
    assert layers(spec)[0]["encoding"]["x"]["axis"]["format"] == ".0%"


# ----------------------------------------------------------------------------- the map


@cache
def outlines() -> geo.GeoJson:
    loaded = geo.load_boundaries(SHIPPED_BOUNDARIES)
    assert loaded is not None
    return loaded


@cache
def points() -> pl.DataFrame:
    return geo.label_points(outlines())


def test_every_municipality_gets_a_point_inside_its_outline() -> None:
    features = geo.features_by_code(outlines())
    assert points().height == 342 == len(features)
    outside = [
        code
        for code, lat, lon in points().iter_rows()
        if not geo.contains(features[code]["geometry"], lon, lat)
    ]
    assert outside == []


def test_rate_classes_are_quintiles_and_unknown_is_no_class() -> None:
    values = [float(v) for v in range(100)]
    frame = pl.DataFrame({"waarde": [*values, None]})
    legend = context_map.legend_frame(frame, "nl")
    assert legend.get_column("aantal").to_list() == [20, 20, 20, 20, 20, 1]
    assert legend.get_column("label").to_list()[-2:] == ["80,00 of meer", "onbekend"]
    assert legend.get_column("kleur").to_list() == [*palette.SEQUENTIAL_HEX, palette.GREY]
    assert context_map.legend_frame(frame.drop_nulls(), "en").height == 5
    assert context_map.legend_frame(pl.DataFrame({"waarde": [None]}), "nl").height == 1


def _map_frame(lang: Lang, named: tuple[str, ...] = ("GM0307",)) -> pl.DataFrame:
    d = data()
    ranked = map_ranking(
        d.context_table("misdrijven"),
        d.context_table("bevolking"),
        d.context_table("programma"),
        soort="mishandeling",
        jaar=2024,
        named=named,
    )
    names = words.place_names(d.context_table("bevolking"), d.gemeenten)
    return context_map.context_map_frame(words.named_ranking(ranked, names, lang))


def test_the_adapter_has_the_columns_a_map_needs() -> None:
    frame = _map_frame("nl")
    assert frame.columns[:4] == ["gemeentecode", "waarde", "in_programma", "label"]
    assert frame.height == 342
    assert frame.get_column("in_programma").sum() == 47


def test_the_context_map_is_the_kaart_component() -> None:
    frame = _map_frame("en")
    view = choropleth.country_view(outlines())
    spec = json.loads(
        context_map.context_deck(frame, outlines(), points(), lang="en", view=view).to_json()
    )
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == [
        choropleth.AREA_LAYER_ID,
        choropleth.OUTLINE_LAYER_ID,
        choropleth.DOT_LAYER_ID,
        choropleth.LABEL_LAYER_ID,
    ]
    features = spec["layers"][0]["data"]["features"]
    assert len(features) == 342
    assert spec["layers"][0]["pickable"] is True
    thick = [f for f in features if f["properties"]["width"] == context_map.PROGRAMME_WIDTH]
    assert len(thick) == 47
    # the municipality set side by side is outlined and named first
    outlined = spec["layers"][1]["data"]["features"]
    assert [f["properties"]["statcode"] for f in outlined] == ["GM0307"]
    names = [row["naam"] for row in spec["layers"][3]["data"]]
    assert names[0] == "Amersfoort"
    assert "Amsterdam" in names  # the most populous are named where they fit
    amersfoort = next(f for f in features if f["properties"]["statcode"] == "GM0307")
    lines = amersfoort["properties"]["details"].split("\n")
    assert lines[2].startswith("Population on 1 January: ")
    assert lines[2].endswith("(2024)")
    assert lines[-1] == "In Preventie met gezag: no"
    # the same colours as the legend, by quintile
    legend = context_map.legend_frame(frame, "en")
    colours = {palette.rgb_to_hex(tuple(f["properties"]["fill"][:3])) for f in features}  # type: ignore[arg-type]
    assert colours <= set(legend.get_column("kleur").to_list())
    # no scroll trap: the wheel scrolls the page until the reader turns zoom on
    assert spec["views"][0]["controller"]["scrollZoom"] is False


def test_map_snapshot_fills_every_outline() -> None:
    frame = _map_frame("nl")
    spec = context_map.map_snapshot(frame, outlines(), points(), lang="nl").to_dict()
    the_map, _ = spec["hconcat"]
    shapes, outline, *_ = the_map["layer"]
    assert len(values(spec, shapes)) == 342
    lines = {row["properties"]["dikte"] for row in values(spec, shapes)}
    assert len(lines) == 2  # programme and the rest
    assert [s["properties"]["statcode"] for s in values(spec, outline)] == ["GM0307"]
    texts = [layer for layer in the_map["layer"] if layer["mark"]["type"] == "text"]
    assert texts
    assert values(spec, texts[-1])[0]["naam"] == "Amersfoort"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_labels_of_the_legend_follow_the_language(lang: Lang) -> None:
    legend = context_map.legend_frame(_map_frame(lang), lang)
    last = legend.get_column("label").to_list()[4]
    assert last.endswith(" of meer" if lang == "nl" else " or more")
    first = legend.get_column("label").to_list()[0]
    assert ("," in first) == (lang == "nl")
