"""The deployment recipe with a browser: a server killed (``kill -9``) during a publication
loses nothing while the other keeps serving, and a sign-in on one server holds on the other.

Two app servers sharing one store behind nginx, started from the files in ``deploy/`` as in
``tests/server/test_deployment.py`` (fixtures in ``tests/support/deployment.py``).
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from aio import run_async
from browser_app import App
from deployment import (
    PASSPHRASE,
    WAIT_MS,
    SharedStore,
    cli,
    edited,
    history,
    route_to,
    secrets_text,
    store,
    two,
    versions_shown,
)
from oidc_provider import auth_section, oidc_provider
from playwright.sync_api import Browser, expect

from benchmarks.cluster import NGINX, Cluster, cluster, get
from benchmarks.server import free_port
from benchmarks.sessions import first_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["store", "two"]  # fixtures


# --- a crash during a publication ------------------------------------------------------------


def test_kill_9_of_a_server_during_a_publication_loses_nothing(
    two: Cluster,
    store: SharedStore,
    browser: Browser,
    record_property: Callable[[str, object], None],
) -> None:
    a, b = two.servers
    assert (
        cli(two, "publish", "--table", "interventies", str(edited(1)), "--comment", "v1").returncode
        == 0
    )
    assert history(two) == [1, 0]
    to_a = route_to(two, a.port)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": "pmg_route", "value": to_a, "url": two.url}])
    app = App.attach(context, two.url)
    app.open("data")
    app.main.get_by_label("Analist-wachtwoordzin").fill(PASSPHRASE)
    app.act(lambda: app.main.get_by_role("button", name="Aanmelden").click())
    expect(app.main.get_by_text("Uw rol: Analist", exact=False)).to_be_visible(timeout=WAIT_MS)
    chooser = app.main.locator('[data-testid="stFileUploader"] input[type="file"]')
    app.act(lambda: chooser.set_input_files(str(edited(2))))
    expect(app.main.get_by_text("Voorbeeld van de nieuwe data")).to_be_visible(timeout=WAIT_MS)
    app.main.get_by_label("Opmerking (verplicht)").fill("afgebroken publicatie")
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
    run = run_async(first_run(b.url, ""))
    assert not [t for t in run.texts if "beschadigd" in t or "ontbreekt" in t]
    # the next publication through the other server works; every version checks out
    done = cli(
        two, "publish", "--table", "interventies", str(edited(3)), "--comment", "na de crash"
    )
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


def test_a_sign_in_on_one_server_holds_on_the_other(
    store: SharedStore, browser: Browser, tmp_path: Path
) -> None:
    """The sign-in is a cookie signed with the shared ``cookie_secret``: a browser that signed
    in on server A is still signed in (and an analyst) when nginx sends it to server B."""
    if store.folder is None:
        pytest.skip("the sign-in does not depend on the store: tested once, with a folder")
    if not NGINX.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NGINX} is needed on CI (.ci/run installs nginx-light)")
        pytest.skip(f"{NGINX} not found: apt-get install nginx-light")

    user = {"sub": "a.analist@example.org", "email": "a.analist@example.org",
            "groups": ["pmg-analisten"]}  # fmt: skip
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    with oidc_provider(free_port(), [user], tmp_path / "provider.log") as issuer:
        text = secrets_text(store) + 'analyst_group = "pmg-analisten"\n'
        text += auth_section(public, issuer, secrets.token_hex(32))
        with cluster(
            tmp_path / "cluster", store=store.env, secrets_text=text, proxy_port=port
        ) as running:
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
