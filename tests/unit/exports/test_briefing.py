"""The briefing as PPTX and PDF, opened with their own libraries; the ``export`` command."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from lib import cli
from lib.cli import main as cli_main
from lib.config import BUNDLED_DATA_DIR
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.exports import briefing
from lib.slides.storyline import SLIDES, Storyline, View

DONE = {"in_uitvoering", "afgerond"}
NAMES_NL = [
    "Kerncijfers",
    "Kaart: aantal interventies",
    "Thema's",
    "Uitvoering",
    "Risicofactoren zonder interventie",
    "Lessen uit het onderzoek",
    "Volgende stappen",
]


def _lelystad() -> tuple[int, int]:
    with (BUNDLED_DATA_DIR / "interventies.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["gemeentecode"] == "GM0995"]
    return sum(r["status"] in DONE for r in rows), len(rows)


def _pptx_texts(slide: object) -> str:
    return "\n".join(
        shape.text_frame.text
        for shape in slide.shapes  # type: ignore[attr-defined]
        if shape.has_text_frame
    )


@pytest.fixture(scope="module")
def full_pptx(dataset: Dataset) -> bytes:
    return briefing.pptx_bytes(dataset, Filters(), "nl", View())


def test_pptx_has_a_cover_and_one_slide_per_view(full_pptx: bytes) -> None:
    deck = Presentation(io.BytesIO(full_pptx))
    assert len(deck.slides) == 1 + len(SLIDES)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == ["Preventie met gezag", *NAMES_NL]
    pictures = [
        sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes)
        for slide in deck.slides
    ]
    assert pictures == [0, 0, 1, 1, 1, 1, 0, 0]  # the chart slides carry their chart as a PNG
    cover = _pptx_texts(deck.slides[0])
    assert "Alle gemeenten en interventies (geen filters)" in cover
    assert "Voorbeelddata" in cover
    for number, slide in enumerate(list(deck.slides)[1:], start=1):
        text = _pptx_texts(slide)
        assert f"Dia {number} van {len(SLIDES)}" in text
        assert "Data: versie 1.0.0 van 2026-11-28" in text
        assert "Bronnen: " in text
        assert slide.has_notes_slide
    lessons = _pptx_texts(deck.slides[6])
    assert "Voorbeelddata" not in lessons  # lessons are published, not example data


def test_pptx_of_a_prepared_storyline_in_english(dataset: Dataset) -> None:
    done, n = _lelystad()
    view = View(Storyline(("uitvoering", "kop"), "Council briefing"))
    data = briefing.pptx_bytes(dataset, Filters(gemeenten=("GM0995",)), "en", view)
    deck = Presentation(io.BytesIO(data))
    assert [s.shapes.title.text for s in deck.slides] == [
        "Council briefing",
        "Execution",
        "Key figures",
    ]
    pct = f"{100 * done / n:.1f}%"
    takeaway = f"Lelystad: {done} of {n} interventions carried out ({pct}), below the reference"
    assert takeaway in _pptx_texts(deck.slides[1])
    assert takeaway in deck.slides[1].notes_slide.notes_text_frame.text
    assert "Municipality: Lelystad" in _pptx_texts(deck.slides[0])
    figures = _pptx_texts(deck.slides[2])
    assert f"\n{n}\n" in f"\n{figures}\n"  # the number of interventions as a headline figure


def test_pdf_has_a_page_per_slide(dataset: Dataset) -> None:
    data = briefing.pdf_bytes(dataset, Filters(botoc="ja"), "nl", View())
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 + len(SLIDES)
    assert reader.metadata is not None
    assert reader.metadata.title == "Preventie met gezag"
    first = reader.pages[1].extract_text()
    assert "Kerncijfers" in first
    assert "53 van 62 interventies uitgevoerd (85,5 %)" in first
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # 16:9 landscape


def test_pdf_without_the_dejavu_font_falls_back_to_a_core_font(
    dataset: Dataset, tmp_path: Path
) -> None:
    view = View(Storyline(("risico", "lessen"), "Beïnvloedbare factoren – stand"))
    data = briefing.pdf_bytes(dataset, Filters(), "nl", view, font_dir=tmp_path)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    cover = reader.pages[0].extract_text()
    assert "Beïnvloedbare factoren - stand" in cover  # the dash spelled out, the ï kept
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("Helvetica" in name for name in fonts)


# --- command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_export_command_writes_the_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"briefing.{fmt}"
    code = cli_main(
        [
            "export",
            "--format",
            fmt,
            "--out",
            str(out),
            "--filters",
            "gemeente=GM0995&verhaal=kop,uitvoering&titel=Raad&lang=en",
        ]
    )
    assert code == 0
    assert "Written:" in capsys.readouterr().out
    data = out.read_bytes()
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        assert [s.shapes.title.text for s in deck.slides] == ["Raad", "Key figures", "Execution"]
    else:
        assert len(PdfReader(io.BytesIO(data)).pages) == 3


def test_python_m_lib_export_with_a_whole_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.pptx"
    link = "http://localhost:8501/presentatie?botoc=ja&verhaal=themas&dia=1"
    assert (
        cli.main(
            ["--lang", "en", "export", "--format", "pptx", "--out", str(out), "--filters", link]
        )
        == 0
    )
    deck = Presentation(io.BytesIO(out.read_bytes()))
    assert [s.shapes.title.text for s in deck.slides] == ["Preventie met gezag", "Themes"]
    assert "Written:" in capsys.readouterr().out


HOSTILE_FILTERS = [
    "dia=999&verhaal=<script>&gemeente=GM9999&maat=x&titel=%00%1b",
    "%%%&&&===",
    "verhaal=" + ",".join(["kop"] * 5000),
    "a=" + "&a=".join(["1"] * 2000),
    "lang=fr&botoc=misschien&thema=../../etc/passwd",
]


@pytest.mark.parametrize("filters", HOSTILE_FILTERS)
def test_hostile_filters_never_fail(
    filters: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.pdf"
    assert cli_main(["export", "--format", "pdf", "--out", str(out), "--filters", filters]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    capsys.readouterr()


def test_export_usage_errors_and_write_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["export", "--format", "docx", "--out", str(tmp_path / "x")]) == 2
    assert cli_main(["export", "--format", "pdf"]) == 2
    assert cli_main(["export", "--format", "pdf", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "invalid choice" in err
