"""AppTest: the dashboard on a store in an S3-compatible bucket (moto's server on loopback).

Version 1 has every intervention ``afgerond`` (an execution rate of 100,0 %), version 2 every
intervention ``gepland`` (0,0 %). A version published by another server is shown at the next
interaction (``PMG_VERSION_CHECK_S=0``; ``test_version_polling.py`` tests the interval); a
damaged object in the bucket is reported as on a folder store.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
import pytest
import streamlit as st
from s3server import S3Server, running_s3_server
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.data.catalog import Dataset
from lib.data.store import Store

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with running_s3_server(tmp_path_factory.mktemp("s3")) as server:
        yield server


def _publish(store: Store, dataset: Dataset, status: str) -> int:
    return store.publish(
        "interventies",
        dataset.interventies.with_columns(pl.lit(status).alias("status")),
        who="analist@example.org",
        comment=f"alles {status}",
        source_name=f"{status}.csv",
        checksum="sha256:" + "0" * 64,
    )


@pytest.fixture
def store(s3: S3Server, dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> Store:
    root = s3.new_bucket() + "/dashboard"
    for name, value in s3.options.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PMG_STORE_URI", root)
    monkeypatch.setenv("PMG_VERSION_CHECK_S", "0")  # ask at every rerun (the interval: elsewhere)
    target = Store(root, options=s3.options)
    target.ensure_base(dataset.uploadable(), comment="Meegeleverde data (versie 0)")
    for status in ("afgerond", "gepland"):
        _publish(target, dataset, status)
    return target


def rate(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Uitvoeringsgraad")


def test_the_newest_version_in_the_bucket_is_shown_and_a_new_one_picked_up(
    s3: S3Server, store: Store, dataset: Dataset
) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error
    assert rate(at) == "0,0 %"  # version 2
    other_server = Store(store.location.key, options=s3.options)
    assert _publish(other_server, dataset, "afgerond") == 3
    at.run()
    assert rate(at) == "100,0 %"  # version 3, without a restart
    # a changed byte in the newest version's data file: reported, the version before shown
    (name,) = [entry[0] for entry in store.version_info(3)["bestanden"]["interventies"]]
    bucket, _, prefix = store.location.key.removeprefix("s3://").partition("/")
    client = s3.client()
    key = f"{prefix}/interventies/{name}"
    data = bytearray(client.get_object(Bucket=bucket, Key=key)["Body"].read())
    data[len(data) // 2] ^= 0xFF
    client.put_object(Bucket=bucket, Key=key, Body=bytes(data))
    st.cache_resource.clear()  # as after a server restart: the version is loaded again
    fresh = AppTest.from_file(APP, default_timeout=90)
    fresh.run()
    assert not fresh.exception
    text = "\n".join(str(e.value) for e in fresh.error)
    assert "Versie 3 van de gegevens is beschadigd" in text
    assert "U ziet versie 2, de nieuwste goede versie, alleen om te lezen." in text
    assert rate(fresh) == "0,0 %"
