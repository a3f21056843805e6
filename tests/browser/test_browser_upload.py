"""The upload page in the real browser: a visitor cannot upload; an analyst signs in, and a
file from the test corpus shows its report."""

from __future__ import annotations

import pytest
from browser_app import ANALYST_PASSPHRASE, App
from playwright.sync_api import expect

from lib.config import ROOT

pytestmark = pytest.mark.browser
CORPUS = ROOT / "tests" / "data"


def sign_in(app: App) -> None:
    app.open("data")
    field = app.main.get_by_label("Analist-wachtwoordzin")
    field.fill(ANALYST_PASSPHRASE)  # (inside a form: nothing goes to the server yet)
    app.act(lambda: app.main.get_by_role("button", name="Aanmelden").click())
    expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible()


def test_a_visitor_sees_why_and_how_but_cannot_upload(app: App) -> None:
    app.open("data")
    expect(app.main.get_by_text("Uploaden en controleren is alleen voor analisten",
                                exact=False)).to_be_visible()  # fmt: skip
    expect(app.main.get_by_text("Sjablonen en voorbeeldbestanden")).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(0)


def test_uploading_a_bad_file_shows_every_problem(app: App) -> None:
    sign_in(app)
    chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
    app.act(lambda: chooser.set_input_files(str(CORPUS / "duplicate_id.csv")))
    expect(app.main.get_by_text("2 fouten en 0 waarschuwingen", exact=False)).to_be_visible()
    report = app.main.get_by_test_id("stDataFrame").last
    expect(report).to_be_visible()


def test_uploading_an_excel_export_shows_how_it_was_read(app: App) -> None:
    sign_in(app)
    chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
    app.act(lambda: chooser.set_input_files(str(CORPUS / "excel_nl_cp1252.csv")))
    expect(app.main.get_by_text("Geen fouten, wel 1 waarschuwing.", exact=False)).to_be_visible()
    expect(app.main.get_by_text("Voorbeeld van de nieuwe data")).to_be_visible()
