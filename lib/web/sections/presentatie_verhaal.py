"""The storyline editor of the Presentatie page: the slides as a numbered list, each with
up, down and remove; below it, add a slide, remove all, and back to the default. Each button
applies one step of ``lib.slides.storyline.View``, and the slide on screen stays on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import streamlit as st

from lib.contract.codes import Lang
from lib.exports.markdown import md_escape
from lib.slides import content as presentation
from lib.slides.storyline import SLIDES, View
from lib.text.i18n import t
from lib.web import sync

PICK_KEY: Final = "pres_dia_keuze"  # the slide picker of the navigation
ADD_KEY: Final = "pres_dia_toevoegen"


def _edit(step: Callable[[View], View]) -> None:
    """Apply one editing step to the storyline; the slide on screen follows."""
    view = step(sync.current_view())
    sync.store_view(view)
    st.session_state[PICK_KEY] = view.slide


def _on_add() -> None:
    chosen = st.session_state.get(ADD_KEY)
    if isinstance(chosen, str) and chosen in SLIDES:
        _edit(lambda view: view.add(chosen))


def storyline_editor(view: View, lang: Lang) -> None:
    """The storyline as a numbered list with a button per step: up, down, remove; below it,
    add a slide, remove all, and back to the default."""
    st.markdown(f"**{t('presentation.storyline.label', lang)}**")
    st.caption(t("presentation.storyline.help", lang))
    codes = view.storyline.slides
    if not codes:
        st.info(t("presentation.storyline.empty", lang), icon=":material/info:")
    for index, code in enumerate(codes):
        name = presentation.slide_name(code, lang)
        with st.container(
            key=f"pmg-verhaal-{code}", horizontal=True, vertical_alignment="center", gap="small"
        ):
            st.markdown(f"{index + 1}. {md_escape(name)}", width="stretch")
            for action, label, tip, icon, step, disabled in (
                (
                    "up",
                    "presentation.storyline.up",
                    "presentation.storyline.up_help",
                    ":material/arrow_upward:",
                    -1,
                    index == 0,
                ),
                (
                    "down",
                    "presentation.storyline.down",
                    "presentation.storyline.down_help",
                    ":material/arrow_downward:",
                    1,
                    index == len(codes) - 1,
                ),
            ):
                st.button(
                    t(label, lang),
                    key=f"pres_{action}_{code}",
                    icon=icon,
                    help=t(tip, lang, dia=name),
                    on_click=_edit,
                    args=(lambda v, c=code, s=step: v.move(c, s),),
                    disabled=disabled,
                    type="tertiary",
                )
            st.button(
                t("presentation.storyline.remove", lang),
                key=f"pres_weg_{code}",
                icon=":material/close:",
                help=t("presentation.storyline.remove_help", lang, dia=name),
                on_click=_edit,
                args=(lambda v, c=code: v.remove(c),),
                type="tertiary",
            )
    missing = view.missing()
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if missing:
            st.selectbox(
                t("presentation.storyline.add_label", lang),
                options=list(missing),
                format_func=lambda code: presentation.slide_name(code, lang),
                key=ADD_KEY,
            )
            st.button(
                t("presentation.storyline.add", lang),
                key="pres_toevoegen",
                icon=":material/add:",
                on_click=_on_add,
            )
        st.button(
            t("presentation.storyline.clear", lang),
            key="pres_wissen",
            icon=":material/playlist_remove:",
            on_click=_edit,
            args=(View.cleared,),
            disabled=not codes,
        )
        st.button(
            t("presentation.storyline.reset", lang),
            key="pres_standaard",
            icon=":material/restart_alt:",
            on_click=_edit,
            args=(View.reset,),
            disabled=view.storyline.is_default,
        )
