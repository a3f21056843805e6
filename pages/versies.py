"""Versies: every published version; view, compare and restore (as a new version)."""

import streamlit as st

from lib import cache, ui, ui_data
from lib.i18n import t

ctx = ui.context()
ui.page_header(ctx, "versies.titel", "versies.intro")
target = cache.store()
history = ui_data.history_table(ctx, target)
if not history.is_empty():
    versions = history.get_column("versie").to_list()
    st.subheader(t("versies.bekijken", ctx.lang))
    ui_data.view_version(ctx, versions)
    st.subheader(t("versies.vergelijken", ctx.lang))
    ui_data.compare(ctx, target, versions)
    st.subheader(t("versies.herstellen", ctx.lang))
    ui_data.restore(ctx, ui_data.role_panel(ctx), target, versions)
ui.footer(ctx)
