"""The whole build at scale: 100, 1,000 and 10,000 synthetic articles and the real corpus.

For each corpus it runs what ``netviz build`` runs (``netviz.build`` then
``netviz.write_site``, no cache, ``--jobs`` workers) in a fresh process and
reports:

- time per stage, from the progress steps the library reports
  (``netviz.pipeline.Step``): extraction (with reading the articles),
  snapshots, blocs, layout (``write_site`` until its first page) and pages;
  wall and CPU seconds of the whole run (CPU includes the extraction workers:
  on a shared machine it is the reliable figure);
- peak memory (resident set) of the main process and of the largest worker;
- output: total size, number of files, the largest page and its size;
- and, across sizes, the growth exponent from 1,000 to 10,000 articles
  (log of the ratio over log 10: 1 is linear in articles) for the time,
  each stage, memory and output size.

A run past ``--budget`` seconds is stopped; the stages it finished are kept
and marked, and its output so far is measured. BLAS is pinned to one thread
in every run (``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``
= 1): on this loaded 2-core machine OpenBLAS's default threads made small
eigen-decompositions 18-23x slower. The synthetic corpora come from
``generate_corpus.py`` (seeded, written to a temporary folder); the real
corpus is ``../shared/corpus/real/`` beside the repository (600 articles).

It assumes nothing of netviz beyond ``netviz.build``, ``netviz.write_site`` and
their ``progress`` callback, so it runs on whatever main becomes.

    python bench/bench_scale.py [--sizes 100,1000,10000] [--real PATH|none] [--jobs 2] [--budget 1800]

Prints a table and writes ``bench/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results" / "scale.json"
REAL = ROOT.parent / "shared" / "corpus" / "real"
PINNED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
STAGES = ("build", "extraction", "snapshots", "blocs", "layout", "pages", "write_site")


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- one run, in its own process -------------------------------------------------


def _peak_mb() -> float:
    """Peak resident memory of this process, in MB (VmHWM on Linux, ru_maxrss elsewhere)."""
    try:
        match = re.search(r"^VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
        if match:
            return round(int(match.group(1)) / 1024, 1)
    except OSError:
        pass
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kib / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run_one(data: Path, out: Path, jobs: int, log: Path) -> None:
    """Build ``data`` into ``out``, appending ``{"stage", "t"}`` lines to ``log`` as each stage ends."""
    import netviz

    started = time.perf_counter()
    ends: dict[str, float] = {}

    def record(stage: str) -> None:
        ends[stage] = round(time.perf_counter() - started, 3)
        with log.open("a") as fh:
            fh.write(json.dumps({"stage": stage, "t": ends[stage], "peak_mb": _peak_mb()}) + "\n")

    def progress(step) -> None:
        stage = getattr(step, "stage", None)
        if stage == "pages" and "layout" not in ends:
            record("layout")  # write_site lays out before its first page
        # a stage ends at its last step with done == total (extraction reports one when the
        # last article is handed out and another when the last result is back)
        if stage and stage != "pages" and step.done >= step.total:
            record(stage)

    result = netviz.build(data, jobs=jobs, cache_dir=None, progress=progress)
    if not ends:  # a netviz without progress steps: one figure for the whole of build()
        record("build")
    netviz.write_site(result, out, progress=progress)
    record("pages" if "layout" in ends else "write_site")  # without page steps: one figure
    usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    record("done")
    history = getattr(result.snapshots, "history", None)
    with log.open("a") as fh:
        fh.write(json.dumps({
            "cpu_s": round(sum(u.ru_utime + u.ru_stime for u in usage), 1),
            "main_cpu_s": round(usage[0].ru_utime + usage[0].ru_stime, 1),
            "worker_peak_mb": round(usage[1].ru_maxrss / 1024, 1),
            "articles": len(result.articles), "relations": len(result.relations), "dates": len(result.dates),
            # tie changes over all dates: with the relations, what the cost may grow with
            "changes": sum(len(d) for d in history.deltas) if history is not None else None,
        }) + "\n")


# --- the driver --------------------------------------------------------------------


def measure(name: str, data: Path, jobs: int, budget: float, netviz_root: Path) -> dict:
    """Run one build in a child process and read what it logged; stopped after ``budget`` s."""
    work = Path(tempfile.mkdtemp(prefix=f"netviz-scale-{name.replace(' ', '-')}-"))
    out, log = work / "out", work / "log.jsonl"
    env = {**os.environ, **PINNED, "PYTHONPATH": str(netviz_root)}
    command = [sys.executable, __file__, "--one", str(data), "--out", str(out), "--log", str(log), "--jobs", str(jobs)]
    say(f"{name}: building {data} (budget {budget:.0f} s)")
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        _, err = child.communicate(timeout=budget)
        finished = child.returncode == 0
        error = None if finished else err.strip().splitlines()[-1:] or ["exit code " + str(child.returncode)]
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, 9)
        child.communicate()
        finished, error = False, [f"not finished within {budget:.0f} s"]
    wall = round(time.perf_counter() - started, 1)
    lines = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    row: dict = {"name": name, "finished": finished, "wall_s": wall, "error": error and error[0]}
    ends: dict[str, float] = {}
    for line in lines:
        if "stage" in line:
            ends[line["stage"]] = line["t"]  # the last end a stage reported
        if "peak_mb" in line:
            row["main_peak_mb"] = line["peak_mb"]
        if "cpu_s" in line:
            row.update(line)
    previous = 0.0
    stages = {}
    for stage, t in sorted(ends.items(), key=lambda item: item[1]):
        if stage != "done":
            stages[stage] = round(t - previous, 2)
        previous = t
    row["stages_s"] = stages
    row.update(output_figures(out))
    shutil.rmtree(work, ignore_errors=True)
    say(f"{name}: {'done' if finished else row['error']} in {wall} s; stages {stages}; "
        f"output {row['output_mb']} MB in {row['files']} files, largest {row['largest_page']} "
        f"({row['largest_page_mb']} MB)")
    return row


def output_figures(out: Path) -> dict:
    files = [p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts] if out.exists() else []
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size, default=None)
    maps = [p for p in pages if p.parent == out and p.stem[:1].isdigit()]
    diffs = [p for p in pages if p.parent.name == "diff"]
    mb = lambda paths: round(sum(p.stat().st_size for p in paths) / 1e6, 2)
    return {
        "output_mb": mb(files),
        "files": len(files),
        "largest_page": str(largest.relative_to(out)) if largest else None,
        "largest_page_mb": round(largest.stat().st_size / 1e6, 2) if largest else None,
        # where the bytes are: the dated maps and diff maps, and the files written once
        "maps_mb": mb(maps), "largest_map_kb": round(max((p.stat().st_size for p in maps), default=0) / 1e3, 1),
        "diffs_mb": mb(diffs), "largest_diff_kb": round(max((p.stat().st_size for p in diffs), default=0) / 1e3, 1),
        "data_mb": {p.name: round(p.stat().st_size / 1e6, 2) for p in sorted(files) if p.parent.name == "data"
                    and p.stat().st_size > 100_000},
    }


def synthetic(n: int, seed: int, folder: Path) -> Path:
    target = folder / f"synthetic-{n}"
    env = {**os.environ, **PINNED, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(BENCH / "generate_corpus.py"), str(target), "--articles", str(n),
                    "--seed", str(seed)], env=env, check=True, stdout=subprocess.DEVNULL)
    return target


def growth(small: dict, large: dict, ratio: float) -> dict:
    """Exponent k in cost ~ size^k between two rows (only for figures both have), for size = articles
    (``ratio``) and size = relations plus tie changes (``per_evidence``: 1 is linear in the evidence)."""
    def exponents(ratio):
        def k(a, b):
            return round(math.log(b / a) / math.log(ratio), 2) if a and b and a > 0 and b > 0 and ratio > 1 else None
        out = {"wall_s": k(small["wall_s"], large["wall_s"]), "cpu_s": k(small.get("cpu_s"), large.get("cpu_s")),
               "main_cpu_s": k(small.get("main_cpu_s"), large.get("main_cpu_s")),
               "main_peak_mb": k(small.get("main_peak_mb"), large.get("main_peak_mb")),
               "output_mb": k(small["output_mb"], large["output_mb"])}
        for stage in STAGES:
            out[stage] = k(small["stages_s"].get(stage), large["stages_s"].get(stage))
        return out

    out = exponents(ratio)
    evidence = [(r.get("relations") or 0) + (r.get("changes") or 0) for r in (small, large)]
    if all(evidence):
        out["evidence_ratio"] = round(evidence[1] / evidence[0], 2)
        out["per_evidence"] = exponents(evidence[1] / evidence[0])
    out["complete"] = small["finished"] and large["finished"]
    return out


def table(rows: list[dict]) -> str:
    head = ["corpus", "articles", "dates", "relations", "changes", *STAGES, "wall s", "CPU s", "main CPU s",
            "peak MB main/worker", "output MB", "files", "largest page", "largest map/diff KB"]
    lines = [head]
    for r in rows:
        lines.append([r["name"], r.get("articles", "?"), r.get("dates", "?"), r.get("relations", "?"), r.get("changes", "?"),
                      *[r["stages_s"].get(s, "-") for s in STAGES],
                      f"{r['wall_s']}{'' if r['finished'] else ' (stopped)'}", r.get("cpu_s", "-"), r.get("main_cpu_s", "-"),
                      f"{r.get('main_peak_mb', '-')}/{r.get('worker_peak_mb', '-')}", r["output_mb"], r["files"],
                      f"{r['largest_page']} {r['largest_page_mb']} MB", f"{r.get('largest_map_kb')}/{r.get('largest_diff_kb')}"])
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    return "\n".join("  ".join(str(c).rjust(w) for c, w in zip(line, widths)) for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic corpus sizes, comma-separated ('' for none)")
    parser.add_argument("--real", default=str(REAL), help="the real corpus folder, or 'none'")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--budget", type=float, default=1800.0, help="seconds before a run is stopped")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--netviz", type=Path, default=ROOT,
                        help="the netviz checkout to measure (default: this one), e.g. to compare with main")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.out, args.jobs, args.log)
        return

    load_before = [round(x, 2) for x in os.getloadavg()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="netviz-scale-corpora-") as corpora:
        for n in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
            say(f"generating {n} synthetic articles")
            rows.append({**measure(f"synthetic {n:,}", synthetic(n, args.seed, Path(corpora)), args.jobs,
                                   args.budget, args.netviz), "synthetic": n})
    if args.real != "none":
        real = Path(args.real)
        if real.is_dir():
            rows.append(measure("real", real, args.jobs, args.budget, args.netviz))
        else:
            say(f"{real}: not found, real corpus skipped")
    sizes = {r["synthetic"]: r for r in rows if "synthetic" in r}
    exponent = growth(sizes[1000], sizes[10000], 10) if 1000 in sizes and 10000 in sizes else None

    print(table(rows))
    if exponent:
        print(f"\ngrowth exponent 1,000 -> 10,000 articles (1 = linear): {exponent}")
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "load_before": load_before, "load_after": [round(x, 2) for x in os.getloadavg()]}
    print(f"\n{machine['cores']} cores, load average {load_before} before, {machine['load_after']} after; "
          f"BLAS pinned to 1 thread; {args.jobs} extraction jobs; no cache")
    args.results.parent.mkdir(exist_ok=True)
    args.results.write_text(json.dumps({
        "run": datetime.now(timezone.utc).isoformat(timespec="seconds"), "netviz": str(args.netviz),
        "machine": machine, "jobs": args.jobs,
        "blas_threads": 1, "budget_s": args.budget, "seed": args.seed, "rows": rows, "growth_1000_10000": exponent,
    }, indent=1) + "\n")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
