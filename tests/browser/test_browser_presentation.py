"""The Presentatie page with the keys a presentation clicker sends: each press moves exactly
one slide, the URL and the slide number follow, and typing in a field moves nothing."""

from __future__ import annotations

import pytest
from browser_app import App

from lib.slides.storyline import SLIDES
from lib.text.i18n import t

pytestmark = pytest.mark.browser

TOTAL = len(SLIDES)


def slide_number(app: App) -> int:
    """The slide on screen, read from the URL and checked against the footer."""
    number = int(app.query()["dia"][0])
    footer = t("presentation.slide_number", "nl", nummer=number, totaal=TOTAL)
    assert footer in app.text()
    return number


def press(app: App, key: str) -> None:
    app.act(lambda: app.page.keyboard.press(key))


def test_clicker_keys_move_one_slide_each(app: App) -> None:
    app.open("presentatie", {"botoc": "ja"})
    assert slide_number(app) == 1
    expected = 1
    for key, step in (
        ("ArrowRight", 1),
        ("PageDown", 1),
        ("Space", 1),
        ("ArrowDown", 1),
        ("ArrowLeft", -1),
        ("PageUp", -1),
        ("ArrowUp", -1),
    ):
        press(app, key)
        expected += step
        assert slide_number(app) == expected, key


def test_keys_after_a_click_and_at_the_ends(app: App) -> None:
    app.open("presentatie")
    # a click on Volgende leaves the focus on it; Space then still moves only one slide
    next_button = app.main.get_by_role("button", name=t("presentation.next", "nl"))
    app.act(lambda: next_button.click())
    assert slide_number(app) == 2
    press(app, "Space")
    assert slide_number(app) == 3
    app.open("presentatie", {"dia": str(TOTAL)})
    app.page.keyboard.press("PageDown")  # the last slide: nothing to move to
    app.wait_still()
    assert slide_number(app) == TOTAL
    press(app, "PageUp")
    assert slide_number(app) == TOTAL - 1


def test_typing_in_the_title_field_moves_no_slide(app: App) -> None:
    app.open("presentatie", {"dia": "2"})
    app.main.get_by_text(t("presentation.settings", "nl")).click()
    field = app.main.get_by_label(t("presentation.title.label", "nl"))
    field.click()
    field.type("Raad van mei")
    app.act(lambda: app.page.keyboard.press("Enter"))
    assert app.query()["titel"] == ["Raad van mei"]
    assert slide_number(app) == 2
