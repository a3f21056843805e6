"""Overzicht: headline figures, comparison, rollout timeline, lessons and data status."""

from lib.web import layout, state
from lib.web.sections import overzicht

ctx = state.context()
layout.page_header(ctx, "")
layout.stop_if_empty(ctx)
overzicht.headline(ctx)
overzicht.comparison(ctx)
overzicht.timeline(ctx)
overzicht.lessons(ctx)
overzicht.data_status(ctx)
layout.footer(ctx)
