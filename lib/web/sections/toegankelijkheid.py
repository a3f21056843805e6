"""Toegankelijkheid: the accessibility statement (what is tested, what does not comply yet)."""

from __future__ import annotations

import streamlit as st

from lib.text.i18n import t
from lib.web import a11y
from lib.web.state import Context


def statement(ctx: Context) -> None:
    lang = ctx.lang
    st.header(t("toegank.getest.kop", lang))
    st.markdown(t("toegank.getest", lang))
    st.header(t("toegank.beperkingen.kop", lang))
    st.markdown(t("toegank.beperkingen", lang))
    st.header(t("toegank.datum.kop", lang))
    st.write(t("toegank.datum", lang, datum=a11y.statement_date(lang)))
    st.header(t("toegank.contact.kop", lang))
    st.write(t("toegank.contact", lang))
