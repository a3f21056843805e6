"""Preventie met gezag dashboard: page setup, shared sidebar and navigation."""

import streamlit as st

from lib.contract.codes import as_lang
from lib.data.catalog import DataError
from lib.text.i18n import t
from lib.viz.palette import register_theme
from lib.web import a11y, layout
from lib.web.cache import current_dataset

# No page icons: Streamlit fetches them (as favicons) from the internet; the app runs offline.
st.set_page_config(page_title="Preventie met gezag", layout="wide")
register_theme()
try:
    data = current_dataset()
except DataError as error:
    layout.data_error(error, as_lang(st.session_state.get(layout.LANG_KEY)))
lang, _ = layout.sidebar(data)
a11y.apply(lang)
pages = [
    st.Page(
        "pages/overzicht.py",
        title=t("nav.overzicht", lang),
        default=True,
    ),
    st.Page("pages/kaart.py", title=t("nav.kaart", lang), url_path="kaart"),
    st.Page(
        "pages/themas.py",
        title=t("nav.themas", lang),
        url_path="themas",
    ),
    st.Page(
        "pages/uitvoering.py",
        title=t("nav.uitvoering", lang),
        url_path="uitvoering",
    ),
    st.Page(
        "pages/risicofactoren.py",
        title=t("nav.risicofactoren", lang),
        url_path="risicofactoren",
    ),
    st.Page("pages/presentatie.py", title=t("nav.presentatie", lang), url_path="presentatie"),
    st.Page("pages/kenniskaart.py", title=t("nav.kenniskaart", lang), url_path="kenniskaart"),
    st.Page("pages/data.py", title=t("nav.data", lang), url_path="data"),
    st.Page("pages/versies.py", title=t("nav.versies", lang), url_path="versies"),
    st.Page(
        "pages/toegankelijkheid.py",
        title=t("nav.toegankelijkheid", lang),
        url_path="toegankelijkheid",
    ),
]
st.navigation(pages).run()
