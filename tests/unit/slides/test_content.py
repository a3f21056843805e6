"""Presentation mode without Streamlit: storylines in the URL, hostile links, slide takeaways.

The expected figures are computed here from the CSV files with the ``csv`` module, never with
the app's own code.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest

from lib import links
from lib.config import BUNDLED_DATA_DIR
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.slides import content as presentation
from lib.slides import storyline
from lib.slides.storyline import SLIDES, Storyline, View
from lib.text import provenance

DONE = {"in_uitvoering", "afgerond"}
REFERENCE = 53 / 62


def _rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pct(share: float, lang: str) -> str:
    text = str(Decimal(repr(share * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return f"{text.replace('.', ',')} %" if lang == "nl" else f"{text}%"


def _execution(codes: set[str]) -> tuple[int, int]:
    rows = [r for r in _rows("interventies") if r["gemeentecode"] in codes]
    return sum(r["status"] in DONE for r in rows), len(rows)


def _strong() -> set[str]:
    return {
        f["factor"]
        for f in _rows("factoren")
        if f["soort"] == "risico"
        and f["beinvloedbaar"] == "true"
        and f["bewijs"] in ("gefundeerd", "sterk")
    }


def _covered(codes: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in _rows("interventies"):
        if row["gemeentecode"] in codes:
            counts.update({f.strip() for f in row["factoren"].split("|") if f.strip()})
    return counts


ALL = {g["gemeentecode"] for g in _rows("gemeenten")}
BOTOC = {g["gemeentecode"] for g in _rows("gemeenten") if g["botoc"] == "true"}


# --- storyline and view in the URL ------------------------------------------------------------


def test_default_view_and_query() -> None:
    view, ignored = links.parse_view({})
    assert (view, ignored) == (View(), [])
    assert view.code == "kop"
    assert links.view_query(view, presentation=False) == {}
    assert links.view_query(view, presentation=True) == {"dia": "1"}


def test_storyline_round_trips_through_the_query_string() -> None:
    view = View(Storyline(("uitvoering", "kop", "kaart"), "Raad van mei"), 2, "dekking")
    query = links.full_query(Filters(gemeenten=("GM0995",)), "en", view, presentation=True)
    text = links.query_string(query)
    assert text == (
        "lang=en&gemeente=GM0995&maat=dekking&verhaal=uitvoering,kop,kaart&titel=Raad+van+mei&dia=2"
    )
    params = links.parse_query_string(f"http://localhost:8501/presentatie?{text}#x")
    filters, lang, again, ignored = links.read_link(params, ALL)
    assert (filters, lang, again, ignored) == (Filters(gemeenten=("GM0995",)), "en", view, [])
    assert again.code == "kop"


def test_several_values_and_encoded_commas() -> None:
    view, ignored = links.parse_view({"verhaal": ["kop", "themas%2Ckaart"], "dia": ["9", "2"]})
    # "themas%2Ckaart" is not a code (a browser decodes %2C); dia=2 is past the end of a
    # one-slide storyline
    assert ignored == ["verhaal", "dia"]
    assert view.storyline.slides == ("kop",)
    assert view.slide == 1
    decoded = links.parse_query_string("verhaal=themas%2Ckaart&dia=2")
    assert links.parse_view(decoded)[0] == View(Storyline(("themas", "kaart")), 2)


HOSTILE: list[tuple[dict[str, str | list[str]], list[str]]] = [
    ({"dia": "0"}, ["dia"]),
    ({"dia": "-1"}, ["dia"]),
    ({"dia": "abc"}, ["dia"]),
    ({"dia": "8"}, ["dia"]),
    ({"dia": "1e3"}, ["dia"]),
    ({"dia": "３"}, ["dia"]),  # a full-width digit: int() would accept it
    ({"dia": "99999999999999999999"}, ["dia"]),
    ({"dia": ""}, ["dia"]),
    ({"dia": []}, ["dia"]),
    ({"verhaal": "<script>alert(1)</script>"}, ["verhaal"]),
    ({"verhaal": ",,,"}, ["verhaal"]),
    ({"verhaal": ""}, ["verhaal"]),
    ({"verhaal": "kop," * 5000}, ["verhaal"]),  # repeats are dropped
    ({"verhaal": ["kop"] * 60}, ["verhaal"]),
    ({"maat": "'; drop table gemeenten; --"}, ["maat"]),
    ({"maat": ""}, ["maat"]),
    ({"titel": "<img src=x onerror=alert(1)>"}, ["titel"]),
    ({"titel": "\x00\x1b[31mrood"}, ["titel"]),
    ({"titel": "[klik](javascript:alert(1))"}, ["titel"]),
]


@pytest.mark.parametrize(("params", "ignored"), HOSTILE)
def test_hostile_values_fall_back_and_are_named(
    params: dict[str, str | list[str]], ignored: list[str]
) -> None:
    view, named = links.parse_view(params)
    assert named == ignored
    assert 1 <= view.slide <= len(view.storyline.slides)
    assert set(view.storyline.slides) <= set(SLIDES)
    assert view.metric in ("interventies", "uitvoeringsgraad", "dekking", "inwoners")
    assert not set(view.storyline.title) & set("<>[]{}\\/`\x00\x1b")
    assert len(view.storyline.title) <= storyline.MAX_TITLE


def test_clean_title() -> None:
    assert storyline.clean_title("  Raad   van\tmei  ") == "Raad van mei"
    assert storyline.clean_title("Gemeente's & partners: stand (2026)!") == (
        "Gemeente's & partners: stand (2026)!"
    )
    assert storyline.clean_title("<b>vet</b>") == "bvetb"
    assert len(storyline.clean_title("x" * 500)) == 80


def test_query_string_readers_never_raise() -> None:
    assert links.parse_query_string("") == {}
    assert links.parse_query_string("&" * 10_000) == {}
    assert links.parse_query_string("a=" + "b&a=" * 1000) == {}  # too many fields
    assert links.parse_query_string("?%ZZ=%%") == {"%ZZ": ["%%"]}
    _, _, view, ignored = links.read_link({"dia": "x", "gemeente": "GM9999"}, ALL)
    assert view == View()
    assert ignored == ["gemeente", "dia"]


def test_storyline_changes_keep_the_current_slide() -> None:
    view = View(Storyline(("kop", "kaart", "themas")), 3)
    changed = view.with_storyline(["themas", "kop", "onzin", "kop"])
    assert changed.storyline.slides == ("themas", "kop")
    assert changed.code == "themas"
    assert view.with_storyline([]).storyline.slides == ()  # empty is empty, not "every slide"
    shorter = View(Storyline(("kop", "kaart", "themas")), 3).with_storyline(["kop", "kaart"])
    assert shorter.slide == 2
    assert view.at(0).slide == 1
    assert view.at(99).slide == 3


def test_storyline_editing_steps() -> None:
    view = View(Storyline(("kop", "kaart", "themas"), "Mei"), 3)  # on Thema's
    up = view.move("themas", -1)
    assert (up.storyline.slides, up.code) == (("kop", "themas", "kaart"), "themas")
    assert up.move("themas", -5).storyline.slides == ("themas", "kop", "kaart")
    assert view.move("kop", 1).storyline.slides == ("kaart", "kop", "themas")
    assert view.move("lessen", 1) == view  # not in the storyline: nothing changes
    removed = view.remove("themas")  # the slide on screen goes: its place is kept
    assert (removed.storyline.slides, removed.slide) == (("kop", "kaart"), 2)
    added = view.add("vervolg").add("kop")  # added at the end; a slide is never there twice
    assert added.storyline.slides == ("kop", "kaart", "themas", "vervolg")
    assert added.code == "themas"
    assert view.missing() == ("uitvoering", "risico", "lessen", "vervolg")
    cleared = view.cleared()
    assert cleared.storyline == Storyline((), "Mei")
    assert cleared.storyline.is_empty
    assert cleared.current is None
    assert cleared.missing() == SLIDES
    assert cleared.add("risico") == View(Storyline(("risico",), "Mei"), 1)
    assert cleared.reset().storyline == Storyline(SLIDES, "Mei")


def test_an_empty_storyline_round_trips_as_a_dash() -> None:
    view = View().cleared()
    query = links.view_query(view, presentation=True)
    assert query == {"verhaal": "-", "dia": "1"}
    again, ignored = links.parse_view(query)
    assert (again, ignored) == (view, [])
    # an empty or unknown value is still a mistake that falls back to every slide
    assert links.parse_view({"verhaal": ""})[0].storyline.slides == SLIDES


# --- words and takeaways ------------------------------------------------------------------------


def test_describe_filters(dataset: Dataset) -> None:
    themes = {t["thema"]: t["naam_nl"] for t in _rows("themas")}
    text = provenance.describe_filters(
        Filters(gemeenten=("GM0995",), themas=("gezag",), botoc="ja"), dataset, "nl"
    )
    assert text == f"Gemeente: Lelystad · BOTOC-gemeente: Ja · Thema: {themes['gezag']}"
    assert provenance.describe_filters(Filters(), dataset, "en") == (
        "All municipalities and interventions (no filters)"
    )
    many = Filters(gemeenten=tuple(sorted(ALL))[:8])
    assert "en 3 meer" in provenance.describe_filters(many, dataset, "nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_execution_takeaway_for_one_municipality(dataset: Dataset, lang: str) -> None:
    done, n = _execution({"GM0995"})
    sel = select(dataset, Filters(gemeenten=("GM0995",)))
    slide = presentation.build_slide("uitvoering", dataset, sel, lang)  # type: ignore[arg-type]
    side = "onder" if lang == "nl" else "below"
    if lang == "nl":
        first = (
            f"Lelystad: {done} van {n} interventies uitgevoerd ({_pct(done / n, 'nl')}), "
            f"{side} de referentie van 85,5 %."
        )
    else:
        first = (
            f"Lelystad: {done} of {n} interventions carried out ({_pct(done / n, 'en')}), "
            f"{side} the reference of 85.5%."
        )
    assert done / n < REFERENCE
    assert slide.takeaway[0] == first
    waiting = sum(
        r["status"] in ("gepland", "niet_uitgevoerd")
        for r in _rows("interventies")
        if r["gemeentecode"] == "GM0995"
    )
    assert slide.takeaway[1].startswith(f"{waiting} ")


def test_headline_takeaway_for_botoc_equals_the_reference(dataset: Dataset) -> None:
    done, n = _execution(BOTOC)
    assert (done, n) == (53, 62)
    sel = select(dataset, Filters(botoc="ja"))
    slide = presentation.build_slide("kop", dataset, sel, "nl")
    assert slide.takeaway == (
        f"{len(BOTOC)} gemeenten met samen {n} interventies.",
        "De selectie: 53 van 62 interventies uitgevoerd (85,5 %), gelijk aan de referentie "
        "van 85,5 %.",
    )
    strong = _strong()
    covered = strong & set(_covered(BOTOC))
    assert dict(slide.figures)["Sterke risicofactoren gedekt"] == (
        f"{len(covered)} van {len(strong)}"
    )


def test_headline_takeaway_for_one_municipality(dataset: Dataset) -> None:
    done, n = _execution({"GM0995"})
    sel = select(dataset, Filters(gemeenten=("GM0995",)))
    slide = presentation.build_slide("kop", dataset, sel, "en")
    assert slide.takeaway[0] == f"Lelystad has {n} interventions."
    assert slide.takeaway[1].startswith(f"Lelystad: {done} of {n} interventions carried out")


def test_execution_takeaway_for_all_municipalities(dataset: Dataset) -> None:
    per_place: dict[str, tuple[int, int]] = {}
    for code in ALL:
        done, n = _execution({code})
        if n:
            per_place[code] = (done, n)
    above = sum(1 for done, n in per_place.values() if n >= 5 and done / n >= REFERENCE)
    slide = presentation.build_slide("uitvoering", dataset, select(dataset, Filters()), "nl")
    assert slide.takeaway[0].startswith(
        f"{above} van de {len(per_place)} gemeenten halen de referentie van 85,5 %"
    )
    done, n = _execution(ALL)
    assert slide.takeaway[1] == (
        f"Samen: {done} van {n} interventies uitgevoerd ({_pct(done / n, 'nl')}), "
        "onder de referentie van 85,5 %."
    )


def test_theme_takeaway(dataset: Dataset) -> None:
    counts = Counter(r["thema"] for r in _rows("interventies") if r["gemeentecode"] in BOTOC)
    (top, n), *_ = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    name = next(t["naam_nl"] for t in _rows("themas") if t["thema"] == top)
    three = sum(sorted(counts.values(), reverse=True)[:3]) / sum(counts.values())
    slide = presentation.build_slide("themas", dataset, select(dataset, Filters(botoc="ja")), "nl")
    assert slide.takeaway[0].startswith(f"De meeste interventies gaan over {name.lower()}: {n} ")
    assert slide.takeaway[1] == (
        f"De 3 grootste thema's zijn samen goed voor {round(three * 100)} % van de interventies."
    )


def test_risk_factor_takeaway_and_chart_data(dataset: Dataset) -> None:
    names = {f["factor"]: f["naam_nl"] for f in _rows("factoren")}
    strong = _strong()
    counts = _covered(BOTOC)
    gaps = sorted(names[f] for f in strong - set(counts))
    slide = presentation.build_slide("risico", dataset, select(dataset, Filters(botoc="ja")), "nl")
    assert slide.takeaway[0].startswith(f"{len(strong & set(counts))} van de {len(strong)} ")
    for gap in gaps:
        assert gap in slide.takeaway[1]
    assert slide.table is not None
    shown = dict(slide.table.select("factor", "n").iter_rows())
    per_intervention = Counter()
    for row in _rows("interventies"):
        if row["gemeentecode"] in BOTOC:
            per_intervention.update({f.strip() for f in row["factoren"].split("|") if f.strip()})
    assert shown == {f: per_intervention.get(f, 0) for f in strong}
    assert slide.chart is not None


def test_next_steps_are_read_from_the_data(dataset: Dataset) -> None:
    below = []
    for code in ALL:
        done, n = _execution({code})
        if n >= 5 and done / n < REFERENCE:
            below.append(next(g for g in _rows("gemeenten") if g["gemeentecode"] == code))
    slide = presentation.build_slide("vervolg", dataset, select(dataset, Filters()), "nl")
    assert (
        f"Bespreek met {len(below)} gemeenten onder de referentie van 85,5 %" in (slide.takeaway[1])
    )
    waiting = sum(r["status"] in ("gepland", "niet_uitgevoerd") for r in _rows("interventies"))
    assert any(f"Zet de {waiting} van de {len(_rows('interventies'))} " in b for b in slide.bullets)
    assert slide.bullets[-1].startswith("Vervang de voorbeelddata")


def test_lessons_slide(dataset: Dataset) -> None:
    lessons = _rows("lessen")
    slide = presentation.build_slide("lessen", dataset, select(dataset, Filters()), "en")
    products = {row["product"] for row in lessons}
    assert (
        slide.takeaway[0] == f"{len(lessons)} lessons from {len(products)} parts of the research."
    )
    assert len(slide.bullets) == len(lessons)
    assert slide.takeaway[1] == f"First of all: {lessons[0]['tekst_en']}"


def test_map_slide(dataset: Dataset) -> None:
    sel = select(dataset, Filters(botoc="ja"))
    slide = presentation.build_slide("kaart", dataset, sel, "nl", metric="uitvoeringsgraad")
    assert slide.title == "Kaart: uitvoeringsgraad"
    assert slide.takeaway[0].startswith(f"Van de {len(BOTOC)} geselecteerde gemeenten heeft ")
    assert slide.chart is not None
    # the map shows all 47 programme municipalities; its table is the selection
    spec = json.dumps(slide.chart.to_dict())
    assert "CBS / Kadaster" in spec
    assert "Gebiedsindelingen 2023" in spec
    assert slide.table is not None
    assert sorted(slide.table.get_column("gemeentecode").to_list()) == sorted(BOTOC)


def test_map_slide_of_everything_counts_the_municipalities_without_interventions(
    dataset: Dataset,
) -> None:
    sel = select(dataset, Filters())
    slide = presentation.build_slide("kaart", dataset, sel, "nl", metric="interventies")
    counts = Counter(r["gemeentecode"] for r in _rows("interventies"))
    without = sum(1 for g in _rows("gemeenten") if not counts[g["gemeentecode"]])
    assert without >= 20  # the 20 municipalities of the one-off grant among them
    assert (
        slide.takeaway[1]
        == f"{without} gemeenten hebben geen interventies die bij de filters passen (lichtgrijs)."
    )


@pytest.mark.parametrize("code", SLIDES)
def test_every_slide_survives_an_empty_selection(dataset: Dataset, code: str) -> None:
    sel = select(dataset, Filters(botoc="ja", golven=("selectie_2023",)))
    slide = presentation.build_slide(code, dataset, sel, "nl")
    assert slide.title
    assert all(slide.takeaway)
    if code != "lessen":
        assert slide.empty
        assert slide.chart is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_build_slides_follows_the_storyline(dataset: Dataset, lang: str) -> None:
    view = View(Storyline(("vervolg", "kop")))
    slides = presentation.build_slides(dataset, Filters(), lang, view)  # type: ignore[arg-type]
    assert [s.code for s in slides] == ["vervolg", "kop"]
    for slide in slides:
        assert slide.resources
        assert provenance.source_line(dataset, lang, slide.resources)  # type: ignore[arg-type]


def test_source_line_and_data_status_follow_the_language(dataset: Dataset) -> None:
    resources = storyline.RESOURCES["uitvoering"]
    assert provenance.source_line(dataset, "en", resources) == (
        "Source: Preventie met gezag dashboard, tables interventions (example data); published "
        "key figures. Licence CC-BY-4.0."
    )
    assert provenance.data_status(dataset, "en", resources) == (
        "Data: version 1.0.0 of 2026-11-28 (published, example data)"
    )
    assert provenance.data_status(dataset, "nl", ["lessen"]).endswith("(gepubliceerd)")
