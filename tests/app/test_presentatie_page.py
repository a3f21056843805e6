"""AppTest: the Presentatie page (every slide, storyline links, navigation, hostile links), the
share link and the download buttons on the other pages."""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.slides.storyline import SLIDES

APP = str(ROOT / "app.py")
PAGE = "pages/presentatie.py"
DONE = {"in_uitvoering", "afgerond"}
TITLES_NL = {
    "kop": "Preventie met gezag",
    "kaart": "Kaart: aantal interventies",
    "themas": "Thema's",
    "uitvoering": "Uitvoering",
    "risico": "Risicofactoren zonder interventie",
    "lessen": "Lessen uit het onderzoek",
    "vervolg": "Volgende stappen",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def open_app(query: dict[str, str | list[str]], page: str | None = PAGE) -> AppTest:
    """Open a link: the first run (the overview) reads the URL, then go to ``page``."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def query(at: AppTest) -> dict[str, str]:
    return dict(at.query_params)


@pytest.mark.parametrize(("number", "code"), list(enumerate(SLIDES, start=1)))
def test_every_slide(number: int, code: str) -> None:
    at = open_app({"dia": str(number), "botoc": "ja"})
    assert at.title[0].value == TITLES_NL[code]
    text = markdown(at)
    # every slide carries the deck's title and the active filter
    assert (
        f"**Dia {number} van {len(SLIDES)}** · Preventie met gezag · Selectie: BOTOC-gemeente: Ja"
        in text
    )
    assert "Data: versie 1.0.0 van 2026-11-28" in text
    assert "Bron: dashboard Preventie met gezag" in text
    if code in ("themas", "uitvoering", "risico"):
        assert len(at.get("vega_lite_chart")) == 1
    if code == "kaart":
        assert len(at.get("image")) == 1  # the static map as an image
    if code == "kop":
        assert [m.value for m in at.metric] == ["8", "62", "85,5 %", "5 van 7"]
    if code != "lessen":
        assert "Voorbeelddata" in text
    assert at.button(key="pres_vorige").disabled == (number == 1)
    assert at.button(key="pres_volgende").disabled == (number == len(SLIDES))
    assert at.selectbox(key="pres_dia_keuze").value == number
    assert query(at) == {"botoc": "ja", "dia": str(number)}


def test_a_prepared_storyline_replays_and_navigates() -> None:
    done = sum(r["status"] in DONE for r in _rows("interventies") if r["gemeentecode"] == "GM0995")
    n = sum(r["gemeentecode"] == "GM0995" for r in _rows("interventies"))
    at = open_app(
        {"gemeente": "GM0995", "verhaal": "uitvoering,kop", "titel": "Raad van mei", "dia": "1"}
    )
    assert at.title[0].value == "Uitvoering"
    assert f"Lelystad: {done} van {n} interventies uitgevoerd" in markdown(at)
    assert "Dia 1 van 2" in markdown(at)
    expected = {
        "gemeente": "GM0995",
        "verhaal": "uitvoering,kop",
        "titel": "Raad van mei",
        "dia": "1",
    }
    assert query(at) == expected
    link = at.code[-1].value
    assert link == "/presentatie?gemeente=GM0995&verhaal=uitvoering,kop&titel=Raad+van+mei&dia=1"

    at.button(key="pres_volgende").click().run()
    assert at.title[0].value == "Raad van mei"
    assert query(at) == {**expected, "dia": "2"}
    assert at.button(key="pres_volgende").disabled

    at.button(key="pres_vorige").click().run()
    assert at.title[0].value == "Uitvoering"
    at.selectbox(key="pres_dia_keuze").set_value(2).run()
    assert at.title[0].value == "Raad van mei"


def slide_list(at: AppTest) -> list[str]:
    """The numbered storyline in the editor, as the page shows it."""
    return [
        m.value
        for m in at.markdown
        if m.value[:1].isdigit() and ". " in m.value and "**" not in m.value
    ]


def test_the_storyline_and_title_are_edited_on_the_page() -> None:
    at = open_app({"dia": "3"})
    assert at.title[0].value == "Thema's"
    assert slide_list(at)[:3] == ["1. Kerncijfers", "2. Kaart", "3. Thema's"]
    # move Thema's up twice: two clicks, and the slide on screen stays on screen
    at.button(key="pres_up_themas").click().run()
    at.button(key="pres_up_themas").click().run()
    assert at.title[0].value == "Thema's"
    assert query(at) == {"verhaal": "themas,kop,kaart,uitvoering,risico,lessen,vervolg", "dia": "1"}
    assert at.button(key="pres_up_themas").disabled
    at.button(key="pres_down_kop").click().run()
    assert slide_list(at)[:3] == ["1. Thema's", "2. Kaart", "3. Kerncijfers"]
    # remove two slides, add one back at the end
    at.button(key="pres_weg_lessen").click().run()
    at.button(key="pres_weg_kaart").click().run()
    assert query(at)["verhaal"] == "themas,kop,uitvoering,risico,vervolg"
    assert at.selectbox(key="pres_dia_toevoegen").options == ["Kaart", "Lessen uit het onderzoek"]
    at.selectbox(key="pres_dia_toevoegen").set_value("kaart")
    at.button(key="pres_toevoegen").click().run()
    assert query(at)["verhaal"] == "themas,kop,uitvoering,risico,vervolg,kaart"
    at.text_input(key="pres_titel_keuze").set_value("Stand <b>mei</b>").run()
    assert query(at)["titel"] == "Stand bmeib"
    at.selectbox(key="pres_dia_keuze").set_value(5).run()
    assert at.title[0].value == "Volgende stappen"

    # clearing leaves an empty storyline with a hint, not every slide
    at.button(key="pres_wissen").click().run()
    assert not at.exception
    assert query(at) == {"verhaal": "-", "titel": "Stand bmeib", "dia": "1"}
    assert slide_list(at) == []
    assert any("nog geen dia's" in i.value for i in at.info)
    assert at.title[0].value == "Stand bmeib"
    assert at.button(key="pres_wissen").disabled
    at.button(key="pres_standaard").click().run()
    assert slide_list(at)[0] == "1. Kerncijfers"
    assert "verhaal" not in query(at)


def test_an_empty_storyline_link_opens_with_the_hint() -> None:
    at = open_app({"verhaal": "-", "dia": "1"})
    assert not at.exception
    assert any("nog geen dia's" in i.value for i in at.info)
    assert "Selectie: alle gemeenten en interventies (geen filters)" in markdown(at)
    assert not [b for b in at.button if b.key == "pres_volgende"]
    at.selectbox(key="pres_dia_toevoegen").set_value("uitvoering")
    at.button(key="pres_toevoegen").click().run()
    assert at.title[0].value == "Uitvoering"
    assert query(at) == {"verhaal": "uitvoering", "dia": "1"}


def test_a_status_filter_is_named_on_the_execution_slide() -> None:
    """Status = afgerond: the rate counts every status of the BOTOC interventions (53 of 62),
    and the slide says the status filter does not apply to it."""
    at = open_app({"botoc": "ja", "status": "afgerond", "verhaal": "kop,uitvoering", "dia": "1"})
    assert [m.value for m in at.metric][2] == "85,5 %"
    text = markdown(at)
    assert "53 van 62 interventies uitgevoerd" in text
    assert "het statusfilter geldt niet voor de uitvoeringsgraad" in text
    assert "Selectie: BOTOC-gemeente: Ja · Status: Afgerond" in text


def test_the_storyline_survives_a_visit_to_another_page() -> None:
    at = open_app({"verhaal": "kaart,kop", "dia": "2", "maat": "dekking"})
    at.switch_page("pages/themas.py").run()
    assert query(at) == {"maat": "dekking"}
    at.switch_page(PAGE).run()
    assert query(at) == {"maat": "dekking", "verhaal": "kaart,kop", "dia": "2"}
    assert at.title[0].value == "Preventie met gezag"


def test_in_english() -> None:
    at = open_app({"lang": "en", "dia": "4", "botoc": "ja"})
    assert at.title[0].value == "Execution"
    assert "Slide 4 of 7" in markdown(at)
    assert "equal to the reference of 85.5%" in markdown(at)


HOSTILE: list[dict[str, str | list[str]]] = [
    {"dia": "abc"},
    {"dia": "-3", "verhaal": "kop,kop,kaart"},
    {"dia": "99999999999999999999999"},
    {"dia": ["1", "2", "x"]},
    {"verhaal": "<script>alert(1)</script>"},
    {"verhaal": ",,,", "dia": "2"},
    {"maat": "'; drop table gemeenten; --"},
    {"titel": "\x00\x1b[31m<img src=x onerror=alert(1)>"},
    {"titel": "[klik](javascript:alert(1))", "gemeente": "GM9999"},
    {"gemeente": ["GM0995", "../etc"], "lang": "xx", "verhaal": "lessen", "dia": "2"},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_links_fall_back_with_a_notice(params: dict[str, str | list[str]]) -> None:
    at = open_app(params, page=None)
    notice = " ".join(i.value for i in at.info)
    assert "niet herkend" in notice
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title
    for value in query(at).values():
        assert "<" not in value
        assert "\x00" not in value


def test_the_notice_shows_on_the_presentation_itself() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"dia": "zeven"})
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("dia" in i.value for i in at.info)
    assert at.title[0].value == "Preventie met gezag"


def test_downloads_on_the_presentation() -> None:
    at = open_app({"dia": "4"})
    labels = [b.label for b in at.download_button]
    assert labels == [
        "PowerPoint (PPTX)",
        "PDF",
        "Afbeelding (PNG)",
        "Afbeelding (SVG)",
        "Tabel (CSV)",
        "Tabel (Excel)",
    ]


# --- the other pages ----------------------------------------------------------------------------

PAGES = {
    "pages/overzicht.py": "",
    "pages/kaart.py": "kaart",
    "pages/themas.py": "themas",
    "pages/uitvoering.py": "uitvoering",
    "pages/risicofactoren.py": "risicofactoren",
    "pages/toegankelijkheid.py": "toegankelijkheid",
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_shares_a_link_to_its_view(page: str) -> None:
    at = open_app({"gemeente": "GM0995", "lang": "en", "maat": "dekking"}, page=page)
    links = [c.value for c in at.code]
    assert f"/{PAGES[page]}?lang=en&gemeente=GM0995&maat=dekking" in links
    sidebar_links = [
        e.proto.label
        for e in at.get("page_link")
        if e.proto.label == "Presentation of this selection"
    ]
    assert sidebar_links == ["Presentation of this selection"]


def test_the_map_measure_in_a_link_opens_the_map_on_it() -> None:
    at = open_app({"maat": "uitvoeringsgraad", "botoc": "ja"}, page="pages/kaart.py")
    assert at.selectbox(key="kaart_maat").value == "uitvoeringsgraad"
    at.selectbox(key="kaart_maat").set_value("inwoners").run()
    assert query(at) == {"botoc": "ja", "maat": "inwoners"}
    labels = [b.label for b in at.download_button]
    assert labels == ["Kaart als afbeelding (PNG)", "Tabel (CSV)", "Tabel (Excel)"]


def test_every_chart_and_table_has_downloads() -> None:
    at = open_app({}, page="pages/uitvoering.py")
    labels = [b.label for b in at.download_button]
    assert labels == ["Afbeelding (PNG)", "Afbeelding (SVG)", "Tabel (CSV)", "Tabel (Excel)"] * 3
    at = open_app({}, page="pages/risicofactoren.py")
    assert [b.label for b in at.download_button][-2:] == ["Tabel (CSV)", "Tabel (Excel)"]
