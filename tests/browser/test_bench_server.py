"""The server benchmark on a small generated dataset: its figures are consistent.

Wall-clock limits are not checked (the machine may be busy); what is checked is that the
measurements are made and agree with each other: positive times that add up, memory figures
that are plausible for a Python process with Streamlit and Polars loaded, and as many sessions
as asked for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks import server
from benchmarks.generate import SCALES, generate

pytestmark = pytest.mark.browser

MIB = 1024 * 1024
# A Python process that has imported Streamlit, Polars and Altair uses well over this.
SERVER_FLOOR = 50 * MIB


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "ds"
    generate(folder, SCALES["small"], scale_name="small")
    return folder


def test_memory_of_a_process_is_read_from_proc() -> None:
    pid = os.getpid()
    assert server.process_tree(pid)[0] == pid
    now = server.rss(pid)
    assert now > 0
    assert server.peak_rss(pid) >= now  # read after: the peak can only have grown
    assert server.rss(2**22 + 1) == 0  # no such process (above the kernel's pid limit)


def test_cold_start_times_add_up(chromium: Path, small_dataset: Path) -> None:
    result: dict[str, Any] = server.cold_start(small_dataset, runs=1, executable=chromium)

    assert result["runs"] == 1
    (run,) = result["per_run"]
    assert run["ready_s"] > 0
    assert run["render_s"] > 0
    assert run["total_s"] == pytest.approx(run["ready_s"] + run["render_s"], abs=1e-3)
    assert result["median_s"] == run["total_s"]
    assert result["ready_median_s"] == run["ready_s"]
    assert result["render_median_s"] == run["render_s"]
    assert result["median_s"] == pytest.approx(
        result["ready_median_s"] + result["render_median_s"], abs=1e-3
    )
    assert run["peak_rss_bytes"] > SERVER_FLOOR
    assert result["peak_rss_bytes"] == run["peak_rss_bytes"]


def test_sessions_share_the_dataset(chromium: Path, small_dataset: Path) -> None:
    n = 3
    result: dict[str, Any] = server.sessions(small_dataset, n=n, executable=chromium)

    assert result["n"] == n
    assert result["sessions_opened"] == n
    assert result["sessions_open_at_end"] == n
    assert len(result["last_pages"]) == n
    assert result["last_pages"][0] == "/"
    assert all(path.count("?status=") == 1 for path in result["last_pages"][1:])

    rss_1, rss_n = result["rss_1_bytes"], result["rss_n_bytes"]
    assert rss_1 > SERVER_FLOOR
    assert rss_n > SERVER_FLOOR
    assert rss_n >= 0.8 * rss_1  # more sessions never free most of the memory
    assert result["peak_rss_bytes"] >= rss_n
    assert result["per_session_bytes"] == round((rss_n - rss_1) / (n - 1))

    size = result["dataset_bytes"]
    assert size > 0
    assert (size, result["derived_bytes"]) == server.dataset_sizes(small_dataset)
    assert result["derived_bytes"] >= 0
    assert result["per_session_over_dataset"] == pytest.approx(
        result["per_session_bytes"] / size, abs=1e-3
    )
