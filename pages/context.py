"""Context: public population and registered-crime figures for the selection, the rest of the
country, comparable municipalities outside the programme and named municipalities."""

from lib.web import layout, state
from lib.web.sections import context

ctx = state.context()
layout.page_header(ctx, "context", example_data=False)
context.stop_without_context(ctx)
layout.stop_if_empty(ctx, need="gemeenten")
context.caveats(ctx)
choice = context.controls(ctx)
context.trend(ctx, choice)
context.comparison(ctx, choice)
context.map_section(ctx, choice)
context.population(ctx, choice)
context.monitor(ctx)
layout.footer(ctx)
