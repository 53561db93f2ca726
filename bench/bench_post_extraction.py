"""The stages after extraction (snapshots, blocs, layout and pages) at ten times a corpus's size.

The relations extracted from a corpus (e.g. 10,000 synthetic articles from
``generate_corpus.py``) are copied ``--copies`` times, each copy with its own
article ids and its dates shifted by a different number of days inside
2010-2024 (the synthetic corpus's span), and the copies go through
``build_snapshots``, ``assign_steady_blocs`` and ``write_site`` as a build's
relations would. It stands in for the part of a 100,000-article build that
follows extraction when extracting 100,000 articles is out of reach; it is
not the whole build (``bench_scale.py`` is).

Reports CPU seconds per stage, wall seconds, the peak resident memory of
these stages (the resident-memory peak is reset once the relations are
loaded), the relations, dates and tie changes, and the output (size, files,
largest files, largest map or diff map). BLAS is pinned to one thread.

    python bench/bench_post_extraction.py CORPUS [--copies 10] [--cache DIR] [--out DIR]
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse
import gc
import json
import re
import resource
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import netviz
from netviz.graph.blocs import assign_steady_blocs
from netviz.graph.snapshots import build_snapshots
from netviz.pipeline import Build, SnapshotOptions, write_site

RESULTS = Path(__file__).resolve().parent / "results" / "scale-100k-post-extraction.json"
FIRST, LAST = date(2010, 1, 1), date(2024, 12, 31)


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> int:
    return int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--cache", type=Path, help="extraction cache folder (extract once, measure often)")
    parser.add_argument("--out", type=Path, help="where to write the site (default: a temporary folder)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()

    source = netviz.build(args.corpus, jobs=2, cache_dir=args.cache)
    span = (LAST - FIRST).days + 1
    rels, dates = [], {}
    for k in range(args.copies):
        for r in source.relations:
            day = FIRST + timedelta(days=((r.date - FIRST).days + k * 547) % span)
            ev = replace(r.evidence, article=f"{r.evidence.article}-{k}")
            rels.append(replace(r, date=day, evidence=ev))
            dates.setdefault(day, set()).add(ev.article)
    dates = {d: tuple(sorted(a)) for d, a in dates.items()}
    curated, codebook = source.curated, source.codebook
    del source
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak of the stages below, not of the extraction
    figures = {"copies": args.copies, "relations": len(rels), "dates": len(dates), "resident_mb_before": peak_mb()}

    started, t = time.time(), cpu()
    snaps = build_snapshots(rels, dates, curated=curated, codebook=codebook)
    figures["snapshots_cpu_s"] = round(cpu() - t, 1)
    figures["changes"] = sum(len(d) for d in snaps.history.deltas)
    t = cpu()
    snaps = assign_steady_blocs(snaps)
    figures["blocs_cpu_s"] = round(cpu() - t, 1)
    result = Build((), tuple(rels), curated, codebook, SnapshotOptions(), snaps)
    out = args.out or Path(tempfile.mkdtemp(prefix="netviz-post-extraction-"))
    shutil.rmtree(out, ignore_errors=True)
    t = cpu()
    write_site(result, out)
    figures["write_site_cpu_s"] = round(cpu() - t, 1)
    figures["wall_s"] = round(time.time() - started, 1)
    figures["peak_mb"] = peak_mb()
    figures["load"] = [round(x, 2) for x in os.getloadavg()]
    files = [p for p in out.rglob("*") if p.is_file()]
    figures["output_mb"] = round(sum(p.stat().st_size for p in files) / 1e6, 1)
    figures["files"] = len(files)
    figures["largest_files"] = {str(p.relative_to(out)): round(p.stat().st_size / 1e6, 2)
                                for p in sorted(files, key=lambda p: -p.stat().st_size)[:6]}
    pages = [p for p in files if p.suffix == ".html" and p.name not in ("index.html", "timeline.html")]
    figures["largest_map_or_diff_kb"] = round(max(p.stat().st_size for p in pages) / 1e3, 1)
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    print(json.dumps(figures, indent=1))
    args.results.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
