"""Data: upload a file, see how it was read and what is wrong, preview, and publish it."""

import streamlit as st

from lib.contract.schema import UPLOADABLE_TABLES
from lib.text.i18n import t
from lib.web import layout
from lib.web.sections import upload

ctx = layout.context()
layout.page_header(ctx, "upload.title", "upload.intro")
role = upload.role_panel(ctx)
upload.templates(ctx)

table = st.radio(
    t("upload.which_table", ctx.lang),
    UPLOADABLE_TABLES,
    key="data_tabel",
    horizontal=True,
    format_func=lambda name: t(f"upload.table.{name}", ctx.lang),
)
uploaded = st.file_uploader(
    t("upload.file", ctx.lang), type=["csv", "tsv", "txt", "xlsx"], key="data_bestand"
)
if uploaded is not None:
    data = uploaded.getvalue()
    prepared = upload.prepare_upload(
        ctx, table, uploaded.name, data, st.session_state.get("data_blad")
    )
    if len(prepared.dialect.sheets) > 1:
        st.selectbox(t("upload.sheet", ctx.lang), prepared.dialect.sheets, key="data_blad")
    upload.report(ctx, prepared, uploaded.name)
    if prepared.clean is not None:
        scope = upload.scope_choice(ctx)
        if upload.preview(ctx, table, prepared.clean, scope) is not None:
            upload.publish_form(ctx, role, table, prepared.clean, scope, uploaded.name, data)
layout.footer(ctx)
