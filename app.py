"""Preventie met gezag dashboard: page setup, shared sidebar and navigation."""

import streamlit as st

from lib import ui
from lib.cache import current_dataset
from lib.catalog import DataError
from lib.i18n import as_lang, t
from lib.palette import register_theme

st.set_page_config(page_title="Preventie met gezag", page_icon=":material/shield:", layout="wide")
register_theme()
try:
    data = current_dataset()
except DataError as error:
    ui.data_error(error, as_lang(st.session_state.get(ui.LANG_KEY)))
lang, _ = ui.sidebar(data)
pages = [
    st.Page(
        "pages/overzicht.py",
        title=t("nav.overzicht", lang),
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page("pages/kaart.py", title=t("nav.kaart", lang), icon=":material/map:", url_path="kaart"),
    st.Page(
        "pages/themas.py",
        title=t("nav.themas", lang),
        icon=":material/category:",
        url_path="themas",
    ),
    st.Page(
        "pages/uitvoering.py",
        title=t("nav.uitvoering", lang),
        icon=":material/task_alt:",
        url_path="uitvoering",
    ),
    st.Page(
        "pages/risicofactoren.py",
        title=t("nav.risicofactoren", lang),
        icon=":material/grid_on:",
        url_path="risicofactoren",
    ),
]
st.navigation(pages).run()
