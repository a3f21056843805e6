"""Versies: every published version; view, compare and restore (as a new version)."""

import streamlit as st

from lib.text.i18n import t
from lib.web import cache, layout
from lib.web.sections import upload

ctx = layout.context()
layout.page_header(ctx, "versions.title", "versions.intro")
target = cache.store()
history = upload.history_table(ctx, target)
if not history.is_empty():
    versions = history.get_column("versie").to_list()
    st.subheader(t("versions.view.title", ctx.lang))
    upload.view_version(ctx, versions)
    st.subheader(t("versions.compare.title", ctx.lang))
    upload.compare(ctx, target, versions)
    st.subheader(t("versions.restore.title", ctx.lang))
    upload.restore(ctx, upload.role_panel(ctx), target, versions)
layout.footer(ctx)
