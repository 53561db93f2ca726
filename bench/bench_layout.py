"""The signed layout: camps, drawing conflicts, stability and cost.

- planted camps: 5 camps of states, about 12 ties an actor, two thirds of them
  hostile across camps, a tenth of the signs flipped (as tests/test_layout.py,
  here at 32 codebook states, and at 2,000 synthetic actors with 20 ties each,
  20,000 ties):
  silhouette of the positions by camp, CPU seconds, dots lying on a foreign
  tie, overlapping labels;
- the seed maps (data/articles): dots on foreign ties and overlapping labels
  on each date's map (dots sized as the pages draw them);
- stability: the seed corpus with one four-sentence article added, median and
  largest move of the actors already placed, laid out afresh and (when the
  layout has ``place_actors``) anchored to the previous layout.

It runs against any netviz checkout (``--netviz PATH``, default this one), so
the same script gives before and after figures. BLAS is pinned to one thread.

    python bench/bench_layout.py [--netviz PATH] [--large 2000]

Prints the figures and writes ``bench/results/bench_layout.json``.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy loads

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ADDED = """---
title: Gulf rift deepens
date: 2018-06-05
source: bench wire
---
Saudi Arabia and the United Arab Emirates accused Qatar of backing militants.
Turkey pledged support for Qatar and sent troops to its base near Doha.
Iran opened its airspace to Qatari flights.
The United States urged Saudi Arabia and Qatar to resolve the dispute.
"""


def planted(n: int, camps: int = 5, degree: int = 12, hostile: float = 2 / 3, flipped: float = 0.1, seed: int = 0,
            ids: list[str] | None = None):
    import networkx as nx

    rnd = random.Random(seed)
    ids = ids or [f"A{i:05d}" for i in range(n)]
    camp = {a: i % camps for i, a in enumerate(rnd.sample(ids, len(ids)))}
    members = [[a for a in ids if camp[a] == c] for c in range(camps)]
    g = nx.Graph()
    g.add_nodes_from((a, {"label": a}) for a in ids)
    while g.number_of_edges() < n * degree // 2:
        a = rnd.choice(ids)
        across = rnd.random() < hostile
        pool = members[rnd.choice([c for c in range(camps) if c != camp[a]])] if across else members[camp[a]]
        b = rnd.choice(pool)
        if b == a or g.has_edge(a, b):
            continue
        sign = (-1 if across else 1) * (-1 if rnd.random() < flipped else 1)
        w = rnd.choice([3.0, 5.0, 7.0, 8.0])
        g.add_edge(a, b, weight=w, sign=sign, cooperation=w * (sign > 0), conflict=w * (sign < 0))
    for a in ids:
        g.nodes[a]["strength"] = sum(w for *_, w in g.edges(a, data="weight"))
    return g, camp


def silhouette(pos, group) -> float:
    import numpy as np

    ids = sorted(pos)
    xy = np.array([pos[a] for a in ids])
    label = np.array([group[a] for a in ids])
    scores = []
    for i in range(len(ids)):  # row by row: 2,000 x 2,000 distances at once would do too
        dist = np.sqrt(((xy - xy[i]) ** 2).sum(axis=1))
        mine = label == label[i]
        mine[i] = False
        a = dist[mine].mean()
        b = min(dist[label == c].mean() for c in set(label.tolist()) - {label[i]})
        scores.append((b - a) / max(a, b))
    return round(float(np.mean(scores)), 3)


def drawing_conflicts(graphs, pos) -> dict:
    """Dots on foreign ties and overlapping labels over the maps of ``graphs`` (sized as the pages draw them)."""
    import numpy as np

    from netviz.site.palette import node_size

    measures = _measures()
    top = max((s for g in graphs for _, s in g.nodes(data="strength")), default=1.0)
    dots = labels = no_side = 0
    checked = True
    for g in graphs:
        ids = sorted(g.nodes)
        index = {a: i for i, a in enumerate(ids)}
        xy = np.array([pos[a] for a in ids], dtype=float)
        radius = np.array([node_size(g.nodes[a].get("strength", 0.0), top) for a in ids])
        boxes = np.array([((len(str(g.nodes[a].get("label") or a)) * 0.55 + 0.8) * 14 + 6, 1.25 * 14 + 3)
                          for a in ids])
        edges = [(index[u], index[v]) for u, v in g.edges]
        if len(ids) * len(edges) > 5_000_000:
            checked = False
        else:
            dots += len(measures.dots_on_ties(xy, edges, radius))
            no_side += len(measures.labels_on_ties(xy, edges, radius, boxes))
        labels += len(measures.label_overlaps(xy, radius, boxes))
    unchecked = "not checked (too many actors x ties)"
    return {"dots_on_foreign_ties": dots if checked else unchecked,
            "labels_with_no_side_clear_of_foreign_ties": no_side if checked else unchecked,
            "overlapping_marks": labels}


def _measures():
    """The measuring functions of this checkout's layout module (the netviz measured may predate them)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_bench_measures", ROOT / "netviz" / "graph" / "layout.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["_bench_measures"] = module
    spec.loader.exec_module(module)
    return module


def timed_layout(graphs, **kw):
    from netviz.graph.layout import compute_layout

    t0 = time.process_time()
    pos = compute_layout(graphs, **kw)
    return pos, round(time.process_time() - t0, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--netviz", type=Path, default=ROOT, help="the netviz checkout to measure")
    parser.add_argument("--large", type=int, default=2000, help="actors of the large planted-camps graph")
    parser.add_argument("--results", type=Path, default=BENCH / "results" / "bench_layout.json")
    args = parser.parse_args()
    sys.path.insert(0, str(args.netviz))
    import netviz
    from netviz.graph import layout
    from netviz.ingest.actors import load_codebook

    figures: dict = {"netviz": str(args.netviz), "blas_threads": 1}
    states = sorted(a.id for a in load_codebook().actors.values() if a.type == "state")[:32]
    small = []
    for seed in range(3):
        g, camp = planted(32, seed=seed, ids=states)
        for a in g:
            g.nodes[a]["label"] = load_codebook().get(a).name
        pos, cpu = timed_layout([g])
        small.append({"silhouette": silhouette(pos, camp), "cpu_s": cpu, **drawing_conflicts([g], pos)})
    figures["camps_32_states"] = small
    print("planted camps, 32 states:", small)

    g, camp = planted(args.large, degree=20, seed=0)  # 2,000 actors: 20,000 ties
    pos, cpu = timed_layout([g])
    figures[f"camps_{args.large}_actors"] = {"actors": g.number_of_nodes(), "ties": g.number_of_edges(),
                                             "silhouette": silhouette(pos, camp), "cpu_s": cpu,
                                             **drawing_conflicts([g], pos)}
    print(f"planted camps, {args.large} actors:", figures[f"camps_{args.large}_actors"])

    with tempfile.TemporaryDirectory(prefix="netviz-bench-layout-") as tmp:
        data = Path(tmp) / "data"  # the whole folder: DATA/curated.yaml belongs to the seed maps
        shutil.copytree(ROOT / "data", data)
        before = netviz.build(data, jobs=1)
        graphs = list(before.snapshots.values())
        pos, cpu = timed_layout(graphs)
        figures["seed_maps"] = {"cpu_s": cpu, **drawing_conflicts(graphs, pos)}
        print("seed maps:", figures["seed_maps"])
        (data / "articles" / "zz_added.md").write_text(ADDED, encoding="utf-8")
        grown = list(netviz.build(data, jobs=1).snapshots.values())
        fresh, _ = timed_layout(grown)
        moves = {"fresh": [math.dist(pos[a], fresh[a]) for a in pos]}
        if hasattr(layout, "place_actors"):
            anchored = layout.place_actors(grown, previous=layout.place_actors(graphs)).positions
            moves["anchored"] = [math.dist(pos[a], anchored[a]) for a in pos]
            figures["seed_maps_grown_anchored"] = drawing_conflicts(grown, anchored)
        half = max(abs(c) for p in pos.values() for c in p)  # the map's half-width, for scale
        figures["one_article_added"] = {k: {"median_px": round(sorted(v)[len(v) // 2], 1), "max_px": round(max(v), 1),
                                            "half_width_px": round(half, 1)} for k, v in moves.items()}
        print("one article added, placed actors move:", figures["one_article_added"])
    args.results.parent.mkdir(exist_ok=True)
    args.results.write_text(json.dumps(figures, indent=1) + "\n")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
