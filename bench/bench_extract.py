"""How fast relation extraction runs: sentences and articles per second.

Extracts relations from a seeded synthetic corpus (``generate_corpus.py``)
and from the seed articles, once per round, and reports sentences/s and
articles/s on one core (CPU time of this process, so other load on the
machine distorts it less than wall time; both are recorded). The actor
matcher's own share is measured separately. TABARI, the classic dictionary
coder, managed 1,000-2,000 sentences/s.

    python bench/bench_extract.py [--articles 300] [--seed 7] [--rounds 3]

Prints a table and writes ``bench/results/bench_extract.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate_articles  # noqa: E402

from netviz.extract import extract_relations, load_cues, split_sentences  # noqa: E402
from netviz.ingest.actors import load_codebook  # noqa: E402
from netviz.ingest.corpus import load_articles  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "bench_extract.json"


def measure(name: str, articles: list, codebook, cues, rounds: int) -> dict:
    sentences = sum(len(split_sentences(a.text)) for a in articles)
    best_cpu = best_wall = float("inf")
    relations = 0
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        relations = len(extract_relations(articles, codebook, cues))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    cpu = time.process_time()
    for art in articles:
        codebook.find_mentions(art.text, art.date)
    matcher = time.process_time() - cpu
    return {
        "corpus": name,
        "articles": len(articles),
        "sentences": sentences,
        "words": sum(len(a.text.split()) for a in articles),
        "relations": relations,
        "cpu_seconds": round(best_cpu, 3),
        "wall_seconds": round(best_wall, 3),
        "sentences_per_s": round(sentences / best_cpu),
        "articles_per_s": round(len(articles) / best_cpu, 1),
        "matcher_share": round(matcher / best_cpu, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    codebook, cues = load_codebook(), load_cues()
    synthetic = generate_articles(args.articles, args.seed, codebook, cues)
    seeds = load_articles([ROOT / "data" / "articles"])
    rows = [
        measure(f"synthetic (seed {args.seed})", synthetic, codebook, cues, args.rounds),
        measure("seed articles x20", seeds * 20, codebook, cues, args.rounds),
    ]
    header = f"{'corpus':<24}{'articles':>9}{'sentences':>10}{'relations':>10}{'cpu s':>8}{'sent/s':>9}{'art/s':>8}{'matcher':>9}"
    print(header)
    for r in rows:
        print(f"{r['corpus']:<24}{r['articles']:>9}{r['sentences']:>10}{r['relations']:>10}{r['cpu_seconds']:>8.2f}"
              f"{r['sentences_per_s']:>9,}{r['articles_per_s']:>8.1f}{r['matcher_share']:>9.0%}")
    load = os.getloadavg()[0]
    print(f"best of {args.rounds} rounds; load average {load:.2f} on {os.cpu_count()} cores; "
          f"python {platform.python_version()}")
    result = {"rows": rows, "rounds": args.rounds, "load_average": round(load, 2), "cores": os.cpu_count(),
              "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M")}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(RESULTS, json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
