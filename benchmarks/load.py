"""Load benchmark: many concurrent sessions changing filters, against one app server and
against two behind nginx (the deployment of ``deploy/``), all on loopback.

    python -m benchmarks.load                                  # 50 sessions, 60 s, both setups
    python -m benchmarks.load --sessions 50 --seconds 60 --think 1 --out benchmarks/results/load

Each session is a browser-less dashboard session (``benchmarks.sessions``: Streamlit's own
websocket protocol): it opens one of the filtered pages, then until the time is up picks a
new filter (one to three municipalities, one or two themes, a status, or no filter), sends
the rerun and waits for the script to finish, then thinks for ``--think`` seconds (±50 %).
A redraw counts as good when the script finished without an exception and the page's
selection line names what was picked; anything else (a refused connection, a timeout, an
exception, a filter that did not apply) is an error. Time to redraw is from sending the
rerun to the server's "script finished": the server's share of what a visitor waits for
(the browser's drawing is not included; see ``benchmarks.server`` for that).

Reported per setup: redraws and errors, p50/p95/max time to redraw, redraws per second,
each server's resident memory (before, peak, after) and CPU use, and the load average of the
machine before and after (the load generator runs on the same machine and its CPU time is
reported too). Bounded: ``--sessions`` sessions for ``--seconds`` seconds, every message
waits at most ``MESSAGE_TIMEOUT_S``, and the whole run at most ``--seconds`` + 180 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.cluster import Cluster, cluster
from benchmarks.server import rss
from benchmarks.sessions import Run, Session, open_stream
from lib.config import ROOT

RESULTS = ROOT / "benchmarks" / "results" / "load"
PAGES = ("", "themas", "uitvoering", "kaart", "risicofactoren")
FILTERS = {"gemeente": "filter_gemeente", "thema": "filter_thema", "status": "filter_status"}
RAMP_S = 0.05  # a new session every 50 ms
SAMPLE_S = 0.5  # memory and CPU of the servers
MB = 1024 * 1024
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Tally:
    """What one session saw."""

    redraws: list[float] = field(default_factory=list)
    first_runs: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def pick_filter(session: Session, rng: random.Random) -> dict[str, list[str]]:
    """A new filter for the next rerun: the widget key -> the labels chosen (one filter set,
    the others cleared; sometimes none at all)."""
    kind = rng.choice([*FILTERS, "none"])
    chosen: dict[str, list[str]] = {key: [] for key in FILTERS.values()}
    if kind != "none":
        key = FILTERS[kind]
        options = session.options.get(key, [])
        most = {"gemeente": 3, "thema": 2, "status": 1}[kind]
        if options:
            chosen[key] = rng.sample(options, rng.randint(1, min(most, len(options))))
    return chosen


def applied(run: Run, chosen: Mapping[str, list[str]]) -> bool:
    """Whether the page says it shows the chosen filter (its line "Selectie: ...")."""
    labels = [label for values in chosen.values() for label in values]
    lines = [text for text in run.texts if text.startswith("Selectie:")]
    if not labels:
        return bool(lines) and "geen filters" in lines[0]
    return bool(lines) and all(label in lines[0] for label in labels)


async def one_session(
    url: str, index: int, deadline: float, think: float, tally: Tally, seed: int
) -> None:
    rng = random.Random(seed * 1000 + index)
    session = Session(url, PAGES[index % len(PAGES)])
    await asyncio.sleep(index * RAMP_S)
    try:
        async with open_stream(session) as ws:
            first = await session.run(ws)
            if not first.ok:
                tally.error("first run failed")
                return
            tally.first_runs.append(first.seconds)
            while time.monotonic() < deadline:
                chosen = pick_filter(session, rng)
                for key, values in chosen.items():
                    session.choose(key, values)
                run = await session.run(ws)
                if not run.ok:
                    tally.error("script error")
                elif not applied(run, chosen):
                    tally.error("filter not applied")
                else:
                    tally.redraws.append(run.seconds)
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except (OSError, TimeoutError) as error:
        tally.error(type(error).__name__)
    except Exception as error:  # a closed websocket and the like: an error, never a crash
        tally.error(type(error).__name__)


async def drive(url: str, sessions: int, seconds: float, think: float, seed: int) -> list[Tally]:
    deadline = time.monotonic() + seconds
    tallies = [Tally() for _ in range(sessions)]
    await asyncio.wait_for(
        asyncio.gather(
            *(one_session(url, i, deadline, think, t, seed) for i, t in enumerate(tallies))
        ),
        timeout=seconds + 180,
    )
    return tallies


# --- the servers' memory and CPU --------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (0 when it has ended)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


class Monitor:
    """Samples the resident memory of ``pids`` every ``SAMPLE_S`` in a thread."""

    def __init__(self, pids: Sequence[int]) -> None:
        self.pids = list(pids)
        self.before = {pid: rss(pid) for pid in self.pids}
        self.peak = dict(self.before)
        self.cpu_before = {pid: cpu_seconds(pid) for pid in self.pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss(pid))

    @contextlib.contextmanager
    def running(self) -> Iterator[Monitor]:
        started = time.monotonic()
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(5)
            self.wall = time.monotonic() - started
            self.after = {pid: rss(pid) for pid in self.pids}
            self.cpu = {pid: cpu_seconds(pid) - self.cpu_before[pid] for pid in self.pids}

    def report(self) -> list[dict[str, float]]:
        return [
            {
                "rss_before_mb": round(self.before[pid] / MB, 1),
                "rss_peak_mb": round(self.peak[pid] / MB, 1),
                "rss_after_mb": round(self.after[pid] / MB, 1),
                "cpu_cores": round(self.cpu[pid] / self.wall, 2),
            }
            for pid in self.pids
        ]


# --- one setup ----------------------------------------------------------------------------------


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(tallies: Sequence[Tally], wall: float) -> dict[str, Any]:
    redraws = [x for t in tallies for x in t.redraws]
    firsts = [x for t in tallies for x in t.first_runs]
    errors: dict[str, int] = {}
    for tally in tallies:
        for kind, n in tally.errors.items():
            errors[kind] = errors.get(kind, 0) + n
    result: dict[str, Any] = {
        "redraws": len(redraws),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "redraws_per_s": round(len(redraws) / wall, 2) if wall else 0.0,
        "sessions_that_drew": sum(1 for t in tallies if t.first_runs),
    }
    if redraws:
        result.update(
            p50_ms=round(_quantile(redraws, 0.5) * 1000),
            p95_ms=round(_quantile(redraws, 0.95) * 1000),
            max_ms=round(max(redraws) * 1000),
            mean_ms=round(statistics.mean(redraws) * 1000),
        )
    if firsts:
        result["first_run_p50_ms"] = round(_quantile(firsts, 0.5) * 1000)
    return result


def _warm(running: Cluster) -> None:
    """One session per page on every server, so no session pays a server's first data load."""

    async def visit(url: str) -> None:
        for page in PAGES:
            session = Session(url, page)
            async with open_stream(session) as ws:
                await session.run(ws)

    for server in running.servers:
        asyncio.run(asyncio.wait_for(visit(server.url), 300))


def measure(
    folder: Path,
    *,
    servers: int,
    sessions: int,
    seconds: float,
    think: float,
    seed: int,
    dataset: Path | None,
) -> dict[str, Any]:
    """Start ``servers`` app servers (behind nginx when more than one), drive them and report."""
    settings = {"PMG_DATA_DIR": str(dataset.resolve())} if dataset is not None else {}
    store = {"PMG_STORE_DIR": str(folder / "store")}
    with cluster(
        folder, servers=servers, store=store, settings=settings, proxy=servers > 1
    ) as running:
        _warm(running)
        pids = [s.pid for s in running.servers]
        load_before = os.getloadavg()
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        monitor = Monitor(pids)
        with monitor.running():
            tallies = asyncio.run(drive(running.url, sessions, seconds, think, seed))
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        load_after = os.getloadavg()
    own = (own_after.ru_utime + own_after.ru_stime) - (own_before.ru_utime + own_before.ru_stime)
    return {
        "servers": servers,
        "behind_nginx": servers > 1,
        **summary(tallies, monitor.wall),
        "wall_s": round(monitor.wall, 1),
        "per_server": monitor.report(),
        "load_generator_cpu_s": round(own, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
    }


# --- command line ---------------------------------------------------------------------------------


def markdown(results: Mapping[str, Any]) -> str:
    """The results as a Markdown table (the README quotes it)."""
    lines = [
        f"# Load benchmark {results['started']}",
        "",
        f"{results['sessions']} sessions for {results['seconds']:g} s each, thinking "
        f"{results['think']:g} s (±50 %) between filter changes, pages "
        f"{', '.join(p or 'overzicht' for p in PAGES)} in turn; dataset {results['dataset']}. "
        f"Machine: {results['machine']}; load average at start {results['uptime']}.",
        "",
        "| Setup | Redraws | Errors | Redraws/s | p50 (ms) | p95 (ms) | max (ms) "
        "| Memory per server before → peak (MB) | CPU per server (cores) "
        "| Load avg before → after |",
        "|---|--:|--:|--:|--:|--:|--:|---|---|---|",
    ]
    for setup in results["setups"]:
        name = "1 server" if setup["servers"] == 1 else f"{setup['servers']} servers + nginx"
        memory = ", ".join(
            f"{s['rss_before_mb']:.0f} → {s['rss_peak_mb']:.0f}" for s in setup["per_server"]
        )
        cpu = ", ".join(f"{s['cpu_cores']:.2f}" for s in setup["per_server"])
        load = f"{setup['load_average_before'][0]:.1f} → {setup['load_average_after'][0]:.1f}"
        lines.append(
            f"| {name} | {setup['redraws']} | {setup['errors']} | {setup['redraws_per_s']} "
            f"| {setup.get('p50_ms', '–')} | {setup.get('p95_ms', '–')} "
            f"| {setup.get('max_ms', '–')} | {memory} | {cpu} | {load} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory = next(
        int(line.split()[1]) * 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return f"{cpu}, {os.cpu_count()} cores, {memory / 2**30:.0f} GiB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between changes")
    parser.add_argument("--servers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dataset", type=Path, default=None, help="PMG_DATA_DIR (default bundled)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=None, help="folder for <time>.json and .md")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 500 or not 0 < args.seconds <= 600:
        parser.error("at most 500 sessions and 600 seconds")
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    results: dict[str, Any] = {
        "started": started,
        "sessions": args.sessions,
        "seconds": args.seconds,
        "think": args.think,
        "seed": args.seed,
        "dataset": "bundled" if args.dataset is None else args.dataset.name,
        "machine": machine(),
        "uptime": uptime.split("load average:")[-1].strip(),
        "setups": [],
    }
    with tempfile.TemporaryDirectory(prefix="pmg-load-") as scratch:
        for servers in args.servers:
            sys.stderr.write(f"load: {servers} server(s), {args.sessions} sessions\n")
            results["setups"].append(
                measure(
                    Path(scratch) / f"servers-{servers}",
                    servers=servers,
                    sessions=args.sessions,
                    seconds=args.seconds,
                    think=args.think,
                    seed=args.seed,
                    dataset=args.dataset,
                )
            )
    text = markdown(results)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"{started}.json").write_text(json.dumps(results, indent=2) + "\n")
        (args.out / f"{started}.md").write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
