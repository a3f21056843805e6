"""Downloads carry the caveats of their figure: under a chart image, and in the table files
(a sheet of notes in the workbook, comment lines at the end of the CSV)."""

from __future__ import annotations

import io

import altair as alt
import polars as pl
from openpyxl import load_workbook

from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.exports import images
from lib.text.context import download_caveat
from lib.web import downloads

CAVEAT = download_caveat("nl", mapping={2019: 2023, 2023: 2023}, enforcement=True)


def test_a_decorated_chart_has_its_caveats_under_it(dataset: Dataset) -> None:
    scope = downloads.Scope(dataset, Filters(), "nl")
    chart = alt.Chart(alt.InlineData(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    framed = downloads.decorate(
        scope, chart, title="Titel", sources=("misdrijven",), illustrative=False, caveat=CAVEAT
    )
    svg = images.to_svg(framed)
    for word in ("Geregistreerde", "handhaving", "2019", "bereikt"):
        assert word in svg, word
    plain = downloads.decorate(scope, chart, title="Titel", sources=("misdrijven",),
                               illustrative=False)  # fmt: skip
    assert "handhaving" not in images.to_svg(plain)


def test_table_files_put_the_notes_beside_the_numbers() -> None:
    frame = pl.DataFrame({"gemeente_naam": ["Heerlen"], "per_1000": [3.818845]})
    columns = {"gemeente_naam": "column.gemeente", "per_1000": "context.column.rate"}
    files = downloads.table_files("en", frame, columns, "Map", ["Map", *CAVEAT])
    csv_file = next(f for f in files if f[2].endswith(".csv"))[1]()
    assert isinstance(csv_file, bytes)
    lines = csv_file.decode("utf-8-sig").splitlines()
    assert lines[:2] == ['Municipality,"Per 1,000 inhabitants"', "Heerlen,3.818845"]
    assert lines[2] == "# Map"
    assert all(line.startswith("# ") for line in lines[2:])
    xlsx_file = next(f for f in files if f[2].endswith(".xlsx"))[1]()
    assert isinstance(xlsx_file, bytes)
    book = load_workbook(io.BytesIO(xlsx_file))
    assert book.sheetnames == ["Map", "Notes"]
    notes = [row[0] for row in book["Notes"].iter_rows(values_only=True)]
    assert notes[:2] == ["Notes", "Map"]
    assert len(notes) == 2 + len(CAVEAT)
    bare = downloads.table_files("en", frame, columns, "Map")
    bare_book = load_workbook(io.BytesIO(next(f for f in bare if f[2].endswith(".xlsx"))[1]()))
    assert bare_book.sheetnames == ["Map"]
