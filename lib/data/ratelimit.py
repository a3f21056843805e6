"""Limits on guessing the analyst passphrase, for the whole process and every session in it.

Plain Python (no Streamlit). The web app keeps one ``PassphraseGate`` per process (shared by
every session, so a reload or a new session starts with the same counts) and asks it to check
each passphrase. The gate

1. refuses a guess without hashing it when the client address has had ``5`` failed guesses
   in the last ``300`` s, or the whole server ``10`` in the last ``60`` s (``RateLimited``,
   with the wait in seconds);
2. counts the guess as failed *before* it is checked, so guesses in flight count too (a right
   passphrase takes its count back and clears the client's failures);
3. hashes it (PBKDF2, about half a second of CPU) on one worker thread, and refuses a guess
   at once while that is busy (``PassphraseBusy``), never queueing it: a flood of wrong
   guesses never takes more than one core (the server this runs on has two), so other users'
   pages stay fast.

``client_address`` decides which address a request counts against; see its docstring for the
rule about ``X-Forwarded-For``.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from lib.data.auth_errors import PassphraseBusy, RateLimited

CLIENT_FAILURES: Final = 5
CLIENT_WINDOW: Final = 300.0
SERVER_FAILURES: Final = 10
SERVER_WINDOW: Final = 60.0
HASH_WORKERS: Final = 1
BUSY_RETRY: Final = 2
"""Seconds to wait after ``PassphraseBusy`` (a check takes about half a second)."""
SERVER_KEY: Final = "*"
LOOPBACK: Final = "loopback"
UNTRUSTED_FORWARD: Final = "forwarded"


class RateLimiter:
    """At most ``max_failures`` failed attempts per key within ``window_seconds`` (sliding).

    In-process and thread-safe (Streamlit runs sessions as threads of one process); ``clock``
    is injectable for tests. A restart of the app forgets every failure.
    """

    def __init__(
        self,
        max_failures: int = CLIENT_FAILURES,
        window_seconds: float = CLIENT_WINDOW,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_failures < 1 or window_seconds <= 0:
            raise ValueError("max_failures must be >= 1 and window_seconds > 0")
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}

    def _prune(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def _wait(self, times: deque[float], now: float) -> float:
        if len(times) < self.max_failures:
            return 0.0
        return max(0.0, times[-self.max_failures] + self.window_seconds - now)

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again; 0 when it may now."""
        with self._lock:
            now = self._clock()
            return self._wait(self._prune(key, now), now)

    def blocked(self, key: str) -> bool:
        return self.retry_after(key) > 0

    def failures(self, key: str) -> int:
        """The failures of ``key`` in the window."""
        with self._lock:
            return len(self._prune(key, self._clock()))

    def record_failure(self, key: str) -> int:
        """Count a failed attempt; return the failures of ``key`` in the window."""
        with self._lock:
            now = self._clock()
            times = self._prune(key, now)
            times.append(now)
            self._failures[key] = times
            for other in [k for k in self._failures if k != key]:
                self._prune(other, now)
            return len(times)

    def attempt(self, key: str) -> float:
        """Count an attempt as failed unless ``key`` is over the limit; in one step.

        Returns 0 when counted, else the seconds until ``key`` may try again (not counted).
        """
        with self._lock:
            now = self._clock()
            wait = self._wait(self._prune(key, now), now)
        if wait > 0:
            return wait
        self.record_failure(key)
        return 0.0

    def forgive(self, key: str) -> None:
        """Take back the newest failure of ``key`` (an attempt that turned out right)."""
        with self._lock:
            times = self._failures.get(key)
            if times:
                times.pop()
                if not times:
                    self._failures.pop(key, None)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class PassphraseGate:
    """Every passphrase check of the process: limited per client and server, hashed off-line.

    ``verify(passphrase, encoded)`` is the slow check (``lib.data.auth.verify_passphrase``).
    """

    def __init__(
        self,
        verify: Callable[[str, str], bool],
        *,
        per_client: RateLimiter | None = None,
        per_server: RateLimiter | None = None,
        workers: int = HASH_WORKERS,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._verify = verify
        self.per_client = per_client or RateLimiter(CLIENT_FAILURES, CLIENT_WINDOW)
        self.per_server = per_server or RateLimiter(SERVER_FAILURES, SERVER_WINDOW)
        self._slots = threading.BoundedSemaphore(workers)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pmg-passphrase")

    def check(self, passphrase: str, encoded: str, client: str) -> bool:
        """Whether ``passphrase`` matches ``encoded``; ``RateLimited`` or ``PassphraseBusy``
        (both before any hashing) when the guess may not be checked now."""
        self._admit(client)
        try:
            future = self._pool.submit(self._hash, passphrase, encoded)
        except BaseException:
            self._slots.release()
            self._take_back(client)
            raise
        if future.result():
            self.per_client.reset(client)
            self.per_server.forgive(SERVER_KEY)
            return True
        return False

    def _admit(self, client: str) -> None:
        """Count the guess against the client and the server, and take a hashing slot."""
        wait = self.per_client.attempt(client)
        if wait > 0:
            raise RateLimited("too many failed attempts from this client", n=_seconds(wait))
        wait = self.per_server.attempt(SERVER_KEY)
        if wait > 0:
            self.per_client.forgive(client)
            raise RateLimited(
                "too many failed attempts on this server",
                key="auth.rate_limited_server",
                n=_seconds(wait),
            )
        if not self._slots.acquire(blocking=False):
            self._take_back(client)
            raise PassphraseBusy("every passphrase check is in use", n=BUSY_RETRY)

    def _take_back(self, client: str) -> None:
        self.per_client.forgive(client)
        self.per_server.forgive(SERVER_KEY)

    def _hash(self, passphrase: str, encoded: str) -> bool:
        """The check on the worker thread; its slot is free again before the answer is."""
        try:
            return self._verify(passphrase, encoded)
        finally:
            self._slots.release()

    def failures(self, client: str) -> int:
        """Failed guesses of ``client`` in its window (for the log)."""
        return self.per_client.failures(client)


def _seconds(wait: float) -> int:
    """A wait as whole seconds, rounded up, at least 1."""
    return max(1, int(wait) + (wait > int(wait)))


def client_address(peer: str | None, forwarded_for: Sequence[str], trusted_proxies: int) -> str:
    """The address that a passphrase guess counts against.

    ``peer`` is the address Streamlit reports (``st.context.ip_address``: None over loopback),
    ``forwarded_for`` every ``X-Forwarded-For`` header of the request, ``trusted_proxies`` the
    number of reverse proxies in front of the app that each append the address they saw
    (``PMG_TRUSTED_PROXIES``, default 0).

    With trusted proxies the client is the entry that many places from the right of
    ``X-Forwarded-For`` (entries further left were written by the client and can be forged).
    Without, the header is not trusted: and since the server Streamlit runs on (uvicorn)
    replaces the peer address by the header's for connections from loopback, a request that
    carries the header cannot be told apart by address at all; all such requests count
    against one shared key. Requests without it count against their peer address.
    """
    hops = [h.strip() for value in forwarded_for for h in value.split(",") if h.strip()]
    if trusted_proxies > 0 and hops:
        return hops[-trusted_proxies] if len(hops) >= trusted_proxies else UNTRUSTED_FORWARD
    if hops:
        return UNTRUSTED_FORWARD
    return peer or LOOPBACK
