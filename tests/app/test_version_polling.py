"""AppTest: a version published by another process (here the command line, as another server
would) is served to the app's next rerun once ``PMG_VERSION_CHECK_S`` has passed, without a
restart; within that time the app keeps the version it has."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import ROOT, store_dir
from lib.data.auth import hash_passphrase
from lib.data.store import Store

APP = str(ROOT / "app.py")
EXCEL = ROOT / "tests" / "data" / "excel_nl_cp1252.csv"
PASSPHRASE = "een andere server publiceert"


def footer(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def open_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def publish_from_the_command_line(tmp_path: Path) -> float:
    """``python -m lib publish`` into the app's store, in a process of its own; returns the
    ``time.monotonic()`` at which it had finished."""
    secrets = tmp_path / "secrets.toml"
    hashed = hash_passphrase(PASSPHRASE, iterations=1_000)
    secrets.write_text(f'analyst_passphrase_hash = "{hashed}"\n', encoding="utf-8")
    env = {**os.environ, "PMG_SECRETS_FILE": str(secrets), "PMG_ANALYST_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-m", "lib", "publish", "--table", "interventies", str(EXCEL),
               "--comment", "gepubliceerd op een andere server"]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert Store(store_dir()).current_version() == 1
    return time.monotonic()


def test_a_version_published_elsewhere_is_shown_after_the_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMG_VERSION_CHECK_S", "1")
    at = open_app()
    assert "Dataversie 1 van" not in footer(at)
    published = publish_from_the_command_line(tmp_path)
    time.sleep(max(0.0, published + 1.05 - time.monotonic()))
    at.run()
    assert not at.exception
    assert "Dataversie 1 van" in footer(at)


def test_within_the_interval_the_app_keeps_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMG_VERSION_CHECK_S", "600")
    at = open_app()
    before = footer(at)
    publish_from_the_command_line(tmp_path)
    at.run()
    assert footer(at) == before  # not asked again before 600 s: no read of the store per rerun
    assert "Dataversie 1 van" not in footer(at)


def test_a_bad_setting_is_named_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMG_VERSION_CHECK_S", "soms")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    shown = "\n".join(str(e.value) for e in at.error)
    assert "Een instelling van de server (PMG_...) is ongeldig" in shown
    assert "PMG_VERSION_CHECK_S='soms': not a number" in "\n".join(str(c.value) for c in at.code)
