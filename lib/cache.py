"""The only Streamlit caches: the dataset is loaded once per process and version.

``st.cache_resource`` (not ``cache_data``) holds one shared, immutable copy for every session:
Polars frames are never mutated in place, so sessions can share them without the per-call
copy that ``cache_data`` makes. The cache key includes the size and modification time of
``datapackage.json``, so a new version of the data is picked up on the next interaction.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from lib import geo
from lib.catalog import Dataset, load_dataset, with_store_version
from lib.paths import data_dir, store_dir
from lib.store import VERSIONS_TABLE, Store


def _version_stamp(folder: Path) -> str:
    meta = (folder / "datapackage.json").stat()
    return f"{meta.st_size}-{meta.st_mtime_ns}"


def _store_stamp(root: Path) -> str:
    """Changes with every commit to the store's version log (a cheap check on every rerun)."""
    log = root / VERSIONS_TABLE / "_delta_log"
    return str(log.stat().st_mtime_ns) if log.is_dir() else "-"


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(folder: str, stamp: str) -> Dataset:
    return load_dataset(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=8)
def _versioned(
    folder: str, stamp: str, root: str, store_stamp: str, version: int | None
) -> Dataset:
    return with_store_version(_bundled(folder, stamp), Store(Path(root)), version)


def store() -> Store:
    return Store(store_dir())


def current_dataset(version: int | None = None) -> Dataset:
    """The current dataset, or store ``version`` (read-only view of an older version).

    Raises ``lib.catalog.DataError`` when a bundled file breaks the contract.
    """
    folder, root = data_dir(), store_dir()
    return _versioned(str(folder), _version_stamp(folder), str(root), _store_stamp(root), version)


@st.cache_resource(show_spinner=False, max_entries=2)
def _boundaries(path: str, stamp: str) -> dict[str, object] | None:
    return geo.load_boundaries(Path(path))


def _secrets() -> dict[str, object]:
    try:
        return dict(st.secrets)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def boundaries() -> tuple[Path, dict[str, object] | None]:
    """The configured municipality boundaries (path, GeoJSON), or (path, None) when absent."""
    path = geo.boundary_path(os.environ, _secrets())
    if path is None or not path.is_file():
        return Path(), None
    stat = path.stat()
    return path, _boundaries(str(path), f"{stat.st_size}-{stat.st_mtime_ns}")
