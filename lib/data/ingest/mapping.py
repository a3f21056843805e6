"""Map what people write to the codes of the contract, vectorised with Polars.

``map_values`` turns municipality names and CBS numbers into ``GM`` codes, theme, status and
target-group labels (Dutch or English) into codes, yes/no words into ``true``/``false`` and
lists of factors into ``a|b``. A value it does not recognise stays as it is, so the validator
reports it with the analyst's own spelling. Every mapping applied is listed (``Applied``).

Names are compared by a *key*: no accents, lowercase, only letters and digits, so
``'s-Gravenhage``, ``s Gravenhage`` and ``'S GRAVENHAGE`` are all ``sgravenhage``. The key is
one Polars expression (``key_expr``), used for the data and for the known names alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from lib.contract.codes import LABELS, LANGS, is_code_kind
from lib.contract.schema import MULTI_SEPARATOR, Column, Table
from lib.data.validate import FALSE_WORDS, TRUE_WORDS

# Extra spellings people use; the official names and the labels of the codes (Dutch and
# English, ``lib.contract.codes.LABELS``) come on top.
GEMEENTE_ALIASES: Mapping[str, str] = {
    # alias -> official CBS name (only used when that municipality is in the data)
    "Den Bosch": "'s-Hertogenbosch",
    "The Hague": "'s-Gravenhage",
    "Hague": "'s-Gravenhage",
}
THEMA_ALIASES: Mapping[str, tuple[str, ...]] = {
    "gedragsinterventie": (
        "gedragsinterventies",
        "gedrag",
        "identiteit",
        "behaviour",
        "behavioural interventions",
    ),
    "jongerenwerk": ("jongerenwerk", "straatcoaches", "straatcoach", "youth work"),
    "vroegsignalering": ("vroegsignalering", "signalering", "early detection"),
    "gezin": ("gezin", "ouders", "ouders en gezin", "family", "parents"),
    "onderwijs_werk": (
        "onderwijs",
        "onderwijs en werk",
        "school en werk",
        "school",
        "school and work",
        "education",
        "education and work",
    ),
    "financien": (
        "financiën",
        "financien",
        "geld",
        "geldzorgen",
        "schulden",
        "finance",
        "finances",
        "money",
    ),
    "gezag": ("gezag", "handhaving", "grenzen", "authority"),
    "samenwerking": ("samenwerking", "zorg en veiligheid", "cooperation"),
    "overig": ("overig", "overige", "anders", "other"),
}
ENUM_ALIASES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "status": {
        "gepland": (
            "planned",
            "nog niet gestart",
            "niet gestart",
            "in voorbereiding",
            "voorbereiding",
            "not started",
        ),
        "in_uitvoering": (
            "loopt",
            "lopend",
            "bezig",
            "actief",
            "gestart",
            "running",
            "ongoing",
            "in progress",
            "active",
            "started",
        ),
        "afgerond": (
            "klaar",
            "gereed",
            "voltooid",
            "afgesloten",
            "beëindigd",
            "completed",
            "finished",
            "done",
        ),
        "niet_uitgevoerd": (
            "niet uitgevoerd",
            "geannuleerd",
            "vervallen",
            "geschrapt",
            "not carried out",
            "not implemented",
            "cancelled",
            "canceled",
        ),
    },
    "doelgroep": {
        "kinderen": ("kind", "children", "child", "Kinderen (tot 12)", "Children (under 12)"),
        "jongeren": (
            "jongere",
            "young people",
            "youngsters",
            "Youngsters (12-17)",
            "adolescents",
            "tieners",
        ),
        "jongvolwassenen": ("jongvolwassene", "jong volwassenen", "young adults"),
        "ouders": ("ouder", "parents", "parent"),
        "professionals": ("professional", "medewerkers", "staff"),
        "wijk": ("buurt", "neighbourhood", "neighborhood", "community"),
    },
}
MULTI_SEPARATORS = r"\s*[|;,]\s*"


@dataclass(frozen=True)
class Applied:
    """``count`` cells of ``column`` held ``original`` and now hold ``code``."""

    column: str
    original: str
    code: str
    count: int


def key_expr(expr: pl.Expr) -> pl.Expr:
    """The comparison key of a text: no accents, lowercase, only ``a-z`` and ``0-9``."""
    return (
        expr.str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_lowercase()
        .str.replace_all(r"[^a-z0-9]", "")
    )


def keys_of(values: Sequence[str]) -> list[str]:
    """``key_expr`` applied to a few Python strings (headers, known names)."""
    series = pl.Series("v", list(values), dtype=pl.String)
    return [str(k) for k in series.to_frame().select(key_expr(pl.col("v"))).to_series()]


def lookup(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Key -> code for ``(spelling, code)`` pairs; the first code for a key wins."""
    pairs = [(s, c) for s, c in pairs if s]
    table: dict[str, str] = {}
    for key, (_, code) in zip(keys_of([s for s, _ in pairs]), pairs, strict=True):
        if key:
            table.setdefault(key, code)
    return table


def _labels(column: str, codes: Sequence[str]) -> list[tuple[str, str]]:
    """(name, code) for the Dutch, then the English name of each code that has one."""
    names = LABELS[column] if is_code_kind(column) else {}
    return [(names[code][lang], code) for lang in LANGS for code in codes if code in names]


def _from_lookup(raw: pl.Expr, table: Mapping[str, str]) -> pl.Expr:
    if not table:
        return pl.lit(None, pl.String)
    return key_expr(raw).replace_strict(dict(table), default=None, return_dtype=pl.String)


def gemeente_lookup(gemeenten: pl.DataFrame) -> dict[str, str]:
    """Key of the official name, the display name and a few aliases -> ``GM`` code."""
    codes = gemeenten.get_column("gemeentecode").to_list()
    pairs = list(zip(gemeenten.get_column("gemeente").to_list(), codes, strict=True))
    if "weergavenaam" in gemeenten.columns:
        shown = gemeenten.get_column("weergavenaam").to_list()
        pairs += [(name, code) for name, code in zip(shown, codes, strict=True) if name]
    by_name = dict(pairs)
    pairs += [(alias, by_name[name]) for alias, name in GEMEENTE_ALIASES.items() if name in by_name]
    return lookup(pairs)


def _gemeente_expr(raw: pl.Expr, names: Mapping[str, str]) -> pl.Expr:
    key = key_expr(raw).str.replace(r"^gemeente", "")
    number = key.str.extract(r"^(?:gm)?([0-9]{1,4})$", 1)
    by_code = pl.lit("GM") + number.str.zfill(4)
    by_name = (
        key.replace_strict(dict(names), default=None, return_dtype=pl.String)
        if names
        else pl.lit(None, pl.String)
    )
    return pl.coalesce(by_code, by_name)


def thema_lookup(themas: pl.DataFrame, codes: Sequence[str]) -> dict[str, str]:
    """Key of a theme code, its Dutch and English name or a short label -> code."""
    pairs = [(code, code) for code in codes]
    for name in ("naam_nl", "naam_en"):
        if name in themas.columns:
            pairs += list(
                zip(
                    themas.get_column(name).to_list(),
                    themas.get_column("thema").to_list(),
                    strict=True,
                )
            )
    pairs += [(alias, code) for code, aliases in THEMA_ALIASES.items() for alias in aliases]
    return lookup((s, c) for s, c in pairs if c in codes)


def enum_lookup(col: Column) -> dict[str, str]:
    """Key of a code, its names in both languages and known aliases -> code."""
    codes = col.enum or ()
    aliases = ENUM_ALIASES.get(col.name, {})
    return lookup(
        [
            *((code, code) for code in codes),
            *_labels(col.name, codes),
            *((alias, code) for code, words in aliases.items() for alias in words if code in codes),
        ]
    )


def _bool_expr(raw: pl.Expr) -> pl.Expr:
    word = raw.str.strip_chars().str.to_lowercase()
    return (
        pl.when(word.is_in(TRUE_WORDS))
        .then(pl.lit("true"))
        .when(word.is_in(FALSE_WORDS))
        .then(pl.lit("false"))
        .otherwise(pl.lit(None, pl.String))
    )


def _multi_expr(raw: pl.Expr) -> pl.Expr:
    """``A; B , c|`` -> ``a|b|c``; spaces inside a code become ``_``."""
    sep = MULTI_SEPARATOR
    return (
        raw.str.strip_chars()
        .str.to_lowercase()
        .str.replace_all(MULTI_SEPARATORS, sep)
        .str.replace_all(r"\|{2,}", sep)
        .str.strip_chars(sep)
        .str.replace_all(r"[\s\-]+", "_")
    )


def _column_expr(col: Column, gemeenten: pl.DataFrame, themas: pl.DataFrame) -> pl.Expr | None:
    raw = pl.col(col.name)
    if col.references is not None and col.references[0] == "gemeenten":
        return _gemeente_expr(raw, gemeente_lookup(gemeenten))
    if col.multi:
        return _multi_expr(raw)
    if col.dtype == "bool":
        return _bool_expr(raw)
    if col.name == "thema" and col.enum is not None:
        return _from_lookup(raw, thema_lookup(themas, col.enum))
    if col.enum is not None:
        return _from_lookup(raw, enum_lookup(col))
    return None


def map_values(
    frame: pl.DataFrame, table: Table, *, gemeenten: pl.DataFrame, themas: pl.DataFrame
) -> tuple[pl.DataFrame, tuple[Applied, ...]]:
    """Replace recognised spellings by codes; list what was replaced, most frequent first.

    Each rule runs on the distinct values of a column (few, in practice), and the result is
    joined back with one ``replace``.
    """
    rules = [
        (col.name, expr)
        for col in table.columns
        if col.name in frame.columns and frame.schema[col.name] == pl.String
        for expr in [_column_expr(col, gemeenten, themas)]
        if expr is not None
    ]
    if not rules or frame.is_empty():
        return frame, ()
    found = _changes(frame, rules)
    if not found:
        return frame, ()
    replaced = [pl.col(name).replace(ch["original"], ch["code"]) for name, ch in found]
    return frame.with_columns(replaced), _applied(frame, found)


def _changes(
    frame: pl.DataFrame, rules: list[tuple[str, pl.Expr]]
) -> list[tuple[str, pl.DataFrame]]:
    """Per column with a change: (original, code) for each distinct value a rule changes."""
    # the distinct values of every mapped column in one query (in parallel), then the rules
    # run on those few values only
    distinct = frame.select(pl.col(name).unique().implode() for name, _ in rules).row(0)
    found: list[tuple[str, pl.DataFrame]] = []
    for (name, expr), values in zip(rules, distinct, strict=True):
        changes = (
            pl.DataFrame({name: values}, schema={name: pl.String})
            .select(pl.col(name).alias("original"), expr.alias("code"))
            .filter(
                pl.col("code").is_not_null()
                & (pl.col("code") != pl.col("original").str.strip_chars())
            )
        )
        if changes.height:
            found.append((name, changes))
    return found


def _applied(frame: pl.DataFrame, found: list[tuple[str, pl.DataFrame]]) -> tuple[Applied, ...]:
    """What was replaced, counted in ``frame``: most frequent first, then by spelling."""
    counted = pl.collect_all(
        frame.lazy()
        .select(pl.col(name))
        .filter(pl.col(name).is_in(changes["original"].implode()))
        .group_by(name)
        .agg(pl.len().alias("count"))
        .join(changes.lazy(), left_on=name, right_on="original")
        .sort(["count", name], descending=[True, False])
        for name, changes in found
    )
    return tuple(
        Applied(name, o, c, int(n))
        for (name, _), counts in zip(found, counted, strict=True)
        for o, n, c in counts.select(name, "count", "code").iter_rows()
    )
