"""The ceilings of an upload: file size, filled rows and characters per cell.

Each ceiling comes from the settings (``lib.config.upload_settings``: ``PMG_UPLOAD_MAX_MB``,
``PMG_UPLOAD_MAX_ROWS``, ``PMG_UPLOAD_MAX_CELL``); going over one is an error that names the
limit (and, for a cell, its row and column). The checks are vectorised: one query finds the
longest cell of every column, and rows are looked at only in a column that has a cell too long.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import polars as pl

from lib.config import upload_settings
from lib.data.validate import SHOWN, Issue, capped

__all__ = ["SHOWN", "Limits", "capped", "column_label", "long_cells", "size_params"]

MAX_BYTES: Final[int] = 200 * 2**20
MAX_ROWS: Final[int] = 2_000_000
MAX_CELL: Final[int] = 10_000


@dataclass(frozen=True)
class Limits:
    """``max_bytes`` of the file, ``max_rows`` filled data rows, ``max_cell`` characters."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_cell: int = MAX_CELL

    @classmethod
    def from_settings(cls) -> Limits:
        settings = upload_settings()
        return cls(settings.max_bytes, settings.max_rows, settings.max_cell)


def size_params(limit: int) -> dict[str, object]:
    """A size as a number and a unit (a float is shown in the notation of the language)."""
    if limit >= 2**20:
        return {"limit": round(limit / 2**20, 1), "unit": "MB"}
    if limit >= 2**10:
        return {"limit": round(limit / 2**10, 1), "unit": "KB"}
    return {"limit": limit, "unit": "bytes"}


def too_many_rows(limit: int) -> Issue:
    """More filled rows than ``limit``: the file is not read further."""
    return Issue("too_many_rows", None, None, None, "error", {"limit": float(limit)})


def column_label(header: str, index: int) -> str:
    """How a column of the file is named in a message: its header, else its number."""
    text = header.strip()
    return text if text and len(text) <= 100 else f"kolom_{index + 1}"


def long_cells(
    frame: pl.DataFrame, rows: pl.Series, labels: Sequence[str], limit: int
) -> list[Issue]:
    """A ``cell_too_long`` error for each cell of more than ``limit`` characters (its row
    and column; its text is not repeated), at most ``SHOWN`` per column."""
    if frame.is_empty():
        return []
    # bytes are at least characters: only a column with a long value in bytes is counted
    longest = frame.select(pl.col(c).str.len_bytes().max() for c in frame.columns).row(0)
    issues: list[Issue] = []
    for name, label, size in zip(frame.columns, labels, longest, strict=True):
        if size is None or int(size) <= limit:
            continue
        lengths = frame.get_column(name).str.len_chars()
        hit = (lengths > limit).fill_null(False)
        found = pl.DataFrame([rows.alias("row"), lengths.alias("n")]).filter(hit)
        shown = [
            Issue("cell_too_long", label, int(r), None, "error",
                  {"limit": float(limit), "lengte": float(n)})
            for r, n in found.head(SHOWN).iter_rows()
        ]  # fmt: skip
        issues += capped(shown, found.height, label, "cell_too_long")
    return issues
