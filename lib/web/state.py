"""What a page needs to draw: the session's keys, the page context and one-off notices.

Every key this app keeps in ``st.session_state`` is named here, so the modules that read and
write the session (``sync``, ``sidebar``, the sections) agree on them without importing one
another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import streamlit as st

from lib.contract.codes import Lang, as_lang
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.selection import Selection, select
from lib.web import legacy
from lib.web.cache import current_dataset

LANG_KEY: Final = "taal"
FILTER_KEYS: Final[dict[str, str]] = {
    "gemeenten": "filter_gemeente",
    "golven": "filter_golf",
    "botoc": "filter_botoc",
    "themas": "filter_thema",
    "statussen": "filter_status",
    "doelgroepen": "filter_doelgroep",
    "domeinen": "filter_domein",
}
FILTERS_KEY: Final = "pmg_state"  # the Filters of the last sidebar run
VERSION_KEY: Final = "pmg_view_version"  # a store version viewed read-only; absent = current
NOTICE_KEY: Final = "pmg_url_notice"  # names of URL parameters that were ignored
VIEW_KEY: Final = "pmg_pres_view"  # the presentation view (storyline, slide, map measure)
URL_READ_KEY: Final = "pmg_pres_url_read"
MAP_KEY: Final = "kaart_maat"  # the measure picker of the Kaart page
CONTEXT_VIEW_KEY: Final = "pmg_context_view"  # the Context page's view (links.ContextView)
CONTEXT_OFFENCE_KEY: Final = "context_misdrijf"  # its widgets: offence type, year, named places
CONTEXT_YEAR_KEY: Final = "context_jaar"
CONTEXT_NAMED_KEY: Final = "context_gemeenten"


@dataclass(frozen=True)
class Context:
    """The language, filters, dataset and selection of the page being drawn."""

    lang: Lang
    filters: Filters
    data: Dataset
    selection: Selection


def context() -> Context:
    """The context of the page being drawn (call at the top of every page)."""
    legacy.leave_legacy_multipage()
    data = current_dataset(st.session_state.get(VERSION_KEY))
    lang = as_lang(st.session_state.get(LANG_KEY))
    filters: Filters = st.session_state.get(FILTERS_KEY, Filters())
    return Context(lang, filters, data, select(data, filters))


def add_notice(ignored: list[str]) -> None:
    """Remember URL parameters that were ignored, for the next page header to name."""
    if ignored:
        before = st.session_state.get(NOTICE_KEY) or []
        st.session_state[NOTICE_KEY] = [*before, *ignored]


def pop_notice() -> list[str]:
    """The ignored URL parameters noted so far (each once), and forget them."""
    ignored = st.session_state.pop(NOTICE_KEY, None) or []
    return list(dict.fromkeys(ignored))
