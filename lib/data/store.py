"""Published datasets as versions: a publication adds a version and never overwrites one.

Plain Python (no Streamlit). Storage is Delta Lake, written and read with Polars
(``write_delta``/``read_delta``) and the ``deltalake`` package. Layout under ``root``::

    <root>/interventies/   Delta table, one Delta version per write of this table
    <root>/voortgang/      Delta table, idem
    <root>/versies/        Delta table, append-only: one row per dataset version
    <root>/.publish.lock   lock file for writers (``fcntl.flock``)

A *dataset version* (``versie`` 0, 1, 2, ...) is one row of ``versies``. The row pins, for every
uploadable table, the Delta version of that table that belongs to the dataset version (column
``tabelversies``, JSON such as ``{"interventies": 3, "voortgang": 0}``). Readers always resolve a
dataset version through ``versies`` and read each table with ``read_delta(..., version=pin)``.

Writers (``ensure_base``, ``publish``, ``rollback``) hold an exclusive lock on
``.publish.lock``, re-read the current version inside the lock, write the table first (a new
Delta version, mode overwrite) and append the ``versies`` row last. That append is the one
atomic publish point: a process killed before it leaves a table commit that no row points to,
which every reader ignores; a Delta commit becomes visible in one atomic rename or not at all.
So a crash at any point leaves the previous version current and fully readable.

Old versions stay readable because nothing is ever deleted: the tables are created with
expired-log clean-up switched off. Never run ``VACUUM`` on these tables.

Beside this module: ``versions`` (the rows of ``versies``), ``delta`` (the Delta Lake calls),
``frames`` (what can be stored exactly, empty tables, row keys), ``scope`` (partial
publication), ``diff`` (what changed) and ``store_errors`` (why an operation is refused).
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

from lib.contract.resources import BASE_TABLES
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import delta
from lib.data.diff import Diff, diff_frames
from lib.data.frames import ORDER_COLUMN, check_frame, empty_frame, table_key
from lib.data.scope import replace_municipalities
from lib.data.store_errors import (
    CommentRequired,
    EmptyStore,
    ScopeError,
    StoreBusy,
    StoreError,
    UnknownTable,
    UnknownVersion,
    WhoRequired,
)
from lib.data.versions import (
    VERSIONS_SCHEMA,
    VERSIONS_TABLE,
    VersionInfo,
    decode_version,
    now,
    version_row,
)

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
    ``rollback``.
    """

    def __init__(
        self,
        root: Path,
        *,
        lock_timeout: float = 30.0,
        storage_options: Mapping[str, str] | None = None,
    ) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self._storage: delta.Storage = dict(storage_options) if storage_options else None

    # -- reading -------------------------------------------------------------------------

    def _uri(self, name: str) -> str:
        return str(self.root / name)

    def _versions(self) -> pl.DataFrame | None:
        uri = self._uri(VERSIONS_TABLE)
        if self._storage is None and not (self.root / VERSIONS_TABLE / "_delta_log").is_dir():
            return None  # no store on this disk yet (and no need to load deltalake to know)
        if not delta.is_table(uri, self._storage):
            return None
        return pl.read_delta(uri, storage_options=self._storage)

    def _latest(self) -> VersionInfo | None:
        versions = self._versions()
        if versions is None or versions.is_empty():
            return None
        return decode_version(versions.sort("versie").row(-1, named=True))

    def current_version(self) -> int | None:
        """The current dataset version, or None before ``ensure_base``."""
        latest = self._latest()
        return None if latest is None else latest["versie"]

    def history(self) -> pl.DataFrame:
        """Every version, newest first, plus ``rijen_<table>`` counts per uploadable table."""
        versions = self._versions()
        if versions is None:
            versions = pl.DataFrame(schema=VERSIONS_SCHEMA)
        counts = [
            pl.col("rijen").str.json_path_match(f"$.{t}").cast(pl.Int64).alias(f"rijen_{t}")
            for t in UPLOADABLE_TABLES
        ]
        return versions.sort("versie", descending=True).with_columns(counts)

    def version_info(self, version: int) -> VersionInfo:
        """The ``versies`` row of ``version``; ``UnknownVersion`` when there is none."""
        versions = self._versions()
        rows = (
            versions.filter(pl.col("versie") == version)
            if versions is not None
            else pl.DataFrame(schema=VERSIONS_SCHEMA)
        )
        if rows.is_empty():
            raise UnknownVersion(f"version {version} does not exist", versie=version)
        return decode_version(rows.row(0, named=True))

    def read(self, table: str, version: int | None = None) -> pl.DataFrame:
        """``table`` as of dataset ``version`` (default: current), exactly as it was stored."""
        _check_table(table)
        if version is None:
            latest = self._latest()
            if latest is None:
                raise EmptyStore("the store has no version yet")
            info = latest
        else:
            info = self.version_info(version)
        return self._read_pinned(table, info["tabelversies"])

    def _read_pinned(self, table: str, pins: Mapping[str, int]) -> pl.DataFrame:
        if table not in pins:
            return empty_frame(table)
        frame = pl.read_delta(self._uri(table), version=pins[table], storage_options=self._storage)
        return frame.sort(ORDER_COLUMN, maintain_order=True).drop(ORDER_COLUMN)

    def diff(self, table: str, old: int, new: int) -> Diff:
        """What changed in ``table`` from dataset version ``old`` to ``new``."""
        return diff_frames(self.read(table, old), self.read(table, new), table_key(table))

    def candidate(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> pl.DataFrame:
        """The table as ``publish`` would store it now (nothing is written)."""
        _check_table(table)
        _check_scope(scope)
        check_frame(frame)
        latest = self._latest()
        if latest is None:
            raise EmptyStore("the store has no version yet")
        return self._merged(table, frame, scope, latest["tabelversies"])

    def preview(self, table: str, frame: pl.DataFrame, *, scope: Scope = "alles") -> Diff:
        """The diff from the current version to what ``publish(table, frame, scope=...)`` stores."""
        after = self.candidate(table, frame, scope=scope)
        return diff_frames(self.read(table), after, table_key(table))

    def _merged(
        self, table: str, frame: pl.DataFrame, scope: Scope, pins: Mapping[str, int]
    ) -> pl.DataFrame:
        """``frame`` as the new ``table``: all of it, or merged into the pinned version."""
        if scope == "alles":
            return frame
        current = self._read_pinned(table, pins)
        return replace_municipalities(
            table, frame, current, interventies=lambda: self._read_pinned("interventies", pins)
        )

    # -- writing -------------------------------------------------------------------------

    def _after(self, stage: Stage) -> None:
        """Test seam, called at each stage of a write inside the lock; does nothing here."""

    @contextmanager
    def _locked(self) -> Iterator[None]:
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
                self._after("locked")
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _write_table(self, table: str, frame: pl.DataFrame, version: int) -> int:
        """Write ``frame`` as a new Delta version of ``table``; return that Delta version."""
        data = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(ORDER_COLUMN))
        metadata = {"pmg_versie": str(version)}
        pin = delta.overwrite(self._uri(table), data, self._storage, metadata=metadata)
        self._after("table_written")
        return pin

    def _append_version(self, info: VersionInfo) -> None:
        """The atomic publish point: one appended row makes the version current."""
        row = pl.DataFrame([version_row(info)], schema=VERSIONS_SCHEMA)
        delta.append(self._uri(VERSIONS_TABLE), row, self._storage)
        self._after("committed")

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
        bundled ones.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        for name in base:
            if name not in TABLES:
                raise UnknownTable(f"unknown table {name!r}", tabel=name)
        frames = {t: base[t] if t in base else empty_frame(t) for t in BASE_TABLES}
        for frame in frames.values():
            check_frame(frame)
        with self._locked():
            latest = self._latest()
            if latest is not None:
                return latest["versie"]
            pins = {t: self._write_table(t, f, 0) for t, f in frames.items()}
            self._append_version(
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
        the current ``interventies``). Other tables are carried over unchanged.
        """
        _check_table(table)
        _check_scope(scope)
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        check_frame(frame)
        with self._locked():
            latest = self._latest()
            if latest is None:
                raise EmptyStore("the store has no version yet: call ensure_base first")
            version = latest["versie"] + 1
            data = self._merged(table, frame, scope, latest["tabelversies"])
            pin = self._write_table(table, data, version)
            self._append_version(
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
                )
            )
            return version

    def rollback(self, version: int, *, who: str, comment: str) -> int:
        """Make old ``version`` current again as a new version ("herstel"); return its number.

        Nothing is deleted or rewritten: the new row points at the same table versions.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        with self._locked():
            latest = self._latest()
            if latest is None:
                raise EmptyStore("the store has no version yet")
            old = self.version_info(version)
            new = latest["versie"] + 1
            self._append_version(
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
                )
            )
            return new


def _check_table(table: str) -> None:
    if table not in UPLOADABLE_TABLES:
        raise UnknownTable(f"{table!r} is not an uploadable table", tabel=table)


def _check_scope(scope: str) -> None:
    if scope not in ("alles", "gemeenten"):
        raise ScopeError(f"unknown scope {scope!r}", key="store.unknown_scope", scope=scope)
