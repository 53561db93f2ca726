"""Signed-network analysis: balance, blocs, brokers, change between dates."""

from __future__ import annotations

import itertools
import json
import random
import re
from datetime import date

import networkx as nx
import pytest

from netviz.errors import NetvizError
from netviz.graph import blocsearch
from netviz.graph.analysis import (
    EXACT_MAX,
    BlocPartition,
    analysis_record,
    analyze_snapshot,
    assign_blocs,
    balance_change,
    bloc_changes,
    brokers,
    find_blocs,
    format_analysis_table,
    structural_balance,
    triangles,
)
from netviz.graph.balance import _balance_arrays, _balance_sets
from netviz.graph.brokers import _brokers
from netviz.graph.signed import _adjacency
from netviz.model import Evidence, Relation

KIND = {1: "material_cooperation", -1: "material_conflict"}


def relation(a: str, b: str, sign: int, sentence: str, intensity: float = 5.0) -> Relation:
    ev = Evidence(sentence=sentence, cue="cue", article="a1", start=0, end=len(sentence))
    return Relation(a, b, sign, KIND[sign], intensity, date(2019, 10, 9), "extracted", ev)


def graph(ties, nodes=(), day=date(2019, 10, 9)) -> nx.Graph:
    """A snapshot from ``(a, b, sign, weight)`` ties, with the attributes the builder sets."""
    G = nx.Graph(date=day, mode="cumulative", articles=())
    G.add_nodes_from(nodes)
    for a, b, sign, weight, *evidence in ties:
        G.add_edge(a, b, weight=float(weight), sign=sign, polarity=float(sign), count=len(evidence),
                   evidence=tuple(evidence))
    return G


def frustration(G: nx.Graph, membership: dict[str, int]) -> float:
    """Computed independently of the library: hostile inside plus cooperative across."""
    return sum(
        d["weight"]
        for u, v, d in G.edges(data=True)
        if (d["sign"] > 0 and membership[u] != membership[v]) or (d["sign"] < 0 and membership[u] == membership[v])
    )


def set_partitions(items: list[str]):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in set_partitions(rest):
        for i in range(len(part)):
            yield part[:i] + [[first] + part[i]] + part[i + 1:]
        yield [[first]] + part


def brute_force(G: nx.Graph, max_blocs: int | None = None) -> float:
    best = float("inf")
    for part in set_partitions(sorted(G)):
        if max_blocs is None or len(part) <= max_blocs:
            best = min(best, frustration(G, {u: i for i, b in enumerate(part) for u in b}))
    return best


def random_graph(rnd: random.Random, n: int, p: float, *, mixed: bool = True) -> nx.Graph:
    signs = [1, 1, -1, 0] if mixed else [1, -1]
    G = graph([], nodes=[f"A{i:02d}" for i in range(n)])
    for i, j in itertools.combinations(range(n), 2):
        if rnd.random() < p:
            s = rnd.choice(signs)
            G.add_edge(f"A{i:02d}", f"A{j:02d}", weight=round(rnd.uniform(0.5, 10), 2), sign=s, polarity=float(s))
    return G


TWO_CAMPS = [
    ("USA", "GBR", 1, 8), ("USA", "FRA", 1, 6), ("GBR", "FRA", 1, 5),
    ("RUS", "SYR", 1, 9), ("RUS", "IRN", 1, 7), ("SYR", "IRN", 1, 6),
    ("USA", "RUS", -1, 4), ("GBR", "SYR", -1, 3), ("FRA", "IRN", -1, 2), ("USA", "SYR", -1, 5),
]


# --- balance -------------------------------------------------------------------------


def test_two_hostile_camps_are_fully_balanced():
    b = structural_balance(graph(TWO_CAMPS))
    assert b.triangles > 0
    assert b.balanced == b.triangles and b.unbalanced == 0
    assert b.share == 1.0 and b.weighted_share == 1.0
    assert b.contradictions == ()


def test_usa_turkey_kurds_contradiction_names_actors_signs_and_evidence():
    ev_tu = relation("USA", "TUR", 1, "Washington reaffirmed its NATO alliance with Ankara.")
    ev_uy = relation("USA", "YPG", 1, "US forces armed the Syrian Kurdish YPG.")
    ev_ty = relation("TUR", "YPG", -1, "Turkish jets struck YPG positions.")
    G = graph([("USA", "TUR", 1, 8, ev_tu), ("USA", "YPG", 1, 6, ev_uy), ("TUR", "YPG", -1, 9, ev_ty)])
    b = structural_balance(G)
    assert (b.triangles, b.balanced, b.unbalanced, b.share) == (1, 0, 1, 0.0)
    [c] = b.contradictions
    assert c.actors == ("TUR", "USA", "YPG")
    assert c.signs == (1, -1, 1)  # TUR-USA, TUR-YPG, USA-YPG
    assert c.pattern == "++-"
    assert [(t.a, t.b) for t in c.odd] == [("TUR", "YPG")]
    assert {t.evidence[0].evidence.sentence for t in c.ties} == {
        "Washington reaffirmed its NATO alliance with Ankara.",
        "US forces armed the Syrian Kurdish YPG.",
        "Turkish jets struck YPG positions.",
    }
    assert c.weight == pytest.approx((8 * 6 * 9) ** (1 / 3))


def test_three_mutual_adversaries_are_unbalanced_but_weakly_balanced():
    b = structural_balance(graph([("USA", "ISIS", -1, 5), ("SYR", "ISIS", -1, 5), ("USA", "SYR", -1, 5)]))
    assert (b.unbalanced, b.all_negative, b.share, b.weak_share) == (1, 1, 0.0, 1.0)
    assert b.contradictions[0].pattern == "---"
    assert len(b.contradictions[0].odd) == 3


def test_mixed_ties_make_a_triangle_ambiguous_not_balanced_or_unbalanced():
    b = structural_balance(graph([("RUS", "TUR", 0, 5), ("RUS", "SYR", 1, 5), ("TUR", "SYR", -1, 5)]))
    assert (b.triangles, b.ambiguous, b.balanced, b.unbalanced) == (0, 1, 0, 0)
    assert b.share is None and b.weighted_share is None and b.weak_share is None


def test_weighted_share_weighs_triangles_by_geometric_mean_of_tie_weights():
    # balanced A-B-C (weights 1, 8, 27 -> mean 6) and unbalanced C-D-E (all 2 -> 2)
    G = graph([("A", "B", 1, 1), ("A", "C", 1, 8), ("B", "C", 1, 27),
               ("C", "D", 1, 2), ("C", "E", 1, 2), ("D", "E", -1, 2)])
    b = structural_balance(G)
    assert b.share == 0.5
    assert b.weighted_share == pytest.approx(6 / 8)


def test_contradictions_strongest_first():
    G = graph([("A", "B", 1, 1), ("A", "C", 1, 1), ("B", "C", -1, 1),
               ("D", "E", 1, 9), ("D", "F", 1, 9), ("E", "F", -1, 9)])
    assert [c.actors for c in structural_balance(G).contradictions] == [("D", "E", "F"), ("A", "B", "C")]


def test_triangle_enumeration_finds_each_triangle_once():
    for seed in range(20):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(3, 25), rnd.uniform(0.1, 0.7))
        expected = {t for t in itertools.combinations(sorted(G), 3)
                    if G.has_edge(t[0], t[1]) and G.has_edge(t[0], t[2]) and G.has_edge(t[1], t[2])}
        found = list(triangles({u: G[u] for u in G}))
        assert len(found) == len(set(found)) and set(found) == expected


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda G: G.add_edge("A", "B", weight=-1.0, sign=1), "weight must be a positive number"),
        (lambda G: G.add_edge("A", "B", weight=1.0), "sign must be +1, -1 or 0"),
        (lambda G: G.add_edge("A", "B", weight=1.0, sign=2), "sign must be +1, -1 or 0"),
        (lambda G: G.add_edge("A", "A", weight=1.0, sign=1), "links an actor to itself"),
        (lambda G: G.add_edge("A", 7, weight=1.0, sign=1), "actor ids must be strings"),
    ],
)
def test_bad_graphs_raise_one_line_netviz_errors(edit, message):
    G = nx.Graph()
    edit(G)
    for call in (structural_balance, find_blocs, analyze_snapshot):
        with pytest.raises(NetvizError, match=re.escape(message)) as err:
            call(G)
        assert "\n" not in str(err.value)


def test_directed_graphs_are_refused():
    with pytest.raises(NetvizError, match="undirected"):
        structural_balance(nx.DiGraph())


# --- blocs ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["exact", "heuristic", "auto"])
def test_two_hostile_camps_are_two_blocs(method):
    p = find_blocs(graph(TWO_CAMPS), method=method)
    assert p.blocs == (("FRA", "GBR", "USA"), ("IRN", "RUS", "SYR"))
    assert p.frustration == 0.0 and p.frustrated == ()


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_all_cooperative_graph_is_one_bloc(method):
    G = graph([("A", "B", 1, 3), ("B", "C", 1, 2), ("C", "D", 1, 1), ("A", "D", 1, 5)])
    p = find_blocs(G, method=method)
    assert p.blocs == (("A", "B", "C", "D"),) and p.frustration == 0.0


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_unbalanced_triangle_gives_up_its_weakest_tie(method):
    G = graph([("TUR", "USA", 1, 8), ("USA", "YPG", 1, 6), ("TUR", "YPG", -1, 9)])
    p = find_blocs(G, method=method)
    assert p.frustration == 6.0
    assert [(t.a, t.b) for t in p.frustrated] == [("USA", "YPG")]
    assert p.blocs == (("TUR", "USA"), ("YPG",))


def test_unaligned_actors_stand_alone():
    G = graph([("A", "B", 1, 3), ("C", "D", 0, 4)], nodes=["E"])
    assert find_blocs(G).blocs == (("A", "B"), ("C",), ("D",), ("E",))


def test_unrelated_friendly_groups_are_not_one_bloc():
    # nothing ties the two pairs together, so nothing says they are allies
    G = graph([("USA", "GBR", 1, 5), ("RUS", "SYR", 1, 5)])
    assert find_blocs(G).blocs == (("GBR", "USA"), ("RUS", "SYR"))


def test_max_blocs_caps_the_number_of_blocs_at_least_cost():
    cliques = [["A1", "A2", "A3"], ["B1", "B2", "B3"], ["C1", "C2", "C3"]]
    ties = [(u, v, 1, 5) for c in cliques for u, v in itertools.combinations(c, 2)]
    ties += [(u, v, -1, 1 if {u[0], v[0]} == {"A", "B"} else 4)
             for c, d in itertools.combinations(cliques, 2) for u in c for v in d]
    G = graph(ties)
    assert len(find_blocs(G).blocs) == 3
    for method in ("exact", "heuristic"):
        p = find_blocs(G, method=method, max_blocs=2)
        assert p.blocs == (("A1", "A2", "A3", "B1", "B2", "B3"), ("C1", "C2", "C3"))
        assert p.frustration == 9.0  # the nine weak A-B hostilities
    assert find_blocs(G, max_blocs=1).blocs == (tuple(sorted(G)),)


def test_bloc_numbers_do_not_depend_on_insertion_order():
    rnd = random.Random(3)
    G = random_graph(rnd, 14, 0.4)
    edges = list(G.edges(data=True))
    rnd.shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(sorted(G, reverse=True))
    H.add_edges_from(edges)
    for method in ("exact", "heuristic"):
        assert find_blocs(G, method=method).blocs == find_blocs(H, method=method).blocs


def test_blocs_are_numbered_biggest_first_then_by_first_member():
    G = graph([("Z1", "Z2", 1, 1), ("Z2", "Z3", 1, 1), ("B", "C", 1, 1), ("A", "D", 1, 1), ("Z1", "B", -1, 1)])
    assert find_blocs(G).blocs == (("Z1", "Z2", "Z3"), ("A", "D"), ("B", "C"))


def test_exact_search_matches_brute_force_over_all_partitions():
    for seed in range(25):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(2, 7), rnd.uniform(0.3, 1.0))
        for k in (None, 2, 3):
            p = find_blocs(G, method="exact", max_blocs=k)
            assert p.frustration == pytest.approx(brute_force(G, k), abs=1e-9), (seed, k)
            assert p.frustration == pytest.approx(frustration(G, p.membership))
            if k is not None:
                assert len(p.blocs) - sum(1 for u in G if not any(d["sign"] for *_, d in G.edges(u, data=True))) <= k


def test_exact_and_heuristic_agree_on_small_random_graphs():
    for seed in range(40):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(4, 16), rnd.uniform(0.2, 0.9))
        for k in (None, 2):
            exact = find_blocs(G, method="exact", max_blocs=k)
            heuristic = find_blocs(G, method="heuristic", max_blocs=k, seed=seed)
            assert exact.optimal and not heuristic.optimal
            assert heuristic.frustration == pytest.approx(exact.frustration, abs=1e-9), (seed, k)
            assert heuristic.frustration == pytest.approx(frustration(G, heuristic.membership))


def test_heuristic_recovers_planted_blocs_in_a_large_graph():
    rnd = random.Random(11)
    planted = {f"N{i:03d}": i % 4 for i in range(240)}
    G = graph([], nodes=planted)
    names = sorted(planted)
    while G.number_of_edges() < 2400:
        u, v = rnd.sample(names, 2)
        if rnd.random() < 0.5:  # half the ties inside blocs, so every actor has allies
            v = rnd.choice([x for x in names if planted[x] == planted[u] and x != u])
        s = 1 if planted[u] == planted[v] else -1
        G.add_edge(u, v, weight=rnd.uniform(1, 5), sign=s, polarity=float(s))
    p = find_blocs(G)  # auto: too big for the exact search
    assert p.method == "heuristic" and p.frustration == 0.0
    assert sorted(map(set, p.blocs), key=min) == sorted(
        ({u for u in names if planted[u] == c} for c in range(4)), key=min)


def test_heuristic_is_deterministic_for_a_seed():
    rnd = random.Random(5)
    G = random_graph(rnd, 60, 0.2)
    assert find_blocs(G, method="heuristic", seed=1) == find_blocs(G, method="heuristic", seed=1)


def test_auto_is_exact_per_connected_group():
    ties = [(f"{g}{i}", f"{g}{j}", 1 if (i + j) % 3 else -1, 1 + i + j)
            for g in "ABC" for i, j in itertools.combinations(range(8), 2)]
    p = find_blocs(graph(ties))
    assert p.optimal  # three groups of 8, each small enough to solve exactly


@pytest.mark.parametrize(
    "options, message",
    [
        ({"method": "fast"}, "bloc method 'fast'"),
        ({"max_blocs": 0}, "max_blocs must be a whole number"),
        ({"max_blocs": True}, "max_blocs must be a whole number"),
    ],
)
def test_bad_bloc_options(options, message):
    with pytest.raises(NetvizError, match=message):
        find_blocs(graph(TWO_CAMPS), **options)


def test_exact_refuses_groups_too_big_to_prove():
    G = graph([(f"N{i:02d}", f"N{i + 1:02d}", 1, 1) for i in range(EXACT_MAX + 1)])
    with pytest.raises(NetvizError, match="use method 'auto' or 'heuristic'"):
        find_blocs(G, method="exact")


def test_exact_gives_up_with_an_error_when_out_of_steps(monkeypatch):
    monkeypatch.setattr(blocsearch, "EXACT_STEPS", 50)
    G = random_graph(random.Random(1), 16, 0.8)
    with pytest.raises(NetvizError, match="gave up after 50 steps on 16 connected actors"):
        find_blocs(G, method="exact")


def test_auto_proves_mid_size_groups_when_the_search_is_quick_and_settles_otherwise():
    rnd = random.Random(2)
    camp = {f"N{i:02d}": i % 2 for i in range(40)}
    G = graph([(u, v, 1 if camp[u] == camp[v] else -1, rnd.uniform(1, 5))
               for u, v in itertools.combinations(sorted(camp), 2) if rnd.random() < 0.3])
    p = find_blocs(G)  # 40 actors in two clean camps: the exact search finishes at once
    assert p.optimal and p.frustration == 0.0 and len(p.blocs) == 2
    noisy = random_graph(random.Random(3), 40, 0.9, mixed=False)
    assert not find_blocs(noisy).optimal  # no proof within AUTO_STEPS: heuristic


def test_assign_blocs_returns_a_copy_with_bloc_attributes():
    G = graph(TWO_CAMPS)
    before = nx.node_link_data(G, edges="edges")
    H = assign_blocs(G)
    assert H is not G
    assert {H.nodes[u]["bloc"] for u in ("USA", "GBR", "FRA")} == {0}
    assert {H.nodes[u]["bloc"] for u in ("RUS", "SYR", "IRN")} == {1}
    assert nx.node_link_data(G, edges="edges") == before


# --- brokers -------------------------------------------------------------------------


def one_bloc(G: nx.Graph) -> BlocPartition:
    """Everyone in one bloc: betweenness tests need no bloc search."""
    return BlocPartition((tuple(sorted(G)),), 0.0, (), 0.0, "heuristic")


def test_a_broker_between_two_hostile_allies():
    G = graph([("TUR", "USA", 1, 4), ("TUR", "RUS", 1, 2), ("USA", "RUS", -1, 6), ("USA", "GBR", 1, 5)])
    found = brokers(G)
    # cooperative chain GBR-USA-TUR-RUS: USA and TUR each sit on two of its six paths,
    # TUR ranks first because it also cooperates across blocs (with RUS)
    assert [(b.actor, b.betweenness) for b in found[:2]] == [("TUR", 2 / 3), ("USA", 2 / 3)]
    assert found[0].partners == (("RUS", 2.0),) and found[0].cross_weight == 2.0
    assert found[1].partners == ()


def test_betweenness_matches_networkx_on_random_weights():
    for seed in range(12):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(3, 30), rnd.uniform(0.1, 0.6), mixed=False)
        coop = nx.Graph()
        coop.add_edges_from((u, v, {"distance": 1 / d["weight"]}) for u, v, d in G.edges(data=True) if d["sign"] > 0)
        expected = nx.betweenness_centrality(coop, weight="distance")
        got = {b.actor: b.betweenness for b in brokers(G, one_bloc(G))}
        for actor, value in expected.items():
            assert got.get(actor, 0.0) == pytest.approx(value, abs=1e-12), (seed, actor)


def test_betweenness_counts_paths_equal_up_to_rounding_as_ties():
    # distances 1/10 + 1/5 and 1/4 + 1/20 are both 0.3, but not in floats:
    # both routes from A to D are shortest, so B and C share the brokerage
    G = graph([("A", "B", 1, 10), ("B", "D", 1, 5), ("A", "C", 1, 4), ("C", "D", 1, 20)])
    scores = {b.actor: b.betweenness for b in brokers(G)}
    assert scores["B"] == scores["C"] == pytest.approx(1 / 6)


def test_sampled_betweenness_is_seeded_and_reported():
    rnd = random.Random(2)
    G = random_graph(rnd, 40, 0.2, mixed=False)
    adj, blocs = _adjacency(G), one_bloc(G)
    sampled = _brokers(adj, blocs, 10, 0)
    assert sampled[1] == 10 and sampled == _brokers(adj, blocs, 10, 0)
    assert sampled != _brokers(adj, blocs, 10, 1)
    assert _brokers(adj, blocs, None, 0)[1] is None  # 40 actors: exact


# --- the whole analysis and its record ---------------------------------------------------


def usa_tur_ypg() -> nx.Graph:
    return graph([
        ("USA", "TUR", 1, 8, relation("USA", "TUR", 1, "Washington and Ankara reaffirmed their alliance.")),
        ("USA", "YPG", 1, 6, relation("USA", "YPG", 1, "US forces armed the YPG.")),
        ("TUR", "YPG", -1, 9, relation("TUR", "YPG", -1, "Turkish jets struck YPG positions.")),
        ("RUS", "SYR", 1, 7, relation("RUS", "SYR", 1, "Russia backs Damascus.")),
        ("USA", "RUS", -1, 3, relation("USA", "RUS", -1, "Washington condemned Moscow.")),
    ])


def test_analysis_record_is_json_with_documented_keys():
    rec = analysis_record(analyze_snapshot(usa_tur_ypg()))
    json.dumps(rec)
    assert rec["schema"] == "netviz.graph.analysis/1" and rec["date"] == "2019-10-09"
    assert {"balance", "blocs", "contradictions", "brokers"} <= set(rec)
    [c] = rec["contradictions"]
    assert c["actors"] == ["TUR", "USA", "YPG"] and c["signs"] == [1, -1, 1] and c["odd"] == [["TUR", "YPG"]]
    assert [t["evidence"][0]["sentence"] for t in c["ties"]] == [
        "Washington and Ankara reaffirmed their alliance.",
        "Turkish jets struck YPG positions.",
        "US forces armed the YPG.",
    ]
    assert rec["blocs"]["method"] == "camps"
    assert rec["blocs"]["blocs"] == [{"bloc": 0, "name": "RUS, SYR", "members": ["RUS", "SYR"]},
                                     {"bloc": 1, "name": "TUR, USA", "members": ["TUR", "USA"]},
                                     {"bloc": 2, "name": None, "members": ["YPG"]}]  # no tie holds YPG in a bloc
    assert rec["balance"]["share"] == 0.0
    assert rec["brokers"][0]["actor"] == "USA"


def test_record_evidence_can_be_capped():
    rec = analysis_record(analyze_snapshot(usa_tur_ypg()), max_evidence=0)
    tie = rec["contradictions"][0]["ties"][0]
    assert tie["evidence"] == [] and tie["evidence_count"] == 1


def test_analysis_table_reads_like_a_report():
    text = format_analysis_table(analyze_snapshot(usa_tur_ypg()))
    assert "Balance: 0 of 1 signed triangles balanced" in text
    assert "TUR-YPG - against TUR-USA +, USA-YPG +" in text
    assert "Brokers" in text and "camps: the fewest blocs" in text and "unaligned" in text
    assert "... and" in format_analysis_table(analyze_snapshot(usa_tur_ypg()), limit=1)


def test_analysis_does_not_touch_the_snapshot():
    G = usa_tur_ypg()
    before = nx.node_link_data(G, edges="edges")
    analyze_snapshot(G)
    assert nx.node_link_data(G, edges="edges") == before


def test_empty_snapshot():
    a = analyze_snapshot(nx.Graph())
    assert a.blocs.blocs == () and a.balance.share is None and a.brokers == ()
    assert "no triangle" in format_analysis_table(a)


# --- change between two dates ------------------------------------------------------------


def test_renumbered_blocs_are_no_move():
    assert bloc_changes({"A": 0, "B": 0, "C": 1}, {"A": 1, "B": 1, "C": 0}) == ()


def test_an_actor_changing_sides_is_a_move_and_the_mirror_swaps_left_and_joined():
    before = {"USA": 0, "GBR": 0, "TUR": 0, "RUS": 1, "IRN": 1, "SYR": 1}
    after = {"USA": 0, "GBR": 0, "TUR": 1, "RUS": 1, "IRN": 1, "SYR": 1, "NEW": 2}
    [m] = bloc_changes(before, after)
    assert (m.actor, m.left, m.joined) == ("TUR", ("GBR", "USA"), ("IRN", "RUS", "SYR"))
    [back] = bloc_changes(after, before)
    assert (back.actor, back.left, back.joined) == ("TUR", m.joined, m.left)


def test_an_actor_without_a_bloc_is_alone():
    before = {"USA": 0, "GBR": 0, "TUR": None, "RUS": 1, "IRN": 1, "UKR": None}
    after = {"USA": 3, "GBR": 3, "TUR": 3, "RUS": 1, "IRN": 1, "UKR": None}
    [m] = bloc_changes(before, after)
    assert (m.actor, m.bloc_before, m.bloc_after, m.left, m.joined) == ("TUR", None, 3, (), ("GBR", "USA"))
    [back] = bloc_changes(after, before)
    assert (back.actor, back.bloc_before, back.bloc_after, back.left, back.joined) == ("TUR", 3, None, ("GBR", "USA"), ())


def test_bloc_changes_mirror_on_random_partitions():
    for seed in range(30):
        rnd = random.Random(seed)
        actors = [f"A{i}" for i in range(12)]
        a = {x: rnd.choice([0, 1, 2, 3, None]) for x in actors}
        b = {x: rnd.choice([0, 1, 2, 3, None]) for x in actors}
        forward = {(m.actor, m.left, m.joined) for m in bloc_changes(a, b)}
        backward = {(m.actor, m.joined, m.left) for m in bloc_changes(b, a)}
        assert forward == backward


def test_balance_change_reports_new_and_resolved_contradictions():
    before = graph([("TUR", "USA", 1, 8), ("USA", "YPG", 1, 6), ("TUR", "YPG", 1, 2)])
    after = graph([("TUR", "USA", 1, 8), ("USA", "YPG", 1, 6), ("TUR", "YPG", -1, 9)])
    change = balance_change(structural_balance(before), structural_balance(after))
    assert [t.actors for t in change.new] == [("TUR", "USA", "YPG")] and change.resolved == ()
    assert change.share_change == -1.0
    back = balance_change(structural_balance(after), structural_balance(before))
    assert [t.actors for t in back.resolved] == [("TUR", "USA", "YPG")] and back.new == ()


# --- the command ----------------------------------------------------------------------------


def test_analyze_command_prints_the_table_and_the_json(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.md").write_text(
        "---\ntitle: t\ndate: 2019-10-13\nsource: wire\n---\n"
        "The United States and Turkey agreed to cooperate on a safe zone in northern Syria. "
        "US forces armed the YPG in Raqqa. Turkish jets bombed YPG positions near Ras al-Ain.\n", encoding="utf-8")
    options = ["--data", str(tmp_path), "--no-bundled-curated", "--no-cache"]
    runner = CliRunner()
    table = runner.invoke(app, ["analyze", *options])
    assert table.exit_code == 0, table.output
    assert "Balance: 0 of 1 signed triangles balanced" in table.output
    assert "TUR-YPG - against TUR-USA +, USA-YPG +" in table.output
    rec = json.loads(runner.invoke(app, ["analyze", "last", "--format", "json", *options]).stdout)
    assert rec["date"] == "2019-10-13"
    [c] = rec["contradictions"]
    assert c["actors"] == ["TUR", "USA", "YPG"] and c["signs"] == [1, -1, 1]
    assert rec["blocs"]["method"] == "camps"


def test_balance_over_arrays_equals_the_triangle_by_triangle_count():
    for seed in range(12):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(3, 40), rnd.uniform(0.1, 0.9))
        adj = _adjacency(G)
        fast, slow = _balance_arrays(G, adj), _balance_sets(G, adj)
        assert fast == slow, seed
        assert [t.actors for t in fast.contradictions] == [t.actors for t in slow.contradictions]
        assert fast.weighted_share == slow.weighted_share
