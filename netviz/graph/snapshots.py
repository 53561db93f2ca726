"""One weighted signed graph per date, handed out on demand.

A snapshot is the state of the network on a date. By default (``cumulative``)
it holds every dated relation up to that date; ``per_date=True`` keeps only
that date's relations and ``window=N`` the last N days (the date and the N-1
days before it). Curated relations count on every date inside their
validity, whatever the mode.

:func:`build_snapshots` records the dated changes once (a
:class:`~netviz.graph.history.History`: O(relations + changes)) and returns a
read-only mapping of date to graph that builds a date's full graph only when
it is asked for, keeping the last few in a small cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from netviz.graph.history import MAX_WINDOW, History, build_history, evidence_order, snapshot_mode, tie_state
from netviz.model import Relation

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook
    from netviz.ingest.curated import Curated

__all__ = ["MAX_WINDOW", "Snapshots", "build_snapshots", "evidence_order", "snapshot_mode", "tie_attributes",
           "with_node_attribute"]

#: ``|polarity|`` at or above which a tie counts as cooperative or hostile; below, mixed.
MIXED_BELOW = 1 / 3
#: Full graphs kept built: enough for a diff (two dates) and a page or two around it.
CACHED_GRAPHS = 4


def tie_attributes(relations: Sequence[Relation]) -> dict:
    """The edge attributes of a tie made of ``relations`` (one dyad; see docs/architecture.md).

    Sums are exact, so the attributes equal those of the same tie reached
    incrementally in a :class:`~netviz.graph.history.History`.

    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="s", cue="c")
    >>> rels = [Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev),
    ...         Relation("RUS", "TUR", -1, "verbal_conflict", 2, date(2017, 1, 8), "extracted", ev, 0.5)]
    >>> t = tie_attributes(rels)
    >>> t["weight"], t["cooperation"], t["conflict"], t["polarity"], t["sign"], t["count"]
    (7.0, 6.0, 1.0, 0.714286, 1, 2)
    """
    return tie_state(relations).attributes()


class Snapshots(Mapping[date, nx.Graph]):
    """The snapshot graphs of a run by date, oldest first, built on demand from a :class:`History`.

    Read-only: graphs are built when asked for (the last ``CACHED_GRAPHS``
    are kept) and must not be modified. ``history`` gives the dated changes
    themselves, for consumers that can work from deltas. ``blocs`` (set by
    :func:`netviz.graph.blocs.assign_steady_blocs`) gives each date's
    ``bloc`` per actor and ``G.graph["bloc_names"]``.
    """

    def __init__(self, history: History, blocs: object | None = None) -> None:
        self.history = history
        self.blocs = blocs
        self._cache: OrderedDict[date, nx.Graph] = OrderedDict()

    def __getitem__(self, day: date) -> nx.Graph:
        if day in self._cache:
            self._cache.move_to_end(day)
            return self._cache[day]
        self.history.index(day)  # KeyError for a date that is no snapshot
        if self.blocs is None:
            G = self.history.graph(day)
        else:
            membership, names = self.blocs.on(day)
            G = self.history.graph(day, membership, names)
        self._cache[day] = G
        if len(self._cache) > CACHED_GRAPHS:
            self._cache.popitem(last=False)
        return G

    def __iter__(self) -> Iterator[date]:
        return iter(self.history.dates)

    def __len__(self) -> int:
        return len(self.history.dates)

    def __contains__(self, day: object) -> bool:
        return day in self.history._index

    def __repr__(self) -> str:
        dates = self.history.dates
        span = f"{dates[0]} to {dates[-1]}" if dates else "none"
        return f"<Snapshots: {len(dates)} dates ({span}), {self.history.mode}>"


def build_snapshots(
    relations: Iterable[Relation],
    dates: Mapping[date, Sequence[str]] | Iterable[date],
    *,
    curated: Curated | None = None,
    codebook: Codebook | None = None,
    per_date: bool = False,
    window: int | None = None,
) -> Snapshots:
    """The snapshot graphs of ``dates``, in date order, each built when first asked for.

    Parameters
    ----------
    relations : dated relations (extracted or imported); curated ones go in ``curated``.
    dates : the snapshot dates, or a mapping of each date to the ids of its articles.
    curated : curated relations, each counted on the dates it is valid.
    codebook : gives nodes their ``label`` and ``type``; without it the label is the id.
    per_date, window : narrow each snapshot to its own date or to the last ``window`` days
        (1 to ``MAX_WINDOW``).

    Examples
    --------
    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="s", cue="c")
    >>> r1 = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> r2 = Relation("USA", "TUR", -1, "verbal_conflict", 4, date(2017, 3, 8), "extracted", ev)
    >>> snaps = build_snapshots([r1, r2], [date(2017, 1, 8), date(2017, 3, 8)])
    >>> [sorted(G.edges) for G in snaps.values()]
    [[('RUS', 'TUR')], [('RUS', 'TUR'), ('TUR', 'USA')]]
    >>> snaps = build_snapshots([r1, r2], [date(2017, 1, 8), date(2017, 3, 8)], per_date=True)
    >>> sorted(snaps[date(2017, 3, 8)].edges)
    [('TUR', 'USA')]
    """
    history = build_history(relations, dates, curated=curated, codebook=codebook, per_date=per_date, window=window)
    return Snapshots(history)


def with_node_attribute(G: nx.Graph, name: str, values: Mapping[str, object]) -> nx.Graph:
    """A copy of snapshot ``G`` whose nodes carry ``name`` from ``values``; edge data is shared, not copied.

    Snapshots are read-only, so sharing the tie dicts is safe and keeps a
    history of thousands of dates from holding thousands of copies of each tie.

    >>> G = nx.Graph(date=date(2017, 1, 8)); G.add_edge("RUS", "SYR", weight=6.0)
    >>> H = with_node_attribute(G, "bloc", {"RUS": 0, "SYR": 0})
    >>> H.nodes["RUS"]["bloc"], "bloc" in G.nodes["RUS"], H.edges["RUS", "SYR"] is G.edges["RUS", "SYR"]
    (0, False, True)
    """
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, {**d, name: values.get(n)}) for n, d in G.nodes(data=True))
    for u, neighbours in G._adj.items():
        H._adj[u].update(neighbours)
    return H
