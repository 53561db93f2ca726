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
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra
from scipy.sparse.linalg import ArpackNoConvergence, eigsh
from threadpoolctl import threadpool_limits

from netviz.errors import NetvizError
from netviz.model import Relation, relation_record
from netviz.table import format_table

#: ``method="auto"`` always searches exactly in groups of up to this many aligned actors.
EXACT_LIMIT = 20
#: No exact search beyond this many actors per group: its bookkeeping alone grows as the square.
EXACT_MAX = 60
#: Search steps ``auto`` allows the exact search on groups above ``EXACT_LIMIT`` before
#: settling for the heuristic (a count, not a time, so the result never depends on the machine).
AUTO_STEPS = 50_000
#: Search steps ``method="exact"`` allows before it gives up with an error.
EXACT_STEPS = 5_000_000
#: Above this many actors with a cooperative tie, betweenness is estimated from this many sources.
BETWEENNESS_SOURCES = 500

METHODS = ("camps", "auto", "exact", "heuristic")
ANALYSIS_SCHEMA = "netviz.graph.analysis/1"

Adjacency = dict[str, dict[str, tuple[int, float]]]


def single_blas_thread() -> threadpool_limits:
    """One BLAS thread for the small dense eigenproblems of bloc finding.

    On a shared 2-core machine ``numpy.linalg.eigh`` of a 266 x 266 matrix ran
    18-23x slower with OpenBLAS's default threads than with one (see
    ``bench/bench_blocs.py``): at this size threads cost more than they bring.
    """
    return threadpool_limits(limits=1, user_api="blas")


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


# --- blocs ------------------------------------------------------------------------


def find_blocs(
    G: nx.Graph, *, method: str = "auto", max_blocs: int | None = None, seed: int = 0
) -> BlocPartition:
    """Split the actors into blocs with the least frustration.

    Frustration is the weight of the hostile ties inside blocs plus the
    weight of the cooperative ties across blocs (mixed ties cost nothing).
    The number of blocs is free unless ``max_blocs`` caps it.

    Rules that make the answer well defined:

    - Unaligned actors (no cooperative or hostile tie) form a bloc each.
    - Without ``max_blocs``, each group of actors connected by signed ties is
      solved on its own, and a bloc is then split into the pieces its
      cooperative ties hold together (this never adds frustration): a bloc
      is always a set of actors joined by cooperation. With ``max_blocs``
      the aligned actors are split into at most that many blocs as a whole
      (unrelated actors may then share a bloc).
    - Blocs are numbered biggest first, equal sizes by first member id, so
      the same partition always gets the same numbers.

    Parameters
    ----------
    G : a snapshot graph (edge ``weight`` and ``sign``).
    method : ``"exact"`` proves optimality by branch and bound (Russian doll
        search; up to ``EXACT_MAX`` actors per group, and an error if it needs
        more than ``EXACT_STEPS`` steps), ``"heuristic"`` starts from the
        eigenvectors of the signed Laplacian and improves by local moves,
        merges and seeded perturbations, ``"auto"`` is exact for groups up to
        ``EXACT_LIMIT`` actors, tries exact within ``AUTO_STEPS`` steps up to
        ``EXACT_MAX`` and is heuristic beyond.
    max_blocs : at most this many blocs of aligned actors, or ``None`` for no cap.
    seed : seeds the heuristic; the same graph and seed give the same blocs.

    Returns
    -------
    BlocPartition

    Examples
    --------
    Two hostile camps:

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for a, b, s in [("USA", "GBR", 1), ("RUS", "SYR", 1), ("USA", "RUS", -1), ("GBR", "SYR", -1)]:
    ...     G.add_edge(a, b, weight=5.0, sign=s)
    >>> p = find_blocs(G)
    >>> p.blocs, p.frustration, p.optimal
    ((('GBR', 'USA'), ('RUS', 'SYR')), 0.0, True)
    """
    return _find_blocs(G, _adjacency(G), method, max_blocs, seed)


def _find_blocs(G: nx.Graph, adj: Adjacency, method: str, max_blocs: int | None, seed: int) -> BlocPartition:
    if method not in METHODS:
        raise NetvizError(f"bloc method {method!r} is not one of {', '.join(METHODS)}")
    if max_blocs is not None and (isinstance(max_blocs, bool) or not isinstance(max_blocs, int) or max_blocs < 1):
        raise NetvizError(f"max_blocs must be a whole number of at least 1, not {max_blocs!r}")
    signed = {u: {v: s * w for v, (s, w) in nbrs.items() if s} for u, nbrs in adj.items()}
    blocs, optimal = bloc_lists(signed, method, max_blocs, seed)
    return _partition(G, adj, blocs, "camps" if method == "camps" else "exact" if optimal else "heuristic")


def _partition(G: nx.Graph, adj: Adjacency, blocs: Iterable[Iterable[str]], method: str) -> BlocPartition:
    """The record of ``blocs`` (every actor of ``adj`` in one): numbered biggest first, with their frustration."""
    ordered = tuple(sorted((tuple(sorted(b)) for b in blocs), key=lambda b: (-len(b), b[0])))
    membership = {u: i for i, b in enumerate(ordered) for u in b}
    frustrated = []
    signed_weights = []
    for u in adj:
        for v, (s, w) in adj[u].items():
            if u < v and s:
                signed_weights.append(w)
                if (s > 0) != (membership[u] == membership[v]):
                    frustrated.append(_tie(G, u, v))
    frustrated.sort(key=lambda t: (-t.weight, t.a, t.b))
    return BlocPartition(
        blocs=ordered,
        frustration=math.fsum(t.weight for t in frustrated),
        frustrated=tuple(frustrated),
        signed_weight=math.fsum(signed_weights),  # fsum: the same total whatever order the ties came in
        method=method,
    )


def bloc_lists(signed: Mapping[str, Mapping[str, float]], method: str = "camps", max_blocs: int | None = None,
               seed: int = 0) -> tuple[list[list[str]], bool]:
    """The blocs of the actors of ``signed`` (``{u: {v: sign x weight}}``, mixed ties left out), and whether optimal.

    The search of :func:`find_blocs` without the record: every actor of
    ``signed`` is in exactly one list; unaligned actors are alone.
    """
    aligned = sorted(u for u, nbrs in signed.items() if nbrs)
    groups = [aligned] if max_blocs is not None else _components(signed, aligned)
    blocs: list[list[str]] = [[u] for u in sorted(set(signed) - set(aligned))]
    optimal = True
    for group in groups:
        if not group:
            continue
        k = min(max_blocs or len(group), len(group))
        labels = None
        if method == "exact":
            if len(group) > EXACT_MAX:
                raise NetvizError(
                    f"exact bloc search handles up to {EXACT_MAX} connected actors, this group has {len(group)} "
                    f"({', '.join(group[:3])}, ...); use method 'auto' or 'heuristic'"
                )
            labels = _exact(group, signed, k, EXACT_STEPS)
            if labels is None:
                raise NetvizError(
                    f"exact bloc search gave up after {EXACT_STEPS:,} steps on {len(group)} connected actors "
                    f"({', '.join(group[:3])}, ...); use method 'auto' or 'heuristic'"
                )
        elif method == "camps":
            labels, solved = _camps(group, signed, k, seed)
            labels = _unaligned(labels, group, signed)
            optimal = optimal and solved
        elif method == "auto" and len(group) <= EXACT_MAX:
            labels = _exact(group, signed, k, None if len(group) <= EXACT_LIMIT else AUTO_STEPS)
        if labels is None:
            labels = _heuristic(group, signed, k, seed)
            optimal = False
        found: dict[int, list[str]] = defaultdict(list)
        for u, c in zip(group, labels):
            found[c].append(u)
        split = max_blocs is None and method != "camps"
        blocs.extend(_cooperative_pieces(found.values(), signed) if split else found.values())
    return blocs, optimal


def _components(signed: Mapping[str, Mapping[str, float]], nodes: list[str]) -> list[list[str]]:
    """Connected groups of ``nodes`` over ``signed`` ties, each sorted, in order of first member."""
    seen: set[str] = set()
    groups = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        group, stack = [], [start]
        while stack:
            u = stack.pop()
            group.append(u)
            for v in signed[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        groups.append(sorted(group))
    return groups


def _cooperative_pieces(blocs: Iterable[list[str]], signed: Mapping[str, Mapping[str, float]]) -> list[list[str]]:
    """Each bloc split into the pieces connected by cooperative ties inside it."""
    pieces = []
    for bloc in blocs:
        members = set(bloc)
        coop = {u: {v: w for v, w in signed[u].items() if w > 0 and v in members} for u in bloc}
        pieces.extend(_components(coop, sorted(bloc)))
    return pieces


class _GaveUp(Exception):
    """The exact search ran out of steps."""


def _exact(nodes: list[str], signed: Mapping[str, Mapping[str, float]], kmax: int, steps: int | None) -> list[int] | None:
    """An optimal bloc label per node, by branch and bound with Russian doll search; ``None`` after ``steps`` steps.

    Nodes are placed strongest first, each into an existing bloc or (while
    fewer than ``kmax``) a new one, so no partition is visited twice. The
    bound adds, for every node still to place, the least it must cost
    against the nodes already placed, to the optimum of the subproblem on
    the remaining nodes, which the Russian doll search has already solved
    (it solves the suffixes from the last node back to the first).
    """
    order = sorted(nodes, key=lambda u: (-sum(abs(w) for w in signed[u].values()), u))
    n = len(order)
    pos = {u: i for i, u in enumerate(order)}
    # neighbours of i placed after i, with signed weights
    later = [[(pos[v], w) for v, w in signed[u].items() if v in pos and pos[v] > i] for i, u in enumerate(order)]
    eps = 1e-9 * (1.0 + sum(abs(w) for row in later for _, w in row))
    suffix = [0.0] * (n + 1)  # suffix[t]: optimum on order[t:]
    best_labels: list[int] = []  # optimal labels of order[t+1:]
    left = [math.inf if steps is None else steps]
    for start in range(n - 1, -1, -1):
        # A feasible start: the previous optimum plus ``start`` in its best bloc.
        used = max(best_labels, default=-1) + 1
        pull = [0.0] * (used + 1)
        positive = 0.0
        for v, w in later[start]:
            pull[best_labels[v - start - 1]] += w
            positive += max(w, 0.0)
        choices = range(used + 1) if used < kmax else range(used)
        first = max(choices, key=lambda c: (pull[c], -c))
        incumbent = [first] + best_labels
        best = [suffix[start + 1] + positive - pull[first], incumbent]
        # S[u][c]: signed weight from u to placed nodes of bloc c; P[u]: cooperative weight to placed nodes
        S = [[0.0] * kmax for _ in range(n)]
        P = [0.0] * n
        labels = [0] * n

        def search(t: int, blocs: int, cost: float) -> None:
            left[0] -= 1
            if left[0] < 0:
                raise _GaveUp
            if t == n:
                if cost < best[0] - eps:
                    best[0], best[1] = cost, labels[start:]
                return
            bound = cost + suffix[t]
            for u in range(t, n):
                pull_u = max(S[u][:blocs]) if blocs else -math.inf
                if blocs < kmax:
                    pull_u = max(pull_u, 0.0)
                bound += P[u] - pull_u
            if bound >= best[0] - eps:
                return
            row = S[t]
            for c in sorted(range(min(blocs + 1, kmax)), key=lambda c: (-row[c], c)):
                labels[t] = c
                for v, w in later[t]:
                    S[v][c] += w
                    if w > 0:
                        P[v] += w
                search(t + 1, blocs + (c == blocs), cost + P[t] - row[c])
                for v, w in later[t]:
                    S[v][c] -= w
                    if w > 0:
                        P[v] -= w

        try:
            search(start, 0, 0.0)
        except _GaveUp:
            return None
        suffix[start], best_labels = best[0], best[1]
    return [best_labels[pos[u]] for u in nodes]


def _heuristic(nodes: list[str], signed: Mapping[str, Mapping[str, float]], kmax: int, seed: int) -> list[int]:
    """Good bloc labels for a large group: spectral starts, local search, seeded perturbation."""
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    nbrs = [[(index[v], w) for v, w in sorted(signed[u].items()) if v in index] for u in nodes]
    pairs = [(i, j, w) for i, row in enumerate(nbrs) for j, w in row if i < j]
    edges = (
        np.array([i for i, _, _ in pairs], dtype=np.int64),
        np.array([j for _, j, _ in pairs], dtype=np.int64),
        np.array([w for _, _, w in pairs], dtype=float),
    )
    eps = 1e-9 * (1.0 + float(np.abs(edges[2]).sum()))
    rng = random.Random(seed)
    starts = _spectral_starts(n, edges, kmax, seed)
    if kmax >= n:  # agglomerative start: everyone alone, merged by the local search
        starts.append(list(range(n)))
    best_cost, best = math.inf, list(range(n))
    for labels in starts:
        search = _LocalSearch(nbrs, edges, labels, kmax, eps)
        search.run(range(n))
        if search.cost < best_cost - eps:
            best_cost, best = search.cost, search.labels[:]
    # Iterated local search: shake a few actors, settle, keep only improvements.
    rounds = max(20, min(200, 200_000 // (n + 2 * len(pairs))))
    shake = max(2, min(n // 10, 25))
    search = _LocalSearch(nbrs, edges, best, kmax, eps)
    saved = search.state()
    for _ in range(rounds):
        moved = rng.sample(range(n), min(n, rng.randint(1, shake)))
        for i in moved:
            options = search.bloc_ids() + [-1] * search.can_open()
            choice = rng.choice(options)
            search.move(i, search.fresh() if choice == -1 else choice)
        # neighbours settle first: the shaken actors would otherwise just move back
        search.run([j for i in moved for j, _ in nbrs[i]] + moved)
        if search.cost < best_cost - eps:
            best_cost, best = search.cost, search.labels[:]
            saved = search.state()
        else:
            search.restore(saved)
    return best


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


class _LocalSearch:
    """Labels plus incremental frustration; moves actors and merges blocs while that lowers frustration.

    The cost of actor i in bloc c is its cooperative weight minus its signed
    weight into c, so the best bloc maximises that signed pull (a bloc
    holding none of its neighbours pulls 0). ``edges`` holds each tie once
    as arrays ``(i, j, signed weight)`` for the whole-graph steps.
    """

    def __init__(self, nbrs: list[list[tuple[int, float]]], edges: Edges, labels: list[int], kmax: int, eps: float) -> None:
        self.nbrs, self.edges, self.kmax, self.eps = nbrs, edges, kmax, eps
        self.labels = list(labels)
        self.size = Counter(self.labels)
        self.next = max(self.labels, default=-1) + 1
        lab = np.asarray(self.labels)
        i, j, w = edges
        same = lab[i] == lab[j]
        self.cost = float(w[(w > 0) & ~same].sum() - w[(w < 0) & same].sum())

    def state(self) -> tuple:
        """A copy of labels, sizes, cost and next label, for :meth:`restore`."""
        return self.labels[:], Counter(self.size), self.cost, self.next

    def restore(self, state: tuple) -> None:
        labels, size, self.cost, self.next = state
        self.labels, self.size = labels[:], Counter(size)

    def bloc_ids(self) -> list[int]:
        return sorted(self.size)

    def can_open(self) -> bool:
        return len(self.size) < self.kmax

    def fresh(self) -> int:
        self.next += 1
        return self.next - 1

    def pulls(self, i: int) -> dict[int, float]:
        pull: dict[int, float] = defaultdict(float)
        labels = self.labels
        for j, w in self.nbrs[i]:
            pull[labels[j]] += w
        return pull

    def move(self, i: int, c: int) -> None:
        old = self.labels[i]
        if c == old:
            return
        pull = self.pulls(i)
        self.cost += pull.get(old, 0.0) - pull.get(c, 0.0)
        self.labels[i] = c
        self.size[old] -= 1
        if not self.size[old]:
            del self.size[old]
        self.size[c] += 1

    def run(self, todo: Iterable[int]) -> None:
        """Settle: best moves from ``todo`` (and whatever they disturb), then merges, until neither helps."""
        queue = deque(dict.fromkeys(todo))
        queued = set(queue)
        while True:
            while queue:
                i = queue.popleft()
                queued.discard(i)
                pull = self.pulls(i)
                here = self.labels[i]
                target, gain = here, pull.get(here, 0.0)
                for c in sorted(pull):
                    if pull[c] > gain + self.eps:
                        target, gain = c, pull[c]
                if gain < -self.eps:
                    # every bloc it has ties into repels it; a bloc holding none of its neighbours pulls 0
                    if self.can_open():
                        target = self.fresh()
                    else:
                        target = next((c for c in self.bloc_ids() if c not in pull), target)
                if target != here:
                    self.move(i, target)
                    for j, _ in self.nbrs[i]:
                        if j not in queued:
                            queued.add(j)
                            queue.append(j)
            merged = self._merge()
            if not merged:
                return
            queue.extend(merged)
            queued.update(merged)

    def _merge(self) -> list[int]:
        """Merge pairs of blocs whose net tie weight is positive, best first, each bloc once; the members of merged blocs."""
        i, j, w = self.edges
        lab = np.asarray(self.labels)
        p, q = lab[i], lab[j]
        cross = p != q
        if not cross.any():
            return []
        base = int(lab.max()) + 1
        keys, where = np.unique(np.minimum(p, q)[cross] * base + np.maximum(p, q)[cross], return_inverse=True)
        net = np.bincount(where, weights=w[cross], minlength=len(keys))
        into: dict[int, int] = {}
        touched: set[int] = set()
        # disjoint merges do not interact: each gains exactly the net weight between its two blocs
        for k in np.lexsort((keys, -net)):
            if net[k] <= self.eps:
                break
            a, b = divmod(int(keys[k]), base)
            if a not in touched and b not in touched:
                touched.update((a, b))
                into[b] = a
                self.cost -= float(net[k])
        if not into:
            return []
        for b, a in into.items():
            self.size[a] += self.size.pop(b)
        self.labels = [into.get(c, c) for c in self.labels]
        return [k for k, c in enumerate(self.labels) if c in touched]


def _spectral_starts(n: int, edges: Edges, kmax: int, seed: int) -> list[list[int]]:
    """Partitions into 2..k blocs from the smallest eigenvectors of the normalised signed Laplacian.

    ``I - D^-1/2 A D^-1/2`` (``A`` signed, ``D`` the absolute weighted
    degree; Kunegis et al. 2010) has a zero eigenvalue exactly when the
    group splits into two blocs without frustration, with an eigenvector
    whose signs give the blocs; more blocs show in the next eigenvectors,
    which seeded k-means turns into labels. The normalised form gave far
    better starts than ``D - A`` on planted blocs of unequal degree.
    """
    k = min(kmax, n, 8)
    if k < 2:
        return [[0] * n]
    i, j, w = edges
    A = sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(n, n))
    scale = sp.diags(1.0 / np.sqrt(np.asarray(abs(A).sum(axis=1)).ravel()))
    # the smallest eigenvalues of the Laplacian (spectrum in [0, 2]) are the largest of I + D^-1/2 A D^-1/2
    M = sp.identity(n) + scale @ A @ scale
    if n <= 400:
        with single_blas_thread():
            values, vectors = np.linalg.eigh(M.toarray())
    else:
        try:
            values, vectors = eigsh(M, k=k, which="LA", v0=np.ones(n), tol=1e-6, maxiter=20 * n)
        except ArpackNoConvergence as partial:  # good enough to start a local search
            values, vectors = partial.eigenvalues, partial.eigenvectors
    vectors = vectors[:, np.argsort(-values)]
    rng = np.random.default_rng(seed)
    starts = []
    for blocs in range(2, min(k, vectors.shape[1]) + 1):
        X = vectors[:, :blocs]
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        starts.append(_kmeans(X / np.where(norms > 0, norms, 1.0), blocs, rng))
    return starts or [[0] * n]


def _kmeans(X: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 30) -> list[int]:
    """Lloyd's k-means with k-means++ seeding (seeded)."""
    centres = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = np.min([((X - c) ** 2).sum(axis=1) for c in centres], axis=0)
        total = d2.sum()
        centres.append(X[rng.choice(len(X), p=d2 / total)] if total > 0 else X[rng.integers(len(X))])
    C = np.array(centres)
    labels = np.zeros(len(X), dtype=int)
    for _ in range(iterations):
        labels = np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2), axis=1)
        updated = np.array([X[labels == c].mean(axis=0) if np.any(labels == c) else C[c] for c in range(k)])
        if np.allclose(updated, C):
            break
        C = updated
    return labels.tolist()


# --- camps: the blocs an analyst recognises -------------------------------------------

#: A further bloc must lower the frustration by at least this share of the group's signed weight.
CAMP_GAIN = 0.01
#: At most this many blocs per connected group of aligned actors (``method="camps"``).
CAMPS_MAX = 12
#: k-means restarts per number of blocs.
CAMP_RESTARTS = 6


def _camps(nodes: list[str], signed: Mapping[str, Mapping[str, float]], kmax: int, seed: int) -> tuple[list[int], bool]:
    """Bloc labels for one connected group: the fewest blocs past which frustration stops falling.

    Minimal frustration with a free number of blocs splits sparse, noisy
    camps into many small blocs: every flipped sign and every actor with few
    ties can be cut off at a small gain. So the number of blocs k grows only
    while one more bloc removes at least ``CAMP_GAIN`` of the group's signed
    weight from the frustration; for each k, the frustration is minimised
    with at most k blocs (exactly for small groups; else from spectral and
    split starts, by relocation in the Doreian-Mrvar tradition). Returns the
    labels and whether each step was solved exactly.
    """
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u in nodes:
        for v, w in signed[u].items():
            if v in index:
                rows.append(index[u])
                cols.append(index[v])
                vals.append(w)
    A = sp.csr_matrix((np.array(vals, dtype=float), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                      shape=(n, n))
    total = float(np.abs(A.data).sum()) / 2
    gain = CAMP_GAIN * total
    limit = min(kmax, n, CAMPS_MAX)
    exact = n <= EXACT_LIMIT
    rng = np.random.default_rng(seed)
    embedding = None if exact else _embedding(A, limit)
    labels = np.zeros(n, dtype=np.int64)
    cost = _frustration(A, labels)
    for k in range(2, limit + 1):
        if exact:
            found = _exact(nodes, signed, k, EXACT_STEPS)
            if found is None:
                exact = False
                embedding = _embedding(A, limit)
            else:
                candidate = np.array(found, dtype=np.int64)
        if not exact:
            candidate = _best_k(A, embedding, labels, k, rng)
        new_cost = _frustration(A, candidate)
        if new_cost > cost - gain:
            break
        labels, cost = candidate, new_cost
    if not exact and labels.max() > 0:
        labels = _reshape(A, embedding, labels, rng)
    return labels.tolist(), exact


def _reshape(A: sp.csr_matrix, X: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Merge two blocs and split a third (or the merged one) along the embedding, keeping k; relocate; keep what lowers frustration.

    Relocation moves one actor at a time, so it cannot undo the typical
    trap of a start: one camp split over two blocs while two others share
    one. This move does, in one step.
    """
    k = int(labels.max()) + 1
    cost = _frustration(A, labels)
    Y = X[:, : max(1, k - 1)]
    norms = np.linalg.norm(Y, axis=1, keepdims=True)
    Y = Y / np.where(norms > 0, norms, 1.0)
    for _ in range(3):
        improved = False
        for p in range(k):
            for q in range(p + 1, k):
                merged = np.where(labels == q, p, labels)
                merged = np.where(merged == k - 1, q, merged) if q != k - 1 else merged  # free label k-1
                for r in range(k - 1):
                    members = np.flatnonzero(merged == r)
                    if len(members) < 2:
                        continue
                    halves = np.array(_kmeans(Y[members], 2, rng), dtype=np.int64)
                    start = merged.copy()
                    start[members[halves == 1]] = k - 1
                    candidate = _relocate(A, start, k, rng)
                    new_cost = _frustration(A, candidate)
                    if new_cost < cost - 1e-9 * (1 + cost):
                        labels, cost, improved = _compact(candidate), new_cost, True
        if not improved:
            break
    return labels


def _frustration(A: sp.csr_matrix, labels: np.ndarray) -> float:
    """Cooperative weight across blocs plus hostile weight inside (each tie once)."""
    coo = A.tocoo()
    same = labels[coo.row] == labels[coo.col]
    w = coo.data
    return float(w[(w > 0) & ~same].sum() - w[(w < 0) & same].sum()) / 2


def _embedding(A: sp.csr_matrix, dims: int) -> np.ndarray:
    """Rows of the leading eigenvectors of the degree-regularised signed adjacency, scaled to unit length.

    ``(D + tau)^-1/2 A (D + tau)^-1/2`` with ``tau`` the mean absolute degree:
    in sparse graphs the regularisation keeps low-degree actors from
    dominating the leading vectors (regularised spectral clustering).
    """
    n = A.shape[0]
    degree = np.asarray(abs(A).sum(axis=1)).ravel()
    scale = sp.diags(1.0 / np.sqrt(degree + degree.mean()))
    M = scale @ A @ scale
    dims = min(dims, n - 1)
    if n <= 400:
        with single_blas_thread():
            values, vectors = np.linalg.eigh(M.toarray())
    else:
        try:
            values, vectors = eigsh(M, k=dims, which="LA", v0=np.ones(n), tol=1e-6, maxiter=20 * n)
        except ArpackNoConvergence as partial:
            values, vectors = partial.eigenvalues, partial.eigenvectors
    X = vectors[:, np.argsort(-values)[:dims]]
    # eigenvector signs are arbitrary: fix them so the same graph always embeds the same way
    X = X * np.where(X[np.argmax(np.abs(X), axis=0), np.arange(X.shape[1])] < 0, -1.0, 1.0)
    return X


def _best_k(A: sp.csr_matrix, X: np.ndarray, previous: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Low-frustration labels in at most k blocs: spectral k-means starts and every split of ``previous``, relocated."""
    n = A.shape[0]
    starts = []
    Y = X[:, : max(1, k - 1)]
    norms = np.linalg.norm(Y, axis=1, keepdims=True)
    Y = Y / np.where(norms > 0, norms, 1.0)
    for _ in range(CAMP_RESTARTS):
        starts.append(np.array(_kmeans(Y, k, rng), dtype=np.int64))
    blocs = int(previous.max()) + 1
    for b in range(blocs):  # split one bloc of the (k-1)-bloc answer in two along the embedding
        members = np.flatnonzero(previous == b)
        if len(members) < 2:
            continue
        halves = np.array(_kmeans(Y[members], 2, rng), dtype=np.int64)
        split = previous.copy()
        split[members[halves == 1]] = blocs
        starts.append(split)
    best, best_cost = previous, _frustration(A, previous)
    for start in starts:
        labels = _relocate(A, start, k, rng)
        cost = _frustration(A, labels)
        if cost < best_cost - 1e-9 * (1 + best_cost):
            best, best_cost = labels, cost
    return _compact(best)


def _compact(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, ... in order of first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse].astype(np.int64)


def _relocate(A: sp.csr_matrix, labels: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Move actors to the bloc that pulls them most until none gains (k blocs at most), then merge blocs that attract.

    Rounds of simultaneous moves (each improving actor moves with
    probability 1/2, so neighbours rarely swap together) run in sparse matrix
    algebra; a last sequential pass makes the result a true local optimum.
    """
    n = A.shape[0]
    labels = labels.copy()
    rows = np.arange(n)
    eps = 1e-9 * (1.0 + float(np.abs(A.data).sum()))
    for _ in range(60):
        onehot = sp.csr_matrix((np.ones(n), (rows, labels)), shape=(n, k))
        pull = np.asarray((A @ onehot).todense())
        here = pull[rows, labels]
        target = np.argmax(pull, axis=1)
        gain = pull[rows, target] - here
        movers = np.flatnonzero((gain > eps) & (rng.random(n) < 0.5))
        if not len(movers):
            if not np.any(gain > eps):
                break
            continue
        labels[movers] = target[movers]
    indptr, indices, data = A.indptr, A.indices, A.data
    changed = True
    while changed:
        changed = False
        for i in range(n):
            pull = np.zeros(k)
            np.add.at(pull, labels[indices[indptr[i]:indptr[i + 1]]], data[indptr[i]:indptr[i + 1]])
            c = int(np.argmax(pull))
            if pull[c] > pull[labels[i]] + eps:
                labels[i] = c
                changed = True
    return labels


def _unaligned(labels: list[int], nodes: list[str], signed: Mapping[str, Mapping[str, float]]) -> list[int]:
    """Actors that nothing pulls into their bloc stand alone (a fresh label each): they are unaligned.

    An actor with no net cooperation with the members of its bloc is there
    only because every other bloc repels it more (the enemy of its enemies):
    drawing it in that bloc's colour would claim an alliance no tie shows.
    """
    out = list(labels)
    fresh = max(labels, default=-1) + 1
    index = {u: i for i, u in enumerate(nodes)}
    for i, u in enumerate(nodes):
        here = sum(w for v, w in signed[u].items() if v in index and labels[index[v]] == labels[i])
        if here <= 0:
            out[i] = fresh
            fresh += 1
    return out


def assign_blocs(
    G: nx.Graph, *, method: str = "auto", max_blocs: int | None = None, seed: int = 0
) -> nx.Graph:
    """A copy of ``G`` whose nodes carry ``bloc`` (from :func:`find_blocs`, same options).

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("USA", "RUS", weight=3.0, sign=-1)
    >>> H = assign_blocs(G)
    >>> dict(H.nodes(data="bloc")), "bloc" in G.nodes["USA"]
    ({'USA': 1, 'RUS': 0}, False)
    """
    membership = find_blocs(G, method=method, max_blocs=max_blocs, seed=seed).membership
    H = G.copy()
    nx.set_node_attributes(H, membership, "bloc")
    return H


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
                      known.get(given[m[0]]) or bloc_title(name_blocs({a: 0 for a in m}, _strengths(G), label)[0], label)
                      for m in partition.blocs)
    else:
        partition = _find_blocs(G, adj, method or "camps", max_blocs, seed)
        strength = _strengths(G)
        names = tuple(bloc_title(name_blocs({a: 0 for a in m}, strength, label)[0], label) if len(m) > 1 else None
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
       1     1  unaligned  YPG
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
    lines += [
        "",
        f"Blocs ({proof}): frustration {p.frustration:.2f} "
        f"({p.relative_frustration:.1%} of signed tie weight), {n_frustrated} tie{'s' * (n_frustrated != 1)} against the blocs",
        format_table(["bloc", "size", "name", "members"],
                     [[i, len(m), _bloc_name(analysis, i), _members(m)] for i, m in cut(tuple(enumerate(p.blocs)))]),
        *more(p.blocs),
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


# steady numbering and names across dates live in netviz.graph.blocs (imported last: it builds on this module)
from netviz.graph.blocs import assign_steady_blocs, steady_blocs  # noqa: E402,F401
