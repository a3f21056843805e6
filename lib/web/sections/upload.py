"""Streamlit fragments of the Data and Versies pages: upload, report, preview, publish, history.

Uploaded text is only ever shown through ``st.dataframe``/``st.text``/``st.code`` (plain text),
never through Markdown or HTML. Publishing and restoring go through ``lib.data.auth.guarded_*``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import polars as pl
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.config import upload_settings
from lib.contract.codes import Lang
from lib.contract.resources import BASE_TABLES
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import auth
from lib.data.auth_errors import AuthError
from lib.data.catalog import Dataset, complete_columns
from lib.data.diff import Diff
from lib.data.ingest.limits import Limits
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.ingest.slots import Busy, Slots, release_memory
from lib.data.store import Scope, checksum_bytes
from lib.data.store_errors import StoreError
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.errors import KeyedError
from lib.exports.tables import csv_bytes
from lib.exports.templates import template_makers
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.reports import describe_dialect, issues_frame
from lib.web import cache, layout, signin
from lib.web.cache import bundled_dataset, store
from lib.web.state import Context

ROLE_KEY = "pmg_role"
CHECKED_KEY = "data_gecontroleerd"  # (file id, table, sheet) and the Prepared of that file


@st.cache_resource(show_spinner=False)
def _slots() -> Slots:
    """The validation turns of the whole process (``PMG_VALIDATIONS_AT_ONCE``)."""
    return Slots(upload_settings().at_once)


def _config() -> auth.AuthConfig:
    return auth.AuthConfig.from_secrets(cache.secrets())


def role_panel(ctx: Context) -> auth.Role:
    """Who is working: OIDC login (allow-list) or the analyst passphrase; else a viewer."""
    lang, config = ctx.lang, _config()
    allowed, reason = auth.publish_allowed(config)
    logged_in = bool(st.user.get("is_logged_in", False)) if config.oidc_configured else False
    email = str(st.user.get("email", "")) if logged_in else None
    role: auth.Role = st.session_state.get(ROLE_KEY, "viewer")
    if role == "viewer" and logged_in:
        role = auth.role_for(config, email=email, logged_in=True, passphrase=None)
    st.caption(t(reason, lang))
    if allowed and role == "viewer":
        if config.oidc_configured and not logged_in:
            st.button(t("upload.login.button", lang), on_click=st.login, key="data_login")
        if config.passphrase_hash is not None:
            with st.form("data_wachtwoord", clear_on_submit=True):
                phrase = st.text_input(t("upload.login.passphrase", lang), type="password")
                if st.form_submit_button(t("upload.login.submit", lang)):
                    try:
                        role = auth.role_for(config, email=email, logged_in=logged_in,
                                             passphrase=phrase, gate=signin.gate(),
                                             client=signin.client())  # fmt: skip
                    except AuthError as error:  # too many wrong guesses, or checks busy
                        st.error(t(error.key, lang, **error.params))
                    else:
                        if role == "viewer" and phrase:
                            st.error(t("auth.wrong_passphrase", lang))
    st.session_state[ROLE_KEY] = role
    st.caption(f"{t('upload.login.role', lang)}: {t(f'auth.role.{role}', lang)}")
    return role


def templates(ctx: Context) -> None:
    lang = ctx.lang
    with st.expander(t("upload.templates.title", lang)):
        st.write(t("upload.templates.explanation", lang))
        for name in UPLOADABLE_TABLES:
            sample = ctx.data.uploadable()[name]
            if sample.is_empty():
                files = {
                    k: v
                    for k, v in template_makers(name, _empty(name), lang).items()
                    if "voorbeeld" not in k
                }
            else:
                files = template_makers(name, sample, lang)
            cols = st.columns(len(files))
            for col, (file_name, make) in zip(cols, files.items(), strict=True):
                col.download_button(
                    file_name, make, file_name=file_name, key=f"data_{file_name}", on_click="ignore"
                )


def _empty(name: str) -> pl.DataFrame:
    return pl.DataFrame(schema=dict.fromkeys(TABLES[name].names, pl.String))


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
    allowed, _ = auth.publish_allowed(_config())
    st.markdown(t("upload.access.how" if allowed else "upload.access.how_none", lang))
    if role == "viewer":
        st.caption(t("upload.access.cli", lang))


def report(ctx: Context, prepared: Prepared, file_name: str) -> None:
    """How the file was read, which values were translated, and every problem."""
    lang = ctx.lang
    pairs = describe_dialect(prepared.dialect, lang)
    with st.expander(t("upload.dialect.title", lang), expanded=True):
        layout.rows(pl.DataFrame(pairs, schema=["", " "], orient="row"))
        if prepared.rows_dropped_empty:
            st.caption(t("upload.dialect.empty_rows", lang, n=prepared.rows_dropped_empty))
    if prepared.applied:
        with st.expander(t("upload.dialect.translated_title", lang)):
            applied = pl.DataFrame(
                [(a.column, a.original, a.code, a.count) for a in prepared.applied],
                schema=["kolom", "origineel", "code", "aantal"],
                orient="row",
            )
            layout.rows(applied)
    issues = issues_frame(prepared.report, lang)
    errors, warnings = len(prepared.report.errors), len(prepared.report.warnings)
    counted = {
        "fouten": t("count.errors", lang, n=errors),
        "waarschuwingen": t("count.warnings", lang, n=warnings),
    }
    if errors:
        st.error(t("upload.result.errors", lang, **counted))
    elif warnings:
        st.warning(t("upload.result.warnings", lang, **counted))
    else:
        st.success(t("upload.result.valid", lang))
    if not issues.is_empty():
        shown = issues.with_columns(
            pl.col("severity").replace_strict(
                {
                    "error": t("upload.report.severity_error", lang),
                    "warning": t("upload.report.severity_warning", lang),
                }
            )
        ).select(
            pl.col("row").alias(t("upload.report.row", lang)),
            pl.col("column").alias(t("upload.report.column", lang)),
            pl.col("value").alias(t("upload.report.value", lang)),
            pl.col("severity").alias(t("upload.report.severity", lang)),
            pl.col("message").alias(t("upload.report.message", lang)),
        )
        layout.rows(shown)
        st.download_button(
            t("upload.report.download", lang),
            csv_bytes(issues, lang=lang),
            file_name=f"{file_name}.rapport.csv",
            mime="text/csv",
            key="data_rapport",
        )


def _figures(data: Dataset, lang: Lang) -> list[str]:
    head = metrics.headline(select(data, Filters()))
    return [
        fmt_int(head.n_interventies, lang),
        fmt_pct(head.rate, lang),
        f"{head.gedekt}/{head.totaal_sterk}",
    ]


def _headline_rows(before: Dataset, after: Dataset, lang: Lang) -> pl.DataFrame:
    """The key figures of the whole programme now and after publishing."""
    labels = [
        t(k, lang) for k in ("kpi.interventies", "kpi.execution_rate.label", "kpi.coverage.label")
    ]
    return pl.DataFrame(
        {
            "": labels,
            t("upload.before", lang): _figures(before, lang),
            t("upload.after", lang): _figures(after, lang),
        }
    )


def _base_tables() -> dict[str, pl.DataFrame]:
    return bundled_dataset().uploadable()


def preview(ctx: Context, table: str, clean: pl.DataFrame, scope: Scope) -> Diff | None:
    """Key figures before and after, and the differences with the current version."""
    lang = ctx.lang
    target = store()
    target.ensure_base(_base_tables(), comment=t("store.base_comment", lang))
    try:
        candidate = target.candidate(table, clean, scope=scope)
        diff = target.preview(table, clean, scope=scope)
    except StoreError as error:
        st.error(t(error.key, lang, **error.params))
        return None
    st.subheader(t("upload.preview", lang))
    layout.rows(clean.head(200))
    if table == "interventies":
        after = replace(ctx.data, interventies=complete_columns(candidate, "interventies"))
        layout.rows(_headline_rows(ctx.data, after, lang))
    show_diff(diff, lang)
    return diff


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


def publish_form(
    ctx: Context, role: auth.Role, table: str, clean: pl.DataFrame, scope: Scope,
    file_name: str, data: bytes,
) -> None:  # fmt: skip
    lang = ctx.lang
    with st.form("data_publiceren"):
        comment = st.text_area(t("upload.comment", lang), key="data_opmerking")
        who = st.text_input(t("upload.who", lang), value=current_user(), key="data_wie")
        submitted = st.form_submit_button(
            t("upload.publish", lang), type="primary", disabled=role != "analyst"
        )
    if role != "analyst":
        st.info(t("upload.analysts_only", lang))
    if submitted:
        try:
            version = auth.guarded_publish(
                store(), role, table, clean, who=who, comment=comment, source_name=file_name,
                checksum=checksum_bytes(data), scope=scope,
            )  # fmt: skip
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        st.success(t("upload.published", lang, versie=version))


def current_user() -> str:
    if st.user.get("is_logged_in", False):
        return str(st.user.get("email", ""))
    return ""


def scope_choice(ctx: Context) -> Scope:
    choice: Literal["alles", "gemeenten"] = st.radio(
        t("upload.scope", ctx.lang),
        ["alles", "gemeenten"],
        format_func=lambda s: t(f"store.scope.{s}", ctx.lang),
        key="data_scope",
        horizontal=True,
    )
    return choice


# --- history ---------------------------------------------------------------------------------


def page(ctx: Context) -> None:
    """The whole upload flow: role, templates, table choice, file, report, preview, publish.

    Uploading and validating need the analyst role: the page without it shows the templates
    and the data dictionary and explains how to get access.
    """
    role = role_panel(ctx)
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
    if len(prepared.dialect.sheets) > 1:
        st.selectbox(t("upload.sheet", ctx.lang), prepared.dialect.sheets, key="data_blad")
    report(ctx, prepared, uploaded.name)
    if prepared.clean is not None:
        scope: Scope = scope_choice(ctx) if table in BASE_TABLES else "alles"
        if preview(ctx, table, prepared.clean, scope) is not None:
            publish_form(ctx, role, table, prepared.clean, scope, uploaded.name, data)
