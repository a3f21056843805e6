"""Contrast of the theme in .streamlit/config.toml, and that the running app uses that theme."""

from __future__ import annotations

import re
import tomllib

import pytest
from browser_app import App

from lib.config import STREAMLIT_DIR
from lib.viz.palette import WHITE, contrast_ratio
from lib.web import a11y

TEXT = 4.5  # WCAG 1.4.3, normal text
NON_TEXT = 3.0  # WCAG 1.4.11, focus ring and other parts of controls


def theme() -> dict[str, str]:
    with (STREAMLIT_DIR / "config.toml").open("rb") as handle:
        return dict(tomllib.load(handle)["theme"])


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
@pytest.mark.parametrize("foreground", ["textColor", "primaryColor"])
def test_theme_text_contrast(foreground: str, background: str) -> None:
    colours = theme()
    ratio = contrast_ratio(colours[foreground], colours[background])
    assert ratio >= TEXT, f"{foreground} on {background}: {ratio:.2f}:1"


def test_white_text_on_the_primary_colour() -> None:
    """Primary buttons and selected tags have white text on the primary colour."""
    assert contrast_ratio(WHITE, theme()["primaryColor"]) >= TEXT


def test_focus_ring_is_the_primary_colour_and_stands_out() -> None:
    colours = theme()
    assert a11y.FOCUS_COLOUR.upper() == colours["primaryColor"].upper()
    for background in ("backgroundColor", "secondaryBackgroundColor"):
        assert contrast_ratio(a11y.FOCUS_COLOUR, colours[background]) >= NON_TEXT


def _hex(css: str) -> str:
    red, green, blue = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{red:02X}{green:02X}{blue:02X}"


@pytest.mark.browser
def test_the_running_app_uses_the_theme(app: App) -> None:
    app.open()
    colours = {k: v.upper() for k, v in theme().items() if k.endswith("Color")}
    styles = app.page.evaluate(
        """() => {
          const css = (selector, property) =>
            getComputedStyle(document.querySelector(selector))[property];
          return {
            text: css('[data-testid="stMain"] h1', 'color'),
            app: css('[data-testid="stApp"]', 'backgroundColor'),
            sidebar: css('[data-testid="stSidebar"]', 'backgroundColor'),
          };
        }"""
    )
    assert _hex(styles["text"]) == colours["textColor"]
    assert _hex(styles["app"]) == colours["backgroundColor"]
    assert _hex(styles["sidebar"]) == colours["secondaryBackgroundColor"]
