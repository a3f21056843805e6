"""What the dashboard shows: the newest version that checks out, and why it is not the newest.

``serve`` never raises for a damaged store. It walks from the asked-for version (default: the
newest the store has made current) down to version 0 and returns the first whose row and files
check out (``lib.data.reading``), or the bundled data when none does, with the damage that made
it pass over the newer ones. A table version found damaged is not read again for an older
version that pins it too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lib.data.catalog import Dataset, store_dataset
from lib.data.store import Store
from lib.data.store_errors import DamagedVersion
from lib.data.versionlog import VersionLog

logger = logging.getLogger("pmg.store")


@dataclass(frozen=True)
class StoreView:
    """The dataset to show, which version it is, and why it is not the one asked for."""

    dataset: Dataset
    newest: int | None
    """The newest version the store has made current (None: nothing published yet)."""
    served: int | None
    """The version in ``dataset``; None: the bundled data, no version of the store."""
    damage: DamagedVersion | None
    """Why the asked-for version is not shown (the first damage found), or None."""
    restorable: bool = True
    """Whether a good version can be restored (not when the version log itself is damaged)."""

    @property
    def read_only(self) -> bool:
        """True when the data shown is not the version asked for: nothing may build on it."""
        return self.damage is not None


def serve(base: Dataset, store: Store, version: int | None = None) -> StoreView:
    """The newest good version at or below ``version`` (default: the newest), see above."""
    log = store.log()
    numbers = log.numbers
    target = log.newest if version is None else version
    damage = _known_damage(log, version, target)
    restorable = log.state == "ok" and bool(numbers)
    if target is None:
        return StoreView(base, log.newest, None, damage, restorable)
    bad: set[tuple[str, int]] = set()
    for number in (n for n in numbers if n <= target):
        try:
            dataset = _dataset(base, store, log, number, bad)
        except DamagedVersion as error:
            damage = _passed_over(number, error, damage, bad)
            continue
        return StoreView(dataset, log.newest, number, damage, restorable)
    return StoreView(base, log.newest, None, damage, restorable=False)


def _known_damage(log: VersionLog, asked: int | None, target: int | None) -> DamagedVersion | None:
    """What the log alone says is wrong with the version to show (``target``)."""
    damage = log.damage() if asked is None else None
    if damage is None and target is not None and target not in log.numbers:
        damage = DamagedVersion(f"version {target} has no row", reason="missing", version=target)
    return damage


def _passed_over(
    number: int, error: DamagedVersion, first: DamagedVersion | None, bad: set[tuple[str, int]]
) -> DamagedVersion:
    """Note that version ``number`` is damaged (and its table version, in ``bad``); the first
    damage found is the one to report."""
    logger.warning("version %s not shown: %s", number, error)
    if error.table is not None and error.pin is not None:
        bad.add((error.table, error.pin))
    return first or error


def _dataset(
    base: Dataset, store: Store, log: VersionLog, number: int, bad: set[tuple[str, int]]
) -> Dataset:
    """The dataset of version ``number``; ``DamagedVersion`` for any failure (a table version
    in ``bad`` is not read again)."""
    info = log.info(number)
    known = [(t, p) for t, p in info["tabelversies"].items() if (t, p) in bad]
    if known:
        raise DamagedVersion(f"pins damaged {known}", reason="checksum", version=number)
    try:
        return store_dataset(base, store, info)
    except DamagedVersion:
        raise
    except Exception as error:  # not foreseen: still never a raw exception on a page
        logger.exception("version %s could not be read", number)
        raise DamagedVersion(str(error), reason="corrupt", version=number) from error
