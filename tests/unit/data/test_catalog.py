"""The curated files and their provenance, and how the loader reports a broken dataset."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from tinydata import read_rows, tiny_tables, write_dataset

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import STATUS_DATA
from lib.contract.schema import REQUIRED_TABLES, TABLES
from lib.data.catalog import DataError, Dataset, FileIssue, load_dataset, read_provenance
from lib.data.validate import Issue
from lib.text.reports import file_issue_message

PACKAGE = json.loads((BUNDLED_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
CSV_FILES = sorted(p.name for p in BUNDLED_DATA_DIR.glob("*.csv"))


def test_resources_cover_every_csv() -> None:
    assert sorted(r["path"] for r in PACKAGE["resources"]) == CSV_FILES
    assert sorted(RESOURCES) == sorted(p.removesuffix(".csv") for p in CSV_FILES)
    assert set(REQUIRED_TABLES) <= set(RESOURCES)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_hash_and_row_count_match_the_file(name: str) -> None:
    resource = RESOURCES[name]
    data = (BUNDLED_DATA_DIR / resource["path"]).read_bytes()
    assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert resource["rows"] == len(read_rows(BUNDLED_DATA_DIR / resource["path"]))


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_resource_metadata_is_complete(name: str) -> None:
    resource = RESOURCES[name]
    assert resource["title"].strip()
    assert resource["status"] in ("gepubliceerd", "illustratief")
    assert resource["status"] in STATUS_DATA
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", resource["date"])
    assert resource["sources"]
    assert all(s["title"].strip() for s in resource["sources"])
    assert all(s.get("path", "https://").startswith("https://") for s in resource["sources"])
    licences = resource.get("licenses") or PACKAGE["licenses"]
    assert licences
    assert all(lic["name"].strip() for lic in licences)


def test_package_metadata() -> None:
    provenance = read_provenance(BUNDLED_DATA_DIR)
    assert provenance.licence == PACKAGE["licenses"][0]["name"] == "CC-BY-4.0"
    assert re.fullmatch(r"\d+\.\d+\.\d+", provenance.version)
    assert set(provenance.resources) == set(RESOURCES)
    assert provenance.resources["interventies"].rows == RESOURCES["interventies"]["rows"]


@pytest.mark.parametrize("file", CSV_FILES)
def test_every_column_is_in_the_contract(file: str) -> None:
    table = TABLES[file.removesuffix(".csv")]
    with (BUNDLED_DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert [c for c in header if c not in table.names] == []
    required = [c.name for c in table.columns if c.present == "required"]
    assert [c for c in required if c not in header] == []
    assert len(header) == len(set(header))


def test_interventions_are_flagged_illustrative(dataset: Dataset) -> None:
    rows = read_rows(BUNDLED_DATA_DIR / "interventies.csv")
    assert rows
    assert {r["illustratief"] for r in rows} == {"true"}
    assert RESOURCES["interventies"]["status"] == "illustratief"
    assert dataset.interventies.get_column("illustratief").to_list() == [True] * len(rows)
    assert dataset.illustrative


def test_population_is_the_cbs_figure_of_2024_for_every_municipality(dataset: Dataset) -> None:
    breda = dataset.gemeenten.filter(pl.col("gemeentecode") == "GM0758").row(0, named=True)
    assert breda["gemeente"] == "Breda"
    cbs = {
        r["gemeentecode"]: int(r["inwoners"])
        for r in read_rows(BUNDLED_DATA_DIR / "bevolking.csv")
        if r["peildatum"] == "2024-01-01"
    }
    assert (breda["inwoners"], breda["inwoners_peiljaar"]) == (cbs["GM0758"], 2024)
    rows = read_rows(BUNDLED_DATA_DIR / "gemeenten.csv")
    # every municipality has the CBS population of 1 January 2024, and says so in its sources
    assert {r["gemeentecode"]: int(r["inwoners"]) for r in rows} == {
        r["gemeentecode"]: cbs[r["gemeentecode"]] for r in rows
    }
    assert {r["inwoners_peiljaar"] for r in rows} == {"2024"}
    assert all("CBS/Kadaster Wijk- en buurtkaart 2024" in r["bron"] for r in rows)
    # the provenance note says so too
    assert "Inwoners: CBS, 1 januari 2024, voor alle gemeenten" in RESOURCES["gemeenten"]["notes"]


def test_bundled_dataset_loads_typed(dataset: Dataset) -> None:
    assert dataset.gemeenten.height == RESOURCES["gemeenten"]["rows"] == 47
    assert dataset.interventies.height == RESOURCES["interventies"]["rows"]
    assert dataset.gemeenten.schema["inwoners"] == pl.Int64
    assert dataset.gemeenten.schema["botoc"] == pl.Boolean
    assert dataset.interventies.schema["budget_eur"] == pl.Float64
    den_haag = dataset.gemeenten.filter(pl.col("gemeentecode") == "GM0518").row(0, named=True)
    assert (den_haag["gemeente"], den_haag["naam"]) == ("'s-Gravenhage", "Den Haag")


# ----------------------------------------------------------------------------- broken data


def _copy_bundled(folder: Path) -> Path:
    shutil.copytree(BUNDLED_DATA_DIR, folder)
    return folder


def _rewrite(path: Path, change: Callable[[list[dict[str, str]], list[str]], None]) -> None:
    rows = read_rows(path)
    columns = list(rows[0])
    change(rows, columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)


def test_bad_code_names_file_row_and_column(tmp_path: Path) -> None:
    folder = _copy_bundled(tmp_path / "data")

    def change(rows: list[dict[str, str]], _: list[str]) -> None:
        rows[3]["gemeentecode"] = "GM12345"  # 4th data row = spreadsheet row 5

    _rewrite(folder / "interventies.csv", change)
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    first = caught.value.issues[0]
    assert (first.file, first.issue.row, first.issue.column) == (
        "interventies.csv",
        5,
        "gemeentecode",
    )
    assert {(i.file, i.issue.row) for i in caught.value.issues} == {("interventies.csv", 5)}
    assert "interventies.csv" in file_issue_message(first, "nl")
    assert "rij 5" in file_issue_message(first, "nl")
    assert "row 5" in str(caught.value)


def test_data_error_text_is_the_same_in_every_language() -> None:
    error = DataError(
        [
            FileIssue("interventies.csv", Issue("pattern", "gemeentecode", 5, "GM12345")),
            FileIssue("voortgang.csv", Issue("missing_column", "status", None, None)),
        ]
    )
    assert str(error) == "2 issue(s), first: interventies.csv, row 5, column gemeentecode: pattern"
    assert str(error.issues[1]) == "voortgang.csv, row -, column status: missing_column"


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    folder = _copy_bundled(tmp_path / "data")
    _rewrite(folder / "interventies.csv", lambda _, columns: columns.remove("status"))
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert [(i.file, i.issue.code, i.issue.column, i.issue.row) for i in caught.value.issues] == [
        ("interventies.csv", "missing_column", "status", None)
    ]
    assert "'status'" in file_issue_message(caught.value.issues[0], "en")


def test_every_broken_file_is_reported(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["themas"][1]["thema"] = "sport"  # row 3
    tables["lessen"][0]["product"] = ""  # row 2
    tables["interventies"][2]["status"] = "klaar"  # row 4
    tables["interventies"][4]["factoren"] = "gezinsproblemen|onbekend"  # row 6
    with pytest.raises(DataError) as caught:
        load_dataset(write_dataset(tmp_path / "data", tables))
    assert [(i.file, i.issue.row, i.issue.column, i.issue.code) for i in caught.value.issues] == [
        ("themas.csv", 3, "thema", "enum"),
        ("interventies.csv", 4, "status", "enum"),
        ("interventies.csv", 6, "factoren", "reference"),
        ("lessen.csv", 2, "product", "required"),
    ]


def test_reference_to_a_municipality_that_is_not_listed(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["gemeenten"] = [g for g in tables["gemeenten"] if g["gemeentecode"] != "GM0003"]
    with pytest.raises(DataError) as caught:
        load_dataset(write_dataset(tmp_path / "data", tables))
    assert [(i.file, i.issue.row, i.issue.code, i.issue.value) for i in caught.value.issues] == [
        ("interventies.csv", 10, "reference", "GM0003")
    ]


def test_optional_columns_may_be_absent(tiny: Dataset) -> None:
    # the tiny interventies.csv has no startjaar, bereik, budget_eur or monitoringplan
    for column, dtype in [
        ("startjaar", pl.Int64),
        ("bereik", pl.Int64),
        ("budget_eur", pl.Float64),
        ("monitoringplan", pl.Boolean),
    ]:
        assert tiny.interventies.schema[column] == dtype
        assert tiny.interventies.get_column(column).null_count() == tiny.interventies.height
