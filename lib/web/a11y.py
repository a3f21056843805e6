"""Accessibility fixes the app can make itself: the page language and a visible focus ring.

Streamlit always writes ``<html lang="en">``. ``apply(lang)`` sets the language of the page
to the one the user reads, so that screen readers pronounce Dutch as Dutch (WCAG 3.1.1), and
adds one static style sheet with a clearly visible keyboard focus ring (WCAG 2.4.7) for the
controls where Streamlit shows none or only a faint one. Call it once per run, in ``app.py``,
after the language is known.

Like ``lib/ui.py`` this is a UI module, so it imports Streamlit; it renders only its own
static text, never user input.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Final

import streamlit as st

from lib.contract.codes import Lang, as_lang
from lib.text.formats import fmt_date

# primaryColor of .streamlit/config.toml (a test checks they agree): 6.1:1 on white and
# 5.5:1 on the sidebar background, so the ring meets the 3:1 of WCAG 1.4.11.
FOCUS_COLOUR: Final = "#01689B"
FOCUS_WIDTH: Final = "3px"
MARKER_ID: Final = "pmg-a11y"
STATEMENT_DATE: Final = date(2026, 11, 28)

# One ring for every control that has the keyboard focus. Checked against Streamlit 1.67 in
# tests/browser/test_browser_keyboard.py, which found:
# - page links (sidebar and st.page_link) and toolbar buttons have no focus style at all;
# - radio buttons hide the real input, so the ring goes on the visible option;
# - comboboxes (multiselect, selectbox) only change a 1 px border colour, so the ring goes
#   on the box around the input;
# - the toolbar of a chart or table is invisible until hovered, even when a button in it
#   has the keyboard focus; it is shown while it holds the focus.
# Canvases (tables, the map) fill their frame, so their ring is drawn inside.
FOCUS_CSS: Final = f"""
.stApp a:focus-visible,
.stApp button:focus-visible,
.stApp summary:focus-visible,
.stApp [tabindex]:not(input):not(canvas):focus-visible,
.stApp [data-testid="stRadioOption"]:has(input:focus-visible),
.stApp [data-testid="stCheckbox"] label:has(input:focus-visible),
.stApp [data-rac][role="group"]:has(input[role="combobox"]:focus-visible) {{
  outline: {FOCUS_WIDTH} solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
}}
[data-testid="stRadioOption"]:has(input:focus-visible) {{
  border-radius: 4px;
}}
.stApp canvas:focus-visible,
.stApp [data-testid="stDeckGlJsonChart"] .deck-events-root:focus-visible {{
  outline: {FOCUS_WIDTH} solid {FOCUS_COLOUR} !important;
  outline-offset: -{FOCUS_WIDTH} !important;
}}
[data-testid="stElementToolbar"]:focus-within {{
  opacity: 1 !important;
}}
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > #{MARKER_ID}) {{
  display: none !important;
}}
"""


def lang_script(lang: Lang) -> str:
    """The script that sets ``<html lang>`` of the top document to ``lang``."""
    return f"<script>document.documentElement.lang = {json.dumps(as_lang(lang))};</script>"


def head_html(lang: Lang) -> str:
    """Everything ``apply`` renders: a hidden marker, the focus style sheet and the script."""
    return f'<span id="{MARKER_ID}" hidden></span><style>{FOCUS_CSS}</style>{lang_script(lang)}'


def apply(lang: Lang) -> None:
    """Set the page language and the focus style for this run; renders nothing visible."""
    # The script is static text from this module (the language is one of two codes), so
    # allowing JavaScript here runs nothing a user can influence.
    st.html(head_html(lang), unsafe_allow_javascript=True)


def statement_date(lang: Lang) -> str:
    """The date of the accessibility statement: ``28 november 2026`` / ``28 November 2026``."""
    return fmt_date(STATEMENT_DATE, as_lang(lang))
