"""How colours look with a colour-vision deficiency, and how far apart two colours are: the
tools the palette tests use to check that the dashboard's colours stay distinguishable."""

from __future__ import annotations

import math
from typing import Final, Literal

from lib.viz.palette import _encode, _linear, hex_to_rgb, rgb_to_hex

Deficiency = Literal["protanopia", "deuteranopia", "tritanopia"]


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
_CVD: Final[dict[Deficiency, tuple[tuple[float, float, float], ...]]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def simulate(colour: str, deficiency: Deficiency) -> str:
    """How ``colour`` looks with a full colour-vision deficiency (an approximation)."""
    linear = [_linear(c) for c in hex_to_rgb(colour)]
    rows = _CVD[deficiency]
    r, g, b = (_encode(sum(m * v for m, v in zip(row, linear, strict=True))) for row in rows)
    return rgb_to_hex((r, g, b))


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in hex_to_rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 216 / 24389 else (24389 / 27 * v + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def colour_distance(colour1: str, colour2: str) -> float:
    """CIE76 colour difference (Delta E) in CIELAB; about 2.3 is just noticeable."""
    return math.dist(_lab(colour1), _lab(colour2))
