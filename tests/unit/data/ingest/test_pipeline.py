"""``read_upload`` and ``prepare``: encodings, delimiters, headers, numbers, hostile files.

Every file is built in memory; the committed corpus is checked in ``tests/test_corpus.py``.
"""

from __future__ import annotations

import codecs
import importlib.util
import io
import zipfile
from datetime import date
from types import ModuleType

import polars as pl
import pytest

from lib.config import ROOT
from lib.contract.codes import LANGS
from lib.contract.schema import INTERVENTIES, VOORTGANG, Table
from lib.data.catalog import Dataset
from lib.data.ingest.numbers import VOTE_ROWS
from lib.data.ingest.pipeline import Ingested, Prepared, prepare, read_upload
from lib.data.ingest.read import MAX_BYTES, MAX_COLUMNS
from lib.data.validate import Issue
from lib.text.i18n import CATALOGUE
from lib.text.reports import issue_message

TODAY = date(2025, 6, 30)
HEAD = "interventie_id,gemeentecode,naam,thema,status,startjaar,bereik,budget_eur"
ROW = "X-1,GM0599,Straatcoaches,jongerenwerk,afgerond,2023,10,1000.50"


def _corpus_script() -> ModuleType:
    path = ROOT / "scripts" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS = _corpus_script()


def read(
    data: bytes | str,
    name: str = "upload.csv",
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Ingested:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_upload(raw, name, table=INTERVENTIES, sheet=sheet, max_bytes=max_bytes)


def codes(ingested: Ingested | Prepared) -> set[str]:
    issues = ingested.issues if isinstance(ingested, Ingested) else ingested.report.issues
    return {i.code for i in issues}


def run(
    dataset: Dataset,
    data: bytes | str,
    name: str = "upload.csv",
    *,
    table: Table = INTERVENTIES,
    interventie_ids: frozenset[str] | None = None,
) -> Prepared:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return prepare(
        raw,
        name,
        table=table,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(dataset.factoren.get_column("factor").to_list()),
        today=TODAY,
        interventie_ids=interventie_ids,
    )


# ----------------------------------------------------------------------------- encodings

TEXT = "interventie_id;naam;thema\nA;Café Ëxtra;Financiën\nB;'s-Gravenhage;gezag\n"


@pytest.mark.parametrize(
    ("data", "encoding", "warning"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", False),
        (TEXT.encode("cp1252"), "cp1252", True),
        (TEXT.encode("utf-16"), "utf-16", False),
        (TEXT.replace("\n", "\r\n").encode("cp1252"), "cp1252", True),
        (TEXT.replace("\n", "\r").encode("utf-8"), "utf-8", False),
    ],
    ids=["utf8", "bom", "cp1252", "utf16", "crlf", "cr"],
)
def test_encodings(data: bytes, encoding: str, warning: bool) -> None:
    got = read(data)
    assert got.dialect.encoding == encoding
    assert got.dialect.delimiter == ";"
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == ["Café Ëxtra", "'s-Gravenhage"]
    assert got.frame.get_column("thema").to_list() == ["Financiën", "gezag"]
    assert got.frame.columns == ["interventie_id", "naam", "thema"]
    assert codes(got) == ({"encoding_guess"} if warning else set())


def test_cp1252_warning_names_the_encoding() -> None:
    (issue,) = read(TEXT.encode("cp1252")).issues
    assert issue.severity == "warning"
    assert "Windows-1252" in issue_message(issue, "nl")


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    got = read(b"interventie_id,naam\nA,x\x81y\n")
    assert got.dialect.encoding == "latin-1"
    assert codes(got) == {"encoding_guess"}


# ----------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('a;b;c\n"x, y";"1,5";3\n"p, q";"2,5";4\n', ";"),
        ('a,b,c\n"x; y","1;5",3\n"p; q","2;5",4\n', ","),
        ('a,b,c\n1,"k|l|m",3\n', ","),
        ('a|b|c\n1|"k|l"|3\n', "|"),
        ("a;b;c;;\n1;2;3;;\n", ";"),
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
    ],
)
def test_delimiter_sniffing(text: str, delimiter: str) -> None:
    got = read(text)
    assert got.dialect.delimiter == delimiter
    assert got.frame is not None
    assert got.frame.columns == ["a", "b", "c"]


def test_a_single_column_file() -> None:
    got = read("naam\nx\ny\n")
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == ["x", "y"]


def test_quoted_fields_with_line_breaks_keep_row_numbers() -> None:
    text = (
        f'{HEAD}\r\nX-1,GM0599,"Twee\r\nregels",gezag,afgerond,2023,1,1\r\n'
        "X-2,GM0599,n,gezag,afgerond,2023,1,1\r\n"
    )
    got = read(text)
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == ["Twee\nregels", "n"]
    assert got.row_numbers is not None
    assert got.row_numbers.to_list() == [2, 3]


def test_trailing_and_middle_empty_rows_and_empty_columns() -> None:
    text = "a,b,,\n1,2,,\n,,,\n3,4,,\n\n , ,,\n"
    got = read(text)
    assert got.frame is not None
    assert got.frame.columns == ["a", "b"]
    assert got.frame.rows() == [("1", "2"), ("3", "4")]
    assert got.rows_dropped_empty == 3
    assert got.row_numbers is not None
    assert got.row_numbers.to_list() == [2, 4]


@pytest.mark.parametrize("top", ["\n\n", "\r\n \r\n", ",,,,\n;;;\n", "\t\n\n"])
def test_leading_empty_lines_move_the_header_down(top: str) -> None:
    got = read(f"{top}{HEAD}\n{ROW}\n")
    assert got.frame is not None
    assert got.frame.columns == HEAD.split(",")
    assert got.row_numbers is not None
    assert got.row_numbers.to_list() == [4]


def test_an_empty_header_with_data_keeps_a_name() -> None:
    got = read("a,,c\n1,2,3\n")
    assert got.frame is not None
    assert got.frame.columns == ["a", "kolom_2", "c"]


def test_rows_longer_than_the_header() -> None:
    text = "a,b\n1,2\n3,4,5\n6,7,,\n"
    got = read(text)
    assert [(i.code, i.row, i.params) for i in got.issues] == [
        ("extra_fields", 3, {"delimiter": ","})
    ]
    assert got.frame is not None
    assert got.frame.rows() == [("1", "2"), ("3", "4"), ("6", "7")]


def test_broken_quotes() -> None:
    got = read('a,b\n1,"open\n2,3\n')
    assert (got.frame, codes(got)) == (None, {"bad_csv"})


# ----------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("interventie_id", "interventie_id"),
        ("Interventie ID", "interventie_id"),
        ("INTERVENTIE-ID", "interventie_id"),
        ("Gemeente code", "gemeentecode"),
        ("GEMEENTECODE", "gemeentecode"),
        (" gemeente_code ", "gemeentecode"),
        ("Gemeente", "gemeentecode"),
        ("Budget (EUR)", "budget_eur"),
        ("Budget (€)", "budget_eur"),
        ("budget", "budget_eur"),
        ("Start-jaar", "startjaar"),
        ("Jaar", "startjaar"),
        ("Doelgróep", "doelgroep"),
        ("Monitoring_plan", "monitoringplan"),
        ("Risicofactoren", "factoren"),
        ("Thema's", "thema"),
        ("\ufeffnaam", "naam"),
        ("opmerking", "opmerking"),
    ],
)
def test_header_matching(header: str, column: str) -> None:
    got = read(f'"{header}",x\n1,2\n')
    assert got.frame is not None
    assert got.frame.columns[0] == column
    assert dict(got.dialect.header_map) == (
        {header.strip().lstrip("\ufeff"): column} if column != "opmerking" else {}
    )


def test_an_alias_never_takes_a_column_that_is_present() -> None:
    got = read("gemeente,gemeentecode\nDen Haag,GM0518\n")
    assert got.frame is not None
    assert got.frame.columns == ["gemeente", "gemeentecode"]


def test_duplicate_headers() -> None:
    got = read("gemeentecode,Gemeente code,naam,naam\nGM0518,GM0518,a,b\n")
    assert got.frame is not None
    assert got.frame.columns == ["gemeentecode", "Gemeente code", "naam", "naam_2"]
    duplicates = [(i.code, i.column, i.params["headers"]) for i in got.issues]
    assert duplicates == [
        ("duplicate_header", "gemeentecode", "'gemeentecode', 'Gemeente code'"),
        ("duplicate_header", "naam", "'naam', 'naam'"),
    ]


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("delimiter", "budget", "bereik", "decimal", "thousands", "budget_out", "bereik_out"),
    [
        (";", "12.500,50", "1.234", ",", ".", "12500.50", "1234"),
        (";", "12500,5", "12", ",", None, "12500.5", "12"),
        (";", "€ 1.000.000", "0", ",", ".", "1000000", "0"),
        (";", "1 250,75", "7", ",", None, "1250.75", "7"),
        (";", "12.500", "", ",", ".", "12500", ""),
        (",", "12.500", "", ".", None, "12.500", ""),
        (",", "12,500.50", "1,234", ".", ",", "12500.50", "1234"),
        (",", "12.5", "2021.0", ".", None, "12.5", "2021"),
        (",", "12,5", "3", ",", None, "12.5", "3"),
        (";", "-12,5", "-5", ",", None, "-12.5", "-5"),
        (";", "veel", "tien", ",", None, "veel", "tien"),
        (";", "1,2,3", "1.2", ",", None, "1,2,3", "1.2"),
    ],
)
def test_decimal_mark(
    delimiter: str,
    budget: str,
    bereik: str,
    decimal: str,
    thousands: str | None,
    budget_out: str,
    bereik_out: str,
) -> None:
    d = delimiter
    text = f'naam{d}budget_eur{d}bereik\nA{d}"{budget}"{d}"{bereik}"\n'
    got = read(text)
    assert (got.dialect.decimal, got.dialect.thousands) == (decimal, thousands)
    assert got.frame is not None
    assert got.frame.row(0) == ("A", budget_out, bereik_out)


def test_the_majority_decides_the_decimal_mark() -> None:
    text = 'budget_eur\n"1,5"\n"2,25"\n"3.5"\n'
    got = read(text)
    assert got.dialect.decimal == ","
    assert got.frame is not None
    # the point value is left alone; the validator still reads 3.5
    assert got.frame.get_column("budget_eur").to_list() == ["1.5", "2.25", "3.5"]


def test_a_large_file_votes_with_a_sample_and_converts_every_cell() -> None:
    """Above ``VOTE_ROWS`` rows the decimal mark is voted on a sample; every cell still counts
    for the conversion, and plain whole numbers are left as they are."""
    rows = VOTE_ROWS * 2 + 7
    budgets = [f"{i % 900 + 100}.{i % 1000:03d},{i % 100:02d}" for i in range(rows)]
    lines = [f"{b};{i}" for i, b in enumerate(budgets)]
    got = read("budget_eur;bereik\n" + "\n".join(lines) + "\n")
    assert got.dialect.decimal == ","
    assert got.frame is not None
    expected = [b.replace(".", "").replace(",", ".") for b in budgets]
    assert got.frame.get_column("budget_eur").to_list() == expected
    assert got.frame.get_column("bereik").to_list() == [str(i) for i in range(rows)]


def test_crlf_files_keep_line_breaks_inside_quoted_cells() -> None:
    text = 'naam;bron\r\n"Twee\r\nregels";x\r\nB;"y"\r\n'
    got = read(text)
    assert got.frame is not None
    assert got.frame.rows() == [("Twee\nregels", "x"), ("B", "y")]
    assert got.row_numbers is not None
    assert got.row_numbers.to_list() == [2, 3]  # records, as a spreadsheet numbers its rows


# ----------------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    ("value", "flagged"),
    [
        ("=cmd|' /C calc'!A0", True),
        ("=1+1", True),
        ('=HYPERLINK("http://x")', True),
        ("+cmd|' /C calc'!A0", True),
        ("-cmd", True),
        ("@SUM(A1)", True),
        ("  =SUM(A1)", True),
        ("-5", False),
        ("-12,5", False),
        ("+31 6 12345678", False),
        ("a=b", False),
        ("=", False),
        ("<script>alert(1)</script>", False),
    ],
)
def test_formula_warning(value: str, flagged: bool) -> None:
    escaped = value.replace('"', '""')
    got = read(f'naam,opmerking\n"{escaped}",x\n')
    found = [(i.code, i.column, i.row, i.value, i.severity) for i in got.issues]
    assert found == ([("formula", "naam", 2, value, "warning")] if flagged else [])
    assert got.frame is not None
    assert got.frame.get_column("naam").to_list() == [value]


# ----------------------------------------------------------------------------- hostile files


def test_too_large_names_the_limit() -> None:
    got = read(b"a,b\n1,2\n" * 200, max_bytes=1024)
    (issue,) = got.issues
    assert (got.frame, issue.code, issue.row) == (None, "too_large", None)
    assert issue_message(issue, "nl").startswith(
        "Het bestand is te groot. De grens van deze server is 1 KB (PMG_UPLOAD_MAX_MB)."
    )
    assert issue_message(issue, "en").startswith(
        "The file is too large. The limit of this server is 1 KB (PMG_UPLOAD_MAX_MB)."
    )
    big = read(b"x" * 10, max_bytes=5).issues[0]
    assert "5 bytes" in issue_message(big, "en")


def test_default_limit_message() -> None:
    from lib.data.ingest.limits import size_params

    issue = Issue("too_large", None, None, None, "error", size_params(200 * 2**20))
    assert "200 MB" in issue_message(issue, "nl")
    issue = Issue("too_large", None, None, None, "error", size_params(int(1.5 * 2**20)))
    assert "1,5 MB" in issue_message(issue, "nl")
    assert "1.5 MB" in issue_message(issue, "en")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "a.csv", "empty_file"),
        (b"  \r\n\t\r\n", "a.csv", "empty_file"),
        (b"\n\n\n", "a.csv", "empty_file"),
        (b",,,\n,,,\n", "a.csv", "empty_file"),
        (b"a,b\n", "a.csv", "no_rows"),
        (b"a,b", "a.csv", "no_rows"),
        (b"a,b\n,\n\n", "a.csv", "no_rows"),
        (bytes.fromhex("89504e470d0a1a0a0000000d49484452"), "a.csv", "not_text"),
        (b"abc\x00def", "a.csv", "not_text"),
        (bytes(range(1, 32)) * 20, "a.csv", "not_text"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(100), "a.xls", "old_excel"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(100), "a.xlsx", "old_excel"),
        (b"a,b\n1,2\n", "a.xlsx", "bad_xlsx"),
        (b"PK\x03\x04garbage", "a.csv", "bad_xlsx"),
    ],
)
def test_hostile_files(data: bytes, name: str, code: str) -> None:
    got = read(data, name)
    assert got.frame is None
    assert [i.code for i in got.issues if i.severity == "error"] == [code]
    assert not got.ok


def test_fifty_thousand_columns_are_refused_before_parsing() -> None:
    header = ",".join(f"kolom{i}" for i in range(50_000))
    got = read(f"{header}\n{','.join('1' * 50_000)}\n")
    (issue,) = got.issues
    assert (got.frame, issue.code, issue.params["count"]) == (None, "too_many_columns", 50_000)
    assert "50.000" in issue_message(issue, "nl")
    assert "50,000" in issue_message(issue, "en")


def test_a_long_row_with_too_many_fields() -> None:
    row = ",".join("1" * (MAX_COLUMNS + 10))
    got = read(f"a,b\n1,2\n{row}\n")
    assert (got.frame, codes(got)) == (None, {"too_many_columns"})


def test_nothing_is_executed() -> None:
    text = 'naam,bron\n"=cmd|\' /C calc\'!A0","<script>alert(1)</script>"\n'
    got = read(text)
    assert got.frame is not None
    assert got.frame.row(0) == ("=cmd|' /C calc'!A0", "<script>alert(1)</script>")


# ----------------------------------------------------------------------------- xlsx


def workbook(*sheets: tuple[str, list[list[object]], int]) -> bytes:
    data: bytes = CORPUS.xlsx(list(sheets))
    return data


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_xlsx_cells_become_plain_text() -> None:
    rows: list[list[object]] = [
        ["naam", "startjaar", "budget_eur", "monitoringplan", "bereik", "bron"],
        ["a", 2021, 12500.5, True, 0, "=cmd|' /C calc'!A0"],
        ["b", 2022.0, 1e20, False, 1234567, None],
    ]
    got = read(workbook(("Blad1", rows, 1)), "x.xlsx")
    assert got.dialect.format == "xlsx"
    assert (got.dialect.sheet, got.dialect.sheets) == ("Blad1", ("Blad1",))
    assert got.frame is not None
    assert got.frame.schema == dict.fromkeys(got.frame.columns, pl.String)
    assert got.frame.rows() == [
        ("a", "2021", "12500.5", "true", "0", "=cmd|' /C calc'!A0"),
        ("b", "2022", "100000000000000000000", "false", "1234567", None),
    ]
    assert codes(got) == {"formula"}


def test_xlsx_sheets() -> None:
    data = workbook(("Uitleg", [["tekst"], ["x"]], 1), ("Data", [["naam"], ["y"]], 1))
    first = read(data, "x.xlsx")
    assert first.frame is not None
    assert first.frame.columns == ["tekst"]
    assert codes(first) == {"multiple_sheets"}
    chosen = read(data, "x.xlsx", sheet="Data")
    assert chosen.frame is not None
    assert (chosen.frame.rows(), chosen.dialect.sheet, codes(chosen)) == ([("y",)], "Data", set())
    missing = read(data, "x.xlsx", sheet="Nee")
    assert (missing.frame, codes(missing)) == (None, {"unknown_sheet"})
    assert missing.dialect.sheets == ("Uitleg", "Data")
    assert missing.issues[0].params == {"sheet": "Nee", "sheets": "Uitleg, Data"}


def test_xlsx_empty_sheet_and_header_only() -> None:
    empty = read(workbook(("Leeg", [], 1)), "x.xlsx")
    assert codes(empty) == {"empty_sheet"}
    header = read(workbook(("Kop", [["naam", "thema"]], 1)), "x.xlsx")
    assert codes(header) == {"no_rows"}


def test_xlsx_title_rows_and_row_numbers() -> None:
    rows: list[list[object]] = [
        ["Overzicht 2024"],
        [],
        ["naam", "thema"],
        ["a", "gezag"],
        [],
        ["b", "gezin"],
    ]
    got = read(workbook(("Blad1", rows, 2)), "x.xlsx")
    assert got.frame is not None
    assert got.frame.columns == ["naam", "thema"]
    assert got.row_numbers is not None
    assert got.row_numbers.to_list() == [5, 7]
    assert got.rows_dropped_empty == 1


def test_xlsx_ratio_bomb() -> None:
    data = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b" " * (8 * 2**20),
        }
    )
    assert len(data) < 50_000
    got = read(data, "bom.xlsx")
    assert (got.frame, codes(got)) == (None, {"zip_bomb"})


def test_xlsx_too_many_entries() -> None:
    entries = {f"xl/part{i}.xml": b"<x/>" for i in range(1200)}
    got = read(zip_bytes({"xl/workbook.xml": b"<workbook/>", **entries}), "x.xlsx")
    assert codes(got) == {"zip_bomb"}


def test_xlsx_that_is_another_zip() -> None:
    got = read(zip_bytes({"word/document.xml": b"<w/>"}), "brief.xlsx")
    assert codes(got) == {"bad_xlsx"}


def test_xlsx_encrypted_entries() -> None:
    data = bytearray(zip_bytes({"xl/workbook.xml": b"<workbook/>"}))
    # set the 'encrypted' flag in the local header and the central directory
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x1
    assert codes(read(bytes(data), "x.xlsx")) == {"bad_xlsx"}


def test_truncated_xlsx() -> None:
    data = workbook(("Blad1", [["naam"], ["a"]], 1))
    for cut in (10, len(data) // 2, len(data) - 10):
        assert codes(read(data[:cut], "x.xlsx")) == {"bad_xlsx"}


# ----------------------------------------------------------------------------- prepare

GOOD = f'{HEAD}\n{ROW}\nX-2,Den Haag,Geldlessen,Financiën,In uitvoering,2024,5,"12,5"\n'


def test_prepare_a_good_file(dataset: Dataset) -> None:
    done = run(dataset, GOOD)
    assert done.ok
    assert done.report.issues == ()
    assert done.clean is not None
    assert done.clean is done.report.frame
    assert done.clean.get_column("gemeentecode").to_list() == ["GM0599", "GM0518"]
    assert done.clean.get_column("budget_eur").to_list() == [1000.5, 12.5]
    assert [(a.column, a.original, a.code) for a in done.applied] == [
        ("gemeentecode", "Den Haag", "GM0518"),
        ("thema", "Financiën", "financien"),
        ("status", "In uitvoering", "in_uitvoering"),
    ]


def test_prepare_renumbers_issues_to_the_rows_of_the_file(dataset: Dataset) -> None:
    text = f"\n{HEAD}\n{ROW}\n\n,,,,,,,\nX-2,GM0599,n,gezag,afgerond,2023,-1,1\n"
    done = run(dataset, text)
    assert [(i.row, i.column, i.code) for i in done.report.issues] == [(6, "bereik", "minimum")]
    assert done.rows_dropped_empty == 2
    assert done.clean is None


def test_prepare_stops_at_personal_data(dataset: Dataset) -> None:
    text = f"{HEAD},email\n{ROW},jan@example.nl\n=cmd,GM9999,n,x,y,1,1,1,a@b.nl\n"
    done = run(dataset, text)
    assert not done.ok
    assert done.clean is None
    assert done.applied == ()
    # no row-level issue: nothing of the file is echoed back
    assert [(i.code, i.column, i.row, i.value) for i in done.report.issues] == [
        ("personal_data", "email", None, None)
    ]


def test_prepare_plausibility_warnings(dataset: Dataset) -> None:
    text = (
        f"{HEAD}\n"
        "A,GM0599,n,gezag,afgerond,2030,1,1\n"
        "B,GM0599,n,gezag,gepland,2023,1,1\n"
        "C,GM0599,n,gezag,gepland,2024,1,1\n"
        "D,GM0599,n,gezag,afgerond,2025,1,1\n"
    )
    done = run(dataset, text)
    assert done.ok
    found = [(i.row, i.code, i.severity, i.params) for i in done.report.issues]
    assert found == [
        (2, "future_completed", "warning", {"startjaar": 2030}),
        (3, "planned_not_started", "warning", {"startjaar": 2023}),
    ]
    assert issue_message(done.report.issues[0], "nl") == (
        "Deze interventie is afgerond, maar het startjaar (2030) ligt in de toekomst. "
        "Controleer het startjaar en de status."
    )
    later = prepare(
        text.encode(),
        "x.csv",
        table=INTERVENTIES,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(),
        today=date(2031, 1, 1),
    )
    assert {i.code for i in later.report.issues} == {"planned_not_started"}


def test_prepare_sorts_file_level_issues_first(dataset: Dataset) -> None:
    text = f"{HEAD},extra\nX-1,GM0599,n,sport,afgerond,2017,1,1,\nX-1,GM0599,n,gezag,x,2023,1,1,\n"
    done = run(dataset, text)
    assert [(i.row, i.column, i.code) for i in done.report.issues] == [
        (None, "extra", "unknown_column"),
        (2, "interventie_id", "duplicate"),
        (2, "thema", "enum"),
        (2, "startjaar", "minimum"),
        (3, "interventie_id", "duplicate"),
        (3, "status", "enum"),
    ]


def test_prepare_voortgang(dataset: Dataset) -> None:
    text = "Interventie ID;Periode;Status\nGM0599-001;2024-Q1;loopt\nX;2024-Q5;klaar\n"
    done = run(dataset, text, table=VOORTGANG, interventie_ids=frozenset({"GM0599-001"}))
    assert [(i.row, i.column, i.code) for i in done.report.issues] == [
        (3, "interventie_id", "reference"),
        (3, "periode", "pattern"),
    ]


def test_prepare_a_hostile_file(dataset: Dataset) -> None:
    done = run(dataset, b"\x00\x01\x02")
    assert (done.ok, done.clean, [i.code for i in done.report.issues]) == (
        False,
        None,
        ["not_text"],
    )
    assert done.report.table == "interventies"


# ----------------------------------------------------------------------------- messages

SAMPLE_PARAMS: dict[str, dict[str, object]] = {
    "too_large": {"limit": 200.0, "unit": "MB"},
    "empty_file": {},
    "not_text": {},
    "bad_csv": {},
    "no_rows": {},
    "too_many_columns": {"count": 50000.0, "limit": 500},
    "bad_xlsx": {},
    "old_excel": {},
    "zip_bomb": {},
    "unknown_sheet": {"sheet": "X", "sheets": "A, B"},
    "empty_sheet": {"sheet": "X"},
    "duplicate_header": {"headers": "'a', 'b'"},
    "personal_data": {"kind": "bsn"},
    "extra_fields": {"delimiter": ";"},
    "encoding_guess": {"encoding": "Windows-1252"},
    "multiple_sheets": {"sheet": "X"},
    "formula": {},
    "future_completed": {"startjaar": 2030},
    "planned_not_started": {"startjaar": 2020},
    "too_many_rows": {"limit": 2_000_000.0},
    "cell_too_long": {"limit": 10_000.0, "lengte": 150_000_000.0},
    "cell_cut": {"limit": 10_000.0, "lengte": 20_000_000.0},
    "mixed_encoding": {"encoding": "Windows-1252"},
    "mixed_encoding_more": {"aantal": 25.0, "shown": 20.0, "encoding": "Windows-1252"},
}


@pytest.mark.parametrize("code", sorted(SAMPLE_PARAMS))
def test_every_issue_code_has_a_message(code: str) -> None:
    issue = Issue(code, "kolom", None, None, "error", SAMPLE_PARAMS[code])
    for lang in LANGS:
        text = issue_message(issue, lang)
        assert text
        assert "{" not in text
        assert "None" not in text
    assert CATALOGUE["nl"][f"issue.{code}"] != CATALOGUE["en"][f"issue.{code}"]


def test_the_sample_covers_every_issue_code_of_reading_a_file() -> None:
    from lib.text.keys import READING_ISSUE_CODES

    assert set(READING_ISSUE_CODES) == set(SAMPLE_PARAMS)
