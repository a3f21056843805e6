"""Toegankelijkheid: the accessibility statement (what is tested, what does not comply yet)."""

from __future__ import annotations

import streamlit as st

from lib.text.i18n import t
from lib.web import a11y
from lib.web.state import Context


def statement(ctx: Context) -> None:
    lang = ctx.lang
    st.header(t("a11y.tested.title", lang))
    st.markdown(t("a11y.tested.text", lang))
    st.header(t("a11y.limitations.title", lang))
    st.markdown(t("a11y.limitations.text", lang))
    st.header(t("a11y.date.title", lang))
    st.write(t("a11y.date.text", lang, datum=a11y.statement_date(lang)))
    st.header(t("a11y.contact.title", lang))
    st.write(t("a11y.contact.text", lang))
