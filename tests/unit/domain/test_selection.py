"""The selection: factor links per selection, chart places and provinces."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from progress import BUNDLED, DONE, listed_factors, province_of, selected_interventions, sorted_rows
from tinydata import TINY_TABLES, Rows, tiny_tables, write_dataset

from lib.contract.codes import PROVINCIES
from lib.data.catalog import Dataset, factor_links, load_dataset
from lib.domain import coverage
from lib.domain import metrics as m
from lib.domain import selection as sl
from lib.domain.filters import Filters

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


@pytest.mark.parametrize("filters", PROVINCE_FILTERS)
def test_by_province_sums_the_municipality_counts(dataset: Dataset, filters: Filters) -> None:
    sel = sl.by_province(sl.select(dataset, filters))
    chosen = selected_interventions(BUNDLED, filters)
    # the execution rate ignores the status filter, so it counts every status
    rated = selected_interventions(BUNDLED, replace(filters, statussen=()))
    province = province_of()
    # per municipality first, then summed by province
    per_place = Counter(i["gemeentecode"] for i in rated)
    per_place_done = Counter(i["gemeentecode"] for i in rated if i["status"] in DONE)
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
