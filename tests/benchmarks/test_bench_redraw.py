"""The redraw benchmark's figures, report and floor layout, from made-up and stored runs."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks import floor, redraw
from benchmarks.redraw import Redraw
from lib.config import ROOT

STORED = sorted(redraw.RESULTS.glob("*.json"))


def _redraws(*waits: float) -> list[Redraw]:
    return [Redraw(wait, wait / 2, 1000 + int(wait), 10.0, 20.0, wait / 4) for wait in waits]


def test_summary_takes_medians_of_all_changes_and_of_each_kind() -> None:
    found = redraw.summarise({"add": _redraws(300, 100, 200), "remove": _redraws(50, 70, 60)})
    assert found["median_ms"] == 85.0  # of 50 60 70 100 200 300
    assert found["add_median_ms"] == 200.0
    assert found["remove_median_ms"] == 60.0
    assert found["run_median_ms"] == 42.5
    assert found["add_ms"] == [300.0, 100.0, 200.0]
    assert found["bytes_median"] == 1085


def test_ratio_and_targets() -> None:
    app, cheap = {"median_ms": 390.0}, {"median_ms": 300.0}
    assert redraw.ratio(app, cheap) == 1.3
    results: dict[str, Any] = {
        "pages": {"": {"ratio": 1.3}, "kaart": {"ratio": 1.31}},
        "cold_start": {"app": {"median_s": 4.5}},
    }
    found = {t["name"]: t["met"] for t in redraw.targets(results)}
    assert found == {
        "Redraw ratio overzicht": True,
        "Redraw ratio kaart": False,
        "Cold start (s)": False,
    }


def test_elements_are_named_with_how_many_are_folded_away() -> None:
    counts = {"chart": [2, 0], "table": [1, 2], "map": [0, 0], "metric": [4, 0]}
    assert redraw.elements_text(counts) == "2 charts + 3 tables + 4 metrics (2 in expanders)"
    assert redraw.elements_text({"map": [1, 0]}) == "1 map"
    assert redraw.elements_text({}) == "none"


def _node(kind: str, **children: Any) -> SimpleNamespace:
    return SimpleNamespace(type=kind, children=children) if children else SimpleNamespace(type=kind)


def test_the_floor_keeps_the_drawing_order_and_what_is_in_an_expander() -> None:
    tree = _node(
        "main",
        a=_node("vega_lite_chart"),
        b=_node("expander", x=_node("dataframe")),
        c=_node("popover", y=_node("download_button")),
        d=_node("markdown"),
    )
    walked = [(node.type, hidden) for node, hidden in floor.elements(tree)]
    assert walked == [("vega_lite_chart", False), ("dataframe", True), ("markdown", False)]
    drawn = [{"kind": "chart", "hidden": False}, {"kind": "table", "hidden": True}]
    assert floor.counts(drawn) == {
        "chart": [1, 0],
        "table": [0, 1],
        "map": [0, 0],
        "metric": [0, 0],
    }


@pytest.mark.skipif(not STORED, reason="no stored redraw run")
@pytest.mark.parametrize("path", STORED, ids=lambda p: p.stem)
def test_a_stored_run_follows_from_its_figures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # no folder of the machine that made it: the checkout, the temporary folder, the home
    local = (str(ROOT), tempfile.gettempdir(), str(Path.home()))
    assert [p for p in local if f"{p}/" in text] == []
    results = json.loads(text)
    for page in results["pages"].values():
        assert page["ratio"] == redraw.ratio(page["app"], page["floor"])
        for side in ("app", "floor"):
            waits = page[side]["add_ms"] + page[side]["remove_ms"]
            assert len(waits) == 2 * results["runs"]
            assert page[side]["median_ms"] == pytest.approx(redraw.median(waits), abs=0.1)
    assert results["targets"] == redraw.targets(results)
    assert path.with_suffix(".md").read_text(encoding="utf-8") == redraw.markdown(results)
