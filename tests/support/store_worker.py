"""Child process for the store's crash and concurrency tests (run by ``tests/test_store.py``).

Every published frame is derived from a seed that is written in the version's comment
(``seed=<n>``), so a test can check any version against what its publisher wrote. Usage::

    store_worker.py base ROOT
    store_worker.py loop ROOT FIRST_SEED READY_FILE            publish forever (to be killed)
    store_worker.py pause ROOT SEED STAGE MARKER [base]        stop for good at STAGE
    store_worker.py many ROOT WORKER COUNT SCOPE READY GO      publish COUNT versions

``pause`` publishes one version (or creates the base with ``base``) and, when the store reaches
``STAGE`` (``locked``, ``table_written`` or ``committed``), writes MARKER and sleeps until the
test kills it. ``many`` writes READY, waits for the file GO, then publishes as fast as it can:
scope ``alles`` publishes seeds WORKER*100+j, scope ``gemeenten`` replaces only the rows of
municipality ``GEMEENTEN[WORKER]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

from lib.data.store import Stage, Store

GEMEENTEN = ("GM0014", "GM0518", "GM0363", "GM0599", "GM0344")
NAMEN = ("Groningen", "'s-Gravenhage", "Amsterdam", "Rotterdam", "Utrecht")
THEMAS = ("gezag", "financien", "jongerenwerk", "gezin")


def make_frame(seed: int, rows: int = 10) -> pl.DataFrame:
    """Interventies-like rows that differ per seed: accents, decimals and nulls included."""
    idx = range(rows)
    return pl.DataFrame(
        {
            "interventie_id": [f"{GEMEENTEN[i % 5]}-{i:03d}" for i in idx],
            "gemeentecode": [GEMEENTEN[i % 5] for i in idx],
            "naam": [f"Financiën {NAMEN[i % 5]} {seed}" for i in idx],
            "thema": [THEMAS[(i + seed) % 4] for i in idx],
            "startjaar": [None if (i + seed) % 3 == 0 else 2020 + (i + seed) % 6 for i in idx],
            "bereik": [seed * 10 + i for i in idx],
            "budget_eur": [None if (i + seed) % 4 == 0 else 12500.5 + seed + i / 4 for i in idx],
            "monitoringplan": [None if i % 5 == 4 else (i + seed) % 2 == 0 for i in idx],
        },
        schema={
            "interventie_id": pl.String,
            "gemeentecode": pl.String,
            "naam": pl.String,
            "thema": pl.String,
            "startjaar": pl.Int64,
            "bereik": pl.Int64,
            "budget_eur": pl.Float64,
            "monitoringplan": pl.Boolean,
        },
    )


def make_voortgang(seed: int) -> pl.DataFrame:
    ids = make_frame(seed).get_column("interventie_id")
    return pl.DataFrame(
        {
            "interventie_id": ids,
            "periode": [f"202{seed % 6}-Q{i % 4 + 1}" for i in range(ids.len())],
            "status": ["afgerond" if (i + seed) % 2 else "gepland" for i in range(ids.len())],
        }
    )


def municipality_frame(worker: int, step: int) -> pl.DataFrame:
    """The rows of ``GEMEENTEN[worker]`` as that worker publishes them at ``step``."""
    code = GEMEENTEN[worker]
    return (
        make_frame(0)
        .filter(pl.col("gemeentecode") == code)
        .with_columns(
            pl.lit(f"w{worker} stap {step}").alias("naam"),
            pl.lit(1000 * worker + step, pl.Int64).alias("bereik"),
        )
    )


def comment(seed: int) -> str:
    return f"seed={seed}"


def seed_of(text: str) -> int:
    return int(text.removeprefix("seed="))


def base(store: Store) -> int:
    return store.ensure_base(
        {"interventies": make_frame(0), "voortgang": make_voortgang(0)}, comment=comment(0)
    )


def publish_seed(store: Store, seed: int) -> int:
    return store.publish(
        "interventies",
        make_frame(seed),
        who=f"worker {seed}",
        comment=comment(seed),
        source_name=f"interventies_{seed}.csv",
        checksum=f"sha256:{seed:064x}",
    )


class PausingStore(Store):
    """Stops for good (until killed) when a write reaches ``stage``."""

    def __init__(self, root: Path, stage: str, marker: Path) -> None:
        super().__init__(root)
        self.stage = stage
        self.marker = marker

    def _after(self, stage: Stage) -> None:
        if stage == self.stage:
            self.marker.write_text(stage, encoding="utf-8")
            time.sleep(60)  # the test kills us long before this ends
            raise SystemExit(3)


def _wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(4)
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    mode, root = argv[0], Path(argv[1])
    if mode == "base":
        base(Store(root))
    elif mode == "loop":
        seed, ready = int(argv[2]), Path(argv[3])
        store = Store(root)
        ready.write_text("ready", encoding="utf-8")
        while True:
            publish_seed(store, seed)
            seed += 1
    elif mode == "pause":
        seed, stage, marker = int(argv[2]), argv[3], Path(argv[4])
        store = PausingStore(root, stage, marker)
        if argv[5:] == ["base"]:
            base(store)
        else:
            publish_seed(store, seed)
    elif mode == "many":
        worker, count, scope = int(argv[2]), int(argv[3]), argv[4]
        ready, go = Path(argv[5]), Path(argv[6])
        store = Store(root, lock_timeout=60)
        ready.write_text("ready", encoding="utf-8")
        _wait_for(go)
        for step in range(count):
            if scope == "alles":
                publish_seed(store, worker * 100 + step)
            else:
                store.publish(
                    "interventies",
                    municipality_frame(worker, step),
                    who=f"worker {worker}",
                    comment=f"w{worker} stap {step}",
                    source_name=f"w{worker}.csv",
                    checksum="sha256:0",
                    scope="gemeenten",
                )
    else:
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
