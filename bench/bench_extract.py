"""How fast and how well relation extraction runs on real news, against the previous extractor.

Runs, in one run:

- **one worker**: a fresh process (spawned, like a ``--jobs`` or Dask
  worker) loads the codebook, the lexicon and the model (the model's load
  time and memory apart) and extracts the 600 real articles of
  ``../shared/corpus/real/``: its CPU time gives sentences per CPU-second on
  one core, its peak resident memory (``ru_maxrss``) what one worker holds
  after the whole corpus;
- **each speed-up undone**, in this process on the same articles, to show
  what it is worth and that it changes nothing: thinc's default BLIS instead
  of numpy's OpenBLAS for the networks' matrix products; the earlier sentence
  filter (parse a sentence on a cue's first word, and one with a single actor
  and a pronoun); both (the extractor as this work found it). Each row says
  whether its relations on the real corpus and the dev set are identical to
  the worker's, as they must be;
- the previous, rule-based extractor (no parser), taken from git
  (``REFERENCE``, the commit before the parser came in) into a temporary
  module: only this benchmark ever loads it;
- spaCy's lemmatizer and attribute ruler switched on (their cost per
  sentence), and one absurdly long "sentence" of 100 KB and one of 5 MB (a
  text with no full stop): cut into MAX_TOKENS pieces with a warning, never
  quadratic.

Figures are CPU seconds (the machine is shared; wall time is recorded too).
BLAS threads are pinned: ``OPENBLAS_NUM_THREADS=1`` (and OMP/MKL) are set
before numpy loads, and netviz itself runs the model's BLAS on one thread.
Quality: micro precision, recall and F1 on the dev gold for both extractors.

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
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
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
        source, cues = (subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{name}"], check=True,
                                       capture_output=True, text=True).stdout
                        for name in ("netviz/extract/__init__.py", "data/cues.yaml"))
    except (OSError, subprocess.CalledProcessError):
        return None
    folder = Path(tempfile.mkdtemp())
    path = folder / "netviz_reference_extractor.py"
    path.write_text(source, encoding="utf-8")
    # its own lexicon: today's has entries its reader does not know ("scope: noun")
    (folder / "cues.yaml").write_text(cues, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("netviz_reference_extractor", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.DEFAULT_CUES = folder / "cues.yaml"  # its lexicon path was relative to its own file
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


def extract_counted(articles, codebook, cues, rounds: int) -> dict:
    """Extract ``articles`` (best of ``rounds``), counting the sentences and tokens that were parsed."""
    parsed = {"sentences": 0, "tokens": 0}
    parse_docs = extraction.parse_docs

    def counting(docs):
        parsed["sentences"] += len(docs)
        parsed["tokens"] += sum(len(d) for d in docs)
        return parse_docs(docs)

    extraction.parse_docs = counting
    try:
        cpu_s, wall_s, results = timed(lambda: extraction.extract_articles(articles, codebook, cues), rounds)
    finally:
        extraction.parse_docs = parse_docs
    sentences = sum(n for _, n in results)
    return {"sentences": sentences, "parsed": parsed["sentences"] // rounds, "parsed_tokens": parsed["tokens"] // rounds,
            "cpu_seconds": round(cpu_s, 2), "wall_seconds": round(wall_s, 2),
            "sentences_per_cpu_s": round(sentences / cpu_s),
            "relation_list": [r for rels, _ in results for r in rels]}


def one_worker(n_real: int, rounds: int, blis: bool = False, filter: bool = False) -> dict:
    """What a fresh worker process does and holds: load everything, extract the real corpus (then the
    dev set, untimed, to compare), with the speed-ups named undone: ``blis``, thinc's BLIS for the
    networks; ``filter``, the earlier sentence filter."""
    if blis:
        parse.use_numpy_blas = lambda nlp: None
    if filter:
        extraction._alone = lambda *a: False
        extraction.may_hold_cue = extraction.may_start_cue
    codebook, cues = load_codebook(), extraction.load_cues()
    real = load_articles(SHARED / "corpus" / "real")[:n_real]
    before = rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    parse.load_model()
    load = {"cpu_seconds": round(time.process_time() - cpu, 3), "wall_seconds": round(time.perf_counter() - wall, 3),
            "memory_mb": round(rss_mb() - before), "process_before_model_mb": round(before)}
    row = extract_counted(real, codebook, cues, rounds)
    peak = round(rss_mb())
    dev = extraction.extract_relations(load_articles(SHARED / "corpus" / "dev"), codebook, cues)
    return {**row, "model_load": load, "peak_memory_mb": peak, "dev_relations": dev}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=int, default=600, help="real articles to extract (of 600)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--reference", default=REFERENCE)
    args = parser.parse_args()

    def in_worker(**undo) -> dict:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(one_worker, args.real, args.rounds, **undo).result()

    worker = in_worker()
    load = worker.pop("model_load")
    relations = worker.pop("relation_list")
    dev_relations = worker.pop("dev_relations")

    codebook = load_codebook()
    real = load_articles(SHARED / "corpus" / "real")[: args.real]
    dev = load_articles(SHARED / "corpus" / "dev")
    gold = load_gold(SHARED / "corpus" / "dev" / "gold.yaml", codebook.actors)
    rows = [{"extractor": "spaCy parse (this netviz)", **worker, "relations": len(relations),
             "dev": quality(dev_relations, dev, gold)}]
    for name, undo in (("  with BLIS (thinc's default)", {"blis": True}),
                       ("  with the earlier sentence filter", {"filter": True}),
                       ("  both: as issue 12's speed work found it", {"blis": True, "filter": True})):
        row = in_worker(**undo)
        same = (row.pop("relation_list"), row.pop("dev_relations")) == (relations, dev_relations)
        del row["model_load"]
        rows.append({"extractor": name, **row, "identical_relations": same})

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
    for nlp in (lean, full):
        parse.use_numpy_blas(nlp)
    with parse.one_blas_thread():
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
            cpu_s, wall_s, rels = timed(lambda: extraction.extract_relations([art], codebook), 1)
        long[f"{size // 1000} KB"] = {"cpu_seconds": round(cpu_s, 2), "relations": len(rels)}
    if reference is not None:
        text = ("Russia attacked Ukraine and " + "the talks went on and " * (100_000 // 22))[:100_000]
        cpu_s, _, _ = timed(lambda: reference.extract_relations([Article("long", date(2020, 1, 1), "", "x", text)],
                                                                 codebook, reference.load_cues()), 1)
        long["100 KB, rule-based"] = {"cpu_seconds": round(cpu_s, 2)}

    print(f"{'extractor':<44}{'sentences':>10}{'parsed':>8}{'cpu s':>8}{'sent/cpu-s':>11}{'same':>6}"
          f"{'dev P':>7}{'dev R':>7}{'dev F1':>7}")
    for r in rows:
        q = r.get("dev")
        same = {True: "yes", False: "NO"}.get(r.get("identical_relations"), "")
        print(f"{r['extractor']:<44}{r['sentences']:>10}{r.get('parsed', ''):>8}{r['cpu_seconds']:>8.1f}"
              f"{r['sentences_per_cpu_s']:>11,}{same:>6}"
              + (f"{q['precision']:>7.2f}{q['recall']:>7.2f}{q['f1']:>7.2f}" if q else ""))
    print(f"model load: {load['cpu_seconds']} CPU s ({load['wall_seconds']} s wall), +{load['memory_mb']} MB; "
          f"peak memory of one worker after the real corpus: "
          + ", ".join(f"{r['peak_memory_mb']} MB" for r in rows if "peak_memory_mb" in r)
          + f" ({load['process_before_model_mb']} MB before the model)")
    print(f"spaCy components on {components['sentences']} sentences: tagger+parser "
          f"{components['tagger_parser_per_s']}/s, with lemmatizer+attribute ruler {components['with_lemmatizer_per_s']}/s")
    print("long sentences: " + ", ".join(f"{k}: {v['cpu_seconds']} CPU s" for k, v in long.items()))
    loadavg = os.getloadavg()[0]
    print(f"OPENBLAS_NUM_THREADS=1; best of {args.rounds} round(s); load average {loadavg:.2f} on "
          f"{os.cpu_count()} cores; python {platform.python_version()}")
    result = {"rows": rows, "model_load": load, "worker_peak_memory_mb": rows[0]["peak_memory_mb"],
              "components": components,
              "long_sentences": long, "rounds": args.rounds, "load_average": round(loadavg, 2),
              "cores": os.cpu_count(), "blas_threads": 1, "python": platform.python_version(),
              "date": time.strftime("%Y-%m-%d %H:%M")}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(RESULTS, json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
