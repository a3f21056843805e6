"""Files made from the dashboard: the one registry of export formats, and file names.

Every download button, the command line and the tests take the MIME type and the label of a
format from ``FORMATS``; the writers are the modules of this package (``tables``: CSV/XLSX,
``images``: PNG/SVG, ``profile``: PDF/Markdown/HTML, ``briefing``: PPTX/PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Format:
    """A file format: extension, MIME type and the catalogue key of its download label."""

    ext: str
    mime: str
    label: str


FORMATS: Final[dict[str, Format]] = {
    f.ext: f
    for f in (
        Format("png", "image/png", "download.png"),
        Format("svg", "image/svg+xml", "download.svg"),
        Format("csv", "text/csv", "download.csv"),
        Format(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "download.xlsx",
        ),
        Format(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "presentation.briefing.format.pptx",
        ),
        Format("pdf", "application/pdf", "presentation.briefing.format.pdf"),
        Format("md", "text/markdown", "kenniskaart.export.format.md"),
        Format("html", "text/html", "kenniskaart.export.format.html"),
    )
}

PROFILE_FORMATS: Final = ("pdf", "md", "html")
"""The formats of the one-page Kenniskaart profile (``lib.exports.profile``)."""
BRIEFING_FORMATS: Final = ("pptx", "pdf")
"""The formats of the briefing of a storyline (``lib.exports.briefing``)."""

_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_NOT_IN_SHEET_NAME: Final = re.compile(r"[\[\]:*?/\\]")


def file_stem(title: str) -> str:
    """A file name without extension from a title: ``Thema's per gemeente`` -> ``thema-s-per-
    gemeente`` (at most 60 characters; ``export`` when nothing is left)."""
    return _NOT_SLUG.sub("-", title.lower()).strip("-")[:60] or "export"


def sheet_name(title: str) -> str:
    """An Excel sheet name from a title: no ``[]:*?/\\``, at most 31 characters."""
    return _NOT_IN_SHEET_NAME.sub(" ", title)[:31] or "data"
