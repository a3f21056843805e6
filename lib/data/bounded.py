"""Reads that can neither hang a page nor crash it: a call in its own thread, with a time limit.

Polars and deltalake are Rust. A damaged file can make them panic (``pyo3_runtime.
PanicException``, a ``BaseException``, not an ``Exception``) instead of raising, and a read from
a failing disk can block for good. ``bounded(call, seconds)`` runs ``call`` in a daemon thread
and waits at most ``seconds``: its result, its ``Exception`` as raised, ``ReadFailed`` for
anything else it raised (a panic), ``ReadTimedOut`` when it did not finish in time (the thread
is left to finish or hang on its own; it never holds a lock of ours).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ReadFailed(Exception):
    """The call raised something that is not an ``Exception`` (a Rust panic)."""


class ReadTimedOut(Exception):
    """The call did not finish within its time limit."""


def bounded(call: Callable[[], T], seconds: float) -> T:
    """``call()``, in a thread of its own, for at most ``seconds`` (see the module docstring)."""
    results: list[T] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            results.append(call())
        except BaseException as error:  # a panic is a BaseException: hand it back as ReadFailed
            errors.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name="pmg-read", daemon=True).start()
    if not done.wait(seconds):
        raise ReadTimedOut(f"no answer within {seconds:g} s")
    if errors:
        error = errors[0]
        if isinstance(error, Exception):
            raise error
        raise ReadFailed(f"{type(error).__name__}: {error}") from error
    return results[0]
