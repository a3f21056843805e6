"""Risk and protective factors: which ones the interventions of a selection address.

A factor is covered when at least one intervention lists it (whatever its status). Coverage
counts the addressable risk factors with strong evidence (``strong_factors``). Every frame
holds codes and numbers; names and explanations in a language are added at the edge
(``lib.text.labels``), which also orders ties by name.
"""

from __future__ import annotations

import polars as pl

from lib.contract.codes import BEWIJS, DOMEINEN, STERK_BEWIJS
from lib.domain.selection import Selection, code_order


def strong_factors(factoren: pl.DataFrame) -> pl.DataFrame:
    """Addressable risk factors with well-founded or relatively strong evidence."""
    return factoren.filter(
        (pl.col("soort") == "risico")
        & pl.col("beinvloedbaar")
        & pl.col("bewijs").is_in(STERK_BEWIJS)
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


def coverage_matrix(sel: Selection) -> pl.DataFrame:
    """One row per risk factor x municipality with interventions.

    Columns: factor, domein, bewijs, beinvloedbaar, gemeente_naam, n (interventions listing the
    factor), gedekt (n > 0), domein_volgorde, bewijs_volgorde, sterk. Sorted by domain,
    evidence, factor code and municipality (the edge puts factors of a tie in name order).
    """
    risk = sel.factoren.filter(pl.col("soort") == "risico").select(
        "factor", "domein", "bewijs", "beinvloedbaar"
    )
    places = sel.interventies.select("gemeentecode", "gemeente_naam").unique()
    counts = sel.links.group_by("factor", "gemeentecode").agg(pl.len().cast(pl.Int64).alias("n"))
    grid = risk.join(places, how="cross")
    return (
        grid.join(counts, on=["factor", "gemeentecode"], how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns((pl.col("n") > 0).alias("gedekt"))
        .join(code_order("domein", DOMEINEN), on="domein", how="left")
        .join(code_order("bewijs", BEWIJS), on="bewijs", how="left")
        .with_columns(
            (pl.col("bewijs").is_in(STERK_BEWIJS) & pl.col("beinvloedbaar")).alias("sterk")
        )
        .sort("domein_volgorde", "bewijs_volgorde", "factor", "gemeente_naam")
        .drop("gemeentecode")
    )


def gaps(sel: Selection) -> pl.DataFrame:
    """Strong addressable risk factors no intervention in the selection covers, strongest first.

    Columns: factor, bewijs, bewijs_volgorde, domein, domein_volgorde, uitleg_nl, uitleg_en,
    bronnen. Sorted by evidence, domain and factor code (the edge sorts a tie by name).
    """
    covered = sel.links.get_column("factor").unique()
    return (
        strong_factors(sel.factoren)
        .filter(~pl.col("factor").is_in(covered.implode()))
        .join(code_order("bewijs", BEWIJS), on="bewijs", how="left")
        .join(code_order("domein", DOMEINEN), on="domein", how="left")
        .sort("bewijs_volgorde", "domein_volgorde", "factor")
        .select(
            "factor",
            "bewijs",
            "bewijs_volgorde",
            "domein",
            "domein_volgorde",
            "uitleg_nl",
            "uitleg_en",
            "bronnen",
        )
    )


def protective_used(sel: Selection) -> pl.DataFrame:
    """Every protective factor: factor, domein, n_interventies and n_gemeenten that list it
    (0 when none); most used first, then by factor code."""
    protective = sel.factoren.filter(pl.col("soort") == "beschermend")
    counts = sel.links.group_by("factor").agg(
        pl.col("interventie_id").n_unique().cast(pl.Int64).alias("n_interventies"),
        pl.col("gemeentecode").n_unique().cast(pl.Int64).alias("n_gemeenten"),
    )
    return (
        protective.join(counts, on="factor", how="left")
        .with_columns(pl.col("n_interventies", "n_gemeenten").fill_null(0))
        .sort("n_interventies", "factor", descending=[True, False])
        .select("factor", "domein", "n_interventies", "n_gemeenten")
    )


def strong_factor_counts(sel: Selection) -> pl.DataFrame:
    """Every strong, addressable risk factor with the interventions in the selection that list it.

    Columns: factor, bewijs, domein, n, gedekt; most listed first, gaps (n = 0) last, ties by
    factor code.
    """
    strong = strong_factors(sel.factoren)
    counts = sel.links.group_by("factor").agg(pl.col("interventie_id").n_unique().alias("n"))
    return (
        strong.join(counts, on="factor", how="left")
        .with_columns(pl.col("n").fill_null(0).cast(pl.Int64))
        .select("factor", "bewijs", "domein", "n", (pl.col("n") > 0).alias("gedekt"))
        .sort("n", "factor", descending=[True, False])
    )
