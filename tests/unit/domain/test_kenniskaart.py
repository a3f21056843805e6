"""Exact outcomes of the Kenniskaart rules (``lib.domain.kenniskaart``, ``gaps``, ``checks``)
on small hand-made frames, on the tiny dataset (see ``tests/support/tinydata.py``) and, for the
factor -> theme mapping, on the bundled data. Codes and numbers only: the words are tested in
``tests/unit/text/test_kenniskaart_text.py``.

The small frames are those of ``tests/support/profile_frames.py``.
"""

from __future__ import annotations

import csv
import inspect
from datetime import date
from typing import Any

import polars as pl
import pytest
from profile_frames import FACTOREN, THEMAS_FRAME, interventies, selection

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import DOMEINEN, PIJLERS, STERK_BEWIJS, THEMAS
from lib.data.catalog import Dataset
from lib.domain import checks as ck
from lib.domain import coverage
from lib.domain import gaps as gp
from lib.domain import kenniskaart as kk
from lib.domain.filters import Filters
from lib.domain.selection import select

TODAY = date(2026, 6, 1)


def light_of(checks: list[ck.Check], code: str) -> tuple[str, int, int]:
    check = next(c for c in checks if c.code == code)
    return check.light, check.n, check.total


# --------------------------------------------------------------------------- life domains


def test_an_intervention_reaches_the_domain_of_every_factor_it_lists() -> None:
    sel = selection(
        interventies(
            {"factoren": "f_ind|f_gez"},
            {"factoren": "f_ind | p_buurt"},  # spaces are stripped; protective factors count
            {"factoren": None},
        )
    )
    reached = kk.intervention_domains(sel.links, sel.factoren).sort("interventie_id", "domein")
    assert reached.select("interventie_id", "domein").rows() == [
        ("GM0001-001", "gezin"),
        ("GM0001-001", "individu"),
        ("GM0001-002", "buurt"),
        ("GM0001-002", "individu"),
    ]
    profile = kk.domain_profile(sel)
    assert profile.select("domein", "n", "gedekt").rows() == [
        ("individu", 2, True),
        ("gezin", 1, True),
        ("vrienden", 0, False),
        ("buurt", 1, True),
    ]
    assert kk.uncovered(profile, "domein") == ["vrienden"]


def test_domain_universe_follows_the_factors_in_contract_order() -> None:
    assert kk.domain_universe(FACTOREN) == ("individu", "gezin", "vrienden", "buurt")
    assert "school_werk" in DOMEINEN  # no factor in this domain, so it cannot be reached
    only_family = FACTOREN.filter(pl.col("domein") == "gezin")
    assert kk.domain_universe(only_family) == ("gezin",)


def test_status_does_not_matter_for_reach() -> None:
    sel = selection(interventies({"factoren": "f_vri", "status": "niet_uitgevoerd"}))
    assert kk.domain_profile(sel).filter(pl.col("gedekt")).get_column("domein").to_list() == [
        "vrienden"
    ]


def test_without_factor_links_nothing_is_reached() -> None:
    sel = selection(interventies({"factoren": None}, {"factoren": ""}))
    profile = kk.domain_profile(sel)
    assert profile.get_column("n").to_list() == [0, 0, 0, 0]
    assert kk.uncovered(profile, "domein") == ["individu", "gezin", "vrienden", "buurt"]
    per_place = kk.domains_per_gemeente(sel)
    assert per_place.select("n", "n_domeinen", "meerdere", "domeinen").rows() == [(2, 0, False, [])]


def test_a_municipality_without_interventions() -> None:
    sel = selection(interventies(), codes=("GM0001",))
    assert sel.interventies.is_empty()
    assert kk.domain_profile(sel).get_column("gedekt").sum() == 0
    assert kk.domains_per_gemeente(sel).select("n", "n_domeinen", "totaal").rows() == [(0, 0, 4)]
    assert kk.target_group_profile(sel).get_column("n").sum() == 0
    assert kk.pillar_shares(sel.interventies, THEMAS_FRAME).select("n", "aandeel").rows() == [
        (0, None),
        (0, None),
        (0, None),
    ]
    checks = ck.lesson_checks(sel, today=TODAY)
    assert [c.light for c in checks] == ["onbekend"] * len(ck.CHECKS)


def test_several_domains_at_once_per_municipality() -> None:
    assert kk.MULTI_DOMAIN_MIN == 3
    sel = selection(
        interventies(
            {"factoren": "f_ind|f_gez"},
            {"factoren": "f_vri"},
            {"gemeentecode": "GM0002", "factoren": "f_ind|f_gez"},
            {"gemeentecode": "GM0002", "factoren": "f_ind"},
        ),
        codes=("GM0001", "GM0002", "GM0003"),
    )
    frame = kk.domains_per_gemeente(sel)
    assert frame.select("gemeentecode", "n", "n_domeinen", "meerdere", "domeinen").rows() == [
        ("GM0001", 2, 3, True, ["individu", "gezin", "vrienden"]),
        ("GM0002", 2, 2, False, ["individu", "gezin"]),
        ("GM0003", 0, 0, False, []),
    ]


def test_only_one_domain() -> None:
    sel = selection(interventies({"factoren": "f_ind"}, {"factoren": "geldproblemen_jongere"}))
    profile = kk.domain_profile(sel)
    assert profile.filter(pl.col("gedekt")).select("domein", "n").rows() == [("individu", 2)]
    assert kk.domains_per_gemeente(sel).item(0, "n_domeinen") == 1


# --------------------------------------------------------------------------- target groups


def test_target_groups_across_ages() -> None:
    sel = selection(
        interventies(
            {"doelgroep": "jongeren"},
            {"doelgroep": "jongeren"},
            {"doelgroep": "ouders"},
            {"doelgroep": None},
        )
    )
    frame = kk.target_group_profile(sel)
    assert frame.select("doelgroep", "leeftijd", "n", "gedekt").rows() == [
        ("kinderen", True, 0, False),
        ("jongeren", True, 2, True),
        ("jongvolwassenen", True, 0, False),
        ("ouders", False, 1, True),
        ("professionals", False, 0, False),
        ("wijk", False, 0, False),
    ]
    assert kk.uncovered(frame.filter(pl.col("leeftijd")), "doelgroep") == [
        "kinderen",
        "jongvolwassenen",
    ]


# --------------------------------------------------------------------------- pillars


def test_pillar_shares_count_over_all_interventions() -> None:
    frame = interventies(
        {"thema": "gedragsinterventie"},
        {"thema": "financien"},
        {"thema": "gezag"},
        {"thema": "samenwerking"},
        {"thema": "overig"},  # no row in this themas frame: in the total, in no pillar
    )
    shares = kk.pillar_shares(frame, THEMAS_FRAME)
    assert shares.select("pijler", "n", "totaal", "aandeel").rows() == [
        ("perspectief", 2, 5, 0.4),
        ("grenzen", 1, 5, 0.2),
        ("verbindend", 1, 5, 0.2),
    ]


def test_pillar_of_every_theme_is_in_the_data(dataset: Dataset) -> None:
    pillars = dict(dataset.themas.select("thema", "pijler").iter_rows())
    assert set(pillars) == set(THEMAS)
    assert set(pillars.values()) == set(PIJLERS)
    assert [th for th, p in pillars.items() if p == "grenzen"] == ["gezag"]
    assert sorted(th for th, p in pillars.items() if p == "verbindend") == [
        "overig",
        "samenwerking",
    ]


def test_pillar_comparison_on_tiny(tiny: Dataset) -> None:
    frame = kk.pillar_comparison(tiny, Filters(gemeenten=("GM0003",)))
    groups = frame.select("groep", "golf", "gemeente_naam", "groep_volgorde").unique()
    assert groups.sort("groep_volgorde").rows() == [
        ("gemeente", None, "Gamma", 0),
        ("golf", "nplv_2023", None, 1),
        ("alle", None, None, 2),
    ]
    own = frame.filter(pl.col("groep_volgorde") == 0)
    assert own.select("pijler", "n", "aandeel").rows() == [
        ("perspectief", 1, 1.0),
        ("grenzen", 0, 0.0),
        ("verbindend", 0, 0.0),
    ]
    # all 9 tiny interventions: 8 in perspectief themes, 1 "overig" without a themas row
    everyone = frame.filter(pl.col("groep_volgorde") == 2)
    assert everyone.select("pijler", "n", "totaal").rows() == [
        ("perspectief", 8, 9),
        ("grenzen", 0, 9),
        ("verbindend", 0, 9),
    ]


def test_pillar_comparison_whole_programme_is_one_group(tiny: Dataset) -> None:
    frame = kk.pillar_comparison(tiny, Filters())
    assert frame.get_column("groep").unique().to_list() == ["programma"]
    selection_of_two = kk.pillar_comparison(tiny, Filters(botoc="ja"))
    assert selection_of_two.get_column("groep").unique(maintain_order=True).to_list() == [
        "selectie",
        "golf",
        "alle",
    ]


def test_pillar_comparison_applies_the_intervention_filters(tiny: Dataset) -> None:
    frame = kk.pillar_comparison(tiny, Filters(gemeenten=("GM0001",), themas=("gezin",)))
    totals = frame.select("groep_volgorde", "totaal").unique().sort("groep_volgorde").rows()
    assert totals == [(0, 1), (1, 2), (2, 2)]  # Alfa 1 gezin; wave 1 and all: Alfa + Beta


# --------------------------------------------------------------------------- evidence gaps


def test_gap_details_on_tiny(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0003",)))
    gaps = gp.gap_details(tiny, sel)
    assert [g.factor for g in gaps] == ["zelfcontrole", "gezinsproblemen", "buurtgroep"]
    by_factor = {g.factor: g for g in gaps}
    remedy = by_factor["zelfcontrole"].remedies
    assert [(r.theme, r.name["nl"], r.name["en"]) for r in remedy] == [
        ("gedragsinterventie", "Training", "Behaviour")
    ]
    assert by_factor["zelfcontrole"].sources == "Testbron"
    assert (by_factor["zelfcontrole"].evidence, by_factor["zelfcontrole"].domain) == (
        "gefundeerd",
        "individu",
    )
    assert [(e.place, e.name, e.status) for e in by_factor["zelfcontrole"].examples] == [
        ("Alfa", "Interventie GM0001-001", "afgerond"),
        ("Alfa", "Interventie GM0001-002", "in_uitvoering"),
    ]
    # carried out first: Beta's completed one before Alfa's niet_uitgevoerd one
    assert [(e.place, e.status) for e in by_factor["gezinsproblemen"].examples] == [
        ("Beta", "afgerond"),
        ("Alfa", "niet_uitgevoerd"),
    ]
    assert by_factor["gezinsproblemen"].places == ("Beta", "Alfa")
    assert by_factor["buurtgroep"].examples == ()
    assert by_factor["buurtgroep"].name == {"nl": "Buurtgroep", "en": "Buurtgroep (en)"}


def test_one_example_per_municipality_and_intervention_name() -> None:
    """Two interventions with one name in one place are one address to learn from."""
    frame = pl.DataFrame(
        {
            "gemeente_naam": ["Zaanstad", "Zaanstad", "Zaanstad", "Arnhem"],
            "naam": ["Straatcoaches", "Straatcoaches", "Ouderavond", "Straatcoaches"],
            "status": ["gepland", "afgerond", "niet_uitgevoerd", "in_uitvoering"],
        }
    )
    examples = gp._examples(frame)
    assert [(e.place, e.name, e.status, e.count) for e in examples] == [
        ("Arnhem", "Straatcoaches", "in_uitvoering", 1),
        ("Zaanstad", "Straatcoaches", "afgerond", 2),  # the furthest status of the two
        ("Zaanstad", "Ouderavond", "niet_uitgevoerd", 1),
    ]


def test_bundled_examples_never_repeat_a_name_in_a_place(dataset: Dataset) -> None:
    for code in dataset.gemeenten.get_column("gemeentecode").to_list():
        sel = select(dataset, Filters(gemeenten=(code,)))
        for gap in gp.gap_details(dataset, sel):
            pairs = [(e.place, e.name) for e in gap.examples]
            assert len(pairs) == len(set(pairs)), (code, gap.factor)
            rows = gp.learn_from(dataset, sel, [gap.factor])
            assert sum(e.count for e in gap.examples) == rows.height


def test_learn_from_never_lists_the_selection_itself(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0001",)))
    frame = gp.learn_from(tiny, sel, ["zelfcontrole", "gezinsproblemen"])
    assert frame.select("factor", "gemeentecode", "interventie_id").rows() == [
        ("gezinsproblemen", "GM0002", "GM0002-001")
    ]


def test_learn_from_ignores_the_intervention_filters(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0003",), statussen=("afgerond",)))
    frame = gp.learn_from(tiny, sel, ["gezinsproblemen"])
    assert frame.get_column("interventie_id").to_list() == ["GM0001-005", "GM0002-001"]


def _bundled_rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_strong_factor_has_a_theme_and_a_source(dataset: Dataset) -> None:
    strong = {
        f["factor"]
        for f in _bundled_rows("factoren")
        if f["soort"] == "risico" and f["beinvloedbaar"] == "true" and f["bewijs"] in STERK_BEWIJS
    }
    mapping = _bundled_rows("factor_themas")
    assert strong <= {r["factor"] for r in mapping}
    for row in mapping:
        assert row["bron"].strip()
        assert row["toelichting_nl"].strip()
        assert row["toelichting_en"].strip()
    pairs = [(r["factor"], r["thema"]) for r in mapping]
    assert len(pairs) == len(set(pairs))


def test_mapping_cites_the_sources_of_the_factor() -> None:
    sources = {f["factor"]: f["bronnen"] for f in _bundled_rows("factoren")}
    for row in _bundled_rows("factor_themas"):
        assert row["bron"] == sources[row["factor"]]


def test_every_gap_of_every_municipality_has_themes_and_a_source(dataset: Dataset) -> None:
    seen = set()
    for code in dataset.gemeenten.get_column("gemeentecode").to_list():
        sel = select(dataset, Filters(gemeenten=(code,)))
        for gap in gp.gap_details(dataset, sel):
            assert gap.remedies, gap.factor
            assert all(r.reason["nl"] and r.reason["en"] for r in gap.remedies)
            assert gap.sources.strip()
            seen.add(gap.factor)
    assert seen == set(coverage.strong_factors(dataset.factoren).get_column("factor").to_list())


# --------------------------------------------------------------------------- lessons check


@pytest.mark.parametrize(
    ("plans", "light"),
    [
        ([True, True, True, True, False], "groen"),  # 80 %: the green threshold itself
        ([True, True, True, False, False], "oranje"),  # 60 %
        ([True, True, True, False, None], "oranje"),  # unknown counts as no plan
        ([True, True, False, False, None], "rood"),  # 40 %
        ([None, None, None, None, None], "onbekend"),  # nobody recorded anything
    ],
)
def test_monitoring_plan(plans: list[bool | None], light: str) -> None:
    sel = selection(interventies(*({"monitoringplan": p} for p in plans)))
    assert light_of(ck.lesson_checks(sel, today=TODAY), "monitoring") == (
        light,
        sum(p is True for p in plans),
        5,
    )


@pytest.mark.parametrize(("missing", "light"), [(0, "groen"), (1, "oranje"), (2, "rood")])
def test_without_target_group(missing: int, light: str) -> None:
    rows = [{"doelgroep": None}] * missing + [{"doelgroep": "jongeren"}] * (5 - missing)
    sel = selection(interventies(*rows))
    assert light_of(ck.lesson_checks(sel, today=TODAY), "doelgroep") == (light, missing, 5)


@pytest.mark.parametrize(("missing", "light"), [(0, "groen"), (1, "oranje"), (2, "rood")])
def test_without_factor_links(missing: int, light: str) -> None:
    empty = [{"factoren": None}, {"factoren": " | "}][:missing]
    rows = empty + [{"factoren": "f_ind"}] * (5 - missing)
    sel = selection(interventies(*rows))
    assert light_of(ck.lesson_checks(sel, today=TODAY), "factoren") == (light, missing, 5)


def test_unknown_factor_codes_still_count_as_links() -> None:
    # the link exists in the data, even if the factor is outside the (filtered) universe
    sel = selection(interventies({"factoren": "elders"}))
    assert light_of(ck.lesson_checks(sel, today=TODAY), "factoren") == ("groen", 0, 1)


def test_overdue_planned_interventions() -> None:
    assert ck.OVERDUE_YEARS == 1
    sel = selection(
        interventies(
            {"status": "gepland", "startjaar": 2024},  # 2 years before 2026: overdue
            {"status": "gepland", "startjaar": 2025},  # 1 year: not yet
            {"status": "gepland", "startjaar": None},  # unknown: not counted
            {"status": "in_uitvoering", "startjaar": 2020},  # started: fine
            {"status": "gepland", "startjaar": 2027},
        )
    )
    assert light_of(ck.lesson_checks(sel, today=TODAY), "vertraagd") == ("oranje", 1, 5)
    # the same data a year later: 2024 and 2025 are both overdue (2 of 5 = 40 %)
    later = ck.lesson_checks(sel, today=date(2027, 1, 1))
    assert light_of(later, "vertraagd") == ("rood", 2, 5)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([{"thema": "financien"}], ("groen", 1, 2)),
        ([{"factoren": "geldproblemen_jongere"}], ("groen", 1, 2)),
        ([{"factoren": "snel_geld|x"}], ("groen", 1, 2)),
        ([{"factoren": "armoede_schulden_gezin"}], ("groen", 1, 2)),
        ([{"thema": "gezag"}], ("oranje", 0, 2)),
    ],
)
def test_attention_to_money(rows: list[dict[str, Any]], expected: tuple[str, int, int]) -> None:
    sel = selection(interventies(*rows, {"thema": "gedragsinterventie"}))
    assert light_of(ck.lesson_checks(sel, today=TODAY), "geld") == expected


def test_attention_to_young_adults() -> None:
    present = selection(interventies({"doelgroep": "jongvolwassenen"}, {"doelgroep": None}))
    absent = selection(interventies({"doelgroep": "jongeren"}, {"doelgroep": None}))
    assert light_of(ck.lesson_checks(present, today=TODAY), "jongvolwassenen") == ("groen", 1, 2)
    assert light_of(ck.lesson_checks(absent, today=TODAY), "jongvolwassenen") == ("oranje", 0, 2)


def test_every_check_in_order_with_its_figures() -> None:
    sel = selection(interventies({"monitoringplan": False, "doelgroep": None}))
    checks = ck.lesson_checks(sel, today=TODAY)
    assert [c.code for c in checks] == list(ck.CHECKS)
    assert checks[0] == ck.Check("monitoring", "rood", 0, 1, 0.0)
    assert checks[1] == ck.Check("doelgroep", "rood", 1, 1, 1.0)
    assert set(ck.CHECK_LESSONS) == set(ck.CHECKS)


# --------------------------------------------------------------------------- the profile


def test_build_profile_on_tiny(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0002",)), today=TODAY)
    assert (profile.scope, profile.place, profile.single, profile.codes) == (
        "gemeente",
        "Beta",
        True,
        ("GM0002",),
    )
    assert (profile.made_on, profile.version, profile.n_interventions) == (
        "2026-06-01",
        "0.0.1",
        2,
    )
    # Beta: gezinsproblemen (gezin) and steun (buurt)
    assert (profile.domains_reached, profile.domains_total) == (2, 5)
    assert kk.uncovered(profile.domains, "domein") == ["individu", "vrienden", "school_werk"]
    assert [g.factor for g in profile.gaps] == ["zelfcontrole", "buurtgroep"]
    assert profile.lessons["een"] == {"nl": "Les een", "en": "Lesson one"}
    assert profile.sources == (("Tests", None),)


def test_build_profile_of_a_selection(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(botoc="ja"), today=TODAY)
    assert (profile.scope, profile.place, profile.single) == ("selectie", None, False)
    assert profile.per_place.get_column("gemeente_naam").to_list() == ["Alfa", "Beta"]
    assert kk.build_profile(tiny, Filters(), today=TODAY).scope == "programma"


def test_build_profile_takes_no_language(tiny: Dataset) -> None:
    """One profile for every language: the words are added by ``lib.text.kenniskaart``."""
    assert list(inspect.signature(kk.build_profile).parameters) == ["data", "filters", "today"]
    filters = Filters(gemeenten=("GM0003",))
    first = kk.build_profile(tiny, filters, today=TODAY)
    again = kk.build_profile(tiny, filters, today=TODAY)
    for frame in ("domains", "per_place", "target_groups", "pillars"):
        assert getattr(first, frame).equals(getattr(again, frame))
        text = [c for c in getattr(first, frame).columns if c.endswith("_naam")]
        assert text in ([], ["gemeente_naam"]), frame
    assert (first.gaps, first.checks, first.lessons) == (again.gaps, again.checks, again.lessons)
