"""The ``versies`` table: one row per dataset version, the one place a version is made current.

A row pins, for every uploadable table, the Delta version of that table that belongs to the
dataset version (``tabelversies``) and counts its rows (``rijen``); both are stored as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final, Literal, TypedDict

import polars as pl

Action = Literal["basis", "publicatie", "herstel"]

VERSIONS_TABLE: Final = "versies"

VERSIONS_SCHEMA: Final = pl.Schema(
    {
        "versie": pl.Int64(),
        "tijdstip": pl.Datetime("us", "UTC"),
        "wie": pl.String(),
        "opmerking": pl.String(),
        "actie": pl.String(),
        "scope": pl.String(),
        "tabel": pl.String(),
        "herstel_van": pl.Int64(),
        "bronbestand": pl.String(),
        "checksum": pl.String(),
        "rijen": pl.String(),
        "tabelversies": pl.String(),
    }
)


class VersionInfo(TypedDict):
    """One row of ``versies`` with its JSON columns decoded."""

    versie: int
    tijdstip: datetime
    wie: str
    opmerking: str
    actie: str
    scope: str
    tabel: str | None
    herstel_van: int | None
    bronbestand: str | None
    checksum: str | None
    rijen: dict[str, int]
    tabelversies: dict[str, int]


def version_row(info: VersionInfo) -> dict[str, Any]:
    """``info`` as a row of ``versies`` (``rijen`` and ``tabelversies`` as JSON)."""
    return {
        **info,
        "rijen": json.dumps(info["rijen"], sort_keys=True),
        "tabelversies": json.dumps(info["tabelversies"], sort_keys=True),
    }


def decode_version(row: Mapping[str, Any]) -> VersionInfo:
    """A row of ``versies`` with its JSON columns decoded."""
    return VersionInfo(
        versie=int(row["versie"]),
        tijdstip=row["tijdstip"],
        wie=row["wie"],
        opmerking=row["opmerking"],
        actie=row["actie"],
        scope=row["scope"],
        tabel=row["tabel"],
        herstel_van=None if row["herstel_van"] is None else int(row["herstel_van"]),
        bronbestand=row["bronbestand"],
        checksum=row["checksum"],
        rijen={str(k): int(v) for k, v in json.loads(row["rijen"]).items()},
        tabelversies={str(k): int(v) for k, v in json.loads(row["tabelversies"]).items()},
    )


def now() -> datetime:
    """The time of a new version (UTC)."""
    return datetime.now(UTC)


def published_rows(tables: Sequence[str]) -> pl.Expr:
    """For the rows of ``Store.history``: the row count of the table a version published
    (``tabel``), or of ``interventies`` for version 0 and a restore."""
    counts = [pl.when(pl.col("tabel") == name).then(pl.col(f"rijen_{name}")) for name in tables]
    return pl.coalesce(*counts, pl.col("rijen_interventies")).alias("rijen")
