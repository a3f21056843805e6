"""The analyst sign-in: the role of a session, the sign-in panel, the shared passphrase gate.

The role is worked out on every run of every page (``current_role``):

- OIDC (``st.login``): Streamlit keeps the login in an HTTP-only cookie, so it survives a
  reload, a new tab and an opened link; ``st.user`` is read on each run, so a logout or a
  removal from the allow-list counts at once.
- The passphrase: Streamlit has no way to set an HTTP-only cookie from a page, and a token a
  page script writes into the browser (a cookie set by JavaScript, local storage, the URL)
  can be read by any script on the page or travel with a copied link. So the right passphrase
  gives only the session on the server a ``Grant``: the role holds while the browser tab
  keeps its session (every page of the menu, every link inside the dashboard) for at most
  ``SIGNED_IN_HOURS``; a reload or a new tab asks for the passphrase again. The panel and the
  README say so.

The gate (``lib.data.ratelimit.PassphraseGate``) is a ``st.cache_resource``: every session of
the server shares it, so neither a reload nor a new session resets the count of wrong guesses.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Final, Literal

import streamlit as st

from lib.config import trusted_proxies
from lib.contract.codes import Lang
from lib.data import auth
from lib.data.auth_errors import AuthError
from lib.data.ratelimit import PassphraseGate, client_address
from lib.text.formats import fmt_clock
from lib.text.i18n import t
from lib.web import cache

GRANT_KEY: Final = "pmg_analyst_grant"  # the auth.Grant of a right passphrase (this session)
How = Literal["oidc", "passphrase"]


@st.cache_resource(show_spinner=False)
def gate() -> PassphraseGate:
    """The one passphrase gate of this process."""
    return auth.passphrase_gate()


def client() -> str:
    """The address this session's passphrase guesses count against (see ``client_address``)."""
    headers = st.context.headers
    forwarded = headers.get_all("X-Forwarded-For") if headers else []
    peer = st.context.ip_address
    return client_address(peer if isinstance(peer, str) else None, forwarded, trusted_proxies())


def config() -> auth.AuthConfig:
    return auth.AuthConfig.from_secrets(cache.secrets())


def _logged_in(settings: auth.AuthConfig) -> bool:
    return settings.oidc_configured and bool(st.user.get("is_logged_in", False))


def _account(settings: auth.AuthConfig) -> tuple[str | None, tuple[str, ...]]:
    """The e-mail address and the groups (claim ``settings.group_claim``) of the ID token of
    a visitor logged in through single sign-on."""
    email = st.user.get("email")
    groups = auth.claimed_groups(st.user.get(settings.group_claim))
    return (str(email) if email else None), groups


def current_role(settings: auth.AuthConfig) -> tuple[auth.Role, How | None]:
    """The role of this session now, and how it was given: read from ``st.user`` (OIDC: the
    allow-list or an analyst group) and the session's passphrase grant on every run."""
    if _logged_in(settings):
        email, groups = _account(settings)
        found = auth.role_for(settings, email=email, logged_in=True, passphrase=None,
                              groups=groups)  # fmt: skip
        if found == "analyst":
            return "analyst", "oidc"
    kept = st.session_state.get(GRANT_KEY)
    if auth.grant_holds(kept, settings, now=time.time()):
        return "analyst", "passphrase"
    st.session_state.pop(GRANT_KEY, None)  # expired, or made for another passphrase
    return "viewer", None


def _try_passphrase(settings: auth.AuthConfig, phrase: str, lang: Lang) -> bool:
    """Check a passphrase through the shared gate; on success keep a grant in the session."""
    try:
        role = auth.role_for(settings, email=None, logged_in=False, passphrase=phrase,
                             gate=gate(), client=client())  # fmt: skip
    except AuthError as error:  # too many wrong guesses, or checks busy
        st.error(t(error.key, lang, **error.params))
        return False
    if role == "analyst":
        st.session_state[GRANT_KEY] = auth.grant(settings, now=time.time())
        return True
    if phrase:
        st.error(t("auth.wrong_passphrase", lang))
    return False


def _sign_out() -> None:
    st.session_state.pop(GRANT_KEY, None)


def _sign_in_forms(settings: auth.AuthConfig, lang: Lang) -> bool:
    """The OIDC login button and the passphrase form; True when the passphrase was right."""
    if settings.oidc_configured and not _logged_in(settings):
        st.button(t("upload.login.button", lang), on_click=st.login, key="data_login")
    if settings.passphrase_hash is None:
        return False
    signed_in = False
    with st.form("data_wachtwoord", clear_on_submit=True):
        phrase = st.text_input(t("upload.login.passphrase", lang), type="password")
        if st.form_submit_button(t("upload.login.submit", lang)):
            signed_in = _try_passphrase(settings, phrase, lang)
    if not signed_in:
        st.caption(t("upload.login.tab_only", lang, uren=auth.SIGNED_IN_HOURS))
    return signed_in


def role_panel(lang: Lang) -> auth.Role:
    """Who is working: single sign-on (allow-list or analyst group) or the analyst
    passphrase; else a viewer. A logged-in visitor sees the account and can log out; a
    passphrase sign-in says how long it lasts, and offers to sign out."""
    settings = config()
    allowed, reason = auth.publish_allowed(settings)
    role, how = current_role(settings)
    st.caption(t(reason, lang))
    if _logged_in(settings):
        email, _ = _account(settings)
        st.caption(t("upload.login.signed_in", lang, email=email or "?"))
        st.button(t("upload.login.logout", lang), on_click=st.logout, key="data_logout")
        if role == "viewer":
            st.warning(t("auth.not_listed", lang, email=email or "?"))
    if allowed and role == "viewer" and _sign_in_forms(settings, lang):
        st.rerun()  # draw the page again as an analyst, without the sign-in form
    st.caption(f"{t('upload.login.role', lang)}: {t(f'auth.role.{role}', lang)}")
    if how == "passphrase":
        kept = st.session_state[GRANT_KEY]
        until = datetime.fromtimestamp(kept.since + auth.SIGNED_IN_HOURS * 3600, tz=UTC)
        st.caption(t("upload.login.until", lang, tijd=fmt_clock(until, lang)))
        st.button(t("upload.login.sign_out", lang), on_click=_sign_out, key="data_afmelden")
    return role
