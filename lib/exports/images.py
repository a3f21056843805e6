"""Charts as files: PNG and SVG rendered on the server with vl-convert, from the same spec.

``for_export`` wraps a chart of ``lib.charts`` in a title, a subtitle with the active filters, a
source line and (where it applies) the example-data notice, so a downloaded image stands on
its own. ``to_png``/``to_svg`` render it without a browser and without network access: the
data are always inline and vl-convert may fetch nothing (``allowed_base_urls=[]``).

``map_chart`` is the offline snapshot of the map: the circles of ``lib.maps`` (same size,
colour classes and names) on a Mercator projection, with municipal outlines when a boundary
file is configured. ``slide_spec`` makes any chart readable on a projector (larger type, a
fixed height). No Streamlit here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

import altair as alt

from lib.viz import palette
from lib.viz.vega import spec_of

PNG_SCALE: Final = 2.0  # twice the CSS pixels: sharp on a 1920x1080 slide
TITLE_SIZE: Final = 22
SUBTITLE_SIZE: Final = 15
FOOTER_SIZE: Final = 12
LINE_CHARS: Final = 110  # a footer or subtitle line wraps after this many characters


def _lines(text: str | Sequence[str] | None) -> list[str]:
    if not text:
        return []
    parts = [text] if isinstance(text, str) else list(text)
    return [line for part in parts if part for line in textwrap.wrap(part, LINE_CHARS)]


def for_export(
    chart: alt.TopLevelMixin,
    *,
    title: str,
    subtitle: str | Sequence[str] | None = None,
    source: str | Sequence[str] | None = None,
    notice: str | Sequence[str] | None = None,
) -> alt.VConcatChart:
    """``chart`` with a title and subtitle above it and the source and notice below it.

    The chart's own configuration (number locale) moves to the top level; the footer is the
    bottom title of an inner concat, anchored to the full width so it starts at the left edge.
    """
    inner: Any = cast(Any, chart).copy(deep=True)
    config = inner.config
    inner.config = alt.Undefined
    footer = _lines(source)
    notes = _lines(notice)
    body: alt.VConcatChart = alt.vconcat(inner)
    if footer or notes:
        body = alt.vconcat(
            inner,
            title=alt.TitleParams(
                text=footer or notes,
                subtitle=notes if footer else alt.Undefined,
                orient="bottom",
                anchor="start",
                frame="bounds",
                fontSize=FOOTER_SIZE,
                fontWeight="normal",
                subtitleFontSize=FOOTER_SIZE,
                subtitleFontStyle="italic",
                color=palette.TEXT,
                subtitleColor=palette.TEXT,
                offset=18,
            ),
        )
    framed = alt.vconcat(
        body,
        title=alt.TitleParams(
            text=title,
            subtitle=_lines(subtitle) or alt.Undefined,
            anchor="start",
            frame="bounds",
            fontSize=TITLE_SIZE,
            subtitleFontSize=SUBTITLE_SIZE,
            color=palette.TEXT,
            subtitleColor=palette.TEXT,
            offset=14,
        ),
        padding=16,
    )
    if config is not alt.Undefined:
        framed.config = config
    return framed


def to_png(chart: alt.TopLevelMixin | Mapping[str, Any], *, scale: float = PNG_SCALE) -> bytes:
    """A PNG of ``chart`` at ``scale`` times its size, rendered offline."""
    import vl_convert as vlc  # on first export only: it takes a while to load

    return bytes(vlc.vegalite_to_png(spec_of(chart), scale=scale, allowed_base_urls=[]))


def to_svg(chart: alt.TopLevelMixin | Mapping[str, Any]) -> str:
    """An SVG of ``chart``, rendered offline."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec_of(chart), allowed_base_urls=[]))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --- slides -------------------------------------------------------------------------------------


# --- the static map -----------------------------------------------------------------------------
