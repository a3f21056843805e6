"""Delta Lake, where the store keeps its tables: the one module that loads ``deltalake``.

Every table is written with expired-log clean-up switched off, so that every version stays
readable; never run ``VACUUM`` on them. Reading goes through Polars (``pl.read_delta``). A table
is at a local path or an ``s3://`` URI; ``options`` are the storage options of the latter
(``lib.data.location``), None for a local path.

Every commit is made without delta-rs's retries, on top of the table state the writer loaded:
when another writer committed in between, the commit is refused (``CommitConflict``) instead of
being rebased onto the newer state (a rebased overwrite could keep the other writer's files).
``append_at`` leaves it at that; ``overwrite``, whose result does not depend on what it
replaces, loads the newer state and tries again. On an object store this rests on the store
refusing to create a commit file that exists (a conditional put, ``If-None-Match: *``), which
delta-rs uses for every commit; ``commits_exclusive`` checks that the store really does so.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Literal
from uuid import uuid4

import polars as pl

# Never let Delta delete old commit files: every version must stay readable.
TABLE_CONFIG: Final[dict[str, str | None]] = {
    "delta.enableExpiredLogCleanup": "false",
    "delta.logRetentionDuration": "interval 36500 days",
}
LOG_FOLDER: Final = "_delta_log"
WRITE_MARK: Final = "pmg_schrijven"
"""Commit metadata: a token unique to one write, to recognise one's own commit afterwards."""
_COMMIT: Final = re.compile(r"(\d{20})\.json")
PROBE_ROUNDS: Final = 3
OVERWRITE_ATTEMPTS: Final = 5

Options = Mapping[str, str] | None


class CommitConflict(Exception):
    """Another writer committed to the table after this writer loaded it: nothing was committed."""


def _deltalake() -> ModuleType:
    """The ``deltalake`` module, loaded on first use (it adds a quarter second to a start)."""
    import deltalake

    return deltalake


def commit_number(name: str) -> int | None:
    """The version of a commit file name (``00000000000000000012.json`` -> 12), else None."""
    found = _COMMIT.fullmatch(name)
    return None if found is None else int(found.group(1))


def commit_name(number: int) -> str:
    return f"{number:020d}.json"


def commits(folder: Path) -> list[int]:
    """The numbers of the commit files in the Delta log of the table in ``folder``, ascending
    (none when there is no log)."""
    log = folder / LOG_FOLDER
    if not log.is_dir():
        return []
    found = (commit_number(p.name) for p in log.iterdir())
    return sorted(n for n in found if n is not None)


def has_log(folder: Path) -> bool:
    """Whether the table in ``folder`` has a Delta log with at least one commit or checkpoint."""
    log = folder / LOG_FOLDER
    return bool(commits(folder)) or (log / "_last_checkpoint").is_file()


def _options(options: Options) -> dict[str, str] | None:
    return None if options is None else dict(options)


def table(uri: str, version: int | None = None, options: Options = None) -> Any:
    """The ``DeltaTable`` at ``uri``, as of ``version`` (default: the newest)."""
    return _deltalake().DeltaTable(uri, version=version, storage_options=_options(options))


def files(delta_table: Any) -> dict[str, int]:
    """Path (relative to the table's folder) -> size in bytes, of every data file of the
    version ``delta_table`` was loaded at."""
    actions = pl.DataFrame(delta_table.get_add_actions(flatten=True))
    if actions.is_empty():
        return {}
    return dict(zip(actions["path"].to_list(), actions["size_bytes"].to_list(), strict=True))


def _existing(uri: str, options: Options) -> Any | None:
    """The newest state of the table at ``uri``, or None when there is no table yet."""
    delta = _deltalake()
    try:
        return delta.DeltaTable(uri, storage_options=_options(options))
    except delta.exceptions.TableNotFoundError:
        return None


def _write_options(
    schema_mode: str | None, metadata: Mapping[str, str], token: str
) -> dict[str, Any]:
    delta = _deltalake()
    return {
        "schema_mode": schema_mode,
        "configuration": TABLE_CONFIG,
        "post_commithook_properties": delta.PostCommitHookProperties(cleanup_expired_logs=False),
        "commit_properties": delta.CommitProperties(
            custom_metadata={**metadata, WRITE_MARK: token}, max_commit_retries=0
        ),
    }


def _commit(
    uri: str,
    frame: pl.DataFrame,
    base: Any | None,
    *,
    mode: Literal["append", "overwrite"],
    schema_mode: str,
    metadata: Mapping[str, str],
    options: Options,
) -> int:
    """Write ``frame`` as one commit on ``base`` (a ``DeltaTable``; None: create the table):
    the new table version, or ``CommitConflict`` when another writer got there first."""
    delta = _deltalake()
    token = uuid4().hex
    write_options = _write_options(None if base is None else schema_mode, metadata, token)
    expected = 0 if base is None else int(base.version()) + 1
    try:
        if base is None:
            frame.write_delta(
                uri, mode="error", storage_options=_options(options),
                delta_write_options=write_options,
            )  # fmt: skip
            return 0
        frame.write_delta(base, mode=mode, delta_write_options=write_options)
    except delta.exceptions.CommitFailedError as error:
        raise CommitConflict(str(error)) from error
    except Exception as error:
        if _committed(uri, expected, token, options):  # the answer was lost, not the commit
            return expected
        if base is None and _existing(uri, options) is not None:  # another writer created it
            raise CommitConflict(str(error)) from error
        raise
    return int(base.version())


def _committed(uri: str, version: int, token: str, options: Options) -> bool:
    """Whether version ``version`` of the table at ``uri`` is the commit of the write ``token``."""
    try:
        newest = table(uri, version, options).history(1)
    except Exception:
        return False
    return bool(newest) and newest[0].get(WRITE_MARK) == token


def overwrite(
    uri: str, frame: pl.DataFrame, *, metadata: Mapping[str, str], options: Options = None
) -> int:
    """Write ``frame`` as a new version of the table at ``uri`` (created when missing); return
    that version. What it replaces does not matter, so a commit that another writer beat is
    tried again on top of the newer state, up to ``OVERWRITE_ATTEMPTS`` times in all
    (``CommitConflict`` after that)."""
    for _ in range(OVERWRITE_ATTEMPTS - 1):
        with contextlib.suppress(CommitConflict):
            return _overwrite_once(uri, frame, metadata, options)
    return _overwrite_once(uri, frame, metadata, options)


def _overwrite_once(
    uri: str, frame: pl.DataFrame, metadata: Mapping[str, str], options: Options
) -> int:
    return _commit(
        uri, frame, _existing(uri, options), mode="overwrite", schema_mode="overwrite",
        metadata=metadata, options=options,
    )  # fmt: skip


def append_at(
    uri: str,
    frame: pl.DataFrame,
    after: int | None,
    *,
    metadata: Mapping[str, str],
    options: Options = None,
) -> int:
    """Append the rows of ``frame`` as table version ``after + 1`` exactly (``after`` None:
    create the table, version 0); return it. ``CommitConflict`` when that version exists
    already. Columns the table does not have yet are added (older rows read them as null)."""
    base = None if after is None else table(uri, after, options)
    return _commit(
        uri, frame, base, mode="append", schema_mode="merge", metadata=metadata,
        options=options,
    )  # fmt: skip


def append(uri: str, frame: pl.DataFrame, options: Options = None) -> None:
    """Append the rows of ``frame`` to the newest state of the table at ``uri`` (one atomic
    commit; created when missing)."""
    frame.write_delta(
        uri,
        mode="append",
        storage_options=_options(options),
        delta_write_options={
            "schema_mode": "merge",
            "configuration": TABLE_CONFIG,
            "post_commithook_properties": _deltalake().PostCommitHookProperties(
                cleanup_expired_logs=False
            ),
        },
    )


def commit_metadata(commit: bytes) -> dict[str, Any]:
    """The ``commitInfo`` of a commit file's content (empty when it has none); ``ValueError``
    for content that is not a Delta commit."""
    for line in commit.decode("utf-8").splitlines():
        if line.strip():
            action = _json_object(line)
            info = action.get("commitInfo")
            if isinstance(info, dict):
                return info
    return {}


def _json_object(line: str) -> dict[str, Any]:
    value = json.loads(line)
    if not isinstance(value, dict):
        raise ValueError("a Delta log line is a JSON object")
    return value


def commits_exclusive(uri: str, options: Options, rounds: int = PROBE_ROUNDS) -> bool:
    """Whether the store at ``uri`` lets only one of two simultaneous commits of the same
    version through: create a one-row table there, then ``rounds`` times let two threads commit
    to the same loaded version at once. delta-rs looks for a newer commit just before it puts
    its own, so only commits this close together show a store that does not enforce
    conditional puts: both then "succeed", and one silently replaces the other."""
    probe = pl.DataFrame({"proef": [1]})
    _commit(uri, probe, None, mode="append", schema_mode="merge", metadata={}, options=options)
    return all(_simultaneous(uri, probe, version, options) == 1 for version in range(rounds))


def _simultaneous(uri: str, frame: pl.DataFrame, version: int, options: Options) -> int:
    """How many of two threads that append ``frame`` to version ``version`` at the same
    moment get their commit through."""
    loaded = [table(uri, version, options) for _ in range(2)]
    start = threading.Barrier(len(loaded))
    through: list[int] = []

    def commit(base: Any) -> None:
        start.wait()
        with contextlib.suppress(CommitConflict):
            through.append(
                _commit(uri, frame, base, mode="append", schema_mode="merge", metadata={},
                        options=options)
            )  # fmt: skip

    threads = [threading.Thread(target=commit, args=(base,)) for base in loaded]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(through)
