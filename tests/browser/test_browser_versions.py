"""The Versies page in the real browser at 1366x768, on a server of its own with a store of
several versions: an analyst's table of versions, with who, comment, file and checksum, fits
the width of the page, and the pickers name each version by number, time and comment.
Screenshot: docs/screenshots/versies-analyst-1366.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_app import ANALYST_PASSPHRASE, DESKTOP, App, horizontal_overflow, screenshot, serve_app
from playwright.sync_api import Browser, expect

from lib.config import BUNDLED_DATA_DIR, store_dir
from lib.data.catalog import load_dataset
from lib.data.store import Store
from lib.text.formats import fmt_moment

pytestmark = pytest.mark.browser

COMMENTS = (
    "Kwartaalcijfers van Den Haag en Rotterdam, nagekeken met de gemeenten en aangevuld met de "
    "nieuwe interventies van het derde kwartaal",
    "Opruimen na test",
)

# The grid of each table: its own width, the width of its scrolled content, and the width of
# the main column it sits in.
_GRIDS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map((t) => {
  const scroller = t.querySelector('.dvn-scroller') || t;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return {width: t.getBoundingClientRect().width, content: scroller.scrollWidth,
          visible: scroller.clientWidth, main: main.getBoundingClientRect().width};
})"""


def _publish_versions() -> Store:
    """A store of the server's own: the base and three publications with long texts."""
    data = load_dataset(BUNDLED_DATA_DIR)
    store = Store(store_dir())  # (the test's own folder: PMG_STORE_DIR of tests/conftest.py)
    store.ensure_base(data.uploadable(), comment="Meegeleverde data (versie 0)")
    rows = data.interventies.with_columns(illustratief=False)
    for number, comment in enumerate(COMMENTS, start=1):
        name = f"interventies_kwartaal_{number}_definitief.xlsx"
        store.publish("interventies", rows.head(40 + number), who="a.analist@example.org",
                      comment=comment, source_name=name,
                      checksum="sha256:" + f"{number:02d}" * 32)  # fmt: skip
    return store


def test_the_table_of_versions_fits_the_page(browser: Browser, tmp_path: Path) -> None:
    store = _publish_versions()
    with serve_app(tmp_path / "streamlit.log") as url:
        context = browser.new_context(
            viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, reduced_motion="reduce"
        )
        try:
            app = App.attach(context, url).open("versies")
            field = app.main.get_by_label("Analist-wachtwoordzin")
            field.fill(ANALYST_PASSPHRASE)
            app.act(lambda: app.main.get_by_role("button", name="Aanmelden").click())
            expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible()
            grids = app.page.evaluate(_GRIDS)
            assert grids, "the table of versions is drawn"
            history = grids[0]
            assert history["width"] <= history["main"] + 1, history
            assert history["content"] <= history["visible"] + 1, history  # no sideways scroll
            assert horizontal_overflow(app) == []
            app.page.evaluate("window.scrollTo(0, 0)")
            shot = screenshot(app, "versies-analyst")
            assert shot.stat().st_size > 0
            when = fmt_moment(store.version_info(2)["tijdstip"], "nl")
            assert app.selectbox_value("versies_bekijk") == f"versie 2 - {when} - {COMMENTS[1]}"
        finally:
            context.close()
