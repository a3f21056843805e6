"""The versioned store, against real Delta tables in ``tmp_path`` (no mocks).

Crash safety and concurrency are tested with child processes (``tests/store_worker.py``) that
this module starts and kills itself: at fixed stages of a write (via the store's ``_after``
seam) and at random moments, and several publishing at once.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable
from polars.testing import assert_frame_equal
from store_worker import (
    GEMEENTEN,
    make_frame,
    make_voortgang,
    municipality_frame,
    seed_of,
)

from lib.config import ROOT
from lib.contract.resources import BASE_TABLES
from lib.contract.schema import UPLOADABLE_TABLES
from lib.data.catalog import Dataset
from lib.data.diff import diff_frames
from lib.data.frames import ORDER_COLUMN, empty_frame, table_key
from lib.data.highwater import HIGH_WATER_FILE
from lib.data.orphans import referenced_files
from lib.data.store import LOCK_FILE, Store, checksum_bytes
from lib.data.store_errors import (
    CommentRequired,
    EmptyStore,
    ScopeError,
    StoreBusy,
    StoreError,
    UnknownTable,
    UnknownVersion,
    UnsupportedFrame,
    WhoRequired,
)
from lib.data.versions import VERSIONS_TABLE
from lib.text.i18n import t

WORKER = Path(__file__).resolve().parents[2] / "support" / "store_worker.py"


def _publish(store: Store, frame: pl.DataFrame, comment: str = "test", **kw: object) -> int:
    args: dict[str, object] = {
        "who": "analist@example.nl",
        "comment": comment,
        "source_name": "interventies.csv",
        "checksum": "sha256:abc",
    }
    args.update(kw)
    return store.publish("interventies", frame, **args)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store")
    s.ensure_base({"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="seed=0")
    return s


def _delta_version(store: Store, table: str) -> int:
    return DeltaTable(str(store.root / table)).version()


def _snapshot(store: Store) -> tuple[int, dict[str, pl.DataFrame]]:
    version = store.current_version()
    assert version is not None
    return version, {t: store.read(t) for t in UPLOADABLE_TABLES}


def _assert_snapshot(store: Store, snapshot: tuple[int, dict[str, pl.DataFrame]]) -> None:
    version, frames = snapshot
    assert store.current_version() == version
    for table, frame in frames.items():
        assert_frame_equal(store.read(table), frame)
        assert_frame_equal(store.read(table, version), frame)


# ----------------------------------------------------------------------------- basics


def test_an_empty_store_has_no_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "nieuw")
    assert store.current_version() is None
    assert store.history().is_empty()
    assert "rijen_interventies" in store.history().columns
    with pytest.raises(EmptyStore):
        store.read("interventies")
    with pytest.raises(EmptyStore):
        _publish(store, make_frame(1))
    with pytest.raises(UnknownVersion):
        store.version_info(0)


def test_ensure_base_creates_version_zero_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    assert store.ensure_base({"interventies": make_frame(0)}, comment="eerste") == 0
    assert store.ensure_base({"interventies": make_frame(5)}, comment="tweede") == 0
    assert store.history().height == 1
    assert_frame_equal(store.read("interventies"), make_frame(0))
    # a missing uploadable table is stored empty, with the contract's columns and types
    assert_frame_equal(store.read("voortgang"), empty_frame("voortgang"))
    info = store.version_info(0)
    assert (info["versie"], info["actie"], info["scope"], info["opmerking"]) == (
        0,
        "basis",
        "alles",
        "eerste",
    )
    assert info["rijen"] == {"interventies": 10, "voortgang": 0}
    assert info["tabelversies"] == {"interventies": 0, "voortgang": 0}
    assert info["tijdstip"].tzinfo is not None
    assert sorted(p.name for p in store.root.iterdir()) == sorted(
        [LOCK_FILE, HIGH_WATER_FILE, VERSIONS_TABLE, *BASE_TABLES]
    )


def test_ensure_base_from_the_bundled_dataset(tmp_path: Path, dataset: Dataset) -> None:
    store = Store(tmp_path / "s")
    base = {"interventies": dataset.interventies, "gemeenten": dataset.gemeenten}
    store.ensure_base(base, comment="Meegeleverde gegevens")
    assert_frame_equal(store.read("interventies"), dataset.interventies)
    assert not (store.root / "gemeenten").exists()  # not uploadable: ignored
    with pytest.raises(UnknownTable):
        Store(tmp_path / "t").ensure_base({"onbekend": make_frame(0)}, comment="x")


def test_publish_reads_back_identical_values_and_types(store: Store) -> None:
    frame = pl.DataFrame(
        {
            "interventie_id": ["GM0518-001", "GM0518-002", "GM0014-001"],
            "gemeentecode": ["GM0518", "GM0518", "GM0014"],
            "naam": ["Financiën op orde 's-Gravenhage", None, "Jeugdboa's — Groningen"],
            "budget_eur": [12500.5, None, 0.1],
            "bereik": [259, None, 0],
            "monitoringplan": [True, None, False],
            "bedrag": [Decimal("12500.50"), None, Decimal("-0.01")],
            "datum": [dt.date(2024, 2, 29), None, dt.date(2021, 1, 1)],
            "gewijzigd": [dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC), None, None],
            "factoren": [["zelfcontrole", "steun"], None, []],
        },
        schema_overrides={"bedrag": pl.Decimal(12, 2), "bereik": pl.Int32},
    )
    version = _publish(store, frame, comment="Nieuwe cijfers", source_name="Financiën.csv")
    assert version == 1
    back = store.read("interventies")
    assert back.schema == frame.schema  # same types, same column order
    assert_frame_equal(back, frame)
    assert back.item(0, "naam") == "Financiën op orde 's-Gravenhage"
    assert back.item(0, "budget_eur") == 12500.5
    assert back.item(0, "bedrag") == Decimal("12500.50")
    # the other table and the old version are untouched
    assert_frame_equal(store.read("voortgang"), make_voortgang(0))
    assert_frame_equal(store.read("interventies", 0), make_frame(0))
    info = store.version_info(1)
    assert info["actie"] == "publicatie"
    assert (info["wie"], info["opmerking"], info["bronbestand"], info["checksum"]) == (
        "analist@example.nl",
        "Nieuwe cijfers",
        "Financiën.csv",
        "sha256:abc",
    )
    assert (info["tabel"], info["scope"], info["herstel_van"]) == ("interventies", "alles", None)
    assert info["rijen"] == {"interventies": 3, "voortgang": 10}
    assert info["tabelversies"] == {"interventies": 1, "voortgang": 0}
    assert ORDER_COLUMN in pl.read_delta(str(store.root / "interventies")).columns


def test_row_order_is_kept(store: Store) -> None:
    frame = make_frame(3, rows=2000).sample(fraction=1.0, shuffle=True, seed=7)
    _publish(store, frame)
    assert_frame_equal(store.read("interventies"), frame)


def test_history_grows_newest_first_and_every_version_stays_readable(store: Store) -> None:
    for seed in (1, 2, 3):
        assert _publish(store, make_frame(seed), comment=f"seed={seed}") == seed
    history = store.history()
    assert history.get_column("versie").to_list() == [3, 2, 1, 0]
    assert history.get_column("opmerking").to_list() == ["seed=3", "seed=2", "seed=1", "seed=0"]
    assert history.get_column("rijen_interventies").to_list() == [10, 10, 10, 10]
    assert history.get_column("rijen_voortgang").to_list() == [10, 10, 10, 10]
    assert store.current_version() == 3
    for version in range(4):
        assert_frame_equal(store.read("interventies", version), make_frame(version))
        assert_frame_equal(store.read("voortgang", version), make_voortgang(0))


@pytest.mark.parametrize(
    ("who", "comment", "error"),
    [
        ("a@b.nl", "", CommentRequired),
        ("a@b.nl", "   \n", CommentRequired),
        ("", "reden", WhoRequired),
        (" ", "reden", WhoRequired),
    ],
)
def test_publish_needs_who_and_a_comment(
    store: Store, who: str, comment: str, error: type[StoreError]
) -> None:
    before = _snapshot(store)
    with pytest.raises(error) as caught:
        _publish(store, make_frame(1), who=who, comment=comment)
    assert isinstance(caught.value, StoreError)
    with pytest.raises(error):
        store.rollback(0, who=who, comment=comment)
    _assert_snapshot(store, before)
    assert _delta_version(store, "interventies") == 0


def test_refused_input_writes_nothing(store: Store) -> None:
    before = _snapshot(store)
    with pytest.raises(UnknownTable):
        store.publish(
            "gemeenten", make_frame(1), who="a", comment="c", source_name="x", checksum="y"
        )
    with pytest.raises(ScopeError):
        _publish(store, make_frame(1), scope="provincie")
    with pytest.raises(UnknownVersion):
        store.rollback(7, who="a", comment="c")
    with pytest.raises(UnknownVersion):
        store.read("interventies", 7)
    with pytest.raises(UnknownTable):
        store.read("gemeenten")
    _assert_snapshot(store, before)
    assert _delta_version(store, "interventies") == 0


@pytest.mark.parametrize(
    ("frame", "key"),
    [
        (pl.DataFrame({"a": pl.Series([1], dtype=pl.UInt8)}), "store.unsupported_dtype"),
        (pl.DataFrame({"a": pl.Series(["x"], dtype=pl.Categorical)}), "store.unsupported_dtype"),
        (pl.DataFrame({"a": [None]}), "store.unsupported_dtype"),
        (
            pl.DataFrame({"a": pl.Series([dt.datetime(2024, 1, 1)], dtype=pl.Datetime("ns"))}),
            "store.unsupported_dtype",
        ),
        (pl.DataFrame({"a": [[dt.time(1, 2)]]}), "store.unsupported_dtype"),
        (pl.DataFrame({ORDER_COLUMN: [1]}), "store.reserved_column"),
        (pl.DataFrame(), "store.no_columns"),
    ],
)
def test_frames_that_would_not_come_back_exactly_are_refused(
    store: Store, frame: pl.DataFrame, key: str
) -> None:
    with pytest.raises(UnsupportedFrame) as caught:
        _publish(store, frame)
    assert caught.value.key == key
    assert store.current_version() == 0
    assert _delta_version(store, "interventies") == 0


def test_checksum_bytes() -> None:
    assert checksum_bytes(b"abc") == (
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


# ----------------------------------------------------------------------------- scope


def test_scope_gemeenten_replaces_only_the_municipalities_in_the_file(store: Store) -> None:
    base = make_frame(0)
    upload = pl.DataFrame(
        {
            "interventie_id": ["GM0518-001", "GM0518-099"],
            "gemeentecode": ["GM0518", "GM0518"],
            "naam": ["Financiën 's-Gravenhage nieuw", "Nieuw in Den Haag"],
            "thema": ["financien", "gezag"],
            "startjaar": [2024, None],
            "bereik": [5, 6],
            "budget_eur": [12500.5, None],
            "monitoringplan": [None, True],
        },
        schema=base.schema,
    )
    version = _publish(store, upload, scope="gemeenten", comment="Alleen Den Haag")
    after = store.read("interventies")
    others = base.filter(pl.col("gemeentecode") != "GM0518")
    assert_frame_equal(after, pl.concat([others, upload]))
    assert store.version_info(version)["scope"] == "gemeenten"
    assert store.version_info(version)["rijen"]["interventies"] == 10
    diff = store.diff("interventies", 0, version)
    assert diff.added.get_column("interventie_id").to_list() == ["GM0518-099"]
    assert diff.removed.get_column("interventie_id").to_list() == ["GM0518-006"]
    assert diff.changed.rows() == [
        ("GM0518-001", "naam", "Financiën 's-Gravenhage 0", "Financiën 's-Gravenhage nieuw"),
        ("GM0518-001", "startjaar", "2021", "2024"),
        ("GM0518-001", "bereik", "1", "5"),
        ("GM0518-001", "budget_eur", "12500.75", "12500.5"),
        ("GM0518-001", "monitoringplan", "false", None),
    ]
    # the preview of the same upload against the previous version gives the same diff
    store.rollback(0, who="a", comment="terug")
    preview = store.preview("interventies", upload, scope="gemeenten")
    assert_frame_equal(preview.changed, diff.changed)
    assert_frame_equal(preview.added, diff.added)
    assert_frame_equal(preview.removed, diff.removed)


def test_scope_gemeenten_for_voortgang_goes_through_the_interventions(store: Store) -> None:
    upload = pl.DataFrame(
        {"interventie_id": ["GM0014-005"], "periode": ["2025-Q1"], "status": ["afgerond"]}
    )
    version = store.publish(
        "voortgang",
        upload,
        who="a",
        comment="c",
        source_name="v.csv",
        checksum="s",
        scope="gemeenten",
    )
    base = make_voortgang(0)
    owner = base.get_column("interventie_id").str.slice(0, 6)
    assert_frame_equal(
        store.read("voortgang", version), pl.concat([base.filter(owner != "GM0014"), upload])
    )
    with pytest.raises(ScopeError) as caught:
        store.publish(
            "voortgang",
            upload.with_columns(pl.lit("GM9999-001").alias("interventie_id")),
            who="a",
            comment="c",
            source_name="v.csv",
            checksum="s",
            scope="gemeenten",
        )
    assert caught.value.key == "store.scope_unknown_ids"
    assert caught.value.params == {"ids": "GM9999-001"}


def test_scope_gemeenten_refusals(store: Store) -> None:
    with pytest.raises(ScopeError) as caught:
        _publish(store, make_frame(1).head(0), scope="gemeenten")
    assert caught.value.key == "store.scope_empty"
    wrong_type = make_frame(1).with_columns(pl.col("bereik").cast(pl.Float64))
    with pytest.raises(UnsupportedFrame) as mismatch:
        _publish(store, wrong_type, scope="gemeenten")
    assert (mismatch.value.key, mismatch.value.params) == (
        "store.schema_mismatch",
        {"kolommen": "bereik"},
    )
    assert _publish(store, wrong_type, scope="alles") == 1  # a whole table may change type
    assert store.read("interventies").schema["bereik"] == pl.Float64
    assert store.current_version() == 1


# ----------------------------------------------------------------------------- rollback


def test_rollback_restores_an_old_version_as_a_new_one(store: Store) -> None:
    _publish(store, make_frame(1), comment="seed=1")
    store.publish(
        "voortgang", make_voortgang(2), who="a", comment="seed=2", source_name="v", checksum="s"
    )
    version = store.rollback(0, who="beheerder@example.nl", comment="Fout in upload")
    assert version == 3
    assert_frame_equal(store.read("interventies"), make_frame(0))
    assert_frame_equal(store.read("voortgang"), make_voortgang(0))
    info = store.version_info(3)
    assert (info["actie"], info["herstel_van"], info["wie"]) == (
        "herstel",
        0,
        "beheerder@example.nl",
    )
    assert info["tabelversies"] == store.version_info(0)["tabelversies"]
    assert store.history().get_column("actie").to_list() == [
        "herstel",
        "publicatie",
        "publicatie",
        "basis",
    ]
    # nothing was deleted: the versions in between are still there
    assert_frame_equal(store.read("interventies", 1), make_frame(1))
    assert_frame_equal(store.read("voortgang", 2), make_voortgang(2))
    # and publishing after a rollback builds on the restored data
    _publish(store, municipality_frame(1, 0), scope="gemeenten")
    after = store.read("interventies")
    assert_frame_equal(
        after.filter(pl.col("gemeentecode") != GEMEENTEN[1]),
        make_frame(0).filter(pl.col("gemeentecode") != GEMEENTEN[1]),
    )


def test_old_versions_never_expire(store: Store) -> None:
    for table in (*BASE_TABLES, VERSIONS_TABLE):
        config = DeltaTable(str(store.root / table)).metadata().configuration
        assert config["delta.enableExpiredLogCleanup"] == "false"


# ----------------------------------------------------------------------------- diff

OLD = pl.DataFrame(
    {
        "id": ["a", "b", "c", "d", None],
        "naam": ["Financiën", "'s-Gravenhage", "x", "y", "zonder id"],
        "bedrag": [12500.5, None, 1.0, 2.0, 3.0],
        "ok": [True, False, None, True, None],
    }
)
NEW = pl.DataFrame(
    {
        "id": ["e", "c", "b", None, "a"],
        "naam": ["nieuw", "x", "'s-Gravenhage", "zonder id", "Financien"],
        "bedrag": [1.0, 1.5, 7.25, 3.0, 12500.5],
        "ok": [None, None, None, None, True],
    }
)


def test_diff_frames_added_removed_changed_exactly() -> None:
    diff = diff_frames(OLD, NEW, "id")
    assert_frame_equal(diff.added, NEW.filter(pl.col("id") == "e"))
    assert_frame_equal(diff.removed, OLD.filter(pl.col("id") == "d"))
    expected = pl.DataFrame(
        {
            "id": ["c", "b", "b", "a"],
            "kolom": ["bedrag", "bedrag", "ok", "naam"],
            "oud": ["1.0", None, "false", "Financiën"],
            "nieuw": ["1.5", "7.25", None, "Financien"],
        }
    )
    assert_frame_equal(diff.changed, expected)
    assert diff.changed_rows == 3
    assert not diff.is_empty
    assert diff_frames(OLD, OLD, "id").is_empty


def test_diff_frames_composite_key_duplicates_and_new_columns() -> None:
    old = pl.DataFrame({"i": ["x", "x", "y"], "p": ["Q1", "Q1", "Q2"], "s": ["a", "b", "c"]})
    new = pl.DataFrame(
        {
            "i": ["x", "y", "y"],
            "p": ["Q1", "Q2", "Q3"],
            "s": ["a", "c", "d"],
            "bron": [None, "w", None],
        }
    )
    diff = diff_frames(old, new, ["i", "p"])
    assert diff.key == ("i", "p")
    assert diff.added.rows() == [("y", "Q3", "d", None)]
    assert diff.removed.rows() == [("x", "Q1", "b")]  # the second x/Q1 is gone
    assert diff.changed.rows() == [("y", "Q2", "bron", None, "w")]
    with pytest.raises(ValueError, match="missing"):
        diff_frames(old, new, "bestaat_niet")
    with pytest.raises(ValueError, match="at least one"):
        diff_frames(old, new, [])
    with pytest.raises(ValueError, match="different types"):
        diff_frames(old, new.with_columns(pl.col("i").cast(pl.Categorical)), ["i", "p"])
    # key columns may have any name, even one that looks like the diff's helpers
    renamed = diff_frames(old.rename({"i": "o0"}), new.rename({"i": "o0"}), ["o0", "p"])
    assert renamed.changed.rows() == diff.changed.rows()


def test_diff_frames_compares_as_text_when_types_differ() -> None:
    old = pl.DataFrame({"k": [1, 2], "v": [1, 2]})
    new = pl.DataFrame({"k": [1, 2], "v": [1.0, 2.5]})
    assert diff_frames(old, new, "k").changed.rows() == [(1, "v", "1", "1.0"), (2, "v", "2", "2.5")]


def test_diff_is_vectorised_on_large_frames() -> None:
    old = make_frame(1, rows=50_000).with_row_index("n").with_columns(pl.col("n").cast(pl.Int64))
    new = old.with_columns(
        pl.when(pl.col("n") % 1000 == 0).then(pl.col("bereik") + 1).otherwise(pl.col("bereik"))
    )
    started = time.perf_counter()
    diff = diff_frames(old, new, "n")
    assert time.perf_counter() - started < 5
    assert diff.changed.height == 50
    assert diff.added.is_empty()


def test_table_keys() -> None:
    assert table_key("interventies") == ("interventie_id",)
    assert table_key("voortgang") == ("interventie_id", "periode")


# ----------------------------------------------------------------------------- lock


def test_a_held_lock_makes_publish_busy_and_writes_nothing(store: Store) -> None:
    before = _snapshot(store)
    busy = Store(store.root, lock_timeout=0.2)
    with (store.root / LOCK_FILE).open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        started = time.monotonic()
        with pytest.raises(StoreBusy) as caught:
            _publish(busy, make_frame(1))
        assert 0.2 <= time.monotonic() - started < 5
        with pytest.raises(StoreBusy):
            busy.rollback(0, who="a", comment="c")
    assert caught.value.key == "store.busy"
    _assert_snapshot(store, before)
    assert _publish(busy, make_frame(1)) == 1  # free again


def test_threads_of_one_process_publish_one_at_a_time(store: Store) -> None:
    """Streamlit sessions are threads: each write opens the lock file anew, so flock holds."""
    errors: list[Exception] = []

    def publish(seed: int) -> None:
        try:
            _publish(Store(store.root), make_frame(seed), comment=f"seed={seed}")
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=publish, args=(seed,)) for seed in range(11, 17)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _assert_consistent(store) == 7


def test_every_error_key_has_a_text_with_its_parameters(store: Store) -> None:
    errors: list[StoreError] = []
    for call in (
        lambda: _publish(store, make_frame(1), comment=""),
        lambda: _publish(store, make_frame(1), who=""),
        lambda: _publish(store, pl.DataFrame({"a": [None]})),
        lambda: _publish(store, pl.DataFrame({ORDER_COLUMN: [1]})),
        lambda: _publish(store, pl.DataFrame()),
        lambda: _publish(store, make_frame(1).head(0), scope="gemeenten"),
        lambda: _publish(store, make_frame(1), scope="x"),
        lambda: store.read("x"),
        lambda: store.read("interventies", 99),
        lambda: Store(store.root.parent / "leeg").read("voortgang"),
        lambda: _publish(
            store, make_frame(1).with_columns(pl.col("bereik").cast(pl.Float64)), scope="gemeenten"
        ),
    ):
        with pytest.raises(StoreError) as caught:
            call()
        errors.append(caught.value)
    errors.append(StoreBusy(n=3))
    errors.append(ScopeError(tabel="x"))
    errors.append(ScopeError(key="store.scope_unknown_ids", ids="a"))
    for error in errors:
        for lang in ("nl", "en"):
            assert t(error.key, lang, **error.params)


# ----------------------------------------------------------------------------- crashes


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


@contextmanager
def _worker(*args: str) -> Iterator[subprocess.Popen[bytes]]:
    """A child process we started; killed (by its own pid) if still running at the end."""
    with subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"worker ended early ({proc.returncode}): {err}")
        if time.monotonic() > deadline:
            pytest.fail(f"worker did not reach {path.name}")
        time.sleep(0.005)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def _assert_consistent(store: Store, since: int = 0) -> int:
    """Versions 0..n without gaps, each table of each version (from ``since``) as written."""
    history = store.history()
    versions = sorted(history.get_column("versie").to_list())
    assert versions == list(range(len(versions)))
    for row in history.filter(pl.col("versie") >= since).iter_rows(named=True):
        seed = seed_of(row["opmerking"])
        assert_frame_equal(store.read("interventies", row["versie"]), make_frame(seed))
        assert_frame_equal(store.read("voortgang", row["versie"]), make_voortgang(0))
    return len(versions)


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["locked", "table_written", "committed"])
def test_a_publish_killed_at_a_stage_leaves_a_readable_store(tmp_path: Path, stage: str) -> None:
    store = Store(tmp_path / "s")
    with _worker("base", str(store.root)) as proc:
        assert proc.wait(timeout=60) == 0
    _publish(store, make_frame(1), comment="seed=1")
    before = _snapshot(store)
    marker = tmp_path / "marker"
    with _worker("pause", str(store.root), "7", stage, str(marker)) as proc:
        _wait_for(marker, proc)
        _kill(proc)
    if stage == "committed":
        # the metadata row was written: the new version is complete and current
        assert store.current_version() == 2
        assert_frame_equal(store.read("interventies"), make_frame(7))
        assert_frame_equal(store.read("voortgang"), before[1]["voortgang"])
    else:
        _assert_snapshot(store, before)
        # killed after its table commit: that Delta version exists but nothing points to it
        orphan = 1 if stage == "table_written" else 0
        assert _delta_version(store, "interventies") == 1 + orphan
    # the lock died with the process, and the next publish gets the next number
    quick = Store(store.root, lock_timeout=2)
    assert _publish(quick, make_frame(8), comment="seed=8") == before[0] + 1 + (
        stage == "committed"
    )
    _assert_consistent(store)


def test_a_base_killed_halfway_is_simply_created_again(tmp_path: Path) -> None:
    root = tmp_path / "s"
    marker = tmp_path / "marker"
    with _worker("pause", str(root), "0", "table_written", str(marker), "base") as proc:
        _wait_for(marker, proc)
        _kill(proc)
    store = Store(root, lock_timeout=2)
    assert (root / "interventies" / "_delta_log").exists()
    assert store.current_version() is None
    assert (
        store.ensure_base(
            {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="seed=0"
        )
        == 0
    )
    assert _assert_consistent(store) == 1


KILL_TRIALS = 10


@pytest.mark.slow
def test_publishes_killed_at_random_moments_never_break_the_store(tmp_path: Path) -> None:
    """A child publishes in a loop and is killed after a random delay, KILL_TRIALS times.

    Kills land before any commit, between the table commit and the ``versies`` row (an
    orphan table commit) and after complete publications; which ones varies per run, the
    checks hold for all.
    """
    store = Store(tmp_path / "s", lock_timeout=5)
    store.ensure_base(
        {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="seed=0"
    )
    rng = random.Random(2022)
    outcomes: Counter[str] = Counter()
    for trial in range(KILL_TRIALS):
        before = _snapshot(store)
        delta_before = _delta_version(store, "interventies")
        ready = tmp_path / f"ready{trial}"
        with _worker("loop", str(store.root), str(1000 * (trial + 1)), str(ready)) as proc:
            _wait_for(ready, proc)
            time.sleep(rng.uniform(0.0, 0.45))
            _kill(proc)
        version = store.current_version()
        assert version is not None
        assert version >= before[0]
        # the version current before the kill is unchanged, and every version made since
        # (the current one included) is complete and equal to what its publisher wrote
        for table, frame in before[1].items():
            assert_frame_equal(store.read(table, before[0]), frame)
        _assert_consistent(store, since=before[0])
        # one table commit per published version, plus at most one nobody points to
        orphan = (_delta_version(store, "interventies") - delta_before) - (version - before[0])
        assert orphan in (0, 1)
        outcomes[("orphan" if orphan else "clean") + ("+new" if version > before[0] else "")] += 1
    assert sum(outcomes.values()) == KILL_TRIALS
    # every version ever made is still complete, and the store takes the next publication
    last = _assert_consistent(store) - 1
    assert _publish(store, make_frame(5), comment="seed=5") == last + 1


def _leftovers(store: Store) -> set[Path]:
    """Data files in the store that no committed version refers to."""
    referenced = referenced_files(store.root, store.log())
    assert referenced is not None
    return {
        path
        for name, names in referenced.items()
        for path in (store.root / name).glob("*.parquet")
        if path.name not in names
    }


@pytest.mark.slow
def test_files_of_killed_publishes_are_removed_by_the_next_publish(tmp_path: Path) -> None:
    store = Store(tmp_path / "s", lock_timeout=5)
    store.ensure_base(
        {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="seed=0"
    )
    _publish(store, make_frame(1), comment="seed=1")
    rng = random.Random(11)
    for trial in range(4):  # killed at random moments
        ready = tmp_path / f"ready{trial}"
        with _worker("loop", str(store.root), str(1000 * (trial + 1)), str(ready)) as proc:
            _wait_for(ready, proc)
            time.sleep(rng.uniform(0.0, 0.45))
            _kill(proc)
    lefts = []
    for seed in (7, 8):  # killed after writing their table: leftover files for sure
        marker = tmp_path / f"marker{seed}"
        with _worker("pause", str(store.root), str(seed), "table_written", str(marker)) as proc:
            _wait_for(marker, proc)
            _kill(proc)
        lefts.append(_leftovers(store))
    # the second publication removed what the first left before it wrote: nothing piles up
    assert lefts[0]
    assert lefts[1]
    assert not lefts[0] & lefts[1]
    assert not any(p.exists() for p in lefts[0])
    left = lefts[1]
    kept = {p: p.read_bytes() for p in _data_files(store)}
    versions = sorted(store.history().get_column("versie").to_list())
    frames = {v: (store.read("interventies", v), store.read("voortgang", v)) for v in versions}
    version = _publish(store, make_frame(9), comment="seed=9")
    assert version == versions[-1] + 1
    assert _leftovers(store) == set()
    assert not any(p.exists() for p in left)
    # nothing referenced went, nothing referenced changed, every version reads as before
    for path, data in kept.items():
        if path not in left:
            assert path.read_bytes() == data
    for v, (interventies, voortgang) in frames.items():
        store.verify(store.version_info(v))
        assert_frame_equal(store.read("interventies", v), interventies)
        assert_frame_equal(store.read("voortgang", v), voortgang)
    _assert_consistent(store)


def _data_files(store: Store) -> set[Path]:
    return {p for name in (*UPLOADABLE_TABLES, VERSIONS_TABLE)
            for p in (store.root / name).glob("*.parquet")}  # fmt: skip


# ----------------------------------------------------------------------------- concurrency

WORKERS = 4
PUBLISHES = 3


def _run_concurrently(tmp_path: Path, root: Path, scope: str) -> None:
    go = tmp_path / "go"
    readies = [tmp_path / f"ready{w}" for w in range(WORKERS)]
    with (
        _worker("many", str(root), "0", str(PUBLISHES), scope, str(readies[0]), str(go)) as p0,
        _worker("many", str(root), "1", str(PUBLISHES), scope, str(readies[1]), str(go)) as p1,
        _worker("many", str(root), "2", str(PUBLISHES), scope, str(readies[2]), str(go)) as p2,
        _worker("many", str(root), "3", str(PUBLISHES), scope, str(readies[3]), str(go)) as p3,
    ):
        procs = [p0, p1, p2, p3]
        for ready, proc in zip(readies, procs, strict=True):
            _wait_for(ready, proc)
        go.write_text("go", encoding="utf-8")
        for proc in procs:
            code = proc.wait(timeout=120)
            assert code == 0, proc.stderr.read().decode() if proc.stderr else code


@pytest.mark.slow
def test_concurrent_whole_table_publishes_get_consecutive_versions(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure_base(
        {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="seed=0"
    )
    _run_concurrently(tmp_path, store.root, "alles")
    assert _assert_consistent(store) == 1 + WORKERS * PUBLISHES
    comments = set(store.history().get_column("opmerking").to_list())
    assert comments == {"seed=0"} | {
        f"seed={w * 100 + j}" for w in range(WORKERS) for j in range(PUBLISHES)
    }


@pytest.mark.slow
def test_concurrent_municipality_publishes_lose_no_update(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure_base(
        {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="basis"
    )
    _run_concurrently(tmp_path, store.root, "gemeenten")
    history = store.history().sort("versie")
    assert history.get_column("versie").to_list() == list(range(1 + WORKERS * PUBLISHES))
    assert sorted(history.get_column("opmerking").to_list()[1:]) == sorted(
        f"w{w} stap {j}" for w in range(WORKERS) for j in range(PUBLISHES)
    )
    # each version is the previous one with exactly its publisher's municipality replaced
    previous = store.read("interventies", 0)
    for row in history.iter_rows(named=True):
        if row["versie"] == 0:
            continue
        worker, step = (int(x) for x in row["opmerking"].removeprefix("w").split(" stap "))
        code = GEMEENTEN[worker]
        expected = pl.concat(
            [previous.filter(pl.col("gemeentecode") != code), municipality_frame(worker, step)]
        )
        current = store.read("interventies", row["versie"])
        assert_frame_equal(current, expected)
        previous = current
    # the final version holds every worker's last step
    final = store.read("interventies")
    for worker in range(WORKERS):
        rows = final.filter(pl.col("gemeentecode") == GEMEENTEN[worker])
        assert set(rows.get_column("naam").to_list()) == {f"w{worker} stap {PUBLISHES - 1}"}
