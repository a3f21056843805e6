"""Data: upload a file, see how it was read and what is wrong, preview, and publish it."""

from lib.web import layout, state
from lib.web.sections import upload

ctx = state.context()
layout.page_header(ctx, "data")
if layout.publishing_open(ctx.lang):  # not while the store is damaged: read-only until restored
    upload.page(ctx)
layout.footer(ctx)
