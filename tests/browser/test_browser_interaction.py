"""Interactions in the real browser: filters, shareable URL, language switch (the map: see
test_browser_map.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser_app import (
    App,
    Expected,
    dutch_on_screen,
    expected,
    fmt_int,
    rows,
)
from playwright.sync_api import expect

from lib.text.i18n import t
from lib.text.labels import code_label

pytestmark = pytest.mark.browser


def check_headline(app: App, exp: Expected, lang: str = "nl") -> None:
    gedekt, totaal = exp.coverage()
    assert app.metrics() == {
        t("kpi.gemeenten", lang): fmt_int(exp.n_places, lang),
        t("kpi.interventies", lang): fmt_int(exp.n, lang),
        t("kpi.execution_rate.label", lang): exp.rate(lang),
        t("kpi.coverage.label", lang): t("kpi.coverage.value", lang, gedekt=gedekt, totaal=totaal),
    }


def theme_label(code: str) -> str:
    return next(r["naam_nl"] for r in rows("themas") if r["thema"] == code)


# filter key -> (URL parameter, code, label in Dutch)
MULTISELECTS: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "filter_gemeente": ("gemeente", "GM0995", lambda _: "Lelystad"),
    "filter_golf": ("golf", "golf1_2022", lambda c: code_label("golf", c, "nl")),
    "filter_thema": ("thema", "gezag", theme_label),
    "filter_status": ("status", "afgerond", lambda c: code_label("status", c, "nl")),
    "filter_doelgroep": ("doelgroep", "jongeren", lambda c: code_label("doelgroep", c, "nl")),
    "filter_domein": ("domein", "gezin", lambda c: code_label("domein", c, "nl")),
}


def clear_with_keyboard(app: App) -> None:
    button = app.widget("filter_wissen").get_by_role("button")
    expect(button).to_be_enabled()
    button.focus()
    app.act(lambda: app.page.keyboard.press("Enter"))
    expect(button).to_be_disabled()


def test_every_sidebar_filter_changes_the_figures(app: App) -> None:
    app.open()
    everything = expected()
    check_headline(app, everything)
    for key, (param, code, label) in MULTISELECTS.items():
        app.choose(key, label(code))  # typed and confirmed with Enter
        assert app.query()[param] == [code]
        narrowed = expected({param: code})
        check_headline(app, narrowed)
        assert app.metrics() != dict.fromkeys(app.metrics(), "")
        assert narrowed != everything
        clear_with_keyboard(app)
        check_headline(app, everything)
        assert app.query() == {}
    # the radio buttons, with the arrow keys
    app.widget("filter_botoc").locator("input:checked").focus()
    for option in ("ja", "nee"):
        app.act(lambda: app.page.keyboard.press("ArrowRight"))
        assert app.radio_value("filter_botoc") == t(f"filter.botoc.option.{option}", "nl")
        assert app.query()["botoc"] == [option]
        check_headline(app, expected({"botoc": option}))


def test_the_url_round_trips_a_view(app: App, new_app: Callable[..., App]) -> None:
    app.open()
    app.choose("filter_gemeente", "Lelystad")
    app.choose("filter_gemeente", "Amsterdam")
    app.choose("filter_thema", theme_label("jongerenwerk"))
    app.click_radio("filter_botoc", t("filter.botoc.option.ja", "nl"))
    app.click_radio("taal", "English")
    shared = app.page.url
    assert app.query() == {
        "lang": ["en"],
        "gemeente": ["GM0995", "GM0363"],
        "thema": ["jongerenwerk"],
        "botoc": ["ja"],
    }
    before = (
        app.metrics(),
        app.tags("filter_gemeente"),
        app.tags("filter_thema"),
        app.radio_value("filter_botoc"),
        app.radio_value("taal"),
    )

    other = new_app()  # a new browser context: no shared session or storage
    other.goto(shared)
    after = (
        other.metrics(),
        other.tags("filter_gemeente"),
        other.tags("filter_thema"),
        other.radio_value("filter_botoc"),
        other.radio_value("taal"),
    )
    assert after == before
    assert before[0][t("kpi.gemeenten", "en")] == fmt_int(
        expected({"gemeente": ["GM0995", "GM0363"], "botoc": "ja"}).n_places, "en"
    )
    assert other.lang() == "en"


def bibliography(app: App) -> str:
    """The text of the list of sources in the footer (opened when it is an expander)."""
    label = t("footer.sources", app.lang())
    expander = app.page.get_by_test_id("stExpander").filter(
        has=app.page.locator("summary", has_text=label)
    )
    if expander.count():
        expander.first.locator("summary").click()
        return expander.first.get_by_test_id("stExpanderDetails").inner_text()
    return next(x for x in app.text().splitlines() if x.strip().startswith(label))


def test_language_switch_translates_every_label(app: App) -> None:
    """The switch in the sidebar; every page opened in English is checked the same way in
    test_browser_pages.py. ``<html lang>`` follows the switch."""
    app.open("", {"gemeente": "GM0995"})
    assert "Kort gezegd" in app.text()
    assert app.lang() == "nl"
    app.click_radio("taal", "English")
    assert app.lang() == "en"
    assert app.query()["lang"] == ["en"]
    assert app.tags("filter_gemeente") == ["Lelystad"]  # the selection survives the switch
    assert dutch_on_screen(app) == []
    nav = app.page.get_by_test_id("stSidebarNav")
    app.act(lambda: nav.get_by_role("link", name=t("nav.themas", "en"), exact=True).click())
    assert app.page.locator("h1").inner_text() == t("themes.title", "en")
    assert app.lang() == "en"
    assert dutch_on_screen(app) == []
    app.click_radio("taal", "Nederlands")
    assert app.lang() == "nl"
    assert "lang" not in app.query()
    assert app.page.locator("h1").inner_text() == t("themes.title", "nl")


def test_the_source_list_describes_the_example_data_in_the_page_language(app: App) -> None:
    app.open("", {"lang": "en"})
    english = bibliography(app)
    assert "Voorbeelddata" not in english
    assert "Example data, generated by scripts/build_data.py" in english
    app.open("")
    assert "Voorbeelddata, gegenereerd door scripts/build_data.py" in bibliography(app)
