"""Presentation mode without Streamlit: the slides, storylines in the URL and slide takeaways.

A *storyline* is an ordered choice of slides plus an optional title. It lives in the query
string only (``verhaal=kop,kaart,themas&titel=...``), never on the server, so a prepared link
replays it. ``dia=<n>`` is the position of the slide in the storyline (1 = first) and
``maat=`` the measure of the map. Every reader here takes what a user typed into a URL and
never raises: unknown values fall back to the default and are named, so the page can say so.

``build_slides`` turns the current selection into slide contents (title, two-line takeaway
computed from the data, chart, table, bullets, figures, sources); the page, the chart exports
and the PPTX/PDF briefing all draw from the same contents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from lib.contract.codes import Lang
from lib.data import geo
from lib.data.catalog import Dataset
from lib.domain import coverage, metrics, places
from lib.domain.filters import Filters
from lib.domain.metrics import Metric
from lib.domain.selection import Selection, by_province, chart_place, select
from lib.slides import takeaways
from lib.slides.storyline import DEFAULT_METRIC, RESOURCES, Storyline, View
from lib.text import findings, labels
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.viz import charts, maps, static_map


def deck_title(storyline: Storyline, lang: Lang) -> str:
    return storyline.title or t("presentation.title.default", lang)


def slide_name(code: str, lang: Lang) -> str:
    return t(f"presentation.slide.{code}", lang)


# --- takeaways ----------------------------------------------------------------------------------


# --- slide contents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideContent:
    """Everything one slide shows, in the language of the deck."""

    code: str
    title: str
    takeaway: tuple[str, str]
    resources: tuple[str, ...]
    illustrative: bool
    chart: Any = None  # an Altair chart (without title), or None for a text slide
    table: pl.DataFrame | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # column -> label key
    bullets: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()  # (label, value) of the headline figures
    empty: bool = False
    note: str = ""  # what a figure on the slide does not follow (the status filter)


def _status_note(sel: Selection, lang: Lang) -> str:
    """The rule of the execution rate, said where a status filter is active."""
    return t("chart.status_ignored", lang) if sel.all_statuses is not None else ""


def _empty(code: str, lang: Lang) -> SlideContent:
    return SlideContent(
        code=code,
        title=slide_name(code, lang),
        takeaway=(t("empty.title", lang), t("empty.explanation", lang)),
        resources=RESOURCES[code],
        illustrative=False,
        empty=True,
    )


def _kop(sel: Selection, lang: Lang) -> SlideContent:
    head = metrics.headline(sel)
    rate = fmt_pct(head.rate, lang) + ("" if head.betrouwbaar or head.rate is None else "*")
    figures = (
        (t("kpi.gemeenten", lang), fmt_int(head.n_gemeenten, lang)),
        (t("kpi.interventies", lang), fmt_int(head.n_interventies, lang)),
        (t("kpi.execution_rate.label", lang), rate),
        (
            t("kpi.coverage.label", lang),
            t("kpi.coverage.value", lang, gedekt=head.gedekt, totaal=head.totaal_sterk),
        ),
    )
    first = (
        t(
            "presentation.text.headline_gemeente",
            lang,
            gemeente=takeaways.who(sel, lang),
            interventies=t("count.interventies", lang, n=head.n_interventies),
        )
        if head.n_gemeenten == 1
        else t(
            "presentation.text.headline",
            lang,
            gemeenten=t("count.gemeenten", lang, n=head.n_gemeenten),
            interventies=t("count.interventies", lang, n=head.n_interventies),
        )
    )
    second = takeaways.execution_sentence(
        takeaways.who(sel, lang), head.n_uitgevoerd, head.rate_n, lang
    )
    table = pl.DataFrame(
        {"kengetal": [label for label, _ in figures], "waarde": [v for _, v in figures]}
    )
    return SlideContent(
        code="kop",
        title=slide_name("kop", lang),
        takeaway=(first, second),
        resources=RESOURCES["kop"],
        illustrative=sel.illustrative,
        table=table,
        columns={
            "kengetal": "presentation.column.key_figure",
            "waarde": "presentation.column.value",
        },
        figures=figures,
        note=_status_note(sel, lang),
    )


def _map_filters(data: Dataset, sel: Selection) -> Filters:
    """Filters that select the municipalities of ``sel`` (when it is not every one)."""
    codes = sel.gemeenten.get_column("gemeentecode").to_list()
    return Filters() if len(codes) == data.gemeenten.height else Filters(gemeenten=tuple(codes))


def _kaart(
    sel: Selection,
    data: Dataset,
    lang: Lang,
    metric: Metric,
    boundaries: geo.Boundaries | None,
    filters: Filters | None,
) -> SlideContent:
    chosen = filters if filters is not None else _map_filters(data, sel)
    frame = places.programme_map_frame(data, sel, chosen, metric)
    by_place = places.municipality_filters(chosen)
    selected = frame.filter(pl.col("geselecteerd")) if by_place else frame
    if not by_place:
        frame = frame.with_columns(pl.lit(False).alias("geselecteerd"))
    first = findings.map_metric(selected, findings.metric_text(selected, metric, lang), lang)
    missing = selected.filter(pl.col("waarde").is_null())
    none = (
        missing.filter(pl.col("n").fill_null(0) == 0).height
        if metric in metrics.INTERVENTION_METRICS
        else 0
    )
    unknown = missing.height - none
    maat = t(f"measure.{metric}", lang).lower()
    parts = [
        *([t("presentation.text.map_none", lang, n=none)] if none else []),
        *([t("presentation.text.map_unknown", lang, n=unknown, maat=maat)] if unknown else []),
    ]
    second = " ".join(parts) or t("presentation.text.map_known", lang, maat=maat)
    outlines = boundaries if boundaries is not None else geo.read_boundaries(None)
    chart = static_map.map_chart(
        frame,
        places.national(data),
        outlines.data,
        metric=metric,
        bins=maps.stable_bins(metric, metrics.map_frame(select(data, Filters()), metric)),
        lang=lang,
        size=static_map.SLIDE,
        credit=t("map.boundaries.source", lang, bron=geo.credit(outlines.path)),
    )
    return SlideContent(
        code="kaart",
        title=f"{slide_name('kaart', lang)}: {t(f'measure.{metric}', lang).lower()}",
        takeaway=(first, second),
        resources=RESOURCES["kaart"],
        illustrative=sel.illustrative and metric in metrics.INTERVENTION_METRICS,
        chart=chart,
        table=selected,
        columns={
            "gemeente_naam": "column.gemeente",
            "n": "column.n_interventies",
            "per_10000": "column.per_10000",
            "rate": "column.execution_rate",
            "betrouwbaar": "column.reliable",
            "n_gedekt": "column.covered",
            "inwoners": "column.population",
        },
        note=_status_note(sel, lang) if metric == "uitvoeringsgraad" else "",
    )


def _themas(sel: Selection, lang: Lang) -> SlideContent:
    counts = labels.named_theme_counts(metrics.theme_counts(sel), lang, sel.themas)
    first = findings.themes(counts, lang)
    top = counts.head(takeaways.NAMES_SHOWN)
    if top.height >= 2:
        second = t(
            "presentation.text.themes_top",
            lang,
            n=top.height,
            pct=fmt_pct(float(top.get_column("share").sum()), lang, decimals=0),
        )
    else:
        groups = labels.with_names(metrics.target_group_counts(sel), lang)
        second = findings.target_groups(groups, lang)
    return SlideContent(
        code="themas",
        title=slide_name("themas", lang),
        takeaway=(first, second),
        resources=RESOURCES["themas"],
        illustrative=sel.illustrative,
        chart=charts.theme_bars(counts, lang=lang),
        table=counts,
        columns={
            "thema_naam": "column.thema",
            "n": "column.n_interventies",
            "share": "column.share",
        },
    )


def _uitvoering(sel: Selection, lang: Lang) -> SlideContent:
    by_place = metrics.execution_by_gemeente(sel)
    head = metrics.headline(sel)
    if by_place.height == 1:
        row = by_place.row(0, named=True)
        first = takeaways.execution_sentence(
            row["gemeente_naam"], row["uitgevoerd"], row["n"], lang
        )
        second = findings.status(metrics.status_mix(sel), lang)
    else:
        first = findings.execution(by_place, lang)
        second = takeaways.execution_sentence(
            t("presentation.text.together", lang), head.n_uitgevoerd, head.rate_n, lang
        )
    place = chart_place(sel)  # a slide of 342 bars would be unreadable
    grouped = by_province(sel) if place == "provincie" else None
    shown = by_place if grouped is None else metrics.execution_by_gemeente(grouped)
    return SlideContent(
        code="uitvoering",
        title=slide_name("uitvoering", lang),
        takeaway=(first, second),
        resources=RESOURCES["uitvoering"],
        illustrative=sel.illustrative,
        chart=charts.execution_rate_bars(shown, lang=lang, place=place),
        table=shown,
        columns={
            "gemeente_naam": f"column.{place}",
            "n": "column.n_interventies",
            "uitgevoerd": "column.carried_out",
            "rate": "column.execution_rate",
            "betrouwbaar": "column.reliable",
        },
        note=_status_note(sel, lang),
    )


def _risico(sel: Selection, lang: Lang) -> SlideContent:
    head = metrics.headline(sel)
    first = findings.coverage(head, lang)
    gaps = takeaways.gap_names(sel, lang)
    second = (
        t(
            "presentation.text.risk_gaps",
            lang,
            n=fmt_int(len(gaps), lang),
            namen=takeaways.name_list(gaps, lang),
        )
        if gaps
        else t("risk_factors.no_gaps", lang)
    )
    frame = labels.named_strong_factors(coverage.strong_factor_counts(sel), lang, sel.factoren)
    return SlideContent(
        code="risico",
        title=slide_name("risico", lang),
        takeaway=(first, second),
        resources=RESOURCES["risico"],
        illustrative=sel.illustrative,
        chart=charts.strong_factor_bars(frame, lang=lang) if not frame.is_empty() else None,
        table=frame,
        columns={
            "factor_naam": "column.factor",
            "domein_naam": "column.domain",
            "bewijs_naam": "column.evidence",
            "n": "column.n_interventies",
            "gedekt": "column.covered",
        },
    )


def _lessen(data: Dataset, lang: Lang) -> SlideContent:
    frame = labels.in_language(labels.with_names(metrics.lessons(data), lang), lang, "tekst")
    products = frame.get_column("product_naam").unique(maintain_order=True).to_list()
    bullets = tuple(f"{row['product_naam']}: {row['tekst']}" for row in frame.iter_rows(named=True))
    first = t(
        "presentation.text.lessons_count",
        lang,
        lessen=t("count.lessons", lang, n=frame.height),
        onderdelen=t("count.research_parts", lang, n=len(products)),
    )
    second = (
        t("presentation.text.lessons_first", lang, les=str(frame.item(0, "tekst")))
        if frame.height
        else t("word.unknown", lang)
    )
    return SlideContent(
        code="lessen",
        title=slide_name("lessen", lang),
        takeaway=(first, second),
        resources=RESOURCES["lessen"],
        illustrative=False,
        table=frame,
        columns={
            "product_naam": "presentation.column.part",
            "tekst": "presentation.column.lesson",
            "bron": "column.source",
        },
        bullets=bullets,
    )


def _vervolg(sel: Selection, data: Dataset, lang: Lang) -> SlideContent:
    steps = takeaways.next_steps(sel, data, lang)
    table = pl.DataFrame({"stap": list(range(1, len(steps) + 1)), "tekst": steps})
    return SlideContent(
        code="vervolg",
        title=slide_name("vervolg", lang),
        takeaway=(steps[0], steps[1]),
        resources=RESOURCES["vervolg"],
        illustrative=sel.illustrative,
        table=table,
        columns={"stap": "presentation.column.step", "tekst": "presentation.column.step_text"},
        bullets=tuple(steps),
    )


def build_slide(
    code: str,
    data: Dataset,
    sel: Selection,
    lang: Lang,
    *,
    metric: Metric = DEFAULT_METRIC,
    boundaries: geo.Boundaries | None = None,
    filters: Filters | None = None,
) -> SlideContent:
    """The content of slide ``code`` for the selection ``sel`` (made with ``filters``: the map
    colours every programme municipality under their intervention filters)."""
    if code == "lessen":
        return _lessen(data, lang)
    if code == "kaart":
        if sel.gemeenten.is_empty():
            return _empty(code, lang)
        return _kaart(sel, data, lang, metric, boundaries, filters)
    if sel.empty:
        return _empty(code, lang)
    if code == "kop":
        return _kop(sel, lang)
    if code == "themas":
        return _themas(sel, lang)
    if code == "uitvoering":
        return _uitvoering(sel, lang)
    if code == "risico":
        return _risico(sel, lang)
    if code == "vervolg":
        return _vervolg(sel, data, lang)
    raise KeyError(code)


def build_slides(
    data: Dataset,
    filters: Filters,
    lang: Lang,
    view: View,
    *,
    boundaries: geo.Boundaries | None = None,
) -> list[SlideContent]:
    """Every slide of the storyline of ``view``, in order."""
    sel = select(data, filters)
    return [
        build_slide(
            code, data, sel, lang, metric=view.metric, boundaries=boundaries, filters=filters
        )
        for code in view.storyline.slides
    ]
