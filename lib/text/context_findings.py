"""One-sentence findings of the Context page, computed from the frame each chart shows.

They describe levels in one year and positions in a ranking, never a change over time, and
never a cause: no sentence links a figure to the programme (a test checks every finding for
every offence type against a list of banned phrasings in both languages).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl

from lib.contract.codes import Lang
from lib.text.context import rate, share_points
from lib.text.formats import join_names
from lib.text.i18n import t

TOP_SHARE: Final = 0.2
"""The map finding counts the selected municipalities in the highest fifth of the ranking."""
MAX_NAMES: Final = 5
"""A finding lists at most this many names, then counts the rest."""


def _in(row: Mapping[str, object], lang: Lang) -> str:
    if row["soort_reeks"] == "gemeente":
        return t("context.finding.in_place", lang, gemeente=row["reeks_naam"])
    return t(f"context.finding.in.{row['reeks']}", lang)


def _names(names: Sequence[str], lang: Lang) -> str:
    if len(names) <= MAX_NAMES:
        return join_names(list(names), lang)
    rest = t("context.finding.more", lang, n=len(names) - MAX_NAMES)
    return join_names([*names[:MAX_NAMES], rest], lang)


def _note(rows: Sequence[Mapping[str, object]], lang: Lang) -> str:
    """`` (voorlopige cijfers, met de inwoners van 1 januari 2023)`` or ``""``."""
    parts = []
    if any(r["voorlopig"] for r in rows):
        parts.append(t("context.finding.provisional", lang))
    borrowed = sorted({int(r["bevolking_peiljaar"]) for r in rows if r["geleend"]})  # type: ignore[call-overload]
    if borrowed:
        parts.append(t("context.finding.borrowed", lang, peiljaar=borrowed[0]))
    return f" ({', '.join(parts)})" if parts else ""


def trend(frame: pl.DataFrame, *, jaar: int, soort: str, lang: Lang) -> str:
    """Needs ``with_series_names`` of ``context_figures.trend``: the rate of every series in
    ``jaar``, the first series (the selection) against the others."""
    rows = frame.filter((pl.col("jaar") == jaar) & pl.col("per_1000").is_not_null()).to_dicts()
    if not rows:
        return t("context.finding.no_rate", lang, jaar=jaar, soort=soort)
    lead, others = rows[0], rows[1:]
    params = {
        "jaar": jaar,
        "soort": soort,
        "waarde": rate(lead["per_1000"], lang),
        "waar": _in(lead, lang),
        "noot": _note(rows, lang),
    }
    if not others:
        return t("context.finding.trend_single", lang, **params)
    rest = [f"{rate(r['per_1000'], lang)} {_in(r, lang)}" for r in others]
    return t("context.finding.trend", lang, rest=join_names(rest, lang), **params)


def ranking(frame: pl.DataFrame, *, selection: Sequence[str], soort: str, lang: Lang) -> str:
    """Needs ``named_ranking``: how many selected municipalities are in the highest fifth,
    the highest municipality, and the place of each named one."""
    ranked = frame.filter(pl.col("rang").is_not_null())
    if ranked.is_empty():
        jaar = int(frame.get_column("jaar").max() or 0)  # type: ignore[arg-type]
        return t("context.finding.no_rate", lang, jaar=jaar, soort=soort)
    total = ranked.height
    cutoff = math.ceil(total * TOP_SHARE)
    top = ranked.row(0, named=True)
    chosen = ranked.filter(pl.col("gemeentecode").is_in(list(selection)))
    within = chosen.filter(pl.col("rang") <= cutoff).height
    sentence = t(
        "context.finding.ranking",
        lang,
        n=within,
        totaal=chosen.height,
        jaar=top["jaar"],
        alle=total,
        soort=soort,
        hoogst=top["gemeente_naam"],
        waarde=rate(top["per_1000"], lang),
        noot=_note([top], lang),
    )
    named = ranked.filter(pl.col("genoemd")).sort("rang")
    places = [
        t("context.finding.rank_of", lang, gemeente=r["gemeente_naam"], rang=r["rang"])
        for r in named.iter_rows(named=True)
    ]
    return sentence if not places else f"{sentence[:-1]}; {join_names(places, lang)}."


def ages(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs ``with_series_names`` of ``context_figures.age_groups``: the share aged 15-25 of
    the first series against the others."""
    rows = frame.filter(pl.col("pct_15_25").is_not_null()).to_dicts()
    if not rows:
        return t("context.finding.no_ages", lang)

    def share(row: Mapping[str, object]) -> str:
        decimals = 0 if row["soort_reeks"] == "gemeente" else 1
        return share_points(row["pct_15_25"], lang, decimals=decimals)  # type: ignore[arg-type]

    lead, others = rows[0], rows[1:]
    params = {"jaar": lead["jaar"], "aandeel": share(lead), "waar": _in(lead, lang)}
    if not others:
        return t("context.finding.ages_single", lang, **params)
    rest = [f"{share(r)} {_in(r, lang)}" for r in others]
    return t("context.finding.ages", lang, rest=join_names(rest, lang), **params)


def comparison(group: pl.DataFrame, unmatched: Sequence[str], lang: Lang) -> str:
    """Needs ``named_comparison``: its size, and the selected municipalities (by name) that
    no municipality outside the programme shares a class with."""
    if group.is_empty():
        return t("context.finding.comparison_none", lang)
    sentence = t("context.finding.comparison", lang, n=group.height)
    if not unmatched:
        return sentence
    missing = t(
        "context.finding.comparison_unmatched",
        lang,
        n=len(unmatched),
        namen=_names(unmatched, lang),
    )
    return f"{sentence[:-1]}; {missing}"
