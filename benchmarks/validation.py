"""How long the app takes to check an upload, next to a bare read and a pandas script.

``measure`` times, each as the median over its runs:

* ``floor``: a bare read of the same file,
  ``polars.read_csv(path, separator=";", encoding="windows-1252")``. Polars 2.1 accepts
  ``windows-1252`` but, like every encoding other than ``utf8``/``utf8-lossy``, decodes it in
  Python (whole file, then re-encoded as UTF-8) before its native parser runs: the same work
  as ``read_bytes().decode("cp1252")``, which measured slightly slower.
  ``encoding="utf8-lossy"`` is faster but turns every accent into ``�``, so it does not read
  this file correctly. Column types are inferred as in any bare call (``infer_schema=False``
  is about 10% faster; the floor keeps the default).
* ``pipeline``: from the file on disk to the checked frame: ``Path.read_bytes`` and
  ``lib.data.ingest.pipeline.prepare`` (decode, sniff the delimiter, parse, recognise headers,
  guess the
  decimal mark, refuse personal data, map names and labels to codes, validate every contract
  rule, plausibility warnings). The generated file is valid: any error stops the benchmark.
* ``pandas``: ``benchmarks.pandas_baseline.validate_with_pandas`` on the same file; also 0
  errors expected. It is slow, so it has its own number of runs (``pandas_runs``).
* ``publish`` and ``read``: into a fresh store in a temporary directory (``ensure_base`` with
  the dataset's ``interventies``, untimed), the time of ``Store.publish`` of the checked frame
  and, separately, of ``Store.read("interventies")`` of the new version (its row count must
  equal the upload's). A fresh store for every run.

Peak memory of the pipeline is measured in a fresh Python process (``--child``), so nothing
of this process (earlier runs, pandas) is counted. The child imports the libraries and loads
the dataset, then resets the kernel's high-water mark (``5`` to ``/proc/self/clear_refs``)
and notes its resident set (``VmRSS``). It then reads the file and runs ``prepare``, keeps
the result alive, and reads the high-water mark (``VmHWM``). The figure is the difference:
the most memory the file bytes, every intermediate frame and the result held at one time,
without the interpreter, the libraries and the dataset. Freed memory that the allocator keeps
for reuse still counts while it is resident. Where ``clear_refs`` cannot be written, the
high-water mark may include the dataset load (``peak_reset`` is false then).

    python -m benchmarks.validation --upload FILE --dataset DIR [--runs 5] [--pandas-runs 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Generic, TypeVar

import polars as pl

from benchmarks.pandas_baseline import validate_with_pandas
from lib.contract.schema import TABLES
from lib.data.catalog import Dataset, load_dataset
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.store import Store, checksum_bytes

T = TypeVar("T")

ROOT: Final[Path] = Path(__file__).resolve().parent.parent
TABLE: Final[str] = "interventies"
FLOOR_ENCODING: Final[str] = "windows-1252"
FLOOR_CALL: Final[str] = f'polars.read_csv(path, separator=";", encoding="{FLOOR_ENCODING}")'
WHO: Final[str] = "benchmark"
STATUS: Final[Path] = Path("/proc/self/status")
CLEAR_REFS: Final[Path] = Path("/proc/self/clear_refs")


class BenchmarkError(RuntimeError):
    """The benchmark cannot stand: an unexpected error count or row count."""


@dataclass(frozen=True)
class Timed(Generic[T]):
    """The median of ``runs`` timings, in seconds, and the result of the last run."""

    seconds: float
    runs: int
    result: T


def timed(action: Callable[[], T], runs: int) -> Timed[T]:
    """Run ``action`` ``runs`` times (at least once); the median wall-clock time."""
    times: list[float] = []
    result: T | None = None
    for _ in range(max(runs, 1)):
        result = None  # let the previous result go before the next run
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    assert result is not None
    return Timed(statistics.median(times), len(times), result)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``; 0.0 when the denominator is not positive."""
    return numerator / denominator if denominator > 0 else 0.0


def factor_codes(dataset: Dataset) -> frozenset[str]:
    return frozenset(dataset.factoren.get_column("factor").to_list())


# ----------------------------------------------------------------------------- the three reads


def read_floor(path: Path) -> pl.DataFrame:
    """The cheapest correct read of the cp1252 file (see the module docstring)."""
    return pl.read_csv(path, separator=";", encoding=FLOOR_ENCODING)


def run_pipeline(path: Path, dataset: Dataset) -> Prepared:
    """Read the file and run the app's ``prepare`` on it, as the upload page does."""
    data = path.read_bytes()
    return prepare(
        data,
        path.name,
        table=TABLES[TABLE],
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=factor_codes(dataset),
    )


def run_pandas(path: Path, dataset: Dataset) -> list[tuple[int, str, str]]:
    return validate_with_pandas(path, dataset.gemeenten, dataset.themas, factor_codes(dataset))


def clean_frame(prepared: Prepared) -> pl.DataFrame:
    """The checked frame; ``BenchmarkError`` with the first errors when there is none."""
    if prepared.clean is None or prepared.report.errors:
        first = [(i.row, i.column, i.code) for i in prepared.report.errors[:10]]
        count = len(prepared.report.errors)
        raise BenchmarkError(f"prepare found {count} errors in a valid file, first: {first}")
    return prepared.clean


# ----------------------------------------------------------------------------- store


@dataclass(frozen=True)
class StoreTimes:
    publish_seconds: float
    read_seconds: float
    rows: int


def publish_once(
    base: pl.DataFrame, clean: pl.DataFrame, source_name: str, checksum: str
) -> StoreTimes:
    """Publish ``clean`` into a fresh store holding ``base``; time the publish and a read."""
    with tempfile.TemporaryDirectory(prefix="pmg-bench-store-") as folder:
        store = Store(Path(folder))
        store.ensure_base({TABLE: base}, comment="benchmark base", who=WHO)
        start = time.perf_counter()
        store.publish(
            TABLE,
            clean,
            who=WHO,
            comment="benchmark upload",
            source_name=source_name,
            checksum=checksum,
        )
        published = time.perf_counter() - start
        start = time.perf_counter()
        back = store.read(TABLE)
        read = time.perf_counter() - start
    if back.height != clean.height:
        raise BenchmarkError(f"read back {back.height} rows, published {clean.height}")
    return StoreTimes(published, read, back.height)


def time_store(
    base: pl.DataFrame, clean: pl.DataFrame, source_name: str, checksum: str, runs: int
) -> dict[str, object]:
    """Medians of publish and read over ``runs`` fresh stores."""
    results = [publish_once(base, clean, source_name, checksum) for _ in range(max(runs, 1))]
    return {
        "publish_seconds": statistics.median(r.publish_seconds for r in results),
        "read_seconds": statistics.median(r.read_seconds for r in results),
        "store_runs": len(results),
        "read_rows": results[-1].rows,
        "base_rows": base.height,
    }


# ----------------------------------------------------------------------------- memory


def status_bytes(field: str) -> int:
    """A ``kB`` field of ``/proc/self/status`` (``VmRSS``, ``VmHWM``) in bytes; 0 if absent."""
    try:
        lines = STATUS.read_text(encoding="ascii").splitlines()
    except OSError:
        return 0
    for line in lines:
        name, _, value = line.partition(":")
        if name == field:
            return int(value.split()[0]) * 1024
    return 0


def reset_peak() -> bool:
    """Set the high-water mark to the current resident set; False where Linux refuses."""
    try:
        CLEAR_REFS.write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def child_memory(upload: Path, dataset_dir: Path) -> dict[str, object]:
    """In this (fresh) process: resident memory before, and the peak during, the pipeline."""
    dataset = load_dataset(dataset_dir)
    reset = reset_peak()
    before = status_bytes("VmRSS")
    prepared = run_pipeline(upload, dataset)
    peak = status_bytes("VmHWM")
    rows = prepared.clean.height if prepared.clean is not None else 0
    return {
        "baseline_rss_bytes": before,
        "peak_rss_bytes": peak,
        "peak_reset": reset,
        "rows": rows,
        "errors": len(prepared.report.errors),
    }


def measure_memory(upload: Path, dataset_dir: Path) -> dict[str, object]:
    """Run ``child_memory`` in a fresh interpreter; its JSON is the last line it prints."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.validation",
        "--child",
        "--upload",
        str(upload),
        "--dataset",
        str(dataset_dir),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"memory child failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ----------------------------------------------------------------------------- all of it


def measure(
    upload: Path, dataset: Path, *, runs: int = 5, pandas_runs: int = 1
) -> dict[str, object]:
    """Every figure of the benchmark as a JSON-serialisable dict (see the module docstring)."""
    data_set = load_dataset(dataset)
    size = upload.stat().st_size

    floor = timed(lambda: read_floor(upload), runs)
    pipeline = timed(lambda: run_pipeline(upload, data_set), runs)
    clean = clean_frame(pipeline.result)
    if floor.result.height != clean.height:
        raise BenchmarkError(f"floor read {floor.result.height} rows, pipeline {clean.height}")
    pandas = timed(lambda: run_pandas(upload, data_set), pandas_runs)
    if pandas.result:
        raise BenchmarkError(f"pandas found {len(pandas.result)} errors: {pandas.result[:10]}")

    checksum = checksum_bytes(upload.read_bytes())
    store = time_store(data_set.interventies, clean, upload.name, checksum, runs)
    if store["read_rows"] != clean.height:
        raise BenchmarkError(f"store read {store['read_rows']} rows, upload has {clean.height}")

    memory = measure_memory(upload, dataset)
    if memory["errors"] != 0 or memory["rows"] != clean.height:
        raise BenchmarkError(f"memory child disagrees: {memory}")
    baseline = memory["baseline_rss_bytes"]
    peak_rss = memory["peak_rss_bytes"]
    assert isinstance(baseline, int)
    assert isinstance(peak_rss, int)
    peak = max(peak_rss - baseline, 0)

    return {
        "upload": str(upload),
        "dataset": str(dataset),
        "upload_bytes": size,
        "rows": clean.height,
        "floor_call": FLOOR_CALL,
        "floor_seconds": floor.seconds,
        "floor_runs": floor.runs,
        "pipeline_seconds": pipeline.seconds,
        "pipeline_runs": pipeline.runs,
        "pipeline_errors": len(pipeline.result.report.errors),
        "pipeline_warnings": len(pipeline.result.report.warnings),
        "pandas_seconds": pandas.seconds,
        "pandas_runs": pandas.runs,
        "pandas_errors": len(pandas.result),
        "pipeline_over_floor": ratio(pipeline.seconds, floor.seconds),
        "pandas_over_pipeline": ratio(pandas.seconds, pipeline.seconds),
        "pipeline_peak_bytes": peak,
        "pipeline_peak_over_file": ratio(peak, size),
        "memory_child_baseline_rss_bytes": baseline,
        "memory_child_peak_rss_bytes": peak_rss,
        "memory_peak_reset": memory["peak_reset"],
        **store,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--upload", type=Path, required=True, help="the upload CSV file")
    parser.add_argument("--dataset", type=Path, required=True, help="the dataset directory")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--pandas-runs", type=int, default=1, help="runs of the pandas script")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = child_memory(args.upload, args.dataset)
        sys.stdout.write(json.dumps(result) + "\n")
        return 0
    result = measure(args.upload, args.dataset, runs=args.runs, pandas_runs=args.pandas_runs)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
