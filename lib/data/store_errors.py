"""Why the store refuses an operation: one ``KeyedError`` per reason, worded in the catalogue.

``key`` and ``params`` give the message (``t(err.key, lang, **err.params)``); the exception
text is for logs.
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal

from lib.errors import KeyedError

DamageReason = Literal[
    "checksum", "missing_file", "unreadable", "corrupt", "log", "manifest", "timeout", "missing",
    "history",
]  # fmt: skip
"""Why a version cannot be read as it was published (``DamagedVersion.reason``)."""

DAMAGE_KEYS: Final[dict[DamageReason, str]] = {
    "checksum": "store.damaged.checksum",
    "missing_file": "store.damaged.missing_file",
    "unreadable": "store.damaged.unreadable",
    "corrupt": "store.damaged.corrupt",
    "log": "store.damaged.log",
    "manifest": "store.damaged.manifest",
    "timeout": "store.damaged.timeout",
    "missing": "store.damaged.missing",
    "history": "store.damaged.history",
}


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


class DamagedVersion(StoreError):
    """A version, or the list of versions, cannot be read as it was published.

    ``reason`` says what is wrong, ``version`` which version (None: unknown), and ``table``
    and ``pin`` which table version when one is to blame (to skip it in other versions).
    """

    default_key = "store.damaged.checksum"

    def __init__(
        self,
        detail: str = "",
        *,
        reason: DamageReason,
        version: int | None,
        table: str | None = None,
        pin: int | None = None,
    ) -> None:
        number = "?" if version is None else version
        super().__init__(detail, key=DAMAGE_KEYS[reason], versie=number)
        self.reason: DamageReason = reason
        self.version = version
        self.table = table
        self.pin = pin


class ReadOnlyStore(StoreError):
    """A publication is refused: the newest version or the list of versions is damaged."""

    default_key = "store.read_only"
