"""How fast the actor matcher runs: codebook load time and mentions per second.

Runs ``Codebook.find_mentions`` over the seed articles (each with its date)
for a number of rounds and prints characters and mentions per second.

    python bench/bench_actors.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

import yaml

from netviz.ingest import actors

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def seed_texts() -> list[tuple[str, date]]:
    texts = []
    for path in sorted(ARTICLES.glob("*.txt")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        texts.append((body, date.fromisoformat(str(yaml.safe_load(front)["date"]))))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds

    t0 = time.perf_counter()
    codebook = actors.load_codebook()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    actors.load_codebook()
    cached = time.perf_counter() - t0

    texts = seed_texts()
    chars = sum(len(t) for t, _ in texts)
    mentions = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for text, on in texts:
            mentions += len(codebook.find_mentions(text, on))
    elapsed = time.perf_counter() - t0

    print(f"codebook: {len(codebook)} actors; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"load: {load:.2f} s (cached: {cached * 1000:.2f} ms)")
    print(f"matched {rounds} x {len(texts)} articles ({chars} chars each round) in {elapsed:.2f} s")
    print(f"{mentions / elapsed:,.0f} mentions/s, {chars * rounds / elapsed / 1e6:.2f} M chars/s, "
          f"{len(texts) * rounds / elapsed:,.0f} articles/s")


if __name__ == "__main__":
    main()
