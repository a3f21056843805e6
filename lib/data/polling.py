"""How a server notices a version that another server or the command line published.

Several app servers can share one store; none tells the others that it published. Each server
asks the store for its current state at most once every ``PMG_VERSION_CHECK_S`` seconds and
keys its caches on the answer, so a new version is served to new reruns within that time,
without a restart. The question is cheap: ``Store.stamp`` lists the version log (one request
to a bucket) and reads no table. A server that published itself does not wait: it calls
``VersionWatch.expire``.

Plain Python (no Streamlit): the web layer keeps one watch per store and process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class VersionWatch(Generic[T]):
    """The answer of ``probe``, asked again when the last answer is ``every_s`` seconds old.

    Thread-safe and shared by every session of a process: while one session asks, the others
    get the last answer at once instead of waiting (only the very first question makes them
    wait). ``clock`` is a monotonic clock in seconds (a test passes its own).
    """

    def __init__(
        self,
        probe: Callable[[], T],
        every_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if every_s < 0:
            raise ValueError("every_s must not be negative")
        self._probe = probe
        self.every_s = every_s
        self._clock = clock
        self._lock = threading.Lock()
        self._answer: T | None = None
        self._asked: float | None = None
        self.questions = 0
        """How many times ``probe`` was called (for tests and logs)."""

    def _due(self) -> bool:
        return self._asked is None or self._clock() - self._asked >= self.every_s

    def current(self) -> T:
        """The last answer, or a new one when it is due."""
        if not self._due() and self._answer is not None:
            return self._answer
        first = self._answer is None
        if not self._lock.acquire(blocking=first):
            return self._answer  # type: ignore[return-value]  # another session is asking
        try:
            if self._due() or self._answer is None:
                asked = self._clock()
                self._answer = self._probe()
                self._asked = asked
                self.questions += 1
            return self._answer
        finally:
            self._lock.release()

    def expire(self) -> None:
        """Ask again at the next ``current`` (this process just changed the store)."""
        with self._lock:
            self._asked = None
