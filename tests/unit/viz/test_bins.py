"""Classes of the map: stable bounds, the class of a value, and the legend labels."""

from __future__ import annotations

import math

import pytest

from lib.contract.codes import Lang
from lib.viz import palette
from lib.viz.bins import (
    POPULATION_BINS,
    SHARE_BINS,
    Bins,
    count_bins,
    decimal_bins,
    nice_step,
    quantile_bins,
)


@pytest.mark.parametrize(
    ("raw", "step"),
    [(1.0, 1.0), (2.4, 2.0), (4.99, 2.0), (5.0, 5.0), (9.9, 5.0), (10.0, 10.0), (0.09, 0.05)],
)
def test_nice_step(raw: float, step: float) -> None:
    assert nice_step(raw) == pytest.approx(step)


def test_nice_step_needs_a_positive_number() -> None:
    with pytest.raises(ValueError, match="positive"):
        nice_step(0)


def test_count_bins_from_one() -> None:
    bins = count_bins(11, start=1)
    assert bins.lower == (1, 3, 5, 7, 9)
    assert bins.upper is None
    assert bins.labels("nl") == ["1-2", "3-4", "5-6", "7-8", "9 of meer"]
    assert bins.labels("en")[-1] == "9 or more"


def test_count_bins_for_a_small_top_step_by_one() -> None:
    assert count_bins(2, start=1).lower == (1, 2, 3, 4, 5)


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("nl", ["0,00-0,05", "0,05-0,10", "0,10-0,15", "0,15-0,20", "0,20 of meer"]),
        ("en", ["0.00-0.05", "0.05-0.10", "0.10-0.15", "0.15-0.20", "0.20 or more"]),
    ],
)
def test_decimal_bins_show_the_decimals_of_their_step(lang: Lang, labels: list[str]) -> None:
    bins = decimal_bins(0.45)
    assert bins.lower == pytest.approx((0.0, 0.05, 0.1, 0.15, 0.2))
    assert bins.decimals == 2
    assert bins.labels(lang) == labels


def test_decimal_bins_without_values() -> None:
    assert decimal_bins(0).lower == (0, 1, 2, 3, 4)


def test_share_bins_end_at_one_hundred_percent() -> None:
    assert SHARE_BINS.labels("nl") == ["0-20 %", "20-40 %", "40-60 %", "60-80 %", "80-100 %"]
    assert SHARE_BINS.bounds()[-1] == (0.8, 1.0)
    assert SHARE_BINS.index(1.0) == 4
    assert SHARE_BINS.index(0.19999) == 0
    assert SHARE_BINS.index(0.2) == 1


def test_population_bins_are_round_numbers() -> None:
    assert POPULATION_BINS.labels("nl") == [
        "0-49.999",
        "50.000-99.999",
        "100.000-199.999",
        "200.000-499.999",
        "500.000 of meer",
    ]
    assert POPULATION_BINS.index(931_298) == 4
    assert POPULATION_BINS.index(49_999) == 0


def test_a_missing_value_has_no_class() -> None:
    assert SHARE_BINS.index(None) is None
    assert SHARE_BINS.index(math.nan) is None


def test_the_colours_are_the_sequential_palette() -> None:
    assert SHARE_BINS.colours == palette.SEQUENTIAL_HEX


@pytest.mark.parametrize("lower", [(), (0, 1, 2, 3, 4, 5), (0, 2, 1, 3, 4), (0, 1, 1, 2, 3)])
def test_bins_need_up_to_five_increasing_bounds(lower: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="increasing"):
        Bins(lower, None, "count")


def test_fewer_classes_spread_over_the_palette() -> None:
    three = Bins((0, 1, 2), None, "count")
    assert three.colours == (
        palette.SEQUENTIAL_HEX[0],
        palette.SEQUENTIAL_HEX[2],
        palette.SEQUENTIAL_HEX[4],
    )
    assert Bins((0,), None, "count").colours == (palette.SEQUENTIAL_HEX[2],)


def test_quantile_bins_hold_about_a_fifth_each() -> None:
    values: list[float | None] = [float(v) for v in range(100)]
    bins = quantile_bins([*values, None, math.nan])
    assert bins is not None
    assert bins.lower == (0.0, 20.0, 40.0, 60.0, 80.0)
    counts = [sum(bins.index(v) == i for v in values) for i in range(5)]
    assert counts == [20, 20, 20, 20, 20]
    assert bins.labels("nl")[-1] == "80,00 of meer"
    assert bins.labels("en")[0] == "0.00-20.00"


def test_quantile_bins_round_down_and_drop_repeats() -> None:
    bins = quantile_bins([1.239, 1.239, 1.239, 1.239, 5.0])
    assert bins is not None
    assert bins.lower == (1.23, 5.0)
    assert quantile_bins([None]) is None
