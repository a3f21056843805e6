"""Kenniskaart: from risk-factor gaps to a coherent programme, for one municipality or more.

Choose one municipality in the sidebar for its profile; without that choice the page shows
the selection (by default the whole programme). All figures come from ``lib.kenniskaart``.
"""

from datetime import date

import streamlit as st

from lib.text.i18n import t
from lib.web import cache, layout
from lib.web.sections import kenniskaart_page as section

ctx = layout.context()
layout.page_header(ctx, "kenniskaart.title", "kenniskaart.intro")
layout.stop_if_empty(ctx, need="gemeenten")
profile = cache.kenniskaart_profile(ctx.data, ctx.filters, ctx.lang, date.today())

section.summary(ctx, profile)
section.downloads(ctx, profile)

st.header(t("kenniskaart.programme_profile", ctx.lang))
section.domains(ctx, profile)
section.domains_per_gemeente(ctx, profile)
section.target_groups(ctx, profile)
section.pillars(ctx, profile)
section.gaps(ctx, profile)
section.lessons(ctx, profile)
layout.footer(ctx)
