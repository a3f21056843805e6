"""The data contract (v1) as data: tables, columns, types, codes and rules.

Everything that checks, documents or templates a table reads it from here, so the contract
has one source: ``TABLES`` lists every table. Codes are lowercase snake_case, with their names
in ``lib.contract.codes``. The parts: ``columns`` (``Column``, ``Table``), ``programme``
(municipalities, interventions, progress, timeline, key figures), ``knowledge`` (themes,
factors, lessons) and ``context`` (population, registered crime, the programme roster,
published facts); which tables there are and in which order: ``resources``.
"""

from __future__ import annotations

from lib.contract.columns import (
    GEMEENTECODE_PATTERN,
    MULTI_SEPARATOR,
    PERIODE_PATTERN,
    Column,
    Dtype,
    Table,
)
from lib.contract.context import CONTEXT_TABLES
from lib.contract.knowledge import FACTOR_THEMAS, FACTOREN, LESSEN, THEMAS_TABLE
from lib.contract.programme import GEMEENTEN, INTERVENTIES, KERNCIJFERS, TIJDLIJN, VOORTGANG
from lib.contract.resources import REQUIRED_TABLES, UPLOADABLE_TABLES

__all__ = [
    "FACTOREN",
    "FACTOR_THEMAS",
    "GEMEENTECODE_PATTERN",
    "GEMEENTEN",
    "INTERVENTIES",
    "KERNCIJFERS",
    "LESSEN",
    "MULTI_SEPARATOR",
    "PERIODE_PATTERN",
    "REQUIRED_TABLES",
    "TABLES",
    "THEMAS_TABLE",
    "TIJDLIJN",
    "UPLOADABLE_TABLES",
    "VOORTGANG",
    "Column",
    "Dtype",
    "Table",
]

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        GEMEENTEN,
        THEMAS_TABLE,
        FACTOREN,
        FACTOR_THEMAS,
        INTERVENTIES,
        VOORTGANG,
        TIJDLIJN,
        KERNCIJFERS,
        LESSEN,
        *CONTEXT_TABLES.values(),
    )
}
