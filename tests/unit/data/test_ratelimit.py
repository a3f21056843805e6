"""Passphrase guessing limits: per client address and per server, shared by every session, and
a bound on passphrase hashes at once (refused at once, never queued, when all are busy)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from lib.config import TRUSTED_PROXIES_VAR, trusted_proxies
from lib.data.auth import hash_passphrase, verify_passphrase
from lib.data.auth_errors import PassphraseBusy, RateLimited
from lib.data.ratelimit import (
    CLIENT_FAILURES,
    CLIENT_WINDOW,
    HASH_WORKERS,
    SERVER_FAILURES,
    SERVER_WINDOW,
    PassphraseGate,
    RateLimiter,
    client_address,
)
from lib.text.i18n import t

SECRET = "Gezag-Preventie 2022 ñ"
HASH = hash_passphrase(SECRET, salt=bytes(range(16)), iterations=1_000)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _gate(
    clock: FakeClock, verify: Callable[[str, str], bool] = verify_passphrase, workers: int = 2
) -> PassphraseGate:
    return PassphraseGate(
        verify,
        per_client=RateLimiter(CLIENT_FAILURES, CLIENT_WINDOW, clock=clock),
        per_server=RateLimiter(SERVER_FAILURES, SERVER_WINDOW, clock=clock),
        workers=workers,
    )


# ----------------------------------------------------------------------------- the limiter


def test_rate_limiter_with_a_fake_clock() -> None:
    clock = FakeClock()
    limiter = RateLimiter(max_failures=5, window_seconds=300, clock=clock)
    for n in range(1, 5):
        assert limiter.record_failure("192.0.2.1") == n
        clock.now += 10
    assert not limiter.blocked("192.0.2.1")
    assert limiter.record_failure("192.0.2.1") == 5  # at t=1040
    assert limiter.blocked("192.0.2.1")
    assert limiter.retry_after("192.0.2.1") == 260  # the first failure (t=1000) leaves at 1300
    assert not limiter.blocked("192.0.2.2")  # keys are independent
    clock.now = 1299.9
    assert limiter.blocked("192.0.2.1")
    clock.now = 1300
    assert not limiter.blocked("192.0.2.1")  # sliding window: 4 failures left
    assert limiter.record_failure("192.0.2.1") == 5
    assert limiter.retry_after("192.0.2.1") == pytest.approx(10)  # t=1010 leaves at 1310
    limiter.reset("192.0.2.1")
    assert not limiter.blocked("192.0.2.1")
    with pytest.raises(ValueError, match="max_failures"):
        RateLimiter(max_failures=0)
    with pytest.raises(ValueError, match="window_seconds"):
        RateLimiter(window_seconds=0)


def test_attempt_counts_only_below_the_limit_and_forgive_takes_one_back() -> None:
    limiter = RateLimiter(max_failures=2, window_seconds=60, clock=FakeClock())
    assert limiter.attempt("a") == 0
    assert limiter.attempt("a") == 0
    assert limiter.attempt("a") == 60  # refused, and not counted
    assert limiter.failures("a") == 2
    limiter.forgive("a")
    assert limiter.failures("a") == 1
    limiter.forgive("a")
    limiter.forgive("a")  # nothing left to forgive
    assert limiter.failures("a") == 0


def test_rate_limiter_is_thread_safe() -> None:
    limiter = RateLimiter(max_failures=10_000, window_seconds=300, clock=FakeClock())
    results: list[int] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(250):
            n = limiter.record_failure("192.0.2.1")
            with lock:
                results.append(n)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 2001))  # every count handed out exactly once


# ----------------------------------------------------------------------------- the gate


def test_the_defaults() -> None:
    gate = PassphraseGate(verify_passphrase)
    assert (gate.per_client.max_failures, gate.per_client.window_seconds) == (5, 300)
    assert (gate.per_server.max_failures, gate.per_server.window_seconds) == (10, 60)
    assert HASH_WORKERS == 1


def test_a_client_over_its_limit_is_refused_before_hashing() -> None:
    clock = FakeClock()
    hashed: list[str] = []

    def verify(passphrase: str, encoded: str) -> bool:
        hashed.append(passphrase)
        return verify_passphrase(passphrase, encoded)

    gate = _gate(clock, verify)
    for i in range(CLIENT_FAILURES):
        assert not gate.check(f"fout {i}", HASH, "192.0.2.1")
        clock.now += 1
    # the same address, whatever the session: every later guess is refused unhashed, the
    # right passphrase too, and the wait counts down from the first failure in the window
    for _ in range(3):
        with pytest.raises(RateLimited) as caught:
            gate.check(SECRET, HASH, "192.0.2.1")
        assert caught.value.key == "auth.rate_limited"
    assert caught.value.params == {"n": 300 - CLIENT_FAILURES}
    assert len(hashed) == CLIENT_FAILURES
    assert gate.failures("192.0.2.1") == CLIENT_FAILURES  # refusals are not counted
    assert gate.check(SECRET, HASH, "192.0.2.2")  # another address may try
    clock.now += 300
    assert gate.check(SECRET, HASH, "192.0.2.1")
    assert gate.failures("192.0.2.1") == 0  # the right passphrase clears the count


def test_the_server_limit_holds_across_addresses() -> None:
    clock = FakeClock()
    gate = _gate(clock)
    for i in range(SERVER_FAILURES):
        assert not gate.check("fout", HASH, f"198.51.100.{i}")  # one guess per address
    with pytest.raises(RateLimited) as caught:
        gate.check(SECRET, HASH, "203.0.113.9")  # a fresh address, the right passphrase
    assert caught.value.key == "auth.rate_limited_server"
    assert caught.value.params == {"n": 60}
    assert gate.failures("203.0.113.9") == 0  # a refusal by the server limit is not held
    for lang, words in (("nl", "60 seconden"), ("en", "60 seconds")):
        assert words in t(caught.value.key, lang, **caught.value.params)
    clock.now += 60
    assert gate.check(SECRET, HASH, "203.0.113.9")
    # a right passphrase takes its count back: the server may still take nine wrong ones
    for i in range(SERVER_FAILURES - 1):
        assert not gate.check("fout", HASH, f"192.0.2.{i}")


def test_guesses_in_flight_count_and_at_most_two_hashes_run_at_once() -> None:
    clock = FakeClock()
    release = threading.Event()
    running = threading.Semaphore(0)

    def slow(passphrase: str, encoded: str) -> bool:
        running.release()
        release.wait(10)
        return passphrase == SECRET

    gate = _gate(clock, slow)
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda c=c: results.append(gate.check("fout", HASH, c)))
        for c in ("192.0.2.1", "192.0.2.2")
    ]
    for thread in threads:
        thread.start()
    for _ in threads:
        assert running.acquire(timeout=5)
    # both hashing slots are busy: a third guess is refused at once, and not counted
    started = time.perf_counter()
    with pytest.raises(PassphraseBusy) as caught:
        gate.check(SECRET, HASH, "192.0.2.3")
    assert time.perf_counter() - started < 0.1
    assert caught.value.params == {"n": 2}
    assert gate.failures("192.0.2.3") == 0
    for lang in ("nl", "en"):
        assert t(caught.value.key, lang, **caught.value.params)
    # the guesses in flight already count against their addresses
    assert gate.failures("192.0.2.1") == 1
    release.set()
    for thread in threads:
        thread.join(5)
    assert results == [False, False]
    assert gate.check(SECRET, HASH, "192.0.2.3")  # the slots are free again


def test_one_guess_after_another_never_finds_the_worker_busy() -> None:
    """The worker is free again before the answer comes back, not some moment after."""
    clock = FakeClock()
    gate = PassphraseGate(
        lambda passphrase, encoded: False,
        per_client=RateLimiter(10_000, 60, clock=clock),
        per_server=RateLimiter(10_000, 60, clock=clock),
        workers=1,
    )
    for _ in range(2_000):
        assert not gate.check("fout", HASH, "192.0.2.1")


def test_a_flood_of_wrong_guesses_hashes_on_at_most_one_thread() -> None:
    """Eight clients guess as fast as they can: never more than one hash runs at once, and
    every refusal returns without hashing."""
    clock = FakeClock()
    slow_hash = hash_passphrase(SECRET, iterations=50_000)
    lock = threading.Lock()
    now_running, most = [0], [0]

    def counting(passphrase: str, encoded: str) -> bool:
        with lock:
            now_running[0] += 1
            most[0] = max(most[0], now_running[0])
        try:
            return verify_passphrase(passphrase, encoded)
        finally:
            with lock:
                now_running[0] -= 1

    gate = PassphraseGate(
        counting,
        per_client=RateLimiter(10_000, 60, clock=clock),
        per_server=RateLimiter(10_000, 60, clock=clock),
    )
    refusals: list[float] = []
    stop = time.monotonic() + 1.5

    def flood(client: str) -> None:
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                gate.check("fout", slow_hash, client)
            except PassphraseBusy:
                with lock:
                    refusals.append(time.perf_counter() - started)

    threads = [threading.Thread(target=flood, args=(f"192.0.2.{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert most[0] == HASH_WORKERS
    assert refusals
    assert sorted(refusals)[int(len(refusals) * 0.95)] < 0.05


# ----------------------------------------------------------------------------- the address


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.5", [], 0, "203.0.113.5"),
        (None, [], 0, "loopback"),  # Streamlit reports no address over loopback
        # not trusted: the header may have replaced the peer address, so all share one key
        ("203.0.113.5", ["198.51.100.1"], 0, "forwarded"),
        (None, ["1.2.3.4, 5.6.7.8"], 0, "forwarded"),
        # one trusted proxy: the address it appended, whatever the client wrote before it
        ("10.0.0.2", ["forged, 198.51.100.1"], 1, "198.51.100.1"),
        ("10.0.0.2", ["forged", "198.51.100.1"], 1, "198.51.100.1"),
        ("10.0.0.2", ["forged, 198.51.100.1, 10.0.0.1"], 2, "198.51.100.1"),
        ("10.0.0.2", ["198.51.100.1"], 2, "forwarded"),  # shorter than the chain of proxies
        ("203.0.113.5", [], 1, "203.0.113.5"),  # came in around the proxy: its own address
    ],
)
def test_client_address(
    peer: str | None, forwarded: list[str], trusted: int, expected: str
) -> None:
    assert client_address(peer, forwarded, trusted) == expected


@pytest.mark.parametrize(("value", "expected"), [("", 0), ("1", 1), ("2", 2), ("ja", 0), ("-1", 0)])
def test_trusted_proxies_setting(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv(TRUSTED_PROXIES_VAR, value)
    assert trusted_proxies() == expected
