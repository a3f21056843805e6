"""Load and check the current dataset: the curated CSV files and their ``datapackage.json``.

Plain Python: ``lib.cache`` wraps ``load_dataset`` for the app. A broken file raises
``DataError`` with every issue (file, row, column), so the app can stop with a clear message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from lib.i18n import Lang, t
from lib.schema import REQUIRED_TABLES, TABLES
from lib.validate import Issue, validate_table


@dataclass(frozen=True)
class Source:
    title: str
    path: str | None = None


@dataclass(frozen=True)
class Resource:
    """Provenance of one table, kept beside the frame (not inside it)."""

    name: str
    title: str
    status: str
    date: str
    rows: int
    hash: str
    sources: tuple[Source, ...]
    notes: str = ""


@dataclass(frozen=True)
class Provenance:
    version: str
    created: str
    licence: str
    resources: dict[str, Resource]


@dataclass(frozen=True)
class Dataset:
    """Every table of the contract as a typed frame, plus its provenance."""

    gemeenten: pl.DataFrame
    themas: pl.DataFrame
    factoren: pl.DataFrame
    interventies: pl.DataFrame
    tijdlijn: pl.DataFrame
    kerncijfers: pl.DataFrame
    lessen: pl.DataFrame
    provenance: Provenance

    @property
    def illustrative(self) -> bool:
        """True when any intervention row is generated example data."""
        col = self.interventies.get_column("illustratief")
        return bool(col.fill_null(False).any())

    def kerncijfer(self, code: str) -> int:
        row = self.kerncijfers.filter(pl.col("cijfer") == code)
        return int(row.item(0, "waarde"))


@dataclass(frozen=True)
class FileIssue:
    file: str
    issue: Issue

    def message(self, lang: Lang) -> str:
        return t(
            "fout.data.regel",
            lang,
            bestand=self.file,
            rij=self.issue.row if self.issue.row is not None else "-",
            kolom=self.issue.column or "-",
            bericht=self.issue.message(lang),
        )


class DataError(Exception):
    """The dataset does not meet the contract; ``issues`` names file, row and column."""

    def __init__(self, issues: list[FileIssue]) -> None:
        self.issues = issues
        first = issues[0]
        super().__init__(f"{len(issues)} issue(s), first: {first.message('en')}")


def read_provenance(folder: Path) -> Provenance:
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {
        r["name"]: Resource(
            name=r["name"],
            title=r["title"],
            status=r["status"],
            date=r["date"],
            rows=int(r["rows"]),
            hash=r["hash"],
            sources=tuple(Source(s["title"], s.get("path")) for s in r["sources"]),
            notes=r.get("notes", ""),
        )
        for r in meta["resources"]
    }
    return Provenance(
        version=meta["version"],
        created=meta["created"],
        licence=meta["licenses"][0]["name"],
        resources=resources,
    )


def _read_text(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False, encoding="utf8")


def load_dataset(folder: Path) -> Dataset:
    """Read, validate and type every table in ``folder``; raise ``DataError`` when broken."""
    provenance = read_provenance(folder)
    order = ("gemeenten", "themas", "factoren", "interventies", "tijdlijn", "kerncijfers", "lessen")
    assert set(order) == set(REQUIRED_TABLES)
    frames: dict[str, pl.DataFrame] = {}
    problems: list[FileIssue] = []
    refs: dict[str, frozenset[str]] = {}
    for name in order:
        file = f"{name}.csv"
        report = validate_table(_read_text(folder / file), TABLES[name], refs=refs)
        problems += [FileIssue(file, i) for i in report.errors]
        if report.frame is not None:
            frames[name] = report.frame
            key = TABLES[name].key
            if key is not None:
                refs[name] = frozenset(report.frame.get_column(key).to_list())
    if problems:
        raise DataError(problems)
    gemeenten = frames["gemeenten"].with_columns(
        pl.coalesce("weergavenaam", "gemeente").alias("naam")
    )
    interventies = frames["interventies"]
    for col in ("illustratief", "monitoringplan"):
        if col not in interventies.columns:
            interventies = interventies.with_columns(pl.lit(None, pl.Boolean).alias(col))
    for col, dtype in (
        ("doelgroep", pl.String),
        ("factoren", pl.String),
        ("startjaar", pl.Int64),
        ("bereik", pl.Int64),
        ("budget_eur", pl.Float64),
    ):
        if col not in interventies.columns:
            interventies = interventies.with_columns(pl.lit(None, dtype).alias(col))
    return Dataset(
        gemeenten=gemeenten,
        themas=frames["themas"],
        factoren=frames["factoren"],
        interventies=interventies,
        tijdlijn=frames["tijdlijn"],
        kerncijfers=frames["kerncijfers"],
        lessen=frames["lessen"],
        provenance=provenance,
    )
