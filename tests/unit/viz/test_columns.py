"""Accessible tables: same numbers as the page, formatted for the language."""

from __future__ import annotations

import polars as pl
import pytest

from lib.viz import columns
from lib.viz.columns import display_table

FRAME = pl.DataFrame(
    {
        "gemeente_naam": ["Lelystad", "Nieuwegein"],
        "n": [1234, 4],
        "rate": [53 / 62, 0.5],
        "betrouwbaar": [True, False],
        "inwoners": [84091, None],
    }
)
COLUMNS = {
    "gemeente_naam": "column.gemeente",
    "n": "column.n_interventies",
    "rate": "column.execution_rate",
    "betrouwbaar": "column.reliable",
    "inwoners": "column.population",
}


def test_dutch_table() -> None:
    table = display_table(FRAME, COLUMNS, "nl")
    assert table.columns == [
        "Gemeente", "Aantal interventies", "Uitvoeringsgraad", "Betrouwbaar (5 of meer)", "Inwoners"
    ]  # fmt: skip
    assert table.rows() == [
        ("Lelystad", "1.234", "85,5 %", "ja", "84.091"),
        ("Nieuwegein", "4", "50,0 %*", "nee", "onbekend"),
    ]


def test_english_table() -> None:
    table = display_table(FRAME, COLUMNS, "en")
    assert table.row(0) == ("Lelystad", "1,234", "85.5%", "yes", "84,091")
    assert table.row(1)[-1] == "unknown"


def test_empty_frame_keeps_the_labels() -> None:
    table = display_table(FRAME.clear(), COLUMNS, "nl")
    assert table.height == 0
    assert table.columns[0] == "Gemeente"


def test_export_table_keeps_numbers_and_labels() -> None:
    frame = pl.DataFrame(
        {
            "gemeente_naam": ["=HYPERLINK()", "B"],
            "rate": [53 / 62, None],
            "betrouwbaar": [True, False],
        }
    )
    table = columns.export_table(
        frame,
        {
            "gemeente_naam": "column.gemeente",
            "rate": "column.execution_rate",
            "betrouwbaar": "column.reliable",
        },
        "nl",
    )
    assert table.columns == ["Gemeente", "Uitvoeringsgraad (%)", "Betrouwbaar (5 of meer)"]
    assert table.row(0) == ("=HYPERLINK()", 85.5, "ja")  # the CSV/XLSX writers neutralise it
    assert table.row(1) == ("B", None, "nee")


def test_an_unregistered_column_cannot_be_shown() -> None:
    frame = pl.DataFrame({"raadsel": [1]})
    with pytest.raises(KeyError):
        columns.display_table(frame, {"raadsel": "column.n_interventies"}, "nl")
    with pytest.raises(KeyError):
        columns.export_table(frame, {"raadsel": "column.n_interventies"}, "nl")


def test_a_column_is_written_by_its_kind_not_by_its_value() -> None:
    frame = pl.DataFrame({"n": [3], "rate": [0.5], "betrouwbaar": [False], "gedekt": [True]})
    shown = columns.display_table(
        frame,
        {
            "n": "column.n_interventies",
            "rate": "column.execution_rate",
            "betrouwbaar": "column.reliable",
            "gedekt": "column.covered",
        },
        "nl",
    )
    assert shown.row(0) == ("3", "50,0 %*", "nee", "ja")


def test_every_column_of_an_upload_can_be_previewed() -> None:
    from lib.contract.schema import TABLES, UPLOADABLE_TABLES

    missing = {c.name for name in UPLOADABLE_TABLES for c in TABLES[name].columns} - set(
        columns.COLUMNS
    )
    assert missing == set()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("T-1", "12.500,5", "1.250", "2024", "", "ja")),
        ("en", ("T-1", "12,500.5", "1,250", "2024", "", "yes")),
    ],
)
def test_file_rows_write_numbers_as_the_page_and_keep_empty_cells_empty(
    lang: str, expected: tuple[str, ...]
) -> None:
    frame = pl.DataFrame(
        {
            "interventie_id": ["T-1", "T-2"],
            "budget_eur": [12500.5, 3.0],
            "bereik": [1250, None],
            "startjaar": [2024, 2025],
            "doelgroep": [None, "jongeren"],
            "monitoringplan": [True, None],
        }
    )
    rows = columns.file_rows(frame, lang)  # type: ignore[arg-type]
    assert rows.columns == frame.columns  # the names in the file stay the headers
    assert rows.row(0) == expected
    assert rows.row(1)[1:3] == ("3", "")
    assert rows.row(1)[-1] == ""
