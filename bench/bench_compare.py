"""Benchmark of snapshot comparison (netviz.graph.compare) up to 5,000 actors and 50,000 ties.

Two synthetic snapshots per size, built with the snapshot builder's own
``tie_attributes`` so their ties look like real ones (1 to 3 relations of
evidence each, weights, polarity, sign). From the first to the second date
5% of the ties dissolve, 5% form, 10% gain evidence (some flip) and the rest
share their evidence objects, as consecutive cumulative snapshots do. Actors
carry the ``bloc`` the builder assigns (planted here: 5 camps, 5% of actors
change camp).

Timed, each task in turn over three rounds, keeping each task's best round
(so a busy machine slows them alike; the load average is recorded):

- ``compare``: :func:`compare_snapshots` with structure (bloc moves, balance change);
- ``compare, ties only``: ``structure=False``;
- ``diff_record + json``: the JSON record, serialised;
- ``format_diff_table``: the text table.

Run: ``python bench/bench_compare.py [--actors 5000 --ties 50000]``; prints a
table and writes bench/results/bench_compare.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netviz.graph.compare import compare_snapshots, diff_record, format_diff_table  # noqa: E402
from netviz.graph.snapshots import tie_attributes  # noqa: E402
from netviz.model import Evidence, Relation  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_compare.json"
D1, D2 = date(2019, 10, 6), date(2019, 10, 13)
KIND = {1: "material_cooperation", -1: "material_conflict"}


def relation(rnd: random.Random, a: str, b: str, sign: int, day: date, i: int) -> Relation:
    ev = Evidence(sentence=f"Sentence {i}: {a} and {b}.", cue="cue", article=f"art{i // 20}", start=0, end=30)
    return Relation(a, b, sign, KIND[sign], round(rnd.uniform(1, 9), 1), day, "extracted", ev)


def graph(day: date, ties: dict[tuple[str, str], list[Relation]], bloc: dict[str, int]) -> nx.Graph:
    G = nx.Graph(date=day, mode="cumulative", articles=())
    for (a, b), rels in sorted(ties.items()):
        G.add_edge(a, b, **tie_attributes(rels))
    for actor in G:
        G.nodes[actor].update(label=actor, type="state", bloc=bloc[actor],
                              strength=sum(w for *_, w in G.edges(actor, data="weight")))
    return G


def snapshots(actors: int, ties: int, seed: int = 1) -> tuple[nx.Graph, nx.Graph]:
    rnd = random.Random(seed)
    names = [f"N{i:05d}" for i in range(actors)]
    camp = {x: rnd.randrange(5) for x in names}
    later_camp = {x: rnd.randrange(5) if rnd.random() < 0.05 else camp[x] for x in names}
    counter = iter(range(10**9))
    before: dict[tuple[str, str], list[Relation]] = {}
    while len(before) < ties:
        a, b = sorted(rnd.sample(names, 2))
        if (a, b) not in before:
            sign = 1 if camp[a] == camp[b] else -1
            sign = -sign if rnd.random() < 0.1 else sign
            before[a, b] = [relation(rnd, a, b, sign, D1, next(counter)) for _ in range(rnd.randint(1, 3))]
    after: dict[tuple[str, str], list[Relation]] = {}
    for dyad, rels in before.items():
        roll = rnd.random()
        if roll < 0.05:
            continue  # dissolved
        if roll < 0.15:  # new evidence; a third of it against the tie's sign
            sign = -rels[0].sign if rnd.random() < 0.33 else rels[0].sign
            rels = rels + [relation(rnd, *dyad, sign, D2, next(counter)) for _ in range(rnd.randint(1, 3))]
        after[dyad] = rels
    while len(after) < ties:
        a, b = sorted(rnd.sample(names, 2))
        if (a, b) not in after and (a, b) not in before:
            sign = 1 if later_camp[a] == later_camp[b] else -1
            after[a, b] = [relation(rnd, a, b, sign, D2, next(counter))]
    return graph(D1, before, camp), graph(D2, after, later_camp)


TASKS = [
    ("compare", lambda a, b, d: compare_snapshots(a, b)),
    ("compare, ties only", lambda a, b, d: compare_snapshots(a, b, structure=False)),
    ("diff_record + json", lambda a, b, d: json.dumps(diff_record(d))),
    ("format_diff_table", lambda a, b, d: format_diff_table(d, limit=20)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    measurements = []
    for actors, ties in ((args.actors // 10, args.ties // 10), (args.actors, args.ties)):
        a, b = snapshots(actors, ties)
        diff = compare_snapshots(a, b)
        best = {name: float("inf") for name, _ in TASKS}
        for _ in range(args.rounds):
            for name, task in TASKS:
                start = time.perf_counter()
                task(a, b, diff)
                best[name] = min(best[name], time.perf_counter() - start)
        counts = {k: len(getattr(diff, k)) for k in ("formed", "dissolved", "flipped", "strengthened", "weakened", "bloc_moves")}
        for name, _ in TASKS:
            measurements.append({"task": name, "actors": actors, "ties": ties, "seconds": round(best[name], 3), **counts})
    print(format_table(
        ["task", "actors", "ties", "seconds", "formed", "dissolved", "flipped", "stronger", "weaker", "bloc moves"],
        [[m["task"], m["actors"], m["ties"], m["seconds"], m["formed"], m["dissolved"], m["flipped"],
          m["strengthened"], m["weakened"], m["bloc_moves"]] for m in measurements],
    ))
    load = os.getloadavg()[0]
    print(f"\nload average during the run: {load:.1f} on {os.cpu_count()} cores")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "snapshot comparison",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "load_average": round(load, 2),
        "measurements": measurements,
    }, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
