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

from lib.contract.resources import CONTEXT_ORDER


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
_CRIME: Final = ("misdrijven", "misdrijfsoorten", "bevolking", "programma")

ROUTES: Final[tuple[Route, ...]] = (
    Route(
        "",
        "pages/overzicht.py",
        "nav.overzicht",
        "overview.title",
        "overview.intro",
        (
            Figure("overzicht_vergelijk", "overview.comparison", (*_SELECTION, "kerncijfers")),
            Figure("overzicht_tijdlijn", "overview.timeline", ("tijdlijn",)),
            Figure(
                "datastatus",
                "overview.data_status",
                (
                    "gemeenten",
                    "themas",
                    "factoren",
                    "interventies",
                    "tijdlijn",
                    "kerncijfers",
                    "lessen",
                    "factor_themas",
                    *CONTEXT_ORDER,
                ),
            ),
        ),
    ),
    Route(
        "kaart",
        "pages/kaart.py",
        "nav.kaart",
        "map.title",
        "map.intro",
        (Figure("kaart", "map.title", (*_SELECTION, "factoren", "bevolking", "programma")),),
    ),
    Route(
        "themas",
        "pages/themas.py",
        "nav.themas",
        "themes.title",
        "themes.intro",
        (
            Figure("themas_per_thema", "themes.by_thema", ("interventies", "themas")),
            Figure("themas_per_gemeente", "themes.by_gemeente", (*_SELECTION, "themas")),
            Figure("themas_doelgroep", "themes.by_target_group", ("interventies",)),
        ),
    ),
    Route(
        "uitvoering",
        "pages/uitvoering.py",
        "nav.uitvoering",
        "execution.title",
        "execution.intro",
        (
            Figure(
                "uitvoering_per_gemeente", "execution.by_gemeente", (*_SELECTION, "kerncijfers")
            ),
            Figure(
                "uitvoering_per_thema",
                "execution.by_thema",
                ("interventies", "themas", "kerncijfers"),
            ),
            Figure("uitvoering_status", "execution.status_by_gemeente", _SELECTION),
            Figure("uitvoering_trend", "execution.trend.title", (*_SELECTION, "voortgang")),
        ),
    ),
    Route(
        "risicofactoren",
        "pages/risicofactoren.py",
        "nav.risicofactoren",
        "risk_factors.title",
        "risk_factors.intro",
        (
            Figure("risico_heatmap", "risk_factors.heatmap", (*_SELECTION, "factoren")),
            Figure("beschermend", "risk_factors.protective", ("interventies", "factoren")),
        ),
    ),
    Route(
        "presentatie", "pages/presentatie.py", "nav.presentatie", "presentation.title.default", ""
    ),
    Route(
        "kenniskaart",
        "pages/kenniskaart.py",
        "nav.kenniskaart",
        "kenniskaart.title",
        "kenniskaart.intro",
        (
            Figure(
                "kenniskaart_domeinen", "kenniskaart.domains.title", ("interventies", "factoren")
            ),
            Figure(
                "kenniskaart_per_gemeente",
                "kenniskaart.by_gemeente.title",
                (*_SELECTION, "factoren"),
            ),
            Figure("kenniskaart_doelgroepen", "kenniskaart.target_groups.title", ("interventies",)),
            Figure("kenniskaart_pijlers", "kenniskaart.pillars.title", (*_SELECTION, "themas")),
            Figure(
                "kenniskaart_leer",
                "kenniskaart.gaps.learn_from",
                (*_SELECTION, "factoren", "factor_themas"),
            ),
        ),
    ),
    Route(
        "context",
        "pages/context.py",
        "nav.context",
        "context.title",
        "context.intro",
        (
            Figure("context_trend", "context.trend.title", _CRIME),
            Figure(
                "context_vergelijkingsgroep", "context.comparison.list", ("bevolking", "programma")
            ),
            Figure("context_kaart", "context.map.title", _CRIME),
            Figure("context_bevolking", "context.population.title", ("bevolking", "programma")),
        ),
    ),
    Route("data", "pages/data.py", "nav.data", "upload.title", "upload.intro"),
    Route("versies", "pages/versies.py", "nav.versies", "versions.title", "versions.intro"),
    Route(
        "toegankelijkheid",
        "pages/toegankelijkheid.py",
        "nav.toegankelijkheid",
        "a11y.title",
        "a11y.intro",
    ),
)

BY_SLUG: Final[dict[str, Route]] = {route.slug: route for route in ROUTES}
FIGURES: Final[dict[str, Figure]] = {fig.key: fig for route in ROUTES for fig in route.figures}
PRESENTATION: Final = BY_SLUG["presentatie"]


def figure(key: str) -> Figure:
    """The registered figure with widget key ``key`` (``KeyError`` for an unknown one)."""
    return FIGURES[key]
