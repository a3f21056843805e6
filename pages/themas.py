"""Thema's: interventions by theme, by municipality and theme, and by target group."""

from lib.web import layout, state
from lib.web.sections import themas

ctx = state.context()
layout.page_header(ctx, "themas")
layout.stop_if_empty(ctx)
themas.per_theme(ctx)
themas.per_gemeente(ctx)
themas.target_groups(ctx)
layout.footer(ctx)
