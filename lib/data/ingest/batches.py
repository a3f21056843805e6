"""``prepare`` in batches: the file is read, mapped and validated piece by piece, so the text of
the whole file is never in memory at once, only the checked (typed) frame it becomes.

A CSV file comes in the pieces of its reader (``read.CsvStream``), a workbook's sheet in
slices of ``BATCH_ROWS`` rows. Each batch is named by the header (a column without a header is
``kolom_<n>``, its place in the file, and is left out where it is empty), gets the decimal mark
that the first batch voted for, is checked for formulas and personal data, mapped to codes,
validated and typed. What holds for the whole file is decided at the end: personal data (on
the counts of every batch, ``privacy.PersonalData``), uniqueness (on the key columns of every
row, ``validate.duplicate_issues``), and whether anything remains.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

import polars as pl

from lib.contract.schema import Table
from lib.data.ingest.checks import (
    Prepared,
    formula_issues,
    header_cells,
    plausibility_issues,
    recapped,
    renumber,
    report,
)
from lib.data.ingest.grid import Dialect, Grid, blank, blank_rows, file_error
from lib.data.ingest.headers import name_columns
from lib.data.ingest.mapping import Applied, map_values
from lib.data.ingest.numbers import Decimal, normalise_numbers
from lib.data.ingest.privacy import PersonalData
from lib.data.ingest.read import CsvStream
from lib.data.validate import Issue, clean_keys, duplicate_issues, key_columns, validate_table

BATCH_ROWS: Final[int] = 100_000  # rows of a workbook's sheet per batch

Batches = Iterator[tuple[pl.DataFrame, pl.Series]]


@dataclass(frozen=True)
class Context:
    """What every batch is checked against."""

    table: Table
    gemeenten: pl.DataFrame
    themas: pl.DataFrame
    refs: dict[str, frozenset[str]]
    today: date


@dataclass
class _State:
    """What the batches found so far."""

    names: list[str]
    nameless: frozenset[str]
    privacy: PersonalData
    issues: list[Issue] = field(default_factory=list)
    header: dict[tuple[str, str | None], Issue] = field(default_factory=dict)
    applied: dict[tuple[str, str, str], int] = field(default_factory=dict)
    typed: list[pl.DataFrame] = field(default_factory=list)
    keys: list[pl.DataFrame] = field(default_factory=list)
    rows: list[pl.Series] = field(default_factory=list)
    decimal: Decimal | None = None
    thousands: str | None = None
    filled: bool = False  # a named column, or a column without a header that holds a value
    height: int = 0
    dropped: list[int] = field(default_factory=lambda: [0])  # empty rows left out
    errors: bool = False


def _csv_batches(stream: CsvStream) -> tuple[tuple[object, ...], int, Batches] | None:
    """The header row, its spreadsheet row and the body of a CSV file; None without rows."""
    batches = stream.batches()
    first = next(batches, None)
    if first is None:
        return None
    frame, rows = first
    body = ((frame.slice(1), rows.slice(1)),)
    return frame.row(0), int(rows[0]), _joined(b for part in (body, batches) for b in part)


def _joined(pieces: Batches) -> Batches:
    """Pieces put together into batches of about ``BATCH_ROWS`` rows (fewer, larger batches
    check faster; a batch stays small beside the file)."""
    frames: list[pl.DataFrame] = []
    rows: list[pl.Series] = []
    for frame, numbers in pieces:
        frames.append(frame)
        rows.append(numbers)
        if sum(f.height for f in frames) >= BATCH_ROWS:
            yield pl.concat(frames, rechunk=False), pl.concat(rows)
            frames, rows = [], []
    if frames:
        yield pl.concat(frames, rechunk=False), pl.concat(rows)


def _grid_batches(grid: Grid, dropped: list[int]) -> tuple[tuple[object, ...], int, Batches] | None:
    """The header row, its spreadsheet row and the body of a sheet, in slices (the empty
    rows left out are counted in ``dropped[0]``)."""
    cells = grid.cells
    if cells is None:
        return None
    start = grid.first_row + grid.header + 1

    def slices() -> Batches:
        for offset in range(grid.header + 1, cells.height, BATCH_ROWS):
            frame = cells.slice(offset, BATCH_ROWS)
            rows = pl.int_range(
                start + offset - grid.header - 1,
                start + offset - grid.header - 1 + frame.height,
                eager=True,
            )
            empty = blank_rows(frame)
            if empty is None:
                yield frame, rows
            else:
                dropped[0] += int(empty.sum())
                yield frame.filter(~empty), rows.filter(~empty)

    return cells.row(grid.header), grid.first_row + grid.header, slices()  # fmt: skip


def _named(frame: pl.DataFrame, state: _State) -> pl.DataFrame:
    """A batch with the names of the header; columns without a header only where filled."""
    frame = frame.rename(dict(zip(frame.columns, state.names, strict=True)))
    nameless = [c for c in frame.columns if c in state.nameless]
    if nameless and frame.height:
        empty = frame.select(blank(c).all() for c in nameless).row(0)
        frame = frame.drop(c for c, e in zip(nameless, empty, strict=True) if e)
    state.filled = state.filled or any(c not in state.nameless for c in frame.columns)
    return frame


def _batch(
    frame: pl.DataFrame, rows: pl.Series, state: _State, ctx: Context, delimiter: str | None
) -> None:
    """Check one batch; keep its typed frame and key columns."""
    frame = _named(frame, state)
    if not frame.width or not frame.height:
        return
    frame, state.decimal, thousands = normalise_numbers(frame, ctx.table, delimiter, state.decimal)
    state.thousands = state.thousands or thousands
    state.issues += formula_issues(frame, rows)
    state.privacy.add(frame)
    mapped, applied = map_values(frame, ctx.table, gemeenten=ctx.gemeenten, themas=ctx.themas)
    del frame
    for item in applied:
        key = (item.column, item.original, item.code)
        state.applied[key] = state.applied.get(key, 0) + item.count
    _validate(mapped, rows, state, ctx)


def _validate(mapped: pl.DataFrame, rows: pl.Series, state: _State, ctx: Context) -> None:
    """Validate one mapped batch (all but uniqueness); keep its key columns and typed frame."""
    names = key_columns(ctx.table, mapped.columns)
    if names:
        state.keys.append(clean_keys(mapped, names))
    state.rows.append(rows)
    state.height += mapped.height
    validated = validate_table(mapped, ctx.table, refs=ctx.refs, unique=False)
    for issue in validated.issues:
        if issue.row is None:  # of the header: the same in every batch
            state.header.setdefault((issue.code, issue.column), issue)
    state.issues += renumber([i for i in validated.issues if i.row is not None], rows)
    state.issues += plausibility_issues(mapped, rows, today=ctx.today)
    state.errors = state.errors or validated.frame is None
    if state.errors:
        state.typed.clear()  # no checked frame after an error: no need to keep it
    elif validated.frame is not None:
        state.typed.append(validated.frame)


def _typed(state: _State, issues: list[Issue]) -> pl.DataFrame | None:
    """The checked frame of every batch together; None after an error."""
    errors = state.errors or any(i.severity == "error" for i in issues)
    frame = None if errors or not state.typed else pl.concat(state.typed, how="diagonal")
    state.typed.clear()
    return frame


def _duplicates(state: _State, table: Table) -> list[Issue]:
    """The uniqueness rules over every row (none when a required column is missing: then no
    rule is checked)."""
    if not state.keys or any(i.severity == "error" for i in state.header.values()):
        return []
    keys = pl.concat(state.keys, how="diagonal")
    state.keys.clear()
    return duplicate_issues(keys, pl.concat(state.rows), table)


def _applied(counts: dict[tuple[str, str, str], int], table: Table) -> tuple[Applied, ...]:
    """What was replaced in all batches: per column (in the contract's order), most frequent
    first, then by spelling."""
    order = {name: i for i, name in enumerate(table.names)}
    items = [Applied(c, o, code, n) for (c, o, code), n in counts.items()]
    return tuple(sorted(items, key=lambda a: (order[a.column], -a.count, a.original)))


def prepare_batches(
    source: CsvStream | Grid, dialect: Dialect, ctx: Context, *, read_issues: tuple[Issue, ...]
) -> Prepared:
    """Read, refuse personal data, map, validate and check plausibility, batch by batch."""
    dropped = [0]
    opened = (
        _csv_batches(source) if isinstance(source, CsvStream) else _grid_batches(source, dropped)
    )
    if opened is None:
        return _finish_read(source, dialect, ctx, [file_error("empty_file"), *read_issues])
    cells, _, batches = opened
    header = header_cells(cells)
    names, header_map, header_issues = name_columns(header, ctx.table)
    nameless = frozenset(n for n, h in zip(names, header, strict=True) if not h)
    state = _State(names, nameless, PersonalData(today=ctx.today, contract=ctx.table.names))
    state.dropped = dropped
    for frame, rows in batches:
        _batch(frame, rows, state, ctx, dialect.delimiter)
    dialect = replace(dialect, header_map=header_map)
    if isinstance(source, CsvStream):
        dialect, found, problem = source.outcome()
        dialect = replace(dialect, header_map=header_map)
        if problem is not None:
            return report(dialect, ctx.table, [problem, *found])
        read_issues = (*read_issues, *found)
        state.dropped[0] += source.state.dropped
    return _checked(state, dialect, ctx, [*read_issues, *header_issues])


def _finish_read(
    source: CsvStream | Grid, dialect: Dialect, ctx: Context, issues: list[Issue]
) -> Prepared:
    """The report of a file without a single row (or that could not be read)."""
    if isinstance(source, CsvStream):
        dialect, found, problem = source.outcome()
        issues = [problem] if problem is not None else issues
        issues += found
    return report(dialect, ctx.table, issues)


def _checked(state: _State, dialect: Dialect, ctx: Context, issues: list[Issue]) -> Prepared:
    """The rules of the whole file after the last batch."""
    dropped = state.dropped[0]
    if not state.filled:
        return report(dialect, ctx.table, [file_error("empty_file"), *issues])
    dialect = replace(dialect, decimal=state.decimal or dialect.decimal, thousands=state.thousands)
    if state.height == 0:
        return report(dialect, ctx.table, [*issues, file_error("no_rows")], dropped=dropped)
    privacy = state.privacy.issues()
    if privacy:  # stop: only file-level issues, so no cell of this file is echoed back
        kept = [i for i in issues if i.row is None]
        return report(dialect, ctx.table, [*kept, *privacy], dropped=dropped)
    issues += [*_duplicates(state, ctx.table), *state.header.values(), *state.issues]
    frame = _typed(state, issues)
    return report(dialect, ctx.table, recapped(issues), applied=_applied(state.applied, ctx.table),
                  frame=frame, dropped=dropped)  # fmt: skip
