"""networkx node-link JSON: one snapshot, or every snapshot with each relation once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from netviz.export.common import (
    Snapshots,
    as_snapshots,
    attributes,
    bloc_name,
    file_target,
    json_dump,
    json_value,
    sorted_edges,
)
from netviz.io import atomic_write_text
from netviz.model import Relation, relation_record


def export_json(snapshots: Snapshots | nx.Graph, path: Path | str) -> Path:
    """Write networkx node-link JSON: one snapshot, or every snapshot in date order.

    One graph gives one node-link document (``directed``, ``multigraph``,
    ``graph``, ``nodes``, ``links``) that :func:`networkx.node_link_graph`
    reads with ``edges="links"`` (the key D3 expects); each link's
    ``evidence`` is a list of :func:`netviz.model.relation_record` dicts,
    strongest first. A mapping gives ``{"format": "netviz-snapshots",
    "version": 1, "snapshots": [...], "relations": [...]}``: one node-link
    document per date, whose ``evidence`` lists are indexes into
    ``relations``, so a relation counted on 200 dates is written once.
    Dates are ISO strings and tuples lists.

    Examples
    --------
    >>> import tempfile, json
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> p = export_json(snaps, Path(tempfile.mkdtemp()) / "all.json")
    >>> doc = json.loads(p.read_text(encoding="utf-8"))
    >>> [s["graph"]["date"] for s in doc["snapshots"]]
    ['2017-01-08', '2017-02-01']
    >>> link = doc["snapshots"][1]["links"][0]
    >>> link["source"], link["target"], link["sign"], link["evidence"]
    ('RUS', 'SYR', 1, [0])
    >>> doc["relations"][0]["sentence"]
    'Russia backs Syria.'
    """
    single = isinstance(snapshots, nx.Graph)
    snaps = as_snapshots(snapshots)
    return write_json(snaps, single, file_target(path, "netviz.json"))


def write_json(snaps: dict[dt.date, nx.Graph], single: bool, target: Path) -> Path:
    if single:
        (G,) = snaps.values()
        doc: dict = _node_link(G, relation_record)
    else:
        records: list[dict] = []
        # keyed by identity: snapshots share their Relation objects, and hashing
        # a frozen dataclass field by field costs more than the whole write
        index: dict[int, int] = {}

        def number(rel: Relation) -> int:
            if id(rel) not in index:
                index[id(rel)] = len(records)
                records.append(relation_record(rel))
            return index[id(rel)]

        documents = [_node_link(G, number) for G in snaps.values()]
        doc = {"format": "netviz-snapshots", "version": 1, "snapshots": documents, "relations": records}
    return atomic_write_text(target, _json_text(doc))


def _json_text(doc: dict) -> str:
    """``doc`` with each item of its top-level lists on a line of its own.

    Readable and diff-friendly like an indented file, but every line goes
    through json's C encoder (``indent`` falls back to the pure-Python one,
    ten times slower on a large history).

    >>> print(_json_text({"a": 1, "b": [{"x": 1}, {"x": 2}], "c": []}), end="")
    {"a": 1,
    "b": [
    {"x": 1},
    {"x": 2}
    ],
    "c": []}
    """
    parts = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            items = ",\n".join(json_dump(v) for v in value)
            parts.append(f"{json_dump(key)}: [\n{items}\n]")
        else:
            parts.append(f"{json_dump(key)}: {json_dump(value)}")
    return "{" + ",\n".join(parts) + "}\n"



def _node_link(G: nx.Graph, relation: Callable[[Relation], Any]) -> dict:
    """What ``networkx.node_link_data(G, edges="links")`` gives, sorted and with
    JSON values; built directly, as a graph copy costs more than the write."""
    day = G.graph.get("date", "")

    def convert(value: Any) -> Any:
        return json_value(value, relation)

    return {
        "directed": False,
        "multigraph": False,
        "graph": attributes(G.graph, f"snapshot {day}: graph", convert),
        "nodes": [
            {**attributes(G.nodes[n], f"snapshot {day}: actor {n}", convert), "bloc_name": bloc_name(G, G.nodes[n]["bloc"]), "id": n}
            for n in sorted(G.nodes)
        ],
        "links": [
            {**attributes(G.adj[a][b], f"snapshot {day}: tie {a}--{b}", convert), "source": a, "target": b}
            for a, b in sorted_edges(G)
        ],
    }
