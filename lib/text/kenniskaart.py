"""The Kenniskaart in words: the profile of ``lib.domain.kenniskaart`` for a reader.

``build_profile`` computes the figures once, for every language; everything here takes that
``Profile`` and a language and returns what the page and the exports show: the title, the
summary in plain language (B1), one finding per chart, the lessons check in words, the evidence
gaps with their names and explanations, and the profile's frames with names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import polars as pl

from lib.contract.codes import BEWIJS, DOMEINEN, CodeKind, Lang
from lib.domain.checks import (
    MISSING_AMBER,
    MONITORING_AMBER,
    MONITORING_GREEN,
    OVERDUE_YEARS,
    Check,
    Light,
)
from lib.domain.kenniskaart import MULTI_DOMAIN_MIN, Profile, uncovered
from lib.text.formats import fmt_int, fmt_pct, join_names
from lib.text.i18n import t
from lib.text.labels import code_label, group_label, with_names

ICONS: Final[dict[Light, str]] = {
    "groen": "✔",
    "oranje": "⚠",
    "rood": "✖",
    "onbekend": "?",
}
"""The sign of each light, beside its colour and its name."""


def icon(check: Check) -> str:
    return ICONS[check.light]


def title(p: Profile, lang: Lang) -> str:
    """The municipality's name, or 'the whole programme' / 'your selection'."""
    return group_label(p.scope, None, p.place, lang)


def join_list(names: Sequence[str], lang: Lang) -> str:
    """Like ``join_names``, but with semicolons: factor names may contain commas."""
    if len(names) < 2:
        return "".join(names)
    word = " en " if lang == "nl" else " and "
    return "; ".join(names[:-1]) + word + names[-1]


def _lower_names(kind: CodeKind, codes: Sequence[str], lang: Lang) -> list[str]:
    return [code_label(kind, code, lang).lower() for code in codes]


# --------------------------------------------------------------------------- frames


def domains(p: Profile, lang: Lang) -> pl.DataFrame:
    """``domain_profile`` with ``domein_naam``."""
    return with_names(p.domains, lang)


def target_groups(p: Profile, lang: Lang) -> pl.DataFrame:
    """``target_group_profile`` with ``doelgroep_naam``."""
    return with_names(p.target_groups, lang)


def per_place(p: Profile, lang: Lang) -> pl.DataFrame:
    """``domains_per_gemeente`` with the names of the domains reached in ``domeinen``
    (``Individu, Gezin``)."""
    return p.per_place.with_columns(
        pl.col("domeinen")
        .list.eval(pl.element().replace_strict(_domain_names(lang), return_dtype=pl.String))
        .list.join(", ")
    )


def _domain_names(lang: Lang) -> dict[str, str]:
    return {code: code_label("domein", code, lang) for code in DOMEINEN}


def pillars(p: Profile, lang: Lang) -> pl.DataFrame:
    """``pillar_comparison`` with ``groep_naam`` and ``pijler_naam``."""
    return with_names(p.pillars, lang)


def lessons(p: Profile, lang: Lang) -> dict[str, str]:
    """Lesson code -> the lesson in ``lang``."""
    return {code: text[lang] for code, text in p.lessons.items()}


# --------------------------------------------------------------------------- evidence gaps


@dataclass(frozen=True)
class ExampleText:
    place: str
    name: str  # from uploads: plain text
    status: str  # the status's name
    count: int = 1  # interventions of the place with this name


@dataclass(frozen=True)
class GapText:
    """An evidence gap in words."""

    factor: str
    name: str
    evidence: str
    domain: str
    explanation: str
    sources: str
    themes: tuple[str, ...]  # theme names, in the contract's theme order
    reasons: tuple[str, ...]  # why each theme can address it, same order
    examples: tuple[ExampleText, ...]  # carried out first, then municipality, name

    @property
    def places(self) -> tuple[str, ...]:
        """The municipalities to learn from, in the order of ``examples``."""
        return tuple(dict.fromkeys(e.place for e in self.examples))


def gaps(p: Profile, lang: Lang) -> tuple[GapText, ...]:
    """The evidence gaps in ``lang``: strongest evidence first, then by domain and name."""
    ordered = sorted(
        p.gaps, key=lambda g: (BEWIJS.index(g.evidence), DOMEINEN.index(g.domain), g.name[lang])
    )
    return tuple(
        GapText(
            factor=gap.factor,
            name=gap.name[lang],
            evidence=code_label("bewijs", gap.evidence, lang),
            domain=code_label("domein", gap.domain, lang),
            explanation=gap.explanation[lang],
            sources=gap.sources,
            themes=tuple(r.name[lang] for r in gap.remedies),
            reasons=tuple(r.reason[lang] for r in gap.remedies),
            examples=tuple(
                ExampleText(e.place, e.name, code_label("status", e.status, lang), e.count)
                for e in gap.examples
            ),
        )
        for gap in ordered
    )


# --------------------------------------------------------------------------- lessons check


def check_title(check: Check, lang: Lang) -> str:
    return t(f"kenniskaart.check.title.{check.code}", lang)


def check_result(check: Check, lang: Lang) -> str:
    """The outcome in words, with the figures; the light's name comes first."""
    light = t(f"kenniskaart.light.{check.light}", lang)
    if check.total == 0:
        return f"{light}: {t('kenniskaart.check.no_interventies', lang)}"
    text = t(
        f"kenniskaart.check.result.{check.code}",
        lang,
        n=fmt_int(check.n, lang),
        totaal=fmt_int(check.total, lang),
        pct=fmt_pct(check.share, lang, decimals=0),
    )
    return f"{light}: {text}"


def check_rule(check: Check, lang: Lang) -> str:
    """The rule behind the light, with the thresholds."""
    return t(
        f"kenniskaart.check.rule.{check.code}",
        lang,
        groen=fmt_pct(MONITORING_GREEN, lang, decimals=0),
        oranje=fmt_pct(MONITORING_AMBER, lang, decimals=0),
        grens=fmt_pct(MISSING_AMBER, lang, decimals=0),
        n=OVERDUE_YEARS,
    )


# --------------------------------------------------------------------------- summary


def _domains_sentence(name: str, domains: pl.DataFrame, lang: Lang) -> str:
    sentence = t(
        "kenniskaart.summary.domains",
        lang,
        naam=name,
        n=fmt_int(int(domains.get_column("gedekt").sum()), lang),
        totaal=fmt_int(domains.height, lang),
    )
    missing = _lower_names("domein", uncovered(domains, "domein"), lang)
    if missing:
        sentence += t(
            "kenniskaart.summary.domains_missing", lang, domeinen=join_names(missing, lang)
        )
    return sentence + "."


def _ages_sentence(groups: pl.DataFrame, lang: Lang) -> str:
    missing = uncovered(groups.filter(pl.col("leeftijd")), "doelgroep")
    if not missing:
        return t("kenniskaart.summary.ages_all", lang)
    labels = [t(f"kenniskaart.age.{code}", lang) for code in missing]
    return t("kenniskaart.summary.ages_missing", lang, groepen=join_names(labels, lang))


def _pillars_sentence(pillars: pl.DataFrame, lang: Lang) -> str:
    own = pillars.filter(pl.col("groep_volgorde") == 0)
    shares = dict(own.select("pijler", "aandeel").iter_rows())
    return t(
        "kenniskaart.summary.pillars",
        lang,
        perspectief=fmt_pct(shares.get("perspectief"), lang, decimals=0),
        grenzen=fmt_pct(shares.get("grenzen"), lang, decimals=0),
    )


def _gaps_sentence(gap_names: Sequence[str], lang: Lang) -> str:
    if not gap_names:
        return t("kenniskaart.summary.no_gaps", lang)
    names = join_list([name.lower() for name in gap_names], lang)
    return t("kenniskaart.summary.gaps", lang, n=len(gap_names), factoren=names)


def summary_sentences(
    name: str,
    domains: pl.DataFrame,
    groups: pl.DataFrame,
    pillars: pl.DataFrame,
    gap_names: Sequence[str],
    n_interventions: int,
    lang: Lang,
) -> tuple[str, ...]:
    """Short sentences in plain language (B1), from the profile's frames (with codes) and the
    names of the gaps in the order they are shown."""
    if n_interventions == 0:
        return (t("kenniskaart.summary.empty", lang, naam=name),)
    return (
        _domains_sentence(name, domains, lang),
        _ages_sentence(groups, lang),
        _pillars_sentence(pillars, lang),
        _gaps_sentence(gap_names, lang),
    )


def summary(p: Profile, lang: Lang) -> tuple[str, ...]:
    """The summary of the profile in ``lang``."""
    names = [gap.name for gap in gaps(p, lang)]
    return summary_sentences(
        title(p, lang), p.domains, p.target_groups, p.pillars, names, p.n_interventions, lang
    )


# --------------------------------------------------------------------------- findings


def domain_finding(p: Profile, lang: Lang) -> str:
    """One sentence for the domain chart: how many domains, and which are not reached."""
    sentence = t(
        "kenniskaart.domains.finding",
        lang,
        naam=title(p, lang),
        n=fmt_int(p.domains_reached, lang),
        totaal=fmt_int(p.domains_total, lang),
    )
    missing = _lower_names("domein", uncovered(p.domains, "domein"), lang)
    if missing:
        names = join_names(missing, lang)
        return f"{sentence} {t('kenniskaart.domains.missing', lang, domeinen=names)}"
    return f"{sentence} {t('kenniskaart.domains.all', lang)}"


def target_finding(p: Profile, lang: Lang) -> str:
    """One sentence for the target-group chart, naming the groups nothing is aimed at."""
    covered = int(p.target_groups.get_column("gedekt").sum())
    sentence = t(
        "kenniskaart.target_groups.finding",
        lang,
        n=fmt_int(covered, lang),
        totaal=fmt_int(p.target_groups.height, lang),
    )
    missing = _lower_names("doelgroep", uncovered(p.target_groups, "doelgroep"), lang)
    if missing:
        groups = join_names(missing, lang)
        return f"{sentence} {t('kenniskaart.target_groups.missing', lang, groepen=groups)}"
    return f"{sentence} {t('kenniskaart.target_groups.all', lang)}"


def per_place_finding(p: Profile, lang: Lang) -> str:
    """How many of the municipalities reach several domains at once."""
    return t(
        "kenniskaart.by_gemeente.finding",
        lang,
        n=int(p.per_place.get_column("meerdere").sum()),
        totaal=fmt_int(p.per_place.height, lang),
        min=MULTI_DOMAIN_MIN,
    )


def pillar_finding(p: Profile, lang: Lang) -> str:
    """The selection's pillar shares, compared with the last group (all municipalities)."""
    if p.n_interventions == 0:
        return t("kenniskaart.pillars.none", lang)
    frame = pillars(p, lang)

    def shares(order: int) -> dict[str, str]:
        rows = frame.filter(pl.col("groep_volgorde") == order)
        return {
            r["pijler"]: fmt_pct(r["aandeel"], lang, decimals=0) for r in rows.iter_rows(named=True)
        }

    own = shares(0)
    last = int(frame.get_column("groep_volgorde").max())  # type: ignore[arg-type]
    if last == 0:
        return t(
            "kenniskaart.pillars.finding_no_reference",
            lang,
            naam=title(p, lang),
            perspectief=own["perspectief"],
            grenzen=own["grenzen"],
            verbindend=own["verbindend"],
        )
    ref = shares(last)
    group = str(frame.filter(pl.col("groep_volgorde") == last).item(0, "groep_naam"))
    return t(
        "kenniskaart.pillars.finding",
        lang,
        naam=title(p, lang),
        perspectief=own["perspectief"],
        grenzen=own["grenzen"],
        groep=group.lower() if lang == "nl" else group,
        perspectief_ref=ref["perspectief"],
        grenzen_ref=ref["grenzen"],
    )
