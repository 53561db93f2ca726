"""compute_layout: one stable, seeded layout over all snapshots."""

from __future__ import annotations

import copy
import math
import random
from itertools import combinations

import networkx as nx
import pytest

from netviz.errors import NetvizError
from netviz.graph.layout import MIN_EXTENT, SMALL_COMPONENT, compute_layout


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


def test_positions_are_centred_on_the_canvas():
    pos = compute_layout([two_blocs(8)])
    xs, ys = zip(*pos.values())
    assert max(map(abs, xs + ys)) == pytest.approx(MIN_EXTENT)  # 16 actors: the smallest canvas
    assert max(xs) == pytest.approx(-min(xs)) and max(ys) == pytest.approx(-min(ys))


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


def test_large_graphs_use_the_near_linear_layout_and_stay_deterministic():
    g = two_blocs(SMALL_COMPONENT)  # 2 x SMALL_COMPONENT actors in one component
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
