"""Offline HTML pages through pyvis: one map per snapshot, and the index page.

A map is one self-contained file by default: vis-network, the stylesheets
and the evidence of its ties are inside it. In a site (``netviz build``,
:func:`render_site_map`) a map carries only its date (a diff map also the
changes of its date) and loads the scripts, styles, the run's history
(:mod:`netviz.site.sitedata`) and the evidence table
(:mod:`netviz.site.evidence`) from the site's ``data/`` folder, written once;
``replay.js`` rebuilds in the browser what :func:`map_data` embeds in a
self-contained map. Either way a Content-Security-Policy lets the page
fetch nothing from the network and run only its own scripts (inline ones by
hash, a site's from its own folder), and every string from articles and
data files is escaped: as text in the HTML, as JSON in the page data
(``<``, ``>``, ``&``, U+2028/2029 as ``\\uXXXX``) and through
``textContent`` in the tooltips and the evidence panel.

pyvis holds the vis data: :class:`MapNetwork` is a ``pyvis.network.Network``
whose ``nodes``, ``edges`` and ``options`` we fill ourselves (``from_nx``
mutates its input and is slow) and whose ``generate_html`` renders our
templates (pyvis's own fetches Bootstrap from a CDN and, with ``href`` in a
title, ``heading`` or ``select_menu``, injects raw HTML).

The palette and the encodings (sign colours, bloc and type colours, widths
and sizes) are module-level so that the exports, the diff map and the
timeline draw the same way. Templates live in ``netviz/site/templates``:
``base.html`` (skeleton, CSP), ``map.html`` with ``legend.html`` and
``contradictions.html``, ``index.html``; scripts ``netviz.js`` (the map,
its tooltip, filters and panel, reusable) and ``map.js``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from netviz import __version__
from netviz.errors import NetvizError
from netviz.io import atomic_write_text
from netviz.model import Relation
from netviz.site.evidence import DATA_DIR, SharedEvidence, evidence_table

#: Our templates, stylesheet and scripts.
TEMPLATES = Path(__file__).parent / "templates"
#: The vis-network that pyvis bundles; inlined into every map.
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

# --- palette and encodings, shared with export, compare and timeline --------

#: Tie colour by ``sign``: cooperation blue, conflict vermilion, mixed dark grey. Chosen so that
#: the three stay apart under simulated deuteranopia, protanopia and tritanopia and each has at
#: least 3:1 contrast on white (tests/test_render.py checks both).
SIGN_COLORS = {1: "#0f6fa8", -1: "#c8401a", 0: "#4d4d4d"}
#: Tie sign names, as the legend and the panel say them.
SIGN_LABELS = {1: "cooperation", -1: "conflict", 0: "mixed"}
#: The second channel of sign, on every page and at every size: cooperation solid, conflict
#: dashed, mixed dotted (vis-network dash and gap lengths in pixels).
SIGN_DASHES: dict[int, list[int] | bool] = {1: False, -1: [10, 7], 0: [3, 6]}
#: The dash pattern of a conflict tie.
DASH_PATTERN = SIGN_DASHES[-1]
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
#: Colouring choices of :func:`render_map`.
COLOR_BY = ("bloc", "type")
#: From this many ties on, a map is large: ties hide while it is dragged or zoomed.
LARGE_MAP = 2000
#: A map with more ties than this first shows only its strongest ones (this many, plus each
#: actor's strongest tie inside its bloc, so every actor shows its camp); a reader unticks a
#: box to see every tie. Dashes stay on at every size: the first view is small enough to draw them.
FIRST_VIEW_TIES = 250
#: In that first view, the most ties shown between two blocs (the heaviest; the legend sums up the
#: rest of what joins them) ...
FIRST_VIEW_PER_PAIR = 3
#: ... unless they stand out: this many times the median weight of the map's ties, or more.
FIRST_VIEW_STANDOUT = 4.0
#: Most pairs of blocs whose ties the legend sums up ("between blocs").
LEGEND_BLOC_PAIRS = 6
#: Most actor colours listed in the legend.
LEGEND_ACTOR_ITEMS = 12
#: Most contradictions a map lists (the strongest; a dense map has thousands, which would
#: make up most of the page): the page says how many there are in all.
CONTRADICTIONS_LISTED = 50
#: Scripts of a map page, in order (their hashes go in the page's CSP).
MAP_SCRIPTS = ("vis-network.min.js", "netviz.js", "map.js")
#: Scripts of a site's map and diff map, from the site's data folder (the evidence table follows them):
#: replay.js rebuilds the page's date from the site's history.
SITE_MAP_SCRIPTS = ("vis-network.min.js", "netviz.js", "replay.js", "history.js", "map.js")


def sign_color(sign: int) -> str:
    """The colour of a tie of this ``sign`` (+1, -1 or 0 = mixed).

    >>> sign_color(-1)
    '#c8401a'
    """
    return SIGN_COLORS[_sign(sign, "sign_color")]


def sign_label(sign: int) -> str:
    """``"cooperation"``, ``"conflict"`` or ``"mixed"``.

    >>> sign_label(0)
    'mixed'
    """
    return SIGN_LABELS[_sign(sign, "sign_label")]


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


def _sign(sign: Any, where: str) -> int:
    if isinstance(sign, bool) or sign not in SIGN_COLORS:
        raise NetvizError(f"{where}: sign is {sign!r}; expected +1 (cooperation), -1 (conflict) or 0 (mixed)")
    return int(sign)


def edge_id(u: str, v: str) -> str:
    """The id of the tie between ``u`` and ``v`` in the page data, the same either way round.

    >>> edge_id("TUR", "RUS")
    'RUS--TUR'
    """
    a, b = (u, v) if u <= v else (v, u)
    return f"{a}--{b}"


# --- safe embedding --------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element (sorted keys, compact).

    ``<``, ``>``, ``&`` and U+2028/2029 only occur inside JSON strings, where
    their ``\\uXXXX`` forms mean the same: no ``</script>`` or ``<!--`` can
    end or confuse the element.

    >>> str(script_json({"s": "</script><b>&"}))
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:
        raise NetvizError(f"page data holds a number JSON cannot carry (NaN or infinity): {exc}") from None
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text))


# vis-network.min.js ends with a source map comment: devtools would request the map file.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
# a closing tag inside inlined code would end its element early
_CLOSING_TAG = re.compile(r"</(?=script|style)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    path = VIS_LIB / name if name.startswith("vis-network") else TEMPLATES / name
    text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    return _CLOSING_TAG.sub("<\\/", text)


def asset(name: str) -> Markup:
    """The text of a script or stylesheet to inline: ``netviz/site/templates/<name>``,
    or vis-network's ``vis-network.min.js`` / ``vis-network.css``."""
    return Markup(_asset(name))


_NONE = "'none'"
_SELF = " 'self'"


@lru_cache(maxsize=None)
def _script_hash(name: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(_asset(name).encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Sequence[str], site_data: str | None = None) -> str:
    """The Content-Security-Policy of a page whose only scripts are the inlined ``scripts``.

    Nothing may be fetched from the network; scripts run only if their hash is
    listed, so an injected ``<script>`` or ``onerror=`` would not run. A site
    page (``site_data``: its data folder, a relative path) may also load scripts
    and stylesheets from its own site (``'self'``: on ``file://`` that is the
    local disk, never the network).
    """
    # a site page runs only its site's script files: it has no inline script to hash
    sources = "'self'" if site_data else " ".join(_script_hash(s) for s in scripts) or _NONE
    return (
        f"default-src 'none'; script-src {sources}; "
        f"style-src 'unsafe-inline'{_SELF if site_data else ''}; img-src data:; base-uri 'none'; form-action 'none'"
    )


#: The scripts and stylesheets a site writes once into its data folder for every page.
SITE_ASSETS = ("vis-network.min.js", "netviz.js", "replay.js", "map.js", "timeline.js", "netviz.css", "timeline.css")


def write_site_assets(folder: str | Path) -> list[Path]:
    """Write the pages' scripts and stylesheets into a site's data folder (atomically, UTF-8)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(folder / name, _asset(name)) for name in SITE_ASSETS]


@lru_cache(maxsize=None)
def environment() -> Environment:
    """The Jinja environment of every netviz page (autoescaping on).

    Globals: ``asset``, ``csp``, ``version``, ``palette``; filter ``json``
    (:func:`script_json`). Pages for other modules extend ``base.html``.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        asset=asset,
        csp=csp,
        version=__version__,
        palette={"cooperation": SIGN_COLORS[1], "conflict": SIGN_COLORS[-1], "mixed": SIGN_COLORS[0]},
    )
    env.filters["json"] = script_json
    return env


def render_page(template: str, path: str | Path, **context: Any) -> Path:
    """Render ``netviz/site/templates/<template>`` with ``context`` to ``path`` (atomic, UTF-8).

    The folder of ``path`` is created if needed.
    """
    path = Path(path)
    text = environment().get_template(template).render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)


# --- page data ---------------------------------------------------------------


def map_data(
    graph: nx.Graph,
    *,
    positions: Mapping[str, tuple[float, float]],
    color_by: str = "bloc",
    physics: bool = False,
    contradictions: Sequence[Any] = (),
    max_weight: float | None = None,
    max_strength: float | None = None,
) -> dict[str, Any]:
    """Everything a map page carries for its own date, as plain JSON-able values.

    The evidence is not here: it lives in the evidence table
    (:mod:`netviz.site.evidence`), once per site or embedded in a
    self-contained page, and the page script looks each tie's up.

    Parameters
    ----------
    graph : networkx.Graph
        A snapshot (attributes as in docs/architecture.md); not modified.
    positions : mapping
        ``{actor id: (x, y)}`` for every actor of ``graph`` (:func:`netviz.graph.layout.compute_layout`).
    color_by : {"bloc", "type"}
        What actor colour encodes.
    physics : bool
        Let vis-network move the actors (off: they stay where ``positions`` put them).
    contradictions : sequence
        Cycles to list, strongest first: ``{"actors": [...], "signs": [...]}``
        dicts, or plain tuples of actor ids (signs are then read from the
        graph). The page lists the first :data:`CONTRADICTIONS_LISTED`.
    max_weight, max_strength : float, optional
        Weight and strength drawn at full width and size (default: this
        graph's largest); pass the largest over all snapshots to compare dates.

    Returns
    -------
    dict
        ``nodes``, ``edges`` (vis-network items), ``options`` (vis-network
        options), ``actors`` and ``ties`` (by id, for the panel and the
        tooltips), ``blocs`` (bloc id to name), ``first_view`` (the number of
        ties the map first shows, all when it is small) and ``contradictions``.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=-1)
    >>> data = map_data(g, positions={"RUS": (0, 0), "SYR": (100, 0)})
    >>> [(e["id"], e["color"], e["dashes"], e["width"]) for e in data["edges"]]
    [('RUS--SYR', '#c8401a', [10, 7], 10.0)]
    """
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")
    if not isinstance(graph, nx.Graph) or graph.is_directed() or graph.is_multigraph():
        raise NetvizError(
            f"render: expected an undirected networkx.Graph snapshot, not {type(graph).__name__}"
        )
    for n in graph.nodes:
        if not isinstance(n, str):
            raise NetvizError(f"render: actor {n!r} is not a string id; snapshot nodes are actor ids")
    ties: dict[str, dict[str, Any]] = {}
    for u, v, d in graph.edges(data=True):
        tie = _tie(u, v, d)
        ties[edge_id(tie["a"], tie["b"])] = tie
    strength: Counter[str] = Counter()
    for tie in ties.values():
        strength[tie["a"]] += tie["weight"]
        strength[tie["b"]] += tie["weight"]
    actors = {n: _actor(n, d, strength[n]) for n, d in graph.nodes(data=True)}
    blocs = bloc_names(graph, actors)
    for actor in actors.values():
        if actor["bloc"] not in blocs:
            actor["bloc"] = None  # alone in its bloc: unaligned
    top_weight = _top(max_weight, (t["weight"] for t in ties.values()), "max_weight")
    top_strength = _top(max_strength, (a["strength"] for a in actors.values()), "max_strength")

    nodes = []
    for n in sorted(actors):
        actor = actors[n]
        actor["color"] = node_color(actor, color_by)
        x, y = _position(positions, n)
        nodes.append({
            "id": n,
            "label": actor["label"],
            "x": x,
            "y": y,
            "size": node_size(actor["strength"], top_strength),
            "color": actor["color"],
        })
    first = first_view(ties, bloc={n: a["bloc"] for n, a in actors.items()})
    edges = []
    for eid in sorted(ties):
        tie = ties[eid]
        if eid in first:
            tie["first"] = True
        edges.append({
            "id": eid,
            "from": tie["a"],
            "to": tie["b"],
            "width": edge_width(tie["weight"], top_weight),
            "color": SIGN_COLORS[tie["sign"]],
            "dashes": SIGN_DASHES[tie["sign"]],
        })
    return {
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(physics=physics, large=len(ties) >= LARGE_MAP),
        "actors": actors,
        "ties": ties,
        "blocs": {str(b): name for b, name in sorted(blocs.items())},
        "first_view": len(first) if len(first) < len(ties) else None,
        "sign_styles": {str(s): {"color": SIGN_COLORS[s], "dashes": SIGN_DASHES[s]} for s in (1, -1, 0)},
        "contradictions": _contradictions(contradictions[:CONTRADICTIONS_LISTED], graph, actors),
        "contradictions_total": len(contradictions),
    }


def first_view(
    ties: Mapping[str, Mapping[str, Any]], limit: int = FIRST_VIEW_TIES, bloc: Mapping[str, int | None] | None = None
) -> set[str]:
    """The ties a map shows first: all of them up to ``limit``; else the ``limit`` heaviest, and
    for every actor not yet on one its heaviest tie inside its own bloc (``bloc``: actor -> bloc),
    or its heaviest tie if it has none there, so that each actor shows which camp it stands in.

    A tie between two blocs (or a bloc and an unaligned actor) counts among
    the ``limit`` only if it stands out (:data:`FIRST_VIEW_STANDOUT` times the
    median weight or more) or is one of the :data:`FIRST_VIEW_PER_PAIR`
    heaviest of its pair of blocs: on a big map of like weights the heaviest
    ties are mostly hostile ties across camps, and hundreds of long lines from
    camp to camp would hide the camps (the legend sums up what joins two blocs).

    >>> ties = {t: {"a": t[0], "b": t[-1], "weight": w} for t, w in
    ...         {"A--B": 5, "C--D": 4, "C--E": 1, "D--F": 1}.items()}
    >>> sorted(first_view(ties, limit=1))
    ['A--B', 'C--D', 'C--E', 'D--F']
    >>> sorted(first_view(ties, limit=1, bloc={"C": 0, "E": 0, "D": 1, "F": 1}))  # camps over a cross-camp tie
    ['A--B', 'C--E', 'D--F']
    """
    if len(ties) <= limit:
        return set(ties)
    bloc = bloc or {}
    order = sorted(ties, key=lambda t: (-ties[t]["weight"], t))

    def side(actor: str) -> tuple[str, Any]:
        b = bloc.get(actor)
        return ("actor", actor) if b is None else ("bloc", b)

    keep: set[str] = set()
    across: Counter[tuple] = Counter()
    standout = FIRST_VIEW_STANDOUT * ties[order[len(order) // 2]]["weight"]
    for t in order:
        if len(keep) >= limit:
            break
        ends = sorted((side(ties[t]["a"]), side(ties[t]["b"])), key=repr)
        if ends[0] != ends[1] and ties[t]["weight"] < standout:
            if across[tuple(ends)] >= FIRST_VIEW_PER_PAIR:
                continue
            across[tuple(ends)] += 1
        keep.add(t)
    covered = {x for t in keep for x in (ties[t]["a"], ties[t]["b"])}
    best: dict[str, tuple[bool, str]] = {}  # actor -> (outside its bloc, heaviest such tie), in weight order
    for t in order:
        if t in keep:
            continue
        a, b = ties[t]["a"], ties[t]["b"]
        inside = bloc.get(a) is not None and bloc.get(a) == bloc.get(b)
        for x in (a, b):
            if x not in covered and (x not in best or (best[x][0] and inside)):
                best[x] = (not inside, t)
    keep.update(t for _, t in best.values())
    return keep


def bloc_names(graph: nx.Graph, actors: Mapping[str, Mapping[str, Any]] | None = None) -> dict[int, str]:
    """The name of every bloc of two or more actors: ``graph.graph["bloc_names"]`` when the
    snapshot has it, else its three strongest members' names.

    >>> g = nx.Graph()
    >>> g.add_nodes_from([("USA", {"bloc": 0, "label": "United States", "strength": 9}),
    ...                   ("IRQ", {"bloc": 0, "label": "Iraq", "strength": 4}), ("IRN", {"bloc": 1})])
    >>> bloc_names(g)
    {0: 'United States, Iraq'}
    """
    if actors is None:
        actors = {n: _actor(n, d, float(d.get("strength") or 0.0)) for n, d in graph.nodes(data=True)}
    members: dict[int, list[tuple[float, str]]] = {}
    for n, actor in actors.items():
        if actor["bloc"] is not None:
            members.setdefault(actor["bloc"], []).append((-actor["strength"], actor["label"]))
    given = graph.graph.get("bloc_names") or {}
    names = {}
    for bloc, people in members.items():
        if len(people) < 2:
            continue
        name = given.get(bloc, given.get(str(bloc)))
        names[bloc] = str(name) if name else ", ".join(label for _, label in sorted(people)[:3])
    return names


def bloc_label(bloc: int | None, names: Mapping[Any, str]) -> str:
    """What a reader sees for a bloc: its name, or ``unaligned``.

    >>> bloc_label(0, {"0": "United States, Iraq"}), bloc_label(None, {})
    ('United States, Iraq', 'unaligned')
    """
    if bloc is None:
        return UNALIGNED
    return names.get(str(bloc)) or names.get(bloc) or f"bloc {bloc}"


def vis_options(*, physics: bool = False, large: bool = False, seed: int = 42) -> dict[str, Any]:
    """vis-network options of a map: straight edges, seeded layout, no vis-network hover
    (the page's own tooltip picks what a click would pick).

    With ``physics`` off, actors stay at their given positions and the page
    draws at once; on, vis-network stabilises from them (slow beyond a few
    hundred actors). ``large`` hides ties while dragging or zooming.

    >>> vis_options()["edges"]["smooth"], vis_options()["physics"]["enabled"]
    (False, False)
    """
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "stabilization": {"enabled": physics, "iterations": 300, "fit": True},
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1f2933",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        # straight edges: pyvis's default dynamic smoothing adds a hidden node per edge
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1, "color": {"inherit": False}},
        "interaction": {
            "hover": False,
            "tooltipDelay": 150,
            "multiselect": True,
            "keyboard": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }


def _number(value: Any, what: str) -> float:
    # plain floats and ints first: the numbers.Real check (which also admits
    # numpy scalars that analysis code may leave in a graph) is slow
    if type(value) not in (float, int) and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
        raise NetvizError(f"{what} is {value!r}; expected a finite number")
    if not math.isfinite(value):
        raise NetvizError(f"{what} is {value!r}; expected a finite number")
    return float(value)


def _tie(u: str, v: str, d: Mapping[str, Any]) -> dict[str, Any]:
    a, b = (u, v) if u <= v else (v, u)
    where = f"render: tie {a}--{b}"
    if "weight" not in d or "sign" not in d:
        raise NetvizError(f"{where} has no 'weight' or 'sign'; build snapshots with netviz.graph.snapshots.build_snapshots")
    weight = _number(d["weight"], f"{where}: weight")
    if weight < 0:
        raise NetvizError(f"{where}: weight is {weight}; weights are >= 0")
    sign = _sign(d["sign"], where)
    evidence = d.get("evidence", ())
    for i, rel in enumerate(evidence):
        if not isinstance(rel, Relation):
            raise NetvizError(
                f"{where}: evidence item {i} is a {type(rel).__name__}, not a netviz.model.Relation"
            )
    return {
        "a": a,
        "b": b,
        "weight": round(weight, 3),
        "sign": sign,
        "polarity": round(_number(d.get("polarity", float(sign)), f"{where}: polarity"), 3),
        "cooperation": round(_number(d.get("cooperation", weight if sign > 0 else 0.0), f"{where}: cooperation"), 3),
        "conflict": round(_number(d.get("conflict", weight if sign < 0 else 0.0), f"{where}: conflict"), 3),
        "count": int(_number(d.get("count", len(evidence)), f"{where}: count")),
        "origins": sorted(str(o) for o in d.get("origins", ())),
    }


def _actor(n: str, d: Mapping[str, Any], strength: float) -> dict[str, Any]:
    bloc = d.get("bloc")
    if bloc is not None:
        if isinstance(bloc, bool) or not isinstance(bloc, numbers.Integral) or bloc < 0:
            raise NetvizError(f"render: actor {n}: bloc is {bloc!r}; expected an integer >= 0 or None")
        bloc = int(bloc)
    given = d.get("strength")
    return {
        "label": str(d.get("label") or n),
        "type": str(d.get("type") or "unknown"),
        "bloc": bloc,
        "strength": round(strength if given is None else _number(given, f"render: actor {n}: strength"), 3),
    }


def _top(given: float | None, values: Iterable[float], name: str) -> float:
    if given is not None:
        top = _number(given, name)
        if top <= 0:
            raise NetvizError(f"{name} is {top}; it must be > 0")
        return top
    return max(values, default=0.0)


def _position(positions: Mapping[str, tuple[float, float]], n: str) -> tuple[float, float]:
    try:
        x, y = positions[n]
    except KeyError:
        raise NetvizError(
            f"render: positions has no entry for actor {n!r}; compute them with"
            " netviz.graph.layout.compute_layout over all snapshots"
        ) from None
    except (TypeError, ValueError):
        raise NetvizError(f"render: position of actor {n!r} is {positions[n]!r}; expected (x, y)") from None
    return _number(x, f"render: x of actor {n!r}"), _number(y, f"render: y of actor {n!r}")


_SIGN_SYMBOLS = {"+": "+", "-": "-", "±": "±", 1: "+", -1: "-", 0: "±"}


def _contradictions(items: Sequence[Any], graph: nx.Graph, actors: Mapping[str, Mapping[str, Any]]) -> list[dict]:
    out = []
    for i, item in enumerate(items):
        where = f"contradictions[{i}]"
        if isinstance(item, Mapping):
            if "actors" not in item:
                raise NetvizError(f"{where} has no 'actors'; give {{'actors': [...], 'signs': [...]}}")
            members, signs = item["actors"], item.get("signs")
        elif isinstance(item, (list, tuple)):
            members, signs = item, None
        else:
            raise NetvizError(f"{where} is a {type(item).__name__}; give a dict with 'actors' or a tuple of actor ids")
        members = list(members) if isinstance(members, (list, tuple)) else None
        if not members or len(members) < 3 or not all(isinstance(m, str) for m in members):
            raise NetvizError(f"{where}: 'actors' must list at least three actor ids, not {item!r}")
        unknown = [m for m in members if m not in actors]
        if unknown:
            raise NetvizError(f"{where}: actor(s) {', '.join(unknown)} are not in this snapshot")
        pairs = list(zip(members, members[1:] + members[:1]))
        if signs is None:
            signs = [graph.edges[p]["sign"] if graph.has_edge(*p) else None for p in pairs]
            missing = [f"{a}--{b}" for (a, b), s in zip(pairs, signs) if s is None]
            if missing:
                raise NetvizError(f"{where}: no tie {', '.join(missing)} in this snapshot to read a sign from; give 'signs'")
        if not isinstance(signs, (list, tuple)) or len(signs) != len(members) or any(
            isinstance(s, bool) or not isinstance(s, (str, int)) or s not in _SIGN_SYMBOLS for s in signs
        ):
            raise NetvizError(
                f"{where}: 'signs' must give one of '+', '-', '±' (or 1, -1, 0) per tie around the cycle, not {signs!r}"
            )
        out.append({
            "actors": members,
            "labels": [actors[m]["label"] for m in members],
            "signs": [_SIGN_SYMBOLS[s] for s in signs],
            "edges": [edge_id(a, b) if graph.has_edge(a, b) else None for a, b in pairs],
        })
    return out


def sign_legend(counts: Mapping[int, int]) -> list[dict[str, Any]]:
    """Legend rows of the three signs: label, colour, dash pattern (SVG ``stroke-dasharray``) and count."""
    return [
        {"label": SIGN_LABELS[s], "color": SIGN_COLORS[s], "dash": dasharray(SIGN_DASHES[s]), "count": counts.get(s, 0)}
        for s in (1, -1, 0)
    ]


def dasharray(dashes: Sequence[int] | bool) -> str:
    """A vis-network dash pattern as an SVG ``stroke-dasharray`` (``""``: solid).

    >>> dasharray([10, 7]), dasharray(False)
    ('10 7', '')
    """
    return " ".join(str(d) for d in dashes) if dashes else ""


def _legend(data: Mapping[str, Any], color_by: str) -> dict[str, Any]:
    ties = sign_legend(Counter(t["sign"] for t in data["ties"].values()))
    groups = Counter(a[color_by] for a in data["actors"].values())
    if color_by == "bloc":
        # the largest blocs first, unaligned actors last
        ordered = sorted(groups, key=lambda g: (g is None, -groups[g], g if g is not None else 0))
        items = [{"label": bloc_label(g, data["blocs"]), "color": bloc_color(g), "count": groups[g]} for g in ordered]
    else:
        items = [{"label": str(g).replace("_", " "), "color": type_color(g), "count": groups[g]} for g in sorted(groups)]
    between = [
        {**pair, "a": bloc_label(pair["a"], data["blocs"]), "b": bloc_label(pair["b"], data["blocs"]),
         "color": SIGN_COLORS[pair["sign"]], "dash": dasharray(SIGN_DASHES[pair["sign"]])}
        for pair in bloc_pairs(data["ties"], data["actors"])[:LEGEND_BLOC_PAIRS]
    ]
    return {
        "ties": ties,
        "actors": {"title": color_by, "items": items[:LEGEND_ACTOR_ITEMS], "more": max(0, len(items) - LEGEND_ACTOR_ITEMS)},
        "between": between,
    }


def bloc_pairs(ties: Mapping[str, Mapping[str, Any]], actors: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What joins each two blocs, summed over all the ties between their members, heaviest first:
    ``{"a", "b" (blocs), "cooperation", "conflict", "ties" (how many), "sign"}``; the sign is
    cooperation or conflict when that side weighs at least twice the other, else mixed (0).

    >>> actors = {"USA": {"bloc": 0}, "GBR": {"bloc": 0}, "RUS": {"bloc": 1}, "QAT": {"bloc": None}}
    >>> ties = {"RUS--USA": {"a": "RUS", "b": "USA", "cooperation": 1.0, "conflict": 6.0},
    ...         "GBR--RUS": {"a": "GBR", "b": "RUS", "cooperation": 0.0, "conflict": 3.0},
    ...         "QAT--USA": {"a": "QAT", "b": "USA", "cooperation": 4.0, "conflict": 0.0}}
    >>> bloc_pairs(ties, actors)
    [{'a': 0, 'b': 1, 'cooperation': 1.0, 'conflict': 9.0, 'ties': 2, 'sign': -1}]
    """
    sums: dict[tuple[int, int], list[float]] = {}
    for tie in ties.values():
        x, y = actors[tie["a"]]["bloc"], actors[tie["b"]]["bloc"]
        if x is None or y is None or x == y:
            continue
        pair = sums.setdefault((min(x, y), max(x, y)), [0.0, 0.0, 0])
        pair[0] += tie["cooperation"]
        pair[1] += tie["conflict"]
        pair[2] += 1
    out = []
    for (a, b), (cooperation, conflict, count) in sums.items():
        sign = 1 if cooperation >= 2 * conflict else -1 if conflict >= 2 * cooperation else 0
        out.append({"a": a, "b": b, "cooperation": round(cooperation, 3), "conflict": round(conflict, 3),
                    "ties": count, "sign": sign})
    return sorted(out, key=lambda p: (-(p["cooperation"] + p["conflict"]), p["a"], p["b"]))


def _scope(graph: nx.Graph) -> str | None:
    mode, day = graph.graph.get("mode"), _date_text(graph.graph.get("date"))
    if mode is None or day is None:
        return None
    return scope_text(mode, day, len(graph.graph.get("articles", ())))


def scope_text(mode: str, day: str, articles: int) -> str:
    """What a snapshot holds, for the map's header.

    >>> scope_text("window:30", "2017-01-08", 2)
    'evidence of the 30 days up to 2017-01-08 (2 articles dated 2017-01-08)'
    """
    dated = f" ({articles:,} article{'s' if articles != 1 else ''} dated {day})" if articles else ""
    if mode == "cumulative":
        return f"all evidence up to {day}{dated}"
    if mode == "per-date":
        return f"evidence of {day} only{dated}"
    if mode.startswith("window:"):
        return f"evidence of the {mode.split(':', 1)[1]} days up to {day}{dated}"
    return f"{mode}{dated}"


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# --- pyvis ---------------------------------------------------------------------


class MapNetwork(Network):
    """A pyvis ``Network`` that renders a netviz map page.

    ``nodes``, ``edges`` and ``options`` hold the vis-network data (filled
    from :func:`map_data`, never with ``from_nx``); :meth:`generate_html`
    renders ``map.html`` (self-contained, escaped) instead of pyvis's
    template. In Jupyter the object displays itself (a sandboxed iframe), and
    pyvis's ``net.show("map.html")`` also works.
    """

    def __init__(self, data: Mapping[str, Any], page: Mapping[str, Any], *, notebook: bool = False) -> None:
        super().__init__(height="720px", width="100%", notebook=notebook, cdn_resources="in_line")
        self.templateEnv = environment()
        self.path = "map.html"
        self.nodes = list(data["nodes"])
        self.edges = list(data["edges"])
        self.options = dict(data["options"])
        self.node_ids = [n["id"] for n in self.nodes]
        self.node_map = {n["id"]: n for n in self.nodes}
        self.page_data = {k: v for k, v in data.items() if k not in ("nodes", "edges", "options")}
        self.page = dict(page)

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page as a string (pyvis's signature; ``name``, ``local`` and ``notebook`` are unused)."""
        graph = {"nodes": self.nodes, "edges": self.edges, "options": self.options}
        self.html = self.templateEnv.get_template(self.path).render(
            graph=graph, data=self.page_data, scripts=MAP_SCRIPTS, **self.page
        )
        return self.html

    def _repr_html_(self) -> str:
        # srcdoc keeps the notebook free of our scripts; the sandbox gives the
        # page no access to the notebook's origin
        return (
            f'<iframe srcdoc="{html.escape(self.generate_html(), quote=True)}" sandbox="allow-scripts"'
            f' style="width: {self.width}; height: {self.height}; border: 1px solid #d9dee3"></iframe>'
        )


def _network(
    graph: nx.Graph,
    *,
    positions: Mapping[str, tuple[float, float]],
    title: str | None,
    color_by: str,
    physics: bool,
    contradictions: Sequence[Any],
    max_weight: float | None,
    max_strength: float | None,
    notebook: bool,
    shared: SharedEvidence | None = None,
) -> MapNetwork:
    data = map_data(
        graph, positions=positions, color_by=color_by, physics=physics, contradictions=contradictions,
        max_weight=max_weight, max_strength=max_strength,
    )
    page = {
        "title": title or "Alliance map",
        "date": _date_text(graph.graph.get("date")),
        "scope": _scope(graph),
        "counts": {"actors": f"{len(data['nodes']):,}", "ties": f"{len(data['edges']):,}"},
        "legend": _legend(data, color_by),
        "contradictions": data["contradictions"],
        "contradictions_total": data["contradictions_total"],
    }
    return MapNetwork(with_evidence(data, page, [graph], shared), page, notebook=notebook)


def with_evidence(
    data: dict[str, Any], page: dict[str, Any], graphs: Sequence[nx.Graph], shared: SharedEvidence | None
) -> dict[str, Any]:
    """Point a page at its evidence: the site's data file (``shared``), or its own table embedded.

    Sets ``data["step"]`` (and ``data["before"]`` for a diff map) to the date
    indices the page shows, and ``page["assets"]`` (the site's data folder) or
    ``page["evidence"]`` (the table, embedded).
    """
    if shared is None:
        page["evidence"] = evidence_table(graphs).data
        data.update(step=len(graphs) - 1, before=0 if len(graphs) > 1 else None)
    else:
        page["assets"] = shared.src
        data.update(step=shared.step, before=shared.before)
    return data


def render_map(
    graph: nx.Graph,
    path: str | Path,
    *,
    positions: Mapping[str, tuple[float, float]],
    title: str | None = None,
    color_by: str = "bloc",
    physics: bool = False,
    contradictions: Sequence[Any] = (),
    max_weight: float | None = None,
    max_strength: float | None = None,
    shared: SharedEvidence | None = None,
) -> Path:
    """Write the HTML map of a snapshot: self-contained, or a page of a site (``shared``).

    Parameters
    ----------
    graph : networkx.Graph
        The snapshot; not modified.
    path : str or Path
        The page to write (atomically, UTF-8); its folder is created if needed.
    positions : mapping
        ``{actor id: (x, y)}`` from :func:`netviz.graph.layout.compute_layout` over all snapshots.
    title : str, optional
        Page heading (default ``"Alliance map"``); the snapshot's date follows it.
    color_by : {"bloc", "type"}
        What actor colour encodes.
    physics : bool
        Let vis-network move the actors after loading (off by default).
    contradictions : sequence
        Unbalanced cycles to list in the panel (see :func:`map_data`).
    max_weight, max_strength : float, optional
        Full-width weight and full-size strength; default this graph's largest.
    shared : SharedEvidence, optional
        A site page: the evidence is in the site's data file
        (:mod:`netviz.site.evidence`), not in the page. Default: the page
        embeds the evidence of its own ties and works alone (one file to mail).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.Graph(date=date(2017, 1, 8))
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> out = render_map(g, Path(tempfile.mkdtemp()) / "2017-01-08.html", positions={"RUS": (0, 0), "SYR": (90, 0)})
    >>> "<title>Alliance map — 2017-01-08</title>" in out.read_text(encoding="utf-8")
    True
    """
    net = _network(
        graph, positions=positions, title=title, color_by=color_by, physics=physics,
        contradictions=contradictions, max_weight=max_weight, max_strength=max_strength, notebook=False,
        shared=shared,
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, net.generate_html())


def render_site_map(
    path: str | Path,
    *,
    step: int,
    title: str,
    date: str,
    scope: str | None,
    actors: int,
    ties: int,
    color_by: str = "bloc",
    before: int | None = None,
    changes: Mapping[str, Sequence[str]] | None = None,
    assets: str = DATA_DIR,
) -> Path:
    """Write a site's map (or, with ``before`` and ``changes``, diff map) of date ``step``: the page
    carries only its date, its header and its changes; it rebuilds the rest from the site's
    ``history.js`` (:mod:`netviz.site.sitedata`) in ``assets``, the data folder relative to the page.

    ``changes`` maps the id of each tie that changed from ``before`` to ``step`` to
    ``[change, state before, state after]`` (see :func:`netviz.site.diffmap.step_diff`).
    """
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")
    replay: dict[str, Any] = {"step": step, "before": before, "color_by": color_by}
    if changes is not None:
        replay["changes"] = {k: list(v) for k, v in changes.items()}
    return render_page(
        "map.html", path, title=title, date=date, scope=scope,
        counts={"actors": f"{actors:,}", "ties": f"{ties:,}"}, legend=None, contradictions=[],
        contradictions_total=0, replay=replay, assets=assets, scripts=SITE_MAP_SCRIPTS,
    )


# --- index -------------------------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index page: a snapshot's date, counts, map link and extra links.

    ``links`` are ``(label, href)`` pairs, e.g. ``("diff from 2017-01-01", "diff-2017-01-01-2017-01-08.html")``.
    """

    date: date | str
    href: str
    actors: int
    ties: int
    links: tuple[tuple[str, str], ...] = ()


def index_entry(graph: nx.Graph, href: str, links: Iterable[tuple[str, str]] = ()) -> IndexEntry:
    """The index row of a snapshot: its date (``graph.graph["date"]``) and counts.

    >>> g = nx.Graph(date=date(2017, 1, 8))
    >>> g.add_edge("RUS", "SYR")
    >>> index_entry(g, "2017-01-08.html")
    IndexEntry(date=datetime.date(2017, 1, 8), href='2017-01-08.html', actors=2, ties=1, links=())
    """
    if "date" not in graph.graph:
        raise NetvizError(f"index_entry: the snapshot for {href!r} has no graph attribute 'date'")
    return IndexEntry(graph.graph["date"], href, graph.number_of_nodes(), graph.number_of_edges(), tuple(links))


def render_index(
    entries: Iterable[IndexEntry],
    path: str | Path,
    *,
    title: str = "netviz alliance maps",
    links: Iterable[tuple[str, str]] = (),
) -> Path:
    """Write the index page: every snapshot with its date, actor and tie counts and links.

    Parameters
    ----------
    entries : iterable of IndexEntry
        The rows, in the order given (see :func:`index_entry`).
    path : str or Path
        The page to write (``output/index.html``).
    title : str
        Page heading.
    links : iterable of (label, href)
        Links above the table (the timeline, exports).

    Every ``href`` must be a relative link (a file beside the page): no
    scheme, no host.

    Examples
    --------
    >>> import tempfile
    >>> rows = [IndexEntry(date(2017, 1, 8), "2017-01-08.html", 3, 2, (("diff", "d.html"),))]
    >>> out = render_index(rows, Path(tempfile.mkdtemp()) / "index.html", links=[("timeline", "timeline.html")])
    >>> 'href="2017-01-08.html"' in out.read_text(encoding="utf-8")
    True
    """
    rows = []
    for i, e in enumerate(entries):
        if not isinstance(e, IndexEntry):
            raise NetvizError(f"render_index: entry {i} is a {type(e).__name__}, not an IndexEntry")
        rows.append({
            "date": _date_text(e.date),
            "href": _relative(e.href, f"entry {i} ({_date_text(e.date)})"),
            "actors": int(e.actors),
            "ties": int(e.ties),
            "links": [(str(label), _relative(href, f"entry {i} link {label!r}")) for label, href in e.links],
        })
    top = [(str(label), _relative(href, f"link {label!r}")) for label, href in links]
    return render_page("index.html", path, title=title, links=top, entries=rows, scripts=())


def _relative(href: Any, where: str) -> str:
    parts = urlsplit(href) if isinstance(href, str) else None
    if not href or parts is None or parts.scheme or parts.netloc or href.startswith("/"):
        raise NetvizError(
            f"render_index: {where}: href {href!r} is not a relative link; link to files beside index.html"
        )
    return href
