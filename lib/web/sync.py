"""The session and the URL kept in step: filters, language and the presentation view.

A link is read once per session (``read_url``); after that the widgets own the state and every
run writes it back to the URL (``write_url``) with codes, never labels, so a copied link opens
the same view in either language. The codec itself is ``lib.links``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from lib import links
from lib.data.catalog import Dataset
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.slides.storyline import DEFAULT_METRIC, View
from lib.web.state import (
    CONTEXT_NAMED_KEY,
    CONTEXT_OFFENCE_KEY,
    CONTEXT_VIEW_KEY,
    CONTEXT_YEAR_KEY,
    FILTER_KEYS,
    FILTERS_KEY,
    LANG_KEY,
    MAP_KEY,
    URL_READ_KEY,
    VIEW_KEY,
    add_notice,
)


def url_params() -> dict[str, list[str]]:
    """The query parameters of the page's URL, every value as a list."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def filters_from_widgets() -> Filters:
    s = st.session_state
    return Filters(
        gemeenten=tuple(s.get(FILTER_KEYS["gemeenten"], ())),
        golven=tuple(s.get(FILTER_KEYS["golven"], ())),
        botoc=s.get(FILTER_KEYS["botoc"], "alle"),
        themas=tuple(s.get(FILTER_KEYS["themas"], ())),
        statussen=tuple(s.get(FILTER_KEYS["statussen"], ())),
        doelgroepen=tuple(s.get(FILTER_KEYS["doelgroepen"], ())),
        domeinen=tuple(s.get(FILTER_KEYS["domeinen"], ())),
    )


def seed_widgets(filters: Filters) -> None:
    """Put ``filters`` into the widgets' state (before the widgets are drawn)."""
    for attr, key in FILTER_KEYS.items():
        value = getattr(filters, attr)
        st.session_state[key] = value if isinstance(value, str) else list(value)


def select_gemeente(code: str, *, golf: str | None = None, botoc: bool | None = None) -> None:
    """Select one municipality on every page (a click on the map, a search). A wave or BOTOC
    filter that would leave it out (its ``golf`` and ``botoc``) is cleared."""
    current = filters_from_widgets()
    chosen = current.with_gemeente(code)
    if golf is not None and current.golven and golf not in current.golven:
        chosen = replace(chosen, golven=())
    if botoc is not None and current.botoc != "alle" and (current.botoc == "ja") != botoc:
        chosen = replace(chosen, botoc="alle")
    seed_widgets(chosen)


def clear_filters() -> None:
    seed_widgets(Filters())


def keep_filters_on_language_change() -> None:
    """The labels change with the language: write the selected codes back into the widgets'
    state, so the next run draws them with the new labels and the selection survives."""
    seed_widgets(filters_from_widgets())


def read_url(data: Dataset) -> None:
    """Filters, language and presentation view from the URL, once per session."""
    if FILTERS_KEY in st.session_state:
        return
    params = url_params()
    codes = data.gemeenten.get_column("gemeentecode").to_list()
    filters, lang, ignored = links.from_query(params, gemeentecodes=codes)
    st.session_state[LANG_KEY] = lang
    seed_widgets(filters)
    st.session_state[FILTERS_KEY] = filters
    add_notice(ignored)
    _read_view(params)
    _read_context(params, data)


def _read_view(params: Mapping[str, list[str]]) -> None:
    """``maat``, ``dia``, ``verhaal`` and ``titel``; unusable values are named in the notice."""
    if URL_READ_KEY in st.session_state:
        return
    st.session_state[URL_READ_KEY] = True
    view, ignored = links.parse_view(params)
    st.session_state[VIEW_KEY] = view
    if links.PARAM_METRIC in params and links.PARAM_METRIC not in ignored:
        st.session_state[MAP_KEY] = view.metric
    add_notice(ignored)


def _read_context(params: Mapping[str, list[str]], data: Dataset) -> None:
    """``misdrijf``, ``jaar`` and ``vergelijk`` (the Context page), once per session."""
    if CONTEXT_VIEW_KEY in st.session_state:
        return
    codes = data.context_table("bevolking").get_column("gemeentecode").to_list()
    view, ignored = links.parse_context_view(params, codes if data.has_context else None)
    st.session_state[CONTEXT_VIEW_KEY] = view
    add_notice(ignored)


def current_context_view() -> links.ContextView:
    """The Context page's view: its widgets while they are drawn, else the view they last
    had (or the link's), so the URL of every page keeps it."""
    s = st.session_state
    view: links.ContextView = s.get(CONTEXT_VIEW_KEY) or links.ContextView()
    if CONTEXT_OFFENCE_KEY in s or CONTEXT_YEAR_KEY in s or CONTEXT_NAMED_KEY in s:
        view = links.ContextView(
            s.get(CONTEXT_OFFENCE_KEY, view.soort),
            s.get(CONTEXT_YEAR_KEY, view.jaar),
            tuple(s.get(CONTEXT_NAMED_KEY, view.gemeenten)),
        )
        s[CONTEXT_VIEW_KEY] = view
    return view


def seed_context_widgets(view: links.ContextView) -> None:
    """Give the Context page's widgets the values of ``view`` when they have none (after a
    visit to another page, or from a link); call before drawing them."""
    s = st.session_state
    s.setdefault(CONTEXT_OFFENCE_KEY, view.soort)
    s.setdefault(CONTEXT_YEAR_KEY, view.jaar)
    s.setdefault(CONTEXT_NAMED_KEY, list(view.gemeenten))


def current_view() -> View:
    """The presentation view of this session; follows the measure chosen on the Kaart page."""
    view: View = st.session_state.get(VIEW_KEY) or View()
    chosen = st.session_state.get(MAP_KEY)
    if chosen in metrics.METRICS and chosen != view.metric:
        view = replace(view, metric=chosen)
        st.session_state[VIEW_KEY] = view
    elif MAP_KEY not in st.session_state and view.metric != DEFAULT_METRIC:
        st.session_state[MAP_KEY] = view.metric  # the Kaart page opens on the same measure
    return view


def store_view(view: View) -> None:
    st.session_state[VIEW_KEY] = view


def write_url(query: Mapping[str, str | list[str]]) -> None:
    """Make the URL say ``query`` (only when it differs, so nothing reruns for nothing)."""
    wanted = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    if url_params() != wanted:
        st.query_params.from_dict(query)
