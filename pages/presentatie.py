"""Presentatie: the current selection as full-width slides, with a storyline kept in the URL."""

from lib.web import state
from lib.web.sections import presentatie

ctx = state.context()
presentatie.presentation_page(ctx)
