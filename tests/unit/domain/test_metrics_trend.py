"""The execution rate per reporting period, recomputed from the progress rows."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest
from progress import TREND_COLUMNS, expected_trend, selected_interventions
from tinydata import TINY_TABLES

from lib.data.catalog import Dataset
from lib.domain import metrics as m
from lib.domain.filters import Filters

# --- 2. metrics: execution_trend -------------------------------------------------------------

TREND_FILTERS = [
    Filters(),
    Filters(gemeenten=("GM0002",)),
    Filters(gemeenten=("GM0003",)),
    Filters(statussen=("in_uitvoering",)),
    Filters(themas=("gedragsinterventie", "gezin")),
    Filters(botoc="nee"),
    Filters(doelgroepen=("jongeren",)),
    Filters(golven=("golf1_2022",), themas=("jongerenwerk",)),
    Filters(domeinen=("gezin",)),  # narrows factors, never interventions
    Filters(gemeenten=("GM0004",)),  # no interventions at all
]


@pytest.mark.parametrize("filters", TREND_FILTERS)
def test_execution_trend(progress_data: Dataset, filters: Filters) -> None:
    # like every execution rate, the trend ignores the status filter
    unfiltered = replace(filters, statussen=())
    ids = {i["interventie_id"] for i in selected_interventions(TINY_TABLES, unfiltered)}
    trend = m.execution_trend(progress_data, filters)
    assert trend.columns == TREND_COLUMNS
    assert trend.select(TREND_COLUMNS).rows() == expected_trend(ids)
    assert trend.schema["periode"] == pl.String
    assert trend.schema["n"] == pl.Int64
    assert trend.schema["uitgevoerd"] == pl.Int64


def test_execution_trend_of_all_interventions_by_hand(progress_data: Dataset) -> None:
    assert m.execution_trend(progress_data, Filters()).rows() == [
        ("2023-Q4", 4, 1, 1 / 4, False),
        ("2024-Q1", 6, 3, 3 / 6, True),
        ("2024-Q2", 8, 6, 6 / 8, True),
    ]


@pytest.mark.parametrize("filters", [Filters(), Filters(themas=("gezin",), botoc="ja")])
def test_execution_trend_is_empty_without_voortgang(tiny: Dataset, filters: Filters) -> None:
    trend = m.execution_trend(tiny, filters)
    assert trend.height == 0
    assert trend.columns == TREND_COLUMNS
