"""Kenniskaart: from risk-factor gaps to a coherent programme, for one municipality or more.

Choose one municipality in the sidebar for its profile; without that choice the page shows
the selection (by default the whole programme). All figures come from ``lib.domain.kenniskaart``.
"""

from lib.web import layout, state
from lib.web.sections import kenniskaart

ctx = state.context()
layout.page_header(ctx, "kenniskaart")
layout.stop_if_empty(ctx, need="gemeenten")
profile = kenniskaart.profile(ctx)
kenniskaart.summary(ctx, profile)
kenniskaart.profile_downloads(ctx, profile)
kenniskaart.published_facts(ctx, profile)
kenniskaart.profile_heading(ctx)
kenniskaart.domains(ctx, profile)
kenniskaart.domains_per_gemeente(ctx, profile)
kenniskaart.target_groups(ctx, profile)
kenniskaart.pillars(ctx, profile)
kenniskaart.gaps(ctx, profile)
kenniskaart.lessons(ctx, profile)
layout.footer(ctx)
