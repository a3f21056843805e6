"""The deployment recipe on loopback: nginx in front of two app servers that share one store.

The pieces are started from the files in ``deploy/`` (``benchmarks.cluster``: the systemd
unit's command, ``deploy/dashboard.env``, the nginx site made by ``deploy/render.py``), the
way the README's "Deployment" section sets them up. Checked: the health check through nginx,
that a browser stays on one server (its page, its websocket and a reconnect), that the host
allow-list of the settings holds, that a version published through one server is served by
the other within ``PMG_VERSION_CHECK_S``, and that a server killed (``kill -9``) during a
publication loses nothing while the other keeps serving.

The store is a fixture parameter: a local folder, and a bucket of an S3-compatible server
(moto's standalone server, ``tests/support/s3server.py``), skipped with its reason where the
store does not take an ``s3://`` location.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.cluster import NGINX, Cluster, cluster, get
from benchmarks.server import CHROMIUM, chromium, free_port
from benchmarks.sessions import Run, Session, first_run, open_stream
from lib.config import ROOT
from lib.data.auth import hash_passphrase
from lib.data.store import Store

pytestmark = pytest.mark.slow

PASSPHRASE = "twee servers een opslag"
CHECK_S = 2.0  # PMG_VERSION_CHECK_S of the servers under test
SLACK_S = 30.0  # beyond the interval: a rerun on a busy two-core machine
FILE = ROOT / "data" / "curated" / "interventies.csv"
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
    run = asyncio.run(first_run(base_url, "", headers=headers))
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


# --- the proxy -------------------------------------------------------------------------------


def test_the_health_check_through_nginx_reaches_both_servers(two: Cluster) -> None:
    assert two.proxy is not None
    for _ in range(24):  # new browsers: each gets a random route
        status, headers, body = get(f"{two.url}/_stcore/health")
        assert (status, body) == (200, b"ok")
        assert "pmg_route=" in headers.get("Set-Cookie", "")
    used = {upstream for _, upstream in two.proxy.upstreams("/_stcore/health")}
    assert used == {f"127.0.0.1:{s.port}" for s in two.servers}


def test_a_browser_stays_on_one_server(two: Cluster) -> None:
    assert two.proxy is not None
    status, headers, page = get(f"{two.url}/")
    assert status == 200
    assert b"<html" in page.lower()
    cookie = re.search(r"pmg_route=([^;]+)", headers["Set-Cookie"])
    assert cookie is not None
    key = cookie.group(1)
    jar = {"Cookie": f"pmg_route={key}"}

    async def session_with_a_reconnect() -> list[bool]:
        oks = []
        for _ in range(2):  # the second websocket is a reconnect of the same browser
            session = Session(two.url, "themas", headers=jar)
            async with open_stream(session) as ws:
                first = await session.run(ws)
                session.choose("filter_thema", ["gezag"])  # a filter change over the same websocket
                second = await session.run(ws)
                oks += [first.ok, second.ok]
        return oks

    for _ in range(5):
        assert get(f"{two.url}/_stcore/health", headers=jar)[0] == 200
    assert all(asyncio.run(session_with_a_reconnect()))
    mine = [up for route, up in two.proxy.upstreams("/") if route == key]
    streams = [up for route, up in two.proxy.upstreams("/_stcore/stream") if route == key]
    assert len(streams) == 2
    assert len(mine) >= 8
    assert len(set(mine)) == 1, mine


def test_the_host_allow_list_of_the_settings_holds(two: Cluster) -> None:
    assert two.proxy is not None
    assert websocket_handshake(two.proxy.port, f"127.0.0.1:{two.proxy.port}") == 101
    assert websocket_handshake(two.proxy.port, "evil.example") == 403


# --- one store, two servers -----------------------------------------------------------------


def test_a_version_published_on_one_server_is_served_by_the_other(two: Cluster) -> None:
    a, b = two.servers
    session = Session(two.url, "", headers={"Cookie": f"pmg_route={route_to(two, b.port)}"})

    def footer(run: Run) -> str:
        assert run.ok, run.exceptions
        return next(t for t in run.texts if "Dataversie" in t)

    async def open_on_b_publish_and_rerun() -> float | None:
        async with open_stream(session) as ws:  # a session open on B all along
            assert "Dataversie 1 van" not in footer(await session.run(ws))
            done = cli(two, "publish", "--table", "interventies", str(FILE), "--comment", "A")
            assert done.returncode == 0, done.stderr
            published = time.monotonic()
            while time.monotonic() < published + CHECK_S + SLACK_S:
                if "Dataversie 1 van" in footer(await session.run(ws)):  # its next rerun
                    return time.monotonic() - published
                await asyncio.sleep(0.25)
        return None

    assert asyncio.run(open_on_b_publish_and_rerun()) is not None, "B never served version 1"
    assert two.proxy is not None
    streams = {up for _, up in two.proxy.upstreams("/_stcore/stream")}
    assert streams == {f"127.0.0.1:{b.port}"}
    assert "Dataversie 1 van" in versions_shown(a.url)
    assert history(two) == [1, 0]


# --- a crash during a publication ------------------------------------------------------------


def _browser_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.mark.browser
def test_kill_9_of_a_server_during_a_publication_loses_nothing(
    two: Cluster, store: SharedStore, record_property: Callable[[str, object], None]
) -> None:
    if not _browser_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is needed on CI")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from browser_app import App
    from playwright.sync_api import expect

    a, b = two.servers
    assert (
        cli(two, "publish", "--table", "interventies", str(FILE), "--comment", "v1").returncode == 0
    )
    assert history(two) == [1, 0]
    to_a = route_to(two, a.port)
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_cookies([{"name": "pmg_route", "value": to_a, "url": two.url}])
        app = App.attach(context, two.url)
        app.open("data")
        app.main.get_by_label("Analist-wachtwoordzin").fill(PASSPHRASE)
        app.act(lambda: app.main.get_by_role("button", name="Aanmelden").click())
        expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible(timeout=WAIT_MS)
        chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
        app.act(lambda: chooser.set_input_files(str(FILE)))
        expect(app.main.get_by_text("Voorbeeld van de nieuwe data")).to_be_visible(timeout=WAIT_MS)
        app.main.get_by_label("Opmerking (verplicht)").fill("afgebroken publicatie")
        app.main.get_by_label("Uw naam of e-mailadres").fill("analist@example.org")
        before = store.data_files()
        killed = threading.Event()

        def kill_when_the_table_is_written() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not store.data_files() - before:
                time.sleep(0.001 if store.folder is not None else 0.01)
            a.kill()
            killed.set()

        watcher = threading.Thread(target=kill_when_the_table_is_written)
        watcher.start()
        app.main.get_by_role("button", name="Publiceren als nieuwe versie").click()
        watcher.join(90)
        assert killed.is_set()
        context.close()

    # the other server keeps serving, also the browsers that were on the killed one
    assert get(f"{b.url}/_stcore/health")[::2] == (200, b"ok")
    for _ in range(3):
        status, _, body = get(f"{two.url}/_stcore/health", headers={"Cookie": f"pmg_route={to_a}"})
        assert (status, body) == (200, b"ok")
    shown = versions_shown(two.url, to_a)  # a new session, now on B
    # nothing is lost: version 1 or the whole new version 2, never a damaged store
    versions = history(two)
    record_property("versions_after_the_kill", versions)
    assert versions in ([1, 0], [2, 1, 0])
    assert f"Dataversie {versions[0]} van" in shown
    run = asyncio.run(first_run(b.url, ""))
    assert not [t for t in run.texts if "beschadigd" in t or "ontbreekt" in t]
    # the next publication through the other server works; every version checks out
    done = cli(two, "publish", "--table", "interventies", str(FILE), "--comment", "na de crash")
    assert done.returncode == 0, done.stderr
    after = history(two)
    assert after[0] == versions[0] + 1
    target = store.open()
    referenced: set[str] = set()
    for number in after:
        info = target.version_info(number)
        target.verify(info)
        referenced |= {name for name, _, _ in (info["bestanden"] or {}).get("interventies", [])}
    if store.folder is not None:  # a folder store removes the leftovers at once (a bucket
        # store only when they are a day old: a slow writer may still commit them)
        assert store.data_files() <= {Path(n).name for n in referenced}


# --- single sign-on across the servers -------------------------------------------------------


@pytest.mark.browser
def test_a_sign_in_on_one_server_holds_on_the_other(store: SharedStore, tmp_path: Path) -> None:
    """The sign-in is a cookie signed with the shared ``cookie_secret``: a browser that signed
    in on server A is still signed in (and an analyst) when nginx sends it to server B."""
    if store.folder is None:
        pytest.skip("the sign-in does not depend on the store: tested once, with a folder")
    if not (NGINX.is_file() and _browser_available()):
        if os.environ.get("CI") == "true":
            pytest.fail("nginx and Chromium are needed on CI")
        pytest.skip("needs nginx and Chromium")
    from browser_app import App
    from oidc_provider import auth_section, oidc_provider
    from playwright.sync_api import expect

    user = {"sub": "a.analist@example.org", "email": "a.analist@example.org",
            "groups": ["pmg-analisten"]}  # fmt: skip
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    with oidc_provider(free_port(), [user], tmp_path / "provider.log") as issuer:
        text = secrets_text(store) + 'analyst_group = "pmg-analisten"\n'
        text += auth_section(public, issuer, secrets.token_hex(32))
        with (
            cluster(tmp_path / "cluster", store=store.env, secrets_text=text, proxy_port=port) as
            running,
            chromium() as browser,
        ):  # fmt: skip
            a, b = running.servers
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.add_cookies(
                [{"name": "pmg_route", "value": route_to(running, a.port), "url": public}]
            )
            app = App.attach(context, public)
            app.open("data")
            app.main.get_by_role("button", name="Inloggen").click()
            app.page.wait_for_url("**/oauth2/authorize**")
            app.page.get_by_role("button", name=user["sub"]).click()
            app.page.wait_for_url(f"{public}/**")
            app.settle(first=True)
            app.open("data")
            expect(app.main.get_by_text("Uw rol: Analist")).to_be_visible(timeout=WAIT_MS)
            context.add_cookies(
                [{"name": "pmg_route", "value": route_to(running, b.port), "url": public}]
            )
            app.open("data")
            expect(app.main.get_by_text("Aangemeld als a.analist@example.org.")).to_be_visible()
            expect(app.main.get_by_text("Uw rol: Analist")).to_be_visible(timeout=WAIT_MS)
            context.close()
            assert running.proxy is not None
            deadline = time.monotonic() + 10  # nginx logs a websocket when it is closed
            streams = {up for _, up in running.proxy.upstreams("/_stcore/stream")}
            while len(streams) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
                streams = {up for _, up in running.proxy.upstreams("/_stcore/stream")}
    assert streams == {f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"}  # it was on both
