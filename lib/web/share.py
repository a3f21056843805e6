"""Streamlit fragments for presenters: share links, downloads and the presentation page.

- ``share_link`` shows the full link of the current view (page, filters, map measure,
  language; on the presentation also slide and storyline) in a copyable box.
- ``chart_downloads``/``table_downloads``/``map_downloads`` offer PNG and SVG of a chart and
  CSV and XLSX of its table. Files are made only when someone clicks (deferred downloads).
- ``presentation_page`` draws the Presentatie page; ``presentation_link`` is the sidebar
  link to it.

The presentation state (storyline, slide, map measure) lives in ``st.session_state`` and in
the URL, never on the server. This is a UI module like ``lib/layout.py``: it renders only our
own static CSS as HTML; every text from the data or the URL goes through Streamlit's
escaping (and ``md_escape`` for Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.exports import images, tables
from lib.slides import content as presentation
from lib.slides.content import SLIDES, SlideContent, Storyline, View
from lib.text.i18n import t

if TYPE_CHECKING:
    from lib.web.layout import Context

VIEW_KEY: Final = "pmg_pres_view"
URL_READ_KEY: Final = "pmg_pres_url_read"
MAP_KEY: Final = "kaart_maat"  # the measure picker of the Kaart page
PICK_KEY: Final = "pres_dia_keuze"
STORY_KEY: Final = "pres_verhaal_keuze"
TITLE_KEY: Final = "pres_titel_keuze"
PAGE_FILE: Final = "pages/presentatie.py"
URL_PATH: Final = "presentatie"
SLIDE_CHART_HEIGHT: Final = 340
MAP_FONT_SCALE: Final = 1.2

# the page of each page title (page_header knows the title key, not the URL)
PAGE_PATHS: Final[dict[str, str]] = {
    "overview.title": "",
    "map.title": "kaart",
    "themes.title": "themas",
    "execution.title": "uitvoering",
    "risk_factors.title": "risicofactoren",
    "kenniskaart.title": "kenniskaart",
    "upload.title": "data",
    "versions.title": "versies",
    "a11y.title": "toegankelijkheid",
}
# the title of each chart (widget key -> catalogue key); the Kenniskaart charts have none yet,
# so their downloads are titled with their widget key
CHART_TITLES: Final[dict[str, str]] = {
    "overzicht_vergelijk": "overview.comparison",
    "overzicht_tijdlijn": "overview.timeline",
    "themas_per_thema": "themes.by_thema",
    "themas_per_gemeente": "themes.by_gemeente",
    "themas_doelgroep": "themes.by_target_group",
    "uitvoering_per_gemeente": "execution.by_gemeente",
    "uitvoering_per_thema": "execution.by_thema",
    "uitvoering_status": "execution.status_by_gemeente",
    "uitvoering_trend": "execution.trend.title",
    "risico_heatmap": "risk_factors.heatmap",
}
# the tables behind the charts of each page (chart key prefix), for the source line
CHART_RESOURCES: Final[dict[str, tuple[str, ...]]] = {
    "overzicht_tijdlijn": ("tijdlijn",),
    "overzicht": ("gemeenten", "interventies", "kerncijfers"),
    "themas": ("interventies", "themas"),
    "uitvoering_trend": ("voortgang", "interventies"),
    "uitvoering": ("interventies", "kerncijfers"),
    "risico": ("factoren", "interventies"),
    "kaart": ("gemeenten", "interventies", "factoren"),
}

MIME_PNG: Final = "image/png"
MIME_SVG: Final = "image/svg+xml"
MIME_CSV: Final = "text/csv"
MIME_XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX: Final = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MIME_PDF: Final = "application/pdf"

# Our own static style sheet for the presentation page: no sidebar, full width, large type
# with dark text on white (at least 14:1), readable at 1280x720 and larger at 1920x1080.
PRESENTATION_CSS: Final = """<style>
[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 4rem 2.5rem 1rem !important;
}
.st-key-pmg-dia { color: #1A1A1A; }
.st-key-pmg-dia h1 { font-size: 2.6rem !important; line-height: 1.15; padding-top: 0.25rem; }
.st-key-pmg-dia h2 { font-size: 2.2rem !important; line-height: 1.2; padding-top: 0.25rem; }
.st-key-pmg-dia h3 { font-size: 1.6rem !important; }
.st-key-pmg-dia [data-testid="stMarkdownContainer"] p,
.st-key-pmg-dia [data-testid="stMarkdownContainer"] li {
  font-size: 1.5rem; line-height: 1.35; color: #1A1A1A;
}
.st-key-pmg-dia .st-key-pmg-lessen [data-testid="stMarkdownContainer"] li {
  font-size: 1.2rem;
}
.st-key-pmg-kaart img {
  max-height: calc(100vh - 340px); width: auto !important; max-width: 100%;
  object-fit: contain;
}
.st-key-pmg-dia [data-testid="stMetricLabel"] { height: auto; min-height: 0; }
.st-key-pmg-dia [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 3.6rem; line-height: 1.1; font-weight: 700; color: #1A1A1A;
}
.st-key-pmg-dia [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
  font-size: 1.35rem; color: #1A1A1A;
}
.st-key-pmg-dia-voet [data-testid="stMarkdownContainer"] p {
  font-size: 1rem; color: #1A1A1A; margin-bottom: 0.2rem;
}
.st-key-pmg-dia-voet { border-top: 2px solid #1A1A1A; padding-top: 0.4rem; }
@media (min-width: 1700px) {
  .st-key-pmg-dia h1 { font-size: 3.4rem !important; }
  .st-key-pmg-dia h2 { font-size: 2.8rem !important; }
  .st-key-pmg-dia [data-testid="stMarkdownContainer"] p,
  .st-key-pmg-dia [data-testid="stMarkdownContainer"] li { font-size: 2rem; }
  .st-key-pmg-dia .st-key-pmg-lessen [data-testid="stMarkdownContainer"] li {
    font-size: 1.5rem;
  }
  .st-key-pmg-dia [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
    font-size: 4.8rem;
  }
  .st-key-pmg-dia [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
    font-size: 1.8rem;
  }
  .st-key-pmg-dia-voet [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; }
}
</style>"""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$])")


def md_escape(text: str) -> str:
    """Text from the data or a URL, safe inside Markdown (shown literally)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "export"


# --- the view: read once from the URL, kept in the session ------------------------------------


def init_from_url() -> None:
    """Read ``maat``, ``dia``, ``verhaal`` and ``titel`` from the URL once per session.

    Call in ``layout.sidebar`` right after the filters are read. Unusable values fall back to the
    default and are added to the notice that ``layout.page_header`` shows.
    """
    if URL_READ_KEY in st.session_state:
        return
    st.session_state[URL_READ_KEY] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    view, ignored = presentation.parse_view(params)
    st.session_state[VIEW_KEY] = view
    if presentation.PARAM_METRIC in params and presentation.PARAM_METRIC not in ignored:
        st.session_state[MAP_KEY] = view.metric
    if ignored:
        from lib.web import layout

        before = st.session_state.get(layout._NOTICE) or []
        st.session_state[layout._NOTICE] = [*before, *ignored]


def current_view() -> View:
    """The presentation view of this session; follows the measure chosen on the Kaart page."""
    view: View = st.session_state.get(VIEW_KEY) or View()
    chosen = st.session_state.get(MAP_KEY)
    if chosen in metrics.METRICS and chosen != view.metric:
        view = replace(view, metric=chosen)
        st.session_state[VIEW_KEY] = view
    elif MAP_KEY not in st.session_state and view.metric != presentation.DEFAULT_METRIC:
        st.session_state[MAP_KEY] = view.metric  # the Kaart page opens on the same measure
    return view


def _store(view: View) -> None:
    st.session_state[VIEW_KEY] = view


def url_extras() -> dict[str, str]:
    """What the URL of every page carries beyond the filters (the map measure)."""
    return presentation.view_query(current_view(), presentation=False)


def _base_url() -> str:
    """``http://host:port/`` (plus the configured base path); ``/`` when the URL is unknown."""
    base_path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base_path}/" if base_path else "/"
    try:
        url = st.context.url or ""
    except Exception:  # no browser context (tests, bare mode)
        url = ""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}{prefix}"
    return prefix


def link(page_url_path: str, query: Mapping[str, str | list[str]]) -> str:
    """The full link of a page with a query."""
    text = presentation.query_string(query)
    return f"{_base_url()}{page_url_path}" + (f"?{text}" if text else "")


def page_path(title_key: str) -> str:
    """The URL path of the page with this title key (``map.title`` -> ``kaart``)."""
    return PAGE_PATHS.get(title_key, "")


def share_link(ctx: Context, page_url_path: str) -> None:
    """A copyable box with the link to this view: page, filters, measure and language."""
    presenting = page_url_path == URL_PATH
    query = presentation.full_query(ctx.filters, ctx.lang, current_view(), presentation=presenting)
    with st.expander(t("share.title", ctx.lang), icon=":material/link:"):
        st.caption(t("share.explanation", ctx.lang))
        st.code(link(page_url_path, query), language=None, wrap_lines=True)


def presentation_link(lang: Lang, filters: Filters) -> None:
    """The sidebar link to the presentation of the current selection."""
    page = st.Page(PAGE_FILE, title=t("nav.presentatie", lang), url_path=URL_PATH)
    query = presentation.full_query(filters, lang, current_view(), presentation=True)
    st.page_link(
        page,
        label=t("presentation.open", lang),
        icon=":material/slideshow:",
        query_params=query,
    )


# --- downloads ----------------------------------------------------------------------------------


def chart_title(key: str, lang: Lang) -> str:
    """The title of a chart from its widget key (``themas_per_thema`` -> ``themes.by_thema``)."""
    title_key = CHART_TITLES.get(key)
    return t(title_key, lang) if title_key else key


def _chart_resources(key: str) -> tuple[str, ...]:
    for prefix, names in CHART_RESOURCES.items():
        if key.startswith(prefix):
            return names
    return ("interventies",)


@dataclass(frozen=True)
class Scope:
    """What an export needs of the page: the shared dataset, the filters and the language.

    Download buttons keep their file makers for as long as the session lives, so the makers
    hold this, never the page's ``Context``: its selection is a filtered copy of the data
    (megabytes at national scale) that would then stay in memory once per session.
    """

    data: Dataset
    filters: Filters
    lang: Lang

    @classmethod
    def of(cls, ctx: Context) -> Scope:
        return cls(ctx.data, ctx.filters, ctx.lang)


def _decorate(
    scope: Scope,
    figure: Any,
    *,
    title: str,
    resources: tuple[str, ...],
    illustrative: bool,
) -> Any:
    data, lang = scope.data, scope.lang
    return images.for_export(
        figure,
        title=title,
        subtitle=presentation.describe_filters(scope.filters, data, lang),
        source=[
            presentation.source_line(data, lang, resources),
            presentation.data_status(data, lang, resources),
        ],
        notice=presentation.illustrative_notice(data, lang) if illustrative else None,
    )


def _buttons(files: list[File], key: str, lang: Lang) -> None:
    """Download buttons in one popover; each file is made when its button is clicked."""
    with st.popover(t("download.title", lang), icon=":material/download:"):
        for label, make, name, mime in files:
            st.download_button(
                label,
                data=make,
                file_name=name,
                mime=mime,
                key=f"{key}_{name.rsplit('.', 1)[-1]}",
                on_click="ignore",
                width="stretch",
            )


File = tuple[str, Callable[[], bytes | str], str, str]  # label, maker, file name, MIME type


def _image_files(lang: Lang, stem: str, chart: Callable[[], Any]) -> list[File]:
    """PNG and SVG of the chart that ``chart()`` returns, made when clicked."""
    return [
        (t("download.png", lang), lambda: images.to_png(chart()), f"{stem}.png", MIME_PNG),
        (t("download.svg", lang), lambda: images.to_svg(chart()), f"{stem}.svg", MIME_SVG),
    ]


def _table_files(
    lang: Lang, frame: pl.DataFrame, columns: Mapping[str, str], title: str
) -> list[File]:
    stem = _slug(title)
    table = presentation.export_table(frame, columns, lang)
    sheet = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "data"

    def csv() -> bytes:
        return tables.csv_bytes(table, lang=lang)

    def xlsx() -> bytes:
        return tables.xlsx_bytes({sheet: table})

    return [
        (t("download.csv", lang), csv, f"{stem}.csv", MIME_CSV),
        (t("download.xlsx", lang), xlsx, f"{stem}.xlsx", MIME_XLSX),
    ]


def chart_downloads(
    ctx: Context,
    build: Callable[[], Any],
    *,
    key: str,
    table: pl.DataFrame,
    columns: Mapping[str, str],
    illustrative: bool,
) -> None:
    """PNG and SVG of the chart that ``build()`` returns (with title, filters, source and
    notice) and CSV/XLSX of its table. Call in ``layout.chart`` after the table; the chart is only
    built when a download is asked for."""
    title = chart_title(key, ctx.lang)
    stem = _slug(title)
    scope = Scope.of(ctx)

    def decorated() -> Any:
        return _decorate(
            scope, build(), title=title, resources=_chart_resources(key), illustrative=illustrative
        )

    files = [
        *_image_files(ctx.lang, stem, decorated),
        *_table_files(ctx.lang, table, columns, title),
    ]
    _buttons(files, f"dl_{key}", ctx.lang)


def table_downloads(
    ctx: Context, frame: pl.DataFrame, columns: Mapping[str, str], *, key: str, title: str
) -> None:
    """CSV and XLSX of a table (numbers as numbers, formulas neutralised)."""
    _buttons(_table_files(ctx.lang, frame, columns, title), f"dl_{key}", ctx.lang)


def map_downloads(ctx: Context, frame: pl.DataFrame, columns: Mapping[str, str]) -> None:
    """A PNG snapshot of the map (works offline) and CSV/XLSX of the list of municipalities."""
    from lib.web import cache

    view = current_view()
    metric = view.metric
    _, boundaries = cache.boundaries()
    title = f"{t('map.title', ctx.lang)}: {t(f'measure.{metric}', ctx.lang).lower()}"
    shown = metrics.map_frame(ctx.selection, metric)
    scope = Scope.of(ctx)
    illustrative = ctx.selection.illustrative and metric != "inwoners"

    def snapshot() -> bytes:
        chart = images.map_chart(
            shown,
            metric=metric,
            lang=scope.lang,
            boundaries=boundaries,
            context=metrics.map_context(scope.data),
            selected=scope.filters.gemeenten,
        )
        decorated = _decorate(
            scope,
            chart,
            title=title,
            resources=CHART_RESOURCES["kaart"],
            illustrative=illustrative,
        )
        return images.to_png(decorated)

    files: list[File] = [
        (t("download.map", ctx.lang), snapshot, f"{_slug(title)}.png", MIME_PNG),
        *_table_files(ctx.lang, frame, columns, title),
    ]
    _buttons(files, "dl_kaart", ctx.lang)


# --- the presentation page ----------------------------------------------------------------------


def _go(step: int) -> None:
    view = current_view()
    moved = view.at(view.slide + step)
    _store(moved)
    st.session_state[PICK_KEY] = moved.slide


def _on_pick() -> None:
    chosen = st.session_state.get(PICK_KEY)
    if isinstance(chosen, int):
        _store(current_view().at(chosen))


def _on_story() -> None:
    chosen = [c for c in st.session_state.get(STORY_KEY) or [] if c in SLIDES]
    view = current_view().with_storyline(chosen)
    _store(view)
    st.session_state[STORY_KEY] = list(view.storyline.slides)
    st.session_state[PICK_KEY] = view.slide


def _on_title() -> None:
    view = current_view()
    title = presentation.clean_title(str(st.session_state.get(TITLE_KEY) or ""))
    _store(replace(view, storyline=Storyline(view.storyline.slides, title)))
    st.session_state[TITLE_KEY] = title


def _seed_widgets(view: View) -> None:
    st.session_state[PICK_KEY] = view.slide
    st.session_state[STORY_KEY] = list(view.storyline.slides)
    st.session_state[TITLE_KEY] = view.storyline.title


def _sync_url(query: Mapping[str, str | list[str]]) -> None:
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    wanted = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    if current != wanted:
        st.query_params.from_dict(query)


def _pop_notice(lang: Lang) -> None:
    from lib.web import layout

    ignored = st.session_state.pop(layout._NOTICE, None)
    if ignored:
        st.info(t("notice.link_ignored", lang, params=", ".join(dict.fromkeys(ignored))))


def _navigation(ctx: Context, view: View) -> None:
    lang, codes = ctx.lang, view.storyline.slides
    back, prev, pick, after = st.columns([3, 2, 4, 2], vertical_alignment="center")
    with back:
        st.page_link(
            "pages/overzicht.py",
            label=t("presentation.back", lang),
            icon=":material/arrow_back:",
            query_params=presentation.full_query(ctx.filters, lang, view, presentation=False),
        )
    prev.button(
        t("presentation.previous", lang),
        icon=":material/chevron_left:",
        key="pres_vorige",
        on_click=_go,
        args=(-1,),
        disabled=view.slide <= 1,
        width="stretch",
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
        png = images.to_png(images.slide_spec(slide.chart, font_scale=MAP_FONT_SCALE))
        with st.container(key="pmg-kaart"):
            st.image(png, alt=slide.takeaway[0])
        return
    spec = images.slide_spec(slide.chart, max_height=SLIDE_CHART_HEIGHT)
    spec.pop("description", None)
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}  # the height is the plot's
    st.vega_lite_chart(spec, theme=None, width="stretch", key="pres_grafiek", alt=slide.takeaway[0])


def _slide_body(ctx: Context, view: View, slide: SlideContent) -> None:
    lang = ctx.lang
    if slide.code == "kop":
        st.title(md_escape(presentation.deck_title(view.storyline, lang)), anchor=False)
        st.markdown(md_escape(presentation.describe_filters(ctx.filters, ctx.data, lang)))
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
    total = len(view.storyline.slides)
    number = t("presentation.slide_number", lang, nummer=view.slide, totaal=total)
    status = presentation.data_status(data, lang, slide.resources)
    source = presentation.source_line(data, lang, slide.resources)
    with st.container(key="pmg-dia-voet"):
        st.markdown(f"**{md_escape(number)}** · {md_escape(status)} · {md_escape(source)}")
        if slide.illustrative:
            st.markdown(f"*{md_escape(presentation.illustrative_notice(data, lang))}*")


def _settings(ctx: Context, view: View, slide: SlideContent) -> None:
    lang = ctx.lang
    with st.expander(t("presentation.settings", lang), icon=":material/tune:"):
        st.multiselect(
            t("presentation.storyline.label", lang),
            options=list(SLIDES),
            format_func=lambda code: presentation.slide_name(code, lang),
            key=STORY_KEY,
            on_change=_on_story,
            help=t("presentation.storyline.help", lang),
        )
        st.text_input(
            t("presentation.title.label", lang),
            key=TITLE_KEY,
            on_change=_on_title,
            max_chars=presentation.MAX_TITLE,
            placeholder=t("presentation.title.default", lang),
        )
        st.markdown(f"**{t('share.title', lang)}**")
        query = presentation.full_query(ctx.filters, lang, view, presentation=True)
        st.code(link(URL_PATH, query), language=None, wrap_lines=True)
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('presentation.briefing.title', lang)}**")
            _briefing_buttons(ctx, view)
        with right:
            st.markdown(f"**{t('presentation.this_slide', lang)}**")
            _slide_downloads(ctx, slide)


def _briefing_buttons(ctx: Context, view: View) -> None:
    from lib.exports import briefing
    from lib.web import cache

    _, boundaries = cache.boundaries()
    data, filters, lang = ctx.data, ctx.filters, ctx.lang
    stem = _slug(presentation.deck_title(view.storyline, lang))
    formats = (
        ("pptx", briefing.pptx_bytes, MIME_PPTX, ":material/slideshow:"),
        ("pdf", briefing.pdf_bytes, MIME_PDF, ":material/picture_as_pdf:"),
    )
    for fmt, make, mime, icon in formats:

        def made(make: Callable[..., bytes] = make) -> bytes:
            return make(data, filters, lang, view, boundaries=boundaries)

        st.download_button(
            t(f"presentation.briefing.format.{fmt}", lang),
            data=made,
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"pres_{fmt}",
            on_click="ignore",
            icon=icon,
        )


def _slide_downloads(ctx: Context, slide: SlideContent) -> None:
    files: list[File] = []
    stem = _slug(slide.title)
    scope = Scope.of(ctx)
    if slide.chart is not None:
        chart = slide.chart

        def decorated() -> Any:
            return _decorate(
                scope,
                chart,
                title=slide.title,
                resources=slide.resources,
                illustrative=slide.illustrative,
            )

        files += _image_files(ctx.lang, stem, decorated)
    if slide.table is not None:
        files += _table_files(ctx.lang, slide.table, slide.columns, slide.title)
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
    from lib.web import cache

    st.html(PRESENTATION_CSS)
    view = current_view()
    _seed_widgets(view)
    _pop_notice(ctx.lang)
    _navigation(ctx, view)
    _, boundaries = cache.boundaries()
    slide = presentation.build_slide(
        view.code, ctx.data, ctx.selection, ctx.lang, metric=view.metric, boundaries=boundaries
    )
    with st.container(key="pmg-dia"):
        _slide_body(ctx, view, slide)
    _slide_footer(ctx, view, slide)
    _settings(ctx, view, slide)
    _sync_url(presentation.full_query(ctx.filters, ctx.lang, view, presentation=True))
