"""Download the generalised municipal boundaries of one year from the PDOK WFS.

The official source of ``data/geo/gemeente_<year>_gegeneraliseerd_wgs84.geojson`` is the CBS
layer ``gemeente_gegeneraliseerd`` (CBS Gebiedsindelingen), served by PDOK at
``https://service.pdok.nl/cbs/gebiedsindelingen/<year>/wfs/v1_0``. This script asks it for
GeoJSON in WGS84 (EPSG:4326), page by page because PDOK returns at most 1000 features per
request, keeps only ``statcode`` and ``statnaam``, rounds every coordinate to 0.001 degree and
writes one feature per line, sorted by code.

It needs an internet connection and is never run by the app, which reads the shipped file.
Without a connection it stops with a message and leaves any existing file untouched.

    python scripts/fetch_boundaries.py --year 2024 \
        --out data/geo/gemeente_2024_gegeneraliseerd_wgs84.geojson

Credit wherever the outlines are drawn:
"CBS / Kadaster, Gebiedsindelingen <year> (gegeneraliseerd), via PDOK; CC BY 4.0".
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "data" / "geo"
WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
TYPE_NAME = "gemeente_gegeneraliseerd"
PAGE_SIZE = 1000  # PDOK's maximum number of features per response
MAX_PAGES = 100  # a guard against a service that never returns a short page
KEEP = ("statcode", "statnaam")
DECIMALS = 3  # 0.001 degree, about 100 m
TIMEOUT_S = 60.0
# Longitude/latitude box around the Netherlands, to recognise swapped axes.
LON_RANGE = (3.0, 7.5)
LAT_RANGE = (50.5, 53.8)

Json = dict[str, Any]
Fetch = Callable[[str], Json]


class FetchError(Exception):
    """The service could not be reached or answered with something unusable."""


def page_url(year: int, start_index: int, count: int = PAGE_SIZE) -> str:
    """The GetFeature URL of one page: ``count`` features from ``start_index`` (0-based)."""
    if start_index < 0 or count < 1:
        raise ValueError("start_index must be >= 0 and count >= 1")
    params = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeName": TYPE_NAME,
        "outputFormat": "json",
        "srsName": "EPSG:4326",
        "count": str(count),
        "startIndex": str(start_index),
    }
    return f"{WFS_URL.format(year=year)}?{urllib.parse.urlencode(params)}"


def fetch_json(url: str, *, timeout: float = TIMEOUT_S) -> Json:
    """GET ``url`` and parse the JSON body; any network or format failure is a FetchError."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"could not reach the PDOK service ({reason})") from exc
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise FetchError("the PDOK service did not answer with JSON") from exc
    if not isinstance(data, dict):
        raise FetchError("the PDOK service did not answer with a GeoJSON object")
    return data


def iter_features(
    year: int, fetch: Fetch, *, page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES
) -> Iterator[Json]:
    """Every feature of the layer, requesting page after page until a page is not full."""
    for page in range(max_pages):
        data = fetch(page_url(year, page * page_size, page_size))
        features = data.get("features")
        if not isinstance(features, list):
            raise FetchError("a page of the PDOK answer has no feature list")
        yield from features
        if len(features) < page_size:
            return
    raise FetchError(f"more than {max_pages} pages of {page_size} features; stopped")


def round_position(position: list[float], decimals: int = DECIMALS) -> list[float]:
    """A position rounded to ``decimals``; a third value (height) is dropped."""
    return [round(float(position[0]), decimals), round(float(position[1]), decimals)]


def _round_ring(ring: list[list[float]], decimals: int) -> list[list[float]]:
    """A ring rounded, with positions that became equal to their predecessor removed.

    A ring keeps at least four positions: when removing duplicates would leave fewer, the
    rounded ring is returned as it is.
    """
    rounded = [round_position(p, decimals) for p in ring]
    kept = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return kept if len(kept) >= 4 else rounded


def round_geometry(geometry: Json, decimals: int = DECIMALS) -> Json:
    """A Polygon or MultiPolygon with every coordinate rounded to ``decimals``."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list):
        return {"type": kind, "coordinates": [_round_ring(r, decimals) for r in coords]}
    if kind == "MultiPolygon" and isinstance(coords, list):
        return {
            "type": kind,
            "coordinates": [[_round_ring(r, decimals) for r in poly] for poly in coords],
        }
    raise FetchError(f"unexpected geometry type {kind!r}")


def _positions(geometry: Json) -> Iterator[list[float]]:
    coords = geometry["coordinates"]
    polygons = coords if geometry["type"] == "MultiPolygon" else [coords]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


def _in_netherlands(*, lon: float, lat: float) -> bool:
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def lon_lat_order(geometry: Json) -> bool:
    """True when the first value of each position is the longitude (GeoJSON order).

    Some WFS servers answer EPSG:4326 in latitude/longitude order; in the Netherlands the two
    cannot be confused, because every latitude is above 50 and every longitude below 8.
    """
    first = next(_positions(geometry))
    lon_first = _in_netherlands(lon=first[0], lat=first[1])
    lat_first = _in_netherlands(lon=first[1], lat=first[0])
    if lon_first == lat_first:
        raise FetchError(f"coordinates {first} are not in the Netherlands in either order")
    return lon_first


def _swap(geometry: Json) -> Json:
    def ring(r: list[list[float]]) -> list[list[float]]:
        return [[p[1], p[0]] for p in r]

    coords = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in coords]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in coords]}


def slim_feature(feature: Json, decimals: int = DECIMALS) -> Json:
    """A feature with only ``statcode`` and ``statnaam``, ``id`` = statcode, rounded lon/lat."""
    properties = feature.get("properties") or {}
    missing = [key for key in KEEP if not properties.get(key)]
    if missing:
        raise FetchError(f"a feature lacks {', '.join(missing)}")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise FetchError(f"feature {properties['statcode']} has no geometry")
    if not lon_lat_order(geometry):
        geometry = _swap(geometry)
    return {
        "type": "Feature",
        "id": properties["statcode"],
        "properties": {key: properties[key] for key in KEEP},
        "geometry": round_geometry(geometry, decimals),
    }


def to_geojson(features: list[Json]) -> str:
    """A FeatureCollection text: one feature per line, sorted by code; stable for equal input."""
    ordered = sorted(features, key=lambda f: str(f["id"]))
    codes = [f["id"] for f in ordered]
    if len(codes) != len(set(codes)):
        raise FetchError("the service returned a municipality code twice")
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in ordered]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def download(year: int, fetch: Fetch, *, page_size: int = PAGE_SIZE) -> str:
    """The GeoJSON text of ``year``'s municipalities, slimmed and rounded."""
    features = [slim_feature(f) for f in iter_features(year, fetch, page_size=page_size)]
    if not features:
        raise FetchError(f"the service returned no municipalities for {year}")
    return to_geojson(features)


def default_out(year: int) -> Path:
    return GEO_DIR / f"gemeente_{year}_gegeneraliseerd_wgs84.geojson"


def run(argv: list[str] | None = None, *, fetch: Fetch = fetch_json) -> int:
    """The command line; returns the exit code (0 done, 2 download failed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--year", type=int, default=2023, help="year of the division (2016+)")
    parser.add_argument("--out", type=Path, default=None, help="output GeoJSON file")
    args = parser.parse_args(argv)
    out: Path = args.out or default_out(args.year)
    try:
        text = download(args.year, fetch)
    except FetchError as exc:
        print(
            f"Download failed: {exc}.\n"
            f"This script needs internet access to {WFS_URL.format(year=args.year)}.\n"
            "The app does not need it: it reads the boundaries shipped in data/geo/.\n"
            f"Nothing was written to {out}.",
            file=sys.stderr,
        )
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(out)
    count = len(json.loads(text)["features"])
    print(f"wrote {out} ({count} municipalities, {len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(run())
