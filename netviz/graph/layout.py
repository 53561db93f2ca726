"""One seeded layout over the union of all snapshots.

Every snapshot map of a run uses the same positions, so an actor stands in
the same place on every date and two maps can be compared by eye.

Allies are pulled together harder than adversaries (a tie's pull grows with
its share of cooperation), so blocs sit together. Each connected component
is laid out on its own and the components are packed side by side, largest
first: a two-actor dyad does not fly off to a corner.

Cost follows size: components up to :data:`SMALL_COMPONENT` actors use
networkx's ForceAtlas2 with hubs dissuaded (quadratic; busy actors go to the
edge instead of piling up in the middle, so their ties can be told apart);
larger ones start from a seeded spectral embedding refined by a grid variant
of Fruchterman-Reingold whose repulsion only acts between nearby actors
(found with a k-d tree) and whose attraction is linear, as in ForceAtlas2
(with the cut-off, the usual quadratic pull crushes the layout); it is
near-linear in the number of actors and ties (bench/bench_render.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh
from scipy.spatial import cKDTree

from netviz.errors import NetvizError

#: Largest component laid out with networkx's quadratic ForceAtlas2
#: (0.65 s at 100 actors, 1.3 s at 200, 3.3 s at 300 here).
SMALL_COMPONENT = 200
#: Average distance between neighbouring actors on the canvas, in pixels.
SPACING = 120.0
#: Smallest half-width of the canvas, so a handful of actors is not cramped.
MIN_EXTENT = 400.0
#: Repulsion cut-off of the grid refinement, in ideal edge lengths.
CUTOFF = 2.0
#: Width / height the packed components aim for (maps are wider than tall).
ASPECT = 1.5
#: Iterations of the grid Fruchterman-Reingold refinement for large components.
REFINE_ITERATIONS = 60


def compute_layout(graphs: Iterable[nx.Graph], seed: int = 42) -> dict[str, tuple[float, float]]:
    """Positions for every actor of every snapshot, in canvas pixels.

    Parameters
    ----------
    graphs : iterable of networkx.Graph
        Snapshot graphs (actor ids as nodes; edge ``weight``, and ``cooperation``
        / ``conflict`` or ``sign`` as documented in docs/architecture.md).
    seed : int
        Seed of every random choice: same graphs and seed, same positions,
        whatever the order of the graphs or of their nodes.

    Returns
    -------
    dict
        ``{actor id: (x, y)}`` centred on (0, 0), rounded to 0.1 px; the
        half-width grows with the square root of the number of actors
        (at least :data:`MIN_EXTENT`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> g.add_edge("TUR", "SYR", weight=4.0, sign=-1)
    >>> pos = compute_layout([g])
    >>> sorted(pos)
    ['RUS', 'SYR', 'TUR']
    >>> pos == compute_layout([g])
    True
    """
    union = _union(graphs)
    if union.number_of_nodes() == 0:
        return {}
    components = sorted(
        (sorted(c) for c in nx.connected_components(union)), key=lambda c: (-len(c), c[0])
    )
    boxes = [_layout_component(union.subgraph(c), seed) for c in components]
    placed = _pack(boxes)
    ids = [n for box in placed for n in box]
    xy = np.array([placed_box[n] for placed_box in placed for n in placed_box], dtype=float)
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    span = float(np.abs(xy).max()) or 1.0
    extent = max(MIN_EXTENT, SPACING * math.sqrt(len(ids)) / 2)
    xy *= extent / span
    # round() maps -0.0 to -0.0; adding 0.0 gives a plain 0.0 in the JSON
    return {n: (round(x, 1) + 0.0, round(y, 1) + 0.0) for n, (x, y) in zip(ids, xy.tolist())}


def _union(graphs: Iterable[nx.Graph]) -> nx.Graph:
    """The union of the snapshots, nodes and edges in sorted order, each tie's
    ``pull`` = 0.25 + 0.75 x its share of cooperation over all snapshots."""
    coop: dict[tuple[str, str], float] = {}
    conf: dict[tuple[str, str], float] = {}
    nodes: set[str] = set()
    for i, g in enumerate(graphs):
        if not isinstance(g, nx.Graph):
            raise NetvizError(
                f"compute_layout: item {i} is a {type(g).__name__}, not a networkx graph;"
                " pass the snapshot graphs"
            )
        for n in g.nodes:
            if not isinstance(n, str):
                raise NetvizError(
                    f"compute_layout: node {n!r} of graph {i} is not a string; actor ids are strings"
                )
            nodes.add(n)
        for u, v, d in g.edges(data=True):
            key = (u, v) if u <= v else (v, u)
            c, f = _split(d)
            coop[key] = coop.get(key, 0.0) + c
            conf[key] = conf.get(key, 0.0) + f
    union = nx.Graph()
    union.add_nodes_from(sorted(nodes))
    for key in sorted(coop):
        total = coop[key] + conf[key]
        share = coop[key] / total if total > 0 else 0.5
        union.add_edge(*key, pull=0.25 + 0.75 * share)
    return union


def _split(d: dict) -> tuple[float, float]:
    """A tie's (cooperation, conflict), falling back to weight and sign."""
    if "cooperation" in d and "conflict" in d:
        return float(d["cooperation"]), float(d["conflict"])
    weight = float(d.get("weight", 1.0))
    sign = d.get("sign", 0)
    if sign > 0:
        return weight, 0.0
    if sign < 0:
        return 0.0, weight
    return weight / 2, weight / 2


def _layout_component(g: nx.Graph, seed: int) -> dict[str, np.ndarray]:
    """Positions of one connected component, scaled so that neighbouring
    actors are about 1 apart (the box side grows like sqrt(n))."""
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    if n == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    if n <= SMALL_COMPONENT:
        raw = nx.forceatlas2_layout(g, weight="pull", seed=seed, max_iter=200, distributed_action=True)
        xy = np.array([raw[v] for v in nodes])
    else:
        xy = _grid_fruchterman_reingold(g, nodes, seed)
    xy = xy - xy.mean(axis=0)
    # turn the widest spread horizontal: maps are wider than tall
    _, axes = np.linalg.eigh(xy.T @ xy)
    xy = xy @ axes[:, ::-1]
    radius = float(np.abs(xy).max()) or 1.0
    xy *= math.sqrt(n) / 2 / radius
    return dict(zip(nodes, xy))


def _grid_fruchterman_reingold(g: nx.Graph, nodes: list[str], seed: int) -> np.ndarray:
    """Near-linear layout of a large connected component.

    A spectral embedding gives the global shape; Fruchterman-Reingold then
    untangles it locally, with repulsion cut off at ``CUTOFF`` x k (the grid
    variant of the original paper), found with a k-d tree instead of all
    pairs, and a linear pull along ties.
    """
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in g.edges], dtype=np.int64)
    pull = np.array([d["pull"] for _, _, d in g.edges(data=True)], dtype=float)
    rng = np.random.default_rng(seed)

    adjacency = sp.coo_matrix(
        (np.concatenate([pull, pull]), (np.concatenate([edges[:, 0], edges[:, 1]]),
                                         np.concatenate([edges[:, 1], edges[:, 0]]))),
        shape=(n, n),
    ).tocsc()
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    scale = sp.diags(1 / np.sqrt(degree))
    # Koren's degree-normalised eigenvectors: the top eigenvectors of
    # D^-1/2 A D^-1/2 (no factorisation needed), mapped back by D^-1/2. A
    # seeded start vector keeps ARPACK deterministic (its default is random).
    values, vectors = eigsh(scale @ adjacency @ scale, k=3, which="LA", v0=rng.standard_normal(n))
    order = np.argsort(values)[::-1]
    xy = (scale @ vectors[:, order[1:3]]).copy()

    side = math.sqrt(n)  # box of area n: the ideal distance k is 1
    # Spectral embeddings stack many actors on one point; replacing each
    # coordinate by its rank spreads them evenly over the box while keeping
    # their order along both axes (and the first refinement step cheap).
    ranks = np.argsort(np.argsort(xy, axis=0, kind="stable"), axis=0, kind="stable")
    xy = (ranks + rng.uniform(0.0, 0.5, size=xy.shape)) * (side / n) - side / 2

    temperature = side / 10
    cool = (0.01 / temperature) ** (1 / REFINE_ITERATIONS)
    for _ in range(REFINE_ITERATIONS):
        disp = np.zeros_like(xy)
        pairs = cKDTree(xy).query_pairs(CUTOFF, output_type="ndarray")
        if len(pairs):
            delta = xy[pairs[:, 0]] - xy[pairs[:, 1]]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-4)
            push = delta / dist2[:, None]  # k^2 / d along the unit vector, k = 1
            disp += _scatter(pairs[:, 0], push, n) - _scatter(pairs[:, 1], push, n)
        delta = xy[edges[:, 0]] - xy[edges[:, 1]]
        dist = np.sqrt((delta**2).sum(axis=1))
        drag = delta * pull[:, None]  # pull x d along the unit vector (ForceAtlas2-like)
        disp += _scatter(edges[:, 1], drag, n) - _scatter(edges[:, 0], drag, n)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        xy += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cool
    return xy


def _scatter(index: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Sum ``vectors`` per ``index`` into an (n, 2) array (bincount: ~10x np.add.at)."""
    return np.stack(
        [np.bincount(index, vectors[:, 0], n), np.bincount(index, vectors[:, 1], n)], axis=1
    )


def _pack(boxes: list[dict[str, np.ndarray]]) -> list[dict[str, np.ndarray]]:
    """Place component layouts in rows (largest first), one unit of margin apart."""
    total_area = sum((_size(b)[0] + 1) * (_size(b)[1] + 1) for b in boxes)
    row_width = max(math.sqrt(total_area * ASPECT), _size(boxes[0])[0] + 1)
    placed = []
    x = y = row_height = 0.0
    for box in boxes:
        w, h = _size(box)
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + 1, 0.0
        low = np.min(np.array(list(box.values())), axis=0)
        offset = np.array([x, y]) - low
        placed.append({n: p + offset for n, p in box.items()})
        x += w + 1
        row_height = max(row_height, h)
    return placed


def _size(box: dict[str, np.ndarray]) -> tuple[float, float]:
    xy = np.array(list(box.values()))
    w, h = xy.max(axis=0) - xy.min(axis=0)
    return float(w), float(h)
