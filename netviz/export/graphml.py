"""GraphML: one snapshot, every attribute typed."""

from __future__ import annotations

import datetime as dt
import numbers
from pathlib import Path
from typing import Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.export.common import (
    OMIT,
    XML_DECLARATION,
    as_snapshots,
    attributes,
    bloc_name,
    file_target,
    json_dump,
    json_value,
    sorted_edges,
    xml_text,
)
from netviz.io import atomic_write_text


def export_graphml(G: nx.Graph, path: Path | str) -> Path:
    """Write one snapshot as GraphML with every graph, node and edge attribute, typed.

    Numbers stay ``long``/``double``, flags ``boolean``; dates become ISO
    strings, and tuples (``origins``, ``articles``) and ``evidence`` (as
    :func:`netviz.model.relation_record` dicts) JSON strings; ``None`` values
    are left out. :func:`networkx.read_graphml`, Gephi, yEd and igraph read it.

    Examples
    --------
    >>> import tempfile, json
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Turkey condemns Russia.", cue="condemn")
    >>> r = Relation("TUR", "RUS", -1, "verbal_conflict", 4.0, dt.date(2017, 3, 8), "extracted", ev)
    >>> G = build_snapshots([r], [dt.date(2017, 3, 8)])[dt.date(2017, 3, 8)]
    >>> H = nx.read_graphml(export_graphml(G, Path(tempfile.mkdtemp()) / "s.graphml"))
    >>> H.graph["date"], H.edges["RUS", "TUR"]["weight"], H.edges["RUS", "TUR"]["sign"]
    ('2017-03-08', 4.0, -1)
    >>> json.loads(H.edges["RUS", "TUR"]["evidence"])[0]["sentence"]
    'Turkey condemns Russia.'
    """
    if not isinstance(G, nx.Graph):
        raise NetvizError("graphml holds one snapshot: pass one graph, e.g. snapshots[date]")
    (G,) = as_snapshots(G).values()
    return write_graphml(G, file_target(path, "netviz.graphml"))


def write_graphml(G: nx.Graph, target: Path) -> Path:
    day = G.graph.get("date", "")
    H = nx.Graph()
    H.graph.update(attributes(G.graph, f"snapshot {day}: graph", _graphml_value))
    for n in sorted(G.nodes):
        d = attributes(G.nodes[n], f"snapshot {day}: actor {n}", _graphml_value)
        # absent when the actor is in no bloc: named explicitly beside it
        H.add_node(xml_text(n), **d, bloc_name=xml_text(bloc_name(G, G.nodes[n]["bloc"])))
    for a, b in sorted_edges(G):
        H.add_edge(xml_text(a), xml_text(b), **attributes(G.adj[a][b], f"snapshot {day}: tie {a}--{b}", _graphml_value))
    _uniform_types(H)
    return atomic_write_text(target, XML_DECLARATION + "\n".join(nx.generate_graphml(H)) + "\n")


def _graphml_value(value: Any) -> Any:
    """A GraphML scalar: numbers, flags and text as they are, anything else as
    JSON text; ``None`` is left out."""
    if value is None:
        return OMIT
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return xml_text(json_dump(json_value(value)))


def _uniform_types(H: nx.Graph) -> None:
    """One GraphML type per attribute (GraphML declares a key's type once):
    an attribute beyond the documented ones that holds ints and floats is
    written as doubles."""
    for elements in (lambda: H.nodes.values(), lambda: (d for _, _, d in H.edges(data=True))):
        kinds: dict[str, set[type]] = {}
        for data in elements():
            for key, value in data.items():
                kinds.setdefault(key, set()).add(type(value))
        for key, found in kinds.items():
            if found == {int, float}:
                for data in elements():
                    if key in data:
                        data[key] = float(data[key])
            elif len(found) > 1:
                names = ", ".join(sorted(t.__name__ for t in found))
                raise NetvizError(f"attribute {key!r} mixes {names} values; GraphML needs one type per attribute")
