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
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar, Final, Literal, TypedDict

import polars as pl
from polars.datatypes import DataTypeClass

from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.errors import KeyedError

Scope = Literal["alles", "gemeenten"]
Action = Literal["basis", "publicatie", "herstel"]
Stage = Literal["locked", "table_written", "committed"]

VERSIONS_TABLE: Final = "versies"
LOCK_FILE: Final = ".publish.lock"
ORDER_COLUMN: Final = "__pmg_rij"
"""Hidden column that stores the row order; added on write, removed on read."""
DEFAULT_WHO: Final = "systeem"

VERSIONS_SCHEMA: Final = pl.Schema(
    {
        "versie": pl.Int64(),
        "tijdstip": pl.Datetime("us", "UTC"),
        "wie": pl.String(),
        "opmerking": pl.String(),
        "actie": pl.String(),
        "scope": pl.String(),
        "tabel": pl.String(),
        "herstel_van": pl.Int64(),
        "bronbestand": pl.String(),
        "checksum": pl.String(),
        "rijen": pl.String(),
        "tabelversies": pl.String(),
    }
)

# Natural key for tables whose contract has no single key column (used by ``diff``).
COMPOSITE_KEYS: Final[dict[str, tuple[str, ...]]] = {"voortgang": ("interventie_id", "periode")}

_CONTRACT_DTYPES: Final[dict[str, pl.DataType]] = {
    "str": pl.String(),
    "int": pl.Int64(),
    "float": pl.Float64(),
    "bool": pl.Boolean(),
}
# Types that come back from Delta exactly as written (unsigned ints, ns/ms datetimes,
# categoricals, time, durations and the null type do not).
_PLAIN_DTYPES: Final[frozenset[type[pl.DataType]]] = frozenset(
    {
        pl.String,
        pl.Boolean,
        pl.Int8,
        pl.Int16,
        pl.Int32,
        pl.Int64,
        pl.Float32,
        pl.Float64,
        pl.Date,
        pl.Decimal,
        pl.Binary,
    }
)
# Never let Delta delete old commit files: every version must stay readable.
_TABLE_CONFIG: Final[dict[str, str | None]] = {
    "delta.enableExpiredLogCleanup": "false",
    "delta.logRetentionDuration": "interval 36500 days",
}


# ----------------------------------------------------------------------------- errors


def _delta() -> ModuleType:
    """The ``deltalake`` module, loaded on first use (it adds a quarter second to a start)."""
    import deltalake

    return deltalake


class StoreError(KeyedError):
    """A store operation was refused; ``key`` and ``params`` give the message (``lib.i18n``)."""

    default_key: ClassVar[str] = "store.error"


class StoreBusy(StoreError):
    """Another publication holds the lock for longer than the timeout."""

    default_key = "store.busy"


class CommentRequired(StoreError):
    default_key = "store.comment_required"


class WhoRequired(StoreError):
    default_key = "store.who_required"


class UnknownTable(StoreError):
    default_key = "store.unknown_table"


class UnknownVersion(StoreError):
    default_key = "store.unknown_version"


class EmptyStore(StoreError):
    """No version exists yet: call ``ensure_base`` first."""

    default_key = "store.empty"


class UnsupportedFrame(StoreError):
    """The frame cannot be stored exactly (types, reserved names, mismatched columns)."""

    default_key = "store.unsupported_dtype"


class ScopeError(StoreError):
    """A partial (``gemeenten``) publication cannot be worked out."""

    default_key = "store.scope_unsupported"


# ----------------------------------------------------------------------------- helpers


class VersionInfo(TypedDict):
    """One row of ``versies`` with its JSON columns decoded."""

    versie: int
    tijdstip: datetime
    wie: str
    opmerking: str
    actie: str
    scope: str
    tabel: str | None
    herstel_van: int | None
    bronbestand: str | None
    checksum: str | None
    rijen: dict[str, int]
    tabelversies: dict[str, int]


def checksum_bytes(data: bytes) -> str:
    """The checksum to record for uploaded bytes: ``sha256:<hex>`` (as in datapackage.json)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def empty_frame(table: str) -> pl.DataFrame:
    """A frame with no rows and the contract's columns and types for ``table``."""
    spec = TABLES[table]
    return pl.DataFrame(schema={c.name: _CONTRACT_DTYPES[c.dtype] for c in spec.columns})


def table_key(table: str) -> tuple[str, ...]:
    """The columns that identify a row of ``table`` (for ``diff``)."""
    if table in COMPOSITE_KEYS:
        return COMPOSITE_KEYS[table]
    key = TABLES[table].key
    if key is None:
        raise UnknownTable(f"no key for table {table!r}", tabel=table)
    return (key,)


def _supported(dtype: pl.DataType | DataTypeClass) -> bool:
    if isinstance(dtype, pl.List):
        return _supported(dtype.inner)
    if isinstance(dtype, pl.Struct):
        return all(_supported(f.dtype) for f in dtype.fields)
    if isinstance(dtype, pl.Datetime):
        return dtype.time_unit == "us"
    return (dtype if isinstance(dtype, type) else dtype.base_type()) in _PLAIN_DTYPES


def check_frame(frame: pl.DataFrame) -> None:
    """Raise ``UnsupportedFrame`` unless ``frame`` comes back from the store unchanged."""
    if ORDER_COLUMN in frame.columns:
        raise UnsupportedFrame(
            f"reserved column {ORDER_COLUMN}", key="store.reserved_column", kolom=ORDER_COLUMN
        )
    if not frame.columns:
        raise UnsupportedFrame("a frame without columns", key="store.no_columns")
    bad = [name for name, dtype in frame.schema.items() if not _supported(dtype)]
    if bad:
        raise UnsupportedFrame(f"unsupported types in {bad}", kolommen=", ".join(bad))


def _text(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column as display text; null stays null."""
    col = pl.col(name)
    if dtype == pl.String:
        return col
    if isinstance(dtype, (pl.List, pl.Array, pl.Struct)):
        encoded = pl.struct(col.alias("v")).struct.json_encode().str.slice(5).str.strip_suffix("}")
        return pl.when(col.is_null()).then(pl.lit(None, pl.String)).otherwise(encoded)
    if dtype == pl.Binary:
        return col.bin.encode("hex")
    return col.cast(pl.String)


def _required_text(value: str, error: type[StoreError]) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise error()
    return text


# ----------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class Diff:
    """Differences from an old to a new frame, matched on ``key``.

    ``added``: rows of new whose key is not in old (new's columns). ``removed``: rows of old
    whose key is not in new (old's columns). ``changed``: one row per changed cell with the key
    columns, ``kolom``, ``oud`` and ``nieuw`` (both as text; null for a missing value), in the
    row order of new and the column order of new (then columns only old has).
    """

    key: tuple[str, ...]
    added: pl.DataFrame
    removed: pl.DataFrame
    changed: pl.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.added.is_empty() and self.removed.is_empty() and self.changed.is_empty()

    @property
    def changed_rows(self) -> int:
        """Number of matched rows with at least one changed cell."""
        if self.changed.is_empty():
            return 0
        return int(self.changed.select(pl.struct(list(self.key)).n_unique()).item())


_OCC = "__pmg_n"
_POS = "__pmg_pos"
_COL = "__pmg_col"
_OLD = "__pmg_oud_"
_NEW = "__pmg_nieuw_"
DIFF_COLUMNS: Final = ("kolom", "oud", "nieuw")


def diff_frames(old: pl.DataFrame, new: pl.DataFrame, key: str | Sequence[str]) -> Diff:
    """Compare two frames on ``key`` (one column or several), vectorised with joins.

    A duplicated key is matched by occurrence (the first with the first, ...). Null keys match
    each other. A column present on one side only counts as null on the other side. Cells are
    compared typed when both sides have the same type, else as text.
    """
    keys = (key,) if isinstance(key, str) else tuple(key)
    if not keys:
        raise ValueError("diff_frames needs at least one key column")
    for side, frame in (("old", old), ("new", new)):
        missing = [k for k in keys if k not in frame.columns]
        if missing:
            raise ValueError(f"key column(s) {missing} missing from the {side} frame")
    clash = [c for c in (*DIFF_COLUMNS, _OCC, _POS, _COL) if c in keys]
    if clash:
        raise ValueError(f"key column(s) {clash} clash with the diff's own columns")
    mismatch = [k for k in keys if old.schema[k] != new.schema[k]]
    if mismatch:
        raise ValueError(f"key column(s) {mismatch} have different types in old and new")

    on = [*keys, _OCC]
    occurrence = pl.int_range(pl.len(), dtype=pl.Int64).over(keys).alias(_OCC)
    old_i = old.with_columns(occurrence)
    new_i = new.with_columns(occurrence)
    added = new_i.join(
        old_i.select(on), on=on, how="anti", nulls_equal=True, maintain_order="left"
    ).drop(_OCC)
    removed = old_i.join(
        new_i.select(on), on=on, how="anti", nulls_equal=True, maintain_order="left"
    ).drop(_OCC)

    columns = [c for c in new.columns if c not in keys]
    columns += [c for c in old.columns if c not in keys and c not in new.columns]
    old_side = old_i.select(
        *on,
        *[
            (pl.col(c) if c in old.columns else pl.lit(None, pl.String)).alias(f"{_OLD}{i}")
            for i, c in enumerate(columns)
        ],
    )
    new_side = new_i.select(
        *on,
        pl.int_range(pl.len(), dtype=pl.Int64).alias(_POS),
        *[
            (pl.col(c) if c in new.columns else pl.lit(None, pl.String)).alias(f"{_NEW}{i}")
            for i, c in enumerate(columns)
        ],
    )
    both = new_side.join(old_side, on=on, how="inner", nulls_equal=True)
    parts: list[pl.DataFrame] = []
    for i, name in enumerate(columns):
        o_name, n_name = f"{_OLD}{i}", f"{_NEW}{i}"
        o_type, n_type = both.schema[o_name], both.schema[n_name]
        o_text, n_text = _text(o_name, o_type), _text(n_name, n_type)
        same = o_type == n_type and not isinstance(o_type, pl.Null)
        differs = pl.col(o_name).ne_missing(pl.col(n_name)) if same else o_text.ne_missing(n_text)
        parts.append(
            both.filter(differs).select(
                *keys,
                pl.lit(name).alias("kolom"),
                o_text.alias("oud"),
                n_text.alias("nieuw"),
                _POS,
                pl.lit(i, pl.Int64).alias(_COL),
            )
        )
    schema = {
        **{k: new.schema[k] for k in keys},
        **dict.fromkeys(DIFF_COLUMNS, pl.String()),
        _POS: pl.Int64(),
        _COL: pl.Int64(),
    }
    changed = pl.concat([pl.DataFrame(schema=schema), *parts], how="vertical")
    changed = changed.sort(_POS, _COL, maintain_order=True).drop(_POS, _COL)
    return Diff(keys, added, removed, changed)


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
        self._storage: dict[str, Any] | None = dict(storage_options) if storage_options else None

    # -- reading -------------------------------------------------------------------------

    def _uri(self, name: str) -> str:
        return str(self.root / name)

    def _versions(self) -> pl.DataFrame | None:
        uri = self._uri(VERSIONS_TABLE)
        if self._storage is None and not (self.root / VERSIONS_TABLE / "_delta_log").is_dir():
            return None  # no store on this disk yet (and no need to load deltalake to know)
        if not _delta().DeltaTable.is_deltatable(uri, storage_options=self._storage):
            return None
        return pl.read_delta(uri, storage_options=self._storage)

    def _latest(self) -> VersionInfo | None:
        versions = self._versions()
        if versions is None or versions.is_empty():
            return None
        return _info(versions.sort("versie").row(-1, named=True))

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
        return _info(rows.row(0, named=True))

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
        uri = self._uri(table)
        data = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(ORDER_COLUMN))
        delta = _delta()
        data.write_delta(
            uri,
            mode="overwrite",
            storage_options=self._storage,
            delta_write_options={
                "schema_mode": "overwrite",
                "configuration": _TABLE_CONFIG,
                "post_commithook_properties": delta.PostCommitHookProperties(
                    cleanup_expired_logs=False
                ),
                "commit_properties": delta.CommitProperties(
                    custom_metadata={"pmg_versie": str(version)}
                ),
            },
        )
        delta_version = delta.DeltaTable(uri, storage_options=self._storage).version()
        self._after("table_written")
        return int(delta_version)

    def _append_version(self, info: VersionInfo) -> None:
        """The atomic publish point: one appended row makes the version current."""
        row = {
            **info,
            "rijen": json.dumps(info["rijen"], sort_keys=True),
            "tabelversies": json.dumps(info["tabelversies"], sort_keys=True),
        }
        pl.DataFrame([row], schema=VERSIONS_SCHEMA).write_delta(
            self._uri(VERSIONS_TABLE),
            mode="append",
            storage_options=self._storage,
            delta_write_options={
                "configuration": _TABLE_CONFIG,
                "post_commithook_properties": _delta().PostCommitHookProperties(
                    cleanup_expired_logs=False
                ),
            },
        )
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

        Only the uploadable tables are stored: other known tables in ``base`` are ignored, a
        missing uploadable table is stored empty with the contract's columns. Once version 0
        exists the store is the authority and ``base`` is not looked at again.
        """
        comment = _required_text(comment, CommentRequired)
        who = _required_text(who, WhoRequired)
        for name in base:
            if name not in TABLES:
                raise UnknownTable(f"unknown table {name!r}", tabel=name)
        frames = {t: base[t] if t in base else empty_frame(t) for t in UPLOADABLE_TABLES}
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
                    tijdstip=_now(),
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
                    tijdstip=_now(),
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
                    tijdstip=_now(),
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

    # -- partial publication -------------------------------------------------------------

    def _merged(
        self, table: str, frame: pl.DataFrame, scope: Scope, pins: Mapping[str, int]
    ) -> pl.DataFrame:
        if scope == "alles":
            return frame
        current = self._read_pinned(table, pins)
        codes = self._municipalities(table, frame, pins, strict=True).drop_nulls().unique()
        if codes.is_empty():
            raise ScopeError("the file names no municipality", key="store.scope_empty")
        owner = self._municipalities(table, current, pins, strict=False)
        kept = current.filter(~owner.is_in(codes.implode()).fill_null(False))
        clash = [
            c
            for c in frame.columns
            if c in kept.columns and kept.schema[c] != frame.schema[c]
        ]
        if clash:
            raise UnsupportedFrame(
                f"column types differ from the current version: {clash}",
                key="store.schema_mismatch",
                kolommen=", ".join(clash),
            )
        merged = pl.concat([kept, frame], how="diagonal")
        check_frame(merged)
        return merged

    def _municipalities(
        self, table: str, frame: pl.DataFrame, pins: Mapping[str, int], *, strict: bool
    ) -> pl.Series:
        """The ``gemeentecode`` each row of ``frame`` belongs to."""
        if "gemeentecode" in frame.columns:
            return frame.get_column("gemeentecode").cast(pl.String)
        if "interventie_id" not in frame.columns or table == "interventies":
            raise ScopeError(f"table {table!r} has no municipality column", tabel=table)
        owners = (
            self._read_pinned("interventies", pins)
            .select("interventie_id", "gemeentecode")
            .unique("interventie_id", keep="first", maintain_order=True)
        )
        codes = frame.select(
            pl.col("interventie_id").replace_strict(
                owners.get_column("interventie_id"),
                owners.get_column("gemeentecode"),
                default=None,
                return_dtype=pl.String,
            )
        ).to_series()
        if strict:
            ids = frame.get_column("interventie_id").filter(
                codes.is_null() & frame.get_column("interventie_id").is_not_null()
            )
            if not ids.is_empty():
                ids = ids.unique(maintain_order=True)
                raise ScopeError(
                    f"unknown interventie_id(s): {ids.to_list()}",
                    key="store.scope_unknown_ids",
                    ids=", ".join(str(v) for v in ids.head(10).to_list()),
                )
        return codes


def _now() -> datetime:
    return datetime.now(UTC)


def _check_table(table: str) -> None:
    if table not in UPLOADABLE_TABLES:
        raise UnknownTable(f"{table!r} is not an uploadable table", tabel=table)


def _check_scope(scope: str) -> None:
    if scope not in ("alles", "gemeenten"):
        raise ScopeError(f"unknown scope {scope!r}", key="store.unknown_scope", scope=scope)


def _info(row: Mapping[str, Any]) -> VersionInfo:
    return VersionInfo(
        versie=int(row["versie"]),
        tijdstip=row["tijdstip"],
        wie=row["wie"],
        opmerking=row["opmerking"],
        actie=row["actie"],
        scope=row["scope"],
        tabel=row["tabel"],
        herstel_van=None if row["herstel_van"] is None else int(row["herstel_van"]),
        bronbestand=row["bronbestand"],
        checksum=row["checksum"],
        rijen={str(k): int(v) for k, v in json.loads(row["rijen"]).items()},
        tabelversies={str(k): int(v) for k, v in json.loads(row["tabelversies"]).items()},
    )
