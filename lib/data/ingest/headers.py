"""Which column of a file is which column of the contract, by its header.

Headers are compared by key (``lib.data.ingest.mapping.key_expr``: case, accents, spaces and
punctuation ignored), so ``Gemeente-code`` and ``GEMEENTECODE`` are both ``gemeentecode``;
``HEADER_ALIASES`` adds the other words people use. In a workbook the header need not be the
first row: the first row that names two or more contract columns is taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.mapping import keys_of
from lib.data.validate import Issue

HEADER_SEARCH_ROWS: Final[int] = 20

# Headers people use for a contract column (compared by key: case, accents, spaces ignored).
HEADER_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "interventie_id": ("id", "interventiecode", "code interventie", "intervention id"),
    "gemeentecode": (
        "gemeente",
        "gm code",
        "cbs code",
        "code gemeente",
        "gemeentenummer",
        "municipality",
        "municipality code",
    ),
    "naam": ("naam interventie", "interventienaam", "name", "titel"),
    "thema": ("theme", "themas"),
    "status": ("stand", "stand van uitvoering", "state"),
    "doelgroep": ("doelgroepen", "target group"),
    "startjaar": ("jaar", "start", "start jaar", "beginjaar", "jaar van start", "start year"),
    "bereik": (
        "aantal jongeren",
        "bereikte jongeren",
        "aantal bereikt",
        "deelnemers",
        "aantal deelnemers",
        "reach",
    ),
    "budget_eur": ("budget", "budget euro", "budget in euro", "bedrag", "begroting"),
    "factoren": ("factor", "risicofactoren", "risicofactor", "factors", "risk factors"),
    "monitoringplan": (
        "monitoring",
        "monitoring plan",
        "evaluatieplan",
        "monitorings en evaluatieplan",
    ),
    "bron": ("bronnen", "source", "sources"),
    "illustratief": ("voorbeelddata", "illustrative"),
    "periode": ("kwartaal", "period", "quarter"),
}


def _known_keys(table: Table) -> set[str]:
    """The keys of the names of ``table``'s columns and of their aliases."""
    aliases = (words for name, words in HEADER_ALIASES.items() if name in table.names)
    return {*keys_of(table.names), *(k for words in aliases for k in keys_of(words))}


def header_row(raw: pl.DataFrame, table: Table) -> int | None:
    """The first row naming two or more contract columns, else the first non-empty row."""
    known = _known_keys(table)
    first: int | None = None
    for i, row in enumerate(raw.head(HEADER_SEARCH_ROWS).iter_rows()):
        cells = [str(c) for c in row if c is not None and str(c).strip()]
        if not cells:
            continue
        first = i if first is None else first
        if len(known.intersection(keys_of(cells))) >= 2:
            return i
    return first


def name_columns(
    headers: Sequence[str], table: Table
) -> tuple[list[str], dict[str, str], list[Issue]]:
    """Contract names for recognised headers; others keep their own (unique) name.

    Returns the name of every column, which header became which contract column, and a
    ``duplicate_header`` error for a contract column that two headers name (the first keeps it).
    """
    targets = _targets(keys_of(headers), table)
    issues = _drop_duplicates(headers, targets, table)
    header_map = {h: name for h, name in zip(headers, targets, strict=True) if name is not None}
    return _unique_names(headers, targets), header_map, issues


def _alias_targets(table: Table) -> dict[str, str]:
    """Key of an alias -> the contract column it names (the first alias of a key wins)."""
    aliases: dict[str, str] = {}
    for target, words in HEADER_ALIASES.items():
        if target in table.names:
            for key in keys_of(words):
                aliases.setdefault(key, target)
    return aliases


def _targets(keys: Sequence[str], table: Table) -> list[str | None]:
    """The contract column each header names: by its own name, else by an alias that names a
    column no header has taken yet (left to right); None for the others."""
    contract = dict(zip(keys_of(table.names), table.names, strict=True))
    aliases = _alias_targets(table)
    targets: list[str | None] = [contract.get(k) if k else None for k in keys]
    for i, key in enumerate(keys):
        if targets[i] is None and key in aliases and aliases[key] not in targets:
            targets[i] = aliases[key]
    return targets


def _drop_duplicates(
    headers: Sequence[str], targets: list[str | None], table: Table
) -> list[Issue]:
    """A contract column named by two or more headers stays with the first (in ``targets``,
    which is changed in place) and is reported."""
    issues: list[Issue] = []
    for column in table.names:
        found = [i for i, name in enumerate(targets) if name == column]
        if len(found) > 1:
            params = {"headers": ", ".join(f"'{headers[i]}'" for i in found)}
            issues.append(Issue("duplicate_header", column, None, None, "error", params))
            for i in found[1:]:
                targets[i] = None
    return issues


def _unique_names(headers: Sequence[str], targets: Sequence[str | None]) -> list[str]:
    """The contract name of each recognised header; every other column keeps its header (or
    ``kolom_<n>`` when it has none), made unique with a number."""
    names: list[str] = []
    used = {name for name in targets if name is not None}
    for i, header in enumerate(headers):
        contract_name = targets[i]
        if contract_name is not None:
            names.append(contract_name)
            continue
        name = header or f"kolom_{i + 1}"
        unique, n = name, 1
        while unique in used:
            n += 1
            unique = f"{name}_{n}"
        used.add(unique)
        names.append(unique)
    return names
