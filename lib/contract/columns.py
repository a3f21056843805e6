"""How the contract describes a table: ``Column`` (type and rules) and ``Table``.

The tables themselves are in ``programme`` and ``knowledge``; ``schema`` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dtype = Literal["str", "int", "float", "bool"]

GEMEENTECODE_PATTERN = r"^GM[0-9]{4}$"
PERIODE_PATTERN = r"^20[0-9]{2}-Q[1-4]$"
MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    """One column of a table: its type and the rules every value must meet."""

    name: str
    dtype: Dtype
    description_nl: str
    description_en: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    multi: bool = False
    references: tuple[str, str] | None = None
    present: Literal["required", "optional"] = "required"


@dataclass(frozen=True)
class Table:
    """A table of the contract; ``key`` is its unique identifier column."""

    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    unique_together: tuple[str, ...] = ()  # a combination that may occur only once

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


BRON = Column(
    "bron", "str", "Bron: URL of omschrijving", "Source: URL or description", present="optional"
)
ILLUSTRATIEF = Column(
    "illustratief",
    "bool",
    "true voor gegenereerde voorbeeldrijen",
    "true for generated example rows",
    present="optional",
)
