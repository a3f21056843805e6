"""The load benchmark: what counts as a good redraw, the summary, and a short real run against
one server and two behind nginx."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.cluster import NGINX
from benchmarks.load import Tally, applied, pick_filter, summary
from benchmarks.sessions import Run, Session
from lib.config import ROOT


def run_with(*texts: str) -> Run:
    return Run(seconds=0.1, status=0, texts=list(texts))


def test_a_redraw_counts_only_when_the_page_names_the_filter() -> None:
    chosen = {"filter_gemeente": ["Almere", "Breda"], "filter_thema": []}
    assert applied(run_with("x", "Selectie: Gemeente: Almere, Breda"), chosen)
    assert not applied(run_with("Selectie: Gemeente: Almere"), chosen)
    assert not applied(run_with("geen selectieregel"), chosen)
    nothing = {"filter_gemeente": [], "filter_thema": []}
    assert applied(run_with("Selectie: alle gemeenten en interventies (geen filters)"), nothing)
    assert not applied(run_with("Selectie: Gemeente: Almere"), nothing)


def test_a_filter_is_picked_from_the_options_the_page_offers() -> None:
    session = Session("http://127.0.0.1:1")
    session.options = {
        "filter_gemeente": ["Almere", "Breda", "Delft", "Ede"],
        "filter_thema": ["Gezag"],
        "filter_status": ["Gepland", "Afgerond"],
    }
    rng = random.Random(3)
    for _ in range(50):
        chosen = pick_filter(session, rng)
        picked = [(k, v) for k, v in chosen.items() if v]
        assert len(picked) <= 1
        for key, values in picked:
            assert set(values) <= set(session.options[key])
            assert len(values) <= {"filter_gemeente": 3, "filter_thema": 2, "filter_status": 1}[key]


def test_the_summary_counts_and_ranks() -> None:
    tallies = [Tally(redraws=[0.1 * n for n in range(1, 11)], first_runs=[1.0]), Tally()]
    tallies[1].error("script error")
    tallies[1].error("script error")
    result = summary(tallies, wall=5.0)
    assert (result["redraws"], result["errors"]) == (10, 2)
    assert result["error_kinds"] == {"script error": 2}
    assert result["redraws_per_s"] == 2.0
    assert (result["p50_ms"], result["p95_ms"], result["max_ms"]) == (600, 1000, 1000)
    assert result["sessions_that_drew"] == 1


@pytest.mark.slow
def test_a_short_run_against_one_server_and_two_behind_nginx(tmp_path: Path) -> None:
    if not NGINX.is_file():
        pytest.skip(f"{NGINX} not found: apt-get install nginx-light")
    argv = ["--sessions", "4", "--seconds", "4", "--think", "0.2", "--out", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| 2 servers + nginx |" in done.stdout
    results = json.loads(next(tmp_path.glob("*.json")).read_text())
    one, two = results["setups"]
    assert (one["servers"], two["servers"]) == (1, 2)
    for setup in (one, two):
        assert setup["errors"] == 0, setup["error_kinds"]
        assert setup["redraws"] > 0
        assert setup["sessions_that_drew"] == 4
        assert all(s["rss_peak_mb"] >= s["rss_before_mb"] > 0 for s in setup["per_server"])
    assert len(two["per_server"]) == 2
