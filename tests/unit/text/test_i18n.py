"""Both catalogues complete and consistent; every key the code uses exists; number formats."""

from __future__ import annotations

import math
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from lib.config import ROOT
from lib.contract.codes import STATUS_DATA, as_lang
from lib.contract.schema import UPLOADABLE_TABLES, Dtype
from lib.domain import kenniskaart
from lib.domain.filters import BOTOC_OPTIONS
from lib.domain.metrics import METRICS, Place
from lib.exports import profile
from lib.slides import content as presentation
from lib.text.findings import TREND_DIRECTIONS
from lib.text.formats import UNKNOWN, fmt_eur, fmt_int, fmt_number, fmt_pct, join_names
from lib.text.i18n import CATALOGUE, t

ISSUE_CODES = (
    "missing_column", "unknown_column", "required", "enum", "minimum", "maximum", "pattern",
    "duplicate", "duplicate_pair", "reference",
    *(f"type_{d}" for d in get_args(Dtype) if d != "str"),
)

# prefix of a key built at run time (t(f"maat.{code}")) -> every code it can take; the names
# of the codes of the contract are not in the catalogue (see tests/unit/text/test_labels.py)
PREFIX_CODES: dict[str, tuple[str, ...]] = {
    "issue": ISSUE_CODES,
    "maat": METRICS,
    "filter.botoc": BOTOC_OPTIONS,
    "voet.status": STATUS_DATA,
    "sjabloon.type": ("str", "int", "float", "bool"),
    "store.actie": ("basis", "publicatie", "herstel"),
    "store.scope": ("alles", "gemeenten"),
    "auth.role": ("viewer", "analyst"),
    "tabel": UPLOADABLE_TABLES,
    "kenniskaart.check": kenniskaart.CHECKS,
    "kenniskaart.uitkomst": kenniskaart.CHECKS,
    "kenniskaart.regel": kenniskaart.CHECKS,
    "kenniskaart.licht": kenniskaart.LIGHTS,
    "kenniskaart.leeftijd": kenniskaart.AGE_GROUPS,
    "kenniskaart.export": profile.FORMATS,
    "pres.dia": presentation.SLIDES,
    "pres.tabel": presentation.TABLES,
    "as": get_args(Place),
    "bevinding.trend": TREND_DIRECTIONS,
    "pres.briefing": ("pptx", "pdf"),
}

NL, EN = CATALOGUE["nl"], CATALOGUE["en"]


def _sources() -> list[Path]:
    files = [*sorted((ROOT / "lib").rglob("*.py")), *sorted((ROOT / "pages").rglob("*.py"))]
    return [*files, ROOT / "app.py"] if (ROOT / "app.py").exists() else files


def _scan(pattern: str) -> list[tuple[str, str]]:
    regex = re.compile(pattern)
    return sorted(
        {
            (path.relative_to(ROOT).as_posix(), match.group(1))
            for path in _sources()
            for match in regex.finditer(path.read_text(encoding="utf-8"))
        }
    )


LITERAL_KEYS = _scan(r"""\bt\(\s*"([^"{}]+)"\s*[,)]""")
PREFIXES = [(f, p) for f, p in _scan(r"""\bt\(\s*f"([^"{]*)\{""") if p]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_both_catalogues_have_the_same_keys() -> None:
    assert sorted(set(NL) - set(EN)) == []
    assert sorted(set(EN) - set(NL)) == []


def test_no_empty_texts() -> None:
    assert [k for k, v in {**NL, **EN}.items() if not v.strip()] == []


@pytest.mark.parametrize("key", sorted(NL))
def test_placeholders_match(key: str) -> None:
    assert _placeholders(NL[key]) == _placeholders(EN[key])


def test_the_scan_finds_keys() -> None:
    assert ("lib/domain/metrics.py", "vergelijk.alle") in LITERAL_KEYS
    assert ("lib/text/reports.py", "issue.") in PREFIXES


@pytest.mark.parametrize(("file", "key"), LITERAL_KEYS, ids=[f"{f}:{k}" for f, k in LITERAL_KEYS])
def test_literal_key_exists(file: str, key: str) -> None:
    assert key in NL, f"{file} uses t({key!r}), missing from the catalogue"


@pytest.mark.parametrize(("file", "prefix"), PREFIXES, ids=[f"{f}:{p}" for f, p in PREFIXES])
def test_key_prefix_has_a_key_for_every_code(file: str, prefix: str) -> None:
    kind = prefix.removesuffix(".")
    assert kind in PREFIX_CODES, f"{file}: add the codes of t(f'{prefix}{{...}}') to PREFIX_CODES"
    missing = [f"{kind}.{code}" for code in PREFIX_CODES[kind] if f"{kind}.{code}" not in NL]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(PREFIX_CODES))
def test_every_code_of_the_contract_has_a_label(kind: str) -> None:
    assert [c for c in PREFIX_CODES[kind] if f"{kind}.{c}" not in NL] == []
    labels = [NL[f"{kind}.{c}"] for c in PREFIX_CODES[kind]]
    if kind != "issue":
        assert len(set(labels)) == len(labels), "two codes share a label"


# ----------------------------------------------------------------------------- lookups


def test_t_fills_parameters_and_raises_on_a_missing_key() -> None:
    assert t("kpi.dekking.waarde", "nl", gedekt=5, totaal=7) == "5 van 7"
    assert t("kpi.dekking.waarde", "en", gedekt=5, totaal=7) == "5 of 7"
    with pytest.raises(KeyError):
        t("bestaat.niet", "nl")


@pytest.mark.parametrize(
    ("value", "expected"), [("nl", "nl"), ("en", "en"), ("fr", "nl"), (None, "nl"), ("EN", "nl")]
)
def test_as_lang(value: object, expected: str) -> None:
    assert as_lang(value) == expected


# ----------------------------------------------------------------------------- formatting

FORMATS = [
    (fmt_pct, 53 / 62, "nl", "85,5 %"),
    (fmt_pct, 53 / 62, "en", "85.5%"),
    (fmt_pct, 1.0, "nl", "100,0 %"),
    (fmt_pct, 0.0, "en", "0.0%"),
    (fmt_pct, None, "nl", "onbekend"),
    (fmt_pct, math.nan, "en", "unknown"),
    (fmt_int, 931298, "nl", "931.298"),
    (fmt_int, 931298, "en", "931,298"),
    (fmt_int, 1234567, "nl", "1.234.567"),
    (fmt_int, 0, "nl", "0"),
    (fmt_int, 999.7, "nl", "1.000"),
    (fmt_int, None, "nl", "onbekend"),
    (fmt_int, None, "en", "unknown"),
    (fmt_int, math.nan, "nl", "onbekend"),
    (fmt_number, 12500.5, "nl", "12.500,5"),
    (fmt_number, 12500.5, "en", "12,500.5"),
    (fmt_number, None, "en", "unknown"),
    (fmt_eur, 12500, "nl", "€ 12.500"),
    (fmt_eur, 12500, "en", "€12,500"),
    (fmt_eur, 1000.49, "nl", "€ 1.000"),
    (fmt_eur, None, "nl", "onbekend"),
]


@pytest.mark.parametrize(("fmt", "value", "lang", "expected"), FORMATS)
def test_format(fmt: object, value: float | None, lang: str, expected: str) -> None:
    assert fmt(value, lang) == expected  # type: ignore[operator]


def test_format_decimals() -> None:
    assert fmt_pct(0.8548, "nl", decimals=0) == "85 %"
    assert fmt_number(1234.5678, "nl", decimals=2) == "1.234,57"
    assert fmt_number(1234.5678, "en", decimals=0) == "1,235"


def test_unknown_words() -> None:
    assert UNKNOWN == {"nl": "onbekend", "en": "unknown"}


@pytest.mark.parametrize(
    ("names", "nl", "en"),
    [
        ([], "", ""),
        (["Breda"], "Breda", "Breda"),
        (["Breda", "Delft"], "Breda en Delft", "Breda and Delft"),
        (["Breda", "Delft", "Venlo"], "Breda, Delft en Venlo", "Breda, Delft and Venlo"),
    ],
)
def test_join_names(names: list[str], nl: str, en: str) -> None:
    assert join_names(names, "nl") == nl
    assert join_names(names, "en") == en


def test_halves_round_up_consistently() -> None:
    assert [fmt_eur(x + 0.5, "nl") for x in range(4)] == ["€ 1", "€ 2", "€ 3", "€ 4"]
