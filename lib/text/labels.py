"""Names of codes in a language: one code, or the code columns of a frame from ``lib.domain``.

The names of the contract's codes (status, doelgroep, domein, ...) are data of the contract
(``lib.contract.codes.LABELS``): uploads accept them in both languages. Theme and factor names,
and texts such as a factor's explanation, are columns of the data (``naam_nl``/``naam_en``,
``uitleg_nl``/``uitleg_en``). The domain layer computes frames of codes and numbers once, for
every language; this module is where they get the words a reader sees:

- ``with_names`` adds a ``<code>_naam`` column after each code column of a frame;
- ``in_language`` keeps the reader's column of each ``<text>_nl``/``<text>_en`` pair;
- the ``named_*`` helpers do both for one frame of ``lib.domain`` and put its rows in the
  order a reader sees them: ties are broken by name, and names sort differently per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import polars as pl

from lib.contract.codes import LABELS, LANGS, CodeKind, Lang, is_code_kind
from lib.text.formats import UNKNOWN, fmt_period
from lib.text.i18n import t

NAMED_KINDS: Final[tuple[CodeKind, ...]] = (
    "status",
    "doelgroep",
    "domein",
    "bewijs",
    "pijler",
    "product",
)
"""The code columns that ``with_names`` names from the contract's labels."""
NAMED_COLUMNS: Final[tuple[str, ...]] = (*NAMED_KINDS, "thema", "factor", "groep")
"""Every column that ``with_names`` names."""

GROUP_KEYS: Final[Mapping[str, str]] = {
    "selectie": "comparison.selection",
    "alle": "comparison.all",
    "programma": "kenniskaart.whole_programme",
}
"""Catalogue keys of the groups of a comparison (``lib.domain.metrics.Group``) that have a
fixed name; a ``golf`` group is named after its wave, a ``gemeente`` group after the place."""


def code_label(kind: CodeKind, code: str | None, lang: Lang) -> str:
    """The name of ``code`` in ``lang``; ``onbekend``/``unknown`` for a missing code.

    A code that is not in the list of ``kind`` raises ``KeyError``: that is a bug, not data.
    """
    if code is None or code == "":
        return UNKNOWN[lang]
    return LABELS[kind][code][lang]


def group_label(group: str, wave: str | None, place: str | None, lang: Lang) -> str:
    """The name of a group in a comparison: ``Uw selectie``, ``Instroomgolf: Eerste 15 (2022)``,
    ``Alle gemeenten``, ``Het hele programma``, or the municipality's own name."""
    if group == "gemeente":
        return place or UNKNOWN[lang]
    if group == "golf":
        return t("comparison.wave", lang, golf=code_label("golf", wave, lang))
    return t(GROUP_KEYS[group], lang)


# --------------------------------------------------------------------------- frames


def _table_names(column: str, table: pl.DataFrame | None, lang: Lang) -> pl.Expr:
    """``thema`` or ``factor`` named by ``naam_<lang>`` of its table; the code without a row."""
    if table is None:
        raise ValueError(f"with_names: pass the table that names the {column!r} column")
    names = dict(table.select(column, f"naam_{lang}").iter_rows())
    code = pl.col(column).cast(pl.String)
    return pl.coalesce(code.replace_strict(names, default=None, return_dtype=pl.String), code)


def _code_names(kind: CodeKind, lang: Lang) -> pl.Expr:
    """A column of ``kind`` codes named from the contract; a missing code is ``Onbekend``."""
    names = {code: labels[lang] for code, labels in LABELS[kind].items()}
    return (
        pl.col(kind)
        .cast(pl.String)
        .replace_strict(names, default=None, return_dtype=pl.String)
        .fill_null(UNKNOWN[lang].capitalize())
    )


def _group_names(frame: pl.DataFrame, lang: Lang) -> pl.Series:
    """The ``groep`` column of a comparison named (with its ``golf`` and ``gemeente_naam``)."""
    optional = [
        pl.col(c) if c in frame.columns else pl.lit(None, pl.String)
        for c in ("golf", "gemeente_naam")
    ]
    rows = frame.select("groep", *optional).rows()
    return pl.Series([group_label(g, w, p, lang) for g, w, p in rows], dtype=pl.String)


def _name_column(
    frame: pl.DataFrame, column: str, lang: Lang, tables: Mapping[str, pl.DataFrame | None]
) -> pl.Expr | pl.Series:
    if column == "groep":
        return _group_names(frame, lang)
    if is_code_kind(column):
        return _code_names(column, lang)
    return _table_names(column, tables[column], lang)


def with_names(
    frame: pl.DataFrame,
    lang: Lang,
    *,
    themas: pl.DataFrame | None = None,
    factoren: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``frame`` with the name in ``lang`` of every code column it has, right after it.

    The name of column ``x`` is ``x_naam``. ``status``, ``doelgroep``, ``domein``, ``bewijs``,
    ``pijler`` and ``product`` get the contract's names (a missing code reads ``Onbekend`` /
    ``Unknown``); ``thema`` and ``factor`` the ``naam_<lang>`` of ``themas`` and ``factoren``
    (their code when the table has no row for it; a frame with such a column needs its
    table); ``groep`` (a comparison) the name of the group (``group_label``).
    """
    tables = {"thema": themas, "factor": factoren}
    added = {
        f"{column}_naam": _name_column(frame, column, lang, tables).alias(f"{column}_naam")
        for column in frame.columns
        if column in NAMED_COLUMNS
    }
    order: list[str] = []
    for column in frame.columns:
        if column not in added:
            order.append(column)
            order += [f"{column}_naam"] if f"{column}_naam" in added else []
    return frame.with_columns(*added.values()).select(order)


def in_language(frame: pl.DataFrame, lang: Lang, *columns: str) -> pl.DataFrame:
    """Each ``<column>_nl``/``<column>_en`` pair of ``columns`` as one ``<column>`` in
    ``lang``, in the place of the pair."""
    chosen = {f"{column}_{lang}": column for column in columns}
    dropped = {f"{column}_{other}" for column in columns for other in LANGS if other != lang}
    return frame.select(
        pl.col(name).alias(chosen[name]) if name in chosen else pl.col(name)
        for name in frame.columns
        if name not in dropped
    )


# --------------------------------------------------------------------------- domain frames


def named_theme_counts(frame: pl.DataFrame, lang: Lang, themas: pl.DataFrame) -> pl.DataFrame:
    """``metrics.theme_counts`` with ``thema_naam``: most first, ties by name."""
    return with_names(frame, lang, themas=themas).sort("n", "thema_naam", descending=[True, False])


def named_theme_rates(frame: pl.DataFrame, lang: Lang, themas: pl.DataFrame) -> pl.DataFrame:
    """``metrics.execution_by_theme`` with ``thema_naam``: highest rate first, ties by name."""
    return with_names(frame, lang, themas=themas).sort(
        "rate", "thema_naam", descending=[True, False], nulls_last=True
    )


def named_coverage(frame: pl.DataFrame, lang: Lang, factoren: pl.DataFrame) -> pl.DataFrame:
    """``coverage.coverage_matrix`` with factor, domain and evidence names; by domain,
    evidence, factor name and municipality."""
    return with_names(frame, lang, factoren=factoren).sort(
        "domein_volgorde", "bewijs_volgorde", "factor_naam", "gemeente_naam"
    )


def named_gaps(frame: pl.DataFrame, lang: Lang, factoren: pl.DataFrame) -> pl.DataFrame:
    """``coverage.gaps`` in words: factor, factor_naam, bewijs, bewijs_naam, domein,
    domein_naam, uitleg, bronnen; by evidence, domain and factor name."""
    named = in_language(with_names(frame, lang, factoren=factoren), lang, "uitleg")
    return named.sort("bewijs_volgorde", "domein_volgorde", "factor_naam").select(
        "factor", "factor_naam", "bewijs", "bewijs_naam", "domein", "domein_naam", "uitleg",
        "bronnen",
    )  # fmt: skip


def named_protective(frame: pl.DataFrame, lang: Lang, factoren: pl.DataFrame) -> pl.DataFrame:
    """``coverage.protective_used`` in words: factor, factor_naam, domein_naam,
    n_interventies, n_gemeenten; most used first, ties by name."""
    return (
        with_names(frame, lang, factoren=factoren)
        .sort("n_interventies", "factor_naam", descending=[True, False])
        .select("factor", "factor_naam", "domein_naam", "n_interventies", "n_gemeenten")
    )


def named_strong_factors(frame: pl.DataFrame, lang: Lang, factoren: pl.DataFrame) -> pl.DataFrame:
    """``coverage.strong_factor_counts`` in words: factor, factor_naam, bewijs_naam,
    domein_naam, n, gedekt; most listed first, ties by name."""
    return (
        with_names(frame, lang, factoren=factoren)
        .select("factor", "factor_naam", "bewijs_naam", "domein_naam", "n", "gedekt")
        .sort("n", "factor_naam", descending=[True, False])
    )


def timeline_events(frame: pl.DataFrame, lang: Lang) -> list[str]:
    """``metrics.timeline`` in ``lang`` (``in_language`` ran): ``7 maart 2022: Kennissynthese
    ...`` per event, in the order of the numbers on the timeline's points."""
    return [
        f"{fmt_period(str(row['datum']), lang)}: {row['gebeurtenis']}"
        for row in frame.sort("nr").iter_rows(named=True)
    ]
