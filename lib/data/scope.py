"""Partial publication: the rows of the municipalities in a file replace theirs, the rest stays.

A row belongs to the municipality in its ``gemeentecode``; a table without that column (such as
``voortgang``) takes the municipality of its ``interventie_id`` in the current ``interventies``.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from lib.data.frames import check_frame
from lib.data.store_errors import ScopeError, UnsupportedFrame


def replace_municipalities(
    table: str,
    frame: pl.DataFrame,
    current: pl.DataFrame,
    *,
    interventies: Callable[[], pl.DataFrame],
) -> pl.DataFrame:
    """``current`` without the rows of the municipalities in ``frame``, then ``frame``.

    ``interventies`` reads the current ``interventies`` (only when ``table`` needs it).
    """
    codes = municipalities(table, frame, interventies, strict=True).drop_nulls().unique()
    if codes.is_empty():
        raise ScopeError("the file names no municipality", key="store.scope_empty")
    owner = municipalities(table, current, interventies, strict=False)
    kept = current.filter(~owner.is_in(codes.implode()).fill_null(False))
    clash = [c for c in frame.columns if c in kept.columns and kept.schema[c] != frame.schema[c]]
    if clash:
        raise UnsupportedFrame(
            f"column types differ from the current version: {clash}",
            key="store.schema_mismatch",
            kolommen=", ".join(clash),
        )
    merged = pl.concat([kept, frame], how="diagonal")
    check_frame(merged)
    return merged


def municipalities(
    table: str,
    frame: pl.DataFrame,
    interventies: Callable[[], pl.DataFrame],
    *,
    strict: bool,
) -> pl.Series:
    """The ``gemeentecode`` each row of ``frame`` belongs to; ``strict``: every
    ``interventie_id`` must be known."""
    if "gemeentecode" in frame.columns:
        return frame.get_column("gemeentecode").cast(pl.String)
    if "interventie_id" not in frame.columns or table == "interventies":
        raise ScopeError(f"table {table!r} has no municipality column", tabel=table)
    owners = (
        interventies()
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
