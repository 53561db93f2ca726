"""Benchmark of bloc finding: planted camps recovered by netviz and by published signed-graph methods.

Graphs like real news maps, as issue 13 describes them: actors in 5 planted
camps, about 12 (or 8) ties an actor (the mean degree is exactly that), two
thirds of them hostile ties across camps and the rest cooperative ties
inside (each tie's kind is drawn first, then a new pair of that kind), then
10% of all signs flipped; every tie weighs 5 (as curated relations of one
intensity do). Sizes: 160 actors (5 camps of 32, as the test over codebook
states, which builds the same graphs) and 2,000 actors.

Methods, each scored by the adjusted Rand index against the planted camps
(an unaligned actor counts as a bloc of its own: the camps have none, so
every unaligned actor is a miss) with the number of blocs and CPU time:

- ``netviz camps``: :func:`netviz.graph.analysis.find_blocs` ``method="camps"`` (the default of maps and ``analyze``;
  :mod:`netviz.graph.camps`);
- ``netviz camps before``: the same, run from another checkout of netviz (``--before DIR``, e.g. main exported
  with ``git archive``) in a subprocess on the same graphs;
- ``consensus of 10 camps runs``: the camps of seeds 0-9, actors joined where more than half the runs put them
  in one bloc (co-association), 160 actors only;
- ``netviz auto``: the least-frustration search with free k and cooperative pieces (the default before the camps);
- ``relocation (Doreian-Mrvar, told k=5)``: the classical relocation procedure for signed blockmodels,
  20 random starts into 5 blocs, actors moved one at a time while frustration falls, the least frustrated kept;
- ``signed spectral``: Kunegis et al. 2010, k-means on the smallest eigenvectors of the normalised signed
  Laplacian, *told* k = 5 (an oracle the others do not get);
- ``SPONGE``: Cucuringu et al. 2019, the generalized eigenproblem (L+ + D-) v = l (L- + D+) v, tau = 1, told k = 5;
  implemented here from the paper (no PyPI package ships it);
- ``correlation clustering``: the ``correlation-clustering`` package (PyPI, Schlechtweg et al.), s = 10 clusters
  at most, 20 iterations; the first 5 graphs of 160 actors only (it searches in worker processes for about a
  minute of wall time per graph at 160 actors, and does not finish in minutes at 2,000);
- ``oracle: relocation from the planted camps``: not a method (it is given the answer): the frustration local
  optimum nearest the camps, to show what frustration itself rewards;
- ``oracle: posterior from the planted camps``: not a method either: netviz's posterior step (belief
  propagation under the planted partition) fitted to and started from the camps, no unaligned actors: about
  the best any method that does not know the camps can do on these graphs.

Each row also gives the frustration of the partition found (unaligned actors alone), as a share of the
planted camps' own frustration (below 1: the objective prefers the partition found to the camps).

Along a history: the ties of a 2,000-actor graph arrive over 50 dates, a fiftieth a day;
:func:`netviz.graph.blocs.bloc_timeline` finds the blocs of every date (full searches only after the ties
doubled, the rest incremental), CPU seconds, and the last date's ARI against a fresh search's.

Also: ``numpy.linalg.eigh`` of a 266 x 266 symmetric matrix with the BLAS's default threads and with one.
BLAS is pinned to one thread (threadpoolctl, and ``OPENBLAS_NUM_THREADS=1`` etc. for the ``--before``
subprocess) for every measured method.

Run: ``python bench/bench_blocs.py [--seeds 20] [--before DIR]`` (``pip install 'netviz[bench]'`` for
correlation-clustering); prints tables and writes bench/results/bench_blocs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
from threadpoolctl import threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netviz.graph.blocs import adjusted_rand_index, bloc_timeline  # noqa: E402
from netviz.graph.blocsearch import _kmeans, find_blocs  # noqa: E402
from netviz.graph.camps import _frustration, _posterior, _relocate  # noqa: E402
from netviz.graph.snapshots import build_snapshots  # noqa: E402
from netviz.model import Evidence, Relation  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_blocs.json"
CAMPS = 5


def planted(actors: int, degree: int, seed: int, hostile: float = 2 / 3, flip: float = 0.1) -> tuple[nx.Graph, dict]:
    rnd = random.Random(seed)
    names = [f"N{i:04d}" for i in range(actors)]
    camp = {x: i % CAMPS for i, x in enumerate(names)}
    members = {c: [x for x in names if camp[x] == c] for c in range(CAMPS)}
    G = nx.Graph()
    G.add_nodes_from(names)
    while G.number_of_edges() < round(actors * degree / 2):
        across = rnd.random() < hostile
        while True:  # a new pair of the kind drawn: a repeat redrawn as another kind would skew the share
            a = rnd.choice(names)
            b = rnd.choice(members[rnd.choice([c for c in range(CAMPS) if c != camp[a]])] if across else members[camp[a]])
            if a != b and not G.has_edge(a, b):
                break
        sign = -1 if across else 1
        sign = -sign if rnd.random() < flip else sign
        G.add_edge(a, b, weight=5.0, sign=sign, polarity=float(sign))
    return G, camp


def matrices(G: nx.Graph) -> tuple[list[str], sp.csr_matrix]:
    nodes = sorted(G)
    index = {u: i for i, u in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, d in G.edges(data=True):
        for x, y in ((u, v), (v, u)):
            rows.append(index[x])
            cols.append(index[y])
            vals.append(d["sign"] * d["weight"])
    return nodes, sp.csr_matrix((vals, (rows, cols)), shape=(len(nodes), len(nodes)))


def signed_spectral(G: nx.Graph, k: int, seed: int) -> dict:
    nodes, A = matrices(G)
    d = np.asarray(abs(A).sum(axis=1)).ravel()
    s = np.diag(1 / np.sqrt(np.where(d > 0, d, 1)))
    L = np.eye(len(nodes)) - s @ A.toarray() @ s
    _, vectors = np.linalg.eigh(L)
    return dict(zip(nodes, _kmeans(vectors[:, :k], k, np.random.default_rng(seed))))


def sponge(G: nx.Graph, k: int, seed: int, tau: float = 1.0) -> dict:
    nodes, A = matrices(G)
    dense = A.toarray()
    plus, minus = np.maximum(dense, 0), np.maximum(-dense, 0)
    d_plus, d_minus = np.diag(plus.sum(1)), np.diag(minus.sum(1))
    left = d_plus - plus + tau * d_minus
    right = d_minus - minus + tau * d_plus + 1e-9 * np.eye(len(nodes))
    _, vectors = sla.eigh(left, right)
    return dict(zip(nodes, _kmeans(vectors[:, :k], k, np.random.default_rng(seed))))


def correlation_clustering(G: nx.Graph, seed: int) -> dict:
    from correlation_clustering.correlation import cluster_correlation_search

    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_edges_from((u, v, {"weight": d["sign"] * d["weight"]}) for u, v, d in sorted(G.edges(data=True)))
    classes, _ = cluster_correlation_search(H, s=10, max_iter=20, rng=np.random.default_rng(seed))
    return {u: i for i, cls in enumerate(classes) for u in cls}


def relocation(G: nx.Graph, k: int, seed: int, starts: int = 20) -> dict:
    nodes, A = matrices(G)
    rng = np.random.default_rng(seed)
    found = [_relocate(A, rng.integers(0, k, len(nodes)), k, rng) for _ in range(starts)]
    best = min(found, key=lambda labels: _frustration(A, labels))
    return dict(zip(nodes, best.tolist()))


def oracle(G: nx.Graph, camp: dict, seed: int) -> dict:
    nodes, A = matrices(G)
    labels = _relocate(A, np.array([camp[u] for u in nodes]), CAMPS, np.random.default_rng(seed))
    return dict(zip(nodes, labels.tolist()))


def posterior_oracle(G: nx.Graph, camp: dict, seed: int) -> dict:
    nodes, A = matrices(G)
    labels, _ = _posterior(A, np.array([camp[u] for u in nodes]))
    return dict(zip(nodes, labels.tolist()))


def consensus(G: nx.Graph, seed: int, runs: int = 10) -> dict:
    nodes = sorted(G)
    together = np.zeros((len(nodes), len(nodes)))
    for run in range(runs):
        found = netviz("camps")(G, run)
        labels = np.array([-1 - i if found[u] is None else found[u] for i, u in enumerate(nodes)])
        together += labels[:, None] == labels[None, :]
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from(zip(*np.nonzero(np.triu(together > runs / 2, 1))))
    return {nodes[i]: (c if len(group) > 1 else None)
            for c, group in enumerate(sorted(nx.connected_components(H), key=min)) for i in group}


def frustration(G: nx.Graph, found: dict) -> float:
    nodes, A = matrices(G)
    alone = iter(range(-1, -len(nodes) - 1, -1))
    labels = np.array([next(alone) if found[u] is None else found[u] for u in nodes])
    return _frustration(A, labels)


def netviz(method: str):
    def run(G: nx.Graph, seed: int) -> dict:
        p = find_blocs(G, method=method, seed=seed)
        return {u: (b if len(p.blocs[b]) > 1 else None) for u, b in p.membership.items()}
    return run


METHODS = {
    "netviz camps": netviz("camps"),
    "netviz camps before": None,
    "consensus of 10 camps runs": consensus,
    "netviz auto": netviz("auto"),
    "relocation (Doreian-Mrvar, told k=5)": lambda G, seed: relocation(G, CAMPS, seed),
    "signed spectral (told k=5)": lambda G, seed: signed_spectral(G, CAMPS, seed),
    "SPONGE (told k=5)": lambda G, seed: sponge(G, CAMPS, seed),
    "correlation clustering (PyPI)": correlation_clustering,
    "oracle: relocation from the planted camps": oracle,
    "oracle: posterior from the planted camps": posterior_oracle,
}
ORACLES = (oracle, posterior_oracle)

#: Runs netviz's camps from another checkout (PYTHONPATH) on graphs read from stdin, as JSON.
BEFORE = """
import json, sys, time
import networkx as nx
from threadpoolctl import threadpool_limits
from netviz.graph.analysis import find_blocs
out = []
with threadpool_limits(limits=1, user_api="blas"):
    for seed, nodes, edges in json.load(sys.stdin):
        G = nx.Graph()
        G.add_nodes_from(nodes)
        G.add_edges_from((u, v, {"weight": w, "sign": s, "polarity": float(s)}) for u, v, w, s in edges)
        start = time.process_time()
        p = find_blocs(G, method="camps", seed=seed)
        cpu = time.process_time() - start
        out.append([{u: (b if len(p.blocs[b]) > 1 else None) for u, b in p.membership.items()}, cpu])
json.dump(out, sys.stdout)
"""

#: The history of ``--before``: the same ties arriving over the same dates, ``bloc_timeline`` timed.
BEFORE_HISTORY = """
import json, sys, time
from datetime import date, timedelta
from threadpoolctl import threadpool_limits
from netviz.graph.blocs import bloc_timeline
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation
ties, dates = json.load(sys.stdin)
days = [date(2020, 1, 1) + timedelta(days=i) for i in range(dates)]
rels = [Relation(a, b, s, "material_cooperation" if s > 0 else "material_conflict", 5.0, days[i % dates], "extracted",
                 Evidence(f"{a} {b}", "planted", f"a{i}")) for i, (a, b, s) in enumerate(ties)]
snaps = build_snapshots(rels, days)
with threadpool_limits(limits=1, user_api="blas"):
    start = time.process_time()
    timeline = bloc_timeline(snaps.history)
    cpu = time.process_time() - start
numbers, _ = timeline.on(days[-1])
json.dump([numbers, cpu, timeline.full_searches], sys.stdout)
"""


def run_before(checkout: Path, script: str, payload: object) -> object:
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
           "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(payload), env=env, capture_output=True,
                          text=True, check=True, cwd=checkout)  # cwd: python -c puts it first on sys.path
    return json.loads(done.stdout)


def history_of(G: nx.Graph, dates: int) -> tuple[list[tuple[str, str, int]], list[date]]:
    ties = [(u, v, d["sign"]) for u, v, d in sorted(G.edges(data=True))]
    random.Random(0).shuffle(ties)
    return ties, [date(2020, 1, 1) + timedelta(days=i) for i in range(dates)]


def along_history(G: nx.Graph, camp: dict, dates: int, before: Path | None) -> list[dict]:
    """``bloc_timeline`` over ``G``'s ties arriving over ``dates`` days: CPU, full searches, the last date's ARI."""
    ties, days = history_of(G, dates)
    rels = [Relation(a, b, s, "material_cooperation" if s > 0 else "material_conflict", 5.0, days[i % dates],
                     "extracted", Evidence(f"{a} {b}", "planted", f"a{i}")) for i, (a, b, s) in enumerate(ties)]
    snaps = build_snapshots(rels, days)
    start = time.process_time()
    timeline = bloc_timeline(snaps.history)
    runs = [("netviz camps", timeline.on(days[-1])[0], time.process_time() - start, timeline.full_searches)]
    if before is not None:
        numbers, cpu, full = run_before(before, BEFORE_HISTORY, [ties, dates])
        runs.append(("netviz camps before", numbers, cpu, full))
    fresh = netviz("camps")(snaps[days[-1]], 0)
    return [{"actors": len(G), "dates": dates, "method": name, "cpu_s": round(cpu, 2), "full_searches": full,
             "ari_last_date": round(adjusted_rand_index(camp, numbers), 3),
             "ari_fresh_search": round(adjusted_rand_index(camp, fresh), 3)}
            for name, numbers, cpu, full in runs]


def eigh_threads() -> dict:
    M = np.random.default_rng(0).standard_normal((266, 266))
    M = M + M.T

    def best(rounds: int = 5) -> float:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            np.linalg.eigh(M)
            times.append(time.perf_counter() - start)
        return min(times)

    default_threads = max((i.get("num_threads", 1) for i in threadpool_info() if i.get("user_api") == "blas"), default=1)
    default = best()
    with threadpool_limits(limits=1, user_api="blas"):
        one = best()
    return {"blas_threads_default": default_threads, "default_s": round(default, 4), "one_thread_s": round(one, 4),
            "ratio": round(default / one, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="graphs of 160 actors per row (2,000 actors: 3)")
    parser.add_argument("--before", type=Path, help="a checkout of another netviz version to run as 'before'")
    args = parser.parse_args()
    load_before = os.getloadavg()
    eigh = eigh_threads()
    print(f"eigh 266x266: default BLAS threads ({eigh['blas_threads_default']}) {eigh['default_s']} s, "
          f"one thread {eigh['one_thread_s']} s ({eigh['ratio']}x)")
    rows, records, history = [], [], []
    with threadpool_limits(limits=1, user_api="blas"):
        for actors, degree, seeds in ((160, 12, args.seeds), (160, 8, args.seeds), (2000, 12, 3), (2000, 8, 3)):
            every = [planted(actors, degree, seed) for seed in range(seeds)]
            for name, method in METHODS.items():
                if actors > 200 and name.startswith(("correlation", "consensus")):
                    continue
                graphs = every[:5] if name.startswith("correlation") else every
                seeds = len(graphs)
                if method is None:
                    if args.before is None:
                        continue
                    payload = [[seed, sorted(G), [[u, v, d["weight"], d["sign"]] for u, v, d in sorted(G.edges(data=True))]]
                               for seed, (G, _) in enumerate(graphs)]
                    runs = run_before(args.before, BEFORE, payload)
                else:
                    runs = []
                    for seed, (G, camp) in enumerate(graphs):
                        start = time.process_time()
                        found = method(G, camp, seed) if method in ORACLES else method(G, seed)
                        runs.append((found, time.process_time() - start))
                scores, blocs, unaligned, frustrated = [], [], [], []
                for (G, camp), (found, _) in zip(graphs, runs):
                    scores.append(adjusted_rand_index(camp, found))
                    frustrated.append(frustration(G, found) / frustration(G, camp))
                    sizes = Counter(b for b in found.values() if b is not None)
                    blocs.append(sum(1 for n in sizes.values() if n > 1))
                    unaligned.append(sum(1 for v in found.values() if v is None) + sum(1 for n in sizes.values() if n == 1))
                record = {"actors": actors, "degree": degree, "method": name, "seeds": seeds,
                          "ari_mean": round(float(np.mean(scores)), 3), "ari_min": round(min(scores), 3),
                          "blocs_mean": round(float(np.mean(blocs)), 1), "unaligned_mean": round(float(np.mean(unaligned)), 1),
                          "frustration_vs_camps": round(float(np.mean(frustrated)), 3),
                          "cpu_s_per_graph": round(sum(cpu for _, cpu in runs) / seeds, 3)}
                records.append(record)
                rows.append([actors, degree, name, record["ari_mean"], record["ari_min"], record["blocs_mean"],
                             record["unaligned_mean"], record["frustration_vs_camps"], record["cpu_s_per_graph"]])
                print(json.dumps(record), flush=True)
        G, camp = planted(2000, 12, 0)
        history = along_history(G, camp, 50, args.before)
        for record in history:
            print(json.dumps(record), flush=True)
    print(format_table(["actors", "ties/actor", "method", "ARI mean", "ARI min", "blocs", "unaligned",
                        "frustration / camps'", "CPU s"], rows))
    print(format_table(["actors", "dates", "method", "CPU s", "full searches", "ARI last date", "ARI fresh search"],
                       [[r["actors"], r["dates"], r["method"], r["cpu_s"], r["full_searches"], r["ari_last_date"],
                         r["ari_fresh_search"]] for r in history]))
    before = None
    if args.before is not None:
        done = subprocess.run(["git", "-C", str(args.before), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        before = {"path": str(args.before), "commit": done.stdout.strip() or None}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": load_before, "load_after": os.getloadavg(), "blas_threads": 1},
        "before": before,
        "eigh_266": eigh,
        "rows": records,
        "history": history,
    }, indent=1) + "\n")


if __name__ == "__main__":
    main()
