"""Blocs an analyst recognises: planted camps recovered, named, kept steady, found incrementally."""

import os
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
import yaml

from netviz.graph.analysis import analyze_snapshot, find_blocs
from netviz.graph.blocs import (
    _follow_reports,
    adjusted_rand_index,
    assign_steady_blocs,
    bloc_timeline,
)
from netviz.graph.camps import add_reports, report_pull
from netviz.graph.history import build_history
from netviz.graph.snapshots import build_snapshots
from netviz.ingest.actors import load_codebook
from netviz.ingest.curated import Curated
from netviz.model import Evidence, Relation

DAY = date(2020, 1, 1)
ROOT = Path(__file__).resolve().parent.parent


def curated(a, b, sign, start=DAY, end=None, intensity=5.0):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    return Relation(a, b, sign, kind, intensity, start, "curated", Evidence(f"{a} {sign:+d} {b}", "planted"),
                    valid_from=start, valid_to=end)


def planted_camps(codebook, camps=5, size=32, degree=12, hostile=2 / 3, flip=0.1, seed=0):
    """Curated relations over codebook states in planted camps, like a news map: sparse, mostly hostile, noisy."""
    rnd = random.Random(seed)
    states = sorted(a.id for a in codebook.actors.values() if a.type == "state")[: camps * size]
    camp = {s: i % camps for i, s in enumerate(states)}
    members = {c: [s for s in states if camp[s] == c] for c in range(camps)}
    ties = {}
    while len(ties) < round(len(states) * degree / 2):
        across = rnd.random() < hostile
        while True:  # a new pair of the kind drawn, so that two thirds of the ties are hostile ties across camps
            a = rnd.choice(states)
            b = rnd.choice(members[rnd.choice([c for c in range(camps) if c != camp[a]])] if across else members[camp[a]])
            if a != b and tuple(sorted((a, b))) not in ties:
                break
        sign = -1 if across else 1
        ties[tuple(sorted((a, b)))] = -sign if rnd.random() < flip else sign
    return Curated(relations=tuple(curated(a, b, s) for (a, b), s in sorted(ties.items()))), camp


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def map_blocs(G):
    return dict(G.nodes(data="bloc"))


def map_of_planted_camps(codebook, **how):
    cur, camp = planted_camps(codebook, **how)
    return assign_steady_blocs(build_snapshots([], [DAY], curated=cur, codebook=codebook))[DAY], camp


@pytest.mark.parametrize("seed", [0, 3])
def test_planted_camps_of_codebook_states_come_back_as_five_named_blocs(codebook, seed):
    G, camp = map_of_planted_camps(codebook, seed=seed)
    assert len(G.graph["bloc_names"]) == 5  # the least-frustration search found 6-11 on such graphs
    assert adjusted_rand_index(camp, map_blocs(G)) >= 0.85  # 0.90 and 0.86 (0.88 and 0.85 before the beliefs)


@pytest.mark.parametrize("degree, floor", [(12, 0.9), (8, 0.7)])
def test_planted_camps_are_recovered_on_average_over_graphs(codebook, degree, floor):
    # the target at 12 ties an actor: over these ten graphs the camps score 0.92 on average (0.86-0.98)
    # and 0.73 (0.64-0.85) at 8; with the single likeliest partition before, 0.88 (0.84-0.93) and 0.62 (0.37-0.75)
    scores = [adjusted_rand_index(camp, map_blocs(G))
              for G, camp in (map_of_planted_camps(codebook, seed=seed, degree=degree) for seed in range(10))]
    assert sum(scores) / len(scores) >= floor


def three_camps_and(*extra):
    """Three camps of eight, each cooperating in a ring and fighting the next camp, plus ``extra`` ties."""
    G = nx.Graph()
    for c in "ABC":
        for i in range(8):
            G.add_edge(f"{c}{i}", f"{c}{(i + 1) % 8}", weight=5.0, sign=1)
            G.add_edge(f"{c}{i}", f"{c}{(i + 3) % 8}", weight=5.0, sign=1)
    for c, d in ("AB", "BC", "CA"):
        for i in range(8):
            G.add_edge(f"{c}{i}", f"{d}{(i + 2) % 8}", weight=5.0, sign=-1)
    for a, b, sign in extra:
        G.add_edge(a, b, weight=5.0, sign=sign)
    return G


def test_an_actor_that_fights_two_camps_is_drawn_with_the_third_and_one_that_fights_one_camp_is_unaligned():
    G = three_camps_and(("X", "A1", -1), ("X", "A4", -1), ("X", "B2", -1), ("X", "B5", -1),  # the enemy of A and B
                        ("Y", "A0", -1), ("Y", "A6", -1))  # fights A, nothing says whether with B or C
    p = find_blocs(G, method="camps")
    camps = {c: {p.membership[f"{c}{i}"] for i in range(8)} for c in "ABC"}
    assert all(len(b) == 1 for b in camps.values()) and len(set.union(*camps.values())) == 3
    assert p.membership["X"] in camps["C"]
    assert p.blocs[p.membership["Y"]] == ("Y",)


def extracted(a, b, sign, article, n=1, intensity=5.0):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    return [Relation(a, b, sign, kind, intensity, DAY, "extracted", Evidence(f"{a} {b} said {i} in {article}.", "cue",
                                                                            article, i * 100, i * 100 + 50))
            for i in range(n)]


def test_a_tie_pulls_by_its_reports_so_one_article_repeating_it_does_not_outweigh_three(codebook):
    rels = [*extracted("USA", "GBR", 1, "w1"), *extracted("USA", "FRA", 1, "w2"), *extracted("GBR", "FRA", 1, "w3"),
            *extracted("RUS", "SYR", 1, "e1"), *extracted("RUS", "IRN", 1, "e2"), *extracted("SYR", "IRN", 1, "e3"),
            *extracted("USA", "RUS", -1, "x1"), *extracted("GBR", "SYR", -1, "x2"), *extracted("FRA", "IRN", -1, "x3"),
            # one long article keeps returning to Turkey's cooperation with Russia (12 sentences, weight 60) ...
            *extracted("TUR", "RUS", 1, "column", n=12),
            # ... three others each report Turkey cooperating with one Western state, one its hostility to Syria
            *extracted("TUR", "USA", 1, "t1"), *extracted("TUR", "GBR", 1, "t2"), *extracted("TUR", "FRA", 1, "t3"),
            *extracted("TUR", "SYR", -1, "t4")]
    G = assign_steady_blocs(build_snapshots(rels, [DAY], codebook=codebook))[DAY]
    assert G.edges["RUS", "TUR"]["weight"] == 60.0  # the map still shows the tie's full weight
    assert G.nodes["TUR"]["bloc"] == G.nodes["USA"]["bloc"] != G.nodes["RUS"]["bloc"]
    assert find_blocs(G, method="camps").membership["TUR"] == find_blocs(G, method="camps").membership["USA"]


def test_a_ties_reports_followed_date_by_date_equal_a_fresh_count_as_the_window_moves():
    rnd = random.Random(5)
    days = [DAY + timedelta(days=i) for i in range(30)]
    rels = []
    for i in range(400):
        a, b = rnd.sample(["USA", "RUS", "TUR", "SYR"], 2)
        sign = rnd.choice([1, 1, -1])
        rels += [Relation(a, b, sign, "material_cooperation" if sign > 0 else "material_conflict", rnd.uniform(1, 9),
                          rnd.choice(days), "extracted", Evidence(f"s{i}", "c", f"art{rnd.randrange(40)}", i, i + 1),
                          confidence=rnd.uniform(0.3, 1))]
    cur = Curated(relations=(curated("USA", "TUR", 1, start=days[3], end=days[20]),))
    history = build_history(rels, days, curated=cur, window=7)
    followed: dict = {}
    for delta in history.deltas:
        for dyad, (old, new) in delta.items():
            _follow_reports(followed.setdefault(dyad, {}), old, new)
            if new is not None:
                fresh: dict = {}
                add_reports(fresh, new.relations())
                assert followed[dyad] == fresh
                assert report_pull(new.sign, followed[dyad]) == report_pull(new.sign, fresh)


def test_a_bloc_is_named_by_its_strongest_members_and_an_actor_alone_is_unaligned(codebook):
    cur = Curated(relations=(
        curated("USA", "IRQ", 1, intensity=9), curated("USA", "YPG", 1, intensity=8), curated("IRQ", "YPG", 1, intensity=2),
        curated("USA", "GBR", 1, intensity=1),
        curated("RUS", "SYR", 1, intensity=9), curated("RUS", "IRN", 1, intensity=7),
        curated("USA", "RUS", -1, intensity=6), curated("YPG", "SYR", -1, intensity=3),
        curated("ISIS", "USA", -1, intensity=9), curated("ISIS", "RUS", -1, intensity=9),
    ))
    G = assign_steady_blocs(build_snapshots([], [DAY], curated=cur, codebook=codebook))[DAY]
    names = sorted(G.graph["bloc_names"].values())
    assert names == ["Russia, Syria, Iran", "United States, Syrian Kurdish forces (YPG/SDF), Iraq"]
    assert G.nodes["ISIS"]["bloc"] is None  # hostile to everyone: no bloc
    assert G.nodes["GBR"]["bloc"] == G.nodes["USA"]["bloc"]
    analysis = analyze_snapshot(G)  # analyze shows the map's blocs with the map's names
    assert sorted(n for n in analysis.bloc_names if n) == names


def test_blocs_keep_number_and_name_while_their_core_persists(codebook):
    core = [curated("USA", "GBR", 1), curated("USA", "FRA", 1), curated("GBR", "FRA", 1),
            curated("RUS", "SYR", 1), curated("RUS", "IRN", 1), curated("SYR", "IRN", 1),
            curated("USA", "RUS", -1), curated("FRA", "SYR", -1)]
    later = DAY + timedelta(days=30)
    joins = [curated("DEU", "USA", 1, start=later, intensity=2), curated("DEU", "RUS", -1, start=later, intensity=2)]
    snaps = assign_steady_blocs(build_snapshots([], [DAY, later], curated=Curated(relations=tuple(core + joins)),
                                                codebook=codebook))
    first, second = snaps[DAY], snaps[later]
    assert second.nodes["DEU"]["bloc"] == second.nodes["USA"]["bloc"] == first.nodes["USA"]["bloc"]
    assert second.nodes["RUS"]["bloc"] == first.nodes["RUS"]["bloc"]
    assert second.graph["bloc_names"] == first.graph["bloc_names"]


def test_a_date_whose_ties_did_not_change_reuses_its_blocs_and_only_changed_actors_move(codebook):
    rels = [curated("USA", "GBR", 1), curated("RUS", "SYR", 1), curated("USA", "RUS", -1)]
    days = [DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)]
    extra = Relation("TUR", "GBR", 1, "verbal_cooperation", 4, days[2], "extracted", Evidence("s", "c"))
    snaps = build_snapshots([extra], days, curated=Curated(relations=tuple(rels)), codebook=codebook)
    timeline = bloc_timeline(snaps.history)
    assert timeline.deltas[1] == {}  # nothing changed on the second date: nothing moves
    assert timeline.names[1] is timeline.names[0]
    assert set(timeline.deltas[2]) == {"TUR"}  # TUR joins; no one else moves
    assert timeline.full_searches == 1


def test_incremental_blocs_stay_close_to_a_fresh_search_as_ties_arrive(codebook):
    cur, camp = planted_camps(codebook, seed=1)
    start = DAY
    # the planted ties arrive over 40 dates, a few at a time
    dated = [Relation(r.a, r.b, r.sign, r.kind, r.intensity, start + timedelta(days=i % 40), "extracted", r.evidence)
             for i, r in enumerate(cur.relations)]
    days = [start + timedelta(days=i) for i in range(40)]
    snaps = assign_steady_blocs(build_snapshots(dated, days, codebook=codebook))
    timeline = snaps.blocs
    assert timeline.full_searches < 10  # amortised: a full search only after the ties doubled
    last = snaps[days[-1]]
    fresh = find_blocs(last, method="camps").membership
    assert adjusted_rand_index(camp, map_blocs(last)) >= adjusted_rand_index(camp, fresh) - 0.05


def test_bloc_search_is_deterministic_whatever_the_insertion_order():
    rnd = random.Random(4)
    G = nx.Graph()
    for i in range(90):
        for j in range(i + 1, 90):
            if rnd.random() < 0.12:
                s = 1 if i % 3 == j % 3 else -1
                G.add_edge(f"N{i:02d}", f"N{j:02d}", weight=rnd.uniform(1, 9), sign=-s if rnd.random() < 0.1 else s)
    H = nx.Graph()
    H.add_nodes_from(sorted(G, reverse=True))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert find_blocs(G, method="camps").blocs == find_blocs(H, method="camps").blocs


SCRIPT = """
import hashlib, random
from datetime import date, timedelta
from netviz.graph.blocs import assign_steady_blocs
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation
rnd = random.Random(2)
names = [f"A{i}" for i in range(40)]
rels = []
for i in range(600):
    a, b = rnd.sample(names, 2)
    s = 1 if names.index(a) % 3 == names.index(b) % 3 else -1
    s = -s if rnd.random() < 0.1 else s
    kind = "material_cooperation" if s > 0 else "material_conflict"
    rels.append(Relation(a, b, s, kind, rnd.uniform(1, 9), date(2020, 1, 1) + timedelta(days=i // 20), "extracted",
                         Evidence(f"s{i}", "c")))
days = sorted({r.date for r in rels})
snaps = assign_steady_blocs(build_snapshots(rels, days, window=10))
digest = hashlib.sha256()
for day in reversed(days):
    G = snaps[day]
    digest.update(repr((sorted(G.nodes(data=True)), sorted((u, v, d["weight"], d["sign"]) for u, v, d in G.edges(data=True)),
                        sorted(G.graph["bloc_names"].items()))).encode())
print(digest.hexdigest())
"""


def test_snapshots_and_blocs_are_identical_under_any_hash_seed():
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def gold_camps(shared, upto: date) -> dict:
    """The blocs of the seed articles' hand-made relations (required ones, cumulated up to ``upto``), found exactly."""
    gold = yaml.safe_load((shared / "seeds" / "gold.yaml").read_text())["articles"]
    meta = yaml.safe_load((shared / "seeds" / "articles.yaml").read_text())
    counts: dict = {}
    for article, entry in gold.items():
        if meta[article]["date"] <= upto:
            for a, b, sign in entry["required"]:
                counts.setdefault(tuple(sorted((a, b))), []).append(1 if sign == "+" else -1)
    G = nx.Graph()
    for (a, b), signs in counts.items():
        G.add_edge(a, b, weight=float(len(signs)), sign=(sum(signs) > 0) - (sum(signs) < 0))
    partition = find_blocs(G, method="exact")
    return {u: (i if len(partition.blocs[i]) > 1 else None) for u, i in partition.membership.items()}


def test_seed_maps_show_the_camps_of_the_articles_own_relations(shared):
    from netviz import pipeline

    build = pipeline.build(ROOT / "data", jobs=1)
    scores = []
    for day in build.snapshots:
        G, camps = build.snapshots[day], gold_camps(shared, day)
        common = sorted(set(G) & set(camps))
        scores.append(adjusted_rand_index({a: camps[a] for a in common}, {a: G.nodes[a]["bloc"] for a in common}))
        assert len({b for _, b in G.nodes(data="bloc") if b is not None}) >= 2
    # approximate: 0.88 on average over the five dates (0.39 on the first, 1.00 on the others) since extraction
    # reads Turkey's hostile ties (the YPG, al-Nusra) and no longer its false tie with al-Nusra; 0.58 before
    # (one bloc of 18 on 2017-03-08 and 2018-04-21)
    assert sum(scores) / len(scores) >= 0.75


def test_the_likeliest_blocs_search_never_loses_likelihood_nor_empties_a_bloc():
    import numpy as np
    import scipy.sparse as sp

    from netviz.graph.camps import _fiduccia_mattheyses, _likelihood, _planted_weights

    rnd = np.random.default_rng(3)
    n, k = 60, 4
    camp = np.arange(n) % k
    i, j = np.triu_indices(n, 1)
    tied = rnd.random(len(i)) < 0.15
    i, j = i[tied], j[tied]
    w = np.where(camp[i] == camp[j], 1.0, -1.0) * np.where(rnd.random(len(i)) < 0.15, -1, 1) * rnd.uniform(1, 9, len(i))
    A = sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(n, n))
    for _ in range(5):
        start = rnd.integers(0, k, n)
        start[:k] = np.arange(k)  # every bloc holds someone
        W, pair_cost = _planted_weights(A, camp)
        found = _fiduccia_mattheyses(W, start, k, pair_cost)
        assert _likelihood(W, found, pair_cost) > _likelihood(W, start, pair_cost)  # a random start is far off
        assert set(found.tolist()) == set(range(k))
        # and a pass never makes things worse than where it starts, even at a local optimum
        again = _fiduccia_mattheyses(W, found, k, pair_cost)
        assert _likelihood(W, again, pair_cost) >= _likelihood(W, found, pair_cost) - 1e-9


def test_a_bloc_is_never_named_after_an_actor_outside_it(codebook):
    cur, _ = planted_camps(codebook, seed=2, degree=8)
    days = [DAY + timedelta(days=i) for i in range(30)]
    dated = [Relation(r.a, r.b, r.sign, r.kind, r.intensity, days[i % 30], "extracted", r.evidence)
             for i, r in enumerate(cur.relations)]
    snaps = assign_steady_blocs(build_snapshots(dated, days))  # no codebook: an actor's label is its id
    for day in days:
        G = snaps[day]
        for bloc, title in G.graph["bloc_names"].items():
            assert set(title.split(", ")) <= {a for a, b in G.nodes(data="bloc") if b == bloc}, (day, title)
