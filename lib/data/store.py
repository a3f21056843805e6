"""Published datasets as versions: a publication adds a version and never overwrites one.

Plain Python (no Streamlit). Storage is Delta Lake, written and read with Polars
(``write_delta``/``read_delta``) and the ``deltalake`` package. Layout under ``root``::

    <root>/interventies/   Delta table, one Delta version per write of this table
    <root>/voortgang/      Delta table, idem
    <root>/versies/        Delta table, append-only: one row per dataset version
    <root>/hoogste_versie  the highest version number ever made current (``highwater``)
    <root>/.publish.lock   lock file for writers (``fcntl.flock``)

A *dataset version* (``versie`` 0, 1, 2, ...) is one row of ``versies``: it pins, per table,
the Delta version that belongs to it (``tabelversies``) and records the SHA-256 of its data files
(``bestanden``, see ``integrity``). Writers hold ``.publish.lock``, write the table first and
append the ``versies`` row last: that append is the one atomic publish point, so a crash at any
moment leaves the previous version current and readable. Nothing a version refers to is ever
deleted (never run ``VACUUM``); files of interrupted writes go at the next write (``orphans``).
Every read is checked against the checksums, in a thread with a time limit (``reading``): a
version that does not check out is a ``DamagedVersion``, never wrong figures, a raw exception or
a hang. Writers refuse to build on damage (``ReadOnlyStore``), may restore a good version, and
never reuse a number (``highwater``). Beside: ``versions``/``versionlog`` (the rows), ``delta``,
``frames``, ``scope``, ``diff``, ``store_errors``; README "Design notes" has the whole design.
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Final, Literal

import polars as pl

from lib.contract.schema import UPLOADABLE_TABLES
from lib.data import delta, highwater, reading
from lib.data.diff import Diff, diff_frames
from lib.data.frames import (
    ORDER_COLUMN,
    base_frames,
    check_frame,
    check_scope,
    check_table,
    table_key,
)
from lib.data.orphans import remove_orphans
from lib.data.scope import replace_municipalities
from lib.data.store_errors import (
    CommentRequired,
    DamagedVersion,
    EmptyStore,
    ReadOnlyStore,
    StoreBusy,
    StoreError,
    WhoRequired,
)
from lib.data.versionlog import VersionLog, read_log
from lib.data.versions import VERSIONS_SCHEMA, VERSIONS_TABLE, VersionInfo, now, version_row

Scope = Literal["alles", "gemeenten"]
Stage = Literal["locked", "table_written", "committed"]

LOCK_FILE: Final = ".publish.lock"
DEFAULT_WHO: Final = "systeem"

# ----------------------------------------------------------------------------- helpers


def checksum_bytes(data: bytes) -> str:
    """The checksum to record for uploaded bytes: ``sha256:<hex>`` (as in datapackage.json)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _required_text(value: str, error: type[StoreError]) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise error()
    return text


# ----------------------------------------------------------------------------- store


class Store:
    """Versioned store of the uploadable tables under ``root`` (see the module docstring).

    Not an authority on who may write: the UI must call ``lib.data.auth.guarded_publish`` and
    ``lib.data.auth.guarded_rollback``, which check the role before calling ``publish`` or
    ``rollback``. ``read_timeout`` bounds every read of a table or of the version log.
    """

    def __init__(
        self, root: Path, *, lock_timeout: float = 30.0, read_timeout: float = 20.0
    ) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.read_timeout = read_timeout

    # -- reading -------------------------------------------------------------------------

    def _uri(self, name: str) -> str:
        return str(self.root / name)

    def log(self) -> VersionLog:
        """The version log as far as it reads; never raises for a damaged store."""
        return read_log(self.root, self.read_timeout)

    def _current(self, log: VersionLog) -> VersionInfo:
        """The current version: ``EmptyStore`` before ``ensure_base``, ``DamagedVersion`` when
        the log is damaged or its newest version has no row."""
        last, damage = log.last_row, log.damage()
        if damage is not None:
            raise damage
        if last is None:
            raise EmptyStore("the store has no version yet")
        return log.info(last)

    def current_version(self) -> int | None:
        """The newest version with a row in the log, or None before ``ensure_base``."""
        return self.log().last_row

    def history(self) -> pl.DataFrame:
        """Every version, newest first, plus ``rijen_<table>`` counts per uploadable table."""
        counts = [
            pl.col("rijen").str.json_path_match(f"$.{t}").cast(pl.Int64).alias(f"rijen_{t}")
            for t in UPLOADABLE_TABLES
        ]
        return self.log().rows.sort("versie", descending=True).with_columns(counts)

    def version_info(self, version: int) -> VersionInfo:
        """The row of ``version``: ``UnknownVersion`` when there is none, ``DamagedVersion``
        when it is not as written."""
        return self.log().info(version)

    def read(self, table: str, version: int | None = None) -> pl.DataFrame:
        """``table`` as of dataset ``version`` (default: current), exactly as it was stored;
        ``DamagedVersion`` when it is not (see ``read_version``)."""
        check_table(table)
        log = self.log()
        info = self._current(log) if version is None else log.info(version)
        return self.read_version(table, info)

    def read_version(self, table: str, info: VersionInfo) -> pl.DataFrame:
        """``table`` of the version ``info``, after checking its files against the checksums
        recorded at publication; ``DamagedVersion`` for any difference, unreadable or missing
        file or log, a panic or a read that takes longer than ``read_timeout``."""
        return reading.read_table(self.root, table, info, self.read_timeout)

    def verify(self, info: VersionInfo) -> None:
        """Check the files of every table of the version ``info`` (``DamagedVersion``)."""
        reading.verify(self.root, info, info["tabelversies"], self.read_timeout)

    def diff(self, table: str, old: int, new: int) -> Diff:
        """What changed in ``table`` from dataset version ``old`` to ``new``."""
        return diff_frames(self.read(table, old), self.read(table, new), table_key(table))

    def candidate(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> pl.DataFrame:
        """The table as ``publish`` would store it now (nothing is written)."""
        check_table(table)
        check_scope(scope)
        check_frame(frame)
        return self._merged(table, frame, scope, self._current(self.log()))

    def preview(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> Diff:
        """The diff from the current version to what ``publish(table, frame, scope=...)`` stores."""
        after = self.candidate(table, frame, scope=scope)
        return diff_frames(self.read(table), after, table_key(table))

    def _merged(
        self, table: str, frame: pl.DataFrame, scope: Scope, info: VersionInfo
    ) -> pl.DataFrame:
        """``frame`` as the new ``table``: all of it, or merged into the version ``info``."""
        if scope == "alles":
            return frame
        current = self.read_version(table, info)
        return replace_municipalities(
            table, frame, current, interventies=lambda: self.read_version("interventies", info)
        )

    # -- writing -------------------------------------------------------------------------

    def _after(self, stage: Stage) -> None:
        """Test seam, called at each stage of a write inside the lock; does nothing here."""

    @contextmanager
    def _locked(self) -> Iterator[float]:
        """Hold the writers' lock; yields the time it was taken (``time.time()``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_timeout
        with (self.root / LOCK_FILE).open("a+b") as handle:
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreBusy(
                            "another publication is in progress",
                            n=max(1, round(self.lock_timeout)),
                        ) from None
                    time.sleep(0.02)
            try:
                since = time.time()
                self._after("locked")
                yield since
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _write_table(self, table: str, frame: pl.DataFrame, version: int) -> int:
        """Write ``frame`` as a new Delta version of ``table``; return that Delta version."""
        data = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(ORDER_COLUMN))
        try:
            pin = delta.overwrite(self._uri(table), data, metadata={"pmg_versie": str(version)})
        except Exception as error:  # a full disk, a lost folder: refused, said in words
            raise StoreError(f"writing {table} failed: {error}") from error
        self._after("table_written")
        return pin

    def _commit(self, info: VersionInfo) -> None:
        """The atomic publish point: one appended row makes the version current; then the
        high-water mark follows."""
        row = pl.DataFrame([version_row(info)], schema=VERSIONS_SCHEMA)
        try:
            delta.append(self._uri(VERSIONS_TABLE), row)
        except Exception as error:
            raise StoreError(f"committing version {info['versie']} failed: {error}") from error
        self._after("committed")
        highwater.write(self.root, info["versie"])

    def _writable(self, since: float) -> tuple[VersionLog, VersionInfo]:
        """The log and newest version a publication builds on, after removing orphans.

        ``EmptyStore`` before ``ensure_base``; ``ReadOnlyStore`` when the log or the newest
        version is damaged or missing (a restore of a good version is the way out).
        """
        log = self.log()
        try:
            latest = self._current(log)
            self.verify(latest)  # nothing is built on, carried over or written over damage
        except DamagedVersion as error:
            raise _read_only(error, log) from error
        remove_orphans(self.root, log, before=since)
        return log, latest

    def ensure_base(
        self,
        base: Mapping[str, pl.DataFrame],
        *,
        comment: str,
        who: str = DEFAULT_WHO,
        source_name: str | None = None,
        checksum: str | None = None,
    ) -> int:
        """Create version 0 ("basis") from ``base`` unless a version exists; return the current.

        Only the tables of ``BASE_TABLES`` are stored: other known tables in ``base`` are
        ignored, a missing one is stored empty with the contract's columns. Once version 0
        exists the store is the authority and ``base`` is not looked at again. The context
        tables are stored from their first publication on; a version without them uses the
        bundled ones. A store whose
        version log is gone or unreadable is not started afresh: ``ReadOnlyStore``.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        frames = base_frames(base)
        with self._locked() as since:
            log = self.log()
            damage = log.damage()
            if log.last_row is not None:
                if damage is None:
                    highwater.write(self.root, log.last_row)  # a store from before the mark
                return log.last_row
            if damage is not None:
                raise _read_only(damage, log) from damage
            remove_orphans(self.root, log, before=since)
            pins = {t: self._write_table(t, f, 0) for t, f in frames.items()}
            self._commit(
                VersionInfo(
                    versie=0,
                    tijdstip=now(),
                    wie=who,
                    opmerking=comment,
                    actie="basis",
                    scope="alles",
                    tabel=None,
                    herstel_van=None,
                    bronbestand=source_name,
                    checksum=checksum,
                    rijen={t: f.height for t, f in frames.items()},
                    tabelversies=pins,
                    bestanden={t: reading.describe(self.root, t, pin) for t, pin in pins.items()},
                )
            )
            return 0

    def publish(
        self,
        table: str,
        frame: pl.DataFrame,
        *,
        who: str,
        comment: str,
        source_name: str,
        checksum: str,
        scope: Scope = "alles",
    ) -> int:
        """Publish ``frame`` as ``table`` in a new dataset version; return its number.

        ``scope="alles"`` replaces the whole table; ``scope="gemeenten"`` replaces only the rows
        of the municipalities in ``frame`` and keeps the rest of the current version (for a table
        without ``gemeentecode`` a row belongs to the municipality of its ``interventie_id`` in
        the current ``interventies``). Other tables are carried over unchanged, once their files
        check out. ``ReadOnlyStore`` when what the publication builds on is damaged.
        """
        check_table(table)
        check_scope(scope)
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        check_frame(frame)
        with self._locked() as since:
            log, latest = self._writable(since)
            try:
                data = self._merged(table, frame, scope, latest)
            except DamagedVersion as error:
                raise _read_only(error, log) from error
            if table in latest["tabelversies"]:  # a context table's first publication: no log yet
                reading.check_writable(self.root, table, self.read_timeout)
            others = [t for t in latest["tabelversies"] if t != table]
            carried = {t: reading.entries(self.root, t, latest) for t in others}
            version = log.next_number()
            pin = self._write_table(table, data, version)
            self._commit(
                VersionInfo(
                    versie=version,
                    tijdstip=now(),
                    wie=who,
                    opmerking=comment,
                    actie="publicatie",
                    scope=scope,
                    tabel=table,
                    herstel_van=None,
                    bronbestand=source_name,
                    checksum=checksum,
                    rijen={**latest["rijen"], table: data.height},
                    tabelversies={**latest["tabelversies"], table: pin},
                    bestanden={**carried, table: reading.describe(self.root, table, pin)},
                )
            )
            return version

    def rollback(self, version: int, *, who: str, comment: str) -> int:
        """Make old ``version`` current again as a new version ("herstel"); return its number.

        Nothing is deleted or rewritten: the new row points at the same table versions, once
        their files check out (``DamagedVersion``). Allowed when the newest version is damaged
        or missing (it is the way to repair that); ``ReadOnlyStore`` when the log is.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        with self._locked() as since:
            log = self.log()
            damage = log.damage()
            if damage is not None and (damage.reason == "history" or log.state != "ok"):
                raise _read_only(damage, log)
            if log.last_row is None:
                raise EmptyStore("the store has no version yet")
            old = log.info(version)
            self.verify(old)
            if damage is None:
                remove_orphans(self.root, log, before=since)
            new = log.next_number()
            self._commit(
                VersionInfo(
                    versie=new,
                    tijdstip=now(),
                    wie=who,
                    opmerking=comment,
                    actie="herstel",
                    scope="alles",
                    tabel=None,
                    herstel_van=version,
                    bronbestand=old["bronbestand"],
                    checksum=old["checksum"],
                    rijen=old["rijen"],
                    tabelversies=old["tabelversies"],
                    bestanden={t: reading.entries(self.root, t, old) for t in old["tabelversies"]},
                )
            )
            return new


def _read_only(damage: DamagedVersion, log: VersionLog) -> ReadOnlyStore:
    """The refusal of a write: restore a good version first, or (log damaged) call for help."""
    broken = damage.reason == "history" or log.state != "ok"
    key = "store.read_only_history" if broken else "store.read_only"
    return ReadOnlyStore(str(damage), key=key, versie=damage.params["versie"])
