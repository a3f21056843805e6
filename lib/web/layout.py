"""Shared Streamlit fragments: sidebar (language, filters, URL), notices, charts, footer.

Pages call ``ui.context()`` for the language, filters, dataset and selection, and render
with the helpers below, so every page looks and behaves the same.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from lib.contract.codes import (
    DEFAULT_LANG,
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    LANGS,
    STATUSSEN,
    THEMAS,
    Lang,
    as_lang,
)
from lib.data.catalog import DataError, Dataset
from lib.domain import metrics
from lib.domain.filters import BOTOC_OPTIONS, Filters, from_query, to_query
from lib.text import reports
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import charts
from lib.web import share
from lib.web.cache import chart_spec, current_dataset, display_table

LANG_KEY = "taal"
FILTER_KEYS: dict[str, str] = {
    "gemeenten": "filter_gemeente",
    "golven": "filter_golf",
    "botoc": "filter_botoc",
    "themas": "filter_thema",
    "statussen": "filter_status",
    "doelgroepen": "filter_doelgroep",
    "domeinen": "filter_domein",
}
_STATE = "pmg_state"
VIEW_KEY = "pmg_view_version"  # a store version viewed read-only, or absent for the current one
_NOTICE = "pmg_url_notice"
LANG_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class Context:
    lang: Lang
    filters: Filters
    data: Dataset
    selection: metrics.Selection


def _filters_from_widgets() -> Filters:
    s = st.session_state
    return Filters(
        gemeenten=tuple(s.get(FILTER_KEYS["gemeenten"], ())),
        golven=tuple(s.get(FILTER_KEYS["golven"], ())),
        botoc=s.get(FILTER_KEYS["botoc"], "alle"),
        themas=tuple(s.get(FILTER_KEYS["themas"], ())),
        statussen=tuple(s.get(FILTER_KEYS["statussen"], ())),
        doelgroepen=tuple(s.get(FILTER_KEYS["doelgroepen"], ())),
        domeinen=tuple(s.get(FILTER_KEYS["domeinen"], ())),
    )


def _seed_widgets(filters: Filters) -> None:
    """Put ``filters`` into the widgets' state (before the widgets are drawn)."""
    for attr, key in FILTER_KEYS.items():
        value = getattr(filters, attr)
        st.session_state[key] = value if isinstance(value, str) else list(value)


def select_gemeente(code: str) -> None:
    """Select one municipality on every page (used by the map click)."""
    _seed_widgets(_filters_from_widgets().with_gemeente(code))


def _clear_filters() -> None:
    _seed_widgets(Filters())


def _keep_filters_on_language_change() -> None:
    # The labels change with the language. Write the selected codes back into the widgets' state,
    # so the next run draws them with the new labels and the selection survives the switch.
    _seed_widgets(_filters_from_widgets())


def _init_from_url(data: Dataset) -> None:
    if _STATE in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    codes = data.gemeenten.get_column("gemeentecode").to_list()
    filters, lang, ignored = from_query(params, gemeentecodes=codes)
    st.session_state[LANG_KEY] = lang
    _seed_widgets(filters)
    st.session_state[_STATE] = filters
    st.session_state[_NOTICE] = ignored


def _names(data: Dataset) -> dict[str, str]:
    rows = data.gemeenten.select("gemeentecode", "naam").sort("naam").iter_rows()
    return dict(rows)


def _theme_names(data: Dataset, lang: Lang) -> dict[str, str]:
    return dict(data.themas.select("thema", f"naam_{lang}").iter_rows())


def _multiselect(
    label: str,
    options: Sequence[str],
    key: str,
    fmt: Mapping[str, str],
    lang: Lang,
    help_text: str | None = None,
) -> None:
    st.multiselect(
        label,
        options=list(options),
        format_func=lambda code: fmt.get(code, code),
        key=key,
        placeholder=t("filter.placeholder", lang),
        help=help_text,
    )


def sidebar(data: Dataset) -> tuple[Lang, Filters]:
    """Language switch and filters; mirrors both in the URL. Call once, in ``app.py``."""
    _leave_legacy_multipage()  # before any widget, so widget ids never change after the start
    _init_from_url(data)
    share.init_from_url()
    with st.sidebar:
        st.radio(
            t("taal.label", DEFAULT_LANG),
            options=list(LANGS),
            format_func=lambda code: LANG_NAMES[as_lang(code)],
            key=LANG_KEY,
            horizontal=True,
            on_change=_keep_filters_on_language_change,
        )
        lang = as_lang(st.session_state.get(LANG_KEY))
        st.header(t("filter.kop", lang))
        names = _names(data)
        _multiselect(t("filter.gemeente", lang), list(names), FILTER_KEYS["gemeenten"], names, lang)
        golf = {g: code_label("golf", g, lang) for g in GOLVEN}
        _multiselect(t("filter.golf", lang), GOLVEN, FILTER_KEYS["golven"], golf, lang)
        st.radio(
            t("filter.botoc", lang),
            options=list(BOTOC_OPTIONS),
            format_func=lambda code: t(f"filter.botoc.{code}", lang),
            key=FILTER_KEYS["botoc"],
            horizontal=True,
        )
        _multiselect(
            t("filter.thema", lang), THEMAS, FILTER_KEYS["themas"], _theme_names(data, lang), lang
        )
        status = {s: code_label("status", s, lang) for s in STATUSSEN}
        _multiselect(t("filter.status", lang), STATUSSEN, FILTER_KEYS["statussen"], status, lang)
        groups = {g: code_label("doelgroep", g, lang) for g in DOELGROEPEN}
        _multiselect(
            t("filter.doelgroep", lang), DOELGROEPEN, FILTER_KEYS["doelgroepen"], groups, lang
        )
        domains = {d: code_label("domein", d, lang) for d in DOMEINEN}
        _multiselect(
            t("filter.domein", lang),
            DOMEINEN,
            FILTER_KEYS["domeinen"],
            domains,
            lang,
            t("filter.domein.hulp", lang),
        )
        filters = _filters_from_widgets()
        st.button(
            t("filter.wissen", lang),
            on_click=_clear_filters,
            key="filter_wissen",
            disabled=filters.is_default,
        )
        st.caption(t("filter.link", lang))
        share.presentation_link(lang, filters)
    st.session_state[_STATE] = filters
    query = {**to_query(filters, lang), **share.url_extras()}
    if {k: st.query_params.get_all(k) for k in st.query_params} != {
        k: v if isinstance(v, list) else [v] for k, v in query.items()
    }:
        st.query_params.from_dict(query)
    return lang, filters


def _leave_legacy_multipage() -> None:
    """Make a deep link (``/kaart?...``) opened first after a server start behave like any other.

    Streamlit decides per process whether an app with a ``pages/`` folder is a legacy
    multipage app, before ``app.py`` has called ``st.navigation``. On the very first run of a
    process a deep link then runs the page file alone: no sidebar, no filters from the URL. We
    detect that case here, switch the flag as ``st.navigation`` does, and rerun once.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without the legacy path
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> Context:
    """The language, filters, dataset and selection for the page being drawn."""
    _leave_legacy_multipage()
    data = current_dataset(st.session_state.get(VIEW_KEY))
    lang = as_lang(st.session_state.get(LANG_KEY))
    filters: Filters = st.session_state.get(_STATE, Filters())
    return Context(lang, filters, data, metrics.select(data, filters))


def data_error(error: DataError, lang: Lang) -> None:
    """Stop the app with every problem of the bundled data, naming file, row and column."""
    st.error(t("fout.data", lang))
    lines = (reports.file_issue_message(issue, lang) for issue in error.issues[:200])
    st.code("\n".join(lines), language=None)
    st.stop()


def published(data: Dataset, lang: Lang) -> dict[str, str]:
    """The practice-scan figures of the policy letter, formatted, for texts that cite them."""
    done = data.kerncijfer("uitgevoerd_praktijkscan")
    total = data.kerncijfer("interventies_praktijkscan")
    return {
        "botoc": fmt_int(data.kerncijfer("botoc_gemeenten"), lang),
        "totaal": fmt_int(total, lang),
        "uitgevoerd": fmt_int(done, lang),
        "pct": fmt_pct(done / total, lang),
    }


def page_header(ctx: Context, title_key: str, intro_key: str) -> None:
    figures = published(ctx.data, ctx.lang)
    st.title(t(title_key, ctx.lang))
    st.write(t(intro_key, ctx.lang, **figures))
    ignored = st.session_state.pop(_NOTICE, None)
    if ignored:
        st.info(t("url.genegeerd", ctx.lang, params=", ".join(ignored)))
    viewed = st.session_state.get(VIEW_KEY)
    if viewed is not None:
        st.info(t("versies.alleen_lezen", ctx.lang, versie=viewed), icon=":material/history:")
    if ctx.selection.illustrative:
        st.warning(t("illustratief.melding", ctx.lang, **figures), icon=":material/info:")
    share.share_link(ctx, share.page_path(title_key))


def stop_if_empty(ctx: Context, *, need: str = "interventies") -> None:
    """A friendly message instead of charts when nothing matches the filters."""
    nothing = ctx.selection.gemeenten.is_empty() if need == "gemeenten" else ctx.selection.empty
    if nothing:
        st.info(f"**{t('leeg.titel', ctx.lang)}**\n\n{t('leeg.uitleg', ctx.lang)}")
        footer(ctx)
        st.stop()


def chart_places(ctx: Context) -> tuple[metrics.Selection, metrics.Place]:
    """The selection for charts with a row per municipality, and what a row is.

    Above ``metrics.PLACE_LIMIT`` municipalities the rows are provinces, and a caption says so.
    """
    place = metrics.chart_place(ctx.selection)
    if place == "gemeente":
        return ctx.selection, place
    province_note(ctx, place)
    return metrics.by_province(ctx.selection), place


def province_note(ctx: Context, place: metrics.Place) -> None:
    """The caption of a chart whose rows are provinces (nothing for municipalities)."""
    if place == "gemeente":
        return
    n = ctx.selection.interventies.get_column("gemeentecode").n_unique()
    st.caption(
        t("grafiek.per_provincie", ctx.lang, n=fmt_int(n, ctx.lang), limiet=metrics.PLACE_LIMIT)
    )


def chart(
    ctx: Context,
    figure: charts.Deferred,
    *,
    finding: str,
    table: pl.DataFrame,
    columns: Mapping[str, str],
    key: str,
    illustrative: bool | None = None,
) -> None:
    """A chart with its finding (also its text alternative) and a table with the same numbers."""
    marked = ctx.selection.illustrative if illustrative is None else illustrative
    sentence = f"{finding} ({t('as.illustratief', ctx.lang).lower()})" if marked else finding
    st.markdown(f"**{t('bevinding.label', ctx.lang)}:** {sentence}")
    spec = {**chart_spec(figure), "description": sentence}  # a copy: the cached spec is shared
    st.vega_lite_chart(spec, theme=None, width="stretch", key=key)
    with st.expander(t("tabel.toon", ctx.lang)):
        st.dataframe(display_table(table, columns, ctx.lang), hide_index=True, width="stretch")
    share.chart_downloads(
        ctx, figure.build, key=key, table=table, columns=columns, illustrative=marked
    )


def footer(ctx: Context) -> None:
    """Data version, date, status and sources; marks illustrative data."""
    prov = ctx.data.provenance
    lang = ctx.lang
    st.divider()
    statuses = sorted({r.status for r in prov.resources.values()})
    status_text = ", ".join(t(f"voet.status.{s}", lang) for s in statuses)
    st.caption(
        f"{t('voet.versie', lang, versie=prov.version, datum=prov.created)} · "
        f"{t('voet.status', lang)}: {status_text} · {t('voet.licentie', lang)}: {prov.licence}"
    )
    seen: dict[str, str | None] = {}
    for resource in prov.resources.values():
        for source in resource.sources:
            seen.setdefault(source.title, source.path)
    links = [f"[{title}]({path})" if path else title for title, path in seen.items()]
    with st.expander(f"{t('voet.bronnen', lang)} ({len(links)})"):
        # Plain Markdown, not a caption: links in the caption's lighter text fail 4.5:1.
        st.markdown("\n".join(f"- {link}" for link in links))
    if ctx.data.illustrative:
        st.caption(t("voet.illustratief", lang))


RATE_COLUMNS: dict[str, str] = {
    "n": "as.aantal",
    "uitgevoerd": "as.uitgevoerd",
    "rate": "as.uitvoeringsgraad",
    "betrouwbaar": "as.betrouwbaar",
}


def kpis(ctx: Context, head: metrics.Headline) -> None:
    """The four headline figures of the selection."""
    lang = ctx.lang
    rate = fmt_pct(head.rate, lang) + ("" if head.betrouwbaar else "*")
    cols = st.columns(4)
    cols[0].metric(t("kpi.gemeenten", lang), fmt_int(head.n_gemeenten, lang))
    cols[1].metric(t("kpi.interventies", lang), fmt_int(head.n_interventies, lang))
    cols[2].metric(t("kpi.uitvoeringsgraad", lang), rate, help=t("kpi.uitvoeringsgraad.hulp", lang))
    cols[3].metric(
        t("kpi.dekking", lang),
        t("kpi.dekking.waarde", lang, gedekt=head.gedekt, totaal=head.totaal_sterk),
        help=t("kpi.dekking.hulp", lang),
    )
    if ctx.selection.illustrative:
        st.caption(t("kpi.illustratief", lang))


def lessons(frame: pl.DataFrame) -> None:
    for (product,), group in frame.group_by("product_naam", maintain_order=True):
        st.markdown(f"**{product}**")
        st.markdown("\n".join(f"- {text}" for text in group.get_column("tekst").to_list()))


def data_status(ctx: Context) -> None:
    lang = ctx.lang
    rows = [
        {
            "tabel": r.title,
            "status": t(f"voet.status.{r.status}", lang),
            "rijen": r.rows,
            "datum": r.date,
        }
        for r in ctx.data.provenance.resources.values()
    ]
    frame = pl.DataFrame(rows)
    columns = {
        "tabel": "datastatus.tabel",
        "status": "datastatus.status",
        "rijen": "datastatus.rijen",
        "datum": "datastatus.datum",
    }
    st.dataframe(display_table(frame, columns, lang), hide_index=True, width="stretch")
    share.table_downloads(
        ctx, frame, columns, key="datastatus", title=t("overzicht.datastatus", lang)
    )


def metric_text(frame: pl.DataFrame, metric: metrics.Metric, lang: Lang) -> str:
    """The highest known value of ``metric`` on the map, formatted for the finding."""
    known = frame.filter(pl.col("waarde").is_not_null())
    if known.is_empty():
        return t("onbekend", lang)
    top = float(known.get_column("waarde").max())  # type: ignore[arg-type]
    if metric in ("uitvoeringsgraad", "dekking"):
        return fmt_pct(top, lang, decimals=0)
    return fmt_int(top, lang)


def _on_map_select() -> None:
    state = st.session_state.get("kaart_deck")
    objects = (state or {}).get("selection", {}).get("objects", {}).get("gemeenten", [])
    if objects:
        select_gemeente(str(objects[0]["gemeentecode"]))


def map_view(ctx: Context, deck: Any, *, legend: pl.DataFrame, finding: str, key: str) -> None:
    """The map with its finding, a legend in text and colour, and click-to-select."""
    st.markdown(f"**{t('bevinding.label', ctx.lang)}:** {finding}")
    st.pydeck_chart(
        deck,
        on_select=_on_map_select,
        selection_mode="single-object",
        key=key,
        height=560,
        alt=finding,
    )
    swatches = " ".join(
        f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{hex_};'
        f'border:1px solid #333;margin:0 0.3em 0 0.8em;vertical-align:middle"></span>'
        f"{html.escape(label)}"
        for label, hex_ in legend.select("label", "kleur").iter_rows()
    )
    st.markdown(f"**{t('kaart.legenda', ctx.lang)}:** {swatches}", unsafe_allow_html=True)


def map_list(ctx: Context, frame: pl.DataFrame) -> None:
    """The list alternative of the map."""
    lang = ctx.lang
    table = frame.with_columns(
        pl.col("golf").replace_strict({g: code_label("golf", g, lang) for g in GOLVEN})
    )
    columns = {
        "gemeente_naam": "as.gemeente",
        "golf": "filter.golf",
        "n": "as.aantal",
        "rate": "as.uitvoeringsgraad",
        "betrouwbaar": "as.betrouwbaar",
        "gedekt": "as.gedekt",
        "inwoners": "as.inwoners",
    }
    with st.expander(t("kaart.lijst", lang), expanded=False):
        st.dataframe(display_table(table, columns, lang), hide_index=True, width="stretch")
    share.map_downloads(ctx, table, columns)


def partial_factors_note(ctx: Context) -> None:
    data, lang = ctx.data, ctx.lang
    shown = data.factoren.group_by("soort").len()
    count = dict(shown.iter_rows())
    st.info(
        t(
            "risico.deel",
            lang,
            risico=data.kerncijfer("risicofactoren_synthese"),
            beschermend=data.kerncijfer("beschermende_factoren_synthese"),
            getoond_r=count.get("risico", 0),
            getoond_b=count.get("beschermend", 0),
        )
    )


def gap_list(ctx: Context, frame: pl.DataFrame) -> None:
    """Strong-evidence gaps, each with its explanation and source (plain text, no HTML)."""
    from lib.text import findings

    lang = ctx.lang
    st.markdown(f"**{t('bevinding.label', lang)}:** {findings.gaps(frame, lang)}")
    for row in frame.iter_rows(named=True):
        st.markdown(
            f"- **{row['factor_naam']}** ({row['bewijs_naam'].lower()}, "
            f"{row['domein_naam'].lower()}): {row['uitleg']}  \n"
            f"  {t('as.bron', lang)}: {row['bronnen']}"
        )


def protective_table(ctx: Context, frame: pl.DataFrame) -> None:
    from lib.text import findings

    lang = ctx.lang
    st.markdown(f"**{t('bevinding.label', lang)}:** {findings.protective(frame, lang)}")
    columns = {
        "factor_naam": "as.factor",
        "domein_naam": "as.domein",
        "n_interventies": "as.aantal",
        "n_gemeenten": "as.n_gemeenten",
    }
    st.dataframe(display_table(frame, columns, lang), hide_index=True, width="stretch")
    share.table_downloads(
        ctx, frame, columns, key="beschermend", title=t("risico.beschermend", lang)
    )
