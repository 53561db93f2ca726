"""Size of a built site: total output, largest page, and what each kind of file weighs.

    python bench/bench_site.py OUT_DIR [OUT_DIR ...] [--label NAME ...] [--json bench/results/bench_site.json]

Measures folders written by ``netviz build --out OUT_DIR`` (the extraction
cache, ``OUT_DIR/.cache``, is left out): the total bytes and files, the
largest HTML page and the largest file, and the bytes of the dated maps, the
diff maps, the timeline and the shared ``data/`` folder (evidence table,
scripts, styles). Give the folder of a build made before a change and the
one after it to compare them in one table. It builds nothing itself: time a
build with ``/usr/bin/time -v netviz build ...`` (CPU seconds, peak memory)
and pass the figures with ``--note``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from pathlib import Path


def measure(out: Path) -> dict:
    """Sizes of one site folder, in bytes."""
    files = [p for p in out.rglob("*") if p.is_file() and ".cache" not in p.relative_to(out).parts]
    size = {p: p.stat().st_size for p in files}
    pages = [p for p in files if p.suffix == ".html"]
    kinds = {
        "maps": [p for p in pages if p.parent == out and p.name[:4].isdigit()],
        "diff maps": [p for p in pages if p.parent.name == "diff"],
        "timeline": [p for p in pages if p.name == "timeline.html"],
        "data/": [p for p in files if p.parent.name == "data"],
    }
    largest_page = max(pages, key=size.get)
    largest_file = max(files, key=size.get)
    return {
        "folder": str(out),
        "bytes": sum(size.values()),
        "files": len(files),
        "largest_page": {"name": str(largest_page.relative_to(out)), "bytes": size[largest_page]},
        "largest_file": {"name": str(largest_file.relative_to(out)), "bytes": size[largest_file]},
        "by_kind": {k: {"files": len(v), "bytes": sum(size[p] for p in v)} for k, v in kinds.items()},
    }


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outs", nargs="+", type=Path)
    parser.add_argument("--label", action="append", default=[], help="a name per folder, in order")
    parser.add_argument("--note", action="append", default=[], help="a free note per folder (e.g. CPU time), in order")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON file")
    args = parser.parse_args()
    rows = []
    for i, out in enumerate(args.outs):
        row = measure(out)
        row["label"] = args.label[i] if i < len(args.label) else out.name
        if i < len(args.note):
            row["note"] = args.note[i]
        rows.append(row)
        kinds = ", ".join(f"{k} {_mb(v['bytes'])} ({v['files']})" for k, v in row["by_kind"].items())
        print(f"{row['label']}: {_mb(row['bytes'])} in {row['files']} files; largest page "
              f"{row['largest_page']['name']} {_mb(row['largest_page']['bytes'])}; largest file "
              f"{row['largest_file']['name']} {_mb(row['largest_file']['bytes'])}\n  {kinds}")
    if args.json:
        old = json.loads(args.json.read_text()) if args.json.exists() else {"runs": []}
        old["runs"].append({
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
            "sites": rows,
        })
        args.json.write_text(json.dumps(old, indent=1) + "\n")


if __name__ == "__main__":
    main()
