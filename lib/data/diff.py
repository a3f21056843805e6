"""What changed between two versions of a table: rows added, rows removed, cells changed.

Rows are matched on a key (one column or several; ``lib.data.frames.table_key`` gives the key
of a table of the contract), vectorised with joins: no loop over rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import polars as pl


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


def diff_frames(old: pl.DataFrame, new: pl.DataFrame, key: str | Sequence[str]) -> Diff:
    """Compare two frames on ``key`` (one column or several), vectorised with joins.

    A duplicated key is matched by occurrence (the first with the first, ...). Null keys match
    each other. A column present on one side only counts as null on the other side. Cells are
    compared typed when both sides have the same type, else as text.
    """
    keys = (key,) if isinstance(key, str) else tuple(key)
    _check_keys(keys, old, new)
    on = [*keys, _OCC]
    occurrence = pl.int_range(pl.len(), dtype=pl.Int64).over(keys).alias(_OCC)
    old_i = old.with_columns(occurrence)
    new_i = new.with_columns(occurrence)
    added = _unmatched(new_i, old_i, on)
    removed = _unmatched(old_i, new_i, on)
    columns = [c for c in new.columns if c not in keys]
    columns += [c for c in old.columns if c not in keys and c not in new.columns]
    both = _side(new_i, new.columns, on, columns, _NEW, _position()).join(
        _side(old_i, old.columns, on, columns, _OLD), on=on, how="inner", nulls_equal=True
    )
    return Diff(keys, added, removed, _changed_cells(both, keys, columns, new.schema))


def _check_keys(keys: tuple[str, ...], old: pl.DataFrame, new: pl.DataFrame) -> None:
    """Raise ``ValueError`` unless ``keys`` are columns of the same type in both frames."""
    if not keys:
        raise ValueError("diff_frames needs at least one key column")
    _check_present(keys, old, "old")
    _check_present(keys, new, "new")
    clash = [c for c in (*DIFF_COLUMNS, _OCC, _POS, _COL) if c in keys]
    if clash:
        raise ValueError(f"key column(s) {clash} clash with the diff's own columns")
    mismatch = [k for k in keys if old.schema[k] != new.schema[k]]
    if mismatch:
        raise ValueError(f"key column(s) {mismatch} have different types in old and new")


def _check_present(keys: tuple[str, ...], frame: pl.DataFrame, side: str) -> None:
    missing = [k for k in keys if k not in frame.columns]
    if missing:
        raise ValueError(f"key column(s) {missing} missing from the {side} frame")


def _unmatched(frame: pl.DataFrame, other: pl.DataFrame, on: list[str]) -> pl.DataFrame:
    """The rows of ``frame`` (numbered by occurrence of their key) that ``other`` lacks."""
    return frame.join(
        other.select(on), on=on, how="anti", nulls_equal=True, maintain_order="left"
    ).drop(_OCC)


def _position() -> pl.Expr:
    """The row number of a row of the new frame: the order of the changed cells."""
    return pl.int_range(pl.len(), dtype=pl.Int64).alias(_POS)


def _side(
    frame: pl.DataFrame,
    present: Sequence[str],
    on: list[str],
    columns: list[str],
    prefix: str,
    *extra: pl.Expr,
) -> pl.DataFrame:
    """The key and every compared column, numbered; null where the frame had no such column
    (``present``: the columns of the frame as given)."""
    cells = (
        (pl.col(c) if c in present else pl.lit(None, pl.String)).alias(f"{prefix}{i}")
        for i, c in enumerate(columns)
    )
    return frame.select(*on, *extra, *cells)


def _changed_cells(
    both: pl.DataFrame, keys: tuple[str, ...], columns: list[str], schema: pl.Schema
) -> pl.DataFrame:
    """One row per changed cell of the matched rows (``both``): keys, kolom, oud, nieuw."""
    parts = [_column_changes(both, keys, i, name) for i, name in enumerate(columns)]
    empty = {
        **{k: schema[k] for k in keys},
        **dict.fromkeys(DIFF_COLUMNS, pl.String()),
        _POS: pl.Int64(),
        _COL: pl.Int64(),
    }
    changed = pl.concat([pl.DataFrame(schema=empty), *parts], how="vertical")
    return changed.sort(_POS, _COL, maintain_order=True).drop(_POS, _COL)


def _column_changes(both: pl.DataFrame, keys: tuple[str, ...], i: int, name: str) -> pl.DataFrame:
    """The matched rows whose column number ``i`` (``name``) differs, as changed cells."""
    o_name, n_name = f"{_OLD}{i}", f"{_NEW}{i}"
    o_type, n_type = both.schema[o_name], both.schema[n_name]
    o_text, n_text = _text(o_name, o_type), _text(n_name, n_type)
    same = o_type == n_type and not isinstance(o_type, pl.Null)
    differs = pl.col(o_name).ne_missing(pl.col(n_name)) if same else o_text.ne_missing(n_text)
    return both.filter(differs).select(
        *keys,
        pl.lit(name).alias("kolom"),
        o_text.alias("oud"),
        n_text.alias("nieuw"),
        _POS,
        pl.lit(i, pl.Int64).alias(_COL),
    )
