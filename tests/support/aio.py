"""Run a coroutine from a test, whatever runs in the main thread.

The browser suite keeps Playwright's event loop running in the main thread for the whole test
session, so ``asyncio.run`` there fails in any test that comes after it in the same process
(as in ``make test``). ``run_async`` runs the coroutine in a new loop in a thread of its own.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end in a new event loop in a thread of its own."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
