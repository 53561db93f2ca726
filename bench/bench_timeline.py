"""Benchmark of the timeline page on a synthetic corpus of 1,000 articles.

The corpus is generated in code (seeded): 150 actors in four rival camps,
1,000 articles over 300 dates in five years, five relations per article with
a 150-character sentence each, ties that mostly follow the camps but also
flip, plus 30 curated relations valid for a year or two. Snapshots are built
cumulative (the default) and with a 60-day window (where ties come and go).

For each mode it reports:

- the page size and what it is made of (vis-network, relations, articles,
  per-date steps, union graph);
- what a page holding a full copy of every snapshot would weigh instead:
  ``naive`` = every date's ties with their evidence records, ``by index`` =
  every date's ties with evidence as indices into one relation table (the
  saving of the deltas alone);
- the time to compute the layout, the page data and the page. Blocs come
  with the snapshots (the generator's camps stand in for them); the cost of
  computing them with netviz.graph.analysis.find_blocs, and of a full
  structural_balance, is measured per date on every 30th date (the timeline
  itself only re-judges triangles through ties that formed, dissolved or
  flipped);
- in Chromium (if /usr/bin/chromium and playwright are there): the time to
  open the page, and the time of one date change (DataSet updates plus a
  synchronous redraw) stepping forward through every date and jumping from the
  last date to the first.

Run: ``python bench/bench_timeline.py``; prints a table and writes
bench/results/bench_timeline.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from netviz.graph.analysis import find_blocs, structural_balance  # noqa: E402
from netviz.graph.layout import compute_layout  # noqa: E402
from netviz.graph.snapshots import build_snapshots  # noqa: E402
from netviz.ingest.actors import Actor, Codebook  # noqa: E402
from netviz.ingest.curated import Curated  # noqa: E402
from netviz.model import Evidence, Relation, relation_record  # noqa: E402
from netviz.site.pages import script_json  # noqa: E402
from netviz.site.timeline import TimelineNetwork, timeline_data  # noqa: E402
from netviz.table import format_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bench_timeline.json"
ACTORS, ARTICLES, DATES, PER_ARTICLE, CURATED = 150, 1000, 300, 5, 30
#: netviz.graph.analysis is timed on every this many dates (a full run of find_blocs takes minutes)
SAMPLE_EVERY = 30
CUES = {1: ["signed a defence pact with", "pledged support to", "held joint drills with", "backed"],
        -1: ["condemned", "imposed sanctions on", "shelled positions of", "expelled diplomats of"]}


def corpus(seed: int = 7) -> tuple[list[Relation], dict[date, list[str]], Curated, Codebook, dict[str, int]]:
    rng = random.Random(seed)
    types = ["state"] * 6 + ["organisation", "armed_group", "political_group"]
    actors = [Actor(f"A{i:03d}", f"Actor {i:03d}", rng.choice(types), (f"Alias {i:03d}", f"Capital {i:03d}"))
              for i in range(ACTORS)]
    camp = {a.id: rng.randrange(4) for a in actors}
    # a few busy actors take part in most relations, as great powers do in the news
    weights = [1 / (i + 1) ** 0.8 for i in range(ACTORS)]
    start = date(2015, 1, 1)
    days = sorted(rng.sample(range(5 * 365), DATES))
    dates: dict[date, list[str]] = {}
    relations = []
    for n in range(ARTICLES):
        day = start + timedelta(days=days[n * DATES // ARTICLES])
        art = f"article-{n:04d}"
        dates.setdefault(day, []).append(art)
        title = f"Report {n}: talks, strikes and sanctions in region {n % 17}"
        for k in range(PER_ARTICLE):
            a, b = rng.choices(actors, weights=weights, k=2)
            if a.id == b.id:
                continue
            sign = 1 if camp[a.id] == camp[b.id] else -1
            if rng.random() < 0.2:
                sign = -sign
            cue = rng.choice(CUES[sign])
            sentence = f"On {day:%d %B} officials said {a.name} {cue} {b.name} after a week of talks in the capital."
            relations.append(Relation(
                a.id, b.id, sign, "material_cooperation" if sign > 0 else "material_conflict",
                round(rng.uniform(1, 10), 1), day, "extracted",
                Evidence(sentence=sentence, cue=cue, article=art, start=k * 160, end=k * 160 + len(sentence),
                         title=title, outlet="Synthetic Wire", url=f"https://example.org/{art}",
                         cue_start=sentence.index(cue), cue_end=sentence.index(cue) + len(cue)),
                confidence=round(rng.uniform(0.5, 1), 2),
            ))
    curated = []
    for i in range(CURATED):
        a, b = rng.sample(actors[:40], 2)
        valid_from = start + timedelta(days=rng.randrange(4 * 365))
        curated.append(Relation(
            a.id, b.id, 1, "material_cooperation", 7.0, valid_from, "curated",
            Evidence(sentence=f"Treaty {i} between {a.name} and {b.name} (Synthetic Treaty Series, {valid_from}).", cue="treaty"),
            valid_from=valid_from, valid_to=valid_from + timedelta(days=rng.randrange(365, 730)),
        ))
    return relations, dates, Curated(relations=tuple(curated)), Codebook(actors), camp


def naive_sizes(snapshots) -> tuple[int, int]:
    """Bytes of a full copy per date: with evidence records, and with evidence as indices."""
    full = by_index = 0
    for G in snapshots.values():
        ties = [[u, v, d["weight"], d["sign"], [relation_record(r) for r in d["evidence"]]] for u, v, d in G.edges(data=True)]
        full += len(script_json(ties).encode())
        by_index += len(script_json([[u, v, d["weight"], d["sign"], list(range(d["count"]))] for u, v, d in G.edges(data=True)]).encode())
    return full, by_index


def browser_timings(path: Path, dates: int) -> dict | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="netviz-bench-"), executable_path="/usr/bin/chromium", headless=True,
            viewport={"width": 1440, "height": 900},
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        start = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.netvizTimeline !== undefined")
        load = time.perf_counter() - start
        step = """i => { const t = performance.now(); const nt = window.netvizTimeline;
                        nt.goTo(i); nt.network.redraw(); return performance.now() - t; }"""
        page.evaluate(step, 0)
        forward = [page.evaluate(step, i) for i in range(1, dates)]
        jump_back = page.evaluate(step, 0)
        jump_forward = page.evaluate(step, dates - 1)
        context.close()
    return {
        "load_s": round(load, 2),
        "step_ms_mean": round(sum(forward) / len(forward), 1),
        "step_ms_max": round(max(forward), 1),
        "jump_last_to_first_ms": round(jump_back, 1),
        "jump_first_to_last_ms": round(jump_forward, 1),
    }


def main() -> None:
    relations, dates, curated, codebook, camp = corpus()
    measurements = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode, options in (("cumulative", {}), ("window:60", {"window": 60})):
            snapshots = build_snapshots(relations, dates, curated=curated, codebook=codebook, **options)
            for G in snapshots.values():
                # blocs come with the snapshots (the pipeline's job); the generator's camps stand in
                # for netviz.graph.analysis.find_blocs, whose cost is measured below
                nx.set_node_attributes(G, {n: camp[n] for n in G}, "bloc")
            t0 = time.perf_counter()
            positions = compute_layout(snapshots.values())
            t1, cpu1 = time.perf_counter(), time.process_time()
            data = timeline_data(snapshots, positions, codebook=codebook)
            t2, cpu2 = time.perf_counter(), time.process_time()
            html = TimelineNetwork(data).generate_html()
            t3 = time.perf_counter()
            sample = list(snapshots.values())[::SAMPLE_EVERY]
            for G in sample:
                find_blocs(G)
            t4 = time.perf_counter()
            for G in sample:
                structural_balance(G)
            t5 = time.perf_counter()
            path = Path(tmp) / f"timeline-{mode.replace(':', '-')}.html"
            path.write_text(html, encoding="utf-8")
            size = lambda value: len(script_json(value).encode())  # noqa: E731
            full, by_index = naive_sizes(snapshots)
            measurements.append({
                "mode": mode,
                "dates": len(snapshots),
                "relations": len(data["relations"]),
                "ties_union": len(data["ties"]),
                "ties_last_date": snapshots[max(snapshots)].number_of_edges(),
                "page_kb": round(len(html.encode()) / 1e3),
                "data_kb": round(size(data) / 1e3),
                "relations_kb": round(size(data["relations"]) / 1e3),
                "articles_kb": round(size(data["articles"]) / 1e3),
                "steps_kb": round(size(data["steps"]) / 1e3),
                "union_graph_kb": round((size(data["actors"]) + size(data["ties"])) / 1e3),
                "naive_full_copy_kb": round(full / 1e3),
                "full_copy_by_index_kb": round(by_index / 1e3),
                "layout_s": round(t1 - t0, 2),
                "data_s": round(t2 - t1, 2),
                # CPU time of this process: less sensitive than wall time to other work on the machine
                "data_cpu_s": round(cpu2 - cpu1, 2),
                "find_blocs_s_per_date": round((t4 - t3) / len(sample), 2),
                "structural_balance_s_per_date": round((t5 - t4) / len(sample), 2),
                "page_s": round(t3 - t2, 2),
                "browser": browser_timings(path, len(snapshots)),
            })
    print(format_table(
        ["mode", "find_blocs s/date", "structural_balance s/date"],
        [[m["mode"], m["find_blocs_s_per_date"], m["structural_balance_s_per_date"]] for m in measurements],
    ))
    print()
    print(format_table(
        ["mode", "dates", "relations", "ties", "page KB", "data KB", "relations KB", "steps KB", "naive copy KB", "copy by index KB"],
        [[m["mode"], m["dates"], m["relations"], m["ties_union"], m["page_kb"], m["data_kb"], m["relations_kb"],
          m["steps_kb"], m["naive_full_copy_kb"], m["full_copy_by_index_kb"]] for m in measurements],
    ))
    print()
    print(format_table(
        ["mode", "layout s", "data s", "data CPU s", "page s", "open s", "step ms (mean)", "step ms (max)", "jump back ms"],
        [[m["mode"], m["layout_s"], m["data_s"], m["data_cpu_s"], m["page_s"]] + (
            [m["browser"]["load_s"], m["browser"]["step_ms_mean"], m["browser"]["step_ms_max"], m["browser"]["jump_last_to_first_ms"]]
            if m["browser"] else ["-"] * 4) for m in measurements],
    ))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "timeline page on a synthetic 1,000-article corpus",
        "corpus": {"actors": ACTORS, "articles": ARTICLES, "dates": DATES, "relations_per_article": PER_ARTICLE,
                   "curated": CURATED},
        "python": platform.python_version(),
        "machine": platform.machine(),
        # other work on the machine slows every timing: record how busy it was
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "measurements": measurements,
    }, indent=2) + "\n")
    print(f"\nload average {os.getloadavg()[0]:.2f}; written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
