"""A server asks the store for its version at most every N seconds, and at once after it
published itself; a version published meanwhile shows in the stamp."""

from __future__ import annotations

import threading
from pathlib import Path

import polars as pl
import pytest

from lib.config import ConfigError, version_check_seconds
from lib.data.catalog import Dataset
from lib.data.polling import VersionWatch
from lib.data.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def counter() -> tuple[list[int], VersionWatch[int], Clock]:
    answers: list[int] = []
    clock = Clock()

    def probe() -> int:
        answers.append(len(answers))
        return answers[-1]

    return answers, VersionWatch(probe, 10.0, clock=clock), clock


def test_asks_at_most_once_per_interval() -> None:
    answers, watch, clock = counter()
    assert watch.current() == 0
    for step in (1.0, 5.0, 9.99):
        clock.now = 100.0 + step
        assert watch.current() == 0
    assert watch.questions == 1
    clock.now = 110.0
    assert watch.current() == 1
    clock.now = 119.0
    assert watch.current() == 1
    assert answers == [0, 1]


def test_expire_asks_again_at_once() -> None:
    _answers, watch, clock = counter()
    watch.current()
    clock.now += 1.0
    watch.expire()
    assert watch.current() == 1
    assert watch.current() == 1
    assert watch.questions == 2


def test_zero_asks_every_time() -> None:
    calls: list[int] = []
    watch = VersionWatch(lambda: calls.append(1) or len(calls), 0.0)
    assert [watch.current() for _ in range(3)] == [1, 2, 3]


def test_negative_interval_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        VersionWatch(lambda: 1, -1.0)


def test_other_sessions_get_the_last_answer_while_one_asks() -> None:
    clock = Clock()
    asking, release = threading.Event(), threading.Event()
    values = iter([1, 2])

    def probe() -> int:
        value = next(values)
        if value == 2:
            asking.set()
            assert release.wait(10)
        return value

    watch = VersionWatch(probe, 10.0, clock=clock)
    assert watch.current() == 1
    clock.now += 10.0
    slow: list[int] = []
    worker = threading.Thread(target=lambda: slow.append(watch.current()))
    worker.start()
    assert asking.wait(10)
    assert watch.current() == 1  # not blocked behind the question in flight
    release.set()
    worker.join(10)
    assert slow == [2]
    assert watch.current() == 2


def test_the_stamp_changes_with_a_publication_and_a_restore(tmp_path: Path, tiny: Dataset) -> None:
    store = Store(tmp_path / "store")
    stamps = [store.stamp()]
    store.ensure_base(tiny.uploadable(), comment="basis")
    stamps.append(store.stamp())
    assert store.stamp() == stamps[-1]  # nothing changed: the same stamp
    store.publish(
        "interventies",
        tiny.interventies.with_columns(pl.lit("afgerond").alias("status")),
        who="analist@example.org",
        comment="alles afgerond",
        source_name="a.csv",
        checksum="sha256:" + "0" * 64,
    )
    stamps.append(store.stamp())
    store.rollback(0, who="analist@example.org", comment="terug")
    stamps.append(store.stamp())
    assert len(set(stamps)) == 4


def test_a_watch_on_the_store_sees_a_publication_once_due(tmp_path: Path, tiny: Dataset) -> None:
    store, clock = Store(tmp_path / "store"), Clock()
    store.ensure_base(tiny.uploadable(), comment="basis")
    watch = VersionWatch(store.stamp, 10.0, clock=clock)
    before = watch.current()
    store.rollback(0, who="analist@example.org", comment="nog eens")
    assert watch.current() == before  # not due yet
    clock.now += 10.0
    assert watch.current() == store.stamp() != before


@pytest.mark.parametrize(
    ("text", "seconds"), [("", 10.0), ("2.5", 2.5), ("0", 0.0), (" 30 ", 30.0)]
)
def test_the_setting(monkeypatch: pytest.MonkeyPatch, text: str, seconds: float) -> None:
    monkeypatch.setenv("PMG_VERSION_CHECK_S", text)
    assert version_check_seconds() == seconds


@pytest.mark.parametrize("text", ["-1", "tien", "nan", "inf"])
def test_a_bad_setting_names_itself(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("PMG_VERSION_CHECK_S", text)
    with pytest.raises(ConfigError, match="PMG_VERSION_CHECK_S"):
        version_check_seconds()
