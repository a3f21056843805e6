"""Keyboard: every control can be reached with Tab, shows where the focus is, and works with
Enter, Space or the arrow keys.
"""

from __future__ import annotations

import io

import pytest
from browser_app import App
from PIL import Image, ImageChops
from playwright.sync_api import expect

from lib.text.i18n import t

pytestmark = pytest.mark.browser

MAX_TABS = 250

# Mark every control the user must be able to reach; a radio group is one tab stop.
_MARK_CONTROLS = """() => {
  const kinds = {
    'page link': '[data-testid="stSidebarNav"] a',
    'radio group': '[data-testid="stRadioGroup"]',
    'list': 'input[role="combobox"]',
    'button': '[data-testid="stButton"] button:not([disabled])',
    'expander': '[data-testid="stExpander"] summary',
  };
  const names = [];
  for (const [kind, selector] of Object.entries(kinds)) {
    document.querySelectorAll(selector).forEach((element) => {
      const text = element.innerText.trim().split('\\n').pop();
      const label = element.getAttribute('aria-label') || text;
      const name = `${kind}: ${label}`;
      element.setAttribute('data-pmg-control', name);
      names.push(name);
    });
  }
  return names;
}"""

# The focused element: its control (if marked) and the box that shows the focus ring.
_FOCUSED = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const control = active.closest('[data-pmg-control]');
  const shown = active.closest('[data-testid="stRadioOption"]')
    || active.closest('[data-rac][role="group"]')
    || active;
  const box = shown.getBoundingClientRect();
  const test = active.closest('[data-testid]');
  return {
    control: control ? control.getAttribute('data-pmg-control') : null,
    what: `${active.tagName.toLowerCase()} ${test ? test.dataset.testid : ''} `
      + (active.getAttribute('aria-label') || active.innerText || '').trim().slice(0, 40),
    box: {x: box.x, y: box.y, width: box.width, height: box.height},
    stop: active.getAttribute('data-pmg-tabstop'),
  };
}"""


def changed_pixels(before: bytes, after: bytes) -> int:
    diff = ImageChops.difference(Image.open(io.BytesIO(before)).convert("RGB"),
                                 Image.open(io.BytesIO(after)).convert("RGB"))  # fmt: skip
    strong = diff.convert("L").point(lambda value: 255 if value > 40 else 0)
    return sum(strong.histogram()[255:])


def focus_ring_pixels(app: App, box: dict[str, float]) -> tuple[int, int]:
    """Pixels that change when the focused element loses focus, and the minimum expected."""
    viewport = app.page.viewport_size
    assert viewport is not None
    pad = 6
    x, y = max(box["x"] - pad, 0), max(box["y"] - pad, 0)
    width = min(box["x"] + box["width"] + pad, viewport["width"]) - x
    height = min(box["y"] + box["height"] + pad, viewport["height"]) - y
    if width < 2 or height < 2:
        return 0, 1  # not on the screen: no visible focus
    clip = {"x": x, "y": y, "width": width, "height": height}
    focused = app.page.screenshot(clip=clip, animations="disabled")
    app.page.evaluate("document.activeElement.blur()")
    unfocused = app.page.screenshot(clip=clip, animations="disabled")
    # at least a one-pixel line along half of the outline
    return changed_pixels(focused, unfocused), int(
        min(box["width"], width) + min(box["height"], height)
    )


def tab_through(app: App) -> tuple[set[str], list[str], list[str]]:
    """Press Tab until the focus has been everywhere; returns the controls reached, every
    tab stop, and the tab stops without a visible focus indicator."""
    reached: set[str] = set()
    stops: list[str] = []
    invisible: list[str] = []
    app.page.locator("body").focus()
    for number in range(MAX_TABS):
        app.page.keyboard.press("Tab")
        focused = app.page.evaluate(_FOCUSED)
        if focused is None:
            continue
        if focused["stop"] is not None:  # back at a stop seen before: one round done
            break
        app.page.evaluate(f"document.activeElement.setAttribute('data-pmg-tabstop', '{number}')")
        stops.append(focused["what"])
        if focused["control"]:
            reached.add(focused["control"])
        changed, needed = focus_ring_pixels(app, focused["box"])
        if changed < needed:
            invisible.append(f"{focused['what']} ({changed} of {needed} pixels changed)")
    return reached, stops, invisible


@pytest.mark.parametrize(
    ("path", "query"),
    [("", {"botoc": "ja"}), ("kaart", {"golf": "golf1_2022"})],
    ids=["overzicht", "kaart"],
)
def test_tab_reaches_every_control_with_a_visible_focus(
    app: App, path: str, query: dict[str, str]
) -> None:
    app.open(path, query)
    controls = set(app.page.evaluate(_MARK_CONTROLS))
    assert any(c.startswith("page link") for c in controls)
    assert any(c.startswith("list") for c in controls)
    reached, stops, invisible = tab_through(app)
    assert controls - reached == set(), f"not reached with Tab; tab stops: {stops}"
    assert invisible == [], "focus not visible"


def test_enter_space_and_arrows_operate_the_controls(app: App) -> None:
    app.open("", {"gemeente": "GM0995"})
    page = app.page
    # radio buttons: arrow keys
    app.widget("taal").locator("input:checked").focus()
    app.act(lambda: page.keyboard.press("ArrowRight"))
    expect(page.locator("h1")).to_have_text(t("overview.title", "en"))
    app.act(lambda: page.keyboard.press("ArrowLeft"))
    expect(page.locator("h1")).to_have_text(t("overview.title", "nl"))
    # multiselect: Backspace removes the last choice
    app.combobox("filter_gemeente").focus()
    app.act(lambda: page.keyboard.press("Backspace"))
    assert app.tags("filter_gemeente") == []
    assert "gemeente" not in app.query()
    # multiselect: arrow down opens the list on "Select all"; once more and Enter pick the
    # first option
    combobox = app.combobox("filter_thema")
    combobox.focus()
    expect(combobox).to_be_focused()  # not lost to a redraw of the sidebar
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")
    app.act(lambda: page.keyboard.press("Enter"))
    page.keyboard.press("Escape")
    assert len(app.tags("filter_thema")) == 1
    # button: Space
    button = app.widget("filter_wissen").get_by_role("button")
    button.focus()
    app.act(lambda: page.keyboard.press("Space"))
    assert app.tags("filter_thema") == []
    # expander: Enter opens, Space closes
    summary = page.locator('[data-testid="stExpander"] summary').first
    details = page.locator('[data-testid="stExpander"] details').first
    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", "")
    # page link: Enter
    nav = page.get_by_test_id("stSidebarNav")
    link = nav.get_by_role("link", name=t("nav.kaart", "nl"), exact=True)
    link.focus()
    app.act(lambda: page.keyboard.press("Enter"))
    expect(page.locator("h1")).to_have_text(t("map.title", "nl"))
    # selectbox: arrow down twice and Enter choose the next measure
    before = app.selectbox_value("kaart_maat")
    finding_text = page.locator('[data-testid="stMain"] p', has_text=t("chart.finding_label", "nl"))
    finding = finding_text.first.inner_text()
    app.combobox("kaart_maat").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")
    app.act(lambda: page.keyboard.press("Enter"))
    assert app.selectbox_value("kaart_maat") != before
    assert finding_text.first.inner_text() != finding
