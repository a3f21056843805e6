"""The first visitor after a server start: their first choice must count.

Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until
``st.navigation`` runs, so the very first run of a fresh process goes through the legacy path.
Widgets drawn in that run would get other ids than in later runs, and the first change would
be lost; ``lib.ui`` leaves the legacy path before drawing any widget. This test uses a fresh
server of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_app import App, serve_app
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_first_choice_after_a_server_start_counts(browser: Browser, tmp_path: Path) -> None:
    with serve_app(tmp_path / "streamlit.log") as url:
        context = browser.new_context()
        try:
            app = App.attach(context, url).open()
            app.choose("filter_gemeente", "Lelystad")
            assert app.query().get("gemeente") == ["GM0995"]
        finally:
            context.close()
