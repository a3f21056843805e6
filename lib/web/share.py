"""Links to share: the full link of the current view, and the sidebar link to the presentation.

A link carries the page, the filters, the map measure and the language (on the presentation
also the slide and the storyline), with codes from ``lib.links``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import streamlit as st

from lib import links
from lib.contract.codes import Lang
from lib.domain.filters import Filters
from lib.text.i18n import t
from lib.web import routes, sync
from lib.web.state import Context


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


def link(slug: str, query: Mapping[str, str | list[str]]) -> str:
    """The full link of the page ``slug`` with ``query``."""
    text = links.query_string(query)
    return f"{_base_url()}{slug}" + (f"?{text}" if text else "")


def url_extras() -> dict[str, str | list[str]]:
    """What the URL of every page carries beyond the filters: the map measure and the view
    of the Context page (offence type, year, named municipalities)."""
    return {
        **links.view_query(sync.current_view(), presentation=False),
        **links.context_query(sync.current_context_view()),
    }


def share_link(ctx: Context, route: routes.Route) -> None:
    """A copyable box with the link to this view: page, filters, measure and language."""
    presenting = route == routes.PRESENTATION
    query = {
        **links.full_query(ctx.filters, ctx.lang, sync.current_view(), presentation=presenting),
        **links.context_query(sync.current_context_view()),
    }
    with st.expander(t("share.title", ctx.lang), icon=":material/link:"):
        st.caption(t("share.explanation", ctx.lang))
        st.code(link(route.slug, query), language=None, wrap_lines=True)


def presentation_link(lang: Lang, filters: Filters) -> None:
    """The sidebar link to the presentation of the current selection."""
    route = routes.PRESENTATION
    page = st.Page(route.file, title=t(route.nav, lang), url_path=route.slug)
    query = links.full_query(filters, lang, sync.current_view(), presentation=True)
    st.page_link(
        page, label=t("presentation.open", lang), icon=":material/slideshow:", query_params=query
    )
