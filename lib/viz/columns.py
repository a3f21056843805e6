"""Every column a table can show, and how: the one registry of column kinds.

A table beside a chart is its accessible alternative, so it shows the same numbers the way
the page writes them (``85,5 %``, ``1.234``, ``ja``/``nee``, ``onbekend``), not raw floats; a
downloaded table keeps numbers as numbers. How a column is written follows from its kind in
``COLUMNS`` (never from the look of its name); a column that is not registered cannot be shown.
Which label a column gets is chosen by the table that shows it (``columns``: name -> catalogue
key), because one column can mean a municipality in one table and a province in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import polars as pl

from lib.contract.codes import Lang
from lib.text.formats import UNKNOWN, fmt_int, fmt_number, fmt_pct
from lib.text.i18n import t

Kind = Literal["text", "count", "share", "flag", "number", "decimal", "percent", "year"]


@dataclass(frozen=True)
class ColumnSpec:
    """``text`` as it is; ``count`` a whole number; ``share`` 0-1 shown as a percentage with
    ``decimals`` (marked ``*`` when the row's ``betrouwbaar`` is false); ``flag`` yes/no;
    ``number`` a decimal number with ``decimals``; ``decimal`` a number with the decimals it
    has, at most ``decimals`` (``12.500,5``, ``3``); ``percent`` percentage points (0-100)
    with ``decimals``; ``year`` a year, written without a thousands mark."""

    kind: Kind
    decimals: int = 0


_TEXT: Final = ColumnSpec("text")
_COUNT: Final = ColumnSpec("count")
_SHARE: Final = ColumnSpec("share", decimals=1)
_FLAG: Final = ColumnSpec("flag")
_RATE: Final = ColumnSpec("number", decimals=2)
_POINTS: Final = ColumnSpec("percent", decimals=1)
_YEAR: Final = ColumnSpec("year")
_AMOUNT: Final = ColumnSpec("decimal", decimals=2)

COLUMNS: Final[dict[str, ColumnSpec]] = {
    # names and labels
    "gemeente": _TEXT,
    "gemeente_naam": _TEXT,
    "thema_naam": _TEXT,
    "status_naam": _TEXT,
    "doelgroep_naam": _TEXT,
    "domein_naam": _TEXT,
    "bewijs_naam": _TEXT,
    "factor_naam": _TEXT,
    "pijler_naam": _TEXT,
    "product_naam": _TEXT,
    "golf": _TEXT,
    "deelname": _TEXT,
    "groep_naam": _TEXT,
    "naam": _TEXT,
    "soort": _TEXT,
    "domeinen": _TEXT,
    "status": _TEXT,
    "tabel": _TEXT,
    "periode": _TEXT,
    "datum": _TEXT,
    "gebeurtenis": _TEXT,
    "bron": _TEXT,
    "tekst": _TEXT,
    "kengetal": _TEXT,
    "waarde": _TEXT,  # a headline figure, already written for the language
    "reeks_naam": _TEXT,
    "regeling_naam": _TEXT,
    "stedelijkheid_naam": _TEXT,
    "grootteklasse_naam": _TEXT,
    "zelfde_klasse_als": _TEXT,
    "onderwerp_naam": _TEXT,
    "feit": _TEXT,
    "bron_datum": _TEXT,
    "soort_bron_naam": _TEXT,
    "betrouwbaarheid_naam": _TEXT,
    # counts
    "n": _COUNT,
    "uitgevoerd": _COUNT,
    "n_interventies": _COUNT,
    "n_gemeenten": _COUNT,
    "n_domeinen": _COUNT,
    "n_gedekt": _COUNT,
    "aantal_gemeenten": _COUNT,
    "rijen": _COUNT,
    "inwoners": _COUNT,
    "stap": _COUNT,
    "gemeenten": _COUNT,
    "geregistreerd": _COUNT,
    "rang": _COUNT,
    # rates per 1,000 or 10,000 inhabitants, age shares in percentage points, years
    "per_1000": _RATE,
    "per_10000": _RATE,
    "pct_0_15": _POINTS,
    "pct_15_25": _POINTS,
    "pct_25_45": _POINTS,
    "pct_45_65": _POINTS,
    "pct_65plus": _POINTS,
    "jaar": _YEAR,
    "bevolking_peiljaar": _YEAR,
    "nr": _COUNT,
    # shares
    "rate": _SHARE,
    "share": _SHARE,
    "dekking": _SHARE,
    # yes/no
    "betrouwbaar": _FLAG,
    "gedekt": _FLAG,
    "meerdere": _FLAG,
    "geselecteerd": _FLAG,
    "geleend": _FLAG,
    "voorlopig": _FLAG,
    "in_programma": _FLAG,
    "genoemd": _FLAG,
    # the columns of the uploadable tables, as the preview of an upload shows them
    "interventie_id": _TEXT,
    "gemeentecode": _TEXT,
    "thema": _TEXT,
    "doelgroep": _TEXT,
    "factoren": _TEXT,
    "peildatum": _TEXT,
    "regeling": _TEXT,
    "soort_deelname": _TEXT,
    "bron_indeling": _TEXT,
    "onderwerp": _TEXT,
    "eenheid": _TEXT,
    "soort_bron": _TEXT,
    "betrouwbaarheid": _TEXT,
    "startjaar": _YEAR,
    "instroomjaar": _YEAR,
    "bereik": _COUNT,
    "huishoudens": _COUNT,
    "bevolkingsdichtheid": _COUNT,
    "stedelijkheid": _COUNT,
    "oppervlakte_land_ha": _COUNT,
    "budget_eur": _AMOUNT,
    "monitoringplan": _FLAG,
    "illustratief": _FLAG,
}


def spec(name: str) -> ColumnSpec:
    """The registered spec of column ``name`` (``KeyError`` for an unregistered column)."""
    return COLUMNS[name]


def _shortest(value: float) -> int:
    """The decimals of ``value`` as a person would write it (``12500.5``: 1)."""
    text = repr(float(value))
    return 0 if "e" in text else len(text.split(".")[1].rstrip("0"))


# complexity: one branch per kind of the registry
def _cell(
    name: str, value: object, row: Mapping[str, object], lang: Lang, missing: str | None = None
) -> str:
    kind = spec(name)
    if value is None:
        return UNKNOWN[lang] if missing is None else missing
    if kind.kind == "flag":
        return t("word.yes" if value else "word.no", lang)
    if kind.kind == "share" and isinstance(value, int | float):
        text = fmt_pct(float(value), lang, decimals=kind.decimals)
        return text if row.get("betrouwbaar", True) else f"{text}*"
    if kind.kind == "count" and isinstance(value, int | float):
        return fmt_int(value, lang)
    if kind.kind == "number" and isinstance(value, int | float):
        return fmt_number(value, lang, decimals=kind.decimals)
    if kind.kind == "percent" and isinstance(value, int | float):
        return fmt_pct(value / 100, lang, decimals=kind.decimals)
    if kind.kind in ("decimal", "text") and isinstance(value, float):
        # (a number in a text column, such as a published fact's figure, is written too)
        decimals = min(_shortest(value), kind.decimals or 2)
        return fmt_number(value, lang, decimals=decimals)
    return str(value)


def display_table(frame: pl.DataFrame, columns: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """Keep ``columns`` (name -> label key), written as the page writes them, under their
    labels."""
    names = list(columns)
    for name in names:
        spec(name)
    rows = [
        [_cell(name, row[name], row, lang) for name in names] for row in frame.iter_rows(named=True)
    ]
    labels = [t(key, lang) for key in columns.values()]
    return pl.DataFrame(rows, schema=dict.fromkeys(labels, pl.String), orient="row")


def file_rows(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """The rows of a table of the contract (such as an upload about to be published) as the
    page writes them: ``12.500,5``, ``ja``/``nee``, a year without a thousands mark; an empty
    cell stays empty. The headers stay the column names of the file."""
    rows = [
        [_cell(name, value, row, lang, missing="") for name, value in row.items()]
        for row in frame.iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(frame.columns, pl.String), orient="row")


def export_table(frame: pl.DataFrame, columns: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """A table for CSV/XLSX: the chosen columns under their labels, numbers kept as numbers.

    Shares become percentages (the label says ``(%)``); yes/no becomes ``ja``/``nee`` in the
    language. Columns the frame lacks are left out.
    """
    exprs: list[pl.Expr] = []
    yes, no = t("word.yes", lang), t("word.no", lang)
    for name, key in columns.items():
        if name not in frame.columns:
            continue
        kind, label = spec(name), t(key, lang)
        if kind.kind == "share":
            exprs.append((pl.col(name) * 100).round(kind.decimals).alias(f"{label} (%)"))
        elif kind.kind == "percent":
            exprs.append(pl.col(name).round(kind.decimals).alias(f"{label} (%)"))
        elif kind.kind == "flag":
            exprs.append(pl.when(pl.col(name)).then(pl.lit(yes)).otherwise(pl.lit(no)).alias(label))
        else:
            exprs.append(pl.col(name).alias(label))
    return frame.select(exprs)
