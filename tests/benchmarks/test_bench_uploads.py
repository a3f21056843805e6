"""The upload benchmark on the small generated dataset: its figures are there and add up.

No test here looks at how fast anything is or how much memory it takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import uploads
from benchmarks.generate import SCALES, generate
from lib.data.catalog import load_dataset

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("uploads") / "ds"
    return folder, generate(folder, SCALES["small"], scale_name="small")


def test_the_bystander_times_its_query(small: tuple[Path, Path]) -> None:
    figures = uploads._alone(load_dataset(small[0]), seconds=0.3)
    assert figures["n"] >= 2
    assert 0 < figures["median_s"] <= figures["p95_s"] <= figures["max_s"]


def test_two_uploads_at_once_are_both_checked_and_measured(
    small: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "SETTLE_S", 0.0)
    folder, upload = small
    result = uploads.child("parallel", [upload, upload], folder)
    rows = SCALES["small"].upload
    assert [list(r) for r in result["results"]] == [[0, [], rows], [0, [], rows]]
    assert result["bytes"] == 2 * upload.stat().st_size
    assert result["peak_rss_bytes"] >= result["rss_before_bytes"] > 0
    assert result["bystander_during"]["n"] >= 1
    table = uploads.markdown(dict.fromkeys(uploads.CASES, result))
    assert len(table) == 2 + len(uploads.CASES)
    assert table[2].startswith("| empty |")


def test_the_file_of_empty_rows_has_the_largest_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMG_UPLOAD_MAX_MB", "1")
    (tmp_path / "largest_upload_interventies.csv").write_text("x", encoding="utf-8")
    files = uploads.make_files(tmp_path)
    size = files["empty"].stat().st_size
    assert 2**20 - 8 < size <= 2**20
    assert files["empty"].read_bytes().startswith(uploads.EMPTY_HEADER)
