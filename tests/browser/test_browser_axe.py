"""axe-core in states that the per-page visits of test_browser_pages.py do not reach: an open
drop-down list and a phone-sized window. Every page in both languages is checked there.

Minor and moderate findings do not fail a test; all findings are listed at the end of the run
(and kept in the pytest cache under ``pmg/axe``) and described in docs/accessibility.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_app import PHONE, App, axe_findings, blocking

pytestmark = pytest.mark.browser


def test_open_drop_down_list(app: App, axe_results: dict[str, Any]) -> None:
    app.open()
    app.combobox("filter_gemeente").focus()
    app.page.keyboard.press("ArrowDown")
    app.page.get_by_role("listbox").wait_for()
    findings = axe_findings(app)
    axe_results["overzicht (nl), open drop-down list"] = findings
    assert blocking(findings) == []


def test_phone_with_the_sidebar_open(
    new_app: Callable[..., App], axe_results: dict[str, Any]
) -> None:
    app = new_app(*PHONE)
    app.open("kaart")
    app.page.get_by_test_id("stExpandSidebarButton").click()
    app.page.get_by_test_id("stSidebar").get_by_role("radiogroup").first.wait_for()
    app.wait_still()
    findings = axe_findings(app)
    axe_results["kaart (nl), 390 px wide, sidebar open"] = findings
    assert blocking(findings) == []
