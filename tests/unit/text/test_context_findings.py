"""The findings of the Context page: right numbers, and never a word that suggests that the
programme caused a figure, for every offence type, several selections and both languages.

The numbers are recomputed from the reference files with plain Python.
"""

from __future__ import annotations

import csv
import gzip
import re
from functools import cache

import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.codes import LANGS, MISDRIJFSOORTEN, Lang
from lib.data.catalog import Dataset
from lib.domain.context import comparison_group
from lib.domain.context_figures import age_groups, map_ranking, trend, unmatched
from lib.text import context as words
from lib.text import context_findings as findings

REFERENCE = ROOT / "data" / "reference" / "context"

BANNED: dict[Lang, tuple[str, ...]] = {
    "nl": (
        "door", "dankzij", "effect", "effecten", "resultaat", "gevolg", "vanwege", "leidde",
        "veroorzaakt", "sinds de start", "sinds het programma", "sinds de aanpak", "daalde",
        "steeg", "toename", "afname", "verbetering", "verslechtering", "succes", "werkt",
        "impact", "invloed", "bewijst", "aantoont",
    ),
    "en": (
        "because", "thanks to", "effect", "effects", "result", "as a result", "due to",
        "owing to", "caused", "led to", "since the programme", "since the start", "impact",
        "fell", "rose", "dropped", "increase", "decrease", "improvement", "success", "works",
        "worked", "proves", "attributable", "influence",
    ),
}  # fmt: skip
"""Phrasings that claim or suggest a cause, an effect or a change (whole words)."""

SELECTIONS: dict[str, tuple[str, ...] | None] = {
    "bundled": None,  # the municipalities of the bundled data (the default selection)
    "heerlen": ("GM0917",),
    "big_cities": ("GM0363", "GM0599", "GM0518", "GM0344"),
    "small": ("GM0995", "GM0453", "GM0880"),
}
NAMED: tuple[tuple[str, ...], ...] = ((), ("GM0193", "GM0307", "GM0796"))


def banned_in(text: str, lang: Lang) -> list[str]:
    return [p for p in BANNED[lang] if re.search(rf"\b{re.escape(p)}\b", text, re.IGNORECASE)]


def test_the_check_finds_a_banned_phrasing() -> None:
    assert banned_in("De daling komt door het programma.", "nl") == ["door"]
    assert banned_in("Registrations fell as a result of the programme", "en") == [
        "result",
        "as a result",
        "fell",
    ]
    assert banned_in("Doordat het regende", "nl") == []


@cache
def _data() -> Dataset:
    from lib.data.catalog import load_dataset

    return load_dataset(BUNDLED_DATA_DIR)


@cache
def _group(selection: tuple[str, ...]) -> pl.DataFrame:
    data = _data()
    return comparison_group(
        data.context_table("bevolking"), data.context_table("programma"), selection
    )


@cache
def _frames(selection: tuple[str, ...], named: tuple[str, ...], soort: str,
            jaar: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:  # fmt: skip
    """The trend, ranking and age frames of one view (the same for both languages)."""
    data = _data()
    misdrijven = data.context_table("misdrijven")
    bevolking = data.context_table("bevolking")
    comparison = tuple(_group(selection).get_column("gemeentecode").to_list())
    series = trend(misdrijven, bevolking, soort=soort, selection=selection,
                   comparison=comparison, named=named)  # fmt: skip
    ranked = map_ranking(
        misdrijven, bevolking, data.context_table("programma"), soort=soort, jaar=jaar,
        named=named,
    )  # fmt: skip
    ages = age_groups(bevolking, jaar=2024, selection=selection, comparison=comparison,
                      named=named)  # fmt: skip
    return series, ranked, ages


def _all_findings(data: Dataset, selection: tuple[str, ...], named: tuple[str, ...],
                  soort: str, jaar: int, lang: Lang) -> list[str]:  # fmt: skip
    names = words.place_names(data.context_table("bevolking"), data.gemeenten)
    soort_naam = words.offence_names(data.context_table("misdrijfsoorten"), lang)[soort].lower()
    group = _group(selection)
    series, ranking, ages = _frames(selection, named, soort, jaar)
    ranked = words.named_ranking(ranking, names, lang)
    missing = [names[c] for c in unmatched(selection, group)]
    return [
        findings.trend(words.with_series_names(series, names, lang), jaar=jaar, soort=soort_naam,
                       lang=lang),
        findings.ranking(ranked, selection=selection, soort=soort_naam, lang=lang),
        findings.ages(words.with_series_names(ages, names, lang), lang),
        findings.comparison(words.named_comparison(group, names, lang), missing, lang),
    ]


@pytest.mark.parametrize("soort", MISDRIJFSOORTEN)
def test_no_finding_suggests_a_cause(dataset: Dataset, soort: str) -> None:
    found = []
    for name, chosen in SELECTIONS.items():
        selection = chosen or tuple(dataset.gemeenten.get_column("gemeentecode").to_list())
        for named, jaar in zip(NAMED, (2016, 2024), strict=True):
            for lang in LANGS:
                for text in _all_findings(dataset, selection, named, soort, jaar, lang):
                    assert text.strip(), text
                    assert "{" not in text, text
                    if banned_in(text, lang):
                        found.append(f"{name}/{jaar}/{lang}: {banned_in(text, lang)}: {text}")
    assert found == []


# ----------------------------------------------------------------------------- numbers


@cache
def reference() -> tuple[dict[tuple[str, int, str], int], dict[tuple[str, int], int]]:
    """Counts by (code, year, CBS offence code) and inhabitants by (code, year)."""
    with gzip.open(REFERENCE / "misdrijven_gemeenten.csv.gz", "rt", encoding="utf-8") as handle:
        counts = {
            (r["gemeentecode"], int(r["jaar"]), r["soort_code"]): int(
                r["geregistreerde_misdrijven"]
            )
            for r in csv.DictReader(handle)
        }
    with (REFERENCE / "kerncijfers_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        people = {(r["gemeentecode"], int(r["peildatum"][:4])): int(r["inwoners"])
                  for r in csv.DictReader(handle)}  # fmt: skip
    return counts, people


def reference_rate(codes: tuple[str, ...], year: int, cbs_code: str) -> float:
    counts, people = reference()
    offences = sum(counts[(code, year, cbs_code)] for code in codes)
    return offences * 1000 / sum(people[(code, year)] for code in codes)


def nl_number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


@pytest.mark.parametrize(("soort", "cbs_code"), [("drugshandel", "3.1.1"), ("bedreiging", "1.4.4")])
def test_trend_finding_gives_the_rates_of_the_year(
    dataset: Dataset, soort: str, cbs_code: str
) -> None:
    selection = ("GM0363", "GM0917", "GM0995")
    text = _all_findings(dataset, selection, ("GM0307",), soort, 2023, "nl")[0]
    assert nl_number(reference_rate(selection, 2023, cbs_code)) in text
    assert f"{nl_number(reference_rate(('GM0307',), 2023, cbs_code))} in Amersfoort" in text
    assert "in de selectie" in text
    assert "in de rest van Nederland" in text
    assert "voorlopig" not in text
    assert "1 januari" not in text


def test_a_borrowed_or_provisional_year_says_so(dataset: Dataset) -> None:
    selection = ("GM0917",)
    borrowed = _all_findings(dataset, selection, (), "drugshandel", 2016, "en")[0]
    assert "using the population on 1 January 2023" in borrowed
    provisional = _all_findings(dataset, selection, (), "drugshandel", 2025, "nl")[0]
    assert "voorlopige cijfers" in provisional
    assert "1 januari 2024" in provisional


def test_ranking_finding_counts_the_selection_in_the_highest_fifth(dataset: Dataset) -> None:
    selection = ("GM0363", "GM0599", "GM0518", "GM0344")
    text = _all_findings(dataset, selection, (), "mishandeling", 2024, "en")[1]
    rates = {}
    codes = sorted({code for code, _ in reference()[1]})
    for code in codes:
        rates[code] = reference_rate((code,), 2024, "1.4.5")
    ordered = sorted(rates.values(), reverse=True)
    cutoff = ordered[-(-len(ordered) // 5) - 1]
    within = sum(rates[c] >= cutoff for c in selection)
    assert f"In 2024, {within} of the 4 municipalities of the selection" in text
    assert f"of all {len(codes)} municipalities" in text


# ----------------------------------------------------------------------------- words


def test_names_and_picker_labels(dataset: Dataset) -> None:
    bevolking = dataset.context_table("bevolking")
    names = words.place_names(bevolking, dataset.gemeenten)
    cbs = dict(bevolking.select("gemeentecode", "gemeente").iter_rows())
    assert len(names) == 342
    assert names["GM0518"] == "Den Haag"
    assert words.picker_label("GM0518", names, cbs) == "Den Haag ('s-Gravenhage)"
    assert words.picker_label("GM0796", names, cbs) == "'s-Hertogenbosch (Den Bosch)"
    assert words.picker_label("GM0344", names, cbs) == "Utrecht"
    ordered = words.sorted_codes(names)
    assert ordered.index("GM0518") > ordered.index("GM0344") - 400  # found by its name
    assert names[ordered[0]].startswith("Aa")


def test_population_rule_names_borrowed_years_only() -> None:
    mapping = {y: (2023 if y <= 2023 else 2024) for y in range(2012, 2026)}
    assert words.population_rule(mapping, "nl") == (
        "2012-2022 met de inwoners van 1 januari 2023; 2025 met de inwoners van 1 januari 2024"
    )
    assert words.population_rule({2020: 2023, 2022: 2023, 2023: 2023}, "en") == (
        "2020, 2022 with the population on 1 January 2023"
    )


def test_fact_values_and_lines() -> None:
    assert words.fact_value(10_000_000, "euro per jaar", "nl") == "€ 10.000.000 per jaar"
    assert words.fact_value(3_900_000, "euro per jaar", "en") == "€3,900,000 a year"
    assert words.fact_value(4, "gebieden", "nl") == "4 gebieden"
    assert words.fact_value(None, "euro", "nl") == ""
    row = {
        "gemeente_naam": "Den Haag",
        "onderwerp_naam": "Budget",
        "feit": "Rijksbijdrage",
        "waarde": "€ 3.000.000 per jaar",
        "periode": "4 jaar",
        "bron": "https://example.org/a",
        "bron_datum": "2022-12",
    }
    assert words.fact_line(row, "nl") == (
        "Budget: Rijksbijdrage — € 3.000.000 per jaar, 4 jaar "
        "(bron: https://example.org/a, 2022-12)"
    )
    assert "javascript" not in words.fact_line({**row, "bron": "javascript:alert(1)"}, "nl")


def test_named_tables_keep_every_row(dataset: Dataset) -> None:
    bevolking = dataset.context_table("bevolking")
    names = words.place_names(bevolking, dataset.gemeenten)
    group = comparison_group(bevolking, dataset.context_table("programma"), ["GM0995"])
    table = words.named_comparison(group, names, "en")
    assert table.height == group.height
    assert set(table.get_column("zelfde_klasse_als").to_list()) == {"Lelystad"}
    assert table.get_column("grootteklasse_naam").str.contains("inhabitants").all()
    feiten = dataset.context_table("gemeente_feiten")
    assert words.named_facts(feiten, names, "nl").height == feiten.height
    assert pl.Series(words.caveats("nl", mapping={2023: 2023}, bevolking=bevolking,
                                   provisional=[2024])).str.len_chars().min() > 40  # fmt: skip
