"""Kenniskaart: the rules behind the knowledge map of one municipality or a selection.

Pure Polars; no Streamlit. Every rule takes frames (a ``Selection`` or the dataset)
and returns a frame or a small value; ``build_profile`` gathers them into one ``Profile``
that the page and the exports (``lib.profile_export``) show in the same way.

Definitions
-----------
- **Life domains reached.** An intervention reaches the life domain (``factoren.domein``) of
  every factor it lists in ``factoren``, risk and protective factors alike, whatever its
  status (as coverage in ``lib.domain.coverage``). An intervention without factor links reaches no
  domain. A municipality (or selection) reaches a domain when at least one of its
  interventions does. The domains that can be reached are those of the factor universe after
  the factor-domain filter, in the contract's order.
- **Several domains at once.** A municipality works on several domains when it reaches at
  least ``MULTI_DOMAIN_MIN`` of them (the knowledge synthesis: interventions work better when
  they address several life domains at once).
- **Target groups across ages 8-27.** ``doelgroep`` is an age band (``AGE_GROUPS``: kinderen
  8-11, jongeren 12-17, jongvolwassenen 18-27) or a group around the young people
  (``OTHER_GROUPS``: ouders, professionals, wijk). A group is covered when at least one
  intervention names it; interventions without a target group are counted apart.
- **Pillars.** ``themas.pijler`` puts each theme in a pillar of Preventie met gezag:
  perspectief, grenzen or verbindend. Shares are counted over all interventions (one whose
  theme has no row in ``themas`` counts in the total, in no pillar). The selection is
  compared with its wave(s) and all municipalities, with the same intervention filters.
- **Evidence gaps** are ``coverage.gaps``; ``factor_themas`` names the themes that can address
  each gap, and "learn from" lists every intervention (any status, no intervention filters)
  of municipalities outside the selection that lists the factor, carried-out ones first.
- **Lessons check.** Six rules from the practice scan and the policy letter, each with a
  traffic light; the thresholds are the constants below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final, Literal

import polars as pl

from lib.contract.codes import DOELGROEPEN, DOMEINEN, PIJLERS, UITGEVOERD, CodeKind, Lang
from lib.data.catalog import Dataset
from lib.domain import coverage
from lib.domain.filters import Filters
from lib.domain.selection import Selection, select
from lib.text.formats import fmt_int, fmt_pct, join_names
from lib.text.i18n import t
from lib.text.labels import code_label, named_gaps

AGE_GROUPS: Final[tuple[str, ...]] = ("kinderen", "jongeren", "jongvolwassenen")
OTHER_GROUPS: Final[tuple[str, ...]] = ("ouders", "professionals", "wijk")
assert set(AGE_GROUPS) | set(OTHER_GROUPS) == set(DOELGROEPEN)

MULTI_DOMAIN_MIN: Final = 3
"""A municipality reaching at least this many life domains works on 'several domains'."""

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
LEARN_FROM_MAX: Final = 3
"""Municipalities per gap in the one-page profile (the page lists them all)."""

Light = Literal["groen", "oranje", "rood", "onbekend"]
LIGHTS: Final[tuple[Light, ...]] = ("groen", "oranje", "rood", "onbekend")
LIGHT_ICONS: Final[dict[Light, str]] = {
    "groen": "✔",
    "oranje": "⚠",
    "rood": "✖",
    "onbekend": "?",
}
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


# --------------------------------------------------------------------------- life domains


def _ordered(codes: Sequence[str], kind: CodeKind, lang: Lang) -> pl.DataFrame:
    return pl.DataFrame(
        {
            kind: list(codes),
            f"{kind}_naam": [code_label(kind, c, lang) for c in codes],
            f"{kind}_volgorde": list(range(len(codes))),
        },
        schema={kind: pl.String, f"{kind}_naam": pl.String, f"{kind}_volgorde": pl.Int64},
    )


def domain_universe(factoren: pl.DataFrame) -> tuple[str, ...]:
    """The life domains that can be reached: those of the factors, in the contract's order."""
    present = set(factoren.get_column("domein").to_list())
    return tuple(d for d in DOMEINEN if d in present)


def intervention_domains(links: pl.DataFrame, factoren: pl.DataFrame) -> pl.DataFrame:
    """interventie_id, gemeentecode, domein: one row per intervention and domain it reaches."""
    return (
        links.join(factoren.select("factor", "domein"), on="factor", how="inner")
        .select("interventie_id", "gemeentecode", "domein")
        .unique(maintain_order=True)
    )


def domain_profile(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Every reachable domain: domein, domein_naam, domein_volgorde, n (interventions that
    reach it), gedekt (n > 0)."""
    counts = (
        sel.links.join(sel.factoren.select("factor", "domein"), on="factor", how="inner")
        .group_by("domein")
        .agg(pl.col("interventie_id").n_unique().cast(pl.Int64).alias("n"))
    )
    return (
        _ordered(domain_universe(sel.factoren), "domein", lang)
        .join(counts, on="domein", how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns((pl.col("n") > 0).alias("gedekt"))
        .sort("domein_volgorde")
    )


def domains_per_gemeente(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Every selected municipality: gemeentecode, gemeente_naam, n (interventions), n_domeinen,
    totaal, meerdere (n_domeinen >= MULTI_DOMAIN_MIN), domeinen (names reached, in order)."""
    universe = domain_universe(sel.factoren)
    names = _ordered(universe, "domein", lang)
    reached = (
        sel.links.join(sel.factoren.select("factor", "domein"), on="factor", how="inner")
        .select("gemeentecode", "domein")
        .unique()
        .join(names, on="domein", how="inner")
        .sort("domein_volgorde")
        .group_by("gemeentecode", maintain_order=True)
        .agg(
            pl.len().cast(pl.Int64).alias("n_domeinen"),
            pl.col("domein_naam").str.join(", ").alias("domeinen"),
        )
    )
    counts = sel.interventies.group_by("gemeentecode").agg(pl.len().cast(pl.Int64).alias("n"))
    return (
        sel.gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam"))
        .join(counts, on="gemeentecode", how="left")
        .join(reached, on="gemeentecode", how="left")
        .with_columns(
            pl.col("n", "n_domeinen").fill_null(0),
            pl.col("domeinen").fill_null(""),
            pl.lit(len(universe), pl.Int64).alias("totaal"),
        )
        .with_columns((pl.col("n_domeinen") >= MULTI_DOMAIN_MIN).alias("meerdere"))
        .select(
            "gemeentecode", "gemeente_naam", "n", "n_domeinen", "totaal", "meerdere", "domeinen"
        )
        .sort("n_domeinen", "gemeente_naam", descending=[True, False])
    )


# --------------------------------------------------------------------------- target groups


def target_group_profile(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Every target group of the contract: doelgroep, doelgroep_naam, doelgroep_volgorde,
    leeftijd (an age band 8-27), n, gedekt (n > 0). Interventions without one are left out."""
    counts = (
        sel.interventies.filter(pl.col("doelgroep").is_not_null())
        .group_by("doelgroep")
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    return (
        _ordered(DOELGROEPEN, "doelgroep", lang)
        .join(counts, on="doelgroep", how="left")
        .with_columns(
            pl.col("n").fill_null(0),
            pl.col("doelgroep").is_in(AGE_GROUPS).alias("leeftijd"),
        )
        .with_columns((pl.col("n") > 0).alias("gedekt"))
        .sort("doelgroep_volgorde")
    )


def uncovered(frame: pl.DataFrame, code: str) -> list[str]:
    """The codes of the rows of a profile frame (with ``gedekt``) that nothing covers."""
    return frame.filter(~pl.col("gedekt")).get_column(code).to_list()


# --------------------------------------------------------------------------- pillars


def pillar_shares(interventies: pl.DataFrame, themas: pl.DataFrame) -> pl.DataFrame:
    """pijler, n, totaal, aandeel (null without interventions): every pillar, in order."""
    total = interventies.height
    counts = (
        interventies.join(themas.select("thema", "pijler"), on="thema", how="left")
        .group_by("pijler")
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    order = pl.DataFrame(
        {"pijler": list(PIJLERS), "pijler_volgorde": list(range(len(PIJLERS)))},
        schema={"pijler": pl.String, "pijler_volgorde": pl.Int64},
    )
    return (
        order.join(counts, on="pijler", how="left")
        .with_columns(pl.col("n").fill_null(0), pl.lit(total, pl.Int64).alias("totaal"))
        .with_columns((pl.col("n") / total if total else pl.lit(None, pl.Float64)).alias("aandeel"))
        .sort("pijler_volgorde")
        .drop("pijler_volgorde")
    )


def scope_label(sel: Selection, filters: Filters, lang: Lang) -> str:
    """The municipality's name when one is selected, else 'the whole programme' or 'your
    selection'."""
    if len(filters.gemeenten) == 1 and sel.gemeenten.height == 1:
        return str(sel.gemeenten.item(0, "naam"))
    if filters.is_default:
        return t("kenniskaart.whole_programme", lang)
    return t("comparison.selection", lang)


def pillar_comparison(data: Dataset, filters: Filters, lang: Lang) -> pl.DataFrame:
    """Pillar shares of the selection, of its wave(s) and of the whole programme.

    As in ``metrics.compare_with_wave``, the intervention filters (theme, status, target
    group) apply to every row, so like is compared with like. Columns: groep, groep_volgorde,
    pijler, pijler_naam, pijler_volgorde, n, totaal, aandeel.
    """
    sel = select(data, filters)
    base = Filters(
        themas=filters.themas, statussen=filters.statussen, doelgroepen=filters.doelgroepen
    )
    groups: list[tuple[str, pl.DataFrame]] = [(scope_label(sel, filters, lang), sel.interventies)]
    if not filters.is_default:
        for wave in sorted(sel.gemeenten.get_column("golf").unique().to_list()):
            wave_sel = select(data, replace(base, golven=(wave,)))
            label = t("comparison.wave", lang, golf=code_label("golf", wave, lang))
            groups.append((label, wave_sel.interventies))
        groups.append((t("comparison.all", lang), select(data, base).interventies))
    frames = [
        pillar_shares(frame, data.themas).with_columns(
            pl.lit(label).alias("groep"), pl.lit(i, pl.Int64).alias("groep_volgorde")
        )
        for i, (label, frame) in enumerate(groups)
    ]
    return (
        pl.concat(frames)
        .join(_ordered(PIJLERS, "pijler", lang), on="pijler", how="left")
        .select(
            "groep",
            "groep_volgorde",
            "pijler",
            "pijler_naam",
            "pijler_volgorde",
            "n",
            "totaal",
            "aandeel",
        )
        .sort("groep_volgorde", "pijler_volgorde")
    )


# --------------------------------------------------------------------------- evidence gaps


def themes_for_factors(data: Dataset, lang: Lang) -> pl.DataFrame:
    """factor, thema, thema_naam, toelichting, bron: the curated factor -> theme mapping."""
    names = data.themas.select("thema", pl.col(f"naam_{lang}").alias("thema_naam"))
    return (
        data.factor_themas.join(names, on="thema", how="left")
        .with_columns(pl.coalesce("thema_naam", "thema").alias("thema_naam"))
        .select(
            "factor",
            "thema",
            "thema_naam",
            pl.col(f"toelichting_{lang}").alias("toelichting"),
            "bron",
        )
    )


def learn_from(data: Dataset, sel: Selection, factors: Sequence[str]) -> pl.DataFrame:
    """Interventions of municipalities outside the selection that list one of ``factors``.

    Columns: factor, gemeentecode, gemeente_naam, interventie_id, naam, status. All their
    interventions count (the sidebar's intervention filters do not apply): the point is to
    find someone to ask. Sorted by factor, municipality and intervention.
    """
    inside = sel.gemeenten.get_column("gemeentecode").implode()
    outside = data.interventies.filter(~pl.col("gemeentecode").is_in(inside))
    names = data.gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam"))
    return (
        data.links.filter(
            ~pl.col("gemeentecode").is_in(inside) & pl.col("factor").is_in(list(factors))
        )
        .join(outside.select("interventie_id", "naam", "status"), on="interventie_id")
        .join(names, on="gemeentecode", how="left")
        .select("factor", "gemeentecode", "gemeente_naam", "interventie_id", "naam", "status")
        .sort("factor", "gemeente_naam", "interventie_id")
    )


@dataclass(frozen=True)
class Example:
    """One intervention elsewhere that covers a gap (``naam`` comes from uploads: plain text)."""

    gemeente: str
    naam: str
    status: str


@dataclass(frozen=True)
class Gap:
    factor: str
    naam: str
    bewijs: str
    domein: str
    uitleg: str
    bronnen: str
    themas: tuple[str, ...]  # theme names, in the contract's theme order
    toelichtingen: tuple[str, ...]  # why each theme can address it, same order
    voorbeelden: tuple[Example, ...]  # sorted: carried out first, then municipality, name

    @property
    def gemeenten(self) -> tuple[str, ...]:
        """The municipalities to learn from, in the order of ``voorbeelden``."""
        return tuple(dict.fromkeys(e.gemeente for e in self.voorbeelden))


def gap_details(data: Dataset, sel: Selection, lang: Lang) -> list[Gap]:
    """``coverage.gaps`` with the themes that can address each gap and where to learn from."""
    gaps = named_gaps(coverage.gaps(sel), lang, sel.factoren)
    mapping = themes_for_factors(data, lang)
    order = {code: i for i, code in enumerate(data.themas.get_column("thema").to_list())}
    examples = learn_from(data, sel, gaps.get_column("factor").to_list())
    done = set(UITGEVOERD)
    out: list[Gap] = []
    for row in gaps.iter_rows(named=True):
        themes = sorted(
            mapping.filter(pl.col("factor") == row["factor"]).iter_rows(named=True),
            key=lambda r: order.get(r["thema"], len(order)),
        )
        found = sorted(
            examples.filter(pl.col("factor") == row["factor"]).iter_rows(named=True),
            key=lambda r: (r["status"] not in done, r["gemeente_naam"], r["naam"]),
        )
        out.append(
            Gap(
                factor=row["factor"],
                naam=row["factor_naam"],
                bewijs=row["bewijs_naam"],
                domein=row["domein_naam"],
                uitleg=row["uitleg"],
                bronnen=row["bronnen"],
                themas=tuple(r["thema_naam"] for r in themes),
                toelichtingen=tuple(r["toelichting"] for r in themes),
                voorbeelden=tuple(
                    Example(r["gemeente_naam"], r["naam"], code_label("status", r["status"], lang))
                    for r in found
                ),
            )
        )
    return out


# --------------------------------------------------------------------------- lessons check


@dataclass(frozen=True)
class Check:
    """One rule of the lessons check: its light and the figures behind it."""

    code: str
    light: Light
    n: int  # interventions that meet (monitoring, accents) or miss (the others) the rule
    totaal: int
    aandeel: float | None

    @property
    def icon(self) -> str:
        return LIGHT_ICONS[self.light]


def _share(n: int, total: int) -> float | None:
    return n / total if total else None


def _shortfall_light(n: int, total: int) -> Light:
    if total == 0:
        return "onbekend"
    if n == 0:
        return "groen"
    return "oranje" if n / total <= MISSING_AMBER else "rood"


def overdue_mask(today: date) -> pl.Expr:
    """Planned interventions whose start year lies more than OVERDUE_YEARS before today."""
    return (
        (pl.col("status") == "gepland")
        & pl.col("startjaar").is_not_null()
        & ((today.year - pl.col("startjaar")) > OVERDUE_YEARS)
    )


def lesson_checks(sel: Selection, *, today: date) -> list[Check]:
    """The six rules, in the order of ``CHECKS``; see the constants for the thresholds."""
    frame = sel.interventies
    total = frame.height
    checks: list[Check] = []

    plans = int(frame.get_column("monitoringplan").fill_null(False).sum())
    known = int(frame.get_column("monitoringplan").is_not_null().sum())
    share = _share(plans, total)
    if total == 0 or known == 0:
        light: Light = "onbekend"
    elif share is not None and share >= MONITORING_GREEN:
        light = "groen"
    elif share is not None and share >= MONITORING_AMBER:
        light = "oranje"
    else:
        light = "rood"
    checks.append(Check("monitoring", light, plans, total, share))

    without_group = int(frame.get_column("doelgroep").is_null().sum())
    checks.append(
        Check(
            "doelgroep",
            _shortfall_light(without_group, total),
            without_group,
            total,
            _share(without_group, total),
        )
    )

    links = sel.all_links
    linked = links.get_column("interventie_id").unique().implode()
    without_links = frame.filter(~pl.col("interventie_id").is_in(linked)).height
    checks.append(
        Check(
            "factoren",
            _shortfall_light(without_links, total),
            without_links,
            total,
            _share(without_links, total),
        )
    )

    overdue = frame.filter(overdue_mask(today)).height
    checks.append(
        Check("vertraagd", _shortfall_light(overdue, total), overdue, total, _share(overdue, total))
    )

    money_links = links.filter(pl.col("factor").is_in(MONEY_FACTORS)).get_column("interventie_id")
    money = frame.filter(
        pl.col("thema").is_in(MONEY_THEMES) | pl.col("interventie_id").is_in(money_links.implode())
    ).height
    checks.append(Check("geld", _presence_light(money, total), money, total, _share(money, total)))

    adults = int((frame.get_column("doelgroep") == YOUNG_ADULTS).fill_null(False).sum())
    checks.append(
        Check(
            "jongvolwassenen",
            _presence_light(adults, total),
            adults,
            total,
            _share(adults, total),
        )
    )
    return checks


def _presence_light(n: int, total: int) -> Light:
    """An accent of PmG: green when present, amber (attention) when absent."""
    if total == 0:
        return "onbekend"
    return "groen" if n > 0 else "oranje"


def check_title(check: Check, lang: Lang) -> str:
    return t(f"kenniskaart.check.title.{check.code}", lang)


def check_result(check: Check, lang: Lang) -> str:
    """The outcome in words, with the figures; the light's name comes first."""
    light = t(f"kenniskaart.light.{check.light}", lang)
    if check.totaal == 0:
        return f"{light}: {t('kenniskaart.check.no_interventies', lang)}"
    text = t(
        f"kenniskaart.check.result.{check.code}",
        lang,
        n=fmt_int(check.n, lang),
        totaal=fmt_int(check.totaal, lang),
        pct=fmt_pct(check.aandeel, lang, decimals=0),
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


# --------------------------------------------------------------------------- the profile


@dataclass(frozen=True)
class Profile:
    """Everything the Kenniskaart shows, computed once for the page and the exports."""

    lang: Lang
    titel: str  # municipality name, or 'the whole programme' / 'your selection'
    gemeentecodes: tuple[str, ...]
    een_gemeente: bool
    datum: str  # date the profile was made (ISO)
    versie: str  # data version
    versie_datum: str
    illustratief: bool
    n_interventies: int
    samenvatting: tuple[str, ...]
    domeinen: pl.DataFrame  # domain_profile
    per_gemeente: pl.DataFrame  # domains_per_gemeente
    doelgroepen: pl.DataFrame  # target_group_profile
    zonder_doelgroep: int
    pijlers: pl.DataFrame  # pillar_comparison
    gaten: tuple[Gap, ...]
    checks: tuple[Check, ...]
    lessen: dict[str, str] = field(default_factory=dict)  # lesson code -> text
    bronnen: tuple[tuple[str, str | None], ...] = ()  # (title, url or None)

    @property
    def domeinen_bereikt(self) -> int:
        return int(self.domeinen.get_column("gedekt").sum())

    @property
    def domeinen_totaal(self) -> int:
        return self.domeinen.height


def join_list(names: Sequence[str], lang: Lang) -> str:
    """Like ``join_names``, but with semicolons: factor names may contain commas."""
    if len(names) < 2:
        return "".join(names)
    word = " en " if lang == "nl" else " and "
    return "; ".join(names[:-1]) + word + names[-1]


def _names(frame: pl.DataFrame, codes: list[str], kind: str) -> list[str]:
    lookup = dict(frame.select(kind, f"{kind}_naam").iter_rows())
    return [str(lookup[c]).lower() for c in codes]


def summary(
    titel: str,
    domeinen: pl.DataFrame,
    doelgroepen: pl.DataFrame,
    pijlers: pl.DataFrame,
    gaten: Sequence[Gap],
    n_interventies: int,
    lang: Lang,
) -> tuple[str, ...]:
    """Short sentences in plain language (B1), computed from the profile's frames."""
    if n_interventies == 0:
        return (t("kenniskaart.summary.empty", lang, naam=titel),)
    reached = int(domeinen.get_column("gedekt").sum())
    missing_domains = _names(domeinen, uncovered(domeinen, "domein"), "domein")
    sentence = t(
        "kenniskaart.summary.domains",
        lang,
        naam=titel,
        n=fmt_int(reached, lang),
        totaal=fmt_int(domeinen.height, lang),
    )
    if missing_domains:
        sentence += t(
            "kenniskaart.summary.domains_missing",
            lang,
            domeinen=join_names(missing_domains, lang),
        )
    out = [sentence + "."]
    ages = doelgroepen.filter(pl.col("leeftijd"))
    missing_ages = uncovered(ages, "doelgroep")
    if missing_ages:
        labels = [t(f"kenniskaart.age.{c}", lang) for c in missing_ages]
        out.append(t("kenniskaart.summary.ages_missing", lang, groepen=join_names(labels, lang)))
    else:
        out.append(t("kenniskaart.summary.ages_all", lang))
    own = pijlers.filter(pl.col("groep_volgorde") == 0)
    shares = dict(own.select("pijler", "aandeel").iter_rows())
    out.append(
        t(
            "kenniskaart.summary.pillars",
            lang,
            perspectief=fmt_pct(shares.get("perspectief"), lang, decimals=0),
            grenzen=fmt_pct(shares.get("grenzen"), lang, decimals=0),
        )
    )
    if not gaten:
        out.append(t("kenniskaart.summary.no_gaps", lang))
    else:
        names = join_list([g.naam.lower() for g in gaten], lang)
        out.append(t("kenniskaart.summary.gaps", lang, n=len(gaten), factoren=names))
    return tuple(out)


def _sources(data: Dataset) -> tuple[tuple[str, str | None], ...]:
    seen: dict[str, str | None] = {}
    for name in ("factoren", "factor_themas", "themas", "lessen", "interventies"):
        resource = data.provenance.resources.get(name)
        for source in resource.sources if resource is not None else ():
            seen.setdefault(source.title, source.path)
    return tuple(seen.items())


def build_profile(data: Dataset, filters: Filters, lang: Lang, *, today: date) -> Profile:
    """The Kenniskaart of the selection ``filters`` (one municipality: ``gemeenten`` of 1)."""
    sel = select(data, filters)
    titel = scope_label(sel, filters, lang)
    domeinen = domain_profile(sel, lang)
    doelgroepen = target_group_profile(sel, lang)
    pijlers = pillar_comparison(data, filters, lang)
    gaten = tuple(gap_details(data, sel, lang))
    prov = data.provenance
    return Profile(
        lang=lang,
        titel=titel,
        gemeentecodes=tuple(sel.gemeenten.get_column("gemeentecode").to_list()),
        een_gemeente=len(filters.gemeenten) == 1 and sel.gemeenten.height == 1,
        datum=today.isoformat(),
        versie=prov.version,
        versie_datum=prov.created,
        illustratief=sel.illustrative,
        n_interventies=sel.interventies.height,
        samenvatting=summary(
            titel, domeinen, doelgroepen, pijlers, gaten, sel.interventies.height, lang
        ),
        domeinen=domeinen,
        per_gemeente=domains_per_gemeente(sel, lang),
        doelgroepen=doelgroepen,
        zonder_doelgroep=int(sel.interventies.get_column("doelgroep").is_null().sum()),
        pijlers=pijlers,
        gaten=gaten,
        checks=tuple(lesson_checks(sel, today=today)),
        lessen=dict(data.lessen.select("les", f"tekst_{lang}").iter_rows()),
        bronnen=_sources(data),
    )


# --------------------------------------------------------------------------- findings


def domain_finding(p: Profile) -> str:
    """One sentence for the domain chart: how many domains, and which are not reached."""
    lang = p.lang
    sentence = t(
        "kenniskaart.domains.finding",
        lang,
        naam=p.titel,
        n=fmt_int(p.domeinen_bereikt, lang),
        totaal=fmt_int(p.domeinen_totaal, lang),
    )
    missing = _names(p.domeinen, uncovered(p.domeinen, "domein"), "domein")
    if missing:
        names = join_names(missing, lang)
        return f"{sentence} {t('kenniskaart.domains.missing', lang, domeinen=names)}"
    return f"{sentence} {t('kenniskaart.domains.all', lang)}"


def target_finding(p: Profile) -> str:
    """One sentence for the target-group chart, naming the groups nothing is aimed at."""
    lang = p.lang
    covered = int(p.doelgroepen.get_column("gedekt").sum())
    sentence = t(
        "kenniskaart.target_groups.finding",
        lang,
        n=fmt_int(covered, lang),
        totaal=fmt_int(p.doelgroepen.height, lang),
    )
    missing = _names(p.doelgroepen, uncovered(p.doelgroepen, "doelgroep"), "doelgroep")
    if missing:
        groups = join_names(missing, lang)
        return f"{sentence} {t('kenniskaart.target_groups.missing', lang, groepen=groups)}"
    return f"{sentence} {t('kenniskaart.target_groups.all', lang)}"


def per_gemeente_finding(p: Profile) -> str:
    lang = p.lang
    return t(
        "kenniskaart.by_gemeente.finding",
        lang,
        n=int(p.per_gemeente.get_column("meerdere").sum()),
        totaal=fmt_int(p.per_gemeente.height, lang),
        min=MULTI_DOMAIN_MIN,
    )


def pillar_finding(p: Profile) -> str:
    """The selection's pillar shares, compared with the last group (all municipalities)."""
    lang = p.lang
    if p.n_interventies == 0:
        return t("kenniskaart.pillars.none", lang)

    def shares(order: int) -> dict[str, str]:
        rows = p.pijlers.filter(pl.col("groep_volgorde") == order)
        return {
            r["pijler"]: fmt_pct(r["aandeel"], lang, decimals=0) for r in rows.iter_rows(named=True)
        }

    own = shares(0)
    last = int(p.pijlers.get_column("groep_volgorde").max())  # type: ignore[arg-type]
    if last == 0:
        return t(
            "kenniskaart.pillars.finding_no_reference",
            lang,
            naam=p.titel,
            perspectief=own["perspectief"],
            grenzen=own["grenzen"],
            verbindend=own["verbindend"],
        )
    ref = shares(last)
    group = p.pijlers.filter(pl.col("groep_volgorde") == last).item(0, "groep")
    return t(
        "kenniskaart.pillars.finding",
        lang,
        naam=p.titel,
        perspectief=own["perspectief"],
        grenzen=own["grenzen"],
        groep=str(group).lower() if lang == "nl" else str(group),
        perspectief_ref=ref["perspectief"],
        grenzen_ref=ref["grenzen"],
    )
