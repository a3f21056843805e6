"""What the floor app of ``benchmarks.redraw`` draws: the dashboard's own charts, tables, maps
and metrics, taken from its script runs.

For every page and every filter state of the benchmark the dashboard runs once in Streamlit's
AppTest; from what the page drew, this keeps each Vega-Lite chart (its spec and the Arrow bytes
of its datasets, as the dashboard hands them to ``st.vega_lite_chart``), each table (its Arrow
bytes), each map (its deck.gl JSON) and each metric (label and value), in the order drawn and
with whether it sits in an expander. ``benchmarks/floor_app.py`` draws exactly these and
nothing else, so the floor shows the user the same figures for the same choice, and the
difference in wait is the dashboard's own work: its computing, and all it draws besides.

    python -m benchmarks.floor --dataset DIR|bundled --out DIR --themes CODE ... [--pages ...]

writes ``DIR/layout.json`` (see ``benchmarks/floor_app.py``) and one file per element and
state, and prints the layout's path.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from benchmarks.pages import APP, _check
from lib.config import BUNDLED_DATA_DIR
from lib.text.i18n import t
from lib.web.legacy import navigation_pages_only
from lib.web.routes import ROUTES
from lib.web.state import FILTER_KEYS

FILTER: Final = "themas"
LANG: Final = "nl"
KINDS: Final = {"vega_lite_chart": "chart", "dataframe": "table", "deck_gl_json_chart": "map"}
MAP_HEIGHT: Final = 560  # as the pages draw their maps
COUNTED: Final = ("chart", "table", "map", "metric")


def elements(node: Any, hidden: bool = False) -> Iterator[tuple[Any, bool]]:
    """The leaf elements of an AppTest tree in the order drawn, each with whether it is inside
    an expander (popovers are left out: they hold buttons)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        kind = getattr(node, "type", None)
        if kind == "popover":
            return
        for child in children.values():
            yield from elements(child, hidden or kind == "expander")
    else:
        yield node, hidden


def counts(drawn: Sequence[Mapping[str, Any]]) -> dict[str, list[int]]:
    """Per kind, ``[shown, in an expander]``."""
    out = {kind: [0, 0] for kind in COUNTED}
    for element in drawn:
        out[element["kind"]][1 if element["hidden"] else 0] += 1
    return out


def _keep(node: Any, hidden: bool, folder: Path, stem: str) -> dict[str, Any] | None:
    """Write what the floor needs of ``node`` under ``folder``; None for another element."""
    kind = getattr(node, "type", None)
    if kind == "metric":
        return {
            "kind": "metric",
            "hidden": hidden,
            "label": node.proto.label,
            "value": node.proto.body,
        }
    if kind not in KINDS:
        return None
    proto = node.proto
    element: dict[str, Any] = {"kind": KINDS[kind], "hidden": hidden}
    if kind == "vega_lite_chart":
        datasets = {}
        for i, dataset in enumerate(proto.datasets):
            path = folder / f"{stem}-{i}.arrow"
            path.write_bytes(dataset.data.data)
            datasets[dataset.name] = path.name
        spec = folder / f"{stem}.json"
        spec.write_text(proto.spec, encoding="utf-8")
        element |= {"spec": spec.name, "datasets": datasets}
    elif kind == "dataframe":
        path = folder / f"{stem}.arrow"
        path.write_bytes(proto.arrow_data.data)
        element["arrow"] = path.name
    else:
        path = folder / f"{stem}.json"
        path.write_text(proto.json, encoding="utf-8")
        element |= {
            "deck": path.name,
            "tooltip": proto.tooltip,
            "alt": proto.alt,
            "select": bool(proto.selection_mode),
            "height": MAP_HEIGHT,
        }
    return element


def drawn(at: Any, folder: Path, stem: str) -> list[dict[str, Any]]:
    """The charts, tables, maps and metrics of the main area of ``at``'s last run."""
    kept = []
    for i, (node, hidden) in enumerate(elements(at._tree.children[0])):
        element = _keep(node, hidden, folder, f"{stem}-{i}")
        if element is not None:
            kept.append(element)
    return kept


def capture(
    dataset: Path | None, out: Path, themes: Sequence[str], pages: Sequence[str]
) -> dict[str, Any]:
    """Run every page of ``pages`` (URL paths) in the default state and with each theme of
    ``themes`` chosen; write what they drew under ``out`` and return the floor's layout.

    The state names are the themes' names in the sidebar (``""``: no theme chosen), as the
    floor's multiselect reports them.
    """
    from streamlit.testing.v1 import AppTest

    folder = dataset if dataset is not None else BUNDLED_DATA_DIR
    os.environ["PMG_DATA_DIR"] = str(folder)
    import polars as pl

    names = dict(pl.read_csv(folder / "themas.csv").select("thema", f"naam_{LANG}").iter_rows())
    routes = {route.slug: route for route in ROUTES}
    key = FILTER_KEYS[FILTER]
    layout: dict[str, Any] = {
        "filter_key": key,
        "filter_label": t("filter.thema", LANG),
        "options": [str(names[code]) for code in names],
        "pages": [],
    }
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as store, navigation_pages_only():
        os.environ["PMG_STORE_DIR"] = store
        for slug in pages:
            route = routes[slug]
            stem = slug or "overzicht"
            at = AppTest.from_file(str(APP), default_timeout=300)
            at.run()
            if not route.default:
                at.switch_page(route.file).run()
            _check(at, stem)
            states: dict[str, list[dict[str, Any]]] = {"": drawn(at, out, f"{stem}-0")}
            for i, code in enumerate(themes, 1):
                at.multiselect(key=key).set_value([code]).run()
                _check(at, stem)
                states[str(names[code])] = drawn(at, out, f"{stem}-{i}")
            layout["pages"].append(
                {
                    "slug": slug,
                    "title": t(route.title, LANG),
                    "counts": counts(states[""]),
                    "states": states,
                }
            )
    return layout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", required=True, help="dataset directory or 'bundled'")
    parser.add_argument("--out", type=Path, required=True, help="folder for the layout")
    parser.add_argument("--themes", nargs="+", required=True, help="theme codes, in order")
    parser.add_argument("--pages", nargs="+", required=True, help="URL paths ('' = overzicht)")
    args = parser.parse_args(argv)
    dataset = None if args.dataset == "bundled" else Path(args.dataset)
    layout = capture(dataset, args.out, args.themes, args.pages)
    path = args.out / "layout.json"
    path.write_text(json.dumps(layout, ensure_ascii=False), encoding="utf-8")
    sys.stdout.write(json.dumps({"layout": str(path)}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
