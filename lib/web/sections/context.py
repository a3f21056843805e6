"""Context: public population and crime figures for the selection and named municipalities.

Every figure is computed in ``lib.domain.context_figures`` (codes and numbers, cached once per
version of the context tables for every session and language), named and worded in
``lib.text.context`` and ``lib.text.context_findings``, and drawn by ``lib.viz.context_charts``
and ``lib.viz.context_map`` (with the map component of the Kaart page). The page shows no
example data; its caveats are on the page and under every downloaded chart and table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import polars as pl
import streamlit as st

from lib.contract.codes import MISDRIJFSOORTEN
from lib.data import geo
from lib.domain import context as domain
from lib.domain import context_figures as figures
from lib.domain.context import PER, population_years
from lib.text import context as words
from lib.text import context_findings as findings
from lib.text.i18n import t
from lib.viz import choropleth, context_charts, context_map, vega
from lib.web import cache, downloads, layout, map_view, sync
from lib.web.state import (
    CONTEXT_NAMED_KEY,
    CONTEXT_OFFENCE_KEY,
    CONTEXT_YEAR_KEY,
    Context,
)

MAP_PREFIX: Final = "context_kaart"
ONLY_PROGRAMME_KEY: Final = "context_alleen_programma"

TREND_COLUMNS: Final = {
    "reeks_naam": "context.column.series",
    "jaar": "context.column.year",
    "geregistreerd": "context.column.registered",
    "inwoners": "column.population",
    "bevolking_peiljaar": "context.column.population_year",
    "per_1000": "context.column.rate",
    "geleend": "context.column.borrowed",
    "voorlopig": "context.column.provisional",
}
RANKING_COLUMNS: Final = {
    "rang": "context.column.rank",
    "gemeente_naam": "column.gemeente",
    "in_programma": "context.column.in_programme",
    "regeling_naam": "context.column.regeling",
    "per_1000": "context.column.rate",
    "geregistreerd": "context.column.registered",
    "inwoners": "column.population",
    "bevolking_peiljaar": "context.column.population_year",
    "voorlopig": "context.column.provisional",
    "genoemd": "context.column.named",
}
COMPARISON_COLUMNS: Final = {
    "gemeente_naam": "column.gemeente",
    "inwoners": "column.population",
    "stedelijkheid_naam": "context.column.urbanity",
    "grootteklasse_naam": "context.column.size_band",
    "zelfde_klasse_als": "context.column.same_class_as",
}
AGE_COLUMNS: Final = {
    "reeks_naam": "context.column.series",
    "gemeenten": "context.column.municipalities",
    "inwoners": "column.population",
    "pct_0_15": "context.column.age_0_15",
    "pct_15_25": "context.column.age_15_25",
    "pct_25_45": "context.column.age_25_45",
    "pct_45_65": "context.column.age_45_65",
    "pct_65plus": "context.column.age_65plus",
}


@dataclass(frozen=True)
class Choice:
    """What the page shows: the offence type, the year, the named municipalities, and the
    groups (selection and comparison group) by code."""

    soort: str
    soort_naam: str
    jaar: int
    named: tuple[str, ...]
    selection: tuple[str, ...]
    comparison: tuple[str, ...]
    names: dict[str, str]
    enforcement: bool


# --------------------------------------------------------------------------- inputs


def _tables(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    data = ctx.data
    return (
        data.context_table("misdrijven"),
        data.context_table("bevolking"),
        data.context_table("programma"),
        data.context_table("misdrijfsoorten"),
    )


def _names(ctx: Context) -> dict[str, str]:
    bevolking = ctx.data.context_table("bevolking")
    names: dict[str, str] = cache.context_figure(
        ctx.data, "names", build=lambda: words.place_names(bevolking, ctx.data.gemeenten)
    )
    return names


def _years(ctx: Context) -> tuple[list[int], int, list[int], dict[int, int | None]]:
    """Years with offences, the default year, the provisional years, and which population
    the rate of each year uses."""
    misdrijven, bevolking, _, _ = _tables(ctx)

    def build() -> tuple[list[int], int, list[int], dict[int, int | None]]:
        years = figures.rate_years(misdrijven)
        provisional = misdrijven.filter(pl.col("voorlopig")).get_column("jaar").unique()
        mapping = domain.denominator_years(years, population_years(bevolking), figures.TREND_RULE)
        return years, figures.default_year(misdrijven, bevolking), sorted(provisional), mapping

    result: tuple[list[int], int, list[int], dict[int, int | None]] = cache.context_figure(
        ctx.data, "years", build=build
    )
    return result


def stop_without_context(ctx: Context) -> None:
    """Say so and stop when the dataset has no population and crime tables."""
    if not ctx.data.has_context:
        st.info(t("context.missing", ctx.lang))
        layout.footer(ctx)
        st.stop()


def caveats(ctx: Context) -> None:
    """That the page shows no example data, and how to read its figures."""
    lang = ctx.lang
    _, bevolking, _, _ = _tables(ctx)
    _, _, provisional, mapping = _years(ctx)
    st.success(t("context.real_data", lang), icon=":material/verified:")
    with st.expander(t("context.read_first", lang), expanded=True, icon=":material/info:"):
        lines = words.caveats(lang, mapping=mapping, bevolking=bevolking, provisional=provisional)
        st.markdown("\n".join(f"- {line}" for line in lines))


def _clean_widgets(options: Sequence[str], years: Sequence[int], default_year: int) -> None:
    """Keep only values the widgets offer (a link or an older dataset may hold others)."""
    s = st.session_state
    if s.get(CONTEXT_OFFENCE_KEY) not in MISDRIJFSOORTEN:
        s[CONTEXT_OFFENCE_KEY] = figures.DEFAULT_SOORT
    if s.get(CONTEXT_YEAR_KEY) not in years:
        s[CONTEXT_YEAR_KEY] = default_year
    known = set(options)
    chosen = [c for c in s.get(CONTEXT_NAMED_KEY) or [] if c in known]
    s[CONTEXT_NAMED_KEY] = chosen[: figures.MAX_NAMED]


def controls(ctx: Context) -> Choice:
    """The offence type, the year and the municipalities set side by side (all in the URL)."""
    lang = ctx.lang
    _, bevolking, programma, soorten = _tables(ctx)
    names = _names(ctx)
    cbs = dict(bevolking.select("gemeentecode", "gemeente").iter_rows())
    options = words.sorted_codes(names)
    years, default_year, provisional, _ = _years(ctx)
    sync.seed_context_widgets(sync.current_context_view())
    _clean_widgets(options, years, default_year)
    offence_names = words.offence_names(soorten, lang)
    left, middle, right = st.columns([2, 2, 3])
    soort: str = left.selectbox(
        t("context.offence", lang),
        list(offence_names),
        format_func=lambda code: offence_names.get(code, code),
        key=CONTEXT_OFFENCE_KEY,
    )
    provisional_text = t("context.trend.provisional", lang)
    jaar: int = middle.selectbox(
        t("context.year", lang),
        years,
        format_func=lambda y: f"{y} ({provisional_text})" if y in provisional else str(y),
        key=CONTEXT_YEAR_KEY,
    )
    named: list[str] = right.multiselect(
        t("context.named", lang),
        options,
        format_func=lambda code: words.picker_label(code, names, cbs),
        key=CONTEXT_NAMED_KEY,
        max_selections=figures.MAX_NAMED,
        placeholder=t("context.named_placeholder", lang),
        help=t("context.named_help", lang),
    )
    enforcement = words.enforcement_driven(soorten, soort)
    if enforcement:
        st.warning(
            t("context.enforcement", lang, soort=offence_names[soort]), icon=":material/policy:"
        )
    selection = figures.known(bevolking, ctx.selection.gemeenten.get_column("gemeentecode"))
    group = cache.context_figure(
        ctx.data,
        "comparison",
        selection,
        build=lambda: domain.comparison_group(bevolking, programma, selection),
    )
    return Choice(
        soort=soort,
        soort_naam=offence_names[soort],
        jaar=int(jaar),
        named=tuple(named),
        selection=selection,
        comparison=tuple(group.get_column("gemeentecode").to_list()),
        names=names,
        enforcement=enforcement,
    )


# --------------------------------------------------------------------------- sections


def trend(ctx: Context, choice: Choice) -> None:
    """Offences per 1,000 inhabitants per year: selection, rest of the country, comparison
    group and the named municipalities."""
    lang = ctx.lang
    misdrijven, bevolking, _, _ = _tables(ctx)
    years, _, provisional, mapping = _years(ctx)
    st.subheader(f"{t('context.trend.title', lang)}: {choice.soort_naam}")
    st.caption(t("context.trend.explanation", lang, regel=words.population_rule(mapping, lang)))
    frame = cache.context_figure(
        ctx.data,
        "trend",
        choice.soort,
        choice.selection,
        choice.comparison,
        choice.named,
        build=lambda: figures.trend(
            misdrijven,
            bevolking,
            soort=choice.soort,
            selection=choice.selection,
            comparison=choice.comparison,
            named=choice.named,
        ),
    )
    named = words.with_series_names(frame, choice.names, lang)
    layout.chart(
        ctx,
        vega.deferred(
            context_charts.trend_chart,
            named,
            lang=lang,
            years=tuple(years),
            provisional=tuple(provisional),
        ),
        finding=findings.trend(named, jaar=choice.jaar, soort=choice.soort_naam.lower(), lang=lang),
        table=named,
        columns=TREND_COLUMNS,
        key="context_trend",
        illustrative=False,
        caveat=[
            *words.download_caveat(lang, mapping=mapping, enforcement=choice.enforcement),
            t("context.download.provisional", lang, jaren=", ".join(map(str, provisional))),
        ],
        title_suffix=choice.soort_naam,
    )


def comparison(ctx: Context, choice: Choice) -> None:
    """How the comparison group was chosen, and its municipalities."""
    lang = ctx.lang
    _, bevolking, programma, _ = _tables(ctx)
    st.subheader(t("context.comparison.title", lang))
    st.markdown(t("context.comparison.how", lang, programma=programma.height))
    group = cache.context_figure(
        ctx.data,
        "comparison",
        choice.selection,
        build=lambda: domain.comparison_group(bevolking, programma, choice.selection),
    )
    table = words.named_comparison(group, choice.names, lang)
    missing = [choice.names.get(c, c) for c in figures.unmatched(choice.selection, group)]
    layout.finding(ctx, findings.comparison(table, sorted(missing), lang))
    if table.is_empty():
        return
    with st.expander(f"{t('context.comparison.list', lang)} ({table.height})"):
        layout.table(ctx, table, COMPARISON_COLUMNS)
    downloads.table_downloads(
        ctx,
        table,
        COMPARISON_COLUMNS,
        key="context_vergelijkingsgroep",
        caveat=[t("context.comparison.how", lang, programma=programma.height)],
    )


def _name_side_by_side(names: Mapping[str, str]) -> map_view.Pick:
    """What a click on the map does: set the municipality side by side with the others (or
    say that there is no room)."""

    def pick(code: str) -> None:
        s = st.session_state
        chosen = list(s.get(CONTEXT_NAMED_KEY) or [])
        if code in chosen:
            return
        if len(chosen) >= figures.MAX_NAMED:
            map_view.say(
                MAP_PREFIX, "context.map.full", n=len(chosen), gemeente=names.get(code, code)
            )
            return
        s[CONTEXT_NAMED_KEY] = [*chosen, code]
        s.pop(map_view.message_key(MAP_PREFIX), None)

    return pick


def _draw_map(ctx: Context, frame: pl.DataFrame, choice: Choice, finding: str) -> None:
    """The map of every municipality (the Kaart page's component) with its controls and its
    legend beside it."""
    canvas, side = st.columns([3, 2], gap="medium")
    with side:
        state = map_view.controls(MAP_PREFIX, ctx.lang)
        map_view.message(MAP_PREFIX, ctx.lang)
        legend = context_map.legend_frame(frame, ctx.lang)
        map_view.legend(legend, t("context.column.rate", ctx.lang), ctx.lang)
        st.caption(t("context.map.programme_mark", ctx.lang))
    outlines = cache.boundaries()
    view = choropleth.country_view(outlines.data, interactive=state.interactive, nonce=state.nonce)
    key = vega.frame_digest(frame, ctx.lang, "context", view, cache.boundaries_stamp())
    with canvas:
        map_view.draw(
            MAP_PREFIX,
            cache.map_deck(
                key,
                lambda: context_map.context_deck(
                    frame, outlines.data, cache.label_points(), lang=ctx.lang, view=view
                ),
            ),
            alt=finding,
            on_pick=_name_side_by_side(choice.names),
        )


def map_section(ctx: Context, choice: Choice) -> None:
    """Every municipality's rate in the chosen year on a map, and the ranking as its list."""
    lang = ctx.lang
    misdrijven, bevolking, programma, _ = _tables(ctx)
    _, _, provisional, mapping = _years(ctx)
    st.subheader(f"{t('context.map.title', lang)}: {choice.soort_naam}, {choice.jaar}")
    st.caption(t("context.map.explanation", lang, jaar=choice.jaar))
    ranked = cache.context_figure(
        ctx.data,
        "ranking",
        choice.soort,
        choice.jaar,
        choice.named,
        build=lambda: figures.map_ranking(
            misdrijven, bevolking, programma, soort=choice.soort, jaar=choice.jaar,
            named=choice.named,
        ),
    )  # fmt: skip
    table = words.named_ranking(ranked, choice.names, lang)
    frame = context_map.context_map_frame(table)
    finding = findings.ranking(
        table, selection=choice.selection, soort=choice.soort_naam.lower(), lang=lang
    )
    layout.finding(ctx, finding)
    _draw_map(ctx, frame, choice, finding)
    outlines = cache.boundaries()
    credit = t("map.boundaries.source", lang, bron=geo.credit(outlines.path))
    st.caption(credit)
    with st.expander(t("context.map.ranking", lang)):
        only = st.toggle(t("context.map.only_programme", lang), key=ONLY_PROGRAMME_KEY)
        shown = table.filter(pl.col("in_programma") | pl.col("genoemd")) if only else table
        layout.table(ctx, shown, RANKING_COLUMNS)

    def snapshot() -> object:
        return context_map.map_snapshot(
            frame, outlines.data, cache.label_points(), lang=lang, credit=credit
        )

    caveat = words.download_caveat(lang, mapping=mapping, enforcement=choice.enforcement)
    downloads.chart_downloads(
        ctx,
        snapshot,
        key="context_kaart",
        table=table,
        columns=RANKING_COLUMNS,
        illustrative=False,
        caveat=[
            t("context.map.programme_mark", lang),
            *caveat,
            t("context.download.provisional", lang, jaren=", ".join(map(str, provisional))),
        ],
        title_suffix=f"{choice.soort_naam}, {choice.jaar}",
    )


def population(ctx: Context, choice: Choice) -> None:
    """Inhabitants and the share aged 15-25 of the groups and the named municipalities."""
    lang = ctx.lang
    _, bevolking, _, _ = _tables(ctx)
    jaar = max(population_years(bevolking))
    st.subheader(t("context.population.title", lang))
    st.caption(t("context.population.explanation", lang, jaar=jaar))
    frame = cache.context_figure(
        ctx.data,
        "ages",
        jaar,
        choice.selection,
        choice.comparison,
        choice.named,
        build=lambda: figures.age_groups(
            bevolking,
            jaar=jaar,
            selection=choice.selection,
            comparison=choice.comparison,
            named=choice.named,
        ),
    )
    named = words.with_series_names(frame, choice.names, lang)
    layout.chart(
        ctx,
        vega.deferred(context_charts.age_chart, named, lang=lang),
        finding=findings.ages(named, lang),
        table=named,
        columns=AGE_COLUMNS,
        key="context_bevolking",
        illustrative=False,
        caveat=words.download_caveat(lang, ages=True),
    )


def monitor(ctx: Context) -> None:
    """What a monitor of the programme would add, and why this page does not show it."""
    st.subheader(t("context.monitor.title", ctx.lang))
    st.markdown(t("context.monitor.text", ctx.lang))


assert PER == 1_000  # the catalogue's texts say "per 1.000 inwoners"
