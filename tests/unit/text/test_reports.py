"""Wording of data reports: issue messages, file issues, the upload report, the dialect."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from lib.contract.codes import Lang
from lib.contract.schema import INTERVENTIES
from lib.data.catalog import Dataset, FileIssue
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.ingest.read import Dialect
from lib.data.validate import Issue
from lib.text import reports
from lib.text.reports import (
    describe_dialect,
    file_issue_message,
    issue_message,
    issues_frame,
    to_json_report,
)

TODAY = date(2025, 6, 30)
HEAD = "interventie_id,gemeentecode,naam,thema,status,startjaar,bereik,budget_eur"
ROW = "X-1,GM0599,Straatcoaches,jongerenwerk,afgerond,2023,10,1000.50"


def run(dataset: Dataset, text: str) -> Prepared:
    return prepare(
        text.encode("utf-8"),
        "upload.csv",
        table=INTERVENTIES,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(dataset.factoren.get_column("factor").to_list()),
        today=TODAY,
    )


# ----------------------------------------------------------------------------- issues

MESSAGES: list[tuple[str, dict[str, object], str, str]] = [
    (
        "unknown_column",
        {},
        "De kolom 'kolom' is onbekend en wordt genegeerd.",
        "The column 'kolom' is unknown and will be ignored.",
    ),
    (
        "enum",
        {"allowed": "a, b"},
        "Deze waarde is niet toegestaan. Kies uit: a, b.",
        "This value is not allowed. Choose from: a, b.",
    ),
    (
        "minimum",
        {"minimum": 50.7},
        "Deze waarde is te klein. De kleinste toegestane waarde is 50,7.",
        "This value is too small. The smallest allowed value is 50.7.",
    ),
    (
        "type_float",
        {},
        "Dit is geen getal. Gebruik bijvoorbeeld 12500,50.",
        "This is not a number. Use for example 12500.50.",
    ),
    (
        "reference",
        {"table": "gemeenten"},
        "Deze code bestaat niet in de tabel 'gemeenten'.",
        "This code does not exist in the table 'gemeenten'.",
    ),
    (
        "too_large",
        {"limit": 1.5, "unit": "KB"},
        "Het bestand is te groot. De grens van deze server is 1,5 KB (PMG_UPLOAD_MAX_MB). "
        "Splits het bestand in delen of haal "
        "kolommen weg die niet in het sjabloon staan.",
        "The file is too large. The limit of this server is 1.5 KB (PMG_UPLOAD_MAX_MB). "
        "Split the file into parts or remove "
        "columns that are not in the template.",
    ),
    (
        "too_many_columns",
        {"count": 50000.0, "limit": 500},
        "Het bestand heeft 50.000 kolommen. Dat zijn er te veel: het maximum is 500. Houd "
        "alleen de kolommen uit het sjabloon over.",
        "The file has 50,000 columns. That is too many: the maximum is 500. Keep only the "
        "columns of the template.",
    ),
    (
        "personal_data",
        {"kind": "bsn"},
        "Kolom 'kolom' lijkt persoonsgegevens te bevatten (BSN). Verwijder deze kolom; het "
        "bestand is niet opgeslagen.",
        "Column 'kolom' seems to contain personal data (citizen service number, BSN). Remove "
        "this column; the file has not been saved.",
    ),
    (
        "future_completed",
        {"startjaar": 2030},
        "Deze interventie is afgerond, maar het startjaar (2030) ligt in de toekomst. "
        "Controleer het startjaar en de status.",
        "This intervention is completed, but the start year (2030) is in the future. Check "
        "the start year and the status.",
    ),
]


@pytest.mark.parametrize(("code", "params", "nl", "en"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_issue_message(code: str, params: dict[str, object], nl: str, en: str) -> None:
    issue = Issue(code, "kolom", 3, "v", "error", params)
    assert issue_message(issue, "nl") == nl
    assert issue_message(issue, "en") == en


@pytest.mark.parametrize(
    ("name", "value", "lang", "shown"),
    [
        ("limit", 1.5, "nl", "1,5"),
        ("limit", 1234.25, "en", "1,234.25"),
        ("limit", 200.0, "nl", "200"),
        ("limit", 500, "nl", 500),  # an int is shown as it is
        ("status", "afgerond", "nl", "Afgerond"),  # a code by its name
        ("golf", "nplv_2023", "en", "NPLV extension (2023)"),
        ("status", "klaar", "nl", "klaar"),  # not a code: as it is
        ("kind", "telefoon", "en", "phone number"),  # a catalogue word
        ("sheet", "Blad1", "en", "Blad1"),
    ],
)
def test_parameters_are_shown_in_the_language(
    name: str, value: object, lang: Lang, shown: object
) -> None:
    assert reports._param(name, value, lang) == shown


def test_file_issue_message() -> None:
    cell = FileIssue("interventies.csv", Issue("pattern", "gemeentecode", 5, "GM12345"))
    column = FileIssue("voortgang.csv", Issue("missing_column", "status", None, None))
    assert file_issue_message(cell, "nl") == (
        "interventies.csv, rij 5, kolom gemeentecode: Deze waarde heeft niet de juiste vorm."
    )
    assert file_issue_message(cell, "en") == (
        "interventies.csv, row 5, column gemeentecode: This value does not have the right form."
    )
    assert file_issue_message(column, "nl") == (
        "voortgang.csv, rij -, kolom status: De kolom 'status' ontbreekt. Voeg een kolom met "
        "deze naam toe."
    )
    assert file_issue_message(column, "en") == (
        "voortgang.csv, row -, column status: The column 'status' is missing. Add a column with "
        "this name."
    )


def test_issues_frame_and_json_report(dataset: Dataset) -> None:
    text = f"{HEAD},extra\nX-1,GM0599,n,sport,afgerond,2023,1,1,x\n"
    done = run(dataset, text)
    frame = issues_frame(done.report, "nl")
    assert frame.schema == {
        "row": pl.Int64,
        "column": pl.String,
        "value": pl.String,
        "severity": pl.String,
        "code": pl.String,
        "message": pl.String,
    }
    assert frame.select("row", "column", "value", "severity", "code").rows() == [
        (None, "extra", None, "warning", "unknown_column"),
        (2, "thema", "sport", "error", "enum"),
    ]
    assert frame.item(1, "message").startswith("Deze waarde is niet toegestaan.")
    report = to_json_report(done.report, "en")
    assert report == {
        "table": "interventies",
        "ok": False,
        "errors": [
            {
                "row": 2,
                "column": "thema",
                "code": "enum",
                "value": "sport",
                "message": issue_message(done.report.issues[1], "en"),
            },
        ],
        "warnings": [
            {
                "row": None,
                "column": "extra",
                "code": "unknown_column",
                "value": None,
                "message": "The column 'extra' is unknown and will be ignored.",
            },
        ],
    }
    empty = issues_frame(run(dataset, f"{HEAD}\n{ROW}\n").report, "en")
    assert empty.height == 0
    assert empty.columns == ["row", "column", "value", "severity", "code", "message"]


def test_describe_dialect() -> None:
    dialect = Dialect(
        "csv", "cp1252", ";", ",", ".", header_map={"Budget (€)": "budget_eur", "naam": "naam"}
    )
    assert describe_dialect(dialect, "nl") == [
        ("Soort bestand", "CSV (tekst)"),
        ("Tekenset", "Windows-1252"),
        ("Scheidingsteken", "puntkomma (;)"),
        ("Decimaalteken", "komma (,)"),
        ("Scheidingsteken voor duizendtallen", "punt (.)"),
        ("Herkende kolomkoppen", "'Budget (€)' → budget_eur"),
    ]
    sheet = Dialect("xlsx", sheet="Data", sheets=("Uitleg", "Data"))
    assert describe_dialect(sheet, "en") == [
        ("Type of file", "Excel workbook (.xlsx)"),
        ("Sheet", "Data"),
        ("Sheets in the file", "Uitleg, Data"),
        ("Decimal mark", "full stop (.)"),
        ("Thousands separator", "none"),
    ]


def test_describe_dialect_of_other_marks() -> None:
    tab = Dialect("csv", None, "\t", ".", None)
    assert describe_dialect(tab, "en") == [
        ("Type of file", "CSV (text)"),
        ("Character set", "none"),
        ("Delimiter", "tab"),
        ("Decimal mark", "full stop (.)"),
        ("Thousands separator", "none"),
    ]
    bar = Dialect("csv", "utf-16", "|", ",", " ")
    assert describe_dialect(bar, "nl") == [
        ("Soort bestand", "CSV (tekst)"),
        ("Tekenset", "UTF-16"),
        ("Scheidingsteken", "verticale streep (|)"),
        ("Decimaalteken", "komma (,)"),
        ("Scheidingsteken voor duizendtallen", " "),
    ]
