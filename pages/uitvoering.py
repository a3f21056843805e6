"""Uitvoering: execution rates against the practice-scan reference, and the status mix."""

import streamlit as st

from lib import charts, findings, metrics, ui
from lib.i18n import t

ctx = ui.context()
ui.page_header(ctx, "uitvoering.titel", "uitvoering.intro")
ui.stop_if_empty(ctx)
sel, lang = ctx.selection, ctx.lang
st.caption(t("onbetrouwbaar.uitleg", lang))

st.subheader(t("uitvoering.per_gemeente", lang))
by_place = metrics.execution_by_gemeente(sel)
ui.chart(
    ctx,
    charts.execution_rate_bars(by_place, lang=lang, label_field="gemeente_naam"),
    finding=findings.execution(by_place, lang),
    table=by_place,
    columns={"gemeente_naam": "as.gemeente"} | ui.RATE_COLUMNS,
    key="uitvoering_per_gemeente",
)

st.subheader(t("uitvoering.per_thema", lang))
by_theme = metrics.execution_by_theme(sel, lang)
ui.chart(
    ctx,
    charts.execution_rate_bars(by_theme, lang=lang, label_field="thema_naam"),
    finding=findings.execution_by_theme(by_theme, lang),
    table=by_theme,
    columns={"thema_naam": "as.thema"} | ui.RATE_COLUMNS,
    key="uitvoering_per_thema",
)

st.subheader(t("uitvoering.status", lang))
mix = metrics.status_mix(sel, lang)
ui.chart(
    ctx,
    charts.status_stacked_bars(mix, lang=lang),
    finding=findings.status(mix, lang),
    table=mix,
    columns={"gemeente_naam": "as.gemeente", "status_naam": "as.status", "n": "as.aantal"},
    key="uitvoering_status",
)
ui.footer(ctx)
