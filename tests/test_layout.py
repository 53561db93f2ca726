"""compute_layout: one stable, seeded layout over all snapshots."""

from __future__ import annotations

import copy
import json
import math
import os
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from netviz import pipeline
from netviz.errors import NetvizError
from netviz.graph.layout import (
    CHAR_WIDTH,
    DOT_RADIUS,
    EXACT_LIMIT,
    FONT_SIZE,
    LABEL_PAD,
    LABEL_STROKE,
    LINE_HEIGHT,
    MIN_EXTENT,
    compute_layout,
    dots_on_ties,
    label_overlaps,
    label_sides,
    labels_on_ties,
    place_actors,
    read_layout,
    write_layout,
)
from netviz.ingest.actors import load_codebook
from netviz.site.mapdata import vis_options
from netviz.site.palette import SIZE_RANGE, node_size

ROOT = Path(__file__).resolve().parent.parent


def signed_graph(ties: list[tuple[str, str, float, int]], **graph_attrs) -> nx.Graph:
    """A snapshot-like graph: (a, b, weight, sign) ties with cooperation/conflict split by sign."""
    g = nx.Graph(**graph_attrs)
    for a, b, w, s in ties:
        g.add_edge(a, b, weight=w, sign=s, cooperation=w if s > 0 else 0.0, conflict=w if s < 0 else 0.0)
    return g


def two_blocs(n: int, seed: int = 1) -> nx.Graph:
    """Two blocs of n actors: cooperation inside each, a few conflicts across."""
    rnd = random.Random(seed)
    left = [f"L{i:03d}" for i in range(n)]
    right = [f"R{i:03d}" for i in range(n)]
    ties = []
    for bloc in (left, right):
        for a, b in combinations(bloc, 2):
            if rnd.random() < 0.3:
                ties.append((a, b, rnd.uniform(1, 5), 1))
        ties += [(bloc[i], bloc[i + 1], 1.0, 1) for i in range(n - 1)]  # keep each bloc connected
    ties += [(rnd.choice(left), rnd.choice(right), rnd.uniform(1, 5), -1) for _ in range(n)]
    return signed_graph(ties)


def mean_distance(pos, pairs) -> float:
    return sum(math.dist(pos[a], pos[b]) for a, b in pairs) / len(pairs)


def test_every_actor_of_every_snapshot_gets_one_position():
    early = signed_graph([("RUS", "SYR", 6, 1)])
    late = signed_graph([("RUS", "SYR", 8, 1), ("TUR", "YPG", 5, -1), ("USA", "YPG", 4, 1)])
    pos = compute_layout([early, late])
    assert set(pos) == {"RUS", "SYR", "TUR", "YPG", "USA"}
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in pos.values())


def test_same_snapshots_same_positions_whatever_their_order():
    a = signed_graph([("RUS", "SYR", 6, 1), ("TUR", "SYR", 3, -1)])
    b = signed_graph([("TUR", "USA", 2, 1), ("USA", "YPG", 4, 1), ("TUR", "YPG", 5, -1)])
    reordered = nx.Graph()
    reordered.add_nodes_from(sorted(b.nodes, reverse=True))
    reordered.add_edges_from(reversed(list(b.edges(data=True))))
    assert compute_layout([a, b]) == compute_layout([reordered, a])
    assert compute_layout([a, b], seed=7) == compute_layout([a, b], seed=7)


def test_the_seed_changes_the_layout():
    g = two_blocs(6)
    assert compute_layout([g], seed=1) != compute_layout([g], seed=2)


def test_snapshots_are_not_modified():
    g = signed_graph([("RUS", "SYR", 6, 1), ("TUR", "SYR", 3, -1)], date="2017-01-08")
    before = (copy.deepcopy(dict(g.graph)), list(g.nodes(data=True)), list(g.edges(data=True)))
    compute_layout([g])
    assert (dict(g.graph), list(g.nodes(data=True)), list(g.edges(data=True))) == before


def test_a_small_map_is_centred_and_not_cramped():
    pos = compute_layout([signed_graph([("RUS", "SYR", 6, 1), ("SYR", "IRN", 4, 1), ("TUR", "SYR", 3, -1)])])
    xs, ys = zip(*pos.values())
    assert max(map(abs, xs + ys)) >= MIN_EXTENT - 1  # declutter may only widen it
    assert abs(max(xs) + min(xs)) < 5 and abs(max(ys) + min(ys)) < 5


def test_allies_sit_closer_together_than_adversaries():
    g = two_blocs(10)
    pos = compute_layout([g])
    allies = [(u, v) for u, v, d in g.edges(data=True) if d["sign"] > 0]
    enemies = [(u, v) for u, v, d in g.edges(data=True) if d["sign"] < 0]
    assert mean_distance(pos, allies) < mean_distance(pos, enemies)


def test_separate_groups_do_not_overlap():
    g = signed_graph([("RUS", "SYR", 6, 1), ("SYR", "IRN", 4, 1), ("RUS", "IRN", 2, 1),
                      ("SAU", "QAT", 3, -1), ("QAT", "ARE", 3, -1)])
    g.add_node("UKR")  # an actor without ties still gets a place
    pos = compute_layout([g])

    def box(actors):
        xs, ys = zip(*(pos[a] for a in actors))
        return min(xs), max(xs), min(ys), max(ys)

    groups = [box(["RUS", "SYR", "IRN"]), box(["SAU", "QAT", "ARE"]), box(["UKR"])]
    for (x0, x1, y0, y1), (u0, u1, v0, v1) in combinations(groups, 2):
        assert x1 < u0 or u1 < x0 or y1 < v0 or v1 < y0


def test_large_graphs_use_the_grid_layout_and_stay_deterministic():
    g = two_blocs(EXACT_LIMIT // 2 + 10)  # one component past EXACT_LIMIT actors
    assert nx.is_connected(g)
    pos = compute_layout([g])
    assert pos == compute_layout([g])
    assert len(set(pos.values())) == g.number_of_nodes()  # no two actors on one spot
    allies = [(u, v) for u, v, d in g.edges(data=True) if d["sign"] > 0]
    enemies = [(u, v) for u, v, d in g.edges(data=True) if d["sign"] < 0]
    assert mean_distance(pos, allies) < mean_distance(pos, enemies)


def test_ties_without_cooperation_and_conflict_use_sign():
    g = nx.Graph()
    g.add_edge("A", "B", weight=2.0, sign=1)
    g.add_edge("B", "C", weight=2.0, sign=0)
    assert set(compute_layout([g])) == {"A", "B", "C"}


def test_no_snapshots_no_positions():
    assert compute_layout([]) == {}
    assert compute_layout([nx.Graph()]) == {}


def test_bad_input_names_the_problem():
    with pytest.raises(NetvizError, match="item 1 is a dict"):
        compute_layout([nx.Graph(), {"RUS": 1}])
    g = nx.Graph()
    g.add_edge(1, 2)
    with pytest.raises(NetvizError, match="node 1 of graph 0 is not a string"):
        compute_layout([g])


# --- planted camps, seed maps, determinism, anchoring ---------------------------------------


def planted_camps(seed: int, camps: int = 5, states: int = 32, ties_per_actor: int = 12,
                  hostile: float = 2 / 3, flipped: float = 0.1) -> tuple[nx.Graph, dict[str, int]]:
    """Curated-style relations over codebook states: cooperation inside each camp and conflict
    across (two thirds of an actor's ties hostile), with a tenth of the signs flipped."""
    rnd = random.Random(seed)
    codebook = load_codebook()
    ids = sorted(a.id for a in codebook.actors.values() if a.type == "state")[:states]
    camp = {a: i % camps for i, a in enumerate(rnd.sample(ids, len(ids)))}
    g = nx.Graph()
    g.add_nodes_from((a, {"label": codebook.get(a).name}) for a in ids)
    while g.number_of_edges() < states * ties_per_actor // 2:
        a = rnd.choice(ids)
        across = rnd.random() < hostile
        b = rnd.choice([b for b in ids if b != a and (camp[b] != camp[a]) == across])
        if g.has_edge(a, b):
            continue
        sign = (-1 if across else 1) * (-1 if rnd.random() < flipped else 1)
        intensity = rnd.choice([3.0, 5.0, 7.0, 8.0])
        g.add_edge(a, b, weight=intensity, sign=sign, cooperation=intensity * (sign > 0),
                   conflict=intensity * (sign < 0))
    for a in ids:
        g.nodes[a]["strength"] = sum(w for *_, w in g.edges(a, data="weight"))
    return g, camp


def silhouette(pos: dict, group: dict) -> float:
    """Mean silhouette of the positions, grouped by ``group`` (Rousseeuw 1987)."""
    ids = sorted(pos)
    xy = np.array([pos[a] for a in ids])
    label = np.array([group[a] for a in ids])
    dist = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(axis=2))
    scores = []
    for i in range(len(ids)):
        mine = label == label[i]
        mine[i] = False
        a = dist[i, mine].mean()
        b = min(dist[i, label == c].mean() for c in set(label.tolist()) - {label[i]})
        scores.append((b - a) / max(a, b))
    return float(np.mean(scores))


def test_planted_camps_separate_in_the_layout():
    # the old layout (attraction by cooperation share, no push) scored 0.09-0.13 here
    scores = [silhouette(compute_layout([g]), camp) for g, camp in map(planted_camps, range(3))]
    assert np.mean(scores) >= 0.4, scores
    assert min(scores) > 0.25, scores


def test_the_layout_draws_what_the_pages_draw():
    """The drawing pass sizes dots and labels as render.py does."""
    assert DOT_RADIUS == SIZE_RANGE
    assert FONT_SIZE == vis_options()["nodes"]["font"]["size"]


@pytest.fixture(scope="module")
def seed_snapshots(tmp_path_factory):
    result = pipeline.build(ROOT / "data", jobs=1, cache_dir=tmp_path_factory.mktemp("cache"))
    return list(result.snapshots.values())


def marks(g: nx.Graph, top: float) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Ids, dot radii and label boxes of one map as render.py draws them."""
    ids = sorted(g.nodes)
    radius = np.array([node_size(g.nodes[a]["strength"], top) for a in ids])
    labels = np.array([((len(str(g.nodes[a].get("label") or a)) * CHAR_WIDTH + LABEL_PAD) * FONT_SIZE
                        + 2 * LABEL_STROKE, LINE_HEIGHT * FONT_SIZE + LABEL_STROKE) for a in ids])
    return ids, radius, labels


def test_on_every_seed_map_no_dot_lies_on_a_foreign_tie_and_no_labels_overlap(seed_snapshots):
    pos = compute_layout(seed_snapshots)
    top = max(s for g in seed_snapshots for _, s in g.nodes(data="strength"))
    for g in seed_snapshots:
        ids, radius, labels = marks(g, top)
        xy = np.array([pos[a] for a in ids])
        index = {a: i for i, a in enumerate(ids)}
        edges = [(index[u], index[v]) for u, v in g.edges]
        ties = list(g.edges)
        on_ties = [(ids[k], ties[e]) for k, e in dots_on_ties(xy, edges, radius)]
        assert not on_ties, (g.graph["date"], on_ties)
        overlaps = [(ids[i], ids[j]) for i, j in label_overlaps(xy, radius, labels)]
        assert not overlaps, (g.graph["date"], overlaps)


def test_the_measures_find_what_they_look_for():
    xy = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 3.0], [50.0, 12.0]])
    radius = np.full(4, 8.0)
    assert dots_on_ties(xy, [(0, 1)], radius) == [(2, 0)]  # actor 2 sits on tie 0-1, actor 3 is clear
    labels = np.array([[60.0, 20.0]] * 4)
    assert (2, 3) in label_overlaps(xy, radius, labels)  # 2's label runs over 3's dot and label
    assert (0, 1) not in label_overlaps(xy, radius, labels)


def test_a_label_with_no_side_clear_of_foreign_ties_is_found():
    # actor 0 between two ties of others, one above and one below: its label fits left or right
    xy = np.array([[0.0, 0.0], [-300.0, 30.0], [300.0, 30.0], [-300.0, -30.0], [300.0, -30.0]])
    radius = np.full(5, 8.0)
    labels = np.array([[60.0, 20.0]] * 5)
    assert labels_on_ties(xy, [(1, 2), (3, 4)], radius, labels) == []
    # and two more ties of others, left and right: every side of its label is crossed
    xy = np.vstack([xy, [[-50.0, -300.0], [-50.0, 300.0], [50.0, -300.0], [50.0, 300.0]]])
    radius, labels = np.full(9, 8.0), np.array([[60.0, 20.0]] * 9)
    assert labels_on_ties(xy, [(1, 2), (3, 4), (5, 6), (7, 8)], radius, labels) == [0]
    assert label_sides(xy, radius, labels).shape == (9, 8, 4)


def test_small_components_are_never_on_one_line():
    chain = signed_graph([("SAU", "QAT", 3, -1), ("QAT", "ARE", 3, -1)])
    path = signed_graph([("A", "B", 2, 1), ("B", "C", 2, 1), ("C", "D", 2, 1)])
    for g in (chain, path):
        pos = compute_layout([g])
        for a, b, c in combinations(sorted(pos), 3):
            (x1, y1), (x2, y2), (x3, y3) = pos[a], pos[b], pos[c]
            area = abs((x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1)) / 2
            longest = max(math.dist(pos[a], pos[b]), math.dist(pos[b], pos[c]), math.dist(pos[a], pos[c]))
            assert area / longest**2 > 0.05, (a, b, c, pos)  # a real triangle, not a line


def test_the_layout_is_the_same_under_any_hash_seed(tmp_path):
    script = (
        "import json, sys; from netviz import pipeline; from netviz.graph.layout import compute_layout;"
        f"b = pipeline.build({str(ROOT / 'data')!r}, jobs=1, cache_dir={str(tmp_path / 'cache')!r});"
        "sys.stdout.write(json.dumps(compute_layout(b.snapshots.values())))"
    )
    outputs = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1 and json.loads(outputs.pop())


def test_adding_evidence_moves_placed_actors_little_when_anchored():
    g, _ = planted_camps(0)
    grown = g.copy()
    grown.add_edge("NEW", min(g), weight=5.0, sign=1, cooperation=5.0, conflict=0.0)
    grown.add_edge(sorted(g)[3], sorted(g)[9], weight=8.0, sign=-1, cooperation=0.0, conflict=8.0)
    before = place_actors([g])
    anchored = place_actors([grown], previous=before).positions
    fresh = compute_layout([grown])  # what a build into an empty folder draws
    moved = [math.dist(before.positions[a], anchored[a]) for a in g]
    redrawn = [math.dist(before.positions[a], fresh[a]) for a in g]
    assert "NEW" in anchored
    # measured: a median of 27 px anchored against 92 px fresh
    assert np.median(moved) < 0.5 * np.median(redrawn), (np.median(moved), np.median(redrawn))


def test_the_same_inputs_reuse_the_saved_layout_exactly(tmp_path):
    g, _ = planted_camps(1)
    first = place_actors([g])
    saved = read_layout(write_layout(tmp_path / "layout.json", first))
    assert saved == first
    assert place_actors([g], previous=saved) == first


@pytest.mark.parametrize("text", ["", "{", "[]", '{"positions": {"A": [1]}, "fingerprint": "x"}',
                                  '{"positions": {"A": [1, "nan"]}, "fingerprint": "x"}'])
def test_a_damaged_layout_file_is_ignored(tmp_path, text):
    path = tmp_path / "layout.json"
    path.write_text(text)
    assert read_layout(path) is None
    assert read_layout(tmp_path / "missing.json") is None
