"""Map labels that never overlap: which names to show, and where beside their point.

Names are placed in screen pixels for the view the map opens with, most important first
(``place_labels``): each name tries eight positions around its point (right, left, above,
below, then the diagonals) and takes the first one whose box stays inside the map and touches
no name and no point placed before, with a gap. A name that finds no free position is left
out; its municipality keeps its tooltip, its click and its row in the list.

The text sizes are in pixels, so zooming in moves the points apart while the boxes keep their
size. A position is only taken when the boxes stay apart at every zoom from the first view to
``max_scale`` times larger (``conflict`` solves that exactly, per axis), so the names of a map
whose zoom cannot go below the first view never overlap. The width of a name is estimated from
Helvetica/Arial widths with a safety factor (wider than Source Sans and DejaVu Sans, the fonts
a browser or the image renderer use). Plain Python; no Streamlit, no Altair, no pydeck.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

Anchor = Literal["start", "middle", "end"]
Baseline = Literal["top", "center", "bottom"]

# Advance widths of Helvetica/Arial in thousandths of the font size; other characters count as
# the widest lower-case letter.
_WIDTHS: Final[dict[str, int]] = {
    **dict.fromkeys("ijl'|", 222),
    **dict.fromkeys(" ft./,:;!I[]()", 278),
    **dict.fromkeys("r-", 333),
    **dict.fromkeys("ckszvxyJ", 500),
    **dict.fromkeys("abdeghnopqu0123456789L", 556),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    "W": 944,
}
_DEFAULT_WIDTH: Final = 833
WIDTH_FACTOR: Final = 1.12  # a safety margin for wider sans-serif fonts
LINE_HEIGHT: Final = 1.25  # the height of a name's box, in font sizes
GAP: Final = 3.0  # pixels between a point and its name
PADDING: Final = 2.0  # pixels kept free between two boxes


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` at ``size`` pixels (never less than the true
    width in Arial, Helvetica, Liberation Sans, DejaVu Sans or Source Sans)."""
    units = sum(_WIDTHS.get(char, _DEFAULT_WIDTH) for char in text)
    return units / 1000 * size * WIDTH_FACTOR


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels relative to a point (x to the right, y down)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Position:
    """Where a name sits beside its point: how it is anchored and by how many pixels."""

    anchor: Anchor
    baseline: Baseline
    dx: float
    dy: float

    def box(self, width: float, height: float) -> Box:
        left = {"start": self.dx, "middle": self.dx - width / 2, "end": self.dx - width}
        top = {"top": self.dy, "center": self.dy - height / 2, "bottom": self.dy - height}
        x, y = left[self.anchor], top[self.baseline]
        return Box(x, y, x + width, y + height)


def positions(radius: float) -> tuple[Position, ...]:
    """The eight positions tried, in order, for a point of ``radius`` pixels."""
    d = radius + GAP
    diagonal = d / math.sqrt(2)
    return (
        Position("start", "center", d, 0),
        Position("end", "center", -d, 0),
        Position("middle", "bottom", 0, -d),
        Position("middle", "top", 0, d),
        Position("start", "bottom", diagonal, -diagonal),
        Position("start", "top", diagonal, diagonal),
        Position("end", "bottom", -diagonal, -diagonal),
        Position("end", "top", -diagonal, diagonal),
    )


@dataclass(frozen=True)
class Point:
    """A point to label: its key, name and pixel position (relative to the map centre)."""

    key: str
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    """A placed name: its point, position and box (relative to the point)."""

    point: Point
    position: Position
    box: Box


def _overlap_range(
    distance: float, own: tuple[float, float], other: tuple[float, float], padding: float
) -> tuple[float, float]:
    """The scales k at which, on one axis, the other box (``distance`` away at k = 1, scaled
    with k) overlaps this box, with ``padding``: an open interval, possibly empty or
    unbounded."""
    low = own[0] - padding - other[1]  # k * distance > low
    high = own[1] + padding - other[0]  # k * distance < high
    if distance == 0:
        return (-math.inf, math.inf) if low < 0 < high else (math.inf, -math.inf)
    ends = sorted((low / distance, high / distance))
    return ends[0], ends[1]


def conflict(
    a: tuple[float, float, Box],
    b: tuple[float, float, Box],
    max_scale: float,
    *,
    padding: float = PADDING,
) -> bool:
    """Do two boxes, each (x, y, box relative to x, y), come closer than ``padding`` at some
    scale of the point distances between 1 and ``max_scale``?"""
    (ax, ay, abox), (bx, by, bbox) = a, b
    x = _overlap_range(bx - ax, (abox.left, abox.right), (bbox.left, bbox.right), padding)
    y = _overlap_range(by - ay, (abox.top, abox.bottom), (bbox.top, bbox.bottom), padding)
    low, high = max(x[0], y[0]), min(x[1], y[1])  # both open: low < k < high
    return low < high and low < max_scale and high > 1.0


def _inside(x: float, y: float, box: Box, bounds: Box) -> bool:
    return (
        x + box.left >= bounds.left
        and x + box.right <= bounds.right
        and y + box.top >= bounds.top
        and y + box.bottom <= bounds.bottom
    )


def _covered(box: tuple[float, float, Box], points: Sequence[Point], dot: Box) -> int:
    """How many of ``points`` the box covers (as they are placed at the first view)."""
    return sum(boxes_overlap(box, (p.x, p.y, dot)) for p in points)


def place_labels(
    points: Sequence[Point],
    *,
    size: float,
    bounds: Box,
    radius: float = 0.0,
    max_scale: float = 16.0,
    padding: float = PADDING,
    exempt: int = 0,
) -> list[Label]:
    """Names for ``points`` (most important first) that overlap no other name and no other
    labelled point, keeping ``padding`` pixels free between them.

    ``bounds`` is the visible map around its centre; ``radius`` the size of the dot drawn at
    each labelled point. A name never covers the point of another of ``points`` either, named
    or not, at the first view: a name over the wrong place would mislead. Only the first
    ``exempt`` names (the most important: the selection, the largest cities) may cover the
    points of less important places, so that they are named in a crowded area too. Of the
    free positions of a name, the one that covers the fewest points still to be labelled wins
    (the first in order on a tie), so a name leaves room for the next ones.
    """
    dot = Box(-radius, -radius, radius, radius)  # conflict() keeps the padding around it
    taken: list[tuple[float, float, Box]] = []
    height = size * LINE_HEIGHT
    labels: list[Label] = []
    for index, point in enumerate(points):
        mark = (point.x, point.y, dot)
        if any(conflict(mark, other, max_scale, padding=padding) for other in taken):
            continue
        width = text_width(point.text, size)
        free = [
            (position, (point.x, point.y, position.box(width, height)))
            for position in positions(radius)
        ]
        clear = points[:index] if index < exempt else [p for p in points if p is not point]
        before = [(p.x, p.y, dot) for p in clear]
        free = [
            (position, mine)
            for position, mine in free
            if _inside(point.x, point.y, mine[2], bounds)
            and not any(conflict(mine, other, max_scale, padding=padding) for other in taken)
            and not any(conflict(mine, other, 1.0, padding=padding) for other in before)
        ]
        if not free:
            continue
        later = points[index + 1 :]
        position, mine = min(free, key=lambda item: _covered(item[1], later, dot))
        taken += [mark, mine]
        labels.append(Label(point, position, mine[2]))
    return labels


def boxes_overlap(a: tuple[float, float, Box], b: tuple[float, float, Box]) -> bool:
    """Do two placed boxes overlap as they are (scale 1), without padding?"""
    (ax, ay, abox), (bx, by, bbox) = a, b
    return (
        ax + abox.left < bx + bbox.right
        and bx + bbox.left < ax + abox.right
        and ay + abox.top < by + bbox.bottom
        and by + bbox.top < ay + abox.bottom
    )
