"""Versies: every published version; view one read-only, compare two, restore an old one."""

from __future__ import annotations

import polars as pl
import streamlit as st

from lib.data import auth
from lib.data.store import Store
from lib.errors import KeyedError
from lib.text.i18n import t
from lib.web import cache
from lib.web.sections import upload
from lib.web.state import VERSION_KEY, Context


def history_table(ctx: Context, target: Store) -> pl.DataFrame:
    lang = ctx.lang
    history = target.history()
    if history.is_empty():
        st.info(t("cli.geen_versies", lang))
        return history
    shown = history.select(
        pl.col("versie").alias(t("versies.bekijk", lang)),
        pl.col("tijdstip").dt.strftime("%Y-%m-%d %H:%M").alias(t("versies.tijdstip", lang)),
        pl.col("actie")
        .replace_strict(
            {a: t(f"store.actie.{a}", lang) for a in ("basis", "publicatie", "herstel")}
        )
        .alias(t("versies.actie", lang)),
        pl.col("wie").alias(t("versies.wie", lang)),
        pl.col("opmerking").alias(t("versies.opmerking", lang)),
        pl.col("bronbestand").alias(t("versies.bronbestand", lang)),
        pl.col("rijen_interventies").alias(t("versies.rijen", lang)),
        pl.col("checksum").alias(t("versies.checksum", lang)),
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    return history


def view_version(ctx: Context, versions: list[int]) -> None:
    lang = ctx.lang
    current = st.session_state.get(VERSION_KEY)
    choice = st.selectbox(t("versies.bekijk", lang), versions, key="versies_bekijk",
                          index=versions.index(current) if current in versions else 0)  # fmt: skip
    cols = st.columns(2)
    if cols[0].button(t("versies.bekijk.knop", lang), key="versies_bekijk_knop"):
        st.session_state[VERSION_KEY] = choice
        st.rerun()
    if current is not None and cols[1].button(t("versies.terug", lang), key="versies_terug"):
        st.session_state.pop(VERSION_KEY, None)
        st.rerun()


def compare(ctx: Context, target: Store, versions: list[int]) -> None:
    lang = ctx.lang
    cols = st.columns(2)
    old = cols[0].selectbox(t("versies.oud", lang), versions, index=min(1, len(versions) - 1),
                            key="versies_oud")  # fmt: skip
    new = cols[1].selectbox(t("versies.nieuw", lang), versions, index=0, key="versies_nieuw")
    upload.show_diff(target.diff("interventies", old, new), lang)


def restore(ctx: Context, role: auth.Role, target: Store, versions: list[int]) -> None:
    lang = ctx.lang
    with st.form("versies_herstel"):
        version = st.selectbox(t("versies.herstel.versie", lang), versions, key="versies_herstel_v")
        comment = st.text_input(t("data.opmerking", lang), key="versies_herstel_opmerking")
        submitted = st.form_submit_button(
            t("versies.herstel.knop", lang), disabled=role != "analyst"
        )
    if submitted:
        try:
            who = upload.current_user() or "analist"
            new = auth.guarded_rollback(target, role, version, who=who, comment=comment)
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        st.success(t("cli.hersteld", lang, oud=version, versie=new))


def page(ctx: Context) -> None:
    """Every version; then view, compare and restore."""
    target = cache.store()
    history = history_table(ctx, target)
    if history.is_empty():
        return
    versions = history.get_column("versie").to_list()
    st.subheader(t("versies.bekijken", ctx.lang))
    view_version(ctx, versions)
    st.subheader(t("versies.vergelijken", ctx.lang))
    compare(ctx, target, versions)
    st.subheader(t("versies.herstellen", ctx.lang))
    restore(ctx, upload.role_panel(ctx), target, versions)
