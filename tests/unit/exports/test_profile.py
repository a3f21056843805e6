"""The one-page profile: the same content as Markdown, HTML and PDF, escaped, and the CLI.

The PDF is read back with pypdf. CI installs the DejaVu font (``fonts-dejavu-core``), so the
Unicode path is tested, never skipped; the fallback to a built-in font is tested as well.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

from lib.cli import main
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.domain.kenniskaart import Profile, build_profile
from lib.exports import profile as pe
from lib.exports.pdf import find_fonts
from lib.text import kenniskaart as kt

TODAY = date(2026, 11, 28)
SCRIPT = "<script>alert('x')</script> & Co"


@pytest.fixture(scope="module")
def tilburg(dataset: Dataset) -> Profile:
    return build_profile(dataset, Filters(gemeenten=("GM0855",)), today=TODAY)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace (line breaks of the PDF layout) as single spaces."""
    return " ".join(text.split())


def key_texts(profile: Profile) -> list[str]:
    """Texts that every format must contain (short enough not to wrap in a PDF line)."""
    gap_names = [g.name for g in kt.gaps(profile, "nl")]
    return [
        f"Kenniskaart: {kt.title(profile, 'nl')}",
        f"Gemaakt op {profile.made_on}",
        f"dataversie {profile.version}",
        "Voorbeelddata",
        "In het kort",
        "Balans tussen perspectief en grenzen",
        "Toets aan de lessen uit het onderzoek",
        "Bronnen",
        *gap_names,
    ]


def test_document_has_every_section(tilburg: Profile) -> None:
    blocks = pe.document(tilburg, "nl")
    headings = [b.text for b in blocks if isinstance(b, pe.Heading)]
    assert headings == [
        "Kenniskaart: Tilburg",
        "In het kort",
        "Programmaprofiel",
        "Balans tussen perspectief en grenzen",
        "Sterk onderbouwde risicofactoren die niet gedekt zijn",
        "Toets aan de lessen uit het onderzoek",
        "Bronnen",
    ]
    bullets = [b for b in blocks if isinstance(b, pe.Bullets)]
    assert bullets[0].items == kt.summary(tilburg, "nl")
    assert len(bullets[1].items) == 6  # one per check
    table = next(b for b in blocks if isinstance(b, pe.Table))
    assert table.header == ("Vergelijking", "Perspectief bieden", "Grenzen stellen", "Verbindend")
    assert [row[0] for row in table.rows] == [
        "Tilburg",
        "Instroomgolf: Eerste 15 (2022)",
        "Alle gemeenten",
    ]


def test_pillar_rows_show_share_and_count(tilburg: Profile) -> None:
    _, rows = pe.pillar_rows(tilburg, "nl")
    own = tilburg.pillars.filter(pl.col("groep_volgorde") == 0)
    n = dict(own.select("pijler", "n").iter_rows())
    total = sum(n.values())
    assert rows[0][1] == f"{round(100 * n['perspectief'] / total)} % ({n['perspectief']})"


def test_learn_from_is_limited_in_the_profile(tilburg: Profile) -> None:
    many = next(g for g in tilburg.gaps if len(g.places) > pe.LEARN_FROM_MAX)
    text = pe.to_markdown(tilburg, "nl")
    extra = len(many.places) - pe.LEARN_FROM_MAX
    assert f"en nog {extra} andere {'gemeente' if extra == 1 else 'gemeenten'}" in text
    for place in many.places[: pe.LEARN_FROM_MAX]:
        assert place in text


def test_markdown_html_and_pdf_have_the_same_content(tilburg: Profile) -> None:
    md = pe.to_markdown(tilburg, "nl")
    page = pe.to_html(tilburg, "nl")
    pages, text = pdf_text(pe.to_pdf(tilburg, "nl"))
    assert pages == 1
    for expected in key_texts(tilburg):
        assert expected in md, expected
        assert expected in page, expected
        assert expected in flat(text), expected
    for sentence in kt.summary(tilburg, "nl"):
        assert sentence in md
        assert sentence in flat(text)


def test_pdf_uses_the_unicode_font(tilburg: Profile) -> None:
    assert find_fonts() is not None, "install fonts-dejavu-core (CI does)"
    data = pe.to_pdf(tilburg, "nl")
    assert data.startswith(b"%PDF")
    assert b"DejaVu" in data
    _, text = pdf_text(data)
    assert "✖" in text or "⚠" in text or "✔" in text
    assert "Preventie met gezag heeft twee pijlers" in flat(text)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Kenniskaart: Tilburg"


def test_pdf_is_reproducible(tilburg: Profile) -> None:
    assert pe.to_pdf(tilburg, "nl") == pe.to_pdf(tilburg, "nl")


def test_pdf_falls_back_to_a_core_font(tilburg: Profile) -> None:
    data = pe.to_pdf(tilburg, "nl", core_fonts=True)
    pages, text = pdf_text(data)
    assert pages == 1
    assert b"DejaVu" not in data
    assert "Kenniskaart: Tilburg" in text
    assert "[x]" in text or "[!]" in text or "[v]" in text


def test_one_profile_in_both_languages(tilburg: Profile) -> None:
    dutch, english = pe.to_markdown(tilburg, "nl"), pe.to_markdown(tilburg, "en")
    assert dutch.startswith("# Kenniskaart: Tilburg\n")
    assert english.startswith("# Knowledge map: Tilburg\n")
    assert pe.file_name(tilburg, "md") == "kenniskaart-GM0855-2026-11-28.md"


def test_english_profile(dataset: Dataset) -> None:
    profile = build_profile(dataset, Filters(gemeenten=("GM0995",)), today=TODAY)
    md = pe.to_markdown(profile, "en")
    assert md.startswith("# Knowledge map: Lelystad\n")
    assert "Made on 2026-11-28 · data version 1.0.0" in md
    _, text = pdf_text(pe.to_pdf(profile, "en"))
    assert "Knowledge map: Lelystad" in text


def test_whole_programme_fits_on_one_page(dataset: Dataset) -> None:
    profile = build_profile(dataset, Filters(), today=TODAY)
    pages, text = pdf_text(pe.to_pdf(profile, "nl"))
    assert pages == 1
    assert "Kenniskaart: Het hele programma" in text
    assert "Leefdomeinen per gemeente" in text


# --------------------------------------------------------------------------- escaping


@pytest.fixture(scope="module")
def hostile(dataset: Dataset) -> Profile:
    """Lelystad's intervention that covers a gap of Tilburg gets a name with HTML in it."""
    named = dataset.interventies.with_columns(
        pl.when(pl.col("interventie_id") == "GM0995-009")
        .then(pl.lit(SCRIPT))
        .otherwise(pl.col("naam"))
        .alias("naam")
    )
    data = replace(dataset, interventies=named)
    return build_profile(data, Filters(gemeenten=("GM0855",)), today=TODAY)


def test_the_hostile_name_is_in_the_profile(hostile: Profile) -> None:
    names = [e.name for g in hostile.gaps for e in g.examples]
    assert SCRIPT in names


def test_html_escapes_data_text(hostile: Profile) -> None:
    page = pe.to_html(hostile, "nl")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in page


def test_markdown_escapes_data_text(hostile: Profile) -> None:
    text = pe.to_markdown(hostile, "nl")
    assert "<script>" not in text
    assert "\\<script\\>alert('x')\\</script\\> & Co" in text


def test_pdf_shows_the_name_as_text(hostile: Profile) -> None:
    _, text = pdf_text(pe.to_pdf(hostile, "nl"))
    assert "<script>alert('x')</script>" in flat(text)


def test_file_name(tilburg: Profile, dataset: Dataset) -> None:
    assert pe.file_name(tilburg, "pdf") == "kenniskaart-GM0855-2026-11-28.pdf"
    whole = build_profile(dataset, Filters(), today=TODAY)
    assert pe.file_name(whole, "html") == "kenniskaart-selectie-2026-11-28.html"


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("fmt", pe.FORMATS)
def test_profile_command_writes_every_format(
    fmt: pe.Format, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"tilburg.{fmt}"
    argv = ["--gemeente", "GM0855", "--format", fmt, "--out", str(out), "--date", "2026-11-28"]
    assert main(["profile", *argv]) == 0
    assert f"Profiel geschreven naar {out}" in capsys.readouterr().out
    data = out.read_bytes()
    if fmt == "pdf":
        pages, text = pdf_text(data)
        assert pages == 1
        assert "Kenniskaart: Tilburg" in text
    else:
        text = data.decode("utf-8")
        assert "Kenniskaart: Tilburg" in text
        assert "Gemaakt op 2026-11-28" in text
    assert (fmt == "html") == text.lstrip().startswith("<!DOCTYPE html>")


def test_cli_profile_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lelystad.md"
    code = main(["profile", "--gemeente", "GM0995", "--format", "md", "--out", str(out)])
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("# Kenniskaart: Lelystad\n")
    english = tmp_path / "lelystad-en.html"
    code = main(["--lang", "en", "profile", "--gemeente", "gm0995", "--format", "html",
                 "--out", str(english)])  # fmt: skip
    assert code == 0
    assert '<html lang="en">' in english.read_text(encoding="utf-8")
    assert "Profile written to" in capsys.readouterr().out


def test_cli_profile_of_the_whole_programme(tmp_path: Path) -> None:
    out = tmp_path / "alle.md"
    assert main(["profile", "--format", "md", "--out", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Knowledge map: The whole programme\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "--gemeente", "GM9999", "--format", "md", "--out", "x.md"],
        ["profile", "--gemeente", "GM0855", "--format", "docx", "--out", "x.docx"],
        ["profile", "--gemeente", "GM0855", "--format", "pdf"],
        ["profile", "--format", "md", "--out", "x.md", "--date", "gisteren"],
    ],
)
def test_cli_profile_usage_errors(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert list(tmp_path.iterdir()) == []


def test_cli_profile_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--help"]) == 0
    assert "--gemeente" in capsys.readouterr().out


def test_published_facts_are_apart_from_the_example_data(dataset: Dataset) -> None:
    den_haag = build_profile(dataset, Filters(gemeenten=("GM0518",)), today=TODAY)
    blocks = pe.document(den_haag, "nl")
    headings = [b.text for b in blocks if isinstance(b, pe.Heading)]
    assert "Gepubliceerde feiten over het programma" in headings
    facts = next(b for b in blocks if isinstance(b, pe.Bullets) and "Budget" in b.items[0])
    assert len(facts.items) == 4
    assert "€ 3.000.000 per jaar" in facts.items[0]
    assert "https://zuidwestopznbest.npzw.nl/" in facts.items[0]
    assert "€ 3.900.000 per jaar" in " ".join(facts.items)  # both budgets, each with its source
    markdown = pe.render(den_haag, "md", "en")
    assert isinstance(markdown, bytes)
    assert b"Published facts about the programme" in markdown
    assert b"\\u20ac3,000,000 a year" in markdown or "€3,000,000 a year".encode() in markdown
    programme = build_profile(dataset, Filters(), today=TODAY)
    texts = [b.text for b in pe.fact_blocks(programme, "nl") if isinstance(b, pe.Paragraph)]
    assert any("Gepubliceerde feiten zijn er voor" in text for text in texts)
    lelystad_free = build_profile(dataset, Filters(gemeenten=("GM0202",)), today=TODAY)
    assert pe.fact_blocks(lelystad_free, "nl") == []
