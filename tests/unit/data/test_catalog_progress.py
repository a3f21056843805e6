"""The catalog's progress table, factor links and uploadable tables."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from progress import DONE, LANGS, VOORTGANG, listed_factors, sorted_rows, tables_with_progress
from tinydata import TINY_TABLES, tiny_tables, write_dataset

from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import catalog
from lib.data.catalog import DataError, Dataset, factor_links, load_dataset
from lib.domain import selection as sl
from lib.domain.filters import Filters
from lib.text.reports import file_issue_message

# --- 1. catalog: factor_links, voortgang, links, progress, uploadable --------------------------


def test_selection_uses_the_catalogs_factor_links() -> None:
    assert sl.factor_links is catalog.factor_links


def test_factor_links_strips_and_drops_empty_and_repeated_codes() -> None:
    frame = pl.DataFrame(
        {
            "interventie_id": ["a", "b", "c"],
            "gemeentecode": ["GM0001", "GM0002", "GM0003"],
            "factoren": [" x | y |x|", None, "||"],
        },
        schema_overrides={"factoren": pl.String},
    )
    assert factor_links(frame).rows() == [("a", "GM0001", "x"), ("a", "GM0001", "y")]
    assert factor_links(frame).columns == ["interventie_id", "gemeentecode", "factor"]


def test_voortgang_is_an_empty_frame_with_the_contract_columns_when_absent(tiny: Dataset) -> None:
    spec = TABLES["voortgang"]
    assert tiny.voortgang.height == 0
    assert tiny.voortgang.columns == list(spec.names)
    assert dict(tiny.voortgang.schema) == {
        "interventie_id": pl.String,
        "periode": pl.String,
        "status": pl.String,
        "bron": pl.String,
        "illustratief": pl.Boolean,
    }
    assert tiny.progress.height == 0
    assert tiny.progress.columns == ["rij", "periode", "uitgevoerd"]


def test_voortgang_is_read_and_typed_when_present(progress_data: Dataset) -> None:
    frame = progress_data.voortgang
    assert frame.columns == list(TABLES["voortgang"].names)
    assert frame.select("interventie_id", "periode", "status").rows() == VOORTGANG
    # the optional columns absent from the file are there, and null
    assert frame.get_column("bron").null_count() == len(VOORTGANG)
    assert frame.schema["illustratief"] == pl.Boolean
    assert frame.get_column("illustratief").null_count() == len(VOORTGANG)


def test_progress_points_at_the_row_of_each_intervention(progress_data: Dataset) -> None:
    progress = progress_data.progress
    assert progress.columns == ["rij", "periode", "uitgevoerd"]
    assert progress.schema["periode"] == pl.Categorical
    assert progress.schema["uitgevoerd"] == pl.Boolean
    ids = [i["interventie_id"] for i in TINY_TABLES["interventies"]]
    assert progress_data.interventies.get_column("interventie_id").to_list() == ids
    got = sorted(
        (ids[rij], str(periode), done)
        for rij, periode, done in progress.select("rij", "periode", "uitgevoerd").rows()
    )
    assert got == sorted((i, p, s in DONE) for i, p, s in VOORTGANG)


def test_links_are_cached_per_dataset(progress_data: Dataset) -> None:
    first = progress_data.links
    assert progress_data.links is first
    expected = sorted(
        (i["interventie_id"], i["gemeentecode"], f)
        for i in TINY_TABLES["interventies"]
        for f in listed_factors(i["factoren"])
    )
    assert sorted_rows(first, "interventie_id", "gemeentecode", "factor") == expected


def test_links_are_computed_once_for_every_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load_dataset(write_dataset(tmp_path / "data", tiny_tables()))
    calls: list[int] = []
    real = catalog.factor_links

    def counting(frame: pl.DataFrame) -> pl.DataFrame:
        calls.append(frame.height)
        return real(frame)

    monkeypatch.setattr(catalog, "factor_links", counting)
    monkeypatch.setattr(sl, "factor_links", counting)
    for filters in (Filters(), Filters(botoc="ja"), Filters(domeinen=("gezin",)), Filters()):
        sel = sl.select(data, filters)
        assert sel.links is not None
        assert sel.all_links is not None
    assert data.links is data.links
    assert calls == [len(TINY_TABLES["interventies"])]


def test_a_replaced_dataset_does_not_keep_the_old_links(progress_data: Dataset) -> None:
    assert progress_data.links.height > 0  # cached on the original
    fewer = progress_data.interventies.filter(pl.col("gemeentecode") == "GM0002")
    changed = replace(progress_data, interventies=fewer)
    assert sorted_rows(changed.links, "interventie_id", "factor") == [
        ("GM0002-001", "gezinsproblemen"),
        ("GM0002-002", "steun"),
    ]
    # progress follows the new rows too: Beta's interventions are now rows 0 and 1
    assert sorted((r, str(p)) for r, p, _ in changed.progress.rows()) == [
        (0, "2023-Q4"),
        (0, "2024-Q1"),
        (0, "2024-Q2"),
        (1, "2024-Q1"),
        (1, "2024-Q2"),
    ]


def test_uploadable_tables(progress_data: Dataset) -> None:
    tables = progress_data.uploadable()
    assert tuple(tables) == UPLOADABLE_TABLES
    assert tables["interventies"] is progress_data.interventies
    assert tables["voortgang"] is progress_data.voortgang


def test_broken_voortgang_names_file_row_and_column(tmp_path: Path) -> None:
    rows = [
        ("GM0001-001", "2023-Q4", "gepland"),  # row 2
        ("GM0009-001", "2023-Q4", "gepland"),  # row 3: no such intervention
        ("GM0001-002", "2024-Q1", "afgerond"),  # row 4
        ("GM0001-002", "2023-Q5", "afgerond"),  # row 5: no fifth quarter
        ("GM0002-001", "2024-Q1", "klaar"),  # row 6: unknown status
    ]
    with pytest.raises(DataError) as caught:
        load_dataset(write_dataset(tmp_path / "data", tables_with_progress(rows)))
    issues = caught.value.issues
    assert [(i.file, i.issue.row, i.issue.column, i.issue.code) for i in issues] == [
        ("voortgang.csv", 3, "interventie_id", "reference"),
        ("voortgang.csv", 5, "periode", "pattern"),
        ("voortgang.csv", 6, "status", "enum"),
    ]
    assert issues[0].issue.value == "GM0009-001"
    assert issues[1].issue.value == "2023-Q5"
    for lang in LANGS:
        assert "voortgang.csv" in file_issue_message(issues[1], lang)
    assert "rij 5" in file_issue_message(issues[1], "nl")
    assert "row 3" in str(caught.value)
    assert "voortgang.csv" in str(caught.value)
