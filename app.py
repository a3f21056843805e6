"""Preventie met gezag dashboard: page setup, shared sidebar and navigation."""

import streamlit as st

from lib.config import ConfigError
from lib.contract.codes import as_lang
from lib.data.catalog import DataError
from lib.text.i18n import t
from lib.viz.palette import register_theme
from lib.web import a11y, cache, layout, routes, sidebar
from lib.web.state import LANG_KEY

# No page icons: Streamlit fetches them (as favicons) from the internet; the app runs offline.
st.set_page_config(page_title="Preventie met gezag", layout="wide")
register_theme()
try:
    cache.secrets()
    view = cache.current_view()
except ConfigError as error:
    layout.config_error(error, as_lang(st.session_state.get(LANG_KEY)))
except DataError as error:
    layout.data_error(error, as_lang(st.session_state.get(LANG_KEY)))
lang, _ = sidebar.sidebar(view.dataset)
a11y.apply(lang)
layout.store_notice(view, lang)  # a damaged store: on every page, above it
pages = [
    st.Page(r.file, title=t(r.nav, lang), url_path=r.slug or None, default=r.default)
    for r in routes.ROUTES
]
st.navigation(pages).run()
