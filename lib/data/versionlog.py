"""The list of versions as far as it can be read, and what is wrong with it.

``read_log`` never raises for a damaged store: it returns the rows of ``versies`` it could read
(from the newest state of the Delta log, else from the newest older state that still reads),
the high-water mark, and a ``state``. ``VersionLog.damage`` turns that into the reason the
newest version cannot be shown, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Final, Literal

import polars as pl

from lib.data import delta, highwater
from lib.data.bounded import ReadTimedOut, bounded
from lib.data.store_errors import DamagedVersion, UnknownVersion
from lib.data.versions import VERSIONS_SCHEMA, VERSIONS_TABLE, VersionInfo, decode_version

LogState = Literal["ok", "absent", "older", "unreadable"]
"""``ok``; ``absent``: no version was ever committed; ``older``: the newest commits of the log
do not read, the rows come from an older state; ``unreadable``: no state of the log reads."""

OLDER_STATES_TRIED: Final = 10


@dataclass(frozen=True)
class VersionLog:
    rows: pl.DataFrame
    high_water: int | None
    state: LogState

    @property
    def numbers(self) -> list[int]:
        """The version numbers that have a row, newest first."""
        column = self.rows.get_column("versie").drop_nulls()
        return sorted({int(v) for v in column.to_list()}, reverse=True)

    @property
    def last_row(self) -> int | None:
        """The newest version that has a row."""
        numbers = self.numbers
        return numbers[0] if numbers else None

    @property
    def newest(self) -> int | None:
        """The newest version the store has made current (by its rows or its mark)."""
        known = [n for n in (self.last_row, self.high_water) if n is not None]
        if self.state == "older" and self.last_row is not None:
            known.append(self.last_row + 1)  # an unreadable commit held at least one more
        return max(known) if known else None

    def damage(self) -> DamagedVersion | None:
        """Why the newest version cannot be shown as far as the log tells, or None."""
        if self.state == "unreadable" or (self.state == "absent" and self.high_water is not None):
            return DamagedVersion(
                f"the version log is {self.state}", reason="history", version=self.high_water
            )
        newest = self.newest
        if newest is not None and newest != self.last_row:
            return DamagedVersion(
                f"version {newest} has no row in the version log (log state {self.state})",
                reason="missing",
                version=newest,
            )
        return None

    def info(self, version: int) -> VersionInfo:
        """The decoded row of ``version``: ``UnknownVersion``, or ``DamagedVersion`` for a row
        that is not as it was written."""
        rows = self.rows.filter(pl.col("versie") == version)
        if rows.is_empty():
            raise UnknownVersion(f"version {version} does not exist", versie=version)
        return decode_version(rows.row(0, named=True))

    def next_number(self) -> int:
        """The number of the next version: above every number ever used."""
        newest = self.newest
        return 0 if newest is None else newest + 1


def read_log(root: Path, timeout: float) -> VersionLog:
    """The version log of the store in ``root`` (see the module docstring)."""
    folder = root / VERSIONS_TABLE
    mark = highwater.read(root)
    if not delta.has_log(folder):
        return VersionLog(_empty(), mark, "absent")
    uri = str(folder)
    try:
        return VersionLog(_frame(bounded(lambda: pl.read_delta(uri), timeout)), mark, "ok")
    except ReadTimedOut:  # a disk that hangs: older states would hang as well
        return VersionLog(_empty(), mark, "unreadable")
    except Exception:  # a damaged newest commit or row file: look for an older state that reads
        pass
    for number in sorted(delta.commits(folder), reverse=True)[1 : 1 + OLDER_STATES_TRIED]:
        try:
            rows = bounded(partial(pl.read_delta, uri, version=number), timeout)
        except Exception:
            continue
        return VersionLog(_frame(rows), mark, "older")
    return VersionLog(_empty(), mark, "unreadable")


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=VERSIONS_SCHEMA)


def _frame(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` with every column of ``versies`` (older tables lack the checksum columns)."""
    missing = [
        pl.lit(None, dtype).alias(name)
        for name, dtype in VERSIONS_SCHEMA.items()
        if name not in rows.columns
    ]
    return rows.with_columns(missing)
