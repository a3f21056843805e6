"""Shared fixtures: the bundled dataset, a tiny hand-built dataset, a private store."""

from __future__ import annotations

import pytest
from tinydata import tiny_tables, write_dataset

from lib.config import BUNDLED_DATA_DIR
from lib.data.catalog import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(BUNDLED_DATA_DIR)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_dataset(tmp_path_factory.mktemp("tiny"), tiny_tables()))


@pytest.fixture(autouse=True)
def _navigation_pages_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run AppTest like the server runs the app after its first ``st.navigation`` call.

    AppTest resets ``PagesManager.uses_pages_directory`` before every run, and because a
    ``pages/`` folder exists it then takes the legacy multipage path, which runs the page file
    without ``app.py`` (no sidebar) from the second run on. The server sets the flag to False
    once ``st.navigation`` has run, so we do the same after each reset.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def _private_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own empty store, never the developer's ``data/store``."""
    monkeypatch.setenv("PMG_STORE_DIR", str(tmp_path_factory.mktemp("store")))
