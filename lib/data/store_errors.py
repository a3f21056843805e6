"""Why the store refuses an operation: one ``KeyedError`` per reason, worded in the catalogue.

``key`` and ``params`` give the message (``t(err.key, lang, **err.params)``); the exception
text is for logs.
"""

from __future__ import annotations

from typing import ClassVar

from lib.errors import KeyedError


class StoreError(KeyedError):
    """A store operation was refused; ``key`` and ``params`` give the message."""

    default_key: ClassVar[str] = "store.error"


class StoreBusy(StoreError):
    """Another publication holds the lock for longer than the timeout."""

    default_key = "store.busy"


class CommentRequired(StoreError):
    default_key = "store.comment_required"


class WhoRequired(StoreError):
    default_key = "store.who_required"


class UnknownTable(StoreError):
    default_key = "store.unknown_table"


class UnknownVersion(StoreError):
    default_key = "store.unknown_version"


class EmptyStore(StoreError):
    """No version exists yet: call ``ensure_base`` first."""

    default_key = "store.empty"


class UnsupportedFrame(StoreError):
    """The frame cannot be stored exactly (types, reserved names, mismatched columns)."""

    default_key = "store.unsupported_dtype"


class ScopeError(StoreError):
    """A partial (``gemeenten``) publication cannot be worked out."""

    default_key = "store.scope_unsupported"
