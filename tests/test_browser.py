"""Snapshot maps in real headless Chromium (fixtures in conftest.py): drawn
offline, inert with hostile text, and the evidence panel answers clicks.

Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from pathlib import Path

from conftest import PHONE, READY, VIEWPORT
from test_render import XSS, malicious, rel, snapshot, syria

from netviz import pipeline
from netviz.graph.layout import compute_layout
from netviz.site.mapdata import edge_id
from netviz.site.render import index_entry, render_index, render_map


def hostile() -> nx.Graph:
    """The Syria fixture plus the malicious ties, so the page has both."""
    g = syria()
    bad = malicious()
    g.add_nodes_from(n for n in bad.nodes(data=True) if n[0] not in g)
    g.nodes["YPG"]["label"] = bad.nodes["YPG"]["label"]
    g.add_edge("TUR", "YPG", **bad.edges["TUR", "YPG"])
    return g


@pytest.fixture
def page_of(tmp_path, open_page):
    """Render a graph (laid out with compute_layout) and open it: returns the Tab."""

    def _open(g: nx.Graph, **kw):
        out = render_map(g, tmp_path / "map.html", positions=compute_layout([g]), **kw)
        return open_page(out)

    return _open


def midpoint_of_a_free_edge(tab, edge: str | None = None):
    """DOM coordinates of the middle of a tie that nothing covers (and that tie's id)."""
    return tab.js("""(wanted) => {
        const m = window.netvizMap, pos = m.network.getPositions();
        for (const e of m.edges.get()) {
            if (wanted && e.id !== wanted) continue;
            const a = pos[e.from], b = pos[e.to];
            const p = m.network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            if (m.network.getNodeAt(p) === undefined && m.network.getEdgeAt(p) === e.id) return [e.id, p.x, p.y];
        }
        return null;
    }""", edge)


def click_in_network(tab, x, y):
    box = tab.page.locator("#nv-network").bounding_box()
    tab.page.mouse.click(box["x"] + x, box["y"] + y)


def test_the_map_draws_every_actor_and_tie_offline_without_errors(page_of, artifacts):
    g = syria()
    tab = page_of(g, title="Syria alliances")
    assert tab.js("window.netvizMap.nodes.length") == g.number_of_nodes()
    assert tab.js("window.netvizMap.edges.length") == g.number_of_edges()
    drawn = tab.js("Object.keys(window.netvizMap.network.getPositions()).sort()")
    assert drawn == sorted(g.nodes)
    assert tab.requests == []
    assert tab.errors == []
    assert tab.page.title() == "Syria alliances — 2017-01-08"
    tab.page.screenshot(path=str(artifacts / "map.png"))


def hover(tab, x, y, first_line: str) -> str:
    """Move the pointer to (x, y) in the network; the tooltip's text once it starts with ``first_line``."""
    box = tab.page.locator("#nv-network").bounding_box()
    tab.page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = tab.page.locator("#nv-network .nv-tip")
    text = ""
    for _ in range(100):  # vis-network shows it after the tooltip delay
        text = tooltip.inner_text() if tooltip.is_visible() else ""
        if text.startswith(first_line):
            break
        tab.page.wait_for_timeout(50)
    return text


def test_tooltips_are_short_and_the_panel_holds_the_evidence(page_of):
    tab = page_of(syria())
    _, x, y = midpoint_of_a_free_edge(tab, "RUS--SYR")
    assert hover(tab, x, y, "Russia — Syria").split("\n") == [
        "Russia — Syria", "cooperation · weight 10 · 2 relations"]
    x, y = tab.js("""() => { const n = window.netvizMap.network;
        const p = n.canvasToDOM(n.getPositions(['YPG']).YPG); return [p.x, p.y]; }""")
    assert hover(tab, x, y, "Syrian Kurdish").split("\n") == [
        "Syrian Kurdish forces (YPG)", "armed group · Turkey, Syrian Kurdish forces, United States"]


def test_hover_and_click_pick_the_same_tie_where_lines_cross(page_of):
    # two ties crossing near their middles: everywhere around the crossing, the tooltip names
    # the tie a click there selects
    g = snapshot([rel("A", "B", 1, 5, sentence="a b"), rel("C", "D", -1, 5, sentence="c d")],
                 labels={"A": "Alpha", "B": "Beta", "C": "Gamma", "D": "Delta"})
    tab = page_of(g)
    tab.js("""() => { const m = window.netvizMap;
        m.nodes.update([{id: 'A', x: -200, y: 0}, {id: 'B', x: 200, y: 8}, {id: 'C', x: 0, y: -200}, {id: 'D', x: 6, y: 200}]);
        m.network.fit({animation: false}); }""")
    centre = tab.js("() => { const p = window.netvizMap.network.canvasToDOM({x: 2, y: 3}); return [p.x, p.y]; }")
    checked = 0
    for dx in range(-6, 7, 3):
        for dy in range(-6, 7, 3):
            x, y = centre[0] + dx, centre[1] + dy
            box = tab.page.locator("#nv-network").bounding_box()
            tab.page.mouse.move(box["x"] + x, box["y"] + y)
            tab.page.wait_for_timeout(120)  # the tooltip follows the pointer on the next frame
            tip = tab.page.locator("#nv-network .nv-tip")
            text = tip.inner_text() if tip.is_visible() else ""
            if not text:
                continue
            click_in_network(tab, x, y)
            picked = tab.page.locator("#nv-details h2").inner_text().strip()
            assert text.split("\n")[0] == picked, (dx, dy)
            checked += 1
    assert checked >= 10


def test_the_tooltip_closes_when_the_view_moves(page_of):
    tab = page_of(syria())
    _, x, y = midpoint_of_a_free_edge(tab, "RUS--SYR")
    assert hover(tab, x, y, "Russia — Syria")
    tab.page.locator("#nv-search").fill("Turkey")
    tab.page.locator("#nv-search").dispatch_event("change")  # the search moves the view to Turkey
    assert tab.page.locator("#nv-network .nv-tip").is_hidden()
    assert hover(tab, *midpoint_of_a_free_edge(tab, "RUS--SYR")[1:], "Russia — Syria")
    tab.page.mouse.wheel(0, -200)  # zoom
    tab.page.wait_for_timeout(100)
    assert tab.page.locator("#nv-network .nv-tip").is_hidden()


def test_hostile_text_runs_no_script_and_shows_as_text(page_of, artifacts):
    tab = page_of(hostile(), title=XSS[0],
                  contradictions=[{"actors": ["TUR", "USA", "YPG"], "signs": ["±", "+", "-"]}])
    assert tab.js("window.__pwned") is None
    assert tab.js("document.querySelectorAll('img').length") == 0
    assert tab.js("document.scripts.length") == 6  # three JSON blocks and our three scripts
    assert tab.page.title().startswith(XSS[0])

    edge, x, y = midpoint_of_a_free_edge(tab, "TUR--YPG")
    click_in_network(tab, x, y)
    details = tab.page.locator("#nv-details")
    assert f"Turkey shelled {XSS[1]} YPG positions {XSS[2]}." in details.inner_text()
    assert XSS[0] in details.inner_text()  # the article title, as text
    assert details.locator("a").count() == 0  # a javascript: URL is not made a link
    tab.page.locator("[data-contradiction='0']").click()
    assert sorted(tab.js("window.netvizMap.network.getSelectedNodes()")) == ["TUR", "USA", "YPG"]

    # hovering a tie shows vis-network's tooltip, as text
    edge, x, y = midpoint_of_a_free_edge(tab, "TUR--YPG")
    text = hover(tab, x, y, XSS[2])
    assert XSS[1] in text
    # the tooltip is set with textContent: it holds no element at all
    assert tab.js("[...document.querySelectorAll('#nv-network .nv-tip *')].map(e => e.tagName)") == []
    assert tab.js("window.__pwned") is None
    assert tab.js("document.querySelectorAll('img').length") == 0
    assert tab.requests == [] and tab.errors == []
    tab.page.screenshot(path=str(artifacts / "map-hostile.png"))


def test_clicking_a_tie_shows_the_sentences_behind_it(page_of, artifacts):
    tab = page_of(syria())
    edge, x, y = midpoint_of_a_free_edge(tab, "RUS--SYR")
    click_in_network(tab, x, y)
    details = tab.page.locator("#nv-details")
    assert details.locator("h2").inner_text().strip() == "Russia — Syria"
    quotes = details.locator("blockquote").all_inner_texts()
    assert quotes == ["Russia backs the Syrian government with air strikes.", "Moscow sends advisers to Damascus."]
    assert details.locator("mark").first.inner_text() == "backs"  # the cue that fired
    link = details.locator("a").first
    assert link.get_attribute("href") == "https://example.org/a1"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert "intensity 8 × confidence 1" in details.inner_text()
    assert "“Talks in Astana” · Reuters · article a1 · extracted · cue: backs" in details.inner_text()
    tab.page.screenshot(path=str(artifacts / "map-evidence.png"))
    assert tab.requests == [] and tab.errors == []


def test_clicking_an_actor_lists_its_ties_strongest_first(page_of):
    g = syria()
    tab = page_of(g)
    x, y = tab.js("""() => { const n = window.netvizMap.network;
        const p = n.canvasToDOM(n.getPositions(['TUR']).TUR); return [p.x, p.y]; }""")
    click_in_network(tab, x, y)
    details = tab.page.locator("#nv-details")
    assert details.locator("h2").inner_text().strip() == "Turkey"
    partners = [t.split("\n")[0].strip() for t in details.locator("li button").all_inner_texts()]
    # equal weights (Russia and the United States: 5) in the order of their tie ids
    by_weight = sorted(g["TUR"], key=lambda n: (-g.edges["TUR", n]["weight"], edge_id("TUR", n)))
    assert partners == [g.nodes[n]["label"] for n in by_weight]
    details.locator("li button").first.click()  # a tie in the list opens its evidence
    assert details.locator("h2").inner_text().strip() == "Turkey — Syrian Kurdish forces"


def test_the_search_box_finds_an_actor(page_of):
    tab = page_of(syria())
    tab.page.locator("#nv-search").fill("Syrian Kurdish forces (YPG)")
    tab.page.locator("#nv-search").dispatch_event("change")
    assert tab.js("window.netvizMap.network.getSelectedNodes()") == ["YPG"]
    assert tab.page.locator("#nv-details h2").inner_text().strip() == "Syrian Kurdish forces"


def test_a_larger_map_with_physics_on_still_loads_offline(page_of):
    relations = [rel(f"A{i:02d}", f"A{(i * 7 + 3) % 60:02d}", 1 if i % 3 else -1, 1 + i % 9, sentence=f"s{i}")
                 for i in range(60) if i != (i * 7 + 3) % 60]
    g = snapshot(relations, day=date(2018, 4, 21))
    tab = page_of(g, physics=True)
    assert tab.js("window.netvizMap.edges.length") == g.number_of_edges()
    assert tab.requests == [] and tab.errors == []


def test_the_index_page_opens_offline(tmp_path, open_page):
    g = syria()
    render_map(g, tmp_path / "2017-01-08.html", positions=compute_layout([g]))
    index = render_index([index_entry(g, "2017-01-08.html")], tmp_path / "index.html")
    tab = open_page(index, ready=False)
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="map").click()
    tab.page.wait_for_selector(READY, state="attached")
    assert tab.page.title() == "Alliance map — 2017-01-08"
    assert tab.requests == [] and tab.errors == []


# ---- a whole site, from disk, at desktop and phone size ----------------------------------------

SEEDS = Path(__file__).parent.parent / "data" / "articles"
SIZES = {"desktop": VIEWPORT, "phone": PHONE}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed articles built into a site: pages that load data/evidence.js from disk."""
    out = tmp_path_factory.mktemp("site")
    return pipeline.write_site(pipeline.build(SEEDS, cache_dir=out / ".cache", jobs=1), out)


def drawn_pixels(tab) -> int:
    """Pixels of the network canvas that are not blank: the map has really been drawn."""
    return tab.js("""() => { const c = document.querySelector('#nv-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
        return n; }""")


def free_tie(tab, handle: str):
    """DOM coordinates of the middle of the heaviest tie nothing else covers (no dot, no label: a tap on a
    label picks its actor), in the page's live network."""
    return tab.js("""(handle) => {
        const m = window[handle], pos = m.network.getPositions(), labels = m.labels();
        const ties = m.edgeView.get().filter(e => !e.ghost).sort((a, b) => (b.width || 0) - (a.width || 0));
        const box = document.getElementById('nv-network').getBoundingClientRect();
        for (const e of ties) {
            const a = pos[e.from], b = pos[e.to], c = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
            const p = m.network.canvasToDOM(c);
            if (p.x < 10 || p.y < 10 || p.x > box.width - 10 || p.y > box.height - 10) continue;
            if (labels.some(l => l.box[0] <= c.x && c.x <= l.box[2] && l.box[1] <= c.y && c.y <= l.box[3])) continue;
            if (m.network.getNodeAt(p) === undefined && m.network.getEdgeAt(p) === e.id) return [e.id, p.x, p.y];
        }
        return null;
    }""", handle)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", ["map", "diff", "timeline"])
def test_site_pages_draw_and_show_a_ties_evidence_at_desktop_and_phone_size(site, open_page, artifacts, kind, size):
    last = max(site.maps)
    path = {"map": site.maps[last], "diff": site.diffs[last], "timeline": site.timeline}[kind]
    viewport = SIZES[size]
    tab = open_page(path, viewport=viewport)
    network = tab.page.locator("#nv-network").bounding_box()
    assert network["width"] >= 0.9 * viewport["width"] if size == "phone" else network["width"] >= 700
    assert network["height"] >= 0.5 * viewport["height"]
    assert drawn_pixels(tab) > 2000
    handle = "netvizTimeline" if kind == "timeline" else "netvizMap"
    tie, x, y = free_tie(tab, handle)
    click_in_network(tab, x, y)
    panel = tab.page.locator("#selection" if kind == "timeline" else "#nv-details")
    quote = panel.locator("blockquote").first
    quote.wait_for(state="visible")
    assert quote.inner_text().strip()
    # on a phone the panel is a drawer that slides up over the map (0.2 s)
    for _ in range(30):
        box = quote.bounding_box()
        if box["y"] < viewport["height"]:
            break
        tab.page.wait_for_timeout(50)
    assert 0 <= box["y"] < viewport["height"] and box["x"] + box["width"] <= viewport["width"] + 1
    assert tab.page.locator("header").bounding_box()["y"] >= 0  # the page itself did not scroll away
    tab.page.screenshot(path=str(artifacts / f"site-{kind}-{size}.png"))
    assert tab.requests == [] and tab.errors == []


def test_a_site_page_without_its_data_folder_says_where_the_evidence_is(site, open_page, tmp_path):
    lonely = tmp_path / "copied.html"
    lonely.write_bytes(site.maps[max(site.maps)].read_bytes())  # mailed alone, without data/
    tab = open_page(lonely, ready=False)
    tab.page.wait_for_timeout(500)
    assert tab.js("window.netvizMap === undefined")  # nothing runs: its scripts are in data/
    assert "netviz map DATE --out FILE" in tab.page.locator("#nv-missing").inner_text()
    assert tab.requests == []


def test_hostile_text_in_a_sites_data_file_stays_text(tmp_path, open_page):
    from netviz.site.evidence import SharedEvidence, evidence_table, write_evidence_file
    from netviz.site.pages import write_site_assets

    g = hostile()
    write_evidence_file(evidence_table([g]), tmp_path / "data" / "evidence.js")
    write_site_assets(tmp_path / "data")
    page = render_map(g, tmp_path / "map.html", positions=compute_layout([g]), shared=SharedEvidence("data/", 0))
    tab = open_page(page)
    _, x, y = midpoint_of_a_free_edge(tab, "TUR--YPG")
    click_in_network(tab, x, y)
    details = tab.page.locator("#nv-details")
    assert f"Turkey shelled {XSS[1]} YPG positions {XSS[2]}." in details.inner_text()
    assert details.locator("a").count() == 0  # the javascript: URL is no link
    assert tab.js("window.__pwned") is None and tab.js("document.querySelectorAll('img').length") == 0
    assert tab.requests == [] and tab.errors == []


# ---- what the first view draws: labels a reader can read, camps, the drawer on a phone ---------

def drawing(tab, handle: str = "netvizMap") -> dict:
    """What the page drew once the zoom settled: its labels (boxes in canvas units), the shown
    actors (position, radius, bloc, strength) and ties, and the zoom."""
    tab.page.wait_for_timeout(400)  # dots and dashes are restyled once the zoom settles
    return tab.js("""(handle) => {
        const m = window[handle], pos = m.network.getPositions();
        const actors = {};
        for (const n of m.nodeView.get()) actors[n.id] = {x: pos[n.id].x, y: pos[n.id].y, r: m.nodes.get(n.id).size};
        const data = document.getElementById('netviz-data');
        if (data) {
            const page = JSON.parse(data.textContent);
            for (const id of Object.keys(actors)) Object.assign(actors[id], {bloc: page.actors[id].bloc, strength: page.actors[id].strength});
        }
        return {labels: m.labels(), actors, scale: m.network.getScale(),
                ties: m.edgeView.get().map(e => [e.from, e.to, e.width, e.dashes])};
    }""", handle)


def crosses(p, q, box) -> bool:
    """Does the segment p-q cross the box (x0, y0, x1, y1)? (Liang-Barsky clipping)"""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for pk, qk in ((-dx, p[0] - box[0]), (dx, box[2] - p[0]), (-dy, p[1] - box[1]), (dy, box[3] - p[1])):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def edge_distance(dot: dict, box) -> float:
    dx = max(box[0] - dot["x"], 0, dot["x"] - box[2])
    dy = max(box[1] - dot["y"], 0, dot["y"] - box[3])
    return max(0.0, (dx * dx + dy * dy) ** 0.5 - dot["r"])


def assert_labels_cover_nothing(drawn: dict) -> None:
    """No two labels overlap, none lies on a dot that is not its own, none crosses a tie it is not
    part of (the strongest actors' labels may, on a white plate that interrupts the tie), and no
    other dot is nearer a label than its own (bloc cores, in bold, excepted)."""
    labels, actors = drawn["labels"], drawn["actors"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a["box"][0] < b["box"][2] and b["box"][0] < a["box"][2] and
                        a["box"][1] < b["box"][3] and b["box"][1] < a["box"][3]), (a["text"], b["text"])
        box = a["box"]
        for other, dot in actors.items():
            if other == a["id"]:
                continue
            nearest_x, nearest_y = min(max(dot["x"], box[0]), box[2]), min(max(dot["y"], box[1]), box[3])
            assert (nearest_x - dot["x"]) ** 2 + (nearest_y - dot["y"]) ** 2 >= dot["r"] ** 2 - 1e-6, (a["text"], other)
        if not a["bold"]:
            own = edge_distance(actors[a["id"]], box)
            nearer = [other for other, dot in actors.items() if other != a["id"] and edge_distance(dot, box) < own - 1e-6]
            assert not nearer, (a["text"], nearer)
        if not a["plate"]:
            for u, v, *_ in drawn["ties"]:
                if a["id"] not in (u, v):
                    assert not crosses((actors[u]["x"], actors[u]["y"]), (actors[v]["x"], actors[v]["y"]), box), \
                        (a["text"], u, v)


def inked_pixels(tab, box) -> int:
    """Dark pixels of the network canvas inside a label box (canvas units): the label is really drawn."""
    return tab.js("""(box) => {
        const n = window.netvizMap.network, c = document.querySelector('#nv-network canvas');
        const ratio = c.width / c.clientWidth, a = n.canvasToDOM({x: box[0], y: box[1]}), b = n.canvasToDOM({x: box[2], y: box[3]});
        const x = Math.floor(a.x * ratio), y = Math.floor(a.y * ratio);
        const d = c.getContext('2d').getImageData(x, y, Math.ceil((b.x - a.x) * ratio), Math.ceil((b.y - a.y) * ratio)).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] < 90 && d[i + 1] < 90 && d[i + 2] < 90) dark++;
        return dark;
    }""", box)


def strongest_of_each_bloc(actors: dict) -> set[str]:
    """The strongest member of every bloc of two or more actors and 2% of the aligned ones (netviz.js
    labelOrder: a bloc of a handful among thousands names no camp a reader looks for first)."""
    best: dict = {}
    for a, d in actors.items():
        if d.get("bloc") is not None and (d["bloc"] not in best or (d["strength"], a) > best[d["bloc"]][0]):
            best[d["bloc"]] = ((d["strength"], a), a)
    counts: dict = {}
    for d in actors.values():
        counts[d.get("bloc")] = counts.get(d.get("bloc"), 0) + 1
    aligned = sum(n for bloc, n in counts.items() if bloc is not None)
    return {a for bloc, (_, a) in best.items() if counts[bloc] >= max(2, 0.02 * aligned)}


def camps(n: int, groups: int = 4, seed: int = 1) -> nx.Graph:
    """``n`` actors with country-like names in ``groups`` camps: allies inside, foes across, blocs given."""
    import random

    rnd = random.Random(seed)
    ids = [f"C{i:03d}" for i in range(n)]
    names = {a: f"{rnd.choice(['North', 'South', 'East', 'West', 'Upper', 'New'])} {a[1:]}land" for a in ids}
    relations = []
    for i, a in enumerate(ids):
        for _ in range(4):
            b = rnd.choice(ids)
            if b == a:
                continue
            same = ids.index(b) % groups == i % groups
            relations.append(rel(a, b, 1 if same else -1, rnd.choice([2, 3, 5, 8]), sentence=f"{a} {b}"))
    return snapshot(relations, labels=names, blocs={a: i % groups for i, a in enumerate(ids)})


@pytest.mark.parametrize("size", SIZES)
def test_the_first_view_labels_the_strongest_actors_readably_and_over_nothing(site, open_page, artifacts, size):
    tab = open_page(site.maps[max(site.maps)], viewport=SIZES[size])
    drawn = drawing(tab)
    labelled = {label["id"] for label in drawn["labels"]}
    # each bloc's strongest member is named at first sight, in type at least 11 px high on screen
    assert strongest_of_each_bloc(drawn["actors"]) <= labelled
    assert len(labelled) >= (0.8 * len(drawn["actors"]) if size == "desktop" else 6)
    assert all((label["box"][3] - label["box"][1]) * drawn["scale"] >= 15 for label in drawn["labels"])
    assert_labels_cover_nothing(drawn)
    assert inked_pixels(tab, drawn["labels"][0]["box"]) > 20
    assert tab.errors == []


def test_a_map_of_a_hundred_actors_is_labelled_at_its_fitted_zoom(page_of, artifacts):
    g = camps(120)
    tab = page_of(g)
    drawn = drawing(tab)
    # vis-network alone would draw no label here: 14 px type times this zoom is under its 5 px threshold
    assert 14 * drawn["scale"] < 5
    labelled = {label["id"] for label in drawn["labels"]}
    assert strongest_of_each_bloc(drawn["actors"]) <= labelled and len(labelled) >= 15
    assert_labels_cover_nothing(drawn)
    # dots, tie widths and dashes stay visible on screen at this zoom
    assert min(a["r"] for a in drawn["actors"].values()) * drawn["scale"] >= 2.9
    assert min(width for *_, width, _ in drawn["ties"]) * drawn["scale"] >= 0.74
    dashed = [dashes for *_, dashes in drawn["ties"] if dashes]
    assert dashed and all(dashes[0] * drawn["scale"] >= 9.9 for dashes in dashed)
    # a click on a label opens its actor, as a click on its dot does
    label = drawn["labels"][0]
    x, y = tab.js("(b) => { const p = window.netvizMap.network.canvasToDOM({x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2}); return [p.x, p.y]; }",
                  label["box"])
    click_in_network(tab, x, y)
    assert tab.page.locator("#nv-details h2").inner_text().strip() == label["text"]
    tab.page.screenshot(path=str(artifacts / "map-120-actors.png"))
    assert tab.errors == []


@pytest.mark.parametrize("kind", ["map", "diff"])
def test_on_a_phone_the_drawer_is_a_bar_until_a_tie_is_tapped(site, open_page, artifacts, kind):
    last = max(site.maps)
    tab = open_page({"map": site.maps[last], "diff": site.diffs[last]}[kind], viewport=PHONE)
    network = tab.page.locator("#nv-network").bounding_box()
    panel = tab.page.locator("#nv-panel")
    # closed, the map keeps most of the screen and the drawer is a bar at its foot
    assert network["height"] >= 0.7 * PHONE["height"] and network["width"] == PHONE["width"]
    assert PHONE["height"] - panel.bounding_box()["y"] <= 60
    assert tab.page.locator("#nv-details").is_hidden() or not tab.page.locator("#nv-details").is_visible()
    before = tab.js("window.netvizMap.network.getViewPosition()")
    tie, x, y = free_tie(tab, "netvizMap")
    click_in_network(tab, x, y)
    quote = tab.page.locator("#nv-details blockquote").first
    quote.wait_for(state="visible")
    tab.page.wait_for_timeout(300)  # the drawer slides up (0.2 s)
    top = panel.bounding_box()["y"]
    assert PHONE["height"] * 0.4 <= top and quote.bounding_box()["y"] < PHONE["height"]
    # the tapped tie was moved into the part of the map above the drawer
    ends = tab.js("(id) => { const n = window.netvizMap.network, e = window.netvizMap.edges.get(id), p = n.getPositions([e.from, e.to]);"
                  " return n.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}); }", tie)
    assert 0 < ends["y"] + network["y"] < top
    label = tab.page.locator("#nv-drawer-title").inner_text()
    assert " — " in label  # the bar names the tie
    tab.page.screenshot(path=str(artifacts / f"site-{kind}-phone-open.png"))
    tab.page.locator("#nv-drawer-toggle").click()  # the bar closes it again, and the map is as it was
    tab.page.wait_for_timeout(300)
    assert PHONE["height"] - panel.bounding_box()["y"] <= 60
    assert tab.js("window.netvizMap.network.getViewPosition()") == pytest.approx(before)
    tab.page.screenshot(path=str(artifacts / f"site-{kind}-phone-closed.png"))
    assert tab.requests == [] and tab.errors == []


# ---- a site's pages rebuild their date from the site's history ---------------------------------

def archive_site(out: Path):
    """A site of six dates over 40 actors (more ties than a map first shows), with a 20-day window
    so that ties form, flip, strengthen, weaken and dissolve; and its snapshots."""
    import random
    from datetime import timedelta

    from netviz.graph.blocs import assign_steady_blocs
    from netviz.graph.snapshots import build_snapshots
    from netviz.ingest.actors import load_codebook
    from netviz.ingest.curated import Curated

    rng = random.Random(5)
    actors = [f"A{i:02d}" for i in range(40)]
    days = [date(2021, 1, 1) + timedelta(days=9 * i) for i in range(6)]
    rels = [rel(*rng.sample(actors, 2), rng.choice([1, 1, -1]), rng.uniform(1, 9), day=day,
                sentence=f"Sentence {k} of {day}.", article=f"a{k}")
            for k, day in enumerate(day for day in days for _ in range(160))]
    codebook = load_codebook()
    snaps = assign_steady_blocs(build_snapshots(rels, days, codebook=codebook, window=20))
    result = pipeline.Build((), tuple(rels), Curated(), codebook, pipeline.SnapshotOptions(window=20), snaps)
    return pipeline.write_site(result, out), snaps, out


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return archive_site(tmp_path_factory.mktemp("archive"))


def drawn(tab) -> dict:
    """What the page drew: its vis nodes and edges, and the ties, blocs and counts of its panel."""
    return tab.js("""() => { const m = window.netvizMap;
        return {nodes: m.graph.nodes, edges: m.graph.edges, data: m.data}; }""")


def expected(data: dict) -> dict:
    """The same figures from map_data (what a self-contained page of that date embeds)."""
    return {
        "nodes": {n["id"]: (n["x"], n["y"], n["size"], n["color"], n["label"]) for n in data["nodes"]},
        "edges": {e["id"]: (e["width"], e["color"], e["dashes"], e.get("arrows"), e.get("shadow")) for e in data["edges"]},
        "ties": {k: (t["weight"], t["sign"], t["count"], bool(t.get("first")), t.get("change"), t.get("before"), t.get("after"))
                 for k, t in data["ties"].items()},
        "blocs": data["blocs"],
        "first_view": data["first_view"],
    }


def test_dated_maps_and_diff_maps_of_a_site_draw_the_ties_of_their_date(archive, open_page, artifacts):
    from netviz.graph.analysis import structural_balance
    from netviz.graph.compare import compare_snapshots
    from netviz.graph.layout import read_layout
    from netviz.graph.steps import dated_steps
    from netviz.site.diffmap import diff_map_data
    from netviz.site.mapdata import map_data
    from netviz.site.sitedata import run_scale

    site, snaps, out = archive
    positions = read_layout(out / "layout.json").positions
    scale = run_scale(dated_steps(snaps))
    days = list(snaps)
    assert len(site.maps) == 6 and len(site.diffs) == 5
    assert max(p.stat().st_size for p in [*site.maps.values(), *site.diffs.values()]) < 20_000  # no tie state inside
    seen = set()
    for i, day in enumerate(days):
        G = snaps[day]
        tab = open_page(site.maps[day])
        got = drawn(tab)
        want = map_data(G, positions=positions, max_weight=scale.max_weight, max_strength=scale.max_strength,
                        contradictions=[t.actors for t in structural_balance(G).contradictions])
        assert expected({**got, "ties": got["data"]["ties"], "blocs": got["data"]["blocs"],
                         "first_view": got["data"]["first_view"]}) == expected(want)
        assert got["data"]["contradictions_total"] == want["contradictions_total"]
        assert tab.requests == [] and tab.errors == []
        if not i:
            continue
        tab = open_page(site.diffs[day])
        got = drawn(tab)
        before = snaps[days[i - 1]]
        want, _ = diff_map_data(compare_snapshots(before, G), before, G, positions=positions,
                                max_weight=scale.max_weight, max_strength=scale.max_strength)
        assert expected({**got, "ties": got["data"]["ties"], "blocs": got["data"]["blocs"],
                         "first_view": got["data"]["first_view"]}) == expected(want)
        seen |= {t["change"] for t in want["ties"].values()}
        assert tab.requests == [] and tab.errors == []
    assert {"formed", "dissolved", "flipped", "strengthened", "weakened", "unchanged"} <= seen
    assert want["first_view"] is not None  # the large-map first view is exercised too
    for size, viewport in SIZES.items():
        tab = open_page(site.diffs[days[-1]], viewport=viewport)
        tab.page.screenshot(path=str(artifacts / f"archive-diff-{size}.png"))
        tab = open_page(site.maps[days[-1]], viewport=viewport)
        tab.page.screenshot(path=str(artifacts / f"archive-map-{size}.png"))


def test_a_large_sites_evidence_is_read_in_shards_when_a_tie_is_opened(tmp_path, open_page, monkeypatch):
    monkeypatch.setattr("netviz.site.evidence.SHARD_RELATIONS", 100)
    site, snaps, out = archive_site(tmp_path)
    shards = sorted((out / "data").glob("evidence-*.js"))
    assert len(shards) > 5 and (out / "data" / "evidence.js").stat().st_size < 2_000  # an index of the shards
    last = max(site.maps)
    for path, handle, panel in ((site.maps[last], "netvizMap", "#nv-details"), (site.diffs[last], "netvizMap", "#nv-details"),
                                (site.timeline, "netvizTimeline", "#selection")):
        tab = open_page(path)
        tie, x, y = free_tie(tab, handle)
        click_in_network(tab, x, y)
        quote = tab.page.locator(panel).locator("blockquote").first
        quote.wait_for(state="visible")
        if path == site.maps[last]:  # the strongest sentence of that tie on that date
            assert quote.inner_text().strip() == snaps[last].edges[tie.split("--")]["evidence"][0].evidence.sentence
        loaded = tab.js("Object.keys(window.netvizEvidenceShards || {})")
        assert len(loaded) == 1  # only the shard of that tie
        assert tab.requests == [] and tab.errors == []


def test_a_site_maps_legend_sums_up_what_joins_its_blocs_as_a_self_contained_map_does(tmp_path, open_page):
    import random

    from netviz.graph.blocs import assign_steady_blocs
    from netviz.graph.snapshots import build_snapshots
    from netviz.ingest.actors import load_codebook
    from netviz.ingest.curated import Curated
    from netviz.site.mapdata import map_data
    from netviz.site.render import LEGEND_BLOC_PAIRS, bloc_pairs

    # three camps of ten: allies inside, foes across
    rng = random.Random(3)
    actors = [f"A{i:02d}" for i in range(30)]
    day = date(2021, 1, 1)
    rels = []
    for k in range(200):
        a, b = rng.sample(actors, 2)
        same = int(a[1:]) % 3 == int(b[1:]) % 3
        rels.append(rel(a, b, 1 if same else -1, rng.uniform(1, 9), day=day, sentence=f"S{k}.", article=f"a{k}"))
    codebook = load_codebook()
    snaps = assign_steady_blocs(build_snapshots(rels, [day], codebook=codebook))
    result = pipeline.Build((), tuple(rels), Curated(), codebook, pipeline.SnapshotOptions(), snaps)
    site = pipeline.write_site(result, tmp_path)
    page = render_map(snaps[day], tmp_path / "alone.html", positions=compute_layout(list(snaps.values())))
    texts = {}
    for name, path in (("site", site.maps[day]), ("self-contained", page)):
        tab = open_page(path)
        texts[name] = tab.page.locator("#nv-legend .nv-between li").all_inner_texts()
        assert tab.errors == []
    assert texts["site"] == texts["self-contained"]
    data = map_data(snaps[day], positions=compute_layout([snaps[day]]))
    assert len(texts["site"]) == len(bloc_pairs(data["ties"], data["actors"])) == 3 <= LEGEND_BLOC_PAIRS  # three camps
