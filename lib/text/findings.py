"""One-sentence findings in plain language (B1), computed from the chart data.

Each finding doubles as the text alternative of its chart. Functions take the same frame as
the chart and return a sentence in the active language.
"""

from __future__ import annotations

import polars as pl

from lib.contract.codes import Lang
from lib.domain import metrics
from lib.domain.metrics import REFERENCE_RATE, Headline
from lib.text.formats import fmt_int, fmt_number, fmt_pct, join_names
from lib.text.i18n import t

NAMES_SHOWN = 5
"""Names in a finding before "and n more"."""


def _pct(share: float | None, reliable: bool, lang: Lang) -> str:
    text = fmt_pct(share, lang)
    return text if reliable else f"{text}*"


def leaders(frame: pl.DataFrame, value: str, name: str) -> list[str]:
    """The names of the rows that share the highest ``value`` (nulls never lead), in name
    order: one name, or every row of a tie."""
    known = frame.filter(pl.col(value).is_not_null())
    if known.is_empty():
        return []
    top = known.get_column(value).max()
    return sorted(str(v) for v in known.filter(pl.col(value) == top).get_column(name).to_list())


def names(items: list[str], lang: Lang) -> str:
    """``a, b en c`` (at most ``NAMES_SHOWN``, then ``en 3 meer``)."""
    if len(items) <= NAMES_SHOWN:
        return join_names(items, lang)
    shown = ", ".join(items[:NAMES_SHOWN])
    return t("finding.names_more", lang, namen=shown, n=fmt_int(len(items) - NAMES_SHOWN, lang))


def themes(counts: pl.DataFrame, lang: Lang) -> str:
    """Needs theme_counts: thema_naam, n, share (sorted, largest first)."""
    top = counts.row(0, named=True)
    total = int(counts.get_column("n").sum())
    tied = leaders(counts, "n", "thema_naam")
    if len(tied) > 1:
        return t(
            "finding.top_thema_shared",
            lang,
            k=fmt_int(len(tied), lang),
            themas=names([n.lower() for n in tied], lang),
            n=fmt_int(top["n"], lang),
            totaal=fmt_int(total, lang),
            pct=fmt_pct(top["share"], lang, decimals=0),
        )
    return t(
        "finding.top_thema",
        lang,
        thema=top["thema_naam"].lower(),
        n=fmt_int(top["n"], lang),
        totaal=fmt_int(total, lang),
        pct=fmt_pct(top["share"], lang, decimals=0),
    )


def theme_by_gemeente(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs theme_by_gemeente: gemeente_naam, thema_naam, n."""
    top = frame.sort("n", "gemeente_naam", "thema_naam", descending=[True, False, False]).row(
        0, named=True
    )
    pairs = frame.with_columns(
        pl.format("{} ({})", "gemeente_naam", pl.col("thema_naam").str.to_lowercase()).alias("_p")
    )
    tied = leaders(pairs, "n", "_p")
    if len(tied) > 1:
        return t(
            "finding.top_thema_gemeente_shared",
            lang,
            k=fmt_int(len(tied), lang),
            n=fmt_int(top["n"], lang),
            namen=names(tied, lang),
        )
    return t(
        "finding.top_thema_gemeente",
        lang,
        gemeente=top["gemeente_naam"],
        n=fmt_int(top["n"], lang),
        thema=top["thema_naam"].lower(),
    )


def target_groups(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs target_group_counts: doelgroep, doelgroep_naam, n."""
    total = int(frame.get_column("n").sum())
    known = frame.filter(pl.col("doelgroep").is_not_null())
    unknown = int(frame.filter(pl.col("doelgroep").is_null()).get_column("n").sum())
    if known.is_empty():
        return t("finding.no_target_group", lang, n=unknown, totaal=fmt_int(total, lang))
    top = known.sort("n", "doelgroep_volgorde", descending=[True, False]).row(0, named=True)
    tied = leaders(known, "n", "doelgroep_naam")
    sentence = (
        t(
            "finding.top_target_group_shared",
            lang,
            doelgroepen=names([n.lower() for n in tied], lang),
            n=fmt_int(top["n"], lang),
            totaal=fmt_int(total, lang),
        )
        if len(tied) > 1
        else t(
            "finding.top_target_group",
            lang,
            doelgroep=top["doelgroep_naam"].lower(),
            n=fmt_int(top["n"], lang),
            totaal=fmt_int(total, lang),
        )
    )
    if unknown:
        sentence += " " + t("finding.no_target_group", lang, n=unknown, totaal=fmt_int(total, lang))
    return sentence


def execution(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs execution_by_gemeente: gemeente_naam, n, uitgevoerd, rate, betrouwbaar."""
    if frame.height == 1:
        row = frame.row(0, named=True)
        return t(
            "finding.execution.single",
            lang,
            gemeente=row["gemeente_naam"],
            n=int(row["uitgevoerd"]),
            totaal=fmt_int(row["n"], lang),
            pct=_pct(row["rate"], row["betrouwbaar"], lang),
        )
    reliable = frame.filter(pl.col("betrouwbaar"))
    above = reliable.filter(pl.col("rate") >= REFERENCE_RATE).height
    pool = reliable if not reliable.is_empty() else frame
    best = pool.sort("rate", "gemeente_naam", descending=[True, False]).row(0, named=True)
    tied = leaders(pool, "rate", "gemeente_naam")
    if len(tied) > 1:
        return t(
            "finding.execution.reference_shared",
            lang,
            n=above,
            totaal=fmt_int(frame.height, lang),
            ref=fmt_pct(REFERENCE_RATE, lang),
            k=fmt_int(len(tied), lang),
            namen=names(tied, lang),
            pct=_pct(best["rate"], best["betrouwbaar"], lang),
        )
    return t(
        "finding.execution.reference",
        lang,
        n=above,
        totaal=fmt_int(frame.height, lang),
        ref=fmt_pct(REFERENCE_RATE, lang),
        beste=best["gemeente_naam"],
        pct=_pct(best["rate"], best["betrouwbaar"], lang),
    )


def execution_by_theme(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs execution_by_theme: thema_naam, rate, betrouwbaar (sorted by rate)."""
    reliable = frame.filter(pl.col("betrouwbaar"))
    pool = reliable if not reliable.is_empty() else frame
    best = pool.row(0, named=True)
    tied = leaders(pool, "rate", "thema_naam")
    if len(tied) > 1:
        return t(
            "finding.execution.top_thema_shared",
            lang,
            themas=names([n.lower() for n in tied], lang),
            pct=_pct(best["rate"], best["betrouwbaar"], lang),
        )
    return t(
        "finding.execution.top_thema",
        lang,
        thema=best["thema_naam"].lower(),
        pct=_pct(best["rate"], best["betrouwbaar"], lang),
    )


TREND_DIRECTIONS: tuple[str, ...] = ("hoger", "lager", "gelijk")


def trend(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs execution_trend: periode, rate, betrouwbaar (sorted by period)."""
    first, last = frame.row(0, named=True), frame.row(-1, named=True)
    if frame.height == 1:
        return t(
            "finding.trend_one_period",
            lang,
            periode=first["periode"],
            pct=_pct(first["rate"], first["betrouwbaar"], lang),
        )
    change = (last["rate"] or 0.0) - (first["rate"] or 0.0)
    direction = "gelijk" if abs(change) < 0.005 else ("hoger" if change > 0 else "lager")
    return t(
        f"finding.trend.{direction}",
        lang,
        van=first["periode"],
        tot=last["periode"],
        begin=_pct(first["rate"], first["betrouwbaar"], lang),
        eind=_pct(last["rate"], last["betrouwbaar"], lang),
    )


def status(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs status_mix: status, n."""
    total = int(frame.get_column("n").sum())
    waiting = int(
        frame.filter(pl.col("status").is_in(["gepland", "niet_uitgevoerd"])).get_column("n").sum()
    )
    return t("finding.not_started", lang, n=waiting, totaal=fmt_int(total, lang))


def coverage(head: Headline, lang: Lang) -> str:
    return t(
        "finding.coverage",
        lang,
        n=head.gedekt,
        totaal=fmt_int(head.totaal_sterk, lang),
    )


def gaps(frame: pl.DataFrame, lang: Lang) -> str:
    if frame.is_empty():
        return t("risk_factors.no_gaps", lang)
    return t("finding.gaps", lang, n=frame.height)


def protective(frame: pl.DataFrame, lang: Lang) -> str:
    used = frame.filter(pl.col("n_interventies") > 0).height
    return t("finding.protective", lang, n=used, totaal=fmt_int(frame.height, lang))


def timeline(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs timeline: jaar, aantal_gemeenten."""
    counts = frame.filter(pl.col("aantal_gemeenten").is_not_null()).sort("datum")
    first = counts.row(0, named=True)
    last = counts.row(counts.height - 1, named=True)
    return t(
        "finding.timeline",
        lang,
        start=t("count.botoc_gemeenten", lang, n=int(first["aantal_gemeenten"])),
        eind=t("count.gemeenten", lang, n=int(last["aantal_gemeenten"])),
        jaar=last["jaar"],
    )


def comparison(frame: pl.DataFrame, lang: Lang) -> str:
    """Needs compare_with_wave: rate, betrouwbaar (selection first, all last)."""
    first = frame.row(0, named=True)
    last = frame.row(frame.height - 1, named=True)
    return t(
        "finding.comparison",
        lang,
        selectie=_pct(first["rate"], first["betrouwbaar"], lang),
        alle=_pct(last["rate"], last["betrouwbaar"], lang),
    )


def map_metric(frame: pl.DataFrame, value_text: str, lang: Lang) -> str:
    """Needs map_frame with waarde (and n); ``value_text`` is the formatted top value. When no
    value is known, says whether the municipalities have no interventions in the data at all."""
    known = frame.filter(pl.col("waarde").is_not_null())
    if known.is_empty():
        if "n" in frame.columns and not (frame.get_column("n").fill_null(0) > 0).any():
            return t("finding.map_none", lang, n=frame.height)
        return t("finding.map_unknown", lang, n=frame.height)
    tied = leaders(known, "waarde", "gemeente_naam")
    if len(tied) > 1:
        return t(
            "finding.map_shared",
            lang,
            n=frame.height,
            k=fmt_int(len(tied), lang),
            waarde=value_text,
            namen=names(tied, lang),
        )
    return t("finding.map", lang, n=frame.height, hoogst=tied[0], waarde=value_text)


def metric_text(frame: pl.DataFrame, metric: metrics.Metric, lang: Lang) -> str:
    """The highest known value of ``metric`` on the map, formatted for ``map_metric``."""
    known = frame.filter(pl.col("waarde").is_not_null())
    if known.is_empty():
        return t("word.unknown", lang)
    top = float(known.get_column("waarde").max())  # type: ignore[arg-type]
    if metric in ("uitvoeringsgraad", "dekking"):
        return fmt_pct(top, lang, decimals=0)
    if metric == "interventies_per_10000":
        return fmt_number(top, lang, decimals=2)
    return fmt_int(top, lang)
