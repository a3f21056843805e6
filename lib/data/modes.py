"""Publish modes: what an uploaded table does to the current one, and what that changes.

Plain Polars, no I/O. ``plan(table, current, upload, mode)`` gives the table after publishing,
the rows added, changed and removed per municipality, and whether the content stays the same
(``content_checksum``). The store calls it inside its lock; the Data page and the command line
call it for the preview and the confirmation.

The four modes, safest first (``DEFAULT_MODE`` is ``bijwerken``):

- ``toevoegen`` adds new rows and refuses rows whose key is already there (naming them); a
  file whose rows are all there already, unchanged, changes nothing.
- ``bijwerken`` adds new rows and updates the rows whose key is there, in place; other rows stay.
- ``gemeenten`` replaces every row of the municipalities in the file (``lib.data.scope``).
- ``alles`` replaces the whole table.

The key of a row is ``interventie_id`` in ``interventies`` and (``interventie_id``,
``periode``) in ``voortgang``: updating progress replaces the status of that intervention in
that period, and a row of ``voortgang`` belongs to the municipality of its intervention in the
current ``interventies``. The context tables (population, crimes, ...) are published whole.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Final, Literal

import polars as pl

from lib.contract.resources import BASE_TABLES
from lib.data.diff import Diff, diff_frames
from lib.data.frames import table_key
from lib.data.scope import municipalities, replace_municipalities
from lib.data.store_errors import ScopeError, StoreError, UnsupportedFrame

Mode = Literal["toevoegen", "bijwerken", "gemeenten", "alles"]

MODES: Final[tuple[Mode, ...]] = ("bijwerken", "toevoegen", "gemeenten", "alles")
"""Every mode, the default first."""
DEFAULT_MODE: Final[Mode] = "bijwerken"
WHOLE_TABLE: Final[tuple[Mode, ...]] = ("alles",)
COUNTS: Final = ("toegevoegd", "gewijzigd", "verwijderd")
"""The count columns of ``Plan.changes``."""
SHOWN_KEYS: Final = 10
"""How many keys a refusal names (then: and N more)."""
_POS: Final = "__pmg_pos"
_CHUNK: Final = 100_000


class ExistingRows(StoreError):
    """``toevoegen``: rows with these keys are in the current table already."""

    default_key = "store.mode.existing"


class DuplicateKeys(StoreError):
    """The upload has the same key more than once (it cannot say which row wins)."""

    default_key = "store.mode.duplicate"


class RemovalsNotConfirmed(StoreError):
    """Rows would be removed and that exact number was not confirmed."""

    default_key = "store.removals.unconfirmed"


class NothingChanged(StoreError):
    """The table after publishing would be the current one: no version is made."""

    default_key = "store.unchanged"


def modes_for(table: str) -> tuple[Mode, ...]:
    """The modes ``table`` can be published with (the first is its default)."""
    return MODES if table in BASE_TABLES else WHOLE_TABLE


def check_mode(table: str, mode: str) -> Mode:
    """``mode`` when ``table`` can be published with it; else ``ScopeError``."""
    if mode not in MODES:
        raise ScopeError(f"unknown mode {mode!r}", key="store.unknown_scope", scope=mode)
    if mode not in modes_for(table):
        raise ScopeError(f"table {table!r} is published whole", key="store.mode.whole", tabel=table)
    return mode


@dataclass(frozen=True)
class Plan:
    """A publication worked out: ``frame`` is the table after it, ``before_rows`` the rows of
    the current table and ``removed`` how many of them go. With the detail (for a preview):
    ``diff``, the rows added, removed and changed (see ``table_diff``), and ``changes``, one
    row per municipality with something added, changed or removed (``gemeentecode``, null when
    unknown, and ``COUNTS``), by code; without it both are empty."""

    table: str
    mode: Mode
    frame: pl.DataFrame
    before_rows: int
    removed: int
    identical: bool
    diff: Diff
    changes: pl.DataFrame

    def _total(self, column: str) -> int:
        return int(self.changes.get_column(column).sum())

    @property
    def added(self) -> int:
        return self._total("toegevoegd")

    @property
    def changed(self) -> int:
        return self._total("gewijzigd")

    @property
    def needs_typed_number(self) -> bool:
        """More than half of the current table goes: the number must be typed, not ticked."""
        return self.removed * 2 > self.before_rows


def plan(
    table: str,
    current: pl.DataFrame,
    upload: pl.DataFrame,
    mode: str,
    *,
    owners: pl.DataFrame | None = None,
    detail: bool = True,
) -> Plan:
    """What publishing ``upload`` as ``table`` in ``mode`` does to ``current``.

    ``owners`` is the current ``interventies`` (``interventie_id``, ``gemeentecode``): the
    municipality of a row of ``voortgang``. ``detail=False`` (the store, inside its lock)
    skips the cell-by-cell differences and the counts per municipality. Raises
    ``ExistingRows``, ``DuplicateKeys``, ``ScopeError`` or ``UnsupportedFrame`` when the mode
    cannot be applied.
    """
    checked = check_mode(table, mode)
    after = merge(table, current, upload, checked, owners=owners)
    size = current.height
    nothing = table_diff(table, current.head(0), current.head(0))
    if content_checksum(after) == content_checksum(current):
        return Plan(table, checked, after, size, 0, True, nothing, _empty_changes())
    if not detail:
        gone = removed_rows(table, current, after)
        return Plan(table, checked, after, size, gone, False, nothing, _empty_changes())
    diff = table_diff(table, current, after)
    changes = changes_by_municipality(table, diff, after, owners=owners)
    return Plan(table, checked, after, size, diff.removed.height, False, diff, changes)


def removed_rows(table: str, before: pl.DataFrame, after: pl.DataFrame) -> int:
    """How many rows of ``before`` are not in ``after``: by key, a key that is there more
    often before than after counted by the difference, as ``table_diff`` counts occurrences
    (without comparing any cell)."""
    if table not in BASE_TABLES:
        return table_diff(table, before, after).removed.height
    key = list(table_key(table))
    old = before.group_by(key).len("voor")
    new = after.group_by(key).len("na")
    counts = pl.col("voor").cast(pl.Int64) - pl.col("na").cast(pl.Int64).fill_null(0)
    gone = counts.clip(lower_bound=0).sum()
    return int(old.join(new, on=key, how="left", nulls_equal=True).select(gone).item())


def merge(
    table: str,
    current: pl.DataFrame,
    upload: pl.DataFrame,
    mode: Mode,
    *,
    owners: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The table after publishing ``upload`` in ``mode`` (see the module docstring)."""
    if mode == "alles":
        return upload
    if mode == "gemeenten":
        return replace_municipalities(table, upload, current, interventies=lambda: _owners(owners))
    key = table_key(table)
    _check_unique(upload, key)
    _check_types(current, upload)
    if mode == "toevoegen":
        return _add(current, upload, key)
    return _upsert(current, upload, key)


def _owners(owners: pl.DataFrame | None) -> pl.DataFrame:
    if owners is None:
        raise ScopeError("the municipality of a row needs the interventions", tabel="voortgang")
    return owners


def _check_unique(upload: pl.DataFrame, key: tuple[str, ...]) -> None:
    twice = upload.select(key).filter(pl.struct(key).is_duplicated()).unique(maintain_order=True)
    if not twice.is_empty():
        raise DuplicateKeys(
            f"keys more than once: {twice.rows()}", n=twice.height, ids=describe_keys(twice)
        )


def _check_types(current: pl.DataFrame, upload: pl.DataFrame) -> None:
    both = [c for c in upload.columns if c in current.columns]
    clash = [c for c in both if current.schema[c] != upload.schema[c]]
    if clash:
        raise UnsupportedFrame(
            f"column types differ from the current version: {clash}",
            key="store.schema_mismatch",
            kolommen=", ".join(clash),
        )


def describe_keys(keys: pl.DataFrame, shown: int = SHOWN_KEYS) -> str:
    """The first ``shown`` keys as text (``GM0518-001`` or ``GM0518-001 2024-Q2``)."""
    texts = [" ".join("" if v is None else str(v) for v in row) for row in keys.head(shown).rows()]
    more = " …" if keys.height > shown else ""
    return ", ".join(texts) + more


def _add(current: pl.DataFrame, upload: pl.DataFrame, key: tuple[str, ...]) -> pl.DataFrame:
    there = upload.select(key).join(current.select(key), on=key, how="semi", nulls_equal=True)
    if there.is_empty():
        return pl.concat([current, upload], how="diagonal")
    if (
        there.height == upload.height
        and diff_frames(
            current.join(upload.select(key), on=key, how="semi", nulls_equal=True), upload, key
        ).is_empty
    ):
        return current  # every row is there already, as it is: nothing to add
    raise ExistingRows(f"rows that exist: {there.rows()}", n=there.height, ids=describe_keys(there))


def _upsert(current: pl.DataFrame, upload: pl.DataFrame, key: tuple[str, ...]) -> pl.DataFrame:
    """Rows of ``upload`` replace the rows with their key where those are; the others follow."""
    numbered = current.with_row_index(_POS)
    kept = numbered.join(upload.select(key), on=key, how="anti", nulls_equal=True)
    updated = numbered.select(*key, _POS).join(upload, on=key, how="inner", nulls_equal=True)
    new = upload.join(current.select(key), on=key, how="anti", nulls_equal=True,
                      maintain_order="left")  # fmt: skip
    body = pl.concat([kept, updated], how="diagonal").sort(_POS).drop(_POS)
    return pl.concat([body, new], how="diagonal")


# ----------------------------------------------------------------------------- what changes


def _empty_changes() -> pl.DataFrame:
    return pl.DataFrame(schema={"gemeentecode": pl.String, **dict.fromkeys(COUNTS, pl.Int64)})


def table_diff(table: str, before: pl.DataFrame, after: pl.DataFrame) -> Diff:
    """The rows added, removed and changed from ``before`` to ``after``: matched on the table's
    key; a table without one (the context tables) is matched on whole rows, as text, over the
    columns both sides have, so a row that differs is one removed and one added."""
    if table in BASE_TABLES:
        return diff_frames(before, after, table_key(table))
    common = [c for c in after.columns if c in before.columns]
    if not common:
        return Diff((), after, before, pl.DataFrame())
    as_text = [pl.col(c).cast(pl.String) for c in common]
    return diff_frames(before.select(as_text), after.select(as_text), common)


def changes_by_municipality(
    table: str, diff: Diff, after: pl.DataFrame, *, owners: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The rows of ``diff`` added, changed and removed, counted per municipality (a changed
    row counts for the municipality it has in ``after``)."""
    changed = after.head(0)
    if table in BASE_TABLES:
        changed_keys = diff.changed.select(diff.key).unique()
        changed = after.join(changed_keys, on=list(diff.key), how="semi", nulls_equal=True)
    added, removed = diff.added, diff.removed

    def codes(frame: pl.DataFrame, column: str) -> pl.DataFrame:
        found = municipalities(table, frame, lambda: _owners(owners), strict=False)
        kind = pl.repeat(column, frame.height, eager=True)
        return pl.DataFrame({"gemeentecode": found, "soort": kind})

    parts = [codes(added, "toegevoegd"), codes(changed, "gewijzigd"), codes(removed, "verwijderd")]
    long = pl.concat(parts, how="vertical")
    return (
        long.group_by("gemeentecode")
        .agg((pl.col("soort") == c).sum().cast(pl.Int64).alias(c) for c in COUNTS)
        .sort("gemeentecode", nulls_last=True)
    )


def content_checksum(frame: pl.DataFrame) -> str:
    """``sha256:<hex>`` of the content of a table: its column names and types, then its rows
    in order, each as one line of JSON (null, text and numbers kept apart). The same table
    gives the same checksum however it is chunked, stored or read back."""
    digest = hashlib.sha256()
    digest.update(json.dumps([[n, str(d)] for n, d in frame.schema.items()]).encode())
    for chunk in frame.iter_slices(_CHUNK):
        digest.update(chunk.write_ndjson().encode())
    return "sha256:" + digest.hexdigest()


def check(found: Plan, *, confirmed: int | None, version: int) -> None:
    """Whether ``found`` may be published on top of ``version``: ``NothingChanged`` when it
    changes nothing; ``RemovalsNotConfirmed`` unless ``confirmed`` is the exact number of rows
    it removes (None: not asked, for scripts that call the store directly)."""
    if found.identical:
        raise NothingChanged("the content is the current content", versie=version)
    if confirmed is None or confirmed == found.removed:
        return
    if confirmed == 0:
        raise RemovalsNotConfirmed(f"{found.removed} rows would be removed", n=found.removed)
    raise RemovalsNotConfirmed(
        f"{found.removed} rows would be removed, {confirmed} confirmed",
        key="store.removals.mismatch",
        n=found.removed,
        bevestigd=confirmed,
    )
