"""Uitvoering: execution rates against the practice-scan reference, and the status mix."""

from lib.web import layout, state
from lib.web.sections import uitvoering

ctx = state.context()
layout.page_header(ctx, "uitvoering")
layout.stop_if_empty(ctx)
chart_sel, place = uitvoering.per_gemeente(ctx)
uitvoering.per_theme(ctx)
uitvoering.status(ctx, chart_sel, place)
uitvoering.trend(ctx)
layout.footer(ctx)
