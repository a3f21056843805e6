"""Downloads: CSV and XLSX that open correctly and never run a formula."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from openpyxl import load_workbook

from lib.contract.schema import INTERVENTIES
from lib.data.catalog import Dataset
from lib.exports.tables import csv_bytes, escape_formula, xlsx_bytes
from lib.exports.templates import data_dictionary, template_makers

FRAME = pl.DataFrame(
    {
        "naam": ["=cmd|' /C calc'!A0", "Financiën", "@SUM(A1)", "+31 6", "-5 jongeren", "gewoon"],
        "budget": [12500.5, None, 3.0, 0.25, 1.0, 2.0],
        "n": [1, 2, -3, 4, 5, 6],
        "ok": [True, False, None, True, True, False],
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
     ("a=b", "a=b"), ("", "")],
)  # fmt: skip
def test_escape_formula(text: str, expected: str) -> None:
    assert escape_formula(text) == expected


def test_dutch_csv_has_bom_semicolons_decimal_comma_and_no_formulas() -> None:
    data = csv_bytes(FRAME, lang="nl")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["naam", "budget", "n", "ok"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "12500,5", "1", "true"]
    assert rows[2] == ["Financiën", "", "2", "false"]
    assert rows[3][0] == "'@SUM(A1)"
    assert rows[3][2] == "-3"  # numbers stay numbers
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_english_csv_uses_commas_and_decimal_points() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(FRAME, lang="en").decode("utf-8-sig"))))
    assert rows[1][1] == "12500.5"


def test_xlsx_keeps_text_as_text_and_numbers_as_numbers() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes({"data": FRAME})))
    sheet = book["data"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["naam", "budget", "n", "ok"]
    assert values[1] == ["=cmd|' /C calc'!A0", 12500.5, 1, True]
    assert sheet["A2"].data_type == "s"
    assert values[2][1] is None


def test_data_dictionary_describes_every_column() -> None:
    nl = data_dictionary(INTERVENTIES, "nl")
    assert nl.get_column("Kolom").to_list() == list(INTERVENTIES.names)
    row = nl.filter(pl.col("Kolom") == "status").row(0, named=True)
    assert row["Verplicht"] == "ja"
    assert row["Toegestane waarden"] == "gepland, in_uitvoering, afgerond, niet_uitgevoerd"
    en = data_dictionary(INTERVENTIES, "en")
    assert "Allowed values" in en.columns


def test_templates_read_back_as_the_contract(dataset: Dataset) -> None:
    files = {
        n: make() for n, make in template_makers("interventies", dataset.interventies, "nl").items()
    }
    assert set(files) == {
        "interventies_sjabloon.csv", "interventies_voorbeeld.csv", "interventies_sjabloon.xlsx",
        "interventies_voorbeeld.xlsx", "interventies_woordenboek.csv",
    }  # fmt: skip
    empty = pl.read_csv(files["interventies_sjabloon.csv"], separator=";", infer_schema=False)
    assert empty.height == 0
    assert "illustratief" not in empty.columns
    assert set(empty.columns) <= set(INTERVENTIES.names)
    example = pl.read_csv(files["interventies_voorbeeld.csv"], separator=";", infer_schema=False)
    assert example.height == 5
    assert example.get_column("illustratief").to_list() == ["true"] * 5
    book = load_workbook(io.BytesIO(files["interventies_voorbeeld.xlsx"]))
    assert book.sheetnames == ["interventies", "woordenboek"]


def test_templates_only_for_uploadable_tables(dataset: Dataset) -> None:
    with pytest.raises(KeyError):
        template_makers("gemeenten", dataset.gemeenten, "nl")


def test_notes_follow_the_rows_as_comment_lines() -> None:
    notes = ["Titel", "Geregistreerde misdrijven;\ngeteld waar het gebeurde"]
    data = csv_bytes(FRAME.head(2), lang="nl", notes=notes)
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[3:5] == ["# Titel", "# Geregistreerde misdrijven; geteld waar het gebeurde"]
    read = pl.read_csv(io.BytesIO(data), separator=";", comment_prefix="#", infer_schema=False)
    assert read.height == 2
    assert csv_bytes(FRAME, lang="nl") == csv_bytes(FRAME, lang="nl", notes=())


def test_xlsx_shows_formula_like_text_exactly_and_never_as_a_formula() -> None:
    """Read back with openpyxl: each formula-like text is a string cell with the quote-prefix
    style, holding the text as typed (no apostrophe); plain text has no quote prefix."""
    data = xlsx_bytes({"data": FRAME})
    sheet = load_workbook(io.BytesIO(data))["data"]
    cells = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=1) for r in range(2, 8)}
    for text in ("=cmd|' /C calc'!A0", "@SUM(A1)", "+31 6", "-5 jongeren"):
        cell = cells[text]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), text
    assert cells["gewoon"].quotePrefix is False
    assert not any(str(v).startswith("'") for v in cells)
    # the raw sheet holds no formula element at all
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml
    assert "<f " not in xml


def test_csv_keeps_the_apostrophe_guard_read_back() -> None:
    for lang, delimiter in (("nl", ";"), ("en", ",")):
        text = csv_bytes(FRAME, lang=lang).decode("utf-8-sig")
        column = [row[0] for row in csv.reader(io.StringIO(text), delimiter=delimiter)][1:]
        assert column == ["'=cmd|' /C calc'!A0", "Financiën", "'@SUM(A1)", "'+31 6",
                          "'-5 jongeren", "gewoon"]  # fmt: skip
