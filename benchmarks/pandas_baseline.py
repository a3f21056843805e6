"""The check an analyst would write without the app: pandas and a loop over the rows.

``validate_with_pandas`` reads the upload file with ``pandas.read_csv`` (every cell as text)
and walks the rows with ``itertuples``, applying the rules the app applies to the
``interventies`` table (``lib.schema``, ``lib.mapping``, ``lib.validate``):

* the required columns are there (else only ``missing_column`` errors, as in the app);
* ``interventie_id``, ``gemeentecode``, ``naam``, ``thema`` and ``status`` are filled;
* ``interventie_id`` is unique (every row of a repeated id is an error);
* ``gemeentecode`` is a ``GM`` code, a CBS number or a municipality name known in
  ``gemeenten``, and the code is one of the ``gemeenten``;
* ``thema``, ``status`` and ``doelgroep`` are a code or a label the app accepts;
* ``startjaar`` is a whole number in 2018-2035, ``bereik`` a whole number >= 0, ``budget_eur``
  a number >= 0, in Dutch notation (``87.478,09``);
* every code in ``factoren`` (separated by ``|``, ``;`` or ``,``) is a known factor;
* ``monitoringplan`` and ``illustratief`` are a yes/no word the app accepts.

The result is a list of ``(row, column, code)``: row as a spreadsheet shows it (header = row
1), the codes are those of the app's issues (``required``, ``pattern``, ``reference``, ...).
Only errors are listed; the app's warnings (plausibility, formulas, unknown columns) and its
personal-data guard are not part of this baseline, nor its guessing of the delimiter, the
encoding, the decimal mark and header aliases: the analyst knows the file.

The accepted spellings (theme names, labels, aliases, yes/no words) are imported from
``lib`` so both sides accept the same words; the logic is plain Python, one row at a time.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import pandas as pd
import polars as pl

from lib.contract.codes import DOELGROEPEN, LABELS, LANGS, STATUSSEN, THEMAS, is_code_kind
from lib.data.ingest.mapping import ENUM_ALIASES, GEMEENTE_ALIASES, THEMA_ALIASES
from lib.data.validate import FALSE_WORDS, TRUE_WORDS

Error = tuple[int, str, str]

REQUIRED: Final[tuple[str, ...]] = ("interventie_id", "gemeentecode", "naam", "thema", "status")
OPTIONAL: Final[tuple[str, ...]] = (
    "doelgroep",
    "startjaar",
    "bereik",
    "budget_eur",
    "factoren",
    "monitoringplan",
    "bron",
    "illustratief",
)
COLUMNS: Final[tuple[str, ...]] = REQUIRED + OPTIONAL
ORDER: Final[dict[str, int]] = {name: i for i, name in enumerate(COLUMNS)}

INT64_MIN: Final[int] = -(2**63)
INT64_MAX: Final[int] = 2**63 - 1
YES_NO: Final[frozenset[str]] = frozenset(TRUE_WORDS) | frozenset(FALSE_WORDS)

GM_CODE: Final[re.Pattern[str]] = re.compile(r"GM[0-9]{4}")
CBS_NUMBER: Final[re.Pattern[str]] = re.compile(r"(?:gm)?([0-9]{1,4})")
NOT_KEY: Final[re.Pattern[str]] = re.compile(r"[^a-z0-9]")
NOISE: Final[re.Pattern[str]] = re.compile(r"[\s\u00a0\u202f€]")
DUTCH_INT: Final[re.Pattern[str]] = re.compile(r"[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0)?")
DUTCH_FLOAT: Final[re.Pattern[str]] = re.compile(
    r"[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)?(?:,[0-9]+)?"
)
DIGIT: Final[re.Pattern[str]] = re.compile(r"[0-9]")
PLAIN_INT: Final[re.Pattern[str]] = re.compile(r"[-+]?[0-9]+")
PLAIN_FLOAT: Final[re.Pattern[str]] = re.compile(
    r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
)
LIST_SEPARATOR: Final[re.Pattern[str]] = re.compile(r"\s*[|;,]\s*")
REPEATED_BARS: Final[re.Pattern[str]] = re.compile(r"\|{2,}")
SPACES_DASHES: Final[re.Pattern[str]] = re.compile(r"[\s\-]+")


# ----------------------------------------------------------------------------- spellings


def name_key(text: str) -> str:
    """``'s-Gravenhage`` -> ``sgravenhage``: no accents, lowercase, only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return NOT_KEY.sub("", bare.lower())


def key_table(pairs: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    """Key of each spelling -> code; the first code for a key wins, empty spellings skipped."""
    table: dict[str, str] = {}
    for spelling, code in pairs:
        key = name_key(spelling) if spelling else ""
        if key:
            table.setdefault(key, code)
    return table


def municipality_names(gemeenten: pl.DataFrame) -> dict[str, str]:
    """Key of the official name, the display name and a few aliases -> ``GM`` code."""
    rows = list(gemeenten.iter_rows(named=True))
    pairs: list[tuple[str | None, str]] = [(r["gemeente"], r["gemeentecode"]) for r in rows]
    if "weergavenaam" in gemeenten.columns:
        pairs += [(r["weergavenaam"], r["gemeentecode"]) for r in rows if r["weergavenaam"]]
    by_name = {r["gemeente"]: r["gemeentecode"] for r in rows}
    pairs += [(alias, by_name[name]) for alias, name in GEMEENTE_ALIASES.items() if name in by_name]
    return key_table(pairs)


def theme_names(themas: pl.DataFrame) -> dict[str, str]:
    """Key of a theme code, its Dutch and English name or a known alias -> code."""
    pairs: list[tuple[str | None, str]] = [(code, code) for code in THEMAS]
    for column in ("naam_nl", "naam_en"):
        if column in themas.columns:
            pairs += list(zip(themas.get_column(column), themas.get_column("thema"), strict=True))
    pairs += [(alias, code) for code, aliases in THEMA_ALIASES.items() for alias in aliases]
    return key_table((s, c) for s, c in pairs if c in THEMAS)


def label_names(column: str, codes: Sequence[str]) -> dict[str, str]:
    """Key of a code, its labels in every language and known aliases -> code."""
    names = LABELS[column] if is_code_kind(column) else {}
    labels = [(names[code][lang], code) for lang in LANGS for code in codes if code in names]
    aliases = ENUM_ALIASES.get(column, {})
    extra = [(a, code) for code, words in aliases.items() if code in codes for a in words]
    return key_table([*((code, code) for code in codes), *labels, *extra])


def to_code(value: str, codes: Sequence[str], names: Mapping[str, str]) -> str:
    """The code for a code or a known spelling; anything else comes back stripped."""
    text = value.strip()
    if text in codes:
        return text
    return names.get(name_key(value), text)


def municipality_code(value: str, names: Mapping[str, str]) -> str:
    """``GM0363``, ``363``, ``gm 363`` or ``Amsterdam`` -> ``GM0363``; else the text itself."""
    text = value.strip()
    if GM_CODE.fullmatch(text):
        return text
    key = name_key(value)
    key = key.removeprefix("gemeente")
    number = CBS_NUMBER.fullmatch(key)
    if number:
        return "GM" + number.group(1).zfill(4)
    return names.get(key, text)


# ----------------------------------------------------------------------------- numbers


def number_text(value: str) -> str:
    """The cell without spaces, non-breaking spaces and euro sign or ``EUR``."""
    text = NOISE.sub("", value)
    return text[3:] if text[:3].lower() == "eur" else text


def dutch_int(value: str) -> int | None:
    """``12.500`` or ``2024`` as a whole number; None when it is not one."""
    text = number_text(value)
    if DUTCH_INT.fullmatch(text):
        text = text.replace(",0", "", 1).replace(".", "")
    else:
        text = value.strip()
    if not PLAIN_INT.fullmatch(text):
        return None
    number = int(text)
    return number if INT64_MIN <= number <= INT64_MAX else None


def dutch_float(value: str) -> float | None:
    """``87.478,09`` as 87478.09; None when it is not a finite number."""
    text = number_text(value)
    if DUTCH_FLOAT.fullmatch(text) and DIGIT.search(text):
        text = text.replace(".", "").replace(",", ".", 1)
    else:
        text = value.strip()
    if not PLAIN_FLOAT.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def factor_list(value: str) -> list[str]:
    """``A; b , c|`` -> ``['a', 'b', 'c']``; spaces and dashes inside a code become ``_``."""
    text = LIST_SEPARATOR.sub("|", value.strip().lower())
    text = REPEATED_BARS.sub("|", text).strip("|")
    text = SPACES_DASHES.sub("_", text)
    return [part.strip() for part in text.split("|") if part.strip()]


# ----------------------------------------------------------------------------- checks


def check_number(
    row: int, column: str, value: str, kind: str, low: float | None, high: float | None
) -> list[Error]:
    """Type and range of one optional number cell (``kind`` is ``int`` or ``float``)."""
    if not value.strip():
        return []
    number: float | None = dutch_int(value) if kind == "int" else dutch_float(value)
    if number is None:
        return [(row, column, f"type_{kind}")]
    if low is not None and number < low:
        return [(row, column, "minimum")]
    if high is not None and number > high:
        return [(row, column, "maximum")]
    return []


def check_yes_no(row: int, column: str, value: str) -> list[Error]:
    text = value.strip().lower()
    return [(row, column, "type_bool")] if text and text not in YES_NO else []


def check_enum(
    row: int,
    column: str,
    value: str,
    codes: Sequence[str],
    names: Mapping[str, str],
    *,
    required: bool,
) -> list[Error]:
    code = to_code(value, codes, names)
    if not code:
        return [(row, column, "required")] if required else []
    return [] if code in codes else [(row, column, "enum")]


def check_municipality(
    row: int, value: str, names: Mapping[str, str], known: frozenset[str]
) -> list[Error]:
    code = municipality_code(value, names)
    if not code:
        return [(row, "gemeentecode", "required")]
    errors: list[Error] = []
    if not GM_CODE.fullmatch(code):
        errors.append((row, "gemeentecode", "pattern"))
    if code not in known:
        errors.append((row, "gemeentecode", "reference"))
    return errors


def check_factors(row: int, value: str, known: frozenset[str]) -> list[Error]:
    return [(row, "factoren", "reference") for code in factor_list(value) if code not in known]


def read_text(path: Path) -> pd.DataFrame:
    """Every cell as text, empty cells as ``""``; blank lines kept so row numbers hold."""
    frame = pd.read_csv(
        path,
        sep=";",
        encoding="cp1252",
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
    )
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def validate_with_pandas(
    path: Path,
    gemeenten: pl.DataFrame,
    themas: pl.DataFrame,
    factor_codes: frozenset[str],
) -> list[tuple[int, str, str]]:
    """Every error in the upload file as ``(row, column, code)``, sorted by row and column."""
    frame = read_text(path)
    missing = [name for name in REQUIRED if name not in frame.columns]
    if missing:
        return [(1, name, "missing_column") for name in missing]
    for name in OPTIONAL:
        if name not in frame.columns:
            frame[name] = ""
    frame = frame[list(COLUMNS)]
    municipalities = municipality_names(gemeenten)
    known_codes = frozenset(gemeenten.get_column("gemeentecode").to_list())
    themes = theme_names(themas)
    statuses = label_names("status", STATUSSEN)
    groups = label_names("doelgroep", DOELGROEPEN)

    errors: list[Error] = []
    ids: list[tuple[int, str]] = []
    for index, cells in enumerate(frame.itertuples(index=False, name=None)):
        row = index + 2
        values = ["" if not isinstance(c, str) else c for c in cells]
        if not any(v.strip() for v in values):
            continue  # an empty line, skipped as the app does
        (ident, gemeente, naam, thema, status, doelgroep, startjaar, bereik, budget, factoren,
         monitoring, _bron, illustratief) = values  # fmt: skip
        if ident.strip():
            ids.append((row, ident.strip()))
        else:
            errors.append((row, "interventie_id", "required"))
        errors += check_municipality(row, gemeente, municipalities, known_codes)
        if not naam.strip():
            errors.append((row, "naam", "required"))
        errors += check_enum(row, "thema", thema, THEMAS, themes, required=True)
        errors += check_enum(row, "status", status, STATUSSEN, statuses, required=True)
        errors += check_enum(row, "doelgroep", doelgroep, DOELGROEPEN, groups, required=False)
        errors += check_number(row, "startjaar", startjaar, "int", 2018, 2035)
        errors += check_number(row, "bereik", bereik, "int", 0, None)
        errors += check_number(row, "budget_eur", budget, "float", 0, None)
        errors += check_factors(row, factoren, factor_codes)
        errors += check_yes_no(row, "monitoringplan", monitoring)
        errors += check_yes_no(row, "illustratief", illustratief)

    counts = Counter(ident for _, ident in ids)
    errors += [(row, "interventie_id", "duplicate") for row, ident in ids if counts[ident] > 1]
    return sorted(errors, key=lambda e: (e[0], ORDER[e[1]]))
