import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, urlencode

from lib.contract.codes import (
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    LANGS,
    MISDRIJFSOORTEN,
    STATUSSEN,
    THEMAS,
    Lang,
    as_lang,
)
from lib.contract.context import JAAR_MAX, JAAR_MIN
from lib.contract.schema import GEMEENTECODE_PATTERN
from lib.domain.context_figures import DEFAULT_SOORT, MAX_NAMED
from lib.domain.filters import BOTOC_OPTIONS, Filters
from lib.domain.metrics import METRICS, Metric
from lib.slides.storyline import (
    DEFAULT_METRIC,
    EMPTY_TOKEN,
    SLIDES,
    Storyline,
    View,
    clean_title,
    parse_slides,
)

"""Links: URL query strings <-> (filters, language, view), one codec for web, CLI and exports."""


MAX_QUERY: Final = 8000  # characters of a query string we read at all


PARAM_SLIDE: Final = "dia"


PARAM_STORY: Final = "verhaal"


PARAM_TITLE: Final = "titel"


PARAM_METRIC: Final = "maat"


PARAM_OFFENCE: Final = "misdrijf"


PARAM_YEAR: Final = "jaar"


PARAM_NAMED: Final = "vergelijk"


_DIGITS = re.compile(r"[0-9]{1,4}")


def _last(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


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
        if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= max(len(slides), 1):
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
        if view.storyline.is_empty:
            query[PARAM_STORY] = EMPTY_TOKEN
        elif not view.storyline.is_default:
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


# query-string name -> (Filters field, allowed codes or None for a pattern check)
PARAMS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "gemeente": ("gemeenten", None),
    "golf": ("golven", GOLVEN),
    "thema": ("themas", THEMAS),
    "status": ("statussen", STATUSSEN),
    "doelgroep": ("doelgroepen", DOELGROEPEN),
    "domein": ("domeinen", DOMEINEN),
}


MAX_VALUES = 400


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def to_query(filters: Filters, lang: Lang) -> dict[str, str | list[str]]:
    """The query-string form: only what differs from the default, codes in a stable order."""
    query: dict[str, str | list[str]] = {}
    if lang != "nl":
        query["lang"] = lang
    for param, (attr, _) in PARAMS.items():
        values = getattr(filters, attr)
        if values:
            query[param] = list(values)
    if filters.botoc != "alle":
        query["botoc"] = filters.botoc
    return query


def _codes(
    raw: list[str], allowed: tuple[str, ...] | None, known: frozenset[str] | None
) -> list[str]:
    """The values of a multi-valued parameter that are codes we know (municipality codes are
    upper-cased and checked against the pattern and, when given, the dataset)."""
    if allowed is not None:
        return [v for v in raw if v in allowed]
    pattern = re.compile(GEMEENTECODE_PATTERN)
    upper = [v.upper() for v in raw]
    return [v for v in upper if pattern.match(v) and (known is None or v in known)]


def _last_known(
    params: Mapping[str, str | list[str]], name: str, allowed: Iterable[str]
) -> str | None:
    """The last value of a single-valued parameter when it is one of ``allowed``, else None."""
    given = _as_list(params[name])
    value = given[-1] if given else ""
    return value if value in allowed else None


def from_query(
    params: Mapping[str, str | list[str]],
    *,
    gemeentecodes: Iterable[str] | None = None,
) -> tuple[Filters, Lang, list[str]]:
    """Read filters and language from a query string; unknown values are dropped and named.

    Returns the filters, the language and the names of the parameters that had a value that
    was ignored, so the page can say so. Never raises on user input.
    """
    ignored: list[str] = []
    known = frozenset(gemeentecodes) if gemeentecodes is not None else None
    values: dict[str, object] = {}
    for param, (attr, allowed) in PARAMS.items():
        if param not in params:
            continue
        given = list(dict.fromkeys(_as_list(params[param])))
        raw = [v.strip() for v in given[:MAX_VALUES] if v.strip()]
        ok = _codes(raw, allowed, known)
        if len(given) > MAX_VALUES or len(ok) != len(raw):
            ignored.append(param)
        values[attr] = _unique(ok)
    if "botoc" in params:
        botoc = _last_known(params, "botoc", BOTOC_OPTIONS)
        if botoc is None:
            ignored.append("botoc")
        else:
            values["botoc"] = botoc
    lang: Lang = "nl"
    if "lang" in params:
        chosen = _last_known(params, "lang", LANGS)
        if chosen is None:
            ignored.append("lang")
        else:
            lang = as_lang(chosen)
    return Filters(**values), lang, ignored  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the Context page


@dataclass(frozen=True)
class ContextView:
    """What a link says about the Context page: the offence type, the year of the map and
    findings (None: the latest year with its own population) and the named municipalities."""

    soort: str = DEFAULT_SOORT
    jaar: int | None = None
    gemeenten: tuple[str, ...] = ()


def parse_context_view(
    params: Mapping[str, str | Sequence[str]], gemeentecodes: Iterable[str] | None = None
) -> tuple[ContextView, list[str]]:
    """``misdrijf``, ``jaar`` and ``vergelijk`` from query parameters; never raises.

    Municipality codes are upper-cased and kept when they match the pattern (and, when
    ``gemeentecodes`` is given, are among them), at most ``MAX_NAMED``. Returns the view and
    the names of the parameters with a value that was ignored.
    """
    ignored: list[str] = []
    soort = DEFAULT_SOORT
    if PARAM_OFFENCE in params:
        raw = _last(params[PARAM_OFFENCE]).strip().lower()
        if raw in MISDRIJFSOORTEN:
            soort = raw
        else:
            ignored.append(PARAM_OFFENCE)
    jaar: int | None = None
    if PARAM_YEAR in params:
        raw = _last(params[PARAM_YEAR]).strip()
        if _DIGITS.fullmatch(raw) and JAAR_MIN <= int(raw) <= JAAR_MAX:
            jaar = int(raw)
        else:
            ignored.append(PARAM_YEAR)
    named: tuple[str, ...] = ()
    if PARAM_NAMED in params:
        given = [v.strip() for v in _as_list(params[PARAM_NAMED])[:MAX_VALUES] if v.strip()]
        parts = [p.strip() for v in given for p in v.split(",") if p.strip()]
        known = None if gemeentecodes is None else frozenset(gemeentecodes)
        kept = _unique(_codes(parts, None, known))
        named = kept[:MAX_NAMED]
        if len(kept) != len(set(parts)) or len(kept) > MAX_NAMED:
            ignored.append(PARAM_NAMED)
    return ContextView(soort, jaar, named), ignored


def context_query(view: ContextView) -> dict[str, str | list[str]]:
    """The query parameters of ``view`` that differ from the default."""
    query: dict[str, str | list[str]] = {}
    if view.soort != DEFAULT_SOORT:
        query[PARAM_OFFENCE] = view.soort
    if view.jaar is not None:
        query[PARAM_YEAR] = str(view.jaar)
    if view.gemeenten:
        query[PARAM_NAMED] = list(view.gemeenten)
    return query
