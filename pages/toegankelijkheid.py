"""Toegankelijkheid: the accessibility statement (what is tested, what does not comply yet)."""

from lib.web import layout, state
from lib.web.sections import toegankelijkheid

ctx = state.context()
layout.page_header(ctx, "toegankelijkheid")
toegankelijkheid.statement(ctx)
layout.footer(ctx)
