"""The trend chart of the execution rate per period."""

from __future__ import annotations

import re
from typing import Any

import polars as pl
import pytest
from progress import LANGS, Spec, layers

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import metrics as m
from lib.domain.filters import Filters
from lib.text.i18n import t
from lib.viz import charts, time_charts

# --- 3. charts: trend_chart ------------------------------------------------------------------


def mark_of(layer: Spec) -> str:
    mark = layer["mark"]
    return str(mark if isinstance(mark, str) else mark["type"])


def layer_with(spec: Spec, mark: str) -> Spec:
    found = [layer for layer in layers(spec) if mark_of(layer) == mark]
    assert found, f"no {mark} layer"
    return found[0]


def data_rows(spec: Spec, layer: Spec) -> list[dict[str, Any]]:
    data = layer.get("data") or spec["data"]
    if "values" in data:
        return list(data["values"])
    return list(spec["datasets"][data["name"]])


def tooltip_titles(layer: Spec) -> dict[str, str]:
    return {tip["field"]: tip["title"] for tip in layer["encoding"].get("tooltip", [])}


TREND_TEXTS = {
    "nl": ["25,0 % *", "50,0 %", "75,0 %"],
    "en": ["25.0% *", "50.0%", "75.0%"],
}
TREND_TITLES = {
    "nl": {"periode": "Periode", "uitgevoerd": "Uitgevoerd", "n": "Aantal interventies"},
    "en": {"periode": "Period", "uitgevoerd": "Carried out", "n": "Number of interventions"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_trend_chart_spec(trend_frame: pl.DataFrame, lang: Lang) -> None:
    spec = time_charts.trend_chart(trend_frame, lang=lang).to_dict()
    assert [mark_of(layer) for layer in layers(spec)] == ["line", "point", "rule", "text"]
    line, points = layer_with(spec, "line"), layer_with(spec, "point")
    for layer in (line, points):
        rows = data_rows(spec, layer)
        assert [r["periode"] for r in rows] == ["2023-Q4", "2024-Q1", "2024-Q2"]
        assert [r["rate"] for r in rows] == [1 / 4, 3 / 6, 6 / 8]
        y = layer["encoding"]["y"]
        assert y["field"] == "rate"
        assert y["scale"]["domain"] == [0, 1]
        assert y["axis"]["format"] == "%"
        assert layer["encoding"]["x"]["field"] == "periode"
        assert layer["encoding"]["x"]["title"] == TREND_TITLES[lang]["periode"]
        assert y["title"] == t("column.execution_rate", lang)
    rows = data_rows(spec, points)
    assert [r["kleur"] for r in rows] == [charts.palette.GREY, *[charts.palette.NEUTRAL] * 2]
    assert [r["rate_tekst"] for r in rows] == TREND_TEXTS[lang]
    colour = points["encoding"]["color"]
    assert (colour["field"], colour["scale"], colour["legend"]) == ("kleur", None, None)
    titles = tooltip_titles(points)
    assert titles["rate_tekst"] == t("column.execution_rate", lang)
    assert {k: titles[k] for k in ("periode", "uitgevoerd", "n")} == TREND_TITLES[lang]

    rule = layer_with(spec, "rule")
    assert data_rows(spec, rule) == [{"referentie": 53 / 62, "label": charts.reference_label(lang)}]
    assert rule["encoding"]["y"]["field"] == "referentie"
    assert charts.reference_label(lang).endswith({"nl": "(85,5 %)", "en": "(85.5%)"}[lang])
    number = spec["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"], number["percent"]) == {
        "nl": (",", ".", " %"),
        "en": (".", ",", "%"),
    }[lang]


def test_trend_chart_renders_with_dutch_numbers(trend_frame: pl.DataFrame) -> None:
    vl_convert = pytest.importorskip("vl_convert", reason="vl-convert is not installed")
    svg = str(vl_convert.vegalite_to_svg(time_charts.trend_chart(trend_frame, lang="nl").to_json()))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[:3] == ["2023-Q4", "2024-Q1", "2024-Q2"]
    assert {"Periode", "0 %", "100 %", charts.reference_label("nl")} <= set(texts)


def test_trend_chart_from_the_metric(progress_data: Dataset) -> None:
    frame = m.execution_trend(progress_data, Filters(gemeenten=("GM0003",)))
    spec = time_charts.trend_chart(frame, lang="nl").to_dict()
    rows = data_rows(spec, layer_with(spec, "point"))
    assert [(r["periode"], r["n"], r["rate_tekst"]) for r in rows] == [
        ("2023-Q4", 1, "0,0 % *"),
        ("2024-Q2", 1, "100,0 % *"),
    ]
    assert {r["kleur"] for r in rows} == {charts.palette.GREY}
