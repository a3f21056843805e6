"""The store publishes in every mode, refuses unconfirmed removals and makes no version for a
publication that changes nothing, also when two publish the same file at the same moment
(real Delta tables in ``tmp_path``)."""

from __future__ import annotations

import threading
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from store_worker import make_frame, make_voortgang

from lib.data.modes import ExistingRows, NothingChanged, RemovalsNotConfirmed
from lib.data.store import Store
from lib.data.store_errors import KeyedError, ScopeError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store")
    s.ensure_base({"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="basis")
    return s


def publish(store: Store, frame: pl.DataFrame, **kw: object) -> int:
    args: dict[str, object] = {
        "who": "analist@example.nl",
        "comment": "test",
        "source_name": "interventies.csv",
        "checksum": "sha256:abc",
    }
    return store.publish("interventies", frame, **{**args, **kw})  # type: ignore[arg-type]


def test_each_mode_publishes_what_its_plan_shows(store: Store) -> None:
    base = make_frame(0)
    upload = make_frame(1).head(3)  # three existing ids, other values
    with pytest.raises(ExistingRows):
        store.plan("interventies", upload, scope="toevoegen")
    municipalities = base.filter(pl.col("gemeentecode").is_in(upload["gemeentecode"].implode()))
    for mode, removed in (("bijwerken", 0), ("gemeenten", municipalities.height - 3),
                          ("alles", base.height - 3)):  # fmt: skip
        found = store.plan("interventies", upload, scope=mode)
        assert (found.added, found.changed, found.removed) == (0, 3, removed)
    version = publish(store, upload, scope="bijwerken", removals=0)
    assert store.version_info(version)["scope"] == "bijwerken"
    stored = store.read("interventies")
    assert_frame_equal(stored.head(3), upload)
    assert_frame_equal(stored.tail(7), base.tail(7))


def test_a_removal_needs_its_exact_number(store: Store) -> None:
    upload = make_frame(0).head(4)
    with pytest.raises(RemovalsNotConfirmed) as refused:
        publish(store, upload, scope="alles", removals=0)
    assert refused.value.params == {"n": 6}
    with pytest.raises(RemovalsNotConfirmed):
        publish(store, upload, scope="alles", removals=5)
    assert store.current_version() == 0
    assert publish(store, upload, scope="alles", removals=6) == 1
    assert store.read("interventies").height == 4


def test_a_publication_that_changes_nothing_makes_no_version(store: Store) -> None:
    with pytest.raises(NothingChanged) as same:
        publish(store, make_frame(0), scope="alles", removals=0)
    assert same.value.params == {"versie": 0}
    with pytest.raises(NothingChanged):
        publish(store, make_frame(0).tail(2), scope="bijwerken")
    with pytest.raises(NothingChanged):
        publish(store, make_frame(0).tail(2), scope="toevoegen")
    assert store.current_version() == 0
    assert store.history().height == 1


def test_a_context_table_is_only_published_whole(store: Store) -> None:
    people = pl.DataFrame({"gemeentecode": ["GM0014"], "jaar": [2024], "soort": ["x"],
                           "geregistreerd": [3], "voorlopig": [False]})  # fmt: skip
    with pytest.raises(ScopeError):
        store.publish("misdrijven", people, who="a", comment="c", source_name="m.csv",
                      checksum="s", scope="bijwerken")  # fmt: skip
    baseline = pl.concat([people, people.with_columns(pl.lit(2025, pl.Int64).alias("jaar"))])
    found = store.plan("misdrijven", people, scope="alles", baseline=baseline)
    assert (found.added, found.removed) == (0, 1)  # counted against what the dashboard shows


def test_two_publications_of_the_same_file_at_once_make_one_version(store: Store) -> None:
    upload = make_frame(1).head(5)
    start = threading.Barrier(2)
    results: list[object] = []

    def run() -> None:
        start.wait()
        try:
            results.append(publish(store, upload, scope="bijwerken", removals=0))
        except KeyedError as error:
            results.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(type, results), key=str) == sorted([int, NothingChanged], key=str)
    assert 1 in results
    assert store.current_version() == 1
    assert store.history().height == 2
