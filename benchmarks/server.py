"""Benchmark of the running app: cold start, warm page visits and concurrent sessions.

Every figure comes from a real ``streamlit run app.py`` process on a free local port, driven
by the system's headless Chromium through Playwright. The version store of each server is a
fresh temporary directory, so ``data/store`` is never touched.

"Fully rendered" means, in the browser (checked by ``_RENDERED``, polled every 25 ms):

* Streamlit's root element says the script is not running (``data-test-script-state`` is
  ``notRunning``) and the connection is up; the last message the page sent was answered;
* the page title (an ``h1`` in the main area) is there and the page's expected number of
  ``st.metric`` values (four on the Overzicht) is visible with a non-empty text;
* nothing is stale, no skeleton placeholder, spinner, running-status icon or exception box;
* web fonts are loaded; every Vega chart has an ``svg.marks`` or ``canvas`` with a non-zero
  size, every map (deck.gl) and every shown data grid a sized canvas;
* and the page then stays like that, with no change of the document and no message from the
  server, for ``QUIET_MS``.

The instant reported is when the page reached that final state: the later of the last change
of the document or message from the server and the last poll at which the conditions did not
hold yet. It is taken from the page's own clock (``performance.timeOrigin + t``, the system's
wall clock), so neither the quiet period nor the way back to Python is counted.

    python -m benchmarks.server --dataset DIR|bundled --runs 5 --sessions 20
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.data.catalog import load_dataset
from lib.web.routes import ROUTES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# URL paths of the pages as app.py registers them; "" is the default page (Overzicht).
PAGES: tuple[str, ...] = tuple(route.slug for route in ROUTES)
# How many st.metric values a page must show before it counts as rendered.
METRICS: dict[str, int] = {"": 4}
STATUSES = ("afgerond", "in_uitvoering", "gepland", "niet_uitgevoerd")
FILTERED_PAGES = ("uitvoering", "themas", "risicofactoren", "kaart")

START_TIMEOUT_S = 180.0
HEALTH_POLL_S = 0.02
RENDER_TIMEOUT_MS = 300_000
POLL_MS = 25
QUIET_MS = 400
STOP_TIMEOUT_S = 15.0
KIB = 1024


class ServerError(RuntimeError):
    """The app server did not start or did not answer in time."""


class RenderError(RuntimeError):
    """A page shows an exception instead of its content."""


# --- the server process ---------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(url: str) -> bool:
    """True when Streamlit's health endpoint answers ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().decode().strip() == "ok")
    except (urllib.error.URLError, OSError):
        return False


def _command(port: int, script: str = "app.py") -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]


def _environment(
    dataset: Path | None, store: Path, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PMG_DATA_DIR", "PMG_STORE_DIR")}
    if dataset is not None:
        env["PMG_DATA_DIR"] = str(dataset.resolve())
    env["PMG_STORE_DIR"] = str(store)
    return {**env, **(extra or {})}


def _start_time(pid: int) -> str | None:
    """Field 22 of /proc/PID/stat (start time in clock ticks): tells a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and any process it started (there are none with Streamlit 1.67)."""
    descendants = [(p, _start_time(p)) for p in process_tree(server.pid)[1:]]
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=STOP_TIMEOUT_S)
    for pid, started in descendants:
        if started is not None and _start_time(pid) == started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def serve(
    dataset: Path | None = None,
    *,
    store: Path | None = None,
    stamps: dict[str, float] | None = None,
    script: str = "app.py",
    env: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, int]]:
    """Run the app on a free local port; yields ``(base URL, pid)``, then stops that process.

    ``script`` is the Streamlit script (another one than ``app.py`` for a comparison, run
    from the repository like the app, so with its ``.streamlit/config.toml``); ``env`` adds
    to the environment of the process.

    ``dataset`` becomes ``PMG_DATA_DIR`` (``None``: the bundled data). ``store`` becomes
    ``PMG_STORE_DIR``; without it a new empty temporary directory is used and removed after.
    When ``stamps`` is given it receives ``spawned`` (just before the process is created) and
    ``healthy`` (the first ``ok`` of ``/_stcore/health``), both ``time.time()`` seconds.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="pmg-bench-") as scratch:
        root = Path(scratch)
        store_dir = store if store is not None else root / "store"
        store_dir.mkdir(parents=True, exist_ok=True)
        log_path = root / "streamlit.log"
        with log_path.open("wb") as log:
            spawned = time.time()
            server = subprocess.Popen(
                _command(port, script),
                cwd=ROOT,
                env=_environment(dataset, store_dir, env),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + START_TIMEOUT_S
                while not healthy(url):
                    if server.poll() is not None:
                        log.flush()
                        raise ServerError(f"the app server stopped:\n{log_path.read_text()}")
                    if time.monotonic() > deadline:
                        raise ServerError(f"no answer within {START_TIMEOUT_S:.0f} s")
                    time.sleep(HEALTH_POLL_S)
                if stamps is not None:
                    stamps["spawned"] = spawned
                    stamps["healthy"] = time.time()
                yield url, server.pid
            finally:
                _stop(server)


# --- memory of a process tree, from /proc -----------------------------------------------------


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (every thread's ``children`` file)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(p) for p in (task / "children").read_text().split()]
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, parents first."""
    tree = [pid]
    for current in tree:
        tree += [c for c in children(current) if c not in tree]
    return tree


def _status_bytes(pid: int, field: str) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:  # the process has ended
        return 0
    for line in lines:
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * KIB
    return 0


def rss(pid: int) -> int:
    """Resident memory now (``VmRSS``) in bytes, summed over ``pid`` and its descendants."""
    return sum(_status_bytes(p, "VmRSS") for p in process_tree(pid))


def peak_rss(pid: int) -> int:
    """Peak resident memory (``VmHWM``) in bytes, summed over ``pid`` and its descendants.

    With more than one process this is the sum of the peaks, an upper bound of the peak of
    the sum. ``streamlit run`` starts no child process, so it is normally one process.
    """
    return sum(_status_bytes(p, "VmHWM") for p in process_tree(pid))


# --- the browser and "fully rendered" -----------------------------------------------------------

# Installed in every document before the app's own scripts: the time of the last message sent
# and received on any websocket, the bytes received, and the time of the last document change.
_WATCH = """
window.__bench = {
  sentAt: -1, firstReceivedAt: 0, receivedAt: 0, bytes: 0, changedAt: 0, lastFalse: 0,
};
(() => {
  const w = window.__bench;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    w.sentAt = performance.now();
    if (!this.__benchWatched) {
      this.__benchWatched = true;
      this.addEventListener('message', (event) => {
        w.receivedAt = performance.now();
        w.firstReceivedAt = w.firstReceivedAt || w.receivedAt;
        const data = event.data;
        w.bytes += data.byteLength || data.size || data.length || 0;
      });
    }
    return send.apply(this, args);
  };
  new MutationObserver(() => { w.changedAt = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""

# Returns false until the page is fully rendered and quiet (see the module docstring), then
# the wall-clock time in ms at which it reached that state; ``{error}`` for an exception box.
_RENDERED = (
    """(metrics) => {
  const w = window.__bench;
  if (!w) { return false; }
  const now = performance.now();
  const sized = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const shown = (e) => !e.closest('details:not([open])');
  const all = (selector) => Array.from(document.querySelectorAll(selector)).filter(shown);
  const drawn = (e, inner) => Array.from(e.querySelectorAll(inner)).some(sized);
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const values = all('[data-testid="stMain"] [data-testid="stMetricValue"]')
    .filter((v) => sized(v) && v.innerText.trim() !== '');
  const busy = '[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stSpinner"], '
    + '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"], '
    + '[data-testid="stException"]';
  const failed = document.querySelector('[data-testid="stException"]');
  if (failed) { return {error: failed.innerText.slice(0, 2000)}; }
  const complete = !!app && !!main
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && w.receivedAt > w.sentAt
    && !!main.querySelector('h1')
    && values.length >= metrics
    && !document.querySelector(busy)
    && document.fonts.status === 'loaded'
    && all('[data-testid="stVegaLiteChart"]').every((c) => drawn(c, 'svg.marks, canvas'))
    && all('[data-testid="stDeckGlJsonChart"]').every((d) => drawn(d, 'canvas'))
    && all('[data-testid="stDataFrame"]').filter(sized).every((d) => drawn(d, 'canvas, table'));
  if (!complete) { w.lastFalse = now; return false; }
  const reached = Math.max(w.lastFalse, w.changedAt, w.receivedAt);
  if (now - reached < """
    + str(QUIET_MS)
    + """) { return false; }
  return performance.timeOrigin + reached;
}"""
)

# What was drawn: element counts, the bytes the server sent to this document, and when (ms
# since the navigation started) the document was parsed and the first and last message came.
_STATS = """() => {
  const count = (selector) => document.querySelectorAll(selector).length;
  const w = window.__bench || {bytes: 0, firstReceivedAt: 0, receivedAt: 0};
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    dom_nodes: count('*'),
    charts: count('[data-testid="stVegaLiteChart"]'),
    maps: count('[data-testid="stDeckGlJsonChart"]'),
    tables: count('[data-testid="stDataFrame"], [data-testid="stTable"]'),
    metrics: count('[data-testid="stMetric"]'),
    svg_marks: count('[data-testid="stVegaLiteChart"] svg .marks *'),
    ws_bytes: w.bytes,
    dom_ready_ms: navigation ? navigation.domContentLoadedEventEnd : 0,
    first_message_ms: w.firstReceivedAt,
    last_message_ms: w.receivedAt,
  };
}"""


@contextlib.contextmanager
def chromium(executable: Path = CHROMIUM) -> Iterator[Browser]:
    """A headless Chromium (the system's, never a downloaded one)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    """A fresh context (its own cookies, so its own Streamlit session) with the watcher."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(_WATCH)
    return context, context.new_page()


def _path_of(url_path: str) -> str:
    return url_path.split("?", 1)[0].strip("/")


def visit(page: Page, base_url: str, url_path: str = "") -> tuple[float, float]:
    """Navigate to ``url_path`` and wait until fully rendered.

    Returns ``(started, rendered)`` as ``time.time()`` seconds: just before the navigation and
    the instant the page reached its final state.
    """
    metrics = METRICS.get(_path_of(url_path), 0)
    started = time.time()
    page.goto(f"{base_url}/{url_path}", wait_until="commit", timeout=RENDER_TIMEOUT_MS)
    handle = page.wait_for_function(
        _RENDERED, arg=metrics, polling=POLL_MS, timeout=RENDER_TIMEOUT_MS
    )
    value = handle.json_value()
    if isinstance(value, dict):
        raise RenderError(f"/{url_path} shows an exception: {value.get('error')}")
    return started, float(value) / 1000.0


def page_stats(page: Page) -> dict[str, float]:
    """Counts of what the page shows now, the websocket bytes it received, and the times
    (ms after the navigation started) of the parsed document and the first and last message.
    """
    stats: dict[str, Any] = page.evaluate(_STATS)
    return {key: float(value) for key, value in stats.items()}


# --- the measurements --------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def _r(value: float) -> float:
    return round(value, 4)


def cold_start(
    dataset: Path | None,
    *,
    runs: int = 5,
    executable: Path = CHROMIUM,
    script: str = "app.py",
    env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """From spawning a fresh server to the Overzicht fully rendered, ``runs`` times.

    Per run a new headless Chromium is started first (not counted), then a new server with a
    new empty store. ``total_s`` = ``ready_s`` (spawn until the health endpoint answers) +
    ``render_s`` (from then until the first page is fully rendered; includes the navigation,
    the data load of the first run and drawing). ``peak_rss_bytes`` is the server's VmHWM
    right after that first render. Per run, ``dom_ready_s``, ``first_message_s`` and
    ``last_message_s`` (from the start of the navigation) show where ``render_s`` goes: loading
    the frontend, running the script (the data load on a fresh process) and drawing.
    ``script`` and ``env`` as for ``serve`` (another script: its default page).
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    results: list[dict[str, float | int]] = []
    for _ in range(runs):
        with chromium(executable) as browser:
            context, page = new_page(browser)
            page.goto("about:blank")
            stamps: dict[str, float] = {}
            with serve(dataset, stamps=stamps, script=script, env=env) as (url, pid):
                _, rendered = visit(page, url, "")
                peak = peak_rss(pid)
                stats = page_stats(page)
            context.close()
        results.append(
            {
                "total_s": _r(rendered - stamps["spawned"]),
                "ready_s": _r(stamps["healthy"] - stamps["spawned"]),
                "render_s": _r(rendered - stamps["healthy"]),
                # within render_s, from the start of the navigation
                "dom_ready_s": _r(stats["dom_ready_ms"] / 1000.0),
                "first_message_s": _r(stats["first_message_ms"] / 1000.0),
                "last_message_s": _r(stats["last_message_ms"] / 1000.0),
                "peak_rss_bytes": peak,
            }
        )

    def column(key: str) -> list[float]:
        return [float(run[key]) for run in results]

    return {
        "runs": runs,
        "median_s": _r(_median(column("total_s"))),
        "ready_median_s": _r(_median(column("ready_s"))),
        "render_median_s": _r(_median(column("render_s"))),
        "peak_rss_bytes": int(_median(column("peak_rss_bytes"))),
        "per_run": results,
    }


def page_visits(
    dataset: Path | None,
    *,
    runs: int = 5,
    pages: Sequence[str] = PAGES,
    executable: Path = CHROMIUM,
) -> dict[str, Any]:
    """Warm navigations: per page, the time from ``page.goto`` until fully rendered.

    One server and one browser page; one untimed visit of the Overzicht first loads the data.
    Then ``runs`` rounds over ``pages``; every navigation loads the document again (a new
    Streamlit session). ``peak_rss_bytes`` is the server's VmHWM after all visits.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    with chromium(executable) as browser, serve(dataset) as (url, pid):
        context, page = new_page(browser)
        visit(page, url, "")
        timings: dict[str, list[float]] = {path: [] for path in pages}
        stats: dict[str, list[dict[str, float]]] = {path: [] for path in pages}
        for _ in range(runs):
            for path in pages:
                started, rendered = visit(page, url, path)
                timings[path].append(_r(rendered - started))
                stats[path].append(page_stats(page))
        peak = peak_rss(pid)
        current = rss(pid)
        context.close()
    return {
        "runs": runs,
        "pages": {
            f"/{path}": {"median_s": _r(_median(times)), "runs_s": times, **_summary(stats[path])}
            for path, times in timings.items()
        },
        "peak_rss_bytes": peak,
        "rss_bytes": current,
    }


def _summary(stats: Sequence[dict[str, float]]) -> dict[str, float | int]:
    """Medians over the runs: the ``*_ms`` times in seconds, the counts as integers."""
    summary: dict[str, float | int] = {}
    for key in stats[0] if stats else ():
        middle = _median([s[key] for s in stats])
        if key.endswith("_ms"):
            summary[f"{key.removesuffix('_ms')}_median_s"] = _r(middle / 1000.0)
        else:
            summary[key] = round(middle)
    return summary


def _frames_bytes(values: Iterable[object]) -> int:
    return sum(int(v.estimated_size()) for v in values if isinstance(v, pl.DataFrame))


def dataset_sizes(dataset: Path | None) -> tuple[int, int]:
    """In-memory size of the dataset as the app holds it, in bytes (``estimated_size()``).

    First the frames of ``lib.data.catalog.load_dataset`` (its dataclass fields), then the frames
    the dataset derives once on first use and keeps (its cached properties, if any).
    """
    data = load_dataset(dataset if dataset is not None else BUNDLED_DATA_DIR)
    fields = _frames_bytes(getattr(data, f.name) for f in dataclasses.fields(data))
    derived = [
        name for name, value in vars(type(data)).items() if isinstance(value, cached_property)
    ]
    return fields, _frames_bytes(getattr(data, name) for name in derived)


def dataset_bytes(dataset: Path | None) -> int:
    """The sum of ``estimated_size()`` of every frame field of ``lib.data.catalog.load_dataset``."""
    return dataset_sizes(dataset)[0]


def filtered_path(index: int) -> str:
    """A filtered page for session ``index``: the pages and statuses in turn."""
    page = FILTERED_PAGES[index % len(FILTERED_PAGES)]
    status = STATUSES[(index // len(FILTERED_PAGES)) % len(STATUSES)]
    return f"{page}?status={status}"


def sessions(dataset: Path | None, *, n: int = 20, executable: Path = CHROMIUM) -> dict[str, Any]:
    """Server memory with 1 and with ``n`` concurrent sessions (browser contexts).

    The first context opens the Overzicht; then ``n - 1`` more contexts each open the
    Overzicht and then a filtered page, and all stay open. The claim checked: the dataset is
    held once in a shared cache, so ``per_session_bytes`` is far below ``dataset_bytes``.
    ``per_session_after_2_bytes`` leaves out the one-off costs of the first filtered page.

    Every navigation loads the document again, so each extra context leaves, besides its live
    session, the disconnected session of its Overzicht visit; Streamlit keeps such sessions
    for a while (two minutes in 1.67) in case the browser reconnects. Both are counted.
    ``derived_bytes`` is what the dataset computes once on first use and keeps beside it.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    size, derived = dataset_sizes(dataset)
    opened: list[BrowserContext] = []
    with chromium(executable) as browser, serve(dataset) as (url, pid):
        try:
            context, page = new_page(browser)
            opened.append(context)
            visit(page, url, "")
            rss_1 = rss(pid)
            rss_2 = rss_1
            visited = ["/"]
            for index in range(1, n):
                context, page = new_page(browser)
                opened.append(context)
                visit(page, url, "")
                path = filtered_path(index - 1)
                visit(page, url, path)
                visited.append(f"/{path}")
                if index == 1:
                    rss_2 = rss(pid)
            rss_n = rss(pid)
            peak = peak_rss(pid)
            still_open = sum(1 for c in opened if c.pages and not c.pages[0].is_closed())
        finally:
            for context in opened:
                context.close()
    per_session = (rss_n - rss_1) / (n - 1) if n > 1 else 0.0
    per_session_after_2 = (rss_n - rss_2) / (n - 2) if n > 2 else per_session
    return {
        "n": n,
        "sessions_opened": len(opened),
        "sessions_open_at_end": still_open,
        "last_pages": visited,
        "rss_1_bytes": rss_1,
        "rss_2_bytes": rss_2,
        "rss_n_bytes": rss_n,
        "peak_rss_bytes": peak,
        "per_session_bytes": round(per_session),
        "per_session_after_2_bytes": round(per_session_after_2),
        "dataset_bytes": size,
        "derived_bytes": derived,
        "per_session_over_dataset": round(per_session / size, 4) if size else None,
    }


# --- command line ---------------------------------------------------------------------------


def _dataset_arg(value: str) -> Path | None:
    if value == "bundled":
        return None
    path = Path(value)
    if not (path / "datapackage.json").is_file():
        raise argparse.ArgumentTypeError(f"{value}: no datapackage.json in that directory")
    return path


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be at least 1")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dataset", type=_dataset_arg, required=True, help="dataset directory, or 'bundled'"
    )
    parser.add_argument(
        "--runs", type=_positive, default=5, help="runs of cold start and page visits"
    )
    parser.add_argument("--sessions", type=_positive, default=20, help="concurrent sessions")
    parser.add_argument("--chromium", type=Path, default=CHROMIUM, help="Chromium executable")
    args = parser.parse_args(argv)
    dataset: Path | None = args.dataset
    results = {
        "dataset": str(dataset) if dataset is not None else "bundled",
        "cold_start": cold_start(dataset, runs=args.runs, executable=args.chromium),
        "page_visits": page_visits(dataset, runs=args.runs, executable=args.chromium),
        "sessions": sessions(dataset, n=args.sessions, executable=args.chromium),
    }
    sys.stdout.write(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
