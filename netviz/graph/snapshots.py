"""One weighted signed graph per date, built incrementally.

A snapshot is the state of the network on a date. By default (``cumulative``)
it holds every dated relation up to that date; ``per_date=True`` keeps only
that date's relations and ``window=N`` the last N days (the date and the N-1
days before it). Curated relations count on every date inside their
validity, whatever the mode.

Building all D dates costs about the size of the evidence plus D times the
number of ties drawn: each step only adds (and, for a window, drops) the
relations of the dates it passes, and only the ties they touch are recomputed.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import networkx as nx

from netviz.model import Relation

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook
    from netviz.ingest.curated import Curated

#: ``|polarity|`` at or above which a tie counts as cooperative or hostile; below, mixed.
MIXED_BELOW = 1 / 3

Dyad = tuple[str, str]


def evidence_order(rel: Relation) -> tuple:
    """Sort key for a tie's evidence: strongest first, then newest, then by place in the text."""
    ev = rel.evidence
    return (-rel.weight, -rel.date.toordinal(), ev.article or "", ev.start or 0, rel.a, rel.b, ev.sentence)


def tie_attributes(relations: Sequence[Relation]) -> dict:
    """The edge attributes of a tie made of ``relations`` (see docs/architecture.md).

    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="s", cue="c")
    >>> rels = [Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev),
    ...         Relation("RUS", "TUR", -1, "verbal_conflict", 2, date(2017, 1, 8), "extracted", ev, 0.5)]
    >>> t = tie_attributes(rels)
    >>> t["weight"], t["cooperation"], t["conflict"], t["polarity"], t["sign"], t["count"]
    (7.0, 6.0, 1.0, 0.714286, 1, 2)
    """
    cooperation = sum(r.weight for r in relations if r.sign > 0)
    conflict = sum(r.weight for r in relations if r.sign < 0)
    weight = cooperation + conflict
    polarity = (cooperation - conflict) / weight if weight else 0.0
    # compared before rounding: 2 parts cooperation to 1 of conflict is exactly 1/3
    sign = 1 if polarity >= MIXED_BELOW - 1e-12 else -1 if polarity <= 1e-12 - MIXED_BELOW else 0
    return {
        "weight": round(weight, 6),
        "cooperation": round(cooperation, 6),
        "conflict": round(conflict, 6),
        "polarity": round(polarity, 6),
        "sign": sign,
        "count": len(relations),
        "origins": tuple(sorted({r.origin for r in relations})),
        "evidence": tuple(sorted(relations, key=evidence_order)),
    }


def _mode(per_date: bool, window: int | None) -> str:
    if per_date and window:
        raise ValueError("choose either per_date or window, not both")
    if window is not None and window < 1:
        raise ValueError("window must be at least 1 day")
    return "per-date" if per_date else f"window:{window}" if window else "cumulative"


def build_snapshots(
    relations: Iterable[Relation],
    dates: Mapping[date, Sequence[str]] | Iterable[date],
    *,
    curated: Curated | None = None,
    codebook: Codebook | None = None,
    per_date: bool = False,
    window: int | None = None,
) -> dict[date, nx.Graph]:
    """Build one snapshot graph per date, in date order.

    Parameters
    ----------
    relations : dated relations (extracted or imported); curated ones go in ``curated``.
    dates : the snapshot dates, or a mapping of each date to the ids of its articles.
    curated : curated relations, each counted on the dates it is valid.
    codebook : gives nodes their ``label`` and ``type``; without it the label is the id.
    per_date, window : narrow each snapshot to its own date or to the last ``window`` days.

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
    mode = _mode(per_date, window)
    article_ids = dict(dates) if isinstance(dates, Mapping) else {d: () for d in dates}
    days = sorted(article_ids)
    rels = sorted(relations, key=lambda r: r.date)

    active: dict[Dyad, deque[Relation]] = defaultdict(deque)
    ties: dict[Dyad, dict] = {}
    curated_now: dict[Dyad, tuple[Relation, ...]] = {}
    added = dropped = 0  # indexes into rels: [dropped, added) are active
    snapshots: dict[date, nx.Graph] = {}
    for day in days:
        dirty: set[Dyad] = set()
        if per_date or window:
            start = day if per_date else day - timedelta(days=window - 1)
            while dropped < len(rels) and rels[dropped].date < start:
                old = rels[dropped]
                if dropped < added:
                    active[old.dyad].popleft()
                    dirty.add(old.dyad)
                else:  # never active: skipped over between two distant dates
                    added += 1
                dropped += 1
        while added < len(rels) and rels[added].date <= day:
            new = rels[added]
            active[new.dyad].append(new)
            dirty.add(new.dyad)
            added += 1

        valid: dict[Dyad, list[Relation]] = defaultdict(list)
        for rel in curated.valid_on(day) if curated is not None else ():
            valid[rel.dyad].append(rel)
        valid_now = {dyad: tuple(v) for dyad, v in valid.items()}
        dirty |= {d for d in valid_now.keys() | curated_now.keys() if valid_now.get(d) != curated_now.get(d)}
        curated_now = valid_now

        for dyad in dirty:
            evidence = list(active.get(dyad, ())) + list(curated_now.get(dyad, ()))
            if evidence:
                ties[dyad] = tie_attributes(evidence)
            else:
                ties.pop(dyad, None)
                active.pop(dyad, None)
        snapshots[day] = _graph(day, mode, tuple(article_ids[day]), ties, codebook)
    return snapshots


def _graph(day: date, mode: str, articles: tuple[str, ...], ties: dict[Dyad, dict], codebook: Codebook | None) -> nx.Graph:
    G = nx.Graph(date=day, mode=mode, articles=articles)
    order = sorted(ties)
    strength: dict[str, float] = defaultdict(float)
    for a, b in order:
        strength[a] += ties[a, b]["weight"]
        strength[b] += ties[a, b]["weight"]
    for actor in sorted(strength):
        known = codebook is not None and actor in codebook
        G.add_node(
            actor,
            label=codebook.get(actor).name if known else actor,
            type=codebook.get(actor).type if known else "unknown",
            strength=round(strength[actor], 6),
            bloc=0,
        )
    # A tie's attribute dict is shared by every snapshot in which the tie did
    # not change (a changed tie gets a new dict, never an edit), so D dates
    # cost D x ties pointers, not D x ties dicts. Snapshots are read-only.
    adj = G._adj
    for a, b in order:
        adj[a][b] = adj[b][a] = ties[a, b]
    return G


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
