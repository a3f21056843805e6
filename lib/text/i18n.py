"""The texts of the dashboard in Dutch (default) and English.

``t(key, lang, **params)`` looks ``key`` up in the catalogue of the language,
``lib/locale/<lang>.toml``, and fills in the parameters with ``str.format``. Both catalogues
have the same keys (a test checks this, and that every key the code asks for exists); a
missing key raises ``KeyError``, so that it is found in the tests, not by a user.

The TOML tables are flattened once, at import, to dotted keys (``[map]`` ``title`` ->
``map.title``). A table of CLDR plural forms is one plural entry::

    gaps = { one = "{n} factor is not covered.", other = "{n} factors are not covered." }

``t("finding.gaps", lang, n=3)`` chooses the form for the count by the plural rules of the
language (Babel) and writes ``{n}`` with ``fmt_int``. Keys that code builds at run time
(``t(f"measure.{metric}", lang)``) are declared in ``lib.text.keys.KEY_FAMILIES``. The
names of the codes of the contract (status, doelgroep, ...) are data of the contract and are
not in the catalogues: see ``lib.text.labels``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import Final

from lib.contract.codes import LANGS, Lang
from lib.text.formats import LOCALES, fmt_int

PLURAL_FORMS: Final[frozenset[str]] = frozenset({"zero", "one", "two", "few", "many", "other"})

Plural = Mapping[str, str]
"""The forms of a plural entry: CLDR plural category (``one``, ``other``, ...) -> text."""


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in.

    For a plural entry, ``n`` (an int) is the count: it chooses the form and is written as a
    number of the language.
    """
    text = CATALOGUE[lang].get(key)
    if text is None:
        forms = PLURALS[lang][key]  # KeyError: not in the catalogue
        n = params.get("n")
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"{key!r} is a plural: pass the count as an int, n=...")
        text = forms.get(plural_form(n, lang), forms["other"])
        params = {**params, "n": fmt_int(n, lang)}
    return text.format(**params) if params else text


def plural_form(n: int, lang: Lang) -> str:
    """The CLDR plural category of the count ``n`` in ``lang``: ``one`` or ``other`` here."""
    return LOCALES[lang].plural_form(n)


def _flatten(table: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, str | Plural]]:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict) and PLURAL_FORMS.intersection(value):
            if not (set(value) <= PLURAL_FORMS and "other" in value):
                raise ValueError(f"{key}: a plural has only CLDR plural forms, one of them other")
            yield key, {form: str(text) for form, text in value.items()}
        elif isinstance(value, dict):
            yield from _flatten(value, f"{key}.")
        else:
            raise ValueError(f"{key}: a catalogue value is a text or a table, not {value!r}")


def load(lang: Lang) -> tuple[dict[str, str], dict[str, Plural]]:
    """The texts and the plural entries of ``lib/locale/<lang>.toml``, by dotted key."""
    source = files("lib").joinpath("locale").joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    texts: dict[str, str] = {}
    plurals: dict[str, Plural] = {}
    for key, value in _flatten(tomllib.loads(source)):
        if isinstance(value, str):
            texts[key] = value
        else:
            plurals[key] = value
    return texts, plurals


_LOADED: Final = {lang: load(lang) for lang in LANGS}
CATALOGUE: Final[dict[Lang, dict[str, str]]] = {lang: _LOADED[lang][0] for lang in LANGS}
"""Every text of a language by key (the plural entries are in ``PLURALS``)."""
PLURALS: Final[dict[Lang, dict[str, Plural]]] = {lang: _LOADED[lang][1] for lang in LANGS}
"""Every plural entry of a language by key."""
