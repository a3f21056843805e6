"""The Context page in words: names of places, offences and groups, the caveats, and the
frames of ``lib.domain.context_figures`` with the names a reader sees.

The findings are in ``lib.text.context_findings``. Offence names come from the data
(``misdrijfsoorten.naam_nl``/``naam_en``); place names from ``bevolking`` (the CBS name of the
latest year), with the display name of ``gemeenten`` where it has one (``Den Haag``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Final
from urllib.parse import urlsplit

import polars as pl

from lib.contract.codes import Lang
from lib.domain.context import GROOTTEKLASSEN, population_years
from lib.text.formats import fmt_eur, fmt_int, fmt_number, fmt_pct, join_names
from lib.text.i18n import t

ALIASES: Final[Mapping[str, str]] = {"GM0518": "Den Haag", "GM0796": "Den Bosch"}
"""Names people use besides the CBS name ('s-Gravenhage, 's-Hertogenbosch): the picker
finds a municipality by either."""
RATE_DECIMALS: Final = 2
SIZE_BANDS: Final[tuple[str, ...]] = tuple(code for code, _, _ in GROOTTEKLASSEN)
URBANITY: Final[tuple[str, ...]] = ("1", "2", "3", "4", "5")
CAVEATS: Final[tuple[str, ...]] = (
    "place",
    "priorities",
    "not_youth",
    "programme",
    "rates",
    "ages",
)
"""The caveats of the page, in the order shown (family ``context.caveat``)."""
EUR_UNITS: Final[frozenset[str]] = frozenset({"euro", "euro per jaar"})


# --------------------------------------------------------------------------- names


def place_names(bevolking: pl.DataFrame, gemeenten: pl.DataFrame | None = None) -> dict[str, str]:
    """Code -> the name shown: the display name of ``gemeenten`` (``naam``) where it has
    one, else the CBS name of the latest year in ``bevolking``."""
    latest = bevolking.sort("peildatum").unique("gemeentecode", keep="last")
    names = dict(latest.select("gemeentecode", "gemeente").iter_rows())
    if gemeenten is not None and "naam" in gemeenten.columns:
        names.update(
            (code, name)
            for code, name in gemeenten.select("gemeentecode", "naam").iter_rows()
            if code in names and name
        )
    return names


def picker_label(code: str, names: Mapping[str, str], cbs_names: Mapping[str, str]) -> str:
    """The label of a municipality in a picker: its name, and in brackets the other name it
    is known by (``Den Haag ('s-Gravenhage)``, ``'s-Hertogenbosch (Den Bosch)``)."""
    name = names.get(code, code)
    others = [n for n in (cbs_names.get(code), ALIASES.get(code)) if n and n != name]
    return f"{name} ({others[0]})" if others else name


def sorted_codes(names: Mapping[str, str]) -> list[str]:
    """The codes ordered by name as a reader looks them up ('s-Gravenhage under G)."""
    return sorted(names, key=lambda code: names[code].lstrip("'s- ").casefold())


def offence_names(misdrijfsoorten: pl.DataFrame, lang: Lang) -> dict[str, str]:
    """Offence code -> its name in ``lang``, in the order of the police classification."""
    ordered = misdrijfsoorten.sort("volgorde")
    return dict(ordered.select("soort", f"naam_{lang}").iter_rows())


def enforcement_driven(misdrijfsoorten: pl.DataFrame, soort: str) -> bool:
    """Whether registrations of ``soort`` mainly follow police effort (``handhaving``)."""
    row = misdrijfsoorten.filter(pl.col("soort") == soort)
    return bool(row.get_column("handhaving").any()) if row.height else False


def group_name(reeks: str, gemeenten: int, lang: Lang) -> str:
    """``Selectie (27 gemeenten)``: a group of ``lib.domain.context.GROEPEN`` with its size."""
    return t(
        "context.group_size",
        lang,
        groep=t(f"context.group.{reeks}", lang),
        gemeenten=t("count.gemeenten", lang, n=gemeenten),
    )


def series_name(row: Mapping[str, object], names: Mapping[str, str], lang: Lang) -> str:
    """The name of a series (a group with its size, or a municipality)."""
    reeks = str(row["reeks"])
    if row["soort_reeks"] == "gemeente":
        return names.get(reeks, reeks)
    return group_name(reeks, int(row["gemeenten"] or 0), lang)  # type: ignore[call-overload]


def with_series_names(frame: pl.DataFrame, names: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """``frame`` (``reeks``, ``soort_reeks``, ``gemeenten``) with ``reeks_naam`` after
    ``reeks``. A group keeps one name over the years (its size in the latest year)."""
    sizes = frame.group_by("reeks").agg(pl.col("gemeenten").last())
    size = dict(sizes.iter_rows())
    named = [
        series_name({"reeks": r, "soort_reeks": k, "gemeenten": size[r]}, names, lang)
        for r, k in frame.select("reeks", "soort_reeks").iter_rows()
    ]
    order = [
        c for name in frame.columns for c in ((name, "reeks_naam") if name == "reeks" else (name,))
    ]
    return frame.with_columns(pl.Series("reeks_naam", named, dtype=pl.String)).select(order)


# --------------------------------------------------------------------------- numbers


def rate(value: float | None, lang: Lang) -> str:
    """A rate per 1,000 inhabitants: ``1,28`` / ``1.28``."""
    return fmt_number(value, lang, decimals=RATE_DECIMALS)


def share_points(value: float | None, lang: Lang, *, decimals: int = 1) -> str:
    """An age share given in percentage points (0-100): ``14,0 %`` / ``14.0%``."""
    return fmt_pct(None if value is None else value / 100, lang, decimals=decimals)


def _year_span(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def population_rule(
    mapping: Mapping[int, int | None], lang: Lang, *, only_borrowed: bool = True
) -> str:
    """Which population the rates of which years use, as one clause:
    ``2012-2022: 1 januari 2023; 2025: 1 januari 2024``."""
    pairs = sorted((y, p) for y, p in mapping.items() if p is not None)
    if only_borrowed:
        pairs = [(y, p) for y, p in pairs if y != p]
    parts = []
    for population, run in groupby(pairs, key=lambda pair: pair[1]):
        years = [y for y, _ in run]
        spans: list[list[int]] = []
        for year in years:
            if spans and year == spans[-1][-1] + 1:
                spans[-1].append(year)
            else:
                spans.append([year])
        text = ", ".join(_year_span(s) for s in spans)
        parts.append(t("context.population_of", lang, jaren=text, peiljaar=population))
    return "; ".join(parts)


# --------------------------------------------------------------------------- caveats


def caveats(
    lang: Lang,
    *,
    mapping: Mapping[int, int | None],
    bevolking: pl.DataFrame,
    provisional: Sequence[int],
) -> list[str]:
    """Every caveat of the page, in the order of ``CAVEATS``: ``mapping`` says which
    population the rate of each year uses, ``provisional`` which years are provisional."""
    own = [str(y) for y in population_years(bevolking)]
    params: dict[str, dict[str, str]] = {
        "rates": {
            "jaren": join_names(own, lang),
            "regel": population_rule(mapping, lang),
            "voorlopig": join_names([str(y) for y in provisional], lang) or "-",
        },
    }
    return [t(f"context.caveat.{key}", lang, **params.get(key, {})) for key in CAVEATS]


def download_caveat(
    lang: Lang,
    *,
    mapping: Mapping[int, int | None] | None = None,
    enforcement: bool = False,
    ages: bool = False,
) -> list[str]:
    """The caveat lines under a downloaded chart or table of the page."""
    lines = [t("context.download.registered", lang)]
    if enforcement:
        lines.append(t("context.download.enforcement", lang))
    if mapping is not None:
        lines.append(t("context.download.rates", lang, regel=population_rule(mapping, lang)))
    if ages:
        lines = [t("context.download.ages", lang)]
    lines.append(t("context.download.no_effect", lang))
    return lines


# --------------------------------------------------------------------------- tables


def regeling_name(code: str | None, lang: Lang) -> str:
    return "" if code is None else t(f"context.regeling.{code}", lang)


def named_ranking(frame: pl.DataFrame, names: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """``context_figures.map_ranking`` with ``gemeente_naam`` and ``regeling_naam``."""
    return frame.with_columns(
        pl.col("gemeentecode")
        .replace_strict(dict(names), default=pl.col("gemeentecode"), return_dtype=pl.String)
        .alias("gemeente_naam"),
        pl.Series(
            "regeling_naam",
            [regeling_name(code, lang) for code in frame.get_column("regeling").to_list()],
            dtype=pl.String,
        ),
    )


def named_comparison(frame: pl.DataFrame, names: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """``context.comparison_group`` in words: gemeente_naam, inwoners, stedelijkheid_naam,
    grootteklasse_naam and zelfde_klasse_als (the selected municipalities, by name); sorted
    by name."""
    rows = [
        {
            "gemeentecode": row["gemeentecode"],
            "gemeente_naam": names.get(row["gemeentecode"], row["gemeentecode"]),
            "inwoners": row["inwoners"],
            "stedelijkheid_naam": t(f"context.urbanity.{row['stedelijkheid']}", lang),
            "grootteklasse_naam": t(f"context.size_band.{row['grootteklasse']}", lang),
            "zelfde_klasse_als": ", ".join(
                sorted(names.get(c, c) for c in row["zelfde_klasse_als"].split("|"))
            ),
        }
        for row in frame.iter_rows(named=True)
    ]
    schema = {
        "gemeentecode": pl.String,
        "gemeente_naam": pl.String,
        "inwoners": pl.Int64,
        "stedelijkheid_naam": pl.String,
        "grootteklasse_naam": pl.String,
        "zelfde_klasse_als": pl.String,
    }
    return pl.DataFrame(rows, schema=schema).sort(
        pl.col("gemeente_naam").str.strip_chars_start("'s- ").str.to_lowercase()
    )


def fact_value(value: float | None, unit: str | None, lang: Lang) -> str:
    """A published figure with its unit: amounts in euros as the language writes them
    (``€ 10.000.000 per jaar``), other figures as numbers with their unit; "" for none."""
    if value is None:
        return ""
    unit = (unit or "").strip()
    if unit in EUR_UNITS:
        amount = fmt_eur(value, lang)
        return amount if unit == "euro" else f"{amount} {t('context.fact.per_year', lang)}"
    number = fmt_int(value, lang) if float(value).is_integer() else fmt_number(value, lang)
    return f"{number} {unit}".strip()


def named_facts(frame: pl.DataFrame, names: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """``context_figures.facts`` in words: gemeente_naam, onderwerp_naam, feit, waarde (with
    its unit), periode, bron, bron_datum, soort_bron_naam, betrouwbaarheid_naam."""
    rows = [
        {
            "gemeente_naam": names.get(row["gemeentecode"], row["gemeentecode"]),
            "onderwerp_naam": t(f"context.fact.subject.{row['onderwerp']}", lang),
            "feit": row["feit"],
            "waarde": fact_value(row["waarde"], row["eenheid"], lang),
            "periode": row["periode"] or "",
            "bron": row["bron"],
            "bron_datum": row["bron_datum"] or "",
            "soort_bron_naam": t(f"context.fact.source_kind.{row['soort_bron']}", lang),
            "betrouwbaarheid_naam": t(f"context.fact.reliability.{row['betrouwbaarheid']}", lang),
        }
        for row in frame.iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(FACT_COLUMNS, pl.String))


FACT_COLUMNS: Final[dict[str, str]] = {
    "gemeente_naam": "column.gemeente",
    "onderwerp_naam": "context.fact.column.subject",
    "feit": "context.fact.column.fact",
    "waarde": "context.fact.column.value",
    "periode": "column.period",
    "bron": "column.source",
    "bron_datum": "context.fact.column.date",
    "soort_bron_naam": "context.fact.column.source_kind",
    "betrouwbaarheid_naam": "context.fact.column.reliability",
}
"""The columns of a table of published facts, with their labels."""


def web_address(url: str | None) -> str:
    """``url`` when it is a web address (``http`` or ``https`` with a host), else ""."""
    parts = urlsplit((url or "").strip())
    return (url or "").strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def fact_line(row: Mapping[str, str], lang: Lang, *, with_place: bool = False) -> str:
    """One published fact as plain text: ``Budget: <fact> — € 3.000.000 per jaar, 4 jaar
    (bron: <url>, 2022-12)``; a source that is not a web address is left out."""
    head = f"{row['gemeente_naam']} · " if with_place else ""
    detail = ", ".join(part for part in (row["waarde"], row["periode"]) if part)
    source = ", ".join(part for part in (web_address(row["bron"]), row["bron_datum"]) if part)
    text = f"{head}{row['onderwerp_naam']}: {row['feit']}"
    if detail:
        text += f" — {detail}"
    return f"{text} ({t('context.fact.source', lang)}: {source})" if source else text
