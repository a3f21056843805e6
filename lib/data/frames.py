"""Frames as the store keeps them: the contract's empty tables, row keys, exact round trips.

A frame is stored only when it comes back from Delta Lake unchanged (``check_frame``): plain
types, microsecond datetimes, no reserved column. The row order is kept in a hidden column.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import polars as pl
from polars.datatypes import DataTypeClass

from lib.contract.resources import BASE_TABLES
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data.store_errors import ScopeError, UnknownTable, UnsupportedFrame

ORDER_COLUMN: Final = "__pmg_rij"
"""Hidden column that stores the row order; added on write, removed on read."""

# Natural key for tables whose contract has no single key column (see ``table_key``).
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


def base_frames(base: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Every table of ``BASE_TABLES`` in ``base`` (empty when absent), checked; unknown
    tables are refused, other known ones ignored (context tables are stored from their first
    publication on)."""
    for name in base:
        if name not in TABLES:
            raise UnknownTable(f"unknown table {name!r}", tabel=name)
    frames = {t: base[t] if t in base else empty_frame(t) for t in BASE_TABLES}
    for frame in frames.values():
        check_frame(frame)
    return frames


def check_table(table: str) -> None:
    if table not in UPLOADABLE_TABLES:
        raise UnknownTable(f"{table!r} is not an uploadable table", tabel=table)


def check_scope(scope: str) -> None:
    if scope not in ("alles", "gemeenten"):
        raise ScopeError(f"unknown scope {scope!r}", key="store.unknown_scope", scope=scope)
