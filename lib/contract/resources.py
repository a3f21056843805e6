"""The tables of the data contract: which there are, in which order they are read, which a
dataset must have and which analysts may publish. The only list of tables.

A table comes after the tables it refers to, so that its references can be checked. The
public context tables (population, registered crime, the programme roster, published facts)
are optional in a dataset: a dataset without them still works, and the pages that need them
say that they are missing.
"""

from __future__ import annotations

from typing import Final

LOAD_ORDER: Final[tuple[str, ...]] = (
    "gemeenten",
    "themas",
    "factoren",
    "interventies",
    "tijdlijn",
    "kerncijfers",
    "lessen",
    "factor_themas",
)
"""The tables every dataset has, in the order they are read."""

CONTEXT_ORDER: Final[tuple[str, ...]] = (
    "bevolking",
    "programma",
    "misdrijfsoorten",
    "misdrijven",
    "gemeente_feiten",
)
"""The public context tables, read after the others when the dataset has them."""

REQUIRED_TABLES: Final[tuple[str, ...]] = LOAD_ORDER
BASE_TABLES: Final[tuple[str, ...]] = ("interventies", "voortgang")
"""The uploadable tables that version 0 of a store holds (the bundled ones)."""
CONTEXT_UPLOADABLE: Final[tuple[str, ...]] = (
    "bevolking",
    "programma",
    "misdrijven",
    "gemeente_feiten",
)
"""The public context tables analysts can refresh. A store holds one only once it is
published: until then every version uses the bundled table (``misdrijfsoorten`` is the code
list of ``misdrijven`` and changes with the contract, not by upload)."""
UPLOADABLE_TABLES: Final[tuple[str, ...]] = (*BASE_TABLES, *CONTEXT_UPLOADABLE)
"""The tables analysts upload and publish as new versions."""
