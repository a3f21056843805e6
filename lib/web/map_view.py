"""A map of every municipality of the Netherlands with the controls that make it usable.

Any page can draw a ``lib.viz.choropleth`` deck through here (the Kaart page does; a page of
context figures can colour all 342 municipalities by its own column the same way):

- ``controls``: a "zoom and pan" toggle (off by default: the mouse wheel and a swipe scroll
  the page, not the map) and a button back to the whole country;
- ``search``: "Zoek uw gemeente", a select box with type-ahead over every municipality (also
  ``Den Haag`` and ``Den Bosch``) that zooms the map to it and tells the page which one;
- ``draw``: the deck with hover and click; a click tells the page which municipality, and the
  chart's own selection is cleared at once (Streamlit would fade every other municipality);
- ``legend``: the classes in colour and words, as a list.

Each map keeps its state under its own key prefix, so a page can have more than one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.data.geo import CODE_PROPERTY
from lib.text.formats import fmt_int
from lib.text.i18n import t
from lib.viz import choropleth
from lib.web import layout

Pick = Callable[[str], None]


@dataclass(frozen=True)
class MapState:
    """What the controls of one map say: may it move, how often was the view reset (so the
    browser applies the view again), and the municipality the reader looked for, if any."""

    interactive: bool
    nonce: int
    focus: str | None


def _keys(prefix: str) -> dict[str, str]:
    return {
        name: f"{prefix}_{name}"
        for name in ("zoom", "nonce", "focus", "search", "deck", "message", "reset")
    }


def state(prefix: str) -> MapState:
    keys, session = _keys(prefix), st.session_state
    return MapState(
        bool(session.get(keys["zoom"], False)),
        int(session.get(keys["nonce"], 0)),
        session.get(keys["focus"]),
    )


def _new_view(prefix: str, focus: str | None) -> None:
    keys = _keys(prefix)
    st.session_state[keys["nonce"]] = int(st.session_state.get(keys["nonce"], 0)) + 1
    st.session_state[keys["focus"]] = focus


def _reset(prefix: str) -> None:
    _new_view(prefix, None)
    st.session_state[_keys(prefix)["search"]] = None
    st.session_state.pop(_keys(prefix)["message"], None)


def controls(prefix: str, lang: Lang) -> MapState:
    """The zoom toggle and the reset button; returns the map's state."""
    keys = _keys(prefix)
    st.toggle(
        t("map.zoom.label", lang),
        key=keys["zoom"],
        help=t("map.zoom.help", lang),
        on_change=_new_view,
        args=(prefix, st.session_state.get(keys["focus"])),
    )
    st.button(
        t("map.reset.label", lang),
        key=keys["reset"],
        icon=":material/zoom_out_map:",
        on_click=_reset,
        args=(prefix,),
    )
    return state(prefix)


def _found(prefix: str, index: Mapping[str, str], on_find: Pick) -> None:
    name = st.session_state.get(_keys(prefix)["search"])
    code = index.get(name) if isinstance(name, str) else None
    if code is not None:
        _new_view(prefix, code)
        on_find(code)


def search(
    prefix: str,
    lang: Lang,
    index: Mapping[str, str],
    names: Mapping[str, str],
    on_find: Pick,
) -> None:
    """ "Zoek uw gemeente": every name of ``index`` (name -> code); an alias shows the name it
    stands for (``names``: code -> name). Choosing one zooms the map to it and calls
    ``on_find(code)``."""

    def shown(option: str) -> str:
        official = names.get(index[option], option)
        return option if official == option else f"{option} ({official})"

    st.selectbox(
        t("map.search.label", lang),
        list(index),
        index=None,
        key=_keys(prefix)["search"],
        placeholder=t("map.search.placeholder", lang),
        help=t("map.search.help", lang),
        format_func=shown,
        on_change=_found,
        args=(prefix, index, on_find),
    )


def message_key(prefix: str) -> str:
    """The session key of the message of the map ``prefix``."""
    return _keys(prefix)["message"]


def say(prefix: str, key: str, **params: object) -> None:
    """Remember a message about the last search or click, shown by ``message``."""
    st.session_state[_keys(prefix)["message"]] = (key, params)


def message(prefix: str, lang: Lang) -> None:
    """The message about the last search or click, if any (it stays until the next one)."""
    found = st.session_state.get(_keys(prefix)["message"])
    if found:
        key, params = found
        st.info(t(key, lang, **params), icon=":material/location_on:")


def _clicked(prefix: str, on_pick: Pick) -> None:
    keys = _keys(prefix)
    widget = f"{keys['deck']}_{int(st.session_state.get(keys['deck'], 0))}"
    chosen = (st.session_state.get(widget) or {}).get("selection", {}).get("objects", {})
    picked = chosen.get(choropleth.AREA_LAYER_ID) or []
    # a new widget key next run: the chart forgets the click, so nothing stays faded
    st.session_state[keys["deck"]] = int(st.session_state.get(keys["deck"], 0)) + 1
    if picked:
        code = (picked[0].get("properties") or {}).get(CODE_PROPERTY)
        if isinstance(code, str):
            on_pick(code)


def draw(prefix: str, deck: Any, *, alt: str, on_pick: Pick) -> None:
    """The map: hover for the tooltip, click for ``on_pick(code)``. While the map may not
    move, touches on it scroll the page (the map's own handling would capture them)."""
    keys = _keys(prefix)
    if not state(prefix).interactive:
        layout.style("map_frozen.css")
    with st.container(key=f"{prefix}_box"):
        st.pydeck_chart(
            deck,
            on_select=lambda: _clicked(prefix, on_pick),
            selection_mode="single-object",
            key=f"{keys['deck']}_{int(st.session_state.get(keys['deck'], 0))}",
            height=choropleth.MAP_HEIGHT,
            alt=alt,
        )


def legend(frame: pl.DataFrame, title: str, lang: Lang) -> None:
    """The legend as a list: a colour square, the words of each class and how many
    municipalities are in it (columns ``label``, ``kleur`` and ``aantal``)."""
    items = "".join(
        '<li style="list-style:none;margin:0.1em 0">'
        '<span aria-hidden="true" style="display:inline-block;width:0.95em;height:0.95em;'
        f"background:{html.escape(colour)};border:1px solid #333;margin-right:0.45em;"
        f'vertical-align:-0.1em"></span>{html.escape(label)} '
        f'<span style="color:#595959">({html.escape(fmt_int(count, lang))})</span></li>'
        for label, colour, count in frame.select("label", "kleur", "aantal").iter_rows()
    )
    st.markdown(
        f"**{html.escape(t('map.legend', lang))}: {html.escape(title)}**\n\n"
        f'<ul style="padding-left:0;margin:0">{items}</ul>',
        unsafe_allow_html=True,
    )
