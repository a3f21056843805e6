"""Delta Lake, where the store keeps its tables: the one module that loads ``deltalake``.

Every table is written with expired-log clean-up switched off, so that every version stays
readable; never run ``VACUUM`` on them. Reading goes through Polars (``pl.read_delta``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, Final

import polars as pl

Storage = dict[str, Any] | None
"""``storage_options`` of an object store, or None for the local disk."""

# Never let Delta delete old commit files: every version must stay readable.
TABLE_CONFIG: Final[dict[str, str | None]] = {
    "delta.enableExpiredLogCleanup": "false",
    "delta.logRetentionDuration": "interval 36500 days",
}


def _deltalake() -> ModuleType:
    """The ``deltalake`` module, loaded on first use (it adds a quarter second to a start)."""
    import deltalake

    return deltalake


def is_table(uri: str, storage: Storage) -> bool:
    """Whether a Delta table exists at ``uri``."""
    return bool(_deltalake().DeltaTable.is_deltatable(uri, storage_options=storage))


def overwrite(
    uri: str, frame: pl.DataFrame, storage: Storage, *, metadata: Mapping[str, str]
) -> int:
    """Write ``frame`` as a new version of the table at ``uri``; return that version."""
    delta = _deltalake()
    frame.write_delta(
        uri,
        mode="overwrite",
        storage_options=storage,
        delta_write_options={
            "schema_mode": "overwrite",
            "configuration": TABLE_CONFIG,
            "post_commithook_properties": delta.PostCommitHookProperties(
                cleanup_expired_logs=False
            ),
            "commit_properties": delta.CommitProperties(custom_metadata=dict(metadata)),
        },
    )
    return int(delta.DeltaTable(uri, storage_options=storage).version())


def append(uri: str, frame: pl.DataFrame, storage: Storage) -> None:
    """Append the rows of ``frame`` to the table at ``uri`` (one atomic commit)."""
    frame.write_delta(
        uri,
        mode="append",
        storage_options=storage,
        delta_write_options={
            "configuration": TABLE_CONFIG,
            "post_commithook_properties": _deltalake().PostCommitHookProperties(
                cleanup_expired_logs=False
            ),
        },
    )
