"""Kenniskaart: the knowledge map of one municipality or a selection, as one ``Profile``.

Pure Polars; no Streamlit, no language. ``build_profile`` gathers the rules below, the
evidence gaps (``lib.domain.gaps``) and the lessons check (``lib.domain.checks``) into one
``Profile`` of codes and numbers, computed once per dataset version, filters and day; the page
and the exports put it into words (``lib.text.kenniskaart``).

Definitions
-----------
- **Life domains reached.** An intervention reaches the life domain (``factoren.domein``) of
  every factor it lists in ``factoren``, risk and protective factors alike, whatever its
  status (as coverage in ``lib.domain.coverage``). An intervention without factor links
  reaches no domain. A municipality (or selection) reaches a domain when at least one of its
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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

import polars as pl

from lib.contract.codes import DOELGROEPEN, DOMEINEN, PIJLERS
from lib.data.catalog import Dataset
from lib.domain.checks import Check, lesson_checks
from lib.domain.context_figures import facts
from lib.domain.filters import Filters
from lib.domain.gaps import Bilingual, Gap, bilingual, gap_details
from lib.domain.metrics import Group, wave_selections
from lib.domain.selection import Selection, code_order, intervention_filters, select

AGE_GROUPS: Final[tuple[str, ...]] = ("kinderen", "jongeren", "jongvolwassenen")
OTHER_GROUPS: Final[tuple[str, ...]] = ("ouders", "professionals", "wijk")
assert set(AGE_GROUPS) | set(OTHER_GROUPS) == set(DOELGROEPEN)

MULTI_DOMAIN_MIN: Final = 3
"""A municipality reaching at least this many life domains works on 'several domains'."""
LEARN_FROM_MAX: Final = 3
"""Municipalities per gap in the one-page profile (the page lists them all)."""

Scope = Literal["gemeente", "programma", "selectie"]
"""What a profile is about: one municipality, the whole programme, or another selection."""


# --------------------------------------------------------------------------- life domains


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


def domain_profile(sel: Selection) -> pl.DataFrame:
    """Every reachable domain: domein, domein_volgorde, n (interventions that reach it),
    gedekt (n > 0)."""
    counts = (
        sel.links.join(sel.factoren.select("factor", "domein"), on="factor", how="inner")
        .group_by("domein")
        .agg(pl.col("interventie_id").n_unique().cast(pl.Int64).alias("n"))
    )
    return (
        code_order("domein", domain_universe(sel.factoren))
        .join(counts, on="domein", how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns((pl.col("n") > 0).alias("gedekt"))
        .sort("domein_volgorde")
    )


def domains_per_gemeente(sel: Selection) -> pl.DataFrame:
    """Every selected municipality: gemeentecode, gemeente_naam, n (interventions), n_domeinen,
    totaal, meerdere (n_domeinen >= MULTI_DOMAIN_MIN), domeinen (the codes reached, in the
    contract's order)."""
    universe = domain_universe(sel.factoren)
    reached = (
        sel.links.join(sel.factoren.select("factor", "domein"), on="factor", how="inner")
        .select("gemeentecode", "domein")
        .unique()
        .join(code_order("domein", universe), on="domein", how="inner")
        .sort("domein_volgorde")
        .group_by("gemeentecode", maintain_order=True)
        .agg(pl.len().cast(pl.Int64).alias("n_domeinen"), pl.col("domein").alias("domeinen"))
    )
    counts = sel.interventies.group_by("gemeentecode").agg(pl.len().cast(pl.Int64).alias("n"))
    return (
        sel.gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam"))
        .join(counts, on="gemeentecode", how="left")
        .join(reached, on="gemeentecode", how="left")
        .with_columns(
            pl.col("n", "n_domeinen").fill_null(0),
            pl.col("domeinen").fill_null(pl.lit([], pl.List(pl.String))),
            pl.lit(len(universe), pl.Int64).alias("totaal"),
        )
        .with_columns((pl.col("n_domeinen") >= MULTI_DOMAIN_MIN).alias("meerdere"))
        .select(
            "gemeentecode", "gemeente_naam", "n", "n_domeinen", "totaal", "meerdere", "domeinen"
        )
        .sort("n_domeinen", "gemeente_naam", descending=[True, False])
    )


# --------------------------------------------------------------------------- target groups


def target_group_profile(sel: Selection) -> pl.DataFrame:
    """Every target group of the contract: doelgroep, doelgroep_volgorde, leeftijd (an age
    band 8-27), n, gedekt (n > 0). Interventions without one are left out."""
    counts = (
        sel.interventies.filter(pl.col("doelgroep").is_not_null())
        .group_by("doelgroep")
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    return (
        code_order("doelgroep", DOELGROEPEN)
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
    return (
        code_order("pijler", PIJLERS)
        .join(counts, on="pijler", how="left")
        .with_columns(pl.col("n").fill_null(0), pl.lit(total, pl.Int64).alias("totaal"))
        .with_columns((pl.col("n") / total if total else pl.lit(None, pl.Float64)).alias("aandeel"))
        .sort("pijler_volgorde")
        .drop("pijler_volgorde")
    )


def scope(sel: Selection, filters: Filters) -> Scope:
    """``gemeente`` when one municipality is selected, ``programma`` without filters, else
    ``selectie``."""
    if len(filters.gemeenten) == 1 and sel.gemeenten.height == 1:
        return "gemeente"
    return "programma" if filters.is_default else "selectie"


def pillar_comparison(data: Dataset, filters: Filters) -> pl.DataFrame:
    """Pillar shares of the selection, of its wave(s) and of the whole programme.

    As in ``metrics.compare_with_wave``, the intervention filters (theme, status, target
    group) apply to every row, so like is compared with like. Columns: groep (the scope of
    the selection, then ``golf`` and ``alle``), golf (the wave's code), gemeente_naam (the
    municipality's name in a ``gemeente`` row), groep_volgorde, pijler, pijler_volgorde, n,
    totaal, aandeel.
    """
    sel = select(data, filters)
    own = scope(sel, filters)
    name = str(sel.gemeenten.item(0, "naam")) if own == "gemeente" else None
    groups: list[tuple[Group, str | None, str | None, pl.DataFrame]] = [
        (own, None, name, sel.interventies)
    ]
    if not filters.is_default:
        for wave, wave_sel in wave_selections(data, sel, filters):
            groups.append(("golf", wave, None, wave_sel.interventies))
        everyone = select(data, intervention_filters(filters)).interventies
        groups.append(("alle", None, None, everyone))
    frames = [
        pillar_shares(frame, data.themas).with_columns(
            pl.lit(group, pl.String).alias("groep"),
            pl.lit(wave, pl.String).alias("golf"),
            pl.lit(place, pl.String).alias("gemeente_naam"),
            pl.lit(i, pl.Int64).alias("groep_volgorde"),
        )
        for i, (group, wave, place, frame) in enumerate(groups)
    ]
    return (
        pl.concat(frames)
        .join(code_order("pijler", PIJLERS), on="pijler", how="left")
        .select(
            "groep",
            "golf",
            "gemeente_naam",
            "groep_volgorde",
            "pijler",
            "pijler_volgorde",
            "n",
            "totaal",
            "aandeel",
        )
        .sort("groep_volgorde", "pijler_volgorde")
    )


# --------------------------------------------------------------------------- the profile


@dataclass(frozen=True)
class Profile:
    """Everything the Kenniskaart shows, computed once for the page and the exports in every
    language: codes and numbers (and the data's own texts in both languages)."""

    scope: Scope
    place: str | None  # the municipality's name when ``scope`` is ``gemeente``
    codes: tuple[str, ...]  # gemeentecodes of the selection
    made_on: str  # date the profile was made (ISO)
    version: str  # data version
    version_date: str
    illustrative: bool
    n_interventions: int
    domains: pl.DataFrame  # domain_profile
    per_place: pl.DataFrame  # domains_per_gemeente
    target_groups: pl.DataFrame  # target_group_profile
    without_target_group: int
    pillars: pl.DataFrame  # pillar_comparison
    gaps: tuple[Gap, ...]  # gap_details
    checks: tuple[Check, ...]  # lesson_checks
    lessons: Mapping[str, Bilingual] = field(default_factory=dict)  # lesson code -> text
    sources: tuple[tuple[str, str | None], ...] = ()  # (title, url or None)
    facts: pl.DataFrame = field(default_factory=pl.DataFrame)
    """The published facts about the programme in the selected municipalities
    (``context_figures.facts`` of ``gemeente_feiten``; empty without that table)."""

    @property
    def single(self) -> bool:
        """Whether the profile is of one municipality."""
        return self.scope == "gemeente"

    @property
    def domains_reached(self) -> int:
        return int(self.domains.get_column("gedekt").sum())

    @property
    def domains_total(self) -> int:
        return self.domains.height


def _sources(data: Dataset, tables: Sequence[str]) -> tuple[tuple[str, str | None], ...]:
    seen: dict[str, str | None] = {}
    for name in tables:
        resource = data.provenance.resources.get(name)
        for source in resource.sources if resource is not None else ():
            seen.setdefault(source.title, source.path)
    return tuple(seen.items())


def build_profile(data: Dataset, filters: Filters, *, today: date) -> Profile:
    """The Kenniskaart of the selection ``filters`` (one municipality: ``gemeenten`` of 1)."""
    sel = select(data, filters)
    own = scope(sel, filters)
    prov = data.provenance
    return Profile(
        scope=own,
        place=str(sel.gemeenten.item(0, "naam")) if own == "gemeente" else None,
        codes=tuple(sel.gemeenten.get_column("gemeentecode").to_list()),
        made_on=today.isoformat(),
        version=prov.version,
        version_date=prov.created,
        illustrative=sel.illustrative,
        n_interventions=sel.interventies.height,
        domains=domain_profile(sel),
        per_place=domains_per_gemeente(sel),
        target_groups=target_group_profile(sel),
        without_target_group=int(sel.interventies.get_column("doelgroep").is_null().sum()),
        pillars=pillar_comparison(data, filters),
        gaps=tuple(gap_details(data, sel)),
        checks=tuple(lesson_checks(sel, today=today)),
        lessons={row["les"]: bilingual(row, "tekst") for row in data.lessen.iter_rows(named=True)},
        sources=_sources(data, ("factoren", "factor_themas", "themas", "lessen", "interventies")),
        facts=facts(data.context_table("gemeente_feiten"), sel.gemeenten["gemeentecode"]),
    )
