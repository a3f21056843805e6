"""Streamlit fragments of the Data and Versies pages: upload, report, preview, publish, history.

Uploaded text is only ever shown through ``st.dataframe``/``st.text``/``st.code`` (plain text),
never through Markdown or HTML. Publishing and restoring go through ``lib.data.auth.guarded_*``.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.config import upload_settings
from lib.contract.codes import Lang
from lib.contract.resources import TEMPLATE_SHEET_NAMES
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import auth
from lib.data.catalog import complete_columns
from lib.data.diff import Diff
from lib.data.ingest.limits import Limits
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.ingest.slots import Busy, Slots, release_memory
from lib.data.modes import Plan
from lib.exports.templates import template_makers
from lib.text.formats import fmt_int
from lib.text.i18n import t
from lib.web import layout, signin
from lib.web.sections import publish
from lib.web.sections.upload_report import headline_rows, preview_rows, report
from lib.web.state import Context

CHECKED_KEY = "data_gecontroleerd"  # (file id, table, sheet) and the Prepared of that file


@st.cache_resource(show_spinner=False)
def _slots() -> Slots:
    """The validation turns of the whole process (``PMG_VALIDATIONS_AT_ONCE``)."""
    return Slots(upload_settings().at_once)


def templates(ctx: Context) -> None:
    """Per table: the empty template and an example (CSV; XLSX with drop-down lists), the
    data dictionary and the valid codes."""
    lang = ctx.lang
    with st.expander(t("upload.templates.title", lang)):
        st.write(t("upload.templates.explanation", lang))
        for name in UPLOADABLE_TABLES:
            st.markdown(f"**{t(f'upload.table.{name}', lang)}**")
            files = list(template_makers(name, ctx.data, lang).items())
            cols = st.columns(4)
            for i, (file_name, make) in enumerate(files):
                cols[i % 4].download_button(
                    file_name, make, file_name=file_name, key=f"data_{file_name}", on_click="ignore"
                )


def prepare_upload(ctx: Context, table: str, name: str, data: bytes, sheet: str | None) -> Prepared:
    ids = frozenset(ctx.data.interventies.get_column("interventie_id").to_list())
    return prepare(
        data,
        name,
        table=TABLES[table],
        gemeenten=ctx.data.gemeenten,
        themas=ctx.data.themas,
        factor_codes=frozenset(ctx.data.factoren.get_column("factor").to_list()),
        sheet=sheet,
        limits=Limits.from_settings(),
        interventie_ids=ids if table == "voortgang" else None,
        references=ctx.data.references(),
    )


def checked_upload(
    ctx: Context, table: str, uploaded: UploadedFile, sheet: str | None
) -> Prepared | None:
    """The report of the uploaded file: made once per file, table and sheet (kept in the
    session for the reruns of the page), in a validation turn; None when no turn came."""
    key = (uploaded.file_id, table, sheet)
    kept = st.session_state.get(CHECKED_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    forget_upload()  # the report of an earlier file goes before this one is read
    settings, lang = upload_settings(), ctx.lang
    notice = st.empty()

    def waiting() -> None:
        notice.info(t("upload.busy.waiting", lang, seconds=round(settings.wait_s)))

    try:
        with _slots().turn(settings.wait_s, waiting), st.spinner(t("upload.checking", lang)):
            prepared = prepare_upload(ctx, table, uploaded.name, uploaded.getvalue(), sheet)
    except Busy as busy:
        notice.empty()
        st.error(t(busy.key, lang, **busy.params))
        return None
    notice.empty()
    st.session_state[CHECKED_KEY] = (key, prepared)
    return prepared


def forget_upload() -> None:
    """Drop the report and the checked frame of the last file, and give the memory back."""
    if st.session_state.pop(CHECKED_KEY, None) is not None:
        release_memory()


def access(ctx: Context, role: auth.Role) -> None:
    """Why uploading needs the analyst role, and how to get it."""
    lang = ctx.lang
    st.info(t("upload.access.why", lang))
    allowed, _ = auth.publish_allowed(signin.config())
    st.markdown(t("upload.access.how" if allowed else "upload.access.how_none", lang))
    if role == "viewer":
        st.caption(t("upload.access.cli", lang))


def preview(ctx: Context, table: str, clean: pl.DataFrame, found: Plan) -> None:
    """Key figures before and after, and the differences with the current version."""
    lang = ctx.lang
    st.subheader(t("upload.preview", lang))
    preview_rows(ctx, table, clean)
    if table == "interventies":
        after = replace(ctx.data, interventies=complete_columns(found.frame, "interventies"))
        layout.rows(headline_rows(ctx.data, after, lang))
    show_diff(found.diff, lang)


def show_diff(diff: Diff, lang: Lang) -> None:
    st.write(
        t("store.diff_summary", lang, n=diff.added.height,
          gewijzigd=diff.changed_rows, verwijderd=diff.removed.height)
    )  # fmt: skip
    for label, frame in (
        ("upload.added", diff.added),
        ("upload.changed", diff.changed),
        ("upload.removed", diff.removed),
    ):
        if not frame.is_empty():
            with st.expander(f"{t(label, lang)} ({frame.height})"):
                layout.rows(frame.head(500))


# --- history ---------------------------------------------------------------------------------


def page(ctx: Context) -> None:
    """The whole upload flow: role, templates, table choice, file, report, preview, publish.

    Uploading and validating need the analyst role: the page without it shows the templates
    and the data dictionary and explains how to get access.
    """
    role = signin.role_panel(ctx.lang)
    templates(ctx)
    if role != "analyst":
        forget_upload()
        access(ctx, role)
        return
    table = st.radio(
        t("upload.which_table", ctx.lang),
        UPLOADABLE_TABLES,
        key="data_tabel",
        horizontal=True,
        format_func=lambda name: t(f"upload.table.{name}", ctx.lang),
    )
    settings = upload_settings()
    uploaded = st.file_uploader(
        t("upload.file", ctx.lang),
        type=["csv", "tsv", "txt", "xlsx"],
        key="data_bestand",
        max_upload_size=settings.max_mb,
        help=t("upload.limits", ctx.lang, mb=settings.max_mb,
               rijen=fmt_int(settings.max_rows, ctx.lang),
               tekens=fmt_int(settings.max_cell, ctx.lang)),
    )  # fmt: skip
    if uploaded is None:
        forget_upload()
        return
    prepared = checked_upload(ctx, table, uploaded, st.session_state.get("data_blad"))
    if prepared is None:
        return
    data = uploaded.getvalue()  # (the bytes of the upload itself, not a copy)
    if [s for s in prepared.dialect.sheets[1:] if s.lower() not in TEMPLATE_SHEET_NAMES]:
        st.selectbox(t("upload.sheet", ctx.lang), prepared.dialect.sheets, key="data_blad")
    report(ctx, prepared, uploaded.name)
    if prepared.clean is not None:
        mode = publish.mode_choice(ctx, table)
        found = publish.plan(ctx, table, prepared.clean, mode)
        if found is not None:
            preview(ctx, table, prepared.clean, found)
            publish.section(ctx, role, table, prepared.clean, found, uploaded.name, data)
