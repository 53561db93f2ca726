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

Quality, with ``../shared/``: how many actors of the dev gold's required
relations the matcher names in their article (a generic mention counts when
it resolves through the article's most-named state), and how many titled
names ("President X", "Foreign Minister Y") in the dev and real articles
resolve to an actor on the article's date (former leaders rightly do not, so
100% is not the goal; the figure moves with the people of the codebook).

    python bench/bench_actors.py [--rounds 20] [--real 200]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import re
import time
from datetime import date
from pathlib import Path

import yaml

from netviz.ingest import actors

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts_of(folder: Path, limit: int | None = None) -> list[tuple[str, date]]:
    return [texts_of_one(path) for path in sorted(folder.glob("*.txt"))[:limit]]


def find(codebook: actors.Codebook, text: str, on: date) -> list:
    try:
        return codebook.find_mentions(text, on, generic=True)
    except TypeError:  # a codebook from before generic mentions (for before/after runs)
        return codebook.find_mentions(text, on)


TITLED = re.compile(r"\b(?:President|Prime Minister|Foreign Minister|Foreign Secretary|Secretary of State|King|Chancellor"
                    r"|Premier|Defen[cs]e Minister|Secretary-General|Emir|Crown Prince|Supreme Leader)(?:-elect)?\s+"
                    r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)")


def gold_actor_recall(codebook: actors.Codebook) -> tuple[int, int, list[str]]:
    """(required actor occurrences named in their article, all of them, the missing ones)."""
    dev = SHARED / "corpus" / "dev"
    gold = yaml.safe_load((dev / "gold.yaml").read_text(encoding="utf-8"))["articles"]
    named = total = 0
    missing = []
    for name, entry in gold.items():
        text, on = texts_of_one(dev / name)
        mentions = find(codebook, text, on)
        states = [m.actor for m in mentions if m.actor and codebook.get(m.actor).type == "state"]
        main = max(states, key=states.count) if states else None
        found = {m.actor for m in mentions if m.actor}
        found |= {codebook.resolve_generic(m.generic, main, on) for m in mentions
                  if getattr(m, "generic", None) and m.actor is None}
        need = {x for a, b, _ in entry.get("required") or [] for x in (a, b)}
        total += len(need)
        named += len(need & found)
        missing += [f"{name[:30]}: {x}" for x in sorted(need - found)]
    return named, total, missing


def titled_names(codebook: actors.Codebook, texts: list[tuple[str, date]]) -> tuple[int, int]:
    """(titled names resolved, titled names) in ``texts``."""
    resolved = total = 0
    for text, on in texts:
        for m in TITLED.finditer(text):
            total += 1
            offset = m.start(1) - m.start()
            resolved += any(x.end > offset for x in codebook.find_mentions(m.group(), on))
    return resolved, total


def texts_of_one(path: Path) -> tuple[str, date]:
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    return body, date.fromisoformat(str(yaml.safe_load(front)["date"]))


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
        spent = cpu(lambda texts=texts: [find(codebook, t, on) for _ in range(args.rounds) for t, on in texts])
        ref = cpu(lambda texts=texts: [words.findall(t) for _ in range(args.rounds) for t, _ in texts])
        print(f"{name:5}: {len(texts)} articles, {chars:,} chars, {mentions:,} mentions; "
              f"{chars * args.rounds / spent / 1e6:.2f} M chars/CPU-s, {mentions * args.rounds / spent:,.0f} mentions/CPU-s; "
              f"{spent / ref:.1f} x the \\w+ scan")

    base = "".join(t for t, _ in sets.get("dev", sets["seeds"]))
    per_char = []
    for k in (1, 4, 16):
        text = base * k
        rounds = max(1, args.rounds // k)
        spent = cpu(lambda text=text, rounds=rounds: [find(codebook, text, None) for _ in range(rounds)])
        per_char.append(spent / (len(text) * rounds))
    print("linearity: CPU per char at 1x, 4x, 16x the text: "
          + ", ".join(f"{p / per_char[0]:.2f}" for p in per_char) + " (1.00 = linear)")

    if SHARED.is_dir():
        named, total, missing = gold_actor_recall(codebook)
        print(f"dev gold: {named} of {total} required actors named in their article ({total - named} missing: "
              + "; ".join(missing) + ")")
        resolved, total = titled_names(codebook, sets["dev"] + texts_of(SHARED / "corpus" / "real"))
        print(f"titled names (President X, Foreign Minister Y, ...) in dev + all real articles: {resolved} of {total} "
              "resolve on the article's date")


if __name__ == "__main__":
    main()
