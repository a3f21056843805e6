"""Find columns that look like personal data, so that such a file is refused, not stored.

The dashboard needs no data about persons. A column is refused when at least half of its
non-empty values (and at least one) look like one kind of personal data:

- ``bsn``: 9 digits (or 8, when a spreadsheet dropped the leading zero), maybe written as
  ``1234.56.782`` or ``123 456 782``, that pass the 11-test (weights 9 to 2 and -1);
- ``email``: an e-mail address anywhere in the cell;
- ``telefoon``: a Dutch (``06-12345678``, ``010-1234567``) or international (``+31 6 ...``)
  phone number;
- ``geboortedatum``: full dates that make a person 0-30 years old, in a column that is not in
  the contract and not named like a programme date (``startdatum``).

A column *named* like personal data (``bsn``, ``geboortedatum``, ``dob``) is refused as soon
as it holds any value.

Every check is a vectorised expression: one ``select`` counts the cells of the right shape in
all columns; the exact test runs only on the cells of a column where enough have that shape.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

import polars as pl

from lib.contract.schema import TABLES
from lib.data.ingest.mapping import keys_of
from lib.data.validate import Issue

KINDS: Final[tuple[str, ...]] = ("bsn", "email", "telefoon", "geboortedatum")
SHARE: Final[float] = 0.5
SAMPLE_ROWS: Final[int] = 20_000  # larger files are probed with a sample of this size first
PROBE_SHARE: Final[float] = 0.4  # a share of a shape in the sample that earns a full count
PROBE_MIN_CELLS: Final[int] = 1_000  # fewer filled cells in the sample: count the column in full
MAX_AGE: Final[int] = 30
BSN_WEIGHTS: Final[tuple[int, ...]] = (9, 8, 7, 6, 5, 4, 3, 2, -1)
EMAIL: Final[str] = r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}"
PHONE: Final[str] = r"^(?:\+|00)[1-9][0-9]{7,13}$|^0[1-9][0-9]{8}$"
# the shape a cell must have before the exact test (which runs only on such cells)
SHAPES: Final[dict[str, str]] = {
    # 123456782, 1234.56.782 or 123 456 782 (not a date such as 01-01-2010)
    "bsn": r"^\s*(?:[0-9]{8,9}|[0-9]{4}[ .][0-9]{2}[ .][0-9]{3}"
    r"|[0-9]{3}[ .\-][0-9]{3}[ .\-][0-9]{3})\s*$",
    "email": "@",
    "telefoon": r"^\s*[+0(][0-9 ()+.\-]{7,30}\s*$",
    "geboortedatum": r"^\s*[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}",
}
ISO_DATE: Final[str] = r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T][0-9:.]+)?$"
NL_DATE: Final[str] = r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$"
# keys (see ``lib.data.ingest.mapping.key_expr``) of column names that announce personal data
# by name
NAME_HINTS: Final[dict[str, tuple[str, ...]]] = {
    "bsn": ("bsn", "burgerservicenummer", "sofinummer"),
    "geboortedatum": ("geboorte", "gebdat", "gebdatum", "geboren", "dob", "birth"),
}
# keys of column names that announce a date of the programme, not of a person
PROGRAMME_DATES: Final[tuple[str, ...]] = (
    "start",
    "eind",
    "begin",
    "periode",
    "peil",
    "datum_update",
    "gewijzigd",
    "aangemaakt",
)
CONTRACT_COLUMNS: Final[frozenset[str]] = frozenset(
    c.name for table in TABLES.values() for c in table.columns
)


def _hinted(key: str, kind: str) -> bool:
    """A long hint anywhere in the name; a short one (``bsn``, ``dob``) at its start or end."""
    return any(
        h in key if len(h) > 3 else key.startswith(h) or key.endswith(h)
        for h in NAME_HINTS.get(kind, ())
    )


def _bsn(v: pl.Expr) -> pl.Expr:
    digits = v.str.replace_all(r"[\s.\-]", "")
    padded = digits.str.zfill(9)
    total = pl.sum_horizontal(
        padded.str.slice(i, 1).cast(pl.Int64, strict=False) * weight
        for i, weight in enumerate(BSN_WEIGHTS)
    )
    return (
        digits.str.contains(r"^[0-9]{8,9}$") & (padded != "000000000") & ((total % 11) == 0)
    ).fill_null(False)


def _phone(v: pl.Expr) -> pl.Expr:
    return v.str.replace_all(r"[\s\-().]", "").str.contains(PHONE).fill_null(False)


def _birth_date(v: pl.Expr, today: date) -> pl.Expr:
    year = pl.coalesce(v.str.extract(ISO_DATE, 1), v.str.extract(NL_DATE, 3)).cast(pl.Int64)
    month = pl.coalesce(v.str.extract(ISO_DATE, 2), v.str.extract(NL_DATE, 2)).cast(pl.Int64)
    day = pl.coalesce(v.str.extract(ISO_DATE, 3), v.str.extract(NL_DATE, 1)).cast(pl.Int64)
    return (
        year.is_between(today.year - MAX_AGE, today.year)
        & month.is_between(1, 12)
        & day.is_between(1, 31)
    ).fill_null(False)


def _exact(kind: str, v: pl.Expr, today: date) -> pl.Expr:
    if kind == "bsn":
        return _bsn(v)
    if kind == "email":
        return v.str.contains(EMAIL).fill_null(False)
    if kind == "telefoon":
        return _phone(v)
    return _birth_date(v, today)


def _stats(i: int, name: str) -> list[pl.Expr]:
    """Non-empty cells and cells of each shape in column ``name`` (number ``i``)."""
    return [
        pl.col(name).str.contains(r"\S").sum().alias(f"{i}:n"),
        *(
            pl.col(name).str.contains(shape, literal=kind == "email").sum().alias(f"{i}:{kind}")
            for kind, shape in SHAPES.items()
        ),
    ]


def _shape_counts(
    frame: pl.DataFrame, columns: list[str], name_keys: Mapping[str, str]
) -> dict[str, int]:
    """``{i}:n`` and ``{i}:{kind}`` counts of the columns that may hold personal data.

    A large file is first probed with a fixed random sample of ``SAMPLE_ROWS`` rows: a column
    whose sample has at least ``PROBE_MIN_CELLS`` filled cells and less than ``PROBE_SHARE``
    of any shape (well below the ``SHARE`` of the rule: with 1,000 cells or more, sampling
    error cannot hide a column that meets it) is left out; the others, sparse columns and
    every column with a telling name are counted in full.
    """
    return _probe(frame, columns, name_keys)[0]


def _probe(
    frame: pl.DataFrame, columns: list[str], name_keys: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, int]]:
    """``_shape_counts``, and the counts of the sample (empty when there was none)."""
    every = list(enumerate(columns))
    if frame.height <= SAMPLE_ROWS:
        return _count(frame, every), {}
    sampled = _count(frame.select(columns).sample(SAMPLE_ROWS, seed=0), every)
    keep = [
        (i, name)
        for i, name in enumerate(columns)
        if sampled[f"{i}:n"] < PROBE_MIN_CELLS  # too few filled cells in the sample to judge
        or any(_hinted(name_keys[name], kind) for kind in KINDS)
        or any(sampled[f"{i}:{kind}"] >= PROBE_SHARE * sampled[f"{i}:n"] for kind in KINDS)
    ]
    return (_count(frame, keep) if keep else {}), sampled


def _count(frame: pl.DataFrame, columns: list[tuple[int, str]]) -> dict[str, int]:
    row = frame.select(e for i, name in columns for e in _stats(i, name)).row(0, named=True)
    return {key: int(value) for key, value in row.items()}


def personal_data_issues(
    frame: pl.DataFrame, *, today: date | None = None, contract: Collection[str] | None = None
) -> list[Issue]:
    """One ``personal_data`` error per column that looks like personal data (row None).

    ``contract`` names the columns of the uploaded table (default: every column of the
    contract); dates in those columns are never taken for dates of birth. A first pass counts
    cells of the right *shape* per column (cheap anchored patterns, all columns at once); the
    exact test (11-test, date ranges) runs only where enough cells have that shape.
    """
    columns = [c for c in frame.columns if frame.schema[c] == pl.String]
    if not columns or frame.height == 0:
        return []
    today = today or date.today()
    known = CONTRACT_COLUMNS if contract is None else frozenset(contract)
    found = ((c.name, _personal_kind(c, today)) for c in _judged(frame, columns, known))
    return [
        Issue("personal_data", name, None, None, "error", {"kind": kind})
        for name, kind in found
        if kind is not None
    ]


@dataclass(frozen=True)
class _Column:
    """A text column to judge: its cells, its name key and its counts (``n`` and per kind)."""

    frame: pl.DataFrame
    name: str
    key: str
    counts: Mapping[str, int]
    programme_date: bool  # a column of the contract, or named like a date of the programme


def _judged(frame: pl.DataFrame, columns: list[str], known: frozenset[str]) -> list[_Column]:
    """The text columns with their counts, except those the sample rules out
    (see ``_shape_counts``)."""
    name_keys = dict(zip(columns, keys_of(columns), strict=True))
    programme = keys_of(PROGRAMME_DATES)
    counts = _shape_counts(frame, columns, name_keys)
    return [
        _Column(
            frame,
            name,
            name_keys[name],
            _column_counts(counts, i),
            name in known or any(word in name_keys[name] for word in programme),
        )
        for i, name in enumerate(columns)
        if f"{i}:n" in counts
    ]


def _column_counts(counts: Mapping[str, int], i: int) -> dict[str, int]:
    """``n`` and the count of each kind's shape of column number ``i``."""
    return {kind: int(counts[f"{i}:{kind}"]) for kind in ("n", *KINDS)}


def _personal_kind(column: _Column, today: date) -> str | None:
    """The kind of personal data ``column`` holds, or None.

    A column named like personal data is that kind as soon as it holds a value; otherwise the
    first kind whose shape and exact test both reach the share of the filled cells.
    """
    n = column.counts["n"]
    if n == 0:
        return None
    hinted = [kind for kind in KINDS if _hinted(column.key, kind)]
    if hinted:
        return hinted[0]
    needed = max(1.0, SHARE * n)
    shaped = _shaped_kinds(column, needed)
    return next((k for k in shaped if _exact_count(column, k, today) >= needed), None)


def _shaped_kinds(column: _Column, needed: float) -> list[str]:
    """The kinds whose shape ``needed`` cells have (a date of the programme is no birth date)."""
    birth_dates = not column.programme_date
    return [
        kind
        for kind in KINDS
        if column.counts[kind] >= needed and (kind != "geboortedatum" or birth_dates)
    ]


def _exact_count(column: _Column, kind: str, today: date) -> int:
    """The cells of ``column`` that have the shape of ``kind`` and pass its exact test."""
    cells = column.frame.get_column(column.name)
    shaped = cells.filter(cells.str.contains(SHAPES[kind], literal=kind == "email"))
    exact = _exact(kind, pl.col(column.name).str.strip_chars(), today).sum()
    return int(shaped.to_frame().select(exact).item())


# ----------------------------------------------------------------------------- in batches


class PersonalData:
    """``personal_data_issues`` for a file read in batches: counts are added batch by batch
    (each batch probed with its own sample, as above; a column the sample rules out adds the
    sample's counts scaled to the batch), and the rule is applied to the totals at the end."""

    def __init__(self, *, today: date, contract: Collection[str]) -> None:
        self.today = today
        self.known = frozenset(contract)
        self.totals: dict[str, dict[str, float]] = {}

    def add(self, frame: pl.DataFrame) -> None:
        columns = [c for c in frame.columns if frame.schema[c] == pl.String]
        if not columns or frame.height == 0:
            return
        name_keys = dict(zip(columns, keys_of(columns), strict=True))
        counts, sampled = _probe(frame, columns, name_keys)
        scale = frame.height / min(frame.height, SAMPLE_ROWS)
        for i, name in enumerate(columns):
            total = self.totals.setdefault(name, dict.fromkeys(("n", *KINDS, *_EXACT), 0.0))
            if f"{i}:n" in counts:
                column = _Column(frame, name, name_keys[name], _column_counts(counts, i), False)
                self._add_counted(total, column)
            else:  # ruled out by the sample: its counts, scaled to the batch
                _add_estimate(total, {k: sampled[f"{i}:{k}"] * scale for k in ("n", *KINDS)})

    def _add_counted(self, total: dict[str, float], column: _Column) -> None:
        for kind in ("n", *KINDS):
            total[kind] += column.counts[kind]
            if kind != "n" and column.counts[kind]:
                total[f"exact:{kind}"] += _exact_count(column, kind, self.today)

    def issues(self) -> list[Issue]:
        """One ``personal_data`` error per column whose totals meet the rule."""
        programme = keys_of(PROGRAMME_DATES)
        names = list(self.totals)
        found: list[Issue] = []
        for name, key in zip(names, keys_of(names) if names else [], strict=True):
            total = self.totals[name]
            dates_ok = name in self.known or any(word in key for word in programme)
            kind = _kind_of_totals(total, key, programme_date=dates_ok)
            if kind is not None:
                found.append(Issue("personal_data", name, None, None, "error", {"kind": kind}))
        return found


_EXACT: Final[tuple[str, ...]] = tuple(f"exact:{kind}" for kind in KINDS)


def _add_estimate(total: dict[str, float], estimate: Mapping[str, float]) -> None:
    """Counts estimated from a sample; the exact test is taken to pass for every shape (the
    sample put the column well below the share of the rule)."""
    for kind, value in estimate.items():
        total[kind] += value
        if kind != "n":
            total[f"exact:{kind}"] += value


def _kind_of_totals(total: Mapping[str, float], key: str, *, programme_date: bool) -> str | None:
    """``_personal_kind`` on totals: a telling name, else the first kind whose shape and
    exact test both reach the share of the filled cells."""
    n = total["n"]
    if n <= 0:
        return None
    hinted = [kind for kind in KINDS if _hinted(key, kind)]
    if hinted:
        return hinted[0]
    needed = max(1.0, SHARE * n)
    for kind in KINDS:
        if kind == "geboortedatum" and programme_date:
            continue
        if total[kind] >= needed and total[f"exact:{kind}"] >= needed:
            return kind
    return None
