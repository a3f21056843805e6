"""The deployment recipe on loopback: nginx in front of two app servers that share one store.

The pieces are started from the files in ``deploy/`` (``benchmarks.cluster``: the systemd
unit's command, ``deploy/dashboard.env``, the nginx site made by ``deploy/render.py``), the
way the README's "Deployment" section sets them up. Checked here: the health check through
nginx, that a browser stays on one server (its page, its websocket and a reconnect), that the
host allow-list of the settings holds, and that a version published while a session is open on
the other server is served there within ``PMG_VERSION_CHECK_S``. With a browser
(``tests/browser/test_browser_deployment.py``): a server killed during a publication, and a
sign-in that holds on the other server.

The store is a fixture parameter (``tests/support/deployment.py``): a local folder, and a
bucket of an S3-compatible server (moto's standalone server), skipped with its reason where the
store does not take an ``s3://`` location.
"""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from aio import run_async
from deployment import (
    CHECK_S,
    SLACK_S,
    cli,
    edited,
    history,
    route_to,
    store,
    two,
    versions_shown,
    websocket_handshake,
)

from benchmarks.cluster import Cluster, get
from benchmarks.sessions import Run, Session, open_stream

pytestmark = pytest.mark.slow
__all__ = ["store", "two"]  # fixtures


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
    assert all(run_async(session_with_a_reconnect()))
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
            done = cli(two, "publish", "--table", "interventies", str(edited(1)), "--comment", "A")
            assert done.returncode == 0, done.stderr
            published = time.monotonic()
            while time.monotonic() < published + CHECK_S + SLACK_S:
                if "Dataversie 1 van" in footer(await session.run(ws)):  # its next rerun
                    return time.monotonic() - published
                await asyncio.sleep(0.25)
        return None

    assert run_async(open_on_b_publish_and_rerun()) is not None, "B never served version 1"
    assert two.proxy is not None
    streams = {up for _, up in two.proxy.upstreams("/_stcore/stream")}
    assert streams == {f"127.0.0.1:{b.port}"}
    assert "Dataversie 1 van" in versions_shown(a.url)
    assert history(two) == [1, 0]
