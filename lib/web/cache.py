"""The only Streamlit caches: the dataset is loaded once per process and version.

``st.cache_resource`` (not ``cache_data``) holds one shared, immutable copy for every session:
Polars frames are never mutated in place, so sessions can share them without the per-call
copy that ``cache_data`` makes. The cache key includes the size and modification time of
``datapackage.json`` and the store's stamp (``Store.stamp``: its version log and high-water
mark) as last asked (``lib.data.polling``: at most every ``PMG_VERSION_CHECK_S`` seconds per
process, at once after this process published), so a version published by any server or the
command line is picked up within that time. A store version is loaded through
``lib.data.serving.serve``: checked against its checksums, the newest good version when the
newest is damaged; such a damaged view is looked at again once a minute.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

# Imported here, when the first session loads this module, and not lazily: Altair and pyarrow
# look pandas up in ``sys.modules`` when they use it, so sessions that draw their first charts
# at the same moment after a server start would otherwise find a half-imported module
# (``pandas has no attribute Timestamp``). The import lock makes every session wait here.
import pandas  # noqa: F401
import polars as pl
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from lib.config import ConfigError, data_dir, secrets_file, version_check_seconds
from lib.contract.codes import Lang
from lib.contract.resources import CONTEXT_ORDER
from lib.data import geo, location
from lib.data.catalog import Dataset, load_dataset
from lib.data.polling import VersionWatch
from lib.data.serving import StoreView, serve
from lib.data.store import Store
from lib.domain import metrics, places
from lib.domain.filters import Filters
from lib.domain.kenniskaart import Profile, build_profile
from lib.domain.selection import select
from lib.exports import images
from lib.viz.columns import display_table as format_table
from lib.viz.vega import Deferred, frame_digest, vega_spec

T = TypeVar("T")


def _version_stamp(folder: Path) -> str:
    meta = (folder / "datapackage.json").stat()
    return f"{meta.st_size}-{meta.st_mtime_ns}"


RECHECK_SECONDS = 60
"""How often a damaged store is looked at again (a repaired file needs no restart)."""


@st.cache_resource(show_spinner=False, max_entries=8)
def _watch(where: str, every_s: float, _target: Store) -> VersionWatch[str]:
    return VersionWatch(_target.stamp, every_s)


def store_watch(target: Store | None = None) -> VersionWatch[str]:
    """This process's watch on the store: one for every session (``lib.data.polling``)."""
    target = store() if target is None else target
    return _watch(target.location.key, version_check_seconds(), target)


def version_changed() -> None:
    """This process has just published or restored a version: the next rerun of any session
    asks the store again instead of waiting for ``PMG_VERSION_CHECK_S``."""
    store_watch().expire()


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(folder: str, stamp: str) -> Dataset:
    return load_dataset(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=8)
def _view(
    folder: str,
    stamp: str,
    where: str,
    store_stamp: str,
    version: int | None,
    recheck: int,
    _target: Store,
) -> StoreView:
    return serve(_bundled(folder, stamp), _target, version)


def bundled_dataset() -> Dataset:
    """The dataset in ``PMG_DATA_DIR`` (or the bundled data): version 0 of the store."""
    folder = data_dir()
    return _bundled(str(folder), _version_stamp(folder))


def store() -> Store:
    """The store of the settings: ``PMG_STORE_URI`` (a folder or ``s3://bucket/prefix``, with
    the ``[store]`` secrets) or ``PMG_STORE_DIR``."""
    return Store(location.configured(secrets()))


def current_view(version: int | None = None) -> StoreView:
    """What to show for the current dataset, or store ``version`` (read-only view of an older
    version): the newest good version at or below it, and the damage that was passed over.

    Raises ``lib.data.catalog.DataError`` when a bundled file breaks the contract.
    """
    folder, target = data_dir(), store()
    stamp = store_watch(target).current()
    key = (str(folder), _version_stamp(folder), target.location.key, stamp, version)
    view = _view(*key, 0, target)
    if view.damage is not None:
        view = _view(*key, int(time.time() // RECHECK_SECONDS), target)
    return view


def current_dataset(version: int | None = None) -> Dataset:
    """The dataset of ``current_view(version)``."""
    return current_view(version).dataset


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart_spec(key: str, _chart: Deferred) -> dict[str, Any]:
    spec = vega_spec(_chart.build())
    if isinstance(spec.get("datasets"), dict):
        # Arrow bytes once, instead of a conversion of the rows on every page view
        spec["datasets"] = {
            name: dataframe_util.convert_anything_to_arrow_bytes(
                pl.DataFrame(rows, infer_schema_length=None)
            )
            for name, rows in spec["datasets"].items()
        }
    return spec


def chart_spec(chart: Deferred) -> dict[str, Any]:
    """The Vega-Lite spec of ``chart``, built once per builder, arguments and data.

    Shared by every session and never mutated: callers change a shallow copy only.
    """
    return _chart_spec(chart.key, chart)


@st.cache_resource(show_spinner=False, max_entries=256)
def _table(
    key: str, _frame: pl.DataFrame, columns: tuple[tuple[str, str], ...], lang: Lang
) -> pa.Table:
    return format_table(_frame, dict(columns), lang).to_arrow()


def display_table(frame: pl.DataFrame, columns: Mapping[str, str], lang: Lang) -> pa.Table:
    """``lib.viz.columns.display_table``, formatted once per frame, columns and language, as
    an Arrow table: the one form of a table that ``st.dataframe`` serialises as it is.

    Every table the app shows goes through here. Given a Polars frame, Streamlit would convert
    it with ``to_pandas`` in each session's thread; a frame shared through this cache then gets
    converted by several threads at once, which can deadlock the whole server, and the first
    conversions of a new process import pandas in several threads at once. An Arrow table is
    immutable and serialised without pandas.
    """
    items = tuple(columns.items())
    return _table(frame_digest(frame, items, lang), frame, items, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _deck(key: str, _build: Callable[[], Any]) -> Any:
    deck = _build()
    text = deck.to_json()
    deck.to_json = lambda: text  # serialised once; Streamlit calls to_json on every view
    return deck


def map_deck(key: str, build: Callable[[], Any]) -> Any:
    """The pydeck map that ``build()`` returns, built and serialised once per ``key``.

    ``key`` must name everything the map is made of (see ``pages/kaart.py``).
    """
    return _deck(key, build)


@st.cache_resource(show_spinner=False, max_entries=16)
def _png(key: str, _spec: Mapping[str, Any]) -> bytes:
    return images.to_png(_spec)


def png(spec: Mapping[str, Any]) -> bytes:
    """``lib.exports.images.to_png`` of a Vega-Lite spec, rendered once per spec (a map takes
    seconds to render) and shared by every session."""
    text = json.dumps(spec, sort_keys=True, default=str).encode("utf-8")
    return _png(hashlib.sha256(text).hexdigest(), spec)


def dataset_key(data: Dataset) -> str:
    """Names one dataset version: its number, date, and the checksum and size of the
    interventions (cached results of an older version are never reused)."""
    prov = data.provenance
    items = prov.resources["interventies"]
    return f"{prov.version}|{prov.created}|{items.hash}|{items.rows}|{data.voortgang.height}"


@st.cache_resource(show_spinner=False, max_entries=128)
def _profile(key: str, filters: Filters, today: date, _data: Dataset) -> Profile:
    return build_profile(_data, filters, today=today)


def kenniskaart_profile(data: Dataset, filters: Filters, today: date) -> Profile:
    """``lib.domain.kenniskaart.build_profile``, computed once per dataset version, filters
    and day for every language, and shared by every session."""
    return _profile(dataset_key(data), filters, today, data)


@st.cache_resource(show_spinner=False, max_entries=512)
def _derived(key: str, filters: Filters, name: str, _build: Callable[[], Any]) -> Any:
    return _build()


def derived(data: Dataset, filters: Filters, name: str, build: Callable[[], T]) -> T:
    """``build()``, a figure computed from ``data`` and ``filters`` alone (the selection, the
    dataset's tables), once per dataset version, filters and ``name``, and shared by every
    session: a view drawn before, by anyone, computes nothing again. ``name`` must name
    everything else the figure depends on (a measure, say); the language never: labels are
    added after."""
    result: T = _derived(dataset_key(data), filters, name, build)
    return result


@st.cache_resource(show_spinner=False, max_entries=128)
def _trend(key: str, filters: Filters, _data: Dataset) -> pl.DataFrame:
    return metrics.execution_trend(_data, filters)


def execution_trend(data: Dataset, filters: Filters) -> pl.DataFrame:
    """``lib.domain.metrics.execution_trend``, once per dataset version and filters (it groups up to
    800,000 progress rows), shared by every session."""
    return _trend(dataset_key(data), filters, data)


@st.cache_resource(show_spinner=False, max_entries=2)
def _boundaries(path: str, stamp: str) -> geo.Boundaries:
    return geo.read_boundaries(Path(path) if path else None)


def secrets() -> Mapping[str, object]:
    """The secrets as Streamlit reads them (its sign-in reads the same file): empty without a
    file, ``ConfigError`` when the file is there but broken (as ``lib.config.load_secrets``)."""
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError) as error:
        if secrets_file().is_file():
            raise ConfigError(f"{secrets_file()}: {error}") from error
        return {}


def _stamp(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "-"
    stat = path.stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def boundaries_stamp() -> str:
    """Names the outlines drawn: the configured file (path, size, time) or the shipped one."""
    path = geo.configured_path(os.environ, secrets())
    return f"{path or geo.SHIPPED_BOUNDARIES}:{_stamp(path)}"


def boundaries() -> geo.Boundaries:
    """The municipal outlines, read once per process and file: the configured file
    (``PMG_BOUNDARIES``) or, without one or when it cannot be read, the shipped CBS file."""
    path = geo.configured_path(os.environ, secrets())
    return _boundaries(str(path or ""), _stamp(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def _label_points(stamp: str, _boundaries: geo.GeoJson) -> pl.DataFrame:
    return geo.label_points(_boundaries)


def label_points() -> pl.DataFrame:
    """``lib.data.geo.label_points`` of the outlines drawn (``boundaries``): a point inside
    every municipality, computed once per process and file."""
    return _label_points(boundaries_stamp(), boundaries().data)


@st.cache_resource(show_spinner=False, max_entries=8)
def _national(key: str, _data: Dataset) -> pl.DataFrame:
    return places.national(_data)


def national(data: Dataset) -> pl.DataFrame:
    """``lib.domain.places.national``: every municipality, once per dataset version."""
    return _national(dataset_key(data), data)


@st.cache_resource(show_spinner=False, max_entries=8)
def _search(key: str, _data: Dataset) -> dict[str, str]:
    return places.search_index(places.national(_data))


def search_index(data: Dataset) -> dict[str, str]:
    """``lib.domain.places.search_index`` of every municipality, once per dataset version."""
    return _search(dataset_key(data), data)


@st.cache_resource(show_spinner=False, max_entries=32)
def _reference(key: str, metric: metrics.Metric, _data: Dataset) -> pl.DataFrame:
    return metrics.map_frame(select(_data, Filters()), metric)


def map_reference(data: Dataset, metric: metrics.Metric) -> pl.DataFrame:
    """The map frame of the whole dataset, from which the map's classes are set, so they stay
    the same for every selection."""
    return _reference(dataset_key(data), metric, data)


def context_key(data: Dataset) -> str:
    """Names the context tables of one dataset version (their checksums and sizes)."""
    prov = data.provenance
    parts = [
        f"{name}:{prov.resources[name].hash}:{prov.resources[name].rows}"
        for name in CONTEXT_ORDER
        if name in prov.resources and name in data.context
    ]
    return f"{prov.version}|{prov.created}|{'|'.join(parts)}"


@st.cache_resource(show_spinner=False, max_entries=256)
def _context_figure(key: str, _build: Callable[[], Any]) -> Any:
    return _build()


def context_figure(data: Dataset, name: str, *parts: object, build: Callable[[], Any]) -> Any:
    """A figure of the Context page (a frame of ``lib.domain``), computed once per version of
    the context tables, ``name`` and ``parts`` (what it depends on) and shared by every
    session. ``build`` is called only when no session has computed it before."""
    return _context_figure(f"{context_key(data)}|{name}|{parts!r}", build)
