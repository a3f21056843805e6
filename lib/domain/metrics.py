"""Pure Polars computations behind every figure: selection, execution, themes, coverage.

Every function takes frames (and the language where it adds labels) and returns a frame or a
small value; nothing here knows about Streamlit. Definitions follow the data contract:
execution rate = (in_uitvoering + afgerond) / all interventions; a factor is covered when at
least one intervention lists it; coverage counts addressable risk factors with strong evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, Literal

import polars as pl

from lib.contract.codes import (
    BEWIJS,
    DOELGROEPEN,
    DOMEINEN,
    STATUSSEN,
    STERK_BEWIJS,
    UITGEVOERD,
    CodeKind,
    Lang,
)
from lib.data.catalog import Dataset, factor_links
from lib.domain.filters import Filters
from lib.text.formats import UNKNOWN
from lib.text.i18n import t
from lib.text.labels import code_label

MIN_RELIABLE = 5
REFERENCE_RATE = 53 / 62  # practice scan, BOTOC municipalities (policy letter 2022)
PLACE_LIMIT: Final = 40
"""Charts with a row or column per municipality group a larger selection by province."""
Place = Literal["gemeente", "provincie"]
Metric = Literal["interventies", "uitvoeringsgraad", "dekking", "inwoners"]
METRICS: tuple[Metric, ...] = ("interventies", "uitvoeringsgraad", "dekking", "inwoners")


@dataclass(frozen=True)
class Selection:
    """The part of the dataset that the filters select."""

    gemeenten: pl.DataFrame  # selected municipalities (column ``naam`` = display name)
    interventies: pl.DataFrame  # interventions in them that pass the intervention filters
    factoren: pl.DataFrame  # factor universe after the domain filter
    links: pl.DataFrame  # interventie_id, gemeentecode, factor: one row per listed factor
    themas: pl.DataFrame
    unfiltered_links: pl.DataFrame | None = None  # links before the domain filter

    @property
    def all_links(self) -> pl.DataFrame:
        """The factor links of the selected interventions, whatever the domain filter."""
        if self.unfiltered_links is None:
            return factor_links(self.interventies)
        return self.unfiltered_links

    @property
    def empty(self) -> bool:
        return self.interventies.is_empty()

    @property
    def illustrative(self) -> bool:
        return bool(self.interventies.get_column("illustratief").fill_null(False).any())


def _in(column: str, values: tuple[str, ...]) -> pl.Expr:
    return pl.col(column).is_in(list(values)) if values else pl.lit(True)


def gemeente_mask(filters: Filters) -> pl.Expr:
    botoc = {"alle": pl.lit(True), "ja": pl.col("botoc"), "nee": ~pl.col("botoc")}[filters.botoc]
    return _in("gemeentecode", filters.gemeenten) & _in("golf", filters.golven) & botoc


def interventie_mask(filters: Filters) -> pl.Expr:
    return (
        _in("thema", filters.themas)
        & _in("status", filters.statussen)
        & _in("doelgroep", filters.doelgroepen)
    )


def select(data: Dataset, filters: Filters) -> Selection:
    """Apply the filters: municipality filters, then intervention filters, then domains.

    The factor links come from ``data.links`` (exploded once per dataset version), so a rerun
    only filters frames and never re-parses the multi-valued ``factoren`` column.
    """
    if filters.is_default:
        gemeenten, interventies = data.gemeenten, data.interventies
    else:
        gemeenten = data.gemeenten.filter(gemeente_mask(filters))
        interventies = data.interventies.filter(
            pl.col("gemeentecode").is_in(gemeenten.get_column("gemeentecode").implode())
            & interventie_mask(filters)
        )
    interventies = interventies.join(
        gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam")),
        on="gemeentecode",
        how="left",
    )
    factoren = data.factoren.filter(_in("domein", filters.domeinen))
    every = data.links
    if interventies.height != data.interventies.height:
        every = every.join(interventies.select("interventie_id"), on="interventie_id", how="semi")
    links = every
    if factoren.height != data.factoren.height:
        links = links.filter(pl.col("factor").is_in(factoren.get_column("factor").implode()))
    return Selection(gemeenten, interventies, factoren, links, data.themas, every)


def chart_place(sel: Selection) -> Place:
    """``provincie`` when more than ``PLACE_LIMIT`` municipalities have interventions."""
    places = sel.interventies.get_column("gemeentecode").n_unique()
    return "provincie" if places > PLACE_LIMIT else "gemeente"


def by_province(sel: Selection) -> Selection:
    """The selection with each municipality's interventions and links under its province.

    ``gemeentecode`` and ``gemeente_naam`` then hold the province, so every per-municipality
    function (``execution_by_gemeente``, ``status_mix``, ``theme_by_gemeente``,
    ``coverage_matrix``) gives one row per province: a chart of 342 municipalities stays
    readable and its data small.
    """
    province = sel.gemeenten.select("gemeentecode", pl.col("provincie").alias("_provincie"))

    def regroup(frame: pl.DataFrame, *names: str) -> pl.DataFrame:
        return (
            frame.join(province, on="gemeentecode", how="left")
            .with_columns(pl.col("_provincie").alias(n) for n in names)
            .drop("_provincie")
        )

    return replace(
        sel,
        interventies=regroup(sel.interventies, "gemeentecode", "gemeente_naam"),
        links=regroup(sel.links, "gemeentecode"),
        unfiltered_links=regroup(sel.all_links, "gemeentecode"),
    )


def rate_frame(grouped: pl.DataFrame) -> pl.DataFrame:
    """Add ``rate`` and ``betrouwbaar`` to a frame with ``n`` and ``uitgevoerd``."""
    return grouped.with_columns(
        pl.when(pl.col("n") > 0).then(pl.col("uitgevoerd") / pl.col("n")).alias("rate"),
        (pl.col("n") >= MIN_RELIABLE).alias("betrouwbaar"),
    )


def _execution_aggs() -> list[pl.Expr]:
    return [
        pl.len().cast(pl.Int64).alias("n"),
        pl.col("status").is_in(UITGEVOERD).sum().cast(pl.Int64).alias("uitgevoerd"),
    ]


@dataclass(frozen=True)
class Headline:
    n_gemeenten: int
    n_interventies: int
    n_uitgevoerd: int
    rate: float | None
    betrouwbaar: bool
    gedekt: int
    totaal_sterk: int


def strong_factors(factoren: pl.DataFrame) -> pl.DataFrame:
    """Addressable risk factors with well-founded or relatively strong evidence."""
    return factoren.filter(
        (pl.col("soort") == "risico")
        & pl.col("beinvloedbaar")
        & pl.col("bewijs").is_in(STERK_BEWIJS)
    )


def headline(sel: Selection) -> Headline:
    n = sel.interventies.height
    done = int(sel.interventies.get_column("status").is_in(UITGEVOERD).sum())
    strong = strong_factors(sel.factoren).get_column("factor")
    covered = sel.links.filter(pl.col("factor").is_in(strong.implode())).get_column("factor")
    return Headline(
        n_gemeenten=sel.gemeenten.height,
        n_interventies=n,
        n_uitgevoerd=done,
        rate=done / n if n else None,
        betrouwbaar=n >= MIN_RELIABLE,
        gedekt=covered.n_unique(),
        totaal_sterk=strong.len(),
    )


def execution_by_gemeente(sel: Selection) -> pl.DataFrame:
    """gemeentecode, gemeente_naam, n, uitgevoerd, rate, betrouwbaar (places with interventions)."""
    return rate_frame(
        sel.interventies.group_by("gemeentecode", "gemeente_naam").agg(_execution_aggs())
    ).sort("rate", "gemeente_naam", descending=[True, False], nulls_last=True)


def execution_by_theme(sel: Selection, lang: Lang) -> pl.DataFrame:
    """thema, thema_naam, n, uitgevoerd, rate, betrouwbaar."""
    grouped = sel.interventies.group_by("thema").agg(_execution_aggs())
    return rate_frame(_theme_names(grouped, sel.themas, lang)).sort(
        "rate", "thema_naam", descending=[True, False], nulls_last=True
    )


def _theme_names(frame: pl.DataFrame, themas: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    names = themas.select("thema", pl.col(f"naam_{lang}").alias("thema_naam"))
    return frame.join(names, on="thema", how="left").with_columns(
        pl.coalesce("thema_naam", "thema").alias("thema_naam")
    )


def _code_names(kind: CodeKind, codes: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    return pl.DataFrame(
        {
            kind: list(codes),
            f"{kind}_naam": [code_label(kind, c, lang) for c in codes],
            f"{kind}_volgorde": list(range(len(codes))),
        },
        schema={kind: pl.String, f"{kind}_naam": pl.String, f"{kind}_volgorde": pl.Int64},
    )


def execution_trend(data: Dataset, filters: Filters) -> pl.DataFrame:
    """periode, n, uitgevoerd, rate, betrouwbaar: the execution rate per reporting period.

    Counts the ``voortgang`` rows of the interventions that ``filters`` select (through their
    municipality and current theme, status and target group); one row per period, in order.
    Works on ``data.progress`` with a row mask, so 800,000 rows filter in milliseconds.
    """
    rows = data.progress
    if not filters.is_default:
        places = data.gemeenten.filter(gemeente_mask(filters)).get_column("gemeentecode")
        keep = data.interventies.select(
            (pl.col("gemeentecode").is_in(places.implode()) & interventie_mask(filters)).alias("k")
        ).to_series()
        rows = rows.filter(keep.gather(rows.get_column("rij")))
    counts = rows.group_by("periode").agg(
        pl.len().cast(pl.Int64).alias("n"), pl.col("uitgevoerd").sum().cast(pl.Int64)
    )
    return rate_frame(counts.with_columns(pl.col("periode").cast(pl.String))).sort("periode")


def status_mix(sel: Selection, lang: Lang) -> pl.DataFrame:
    """gemeente_naam, status, status_naam, status_volgorde, n: per municipality and status."""
    counts = sel.interventies.group_by("gemeente_naam", "status").agg(
        pl.len().cast(pl.Int64).alias("n")
    )
    return counts.join(_code_names("status", STATUSSEN, lang), on="status", how="left").sort(
        "gemeente_naam", "status_volgorde"
    )


def theme_counts(sel: Selection, lang: Lang) -> pl.DataFrame:
    """thema, thema_naam, n, share: sorted from most to least."""
    counts = sel.interventies.group_by("thema").agg(pl.len().cast(pl.Int64).alias("n"))
    total = max(sel.interventies.height, 1)
    return (
        _theme_names(counts, sel.themas, lang)
        .with_columns((pl.col("n") / total).alias("share"))
        .sort("n", "thema_naam", descending=[True, False])
    )


def theme_by_gemeente(sel: Selection, lang: Lang) -> pl.DataFrame:
    """gemeente_naam, thema, thema_naam, n: one row per municipality and theme that occurs."""
    counts = sel.interventies.group_by("gemeente_naam", "thema").agg(
        pl.len().cast(pl.Int64).alias("n")
    )
    return _theme_names(counts, sel.themas, lang).sort("gemeente_naam", "thema")


def target_group_counts(sel: Selection, lang: Lang) -> pl.DataFrame:
    """doelgroep (null = unknown), doelgroep_naam, n; in the contract's order, unknown last."""
    counts = sel.interventies.group_by("doelgroep").agg(pl.len().cast(pl.Int64).alias("n"))
    names = _code_names("doelgroep", DOELGROEPEN, lang)
    return (
        counts.join(names, on="doelgroep", how="left", nulls_equal=False)
        .with_columns(
            pl.col("doelgroep_naam").fill_null(UNKNOWN[lang].capitalize()),
            pl.col("doelgroep_volgorde").fill_null(len(DOELGROEPEN)),
        )
        .sort("doelgroep_volgorde")
    )


def coverage_matrix(sel: Selection, lang: Lang) -> pl.DataFrame:
    """One row per risk factor x municipality with interventions.

    Columns: factor, factor_naam, domein, bewijs, beinvloedbaar, gemeente_naam, n (interventions
    listing the factor), gedekt (n > 0), domein_naam, domein_volgorde, bewijs_naam,
    bewijs_volgorde, sterk.
    """
    risk = sel.factoren.filter(pl.col("soort") == "risico").select(
        "factor",
        pl.col(f"naam_{lang}").alias("factor_naam"),
        "domein",
        "bewijs",
        "beinvloedbaar",
    )
    places = sel.interventies.select("gemeentecode", "gemeente_naam").unique()
    counts = sel.links.group_by("factor", "gemeentecode").agg(pl.len().cast(pl.Int64).alias("n"))
    grid = risk.join(places, how="cross")
    return (
        grid.join(counts, on=["factor", "gemeentecode"], how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns((pl.col("n") > 0).alias("gedekt"))
        .join(_code_names("domein", DOMEINEN, lang), on="domein", how="left")
        .join(_code_names("bewijs", BEWIJS, lang), on="bewijs", how="left")
        .with_columns(
            (pl.col("bewijs").is_in(STERK_BEWIJS) & pl.col("beinvloedbaar")).alias("sterk")
        )
        .sort("domein_volgorde", "bewijs_volgorde", "factor_naam", "gemeente_naam")
        .drop("gemeentecode")
    )


def coverage_by_gemeente(sel: Selection) -> pl.DataFrame:
    """gemeentecode, n_gedekt, totaal, dekking: the strong addressable risk factors covered
    per place."""
    strong = strong_factors(sel.factoren).get_column("factor")
    covered = (
        sel.links.filter(pl.col("factor").is_in(strong.implode()))
        .group_by("gemeentecode")
        .agg(pl.col("factor").n_unique().cast(pl.Int64).alias("n_gedekt"))
    )
    total = strong.len()
    return covered.with_columns(
        pl.lit(total, pl.Int64).alias("totaal"),
        (pl.col("n_gedekt") / total if total else pl.lit(None, pl.Float64)).alias("dekking"),
    )


def gaps(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Strong addressable risk factors no intervention in the selection covers, strongest first.

    Columns: factor, factor_naam, bewijs, bewijs_naam, domein, domein_naam, uitleg, bronnen.
    """
    covered = sel.links.get_column("factor").unique()
    return (
        strong_factors(sel.factoren)
        .filter(~pl.col("factor").is_in(covered.implode()))
        .join(_code_names("bewijs", BEWIJS, lang), on="bewijs", how="left")
        .join(_code_names("domein", DOMEINEN, lang), on="domein", how="left")
        .sort("bewijs_volgorde", "domein_volgorde", f"naam_{lang}")
        .select(
            "factor",
            pl.col(f"naam_{lang}").alias("factor_naam"),
            "bewijs",
            "bewijs_naam",
            "domein",
            "domein_naam",
            pl.col(f"uitleg_{lang}").alias("uitleg"),
            "bronnen",
        )
    )


def protective_used(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Every protective factor with n_interventies and n_gemeenten that list it (0 when none)."""
    protective = sel.factoren.filter(pl.col("soort") == "beschermend")
    counts = sel.links.group_by("factor").agg(
        pl.col("interventie_id").n_unique().cast(pl.Int64).alias("n_interventies"),
        pl.col("gemeentecode").n_unique().cast(pl.Int64).alias("n_gemeenten"),
    )
    return (
        protective.join(counts, on="factor", how="left")
        .with_columns(pl.col("n_interventies", "n_gemeenten").fill_null(0))
        .join(_code_names("domein", DOMEINEN, lang), on="domein", how="left")
        .sort("n_interventies", f"naam_{lang}", descending=[True, False])
        .select(
            "factor",
            pl.col(f"naam_{lang}").alias("factor_naam"),
            "domein_naam",
            "n_interventies",
            "n_gemeenten",
        )
    )


def map_frame(sel: Selection, metric: Metric) -> pl.DataFrame:
    """One row per selected municipality with its figures and the chosen ``waarde``.

    Columns: gemeentecode, gemeente_naam, lat, lon, inwoners, golf, botoc, n, uitgevoerd, rate,
    betrouwbaar, n_gedekt, totaal, dekking, waarde (null when unknown or unreliable).
    """
    execution = rate_frame(sel.interventies.group_by("gemeentecode").agg(_execution_aggs()))
    coverage = coverage_by_gemeente(sel)
    frame = (
        sel.gemeenten.select(
            "gemeentecode",
            pl.col("naam").alias("gemeente_naam"),
            "lat",
            "lon",
            "inwoners",
            "golf",
            "botoc",
        )
        .join(execution, on="gemeentecode", how="left")
        .join(coverage, on="gemeentecode", how="left")
        .with_columns(
            pl.col("n", "uitgevoerd", "n_gedekt").fill_null(0),
            pl.col("betrouwbaar").fill_null(False),
            pl.col("totaal").fill_null(strong_factors(sel.factoren).height),
        )
        .with_columns(
            pl.when((pl.col("n") > 0) & (pl.col("totaal") > 0))
            .then(pl.col("n_gedekt") / pl.col("totaal"))
            .alias("dekking")
        )
    )
    value = {
        "interventies": pl.col("n").cast(pl.Float64),
        "uitvoeringsgraad": pl.when(pl.col("betrouwbaar")).then(pl.col("rate")),
        "dekking": pl.col("dekking"),
        "inwoners": pl.col("inwoners").cast(pl.Float64),
    }[metric]
    return frame.with_columns(value.alias("waarde")).sort("gemeente_naam")


def map_context(data: Dataset) -> pl.DataFrame:
    """Every municipality of the programme (gemeentecode, gemeente_naam, lat, lon), for context."""
    return data.gemeenten.select(
        "gemeentecode", pl.col("naam").alias("gemeente_naam"), "lat", "lon"
    )


def compare_with_wave(data: Dataset, filters: Filters, lang: Lang) -> pl.DataFrame:
    """Execution rate of the selection, of its wave(s) and of all municipalities.

    The intervention filters (theme, status, target group) apply to all three rows; the wave
    row uses the waves of the selected municipalities. Columns: groep, n, uitgevoerd, rate,
    betrouwbaar.
    """
    sel = select(data, filters)
    waves = tuple(sorted(sel.gemeenten.get_column("golf").unique().to_list()))
    base = Filters(
        themas=filters.themas, statussen=filters.statussen, doelgroepen=filters.doelgroepen
    )
    rows = [(t("comparison.selection", lang), sel.interventies)]
    for wave in waves:
        wave_sel = select(data, Filters(**{**base.__dict__, "golven": (wave,)}))
        label = t("comparison.wave", lang, golf=code_label("golf", wave, lang))
        rows.append((label, wave_sel.interventies))
    rows.append((t("comparison.all", lang), select(data, base).interventies))
    frame = pl.DataFrame(
        {
            "groep": [label for label, _ in rows],
            "n": [f.height for _, f in rows],
            "uitgevoerd": [int(f.get_column("status").is_in(UITGEVOERD).sum()) for _, f in rows],
        },
        schema={"groep": pl.String, "n": pl.Int64, "uitgevoerd": pl.Int64},
    )
    return rate_frame(frame)


def timeline(data: Dataset, lang: Lang) -> pl.DataFrame:
    """datum, jaar, gebeurtenis, aantal_gemeenten, bron: sorted by date."""
    return data.tijdlijn.select(
        "datum",
        pl.col("datum").str.slice(0, 4).cast(pl.Int64).alias("jaar"),
        pl.col(f"gebeurtenis_{lang}").alias("gebeurtenis"),
        "aantal_gemeenten",
        "bron",
    ).sort("datum")


def lessons(data: Dataset, lang: Lang) -> pl.DataFrame:
    """product, product_naam, tekst, bron."""
    return data.lessen.select(
        "product",
        pl.col("product")
        .map_elements(lambda p: code_label("product", p, lang), return_dtype=pl.String)
        .alias("product_naam"),
        pl.col(f"tekst_{lang}").alias("tekst"),
        "bron",
    )


def strong_factor_counts(sel: Selection, lang: Lang) -> pl.DataFrame:
    """Every strong, addressable risk factor with the interventions in the selection that list it.

    Columns: factor, factor_naam, bewijs_naam, domein_naam, n, gedekt; gaps (n = 0) last.
    """
    strong = strong_factors(sel.factoren)
    counts = sel.links.group_by("factor").agg(pl.col("interventie_id").n_unique().alias("n"))
    names = {
        "bewijs": {code: code_label("bewijs", code, lang) for code in strong["bewijs"].unique()},
        "domein": {code: code_label("domein", code, lang) for code in strong["domein"].unique()},
    }
    return (
        strong.join(counts, on="factor", how="left")
        .with_columns(pl.col("n").fill_null(0).cast(pl.Int64))
        .select(
            "factor",
            pl.col(f"naam_{lang}").alias("factor_naam"),
            pl.col("bewijs")
            .replace_strict(names["bewijs"], return_dtype=pl.String)
            .alias("bewijs_naam"),
            pl.col("domein")
            .replace_strict(names["domein"], return_dtype=pl.String)
            .alias("domein_naam"),
            "n",
            (pl.col("n") > 0).alias("gedekt"),
        )
        .sort("n", "factor_naam", descending=[True, False])
    )
