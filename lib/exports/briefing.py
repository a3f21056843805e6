"""The briefing: the slides of a storyline as a PowerPoint (PPTX) or PDF file.

One cover slide, then one slide per view of the storyline with its title, the chart as a
PNG rendered by vl-convert (or the figures, lessons or steps for a text slide), the two-line
takeaway computed from the data and, at the bottom, slide number, data status, source line,
the sources and the example-data notice where it applies. The takeaway and sources are also
in the speaker notes of the PPTX.

The command line writes it too: ``python -m lib export --format pptx|pdf --out FILE
[--filters QUERYSTRING]`` (``lib.cli``). No Streamlit here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from lib.contract.codes import Lang
from lib.data import geo
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.exports import images
from lib.exports import pdf as pdf_base
from lib.slides import content as presentation
from lib.slides.content import SlideContent
from lib.slides.storyline import View
from lib.text import provenance
from lib.text.i18n import t
from lib.viz import vega

CHART_FONT_SCALE: Final = 1.3
CHART_MAX_HEIGHT: Final = 460
SOURCES_SHOWN: Final = 4
# Room for the picture of a slide (inches in the PPTX, millimetres in the PDF): the map, whose
# names are sized for it (``static_map.SLIDE``), takes the full height of the slide body.
PPTX_CHART_BOX: Final = (7.6, 5.0)
PPTX_MAP_BOX: Final = (8.0, 5.0)
PDF_CHART_BOX: Final = (190.0, 118.0)
PDF_MAP_BOX: Final = (205.0, 127.0)


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
        spec = vega.slide_spec(slide.chart, font_scale=1.0)  # sized for a slide already
    else:
        spec = vega.slide_spec(
            slide.chart, max_height=CHART_MAX_HEIGHT, font_scale=CHART_FONT_SCALE
        )
    return images.to_png(spec)


def build(
    data: Dataset,
    filters: Filters,
    lang: Lang,
    view: View,
    *,
    boundaries: geo.Boundaries | None = None,
) -> Briefing:
    """Texts and images of every slide of the storyline of ``view``."""
    slides = presentation.build_slides(data, filters, lang, view, boundaries=boundaries)
    total = len(slides)
    title = presentation.deck_title(view.storyline, lang)
    # every page says which deck and which selection it belongs to, as on the screen
    context = f"{title} · {provenance.selection_line(filters, data, lang)}"
    pages = []
    for number, slide in enumerate(slides, start=1):
        titles = provenance.source_titles(data, slide.resources, lang)
        more = len(titles) - SOURCES_SHOWN
        sources = "; ".join(titles[:SOURCES_SHOWN]) + (f" (+{more})" if more > 0 else "")
        footer = (
            *((slide.note,) if slide.note else ()),
            f"{t('presentation.slide_number', lang, nummer=number, totaal=total)} · {context}",
            provenance.data_status(data, lang, slide.resources),
            provenance.source_line(data, lang, slide.resources),
        )
        pages.append(Page(slide, number, total, footer, sources, _image(slide)))
    illustrative = any(p.content.illustrative for p in pages)
    return Briefing(
        title=title,
        subtitle=provenance.describe_filters(filters, data, lang),
        made=t("presentation.cover_date", lang, datum=date.today().isoformat()),
        status=provenance.data_status(data, lang),
        notice=provenance.illustrative_notice(data, lang) if illustrative else None,
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
    boundaries: geo.Boundaries | None = None,
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
        room = PPTX_MAP_BOX if content.code == "kaart" else PPTX_CHART_BOX
        scale = min(room[0] / width, room[1] / height)
        slide.shapes.add_picture(
            io.BytesIO(page.image),
            Inches(0.5),
            Inches(1.3),
            width=Inches(width * scale),
            height=Inches(height * scale),
        )
        left = 0.5 + width * scale + 0.35
        _text_box(slide, (left, 1.45, 13.333 - 0.45 - left, 4.9), takeaway)
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
    footer.append(
        (f"{t('presentation.text.sources', deck.lang)}: {page.sources}", 10, False, False)
    )
    if content.illustrative and deck.notice:
        footer.append((deck.notice, 10, False, True))
    _text_box(slide, (0.5, 6.35, 12.33, 1.1), footer)
    notes = slide.notes_slide.notes_text_frame
    notes.text = "\n".join(
        [
            first,
            second,
            f"{t('presentation.text.sources', deck.lang)}: {page.sources}",
            *page.footer,
        ]
    )


# --- PDF ----------------------------------------------------------------------------------------

PAGE_W: Final = 338.67  # mm, 16:9 like the slides
PAGE_H: Final = 190.5
MARGIN: Final = 12.7


class _Pdf:
    """A 16:9 PDF with the dashboard's font (see ``lib.exports.pdf``)."""

    def __init__(self, deck: Briefing, fonts: dict[str, Path] | None) -> None:
        self.doc = pdf_base.document(
            orientation="L",
            page=(PAGE_H, PAGE_W),
            title=deck.title,
            subject=deck.subtitle,
            lang="nl-NL" if deck.lang == "nl" else "en-GB",
            fonts=fonts,
        )
        self.pdf = self.doc.pdf
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_text_color(0x1A, 0x1A, 0x1A)
        self.family = self.doc.family

    def text(self, value: str) -> str:
        return self.doc.text(value)

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
    boundaries: geo.Boundaries | None = None,
    font_dir: Path | None = None,
) -> bytes:
    """The briefing as a PDF of 16:9 pages: a cover and one page per view (``font_dir``: look
    for the font only there)."""
    return render_pdf(build(data, filters, lang, view, boundaries=boundaries), font_dir=font_dir)


def render_pdf(deck: Briefing, *, font_dir: Path | None = None) -> bytes:
    fonts = pdf_base.find_fonts() if font_dir is None else pdf_base.find_fonts((font_dir,))
    doc = _Pdf(deck, fonts)
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
            room = PDF_MAP_BOX if content.code == "kaart" else PDF_CHART_BOX
            scale = min(room[0] / image_w, room[1] / image_h)
            pdf.image(io.BytesIO(page.image), x=MARGIN, y=top, w=image_w * scale, h=image_h * scale)
            beside = image_w * scale + 10
            doc.write(MARGIN + beside, top, width - beside, takeaway)
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
        footer.append((f"{t('presentation.text.sources', deck.lang)}: {page.sources}", 8.5, ""))
        if content.illustrative and deck.notice:
            footer.append((deck.notice, 8.5, "I"))
        pdf.set_draw_color(0x1A, 0x1A, 0x1A)
        pdf.line(MARGIN, 160, PAGE_W - MARGIN, 160)
        doc.write(MARGIN, 162, width, footer)
    try:
        return bytes(pdf.output())
    finally:
        pdf_base.close_fonts(pdf)
