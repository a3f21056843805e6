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
