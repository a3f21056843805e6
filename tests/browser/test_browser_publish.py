"""Publishing in the real browser, on a server of its own (it writes to its store): an analyst
uploads four new interventions, sees what changes per municipality above the button, publishes
and sees the new version on the page at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_app import ANALYST_PASSPHRASE, App, serve_app
from playwright.sync_api import Browser, Locator, expect
from uploads import four_rows

from lib.config import store_dir
from lib.data.auth import PASSPHRASE_WHO
from lib.data.store import Store

pytestmark = pytest.mark.browser
PUBLISH = "Publiceren als nieuwe versie"


def sign_in(app: App) -> None:
    app.open("data")
    app.main.get_by_label("Analist-wachtwoordzin").fill(ANALYST_PASSPHRASE)
    app.act(lambda: app.main.get_by_role("button", name="Aanmelden").click())
    expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible()


def grid_rows(grid: Locator) -> list[list[str]]:
    """The cells of a table as its accessible grid has them (header row first)."""
    rows: list[list[str]] = grid.evaluate(
        """el => Array.from(el.querySelectorAll('tr'))
             .map(tr => Array.from(tr.children).map(cell => cell.textContent.trim()))"""
    )
    return rows


def test_upload_preview_per_municipality_publish_and_see_the_new_version(
    browser: Browser, tmp_path: Path
) -> None:
    path = four_rows(tmp_path)
    with serve_app(tmp_path / "streamlit.log") as url:  # the store of this test (PMG_STORE_DIR)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            app = App.attach(context, url)
            sign_in(app)
            chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
            app.act(lambda: chooser.set_input_files(str(path)))
            heading = app.main.get_by_text("Wat er verandert, per gemeente")
            expect(heading).to_be_visible()
            header = app.page.locator('th[role="columnheader"]:text-is("Gemeente")')
            grid = app.main.get_by_test_id("stDataFrame").filter(has=header)
            expect(grid.locator('td[role="gridcell"]')).to_have_count(12)
            assert grid_rows(grid) == [
                ["Gemeente", "Toegevoegd", "Gewijzigd", "Verwijderd"],
                ["Den Haag", "2", "0", "0"],
                ["Rotterdam", "2", "0", "0"],
                ["Totaal", "4", "0", "0"],
            ]
            button = app.main.get_by_role("button", name=PUBLISH)
            expect(button).to_be_enabled()
            table_box, button_box = grid.bounding_box(), button.bounding_box()
            assert table_box is not None
            assert button_box is not None
            assert table_box["y"] + table_box["height"] <= button_box["y"], "above the button"
            app.main.get_by_label("Opmerking (verplicht)").fill("Vier nieuwe interventies")
            app.act(lambda: button.click())
            expect(app.main.get_by_text("Gepubliceerd als versie 1.", exact=False)).to_be_visible()
            expect(app.main.get_by_text("Dataversie 1 van", exact=False)).to_be_visible()
            expect(
                app.main.get_by_text("verandert niets aan de huidige versie 1", exact=False)
            ).to_be_visible()
            expect(app.main.get_by_role("button", name=PUBLISH)).to_have_count(0)
        finally:
            context.close()
    store = Store(store_dir())
    assert store.current_version() == 1
    assert store.version_info(1)["wie"] == PASSPHRASE_WHO
    assert store.version_info(1)["opmerking"] == "Vier nieuwe interventies"
