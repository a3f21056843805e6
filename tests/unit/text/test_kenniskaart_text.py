"""The Kenniskaart in words (``lib.text.kenniskaart``): the summary, the findings, the lessons
check and the gaps, from one language-free ``Profile`` in either language.

The small frames are those of ``tests/support/profile_frames.py``; the tiny dataset is
``tests/support/tinydata.py``.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from profile_frames import THEMAS_FRAME, interventies, selection

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import checks as ck
from lib.domain import kenniskaart as kk
from lib.domain.filters import Filters
from lib.domain.selection import Selection
from lib.text import kenniskaart as kt

TODAY = date(2026, 6, 1)


# --------------------------------------------------------------------------- lessons check


def test_every_check_says_its_light_and_rule_in_words() -> None:
    sel = selection(interventies({"monitoringplan": False, "doelgroep": None}))
    checks = ck.lesson_checks(sel, today=TODAY)
    assert [c.code for c in checks] == list(ck.CHECKS)
    monitoring = checks[0]
    assert kt.icon(monitoring) == "✖"
    assert kt.check_result(monitoring, "nl") == (
        "Actie nodig: Met een plan voor monitoring en evaluatie: 0 van de 1 interventies (0 %)."
    )
    assert kt.check_rule(monitoring, "nl").startswith("Regel: goed vanaf 80 % met een plan")
    assert "20%" in kt.check_rule(checks[1], "en")
    assert "more than 1 year" in kt.check_rule(checks[3], "en")
    assert {kt.ICONS[light] for light in ck.LIGHTS} == {"✔", "⚠", "✖", "?"}


def test_a_check_without_interventions() -> None:
    check = ck.lesson_checks(selection(interventies()), today=TODAY)[0]
    assert kt.icon(check) == "?"
    assert kt.check_result(check, "en") == "Unknown: no interventions to check."


# --------------------------------------------------------------------------- summary


def _profile_parts(sel: Selection) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    domains = kk.domain_profile(sel)
    groups = kk.target_group_profile(sel)
    pillars = kk.pillar_shares(sel.interventies, THEMAS_FRAME).with_columns(
        pl.lit("selectie").alias("groep"), pl.lit(0).alias("groep_volgorde")
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
    gaps = ["Criminele vrienden", "Familie, vrienden of kennissen"]
    assert kt.summary_sentences("Alfa", domains, groups, pillars, gaps, 4, "nl") == (
        "Alfa bereikt 3 van de 4 leefdomeinen; vrienden nog niet.",
        "Geen interventie richt zich op jongvolwassenen (18-27).",
        "50 % van de interventies biedt perspectief, 25 % stelt grenzen.",
        "2 sterk onderbouwde risicofactoren zijn niet gedekt: criminele vrienden en "
        "familie, vrienden of kennissen.",
    )
    english = kt.summary_sentences("Alfa", domains, groups, pillars, gaps[:1], 4, "en")
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
    sentences = kt.summary_sentences("Alfa", domains, groups, pillars, [], 3, "nl")
    assert sentences[0] == "Alfa bereikt 4 van de 4 leefdomeinen."
    assert sentences[1] == "Er zijn interventies voor elke leeftijdsgroep van 8 tot 27 jaar."
    assert sentences[3].startswith("Elke sterk onderbouwde risicofactor")


def test_summary_without_interventions() -> None:
    sel = selection(interventies())
    domains, groups, pillars = _profile_parts(sel)
    assert kt.summary_sentences("Delta", domains, groups, pillars, [], 0, "nl") == (
        "Delta heeft nog geen interventies in de data. Er is dus nog niets te zeggen over "
        "leefdomeinen, doelgroepen en pijlers.",
    )


def test_join_list_uses_semicolons() -> None:
    assert kt.join_list([], "nl") == ""
    assert kt.join_list(["a, b"], "nl") == "a, b"
    assert kt.join_list(["a, b", "c", "d"], "en") == "a, b; c and d"


# --------------------------------------------------------------------------- the profile


def test_profile_in_words(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0002",)), today=TODAY)
    assert kt.title(profile, "nl") == kt.title(profile, "en") == "Beta"
    assert kt.summary(profile, "nl")[0] == (
        "Beta bereikt 2 van de 5 leefdomeinen; individu, vrienden en school en werk nog niet."
    )
    assert kt.lessons(profile, "nl")["een"] == "Les een"
    assert kt.lessons(profile, "en")["een"] == "Lesson one"


def test_one_profile_in_both_languages(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(botoc="ja"), today=TODAY)
    assert kt.title(profile, "en") == "Your selection"
    assert kt.title(profile, "nl") == "Uw selectie"
    assert kt.per_place(profile, "nl").get_column("gemeente_naam").to_list() == ["Alfa", "Beta"]
    whole = kk.build_profile(tiny, Filters(), today=TODAY)
    assert kt.title(whole, "en") == "The whole programme"
    assert kt.pillars(whole, "en").get_column("groep_naam").unique().to_list() == [
        "The whole programme"
    ]


def test_frames_with_names(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0003",)), today=TODAY)
    assert kt.domains(profile, "en").select("domein", "domein_naam").row(0) == (
        "individu",
        "Individual",
    )
    assert kt.target_groups(profile, "nl").select("doelgroep_naam").row(0) == ("Kinderen (8-11)",)
    pillars = kt.pillars(profile, "nl")
    groups = pillars.select("groep_volgorde", "groep_naam").unique().sort("groep_volgorde")
    assert groups.get_column("groep_naam").to_list() == [
        "Gamma",
        "Instroomgolf: NPLV-uitbreiding (2023)",
        "Alle gemeenten",
    ]
    assert pillars.get_column("pijler_naam").head(3).to_list() == [
        "Perspectief bieden",
        "Grenzen stellen",
        "Verbindend",
    ]
    several = kk.build_profile(tiny, Filters(botoc="ja"), today=TODAY)
    assert kt.per_place(several, "en").select("gemeente_naam", "domeinen").rows() == [
        ("Alfa", "Individual, Family, Friends, Neighbourhood"),
        ("Beta", "Family, Neighbourhood"),
    ]


def test_gaps_in_words(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0003",)), today=TODAY)
    gaps = {g.factor: g for g in kt.gaps(profile, "nl")}
    assert list(gaps) == ["zelfcontrole", "gezinsproblemen", "buurtgroep"]
    first = gaps["zelfcontrole"]
    assert (first.name, first.evidence, first.domain) == ("Zelfcontrole", "Gefundeerd", "Individu")
    assert first.themes == ("Training",)
    assert first.sources == "Testbron"
    assert [(e.place, e.name, e.status) for e in first.examples] == [
        ("Alfa", "Interventie GM0001-001", "Afgerond"),
        ("Alfa", "Interventie GM0001-002", "In uitvoering"),
    ]
    assert [(e.place, e.status) for e in gaps["gezinsproblemen"].examples] == [
        ("Beta", "Afgerond"),
        ("Alfa", "Niet uitgevoerd"),
    ]
    assert gaps["gezinsproblemen"].places == ("Beta", "Alfa")
    english = {g.factor: g for g in kt.gaps(profile, "en")}
    assert english["zelfcontrole"].themes == ("Behaviour",)
    assert english["buurtgroep"].name == "Buurtgroep (en)"
    assert english["zelfcontrole"].examples[0].status == "Completed"


def test_findings(tiny: Dataset) -> None:
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0003",)), today=TODAY)
    assert kt.domain_finding(profile, "nl") == (
        "Gamma bereikt 1 van de 5 leefdomeinen. Geen interventie bereikt: individu, gezin, "
        "school en werk en buurt."
    )
    assert kt.target_finding(profile, "nl").startswith(
        "De interventies richten zich op 1 van de 6 doelgroepen."
    )
    assert kt.pillar_finding(profile, "nl") == (
        "Gamma: 100 % perspectief en 0 % grenzen. Ter vergelijking: alle gemeenten 89 % "
        "perspectief en 0 % grenzen."
    )
    whole = kk.build_profile(tiny, Filters(), today=TODAY)
    assert kt.pillar_finding(whole, "nl") == (
        "Het hele programma: 89 % perspectief, 0 % grenzen en 0 % verbindend."
    )
    assert kt.per_place_finding(whole, "nl").startswith("1 van de 4 gemeenten bereikt 3 of meer")
    empty = kk.build_profile(tiny, Filters(gemeenten=("GM0004",)), today=TODAY)
    assert kt.pillar_finding(empty, "nl") == (
        "Geen interventies, dus geen verdeling over de pijlers."
    )


def test_every_word_of_one_profile_in_each_language(tiny: Dataset) -> None:
    """The same profile object gives the texts of both languages (nothing is computed twice)."""
    profile = kk.build_profile(tiny, Filters(gemeenten=("GM0001",)), today=TODAY)
    texts: dict[Lang, tuple[str, ...]] = {
        lang: (
            *kt.summary(profile, lang),
            kt.domain_finding(profile, lang),
            kt.target_finding(profile, lang),
            kt.pillar_finding(profile, lang),
            *(kt.check_result(c, lang) for c in profile.checks),
        )
        for lang in ("nl", "en")
    }
    assert texts["nl"][0].startswith("Alfa bereikt")
    assert texts["en"][0].startswith("Alfa reaches")
    assert all(a != b for a, b in zip(texts["nl"], texts["en"], strict=True))
