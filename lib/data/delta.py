"""Delta Lake, where the store keeps its tables: the one module that loads ``deltalake``.

Every table is written with expired-log clean-up switched off, so that every version stays
readable; never run ``VACUUM`` on them. Reading goes through Polars (``pl.read_delta``). The
tables live in a local folder (the store's lock and checksums need one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import polars as pl

# Never let Delta delete old commit files: every version must stay readable.
TABLE_CONFIG: Final[dict[str, str | None]] = {
    "delta.enableExpiredLogCleanup": "false",
    "delta.logRetentionDuration": "interval 36500 days",
}
LOG_FOLDER: Final = "_delta_log"
_COMMIT: Final = re.compile(r"(\d{20})\.json")


def _deltalake() -> ModuleType:
    """The ``deltalake`` module, loaded on first use (it adds a quarter second to a start)."""
    import deltalake

    return deltalake


def commits(folder: Path) -> list[int]:
    """The numbers of the commit files in the Delta log of the table in ``folder``, ascending
    (none when there is no log)."""
    log = folder / LOG_FOLDER
    if not log.is_dir():
        return []
    found = (_COMMIT.fullmatch(p.name) for p in log.iterdir())
    return sorted(int(m.group(1)) for m in found if m is not None)


def has_log(folder: Path) -> bool:
    """Whether the table in ``folder`` has a Delta log with at least one commit or checkpoint."""
    log = folder / LOG_FOLDER
    return bool(commits(folder)) or (log / "_last_checkpoint").is_file()


def table(uri: str, version: int | None = None) -> Any:
    """The ``DeltaTable`` at ``uri``, as of ``version`` (default: the newest)."""
    return _deltalake().DeltaTable(uri, version=version)


def files(delta_table: Any) -> dict[str, int]:
    """Path (relative to the table's folder) -> size in bytes, of every data file of the
    version ``delta_table`` was loaded at."""
    actions = pl.DataFrame(delta_table.get_add_actions(flatten=True))
    if actions.is_empty():
        return {}
    return dict(zip(actions["path"].to_list(), actions["size_bytes"].to_list(), strict=True))


def overwrite(uri: str, frame: pl.DataFrame, *, metadata: Mapping[str, str]) -> int:
    """Write ``frame`` as a new version of the table at ``uri``; return that version."""
    delta = _deltalake()
    frame.write_delta(
        uri,
        mode="overwrite",
        delta_write_options={
            "schema_mode": "overwrite",
            "configuration": TABLE_CONFIG,
            "post_commithook_properties": delta.PostCommitHookProperties(
                cleanup_expired_logs=False
            ),
            "commit_properties": delta.CommitProperties(custom_metadata=dict(metadata)),
        },
    )
    return int(delta.DeltaTable(uri).version())


def append(uri: str, frame: pl.DataFrame) -> None:
    """Append the rows of ``frame`` to the table at ``uri`` (one atomic commit); columns the
    table does not have yet are added (older rows read them as null)."""
    frame.write_delta(
        uri,
        mode="append",
        delta_write_options={
            "schema_mode": "merge",
            "configuration": TABLE_CONFIG,
            "post_commithook_properties": _deltalake().PostCommitHookProperties(
                cleanup_expired_logs=False
            ),
        },
    )
