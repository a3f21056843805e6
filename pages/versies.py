"""Versies: every published version; view, compare and restore (as a new version)."""

from lib.web import layout, state
from lib.web.sections import versions

ctx = state.context()
layout.page_header(ctx, "versies")
versions.page(ctx)
layout.footer(ctx)
