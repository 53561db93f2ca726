"""The diff map: two snapshots on one offline page, ties styled by their change."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser

import networkx as nx
from test_browser import click_in_network, midpoint_of_a_free_edge

from netviz.graph.compare import compare_snapshots
from netviz.graph.layout import compute_layout
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation
from netviz.site.diffmap import CHANGE_STYLES, render_diff_map
from netviz.site.palette import SIGN_COLORS, SIGN_DASHES

D1, D2 = date(2017, 1, 8), date(2017, 3, 8)


def rel(a, b, sign, day, intensity, sentence):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(sentence=sentence, cue="cue", article=f"art-{day}", start=0, end=len(sentence))
    return Relation(a, b, sign, kind, intensity, day, "extracted", ev)


def two_dates() -> tuple[nx.Graph, nx.Graph]:
    """TUR-USA flips, RUS-TUR forms, RUS-SYR strengthens, ISIS-USA stays; per date, so USA-FRA dissolves."""
    rels = [
        rel("TUR", "USA", 1, D1, 6, "Turkey and the United States agreed to cooperate."),
        rel("USA", "FRA", 1, D1, 5, "France and the United States signed a pact."),
        rel("RUS", "SYR", 1, D1, 4, "Russia backs Syria."),
        rel("USA", "ISIS", -1, D1, 8, "The United States struck the Islamic State."),
        rel("TUR", "USA", -1, D2, 9, "Turkey threatened the United States <img src=x onerror=alert(1)>."),
        rel("RUS", "TUR", 1, D2, 7, "Russia and Turkey signed a defence deal."),
        rel("RUS", "SYR", 1, D2, 9, "Russia sent jets to Syria."),
        rel("USA", "ISIS", -1, D2, 8, "The United States struck the Islamic State again."),
    ]
    snaps = build_snapshots(rels, [D1, D2], per_date=True)
    return snaps[D1], snaps[D2]


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.current, self.blocks, self.tags = None, {}, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.current = dict(attrs).get("id") if tag == "script" else None

    def handle_data(self, data):
        if self.current:
            self.blocks[self.current] = self.blocks.get(self.current, "") + data


def page(tmp_path):
    a, b = two_dates()
    diff = compare_snapshots(a, b)
    out = render_diff_map(diff, a, b, tmp_path / "diff.html", positions=compute_layout([a, b]))
    parser = Scripts()
    parser.feed(out.read_text(encoding="utf-8"))
    blocks = {k: json.loads(v) for k, v in parser.blocks.items()}
    return out, parser, blocks["netviz-graph"], blocks["netviz-data"], blocks["netviz-evidence"]


def test_every_tie_keeps_its_signs_colour_and_dash_and_its_change_is_a_marker(tmp_path):
    _, parser, graph, data, _ = page(tmp_path)
    edges = {e["id"]: e for e in graph["edges"]}
    sign = {"TUR--USA": -1, "RUS--TUR": 1, "RUS--SYR": 1, "FRA--USA": 1, "ISIS--USA": -1}  # dissolved: as it was
    change = {"TUR--USA": "flipped", "RUS--TUR": "formed", "RUS--SYR": "strengthened", "FRA--USA": "dissolved",
              "ISIS--USA": "unchanged"}
    assert set(edges) == set(sign)
    for tie, e in edges.items():
        assert (e["color"], e["dashes"]) == (SIGN_COLORS[sign[tie]], SIGN_DASHES[sign[tie]]), tie
        marker, halo = CHANGE_STYLES[change[tie]]
        assert e.get("arrows", {}).get("middle", {}).get("type") == marker, tie
        assert e.get("shadow", {}).get("enabled", False) == halo, tie
    # every kind of change looks different from every other
    looks = {(m, h) for m, h in CHANGE_STYLES.values()}
    assert len(looks) == len(CHANGE_STYLES)
    assert {n["id"] for n in graph["nodes"]} == {"TUR", "USA", "FRA", "RUS", "SYR", "ISIS"}
    flipped = data["ties"]["TUR--USA"]
    assert (flipped["change"], flipped["before"], flipped["after"]) == ("flipped", "+ 6.00", "- 9.00")
    assert data["ties"]["FRA--USA"]["after"] == "absent"
    assert (data["before"], data["step"]) == (0, 1)
    assert "img" not in parser.tags  # article text stays text


def test_the_evidence_of_a_change_is_what_is_new_or_gone(tmp_path):
    *_, table = page(tmp_path)
    fields = table["fields"]["relation"]
    ids = [a[0] for a in table["actors"]]

    def backs(spans, step):
        return any(spans[i] <= step <= spans[i + 1] for i in range(0, len(spans), 2))

    changed = [dict(zip(fields, row))["sentence"] for row, spans in zip(table["relations"], table["spans"])
               if {ids[row[0]], ids[row[1]]} == {"TUR", "USA"} and backs(spans, 0) != backs(spans, 1)]
    assert changed == ["Turkey threatened the United States <img src=x onerror=alert(1)>.",
                       "Turkey and the United States agreed to cooperate."]


def test_the_diff_map_opens_offline_and_a_click_shows_before_and_after(tmp_path, open_page, artifacts):
    out, *_ = page(tmp_path)
    tab = open_page(out)
    title = tab.page.locator("h1").inner_text()
    assert "2017-01-08 → 2017-03-08" in title
    edge, x, y = midpoint_of_a_free_edge(tab, "TUR--USA")
    click_in_network(tab, x, y)
    details = tab.page.locator("#nv-details").inner_text()
    assert "flipped: + 6.00 → - 9.00" in details
    assert "Turkey threatened the United States <img src=x onerror=alert(1)>." in details
    tab.page.screenshot(path=str(artifacts / "diff-map.png"))
    assert tab.requests == [] and tab.errors == []
    assert tab.js("() => window.__pwned === undefined && document.querySelectorAll('img').length === 0")
