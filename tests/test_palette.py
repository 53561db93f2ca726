"""The palette: colour-blind safe, and every mark 3:1 against the page."""

from __future__ import annotations

import pytest

from netviz.site.palette import (
    BLOC_COLORS,
    NO_BLOC_COLOR,
    OTHER_TYPE_COLOR,
    SIGN_COLORS,
    TYPE_COLORS,
)

# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, applied in linear RGB.
CVD = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str) -> list[float]:
    c = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]


def _lab(linear: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(x, 0.0), 1.0) for x in linear)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _seen(hex_colour: str, vision: str | None) -> tuple[float, float, float]:
    lin = _linear(hex_colour)
    if vision:
        lin = [sum(m * c for m, c in zip(row, lin)) for row in CVD[vision]]
    return _lab(lin)


def _delta_e(a: str, b: str, vision: str | None) -> float:
    return sum((p - q) ** 2 for p, q in zip(_seen(a, vision), _seen(b, vision))) ** 0.5


def _contrast(a: str, b: str) -> float:
    lum = [0.2126 * r + 0.7152 * g + 0.0722 * b_ for r, g, b_ in (_linear(a), _linear(b))]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


def test_the_simulation_finds_the_red_green_confusion_it_is_meant_to_find():
    # the classic red and green stay far apart in normal vision and merge under deuteranopia
    assert _delta_e("#2e9d5b", "#d64541", None) > 60 > 25 > _delta_e("#2e9d5b", "#d64541", "deuteranopia")


@pytest.mark.parametrize("vision", [None, *CVD])
def test_sign_colours_stay_apart_under_colour_blindness(vision):
    for a, b in [(1, -1), (1, 0), (-1, 0)]:
        assert _delta_e(SIGN_COLORS[a], SIGN_COLORS[b], vision) >= 30, (a, b, vision)


@pytest.mark.parametrize("vision", [None, "deuteranopia", "protanopia"])
def test_the_first_bloc_colours_stay_apart_under_red_green_colour_blindness(vision):
    first = BLOC_COLORS[:4]
    for i, a in enumerate(first):
        for b in first[i + 1:]:
            assert _delta_e(a, b, vision) >= 15, (a, b, vision)


def test_every_graphic_mark_has_3_to_1_contrast_on_the_page():
    # (diffmap's HALO_COLOR is left out: a halo is a glow behind a mark, not a mark)
    marks = [*SIGN_COLORS.values(), *BLOC_COLORS, NO_BLOC_COLOR, *TYPE_COLORS.values(), OTHER_TYPE_COLOR]
    for colour in marks:
        assert _contrast(colour, "#ffffff") >= 3.0, colour
    # and the old amber and grey that failed it are gone
    assert _contrast("#e0a100", "#ffffff") < 3.0 and "#e0a100" not in marks
