"""The generated benchmark data through every page, and the page benchmark itself.

The generator runs at its small scale (60 municipalities, so charts with a row per
municipality switch to provinces); the expected figures come from the generated CSV files
with the ``csv`` module, not from the app. No timing is asserted: the benchmark is measured
by ``python -m benchmarks.run``, not by the test suite.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import generate, pages
from lib.config import ROOT
from lib.data.catalog import load_dataset
from lib.domain.selection import PLACE_LIMIT, UNKNOWN_PROVINCE
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t

pytestmark = pytest.mark.slow

APP = str(ROOT / "app.py")
DONE = {"in_uitvoering", "afgerond"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "small"
    generate.generate(folder, generate.SCALES["small"], scale_name="small")
    return folder


@pytest.fixture
def on_small(small: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PMG_DATA_DIR", str(small))
    return small


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page != pages.PAGES[0]:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_generator_writes_the_sizes_it_promises(small: Path) -> None:
    scale = generate.SCALES["small"]
    places = _rows(small, "gemeenten")
    items = _rows(small, "interventies")
    progress = _rows(small, "voortgang")
    assert len(places) == scale.gemeenten
    assert len(items) == scale.interventies
    assert sum(len(r["factoren"].split("|")) for r in items if r["factoren"]) == scale.links
    assert len(progress) == scale.interventies * scale.kwartalen
    assert {r["illustratief"] for r in items} == {"true"}
    # the real municipalities: the bundled ones first, then others with their CBS name and
    # population; a generated wave is flagged, and no province is guessed
    people = {(r["gemeentecode"], r["peildatum"]): r for r in _rows(ROOT / "data" / "curated",
                                                                  "bevolking")}  # fmt: skip
    bundled = {r["gemeentecode"]: r for r in _rows(ROOT / "data" / "curated", "gemeenten")}
    for place in places:
        official = people[(place["gemeentecode"], "2024-01-01")]
        if place["gemeentecode"] in bundled:
            assert place["provincie"] == bundled[place["gemeentecode"]]["provincie"]
            continue
        assert place["gemeente"] == official["gemeente"]
        assert place["inwoners"] == official["inwoners"]
        assert (place["provincie"], place["illustratief"]) == ("", "true")
    for name in generate.CONTEXT:
        assert (small / f"{name}.csv").read_bytes() == (
            ROOT / "data" / "curated" / f"{name}.csv"
        ).read_bytes()
    upload = small.parent / f"{small.name}_{generate.UPLOAD_NAME}"
    text = upload.read_bytes().decode("cp1252")
    assert text.splitlines()[0].count(";") == 11
    assert len(text.splitlines()) == scale.upload + 1
    load_dataset(small)  # meets the contract, or raises DataError naming file, row, column


def test_the_generator_is_seeded(tmp_path: Path) -> None:
    scale = generate.Scale(30, 50, 120, 2, 20)
    generate.generate(tmp_path / "a", scale)
    generate.generate(tmp_path / "b", scale)
    for name in ("gemeenten", "interventies", "voortgang"):
        first = (tmp_path / "a" / f"{name}.csv").read_bytes()
        assert first == (tmp_path / "b" / f"{name}.csv").read_bytes()
    other = tmp_path / "c"
    generate.generate(other, scale, seed=generate.SEED + 1)
    assert (other / "interventies.csv").read_bytes() != first


@pytest.mark.parametrize("page", pages.PAGES)
def test_every_page_works_on_generated_data(on_small: Path, page: str) -> None:
    at = _open(page)
    for state in pages.STATES[:2]:
        pages._apply(at, state)
        at.run()
        assert not at.exception, [e.message for e in at.exception]


def test_overview_figures_on_generated_data(on_small: Path) -> None:
    at = _open("overzicht")
    items = _rows(on_small, "interventies")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("kpi.interventies", "nl")] == fmt_int(len(items), "nl")
    assert metrics[t("kpi.gemeenten", "nl")] == fmt_int(generate.SCALES["small"].gemeenten, "nl")
    done = sum(r["status"] in DONE for r in items)
    assert metrics[t("kpi.execution_rate.label", "nl")] == fmt_pct(done / len(items), "nl")


def test_execution_page_shows_provinces_and_the_trend(on_small: Path) -> None:
    at = _open("uitvoering")
    items = _rows(on_small, "interventies")
    places = Counter(r["gemeentecode"] for r in items)
    assert len(places) > PLACE_LIMIT  # the reason for the province view
    captions = "\n".join(c.value for c in at.caption)
    gemeenten = t("count.gemeenten", "nl", n=len(places))
    assert t("chart.by_province", "nl", gemeenten=gemeenten, limiet=PLACE_LIMIT) in captions
    subheaders = [s.value for s in at.subheader]
    assert t("execution.trend.title", "nl") in subheaders
    progress = _rows(on_small, "voortgang")
    last = max(r["periode"] for r in progress)
    final = [r for r in progress if r["periode"] == last]
    # the last quarter is each intervention's current status
    expected = fmt_pct(sum(r["status"] in DONE for r in final) / len(final), "nl")
    tables = [df.value for df in at.dataframe]
    rate = t("column.execution_rate", "nl")
    period = t("column.period", "nl")
    trend = next(tab for tab in tables if period in tab.columns)
    assert trend[period].to_list() == sorted({r["periode"] for r in progress})
    assert trend[rate].to_list()[-1] == expected
    # the chart of places has one row per province, the same as its table
    province = t("column.provincie", "nl")
    by_place = next(tab for tab in tables if province in tab.columns and rate in tab.columns)
    provinces = {
        g["provincie"] or UNKNOWN_PROVINCE
        for g in _rows(on_small, "gemeenten")
        if g["gemeentecode"] in places
    }
    assert sorted(by_place[province].to_list()) == sorted(provinces)


def test_the_page_benchmark_reports_every_page(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMG_DATA_DIR", str(small))
    monkeypatch.setenv("PMG_STORE_DIR", "")
    result = pages.measure(small, runs=2)
    assert result["runs"] == 2
    assert set(result["pages"]) == set(pages.PAGES)
    for figures in result["pages"].values():
        assert len(figures["new_s"]) == len(figures["repeat_s"]) == 2
        assert all(s > 0 for s in figures["new_s"] + figures["repeat_s"])
        # the script run is part of the whole AppTest run
        assert all(
            inner <= outer
            for inner, outer in zip(figures["new_s"], figures["new_wall_s"], strict=True)
        )


def test_the_benchmark_command_line_prints_json(small: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", "--dataset", str(small), "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result = json.loads(done.stdout)
    assert set(result["pages"]) == set(pages.PAGES)


def test_more_runs_than_views_is_refused(small: Path) -> None:
    with pytest.raises(ValueError, match="at most"):
        pages.measure(small, runs=len(pages.STATES) + 1)
