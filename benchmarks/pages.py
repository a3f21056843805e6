"""Script run time of every page after a filter change, with Streamlit's AppTest.

For each page a fresh session opens the page, then changes the sidebar filters ``runs``
times, each time to a state this process has not drawn before (a *new view*: nothing about
it is cached, every chart is built), and then goes through the same states again (a
*repeat view*: chart specs and tables come from the shared caches, as for a second visitor
who looks at a popular view). Each change is one rerun of ``app.py`` and the page.

The figure is the time of the script run itself (``app.py`` plus the page, including
Streamlit's own work to turn every element into messages), measured around the script
runner; AppTest's reading of the result is not counted. The wall time of the whole
``AppTest.run`` is reported beside it.

    python -m benchmarks.pages --dataset DIR|bundled --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lib.config import ROOT
from lib.web.legacy import navigation_pages_only
from lib.web.routes import ROUTES

APP = ROOT / "app.py"
PAGES: tuple[str, ...] = tuple(Path(route.file).stem for route in ROUTES)
# Filter states, each reached from the default view by one rerun; valid for any dataset of
# the contract. Keys are the sidebar's filter names (``lib.web.state.FILTER_KEYS``).
STATES: tuple[Mapping[str, Any], ...] = (
    {"statussen": ["afgerond"]},
    {"themas": ["gezag"]},
    {"doelgroepen": ["jongeren"]},
    {"statussen": ["afgerond", "in_uitvoering"], "themas": ["jongerenwerk"]},
    {"golven": ["golf1_2022"]},
    {"domeinen": ["gezin"]},
    {"themas": ["financien", "onderwijs_werk"]},
    {"botoc": "ja"},
)
DEFAULTS: Mapping[str, Any] = {
    "gemeenten": [],
    "golven": [],
    "botoc": "alle",
    "themas": [],
    "statussen": [],
    "doelgroepen": [],
    "domeinen": [],
}


class ScriptClock:
    """Times every script run of AppTest (the run itself, not AppTest's reading of it)."""

    def __init__(self) -> None:
        self.runs: list[float] = []

    @contextmanager
    def installed(self) -> Iterator[None]:
        from streamlit.testing.v1 import local_script_runner as runner

        original: Callable[..., Any] = runner.LocalScriptRunner._run_script
        clock = self

        def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                clock.runs.append(time.perf_counter() - start)

        runner.LocalScriptRunner._run_script = timed  # type: ignore[method-assign]
        try:
            yield
        finally:
            runner.LocalScriptRunner._run_script = original  # type: ignore[method-assign]


def _apply(at: Any, state: Mapping[str, Any]) -> None:
    from lib.web.state import FILTER_KEYS

    for name, default in DEFAULTS.items():
        value = state.get(name, default)
        if name == "botoc":
            at.radio(key=FILTER_KEYS[name]).set_value(value)
        else:
            at.multiselect(key=FILTER_KEYS[name]).set_value(list(value))


def _check(at: Any, page: str) -> None:
    if at.exception:
        messages = [e.message for e in at.exception]
        raise RuntimeError(f"page {page} raised: {messages}")


def time_page(page: str, runs: int, clock: ScriptClock) -> dict[str, Any]:
    """Open ``page`` in a new session, then ``runs`` new views and the same views again."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    if page != PAGES[0]:
        at.switch_page(f"pages/{page}.py").run()
    _check(at, page)
    states = [STATES[i % len(STATES)] for i in range(runs)]
    result: dict[str, list[float]] = {"new": [], "repeat": [], "new_wall": [], "repeat_wall": []}
    for kind in ("new", "repeat"):
        for state in states:
            _apply(at, state)
            start = time.perf_counter()
            at.run()
            result[f"{kind}_wall"].append(time.perf_counter() - start)
            result[kind].append(clock.runs[-1])
            _check(at, page)
    return {
        **{f"{k}_median_s": statistics.median(v) for k, v in result.items()},
        **{f"{k}_s": v for k, v in result.items()},
    }


def measure(dataset: Path | None, *, runs: int = 5) -> dict[str, Any]:
    """Time every page for ``dataset`` (None: the bundled data) in this process.

    Sets ``PMG_DATA_DIR`` and a fresh, empty ``PMG_STORE_DIR``; run it in a process of its
    own (``main``) so that caches of another dataset do not count.
    """
    if runs > len(STATES):
        raise ValueError(f"at most {len(STATES)} runs: each run needs a view of its own")
    if dataset is not None:
        os.environ["PMG_DATA_DIR"] = str(dataset)
    clock = ScriptClock()
    with (
        tempfile.TemporaryDirectory() as store,
        clock.installed(),
        navigation_pages_only(),
    ):
        os.environ["PMG_STORE_DIR"] = store
        pages = {page: time_page(page, runs, clock) for page in PAGES}
    return {"runs": runs, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="bundled", help="dataset directory or 'bundled'")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    dataset = None if args.dataset == "bundled" else Path(args.dataset)
    sys.stdout.write(json.dumps(measure(dataset, runs=args.runs)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
