"""The analyst sign-in's shared state: one passphrase gate per process, the client's address.

The gate (``lib.data.ratelimit.PassphraseGate``) is a ``st.cache_resource``: every session of
the server shares it, so neither a reload nor a new session resets the count of wrong guesses.
"""

from __future__ import annotations

import streamlit as st

from lib.config import trusted_proxies
from lib.data import auth
from lib.data.ratelimit import PassphraseGate, client_address


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
