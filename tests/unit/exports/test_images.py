"""Chart exports: decorations, PNG and SVG from vl-convert (offline), the static map, tables."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import altair as alt
import pytest
from openpyxl import load_workbook

from lib.data import geo
from lib.data.catalog import Dataset
from lib.domain import metrics, places
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.exports import images, tables
from lib.slides import content as presentation
from lib.viz import charts, columns, maps, static_map, vega

SVG = "{http://www.w3.org/2000/svg}"


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.fixture(scope="module")
def bars(dataset: Dataset) -> alt.LayerChart:
    sel = select(dataset, Filters(botoc="ja"))
    return charts.execution_rate_bars(metrics.execution_by_gemeente(sel), lang="nl")


@pytest.fixture(scope="module")
def decorated(bars: alt.LayerChart) -> alt.VConcatChart:
    return images.for_export(
        bars,
        title="Uitvoeringsgraad per gemeente",
        subtitle="BOTOC-gemeente: Ja",
        source="Bron: dashboard Preventie met gezag",
        notice="Voorbeelddata: niet officieel.",
    )


def test_for_export_adds_title_filters_source_and_notice(decorated: alt.VConcatChart) -> None:
    spec = decorated.to_dict()
    assert spec["title"]["text"] == "Uitvoeringsgraad per gemeente"
    assert spec["title"]["subtitle"] == ["BOTOC-gemeente: Ja"]
    footer = spec["vconcat"][0]["title"]
    assert footer["orient"] == "bottom"
    assert footer["text"] == ["Bron: dashboard Preventie met gezag"]
    assert footer["subtitle"] == ["Voorbeelddata: niet officieel."]
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # the chart's own config kept
    assert "config" not in spec["vconcat"][0]["vconcat"][0]


def test_for_export_without_notice_or_source(bars: alt.LayerChart) -> None:
    spec = images.for_export(bars, title="T").to_dict()
    assert spec["title"]["text"] == "T"
    assert "title" not in spec["vconcat"][0]


def test_long_lines_are_wrapped(bars: alt.LayerChart) -> None:
    spec = images.for_export(bars, title="T", source="woord " * 60).to_dict()
    lines = spec["vconcat"][0]["title"]["text"]
    assert len(lines) > 1
    assert all(len(line) <= images.LINE_CHARS for line in lines)


def test_png_at_slide_resolution(decorated: alt.VConcatChart) -> None:
    one = images.to_png(decorated, scale=1)
    two = images.to_png(decorated)
    assert two[:8] == b"\x89PNG\r\n\x1a\n"
    width1, height1 = images.png_size(one)
    width2, height2 = images.png_size(two)
    assert (width2, height2) == (2 * width1, 2 * height1)
    assert width1 > charts.BAR_WIDTH  # chart plus axis labels
    with pytest.raises(ValueError, match="not a PNG"):
        images.png_size(b"GIF89a")


def test_svg_parses_and_holds_the_texts(decorated: alt.VConcatChart) -> None:
    svg = images.to_svg(decorated)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    texts = _texts(svg)
    for expected in (
        "Uitvoeringsgraad per gemeente",
        "BOTOC-gemeente: Ja",
        "Bron: dashboard Preventie met gezag",
        "Voorbeelddata: niet officieel.",
        "Referentie praktijkscan (85,5 %)",
        "Zaanstad",
    ):
        assert expected in texts


def test_exports_never_fetch_anything(decorated: alt.VConcatChart) -> None:
    spec = vega.spec_of(decorated)
    assert not [key for key, _ in _walk(spec) if key == "url"]
    remote = alt.Chart(alt.UrlData("http://192.0.2.1/data.csv")).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        images.to_svg(remote)


def test_the_dashboard_theme_applies_whatever_theme_is_enabled(bars: alt.LayerChart) -> None:
    with alt.theme.enable("default"):
        spec = vega.spec_of(bars)
    assert spec["config"]["axis"]["labelFontSize"] == 14
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_slide_spec_is_larger_and_bounded(dataset: Dataset) -> None:
    sel = select(dataset, Filters())
    chart = charts.execution_rate_bars(metrics.execution_by_gemeente(sel), lang="nl")
    spec = vega.slide_spec(chart, max_height=300, description="alt")
    assert spec["config"]["axis"]["labelFontSize"] == round(14 * vega.SLIDE_FONT_SCALE)
    assert spec["height"] == 300
    assert spec["description"] == "alt"
    assert all(layer["encoding"]["y"].get("title", "x") is None for layer in spec["layer"][:1])
    few = select(dataset, Filters(gemeenten=("GM0995",)))
    small = vega.slide_spec(
        charts.execution_rate_bars(metrics.execution_by_gemeente(few), lang="nl"),
        max_height=300,
    )
    assert small["height"] == round(charts.BAR_STEP * vega.SLIDE_FONT_SCALE)


def _static_map(dataset: Dataset, filters: Filters, size: static_map.Size) -> Any:
    metric: metrics.Metric = "interventies"
    frame = places.programme_map_frame(dataset, select(dataset, filters), filters, metric)
    bins = maps.stable_bins(metric, metrics.map_frame(select(dataset, Filters()), metric))
    return static_map.map_chart(
        frame, places.national(dataset), geo.shipped(), metric=metric, bins=bins, lang="nl",
        size=size, credit=f"Gemeentegrenzen: {geo.credit(geo.SHIPPED_BOUNDARIES)}.",
    )  # fmt: skip


def _values(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    data = layer["data"]
    rows = data["values"] if "values" in data else spec["datasets"][data["name"]]
    assert isinstance(rows, list)
    return rows


def test_static_map_draws_every_outline_and_names_apart(dataset: Dataset) -> None:
    chart = _static_map(dataset, Filters(gemeenten=("GM0503", "GM0599")), static_map.SCREEN)
    spec = chart.to_dict()
    the_map, _ = spec["hconcat"]
    assert the_map["projection"]["type"] == "mercator"
    assert (the_map["width"], the_map["height"]) == (560, 640)
    shapes, outline, _, _, names = the_map["layer"]
    assert [layer["mark"]["type"] for layer in the_map["layer"]] == [
        "geoshape", "geoshape", "circle", "text", "text",
    ]  # fmt: skip
    assert len(_values(spec, shapes)) == 342
    assert sorted(s["properties"]["statcode"] for s in _values(spec, outline)) == [
        "GM0503",
        "GM0599",
    ]
    labelled = [row["naam"] for row in _values(spec, names)]
    assert labelled[:2] == ["Rotterdam", "Delft"]  # the selection first, largest first
    assert "statnaam" not in json.dumps(_values(spec, shapes))
    svg = images.to_svg(chart)
    texts = _texts(svg)
    for name in ("Rotterdam", "Delft", "Amsterdam", "Neemt niet deel", "9 of meer"):
        assert name in texts
    # the image carries the credit of the outlines wherever it goes
    assert "CBS / Kadaster" in texts
    assert "Gebiedsindelingen" in texts


def test_the_slide_map_has_large_names_and_fills_the_slide(dataset: Dataset) -> None:
    chart = _static_map(dataset, Filters(), static_map.SLIDE)
    the_map, _ = chart.to_dict()["hconcat"]
    texts = [layer for layer in the_map["layer"] if layer["mark"]["type"] == "text"]
    assert {layer["mark"]["fontSize"] for layer in texts} == {static_map.SLIDE.label}
    # a slide of 1920 x 1080 shows the image about 720 pixels high: 14 pt is 18.7 px there
    shown = 720 / (static_map.SLIDE.height + 2 * static_map.PADDING)
    assert static_map.SLIDE.label * shown >= 14 * 96 / 72
    png = images.to_png(vega.slide_spec(chart, font_scale=1.0), scale=1)
    width, height = images.png_size(png)
    assert width > static_map.SLIDE.width + static_map.SLIDE.legend_width
    assert height >= static_map.SLIDE.height


def test_table_exports_open_with_their_own_library(dataset: Dataset) -> None:
    sel = select(dataset, Filters(botoc="ja"))
    slide = presentation.build_slide("uitvoering", dataset, sel, "nl")
    assert slide.table is not None
    table = columns.export_table(slide.table, slide.columns, "nl")
    data = tables.csv_bytes(table, lang="nl")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Gemeente",
        "Aantal interventies",
        "Uitgevoerd",
        "Uitvoeringsgraad (%)",
        "Betrouwbaar (5 of meer)",
    ]
    zaanstad = next(r for r in rows if r[0] == "Zaanstad")
    assert zaanstad == ["Zaanstad", "5", "5", "100,0", "ja"]
    book = load_workbook(io.BytesIO(tables.xlsx_bytes({"Uitvoering": table})))
    sheet = book["Uitvoering"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0]
    assert ["Zaanstad", 5, 5, 100.0, "ja"] in values
    assert len(values) == len(rows) == 1 + len(slide.table)


def test_table_exports_neutralise_formulas() -> None:
    import polars as pl

    frame = pl.DataFrame({"gemeente_naam": ["=cmd|' /C calc'!A0"], "n": [1]})
    table = columns.export_table(
        frame, {"gemeente_naam": "column.gemeente", "n": "column.n_interventies"}, "en"
    )
    rows = list(csv.reader(io.StringIO(tables.csv_bytes(table, lang="en").decode("utf-8-sig"))))
    assert rows == [["Municipality", "Number of interventions"], ["'=cmd|' /C calc'!A0", "1"]]
    book = load_workbook(io.BytesIO(tables.xlsx_bytes({"t": table})))
    assert book["t"]["A2"].value == "=cmd|' /C calc'!A0"  # shown as typed, as text
    assert book["t"]["A2"].data_type == "s"
    assert book["t"]["A2"].quotePrefix
