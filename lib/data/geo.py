"""Municipal boundaries: find and read the optional GeoJSON file, and test points against it.

The dashboard works without boundaries (the map then shows symbols and names only). The file
is configured, never bundled: ``PMG_BOUNDARIES`` in the environment first, then a
``boundaries`` entry in the app's secrets or config. Its features carry ``statcode`` (the CBS
municipality code, e.g. ``GM0363``). No Streamlit here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from lib.config import ROOT

ENV_VAR: Final = "PMG_BOUNDARIES"
SECRET_KEY: Final = "boundaries"
CODE_PROPERTY: Final = "statcode"

GeoJson = dict[str, Any]


def _configured(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def boundary_path(env: Mapping[str, str], secrets: Mapping[str, object]) -> Path | None:
    """The configured boundary file, or ``None`` when none is configured.

    ``env[PMG_BOUNDARIES]`` wins over ``secrets["boundaries"]``; a relative path is taken from
    the repository root. Whether the file exists is left to ``load_boundaries``.
    """
    configured = _configured(env.get(ENV_VAR, ""))
    if not configured:
        try:
            configured = _configured(secrets.get(SECRET_KEY, ""))
        except Exception:  # st.secrets raises when there is no secrets file at all
            configured = ""
    if not configured:
        return None
    path = Path(configured).expanduser()
    return path if path.is_absolute() else ROOT / path


def _is_feature_collection(data: object) -> bool:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return False
    features = data.get("features")
    return isinstance(features, list) and all(
        isinstance(f, dict) and f.get("type") == "Feature" for f in features
    )


def load_boundaries(path: Path | None) -> GeoJson | None:
    """The GeoJSON FeatureCollection at ``path``; ``None`` when missing or invalid. Never raises."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON, too deep
        return None
    return data if _is_feature_collection(data) else None


def features_by_code(boundaries: GeoJson) -> dict[str, GeoJson]:
    """Feature per ``statcode``."""
    found: dict[str, GeoJson] = {}
    for feature in boundaries.get("features", []):
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        if isinstance(code, str):
            found[code] = feature
    return found


def _in_ring(ring: Sequence[Sequence[float]], lon: float, lat: float) -> bool:
    """Even-odd ray casting: does a ray from the point to the east cross the ring an odd
    number of times?"""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[i - 1][0], ring[i - 1][1]
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def _in_polygon(rings: Sequence[Sequence[Sequence[float]]], lon: float, lat: float) -> bool:
    """Inside the outer ring and outside every hole."""
    if not rings or not _in_ring(rings[0], lon, lat):
        return False
    return not any(_in_ring(hole, lon, lat) for hole in rings[1:])


def contains(geometry: Mapping[str, Any], lon: float, lat: float) -> bool:
    """Whether the point lies inside a GeoJSON Polygon or MultiPolygon (holes excluded)."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return _in_polygon(coordinates, lon, lat)
    if kind == "MultiPolygon":
        return any(_in_polygon(polygon, lon, lat) for polygon in coordinates)
    return False
