"""``lib.domain.context`` on the curated tables, checked against the public reference files.

The functions read the curated tables (typed as the contract says); every expected number is
recomputed here from ``data/reference/context/`` with plain Python (``csv``, ``gzip``), so the
two paths share no code.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from functools import cache

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.context import CONTEXT_TABLES
from lib.domain.context import (
    GROEPEN,
    age_profile,
    comparison_group,
    denominator_years,
    group_rates,
    national_totals,
    ranking,
    rates,
    size_band,
)

REFERENCE = ROOT / "data" / "reference" / "context"
# The offence types used below, with their code in the police classification (47018NED).
CBS_CODE = {"drugshandel": "3.1.1", "wapenhandel": "3.1.3", "woninginbraak": "1.1.1"}
# National population on 1 January as published by CBS (StatLine 37296ned).
NATIONAL_POPULATION = {2023: 17_811_291, 2024: 17_942_942}
DTYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean}


# ----------------------------------------------------------------------------- inputs


@cache
def table(name: str) -> pl.DataFrame:
    """A curated table, typed by the contract."""
    spec = CONTEXT_TABLES[name]
    schema = {c.name: DTYPES[c.dtype] for c in spec.columns}
    return pl.read_csv(BUNDLED_DATA_DIR / f"{name}.csv", schema=schema)


@cache
def kern() -> dict[tuple[str, int], dict[str, str]]:
    """Reference key figures by (code, year of 1 January)."""
    with (REFERENCE / "kerncijfers_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["gemeentecode"], int(r["peildatum"][:4])): r for r in csv.DictReader(handle)}


@cache
def crimes() -> dict[tuple[str, int, str], int]:
    """Reference counts by (code, year, CBS offence code)."""
    path = REFERENCE / "misdrijven_gemeenten.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {
            (r["gemeentecode"], int(r["jaar"]), r["soort_code"]): int(
                r["geregistreerde_misdrijven"]
            )
            for r in csv.DictReader(handle)
        }


@cache
def programme_codes() -> frozenset[str]:
    with (REFERENCE / "programma_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(r["gemeentecode"] for r in csv.DictReader(handle))


def code(name: str) -> str:
    """The CBS code of a municipality by its 2024 CBS name, from the reference file."""
    (found,) = [c for (c, year), r in kern().items() if year == 2024 and r["gemeente"] == name]
    return found


def all_codes() -> list[str]:
    return sorted({c for c, _ in kern()})


def inhabitants(gemeente: str, year: int) -> int:
    return int(kern()[(gemeente, year)]["inwoners"])


def count(gemeente: str, year: int, soort: str) -> int:
    return crimes()[(gemeente, year, CBS_CODE[soort])]


def band(inwoners: int) -> str:
    for limit, name in ((20_000, "tot_20k"), (50_000, "20k_50k"), (100_000, "50k_100k")):
        if inwoners < limit:
            return name
    return "100k_250k" if inwoners < 250_000 else "250k_plus"


def _row(frame: pl.DataFrame, **keys: object) -> dict[str, object]:
    rows = frame.filter(*(pl.col(k) == v for k, v in keys.items())).to_dicts()
    assert len(rows) == 1, keys
    return rows[0]


# ----------------------------------------------------------------------------- rates


AMSTERDAM, HEERLEN, AMERSFOORT = "Amsterdam", "Heerlen", "Amersfoort"


def test_the_named_municipalities_are_where_the_test_expects_them() -> None:
    assert code(AMSTERDAM) in programme_codes()
    assert code(HEERLEN) in programme_codes()
    assert code(AMERSFOORT) not in programme_codes()


@pytest.mark.parametrize("name", [AMSTERDAM, HEERLEN, AMERSFOORT])
@pytest.mark.parametrize("soort", ["drugshandel", "woninginbraak"])
@pytest.mark.parametrize("year", [2023, 2024])
def test_rate_uses_the_population_of_the_same_year(name: str, soort: str, year: int) -> None:
    gemeente = code(name)
    got = _row(
        rates(table("misdrijven"), table("bevolking"), soort=soort),
        gemeentecode=gemeente,
        jaar=year,
    )
    expected = count(gemeente, year, soort) * 1000 / inhabitants(gemeente, year)
    assert got["per_1000"] == pytest.approx(expected, rel=1e-12)
    assert got["geregistreerd"] == count(gemeente, year, soort)
    assert got["inwoners"] == inhabitants(gemeente, year)
    assert got["bevolking_peiljaar"] == year
    assert got["voorlopig"] is (year >= 2024)


@pytest.mark.parametrize("year", [2012, 2022, 2025])
def test_years_without_a_same_year_population_get_no_rate(year: int) -> None:
    frame = rates(table("misdrijven"), table("bevolking"), soort="drugshandel")
    got = _row(frame, gemeentecode=code(HEERLEN), jaar=year)
    assert got["geregistreerd"] == count(code(HEERLEN), year, "drugshandel")
    assert (got["inwoners"], got["bevolking_peiljaar"], got["per_1000"]) == (None, None, None)
    assert frame.height == len(all_codes()) * 14
    rated = frame.filter(pl.col("per_1000").is_not_null())
    assert sorted(rated.get_column("jaar").unique().to_list()) == [2023, 2024]


@pytest.mark.parametrize(("year", "population_year"), [(2012, 2023), (2022, 2023), (2025, 2024)])
def test_nearest_rule_says_which_population_it_used(year: int, population_year: int) -> None:
    frame = rates(
        table("misdrijven"), table("bevolking"), soort="wapenhandel", regel="dichtstbijzijnde"
    )
    gemeente = code(AMERSFOORT)
    got = _row(frame, gemeentecode=gemeente, jaar=year)
    expected = count(gemeente, year, "wapenhandel") * 1000 / inhabitants(gemeente, population_year)
    assert got["bevolking_peiljaar"] == population_year
    assert got["per_1000"] == pytest.approx(expected, rel=1e-12)
    assert frame.get_column("per_1000").null_count() == 0


def test_denominator_years_rules() -> None:
    assert denominator_years([2022, 2023, 2025], [2023, 2024]) == {
        2022: None,
        2023: 2023,
        2025: None,
    }
    assert denominator_years([2012, 2022, 2024, 2025], [2023, 2024], "dichtstbijzijnde") == {
        2012: 2023,
        2022: 2023,
        2024: 2024,
        2025: 2024,
    }
    assert denominator_years([2022], [2020, 2024], "dichtstbijzijnde") == {2022: 2020}
    with pytest.raises(ValueError, match="unknown rule"):
        denominator_years([2022], [2023], "gemiddeld")  # type: ignore[arg-type]


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown offence type"):
        rates(table("misdrijven"), table("bevolking"), soort="inbraak")
    with pytest.raises(ValueError, match="GM9999"):
        group_rates(
            table("misdrijven"), table("bevolking"), soort="drugshandel", selection=["GM9999"]
        )


# ----------------------------------------------------------------------------- groups


def _group_rate(codes: list[str], year: int, soort: str) -> tuple[int, int, float]:
    offences = sum(count(c, year, soort) for c in codes)
    population = sum(inhabitants(c, year) for c in codes)
    return offences, population, offences * 1000 / population


@pytest.mark.parametrize("soort", ["drugshandel", "wapenhandel"])
@pytest.mark.parametrize("year", [2023, 2024])
def test_group_rates_are_sums_over_sums(soort: str, year: int) -> None:
    selection = [code(AMSTERDAM), code(HEERLEN)]
    comparison = [code(AMERSFOORT), code("Zwolle")]
    frame = group_rates(
        table("misdrijven"),
        table("bevolking"),
        soort=soort,
        selection=selection,
        comparison=comparison,
    )
    members = {
        "selectie": selection,
        "rest_van_nederland": [c for c in all_codes() if c not in selection],
        "vergelijkingsgroep": comparison,
        "nederland": all_codes(),
    }
    for groep, codes in members.items():
        got = _row(frame, groep=groep, jaar=year)
        offences, population, rate = _group_rate(codes, year, soort)
        assert got["gemeenten"] == len(codes)
        assert got["geregistreerd"] == offences
        assert got["inwoners"] == population
        assert got["per_1000"] == pytest.approx(rate, rel=1e-12)
        assert got["bevolking_peiljaar"] == year
    assert _row(frame, groep="nederland", jaar=year)["inwoners"] == NATIONAL_POPULATION[year]
    assert frame.get_column("groep").unique(maintain_order=True).to_list() == list(GROEPEN)


def test_group_rates_in_years_without_population_keep_counts_only() -> None:
    selection = [code(HEERLEN)]
    frame = group_rates(
        table("misdrijven"), table("bevolking"), soort="drugshandel", selection=selection
    )
    got = _row(frame, groep="selectie", jaar=2019)
    assert got["geregistreerd"] == count(code(HEERLEN), 2019, "drugshandel")
    assert (got["inwoners"], got["per_1000"], got["bevolking_peiljaar"]) == (None, None, None)
    empty = _row(frame, groep="vergelijkingsgroep", jaar=2024)
    assert empty["gemeenten"] == 0
    assert (empty["geregistreerd"], empty["per_1000"]) == (None, None)


# ----------------------------------------------------------------------------- comparison


def _expected_comparison(selection: list[str]) -> dict[str, str]:
    """Non-programme municipalities with the urbanity class and size band of a selected one."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gemeente in selection:
        row = kern()[(gemeente, 2024)]
        cells[(row["stedelijkheid"], band(int(row["inwoners"])))].append(gemeente)
    expected: dict[str, str] = {}
    for gemeente in all_codes():
        if gemeente in programme_codes() or gemeente in selection:
            continue
        row = kern()[(gemeente, 2024)]
        cell = (row["stedelijkheid"], band(int(row["inwoners"])))
        if cell in cells:
            expected[gemeente] = "|".join(sorted(cells[cell]))
    return expected


@pytest.mark.parametrize(
    "names",
    [
        [AMSTERDAM, HEERLEN, "Lelystad"],
        ["Zutphen", "Venray", "Diemen"],
        ["Almere", "Vlaardingen"],
    ],
)
def test_comparison_group_membership(names: list[str]) -> None:
    selection = [code(n) for n in names]
    frame = comparison_group(table("bevolking"), table("programma"), selection)
    expected = _expected_comparison(selection)
    assert expected
    assert dict(frame.select("gemeentecode", "zelfde_klasse_als").iter_rows()) == expected
    assert frame.get_column("gemeentecode").to_list() == sorted(expected)
    assert not set(expected) & programme_codes()
    for row in frame.iter_rows(named=True):
        source = kern()[(row["gemeentecode"], 2024)]
        assert row["stedelijkheid"] == int(source["stedelijkheid"])
        assert row["grootteklasse"] == band(int(source["inwoners"]))
        assert row["inwoners"] == int(source["inwoners"])


def test_a_class_without_peers_adds_nobody() -> None:
    amsterdam = kern()[(code(AMSTERDAM), 2024)]
    peers = [
        c
        for c in all_codes()
        if c not in programme_codes()
        and kern()[(c, 2024)]["stedelijkheid"] == amsterdam["stedelijkheid"]
        and band(int(kern()[(c, 2024)]["inwoners"])) == band(int(amsterdam["inwoners"]))
    ]
    frame = comparison_group(table("bevolking"), table("programma"), [code(AMSTERDAM)])
    assert frame.get_column("gemeentecode").to_list() == peers
    assert comparison_group(table("bevolking"), table("programma"), []).height == 0


def test_size_band_edges() -> None:
    values = [0, 19_999, 20_000, 49_999, 50_000, 99_999, 100_000, 249_999, 250_000, None]
    frame = pl.DataFrame({"n": values}, schema={"n": pl.Int64})
    got = frame.select(size_band(pl.col("n")).alias("band")).get_column("band").to_list()
    assert got == [band(v) if v is not None else None for v in values]


# ----------------------------------------------------------------------------- ranking


@pytest.mark.parametrize(("soort", "year"), [("wapenhandel", 2024), ("drugshandel", 2023)])
def test_ranking_orders_all_municipalities_by_rate(soort: str, year: int) -> None:
    frame = ranking(
        table("misdrijven"), table("bevolking"), table("programma"), soort=soort, jaar=year
    )
    expected = {c: count(c, year, soort) * 1000 / inhabitants(c, year) for c in all_codes()}
    assert frame.height == len(expected) == 342
    assert frame.get_column("in_programma").sum() == len(programme_codes()) == 47
    for name in (AMSTERDAM, HEERLEN, AMERSFOORT):
        row = _row(frame, gemeentecode=code(name))
        assert row["rang"] == 1 + sum(r > expected[code(name)] for r in expected.values())
        assert row["in_programma"] is (code(name) in programme_codes())
    top = frame.row(0, named=True)
    assert top["rang"] == 1
    assert top["per_1000"] == pytest.approx(max(expected.values()), rel=1e-12)
    assert frame.get_column("rang").is_sorted()


def test_ranking_in_a_year_without_population_has_no_ranks() -> None:
    frame = ranking(
        table("misdrijven"), table("bevolking"), table("programma"), soort="drugshandel", jaar=2015
    )
    assert frame.height == 342
    assert frame.get_column("rang").null_count() == 342
    with pytest.raises(ValueError, match="2040"):
        ranking(
            table("misdrijven"),
            table("bevolking"),
            table("programma"),
            soort="drugshandel",
            jaar=2040,
        )


# ----------------------------------------------------------------------------- age profile


@pytest.mark.parametrize("year", [2023, 2024])
def test_age_profile_is_population_weighted(year: int) -> None:
    selection = [code(AMSTERDAM), code(HEERLEN), code("Zutphen")]
    frame = age_profile(table("bevolking"), selection, jaar=year)

    def weighted(codes: list[str], column: str) -> float:
        rows = [kern()[(c, year)] for c in codes]
        total = sum(int(r["inwoners"]) for r in rows)
        return sum(int(r["inwoners"]) * int(r[column]) for r in rows) / total

    for groep, codes in (("selectie", selection), ("nederland", all_codes())):
        got = _row(frame, groep=groep)
        assert got["gemeenten"] == len(codes)
        assert got["inwoners"] == sum(inhabitants(c, year) for c in codes)
        for column in ("pct_15_25", "pct_0_15", "pct_65plus"):
            assert got[column] == pytest.approx(weighted(codes, column), rel=1e-12)
    assert _row(frame, groep="nederland")["inwoners"] == NATIONAL_POPULATION[year]


def test_age_profile_of_an_empty_selection_is_empty() -> None:
    got = _row(age_profile(table("bevolking"), [], jaar=2024), groep="selectie")
    assert got["gemeenten"] == 0
    assert (got["inwoners"], got["pct_15_25"]) == (None, None)
    with pytest.raises(ValueError, match="2019"):
        age_profile(table("bevolking"), [], jaar=2019)


# ----------------------------------------------------------------------------- national


@pytest.mark.parametrize("soort", ["drugshandel", "wapenhandel"])
def test_national_totals_per_year(soort: str) -> None:
    frame = national_totals(table("misdrijven"), soort=soort)
    expected: dict[int, int] = defaultdict(int)
    for (_, year, cbs_code), n in crimes().items():
        if cbs_code == CBS_CODE[soort]:
            expected[year] += n
    assert dict(frame.select("jaar", "geregistreerd").iter_rows()) == expected
    assert frame.get_column("jaar").to_list() == list(range(2012, 2026))
    assert frame.filter(pl.col("voorlopig")).get_column("jaar").to_list() == [2024, 2025]
    assert set(frame.get_column("gemeenten").to_list()) == {342}
