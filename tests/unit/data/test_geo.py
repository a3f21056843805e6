"""Boundary file: where it is configured, how it is read, and point-in-polygon."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lib import config
from lib.data import geo
from lib.data.catalog import load_dataset

SQUARE = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
HOLE = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]
ISLAND = [[20.0, 20.0], [22.0, 20.0], [21.0, 22.0], [20.0, 20.0]]


class BrokenSecrets(dict[str, object]):
    """Like ``st.secrets`` without a secrets file: every lookup raises."""

    def get(self, key: str, default: object = None) -> object:
        raise FileNotFoundError("no secrets.toml")


@pytest.fixture(scope="module")
def shared_boundaries() -> dict[str, Any]:
    """The CBS boundaries shipped in data/geo/."""
    loaded = geo.load_boundaries(geo.SHIPPED_BOUNDARIES)
    assert loaded is not None, "the shipped boundary file is not a valid FeatureCollection"
    return loaded


# --- boundary_path ------------------------------------------------------------------------------


def test_environment_wins_over_secrets(tmp_path: Path) -> None:
    env = {geo.ENV_VAR: str(tmp_path / "env.geojson")}
    secrets = {geo.SECRET_KEY: str(tmp_path / "secret.geojson")}
    assert geo.boundary_path(env, secrets) == tmp_path / "env.geojson"


def test_secrets_used_when_environment_is_empty(tmp_path: Path) -> None:
    secrets = {geo.SECRET_KEY: str(tmp_path / "secret.geojson")}
    assert geo.boundary_path({}, secrets) == tmp_path / "secret.geojson"
    assert geo.boundary_path({geo.ENV_VAR: "  "}, secrets) == tmp_path / "secret.geojson"


def test_relative_paths_resolve_against_the_repository() -> None:
    assert geo.boundary_path({geo.ENV_VAR: "geo/nl.geojson"}, {}) == config.ROOT / "geo/nl.geojson"
    assert geo.boundary_path({}, {geo.SECRET_KEY: "x.geojson"}) == config.ROOT / "x.geojson"


def test_nothing_configured_gives_the_shipped_file() -> None:
    for env, secrets in [
        ({}, {}),
        ({"OTHER": "x"}, {geo.SECRET_KEY: ""}),
        ({}, {geo.SECRET_KEY: 42}),
        ({}, BrokenSecrets()),
    ]:
        assert geo.configured_path(env, secrets) is None
        assert geo.boundary_path(env, secrets) == geo.SHIPPED_BOUNDARIES
    assert geo.SHIPPED_BOUNDARIES.is_file()


def test_the_credit_names_the_year_of_the_file() -> None:
    assert geo.credit(geo.SHIPPED_BOUNDARIES) == (
        "CBS / Kadaster, Gebiedsindelingen 2023 (gegeneraliseerd), via PDOK; CC BY 4.0"
    )
    assert "Gebiedsindelingen 2024" in geo.credit(Path("gemeente_2024_gegeneraliseerd.geojson"))
    assert "Gebiedsindelingen 2023" in geo.credit(Path("nl.geojson"))


# --- load_boundaries ----------------------------------------------------------------------------


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_valid_feature_collection_is_loaded(tmp_path: Path) -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"statcode": "GM0001"},
             "geometry": {"type": "Polygon", "coordinates": [SQUARE]}},
        ],
    }  # fmt: skip
    loaded = geo.load_boundaries(_write(tmp_path / "ok.geojson", data))
    assert loaded == data
    assert set(geo.features_by_code(data)) == {"GM0001"}


@pytest.mark.parametrize(
    "content",
    [
        {"type": "Feature", "geometry": None, "properties": {}},
        {"type": "FeatureCollection"},
        {"type": "FeatureCollection", "features": "none"},
        {"type": "FeatureCollection", "features": [1, 2]},
        [1, 2, 3],
        "FeatureCollection",
    ],
)
def test_invalid_content_gives_none(tmp_path: Path, content: object) -> None:
    assert geo.load_boundaries(_write(tmp_path / "bad.geojson", content)) is None


def test_unreadable_files_give_none(tmp_path: Path) -> None:
    assert geo.load_boundaries(None) is None
    assert geo.load_boundaries(tmp_path / "missing.geojson") is None
    assert geo.load_boundaries(tmp_path) is None  # a directory
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert geo.load_boundaries(broken) is None
    binary = tmp_path / "binary.geojson"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    assert geo.load_boundaries(binary) is None


def test_read_boundaries_falls_back_to_the_shipped_file(tmp_path: Path) -> None:
    shipped = geo.read_boundaries(None)
    assert (shipped.path, shipped.unreadable) == (geo.SHIPPED_BOUNDARIES, None)
    assert len(shipped.data["features"]) == 342
    own = {"type": "FeatureCollection", "features": []}
    configured = geo.read_boundaries(_write(tmp_path / "gemeente_2024.geojson", own))
    assert (configured.path.name, configured.data, configured.unreadable) == (
        "gemeente_2024.geojson",
        own,
        None,
    )
    broken = _write(tmp_path / "broken.geojson", [1, 2])
    fallback = geo.read_boundaries(broken)
    assert (fallback.path, fallback.unreadable) == (geo.SHIPPED_BOUNDARIES, broken)
    assert fallback.data is shipped.data


# --- contains -----------------------------------------------------------------------------------


def test_polygon_with_a_hole() -> None:
    polygon = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    assert geo.contains(polygon, 1.0, 1.0)
    assert geo.contains(polygon, 8.0, 5.0)
    assert not geo.contains(polygon, 5.0, 5.0)  # in the hole
    assert not geo.contains(polygon, 11.0, 5.0)
    assert not geo.contains(polygon, -0.5, 5.0)


def test_multipolygon() -> None:
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [ISLAND]]}
    assert geo.contains(multi, 21.0, 20.5)
    assert geo.contains(multi, 2.0, 2.0)
    assert not geo.contains(multi, 5.0, 5.0)
    assert not geo.contains(multi, 15.0, 15.0)


def test_other_geometries_contain_nothing() -> None:
    assert not geo.contains({"type": "Point", "coordinates": [1.0, 1.0]}, 1.0, 1.0)
    assert not geo.contains({"type": "Polygon", "coordinates": []}, 1.0, 1.0)
    assert not geo.contains({}, 1.0, 1.0)


# --- bounding boxes and label points ------------------------------------------------------------


def test_bbox_of_polygons_and_multipolygons() -> None:
    assert geo.bbox({"type": "Polygon", "coordinates": [SQUARE, HOLE]}) == (0.0, 0.0, 10.0, 10.0)
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE], [ISLAND]]}
    assert geo.bbox(multi) == (0.0, 0.0, 22.0, 22.0)
    assert geo.bbox({"type": "Point", "coordinates": [1, 2]}) is None


def test_label_point_of_a_square_is_its_centre() -> None:
    lon, lat = geo.label_point({"type": "Polygon", "coordinates": [SQUARE]}, precision=0.01)
    assert abs(lon - 5) < 0.1
    assert abs(lat - 5) < 0.1


def test_label_point_avoids_the_hole_and_stays_inside() -> None:
    shape = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    lon, lat = geo.label_point(shape, precision=0.01)
    assert geo.contains(shape, lon, lat)
    assert not (4 <= lon <= 6 and 4 <= lat <= 6)


def test_label_point_of_a_crescent_is_inside_where_the_centroid_is_not() -> None:
    # a U shape: its centroid lies in the empty middle
    ring = [[0, 0], [9, 0], [9, 9], [6, 9], [6, 3], [3, 3], [3, 9], [0, 9], [0, 0]]
    shape = {"type": "Polygon", "coordinates": [ring]}
    assert not geo.contains(shape, *geo._centroid(ring))
    assert geo.contains(shape, *geo.label_point(shape, precision=0.01))


def test_label_point_uses_the_largest_polygon() -> None:
    multi = {"type": "MultiPolygon", "coordinates": [[ISLAND], [SQUARE]]}
    lon, lat = geo.label_point(multi, precision=0.01)
    assert 0 < lon < 10
    assert 0 < lat < 10
    with pytest.raises(ValueError, match="no polygon"):
        geo.label_point({"type": "Point", "coordinates": [1, 2]})


def test_label_points_of_every_municipality_lie_inside(shared_boundaries: dict[str, Any]) -> None:
    outside = [
        f["properties"]["statcode"]
        for f in shared_boundaries["features"]
        if not geo.contains(f["geometry"], *geo.label_point(f["geometry"]))
    ]
    assert outside == []


# --- the shipped boundary file -----------------------------------------------------------------


def test_shared_file_is_a_feature_collection(shared_boundaries: dict[str, Any]) -> None:
    codes = [str(f["properties"]["statcode"]) for f in shared_boundaries["features"]]
    assert len(codes) == len(set(codes)) == len(shared_boundaries["features"]) == 342
    assert all(code.startswith("GM") for code in codes)
    assert all(f["properties"][geo.NAME_PROPERTY] for f in shared_boundaries["features"])


def test_every_marker_lies_in_its_own_municipality(shared_boundaries: dict[str, Any]) -> None:
    gemeenten = load_dataset(config.BUNDLED_DATA_DIR).gemeenten
    features = geo.features_by_code(shared_boundaries)
    outside = []
    for row in gemeenten.iter_rows(named=True):
        feature = features.get(row["gemeentecode"])
        assert feature is not None, f"{row['gemeentecode']} has no boundary"
        if not geo.contains(feature["geometry"], row["lon"], row["lat"]):
            outside.append(row["gemeentecode"])
    assert outside == []


def test_no_marker_lies_in_another_municipality(shared_boundaries: dict[str, Any]) -> None:
    gemeenten = load_dataset(config.BUNDLED_DATA_DIR).gemeenten
    features = geo.features_by_code(shared_boundaries)
    for row in gemeenten.iter_rows(named=True):
        others = [
            code
            for code, feature in features.items()
            if code != row["gemeentecode"]
            and geo.contains(feature["geometry"], row["lon"], row["lat"])
        ]
        assert others == [], row["gemeentecode"]
