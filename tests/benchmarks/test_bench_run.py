"""The benchmark's report: no machine paths, and targets read from a stored run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run

pytestmark = pytest.mark.slow

RESULTS = sorted(run.RESULTS.glob("*.json"))


def test_results_name_no_paths_of_the_machine(tmp_path: Path) -> None:
    work = tmp_path / "work"
    value = {"dataset": f"{work}/national", "runs": [f"{work}/a.csv", 3], "n": 5}
    assert run.without_paths(value, work) == {
        "dataset": "<work>/national",
        "runs": ["<work>/a.csv", 3],
        "n": 5,
    }


def test_stored_runs_name_no_paths_and_their_targets_follow_from_the_figures() -> None:
    assert RESULTS, "the README quotes a stored run"
    for path in RESULTS:
        text = path.read_text(encoding="utf-8")
        assert [p for p in ("/tmp/", "/home/", "/root/") if p in text] == []
        results = json.loads(text)
        found = {t.name: (t.value, t.met) for t in run.targets(results)}
        assert found == {t["name"]: (t["value"], t["met"]) for t in results["targets"]}
        markdown = path.with_suffix(".md").read_text(encoding="utf-8")
        assert markdown == run.markdown(results)
