"""The legacy multipage work-around (``lib.web.legacy``) is still needed, and it works.

When a Streamlit release stops treating an app with a ``pages/`` folder as a legacy app before
``st.navigation`` has run, the first test fails: then remove ``lib/web/legacy.py`` and its uses.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.web import legacy


@pytest.fixture
def fresh_flag() -> Iterator[None]:
    saved = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = None
    yield
    PagesManager.uses_pages_directory = saved


@pytest.mark.streamlit_as_shipped
@pytest.mark.usefixtures("fresh_flag")
def test_streamlit_still_starts_an_app_with_a_pages_folder_on_the_legacy_path() -> None:
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is True


@pytest.mark.usefixtures("fresh_flag")
def test_within_the_patch_apptest_runs_the_app_as_the_server_does() -> None:
    with legacy.navigation_pages_only():
        PagesManager(str(ROOT / "app.py"))
        assert PagesManager.uses_pages_directory is False
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page("pages/themas.py").run()
    assert not at.exception
    assert len(at.sidebar.radio) == 2  # language and BOTOC: the sidebar of app.py ran
    assert at.title[0].value == "Thema's"
