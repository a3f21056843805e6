"""What every PDF of the dashboard shares: the font, its fallback and the document set-up.

PDFs use the DejaVu Sans font of the operating system (Debian/Ubuntu package
``fonts-dejavu-core``; Fedora and Arch keep it elsewhere), which covers every character the
dashboard writes. Without it they fall back to fpdf2's built-in Helvetica, which knows only
Latin-1: ``to_latin1`` then spells out the symbols (✔ becomes ``[v]``, € ``EUR``) and drops
accents Latin-1 lacks (ř becomes r); accents it has stay (Fryslân).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

FONT_DIRS: Final[tuple[Path, ...]] = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/dejavu"),  # older Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
)
FONT_FILES: Final[dict[str, str]] = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
FAMILY: Final = "DejaVu"
FALLBACK_FAMILY: Final = "helvetica"
CREATOR: Final = "Preventie met gezag dashboard"
LATIN1_REPLACEMENTS: Final[dict[str, str]] = {
    "✔": "[v]",
    "⚠": "[!]",
    "✖": "[x]",
    "•": "-",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "€": "EUR",
    "≥": ">=",
    "≤": "<=",
}


def find_fonts(dirs: Sequence[Path] = FONT_DIRS) -> dict[str, Path] | None:
    """DejaVu Sans regular, bold and oblique from the first folder that has all three."""
    for folder in dirs:
        files = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    return None


def to_latin1(text: str) -> str:
    """Text for the core PDF fonts: known symbols spelled out, Latin-1 kept, other accents
    dropped, and ``?`` for a character with no Latin-1 form at all."""
    out = []
    for char in text:
        if char in LATIN1_REPLACEMENTS:
            out.append(LATIN1_REPLACEMENTS[char])
        elif ord(char) < 256:
            out.append(char)
        else:
            plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            out.append(plain if plain and plain.isprintable() else "?")
    return "".join(out)


@dataclass(frozen=True)
class Document:
    """An fpdf2 document with the dashboard's font (or the fallback) registered."""

    pdf: Any
    family: str
    unicode: bool

    def text(self, value: str) -> str:
        """``value`` as the document's font can show it."""
        return value if self.unicode else to_latin1(value)


def document(
    *,
    orientation: str = "P",
    page: str | tuple[float, float] = "A4",
    title: str,
    lang: str,
    subject: str = "",
    created: datetime | None = None,
    fonts: dict[str, Path] | None = None,
) -> Document:
    """A new PDF with title, language, creator and fonts set (``fonts=None``: the fallback)."""
    from fpdf import FPDF  # loaded on the first PDF only

    pdf = FPDF(orientation=orientation, unit="mm", format=page)
    if fonts is not None:
        for style, path in fonts.items():
            pdf.add_font(FAMILY, style=style, fname=str(path))
    doc = Document(pdf, FAMILY if fonts is not None else FALLBACK_FAMILY, fonts is not None)
    pdf.set_title(doc.text(title))
    if subject:
        pdf.set_subject(doc.text(subject))
    pdf.set_lang(lang)
    pdf.set_creator(CREATOR)
    if created is not None:
        pdf.set_creation_date(created)
    return doc


def close_fonts(pdf: Any) -> None:
    """fpdf2 keeps the font files open (fontTools reads them lazily); close them."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()
