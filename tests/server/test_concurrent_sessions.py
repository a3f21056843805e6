"""The real server under many sessions at once: it never hangs and every page is drawn.

Each trial starts a new server (a cold start: nothing cached yet), opens 20 sessions at the
same moment on the pages that compute the most, waits for every one to be drawn, and asks the
health check. A deadlock (threads converting one shared frame at the same time) shows as
sessions that never finish and a health check that no longer answers.
"""

from __future__ import annotations

import asyncio

import pytest
from aio import run_async

from benchmarks.server import healthy, serve
from benchmarks.sessions import Run, open_at_once

pytestmark = pytest.mark.slow

TRIALS = 10
SESSIONS = 20
HEAVY_PAGES = ("kenniskaart", "risicofactoren", "uitvoering", "themas", "kaart")
TRIAL_TIMEOUT_S = 240.0


@pytest.mark.parametrize("trial", range(TRIALS))
def test_twenty_sessions_at_once_after_a_cold_start(trial: int) -> None:
    pages = [HEAVY_PAGES[(trial + i) % len(HEAVY_PAGES)] for i in range(SESSIONS)]
    with serve() as (url, _pid):
        runs = run_async(asyncio.wait_for(open_at_once(url, pages), TRIAL_TIMEOUT_S))
        assert healthy(url), "the server stopped answering its health check"
    failed = [r if isinstance(r, BaseException) else r.exceptions for r in runs if not _ok(r)]
    assert failed == []
    titles = [r.texts for r in runs if isinstance(r, Run)]
    assert all(texts for texts in titles), "every session drew its page"


def _ok(run: Run | BaseException) -> bool:
    return isinstance(run, Run) and run.ok
