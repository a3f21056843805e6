"""Files that interrupted writes leave behind, and their removal by the next writer.

A publication killed after writing a table's data file but before its row in ``versies``
leaves a data file (and perhaps a Delta commit) that no version refers to; one killed while
appending its row leaves a row file. The next writer removes, inside the lock, every data file
of the store's table folders that

- no committed version refers to (in its manifest, or in the Delta log of its pinned version
  for a row from before manifests; for ``versies``, its own Delta log), and
- was last changed before that writer took the lock (so nobody is writing it now).

Delta commit files are never removed (a gap in a log would break every later version), only
temporary commit files left in ``_delta_log``. When the log is not whole (a missing, garbled
or unreadable row, an unreadable commit) nothing is removed: what is referenced is unsure.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path

from lib.contract.schema import UPLOADABLE_TABLES
from lib.data import delta
from lib.data.delta import LOG_FOLDER
from lib.data.versionlog import VersionLog
from lib.data.versions import VERSIONS_TABLE, VersionInfo

logger = logging.getLogger("pmg.store")


def remove_orphans(root: Path, log: VersionLog, *, before: float) -> list[Path]:
    """Remove what no version of ``log`` refers to from the store at ``root`` (see the module
    docstring); ``before`` is the ``time.time()`` the lock was taken. Returns what went."""
    referenced = referenced_files(root, log)
    if referenced is None:
        return []
    removed: list[Path] = []
    for name, names in referenced.items():
        removed += _remove_in(root / name, names, before=before)
    if removed:
        logger.info("removed %d file(s) left by interrupted writes in %s", len(removed), root)
    return removed


def referenced_files(root: Path, log: VersionLog) -> dict[str, set[str]] | None:
    """Folder name -> the data files any committed version refers to; None when unsure."""
    if log.state not in ("ok", "absent") or log.damage() is not None:
        return None
    referenced: dict[str, set[str]] = {name: set() for name in (*UPLOADABLE_TABLES, VERSIONS_TABLE)}
    try:
        for number in log.numbers:
            for table, files in _version_files(root, log.info(number)).items():
                referenced.setdefault(table, set()).update(files)
        if log.state == "ok":
            referenced[VERSIONS_TABLE] = set(delta.files(delta.table(str(root / VERSIONS_TABLE))))
    except Exception as error:  # a garbled row or an unreadable log: keep everything
        logger.warning("not removing leftover files, the version log is not whole: %s", error)
        return None
    return referenced


def _version_files(root: Path, info: VersionInfo) -> dict[str, set[str]]:
    """Table -> the data files of the version ``info`` (its manifest, else its Delta log)."""
    manifest = info["bestanden"] or {}
    files: dict[str, set[str]] = {}
    for table, pin in info["tabelversies"].items():
        recorded = manifest.get(table)
        if recorded is None:
            files[table] = set(delta.files(delta.table(str(root / table), pin)))
        else:
            files[table] = {name for name, _, _ in recorded}
    return files


def _remove_in(folder: Path, referenced: Collection[str], *, before: float) -> list[Path]:
    """Delete the unreferenced data files in ``folder`` changed before ``before``."""
    if not folder.is_dir():
        return []
    candidates = [p for p in folder.iterdir() if p.is_file() and p.suffix == ".parquet"]
    candidates += [p for p in (folder / LOG_FOLDER).glob("*.tmp") if p.is_file()]
    removed = [p for p in candidates if p.name not in referenced and _unlink_if_older(p, before)]
    return removed


def _unlink_if_older(path: Path, before: float) -> bool:
    """Delete ``path`` when it was last changed before ``before``; whether it was."""
    try:
        if path.stat().st_mtime >= before:
            return False
        path.unlink()
    except FileNotFoundError:
        return False
    return True
