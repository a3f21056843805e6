"""AppTest: every page under several filter states, with figures computed from the raw CSV."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT

APP = str(ROOT / "app.py")
PAGES = (
    "pages/overzicht.py",
    "pages/kaart.py",
    "pages/themas.py",
    "pages/uitvoering.py",
    "pages/risicofactoren.py",
)
DONE = {"in_uitvoering", "afgerond"}


def _rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Expected:
    """Figures for a selection, computed here from the CSV files with plain Python."""

    gemeenten: int
    interventies: int
    uitgevoerd: int

    def pct(self, lang: str) -> str:
        value = f"{100 * self.uitgevoerd / self.interventies:.1f}"
        return f"{value.replace('.', ',')} %" if lang == "nl" else f"{value}%"


def expected(codes: set[str] | None = None, *, botoc: str | None = None) -> Expected:
    places = [
        g
        for g in _rows("gemeenten")
        if (codes is None or g["gemeentecode"] in codes) and (botoc is None or g["botoc"] == botoc)
    ]
    keep = {g["gemeentecode"] for g in places}
    rows = [r for r in _rows("interventies") if r["gemeentecode"] in keep]
    return Expected(len(places), len(rows), sum(r["status"] in DONE for r in rows))


def run_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


STATES: dict[str, tuple[dict[str, str | list[str]], Expected]] = {
    "alle": ({}, expected()),
    "lelystad": ({"gemeente": "GM0995"}, expected({"GM0995"})),
    "botoc": ({"botoc": "ja"}, expected(botoc="true")),
}


@pytest.mark.parametrize("state", list(STATES))
def test_overview_headline_figures(state: str) -> None:
    query, exp = STATES[state]
    at = run_page(PAGES[0], query)
    values = metric_values(at)
    assert values["Gemeenten"] == str(exp.gemeenten)
    assert values["Interventies"] == str(exp.interventies)
    assert values["Uitvoeringsgraad"] == exp.pct("nl")


def test_botoc_subset_reproduces_the_practice_scan() -> None:
    at = run_page(PAGES[0], {"botoc": "ja"})
    values = metric_values(at)
    assert (values["Gemeenten"], values["Interventies"], values["Uitvoeringsgraad"]) == (
        "8",
        "62",
        "85,5 %",
    )


def test_overview_in_english() -> None:
    at = run_page(PAGES[0], {"botoc": "ja", "lang": "en"})
    values = metric_values(at)
    assert values["Execution rate"] == "85.5%"
    assert values["Municipalities"] == "8"
    assert at.title[0].value == "Overview"
    assert "Voorbeelddata" not in " ".join(w.value for w in at.warning)
    assert "Example data" in " ".join(w.value for w in at.warning)


def test_overview_shows_timeline_lessons_and_data_status() -> None:
    at = run_page(PAGES[0])
    text = markdown_text(at)
    assert "Het programma groeide van 8 BOTOC-gemeenten in 2020 naar 47 gemeenten in 2024" in text
    lessons = _rows("lessen")
    for lesson in lessons:
        assert lesson["tekst_nl"] in text
    tables = [d.value for d in at.dataframe]
    status = next(df for df in tables if "Status" in df.columns and "Rijen" in df.columns)
    assert set(status["Status"]) == {"gepubliceerd", "voorbeelddata"}
    package = json.loads((BUNDLED_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert "misdrijven" in names
    assert sum(int(v.replace(".", "")) for v in status["Rijen"]) == sum(
        len(_rows(n)) for n in names
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_page_marks_illustrative_data_and_has_a_footer(page: str) -> None:
    at = run_page(page)
    assert any("Voorbeelddata" in w.value for w in at.warning)
    captions = " ".join(c.value for c in at.caption)
    assert "Dataversie 1.0.0 van 2026-11-28" in captions
    sources = next(e for e in at.expander if e.proto.label.startswith("Bronnen ("))
    assert "Beleidsreactie op het onderzoeksdrieluik van Bureau Beke" in " ".join(
        m.value for m in sources.markdown
    )


EMPTY_QUERIES: list[dict[str, str | list[str]]] = [
    {"gemeente": "GM0034"},  # Almere: joined in 2023, no interventions in the data
    {"botoc": "ja", "golf": "selectie_2023"},  # no municipality at all
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", EMPTY_QUERIES)
def test_empty_selection_is_a_friendly_message(page: str, query: dict[str, str]) -> None:
    at = run_page(page, query)
    infos = " ".join(i.value for i in at.info)
    if page == "pages/kaart.py" and "gemeente" in query:
        assert at.get("deck_gl_json_chart"), "a municipality without interventions is still mapped"
    else:
        assert "Geen gegevens voor deze selectie" in infos
    assert not at.error


def test_map_metric_choice_changes_the_finding() -> None:
    at = run_page("pages/kaart.py", {"botoc": "ja"})
    before = markdown_text(at)
    at.selectbox(key="kaart_maat").set_value("uitvoeringsgraad").run()
    after = markdown_text(at)
    assert before != after
    assert "100 %" in after  # Zaanstad carries out 5 of 5 in the bundled data
    counts = Counter(r["gemeentecode"] for r in _rows("interventies") if r["status"] in DONE)
    totals = Counter(r["gemeentecode"] for r in _rows("interventies"))
    assert counts["GM0479"] == totals["GM0479"] == 5


@pytest.mark.parametrize("state", list(STATES))
def test_execution_page_figures(state: str) -> None:
    query, exp = STATES[state]
    at = run_page("pages/uitvoering.py", query)
    text = markdown_text(at)
    if state == "lelystad":
        assert (
            f"In Lelystad zijn {exp.uitgevoerd} van de {exp.interventies} interventies in "
            "uitvoering of afgerond"
        ) in text
    else:
        assert "halen de referentie van 85,5 %" in text


@pytest.mark.parametrize("state", list(STATES))
def test_themes_page_figures(state: str) -> None:
    query, exp = STATES[state]
    at = run_page("pages/themas.py", query)
    keep = {"GM0995"} if state == "lelystad" else None
    botoc = "true" if state == "botoc" else None
    places = {
        g["gemeentecode"]
        for g in _rows("gemeenten")
        if (keep is None or g["gemeentecode"] in keep) and (botoc is None or g["botoc"] == botoc)
    }
    themes = Counter(r["thema"] for r in _rows("interventies") if r["gemeentecode"] in places)
    n = max(themes.values())
    tied = [code for code, count in themes.items() if count == n]
    if len(tied) == 1:
        name = next(t["naam_nl"] for t in _rows("themas") if t["thema"] == tied[0])
        expected = f"De meeste interventies gaan over {name.lower()}: {n} van de {exp.interventies}"
    else:  # a tie names every leader
        expected = (
            f"{len(tied)} thema's hebben de meeste interventies, elk {n} van de {exp.interventies}"
        )
    assert expected in markdown_text(at)
    assert len(at.get("vega_lite_chart")) == 3


@pytest.mark.parametrize("state", list(STATES))
def test_risk_factor_page(state: str) -> None:
    query, _ = STATES[state]
    at = run_page("pages/risicofactoren.py", query)
    infos = " ".join(i.value for i in at.info)
    assert "59 risicofactoren en 13 beschermende factoren" in infos
    factors = _rows("factoren")
    strong = {
        f["factor"]
        for f in factors
        if f["soort"] == "risico"
        and f["beinvloedbaar"] == "true"
        and f["bewijs"] in ("gefundeerd", "sterk")
    }
    places = {"GM0995"} if state == "lelystad" else None
    botoc = "true" if state == "botoc" else None
    keep = {
        g["gemeentecode"]
        for g in _rows("gemeenten")
        if (places is None or g["gemeentecode"] in places)
        and (botoc is None or g["botoc"] == botoc)
    }
    covered = {
        f
        for r in _rows("interventies")
        if r["gemeentecode"] in keep
        for f in r["factoren"].split("|")
        if f
    }
    gaps = strong - covered
    text = markdown_text(at)
    for code in gaps:
        name = next(f["naam_nl"] for f in factors if f["factor"] == code)
        assert f"**{name}**" in text
    for code in strong & covered:
        name = next(f["naam_nl"] for f in factors if f["factor"] == code)
        assert f"- **{name}**" not in text


def test_filters_round_trip_through_the_url() -> None:
    at = run_page(PAGES[0])
    at.multiselect(key="filter_gemeente").set_value(["GM0995", "GM0363"])
    at.multiselect(key="filter_thema").set_value(["gezag"])
    at.radio(key="filter_botoc").set_value("nee")
    at.radio(key="taal").set_value("en")
    at.run()
    query = dict(at.query_params)
    assert query == {
        "lang": "en",
        "gemeente": ["GM0995", "GM0363"],
        "thema": "gezag",
        "botoc": "nee",
    }
    again = run_page(PAGES[0], query)
    assert again.multiselect(key="filter_gemeente").value == ["GM0995", "GM0363"]
    assert again.multiselect(key="filter_thema").value == ["gezag"]
    assert again.radio(key="filter_botoc").value == "nee"
    assert again.radio(key="taal").value == "en"
    assert metric_values(again) == metric_values(at)


def test_filters_persist_across_pages_and_language_switch() -> None:
    at = run_page(PAGES[0])
    at.multiselect(key="filter_gemeente").set_value(["GM0995"]).run()
    at.switch_page("pages/uitvoering.py").run()
    assert at.multiselect(key="filter_gemeente").value == ["GM0995"]
    at.radio(key="taal").set_value("en").run()
    assert at.multiselect(key="filter_gemeente").value == ["GM0995"]
    assert "In Lelystad, " in markdown_text(at)


def test_clear_button_resets_filters() -> None:
    at = run_page(PAGES[0], {"gemeente": "GM0995", "thema": "gezag"})
    at.button(key="filter_wissen").click().run()
    assert at.multiselect(key="filter_gemeente").value == []
    assert dict(at.query_params) == {}


def test_unknown_url_values_fall_back_with_a_notice() -> None:
    at = run_page(PAGES[0], {"gemeente": ["GM0995", "<script>"], "botoc": "misschien"})
    assert any("niet herkend" in i.value for i in at.info)
    assert at.multiselect(key="filter_gemeente").value == ["GM0995"]
    assert at.radio(key="filter_botoc").value == "alle"


def test_broken_bundled_data_stops_with_file_row_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in BUNDLED_DATA_DIR.iterdir():
        (tmp_path / source.name).write_bytes(source.read_bytes())
    lines = (tmp_path / "interventies.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[1] = "XX" + cells[1][2:]
    lines[3] = ",".join(cells)
    (tmp_path / "interventies.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("PMG_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.error
    assert "ongeldig" in at.error[0].value
    assert "interventies.csv, rij 4, kolom gemeentecode" in at.code[0].value


def test_overview_names_the_municipalities_with_a_one_off_grant() -> None:
    one_off = [g for g in _rows("gemeenten") if g["golf"] == "tranche_2024"]
    at = run_page("pages/overzicht.py")
    captions = " ".join(c.value for c in at.caption)
    assert f"{len(one_off)} met een eenmalige bijdrage (2024), zonder focusgebied" in captions
    assert next(m.value for m in at.metric if m.label == "Gemeenten") == str(
        len(_rows("gemeenten"))
    )
    at = run_page("pages/overzicht.py", {"golf": "golf1_2022"})
    assert "eenmalige bijdrage" not in " ".join(c.value for c in at.caption)
