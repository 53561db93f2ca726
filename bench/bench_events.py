"""Benchmark of the event import on a full GDELT day (about 200,000 rows).

Builds a GDELT 2.0 export of that size from the real 15-minute sample in
/work/shared/external (each copy of the sample gets new event ids and report
URLs, so repeated reports stay as frequent as in the real data), then times:

- ``csv.reader``: a plain read of the same file, the reference;
- ``stream``: :func:`netviz.ingest.events.stream_events`, relations discarded as they come;
- ``read``: :func:`netviz.ingest.events.read_events`, which keeps every relation.

Time and peak memory are measured in separate runs (tracemalloc slows Python
down). The three tasks are timed in turn, three rounds, and each keeps its
best round, so a busy machine slows them alike; the load average is recorded
with the results. The stream's
peak memory should not grow with the file; the read's grows with the
relations it returns.

Run: ``python bench/bench_events.py [--rows 200000]``; prints a table and
writes bench/results/bench_events.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netviz.ingest.actors import Actor, Codebook  # noqa: E402
from netviz.ingest.events import read_events, stream_events  # noqa: E402
from netviz.table import format_table  # noqa: E402

SAMPLE = Path("/work/shared/external/gdelt-20191024143000.export.CSV")
RESULTS = ROOT / "bench" / "results" / "bench_events.json"


def make_file(rows: int, folder: Path) -> Path:
    """A GDELT 2.0 export of ``rows`` rows made of renumbered copies of the sample."""
    sample = [line.rstrip("\n").split("\t") for line in SAMPLE.open(encoding="utf-8")]
    path = folder / f"gdelt-{rows}.export.CSV"
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            row = list(sample[i % len(sample)])
            row[0] = str(900_000_000 + i)
            row[60] = f"{row[60]}?copy={i // len(sample)}"
            out.write("\t".join(row) + "\n")
    return path


def codebook_for_sample() -> Codebook:
    """Every country of the sample as a state, so most rows with two countries become relations."""
    countries = set()
    for row in csv.reader(SAMPLE.open(encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE):
        countries.update(c for c in (row[7], row[17]) if c)
    regions = {"AFR", "ASA", "EUR", "SAF", "WST", "MEA", "SAM", "SAS", "SEA", "WAF", "EAF", "NAF", "CAS", "LAM", "BLK", "CRB", "CAU", "CFR", "CEU", "EEU", "EIN", "MDT", "NMR", "PGS", "SCN"}
    return Codebook([Actor(c, c, "state", ()) for c in sorted(countries - regions)])


def plain_csv(path: Path, codebook: Codebook) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def stream(path: Path, codebook: Codebook) -> int:
    return sum(1 for _ in stream_events(path, codebook))


def read(path: Path, codebook: Codebook) -> int:
    return len(read_events(path, codebook).relations)


TASKS = (("csv.reader", plain_csv), ("stream", stream), ("read", read))


def best_times(path: Path, codebook: Codebook, rounds: int = 3) -> dict[str, tuple[float, int]]:
    """Each task's best time and output, the tasks taking turns."""
    best: dict[str, tuple[float, int]] = {}
    for _ in range(rounds):
        for name, task in TASKS:
            start = time.perf_counter()
            output = task(path, codebook)
            seconds = time.perf_counter() - start
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, output)
    return best


def peak_memory(task, path: Path, codebook: Codebook) -> int:
    tracemalloc.start()
    task(path, codebook)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the full-size file")
    args = parser.parse_args()
    codebook = codebook_for_sample()
    measurements = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (args.rows // 4, args.rows):
            path = make_file(rows, Path(tmp))
            times = best_times(path, codebook)
            for name, task in TASKS:
                seconds, output = times[name]
                measurements.append({
                    "task": name,
                    "rows": rows,
                    "file_mb": round(path.stat().st_size / 1e6, 1),
                    "seconds": round(seconds, 3),
                    "rows_per_s": round(rows / seconds),
                    "peak_mb": round(peak_memory(task, path, codebook) / 1e6, 1),
                    "relations": output if name != "csv.reader" else None,
                })
    print(format_table(
        ["task", "rows", "file MB", "seconds", "rows/s", "peak MB", "relations"],
        [[m["task"], m["rows"], m["file_mb"], m["seconds"], m["rows_per_s"], m["peak_mb"], m["relations"] or "-"] for m in measurements],
    ))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    print(f"\nload average during the run: {load:.1f} on {os.cpu_count()} cores")
    RESULTS.write_text(json.dumps({
        "benchmark": "event import (GDELT 2.0)",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "load_average": round(load, 2),
        "measurements": measurements,
    }, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
