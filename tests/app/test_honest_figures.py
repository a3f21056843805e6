"""AppTest: figures that stay true under every filter, for the cases a policymaker tried
(BOTOC 62/53, Status = Afgerond, a 2023 wave), with the expected figures counted here from
the CSV files."""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT

APP = str(ROOT / "app.py")
DONE = {"in_uitvoering", "afgerond"}


def _rows(name: str) -> list[dict[str, str]]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


GEMEENTEN = _rows("gemeenten")
INTERVENTIES = _rows("interventies")


def run_page(page: str, query: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    if page != "pages/overzicht.py":
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def text(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [i.value for i in at.info]
        + [w.value for w in at.warning]
    )


def pct(done: int, total: int) -> str:
    return f"{100 * done / total:.1f}".replace(".", ",") + " %"


def test_botoc_is_the_practice_scan_62_and_53() -> None:
    at = run_page("pages/overzicht.py", {"botoc": "ja"})
    shown = metrics(at)
    assert shown["Gemeenten"] == "8"
    assert shown["Interventies"] == "62"
    assert shown["Uitvoeringsgraad"] == "85,5 %"  # 53 of 62
    assert "waarvan 8 met interventies" in text(at)
    assert "Selectie: BOTOC-gemeente: Ja" in text(at)


@pytest.mark.parametrize("botoc", ["alle", "ja"])
def test_status_afgerond_keeps_the_execution_rate_of_every_status(botoc: str) -> None:
    places = {g["gemeentecode"] for g in GEMEENTEN if botoc == "alle" or g["botoc"] == "true"}
    rows = [r for r in INTERVENTIES if r["gemeentecode"] in places]
    finished = [r for r in rows if r["status"] == "afgerond"]
    done = sum(r["status"] in DONE for r in rows)
    query: dict[str, str | list[str]] = {"status": "afgerond"}
    if botoc == "ja":
        query["botoc"] = "ja"
        assert (len(rows), done) == (62, 53)

    at = run_page("pages/overzicht.py", query)
    shown = metrics(at)
    assert shown["Interventies"] == str(len(finished))
    # not 100 %: the rate counts every status, and says so
    assert shown["Uitvoeringsgraad"] == pct(done, len(rows))
    assert f"Over alle statussen ({len(rows)} interventies)" in text(at)
    assert "Status: Afgerond" in text(at)

    at = run_page("pages/uitvoering.py", query)
    page = text(at)
    assert "het statusfilter geldt niet voor de uitvoeringsgraad" in page
    # the finding counts every municipality with interventions of any status (not only the
    # ones with a finished intervention)
    n_places = len({r["gemeentecode"] for r in rows})
    assert f"van de {n_places} gemeenten" in page.split("Kort gezegd")[1][:300]
    # under the rate chart: only the municipalities without an intervention of any status;
    # under the status chart: also those without a finished one
    names = {
        g["gemeentecode"]: g["weergavenaam"] or g["gemeente"]
        for g in GEMEENTEN
        if g["gemeentecode"] in places
    }
    no_rate = sorted(names[c] for c in places - {r["gemeentecode"] for r in rows})
    no_finished = sorted(names[c] for c in places - {r["gemeentecode"] for r in finished})
    captions = [c.value for c in at.caption if c.value.startswith("Zonder interventies")]
    expected = [n for n in (no_rate, no_finished) if n]
    assert len(captions) == len(expected)
    for caption, left_out in zip(captions, expected, strict=True):
        assert all(name in caption for name in left_out), caption
        assert all(name not in caption for name in set(names.values()) - set(left_out)), caption
        assert len(left_out) == 1 or f"({len(left_out)})" in caption


def test_a_2023_wave_names_its_municipalities_instead_of_an_empty_page() -> None:
    wave = [g for g in GEMEENTEN if g["golf"] == "selectie_2023"]
    with_rows = {r["gemeentecode"] for r in INTERVENTIES}
    assert wave
    assert not [g for g in wave if g["gemeentecode"] in with_rows]  # none has interventions
    names = sorted(g["weergavenaam"] or g["gemeente"] for g in wave)

    at = run_page("pages/uitvoering.py", {"golf": "selectie_2023"})
    page = text(at)
    assert f"De selectie bevat {len(wave)} gemeenten:" in page
    for name in names:
        assert name in page
    assert "Geen ervan heeft interventies" in page

    at = run_page("pages/kaart.py", {"golf": "selectie_2023"})
    page = text(at)
    assert (
        f"Geen van de {len(wave)} geselecteerde gemeenten heeft interventies die bij de "
        "filters passen"
    ) in page
    assert "hoogste waarde (0)" not in page

    at = run_page("pages/overzicht.py", {"golf": "selectie_2023"})
    shown = metrics(at)
    assert shown["Gemeenten"] == str(len(wave))
    assert shown["Interventies"] == "0"
    assert shown["Uitvoeringsgraad"] == "onbekend"  # not 0 %
    assert shown["Sterke risicofactoren gedekt"] == "onbekend"  # not "0 van 7"
    assert "waarvan 0 met interventies" in text(at)
    assert f"De selectie bevat {len(wave)} gemeenten:" in text(at)


def test_municipalities_without_interventions_are_named_beside_the_charts() -> None:
    """Thema: Financiën leaves some municipalities without interventions: the charts with a
    row per municipality name them instead of dropping them silently."""
    with_theme = {r["gemeentecode"] for r in INTERVENTIES if r["thema"] == "financien"}
    without = sorted(
        g["weergavenaam"] or g["gemeente"] for g in GEMEENTEN if g["gemeentecode"] not in with_theme
    )
    assert without
    at = run_page("pages/themas.py", {"thema": "financien"})
    page = text(at)
    assert f"Zonder interventies in deze selectie ({len(without)}):" in page
    assert f"waarvan {len(with_theme)} met interventies" not in page  # that is Overzicht's
    at = run_page("pages/overzicht.py", {"thema": "financien"})
    assert f"waarvan {len(with_theme)} met interventies" in text(at)


def test_the_clear_button_on_the_page_clears_every_filter() -> None:
    at = run_page("pages/themas.py", {"botoc": "ja", "status": "afgerond"})
    assert "Selectie: BOTOC-gemeente: Ja · Status: Afgerond" in text(at)
    at.button(key="filter_wissen_pagina").click().run()
    assert "Selectie: alle gemeenten en interventies (geen filters)" in text(at)
    assert dict(at.query_params) == {}
