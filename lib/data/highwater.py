"""The high-water mark: the highest version number the store has ever made current.

A file of its own beside the tables (``<root>/hoogste_versie``), written after each version is
committed to ``versies``, atomically (a temporary file renamed over it). It only ever goes up.
When it is above the newest row of ``versies``, commits of the version log were lost (deleted
or unreadable): the store reports that version as missing instead of silently showing an older
one as current, and the next version gets a number above the mark, so no number is used twice.
A mark below the newest row (a writer killed between its commit and the mark) is simply raised
by the next writer.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Final

HIGH_WATER_FILE: Final = "hoogste_versie"

logger = logging.getLogger("pmg.store")


def read(root: Path) -> int | None:
    """The mark, or None when there is none (a new store, or one from before the mark)."""
    path = root / HIGH_WATER_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("high-water mark unreadable, ignored: %s", error)
        return None
    if not text.isdigit():
        logger.warning("high-water mark is not a number, ignored: %r", text[:40])
        return None
    return int(text)


def write(root: Path, number: int) -> None:
    """Set the mark to ``number`` (never lower: a lower number is ignored). Call inside the lock."""
    current = read(root)
    if current is not None and current >= number:
        return
    path = root / HIGH_WATER_FILE
    temporary = root / f".{HIGH_WATER_FILE}.tmp"
    with temporary.open("w", encoding="ascii") as handle:
        handle.write(f"{number}\n")
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
    folder = os.open(root, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
