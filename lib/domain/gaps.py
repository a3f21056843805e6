"""Evidence gaps in detail, for the Kenniskaart: which themes can address each gap, and which
municipalities outside the selection already work on it.

A gap is a strong addressable risk factor no intervention in the selection lists
(``lib.domain.coverage.gaps``). ``factor_themas`` names the themes that can address it, and
"learn from" lists every intervention (any status, no intervention filters) of
municipalities outside the selection that lists the factor, carried-out ones first. Texts of
the data come in both languages (``Bilingual``); the reader's language is chosen at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from lib.contract.codes import LANGS, UITGEVOERD, Lang
from lib.data.catalog import Dataset
from lib.domain import coverage
from lib.domain.selection import Selection

Bilingual = Mapping[Lang, str]
"""A text from the data in every language of the dashboard: ``{"nl": ..., "en": ...}``."""


def bilingual(row: Mapping[str, object], column: str) -> Bilingual:
    """The ``<column>_nl`` and ``<column>_en`` values of a row."""
    return {lang: str(row[f"{column}_{lang}"]) for lang in LANGS}


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
    """One intervention elsewhere that covers a gap (``name`` comes from uploads: plain text)."""

    place: str  # the municipality's name
    name: str
    status: str  # status code (the furthest one when several interventions share the name)
    count: int = 1  # interventions of this municipality with this name that list the factor


@dataclass(frozen=True)
class Remedy:
    """A theme that can address a gap, and why (``factor_themas``)."""

    theme: str  # theme code
    name: Bilingual  # the theme's name (its code when ``themas`` has no row for it)
    reason: Bilingual


@dataclass(frozen=True)
class Gap:
    factor: str
    name: Bilingual
    evidence: str  # bewijs code
    domain: str  # domein code
    explanation: Bilingual
    sources: str
    remedies: tuple[Remedy, ...]  # in the order of the themes in ``themas``
    examples: tuple[Example, ...]  # carried out first, then by municipality and name

    @property
    def places(self) -> tuple[str, ...]:
        """The municipalities to learn from, in the order of ``examples``."""
        return tuple(dict.fromkeys(e.place for e in self.examples))


def remedies(data: Dataset) -> dict[str, tuple[Remedy, ...]]:
    """factor -> the themes that can address it, in the order of the themes in ``themas``."""
    order = {code: i for i, code in enumerate(data.themas.get_column("thema").to_list())}
    names = {row["thema"]: bilingual(row, "naam") for row in data.themas.iter_rows(named=True)}
    found: dict[str, list[tuple[int, Remedy]]] = {}
    for row in data.factor_themas.iter_rows(named=True):
        code = row["thema"]
        name = names.get(code, dict.fromkeys(LANGS, code))
        remedy = Remedy(code, name, bilingual(row, "toelichting"))
        found.setdefault(row["factor"], []).append((order.get(code, len(order)), remedy))
    return {
        factor: tuple(r for _, r in sorted(items, key=lambda item: item[0]))
        for factor, items in found.items()
    }


def _examples(frame: pl.DataFrame) -> tuple[Example, ...]:
    """One example per municipality and intervention name: a municipality that runs two
    interventions with one name is one address to learn from, not two rows. Its status is
    the furthest of them (carried out before planned); carried-out examples come first."""
    done = set(UITGEVOERD)
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in frame.iter_rows(named=True):
        grouped.setdefault((row["gemeente_naam"], row["naam"]), []).append(row["status"])
    examples = [
        Example(place, name, min(statuses, key=_status_rank), len(statuses))
        for (place, name), statuses in grouped.items()
    ]
    return tuple(sorted(examples, key=lambda e: (e.status not in done, e.place, e.name, e.status)))


def _status_rank(status: str) -> tuple[int, int]:
    """Carried out first (finished before running), then the rest in the contract's order."""
    order = ("afgerond", "in_uitvoering", "gepland", "niet_uitgevoerd")
    return (status not in UITGEVOERD, order.index(status) if status in order else len(order))


def gap_details(data: Dataset, sel: Selection) -> list[Gap]:
    """``coverage.gaps`` with the themes that can address each gap and where to learn from;
    in the order of ``coverage.gaps`` (evidence, domain, factor code)."""
    gaps = coverage.gaps(sel).join(
        sel.factoren.select("factor", "naam_nl", "naam_en"), on="factor", how="left"
    )
    themes = remedies(data)
    examples = learn_from(data, sel, gaps.get_column("factor").to_list())
    return [
        Gap(
            factor=row["factor"],
            name=bilingual(row, "naam"),
            evidence=row["bewijs"],
            domain=row["domein"],
            explanation=bilingual(row, "uitleg"),
            sources=row["bronnen"],
            remedies=themes.get(row["factor"], ()),
            examples=_examples(examples.filter(pl.col("factor") == row["factor"])),
        )
        for row in gaps.iter_rows(named=True)
    ]
