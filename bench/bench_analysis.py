"""Benchmark of signed-network analysis (netviz.graph.analysis): speed and quality of the bloc search.

Speed: synthetic snapshots with planted camps (5 camps; 10% of ties go
against their camp, 5% are mixed), 500 to 5,000 actors at 10 ties per actor.
Timed in CPU seconds of this process (the machine is shared; wall time
follows the load), each task in turn over the rounds, keeping each task's
best round, BLAS pinned to one thread (the load average is recorded):

- ``structural_balance``: triangles and contradictions;
- ``find_blocs``: auto, the least-frustration heuristic at these sizes;
- ``camps``: ``find_blocs(method="camps")``, the blocs the maps and
  ``analyze`` show (blocs of two or more, and actors left unaligned), with
  their adjusted Rand index against the planted camps;
- ``brokers``: betweenness on cooperative ties (sampled beyond 500 actors);
- ``analyze_snapshot``: all of it;
- ``analysis_record + json``.

Quality: the heuristic's frustration against the planted camps' (lower is
better than the truth the data was drawn from), and against the exact search
on seeded random graphs of 4 to 16 actors (share that agree). Exact search
time on 20 actors: a near-balanced group (as in news) and, as the worst case,
dense random signs.

Run: ``python bench/bench_analysis.py [--rounds 3]``; prints tables and
writes bench/results/bench_analysis.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

# Pinned before numpy loads: a second BLAS thread would add CPU time the
# analysis does not need on a shared 2-core machine.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netviz.graph.blocs import adjusted_rand_index  # noqa: E402
from netviz.graph.analysis import (  # noqa: E402
    analysis_record,
    analyze_snapshot,
    brokers,
    find_blocs,
    structural_balance,
)
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_analysis.json"


def planted(actors: int, ties: int, camps: int = 5, seed: int = 1) -> tuple[nx.Graph, dict[str, int]]:
    rnd = random.Random(seed)
    names = [f"N{i:05d}" for i in range(actors)]
    camp = {x: rnd.randrange(camps) for x in names}
    G = nx.Graph()
    G.add_nodes_from(names)
    while G.number_of_edges() < ties:
        a, b = rnd.sample(names, 2)
        sign = 1 if camp[a] == camp[b] else -1
        roll = rnd.random()
        sign = -sign if roll < 0.10 else 0 if roll < 0.15 else sign
        weight = round(rnd.uniform(0.5, 10), 2)
        G.add_edge(a, b, weight=weight, sign=sign, polarity=float(sign), evidence=())
    return G, camp


def frustration(G: nx.Graph, membership: dict[str, int]) -> float:
    return sum(d["weight"] for u, v, d in G.edges(data=True)
               if (d["sign"] > 0 and membership[u] != membership[v]) or (d["sign"] < 0 and membership[u] == membership[v]))


def random_graph(rnd: random.Random, n: int, p: float, signs=(1, 1, -1, 0)) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(f"A{i:02d}" for i in range(n))
    for i, j in itertools.combinations(range(n), 2):
        if rnd.random() < p:
            G.add_edge(f"A{i:02d}", f"A{j:02d}", weight=round(rnd.uniform(0.5, 10), 2), sign=rnd.choice(signs))
    return G


def timed(task, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        task()
        best = min(best, time.process_time() - start)
    return best


def speed(rounds: int) -> list[dict]:
    rows = []
    for actors in (500, 2000, 5000):
        G, camp = planted(actors, actors * 10)
        blocs = find_blocs(G)
        camps = find_blocs(G, method="camps")
        n_rounds = rounds if actors <= 2000 else 1
        analysis = analyze_snapshot(G)
        tasks = {
            "structural_balance": lambda: structural_balance(G),
            "find_blocs": lambda: find_blocs(G),
            "camps": lambda: find_blocs(G, method="camps"),
            "brokers": lambda: brokers(G, blocs),
            "analyze_snapshot": lambda: analyze_snapshot(G),
            "analysis_record + json": lambda: json.dumps(analysis_record(analysis)),
        }
        times = {name: timed(task, n_rounds) for name, task in tasks.items()}
        rows.append({
            "actors": actors,
            "ties": G.number_of_edges(),
            **{f"{name}_s": round(t, 3) for name, t in times.items()},
            "triangles": analysis.balance.triangles,
            "contradictions": analysis.balance.unbalanced,
            "blocs": len(blocs.blocs),
            "frustration": round(blocs.frustration, 1),
            "planted_frustration": round(frustration(G, camp), 1),
            "camps_blocs": sum(len(m) > 1 for m in camps.blocs),
            "camps_unaligned": sum(len(m) == 1 for m in camps.blocs),
            "camps_ari": round(adjusted_rand_index(camp, camps.membership), 3),
            "betweenness_sources": analysis.betweenness_sources,
        })
    return rows


def agreement(graphs: int = 200) -> dict:
    agree = 0
    worst_gap = 0.0
    for seed in range(graphs):
        rnd = random.Random(seed)
        G = random_graph(rnd, rnd.randint(4, 16), rnd.uniform(0.2, 0.9))
        k = None if seed % 2 else 2
        exact = find_blocs(G, method="exact", max_blocs=k).frustration
        heuristic = find_blocs(G, method="heuristic", max_blocs=k, seed=seed).frustration
        agree += abs(exact - heuristic) < 1e-9
        worst_gap = max(worst_gap, (heuristic - exact) / exact if exact else 0.0)
    return {"graphs": graphs, "agree": agree, "worst_relative_gap": round(worst_gap, 4)}


def exact_times() -> list[dict]:
    rows = []
    for name, make in (
        ("near-balanced, 20 actors", lambda rnd: near_balanced(rnd, 20)),
        ("dense random signs, 20 actors", lambda rnd: random_graph(rnd, 20, 1.0, signs=(1, -1))),
    ):
        times = []
        for seed in range(5):
            G = make(random.Random(seed))
            start = time.process_time()
            find_blocs(G, method="exact")
            times.append(time.process_time() - start)
        rows.append({"case": name, "graphs": len(times), "median_s": round(sorted(times)[2], 3), "max_s": round(max(times), 3)})
    return rows


def near_balanced(rnd: random.Random, n: int) -> nx.Graph:
    camp = [rnd.randrange(3) for _ in range(n)]
    G = nx.Graph()
    for i, j in itertools.combinations(range(n), 2):
        if rnd.random() < 0.5:
            sign = 1 if camp[i] == camp[j] else -1
            G.add_edge(f"A{i:02d}", f"A{j:02d}", weight=round(rnd.uniform(0.5, 10), 2),
                       sign=-sign if rnd.random() < 0.1 else sign)
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = speed(args.rounds)
    print(format_table(
        ["actors", "ties", "balance s", "blocs s", "camps s", "brokers s", "analysis s", "record s",
         "triangles", "contradictions", "blocs", "frustration", "planted", "camps", "unaligned", "camps ARI"],
        [[r["actors"], r["ties"], r["structural_balance_s"], r["find_blocs_s"], r["camps_s"], r["brokers_s"],
          r["analyze_snapshot_s"], r["analysis_record + json_s"], r["triangles"], r["contradictions"], r["blocs"],
          r["frustration"], r["planted_frustration"], r["camps_blocs"], r["camps_unaligned"], r["camps_ari"]] for r in rows],
    ))
    agree = agreement()
    print(f"\nheuristic = exact frustration on {agree['agree']} of {agree['graphs']} random graphs of 4-16 actors "
          f"(worst gap {agree['worst_relative_gap']:.1%})\n")
    exact = exact_times()
    print(format_table(["exact search", "graphs", "median s", "max s"],
                       [[r["case"], r["graphs"], r["median_s"], r["max_s"]] for r in exact]))
    load = os.getloadavg()[0]
    print(f"\nload average during the run: {load:.1f} on {os.cpu_count()} cores")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "signed-network analysis",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "load_average": round(load, 2),
        "speed": rows,
        "heuristic_vs_exact": agree,
        "exact_search": exact,
    }, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
