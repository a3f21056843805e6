"""The font and fallback every PDF of the dashboard shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.exports import pdf


@pytest.mark.parametrize(
    ("text", "latin1"),
    [
        ("✔ Goed — “snel” geld…", '[v] Goed - "snel" geld...'),
        ("Fryslân, één", "Fryslân, één"),  # Latin-1 stays
        ("Dvořák ✖", "Dvorák [x]"),
        ("Łódź", "?ódz"),  # no Latin-1 form at all
        ("€ 5 – ‘ok’ … ≥ 85,5 % Zoë ș ł", "EUR 5 - 'ok' ... >= 85,5 % Zoë s ?"),
    ],
)
def test_to_latin1(text: str, latin1: str) -> None:
    assert pdf.to_latin1(text) == latin1
    assert pdf.to_latin1(text).encode("latin-1")


def test_find_fonts_needs_all_three_styles(tmp_path: Path) -> None:
    assert pdf.find_fonts((tmp_path,)) is None
    for name in pdf.FONT_FILES.values():
        (tmp_path / name).write_bytes(b"")
    assert pdf.find_fonts((tmp_path / "missing", tmp_path)) == {
        style: tmp_path / name for style, name in pdf.FONT_FILES.items()
    }


def test_a_document_without_the_font_uses_the_latin1_fallback() -> None:
    doc = pdf.document(title="Dvořák", lang="nl", fonts=None)
    assert not doc.unicode
    assert doc.family == pdf.FALLBACK_FAMILY
    assert doc.text("✔") == "[v]"
    assert doc.pdf.title == "Dvorák"


def test_a_document_with_the_font_keeps_every_character() -> None:
    fonts = pdf.find_fonts()
    assert fonts is not None, "install fonts-dejavu-core (CI does)"
    doc = pdf.document(title="Dvořák ✔", lang="nl", fonts=fonts)
    try:
        assert doc.unicode
        assert doc.text("Dvořák ✔") == "Dvořák ✔"
    finally:
        pdf.close_fonts(doc.pdf)
