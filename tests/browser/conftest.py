"""Browser suite: one app server and one headless Chromium per session, a new context per test.

The server is ``streamlit run app.py`` on a free local port; the browser is the Chromium of the
operating system (never a downloaded one). Without Chromium the suite is skipped, except on CI
(``CI=true``), where a missing browser is an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from browser_app import DESKTOP, App, ServerError, serve_app
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _no_browser(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser suite must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The system Chromium; skips the browser tests when it is missing (fails on CI)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _no_browser(f"Chromium not found at {CHROMIUM}: install the 'chromium' package")
    return CHROMIUM


@pytest.fixture(scope="session")
def app_url(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run app.py`` for the session; yields its base URL, then stops it."""
    try:
        with serve_app(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
            yield url
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(chromium: Path, playwright_instance: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        instance = playwright_instance.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # a broken installation is "no browser" too
        _no_browser(f"Chromium at {chromium} does not start: {error}")
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def warm_url(browser: Browser, app_url: str) -> str:
    """The server after one visit: the first run of a process loads and caches the data, so
    no test pays for that. (A fresh server of its own is used in test_browser_first_visit.py.)
    """
    context = browser.new_context()
    try:
        App.attach(context, app_url).open()
    finally:
        context.close()
    return app_url


@pytest.fixture
def new_app(browser: Browser, warm_url: str) -> Iterator[Callable[..., App]]:
    """Factory: ``new_app(width=..., height=...)`` opens a fresh browser context (own session)."""
    contexts: list[BrowserContext] = []

    def make(width: int = DESKTOP[0], height: int = DESKTOP[1]) -> App:
        context = browser.new_context(
            viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        contexts.append(context)
        return App.attach(context, warm_url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def app(new_app: Callable[..., App]) -> App:
    """The app in a fresh context at 1366x768."""
    return new_app()


AXE_RESULTS = pytest.StashKey[dict[str, Any]]()


@pytest.fixture(scope="session")
def axe_results(request: pytest.FixtureRequest) -> dict[str, Any]:
    """axe findings per page and language, filled by test_browser_axe.py."""
    return request.config.stash.setdefault(AXE_RESULTS, {})


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """List every axe finding (minor and moderate ones do not fail a test)."""
    results = config.stash.get(AXE_RESULTS, None)
    if not results:
        return
    cache = getattr(config, "cache", None)  # absent with -p no:cacheprovider
    if cache is not None:
        cache.set("pmg/axe", results)
    terminalreporter.section("axe-core findings per page and language")
    for name, found in sorted(results.items()):
        text = ", ".join(f"{v['id']} ({v['impact']}, {len(v['targets'])}x)" for v in found)
        terminalreporter.write_line(f"{name}: {text or 'none'}")
