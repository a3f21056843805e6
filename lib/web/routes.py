"""The pages of the dashboard and the figures on them: the one registry of both.

``app.py`` builds the navigation from ``ROUTES``; the page header, the share link, the chart and
table downloads and the tests and benchmarks all look pages and figures up here. A figure is
a chart or table a user can download: its title (a catalogue key, the same in the page and in
the file) and the tables of the data contract it is computed from (named in the file's source
line). Nothing here draws anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Figure:
    """A downloadable chart or table: widget key, title key and the tables it comes from."""

    key: str
    title: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    """A page: URL path ("" for the home page), script, catalogue keys and its figures."""

    slug: str
    file: str
    nav: str
    title: str
    intro: str
    figures: tuple[Figure, ...] = ()

    @property
    def default(self) -> bool:
        return self.slug == ""


_SELECTION: Final = ("gemeenten", "interventies")

ROUTES: Final[tuple[Route, ...]] = (
    Route(
        "",
        "pages/overzicht.py",
        "nav.overzicht",
        "overzicht.titel",
        "overzicht.intro",
        (
            Figure("overzicht_vergelijk", "overzicht.vergelijk", (*_SELECTION, "kerncijfers")),
            Figure("overzicht_tijdlijn", "overzicht.tijdlijn", ("tijdlijn",)),
            Figure(
                "datastatus",
                "overzicht.datastatus",
                (
                    "gemeenten",
                    "themas",
                    "factoren",
                    "interventies",
                    "tijdlijn",
                    "kerncijfers",
                    "lessen",
                    "factor_themas",
                ),
            ),
        ),
    ),
    Route(
        "kaart",
        "pages/kaart.py",
        "nav.kaart",
        "kaart.titel",
        "kaart.intro",
        (Figure("kaart", "kaart.titel", (*_SELECTION, "factoren")),),
    ),
    Route(
        "themas",
        "pages/themas.py",
        "nav.themas",
        "themas.titel",
        "themas.intro",
        (
            Figure("themas_per_thema", "themas.per_thema", ("interventies", "themas")),
            Figure("themas_per_gemeente", "themas.per_gemeente", (*_SELECTION, "themas")),
            Figure("themas_doelgroep", "themas.doelgroep", ("interventies",)),
        ),
    ),
    Route(
        "uitvoering",
        "pages/uitvoering.py",
        "nav.uitvoering",
        "uitvoering.titel",
        "uitvoering.intro",
        (
            Figure(
                "uitvoering_per_gemeente", "uitvoering.per_gemeente", (*_SELECTION, "kerncijfers")
            ),
            Figure(
                "uitvoering_per_thema",
                "uitvoering.per_thema",
                ("interventies", "themas", "kerncijfers"),
            ),
            Figure("uitvoering_status", "uitvoering.status", _SELECTION),
            Figure("uitvoering_trend", "uitvoering.trend", (*_SELECTION, "voortgang")),
        ),
    ),
    Route(
        "risicofactoren",
        "pages/risicofactoren.py",
        "nav.risicofactoren",
        "risico.titel",
        "risico.intro",
        (
            Figure("risico_heatmap", "risico.heatmap", (*_SELECTION, "factoren")),
            Figure("beschermend", "risico.beschermend", ("interventies", "factoren")),
        ),
    ),
    Route("presentatie", "pages/presentatie.py", "nav.presentatie", "pres.titel.standaard", ""),
    Route(
        "kenniskaart",
        "pages/kenniskaart.py",
        "nav.kenniskaart",
        "kenniskaart.titel",
        "kenniskaart.intro",
        (
            Figure(
                "kenniskaart_domeinen", "kenniskaart.domeinen.kop", ("interventies", "factoren")
            ),
            Figure(
                "kenniskaart_per_gemeente",
                "kenniskaart.per_gemeente.kop",
                (*_SELECTION, "factoren"),
            ),
            Figure("kenniskaart_doelgroepen", "kenniskaart.doelgroepen.kop", ("interventies",)),
            Figure("kenniskaart_pijlers", "kenniskaart.pijlers.kop", (*_SELECTION, "themas")),
            Figure(
                "kenniskaart_leer",
                "kenniskaart.gaten.leer",
                (*_SELECTION, "factoren", "factor_themas"),
            ),
        ),
    ),
    Route("data", "pages/data.py", "nav.data", "data.titel", "data.intro"),
    Route("versies", "pages/versies.py", "nav.versies", "versies.titel", "versies.intro"),
    Route(
        "toegankelijkheid",
        "pages/toegankelijkheid.py",
        "nav.toegankelijkheid",
        "toegank.titel",
        "toegank.intro",
    ),
)

BY_SLUG: Final[dict[str, Route]] = {route.slug: route for route in ROUTES}
BY_TITLE: Final[dict[str, Route]] = {route.title: route for route in ROUTES}
FIGURES: Final[dict[str, Figure]] = {fig.key: fig for route in ROUTES for fig in route.figures}
PRESENTATION: Final = BY_SLUG["presentatie"]


def figure(key: str) -> Figure:
    """The registered figure with widget key ``key`` (``KeyError`` for an unknown one)."""
    return FIGURES[key]
