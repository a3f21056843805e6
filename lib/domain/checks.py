"""The lessons check of the Kenniskaart: six rules from the practice scan and the policy
letter, each with a traffic light and the figures behind it.

The thresholds are the constants below; the words for each rule and light are in
``lib.text.kenniskaart``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

import polars as pl

from lib.domain.selection import Selection

MONITORING_GREEN: Final = 0.8
"""Green when at least 4 in 5 interventions have a monitoring and evaluation plan."""
MONITORING_AMBER: Final = 0.5
"""Amber from half; below half red. Unknown (empty) counts as no plan: a plan nobody recorded
cannot be used to monitor."""
MISSING_AMBER: Final = 0.2
"""Rules that count a shortcoming (no target group, no factor links, overdue plans): green
when no intervention has it, amber up to this share (1 in 5), red above it."""
OVERDUE_YEARS: Final = 1
"""A planned intervention is overdue when its start year lies more than this many years
before the current year (``today.year - startjaar > OVERDUE_YEARS``); a planned intervention
without a start year is not counted."""
MONEY_THEMES: Final[tuple[str, ...]] = ("financien",)
MONEY_FACTORS: Final[tuple[str, ...]] = (
    "geldproblemen_jongere",
    "snel_geld",
    "armoede_schulden_gezin",
)
YOUNG_ADULTS: Final = "jongvolwassenen"

Light = Literal["groen", "oranje", "rood", "onbekend"]
LIGHTS: Final[tuple[Light, ...]] = ("groen", "oranje", "rood", "onbekend")
CHECKS: Final[tuple[str, ...]] = (
    "monitoring",
    "doelgroep",
    "factoren",
    "vertraagd",
    "geld",
    "jongvolwassenen",
)
CHECK_LESSONS: Final[dict[str, str | None]] = {
    "monitoring": "monitoring",
    "doelgroep": "doelgroep",
    "factoren": None,
    "vertraagd": "realistische_doelen",
    "geld": "gezag_en_geld",
    "jongvolwassenen": "volwassen_carriere",
}
"""The lesson (``lessen.les``) each check comes from; None for a check of data quality."""


@dataclass(frozen=True)
class Check:
    """One rule of the lessons check: its light and the figures behind it."""

    code: str
    light: Light
    n: int  # interventions that meet (monitoring, accents) or miss (the others) the rule
    total: int
    share: float | None


def _share(n: int, total: int) -> float | None:
    return n / total if total else None


def _shortfall_light(n: int, total: int) -> Light:
    if total == 0:
        return "onbekend"
    if n == 0:
        return "groen"
    return "oranje" if n / total <= MISSING_AMBER else "rood"


def _presence_light(n: int, total: int) -> Light:
    """An accent of PmG: green when present, amber (attention) when absent."""
    if total == 0:
        return "onbekend"
    return "groen" if n > 0 else "oranje"


def _shortfall(code: str, n: int, total: int) -> Check:
    return Check(code, _shortfall_light(n, total), n, total, _share(n, total))


def _presence(code: str, n: int, total: int) -> Check:
    return Check(code, _presence_light(n, total), n, total, _share(n, total))


def overdue_mask(today: date) -> pl.Expr:
    """Planned interventions whose start year lies more than OVERDUE_YEARS before today."""
    return (
        (pl.col("status") == "gepland")
        & pl.col("startjaar").is_not_null()
        & ((today.year - pl.col("startjaar")) > OVERDUE_YEARS)
    )


def monitoring_check(frame: pl.DataFrame) -> Check:
    """Share of interventions with a monitoring plan; unknown when nobody recorded one."""
    total = frame.height
    plans = int(frame.get_column("monitoringplan").fill_null(False).sum())
    known = int(frame.get_column("monitoringplan").is_not_null().sum())
    share = _share(plans, total)
    light: Light
    if share is None or known == 0:
        light = "onbekend"
    elif share >= MONITORING_GREEN:
        light = "groen"
    elif share >= MONITORING_AMBER:
        light = "oranje"
    else:
        light = "rood"
    return Check("monitoring", light, plans, total, share)


def money_count(frame: pl.DataFrame, links: pl.DataFrame) -> int:
    """Interventions with a money theme or a link to a money factor."""
    money_links = links.filter(pl.col("factor").is_in(MONEY_FACTORS)).get_column("interventie_id")
    return frame.filter(
        pl.col("thema").is_in(MONEY_THEMES) | pl.col("interventie_id").is_in(money_links.implode())
    ).height


def lesson_checks(sel: Selection, *, today: date) -> list[Check]:
    """The six rules, in the order of ``CHECKS``; see the constants for the thresholds."""
    frame = sel.interventies
    total = frame.height
    links = sel.all_links
    linked = links.get_column("interventie_id").unique().implode()
    without_group = int(frame.get_column("doelgroep").is_null().sum())
    without_links = frame.filter(~pl.col("interventie_id").is_in(linked)).height
    overdue = frame.filter(overdue_mask(today)).height
    adults = int((frame.get_column("doelgroep") == YOUNG_ADULTS).fill_null(False).sum())
    return [
        monitoring_check(frame),
        _shortfall("doelgroep", without_group, total),
        _shortfall("factoren", without_links, total),
        _shortfall("vertraagd", overdue, total),
        _presence("geld", money_count(frame, links), total),
        _presence("jongvolwassenen", adults, total),
    ]
