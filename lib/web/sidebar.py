"""The sidebar shared by every page: language switch and filters, mirrored in the URL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from lib import links
from lib.contract.codes import (
    DEFAULT_LANG,
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    LANGS,
    STATUSSEN,
    THEMAS,
    CodeKind,
    Lang,
    as_lang,
)
from lib.data.catalog import Dataset
from lib.domain.filters import BOTOC_OPTIONS, Filters
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.web import legacy, share, sync
from lib.web.state import FILTER_KEYS, FILTERS_KEY, LANG_KEY

LANG_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}


def _names(data: Dataset) -> dict[str, str]:
    return dict(data.gemeenten.select("gemeentecode", "naam").sort("naam").iter_rows())


def _theme_names(data: Dataset, lang: Lang) -> dict[str, str]:
    return dict(data.themas.select("thema", f"naam_{lang}").iter_rows())


def _multiselect(
    label: str,
    options: Sequence[str],
    key: str,
    fmt: Mapping[str, str],
    lang: Lang,
    help_text: str | None = None,
) -> None:
    st.multiselect(
        label,
        options=list(options),
        format_func=lambda code: fmt.get(code, code),
        key=key,
        placeholder=t("filter.placeholder", lang),
        help=help_text,
    )


def _codes(kind: CodeKind, codes: Sequence[str], lang: Lang) -> dict[str, str]:
    return {code: code_label(kind, code, lang) for code in codes}


def _filters(data: Dataset, lang: Lang) -> None:
    st.header(t("filter.heading", lang))
    names = _names(data)
    _multiselect(t("filter.gemeente", lang), list(names), FILTER_KEYS["gemeenten"], names, lang)
    golf = _codes("golf", GOLVEN, lang)
    _multiselect(t("filter.wave", lang), GOLVEN, FILTER_KEYS["golven"], golf, lang)
    st.radio(
        t("filter.botoc.label", lang),
        options=list(BOTOC_OPTIONS),
        format_func=lambda code: t(f"filter.botoc.option.{code}", lang),
        key=FILTER_KEYS["botoc"],
        horizontal=True,
    )
    themes = _theme_names(data, lang)
    _multiselect(t("filter.thema", lang), THEMAS, FILTER_KEYS["themas"], themes, lang)
    status = _codes("status", STATUSSEN, lang)
    _multiselect(t("filter.status", lang), STATUSSEN, FILTER_KEYS["statussen"], status, lang)
    groups = _codes("doelgroep", DOELGROEPEN, lang)
    _multiselect(
        t("filter.target_group", lang), DOELGROEPEN, FILTER_KEYS["doelgroepen"], groups, lang
    )
    domains = _codes("domein", DOMEINEN, lang)
    _multiselect(
        t("filter.domain.label", lang),
        DOMEINEN,
        FILTER_KEYS["domeinen"],
        domains,
        lang,
        t("filter.domain.help", lang),
    )


def sidebar(data: Dataset) -> tuple[Lang, Filters]:
    """Language switch and filters; mirrors both in the URL. Call once, in ``app.py``."""
    legacy.leave_legacy_multipage()  # before any widget, so widget ids never change
    sync.read_url(data)
    with st.sidebar:
        st.radio(
            t("app.language", DEFAULT_LANG),
            options=list(LANGS),
            format_func=lambda code: LANG_NAMES[as_lang(code)],
            key=LANG_KEY,
            horizontal=True,
            on_change=sync.keep_filters_on_language_change,
        )
        lang = as_lang(st.session_state.get(LANG_KEY))
        _filters(data, lang)
        filters = sync.filters_from_widgets()
        st.button(
            t("filter.clear", lang),
            on_click=sync.clear_filters,
            key="filter_wissen",
            disabled=filters.is_default,
        )
        st.caption(t("filter.link", lang))
        share.presentation_link(lang, filters)
    st.session_state[FILTERS_KEY] = filters
    sync.write_url({**links.to_query(filters, lang), **share.url_extras()})
    return lang, filters
