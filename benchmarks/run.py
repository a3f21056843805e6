"""The benchmark in one command: bundled data against a national-scale dataset.

    python -m benchmarks.run                 # 5 runs per figure, 20 sessions
    python -m benchmarks.run --runs 7 --out benchmarks/results

Steps, each in a process of its own so no cache or memory of one step counts in another:

1. ``benchmarks.generate`` writes the national dataset (342 municipalities, 50,000
   interventions, 200,000 factor links, 800,000 progress rows) and the ~50 MB upload file
   into a work directory (a temporary one unless ``--work`` is given).
2. ``benchmarks.pages``, for the bundled data and the national set: each page's script run
   after a filter change (median of ``--runs``), for a view not drawn before and a repeat.
3. ``benchmarks.server``, for both: cold start until the first page is rendered in headless
   Chromium, page visits with the server's peak memory, and memory with ``--sessions``
   concurrent sessions.
4. ``benchmarks.validation``: the upload file end to end against a bare ``polars.read_csv``
   and a pandas script with a loop over the rows; peak memory; publish and read back.
5. ``benchmarks.uploads``: uploads at the ceilings: a file of empty rows of the largest size,
   the largest valid file (``--scale largest``, about 196 MiB) and two of those at once, with
   peak memory per file size, wall time and a bystander's latency meanwhile.
6. ``benchmarks.redraw``, national set: in headless Chromium, the wait from a change of the
   sidebar's theme filter until the page is fully redrawn, on every page with the sidebar,
   against a minimal Streamlit app drawing the same figures (the ratio per page), and the
   cold start of both.

``--only redraw`` runs steps 1 and 6 alone (about 15 minutes) and writes its results to
``--out``/redraw.

The results go to ``--out`` as ``<time>.json`` (everything) and ``<time>.md`` (the tables),
so runs can be compared over time; the Markdown is also printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import redraw
from benchmarks.generate import SCALES, UPLOAD_NAME
from benchmarks.uploads import markdown as uploads_markdown
from lib.config import ROOT

RESULTS = ROOT / "benchmarks" / "results"
PACKAGES = ("streamlit", "polars", "altair", "pydeck", "deltalake", "pandas")
MB = 1024 * 1024


@dataclass(frozen=True)
class Target:
    """A target of the benchmark: ``value`` must be ``<=`` (or ``>=``) ``limit``."""

    name: str
    value: float
    limit: float
    at_most: bool = True
    unit: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    def row(self) -> str:
        sign = "≤" if self.at_most else "≥"
        verdict = "met" if self.met else "**not met**"
        value = f"{self.value:,.2f}{self.unit}"
        return f"| {self.name} | {value} | {sign} {self.limit:g}{self.unit} | {verdict} |"


def _module(name: str, *args: str) -> dict[str, Any]:
    """Run ``python -m benchmarks.<name> ...`` and return the JSON it prints."""
    command = [sys.executable, "-m", f"benchmarks.{name}", *args]
    sys.stderr.write(f"benchmark: {' '.join(command[2:])}\n")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    with Path("/proc/meminfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_bytes": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: version(name) for name in PACKAGES},
        "commit": commit or "unknown",
        "load_average_at_start": os.getloadavg(),
    }


def targets(results: Mapping[str, Any]) -> list[Target]:
    """The targets of the benchmark, read from the results."""
    found: list[Target] = []
    for label, key, limit in (("bundled", "bundled", 50.0), ("national", "national", 150.0)):
        pages = results[key]["pages"]["pages"]
        worst = max(p["new_median_s"] for p in pages.values()) * 1000
        found.append(Target(f"Slowest page rerun, new view, {label} (ms)", worst, limit))
    validation, national_server = results["validation"], results["national"]["server"]
    found += [
        Target("Validation / bare read_csv", validation["pipeline_over_floor"], 3.0, unit="x"),
        Target(
            "pandas per-row script / validation",
            validation["pandas_over_pipeline"],
            10.0,
            at_most=False,
            unit="x",
        ),
        Target("Validation peak memory / file size", validation["pipeline_peak_over_file"], 4.0),
        Target(
            "Cold start, national (s)", results["national"]["server"]["cold_start"]["median_s"], 4.0
        ),
    ]
    uploads = results.get("uploads")
    if uploads:
        found += [
            Target(
                "Largest upload: peak memory / file size",
                uploads["largest"]["peak_over_files"],
                3.0,
            ),
            Target(
                "Two largest uploads at once: peak memory / files",
                uploads["parallel"]["peak_over_files"],
                3.0,
            ),
            Target(
                "Bystander p95 during two uploads (s)",
                uploads["parallel"]["bystander_during"]["p95_s"],
                2.0,
            ),
        ]
    waits = results.get("redraw")
    if waits:
        worst = max(waits["pages"].items(), key=lambda item: item[1]["ratio"])
        found.append(
            Target(
                f"Redraw after a filter change / floor, worst page ({worst[0] or 'overzicht'})",
                worst[1]["ratio"],
                redraw.RATIO_LIMIT,
                unit="x",
            )
        )
    sessions = national_server["sessions"]
    found.append(
        Target(
            "Memory per extra session / dataset in memory, national",
            sessions["per_session_over_dataset"],
            0.5,
        )
    )
    return found


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def _page_table(results: Mapping[str, Any]) -> list[str]:
    bundled = results["bundled"]["pages"]["pages"]
    national = results["national"]["pages"]["pages"]
    lines = [
        "| Page | Bundled: new view | Bundled: repeat | National: new view | National: repeat |",
        "|---|--:|--:|--:|--:|",
    ]
    for page, figures in bundled.items():
        other = national[page]
        lines.append(
            f"| {page} | {_ms(figures['new_median_s'])} | {_ms(figures['repeat_median_s'])} "
            f"| {_ms(other['new_median_s'])} | {_ms(other['repeat_median_s'])} |"
        )
    return lines


def _server_table(results: Mapping[str, Any]) -> list[str]:
    lines = [
        "| | Bundled | National |",
        "|---|--:|--:|",
    ]
    rows: Sequence[tuple[str, Any]] = (
        ("Cold start to first rendered page (s)", lambda s: f"{s['cold_start']['median_s']:.2f}"),
        ("… of which server ready (s)", lambda s: f"{s['cold_start']['ready_median_s']:.2f}"),
        ("… of which first page (s)", lambda s: f"{s['cold_start']['render_median_s']:.2f}"),
        (
            "Server peak memory after every page (MB)",
            lambda s: f"{s['page_visits']['peak_rss_bytes'] / MB:,.0f}",
        ),
        ("Memory with 1 session (MB)", lambda s: f"{s['sessions']['rss_1_bytes'] / MB:,.0f}"),
        (
            "Memory with all sessions open (MB)",
            lambda s: f"{s['sessions']['rss_n_bytes'] / MB:,.0f} ({s['sessions']['n']})",
        ),
        (
            "Memory per extra session (MB)",
            lambda s: f"{s['sessions']['per_session_bytes'] / MB:,.1f}",
        ),
        ("Dataset in memory (MB)", lambda s: f"{s['sessions']['dataset_bytes'] / MB:,.1f}"),
    )
    for label, cell in rows:
        bundled = cell(results["bundled"]["server"])
        national = cell(results["national"]["server"])
        lines.append(f"| {label} | {bundled} | {national} |")
    return lines


def _validation_table(validation: Mapping[str, Any]) -> list[str]:
    size = validation["upload_bytes"] / MB
    return [
        f"Upload file: {validation['rows']:,} interventions, {size:,.0f} MB "
        "(cp1252, `;`, decimal commas).",
        "",
        "| Step | Median (s) | Runs |",
        "|---|--:|--:|",
        f"| Bare `polars.read_csv` (floor) | {validation['floor_seconds']:.2f} "
        f"| {validation['floor_runs']} |",
        f"| App: read, sniff, map, validate | {validation['pipeline_seconds']:.2f} "
        f"| {validation['pipeline_runs']} |",
        f"| pandas + per-row Python | {validation['pandas_seconds']:.2f} "
        f"| {validation['pandas_runs']} |",
        f"| Publish into the store | {validation['publish_seconds']:.2f} "
        f"| {validation['store_runs']} |",
        f"| Read the current version back | {validation['read_seconds']:.2f} "
        f"| {validation['store_runs']} |",
        "",
        f"Validation is {validation['pipeline_over_floor']:.1f}x the floor and "
        f"{validation['pandas_over_pipeline']:.1f}x faster than the pandas script; its peak "
        f"memory is {validation['pipeline_peak_bytes'] / MB:,.0f} MB, "
        f"{validation['pipeline_peak_over_file']:.1f}x the file.",
    ]


def markdown(results: Mapping[str, Any]) -> str:
    """The results as Markdown tables (the README quotes them)."""
    m = results["machine"]
    runs = results["runs"]
    lines = [
        f"# Benchmark {results['started']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_bytes'] / 2**30:.0f} GiB, "
        f"{m['system']}, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f"; commit {m['commit']}.",
        f"Medians of {runs} runs unless stated. National set: {SCALES['national'].gemeenten} "
        f"municipalities, {SCALES['national'].interventies:,} interventions, "
        f"{SCALES['national'].links:,} factor links, "
        f"{SCALES['national'].interventies * SCALES['national'].kwartalen:,} progress rows.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Limit | |",
        "|---|--:|--:|---|",
        *(t.row() for t in targets(results)),
        "",
        "## Page script run after a filter change (ms)",
        "",
        *_page_table(results),
        "",
        "## Server: cold start and memory",
        "",
        *_server_table(results),
        "",
        "## Upload file: validation, publish, read back",
        "",
        *_validation_table(results["validation"]),
        "",
        *(
            ["## Uploads at the ceilings", "", *uploads_markdown(results["uploads"]), ""]
            if "uploads" in results
            else []
        ),
        *(
            [
                "## Wait after a sidebar change, against Streamlit's floor (national)",
                "",
                *redraw.markdown_lines(results["redraw"]),
                "",
            ]
            if "redraw" in results
            else []
        ),
    ]
    return "\n".join(lines)


def without_paths(value: Any, work: Path) -> Any:
    """``value`` with the work directory written as ``<work>``: results name no machine's paths."""
    if isinstance(value, str):
        return value.replace(str(work), "<work>")
    if isinstance(value, dict):
        return {k: without_paths(v, work) for k, v in value.items()}
    if isinstance(value, list):
        return [without_paths(v, work) for v in value]
    return value


def _redraw(national: Path, runs: int, redraw_runs: int) -> dict[str, Any]:
    return _module(
        "redraw",
        "--dataset",
        str(national),
        "--runs",
        str(redraw_runs),
        "--cold-runs",
        str(min(runs, 3)),
    )


def run_redraw(work: Path, *, runs: int, redraw_runs: int) -> dict[str, Any]:
    """Only the national dataset and ``benchmarks.redraw`` (``--only redraw``)."""
    national = work / "national"
    _module("generate", "--out", str(national))
    results = _redraw(national, runs, redraw_runs)
    results["machine"] = machine()
    return dict(without_paths(results, work))


def run(
    work: Path, *, runs: int, sessions: int, pandas_runs: int, redraw_runs: int
) -> dict[str, Any]:
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
    results: dict[str, Any] = {"started": started, "runs": runs, "machine": machine()}
    national = work / "national"
    upload = work / f"national_{UPLOAD_NAME}"
    results["generate"] = _module("generate", "--out", str(national))
    for key, dataset in (("bundled", "bundled"), ("national", str(national))):
        results[key] = {
            "pages": _module("pages", "--dataset", dataset, "--runs", str(runs)),
            "server": _module(
                "server", "--dataset", dataset, "--runs", str(runs), "--sessions", str(sessions)
            ),
        }
    results["validation"] = _module(
        "validation",
        "--upload",
        str(upload),
        "--dataset",
        str(national),
        "--runs",
        str(runs),
        "--pandas-runs",
        str(pandas_runs),
    )
    results["uploads"] = _module("uploads", "--work", str(work))
    results["redraw"] = _redraw(national, runs, redraw_runs)
    results = without_paths(results, work)
    results["targets"] = [
        {"name": t.name, "value": t.value, "limit": t.limit, "met": t.met} for t in targets(results)
    ]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--pandas-runs", type=int, default=1, help="runs of the pandas script")
    parser.add_argument("--work", type=Path, help="where to generate the data (default: temp)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument(
        "--redraw-runs", type=int, default=6, help="rounds per page of the redraw benchmark"
    )
    parser.add_argument(
        "--only", choices=("all", "redraw"), default="all", help="'redraw': only that benchmark"
    )
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        if args.only == "redraw":
            results = run_redraw(work, runs=args.runs, redraw_runs=args.redraw_runs)
        else:
            results = run(
                work,
                runs=args.runs,
                sessions=args.sessions,
                pandas_runs=args.pandas_runs,
                redraw_runs=args.redraw_runs,
            )
    results["duration_s"] = round(time.perf_counter() - begin, 1)
    out = args.out / "redraw" if args.only == "redraw" else args.out
    out.mkdir(parents=True, exist_ok=True)
    stem = out / results["started"]
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = redraw.markdown(results) if args.only == "redraw" else markdown(results)
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
