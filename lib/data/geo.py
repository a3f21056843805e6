"""Municipal boundaries: find and read the GeoJSON file, and the geometry the map needs.

The repository ships the generalised CBS/Kadaster boundaries of 2023 (``data/geo/``), so the map
draws every municipality without any setting. ``PMG_BOUNDARIES`` in the environment, or a
``boundaries`` entry in the app's secrets, points at another file (another year). Its features
carry ``statcode`` (the CBS municipality code, e.g. ``GM0363``) and ``statnaam``.

Besides reading: point-in-polygon, bounding boxes and a label point that is guaranteed to lie
inside a municipality (the pole of inaccessibility, not the centroid). No Streamlit here.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import polars as pl

from lib.config import ROOT
from lib.config import SHIPPED_BOUNDARIES as SHIPPED_BOUNDARIES  # the file drawn by default

ENV_VAR: Final = "PMG_BOUNDARIES"
SECRET_KEY: Final = "boundaries"
CODE_PROPERTY: Final = "statcode"
NAME_PROPERTY: Final = "statnaam"
SHIPPED_YEAR: Final = 2023
CREDIT: Final = "CBS / Kadaster, Gebiedsindelingen {jaar} (gegeneraliseerd), via PDOK; CC BY 4.0"
"""The credit wherever the outlines are drawn (``data/geo/README.md``); same in both languages."""

GeoJson = dict[str, Any]
Ring = Sequence[Sequence[float]]
Rings = Sequence[Ring]


def _configured(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def configured_path(env: Mapping[str, str], secrets: Mapping[str, object]) -> Path | None:
    """The boundary file a user configured, or ``None`` when none is configured.

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


def boundary_path(env: Mapping[str, str], secrets: Mapping[str, object]) -> Path:
    """The boundary file to draw: the configured one, else the shipped CBS file of 2023."""
    return configured_path(env, secrets) or SHIPPED_BOUNDARIES


def boundary_year(path: Path) -> int:
    """The year of a boundary file, read from its name (``gemeente_2024_...``); the shipped
    file's year when the name has none."""
    found = re.search(r"(?<!\d)(20\d\d)(?!\d)", path.name)
    return int(found.group(1)) if found else SHIPPED_YEAR


def credit(path: Path) -> str:
    """The attribution of the boundaries in ``path`` (the year from its name)."""
    return CREDIT.format(jaar=boundary_year(path))


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


@dataclass(frozen=True)
class Boundaries:
    """The outlines the map draws, the file they come from, and a configured file that could
    not be read (the shipped file is drawn instead)."""

    path: Path
    data: GeoJson
    unreadable: Path | None = None


@cache
def shipped() -> GeoJson:
    """The shipped CBS outlines, read once per process."""
    data = load_boundaries(SHIPPED_BOUNDARIES)
    if data is None:
        raise RuntimeError(f"the shipped boundary file {SHIPPED_BOUNDARIES} cannot be read")
    return data


def read_boundaries(path: Path | None) -> Boundaries:
    """The outlines in ``path`` (a configured file), or the shipped ones when ``path`` is
    ``None``, missing or not a FeatureCollection."""
    if path is not None and path != SHIPPED_BOUNDARIES:
        data = load_boundaries(path)
        if data is not None:
            return Boundaries(path, data)
        return Boundaries(SHIPPED_BOUNDARIES, shipped(), unreadable=path)
    return Boundaries(SHIPPED_BOUNDARIES, shipped())


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


def polygons(geometry: Mapping[str, Any]) -> list[Rings]:
    """The polygons (outer ring first, then holes) of a Polygon or MultiPolygon."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coordinates] if coordinates else []
    if kind == "MultiPolygon":
        return [polygon for polygon in coordinates if polygon]
    return []


def bbox(geometry: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a Polygon or MultiPolygon; ``None`` without coordinates."""
    points = [point for polygon in polygons(geometry) for point in polygon[0]]
    if not points:
        return None
    lons = [float(p[0]) for p in points]
    lats = [float(p[1]) for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _ring_area(ring: Ring) -> float:
    """Signed planar area (shoelace) of a ring in degrees²."""
    return 0.5 * sum(
        ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))
    )


def _largest_polygon(geometry: Mapping[str, Any]) -> Rings | None:
    found = polygons(geometry)
    if not found:
        return None
    return max(
        found,
        key=lambda rings: (
            abs(_ring_area(rings[0])) - sum(abs(_ring_area(hole)) for hole in rings[1:])
        ),
    )


def _segment_distance(px: float, py: float, a: Sequence[float], b: Sequence[float]) -> float:
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    dx, dy = bx - ax, by - ay
    if dx or dy:
        share = min(max(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0), 1.0)
        ax, ay = ax + share * dx, ay + share * dy
    return math.hypot(px - ax, py - ay)


def _signed_distance(rings: Rings, x: float, y: float) -> float:
    """Distance from (x, y) to the nearest edge; negative outside the polygon."""
    nearest = min(
        _segment_distance(x, y, ring[i - 1], ring[i]) for ring in rings for i in range(len(ring))
    )
    return nearest if _in_polygon(rings, x, y) else -nearest


Cell = tuple[float, float, float, float, float]
"""A square of the search: (minus the best distance it may hold, distance of its centre, x, y,
half its size)."""


def _cell(rings: Rings, x: float, y: float, half: float) -> Cell:
    distance = _signed_distance(rings, x, y)
    return (-(distance + half * math.sqrt(2)), distance, x, y, half)


def _first_cells(rings: Rings) -> tuple[list[Cell], Cell]:
    """Squares that cover the outer ring, and the better of its bounding-box centre and
    centroid as the first best guess."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    cells = [
        _cell(rings, x + size / 2, y + size / 2, size / 2)
        for x in _steps(min(xs), max(xs), size)
        for y in _steps(min(ys), max(ys), size)
    ]
    heapq.heapify(cells)
    centre = _cell(rings, (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, 0)
    centroid = _cell(rings, *_centroid(rings[0]), 0)
    return cells, max(centre, centroid, key=lambda c: c[1])


def _steps(low: float, high: float, step: float) -> list[float]:
    count = max(1, math.ceil((high - low) / step)) if step > 0 else 1
    return [low + i * step for i in range(count)]


def label_point(geometry: Mapping[str, Any], *, precision: float = 0.0005) -> tuple[float, float]:
    """A point (lon, lat) inside the municipality, as far from its edges as can be found.

    The pole of inaccessibility of the largest polygon (the polylabel algorithm: a quadtree
    search for the point farthest from every edge, to ``precision`` degrees of latitude), so a
    label or a click target sits well inside even a crescent-shaped municipality, where the
    centroid can fall outside. Longitudes are scaled by the cosine of the latitude, so a
    distance counts the same in every direction.
    """
    largest = _largest_polygon(geometry)
    if largest is None:
        raise ValueError("the geometry has no polygon")
    outer = largest[0]
    scale = math.cos(math.radians(sum(float(p[1]) for p in outer) / len(outer)))
    rings = [[(float(p[0]) * scale, float(p[1])) for p in ring] for ring in largest]
    queue, best = _first_cells(rings)
    while queue:
        cell = heapq.heappop(queue)
        if cell[1] > best[1]:
            best = cell
        if -cell[0] - best[1] > precision:
            _, _, x, y, half = cell
            for dx in (-half / 2, half / 2):
                for dy in (-half / 2, half / 2):
                    heapq.heappush(queue, _cell(rings, x + dx, y + dy, half / 2))
    return best[2] / scale, best[3]


def label_points(boundaries: GeoJson) -> pl.DataFrame:
    """gemeentecode, lat, lon: the ``label_point`` of every municipality of the file (rounded
    to 5 decimals, about a metre), sorted by code."""
    rows = []
    for code, feature in features_by_code(boundaries).items():
        try:
            lon, lat = label_point(feature.get("geometry") or {})
        except ValueError:
            continue
        rows.append((code, round(lat, 5), round(lon, 5)))
    schema = {"gemeentecode": pl.String, "lat": pl.Float64, "lon": pl.Float64}
    return pl.DataFrame(rows, schema=schema, orient="row").sort("gemeentecode")


def _centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float]:
    area = _ring_area(ring)
    if area == 0:
        return float(ring[0][0]), float(ring[0][1])
    cx = cy = 0.0
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i - 1][:2], ring[i][:2]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)
