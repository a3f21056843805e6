"""Check a text table against the contract in ``lib.schema``; never raises on user data.

Tier 1 checks shape and types (every column read as text, then cast with ``strict=False``: a
non-empty cell that became null is a type error); tier 2 checks the rules (required, enum,
range, pattern, uniqueness, references). Each check is a vectorised Polars expression that
returns every offending row at once. Row numbers are as a spreadsheet shows them: the header
is row 1, the first data row is row 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from lib.i18n import CATALOGUE, Lang, fmt_number, t
from lib.schema import MULTI_SEPARATOR, Column, Table

Severity = Literal["error", "warning"]
TRUE_WORDS: tuple[str, ...] = ("true", "waar", "ja", "j", "yes", "y", "1", "x")
FALSE_WORDS: tuple[str, ...] = ("false", "onwaar", "nee", "n", "no", "0")
_ROW = "__rij"
HEADER_ROWS = 1


@dataclass(frozen=True)
class Issue:
    """One problem in a table. ``row`` is the spreadsheet row (header = 1), None for the file."""

    code: str
    column: str | None
    row: int | None
    value: str | None
    severity: Severity = "error"
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        params = {k: _param(k, v, lang) for k, v in self.params.items()}
        return t(f"issue.{self.code}", lang, **{"column": self.column, **params})


def _param(name: str, value: object, lang: Lang) -> object:
    """A parameter as the message shows it: numbers in the language, codes as labels."""
    if isinstance(value, float):
        return fmt_number(value, lang, decimals=_decimals(value))
    if isinstance(value, str) and f"{name}.{value}" in CATALOGUE[lang]:
        return t(f"{name}.{value}", lang)
    return value


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


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


def _blank_to_null(text: pl.DataFrame) -> pl.DataFrame:
    return text.with_columns(
        pl.col(c).cast(pl.String).str.strip_chars().replace("", None) for c in text.columns
    )


def _cast_expr(col: Column) -> pl.Expr:
    raw = pl.col(col.name)
    if col.dtype == "int":
        return raw.cast(pl.Int64, strict=False)
    if col.dtype == "float":
        # A decimal comma (``12.500,50``) is read as Dutch notation: dots group thousands.
        dutch = raw.str.contains(
            r"^[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$"
        ) & raw.str.contains(",")
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


def _rows(
    frame: pl.DataFrame, mask: pl.Expr | pl.Series, column: str
) -> list[tuple[int, str | None]]:
    hits = frame.filter(mask).select(_ROW, pl.col(column).cast(pl.String))
    return [(int(r), v) for r, v in hits.iter_rows()]


def _issues(
    hits: list[tuple[int, str | None]], code: str, column: str, **params: object
) -> list[Issue]:
    return [Issue(code, column, row, value, "error", params) for row, value in hits]


def _column_issues(
    text: pl.DataFrame, typed: pl.DataFrame, col: Column, refs: Mapping[str, frozenset[str]]
) -> list[Issue]:
    name = col.name
    out: list[Issue] = []
    present = pl.col(name).is_not_null()
    out += (
        _issues(_rows(text, pl.col(name).is_null(), name), "required", name) if col.required else []
    )
    bad: pl.Expr | pl.Series
    if col.dtype != "str":
        bad = present & typed.get_column(name).is_null()
        out += _issues(_rows(text, bad, name), f"type_{col.dtype}", name)
    value = typed.get_column(name)
    if col.enum is not None and not col.multi:
        bad = present & ~pl.col(name).is_in(col.enum)
        out += _issues(_rows(text, bad, name), "enum", name, allowed=", ".join(col.enum))
    if col.minimum is not None and col.dtype in ("int", "float"):
        bad = pl.Series(value < col.minimum).fill_null(False)
        out += _issues(_rows(text, bad, name), "minimum", name, minimum=col.minimum)
    if col.maximum is not None and col.dtype in ("int", "float"):
        bad = pl.Series(value > col.maximum).fill_null(False)
        out += _issues(_rows(text, bad, name), "maximum", name, maximum=col.maximum)
    if col.pattern is not None:
        bad = present & ~pl.col(name).str.contains(col.pattern)
        out += _issues(_rows(text, bad, name), "pattern", name, pattern=col.pattern)
    if col.unique:
        bad = present & pl.col(name).is_duplicated()
        out += _issues(_rows(text, bad, name), "duplicate", name)
    if col.references is not None and col.references[0] in refs:
        known = refs[col.references[0]]
        if col.multi:
            parts = (
                text.select(_ROW, pl.col(name).str.split(MULTI_SEPARATOR).alias("_code"))
                .explode("_code")
                .with_columns(pl.col("_code").str.strip_chars())
                .filter(pl.col("_code").is_not_null() & (pl.col("_code") != ""))
                .filter(~pl.col("_code").is_in(list(known)))
            )
            out += [
                Issue("reference", name, int(r), v, "error", {"table": col.references[0]})
                for r, v in parts.select(_ROW, "_code").iter_rows()
            ]
        else:
            bad = present & ~pl.col(name).is_in(list(known))
            out += _issues(_rows(text, bad, name), "reference", name, table=col.references[0])
    return out


def validate_table(
    text: pl.DataFrame,
    table: Table,
    *,
    refs: Mapping[str, frozenset[str]] | None = None,
) -> ValidationReport:
    """Check ``text`` (every column a string) against ``table``; collect every issue."""
    refs = refs or {}
    issues: list[Issue] = []
    known = set(table.names)
    missing = [
        c.name for c in table.columns if c.present == "required" and c.name not in text.columns
    ]
    issues += [Issue("missing_column", name, None, None) for name in missing]
    issues += [
        Issue("unknown_column", name, None, None, "warning")
        for name in text.columns
        if name not in known
    ]
    if missing:
        return ValidationReport(table.name, tuple(issues), None)

    columns = [c for c in table.columns if c.name in text.columns]
    clean = _blank_to_null(text.select([c.name for c in columns])).with_row_index(
        _ROW, offset=HEADER_ROWS + 1
    )
    typed = clean.with_columns(_cast_expr(c).alias(c.name) for c in columns)
    for col in columns:
        issues += _column_issues(clean, typed, col, refs)
    issues.sort(key=lambda i: (i.row or 0, table.names.index(i.column) if i.column in known else 0))
    if any(i.severity == "error" for i in issues):
        return ValidationReport(table.name, tuple(issues), None)
    return ValidationReport(table.name, tuple(issues), typed.drop(_ROW))
