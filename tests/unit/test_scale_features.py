"""Features for larger data: progress per period, cached factor links, charts per province,
deferred chart specs and frame digests.

Expected figures are recomputed here in plain Python from the tiny tables (``tinydata``), the
progress rows below, or the bundled CSV files read with the ``csv`` module.

Progress rows of the tiny dataset (A = afgerond, I = in_uitvoering, G = gepland,
N = niet_uitgevoerd), written to ``voortgang.csv`` out of period order:

    2023-Q4  Alfa 001 G, 002 G;  Beta 001 I;  Gamma 001 G                         -> 1 of 4
    2024-Q1  Alfa 001 I, 002 G, 004 I, 006 N;  Beta 001 A, 002 G                  -> 3 of 6
    2024-Q2  Alfa 001 A, 002 I, 003 G, 004 A, 005 N;  Beta 001 A, 002 I;  Gamma I  -> 6 of 8
"""

from __future__ import annotations

import csv
import io
import re
import string
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

import polars as pl
import pytest
from tinydata import TINY_TABLES, Rows, tiny_tables, write_dataset

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import PROVINCIES, Lang
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import catalog
from lib.data.catalog import DataError, Dataset, factor_links, load_dataset
from lib.domain import coverage
from lib.domain import metrics as m
from lib.domain import selection as sl
from lib.domain.filters import Filters
from lib.exports.templates import template_makers
from lib.text import findings, labels
from lib.text.i18n import CATALOGUE, t
from lib.text.reports import file_issue_message
from lib.viz import charts, heatmaps, time_charts, vega
from lib.viz.vega import frame_digest

Spec = dict[str, Any]
LANGS: tuple[Lang, Lang] = ("nl", "en")
DONE = ("in_uitvoering", "afgerond")  # the contract's definition of "carried out"

VOORTGANG: list[tuple[str, str, str]] = [
    ("GM0001-001", "2024-Q2", "afgerond"),
    ("GM0001-002", "2024-Q2", "in_uitvoering"),
    ("GM0001-003", "2024-Q2", "gepland"),
    ("GM0001-004", "2024-Q2", "afgerond"),
    ("GM0001-005", "2024-Q2", "niet_uitgevoerd"),
    ("GM0002-001", "2024-Q2", "afgerond"),
    ("GM0002-002", "2024-Q2", "in_uitvoering"),
    ("GM0003-001", "2024-Q2", "in_uitvoering"),
    ("GM0001-001", "2023-Q4", "gepland"),
    ("GM0001-002", "2023-Q4", "gepland"),
    ("GM0002-001", "2023-Q4", "in_uitvoering"),
    ("GM0003-001", "2023-Q4", "gepland"),
    ("GM0001-001", "2024-Q1", "in_uitvoering"),
    ("GM0001-002", "2024-Q1", "gepland"),
    ("GM0001-004", "2024-Q1", "in_uitvoering"),
    ("GM0001-006", "2024-Q1", "niet_uitgevoerd"),
    ("GM0002-001", "2024-Q1", "afgerond"),
    ("GM0002-002", "2024-Q1", "gepland"),
]
TREND_COLUMNS = ["periode", "n", "uitgevoerd", "rate", "betrouwbaar"]


def voortgang_rows(rows: list[tuple[str, str, str]]) -> Rows:
    return [{"interventie_id": i, "periode": p, "status": s} for i, p, s in rows]


def tables_with_progress(rows: list[tuple[str, str, str]]) -> dict[str, Rows]:
    tables = tiny_tables()
    tables["voortgang"] = voortgang_rows(rows)
    return tables


@pytest.fixture(scope="module")
def progress_data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("progress")
    return load_dataset(write_dataset(folder, tables_with_progress(VOORTGANG)))


# --- plain-Python reference computations ------------------------------------------------------


def read_csv(name: str) -> Rows:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


BUNDLED: dict[str, Rows] = {n: read_csv(n) for n in ("gemeenten", "interventies", "factoren")}


def listed_factors(text: str | None) -> list[str]:
    """The factor codes of one ``factoren`` cell: split on ``|``, stripped, no empties/repeats."""
    seen: list[str] = []
    for part in (text or "").split("|"):
        code = part.strip()
        if code and code not in seen:
            seen.append(code)
    return seen


def selected_interventions(tables: dict[str, Rows], filters: Filters) -> Rows:
    """The intervention rows the filters select, worked out row by row."""
    places = {
        g["gemeentecode"]
        for g in tables["gemeenten"]
        if (not filters.gemeenten or g["gemeentecode"] in filters.gemeenten)
        and (not filters.golven or g["golf"] in filters.golven)
        and (filters.botoc == "alle" or (g["botoc"] == "true") == (filters.botoc == "ja"))
    }
    return [
        i
        for i in tables["interventies"]
        if i["gemeentecode"] in places
        and (not filters.themas or i["thema"] in filters.themas)
        and (not filters.statussen or i["status"] in filters.statussen)
        and (not filters.doelgroepen or i["doelgroep"] in filters.doelgroepen)
    ]


def expected_trend(ids: set[str]) -> list[tuple[str, int, int, float, bool]]:
    counts: dict[str, list[int]] = {}
    for iid, periode, status in VOORTGANG:
        if iid in ids:
            n_done = counts.setdefault(periode, [0, 0])
            n_done[0] += 1
            n_done[1] += status in DONE
    return [(p, n, done, done / n, n >= 5) for p, (n, done) in sorted(counts.items())]


def sorted_rows(frame: pl.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return sorted(frame.select(columns).rows())


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


# --- 2. metrics: select with cached links, all_links ----------------------------------------

BUNDLED_FILTERS = [
    Filters(),
    Filters(domeinen=("gezin",)),
    Filters(botoc="ja", domeinen=("individu", "buurt")),
    Filters(themas=("gezin", "jongerenwerk")),
    Filters(statussen=("afgerond",), domeinen=("vrienden", "school_werk")),
    Filters(doelgroepen=("jongeren", "ouders"), golven=("golf1_2022",)),
    Filters(botoc="nee", domeinen=("individu",)),
]


@pytest.mark.parametrize("filters", BUNDLED_FILTERS)
def test_select_links_match_the_selected_interventions(dataset: Dataset, filters: Filters) -> None:
    sel = sl.select(dataset, filters)
    chosen = selected_interventions(BUNDLED, filters)
    assert sorted(sel.interventies.get_column("interventie_id")) == sorted(
        i["interventie_id"] for i in chosen
    )
    domains = (
        {f["factor"] for f in BUNDLED["factoren"]}
        if not filters.domeinen
        else {f["factor"] for f in BUNDLED["factoren"] if f["domein"] in filters.domeinen}
    )
    every = sorted(
        (i["interventie_id"], i["gemeentecode"], f)
        for i in chosen
        for f in listed_factors(i["factoren"])
    )
    columns = ("interventie_id", "gemeentecode", "factor")
    assert sorted_rows(sel.all_links, *columns) == every
    assert sorted_rows(sel.links, *columns) == [r for r in every if r[2] in domains]
    # the same as exploding the selected interventions afresh
    fresh = factor_links(sel.interventies)
    assert sorted_rows(sel.all_links, *columns) == sorted_rows(fresh, *columns)
    assert sorted_rows(sel.links, *columns) == sorted_rows(
        fresh.filter(pl.col("factor").is_in(sorted(domains))), *columns
    )


def test_select_links_of_an_empty_selection(dataset: Dataset) -> None:
    without = next(
        g["gemeentecode"]
        for g in BUNDLED["gemeenten"]
        if all(i["gemeentecode"] != g["gemeentecode"] for i in BUNDLED["interventies"])
    )
    sel = sl.select(dataset, Filters(gemeenten=(without,)))
    assert sel.empty
    assert sel.links.height == 0
    assert sel.all_links.height == 0
    assert sel.links.columns == ["interventie_id", "gemeentecode", "factor"]


def test_all_links_falls_back_to_factor_links_without_unfiltered_links(tiny: Dataset) -> None:
    sel = sl.select(tiny, Filters(gemeenten=("GM0001",), domeinen=("gezin",)))
    assert sorted_rows(sel.links, "interventie_id", "factor") == [("GM0001-005", "gezinsproblemen")]
    bare = replace(sel, unfiltered_links=None)
    expected = sorted(
        (i["interventie_id"], i["gemeentecode"], f)
        for i in TINY_TABLES["interventies"]
        if i["gemeentecode"] == "GM0001"
        for f in listed_factors(i["factoren"])
    )
    columns = ("interventie_id", "gemeentecode", "factor")
    assert sorted_rows(bare.all_links, *columns) == expected
    assert sorted_rows(sel.all_links, *columns) == expected
    # the domain filter still narrows ``links``
    assert sorted_rows(bare.links, "interventie_id", "factor") == [
        ("GM0001-005", "gezinsproblemen")
    ]


# --- 2. metrics: chart_place -----------------------------------------------------------------


def many_places(with_interventions: int, without: int = 1) -> dict[str, Rows]:
    """Municipalities GM0001.. with one intervention each (two in the first), then ``without``
    municipalities that have none; provinces taken in turn from the contract's list."""
    tables = tiny_tables()
    base_g, base_i = TINY_TABLES["gemeenten"][0], TINY_TABLES["interventies"][0]
    tables["gemeenten"], tables["interventies"] = [], []
    for k in range(1, with_interventions + without + 1):
        code = f"GM{k:04d}"
        tables["gemeenten"].append(
            {
                **base_g,
                "gemeentecode": code,
                "gemeente": f"Plaats {k}",
                "weergavenaam": "",
                "provincie": PROVINCIES[k % len(PROVINCIES)],
            }
        )
        if k <= with_interventions:
            for j in range(1, 3 if k == 1 else 2):
                iid = f"{code}-{j:03d}"
                tables["interventies"].append(
                    {**base_i, "interventie_id": iid, "gemeentecode": code}
                )
    return tables


@pytest.mark.parametrize(
    ("places", "expected"), [(sl.PLACE_LIMIT, "gemeente"), (sl.PLACE_LIMIT + 1, "provincie")]
)
def test_chart_place_switches_above_the_limit(tmp_path: Path, places: int, expected: str) -> None:
    assert sl.PLACE_LIMIT == 40
    data = load_dataset(write_dataset(tmp_path / "data", many_places(places)))
    assert data.gemeenten.height == places + 1
    assert data.interventies.height == places + 1
    sel = sl.select(data, Filters())
    assert sl.chart_place(sel) == expected
    # a selection of up to the limit always shows municipalities
    first = tuple(f"GM{k:04d}" for k in range(1, sl.PLACE_LIMIT + 1))
    assert sl.chart_place(sl.select(data, Filters(gemeenten=first))) == "gemeente"
    assert sl.chart_place(sl.select(data, Filters(gemeenten=("GM0001",)))) == "gemeente"


# --- 2. metrics: by_province -----------------------------------------------------------------

PROVINCE_FILTERS = [
    Filters(),
    Filters(botoc="ja", domeinen=("gezin", "buurt")),
    Filters(themas=("gezin", "jongerenwerk", "gezag"), statussen=("afgerond", "gepland")),
]


def province_of() -> dict[str, str]:
    return {g["gemeentecode"]: g["provincie"] for g in BUNDLED["gemeenten"]}


@pytest.mark.parametrize("filters", PROVINCE_FILTERS)
def test_by_province_sums_the_municipality_counts(dataset: Dataset, filters: Filters) -> None:
    sel = sl.by_province(sl.select(dataset, filters))
    chosen = selected_interventions(BUNDLED, filters)
    province = province_of()
    # per municipality first, then summed by province
    per_place = Counter(i["gemeentecode"] for i in chosen)
    per_place_done = Counter(i["gemeentecode"] for i in chosen if i["status"] in DONE)
    n: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for code, count in per_place.items():
        n[province[code]] += count
        done[province[code]] += per_place_done[code]
    provinces = sorted(n)
    assert len(provinces) > 1

    execution = m.execution_by_gemeente(sel)
    assert execution.height == len(provinces)
    assert sorted_rows(execution, "gemeentecode", "gemeente_naam", "n", "uitgevoerd") == [
        (p, p, n[p], done[p]) for p in provinces
    ]
    for row in execution.iter_rows(named=True):
        assert row["rate"] == done[row["gemeente_naam"]] / n[row["gemeente_naam"]]
        assert row["betrouwbaar"] == (n[row["gemeente_naam"]] >= 5)

    status = Counter((province[i["gemeentecode"]], i["status"]) for i in chosen)
    mix = m.status_mix(sel)
    assert sorted_rows(mix, "gemeente_naam", "status", "n") == sorted(
        (p, s, c) for (p, s), c in status.items()
    )
    themes = Counter((province[i["gemeentecode"]], i["thema"]) for i in chosen)
    assert sorted_rows(m.theme_by_gemeente(sel), "gemeente_naam", "thema", "n") == sorted(
        (p, th, c) for (p, th), c in themes.items()
    )


@pytest.mark.parametrize("filters", PROVINCE_FILTERS)
def test_by_province_coverage_matrix(dataset: Dataset, filters: Filters) -> None:
    sel = sl.by_province(sl.select(dataset, filters))
    chosen = selected_interventions(BUNDLED, filters)
    province = province_of()
    risk = [
        f["factor"]
        for f in BUNDLED["factoren"]
        if f["soort"] == "risico" and (not filters.domeinen or f["domein"] in filters.domeinen)
    ]
    per_place = Counter(
        (f, i["gemeentecode"]) for i in chosen for f in listed_factors(i["factoren"])
    )
    counts: Counter[tuple[str, str]] = Counter()
    for (factor, code), c in per_place.items():
        counts[(factor, province[code])] += c
    provinces = sorted({province[i["gemeentecode"]] for i in chosen})
    matrix = coverage.coverage_matrix(sel)
    assert matrix.height == len(risk) * len(provinces)
    assert sorted_rows(matrix, "factor", "gemeente_naam", "n", "gedekt") == sorted(
        (f, p, counts[(f, p)], counts[(f, p)] > 0) for f in risk for p in provinces
    )
    # the unfiltered links are regrouped too
    with_links = {province[i["gemeentecode"]] for i in chosen if listed_factors(i["factoren"])}
    assert set(sel.all_links.get_column("gemeentecode")) == with_links
    assert sel.all_links.height == sum(len(listed_factors(i["factoren"])) for i in chosen)


# --- 2. metrics: execution_trend -------------------------------------------------------------

TREND_FILTERS = [
    Filters(),
    Filters(gemeenten=("GM0002",)),
    Filters(gemeenten=("GM0003",)),
    Filters(statussen=("in_uitvoering",)),
    Filters(themas=("gedragsinterventie", "gezin")),
    Filters(botoc="nee"),
    Filters(doelgroepen=("jongeren",)),
    Filters(golven=("golf1_2022",), themas=("jongerenwerk",)),
    Filters(domeinen=("gezin",)),  # narrows factors, never interventions
    Filters(gemeenten=("GM0004",)),  # no interventions at all
]


@pytest.mark.parametrize("filters", TREND_FILTERS)
def test_execution_trend(progress_data: Dataset, filters: Filters) -> None:
    ids = {i["interventie_id"] for i in selected_interventions(TINY_TABLES, filters)}
    trend = m.execution_trend(progress_data, filters)
    assert trend.columns == TREND_COLUMNS
    assert trend.select(TREND_COLUMNS).rows() == expected_trend(ids)
    assert trend.schema["periode"] == pl.String
    assert trend.schema["n"] == pl.Int64
    assert trend.schema["uitgevoerd"] == pl.Int64


def test_execution_trend_of_all_interventions_by_hand(progress_data: Dataset) -> None:
    assert m.execution_trend(progress_data, Filters()).rows() == [
        ("2023-Q4", 4, 1, 1 / 4, False),
        ("2024-Q1", 6, 3, 3 / 6, True),
        ("2024-Q2", 8, 6, 6 / 8, True),
    ]


@pytest.mark.parametrize("filters", [Filters(), Filters(themas=("gezin",), botoc="ja")])
def test_execution_trend_is_empty_without_voortgang(tiny: Dataset, filters: Filters) -> None:
    trend = m.execution_trend(tiny, filters)
    assert trend.height == 0
    assert trend.columns == TREND_COLUMNS


# --- 3. charts: trend_chart ------------------------------------------------------------------


def layers(spec: Spec) -> list[Spec]:
    return list(spec.get("layer", [spec]))


def mark_of(layer: Spec) -> str:
    mark = layer["mark"]
    return str(mark if isinstance(mark, str) else mark["type"])


def layer_with(spec: Spec, mark: str) -> Spec:
    found = [layer for layer in layers(spec) if mark_of(layer) == mark]
    assert found, f"no {mark} layer"
    return found[0]


def data_rows(spec: Spec, layer: Spec) -> list[dict[str, Any]]:
    data = layer.get("data") or spec["data"]
    if "values" in data:
        return list(data["values"])
    return list(spec["datasets"][data["name"]])


def tooltip_titles(layer: Spec) -> dict[str, str]:
    return {tip["field"]: tip["title"] for tip in layer["encoding"].get("tooltip", [])}


@pytest.fixture
def trend_frame() -> pl.DataFrame:
    # out of order on purpose: the chart sorts by period
    return pl.DataFrame(
        {
            "periode": ["2024-Q1", "2023-Q4", "2024-Q2"],
            "n": [6, 4, 8],
            "uitgevoerd": [3, 1, 6],
            "rate": [3 / 6, 1 / 4, 6 / 8],
            "betrouwbaar": [True, False, True],
        }
    )


TREND_TEXTS = {
    "nl": ["25,0 % *", "50,0 %", "75,0 %"],
    "en": ["25.0% *", "50.0%", "75.0%"],
}
TREND_TITLES = {
    "nl": {"periode": "Periode", "uitgevoerd": "Uitgevoerd", "n": "Aantal interventies"},
    "en": {"periode": "Period", "uitgevoerd": "Carried out", "n": "Number of interventions"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_trend_chart_spec(trend_frame: pl.DataFrame, lang: Lang) -> None:
    spec = time_charts.trend_chart(trend_frame, lang=lang).to_dict()
    assert [mark_of(layer) for layer in layers(spec)] == ["line", "point", "rule", "text"]
    line, points = layer_with(spec, "line"), layer_with(spec, "point")
    for layer in (line, points):
        rows = data_rows(spec, layer)
        assert [r["periode"] for r in rows] == ["2023-Q4", "2024-Q1", "2024-Q2"]
        assert [r["rate"] for r in rows] == [1 / 4, 3 / 6, 6 / 8]
        y = layer["encoding"]["y"]
        assert y["field"] == "rate"
        assert y["scale"]["domain"] == [0, 1]
        assert y["axis"]["format"] == "%"
        assert layer["encoding"]["x"]["field"] == "periode"
        assert layer["encoding"]["x"]["title"] == TREND_TITLES[lang]["periode"]
        assert y["title"] == t("column.execution_rate", lang)
    rows = data_rows(spec, points)
    assert [r["kleur"] for r in rows] == [charts.palette.GREY, *[charts.palette.NEUTRAL] * 2]
    assert [r["rate_tekst"] for r in rows] == TREND_TEXTS[lang]
    colour = points["encoding"]["color"]
    assert (colour["field"], colour["scale"], colour["legend"]) == ("kleur", None, None)
    titles = tooltip_titles(points)
    assert titles["rate_tekst"] == t("column.execution_rate", lang)
    assert {k: titles[k] for k in ("periode", "uitgevoerd", "n")} == TREND_TITLES[lang]

    rule = layer_with(spec, "rule")
    assert data_rows(spec, rule) == [{"referentie": 53 / 62, "label": charts.reference_label(lang)}]
    assert rule["encoding"]["y"]["field"] == "referentie"
    assert charts.reference_label(lang).endswith({"nl": "(85,5 %)", "en": "(85.5%)"}[lang])
    number = spec["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"], number["percent"]) == {
        "nl": (",", ".", " %"),
        "en": (".", ",", "%"),
    }[lang]


def test_trend_chart_renders_with_dutch_numbers(trend_frame: pl.DataFrame) -> None:
    vl_convert = pytest.importorskip("vl_convert", reason="vl-convert is not installed")
    svg = str(vl_convert.vegalite_to_svg(time_charts.trend_chart(trend_frame, lang="nl").to_json()))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[:3] == ["2023-Q4", "2024-Q1", "2024-Q2"]
    assert {"Periode", "0 %", "100 %", charts.reference_label("nl")} <= set(texts)


def test_trend_chart_from_the_metric(progress_data: Dataset) -> None:
    frame = m.execution_trend(progress_data, Filters(gemeenten=("GM0003",)))
    spec = time_charts.trend_chart(frame, lang="nl").to_dict()
    rows = data_rows(spec, layer_with(spec, "point"))
    assert [(r["periode"], r["n"], r["rate_tekst"]) for r in rows] == [
        ("2023-Q4", 1, "0,0 % *"),
        ("2024-Q2", 1, "100,0 % *"),
    ]
    assert {r["kleur"] for r in rows} == {charts.palette.GREY}


# --- 3. charts: the ``place`` argument ---------------------------------------------------------

PLACE_TITLES = {
    ("nl", "gemeente"): "Gemeente",
    ("nl", "provincie"): "Provincie",
    ("en", "gemeente"): "Municipality",
    ("en", "provincie"): "Province",
}


def place_titles(spec: Spec, field: str) -> set[str]:
    """Every axis and tooltip title given to ``field`` in any layer but the reference."""
    found: set[str] = set()
    for layer in layers(spec):
        encoding = layer.get("encoding", {})
        if any(e.get("field") == "referentie" for e in encoding.values() if isinstance(e, dict)):
            continue  # the reference rule has its own "label" field
        for channel in ("x", "y"):
            if encoding.get(channel, {}).get("field") == field:
                found.add(encoding[channel]["title"])
        found |= {tip["title"] for tip in encoding.get("tooltip", []) if tip["field"] == field}
    return found


PlaceChart = Callable[[sl.Selection, Lang, dict[str, Any]], Spec]

PLACE_CHARTS: dict[str, tuple[PlaceChart, str]] = {
    "execution": (
        lambda s, lang, kw: charts.execution_rate_bars(
            m.execution_by_gemeente(s), lang=lang, **kw
        ).to_dict(),
        "label",
    ),
    "status": (
        lambda s, lang, kw: charts.status_stacked_bars(
            labels.with_names(m.status_mix(s), lang), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
    "themes": (
        lambda s, lang, kw: heatmaps.theme_heatmap(
            labels.with_names(m.theme_by_gemeente(s), lang, themas=s.themas), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
    "coverage": (
        lambda s, lang, kw: heatmaps.coverage_heatmap(
            labels.named_coverage(coverage.coverage_matrix(s), lang, s.factoren), lang=lang, **kw
        ).to_dict(),
        "gemeente_naam",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", sorted(PLACE_CHARTS))
def test_place_titles(dataset: Dataset, chart: str, lang: Lang) -> None:
    make, field = PLACE_CHARTS[chart]
    sel = sl.select(dataset, Filters())
    default = make(sel, lang, {})
    assert place_titles(default, field) == {PLACE_TITLES[(lang, "gemeente")]}
    grouped = make(sl.by_province(sel), lang, {"place": "provincie"})
    assert place_titles(grouped, field) == {PLACE_TITLES[(lang, "provincie")]}
    explicit = make(sel, lang, {"place": "gemeente"})
    assert place_titles(explicit, field) == {PLACE_TITLES[(lang, "gemeente")]}


def test_execution_bars_per_theme_ignore_place(dataset: Dataset) -> None:
    sel = sl.select(dataset, Filters())
    frame = labels.named_theme_rates(m.execution_by_theme(sel), "en", sel.themas)
    spec = charts.execution_rate_bars(
        frame, lang="en", label_field="thema_naam", place="provincie"
    ).to_dict()
    assert place_titles(spec, "label") == {"Theme"}


def test_province_chart_has_a_row_per_province(dataset: Dataset) -> None:
    sel = sl.by_province(sl.select(dataset, Filters()))
    grid = labels.with_names(m.theme_by_gemeente(sel), "nl", themas=sel.themas)
    spec = heatmaps.theme_heatmap(grid, lang="nl", place="provincie")
    y = layers(spec.to_dict())[0]["encoding"]["y"]
    province = province_of()
    provinces = sorted({province[i["gemeentecode"]] for i in BUNDLED["interventies"]})
    assert y["sort"] == provinces


# --- 3. charts: Deferred, deferred, vega_spec --------------------------------------------------


@pytest.fixture
def counts() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "thema": ["gezin", "jongerenwerk"],
            "n": [3, 10],
            "thema_naam": ["Ouders en gezin", "Jongerenwerk"],
            "share": [3 / 13, 10 / 13],
        }
    )


def echo(frame: pl.DataFrame, first: object, second: object = None, *, name: str = "") -> tuple:
    return (frame.height, first, second, name)


def other_echo(
    frame: pl.DataFrame, first: object, second: object = None, *, name: str = ""
) -> tuple:
    return (frame.height, first, second, name)


def test_deferred_build_equals_calling_the_builder(counts: pl.DataFrame) -> None:
    later = vega.deferred(charts.theme_bars, counts, lang="en")
    assert isinstance(later, vega.Deferred)
    assert later.build().to_dict() == charts.theme_bars(counts, lang="en").to_dict()
    positional = vega.deferred(echo, counts, "a", 2, name="x")
    assert positional.args == ("a", 2)
    assert positional.build() == echo(counts, "a", 2, name="x") == (2, "a", 2, "x")


def test_deferred_key(counts: pl.DataFrame) -> None:
    key = vega.deferred(charts.theme_bars, counts, lang="nl").key
    same = vega.deferred(charts.theme_bars, counts.clone(), lang="nl")
    assert same.key == key
    assert same.key is same.key  # computed once
    changed = counts.with_columns(pl.Series("n", [3, 11]))
    others = [
        vega.deferred(charts.theme_bars, changed, lang="nl"),
        vega.deferred(charts.theme_bars, counts, lang="en"),
        vega.deferred(heatmaps.theme_heatmap, counts, lang="nl"),
        vega.deferred(charts.theme_bars, counts.rename({"share": "aandeel"}), lang="nl"),
    ]
    keys = {key, *(d.key for d in others)}
    assert len(keys) == len(others) + 1

    base = vega.deferred(echo, counts, 1, 2, name="x")
    assert vega.deferred(echo, counts, 1, 2, name="x").key == base.key
    assert vega.deferred(echo, counts, 1, 3, name="x").key != base.key
    assert vega.deferred(echo, counts, 2, 1, name="x").key != base.key
    assert vega.deferred(echo, counts, 1, 2, name="y").key != base.key
    assert vega.deferred(echo, counts, 1, 2).key != base.key
    assert vega.deferred(other_echo, counts, 1, 2, name="x").key != base.key
    # keyword order does not matter
    assert (
        vega.deferred(heatmaps.theme_heatmap, counts, lang="nl", place="provincie").key
        == vega.deferred(heatmaps.theme_heatmap, counts, place="provincie", lang="nl").key
    )


def test_vega_spec_names_the_rows_instead_of_hashing_them(
    trend_frame: pl.DataFrame, counts: pl.DataFrame
) -> None:
    for chart in (
        time_charts.trend_chart(trend_frame, lang="nl"),
        charts.theme_bars(counts, lang="en"),
    ):
        spec = vega.vega_spec(chart)
        full = chart.to_dict()  # validated against the Vega-Lite schema
        name = full["data"]["name"]
        # the same rows under a fixed name instead of their hash; everything else is equal
        assert spec["data"] == {"name": vega.ROWS_DATASET}
        assert spec["datasets"] == {
            **{k: v for k, v in full["datasets"].items() if k != name},
            vega.ROWS_DATASET: full["datasets"][name],
        }
        assert _without_data(spec) == _without_data(full)


def _without_data(spec: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in spec.items() if k not in ("data", "datasets")}


# --- 4. findings.trend -------------------------------------------------------------------------


def trend_of(rates: list[float], reliable: list[bool]) -> pl.DataFrame:
    periods = ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"][: len(rates)]
    return pl.DataFrame({"periode": periods, "rate": rates, "betrouwbaar": reliable})


@pytest.mark.parametrize(
    ("rates", "reliable", "nl", "en"),
    [
        (
            [0.25, 53 / 62],
            [False, True],
            "De uitvoeringsgraad steeg van 25,0 %* in 2023-Q3 naar 85,5 % in 2023-Q4.",
            "The execution rate rose from 25.0%* in 2023-Q3 to 85.5% in 2023-Q4.",
        ),
        (
            [0.9, 0.1, 0.5],
            [True, True, True],
            "De uitvoeringsgraad daalde van 90,0 % in 2023-Q3 naar 50,0 % in 2024-Q1.",
            "The execution rate fell from 90.0% in 2023-Q3 to 50.0% in 2024-Q1.",
        ),
        (
            [0.5, 0.9, 0.2, 0.504],
            [True, True, True, True],
            "De uitvoeringsgraad bleef gelijk: 50,0 % in 2023-Q3 en 50,4 % in 2024-Q2.",
            "The execution rate stayed the same: 50.0% in 2023-Q3 and 50.4% in 2024-Q2.",
        ),
        (
            [0.5, 0.496],
            [True, False],
            "De uitvoeringsgraad bleef gelijk: 50,0 % in 2023-Q3 en 49,6 %* in 2023-Q4.",
            "The execution rate stayed the same: 50.0% in 2023-Q3 and 49.6%* in 2023-Q4.",
        ),
        (
            [0.5, 0.51],
            [True, True],
            "De uitvoeringsgraad steeg van 50,0 % in 2023-Q3 naar 51,0 % in 2023-Q4.",
            "The execution rate rose from 50.0% in 2023-Q3 to 51.0% in 2023-Q4.",
        ),
        (
            [53 / 62],
            [True],
            "In 2023-Q3 is de uitvoeringsgraad 85,5 %.",
            "In 2023-Q3 the execution rate is 85.5%.",
        ),
        (
            [0.4],
            [False],
            "In 2023-Q3 is de uitvoeringsgraad 40,0 %*.",
            "In 2023-Q3 the execution rate is 40.0%*.",
        ),
    ],
)
def test_trend_finding(rates: list[float], reliable: list[bool], nl: str, en: str) -> None:
    frame = trend_of(rates, reliable)
    assert findings.trend(frame, "nl") == nl
    assert findings.trend(frame, "en") == en


def test_trend_finding_from_the_metric(progress_data: Dataset) -> None:
    frame = m.execution_trend(progress_data, Filters())
    assert findings.trend(frame, "nl") == (
        "De uitvoeringsgraad steeg van 25,0 %* in 2023-Q4 naar 75,0 % in 2024-Q2."
    )


# --- 5. digest.frame_digest --------------------------------------------------------------------


@pytest.fixture
def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {"a": [1, 2, 3], "b": ["x", "y", None], "c": [0.5, 1.5, 2.5]},
        schema_overrides={"b": pl.String},
    )


def test_frame_digest_equal_for_equal_frames(frame: pl.DataFrame) -> None:
    copy = pl.DataFrame(frame.to_dict(as_series=False), schema=frame.schema)
    assert copy is not frame
    assert frame_digest(copy) == frame_digest(frame)
    assert frame_digest(copy, "x", 1) == frame_digest(frame, "x", 1)
    assert re.fullmatch(r"[0-9a-f]{40}", frame_digest(frame))


def test_frame_digest_changes_with_any_change(frame: pl.DataFrame) -> None:
    variants = [
        frame.with_columns(pl.Series("a", [1, 2, 4])),
        frame.with_columns(pl.Series("b", ["x", "y", "z"])),
        frame.with_columns(pl.Series("b", ["x", None, None], dtype=pl.String)),
        frame.with_columns(pl.Series("c", [0.5, 1.5, 2.25])),
        frame.reverse(),
        frame.head(2),
        frame.rename({"c": "d"}),
        frame.select("b", "a", "c"),
        frame.with_columns(pl.col("a").cast(pl.Int32)),
        frame.with_columns(pl.col("a").cast(pl.Float64)),
        frame.with_columns(pl.lit(True).alias("e")),
    ]
    digests = {frame_digest(frame), *(frame_digest(v) for v in variants)}
    assert len(digests) == len(variants) + 1
    extras = {frame_digest(frame, *e) for e in [(), ("x",), ("y",), ("x", 1), (1, "x"), (None,)]}
    assert len(extras) == 6


def test_frame_digest_of_empty_frames(frame: pl.DataFrame) -> None:
    empty = frame.clear()
    assert empty.height == 0
    assert frame_digest(empty) == frame_digest(frame.head(0))
    assert frame_digest(empty) != frame_digest(frame)
    assert frame_digest(empty) != frame_digest(empty.rename({"a": "z"}))
    assert frame_digest(pl.DataFrame()) == frame_digest(pl.DataFrame())
    assert frame_digest(pl.DataFrame()) != frame_digest(empty)
    assert frame_digest(empty, "x") != frame_digest(empty)


# --- 6. templates.template_makers ------------------------------------------------------------


def comparable(name: str, data: bytes) -> object:
    """CSV as bytes; XLSX as its zip members, without the time it was written."""
    if not name.endswith(".xlsx"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        members = {n: book.read(n) for n in book.namelist()}
    stamp = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
    return {n: stamp.sub(b"", v) for n, v in members.items()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", UPLOADABLE_TABLES)
def test_template_makers_make_the_template_files(
    progress_data: Dataset, name: str, lang: Lang
) -> None:
    sample = progress_data.uploadable()[name]
    makers = template_makers(name, sample, lang)
    kinds = ("sjabloon.csv", "voorbeeld.csv", "sjabloon.xlsx", "voorbeeld.xlsx", "woordenboek.csv")
    assert list(makers) == [f"{name}_{kind}" for kind in kinds]
    for file, make in makers.items():
        made = make()
        assert isinstance(made, bytes)
        assert comparable(file, made) == comparable(file, make()), file  # the same every time
    example = makers[f"{name}_voorbeeld.csv"]().decode("utf-8-sig").splitlines()
    assert len(example) == 1 + min(5, sample.height)


def test_template_makers_refuse_other_tables(dataset: Dataset) -> None:
    with pytest.raises(KeyError):
        template_makers("gemeenten", dataset.gemeenten, "nl")


# --- 7. resources of the trend chart and the new strings -------------------------------------


NEW_KEYS: dict[str, set[str]] = {
    "column.period": set(),
    "column.provincie": set(),
    "chart.by_province": {"gemeenten", "limiet"},
    "execution.trend.title": set(),
    "execution.trend.explanation": set(),
    "execution.trend.none": set(),
    "finding.trend_one_period": {"periode", "pct"},
    "finding.trend.hoger": {"begin", "van", "eind", "tot"},
    "finding.trend.lager": {"begin", "van", "eind", "tot"},
    "finding.trend.gelijk": {"begin", "van", "eind", "tot"},
}


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("key", sorted(NEW_KEYS))
def test_new_keys_in_both_languages_with_the_placeholders_the_code_fills(key: str) -> None:
    for lang in LANGS:
        assert key in CATALOGUE[lang]
        assert placeholders(CATALOGUE[lang][key]) == NEW_KEYS[key], (lang, key)
    assert CATALOGUE["nl"][key] != CATALOGUE["en"][key]
    values = {p: f"<{p}>" for p in NEW_KEYS[key]}
    for lang in LANGS:
        text = t(key, lang, **values)
        assert all(v in text for v in values.values())


def test_keys_built_at_run_time_exist_for_every_code() -> None:
    # charts use t(f"as.{place}"), findings.trend uses t(f"bevinding.trend.{direction}")
    keys = [f"column.{place}" for place in get_args(sl.Place)] + [
        f"finding.trend.{d}" for d in ("hoger", "lager", "gelijk")
    ]
    assert keys[:2] == ["column.gemeente", "column.provincie"]
    for lang in LANGS:
        assert [k for k in keys if k not in CATALOGUE[lang]] == []
