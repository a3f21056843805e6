"""The wait a user feels: from a change in the sidebar until the page is fully redrawn.

Measured in the system's headless Chromium for every page with the sidebar, against
Streamlit's own floor in the same run: ``benchmarks/floor_app.py``, a minimal Streamlit app
whose page of the same path draws the same charts, tables, maps and metrics as the
dashboard's page for the same choice (taken from the dashboard's own script runs by
``benchmarks.floor``: same Vega-Lite specs and datasets, same tables, same map, in the main
area or in a collapsed expander as there) and nothing else. The figure per page is the ratio
of the medians, dashboard over floor: what the dashboard's own work adds to the wait.

    python -m benchmarks.redraw --dataset DIR|bundled --runs 6 --cold-runs 3

How it goes, all on 127.0.0.1, every wait bounded in time and the whole run by ``--minutes``:

1. ``benchmarks.floor`` (a process of its own) runs every page in AppTest in the default
   view and with each theme of the rounds chosen, and writes what the floor will draw.
2. The dashboard (on the dataset, with a fresh empty store) and the floor run side by side;
   one untimed visit of every page in both loads the data and draws everything once.
3. Per page, ``runs`` rounds. In each round both apps, one after the other (the order turns
   every round), get the same two changes of the theme filter in the sidebar, made with the
   keyboard as a user would: add a theme (type its name, Enter: a view not drawn before, as
   long as ``runs`` is at most the number of themes) and remove it again (Backspace: back to
   the page's default view).
4. Cold start, as in ``benchmarks.server.cold_start``: from spawning a fresh server until its
   first page is fully drawn, ``cold_runs`` times, for the dashboard and for the floor.

"Fully redrawn" (``_REDRAWN``, polled every 25 ms), after the key that made the change:

* the server has answered the message the change sent, Streamlit's root says the script is
  not running (``data-test-script-state``) and the connection is up;
* nothing is stale, no skeleton, spinner, running icon or exception box; fonts are loaded;
  every Vega chart outside a collapsed expander has a sized ``svg.marks`` or ``canvas``, every
  map a sized canvas and every shown table a sized canvas or table;
* and then nothing happens for ``QUIET_MS``: no change of the document, no message from the
  server, no drawing on a canvas (2D or WebGL) and no long task of the main thread.

The wait is from the key press (the ``keydown`` event, in the page's clock) until the last of
those events before the quiet period. Besides it: ``run_ms``, from the key press until the
last message of the server (the script run, as the page sees it), ``sent_ms`` until the
change was sent, ``long_tasks_ms`` the main thread's long tasks meanwhile, and ``bytes``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import polars as pl
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks import server
from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.web.routes import ROUTES
from lib.web.state import FILTER_KEYS

RESULTS: Final = ROOT / "benchmarks" / "results" / "redraw"
FLOOR_SCRIPT: Final = "benchmarks/floor_app.py"
# Every page with the sidebar (the presentation has none: its filters come with its link).
PAGES: Final[tuple[str, ...]] = tuple(r.slug for r in ROUTES if r.slug != "presentatie")
FILTER: Final = "themas"
LANG: Final = "nl"
RATIO_LIMIT: Final = 1.3
COLD_START_LIMIT_S: Final = 4.0
POLL_MS: Final = 25
QUIET_MS: Final = 400
WAIT_MS: Final = 120_000
CAPTURE_S: Final = 900
TRIES: Final = 3
OPTION_MS: Final = 10_000

# Installed in every document before Streamlit's scripts: the last key press, the messages
# on the websocket, the ends of script runs, changes of the document, drawing on canvases and
# long tasks, each as ``performance.now()``.
_WATCH = """
window.__redraw = {
  keyAt: 0, sentAt: -1, receivedAt: 0, bytes: 0, changedAt: 0, paintedAt: 0, busyUntil: 0,
  lastFalse: 0, answeredAt: 0, longTasks: 0,
};
(() => {
  const w = window.__redraw;
  addEventListener('keydown', () => {
    w.keyAt = performance.now();
    w.answeredAt = 0;
    w.longTasks = 0;
  }, true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    w.sentAt = performance.now();
    if (!this.__redrawWatched) {
      this.__redrawWatched = true;
      this.addEventListener('message', (event) => {
        w.receivedAt = performance.now();
        if (!w.answeredAt && w.sentAt > w.keyAt) { w.answeredAt = w.receivedAt; }
        const data = event.data;
        w.bytes += data.byteLength || data.size || data.length || 0;
      });
    }
    return send.apply(this, args);
  };
  new MutationObserver(() => { w.changedAt = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const painted = (proto, names) => {
    if (!proto) { return; }
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== 'function') { continue; }
      proto[name] = function (...args) {
        w.paintedAt = performance.now();
        return original.apply(this, args);
      };
    }
  };
  painted(window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype,
    ['clearRect', 'fillRect', 'drawImage', 'fillText', 'fill', 'stroke']);
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    painted(gl && gl.prototype,
      ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']);
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.busyUntil = Math.max(w.busyUntil, e.startTime + e.duration);
        if (e.startTime + e.duration > w.keyAt) { w.longTasks += e.duration; }
      }
    }).observe({type: 'longtask', buffered: true});
  } catch (error) { /* no long-task timing in this browser: the other signals remain */ }
})();
"""

_REDRAWN = (
    """() => {
  const w = window.__redraw;
  if (!w) { return false; }
  const now = performance.now();
  const sized = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const shown = (e) => !e.closest('details:not([open])');
  const all = (selector) => Array.from(document.querySelectorAll(selector)).filter(shown);
  const drawn = (e, inner) => Array.from(e.querySelectorAll(inner)).some(sized);
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const busy = '[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stSpinner"], '
    + '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]';
  const failed = document.querySelector('[data-testid="stException"]');
  if (failed) { return {error: failed.innerText.slice(0, 2000)}; }
  const complete = !!app && !!main
    && w.answeredAt > w.keyAt
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && w.receivedAt > w.sentAt
    && !!main.querySelector('h1')
    && !document.querySelector(busy)
    && document.fonts.status === 'loaded'
    && all('[data-testid="stVegaLiteChart"]').every((c) => drawn(c, 'svg.marks, canvas'))
    && all('[data-testid="stDeckGlJsonChart"]').every((d) => drawn(d, 'canvas'))
    && all('[data-testid="stDataFrame"]').filter(sized).every((d) => drawn(d, 'canvas, table'));
  if (!complete) { w.lastFalse = now; return false; }
  const reached = Math.max(w.lastFalse, w.changedAt, w.receivedAt, w.paintedAt, w.busyUntil);
  if (now - reached < """
    + str(QUIET_MS)
    + """) { return false; }
  return {
    wait: reached - w.keyAt, run: w.receivedAt - w.keyAt, bytes: w.bytes,
    sent: w.sentAt - w.keyAt, answered: w.answeredAt - w.keyAt, long_tasks: w.longTasks,
  };
}"""
)

# Why a page does not count as redrawn: the conditions of ``_REDRAWN`` one by one.
_STATE = """() => {
  const w = window.__redraw || {};
  const sized = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const shown = (e) => !e.closest('details:not([open])');
  const all = (selector) => Array.from(document.querySelectorAll(selector)).filter(shown);
  const drawn = (e, inner) => Array.from(e.querySelectorAll(inner)).some(sized);
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const busy = '[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stSpinner"], '
    + '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]';
  return {
    now: performance.now(), ...w,
    state: app && app.getAttribute('data-test-script-state'),
    connection: app && app.getAttribute('data-test-connection-state'),
    title: !!(main && main.querySelector('h1')),
    busy: Array.from(document.querySelectorAll(busy)).map((e) => e.dataset.testid || 'stale'),
    fonts: document.fonts.status,
    charts: all('[data-testid="stVegaLiteChart"]').map((c) => drawn(c, 'svg.marks, canvas')),
    maps: all('[data-testid="stDeckGlJsonChart"]').map((d) => drawn(d, 'canvas')),
    tables: all('[data-testid="stDataFrame"]').filter(sized).map((d) => drawn(d, 'canvas, table')),
  };
}"""


class RedrawError(RuntimeError):
    """A page did not redraw, or showed an exception."""


@dataclass(frozen=True)
class Redraw:
    """One change as the page saw it: the wait until fully redrawn, the script run's part of
    it (both ms from the key press) and the bytes the server sent."""

    wait_ms: float
    run_ms: float
    bytes: int
    sent_ms: float = 0.0
    answered_ms: float = 0.0
    long_tasks_ms: float = 0.0
    server_cpu_ms: float = 0.0


# --- the pure part: layout, figures, report --------------------------------------------------


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no values")
    return float(statistics.median(values))


def summarise(redraws: Mapping[str, Sequence[Redraw]]) -> dict[str, Any]:
    """Medians of one app on one page: all changes, and per change (``add``, ``remove``)."""
    every = [r for kind in redraws.values() for r in kind]
    out: dict[str, Any] = {
        "median_ms": round(median([r.wait_ms for r in every]), 1),
        "run_median_ms": round(median([r.run_ms for r in every]), 1),
        "sent_median_ms": round(median([r.sent_ms for r in every]), 1),
        "long_tasks_median_ms": round(median([r.long_tasks_ms for r in every]), 1),
        "server_cpu_median_ms": round(median([r.server_cpu_ms for r in every]), 1),
        "bytes_median": round(median([r.bytes for r in every])),
    }
    for kind, found in redraws.items():
        out[f"{kind}_median_ms"] = round(median([r.wait_ms for r in found]), 1)
        out[f"{kind}_ms"] = [round(r.wait_ms, 1) for r in found]
        out[f"{kind}_run_ms"] = [round(r.run_ms, 1) for r in found]
    return out


def ratio(app: Mapping[str, Any], floor: Mapping[str, Any]) -> float:
    """Dashboard over floor, of the medians of all changes."""
    return round(float(app["median_ms"]) / float(floor["median_ms"]), 3)


def targets(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every page's ratio at most ``RATIO_LIMIT``; the dashboard's cold start at most
    ``COLD_START_LIMIT_S``."""
    found = [
        {
            "name": f"Redraw ratio {slug or 'overzicht'}",
            "value": page["ratio"],
            "limit": RATIO_LIMIT,
            "met": page["ratio"] <= RATIO_LIMIT,
        }
        for slug, page in results["pages"].items()
    ]
    cold = results.get("cold_start")
    if cold:
        value = cold["app"]["median_s"]
        found.append(
            {
                "name": "Cold start (s)",
                "value": value,
                "limit": COLD_START_LIMIT_S,
                "met": value <= COLD_START_LIMIT_S,
            }
        )
    return found


def elements_text(counts: Mapping[str, Sequence[int]]) -> str:
    """``counts`` (kind -> [shown, in an expander]) as ``2 charts + 4 tables (3 in expanders)``."""
    parts, hidden = [], 0
    for kind in ("chart", "table", "map", "metric"):
        shown, folded = counts.get(kind, (0, 0))
        n = shown + folded
        hidden += folded
        if n:
            parts.append(f"{n} {kind}{'s' if n != 1 else ''}")
    text = " + ".join(parts) or "none"
    return f"{text} ({hidden} in expanders)" if hidden else text


def markdown_lines(results: Mapping[str, Any]) -> list[str]:
    """The tables of the results (the README quotes them)."""
    load = results["load_average"]
    lines = [
        f"Dataset: {results['dataset']}; {results['runs']} rounds per page, each a theme added "
        f"(a new view) and removed again (the default view); medians of all "
        f"{2 * results['runs']} changes. Load average (1 min) at the start "
        f"{load['start'][0]:.2f}, at the end {load['end'][0]:.2f}, on {results['cores']} cores.",
        "",
        "| Page | Elements | Dashboard (ms) | Floor (ms) | Ratio | Dashboard: add / remove (ms) "
        "| Server answered: dashboard / floor (ms) | Server CPU: dashboard / floor (ms) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for slug, page in results["pages"].items():
        app, floor = page["app"], page["floor"]
        lines.append(
            f"| {slug or 'overzicht'} | {elements_text(page['elements'])} "
            f"| {app['median_ms']:,.0f} | {floor['median_ms']:,.0f} | {page['ratio']:.2f} "
            f"| {app['add_median_ms']:,.0f} / {app['remove_median_ms']:,.0f} "
            f"| {app['run_median_ms']:,.0f} / {floor['run_median_ms']:,.0f} "
            f"| {app['server_cpu_median_ms']:,.0f} / {floor['server_cpu_median_ms']:,.0f} |"
        )
    cold = results.get("cold_start")
    if cold:
        app, floor = cold["app"], cold["floor"]
        lines += [
            "",
            "| Cold start, median (s) | Dashboard | Floor |",
            "|---|--:|--:|",
            f"| Spawn to first page fully drawn | {app['median_s']:.2f} "
            f"| {floor['median_s']:.2f} |",
            f"| … of which server ready | {app['ready_median_s']:.2f} "
            f"| {floor['ready_median_s']:.2f} |",
            f"| … of which first page | {app['render_median_s']:.2f} "
            f"| {floor['render_median_s']:.2f} |",
        ]
    lines += [
        "",
        "| Target | Measured | Limit | |",
        "|---|--:|--:|---|",
        *(
            f"| {x['name']} | {x['value']:.2f} | ≤ {x['limit']:g} | "
            f"{'met' if x['met'] else '**not met**'} |"
            for x in results["targets"]
        ),
    ]
    return lines


def markdown(results: Mapping[str, Any]) -> str:
    """The results as a Markdown document (title, machine when known, tables)."""
    lines = [f"# Redraw benchmark {results['started']}", ""]
    m = results.get("machine")
    if m:
        lines += [
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_bytes'] / 2**30:.0f} GiB, "
            f"{m['system']}, Python {m['python']}; commit {m['commit']}.",
            "",
        ]
    return "\n".join([*lines, *markdown_lines(results)])


# --- the browser ---------------------------------------------------------------------------


class Deadline:
    """The end of the whole run: every wait is cut to the time left."""

    def __init__(self, minutes: float) -> None:
        self.end = time.monotonic() + minutes * 60

    def ms(self, at_most: float = WAIT_MS) -> float:
        left = (self.end - time.monotonic()) * 1000
        if left <= 0:
            raise TimeoutError("the redraw benchmark ran out of time (--minutes)")
        return min(at_most, left)


def open_page(browser: Browser) -> Page:
    """A new context (its own session) with the watchers of ``benchmarks.server`` and this
    module."""
    context, page = server.new_page(browser)
    context.add_init_script(_WATCH)
    return page


def visit(page: Page, url: str, slug: str, deadline: Deadline) -> None:
    """Navigate to the page and wait until it is fully drawn (``benchmarks.server.visit``,
    which waits at most ``RENDER_TIMEOUT_MS``)."""
    deadline.ms()
    server.visit(page, url, slug)


def _wait(page: Page, deadline: Deadline, what: str) -> Redraw:
    try:
        handle = page.wait_for_function(_REDRAWN, polling=POLL_MS, timeout=deadline.ms())
    except PlaywrightTimeout as error:
        state = page.evaluate(_STATE)
        raise RedrawError(f"{what} on {page.url}: not redrawn in time; {state}") from error
    value = handle.json_value()
    if not isinstance(value, dict) or "error" in value:
        raise RedrawError(f"{what}: {value}")
    return Redraw(
        float(value["wait"]),
        float(value["run"]),
        int(value["bytes"]),
        float(value["sent"]),
        float(value["answered"]),
        float(value["long_tasks"]),
    )


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process ``pid`` has used so far, in ms (from /proc): a
    figure that a busy machine changes far less than the wall-clock wait."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _reset_bytes(page: Page) -> None:
    page.evaluate("() => { window.__redraw.bytes = 0; }")


def add_option(page: Page, key: str, label: str, deadline: Deadline, pid: int) -> Redraw:
    """Add ``label`` to the multiselect ``key``: its name typed into the box, then Enter; the
    wait after Enter. The name is typed again (up to ``TRIES`` times) when the list does not
    offer the option within ``OPTION_MS``."""
    box = page.locator(f".st-key-{key} input[role='combobox']")
    option = page.get_by_role("option", name=label, exact=True)
    for attempt in range(1, TRIES + 1):
        box.click(timeout=deadline.ms())
        box.fill(label, timeout=deadline.ms())
        try:
            option.wait_for(timeout=deadline.ms(OPTION_MS))
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            if attempt == TRIES:
                raise RedrawError(f"{page.url}: the filter does not offer {label!r}") from None
    _reset_bytes(page)
    before = cpu_ms(pid)
    page.keyboard.press("Enter")
    done = _wait(page, deadline, f"add {label}")
    page.keyboard.press("Escape")
    return dataclasses.replace(done, server_cpu_ms=cpu_ms(pid) - before)


def remove_last(page: Page, key: str, deadline: Deadline, pid: int) -> Redraw:
    """Remove the last choice of the multiselect ``key`` (Backspace); the wait after it."""
    box = page.locator(f".st-key-{key} input[role='combobox']")
    box.focus(timeout=deadline.ms())
    _reset_bytes(page)
    before = cpu_ms(pid)
    page.keyboard.press("Backspace")
    done = _wait(page, deadline, "remove")
    page.keyboard.press("Escape")
    return dataclasses.replace(done, server_cpu_ms=cpu_ms(pid) - before)


def themes(dataset: Path | None) -> dict[str, str]:
    """The theme filter's options: code -> name as the sidebar shows it (in Dutch)."""
    folder = dataset if dataset is not None else BUNDLED_DATA_DIR
    rows = pl.read_csv(folder / "themas.csv").select("thema", f"naam_{LANG}").iter_rows()
    return {str(code): str(name) for code, name in rows}


def capture(dataset: Path | None, out: Path, codes: Sequence[str], pages: Sequence[str]) -> Path:
    """``benchmarks.floor`` in a process of its own: the floor's layout file."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.floor",
        "--dataset",
        "bundled" if dataset is None else str(dataset),
        "--out",
        str(out),
        "--themes",
        *codes,
        "--pages",
        *pages,
    ]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=CAPTURE_S
    )
    if done.returncode != 0:
        raise RedrawError(f"benchmarks.floor failed:\n{done.stderr[-4000:]}")
    return Path(json.loads(done.stdout)["layout"])


def measure_pages(
    dataset: Path | None,
    *,
    runs: int,
    pages: Sequence[str],
    deadline: Deadline,
    executable: Path = server.CHROMIUM,
    scratch: Path,
) -> dict[str, Any]:
    """Steps 1 to 3 of the module docstring: per page the layout, both apps' changes and the
    ratio."""
    key = FILTER_KEYS[FILTER]
    options = themes(dataset)
    if runs > len(options):
        raise ValueError(f"at most {len(options)} runs: each adds a theme not drawn before")
    codes = list(options)[:runs]
    labels = [options[code] for code in codes]
    layout_path = capture(dataset, scratch / "floor", codes, pages)
    layouts = json.loads(layout_path.read_text(encoding="utf-8"))["pages"]
    results: dict[str, Any] = {}
    with ExitStack() as stack:
        browser = stack.enter_context(server.chromium(executable))
        app_url, app_pid = stack.enter_context(server.serve(dataset))
        floor_url, floor_pid = stack.enter_context(
            server.serve(None, script=FLOOR_SCRIPT, env={"PMG_FLOOR_LAYOUT": str(layout_path)})
        )
        app, floor = open_page(browser), open_page(browser)
        for slug in pages:  # loads the data, draws every page once in both apps
            visit(app, app_url, slug, deadline)
            visit(floor, floor_url, slug, deadline)
        sides = {"app": (app, app_url, app_pid), "floor": (floor, floor_url, floor_pid)}
        for layout in layouts:
            slug = layout["slug"]
            load = os.getloadavg()
            for tab, url, _ in sides.values():
                visit(tab, url, slug, deadline)
            found: dict[str, dict[str, list[Redraw]]] = {
                side: {"add": [], "remove": []} for side in sides
            }
            for round_ in range(runs):
                order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
                for side in order:
                    tab, _, pid = sides[side]
                    found[side]["add"].append(add_option(tab, key, labels[round_], deadline, pid))
                    found[side]["remove"].append(remove_last(tab, key, deadline, pid))
            app_summary, floor_summary = summarise(found["app"]), summarise(found["floor"])
            results[slug] = {
                "elements": layout["counts"],
                "load_average": load,
                "app": app_summary,
                "floor": floor_summary,
                "ratio": ratio(app_summary, floor_summary),
            }
            sys.stderr.write(
                f"redraw /{slug}: {app_summary['median_ms']:.0f} ms against "
                f"{floor_summary['median_ms']:.0f} ms, {results[slug]['ratio']:.2f}x\n"
            )
    return results


def measure(
    dataset: Path | None,
    *,
    runs: int = 6,
    cold_runs: int = 3,
    pages: Sequence[str] = PAGES,
    minutes: float = 30.0,
    executable: Path = server.CHROMIUM,
) -> dict[str, Any]:
    """The whole benchmark (see the module docstring); ``cold_runs=0`` leaves out step 4."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    deadline = Deadline(minutes)
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
    start_load = os.getloadavg()
    results: dict[str, Any] = {
        "started": started,
        "dataset": "bundled" if dataset is None else dataset.name,
        "runs": runs,
        "cores": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="pmg-redraw-") as scratch:
        results["pages"] = measure_pages(
            dataset,
            runs=runs,
            pages=pages,
            deadline=deadline,
            executable=executable,
            scratch=Path(scratch),
        )
        if cold_runs:
            deadline.ms()
            layout = {"PMG_FLOOR_LAYOUT": str(Path(scratch) / "floor" / "layout.json")}
            results["cold_start"] = {
                "app": server.cold_start(dataset, runs=cold_runs, executable=executable),
                "floor": server.cold_start(
                    None, runs=cold_runs, executable=executable, script=FLOOR_SCRIPT, env=layout
                ),
            }
    results["load_average"] = {"start": start_load, "end": os.getloadavg()}
    results["targets"] = targets(results)
    return results


def _dataset(value: str) -> Path | None:
    if value == "bundled":
        return None
    path = Path(value)
    if not (path / "datapackage.json").is_file():
        raise argparse.ArgumentTypeError(f"{value}: no datapackage.json in that directory")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=_dataset, required=True, help="directory or 'bundled'")
    parser.add_argument("--runs", type=int, default=6, help="rounds per page (add + remove)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts per app (0: none)")
    parser.add_argument("--pages", nargs="*", help="URL paths of the pages ('' = overzicht)")
    parser.add_argument("--minutes", type=float, default=30.0, help="limit of the whole run")
    parser.add_argument("--out", type=Path, help="also write <time>.json and <time>.md here")
    parser.add_argument("--chromium", type=Path, default=server.CHROMIUM)
    args = parser.parse_args(argv)
    pages = tuple(PAGES if args.pages is None else args.pages)
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        parser.error(f"unknown pages: {unknown}; known: {list(PAGES)}")
    results = measure(
        args.dataset,
        runs=args.runs,
        cold_runs=args.cold_runs,
        pages=pages,
        minutes=args.minutes,
        executable=args.chromium,
    )
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        stem = args.out / results["started"]
        stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        stem.with_suffix(".md").write_text(markdown(results), "utf-8")
    sys.stdout.write(json.dumps(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
