"""Charts with a row per municipality or per province."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from progress import BUNDLED, LANGS, Spec, layers, province_of

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import coverage
from lib.domain import metrics as m
from lib.domain import selection as sl
from lib.domain.filters import Filters
from lib.text import labels
from lib.viz import charts, heatmaps

# --- 3. charts: the ``place`` argument ---------------------------------------------------------

PLACE_TITLES = {
    ("nl", "gemeente"): "Gemeente",
    ("nl", "provincie"): "Provincie",
    ("en", "gemeente"): "Municipality",
    ("en", "provincie"): "Province",
}


def place_titles(spec: Spec, field: str) -> set[str]:
    """Every axis and tooltip title given to ``field`` in any layer but the reference."""
    found: set[str] = set()
    for layer in layers(spec):
        encoding = layer.get("encoding", {})
        if any(e.get("field") == "referentie" for e in encoding.values() if isinstance(e, dict)):
            continue  # the reference rule has its own "label" field
        for channel in ("x", "y"):
            if encoding.get(channel, {}).get("field") == field:
                found.add(encoding[channel]["title"])
        found |= {tip["title"] for tip in encoding.get("tooltip", []) if tip["field"] == field}
    return found


PlaceChart = Callable[[sl.Selection, Lang, dict[str, Any]], Spec]

PLACE_CHARTS: dict[str, tuple[PlaceChart, str]] = {
    "execution": (
        lambda s, lang, kw: charts.execution_rate_bars(
            m.execution_by_gemeente(s), lang=lang, **kw
        ).to_dict(),
        "label",
    ),
    "status": (
        lambda s, lang, kw: charts.status_stacked_bars(
            labels.with_names(m.status_mix(s), lang), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
    "themes": (
        lambda s, lang, kw: heatmaps.theme_heatmap(
            labels.with_names(m.theme_by_gemeente(s), lang, themas=s.themas), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
    "coverage": (
        lambda s, lang, kw: heatmaps.coverage_heatmap(
            labels.named_coverage(coverage.coverage_matrix(s), lang, s.factoren), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", sorted(PLACE_CHARTS))
def test_place_titles(dataset: Dataset, chart: str, lang: Lang) -> None:
    make, field = PLACE_CHARTS[chart]
    sel = sl.select(dataset, Filters())
    default = make(sel, lang, {})
    assert place_titles(default, field) == {PLACE_TITLES[(lang, "gemeente")]}
    grouped = make(sl.by_province(sel), lang, {"place": "provincie"})
    assert place_titles(grouped, field) == {PLACE_TITLES[(lang, "provincie")]}
    explicit = make(sel, lang, {"place": "gemeente"})
    assert place_titles(explicit, field) == {PLACE_TITLES[(lang, "gemeente")]}


def test_execution_bars_per_theme_ignore_place(dataset: Dataset) -> None:
    sel = sl.select(dataset, Filters())
    frame = labels.named_theme_rates(m.execution_by_theme(sel), "en", sel.themas)
    spec = charts.execution_rate_bars(
        frame, lang="en", label_field="thema_naam", place="provincie"
    ).to_dict()
    assert place_titles(spec, "label") == {"Theme"}


def test_province_chart_has_a_row_per_province(dataset: Dataset) -> None:
    sel = sl.by_province(sl.select(dataset, Filters()))
    grid = labels.with_names(m.theme_by_gemeente(sel), "nl", themas=sel.themas)
    spec = heatmaps.theme_heatmap(grid, lang="nl", place="provincie")
    y = layers(spec.to_dict())[0]["encoding"]["y"]
    province = province_of()
    provinces = sorted({province[i["gemeentecode"]] for i in BUNDLED["interventies"]})
    assert y["sort"] == provinces
