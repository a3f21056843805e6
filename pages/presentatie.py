"""Presentatie: the current selection as full-width slides, with a storyline kept in the URL."""

from lib import ui, ui_share

ctx = ui.context()
ui_share.presentation_page(ctx)
