"""Tables shared by every session go to Streamlit as Arrow, and converting them from many
threads at once never hangs (a Polars frame converted by several threads at once could)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

import pyarrow as pa

from lib.config import ROOT
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.metrics import execution_by_gemeente, select
from lib.web import cache

THREADS = 16
ROUNDS = 5
TIMEOUT_S = 120


def test_the_shared_table_of_a_chart_is_an_arrow_table(dataset: Dataset) -> None:
    frame = execution_by_gemeente(select(dataset, Filters()))
    shown = cache.display_table(
        frame, {"gemeente_naam": "column.gemeente", "n": "column.n_interventies"}, "nl"
    )
    assert isinstance(shown, pa.Table)
    assert shown.num_rows == frame.height
    again = cache.display_table(
        frame, {"gemeente_naam": "column.gemeente", "n": "column.n_interventies"}, "nl"
    )
    assert again is shown  # one copy for every session


def test_st_dataframe_is_called_in_one_place_only() -> None:
    calls = []
    for path in [*(ROOT / "lib").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls += [
            (path.relative_to(ROOT).as_posix(), node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "dataframe"
        ]
    assert [file for file, _ in calls] == ["lib/web/layout.py"]


def test_many_threads_serialise_one_shared_table_without_hanging() -> None:
    """The conversion ``st.dataframe`` makes, from 16 threads at once, 5 times over, in a child
    process that must finish within the timeout (a deadlock would keep it waiting)."""
    script = textwrap.dedent(
        f"""
        import threading
        import polars as pl
        from streamlit import dataframe_util
        from lib.web import cache

        names = [f"g{{i}}" for i in range(5000)]
        frame = pl.DataFrame({{"gemeente_naam": names, "n": list(range(5000))}})
        columns = {{"gemeente_naam": "column.gemeente", "n": "column.n_interventies"}}
        shared = cache.display_table(frame, columns, "nl")
        sizes = set()
        def convert():
            for _ in range(20):
                sizes.add(len(dataframe_util.convert_anything_to_arrow_bytes(shared)))
        for _ in range({ROUNDS}):
            threads = [threading.Thread(target=convert) for _ in range({THREADS})]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        print(len(sizes))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip() == "1"  # every thread made the same bytes
