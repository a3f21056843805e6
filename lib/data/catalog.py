"""Load and check the current dataset: the curated CSV files and their ``datapackage.json``.

Plain Python: ``lib.web.cache`` wraps ``load_dataset`` for the app. A broken file raises
``DataError`` with every issue (file, row, column), so the app can stop with a clear message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from lib.contract.codes import UITGEVOERD
from lib.contract.resources import CONTEXT_ORDER, CONTEXT_UPLOADABLE, LOAD_ORDER
from lib.contract.schema import MULTI_SEPARATOR, TABLES
from lib.data.frames import empty_frame
from lib.data.validate import Issue, validate_table


@dataclass(frozen=True)
class Published:
    """A table as an analyst published it in the store: which version, on which day (in
    Europe/Amsterdam). Who published it, why and from which file stay in the store's audit
    trail (the Versies page); they are never part of a table's public provenance."""

    table: str
    version: int
    date: str


@dataclass(frozen=True)
class Source:
    """Where a table comes from: a public source, or a version published in the store.

    ``title`` names a document as it is published (in its own language); ``title_en`` is an
    English title for a description written by this project. ``generated`` marks the
    description of the generated example rows, which is no source of uploaded data.
    ``published`` is set for a version in the store (``lib.text.provenance`` words it)."""

    title: str
    path: str | None = None
    title_en: str | None = None
    generated: bool = False
    published: Published | None = None


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


def factor_links(interventies: pl.DataFrame) -> pl.DataFrame:
    """One row per (intervention, listed factor): interventie_id, gemeentecode, factor."""
    return (
        interventies.select(
            "interventie_id",
            "gemeentecode",
            pl.col("factoren").str.split(MULTI_SEPARATOR).alias("factor"),
        )
        .explode("factor")
        .with_columns(pl.col("factor").str.strip_chars())
        .filter(pl.col("factor").is_not_null() & (pl.col("factor") != ""))
        .unique(maintain_order=True)
    )


@dataclass(frozen=True)
class Dataset:
    """Every table of the contract as a typed frame, plus its provenance.

    ``voortgang`` (progress per period) is optional and empty when the dataset has none.
    Derived tables that every page needs (``links``) are computed once per dataset version,
    on first use, and shared by every session with the dataset itself.
    """

    gemeenten: pl.DataFrame
    themas: pl.DataFrame
    factoren: pl.DataFrame
    interventies: pl.DataFrame
    tijdlijn: pl.DataFrame
    kerncijfers: pl.DataFrame
    lessen: pl.DataFrame
    factor_themas: pl.DataFrame
    provenance: Provenance
    voortgang: pl.DataFrame = field(default_factory=lambda: empty_frame("voortgang"))
    context: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    """The public context tables the dataset has (``lib.contract.resources.CONTEXT_ORDER``)."""

    @cached_property
    def links(self) -> pl.DataFrame:
        """``factor_links`` of every intervention (the multi-valued column, exploded once)."""
        return factor_links(self.interventies)

    @cached_property
    def progress(self) -> pl.DataFrame:
        """``voortgang`` for fast filtering: rij (row of the intervention in ``interventies``),
        periode, uitgevoerd (status in_uitvoering or afgerond)."""
        index = self.interventies.select(
            "interventie_id", pl.int_range(pl.len(), dtype=pl.UInt32).alias("rij")
        )
        return self.voortgang.join(index, on="interventie_id", how="inner").select(
            "rij",
            pl.col("periode").cast(pl.Categorical),
            pl.col("status").is_in(UITGEVOERD).alias("uitgevoerd"),
        )

    def uploadable(self) -> dict[str, pl.DataFrame]:
        """The tables analysts upload, as the dataset has them (a context table it lacks is
        empty); version 0 of a store holds the first two (``BASE_TABLES``)."""
        return {
            "interventies": self.interventies,
            "voortgang": self.voortgang,
            **{name: self.context_table(name) for name in CONTEXT_UPLOADABLE},
        }

    def references(self) -> dict[str, frozenset[str]]:
        """The keys an uploaded table may refer to, by table (municipalities, factors,
        interventions, population, offence types, programme roster)."""
        refs = {
            "gemeenten": self.gemeenten.get_column("gemeentecode"),
            "factoren": self.factoren.get_column("factor"),
            "interventies": self.interventies.get_column("interventie_id"),
            "bevolking": self.context_table("bevolking").get_column("gemeentecode"),
            "misdrijfsoorten": self.context_table("misdrijfsoorten").get_column("soort"),
            "programma": self.context_table("programma").get_column("gemeentecode"),
        }
        return {name: frozenset(column.to_list()) for name, column in refs.items()}

    @property
    def illustrative(self) -> bool:
        """True when any intervention row is generated example data."""
        col = self.interventies.get_column("illustratief")
        return bool(col.fill_null(False).any())

    def context_table(self, name: str) -> pl.DataFrame:
        """A public context table: empty (with its columns) when the dataset has none."""
        frame = self.context.get(name)
        return frame if frame is not None else empty_frame(name)

    @property
    def has_context(self) -> bool:
        """Does the dataset have the population and crime tables the Context page needs?"""
        return all(name in self.context for name in ("bevolking", "misdrijven", "misdrijfsoorten"))

    def kerncijfer(self, code: str) -> int:
        row = self.kerncijfers.filter(pl.col("cijfer") == code)
        return int(row.item(0, "waarde"))


@dataclass(frozen=True)
class FileIssue:
    """An issue of one of the dataset's files (``lib.text.reports`` words it)."""

    file: str
    issue: Issue

    def __str__(self) -> str:
        row = "-" if self.issue.row is None else self.issue.row
        return f"{self.file}, row {row}, column {self.issue.column or '-'}: {self.issue.code}"


class DataError(Exception):
    """The dataset does not meet the contract; ``issues`` names file, row and column.

    The text of the exception is the same in every language: codes, file, row and column.
    """

    def __init__(self, issues: list[FileIssue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} issue(s), first: {issues[0]}")


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
            sources=tuple(
                Source(
                    s["title"],
                    s.get("path"),
                    title_en=s.get("title_en"),
                    generated=bool(s.get("generated", False)),
                )
                for s in r["sources"]
            ),
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


_POLARS_TYPES: dict[str, type[pl.DataType]] = {
    "str": pl.String,
    "int": pl.Int64,
    "float": pl.Float64,
    "bool": pl.Boolean,
}


def complete_columns(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    """Every column of the contract, in contract order; absent optional columns are null."""
    spec = TABLES[table]
    missing = [
        pl.lit(None, _POLARS_TYPES[c.dtype]).alias(c.name)
        for c in spec.columns
        if c.name not in frame.columns
    ]
    return frame.with_columns(missing).select(spec.names)


def load_dataset(folder: Path) -> Dataset:
    """Read, validate and type every table in ``folder``; raise ``DataError`` when broken."""
    provenance = read_provenance(folder)
    frames, refs, problems = _load_required(folder)
    voortgang, progress_problems = _load_voortgang(folder, refs)
    context, context_problems = _load_context(folder, refs)
    problems += progress_problems + context_problems
    if problems:
        raise DataError(problems)
    gemeenten = complete_columns(frames["gemeenten"], "gemeenten").with_columns(
        pl.coalesce("weergavenaam", "gemeente").alias("naam")
    )
    interventies = complete_columns(frames["interventies"], "interventies")
    return Dataset(
        gemeenten=gemeenten,
        themas=frames["themas"],
        factoren=frames["factoren"],
        interventies=interventies,
        tijdlijn=frames["tijdlijn"],
        kerncijfers=frames["kerncijfers"],
        lessen=frames["lessen"],
        factor_themas=frames["factor_themas"],
        provenance=provenance,
        voortgang=voortgang,
        context=context,
    )


def _references(name: str, frame: pl.DataFrame) -> frozenset[str] | None:
    """The values other tables may refer to: the key of ``name``, or the column another table
    refers to (``bevolking.gemeentecode``, which repeats per date)."""
    column = TABLES[name].key or next(
        (
            c.references[1]
            for table in TABLES.values()
            for c in table.columns
            if c.references is not None and c.references[0] == name
        ),
        None,
    )
    return None if column is None else frozenset(frame.get_column(column).to_list())


def _load_context(
    folder: Path, refs: dict[str, frozenset[str]]
) -> tuple[dict[str, pl.DataFrame], list[FileIssue]]:
    """The public context tables the dataset has, checked like the others (references first)."""
    frames: dict[str, pl.DataFrame] = {}
    problems: list[FileIssue] = []
    for name in CONTEXT_ORDER:
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue
        report = validate_table(_read_text(path), TABLES[name], refs=refs)
        problems += [FileIssue(path.name, i) for i in report.errors]
        if report.frame is None:
            continue
        frames[name] = complete_columns(report.frame, name)
        keys = _references(name, frames[name])
        if keys is not None:
            refs[name] = keys
    return frames, problems


def _load_required(
    folder: Path,
) -> tuple[dict[str, pl.DataFrame], dict[str, frozenset[str]], list[FileIssue]]:
    """The typed frame of every valid required table, the keys of each (for the references
    of the next tables), and the errors of the others."""
    frames: dict[str, pl.DataFrame] = {}
    problems: list[FileIssue] = []
    refs: dict[str, frozenset[str]] = {}
    for name in LOAD_ORDER:
        file = f"{name}.csv"
        report = validate_table(_read_text(folder / file), TABLES[name], refs=refs)
        problems += [FileIssue(file, i) for i in report.errors]
        if report.frame is None:
            continue
        frames[name] = report.frame
        keys = _references(name, report.frame)
        if keys is not None:
            refs[name] = keys
    return frames, refs, problems


def _load_voortgang(
    folder: Path, refs: Mapping[str, frozenset[str]]
) -> tuple[pl.DataFrame, list[FileIssue]]:
    """``voortgang.csv`` when there is one (and ``interventies`` was valid), else empty."""
    path = folder / "voortgang.csv"
    if not path.is_file() or "interventies" not in refs:
        return empty_frame("voortgang"), []
    report = validate_table(_read_text(path), TABLES["voortgang"], refs=refs)
    problems = [FileIssue("voortgang.csv", i) for i in report.errors]
    if report.frame is None:
        return empty_frame("voortgang"), problems
    return complete_columns(report.frame, "voortgang"), problems
