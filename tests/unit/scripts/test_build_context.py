"""``scripts/build_context.py``: the curated context tables against the public reference files.

Every expectation is recomputed here from ``data/reference/context/`` with plain Python
(``csv``, ``gzip``), so a wrong mapping, a dropped row or a changed number fails a test.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT

REFERENCE = ROOT / "data" / "reference" / "context"
OUTPUTS = (
    "programma.csv",
    "bevolking.csv",
    "misdrijfsoorten.csv",
    "misdrijven.csv",
    "gemeente_feiten.csv",
)
# National population on 1 January as published by CBS (StatLine 37296ned, Bevolking; kerncijfers):
# 17,811,291 in 2023 and 17,942,942 in 2024.
NATIONAL_POPULATION = {"2023-01-01": 17_811_291, "2024-01-01": 17_942_942}
# The four NPLV additions of 2023 (Gemeente.nu, July 2022; gemeente Vlaardingen, 4 July 2022).
NPLV_NAMES = {"Vlaardingen", "Delft", "Dordrecht", "Roosendaal"}


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "build_context.py"
    spec = importlib.util.spec_from_file_location("build_context", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _reference(name: str) -> list[dict[str, str]]:
    path = REFERENCE / name
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _curated(name: str) -> list[dict[str, str]]:
    return _rows((BUNDLED_DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("context")
    files, _ = _load_script().build(out)
    return out, files


@pytest.fixture(scope="module")
def package() -> dict[str, object]:
    """The committed ``datapackage.json`` with only the resources of the context tables."""
    data = json.loads((BUNDLED_DATA_DIR / "datapackage.json").read_text("utf-8"))
    assert isinstance(data, dict)
    names = {n.removesuffix(".csv") for n in OUTPUTS}
    return {**data, "resources": [r for r in data["resources"] if r["name"] in names]}


# ----------------------------------------------------------------------------- stability


@pytest.mark.parametrize("name", OUTPUTS)
def test_build_reproduces_the_committed_file(
    built: tuple[Path, dict[str, bytes]], name: str
) -> None:
    out, contents = built
    committed = (BUNDLED_DATA_DIR / name).read_bytes()
    assert (out / name).read_bytes() == committed
    assert contents[name] == committed


def test_build_writes_only_its_own_files(built: tuple[Path, dict[str, bytes]]) -> None:
    assert sorted(p.name for p in built[0].iterdir()) == sorted(OUTPUTS)


def test_build_is_deterministic(tmp_path: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    files, resources = _load_script().build(tmp_path)
    assert files == built[1]
    assert resources == _load_script().build(tmp_path)[1]


def test_crime_table_stays_small() -> None:
    assert (BUNDLED_DATA_DIR / "misdrijven.csv").stat().st_size < 2_000_000


# ----------------------------------------------------------------------------- metadata


def test_every_table_matches_its_metadata(package: dict[str, object]) -> None:
    resources = package["resources"]
    assert isinstance(resources, list)
    assert [r["path"] for r in resources] == [n for n in OUTPUTS if n.endswith(".csv")]
    for resource in resources:
        data = (BUNDLED_DATA_DIR / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), resource["name"]
        assert resource["rows"] == len(_rows(data.decode("utf-8"))), resource["name"]


def test_metadata_is_complete_and_published(package: dict[str, object]) -> None:
    resources = package["resources"]
    assert isinstance(resources, list)
    for resource in resources:
        assert resource["name"] == resource["path"].removesuffix(".csv")
        assert resource["title"].strip()
        assert resource["status"] == "gepubliceerd"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", resource["date"])
        assert resource["licenses"]
        assert all(lic["name"].strip() for lic in resource["licenses"])
        assert resource["sources"]
        assert all(s["title"].strip() for s in resource["sources"])
        assert all(s["path"].startswith("https://") for s in resource["sources"])
        assert len(resource["notes"]) > 80
    notes = {r["name"]: r["notes"] for r in resources}
    assert "voorlopig" in notes["misdrijven"]
    assert "hele procenten" in notes["bevolking"]


def test_metadata_names_no_machine_paths(package: dict[str, object]) -> None:
    text = json.dumps(package)
    assert "/work" not in text
    assert "/tmp" not in text
    assert "\\\\" not in text


def test_per_row_sources_are_the_urls_of_the_facts(package: dict[str, object]) -> None:
    resources = package["resources"]
    assert isinstance(resources, list)
    feiten = next(r for r in resources if r["name"] == "gemeente_feiten")
    urls = list(dict.fromkeys(r["bron"] for r in _reference("gemeente_feiten.csv")))
    assert [s["path"] for s in feiten["sources"]] == urls


# ----------------------------------------------------------------------------- programma


def test_programme_has_47_municipalities_15_12_20() -> None:
    rows = _curated("programma.csv")
    assert len(rows) == 47
    assert len({r["gemeentecode"] for r in rows}) == 47
    assert Counter(r["instroomjaar"] for r in rows) == {"2022": 15, "2023": 12, "2024": 20}
    assert Counter(r["regeling"] for r in rows) == {
        "regeling_2022": 15,
        "regeling_2023_nplv": 4,
        "regeling_2023_selectie": 8,
        "regeling_2024": 20,
    }


def test_programme_follows_the_regulations_of_the_reference_roster() -> None:
    reference = {r["gemeentecode"]: r for r in _reference("programma_gemeenten.csv")}
    rows = {r["gemeentecode"]: r for r in _curated("programma.csv")}
    assert set(rows) == set(reference)
    by_tranche = Counter(r["tranche"][:4] for r in reference.values())
    assert by_tranche == Counter(r["instroomjaar"] for r in rows.values())
    for code, row in rows.items():
        src = reference[code]
        assert row["gemeente"] == src["gemeentenaam_cbs_2024"]
        assert row["instroomjaar"] == src["tranche"][:4]
        assert row["regeling"].startswith(f"regeling_{src['tranche'][:4]}")
        assert row["bron"] == src["bron"]
        assert row["bron_datum"] == src["bron_datum"]
        expected = "eenmalige_bijdrage" if src["tranche"].startswith("2024") else "programma"
        assert row["soort_deelname"] == expected


def test_the_2023_split_names_the_four_nplv_municipalities_and_its_sources() -> None:
    rows = _curated("programma.csv")
    nplv = {r["naam_in_regeling"] for r in _reference("programma_gemeenten.csv")} & NPLV_NAMES
    assert nplv == NPLV_NAMES
    assert {r["gemeente"] for r in rows if r["regeling"] == "regeling_2023_nplv"} == NPLV_NAMES
    for row in rows:
        if row["instroomjaar"] == "2023":
            assert row["bron_indeling"].startswith("https://www.gemeente.nu/")
        else:
            assert row["bron_indeling"] == ""


def test_every_programme_municipality_has_population() -> None:
    codes = {r["gemeentecode"] for r in _reference("kerncijfers_gemeenten.csv")}
    assert {r["gemeentecode"] for r in _curated("programma.csv")} <= codes


# ----------------------------------------------------------------------------- bevolking


def test_population_adds_up_to_the_national_totals() -> None:
    rows = _curated("bevolking.csv")
    reference = _reference("kerncijfers_gemeenten.csv")
    for date, total in NATIONAL_POPULATION.items():
        assert sum(int(r["inwoners"]) for r in rows if r["peildatum"] == date) == total
        assert sum(int(r["inwoners"]) for r in reference if r["peildatum"] == date) == total
        assert sum(r["peildatum"] == date for r in rows) == 342


def test_population_copies_every_figure_and_keeps_gaps_empty() -> None:
    reference = {
        (r["gemeentecode"], r["peildatum"]): r for r in _reference("kerncijfers_gemeenten.csv")
    }
    rows = _curated("bevolking.csv")
    assert len(rows) == len(reference) == 684
    numbers = [
        "inwoners",
        "pct_0_15",
        "pct_15_25",
        "pct_25_45",
        "pct_45_65",
        "pct_65plus",
        "huishoudens",
        "bevolkingsdichtheid",
        "stedelijkheid",
        "oppervlakte_land_ha",
    ]
    for row in rows:
        src = reference[(row["gemeentecode"], row["peildatum"])]
        assert {c: row[c] for c in numbers} == {c: src[c] for c in numbers}
        name_2024 = reference[(row["gemeentecode"], "2024-01-01")]["gemeente"]
        assert row["gemeente"] == name_2024
        assert row["bron"] == (
            f"https://service.pdok.nl/cbs/wijkenbuurten/{row['peildatum'][:4]}/wfs/v1_0"
        )
    assert {r["stedelijkheid"] for r in rows if r["peildatum"] == "2023-01-01"} == {""}
    assert {r["stedelijkheid"] for r in rows if r["peildatum"] == "2024-01-01"} == set("12345")
    assert "provincie" not in rows[0]


def test_six_municipalities_get_the_2024_name_for_2023() -> None:
    reference = _reference("kerncijfers_gemeenten.csv")
    names = {(r["gemeentecode"], r["peildatum"][:4]): r["gemeente"] for r in reference}
    renamed = {
        code
        for code, year in names
        if year == "2023" and names[code, "2023"] != names[code, "2024"]
    }
    assert len(renamed) == 6
    rows = [r for r in _curated("bevolking.csv") if r["gemeentecode"] in renamed]
    assert {r["gemeente"] for r in rows} == {names[code, "2024"] for code in renamed}


# ----------------------------------------------------------------------------- misdrijven


def test_offence_types_keep_the_cbs_codes_and_labels() -> None:
    labels = {
        r["soort_code"]: (r["soort_nl"], r["soort_en"])
        for r in _reference("misdrijven_gemeenten.csv.gz")
    }
    rows = _curated("misdrijfsoorten.csv")
    assert len(rows) == len(labels) == 12
    assert [r["volgorde"] for r in rows] == [str(i) for i in range(1, 13)]
    assert [r["cbs_code"] for r in rows] == sorted(labels)
    for row in rows:
        assert (row["naam_nl"], row["naam_en"]) == labels[row["cbs_code"]]
        assert re.fullmatch(r"[a-z][a-z_]*", row["soort"])
    enforcement = {r["cbs_code"] for r in rows if r["handhaving"] == "true"}
    assert enforcement == {"3.1.1", "3.1.3"}
    by_code = {r["cbs_code"]: r["soort"] for r in rows}
    assert by_code["3.1.1"] == "drugshandel"
    assert by_code["3.1.3"] == "wapenhandel"


def test_every_count_is_copied_with_its_short_code() -> None:
    soort = {r["cbs_code"]: r["soort"] for r in _curated("misdrijfsoorten.csv")}
    expected = {
        (r["gemeentecode"], r["jaar"], soort[r["soort_code"]]): (
            r["geregistreerde_misdrijven"],
            {"ja": "true", "nee": "false"}[r["voorlopig"]],
        )
        for r in _reference("misdrijven_gemeenten.csv.gz")
    }
    rows = _curated("misdrijven.csv")
    assert len(rows) == len(expected) == 57_456
    got = {
        (r["gemeentecode"], r["jaar"], r["soort"]): (r["geregistreerd"], r["voorlopig"])
        for r in rows
    }
    assert got == expected


def test_provisional_years_are_2024_and_2025() -> None:
    rows = _curated("misdrijven.csv")
    assert {r["jaar"] for r in rows if r["voorlopig"] == "true"} == {"2024", "2025"}
    assert {r["jaar"] for r in rows} == {str(y) for y in range(2012, 2026)}
    assert Counter(r["gemeentecode"] for r in rows).most_common()[-1][1] == 14 * 12


# ----------------------------------------------------------------------------- feiten


def test_facts_keep_source_figures_and_are_reworded() -> None:
    reference = _reference("gemeente_feiten.csv")
    rows = _curated("gemeente_feiten.csv")
    sources = {(r["gemeentecode"], r["bron"]): r for r in reference}
    assert {(r["gemeentecode"], r["bron"]) for r in rows} == set(sources)
    assert len(rows) >= len(reference)
    for row in rows:
        src = [
            r
            for r in reference
            if (r["gemeentecode"], r["bron"]) == (row["gemeentecode"], row["bron"])
        ]
        if row["waarde"]:
            assert any(row["waarde"] in re.findall(r"[0-9]+", s["waarde"]) for s in src)
        for s in src:
            if len(s["feit"]) > 60:
                assert row["feit"] != s["feit"]
            for quote in re.findall(r'"([^"]{20,})"', s["feit"]):
                assert quote not in row["feit"]
    budgets = {
        (r["gemeentecode"], r["bron"]): r["waarde"] for r in rows if r["onderwerp"] == "budget"
    }
    expected = {
        (r["gemeentecode"], r["bron"]): re.findall(r"[0-9]+", r["waarde"])[0]
        for r in reference
        if r["onderwerp"] == "budget"
    }
    assert budgets == expected


def _expected_date(raw: str) -> set[str]:
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", raw):
        return {raw}
    assert raw.startswith("onbekend")
    return {"", "2022-12"} if "2022" in raw else {""}


def test_facts_keep_dates_and_reliability_of_the_source() -> None:
    reference = _reference("gemeente_feiten.csv")
    for row in _curated("gemeente_feiten.csv"):
        candidates = [
            (r["bron_datum"], r["betrouwbaarheid"])
            for r in reference
            if (r["gemeentecode"], r["bron"]) == (row["gemeentecode"], row["bron"])
        ]
        assert any(
            row["bron_datum"] in _expected_date(date)
            and row["betrouwbaarheid"] == grade.split(" ")[0].replace("-", "_")
            for date, grade in candidates
        ), row
