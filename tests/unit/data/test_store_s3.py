"""The versioned store in an S3-compatible bucket: moto's standalone server on loopback
(``tests/support/s3server.py``), real Delta tables, real child processes that publish at the
same moment and are killed with SIGKILL. Nothing is mocked.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from s3server import S3Server, conditional_put_ignored, running_s3_server
from store_worker import make_frame, make_voortgang, municipality_frame, seed_of

from lib.cli import main
from lib.config import ROOT
from lib.data import location
from lib.data.auth import hash_passphrase
from lib.data.catalog import Dataset
from lib.data.location import Bucket
from lib.data.orphans import referenced_files, remove_stale
from lib.data.serving import serve
from lib.data.store import LOCK_FILE, Store
from lib.data.store_errors import DamagedVersion, ReadOnlyStore, UnsafeObjectStore
from lib.data.versions import VERSIONS_TABLE
from lib.text.i18n import t

WORKER = ROOT / "tests" / "support" / "store_worker.py"
BASE = {"interventies": make_frame(0), "voortgang": make_voortgang(0)}


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with running_s3_server(tmp_path_factory.mktemp("s3")) as server:
        yield server


@pytest.fixture
def root(s3: S3Server) -> str:
    """A store location in a bucket of its own."""
    return s3.new_bucket() + "/pmg"


@pytest.fixture
def store(s3: S3Server, root: str) -> Store:
    s = Store(root, options=s3.options)
    s.ensure_base(BASE, comment="seed=0")
    return s


def _publish(store: Store, seed: int, table: str = "interventies") -> int:
    frame = make_frame(seed) if table == "interventies" else make_voortgang(seed)
    return store.publish(
        table, frame, who="analist@example.nl", comment=f"seed={seed}",
        source_name=f"{table}.csv", checksum="sha256:0",
    )  # fmt: skip


def _keys(s3: S3Server, root: str) -> list[str]:
    """Every object key of the store at ``root``."""
    bucket, _, prefix = root.removeprefix("s3://").partition("/")
    pages = s3.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def _data_key(store: Store, table: str, version: int) -> tuple[str, str]:
    """Bucket and key of the (one) data file of ``table`` in ``version``."""
    (name,) = [entry[0] for entry in store.version_info(version)["bestanden"][table]]
    bucket, _, prefix = store.location.key.removeprefix("s3://").partition("/")
    return bucket, f"{prefix}/{table}/{name}"


# ----------------------------------------------------------------------------- round trip


def test_publish_read_and_rollback_round_trip(s3: S3Server, root: str) -> None:
    store = Store(root, options=s3.options)
    assert isinstance(store.location, Bucket)
    assert store.current_version() is None
    assert store.history().is_empty()
    assert store.ensure_base(BASE, comment="seed=0") == 0
    assert _publish(store, 1) == 1
    assert store.publish(
        "interventies", municipality_frame(1, 1), who="a", comment="w1", source_name="w1.csv",
        checksum="sha256:0", scope="gemeenten",
    ) == 2  # fmt: skip
    assert _publish(store, 3, "voortgang") == 3
    assert store.rollback(1, who="beheerder", comment="terug naar 1") == 4
    # a second server reading the same bucket sees exactly the same versions
    other = Store(root, options=s3.options)
    assert other.current_version() == store.current_version() == 4
    history = other.history()
    assert history.get_column("versie").to_list() == [4, 3, 2, 1, 0]
    assert history.get_column("actie").to_list() == [
        "herstel", "publicatie", "publicatie", "publicatie", "basis",
    ]  # fmt: skip
    merged = pl.concat(
        [make_frame(1).filter(pl.col("gemeentecode") != "GM0518"), municipality_frame(1, 1)]
    )
    expected = {
        0: (make_frame(0), make_voortgang(0)),
        1: (make_frame(1), make_voortgang(0)),
        2: (merged, make_voortgang(0)),
        3: (merged, make_voortgang(3)),
        4: (make_frame(1), make_voortgang(0)),
    }
    for version, (interventies, voortgang) in expected.items():
        assert_frame_equal(other.read("interventies", version), interventies)
        assert_frame_equal(other.read("voortgang", version), voortgang)
    assert other.diff("interventies", 1, 2).changed_rows == municipality_frame(1, 1).height
    # everything lives under the prefix: no lock file, the mark is one object per version
    keys = _keys(s3, root)
    prefix = root.removeprefix("s3://").partition("/")[2]
    assert all(key.startswith(prefix + "/") for key in keys)
    assert not any(key.endswith(LOCK_FILE) for key in keys)
    marks = sorted(int(k.rsplit("/", 1)[1]) for k in keys if "/hoogste_versie/" in k)
    assert marks == [0, 1, 2, 3, 4]
    assert store.location.read_mark() == 4
    assert not any("/_schrijftest/" in key for key in keys)  # the probe tidied up


def test_the_current_version_is_known_from_the_log_alone(s3: S3Server, store: Store) -> None:
    """``current_version`` (what servers poll) lists the log and reads its newest commit file,
    no data file: with every row file of ``versies`` gone it still answers."""
    _publish(store, 1)
    _publish(store, 2)
    stamp = store.stamp()
    assert store.current_version() == store.log().last_row == 2
    bucket, key = _data_key(store, "interventies", 2)
    versions_prefix = key.rsplit("/", 2)[0] + f"/{VERSIONS_TABLE}/"
    client = s3.client()
    for item in client.list_objects_v2(Bucket=bucket, Prefix=versions_prefix)["Contents"]:
        if item["Key"].endswith(".parquet"):
            client.delete_object(Bucket=bucket, Key=item["Key"])
    assert store.log().last_row != 2  # reading the rows now fails
    assert store.current_version() == 2
    assert store.stamp() == stamp


# ----------------------------------------------------------------------------- integrity


def test_checksums_find_a_changed_or_missing_object(
    s3: S3Server, store: Store, tiny: Dataset
) -> None:
    _publish(store, 1)
    _publish(store, 2)
    bucket, key = _data_key(store, "interventies", 2)
    client = s3.client()
    data = bytearray(client.get_object(Bucket=bucket, Key=key)["Body"].read())
    data[len(data) // 2] ^= 0xFF  # same size, one byte different
    client.put_object(Bucket=bucket, Key=key, Body=bytes(data))
    view = serve(tiny, store)
    assert view.damage is not None
    assert (view.damage.reason, view.damage.version, view.served) == ("checksum", 2, 1)
    with pytest.raises(DamagedVersion):
        store.read("interventies")
    with pytest.raises(ReadOnlyStore):
        _publish(store, 3)
    client.delete_object(Bucket=bucket, Key=key)
    view = serve(tiny, store)
    assert view.damage is not None
    assert (view.damage.reason, view.served) == ("missing_file", 1)
    assert store.rollback(1, who="a", comment="herstel") == 3  # the analysts' repair
    assert serve(tiny, store).damage is None
    assert_frame_equal(store.read("interventies"), make_frame(1))


def test_a_store_that_ignores_conditional_puts_is_never_written(
    s3: S3Server, root: str, tmp_path: Path
) -> None:
    """Without ``If-None-Match`` two servers' commits could overwrite each other unnoticed:
    such a store is refused before anything is written."""
    with conditional_put_ignored(s3, tmp_path) as endpoint:
        careless = Store(root, options={**s3.options, "AWS_ENDPOINT_URL": endpoint})
        with pytest.raises(UnsafeObjectStore) as caught:
            careless.ensure_base(BASE, comment="seed=0")
    assert _keys(s3, root) == []
    assert Store(root, options=s3.options).current_version() is None
    assert "beheerder" in t(caught.value.key, "nl")
    assert "administrator" in t(caught.value.key, "en")
    # the same bucket through the server itself is fine
    assert Store(root, options=s3.options).ensure_base(BASE, comment="seed=0") == 0


# ----------------------------------------------------------------------------- processes


def _env(s3: S3Server) -> dict[str, str]:
    return {**s3.env(), "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


@contextmanager
def _worker(s3: S3Server, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """A child process we started; killed (by its own pid) if still running at the end."""
    with subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        cwd=ROOT,
        env=_env(s3),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"worker ended early ({proc.returncode}): {err[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"worker did not reach {path.name}")
        time.sleep(0.01)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def _unreferenced(store: Store) -> set[str]:
    """Data files in the bucket that no committed version refers to."""
    assert isinstance(store.location, Bucket)
    referenced = referenced_files(store.location, store.log())
    assert referenced is not None
    return {f"{folder}/{item.name}" for folder, names in referenced.items()
            for item in store.location.leftovers(folder) if item.name not in names}  # fmt: skip


def _assert_consistent(store: Store) -> list[int]:
    """Versions 0..n without gaps, each as its publisher wrote it; the version numbers."""
    history = store.history()
    versions = sorted(history.get_column("versie").to_list())
    assert versions == list(range(len(versions)))
    for row in history.iter_rows(named=True):
        seed = seed_of(row["opmerking"])
        assert_frame_equal(store.read("interventies", row["versie"]), make_frame(seed))
        assert_frame_equal(store.read("voortgang", row["versie"]), make_voortgang(0))
    return versions


ROUNDS = 3


@pytest.mark.slow
def test_two_servers_publishing_at_once_one_wins_one_is_told(
    s3: S3Server, store: Store, tmp_path: Path
) -> None:
    """Two processes publish in step: each has read the same version and written its table
    when both are let go to commit. Exactly one gets the version; the other is refused in
    words, and nothing of its publication is current."""
    root = store.location.key
    folder = tmp_path / "race"
    folder.mkdir()
    with (
        _worker(s3, "race", root, "0", str(ROUNDS), str(folder)) as first,
        _worker(s3, "race", root, "1", str(ROUNDS), str(folder)) as second,
    ):
        for round_ in range(ROUNDS):
            for worker, proc in enumerate((first, second)):
                _wait_for(folder / f"ready-{round_}-{worker}", proc)
            (folder / f"go-{round_}").write_text("go", encoding="utf-8")
            results = []
            for worker, proc in enumerate((first, second)):
                _wait_for(folder / f"result-{round_}-{worker}", proc)
                results.append((folder / f"result-{round_}-{worker}").read_text("utf-8"))
            assert sorted(results) == [f"ok {round_ + 1}", "store.conflict"]
            winner = results.index(f"ok {round_ + 1}")
            row = store.version_info(round_ + 1)
            assert seed_of(row["opmerking"]) == 1000 * (round_ + 1) + winner
        for proc in (first, second):
            assert proc.wait(timeout=60) == 0
    assert _assert_consistent(store) == list(range(ROUNDS + 1))
    assert store.location.read_mark() == ROUNDS
    # what the losers wrote is there, but no version refers to it
    assert _unreferenced(store)
    assert "Iemand anders publiceerde tegelijk" in t("store.conflict", "nl")
    assert "Someone else published" in t("store.conflict", "en")


@pytest.mark.slow
def test_two_servers_creating_the_first_version_at_once_agree(
    s3: S3Server, root: str, tmp_path: Path
) -> None:
    with _worker(s3, "base", root) as first, _worker(s3, "base", root) as second:
        for proc in (first, second):
            code = proc.wait(timeout=120)
            assert code == 0, proc.stderr.read().decode()[-3000:] if proc.stderr else code
    store = Store(root, options=s3.options)
    assert _assert_consistent(store) == [0]


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["locked", "table_written", "committed"])
def test_a_publish_killed_at_a_stage_loses_nothing(
    s3: S3Server, store: Store, tmp_path: Path, stage: str
) -> None:
    _publish(store, 1)
    marker = tmp_path / "marker"
    with _worker(s3, "pause", store.location.key, "7", stage, str(marker)) as proc:
        _wait_for(marker, proc)
        _kill(proc)
    if stage == "committed":  # its row is in: complete and current
        assert store.current_version() == 2
        assert_frame_equal(store.read("interventies"), make_frame(7))
    else:
        assert store.current_version() == 1
        assert_frame_equal(store.read("interventies"), make_frame(1))
    # killed after writing its table: that file is left, and goes once it is old enough
    left = _unreferenced(store)
    assert bool(left) == (stage == "table_written")
    assert isinstance(store.location, Bucket)
    assert remove_stale(store.location, store.log(), before=time.time() - 60) == []
    assert sorted(remove_stale(store.location, store.log(), before=time.time() + 1)) == sorted(left)
    assert _unreferenced(store) == set()
    # no lock to wait for: the next publication goes ahead with the next number
    quick = Store(store.location, lock_timeout=2)
    expected = 3 if stage == "committed" else 2
    assert _publish(quick, 8) == expected
    assert store.location.read_mark() == expected
    assert _assert_consistent(store) == list(range(expected + 1))


KILL_TRIALS = 5


@pytest.mark.slow
def test_publishes_killed_at_random_moments_lose_nothing_published(
    s3: S3Server, store: Store, tmp_path: Path
) -> None:
    """A child publishes in a loop and is killed after a random delay, KILL_TRIALS times;
    every version it was told it published is there, as it wrote it, and what the killed
    publications left is removed once old enough without touching any version."""
    done = tmp_path / "done"
    rng = random.Random(17)
    for trial in range(KILL_TRIALS):
        ready = tmp_path / f"ready{trial}"
        args = ("loop", store.location.key, str(1000 * (trial + 1)), str(ready), str(done))
        with _worker(s3, *args) as proc:
            _wait_for(ready, proc)
            time.sleep(rng.uniform(0.2, 2.5))
            _kill(proc)
        versions = _assert_consistent(store)
        told = done.read_text("utf-8").split("\n") if done.exists() else []
        for line in filter(None, told):
            version, seed = (int(x) for x in line.split())
            assert version in versions
            assert seed_of(store.version_info(version)["opmerking"]) == seed
    assert isinstance(store.location, Bucket)
    before = {v: store.read("interventies", v) for v in _assert_consistent(store)}
    log = store.log()
    left = _unreferenced(store)
    # younger than a day: kept (a publication elsewhere might still commit them)
    assert remove_stale(store.location, log, before=time.time() - location.LEFTOVER_AGE) == []
    assert sorted(remove_stale(store.location, log, before=time.time() + 1)) == sorted(left)
    assert _unreferenced(store) == set()
    for version, frame in before.items():
        assert_frame_equal(store.read("interventies", version), frame)
    assert _publish(store, 5) == len(before)


# ----------------------------------------------------------------------------- command line


def test_the_command_line_publishes_lists_and_restores_in_a_bucket(
    s3: S3Server, root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    secrets = tmp_path / "secrets.toml"
    hashed = hash_passphrase("lang genoeg wachtwoord", iterations=1_000)
    endpoint = s3.options["AWS_ENDPOINT_URL"]
    secrets.write_text(
        f'analyst_passphrase_hash = "{hashed}"\n\n[store]\nendpoint_url = "{endpoint}"\n'
        'access_key_id = "test"\nsecret_access_key = "test"\nregion = "us-east-1"\n'
        "allow_http = true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PMG_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("PMG_ANALYST_PASSPHRASE", "lang genoeg wachtwoord")
    monkeypatch.setenv("PMG_STORE_URI", root)
    excel = ROOT / "tests" / "data" / "excel_nl_cp1252.csv"
    assert main(["publish", "--table", "interventies", str(excel), "--comment", "Kwartaal 3"]) == 0
    assert "versie 1" in capsys.readouterr().out
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["1", "0"]
    assert main(["rollback", "0"]) == 0
    store = Store(root, options=s3.options)
    assert store.current_version() == 2
    assert_frame_equal(store.read("interventies"), store.read("interventies", 0))
    assert store.read("interventies", 1).height > 0
