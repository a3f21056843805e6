"""Risicofactoren: coverage heatmap, strong-evidence gaps and protective factors used."""

from lib.web import layout, state
from lib.web.sections import risicofactoren

ctx = state.context()
layout.page_header(ctx, "risicofactoren")
risicofactoren.partial_factors_note(ctx)
layout.stop_if_empty(ctx)
risicofactoren.heatmap(ctx)
risicofactoren.gaps(ctx)
risicofactoren.protective(ctx)
layout.footer(ctx)
