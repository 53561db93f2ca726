"""Take the graph elsewhere: GEXF for Gephi, GraphML, JSON node-link and CSV.

Every writer takes snapshot graphs as built by
:func:`netviz.snapshots.build_snapshots` (the attributes listed in
``docs/architecture.md``), never modifies them, writes UTF-8 atomically and
gives byte-identical files for the same input. ``docs/export-formats.md``
documents each file's schema.

=========  ===========================================  =====================
format     one date                                     all dates
=========  ===========================================  =====================
gexf       static GEXF 1.2 with Gephi positions/colours dynamic GEXF 1.2: spells and
                                                        per-date attributes for
                                                        Gephi's timeline
graphml    every attribute, typed                       (one date only)
json       networkx node-link document                  ``{"snapshots": [...]}``
csv        ``nodes.csv`` and ``edges.csv``              same, one row per date
=========  ===========================================  =====================

Examples
--------
>>> import tempfile, json
>>> from pathlib import Path
>>> from datetime import date
>>> import networkx as nx
>>> from netviz.model import Evidence, Relation
>>> from netviz.snapshots import build_snapshots
>>> ev = Evidence(sentence="Russia backs Syria.", cue="backs", article="a1")
>>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, date(2017, 1, 8), "extracted", ev)
>>> snaps = build_snapshots([r], [date(2017, 1, 8)])
>>> out = Path(tempfile.mkdtemp())
>>> [p.name for p in export_snapshots(snaps, "json", out, date="last")]
['netviz-2017-01-08.json']
>>> G = nx.node_link_graph(json.loads((out / "netviz-2017-01-08.json").read_text()), edges="links")
>>> G.edges["RUS", "SYR"]["weight"], G.edges["RUS", "SYR"]["evidence"][0]["sentence"]
(6.0, 'Russia backs Syria.')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import numbers
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from netviz import __version__
from netviz.errors import NetvizError
from netviz.io import atomic_write_text
from netviz.model import Relation, relation_record

#: The formats :func:`export_snapshots` writes.
FORMATS = ("gexf", "graphml", "json", "csv")
#: Columns of ``nodes.csv``: one row per actor per snapshot date.
NODE_COLUMNS = ("actor", "date", "label", "type", "strength", "bloc")
#: Columns of ``edges.csv``: one row per tie per snapshot date.
EDGE_COLUMNS = (
    "a", "b", "date", "weight", "sign", "polarity", "cooperation", "conflict", "evidence_count", "origins",
)
#: Snapshot attributes every writer relies on (docs/architecture.md).
NODE_ATTRIBUTES = ("label", "type", "strength", "bloc")
EDGE_ATTRIBUTES = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins", "evidence")
# Snapshots hold an int 0 where a sum is empty (a tie without conflict):
# written as documented types, every file declares the same column types.
_FLOATS = frozenset({"weight", "cooperation", "conflict", "polarity", "strength"})
_INTS = frozenset({"sign", "count", "bloc"})

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_SCHEMA = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

Snapshots = Mapping[dt.date, nx.Graph]
#: ``(actor id, node attributes) -> "#rrggbb"``
NodeColor = Callable[[str, Mapping[str, Any]], str]
#: ``(edge attributes) -> "#rrggbb"``
EdgeColor = Callable[[Mapping[str, Any]], str]


# --- the dispatcher the CLI calls --------------------------------------------


def export_snapshots(
    snapshots: Snapshots | nx.Graph,
    fmt: str,
    path: Path | str,
    *,
    date: dt.date | str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> list[Path]:
    """Write snapshots in ``fmt`` and return the files written.

    Parameters
    ----------
    snapshots : mapping of date to snapshot graph, or one snapshot graph
        As returned by :func:`netviz.snapshots.build_snapshots`.
    fmt : {"gexf", "graphml", "json", "csv"}
    path : path
        The file to write (``gexf``, ``graphml``, ``json``) or, if it is an
        existing folder, the folder to write ``netviz-<DATE|all>.<fmt>`` into.
        For ``csv``, the folder that receives ``nodes.csv`` and ``edges.csv``
        (created if its parent exists).
    date : date, "YYYY-MM-DD", "first", "last" or "all", optional
        Which snapshot(s). Default: ``"all"``, except ``"last"`` for
        ``graphml``, which holds one snapshot.
    positions : mapping of actor id to (x, y), optional
        GEXF positions, in the HTML maps' canvas pixels. Default: the layout
        of the HTML maps, :func:`netviz.layout.compute_layout` over *all*
        snapshots, so Gephi shows what the pages show even for one date.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    NetvizError
        Unknown format or date, a missing output folder, or graphs without
        the documented snapshot attributes.

    Examples
    --------
    >>> import tempfile, csv
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Turkey condemns Russia.", cue="condemn")
    >>> r = Relation("TUR", "RUS", -1, "verbal_conflict", 4.0, dt.date(2017, 3, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 3, 8)])
    >>> out = Path(tempfile.mkdtemp())
    >>> [p.name for p in export_snapshots(snaps, "csv", out)]
    ['nodes.csv', 'edges.csv']
    >>> row = next(csv.DictReader((out / "edges.csv").open(encoding="utf-8")))
    >>> row["a"], row["b"], row["date"], row["weight"], row["sign"]
    ('RUS', 'TUR', '2017-03-08', '4.0', '-1')
    >>> export_snapshots(snaps, "pdf", out)
    Traceback (most recent call last):
    netviz.errors.NetvizError: unknown export format 'pdf'; choose one of gexf, graphml, json, csv
    """
    if fmt not in FORMATS:
        raise NetvizError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    snaps = _as_snapshots(snapshots)
    when = date if date is not None else "last" if fmt == "graphml" else "all"
    if when == "all":
        if fmt == "graphml":
            raise NetvizError(
                "graphml holds one snapshot: give a date, 'first' or 'last' (gexf, json and csv hold all dates)"
            )
        chosen: Snapshots | nx.Graph = snaps
        stamp = "all"
    else:
        day = resolve_date(snaps, when)
        chosen, stamp = snaps[day], day.isoformat()
    if fmt == "csv":
        return list(export_csv(chosen, path))
    target = _file_target(path, f"netviz-{stamp}.{fmt}")
    if fmt == "gexf":
        if positions is None:
            positions = _layout(snaps.values())
        return [export_gexf(chosen, target, positions=positions)]
    if fmt == "graphml":
        return [export_graphml(chosen, target)]
    return [export_json(chosen, target)]


def resolve_date(snapshots: Snapshots, when: dt.date | str) -> dt.date:
    """The snapshot date ``when`` names: a date, ``"YYYY-MM-DD"``, ``"first"`` or ``"last"``.

    Examples
    --------
    >>> snaps = {dt.date(2017, 1, 8): nx.Graph(), dt.date(2017, 3, 8): nx.Graph()}
    >>> resolve_date(snaps, "last")
    datetime.date(2017, 3, 8)
    >>> resolve_date(snaps, "2017-02-01")
    Traceback (most recent call last):
    netviz.errors.NetvizError: no snapshot on 2017-02-01; nearest snapshot dates: 2017-01-08, 2017-03-08 (2 dates, 2017-01-08 to 2017-03-08; or 'first', 'last', 'all')
    """
    days = sorted(snapshots)
    if not days:
        raise NetvizError("there are no snapshots to export: no articles or events were loaded")
    if when == "first":
        return days[0]
    if when == "last":
        return days[-1]
    span = f"{len(days)} dates, {days[0]} to {days[-1]}; or 'first', 'last', 'all'"
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        day = when
    else:
        try:
            day = dt.date.fromisoformat(str(when).strip())
        except ValueError:
            raise NetvizError(f"date {when!r} is not YYYY-MM-DD, 'first', 'last' or 'all' ({span})") from None
    if day not in snapshots:
        before = [d for d in days if d < day][-1:]
        after = [d for d in days if d > day][:1]
        nearest = ", ".join(d.isoformat() for d in before + after)
        raise NetvizError(f"no snapshot on {day}; nearest snapshot dates: {nearest} ({span})")
    return day


# --- JSON --------------------------------------------------------------------


def export_json(snapshots: Snapshots | nx.Graph, path: Path | str) -> Path:
    """Write networkx node-link JSON: one snapshot, or every snapshot in date order.

    One graph gives one node-link document (``directed``, ``multigraph``,
    ``graph``, ``nodes``, ``links``) that :func:`networkx.node_link_graph`
    reads with ``edges="links"`` (the key D3 expects). A mapping gives
    ``{"format": "netviz-snapshots", "version": 1, "snapshots": [...]}`` with
    one such document per date. Dates are ISO strings, tuples are lists and
    each tie's ``evidence`` is a list of :func:`netviz.model.relation_record`
    dicts, strongest first.

    Examples
    --------
    >>> import tempfile, json
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> p = export_json(snaps, Path(tempfile.mkdtemp()) / "all.json")
    >>> doc = json.loads(p.read_text(encoding="utf-8"))
    >>> [s["graph"]["date"] for s in doc["snapshots"]]
    ['2017-01-08', '2017-02-01']
    >>> link = doc["snapshots"][0]["links"][0]
    >>> link["source"], link["target"], link["sign"], link["evidence"][0]["cue"]
    ('RUS', 'SYR', 1, 'backs')
    """
    target = _file_target(path, "netviz.json")
    if isinstance(snapshots, nx.Graph):
        doc: dict = _node_link(_as_snapshot(snapshots))
    else:
        doc = {
            "format": "netviz-snapshots",
            "version": 1,
            "snapshots": [_node_link(G) for G in _as_snapshots(snapshots).values()],
        }
    return atomic_write_text(target, json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n")


def _node_link(G: nx.Graph) -> dict:
    return nx.node_link_data(_canonical(G, _json_value), edges="links")


def _json_value(value: Any, where: str) -> Any:
    """``value`` as JSON: dates as ISO strings, tuples as lists, relations as records."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Relation):
        return relation_record(value)
    if isinstance(value, (tuple, list)):
        return [_json_value(v, where) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _json_value(v, where) for k, v in value.items()}
    raise NetvizError(
        f"{where} is a {type(value).__name__}; export writes text, numbers, dates, lists, mappings and relations"
    )


# --- GraphML -------------------------------------------------------------------


def export_graphml(G: nx.Graph, path: Path | str) -> Path:
    """Write one snapshot as GraphML with every graph, node and edge attribute, typed.

    Numbers stay ``int``/``double``, flags ``boolean``; dates become ISO
    strings and tuples (``origins``, ``articles``) and ``evidence`` (as
    :func:`netviz.model.relation_record` dicts) JSON strings; ``None`` values
    are left out. :func:`networkx.read_graphml`, Gephi, yEd and igraph read it.

    Examples
    --------
    >>> import tempfile, json
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.snapshots import build_snapshots
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
    target = _file_target(path, "netviz.graphml")
    H = _uniform_types(_canonical(_as_snapshot(G), _graphml_value))
    return atomic_write_text(target, _XML_DECLARATION + "\n".join(nx.generate_graphml(H)) + "\n")


def _graphml_value(value: Any, where: str) -> Any:
    """A GraphML scalar: numbers, flags and text as they are, anything else as JSON text."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(_json_value(value, where), ensure_ascii=False, allow_nan=False)


def _uniform_types(H: nx.Graph) -> nx.Graph:
    """One GraphML type per attribute: ints become doubles where the same
    attribute also holds floats (GraphML declares a key's type once)."""
    for items in (lambda: H.nodes.values(), lambda: (d for _, _, d in H.edges(data=True))):
        kinds: dict[str, set[type]] = {}
        for data in items():
            for key, value in data.items():
                kinds.setdefault(key, set()).add(type(value))
        for key, found in kinds.items():
            if found == {int, float}:
                for data in items():
                    if key in data:
                        data[key] = float(data[key])
            elif len(found) > 1:
                names = ", ".join(sorted(t.__name__ for t in found))
                raise NetvizError(f"attribute {key!r} mixes {names} values; GraphML needs one type per attribute")
    return H


# --- CSV -----------------------------------------------------------------------


def export_csv(snapshots: Snapshots | nx.Graph, folder: Path | str) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` for spreadsheets and pandas.

    ``nodes.csv`` has one row per actor per snapshot date
    (:data:`NODE_COLUMNS`), ``edges.csv`` one row per tie per date
    (:data:`EDGE_COLUMNS`) with ``a < b``; rows are sorted by date, then
    actor. ``origins`` is ``;``-separated. The folder is created if its parent
    exists.

    Examples
    --------
    >>> import tempfile, csv
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> nodes, edges = export_csv(snaps, Path(tempfile.mkdtemp()) / "tables")
    >>> [(row["a"], row["b"], row["date"], row["evidence_count"]) for row in csv.DictReader(edges.open(encoding="utf-8"))]
    [('RUS', 'SYR', '2017-01-08', '1'), ('RUS', 'SYR', '2017-02-01', '1')]
    """
    snaps = (
        {_snapshot_date(snapshots): _as_snapshot(snapshots)}
        if isinstance(snapshots, nx.Graph)
        else _as_snapshots(snapshots)
    )
    out = _folder_target(folder)
    node_rows, edge_rows = [], []
    for day, G in snaps.items():
        for n in sorted(G.nodes):
            d = G.nodes[n]
            node_rows.append([n, day.isoformat(), d["label"], d["type"], float(d["strength"]), int(d["bloc"])])
        for a, b in _sorted_edges(G):
            d = G.edges[a, b]
            edge_rows.append([
                a, b, day.isoformat(), float(d["weight"]), int(d["sign"]), float(d["polarity"]),
                float(d["cooperation"]), float(d["conflict"]), int(d["count"]), ";".join(d["origins"]),
            ])
    return (
        atomic_write_text(out / "nodes.csv", _csv_text(NODE_COLUMNS, node_rows)),
        atomic_write_text(out / "edges.csv", _csv_text(EDGE_COLUMNS, edge_rows)),
    )


def _csv_text(header: tuple[str, ...], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


# --- GEXF ----------------------------------------------------------------------


def export_gexf(
    snapshots: Snapshots | nx.Graph,
    path: Path | str,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    node_color: NodeColor | None = None,
    edge_color: EdgeColor | None = None,
) -> Path:
    """Write GEXF 1.2 for Gephi: static for one graph, dynamic for a mapping of dates.

    A dynamic file gives every actor and tie *spells* (when it exists) and
    per-date values of ``strength`` and ``bloc`` (actors) and ``weight``,
    ``sign``, ``polarity``, ``cooperation``, ``conflict``, ``count`` and
    ``origins`` (ties) as dynamic attributes, so Gephi's timeline plays the
    whole history. A snapshot holds from its date to the day before the next
    snapshot date (the last one: its own date only).

    Positions and colours go in the ``viz`` namespace, as the HTML maps show
    them: ``y`` is negated because the pages' canvas counts y downwards and
    Gephi upwards. In a dynamic file each actor and tie keeps the colour of
    its latest date; partition by the dynamic ``sign`` or ``bloc`` in Gephi's
    Appearance panel to recolour along the timeline.

    Parameters
    ----------
    snapshots : mapping of date to snapshot graph, or one snapshot graph
    path : path of the ``.gexf`` file
    positions : mapping of actor id to (x, y), optional
        Default: :func:`netviz.layout.compute_layout` over the graphs given.
        Pass the layout of all snapshots when writing one date, so Gephi
        matches the HTML maps.
    node_color, edge_color : callable, optional
        ``(actor, attributes) -> "#rrggbb"`` and ``(attributes) -> "#rrggbb"``.
        Default: the HTML maps' colours.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> H = nx.read_gexf(export_gexf(snaps, Path(tempfile.mkdtemp()) / "all.gexf"))
    >>> H.graph["mode"], H.edges["RUS", "SYR"]["spells"]
    ('dynamic', [('2017-01-08', '2017-02-01')])
    >>> H.edges["RUS", "SYR"]["sign"]
    [(1, '2017-01-08', '2017-02-01')]
    """
    target = _file_target(path, "netviz.gexf")
    dynamic = not isinstance(snapshots, nx.Graph)
    snaps = (
        _as_snapshots(snapshots)
        if dynamic
        else {_snapshot_date(snapshots): _as_snapshot(snapshots)}
    )
    if positions is None:
        positions = _layout(snaps.values())
    colors = _default_colors() if node_color is None or edge_color is None else None
    node_color = node_color or colors[0]
    edge_color = edge_color or colors[1]
    root = _gexf_document(snaps, dynamic, positions, node_color, edge_color)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return atomic_write_text(target, _XML_DECLARATION + xml + "\n")


#: (attribute, GEXF type) per element; ``weight`` is GEXF's own edge weight.
_GEXF_NODE_STATIC = (("type", "string"),)
_GEXF_NODE_VARYING = (("strength", "double"), ("bloc", "integer"))
_GEXF_EDGE_VARYING = (
    ("cooperation", "double"), ("conflict", "double"), ("polarity", "double"),
    ("sign", "integer"), ("count", "integer"), ("origins", "string"),
)


def _gexf_document(snaps, dynamic, positions, node_color, edge_color) -> ET.Element:
    days = list(snaps)
    # the last day each snapshot holds: the day before the next snapshot date
    until = [d - dt.timedelta(days=1) for d in days[1:]] + [days[-1]]
    graphs = list(snaps.values())

    root = ET.Element("gexf", {
        "xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": _XSI_NS,
        "xsi:schemaLocation": _GEXF_SCHEMA, "version": "1.2",
    })
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": days[-1].isoformat()})
    ET.SubElement(meta, "creator").text = f"netviz {__version__}"
    modes = sorted({G.graph.get("mode", "cumulative") for G in graphs})
    span = f"{len(days)} snapshots, {days[0]} to {days[-1]}" if dynamic else f"snapshot of {days[0]}"
    ET.SubElement(meta, "description").text = f"Alliance network, {span} ({', '.join(modes)})"

    graph_attrs = {"defaultedgetype": "undirected", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs.update(timeformat="date", start=days[0].isoformat(), end=until[-1].isoformat())
    graph = ET.SubElement(root, "graph", graph_attrs)
    if dynamic:
        _declare(graph, "node", "static", _GEXF_NODE_STATIC)
        _declare(graph, "node", "dynamic", _GEXF_NODE_VARYING)
        # Gephi reads a dynamic edge attribute with id "weight" as the tie's
        # weight over time (its own GEXF exporter writes it so)
        _declare(graph, "edge", "dynamic", (("weight", "double"),) + _GEXF_EDGE_VARYING)
    else:
        _declare(graph, "node", "static", _GEXF_NODE_STATIC + _GEXF_NODE_VARYING)
        _declare(graph, "edge", "static", _GEXF_EDGE_VARYING)

    nodes = ET.SubElement(graph, "nodes")
    for actor in sorted({n for G in graphs for n in G.nodes}):
        present = [i for i, G in enumerate(graphs) if actor in G]
        latest = graphs[present[-1]].nodes[actor]
        el = ET.SubElement(nodes, "node", {"id": actor, "label": str(latest["label"])})
        values = ET.SubElement(el, "attvalues")
        _attvalue(values, "type", latest["type"])
        for key, _ in _GEXF_NODE_VARYING:
            _attvalues(values, key, [(i, graphs[i].nodes[actor][key]) for i in present], days, until, dynamic)
        if dynamic:
            _spells(el, present, days, until)
        _viz(el, actor, latest, positions, node_color)

    edges = ET.SubElement(graph, "edges")
    for a, b in sorted({e for G in graphs for e in _sorted_edges(G)}):
        present = [i for i, G in enumerate(graphs) if G.has_edge(a, b)]
        latest = graphs[present[-1]].edges[a, b]
        attrs = {"id": f"{a}--{b}", "source": a, "target": b}
        if not dynamic:
            attrs["weight"] = _gexf_text(float(latest["weight"]))
        el = ET.SubElement(edges, "edge", attrs)
        values = ET.SubElement(el, "attvalues")
        for key in (("weight",) if dynamic else ()) + tuple(k for k, _ in _GEXF_EDGE_VARYING):
            _attvalues(values, key, [(i, graphs[i].edges[a, b][key]) for i in present], days, until, dynamic)
        if dynamic:
            _spells(el, present, days, until)
        ET.SubElement(el, "viz:color", _rgb(edge_color(latest), f"edge colour of {a}--{b}"))
    return root


def _declare(graph: ET.Element, cls: str, mode: str, columns: tuple[tuple[str, str], ...]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": cls, "mode": mode})
    for key, kind in columns:
        ET.SubElement(block, "attribute", {"id": key, "title": key, "type": kind})


def _attvalue(parent: ET.Element, key: str, value: Any, start: dt.date | None = None, end: dt.date | None = None) -> None:
    attrs = {"for": key, "value": _gexf_text(_typed(key, value))}
    if start is not None:
        attrs.update(start=start.isoformat(), end=end.isoformat())
    ET.SubElement(parent, "attvalue", attrs)


def _attvalues(parent, key, series, days, until, dynamic) -> None:
    """One attvalue per run of equal values on consecutive snapshot dates
    (static files: the one value)."""
    if not dynamic:
        _attvalue(parent, key, series[-1][1])
        return
    for first, last, value in _runs(series):
        _attvalue(parent, key, value, days[first], until[last])


def _spells(el: ET.Element, present: list[int], days, until) -> None:
    spells = ET.SubElement(el, "spells")
    for first, last, _ in _runs([(i, None) for i in present]):
        ET.SubElement(spells, "spell", {"start": days[first].isoformat(), "end": until[last].isoformat()})


def _runs(series: list[tuple[int, Any]]) -> list[tuple[int, int, Any]]:
    """``[(index, value)]`` -> ``[(first, last, value)]`` over consecutive indexes with equal values.

    >>> _runs([(0, 1), (1, 1), (2, -1), (4, -1)])
    [(0, 1, 1), (2, 2, -1), (4, 4, -1)]
    """
    runs: list[tuple[int, int, Any]] = []
    for i, value in series:
        if runs and runs[-1][1] == i - 1 and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], i, value)
        else:
            runs.append((i, i, value))
    return runs


def _viz(el: ET.Element, actor: str, attrs: Mapping, positions, node_color: NodeColor) -> None:
    ET.SubElement(el, "viz:color", _rgb(node_color(actor, attrs), f"colour of actor {actor}"))
    if actor not in positions:
        raise NetvizError(
            f"positions has no entry for actor {actor}; compute them with netviz.layout.compute_layout over all snapshots"
        )
    x, y = positions[actor]
    ET.SubElement(el, "viz:position", {"x": _gexf_text(float(x)), "y": _gexf_text(-float(y) + 0.0), "z": "0.0"})
    ET.SubElement(el, "viz:size", {"value": _gexf_text(float(_node_size(attrs)))})


def _gexf_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ";".join(map(str, value))
    return str(value)


def _rgb(color: str, what: str) -> dict[str, str]:
    """``"#rrggbb"`` (or ``"#rgb"``) as GEXF viz r, g, b."""
    hexa = color.lstrip("#") if isinstance(color, str) and color.startswith("#") else ""
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    try:
        if len(hexa) != 6:
            raise ValueError
        r, g, b = (int(hexa[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        raise NetvizError(f"{what} is {color!r}; colours must be '#rrggbb'") from None
    return {"r": str(r), "g": str(g), "b": str(b)}


# --- input checks and shared helpers -------------------------------------------


def _as_snapshots(value: Any) -> dict[dt.date, nx.Graph]:
    """The snapshots in date order, each checked for the documented attributes."""
    if isinstance(value, nx.Graph):
        return {_snapshot_date(value): _as_snapshot(value)}
    if not isinstance(value, Mapping):
        raise NetvizError(
            f"expected snapshots (a mapping of date to graph, as build_snapshots returns), got a {type(value).__name__}"
        )
    if not value:
        raise NetvizError("there are no snapshots to export: no articles or events were loaded")
    for key in value:
        if not isinstance(key, dt.date) or isinstance(key, dt.datetime):
            raise NetvizError(f"snapshot key {key!r} is not a datetime.date; key snapshots by their date")
    return {day: _as_snapshot(value[day], day) for day in sorted(value)}


def _as_snapshot(G: Any, day: dt.date | None = None) -> nx.Graph:
    where = f"snapshot {day}" if day else "snapshot"
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise NetvizError(f"{where} is a {type(G).__name__}; snapshots are undirected networkx.Graph objects")
    for n, d in G.nodes(data=True):
        if not isinstance(n, str):
            raise NetvizError(f"{where}: node {n!r} is not a string; actor ids are strings")
        _check_attributes(d, NODE_ATTRIBUTES, f"{where}: actor {n}")
    for a, b, d in G.edges(data=True):
        _check_attributes(d, EDGE_ATTRIBUTES, f"{where}: tie {a}--{b}")
    return G


def _check_attributes(data: Mapping, required: tuple[str, ...], where: str) -> None:
    missing = [k for k in required if k not in data]
    if missing:
        raise NetvizError(f"{where} has no {', '.join(missing)}; build graphs with netviz.snapshots.build_snapshots")
    for key in sorted((_FLOATS | _INTS) & data.keys()):
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise NetvizError(f"{where}: {key} is {value!r}, not a number")


def _snapshot_date(G: nx.Graph) -> dt.date:
    day = G.graph.get("date") if isinstance(G, nx.Graph) else None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise NetvizError("the graph has no G.graph['date'] (a datetime.date); pass a snapshot from build_snapshots")
    return day


def _sorted_edges(G: nx.Graph) -> list[tuple[str, str]]:
    """Ties as ``(a, b)`` with ``a < b``, sorted: the same order whatever the insertion order."""
    return sorted((a, b) if a <= b else (b, a) for a, b in G.edges)


def _typed(key: str, value: Any) -> Any:
    """A documented number as its documented type: ``conflict`` 0 is written 0.0."""
    if key in _FLOATS:
        return float(value)
    if key in _INTS:
        return int(value)
    return value


def _canonical(G: nx.Graph, convert: Callable[[Any, str], Any]) -> nx.Graph:
    """A sorted copy of ``G`` whose attribute values went through ``convert``
    (``None`` results are left out); ``G`` itself is untouched."""
    day = G.graph.get("date", "")

    def values(data: Mapping, where: str) -> dict:
        out = {k: convert(_typed(k, v), f"{where} attribute {k!r}") for k, v in data.items()}
        return {k: v for k, v in out.items() if v is not None}

    H = nx.Graph()
    H.graph.update(values(G.graph, f"snapshot {day}: graph"))
    for n in sorted(G.nodes):
        H.add_node(n, **values(G.nodes[n], f"snapshot {day}: actor {n}"))
    for a, b in _sorted_edges(G):
        H.add_edge(a, b, **values(G.edges[a, b], f"snapshot {day}: tie {a}--{b}"))
    return H


def _file_target(path: Path | str, default_name: str) -> Path:
    """``path``, or ``path/default_name`` if ``path`` is a folder; its folder must exist."""
    target = Path(path)
    if target.is_dir():
        target = target / default_name
    if not target.parent.is_dir():
        raise NetvizError(f"{target}: folder {target.parent} does not exist; create it or choose another --out")
    return target


def _folder_target(path: Path | str) -> Path:
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise NetvizError(f"{folder} is a file; csv export writes nodes.csv and edges.csv into a folder")
    if not folder.parent.is_dir():
        raise NetvizError(f"{folder}: folder {folder.parent} does not exist; create it or choose another --out")
    folder.mkdir(exist_ok=True)
    return folder


def _layout(graphs) -> dict[str, tuple[float, float]]:
    from netviz.layout import compute_layout

    return compute_layout(graphs)


def _default_colors():  # PROVISIONAL until netviz.render lands
    return (lambda actor, attrs: "#1f77b4"), (lambda attrs: {1: "#2ca02c", -1: "#d62728"}.get(attrs["sign"], "#ff7f0e"))


def _node_size(attrs):  # PROVISIONAL
    return 10 + float(attrs["strength"])
