"""GEXF 1.2 for Gephi (and graphology, sigma.js, Gephi Lite): static for one date, dynamic for several."""

from __future__ import annotations

import datetime as dt
import numbers
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from netviz import __version__
from netviz.errors import NetvizError
from netviz.export.common import (
    NO_BLOC,
    XML_DECLARATION,
    Positions,
    Snapshots,
    as_snapshots,
    bloc_name,
    check_color_by,
    file_target,
    largest_strength,
    typed,
    xml_text,
)
from netviz.graph.layout import place_snapshots
from netviz.graph.snapshots import Snapshots as LazySnapshots
from netviz.graph.steps import Dated, dated_steps, tie_values
from netviz.io import atomic_write_text
from netviz.site.mapdata import edge_id
from netviz.site.palette import node_color, node_size, sign_color

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"


def export_gexf(
    snapshots: Snapshots | nx.Graph,
    path: Path | str,
    *,
    positions: Positions | None = None,
    color_by: str = "bloc",
    max_strength: float | None = None,
) -> Path:
    """Write GEXF 1.2 for Gephi: static for one graph, dynamic for a mapping of dates.

    A dynamic file gives every actor and tie *spells* (when it exists) and
    per-date values of ``strength`` and ``bloc`` (actors) and ``weight``,
    ``sign``, ``polarity``, ``cooperation``, ``conflict``, ``count`` and
    ``origins`` (ties) as dynamic attributes, so Gephi's timeline plays the
    whole history. A snapshot holds from its date to the day before the next
    snapshot date (the last one: its own date only).

    Positions, colours and sizes go in the ``viz`` namespace, as the HTML
    maps show them (:mod:`netviz.site.render`'s palette: ties by sign, actors by
    bloc or type): ``y`` is negated because the pages' canvas counts y
    downwards and Gephi upwards. In a dynamic file each actor and tie keeps
    the colour and size of its latest date; partition by the dynamic ``sign``
    or ``bloc`` in Gephi's Appearance panel to recolour along the timeline.

    Parameters
    ----------
    snapshots : mapping of date to snapshot graph, or one snapshot graph
    path : path of the ``.gexf`` file
    positions : mapping of actor id to (x, y), optional
        Default: :func:`netviz.graph.layout.compute_layout` over the graphs given.
        Pass the layout of all snapshots when writing one date, so Gephi
        matches the HTML maps.
    color_by : {"bloc", "type"}
        What actor colours encode.
    max_strength : float, optional
        The strength drawn at full size (default: the largest in the graphs
        given); pass the largest over all snapshots to match the HTML maps.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> H = nx.read_gexf(export_gexf(snaps, Path(tempfile.mkdtemp()) / "all.gexf"))
    >>> H.graph["mode"], H.edges["RUS", "SYR"]["spells"]
    ('dynamic', [('2017-01-08', '2017-02-01')])
    >>> H.edges["RUS", "SYR"]["sign"]
    [(1, '2017-01-08', '2017-02-01')]
    """
    dynamic = not isinstance(snapshots, nx.Graph)
    check_color_by(color_by)
    snaps = as_snapshots(snapshots)
    target = file_target(path, "netviz.gexf")
    if positions is None:
        positions = place_snapshots(snaps).positions
    if max_strength is None:
        max_strength = largest_strength(snaps)
    elif isinstance(max_strength, bool) or not isinstance(max_strength, numbers.Real) or not max_strength > 0:
        raise NetvizError(f"max_strength is {max_strength!r}; it must be a number > 0")
    return write_gexf(snaps, dynamic, target, positions, color_by, float(max_strength))


#: (attribute, GEXF type) per element; ``weight`` is GEXF's own edge weight.
_GEXF_NODE = (("type", "string"), ("strength", "double"), ("bloc", "integer"), ("bloc_name", "string"))
_GEXF_EDGE = (
    ("cooperation", "double"), ("conflict", "double"), ("polarity", "double"),
    ("sign", "integer"), ("count", "integer"), ("origins", "string"),
)


def write_gexf(
    snaps: dict[dt.date, nx.Graph],
    dynamic: bool,
    target: Path,
    positions: Positions,
    color_by: str,
    max_strength: float,
) -> Path:
    days = list(snaps)
    # the last day each snapshot holds: the day before the next snapshot date
    until = [d - dt.timedelta(days=1) for d in days[1:]] + [days[-1]]
    graphs = [] if isinstance(snaps, LazySnapshots) and dynamic else list(snaps.values())

    # no xsi:schemaLocation: the RELAX NG schema admits no attribute it does not declare
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": "1.2"})
    # the last snapshot date, not today: the same input gives the same bytes
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": days[-1].isoformat()})
    ET.SubElement(meta, "creator").text = f"netviz {__version__}"
    modes = [snaps.history.mode] if not graphs else sorted({str(G.graph.get("mode", "cumulative")) for G in graphs})
    span = f"{len(days)} snapshots, {days[0]} to {days[-1]}" if dynamic else f"snapshot of {days[0]}"
    ET.SubElement(meta, "description").text = f"Alliance network, {span} ({', '.join(modes)})"

    graph_attrs = {"defaultedgetype": "undirected", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs.update(timeformat="date", start=days[0].isoformat(), end=until[-1].isoformat())
    graph = ET.SubElement(root, "graph", graph_attrs)
    # one <attributes> block per class: graphology-gexf (sigma.js, Gephi Lite)
    # keeps only the last block of a class and rejects values it did not declare
    mode = "dynamic" if dynamic else "static"
    _declare(graph, "node", mode, _GEXF_NODE)
    # Gephi reads a dynamic edge attribute with id "weight" as the tie's
    # weight over time (its own GEXF exporter writes it so)
    _declare(graph, "edge", mode, ((("weight", "double"),) if dynamic else ()) + _GEXF_EDGE)

    # each actor's and tie's values, as (first, last snapshot index, values) segments
    if dynamic and isinstance(snaps, LazySnapshots):
        actor_in, tie_in = _segments_of_steps(dated_steps(snaps, find_blocs=False))  # from the history's changes
    else:
        actor_in, tie_in = _segments_of_graphs(graphs)

    def values(el: ET.Element, history: list[Segment], keys: tuple[str, ...]) -> None:
        attvalues = ET.SubElement(el, "attvalues")
        for key in keys:
            if dynamic:
                # one attvalue per run of equal values on consecutive snapshots,
                # oldest first: a reader without time support keeps the latest
                for first, last, value in _runs([(f, t, typed(key, v[key])) for f, t, v in history]):
                    if value is not None:
                        _attvalue(attvalues, key, value, days[first], until[last])
            elif typed(key, history[-1][2][key]) is not None:
                _attvalue(attvalues, key, typed(key, history[-1][2][key]))
        if dynamic:
            spells = ET.SubElement(el, "spells")
            for first, last, _ in _runs([(f, t, None) for f, t, _ in history]):
                ET.SubElement(spells, "spell", {"start": days[first].isoformat(), "end": until[last].isoformat()})

    nodes = ET.SubElement(graph, "nodes")
    for actor, history in sorted(actor_in.items()):
        latest = history[-1][2]
        el = ET.SubElement(nodes, "node", {"id": xml_text(actor), "label": xml_text(str(latest["label"]))})
        values(el, history, tuple(k for k, _ in _GEXF_NODE))
        x, y = _position(positions, actor)
        ET.SubElement(el, "viz:color", _rgb(node_color(latest, color_by)))
        # adding 0.0 turns -0.0 into 0.0
        ET.SubElement(el, "viz:position", {"x": repr(x + 0.0), "y": repr(-y + 0.0), "z": "0.0"})
        ET.SubElement(el, "viz:size", {"value": repr(node_size(float(latest["strength"]), max_strength))})

    edges = ET.SubElement(graph, "edges")
    for (a, b), history in sorted(tie_in.items()):
        latest = history[-1][2]
        attrs = {"id": xml_text(edge_id(a, b)), "source": xml_text(a), "target": xml_text(b)}
        if not dynamic:
            attrs["weight"] = repr(float(latest["weight"]))
        el = ET.SubElement(edges, "edge", attrs)
        values(el, history, (("weight",) if dynamic else ()) + tuple(k for k, _ in _GEXF_EDGE))
        ET.SubElement(el, "viz:color", _rgb(sign_color(int(latest["sign"]))))

    ET.indent(root, space="  ")
    return atomic_write_text(target, XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n")


def _declare(graph: ET.Element, cls: str, mode: str, columns: tuple[tuple[str, str], ...]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": cls, "mode": mode})
    for key, kind in columns:
        ET.SubElement(block, "attribute", {"id": key, "title": key, "type": kind})


def _attvalue(parent: ET.Element, key: str, value: Any, start: dt.date | None = None, end: dt.date | None = None) -> None:
    text = ";".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)
    attrs = {"for": key, "value": xml_text(text)}
    if start is not None and end is not None:
        attrs.update(start=start.isoformat(), end=end.isoformat())
    ET.SubElement(parent, "attvalue", attrs)



#: A stretch of snapshots over which an actor or tie keeps its values: (first index, last index, values).
Segment = tuple[int, int, Mapping[str, Any]]
_NODE_KEYS = ("label", "type", "strength", "bloc", "bloc_name")
_EDGE_KEYS = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins")


def _segments_of_graphs(graphs: list[nx.Graph]) -> tuple[dict[str, list[Segment]], dict[tuple[str, str], list[Segment]]]:
    """Each actor's and tie's values on each snapshot it is in, in one pass over the graphs."""
    actor_in: dict[str, list[Segment]] = {}
    tie_in: dict[tuple[str, str], list[Segment]] = {}
    for i, G in enumerate(graphs):
        for actor, d in G.nodes(data=True):
            # the bloc's name is looked up in its own snapshot: names may change between dates
            actor_in.setdefault(actor, []).append((i, i, {**d, "bloc_name": bloc_name(G, d["bloc"])}))
        for a, b, d in G.edges(data=True):
            tie_in.setdefault((a, b) if a <= b else (b, a), []).append((i, i, d))
    return actor_in, tie_in


def _segments_of_steps(dated: Dated) -> tuple[dict[str, list[Segment]], dict[tuple[str, str], list[Segment]]]:
    """The same segments from a run's steps: a new one only where something changed (O(changes),
    plus the actors of a bloc whose name changed)."""
    last = len(dated.steps) - 1
    actor_in: dict[str, list[list]] = {}
    tie_in: dict[tuple[str, str], list[list]] = {}
    present: dict[str, tuple[int | None, float]] = {}
    names: Mapping[int, str] = {}

    def move(histories: dict, key: Any, i: int, values: Mapping | None) -> None:
        history = histories.setdefault(key, [])
        if history and history[-1][1] == last:  # the open segment ends the day before
            history[-1][1] = i - 1
        if values is not None:
            history.append([i, last, values])

    def actor_values(actor: str, state: tuple[int | None, float]) -> dict:
        bloc = state[0]
        name = NO_BLOC if bloc is None else str(names.get(bloc) or f"bloc {bloc}")
        return {"label": dated.labels[actor], "type": dated.types[actor], "strength": state[1], "bloc": bloc,
                "bloc_name": name}

    for i, step in enumerate(dated.steps):
        for dyad, (_, new) in step.ties.items():
            move(tie_in, dyad, i, None if new is None else dict(zip(_EDGE_KEYS, tie_values(new))))
        changed = dict(step.actors)
        if step.names is not None:
            old, names = names, step.names
            changed.update((a, st) for a, st in present.items() if a not in changed and st[0] is not None
                           and old.get(st[0]) != names.get(st[0]))
        for actor, state in changed.items():
            if state is None:
                present.pop(actor, None)
            else:
                present[actor] = state
            move(actor_in, actor, i, None if state is None else actor_values(actor, state))
    segments = lambda histories: {k: [tuple(s) for s in h] for k, h in histories.items() if h}  # noqa: E731, RUF100
    return segments(actor_in), segments(tie_in)


def _runs(series: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """``[(first, last, value)]`` segments -> the same, merged over consecutive segments with equal values.

    >>> _runs([(0, 0, 1), (1, 3, 1), (4, 4, -1), (6, 6, -1)])
    [(0, 3, 1), (4, 4, -1), (6, 6, -1)]
    """
    runs: list[tuple[int, int, Any]] = []
    for first, last, value in series:
        if runs and runs[-1][1] == first - 1 and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], last, value)
        else:
            runs.append((first, last, value))
    return runs


def _rgb(color: str) -> dict[str, str]:
    """A ``"#rrggbb"`` colour of the render palette as GEXF viz ``r``, ``g``, ``b``.

    >>> _rgb("#2e9d5b")
    {'r': '46', 'g': '157', 'b': '91'}
    """
    return {channel: str(int(color[i : i + 2], 16)) for channel, i in (("r", 1), ("g", 3), ("b", 5))}


def _position(positions: Positions, actor: str) -> tuple[float, float]:
    try:
        x, y = positions[actor]
        return float(x), float(y)
    except KeyError:
        raise NetvizError(
            f"positions has no entry for actor {actor}; compute them with netviz.graph.layout.compute_layout over all snapshots"
        ) from None
    except (TypeError, ValueError):
        raise NetvizError(f"position of actor {actor} is {positions[actor]!r}; expected (x, y) numbers") from None
