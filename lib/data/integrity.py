"""Checksums of what the store keeps: recorded with every version, verified on every read.

A version's row in ``versies`` records the *manifest* of the version (column ``bestanden``):
for each table, every data file of the table's pinned Delta version with its size and SHA-256.
The row also carries a checksum of itself (``controle``, over every other column), so a changed
or garbled row (its manifest included) is noticed too. Both are written in the same append that
makes the version current, so they are exactly as atomic as the publication.

Reading a table of a version compares the files the Delta log lists for the pinned version with
the manifest, then each file's size and SHA-256, before Polars sees a byte: a flipped byte, a
truncated, missing or unreadable file is a ``DamageReason``, never wrong figures or a panic.
Rows from before the manifest existed have neither column; for them the sizes in the Delta log
are checked instead.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from lib.data.store_errors import DamageReason

FileEntry = tuple[str, int, str]
"""A data file: path relative to the table's folder, size in bytes, ``sha256:<hex>``."""
Manifest = dict[str, list[FileEntry]]
"""Table -> the data files of its pinned Delta version."""

SEAL_COLUMN: Final = "controle"
_DIGEST: Final = re.compile(r"sha256:[0-9a-f]{64}")
_CHUNK: Final = 1 << 20


def digest_file(path: Path) -> str:
    """``sha256:<hex>`` of the file at ``path``."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
    return "sha256:" + sha.hexdigest()


def describe(folder: Path, names: Iterable[str]) -> list[FileEntry]:
    """The manifest entries of the files ``names`` in ``folder`` (sorted by name)."""
    entries: list[FileEntry] = []
    for name in sorted(names):
        path = folder / name
        entries.append((name, path.stat().st_size, digest_file(path)))
    return entries


def encode(manifest: Mapping[str, Sequence[FileEntry]]) -> str:
    entries = {table: [list(entry) for entry in files] for table, files in manifest.items()}
    return json.dumps(entries, sort_keys=True)


def decode(text: str) -> Manifest:
    """The manifest in ``text``; ``ValueError`` for anything but a well-formed one."""
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("a manifest is an object")
    manifest: Manifest = {}
    for table, files in raw.items():
        if not isinstance(files, list):
            raise ValueError(f"files of {table!r} are not a list")
        manifest[str(table)] = [_entry(item) for item in files]
    return manifest


def _entry(item: object) -> FileEntry:
    if not (isinstance(item, list) and len(item) == 3):
        raise ValueError("a file entry is [path, size, digest]")
    name, size, digest = item
    if not (isinstance(name, str) and name and isinstance(size, int) and size >= 0):
        raise ValueError("a file entry has a path and a size")
    if not (isinstance(digest, str) and _DIGEST.fullmatch(digest)):
        raise ValueError("a file entry has a sha256 digest")
    return name, size, digest


def seal(row: Mapping[str, object]) -> str:
    """``sha256:<hex>`` of every column of a ``versies`` row but the seal itself."""
    fields = {
        k: v.isoformat() if isinstance(v, datetime) else v
        for k, v in row.items()
        if k != SEAL_COLUMN
    }
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(
    folder: Path, listed: Mapping[str, int], recorded: Sequence[FileEntry] | None
) -> DamageReason | None:
    """What is wrong with the files of one table version in ``folder``, or None.

    ``listed``: path -> size as the Delta log lists the version's files; ``recorded``: the
    manifest's entries for the table (None for a row from before manifests: sizes only).
    """
    if recorded is None:
        entries: list[tuple[str, int, str | None]] = [(n, s, None) for n, s in listed.items()]
    elif sorted(listed) != sorted(name for name, _, _ in recorded):
        return "manifest"
    else:
        entries = list(recorded)
    for name, size, digest in entries:
        reason = _check_file(folder / name, size, digest)
        if reason is not None:
            return reason
    return None


def _check_file(path: Path, size: int, digest: str | None) -> DamageReason | None:
    try:
        if path.stat().st_size != size:
            return "checksum"
        if digest is not None and digest_file(path) != digest:
            return "checksum"
    except FileNotFoundError:
        return "missing_file"
    except OSError:  # no permission, a folder where a file should be, an I/O error
        return "unreadable"
    return None
