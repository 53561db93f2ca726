"""How fast and how well relation extraction runs on real news, against the previous extractor.

Runs, in one process and one run:

- the extractor (spaCy dependency parse, ``netviz.extract``) over the 600
  real articles of ``../shared/corpus/real/`` and the 26 dev articles;
- the previous, rule-based extractor (no parser), taken from git
  (``REFERENCE``, the commit before the parser came in) into a temporary
  module: only this benchmark ever loads it;
- variants that show what each speed-up is worth: every sentence with two
  actors parsed (no cue pre-filter), and spaCy's lemmatizer and attribute
  ruler switched on (their cost per sentence);
- one absurdly long "sentence" of 100 KB and one of 5 MB (a text with no full
  stop): cut into MAX_TOKENS pieces with a warning, never quadratic.

Figures are CPU seconds of this process (the machine is shared; wall time is
recorded too), sentences per CPU-second on one core, the model's load time
apart, and the peak memory of the process (one ``--jobs`` worker holds the
same: the model, the codebook and the lexicon). BLAS threads are pinned:
``OPENBLAS_NUM_THREADS=1`` (and OMP/MKL) are set before numpy loads. Quality:
micro precision, recall and F1 on the dev gold for both extractors.

    python bench/bench_extract.py [--real 600] [--rounds 1] [--reference COMMIT]

Prints a table and writes ``bench/results/bench_extract.json``.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # pinned before numpy (via spaCy) is imported

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import netviz.extract as extraction  # noqa: E402
from netviz.extract import parse  # noqa: E402
from netviz.extract.evaluate import evaluate, load_gold  # noqa: E402
from netviz.ingest.actors import load_codebook  # noqa: E402
from netviz.ingest.corpus import load_articles  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402
from netviz.model import Article  # noqa: E402

SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "bench" / "results" / "bench_extract.json"
#: The last commit with the rule-based extractor (one netviz/extract/__init__.py).
REFERENCE = "ec143b6"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_reference(commit: str):
    """The previous extractor as a throwaway module, or None when git cannot give it."""
    try:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:netviz/extract/__init__.py"],
                                check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "netviz_reference_extractor.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("netviz_reference_extractor", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.DEFAULT_CUES = ROOT / "data" / "cues.yaml"  # its lexicon path was relative to its own file
    return module


def timed(fn, rounds: int) -> tuple[float, float, object]:
    best_cpu = best_wall = float("inf")
    out = None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall, out


def quality(relations, articles, gold) -> dict:
    ev = evaluate(relations, gold, articles)
    return {"precision": round(ev.precision, 3), "recall": round(ev.recall, 3), "f1": round(ev.f1, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=int, default=600, help="real articles to extract (of 600)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--reference", default=REFERENCE)
    args = parser.parse_args()

    codebook, cues = load_codebook(), extraction.load_cues()
    real = load_articles(SHARED / "corpus" / "real")[: args.real]
    dev = load_articles(SHARED / "corpus" / "dev")
    gold = load_gold(SHARED / "corpus" / "dev" / "gold.yaml", codebook.actors)
    before_model = rss_mb()
    cpu = time.process_time()
    wall = time.perf_counter()
    parse.load_model()
    load = {"cpu_seconds": round(time.process_time() - cpu, 3), "wall_seconds": round(time.perf_counter() - wall, 3),
            "memory_mb": round(rss_mb() - before_model)}
    rows = []

    parsed = [0]
    parse_docs = extraction.parse_docs

    def counting(docs):
        parsed[0] += len(docs)
        return parse_docs(docs)

    extraction.parse_docs = counting
    try:
        cpu_s, wall_s, results = timed(lambda: extraction.extract_articles(real, codebook, cues), args.rounds)
    finally:
        extraction.parse_docs = parse_docs
    sentences = sum(n for _, n in results)
    relations = sum(len(r) for r, _ in results)
    worker_mb = round(rss_mb())  # what one --jobs worker holds after the corpus: model, codebook, lexicon
    rows.append({"extractor": "spaCy parse (this netviz)", "sentences": sentences, "relations": relations,
                 "parsed": parsed[0] // args.rounds,
                 "cpu_seconds": round(cpu_s, 2), "wall_seconds": round(wall_s, 2),
                 "sentences_per_cpu_s": round(sentences / cpu_s),
                 "dev": quality(extraction.extract_relations(dev, codebook, cues), dev, gold)})

    # what the cue pre-filter saves: parse every sentence with two actors (or one and a pronoun)
    original = extraction.may_hold_cue
    extraction.may_hold_cue = lambda words, cues: True
    try:
        cpu_s, wall_s, _ = timed(lambda: extraction.extract_articles(real, codebook, cues), args.rounds)
        dev_q = quality(extraction.extract_relations(dev, codebook, cues), dev, gold)
    finally:
        extraction.may_hold_cue = original
    rows.append({"extractor": "  without the cue pre-filter", "sentences": sentences, "cpu_seconds": round(cpu_s, 2),
                 "wall_seconds": round(wall_s, 2), "sentences_per_cpu_s": round(sentences / cpu_s), "dev": dev_q})

    reference = load_reference(args.reference)
    if reference is not None:
        ref_sentences = sum(len(reference.split_sentences(a.text)) for a in real)
        cpu_s, wall_s, rels = timed(lambda: reference.extract_relations(real, codebook, reference.load_cues()),
                                    args.rounds)
        rows.append({"extractor": f"rule-based ({args.reference})", "sentences": ref_sentences,
                     "relations": len(rels), "cpu_seconds": round(cpu_s, 2), "wall_seconds": round(wall_s, 2),
                     "sentences_per_cpu_s": round(ref_sentences / cpu_s),
                     "dev": quality(reference.extract_relations(dev, codebook, reference.load_cues()), dev, gold)})

    # the lemmatizer's price per sentence (netviz does not load it: the lexicon knows its inflections)
    import spacy

    texts = [a.text for a in real[:60]]
    sample = [d.text for t in texts for _, d in parse.sentence_docs(t)][:1500]
    lean = spacy.load(parse.MODEL, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
    full = spacy.load(parse.MODEL, exclude=["ner", "senter"])
    lean_cpu, _, _ = timed(lambda: list(lean.pipe(sample, batch_size=256)), 1)
    full_cpu, _, _ = timed(lambda: list(full.pipe(sample, batch_size=256)), 1)
    components = {"sentences": len(sample), "tagger_parser_per_s": round(len(sample) / lean_cpu),
                  "with_lemmatizer_per_s": round(len(sample) / full_cpu)}

    long = {}
    for size in (100_000, 5_000_000):
        text = ("Russia attacked Ukraine and " + "the talks went on and " * (size // 22))[:size]
        art = Article("long", date(2020, 1, 1), "", "x", text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cpu_s, wall_s, rels = timed(lambda: extraction.extract_relations([art], codebook, cues), 1)
        long[f"{size // 1000} KB"] = {"cpu_seconds": round(cpu_s, 2), "relations": len(rels)}
    if reference is not None:
        text = ("Russia attacked Ukraine and " + "the talks went on and " * (100_000 // 22))[:100_000]
        cpu_s, _, _ = timed(lambda: reference.extract_relations([Article("long", date(2020, 1, 1), "", "x", text)],
                                                                 codebook, reference.load_cues()), 1)
        long["100 KB, rule-based"] = {"cpu_seconds": round(cpu_s, 2)}

    print(f"{'extractor':<32}{'sentences':>10}{'cpu s':>9}{'sent/cpu-s':>11}{'dev P':>7}{'dev R':>7}{'dev F1':>7}")
    for r in rows:
        q = r["dev"]
        print(f"{r['extractor']:<32}{r['sentences']:>10}{r['cpu_seconds']:>9.1f}{r['sentences_per_cpu_s']:>11,}"
              f"{q['precision']:>7.2f}{q['recall']:>7.2f}{q['f1']:>7.2f}")
    print(f"model load: {load['cpu_seconds']} CPU s ({load['wall_seconds']} s wall), +{load['memory_mb']} MB; "
          f"peak memory after the real corpus {worker_mb} MB (one worker's), after everything {rss_mb():.0f} MB")
    print(f"spaCy components on {components['sentences']} sentences: tagger+parser "
          f"{components['tagger_parser_per_s']}/s, with lemmatizer+attribute ruler {components['with_lemmatizer_per_s']}/s")
    print("long sentences: " + ", ".join(f"{k}: {v['cpu_seconds']} CPU s" for k, v in long.items()))
    loadavg = os.getloadavg()[0]
    print(f"OPENBLAS_NUM_THREADS=1; best of {args.rounds} round(s); load average {loadavg:.2f} on "
          f"{os.cpu_count()} cores; python {platform.python_version()}")
    result = {"rows": rows, "model_load": load, "worker_peak_memory_mb": worker_mb, "peak_memory_mb": round(rss_mb()),
              "components": components,
              "long_sentences": long, "rounds": args.rounds, "load_average": round(loadavg, 2),
              "cores": os.cpu_count(), "blas_threads": 1, "python": platform.python_version(),
              "date": time.strftime("%Y-%m-%d %H:%M")}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(RESULTS, json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
