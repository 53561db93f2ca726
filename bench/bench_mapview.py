"""What a reader sees at the first, fitted view of a map, in headless Chromium, at desktop and phone size.

For three maps: the seed articles' last map, a 2,000-actor map of five
planted camps (12 ties an actor, two thirds hostile across camps, 10% of signs
flipped; blocs found by ``find_blocs``), and, when ``--real-site`` names a site
built from ``../shared/corpus/real`` (``netviz build --data ../shared/corpus/real``),
its last map. For each, at 1440x900 and 390x844:

- ``scale``: vis-network's zoom at the first view;
- ``readable_labels``: labels drawn at 11 px or more on screen. netviz draws
  its own labels (netviz.js): the count it placed. The same page drawn by
  vis-network alone (the previous pages) draws every label at 14 px x zoom, and
  not at all below its 5 px threshold: that count is ``labels_vis_alone``;
- ``bloc_cores_labelled``: each bloc's strongest member is named;
- ``labels_over_marks``: labels over another label, a foreign dot or (off a
  plate) a foreign tie, checked in Python from what the page reports;
- ``ties_shown`` of ``ties``; ``first_view``: the ties the map first shows and how many of them
  join two blocs, now and as the previous pages chose them (the heaviest, whatever they join);
- ``redraw_ms``: median of 5 full redraws;
  ``placement_ms``: one redraw that places every label again;
- on the phone, ``map_height_share``: the network's share of the screen height
  with the drawer closed.

Screenshots go to tests/artifacts/ (``bench-<map>-<size>.png``). BLAS is pinned
to one thread (the layout of the 2,000-actor map).

Run: ``python bench/bench_mapview.py [--real-site DIR]``; prints a table and writes
bench/results/bench_mapview.json.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy loads

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

from bench_layout import planted, silhouette  # noqa: E402
from conftest import LAUNCH_ARGS, PHONE, READY, VIEWPORT  # noqa: E402
from test_browser import crosses, strongest_of_each_bloc  # noqa: E402

SIZES = {"desktop": VIEWPORT, "phone": PHONE}
ARTIFACTS = ROOT / "tests" / "artifacts"

MEASURE = """() => {
    const m = window.netvizMap, n = m.network, pos = n.getPositions();
    const block = document.getElementById('netviz-data'), page = m.data || JSON.parse(block.textContent);
    const actors = {};
    for (const x of m.nodeView.get()) actors[x.id] = {x: pos[x.id].x, y: pos[x.id].y, r: m.nodes.get(x.id).size,
        bloc: page.actors[x.id].bloc, strength: page.actors[x.id].strength};
    const times = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); n.redraw(); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    n.moveTo({position: n.getViewPosition(), scale: n.getScale() * 1.0001, animation: false});
    const t = performance.now(); n.redraw(); const placement = performance.now() - t;
    const data = m.data || page;
    return {labels: m.labels(), actors, scale: n.getScale(), ties: m.edgeView.get().map(e => [e.from, e.to]),
            all_ties: data.ties, blocs: Object.fromEntries(Object.entries(data.actors).map(([id, a]) => [id, a.bloc])),
            total: m.edges.length, redraw: times[2], placement,
            network: document.getElementById('nv-network').getBoundingClientRect().height, ready: window.netvizReady};
}"""


def over_marks(drawn: dict) -> int:
    """Labels over another label, a foreign dot, or (without a plate) a foreign tie."""
    labels, actors, bad = drawn["labels"], drawn["actors"], 0
    for i, a in enumerate(labels):
        box = a["box"]
        hit = any(box[0] < b["box"][2] and b["box"][0] < box[2] and box[1] < b["box"][3] and b["box"][1] < box[3]
                  for b in labels[i + 1:])
        for other, dot in actors.items():
            if other != a["id"]:
                nx_, ny = min(max(dot["x"], box[0]), box[2]), min(max(dot["y"], box[1]), box[3])
                hit |= (nx_ - dot["x"]) ** 2 + (ny - dot["y"]) ** 2 < dot["r"] ** 2 - 1e-6
        if not a["plate"]:
            hit |= any(a["id"] not in (u, v) and crosses((actors[u]["x"], actors[u]["y"]), (actors[v]["x"], actors[v]["y"]), box)
                       for u, v in drawn["ties"])
        bad += hit
    return bad


def measure(browser, page: Path, name: str) -> dict:
    out: dict = {}
    for size, viewport in SIZES.items():
        tab = browser.new_page(viewport=viewport)
        errors: list[str] = []
        tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(page.resolve().as_uri())
        tab.wait_for_selector(READY, state="attached", timeout=120_000)
        tab.wait_for_timeout(600)  # dots and dashes are restyled once the zoom settles
        drawn = tab.evaluate(MEASURE)
        tab.wait_for_timeout(300)
        tab.screenshot(path=str(ARTIFACTS / f"bench-{name}-{size}.png"))
        cores = strongest_of_each_bloc(drawn["actors"])
        labelled = {label["id"] for label in drawn["labels"]}
        row = {
            "actors": len(drawn["actors"]), "ties": drawn["total"], "ties_shown": len(drawn["ties"]),
            "scale": round(drawn["scale"], 4),
            "readable_labels": len(labelled),
            "labels_vis_alone": len(drawn["actors"]) if 14 * drawn["scale"] >= 4 else 0,
            "labels_vis_alone_px": round(14 * drawn["scale"], 1),
            "plates": sum(label["plate"] for label in drawn["labels"]),
            "bloc_cores_labelled": f"{len(cores & labelled)} of {len(cores)}",
            "labels_over_marks": over_marks(drawn),
            "redraw_ms": round(drawn["redraw"], 1), "placement_ms": round(drawn["placement"], 1),
            "ready_ms": round(drawn["ready"]), "console_errors": len(errors),
        }
        if size == "phone":
            row["map_height_share"] = round(drawn["network"] / viewport["height"], 2)
        else:
            out["first_view"] = first_views(drawn["all_ties"], drawn["blocs"])
        out[size] = row
        tab.close()
    return out


def first_views(ties: dict, bloc: dict) -> dict:
    """The first view of a map (its page's ties and actors' blocs) now and as it was chosen before
    (the heaviest ties whatever blocs they join): ties shown, and how many of them join two blocs."""
    from netviz.site import mapdata

    out = {}
    for name, per_pair, standout in (("before", 10**9, 0.0), ("now", mapdata.FIRST_VIEW_PER_PAIR, mapdata.FIRST_VIEW_STANDOUT)):
        saved = mapdata.FIRST_VIEW_PER_PAIR, mapdata.FIRST_VIEW_STANDOUT
        mapdata.FIRST_VIEW_PER_PAIR, mapdata.FIRST_VIEW_STANDOUT = per_pair, standout
        try:
            shown = mapdata.first_view(ties, bloc=bloc)
        finally:
            mapdata.FIRST_VIEW_PER_PAIR, mapdata.FIRST_VIEW_STANDOUT = saved
        across = sum(bloc[ties[t]["a"]] is None or bloc[ties[t]["a"]] != bloc[ties[t]["b"]] for t in shown)
        out[name] = {"ties_shown": len(shown), "of": len(ties), "across_blocs": across}
    return out


def planted_map(folder: Path, n: int) -> tuple[Path, dict]:
    from netviz.graph.blocs import adjusted_rand_index
    from netviz.graph.blocsearch import find_blocs
    from netviz.graph.layout import compute_layout
    from netviz.site.render import render_map

    g, camp = planted(n, degree=12, seed=0)
    partition = find_blocs(g)
    for i, members in enumerate(partition.blocs):
        for a in members:
            g.nodes[a]["bloc"] = i
    t0 = time.process_time()
    pos = compute_layout([g])
    cpu = time.process_time() - t0
    about = {"blocs_ari": round(adjusted_rand_index(camp, {a: g.nodes[a]["bloc"] for a in g}), 3),
             "silhouette_by_camp": silhouette(pos, camp), "layout_cpu_s": round(cpu, 2)}
    return render_map(g, folder / f"planted-{n}.html", positions=pos), about


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-site", type=Path, help="a site built from ../shared/corpus/real")
    parser.add_argument("--large", type=int, default=2000, help="actors of the planted-camps map")
    parser.add_argument("--results", type=Path, default=BENCH / "results" / "bench_mapview.json")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from netviz import pipeline

    ARTIFACTS.mkdir(exist_ok=True)
    figures: dict = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                                 "load_before": os.getloadavg()[0]}, "blas_threads": 1, "maps": {}}
    with tempfile.TemporaryDirectory(prefix="netviz-bench-mapview-") as tmp:
        tmp = Path(tmp)
        site = pipeline.write_site(pipeline.build(ROOT / "data", cache_dir=tmp / ".cache", jobs=1), tmp / "seeds")
        pages = {"seeds-last": site.maps[max(site.maps)]}
        pages[f"planted-{args.large}"], figures["planted"] = planted_map(tmp, args.large)
        if args.real_site:
            maps = sorted(p for p in args.real_site.glob("[0-9][0-9][0-9][0-9]-*.html"))
            pages["real-last"] = maps[-1]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
            for name, page in pages.items():
                figures["maps"][name] = measure(browser, page, name)
                for size, row in figures["maps"][name].items():
                    print(f"{name:14} {size:10} " + " ".join(f"{k}={v}" for k, v in row.items()))
            browser.close()
    figures["machine"]["load_after"] = os.getloadavg()[0]
    print("planted:", figures["planted"])
    args.results.parent.mkdir(exist_ok=True)
    args.results.write_text(json.dumps(figures, indent=1) + "\n")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
