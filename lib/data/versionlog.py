"""The list of versions as far as it can be read, and what is wrong with it.

``read_log`` never raises for a damaged store: it returns the rows of ``versies`` it could read
(from the newest state of the Delta log, else from the newest older state that still reads),
the high-water mark, and a ``state``. ``VersionLog.damage`` turns that into the reason the
newest version cannot be shown, if any. ``delta_version`` is the Delta version of ``versies``
the rows were read at: a writer commits its row as exactly the next one (``lib.data.delta.
append_at``), so a row is only ever added to the log it was worked out from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Final, Literal

import polars as pl

from lib.data import delta
from lib.data.bounded import ReadTimedOut, bounded
from lib.data.location import Location
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
    delta_version: int | None = None
    """The Delta version of ``versies`` that ``rows`` are (None: no log, or none that reads)."""

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


def read_log(location: Location, timeout: float) -> VersionLog:
    """The version log of the store at ``location`` (see the module docstring).

    The high-water mark is read before the log: every mark was written after its commit, so a
    mark above the log means a lost commit, never a commit made between the two reads.
    """
    mark = location.read_mark()
    if not location.has_log(VERSIONS_TABLE):
        return VersionLog(_empty(), mark, "absent")
    uri, options = location.uri(VERSIONS_TABLE), location.storage_options
    numbers = location.commits(VERSIONS_TABLE)
    newest = numbers[-1] if numbers else None
    try:
        if newest is None:  # a checkpoint without commit files: ask Delta which version it is
            newest = bounded(lambda: int(delta.table(uri, None, options).version()), timeout)
        read = partial(pl.read_delta, uri, version=newest, storage_options=options)
        rows = bounded(read, timeout)
        return VersionLog(_frame(rows), mark, "ok", newest)
    except ReadTimedOut:  # a disk that hangs: older states would hang as well
        return VersionLog(_empty(), mark, "unreadable")
    except Exception:  # a damaged newest commit or row file: look for an older state that reads
        pass
    for number in sorted(numbers, reverse=True)[1 : 1 + OLDER_STATES_TRIED]:
        try:
            rows = bounded(
                partial(pl.read_delta, uri, version=number, storage_options=options), timeout
            )
        except Exception:
            continue
        return VersionLog(_frame(rows), mark, "older", number)
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
