"""Numbers, percentages and amounts as Dutch and English readers write them.

House rules: halves round away from zero (2,5 -> 3); Dutch puts a space before ``%``
(``85,5 %``), English does not (``85.5%``); a missing value reads ``onbekend``/``unknown``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from lib.contract.codes import Lang

UNKNOWN: Final[dict[Lang, str]] = {"nl": "onbekend", "en": "unknown"}


def fmt_int(value: int | float | None, lang: Lang) -> str:
    """``1.234`` in Dutch, ``1,234`` in English; ``onbekend``/``unknown`` for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN[lang]
    text = f"{_half_up(value, 0):,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def _half_up(value: float, decimals: int) -> Decimal:
    """Round halves away from zero (2,5 -> 3), as people expect, not to even."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_number(value: float | None, lang: Lang, *, decimals: int = 1) -> str:
    """A decimal number: ``12.500,5`` in Dutch, ``12,500.5`` in English."""
    if value is None or math.isnan(value):
        return UNKNOWN[lang]
    text = f"{_half_up(value, decimals):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(share: float | None, lang: Lang, *, decimals: int = 1) -> str:
    """A share (0-1) as a percentage: ``85,5 %`` in Dutch, ``85.5%`` in English."""
    if share is None or math.isnan(share):
        return UNKNOWN[lang]
    number = fmt_number(share * 100, lang, decimals=decimals)
    return f"{number} %" if lang == "nl" else f"{number}%"


def fmt_eur(value: float | None, lang: Lang) -> str:
    """An amount in euros without cents: ``€ 12.500`` in Dutch, ``€12,500`` in English."""
    if value is None or math.isnan(value):
        return UNKNOWN[lang]
    return f"€ {fmt_int(value, 'nl')}" if lang == "nl" else f"€{fmt_int(value, 'en')}"


def join_names(names: list[str], lang: Lang) -> str:
    """``a, b en c`` / ``a, b and c``."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    word = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
