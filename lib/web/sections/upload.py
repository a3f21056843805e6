"""Streamlit fragments of the Data and Versies pages: upload, report, preview, publish, history.

Uploaded text is only ever shown through ``st.dataframe``/``st.text``/``st.code`` (plain text),
never through Markdown or HTML. Publishing and restoring go through ``lib.data.auth.guarded_*``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import auth
from lib.data.catalog import Dataset, complete_columns
from lib.data.diff import Diff
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.store import Scope, Store, checksum_bytes
from lib.data.store_errors import StoreError
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.errors import KeyedError
from lib.exports.tables import csv_bytes
from lib.exports.templates import template_makers
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.reports import describe_dialect, issues_frame
from lib.web.cache import bundled_dataset, store
from lib.web.layout import VIEW_KEY, Context

ROLE_KEY = "pmg_role"


@st.cache_resource(show_spinner=False)
def _limiter() -> auth.RateLimiter:
    """One limiter for the whole process, shared by all sessions."""
    return auth.RateLimiter()


def _config() -> auth.AuthConfig:
    try:
        return auth.AuthConfig.from_secrets(st.secrets.to_dict())
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return auth.AuthConfig()


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
            st.button(t("data.inloggen", lang), on_click=st.login, key="data_login")
        if config.passphrase_hash is not None:
            with st.form("data_wachtwoord", clear_on_submit=True):
                phrase = st.text_input(t("data.wachtwoord", lang), type="password")
                if st.form_submit_button(t("data.aanmelden", lang)):
                    try:
                        role = auth.role_for(config, email=email, logged_in=logged_in,
                                             passphrase=phrase, limiter=_limiter(),
                                             client_key=_client_key())  # fmt: skip
                    except auth.RateLimited as error:
                        st.error(t(error.key, lang, **error.params))
                    if role == "viewer" and phrase:
                        st.error(t("auth.wrong_passphrase", lang))
    st.session_state[ROLE_KEY] = role
    st.caption(f"{t('data.rol', lang)}: {t(f'auth.role.{role}', lang)}")
    return role


def _client_key() -> str:
    ctx = st.runtime.scriptrunner.get_script_run_ctx()
    return ctx.session_id if ctx is not None else "anonymous"


def templates(ctx: Context) -> None:
    lang = ctx.lang
    with st.expander(t("data.sjablonen", lang)):
        st.write(t("data.sjablonen.uitleg", lang))
        for name in UPLOADABLE_TABLES:
            sample = ctx.data.interventies if name == "interventies" else ctx.data.voortgang
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
        interventie_ids=ids if table == "voortgang" else None,
    )


def report(ctx: Context, prepared: Prepared, file_name: str) -> None:
    """How the file was read, which values were translated, and every problem."""
    lang = ctx.lang
    pairs = describe_dialect(prepared.dialect, lang)
    with st.expander(t("upload.dialect.kop", lang), expanded=True):
        st.dataframe(
            pl.DataFrame(pairs, schema=["", " "], orient="row"), hide_index=True, width="stretch"
        )
        if prepared.rows_dropped_empty:
            st.caption(t("upload.leeg.rijen", lang, n=prepared.rows_dropped_empty))
    if prepared.applied:
        with st.expander(t("upload.vertaald.kop", lang)):
            applied = pl.DataFrame(
                [(a.column, a.original, a.code, a.count) for a in prepared.applied],
                schema=["kolom", "origineel", "code", "aantal"],
                orient="row",
            )
            st.dataframe(applied, hide_index=True, width="stretch")
    issues = issues_frame(prepared.report, lang)
    errors, warnings = len(prepared.report.errors), len(prepared.report.warnings)
    if errors:
        st.error(t("data.fouten", lang, fouten=errors, waarschuwingen=warnings))
    elif warnings:
        st.warning(t("data.waarschuwingen", lang, waarschuwingen=warnings))
    else:
        st.success(t("data.geldig", lang))
    if not issues.is_empty():
        shown = issues.with_columns(
            pl.col("severity").replace_strict(
                {"error": t("upload.ernst.error", lang), "warning": t("upload.ernst.warning", lang)}
            )
        ).select(
            pl.col("row").alias(t("upload.rapport.rij", lang)),
            pl.col("column").alias(t("upload.rapport.kolom", lang)),
            pl.col("value").alias(t("upload.rapport.waarde", lang)),
            pl.col("severity").alias(t("upload.rapport.ernst", lang)),
            pl.col("message").alias(t("upload.rapport.melding", lang)),
        )
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button(
            t("data.rapport.download", lang),
            csv_bytes(issues, lang=lang),
            file_name=f"{file_name}.rapport.csv",
            mime="text/csv",
            key="data_rapport",
        )


def _figures(data: Dataset, lang: Lang) -> list[str]:
    head = metrics.headline(metrics.select(data, Filters()))
    return [
        fmt_int(head.n_interventies, lang),
        fmt_pct(head.rate, lang),
        f"{head.gedekt}/{head.totaal_sterk}",
    ]


def _headline_rows(before: Dataset, after: Dataset, lang: Lang) -> pl.DataFrame:
    """The key figures of the whole programme now and after publishing."""
    labels = [t(k, lang) for k in ("kpi.interventies", "kpi.uitvoeringsgraad", "kpi.dekking")]
    return pl.DataFrame(
        {
            "": labels,
            t("data.voor", lang): _figures(before, lang),
            t("data.na", lang): _figures(after, lang),
        }
    )


def _base_tables() -> dict[str, pl.DataFrame]:
    return bundled_dataset().uploadable()


def preview(ctx: Context, table: str, clean: pl.DataFrame, scope: Scope) -> Diff | None:
    """Key figures before and after, and the differences with the current version."""
    lang = ctx.lang
    target = store()
    target.ensure_base(_base_tables(), comment=t("store.basis", lang))
    try:
        candidate = target.candidate(table, clean, scope=scope)
        diff = target.preview(table, clean, scope=scope)
    except StoreError as error:
        st.error(t(error.key, lang, **error.params))
        return None
    st.subheader(t("data.voorbeeld", lang))
    st.dataframe(clean.head(200), hide_index=True, width="stretch")
    if table == "interventies":
        after = replace(ctx.data, interventies=complete_columns(candidate, "interventies"))
        st.dataframe(_headline_rows(ctx.data, after, lang), hide_index=True, width="stretch")
    show_diff(diff, lang)
    return diff


def show_diff(diff: Diff, lang: Lang) -> None:
    st.write(
        t("store.diff.samenvatting", lang, toegevoegd=diff.added.height,
          gewijzigd=diff.changed_rows, verwijderd=diff.removed.height)
    )  # fmt: skip
    for label, frame in (
        ("data.toegevoegd", diff.added),
        ("data.gewijzigd", diff.changed),
        ("data.verwijderd", diff.removed),
    ):
        if not frame.is_empty():
            with st.expander(f"{t(label, lang)} ({frame.height})"):
                st.dataframe(frame.head(500), hide_index=True, width="stretch")


def publish_form(
    ctx: Context, role: auth.Role, table: str, clean: pl.DataFrame, scope: Scope,
    file_name: str, data: bytes,
) -> None:  # fmt: skip
    lang = ctx.lang
    with st.form("data_publiceren"):
        comment = st.text_area(t("data.opmerking", lang), key="data_opmerking")
        who = st.text_input(t("data.wie", lang), value=_who(), key="data_wie")
        submitted = st.form_submit_button(
            t("data.publiceren", lang), type="primary", disabled=role != "analyst"
        )
    if role != "analyst":
        st.info(t("data.alleen_analisten", lang))
    if submitted:
        try:
            version = auth.guarded_publish(
                store(), role, table, clean, who=who, comment=comment, source_name=file_name,
                checksum=checksum_bytes(data), scope=scope,
            )  # fmt: skip
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        st.success(t("data.gepubliceerd", lang, versie=version))


def _who() -> str:
    if st.user.get("is_logged_in", False):
        return str(st.user.get("email", ""))
    return ""


def scope_choice(ctx: Context) -> Scope:
    choice: Literal["alles", "gemeenten"] = st.radio(
        t("data.reikwijdte", ctx.lang),
        ["alles", "gemeenten"],
        format_func=lambda s: t(f"store.scope.{s}", ctx.lang),
        key="data_scope",
        horizontal=True,
    )
    return choice


# --- history ---------------------------------------------------------------------------------


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
    current = st.session_state.get(VIEW_KEY)
    choice = st.selectbox(t("versies.bekijk", lang), versions, key="versies_bekijk",
                          index=versions.index(current) if current in versions else 0)  # fmt: skip
    cols = st.columns(2)
    if cols[0].button(t("versies.bekijk.knop", lang), key="versies_bekijk_knop"):
        st.session_state[VIEW_KEY] = choice
        st.rerun()
    if current is not None and cols[1].button(t("versies.terug", lang), key="versies_terug"):
        st.session_state.pop(VIEW_KEY, None)
        st.rerun()


def compare(ctx: Context, target: Store, versions: list[int]) -> None:
    lang = ctx.lang
    cols = st.columns(2)
    old = cols[0].selectbox(t("versies.oud", lang), versions, index=min(1, len(versions) - 1),
                            key="versies_oud")  # fmt: skip
    new = cols[1].selectbox(t("versies.nieuw", lang), versions, index=0, key="versies_nieuw")
    show_diff(target.diff("interventies", old, new), lang)


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
            new = auth.guarded_rollback(target, role, version, who=_who() or "analist",
                                        comment=comment)  # fmt: skip
        except KeyedError as error:
            st.error(t(error.key, lang, **error.params))
            return
        st.success(t("cli.hersteld", lang, oud=version, versie=new))
