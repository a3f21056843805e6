"""Check a text table against the contract in ``lib.contract.schema``; never raises on user data.

Tier 1 checks shape and types (every column read as text, then cast with ``strict=False``: a
non-empty cell that became null is a type error); tier 2 checks the rules (required, enum,
range, pattern, uniqueness, references). Each check is a vectorised Polars expression that
returns every offending row at once. Row numbers are as a spreadsheet shows them: the header
is row 1, the first data row is row 2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from lib.contract.schema import MULTI_SEPARATOR, Column, Table

Severity = Literal["error", "warning"]
TRUE_WORDS: tuple[str, ...] = ("true", "waar", "ja", "j", "yes", "y", "1", "x")
FALSE_WORDS: tuple[str, ...] = ("false", "onwaar", "nee", "n", "no", "0")
_ROW = "__rij"
HEADER_ROWS = 1
SHOWN = 1_000  # issues of one kind in one column that are listed one by one


@dataclass(frozen=True)
class Issue:
    """One problem in a table. ``row`` is the spreadsheet row (header = 1), None for the file.

    A plain value: ``code`` and ``params`` say what is wrong, ``lib.text.reports`` says it in
    words.
    """

    code: str
    column: str | None
    row: int | None
    value: str | None
    severity: Severity = "error"
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ValidationReport:
    """Every issue found, and the typed frame when there is no error."""

    table: str
    issues: tuple[Issue, ...]
    frame: pl.DataFrame | None

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors


def capped(issues: list[Issue], hits: int, column: str | None, code: str) -> list[Issue]:
    """``issues`` (the first ``SHOWN`` of ``hits``) and, when some were left out, one issue
    that says how many more rows of ``column`` have this problem (``code``)."""
    if hits <= len(issues):
        return issues
    severity: Severity = issues[0].severity if issues else "error"
    params = {"n": hits - len(issues), "shown": float(len(issues)), "code": code}
    return [*issues, Issue("more_rows", column, None, None, severity, params)]


def _blank_to_null(text: pl.DataFrame) -> pl.DataFrame:
    """Cells stripped of surrounding white space; empty cells null.

    Only columns with such white space are stripped: the others keep sharing the memory of
    ``text`` (a stripped copy of a 50 MB upload would be another 50 MB).
    """
    if not text.columns:
        return text
    text = text.with_columns(
        pl.col(c).cast(pl.String) for c, t in text.schema.items() if t != pl.String
    )
    found = text.select(
        expr
        for c in text.columns
        for expr in (
            pl.col(c).str.contains(r"^\s|\s$").any().alias(f"p{c}"),
            (pl.col(c).str.len_bytes() == 0).any().alias(f"e{c}"),
        )
    ).row(0, named=True)

    def cleaned(name: str, strip: bool) -> pl.Expr:
        value = pl.col(name).str.strip_chars() if strip else pl.col(name)
        return pl.when(value.str.len_bytes() > 0).then(value).alias(name)

    # a column without padded or empty cells stays as it is (a new one would be a copy)
    return text.with_columns(
        cleaned(c, bool(found[f"p{c}"])) for c in text.columns if found[f"p{c}"] or found[f"e{c}"]
    )


def _cast_expr(col: Column) -> pl.Expr:
    raw = pl.col(col.name)
    if col.dtype == "int":
        return raw.cast(pl.Int64, strict=False)
    if col.dtype == "float":
        # A decimal comma (``12.500,50``) is read as Dutch notation: dots group thousands.
        dutch = raw.str.contains(
            r"^[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$"
        ) & raw.str.contains(",", literal=True)
        text = (
            pl.when(dutch)
            .then(raw.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
            .otherwise(raw)
        )
        number = text.cast(pl.Float64, strict=False)
        return pl.when(number.is_finite()).then(number)
    if col.dtype == "bool":
        words = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
        return raw.str.to_lowercase().replace_strict(words, default=None, return_dtype=pl.Boolean)
    return raw


def _typed(name: str) -> str:
    return f"__typed_{name}"


@dataclass(frozen=True)
class _Check:
    """One rule on one column: ``bad`` marks the rows that break it.

    ``known`` is set for a multi-valued reference: each unknown code is its own issue.
    """

    code: str
    column: str
    bad: pl.Expr
    params: dict[str, object] = field(default_factory=dict)
    known: list[str] | None = None


def _multi_codes(name: str) -> pl.Expr:
    """The codes of a multi-valued cell, stripped, without empty parts."""
    return (
        pl.col(name)
        .str.split(MULTI_SEPARATOR)
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element().str.len_bytes() > 0))
    )


def _column_checks(
    col: Column, refs: Mapping[str, frozenset[str]], *, unique: bool = True
) -> list[_Check]:
    """Every rule of ``col`` as an expression over the text and typed columns, in the order
    the issues of one cell are listed (without uniqueness when not ``unique``)."""
    return [
        *_presence_checks(col),
        *_enum_checks(col),
        *_range_checks(col),
        *_form_checks(col, unique=unique),
        *_reference_checks(col, refs),
    ]


def _presence_checks(col: Column) -> list[_Check]:
    """A required cell is filled; a filled cell has the column's type."""
    text, value = pl.col(col.name), pl.col(_typed(col.name))
    checks: list[_Check] = []
    if col.required:
        checks.append(_Check("required", col.name, text.is_null()))
    if col.dtype != "str":
        checks.append(_Check(f"type_{col.dtype}", col.name, text.is_not_null() & value.is_null()))
    return checks


def _enum_checks(col: Column) -> list[_Check]:
    if col.enum is None or col.multi:
        return []
    text = pl.col(col.name)
    bad = text.is_not_null() & ~text.is_in(col.enum)
    return [_Check("enum", col.name, bad, {"allowed": ", ".join(col.enum)})]


def _range_checks(col: Column) -> list[_Check]:
    if col.dtype not in ("int", "float"):
        return []
    value = pl.col(_typed(col.name))
    checks: list[_Check] = []
    if col.minimum is not None:
        bad = (value < col.minimum).fill_null(False)
        checks.append(_Check("minimum", col.name, bad, {"minimum": col.minimum}))
    if col.maximum is not None:
        bad = (value > col.maximum).fill_null(False)
        checks.append(_Check("maximum", col.name, bad, {"maximum": col.maximum}))
    return checks


def _form_checks(col: Column, *, unique: bool = True) -> list[_Check]:
    """The pattern of a filled cell, and its uniqueness."""
    text = pl.col(col.name)
    present = text.is_not_null()
    checks: list[_Check] = []
    if col.pattern is not None:
        bad = present & ~text.str.contains(col.pattern)
        checks.append(_Check("pattern", col.name, bad, {"pattern": col.pattern}))
    if col.unique and unique:
        checks.append(_Check("duplicate", col.name, present & text.is_duplicated()))
    return checks


def _reference_checks(col: Column, refs: Mapping[str, frozenset[str]]) -> list[_Check]:
    """Codes that the referenced table lists (checked only when that table is known)."""
    if col.references is None or col.references[0] not in refs:
        return []
    known = list(refs[col.references[0]])
    table: dict[str, object] = {"table": col.references[0]}
    if col.multi:
        unknown = _multi_codes(col.name).list.eval(~pl.element().is_in(known)).list.any()
        return [_Check("reference", col.name, unknown.fill_null(False), table, known)]
    text = pl.col(col.name)
    return [_Check("reference", col.name, text.is_not_null() & ~text.is_in(known), table)]


def _pair_checks(table: Table, present: Sequence[str]) -> list[_Check]:
    """A combination of columns that may occur only once (when all of them are present)."""
    pair = table.unique_together
    if not pair or not all(name in present for name in pair):
        return []
    both_present = pl.all_horizontal(pl.col(name).is_not_null() for name in pair)
    names = " + ".join(f"'{name}'" for name in pair)
    bad = both_present & pl.struct(*pair).is_duplicated()
    return [_Check("duplicate_pair", pair[-1], bad, {"kolommen": names})]


def _check_issues(rows: pl.DataFrame, check: _Check) -> list[Issue]:
    """The issues of ``check`` in ``rows`` (the rows that break it)."""
    name = check.column
    if check.known is None:
        cells = rows.select(_ROW, pl.col(name).cast(pl.String))
    else:
        cells = (
            rows.select(_ROW, _multi_codes(name).alias("_code"))
            .explode("_code")
            .filter(pl.col("_code").is_not_null() & ~pl.col("_code").is_in(check.known))
        )
    shown = [
        Issue(check.code, name, int(r), v, "error", check.params)
        for r, v in cells.head(SHOWN).iter_rows()
    ]
    return capped(shown, cells.height, name, check.code)


def _header_issues(text: pl.DataFrame, table: Table) -> list[Issue]:
    """A required column that is missing (an error); a column the contract does not know."""
    known = set(table.names)
    missing = [
        Issue("missing_column", c.name, None, None)
        for c in table.columns
        if c.present == "required" and c.name not in text.columns
    ]
    unknown = [
        Issue("unknown_column", name, None, None, "warning")
        for name in text.columns
        if name not in known
    ]
    return [*missing, *unknown]


def _rule_issues(clean: pl.DataFrame, typed: pl.DataFrame, checks: Sequence[_Check]) -> list[Issue]:
    """The issues of every check, found in one pass over ``typed`` (text and typed columns)."""
    if not checks or not typed.height:
        return []
    # one pass: every rule of every column in a single query, evaluated in parallel
    masks = typed.select(check.bad.alias(str(i)) for i, check in enumerate(checks))
    broken = masks.select(pl.all().any()).row(0)
    return [
        issue
        for i, hit in enumerate(broken)
        if hit
        for issue in _check_issues(
            clean.select(_ROW, checks[i].column).filter(masks.to_series(i)), checks[i]
        )
    ]


def _cell_order(table: Table) -> Callable[[Issue], tuple[int, int]]:
    """Sort key of an issue: its row, then the place of its column in the contract."""
    place = {name: i for i, name in enumerate(table.names)}

    def key(issue: Issue) -> tuple[int, int]:
        return (issue.row or 0, place.get(issue.column or "", 0))

    return key


def _text_and_typed(
    text: pl.DataFrame, columns: Sequence[Column]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The contract's columns as clean text (with the spreadsheet row), and beside each its
    typed twin (``_typed``)."""
    clean = _blank_to_null(text.select([c.name for c in columns])).with_row_index(
        _ROW, offset=HEADER_ROWS + 1
    )
    return clean, clean.with_columns(_cast_expr(c).alias(_typed(c.name)) for c in columns)


def _all_checks(
    table: Table, columns: Sequence[Column], refs: Mapping[str, frozenset[str]], *, unique: bool
) -> list[_Check]:
    """Every rule of every present column, then the combination of ``unique_together``."""
    checks = [check for col in columns for check in _column_checks(col, refs, unique=unique)]
    return [*checks, *(_pair_checks(table, [c.name for c in columns]) if unique else [])]


def key_columns(table: Table, present: Sequence[str]) -> list[str]:
    """The columns whose values must be unique (alone, or together): the ones
    ``duplicate_issues`` needs of every row of a file validated in batches."""
    pair = list(table.unique_together or ())
    single = [c.name for c in table.columns if c.unique and c.name in present]
    together = pair if pair and all(name in present for name in pair) else []
    return list(dict.fromkeys([*single, *together]))


def clean_keys(text: pl.DataFrame, names: Sequence[str]) -> pl.DataFrame:
    """``names`` of ``text`` as the validator compares them (stripped, empty as null)."""
    return _blank_to_null(text.select(names))


def duplicate_issues(keys: pl.DataFrame, rows: pl.Series, table: Table) -> list[Issue]:
    """The uniqueness rules over a whole file, from its cleaned key columns (``clean_keys``)
    and the spreadsheet row of each.

    Each rule first looks for a repeated 64-bit hash in the sorted hashes (8 bytes a row, where
    a hash table of the texts would take about the size of the file); only the rows whose hash
    repeats are then compared by their text.
    """
    if keys.is_empty():
        return []
    framed = keys.with_columns(rows.alias(_ROW))
    checks = _pair_checks(table, keys.columns) + [
        _Check("duplicate", c.name, pl.col(c.name).is_duplicated())
        for c in table.columns
        if c.unique and c.name in keys.columns
    ]
    issues: list[Issue] = []
    for check in checks:
        pair = check.code == "duplicate_pair"
        candidates = _repeated(
            framed, list(table.unique_together or ()) if pair else [check.column]
        )
        if candidates is not None:
            issues += _rule_issues(candidates, candidates, [check])
    return issues


def _repeated(framed: pl.DataFrame, names: list[str]) -> pl.DataFrame | None:
    """The rows (all of ``names`` filled) whose hash of ``names`` occurs more than once."""
    key = pl.struct(names).hash(seed=0) if len(names) > 1 else pl.col(names[0]).hash(seed=0)
    present = pl.all_horizontal(pl.col(n).is_not_null() for n in names)
    hashes = framed.select(key.filter(present)).to_series().sort()
    repeated = hashes.filter((hashes == hashes.shift(1)).fill_null(False)).unique()
    del hashes
    if repeated.is_empty():
        return None
    return framed.filter(present & key.is_in(repeated.implode()))


def _is_valid(issues: Sequence[Issue]) -> bool:
    return not any(i.severity == "error" for i in issues)


def validate_table(
    text: pl.DataFrame,
    table: Table,
    *,
    refs: Mapping[str, frozenset[str]] | None = None,
    unique: bool = True,
) -> ValidationReport:
    """Check ``text`` (every column a string) against ``table``; collect every issue.

    A batch of a larger file is checked with ``unique=False``: uniqueness is a rule of the
    whole file (``duplicate_issues``)."""
    issues = _header_issues(text, table)
    if not _is_valid(issues):  # a required column is missing: no rule can be checked
        return ValidationReport(table.name, tuple(issues), None)
    columns = [c for c in table.columns if c.name in text.columns]
    clean, both = _text_and_typed(text, columns)
    issues += _rule_issues(clean, both, _all_checks(table, columns, refs or {}, unique=unique))
    issues.sort(key=_cell_order(table))
    if not _is_valid(issues):
        return ValidationReport(table.name, tuple(issues), None)
    typed = both.select(pl.col(_typed(c.name)).alias(c.name) for c in columns)
    return ValidationReport(table.name, tuple(issues), typed)
