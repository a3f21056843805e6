"""AppTest of the upload report and preview: in the page language, numbers as the page writes
them, empty cells empty, every header named, the right plural, and the report as CSV and
Excel in the page language."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import polars as pl
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from lib.config import ROOT
from lib.contract.codes import Lang
from lib.data.auth import hash_passphrase
from lib.text.i18n import t
from lib.web import signin

APP = str(ROOT / "app.py")
DATA = ROOT / "tests" / "data"
PASSPHRASE = "veilig genoeg voor een test"


@pytest.fixture(autouse=True)
def _fresh_gate() -> Iterator[None]:
    signin.gate.clear()
    yield
    signin.gate.clear()


class Downloads:
    """Every file the download buttons of a page offer, by file name: the makers are
    recorded where Streamlit registers them and run as a click would run them."""

    def __init__(self) -> None:
        self.makers: dict[str, Callable[[], object]] = {}

    def names(self) -> list[str]:
        return list(self.makers)

    def __getitem__(self, name: str) -> bytes:
        data = self.makers[name]()
        return data if isinstance(data, bytes) else str(data).encode("utf-8")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    downloads = Downloads()
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, maker: Any, *args: Any, **kwargs: Any) -> str:
        downloads.makers[str(kwargs.get("file_name"))] = maker
        return original(self, maker, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return downloads


def analyst(lang: Lang) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["analyst_passphrase_hash"] = hash_passphrase(PASSPHRASE, iterations=1_000)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/data.py").run()
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="data_bestand").set_value((name, data, mime))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    return next(f for f in frames(at) if header in f.columns)


def notices(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.success])


def csv_file(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


HEADER = ["interventie_id", "gemeentecode", "naam", "thema", "status", "doelgroep", "startjaar",
          "bereik", "budget_eur"]  # fmt: skip
GOOD = ["T-1", "GM0599", "Straatcoaches", "jongerenwerk", "in_uitvoering", "", "2024", "1250",
        "12500.5"]  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_table_of_the_report_has_named_headers_in_the_page_language(lang: Lang) -> None:
    at = upload(analyst(lang), "negative_numbers.csv", (DATA / "negative_numbers.csv").read_bytes())
    for frame in frames(at):
        assert all(str(c).strip() for c in frame.columns), frame.columns
        assert not any(str(c).startswith("column_") for c in frame.columns)
    dialect = table_with(at, t("upload.dialect.what", lang))
    assert list(dialect.columns) == [t("upload.dialect.what", lang), t("upload.dialect.how", lang)]
    report = table_with(at, t("upload.report.message", lang))
    assert list(report.columns) == [
        t(f"upload.report.{n}", lang) for n in ("row", "column", "value", "severity", "message")
    ]
    assert set(report[t("upload.report.severity", lang)]) == {t("upload.report.severity_error",
                                                                 lang)}  # fmt: skip


def test_the_report_wraps_its_messages_and_leaves_unknown_rows_empty() -> None:
    at = upload(analyst("nl"), "bsn_column.csv", (DATA / "bsn_column.csv").read_bytes())
    (grid,) = [d for d in at.dataframe if "Melding" in d.value.columns]
    assert grid.proto.row_height > 64  # Streamlit wraps the text of cells from 64 px on
    assert grid.proto.placeholder == ""  # a file-level problem has no row: empty, not None
    assert grid.value["Rij"].isna().all()


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (1, "1 fout en 0 waarschuwingen. Los de fout op"),
        (2, "2 fouten en 0 waarschuwingen. Los de 2 fouten op"),
    ],
)
def test_one_error_is_one_error(bad: int, expected: str) -> None:
    negative = [[f"T-{i}", *GOOD[1:7], "-5", GOOD[8]] for i in range(bad)]
    data = [HEADER, *negative, ["T-9", *GOOD[1:]]]
    assert expected in notices(upload(analyst("nl"), "negatief.csv", csv_file(data)))


@pytest.mark.parametrize(
    ("lang", "budget", "reach"), [("nl", "12.500,5", "1.250"), ("en", "12,500.5", "1,250")]
)
def test_the_preview_writes_numbers_as_the_page_does(lang: Lang, budget: str, reach: str) -> None:
    at = upload(analyst(lang), "goed.csv", csv_file([HEADER, GOOD]))
    assert t("upload.result.valid", lang) in notices(at)
    preview = table_with(at, "budget_eur")
    row = preview.iloc[0]
    assert (row["budget_eur"], row["bereik"], row["startjaar"]) == (budget, reach, "2024")
    assert row["doelgroep"] == ""  # empty, neither None nor "onbekend"
    assert not preview.isna().any().any()
    grid = next(d for d in at.dataframe if "budget_eur" in d.value.columns)  # (the preview)
    helps = {name: c.get("help", "") for name, c in _column_config(grid).items()}
    assert t("upload.preview_help", lang, kolom="startjaar", omschrijving="") in helps["startjaar"]


def _column_config(grid: object) -> dict[str, dict[str, object]]:
    import json

    raw = json.loads(grid.proto.columns)  # type: ignore[attr-defined]
    return {str(k): v for k, v in raw.items()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_downloaded_report_is_in_the_page_language(lang: Lang, made: Downloads) -> None:
    upload(analyst(lang), "negatief.csv", (DATA / "negative_numbers.csv").read_bytes())
    word = t("upload.report.file", lang)
    names = [n for n in made.names() if f".{word}." in n]
    assert names == [f"negatief.{word}.csv", f"negatief.{word}.xlsx"]
    headers = [t(f"upload.report.{n}", lang)
               for n in ("row", "column", "value", "severity", "message", "code")]  # fmt: skip
    delimiter = ";" if lang == "nl" else ","
    rows = list(csv.reader(io.StringIO(made[names[0]].decode("utf-8-sig")), delimiter=delimiter))
    assert rows[0] == headers
    by_column = {r[1]: r for r in rows[1:]}
    assert by_column["bereik"][2] == "-5"  # a plain number is no formula: no apostrophe
    assert by_column["bereik"][3] == t("upload.report.severity_error", lang)
    book = load_workbook(io.BytesIO(made[names[1]]))
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == headers
    cells = {row[1]: row for row in values[1:]}
    assert cells["bereik"][2] == "-5"
    assert cells["budget_eur"][2] == by_column["budget_eur"][2]  # the same value as the CSV
    assert str(cells["budget_eur"][2]).startswith("-100")
    assert not any(str(v).startswith("'") for row in values for v in row if v is not None)


def test_an_applied_translation_table_is_named_too() -> None:
    at = upload(analyst("en"), "labels.csv", (DATA / "labels_nl_en.csv").read_bytes())
    applied = table_with(at, t("upload.applied.original", "en"))
    assert list(applied.columns) == [
        t(k, "en") for k in ("upload.applied.column", "upload.applied.original",
                             "upload.applied.code", "upload.applied.count")
    ]  # fmt: skip
    assert pl.from_pandas(applied).height > 0
