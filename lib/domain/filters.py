"""The shared selection: a ``Filters`` value and its URL query-string form.

Plain Python. The sidebar (``lib.ui``) turns widgets into ``Filters`` and mirrors it in
``st.query_params``; this module does the conversion both ways, with codes (not labels) in the
URL so that a link works in either language and survives a change of labels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, get_args

Botoc = Literal["alle", "ja", "nee"]
BOTOC_OPTIONS: tuple[Botoc, ...] = get_args(Botoc)


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty tuple means 'all'."""

    gemeenten: tuple[str, ...] = ()
    golven: tuple[str, ...] = ()
    botoc: Botoc = "alle"
    themas: tuple[str, ...] = ()
    statussen: tuple[str, ...] = ()
    doelgroepen: tuple[str, ...] = ()
    domeinen: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def with_gemeente(self, code: str) -> Filters:
        return replace(self, gemeenten=(code,))
