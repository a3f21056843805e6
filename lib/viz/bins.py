"""Classes of a sequential colour scale: stable bounds, the class of a value, legend labels.

A map's classes must not move when the selection changes, or the same colour would mean
another number on every view: bounds are fixed (shares in steps of 20 %, population in round
numbers) or derived once from every value the map can show (``count_bins``, ``decimal_bins``,
``quantile_bins``), never from what is on screen. Plain Python; no Streamlit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from lib.contract.codes import Lang
from lib.text.formats import fmt_int, fmt_number, fmt_pct
from lib.text.i18n import t
from lib.viz import palette

Unit = Literal["count", "share", "decimal"]


@dataclass(frozen=True)
class Bins:
    """Up to five classes: the lower bound of each, the upper bound of the last (``None``:
    open, "8 or more"), and how the bounds are written."""

    lower: tuple[float, ...]
    upper: float | None
    unit: Unit
    decimals: int = 0

    def __post_init__(self) -> None:
        if not 0 < len(self.lower) <= palette.N_CLASSES or list(self.lower) != sorted(
            set(self.lower)
        ):
            raise ValueError(f"need 1 to {palette.N_CLASSES} increasing lower bounds: {self.lower}")

    def index(self, value: float | None) -> int | None:
        """The class of ``value`` (0 = lowest); ``None`` for a missing value."""
        if value is None or math.isnan(value):
            return None
        return palette.class_of(value, self.lower)

    @property
    def colours(self) -> tuple[str, ...]:
        """The colour of each class: the sequential palette, light to dark (spread over it
        when there are fewer than five classes)."""
        n, last = len(self.lower), palette.N_CLASSES - 1
        if n == 1:
            return (palette.SEQUENTIAL_HEX[last // 2],)
        return tuple(palette.SEQUENTIAL_HEX[round(i * last / (n - 1))] for i in range(n))

    def bounds(self) -> list[tuple[float, float | None]]:
        """(lower, upper) of each class; the upper bound of the last is ``upper``."""
        return list(zip(self.lower, [*self.lower[1:], self.upper], strict=True))

    def labels(self, lang: Lang) -> list[str]:
        """The legend label of each class, e.g. ``1-2`` ... ``9 of meer``, ``0-20 %``,
        ``0,0-0,2``."""
        if self.unit == "share":
            return palette.class_labels(self.lower, lang, share=True)
        if self.unit == "count" and self.upper is None:
            return palette.class_labels(self.lower, lang, share=False)
        texts = [self._number(v, lang) for v in self.lower]
        labels = [f"{a}-{b}" for a, b in itertools.pairwise(texts)]
        if self.upper is None:
            return [*labels, t("legend.at_least", lang, waarde=texts[-1])]
        return [*labels, f"{texts[-1]}-{self._number(self.upper, lang)}"]

    def _number(self, value: float, lang: Lang) -> str:
        if self.unit == "share":
            return fmt_pct(value, lang, decimals=0)
        if self.decimals == 0:
            return fmt_int(value, lang)
        return fmt_number(value, lang, decimals=self.decimals)


SHARE_BINS: Final = Bins(palette.SHARE_BREAKS, 1.0, "share")
POPULATION_BINS: Final = Bins((0, 50_000, 100_000, 200_000, 500_000), None, "count")
"""Municipal populations: under 50,000 ... 500,000 or more, the same for every view."""


def nice_step(raw: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten that is at most ``raw`` (``raw`` > 0)."""
    if raw <= 0:
        raise ValueError("a step must be positive")
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (5, 2, 1) if m * power <= raw * (1 + 1e-9))


def count_bins(top: float, *, start: int = 0) -> Bins:
    """Classes of whole numbers from ``start`` up to ``top``, the last one open: for a top of
    11 from 1 they are 1-2, 3-4, 5-6, 7-8 and 9 or more."""
    step = max(1.0, nice_step(max(top - start, 1) / palette.N_CLASSES))
    return Bins(tuple(start + step * i for i in range(palette.N_CLASSES)), None, "count")


def decimal_bins(top: float) -> Bins:
    """Classes of rates from 0 up to ``top`` in round steps (0,2 or 0,5 or 2 ...), the last
    one open; the labels show as many decimals as the step needs."""
    step = nice_step(top / palette.N_CLASSES) if top > 0 else 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    lower = tuple(round(step * i, decimals) for i in range(palette.N_CLASSES))
    return Bins(lower, None, "decimal", decimals)


def quantile_bins(values: Sequence[float | None], *, decimals: int = 2) -> Bins | None:
    """Classes of about as many values each: the quintiles of the known ``values``, rounded
    down to ``decimals``, without repeats (fewer classes when values repeat); the last one
    open. ``None`` without any known value. The classes follow the values they are made of,
    so make them from every value the map can show, never from a selection."""
    known = sorted(v for v in values if v is not None and not math.isnan(v))
    if not known:
        return None
    factor = 10**decimals
    bounds = [
        math.floor(known[min(len(known) - 1, i * len(known) // palette.N_CLASSES)] * factor)
        / factor
        for i in range(palette.N_CLASSES)
    ]
    return Bins(tuple(dict.fromkeys(bounds)), None, "decimal", decimals)
