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
from lib.catalog import Dataset, load_dataset
from lib.paths import data_dir


def _version_stamp(folder: Path) -> str:
    meta = (folder / "datapackage.json").stat()
    return f"{meta.st_size}-{meta.st_mtime_ns}"


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: str) -> Dataset:
    return load_dataset(Path(folder))


def current_dataset() -> Dataset:
    """The current dataset; raises ``lib.catalog.DataError`` when a file breaks the contract."""
    folder = data_dir()
    return _load(str(folder), _version_stamp(folder))


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
