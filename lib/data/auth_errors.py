"""Why a sign-in or a guarded action is refused: one ``KeyedError`` per reason.

``key`` and ``params`` give the message (``t(err.key, lang, **err.params)``); the exception text
is for logs.
"""

from __future__ import annotations

from typing import ClassVar

from lib.errors import KeyedError


class AuthError(KeyedError):
    """Refused for a reason the user may see; ``key`` and ``params`` give the message."""

    default_key: ClassVar[str] = "auth.error"


class NotAllowed(AuthError):
    """The role may not publish or restore."""

    default_key = "auth.not_allowed"


class RateLimited(AuthError):
    """Too many wrong passphrases; ``params["n"]`` seconds until a retry is accepted.

    ``auth.rate_limited``: from this client address; ``auth.rate_limited_server``: from all
    clients together (the limit of the whole server).
    """

    default_key = "auth.rate_limited"


class PassphraseBusy(AuthError):
    """Every passphrase check the server allows at once is running; try again in ``n`` s."""

    default_key = "auth.busy"
