"""Streamlit's own floor for ``benchmarks.redraw``: the dashboard's figures and nothing else.

A minimal Streamlit app with the dashboard's pages (same URL paths and titles). For the
choice in its sidebar, a page draws the charts, tables, maps and metrics that the dashboard's
page of that path drew for the same choice (``benchmarks.floor`` took them from the
dashboard's own script runs): the same Vega-Lite specs with the same Arrow datasets, the same
Arrow tables, the same deck.gl JSON and the same metrics, in the same order, those that the
dashboard shows in an expander each in a collapsed expander. It computes nothing: the files
are read once per process. The sidebar has one multiselect with the key, label and options
of the dashboard's theme filter, which the benchmark operates.

    PMG_FLOOR_LAYOUT=DIR/layout.json streamlit run benchmarks/floor_app.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st


class StoredDeck:
    """A deck.gl map as ``st.pydeck_chart`` reads a pydeck ``Deck``: its JSON and tooltip."""

    def __init__(self, text: str, tooltip: str) -> None:
        self.layers: list[Any] = []
        self._text = text
        self._tooltip = json.loads(tooltip) if tooltip else None

    def to_json(self) -> str:
        return self._text


def _arrow(path: Path) -> pa.Table:
    with pa.ipc.open_stream(path.read_bytes()) as reader:
        return reader.read_all()


def _load(folder: Path, element: Mapping[str, Any]) -> dict[str, Any]:
    kind = element["kind"]
    out = dict(element)
    if kind == "chart":
        spec = json.loads((folder / element["spec"]).read_text(encoding="utf-8"))
        if element["datasets"]:
            spec["datasets"] = {
                name: (folder / file).read_bytes() for name, file in element["datasets"].items()
            }
        out["spec"] = spec
    elif kind == "table":
        out["table"] = _arrow(folder / element["arrow"])
    elif kind == "map":
        text = (folder / element["deck"]).read_text(encoding="utf-8")
        out["deck"] = StoredDeck(text, element["tooltip"])
    return out


@st.cache_resource(show_spinner=False)
def layout(path: str) -> dict[str, Any]:
    """The layout with every file read (once per process)."""
    folder = Path(path).parent
    found: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    for page in found["pages"]:
        page["states"] = {
            state: [_load(folder, e) for e in drawn] for state, drawn in page["states"].items()
        }
    return found


def _draw(element: Mapping[str, Any], key: str) -> None:
    kind = element["kind"]
    if kind == "metric":
        st.metric(element["label"], element["value"])
    elif kind == "chart":
        st.vega_lite_chart(dict(element["spec"]), theme=None, width="stretch", key=key)
    elif kind == "table":
        st.dataframe(element["table"], hide_index=True, width="stretch")
    elif element["select"]:  # a map that selects on click, as the Kaart page's
        st.pydeck_chart(
            element["deck"],
            height=element["height"],
            alt=element["alt"] or None,
            key=key,
            on_select="rerun",
            selection_mode="single-object",
        )
    else:
        st.pydeck_chart(
            element["deck"], height=element["height"], alt=element["alt"] or None, key=key
        )


def page_drawer(page: Mapping[str, Any], filter_key: str) -> Callable[[], None]:
    """The function that draws ``page`` for the choice in the sidebar."""

    def draw() -> None:
        choice: list[str] = st.session_state.get(filter_key) or []
        st.title(page["title"])
        for i, element in enumerate(page["states"][choice[0] if choice else ""]):
            if element["hidden"]:
                with st.expander(element["kind"]):
                    _draw(element, f"e{i}")
            else:
                _draw(element, f"e{i}")

    draw.__name__ = f"floor_{page['slug'] or 'overzicht'}"
    return draw


def main() -> None:
    st.set_page_config(page_title="Floor", layout="wide")
    found = layout(os.environ["PMG_FLOOR_LAYOUT"])
    with st.sidebar:
        st.multiselect(found["filter_label"], found["options"], key=found["filter_key"])
    pages = [
        st.Page(
            page_drawer(page, found["filter_key"]),
            title=page["title"],
            url_path=page["slug"] or None,
            default=not page["slug"],
        )
        for page in found["pages"]
    ]
    if all(page["slug"] for page in found["pages"]):  # a home page is needed all the same

        def home() -> None:
            st.title("Floor")

        pages.insert(0, st.Page(home, title="Floor", default=True))
    st.navigation(pages).run()


main()
