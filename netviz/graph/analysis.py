"""Signed-network analysis of a snapshot: structural balance, blocs, brokers.

networkx has no signed functions, so this module supplies them for the
snapshot graphs of ``docs/architecture.md`` (edge ``weight`` > 0 and ``sign``
in +1 / -1 / 0).

Mixed ties (``sign`` 0: cooperation and conflict of comparable weight) carry
no sign, so they are never counted for or against structure:

- a triangle with a mixed tie is neither balanced nor unbalanced; it is
  counted as *ambiguous* and left out of both balance shares;
- in bloc finding a mixed tie costs nothing wherever its two actors fall, and
  an actor whose ties are all mixed (or who has none) is *unaligned* and
  forms a bloc of its own;
- brokerage uses cooperative ties only.

The JSON records are documented in ``docs/compare-json.md``.
"""

from __future__ import annotations

import bisect
import math
import numbers
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from netviz.errors import NetvizError
from netviz.model import Relation, relation_record
from netviz.table import format_table

#: Above this many actors with a cooperative tie, betweenness is estimated from this many sources.
BETWEENNESS_SOURCES = 500

ANALYSIS_SCHEMA = "netviz.graph.analysis/1"

Adjacency = dict[str, dict[str, tuple[int, float]]]


# --- values -------------------------------------------------------------------


@dataclass(frozen=True)
class Tie:
    """One tie of a snapshot, ``a < b``, with its sign, weight and evidence (strongest first)."""

    a: str
    b: str
    sign: int
    weight: float
    evidence: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Triangle:
    """Three actors that are pairwise tied; ``actors`` sorted as ``(x, y, z)``.

    ``ties`` are ``x-y``, ``x-z``, ``y-z`` in that order. ``weight`` is the
    geometric mean of the three tie weights, so it reads in tie-weight units
    and a triangle is only as strong as all three ties together.
    """

    actors: tuple[str, str, str]
    ties: tuple[Tie, Tie, Tie]
    weight: float

    @property
    def signs(self) -> tuple[int, int, int]:
        """The signs of ``x-y``, ``x-z``, ``y-z``."""
        return tuple(t.sign for t in self.ties)  # type: ignore[return-value]

    @property
    def pattern(self) -> str:
        """The signs as sorted text: ``"++-"`` (friends of a friend at odds) or ``"---"``."""
        return "".join(sorted("+" if s > 0 else "-" if s < 0 else "0" for s in self.signs))

    @property
    def odd(self) -> tuple[Tie, ...]:
        """The ties at odds with the other two: the hostile tie of ``++-``; all three of ``---``."""
        return tuple(t for t in self.ties if t.sign < 0) if self.pattern == "++-" else self.ties


class Contradictions(Sequence[Triangle]):
    """The unbalanced triangles of a snapshot, strongest first, each made a :class:`Triangle` when read.

    A dense snapshot holds millions of them; most callers read a few (a
    table) or only their actors (:meth:`actor_triples`), so the Triangle and
    Tie values are not built up front. Read-only; equal to any sequence of
    the same triangles.
    """

    def __init__(self, G: nx.Graph, unbalanced: Sequence[tuple[float, tuple[str, str, str]]]) -> None:
        self._graph = G
        self._items = tuple(unbalanced)
        self._ties: dict[tuple[str, str], Tie] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        weight, (x, y, z) = self._items[i]
        return Triangle((x, y, z), (self._tie(x, y), self._tie(x, z), self._tie(y, z)), weight)

    def _tie(self, u: str, v: str) -> Tie:
        if (u, v) not in self._ties:
            self._ties[u, v] = _tie(self._graph, u, v)
        return self._ties[u, v]

    def actor_triples(self) -> list[tuple[str, str, str]]:
        """The actors of each triangle, in order, without building the triangles."""
        return [actors for _, actors in self._items]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Contradictions):
            return self._items == other._items
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"<Contradictions: {len(self)} unbalanced triangles>"


def actor_triples(contradictions: Sequence[Triangle]) -> list[tuple[str, str, str]]:
    """The actors of each contradiction, fast for :class:`Contradictions`."""
    if isinstance(contradictions, Contradictions):
        return contradictions.actor_triples()
    return [t.actors for t in contradictions]


@dataclass(frozen=True)
class Balance:
    """Structural balance of a snapshot (Cartwright-Harary: a triangle is balanced when the product of its signs is +).

    ``triangles`` counts triangles whose three ties are all signed;
    ``all_negative`` of the unbalanced ones are three mutual adversaries,
    which the weaker (Davis) notion accepts as three blocs; ``ambiguous``
    triangles have a mixed tie and are left out of the shares.
    ``contradictions`` are the unbalanced triangles, strongest first.
    The shares are ``None`` when there is no signed triangle.
    """

    triangles: int
    balanced: int
    unbalanced: int
    all_negative: int
    ambiguous: int
    share: float | None
    weighted_share: float | None
    contradictions: Sequence[Triangle]

    @property
    def weak_share(self) -> float | None:
        """Share of triangles balanced in Davis' weak sense (``---`` counts as balanced)."""
        return (self.balanced + self.all_negative) / self.triangles if self.triangles else None


@dataclass(frozen=True)
class BlocPartition:
    """Actors split into blocs so that few hostile ties fall inside and few cooperative ties across.

    ``blocs[i]`` lists the members of bloc ``i`` (sorted). Blocs are numbered
    biggest first, equal sizes by their first member id. ``frustration`` is
    the summed weight of the ``frustrated`` ties (hostile inside a bloc,
    cooperative across blocs), strongest first. ``method`` is ``"exact"``
    when every group was solved by the exact search (no partition has less
    frustration), else ``"heuristic"``.
    """

    blocs: tuple[tuple[str, ...], ...]
    frustration: float
    frustrated: tuple[Tie, ...]
    signed_weight: float
    method: str

    @property
    def optimal(self) -> bool:
        """True when the frustration is proven minimal."""
        return self.method == "exact"

    @property
    def membership(self) -> dict[str, int]:
        """Actor id -> bloc number."""
        return {actor: i for i, members in enumerate(self.blocs) for actor in members}

    @property
    def relative_frustration(self) -> float:
        """Frustration as a share of the weight of all signed ties: 0 means perfectly split."""
        return self.frustration / self.signed_weight if self.signed_weight else 0.0


@dataclass(frozen=True)
class Broker:
    """An actor that holds the cooperative network together or bridges blocs.

    ``betweenness`` is the normalised weighted betweenness on the cooperative
    ties (distance = 1 / weight); ``partners`` are the actors of other blocs it
    cooperates with and the weights of those ties, strongest first, and
    ``cross_weight`` their sum.
    """

    actor: str
    bloc: int
    betweenness: float
    cross_weight: float
    partners: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyze_snapshot` finds in one snapshot."""

    date: date | None
    balance: Balance
    blocs: BlocPartition
    brokers: tuple[Broker, ...]
    #: sources used for betweenness; ``None`` when exact (every actor)
    betweenness_sources: int | None
    #: the name of each bloc of ``blocs.blocs`` (its strongest members); ``None`` for an unaligned actor
    bloc_names: tuple[str | None, ...] = ()

    @property
    def contradictions(self) -> tuple[Triangle, ...]:
        """The unbalanced triangles, strongest first."""
        return self.balance.contradictions


@dataclass(frozen=True)
class BlocMove:
    """An actor whose bloc changed between two dates.

    ``left`` are the other members of its bloc before, ``joined`` the other
    members of its bloc after (either may be empty: it stood alone). A bloc
    number is ``None`` where the snapshot gave the actor none (alone).
    """

    actor: str
    bloc_before: int | None
    bloc_after: int | None
    left: tuple[str, ...]
    joined: tuple[str, ...]


@dataclass(frozen=True)
class BalanceChange:
    """Balance at two dates, with the contradictions that arose and the ones that were resolved."""

    before: Balance
    after: Balance
    new: tuple[Triangle, ...]
    resolved: tuple[Triangle, ...]

    @property
    def share_change(self) -> float | None:
        """Change in the share of balanced triangles; ``None`` if either date has no signed triangle."""
        return _delta(self.before.share, self.after.share)

    @property
    def weighted_share_change(self) -> float | None:
        """Change in the weighted share of balanced triangles."""
        return _delta(self.before.weighted_share, self.after.weighted_share)


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


# --- reading a snapshot ---------------------------------------------------------


def _adjacency(G: nx.Graph) -> Adjacency:
    """``{u: {v: (sign, weight)}}``, after checking every tie (one pass, no copies of the data)."""
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise NetvizError(f"expected an undirected snapshot graph (networkx.Graph), not {type(G).__name__}")
    adj: Adjacency = {}
    for u, nbrs in G.adjacency():  # the inner dicts themselves, no view object per tie
        if type(u) is not str:
            raise NetvizError(f"actor ids must be strings, not {u!r}")
        row = adj[u] = {}
        for v, d in nbrs.items():
            if v == u:
                raise NetvizError(f"tie {u}-{v} links an actor to itself; snapshots have no self-ties")
            if v in adj:  # checked from v's side already
                row[v] = adj[v][u]
                continue
            w, s = d.get("weight"), d.get("sign")
            # exact type checks first: the abstract numbers.Real check is slow on 100,000 tie ends
            if not (type(w) is float or type(w) is int or _real(w)) or not 0 < w < math.inf:
                raise NetvizError(f"tie {u}-{v}: weight must be a positive number, not {w!r}")
            if (type(s) is not int or not -1 <= s <= 1) and not (_real(s) and s in (-1, 0, 1)):
                raise NetvizError(f"tie {u}-{v}: sign must be +1, -1 or 0, not {s!r}")
            row[v] = (int(s), float(w))
    return adj


def _real(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _tie(G: nx.Graph, u: str, v: str) -> Tie:
    a, b = (u, v) if u < v else (v, u)
    d = G.edges[a, b]
    return Tie(a, b, int(d["sign"]), float(d["weight"]), tuple(d.get("evidence", ())))


# --- balance ----------------------------------------------------------------------


def triangles(adj: Mapping[str, Mapping[str, object]]) -> Iterable[tuple[str, str, str]]:
    """Every triangle once, as sorted actor ids, in O(m^1.5) (the forward algorithm), in no particular order.

    Each tie is oriented from the lower to the higher (degree, id) rank; a
    triangle is then found once, at its lowest-ranked corner, by intersecting
    two out-neighbourhoods of at most sqrt(2m) actors each.

    >>> adj = {"A": {"B": 1, "C": 1}, "B": {"A": 1, "C": 1}, "C": {"A": 1, "B": 1, "D": 1}, "D": {"C": 1}}
    >>> sorted(triangles(adj))
    [('A', 'B', 'C')]
    """
    order = sorted(adj, key=lambda v: (len(adj[v]), v))
    rank = {v: i for i, v in enumerate(order)}
    out = {v: {u for u in adj[v] if rank[u] > rank[v]} for v in order}
    for v in order:
        higher = out[v]
        for u in higher:
            for w in higher & out[u]:
                yield tuple(sorted((v, u, w)))  # type: ignore[misc]


def structural_balance(G: nx.Graph) -> Balance:
    """How balanced a snapshot is, and its contradictions (unbalanced triangles).

    A triangle is balanced when the product of its three signs is positive:
    three allies, or two allies sharing an adversary. It is unbalanced when
    two allies of an actor are adversaries (``++-``) or when three actors are
    mutual adversaries (``---``). Triangles with a mixed tie are *ambiguous*.
    The weighted share weighs each triangle by the geometric mean of its tie
    weights.

    Parameters
    ----------
    G : a snapshot graph (edge ``weight`` and ``sign``).

    Returns
    -------
    Balance
        Counts, shares and the contradictions, strongest first (equal weights by actor ids).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> b = structural_balance(G)
    >>> b.triangles, b.balanced, b.share
    (1, 0, 0.0)
    >>> c = b.contradictions[0]
    >>> c.actors, c.signs, c.pattern
    (('TUR', 'USA', 'YPG'), (1, -1, 1), '++-')
    >>> [(t.a, t.b) for t in c.odd]
    [('TUR', 'YPG')]
    """
    return _balance(G, _adjacency(G))


#: Up to this many actors, balance runs over dense sign and weight arrays (n x n, 9 bytes a cell).
DENSE_BALANCE = 2500


def _balance(G: nx.Graph, adj: Adjacency) -> Balance:
    if 2 < len(adj) <= DENSE_BALANCE:
        return _balance_arrays(G, adj)
    return _balance_sets(G, adj)


def _balance_arrays(G: nx.Graph, adj: Adjacency) -> Balance:
    """:func:`structural_balance` over arrays: each triangle found once at its first actor (by id), in bulk.

    The graph becomes dense sign and weight matrices indexed by sorted actor
    id; for each actor, the ties among its later neighbours are read as one
    block, so a snapshot of 266 actors and 33,000 ties (2 million triangles)
    takes numpy operations per actor, not Python steps per triangle. Same
    counts, shares (``fsum``) and contradiction order as :func:`_balance_sets`.
    """
    nodes = sorted(adj)
    index = {u: i for i, u in enumerate(nodes)}
    n = len(nodes)
    S = np.zeros((n, n), dtype=np.int8)
    W = np.zeros((n, n))
    for u, nbrs in adj.items():
        i = index[u]
        for v, (s, w) in nbrs.items():
            S[i, index[v]] = s
            W[i, index[v]] = w
    E = W > 0
    counts = {"signed": 0, "balanced": 0, "all_negative": 0, "ambiguous": 0}
    weights, balanced_weights, found = [], [], []
    for i in range(n - 2):
        later = np.flatnonzero(E[i, i + 1:]) + i + 1
        if len(later) < 2:
            continue
        a, b = np.nonzero(np.triu(E[np.ix_(later, later)], 1))
        y, z = later[a], later[b]
        s1, s2, s3 = S[i, y].astype(np.int64), S[i, z].astype(np.int64), S[y, z].astype(np.int64)
        product = s1 * s2 * s3
        known = product != 0
        counts["ambiguous"] += int((~known).sum())
        y, z, s1, s2, s3, product = y[known], z[known], s1[known], s2[known], s3[known], product[known]
        # Python's pow, not numpy's: the same last bit as the triangle-by-triangle count
        weight = np.array([p ** (1 / 3) for p in (W[i, y] * W[i, z] * W[y, z]).tolist()])
        counts["signed"] += len(y)
        good = product > 0
        counts["balanced"] += int(good.sum())
        counts["all_negative"] += int(((s1 + s2 + s3) == -3).sum())
        weights.append(weight)
        balanced_weights.append(weight[good])
        found.append((weight[~good], np.full((~good).sum(), i), y[~good], z[~good]))
    if found:
        w_bad = np.concatenate([f[0] for f in found])
        x_bad, y_bad, z_bad = (np.concatenate([f[k] for f in found]) for k in (1, 2, 3))
        order = np.lexsort((z_bad, y_bad, x_bad, -w_bad))  # strongest first, then by actor ids
        unbalanced = [(float(w_bad[k]), (nodes[x_bad[k]], nodes[y_bad[k]], nodes[z_bad[k]])) for k in order]
    else:
        unbalanced = []
    signed = counts["signed"]
    total = math.fsum(np.concatenate(weights)) if weights else 0.0
    good_total = math.fsum(np.concatenate(balanced_weights)) if balanced_weights else 0.0
    return _balance_record(G, signed, counts["balanced"], counts["all_negative"], counts["ambiguous"], unbalanced,
                           good_total / total if signed else None)


def _balance_record(G: nx.Graph, signed: int, balanced: int, all_negative: int, ambiguous: int,
                    unbalanced: list[tuple[float, tuple[str, str, str]]], weighted_share: float | None) -> Balance:
    """The :class:`Balance` of the counts and the unbalanced triangles (sorted strongest first)."""
    contradictions = Contradictions(G, unbalanced)
    return Balance(
        triangles=signed,
        balanced=balanced,
        unbalanced=len(unbalanced),
        all_negative=all_negative,
        ambiguous=ambiguous,
        share=balanced / signed if signed else None,
        weighted_share=weighted_share,
        contradictions=contradictions,
    )


def _balance_sets(G: nx.Graph, adj: Adjacency) -> Balance:
    signed = balanced = all_negative = ambiguous = 0
    # triangles come in set order: fsum makes the weighted share independent of it
    weights: list[float] = []
    balanced_weights: list[float] = []
    unbalanced: list[tuple[float, tuple[str, str, str]]] = []
    for x, y, z in triangles(adj):
        (s1, w1), (s2, w2), (s3, w3) = adj[x][y], adj[x][z], adj[y][z]
        if s1 == 0 or s2 == 0 or s3 == 0:
            ambiguous += 1
            continue
        signed += 1
        weight = (w1 * w2 * w3) ** (1 / 3)
        weights.append(weight)
        if s1 * s2 * s3 > 0:
            balanced += 1
            balanced_weights.append(weight)
        else:
            all_negative += s1 + s2 + s3 == -3
            unbalanced.append((weight, (x, y, z)))
    unbalanced.sort(key=lambda item: (-item[0], item[1]))
    weighted = math.fsum(balanced_weights) / math.fsum(weights) if signed else None
    return _balance_record(G, signed, balanced, all_negative, ambiguous, unbalanced, weighted)


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


# --- the whole analysis -------------------------------------------------------------


def analyze_snapshot(
    G: nx.Graph, *, method: str | None = None, max_blocs: int | None = None, seed: int = 0
) -> Analysis:
    """Balance, blocs, contradictions and brokers of one snapshot.

    Parameters
    ----------
    G : a snapshot graph.
    method, max_blocs, seed : passed to :func:`find_blocs` (``seed`` also samples betweenness sources).
        With ``method=None`` (the default) the blocs are the ones the snapshot's actors
        carry (``bloc``, as the maps show them, with ``G.graph["bloc_names"]``), or the
        camps (``method="camps"``) when it carries none.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(date=date(2019, 10, 9))
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> a = analyze_snapshot(G)
    >>> [c.actors for c in a.contradictions], a.blocs.frustration, a.bloc_names
    ([('TUR', 'USA', 'YPG')], 6.0, ('TUR, USA', None))
    """
    from netviz.graph.blocs import bloc_title, name_blocs, snapshot_blocs

    adj = _adjacency(G)
    balance = _balance(G, adj)
    given = snapshot_blocs(G) if method is None and max_blocs is None else None
    label = {n: str(d.get("label", n)) for n, d in G.nodes(data=True)}
    if given is not None:
        groups: dict[object, list[str]] = defaultdict(list)
        for actor in sorted(given):
            groups[("alone", actor) if given[actor] is None else given[actor]].append(actor)
        partition = _partition(G, adj, groups.values(), "camps")
        known = G.graph.get("bloc_names") or {}
        names = tuple(None if given[m[0]] is None or len(m) < 2 else
                      known.get(given[m[0]]) or bloc_title(name_blocs({a: 0 for a in m}, _strengths(G))[0], label)
                      for m in partition.blocs)
    else:
        partition = _find_blocs(G, adj, method or "camps", max_blocs, seed)
        strength = _strengths(G)
        names = tuple(bloc_title(name_blocs({a: 0 for a in m}, strength)[0], label) if len(m) > 1 else None
                      for m in partition.blocs)
    found, k = _brokers(adj, partition, None, seed)
    return Analysis(G.graph.get("date"), balance, partition, found, k, names)


def _strengths(G: nx.Graph) -> dict[str, float]:
    """Each actor's ``strength`` (its summed tie weight when the graph has none)."""
    return {n: float(d["strength"]) if _real(d.get("strength")) else float(sum(w for *_, w in G.edges(n, data="weight")))
            for n, d in G.nodes(data=True)}


# --- change between two dates ---------------------------------------------------------


def bloc_changes(before: Mapping[str, int | None], after: Mapping[str, int | None]) -> tuple[BlocMove, ...]:
    """Actors (present at both dates) whose bloc changed.

    Bloc numbers are not comparable across dates, so blocs are first
    matched: greedily, the pair of blocs sharing most actors first (equal
    overlaps by their member lists). An actor moved when its bloc after is
    not the match of its bloc before. The matching is symmetric, so
    swapping the dates swaps ``left`` and ``joined`` and nothing else.

    Parameters
    ----------
    before, after : actor id -> bloc number (``BlocPartition.membership`` or the
        nodes' ``bloc``); ``None`` means the actor is alone.

    Examples
    --------
    >>> before = {"USA": 0, "GBR": 0, "TUR": 0, "RUS": 1, "IRN": 1}
    >>> after = {"USA": 1, "GBR": 1, "TUR": 0, "RUS": 0, "IRN": 0}
    >>> [(m.actor, m.left, m.joined) for m in bloc_changes(before, after)]
    [('TUR', ('GBR', 'USA'), ('IRN', 'RUS'))]
    """
    common = sorted(set(before) & set(after))
    # an actor without a bloc is a bloc of its own
    bloc_a = {x: ("alone", x) if b is None else b for x, b in before.items()}
    bloc_b = {x: ("alone", x) if b is None else b for x, b in after.items()}
    members_a = _members_of(bloc_a)
    members_b = _members_of(bloc_b)
    overlap = Counter((bloc_a[x], bloc_b[x]) for x in common)

    def key(pair: tuple[int, int]) -> tuple:
        p, q = pair
        return (-overlap[pair], sorted([members_a[p], members_b[q]]))

    match: dict[int, int] = {}
    taken: set[int] = set()
    for p, q in sorted(overlap, key=key):
        if p not in match and q not in taken:
            match[p] = q
            taken.add(q)
    return tuple(
        BlocMove(
            actor=x,
            bloc_before=before[x],
            bloc_after=after[x],
            left=_without(members_a[bloc_a[x]], x),
            joined=_without(members_b[bloc_b[x]], x),
        )
        for x in common
        if match.get(bloc_a[x]) != bloc_b[x]
    )


def _members_of(membership: Mapping[str, Hashable]) -> dict[Hashable, tuple[str, ...]]:
    """Bloc -> its members, sorted."""
    members: dict[Hashable, list[str]] = defaultdict(list)
    for actor in sorted(membership):
        members[membership[actor]].append(actor)
    return {bloc: tuple(m) for bloc, m in members.items()}


def _without(members: tuple[str, ...], actor: str) -> tuple[str, ...]:
    """``members`` (sorted) less ``actor``, by slicing: blocs can hold thousands."""
    i = bisect.bisect_left(members, actor)
    return members[:i] + members[i + 1:]


def balance_change(before: Balance, after: Balance) -> BalanceChange:
    """Compare the balance of two dates: share change, new and resolved contradictions.

    A contradiction is the same when it joins the same three actors.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=1)
    >>> H = G.copy()
    >>> H.edges["TUR", "YPG"]["sign"] = -1
    >>> change = balance_change(structural_balance(G), structural_balance(H))
    >>> change.share_change, [t.actors for t in change.new], change.resolved
    (-1.0, [('TUR', 'USA', 'YPG')], ())
    """
    had, has = actor_triples(before.contradictions), actor_triples(after.contradictions)
    old, now = set(had), set(has)
    return BalanceChange(
        before=before,
        after=after,
        new=tuple(after.contradictions[i] for i, t in enumerate(has) if t not in old),
        resolved=tuple(before.contradictions[i] for i, t in enumerate(had) if t not in now),
    )


# --- records and tables ------------------------------------------------------------------


def _num(x: float | None) -> float | None:
    """Numbers in records: 6 decimals, so float noise never shows as a change."""
    return None if x is None else round(float(x), 6)


def tie_record(tie: Tie, *, max_evidence: int | None = None) -> dict:
    """The record of a tie: ``source``, ``target``, ``sign``, ``weight``, ``evidence`` (relation records).

    >>> tie_record(Tie("TUR", "YPG", -1, 9.0))
    {'source': 'TUR', 'target': 'YPG', 'sign': -1, 'weight': 9.0, 'evidence_count': 0, 'evidence': []}
    """
    shown = tie.evidence if max_evidence is None else tie.evidence[:max_evidence]
    return {
        "source": tie.a,
        "target": tie.b,
        "sign": tie.sign,
        "weight": _num(tie.weight),
        "evidence_count": len(tie.evidence),
        "evidence": [relation_record(r) for r in shown],
    }


def contradiction_record(triangle: Triangle, *, max_evidence: int | None = None) -> dict:
    """The record of an unbalanced triangle: its actors, signs, pattern, weight and ties.

    >>> t = Triangle(("TUR", "USA", "YPG"), (Tie("TUR", "USA", 1, 8.0), Tie("TUR", "YPG", -1, 9.0), Tie("USA", "YPG", 1, 6.0)), 7.56)
    >>> r = contradiction_record(t)
    >>> r["actors"], r["signs"], r["pattern"], r["odd"]
    (['TUR', 'USA', 'YPG'], [1, -1, 1], '++-', [['TUR', 'YPG']])
    """
    return {
        "actors": list(triangle.actors),
        "signs": list(triangle.signs),
        "pattern": triangle.pattern,
        "weight": _num(triangle.weight),
        "odd": [[t.a, t.b] for t in triangle.odd],
        "ties": [tie_record(t, max_evidence=max_evidence) for t in triangle.ties],
    }


def balance_record(balance: Balance) -> dict:
    """The summary record of a :class:`Balance` (without the contradictions).

    >>> G = nx.Graph()
    >>> G.add_edge("USA", "ISIS", weight=5.0, sign=-1)
    >>> G.add_edge("SYR", "ISIS", weight=5.0, sign=-1)
    >>> G.add_edge("USA", "SYR", weight=5.0, sign=-1)
    >>> rec = balance_record(structural_balance(G))
    >>> rec["triangles"], rec["unbalanced"], rec["all_negative"], rec["share"], rec["weak_share"]
    (1, 1, 1, 0.0, 1.0)
    """
    return {
        "triangles": balance.triangles,
        "balanced": balance.balanced,
        "unbalanced": balance.unbalanced,
        "all_negative": balance.all_negative,
        "ambiguous": balance.ambiguous,
        "share": _num(balance.share),
        "weighted_share": _num(balance.weighted_share),
        "weak_share": _num(balance.weak_share),
    }


def bloc_move_record(move: BlocMove) -> dict:
    """The record of a :class:`BlocMove`.

    >>> bloc_move_record(BlocMove("TUR", 0, 1, ("USA",), ("RUS",)))
    {'actor': 'TUR', 'bloc_before': 0, 'bloc_after': 1, 'left': ['USA'], 'joined': ['RUS']}
    """
    return {
        "actor": move.actor,
        "bloc_before": move.bloc_before,
        "bloc_after": move.bloc_after,
        "left": list(move.left),
        "joined": list(move.joined),
    }


def balance_change_record(change: BalanceChange, *, max_evidence: int | None = None) -> dict:
    """The record of a :class:`BalanceChange`; ``max_evidence`` caps each tie's relation records.

    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> H = G.copy()
    >>> H.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> rec = balance_change_record(balance_change(structural_balance(G), structural_balance(H)))
    >>> rec["share_change"], [c["actors"] for c in rec["new_contradictions"]]
    (None, [['TUR', 'USA', 'YPG']])
    """
    return {
        "before": balance_record(change.before),
        "after": balance_record(change.after),
        "share_change": _num(change.share_change),
        "weighted_share_change": _num(change.weighted_share_change),
        "new_contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in change.new],
        "resolved_contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in change.resolved],
    }


def analysis_record(analysis: Analysis, *, max_evidence: int | None = None) -> dict:
    """The JSON record of an analysis (schema ``netviz.graph.analysis/1``, see ``docs/compare-json.md``).

    Parameters
    ----------
    analysis : from :func:`analyze_snapshot`.
    max_evidence : at most this many relation records per tie (``None``: all).

    Examples
    --------
    >>> import networkx as nx, json
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> rec = analysis_record(analyze_snapshot(G))
    >>> sorted(rec)
    ['balance', 'betweenness_sources', 'blocs', 'brokers', 'contradictions', 'date', 'schema']
    >>> rec["contradictions"][0]["actors"], rec["contradictions"][0]["signs"]
    (['TUR', 'USA', 'YPG'], [1, -1, 1])
    >>> _ = json.dumps(rec)
    """
    p = analysis.blocs
    return {
        "schema": ANALYSIS_SCHEMA,
        "date": analysis.date.isoformat() if analysis.date else None,
        "balance": balance_record(analysis.balance),
        "blocs": {
            "method": p.method,
            "frustration": _num(p.frustration),
            "relative_frustration": _num(p.relative_frustration),
            "blocs": [{"bloc": i, "name": analysis.bloc_names[i] if analysis.bloc_names else None, "members": list(m)}
                      for i, m in enumerate(p.blocs)],
            "frustrated": [tie_record(t, max_evidence=max_evidence) for t in p.frustrated],
        },
        "contradictions": [contradiction_record(t, max_evidence=max_evidence) for t in analysis.contradictions],
        "brokers": [
            {
                "actor": b.actor,
                "bloc": b.bloc,
                "betweenness": _num(b.betweenness),
                "cross_weight": _num(b.cross_weight),
                "partners": [{"actor": v, "weight": _num(w)} for v, w in b.partners],
            }
            for b in analysis.brokers
        ],
        "betweenness_sources": analysis.betweenness_sources,
    }


SIGN_MARK = {1: "+", -1: "-", 0: "~"}


def describe_triangle(triangle: Triangle) -> str:
    """One line: the odd ties against the others, ``TUR-YPG - against TUR-USA +, USA-YPG +``.

    >>> t = Triangle(("TUR", "USA", "YPG"), (Tie("TUR", "USA", 1, 8.0), Tie("TUR", "YPG", -1, 9.0), Tie("USA", "YPG", 1, 6.0)), 7.56)
    >>> describe_triangle(t)
    'TUR-YPG - against TUR-USA +, USA-YPG +'
    >>> t = Triangle(("A", "B", "C"), (Tie("A", "B", -1, 1.0), Tie("A", "C", -1, 1.0), Tie("B", "C", -1, 1.0)), 1.0)
    >>> describe_triangle(t)
    'A-B -, A-C -, B-C - (three mutual adversaries)'
    """
    def show(ts: Iterable[Tie]) -> str:
        return ", ".join(f"{t.a}-{t.b} {SIGN_MARK[t.sign]}" for t in ts)

    if triangle.pattern == "++-":
        odd = triangle.odd
        return f"{show(odd)} against {show(t for t in triangle.ties if t not in odd)}"
    return f"{show(triangle.ties)} (three mutual adversaries)"


def format_analysis_table(analysis: Analysis, *, limit: int | None = 10) -> str:
    """Plain text for the terminal: balance, blocs, contradictions and brokers (``limit`` rows each).

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> print(format_analysis_table(analyze_snapshot(G)))  # doctest: +NORMALIZE_WHITESPACE
    Balance: 0 of 1 signed triangles balanced (0.0%; weighted 0.0%)
    <BLANKLINE>
    Blocs (camps: the fewest blocs past which frustration stops falling): frustration 6.00 (26.1% of signed tie weight), 1 tie against the blocs
    bloc  size  name       members
    ----  ----  ---------  --------
       0     2  TUR, USA   TUR, USA
       -     1  unaligned  YPG
    <BLANKLINE>
    Contradictions (1, strongest first)
    weight  triangle
    ------  --------------------------------------
      7.56  TUR-YPG - against TUR-USA +, USA-YPG +
    <BLANKLINE>
    Brokers
    actor  bloc  betweenness  cross-bloc cooperation
    -----  ----  -----------  ----------------------
    USA       0         1.00  YPG (6.0)
    YPG       1         0.00  USA (6.0)
    """
    def cut(items: tuple) -> tuple:
        return items if limit is None else items[:limit]

    def more(items: tuple) -> list[str]:
        return [f"... and {len(items) - limit} more"] if limit is not None and len(items) > limit else []

    b = analysis.balance
    lines = []
    if b.triangles:
        lines.append(
            f"Balance: {b.balanced} of {b.triangles} signed triangles balanced "
            f"({b.share:.1%}; weighted {b.weighted_share:.1%})"
            + (f"; {b.all_negative} of the unbalanced are three mutual adversaries" if b.all_negative else "")
        )
    else:
        lines.append("Balance: no triangle of signed ties")
    if b.ambiguous:
        lines.append(f"{b.ambiguous} triangles with a mixed tie left out")
    p = analysis.blocs
    proof = ("camps: the fewest blocs past which frustration stops falling" if p.method == "camps"
             else "exact search: optimal" if p.optimal else "heuristic search: not proven optimal")
    n_frustrated = len(p.frustrated)
    # actors alone are one "unaligned" row, as the maps and exports show them, not blocs of one
    aligned = tuple((i, m) for i, m in enumerate(p.blocs) if _bloc_name(analysis, i) != "unaligned")
    alone = tuple(sorted(a for i, m in enumerate(p.blocs) if _bloc_name(analysis, i) == "unaligned" for a in m))
    lines += [
        "",
        f"Blocs ({proof}): frustration {p.frustration:.2f} "
        f"({p.relative_frustration:.1%} of signed tie weight), {n_frustrated} tie{'s' * (n_frustrated != 1)} against the blocs",
        format_table(["bloc", "size", "name", "members"],
                     [[i, len(m), _bloc_name(analysis, i), _members(m)] for i, m in cut(aligned)]
                     + ([["-", len(alone), "unaligned", _members(alone)]] if alone else [])),
        *more(aligned),
    ]
    if analysis.contradictions:
        lines += [
            "",
            f"Contradictions ({len(analysis.contradictions)}, strongest first)",
            format_table(["weight", "triangle"], [[t.weight, describe_triangle(t)] for t in cut(analysis.contradictions)]),
            *more(analysis.contradictions),
        ]
    if analysis.brokers:
        sampled = f" (betweenness estimated from {analysis.betweenness_sources} sources)" if analysis.betweenness_sources else ""
        lines += [
            "",
            f"Brokers{sampled}",
            format_table(
                ["actor", "bloc", "betweenness", "cross-bloc cooperation"],
                [
                    [k.actor, k.bloc, k.betweenness, _members(tuple(f"{v} ({w:.1f})" for v, w in k.partners))]
                    for k in cut(analysis.brokers)
                ],
            ),
            *more(analysis.brokers),
        ]
    return "\n".join(lines)


def _bloc_name(analysis: Analysis, i: int) -> str:
    name = analysis.bloc_names[i] if i < len(analysis.bloc_names) else None
    return name or ("unaligned" if len(analysis.blocs.blocs[i]) == 1 else "")


def _members(names: tuple[str, ...], shown: int = 12) -> str:
    text = ", ".join(names[:shown])
    return text + (f", ... (+{len(names) - shown})" if len(names) > shown else "")


# The bloc search (netviz.graph.blocsearch) and steady numbering and names across dates
# (netviz.graph.blocs) build on the values above: imported last, and re-exported here.
from netviz.graph.blocsearch import (  # noqa: E402,F401
    AUTO_STEPS,
    EXACT_LIMIT,
    EXACT_MAX,
    EXACT_STEPS,
    METHODS,
    _find_blocs,
    _kmeans,
    _partition,
    assign_blocs,
    bloc_lists,
    find_blocs,
    single_blas_thread,
)
from netviz.graph.blocs import assign_steady_blocs, steady_blocs  # noqa: E402,F401
