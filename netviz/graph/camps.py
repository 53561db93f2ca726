"""The camps an analyst recognises: the bloc search behind ``find_blocs(method="camps")``.

A connected group of aligned actors is split in three steps:

1. **How many camps.** Least frustration with a free number of blocs splits
   sparse, noisy camps into many small blocs (every flipped sign and every
   actor with few ties can be cut off at a small gain), so the number of
   blocs grows only while one more removes at least ``CAMP_GAIN`` of the
   group's signed weight from the frustration (relocation in the
   Doreian-Mrvar tradition, from spectral and split starts, then
   Fiduccia-Mattheyses passes; when that misses the gain, the likeliest
   blocs under the model of step 2 are tried too; exact for small groups).
2. **Who is in which camp.** Frustration weighs every tie alike, and on
   sparse noisy graphs many partitions into the same number of blocs tie on
   it while agreeing poorly with one another (``bench/bench_blocs.py``).
   Under a signed planted-partition model (a stochastic block model with
   Poisson tie weights, fitted to the blocs of step 1) a cooperative tie
   inside a bloc counts the log of how much likelier cooperation is inside
   than across, a hostile tie the log of how much likelier hostility is
   across than inside, and each pair of members pays the difference in tie
   density: cooperation, the rarer and more telling sign across camps,
   weighs more than hostility, which frustration cannot express. Even so,
   the single likeliest partition overfits the noise of a sparse graph; each
   actor goes instead to its most probable bloc, its posterior computed by
   loopy belief propagation (Decelle et al. 2011, a tie of the mean weight
   counting as one observation), the model refitted to the blocs so found
   and the beliefs recomputed, three rounds at most. On the planted camps of
   the bench this is what lifts the adjusted Rand index from 0.88 to 0.91 at
   12 ties an actor and from 0.59 to 0.71 at 8.
3. **Unaligned actors.** An actor stands alone when its ties do not place
   it: net hostility inside its bloc, a posterior below one half, or no
   cooperation inside unless it fights two other blocs (:func:`_unaligned`).

A tie pulls on blocs by its reports, not its sentences (:func:`report_pull`):
each article counts once, at the mean signed weight of its sentences on the
tie, and each curated relation or event once. Otherwise an article that
keeps returning to one relation outweighs every other report: on the
bundled seed data on 2017-01-16, Russia-Turkey weighed 64 from 15 sentences
(9 of them in one article) and held Turkey, NATO and the West in one bloc
with Russia, Syria and Iran, where the articles' hand-made relations put the
US, Russia, Syria, Iran, Iraq and the YPG against Turkey and the FSA. The
frustration a partition reports is still over the ties' weights.

Every step is seeded and runs over sorted actors, so the same graph gives the
same blocs whatever the hash seed or insertion order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, MutableMapping

import networkx as nx
import numpy as np
import scipy.sparse as sp

from netviz.graph.blocsearch import EXACT_LIMIT, EXACT_STEPS, _exact, _kmeans, _leading
from netviz.graph.history import as_float, exact
from netviz.graph.signed import Adjacency
from netviz.model import Relation

#: ``{report: (summed signed weight units, relations)}`` of one tie (see :func:`report_key`).
Reports = MutableMapping[object, tuple[int, int]]


def report_key(rel: Relation) -> object:
    """The report a relation comes from: its article for extracted relations, else the relation itself."""
    return ("article", rel.evidence.article) if rel.origin == "extracted" and rel.evidence.article else rel


def add_reports(reports: Reports, relations: Iterable[Relation], step: int = 1) -> None:
    """Count ``relations`` into (``step=1``) or out of (``step=-1``) a tie's ``reports``, in exact units."""
    for rel in relations:
        key = report_key(rel)
        units, count = reports.get(key, (0, 0))
        units, count = units + step * rel.sign * exact(rel.weight), count + step
        if count:
            reports[key] = (units, count)
        else:
            reports.pop(key, None)


def report_pull(sign: int, reports: Reports) -> float:
    """A tie's signed weight in the camps search: each report once, at the mean signed weight of its relations.

    0 for a mixed tie (``sign`` 0), and when the reports' balance disagrees
    with the tie's sign (set by the weight of all its relations).

    >>> from datetime import date
    >>> from netviz.model import Evidence
    >>> def said(article, sign, intensity):
    ...     kind = "material_cooperation" if sign > 0 else "material_conflict"
    ...     return Relation("RUS", "TUR", sign, kind, intensity, date(2018, 4, 21), "extracted", Evidence("s", "c", article))
    >>> reports = {}
    >>> add_reports(reports, [said("a1", 1, 6.0)] * 9 + [said("a1", -1, 6.0)] + [said("a2", -1, 4.0)])
    >>> round(report_pull(1, reports), 6)  # a1: 8 x 6 / 10 = 4.8; a2: -4
    0.8
    """
    if not sign:
        return 0.0
    value = math.fsum(as_float(units) / count for units, count in reports.values())
    return value if value * sign > 0 else 0.0


def camp_ties(G: nx.Graph, adj: Adjacency) -> dict[str, dict[str, float]]:
    """``{u: {v: signed pull}}`` of the signed ties of ``adj``: :func:`report_pull` where ``G``'s ties carry
    their ``evidence``, else sign x weight."""
    signed: dict[str, dict[str, float]] = {u: {} for u in adj}
    for u, nbrs in adj.items():
        for v, (s, w) in nbrs.items():
            if not s or v < u:
                continue
            evidence = G.edges[u, v].get("evidence")
            if evidence:
                reports: Reports = {}
                add_reports(reports, evidence)
                pull = report_pull(s, reports)
            else:
                pull = s * w
            if pull:
                signed[u][v] = signed[v][u] = pull
    return signed

#: A further bloc must lower the frustration by at least this share of the group's signed weight.
CAMP_GAIN = 0.01
#: At most this many blocs per connected group of aligned actors (``method="camps"``).
CAMPS_MAX = 12
#: k-means restarts per number of blocs.
CAMP_RESTARTS = 6


def _camps(nodes: list[str], signed: Mapping[str, Mapping[str, float]], kmax: int,
           seed: int) -> tuple[list[int], bool, np.ndarray | None]:
    """Bloc labels for one connected group: the fewest blocs past which frustration stops falling.

    Minimal frustration with a free number of blocs splits sparse, noisy
    camps into many small blocs: every flipped sign and every actor with few
    ties can be cut off at a small gain. So the number of blocs k grows only
    while one more bloc removes at least ``CAMP_GAIN`` of the group's signed
    weight from the frustration; for each k, the frustration is minimised
    with at most k blocs (exactly for small groups; else from spectral and
    split starts, by relocation in the Doreian-Mrvar tradition and
    Fiduccia-Mattheyses passes, and the likeliest blocs of
    :func:`_likeliest` when those miss the gain). Each actor then goes to
    its most probable bloc in that many blocs (:func:`_posterior`). Returns
    the labels, whether each step was solved exactly, and the beliefs
    (``None`` for a group solved exactly).
    """
    n = len(nodes)
    A = _signed_matrix(nodes, signed)
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
        if new_cost > cost - gain and not exact and candidate.max() + 1 == k:
            alt = _likeliest(A, embedding, candidate, rng)
            alt_cost = _frustration(A, alt)
            if alt_cost < new_cost:
                candidate, new_cost = alt, alt_cost
        if new_cost > cost - gain:
            break
        labels, cost = candidate, new_cost
    beliefs = None
    if not exact and labels.max() > 0:
        labels, beliefs = _posterior(A, labels)
    return labels.tolist(), exact, beliefs


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
    values, vectors = _leading(M, dims)
    X = vectors[:, np.argsort(-values)[:dims]]
    # eigenvector signs are arbitrary: fix them so the same graph always embeds the same way
    X = X * np.where(X[np.argmax(np.abs(X), axis=0), np.arange(X.shape[1])] < 0, -1.0, 1.0)
    return X


def _best_k(A: sp.csr_matrix, X: np.ndarray, previous: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Low-frustration labels in at most k blocs: spectral k-means starts and every split of ``previous``, relocated."""
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
    if int(best.max()) + 1 == k:
        best = _fiduccia_mattheyses(A, best, k, 0.0)
    return _compact(best)


def _compact(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, ... in order of first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse].astype(np.int64)


def _relocate(A: sp.csr_matrix, labels: np.ndarray, k: int, rng: np.random.Generator,
              pair_cost: float = 0.0) -> np.ndarray:
    """Move actors to the bloc that pulls them most until none gains (k blocs at most).

    An actor's pull to a bloc is its summed signed weight to the members,
    less ``pair_cost`` per member (the planted-partition likelihood of
    :func:`_planted_weights`; 0 for frustration). Rounds of simultaneous
    moves (each improving actor moves with probability 1/2, so neighbours
    rarely swap together) run in sparse matrix algebra; a last sequential
    pass makes the result a true local optimum.
    """
    n = A.shape[0]
    labels = labels.copy()
    rows = np.arange(n)
    eps = 1e-9 * (1.0 + float(np.abs(A.data).sum()))
    for _ in range(60):
        pull = _pulls(A, labels, k, pair_cost)
        here = pull[rows, labels]
        target = np.argmax(pull, axis=1)
        gain = pull[rows, target] - here
        movers = np.flatnonzero((gain > eps) & (rng.random(n) < 0.5))
        if not len(movers):
            if not np.any(gain > eps):
                break
            continue
        labels[movers] = target[movers]
    # plain lists: at a dozen ties an actor, Python beats numpy's per-call overhead
    indptr, indices, data = A.indptr.tolist(), A.indices.tolist(), A.data.tolist()
    label = labels.tolist()
    size = np.bincount(labels, minlength=k).tolist()
    blocs = range(k)
    changed = True
    while changed:
        changed = False
        for i in range(n):
            pull = [0.0] * k
            for p in range(indptr[i], indptr[i + 1]):
                pull[label[indices[p]]] += data[p]
            here = label[i]
            if pair_cost:
                pull = [x - pair_cost * (size[c] - (c == here)) for c, x in zip(blocs, pull)]
            c = max(blocs, key=pull.__getitem__)
            if pull[c] > pull[here] + eps:
                size[here] -= 1
                size[c] += 1
                label[i] = c
                changed = True
    return np.array(label, dtype=labels.dtype)


def _pulls(A: sp.csr_matrix, labels: np.ndarray, k: int, pair_cost: float) -> np.ndarray:
    """``(actors, k)``: each actor's signed weight to each bloc, less ``pair_cost`` per other member."""
    n = A.shape[0]
    rows = np.repeat(np.arange(n), np.diff(A.indptr))
    pull = np.bincount(rows * k + labels[A.indices], weights=A.data, minlength=n * k).reshape(n, k)
    if pair_cost:
        pull -= pair_cost * np.bincount(labels, minlength=k)[None, :]
        pull[np.arange(n), labels] += pair_cost
    return pull


# --- the likeliest blocs (step 1's fallback) ----------------------------------------

#: Moves in a row that do not beat a pass's best before the pass stops (Fiduccia-Mattheyses).
FM_PATIENCE = 50
#: At most this many Fiduccia-Mattheyses passes per start.
FM_PASSES = 10


def _likeliest(A: sp.csr_matrix, X: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The likeliest blocs in as many blocs as ``labels`` under the planted partition fitted to them.

    The search: relocation, then Fiduccia-Mattheyses passes (moves that lose
    are allowed within a pass, the best prefix is kept) from ``labels`` and
    from seeded spectral k-means starts; the likeliest is kept, the model
    refitted once.
    """
    k = int(labels.max()) + 1
    Y = X[:, : max(1, k - 1)]
    norms = np.linalg.norm(Y, axis=1, keepdims=True)
    Y = Y / np.where(norms > 0, norms, 1.0)
    for _ in range(2):  # fit, search, refit once
        fitted = _planted_weights(A, labels)
        if fitted is None:
            break
        W, pair_cost = fitted
        best, best_score = labels, _likelihood(W, labels, pair_cost)
        starts = [labels] + [np.array(_kmeans(Y, k, rng), dtype=np.int64) for _ in range(CAMP_RESTARTS)]
        for start in starts:
            found = _fiduccia_mattheyses(W, _relocate(W, start, k, rng, pair_cost), k, pair_cost)
            score = _likelihood(W, found, pair_cost)
            if score > best_score + 1e-9 * (1 + abs(best_score)):
                best, best_score = found, score
        best = _compact(best)
        if np.array_equal(best, _compact(labels)):
            break
        labels = best
    return labels


def _planted_weights(A: sp.csr_matrix, labels: np.ndarray) -> tuple[sp.csr_matrix, float] | None:
    """Tie weights and the cost per pair of members under a signed planted partition fitted to ``labels``.

    The log-likelihood of a partition is, up to a constant, the sum over
    pairs inside blocs of ``a+ w+ - a- w- - pair_cost`` (see
    :func:`_planted_model`). Returns the weighted matrix and ``pair_cost``,
    or ``None`` when ``labels`` show no camps to fit.
    """
    model = _planted_model(A, labels)
    if model is None:
        return None
    a_plus, a_minus, pair_cost = model
    W = A.copy()
    W.data = np.where(W.data > 0, a_plus * W.data, a_minus * W.data)
    return W, pair_cost


def _planted_model(A: sp.csr_matrix, labels: np.ndarray) -> tuple[float, float, float] | None:
    """``(a+, a-, pair_cost)`` of a signed planted partition fitted to ``labels``, or ``None``.

    Cooperative and hostile tie weights inside and across blocs are Poisson
    with rates (weight per pair) estimated from ``labels``, each count
    smoothed by half a mean tie: ``a+ = ln(coop rate inside / across)``,
    ``a- = ln(hostile rate across / inside)`` and ``pair_cost`` the tie rate
    inside less across (never below 0). ``None`` when ``labels`` show no
    camps to fit (cooperation not denser inside, or hostility not denser
    across).
    """
    n = len(labels)
    sizes = np.bincount(labels).astype(float)
    inside = float((sizes * (sizes - 1)).sum()) / 2
    across = n * (n - 1) / 2 - inside
    if inside <= 0 or across <= 0 or not A.nnz:
        return None
    coo = A.tocoo()
    same = labels[coo.row] == labels[coo.col]
    w = coo.data
    half = float(np.abs(w).mean()) / 2

    def rate(mask: np.ndarray, pairs: float) -> float:
        return (float(np.abs(w[mask]).sum()) / 2 + half) / pairs  # each tie is in A twice

    coop_in, coop_out = rate((w > 0) & same, inside), rate((w > 0) & ~same, across)
    host_in, host_out = rate((w < 0) & same, inside), rate((w < 0) & ~same, across)
    a_plus, a_minus = float(np.log(coop_in / coop_out)), float(np.log(host_out / host_in))
    if a_plus <= 0 or a_minus <= 0:
        return None
    return a_plus, a_minus, max(0.0, coop_in + host_in - coop_out - host_out)


def cooperation_weight(signed: Mapping[str, Mapping[str, float]], blocs: Mapping[str, int]) -> float:
    """How much more a cooperative tie than a hostile one tells about an actor's bloc, given ``blocs``.

    ``a+ / a-`` of the planted partition fitted to ``blocs``
    (:func:`_planted_model`), or 1 when they show no camps to fit. Moving an
    actor by its pulls with cooperation weighed this much approximates the
    posterior step of a full search: along a history, the actors of a date's
    changed ties move so (:func:`netviz.graph.blocs.bloc_timeline`).

    >>> signed = {"A": {"B": 1.0, "C": -1.0}, "B": {"A": 1.0, "D": -1.0}, "C": {"A": -1.0, "D": 1.0}, "D": {"B": -1.0, "C": 1.0}}
    >>> round(cooperation_weight(signed, {"A": 0, "B": 0, "C": 1, "D": 1}), 3)  # 2 pairs inside, 4 across
    2.513
    >>> cooperation_weight(signed, {"A": 0, "B": 1, "C": 2, "D": 3})  # no bloc holds two actors: nothing to fit
    1.0
    """
    nodes = sorted(u for u in signed if u in blocs)
    labels = _compact(np.array([blocs[u] for u in nodes], dtype=np.int64))
    model = _planted_model(_signed_matrix(nodes, signed), labels) if nodes else None
    return 1.0 if model is None else model[0] / model[1]


def _signed_matrix(nodes: list[str], signed: Mapping[str, Mapping[str, float]]) -> sp.csr_matrix:
    """The symmetric matrix of the signed ties among ``nodes`` (in that order)."""
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u in nodes:
        for v, w in signed[u].items():
            if v in index:
                rows.append(index[u])
                cols.append(index[v])
                vals.append(w)
    return sp.csr_matrix((np.array(vals, dtype=float), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                         shape=(n, n))


def _likelihood(W: sp.csr_matrix, labels: np.ndarray, pair_cost: float) -> float:
    """The log-likelihood of ``labels`` up to a constant: weight inside blocs less ``pair_cost`` per pair of members."""
    coo = W.tocoo()
    sizes = np.bincount(labels).astype(float)
    return float(coo.data[labels[coo.row] == labels[coo.col]].sum()) / 2 - pair_cost * float((sizes * (sizes - 1)).sum()) / 2


def _fiduccia_mattheyses(W: sp.csr_matrix, labels: np.ndarray, k: int, pair_cost: float) -> np.ndarray:
    """Passes of single moves, each the best of an actor not yet moved in the pass, even when it loses; keep each pass's best prefix.

    Relocation stops at the first plateau; a pass walks across one (a group
    of actors changing bloc one after the other, each move alone a loss),
    which is how a camp half-assigned to the wrong bloc comes back. No move
    empties a bloc.
    """
    n = W.shape[0]
    labels = labels.copy()
    rows = np.arange(n)
    indptr, indices, data = W.indptr, W.indices, W.data
    eps = 1e-9 * (1.0 + float(np.abs(data).sum()))
    for _ in range(FM_PASSES):
        pull = _pulls(W, labels, k, pair_cost)
        size = np.bincount(labels, minlength=k)
        moved = np.zeros(n, dtype=bool)
        total = best_total = 0.0
        history: list[tuple[int, int]] = []
        best_length = 0
        while len(history) - best_length < FM_PATIENCE:
            gain = pull - pull[rows, labels][:, None]
            gain[rows, labels] = -np.inf
            gain[moved | (size[labels] <= 1)] = -np.inf
            i, b = divmod(int(np.argmax(gain)), k)
            if not np.isfinite(gain[i, b]):
                break
            a = labels[i]
            total += gain[i, b]
            neighbours, weights = indices[indptr[i]:indptr[i + 1]], data[indptr[i]:indptr[i + 1]]
            np.subtract.at(pull[:, a], neighbours, weights)
            np.add.at(pull[:, b], neighbours, weights)
            pull[:, a] += pair_cost  # one member fewer in a, one more in b; i's own row is restored below
            pull[:, b] -= pair_cost
            pull[i, a] -= pair_cost
            pull[i, b] += pair_cost
            size[a] -= 1
            size[b] += 1
            labels[i] = b
            moved[i] = True
            history.append((i, a))
            if total > best_total + eps:
                best_total, best_length = total, len(history)
        for i, a in reversed(history[best_length:]):
            labels[i] = a
        if not best_length:
            break
    return labels


# --- step 2: each actor's posterior -------------------------------------------------

#: Rounds of fitting the planted partition to the blocs and recomputing the beliefs (hard EM).
BELIEF_ROUNDS = 3
#: Belief-propagation sweeps per round at most; messages that move less than ``BELIEF_TOLERANCE`` have settled.
BELIEF_SWEEPS = 200
BELIEF_TOLERANCE = 1e-4
#: Share of a new message kept from the old one (damping keeps loopy belief propagation from oscillating).
BELIEF_DAMPING = 0.5
#: Belief an actor starts with in the bloc it was found in.
BELIEF_START = 0.6


def _posterior(A: sp.csr_matrix, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blocs as each actor's most probable bloc under the planted partition, and the beliefs ``(actors, blocs)``."""
    k = int(labels.max()) + 1
    scale = float(np.abs(A.data).mean())
    beliefs = None
    for _ in range(BELIEF_ROUNDS):
        fitted = _planted_weights(A, labels)
        if fitted is None:
            break
        W, pair_cost = fitted
        W.data /= scale  # a tie of the mean weight is one observation
        beliefs = _belief_propagation(W, pair_cost / scale, labels, k)
        found = np.argmax(beliefs, axis=1)
        if np.array_equal(found, labels):
            break
        labels = found
        if len(np.unique(labels)) < k:
            labels = _compact(labels)
            k = int(labels.max()) + 1
            beliefs = None
    if beliefs is None:
        beliefs = np.eye(k)[labels]
    return labels, beliefs


def _belief_propagation(W: sp.csr_matrix, pair_cost: float, labels: np.ndarray, k: int) -> np.ndarray:
    """Each actor's probability of being in each of k blocs, by loopy belief propagation (Decelle et al. 2011)."""
    n = W.shape[0]
    coo = W.tocoo()
    src, dst, w = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    key = src * n + dst
    order = np.argsort(key, kind="stable")
    rev = order[np.searchsorted(key[order], dst * n + src)]
    into_actor = sp.csr_matrix((np.ones(len(dst)), (dst, np.arange(len(dst)))), shape=(n, len(dst)))
    rows = np.arange(n)
    belief = np.full((n, k), (1 - BELIEF_START) / max(k - 1, 1))
    belief[rows, labels] = BELIEF_START
    message = belief[src]
    with np.errstate(divide="ignore"):
        for _ in range(BELIEF_SWEEPS):
            # what tie src->dst tells dst about bloc c: log(sum_d psi(c, d) m(d)), psi = e^w if c == d else 1
            into = np.logaddexp(np.log1p(-np.minimum(message, 1.0)), np.log(message) + w[:, None])
            # the pairs without a tie: each other actor of bloc c costs pair_cost (the mean field of Decelle et al.)
            total = into_actor @ into - pair_cost * (belief.sum(axis=0)[None, :] - belief)
            new = total[src] - into[rev]
            new = np.exp(new - new.max(axis=1, keepdims=True))
            new /= new.sum(axis=1, keepdims=True)
            change = float(np.abs(new - message).max()) if len(new) else 0.0
            message = BELIEF_DAMPING * message + (1 - BELIEF_DAMPING) * new
            belief = np.exp(total - total.max(axis=1, keepdims=True))
            belief /= belief.sum(axis=1, keepdims=True)
            if change < BELIEF_TOLERANCE:
                break
    return belief


def _unaligned(labels: list[int], nodes: list[str], signed: Mapping[str, Mapping[str, float]],
               beliefs: np.ndarray | None = None) -> list[int]:
    """Actors whose ties do not place them in their bloc stand alone (a fresh label each): they are unaligned.

    An actor stands alone when its ties inside its bloc are net hostile;
    when its posterior (``beliefs``, step 2) gives its bloc less than half;
    and when nothing inside its bloc cooperates with it, unless it is
    hostile to at least two other blocs (its bloc is then the one its
    enemies leave it: the enemy of its enemies). Drawing the actor in the
    bloc's colour otherwise would claim an alliance no tie shows. Without
    beliefs (a group solved exactly), an actor needs net cooperation inside
    its bloc.

    >>> signed = {"A": {"B": 1.0, "C": -1.0}, "B": {"A": 1.0}, "C": {"A": -1.0, "D": 1.0}, "D": {"C": 1.0}, "E": {"A": -1.0}}
    >>> _unaligned([0, 0, 1, 1, 1], ["A", "B", "C", "D", "E"], signed)  # E fights A, nothing ties it to C and D
    [0, 0, 1, 1, 2]
    """
    out = list(labels)
    fresh = max(labels, default=-1) + 1
    index = {u: i for i, u in enumerate(nodes)}
    for i, u in enumerate(nodes):
        pull: dict[int, float] = defaultdict(float)
        for v, w in signed[u].items():
            if v in index:
                pull[labels[index[v]]] += w
        here = pull.pop(labels[i], 0.0)
        if beliefs is None:
            alone = here <= 0
        else:
            enemies = sum(1 for x in pull.values() if x < 0)
            alone = here < 0 or beliefs[i, labels[i]] < 0.5 or (here == 0 and enemies < 2)
        if alone:
            out[i] = fresh
            fresh += 1
    return out
