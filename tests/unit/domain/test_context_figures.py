"""``lib.domain.context_figures`` on the curated tables, against the reference files.

Expected numbers are recomputed here from ``data/reference/context/`` with plain Python
(``csv``, ``gzip``), as in ``test_context.py``; the two paths share no code.
"""

from __future__ import annotations

import csv
import gzip
from functools import cache

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.context import CONTEXT_TABLES
from lib.domain.context_figures import (
    AGE_GROUPS,
    SERIES_COLUMNS,
    TREND_GROUPS,
    age_groups,
    default_year,
    facts,
    known,
    map_ranking,
    rate_years,
    trend,
    unmatched,
)

REFERENCE = ROOT / "data" / "reference" / "context"
CBS_CODE = {"drugshandel": "3.1.1", "mishandeling": "1.4.5", "wapenhandel": "3.1.3"}
DTYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean}
AMSTERDAM, HEERLEN, AMERSFOORT, ZWOLLE = "GM0363", "GM0917", "GM0307", "GM0193"


@cache
def table(name: str) -> pl.DataFrame:
    spec = CONTEXT_TABLES[name]
    schema = {c.name: DTYPES[c.dtype] for c in spec.columns}
    return pl.read_csv(BUNDLED_DATA_DIR / f"{name}.csv", schema=schema)


@cache
def kern() -> dict[tuple[str, int], dict[str, str]]:
    with (REFERENCE / "kerncijfers_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["gemeentecode"], int(r["peildatum"][:4])): r for r in csv.DictReader(handle)}


@cache
def crimes() -> dict[tuple[str, int, str], tuple[int, bool]]:
    with gzip.open(REFERENCE / "misdrijven_gemeenten.csv.gz", "rt", encoding="utf-8") as handle:
        return {
            (r["gemeentecode"], int(r["jaar"]), r["soort_code"]): (
                int(r["geregistreerde_misdrijven"]),
                r["voorlopig"] == "ja",
            )
            for r in csv.DictReader(handle)
        }


def population(code: str, year: int) -> int:
    """The population a rate of ``year`` uses: its own, or the nearest year's (2023, 2024)."""
    own = 2023 if year <= 2023 else 2024
    return int(kern()[(code, own)]["inwoners"])


def rate(codes: list[str], year: int, soort: str) -> float:
    offences = sum(crimes()[(c, year, CBS_CODE[soort])][0] for c in codes)
    return offences * 1000 / sum(population(c, year) for c in codes)


def _row(frame: pl.DataFrame, **keys: object) -> dict[str, object]:
    rows = frame.filter(*(pl.col(k) == v for k, v in keys.items())).to_dicts()
    assert len(rows) == 1, keys
    return rows[0]


# ----------------------------------------------------------------------------- trend


@pytest.mark.parametrize("soort", ["drugshandel", "mishandeling"])
@pytest.mark.parametrize("year", [2012, 2019, 2023, 2024, 2025])
def test_trend_has_every_series_with_the_nearest_population(soort: str, year: int) -> None:
    selection, comparison = [AMSTERDAM, HEERLEN], [AMERSFOORT]
    frame = trend(
        table("misdrijven"),
        table("bevolking"),
        soort=soort,
        selection=selection,
        comparison=comparison,
        named=[ZWOLLE],
    )
    assert frame.columns == list(SERIES_COLUMNS)
    assert frame.get_column("reeks").unique(maintain_order=True).to_list() == [
        *TREND_GROUPS,
        ZWOLLE,
    ]
    everyone = sorted({c for c, _ in kern()})
    rest = [c for c in everyone if c not in selection]
    for reeks, codes in (("selectie", selection), ("rest_van_nederland", rest),
                         ("vergelijkingsgroep", comparison), (ZWOLLE, [ZWOLLE])):  # fmt: skip
        got = _row(frame, reeks=reeks, jaar=year)
        assert got["per_1000"] == pytest.approx(rate(codes, year, soort), rel=1e-12)
        assert got["geleend"] is (year not in (2023, 2024))
        assert got["bevolking_peiljaar"] == (2023 if year <= 2023 else 2024)
        assert got["voorlopig"] is crimes()[(codes[0], year, CBS_CODE[soort])][1]
    assert _row(frame, reeks=ZWOLLE, jaar=year)["soort_reeks"] == "gemeente"


def test_trend_leaves_out_an_empty_group_and_unknown_codes() -> None:
    frame = trend(
        table("misdrijven"),
        table("bevolking"),
        soort="wapenhandel",
        selection=[HEERLEN, "GM9999"],
        comparison=[],
        named=["GM9998"],
    )
    assert frame.get_column("reeks").unique(maintain_order=True).to_list() == [
        "selectie",
        "rest_van_nederland",
    ]
    assert _row(frame, reeks="selectie", jaar=2024)["gemeenten"] == 1
    assert frame.get_column("per_1000").null_count() == 0


def test_known_keeps_order_and_drops_what_the_population_lacks() -> None:
    assert known(table("bevolking"), [ZWOLLE, "GM9999", AMSTERDAM, ZWOLLE]) == (ZWOLLE, AMSTERDAM)


# ----------------------------------------------------------------------------- ranking


def test_map_ranking_marks_named_and_borrowed() -> None:
    frame = map_ranking(
        table("misdrijven"),
        table("bevolking"),
        table("programma"),
        soort="drugshandel",
        jaar=2019,
        named=[ZWOLLE],
    )
    assert frame.height == len({c for c, _ in kern()})
    assert frame.get_column("genoemd").sum() == 1
    assert frame.get_column("geleend").all()
    top = frame.row(0, named=True)
    values = {c: rate([c], 2019, "drugshandel") for c, _ in kern()}
    assert top["per_1000"] == pytest.approx(max(values.values()), rel=1e-12)
    assert top["rang"] == 1


def test_years_and_the_default_year() -> None:
    assert rate_years(table("misdrijven")) == list(range(2012, 2026))
    assert default_year(table("misdrijven"), table("bevolking")) == 2024


# ----------------------------------------------------------------------------- ages


def test_age_groups_are_population_weighted_in_order() -> None:
    selection, comparison = [AMSTERDAM, HEERLEN], [AMERSFOORT]
    frame = age_groups(
        table("bevolking"), jaar=2024, selection=selection, comparison=comparison, named=[ZWOLLE]
    )
    assert frame.get_column("reeks").to_list() == [*AGE_GROUPS, ZWOLLE]

    def weighted(codes: list[str]) -> float:
        rows = [kern()[(c, 2024)] for c in codes]
        total = sum(int(r["inwoners"]) for r in rows)
        return sum(int(r["inwoners"]) * int(r["pct_15_25"]) for r in rows) / total

    everyone = sorted({c for c, _ in kern()})
    for reeks, codes in (("selectie", selection), ("vergelijkingsgroep", comparison),
                         ("nederland", everyone), (ZWOLLE, [ZWOLLE])):  # fmt: skip
        got = _row(frame, reeks=reeks)
        assert got["pct_15_25"] == pytest.approx(weighted(codes), rel=1e-12)
        assert got["gemeenten"] == len(codes)


def test_age_groups_without_a_comparison_group() -> None:
    frame = age_groups(table("bevolking"), jaar=2023, selection=[HEERLEN])
    assert frame.get_column("reeks").to_list() == ["selectie", "nederland"]


# ----------------------------------------------------------------------------- the rest


def test_unmatched_names_the_selected_municipalities_without_peers() -> None:
    comparison = pl.DataFrame({"gemeentecode": ["X", "Y"], "zelfde_klasse_als": ["A|B", "B"]})
    assert unmatched(["A", "B", "C"], comparison) == ["C"]


def test_facts_of_a_municipality_by_subject_and_newest_source_first() -> None:
    frame = facts(table("gemeente_feiten"), ["GM0518"])
    assert set(frame.get_column("gemeentecode").to_list()) == {"GM0518"}
    assert frame.get_column("onderwerp").to_list() == ["budget"] * 3 + ["ondersteuning"]
    assert frame.get_column("bron_datum").to_list()[:3] == ["2022-12", "2022-12", None]
    assert facts(table("gemeente_feiten"), ["GM0307"]).is_empty()
