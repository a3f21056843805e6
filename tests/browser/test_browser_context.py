"""The Context page in a real browser: a link with named municipalities, changing the offence
type and adding a municipality (the URL follows), no horizontal overflow on a phone, and axe
with everything open. Rates are recomputed from the reference CSV files with plain Python."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable
from typing import Any

import pytest
from browser_app import PHONE, App, axe_findings, blocking, horizontal_overflow, open_all_expanders
from playwright.sync_api import expect

from lib.config import ROOT
from lib.text.i18n import t

pytestmark = pytest.mark.browser

REFERENCE = ROOT / "data" / "reference" / "context"


def rate(code: str, year: int, cbs_code: str, lang: str) -> str:
    with gzip.open(REFERENCE / "misdrijven_gemeenten.csv.gz", "rt", encoding="utf-8") as handle:
        (count,) = [
            int(r["geregistreerde_misdrijven"])
            for r in csv.DictReader(handle)
            if (r["gemeentecode"], r["jaar"], r["soort_code"]) == (code, str(year), cbs_code)
        ]
    with (REFERENCE / "kerncijfers_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        (people,) = [
            int(r["inwoners"])
            for r in csv.DictReader(handle)
            if (r["gemeentecode"], r["peildatum"]) == (code, f"{min(max(year, 2023), 2024)}-01-01")
        ]
    text = f"{count * 1000 / people:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def test_a_link_with_named_municipalities(app: App, axe_results: dict[str, Any]) -> None:
    app.open("context", {"vergelijk": ["GM0307", "GM0796"], "misdrijf": "mishandeling",
                         "lang": "en"})  # fmt: skip
    assert app.page.get_by_test_id("stException").count() == 0
    assert app.tags("context_gemeenten") == ["Amersfoort", "'s-Hertogenbosch (Den Bosch)"]
    text = app.main.inner_text()
    assert f"{rate('GM0307', 2024, '1.4.5', 'en')} in Amersfoort" in text
    assert t("context.map.title", "en") in text
    open_all_expanders(app)
    findings = axe_findings(app)
    axe_results["context (en), two named municipalities"] = findings
    assert blocking(findings) == []


def test_changing_the_offence_and_adding_a_municipality_updates_the_link(app: App) -> None:
    app.open("context")
    box = app.combobox("context_misdrijf")
    box.focus()
    app.page.keyboard.type("Wapenhandel")
    expect(app.page.get_by_role("option", name="Wapenhandel", exact=True)).to_be_visible()
    app.act(lambda: app.page.keyboard.press("Enter"))
    assert app.query()["misdrijf"] == ["wapenhandel"]
    app.choose("context_gemeenten", "Amersfoort")
    assert app.query()["vergelijk"] == ["GM0307"]
    assert f"{rate('GM0307', 2024, '3.1.3', 'nl')} in Amersfoort" in app.main.inner_text()


def test_phone_with_named_municipalities(new_app: Callable[..., App]) -> None:
    app = new_app(*PHONE)
    app.open("context", {"vergelijk": ["GM0307", "GM0796", "GM0344", "GM0599"]})
    assert app.page.get_by_test_id("stException").count() == 0
    assert horizontal_overflow(app) == []
