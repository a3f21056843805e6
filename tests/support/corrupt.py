"""Ways to damage a store on disk, as the integrity tests (unit and AppTest) do it.

Each function damages the store at ``root`` in one way and returns what it changed. They work
on the files, as a failing disk, a careless person or a bad restore from backup would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from lib.data import integrity
from lib.data.versions import VERSIONS_TABLE

LOG = "_delta_log"


def current_file(root: Path, table: str = "interventies") -> Path:
    """The data file of the newest Delta version of ``table``."""
    files = DeltaTable(str(root / table)).file_uris()
    assert len(files) == 1, files
    return Path(files[0])


def newest_commit(folder: Path) -> Path:
    return sorted((folder / LOG).glob("*.json"))[-1]


def flip_byte(root: Path) -> Path:
    """One bit of one byte in the middle of the current data file (the file still parses)."""
    path = current_file(root)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return path


def truncate(root: Path) -> Path:
    """The current data file cut in half (Polars panics on it)."""
    path = current_file(root)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def delete_file(root: Path) -> Path:
    path = current_file(root)
    path.unlink()
    return path


def unreadable(root: Path) -> Path:
    """The current data file without read permission (as root, where permissions do not stop
    a read, tests also use ``deny_reads_as_root``)."""
    path = current_file(root)
    path.chmod(0)
    return path


def corrupt_table_log(root: Path) -> Path:
    """The newest commit of the Delta log of ``interventies`` cut off mid-JSON."""
    path = newest_commit(root / "interventies")
    path.write_text(path.read_text(encoding="utf-8")[:50], encoding="utf-8")
    return path


def corrupt_version_log(root: Path) -> Path:
    """The newest commit of the Delta log of ``versies`` replaced by garbage."""
    path = newest_commit(root / VERSIONS_TABLE)
    path.write_text("{garbage", encoding="utf-8")
    return path


def delete_newest_commit(root: Path) -> Path:
    """The newest commit of ``versies`` deleted: the log silently ends one version earlier."""
    path = newest_commit(root / VERSIONS_TABLE)
    path.unlink()
    return path


def delete_version_log(root: Path) -> Path:
    path = root / VERSIONS_TABLE / LOG
    shutil.rmtree(path)
    return path


def delete_table_log(root: Path) -> Path:
    path = root / "interventies" / LOG
    shutil.rmtree(path)
    return path


def _newest_row_file(root: Path) -> tuple[Path, pl.DataFrame]:
    files = [Path(f) for f in DeltaTable(str(root / VERSIONS_TABLE)).file_uris()]
    rows = [(f, pl.read_parquet(f)) for f in files]
    return max(rows, key=lambda item: int(item[1].item(0, "versie")))


def garbage_checksum(root: Path) -> Path:
    """The recorded SHA-256 of the current data file, in the newest ``versies`` row, replaced
    in place by zeros (same length: the row file still reads)."""
    path, row = _newest_row_file(root)
    manifest = row.item(0, "bestanden")
    digest = manifest.split('"sha256:', 1)[1][:64]
    data = path.read_bytes()
    assert data.count(digest.encode()) == 1
    path.write_bytes(data.replace(digest.encode(), b"0" * 64))
    return path


def garbage_row(root: Path) -> Path:
    """The newest ``versies`` row file rewritten with garbage for its manifest."""
    path, row = _newest_row_file(root)
    row.with_columns(pl.lit("garbage {not json").alias("bestanden")).write_parquet(path)
    return path


CORRUPTIONS: dict[str, Callable[[Path], Path]] = {
    "flip_byte": flip_byte,
    "truncate": truncate,
    "delete_file": delete_file,
    "unreadable": unreadable,
    "corrupt_table_log": corrupt_table_log,
    "corrupt_version_log": corrupt_version_log,
    "delete_newest_commit": delete_newest_commit,
    "delete_version_log": delete_version_log,
    "delete_table_log": delete_table_log,
    "garbage_checksum": garbage_checksum,
    "garbage_row": garbage_row,
}


def running_as_root() -> bool:
    return os.geteuid() == 0


def deny_reads_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running as root, permissions do not stop a read: make opening a file without read
    permission fail as it would for anybody else (only the store's checksum reads it first)."""
    if not running_as_root():
        return
    digest = integrity.digest_file

    def guarded(path: Path) -> str:
        if path.stat().st_mode & 0o444 == 0:
            raise PermissionError(13, "Permission denied", str(path))
        return digest(path)

    monkeypatch.setattr(integrity, "digest_file", guarded)
