"""Benchmark of snapshot maps: layout, render, page size, and time-to-ready in Chromium.

Graphs are generated in code (seeded): N actors in five camps with a few
busy actors (great powers) in most ties, 10 x N ties that mostly follow the
camps, each tie backed by one to three relations with a 100-character
sentence from one of 4 x N articles (title, outlet, url), so pages carry
realistic evidence.

For N = 100, 1,000 and 2,000 it reports:

- ``layout``: compute_layout over the graph; ``render``: render_map with
  those positions; the page size and how much of it is vis-network;
- ``pyvis``: pyvis's defaults on the same actors, ties and weights
  (``Network(cdn_resources="in_line")``, ``from_nx`` on a copy, physics on,
  ``write_html``): build time and page size;
- in Chromium (if /usr/bin/chromium and playwright are there), opened from
  disk with every non-file request blocked: ``ready`` = time from navigation
  to our page's first complete draw (``window.netvizReady``; the median of
  ``--repeat`` loads, as the machine may be shared), and for pyvis's
  page the time until vis-network reports ``stabilizationIterationsDone``,
  waited for at most ``--cap`` seconds (reported as ``>cap``). Blocked
  requests are counted (pyvis's page asks a CDN for Bootstrap; ours asks
  nothing).

Run: ``python bench/bench_render.py [--cap SECONDS] [--repeat N] [--sizes 100,1000,2000]``;
prints a table and writes bench/results/bench_render.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from pyvis.network import Network  # noqa: E402

from netviz.graph.layout import compute_layout  # noqa: E402
from netviz.graph.snapshots import tie_attributes  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402
from netviz.model import Evidence, Relation  # noqa: E402
from netviz.site.render import render_map  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_render.json"
CHROMIUM = "/usr/bin/chromium"
# the flags of shared/PYVIS.md (tests/conftest.py uses the same)
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DAY = date(2018, 4, 21)
CUES = {1: ["signed a defence pact with", "pledged support to", "held joint drills with"],
        -1: ["condemned", "imposed sanctions on", "shelled positions of"]}
# Hooks pyvis's global `network` before its script runs, so the stabilisation
# event cannot fire before we listen (a `var` declaration keeps our accessor).
PYVIS_HOOK = """(() => { let net;
  Object.defineProperty(window, "network", { configurable: true, get() { return net; }, set(v) {
    net = v;
    if (v && v.once) v.once("stabilizationIterationsDone", () => { window.__benchReady = performance.now(); });
  }});
})();"""


def snapshot(n: int, seed: int = 11) -> nx.Graph:
    """A snapshot of n actors and 10 x n ties (fewer for tiny n), with the documented attributes."""
    rng = random.Random(seed)
    actors = [f"A{i:04d}" for i in range(n)]
    camp = {a: rng.randrange(5) for a in actors}
    weights = [1 / (i + 1) ** 0.6 for i in range(n)]
    relations: dict[tuple[str, str], list[Relation]] = {}
    while len(relations) < min(10 * n, n * (n - 1) // 4):
        a, b = rng.choices(actors, weights=weights, k=2)
        if a == b or (min(a, b), max(a, b)) in relations:
            continue
        rels = []
        for k in range(rng.randint(1, 3)):
            sign = 1 if (camp[a] == camp[b]) == (rng.random() < 0.85) else -1
            cue = rng.choice(CUES[sign])
            sentence = f"Officials said Actor {a[1:]} {cue} Actor {b[1:]} after a week of talks in the capital city."
            start = sentence.index(cue)
            art = rng.randrange(4 * n)
            ev = Evidence(sentence=sentence, cue=cue, article=f"art-{art}",
                          title=f"Talks, strikes and sanctions in region {art % 40}", outlet="Reuters",
                          url=f"https://example.org/news/{art}", cue_start=start, cue_end=start + len(cue))
            kind = "material_cooperation" if sign > 0 else "verbal_conflict"
            rels.append(Relation(a, b, sign, kind, rng.uniform(1, 10), DAY, "extracted", ev, rng.uniform(0.5, 1)))
        relations[(min(a, b), max(a, b))] = rels
    g = nx.Graph(date=DAY, mode="cumulative", articles=())
    for (a, b), rels in sorted(relations.items()):
        g.add_edge(a, b, **tie_attributes(rels))
    for a in g.nodes:
        g.nodes[a].update(label=f"Actor {a[1:]}", type="state", bloc=camp[a],
                          strength=round(sum(d["weight"] for _, _, d in g.edges(a, data=True)), 6))
    return g


def pyvis_default(g: nx.Graph, path: Path) -> float:
    """Write pyvis's default page for g's actors, ties and weights; return the seconds it took."""
    plain = nx.Graph()
    plain.add_nodes_from((n, {"label": d["label"]}) for n, d in g.nodes(data=True))
    plain.add_edges_from((u, v, {"weight": d["weight"]}) for u, v, d in g.edges(data=True))
    start = time.perf_counter()
    net = Network(cdn_resources="in_line")
    net.from_nx(plain)
    cwd = os.getcwd()
    os.chdir(path.parent)  # pyvis writes relative to the current folder
    try:
        net.write_html(path.name)
    finally:
        os.chdir(cwd)
    return time.perf_counter() - start


def open_in_chromium(context, path: Path, expression: str, cap: float, init_script: str | None = None) -> tuple[float | None, int]:
    """Seconds from navigation until ``expression`` (ms since navigation) is set, or None past cap; blocked requests.

    Polled from here with ``evaluate`` (a DevTools evaluation): ``wait_for_function``
    would evaluate the predicate inside the page, which our page's CSP (no eval) refuses.
    """
    page = context.new_page()
    blocked: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else (blocked.append(r.request.url), r.abort()))
    if init_script:
        page.add_init_script(init_script)
    try:
        deadline = time.monotonic() + cap
        page.goto(path.as_uri(), timeout=cap * 1000, wait_until="commit")
        while time.monotonic() < deadline:
            ready = page.evaluate(expression)
            if ready is not None:
                return (ready / 1000 if ready / 1000 <= cap else None), len(blocked)
            page.wait_for_timeout(100)
        return None, len(blocked)
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cap", type=float, default=60.0, help="longest wait for a page in Chromium, seconds")
    parser.add_argument("--sizes", default="100,1000,2000", help="numbers of actors, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="loads of our page per size (median reported)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    browser = sync_playwright is not None and Path(CHROMIUM).exists()
    folder = Path(tempfile.mkdtemp(prefix="netviz-bench-render-"))
    load_before = os.getloadavg()
    results = []
    for n in sizes:
        g = snapshot(n)
        start = time.perf_counter()
        positions = compute_layout([g])
        layout_s = time.perf_counter() - start
        ours = folder / f"ours-{n}.html"
        start = time.perf_counter()
        render_map(g, ours, positions=positions)
        render_s = time.perf_counter() - start
        theirs = folder / f"pyvis-{n}.html"
        pyvis_s = pyvis_default(g, theirs)
        results.append({
            "size": n, "actors": g.number_of_nodes(), "ties": g.number_of_edges(),
            "relations": sum(d["count"] for _, _, d in g.edges(data=True)),
            "layout_s": round(layout_s, 3), "render_s": round(render_s, 3),
            "page_bytes": ours.stat().st_size, "pyvis_build_s": round(pyvis_s, 3),
            "pyvis_page_bytes": theirs.stat().st_size,
        })
        print(f"{n} actors: layout {layout_s:.2f} s, render {render_s:.2f} s", file=sys.stderr)

    if browser:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="netviz-bench-chromium-"), executable_path=CHROMIUM, headless=True,
                viewport={"width": 1440, "height": 900}, args=LAUNCH_ARGS)
            for row in results:
                n = row["size"]
                loads = [open_in_chromium(context, folder / f"ours-{n}.html", "window.netvizReady", args.cap)
                         for _ in range(args.repeat)]
                times = [t for t, _ in loads]
                ready = None if None in times else statistics.median(times)
                row.update(ready_s=None if ready is None else round(ready, 3),
                           ready_runs_s=[None if t is None else round(t, 3) for t in times],
                           blocked_requests=max(b for _, b in loads))
                ready, blocked = open_in_chromium(context, folder / f"pyvis-{n}.html", "window.__benchReady", args.cap, PYVIS_HOOK)
                row.update(pyvis_ready_s=None if ready is None else round(ready, 3), pyvis_blocked_requests=blocked)
                print(f"{n} actors in Chromium: ours {row['ready_s']} s, pyvis {row['pyvis_ready_s']} s", file=sys.stderr)
            context.close()

    def seconds(value: float | None) -> str:
        return f">{args.cap:g} s" if value is None else f"{value:.2f} s"

    headers = ["actors", "ties", "layout", "render", "page MB", "ready"] + (
        ["pyvis build", "pyvis MB", "pyvis ready", "pyvis blocked"])
    rows = [[r["actors"], r["ties"], f"{r['layout_s']:.2f} s", f"{r['render_s']:.2f} s", r["page_bytes"] / 1e6,
             seconds(r["ready_s"]) if browser else "n/a", f"{r['pyvis_build_s']:.2f} s", r["pyvis_page_bytes"] / 1e6,
             seconds(r["pyvis_ready_s"]) if browser else "n/a", r.get("pyvis_blocked_requests", "n/a")]
            for r in results]
    print(format_table(headers, rows))
    RESULTS.parent.mkdir(exist_ok=True)
    atomic_write_text(RESULTS, json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_before": load_before, "load_after": os.getloadavg()},
        "cap_s": args.cap,
        "chromium": browser,
        "results": results,
    }, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
