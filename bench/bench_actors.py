"""How fast the actor matcher runs: codebook load time, characters and mentions per CPU-second.

Runs ``Codebook.find_mentions`` (generic mentions included when the codebook
has them) over the seed articles and, when ``../shared/`` sits beside the
repository, over the 26 dev and the first ``--real`` real articles, each with
its date. Times are CPU seconds of this process (``time.process_time``): the
machine is shared, so wall-clock time measures the neighbours. BLAS threads
are pinned to 1 (the matcher uses none; pinned so figures compare with the
other benchmarks). The reference, timed in the same run over the same text,
is one ``\\w+`` regex scan: the ratio matcher/reference is what to compare
across machines. Linearity: the same text repeated 1, 4 and 16 times must
cost the same per character.

    python bench/bench_actors.py [--rounds 20] [--real 200]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from netviz.ingest import actors  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts_of(folder: Path, limit: int | None = None) -> list[tuple[str, date]]:
    texts = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        texts.append((body, date.fromisoformat(str(yaml.safe_load(front)["date"]))))
    return texts


def find(codebook: actors.Codebook, text: str, on: date) -> list:
    try:
        return codebook.find_mentions(text, on, generic=True)
    except TypeError:  # a codebook from before generic mentions (for before/after runs)
        return codebook.find_mentions(text, on)


def cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--real", type=int, default=200, help="how many real articles (0: none)")
    args = parser.parse_args()

    t0 = time.process_time()
    codebook = actors.load_codebook()
    load = time.process_time() - t0
    cached = cpu(actors.load_codebook)
    print(f"codebook: {len(codebook)} actors; load {load:.2f} CPU s (cached: {cached * 1000:.2f} ms); "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    sets = {"seeds": texts_of(ROOT / "data" / "articles")}
    if SHARED.is_dir():
        sets["dev"] = texts_of(SHARED / "corpus" / "dev")
        if args.real:
            sets["real"] = texts_of(SHARED / "corpus" / "real", args.real)
    words = re.compile(r"\w+")
    for name, texts in sets.items():
        chars = sum(len(t) for t, _ in texts)
        mentions = sum(len(find(codebook, t, on)) for t, on in texts)
        spent = cpu(lambda: [find(codebook, t, on) for _ in range(args.rounds) for t, on in texts])
        ref = cpu(lambda: [words.findall(t) for _ in range(args.rounds) for t, _ in texts])
        print(f"{name:5}: {len(texts)} articles, {chars:,} chars, {mentions:,} mentions; "
              f"{chars * args.rounds / spent / 1e6:.2f} M chars/CPU-s, {mentions * args.rounds / spent:,.0f} mentions/CPU-s; "
              f"{spent / ref:.1f} x the \\w+ scan")

    base = "".join(t for t, _ in sets.get("dev", sets["seeds"]))
    per_char = []
    for k in (1, 4, 16):
        text = base * k
        rounds = max(1, args.rounds // k)
        per_char.append(cpu(lambda: [find(codebook, text, None) for _ in range(rounds)]) / (len(text) * rounds))
    print("linearity: CPU per char at 1x, 4x, 16x the text: "
          + ", ".join(f"{p / per_char[0]:.2f}" for p in per_char) + " (1.00 = linear)")


if __name__ == "__main__":
    main()
