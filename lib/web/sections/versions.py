"""Versies: every published version; view one read-only, compare two, restore an old one."""

from __future__ import annotations

import polars as pl
import streamlit as st

from lib.contract.resources import UPLOADABLE_TABLES
from lib.data import auth
from lib.data.store import Store
from lib.data.versions import published_rows
from lib.errors import KeyedError
from lib.text.i18n import t
from lib.web import cache, layout
from lib.web.sections import upload
from lib.web.state import VERSION_KEY, Context


def history_table(ctx: Context, target: Store) -> pl.DataFrame:
    lang = ctx.lang
    history = target.history()
    if history.is_empty():
        st.info(t("cli.no_versions", lang))
        return history
    shown = history.select(
        pl.col("versie").alias(t("versions.view.label", lang)),
        pl.col("tijdstip").dt.strftime("%Y-%m-%d %H:%M").alias(t("versions.column.time", lang)),
        pl.col("actie")
        .replace_strict(
            {a: t(f"store.action.{a}", lang) for a in ("basis", "publicatie", "herstel")}
        )
        .alias(t("versions.column.action", lang)),
        pl.col("wie").alias(t("versions.column.who", lang)),
        pl.col("opmerking").alias(t("versions.column.comment", lang)),
        pl.col("bronbestand").alias(t("versions.column.source_file", lang)),
        pl.col("tabel").fill_null("interventies").alias(t("versions.column.table", lang)),
        published_rows(UPLOADABLE_TABLES).alias(t("versions.column.rows", lang)),
        pl.col("checksum").alias(t("versions.column.checksum", lang)),
    )
    layout.rows(shown)
    return history


def view_version(ctx: Context, versions: list[int]) -> None:
    lang = ctx.lang
    current = st.session_state.get(VERSION_KEY)
    choice = st.selectbox(t("versions.view.label", lang), versions, key="versies_bekijk",
                          index=versions.index(current) if current in versions else 0)  # fmt: skip
    cols = st.columns(2)
    if cols[0].button(t("versions.view.button", lang), key="versies_bekijk_knop"):
        st.session_state[VERSION_KEY] = choice
        st.rerun()
    if current is not None and cols[1].button(t("versions.back", lang), key="versies_terug"):
        st.session_state.pop(VERSION_KEY, None)
        st.rerun()


def compare(ctx: Context, target: Store, versions: list[int]) -> None:
    lang = ctx.lang
    cols = st.columns(2)
    old = cols[0].selectbox(
        t("versions.compare.old", lang),
        versions,
        index=min(1, len(versions) - 1),
        key="versies_oud",
    )
    new = cols[1].selectbox(t("versions.compare.new", lang), versions, index=0, key="versies_nieuw")
    try:
        diff = target.diff("interventies", old, new)
    except KeyedError as error:  # a damaged version: say which, never a raw exception
        st.error(t(error.key, lang, **error.params))
        return
    upload.show_diff(diff, lang)


def restore(ctx: Context, role: auth.Role, target: Store, versions: list[int]) -> None:
    lang = ctx.lang
    with st.form("versies_herstel"):
        version = st.selectbox(t("versions.restore.label", lang), versions, key="versies_herstel_v")
        comment = st.text_input(t("upload.comment", lang), key="versies_herstel_opmerking")
        submitted = st.form_submit_button(
            t("versions.restore.button", lang), disabled=role != "analyst"
        )
    if submitted:
        try:
            who = upload.current_user() or "analist"
            new = auth.guarded_rollback(target, role, version, who=who, comment=comment)
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        st.success(t("cli.restored", lang, oud=version, versie=new))


def page(ctx: Context) -> None:
    """Every version; then view, compare and restore."""
    target = cache.store()
    history = history_table(ctx, target)
    if history.is_empty():
        return
    versions = history.get_column("versie").to_list()
    st.subheader(t("versions.view.title", ctx.lang))
    view_version(ctx, versions)
    st.subheader(t("versions.compare.title", ctx.lang))
    compare(ctx, target, versions)
    st.subheader(t("versions.restore.title", ctx.lang))
    restore(ctx, upload.role_panel(ctx), target, versions)
