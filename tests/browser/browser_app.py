"""Helpers of the browser suite: run the app, drive it, check it, and compute expected figures.

``serve_app`` starts ``streamlit run app.py`` on a free local port and stops exactly that
process. ``App`` wraps a Playwright page on the app. An init script watches the websocket
traffic and the changes of the document; with Streamlit's script state on its root element
(``data-test-script-state``) ``act`` waits until an interaction reached the server and the page
has settled again, without fixed sleeps.

The expected figures come from the CSV files with the ``csv`` module, as in
``tests/test_pages.py``, never from the app's own code.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.codes import LABELS, Lang
from lib.data.auth import hash_passphrase
from lib.text.i18n import CATALOGUE, t
from lib.web.routes import ROUTES

ANALYST_PASSPHRASE = "een wachtwoordzin voor de browsertests"
DESKTOP = (1366, 768)
PHONE = (390, 844)
LANGS = ("nl", "en")
TIMEOUT_MS = 30_000


def app_pages() -> dict[str, str]:
    """URL path -> file stem (also the screenshot name) of every page in the route registry
    (``lib.web.routes``), so a page added later is tested too; the home page has the path ""."""
    return {route.slug: Path(route.file).stem for route in ROUTES}


PAGES = app_pages()
# the pages with charts and figures of the selection, checked against the CSV files
CHART_PAGES = ("", "kaart", "themas", "uitvoering", "risicofactoren")

# Watches the traffic with the server and the changes of the page: the time of the last
# message the page sent and received, and of the last change of the document.
_WATCH = """
window.__pmg = {sent: 0, sentAt: 0, receivedAt: 0, changedAt: 0};
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (...args) {
  window.__pmg.sent += 1;
  window.__pmg.sentAt = performance.now();
  if (!this.__pmgWatched) {
    this.__pmgWatched = true;
    this.addEventListener('message', () => { window.__pmg.receivedAt = performance.now(); });
  }
  return send.apply(this, args);
};
new MutationObserver(() => { window.__pmg.changedAt = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

# Quiet: the script does not run, nothing is stale, the last message from the server is
# newer than the last one sent and 200 ms old, and the document has not changed for 150 ms.
_SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const w = window.__pmg;
  const now = performance.now();
  return !!app
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !!document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-stale="true"]')
    && w.receivedAt > w.sentAt && now - w.receivedAt > 200 && now - w.changedAt > 150;
}"""

# No placeholder of a lazily loaded element is left, fonts are loaded, every Vega chart has a
# drawn svg/canvas and the map a canvas with a size.
_DRAWN = """() => {
  const sized = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const charts = Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'));
  const decks = Array.from(document.querySelectorAll('[data-testid="stDeckGlJsonChart"]'));
  return !document.querySelector('[data-testid="stSkeleton"]')
    && document.fonts.status === 'loaded'
    && charts.every((c) => Array.from(c.querySelectorAll('svg.marks, canvas')).some(sized))
    && decks.every((d) => Array.from(d.querySelectorAll('canvas')).some(sized));
}"""


START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().decode().strip() == "ok")
    except (urllib.error.URLError, OSError):
        return False


class ServerError(RuntimeError):
    pass


@contextlib.contextmanager
def serve_app(log_path: Path, *, port: int | None = None, secrets_text: str = "") -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free local port (or ``port``); yields the base URL,
    then stops it. ``secrets_text`` is added to its secrets file (after the passphrase line).

    Only the process started here is stopped, by its handle.
    """
    port = free_port() if port is None else port
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "PMG_DATA_DIR"}  # the bundled data
    secrets = log_path.parent / "secrets.toml"  # analysts sign in with ANALYST_PASSPHRASE
    secrets.write_text(
        f'analyst_passphrase_hash = "{hash_passphrase(ANALYST_PASSPHRASE, iterations=1_000)}"\n'
        + secrets_text,
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Others may edit files while the suite runs; the server must not rerun for that.
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--secrets.files",
        str(secrets),
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(url):
                if server.poll() is not None:
                    raise ServerError(f"the app server stopped at start:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise ServerError(f"the app server did not answer within {START_TIMEOUT:.0f} s")
                time.sleep(0.25)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)


# Finite CSS animations and transitions (an expander opening, a fade-in) have ended.
_STILL = """() => document.getAnimations().every((a) => a.playState !== 'running'
  || !a.effect || a.effect.getComputedTiming().endTime === Infinity)"""


class App:
    """The app in one browser page (one Streamlit session)."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    @classmethod
    def attach(cls, context: BrowserContext, base_url: str) -> App:
        context.add_init_script(_WATCH)
        context.set_default_timeout(TIMEOUT_MS)
        return cls(context.new_page(), base_url)

    # --- navigation and waiting ----------------------------------------------------------------

    def url(self, path: str = "", query: Mapping[str, str | Sequence[str]] | None = None) -> str:
        suffix = f"?{urlencode(query, doseq=True)}" if query else ""
        return f"{self.base_url}/{path}{suffix}"

    def open(self, path: str = "", query: Mapping[str, str | Sequence[str]] | None = None) -> App:
        return self.goto(self.url(path, query))

    def goto(self, url: str) -> App:
        self.page.goto(url)
        self.settle(first=True)
        return self

    def settle(self, *, first: bool = False) -> None:
        """Wait until no script runs, nothing is stale and charts and map are drawn."""
        timeout = 90_000 if first else TIMEOUT_MS  # the first run of a process loads the data
        self.page.wait_for_function(_SETTLED, timeout=timeout)
        self.page.wait_for_function(_DRAWN, timeout=TIMEOUT_MS)
        self.wait_still()

    def wait_still(self) -> None:
        """Wait until no finite animation or transition runs."""
        self.page.wait_for_function(_STILL, timeout=TIMEOUT_MS)

    def sent(self) -> int:
        return int(self.page.evaluate("window.__pmg.sent"))

    def act(self, action: Callable[[], object]) -> None:
        """Do ``action``, wait until it reached the server, then for the page to settle."""
        before = self.sent()
        action()
        self.page.wait_for_function(f"window.__pmg.sent > {before}", timeout=TIMEOUT_MS)
        self.settle()

    # --- reading -------------------------------------------------------------------------------

    @property
    def main(self) -> Locator:
        return self.page.get_by_test_id("stMain")

    @property
    def sidebar(self) -> Locator:
        return self.page.get_by_test_id("stSidebar")

    def metrics(self) -> dict[str, str]:
        pairs = self.page.eval_on_selector_all(
            '[data-testid="stMetric"]',
            """els => els.map(e => [
                 e.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
                 e.querySelector('[data-testid="stMetricValue"]').innerText.trim()])""",
        )
        return dict(pairs)

    def text(self) -> str:
        """The visible text of the sidebar and the main area."""
        return f"{self.sidebar.inner_text()}\n{self.main.inner_text()}"

    def lang(self) -> str:
        return str(self.page.evaluate("document.documentElement.lang"))

    def widget(self, key: str) -> Locator:
        return self.page.locator(f".st-key-{key}")

    def tags(self, key: str) -> list[str]:
        """The selected options of a multiselect, as shown."""
        return [t.strip() for t in self.widget(key).locator("[data-tag]").all_inner_texts()]

    def radio_value(self, key: str) -> str:
        checked = self.widget(key).locator('[data-testid="stRadioOption"]:has(input:checked)')
        return checked.inner_text().strip()

    def selectbox_value(self, key: str) -> str:
        return self.widget(key).locator('input[role="combobox"]').input_value()

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlparse(self.page.url).query)

    # --- operating -----------------------------------------------------------------------------

    def combobox(self, key: str) -> Locator:
        return self.widget(key).locator('input[role="combobox"]')

    def choose(self, key: str, label: str) -> None:
        """Add ``label`` to a multiselect with the keyboard: type it, Enter, Escape."""
        box = self.combobox(key)
        box.focus()
        self.page.keyboard.type(label)
        option = self.page.get_by_role("option", name=label, exact=True)
        expect(option).to_be_visible()
        self.act(lambda: self.page.keyboard.press("Enter"))
        self.page.keyboard.press("Escape")
        expect(self.widget(key).locator("[data-tag]", has_text=label)).to_have_count(1)

    def click_radio(self, key: str, label: str) -> None:
        option = self.widget(key).locator('[data-testid="stRadioOption"]', has_text=label)
        self.act(option.click)

    def drawn_sizes(self, test_id: str, inner: str) -> list[dict[str, Any]]:
        """Bounding boxes of the largest ``inner`` element in each ``test_id`` element."""
        return list(
            self.page.eval_on_selector_all(
                f'[data-testid="{test_id}"]',
                f"""els => els.map(e => {{
                     const boxes = Array.from(e.querySelectorAll('{inner}'))
                       .map(c => c.getBoundingClientRect())
                       .map(r => ({{width: r.width, height: r.height}}));
                     boxes.sort((a, b) => b.width * b.height - a.width * a.height);
                     return boxes[0] || {{width: 0, height: 0}};
                   }})""",
            )
        )


# --- checks shared by several test modules ------------------------------------------------------

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

# Violations that come from Streamlit itself and cannot be fixed by the app: rule id -> the
# exact targets allowed. Each one must be justified in docs/accessibility.md. Empty: no serious
# or critical violation needs an exception (Streamlit 1.67, axe-core 4.12).
AXE_EXCLUDED: dict[str, tuple[str, ...]] = {}

_axe = Axe()


def open_all_expanders(app: App) -> None:
    """Open every expander (the tables behind the charts) and wait until they are drawn."""
    app.page.evaluate(
        """() => document
          .querySelectorAll('[data-testid="stExpander"] details:not([open]) > summary')
          .forEach((summary) => summary.click())"""
    )
    app.page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stExpander"] details'))
                 .every((d) => d.open)"""
    )
    app.page.wait_for_function(_DRAWN, timeout=TIMEOUT_MS)
    app.wait_still()  # a text that fades in has too little contrast for a moment


def axe_findings(app: App) -> list[dict[str, Any]]:
    """axe-core violations (WCAG 2.1 A/AA and best practice) of the page as it is now."""
    response = _axe.run(app.page, options=AXE_OPTIONS).response
    found = []
    for violation in response["violations"]:
        allowed = AXE_EXCLUDED.get(violation["id"], ())
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        targets = [target for target in targets if target not in allowed]
        if targets:
            found.append(
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "targets": targets,
                    "help": violation["help"],
                }
            )
    return found


def blocking(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["impact"] in BLOCKING_IMPACTS]


# Streamlit scrolls the main area inside its own containers, not the document, so every level
# is checked: a wider child shows up as scrollWidth > clientWidth on one of them. Besides,
# no element of the main area may stick out to the right of the window.
_OVERFLOW = """() => {
  const found = [];
  const levels = {
    document: document.scrollingElement,
    stApp: document.querySelector('[data-testid="stApp"]'),
    stAppViewContainer: document.querySelector('[data-testid="stAppViewContainer"]'),
    stMain: document.querySelector('[data-testid="stMain"]'),
    stMainBlockContainer: document.querySelector('[data-testid="stMainBlockContainer"]'),
  };
  for (const [name, element] of Object.entries(levels)) {
    if (element && element.scrollWidth > element.clientWidth + 1) {
      found.push(`${name}: ${element.scrollWidth} px wide content in ${element.clientWidth} px`);
    }
  }
  const right = document.documentElement.clientWidth + 1;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  for (const element of main.querySelectorAll('[data-testid="stElementContainer"]')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > right) {
      const id = element.querySelector('[data-testid]')?.dataset.testid || element.className;
      found.push(`${id}: right edge ${Math.round(box.right)} > ${right - 1}`);
    }
  }
  return found;
}"""


def horizontal_overflow(app: App) -> list[str]:
    return list(app.page.evaluate(_OVERFLOW))


SCREENSHOTS = ROOT / "docs" / "screenshots"


def screenshot(app: App, name: str) -> Path:
    """The first screen of the page as docs/screenshots/<name>-<width>.png."""
    viewport = app.page.viewport_size
    assert viewport is not None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{viewport['width']}.png"
    app.page.screenshot(path=target, animations="disabled")
    return target


# Words of the Dutch interface: every word of the Dutch catalogue that is not also a word of
# the English one (the names of the languages stay in their own language).
def _texts(lang: Lang) -> str:
    """Every string of the interface in ``lang``: the catalogue and the names of the codes."""
    names = (n[lang] for codes in LABELS.values() for n in codes.values())
    return " ".join([*CATALOGUE[lang].values(), *names])


DUTCH_WORDS = frozenset(
    set(re.findall(r"[^\W\d_]{4,}", _texts("nl")))
    - set(re.findall(r"[^\W\d_]+", _texts("en")))
    - {"Nederlands"}
)
DUTCH_PHRASES = ("Gemeente", "Uitvoeringsgraad", "Selectie", "Kort gezegd", "Voorbeelddata")

# The bibliography in the footer lists the titles of (Dutch) publications: data, like the
# names of municipalities, so it is left out of the check for Dutch words, and so is text that
# the page marks as Dutch (lang="nl").
_TEXT_WITHOUT_BIBLIOGRAPHY = """(label) => {
  const hidden = [];
  for (const expander of document.querySelectorAll('[data-testid="stExpander"]')) {
    const title = expander.querySelector('summary [data-testid="stMarkdownContainer"]');
    const details = expander.querySelector('[data-testid="stExpanderDetails"]');
    if (title && details && title.innerText.trim().startsWith(label)) {
      hidden.push([details, details.style.display]);
      details.style.display = 'none';
    }
  }
  // text marked as Dutch (published facts, worded in Dutch) is data in its own language
  for (const part of document.querySelectorAll('[data-testid="stMain"] [lang="nl"]')) {
    hidden.push([part, part.style.display]);
    part.style.display = 'none';
  }
  const parts = ['stSidebar', 'stMain'].map(
    (id) => document.querySelector(`[data-testid="${id}"]`).innerText);
  hidden.forEach(([element, display]) => { element.style.display = display; });
  return parts.join('\\n');
}"""


def dutch_on_screen(app: App) -> list[str]:
    """Dutch interface words in the sidebar and main area, leaving out data: names of
    municipalities, the bibliography, web addresses and file names."""
    label = t("footer.sources", "en")
    text = str(app.page.evaluate(_TEXT_WITHOUT_BIBLIOGRAPHY, label))
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\S+\.(?:csv|xlsx|json|geojson|zip)\b", " ", text)
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith(label))
    for place in rows("gemeenten"):
        text = text.replace(display_name(place), " ")
    found = {w for w in words(text) if w in DUTCH_WORDS}
    found |= {p for p in DUTCH_PHRASES if re.search(rf"\b{p}\b", text)}
    return sorted(found)


# --- expected figures from the CSV files --------------------------------------------------------

DONE = frozenset({"in_uitvoering", "afgerond"})
MIN_RELIABLE = 5  # fewer interventions: the rate is marked with *


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def display_name(place: Mapping[str, str]) -> str:
    return place["weergavenaam"] or place["gemeente"]


def fmt_int(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def fmt_pct(part: int, whole: int, lang: str) -> str:
    """``part/whole`` as a percentage with one decimal, halves rounded up, as people expect."""
    value = (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{value:,.1f}"
    if lang == "nl":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".") + " %"
    return f"{text}%"


@dataclass(frozen=True)
class Expected:
    """The selection of a URL state, computed from the CSV files."""

    places: tuple[dict[str, str], ...]
    interventions: tuple[dict[str, str], ...]
    domains: frozenset[str] | None = None
    rated: tuple[dict[str, str], ...] | None = None  # what a rate counts: all statuses

    @property
    def rate_base(self) -> tuple[dict[str, str], ...]:
        """The interventions an execution rate counts: the status filter does not apply."""
        return self.interventions if self.rated is None else self.rated

    @property
    def n_places(self) -> int:
        return len(self.places)

    @property
    def n(self) -> int:
        return len(self.interventions)

    @property
    def done(self) -> int:
        return sum(r["status"] in DONE for r in self.rate_base)

    def rate(self, lang: str) -> str:
        n = len(self.rate_base)
        text = fmt_pct(self.done, n, lang)
        return text if n >= MIN_RELIABLE else f"{text}*"

    def per_place(self) -> dict[str, tuple[int, int]]:
        """code -> (interventions, carried out), for the places with interventions of any
        status (the execution rate ignores the status filter)."""
        result: dict[str, tuple[int, int]] = {}
        for r in self.rate_base:
            n, done = result.get(r["gemeentecode"], (0, 0))
            result[r["gemeentecode"]] = (n + 1, done + (r["status"] in DONE))
        return result

    def above_reference(self) -> int:
        """Reliable places at or above the practice-scan rate (53 of 62)."""
        return sum(
            n >= MIN_RELIABLE and done * 62 >= 53 * n for n, done in self.per_place().values()
        )

    def top_theme(self) -> tuple[str, int]:
        counts: dict[str, int] = {}
        for r in self.interventions:
            counts[r["thema"]] = counts.get(r["thema"], 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def strong(self) -> set[str]:
        """Strong (well-founded or relatively strong), addressable risk factors in the domains."""
        return {
            f["factor"]
            for f in rows("factoren")
            if f["soort"] == "risico"
            and f["beinvloedbaar"] == "true"
            and f["bewijs"] in ("gefundeerd", "sterk")
            and (self.domains is None or f["domein"] in self.domains)
        }

    def covered(self) -> set[str]:
        return {c for r in self.interventions for c in r["factoren"].split("|") if c}

    def coverage(self) -> tuple[int, int]:
        """(strong factors covered by an intervention of the selection, strong factors)."""
        strong = self.strong()
        return len(strong & self.covered()), len(strong)

    def strong_gaps(self) -> list[str]:
        """Codes of strong, addressable risk factors no intervention of the selection covers."""
        return sorted(self.strong() - self.covered())


Query = Mapping[str, str | Sequence[str]]


def expected(query: Query | None = None) -> Expected:
    """The selection of a URL ``query`` (any filter parameter), from the CSV files."""
    query = query or {}

    def values(name: str) -> set[str] | None:
        given = query.get(name)
        if given is None:
            return None
        return {given} if isinstance(given, str) else set(given)

    def keep(row: Mapping[str, str], column: str, name: str) -> bool:
        allowed = values(name)
        return allowed is None or row[column] in allowed

    botoc = {"ja": "true", "nee": "false"}.get(str(query.get("botoc", "")))
    places = tuple(
        g
        for g in rows("gemeenten")
        if keep(g, "gemeentecode", "gemeente")
        and keep(g, "golf", "golf")
        and (botoc is None or g["botoc"] == botoc)
    )
    codes = {g["gemeentecode"] for g in places}
    rated = tuple(
        r
        for r in rows("interventies")
        if r["gemeentecode"] in codes
        and keep(r, "thema", "thema")
        and keep(r, "doelgroep", "doelgroep")
    )
    interventions = tuple(r for r in rated if keep(r, "status", "status"))
    domains = values("domein")
    return Expected(places, interventions, frozenset(domains) if domains else None, rated)


def theme_name(code: str, lang: str) -> str:
    return next(t[f"naam_{lang}"] for t in rows("themas") if t["thema"] == code)


def factor_name(code: str, lang: str) -> str:
    return next(f[f"naam_{lang}"] for f in rows("factoren") if f["factor"] == code)


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text))


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator world pixels at ``zoom`` (deck.gl: a 512-pixel world at zoom 0)."""
    size = 512 * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return x, y
