"""render: offline, escaped, deterministic snapshot maps and the index page.

Pages are checked by parsing them (html.parser and the JSON they embed).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from pyvis.network import Network

from netviz.errors import NetvizError
from netviz.export.notebook import show
from netviz.model import Evidence, Relation
from netviz.site.evidence import SharedEvidence
from netviz.site.mapdata import FIRST_VIEW_PER_PAIR, FIRST_VIEW_TIES, LARGE_MAP, edge_id, first_view
from netviz.site.pages import script_json
from netviz.site.palette import (
    BLOC_COLORS,
    NO_BLOC_COLOR,
    SIGN_COLORS,
    SIGN_DASHES,
    edge_width,
    node_size,
    type_color,
)
from netviz.site.render import IndexEntry, index_entry, render_index, render_map

DAY = date(2017, 1, 8)
XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2</script>",
]


# ---- fixtures built in code ----------------------------------------------------


def rel(a, b, sign, intensity, *, sentence, cue="backs", day=DAY, confidence=1.0, title="Talks in Astana",
        outlet="Reuters", url="https://example.org/a1", article="a1", origin="extracted") -> Relation:
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    start = sentence.find(cue)
    ev = Evidence(sentence=sentence, cue=cue, article=article, title=title, outlet=outlet, url=url,
                  cue_start=start if start >= 0 else None, cue_end=start + len(cue) if start >= 0 else None)
    return Relation(a, b, sign, kind, intensity, day, origin, ev, confidence)


def snapshot(relations: list[Relation], labels: dict[str, str] | None = None, types: dict[str, str] | None = None,
             blocs: dict[str, int] | None = None, day: date = DAY) -> nx.Graph:
    """A snapshot graph with the attributes of docs/architecture.md, computed here by hand."""
    g = nx.Graph(date=day, mode="cumulative", articles=("a1",))
    by_dyad: dict[tuple[str, str], list[Relation]] = {}
    for r in relations:
        by_dyad.setdefault(r.dyad, []).append(r)
    for (a, b), rels in by_dyad.items():
        coop = sum(r.weight for r in rels if r.sign > 0)
        conf = sum(r.weight for r in rels if r.sign < 0)
        polarity = (coop - conf) / (coop + conf)
        g.add_edge(a, b, weight=coop + conf, cooperation=coop, conflict=conf, polarity=polarity,
                   sign=1 if polarity >= 1 / 3 else -1 if polarity <= -1 / 3 else 0, count=len(rels),
                   origins=tuple(sorted({r.origin for r in rels})),
                   evidence=tuple(sorted(rels, key=lambda r: -r.weight)))
    for n in g.nodes:
        g.nodes[n].update(label=(labels or {}).get(n, n), type=(types or {}).get(n, "state"),
                          strength=sum(d["weight"] for _, _, d in g.edges(n, data=True)),
                          bloc=(blocs or {}).get(n, 0))
    return g


def syria() -> nx.Graph:
    return snapshot(
        [
            rel("RUS", "SYR", 1, 8, sentence="Russia backs the Syrian government with air strikes."),
            rel("RUS", "SYR", 1, 4, sentence="Moscow sends advisers to Damascus.", cue="sends advisers", confidence=0.5),
            rel("TUR", "YPG", -1, 9, sentence="Turkey shelled YPG positions near Afrin.", cue="shelled"),
            rel("USA", "YPG", 1, 6, sentence="Washington arms the Kurdish fighters.", cue="arms"),
            rel("USA", "TUR", 1, 3, sentence="The allies meet in Ankara.", cue="meet"),
            rel("USA", "TUR", -1, 2, sentence="Washington criticised Ankara.", cue="criticised"),
            rel("TUR", "RUS", 1, 5, sentence="Turkey and Russia agree a ceasefire.", cue="agree"),
        ],
        labels={"RUS": "Russia", "SYR": "Syria", "TUR": "Turkey", "USA": "United States", "YPG": "Syrian Kurdish forces"},
        types={"YPG": "armed_group"},
        blocs={"RUS": 1, "SYR": 1, "TUR": 0, "USA": 0, "YPG": 0},
    )


def malicious() -> nx.Graph:
    """Markup everywhere an article or data file can put text."""
    return snapshot(
        [
            rel("TUR", "YPG", -1, 9, sentence=f"Turkey shelled {XSS[1]} YPG positions {XSS[2]}.", cue="shelled",
                title=XSS[0], outlet=XSS[2], url="javascript:window.__pwned=3", article=XSS[1]),
            rel("USA", "YPG", 1, 6, sentence="Washington arms the Kurdish fighters.", cue=XSS[0]),
        ],
        labels={"YPG": XSS[1] + "Kurds", "TUR": XSS[2]},
        types={"YPG": XSS[0]},
    )


POS = {"RUS": (0.0, 0.0), "SYR": (-200.0, 50.0), "TUR": (150.0, 120.0), "USA": (300.0, -100.0), "YPG": (250.0, 250.0)}


# ---- parsing ------------------------------------------------------------------------


class Page(HTMLParser):
    """Elements (tag, attrs), text per element id, scripts, styles and the <title> of a page."""

    VOID = {"meta", "link", "img", "input", "br", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self.title: str | None = None
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in self.VOID:
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, attrs, chunks = self._open.pop()
            text = "".join(chunks)
            if attrs.get("id"):
                self.text_by_id[attrs["id"]] = text
            if self._open:
                self._open[-1][2].append(text)
            if open_tag == "script":
                self.scripts.append((attrs, text))
            elif open_tag == "style":
                self.styles.append(text)
            elif open_tag == "title":
                self.title = text
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name]

    def data(self) -> dict:
        """The page's two JSON blocks in one dict: the vis graph and the panel data."""
        return {**json.loads(self.text_by_id["netviz-graph"]), **json.loads(self.text_by_id["netviz-data"])}

    def evidence(self) -> dict:
        """The evidence table a self-contained page embeds."""
        return json.loads(self.text_by_id["netviz-evidence"])

    def code_scripts(self) -> list[str]:
        return [text for attrs, text in self.scripts if attrs.get("type") != "application/json"]


def render(tmp_path: Path, g: nx.Graph, name: str = "map.html", **kw) -> tuple[str, Page]:
    kw.setdefault("positions", POS)
    out = render_map(g, tmp_path / name, **kw)
    text = out.read_text(encoding="utf-8")
    return text, Page(text)


# ---- the map -----------------------------------------------------------------------


def test_embedded_data_holds_exactly_the_graph_with_its_encodings(tmp_path):
    g = syria()
    _, page = render(tmp_path, g)
    data = page.data()
    top = max(d["weight"] for _, _, d in g.edges(data=True))
    assert sorted((e["from"], e["to"]) for e in data["edges"]) == sorted(tuple(sorted(e)) for e in g.edges)
    for e in data["edges"]:
        d = g.edges[e["from"], e["to"]]
        assert e["id"] == edge_id(e["from"], e["to"])
        assert e["color"] == SIGN_COLORS[d["sign"]]
        assert e["width"] == edge_width(d["weight"], top)
        assert e["dashes"] == SIGN_DASHES[d["sign"]]  # sign's second channel
    top_strength = max(s for _, s in g.nodes(data="strength"))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(g.nodes)
    for n in data["nodes"]:
        attrs = g.nodes[n["id"]]
        assert n["label"] == attrs["label"] and isinstance(n["label"], str)
        assert (n["x"], n["y"]) == POS[n["id"]]
        assert n["color"] == BLOC_COLORS[attrs["bloc"]]
        assert n["size"] == node_size(attrs["strength"], top_strength)


def tie_evidence(table: dict, tie: str, step: int) -> list[dict]:
    """The relations backing ``tie`` on date ``step``, strongest first, as netviz.js finds them."""
    fields = table["fields"]["relation"]
    out = []
    for row, spans in zip(table["relations"], table["spans"]):
        rec = dict(zip(fields, row))
        a, b = sorted((table["actors"][rec["a"]][0], table["actors"][rec["b"]][0]))
        if f"{a}--{b}" == tie and any(spans[i] <= step <= spans[i + 1] for i in range(0, len(spans), 2)):
            out.append(rec)
    return out


def test_sign_has_two_channels_colour_and_dash_on_every_map(tmp_path):
    assert len({str(d) for d in SIGN_DASHES.values()}) == 3  # solid, dashed, dotted
    _, page = render(tmp_path, syria())
    legend = page.text_by_id["nv-legend"]
    for sign, label in ((1, "cooperation"), (-1, "conflict"), (0, "mixed")):
        assert label in legend
    # the legend's swatches draw what the network draws
    lines = [a for t, a in page.elements if t == "line"][:3]
    assert [(a["stroke"], a.get("stroke-dasharray")) for a in lines] == [
        (SIGN_COLORS[s], " ".join(map(str, SIGN_DASHES[s])) if SIGN_DASHES[s] else None) for s in (1, -1, 0)]


def test_the_widest_tie_is_the_heaviest_and_mixed_ties_are_grey_and_dotted(tmp_path):
    _, page = render(tmp_path, syria())
    edges = {e["id"]: e for e in page.data()["edges"]}
    assert max(edges.values(), key=lambda e: e["width"])["id"] == "RUS--SYR"
    assert edges["TUR--USA"]["color"] == SIGN_COLORS[0]  # 3 cooperation vs 2 conflict: mixed
    assert edges["RUS--TUR"]["color"] == SIGN_COLORS[1]
    assert edges["TUR--YPG"]["color"] == SIGN_COLORS[-1]


def test_colour_by_type(tmp_path):
    _, page = render(tmp_path, syria(), color_by="type")
    colours = {n["id"]: n["color"] for n in page.data()["nodes"]}
    assert colours["YPG"] == type_color("armed_group") != colours["USA"] == type_color("state")
    assert "Actors by type" in page.text_by_id["nv-legend"]
    assert "armed group (1)" in page.text_by_id["nv-legend"]


def test_widths_compare_across_dates_with_a_shared_maximum(tmp_path):
    _, page = render(tmp_path, syria(), max_weight=120.0, max_strength=200.0)
    edges = {e["id"]: e for e in page.data()["edges"]}
    assert edges["RUS--SYR"]["width"] == edge_width(10.0, 120.0) < 10.0


def test_vis_items_carry_no_text_that_could_be_html(tmp_path):
    # tooltips are built in the page from the evidence data, as plain strings
    _, page = render(tmp_path, syria())
    data = page.data()
    assert {k for n in data["nodes"] for k in n} == {"id", "label", "x", "y", "size", "color"}
    assert {k for e in data["edges"] for k in e} == {"id", "from", "to", "width", "color", "dashes"}


def test_an_article_with_two_titles_keeps_each_on_its_relation(tmp_path):
    g = snapshot([rel("RUS", "SYR", 1, 8, sentence="a", title="First"),
                  rel("TUR", "YPG", -1, 8, sentence="b", title="Second")])
    _, page = render(tmp_path, g)
    table = page.evidence()
    titles = {r["sentence"]: table["articles"][r["article"]][1] for r in
              (tie_evidence(table, t, 0)[0] for t in ("RUS--SYR", "TUR--YPG"))}
    assert titles == {"a": "First", "b": "Second"}


def test_large_maps_keep_their_dashes_and_first_show_the_strongest_ties(tmp_path):
    relations = [rel(f"A{i:04d}", f"B{i:04d}", -1, 1 + i % 7, sentence="s") for i in range(LARGE_MAP)]
    g = snapshot(relations)
    _, page = render(tmp_path, g, positions={n: (0.0, 0.0) for n in g})
    data = page.data()
    assert all(e["dashes"] == SIGN_DASHES[-1] for e in data["edges"])  # sign keeps both channels at any size
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    first = {t for t, tie in data["ties"].items() if tie.get("first")}
    # these ties share no actor: the first view is every actor's strongest tie, which is all of them
    assert len(first) == LARGE_MAP and data["first_view"] is None


def test_the_first_view_of_a_dense_map_is_its_heaviest_ties_and_every_actors_heaviest(tmp_path):
    hub = [rel("HUB", f"A{i:03d}", 1 if i % 3 else -1, 1 + (i * 7) % 10, sentence=f"s{i}") for i in range(300)]
    pairs = [rel(f"A{i:03d}", f"A{i + 1:03d}", 1, 0.5, sentence=f"p{i}") for i in range(0, 300, 2)]
    g = snapshot(hub + pairs)
    _, page = render(tmp_path, g, positions={n: (0.0, 0.0) for n in g})
    data = page.data()
    ties = data["ties"]
    first = {t for t, tie in ties.items() if tie.get("first")}
    heaviest = sorted(ties, key=lambda t: (-ties[t]["weight"], t))[:FIRST_VIEW_TIES]
    assert set(heaviest) <= first and data["first_view"] == len(first) < len(ties)
    assert {x for t in first for x in (ties[t]["a"], ties[t]["b"])} == set(g.nodes)  # nobody is left without a tie
    assert f"only the {len(first)} strongest ties" in page.text_by_id["nv-filters"]


def test_the_first_view_of_a_map_of_camps_keeps_their_ties_and_few_of_those_across(tmp_path):
    # four camps of 40, like weights everywhere: the heaviest ties are all hostile ties across camps
    ids = [f"A{i:03d}" for i in range(160)]
    relations = [rel(a, ids[(i + 4 * k) % 160], 1, 3, sentence="ally") for i, a in enumerate(ids) for k in (1, 2)]
    relations += [rel(a, ids[(i + 1 + k) % 160], -1, 5, sentence="foe") for i, a in enumerate(ids) for k in (0, 1)]
    g = snapshot(relations, blocs={a: i % 4 for i, a in enumerate(ids)})
    _, page = render(tmp_path, g, positions={n: (0.0, 0.0) for n in g})
    data = page.data()
    ties, actors = data["ties"], data["actors"]
    first = [t for t, tie in ties.items() if tie.get("first")]
    across = [t for t in first if actors[ties[t]["a"]]["bloc"] != actors[ties[t]["b"]]["bloc"]]
    pairs = {tuple(sorted((actors[ties[t]["a"]]["bloc"], actors[ties[t]["b"]]["bloc"]))) for t in across}
    assert len(across) <= 3 * len(pairs) and len(pairs) == 6  # three per pair of camps, every pair shown
    assert all(any(actor in (ties[t]["a"], ties[t]["b"]) for t in first) for actor in actors)  # each actor its camp
    # the legend sums up what joins each two camps, heaviest first
    legend = page.text_by_id["nv-legend"]
    assert "Between blocs" in legend and legend.count(" ties, conflict ") == 6


def test_a_tie_between_blocs_that_stands_out_is_in_the_first_view():
    ties = {f"A{i:03d}--B{i:03d}": {"a": f"A{i:03d}", "b": f"B{i:03d}", "weight": 5.0} for i in range(300)}
    ties["A000--B001"] = {"a": "A000", "b": "B001", "weight": 40.0}
    ties["A001--B002"] = {"a": "A001", "b": "B002", "weight": 30.0}
    bloc = {a: 0 if a[0] == "A" else 1 for t in ties.values() for a in (t["a"], t["b"])}
    first = first_view(ties, limit=FIRST_VIEW_PER_PAIR + 2, bloc=bloc)
    # eight and six times the median weight: both shown, beside the three heaviest others of their pair
    assert {"A000--B001", "A001--B002", "A000--B000", "A001--B001", "A002--B002"} <= first
    # and a weaker tie between the two blocs is in only as the heaviest of an actor not yet shown
    assert "A003--B003" in first and ties["A003--B003"]["weight"] == 5.0


def test_the_embedded_evidence_has_every_relation_once_strongest_first(tmp_path):
    g = syria()
    _, page = render(tmp_path, g)
    ties = page.data()["ties"]
    assert set(ties) == {edge_id(u, v) for u, v in g.edges}
    assert all("evidence" not in t for t in ties.values())  # the tie state only; evidence is in the table
    table = page.evidence()
    assert len(table["relations"]) == sum(len(d["evidence"]) for *_, d in g.edges(data=True))
    evidence = tie_evidence(table, "RUS--SYR", page.data()["step"])
    assert [r["sentence"] for r in evidence] == ["Russia backs the Syrian government with air strikes.",
                                                 "Moscow sends advisers to Damascus."]
    first = evidence[0]
    assert table["actors"][first["a"]][0] == "RUS" and table["kinds"][first["kind"]] == "material_cooperation"
    assert (first["sign"], first["intensity"], first["cue_start"], first["cue_end"]) == (1, 8, 7, 12)
    # each article's title, outlet and url once, in the article table
    assert table["articles"] == [["a1", "Talks in Astana", "Reuters", "https://example.org/a1"]]
    assert ties["TUR--USA"]["sign"] == 0 and ties["TUR--USA"]["polarity"] == pytest.approx(0.2)
    actors = page.data()["actors"]
    assert actors["YPG"] == {"label": "Syrian Kurdish forces", "type": "armed_group", "bloc": 0,
                             "strength": 15.0, "color": BLOC_COLORS[0]}


def test_a_site_page_carries_no_evidence_and_loads_the_sites_data_file(tmp_path):
    text, page = render(tmp_path, syria(), shared=SharedEvidence("../data/", 3))
    assert "netviz-evidence" not in page.text_by_id
    assert "Russia backs" not in text  # no sentence in the page
    assert page.data()["step"] == 3
    srcs = [a["src"] for a, _ in page.scripts if a.get("src")]
    assert srcs == ["../data/vis-network.min.js", "../data/netviz.js", "../data/map.js", "../data/evidence.js"]
    assert [a["href"] for a in page.tags("link")] == ["../data/netviz.css"]
    policy = next(a["content"] for a in page.tags("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "'self'" in re.search(r"script-src ([^;]*)", policy).group(1)


def test_legend_date_and_title(tmp_path):
    _, page = render(tmp_path, syria(), title="Syria, 2017")
    assert page.text_by_id.get("nv-legend")
    legend = page.text_by_id["nv-legend"]
    for words in ("cooperation (3)", "conflict (1)", "mixed (1)", "Turkey, Syrian Kurdish forces, United States (3)",
                  "Russia, Syria (2)", "Line width"):
        assert words in legend
    assert page.title == "Syria, 2017 — 2017-01-08"
    assert {"datetime": "2017-01-08"} in page.tags("time")
    assert page.text_by_id["nv-scope"].startswith("5 actors · 5 ties · all evidence up to 2017-01-08")


@pytest.mark.parametrize("mode, articles, says", [
    ("cumulative", ("a1", "a2"), "all evidence up to 2017-01-08 (2 articles dated 2017-01-08)"),
    ("per-date", ("a1",), "evidence of 2017-01-08 only (1 article dated 2017-01-08)"),
    ("window:30", (), "evidence of the 30 days up to 2017-01-08"),
])
def test_the_subtitle_says_what_the_snapshot_holds(tmp_path, mode, articles, says):
    g = syria()
    g.graph.update(mode=mode, articles=articles)
    _, page = render(tmp_path, g)
    assert page.text_by_id["nv-scope"] == f"5 actors · 5 ties · {says}"


def test_nothing_is_fetched_from_the_network(tmp_path):
    text, page = render(tmp_path, syria())
    for tag, attrs in page.elements:
        for name in ("src", "href", "srcset", "poster", "action", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value, re.I), (tag, name, value)
    assert not page.tags("link") and not page.tags("img") and not page.tags("iframe")  # a self-contained page
    assert all("src" not in attrs for attrs, _ in page.scripts)
    css = "\n".join(page.styles) + "\n".join(a.get("style") or "" for _, a in page.elements)
    assert re.findall(r"url\(\s*(?!['\"]?data:)", css) == []
    assert "@import" not in css
    assert "sourceMappingURL" not in text


def test_the_content_security_policy_allows_only_the_pages_own_scripts(tmp_path):
    _, page = render(tmp_path, syria())
    policy = next(a["content"] for a in page.tags("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    scripts = page.code_scripts()
    assert len(scripts) == 3  # vis-network, netviz.js, map.js
    assert sorted(script_src) == sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts)


def test_two_renders_are_byte_identical_whatever_the_insertion_order(tmp_path):
    g = syria()
    flipped = nx.Graph(**g.graph)
    flipped.add_nodes_from(reversed(list(g.nodes(data=True))))
    flipped.add_edges_from((v, u, d) for u, v, d in reversed(list(g.edges(data=True))))
    first, _ = render(tmp_path, g, "a.html")
    again, _ = render(tmp_path, g, "b.html")
    other, _ = render(tmp_path, flipped, "c.html")
    assert first == again == other


def test_the_graph_is_not_modified(tmp_path):
    g = syria()
    before = (copy.deepcopy(g.graph), copy.deepcopy(list(g.nodes(data=True))), copy.deepcopy(list(g.edges(data=True))))
    render(tmp_path, g, contradictions=[("TUR", "USA", "YPG")])
    show(g)
    assert (g.graph, list(g.nodes(data=True)), list(g.edges(data=True))) == before


def test_markup_from_articles_and_data_never_becomes_markup(tmp_path):
    text, page = render(tmp_path, malicious(), title=XSS[0],
                        contradictions=[{"actors": ["TUR", "USA", "YPG"], "signs": ["+", "+", "-"]}])
    assert len(page.scripts) == 6  # three JSON blocks and our three scripts, nothing else
    assert page.tags("img") == [] and page.tags("iframe") == []
    assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs)
    assert text.count("</script>") == 6
    data = page.data()  # parses, and keeps the strings exactly
    table = page.evidence()
    sentences = [row[table["fields"]["relation"].index("sentence")] for row in table["relations"]]
    assert f"Turkey shelled {XSS[1]} YPG positions {XSS[2]}." in sentences
    assert data["actors"]["YPG"]["label"] == XSS[1] + "Kurds"
    assert [XSS[1], XSS[0], XSS[2], None] in table["articles"]  # the javascript: URL is dropped
    for attrs, raw_json in page.scripts:
        if attrs.get("type") == "application/json":
            assert "<" not in raw_json and ">" not in raw_json
    # the title and the contradiction list show the markup as text
    assert page.title.startswith(XSS[0])  # as text
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert XSS[1] + "Kurds" in page.text_by_id["nv-contradictions"]


def test_script_json_escapes_what_could_end_or_break_a_script():
    out = str(script_json({"s": "</script>\u2028\u2029<!--&"}))
    assert re.search("[<>&\u2028\u2029]", out) is None
    assert json.loads(out) == {"s": "</script>\u2028\u2029<!--&"}


def test_contradictions_are_listed_and_read_signs_from_the_graph(tmp_path):
    _, page = render(tmp_path, syria(), contradictions=[
        ("TUR", "USA", "YPG"),
        {"actors": ["RUS", "SYR", "TUR"], "signs": [1, -1, 1], "note": "ignored"},
    ])
    listed = page.data()["contradictions"]
    assert listed[0]["signs"] == ["±", "+", "-"]  # read from the ties
    assert listed[0]["edges"] == ["TUR--USA", "USA--YPG", "TUR--YPG"]
    assert listed[1]["signs"] == ["+", "-", "+"]
    assert listed[1]["edges"] == ["RUS--SYR", None, "RUS--TUR"]  # no SYR-TUR tie: none to select
    assert len([b for b in page.tags("button") if "data-contradiction" in b]) == 2
    assert "Turkey ± United States + Syrian Kurdish forces − Turkey" in " ".join(page.text_by_id["nv-contradictions"].split())


def test_a_contradiction_without_signs_needs_its_ties(tmp_path):
    with pytest.raises(NetvizError, match=r"contradictions\[0\]: no tie SYR--TUR"):
        render(tmp_path, syria(), contradictions=[("SYR", "TUR", "RUS")])


@pytest.mark.parametrize("item, message", [
    ({"signs": ["+"]}, "has no 'actors'"),
    ({"actors": ["TUR", "XXX", "USA"], "signs": ["+", "+", "+"]}, "XXX are not in this snapshot"),
    ({"actors": ["TUR", "USA"], "signs": ["+", "+"]}, "at least three actor ids"),
    ({"actors": ["TUR", "USA", "YPG"], "signs": ["+", "+"]}, "'signs' must give one of"),
    ({"actors": ["TUR", "USA", "YPG"], "signs": ["+", "x", "-"]}, "'signs' must give one of"),
    (42, "is a int"),
])
def test_bad_contradictions_name_the_problem(tmp_path, item, message):
    with pytest.raises(NetvizError, match=re.escape(message)):
        render(tmp_path, syria(), contradictions=[item])


def test_physics_is_off_by_default_and_edges_are_straight(tmp_path):
    _, page = render(tmp_path, syria())
    options = page.data()["options"]
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] is False
    assert options["layout"]["randomSeed"] == 42
    _, page = render(tmp_path, syria(), physics=True)
    assert page.data()["options"]["physics"]["enabled"] is True


def test_numpy_numbers_from_analysis_code_are_accepted(tmp_path):
    import numpy as np

    g = syria()
    g.nodes["RUS"]["bloc"] = np.int64(1)
    g.edges["RUS", "SYR"]["weight"] = np.float32(10.0)
    _, page = render(tmp_path, g)
    assert page.data()["actors"]["RUS"]["bloc"] == 1


def test_an_empty_snapshot_still_makes_a_page(tmp_path):
    _, page = render(tmp_path, nx.Graph(date=DAY), positions={})
    assert page.data()["nodes"] == [] and page.data()["edges"] == []


@pytest.mark.parametrize("change, message", [
    (lambda g: g.edges["RUS", "SYR"].pop("weight"), "tie RUS--SYR has no 'weight'"),
    (lambda g: g.edges["RUS", "SYR"].update(weight=float("nan")), "tie RUS--SYR: weight is nan"),
    (lambda g: g.edges["RUS", "SYR"].update(weight=-1.0), "weight is -1.0"),
    (lambda g: g.edges["RUS", "SYR"].update(sign=2), "sign is 2"),
    (lambda g: g.edges["RUS", "SYR"].update(evidence=({"sentence": "x"},)), "evidence item 0 is a dict"),
    (lambda g: g.nodes["RUS"].update(bloc="east"), "actor RUS: bloc is 'east'"),
    (lambda g: g.add_edge("RUS", 7, weight=1.0, sign=1), "actor 7 is not a string id"),
])
def test_bad_graphs_name_the_problem(tmp_path, change, message):
    g = syria()
    change(g)
    with pytest.raises(NetvizError, match=re.escape(message)):
        render(tmp_path, g, positions={**POS, 7: (0, 0)})


def test_bad_arguments_name_the_problem(tmp_path):
    with pytest.raises(NetvizError, match="no entry for actor 'YPG'; compute them with"):
        render(tmp_path, syria(), positions={k: v for k, v in POS.items() if k != "YPG"})
    with pytest.raises(NetvizError, match="color_by is 'sign'"):
        render(tmp_path, syria(), color_by="sign")
    with pytest.raises(NetvizError, match="expected an undirected networkx.Graph"):
        render(tmp_path, nx.DiGraph(syria()))
    with pytest.raises(NetvizError, match="max_weight is 0.0"):
        render(tmp_path, syria(), max_weight=0)


def test_the_output_folder_is_created(tmp_path):
    out = render_map(syria(), tmp_path / "out" / "2017-01-08.html", positions=POS)
    assert out.exists()


# ---- Jupyter ---------------------------------------------------------------------------


def test_show_gives_a_pyvis_network_with_the_same_page(tmp_path):
    g = syria()
    net = show(g, positions=POS, title="Syria")
    assert isinstance(net, Network) and net.cdn_resources == "in_line"
    assert net.num_nodes() == 5 and net.num_edges() == 5
    assert all(isinstance(n["label"], str) for n in net.nodes)
    text, _ = render(tmp_path, g, title="Syria")
    assert net.generate_html() == text
    net.write_html(str(tmp_path / "notebook.html"))  # pyvis's own writer gives the same page
    assert (tmp_path / "notebook.html").read_text(encoding="utf-8") == text
    frame = Page(net._repr_html_()).tags("iframe")
    assert len(frame) == 1 and frame[0]["sandbox"] == "allow-scripts"
    assert Page(frame[0]["srcdoc"]).data()["ties"].keys() == Page(text).data()["ties"].keys()


def test_show_lays_out_the_graph_when_no_positions_are_given():
    net = show(syria())
    assert {n["id"] for n in net.nodes} == set(POS)


# ---- index ------------------------------------------------------------------------------


def test_index_lists_every_snapshot_with_counts_and_links(tmp_path):
    g = syria()
    entries = [
        index_entry(snapshot([rel("RUS", "SYR", 1, 8, sentence="s")], day=date(2017, 1, 1)), "2017-01-01.html"),
        index_entry(g, "2017-01-08.html", links=[("diff from 2017-01-01", "diff-2017-01-01-2017-01-08.html")]),
    ]
    out = render_index(entries, tmp_path / "index.html", title="Syria", links=[("timeline", "timeline.html")])
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    rows = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", text, re.S)[1:]]
    assert rows == [["2017-01-01", "2", "1", "map", ""], ["2017-01-08", "5", "5", "map", "diff from 2017-01-01"]]
    assert [a["href"] for a in page.tags("a")] == [
        "timeline.html", "2017-01-01.html", "2017-01-08.html", "diff-2017-01-01-2017-01-08.html"]
    assert page.scripts == []
    policy = next(a["content"] for a in page.tags("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "script-src 'none'" in policy
    assert render_index(entries, tmp_path / "again.html", title="Syria",
                        links=[("timeline", "timeline.html")]).read_bytes() == out.read_bytes()


def test_index_escapes_titles_and_labels(tmp_path):
    entries = [IndexEntry(DAY, "a.html", 1, 0, ((XSS[1], "b.html"),))]
    text = render_index(entries, tmp_path / "index.html", title=XSS[0]).read_text(encoding="utf-8")
    page = Page(text)
    assert page.scripts == [] and page.tags("img") == []
    assert "&lt;img src=x onerror=" in text


@pytest.mark.parametrize("href", ["javascript:alert(1)", "https://example.org/x.html", "//evil.example/x", "/etc/passwd", ""])
def test_index_links_must_be_relative(tmp_path, href):
    with pytest.raises(NetvizError, match="is not a relative link"):
        render_index([IndexEntry(DAY, href, 1, 0)], tmp_path / "index.html")
    with pytest.raises(NetvizError, match="is not a relative link"):
        render_index([IndexEntry(DAY, "a.html", 1, 0, (("x", href),))], tmp_path / "index.html")


def test_index_entry_needs_a_dated_snapshot():
    with pytest.raises(NetvizError, match="has no graph attribute 'date'"):
        index_entry(nx.Graph(), "x.html")
    with pytest.raises(NetvizError, match="entry 0 is a dict"):
        render_index([{"date": DAY}], "index.html")


def test_blocs_are_named_and_an_actor_alone_is_unaligned(tmp_path):
    g = syria()
    g.graph["bloc_names"] = {0: "United States, Turkey, YPG"}
    g.nodes["SYR"]["bloc"] = 2  # alone in its bloc
    _, page = render(tmp_path, g)
    legend = " ".join(page.text_by_id["nv-legend"].split())
    assert "United States, Turkey, YPG (3)" in legend and "unaligned (2)" in legend
    assert "bloc 0" not in legend
    actors = page.data()["actors"]
    assert actors["SYR"]["bloc"] is None and actors["RUS"]["bloc"] is None
    assert actors["SYR"]["color"] == NO_BLOC_COLOR


def test_a_map_lists_only_its_strongest_contradictions_and_says_how_many_there_are(tmp_path):
    from netviz.site.mapdata import CONTRADICTIONS_LISTED

    # three mutual enemies around a hub: every triangle through the hub is unbalanced
    n = 14
    spokes = [rel("HUB", f"A{i:02d}", -1, 5, sentence=f"h{i}") for i in range(n)]
    rim = [rel(f"A{i:02d}", f"A{j:02d}", -1, 1, sentence=f"r{i}{j}") for i in range(n) for j in range(i + 1, n)]
    g = snapshot(spokes + rim)
    triangles = [("HUB", f"A{i:02d}", f"A{j:02d}") for i in range(n) for j in range(i + 1, n)]
    assert len(triangles) > CONTRADICTIONS_LISTED
    _, page = render(tmp_path, g, positions={x: (0.0, 0.0) for x in g}, contradictions=triangles)
    assert len(page.data()["contradictions"]) == CONTRADICTIONS_LISTED
    assert len([b for b in page.tags("button") if "data-contradiction" in b]) == CONTRADICTIONS_LISTED
    heading = " ".join(page.text_by_id["nv-contradictions"].split())
    assert f"Contradictions ({len(triangles)}: the {CONTRADICTIONS_LISTED} strongest)" in heading
