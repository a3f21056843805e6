"""Exact outcomes of the Kenniskaart rules (``lib.kenniskaart``) on small hand-made frames,
on the tiny dataset (see ``tests/tinydata.py``) and, for the factor -> theme mapping, on the
bundled data.

Small frames: factors in three domains,

    f_ind   risico  individu  sterk    addressable
    f_gez   risico  gezin     sterk    addressable
    f_vri   risico  vrienden  zwak     addressable
    f_geld  =  geldproblemen_jongere   individu  genoemd
    p_buurt beschermend buurt genoemd
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from typing import Any

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import DOMEINEN, PIJLERS, STERK_BEWIJS, THEMAS, Lang
from lib.data.catalog import Dataset, factor_links
from lib.domain import coverage
from lib.domain import kenniskaart as kk
from lib.domain.filters import Filters
from lib.domain.selection import Selection, select

TODAY = date(2026, 6, 1)

FACTOREN = pl.DataFrame(
    [
        ("f_ind", "risico", "individu", "sterk", True),
        ("f_gez", "risico", "gezin", "sterk", True),
        ("f_vri", "risico", "vrienden", "zwak", True),
        ("geldproblemen_jongere", "risico", "individu", "genoemd", True),
        ("p_buurt", "beschermend", "buurt", "genoemd", True),
    ],
    schema={
        "factor": pl.String,
        "soort": pl.String,
        "domein": pl.String,
        "bewijs": pl.String,
        "beinvloedbaar": pl.Boolean,
    },
    orient="row",
).with_columns(
    pl.col("factor").alias("naam_nl"),
    pl.col("factor").alias("naam_en"),
    pl.lit("uitleg").alias("uitleg_nl"),
    pl.lit("explanation").alias("uitleg_en"),
    pl.lit("Bron").alias("bronnen"),
)
THEMAS_FRAME = pl.DataFrame(
    {
        "thema": ["gedragsinterventie", "financien", "gezag", "samenwerking"],
        "naam_nl": ["Gedrag", "Geld", "Gezag", "Samen"],
        "naam_en": ["Behaviour", "Money", "Authority", "Together"],
        "pijler": ["perspectief", "perspectief", "grenzen", "verbindend"],
    }
)
INTERVENTION_SCHEMA: dict[str, Any] = {
    "interventie_id": pl.String,
    "gemeentecode": pl.String,
    "naam": pl.String,
    "thema": pl.String,
    "status": pl.String,
    "doelgroep": pl.String,
    "startjaar": pl.Int64,
    "factoren": pl.String,
    "monitoringplan": pl.Boolean,
    "illustratief": pl.Boolean,
}


def interventies(*rows: dict[str, Any]) -> pl.DataFrame:
    defaults: dict[str, Any] = {
        "gemeentecode": "GM0001",
        "naam": "Naam",
        "thema": "gedragsinterventie",
        "status": "in_uitvoering",
        "doelgroep": "jongeren",
        "startjaar": 2024,
        "factoren": None,
        "monitoringplan": True,
        "illustratief": False,
    }
    full = [
        {**defaults, "interventie_id": f"{r.get('gemeentecode', 'GM0001')}-{i:03d}", **r}
        for i, r in enumerate(rows, start=1)
    ]
    return pl.DataFrame(full, schema=INTERVENTION_SCHEMA)


def selection(frame: pl.DataFrame, codes: tuple[str, ...] = ("GM0001",)) -> Selection:
    gemeenten = pl.DataFrame(
        {"gemeentecode": list(codes), "naam": [f"Plaats {c[-1]}" for c in codes]}
    )
    frame = frame.join(
        gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam")), on="gemeentecode"
    )
    links = factor_links(frame).filter(
        pl.col("factor").is_in(FACTOREN.get_column("factor").implode())
    )
    return Selection(gemeenten, frame, FACTOREN, links, THEMAS_FRAME)


def light_of(checks: list[kk.Check], code: str) -> tuple[str, int, int]:
    check = next(c for c in checks if c.code == code)
    return check.light, check.n, check.totaal


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
    profile = kk.domain_profile(sel, "nl")
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
    assert kk.domain_profile(sel, "nl").filter(pl.col("gedekt")).get_column("domein").to_list() == [
        "vrienden"
    ]


def test_without_factor_links_nothing_is_reached() -> None:
    sel = selection(interventies({"factoren": None}, {"factoren": ""}))
    profile = kk.domain_profile(sel, "nl")
    assert profile.get_column("n").to_list() == [0, 0, 0, 0]
    assert kk.uncovered(profile, "domein") == ["individu", "gezin", "vrienden", "buurt"]
    per_place = kk.domains_per_gemeente(sel, "nl")
    assert per_place.select("n", "n_domeinen", "meerdere", "domeinen").rows() == [(2, 0, False, "")]


def test_a_municipality_without_interventions() -> None:
    sel = selection(interventies(), codes=("GM0001",))
    assert sel.interventies.is_empty()
    assert kk.domain_profile(sel, "nl").get_column("gedekt").sum() == 0
    assert kk.domains_per_gemeente(sel, "nl").select("n", "n_domeinen", "totaal").rows() == [
        (0, 0, 4)
    ]
    assert kk.target_group_profile(sel, "nl").get_column("n").sum() == 0
    assert kk.pillar_shares(sel.interventies, THEMAS_FRAME).select("n", "aandeel").rows() == [
        (0, None),
        (0, None),
        (0, None),
    ]
    checks = kk.lesson_checks(sel, today=TODAY)
    assert [c.light for c in checks] == ["onbekend"] * len(kk.CHECKS)


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
    frame = kk.domains_per_gemeente(sel, "nl")
    assert frame.select("gemeentecode", "n", "n_domeinen", "meerdere", "domeinen").rows() == [
        ("GM0001", 2, 3, True, "Individu, Gezin, Vrienden"),
        ("GM0002", 2, 2, False, "Individu, Gezin"),
        ("GM0003", 0, 0, False, ""),
    ]


def test_only_one_domain() -> None:
    sel = selection(interventies({"factoren": "f_ind"}, {"factoren": "geldproblemen_jongere"}))
    profile = kk.domain_profile(sel, "en")
    assert profile.filter(pl.col("gedekt")).select("domein_naam", "n").rows() == [("Individual", 2)]
    assert kk.domains_per_gemeente(sel, "en").item(0, "n_domeinen") == 1


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
    frame = kk.target_group_profile(sel, "nl")
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
    frame = kk.pillar_comparison(tiny, Filters(gemeenten=("GM0003",)), "nl")
    groups = frame.select("groep", "groep_volgorde").unique().sort("groep_volgorde").rows()
    assert groups == [
        ("Gamma", 0),
        ("Instroomgolf: NPLV-uitbreiding (2023)", 1),
        ("Alle gemeenten", 2),
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
    frame = kk.pillar_comparison(tiny, Filters(), "en")
    assert frame.get_column("groep").unique().to_list() == ["The whole programme"]


def test_pillar_comparison_applies_the_intervention_filters(tiny: Dataset) -> None:
    frame = kk.pillar_comparison(tiny, Filters(gemeenten=("GM0001",), themas=("gezin",)), "nl")
    totals = frame.select("groep_volgorde", "totaal").unique().sort("groep_volgorde").rows()
    assert totals == [(0, 1), (1, 2), (2, 2)]  # Alfa 1 gezin; wave 1 and all: Alfa + Beta


# --------------------------------------------------------------------------- evidence gaps


def test_gap_details_on_tiny(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0003",)))
    gaps = kk.gap_details(tiny, sel, "nl")
    assert [g.factor for g in gaps] == ["zelfcontrole", "gezinsproblemen", "buurtgroep"]
    by_factor = {g.factor: g for g in gaps}
    assert by_factor["zelfcontrole"].themas == ("Training",)
    assert by_factor["zelfcontrole"].bronnen == "Testbron"
    assert [(e.gemeente, e.naam, e.status) for e in by_factor["zelfcontrole"].voorbeelden] == [
        ("Alfa", "Interventie GM0001-001", "Afgerond"),
        ("Alfa", "Interventie GM0001-002", "In uitvoering"),
    ]
    # carried out first: Beta's completed one before Alfa's niet_uitgevoerd one
    assert [(e.gemeente, e.status) for e in by_factor["gezinsproblemen"].voorbeelden] == [
        ("Beta", "Afgerond"),
        ("Alfa", "Niet uitgevoerd"),
    ]
    assert by_factor["gezinsproblemen"].gemeenten == ("Beta", "Alfa")
    assert by_factor["buurtgroep"].voorbeelden == ()


def test_learn_from_never_lists_the_selection_itself(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0001",)))
    frame = kk.learn_from(tiny, sel, ["zelfcontrole", "gezinsproblemen"])
    assert frame.select("factor", "gemeentecode", "interventie_id").rows() == [
        ("gezinsproblemen", "GM0002", "GM0002-001")
    ]


def test_learn_from_ignores_the_intervention_filters(tiny: Dataset) -> None:
    sel = select(tiny, Filters(gemeenten=("GM0003",), statussen=("afgerond",)))
    frame = kk.learn_from(tiny, sel, ["gezinsproblemen"])
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
        for gap in kk.gap_details(dataset, sel, "nl"):
            assert gap.themas, gap.factor
            assert len(gap.themas) == len(gap.toelichtingen)
            assert gap.bronnen.strip()
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
    assert light_of(kk.lesson_checks(sel, today=TODAY), "monitoring") == (
        light,
        sum(p is True for p in plans),
        5,
    )


@pytest.mark.parametrize(("missing", "light"), [(0, "groen"), (1, "oranje"), (2, "rood")])
def test_without_target_group(missing: int, light: str) -> None:
    rows = [{"doelgroep": None}] * missing + [{"doelgroep": "jongeren"}] * (5 - missing)
    sel = selection(interventies(*rows))
    assert light_of(kk.lesson_checks(sel, today=TODAY), "doelgroep") == (light, missing, 5)


@pytest.mark.parametrize(("missing", "light"), [(0, "groen"), (1, "oranje"), (2, "rood")])
def test_without_factor_links(missing: int, light: str) -> None:
    empty = [{"factoren": None}, {"factoren": " | "}][:missing]
    rows = empty + [{"factoren": "f_ind"}] * (5 - missing)
    sel = selection(interventies(*rows))
    assert light_of(kk.lesson_checks(sel, today=TODAY), "factoren") == (light, missing, 5)


def test_unknown_factor_codes_still_count_as_links() -> None:
    # the link exists in the data, even if the factor is outside the (filtered) universe
    sel = selection(interventies({"factoren": "elders"}))
    assert light_of(kk.lesson_checks(sel, today=TODAY), "factoren") == ("groen", 0, 1)


def test_overdue_planned_interventions() -> None:
    assert kk.OVERDUE_YEARS == 1
    sel = selection(
        interventies(
            {"status": "gepland", "startjaar": 2024},  # 2 years before 2026: overdue
            {"status": "gepland", "startjaar": 2025},  # 1 year: not yet
            {"status": "gepland", "startjaar": None},  # unknown: not counted
            {"status": "in_uitvoering", "startjaar": 2020},  # started: fine
            {"status": "gepland", "startjaar": 2027},
        )
    )
    assert light_of(kk.lesson_checks(sel, today=TODAY), "vertraagd") == ("oranje", 1, 5)
    # the same data a year later: 2024 and 2025 are both overdue (2 of 5 = 40 %)
    later = kk.lesson_checks(sel, today=date(2027, 1, 1))
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
    assert light_of(kk.lesson_checks(sel, today=TODAY), "geld") == expected


def test_attention_to_young_adults() -> None:
    present = selection(interventies({"doelgroep": "jongvolwassenen"}, {"doelgroep": None}))
    absent = selection(interventies({"doelgroep": "jongeren"}, {"doelgroep": None}))
    assert light_of(kk.lesson_checks(present, today=TODAY), "jongvolwassenen") == ("groen", 1, 2)
    assert light_of(kk.lesson_checks(absent, today=TODAY), "jongvolwassenen") == ("oranje", 0, 2)


def test_every_check_says_its_light_and_rule_in_words() -> None:
    sel = selection(interventies({"monitoringplan": False, "doelgroep": None}))
    checks = kk.lesson_checks(sel, today=TODAY)
    assert [c.code for c in checks] == list(kk.CHECKS)
    monitoring = checks[0]
    assert monitoring.icon == "✖"
    assert kk.check_result(monitoring, "nl") == (
        "Actie nodig: Met een plan voor monitoring en evaluatie: 0 van de 1 interventies (0 %)."
    )
    assert kk.check_rule(monitoring, "nl").startswith("Regel: goed vanaf 80 % met een plan")
    assert "20%" in kk.check_rule(checks[1], "en")
    assert "more than 1 year" in kk.check_rule(checks[3], "en")
    assert {kk.LIGHT_ICONS[light] for light in kk.LIGHTS} == {"✔", "⚠", "✖", "?"}


# --------------------------------------------------------------------------- summary


def _profile_parts(
    sel: Selection, lang: Lang = "nl"
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    domains = kk.domain_profile(sel, lang)
    groups = kk.target_group_profile(sel, lang)
    pillars = kk.pillar_shares(sel.interventies, THEMAS_FRAME).with_columns(
        pl.lit("x").alias("groep"), pl.lit(0).alias("groep_volgorde")
    )
    return domains, groups, pillars


def test_summary_sentences() -> None:
    sel = selection(
        interventies(
            {"factoren": "f_ind", "doelgroep": "jongeren", "thema": "gezag"},
            {"factoren": "f_gez", "doelgroep": "kinderen", "thema": "financien"},
            {"factoren": "p_buurt", "doelgroep": "ouders"},
            {"factoren": None, "doelgroep": None, "thema": "samenwerking"},
        )
    )
    domains, groups, pillars = _profile_parts(sel)
    gap = kk.Gap("f", "Criminele vrienden", "sterk", "vrienden", "u", "b", (), (), ())
    other = replace(gap, naam="Familie, vrienden of kennissen")
    assert kk.summary("Alfa", domains, groups, pillars, [gap, other], 4, "nl") == (
        "Alfa bereikt 3 van de 4 leefdomeinen; vrienden nog niet.",
        "Geen interventie richt zich op jongvolwassenen (18 tot 27 jaar).",
        "50 % van de interventies biedt perspectief, 25 % stelt grenzen.",
        "2 sterk onderbouwde risicofactoren zijn niet gedekt: criminele vrienden en "
        "familie, vrienden of kennissen.",
    )
    domains, groups, pillars = _profile_parts(sel, "en")
    english = kk.summary("Alfa", domains, groups, pillars, [gap], 4, "en")
    assert english[0] == "Alfa reaches 3 of the 4 life domains; not yet friends."
    assert english[3] == "1 strongly supported risk factor is not covered: criminele vrienden."


def test_summary_when_everything_is_covered() -> None:
    sel = selection(
        interventies(
            {"factoren": "f_ind|f_gez|f_vri|p_buurt", "doelgroep": "kinderen"},
            {"doelgroep": "jongeren"},
            {"doelgroep": "jongvolwassenen"},
        )
    )
    domains, groups, pillars = _profile_parts(sel)
    sentences = kk.summary("Alfa", domains, groups, pillars, [], 3, "nl")
    assert sentences[0] == "Alfa bereikt 4 van de 4 leefdomeinen."
    assert sentences[1] == "Er zijn interventies voor elke leeftijdsgroep van 8 tot 27 jaar."
    assert sentences[3].startswith("Elke sterk onderbouwde risicofactor")


def test_summary_without_interventions() -> None:
    sel = selection(interventies())
    domains, groups, pillars = _profile_parts(sel)
    assert kk.summary("Delta", domains, groups, pillars, [], 0, "nl") == (
        "Delta heeft nog geen interventies in de data. Er is dus nog niets te zeggen over "
        "leefdomeinen, doelgroepen en pijlers.",
    )


def test_join_list_uses_semicolons() -> None:
    assert kk.join_list([], "nl") == ""
    assert kk.join_list(["a, b"], "nl") == "a, b"
    assert kk.join_list(["a, b", "c", "d"], "en") == "a, b; c and d"


# --------------------------------------------------------------------------- the profile


def test_build_profile_on_tiny(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0002",)), "nl", today=TODAY)
    assert (profile.titel, profile.een_gemeente, profile.gemeentecodes) == (
        "Beta",
        True,
        ("GM0002",),
    )
    assert (profile.datum, profile.versie, profile.n_interventies) == ("2026-06-01", "0.0.1", 2)
    # Beta: gezinsproblemen (gezin) and steun (buurt)
    assert (profile.domeinen_bereikt, profile.domeinen_totaal) == (2, 5)
    assert [g.factor for g in profile.gaten] == ["zelfcontrole", "buurtgroep"]
    assert profile.samenvatting[0] == (
        "Beta bereikt 2 van de 5 leefdomeinen; individu, vrienden en school en werk nog niet."
    )
    assert profile.lessen["een"] == "Les een"
    assert profile.bronnen == (("Tests", None),)


def test_build_profile_of_a_selection(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(botoc="ja"), "en", today=TODAY)
    assert profile.titel == "Your selection"
    assert not profile.een_gemeente
    assert profile.per_gemeente.get_column("gemeente_naam").to_list() == ["Alfa", "Beta"]


def test_findings(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0003",)), "nl", today=TODAY)
    assert kk.domain_finding(profile) == (
        "Gamma bereikt 1 van de 5 leefdomeinen. Geen interventie bereikt: individu, gezin, "
        "school en werk en buurt."
    )
    assert kk.target_finding(profile).startswith(
        "De interventies richten zich op 1 van de 6 doelgroepen."
    )
    assert kk.pillar_finding(profile) == (
        "Gamma: 100 % perspectief en 0 % grenzen. Ter vergelijking: alle gemeenten 89 % "
        "perspectief en 0 % grenzen."
    )
    whole = kk.build_profile(tiny, Filters(), "nl", today=TODAY)
    assert kk.pillar_finding(whole) == (
        "Het hele programma: 89 % perspectief, 0 % grenzen en 0 % verbindend."
    )
    assert kk.per_gemeente_finding(whole).startswith("1 van de 4 gemeenten bereikt 3 of meer")
    empty = kk.build_profile(tiny, Filters(gemeenten=("GM0004",)), "nl", today=TODAY)
    assert kk.pillar_finding(empty) == "Geen interventies, dus geen verdeling over de pijlers."
