"""The wording of data reports: issue messages, the upload report, how a file was read.

The data layer finds problems and returns them as codes and parameters (``Issue``,
``FileIssue``, ``Dialect``, ``Applied``); this module turns them into sentences in Dutch or
English. A message is ``t(f"issue.{code}", lang, column=..., **params)`` with every parameter
shown as a reader expects it: numbers in the notation of the language, codes by their name.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from lib.contract.codes import LABELS, Lang, is_code_kind
from lib.data.catalog import FileIssue
from lib.data.ingest.grid import ENCODING_NAMES, Dialect
from lib.data.validate import Issue, ValidationReport
from lib.text.formats import fmt_number
from lib.text.i18n import CATALOGUE, t

_DELIMITER_KEYS: Final[dict[str, str]] = {
    ",": "upload.dialect.comma",
    ";": "upload.dialect.semicolon",
    "\t": "upload.dialect.tab",
    "|": "upload.dialect.bar",
    ".": "upload.dialect.full_stop",
}

# ----------------------------------------------------------------------------- issues


def issue_message(issue: Issue, lang: Lang) -> str:
    """What is wrong and what to do, in ``lang``."""
    params = {k: _param(k, v, lang) for k, v in issue.params.items()}
    return t(f"issue.{issue.code}", lang, **{"column": issue.column, **params})


# parameters whose value is a code with a catalogue key family of its own names
_PARAM_LABELS: dict[str, str] = {"kind": "personal_data"}


def _param(name: str, value: object, lang: Lang) -> object:
    """A parameter as the message shows it: numbers in the language, codes as labels."""
    if isinstance(value, float):
        return fmt_number(value, lang, decimals=_decimals(value))
    if isinstance(value, str) and is_code_kind(name) and value in LABELS[name]:
        return LABELS[name][value][lang]
    family = _PARAM_LABELS.get(name)
    if family is not None and isinstance(value, str) and f"{family}.{value}" in CATALOGUE[lang]:
        return t(f"{family}.{value}", lang)
    return value


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def file_issue_message(problem: FileIssue, lang: Lang) -> str:
    """``file, row, column: message`` for an issue of a bundled file."""
    issue = problem.issue
    return t(
        "data_error.line",
        lang,
        bestand=problem.file,
        rij=issue.row if issue.row is not None else "-",
        kolom=issue.column or "-",
        bericht=issue_message(issue, lang),
    )


def issues_frame(report: ValidationReport, lang: Lang) -> pl.DataFrame:
    """One row per issue (row, column, value, severity, code, message), e.g. for a CSV."""
    return pl.DataFrame(
        {
            "row": [i.row for i in report.issues],
            "column": [i.column for i in report.issues],
            "value": [i.value for i in report.issues],
            "severity": [i.severity for i in report.issues],
            "code": [i.code for i in report.issues],
            "message": [issue_message(i, lang) for i in report.issues],
        },
        schema={
            "row": pl.Int64,
            "column": pl.String,
            "value": pl.String,
            "severity": pl.String,
            "code": pl.String,
            "message": pl.String,
        },
    )


def to_json_report(report: ValidationReport, lang: Lang) -> dict[str, object]:
    """``{"table", "ok", "errors": [...], "warnings": [...]}``; row is None for the file."""

    def item(issue: Issue) -> dict[str, object]:
        return {
            "row": issue.row,
            "column": issue.column,
            "code": issue.code,
            "message": issue_message(issue, lang),
            "value": issue.value,
        }

    return {
        "table": report.table,
        "ok": report.ok,
        "errors": [item(i) for i in report.errors],
        "warnings": [item(i) for i in report.warnings],
    }


def describe_dialect(dialect: Dialect, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs that tell the analyst how the file was read."""
    none = t("upload.dialect.none", lang)

    def mark(char: str | None) -> str:
        return t(_DELIMITER_KEYS[char], lang) if char in _DELIMITER_KEYS else (char or none)

    form = (
        t("upload.dialect.format_xlsx", lang)
        if dialect.format == "xlsx"
        else t("upload.dialect.format_csv", lang)
    )
    pairs = [(t("upload.dialect.format", lang), form)]
    if dialect.format == "csv":
        encoding = ENCODING_NAMES.get(dialect.encoding or "", dialect.encoding or none)
        pairs += [
            (t("upload.dialect.encoding", lang), encoding),
            (t("upload.dialect.delimiter", lang), mark(dialect.delimiter)),
        ]
    else:
        pairs += [
            (t("upload.dialect.sheet", lang), dialect.sheet or none),
            (t("upload.dialect.sheets", lang), ", ".join(dialect.sheets) or none),
        ]
    pairs += [
        (t("upload.dialect.decimal", lang), mark(dialect.decimal)),
        (t("upload.dialect.thousands", lang), mark(dialect.thousands)),
    ]
    renamed = [
        t("upload.dialect.header_line", lang, origineel=h, kolom=c)
        for h, c in dialect.header_map.items()
        if h.strip().lower() != c
    ]
    if renamed:
        pairs.append((t("upload.dialect.headers", lang), "; ".join(renamed)))
    return pairs
