"""The Presentatie page: the current slide full width, navigation, storyline and downloads.

The presentation state (storyline, slide, map measure) lives in the session and in the URL,
never on the server. Only our own static CSS is rendered as HTML; every text from the data or
the URL goes through Streamlit's escaping, and ``md_escape`` where it is Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final

import streamlit as st

from lib import links
from lib.exports import FORMATS, file_stem
from lib.exports.markdown import md_escape
from lib.slides import content as presentation
from lib.slides.content import SlideContent
from lib.slides.storyline import MAX_TITLE, Storyline, View, clean_title
from lib.text import provenance
from lib.text.i18n import t
from lib.viz import vega
from lib.web import cache, downloads, layout, routes, share, sync
from lib.web.sections.presentatie_verhaal import PICK_KEY, storyline_editor
from lib.web.state import Context

TITLE_KEY: Final = "pres_titel_keuze"

CLICKER_KEYS: Final[dict[int, tuple[str, ...]]] = {
    1: ("Right", "PageDown", "Space", "Down"),
    -1: ("Left", "PageUp", "Up"),
}
"""The keys a presentation clicker (or a keyboard) sends for the next and the previous slide.
The first of each is the visible button's shortcut; the others are hidden buttons, as a
Streamlit button takes one shortcut."""
SLIDE_CHART_HEIGHT: Final = 340


def _go(step: int) -> None:
    view = sync.current_view()
    moved = view.at(view.slide + step)
    sync.store_view(moved)
    st.session_state[PICK_KEY] = moved.slide


def _on_pick() -> None:
    chosen = st.session_state.get(PICK_KEY)
    if isinstance(chosen, int):
        sync.store_view(sync.current_view().at(chosen))


def _on_title() -> None:
    view = sync.current_view()
    title = clean_title(str(st.session_state.get(TITLE_KEY) or ""))
    sync.store_view(replace(view, storyline=Storyline(view.storyline.slides, title)))
    st.session_state[TITLE_KEY] = title


def _seed_widgets(view: View) -> None:
    st.session_state[PICK_KEY] = view.slide
    st.session_state[TITLE_KEY] = view.storyline.title


def _navigation(ctx: Context, view: View) -> None:
    lang, codes = ctx.lang, view.storyline.slides
    back, prev, pick, after = st.columns([3, 2, 4, 2], vertical_alignment="center")
    with back:
        st.page_link(
            routes.BY_SLUG[""].file,
            label=t("presentation.back", lang),
            icon=":material/arrow_back:",
            query_params=links.full_query(ctx.filters, lang, view, presentation=False),
        )
    prev.button(
        t("presentation.previous", lang),
        icon=":material/chevron_left:",
        key="pres_vorige",
        on_click=_go,
        args=(-1,),
        disabled=view.slide <= 1,
        width="stretch",
        shortcut=CLICKER_KEYS[-1][0],
    )
    pick.selectbox(
        t("presentation.go_to", lang),
        options=list(range(1, len(codes) + 1)),
        format_func=lambda i: f"{i}. {presentation.slide_name(codes[i - 1], lang)}",
        key=PICK_KEY,
        on_change=_on_pick,
        label_visibility="collapsed",
    )
    after.button(
        t("presentation.next", lang),
        icon=":material/chevron_right:",
        icon_position="right",
        key="pres_volgende",
        on_click=_go,
        args=(1,),
        disabled=view.slide >= len(codes),
        width="stretch",
        shortcut=CLICKER_KEYS[1][0],
    )
    _clicker(view)


def _clicker(view: View) -> None:
    """The other keys of a clicker, on buttons that are in the page but not shown."""
    last = len(view.storyline.slides)
    with st.container(key="pmg-klikker"):
        for step, keys in CLICKER_KEYS.items():
            for key in keys[1:]:
                st.button(
                    key,
                    key=f"pres_toets_{key.lower()}",
                    on_click=_go,
                    args=(step,),
                    disabled=view.slide <= 1 if step < 0 else view.slide >= last,
                    shortcut=key,
                )


def _takeaway(slide: SlideContent) -> None:
    first, second = slide.takeaway
    st.markdown(f"**{md_escape(first)}**\n\n{md_escape(second)}")


def _chart(slide: SlideContent) -> None:
    """The chart of the slide; its text alternative is the first line of the takeaway.

    The map is the static snapshot (as a PNG), so that CSS can scale it to the height of the
    screen; the other charts stay interactive (tooltips).
    """
    if slide.code == "kaart":
        png = cache.png(vega.slide_spec(slide.chart, font_scale=1.0))  # sized for a slide
        with st.container(key="pmg-kaart"):
            st.image(png, alt=slide.takeaway[0])
        return
    spec = vega.slide_spec(slide.chart, max_height=SLIDE_CHART_HEIGHT)
    spec.pop("description", None)
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}  # the height is the plot's
    st.vega_lite_chart(spec, theme=None, width="stretch", key="pres_grafiek", alt=slide.takeaway[0])


def _slide_body(ctx: Context, view: View, slide: SlideContent) -> None:
    lang = ctx.lang
    if slide.code == "kop":
        st.title(md_escape(presentation.deck_title(view.storyline, lang)), anchor=False)
        st.markdown(md_escape(provenance.selection_line(ctx.filters, ctx.data, lang)))
        if slide.figures:
            for column, (label, value) in zip(
                st.columns(len(slide.figures)), slide.figures, strict=True
            ):
                column.metric(label, value)
        _takeaway(slide)
        return
    st.title(md_escape(slide.title), anchor=False)
    if slide.empty:
        _takeaway(slide)
        return
    if slide.chart is not None:
        left, right = st.columns([3, 2], gap="large")
        with left:
            _chart(slide)
        with right:
            _takeaway(slide)
        return
    _takeaway(slide)
    if slide.code == "lessen" and slide.table is not None:
        with st.container(key="pmg-lessen"):
            groups = list(slide.table.group_by("product_naam", maintain_order=True))
            for column, ((product,), group) in zip(st.columns(len(groups)), groups, strict=True):
                column.subheader(md_escape(str(product)), anchor=False)
                column.markdown(
                    "\n".join(f"- {md_escape(str(text))}" for text in group.get_column("tekst"))
                )
        return
    st.markdown("\n".join(f"- {md_escape(b)}" for b in slide.bullets[2:]))


def _slide_footer(ctx: Context, view: View, slide: SlideContent) -> None:
    lang, data = ctx.lang, ctx.data
    number = t(
        "presentation.slide_number", lang, nummer=view.slide, totaal=len(view.storyline.slides)
    )
    status = provenance.data_status(data, lang, slide.resources)
    source = provenance.source_line(data, lang, slide.resources)
    title = presentation.deck_title(view.storyline, lang)
    selection = provenance.selection_line(ctx.filters, data, lang)
    with st.container(key="pmg-dia-voet"):
        if slide.note:
            st.markdown(md_escape(slide.note))
        st.markdown(f"**{md_escape(number)}** · {md_escape(title)} · {md_escape(selection)}")
        st.markdown(f"{md_escape(status)} · {md_escape(source)}")
        if slide.illustrative:
            st.markdown(f"*{md_escape(provenance.illustrative_notice(data, lang))}*")


def _settings(ctx: Context, view: View, slide: SlideContent | None) -> None:
    lang = ctx.lang
    with st.expander(
        t("presentation.settings", lang),
        icon=":material/tune:",
        expanded=view.storyline.is_empty,
    ):
        storyline_editor(view, lang)
        st.text_input(
            t("presentation.title.label", lang),
            key=TITLE_KEY,
            on_change=_on_title,
            max_chars=MAX_TITLE,
            placeholder=t("presentation.title.default", lang),
        )
        st.markdown(f"**{t('share.title', lang)}**")
        query = links.full_query(ctx.filters, lang, view, presentation=True)
        st.code(share.link(routes.PRESENTATION.slug, query), language=None, wrap_lines=True)
        if slide is None:
            return
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('presentation.briefing.title', lang)}**")
            _briefing_buttons(ctx, view)
        with right:
            st.markdown(f"**{t('presentation.this_slide', lang)}**")
            _slide_downloads(ctx, slide)


def _briefing_buttons(ctx: Context, view: View) -> None:
    from lib.exports import briefing  # loads python-pptx and fpdf2: only on this page

    boundaries = cache.boundaries()
    data, filters, lang = ctx.data, ctx.filters, ctx.lang
    stem = file_stem(presentation.deck_title(view.storyline, lang))
    formats = (
        ("pptx", briefing.pptx_bytes, ":material/slideshow:"),
        ("pdf", briefing.pdf_bytes, ":material/picture_as_pdf:"),
    )
    for fmt, make, icon in formats:

        def made(make: Callable[..., bytes] = make) -> bytes:
            return make(data, filters, lang, view, boundaries=boundaries)

        st.download_button(
            t(FORMATS[fmt].label, lang),
            data=made,
            file_name=f"{stem}.{fmt}",
            mime=FORMATS[fmt].mime,
            key=f"pres_{fmt}",
            on_click="ignore",
            icon=icon,
        )


def _slide_downloads(ctx: Context, slide: SlideContent) -> None:
    files: list[downloads.File] = []
    stem = file_stem(slide.title)
    scope = downloads.Scope.of(ctx)
    if slide.chart is not None:
        chart = slide.chart

        def decorated() -> Any:
            return downloads.decorate(
                scope,
                chart,
                title=slide.title,
                sources=slide.resources,
                illustrative=slide.illustrative,
            )

        files += downloads.image_files(ctx.lang, stem, decorated)
    if slide.table is not None:
        files += downloads.table_files(ctx.lang, slide.table, slide.columns, slide.title)
    for label, make, name, mime in files:
        st.download_button(
            label,
            data=make,
            file_name=name,
            mime=mime,
            key=f"pres_dl_{name.rsplit('.', 1)[-1]}",
            on_click="ignore",
        )


def presentation_page(ctx: Context) -> None:
    """The Presentatie page: the current slide full width, navigation, storyline and downloads."""
    layout.style("presentatie.css")
    view = sync.current_view()
    _seed_widgets(view)
    layout.notice(ctx.lang)
    if view.storyline.is_empty:
        # a hint instead of a slide, and the editor open to add one
        with st.container(key="pmg-dia"):
            st.title(md_escape(presentation.deck_title(view.storyline, ctx.lang)), anchor=False)
            st.markdown(md_escape(provenance.selection_line(ctx.filters, ctx.data, ctx.lang)))
            st.info(t("presentation.storyline.empty", ctx.lang), icon=":material/info:")
        _settings(ctx, view, None)
        sync.write_url(links.full_query(ctx.filters, ctx.lang, view, presentation=True))
        return
    _navigation(ctx, view)
    boundaries = cache.boundaries()
    slide = presentation.build_slide(
        view.code,
        ctx.data,
        ctx.selection,
        ctx.lang,
        metric=view.metric,
        boundaries=boundaries,
        filters=ctx.filters,
    )
    with st.container(key="pmg-dia"):
        _slide_body(ctx, view, slide)
    _slide_footer(ctx, view, slide)
    _settings(ctx, view, slide)
    sync.write_url(links.full_query(ctx.filters, ctx.lang, view, presentation=True))
