"""One seeded, signed layout over the union of all snapshots.

Every map of a run uses the same positions, so an actor stands in the same
place on every date and two maps can be compared by eye.

The layout is a force model over the signed union graph: cooperation pulls two
actors together and conflict pushes them apart (up to :data:`CONFLICT_RANGE`),
each in proportion to the tie's weight (a mixed tie does both, by its shares),
and every two actors repel in proportion to their total tie strength (LinLog's
edge repulsion), so camps end up as separate regions whatever the number of
actors. It starts from a signed spectral embedding (the two leading
eigenvectors of the normalised cooperation-minus-conflict matrix) and follows
the forces in temperature-limited steps.

Repulsion is summed over all pairs up to :data:`EXACT_LIMIT` actors in a
component (O(n^2) a step); beyond that it is read from a grid (particle-mesh:
masses binned into :data:`GRID` x :data:`GRID` cells, the field one FFT
convolution), O(n + ties) a step: 2,000 actors / 20,000 ties in about 4 CPU
seconds (``bench/bench_layout.py``).

Each connected component is laid out on its own and the components are packed
side by side, largest first, each at the same density (median distance to the
nearest actor), with actors pushed far out by their adversaries drawn back in.
A component of three or more actors is never left on one line (it is bent into
an arc). Finally a drawing pass moves dots the
least it can so that no dot lies on a tie it is not part of and no label box
(estimated from the font size and text length the pages use) overlaps another
label or dot.

Positions can be anchored to an earlier layout (``previous``): the new layout is
aligned onto it and actors already placed move only a quarter of the way to
their new places, so a rebuild after adding articles moves the map little. ``netviz build`` keeps the layout in ``OUT/layout.json``
(:func:`read_layout`, :func:`write_layout`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.signal import fftconvolve
from scipy.sparse.linalg import eigsh
from scipy.spatial import cKDTree

from netviz.errors import NetvizError
from netviz.graph.steps import UnionInput, dated_steps, graph_steps, union_input
from netviz.io import atomic_write_text

#: Median distance from an actor to its nearest neighbour in a fresh layout, in pixels
#: (sets the scale: room for dots and labels, so the drawing pass only nudges).
NEIGHBOUR = 60.0
#: Smallest half-width of a fresh layout, so a handful of actors is not cramped.
MIN_EXTENT = 300.0
#: Largest component whose repulsion is summed over all pairs.
EXACT_LIMIT = 300
#: Cells a side of the grid that approximates crowding beyond EXACT_LIMIT.
GRID = 128
#: Repulsion between every two actors, against a pull of 1 per unit of tie strength.
CROWDING = 1.0
#: Distance (units) within which adversaries push each other apart, and how hard.
CONFLICT_RANGE = 1.5
CONFLICT_PUSH = 1.0
#: Distance from the centre, in median distances, beyond which outliers are drawn in.
STRAY = 1.3
#: Pull towards the component's centre (keeps camps that repel each other in view).
GRAVITY = 0.01
#: Steps of a layout.
ITERATIONS = 300
#: Share of the way an already placed actor moves towards its new place on a rebuild.
ANCHOR_STEP = 0.25
#: Width / height the packed components aim for (maps are wider than tall).
ASPECT = 1.5
#: What the pages draw (netviz.site.render: SIZE_RANGE and the node font):
#: dot radius range in pixels, label font size, and the gap vis-network leaves
#: between a dot and the label below it.
DOT_RADIUS = (8.0, 32.0)
FONT_SIZE = 14.0
LABEL_GAP = 3.0
#: Estimated label box: width (CHAR_WIDTH x characters + LABEL_PAD) and height in
#: font sizes, plus the white outline (strokeWidth 3) on each side. Measured in
#: Chromium with canvas measureText on the 266 names of the bundled codebook: the
#: estimate is short for 3% of them, by at most 2.8 px (within the outline).
CHAR_WIDTH = 0.55
LABEL_PAD = 0.8
LINE_HEIGHT = 1.25
LABEL_STROKE = 3.0
#: Space kept between drawn marks, in pixels.
MARGIN = 2.0
#: Visible length of a tie between the two dots, in pixels (room to see and click it).
TIE_CLEARANCE = 30.0
#: Rounds of the drawing pass, and rounds without progress after which it stops.
DECLUTTER_ROUNDS = 200
STALL_ROUNDS = 60  # 25 left a dot on a foreign tie of the seed maps: a conflict can stall for a while before it falls
#: Largest (actors x ties) for which dots are kept off foreign ties (the check is O(actors x ties)).
TIE_CHECK_LIMIT = 1_000_000

Position = tuple[float, float]


@dataclass(frozen=True)
class Layout:
    """Positions (``{actor: (x, y)}`` in canvas pixels) and the fingerprint of
    what they were computed from (actors, marks, ties, seed)."""

    positions: dict[str, Position]
    fingerprint: str = ""


def compute_layout(
    graphs: Iterable[nx.Graph], seed: int = 42, *, previous: Mapping[str, Position] | None = None
) -> dict[str, Position]:
    """Positions for every actor of every snapshot, in canvas pixels.

    Parameters
    ----------
    graphs : iterable of networkx.Graph
        Snapshot graphs (actor ids as nodes; edge ``weight``, and ``cooperation``
        / ``conflict`` or ``sign``; node ``label`` and ``strength``, used to size
        dots and labels as the pages draw them).
    seed : int
        Seed of every random choice: same graphs and seed, same positions,
        whatever the order of the graphs, of their nodes or the hash seed.
    previous : mapping, optional
        An earlier layout (``{actor: (x, y)}`` in pixels) to stay close to;
        actors not in the graphs are ignored.

    Returns
    -------
    dict
        ``{actor id: (x, y)}`` in whole pixels (vis-network reports positions
        as integers), sorted by id; a fresh layout is centred on (0, 0) and at
        least :data:`MIN_EXTENT` wide each way.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> g.add_edge("TUR", "SYR", weight=4.0, sign=-1)
    >>> pos = compute_layout([g])
    >>> sorted(pos)
    ['RUS', 'SYR', 'TUR']
    >>> math.dist(pos["RUS"], pos["SYR"]) < math.dist(pos["TUR"], pos["SYR"])
    True
    """
    return place_actors(graphs, seed, previous=Layout(dict(previous)) if previous else None).positions


def place_actors(graphs: Iterable[nx.Graph], seed: int = 42, *, previous: Layout | None = None) -> Layout:
    """:func:`compute_layout` with its fingerprint; reuses ``previous`` as it is when
    it was computed from the same actors, ties and seed (a rebuild of the same inputs
    gives the same bytes), and anchors to it otherwise.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> first = place_actors([g])
    >>> place_actors([g], previous=first) == first
    True
    """
    return place_union(_union(graphs), seed, previous=previous)


def place_snapshots(snapshots: Mapping, seed: int = 42, *, previous: Layout | None = None) -> Layout:
    """:func:`place_actors` over every date of ``snapshots`` (a mapping of date to graph): for a
    build's lazy snapshots, from the history's changes without building a graph (the same
    positions and fingerprint as :func:`place_actors` over the graphs)."""
    return place_union(union_graph(union_input(dated_steps(snapshots, find_blocs=False))), seed, previous=previous)


def place_union(union: nx.Graph, seed: int = 42, *, previous: Layout | None = None) -> Layout:
    """The layout of a union graph (:func:`union_graph`), anchored to ``previous``."""
    fingerprint = _fingerprint(union, seed)
    if previous is not None and previous.fingerprint == fingerprint:
        return previous
    if union.number_of_nodes() == 0:
        return Layout({}, fingerprint)
    ids = list(union.nodes)
    old = {a: p for a, p in (previous.positions if previous else {}).items() if a in union}
    xy = _anchored(union, old, seed) if old else _fresh(union, seed)
    radius, labels, smallest = _marks(union)
    xy = declutter(xy, _edge_index(union), radius, labels, smallest=smallest)
    positions = {a: (float(round(x)), float(round(y))) for a, (x, y) in zip(ids, xy.tolist())}
    return Layout(positions, fingerprint)


# --- the union graph -----------------------------------------------------------


def _union(graphs: Iterable[nx.Graph]) -> nx.Graph:
    """The union of the snapshots (see :func:`union_graph`), after checking they are snapshot graphs."""
    graphs = list(graphs)
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
    return union_graph(union_input(graph_steps(graphs, blocs=False)))


def union_graph(given: UnionInput) -> nx.Graph:
    """The union of the snapshots, actors and ties sorted: per tie ``cooperation`` and
    ``conflict`` summed over snapshots; per actor the longest ``label`` and the
    largest and ``smallest`` dot ``radius`` it has on any date (its label sits
    below the dot, so its height on the page moves with the radius)."""
    top = max((s for _, s, _ in given.actors.values()), default=0.0)
    union = nx.Graph()
    for n, (label, strength, weakest) in given.actors.items():
        union.add_node(n, label=label, radius=_radius(strength, top), smallest=_radius(weakest, top))
    for key in given.cooperation:
        union.add_edge(*key, cooperation=given.cooperation[key], conflict=given.conflict[key])
    return union


def _radius(strength: float, top: float) -> float:
    """The dot radius the pages draw (netviz.site.palette.node_size over the run's largest strength)."""
    low, high = DOT_RADIUS
    share = min(strength / top, 1.0) if top > 0 else 0.0
    return low + (high - low) * math.sqrt(share)


def _fingerprint(union: nx.Graph, seed: int) -> str:
    """A digest of what a layout depends on: actors, marks, ties and their weights, seed."""
    h = hashlib.sha256(f"{seed}\n".encode())
    for n, d in union.nodes(data=True):
        h.update(f"{n}\t{d['label']}\t{d['radius']:.6g}\n".encode())
    for u, v, d in union.edges(data=True):
        h.update(f"{u}\t{v}\t{d['cooperation']:.6g}\t{d['conflict']:.6g}\n".encode())
    return h.hexdigest()


# --- forces ----------------------------------------------------------------------


class _Ties:
    """A component's ties as index arrays with their pull (cooperation) and push (conflict)."""

    def __init__(self, g: nx.Graph, index: Mapping[str, int]) -> None:
        rows = [(index[u], index[v], d["cooperation"], d["conflict"]) for u, v, d in g.edges(data=True)]
        arr = np.array(rows, dtype=float).reshape(-1, 4)
        self.ends = arr[:, :2].astype(np.int64)
        total = arr[:, 2] + arr[:, 3]
        # weight sets the strength, on a square-root scale around the typical tie
        typical = float(np.median(total)) if len(total) else 1.0
        strength = np.clip(np.sqrt(total / (typical or 1.0)), 0.25, 4.0)
        share = np.divide(arr[:, 2], total, out=np.full(len(total), 0.5), where=total > 0)
        self.pull = strength * share
        self.push = strength * (1 - share)
        # an actor's mass is its total tie strength (at least one tie's worth): crowding
        # between two actors grows with both masses over the total, as in LinLog's edge
        # repulsion, so camps stay apart whatever the number of actors
        n = len(index)
        self.mass = np.maximum(np.bincount(self.ends.ravel(), np.repeat(strength, 2), n), 1.0)


def _signed_spectral(n: int, ties: _Ties, rng: np.random.Generator) -> np.ndarray:
    """The two leading eigenvectors of D^-1/2 (P - N) D^-1/2: allies share signs, adversaries differ."""
    i, j = ties.ends[:, 0], ties.ends[:, 1]
    signed = ties.pull - ties.push
    a = sp.coo_matrix((np.concatenate([signed, signed]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                      shape=(n, n)).tocsr()
    degree = np.asarray(abs(a).sum(axis=1)).ravel() + 1e-9
    scale = sp.diags(1 / np.sqrt(degree))
    m = scale @ a @ scale
    if n <= 400:
        values, vectors = np.linalg.eigh(m.toarray())
    else:  # a seeded start vector keeps ARPACK deterministic (its default is random)
        values, vectors = eigsh(m, k=2, which="LA", v0=rng.standard_normal(n))
    vectors = vectors[:, np.argsort(values)[::-1][:2]]
    return _fix_signs(vectors)


def _fix_signs(xy: np.ndarray) -> np.ndarray:
    """Make each column's largest entry positive: eigenvector and axis signs are arbitrary,
    and would otherwise mirror the layout between platforms."""
    return xy * np.where(xy[np.abs(xy).argmax(axis=0), range(xy.shape[1])] < 0, -1.0, 1.0)


def _relax(xy: np.ndarray, ties: _Ties, iterations: int, temperature: float) -> np.ndarray:
    """Temperature-limited force steps (units: the ideal distance between allies is 1)."""
    n = len(xy)
    exact = n <= EXACT_LIMIT
    i, j = ties.ends[:, 0], ties.ends[:, 1]
    cool = (0.01 / temperature) ** (1 / max(iterations, 1)) if temperature > 0.01 else 1.0
    for _ in range(iterations):
        disp = CROWDING * (_crowding(xy, ties.mass) if exact else _crowding_grid(xy, ties.mass))
        delta = xy[i] - xy[j]
        dist = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-3)
        # cooperation pulls with a constant force (LinLog-like: tight camps, and a flipped
        # sign across camps does not drag one camp onto the other as a d^2 pull would);
        # conflict is a spring that only pushes, up to CONFLICT_RANGE (an unbounded push
        # sends a lone enemy of many off the map)
        along = (-ties.pull + CONFLICT_PUSH * ties.push * np.maximum(CONFLICT_RANGE - dist, 0)) / dist
        force = delta * along[:, None]
        disp += _scatter(i, force, n) - _scatter(j, force, n)
        disp -= GRAVITY * ties.mass[:, None] * (xy - xy.mean(axis=0))
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        xy = xy + disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cool
    return xy


def _crowding(xy: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Repulsion m_i m_j / (M d) between all pairs, in row blocks to bound memory."""
    out = np.empty_like(xy)
    for start in range(0, len(xy), 512):
        delta = xy[start:start + 512, None, :] - xy[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-4)
        out[start:start + 512] = ((delta / dist2[:, :, None]) * mass[None, :, None]).sum(axis=1)
    return out * (mass / mass.sum())[:, None]


def _crowding_grid(xy: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """:func:`_crowding` on a grid (particle-mesh): masses binned into GRID x GRID cells,
    the field a convolution (FFT) with the 1/d kernel, read back at each actor's cell.
    O(n + GRID^2 log GRID) a step; coarse below one cell, where the drawing pass takes over."""
    low = xy.min(axis=0)
    cell = max(float((xy.max(axis=0) - low).max()) / (GRID - 1), 1e-9)
    index = np.minimum(((xy - low) / cell).astype(np.int64), GRID - 1)
    density = np.zeros((GRID, GRID))
    np.add.at(density, (index[:, 0], index[:, 1]), mass)
    offsets = np.arange(-(GRID - 1), GRID) * cell
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    dist2 = dx**2 + dy**2 + (cell / 2) ** 2  # softened inside a cell
    fx = fftconvolve(density, dx / dist2, mode="same")
    fy = fftconvolve(density, dy / dist2, mode="same")
    field = np.stack([fx[index[:, 0], index[:, 1]], fy[index[:, 0], index[:, 1]]], axis=1)
    return field * (mass / mass.sum())[:, None]


def _scatter(index: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Sum ``vectors`` per ``index`` into an (n, dims) array (bincount: ~10x np.add.at)."""
    return np.stack([np.bincount(index, vectors[:, c], n) for c in range(vectors.shape[1])], axis=1)


# --- a fresh layout --------------------------------------------------------------


def _fresh(union: nx.Graph, seed: int) -> np.ndarray:
    """Lay out each component, pack them, centre and scale to pixels."""
    ids = list(union.nodes)
    components = sorted((sorted(c) for c in nx.connected_components(union)), key=lambda c: (-len(c), c[0]))
    boxes = [_component(union.subgraph(c), c, seed) for c in components]
    placed = _pack(boxes)
    xy = np.array([placed[a] for a in ids], dtype=float)
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    scale = NEIGHBOUR / _nearest(xy) if len(xy) > 1 else 1.0
    half = float(np.abs(xy).max()) * scale
    if 0 < half < MIN_EXTENT:
        scale *= MIN_EXTENT / half
    return xy * scale


def _nearest(xy: np.ndarray) -> float:
    """Median distance from a point to its nearest neighbour (1 when undefined)."""
    if len(xy) < 2:
        return 1.0
    dist, _ = cKDTree(xy).query(xy, k=2)
    return float(np.median(dist[:, 1])) or 1.0


def _component(g: nx.Graph, nodes: list[str], seed: int) -> dict[str, np.ndarray]:
    """Positions of one connected component in units, widest spread horizontal."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    if n == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    rng = np.random.default_rng(seed)
    ties = _Ties(g, {a: i for i, a in enumerate(nodes)})
    xy = _signed_spectral(n, ties, rng)
    xy = xy / (np.abs(xy).max(axis=0) + 1e-12) * math.sqrt(n) / 2 + rng.normal(0, 0.05, (n, 2))
    xy = _relax(xy, ties, ITERATIONS, temperature=math.sqrt(n) / 4)
    # turn the widest spread horizontal: maps are wider than tall; and one density for
    # every component (a pair of enemies is not drawn three times wider than allies)
    xy = _reel_in(_principal(xy) / _nearest(xy))
    xy = _unbend(xy)
    return dict(zip(nodes, xy))


def _reel_in(xy: np.ndarray) -> np.ndarray:
    """Bring actors pushed far out by their adversaries back towards the rest: distances from
    the centre beyond STRAY x the median one are compressed fourfold, directions kept. The
    map keeps its regions without a few outliers shrinking everything else into a corner."""
    if len(xy) < 4:
        return xy
    centre = np.median(xy, axis=0)
    radius = np.sqrt(((xy - centre) ** 2).sum(axis=1))
    cap = STRAY * float(np.median(radius))
    far = radius > cap
    scaled = np.where(far, (cap + (radius - cap) / 4) / np.maximum(radius, 1e-12), 1.0)
    return centre + (xy - centre) * scaled[:, None]


def _principal(xy: np.ndarray) -> np.ndarray:
    """``xy`` centred and turned onto its principal axes, widest first, signs fixed."""
    xy = xy - xy.mean(axis=0)
    _, axes = np.linalg.eigh(xy.T @ xy)
    return _fix_signs(xy @ axes[:, ::-1])


def _unbend(xy: np.ndarray) -> np.ndarray:
    """Bend a component that lies (almost) on one line into an arc, so no three actors are collinear."""
    spread = xy.std(axis=0)
    if spread[1] >= 0.25 * spread[0]:
        return xy
    width = float(np.ptp(xy[:, 0])) or 1.0
    t = (xy[:, 0] - xy[:, 0].min()) / width * 2 - 1  # -1 .. 1 along the line
    # a circular-ish arc: no three points of a strictly convex curve are collinear
    return np.stack([xy[:, 0], xy[:, 1] + 0.35 * width * (1 - t**2)], axis=1)


def _pack(boxes: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Place component layouts in rows (largest first), one unit of margin apart."""
    sizes = [_size(b) for b in boxes]
    total_area = sum((w + 1) * (h + 1) for w, h in sizes)
    row_width = max(math.sqrt(total_area * ASPECT), sizes[0][0] + 1)
    placed: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for box, (w, h) in zip(boxes, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + 1, 0.0
        low = np.min(np.array(list(box.values())), axis=0)
        offset = np.array([x, y]) - low
        placed.update({a: p + offset for a, p in box.items()})
        x += w + 1
        row_height = max(row_height, h)
    return placed


def _size(box: dict[str, np.ndarray]) -> tuple[float, float]:
    xy = np.array(list(box.values()))
    w, h = xy.max(axis=0) - xy.min(axis=0)
    return float(w), float(h)


# --- an anchored layout ----------------------------------------------------------


def _anchored(union: nx.Graph, old: Mapping[str, Position], seed: int) -> np.ndarray:
    """A fresh layout turned, scaled and shifted onto the previous one (orthogonal Procrustes
    over the actors both place), with each placed actor moved only :data:`ANCHOR_STEP` of the
    way from its old position to its new one: a map drifts towards what the evidence now
    says, a little each rebuild, instead of jumping."""
    ids = list(union.nodes)
    xy = _fresh(union, seed)
    common = [i for i, a in enumerate(ids) if a in old]
    before = np.array([old[ids[i]] for i in common])
    now = xy[common]
    centre_now, centre_before = now.mean(axis=0), before.mean(axis=0)
    a, b = now - centre_now, before - centre_before
    if len(common) > 1 and (a**2).sum() > 0:
        u, sv, vt = np.linalg.svd(a.T @ b)
        rotation = u @ vt
        stretch = sv.sum() / (a**2).sum()
    else:
        rotation, stretch = np.eye(2), 1.0
    xy = (xy - centre_now) @ rotation * stretch + centre_before
    xy[common] = before + ANCHOR_STEP * (xy[common] - before)
    return xy


# --- the drawing pass ----------------------------------------------------------------


def _marks(union: nx.Graph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Largest dot radii, label sizes (width, height) and smallest dot radii in pixels, as the pages draw them."""
    radius = np.array([d["radius"] for _, d in union.nodes(data=True)], dtype=float)
    labels = np.array([((len(d["label"]) * CHAR_WIDTH + LABEL_PAD) * FONT_SIZE + 2 * LABEL_STROKE,
                        LINE_HEIGHT * FONT_SIZE + LABEL_STROKE) for _, d in union.nodes(data=True)])
    smallest = np.array([d["smallest"] for _, d in union.nodes(data=True)], dtype=float)
    return radius, labels, smallest


def _edge_index(union: nx.Graph) -> list[tuple[int, int]]:
    index = {a: i for i, a in enumerate(union.nodes)}
    return [(index[u], index[v]) for u, v in union.edges]


def mark_boxes(xy: np.ndarray, radius: np.ndarray, labels: np.ndarray,
               smallest: np.ndarray | None = None, pad: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Boxes ``(x0, y0, x1, y1)`` of each dot and of its label (centred below the dot, as vis-network draws it).

    With ``smallest`` (each dot's smallest radius over the dates), a label box
    covers every height the label takes as its dot grows from that to ``radius``.
    ``pad`` widens every box by that much on each side.
    """
    dots = np.concatenate([xy - radius[:, None], xy + radius[:, None]], axis=1)
    low = radius if smallest is None else smallest
    top = xy[:, 1] + low + LABEL_GAP
    half = labels[:, 0] / 2
    boxes = np.stack([xy[:, 0] - half, top, xy[:, 0] + half, top + (radius - low) + labels[:, 1]], axis=1)
    return dots + [-pad, -pad, pad, pad], boxes + [-pad, -pad, pad, pad]


def label_overlaps(xy: np.ndarray, radius: np.ndarray, labels: np.ndarray,
                   smallest: np.ndarray | None = None, pad: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (i, j) whose marks overlap: label i over label j, or label i over dot j, or dot i over dot j
    (boxes as :func:`mark_boxes` gives them)."""
    dots, boxes = mark_boxes(xy, radius, labels, smallest, pad)
    found = []
    for a, b, symmetric in ((boxes, boxes, True), (boxes, dots, False), (dots, dots, True)):
        for i, j in _overlapping(a, b, symmetric):
            found.append((int(i), int(j)))
    return sorted(set(found))


def _overlapping(a: np.ndarray, b: np.ndarray, symmetric: bool) -> np.ndarray:
    """Index pairs (i, j), i != j, where box a[i] overlaps box b[j] (k-d tree on centres)."""
    ca, cb = (a[:, :2] + a[:, 2:]) / 2, (b[:, :2] + b[:, 2:]) / 2
    reach = float(np.hypot(*(a[:, 2:] - a[:, :2]).max(axis=0)) + np.hypot(*(b[:, 2:] - b[:, :2]).max(axis=0))) / 2
    candidates = cKDTree(ca).sparse_distance_matrix(cKDTree(cb), reach, output_type="ndarray")
    i, j = candidates["i"], candidates["j"]
    keep = i != j
    if symmetric:
        keep &= i < j
    i, j = i[keep], j[keep]
    hit = (a[i, 0] < b[j, 2]) & (b[j, 0] < a[i, 2]) & (a[i, 1] < b[j, 3]) & (b[j, 1] < a[i, 3])
    return np.stack([i[hit], j[hit]], axis=1)


def dots_on_ties(xy: np.ndarray, edges: list[tuple[int, int]] | np.ndarray, radius: np.ndarray,
                 margin: float = 0.0) -> list[tuple[int, int]]:
    """``(actor, tie)`` pairs where a dot lies within its radius (+ margin) of a tie it is not part of."""
    return [(int(k), int(e)) for k, e, *_ in _tie_hits(xy, np.asarray(edges, dtype=np.int64).reshape(-1, 2),
                                                       radius, margin)]


def _tie_hits(xy, edges, radius, margin):
    """(actor, tie, unit vector from the tie to the dot, shortfall, where along the tie) for
    every dot too close to a foreign tie."""
    n = len(xy)
    if len(edges) == 0 or n * len(edges) > TIE_CHECK_LIMIT:
        return []
    out = []
    p, q = xy[edges[:, 0]], xy[edges[:, 1]]
    seg = q - p
    length2 = np.maximum((seg**2).sum(axis=1), 1e-9)
    for start in range(0, n, 256):
        pts = xy[start:start + 256]
        t = np.clip((((pts[:, None, :] - p[None]) * seg[None]).sum(axis=2)) / length2[None], 0, 1)
        nearest = p[None] + t[:, :, None] * seg[None]
        away = pts[:, None, :] - nearest
        dist = np.sqrt((away**2).sum(axis=2))
        rows = np.arange(start, start + len(pts))[:, None]
        need = radius[start:start + 256, None] + margin
        hit = (dist < need) & (edges[None, :, 0] != rows) & (edges[None, :, 1] != rows)
        for k, e in zip(*np.nonzero(hit)):
            d = dist[k, e]
            if d > 1e-6:
                unit = away[k, e] / d
            else:  # on the line: step off it to the left of the tie
                unit = np.array([-seg[e, 1], seg[e, 0]]) / math.sqrt(length2[e])
            out.append((start + k, e, unit, need[k, 0] - d, t[k, e]))
    return out


def label_sides(xy: np.ndarray, radius: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The places a page may draw each actor's label, ``(actors, 8, 4)`` boxes ``(x0, y0, x1, y1)``:
    below its dot (vis-network's place), above, right, left, then the four corners; the page
    (netviz.js, labelBoxes) takes the first that covers no other label, dot or foreign tie."""
    x, y, r = xy[:, 0], xy[:, 1], radius
    w, h = labels[:, 0], labels[:, 1]
    g = LABEL_GAP
    c = r * 0.72 + g
    return np.stack([
        np.stack([x - w / 2, y + r + g, x + w / 2, y + r + g + h], axis=1),
        np.stack([x - w / 2, y - r - g - h, x + w / 2, y - r - g], axis=1),
        np.stack([x + r + g, y - h / 2, x + r + g + w, y + h / 2], axis=1),
        np.stack([x - r - g - w, y - h / 2, x - r - g, y + h / 2], axis=1),
        np.stack([x + c, y + c, x + c + w, y + c + h], axis=1),
        np.stack([x - c - w, y + c, x - c, y + c + h], axis=1),
        np.stack([x + c, y - c - h, x + c + w, y - c], axis=1),
        np.stack([x - c - w, y - c - h, x - c, y - c], axis=1),
    ], axis=1)


def labels_on_ties(xy: np.ndarray, edges: list[tuple[int, int]] | np.ndarray, radius: np.ndarray,
                   labels: np.ndarray) -> list[int]:
    """Actors whose label has no place (of :func:`label_sides`) clear of every tie the actor is not
    part of: wherever the page draws it, the label lies across a foreign tie and seems to name it."""
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if len(edges) == 0 or len(xy) * len(edges) * 8 > TIE_CHECK_LIMIT:
        return []
    sides = label_sides(xy, radius, labels)
    crossed = np.zeros(sides.shape[:2], dtype=bool)
    for box, _ in _box_tie_hits(sides.reshape(-1, 4), np.repeat(np.arange(len(xy)), 8), xy, edges):
        crossed[box // 8, box % 8] = True
    return [int(k) for k in np.nonzero(crossed.all(axis=1))[0]]


def _box_tie_hits(boxes, owner, xy, edges):
    """(box, tie) for every box crossed by a tie its owner (an actor index per box) is not part of
    (Liang-Barsky clipping, in blocks of boxes)."""
    p, q = xy[edges[:, 0]], xy[edges[:, 1]]
    d = q - p
    out = []
    for start in range(0, len(boxes), 256):
        b = boxes[start:start + 256]
        t0 = np.zeros((len(b), len(edges)))
        t1 = np.ones((len(b), len(edges)))
        inside = np.ones((len(b), len(edges)), dtype=bool)
        for pk, qk in ((-d[:, 0], p[:, 0] - b[:, None, 0]), (d[:, 0], b[:, None, 2] - p[:, 0]),
                       (-d[:, 1], p[:, 1] - b[:, None, 1]), (d[:, 1], b[:, None, 3] - p[:, 1])):
            pk = np.broadcast_to(pk, qk.shape)
            parallel = pk == 0
            inside &= ~(parallel & (qk < 0))
            t = qk / np.where(parallel, 1.0, pk)
            t0 = np.where(~parallel & (pk < 0), np.maximum(t0, t), t0)
            t1 = np.where(~parallel & (pk > 0), np.minimum(t1, t), t1)
        who = owner[start:start + 256, None]
        hit = inside & (t0 <= t1) & (edges[None, :, 0] != who) & (edges[None, :, 1] != who)
        out.extend((start + int(i), int(e)) for i, e in zip(*np.nonzero(hit)))
    return out


def declutter(xy: np.ndarray, edges: list[tuple[int, int]] | np.ndarray, radius: np.ndarray,
              labels: np.ndarray, rounds: int = DECLUTTER_ROUNDS, *,
              smallest: np.ndarray | None = None) -> np.ndarray:
    """Move dots the least it can so that marks do not overlap and no dot sits on a foreign tie.

    Each round separates overlapping boxes (dots and the labels below them)
    along the axis where they overlap least, lengthens ties whose visible part
    between the dots is shorter than TIE_CLEARANCE, then pushes each dot that
    lies within its radius of a tie it is not part of straight away from that tie.
    Stops at the first round with nothing to move, or after STALL_ROUNDS rounds
    without fewer conflicts (a dense map may have no drawing free of them).

    Labels are placed by the page, at every zoom, on whichever side of the dot
    covers nothing (netviz.js); :func:`labels_on_ties` counts the actors left with
    no such side. (Stepping those actors away from the ties here was tried: on
    the seed maps and the real corpus no step freed a label without putting a
    dot on a tie or marks over each other, so the pass does not try.)
    """
    xy = np.array(xy, dtype=float)
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    fewest, stalled = math.inf, 0
    for _ in range(rounds):
        moved = False
        conflicts = 0
        dots, boxes = mark_boxes(xy, radius, labels, smallest)
        # a dot and its own label form one mark: compare each with the others' dots and labels
        mark = np.concatenate([np.minimum(dots[:, :2], boxes[:, :2]), np.maximum(dots[:, 2:], boxes[:, 2:])], axis=1)
        shift = np.zeros_like(xy)
        # MARGIN apart, so rounding to whole pixels cannot make them touch again
        for i, j in label_overlaps(xy, radius, labels, smallest, pad=MARGIN / 2):
            a, b = mark[i], mark[j]
            ox = min(a[2], b[2]) - max(a[0], b[0]) + MARGIN
            oy = min(a[3], b[3]) - max(a[1], b[1]) + MARGIN
            if ox <= 0 or oy <= 0:
                continue
            d = xy[i] - xy[j]
            if ox < oy:
                step = np.array([math.copysign(ox / 2, d[0] if d[0] else i - j), 0.0])
            else:
                step = np.array([0.0, math.copysign(oy / 2, d[1] if d[1] else i - j)])
            shift[i] += step
            shift[j] -= step
            moved = True
            conflicts += 1
        if len(edges):  # a tie long enough to see and click between its two dots
            ends = xy[edges[:, 0]] - xy[edges[:, 1]]
            length = np.sqrt((ends**2).sum(axis=1))
            short = radius[edges[:, 0]] + radius[edges[:, 1]] + TIE_CLEARANCE - length
            for e in np.nonzero(short > 0)[0]:
                unit = ends[e] / length[e] if length[e] > 1e-6 else np.array([1.0, 0.0])
                shift[edges[e, 0]] += unit * (short[e] / 2 + MARGIN)
                shift[edges[e, 1]] -= unit * (short[e] / 2 + MARGIN)
                moved = True
                conflicts += 1
        for k, e, unit, short, t in _tie_hits(xy, edges, radius, MARGIN):
            # the dot steps away and the tie steps back (its nearer end more): a dot caught
            # between two ties cannot get free by moving alone
            step = unit * (short + MARGIN)
            shift[k] += step * 0.6
            shift[edges[e, 0]] -= step * 0.4 * (1 - t)
            shift[edges[e, 1]] -= step * 0.4 * t
            moved = True
            conflicts += 1
        # a dense map may have no drawing without conflicts: stop once they stop falling
        fewest, stalled = (conflicts, 0) if conflicts < fewest else (fewest, stalled + 1)
        if not moved or stalled >= STALL_ROUNDS:
            break
        xy += shift
    return xy


# --- the layout file -------------------------------------------------------------------

#: Name of the layout file ``netviz build`` keeps in its output folder.
LAYOUT_FILE = "layout.json"


def read_layout(path: Path | str) -> Layout | None:
    """The layout saved in ``path`` by :func:`write_layout`, or None when it is absent or unreadable.

    A damaged or foreign file is not an error: the layout is then computed afresh
    (and the file rewritten).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        positions = {str(a): (float(x), float(y)) for a, (x, y) in data["positions"].items()}
        fingerprint = str(data["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None
    if not all(math.isfinite(v) for p in positions.values() for v in p):
        return None
    return Layout(positions, fingerprint)


def write_layout(path: Path | str, layout: Layout) -> Path:
    """Save ``layout`` as JSON (atomically): the positions a later build is anchored to.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / LAYOUT_FILE
    >>> read_layout(write_layout(p, Layout({"RUS": (0.0, 1.5)}, "abc")))
    Layout(positions={'RUS': (0.0, 1.5)}, fingerprint='abc')
    """
    body = {"about": "netviz actor positions (canvas pixels); a rebuild into this folder starts from them."
                     " Delete this file for a fresh layout.",
            "fingerprint": layout.fingerprint,
            "positions": {a: list(p) for a, p in sorted(layout.positions.items())}}
    return atomic_write_text(Path(path), json.dumps(body, indent=0, ensure_ascii=False) + "\n")
