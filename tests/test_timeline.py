"""The timeline page: its data (union graph plus per-date steps), its escaping, and the page in Chromium."""

from __future__ import annotations

import copy
import json
import math
import os
import tempfile
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from netviz.actors import Actor, Codebook
from netviz.curated import Curated
from netviz.errors import NetvizError
from netviz.model import ORIGINS, Evidence, Relation
from netviz.snapshots import build_snapshots
from netviz.timeline import render_timeline, timeline_data

D1, D2, D3, D4 = date(2017, 1, 8), date(2017, 3, 8), date(2017, 6, 9), date(2018, 5, 10)
ARTIFACTS = Path(__file__).parent / "artifacts"
KNOWN_SENTENCE = "Moscow and Ankara signed a pipeline accord on Sunday."


def rel(a, b, sign, day, intensity=5.0, *, sentence=None, cue="backs", title=None, url=None, origin="extracted", **kw):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    text = sentence or f"{a} {cue} {b}, officials said on {day}."
    start = text.find(cue)
    ev = Evidence(
        sentence=text, cue=cue, article=f"{day}-{a}-{b}", title=title or f"{a} and {b} on {day}",
        outlet="Example Wire", url=url, cue_start=start if start >= 0 else None,
        cue_end=start + len(cue) if start >= 0 else None,
    )
    return Relation(a, b, sign, kind, intensity, day, origin, ev, **kw)


CODEBOOK = Codebook([
    Actor("RUS", "Russia", "state", ("Russian", "Kremlin", "Moscow")),
    Actor("TUR", "Turkey", "state", ("Turkish", "Ankara", "Türkiye")),
    Actor("USA", "United States", "state", ("US", "Washington")),
    Actor("SYR", "Syria", "state", ("Syrian", "Damascus")),
    Actor("IRN", "Iran", "state", ("Iranian", "Tehran")),
    Actor("QAT", "Qatar", "state", ("Qatari", "Doha")),
    Actor("SAU", "Saudi Arabia", "state", ("Saudi", "Riyadh")),
    Actor("HTS", "Hayat Tahrir al-Sham", "armed_group", ("HTS",)),
])


def relations():
    return [
        rel("RUS", "TUR", 1, D1, 6, sentence=KNOWN_SENTENCE, cue="signed", url="https://example.org/accord"),
        rel("USA", "TUR", 1, D1, 4),
        rel("USA", "RUS", -1, D1, 7, cue="sanctioned"),
        rel("USA", "TUR", -1, D2, 9, cue="condemned"),  # flips USA-TUR on D2
        rel("IRN", "SYR", 1, D2, 5, url="javascript:alert(1)"),
        rel("HTS", "SYR", -1, D2, 8, cue="attacked"),
        rel("QAT", "SAU", -1, D3, 8, cue="blockaded"),
        rel("TUR", "QAT", 1, D3, 4, confidence=0.5),
        rel("USA", "IRN", -1, D4, 9, cue="sanctioned"),
        rel("IRN", "TUR", 1, D4, 3),
    ]


CURATED = Curated(relations=(
    Relation("RUS", "SYR", 1, "material_cooperation", 7, D1, "curated",
             Evidence(sentence="Russian air campaign in support of the Syrian government (Reuters, 2015-09-30).", cue="intervention"),
             valid_from=D1, valid_to=D2),
))


@pytest.fixture(scope="module")
def snapshots():
    # per date with curated validity: ties form, flip and dissolve
    return build_snapshots(relations(), [D1, D2, D3, D4], curated=CURATED, codebook=CODEBOOK, window=120)


@pytest.fixture(scope="module")
def page(snapshots, tmp_path_factory):
    return render_timeline(snapshots, tmp_path_factory.mktemp("timeline") / "timeline.html", codebook=CODEBOOK)


# ---- the data -------------------------------------------------------------------

def replay(data):
    """Rebuild every date's ties from the steps, as the page script does."""
    fields = data["fields"]["tie"]
    n = len(fields)
    ties: dict[int, tuple[dict, Counter]] = {}
    for step in data["steps"]:
        for row in step["ties"]["add"]:
            ties[row[0]] = (dict(zip(fields, row[1:n + 1])), Counter(row[n + 1]))
        for row in step["ties"]["set"]:
            evidence = ties[row[0]][1] + Counter(row[n + 1]) - Counter(row[n + 2])
            ties[row[0]] = (dict(zip(fields, row[1:n + 1])), evidence)
        for t in step["ties"]["del"]:
            del ties[t]
        yield {t: (state, sorted(ev.elements())) for t, (state, ev) in ties.items()}


def test_replaying_the_steps_gives_every_snapshot_with_its_evidence(snapshots):
    positions = {a: (float(i), 0.0) for i, a in enumerate(sorted({n for G in snapshots.values() for n in G}))}
    data = timeline_data(snapshots, positions)
    actor_ids = [a[0] for a in data["actors"]]
    rel_fields = data["fields"]["relation"]
    for G, state in zip(snapshots.values(), replay(data), strict=True):
        got = {}
        for t, (attrs, evidence) in state.items():
            u, v = (actor_ids[i] for i in data["ties"][t])
            sentences = [dict(zip(rel_fields, data["relations"][r]))["sentence"] for r in evidence]
            got[(u, v)] = (attrs["weight"], attrs["sign"], attrs["count"], sentences)
        want = {
            tuple(sorted((u, v))): (d["weight"], d["sign"], d["count"], [r.evidence.sentence for r in d["evidence"]])
            for u, v, d in G.edges(data=True)
        }
        assert got == want
        origins = {t: [o for i, o in enumerate(ORIGINS) if s["origins"] >> i & 1] for t, (s, _) in state.items()}
        assert sorted(map(tuple, origins.values())) == sorted(d["origins"] for *_, d in G.edges(data=True))


def test_each_relation_and_article_is_stored_once(snapshots, page):
    data = timeline_data(snapshots, {n: (0.0, 0.0) for G in snapshots.values() for n in G})
    distinct = {r for G in snapshots.values() for *_, ev in G.edges(data="evidence") for r in ev}
    assert len(data["relations"]) == len(distinct)
    html = page.read_text(encoding="utf-8")
    assert html.count(KNOWN_SENTENCE) == 1  # the RUS-TUR tie lasts three dates
    # a tie present on several dates is added once and then only changed
    added = Counter(row[0] for step in data["steps"] for row in step["ties"]["add"])
    assert max(added.values()) == 1


def test_changes_between_dates_name_formed_flipped_and_dissolved_ties(snapshots):
    data = timeline_data(snapshots, {n: (0.0, 0.0) for G in snapshots.values() for n in G})
    actor_ids = [a[0] for a in data["actors"]]
    name = lambda t: "-".join(actor_ids[i] for i in data["ties"][t])  # noqa: E731
    d2 = data["steps"][1]["changes"]
    assert [(name(t), old, new) for t, old, new in d2["flipped"]] == [("TUR-USA", 1, -1)]
    assert ("IRN-SYR", 1) in [(name(t), s) for t, s in d2["formed"]]
    d3 = data["steps"][2]["changes"]
    assert ("RUS-SYR", 1) in [(name(t), s) for t, s in d3["dissolved"]]  # the curated relation expired


def test_cue_spans_are_javascript_offsets_and_only_http_urls_are_kept():
    text = "Talks \U0001F91D ended; Moscow signed the deal."
    r = rel("RUS", "TUR", 1, D1, sentence=text, cue="signed", url="javascript:alert(1)")
    data = timeline_data(build_snapshots([r], [D1]), {"RUS": (0.0, 0.0), "TUR": (1.0, 0.0)})
    row = dict(zip(data["fields"]["relation"], data["relations"][0]))
    js = text.encode("utf-16-le")
    assert js[2 * row["cue_start"]:2 * row["cue_end"]].decode("utf-16-le") == "signed"
    assert data["articles"][0][3] is None


def test_the_page_is_byte_identical_for_the_same_input_and_leaves_the_graphs_alone(snapshots, tmp_path):
    before = [(copy.deepcopy(dict(G.nodes(data=True))), copy.deepcopy(list(G.edges(data=True))), dict(G.graph)) for G in snapshots.values()]
    a = render_timeline(snapshots, tmp_path / "a.html", codebook=CODEBOOK)
    b = render_timeline(dict(reversed(list(snapshots.items()))), tmp_path / "sub" / "b.html", codebook=CODEBOOK)
    assert a.read_bytes() == b.read_bytes()
    after = [(dict(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)) for G in snapshots.values()]
    assert before == after


@pytest.mark.parametrize("bad, message", [
    ({}, "no snapshots"),
    ([nx.Graph()], "mapping"),
    ({"2017-01-08": nx.Graph()}, "not a datetime.date"),
    ({D1: nx.DiGraph()}, "undirected"),
    ({D1: nx.Graph([(1, 2)])}, "not a string"),
    ({D1: nx.Graph([("A", "B")])}, "has no 'weight'"),
])
def test_bad_input_raises_netviz_error(bad, message, tmp_path):
    with pytest.raises(NetvizError, match=message):
        render_timeline(bad, tmp_path / "t.html")


def test_missing_positions_are_named(snapshots, tmp_path):
    with pytest.raises(NetvizError, match="no position for actor"):
        render_timeline(snapshots, tmp_path / "t.html", positions={"RUS": (0.0, 0.0)})


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data_json = None
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in_data = tag == "script" and attrs.get("type") == "application/json"

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_json = data


def test_the_page_is_one_file_with_its_data_as_escaped_json(page, snapshots):
    html = page.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "link" not in tags and "iframe" not in tags
    assert all("src" not in attrs for t, attrs in parser.tags if t in ("script", "img"))
    assert tags.count("script") == 3  # data, vis-network, ours: nothing else
    data = json.loads(parser.data_json)
    assert data["dates"] == [d.isoformat() for d in snapshots]
    assert not any(c in parser.data_json for c in "<>&\u2028\u2029")


# ---- in Chromium ----------------------------------------------------------------

BAD = "<img src=x onerror=\"window.__pwned=1\">"
BAD_SCRIPT = "</script><script>window.__pwned=2</script>"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed")
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Debian chromium at /usr/bin/chromium")
        pytest.skip("no /usr/bin/chromium")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="netviz-chromium-"),
            executable_path="/usr/bin/chromium",
            headless=True,
            viewport={"width": 1440, "height": 900},
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield context
        context.close()


class Tab:
    """A page open in Chromium, with every non-file request blocked and recorded, and every console error kept."""

    def __init__(self, context, path: Path):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.netvizTimeline !== undefined")

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def go(self, index):
        self.page.locator("#slider").fill(str(index))
        self.page.wait_for_function("i => window.netvizTimeline.current() === i", arg=index)

    def live_ties(self):
        return self.js("""() => window.netvizTimeline.edges.get({filter: e => !e.ghost})
            .map(e => [[e.from, e.to].sort().join('-'), e.sign, e.weight])""")

    def click_canvas_point(self, x, y):
        """Click the network at canvas coordinates (x, y)."""
        dom = self.js("([x, y]) => window.netvizTimeline.network.canvasToDOM({x, y})", [x, y])
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])

    def close(self):
        self.page.close()


@pytest.fixture
def tab(browser, page):
    t = Tab(browser, page)
    yield t
    t.close()


def test_the_page_loads_offline_without_errors(tab):
    assert tab.requests == []
    assert tab.errors == []
    assert tab.page.locator("#date-heading").text_content() == D4.isoformat()


def test_each_date_shows_exactly_the_ties_of_its_snapshot_with_fixed_positions(tab, snapshots):
    first_positions = None
    for i, (day, G) in reversed(list(enumerate(snapshots.items()))):  # backwards, then forwards again
        tab.go(i)
        want = sorted(["-".join(sorted((u, v))), d["sign"], d["weight"]] for u, v, d in G.edges(data=True))
        assert sorted(tab.live_ties()) == want
        assert sorted(tab.js("() => window.netvizTimeline.nodes.getIds({filter: n => !n.ghost})")) == sorted(G.nodes)
        assert tab.page.locator("#date-heading").text_content() == day.isoformat()
        assert tab.page.locator("#counts").text_content().startswith(f"{G.number_of_nodes()} actors · {G.number_of_edges()} ties")
        positions = tab.js("() => window.netvizTimeline.network.getPositions()")
        if first_positions is None:
            first_positions = positions
        for actor, xy in positions.items():
            assert first_positions.get(actor, xy) == xy
    for i in range(len(snapshots)):
        tab.go(i)
        assert sorted(tab.live_ties()) == sorted(["-".join(sorted((u, v))), d["sign"], d["weight"]]
                                                 for u, v, d in list(snapshots.values())[i].edges(data=True))
    assert tab.errors == []


def test_buttons_and_arrow_keys_step_through_dates(tab):
    heading = tab.page.locator("#date-heading")
    tab.page.locator("#prev").click()
    assert heading.text_content() == D3.isoformat()
    tab.page.locator("#network").click(position={"x": 5, "y": 5})
    tab.page.keyboard.press("ArrowLeft")
    tab.page.keyboard.press("ArrowLeft")
    assert heading.text_content() == D1.isoformat()
    assert tab.page.locator("#prev").is_disabled()
    tab.page.keyboard.press("ArrowRight")
    assert heading.text_content() == D2.isoformat()
    tab.page.locator("#next").click()
    assert heading.text_content() == D3.isoformat()


def test_changes_since_the_previous_date_are_listed_and_highlighted(tab):
    tab.go(1)
    items = tab.page.locator("#changes .change").all_text_contents()
    assert "flippedTUR-USA + to −" in items
    assert "formedIRN-SYR +" in items
    edge = tab.js("() => window.netvizTimeline.edges.get('t' + window.netvizTimeline.edges.get().find(e => e.from === 'TUR' && e.to === 'USA').tie)")
    assert edge["shadow"]["enabled"] is True
    tab.go(2)
    ghost = tab.js("() => window.netvizTimeline.edges.get({filter: e => e.ghost}).map(e => [e.from, e.to].sort().join('-'))")
    assert "RUS-SYR" in ghost
    assert any(t.startswith("dissolved") and "RUS-SYR" in t for t in tab.page.locator("#changes .change").all_text_contents())


def test_clicking_a_tie_shows_its_evidence_with_the_cue_highlighted_and_a_safe_link(tab):
    tab.go(0)
    pos = tab.js("() => window.netvizTimeline.network.getPositions(['RUS', 'TUR'])")
    tab.click_canvas_point((pos["RUS"]["x"] + pos["TUR"]["x"]) / 2, (pos["RUS"]["y"] + pos["TUR"]["y"]) / 2)
    panel = tab.page.locator("#selection")
    assert KNOWN_SENTENCE in panel.locator(".ev-sentence").first.text_content()
    assert panel.locator(".ev-sentence mark").first.text_content() == "signed"
    assert "material cooperation" in panel.text_content() and "confidence 1" in panel.text_content()
    link = panel.locator(".ev-source a").first
    assert link.get_attribute("href") == "https://example.org/accord"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # the IRN-SYR article has a javascript: URL: its title is shown as plain text
    tab.go(1)
    tab.page.locator("#changes .change", has_text="IRN-SYR").click()
    assert panel.locator(".ev-source").first.text_content().startswith("IRN and SYR")
    assert panel.locator(".ev-source a").count() == 0


def test_clicking_an_actor_lists_its_ties_strongest_first(tab, snapshots):
    tab.go(1)
    pos = tab.js("() => window.netvizTimeline.network.getPositions(['TUR'])")["TUR"]
    tab.click_canvas_point(pos["x"], pos["y"])
    rows = tab.page.locator("#selection .item .grow").all_text_contents()
    G = snapshots[D2]
    want = sorted(G["TUR"], key=lambda n: -G.edges["TUR", n]["weight"])
    assert rows == [f"{G.nodes[n]['label']} ({n})" for n in want]


def test_curated_evidence_shows_its_citation(tab):
    tab.go(0)
    tab.page.locator("#search").fill("Damascus")
    tab.page.locator("#search").press("Enter")
    tab.page.locator("#selection .item", has_text="Russia").click()
    assert "Citation (curated, valid 2017-01-08 to 2017-03-08)" in tab.page.locator("#selection").text_content()


def test_the_search_box_finds_an_actor_by_alias_and_focuses_it(tab):
    tab.go(3)
    tab.page.locator("#search").fill("tehran")
    tab.page.locator("#search").press("Enter")
    tab.page.wait_for_timeout(500)  # the focus animation
    assert tab.js("() => window.netvizTimeline.network.getSelectedNodes()") == ["IRN"]
    centre = tab.js("() => window.netvizTimeline.network.getViewPosition()")
    node = tab.js("() => window.netvizTimeline.network.getPositions(['IRN']).IRN")
    assert math.dist((centre["x"], centre["y"]), (node["x"], node["y"])) < 1
    assert tab.page.locator("#selection h3").text_content() == "Iran (IRN)"
    # an actor absent on this date offers the nearest date it has ties
    tab.page.locator("#search").fill("Hayat")
    tab.page.locator("#search").press("Enter")
    assert "no ties on 2018-05-10" in tab.page.locator("#search-result").text_content()
    tab.page.locator("#search-result button").click()
    assert tab.page.locator("#date-heading").text_content() == D3.isoformat()  # the 120-day window keeps HTS on D3
    assert tab.js("() => window.netvizTimeline.network.getSelectedNodes()") == ["HTS"]


def test_filters_hide_ties_by_sign_weight_origin_and_actor_type(tab):
    tab.go(1)
    shown = lambda: sorted(tab.js("() => window.netvizTimeline.edgeView.get({filter: e => !e.ghost}).map(e => e.sign)"))  # noqa: E731
    tab.page.locator("#filter-sign input[value='-1']").uncheck()
    assert shown() and -1 not in shown()
    tab.page.locator("#filter-sign input[value='-1']").check()
    tab.page.locator("#filter-origin input[value='curated']").uncheck()
    assert "RUS-SYR" not in tab.js("() => window.netvizTimeline.edgeView.get().map(e => [e.from, e.to].sort().join('-'))")
    tab.page.locator("#filter-origin input[value='curated']").check()
    tab.page.locator("#filter-type input[value='armed_group']").uncheck()
    assert "HTS" not in tab.js("() => window.netvizTimeline.nodeView.getIds()")
    tab.page.locator("#min-weight").fill("8")
    assert all(w >= 8 for w in tab.js("() => window.netvizTimeline.edgeView.get().map(e => e.weight)"))
    assert "(" in tab.page.locator("#counts").text_content()  # "(x and y shown)"


def test_a_screenshot_for_people_to_look_at(tab):
    ARTIFACTS.mkdir(exist_ok=True)
    tab.go(1)
    tab.page.locator("#changes .change[data-kind=flipped]").click()
    tab.page.wait_for_timeout(400)
    tab.page.screenshot(path=str(ARTIFACTS / "timeline.png"))
    assert tab.errors == []


def test_markup_from_articles_and_actor_names_never_runs(browser, tmp_path):
    codebook = Codebook([
        Actor("EVL", BAD, "state", (BAD_SCRIPT,)),
        Actor("RUS", "Russia", "state", ()),
    ])
    rels = [
        rel("EVL", "RUS", 1, D1, sentence=f"Evil {BAD} signed {BAD_SCRIPT} a deal.", cue="signed",
            title=BAD_SCRIPT, url="javascript:window.__pwned=4"),
        rel("EVL", "RUS", -1, D2, sentence="<script>window.__pwned=5</script> clashed.", cue="clashed",
            title=BAD, url=f"https://example.org/{BAD}"),
    ]
    snaps = build_snapshots(rels, [D1, D2], codebook=codebook)
    path = render_timeline(snaps, tmp_path / "evil.html", codebook=codebook, title=BAD_SCRIPT)
    tab = Tab(browser, path)
    try:
        for i in (0, 1):
            tab.go(i)
            pos = tab.js("() => window.netvizTimeline.network.getPositions(['EVL', 'RUS'])")
            tab.click_canvas_point((pos["EVL"]["x"] + pos["RUS"]["x"]) / 2, (pos["EVL"]["y"] + pos["RUS"]["y"]) / 2)
            assert "Evil" in tab.page.locator("#selection").text_content() or "clashed" in tab.page.locator("#selection").text_content()
            tab.page.mouse.move(0, 0)
            tab.click_canvas_point(pos["EVL"]["x"], pos["EVL"]["y"])
            tab.page.wait_for_timeout(300)  # a tooltip would show on hover
        tab.page.locator("#search").fill(BAD_SCRIPT)
        tab.page.locator("#search").press("Enter")
        assert tab.js("() => window.__pwned") is None
        assert tab.page.locator("img").count() == 0
        assert tab.dialogs == [] and tab.requests == [] and tab.errors == []
        assert BAD in tab.page.locator("#selection").text_content() or BAD_SCRIPT in tab.page.locator("#selection").text_content()
        assert tab.page.locator("h1").text_content() == BAD_SCRIPT
    finally:
        tab.close()
