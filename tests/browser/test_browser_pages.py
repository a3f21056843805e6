"""Every page in both languages, in one visit per state of the filters:

- no Streamlit exception, ``<html lang>`` is the language of the page, every chart and the
  map drawn (an svg or canvas with a size);
- the key figures, computed from the CSV files, for all data, one municipality (Lelystad)
  and the BOTOC municipalities (the published 8, 62 and 85,5 %);
- with all data: axe-core finds no serious or critical violation (tables opened too);
- in Dutch: a screenshot of the first screen at 1366x768 for the README, and no horizontal
  overflow; in English: no Dutch word of the interface is left on the screen.

One visit serves several checks because every page load costs seconds on a small machine.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_app import (
    CHART_PAGES,
    LANGS,
    PAGES,
    App,
    Expected,
    axe_findings,
    blocking,
    display_name,
    dutch_on_screen,
    expected,
    factor_name,
    fmt_int,
    horizontal_overflow,
    open_all_expanders,
    screenshot,
    theme_name,
)

from lib.contract.codes import Lang
from lib.text.i18n import CATALOGUE, PLURALS, plural_form, t

pytestmark = pytest.mark.browser

STATES: dict[str, dict[str, str]] = {
    "alle": {},
    "lelystad": {"gemeente": "GM0995"},
    "botoc": {"botoc": "ja"},
}


def lead(key: str, lang: Lang, stop: str, **params: object) -> str:
    """The text of ``key`` up to the placeholder ``stop`` (values after it are not checked);
    for a plural, ``n`` is the count."""
    template = CATALOGUE[lang].get(key)
    if template is None:
        n = params["n"]
        assert isinstance(n, int)
        template = PLURALS[lang][key][plural_form(n, lang)]
        params = {**params, "n": fmt_int(n, lang)}
    return template[: template.index("{" + stop + "}")].format(**params)


def open_page(app: App, path: str, lang: str, query: dict[str, str]) -> App:
    app.open(path, {**query, "lang": lang} if lang == "en" else query)
    assert app.page.get_by_test_id("stException").count() == 0, app.main.inner_text()[:2000]
    assert app.lang() == lang  # <html lang>: "nl" by default, "en" with ?lang=en
    return app


def check_drawn(app: App, path: str) -> None:
    charts = app.drawn_sizes("stVegaLiteChart", "svg.marks, canvas")
    maps = app.drawn_sizes("stDeckGlJsonChart", "canvas")
    if path == "kaart":
        assert len(maps) == 1
    elif path == "context":
        assert (len(maps), len(charts)) == (1, 2)
    elif path in CHART_PAGES:
        assert charts, "a data page without charts"
    assert all(box["width"] > 50 and box["height"] > 50 for box in charts + maps), charts + maps


def check_figures(app: App, path: str, lang: str, exp: Expected) -> None:
    text = app.main.inner_text()
    if path == "":
        values = app.metrics()
        assert values[t("kpi.gemeenten", lang)] == fmt_int(exp.n_places, lang)
        assert values[t("kpi.interventies", lang)] == fmt_int(exp.n, lang)
        assert values[t("kpi.execution_rate.label", lang)] == exp.rate(lang)
    elif path == "kaart":
        per_place = exp.per_place()
        if exp.n_places == 1:
            place = exp.places[0]
            n = per_place.get(place["gemeentecode"], (0, 0))[0]
            sentence = t(
                "finding.map", lang, n=1, hoogst=display_name(place), waarde=fmt_int(n, lang)
            )
            assert sentence in text
        else:
            assert lead("finding.map", lang, "hoogst", n=exp.n_places) in text
            top = max(n for n, _ in per_place.values())
            assert f"({fmt_int(top, lang)})" in text
    elif path == "themas":
        code, n = exp.top_theme()
        tied = sum(1 for r in {r["thema"] for r in exp.interventions}
                   if sum(i["thema"] == r for i in exp.interventions) == n)  # fmt: skip
        if tied > 1:  # a shared first place is named as such
            sentence = lead("finding.top_thema_shared", lang, "pct", k=fmt_int(tied, lang),
                            n=fmt_int(n, lang), totaal=fmt_int(exp.n, lang))  # fmt: skip
        else:
            sentence = lead(
                "finding.top_thema",
                lang,
                "pct",
                thema=theme_name(code, lang).lower(),
                n=fmt_int(n, lang),
                totaal=fmt_int(exp.n, lang),
            )
        assert sentence in text
    elif path == "uitvoering":
        places = exp.per_place()
        if len(places) == 1:
            [(code, (n, done))] = places.items()
            place = next(p for p in exp.places if p["gemeentecode"] == code)
            sentence = lead(
                "finding.execution.single",
                lang,
                "pct",
                gemeente=display_name(place),
                n=done,
                totaal=fmt_int(n, lang),
            )
        else:
            sentence = lead(
                "finding.execution.reference",
                lang,
                "ref",
                n=exp.above_reference(),
                totaal=fmt_int(len(places), lang),
            )
        assert sentence in text
    elif path == "risicofactoren":
        gaps = exp.strong_gaps()
        assert gaps, "the bundled data has strong risk factors without an intervention"
        for code in gaps:
            assert factor_name(code, lang) in text
    elif path == "toegankelijkheid":
        assert t("a11y.title", lang) in text


# The published figures of the practice scan (BOTOC municipalities, policy letter 2022).
PUBLISHED = {"nl": ("8", "62", "85,5 %"), "en": ("8", "62", "85.5%")}


def states(path: str, lang: str) -> list[str]:
    """Three states on the overview; on the other chart pages one municipality too (in Dutch:
    the English sentences are the same code with other words); all data elsewhere. All data
    comes last, because the checks after the figures open the tables."""
    if path == "":
        return ["botoc", "lelystad", "alle"]
    return ["lelystad", "alle"] if path in CHART_PAGES and lang == "nl" else ["alle"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", list(PAGES), ids=list(PAGES.values()))
def test_page(app: App, axe_results: dict[str, Any], path: str, lang: str) -> None:
    for state in states(path, lang):
        query = STATES[state]
        open_page(app, path, lang, query)
        check_drawn(app, path)
        check_figures(app, path, lang, expected(query))
        if path == "" and state == "botoc":
            labels = (
                t("kpi.gemeenten", lang),
                t("kpi.interventies", lang),
                t("kpi.execution_rate.label", lang),
            )
            assert tuple(app.metrics()[label] for label in labels) == PUBLISHED[lang]
    if lang == "nl":
        screenshot(app, PAGES[path])
        assert horizontal_overflow(app) == []
    open_all_expanders(app)
    findings = axe_findings(app)
    axe_results[f"{PAGES[path]} ({lang})"] = findings
    assert blocking(findings) == [], "axe: serious or critical violations"
    if lang == "en":
        assert dutch_on_screen(app) == [], "Dutch left in the English interface"
