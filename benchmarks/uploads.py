"""Uploads at the ceilings: memory and time of the largest files, and what a bystander feels.

Three cases, each in a fresh Python process (``--child CASE``) that loads the dataset first,
gives its memory back (``release_memory``) and waits ``SETTLE_S`` seconds so that memory
freed by the load is not reused and hidden from the figure, then resets the kernel's
high-water mark and notes its resident set:

* ``empty``: a file of the largest size (``PMG_UPLOAD_MAX_MB``) of a header and nothing but
  empty rows (``;;;;``), as the review's hostile file; it must be refused (``no_rows``).
* ``largest``: the largest valid file the default ceilings accept (``benchmarks.generate
  --scale largest``, about 196 MiB, 1.75 million rows).
* ``parallel``: two such uploads checked at the same time by two threads, each taking a turn
  of ``Slots(2)`` as the page does.

For each: the wall time, the peak resident memory above the level before (``VmHWM`` after
``clear_refs``) divided by the size of the files being checked, the total peak of the
process, and the resident memory after the result was dropped and ``release_memory`` ran.
Meanwhile a bystander thread of the same process runs a small Polars query on the dataset
(municipalities by count of interventions) every ``BYSTANDER_PAUSE_S``: its latency (median,
95th percentile, maximum) is what another visitor's page would wait for; it is also
measured alone first.

    python -m benchmarks.uploads --work DIR [--out benchmarks/results/uploads]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import polars as pl

from benchmarks.generate import SCALES, UPLOAD_NAME, generate
from benchmarks.validation import ROOT, reset_peak, run_pipeline, status_bytes
from lib.config import upload_settings
from lib.data.catalog import Dataset, load_dataset
from lib.data.ingest.slots import Slots, release_memory

CASES: Final[tuple[str, ...]] = ("empty", "largest", "parallel")
SETTLE_S: Final[float] = 11.0  # the Polars allocator returns freed pages after about 10 s
BYSTANDER_PAUSE_S: Final[float] = 0.05
EMPTY_HEADER: Final[bytes] = b"interventie_id;gemeentecode;naam;thema;status;bereik\r\n"
MB: Final[int] = 2**20


class Bystander:
    """A thread that times a small query on the dataset again and again until stopped."""

    def __init__(self, dataset: Dataset) -> None:
        self.frame = dataset.interventies
        self.times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def query(self) -> pl.DataFrame:
        return self.frame.group_by("gemeentecode").agg(pl.len()).sort("len").tail(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            self.query()
            self.times.append(time.perf_counter() - start)
            self._stop.wait(BYSTANDER_PAUSE_S)

    def __enter__(self) -> Bystander:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict[str, float]:
        times = sorted(self.times) or [0.0]
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        return {"n": len(times), "median_s": statistics.median(times), "p95_s": p95,
                "max_s": times[-1]}  # fmt: skip


def _alone(dataset: Dataset, seconds: float = 3.0) -> dict[str, float]:
    with Bystander(dataset) as bystander:
        time.sleep(seconds)
    return bystander.figures()


def _check(path: Path, dataset: Dataset, slots: Slots, out: list[Any]) -> None:
    with slots.turn(3600.0):
        prepared = run_pipeline(path, dataset)
        out.append((len(prepared.report.errors), [i.code for i in prepared.report.errors[:3]],
                    prepared.clean.height if prepared.clean is not None else 0))  # fmt: skip


def child(case: str, files: list[Path], dataset_dir: Path) -> dict[str, Any]:
    """One case in this (fresh) process; see the module docstring."""
    dataset = load_dataset(dataset_dir)
    release_memory()
    time.sleep(SETTLE_S)
    alone = _alone(dataset)
    reset = reset_peak()
    before = status_bytes("VmRSS")
    results: list[Any] = []
    slots = Slots(2)
    workers = [threading.Thread(target=_check, args=(f, dataset, slots, results)) for f in files]
    start = time.perf_counter()
    with Bystander(dataset) as bystander:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    seconds = time.perf_counter() - start
    peak = status_bytes("VmHWM")
    size = sum(f.stat().st_size for f in files)
    after = status_bytes("VmRSS")  # the results are dropped; release_memory ran in the turn
    results_summary = list(results)
    results.clear()
    release_memory()
    time.sleep(SETTLE_S)
    return {
        "case": case,
        "files": len(files),
        "bytes": size,
        "seconds": seconds,
        "peak_reset": reset,
        "rss_before_bytes": before,
        "peak_rss_bytes": peak,
        "peak_over_files": (peak - before) / size,
        "total_peak_over_files": peak / size,
        "rss_after_bytes": status_bytes("VmRSS"),
        "rss_after_with_result_bytes": after,
        "results": results_summary,
        "bystander_alone": alone,
        "bystander_during": bystander.figures(),
    }


def make_files(work: Path) -> dict[str, Any]:
    """The dataset with the largest upload, and the file of empty rows (made when absent)."""
    dataset = work / "largest"
    upload = work / f"largest_{UPLOAD_NAME}"
    if not upload.is_file():
        generate(dataset, SCALES["largest"], scale_name="largest")
    empty = work / "empty_rows.csv"
    limit = upload_settings().max_bytes
    if not empty.is_file() or empty.stat().st_size > limit:
        line = b";;;;;\r\n"
        with empty.open("wb") as out:
            out.write(EMPTY_HEADER)
            out.write(line * ((limit - len(EMPTY_HEADER)) // len(line)))
    return {"dataset": dataset, "largest": upload, "empty": empty}


def _run_child(case: str, files: list[Path], dataset: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.uploads", "--child", case,
               "--dataset", str(dataset), *(str(f) for f in files)]  # fmt: skip
    sys.stderr.write(f"benchmark: uploads {case}\n")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"uploads {case} failed ({done.returncode}): {done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(work: Path) -> dict[str, Any]:
    files = make_files(work)
    dataset = files["dataset"]
    cases: dict[str, Callable[[], dict[str, Any]]] = {
        "empty": lambda: _run_child("empty", [files["empty"]], dataset),
        "largest": lambda: _run_child("largest", [files["largest"]], dataset),
        "parallel": lambda: _run_child("parallel", [files["largest"]] * 2, dataset),
    }
    return {name: case() for name, case in cases.items()}


def markdown(results: dict[str, Any]) -> list[str]:
    lines = [
        "| Case | Files (MB) | Wall time (s) | Peak above start / files | Process peak (MB) "
        "| After (MB) | Bystander p95 alone (ms) | Bystander p95 during (ms) | max (ms) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name in CASES:
        r = results[name]
        lines.append(
            f"| {name} | {r['bytes'] / MB:,.0f} | {r['seconds']:.1f} | {r['peak_over_files']:.2f} "
            f"| {r['peak_rss_bytes'] / MB:,.0f} | {r['rss_after_bytes'] / MB:,.0f} "
            f"| {r['bystander_alone']['p95_s'] * 1000:,.0f} "
            f"| {r['bystander_during']['p95_s'] * 1000:,.0f} "
            f"| {r['bystander_during']['max_s'] * 1000:,.0f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--work", type=Path, help="where the files are made (kept for reuse)")
    parser.add_argument("--out", type=Path, help="write <time>.json and <time>.md here")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--dataset", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.stdout.write(json.dumps(child(args.child, args.files, args.dataset)) + "\n")
        return 0
    if args.work is None:
        parser.error("--work is required")
    args.work.mkdir(parents=True, exist_ok=True)
    results = measure(args.work)
    text = json.dumps(results, indent=2)
    if args.out is not None:
        stem = args.out / datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
        args.out.mkdir(parents=True, exist_ok=True)
        stem.with_suffix(".json").write_text(text + "\n", encoding="utf-8")
        stem.with_suffix(".md").write_text("\n".join(markdown(results)) + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
