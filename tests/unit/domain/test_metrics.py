"""Exact figures from ``lib.domain`` (selection, metrics, coverage): on the tiny dataset
(worked out by hand, see conftest) and on the bundled data (recomputed here from the raw CSV
files with the csv module).

Tiny dataset in short (status: A = afgerond, I = in_uitvoering, G = gepland, N = niet_uitg.):

    Alfa  GM0001 botoc golf1   001 gedrag A jongeren  zelfcontrole|steun
                               002 gedrag I kinderen  zelfcontrole|vast_kenmerk (with spaces)
                               003 jw     G (none)    -
                               004 jw     I jongeren  zwak_bewijs
                               005 gezin  N ouders    gezinsproblemen
                               006 overig N wijk      -
    Beta  GM0002 botoc golf1   001 jw     A jongeren  gezinsproblemen
                               002 gezin  I ouders    steun
    Gamma GM0003 -     nplv    001 gedrag I jongvolw. zwak_bewijs
    Delta GM0004 -     select  (no interventions)

Strong (addressable risk, gefundeerd/sterk): zelfcontrole, gezinsproblemen, buurtgroep.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from typing import Any

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import Lang
from lib.data.catalog import Dataset, factor_links
from lib.domain import coverage as c
from lib.domain import metrics as m
from lib.domain import selection as s
from lib.domain.filters import Filters
from lib.domain.selection import Selection
from lib.text import labels
from lib.text.formats import fmt_pct

ALFA, BETA, GAMMA, DELTA = "GM0001", "GM0002", "GM0003", "GM0004"


def rows_of(frame: pl.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return frame.select(columns).rows()


# The domain computes codes and numbers; the texts a reader sees are added at the edge. These
# put a domain frame into words the way the pages and slides do, for the assertions on texts.


def theme_rates_in(sel: Selection, lang: Lang) -> pl.DataFrame:
    return labels.named_theme_rates(m.execution_by_theme(sel), lang, sel.themas)


def theme_counts_in(sel: Selection, lang: Lang) -> pl.DataFrame:
    return labels.named_theme_counts(m.theme_counts(sel), lang, sel.themas)


def coverage_in(sel: Selection, lang: Lang) -> pl.DataFrame:
    return labels.named_coverage(c.coverage_matrix(sel), lang, sel.factoren)


def gaps_in(sel: Selection, lang: Lang) -> pl.DataFrame:
    return labels.named_gaps(c.gaps(sel), lang, sel.factoren)


def protective_in(sel: Selection, lang: Lang) -> pl.DataFrame:
    return labels.named_protective(c.protective_used(sel), lang, sel.factoren)


TEXT_COLUMNS = {"thema_naam", "status_naam", "doelgroep_naam", "domein_naam", "bewijs_naam",
                "factor_naam", "pijler_naam", "product_naam", "groep_naam", "uitleg", "tekst",
                "gebeurtenis"}  # fmt: skip


def assert_language_free(frame: pl.DataFrame) -> None:
    """No name in a language: only the municipality's name (data, the same in both)."""
    assert not TEXT_COLUMNS & set(frame.columns), frame.columns


# --------------------------------------------------------------------------- tiny: selection

SELECTIONS = [
    (
        Filters(),
        4,
        {
            "GM0001-001",
            "GM0001-002",
            "GM0001-003",
            "GM0001-004",
            "GM0001-005",
            "GM0001-006",
            "GM0002-001",
            "GM0002-002",
            "GM0003-001",
        },
    ),
    (
        Filters(botoc="ja"),
        2,
        {
            "GM0001-001",
            "GM0001-002",
            "GM0001-003",
            "GM0001-004",
            "GM0001-005",
            "GM0001-006",
            "GM0002-001",
            "GM0002-002",
        },
    ),
    (Filters(botoc="nee"), 2, {"GM0003-001"}),
    (Filters(golven=("nplv_2023", "selectie_2023")), 2, {"GM0003-001"}),
    (Filters(gemeenten=(DELTA,)), 1, set()),
    (Filters(gemeenten=(GAMMA,), botoc="ja"), 0, set()),
    (Filters(themas=("gezin",)), 4, {"GM0001-005", "GM0002-002"}),
    (
        Filters(statussen=("gepland", "niet_uitgevoerd")),
        4,
        {"GM0001-003", "GM0001-005", "GM0001-006"},
    ),
    # a null doelgroep never matches a doelgroep filter
    (Filters(doelgroepen=("jongeren",)), 4, {"GM0001-001", "GM0001-004", "GM0002-001"}),
    (Filters(doelgroepen=("ouders", "kinderen")), 4, {"GM0001-002", "GM0001-005", "GM0002-002"}),
    (Filters(botoc="ja", themas=("gedragsinterventie",)), 2, {"GM0001-001", "GM0001-002"}),
    # the domain filter narrows the factors, never the interventions
    (
        Filters(domeinen=("gezin",)),
        4,
        {
            "GM0001-001",
            "GM0001-002",
            "GM0001-003",
            "GM0001-004",
            "GM0001-005",
            "GM0001-006",
            "GM0002-001",
            "GM0002-002",
            "GM0003-001",
        },
    ),
]


@pytest.mark.parametrize(("filters", "n_gemeenten", "ids"), SELECTIONS)
def test_select(tiny: Dataset, filters: Filters, n_gemeenten: int, ids: set[str]) -> None:
    sel = s.select(tiny, filters)
    assert sel.gemeenten.height == n_gemeenten
    assert set(sel.interventies.get_column("interventie_id")) == ids
    assert sel.interventies.height == len(ids)
    assert sel.empty == (not ids)


def test_select_adds_display_name(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters(gemeenten=(BETA,)))
    assert set(sel.interventies.get_column("gemeente_naam")) == {"Beta"}


def test_domain_filter_narrows_factors_and_links(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters(domeinen=("gezin",)))
    assert set(sel.factoren.get_column("factor")) == {"gezinsproblemen"}
    assert sorted(rows_of(sel.links, "interventie_id", "factor")) == [
        ("GM0001-005", "gezinsproblemen"),
        ("GM0002-001", "gezinsproblemen"),
    ]


def test_illustrative_flag(tiny: Dataset) -> None:
    assert tiny.illustrative
    assert s.select(tiny, Filters()).illustrative
    assert not s.select(tiny, Filters(botoc="nee")).illustrative


def test_kerncijfer(tiny: Dataset) -> None:
    assert tiny.kerncijfer("interventies_botoc") == 62


# --------------------------------------------------------------------------- tiny: factors


def test_factor_links_handles_spaces_empties_and_repeats() -> None:
    frame = pl.DataFrame(
        {
            "interventie_id": ["a", "b", "c", "d", "e"],
            "gemeentecode": ["GM0001"] * 5,
            "factoren": ["x| y ||", " ", None, "x|x", "|z|"],
        }
    )
    assert rows_of(factor_links(frame), "interventie_id", "gemeentecode", "factor") == [
        ("a", "GM0001", "x"),
        ("a", "GM0001", "y"),
        ("d", "GM0001", "x"),
        ("e", "GM0001", "z"),
    ]


def test_links_of_tiny_strip_spaces(tiny: Dataset) -> None:
    links = s.select(tiny, Filters()).links
    assert sorted(rows_of(links, "interventie_id", "factor")) == [
        ("GM0001-001", "steun"),
        ("GM0001-001", "zelfcontrole"),
        ("GM0001-002", "vast_kenmerk"),
        ("GM0001-002", "zelfcontrole"),
        ("GM0001-004", "zwak_bewijs"),
        ("GM0001-005", "gezinsproblemen"),
        ("GM0002-001", "gezinsproblemen"),
        ("GM0002-002", "steun"),
        ("GM0003-001", "zwak_bewijs"),
    ]


def test_strong_factors_only_addressable_risk_with_strong_evidence(tiny: Dataset) -> None:
    strong = c.strong_factors(tiny.factoren).get_column("factor")
    # not vast_kenmerk (not addressable), zwak_bewijs (weak), steun (protective)
    assert set(strong) == {"zelfcontrole", "gezinsproblemen", "buurtgroep"}


# --------------------------------------------------------------------------- tiny: headline


def _h(
    gemeenten: int,
    met: int,
    n: int,
    done: int,
    rate: float | None,
    reliable: bool,
    covered: int,
    strong: int,
    *,
    rate_n: int | None = None,
    status_ignored: bool = False,
) -> m.Headline:
    """A headline; without a status filter the rate counts the selected interventions."""
    return m.Headline(
        n_gemeenten=gemeenten,
        n_met_interventies=met,
        n_interventies=n,
        n_uitgevoerd=done,
        rate_n=n if rate_n is None else rate_n,
        rate=rate,
        betrouwbaar=reliable,
        gedekt=covered,
        totaal_sterk=strong,
        status_ignored=status_ignored,
    )


HEADLINES = [
    (Filters(), _h(4, 3, 9, 6, 6 / 9, True, 2, 3)),
    (Filters(botoc="ja"), _h(2, 2, 8, 5, 5 / 8, True, 2, 3)),
    (Filters(botoc="nee"), _h(2, 1, 1, 1, 1.0, False, 0, 3)),
    (Filters(gemeenten=(DELTA,)), _h(1, 0, 0, 0, None, False, 0, 3)),
    (Filters(gemeenten=(BETA,)), _h(1, 1, 2, 2, 1.0, False, 1, 3)),
    # exactly MIN_RELIABLE (5) interventions is reliable, 4 is not
    (
        Filters(gemeenten=(ALFA,), themas=("gedragsinterventie", "jongerenwerk", "gezin")),
        _h(1, 1, 5, 3, 3 / 5, True, 2, 3),
    ),
    (
        Filters(gemeenten=(ALFA,), themas=("gedragsinterventie", "jongerenwerk")),
        _h(1, 1, 4, 3, 3 / 4, False, 1, 3),
    ),
    (Filters(domeinen=("gezin",)), _h(4, 3, 9, 6, 6 / 9, True, 1, 1)),
    (Filters(domeinen=("individu",)), _h(4, 3, 9, 6, 6 / 9, True, 1, 1)),
    (Filters(domeinen=("buurt",)), _h(4, 3, 9, 6, 6 / 9, True, 0, 1)),
    (Filters(domeinen=("vrienden",)), _h(4, 3, 9, 6, 6 / 9, True, 0, 0)),
    # a status filter selects 2 finished interventions in 2 places, but the execution rate
    # keeps counting all 9 (2 finished + 4 running of 9); coverage follows the selection
    (
        Filters(statussen=("afgerond",)),
        _h(4, 2, 2, 6, 6 / 9, True, 2, 3, rate_n=9, status_ignored=True),
    ),
    # only non-executed ones: the rate is still the rate of every status, 1 place
    (
        Filters(gemeenten=(ALFA,), statussen=("niet_uitgevoerd",)),
        _h(1, 1, 2, 3, 3 / 6, True, 1, 3, rate_n=6, status_ignored=True),
    ),
]


@pytest.mark.parametrize(("filters", "expected"), HEADLINES)
def test_headline(tiny: Dataset, filters: Filters, expected: m.Headline) -> None:
    assert m.headline(s.select(tiny, filters)) == expected


# --------------------------------------------------------------------------- tiny: execution


def test_rate_frame_reliability_threshold() -> None:
    frame = pl.DataFrame({"n": [0, 4, 5, 8], "uitgevoerd": [0, 4, 3, 2]})
    assert rows_of(m.rate_frame(frame), "rate", "betrouwbaar") == [
        (None, False),
        (1.0, False),
        (0.6, True),
        (0.25, True),
    ]


def test_execution_by_gemeente(tiny: Dataset) -> None:
    frame = m.execution_by_gemeente(s.select(tiny, Filters()))
    cols = ("gemeentecode", "gemeente_naam", "n", "uitgevoerd", "rate", "betrouwbaar")
    # Delta has no interventions and is left out; sorted by rate, then name
    assert rows_of(frame, *cols) == [
        (BETA, "Beta", 2, 2, 1.0, False),
        (GAMMA, "Gamma", 1, 1, 1.0, False),
        (ALFA, "Alfa", 6, 3, 0.5, True),
    ]


def test_execution_by_gemeente_empty(tiny: Dataset) -> None:
    assert m.execution_by_gemeente(s.select(tiny, Filters(gemeenten=(DELTA,)))).is_empty()


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("nl", ["Training", "Jongerenwerk", "Gezin", "overig"]),
        ("en", ["Behaviour", "Youth work", "Family", "overig"]),
    ],
)
def test_execution_by_theme(tiny: Dataset, lang: Lang, names: list[str]) -> None:
    frame = theme_rates_in(s.select(tiny, Filters()), lang)
    assert rows_of(frame, "thema", "thema_naam", "n", "uitgevoerd", "rate", "betrouwbaar") == [
        ("gedragsinterventie", names[0], 3, 3, 1.0, False),
        ("jongerenwerk", names[1], 3, 2, 2 / 3, False),
        ("gezin", names[2], 2, 1, 0.5, False),
        ("overig", names[3], 1, 0, 0.0, False),
    ]


def test_status_mix(tiny: Dataset) -> None:
    frame = labels.with_names(m.status_mix(s.select(tiny, Filters())), "nl")
    assert rows_of(frame, "gemeente_naam", "status", "status_naam", "n") == [
        ("Alfa", "gepland", "Gepland", 1),
        ("Alfa", "in_uitvoering", "In uitvoering", 2),
        ("Alfa", "afgerond", "Afgerond", 1),
        ("Alfa", "niet_uitgevoerd", "Niet uitgevoerd", 2),
        ("Beta", "in_uitvoering", "In uitvoering", 1),
        ("Beta", "afgerond", "Afgerond", 1),
        ("Gamma", "in_uitvoering", "In uitvoering", 1),
    ]
    english = labels.with_names(m.status_mix(s.select(tiny, Filters(gemeenten=(BETA,)))), "en")
    assert rows_of(english, "status_naam", "n") == [("Running", 1), ("Completed", 1)]


# --------------------------------------------------------------------------- tiny: themes


def test_theme_counts_sorted_by_count_then_label(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    assert rows_of(theme_counts_in(sel, "nl"), "thema", "thema_naam", "n", "share") == [
        ("jongerenwerk", "Jongerenwerk", 3, 3 / 9),
        ("gedragsinterventie", "Training", 3, 3 / 9),
        ("gezin", "Gezin", 2, 2 / 9),
        ("overig", "overig", 1, 1 / 9),  # no row in themas: the code is the label
    ]
    assert rows_of(theme_counts_in(sel, "en"), "thema", "n") == [
        ("gedragsinterventie", 3),
        ("jongerenwerk", 3),
        ("gezin", 2),
        ("overig", 1),
    ]


def test_ties_are_broken_by_label_every_time(tiny: Dataset) -> None:
    # group_by returns groups in any order, so a missing tie-break shows up only sometimes
    sel = s.select(tiny, Filters())
    for _ in range(25):
        assert theme_counts_in(sel, "nl").get_column("thema").head(2).to_list() == [
            "jongerenwerk",
            "gedragsinterventie",
        ]
        assert theme_counts_in(sel, "en").get_column("thema").head(2).to_list() == [
            "gedragsinterventie",
            "jongerenwerk",
        ]
        assert m.execution_by_gemeente(sel).get_column("gemeentecode").to_list() == [
            BETA,
            GAMMA,
            ALFA,
        ]


def test_theme_counts_empty_selection(tiny: Dataset) -> None:
    frame = theme_counts_in(s.select(tiny, Filters(gemeenten=(DELTA,))), "nl")
    assert frame.is_empty()
    assert {"thema", "thema_naam", "n", "share"} <= set(frame.columns)


def test_theme_by_gemeente(tiny: Dataset) -> None:
    grid = m.theme_by_gemeente(s.select(tiny, Filters()))
    frame = labels.with_names(grid, "nl", themas=tiny.themas)
    assert rows_of(frame, "gemeente_naam", "thema", "thema_naam", "n") == [
        ("Alfa", "gedragsinterventie", "Training", 2),
        ("Alfa", "gezin", "Gezin", 1),
        ("Alfa", "jongerenwerk", "Jongerenwerk", 2),
        ("Alfa", "overig", "overig", 1),
        ("Beta", "gezin", "Gezin", 1),
        ("Beta", "jongerenwerk", "Jongerenwerk", 1),
        ("Gamma", "gedragsinterventie", "Training", 1),
    ]


def test_target_group_counts_unknown_last(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    named = labels.with_names(m.target_group_counts(sel), "nl")
    assert rows_of(named, "doelgroep", "doelgroep_naam", "n") == [
        ("kinderen", "Kinderen (8-11)", 1),
        ("jongeren", "Jongeren (12-17)", 3),
        ("jongvolwassenen", "Jongvolwassenen (18-27)", 1),
        ("ouders", "Ouders", 2),
        ("wijk", "Wijk", 1),
        (None, "Onbekend", 1),
    ]
    english = labels.with_names(m.target_group_counts(sel), "en")
    assert english.row(-1, named=True)["doelgroep_naam"] == "Unknown"


def test_target_group_counts_with_filter_has_no_unknown(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters(doelgroepen=("jongeren", "ouders")))
    assert rows_of(m.target_group_counts(sel), "doelgroep", "n") == [
        ("jongeren", 3),
        ("ouders", 2),
    ]


# --------------------------------------------------------------------------- tiny: coverage


def test_coverage_matrix(tiny: Dataset) -> None:
    frame = coverage_in(s.select(tiny, Filters()), "nl")
    places = ["Alfa", "Beta", "Gamma"]  # Delta has no interventions
    expected_n = {
        "zelfcontrole": [2, 0, 0],
        "vast_kenmerk": [1, 0, 0],
        "gezinsproblemen": [1, 1, 0],
        "zwak_bewijs": [1, 0, 1],
        "buurtgroep": [0, 0, 0],
    }
    strong = {"zelfcontrole", "gezinsproblemen", "buurtgroep"}
    # order: domain (individu, gezin, vrienden, ..., buurt), evidence, name, municipality
    expected = [
        (factor, place, n, n > 0, factor in strong)
        for factor, counts in expected_n.items()
        for place, n in zip(places, counts, strict=True)
    ]
    assert rows_of(frame, "factor", "gemeente_naam", "n", "gedekt", "sterk") == expected
    first = frame.row(0, named=True)
    assert (first["factor_naam"], first["domein_naam"], first["bewijs_naam"]) == (
        "Zelfcontrole",
        "Individu",
        "Gefundeerd",
    )


def test_coverage_matrix_domain_and_empty(tiny: Dataset) -> None:
    frame = coverage_in(s.select(tiny, Filters(domeinen=("buurt",))), "en")
    assert rows_of(frame, "factor", "gemeente_naam", "n") == [
        ("buurtgroep", "Alfa", 0),
        ("buurtgroep", "Beta", 0),
        ("buurtgroep", "Gamma", 0),
    ]
    assert frame.row(0, named=True)["domein_naam"] == "Neighbourhood"
    assert c.coverage_matrix(s.select(tiny, Filters(gemeenten=(DELTA,)))).is_empty()


def test_coverage_by_gemeente(tiny: Dataset) -> None:
    frame = c.coverage_by_gemeente(s.select(tiny, Filters()))
    got = {r[0]: r[1:] for r in rows_of(frame, "gemeentecode", "n_gedekt", "totaal", "dekking")}
    assert got[ALFA] == (2, 3, 2 / 3)
    assert got[BETA] == (1, 3, 1 / 3)
    assert got.get(GAMMA, (0, 3, 0.0)) == (0, 3, 0.0)
    assert DELTA not in got
    gezin = c.coverage_by_gemeente(s.select(tiny, Filters(domeinen=("gezin",))))
    assert sorted(rows_of(gezin, "gemeentecode", "n_gedekt", "totaal", "dekking")) == [
        (ALFA, 1, 1, 1.0),
        (BETA, 1, 1, 1.0),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["buurtgroep"]),
        (Filters(botoc="nee"), ["zelfcontrole", "gezinsproblemen", "buurtgroep"]),
        (Filters(domeinen=("individu",)), []),
        (Filters(botoc="nee", domeinen=("gezin",)), ["gezinsproblemen"]),
        (Filters(gemeenten=(DELTA,)), ["zelfcontrole", "gezinsproblemen", "buurtgroep"]),
    ],
)
def test_gaps(tiny: Dataset, filters: Filters, expected: list[str]) -> None:
    frame = gaps_in(s.select(tiny, filters), "nl")
    assert frame.get_column("factor").to_list() == expected  # strongest evidence first


def test_gaps_columns_per_language(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    nl = gaps_in(sel, "nl").row(0, named=True)
    en = gaps_in(sel, "en").row(0, named=True)
    assert nl == {
        "factor": "buurtgroep",
        "factor_naam": "Buurtgroep",
        "bewijs": "sterk",
        "bewijs_naam": "Relatief sterk bewijs",
        "domein": "buurt",
        "domein_naam": "Buurt",
        "uitleg": "Uitleg buurtgroep",
        "bronnen": "Testbron",
    }
    assert (en["factor_naam"], en["bewijs_naam"], en["uitleg"]) == (
        "Buurtgroep (en)",
        "Relatively strong evidence",
        "Explanation buurtgroep",
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), [("steun", "Buurt", 2, 2), ("talent", "School en werk", 0, 0)]),
        (
            Filters(gemeenten=(ALFA,)),
            [("steun", "Buurt", 1, 1), ("talent", "School en werk", 0, 0)],
        ),
        (Filters(botoc="nee"), [("steun", "Buurt", 0, 0), ("talent", "School en werk", 0, 0)]),
        (Filters(domeinen=("individu",)), []),
    ],
)
def test_protective_used(
    tiny: Dataset, filters: Filters, expected: list[tuple[str, str, int, int]]
) -> None:
    frame = protective_in(s.select(tiny, filters), "nl")
    assert rows_of(frame, "factor", "domein_naam", "n_interventies", "n_gemeenten") == expected


# --------------------------------------------------------------------------- tiny: map

MAP_COLUMNS = (
    "gemeentecode",
    "n",
    "uitgevoerd",
    "rate",
    "betrouwbaar",
    "n_gedekt",
    "totaal",
    "dekking",
    "inwoners",
)


def test_map_frame_includes_municipalities_without_interventions(tiny: Dataset) -> None:
    frame = m.map_frame(s.select(tiny, Filters()), "interventies")
    assert rows_of(frame, *MAP_COLUMNS, "waarde") == [
        (ALFA, 6, 3, 0.5, True, 2, 3, 2 / 3, 1000, 6.0),
        (BETA, 2, 2, 1.0, False, 1, 3, 1 / 3, None, 2.0),
        # no interventions: no value, and the coverage is unknown (None), not 0 factors covered
        (DELTA, 0, 0, None, False, None, 3, None, None, None),
        (GAMMA, 1, 1, 1.0, False, 0, 3, 0.0, 50000, 1.0),
    ]
    assert frame.get_column("gemeente_naam").to_list() == ["Alfa", "Beta", "Delta", "Gamma"]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # rates and coverage are shown only when reliable (n >= 5)
        ("uitvoeringsgraad", [0.5, None, None, None]),
        ("dekking", [2 / 3, 1 / 3, None, 0.0]),
        ("inwoners", [1000.0, None, None, 50000.0]),
        # per 10,000 inhabitants: only with interventions and a population
        ("interventies_per_10000", [60.0, None, None, 0.2]),
    ],
)
def test_map_frame_value(tiny: Dataset, metric: m.Metric, expected: list[float | None]) -> None:
    frame = m.map_frame(s.select(tiny, Filters()), metric)
    assert frame.get_column("waarde").to_list() == expected


def test_map_frame_coverage_unknown_when_nothing_to_cover(tiny: Dataset) -> None:
    frame = m.map_frame(s.select(tiny, Filters(domeinen=("vrienden",))), "dekking")
    alfa = frame.filter(pl.col("gemeentecode") == ALFA).row(0, named=True)
    assert alfa["totaal"] == 0
    assert alfa["dekking"] is None
    assert alfa["waarde"] is None


# --------------------------------------------------------------------------- tiny: the rest


def test_compare_with_wave(tiny: Dataset) -> None:
    frame = labels.with_names(m.compare_with_wave(tiny, Filters(gemeenten=(BETA,))), "nl")
    assert rows_of(frame, "groep_naam", "n", "uitgevoerd", "rate", "betrouwbaar") == [
        ("Uw selectie", 2, 2, 1.0, False),
        ("Instroomgolf: Eerste 15 (2022)", 8, 5, 5 / 8, True),
        ("Alle gemeenten", 9, 6, 6 / 9, True),
    ]


def test_compare_with_wave_several_waves_and_empty_wave(tiny: Dataset) -> None:
    frame = labels.with_names(m.compare_with_wave(tiny, Filters(botoc="nee")), "en")
    assert rows_of(frame, "groep_naam", "n", "uitgevoerd", "rate") == [
        ("Your selection", 1, 1, 1.0),
        ("Wave: NPLV extension (2023)", 1, 1, 1.0),
        ("Wave: Selection 2023", 0, 0, None),
        ("All municipalities", 9, 6, 6 / 9),
    ]


def test_compare_with_wave_applies_intervention_filters_everywhere(tiny: Dataset) -> None:
    frame = m.compare_with_wave(tiny, Filters(gemeenten=(ALFA,), themas=("jongerenwerk",)))
    assert rows_of(frame, "n", "uitgevoerd") == [(2, 1), (3, 2), (3, 2)]


def test_timeline_sorted_with_year(tiny: Dataset) -> None:
    frame = labels.in_language(m.timeline(tiny), "en", "gebeurtenis")
    assert rows_of(frame, "datum", "jaar", "gebeurtenis", "aantal_gemeenten") == [
        ("2020-06", 2020, "Eight", 8),
        ("2021", 2021, "Research", None),
        ("2022-04-26", 2022, "Fifteen", 15),
    ]


def test_lessons(tiny: Dataset) -> None:
    english = labels.in_language(labels.with_names(m.lessons(tiny), "en"), "en", "tekst")
    assert rows_of(english, "product", "product_naam", "tekst") == [
        ("praktijkscan", "Practice scan", "Lesson one"),
        ("kennissynthese", "Knowledge synthesis", "Lesson two"),
    ]
    assert labels.with_names(m.lessons(tiny), "nl").get_column("product_naam").to_list() == [
        "Praktijkscan",
        "Kennissynthese",
    ]


# --------------------------------------------------------------------------- no language


def test_every_domain_frame_is_language_free(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    frames = [
        m.execution_by_gemeente(sel),
        m.execution_by_theme(sel),
        m.status_mix(sel),
        m.theme_counts(sel),
        m.theme_by_gemeente(sel),
        m.target_group_counts(sel),
        m.map_frame(sel, "dekking"),
        m.compare_with_wave(tiny, Filters(gemeenten=(BETA,))),
        m.timeline(tiny),
        m.lessons(tiny),
        c.coverage_matrix(sel),
        c.gaps(sel),
        c.protective_used(sel),
        c.strong_factor_counts(sel),
    ]
    for frame in frames:
        assert_language_free(frame)


def test_ties_are_broken_by_code_in_the_domain(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    assert rows_of(m.theme_counts(sel), "thema", "n") == [
        ("gedragsinterventie", 3),
        ("jongerenwerk", 3),
        ("gezin", 2),
        ("overig", 1),
    ]
    assert rows_of(m.execution_by_theme(sel), "thema", "rate") == [
        ("gedragsinterventie", 1.0),
        ("jongerenwerk", 2 / 3),
        ("gezin", 0.5),
        ("overig", 0.0),
    ]


def test_codes_and_order_columns(tiny: Dataset) -> None:
    sel = s.select(tiny, Filters())
    beta = m.status_mix(s.select(tiny, Filters(gemeenten=(BETA,))))
    assert rows_of(beta, "status", "status_volgorde", "n") == [
        ("in_uitvoering", 1, 1),
        ("afgerond", 2, 1),
    ]
    groups = m.target_group_counts(sel)
    assert rows_of(groups, "doelgroep", "doelgroep_volgorde", "n")[-1] == (None, 6, 1)
    matrix = c.coverage_matrix(sel)
    first = matrix.row(0, named=True)
    columns = ("factor", "domein", "domein_volgorde", "bewijs", "bewijs_volgorde")
    assert tuple(first[k] for k in columns) == ("zelfcontrole", "individu", 0, "gefundeerd", 0)
    assert rows_of(c.protective_used(sel), "factor", "domein", "n_interventies") == [
        ("steun", "buurt", 2),
        ("talent", "school_werk", 0),
    ]
    assert rows_of(c.strong_factor_counts(sel), "factor", "bewijs", "domein", "n", "gedekt") == [
        ("gezinsproblemen", "sterk", "gezin", 2, True),  # a tie: by code
        ("zelfcontrole", "gefundeerd", "individu", 2, True),
        ("buurtgroep", "sterk", "buurt", 0, False),
    ]


def test_gaps_carry_the_explanation_in_both_languages(tiny: Dataset) -> None:
    row = c.gaps(s.select(tiny, Filters())).row(0, named=True)
    assert row == {
        "factor": "buurtgroep",
        "bewijs": "sterk",
        "bewijs_volgorde": 1,
        "domein": "buurt",
        "domein_volgorde": 4,
        "uitleg_nl": "Uitleg buurtgroep",
        "uitleg_en": "Explanation buurtgroep",
        "bronnen": "Testbron",
    }


def test_compare_with_wave_has_group_codes(tiny: Dataset) -> None:
    frame = m.compare_with_wave(tiny, Filters(botoc="nee"))
    assert rows_of(frame, "groep", "golf", "n") == [
        ("selectie", None, 1),
        ("golf", "nplv_2023", 1),
        ("golf", "selectie_2023", 0),
        ("alle", None, 9),
    ]


def test_timeline_and_lessons_keep_both_languages(tiny: Dataset) -> None:
    assert rows_of(m.timeline(tiny), "gebeurtenis_en")[0] == ("Eight",)
    assert set(m.timeline(tiny).columns) >= {"gebeurtenis_nl", "gebeurtenis_en"}
    assert m.lessons(tiny).columns == ["product", "tekst_nl", "tekst_en", "bron"]


# --------------------------------------------------------------------------- bundled data

BOTOC = {"GM0363", "GM0202", "GM0518", "GM0772", "GM0599", "GM0855", "GM0344", "GM0479"}
DONE = {"in_uitvoering", "afgerond"}


def raw(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_selection(filters: Filters) -> tuple[set[str], list[dict[str, str]]]:
    """Municipality codes and intervention rows the filters select, in plain Python."""
    places = {
        g["gemeentecode"]
        for g in raw("gemeenten")
        if (not filters.gemeenten or g["gemeentecode"] in filters.gemeenten)
        and (not filters.golven or g["golf"] in filters.golven)
        and (filters.botoc == "alle" or g["botoc"] == {"ja": "true", "nee": "false"}[filters.botoc])
    }
    rows = [
        r
        for r in raw("interventies")
        if r["gemeentecode"] in places
        and (not filters.themas or r["thema"] in filters.themas)
        and (not filters.statussen or r["status"] in filters.statussen)
        and (not filters.doelgroepen or r["doelgroep"] in filters.doelgroepen)
    ]
    return places, rows


def raw_factors(row: dict[str, str]) -> set[str]:
    return {f.strip() for f in row["factoren"].split("|") if f.strip()}


def raw_strong(domeinen: tuple[str, ...] = ()) -> set[str]:
    return {
        f["factor"]
        for f in raw("factoren")
        if f["soort"] == "risico"
        and f["beinvloedbaar"] == "true"
        and f["bewijs"] in ("gefundeerd", "sterk")
        and (not domeinen or f["domein"] in domeinen)
    }


def test_bundled_botoc_subset_matches_practice_scan(dataset: Dataset) -> None:
    sel = s.select(dataset, Filters(botoc="ja"))
    head = m.headline(sel)
    assert set(sel.gemeenten.get_column("gemeentecode")) == BOTOC
    assert (head.n_gemeenten, head.n_interventies, head.n_uitgevoerd) == (8, 62, 53)
    assert head.rate == 53 / 62
    assert fmt_pct(head.rate, "nl") == "85,5 %"
    assert m.REFERENCE_RATE == 53 / 62


def test_bundled_botoc_top_three_themes(dataset: Dataset) -> None:
    counts = theme_counts_in(s.select(dataset, Filters(botoc="ja")), "nl")
    assert rows_of(counts.head(3), "thema", "n") == [
        ("gedragsinterventie", 16),
        ("jongerenwerk", 14),
        ("vroegsignalering", 12),
    ]
    assert counts.item(3, "n") < 12  # the top three are unambiguous


BUNDLED_FILTERS = [
    Filters(),
    Filters(botoc="ja"),
    Filters(botoc="nee"),
    Filters(golven=("golf1_2022",)),
    Filters(golven=("nplv_2023", "selectie_2023")),
    Filters(themas=("gezag", "financien")),
    Filters(statussen=("gepland",)),
    Filters(doelgroepen=("jongvolwassenen",)),
    Filters(gemeenten=("GM0758", "GM0363")),
    Filters(domeinen=("individu", "gezin")),
    Filters(domeinen=("buurt",)),
]


@pytest.mark.parametrize("filters", BUNDLED_FILTERS)
def test_bundled_headline_from_raw_csv(dataset: Dataset, filters: Filters) -> None:
    places, rows = raw_selection(filters)
    strong = raw_strong(filters.domeinen)
    covered = set().union(*(raw_factors(r) for r in rows)) & strong
    _, rate_rows = raw_selection(replace(filters, statussen=()))  # rates ignore the status
    head = m.headline(s.select(dataset, filters))
    assert head.n_gemeenten == len(places)
    assert head.n_met_interventies == len({r["gemeentecode"] for r in rows})
    assert head.n_interventies == len(rows)
    assert head.rate_n == len(rate_rows)
    assert head.n_uitgevoerd == sum(r["status"] in DONE for r in rate_rows)
    assert head.status_ignored == bool(filters.statussen)
    assert (head.gedekt, head.totaal_sterk) == (len(covered), len(strong))


def test_bundled_whole_dataset_from_raw_csv(dataset: Dataset) -> None:
    rows = raw("interventies")
    sel = s.select(dataset, Filters())
    assert sel.gemeenten.height == len(raw("gemeenten")) == 47

    per_place = Counter(r["gemeentecode"] for r in rows)
    done = Counter(r["gemeentecode"] for r in rows if r["status"] in DONE)
    by_place = m.execution_by_gemeente(sel)
    assert {r[0]: r[1:] for r in rows_of(by_place, "gemeentecode", "n", "uitgevoerd")} == {
        code: (n, done[code]) for code, n in per_place.items()
    }

    themes = Counter(r["thema"] for r in rows)
    assert dict(rows_of(m.theme_counts(sel), "thema", "n")) == dict(themes)

    groups = Counter(r["doelgroep"] or None for r in rows)
    assert dict(rows_of(m.target_group_counts(sel), "doelgroep", "n")) == dict(groups)

    statuses = Counter((r["gemeentecode"], r["status"]) for r in rows)
    names = dict(rows_of(sel.gemeenten, "naam", "gemeentecode"))
    mix = m.status_mix(sel)
    assert {
        (names[naam], status): n for naam, status, n in rows_of(mix, "gemeente_naam", "status", "n")
    } == dict(statuses)


def test_bundled_coverage_and_gaps_from_raw_csv(dataset: Dataset) -> None:
    rows = raw("interventies")
    strong = raw_strong()
    sel = s.select(dataset, Filters())
    per_place: dict[str, set[str]] = {}
    for r in rows:
        per_place.setdefault(r["gemeentecode"], set()).update(raw_factors(r) & strong)
    coverage = c.coverage_by_gemeente(sel)
    got = dict(rows_of(coverage, "gemeentecode", "n_gedekt"))
    assert {code: got.get(code, 0) for code in per_place} == {
        code: len(found) for code, found in per_place.items()
    }
    assert set(coverage.get_column("totaal")) == {len(strong)}

    covered = set().union(*(raw_factors(r) for r in rows))
    assert set(c.gaps(sel).get_column("factor")) == strong - covered

    protective = {f["factor"] for f in raw("factoren") if f["soort"] == "beschermend"}
    expected = {
        p: (
            sum(p in raw_factors(r) for r in rows),
            len({r["gemeentecode"] for r in rows if p in raw_factors(r)}),
        )
        for p in protective
    }
    used = c.protective_used(sel)
    assert {r[0]: r[1:] for r in rows_of(used, "factor", "n_interventies", "n_gemeenten")} == (
        expected
    )


def test_bundled_map_frame_counts_every_municipality(dataset: Dataset) -> None:
    per_place = Counter(r["gemeentecode"] for r in raw("interventies"))
    frame = m.map_frame(s.select(dataset, Filters()), "interventies")
    assert dict(rows_of(frame, "gemeentecode", "n")) == {
        g["gemeentecode"]: per_place.get(g["gemeentecode"], 0) for g in raw("gemeenten")
    }
    population = {g["gemeentecode"]: g["inwoners"] for g in raw("gemeenten")}
    inwoners = m.map_frame(s.select(dataset, Filters()), "inwoners")
    assert dict(rows_of(inwoners, "gemeentecode", "waarde")) == {
        code: float(p) if p else None for code, p in population.items()
    }
    assert all(population.values())  # CBS gives every programme municipality its population
    per = m.map_frame(s.select(dataset, Filters()), "interventies_per_10000")
    assert dict(rows_of(per, "gemeentecode", "waarde")) == pytest.approx(
        {
            code: per_place[code] * 10_000 / int(p) if per_place.get(code) else None
            for code, p in population.items()
        }
    )


def test_bundled_compare_with_wave_from_raw_csv(dataset: Dataset) -> None:
    rows = raw("interventies")
    wave_of = {g["gemeentecode"]: g["golf"] for g in raw("gemeenten")}
    wave1 = [r for r in rows if wave_of[r["gemeentecode"]] == "golf1_2022"]
    frame = m.compare_with_wave(dataset, Filters(botoc="ja"))
    assert rows_of(frame, "n", "uitgevoerd") == [
        (62, 53),
        (len(wave1), sum(r["status"] in DONE for r in wave1)),
        (len(rows), sum(r["status"] in DONE for r in rows)),
    ]


def test_bundled_timeline_and_lessons(dataset: Dataset) -> None:
    dates = [r["datum"] for r in raw("tijdlijn")]
    timeline = m.timeline(dataset)
    assert timeline.get_column("datum").to_list() == sorted(dates)
    assert timeline.get_column("jaar").to_list() == [int(d[:4]) for d in sorted(dates)]
    assert m.lessons(dataset).height == len(raw("lessen"))


def test_reference_rate_is_the_published_practice_scan_figure(dataset: Dataset) -> None:
    published = dataset.kerncijfer("uitgevoerd_praktijkscan") / dataset.kerncijfer(
        "interventies_praktijkscan"
    )
    assert published == m.REFERENCE_RATE


def test_one_off_count_from_raw_csv(dataset: Dataset) -> None:
    one_off = [g for g in raw("gemeenten") if g["golf"] == "tranche_2024"]
    assert len(one_off) == 20
    assert m.one_off_count(s.select(dataset, Filters())) == 20
    assert m.one_off_count(s.select(dataset, Filters(golven=("golf1_2022",)))) == 0
    code = one_off[0]["gemeentecode"]
    assert m.one_off_count(s.select(dataset, Filters(gemeenten=(code,)))) == 1
