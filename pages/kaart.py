"""Kaart: the municipalities of the selection on an offline-safe map."""

from lib.web import layout, state
from lib.web.sections import kaart

ctx = state.context()
layout.page_header(ctx, "kaart")
layout.stop_if_empty(ctx, need="gemeenten")
metric = kaart.measure(ctx)
frame = kaart.map_view(ctx, metric)
kaart.map_list(ctx, frame, metric)
layout.footer(ctx)
