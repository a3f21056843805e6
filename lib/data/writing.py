"""The writing half of the store: where it lives, the writers' lock or turn, writing a table
and the one atomic commit of a version (``lib.data.store`` builds publications on it).

Plain Python (no Streamlit). Layout under ``root``::

    <root>/interventies/   Delta table, one Delta version per write of this table
    <root>/voortgang/      Delta table, idem
    <root>/versies/        Delta table, append-only: one row per dataset version
    <root>/hoogste_versie  the highest version number ever made current (``highwater``)
    <root>/.publish.lock   lock file for writers (``fcntl.flock``)

The store is a local folder or a prefix in an S3-compatible bucket (``lib.data.location``);
in a bucket there is no lock file, and the high-water mark is a set of empty objects.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Final, Literal

import polars as pl

from lib.data import delta, location
from lib.data.frames import ORDER_COLUMN
from lib.data.location import Bucket, Folder, Location
from lib.data.orphans import remove_orphans, remove_stale
from lib.data.store_errors import (
    PublishConflict,
    StoreBusy,
    StoreError,
    UnsafeObjectStore,
)
from lib.data.versionlog import VersionLog
from lib.data.versions import VERSIONS_SCHEMA, VERSIONS_TABLE, VersionInfo, version_row

Stage = Literal["locked", "table_written", "committed"]

LOCK_FILE: Final = ".publish.lock"
logger = logging.getLogger("pmg.store")

VERSION_MARK: Final = "pmg_versie"
"""Commit metadata of ``versies``: the number of the version the commit adds."""


class Writer:
    """Where a store lives and how a version is written there (see ``lib.data.store``)."""

    def __init__(
        self,
        root: Path | str | Location,
        *,
        options: Mapping[str, str] | None = None,
        lock_timeout: float = 30.0,
        read_timeout: float = 20.0,
    ) -> None:
        self.location = location.of(root, options)
        self.lock_timeout = lock_timeout
        self.read_timeout = read_timeout

    @property
    def root(self) -> Path:
        """The folder of a store on a local disk (``ValueError`` for one in a bucket)."""
        if isinstance(self.location, Folder):
            return self.location.path
        raise ValueError(f"the store at {self.location.key} is not a local folder")

    def _uri(self, name: str) -> str:
        return self.location.uri(name)

    # -- writing -------------------------------------------------------------------------

    def _after(self, stage: Stage) -> None:
        """Test seam, called at each stage of a write inside the lock; does nothing here."""

    @contextmanager
    def _locked(self) -> Iterator[float]:
        """Hold the writers' lock; yields the time it was taken (``time.time()``).

        A folder's lock file keeps out every writer on the machine. A bucket has none: the
        writers of this server take turns, and ``_commit`` settles it with other servers.
        """
        if isinstance(self.location, Bucket):
            with self._bucket_turn(self.location) as since:
                yield since
            return
        root = self.location.path
        root.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_timeout
        with (root / LOCK_FILE).open("a+b") as handle:
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise self._busy() from None
                    time.sleep(0.02)
            try:
                since = time.time()
                self._after("locked")
                yield since
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def _bucket_turn(self, bucket: Bucket) -> Iterator[float]:
        """This server's turn to write to ``bucket``, once the bucket is known to refuse a
        second commit of the same version (``UnsafeObjectStore`` otherwise)."""
        turn = location.writer_lock(bucket)
        if not turn.acquire(timeout=self.lock_timeout):
            raise self._busy()
        try:
            try:
                exclusive = location.commits_exclusive(bucket)
            except Exception as error:  # the bucket cannot be reached: refused, said in words
                raise StoreError(f"checking {bucket.key} failed: {error}") from error
            if not exclusive:
                raise UnsafeObjectStore(f"{bucket.key} does not refuse to overwrite a commit")
            since = time.time()
            self._after("locked")
            yield since
        finally:
            turn.release()

    def _busy(self) -> StoreBusy:
        n = max(1, round(self.lock_timeout))
        return StoreBusy("another publication is in progress", n=n)

    def _write_table(self, table: str, frame: pl.DataFrame, version: int) -> int:
        """Write ``frame`` as a new Delta version of ``table``; return that Delta version."""
        data = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(ORDER_COLUMN))
        try:
            pin = delta.overwrite(
                self._uri(table), data, metadata={VERSION_MARK: str(version)},
                options=self.location.storage_options,
            )  # fmt: skip
        except delta.CommitConflict as error:  # another server is writing this table too
            raise PublishConflict(f"writing {table}: {error}") from error
        except Exception as error:  # a full disk, a lost folder: refused, said in words
            raise StoreError(f"writing {table} failed: {error}") from error
        self._after("table_written")
        return pin

    def _commit(self, info: VersionInfo, log: VersionLog, since: float) -> None:
        """The atomic publish point: one appended row makes the version current, as the Delta
        version of ``versies`` right after the one ``log`` was read at (``PublishConflict``
        when another writer committed first); then the high-water mark follows."""
        number = info["versie"]
        if self.location.remote and time.time() - since > location.MAX_WRITE_SECONDS:
            raise StoreError(f"version {number} took too long to write; not committed")
        row = pl.DataFrame([version_row(info)], schema=VERSIONS_SCHEMA)
        try:
            delta.append_at(
                self._uri(VERSIONS_TABLE), row, log.delta_version,
                metadata={VERSION_MARK: str(number)}, options=self.location.storage_options,
            )  # fmt: skip
        except delta.CommitConflict as error:
            raise PublishConflict(f"version {number}: {error}") from error
        except Exception as error:
            raise StoreError(f"committing version {number} failed: {error}") from error
        self._after("committed")
        self._mark(number)

    def _mark(self, number: int) -> None:
        """Raise the high-water mark to ``number``. The version is committed already: a mark
        that could not be written lags, which the next writer makes good."""
        try:
            self.location.write_mark(number)
        except OSError as error:
            logger.warning("high-water mark %s not written: %s", number, error)

    def _tidy(self, log: VersionLog, since: float) -> None:
        """Remove what interrupted writes left (``lib.data.orphans``): in a folder what is
        older than the lock, in a bucket what is older than ``LEFTOVER_AGE``."""
        if isinstance(self.location, Bucket):
            remove_stale(self.location, log, before=time.time() - location.LEFTOVER_AGE)
        else:
            remove_orphans(self.location.path, log, before=since)
