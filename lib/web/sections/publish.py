"""The publish part of the Data page, and who a publication or a restore records.

The analyst chooses what the file does to the table (``lib.data.modes``; the safest,
*add and update*, is the default), sees what changes per municipality above the button and
confirms any removal: a box that names the number, and for more than half of the table the
number typed as well. The store works the publication out again inside its lock and refuses a
removal whose exact number was not confirmed, or a file that changes nothing (so a second click
makes no second version). After a publication or a restore the page runs again at once, and
every page shows the new version (``lib.web.cache`` keys the dataset by the store's log).
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from lib.contract.resources import BASE_TABLES
from lib.data import auth, modes
from lib.data.modes import Mode, NothingChanged, Plan
from lib.data.store import checksum_bytes
from lib.errors import KeyedError
from lib.text.formats import fmt_int
from lib.text.i18n import t
from lib.text.publishing import changes_table, municipality_names, removals_confirmed
from lib.web import cache, layout
from lib.web.state import VERSION_KEY, Context

MODE_KEY = "data_modus"
FLASH_KEY = "pmg_gemeld"  # (kind, text) to show after the rerun that follows a publication


def recorded_who() -> str:
    """Who is signed in, as a publication or restore records it (``auth.who_for``)."""
    config = auth.AuthConfig.from_secrets(cache.secrets())
    logged_in = bool(st.user.get("is_logged_in", False)) if config.oidc_configured else False
    email = str(st.user.get("email", "")) if logged_in else None
    return auth.who_for(email=email, logged_in=logged_in)


def flash(kind: str, text: str) -> None:
    """Say ``text`` after the rerun that shows the new version."""
    st.session_state[FLASH_KEY] = (kind, text)


def show_flash() -> None:
    """The message of the last publication or restore, once."""
    said = st.session_state.pop(FLASH_KEY, None)
    if said is None:
        return
    kind, text = said
    (st.success if kind == "success" else st.info)(text)


def refresh() -> None:
    """Show the current version everywhere: leave a read-only view of an old version, ask the
    store again at once (not after ``PMG_VERSION_CHECK_S``), then run the page again."""
    st.session_state.pop(VERSION_KEY, None)
    cache.version_changed()
    st.rerun()


def mode_choice(ctx: Context, table: str) -> Mode:
    """What the file does to the table; a context table is always replaced whole."""
    lang = ctx.lang
    if table not in BASE_TABLES:
        st.caption(t("publish.whole_table", lang))
        return "alles"
    mode: Mode = st.radio(
        t("upload.scope", lang),
        modes.modes_for(table),
        format_func=lambda m: t(f"store.scope.{m}", lang),
        key=MODE_KEY,
    )
    st.caption(t(f"publish.mode_help.{mode}", lang, sleutel=t(f"publish.key.{table}", lang)))
    return mode


def baseline(table: str) -> pl.DataFrame:
    """What the dashboard shows of ``table`` while no version holds it: the bundled table."""
    return cache.bundled_dataset().uploadable()[table]


def plan(ctx: Context, table: str, clean: pl.DataFrame, mode: Mode) -> Plan | None:
    """What publishing ``clean`` would do now; None after saying why it cannot."""
    lang = ctx.lang
    target = cache.store()
    target.ensure_base(cache.bundled_dataset().uploadable(), comment=t("store.base_comment", lang))
    try:
        return target.plan(table, clean, scope=mode, baseline=baseline(table))
    except KeyedError as error:  # rows that exist, a duplicate, a damaged version, ...
        st.error(t(error.key, lang, **error.params))
        return None


def changes(ctx: Context, found: Plan) -> None:
    """What changes per municipality, by name, with the total."""
    lang = ctx.lang
    st.subheader(t("publish.changes", lang))
    context = ctx.data.context.get("bevolking")
    names = municipality_names(ctx.data.gemeenten, *([] if context is None else [context]))
    layout.rows(changes_table(found.changes, names, lang))


def confirmation(ctx: Context, found: Plan, version: int) -> bool:
    """The confirmation of removals (widgets keyed by version and number, so that another
    preview never inherits a tick); True when the button may work."""
    lang, n = ctx.lang, found.removed
    if n == 0:
        return True
    st.warning(t("publish.removal", lang, n=n, totaal=fmt_int(found.before_rows, lang)))
    ticked = st.checkbox(t("publish.confirm", lang, n=n), key=f"data_bevestig_{version}_{n}")
    typed = ""
    if found.needs_typed_number:
        st.caption(t("publish.more_than_half", lang))
        typed = st.text_input(t("publish.type_label", lang), key=f"data_aantal_{version}_{n}")
        if typed.strip() and not removals_confirmed(found, ticked=True, typed=typed):
            st.caption(t("publish.typed_wrong", lang))
    return removals_confirmed(found, ticked=ticked, typed=typed)


def section(
    ctx: Context, role: auth.Role, table: str, clean: pl.DataFrame, found: Plan,
    file_name: str, data: bytes,
) -> None:  # fmt: skip
    """Above the button what changes and the confirmation; then comment and button."""
    lang = ctx.lang
    show_flash()
    changes(ctx, found)
    version = cache.store().current_version() or 0
    if found.identical:
        st.info(t("publish.identical", lang, versie=version))
        return
    ready = confirmation(ctx, found, version)
    with st.form("data_publiceren"):
        comment = st.text_area(t("upload.comment", lang), key="data_opmerking")
        st.caption(t("upload.recorded_as", lang, wie=recorded_who()))
        submitted = st.form_submit_button(
            t("upload.publish", lang), type="primary", disabled=role != "analyst" or not ready
        )
    if role != "analyst":
        st.info(t("upload.analysts_only", lang))
    elif not ready:
        st.caption(t("publish.blocked", lang))
    if submitted:
        publish(ctx, role, table, clean, found, comment, file_name, data, ready=ready)


def publish(
    ctx: Context, role: auth.Role, table: str, clean: pl.DataFrame, found: Plan, comment: str,
    file_name: str, data: bytes, *, ready: bool,
) -> None:  # fmt: skip
    """Publish, worked out again inside the store's lock; then show the new version."""
    lang = ctx.lang
    try:
        with st.spinner(t("publish.publishing", lang)):
            version = auth.guarded_publish(
                cache.store(), role, table, clean, who=recorded_who(), comment=comment,
                source_name=file_name, checksum=checksum_bytes(data), scope=found.mode,
                removals=found.removed if ready else 0, baseline=baseline(table),
            )  # fmt: skip
    except NothingChanged as same:  # a second click, or another analyst was first
        st.info(t(same.key, lang, **same.params))
        return
    except KeyedError as error:
        st.error(t(error.key, lang, **error.params))
        return
    flash("success", t("upload.published", lang, versie=version))
    refresh()
