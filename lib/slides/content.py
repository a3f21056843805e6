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

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final
from urllib.parse import parse_qs, urlencode

import altair as alt
import polars as pl

from lib.contract.codes import DOELGROEPEN, DOMEINEN, GOLVEN, STATUSSEN, Lang
from lib.data.catalog import Dataset
from lib.data.geo import GeoJson
from lib.domain import metrics
from lib.domain.filters import Filters, from_query, to_query
from lib.domain.metrics import METRICS, MIN_RELIABLE, REFERENCE_RATE, Metric
from lib.exports import images
from lib.text import findings
from lib.text.formats import fmt_int, fmt_pct, join_names
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import charts, palette

SLIDES: Final[tuple[str, ...]] = (
    "kop",
    "kaart",
    "themas",
    "uitvoering",
    "risico",
    "lessen",
    "vervolg",
)
"""Every slide, in the default order: headline figures, map, themes, execution, risk-factor
gaps, lessons, next steps."""

DEFAULT_METRIC: Final[Metric] = "interventies"
MAX_TITLE: Final = 80
MAX_QUERY: Final = 8000  # characters of a query string we read at all
PARAM_SLIDE: Final = "dia"
PARAM_STORY: Final = "verhaal"
PARAM_TITLE: Final = "titel"
PARAM_METRIC: Final = "maat"
VIEW_PARAMS: Final[tuple[str, ...]] = (PARAM_SLIDE, PARAM_STORY, PARAM_TITLE, PARAM_METRIC)
NAMES_SHOWN: Final = 3  # names in a takeaway before "and n more"

# what the tables behind each slide are (for its source line and data status)
RESOURCES: Final[dict[str, tuple[str, ...]]] = {
    "kop": ("gemeenten", "interventies", "factoren", "kerncijfers"),
    "kaart": ("gemeenten", "interventies", "factoren"),
    "themas": ("interventies", "themas"),
    "uitvoering": ("interventies", "kerncijfers"),
    "risico": ("factoren", "interventies"),
    "lessen": ("lessen",),
    "vervolg": ("interventies", "factoren", "kerncijfers"),
}
TABLES: Final[tuple[str, ...]] = (
    "gemeenten",
    "themas",
    "factoren",
    "interventies",
    "tijdlijn",
    "kerncijfers",
    "lessen",
)
"""The tables a slide or chart can name in its source line (``pres.tabel.<name>``)."""
SLIDE_MAP_SIZE: Final = (520, 560)  # width, height of the map on a slide (CSS pixels)
SLIDE_MAP_LABEL_SIZE: Final = 15

_TITLE_ALLOWED = re.compile(r"[^\w\s.,;:!?'\"()&+\-–]", re.UNICODE)
_DIGITS = re.compile(r"[0-9]{1,4}")


# --- storyline and view in the URL ------------------------------------------------------------


@dataclass(frozen=True)
class Storyline:
    """The slides to show, in order, and the title of the deck ("" = the default title)."""

    slides: tuple[str, ...] = SLIDES
    title: str = ""

    @property
    def is_default(self) -> bool:
        return self.slides == SLIDES


@dataclass(frozen=True)
class View:
    """What a link says beyond the filters: storyline, current slide (1-based) and map measure."""

    storyline: Storyline = field(default_factory=Storyline)
    slide: int = 1
    metric: Metric = DEFAULT_METRIC

    @property
    def code(self) -> str:
        """The code of the current slide."""
        return self.storyline.slides[self.slide - 1]

    def at(self, slide: int) -> View:
        """This view on slide ``slide``, kept within the storyline."""
        return replace(self, slide=min(max(slide, 1), len(self.storyline.slides)))

    def with_storyline(self, slides: Sequence[str], title: str | None = None) -> View:
        """A new storyline (unknown or repeated codes dropped; none left = every slide)."""
        kept = tuple(dict.fromkeys(code for code in slides if code in SLIDES)) or SLIDES
        story = Storyline(kept, self.storyline.title if title is None else clean_title(title))
        current = self.code
        slide = kept.index(current) + 1 if current in kept else min(self.slide, len(kept))
        return View(story, slide, self.metric)


def _last(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def clean_title(text: str) -> str:
    """A storyline title safe to show anywhere: letters, digits, spaces and common punctuation,
    no control characters or markup, at most 80 characters."""
    normal = unicodedata.normalize("NFC", text)
    kept = _TITLE_ALLOWED.sub("", normal)
    return " ".join(kept.split())[:MAX_TITLE].strip()


def parse_slides(value: str | Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """``"kop,kaart"`` (or several values) -> the known slide codes in order, and whether
    anything was dropped. Nothing known -> every slide."""
    parts = [value] if isinstance(value, str) else list(value)
    codes = [c.strip().lower() for part in parts[:50] for c in part[:500].split(",")]
    codes = [c for c in codes if c]
    kept = tuple(dict.fromkeys(c for c in codes if c in SLIDES))
    dropped = len(kept) != len(codes) or len(parts) > 50
    return (kept or SLIDES), dropped or not kept


def parse_view(params: Mapping[str, str | Sequence[str]]) -> tuple[View, list[str]]:
    """Storyline, slide and map measure from query parameters; never raises.

    Returns the view and the names of the parameters whose value was not usable (they fall
    back to the default).
    """
    ignored: list[str] = []
    slides = SLIDES
    if PARAM_STORY in params:
        slides, dropped = parse_slides(params[PARAM_STORY])
        if dropped:
            ignored.append(PARAM_STORY)
    title = ""
    if PARAM_TITLE in params:
        raw = _last(params[PARAM_TITLE])
        title = clean_title(raw)
        if title != " ".join(raw.split()):
            ignored.append(PARAM_TITLE)
    slide = 1
    if PARAM_SLIDE in params:
        raw = _last(params[PARAM_SLIDE]).strip()
        if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= len(slides):
            slide = int(raw)
        else:
            ignored.append(PARAM_SLIDE)
    metric: Metric = DEFAULT_METRIC
    if PARAM_METRIC in params:
        raw = _last(params[PARAM_METRIC]).strip()
        if raw in METRICS:
            metric = raw
        else:
            ignored.append(PARAM_METRIC)
    return View(Storyline(slides, title), slide, metric), ignored


def view_query(view: View, *, presentation: bool) -> dict[str, str]:
    """The query parameters of ``view`` that differ from the default.

    ``maat`` belongs to every page (the map measure); ``dia``, ``verhaal`` and ``titel`` only
    to the presentation, where ``dia`` is always given so that each slide has its own link.
    """
    query: dict[str, str] = {}
    if view.metric != DEFAULT_METRIC:
        query[PARAM_METRIC] = view.metric
    if presentation:
        if not view.storyline.is_default:
            query[PARAM_STORY] = ",".join(view.storyline.slides)
        if view.storyline.title:
            query[PARAM_TITLE] = view.storyline.title
        query[PARAM_SLIDE] = str(view.slide)
    return query


def full_query(
    filters: Filters, lang: Lang, view: View, *, presentation: bool
) -> dict[str, str | list[str]]:
    """Filters, language and view: everything a link needs to reopen the same view."""
    return {**to_query(filters, lang), **view_query(view, presentation=presentation)}


def query_string(query: Mapping[str, str | Sequence[str]]) -> str:
    """``{"gemeente": ["GM0995"], "verhaal": "kop,kaart"}`` -> ``gemeente=GM0995&verhaal=...``."""
    pairs = [
        (key, item)
        for key, value in query.items()
        for item in ([value] if isinstance(value, str) else value)
    ]
    return urlencode(pairs, safe=",")


def parse_query_string(text: str) -> dict[str, list[str]]:
    """The parameters of a query string or a whole dashboard URL; never raises."""
    text = text.strip()
    if "?" in text:
        text = text.split("?", 1)[1]
    text = text.split("#", 1)[0][:MAX_QUERY]
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=500)
    except ValueError:
        return {}


def read_link(
    params: Mapping[str, str | Sequence[str]], gemeentecodes: Iterable[str]
) -> tuple[Filters, Lang, View, list[str]]:
    """Filters, language and view from the parameters of a link, and what was ignored."""
    filters, lang, ignored = from_query(
        {k: v if isinstance(v, str) else list(v) for k, v in params.items()},
        gemeentecodes=gemeentecodes,
    )
    view, ignored_view = parse_view(params)
    return filters, lang, view, [*ignored, *ignored_view]


# --- words for the selection and the data -------------------------------------------------------


def describe_filters(filters: Filters, data: Dataset, lang: Lang) -> str:
    """The active filters in one line (``Gemeente: Lelystad · Thema: Gezag``)."""
    names = dict(data.gemeenten.select("gemeentecode", "naam").iter_rows())
    themes = dict(data.themas.select("thema", f"naam_{lang}").iter_rows())
    parts: list[str] = []

    def add(label_key: str, labels: list[str]) -> None:
        if not labels:
            return
        shown = (
            join_names(labels, lang)
            if len(labels) <= 5
            else t("pres.filters.meer", lang, namen=", ".join(labels[:5]), n=len(labels) - 5)
        )
        parts.append(f"{t(label_key, lang)}: {shown}")

    add("filter.gemeente", [names.get(c, c) for c in filters.gemeenten])
    add("filter.golf", [code_label("golf", g, lang) for g in filters.golven if g in GOLVEN])
    if filters.botoc != "alle":
        parts.append(f"{t('filter.botoc', lang)}: {t(f'filter.botoc.{filters.botoc}', lang)}")
    add("filter.thema", [themes.get(c, c) for c in filters.themas])
    add(
        "filter.status",
        [code_label("status", s, lang) for s in filters.statussen if s in STATUSSEN],
    )
    add(
        "filter.doelgroep",
        [code_label("doelgroep", g, lang) for g in filters.doelgroepen if g in DOELGROEPEN],
    )
    add("filter.domein", [code_label("domein", d, lang) for d in filters.domeinen if d in DOMEINEN])
    return " · ".join(parts) if parts else t("pres.filters.geen", lang)


def data_status(data: Dataset, lang: Lang, resources: Iterable[str] | None = None) -> str:
    """``Data: versie 1.0.0 van 2026-11-28 (gepubliceerd, voorbeelddata)``."""
    prov = data.provenance
    chosen = [prov.resources[r] for r in (resources or prov.resources) if r in prov.resources]
    statuses = sorted({r.status for r in chosen}) or sorted(
        {r.status for r in prov.resources.values()}
    )
    return t(
        "pres.datastatus",
        lang,
        versie=prov.version,
        datum=prov.created,
        status=", ".join(t(f"voet.status.{s}", lang) for s in statuses),
    )


def source_titles(data: Dataset, resources: Iterable[str]) -> list[str]:
    """The source titles of the given tables, each once, in order."""
    seen: dict[str, None] = {}
    for name in resources:
        resource = data.provenance.resources.get(name)
        if resource is not None:
            for source in resource.sources:
                seen.setdefault(source.title, None)
    return list(seen)


def source_line(data: Dataset, lang: Lang, resources: Iterable[str]) -> str:
    """One short line naming the tables behind a view (in ``lang``) and the data licence."""
    prov = data.provenance
    names = [t(f"pres.tabel.{r}", lang) for r in resources if r in TABLES]
    return t("pres.bron", lang, tabellen="; ".join(names), licentie=prov.licence)


def deck_title(storyline: Storyline, lang: Lang) -> str:
    return storyline.title or t("pres.titel.standaard", lang)


def slide_name(code: str, lang: Lang) -> str:
    return t(f"pres.dia.{code}", lang)


def illustrative_notice(data: Dataset, lang: Lang) -> str:
    done = data.kerncijfer("uitgevoerd_praktijkscan")
    total = data.kerncijfer("interventies_praktijkscan")
    return t(
        "illustratief.melding",
        lang,
        botoc=fmt_int(data.kerncijfer("botoc_gemeenten"), lang),
        totaal=fmt_int(total, lang),
        uitgevoerd=fmt_int(done, lang),
        pct=fmt_pct(done / total, lang),
    )


# --- takeaways ----------------------------------------------------------------------------------


def compare_with_reference(rate: float | None, n: int, lang: Lang) -> str:
    """``onder de referentie van 85,5 %`` (or above, equal, or too few to compare)."""
    ref = fmt_pct(REFERENCE_RATE, lang)
    if rate is None or n < MIN_RELIABLE:
        return t("pres.ref.onbetrouwbaar", lang, ref=ref)
    if abs(rate - REFERENCE_RATE) < 1e-9:
        return t("pres.ref.gelijk", lang, ref=ref)
    key = "pres.ref.boven" if rate > REFERENCE_RATE else "pres.ref.onder"
    return t(key, lang, ref=ref)


def execution_sentence(who: str, done: int, n: int, lang: Lang) -> str:
    """``Lelystad: 7 van 9 interventies uitgevoerd (77,8 %), onder de referentie van 85,5 %.``"""
    rate = done / n if n else None
    pct = fmt_pct(rate, lang) + ("" if n >= MIN_RELIABLE else "*")
    return t(
        "pres.uitvoering.zin",
        lang,
        wie=who,
        uitgevoerd=fmt_int(done, lang),
        n=fmt_int(n, lang),
        pct=pct,
        vergelijking=compare_with_reference(rate, n, lang),
    )


def _who(sel: metrics.Selection, lang: Lang) -> str:
    if sel.gemeenten.height == 1:
        return str(sel.gemeenten.item(0, "naam"))
    return t("pres.selectie", lang)


def _names(names: Sequence[str], lang: Lang) -> str:
    if len(names) <= NAMES_SHOWN:
        return join_names(list(names), lang)
    shown = ", ".join(names[:NAMES_SHOWN])
    return t("pres.namen.meer", lang, namen=shown, n=fmt_int(len(names) - NAMES_SHOWN, lang))


def metric_value_text(frame: pl.DataFrame, metric: Metric, lang: Lang) -> str:
    """The highest known value of the map, formatted (as the Kaart page writes it)."""
    known = frame.filter(pl.col("waarde").is_not_null())
    if known.is_empty():
        return t("onbekend", lang)
    top = float(known.get_column("waarde").max())  # type: ignore[arg-type]
    if metric in ("uitvoeringsgraad", "dekking"):
        return fmt_pct(top, lang, decimals=0)
    return fmt_int(top, lang)


def below_reference(sel: metrics.Selection) -> list[str]:
    """Municipalities with a reliable execution rate below the reference, lowest first."""
    frame = metrics.execution_by_gemeente(sel)
    below = frame.filter(pl.col("betrouwbaar") & (pl.col("rate") < REFERENCE_RATE - 1e-9))
    return below.sort("rate", "gemeente_naam").get_column("gemeente_naam").to_list()


def next_steps(sel: metrics.Selection, data: Dataset, lang: Lang) -> list[str]:
    """What to do next, read from the data: gaps, places below the reference, waiting work."""
    steps: list[str] = []
    gaps = metrics.gaps(sel, lang).get_column("factor_naam").to_list()
    if gaps:
        key = "pres.vervolg.gaten.een" if len(gaps) == 1 else "pres.vervolg.gaten"
        steps.append(t(key, lang, n=fmt_int(len(gaps), lang), namen=_names(gaps, lang)))
    else:
        steps.append(t("pres.vervolg.geen_gaten", lang))
    below = below_reference(sel)
    ref = fmt_pct(REFERENCE_RATE, lang)
    if below:
        key = "pres.vervolg.onder.een" if len(below) == 1 else "pres.vervolg.onder"
        steps.append(t(key, lang, n=fmt_int(len(below), lang), ref=ref, namen=_names(below, lang)))
    else:
        steps.append(t("pres.vervolg.niemand_onder", lang, ref=ref))
    status = sel.interventies.get_column("status")
    waiting = int(status.is_in(["gepland", "niet_uitgevoerd"]).sum())
    if waiting:
        steps.append(
            t(
                "pres.vervolg.wachtend",
                lang,
                n=fmt_int(waiting, lang),
                totaal=fmt_int(sel.interventies.height, lang),
            )
        )
    if sel.illustrative:
        steps.append(t("pres.vervolg.echte_data", lang))
    return steps


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


def _empty(code: str, lang: Lang) -> SlideContent:
    return SlideContent(
        code=code,
        title=slide_name(code, lang),
        takeaway=(t("leeg.titel", lang), t("leeg.uitleg", lang)),
        resources=RESOURCES[code],
        illustrative=False,
        empty=True,
    )


def _kop(sel: metrics.Selection, lang: Lang) -> SlideContent:
    head = metrics.headline(sel)
    rate = fmt_pct(head.rate, lang) + ("" if head.betrouwbaar else "*")
    figures = (
        (t("kpi.gemeenten", lang), fmt_int(head.n_gemeenten, lang)),
        (t("kpi.interventies", lang), fmt_int(head.n_interventies, lang)),
        (t("kpi.uitvoeringsgraad", lang), rate),
        (
            t("kpi.dekking", lang),
            t("kpi.dekking.waarde", lang, gedekt=head.gedekt, totaal=head.totaal_sterk),
        ),
    )
    first = (
        t(
            "pres.kop.een",
            lang,
            gemeente=_who(sel, lang),
            interventies=fmt_int(head.n_interventies, lang),
        )
        if head.n_gemeenten == 1
        else t(
            "pres.kop.1",
            lang,
            gemeenten=fmt_int(head.n_gemeenten, lang),
            interventies=fmt_int(head.n_interventies, lang),
        )
    )
    second = execution_sentence(_who(sel, lang), head.n_uitgevoerd, head.n_interventies, lang)
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
        columns={"kengetal": "pres.as.kengetal", "waarde": "pres.as.waarde"},
        figures=figures,
    )


def _kaart(
    sel: metrics.Selection,
    data: Dataset,
    lang: Lang,
    metric: Metric,
    boundaries: GeoJson | None,
) -> SlideContent:
    frame = metrics.map_frame(sel, metric)
    first = findings.map_metric(frame, metric_value_text(frame, metric, lang), lang)
    unknown = frame.filter(pl.col("waarde").is_null()).height
    maat = t(f"maat.{metric}", lang).lower()
    second = (
        t("pres.kaart.onbekend", lang, n=fmt_int(unknown, lang), maat=maat)
        if unknown
        else t("pres.kaart.bekend", lang, maat=maat)
    )
    chart = images.map_chart(
        frame,
        metric=metric,
        lang=lang,
        boundaries=boundaries,
        context=metrics.map_context(data),
        selected=sel.gemeenten.get_column("gemeentecode").to_list()
        if sel.gemeenten.height <= 3
        else (),
        width=SLIDE_MAP_SIZE[0],
        height=SLIDE_MAP_SIZE[1],
        label_size=SLIDE_MAP_LABEL_SIZE,
    )
    return SlideContent(
        code="kaart",
        title=f"{slide_name('kaart', lang)}: {t(f'maat.{metric}', lang).lower()}",
        takeaway=(first, second),
        resources=RESOURCES["kaart"],
        illustrative=sel.illustrative and metric != "inwoners",
        chart=chart,
        table=frame,
        columns={
            "gemeente_naam": "as.gemeente",
            "n": "as.aantal",
            "rate": "as.uitvoeringsgraad",
            "betrouwbaar": "as.betrouwbaar",
            "gedekt": "as.gedekt",
            "inwoners": "as.inwoners",
        },
    )


def _themas(sel: metrics.Selection, lang: Lang) -> SlideContent:
    counts = metrics.theme_counts(sel, lang)
    first = findings.themes(counts, lang)
    top = counts.head(NAMES_SHOWN)
    if top.height >= 2:
        second = t(
            "pres.themas.top",
            lang,
            n=fmt_int(top.height, lang),
            pct=fmt_pct(float(top.get_column("share").sum()), lang, decimals=0),
        )
    else:
        second = findings.target_groups(metrics.target_group_counts(sel, lang), lang)
    return SlideContent(
        code="themas",
        title=slide_name("themas", lang),
        takeaway=(first, second),
        resources=RESOURCES["themas"],
        illustrative=sel.illustrative,
        chart=charts.theme_bars(counts, lang=lang),
        table=counts,
        columns={"thema_naam": "as.thema", "n": "as.aantal", "share": "as.aandeel"},
    )


def _uitvoering(sel: metrics.Selection, lang: Lang) -> SlideContent:
    by_place = metrics.execution_by_gemeente(sel)
    head = metrics.headline(sel)
    if by_place.height == 1:
        row = by_place.row(0, named=True)
        first = execution_sentence(row["gemeente_naam"], row["uitgevoerd"], row["n"], lang)
        second = findings.status(metrics.status_mix(sel, lang), lang)
    else:
        first = findings.execution(by_place, lang)
        second = execution_sentence(
            t("pres.samen", lang), head.n_uitgevoerd, head.n_interventies, lang
        )
    place = metrics.chart_place(sel)  # a slide of 342 bars would be unreadable
    grouped = metrics.by_province(sel) if place == "provincie" else None
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
            "gemeente_naam": f"as.{place}",
            "n": "as.aantal",
            "uitgevoerd": "as.uitgevoerd",
            "rate": "as.uitvoeringsgraad",
            "betrouwbaar": "as.betrouwbaar",
        },
    )


def strong_factor_counts(sel: metrics.Selection, lang: Lang) -> pl.DataFrame:
    """Every strong, addressable risk factor with the interventions in the selection that list it.

    Columns: factor, factor_naam, bewijs_naam, domein_naam, n, gedekt; gaps (n = 0) last.
    """
    strong = metrics.strong_factors(sel.factoren)
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


def strong_factor_bars(frame: pl.DataFrame, *, lang: Lang) -> alt.LayerChart:
    """``strong_factor_counts``: a bar per strong factor; a factor without any intervention is
    grey and says so in words at the end of its (empty) bar."""
    none = t("pres.risico.geen", lang)
    labels = [fmt_int(n, lang) if n else none for n in frame.get_column("n").to_list()]
    data = frame.with_columns(
        pl.Series("label", labels, dtype=pl.String),
        pl.when(pl.col("gedekt"))
        .then(pl.lit(palette.NEUTRAL))
        .otherwise(pl.lit(palette.GREY))
        .alias("kleur"),
    )
    title = t("as.factor", lang)
    base = alt.Chart(alt.InlineData(values=data.to_dicts())).encode(
        y=alt.Y(
            "factor_naam:N",
            sort=[str(v) for v in data.get_column("factor_naam").to_list()],
            title=title,
        ),
        x=alt.X("n:Q", title=t("as.aantal", lang), axis=alt.Axis(format="d", tickMinStep=1)),
        tooltip=[
            alt.Tooltip("factor_naam:N", title=title),
            alt.Tooltip("domein_naam:N", title=t("as.domein", lang)),
            alt.Tooltip("bewijs_naam:N", title=t("as.bewijs", lang)),
            alt.Tooltip("label:N", title=t("as.aantal", lang)),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("kleur:N", scale=None, legend=None))
    text = base.mark_text(align="left", baseline="middle", dx=4, color=palette.TEXT).encode(
        text=alt.Text("label:N")
    )
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=charts.BAR_WIDTH, height=alt.Step(charts.BAR_STEP)
    )
    configured: alt.LayerChart = chart.configure(locale={"number": charts.NUMBER_LOCALE[lang]})
    return configured


def _risico(sel: metrics.Selection, lang: Lang) -> SlideContent:
    head = metrics.headline(sel)
    first = findings.coverage(head, lang)
    gaps = metrics.gaps(sel, lang).get_column("factor_naam").to_list()
    second = (
        t("pres.risico.gaten", lang, n=fmt_int(len(gaps), lang), namen=_names(gaps, lang))
        if gaps
        else t("risico.geen_gaten", lang)
    )
    frame = strong_factor_counts(sel, lang)
    return SlideContent(
        code="risico",
        title=slide_name("risico", lang),
        takeaway=(first, second),
        resources=RESOURCES["risico"],
        illustrative=sel.illustrative,
        chart=strong_factor_bars(frame, lang=lang) if not frame.is_empty() else None,
        table=frame,
        columns={
            "factor_naam": "as.factor",
            "domein_naam": "as.domein",
            "bewijs_naam": "as.bewijs",
            "n": "as.aantal",
            "gedekt": "as.gedekt",
        },
    )


def _lessen(data: Dataset, lang: Lang) -> SlideContent:
    frame = metrics.lessons(data, lang)
    products = frame.get_column("product_naam").unique(maintain_order=True).to_list()
    bullets = tuple(f"{row['product_naam']}: {row['tekst']}" for row in frame.iter_rows(named=True))
    first = t(
        "pres.lessen.1",
        lang,
        n=fmt_int(frame.height, lang),
        producten=fmt_int(len(products), lang),
    )
    second = (
        t("pres.lessen.2", lang, les=str(frame.item(0, "tekst")))
        if frame.height
        else t("onbekend", lang)
    )
    return SlideContent(
        code="lessen",
        title=slide_name("lessen", lang),
        takeaway=(first, second),
        resources=RESOURCES["lessen"],
        illustrative=False,
        table=frame,
        columns={"product_naam": "pres.as.product", "tekst": "pres.as.les", "bron": "as.bron"},
        bullets=bullets,
    )


def _vervolg(sel: metrics.Selection, data: Dataset, lang: Lang) -> SlideContent:
    steps = next_steps(sel, data, lang)
    table = pl.DataFrame({"stap": list(range(1, len(steps) + 1)), "tekst": steps})
    return SlideContent(
        code="vervolg",
        title=slide_name("vervolg", lang),
        takeaway=(steps[0], steps[1]),
        resources=RESOURCES["vervolg"],
        illustrative=sel.illustrative,
        table=table,
        columns={"stap": "pres.as.stap", "tekst": "pres.as.stap_tekst"},
        bullets=tuple(steps),
    )


def build_slide(
    code: str,
    data: Dataset,
    sel: metrics.Selection,
    lang: Lang,
    *,
    metric: Metric = DEFAULT_METRIC,
    boundaries: GeoJson | None = None,
) -> SlideContent:
    """The content of slide ``code`` for the selection ``sel``."""
    if code == "lessen":
        return _lessen(data, lang)
    if code == "kaart":
        if sel.gemeenten.is_empty():
            return _empty(code, lang)
        return _kaart(sel, data, lang, metric, boundaries)
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
    boundaries: GeoJson | None = None,
) -> list[SlideContent]:
    """Every slide of the storyline of ``view``, in order."""
    sel = metrics.select(data, filters)
    return [
        build_slide(code, data, sel, lang, metric=view.metric, boundaries=boundaries)
        for code in view.storyline.slides
    ]


def export_table(frame: pl.DataFrame, columns: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """A table for CSV/XLSX: the chosen columns with their labels, numbers kept as numbers.

    Shares become percentages with one decimal (the label says ``(%)``); yes/no becomes
    ``ja``/``nee`` in the language.
    """
    shares = {"rate", "share", "dekking"}
    exprs: list[pl.Expr] = []
    yes, no = t("ja", lang), t("nee", lang)
    for name, key in columns.items():
        if name not in frame.columns:
            continue
        label = t(key, lang)
        dtype = frame.schema[name]
        if name in shares:
            exprs.append((pl.col(name) * 100).round(1).alias(f"{label} (%)"))
        elif dtype == pl.Boolean:
            exprs.append(pl.when(pl.col(name)).then(pl.lit(yes)).otherwise(pl.lit(no)).alias(label))
        else:
            exprs.append(pl.col(name).alias(label))
    return frame.select(exprs)
