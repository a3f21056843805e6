"""One colour-blind-safe palette for every chart and map, and the Altair theme that uses it.

The categorical colours are the Okabe-Ito set, darkened where needed so that each one has a
contrast of at least 3:1 against the white background (WCAG 1.4.11, non-text contrast). The
four status colours stay apart for people with protanopia, deuteranopia and tritanopia (a test
simulates these), but a chart never relies on colour alone: the status label is always in the
legend and the tooltip. Unknown or unreliable values are a neutral grey everywhere.

Plain Python and Altair; no Streamlit.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Final, cast

import altair as alt

from lib.contract.codes import Lang
from lib.text.formats import fmt_int, fmt_pct
from lib.text.i18n import t

Rgb = tuple[int, int, int]

# background and text
WHITE: Final = "#FFFFFF"
BACKGROUND: Final = WHITE
TEXT: Final = "#1A1A1A"
GREY: Final = "#767676"  # unknown or unreliable (4.5:1 on white)
LIGHT: Final = "#EEEEEE"  # empty cell; always carries a text mark, never meaning on its own
GRID: Final = "#DDDDDD"  # decoration only

# Okabe-Ito, darkened to >= 3:1 on white where the original is lighter
BLUE: Final = "#0072B2"  # Okabe-Ito blue (5.2:1)
VERMILLION: Final = "#D55E00"  # Okabe-Ito vermillion (3.9:1)
GREEN: Final = "#009E73"  # Okabe-Ito bluish green (3.4:1)
PURPLE: Final = "#C1689C"  # Okabe-Ito reddish purple, darkened (3.7:1)
OCHRE: Final = "#AD7700"  # Okabe-Ito orange, darkened (3.9:1)
SKY: Final = "#1A86C4"  # Okabe-Ito sky blue, darkened (4.0:1)

CATEGORICAL: Final[tuple[str, ...]] = (BLUE, VERMILLION, GREEN, PURPLE, OCHRE, SKY)
NEUTRAL: Final = BLUE  # the one colour of a single-series chart: no good/bad meaning

STATUS_COLOURS: Final[dict[str, str]] = {
    "gepland": PURPLE,
    "in_uitvoering": BLUE,
    "afgerond": GREEN,
    "niet_uitgevoerd": VERMILLION,
}

COVERED: Final = BLUE  # a factor is covered (white text on it)
NOT_COVERED: Final = LIGHT  # not covered (dark text on it)

# sequential (viridis-like, light to dark) for map classes and count heatmaps
SEQUENTIAL_HEX: Final[tuple[str, ...]] = ("#FDE725", "#5EC962", "#21918C", "#3B528B", "#440154")


def hex_to_rgb(colour: str) -> Rgb:
    """``"#0072B2"`` -> ``(0, 114, 178)``."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: Rgb) -> str:
    """``(0, 114, 178)`` -> ``"#0072B2"``."""
    return "#{:02X}{:02X}{:02X}".format(*rgb)


SEQUENTIAL: Final[tuple[Rgb, ...]] = tuple(hex_to_rgb(c) for c in SEQUENTIAL_HEX)
GREY_RGB: Final[Rgb] = hex_to_rgb(GREY)
TEXT_RGB: Final[Rgb] = hex_to_rgb(TEXT)
WHITE_RGB: Final[Rgb] = hex_to_rgb(WHITE)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encode(linear: float) -> int:
    c = min(max(linear, 0.0), 1.0)
    c = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
    return round(c * 255)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour (0 = black, 1 = white)."""
    r, g, b = (_linear(c) for c in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour1: str, colour2: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((relative_luminance(colour1), relative_luminance(colour2)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(background: str) -> str:
    """Dark text or white text, whichever contrasts more with ``background``."""
    on_dark = contrast_ratio(WHITE, background)
    return WHITE if on_dark > contrast_ratio(TEXT, background) else TEXT


# --- Altair theme -----------------------------------------------------------------------------

PHONE_MAX_WIDTH: Final = 600  # a chart container narrower than this is laid out for a phone
PHONE_LABEL_LIMIT: Final = 120  # longer names end in "…" on a phone; the tooltip has them
LABEL_LIMIT: Final = 320
_CONTAINER: Final = "containerSize()[0]"
_ON_PHONE = re.compile(
    rf"^{re.escape(_CONTAINER)} > 0 && {re.escape(_CONTAINER)} < \d+ \? (\S+) : (\S+)$"
)


def on_phone_expr(phone: float, wide: float) -> str:
    """A Vega expression: ``phone`` in a chart container narrower than ``PHONE_MAX_WIDTH``
    pixels, else ``wide``. Vega evaluates it in the browser on every resize; without a
    container (an exported image) the width is unknown and the result is ``wide``."""
    return f"{_CONTAINER} > 0 && {_CONTAINER} < {PHONE_MAX_WIDTH} ? {phone} : {wide}"


def wide_value(value: object) -> object:
    """``value`` as in a wide container: the wide branch of an ``on_phone_expr``."""
    if isinstance(value, dict) and isinstance(value.get("expr"), str):
        found = _ON_PHONE.match(value["expr"])
        if found:
            return float(found.group(2))
    return value


THEME_NAME: Final = "pmg"
FONT: Final = '"Source Sans Pro", "Source Sans 3", Arial, sans-serif'
LABEL_SIZE: Final = 14
TITLE_SIZE: Final = 16


def theme() -> alt.theme.ThemeConfig:
    """The dashboard theme: readable font sizes, dark text, the palette as colour ranges."""
    return {
        "background": BACKGROUND,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": TITLE_SIZE,
                "labelColor": TEXT,
                "titleColor": TEXT,
                "titleFontWeight": "normal",
                # long labels (theme and factor names) leave room for the data on a phone;
                # Vega-Lite takes an expression here (Altair's type says a number)
                "labelLimit": cast(float, {"expr": on_phone_expr(PHONE_LABEL_LIMIT, LABEL_LIMIT)}),
                "domainColor": GREY,
                "tickColor": GREY,
                "gridColor": GRID,
            },
            "legend": {
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": TITLE_SIZE,
                "labelColor": TEXT,
                "titleColor": TEXT,
                "titleFontWeight": "normal",
                "labelLimit": 320,
                "symbolSize": 160,
                "titleLimit": 320,
            },
            "header": {"labelFontSize": LABEL_SIZE, "titleFontSize": TITLE_SIZE},
            "title": {"fontSize": TITLE_SIZE, "color": TEXT},
            "text": {"fontSize": LABEL_SIZE, "color": TEXT},
            "mark": {"color": NEUTRAL},
            "range": {
                "category": list(CATEGORICAL),
                "ordinal": list(SEQUENTIAL_HEX),
                "heatmap": list(SEQUENTIAL_HEX),
                "ramp": list(SEQUENTIAL_HEX),
            },
        },
    }


def register_theme() -> str:
    """Register the theme with Altair once and enable it; returns its name.

    Cheap on every rerun. Also switches off Altair's check of each schema object as it is
    made ("debug mode"): it costs milliseconds per chart on every page view, and the chart
    tests validate every builder's output against the Vega-Lite schema instead.
    """
    if alt.theme.active != THEME_NAME:
        if THEME_NAME not in alt.theme.names():
            alt.theme.register(THEME_NAME, enable=False)(theme)
        alt.theme.enable(THEME_NAME)
        alt.utils.schemapi.disable_debug_mode()
    return THEME_NAME


# --- classes of the sequential scale ------------------------------------------------------------

N_CLASSES: Final = len(SEQUENTIAL_HEX)


def nice_step(raw: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten that is at most ``raw`` (at least 1)."""
    if raw <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (5, 2, 1) if m * power <= raw)


def count_breaks(top: float, *, start: float = 0) -> tuple[float, ...]:
    """Lower bounds of the classes for counts from ``start`` to ``top``; the last class is open.

    Steps are 1, 2 or 5 times a power of ten, so bounds are whole numbers: for a maximum of 11
    from 0 the classes are 0-1, 2-3, 4-5, 6-7 and 8 or more.
    """
    step = nice_step((top - start) / N_CLASSES)
    return tuple(start + step * i for i in range(N_CLASSES))


SHARE_BREAKS: Final[tuple[float, ...]] = (0.0, 0.2, 0.4, 0.6, 0.8)


def class_of(value: float, breaks: tuple[float, ...]) -> int:
    """Index of the class that holds ``value``: the last lower bound it reaches."""
    index = 0
    for i, bound in enumerate(breaks):
        if value >= bound - 1e-9:
            index = i
    return index


def class_labels(breaks: tuple[float, ...], lang: Lang, *, share: bool) -> list[str]:
    """Legend labels of the classes: ``0-20 %`` ... ``80-100 %`` for shares (0-1), and for
    whole counts ``0-1``, ``2-3`` ... ``8 of meer`` (the last class is open)."""
    if share:
        uppers = [*breaks[1:], 1.0]
        return [
            f"{round(lo * 100)}-{fmt_pct(hi, lang, decimals=0)}"
            for lo, hi in zip(breaks, uppers, strict=True)
        ]
    labels = []
    for lo, hi in itertools.pairwise(breaks):
        first, last = fmt_int(lo, lang), fmt_int(hi - 1, lang)
        labels.append(first if hi - 1 <= lo else f"{first}-{last}")
    labels.append(t("legend.at_least", lang, waarde=fmt_int(breaks[-1], lang)))
    return labels
