"""The finding of the trend chart in both languages."""

from __future__ import annotations

import polars as pl
import pytest

from lib.data.catalog import Dataset
from lib.domain import metrics as m
from lib.domain.filters import Filters
from lib.text import findings

# --- 4. findings.trend -------------------------------------------------------------------------


def trend_of(rates: list[float], reliable: list[bool]) -> pl.DataFrame:
    periods = ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"][: len(rates)]
    return pl.DataFrame({"periode": periods, "rate": rates, "betrouwbaar": reliable})


@pytest.mark.parametrize(
    ("rates", "reliable", "nl", "en"),
    [
        (
            [0.25, 53 / 62],
            [False, True],
            "De uitvoeringsgraad steeg van 25,0 %* in 2023-Q3 naar 85,5 % in 2023-Q4.",
            "The execution rate rose from 25.0%* in 2023-Q3 to 85.5% in 2023-Q4.",
        ),
        (
            [0.9, 0.1, 0.5],
            [True, True, True],
            "De uitvoeringsgraad daalde van 90,0 % in 2023-Q3 naar 50,0 % in 2024-Q1.",
            "The execution rate fell from 90.0% in 2023-Q3 to 50.0% in 2024-Q1.",
        ),
        (
            [0.5, 0.9, 0.2, 0.504],
            [True, True, True, True],
            "De uitvoeringsgraad bleef gelijk: 50,0 % in 2023-Q3 en 50,4 % in 2024-Q2.",
            "The execution rate stayed the same: 50.0% in 2023-Q3 and 50.4% in 2024-Q2.",
        ),
        (
            [0.5, 0.496],
            [True, False],
            "De uitvoeringsgraad bleef gelijk: 50,0 % in 2023-Q3 en 49,6 %* in 2023-Q4.",
            "The execution rate stayed the same: 50.0% in 2023-Q3 and 49.6%* in 2023-Q4.",
        ),
        (
            [0.5, 0.51],
            [True, True],
            "De uitvoeringsgraad steeg van 50,0 % in 2023-Q3 naar 51,0 % in 2023-Q4.",
            "The execution rate rose from 50.0% in 2023-Q3 to 51.0% in 2023-Q4.",
        ),
        (
            [53 / 62],
            [True],
            "In 2023-Q3 is de uitvoeringsgraad 85,5 %.",
            "In 2023-Q3 the execution rate is 85.5%.",
        ),
        (
            [0.4],
            [False],
            "In 2023-Q3 is de uitvoeringsgraad 40,0 %*.",
            "In 2023-Q3 the execution rate is 40.0%*.",
        ),
    ],
)
def test_trend_finding(rates: list[float], reliable: list[bool], nl: str, en: str) -> None:
    frame = trend_of(rates, reliable)
    assert findings.trend(frame, "nl") == nl
    assert findings.trend(frame, "en") == en


def test_trend_finding_from_the_metric(progress_data: Dataset) -> None:
    frame = m.execution_trend(progress_data, Filters())
    assert findings.trend(frame, "nl") == (
        "De uitvoeringsgraad steeg van 25,0 %* in 2023-Q4 naar 75,0 % in 2024-Q2."
    )
