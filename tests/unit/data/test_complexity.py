"""The data and contract layers stay small: short modules, functions of radon grade B or better.

A function may be of grade C when the line above its ``def`` says why (``# complexity: ...``);
never D or worse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

from lib.config import ROOT

PACKAGES = ("lib/data", "lib/contract")
MAX_LINES = 400
MODULES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))
IDS = [p.relative_to(ROOT).as_posix() for p in MODULES]


def test_the_modules_are_found() -> None:
    assert "lib/data/ingest/pipeline.py" in IDS
    assert "lib/contract/schema.py" in IDS


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_module_length(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _too_complex(source: str) -> list[str]:
    lines = source.splitlines()
    found = []
    for block in cc_visit(source):  # functions, classes and methods
        rank = cc_rank(block.complexity)
        explained = block.lineno >= 2 and "# complexity:" in lines[block.lineno - 2]
        if rank > "C" or (rank == "C" and not explained):
            found.append(f"{block.fullname} ({rank}, {block.complexity})")
    return found


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_function_complexity(path: Path) -> None:
    assert _too_complex(path.read_text(encoding="utf-8")) == []


def test_the_complexity_check_can_fail() -> None:
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(12))
    source = f"def f(x):\n{branches}\n    return -1\n"
    assert _too_complex(source) == ["f (C, 13)"]
    assert _too_complex(f"# complexity: a table of cases\n{source}") == []
    method = "class K:\n" + "\n".join(f"    {line}" for line in source.splitlines())
    assert "K.f (C, 13)" in _too_complex(method)
