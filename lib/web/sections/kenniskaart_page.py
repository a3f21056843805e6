"""Streamlit fragments of the Kenniskaart page: summary, profile charts, gaps, lessons, export.

Everything shown is computed in ``lib.kenniskaart`` (one ``Profile``); this module only lays
it out. Intervention names come from uploads, so they are shown in tables (plain text), never
in Markdown or HTML.
"""

from __future__ import annotations

from typing import Final

import altair as alt
import polars as pl
import streamlit as st

from lib.contract.codes import PIJLERS, Lang
from lib.domain import kenniskaart as kk
from lib.exports import profile as profile_export
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import charts, palette
from lib.viz.charts import NUMBER_LOCALE
from lib.web import layout, share
from lib.web.cache import display_table

PILLAR_COLOURS: Final[dict[str, str]] = {
    "perspectief": palette.BLUE,
    "grenzen": palette.VERMILLION,
    "verbindend": palette.PURPLE,
}
LIGHT_BOXES: Final = {
    "groen": (st.success, ":material/check_circle:"),
    "oranje": (st.warning, ":material/warning:"),
    "rood": (st.error, ":material/cancel:"),
    "onbekend": (st.info, ":material/help:"),
}
BAR_WIDTH: Final = 420
BAR_STEP: Final = 26


def _localised(chart: alt.LayerChart, lang: Lang, data: pl.DataFrame) -> alt.LayerChart:
    """The number locale of ``lang`` and the rows, set last (see ``lib.viz.charts._localised``)."""
    chart.config = alt.Config(locale=alt.Locale(number=NUMBER_LOCALE[lang]))
    chart.data = alt.InlineData(values=data.to_dicts())
    return chart


def _reach_bars(frame: pl.DataFrame, name: str, title: str, lang: Lang) -> alt.LayerChart:
    """Bars of ``n`` per row of a profile frame; rows nothing covers say so in text."""
    not_reached = t("kenniskaart.niet_bereikt", lang)
    data = frame.with_columns(
        pl.when(pl.col("gedekt"))
        .then(pl.lit(palette.COVERED))
        .otherwise(pl.lit(palette.GREY))
        .alias("kleur"),
        pl.when(pl.col("gedekt"))
        .then(pl.col("n").cast(pl.String))
        .otherwise(pl.lit(not_reached))
        .alias("label"),
    )
    base = alt.Chart().encode(
        y=alt.Y(f"{name}:N", sort=data.get_column(name).to_list(), title=title),
        x=alt.X("n:Q", axis=alt.Axis(format="d", tickMinStep=1), title=t("as.aantal", lang)),
        tooltip=[
            alt.Tooltip(f"{name}:N", title=title),
            alt.Tooltip("label:N", title=t("as.aantal", lang)),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("kleur:N", scale=None, legend=None))
    text = base.mark_text(align="left", dx=4, color=palette.TEXT).encode(text="label:N")
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP)
    )
    return _localised(chart, lang, data)


def _pillar_bars(frame: pl.DataFrame, lang: Lang) -> alt.LayerChart:
    """Stacked 100 % bars: one per group, the share of each pillar printed in its part."""
    names = [code_label("pijler", code, lang) for code in PIJLERS]
    colours = [PILLAR_COLOURS[code] for code in PIJLERS]
    data = (
        frame.filter(pl.col("aandeel").is_not_null())
        .sort("groep_volgorde", "pijler_volgorde")
        .with_columns(
            (pl.col("aandeel").cum_sum().over("groep") - pl.col("aandeel") / 2).alias("midden"),
            pl.col("aandeel")
            .map_elements(lambda v: fmt_pct(v, lang, decimals=0), return_dtype=pl.String)
            .alias("pct"),
        )
    )
    groups = list(dict.fromkeys(data.get_column("groep").to_list()))
    title = t("as.aandeel", lang)
    base = alt.Chart().encode(
        y=alt.Y("groep:N", sort=groups, title=t("as.vergelijking", lang)),
        tooltip=[
            alt.Tooltip("groep:N", title=t("as.vergelijking", lang)),
            alt.Tooltip("pijler_naam:N", title=t("as.pijler", lang)),
            alt.Tooltip("pct:N", title=title),
            alt.Tooltip("n:Q", title=t("as.aantal", lang), format="d"),
        ],
    )
    bars = base.mark_bar(stroke=palette.WHITE, strokeWidth=1).encode(
        x=alt.X("aandeel:Q", stack="zero", axis=alt.Axis(format="%"), title=title),
        color=alt.Color(
            "pijler_naam:N",
            scale=alt.Scale(domain=names, range=colours),
            title=t("as.pijler", lang),
            legend=alt.Legend(orient="bottom", direction="horizontal"),
        ),
        order=alt.Order("pijler_volgorde:Q", sort="ascending"),
    )
    text = (
        base.transform_filter("datum.aandeel >= 0.06")
        .mark_text(color=palette.WHITE)
        .encode(x=alt.X("midden:Q", title=title), text="pct:N")
    )
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=BAR_WIDTH, height=alt.Step(BAR_STEP * 1.4)
    )
    return _localised(chart, lang, data)


# --------------------------------------------------------------------------- sections


def summary(ctx: layout.Context, profile: kk.Profile) -> None:
    st.header(t("kenniskaart.kort", ctx.lang))
    st.info("\n".join(f"- {sentence}" for sentence in profile.samenvatting))


def downloads(ctx: layout.Context, profile: kk.Profile) -> None:
    """Download buttons for the one-page profile; the files are made when clicked."""
    lang = ctx.lang
    with st.expander(t("kenniskaart.export.kop", lang), icon=":material/download:"):
        st.caption(t("kenniskaart.export.uitleg", lang))
        columns = st.columns(len(profile_export.FORMATS))
        for column, fmt in zip(columns, profile_export.FORMATS, strict=True):

            def make(fmt: profile_export.Format = fmt) -> bytes:
                return profile_export.render(profile, fmt)

            column.download_button(
                t(f"kenniskaart.export.{fmt}", lang),
                data=make,
                file_name=profile_export.file_name(profile, fmt),
                mime=profile_export.MIME[fmt],
                key=f"kenniskaart_download_{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )


def domains(ctx: layout.Context, profile: kk.Profile) -> None:
    lang = ctx.lang
    st.subheader(t("kenniskaart.domeinen.kop", lang))
    st.caption(t("kenniskaart.domeinen.uitleg", lang))
    layout.chart(
        ctx,
        charts.deferred(_reach_bars, profile.domeinen, "domein_naam", t("as.domein", lang), lang),
        finding=kk.domain_finding(profile),
        table=profile.domeinen,
        columns={"domein_naam": "as.domein", "n": "as.aantal", "gedekt": "as.gedekt"},
        key="kenniskaart_domeinen",
    )


def domains_per_gemeente(ctx: layout.Context, profile: kk.Profile) -> None:
    """How many domains each municipality reaches (only for a selection of several)."""
    if profile.een_gemeente or profile.per_gemeente.height < 2:
        return
    lang = ctx.lang
    st.subheader(t("kenniskaart.per_gemeente.kop", lang))
    st.markdown(f"**{t('bevinding.label', lang)}:** {kk.per_gemeente_finding(profile)}")
    columns = {
        "gemeente_naam": "as.gemeente",
        "n": "as.aantal",
        "n_domeinen": "kenniskaart.as.n_domeinen",
        "meerdere": "kenniskaart.as.meerdere",
        "domeinen": "kenniskaart.as.domeinen",
    }
    st.dataframe(
        display_table(profile.per_gemeente, columns, lang), hide_index=True, width="stretch"
    )
    share.table_downloads(
        ctx, profile.per_gemeente, columns, key="kenniskaart_per_gemeente",
        title=t("kenniskaart.per_gemeente.kop", lang),
    )  # fmt: skip


def target_groups(ctx: layout.Context, profile: kk.Profile) -> None:
    lang = ctx.lang
    st.subheader(t("kenniskaart.doelgroepen.kop", lang))
    frame = profile.doelgroepen.with_columns(
        pl.when(pl.col("leeftijd"))
        .then(pl.lit(t("kenniskaart.soort.leeftijd", lang)))
        .otherwise(pl.lit(t("kenniskaart.soort.omgeving", lang)))
        .alias("soort")
    )
    layout.chart(
        ctx,
        charts.deferred(_reach_bars, frame, "doelgroep_naam", t("as.doelgroep", lang), lang),
        finding=kk.target_finding(profile),
        table=frame,
        columns={
            "doelgroep_naam": "as.doelgroep",
            "soort": "kenniskaart.as.soort",
            "n": "as.aantal",
            "gedekt": "as.gedekt",
        },
        key="kenniskaart_doelgroepen",
    )
    if profile.zonder_doelgroep:
        st.caption(
            t("kenniskaart.doelgroepen.onbekend", lang, n=fmt_int(profile.zonder_doelgroep, lang))
        )


def pillars(ctx: layout.Context, profile: kk.Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.pijlers.kop", lang))
    st.caption(t("kenniskaart.pijlers.uitleg", lang))
    if profile.n_interventies == 0:
        st.info(kk.pillar_finding(profile))
        return
    layout.chart(
        ctx,
        charts.deferred(_pillar_bars, profile.pijlers, lang),
        finding=kk.pillar_finding(profile),
        table=profile.pijlers.rename({"aandeel": "share"}),
        columns={
            "groep": "as.vergelijking",
            "pijler_naam": "as.pijler",
            "n": "as.aantal",
            "share": "as.aandeel",
        },
        key="kenniskaart_pijlers",
    )


def gaps(ctx: layout.Context, profile: kk.Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.gaten.kop", lang))
    if not profile.gaten:
        st.success(t("kenniskaart.gaten.geen", lang), icon=":material/check_circle:")
        return
    for gap in profile.gaten:
        # factor, theme and source texts are curated; intervention names only in the table
        st.subheader(gap.naam)
        st.markdown(f"*{gap.bewijs}, {gap.domein.lower()}.* {gap.uitleg}")
        why = [
            f"- **{name}**: {text}"
            for name, text in zip(gap.themas, gap.toelichtingen, strict=True)
        ]
        st.markdown(
            f"**{t('kenniskaart.gaten.themas', lang)}:**\n\n"
            + ("\n".join(why) if why else t("kenniskaart.gaten.geen_thema", lang))
        )
        st.markdown(f"**{t('kenniskaart.gaten.leer', lang)}:**")
        if gap.voorbeelden:
            table = pl.DataFrame(
                [(e.gemeente, e.naam, e.status) for e in gap.voorbeelden],
                schema={"gemeente": pl.String, "naam": pl.String, "status": pl.String},
                orient="row",
            )
            columns = {"gemeente": "as.gemeente", "naam": "as.interventie", "status": "as.status"}
            st.dataframe(
                display_table(table, columns, lang),
                hide_index=True,
                width="stretch",
                key=f"kenniskaart_leer_{gap.factor}",
            )
            share.table_downloads(
                ctx, table, columns, key=f"kenniskaart_leer_{gap.factor}",
                title=f"{t('kenniskaart.gaten.leer', lang)}: {gap.naam}",
            )  # fmt: skip
        else:
            st.caption(t("kenniskaart.gaten.leer.geen", lang))
        st.caption(f"{t('as.bron', lang)}: {gap.bronnen}")


def lessons(ctx: layout.Context, profile: kk.Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.lessen.kop", lang))
    st.caption(t("kenniskaart.lessen.uitleg", lang))
    for check in profile.checks:
        box, icon = LIGHT_BOXES[check.light]
        lesson = kk.CHECK_LESSONS[check.code]
        lines = [
            f"**{check.icon} {kk.check_title(check, lang)}**",
            kk.check_result(check, lang),
            kk.check_rule(check, lang),
        ]
        if lesson is not None and lesson in profile.lessen:
            lines.append(f"{t('kenniskaart.les', lang)}: {profile.lessen[lesson]}")
        box("  \n".join(lines), icon=icon)
