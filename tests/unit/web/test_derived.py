"""Figures of a selection are computed once per dataset version, filters and name, and shared."""

from __future__ import annotations

import polars as pl

from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.metrics import headline, select
from lib.web import cache


def test_a_figure_is_computed_once_per_version_filters_and_name(dataset: Dataset) -> None:
    calls: list[Filters] = []

    def build(filters: Filters) -> pl.DataFrame:
        calls.append(filters)
        return pl.DataFrame({"n": [len(calls)]})

    default, chosen = Filters(), Filters(themas=("gezag",))
    first = cache.derived(dataset, default, "test-figure", lambda: build(default))
    again = cache.derived(dataset, default, "test-figure", lambda: build(default))
    assert again is first  # one copy for every session
    other = cache.derived(dataset, chosen, "test-figure", lambda: build(chosen))
    named = cache.derived(dataset, default, "test-figure:other", lambda: build(default))
    assert calls == [default, chosen, default]
    assert (first.item(), other.item(), named.item()) == (1, 2, 3)


def test_a_cached_figure_equals_the_figure_computed_again(dataset: Dataset) -> None:
    filters = Filters(statussen=("afgerond",))
    shown = cache.derived(dataset, filters, "headline", lambda: headline(select(dataset, filters)))
    assert shown == headline(select(dataset, filters))
