"""The "link to this view" control in the real browser: the link restores the view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser_app import App

from lib.text.i18n import t

pytestmark = pytest.mark.browser


def test_copied_link_restores_page_filters_metric_and_language(
    app: App, new_app: Callable[..., App]
) -> None:
    app.open("kaart", {"gemeente": ["GM0995", "GM0363"], "lang": "en", "maat": "dekking"})
    header = app.main.get_by_text(t("share.title", "en"), exact=True)
    header.click()  # opening an expander is client-side only
    code = app.main.locator('[data-testid="stCode"] code').first
    code.wait_for(state="visible")
    shared = code.inner_text().strip()
    assert "/kaart?" in shared
    assert "maat=dekking" in shared
    assert "lang=en" in shared
    other = new_app()
    other.goto(shared)
    assert other.tags("filter_gemeente") == app.tags("filter_gemeente")
    assert other.selectbox_value("kaart_maat") == app.selectbox_value("kaart_maat")
    assert other.radio_value("taal") == "English"
    assert other.page.url.split("/kaart")[0] == app.page.url.split("/kaart")[0]
