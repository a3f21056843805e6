"""The palette: contrast on white, colour-blind separation, fixed status colours, theme."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import get_args

import altair as alt
import colour_vision
import pytest

from lib.contract.codes import STATUSSEN
from lib.text.i18n import t
from lib.viz import palette

DEFICIENCIES = get_args(colour_vision.Deficiency)
MIN_CVD_DISTANCE = 15.0  # CIE76; about 2.3 is just noticeable


@pytest.fixture
def restore_theme() -> Iterator[None]:
    before = alt.theme.active
    yield
    alt.theme.enable(before)


def test_contrast_ratio_known_values() -> None:
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert palette.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert palette.contrast_ratio("#0072B2", "#FFFFFF") == pytest.approx(
        palette.contrast_ratio("#FFFFFF", "#0072B2")
    )


def test_okabe_ito_yellow_would_fail_on_white() -> None:
    assert palette.contrast_ratio("#F0E442", palette.WHITE) < 3


@pytest.mark.parametrize("colour", [*palette.CATEGORICAL, *palette.STATUS_COLOURS.values()])
def test_categorical_colours_contrast_3_to_1_on_white(colour: str) -> None:
    assert palette.contrast_ratio(colour, palette.BACKGROUND) >= 3.0


def test_grey_and_text_contrast_on_white() -> None:
    assert palette.contrast_ratio(palette.GREY, palette.WHITE) >= 4.5
    assert palette.contrast_ratio(palette.TEXT, palette.WHITE) >= 4.5
    assert palette.contrast_ratio(palette.NEUTRAL, palette.WHITE) >= 3.0
    assert palette.contrast_ratio(palette.COVERED, palette.NOT_COVERED) >= 3.0


def test_categorical_colours_are_distinct() -> None:
    assert len(set(palette.CATEGORICAL)) == len(palette.CATEGORICAL)
    assert palette.GREY not in palette.CATEGORICAL


def test_status_colours_are_fixed_per_code() -> None:
    assert tuple(palette.STATUS_COLOURS) == STATUSSEN
    assert len(set(palette.STATUS_COLOURS.values())) == len(STATUSSEN)
    assert set(palette.STATUS_COLOURS.values()) <= set(palette.CATEGORICAL)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_status_colours_stay_apart_with_colour_blindness(
    deficiency: colour_vision.Deficiency,
) -> None:
    colours = list(palette.STATUS_COLOURS.values())
    for a, b in itertools.combinations(colours, 2):
        distance = colour_vision.colour_distance(
            colour_vision.simulate(a, deficiency), colour_vision.simulate(b, deficiency)
        )
        assert distance >= MIN_CVD_DISTANCE, (a, b, deficiency, distance)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_unreliable_grey_differs_from_neutral(deficiency: colour_vision.Deficiency) -> None:
    distance = colour_vision.colour_distance(
        colour_vision.simulate(palette.GREY, deficiency),
        colour_vision.simulate(palette.NEUTRAL, deficiency),
    )
    assert distance >= MIN_CVD_DISTANCE


def test_simulation_keeps_black_and_white() -> None:
    for deficiency in DEFICIENCIES:
        assert colour_vision.simulate("#FFFFFF", deficiency) == "#FFFFFF"
        assert colour_vision.simulate("#000000", deficiency) == "#000000"


def test_sequential_scale_runs_light_to_dark() -> None:
    assert len(palette.SEQUENTIAL) == len(palette.SEQUENTIAL_HEX) == palette.N_CLASSES == 5
    assert [palette.rgb_to_hex(c) for c in palette.SEQUENTIAL] == list(palette.SEQUENTIAL_HEX)
    luminance = [palette.relative_luminance(c) for c in palette.SEQUENTIAL_HEX]
    assert luminance == sorted(luminance, reverse=True)
    assert palette.GREY_RGB == (0x76, 0x76, 0x76)
    assert all(isinstance(v, int) for rgb in palette.SEQUENTIAL for v in rgb)


@pytest.mark.parametrize(
    "background",
    [
        *palette.SEQUENTIAL_HEX,
        *palette.STATUS_COLOURS.values(),
        palette.COVERED,
        palette.NOT_COVERED,
    ],
)
def test_text_on_every_fill_is_readable(background: str) -> None:
    text = palette.text_colour_on(background)
    assert text in (palette.TEXT, palette.WHITE)
    assert palette.contrast_ratio(text, background) >= 4.5


def test_hex_round_trip_and_bad_input() -> None:
    assert palette.hex_to_rgb("#0072B2") == (0, 114, 178)
    assert palette.rgb_to_hex((0, 114, 178)) == "#0072B2"
    with pytest.raises(ValueError, match="RRGGBB"):
        palette.hex_to_rgb("#123")


def test_count_breaks_are_whole_nice_steps() -> None:
    assert palette.count_breaks(11) == (0, 2, 4, 6, 8)
    assert palette.count_breaks(0) == (0, 1, 2, 3, 4)
    assert palette.count_breaks(27) == (0, 5, 10, 15, 20)
    assert palette.count_breaks(931_298) == (0, 100_000, 200_000, 300_000, 400_000)
    assert palette.count_breaks(6, start=1) == (1, 2, 3, 4, 5)


def test_class_of_uses_lower_bounds() -> None:
    breaks = palette.SHARE_BREAKS
    assert [palette.class_of(v, breaks) for v in (0.0, 0.19, 0.2, 0.6, 3 / 7, 0.8, 1.0)] == [
        0, 0, 1, 3, 2, 4, 4,
    ]  # fmt: skip


def test_class_labels_in_both_languages() -> None:
    assert palette.class_labels(palette.SHARE_BREAKS, "nl", share=True) == [
        "0-20 %", "20-40 %", "40-60 %", "60-80 %", "80-100 %",
    ]  # fmt: skip
    assert palette.class_labels(palette.SHARE_BREAKS, "en", share=True)[-1] == "80-100%"
    counts = palette.count_breaks(11)
    assert palette.class_labels(counts, "nl", share=False) == [
        "0-1", "2-3", "4-5", "6-7", t("legend.at_least", "nl", waarde="8"),
    ]  # fmt: skip
    assert palette.class_labels(counts, "en", share=False)[-1] == "8 or more"
    assert palette.class_labels(palette.count_breaks(2), "nl", share=False)[:2] == ["0", "1"]


@pytest.mark.usefixtures("restore_theme")
def test_register_theme_registers_once_and_enables() -> None:
    name = palette.register_theme()
    assert name == palette.THEME_NAME
    assert alt.theme.active == name
    assert palette.register_theme() == name  # a second call is harmless
    assert alt.theme.names().count(name) == 1
    active = alt.theme.get()
    assert active is not None
    config = active()["config"]
    assert config["axis"]["labelFontSize"] == 14
    assert config["axis"]["titleFontSize"] == 16
    assert config["legend"]["labelFontSize"] == 14
    assert config["range"]["category"] == list(palette.CATEGORICAL)
    assert config["range"]["ramp"] == list(palette.SEQUENTIAL_HEX)


@pytest.mark.usefixtures("restore_theme")
def test_theme_reaches_the_chart_spec() -> None:
    palette.register_theme()
    spec = alt.Chart(alt.InlineData(values=[{"a": 1}])).mark_bar().encode(x="a:Q").to_dict()
    assert spec["config"]["axis"]["labelFontSize"] == palette.LABEL_SIZE
    assert spec["config"]["range"]["category"] == list(palette.CATEGORICAL)
