"""Frames shared by the chart tests."""

from __future__ import annotations

import polars as pl
import pytest


@pytest.fixture
def trend_frame() -> pl.DataFrame:
    # out of order on purpose: the chart sorts by period
    return pl.DataFrame(
        {
            "periode": ["2024-Q1", "2023-Q4", "2024-Q2"],
            "n": [6, 4, 8],
            "uitgevoerd": [3, 1, 6],
            "rate": [3 / 6, 1 / 4, 6 / 8],
            "betrouwbaar": [True, False, True],
        }
    )
