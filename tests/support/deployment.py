"""Two app servers sharing one store behind nginx, for the deployment tests of
``tests/server`` and ``tests/browser``: the shared store as a fixture parameter (a folder, or
a bucket of the S3-compatible test server), the cluster of ``benchmarks.cluster``, and what the
tests ask of it.

Asynchronous clients run in a thread of their own (``aio.run_async``).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aio import run_async

from benchmarks.cluster import NGINX, Cluster, cluster, get
from benchmarks.sessions import first_run
from lib.config import ROOT
from lib.data.auth import hash_passphrase
from lib.data.store import Store

PASSPHRASE = "twee servers een opslag"
CHECK_S = 2.0  # PMG_VERSION_CHECK_S of the servers under test
SLACK_S = 30.0  # beyond the interval: a rerun on a busy two-core machine
FILE = ROOT / "data" / "curated" / "interventies.csv"


def edited(n: int) -> Path:
    """The bundled interventions with the name of the first one ending in `` (n)``: a file
    that changes one row, so publishing it (add and update, the default) makes a version;
    the bundled file itself changes nothing and makes none."""
    import tempfile

    lines = FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    header, first, rest = lines[0], lines[1], lines[2:]
    cells = first.split(",")
    cells[2] = f"{cells[2]} ({n})"
    path = Path(tempfile.gettempdir()) / f"pmg-interventies-{os.getpid()}-{n}.csv"
    path.write_text(header + ",".join(cells) + "".join(rest), encoding="utf-8")
    return path


STORES = ("local", "s3")
WAIT_MS = 90_000  # a validation on a busy two-core machine


def _store_takes_a_uri() -> bool:
    return "PMG_STORE_URI" in (ROOT / "lib" / "config.py").read_text(encoding="utf-8")


@dataclass(frozen=True)
class SharedStore:
    """Where the servers keep their versions: the settings that name it, the lines of the
    secrets file that reach it, the store itself, and its table's data files right now."""

    env: dict[str, str]
    open: Callable[[], Store]
    data_files: Callable[[], set[str]]
    secrets: str = ""

    @property
    def folder(self) -> Path | None:
        return Path(self.env["PMG_STORE_DIR"]) if "PMG_STORE_DIR" in self.env else None


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SharedStore]:
    if request.param == "local":
        root = tmp_path / "store"
        yield SharedStore(
            {"PMG_STORE_DIR": str(root)},
            open=lambda: Store(root),
            data_files=lambda: {p.name for p in (root / "interventies").glob("*.parquet")},
        )
        return
    try:
        from s3server import running_s3_server  # the S3-compatible test server (moto)
    except ImportError:
        running_s3_server = None
    if running_s3_server is None or not _store_takes_a_uri():
        pytest.skip("the store does not take an s3:// location (PMG_STORE_URI) on this branch")
    with running_s3_server(tmp_path) as s3:
        options = s3.options
        secrets = (
            "[store]\n"
            f'endpoint_url = "{options["AWS_ENDPOINT_URL"]}"\n'
            f'access_key_id = "{options["AWS_ACCESS_KEY_ID"]}"\n'
            f'secret_access_key = "{options["AWS_SECRET_ACCESS_KEY"]}"\n'
            f'region = "{options["AWS_REGION"]}"\n'
            "allow_http = true\n"
        )
        uri = f"{s3.new_bucket()}/pmg"
        bucket = uri.removeprefix("s3://").split("/", 1)[0]
        client = s3.client()

        def data_files() -> set[str]:
            listed = client.list_objects_v2(Bucket=bucket, Prefix="pmg/interventies/")
            keys = [item["Key"] for item in listed.get("Contents", [])]
            return {k.rsplit("/", 1)[-1] for k in keys if k.endswith(".parquet")}

        yield SharedStore(
            {"PMG_STORE_URI": uri},
            open=lambda: Store(uri, options=options),
            data_files=data_files,
            secrets=secrets,
        )


def secrets_text(store: SharedStore) -> str:
    phrase = hash_passphrase(PASSPHRASE, iterations=1_000)
    return f'analyst_passphrase_hash = "{phrase}"\n{store.secrets}'


@pytest.fixture
def two(store: SharedStore, tmp_path: Path) -> Iterator[Cluster]:
    """Two app servers sharing ``store`` behind nginx."""
    if not NGINX.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NGINX} is needed on CI (.ci/run installs nginx-light)")
        pytest.skip(f"{NGINX} not found: apt-get install nginx-light")
    settings = {"PMG_VERSION_CHECK_S": str(CHECK_S)}
    with cluster(
        tmp_path / "cluster", store=store.env, secrets_text=secrets_text(store), settings=settings
    ) as running:
        yield running


# --- helpers ---------------------------------------------------------------------------------


def route_to(running: Cluster, port: int) -> str:
    """A value of the route cookie that nginx sends to the server on ``port``."""
    assert running.proxy is not None
    for n in range(200):
        key = f"probe{n}"
        status, _, _ = get(f"{running.url}/_stcore/health", headers={"Cookie": f"pmg_route={key}"})
        assert status == 200
        if (key, f"127.0.0.1:{port}") in running.proxy.upstreams("/_stcore/health"):
            return key
    raise AssertionError(f"no route key reaches port {port}")


def versions_shown(base_url: str, cookie: str | None = None) -> str:
    """The footer line "Dataversie ..." of a new session's Overzicht."""
    headers = {"Cookie": f"pmg_route={cookie}"} if cookie else None
    run = run_async(first_run(base_url, "", headers=headers))
    assert run.ok, run.exceptions
    return next(t for t in run.texts if "Dataversie" in t)


def cli(running: Cluster, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m lib ...`` with the servers' settings (their store and secrets)."""
    env = {**running.env, "PMG_ANALYST_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-m", "lib", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def history(running: Cluster) -> list[int]:
    done = cli(running, "history")
    assert done.returncode == 0, done.stderr
    return [int(line.split("\t")[0]) for line in done.stdout.strip().splitlines()]


def websocket_handshake(port: int, host: str) -> int:
    """The status of a websocket handshake on ``/_stcore/stream`` with ``host`` as Host and
    origin (101: accepted)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "GET",
            "/_stcore/stream",
            headers={
                "Host": host,
                "Origin": f"http://{host}",
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Protocol": "streamlit",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()
