"""The briefing: the slides of a storyline as a PowerPoint (PPTX) or PDF file.

One cover slide, then one slide per view of the storyline with its title, the chart as a
PNG rendered by vl-convert (or the figures, lessons or steps for a text slide), the two-line
takeaway computed from the data and, at the bottom, slide number, data status, source line,
the sources and the example-data notice where it applies. The takeaway and sources are also
in the speaker notes of the PPTX.

From the command line: ``python -m lib export --format pptx|pdf --out FILE
[--filters QUERYSTRING]``, where QUERYSTRING is the query string (or the whole URL) of a
dashboard view: filters, ``lang``, ``verhaal``, ``titel`` and ``maat``. No Streamlit here.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from lib.config import STREAMLIT_DIR, data_dir, store_dir
from lib.contract.codes import Lang, as_lang
from lib.data import geo
from lib.data.catalog import DataError, Dataset, load_dataset, with_store_version
from lib.data.geo import GeoJson
from lib.data.store import Store
from lib.domain.filters import Filters
from lib.exports import images
from lib.slides import content as presentation
from lib.slides.content import SlideContent, View
from lib.text import reports
from lib.text.i18n import t

FORMATS: Final = ("pptx", "pdf")
CHART_FONT_SCALE: Final = 1.3
CHART_MAX_HEIGHT: Final = 460
MAP_FONT_SCALE: Final = 1.2
FONT_DIR: Final = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: Final[dict[str, str]] = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
SOURCES_SHOWN: Final = 4
LATIN1_REPLACEMENTS: Final[dict[str, str]] = {
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
    "•": "-",
    "²": "2",
}


@dataclass(frozen=True)
class Page:
    """One slide of the briefing with its texts and (optional) chart image."""

    content: SlideContent
    number: int
    total: int
    footer: tuple[str, ...]
    sources: str
    image: bytes | None


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str
    made: str
    status: str
    notice: str | None
    pages: tuple[Page, ...]
    lang: Lang


def _image(slide: SlideContent) -> bytes | None:
    if slide.chart is None:
        return None
    if slide.code == "kaart":
        spec = images.slide_spec(slide.chart, font_scale=MAP_FONT_SCALE)
    else:
        spec = images.slide_spec(
            slide.chart, max_height=CHART_MAX_HEIGHT, font_scale=CHART_FONT_SCALE
        )
    return images.to_png(spec)


def build(
    data: Dataset,
    filters: Filters,
    lang: Lang,
    view: View,
    *,
    boundaries: GeoJson | None = None,
) -> Briefing:
    """Texts and images of every slide of the storyline of ``view``."""
    slides = presentation.build_slides(data, filters, lang, view, boundaries=boundaries)
    total = len(slides)
    pages = []
    for number, slide in enumerate(slides, start=1):
        titles = presentation.source_titles(data, slide.resources)
        more = len(titles) - SOURCES_SHOWN
        sources = "; ".join(titles[:SOURCES_SHOWN]) + (f" (+{more})" if more > 0 else "")
        footer = (
            f"{t('pres.dia.nummer', lang, nummer=number, totaal=total)} · "
            f"{presentation.data_status(data, lang, slide.resources)}",
            presentation.source_line(data, lang, slide.resources),
        )
        pages.append(Page(slide, number, total, footer, sources, _image(slide)))
    illustrative = any(p.content.illustrative for p in pages)
    return Briefing(
        title=presentation.deck_title(view.storyline, lang),
        subtitle=presentation.describe_filters(filters, data, lang),
        made=t("pres.cover.datum", lang, datum=date.today().isoformat()),
        status=presentation.data_status(data, lang),
        notice=presentation.illustrative_notice(data, lang) if illustrative else None,
        pages=tuple(pages),
        lang=lang,
    )


def _body_lines(content: SlideContent) -> list[str]:
    """What a text slide shows under its takeaway."""
    if content.code == "vervolg":
        return list(content.bullets[2:])
    return list(content.bullets)


# --- PPTX ---------------------------------------------------------------------------------------


def pptx_bytes(
    data: Dataset,
    filters: Filters,
    lang: Lang,
    view: View,
    *,
    boundaries: GeoJson | None = None,
) -> bytes:
    """The briefing as a 16:9 PowerPoint file: a cover and one slide per view."""
    return render_pptx(build(data, filters, lang, view, boundaries=boundaries))


def render_pptx(deck: Briefing) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width = Inches(13.333)
    prs.slide_height = Inches(7.5)
    prs.core_properties.title = deck.title
    prs.core_properties.subject = deck.subtitle
    prs.core_properties.language = "nl-NL" if deck.lang == "nl" else "en-GB"
    _pptx_cover(prs, deck)
    for page in deck.pages:
        _pptx_slide(prs, deck, page)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _text_box(
    slide: Any,
    box: tuple[float, float, float, float],
    paragraphs: Sequence[tuple[str, int, bool, bool]],
) -> None:
    """A text box at ``box`` (inches) with paragraphs of (text, size in pt, bold, italic)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    left, top, width, height = box
    frame = slide.shapes.add_textbox(
        Inches(left), Inches(top), Inches(width), Inches(height)
    ).text_frame
    frame.word_wrap = True
    for index, (text, size, bold, italic) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)  # type: ignore[no-untyped-call]
        paragraph.space_after = Pt(size * 0.4)


def _pptx_title(slide: Any, text: str, size: int) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    title = slide.shapes.title
    title.left, title.top = Inches(0.5), Inches(0.3)
    title.width, title.height = Inches(12.33), Inches(0.95)
    title.text = text
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True


def _pptx_cover(prs: Any, deck: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    from pptx.util import Inches

    _pptx_title(slide, deck.title, 44)
    slide.shapes.title.top = Inches(2.2)
    slide.shapes.title.height = Inches(1.3)
    subtitle = slide.placeholders[1]
    subtitle.element.getparent().remove(subtitle.element)
    lines = [(deck.subtitle, 24, False, False), (deck.made, 16, False, False)]
    lines.append((deck.status, 16, False, False))
    if deck.notice:
        lines.append((deck.notice, 14, False, True))
    _text_box(slide, (0.5, 3.6, 12.33, 3.2), lines)


def _pptx_slide(prs: Any, deck: Briefing, page: Page) -> None:
    from pptx.util import Inches

    content = page.content
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    _pptx_title(slide, content.title, 32)
    first, second = content.takeaway
    takeaway = [(first, 22, True, False), (second, 20, False, False)]
    if page.image is not None:
        width, height = images.png_size(page.image)
        scale = min(7.6 / width, 5.0 / height)
        slide.shapes.add_picture(
            io.BytesIO(page.image),
            Inches(0.5),
            Inches(1.35),
            width=Inches(width * scale),
            height=Inches(height * scale),
        )
        _text_box(slide, (8.4, 1.45, 4.43, 4.9), takeaway)
    elif content.figures:
        _text_box(slide, (0.5, 1.35, 12.33, 1.6), takeaway)
        tile = 12.33 / len(content.figures)
        for index, (label, value) in enumerate(content.figures):
            box = (0.5 + index * tile, 3.3, tile - 0.2, 2.4)
            _text_box(slide, box, [(value, 48, True, False), (label, 18, False, False)])
    else:
        size = 14 if content.code == "lessen" else 18
        body = [(line, size, False, False) for line in _body_lines(content)]
        _text_box(slide, (0.5, 1.35, 12.33, 5.0), [*takeaway, *body])
    footer = [(line, 10, False, False) for line in page.footer]
    footer.append((f"{t('pres.bronnen', deck.lang)}: {page.sources}", 10, False, False))
    if content.illustrative and deck.notice:
        footer.append((deck.notice, 10, False, True))
    _text_box(slide, (0.5, 6.35, 12.33, 1.1), footer)
    notes = slide.notes_slide.notes_text_frame
    notes.text = "\n".join(
        [first, second, f"{t('pres.bronnen', deck.lang)}: {page.sources}", *page.footer]
    )


# --- PDF ----------------------------------------------------------------------------------------

PAGE_W: Final = 338.67  # mm, 16:9 like the slides
PAGE_H: Final = 190.5
MARGIN: Final = 12.7


def _latin1(text: str) -> str:
    """Text for the core PDF fonts (Latin-1): known symbols spelled out, accents kept."""
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
        elif char in LATIN1_REPLACEMENTS:
            out.append(LATIN1_REPLACEMENTS[char])
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if ord(c) < 128 and c.isprintable()
            )
            out.append(base or "?")
    return "".join(out)


class _Pdf:
    """fpdf2 with the DejaVu fonts when present (Unicode), else Helvetica (Latin-1)."""

    def __init__(self, deck: Briefing, font_dir: Path) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="L", unit="mm", format=(PAGE_H, PAGE_W))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_title(deck.title)
        self.pdf.set_subject(deck.subtitle)
        self.pdf.set_lang("nl-NL" if deck.lang == "nl" else "en-GB")
        self.pdf.set_creator("Preventie met gezag dashboard")
        self.unicode = all((font_dir / name).is_file() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                self.pdf.add_font("DejaVu", style=style, fname=str(font_dir / name))
        self.family = "DejaVu" if self.unicode else "helvetica"
        self.pdf.set_text_color(0x1A, 0x1A, 0x1A)

    def text(self, value: str) -> str:
        return value if self.unicode else _latin1(value)

    def write(
        self,
        x: float,
        y: float,
        width: float,
        lines: Sequence[tuple[str, float, str]],
    ) -> float:
        """Paragraphs of (text, size in pt, style) from (x, y); returns the y below them."""
        from fpdf.enums import XPos, YPos

        self.pdf.set_xy(x, y)
        for text, size, style in lines:
            self.pdf.set_font(self.family, style=style, size=size)
            self.pdf.set_x(x)
            self.pdf.multi_cell(
                width,
                size * 0.45,
                self.text(text),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.pdf.set_y(self.pdf.get_y() + size * 0.18)
        return float(self.pdf.get_y())


def pdf_bytes(
    data: Dataset,
    filters: Filters,
    lang: Lang,
    view: View,
    *,
    boundaries: GeoJson | None = None,
    font_dir: Path = FONT_DIR,
) -> bytes:
    """The briefing as a PDF of 16:9 pages: a cover and one page per view."""
    return render_pdf(build(data, filters, lang, view, boundaries=boundaries), font_dir=font_dir)


def render_pdf(deck: Briefing, *, font_dir: Path = FONT_DIR) -> bytes:
    doc = _Pdf(deck, font_dir)
    pdf = doc.pdf
    width = PAGE_W - 2 * MARGIN
    pdf.add_page()
    doc.write(MARGIN, 60, width, [(deck.title, 36, "B")])
    cover = [(deck.subtitle, 18, ""), (deck.made, 13, ""), (deck.status, 13, "")]
    if deck.notice:
        cover.append((deck.notice, 12, "I"))
    doc.write(MARGIN, 90, width, cover)
    for page in deck.pages:
        content = page.content
        pdf.add_page()
        doc.write(MARGIN, MARGIN, width, [(content.title, 26, "B")])
        first, second = content.takeaway
        takeaway = [(first, 16, "B"), (second, 15, "")]
        top = 32.0
        if page.image is not None:
            image_w, image_h = images.png_size(page.image)
            scale = min(190 / image_w, 118 / image_h)
            pdf.image(io.BytesIO(page.image), x=MARGIN, y=top, w=image_w * scale, h=image_h * scale)
            doc.write(MARGIN + 200, top, width - 200, takeaway)
        elif content.figures:
            below = doc.write(MARGIN, top, width, takeaway)
            tile = width / len(content.figures)
            for index, (label, value) in enumerate(content.figures):
                x = MARGIN + index * tile
                doc.write(x, below + 8, tile - 6, [(value, 40, "B"), (label, 13, "")])
        else:
            size = 11.0 if content.code == "lessen" else 14.0
            body = [(line, size, "") for line in _body_lines(content)]
            doc.write(MARGIN, top, width, [*takeaway, *body])
        footer = [(line, 8.5, "") for line in page.footer]
        footer.append((f"{t('pres.bronnen', deck.lang)}: {page.sources}", 8.5, ""))
        if content.illustrative and deck.notice:
            footer.append((deck.notice, 8.5, "I"))
        pdf.set_draw_color(0x1A, 0x1A, 0x1A)
        pdf.line(MARGIN, 160, PAGE_W - MARGIN, 160)
        doc.write(MARGIN, 162, width, footer)
    return bytes(pdf.output())


# --- command line -----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``export`` (shared by ``python -m lib export`` and ``export_command``)."""
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--filters",
        default="",
        metavar="QUERYSTRING",
        help="query string (or URL) of a dashboard view: filters, lang, verhaal, titel, maat",
    )


def _secrets() -> Mapping[str, object]:
    configured = os.environ.get("PMG_SECRETS_FILE", "").strip()
    path = Path(configured) if configured else STREAMLIT_DIR / "secrets.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}


def _say(text: str, *, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    stream.write(text + "\n")


def run_export(args: argparse.Namespace, *, default_lang: Lang = "nl") -> int:
    """Write the briefing of the view in ``args.filters``; 0 done, 1 failed.

    Unknown or unusable values in the query string are ignored (named on stderr).
    """
    try:
        data = with_store_version(load_dataset(data_dir()), Store(store_dir()))
    except DataError as error:
        _say(reports.data_error_summary(error, "en"), error=True)
        return 1
    params = presentation.parse_query_string(str(args.filters or ""))
    codes = data.gemeenten.get_column("gemeentecode").to_list()
    filters, lang, view, ignored = presentation.read_link(params, codes)
    if "lang" not in params:
        lang = as_lang(default_lang)
    boundaries = geo.load_boundaries(geo.boundary_path(os.environ, _secrets()))
    if ignored:
        _say(t("export.cli.genegeerd", lang, params=", ".join(dict.fromkeys(ignored))), error=True)
    make = pptx_bytes if args.format == "pptx" else pdf_bytes
    content = make(data, filters, lang, view, boundaries=boundaries)
    try:
        Path(args.out).write_bytes(content)
    except OSError as error:
        _say(f"{args.out}: {error.strerror or error}", error=True)
        return 1
    slides = len(view.storyline.slides) + 1
    _say(t("export.cli.klaar", lang, bestand=args.out, dias=slides))
    return 0


def export_command(argv: Sequence[str] | None = None, *, default_lang: Lang = "nl") -> int:
    """``export --format pptx|pdf --out FILE [--filters QUERYSTRING]``; 2 on a usage error.

    The language is the ``lang`` of the query string, else ``default_lang``.
    """
    parser = argparse.ArgumentParser(
        prog="python -m lib export", description="Write the briefing of a dashboard view"
    )
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    return run_export(args, default_lang=default_lang)
