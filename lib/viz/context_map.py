"""The map of the Context page: one value for every municipality of the country.

``context_map_frame`` is the adapter between the page and a map component: one row per
municipality with ``gemeentecode``, ``waarde``, ``in_programma`` and ``label`` (plus the
figures for the tooltip). The page draws it with ``context_deck``, a circle per municipality
placed at a point inside its outline (``label_points``) with the outlines underneath; when the
choropleth of the Kaart page can draw any numeric column of the 342 municipalities, only
``context_deck`` changes. ``map_snapshot`` is the same map as an image for downloads: the
outlines filled by class (Altair, rendered offline).

Classes are quintiles of the known values (``rate_breaks``), so each colour holds about a fifth
of the municipalities; an unknown value is grey, never the lowest class. No Streamlit here.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any, Final

import altair as alt
import polars as pl
import pydeck as pdk
from pydeck.types import String

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY, GeoJson, contains
from lib.text.context import rate
from lib.text.formats import UNKNOWN, fmt_int
from lib.text.i18n import t
from lib.viz import maps, palette
from lib.viz.charts import localised

N_CLASSES: Final = len(palette.SEQUENTIAL_HEX)
RADIUS: Final = 5.0  # pixels
RADIUS_PROGRAMME: Final = 6.5
LINE: Final = 1
LINE_PROGRAMME: Final = 3
SNAPSHOT_WIDTH: Final = 620
SNAPSHOT_HEIGHT: Final = 700
LAYER_ID: Final = "context-gemeenten"
LABEL_LAYER_ID: Final = "context-namen"
OUTLINE_LAYER_ID: Final = "context-grenzen"
OUTLINE_FILL: Final[list[int]] = [255, 255, 255, 0]

MAP_COLUMNS: Final[tuple[str, ...]] = (
    "gemeentecode",
    "waarde",
    "in_programma",
    "label",
    "genoemd",
    "geregistreerd",
    "inwoners",
    "bevolking_peiljaar",
    "rang",
)


# --------------------------------------------------------------------------- the adapter


def context_map_frame(ranking: pl.DataFrame) -> pl.DataFrame:
    """``lib.text.context.named_ranking`` as the rows of a map: ``MAP_COLUMNS``."""
    return ranking.select(
        "gemeentecode",
        pl.col("per_1000").alias("waarde"),
        "in_programma",
        pl.col("gemeente_naam").alias("label"),
        *MAP_COLUMNS[4:],
    )


# --------------------------------------------------------------------------- classes


def rate_breaks(values: Sequence[float | None]) -> tuple[float, ...]:
    """Lower bounds of up to five classes: the quintiles of the known values, rounded down
    to two decimals, without repeats (the first bound is the smallest value)."""
    known = sorted(v for v in values if v is not None and not math.isnan(v))
    if not known:
        return ()
    bounds = []
    for i in range(N_CLASSES):
        value = known[min(len(known) - 1, math.floor(i * len(known) / N_CLASSES))]
        bounds.append(math.floor(value * 100) / 100)
    return tuple(dict.fromkeys(bounds))


def class_of(value: float | None, breaks: Sequence[float]) -> int | None:
    """The class index of ``value`` (None when unknown)."""
    if value is None or math.isnan(value) or not breaks:
        return None
    return max(i for i, bound in enumerate(breaks) if value >= bound - 1e-12 or i == 0)


def legend_frame(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """One row per class, and one for unknown values when there are any: label, kleur (hex),
    aantal."""
    values = frame.get_column("waarde").to_list()
    breaks = rate_breaks(values)
    classes = [class_of(v, breaks) for v in values]
    labels = []
    for i, low in enumerate(breaks):
        if i + 1 < len(breaks):
            labels.append(
                t(
                    "context.map.class_range",
                    lang,
                    van=rate(low, lang),
                    tot=rate(breaks[i + 1], lang),
                )
            )
        else:
            labels.append(t("context.map.class_open", lang, van=rate(low, lang)))
    unknown = classes.count(None)
    frame = pl.DataFrame(
        {
            "label": [*labels, UNKNOWN[lang]],
            "kleur": [*palette.SEQUENTIAL_HEX[: len(breaks)], palette.GREY],
            "aantal": [classes.count(i) for i in range(len(breaks))] + [unknown],
        },
        schema={"label": pl.String, "kleur": pl.String, "aantal": pl.Int64},
    )
    return frame if unknown else frame.head(len(breaks))


# --------------------------------------------------------------------------- places


def _area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a ring (planar, in degrees: enough to place a
    symbol)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-15:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area / 2, cx / (3 * area), cy / (3 * area)


def _scanline_point(ring: Sequence[Sequence[float]], lat: float) -> tuple[float, float] | None:
    """The middle of the widest stretch of the ring along the latitude ``lat``."""
    crossings = []
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat):
            crossings.append(x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    spans = [(crossings[i], crossings[i + 1]) for i in range(0, len(crossings) - 1, 2)]
    if not spans:
        return None
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return (left + right) / 2, lat


def inside_point(geometry: GeoJson) -> tuple[float, float] | None:
    """(lon, lat) of a point inside a Polygon or MultiPolygon: the centroid of its largest
    part when that lies inside, else the middle of the widest stretch through it."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    rings = [polygon[0] for polygon in polygons if polygon and len(polygon[0]) >= 3]
    if not rings:
        return None
    largest = max(rings, key=lambda ring: abs(_area_centroid(ring)[0]))
    _, lon, lat = _area_centroid(largest)
    if contains(geometry, lon, lat):
        return lon, lat
    return _scanline_point(largest, lat)


def label_points(boundaries: GeoJson) -> pl.DataFrame:
    """gemeentecode, lat, lon: a point inside every municipality of the boundary file."""
    rows = []
    for feature in boundaries.get("features", []):
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        point = inside_point(feature.get("geometry") or {})
        if isinstance(code, str) and point is not None:
            rows.append((code, round(point[1], 5), round(point[0], 5)))
    schema = {"gemeentecode": pl.String, "lat": pl.Float64, "lon": pl.Float64}
    return pl.DataFrame(rows, schema=schema, orient="row").sort("gemeentecode")


# --------------------------------------------------------------------------- the page's map


def _tooltip_rows(frame: pl.DataFrame, lang: Lang) -> list[dict[str, Any]]:
    breaks = rate_breaks(frame.get_column("waarde").to_list())
    yes, no = t("word.yes", lang), t("word.no", lang)
    rows = []
    for row in frame.sort("gemeentecode").iter_rows(named=True):
        klass = class_of(row["waarde"], breaks)
        colour = palette.SEQUENTIAL[klass] if klass is not None else palette.GREY_RGB
        programme = bool(row["in_programma"])
        texts = {
            "tt_naam": row["label"],
            "tt_rate": rate(row["waarde"], lang),
            "tt_n": fmt_int(row["geregistreerd"], lang),
            "tt_inwoners": f"{fmt_int(row['inwoners'], lang)} ({row['bevolking_peiljaar']})"
            if row["inwoners"] is not None
            else UNKNOWN[lang],
            "tt_rang": fmt_int(row["rang"], lang),
            "tt_programma": yes if programme else no,
        }
        rows.append(
            {
                "gemeentecode": row["gemeentecode"],
                "lon": row["lon"],
                "lat": row["lat"],
                "fill": [*colour, 255],
                "radius": RADIUS_PROGRAMME if programme else RADIUS,
                "line_width": LINE_PROGRAMME if programme else LINE,
                "naam": row["label"] if row["genoemd"] else "",
                **{k: html.escape(str(v), quote=False) for k, v in texts.items()},
            }
        )
    return rows


def _tooltip(lang: Lang) -> dict[str, Any]:
    lines = [
        ("context.column.rate", "tt_rate"),
        ("context.column.registered", "tt_n"),
        ("context.column.population_year", "tt_inwoners"),
        ("context.column.rank", "tt_rang"),
        ("context.column.in_programme", "tt_programma"),
    ]
    body = "<br/>".join(f"{html.escape(t(key, lang))}: {{{field}}}" for key, field in lines)
    return {"html": f"<b>{{tt_naam}}</b><br/>{body}", "style": dict(maps.TOOLTIP_STYLE)}


def context_deck(
    frame: pl.DataFrame,
    points: pl.DataFrame,
    *,
    lang: Lang,
    boundaries: GeoJson | None = None,
) -> pdk.Deck:
    """``context_map_frame`` as a map without base tiles: outlines (when given), a circle per
    municipality at its point of ``label_points`` coloured by class (a thick dark outline for
    the programme's municipalities), and the names of the named municipalities."""
    placed = frame.join(points, on="gemeentecode", how="inner")
    rows = _tooltip_rows(placed, lang)
    layers = []
    if boundaries is not None:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=maps.boundary_features(boundaries, []),
                id=OUTLINE_LAYER_ID,
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=maps.BOUNDARY_LINE,
                get_line_width=1,
                line_width_units=String("pixels"),
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=rows,
            id=LAYER_ID,
            pickable=True,
            stroked=True,
            filled=True,
            get_position="[lon, lat]",
            get_radius="radius",
            radius_units=String("pixels"),
            get_fill_color="fill",
            get_line_color=maps.OUTLINE,
            get_line_width="line_width",
            line_width_units=String("pixels"),
        )
    )
    named = [r for r in rows if r["naam"]]
    if named:
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=named,
                id=LABEL_LAYER_ID,
                pickable=False,
                get_position="[lon, lat]",
                get_text="naam",
                get_size=maps.LABEL_SIZE,
                size_units=String("pixels"),
                get_color=maps.LABEL_COLOUR,
                get_text_anchor=String("start"),
                get_alignment_baseline=String("center"),
                get_pixel_offset=[10, 0],
                character_set=String("auto"),
                font_family=String(palette.FONT.replace('"', "'")),
                font_settings={"sdf": True},
                outline_width=2,
                outline_color=maps.LABEL_HALO,
            )
        )
    view = maps.fitted_view(placed.select("lat", "lon").rows())
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        map_provider=None,
        tooltip=_tooltip(lang),
    )


# --------------------------------------------------------------------------- the image


def map_snapshot(frame: pl.DataFrame, boundaries: GeoJson, *, lang: Lang) -> alt.LayerChart:
    """The map as an image: every outline filled with the colour of its class (grey when
    unknown), programme municipalities outlined thick and dark, named ones labelled."""
    legend = legend_frame(frame, lang)
    breaks = rate_breaks(frame.get_column("waarde").to_list())
    labels = legend.get_column("label").to_list()
    by_code = {row["gemeentecode"]: row for row in frame.iter_rows(named=True)}
    features = []
    for feature in boundaries.get("features", []):
        code = (feature.get("properties") or {}).get(CODE_PROPERTY)
        row = by_code.get(code)
        if row is None or not isinstance(feature.get("geometry"), dict):
            continue
        klass = class_of(row["waarde"], breaks)
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {CODE_PROPERTY: code},
                "klasse": labels[klass] if klass is not None else UNKNOWN[lang],
                "programma": bool(row["in_programma"]),
            }
        )
    scale = alt.Scale(
        domain=[*labels[: len(breaks)], UNKNOWN[lang]],
        range=[*palette.SEQUENTIAL_HEX[: len(breaks)], palette.GREY],
    )
    fill = alt.Color(
        "klasse:N", scale=scale, legend=alt.Legend(title=t("context.column.rate", lang))
    )
    shapes = (
        alt.Chart(alt.InlineData(values=features))
        .mark_geoshape(stroke=palette.WHITE, strokeWidth=0.4)
        .encode(fill=fill)
        .project(type="mercator")
    )
    programme = alt.Chart(alt.InlineData(values=[f for f in features if f["programma"]]))
    layers: list[Any] = [
        shapes,
        programme.mark_geoshape(filled=False, stroke=palette.WHITE, strokeWidth=3.2).project(
            type="mercator"
        ),
        programme.mark_geoshape(filled=False, stroke=palette.TEXT, strokeWidth=1.4).project(
            type="mercator"
        ),
    ]
    named = frame.filter(pl.col("genoemd"))
    if not named.is_empty() and "lat" in frame.columns:
        text = alt.Chart(alt.InlineData(values=named.select("label", "lat", "lon").to_dicts()))
        for colour, width in ((palette.WHITE, 4), (palette.TEXT, 0)):
            layers.append(
                text.mark_text(
                    align="left",
                    dx=8,
                    fontWeight="bold",
                    color=palette.TEXT,
                    stroke=colour,
                    strokeWidth=width,
                )
                .encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
                .project(type="mercator")
            )
    chart = alt.LayerChart(layer=layers).properties(width=SNAPSHOT_WIDTH, height=SNAPSHOT_HEIGHT)
    return localised(chart, lang)
