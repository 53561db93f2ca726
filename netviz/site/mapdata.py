"""The data of a map page for its own date: vis-network nodes, edges and options, the actors and
ties its panel and tooltips show, the ties it shows first, and its contradictions.

A self-contained map embeds :func:`map_data`; a site's pages rebuild the same
in the browser from the run's history (``templates/replay.js``, fed by
:mod:`netviz.site.sitedata`, which passes on the limits below). Every value is
checked here, so a bad snapshot fails with a clear error before a page is
written.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.model import Relation
from netviz.site.palette import (
    COLOR_BY,
    SIGN_COLORS,
    SIGN_DASHES,
    check_sign,
    edge_width,
    node_color,
    node_size,
)

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
#: Most contradictions a map lists (the strongest; a dense map has thousands, which would
#: make up most of the page): the page says how many there are in all.
CONTRADICTIONS_LISTED = 50


def edge_id(u: str, v: str) -> str:
    """The id of the tie between ``u`` and ``v`` in the page data, the same either way round.

    >>> edge_id("TUR", "RUS")
    'RUS--TUR'
    """
    a, b = (u, v) if u <= v else (v, u)
    return f"{a}--{b}"


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
    sign = check_sign(d["sign"], where)
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

