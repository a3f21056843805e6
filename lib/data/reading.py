"""Reading a table of a stored version, checked: as published, or ``DamagedVersion``.

The files the Delta log lists for the version's pin are compared with the manifest in the
version's row (``lib.data.integrity``) before Polars reads a byte, and the read runs in a
thread with a time limit (``lib.data.bounded``). So a flipped byte, a truncated, missing or
unreadable file, a broken log, a Rust panic or a read that hangs all end as a
``DamagedVersion`` naming the version, the table and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from lib.data import delta, integrity
from lib.data.bounded import ReadTimedOut, bounded
from lib.data.frames import ORDER_COLUMN, empty_frame
from lib.data.integrity import FileEntry
from lib.data.store_errors import DamagedVersion, DamageReason, ReadOnlyStore
from lib.data.versions import VersionInfo

T = TypeVar("T")


def read_table(root: Path, table: str, info: VersionInfo, timeout: float) -> pl.DataFrame:
    """``table`` of the version ``info`` in the store at ``root``, in its stored row order."""
    if table not in info["tabelversies"]:
        return empty_frame(table)
    frame = _guarded(table, info, timeout, lambda: pl.read_delta(_checked(root, table, info)))
    expected = info["rijen"].get(table)
    if expected is not None and frame.height != expected:
        raise damaged("checksum", table, info, f"{frame.height} rows, {expected} published")
    return frame.sort(ORDER_COLUMN, maintain_order=True).drop(ORDER_COLUMN)


def verify(root: Path, info: VersionInfo, tables: Iterable[str], timeout: float) -> None:
    """Check the files of ``tables`` of the version ``info`` without reading them into frames."""
    for table in tables:
        _guarded(table, info, timeout, partial(_checked, root, table, info))


def check_writable(root: Path, table: str, timeout: float) -> None:
    """``ReadOnlyStore`` unless the newest state of the Delta log of ``table`` reads: a new
    version of the table is written on top of it."""
    try:
        bounded(partial(delta.table, str(root / table)), timeout)
    except Exception as error:
        raise ReadOnlyStore(
            f"the log of {table} does not read: {error}", key="store.table_log_damaged", tabel=table
        ) from error


def describe(root: Path, table: str, pin: int) -> list[FileEntry]:
    """The manifest entries of the data files of Delta version ``pin`` of ``table``."""
    names = delta.files(delta.table(str(root / table), pin))
    return integrity.describe(root / table, names)


def entries(root: Path, table: str, info: VersionInfo) -> list[FileEntry]:
    """The manifest entries of ``table`` in ``info``: as recorded, or made now for a row from
    before manifests."""
    recorded = (info["bestanden"] or {}).get(table)
    return describe(root, table, info["tabelversies"][table]) if recorded is None else recorded


def damaged(reason: DamageReason, table: str, info: VersionInfo, detail: str) -> DamagedVersion:
    """The damage of ``table`` in the version ``info``."""
    pin = info["tabelversies"].get(table)
    return DamagedVersion(detail, reason=reason, version=info["versie"], table=table, pin=pin)


def _checked(root: Path, table: str, info: VersionInfo) -> Any:
    """The ``DeltaTable`` of ``table`` at the version's pin, once its files check out."""
    try:
        loaded = delta.table(str(root / table), info["tabelversies"][table])
    except Exception as error:
        raise damaged("log", table, info, str(error)) from error
    manifest = info["bestanden"]
    recorded = None if manifest is None else manifest.get(table)
    if manifest is not None and recorded is None:
        raise damaged("manifest", table, info, "the table is not in the manifest")
    reason = integrity.check(root / table, delta.files(loaded), recorded)
    if reason is not None:
        raise damaged(reason, table, info, f"the files of {table} do not check out")
    return loaded


def _guarded(table: str, info: VersionInfo, timeout: float, call: Callable[[], T]) -> T:
    """``call()`` within ``timeout`` seconds; a timeout, panic or read error is damage."""
    try:
        return bounded(call, timeout)
    except DamagedVersion:
        raise
    except ReadTimedOut as error:
        raise damaged("timeout", table, info, str(error)) from error
    except Exception as error:  # ReadFailed (a panic) included
        raise damaged("corrupt", table, info, f"{type(error).__name__}: {error}") from error
