"""Take the graph elsewhere: GEXF for Gephi, GraphML, JSON node-link and CSV.

Every writer takes snapshot graphs as built by
:func:`netviz.graph.snapshots.build_snapshots` (the attributes listed in
``docs/architecture.md``): a mapping of date to graph, or one graph. It never
modifies them, writes UTF-8 atomically and gives byte-identical files for the
same input. ``docs/export-formats.md`` documents each file's schema.

- :func:`export_gexf`: GEXF 1.2 for Gephi with the HTML maps' positions and
  colours; static for one snapshot, dynamic (spells and per-date attributes,
  for Gephi's timeline) for several.
- :func:`export_graphml`: one snapshot, every attribute with its type.
- :func:`export_json`: networkx node-link data, one snapshot or all.
- :func:`export_csv`: ``nodes.csv`` and ``edges.csv``, one row per actor or
  tie per date.
- :func:`export_snapshots`: picks the format and the date(s); the CLI's
  ``netviz export``.

Examples
--------
>>> import tempfile, json
>>> from pathlib import Path
>>> from netviz.model import Evidence, Relation
>>> from netviz.graph.snapshots import build_snapshots
>>> ev = Evidence(sentence="Russia backs Syria.", cue="backs", article="a1")
>>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
>>> snaps = build_snapshots([r], [dt.date(2017, 1, 8)])
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
import math
import numbers
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from netviz import __version__
from netviz.errors import NetvizError
from netviz.graph.layout import compute_layout
from netviz.io import atomic_write_text
from netviz.model import Relation, relation_record
from netviz.site.render import COLOR_BY, edge_id, node_color, node_size, sign_color

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
# Snapshots hold an int 0 where a sum is empty (a tie without conflict);
# written with their documented types, every file declares the same column types.
_FLOATS = frozenset({"weight", "cooperation", "conflict", "polarity", "strength"})
_INTS = frozenset({"sign", "count", "bloc"})
_NODE_NUMBERS = ("strength", "bloc")
# render draws an actor whose bloc is None in the no-bloc colour: accepted, written empty
_MAY_BE_NONE = frozenset({"bloc"})
_EDGE_NUMBERS = ("weight", "cooperation", "conflict", "polarity", "sign", "count")

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_SCHEMA = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# characters XML 1.0 cannot hold, even escaped; ElementTree would write them as they are
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Snapshots = Mapping[dt.date, nx.Graph]
Positions = Mapping[str, tuple[float, float]]


# --- the dispatcher the CLI calls --------------------------------------------


def export_snapshots(
    snapshots: Snapshots | nx.Graph,
    fmt: str,
    path: Path | str,
    *,
    date: dt.date | str | None = None,
    positions: Positions | None = None,
    color_by: str = "bloc",
) -> list[Path]:
    """Write snapshots in ``fmt`` and return the files written.

    Parameters
    ----------
    snapshots : mapping of date to snapshot graph, or one snapshot graph
        As returned by :func:`netviz.graph.snapshots.build_snapshots`.
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
        of the HTML maps, :func:`netviz.graph.layout.compute_layout` over *all*
        snapshots, so Gephi shows what the pages show even for one date.
    color_by : {"bloc", "type"}
        What GEXF actor colours encode, as in the HTML maps.

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
    >>> from netviz.graph.snapshots import build_snapshots
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
    _check_color_by(color_by)
    snaps = _as_snapshots(snapshots)
    when = date if date is not None else "last" if fmt == "graphml" else "all"
    if when == "all":
        if fmt == "graphml":
            raise NetvizError(
                "graphml holds one snapshot: give a date, 'first' or 'last' (gexf, json and csv hold all dates)"
            )
        chosen, single, stamp = snaps, False, "all"
    else:
        day = resolve_date(snaps, when)
        chosen, single, stamp = {day: snaps[day]}, True, day.isoformat()
    if fmt == "csv":
        return list(_write_csv(chosen, _folder_target(path)))
    target = _file_target(path, f"netviz-{stamp}.{fmt}")
    if fmt == "gexf":
        if positions is None:
            positions = compute_layout(snaps.values())
        # sizes scaled against the strongest actor of the whole run, as on the pages
        top = _max_strength(snaps)
        return [_write_gexf(chosen, not single, target, positions, color_by, top)]
    if fmt == "graphml":
        return [_write_graphml(next(iter(chosen.values())), target)]
    return [_write_json(chosen, single, target)]


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
    snaps = _as_snapshots(snapshots)
    return _write_json(snaps, single, _file_target(path, "netviz.json"))


def _write_json(snaps: dict[dt.date, nx.Graph], single: bool, target: Path) -> Path:
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
            items = ",\n".join(_json_dump(v) for v in value)
            parts.append(f"{_json_dump(key)}: [\n{items}\n]")
        else:
            parts.append(f"{_json_dump(key)}: {_json_dump(value)}")
    return "{" + ",\n".join(parts) + "}\n"


def _json_dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _node_link(G: nx.Graph, relation: Callable[[Relation], Any]) -> dict:
    """What ``networkx.node_link_data(G, edges="links")`` gives, sorted and with
    JSON values; built directly, as a graph copy costs more than the write."""
    day = G.graph.get("date", "")

    def convert(value: Any) -> Any:
        return _json_value(value, relation)

    return {
        "directed": False,
        "multigraph": False,
        "graph": _attributes(G.graph, f"snapshot {day}: graph", convert),
        "nodes": [
            {**_attributes(G.nodes[n], f"snapshot {day}: actor {n}", convert), "id": n} for n in sorted(G.nodes)
        ],
        "links": [
            {**_attributes(G.adj[a][b], f"snapshot {day}: tie {a}--{b}", convert), "source": a, "target": b}
            for a, b in _sorted_edges(G)
        ],
    }


def _json_value(value: Any, relation: Callable[[Relation], Any] = relation_record) -> Any:
    """``value`` as JSON: dates as ISO strings, tuples as lists, relations through ``relation``."""
    # exact types first: evidence and origins of every tie of every date pass here
    kind = type(value)
    if value is None or kind in (str, float, int, bool):
        return value
    if kind is tuple or kind is list:
        return [_json_value(v, relation) for v in value]
    if kind is Relation:
        return relation(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Relation):
        return relation(value)
    if isinstance(value, (tuple, list)):
        return [_json_value(v, relation) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _json_value(v, relation) for k, v in value.items()}
    raise _Unwritable(type(value).__name__)


# --- GraphML -------------------------------------------------------------------


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
    (G,) = _as_snapshots(G).values()
    return _write_graphml(G, _file_target(path, "netviz.graphml"))


def _write_graphml(G: nx.Graph, target: Path) -> Path:
    day = G.graph.get("date", "")
    H = nx.Graph()
    H.graph.update(_attributes(G.graph, f"snapshot {day}: graph", _graphml_value))
    for n in sorted(G.nodes):
        H.add_node(_xml(n), **_attributes(G.nodes[n], f"snapshot {day}: actor {n}", _graphml_value))
    for a, b in _sorted_edges(G):
        H.add_edge(_xml(a), _xml(b), **_attributes(G.adj[a][b], f"snapshot {day}: tie {a}--{b}", _graphml_value))
    _uniform_types(H)
    return atomic_write_text(target, _XML_DECLARATION + "\n".join(nx.generate_graphml(H)) + "\n")


def _graphml_value(value: Any) -> Any:
    """A GraphML scalar: numbers, flags and text as they are, anything else as
    JSON text; ``None`` is left out."""
    if value is None:
        return _OMIT
    if isinstance(value, str):
        return _xml(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _xml(_json_dump(_json_value(value)))


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
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> nodes, edges = export_csv(snaps, Path(tempfile.mkdtemp()) / "tables")
    >>> [(row["a"], row["b"], row["date"], row["evidence_count"]) for row in csv.DictReader(edges.open(encoding="utf-8"))]
    [('RUS', 'SYR', '2017-01-08', '1'), ('RUS', 'SYR', '2017-02-01', '1')]
    """
    snaps = _as_snapshots(snapshots)
    return _write_csv(snaps, _folder_target(folder))


def _write_csv(snaps: dict[dt.date, nx.Graph], folder: Path) -> tuple[Path, Path]:
    node_rows, edge_rows = [], []
    for day, G in snaps.items():
        iso = day.isoformat()
        for n in sorted(G.nodes):
            d = G.nodes[n]
            node_rows.append([n, iso, d["label"], d["type"], float(d["strength"]), _typed("bloc", d["bloc"])])
        for a, b in _sorted_edges(G):
            d = G.adj[a][b]
            edge_rows.append([
                a, b, iso, float(d["weight"]), int(d["sign"]), float(d["polarity"]),
                float(d["cooperation"]), float(d["conflict"]), int(d["count"]), ";".join(d["origins"]),
            ])
    return (
        atomic_write_text(folder / "nodes.csv", _csv_text(NODE_COLUMNS, node_rows)),
        atomic_write_text(folder / "edges.csv", _csv_text(EDGE_COLUMNS, edge_rows)),
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
    _check_color_by(color_by)
    snaps = _as_snapshots(snapshots)
    target = _file_target(path, "netviz.gexf")
    if positions is None:
        positions = compute_layout(snaps.values())
    if max_strength is None:
        max_strength = _max_strength(snaps)
    elif isinstance(max_strength, bool) or not isinstance(max_strength, numbers.Real) or not max_strength > 0:
        raise NetvizError(f"max_strength is {max_strength!r}; it must be a number > 0")
    return _write_gexf(snaps, dynamic, target, positions, color_by, float(max_strength))


#: (attribute, GEXF type) per element; ``weight`` is GEXF's own edge weight.
_GEXF_NODE_STATIC = (("type", "string"),)
_GEXF_NODE_VARYING = (("strength", "double"), ("bloc", "integer"))
_GEXF_EDGE_VARYING = (
    ("cooperation", "double"), ("conflict", "double"), ("polarity", "double"),
    ("sign", "integer"), ("count", "integer"), ("origins", "string"),
)


def _write_gexf(
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
    graphs = list(snaps.values())

    root = ET.Element("gexf", {
        "xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": _XSI_NS,
        "xsi:schemaLocation": _GEXF_SCHEMA, "version": "1.2",
    })
    # the last snapshot date, not today: the same input gives the same bytes
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": days[-1].isoformat()})
    ET.SubElement(meta, "creator").text = f"netviz {__version__}"
    modes = sorted({str(G.graph.get("mode", "cumulative")) for G in graphs})
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

    # each actor's and tie's (snapshot index, attributes), in one pass over the graphs
    actor_in: dict[str, list[tuple[int, Mapping]]] = {}
    tie_in: dict[tuple[str, str], list[tuple[int, Mapping]]] = {}
    for i, G in enumerate(graphs):
        for actor, d in G.nodes(data=True):
            actor_in.setdefault(actor, []).append((i, d))
        for a, b, d in G.edges(data=True):
            tie_in.setdefault((a, b) if a <= b else (b, a), []).append((i, d))

    def values(el: ET.Element, history: list[tuple[int, Mapping]], keys: tuple[str, ...], fixed=()) -> None:
        attvalues = ET.SubElement(el, "attvalues")
        for key, value in fixed:
            _attvalue(attvalues, key, value)
        for key in keys:
            if dynamic:
                # one attvalue per run of equal values on consecutive snapshots
                for first, last, value in _runs([(i, _typed(key, d[key])) for i, d in history]):
                    if value is not None:
                        _attvalue(attvalues, key, value, days[first], until[last])
            elif history[-1][1][key] is not None:
                _attvalue(attvalues, key, _typed(key, history[-1][1][key]))
        if dynamic:
            spells = ET.SubElement(el, "spells")
            for first, last, _ in _runs([(i, None) for i, _ in history]):
                ET.SubElement(spells, "spell", {"start": days[first].isoformat(), "end": until[last].isoformat()})

    nodes = ET.SubElement(graph, "nodes")
    for actor, history in sorted(actor_in.items()):
        latest = history[-1][1]
        el = ET.SubElement(nodes, "node", {"id": _xml(actor), "label": _xml(str(latest["label"]))})
        values(el, history, tuple(k for k, _ in _GEXF_NODE_VARYING), fixed=(("type", latest["type"]),))
        x, y = _position(positions, actor)
        ET.SubElement(el, "viz:color", _rgb(node_color(latest, color_by)))
        # adding 0.0 turns -0.0 into 0.0
        ET.SubElement(el, "viz:position", {"x": repr(x + 0.0), "y": repr(-y + 0.0), "z": "0.0"})
        ET.SubElement(el, "viz:size", {"value": repr(node_size(float(latest["strength"]), max_strength))})

    edges = ET.SubElement(graph, "edges")
    for (a, b), history in sorted(tie_in.items()):
        latest = history[-1][1]
        attrs = {"id": _xml(edge_id(a, b)), "source": _xml(a), "target": _xml(b)}
        if not dynamic:
            attrs["weight"] = repr(float(latest["weight"]))
        el = ET.SubElement(edges, "edge", attrs)
        values(el, history, (("weight",) if dynamic else ()) + tuple(k for k, _ in _GEXF_EDGE_VARYING))
        ET.SubElement(el, "viz:color", _rgb(sign_color(int(latest["sign"]))))

    ET.indent(root, space="  ")
    return atomic_write_text(target, _XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n")


def _declare(graph: ET.Element, cls: str, mode: str, columns: tuple[tuple[str, str], ...]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": cls, "mode": mode})
    for key, kind in columns:
        ET.SubElement(block, "attribute", {"id": key, "title": key, "type": kind})


def _attvalue(parent: ET.Element, key: str, value: Any, start: dt.date | None = None, end: dt.date | None = None) -> None:
    text = ";".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)
    attrs = {"for": key, "value": _xml(text)}
    if start is not None and end is not None:
        attrs.update(start=start.isoformat(), end=end.isoformat())
    ET.SubElement(parent, "attvalue", attrs)


def _xml(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD.

    >>> _xml("Kurdish\x0bforces")
    'Kurdish\ufffdforces'
    """
    return _NOT_XML.sub("\ufffd", text)


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


def _max_strength(snaps: dict[dt.date, nx.Graph]) -> float:
    return max((float(s) for G in snaps.values() for _, s in G.nodes(data="strength")), default=0.0)


def _check_color_by(color_by: str) -> None:
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")


# --- input checks and shared helpers -------------------------------------------


def _as_snapshots(value: Any) -> dict[dt.date, nx.Graph]:
    """The snapshots in date order (one graph: keyed by its ``date``), each checked
    for the documented attributes."""
    if isinstance(value, nx.Graph):
        day = value.graph.get("date")
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise NetvizError("the graph has no G.graph['date'] (a datetime.date); pass a snapshot from build_snapshots")
        return {day: _checked(value, day)}
    if not isinstance(value, Mapping):
        raise NetvizError(
            f"expected snapshots (a mapping of date to graph, as build_snapshots returns), got a {type(value).__name__}"
        )
    if not value:
        raise NetvizError("there are no snapshots to export: no articles or events were loaded")
    for key in value:
        if not isinstance(key, dt.date) or isinstance(key, dt.datetime):
            raise NetvizError(f"snapshot key {key!r} is not a datetime.date; key snapshots by their date")
    return {day: _checked(value[day], day) for day in sorted(value)}


def _checked(G: Any, day: dt.date) -> nx.Graph:
    where = f"snapshot {day}"
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise NetvizError(f"{where} is a {type(G).__name__}; snapshots are undirected networkx.Graph objects")
    for n, d in G.nodes(data=True):
        if not isinstance(n, str):
            raise NetvizError(f"{where}: node {n!r} is not a string; actor ids are strings")
        _check_attributes(d, NODE_ATTRIBUTES, _NODE_NUMBERS, f"{where}: actor {n}")
    for a, b, d in G.edges(data=True):
        _check_attributes(d, EDGE_ATTRIBUTES, _EDGE_NUMBERS, f"{where}: tie {a}--{b}")
    return G


def _check_attributes(data: Mapping, required: tuple[str, ...], numeric: tuple[str, ...], where: str) -> None:
    if not data.keys() >= set(required):
        missing = ", ".join(k for k in required if k not in data)
        raise NetvizError(f"{where} has no {missing}; build graphs with netviz.graph.snapshots.build_snapshots")
    for key in numeric:
        value = data[key]
        if value is None and key in _MAY_BE_NONE:
            continue
        # the exact-type test first: isinstance against numbers.Real is slow on large graphs
        if type(value) not in (float, int) and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
            raise NetvizError(f"{where}: {key} is {value!r}, not a number")
        if not math.isfinite(value):
            raise NetvizError(f"{where}: {key} is {value!r}; expected a finite number")


def _typed(key: str, value: Any) -> Any:
    """A documented number as its documented type: ``conflict`` 0 is written 0.0."""
    if value is None:
        return None
    if key in _FLOATS:
        return float(value)
    if key in _INTS:
        return int(value)
    return value


class _Unwritable(Exception):
    """A value of a type no export format can hold; its type name is the message."""


#: What a converter returns for a value to leave out.
_OMIT = object()


def _attributes(data: Mapping, where: str, convert: Callable[[Any], Any]) -> dict:
    """``data`` with documented numbers in their documented types and every
    other value through ``convert``."""
    out = {}
    for key, value in data.items():
        if (key in _FLOATS or key in _INTS) and value is not None:
            value = _typed(key, value)
        else:
            try:
                value = convert(value)
            except _Unwritable as exc:
                raise NetvizError(
                    f"{where} attribute {key!r} is a {exc}; export writes text, numbers, dates, lists, mappings and relations"
                ) from None
        if value is not _OMIT:
            out[key] = value
    return out


def _sorted_edges(G: nx.Graph) -> list[tuple[str, str]]:
    """Ties as ``(a, b)`` with ``a < b``, sorted: the same order whatever the insertion order."""
    return sorted((a, b) if a <= b else (b, a) for a, b in G.edges)


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
