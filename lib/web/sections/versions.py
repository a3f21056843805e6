"""Versies: every published version; view one read-only, compare two, restore an old one.

Times are those of the Netherlands. The audit trail of a version (who, comment, file,
checksum) is shown to analysts only; other readers see the version, time, action, table and
rows, and the pickers name a version by its number, time and action.
"""

from __future__ import annotations

from typing import Any, Final

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.contract.resources import UPLOADABLE_TABLES
from lib.data import auth
from lib.data.store import Store
from lib.data.versions import published_rows
from lib.errors import KeyedError
from lib.text.i18n import t
from lib.text.versions import history_headers, history_rows, version_labels
from lib.web import cache, layout, signin
from lib.web.sections import publish, upload
from lib.web.state import VERSION_KEY, Context

WRAPPED_ROW_PX: Final = 72  # two lines of a comment (Streamlit wraps cells from 64 px on)
PICKERS: Final = ("versies_bekijk", "versies_oud", "versies_nieuw", "versies_herstel_v")
LABELS_KEY: Final = "pmg_versies_labels"  # the language and role the pickers were labelled for


def _relabel_pickers(lang: Lang, audit: bool) -> None:
    """After a sign-in, a sign-out or a change of language the pickers keep their versions
    but get other labels; Streamlit sends a picker's new label only when its value is set,
    so each chosen version is set again (before the pickers are drawn)."""
    labelled = (lang, audit)
    if st.session_state.get(LABELS_KEY) not in (None, labelled):
        for key in PICKERS:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[LABELS_KEY] = labelled


def _columns(lang: Lang, *, audit: bool) -> dict[str, Any]:
    """Widths that fit the table in the page at 1366 px: narrow numbers, wide comments;
    longer texts wrap onto a second line."""
    text = st.column_config.TextColumn
    widths: list[Any] = [
        st.column_config.NumberColumn(width=52, format="%d"),
        text(width=124),
        text(width=136 if audit else 320),
        text(width=56),
    ]
    if audit:  # together 888 px: the main column of the page at 1366 px is 906 px wide
        widths += [text(width=146), text(width=160), text(width=118), text(width=96)]
    return dict(zip(history_headers(lang, audit=audit), widths, strict=True))


def history_table(ctx: Context, target: Store, *, audit: bool) -> pl.DataFrame:
    lang = ctx.lang
    history = target.history()
    if history.is_empty():
        st.info(t("cli.no_versions", lang))
        return history
    history = history.with_columns(published_rows(UPLOADABLE_TABLES))
    layout.rows(
        history_rows(history, lang, audit=audit),
        column_config=_columns(lang, audit=audit),
        row_height=WRAPPED_ROW_PX if audit else None,
    )
    if not audit:
        st.caption(t("versions.audit_hidden", lang))
    return history


def view_version(ctx: Context, versions: list[int], labels: dict[int, str]) -> None:
    lang = ctx.lang
    current = st.session_state.get(VERSION_KEY)
    choice = st.selectbox(t("versions.view.label", lang), versions, key="versies_bekijk",
                          index=versions.index(current) if current in versions else 0,
                          format_func=lambda v: labels.get(v, str(v)))  # fmt: skip
    cols = st.columns(2)
    if cols[0].button(t("versions.view.button", lang), key="versies_bekijk_knop"):
        st.session_state[VERSION_KEY] = choice
        st.rerun()
    if current is not None and cols[1].button(t("versions.back", lang), key="versies_terug"):
        st.session_state.pop(VERSION_KEY, None)
        st.rerun()


def compare(ctx: Context, target: Store, versions: list[int], labels: dict[int, str]) -> None:
    lang = ctx.lang
    cols = st.columns(2)
    old = cols[0].selectbox(
        t("versions.compare.old", lang),
        versions,
        index=min(1, len(versions) - 1),
        key="versies_oud",
        format_func=lambda v: labels.get(v, str(v)),
    )
    new = cols[1].selectbox(
        t("versions.compare.new", lang), versions, index=0, key="versies_nieuw",
        format_func=lambda v: labels.get(v, str(v)),
    )  # fmt: skip
    try:
        diff = target.diff("interventies", old, new)
    except KeyedError as error:  # a damaged version: say which, never a raw exception
        st.error(t(error.key, lang, **error.params))
        return
    upload.show_diff(diff, lang)


def restore(
    ctx: Context, role: auth.Role, target: Store, versions: list[int], labels: dict[int, str]
) -> None:
    """Restore an old version as a new one, recorded as the signed-in analyst; then show it."""
    lang = ctx.lang
    publish.show_flash()
    with st.form("versies_herstel"):
        version = st.selectbox(t("versions.restore.label", lang), versions, key="versies_herstel_v",
                               format_func=lambda v: labels.get(v, str(v)))  # fmt: skip
        comment = st.text_input(t("upload.comment", lang), key="versies_herstel_opmerking")
        submitted = st.form_submit_button(
            t("versions.restore.button", lang), disabled=role != "analyst"
        )
    if submitted:
        try:
            who = publish.recorded_who()
            new = auth.guarded_rollback(target, role, version, who=who, comment=comment)
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        publish.flash("success", t("cli.restored", lang, oud=version, versie=new))
        publish.refresh()


def page(ctx: Context) -> None:
    """Who is working; every version; then view, compare and restore."""
    role = signin.role_panel(ctx.lang)
    audit = role == "analyst"
    target = cache.store()
    history = history_table(ctx, target, audit=audit)
    if history.is_empty():
        return
    versions = history.get_column("versie").to_list()
    labels = version_labels(history, ctx.lang, audit=audit)
    _relabel_pickers(ctx.lang, audit)
    st.subheader(t("versions.view.title", ctx.lang))
    view_version(ctx, versions, labels)
    st.subheader(t("versions.compare.title", ctx.lang))
    compare(ctx, target, versions, labels)
    st.subheader(t("versions.restore.title", ctx.lang))
    restore(ctx, role, target, versions, labels)
