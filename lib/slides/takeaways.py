"""The two-line takeaways of the slides: sentences computed from the selection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import polars as pl

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import coverage, metrics
from lib.domain.metrics import MIN_RELIABLE, REFERENCE_RATE
from lib.domain.selection import Selection
from lib.text import labels
from lib.text.formats import fmt_int, fmt_pct, join_names
from lib.text.i18n import t

NAMES_SHOWN: Final = 3  # names in a takeaway before "and n more"


def compare_with_reference(rate: float | None, n: int, lang: Lang) -> str:
    """``onder de referentie van 85,5 %`` (or above, equal, or too few to compare)."""
    ref = fmt_pct(REFERENCE_RATE, lang)
    if rate is None or n < MIN_RELIABLE:
        return t("presentation.text.reference.unreliable", lang, ref=ref)
    if abs(rate - REFERENCE_RATE) < 1e-9:
        return t("presentation.text.reference.equal", lang, ref=ref)
    key = (
        "presentation.text.reference.above"
        if rate > REFERENCE_RATE
        else "presentation.text.reference.below"
    )
    return t(key, lang, ref=ref)


def execution_sentence(who: str, done: int, n: int, lang: Lang) -> str:
    """``Lelystad: 7 van 9 interventies uitgevoerd (77,8 %), onder de referentie van 85,5 %.``"""
    rate = done / n if n else None
    pct = fmt_pct(rate, lang) + ("" if n >= MIN_RELIABLE else "*")
    return t(
        "presentation.text.execution",
        lang,
        wie=who,
        uitgevoerd=fmt_int(done, lang),
        n=n,
        pct=pct,
        vergelijking=compare_with_reference(rate, n, lang),
    )


def who(sel: Selection, lang: Lang) -> str:
    if sel.gemeenten.height == 1:
        return str(sel.gemeenten.item(0, "naam"))
    return t("presentation.text.selection", lang)


def name_list(names: Sequence[str], lang: Lang) -> str:
    if len(names) <= NAMES_SHOWN:
        return join_names(list(names), lang)
    shown = ", ".join(names[:NAMES_SHOWN])
    more = fmt_int(len(names) - NAMES_SHOWN, lang)
    return t("presentation.text.names_more", lang, namen=shown, n=more)


def gap_names(sel: Selection, lang: Lang) -> list[str]:
    """The names of the selection's evidence gaps, strongest evidence first."""
    gaps = labels.named_gaps(coverage.gaps(sel), lang, sel.factoren)
    return [str(name) for name in gaps.get_column("factor_naam").to_list()]


def below_reference(sel: Selection) -> list[str]:
    """Municipalities with a reliable execution rate below the reference, lowest first."""
    frame = metrics.execution_by_gemeente(sel)
    below = frame.filter(pl.col("betrouwbaar") & (pl.col("rate") < REFERENCE_RATE - 1e-9))
    return below.sort("rate", "gemeente_naam").get_column("gemeente_naam").to_list()


def next_steps(sel: Selection, data: Dataset, lang: Lang) -> list[str]:
    """What to do next, read from the data: gaps, places below the reference, waiting work."""
    steps: list[str] = []
    gaps = gap_names(sel, lang)
    if gaps:
        steps.append(
            t("presentation.next_steps.gaps", lang, n=len(gaps), namen=name_list(gaps, lang))
        )
    else:
        steps.append(t("presentation.next_steps.no_gaps", lang))
    below = below_reference(sel)
    ref = fmt_pct(REFERENCE_RATE, lang)
    if below:
        names = name_list(below, lang)
        steps.append(t("presentation.next_steps.below", lang, n=len(below), ref=ref, namen=names))
    else:
        steps.append(t("presentation.next_steps.none_below", lang, ref=ref))
    status = sel.interventies.get_column("status")
    waiting = int(status.is_in(["gepland", "niet_uitgevoerd"]).sum())
    if waiting:
        steps.append(
            t(
                "presentation.next_steps.waiting",
                lang,
                n=waiting,
                totaal=fmt_int(sel.interventies.height, lang),
            )
        )
    if sel.illustrative:
        steps.append(t("presentation.next_steps.real_data", lang))
    return steps
