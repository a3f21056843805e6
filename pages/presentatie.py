"""Presentatie: the current selection as full-width slides, with a storyline kept in the URL."""

from lib.web import layout, share

ctx = layout.context()
share.presentation_page(ctx)
