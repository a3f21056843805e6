"""``scripts/build_data.py`` reproduces the committed files and honours the published totals."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT

BOTOC = {"GM0363", "GM0202", "GM0518", "GM0772", "GM0599", "GM0855", "GM0344", "GM0479"}
DONE = {"in_uitvoering", "afgerond"}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("built")
    return out, _load_script().build(out)


@pytest.fixture(scope="module")
def rows(built: tuple[Path, dict[str, bytes]]) -> list[dict[str, str]]:
    text = (built[0] / "interventies.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", ["interventies.csv", "datapackage.json"])
def test_build_reproduces_the_committed_files(
    built: tuple[Path, dict[str, bytes]], name: str
) -> None:
    out, contents = built
    committed = (BUNDLED_DATA_DIR / name).read_bytes()
    assert (out / name).read_bytes() == committed
    assert contents[name] == committed


def test_build_writes_only_its_own_files(built: tuple[Path, dict[str, bytes]]) -> None:
    context = ["bevolking", "gemeente_feiten", "misdrijfsoorten", "misdrijven", "programma"]
    assert sorted(p.name for p in built[0].iterdir()) == sorted(
        ["datapackage.json", "interventies.csv", *(f"{name}.csv" for name in context)]
    )


def test_build_is_deterministic(tmp_path: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    assert _load_script().build(tmp_path) == built[1]


def test_botoc_aggregates(rows: list[dict[str, str]]) -> None:
    botoc = [r for r in rows if r["gemeentecode"] in BOTOC]
    assert {r["gemeentecode"] for r in botoc} == BOTOC
    assert len(botoc) == 62
    assert sum(r["status"] in DONE for r in botoc) == 53
    top = Counter(r["thema"] for r in botoc).most_common()
    assert top[:3] == [("gedragsinterventie", 16), ("jongerenwerk", 14), ("vroegsignalering", 12)]
    assert top[3][1] < 12


def test_every_wave_one_municipality_has_interventions(rows: list[dict[str, str]]) -> None:
    with (BUNDLED_DATA_DIR / "gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        wave1 = {g["gemeentecode"] for g in csv.DictReader(handle) if g["golf"] == "golf1_2022"}
    assert len(wave1) == 15
    assert wave1 >= BOTOC
    per_place = Counter(r["gemeentecode"] for r in rows)
    assert sorted(code for code in wave1 if per_place[code] == 0) == []


def test_every_row_is_illustrative_with_a_source(rows: list[dict[str, str]]) -> None:
    assert rows
    assert {r["illustratief"] for r in rows} == {"true"}
    assert all("build_data.py" in r["bron"] for r in rows)


def test_ids_are_unique_and_follow_the_municipality(rows: list[dict[str, str]]) -> None:
    ids = [r["interventie_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r["interventie_id"].startswith(r["gemeentecode"] + "-") for r in rows)


def test_datapackage_describes_the_generated_table(
    built: tuple[Path, dict[str, bytes]], rows: list[dict[str, str]]
) -> None:
    package = json.loads((built[0] / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "interventies")
    assert resource["rows"] == len(rows)
    assert resource["status"] == "illustratief"
