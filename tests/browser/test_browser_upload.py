"""The upload page in the real browser: a visitor cannot upload; an analyst signs in, keeps the
role on every page of the tab, a file from the test corpus shows its report, and the Excel
template, filled in, uploads without a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_app import ANALYST_PASSPHRASE, App
from openpyxl import load_workbook
from playwright.sync_api import expect

from lib.config import ROOT
from lib.text.i18n import t
from lib.web.routes import ROUTES

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


def nav(app: App, page: str) -> None:
    """Go to a page through the menu in the sidebar (the same browser tab and session)."""
    menu = app.page.get_by_test_id("stSidebarNav")
    app.act(lambda: menu.get_by_role("link", name=t(f"nav.{page}", "nl"), exact=True).click())
    expect(app.page.locator("h1")).to_have_text(t(page_title(page), "nl"))


def page_title(page: str) -> str:
    return next(r.title for r in ROUTES if r.file == f"pages/{page}.py")


def test_the_analyst_role_holds_on_every_page_of_the_tab(app: App) -> None:
    """Signed in with the passphrase: the menu, a link inside the dashboard and back keep the
    role; a reload is a new session and asks for the passphrase again (as the panel says)."""
    sign_in(app)
    nav(app, "versies")
    expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible()
    # a link inside the dashboard: to the presentation and back to the overview
    link = app.sidebar.get_by_role("link", name=t("presentation.open", "nl"))
    app.act(link.click)
    expect(app.page.locator("h1").first).to_be_visible()
    app.act(app.main.get_by_role("link", name=t("presentation.back", "nl")).click)
    expect(app.page.locator("h1")).to_have_text(t("overview.title", "nl"))
    nav(app, "data")
    expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible()
    expect(app.main.locator('[data-testid="stFileUploader"]')).to_have_count(1)
    app.page.reload()
    app.settle(first=True)
    expect(app.main.get_by_text("Uw rol: Lezer", exact=False)).to_be_visible()
    expect(app.main.get_by_text("Na het herladen van de pagina", exact=False)).to_be_visible()


def test_the_filled_in_excel_template_uploads_without_warnings(app: App, tmp_path: Path) -> None:
    """Download the template in the browser, fill in four rows as an analyst would, upload
    it: no warning, no error, and the file can be published."""
    sign_in(app)
    app.main.get_by_text("Sjablonen en voorbeeldbestanden").click()
    button = app.main.get_by_role("button", name="interventies_sjabloon.xlsx")
    with app.page.expect_download() as download:
        button.click()
    template = tmp_path / "interventies_sjabloon.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    assert book.sheetnames == ["interventies", "woordenboek", "codes"]
    sheet = book["interventies"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert sheet.data_validations.dataValidation, "the template has its drop-down lists"
    rows = [
        {"interventie_id": "DH-2026-01", "gemeentecode": "GM0518", "naam": "Straatcoaches Zuidwest",
         "thema": "jongerenwerk", "status": "in_uitvoering", "doelgroep": "jongeren",
         "startjaar": 2025, "bereik": 140, "budget_eur": 12500.5,
         "factoren": "criminele_vrienden|snel_geld", "monitoringplan": "ja"},
        {"interventie_id": "DH-2026-02", "gemeentecode": "GM0518", "naam": "Ouders in gesprek",
         "thema": "gezin", "status": "gepland", "startjaar": 2026, "monitoringplan": "nee"},
        {"interventie_id": "RT-2026-01", "gemeentecode": "GM0599", "naam": "Geldlessen Zuid",
         "thema": "financien", "status": "afgerond", "doelgroep": "jongvolwassenen",
         "startjaar": 2024, "bereik": 60, "budget_eur": 8000},
        {"interventie_id": "RT-2026-02", "gemeentecode": "GM0599", "naam": "Stage op maat",
         "thema": "onderwijs_werk", "status": "in_uitvoering", "startjaar": 2025},
    ]  # fmt: skip
    for row in rows:
        sheet.append([row.get(h) for h in header])
    filled = tmp_path / "interventies_ingevuld.xlsx"
    book.save(filled)
    chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
    app.act(lambda: chooser.set_input_files(str(filled)))
    # "in orde" is said only with no error and no warning; no report table, no sheet question
    expect(app.main.get_by_text(t("upload.result.valid", "nl"))).to_be_visible()
    assert app.main.locator('[data-testid="stAlertContentError"]').count() == 0
    text = app.main.inner_text()
    assert t("upload.report.message", "nl") not in text
    assert "meer tabbladen" not in text
    assert "Sheet" not in text
    assert t("upload.sheet", "nl") not in text
    expect(app.main.get_by_text("Voorbeeld van de nieuwe data")).to_be_visible()
    expect(app.main.get_by_role("button", name=t("upload.publish", "nl"))).to_be_enabled()
