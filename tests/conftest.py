"""Shared fixtures: the bundled dataset, a tiny hand-built dataset, a private store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from progress import VOORTGANG, tables_with_progress
from tinydata import tiny_tables, write_dataset

from lib.config import BUNDLED_DATA_DIR
from lib.data.catalog import Dataset, load_dataset
from lib.web.legacy import navigation_pages_only


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(BUNDLED_DATA_DIR)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_dataset(tmp_path_factory.mktemp("tiny"), tiny_tables()))


@pytest.fixture(autouse=True)
def _navigation_pages_only(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run AppTest like the server runs the app after its first ``st.navigation`` call
    (see ``lib.web.legacy``); tests marked ``streamlit_as_shipped`` see Streamlit unpatched."""
    if request.node.get_closest_marker("streamlit_as_shipped"):
        yield
        return
    with navigation_pages_only():
        yield


@pytest.fixture(autouse=True)
def _private_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own empty store, never the developer's ``data/store`` or bucket."""
    monkeypatch.setenv("PMG_STORE_DIR", str(tmp_path_factory.mktemp("store")))
    monkeypatch.delenv("PMG_STORE_URI", raising=False)


@pytest.fixture(scope="module")
def progress_data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The tiny dataset with the progress rows of ``tests/support/progress.py``."""
    folder = tmp_path_factory.mktemp("progress")
    return load_dataset(write_dataset(folder, tables_with_progress(VOORTGANG)))
