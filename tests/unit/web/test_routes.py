"""The page and figure registry: every page exists, every figure has a real title in both
languages and names only tables of the data contract; a downloaded chart carries that title
and a source line naming every table it is computed from."""

from __future__ import annotations

import altair as alt
import pytest

from lib.config import ROOT
from lib.contract.codes import LANGS, Lang
from lib.contract.schema import TABLES
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.text.i18n import CATALOGUE, t
from lib.web import routes
from lib.web.downloads import Scope, decorate, figure_title

FIGURES = [fig for route in routes.ROUTES for fig in route.figures]


def test_every_route_has_its_page_script_and_a_unique_slug() -> None:
    slugs = [route.slug for route in routes.ROUTES]
    assert len(set(slugs)) == len(slugs)
    assert [r.slug for r in routes.ROUTES if r.default] == [""]
    for route in routes.ROUTES:
        assert (ROOT / route.file).is_file(), route.file
    assert sorted(p.name for p in (ROOT / "pages").glob("*.py")) == sorted(
        route.file.removeprefix("pages/") for route in routes.ROUTES
    )


def test_every_route_names_keys_that_exist_in_both_languages() -> None:
    missing = [
        (route.slug, key, lang)
        for route in routes.ROUTES
        for key in (route.nav, route.title, *([route.intro] if route.intro else []))
        for lang in LANGS
        if key not in CATALOGUE[lang]
    ]
    assert missing == []


def test_figure_keys_are_unique() -> None:
    keys = [fig.key for fig in FIGURES]
    assert len(set(keys)) == len(keys)
    assert routes.figure("kenniskaart_domeinen").title == "kenniskaart.domains.title"
    with pytest.raises(KeyError):
        routes.figure("kenniskaart_onbekend")


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_a_real_title(lang: Lang) -> None:
    bad = []
    for fig in FIGURES:
        title = figure_title(fig.key, lang)
        if fig.title not in CATALOGUE[lang] or title == fig.key or "_" in title:
            bad.append((fig.key, title))
    assert bad == []


def test_every_figure_names_tables_of_the_contract() -> None:
    for fig in FIGURES:
        assert fig.sources, fig.key
        assert set(fig.sources) <= set(TABLES), fig.key


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _exported_texts(chart: alt.TopLevelMixin) -> str:
    """Every text of the exported spec, wrapped lines joined again."""
    return " ".join(" ".join(_strings(chart.to_dict())).split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fig", FIGURES, ids=lambda fig: fig.key)
def test_a_downloaded_chart_carries_its_title_and_every_source_table(
    dataset: Dataset, fig: routes.Figure, lang: Lang
) -> None:
    chart = alt.Chart(alt.InlineData(values=[{"a": 1}])).mark_bar().encode(x="a:Q")
    title = figure_title(fig.key, lang)
    text = _exported_texts(
        decorate(
            Scope(dataset, Filters(), lang),
            chart,
            title=title,
            sources=fig.sources,
            illustrative=True,
        )
    )
    assert title in text
    for table in fig.sources:
        assert t(f"presentation.table.{table}", lang) in text, (fig.key, table)


def test_the_kenniskaart_downloads_are_titled_like_the_page() -> None:
    assert figure_title("kenniskaart_domeinen", "nl") == t("kenniskaart.domains.title", "nl")
    assert figure_title("kenniskaart_pijlers", "en") == t("kenniskaart.pillars.title", "en")
    assert figure_title("kenniskaart_leer", "nl", "Armoede") == (
        f"{t('kenniskaart.gaps.learn_from', 'nl')}: Armoede"
    )
    assert "factoren" in routes.figure("kenniskaart_domeinen").sources
