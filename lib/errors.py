"""One error shape for refusals a user may see: an i18n ``key`` plus ``params``."""

from __future__ import annotations

from typing import ClassVar


class KeyedError(Exception):
    """Refused for a reason the user may see; ``t(err.key, lang, **err.params)`` says why."""

    default_key: ClassVar[str] = "error"

    def __init__(self, detail: str = "", *, key: str | None = None, **params: object) -> None:
        self.key: str = key or self.default_key
        self.params: dict[str, object] = params
        super().__init__(detail or self.key)
