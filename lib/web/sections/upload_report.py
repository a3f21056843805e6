"""The report and the preview of an upload, in the reader's language.

How the file was read, which values were read as codes, every problem (row, column, value,
severity, message: the messages wrap, an empty cell stays empty) and the report as CSV and
Excel; then the rows about to be published, written as the page writes numbers
(``12.500,5``), and the key figures before and after. Uploaded text is shown through
``st.dataframe`` only (plain text), never as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.contract.schema import TABLES
from lib.data.catalog import Dataset
from lib.data.ingest.pipeline import Prepared
from lib.data.validate import ValidationReport
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.exports import FORMATS, file_stem
from lib.exports.tables import csv_bytes, xlsx_bytes
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.reports import applied_table, dialect_table, report_table, result_message
from lib.viz.columns import file_rows
from lib.web import layout
from lib.web.state import Context

PREVIEW_ROWS: Final = 200
WRAPPED_ROW_PX: Final = 78  # three lines of text: Streamlit wraps cells from 64 px on
_NOTICES: Final = {"error": st.error, "warning": st.warning, "success": st.success}


def report(ctx: Context, prepared: Prepared, file_name: str) -> None:
    """How the file was read, which values were translated, and every problem."""
    lang = ctx.lang
    with st.expander(t("upload.dialect.title", lang), expanded=True):
        layout.rows(dialect_table(prepared.dialect, lang))
        if prepared.rows_dropped_empty:
            st.caption(t("upload.dialect.empty_rows", lang, n=prepared.rows_dropped_empty))
    if prepared.applied:
        with st.expander(t("upload.dialect.translated_title", lang)):
            layout.rows(applied_table(prepared.applied, lang))
    level, sentence = result_message(prepared.report, lang)
    _NOTICES[level](sentence)
    if not prepared.report.issues:
        return
    shown = report_table(prepared.report, lang)
    layout.rows(
        shown,
        column_config=_report_columns(lang),
        row_height=WRAPPED_ROW_PX,
        placeholder="",
    )
    csv_file, xlsx_file = report_files(prepared.report, lang, file_name)
    cols = st.columns(2)
    for col, (label, make, name, mime), key in zip(
        cols, (csv_file, xlsx_file), ("data_rapport", "data_rapport_xlsx"), strict=True
    ):
        col.download_button(label, make, file_name=name, mime=mime, key=key, on_click="ignore")


def _report_columns(lang: Lang) -> dict[str, object]:
    """Narrow columns for row and severity, a wide one for the message (which wraps)."""
    return {
        t("upload.report.row", lang): st.column_config.NumberColumn(width="small", format="%d"),
        t("upload.report.column", lang): st.column_config.TextColumn(width="medium"),
        t("upload.report.value", lang): st.column_config.TextColumn(width="medium"),
        t("upload.report.severity", lang): st.column_config.TextColumn(width="small"),
        t("upload.report.message", lang): st.column_config.TextColumn(width="large"),
    }


ReportFile = tuple[str, Callable[[], bytes], str, str]  # label, maker, file name, MIME type


def report_files(
    report: ValidationReport, lang: Lang, file_name: str
) -> tuple[ReportFile, ReportFile]:
    """The report as CSV and as Excel, in ``lang``, each made when its button is clicked."""
    stem = f"{file_stem(file_name.rsplit('.', 1)[0])}.{t('upload.report.file', lang)}"

    def table() -> pl.DataFrame:
        return report_table(report, lang, codes=True)

    def csv() -> bytes:
        return csv_bytes(table(), lang=lang)

    def xlsx() -> bytes:
        return xlsx_bytes({t("upload.report.file", lang): table()})

    return (
        (t("upload.report.download", lang), csv, f"{stem}.csv", FORMATS["csv"].mime),
        (t("upload.report.download_xlsx", lang), xlsx, f"{stem}.xlsx", FORMATS["xlsx"].mime),
    )


def preview_rows(ctx: Context, table: str, clean: pl.DataFrame) -> None:
    """The first rows about to be published, as the page writes them; each header (the
    column's name in the file) explains its column in the page language."""
    lang = ctx.lang
    if clean.height > PREVIEW_ROWS:
        st.caption(
            t("upload.preview_more", lang, n=fmt_int(PREVIEW_ROWS, lang),
              totaal=fmt_int(clean.height, lang))
        )  # fmt: skip
    layout.rows(
        file_rows(clean.head(PREVIEW_ROWS), lang),
        column_config=_described(table, clean.columns, lang),
    )


def _described(table: str, names: list[str], lang: Lang) -> Mapping[str, object]:
    spec = TABLES[table]
    described = {}
    for name in names:
        if name in spec.names:
            column = spec.column(name)
            text = column.description_nl if lang == "nl" else column.description_en
            described[name] = st.column_config.TextColumn(
                help=t("upload.preview_help", lang, kolom=name, omschrijving=text)
            )
    return described


def _figures(data: Dataset, lang: Lang) -> list[str]:
    head = metrics.headline(select(data, Filters()))
    return [
        fmt_int(head.n_interventies, lang),
        fmt_pct(head.rate, lang),
        f"{head.gedekt}/{head.totaal_sterk}",
    ]


def headline_rows(before: Dataset, after: Dataset, lang: Lang) -> pl.DataFrame:
    """The key figures of the whole programme now and after publishing."""
    labels = [
        t(k, lang) for k in ("kpi.interventies", "kpi.execution_rate.label", "kpi.coverage.label")
    ]
    return pl.DataFrame(
        {
            t("upload.figure", lang): labels,
            t("upload.before", lang): _figures(before, lang),
            t("upload.after", lang): _figures(after, lang),
        }
    )
