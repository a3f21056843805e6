"""TODO."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from lib.contract import schema
from lib.contract.codes import (
    DOELGROEPEN,
    DOMEINEN,
    GOLVEN,
    STATUSSEN,
    Lang,
)
from lib.data.catalog import Dataset
from lib.domain.filters import Filters
from lib.text.formats import fmt_int, fmt_pct, join_names
from lib.text.i18n import t
from lib.text.labels import code_label

TABLES: Final[tuple[str, ...]] = tuple(schema.TABLES)
"""The tables a slide or chart can name in its source line (``pres.tabel.<name>``)."""


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
            else t(
                "presentation.text.filters_more",
                lang,
                namen=", ".join(labels[:5]),
                n=len(labels) - 5,
            )
        )
        parts.append(f"{t(label_key, lang)}: {shown}")

    add("filter.gemeente", [names.get(c, c) for c in filters.gemeenten])
    add("filter.wave", [code_label("golf", g, lang) for g in filters.golven if g in GOLVEN])
    if filters.botoc != "alle":
        botoc = t(f"filter.botoc.option.{filters.botoc}", lang)
        parts.append(f"{t('filter.botoc.label', lang)}: {botoc}")
    add("filter.thema", [themes.get(c, c) for c in filters.themas])
    add(
        "filter.status",
        [code_label("status", s, lang) for s in filters.statussen if s in STATUSSEN],
    )
    add(
        "filter.target_group",
        [code_label("doelgroep", g, lang) for g in filters.doelgroepen if g in DOELGROEPEN],
    )
    add(
        "filter.domain.label",
        [code_label("domein", d, lang) for d in filters.domeinen if d in DOMEINEN],
    )
    return " · ".join(parts) if parts else t("presentation.text.filters_none", lang)


def data_status(data: Dataset, lang: Lang, resources: Iterable[str] | None = None) -> str:
    """``Data: versie 1.0.0 van 2026-11-28 (gepubliceerd, voorbeelddata)``."""
    prov = data.provenance
    chosen = [prov.resources[r] for r in (resources or prov.resources) if r in prov.resources]
    statuses = sorted({r.status for r in chosen}) or sorted(
        {r.status for r in prov.resources.values()}
    )
    return t(
        "presentation.text.data_status",
        lang,
        versie=prov.version,
        datum=prov.created,
        status=", ".join(t(f"data_status.{s}", lang) for s in statuses),
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
    names = [t(f"presentation.table.{r}", lang) for r in resources if r in TABLES]
    return t("presentation.text.source", lang, tabellen="; ".join(names), licentie=prov.licence)


def illustrative_notice(data: Dataset, lang: Lang) -> str:
    done = data.kerncijfer("uitgevoerd_praktijkscan")
    total = data.kerncijfer("interventies_praktijkscan")
    return t(
        "notice.illustrative",
        lang,
        botoc=fmt_int(data.kerncijfer("botoc_gemeenten"), lang),
        totaal=fmt_int(total, lang),
        uitgevoerd=fmt_int(done, lang),
        pct=fmt_pct(done / total, lang),
    )


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


def selection_line(filters: Filters, data: Dataset, lang: Lang) -> str:
    """``Selectie: Gemeente: Lelystad · Status: Afgerond`` (or that there are no filters): the
    line at the top of every page and on every slide and download."""
    if filters.is_default:
        return t("filter.summary_none", lang)
    return t("filter.summary", lang, filters=describe_filters(filters, data, lang))
