"""The ``versies`` table: one row per dataset version, the one place a version is made current.

A row pins, for every uploadable table, the Delta version of that table that belongs to the
dataset version (``tabelversies``), counts its rows (``rijen``) and lists its data files with
their checksums (``bestanden``, see ``lib.data.integrity``); all three are stored as JSON. The
row's own checksum (``controle``) covers every other column. Rows written before the checksums
existed have neither; they are read as before, checked by file size only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final, Literal, TypedDict

import polars as pl

from lib.data import integrity
from lib.data.integrity import Manifest
from lib.data.store_errors import DamagedVersion

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
        "bestanden": pl.String(),
        integrity.SEAL_COLUMN: pl.String(),
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
    bestanden: Manifest | None  # None: a row from before manifests


def version_row(info: VersionInfo) -> dict[str, Any]:
    """``info`` as a row of ``versies``: JSON columns encoded, sealed with its checksum."""
    manifest = info["bestanden"]
    row = {
        **info,
        "rijen": json.dumps(info["rijen"], sort_keys=True),
        "tabelversies": json.dumps(info["tabelversies"], sort_keys=True),
        "bestanden": None if manifest is None else integrity.encode(manifest),
    }
    return {**row, integrity.SEAL_COLUMN: _seal(row)}


def decode_version(row: Mapping[str, Any]) -> VersionInfo:
    """A row of ``versies`` with its JSON columns decoded.

    ``DamagedVersion`` (reason ``manifest``) when the row does not match its checksum or a JSON
    column is garbled: the row is not as it was written.
    """
    number = row.get("versie")
    try:
        return _decode(row)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise DamagedVersion(
            f"row of version {number} is garbled: {error}",
            reason="manifest",
            version=number if isinstance(number, int) else None,
        ) from error


def _seal(row: Mapping[str, Any]) -> str:
    """The checksum of the columns of ``versies`` in ``row`` (other keys are ignored)."""
    return integrity.seal({name: row.get(name) for name in VERSIONS_SCHEMA})


def _decode(row: Mapping[str, Any]) -> VersionInfo:
    sealed, manifest = row.get(integrity.SEAL_COLUMN), row.get("bestanden")
    if (sealed is not None or manifest is not None) and sealed != _seal(row):
        raise ValueError("the row does not match its checksum")
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
        bestanden=None if manifest is None else integrity.decode(manifest),
    )


def now() -> datetime:
    """The time of a new version (UTC)."""
    return datetime.now(UTC)


def published_rows(tables: Sequence[str]) -> pl.Expr:
    """For the rows of ``Store.history``: the row count of the table a version published
    (``tabel``), or of ``interventies`` for version 0 and a restore."""
    counts = [pl.when(pl.col("tabel") == name).then(pl.col(f"rijen_{name}")) for name in tables]
    return pl.coalesce(*counts, pl.col("rijen_interventies")).alias("rijen")
