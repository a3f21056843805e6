"""``scripts/build_data.py`` reproduces the committed files and honours the published totals."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
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


@pytest.mark.parametrize("name", ["gemeenten.csv", "interventies.csv", "datapackage.json"])
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
        [
            "datapackage.json",
            "gemeenten.csv",
            "interventies.csv",
            *(f"{name}.csv" for name in context),
        ]
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


def test_no_two_interventions_of_a_municipality_share_a_name(rows: list[dict[str, str]]) -> None:
    names = Counter((r["gemeentecode"], r["naam"]) for r in rows)
    assert [key for key, n in names.items() if n > 1] == []
    assert all(r["illustratief"] == "true" for r in rows)  # still flagged row by row


def test_unique_names_renames_only_what_is_taken() -> None:
    script = _load_script()
    place = {"gemeentecode": "GM0001", "focusgebied": "Noord | Zuid", "weergavenaam": "",
             "gemeente": "Plaats"}  # fmt: skip
    drawn = [
        {"gemeentecode": "GM0001", "thema": "overig", "naam": "Sportaanbod na school Noord",
         "status": status}
        for status in ("gepland", "afgerond", "in_uitvoering", "gepland")
    ]  # fmt: skip
    named = script.unique_names(drawn, {"GM0001": place})
    assert [r["naam"] for r in named] == [
        "Sportaanbod na school Noord",
        "Sportaanbod na school Zuid",  # the same kind in the other focus area first
        "Buurtactiviteiten voor jongeren Noord",  # then a spare name of the theme
        "Buurtactiviteiten voor jongeren Zuid",
    ]
    assert [r["status"] for r in named] == [r["status"] for r in drawn]
    many = script.unique_names(drawn * 2, {"GM0001": place})
    assert [r["naam"] for r in many][4:] == [
        "Sportaanbod na school Noord (2)",
        "Sportaanbod na school Noord (3)",
        "Sportaanbod na school Noord (4)",
        "Sportaanbod na school Noord (5)",
    ]


def test_datapackage_describes_the_generated_table(
    built: tuple[Path, dict[str, bytes]], rows: list[dict[str, str]]
) -> None:
    package = json.loads((built[0] / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "interventies")
    assert resource["rows"] == len(rows)
    assert resource["status"] == "illustratief"


# --- the municipalities: the 47 of the roster, with CBS population ---------------------------


def _reference(name: str) -> list[dict[str, str]]:
    path = ROOT / "data" / "reference" / "context" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def places(built: tuple[Path, dict[str, bytes]]) -> list[dict[str, str]]:
    text = (built[0] / "gemeenten.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_municipality_of_the_roster_with_its_regulation(
    places: list[dict[str, str]],
) -> None:
    roster = _reference("programma_gemeenten.csv")
    assert len(roster) == len(places) == 47
    assert {r["gemeentecode"] for r in roster} == {p["gemeentecode"] for p in places}
    waves = Counter(p["golf"] for p in places)
    assert waves == {"golf1_2022": 15, "nplv_2023": 4, "selectie_2023": 8, "tranche_2024": 20}
    tranche = {r["gemeentecode"]: r["tranche"] for r in roster}
    for place in places:
        year = tranche[place["gemeentecode"]][:4]
        assert place["instroomjaar"] == year
        # each row cites the regulation of its year in the Staatscourant
        regulation = {"2022": "2022-24113", "2023": "2023-19537", "2024": "2024-12052"}[year]
        assert f"https://zoek.officielebekendmakingen.nl/stcrt-{regulation}.html" in place["bron"]


def test_the_municipalities_of_2024_are_one_off_grants_without_focus_area(
    places: list[dict[str, str]],
) -> None:
    new = [p for p in places if p["golf"] == "tranche_2024"]
    names = sorted(p["weergavenaam"] or p["gemeente"] for p in new)
    assert names == [
        "Almelo", "Bergen op Zoom", "Brunssum", "Den Helder", "Diemen", "Gouda", "Haarlem",
        "Hoorn", "Kerkrade", "Leiden", "Middelburg", "Nissewaard", "Oosterhout", "Rijswijk",
        "Roermond", "Venray", "Vlissingen", "Zoetermeer", "Zutphen", "Zwolle",
    ]  # fmt: skip
    assert {p["focusgebied"] for p in new} == {""}
    assert {p["botoc"] for p in new} == {"false"}
    assert all(p["provincie"] for p in new)


def test_population_of_every_municipality_is_the_cbs_figure_of_2024(
    places: list[dict[str, str]],
) -> None:
    cbs = {
        r["gemeentecode"]: r["inwoners"]
        for r in _reference("kerncijfers_gemeenten.csv")
        if r["peildatum"] == "2024-01-01"
    }
    assert len(cbs) == 342
    assert sum(int(v) for v in cbs.values()) == 17_942_942  # the national total, CBS
    assert {p["gemeentecode"]: p["inwoners"] for p in places} == {
        p["gemeentecode"]: cbs[p["gemeentecode"]] for p in places
    }
    assert {p["inwoners_peiljaar"] for p in places} == {"2024"}
    # sources that were cited for a population only are gone
    assert not any("citypopulation" in p["bron"] or "kiwix" in p["bron"] for p in places)


def test_a_wave_that_contradicts_the_regulation_is_refused(tmp_path: Path) -> None:
    module = _load_script()
    source = tmp_path / "source"
    shutil.copytree(BUNDLED_DATA_DIR, source)
    current = (source / "gemeenten.csv").read_bytes()
    (source / "gemeenten.csv").write_bytes(
        current.replace(b",golf1_2022,2022,", b",nplv_2023,2022,", 1)
    )
    with pytest.raises(module.build_gemeenten.RosterError, match="does not match"):
        module.build(tmp_path / "out", source_dir=source)
