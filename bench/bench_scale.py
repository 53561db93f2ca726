"""How netviz scales: 1,000 to 100,000 articles through every stage, on this machine.

For each corpus size (a seeded synthetic corpus from ``generate_corpus.py``,
generated lazily in blocks, never held whole in memory) it reports:

- extraction with :func:`netviz.engine.extract_corpus` on ``--jobs`` worker
  processes (default: every core): sentences/s and articles/s over the wall
  time, which includes generating the articles in the main process;
- peak memory (resident set) of the main process during extraction and during
  snapshot building, and of the largest extraction worker;
- snapshot building (cumulative, the default): one date over all the evidence
  versus all D article dates over the same evidence, and their ratio. When
  building all D dates would take longer than ``--snapshot-budget`` seconds,
  an even sample of the dates is built and the time for all D is estimated
  from it (linear in the number of dates; marked as an estimate). The same
  for ``per_date`` snapshots, which hold only their own date's evidence;
- the largest snapshot (the last cumulative one): layout, rendering
  (``render_map``), page size, and time until it is drawn in headless
  Chromium; comparison with the snapshot of the middle date
  (``compare_snapshots``) and analysis (``analyze_snapshot``).

Before the sizes, on a corpus as large as the first size (at most 1,000
articles) held in memory, it measures the reference runs: one process
against ``--jobs`` processes (wall and CPU time, and that both give the same
relations), the Dask engine on a local cluster (its start included), and the
cache: a cold run that fills it, a warm run, and a run after adding one
article. Then it times a 2,000-actor, 20,000-tie snapshot
(``bench_render.snapshot``) from layout to ready in Chromium.

The reference and each size run in a fresh process, so peak memory and CPU
time are each one's own. Each size's run time is predicted from the sizes
before it (linear in articles): when extraction alone would exceed
``--budget`` seconds, the size is not run and its extraction figures are
extrapolated and marked as estimates; when only the later stages would, it
is run through extraction only.

    python bench/bench_scale.py [--sizes 1000,10000,100000] [--jobs N] [--budget 900]

Prints a table and writes ``bench/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import bench_render  # noqa: E402
from generate_corpus import generate_articles  # noqa: E402

from netviz.engine import default_jobs, extract_corpus  # noqa: E402
from netviz.extract import load_cues  # noqa: E402
from netviz.graph.analysis import analyze_snapshot  # noqa: E402
from netviz.graph.compare import compare_snapshots  # noqa: E402
from netviz.graph.layout import compute_layout  # noqa: E402
from netviz.graph.snapshots import build_snapshots  # noqa: E402
from netviz.ingest.actors import load_codebook  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402
from netviz.model import Article  # noqa: E402
from netviz.site.render import render_map  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = BENCH / "results" / "scale.json"
# Articles per generated block: generate_corpus makes whole lists, so the
# corpus is made of seeded blocks (ids renumbered) and only one is in memory.
BLOCK = 1000
# Dates of the sample that stands in for all D dates when building them all is too slow.
SAMPLE_DATES = 40


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- memory -----------------------------------------------------------------


def _status(field: str) -> int | None:
    """A field of /proc/self/status in KiB (Linux), or None elsewhere."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else None


def reset_peak() -> None:
    """Start a new peak-memory measurement (Linux; elsewhere peaks are since the process started)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_mb() -> float:
    """Peak resident memory of this process since :func:`reset_peak`, in MB."""
    kib = _status("VmHWM")
    if kib is None:  # ru_maxrss: KiB on Linux, bytes on macOS
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    return round(kib / 1024, 1)


def cpu_s() -> float:
    """CPU seconds used so far by this process and its finished children (the extraction workers)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def worker_peak_mb() -> float:
    """Peak resident memory of the largest finished child process (the extraction workers), in MB."""
    kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(kib / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


# --- the corpus -------------------------------------------------------------


class Corpus:
    """``n`` synthetic articles generated lazily, block by block; records each date's
    article ids and the seconds spent generating."""

    def __init__(self, n: int, seed: int, codebook, cues) -> None:
        self.n, self.seed, self.codebook, self.cues = n, seed, codebook, cues
        self.dates: dict[date, list[str]] = {}
        self.generate_s = 0.0

    def __iter__(self) -> Iterator[Article]:
        for start in range(0, self.n, BLOCK):
            t0 = time.perf_counter()
            block = generate_articles(min(BLOCK, self.n - start), seed=self.seed * 100_003 + start // BLOCK,
                                      codebook=self.codebook, cues=self.cues)
            block = [replace(a, id=f"synthetic_{start + i:07d}") for i, a in enumerate(block)]
            self.generate_s += time.perf_counter() - t0
            for art in block:
                self.dates.setdefault(art.date, []).append(art.id)
                yield art


# --- one size, in its own process ---------------------------------------------


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, round(time.perf_counter() - t0, 3)


def snapshot_costs(relations, dates: dict, codebook, budget: float, **mode) -> dict:
    """One date vs all D dates over the same evidence (all D estimated from a sample when too slow)."""
    days = sorted(dates)
    one, one_s = timed(build_snapshots, relations, [days[-1]], codebook=codebook, **mode)
    sample = days if len(days) <= SAMPLE_DATES else \
        [days[round(i * (len(days) - 1) / (SAMPLE_DATES - 1))] for i in range(SAMPLE_DATES)]
    reset_peak()
    before = peak_mb()
    graphs, sample_s = timed(build_snapshots, relations, {d: dates[d] for d in sample}, codebook=codebook, **mode)
    sample_mb = peak_mb() - before
    ties = sum(G.number_of_edges() for G in graphs.values())
    del graphs
    estimate = one_s + (sample_s - one_s) * (len(days) - 1) / max(1, len(sample) - 1)
    row = {"dates": len(days), "one_date_s": one_s, "ties_last": one[days[-1]].number_of_edges()}
    if len(sample) == len(days):
        row.update(all_dates_s=sample_s, all_dates_estimated=False, graphs_mb=round(sample_mb, 1),
                   ties_held=ties)
        return _ratio(row)
    # Sampled dates lie far apart, so they share fewer unchanged tie dicts than
    # consecutive dates: estimates from a sample are upper bounds. Where all
    # dates are built too, the sample's estimate is kept to show by how much.
    scale = len(days) / len(sample)
    sampled = {"sample_dates": len(sample), "sample_s": sample_s, "sample_estimate_s": round(estimate, 1),
               "sample_estimate_mb": round(sample_mb * scale)}
    if estimate <= budget:
        reset_peak()
        before = peak_mb()
        graphs, all_s = timed(build_snapshots, relations, dates, codebook=codebook, **mode)
        row.update(all_dates_s=all_s, all_dates_estimated=False, graphs_mb=round(peak_mb() - before, 1),
                   ties_held=sum(G.number_of_edges() for G in graphs.values()), **sampled)
        del graphs
    else:
        row.update(all_dates_s=round(estimate, 1), all_dates_estimated=True, graphs_mb=round(sample_mb * scale),
                   ties_held=round(ties * scale), **sampled)
    return _ratio(row)


def _ratio(row: dict) -> dict:
    """All dates against one date: about 1 if building is incremental in the evidence alone."""
    row["ratio"] = round(row["all_dates_s"] / row["one_date_s"], 1) if row["one_date_s"] else None
    return row


def reference(n: int, seed: int, jobs: int, codebook, cues) -> dict:
    """Serial vs parallel, Dask, and the cache, on the same n articles in memory."""
    articles = list(Corpus(n + 1, seed, codebook, cues))
    extra, articles = articles[-1], articles[:-1]
    extract_corpus(articles[:20], codebook, cues, jobs=1)  # warm the extractor's caches for both runs alike
    cpu = cpu_s()
    serial = extract_corpus(articles, codebook, cues, jobs=1)
    serial_cpu = cpu_s() - cpu
    say(f"reference: 1 process {serial.stats.seconds:.1f} s ({serial_cpu:.1f} CPU s)")
    cpu = cpu_s()
    parallel = extract_corpus(articles, codebook, cues, jobs=jobs)
    parallel_cpu = cpu_s() - cpu
    say(f"reference: {jobs} processes {parallel.stats.seconds:.1f} s ({parallel_cpu:.1f} CPU s)")
    row = {
        "articles": n,
        "serial_s": round(serial.stats.seconds, 3),
        "parallel_s": round(parallel.stats.seconds, 3),
        "speedup": round(serial.stats.seconds / parallel.stats.seconds, 2),
        # the work the pool adds (forking, sending articles and relations): on an idle
        # machine the speed-up approaches jobs / cpu_ratio
        "serial_cpu_s": round(serial_cpu, 2),
        "parallel_cpu_s": round(parallel_cpu, 2),
        "cpu_ratio": round(parallel_cpu / serial_cpu, 3),
        "identical": serial.relations == parallel.relations,
    }
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        row["dask"] = "not installed"
    else:
        dask = extract_corpus(articles, codebook, cues, jobs=jobs, engine="dask")
        row.update(dask_s=round(dask.stats.seconds, 3), dask_identical=dask.relations == serial.relations)
        say(f"reference: Dask local cluster {dask.stats.seconds:.1f} s (its start included)")
    with tempfile.TemporaryDirectory(prefix="netviz-bench-cache-") as cache:
        cold = extract_corpus(articles, codebook, cues, jobs=jobs, cache_dir=cache)
        warm = extract_corpus(articles, codebook, cues, jobs=jobs, cache_dir=cache)
        added = extract_corpus([*articles, extra], codebook, cues, jobs=jobs, cache_dir=cache)
        cache_mb = sum(p.stat().st_size for p in Path(cache).rglob("*")) / 1e6
    row.update(
        cache_cold_s=round(cold.stats.seconds, 3), cache_warm_s=round(warm.stats.seconds, 3),
        cache_add_one_s=round(added.stats.seconds, 3), cache_add_one_extracted=added.stats.extracted,
        cache_identical=cold.relations == warm.relations == serial.relations, cache_mb=round(cache_mb, 1),
    )
    say(f"reference: cache cold {cold.stats.seconds:.1f} s, warm {warm.stats.seconds:.2f} s, "
        f"one added {added.stats.seconds:.2f} s ({added.stats.extracted} extracted)")
    return row


def ready_in_chromium(pages: list[Path], cap: float) -> list[float | None]:
    """Seconds until each page is drawn in headless Chromium (None past ``cap``), or [] without Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not Path(bench_render.CHROMIUM).exists():
        return []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="netviz-bench-chromium-"), executable_path=bench_render.CHROMIUM, headless=True,
            viewport={"width": 1440, "height": 900}, args=bench_render.LAUNCH_ARGS)
        try:
            return [bench_render.open_in_chromium(context, page, "window.netvizReady", cap)[0] for page in pages]
        finally:
            context.close()


def render_row(graph, folder: Path, name: str) -> dict:
    positions, layout_s = timed(compute_layout, [graph])
    page, render_s = timed(render_map, graph, folder / f"{name}.html", positions=positions)
    return {"actors": graph.number_of_nodes(), "ties": graph.number_of_edges(), "layout_s": layout_s,
            "render_s": render_s, "page_bytes": page.stat().st_size, "page": page}


def measure(n: int, seed: int, jobs: int, snapshot_budget: float, cap: float, extraction_only: bool) -> dict:
    """Every stage for a corpus of n articles."""
    started = time.perf_counter()
    codebook, cues = load_codebook(), load_cues()
    row: dict = {"articles": n, "measured": True}

    corpus = Corpus(n, seed, codebook, cues)
    reset_peak()
    cpu = cpu_s()
    run = extract_corpus(corpus, codebook, cues, jobs=jobs)
    cpu = cpu_s() - cpu
    stats = run.stats
    relations = run.relations
    row["extraction"] = {
        "seconds": round(stats.seconds, 3), "generate_s": round(corpus.generate_s, 3), "cpu_s": round(cpu, 1),
        "sentences_per_cpu_s": round(stats.sentences / cpu, 1),
        "sentences": stats.sentences, "relations": len(relations),
        "articles_per_s": round(stats.articles_per_second, 1),
        "sentences_per_s": round(stats.sentences_per_second, 1),
    }
    row["memory"] = {"extraction_main_mb": peak_mb(), "worker_mb": worker_peak_mb()}
    say(f"{n}: extracted {len(relations)} relations in {stats.seconds:.1f} s "
        f"({stats.articles_per_second:.0f} articles/s, {stats.sentences_per_second:.0f} sentences/s)")
    if extraction_only:
        row["wall_s"] = round(time.perf_counter() - started, 1)
        return row

    reset_peak()
    row["snapshots"] = snapshot_costs(relations, corpus.dates, codebook, snapshot_budget)
    say(f"{n}: snapshots {row['snapshots']}")
    row["snapshots_per_date"] = snapshot_costs(relations, corpus.dates, codebook, snapshot_budget, per_date=True)
    row["memory"]["snapshots_main_mb"] = peak_mb()

    days = sorted(corpus.dates)
    graphs = build_snapshots(relations, [days[len(days) // 2], days[-1]], codebook=codebook)
    middle, last = graphs.values()
    _, row["compare_s"] = timed(compare_snapshots, middle, last)
    _, row["analysis_s"] = timed(analyze_snapshot, last)
    folder = Path(tempfile.mkdtemp(prefix="netviz-bench-scale-"))
    largest = render_row(last, folder, f"largest-{n}")
    [ready] = ready_in_chromium([largest["page"]], cap) or [None]
    largest["ready_s"] = None if ready is None else round(ready, 3)
    largest["page"].unlink()
    del largest["page"]
    row["largest"] = largest
    say(f"{n}: largest snapshot {largest}; compare {row['compare_s']} s, analysis {row['analysis_s']} s")
    row["wall_s"] = round(time.perf_counter() - started, 1)
    return row


def measure_reference(n: int, seed: int, jobs: int, cap: float) -> dict:
    """The reference runs, then the 2,000-actor graph (Chromium last: its processes'
    CPU time is counted when they end, and must not land in the reference's)."""
    codebook, cues = load_codebook(), load_cues()
    out = {"reference": reference(n, seed, jobs, codebook, cues)}
    big = out["large_graph"] = render_row(bench_render.snapshot(2000), Path(tempfile.mkdtemp()), "large-2000")
    [ready] = ready_in_chromium([big["page"]], cap) or [None]
    big["ready_s"] = None if ready is None else round(ready, 3)
    big["page"].unlink()
    del big["page"]
    say(f"large graph: {big}")
    return out


# --- the whole run ---------------------------------------------------------------


def extrapolate(base: dict, n: int) -> dict:
    """Figures for n articles from a measured size: extraction and memory linear in articles."""
    k = n / base["articles"]
    ex = base["extraction"]
    return {
        "articles": n, "measured": False, "estimated_from": base["articles"],
        "extraction": {
            "seconds": round(ex["seconds"] * k, 1), "cpu_s": round(ex["cpu_s"] * k, 1),
            "sentences": round(ex["sentences"] * k), "relations": round(ex["relations"] * k),
            "articles_per_s": ex["articles_per_s"], "sentences_per_s": ex["sentences_per_s"],
            "sentences_per_cpu_s": ex["sentences_per_cpu_s"],
        },
        "memory": {"extraction_main_mb": round(base["memory"]["extraction_main_mb"] * k)},
        "wall_s": round(base["wall_s"] * k),
    }


def machine() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    memory = _meminfo_gib()
    return {"cores": os.cpu_count(), "usable_cores": default_jobs(), "cpu": cpu or platform.processor(),
            "memory_gib": memory, "python": platform.python_version(), "platform": platform.platform(),
            "load_before": [round(x, 2) for x in os.getloadavg()]}


def _meminfo_gib() -> float | None:
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        return None
    return round(kib / 2**20, 1)


def fmt_s(value: float | None, estimated: bool = False) -> str:
    if value is None:
        return "-"
    text = f"{value:.2f} s" if value < 100 else f"{value:,.0f} s"
    return f"~{text} (est.)" if estimated else text


def table(rows: list[dict]) -> str:
    headers = ["articles", "sentences", "relations", "extract", "art/s", "sent/s", "sent/CPU-s", "peak MB main/worker",
               "dates", "1 date", "all dates", "ratio", "per-date all", "largest", "layout", "render", "page MB",
               "ready", "compare", "analysis"]
    out = []
    for r in rows:
        ex, mem = r["extraction"], r["memory"]
        est = not r["measured"]
        line = [f"{r['articles']:,}" + (" (est.)" if est else ""), f"{ex['sentences']:,}", f"{ex['relations']:,}",
                fmt_s(ex["seconds"], est), f"{ex['articles_per_s']:,.0f}", f"{ex['sentences_per_s']:,.0f}",
                f"{ex['sentences_per_cpu_s']:,.0f}",
                f"{mem['extraction_main_mb']:,.0f}" + (f"/{mem['worker_mb']:,.0f}" if "worker_mb" in mem else "")]
        if "snapshots" not in r:  # estimated, or extraction only
            line += ["-"] * 12
        else:
            s, p, big = r["snapshots"], r["snapshots_per_date"], r["largest"]
            line += [f"{s['dates']:,}", fmt_s(s["one_date_s"]), fmt_s(s["all_dates_s"], s["all_dates_estimated"]),
                     f"{s['ratio']}x", fmt_s(p["all_dates_s"], p["all_dates_estimated"]),
                     f"{big['actors']}/{big['ties']:,}", fmt_s(big["layout_s"]), fmt_s(big["render_s"]),
                     f"{big['page_bytes'] / 1e6:.1f}", fmt_s(big.get("ready_s")), fmt_s(r["compare_s"]),
                     fmt_s(r["analysis_s"])]
        out.append(line)
    return format_table(headers, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes in articles, comma-separated")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="extraction worker processes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", type=float, default=900.0,
                        help="seconds a size may take (predicted from the previous size) before it is estimated instead")
    parser.add_argument("--snapshot-budget", type=float, default=120.0,
                        help="seconds building all snapshot dates may take before it is estimated from a sample")
    parser.add_argument("--cap", type=float, default=60.0, help="longest wait for a page in Chromium, seconds")
    # internal: one child process measures one size (or the reference) and prints JSON
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--extraction-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(measure(args.one, args.seed, args.jobs, args.snapshot_budget, args.cap, args.extraction_only)))
        return
    if args.reference:
        print(json.dumps(measure_reference(args.reference, args.seed + 1, args.jobs, args.cap)))
        return

    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    info = machine()
    say(f"{info['cores']} cores ({info['cpu']}), load average {info['load_before']}, {args.jobs} jobs")
    common = ["--jobs", str(args.jobs), "--seed", str(args.seed), "--cap", str(args.cap)]
    extras = json.loads(subprocess.run([sys.executable, __file__, "--reference", str(min(sizes[0], 1000)), *common],
                                       stdout=subprocess.PIPE, text=True, check=True).stdout)
    rows: list[dict] = []
    for n in sizes:
        command = [sys.executable, __file__, "--one", str(n), "--snapshot-budget", str(args.snapshot_budget), *common]
        measured = [r for r in rows if r["measured"]]
        if measured:
            # predicted linearly in articles from the largest size measured (all stages: the largest
            # measured through all of them)
            base = measured[-1]
            full = [r for r in measured if "snapshots" in r][-1]
            extraction = base["extraction"]["seconds"] * n / base["articles"]
            later = (full["wall_s"] - full["extraction"]["seconds"]) * n / full["articles"]
            if extraction > args.budget:
                say(f"{n}: extraction predicted {extraction:,.0f} s > budget {args.budget:,.0f} s: "
                    f"estimated from {base['articles']}")
                rows.append(extrapolate(base, n))
                continue
            if extraction + later > args.budget:
                say(f"{n}: later stages predicted {later:,.0f} s: extraction only")
                command.append("--extraction-only")
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        rows.append(json.loads(done.stdout))
    info["load_after"] = [round(x, 2) for x in os.getloadavg()]

    print(table(rows))
    ref, big = extras["reference"], extras["large_graph"]
    print(f"\nreference ({ref['articles']:,} articles in memory): 1 process {fmt_s(ref['serial_s'])}, "
          f"{args.jobs} processes {fmt_s(ref['parallel_s'])} (speed-up {ref['speedup']}x, CPU time x{ref['cpu_ratio']}, "
          f"identical: {ref['identical']}); Dask local cluster {fmt_s(ref.get('dask_s'))}; cache cold "
          f"{fmt_s(ref['cache_cold_s'])}, warm {fmt_s(ref['cache_warm_s'])}, one article added "
          f"{fmt_s(ref['cache_add_one_s'])} ({ref['cache_add_one_extracted']} extracted), {ref['cache_mb']} MB")
    print(f"large graph ({big['actors']:,} actors, {big['ties']:,} ties): layout {fmt_s(big['layout_s'])}, "
          f"render {fmt_s(big['render_s'])}, page {big['page_bytes'] / 1e6:.1f} MB, "
          f"ready in Chromium {fmt_s(big.get('ready_s'))}")
    print(f"\n{info['cores']} cores, {info['cpu']}; load average {info['load_before']} before, "
          f"{info['load_after']} after; (est.) = extrapolated, not measured")
    RESULTS.parent.mkdir(exist_ok=True)
    atomic_write_text(RESULTS, json.dumps({
        "machine": info, "jobs": args.jobs, "seed": args.seed,
        "run": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "budget_s": args.budget, "snapshot_budget_s": args.snapshot_budget, "cap_s": args.cap,
        "sizes": rows, **extras,
    }, indent=1) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
