"""Names of the codes of the contract (status, doelgroep, domein, ...) in a language.

The names themselves are data of the contract (``lib.contract.codes.LABELS``): uploads accept
them in both languages. This module is where the dashboard turns a code into the name a reader
sees.
"""

from __future__ import annotations

from lib.contract.codes import LABELS, CodeKind, Lang
from lib.text.formats import UNKNOWN


def code_label(kind: CodeKind, code: str | None, lang: Lang) -> str:
    """The name of ``code`` in ``lang``; ``onbekend``/``unknown`` for a missing code.

    A code that is not in the list of ``kind`` raises ``KeyError``: that is a bug, not data.
    """
    if code is None or code == "":
        return UNKNOWN[lang]
    return LABELS[kind][code][lang]
