"""What every export writer shares: input checks, typed values, targets.

Writers take snapshot graphs as built by
:func:`netviz.graph.snapshots.build_snapshots` (the attributes listed in
``docs/architecture.md``) and check them here first, so that a bad graph gives
one :class:`~netviz.errors.NetvizError` naming the date, actor or tie.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.graph.snapshots import Snapshots as LazySnapshots
from netviz.model import Relation, relation_record
from netviz.site.palette import COLOR_BY

#: Snapshot attributes every writer relies on (docs/architecture.md).
NODE_ATTRIBUTES = ("label", "type", "strength", "bloc")
EDGE_ATTRIBUTES = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins", "evidence")
# Snapshots hold an int 0 where a sum is empty (a tie without conflict);
# written with their documented types, every file declares the same column types.
FLOATS = frozenset({"weight", "cooperation", "conflict", "polarity", "strength"})
INTS = frozenset({"sign", "count", "bloc"})
_NODE_NUMBERS = ("strength", "bloc")
# render draws an actor whose bloc is None in the no-bloc colour: accepted, written empty
_MAY_BE_NONE = frozenset({"bloc"})
_EDGE_NUMBERS = ("weight", "cooperation", "conflict", "polarity", "sign", "count")

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# characters XML 1.0 cannot hold, even escaped; ElementTree would write them as they are
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Snapshots = Mapping[dt.date, nx.Graph]
Positions = Mapping[str, tuple[float, float]]

#: What :func:`bloc_name` calls an actor in no bloc, as the maps' legends do.
NO_BLOC = "no bloc"


def bloc_name(G: nx.Graph, bloc: int | None) -> str:
    """The name of ``bloc`` in snapshot ``G``: ``G.graph["bloc_names"]``, else ``bloc N``; :data:`NO_BLOC` for ``None``.

    >>> G = nx.Graph(bloc_names={0: "Western coalition"})
    >>> bloc_name(G, 0), bloc_name(G, 1), bloc_name(G, None)
    ('Western coalition', 'bloc 1', 'no bloc')
    """
    if bloc is None:
        return NO_BLOC
    return str(G.graph.get("bloc_names", {}).get(bloc) or f"bloc {bloc}")


def json_dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)



def json_value(value: Any, relation: Callable[[Relation], Any] = relation_record) -> Any:
    """``value`` as JSON: dates as ISO strings, tuples as lists, relations through ``relation``."""
    # exact types first: evidence and origins of every tie of every date pass here
    kind = type(value)
    if value is None or kind in (str, float, int, bool):
        return value
    if kind is tuple or kind is list:
        return [json_value(v, relation) for v in value]
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
        return [json_value(v, relation) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v, relation) for k, v in value.items()}
    raise Unwritable(type(value).__name__)



def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD.

    >>> xml_text("Kurdish\x0bforces")
    'Kurdish\ufffdforces'
    """
    return _NOT_XML.sub("\ufffd", text)



def largest_strength(snaps: Mapping[dt.date, nx.Graph]) -> float:
    """The largest actor strength on any date (from the history's changes for a build's snapshots)."""
    from netviz.graph.steps import dated_steps, union_input

    if isinstance(snaps, LazySnapshots):
        return max((s for _, s, _ in union_input(dated_steps(snaps, find_blocs=False)).actors.values()), default=0.0)
    return max((float(s) for G in snaps.values() for _, s in G.nodes(data="strength")), default=0.0)


def check_color_by(color_by: str) -> None:
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")



def as_snapshots(value: Any) -> Mapping[dt.date, nx.Graph]:
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
    if isinstance(value, LazySnapshots):  # a build's own snapshots, in date order: built one by one when read
        return value
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


def typed(key: str, value: Any) -> Any:
    """A documented number as its documented type: ``conflict`` 0 is written 0.0."""
    if value is None:
        return None
    if key in FLOATS:
        return float(value)
    if key in INTS:
        return int(value)
    return value


class Unwritable(Exception):
    """A value of a type no export format can hold; its type name is the message."""


#: What a converter returns for a value to leave out.
OMIT = object()


def attributes(data: Mapping, where: str, convert: Callable[[Any], Any]) -> dict:
    """``data`` with documented numbers in their documented types and every
    other value through ``convert``."""
    out = {}
    for key, value in data.items():
        if (key in FLOATS or key in INTS) and value is not None:
            value = typed(key, value)
        else:
            try:
                value = convert(value)
            except Unwritable as exc:
                raise NetvizError(
                    f"{where} attribute {key!r} is a {exc}; export writes text, numbers, dates, lists, mappings and relations"
                ) from None
        if value is not OMIT:
            out[key] = value
    return out


def sorted_edges(G: nx.Graph) -> list[tuple[str, str]]:
    """Ties as ``(a, b)`` with ``a < b``, sorted: the same order whatever the insertion order."""
    return sorted((a, b) if a <= b else (b, a) for a, b in G.edges)


def file_target(path: Path | str, default_name: str) -> Path:
    """``path``, or ``path/default_name`` if ``path`` is a folder; its folder must exist."""
    target = Path(path)
    if target.is_dir():
        target = target / default_name
    if not target.parent.is_dir():
        raise NetvizError(f"{target}: folder {target.parent} does not exist; create it or choose another --out")
    return target


def folder_target(path: Path | str) -> Path:
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise NetvizError(f"{folder} is a file; csv export writes nodes.csv and edges.csv into a folder")
    if not folder.parent.is_dir():
        raise NetvizError(f"{folder}: folder {folder.parent} does not exist; create it or choose another --out")
    folder.mkdir(exist_ok=True)
    return folder
