"""Data: upload a file, see how it was read and what is wrong, preview, and publish it."""

import streamlit as st

from lib import ui, ui_data
from lib.i18n import t
from lib.schema import UPLOADABLE_TABLES

ctx = ui.context()
ui.page_header(ctx, "data.titel", "data.intro")
role = ui_data.role_panel(ctx)
ui_data.templates(ctx)

table = st.radio(
    t("data.tabel", ctx.lang),
    UPLOADABLE_TABLES,
    key="data_tabel",
    horizontal=True,
    format_func=lambda name: t(f"tabel.{name}", ctx.lang),
)
upload = st.file_uploader(
    t("data.bestand", ctx.lang), type=["csv", "tsv", "txt", "xlsx"], key="data_bestand"
)
if upload is not None:
    data = upload.getvalue()
    prepared = ui_data.prepare_upload(
        ctx, table, upload.name, data, st.session_state.get("data_blad")
    )
    if len(prepared.dialect.sheets) > 1:
        st.selectbox(t("data.blad", ctx.lang), prepared.dialect.sheets, key="data_blad")
    ui_data.report(ctx, prepared, upload.name)
    if prepared.clean is not None:
        scope = ui_data.scope_choice(ctx)
        if ui_data.preview(ctx, table, prepared.clean, scope) is not None:
            ui_data.publish_form(ctx, role, table, prepared.clean, scope, upload.name, data)
ui.footer(ctx)
