"""The Kenniskaart profile as a one-page document: Markdown, HTML and PDF with the same content.

``document(profile, lang)`` turns a ``kenniskaart.Profile`` (computed once for every language)
into a short list of blocks in ``lang`` (headings, paragraphs, bullet lists, one table), worded
by ``lib.text.kenniskaart``; the three writers only lay those blocks out, so the formats cannot
drift apart. Every text from the data is escaped for its format (HTML with
``html.escape``, Markdown with backslashes): intervention names come from uploads.

The PDF shrinks the font until the profile fits on one A4 page; its font and the fallback
without it are those of every PDF of the dashboard (``lib.exports.pdf``).

The command line writes it too: ``python -m lib profile --gemeente GM0855 --format pdf
--out tilburg.pdf [--lang en] [--date 2026-11-28]`` (``lib.cli``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final, Literal

from lib.contract.codes import PIJLERS, Lang
from lib.domain.kenniskaart import LEARN_FROM_MAX, MULTI_DOMAIN_MIN, Profile
from lib.exports import PROFILE_FORMATS
from lib.exports import pdf as pdf_base
from lib.exports.markdown import md_escape
from lib.text import context as context_words
from lib.text import kenniskaart as kt
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label

Format = Literal["pdf", "md", "html"]
FORMATS: Final[tuple[Format, ...]] = PROFILE_FORMATS

PDF_SIZES: Final[tuple[float, ...]] = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
"""Font sizes (pt) tried in turn until the profile fits on one page."""
PDF_MARGIN: Final = 12.0  # mm


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    small: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | Table


def file_name(profile: Profile, fmt: Format) -> str:
    """``kenniskaart-GM0855-2026-11-28.pdf``; ``selectie`` instead of a code for a selection."""
    scope = profile.codes[0] if profile.single else "selectie"
    return f"kenniskaart-{scope}-{profile.made_on}.{fmt}"


def _counted(name: str, n: int, lang: Lang) -> str:
    return f"{name}: {fmt_int(n, lang)}" if n else f"{name}: {t('kenniskaart.not_reached', lang)}"


def _profile_blocks(p: Profile, lang: Lang) -> list[Block]:
    domains = " · ".join(
        _counted(r["domein_naam"], r["n"], lang) for r in kt.domains(p, lang).iter_rows(named=True)
    )
    groups = " · ".join(
        _counted(r["doelgroep_naam"], r["n"], lang)
        for r in kt.target_groups(p, lang).iter_rows(named=True)
    )
    groups += f" · {t('kenniskaart.profile.without_target_group', lang)}: "
    groups += fmt_int(p.without_target_group, lang)
    reached = t("kpi.coverage.value", lang, gedekt=p.domains_reached, totaal=p.domains_total)
    blocks: list[Block] = [
        Heading(t("kenniskaart.programme_profile", lang)),
        Paragraph(f"{t('kenniskaart.domains.title', lang)} ({reached}): {domains}"),
        Paragraph(t("kenniskaart.domains.explanation", lang), small=True),
        Paragraph(f"{t('kenniskaart.target_groups.title', lang)}: {groups}"),
    ]
    if not p.single and p.per_place.height > 1:
        several = int(p.per_place.get_column("meerdere").sum())
        places = " · ".join(
            f"{r['gemeente_naam']} {fmt_int(r['n_domeinen'], lang)}"
            for r in p.per_place.iter_rows(named=True)
        )
        finding = t(
            "kenniskaart.by_gemeente.finding",
            lang,
            n=several,
            totaal=fmt_int(p.per_place.height, lang),
            min=MULTI_DOMAIN_MIN,
        )
        blocks.append(
            Paragraph(f"{t('kenniskaart.by_gemeente.title', lang)}: {finding} {places}", small=True)
        )
    return blocks


def pillar_rows(p: Profile, lang: Lang) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Header and rows of the pillar table: one row per group, ``86 % (6)`` per pillar."""
    header = (t("column.comparison", lang), *(code_label("pijler", code, lang) for code in PIJLERS))
    rows: list[tuple[str, ...]] = []
    named = kt.pillars(p, lang)
    for (_, group), frame in named.group_by("groep_volgorde", "groep_naam", maintain_order=True):
        cells = {
            r["pijler"]: f"{fmt_pct(r['aandeel'], lang, decimals=0)} ({fmt_int(r['n'], lang)})"
            for r in frame.iter_rows(named=True)
        }
        rows.append((str(group), *(cells[code] for code in PIJLERS)))
    return header, tuple(rows)


def _gap_blocks(p: Profile, lang: Lang) -> list[Block]:
    blocks: list[Block] = [Heading(t("kenniskaart.gaps.title", lang))]
    if not p.gaps:
        return [*blocks, Paragraph(t("kenniskaart.gaps.none", lang))]
    for gap in kt.gaps(p, lang):
        themes = "; ".join(gap.themes) if gap.themes else t("kenniskaart.gaps.no_thema", lang)
        places = gap.places
        examples = []
        for place in places[:LEARN_FROM_MAX]:
            first = next(e for e in gap.examples if e.place == place)
            times = (
                f", {t('kenniskaart.gaps.times', lang, n=first.count)}" if first.count > 1 else ""
            )
            examples.append(f"{place} ({first.name}{times}, {first.status.lower()})")
        learn = "; ".join(examples) if examples else t("kenniskaart.gaps.learn_from_none", lang)
        if len(places) > LEARN_FROM_MAX:
            more = t("kenniskaart.gaps.more", lang, n=len(places) - LEARN_FROM_MAX)
            learn += f"; {more}"
        blocks += [
            Paragraph(f"{gap.name} ({gap.evidence.lower()}, {gap.domain.lower()})", bold=True),
            Paragraph(gap.explanation),
            Paragraph(f"{t('kenniskaart.gaps.themas', lang)}: {themes}"),
            Paragraph(f"{t('kenniskaart.gaps.learn_from', lang)}: {learn}"),
            Paragraph(f"{t('kenniskaart.profile.source', lang)}: {gap.sources}", small=True),
        ]
    return blocks


def fact_blocks(p: Profile, lang: Lang) -> list[Block]:
    """The published facts about the programme, apart from the example data: every fact of
    one municipality with its figure, period and source; for a selection how many
    municipalities have facts (the page lists them)."""
    if p.facts.is_empty():
        return []
    blocks: list[Block] = [
        Heading(t("context.fact.title", lang)),
        Paragraph(t("context.fact.explanation", lang), small=True),
    ]
    if not p.single:
        places = p.facts.get_column("gemeentecode").n_unique()
        return [*blocks, Paragraph(t("context.fact.selection_count", lang, n=places))]
    rows = context_words.named_facts(p.facts, {}, lang).iter_rows(named=True)
    return [*blocks, Bullets(tuple(context_words.fact_line(row, lang) for row in rows))]


def document(p: Profile, lang: Lang) -> list[Block]:
    """The profile as blocks in ``lang``, in the order of the page."""
    made = t(
        "kenniskaart.profile.made",
        lang,
        datum=p.made_on,
        versie=p.version,
        versie_datum=p.version_date,
        n=p.n_interventions,
    )
    blocks: list[Block] = [
        Heading(t("kenniskaart.profile.title", lang, naam=kt.title(p, lang)), level=1),
        Paragraph(made, small=True),
    ]
    if p.illustrative:
        blocks.append(Paragraph(t("kenniskaart.profile.illustrative", lang), bold=True))
    blocks += [Heading(t("kenniskaart.in_short", lang)), Bullets(kt.summary(p, lang))]
    blocks += fact_blocks(p, lang)
    blocks += _profile_blocks(p, lang)
    header, rows = pillar_rows(p, lang)
    blocks += [
        Heading(t("kenniskaart.pillars.title", lang)),
        Table(header, rows),
        Paragraph(t("kenniskaart.pillars.explanation", lang), small=True),
    ]
    blocks += _gap_blocks(p, lang)
    blocks += [
        Heading(t("kenniskaart.lessons.title", lang)),
        Bullets(
            tuple(
                f"{kt.icon(c)} {kt.check_title(c, lang)} — {kt.check_result(c, lang)} "
                f"{kt.check_rule(c, lang)}"
                for c in p.checks
            )
        ),
        Heading(t("kenniskaart.profile.sources", lang)),
        Bullets(
            tuple(f"{title}: {path}" if path else title for title, path in p.sources), small=True
        ),
    ]
    return blocks


# --------------------------------------------------------------------------- Markdown


def to_markdown(p: Profile, lang: Lang) -> str:
    parts: list[str] = []
    for block in document(p, lang):
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {md_escape(block.text)}")
        elif isinstance(block, Paragraph):
            text = md_escape(block.text)
            parts.append(f"**{text}**" if block.bold else text)
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {md_escape(item)}" for item in block.items))
        else:
            lines = [
                "| " + " | ".join(md_escape(c) for c in block.header) + " |",
                "|" + "---|" * len(block.header),
                *("| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows),
            ]
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- HTML

_CSS = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:48em;margin:2em auto;"
    "padding:0 1em;color:#1A1A1A;line-height:1.4}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.2em}"
    ".klein{font-size:.85em;color:#444}"
    "table{border-collapse:collapse}th,td{border:1px solid #767676;padding:.2em .5em;"
    "text-align:left}"
)


def to_html(p: Profile, lang: Lang) -> str:
    esc = html.escape
    body: list[str] = []
    for block in document(p, lang):
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{esc(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            text = f"<strong>{esc(block.text)}</strong>" if block.bold else esc(block.text)
            body.append(f'<p class="klein">{text}</p>' if block.small else f"<p>{text}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
            body.append(f'<ul class="klein">{items}</ul>' if block.small else f"<ul>{items}</ul>")
        else:
            head = "".join(f'<th scope="col">{esc(c)}</th>' for c in block.header)
            rows = "".join(
                "<tr>"
                + f'<th scope="row">{esc(row[0])}</th>'
                + "".join(f"<td>{esc(c)}</td>" for c in row[1:])
                + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    title = esc(t("kenniskaart.profile.title", lang, naam=kt.title(p, lang)))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- PDF


def _pdf(p: Profile, lang: Lang, size: float, fonts: dict[str, Path] | None) -> Any:
    from fpdf.enums import XPos, YPos

    made = datetime.combine(date.fromisoformat(p.made_on), datetime.min.time(), UTC)
    title = t("kenniskaart.profile.title", lang, naam=kt.title(p, lang))
    doc = pdf_base.document(title=title, lang=lang, created=made, fonts=fonts)
    pdf, family, clean = doc.pdf, doc.family, doc.text
    pdf.set_margins(PDF_MARGIN, PDF_MARGIN, PDF_MARGIN)
    pdf.set_auto_page_break(True, margin=PDF_MARGIN)
    pdf.add_page()
    line = size * 0.45  # mm per line

    def write(text: str, *, style: str = "", scale: float = 1.0, indent: float = 0.0) -> None:
        pdf.set_font(family, style, size * scale)
        pdf.set_x(PDF_MARGIN + indent)
        pdf.multi_cell(0, line * scale, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    bullet = "•" if doc.unicode else "-"
    for block in document(p, lang):
        if isinstance(block, Heading):
            pdf.ln(line * (0.2 if block.level == 1 else 0.5))
            write(block.text, style="B", scale=1.6 if block.level == 1 else 1.15)
        elif isinstance(block, Paragraph):
            if block.bold:
                pdf.ln(line * 0.3)
            write(block.text, style="B" if block.bold else "", scale=0.85 if block.small else 1)
        elif isinstance(block, Bullets):
            scale = 0.85 if block.small else 1.0
            for item in block.items:
                write(f"{bullet} {item}", scale=scale, indent=2)
        else:
            pdf.set_font(family, "", size)
            with pdf.table(
                text_align="LEFT", line_height=line * 1.1, first_row_as_headings=True
            ) as table:
                for cells in (block.header, *block.rows):
                    row = table.row()
                    for cell in cells:
                        row.cell(clean(cell))
            pdf.ln(line * 0.3)
    return pdf


def to_pdf(p: Profile, lang: Lang, *, core_fonts: bool = False) -> bytes:
    """The profile on one A4 page (the font shrinks until it fits; at the smallest size a
    very long profile continues on a second page)."""
    fonts = None if core_fonts else pdf_base.find_fonts()
    for size in PDF_SIZES:
        pdf = _pdf(p, lang, size, fonts)
        try:
            if pdf.pages_count == 1 or size == PDF_SIZES[-1]:
                return bytes(pdf.output())
        finally:
            pdf_base.close_fonts(pdf)
    raise AssertionError("unreachable")  # pragma: no cover


def render(p: Profile, fmt: Format, lang: Lang) -> bytes:
    """The profile in ``lang`` as a file of format ``fmt``."""
    if fmt == "pdf":
        return to_pdf(p, lang)
    text = to_markdown(p, lang) if fmt == "md" else to_html(p, lang)
    return text.encode("utf-8")
