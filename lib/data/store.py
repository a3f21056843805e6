"""Published datasets as versions: a publication adds a version and never overwrites one.

Plain Python (no Streamlit). Storage is Delta Lake, written and read with Polars and the
``deltalake`` package; the layout and the writing half are in ``writing``.

A *dataset version* (``versie`` 0, 1, 2, ...) is one row of ``versies``: it pins, per table,
the Delta version that belongs to it (``tabelversies``) and records the SHA-256 of its data files
(``bestanden``, see ``integrity``). Writers hold ``.publish.lock``, write the table first and
append the ``versies`` row last: that append is the one atomic publish point, so a crash at any
moment leaves the previous version current and readable. Nothing a version refers to is ever
deleted (never run ``VACUUM``); files of interrupted writes go at the next write (``orphans``).
Every read is checked against the checksums, in a thread with a time limit (``reading``): a
version that does not check out is a ``DamagedVersion``, never wrong figures, a raw exception or
a hang. Writers refuse to build on damage (``ReadOnlyStore``), may restore a good version, and
never reuse a number (``highwater``). Every commit lands exactly on the Delta version it was
worked out from (``delta.append_at``): a writer on another server that committed first makes
the publication a ``PublishConflict``, with nothing of it current. Beside:
``versions``/``versionlog`` (the rows), ``delta``, ``location``, ``frames``, ``scope``, ``modes``
(what a publication does), ``diff``, ``store_errors``; README "Design notes" has the whole design.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from typing import Final

import polars as pl

from lib.contract.schema import UPLOADABLE_TABLES
from lib.data import delta, modes, reading
from lib.data.diff import Diff, diff_frames
from lib.data.frames import base_frames, check_frame, check_table, table_key
from lib.data.modes import Mode, Plan
from lib.data.store_errors import (
    CommentRequired,
    DamagedVersion,
    EmptyStore,
    PublishConflict,
    ReadOnlyStore,
    StoreError,
    WhoRequired,
)
from lib.data.versionlog import VersionLog, read_log
from lib.data.versions import VERSIONS_TABLE, VersionInfo, now
from lib.data.writing import LOCK_FILE as LOCK_FILE
from lib.data.writing import VERSION_MARK as VERSION_MARK
from lib.data.writing import Writer

Scope = Mode  # how a publication changes its table: ``lib.data.modes``
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


class Store(Writer):
    """Versioned store of the uploadable tables at ``root`` (see the module docstring): a
    folder, or ``s3://bucket/prefix`` reached with the storage ``options``.

    Not an authority on who may write: the UI must call ``lib.data.auth.guarded_publish`` and
    ``lib.data.auth.guarded_rollback``, which check the role before calling ``publish`` or
    ``rollback``. ``read_timeout`` bounds every read of a table or of the version log;
    ``lock_timeout`` how long a writer waits for another one of the same server.
    """

    # -- reading -------------------------------------------------------------------------
    def log(self) -> VersionLog:
        """The version log as far as it reads; never raises for a damaged store."""
        return read_log(self.location, self.read_timeout)

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
        """The newest version with a row in the log, or None before ``ensure_base``.

        Cheap enough to poll from every server: one listing of the Delta log of ``versies``
        and one read of its newest commit file (a few hundred bytes, which records the version
        number), no data file. A commit without the number (from before it was recorded) or
        one that does not read is answered from the whole log (``log``).
        """
        numbers = self.location.commits(VERSIONS_TABLE)
        if numbers:
            try:
                meta = delta.commit_metadata(self.location.read_commit(VERSIONS_TABLE, numbers[-1]))
                recorded = str(meta.get(VERSION_MARK, ""))
            except (OSError, ValueError):
                recorded = ""
            if recorded.isdigit():
                return int(recorded)
        return self.log().last_row

    def stamp(self) -> str:
        """Changes whenever a version is committed (one listing; for cache keys)."""
        return self.location.stamp(VERSIONS_TABLE)

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
        return reading.read_table(self.location, table, info, self.read_timeout)

    def verify(self, info: VersionInfo) -> None:
        """Check the files of every table of the version ``info`` (``DamagedVersion``)."""
        reading.verify(self.location, info, info["tabelversies"], self.read_timeout)

    def diff(self, table: str, old: int, new: int) -> Diff:
        """What changed in ``table`` from dataset version ``old`` to ``new``."""
        return diff_frames(self.read(table, old), self.read(table, new), table_key(table))

    def plan(
        self,
        table: str,
        frame: pl.DataFrame,
        *,
        scope: Scope = "alles",
        baseline: pl.DataFrame | None = None,
    ) -> Plan:
        """What ``publish(table, frame, scope=...)`` would do now (nothing is written)."""
        check_table(table)
        check_frame(frame)
        return self._plan(table, frame, scope, self._current(self.log()), baseline, detail=True)

    def candidate(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> pl.DataFrame:
        """The table as ``publish`` would store it now (nothing is written)."""
        return self.plan(table, frame, scope=scope).frame

    def preview(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> Diff:
        """The diff from the current version to what ``publish(table, frame, scope=...)`` stores."""
        after = self.candidate(table, frame, scope=scope)
        return diff_frames(self.read(table), after, table_key(table))

    def _plan(
        self,
        table: str,
        frame: pl.DataFrame,
        scope: str,
        info: VersionInfo,
        baseline: pl.DataFrame | None,
        *,
        detail: bool = False,
    ) -> Plan:
        """``frame`` as the new ``table`` on top of the version ``info`` (``lib.data.modes``);
        ``baseline`` stands for a table the version does not hold (the bundled one)."""
        modes.check_mode(table, scope)
        held = table in info["tabelversies"]
        current = self.read_version(table, info) if held or baseline is None else baseline
        owners = self.read_version("interventies", info) if table == "voortgang" else None
        return modes.plan(table, current, frame, scope, owners=owners, detail=detail)

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
        self._tidy(log, since)
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
        version log is gone or unreadable is not started afresh: ``ReadOnlyStore``. When
        another server creates version 0 at the same moment, its version 0 is the answer.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        frames = base_frames(base)
        try:
            with self._locked() as since:
                return self._base(frames, since, comment, who, source_name, checksum)
        except PublishConflict:
            deadline = time.monotonic() + self.lock_timeout
            while time.monotonic() < deadline:  # the other server is still writing it
                current = self.current_version()
                if current is not None:
                    return current
                time.sleep(0.2)
            raise

    def _base(
        self,
        frames: Mapping[str, pl.DataFrame],
        since: float,
        comment: str,
        who: str,
        source_name: str | None,
        checksum: str | None,
    ) -> int:
        """``ensure_base`` inside the writers' lock."""
        log = self.log()
        damage = log.damage()
        if log.last_row is not None:
            if damage is None and (log.high_water is None or log.high_water < log.last_row):
                self._mark(log.last_row)  # a store from before the mark, or a mark that lags
            return log.last_row
        if damage is not None:
            raise _read_only(damage, log) from damage
        self._tidy(log, since)
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
                bestanden={t: reading.describe(self.location, t, pin) for t, pin in pins.items()},
            ),
            log,
            since,
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
        removals: int | None = None,
        baseline: pl.DataFrame | None = None,
    ) -> int:
        """Publish ``frame`` as ``table`` in a new dataset version; return its number.

        ``scope`` is the mode (``lib.data.modes``): ``alles`` replaces the whole table,
        ``gemeenten`` the rows of the municipalities in ``frame``, ``bijwerken`` adds and
        updates rows by key, ``toevoegen`` only adds. Worked out inside the lock, on the
        newest version: ``NothingChanged`` when the table's content would stay the same, and
        ``RemovalsNotConfirmed`` unless ``removals`` is the exact number of rows removed
        (None: not checked). Other tables are carried over unchanged, once their files check
        out. ``ReadOnlyStore`` when what the publication builds on is damaged.
        ``PublishConflict`` when a writer on another server published first (nothing of this
        publication is then current: publish again on top of the new version).
        """
        check_table(table)
        modes.check_mode(table, scope)
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        check_frame(frame)
        with self._locked() as since:
            log, latest = self._writable(since)
            try:
                found = self._plan(table, frame, scope, latest, baseline)
            except DamagedVersion as error:
                raise _read_only(error, log) from error
            modes.check(found, confirmed=removals, version=latest["versie"])
            data = found.frame
            if table in latest["tabelversies"]:  # a context table's first publication: no log yet
                reading.check_writable(self.location, table, self.read_timeout)
            others = [t for t in latest["tabelversies"] if t != table]
            carried = {t: reading.entries(self.location, t, latest) for t in others}
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
                    bestanden={**carried, table: reading.describe(self.location, table, pin)},
                ),
                log,
                since,
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
                self._tidy(log, since)
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
                    bestanden={
                        t: reading.entries(self.location, t, old) for t in old["tabelversies"]
                    },
                ),
                log,
                since,
            )
            return new


def _read_only(damage: DamagedVersion, log: VersionLog) -> ReadOnlyStore:
    """The refusal of a write: restore a good version first, or (log damaged) call for help."""
    broken = damage.reason == "history" or log.state != "ok"
    key = "store.read_only_history" if broken else "store.read_only"
    return ReadOnlyStore(str(damage), key=key, versie=damage.params["versie"])
