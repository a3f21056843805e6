"""At most a few validations at once in one server process, and memory given back after each.

A validation of a large file takes seconds and a few times the file in memory; two sessions
that validate at once share two cores, and more would starve every other visitor. So each
validation takes a turn (``Slots.turn``): at most ``at_once`` run together, a further one
waits (the caller is told, to say so on the page) at most ``wait_s`` seconds and is then
refused with ``Busy``. After a turn the big frames are gone; ``release_memory`` asks the C
allocator to hand its free pages back to the system, so the server does not stay at its peak.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import threading
from collections.abc import Callable, Iterator
from typing import ClassVar

from lib.errors import KeyedError


class Busy(KeyedError):
    """Every turn stayed taken for the whole wait; ``params``: ``n`` (turns) and ``seconds``."""

    default_key: ClassVar[str] = "upload.busy.refused"


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    return library if hasattr(library, "malloc_trim") else None


_LIBC = _libc()


def release_memory() -> None:
    """Collect cycles and return the allocator's free memory to the system (glibc only)."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


class Slots:
    """``at_once`` turns, shared by every thread (session) of the process."""

    def __init__(self, at_once: int) -> None:
        self.at_once = max(1, at_once)
        self._turns = threading.BoundedSemaphore(self.at_once)

    @contextlib.contextmanager
    def turn(self, wait_s: float, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold a turn for the block; ``on_wait()`` when none is free at once; ``Busy`` when
        none came free within ``wait_s`` seconds. Memory is released after the block."""
        if not self._turns.acquire(blocking=False):
            if on_wait is not None:
                on_wait()
            if not self._turns.acquire(timeout=wait_s):
                raise Busy(n=self.at_once, seconds=round(wait_s))
        try:
            yield
        finally:
            self._turns.release()
            release_memory()
