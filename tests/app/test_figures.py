"""Every chart and table a page offers for download is a registered figure of that page, so
its file takes its title and sources from the registry (never from its widget key)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.web import routes

# figures a page shows only with data the bundled dataset does not have (progress reports)
CONDITIONAL = {"uitvoering_trend"}
DOWNLOAD_ID = re.compile(r"-dl_(?P<key>\w+?)_(?:png|svg|csv|xlsx)$")
WITH_FIGURES = [route for route in routes.ROUTES if route.figures]


def _download_keys(route: routes.Route, query: dict[str, str]) -> set[str]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update(query)
    at.run()
    if not route.default:
        at.switch_page(route.file).run()
    assert not at.exception
    keys = set()
    for button in at.get("download_button"):
        match = DOWNLOAD_ID.search(button.proto.id)
        if match:
            keys.add(match.group("key"))
    return keys


@pytest.mark.parametrize("route", WITH_FIGURES, ids=lambda r: r.slug or "overzicht")
def test_every_download_on_a_page_is_a_registered_figure_of_that_page(
    route: routes.Route,
) -> None:
    query = {"gemeente": ["GM0855", "GM0363"]} if route.slug == "kenniskaart" else {}
    keys = _download_keys(route, query)  # type: ignore[arg-type]
    registered = {fig.key for fig in route.figures}
    widget = {key.split("_leer_")[0] + "_leer" if "_leer_" in key else key for key in keys}
    assert widget == registered - CONDITIONAL
