"""The palette and encodings of every netviz drawing: the HTML maps, the diff map, the timeline and
the exports (GEXF's viz attributes, the notebook map) draw with the same colours, dashes and sizes.

Sign has two channels at every size: colour (:data:`SIGN_COLORS`) and dash
(:data:`SIGN_DASHES`); actors are coloured by bloc or by type; tie widths and
dot sizes grow with the square root of weight and strength.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from netviz.errors import NetvizError

#: Tie colour by ``sign``: cooperation blue, conflict vermilion, mixed dark grey. Chosen so that
#: the three stay apart under simulated deuteranopia, protanopia and tritanopia and each has at
#: least 3:1 contrast on white (tests/test_palette.py checks both).
SIGN_COLORS = {1: "#0f6fa8", -1: "#c8401a", 0: "#4d4d4d"}
#: Tie sign names, as the legend and the panel say them.
SIGN_LABELS = {1: "cooperation", -1: "conflict", 0: "mixed"}
#: The second channel of sign, on every page and at every size: cooperation solid, conflict
#: dashed, mixed dotted (vis-network dash and gap lengths in pixels).
SIGN_DASHES: dict[int, list[int] | bool] = {1: False, -1: [10, 7], 0: [3, 6]}
#: Actor colour by ``bloc``, cycling beyond ten blocs: every colour has at least 3:1 contrast on
#: white, and the first ones (the largest blocs) stay apart under simulated colour blindness.
BLOC_COLORS = (
    "#762a83", "#1b9e77", "#8c510a", "#1f77b4", "#c51b7d",
    "#d95f02", "#01665e", "#5e3c99", "#4d9221", "#b2182b",
)
#: Actor colour when it is unaligned (in no bloc of two or more).
NO_BLOC_COLOR = "#6b7280"
#: What the pages call an actor in no bloc.
UNALIGNED = "unaligned"
#: Actor colour by ``type`` (the codebook's types).
TYPE_COLORS = {
    "state": "#762a83",
    "organisation": "#1b9e77",
    "armed_group": "#8c510a",
    "political_group": "#1f77b4",
    "movement": "#c51b7d",
}
#: Actor colour for any other type.
OTHER_TYPE_COLOR = "#6b7280"
#: Tie width range in pixels (width grows with the square root of weight).
WIDTH_RANGE = (1.5, 10.0)
#: Actor dot radius range in pixels (grows with the square root of strength).
SIZE_RANGE = (8.0, 32.0)
#: Colouring choices of a map (:func:`netviz.site.render.render_map`).
COLOR_BY = ("bloc", "type")


def sign_color(sign: int) -> str:
    """The colour of a tie of this ``sign`` (+1, -1 or 0 = mixed).

    >>> sign_color(-1)
    '#c8401a'
    """
    return SIGN_COLORS[check_sign(sign, "sign_color")]


def bloc_color(bloc: int | None) -> str:
    """The colour of a bloc (``None``: no bloc).

    >>> bloc_color(0), bloc_color(10) == bloc_color(0), bloc_color(None)
    ('#762a83', True, '#6b7280')
    """
    if bloc is None:
        return NO_BLOC_COLOR
    return BLOC_COLORS[bloc % len(BLOC_COLORS)]


def type_color(actor_type: str) -> str:
    """The colour of an actor type.

    >>> type_color("state"), type_color("something else")
    ('#762a83', '#6b7280')
    """
    return TYPE_COLORS.get(actor_type, OTHER_TYPE_COLOR)


def node_color(attrs: Mapping[str, Any], color_by: str = "bloc") -> str:
    """The colour of an actor from its node attributes, by ``"bloc"`` or ``"type"``.

    >>> node_color({"bloc": 1, "type": "state"}), node_color({"bloc": 1, "type": "state"}, "type")
    ('#1b9e77', '#762a83')
    """
    if color_by == "bloc":
        return bloc_color(attrs.get("bloc"))
    if color_by == "type":
        return type_color(attrs.get("type", ""))
    raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")


def edge_width(weight: float, max_weight: float) -> float:
    """Tie width in pixels: the square root of ``weight / max_weight`` mapped onto :data:`WIDTH_RANGE`.

    Pass the largest weight over all snapshots to compare widths across dates.

    >>> edge_width(0, 10), edge_width(10, 10), edge_width(2.5, 10)
    (1.5, 10.0, 5.75)
    """
    return _scaled(weight, max_weight, WIDTH_RANGE)


def node_size(strength: float, max_strength: float) -> float:
    """Actor dot radius in pixels: the square root of ``strength / max_strength`` mapped onto :data:`SIZE_RANGE`.

    >>> node_size(0, 4), node_size(4, 4), node_size(1, 4)
    (8.0, 32.0, 20.0)
    """
    return _scaled(strength, max_strength, SIZE_RANGE)


def _scaled(value: float, top: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
    return round(low + (high - low) * math.sqrt(share), 2)


def check_sign(sign: Any, where: str) -> int:
    """``sign`` as an int, if it is +1, -1 or 0; otherwise a :class:`NetvizError` naming ``where``.

    >>> check_sign(-1, "edge RUS--TUR")
    -1
    """
    if isinstance(sign, bool) or sign not in SIGN_COLORS:
        raise NetvizError(f"{where}: sign is {sign!r}; expected +1 (cooperation), -1 (conflict) or 0 (mixed)")
    return int(sign)


def bloc_label(bloc: int | None, names: Mapping[Any, str]) -> str:
    """What a reader sees for a bloc: its name, or ``unaligned``.

    >>> bloc_label(0, {"0": "United States, Iraq"}), bloc_label(None, {})
    ('United States, Iraq', 'unaligned')
    """
    if bloc is None:
        return UNALIGNED
    return names.get(str(bloc)) or names.get(bloc) or f"bloc {bloc}"


def dasharray(dashes: Sequence[int] | bool) -> str:
    """A vis-network dash pattern as an SVG ``stroke-dasharray`` (``""``: solid).

    >>> dasharray([10, 7]), dasharray(False)
    ('10 7', '')
    """
    return " ".join(str(d) for d in dashes) if dashes else ""
