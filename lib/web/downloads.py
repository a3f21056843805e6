"""Download buttons: a chart as PNG and SVG, its table as CSV and XLSX, the map as a PNG.

Every file is made only when its button is clicked, from the registered figure
(``lib.web.routes``): its title, the active filters, the source line naming every table it is
computed from, the data status and, where it applies, the example-data notice. The makers keep
only the data, the filters and the language (``Scope``), never a filtered copy of the data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.data.catalog import Dataset
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.exports import FORMATS, file_stem, images, sheet_name
from lib.exports.tables import csv_bytes, xlsx_bytes
from lib.text import provenance
from lib.text.i18n import t
from lib.viz import static_map
from lib.viz.columns import export_table
from lib.web import cache, routes
from lib.web.state import Context

File = tuple[str, Callable[[], bytes | str], str, str]  # label, maker, file name, MIME type


@dataclass(frozen=True)
class Scope:
    """What an export needs of the page: the shared dataset, the filters and the language."""

    data: Dataset
    filters: Filters
    lang: Lang

    @classmethod
    def of(cls, ctx: Context) -> Scope:
        return cls(ctx.data, ctx.filters, ctx.lang)


def figure_title(key: str, lang: Lang, suffix: str = "") -> str:
    """The title of a registered figure, as on the page (plus an optional suffix)."""
    title = t(routes.figure(key).title, lang)
    return f"{title}: {suffix}" if suffix else title


def decorate(
    scope: Scope,
    chart: Any,
    *,
    title: str,
    sources: tuple[str, ...],
    illustrative: bool,
    caveat: Sequence[str] = (),
) -> Any:
    """``chart`` with its title, the active filters, the source line, status and notice, and
    the ``caveat`` lines of the figure (how to read it) under the notice."""
    data, lang = scope.data, scope.lang
    notice = [provenance.illustrative_notice(data, lang)] if illustrative else []
    return images.for_export(
        chart,
        title=title,
        subtitle=provenance.describe_filters(scope.filters, data, lang),
        source=[
            provenance.source_line(data, lang, sources),
            provenance.data_status(data, lang, sources),
        ],
        notice=[*notice, *caveat] or None,
    )


def buttons(files: list[File], key: str, lang: Lang) -> None:
    """Download buttons in one popover; each file is made when its button is clicked."""
    with st.popover(t("download.title", lang), icon=":material/download:"):
        for label, make, name, mime in files:
            st.download_button(
                label,
                data=make,
                file_name=name,
                mime=mime,
                key=f"{key}_{name.rsplit('.', 1)[-1]}",
                on_click="ignore",
                width="stretch",
            )


def image_files(lang: Lang, stem: str, chart: Callable[[], Any]) -> list[File]:
    """PNG and SVG of the chart that ``chart()`` returns, made when clicked."""
    png, svg = FORMATS["png"], FORMATS["svg"]
    return [
        (t(png.label, lang), lambda: images.to_png(chart()), f"{stem}.png", png.mime),
        (t(svg.label, lang), lambda: images.to_svg(chart()), f"{stem}.svg", svg.mime),
    ]


def table_files(
    lang: Lang,
    frame: pl.DataFrame,
    columns: Mapping[str, str],
    title: str,
    notes: Sequence[str] = (),
) -> list[File]:
    """CSV and XLSX of a table (numbers as numbers, formulas neutralised), made when clicked.

    ``notes`` (title, source, caveats) go on a second sheet of the workbook and at the end of
    the CSV file, each line starting with ``#`` (a comment to ``pandas.read_csv(comment="#")``
    and ``polars.read_csv(comment_prefix="#")``)."""
    stem = file_stem(title)
    table = export_table(frame, columns, lang)
    sheet = sheet_name(title)

    def csv() -> bytes:
        return csv_bytes(table, lang=lang, notes=notes)

    def xlsx() -> bytes:
        if not notes:
            return xlsx_bytes({sheet: table})
        label = t("download.notes", lang)
        return xlsx_bytes({sheet: table, label: pl.DataFrame({label: list(notes)})})

    return [
        (t(FORMATS["csv"].label, lang), csv, f"{stem}.csv", FORMATS["csv"].mime),
        (t(FORMATS["xlsx"].label, lang), xlsx, f"{stem}.xlsx", FORMATS["xlsx"].mime),
    ]


def table_notes(ctx: Context, key: str, title: str, caveat: Sequence[str]) -> list[str]:
    """The notes of a downloaded table with caveats: title, filters, source, status and the
    caveats (none without caveats: the table stays as it was)."""
    if not caveat:
        return []
    sources = routes.figure(key).sources
    return [
        title,
        provenance.describe_filters(ctx.filters, ctx.data, ctx.lang),
        provenance.source_line(ctx.data, ctx.lang, sources),
        provenance.data_status(ctx.data, ctx.lang, sources),
        *caveat,
    ]


def chart_downloads(
    ctx: Context,
    build: Callable[[], Any],
    *,
    key: str,
    table: pl.DataFrame,
    columns: Mapping[str, str],
    illustrative: bool,
    caveat: Sequence[str] = (),
    title_suffix: str = "",
) -> None:
    """PNG and SVG of the chart that ``build()`` returns and CSV/XLSX of its table, titled and
    sourced from the registered figure ``key``; the chart is only built when asked for.
    ``caveat`` lines go under the image and into the table files."""
    figure = routes.figure(key)
    title = figure_title(key, ctx.lang, title_suffix)
    scope = Scope.of(ctx)
    lines = tuple(caveat)

    def decorated() -> Any:
        return decorate(
            scope,
            build(),
            title=title,
            sources=figure.sources,
            illustrative=illustrative,
            caveat=lines,
        )

    files = [
        *image_files(ctx.lang, file_stem(title), decorated),
        *table_files(ctx.lang, table, columns, title, table_notes(ctx, key, title, lines)),
    ]
    buttons(files, f"dl_{key}", ctx.lang)


def table_downloads(
    ctx: Context,
    frame: pl.DataFrame,
    columns: Mapping[str, str],
    *,
    key: str,
    suffix: str = "",
    widget_key: str | None = None,
    caveat: Sequence[str] = (),
) -> None:
    """CSV and XLSX of the registered table ``key`` (``suffix`` adds to its title)."""
    title = figure_title(key, ctx.lang, suffix)
    notes = table_notes(ctx, key, title, caveat)
    files = table_files(ctx.lang, frame, columns, title, notes)
    buttons(files, f"dl_{widget_key or key}", ctx.lang)


def map_downloads(
    ctx: Context,
    frame: pl.DataFrame,
    columns: Mapping[str, str],
    metric: metrics.Metric,
    shown: pl.DataFrame,
) -> None:
    """A PNG snapshot of the map (works offline) and CSV/XLSX of the list of municipalities.

    ``shown`` is the map's frame (``metrics.map_frame`` of the selection and ``metric``, as
    the page drew it), ``frame`` the list as the page shows it."""
    _, boundaries = cache.boundaries()
    figure = routes.figure("kaart")
    title = f"{t(figure.title, ctx.lang)}: {t(f'measure.{metric}', ctx.lang).lower()}"
    scope = Scope.of(ctx)
    illustrative = ctx.selection.illustrative and metric != "inwoners"

    def snapshot() -> bytes:
        chart = static_map.map_chart(
            shown,
            metric=metric,
            lang=scope.lang,
            boundaries=boundaries,
            context=metrics.map_context(scope.data),
            selected=scope.filters.gemeenten,
        )
        decorated = decorate(
            scope, chart, title=title, sources=figure.sources, illustrative=illustrative
        )
        return images.to_png(decorated)

    files: list[File] = [
        (t("download.map", ctx.lang), snapshot, f"{file_stem(title)}.png", FORMATS["png"].mime),
        *table_files(ctx.lang, frame, columns, title),
    ]
    buttons(files, "dl_kaart", ctx.lang)
