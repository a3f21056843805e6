"""AppTest of the Kaart page: the map of every municipality with no configuration, the search,
the zoom toggle and the reset, the legend, and another boundary file. Expected figures come
from the CSV files and the shipped outlines, never from the app's code."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT

APP = str(ROOT / "app.py")
OUTLINES = ROOT / "data" / "geo" / "gemeente_2023_gegeneraliseerd_wgs84.geojson"


def rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def open_map(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def deck(at: AppTest) -> dict[str, Any]:
    (chart,) = at.get("deck_gl_json_chart")
    spec: dict[str, Any] = json.loads(chart.proto.json)
    return spec


def layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    (found,) = [item for item in spec["layers"] if item["id"] == layer_id]
    return found


def filled(spec: dict[str, Any]) -> dict[str, list[int]]:
    features = layer(spec, "gemeenten")["data"]["features"]
    return {f["properties"]["statcode"]: f["properties"]["fill"] for f in features}


def test_no_configuration_draws_every_municipality_and_colours_the_programme() -> None:
    at = open_map()
    spec = deck(at)
    fills = filled(spec)
    with OUTLINES.open(encoding="utf-8") as handle:
        shipped = {f["properties"]["statcode"] for f in json.load(handle)["features"]}
    assert set(fills) == shipped
    assert len(fills) == 342
    programme = {g["gemeentecode"] for g in rows("gemeenten")}
    assert len(programme) == 47
    outside = {tuple(fill) for code, fill in fills.items() if code not in programme}
    assert len(outside) == 1  # one light grey for every municipality outside
    assert all(tuple(fills[code]) not in outside for code in programme)
    # the view cannot be moved by the wheel until the reader turns zoom on
    (view,) = spec["views"]
    assert view["controller"]["scrollZoom"] is False
    captions = " ".join(c.value for c in at.caption)
    assert (
        "CBS / Kadaster, Gebiedsindelingen 2023 (gegeneraliseerd), via PDOK; CC BY 4.0" in captions
    )
    assert "20 gemeenten nemen deel met een eenmalige bijdrage (regeling 2024)" in captions


def test_the_legend_counts_the_programme_and_the_rest() -> None:
    at = open_map()
    legend = next(m.value for m in at.markdown if m.value.startswith("**Legenda"))
    assert "Geen interventies" in legend
    assert "Neemt niet deel" in legend
    assert legend.count("<li") == 7  # five classes, no interventions, outside


def test_a_selection_is_outlined_and_the_rest_stays_clickable() -> None:
    at = open_map({"gemeente": ["GM0503", "GM0599"]})
    spec = deck(at)
    outlined = layer(spec, "selectie")["data"]["features"]
    assert sorted(f["properties"]["statcode"] for f in outlined) == ["GM0503", "GM0599"]
    fills = filled(spec)
    amsterdam, elsewhere = fills["GM0363"], fills["GM0307"]  # programme / outside
    assert amsterdam != elsewhere
    assert layer(spec, "gemeenten")["pickable"] is True


def test_searching_den_bosch_selects_s_hertogenbosch() -> None:
    at = open_map()
    country = deck(at)["initialViewState"]["zoom"]
    at.selectbox(key="kaart_search").set_value("Den Bosch").run()
    assert not at.exception
    assert at.session_state["filter_gemeente"] == ["GM0796"]
    assert any("'s-Hertogenbosch neemt deel" in i.value for i in at.info)
    spec = deck(at)
    assert spec["initialViewState"]["zoom"] > country + 2
    outlined = layer(spec, "selectie")["data"]["features"]
    assert [f["properties"]["statcode"] for f in outlined] == ["GM0796"]


def test_searching_a_municipality_outside_the_programme_says_so() -> None:
    at = open_map()
    country = deck(at)["initialViewState"]["zoom"]
    at.selectbox(key="kaart_search").set_value("Amersfoort").run()
    assert any("Amersfoort neemt niet deel" in i.value for i in at.info)
    assert "filter_gemeente" not in at.session_state or not at.session_state["filter_gemeente"]
    spec = deck(at)
    assert spec["initialViewState"]["zoom"] > country + 2  # zoomed in on Amersfoort
    names = [row["naam"] for row in layer(spec, "gemeente-namen")["data"]]
    assert names[0] == "Amersfoort"


def test_zoom_toggle_and_reset() -> None:
    at = open_map()
    first = deck(at)
    at.toggle(key="kaart_zoom").set_value(True).run()
    moving = deck(at)
    assert moving["views"][0]["controller"]["scrollZoom"] is True
    at.selectbox(key="kaart_search").set_value("Delft").run()
    assert deck(at)["initialViewState"]["zoom"] > first["initialViewState"]["zoom"]
    at.button(key="kaart_reset").click().run()
    back = deck(at)
    assert back["initialViewState"] == first["initialViewState"]
    assert back["views"][0]["id"] != first["views"][0]["id"]  # the browser applies it again


def test_english_tooltips() -> None:
    at = open_map({"lang": "en"})
    features = layer(deck(at), "gemeenten")["data"]["features"]
    amersfoort = next(f for f in features if f["properties"]["statcode"] == "GM0307")
    assert amersfoort["properties"]["details"].startswith(
        "Does not take part in Preventie met gezag\nPopulation (1 January 2024): "
    )


def test_another_boundary_file_can_be_configured(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with OUTLINES.open(encoding="utf-8") as handle:
        data = json.load(handle)
    data["features"] = data["features"][:100]
    other = tmp_path / "gemeente_2024_gegeneraliseerd.geojson"
    other.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("PMG_BOUNDARIES", str(other))
    at = open_map()
    assert len(filled(deck(at))) == 100
    assert any("Gebiedsindelingen 2024" in c.value for c in at.caption)


def test_an_unreadable_boundary_file_falls_back_to_the_shipped_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{", encoding="utf-8")
    monkeypatch.setenv("PMG_BOUNDARIES", str(broken))
    at = open_map()
    assert len(filled(deck(at))) == 342
    assert any("kapot.geojson" in w.value for w in at.warning)
