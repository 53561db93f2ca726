"""The bloc search: actors split into blocs so that few hostile ties fall inside and few cooperative ties across.

:func:`find_blocs` offers the least-frustration search (``auto``: exact for
small groups, else heuristic; ``exact``; ``heuristic``) and the camps an
analyst recognises (``camps``, the default of maps, the timeline and
``analyze``; :mod:`netviz.graph.camps`). See ``bench/bench_blocs.py`` for how
they compare with published methods.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import ArpackNoConvergence, eigsh
from threadpoolctl import threadpool_limits

from netviz.errors import NetvizError
from netviz.graph.signed import Adjacency, BlocPartition, _adjacency, _tie

#: ``method="auto"`` always searches exactly in groups of up to this many aligned actors.
EXACT_LIMIT = 20
#: No exact search beyond this many actors per group: its bookkeeping alone grows as the square.
EXACT_MAX = 60
#: Search steps ``auto`` allows the exact search on groups above ``EXACT_LIMIT`` before
#: settling for the heuristic (a count, not a time, so the result never depends on the machine).
AUTO_STEPS = 50_000
#: Search steps ``method="exact"`` allows before it gives up with an error.
EXACT_STEPS = 5_000_000
METHODS = ("camps", "auto", "exact", "heuristic")


def single_blas_thread() -> threadpool_limits:
    """One BLAS thread for the small dense eigenproblems of bloc finding.

    On a shared 2-core machine ``numpy.linalg.eigh`` of a 266 x 266 matrix ran
    18-23x slower with OpenBLAS's default threads than with one (see
    ``bench/bench_blocs.py``): at this size threads cost more than they bring.
    """
    return threadpool_limits(limits=1, user_api="blas")


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
        ``EXACT_MAX`` and is heuristic beyond. ``"camps"`` gives the camps an
        analyst recognises (:mod:`netviz.graph.camps`: few blocs, each member in
        its most probable bloc, ties pulling by their reports, unaligned actors alone); the
        frustration it reports is over the ties' weights.
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
    if method == "camps":
        from netviz.graph.camps import camp_ties

        signed = camp_ties(G, adj)
    else:
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
            from netviz.graph.camps import (  # camps builds on this module's searches
                _camps,
                _unaligned,
            )

            labels, solved, beliefs = _camps(group, signed, k, seed)
            labels = _unaligned(labels, group, signed, beliefs)
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
    values, vectors = _leading(M, k)
    vectors = vectors[:, np.argsort(-values)]
    rng = np.random.default_rng(seed)
    starts = []
    for blocs in range(2, min(k, vectors.shape[1]) + 1):
        X = vectors[:, :blocs]
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        starts.append(_kmeans(X / np.where(norms > 0, norms, 1.0), blocs, rng))
    return starts or [[0] * n]


def _leading(M: sp.spmatrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The eigenpairs of symmetric ``M``: all of them (dense, one BLAS thread) up to 400 rows, else the ``k`` largest.

    ARPACK's partial answer is good enough to start a local search.
    """
    n = M.shape[0]
    if n <= 400:
        with single_blas_thread():
            return np.linalg.eigh(M.toarray())
    try:
        return eigsh(M, k=k, which="LA", v0=np.ones(n), tol=1e-6, maxiter=20 * n)
    except ArpackNoConvergence as partial:
        return partial.eigenvalues, partial.eigenvectors


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
