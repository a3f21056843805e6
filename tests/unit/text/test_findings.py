"""Findings: one sentence per chart, computed from the same frame, in both languages."""

from __future__ import annotations

import polars as pl
import pytest

from lib.domain.metrics import Headline
from lib.text import findings


def test_themes_names_the_largest_theme_with_its_share() -> None:
    counts = pl.DataFrame(
        {"thema_naam": ["Jongerenwerk", "Gezin"], "n": [3, 1], "share": [0.75, 0.25]}
    )
    assert findings.themes(counts, "nl") == (
        "De meeste interventies gaan over jongerenwerk: 3 van de 4 (75 %)."
    )
    assert (
        findings.themes(counts, "en") == "Most interventions are about jongerenwerk: 3 of 4 (75%)."
    )


def test_theme_by_gemeente_names_every_tied_pair_in_name_order() -> None:
    frame = pl.DataFrame(
        {
            "gemeente_naam": ["Beta", "Alfa", "Alfa"],
            "thema_naam": ["Gezin", "Gezag", "Gezin"],
            "n": [2, 2, 1],
        }
    )
    # a tie is not broken by the alphabet: both leaders are named
    assert findings.theme_by_gemeente(frame, "nl") == (
        "2 combinaties van gemeente en thema hebben de meeste interventies, elk 2: "
        "Alfa (gezag) en Beta (gezin)."
    )
    assert findings.theme_by_gemeente(frame, "en") == (
        "2 pairs of municipality and theme have the most interventions, each with 2: "
        "Alfa (gezag) and Beta (gezin)."
    )


def test_theme_by_gemeente_names_a_single_leader() -> None:
    frame = pl.DataFrame(
        {"gemeente_naam": ["Beta", "Alfa"], "thema_naam": ["Gezin", "Gezag"], "n": [1, 2]}
    )
    assert findings.theme_by_gemeente(frame, "nl") == (
        "Alfa heeft de meeste interventies binnen één thema: 2 over gezag."
    )


def test_target_groups_mentions_missing_target_groups() -> None:
    frame = pl.DataFrame(
        {
            "doelgroep": ["jongeren", "ouders", None],
            "doelgroep_naam": ["Jongeren", "Ouders", "X"],
            "doelgroep_volgorde": [1, 3, 6],
            "n": [4, 2, 3],
        }
    )
    assert findings.target_groups(frame, "nl") == (
        "De grootste doelgroep is jongeren: 4 van de 9 interventies. "
        "Bij 3 van de 9 interventies staat geen doelgroep."
    )
    only_unknown = frame.filter(pl.col("doelgroep").is_null())
    assert (
        findings.target_groups(only_unknown, "en") == "3 of 3 interventions have no target group."
    )


def _execution(rows: list[tuple[str, int, int]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["gemeente_naam", "n", "uitgevoerd"], orient="row")
    return frame.with_columns(
        (pl.col("uitgevoerd") / pl.col("n")).alias("rate"), (pl.col("n") >= 5).alias("betrouwbaar")
    ).sort("rate", descending=True)


def test_execution_for_one_municipality() -> None:
    frame = _execution([("Lelystad", 14, 12)])
    assert findings.execution(frame, "nl") == (
        "In Lelystad zijn 12 van de 14 interventies in uitvoering of afgerond (85,7 %)."
    )
    assert findings.execution(frame, "en") == (
        "In Lelystad, 12 of 14 interventions are running or completed (85.7%)."
    )


def test_execution_marks_unreliable_rates() -> None:
    assert findings.execution(_execution([("Nieuwegein", 4, 2)]), "nl").endswith("(50,0 %*).")


def test_execution_for_several_counts_only_reliable_rates_against_the_reference() -> None:
    frame = _execution([("A", 10, 9), ("B", 10, 8), ("C", 2, 2)])
    assert findings.execution(frame, "nl") == (
        "1 van de 3 gemeenten haalt de referentie van 85,5 %; het hoogst is A (90,0 %)."
    )


def test_status_counts_planned_and_not_carried_out() -> None:
    frame = pl.DataFrame(
        {"status": ["gepland", "afgerond", "niet_uitgevoerd", "in_uitvoering"], "n": [2, 3, 1, 4]}
    )
    assert findings.status(frame, "nl") == (
        "3 van de 10 interventies zijn nog niet gestart of niet uitgevoerd."
    )


@pytest.mark.parametrize(
    ("height", "expected"),
    [
        (0, "Elke sterk onderbouwde, beïnvloedbare risicofactor wordt in deze selectie"),
        (1, "1 sterk onderbouwde risicofactor wordt door geen enkele interventie gedekt."),
        (2, "2 sterk onderbouwde risicofactoren worden door geen enkele interventie gedekt."),
    ],
)
def test_gaps_sentence_agrees_in_number(height: int, expected: str) -> None:
    frame = pl.DataFrame({"factor": [f"f{i}" for i in range(height)]}, schema={"factor": pl.String})
    assert findings.gaps(frame, "nl").startswith(expected)


def test_coverage_sentence() -> None:
    head = Headline(
        n_gemeenten=8,
        n_met_interventies=8,
        n_interventies=62,
        n_uitgevoerd=53,
        rate_n=62,
        rate=53 / 62,
        betrouwbaar=True,
        gedekt=5,
        totaal_sterk=7,
    )
    assert findings.coverage(head, "nl").startswith("5 van de 7 sterk onderbouwde")


def test_timeline_uses_first_and_last_known_counts() -> None:
    frame = pl.DataFrame(
        {
            "datum": ["2020-06", "2021", "2022-04-26", "2023-05"],
            "jaar": [2020, 2021, 2022, 2023],
            "aantal_gemeenten": [8, None, 15, 27],
        }
    )
    assert findings.timeline(frame, "en") == (
        "The programme grew from 8 BOTOC municipalities in 2020 to 27 municipalities in 2023."
    )


def test_comparison_reads_first_and_last_row() -> None:
    frame = pl.DataFrame(
        {
            "groep": ["selectie", "golf", "alle"],
            "groep_naam": ["Uw selectie", "Golf", "Alle"],
            "rate": [0.5, 0.6, 0.774],
            "betrouwbaar": [False, True, True],
        }
    )
    assert findings.comparison(frame, "nl") == (
        "De selectie heeft een uitvoeringsgraad van 50,0 %*; alle gemeenten samen 77,4 %."
    )


def test_map_metric_sentences() -> None:
    frame = pl.DataFrame(
        {"gemeente_naam": ["A", "B"], "waarde": [3.0, 7.0], "n": [3, 7]},
        schema_overrides={"waarde": pl.Float64},
    )
    assert findings.map_metric(frame, "7", "nl") == (
        "Van de 2 geselecteerde gemeenten heeft B de hoogste waarde (7)."
    )
    assert findings.map_metric(frame.head(1), "3", "nl") == "Geselecteerd: 1 gemeente, A (3)."
    unknown = frame.with_columns(pl.lit(None, pl.Float64).alias("waarde"))
    assert "geen enkele een betrouwbare waarde" in findings.map_metric(unknown, "-", "nl")
    # no interventions at all is not "unknown"
    none = unknown.with_columns(pl.lit(0).alias("n"))
    assert findings.map_metric(none.head(1), "-", "en") == (
        "Selected: 1 municipality; it has no interventions that match the filters."
    )
    assert findings.map_metric(none, "-", "nl") == (
        "Geen van de 2 geselecteerde gemeenten heeft interventies die bij de filters passen."
    )
