"""A damaged store on disk: every way of damage is found, named, and the newest good version
is served read-only; version numbers are never reused; leftover files are cleaned up.

The store of each test has three versions: 0 (seed 0), 1 and 2 (``interventies`` of seeds 1
and 2); version 2 is current and its ``interventies`` file is its own.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import polars as pl
import pytest
from corrupt import CORRUPTIONS, current_file, deny_reads_as_root
from polars.testing import assert_frame_equal
from store_worker import make_frame, make_voortgang

from lib.data import delta, highwater, integrity
from lib.data.bounded import ReadFailed, ReadTimedOut, bounded
from lib.data.catalog import Dataset, with_store_version
from lib.data.orphans import referenced_files, remove_orphans
from lib.data.serving import serve
from lib.data.store import Store
from lib.data.store_errors import DAMAGE_KEYS, DamagedVersion, ReadOnlyStore, StoreError
from lib.data.versions import VERSIONS_TABLE
from lib.text.i18n import t


def _publish(store: Store, seed: int, table: str = "interventies") -> int:
    frame = make_frame(seed) if table == "interventies" else make_voortgang(seed)
    return store.publish(
        table, frame, who="analist", comment=f"seed={seed}", source_name="f.csv", checksum="s"
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store", lock_timeout=5, read_timeout=10)
    s.ensure_base({"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="b")
    assert (_publish(s, 1), _publish(s, 2)) == (1, 2)
    return s


@pytest.fixture
def unreadable_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    deny_reads_as_root(monkeypatch)


# corruption -> (reason of the damage reported, version served, restoring possible)
MATRIX: dict[str, tuple[str, int | None, bool]] = {
    "flip_byte": ("checksum", 1, True),
    "truncate": ("checksum", 1, True),
    "delete_file": ("missing_file", 1, True),
    "unreadable": ("unreadable", 1, True),
    "corrupt_table_log": ("log", 1, True),
    "corrupt_version_log": ("missing", 1, False),
    "delete_newest_commit": ("missing", 1, True),
    "delete_version_log": ("history", None, False),
    "delete_table_log": ("log", None, False),
    "garbage_checksum": ("manifest", 1, True),
    "garbage_row": ("missing", 1, False),
}


def test_the_matrix_covers_every_corruption() -> None:
    assert set(MATRIX) == set(CORRUPTIONS)


@pytest.mark.usefixtures("unreadable_as_root")
@pytest.mark.parametrize("how", list(MATRIX))
def test_damage_is_found_and_the_newest_good_version_is_served(
    store: Store, tiny: Dataset, how: str
) -> None:
    reason, served, restorable = MATRIX[how]
    CORRUPTIONS[how](store.root)
    view = serve(tiny, store)
    assert view.damage is not None
    assert (view.damage.reason, view.damage.version, view.served) == (reason, 2, served)
    assert view.read_only
    assert view.restorable is restorable
    assert view.newest == 2
    if served is None:
        assert view.dataset is tiny  # nothing good in the store: the bundled data
    else:
        assert_frame_equal(
            view.dataset.interventies.select(make_frame(1).columns), make_frame(served)
        )
        assert view.dataset.provenance.version == str(served)
    for lang in ("nl", "en"):  # a sentence that names the version, in both languages
        text = t(view.damage.key, lang, **view.damage.params)
        assert view.damage.key == DAMAGE_KEYS[view.damage.reason]
        assert (reason == "history") or "2" in text


@pytest.mark.usefixtures("unreadable_as_root")
@pytest.mark.parametrize("how", list(MATRIX))
def test_strict_reads_raise_damage_never_a_raw_error(store: Store, tiny: Dataset, how: str) -> None:
    CORRUPTIONS[how](store.root)
    with pytest.raises(DamagedVersion):
        with_store_version(tiny, store)
    with pytest.raises(DamagedVersion):
        store.read("interventies")
    if MATRIX[how][1] == 1:  # version 0 stays readable when it is not to blame
        assert_frame_equal(store.read("interventies", 0), make_frame(0))


@pytest.mark.usefixtures("unreadable_as_root")
@pytest.mark.parametrize("how", list(MATRIX))
def test_nothing_is_published_on_top_of_damage(store: Store, how: str) -> None:
    CORRUPTIONS[how](store.root)
    for table in ("interventies", "voortgang"):
        with pytest.raises(ReadOnlyStore) as caught:
            _publish(store, 5, table)
        for lang in ("nl", "en"):
            assert t(caught.value.key, lang, **caught.value.params)
    assert highwater.read(store.root) == 2


@pytest.mark.usefixtures("unreadable_as_root")
@pytest.mark.parametrize("how", [h for h, (_, _, ok) in MATRIX.items() if ok])
def test_restoring_a_good_version_repairs_the_store(store: Store, tiny: Dataset, how: str) -> None:
    CORRUPTIONS[how](store.root)
    with pytest.raises(StoreError):  # never a damaged (or missing) one
        store.rollback(2, who="analist", comment="de beschadigde")
    assert store.rollback(1, who="analist", comment="terug naar 1") == 3  # never 2 again
    view = serve(tiny, store)
    assert (view.damage, view.served, view.newest) == (None, 3, 3)
    assert_frame_equal(store.read("interventies"), make_frame(1))
    assert _publish(store, 7, "voortgang") == 4


def test_a_table_whose_log_is_damaged_is_not_written_to(store: Store) -> None:
    CORRUPTIONS["corrupt_table_log"](store.root)
    assert store.rollback(1, who="analist", comment="terug naar 1") == 3
    with pytest.raises(ReadOnlyStore) as caught:
        _publish(store, 7)  # a new version of interventies would go on top of its broken log
    assert (caught.value.key, caught.value.params) == (
        "store.table_log_damaged",
        {"tabel": "interventies"},
    )
    assert store.current_version() == 3


def test_a_damaged_older_version_does_not_disturb_the_current_one(
    store: Store, tiny: Dataset
) -> None:
    path = current_file(store.root)
    _publish(store, 3)  # version 3 replaces version 2's file; now damage version 2's
    path.write_bytes(path.read_bytes()[:100])
    view = serve(tiny, store)
    assert (view.damage, view.served) == (None, 3)
    viewed = serve(tiny, store, 2)  # looking at version 2 (read-only view of an old version)
    assert viewed.damage is not None
    assert (viewed.damage.version, viewed.served) == (2, 1)
    with pytest.raises(DamagedVersion):
        store.diff("interventies", 1, 2)


def test_a_table_version_found_damaged_is_not_read_again(store: Store, tiny: Dataset) -> None:
    for seed in (3, 4, 5):
        _publish(store, seed, "voortgang")  # versions 3-5 share version 2's interventies
    CORRUPTIONS["flip_byte"](store.root)
    reads: list[int] = []
    real = integrity.check

    def counting(*args: object, **kwargs: object) -> object:
        reads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(integrity, "check", counting)
        view = serve(tiny, store)
    assert view.damage is not None
    assert (view.damage.version, view.served) == (5, 1)
    # versions 5, 4, 3 and 2 all pin the damaged file: it is checked once, then version 1's
    # two tables
    assert len(reads) == 1 + 2


# ----------------------------------------------------------------------------- reads that hang


def test_a_read_that_hangs_ends_in_a_damage_within_the_limit(
    store: Store, tiny: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pl.read_delta

    def hanging(source: object, *args: object, **kwargs: object) -> pl.DataFrame:
        if getattr(source, "version", lambda: None)() == 2:  # version 2's interventies
            time.sleep(30)
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pl, "read_delta", hanging)
    quick = Store(store.root, read_timeout=0.5)
    started = time.monotonic()
    view = serve(tiny, quick)
    assert time.monotonic() - started < 10
    assert view.damage is not None
    assert (view.damage.reason, view.served) == ("timeout", 1)


def test_a_version_log_that_hangs_is_given_up_at_once(
    store: Store, tiny: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pl.read_delta

    def hanging(source: object, *args: object, **kwargs: object) -> pl.DataFrame:
        if isinstance(source, str):  # the version log
            time.sleep(30)
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pl, "read_delta", hanging)
    started = time.monotonic()
    view = serve(tiny, Store(store.root, read_timeout=0.5))
    assert time.monotonic() - started < 5  # not once more for every older state of the log
    assert view.damage is not None
    assert (view.damage.reason, view.served) == ("history", None)


def test_a_rust_panic_is_damage_not_a_crash(
    store: Store, tiny: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    class PanicException(BaseException):  # as pyo3_runtime.PanicException: no Exception
        pass

    real = pl.read_delta

    def panicking(source: object, *args: object, **kwargs: object) -> pl.DataFrame:
        if isinstance(source, str):  # the version log reads; the tables panic
            return real(source, *args, **kwargs)  # type: ignore[arg-type]
        raise PanicException("assertion failed: range.end as u64 <= self.size")

    monkeypatch.setattr(pl, "read_delta", panicking)
    view = serve(tiny, store)
    assert view.damage is not None
    assert (view.damage.reason, view.served) == ("corrupt", None)


def test_bounded() -> None:
    assert bounded(lambda: 42, 1) == 42
    with pytest.raises(ZeroDivisionError):
        bounded(lambda: 1 // 0, 1)
    with pytest.raises(ReadTimedOut):
        bounded(lambda: time.sleep(5), 0.1)

    def panic() -> None:
        raise KeyboardInterrupt  # any BaseException that is no Exception

    with pytest.raises(ReadFailed):
        bounded(panic, 1)


# ----------------------------------------------------------------------------- checksums


def test_every_version_records_its_files_and_a_sealed_row(store: Store) -> None:
    for number in (0, 1, 2):
        info = store.version_info(number)
        manifest = info["bestanden"]
        assert manifest is not None
        assert set(manifest) == {"interventies", "voortgang"}
        for table, files in manifest.items():
            pin = info["tabelversies"][table]
            assert {n for n, _, _ in files} == set(
                delta.files(delta.table(str(store.root / table), pin))
            )
            for name, size, digest in files:
                assert (store.root / table / name).stat().st_size == size
                assert integrity.digest_file(store.root / table / name) == digest
    # a restore records the same files as the version it restores
    store.rollback(0, who="a", comment="terug")
    assert store.version_info(3)["bestanden"] == store.version_info(0)["bestanden"]
    row = store.log().rows.filter(pl.col("versie") == 3).row(0, named=True)
    assert row["controle"].startswith("sha256:")


@pytest.mark.parametrize(
    "text",
    ["", "[]", '{"t": 1}', '{"t": [["a", 1]]}', '{"t": [["a", -1, "sha256:' + "0" * 64 + '"]]}',
     '{"t": [["a", 1, "md5:00"]]}', '{"t": [["", 1, "sha256:' + "0" * 64 + '"]]}'],
)  # fmt: skip
def test_a_malformed_manifest_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):  # json.JSONDecodeError is a ValueError too
        integrity.decode(text)


def test_rows_from_before_checksums_are_read_and_checked_by_size(
    tmp_path: Path, tiny: Dataset
) -> None:
    """A store written before manifests: rows without ``bestanden``/``controle``."""
    root = tmp_path / "oud"
    store = Store(root)
    store.ensure_base({"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment="b")
    _publish(store, 1)
    rows = store.log().rows.drop("bestanden", "controle")
    legacy = tmp_path / "legacy"
    for table in ("interventies", "voortgang"):
        shutil.copytree(root / table, legacy / table)
    delta.append(str(legacy / VERSIONS_TABLE), rows.sort("versie"))
    old = Store(legacy)
    assert old.version_info(1)["bestanden"] is None
    assert_frame_equal(old.read("interventies"), make_frame(1))
    assert serve(tiny, old).served == 1
    # a new publication adds the checksum columns; the old rows stay readable
    assert _publish(old, 2) == 2
    assert old.version_info(2)["bestanden"] is not None
    assert_frame_equal(old.read("interventies", 1), make_frame(1))
    assert highwater.read(legacy) == 2
    # an old row is checked by the sizes in the Delta log: a truncated file is found
    (name,) = delta.files(delta.table(str(legacy / "interventies"), 1))
    path = legacy / "interventies" / name
    path.write_bytes(path.read_bytes()[:200])
    view = serve(tiny, old, 1)
    assert view.damage is not None
    assert (view.damage.reason, view.damage.version, view.served) == ("checksum", 1, 0)


# ----------------------------------------------------------------------------- high-water mark


def test_the_high_water_mark_follows_every_commit(store: Store) -> None:
    assert highwater.read(store.root) == 2
    store.rollback(0, who="a", comment="c")
    assert highwater.read(store.root) == 3
    highwater.write(store.root, 1)  # never goes down
    assert highwater.read(store.root) == 3


def test_a_deleted_newest_commit_is_reported_and_its_number_never_reused(
    store: Store, tiny: Dataset
) -> None:
    CORRUPTIONS["delete_newest_commit"](store.root)
    assert store.current_version() == 1  # what the log alone says ...
    view = serve(tiny, store)
    assert view.damage is not None  # ... is not taken for the current version
    assert (view.damage.reason, view.damage.version, view.served) == ("missing", 2, 1)
    with pytest.raises(ReadOnlyStore) as caught:
        _publish(store, 5)
    assert caught.value.key == "store.read_only"
    assert store.rollback(1, who="a", comment="herstel") == 3
    assert _publish(store, 5) == 4
    assert store.history().get_column("versie").to_list() == [4, 3, 1, 0]


def test_a_mark_behind_the_log_is_raised_not_reported(store: Store, tiny: Dataset) -> None:
    """A writer killed between its commit and the mark: the log is right, the mark lags."""
    (store.root / highwater.HIGH_WATER_FILE).write_text("1\n", encoding="ascii")
    assert serve(tiny, store).damage is None
    assert _publish(store, 3) == 3
    assert highwater.read(store.root) == 3


def test_a_store_from_before_the_mark_gets_one(store: Store) -> None:
    (store.root / highwater.HIGH_WATER_FILE).unlink()
    assert store.ensure_base({"interventies": make_frame(9)}, comment="x") == 2
    assert highwater.read(store.root) == 2


def test_a_garbled_mark_is_ignored_and_rewritten(store: Store) -> None:
    (store.root / highwater.HIGH_WATER_FILE).write_text("zeven", encoding="ascii")
    assert highwater.read(store.root) is None
    assert _publish(store, 3) == 3
    assert highwater.read(store.root) == 3


def test_a_store_without_its_version_log_is_not_started_afresh(store: Store, tiny: Dataset) -> None:
    CORRUPTIONS["delete_version_log"](store.root)
    with pytest.raises(ReadOnlyStore) as caught:
        store.ensure_base({"interventies": make_frame(0)}, comment="opnieuw")
    assert caught.value.key == "store.read_only_history"
    with pytest.raises(ReadOnlyStore):
        store.rollback(0, who="a", comment="c")
    assert not (store.root / VERSIONS_TABLE / "_delta_log").exists()
    assert serve(tiny, store).served is None


def test_a_failed_write_is_a_refusal_in_words(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(delta, "overwrite", full)
    with pytest.raises(StoreError) as caught:
        _publish(store, 3)
    assert caught.value.key == "store.error"
    assert store.current_version() == 2


# ----------------------------------------------------------------------------- orphans


def _data_files(root: Path) -> set[Path]:
    return {
        p
        for name in ("interventies", "voortgang", VERSIONS_TABLE)
        for p in (root / name).glob("*.parquet")
    }


def test_leftover_files_are_removed_and_referenced_ones_kept(store: Store) -> None:
    referenced = referenced_files(store.root, store.log())
    assert referenced is not None
    kept = {store.root / table / name for table, names in referenced.items() for name in names}
    assert kept == _data_files(store.root)  # a clean store has no leftovers
    stray = [store.root / "interventies" / "part-00000-dood-c000.snappy.parquet",
             store.root / VERSIONS_TABLE / "part-00000-dood-c000.snappy.parquet",
             store.root / "interventies" / "_delta_log" / "_commit_dood.json.tmp"]  # fmt: skip
    for path in stray:
        path.write_bytes(b"left by a killed publication")
        os.utime(path, (time.time() - 60, time.time() - 60))
    fresh = store.root / "voortgang" / "part-00000-nieuw-c000.snappy.parquet"
    fresh.write_bytes(b"being written right now")
    removed = remove_orphans(store.root, store.log(), before=time.time() - 30)
    assert sorted(removed) == sorted(stray)
    assert fresh.exists()  # younger than the lock: not touched
    assert kept <= _data_files(store.root)


def test_nothing_is_removed_while_the_log_is_not_whole(store: Store) -> None:
    stray = store.root / "interventies" / "part-00000-dood-c000.snappy.parquet"
    stray.write_bytes(b"x")
    os.utime(stray, (0, 0))
    CORRUPTIONS["delete_newest_commit"](store.root)  # version 2's files are unreferenced now
    assert referenced_files(store.root, store.log()) is None
    assert remove_orphans(store.root, store.log(), before=time.time()) == []
    assert stray.exists()
    assert store.rollback(1, who="a", comment="herstel") == 3  # a repair does not clean up
    assert stray.exists()
    assert _publish(store, 4) == 4  # the log is whole again: the next publication does
    assert not stray.exists()
