"""Phone-sized window (390x844): a screenshot of every page for the README and no horizontal
overflow; charts keep room for their data. The laptop size (1366x768) is checked during the
page visits of test_browser_pages.py. Screenshots: docs/screenshots/<page>-<width>.png.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser_app import PAGES, PHONE, App, horizontal_overflow, screenshot

from lib.contract.codes import STATUSSEN
from lib.text.labels import code_label

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(PAGES), ids=list(PAGES.values()))
def test_phone_screenshot_and_no_horizontal_overflow(
    new_app: Callable[..., App], path: str
) -> None:
    app = new_app(*PHONE)
    app.open(path)
    screenshot(app, PAGES[path])
    assert horizontal_overflow(app) == []


# Width of the data area of each Vega chart (the frame inside the axes and legends).
_PLOT_WIDTHS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
  .map((chart) => {
    const frame = chart.querySelector(
      'svg.marks g.mark-group.role-frame.root > g > path.background');
    const size = frame && /^M0,0h([\\d.]+)/.exec(frame.getAttribute('d'));
    return size ? Number(size[1]) : null;
  })"""
MIN_PLOT_WIDTH = 120  # pixels for bars and cells next to the labels of the axes


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p) for p in ("uitvoering", "themas", "risicofactoren")]
)
def test_charts_keep_room_for_their_data_on_a_phone(new_app: Callable[..., App], path: str) -> None:
    app = new_app(*PHONE)
    app.open(path)
    widths: list[float | None] = app.page.evaluate(_PLOT_WIDTHS)
    assert widths
    assert all(w is not None and w >= MIN_PLOT_WIDTH for w in widths), widths


# The text of every legend entry of each Vega chart, and whether it lies inside the chart.
_LEGENDS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
  .map((chart) => {
    const box = chart.getBoundingClientRect();
    return Array.from(chart.querySelectorAll('g.role-legend-label text')).map((label) => {
      const r = label.getBoundingClientRect();
      return [label.textContent, r.left >= box.left - 1 && r.right <= box.right + 1];
    });
  })"""


def test_the_status_legend_shows_every_status_on_a_phone(new_app: Callable[..., App]) -> None:
    app = new_app(*PHONE)
    app.open("uitvoering")
    legends: list[list[tuple[str, bool]]] = app.page.evaluate(_LEGENDS)
    names = [code_label("status", code, "nl") for code in STATUSSEN]
    status = [legend for legend in legends if {text for text, _ in legend} == set(names)]
    assert status, legends
    assert all(inside for _, inside in status[0]), status[0]
