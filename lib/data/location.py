"""Where a store lives: a local folder (``Folder``) or a prefix in an S3-compatible bucket
(``Bucket``), and the few things the store does with files besides Delta Lake.

A location is written as a URI (``PMG_STORE_URI``): ``s3://bucket/prefix`` or a folder path;
the default is the folder ``PMG_STORE_DIR`` (``data/store``). A bucket's endpoint and
credentials are storage options (``lib.config.store_options``), handed to ``deltalake`` and
Polars and used for the listings and checksum reads here, through delta-rs's own object store
client (``deltalake.fs.DeltaStorageHandler``), so one set of options means the same everywhere.

What differs between the two kinds (see README, "Store on object storage"):

- a folder has a lock file for its writers, a high-water mark file (``lib.data.highwater``) and
  removes what interrupted writes left at the next write;
- a bucket has no lock: the Delta log's atomic commit of ``versies`` decides between writers on
  different servers (``lib.data.delta``); the high-water mark is one empty object per version
  number under ``hoogste_versie/`` (the highest name counts), which no writer ever overwrites;
  leftovers are removed only when they are a day old, long after any publication that could
  still commit them has given up (``MAX_WRITE_SECONDS``).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final
from uuid import uuid4

from lib.config import STORE_URI_VAR, ConfigError, store_options, store_uri
from lib.data import delta, highwater, integrity
from lib.data.delta import LOG_FOLDER, commit_name, commit_number

logger = logging.getLogger("pmg.store")

SCHEME: Final = "s3://"
MARKS: Final = highwater.HIGH_WATER_FILE
"""In a bucket: the folder of the high-water mark objects."""
PROBE_FOLDER: Final = "_schrijftest"
"""In a bucket: where the conditional-put check writes its throw-away table."""
LEFTOVER_AGE: Final = 24 * 3600.0
"""In a bucket: an unreferenced data file is removed once it is this many seconds old."""
MAX_WRITE_SECONDS: Final = 3600.0
"""In a bucket: a publication that took longer than this since it began does not commit."""
_CHUNK: Final = 8 << 20


class LocationError(ValueError):
    """A store location that cannot be used; the message names it."""


@dataclass(frozen=True)
class Leftover:
    """A data file in a table folder, with the time it was last written (seconds)."""

    name: str
    modified: float


@dataclass(frozen=True)
class Folder:
    """A store in a local folder."""

    path: Path

    remote: ClassVar[bool] = False

    @property
    def key(self) -> str:
        """Names the location (caches, locks, messages); never holds a secret."""
        return str(self.path)

    @property
    def storage_options(self) -> dict[str, str] | None:
        return None

    def uri(self, name: str) -> str:
        return str(self.path / name)

    def files(self, table: str) -> integrity.Files:
        return integrity.LocalFiles(self.path / table)

    def commits(self, table: str) -> list[int]:
        return delta.commits(self.path / table)

    def has_log(self, table: str) -> bool:
        return delta.has_log(self.path / table)

    def read_commit(self, table: str, number: int) -> bytes:
        return (self.path / table / LOG_FOLDER / commit_name(number)).read_bytes()

    def read_mark(self) -> int | None:
        return highwater.read(self.path)

    def write_mark(self, number: int) -> None:
        highwater.write(self.path, number)

    def stamp(self, table: str) -> str:
        """Changes with every commit to ``table``'s log and with the high-water mark."""
        stamps = []
        for path in (self.path / table / LOG_FOLDER, self.path / highwater.HIGH_WATER_FILE):
            stamps.append(str(path.stat().st_mtime_ns) if path.exists() else "-")
        return "|".join(stamps)


@dataclass(frozen=True)
class Bucket:
    """A store under ``s3://bucket/prefix`` (``root``), reached with ``options``."""

    root: str
    options: tuple[tuple[str, str], ...] = ()

    remote: ClassVar[bool] = True

    @property
    def key(self) -> str:
        return self.root

    @property
    def storage_options(self) -> dict[str, str]:
        return dict(self.options)

    def uri(self, name: str) -> str:
        return f"{self.root}/{name}"

    def _handler(self) -> Any:
        return _storage(self.root, self.options)

    def _list(self, folder: str, *, recursive: bool = False) -> list[Any]:
        """The objects (``pyarrow.fs.FileInfo``, files only) under ``folder``."""
        infos = self._handler().get_file_info_selector(
            _selector(folder, allow_not_found=True, recursive=recursive)
        )
        return [info for info in infos if info.is_file]

    def files(self, table: str) -> integrity.Files:
        return BucketFiles(self, table)

    def commits(self, table: str) -> list[int]:
        names = (_name(info.path) for info in self._list(f"{table}/{LOG_FOLDER}"))
        return sorted(n for n in map(commit_number, names) if n is not None)

    def has_log(self, table: str) -> bool:
        names = [_name(info.path) for info in self._list(f"{table}/{LOG_FOLDER}")]
        return any(commit_number(n) is not None or n == "_last_checkpoint" for n in names)

    def read_commit(self, table: str, number: int) -> bytes:
        return self.read(f"{table}/{LOG_FOLDER}/{commit_name(number)}")

    def read(self, path: str) -> bytes:
        """The content of the object at ``path``; ``FileNotFoundError`` when there is none."""
        return b"".join(self.chunks(path))

    def chunks(self, path: str) -> Iterator[bytes]:
        handle = self._handler().open_input_file(path)
        try:
            while chunk := handle.read(_CHUNK):
                yield chunk
        finally:
            handle.close()

    def read_mark(self) -> int | None:
        """The highest number under ``hoogste_versie/``, or None (one listing)."""
        names = (_name(info.path) for info in self._list(MARKS))
        numbers = [int(n) for n in names if n.isdigit()]
        return max(numbers) if numbers else None

    def write_mark(self, number: int) -> None:
        """Add the (empty) mark object of ``number``; a lower mark takes nothing away."""
        self._handler().open_output_stream(f"{MARKS}/{number:020d}").close()

    def stamp(self, table: str) -> str:
        """Changes with every commit to ``table``'s log (one listing)."""
        numbers = self.commits(table)
        return f"c{numbers[-1]}" if numbers else "-"

    def leftovers(self, folder: str) -> list[Leftover]:
        """The data files directly in ``folder`` with the time each was written."""
        found = []
        for info in self._list(folder):
            name = _name(info.path)
            if name.endswith(".parquet") and info.mtime is not None:
                found.append(Leftover(name, info.mtime.timestamp()))
        return found

    def delete(self, path: str) -> None:
        self._handler().delete_file(path)

    def check_commits_exclusive(self) -> bool:
        """Whether the store refuses to create an object that exists (conditional put), the
        one thing that keeps two servers' commits apart: a probe table under ``_schrijftest/``
        gets simultaneous commits of the same version (``delta.commits_exclusive``), then
        goes."""
        probe = f"{PROBE_FOLDER}/{uuid4().hex}"
        try:
            return delta.commits_exclusive(self.uri(probe), self.storage_options)
        finally:
            for info in self._list(probe, recursive=True):
                try:
                    self.delete(info.path)
                except OSError as error:  # a probe object left over harms nothing
                    logger.warning("could not remove %s: %s", info.path, error)


@dataclass(frozen=True)
class BucketFiles:
    """The files of one table folder in a bucket (``integrity.Files``)."""

    bucket: Bucket
    table: str

    def size(self, name: str) -> int:
        (info,) = self.bucket._handler().get_file_info([f"{self.table}/{name}"])
        if not info.is_file:
            raise FileNotFoundError(f"{self.bucket.uri(self.table)}/{name}")
        return int(info.size)

    def digest(self, name: str) -> str:
        return integrity.digest_stream(self.bucket.chunks(f"{self.table}/{name}"))


Location = Folder | Bucket


def parse(text: str | Path, options: Mapping[str, str] | None = None) -> Location:
    """The location written as ``text``: ``s3://bucket[/prefix]`` (a ``Bucket`` reached with
    ``options``) or a folder path. ``LocationError`` for another scheme or no bucket name."""
    if isinstance(text, Path):
        return Folder(text)
    text = text.strip()
    if text.startswith(SCHEME):
        path = text.removeprefix(SCHEME).rstrip("/")
        if not path.split("/", 1)[0]:
            raise LocationError(f"{text!r}: no bucket name after {SCHEME}")
        return Bucket(SCHEME + path, tuple(sorted((options or {}).items())))
    if "://" in text:
        raise LocationError(f"{text!r}: a store is a folder or an {SCHEME}bucket/prefix")
    if not text:
        raise LocationError("the store location is empty")
    return Folder(Path(text))


def of(where: str | Path | Location, options: Mapping[str, str] | None = None) -> Location:
    """``where`` as a location (a location is returned as it is)."""
    if isinstance(where, Folder | Bucket):
        return where
    return parse(where, options)


def configured(secrets: Mapping[str, object]) -> Location:
    """The store location of the settings: ``PMG_STORE_URI`` (else ``PMG_STORE_DIR``), with
    the storage options of the ``[store]`` section of ``secrets`` and the ``AWS_*``
    environment for a bucket. ``ConfigError`` naming the setting for one that cannot be used."""
    text = store_uri()
    try:
        if not text.startswith(SCHEME):
            return parse(text)
        return parse(text, store_options(secrets))
    except LocationError as error:
        raise ConfigError(f"{STORE_URI_VAR}: {error}") from error


# ----------------------------------------------------------------------------- per process


_SAFE: dict[Bucket, bool] = {}
_SAFE_LOCK = threading.Lock()
_WRITERS: dict[str, threading.Lock] = {}


def commits_exclusive(bucket: Bucket) -> bool:
    """``Bucket.check_commits_exclusive``, once per process and bucket (a few commits)."""
    with _SAFE_LOCK:
        if bucket not in _SAFE:
            started = time.monotonic()
            _SAFE[bucket] = bucket.check_commits_exclusive()
            logger.info(
                "conditional put at %s: %s (%.2f s)",
                bucket.key,
                "enforced" if _SAFE[bucket] else "NOT enforced",
                time.monotonic() - started,
            )
        return _SAFE[bucket]


def writer_lock(location: Location) -> threading.Lock:
    """One lock per location and process: the writers of one server take turns."""
    with _SAFE_LOCK:
        return _WRITERS.setdefault(location.key, threading.Lock())


# ----------------------------------------------------------------------------- helpers


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


@functools.cache
def _storage(root: str, options: tuple[tuple[str, str], ...]) -> Any:
    """delta-rs's object store client for ``root`` (one per process and location)."""
    from deltalake.fs import DeltaStorageHandler

    return DeltaStorageHandler(root, dict(options))


def _selector(folder: str, *, allow_not_found: bool, recursive: bool) -> Any:
    from pyarrow.fs import FileSelector

    return FileSelector(folder, allow_not_found=allow_not_found, recursive=recursive)
