"""The shared selection: a ``Filters`` value and its URL query-string form.

Plain Python. The sidebar (``lib.ui``) turns widgets into ``Filters`` and mirrors it in
``st.query_params``; this module does the conversion both ways, with codes (not labels) in the
URL so that a link works in either language and survives a change of labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal, get_args

from lib.contract.codes import (
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    LANGS,
    STATUSSEN,
    THEMAS,
    Lang,
    as_lang,
)
from lib.contract.schema import GEMEENTECODE_PATTERN

Botoc = Literal["alle", "ja", "nee"]
BOTOC_OPTIONS: tuple[Botoc, ...] = get_args(Botoc)

# query-string name -> (Filters field, allowed codes or None for a pattern check)
PARAMS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "gemeente": ("gemeenten", None),
    "golf": ("golven", GOLVEN),
    "thema": ("themas", THEMAS),
    "status": ("statussen", STATUSSEN),
    "doelgroep": ("doelgroepen", DOELGROEPEN),
    "domein": ("domeinen", DOMEINEN),
}
MAX_VALUES = 400


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


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def to_query(filters: Filters, lang: Lang) -> dict[str, str | list[str]]:
    """The query-string form: only what differs from the default, codes in a stable order."""
    query: dict[str, str | list[str]] = {}
    if lang != "nl":
        query["lang"] = lang
    for param, (attr, _) in PARAMS.items():
        values = getattr(filters, attr)
        if values:
            query[param] = list(values)
    if filters.botoc != "alle":
        query["botoc"] = filters.botoc
    return query


def from_query(
    params: Mapping[str, str | list[str]],
    *,
    gemeentecodes: Iterable[str] | None = None,
) -> tuple[Filters, Lang, list[str]]:
    """Read filters and language from a query string; unknown values are dropped and named.

    Returns the filters, the language and the names of the parameters that had a value that
    was ignored, so the page can say so. Never raises on user input.
    """
    ignored: list[str] = []
    known_codes = frozenset(gemeentecodes) if gemeentecodes is not None else None
    values: dict[str, object] = {}
    pattern = re.compile(GEMEENTECODE_PATTERN)
    for param, (attr, allowed) in PARAMS.items():
        if param not in params:
            continue
        given = list(dict.fromkeys(_as_list(params[param])))
        raw = [v.strip() for v in given[:MAX_VALUES] if v.strip()]
        if len(given) > MAX_VALUES:
            ignored.append(param)
        if allowed is None:
            ok = [
                v.upper()
                for v in raw
                if pattern.match(v.upper()) and (known_codes is None or v.upper() in known_codes)
            ]
        else:
            ok = [v for v in raw if v in allowed]
        if len(ok) != len(raw) and param not in ignored:
            ignored.append(param)
        values[attr] = _unique(ok)
    if "botoc" in params:
        raw_botoc = _as_list(params["botoc"])
        botoc = raw_botoc[-1] if raw_botoc else "alle"
        if botoc in BOTOC_OPTIONS:
            values["botoc"] = botoc
        else:
            ignored.append("botoc")
    lang: Lang = "nl"
    if "lang" in params:
        raw_lang = _as_list(params["lang"])
        candidate = raw_lang[-1] if raw_lang else ""
        if candidate in LANGS:
            lang = as_lang(candidate)
        else:
            ignored.append("lang")
    return Filters(**values), lang, ignored  # type: ignore[arg-type]


FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Filters))
