"""Brokers: actors that hold the cooperative network together (betweenness on cooperative ties) or bridge blocs."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from netviz.errors import NetvizError
from netviz.graph.blocsearch import _find_blocs
from netviz.graph.signed import Adjacency, BlocPartition, Broker, _adjacency

#: Above this many actors with a cooperative tie, betweenness is estimated from this many sources.
BETWEENNESS_SOURCES = 500


# --- brokers ----------------------------------------------------------------------


def brokers(
    G: nx.Graph, partition: BlocPartition | None = None, *, sources: int | None = None, seed: int = 0
) -> tuple[Broker, ...]:
    """Actors that connect the cooperative network or cooperate across blocs.

    Betweenness is computed on the cooperative ties (``sign`` +1) with
    distance = 1 / weight, so strong alliances are short paths. With more
    than ``BETWEENNESS_SOURCES`` cooperating actors it is estimated from that
    many seeded source actors (Brandes-Pich), unless ``sources`` says how
    many. Values match ``networkx.betweenness_centrality(normalized=True)``
    except that path lengths equal up to float rounding count as equal.

    Parameters
    ----------
    G : a snapshot graph.
    partition : the blocs to measure crossings against; :func:`find_blocs` by default.
    sources : source actors for betweenness; ``None`` = all of them up to ``BETWEENNESS_SOURCES``.
    seed : picks the sampled sources.

    Returns
    -------
    tuple of Broker
        Actors with betweenness above 0 or a cooperative tie across blocs,
        by betweenness, then cross-bloc weight, then id.

    Examples
    --------
    TUR is allied with USA and RUS, who are adversaries:

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=4.0, sign=1)
    >>> G.add_edge("TUR", "RUS", weight=2.0, sign=1)
    >>> G.add_edge("USA", "RUS", weight=6.0, sign=-1)
    >>> [(b.actor, b.betweenness, b.partners) for b in brokers(G)]
    [('TUR', 1.0, (('RUS', 2.0),)), ('RUS', 0.0, (('TUR', 2.0),))]
    """
    adj = _adjacency(G)
    partition = partition if partition is not None else _find_blocs(G, adj, "auto", None, 0)
    return _brokers(adj, partition, sources, seed)[0]


def _brokers(
    adj: Adjacency, partition: BlocPartition, sources: int | None, seed: int
) -> tuple[tuple[Broker, ...], int | None]:
    """The brokers and the number of betweenness sources used (``None`` = exact)."""
    if sources is not None and (isinstance(sources, bool) or not isinstance(sources, int) or sources < 1):
        raise NetvizError(f"sources must be a whole number of at least 1, not {sources!r}")
    bloc = partition.membership
    missing = sorted(set(adj) - set(bloc))
    if missing:
        raise NetvizError(f"the bloc partition does not cover actor {missing[0]}; find the blocs of this snapshot")
    scores, k = _betweenness(adj, sources, seed)
    found = []
    for u in sorted(adj):
        across = sorted(((v, w) for v, (s, w) in adj[u].items() if s > 0 and bloc[v] != bloc[u]), key=lambda x: (-x[1], x[0]))
        score = scores.get(u, 0.0)
        if score > 0 or across:
            found.append(Broker(u, bloc[u], score, sum(w for _, w in across), tuple(across)))
    found.sort(key=lambda b: (-b.betweenness, -b.cross_weight, b.actor))
    return tuple(found), k


def _betweenness(adj: Adjacency, sources: int | None, seed: int) -> tuple[dict[str, float], int | None]:
    """Normalised weighted betweenness on cooperative ties, and the sources sampled (``None`` = all).

    Values are those of ``networkx.betweenness_centrality(normalized=True)``
    with distance = 1 / weight, except that path lengths equal up to float
    rounding count as ties (networkx compares floats exactly and can miss a
    shortest path). Sampling follows Brandes & Pich: dependencies from
    ``sources`` seeded actors, scaled by n / sources.
    """
    nodes = sorted(u for u, nbrs in adj.items() if any(s > 0 for s, _ in nbrs.values()))
    n = len(nodes)
    k = sources if sources is not None else BETWEENNESS_SOURCES
    k = k if k < n else None
    if n < 3:
        return {}, k
    index = {u: i for i, u in enumerate(nodes)}
    arcs = [(index[u], index[v], 1.0 / w) for u in nodes for v, (s, w) in adj[u].items() if s > 0]
    tail = np.array([a for a, _, _ in arcs], dtype=np.int64)
    head = np.array([b for _, b, _ in arcs], dtype=np.int64)
    length = np.array([d for _, _, d in arcs])
    chosen = sorted(random.Random(seed).sample(range(n), k)) if k else list(range(n))
    total = _dependencies(n, tail, head, length, np.array(chosen, dtype=np.int64))
    scale = (n / k if k else 1.0) / ((n - 1) * (n - 2))
    return {nodes[i]: float(total[i]) * scale for i in np.flatnonzero(total > 0)}, k


def _dependencies(n: int, tail: np.ndarray, head: np.ndarray, length: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Brandes' accumulated dependencies from ``sources``, batch by batch in sparse matrix algebra.

    For a batch of sources, Dijkstra (scipy, in C) gives the distances; an
    arc lies on a shortest path when ``d(u) + l(u, v) == d(v)`` (to 1e-9
    relative). Stacking one such DAG per source into a block-diagonal
    matrix, path counts solve ``sigma = e + DAG^T sigma`` and dependencies
    ``delta = W (1 + delta)`` with ``W[u, v] = sigma[u] / sigma[v]``: both are
    reached exactly by iterating as many times as the longest shortest path
    has arcs, each iteration one sparse product.
    """
    graph = sp.csr_matrix((length, (tail, head)), shape=(n, n))
    total = np.zeros(n)
    batch_size = max(1, 2_000_000 // max(len(tail), n))  # bounds the batch x arcs arrays
    for start in range(0, len(sources), batch_size):
        batch = sources[start:start + batch_size]
        b, size = len(batch), len(batch) * n
        dist = dijkstra(graph, directed=True, indices=batch)
        du, dv = dist[:, tail], dist[:, head]
        with np.errstate(invalid="ignore"):  # inf - inf where a source cannot reach the arc
            on = np.isfinite(du) & (np.abs(du + length - dv) <= 1e-9 * dv)
        which, arc = np.nonzero(on)
        rows, cols = which * n + tail[arc], which * n + head[arc]
        dag_t = sp.csr_matrix((np.ones(len(rows)), (cols, rows)), shape=(size, size))
        origin = np.zeros(size)
        origin[np.arange(b) * n + batch] = 1.0
        sigma = origin
        while True:
            following = origin + dag_t @ sigma
            if np.array_equal(following, sigma):
                break
            sigma = following
        share = sp.csr_matrix((sigma[rows] / sigma[cols], (rows, cols)), shape=(size, size))
        delta = np.zeros(size)
        while True:
            following = share @ (1.0 + delta)
            if np.array_equal(following, delta):
                break
            delta = following
        delta[np.arange(b) * n + batch] = 0.0  # a source is not between itself and others
        total += delta.reshape(b, n).sum(axis=0)
    return total
