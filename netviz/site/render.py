"""Offline HTML pages through pyvis: one map per snapshot, and the index page.

A map is one self-contained file: vis-network and every stylesheet are
inlined from pyvis's bundled copy, a Content-Security-Policy lets the page
fetch nothing and run only its own scripts (listed by hash), and every
string from articles and data files is escaped: as text in the HTML, as
JSON in the page data (``<``, ``>``, ``&``, U+2028/2029 as ``\\uXXXX``),
as plain text in tooltips (netviz.js builds them from the evidence data;
vis-network shows a string title as text) and through ``textContent`` in
the evidence panel.

pyvis holds the vis data: :class:`MapNetwork` is a ``pyvis.network.Network``
whose ``nodes``, ``edges`` and ``options`` we fill ourselves (``from_nx``
mutates its input and is slow) and whose ``generate_html`` renders our
templates (pyvis's own fetches Bootstrap from a CDN and, with ``href`` in a
title, ``heading`` or ``select_menu``, injects raw HTML).

The palette and the encodings (sign colours, bloc and type colours, widths
and sizes) are module-level so that the exports, the diff map and the
timeline draw the same way. Templates live in ``netviz/site/templates``:
``base.html`` (skeleton, CSP), ``map.html`` with ``legend.html`` and
``contradictions.html``, ``index.html``; scripts ``netviz.js`` (the map and
its panel, reusable) and ``map.js``.
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
from netviz.model import Relation, relation_record

#: Our templates, stylesheet and scripts.
TEMPLATES = Path(__file__).parent / "templates"
#: The vis-network that pyvis bundles; inlined into every map.
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

# --- palette and encodings, shared with export, compare and timeline --------

#: Tie colour by ``sign``: cooperation green, conflict red, mixed amber.
SIGN_COLORS = {1: "#2e9d5b", -1: "#d64541", 0: "#e0a100"}
#: Tie sign names, as the legend and the panel say them.
SIGN_LABELS = {1: "cooperation", -1: "conflict", 0: "mixed"}
#: Conflict ties are dashed as well as red, for readers who cannot tell red from green.
SIGN_DASHES = {1: False, -1: True, 0: False}
#: Actor colour by ``bloc`` (Tableau 10), cycling beyond ten blocs.
BLOC_COLORS = (
    "#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#9c755f",
    "#edc948", "#59a14f", "#ff9da7", "#bab0ac", "#e15759",
)
#: Actor colour when it has no bloc.
NO_BLOC_COLOR = "#9aa5b1"
#: Actor colour by ``type`` (the codebook's types).
TYPE_COLORS = {
    "state": "#4e79a7",
    "organisation": "#f28e2b",
    "armed_group": "#b07aa1",
    "political_group": "#76b7b2",
    "movement": "#9c755f",
}
#: Actor colour for any other type.
OTHER_TYPE_COLOR = "#bab0ac"
#: Tie width range in pixels (width grows with the square root of weight).
WIDTH_RANGE = (1.0, 10.0)
#: Actor dot radius range in pixels (grows with the square root of strength).
SIZE_RANGE = (8.0, 32.0)
#: Dash and gap lengths of a conflict tie, in pixels (vis-network's default 5-5 looks solid on wide ties).
DASH_PATTERN = [10, 7]
#: Colouring choices of :func:`render_map`.
COLOR_BY = ("bloc", "type")
#: From this many ties on, a map is large: conflict ties are not dashed
#: (vis-network draws dashes piece by piece: the first draw of 20,000 ties took
#: 1.4 s dashed, 0.15 s solid) and ties hide while the map is dragged or zoomed.
LARGE_MAP = 2000
#: Relation record fields a page leaves out: character offsets into the article.
RECORD_OMITS = ("start", "end")
#: Relation record fields that go to the page's article table when the record names its article.
ARTICLE_FIELDS = ("title", "outlet", "url")
#: Most actor colours listed in the legend.
LEGEND_ACTOR_ITEMS = 12
#: Scripts of a map page, in order (their hashes go in the page's CSP).
MAP_SCRIPTS = ("vis-network.min.js", "netviz.js", "map.js")


def sign_color(sign: int) -> str:
    """The colour of a tie of this ``sign`` (+1, -1 or 0 = mixed).

    >>> sign_color(-1)
    '#d64541'
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
    ('#4e79a7', True, '#9aa5b1')
    """
    if bloc is None:
        return NO_BLOC_COLOR
    return BLOC_COLORS[bloc % len(BLOC_COLORS)]


def type_color(actor_type: str) -> str:
    """The colour of an actor type.

    >>> type_color("state"), type_color("something else")
    ('#4e79a7', '#bab0ac')
    """
    return TYPE_COLORS.get(actor_type, OTHER_TYPE_COLOR)


def node_color(attrs: Mapping[str, Any], color_by: str = "bloc") -> str:
    """The colour of an actor from its node attributes, by ``"bloc"`` or ``"type"``.

    >>> node_color({"bloc": 1, "type": "state"}), node_color({"bloc": 1, "type": "state"}, "type")
    ('#f28e2b', '#4e79a7')
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
    (1.0, 10.0, 5.5)
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


def csp(scripts: Sequence[str]) -> str:
    """The Content-Security-Policy of a page whose only scripts are the inlined ``scripts``.

    Nothing may be fetched; scripts run only if their hash is listed, so an
    injected ``<script>`` or ``onerror=`` would not run.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(_asset(s).encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes or _NONE}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


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
    """Everything a map page embeds, as plain JSON-able values.

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
        Cycles to list: ``{"actors": [...], "signs": [...]}`` dicts, or plain
        tuples of actor ids (signs are then read from the graph).
    max_weight, max_strength : float, optional
        Weight and strength drawn at full width and size (default: this
        graph's largest); pass the largest over all snapshots to compare dates.

    Returns
    -------
    dict
        ``nodes``, ``edges`` (vis-network items), ``options`` (vis-network
        options), ``actors`` and ``ties`` (by id, for the panel and the
        tooltips netviz.js builds; each tie with its evidence records,
        strongest first: :func:`netviz.model.relation_record` without
        :data:`RECORD_OMITS`, empty fields, and the :data:`ARTICLE_FIELDS`
        found in ``articles``), ``articles`` (by article id),
        ``contradictions`` and ``dashed`` (whether conflict ties are dashed).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> data = map_data(g, positions={"RUS": (0, 0), "SYR": (100, 0)})
    >>> [(e["id"], e["color"], e["width"]) for e in data["edges"]]
    [('RUS--SYR', '#2e9d5b', 10.0)]
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
    articles: dict[str, dict[str, str]] = {}
    # in tie order, so the article table does not depend on the graph's insertion order
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: edge_id(e[0], e[1])):
        tie = _tie(u, v, d, articles)
        ties[edge_id(tie["a"], tie["b"])] = tie
    strength: Counter[str] = Counter()
    for tie in ties.values():
        strength[tie["a"]] += tie["weight"]
        strength[tie["b"]] += tie["weight"]
    actors = {n: _actor(n, d, strength[n]) for n, d in graph.nodes(data=True)}
    top_weight = _top(max_weight, (t["weight"] for t in ties.values()), "max_weight")
    top_strength = _top(max_strength, (a["strength"] for a in actors.values()), "max_strength")

    nodes = []
    for n in sorted(actors):
        actor = actors[n]
        actor["color"] = node_color(actor, color_by)
        nodes.append({
            "id": n,
            "label": actor["label"],
            "x": _position(positions, n)[0],
            "y": _position(positions, n)[1],
            "size": node_size(actor["strength"], top_strength),
            "color": actor["color"],
        })
    dashed = len(ties) < LARGE_MAP
    edges = []
    for eid in sorted(ties):
        tie = ties[eid]
        tie["color"] = SIGN_COLORS[tie["sign"]]
        item = {
            "id": eid,
            "from": tie["a"],
            "to": tie["b"],
            "width": edge_width(tie["weight"], top_weight),
            "color": tie["color"],
        }
        if dashed and SIGN_DASHES[tie["sign"]]:
            item["dashes"] = DASH_PATTERN
        edges.append(item)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(physics=physics, large=not dashed),
        "actors": actors,
        "ties": ties,
        "articles": articles,
        "contradictions": _contradictions(contradictions, graph, actors),
        "dashed": dashed,
    }


def vis_options(*, physics: bool = False, large: bool = False, seed: int = 42) -> dict[str, Any]:
    """vis-network options of a map: straight edges, hover tooltips, seeded layout.

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
            "hover": True,
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


def _tie(u: str, v: str, d: Mapping[str, Any], articles: dict[str, dict[str, str]]) -> dict[str, Any]:
    a, b = (u, v) if u <= v else (v, u)
    where = f"render: tie {a}--{b}"
    if "weight" not in d or "sign" not in d:
        raise NetvizError(f"{where} has no 'weight' or 'sign'; build snapshots with netviz.graph.snapshots.build_snapshots")
    weight = _number(d["weight"], f"{where}: weight")
    if weight < 0:
        raise NetvizError(f"{where}: weight is {weight}; weights are >= 0")
    sign = _sign(d["sign"], where)
    evidence = d.get("evidence", ())
    records = []
    for i, rel in enumerate(evidence):
        if not isinstance(rel, Relation):
            raise NetvizError(
                f"{where}: evidence item {i} is a {type(rel).__name__}, not a netviz.model.Relation"
            )
        records.append(_record(rel, articles))
    return {
        "a": a,
        "b": b,
        "weight": round(weight, 3),
        "sign": sign,
        "polarity": round(_number(d.get("polarity", float(sign)), f"{where}: polarity"), 3),
        "cooperation": round(_number(d.get("cooperation", weight if sign > 0 else 0.0), f"{where}: cooperation"), 3),
        "conflict": round(_number(d.get("conflict", weight if sign < 0 else 0.0), f"{where}: conflict"), 3),
        "count": int(_number(d.get("count", len(records)), f"{where}: count")),
        "origins": sorted(str(o) for o in d.get("origins", ())),
        "evidence": records,
    }


def _record(rel: Relation, articles: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A relation's record for the page; its article's title, outlet and url go to ``articles``."""
    rec = relation_record(rel)
    for key in RECORD_OMITS:
        rec.pop(key)
    for key in ("intensity", "confidence"):
        rec[key] = round(_number(rec[key], f"render: {key} of a {rel.a}-{rel.b} relation"), 3)
    if rec["article"] is not None:
        meta = {k: rec[k] for k in ARTICLE_FIELDS if rec[k] is not None}
        if articles.setdefault(rec["article"], meta) == meta:
            for key in ARTICLE_FIELDS:
                rec.pop(key)
    return {k: v for k, v in rec.items() if v is not None and v != ""}


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


def _legend(data: Mapping[str, Any], color_by: str) -> dict[str, Any]:
    sign_counts = Counter(t["sign"] for t in data["ties"].values())
    ties = [
        {"label": SIGN_LABELS[s], "color": SIGN_COLORS[s], "dashed": SIGN_DASHES[s] and data["dashed"],
         "count": sign_counts[s]}
        for s in (1, -1, 0)
    ]
    key = color_by
    groups = Counter(a[key] for a in data["actors"].values())
    ordered = sorted(groups, key=lambda g: (g is None, g if g is not None else 0)) if key == "bloc" else sorted(groups)
    items = [
        {
            "label": ("no bloc" if g is None else f"bloc {g}") if key == "bloc" else str(g).replace("_", " "),
            "color": bloc_color(g) if key == "bloc" else type_color(g),
            "count": groups[g],
        }
        for g in ordered
    ]
    return {
        "ties": ties,
        "actors": {"title": key, "items": items[:LEGEND_ACTOR_ITEMS], "more": max(0, len(items) - LEGEND_ACTOR_ITEMS)},
    }


def _scope(graph: nx.Graph) -> str | None:
    mode, day = graph.graph.get("mode"), _date_text(graph.graph.get("date"))
    if mode is None or day is None:
        return None
    articles = len(graph.graph.get("articles", ()))
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
    }
    return MapNetwork(data, page, notebook=notebook)


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
) -> Path:
    """Write one self-contained HTML map of a snapshot.

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
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, net.generate_html())


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
