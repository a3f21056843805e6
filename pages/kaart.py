"""Kaart: every municipality of the Netherlands, the programme's coloured by a measure."""

from lib.web import layout, state
from lib.web.sections import kaart

ctx = state.context()
layout.page_title(ctx, "kaart")
layout.notice(ctx.lang)
layout.stop_if_empty(ctx, need="gemeenten")
data = kaart.map_view_section(ctx)
layout.page_notices(ctx, "kaart")
kaart.notes(ctx, data)
kaart.map_list(ctx, data)
layout.footer(ctx)
