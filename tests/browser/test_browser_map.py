"""The Kaart page's map in a real browser: click and hover any programme municipality (also a
small one beside a selected one), the wheel scrolls the page until zoom is turned on, the whole
country in view on a phone, names that never overlap as the browser measures them, the map
above the fold, and "Zoek uw gemeente".

Where a municipality is on the canvas is computed from the deck JSON the page receives (read
with AppTest) and the map points of ``gemeenten.csv`` (each inside its own outline); nothing
here asks the app's map code."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from browser_app import DESKTOP, PHONE, App, display_name, mercator, rows
from playwright.sync_api import FloatRect, Locator, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.text.i18n import t

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"]'


def deck_spec(query: dict[str, str | list[str]]) -> dict[str, Any]:
    """The deck JSON that the map page sends for ``query``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page("pages/kaart.py").run()
    spec: dict[str, Any] = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return spec


def layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    (found,) = [item for item in spec["layers"] if item["id"] == layer_id]
    return found


def canvas(app: App) -> tuple[Locator, FloatRect]:
    found = app.page.locator(f"{DECK} canvas#deckgl-overlay")
    found.scroll_into_view_if_needed()
    box = found.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 100
    return found, box


def to_canvas(
    spec: dict[str, Any], box: FloatRect
) -> Callable[[float, float], tuple[float, float]]:
    """(lon, lat) -> pixel on the canvas, by Web Mercator from the deck's initial view."""
    view = spec["initialViewState"]
    zoom = float(view["zoom"])
    centre = mercator(float(view["longitude"]), float(view["latitude"]), zoom)

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat, zoom)
        return box["width"] / 2 + x - centre[0], box["height"] / 2 + y - centre[1]

    return pixel


def place(code: str) -> dict[str, str]:
    return next(g for g in rows("gemeenten") if g["gemeentecode"] == code)


def point(code: str) -> tuple[float, float]:
    row = place(code)
    return float(row["lon"]), float(row["lat"])


def tooltip(app: App) -> str:
    tip = app.page.locator(".deck-tooltip")
    expect(tip).to_be_visible()
    return tip.inner_text()


def hover(app: App, spot: Locator, xy: tuple[float, float]) -> str:
    spot.hover(position={"x": xy[0], "y": xy[1]})
    return tooltip(app)


def click(app: App, spot: Locator, xy: tuple[float, float], tries: int = 3) -> None:
    """Click the map at ``xy`` and wait until the click reached the server. Headless Chromium
    draws with a software renderer: on a busy machine deck.gl can take a click for a press
    held too long and drop it, so the click is repeated (at most ``tries`` times)."""
    for attempt in range(tries):
        before = app.sent()
        spot.click(position={"x": xy[0], "y": xy[1]})
        try:
            app.page.wait_for_function(f"window.__pmg.sent > {before}", timeout=10_000)
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            continue
        app.settle()
        return


# --- pointing and clicking ----------------------------------------------------------------------


def test_a_small_municipality_beside_a_selected_one_can_be_hovered_and_clicked(app: App) -> None:
    query: dict[str, str | list[str]] = {"gemeente": "GM0599"}  # Rotterdam
    app.open("kaart", query)
    spot, box = canvas(app)
    pixel = to_canvas(deck_spec(query), box)
    delft = pixel(*point("GM0503"))
    assert 0 < delft[0] < box["width"]
    assert 0 < delft[1] < box["height"]
    text = hover(app, spot, delft)
    assert text.startswith("Delft\n")
    assert t("map.tooltip.participation", "nl", golf="").strip() in text
    click(app, spot, delft)
    assert app.query()["gemeente"] == ["GM0503"]
    assert app.tags("filter_gemeente") == [display_name(place("GM0503"))]
    assert "Delft neemt deel" in app.main.inner_text()


def test_a_municipality_outside_the_programme_has_its_name_in_the_tooltip(app: App) -> None:
    app.open("kaart")
    spot, box = canvas(app)
    pixel = to_canvas(deck_spec({}), box)
    # Amersfoort is not in the programme: its point inside its outline, from the CBS file
    with (ROOT / "data" / "geo" / "gemeente_2023_gegeneraliseerd_wgs84.geojson").open() as handle:
        features = {f["properties"]["statcode"]: f for f in json.load(handle)["features"]}
    ring = features["GM0307"]["geometry"]["coordinates"][0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    text = hover(app, spot, pixel(lon, lat))
    assert text.splitlines()[:2] == ["Amersfoort", t("map.tooltip.outside", "nl")]


# --- no scroll trap -----------------------------------------------------------------------------

_SCROLL_TOP = """(el) => {
  let node = el;
  while (node && node !== document.body) {
    const style = getComputedStyle(node);
    if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) {
      return node.scrollTop;
    }
    node = node.parentElement;
  }
  return document.scrollingElement.scrollTop;
}"""


def test_the_wheel_over_the_map_scrolls_the_page_until_zoom_is_on(app: App) -> None:
    app.open("kaart")
    spot, box = canvas(app)
    app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = spot.evaluate(_SCROLL_TOP)
    app.page.mouse.wheel(0, 400)
    app.page.wait_for_timeout(500)
    assert spot.evaluate(_SCROLL_TOP) > before + 100  # the page scrolled
    # with zoom turned on, the wheel zooms the map instead
    toggle = app.widget("kaart_zoom").locator("label").first
    app.act(toggle.click)
    expect(app.widget("kaart_zoom").locator('input[type="checkbox"]')).to_be_checked()
    spot, box = canvas(app)
    app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    still = spot.evaluate(_SCROLL_TOP)
    app.page.mouse.wheel(0, -400)
    app.page.wait_for_timeout(500)
    assert spot.evaluate(_SCROLL_TOP) == still


# --- what is in view ----------------------------------------------------------------------------


def off_the_map(app: App) -> list[str]:
    """Municipalities of which some corner of the outline's box is off the canvas."""
    _, box = canvas(app)
    spec = deck_spec({})
    pixel = to_canvas(spec, box)
    off = []
    for feature in layer(spec, "gemeenten")["data"]["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        points = [pixel(lon, lat) for polygon in polygons for lon, lat in polygon[0]]
        if not all(0 <= x <= box["width"] and 0 <= y <= box["height"] for x, y in points):
            off.append(feature["properties"]["naam"])
    return sorted(off)


def test_the_initial_map_view_shows_every_municipality(app: App) -> None:
    app.open("kaart")
    assert off_the_map(app) == []


def test_the_initial_map_view_shows_every_municipality_on_a_phone(
    new_app: Callable[..., App],
) -> None:
    app = new_app(*PHONE)
    app.open("kaart")
    assert off_the_map(app) == []


def test_the_map_and_its_measure_are_above_the_fold(app: App) -> None:
    app.open("kaart")
    height = DESKTOP[1]
    picker = app.widget("kaart_maat").bounding_box()
    deck = app.page.locator(f"{DECK} canvas#deckgl-overlay").bounding_box()
    assert picker is not None
    assert deck is not None
    assert picker["y"] + picker["height"] <= height
    assert deck["y"] + deck["height"] <= height


_TEXT_WIDTHS = """([names, font]) => {
  const context = document.createElement('canvas').getContext('2d');
  context.font = font;
  return names.map((name) => context.measureText(name).width);
}"""


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366x768", "390x844"])
def test_no_two_names_overlap_as_the_browser_draws_them(
    new_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = new_app(*size)
    app.open("kaart")
    _, box = canvas(app)
    spec = deck_spec({})
    pixel = to_canvas(spec, box)
    names = layer(spec, "gemeente-namen")
    font_size = float(names["getSize"])
    family = str(names["fontFamily"])
    rows_ = names["data"]
    widths = app.page.evaluate(
        _TEXT_WIDTHS, [[r["naam"] for r in rows_], f"{font_size}px {family}"]
    )
    height = font_size * 1.2
    boxes = []
    for row, width in zip(rows_, widths, strict=True):
        x, y = pixel(row["lon"], row["lat"])
        x, y = x + row["offset"][0], y + row["offset"][1]
        left = {"start": x, "middle": x - width / 2, "end": x - width}[row["anchor"]]
        top = {"top": y, "center": y - height / 2, "bottom": y - height}[row["baseline"]]
        boxes.append((row["naam"], left, top, left + width, top + height))
    assert len(boxes) >= 15
    for name, left, top, right, bottom in boxes:
        assert left >= 0, name
        assert right <= box["width"], name
        assert top >= 0, name
        assert bottom <= box["height"], name
    overlapping = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert overlapping == []
    assert math.isclose(box["height"], 420, abs_tol=2)


# --- search -------------------------------------------------------------------------------------


def test_searching_den_bosch_selects_s_hertogenbosch(app: App) -> None:
    app.open("kaart")
    search = app.combobox("kaart_search")
    search.focus()
    app.page.keyboard.type("Den Bosch")
    option = app.page.get_by_role("option", name="Den Bosch ('s-Hertogenbosch)", exact=True)
    expect(option).to_be_visible()
    app.act(option.click)
    assert app.query()["gemeente"] == ["GM0796"]
    assert app.tags("filter_gemeente") == ["'s-Hertogenbosch"]
    assert "'s-Hertogenbosch neemt deel aan Preventie met gezag" in app.main.inner_text()
