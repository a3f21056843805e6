"""The frame of every page: header, notices, empty states, charts with their finding and table,
and the footer. Pages and sections draw through these, so every page looks and behaves the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Final
from urllib.parse import quote, urlsplit

import polars as pl
import pyarrow as pa
import streamlit as st

from lib.config import ConfigError, SettingError
from lib.contract.codes import Lang
from lib.data.catalog import DataError
from lib.data.serving import StoreView
from lib.domain import selection
from lib.exports.markdown import md_escape
from lib.text import provenance, reports
from lib.text.formats import join_names
from lib.text.i18n import t
from lib.viz import vega
from lib.web import cache, downloads, routes, share, sync
from lib.web.state import VERSION_KEY, Context, pop_notice

_URL_SAFE: Final = ":/?#@!$&'*+,;=%-._~"

RATE_COLUMNS: Final[dict[str, str]] = {
    "n": "column.n_interventies",
    "uitgevoerd": "column.carried_out",
    "rate": "column.execution_rate",
    "betrouwbaar": "column.reliable",
}


def style(name: str) -> None:
    """Our own style sheet ``lib/web/static/<name>`` (never text from data or users)."""
    css = resources.files("lib.web").joinpath("static", name).read_text(encoding="utf-8")
    st.html(f"<style>\n{css}</style>")


def data_error(error: DataError, lang: Lang) -> None:
    """Stop the app with every problem of the bundled data, naming file, row and column."""
    st.error(t("data_error.message", lang))
    lines = (reports.file_issue_message(issue, lang) for issue in error.issues[:200])
    st.code("\n".join(lines), language=None)
    st.stop()


def config_error(error: ConfigError, lang: Lang) -> None:
    """Stop the app: the settings file is broken (its path and the parser's words), or a
    ``PMG_*`` setting is (its name and value)."""
    st.error(
        t("data_error.setting" if isinstance(error, SettingError) else "data_error.config", lang)
    )
    st.code(str(error), language=None)
    st.stop()


def store_notice(view: StoreView, lang: Lang) -> None:
    """When the data shown is not the version asked for: which version is damaged and why,
    which version is shown instead (read-only), and whom to call. Drawn on every page."""
    damage = view.damage
    if damage is None:
        return
    shown = (
        t("store.serving_bundled", lang)
        if view.served is None
        else t("store.serving", lang, goed=view.served)
    )
    call = t("store.call_admin" if view.restorable else "store.call_admin_only", lang)
    st.error(f"**{t(damage.key, lang, **damage.params)}** {shown} {call}", icon=":material/report:")


def publishing_open(lang: Lang) -> bool:
    """Whether the current data may be built on; else says why publishing is off."""
    view = cache.current_view()
    damage = view.damage
    if damage is None:
        return True
    log_broken = damage.reason == "history" or (not view.restorable and view.served is not None)
    key = "store.read_only_history" if log_broken else "store.read_only"
    st.info(t(key, lang, versie=damage.params["versie"]))
    return False


def notice(lang: Lang) -> None:
    """Name the URL parameters that were ignored (once)."""
    ignored = pop_notice()
    if ignored:
        st.info(t("notice.link_ignored", lang, params=", ".join(ignored)))


def page_header(ctx: Context, slug: str, *, example_data: bool = True) -> None:
    """Title and introduction of the page ``slug``, notices, and the link to this view.

    ``example_data=False`` for a page that shows no example data at all (no notice)."""
    page_title(ctx, slug)
    page_notices(ctx, slug, example_data=example_data)


def page_title(ctx: Context, slug: str) -> None:
    """Title and introduction of the page ``slug``."""
    route = routes.BY_SLUG[slug]
    st.title(t(route.title, ctx.lang))
    st.write(t(route.intro, ctx.lang, **provenance.published(ctx.data, ctx.lang)))


def page_notices(ctx: Context, slug: str, *, example_data: bool = True) -> None:
    """The notices of the page ``slug`` (ignored link parameters, a version viewed read-only,
    example data), the active filters and the link to this view."""
    route = routes.BY_SLUG[slug]
    figures = provenance.published(ctx.data, ctx.lang)
    notice(ctx.lang)
    viewed = st.session_state.get(VERSION_KEY)
    if viewed is not None:
        st.info(t("versions.read_only", ctx.lang, versie=viewed), icon=":material/history:")
        store_notice(cache.current_view(viewed), ctx.lang)
    if example_data and ctx.selection.illustrative:
        st.warning(t("notice.illustrative", ctx.lang, **figures), icon=":material/info:")
    selection_summary(ctx)
    share.share_link(ctx, route)


def selection_summary(ctx: Context) -> None:
    """The active filters in the page itself (a phone hides the sidebar), and a button that
    clears them."""
    with st.container(key="pmg-selectie", horizontal=True, vertical_alignment="center"):
        st.markdown(md_escape(provenance.selection_line(ctx.filters, ctx.data, ctx.lang)))
        if not ctx.filters.is_default:
            st.button(
                t("filter.clear", ctx.lang),
                key="filter_wissen_pagina",
                on_click=sync.clear_filters,
                icon=":material/filter_alt_off:",
            )


def without_interventions(ctx: Context, *, rates: bool = False) -> None:
    """Name the municipalities of the selection that a chart with a row per municipality
    leaves out because none of their interventions passes the filters (``rates``: the filters
    an execution rate counts, all but the status filter)."""
    left_out = ctx.selection.without_rate_base if rates else ctx.selection.without_interventions
    names = left_out.get_column("naam").to_list()
    if names:
        text = t(
            "chart.without_interventions", ctx.lang, n=len(names), namen=join_names(names, ctx.lang)
        )
        st.caption(md_escape(text))


def stop_if_empty(ctx: Context, *, need: str = "interventies") -> None:
    """A friendly message instead of charts when nothing matches the filters."""
    places = ctx.selection.gemeenten
    nothing = places.is_empty() if need == "gemeenten" else ctx.selection.empty
    if not nothing:
        return
    empty_notice(ctx)
    footer(ctx)
    st.stop()


def empty_notice(ctx: Context) -> None:
    """Which municipalities the selection holds, and that none has matching interventions."""
    places = ctx.selection.gemeenten
    names = places.sort("naam").get_column("naam").to_list()
    which = (
        t("empty.gemeenten", ctx.lang, n=len(names), namen=join_names(names, ctx.lang))
        if names
        else t("empty.no_gemeenten", ctx.lang)
    )
    title, explanation = t("empty.title", ctx.lang), t("empty.explanation", ctx.lang)
    st.info(f"**{title}**\n\n{md_escape(which)}\n\n{explanation}")


def chart_places(ctx: Context) -> tuple[selection.Selection, selection.Place]:
    """The selection for charts with a row per municipality, and what a row is.

    Above ``selection.PLACE_LIMIT`` municipalities the rows are provinces, and a caption says so.
    """
    place = selection.chart_place(ctx.selection)
    if place == "gemeente":
        return ctx.selection, place
    province_note(ctx, place)
    return selection.by_province(ctx.selection), place


def province_note(ctx: Context, place: selection.Place) -> None:
    """The caption of a chart whose rows are provinces (nothing for municipalities)."""
    if place == "gemeente":
        return
    n = ctx.selection.interventies.get_column("gemeentecode").n_unique()
    places = t("count.gemeenten", ctx.lang, n=n)
    st.caption(t("chart.by_province", ctx.lang, gemeenten=places, limiet=selection.PLACE_LIMIT))


def finding(ctx: Context, sentence: str) -> None:
    st.markdown(f"**{t('chart.finding_label', ctx.lang)}:** {sentence}")


def rows(
    frame: pl.DataFrame | pa.Table,
    *,
    key: str | None = None,
    column_config: Mapping[str, Any] | None = None,
    row_height: int | None = None,
    placeholder: str | None = None,
) -> None:
    """Show a table: the one call of ``st.dataframe`` in the app.

    Streamlit turns a Polars frame into pandas in each session's thread, and threads that
    convert one shared frame at the same time can hang the whole server: tables go to it as
    Arrow (shared ones are converted once in ``cache.display_table``; a frame of this session
    alone is converted here). ``column_config`` sets widths and help per column; a
    ``row_height`` over 64 px lets long texts wrap; ``placeholder`` is shown for a missing
    value (``""``: an empty cell).
    """
    data = frame.to_arrow() if isinstance(frame, pl.DataFrame) else frame
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        key=key,
        column_config=dict(column_config) if column_config else None,
        row_height=row_height,
        placeholder=placeholder,
    )


def table(
    ctx: Context, frame: pl.DataFrame, columns: Mapping[str, str], *, key: str | None = None
) -> None:
    """A table labelled and formatted for the language (as the table beside a chart)."""
    rows(cache.display_table(frame, columns, ctx.lang), key=key)


def chart(
    ctx: Context,
    figure: vega.Deferred,
    *,
    finding: str,
    table: pl.DataFrame,
    columns: Mapping[str, str],
    key: str,
    illustrative: bool | None = None,
    caveat: Sequence[str] = (),
    title_suffix: str = "",
    numbered: Sequence[str] = (),
) -> None:
    """The registered chart ``key`` with its finding (also its text alternative), a table with
    the same numbers and its downloads (``caveat``: lines on how to read it, in the files);
    ``numbered`` lists what the numbers in the chart stand for, right under it."""
    marked = ctx.selection.illustrative if illustrative is None else illustrative
    sentence = f"{finding} ({t('column.illustrative', ctx.lang).lower()})" if marked else finding
    st.markdown(f"**{t('chart.finding_label', ctx.lang)}:** {sentence}")
    spec = {**cache.chart_spec(figure), "description": sentence}  # a copy: the cache is shared
    st.vega_lite_chart(spec, theme=None, width="stretch", key=key)
    if numbered:
        st.markdown("\n".join(f"{i}. {md_escape(text)}" for i, text in enumerate(numbered, 1)))
    with st.expander(t("chart.show_table", ctx.lang)):
        rows(cache.display_table(table, columns, ctx.lang))
    downloads.chart_downloads(
        ctx,
        figure.build,
        key=key,
        table=table,
        columns=columns,
        illustrative=marked,
        caveat=caveat,
        title_suffix=title_suffix,
    )


def source_link(title: str, path: str | None) -> str:
    """A source as Markdown that shows its title as plain text, linked only to a web address.

    Titles and addresses can come from an upload, so nothing in them may act as Markdown:
    no image, no link text of its own, no address that is not ``http(s)``."""
    text = md_escape(title)
    parts = urlsplit(path or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return text
    return f"[{text}](<{quote(path or '', safe=_URL_SAFE)}>)"


def footer(ctx: Context) -> None:
    """Data version, date, status and sources; marks illustrative data."""
    prov = ctx.data.provenance
    lang = ctx.lang
    st.divider()
    statuses = sorted({r.status for r in prov.resources.values()})
    status_text = ", ".join(t(f"data_status.{s}", lang) for s in statuses)
    st.caption(
        f"{t('footer.version', lang, versie=prov.version, datum=prov.created)} · "
        f"{t('footer.status', lang)}: {status_text} · {t('footer.licence', lang)}: {prov.licence}"
    )
    links = [source_link(title, path) for title, path in provenance.sources(ctx.data, lang)]
    with st.expander(f"{t('footer.sources', lang)} ({len(links)})"):
        # Plain Markdown, not a caption: links in the caption's lighter text fail 4.5:1.
        st.markdown("\n".join(f"- {link}" for link in links))
    if ctx.data.illustrative:
        st.caption(t("footer.illustrative", lang))
