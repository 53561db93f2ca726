"""Benchmark of the graph stage on a synthetic archive: history, blocs, every date, compare, analyze.

One seeded synthetic corpus (``generate_corpus.py``) per size; relations are
extracted once (cached in a temporary folder, not timed here: see
``bench_scale.py``). Then, each stage in CPU seconds (the machine is shared:
CPU time is the reliable figure) with the peak resident memory of the process:

- ``history``: :func:`netviz.graph.history.build_history` over every article date (cumulative);
- ``blocs``: :func:`netviz.graph.blocs.bloc_timeline`: incremental blocs on every date;
- ``every graph``: each date's full ``nx.Graph``, walked in order (what a page per date costs;
  dates x ties by nature, so timed up to 1,000 articles only);
- ``compare``: the middle date against the last, with structure (bloc moves, balance), as ``netviz compare`` does;
- ``analyze``: the last date, as ``netviz analyze`` does;
- ``window``: the same history with ``--window 30``.

BLAS is pinned to one thread (threadpoolctl) for the whole run, and said so in the JSON.

Run: ``python bench/bench_history.py [--sizes 1000,10000]``; prints a table
and writes bench/results/bench_history.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from threadpoolctl import threadpool_limits  # noqa: E402

from generate_corpus import generate_articles  # noqa: E402
from netviz.engine import extract_corpus  # noqa: E402
from netviz.extract import load_cues  # noqa: E402
from netviz.graph.analysis import analyze_snapshot  # noqa: E402
from netviz.graph.blocs import bloc_timeline  # noqa: E402
from netviz.graph.compare import compare_snapshots  # noqa: E402
from netviz.graph.history import build_history  # noqa: E402
from netviz.graph.snapshots import Snapshots  # noqa: E402
from netviz.ingest.actors import load_codebook  # noqa: E402
from netviz.ingest.curated import load_curated  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_history.json"
#: Building every date's full graph costs dates x ties by nature; timed up to this size only.
EVERY_GRAPH_UP_TO = 1000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(task):
    start = time.process_time()
    result = task()
    return result, round(time.process_time() - start, 3)


def run(size: int, jobs: int) -> dict:
    codebook = load_codebook()
    curated = load_curated([], codebook)
    articles = list(generate_articles(size, 7))
    with tempfile.TemporaryDirectory() as cache:
        relations = curated.apply(extract_corpus(articles, codebook, load_cues(), jobs=jobs, cache_dir=cache).relations)
    dates: dict = {}
    for art in articles:
        dates.setdefault(art.date, []).append(art.id)
    row: dict = {"articles": size, "dates": len(dates), "relations": len(relations)}
    history, row["history_cpu_s"] = timed(lambda: build_history(relations, dates, curated=curated, codebook=codebook))
    row["tie_changes"] = sum(len(d) for d in history.deltas)
    blocs, row["blocs_cpu_s"] = timed(lambda: bloc_timeline(history))
    row["bloc_full_searches"] = blocs.full_searches
    snaps = Snapshots(history, blocs)
    days = list(snaps)
    row["ties_last_date"] = snaps[days[-1]].number_of_edges()

    def every_graph() -> int:
        return sum(snaps[d].number_of_edges() for d in days)

    if size <= EVERY_GRAPH_UP_TO:
        row["tie_dates"], row["every_graph_cpu_s"] = timed(every_graph)
    else:  # D x ties by nature: only the counts, from the deltas
        row["tie_dates"], row["every_graph_cpu_s"] = sum(t for _, _, t, *_ in history.counts()), None
    fresh = Snapshots(history, blocs)
    _, row["compare_cpu_s"] = timed(lambda: compare_snapshots(fresh[days[len(days) // 2]], fresh[days[-1]]))
    fresh = Snapshots(history, blocs)
    _, row["analyze_cpu_s"] = timed(lambda: analyze_snapshot(fresh[days[-1]]))
    _, row["window30_history_cpu_s"] = timed(
        lambda: build_history(relations, dates, curated=curated, codebook=codebook, window=30))
    row["peak_mb"] = round(peak_mb(), 1)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows = []
    with threadpool_limits(limits=1, user_api="blas"):
        for size in map(int, args.sizes.split(",")):
            rows.append(run(size, args.jobs))
            print(json.dumps(rows[-1]), flush=True)
    keys = ["articles", "dates", "relations", "tie_changes", "tie_dates", "history_cpu_s", "blocs_cpu_s",
            "bloc_full_searches", "every_graph_cpu_s", "compare_cpu_s", "analyze_cpu_s", "window30_history_cpu_s",
            "peak_mb"]
    print(format_table(keys, [[r[k] for k in keys] for r in rows]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": load_before, "load_after": os.getloadavg(), "blas_threads": 1},
        "note": "peak_mb is the process peak after each size, so it includes the sizes before it",
        "rows": rows,
    }, indent=1) + "\n")


if __name__ == "__main__":
    main()
