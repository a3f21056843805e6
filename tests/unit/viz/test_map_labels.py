"""Map labels: widths, positions, and that placed names never overlap at any allowed zoom."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from lib.viz import map_labels as ml
from lib.viz.map_labels import Box, Point

BOUNDS = Box(-400, -400, 400, 400)


def _scaled(label: ml.Label, scale: float) -> tuple[float, float, Box]:
    return (label.point.x * scale, label.point.y * scale, label.box)


def _all_apart(labels: list[ml.Label], scales: list[float]) -> bool:
    return not any(
        ml.boxes_overlap(_scaled(a, k), _scaled(b, k))
        for a, b in itertools.combinations(labels, 2)
        for k in scales
    )


def test_text_width_grows_with_length_and_size() -> None:
    assert ml.text_width("Delft", 13) < ml.text_width("Rotterdam", 13)
    assert ml.text_width("Delft", 26) == pytest.approx(2 * ml.text_width("Delft", 13))
    assert ml.text_width("", 13) == 0
    # never narrower than Arial: "Amsterdam" is about 64 px at 13 px in Arial
    assert ml.text_width("Amsterdam", 13) > 64


def test_eight_positions_around_the_point() -> None:
    found = ml.positions(2.0)
    assert len(found) == 8
    assert found[0] == ml.Position("start", "center", 2.0 + ml.GAP, 0)  # right first
    assert found[1].anchor == "end"  # then left
    box = found[0].box(50, 10)
    assert (box.left, box.right, box.top, box.bottom) == (5.0, 55.0, -5.0, 5.0)
    above = found[2].box(50, 10)
    assert above.bottom == -5.0
    assert above.left == -25.0


def test_conflict_at_the_first_scale_only() -> None:
    box = Box(0, -5, 50, 5)
    # two names side by side, 60 px apart: free at scale 1 and beyond
    assert not ml.conflict((0, 0, box), (60, 0, box), 16)
    # 30 px apart: they overlap now
    assert ml.conflict((0, 0, box), (30, 0, box), 1)


def test_conflict_when_zooming_in_brings_crossed_names_together() -> None:
    # B lies right of A but carries its name far to its left, past A's point: apart at the
    # first view, but as the points move apart B's name sweeps across A's.
    a = (0.0, 0.0, Box(5, -5, 60, 5))
    b = (20.0, 0.0, Box(-100, -5, -30, 5))
    assert not ml.conflict(a, b, 1)
    assert ml.conflict(a, b, 16)
    assert ml.boxes_overlap((0.0, 0.0, a[2]), (40.0, 0.0, b[2]))  # at scale 2


def test_names_placed_never_overlap_at_any_scale() -> None:
    rng = random.Random(14)
    points = [
        Point(f"p{i}", f"Gemeente {i}", rng.uniform(-150, 150), rng.uniform(-150, 150))
        for i in range(60)
    ]
    labels = ml.place_labels(points, size=13, bounds=BOUNDS, radius=2.5, max_scale=16)
    assert 5 < len(labels) < 60  # crowded: not all, but many
    assert _all_apart(labels, [1, 1.5, 2, 3, 4, 6, 8, 12, 16])
    for label in labels:
        assert BOUNDS.left <= label.point.x + label.box.left
        assert label.point.x + label.box.right <= BOUNDS.right


def test_no_name_covers_another_labelled_point() -> None:
    points = [Point("a", "Amsterdam", 0, 0), Point("b", "Diemen", 6, 4)]
    labels = ml.place_labels(points, size=13, bounds=BOUNDS, radius=2.5, max_scale=1)
    dot = Box(-2.5, -2.5, 2.5, 2.5)
    placed = {label.point.key: label for label in labels}
    assert "a" in placed
    if "b" in placed:
        for label in labels:
            for other in labels:
                if other is not label:
                    assert not ml.boxes_overlap(
                        (label.point.x, label.point.y, label.box),
                        (other.point.x, other.point.y, dot),
                    )


def test_the_first_point_is_named_first() -> None:
    points = [Point("a", "Rotterdam", 0, 0), Point("b", "Schiedam", 3, 0)]
    labels = ml.place_labels(points, size=13, bounds=BOUNDS, radius=2.5)
    assert labels[0].point.key == "a"
    assert [label.point.key for label in labels] == ["a"]  # b's dot sits on a's place


def test_a_name_leaves_room_for_the_next_one() -> None:
    # Den Haag's name would cover Utrecht's point on the right: it goes left instead
    points = [Point("dh", "Den Haag", 0, 0), Point("ut", "Utrecht", 40, 0)]
    labels = ml.place_labels(points, size=13, bounds=BOUNDS, radius=2.5)
    assert [label.point.key for label in labels] == ["dh", "ut"]
    assert labels[0].position.anchor == "end"


def test_names_stay_inside_the_bounds() -> None:
    near_edge = [Point("e", "Eemsdelta", 395, 0)]
    labels = ml.place_labels(near_edge, size=13, bounds=BOUNDS, radius=2.5)
    assert labels[0].position.anchor == "end"  # no room on the right
    nothing = ml.place_labels([Point("x", "Xxxxxxxxxxxx", 0, 0)], size=13, bounds=Box(-5, -5, 5, 5))
    assert nothing == []


@pytest.mark.parametrize("scale", [1.0, 2.0, math.e, 10.0])
def test_boxes_overlap_is_symmetric(scale: float) -> None:
    a = (0.0, 0.0, Box(0, 0, 10 * scale, 10))
    b = (5.0, 5.0, Box(0, 0, 10, 10))
    assert ml.boxes_overlap(a, b) == ml.boxes_overlap(b, a) is True


def test_a_name_never_covers_a_more_important_place_even_unnamed() -> None:
    bounds = Box(-100, -50, 20, 50)
    points = [
        Point("a", "Aaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0),  # too long for the map: no name
        Point("b", "Bee", -30, 0),
    ]
    labels = ml.place_labels(points, size=13, bounds=bounds, radius=2.5)
    assert [label.point.key for label in labels] == ["b"]
    assert labels[0].position.anchor == "end"  # on the right it would cover a's point
