"""Streamlit fragments of the Kenniskaart page: summary, profile charts, gaps, lessons, export.

Everything shown is computed in ``lib.domain.kenniskaart`` (one ``Profile`` for every
language) and put into words by ``lib.text.kenniskaart``; this module only lays it out.
Intervention names come from uploads, so they are shown in tables (plain text), never
in Markdown or HTML.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Final
from urllib.parse import urlsplit

import polars as pl
import streamlit as st

from lib.contract.codes import Lang
from lib.domain.checks import CHECK_LESSONS
from lib.domain.kenniskaart import Profile
from lib.exports import FORMATS
from lib.exports import profile as profile_export
from lib.exports.markdown import md_escape
from lib.text import context as words
from lib.text import kenniskaart as kt
from lib.text.i18n import t
from lib.viz import kenniskaart_charts, vega
from lib.web import cache, downloads, layout
from lib.web.state import Context

LIGHT_BOXES: Final = {
    "groen": (st.success, ":material/check_circle:"),
    "oranje": (st.warning, ":material/warning:"),
    "rood": (st.error, ":material/cancel:"),
    "onbekend": (st.info, ":material/help:"),
}


# --------------------------------------------------------------------------- sections


def profile(ctx: Context) -> Profile:
    """The Kenniskaart of the selection, computed once per data version, filters and day."""
    return cache.kenniskaart_profile(ctx.data, ctx.filters, date.today())


def _fact_markdown(row: dict[str, str], lang: Lang) -> str:
    """A published fact as Markdown: its text escaped (marked as Dutch on an English page), its
    source a link only when it is a web address (the link text is the site's name)."""
    detail = " — ".join(md_escape(part) for part in (row["waarde"], row["periode"]) if part)
    url = words.web_address(row["bron"])
    link = layout.source_link(urlsplit(url).netloc.removeprefix("www."), url) if url else ""
    about = ", ".join(
        md_escape(part) for part in (row["bron_datum"], row["soort_bron_naam"]) if part
    )
    reliability = md_escape(
        f"{t('context.fact.column.reliability', lang).lower()}: {row['betrouwbaarheid_naam']}"
    )
    fact = md_escape(row["feit"])
    if lang != "nl":  # the facts are worded in Dutch: say so to a screen reader
        fact = f'<span lang="nl">{html.escape(row["feit"], quote=True)}</span>'
    text = f"**{md_escape(row['onderwerp_naam'])}**: {fact}"
    text += f" — {detail}" if detail else ""
    source = " · ".join(part for part in (link, about, reliability) if part)
    return f"{text}  \n{t('column.source', lang)}: {source}"


def published_facts(ctx: Context, profile: Profile) -> None:
    """The published facts about the programme in the selection, headed apart from the
    example data: a list for one municipality, a table for several."""
    if "gemeente_feiten" not in ctx.data.context:
        return
    lang = ctx.lang
    st.header(t("context.fact.title", lang))
    st.caption(t("context.fact.explanation", lang))
    if profile.facts.is_empty():
        st.info(t("context.fact.none", lang))
        return
    bevolking = ctx.data.context_table("bevolking")
    names = (
        words.place_names(bevolking, ctx.data.gemeenten)
        if not bevolking.is_empty()
        else dict(ctx.data.gemeenten.select("gemeentecode", "naam").iter_rows())
    )
    table = words.named_facts(profile.facts, names, lang)
    if profile.single:
        rows = table.iter_rows(named=True)
        lines = "\n".join(f"- {_fact_markdown(row, lang)}" for row in rows)
        st.markdown(lines, unsafe_allow_html=lang != "nl")
        return
    places = profile.facts.get_column("gemeentecode").n_unique()
    st.caption(t("context.fact.selection_count", lang, n=places))
    layout.table(ctx, table, words.FACT_COLUMNS)


def profile_heading(ctx: Context) -> None:
    st.header(t("kenniskaart.programme_profile", ctx.lang))


def summary(ctx: Context, profile: Profile) -> None:
    st.header(t("kenniskaart.in_short", ctx.lang))
    st.info("\n".join(f"- {sentence}" for sentence in kt.summary(profile, ctx.lang)))


def profile_downloads(ctx: Context, profile: Profile) -> None:
    """Download buttons for the one-page profile; the files are made when clicked."""
    lang = ctx.lang
    with st.expander(t("kenniskaart.export.title", lang), icon=":material/download:"):
        st.caption(t("kenniskaart.export.explanation", lang))
        columns = st.columns(len(profile_export.FORMATS))
        for column, fmt in zip(columns, profile_export.FORMATS, strict=True):

            def make(fmt: profile_export.Format = fmt) -> bytes:
                return profile_export.render(profile, fmt, lang)

            column.download_button(
                t(f"kenniskaart.export.format.{fmt}", lang),
                data=make,
                file_name=profile_export.file_name(profile, fmt),
                mime=FORMATS[fmt].mime,
                key=f"kenniskaart_download_{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )


def domains(ctx: Context, profile: Profile) -> None:
    lang = ctx.lang
    frame = kt.domains(profile, lang)
    st.subheader(t("kenniskaart.domains.title", lang))
    st.caption(t("kenniskaart.domains.explanation", lang))
    layout.chart(
        ctx,
        vega.deferred(
            kenniskaart_charts.reach_bars,
            frame,
            "domein_naam",
            t("column.domain", lang),
            lang,
        ),
        finding=kt.domain_finding(profile, lang),
        table=frame,
        columns={
            "domein_naam": "column.domain",
            "n": "column.n_interventies",
            "gedekt": "column.covered",
        },
        key="kenniskaart_domeinen",
    )


def domains_per_gemeente(ctx: Context, profile: Profile) -> None:
    """How many domains each municipality reaches (only for a selection of several)."""
    if profile.single or profile.per_place.height < 2:
        return
    lang = ctx.lang
    frame = kt.per_place(profile, lang)
    st.subheader(t("kenniskaart.by_gemeente.title", lang))
    st.markdown(f"**{t('chart.finding_label', lang)}:** {kt.per_place_finding(profile, lang)}")
    columns = {
        "gemeente_naam": "column.gemeente",
        "n": "column.n_interventies",
        "n_domeinen": "kenniskaart.column.domains_reached",
        "meerdere": "kenniskaart.column.several_domains",
        "domeinen": "kenniskaart.column.which_domains",
    }
    layout.table(ctx, frame, columns)
    downloads.table_downloads(ctx, frame, columns, key="kenniskaart_per_gemeente")


def target_groups(ctx: Context, profile: Profile) -> None:
    lang = ctx.lang
    st.subheader(t("kenniskaart.target_groups.title", lang))
    frame = kt.target_groups(profile, lang).with_columns(
        pl.when(pl.col("leeftijd"))
        .then(pl.lit(t("kenniskaart.target_groups.kind.age", lang)))
        .otherwise(pl.lit(t("kenniskaart.target_groups.kind.surroundings", lang)))
        .alias("soort")
    )
    layout.chart(
        ctx,
        vega.deferred(
            kenniskaart_charts.reach_bars,
            frame,
            "doelgroep_naam",
            t("column.target_group", lang),
            lang,
        ),
        finding=kt.target_finding(profile, lang),
        table=frame,
        columns={
            "doelgroep_naam": "column.target_group",
            "soort": "kenniskaart.column.target_group_kind",
            "n": "column.n_interventies",
            "gedekt": "column.covered",
        },
        key="kenniskaart_doelgroepen",
    )
    if profile.without_target_group:
        unknown = profile.without_target_group
        st.caption(t("kenniskaart.target_groups.unknown", lang, n=unknown))


def pillars(ctx: Context, profile: Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.pillars.title", lang))
    st.caption(t("kenniskaart.pillars.explanation", lang))
    if profile.n_interventions == 0:
        st.info(kt.pillar_finding(profile, lang))
        return
    frame = kt.pillars(profile, lang)
    layout.chart(
        ctx,
        vega.deferred(kenniskaart_charts.pillar_bars, frame, lang),
        finding=kt.pillar_finding(profile, lang),
        table=frame.rename({"aandeel": "share"}),
        columns={
            "groep_naam": "column.comparison",
            "pijler_naam": "column.pillar",
            "n": "column.n_interventies",
            "share": "column.share",
        },
        key="kenniskaart_pijlers",
    )


def gaps(ctx: Context, profile: Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.gaps.title", lang))
    if not profile.gaps:
        st.success(t("kenniskaart.gaps.none", lang), icon=":material/check_circle:")
        return
    for gap in kt.gaps(profile, lang):
        # factor, theme and source texts are curated; intervention names only in the table
        st.subheader(gap.name)
        st.markdown(f"*{gap.evidence}, {gap.domain.lower()}.* {gap.explanation}")
        why = [f"- **{name}**: {text}" for name, text in zip(gap.themes, gap.reasons, strict=True)]
        st.markdown(
            f"**{t('kenniskaart.gaps.themas', lang)}:**\n\n"
            + ("\n".join(why) if why else t("kenniskaart.gaps.no_thema", lang))
        )
        st.markdown(f"**{t('kenniskaart.gaps.learn_from', lang)}:**")
        if gap.examples:
            table = pl.DataFrame(
                [(e.place, e.name, e.count, e.status) for e in gap.examples],
                schema={
                    "gemeente": pl.String,
                    "naam": pl.String,
                    "n": pl.Int64,
                    "status": pl.String,
                },
                orient="row",
            )
            columns = {
                "gemeente": "column.gemeente",
                "naam": "column.interventie",
                "n": "column.n_interventies",
                "status": "column.status",
            }
            layout.table(ctx, table, columns, key=f"kenniskaart_leer_{gap.factor}")
            downloads.table_downloads(
                ctx,
                table,
                columns,
                key="kenniskaart_leer",
                suffix=gap.name,
                widget_key=f"kenniskaart_leer_{gap.factor}",
            )
        else:
            st.caption(t("kenniskaart.gaps.learn_from_none", lang))
        st.caption(f"{t('column.source', lang)}: {gap.sources}")


def lessons(ctx: Context, profile: Profile) -> None:
    lang = ctx.lang
    st.header(t("kenniskaart.lessons.title", lang))
    st.caption(t("kenniskaart.lessons.explanation", lang))
    texts = kt.lessons(profile, lang)
    for check in profile.checks:
        box, icon = LIGHT_BOXES[check.light]
        lesson = CHECK_LESSONS[check.code]
        lines = [
            f"**{kt.icon(check)} {kt.check_title(check, lang)}**",
            kt.check_result(check, lang),
            kt.check_rule(check, lang),
        ]
        if lesson is not None and lesson in texts:
            lines.append(f"{t('kenniskaart.lesson', lang)}: {texts[lesson]}")
        box("  \n".join(lines), icon=icon)
