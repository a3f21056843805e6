"""Overzicht: headline figures, comparison, rollout timeline, lessons and data status."""

from lib.web import layout, state
from lib.web.sections import overzicht

ctx = state.context()
layout.page_header(ctx, "")
# the headline (with its zeros and unknowns), the comparison and the programme's history mean
# something for every selection of municipalities
layout.stop_if_empty(ctx, need="gemeenten")
if ctx.selection.empty:
    layout.empty_notice(ctx)
overzicht.headline(ctx)
overzicht.comparison(ctx)
overzicht.timeline(ctx)
overzicht.lessons(ctx)
overzicht.data_status(ctx)
layout.footer(ctx)
