"""``scripts/fetch_boundaries.py`` without a network: URLs, paging, slimming, rounding, failure."""

from __future__ import annotations

import importlib.util
import json
import urllib.parse
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lib.config import ROOT


def _load() -> ModuleType:
    path = ROOT / "scripts" / "fetch_boundaries.py"
    spec = importlib.util.spec_from_file_location("fetch_boundaries", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fb = _load()

SQUARE = [[5.12345, 52.0], [5.2, 52.0], [5.2, 52.1], [5.12345, 52.1], [5.12345, 52.0]]


def _feature(code: str, *, ring: list[list[float]] | None = None) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": f"gemeente_gegeneraliseerd.{code}",
        "properties": {
            "statcode": code,
            "jrstatcode": f"2023{code}",
            "statnaam": f"Naam {code}",
            "rubriek": "gemeente",
        },
        "geometry": {"type": "Polygon", "coordinates": [ring or SQUARE]},
    }


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def test_page_url_asks_for_one_page_of_the_generalised_layer_in_wgs84() -> None:
    url = fb.page_url(2024, 2000, 1000)
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0"
    )
    assert _query(url) == {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeName": "gemeente_gegeneraliseerd",
        "outputFormat": "json",
        "srsName": "EPSG:4326",
        "count": "1000",
        "startIndex": "2000",
    }


def test_page_url_rejects_a_negative_start() -> None:
    with pytest.raises(ValueError, match="start_index"):
        fb.page_url(2023, -1)


def test_paging_continues_until_a_page_is_not_full() -> None:
    pages = {0: [_feature("GM0001"), _feature("GM0002")], 2: [_feature("GM0003")]}
    asked: list[int] = []

    def fetch(url: str) -> dict[str, Any]:
        start = int(_query(url)["startIndex"])
        asked.append(start)
        return {"type": "FeatureCollection", "features": pages.get(start, [])}

    codes = [f["properties"]["statcode"] for f in fb.iter_features(2023, fetch, page_size=2)]
    assert codes == ["GM0001", "GM0002", "GM0003"]
    assert asked == [0, 2]


def test_paging_asks_one_empty_page_after_an_exactly_full_one() -> None:
    asked: list[int] = []

    def fetch(url: str) -> dict[str, Any]:
        start = int(_query(url)["startIndex"])
        asked.append(start)
        return {"features": [_feature("GM0001"), _feature("GM0002")] if start == 0 else []}

    assert len(list(fb.iter_features(2023, fetch, page_size=2))) == 2
    assert asked == [0, 2]


def test_paging_stops_after_the_page_guard() -> None:
    def fetch(url: str) -> dict[str, Any]:
        return {"features": [_feature("GM0001")]}

    with pytest.raises(fb.FetchError, match="more than 3 pages"):
        list(fb.iter_features(2023, fetch, page_size=1, max_pages=3))


def test_slim_feature_keeps_code_and_name_and_rounds() -> None:
    slim = fb.slim_feature(_feature("GM0363"))
    assert slim["id"] == "GM0363"
    assert slim["properties"] == {"statcode": "GM0363", "statnaam": "Naam GM0363"}
    assert slim["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[5.123, 52.0], [5.2, 52.0], [5.2, 52.1], [5.123, 52.1], [5.123, 52.0]]],
    }


def test_rounding_drops_repeated_points_but_keeps_a_closed_ring() -> None:
    ring = [[5.0, 52.0], [5.0001, 52.0001], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]
    rounded = fb.round_geometry({"type": "MultiPolygon", "coordinates": [[ring]]})
    assert rounded["coordinates"] == [
        [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]]
    ]
    tiny = [[5.0, 52.0], [5.0001, 52.0], [5.0002, 52.0001], [5.0, 52.0]]
    assert fb.round_geometry({"type": "Polygon", "coordinates": [tiny]})["coordinates"] == [
        [[5.0, 52.0]] * 4
    ]


def test_rounding_drops_a_height_value() -> None:
    assert fb.round_position([5.12345, 52.98765, 3.0]) == [5.123, 52.988]


def test_latitude_first_answers_are_swapped() -> None:
    swapped = [[p[1], p[0]] for p in SQUARE]
    slim = fb.slim_feature(_feature("GM0014", ring=swapped))
    assert slim["geometry"]["coordinates"][0][0] == [5.123, 52.0]


def test_coordinates_outside_the_netherlands_are_refused() -> None:
    with pytest.raises(fb.FetchError, match="not in the Netherlands"):
        fb.slim_feature(_feature("GM0014", ring=[[155000.0, 463000.0]] * 4))


def test_a_feature_without_a_code_is_refused() -> None:
    feature = _feature("GM0014")
    del feature["properties"]["statcode"]
    with pytest.raises(fb.FetchError, match="statcode"):
        fb.slim_feature(feature)


def test_output_is_sorted_one_feature_a_line_and_stable() -> None:
    features = [fb.slim_feature(_feature(c)) for c in ("GM0200", "GM0003", "GM0100")]
    text = fb.to_geojson(features)
    assert text == fb.to_geojson(list(reversed(features)))
    lines = text.splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-1] == "]}"
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == [
        "GM0003",
        "GM0100",
        "GM0200",
    ]
    assert [f["id"] for f in json.loads(text)["features"]] == ["GM0003", "GM0100", "GM0200"]


def test_a_code_returned_twice_is_refused() -> None:
    feature = fb.slim_feature(_feature("GM0003"))
    with pytest.raises(fb.FetchError, match="twice"):
        fb.to_geojson([feature, feature])


def test_run_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def fetch(url: str) -> dict[str, Any]:
        return {"features": [_feature("GM0002"), _feature("GM0001")]}

    out = tmp_path / "geo" / "gemeente.geojson"
    assert fb.run(["--year", "2024", "--out", str(out)], fetch=fetch) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [f["id"] for f in written["features"]] == ["GM0001", "GM0002"]
    assert "2 municipalities" in capsys.readouterr().out
    assert sorted(p.name for p in out.parent.iterdir()) == ["gemeente.geojson"]


def test_offline_run_fails_clearly_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def offline(url: str) -> dict[str, Any]:
        raise fb.FetchError("could not reach the PDOK service (no network)")

    out = tmp_path / "old.geojson"
    out.write_text("previous", encoding="utf-8")
    assert fb.run(["--out", str(out)], fetch=offline) == 2
    message = capsys.readouterr().err
    assert "could not reach the PDOK service" in message
    assert "https://service.pdok.nl/cbs/gebiedsindelingen/2023/wfs/v1_0" in message
    assert "Nothing was written" in message
    assert out.read_text(encoding="utf-8") == "previous"


def test_fetch_json_turns_a_network_failure_into_a_fetch_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise fb.urllib.error.URLError("no route to host")

    monkeypatch.setattr(fb.urllib.request, "urlopen", refuse)
    with pytest.raises(fb.FetchError, match="no route to host"):
        fb.fetch_json("https://service.pdok.nl/cbs/gebiedsindelingen/2023/wfs/v1_0")
