"""Versies: every published version; view, compare and restore (as a new version)."""

import streamlit as st

from lib.text.i18n import t
from lib.web import cache, layout
from lib.web.sections import upload

ctx = layout.context()
layout.page_header(ctx, "versies.titel", "versies.intro")
target = cache.store()
history = upload.history_table(ctx, target)
if not history.is_empty():
    versions = history.get_column("versie").to_list()
    st.subheader(t("versies.bekijken", ctx.lang))
    upload.view_version(ctx, versions)
    st.subheader(t("versies.vergelijken", ctx.lang))
    upload.compare(ctx, target, versions)
    st.subheader(t("versies.herstellen", ctx.lang))
    upload.restore(ctx, upload.role_panel(ctx), target, versions)
layout.footer(ctx)
