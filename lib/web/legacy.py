"""The one work-around for Streamlit's legacy multipage path, for the app, tests and benchmarks.

Streamlit decides per process whether an app with a ``pages/`` folder is a legacy multipage
app, before ``app.py`` has called ``st.navigation``: ``PagesManager.uses_pages_directory``
starts True and only ``st.navigation`` sets it to False. Until then a deep link
(``/kaart?...``) opened first after a server start runs the page file alone: no sidebar, no
filters from the URL, and widgets get other ids than in later runs (the first choice is lost).
AppTest resets the flag before every run, so it takes that path from the second run on.

``leave_legacy_multipage`` (in the app) switches the flag as ``st.navigation`` does and reruns
once; ``navigation_pages_only`` (in tests and benchmarks) keeps the flag off in AppTest.
``tests/app/test_legacy.py`` fails when a Streamlit release no longer needs either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st


def _pages_manager() -> Any:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without the legacy path
        return None
    return PagesManager


def leave_legacy_multipage() -> None:
    """On the first run of a process: leave the legacy path before any widget, and rerun."""
    manager = _pages_manager()
    if manager is not None and manager.uses_pages_directory:
        manager.uses_pages_directory = False
        st.rerun()


@contextmanager
def navigation_pages_only() -> Iterator[None]:
    """Within this block AppTest runs the app as the server does after ``st.navigation``."""
    manager = _pages_manager()
    if manager is None:  # pragma: no cover
        yield
        return
    original: Callable[..., None] = manager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        manager.uses_pages_directory = False

    manager.__init__ = init
    try:
        yield
    finally:
        manager.__init__ = original
