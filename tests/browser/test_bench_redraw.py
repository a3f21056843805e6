"""The redraw benchmark on a small generated dataset: its figures are consistent.

No wall-clock limit is checked (the machine may be busy); what is checked is that the floor
draws what the dashboard drew, and that the measurements are made and agree with each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from benchmarks import redraw
from benchmarks.generate import SCALES, generate

pytestmark = pytest.mark.browser

PAGES = ("", "kaart")


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "ds"
    generate(folder, SCALES["small"], scale_name="small")
    return folder


def test_the_floor_holds_the_figures_of_every_state(small_dataset: Path, tmp_path: Path) -> None:
    options = redraw.themes(small_dataset)
    codes = list(options)[:2]
    layout = json.loads(
        redraw.capture(small_dataset, tmp_path, codes, PAGES).read_text(encoding="utf-8")
    )
    assert layout["options"] == list(options.values())
    pages = {page["slug"]: page for page in layout["pages"]}
    assert list(pages) == list(PAGES)
    assert pages[""]["counts"]["metric"] == [4, 0]
    assert pages[""]["counts"]["chart"][0] >= 1
    assert pages["kaart"]["counts"]["map"] == [1, 0]
    for page in pages.values():
        assert list(page["states"]) == ["", *(options[c] for c in codes)]
        for drawn in page["states"].values():
            for element in drawn:
                if element["kind"] == "chart":
                    spec = json.loads((tmp_path / element["spec"]).read_text(encoding="utf-8"))
                    assert "$schema" in spec or "mark" in spec or "layer" in spec
                    for file in element["datasets"].values():
                        with pa.ipc.open_stream((tmp_path / file).read_bytes()) as reader:
                            assert reader.read_all().num_columns > 0
                elif element["kind"] == "map":
                    deck = json.loads((tmp_path / element["deck"]).read_text(encoding="utf-8"))
                    assert deck["layers"]
    # a theme chosen: fewer interventions, so another map than in the default view
    first = pages["kaart"]["states"][options[codes[0]]][0]["deck"]
    assert (tmp_path / first).read_text() != (
        tmp_path / pages["kaart"]["states"][""][0]["deck"]
    ).read_text()


def test_waits_and_ratios_add_up(chromium: Path, small_dataset: Path) -> None:
    results: dict[str, Any] = redraw.measure(
        small_dataset, runs=1, cold_runs=0, pages=PAGES, minutes=10, executable=chromium
    )
    assert list(results["pages"]) == list(PAGES)
    for page in results["pages"].values():
        assert page["ratio"] == redraw.ratio(page["app"], page["floor"])
        for side in ("app", "floor"):
            figures = page[side]
            assert len(figures["add_ms"]) == len(figures["remove_ms"]) == 1
            assert figures["median_ms"] > 0
            assert 0 < figures["run_median_ms"] <= figures["median_ms"]
            assert figures["bytes_median"] > 0
            assert figures["server_cpu_median_ms"] >= 0
    assert results["pages"]["kaart"]["elements"]["map"] == [1, 0]
    assert [t["name"] for t in results["targets"]] == [
        "Redraw ratio overzicht",
        "Redraw ratio kaart",
    ]
    kaart = redraw.elements_text(results["pages"]["kaart"]["elements"])
    assert kaart == "1 table + 1 map (1 in expanders)"
    assert f"| kaart | {kaart} |" in redraw.markdown(results)
