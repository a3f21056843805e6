"""The upload corpus (``tests/data``): every file gives what its manifest row says.

The corpus is written by ``scripts/make_corpus.py``; a test checks that the committed files are
exactly what the script writes. Files that would be large (50,000 columns, zip bombs) are built
here, in a temporary folder.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import random
import zipfile
from datetime import date
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

from lib.config import ROOT
from lib.contract.schema import INTERVENTIES
from lib.data.catalog import Dataset
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.ingest.read import MAX_BYTES
from lib.text.reports import issue_message

DATA = ROOT / "tests" / "data"
TODAY = date(2025, 6, 30)
MAX_FILE = 50 * 1024


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _load_script()
MANIFEST = list(csv.DictReader(io.StringIO((DATA / "manifest.csv").read_text(encoding="utf-8"))))


def run(
    dataset: Dataset,
    data: bytes,
    name: str,
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Prepared:
    return prepare(
        data,
        name,
        table=INTERVENTIES,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(dataset.factoren.get_column("factor").to_list()),
        sheet=sheet,
        today=TODAY,
        max_bytes=max_bytes,
    )


def run_file(dataset: Dataset, row: dict[str, str]) -> Prepared:
    return run(
        dataset,
        (DATA / row["file"]).read_bytes(),
        row["file"],
        sheet=row["sheet"] or None,
        max_bytes=int(row["max_bytes"]) if row["max_bytes"] else MAX_BYTES,
    )


def _id(row: dict[str, str]) -> str:
    return f"{row['file']}[{row['sheet']}]" if row["sheet"] else row["file"]


@pytest.mark.parametrize("row", MANIFEST, ids=[_id(r) for r in MANIFEST])
def test_manifest_row(dataset: Dataset, row: dict[str, str]) -> None:
    done = run_file(dataset, row)
    found = {i.code for i in done.report.issues}
    expected = set(filter(None, row["expected_codes"].split("|")))
    assert found == expected, row["description"]
    assert done.ok is (row["expected_ok"] == "true")
    assert (done.clean is not None) is done.ok
    cells = {f"{'' if i.row is None else i.row}:{i.column or ''}" for i in done.report.issues}
    assert set(filter(None, row["expected_cells"].split("|"))) <= cells


def test_the_corpus_is_big_enough_and_small() -> None:
    assert len(MANIFEST) >= 30
    assert {r["expected_ok"] for r in MANIFEST} == {"true", "false"}
    files = sorted(p for p in DATA.iterdir() if p.is_file())
    assert {p.name for p in files} == {r["file"] for r in MANIFEST} | {"manifest.csv"}
    assert [p.name for p in files if p.stat().st_size > MAX_FILE] == []


def test_the_committed_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    SCRIPT.write(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in DATA.iterdir() if p.is_file())
    changed = [n for n in written if (tmp_path / n).read_bytes() != (DATA / n).read_bytes()]
    assert changed == [], "run: python scripts/make_corpus.py"


# ----------------------------------------------------------------------------- round trips

ROUND_TRIP = ["excel_nl_cp1252.csv", "utf8_bom_semicolon.csv"]


@pytest.mark.parametrize("file", ROUND_TRIP)
def test_excel_export_round_trip(dataset: Dataset, file: str) -> None:
    done = run(dataset, (DATA / file).read_bytes(), file)
    assert done.clean is not None
    assert done.clean.to_dicts() == SCRIPT.EXCEL_NL_EXPECTED
    assert done.clean.schema["budget_eur"] == pl.Float64
    assert done.clean.schema["bereik"] == pl.Int64
    assert done.clean.schema["monitoringplan"] == pl.Boolean
    assert (done.dialect.delimiter, done.dialect.decimal, done.dialect.thousands) == (";", ",", ".")
    assert done.dialect.header_map["Budget (€)"] == "budget_eur"
    assert done.dialect.header_map["Gemeente"] == "gemeentecode"
    applied = {(a.column, a.original, a.code) for a in done.applied}
    assert ("gemeentecode", "'s-Gravenhage", "GM0518") in applied
    assert ("thema", "Financiën", "financien") in applied
    assert ("monitoringplan", "ja", "true") in applied


SAME_AS_CLEAN = [
    "utf8_bom.csv",
    "tab_delimited.tsv",
    "pipe_delimited.csv",
    "utf16_unicode_text.txt",
    "mac_cr_line_endings.csv",
    "trailing_empty_rows_columns.csv",
    "header_variants.csv",
    "clean.xlsx",
]


@pytest.mark.parametrize("file", SAME_AS_CLEAN)
def test_every_format_gives_the_same_table(dataset: Dataset, file: str) -> None:
    reference = run(dataset, (DATA / "clean_utf8_comma.csv").read_bytes(), "clean.csv").clean
    done = run(dataset, (DATA / file).read_bytes(), file)
    assert reference is not None
    assert done.clean is not None
    assert done.clean.equals(reference)


def test_two_sheets_with_a_choice_equals_the_clean_file(dataset: Dataset) -> None:
    reference = run(dataset, (DATA / "clean_utf8_comma.csv").read_bytes(), "clean.csv").clean
    done = run(dataset, (DATA / "two_sheets.xlsx").read_bytes(), "x.xlsx", sheet="Interventies")
    assert reference is not None
    assert done.clean is not None
    assert done.clean.equals(reference)
    assert done.dialect.sheets == ("Toelichting", "Interventies")


def test_gemeente_spellings_all_map(dataset: Dataset) -> None:
    done = run(dataset, (DATA / "gemeente_names.csv").read_bytes(), "g.csv")
    assert done.clean is not None
    codes = done.clean.get_column("gemeentecode").to_list()
    assert codes == ["GM0518"] * 13 + ["GM0796", "GM0796", "GM1883"]


def test_html_and_formulas_stay_verbatim(dataset: Dataset) -> None:
    html = run(dataset, (DATA / "html_script.csv").read_bytes(), "h.csv").clean
    assert html is not None
    assert html.get_column("naam").to_list()[:2] == [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
    ]
    formulas = run(dataset, (DATA / "formula_cells.csv").read_bytes(), "f.csv").clean
    assert formulas is not None
    assert formulas.get_column("naam").to_list()[0] == "=cmd|' /C calc'!A0"


# ----------------------------------------------------------------------------- generated


def test_fifty_thousand_columns(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ",".join(f"k{i}" for i in range(50_000))
    path.write_text(f"{header}\n{','.join(['1'] * 50_000)}\n", encoding="utf-8")
    done = run(dataset, path.read_bytes(), path.name)
    assert [(i.code, i.params["count"]) for i in done.report.issues] == [
        ("too_many_columns", 50_000)
    ]


def _bomb(path: Path, *, size: int, entries: int = 1) -> bytes:
    """A zip that looks like a workbook, with highly compressible sheet parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        chunk = b"<row/>" * (2**20 // 6)
        for n in range(entries):
            with archive.open(f"xl/worksheets/sheet{n + 1}.xml", "w", force_zip64=True) as part:
                for _ in range(size // len(chunk)):
                    part.write(chunk)
    return path.read_bytes()


def test_zip_bomb_by_ratio(dataset: Dataset, tmp_path: Path) -> None:
    data = _bomb(tmp_path / "ratio.xlsx", size=8 * 2**20)
    assert len(data) < 100_000
    done = run(dataset, data, "ratio.xlsx")
    assert [i.code for i in done.report.issues] == ["zip_bomb"]


def test_zip_bomb_by_total_size(dataset: Dataset, tmp_path: Path) -> None:
    data = _bomb(tmp_path / "total.xlsx", size=210 * 2**20)
    assert len(data) < 1_000_000
    done = run(dataset, data, "total.xlsx")
    assert [i.code for i in done.report.issues] == ["zip_bomb"]


def test_a_file_just_over_the_limit(dataset: Dataset) -> None:
    data = (DATA / "clean_utf8_comma.csv").read_bytes()
    assert run(dataset, data, "a.csv", max_bytes=len(data)).ok
    over = run(dataset, data, "a.csv", max_bytes=len(data) - 1)
    assert [i.code for i in over.report.issues] == ["too_large"]


def test_a_bigger_file_with_row_level_issues(dataset: Dataset) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(SCRIPT.EXCEL_NL_HEADER)
    for i in range(20_000):
        row = list(SCRIPT.EXCEL_NL_ROWS[i % 3])
        row[0] = f"ID-{i:05d}"
        if i % 1000 == 999:
            row[7] = "-1"
        writer.writerow(row)
    done = run(dataset, buffer.getvalue().encode("cp1252"), "big.csv")
    errors = [(i.row, i.column, i.code) for i in done.report.errors]
    assert errors == [(i + 2, "bereik", "minimum") for i in range(999, 20_000, 1000)]
    assert done.clean is None


def test_mutated_files_never_crash(dataset: Dataset) -> None:
    """Seeded random damage to every corpus file: always a report, never an exception."""
    rng = random.Random(2025)
    files = sorted(p for p in DATA.iterdir() if p.name != "manifest.csv")
    inserts = [
        b'"',
        b";",
        b",",
        b"\n",
        b"\r",
        b"\t",
        b"|",
        b"\x00",
        b"=cmd",
        b"\xff\xfe",
        b"PK\x03\x04",
        "é".encode(),
        b"1.234,5",
    ]
    for _ in range(250):
        source = rng.choice(files)
        data = bytearray(source.read_bytes() or b"x")
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(max(len(data), 1))
            choice = rng.random()
            if choice < 0.4 and data:
                data[at] = rng.randrange(256)
            elif choice < 0.6:
                del data[at : at + rng.randint(1, 50)]
            else:
                data[at:at] = rng.choice(inserts)
        name = rng.choice([source.name, "x.csv", "x.xlsx"])
        done = run(dataset, bytes(data), name, sheet=rng.choice([None, "Interventies"]))
        assert (done.clean is None) is not done.ok
        for issue in done.report.issues:
            assert issue_message(issue, "nl")
            assert issue_message(issue, "en")
