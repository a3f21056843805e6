"""Numbers, percentages, amounts, lists and dates in both languages: exact outputs."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from lib.text.formats import (
    UNKNOWN,
    fmt_clock,
    fmt_date,
    fmt_eur,
    fmt_int,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_period,
    join_names,
)

Format = Callable[..., str]

# function, value, keyword options, Dutch, English
CASES: list[tuple[Format, object, dict[str, int], str, str]] = [
    # whole numbers: grouping, halves away from zero, negatives, very large
    (fmt_int, 0, {}, "0", "0"),
    (fmt_int, 931298, {}, "931.298", "931,298"),
    (fmt_int, 1234567, {}, "1.234.567", "1,234,567"),
    (fmt_int, 999.7, {}, "1.000", "1,000"),
    (fmt_int, 2.5, {}, "3", "3"),
    (fmt_int, 3.5, {}, "4", "4"),
    (fmt_int, -2.5, {}, "-3", "-3"),
    (fmt_int, -1234.4, {}, "-1.234", "-1,234"),
    (fmt_int, -0.4, {}, "0", "0"),
    (fmt_int, 1e18, {}, "1.000.000.000.000.000.000", "1,000,000,000,000,000,000"),
    (fmt_int, 12345678901234567890, {}, "12.345.678.901.234.567.890", "12,345,678,901,234,567,890"),
    # decimal numbers
    (fmt_number, 12500.5, {}, "12.500,5", "12,500.5"),
    (fmt_number, 0.25, {}, "0,3", "0.3"),
    (fmt_number, 0.35, {}, "0,4", "0.4"),
    (fmt_number, -0.25, {}, "-0,3", "-0.3"),
    (fmt_number, -0.04, {}, "0,0", "0.0"),
    (fmt_number, 1234.5678, {"decimals": 2}, "1.234,57", "1,234.57"),
    (fmt_number, 1234.5678, {"decimals": 0}, "1.235", "1,235"),
    (fmt_number, 1.005, {"decimals": 2}, "1,01", "1.01"),
    (fmt_number, 2.675, {"decimals": 2}, "2,68", "2.68"),
    (fmt_number, Decimal("12.345"), {"decimals": 2}, "12,35", "12.35"),
    # percentages: a space before % in Dutch only
    (fmt_pct, 53 / 62, {}, "85,5 %", "85.5%"),
    (fmt_pct, 1.0, {}, "100,0 %", "100.0%"),
    (fmt_pct, 0.0, {}, "0,0 %", "0.0%"),
    (fmt_pct, 0.0285, {}, "2,9 %", "2.9%"),
    (fmt_pct, 0.125, {"decimals": 0}, "13 %", "13%"),
    (fmt_pct, 0.8548, {"decimals": 0}, "85 %", "85%"),
    (fmt_pct, -0.125, {"decimals": 0}, "-13 %", "-13%"),
    (fmt_pct, 12.3456, {}, "1.234,6 %", "1,234.6%"),
    # euros: no cents, the CLDR pattern of the language with a normal space
    (fmt_eur, 12500, {}, "€ 12.500", "€12,500"),
    (fmt_eur, 1000.49, {}, "€ 1.000", "€1,000"),
    (fmt_eur, 0.5, {}, "€ 1", "€1"),
    (fmt_eur, -12500.5, {}, "€ -12.501", "-€12,501"),
    (fmt_eur, -0.2, {}, "€ 0", "€0"),
    (fmt_eur, 2.5e9, {}, "€ 2.500.000.000", "€2,500,000,000"),
]

MISSING: list[object] = [None, math.nan, math.inf, -math.inf, Decimal("NaN")]


@pytest.mark.parametrize(
    ("fmt", "value", "options", "nl", "en"),
    CASES,
    ids=[f"{f.__name__}({v!r})" for f, v, *_ in CASES],
)
def test_format(fmt: Format, value: object, options: dict[str, int], nl: str, en: str) -> None:
    assert (fmt(value, "nl", **options), fmt(value, "en", **options)) == (nl, en)


@pytest.mark.parametrize("fmt", [fmt_int, fmt_number, fmt_pct, fmt_eur])
def test_a_missing_value_is_unknown(fmt: Format) -> None:
    assert [fmt(v, "nl") for v in MISSING] == ["onbekend"] * len(MISSING)
    assert [fmt(v, "en") for v in MISSING] == ["unknown"] * len(MISSING)


def test_unknown_words() -> None:
    assert UNKNOWN == {"nl": "onbekend", "en": "unknown"}


def test_halves_round_away_from_zero_where_babel_rounds_to_even() -> None:
    assert [fmt_eur(x + 0.5, "nl") for x in range(4)] == ["€ 1", "€ 2", "€ 3", "€ 4"]
    assert [fmt_int(-x - 0.5, "en") for x in range(4)] == ["-1", "-2", "-3", "-4"]
    assert [fmt_pct(x / 1000, "nl", decimals=0) for x in (5, 15, 25)] == ["1 %", "2 %", "3 %"]


def test_numbers_are_written_as_babel_writes_the_rounded_value() -> None:
    """The marks come from CLDR and the digits from Python: for thousands of values of every
    size and sign, the text equals Babel's ``format_decimal`` of the same rounded value."""
    from babel.numbers import format_decimal

    rng = random.Random(342)
    values = [0.0, -0.0, -0.04, 999.95, -999.95, 1e15, -1e-9, 12500.5]
    values += [rng.uniform(-1e9, 1e9) for _ in range(1000)]
    values += [float(rng.randint(-(10**12), 10**12)) for _ in range(500)]
    values += [rng.random() for _ in range(500)]
    for value in values:
        for decimals in (0, 1, 2):
            exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
            exact = abs(exact) if exact.is_zero() else exact
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            for lang, locale in (("nl", "nl_NL"), ("en", "en_GB")):
                expected = format_decimal(exact, format=pattern, locale=locale)
                assert fmt_number(value, lang, decimals=decimals) == expected, (value, lang)


@pytest.mark.parametrize(
    ("names", "nl", "en"),
    [
        ([], "", ""),
        (["Breda"], "Breda", "Breda"),
        (["Breda", "Delft"], "Breda en Delft", "Breda and Delft"),
        (["Breda", "Delft", "Venlo"], "Breda, Delft en Venlo", "Breda, Delft and Venlo"),
        (("Ede", "Oss", "Epe", "Urk"), "Ede, Oss, Epe en Urk", "Ede, Oss, Epe and Urk"),
    ],
)
def test_join_names(names: list[str], nl: str, en: str) -> None:
    assert (join_names(names, "nl"), join_names(names, "en")) == (nl, en)


DATES = [
    # day, Dutch date, English date
    (date(2026, 11, 28), "28 november 2026", "28 November 2026"),
    (date(2025, 3, 1), "1 maart 2025", "1 March 2025"),
]


@pytest.mark.parametrize(("day", "nl", "en"), DATES)
def test_dates(day: date, nl: str, en: str) -> None:
    assert (fmt_date(day, "nl"), fmt_date(day, "en")) == (nl, en)


PERIODS = [
    # as precise as the source: a year, a month, a day; anything else as it is
    ("2021", "2021", "2021"),
    ("2020-06", "juni 2020", "June 2020"),
    ("2022-03-07", "7 maart 2022", "7 March 2022"),
    ("zomer 2021", "zomer 2021", "zomer 2021"),
]


@pytest.mark.parametrize(("text", "nl", "en"), PERIODS)
def test_periods(text: str, nl: str, en: str) -> None:
    assert (fmt_period(text, "nl"), fmt_period(text, "en")) == (nl, en)


@pytest.mark.parametrize(
    ("moment", "nl", "en"),
    [
        (datetime(2026, 11, 30, 13, 2, tzinfo=UTC), "30 nov 2026 14:02", "30 Nov 2026 14:02"),
        (datetime(2026, 7, 1, 22, 30, tzinfo=UTC), "2 jul 2026 00:30", "2 Jul 2026 00:30"),
        (datetime(2026, 3, 29, 1, 0), "29 mrt 2026 03:00", "29 Mar 2026 03:00"),  # naive = UTC
    ],
)
def test_moments_are_shown_in_the_netherlands(moment: datetime, nl: str, en: str) -> None:
    assert (fmt_moment(moment, "nl"), fmt_moment(moment, "en")) == (nl, en)
    assert fmt_clock(moment, "nl") == nl[-5:]
