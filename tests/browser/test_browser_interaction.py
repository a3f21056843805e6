"""Interactions in the real browser: filters, map click, shareable URL, language switch."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from browser_app import (
    PHONE,
    App,
    Expected,
    display_name,
    dutch_on_screen,
    expected,
    fmt_int,
    mercator,
    rows,
)
from playwright.sync_api import FloatRect, Locator, expect
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import maps

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


def deck_spec(query: dict[str, str]) -> dict[str, Any]:
    """The deck JSON that the map page sends for ``query`` (read with AppTest)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page("pages/kaart.py").run()
    spec: dict[str, Any] = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return spec


def canvas_points(spec: dict[str, Any], box: FloatRect) -> dict[str, tuple[float, float]]:
    """Pixel of each circle on the canvas, by Web Mercator from the deck's initial view."""
    view = spec["initialViewState"]
    zoom = float(view["zoom"])
    centre = mercator(float(view["longitude"]), float(view["latitude"]), zoom)
    circles = next(layer for layer in spec["layers"] if layer.get("id") == maps.LAYER_ID)
    points = {}
    for row in circles["data"]:
        x, y = mercator(float(row["lon"]), float(row["lat"]), zoom)
        points[row["gemeentecode"]] = (
            box["width"] / 2 + x - centre[0],
            box["height"] / 2 + y - centre[1],
        )
    return points


def deck_canvas(app: App) -> tuple[Locator, FloatRect]:
    canvas = app.page.locator('[data-testid="stDeckGlJsonChart"] canvas#deckgl-overlay')
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 100
    return canvas, box


def test_clicking_a_circle_selects_the_municipality(app: App) -> None:
    query = {"golf": "golf1_2022"}
    app.open("kaart", query)
    canvas, box = deck_canvas(app)
    points = canvas_points(deck_spec(query), box)
    wave = {g["gemeentecode"] for g in expected(query).places}
    margin = maps.RADIUS_MAX + 10  # away from the edges and the zoom buttons (top right)
    inside = [
        code
        for code, (x, y) in points.items()
        if code in wave
        and margin < x < box["width"] - 3 * margin
        and margin < y < box["height"] - margin
    ]
    assert inside, points

    def room(code: str) -> float:
        return min(math.dist(points[code], points[o]) for o in points if o != code)

    code = max(inside, key=room)  # the circle farthest from the others: no overlap
    x, y = points[code]
    app.act(lambda: canvas.click(position={"x": x, "y": y}))
    assert app.query()["gemeente"] == [code]
    assert app.query()["golf"] == ["golf1_2022"]
    place = next(g for g in rows("gemeenten") if g["gemeentecode"] == code)
    assert app.tags("filter_gemeente") == [display_name(place)]
    # the selection holds on the other pages
    app.act(lambda: app.page.get_by_test_id("stSidebarNav").get_by_role("link").first.click())
    check_headline(app, expected({"gemeente": code, **query}))


def off_the_map(app: App) -> list[str]:
    """Municipalities whose circle is not (fully) on the map as it is first drawn."""
    _, box = deck_canvas(app)
    points = canvas_points(deck_spec({}), box)
    margin = maps.RADIUS_MAX
    names = {g["gemeentecode"]: display_name(g) for g in rows("gemeenten")}
    return sorted(
        names[code]
        for code, (x, y) in points.items()
        if not (margin <= x <= box["width"] - margin and margin <= y <= box["height"] - margin)
    )


def test_the_initial_map_view_shows_every_municipality(app: App) -> None:
    app.open("kaart")
    assert off_the_map(app) == []


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="lib/maps.py fits the view to a map of at least MAP_MIN_WIDTH (600) pixels; on a "
    "phone the map is about 358 pixels wide, so municipalities in the east and west fall off",
)
def test_the_initial_map_view_shows_every_municipality_on_a_phone(
    new_app: Callable[..., App],
) -> None:
    app = new_app(*PHONE)
    app.open("kaart")
    assert off_the_map(app) == []


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
