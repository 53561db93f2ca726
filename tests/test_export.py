import copy
import csv
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest

from netviz.errors import NetvizError
from netviz.export import (
    EDGE_COLUMNS,
    GEXF_NS,
    NODE_COLUMNS,
    VIZ_NS,
    export_csv,
    export_gexf,
    export_graphml,
    export_json,
    export_snapshots,
)
from netviz.graph.layout import compute_layout
from netviz.ingest.actors import Actor, Codebook
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation, relation_record
from netviz.site.palette import SIZE_RANGE, node_color, node_size, sign_color, type_color

D1, D2, D3 = date(2017, 1, 8), date(2017, 1, 16), date(2017, 3, 8)
DAYS = [D1, D2, D3]


# actors with names a page must escape, in the bundled codebook's own type
CODEBOOK = Codebook([
    Actor("RUS", "Russia", "state", ()),
    Actor("TUR", "Türkiye", "state", ()),
    Actor("USA", "United States", "state", ()),
    Actor("YPG", "Syrian Kurdish forces \"YPG\" <armed>", "armed_group", ()),
])


def rel(a, b, sign, day, intensity=5.0, origin="extracted", sentence=None):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(
        sentence=sentence or f"{a} {'backs' if sign > 0 else 'attacks'} {b}.",
        cue="backs" if sign > 0 else "attacks",
        article=f"art-{day}",
        start=0,
        end=20,
    )
    return Relation(a, b, sign, kind, intensity, day, origin, ev)


RELATIONS = [
    rel("RUS", "TUR", 1, D1, 6.0),
    rel("TUR", "YPG", -1, D1, 8.0, sentence='Türkiye shells "YPG" positions & <script>alert(1)</script>.'),
    rel("USA", "TUR", -1, D2, 4.0),
    rel("USA", "YPG", 1, D2, 7.0),
    rel("TUR", "RUS", -1, D3, 9.0),  # the RUS-TUR tie flips from cooperation to mixed
]


def snapshots(per_date=False):
    dates = {day: (f"art-{day}",) for day in DAYS}
    return build_snapshots(RELATIONS, dates, codebook=CODEBOOK, per_date=per_date)


def rgb(colour):
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def ties(G):
    return {tuple(sorted(e)) for e in G.edges}


def on(day, values):
    """The value of a GEXF dynamic attribute ``[(value, start, end)]`` on ``day``."""
    found = [v for v, start, end in values if start <= day.isoformat() <= end]
    assert len(found) == 1, (day, values)
    return found[0]


# --- GEXF ----------------------------------------------------------------------


@pytest.mark.parametrize("per_date", [False, True])
def test_dynamic_gexf_read_back_by_networkx_gives_every_dates_actors_ties_and_signs(tmp_path, per_date):
    snaps = snapshots(per_date)
    H = nx.read_gexf(export_gexf(snaps, tmp_path / "all.gexf"))

    assert H.graph["mode"] == "dynamic"
    assert set(H.nodes) == {n for G in snaps.values() for n in G}
    assert ties(H) == {t for G in snaps.values() for t in ties(G)}
    for day, G in snaps.items():
        alive = {n for n in H if any(s <= day.isoformat() <= e for s, e in H.nodes[n]["spells"])}
        assert alive == set(G.nodes), day
        alive = {t for t in ties(H) if any(s <= day.isoformat() <= e for s, e in H.edges[t]["spells"])}
        assert alive == ties(G), day
        for a, b, d in G.edges(data=True):
            h = H.edges[a, b]
            assert on(day, h["sign"]) == d["sign"]
            assert on(day, h["polarity"]) == d["polarity"]
            assert on(day, h["cooperation"]) + on(day, h["conflict"]) == pytest.approx(d["weight"])
            assert on(day, h["count"]) == d["count"]
        for n, d in G.nodes(data=True):
            assert on(day, H.nodes[n]["strength"]) == d["strength"]
            assert H.nodes[n]["label"] == d["label"]
    # per_date: USA-TUR exists on D2 only, so it has one spell of that day up to the day before D3
    if per_date:
        assert H.edges["TUR", "USA"]["spells"] == [(D2.isoformat(), (D3 - timedelta(days=1)).isoformat())]


def test_dynamic_gexf_carries_the_tie_weight_of_every_date_for_gephi(tmp_path):
    # networkx's reader treats any attribute with id "weight" as static, so the
    # per-date weights Gephi reads are checked with an XML parser
    snaps = snapshots()
    root = ET.parse(export_gexf(snaps, tmp_path / "all.gexf")).getroot()
    ns = {"g": GEXF_NS}
    declared = root.find("g:graph/g:attributes[@class='edge'][@mode='dynamic']/g:attribute[@id='weight']", ns)
    assert declared is not None and declared.get("type") == "double"
    for day, G in snaps.items():
        for a, b, d in G.edges(data=True):
            edge = root.find(f"g:graph/g:edges/g:edge[@id='{min(a, b)}--{max(a, b)}']", ns)
            weights = [
                (float(v.get("value")), v.get("start"), v.get("end"))
                for v in edge.findall("g:attvalues/g:attvalue[@for='weight']", ns)
            ]
            assert on(day, weights) == d["weight"]


def test_static_gexf_of_one_date_has_its_ties_weights_signs_positions_and_colours(tmp_path):
    snaps = snapshots()
    G = snaps[D3]
    positions = {"RUS": (10.0, 20.0), "TUR": (-5.5, 0.0), "USA": (0.0, -30.0), "YPG": (7.0, 7.0)}
    H = nx.read_gexf(export_gexf(G, tmp_path / "d3.gexf", positions=positions))

    assert H.graph["mode"] == "static"
    assert set(H.nodes) == set(G.nodes) and ties(H) == ties(G)
    for a, b, d in G.edges(data=True):
        assert H.edges[a, b]["weight"] == d["weight"]
        assert H.edges[a, b]["sign"] == d["sign"]
        assert H.edges[a, b]["origins"] == ";".join(d["origins"])
    assert H.nodes["TUR"]["label"] == "Türkiye"
    assert H.nodes["YPG"]["label"] == 'Syrian Kurdish forces "YPG" <armed>'
    assert H.nodes["TUR"]["type"] == "state" and H.nodes["TUR"]["strength"] == G.nodes["TUR"]["strength"]
    # the HTML canvas counts y downwards, Gephi upwards: same picture, y negated
    assert H.nodes["RUS"]["viz"]["position"] == {"x": 10.0, "y": -20.0, "z": 0.0}
    # the HTML maps' look: actors by bloc, sized by strength against the strongest
    top = max(s for _, s in G.nodes(data="strength"))
    for n, d in G.nodes(data=True):
        assert H.nodes[n]["viz"]["color"] == rgb(node_color(d, "bloc"))
        assert H.nodes[n]["viz"]["size"] == node_size(d["strength"], top)
    assert H.nodes["TUR"]["viz"]["size"] == SIZE_RANGE[1]
    # ties by sign: TUR-YPG hostile (red), RUS-TUR mixed (amber) on D3
    root = ET.parse(tmp_path / "d3.gexf").getroot()
    for tie, sign in (("TUR--YPG", -1), ("RUS--TUR", 0), ("USA--YPG", 1)):
        colour = root.find(f"{{{GEXF_NS}}}graph/{{{GEXF_NS}}}edges/*[@id='{tie}']/{{{VIZ_NS}}}color")
        assert {k: int(v) for k, v in colour.attrib.items()} == {k: v for k, v in rgb(sign_color(sign)).items() if k != "a"}


def test_gexf_actors_can_be_coloured_by_type_as_on_the_pages(tmp_path):
    snaps = snapshots()
    H = nx.read_gexf(export_gexf(snaps, tmp_path / "all.gexf", color_by="type"))
    assert H.nodes["YPG"]["viz"]["color"] == rgb(type_color("armed_group"))
    assert H.nodes["RUS"]["viz"]["color"] == rgb(type_color("state"))


def test_gexf_of_one_date_is_laid_out_and_sized_like_the_html_maps_of_the_whole_run(tmp_path):
    snaps = snapshots(per_date=True)
    layout = compute_layout(snaps.values())
    top = max(s for G in snaps.values() for _, s in G.nodes(data="strength"))
    export_snapshots(snaps, "gexf", tmp_path / "d1.gexf", date="first")
    H = nx.read_gexf(tmp_path / "d1.gexf")
    assert set(H.nodes) == set(snaps[D1].nodes)
    for n in H:
        x, y = layout[n]
        assert (H.nodes[n]["viz"]["position"]["x"], H.nodes[n]["viz"]["position"]["y"]) == (x, -y + 0.0)
        assert H.nodes[n]["viz"]["size"] == node_size(snaps[D1].nodes[n]["strength"], top)


# GEXF 1.2draft rules from gexf.xsd, data.xsd, dynamics.xsd and viz.xsd (the
# schema files are not installable here from PyPI, Debian or npm), plus
# Gephi's own rule that one element's intervals for one attribute never overlap.
ATTRIBUTE_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}


def check_gexf_1_2(root):
    g, v = f"{{{GEXF_NS}}}", f"{{{VIZ_NS}}}"
    assert root.tag == g + "gexf" and root.get("version") == "1.2"
    assert [c.tag for c in root] == [g + "meta", g + "graph"]
    date.fromisoformat(root.find(g + "meta").get("lastmodifieddate"))
    assert {c.tag for c in root.find(g + "meta")} <= {g + "creator", g + "description", g + "keywords"}
    graph = root.find(g + "graph")
    assert graph.get("mode") in ("static", "dynamic")
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    dynamic = graph.get("mode") == "dynamic"
    if dynamic:
        assert graph.get("timeformat") == "date"
        start, end = date.fromisoformat(graph.get("start")), date.fromisoformat(graph.get("end"))
    assert {c.tag for c in graph} <= {g + "attributes", g + "nodes", g + "edges"}

    declared = {"node": {}, "edge": {}}
    for block in graph.findall(g + "attributes"):
        assert block.get("class") in declared and block.get("mode") in ("static", "dynamic")
        for a in block:
            assert a.tag == g + "attribute" and a.get("title") and a.get("type") in ATTRIBUTE_TYPES
            assert a.get("id") not in declared[block.get("class")], "attribute ids are unique per class"
            declared[block.get("class")][a.get("id")] = (a.get("type"), block.get("mode"))

    def interval(el):
        s, e = date.fromisoformat(el.get("start")), date.fromisoformat(el.get("end"))
        assert start <= s <= e <= end
        return s, e

    def disjoint(intervals):
        intervals = sorted(intervals)
        assert all(a[1] < b[0] for a, b in zip(intervals, intervals[1:])), intervals

    def check_element(el, cls, allowed_viz):
        assert set(c.tag for c in el) <= {g + "attvalues", g + "spells"} | {v + t for t in allowed_viz}
        by_attribute = {}
        for av in el.findall(f"{g}attvalues/{g}attvalue"):
            kind, mode = declared[cls][av.get("for")]
            value = av.get("value")
            if kind in ("integer", "long"):
                int(value)
            elif kind in ("double", "float"):
                float(value)
            if mode == "dynamic":
                by_attribute.setdefault(av.get("for"), []).append(interval(av))
            else:
                assert av.get("start") is None and av.get("end") is None
        for intervals in by_attribute.values():
            disjoint(intervals)
        spells = el.find(g + "spells")
        assert (spells is not None) == dynamic
        if dynamic:
            assert len(spells) >= 1 and all(s.tag == g + "spell" for s in spells)
            disjoint([interval(s) for s in spells])
        for colour in el.findall(v + "color"):
            assert all(0 <= int(colour.get(c)) <= 255 for c in "rgb")

    ids = set()
    for node in graph.find(g + "nodes"):
        assert node.tag == g + "node" and node.get("id") not in ids and node.get("label") is not None
        ids.add(node.get("id"))
        check_element(node, "node", ("color", "position", "size", "shape"))
        pos = node.find(v + "position")
        float(pos.get("x")), float(pos.get("y")), float(pos.get("z"))
        assert float(node.find(v + "size").get("value")) >= 0
    edge_ids = set()
    for edge in graph.find(g + "edges"):
        assert edge.tag == g + "edge" and edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id"))
        assert edge.get("source") in ids and edge.get("target") in ids
        if edge.get("weight") is not None:
            float(edge.get("weight"))
        check_element(edge, "edge", ("color", "thickness", "shape"))


@pytest.mark.parametrize("per_date", [False, True])
def test_gexf_files_follow_the_gexf_1_2_schema_rules(tmp_path, per_date):
    snaps = snapshots(per_date)
    check_gexf_1_2(ET.parse(export_gexf(snaps, tmp_path / "all.gexf")).getroot())
    check_gexf_1_2(ET.parse(export_gexf(snaps[D2], tmp_path / "d2.gexf")).getroot())


# --- GraphML -------------------------------------------------------------------


def test_graphml_read_back_keeps_every_attribute_with_its_type(tmp_path):
    G = snapshots()[D3]
    H = nx.read_graphml(export_graphml(G, tmp_path / "d3.graphml"))

    assert set(H.nodes) == set(G.nodes) and ties(H) == ties(G)
    assert (H.graph["date"], H.graph["mode"], H.graph["articles"]) == ("2017-03-08", "cumulative", '["art-2017-03-08"]')
    for a, b, d in G.edges(data=True):
        h = H.edges[a, b]
        assert (h["weight"], h["sign"], h["count"]) == (d["weight"], d["sign"], d["count"])
        assert type(h["weight"]) is float and type(h["conflict"]) is float and type(h["sign"]) is int
        assert json.loads(h["origins"]) == list(d["origins"])
        assert json.loads(h["evidence"]) == [relation_record(r) for r in d["evidence"]]
    for n, d in G.nodes(data=True):
        assert H.nodes[n] == {"label": d["label"], "type": d["type"], "strength": d["strength"], "bloc": d["bloc"],
                              "bloc_name": f"bloc {d['bloc']}"}
    assert "<script>" in json.loads(H.edges["TUR", "YPG"]["evidence"])[0]["sentence"]


def test_graphml_declares_documented_numbers_with_one_type_even_when_a_sum_is_zero(tmp_path):
    # every tie of D1 holds an int 0 (no cooperation or no conflict): still doubles
    H = nx.read_graphml(export_graphml(snapshots()[D1], tmp_path / "d1.graphml"))
    assert {type(d[k]) for _, _, d in H.edges(data=True) for k in ("cooperation", "conflict")} == {float}


# --- JSON ----------------------------------------------------------------------


def test_json_of_one_snapshot_is_node_link_data_networkx_reads_back(tmp_path):
    G = snapshots()[D2]
    doc = json.loads(export_json(G, tmp_path / "d2.json").read_text(encoding="utf-8"))
    H = nx.node_link_graph(doc, edges="links")

    assert not H.is_directed() and not H.is_multigraph()
    assert H.graph == {"date": "2017-01-16", "mode": "cumulative", "articles": ["art-2017-01-16"]}
    assert set(H.nodes) == set(G.nodes) and ties(H) == ties(G)
    for a, b, d in G.edges(data=True):
        h = H.edges[a, b]
        assert (h["weight"], h["sign"], h["polarity"]) == (d["weight"], d["sign"], d["polarity"])
        assert h["evidence"] == [relation_record(r) for r in d["evidence"]]
        assert h["origins"] == list(d["origins"])
    assert [link["source"] < link["target"] for link in doc["links"]] == [True] * len(doc["links"])


def test_json_of_all_snapshots_holds_one_node_link_document_per_date(tmp_path):
    snaps = snapshots(per_date=True)
    doc = json.loads(export_json(snaps, tmp_path / "all.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("netviz-snapshots", 1)
    assert [s["graph"]["date"] for s in doc["snapshots"]] == [d.isoformat() for d in DAYS]
    for part, (day, G) in zip(doc["snapshots"], snaps.items()):
        H = nx.node_link_graph(part, edges="links")
        assert set(H.nodes) == set(G.nodes) and ties(H) == ties(G)
        assert {t: (H.edges[t]["weight"], H.edges[t]["sign"]) for t in ties(H)} == {
            t: (G.edges[t]["weight"], G.edges[t]["sign"]) for t in ties(G)
        }
        for t in ties(G):
            assert [doc["relations"][i] for i in H.edges[t]["evidence"]] == [relation_record(r) for r in G.edges[t]["evidence"]]


def test_json_of_all_snapshots_writes_each_relation_once(tmp_path):
    # cumulative: the RUS-TUR relation of D1 counts on all three dates
    doc = json.loads(export_json(snapshots(), tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(doc["relations"]) == len(RELATIONS)
    assert sorted(map(json.dumps, doc["relations"])) == sorted(json.dumps(relation_record(r)) for r in RELATIONS)


# --- CSV -----------------------------------------------------------------------


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def test_csv_has_one_row_per_tie_per_date_and_one_per_actor_per_date(tmp_path):
    snaps = snapshots()
    nodes, edges = export_csv(snaps, tmp_path / "tables")
    assert (nodes.name, edges.name) == ("nodes.csv", "edges.csv")

    header, rows = read_csv(edges)
    assert tuple(header) == EDGE_COLUMNS
    expected = {
        (a, b, day.isoformat()): d for day, G in snaps.items() for a, b, d in G.edges(data=True) for a, b in [sorted((a, b))]
    }
    assert [(r["a"], r["b"], r["date"]) for r in rows] == sorted(expected, key=lambda k: (k[2], k[0], k[1]))
    for r in rows:
        d = expected[r["a"], r["b"], r["date"]]
        assert float(r["weight"]) == d["weight"] and int(r["sign"]) == d["sign"]
        assert float(r["polarity"]) == d["polarity"] and int(r["evidence_count"]) == d["count"]
        assert float(r["cooperation"]) + float(r["conflict"]) == pytest.approx(d["weight"])
        assert r["origins"].split(";") == list(d["origins"])

    header, rows = read_csv(nodes)
    assert tuple(header) == NODE_COLUMNS
    assert {(r["actor"], r["date"]) for r in rows} == {(n, day.isoformat()) for day, G in snaps.items() for n in G}
    assert {r["label"] for r in rows if r["actor"] == "TUR"} == {"Türkiye"}


def test_csv_of_one_snapshot_writes_only_that_date(tmp_path):
    nodes, edges = export_csv(snapshots()[D1], tmp_path)
    assert {r["date"] for r in read_csv(edges)[1]} == {"2017-01-08"}
    assert len(read_csv(edges)[1]) == 2 and len(read_csv(nodes)[1]) == 3


# --- the dispatcher, determinism and errors ------------------------------------


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "csv"])
def test_every_format_is_byte_identical_across_runs_and_insertion_orders(tmp_path, fmt):
    snaps = snapshots()
    shuffled = {}
    for day in reversed(DAYS):  # same graphs, nodes and edges inserted in reverse
        G = snaps[day]
        H = nx.Graph(**G.graph)
        H.add_nodes_from(reversed(list(G.nodes(data=True))))
        H.add_edges_from((b, a, d) for a, b, d in reversed(list(G.edges(data=True))))
        shuffled[day] = H
    before = {day: (copy.deepcopy(dict(G.nodes(data=True))), copy.deepcopy(list(G.edges(data=True)))) for day, G in snaps.items()}

    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = export_snapshots(snaps, fmt, tmp_path / "a")
    second = export_snapshots(shuffled, fmt, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in export_snapshots(snaps, fmt, tmp_path / "a")] == [p.read_bytes() for p in first]
    assert before == {day: (dict(G.nodes(data=True)), list(G.edges(data=True))) for day, G in snaps.items()}
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")], "no temporary files left"


def test_dispatcher_picks_dates_and_default_file_names(tmp_path):
    snaps = snapshots()
    assert [p.name for p in export_snapshots(snaps, "gexf", tmp_path)] == ["netviz-all.gexf"]
    assert [p.name for p in export_snapshots(snaps, "graphml", tmp_path)] == ["netviz-2017-03-08.graphml"]
    assert [p.name for p in export_snapshots(snaps, "json", tmp_path, date="first")] == ["netviz-2017-01-08.json"]
    assert [p.name for p in export_snapshots(snaps, "json", tmp_path, date=D2)] == ["netviz-2017-01-16.json"]
    assert export_snapshots(snaps, "json", tmp_path / "mine.json", date="2017-01-16") == [tmp_path / "mine.json"]
    assert nx.read_gexf(tmp_path / "netviz-all.gexf").graph["mode"] == "dynamic"
    assert json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))["graph"]["date"] == "2017-01-16"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s, p: export_snapshots(s, "dot", p), "unknown export format 'dot'; choose one of gexf, graphml, json, csv"),
        (lambda s, p: export_snapshots(s, "json", p, date="2017-02-01"), "no snapshot on 2017-02-01; nearest snapshot dates: 2017-01-16, 2017-03-08"),
        (lambda s, p: export_snapshots(s, "json", p, date="2016-12-01"), "no snapshot on 2016-12-01; nearest snapshot dates: 2017-01-08 (3 dates"),
        (lambda s, p: export_snapshots(s, "json", p, date="yesterday"), "date 'yesterday' is not YYYY-MM-DD, 'first', 'last' or 'all'"),
        (lambda s, p: export_snapshots(s, "graphml", p, date="all"), "graphml holds one snapshot: give a date, 'first' or 'last'"),
        (lambda s, p: export_snapshots(s, "gexf", p / "missing" / "x.gexf"), "folder {p}/missing does not exist; create it or choose another --out"),
        (lambda s, p: export_snapshots(s, "graphml", p / "missing" / "x.graphml"), "folder {p}/missing does not exist"),
        (lambda s, p: export_snapshots(s, "json", p / "missing" / "x.json"), "folder {p}/missing does not exist"),
        (lambda s, p: export_snapshots(s, "csv", p / "missing" / "tables"), "folder {p}/missing does not exist"),
        (lambda s, p: export_snapshots({}, "json", p), "there are no snapshots to export"),
        (lambda s, p: export_snapshots([1, 2], "json", p), "expected snapshots (a mapping of date to graph, as build_snapshots returns), got a list"),
        (lambda s, p: export_snapshots({"2017-01-08": s[D1]}, "json", p), "snapshot key '2017-01-08' is not a datetime.date"),
        (lambda s, p: export_graphml(s, p / "x.graphml"), "graphml holds one snapshot: pass one graph"),
        (lambda s, p: export_gexf(nx.Graph(), p / "x.gexf"), "the graph has no G.graph['date']"),
        (lambda s, p: export_gexf(s, p / "x.gexf", positions={"RUS": (0, 0)}), "positions has no entry for actor TUR"),
        (lambda s, p: export_gexf(s, p / "x.gexf", positions={"RUS": "north"}), "position of actor RUS is 'north'; expected (x, y) numbers"),
        (lambda s, p: export_gexf(s, p / "x.gexf", color_by="sign"), "color_by is 'sign'; choose one of bloc, type"),
        (lambda s, p: export_snapshots(s, "gexf", p, color_by="size"), "color_by is 'size'; choose one of bloc, type"),
        (lambda s, p: export_gexf(s, p / "x.gexf", max_strength=0), "max_strength is 0; it must be a number > 0"),
    ],
)
def test_bad_input_raises_one_clear_netviz_error(tmp_path, call, message):
    with pytest.raises(NetvizError) as err:
        call(snapshots(), tmp_path)
    assert message.format(p=tmp_path) in str(err.value)
    assert "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_graphs_without_the_snapshot_attributes_are_refused_with_the_field_named(tmp_path):
    G = snapshots()[D1].copy()
    del G.edges["RUS", "TUR"]["sign"]
    with pytest.raises(NetvizError, match=r"snapshot 2017-01-08: tie (RUS--TUR|TUR--RUS) has no sign; build graphs with"):
        export_snapshots({D1: G}, "csv", tmp_path)
    G = snapshots()[D1].copy()
    G.nodes["RUS"]["strength"] = "strong"
    with pytest.raises(NetvizError, match="actor RUS: strength is 'strong', not a number"):
        export_json({D1: G}, tmp_path / "x.json")
    with pytest.raises(NetvizError, match="snapshot 2017-01-08 is a DiGraph; snapshots are undirected"):
        export_json({D1: nx.DiGraph(snapshots()[D1])}, tmp_path / "x.json")
    G = snapshots()[D1].copy()
    G.edges["RUS", "TUR"]["weight"] = float("nan")
    with pytest.raises(NetvizError, match="weight is nan; expected a finite number"):
        export_snapshots({D1: G}, "json", tmp_path)
    G = snapshots()[D1].copy()
    G.nodes["RUS"]["seen_in"] = {"Moscow", "Ankara"}
    with pytest.raises(NetvizError, match="actor RUS attribute 'seen_in' is a set; export writes text, numbers"):
        export_graphml(G, tmp_path / "x.graphml")
    assert list(tmp_path.iterdir()) == []


def test_actors_without_a_bloc_are_written_without_one(tmp_path):
    G = snapshots()[D1].copy()
    G.nodes["YPG"]["bloc"] = None  # render draws it in the no-bloc colour
    export_snapshots({D1: G}, "csv", tmp_path)
    assert {r["actor"]: r["bloc"] for r in read_csv(tmp_path / "nodes.csv")[1]}["YPG"] == ""
    doc = json.loads(export_json(G, tmp_path / "d1.json").read_text(encoding="utf-8"))
    assert [n["bloc"] for n in doc["nodes"] if n["id"] == "YPG"] == [None]
    assert "bloc" not in nx.read_graphml(export_graphml(G, tmp_path / "d1.graphml")).nodes["YPG"]
    H = nx.read_gexf(export_gexf({D1: G, D2: snapshots()[D2]}, tmp_path / "all.gexf"))
    assert H.nodes["YPG"]["bloc"] == [(0, "2017-01-16", "2017-01-16")]
    assert H.nodes["YPG"]["viz"]["color"] == rgb(node_color({"bloc": 0}))


def test_csv_refuses_a_file_where_its_folder_should_be(tmp_path):
    (tmp_path / "tables").write_text("x")
    with pytest.raises(NetvizError, match="tables is a file; csv export writes nodes.csv and edges.csv into a folder"):
        export_csv(snapshots(), tmp_path / "tables")


# --- the command line ----------------------------------------------------------

SEEDS = Path(__file__).parent.parent / "data" / "articles"


def netviz(*args):
    from typer.testing import CliRunner

    from netviz.cli import app

    return CliRunner().invoke(app, ["export", *args])


def test_cli_exports_every_date_as_dynamic_gexf_into_output_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = netviz("--data", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {Path('output') / 'netviz-all.gexf'}\n"
    H = nx.read_gexf(tmp_path / "output" / "netviz-all.gexf")
    assert H.graph["mode"] == "dynamic" and H.number_of_edges() > 0
    check_gexf_1_2(ET.parse(tmp_path / "output" / "netviz-all.gexf").getroot())


def test_cli_exports_one_date_in_each_format(tmp_path):
    result = netviz("last", "--format", "csv", "--out", str(tmp_path / "tables"), "--data", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert {r["date"] for r in read_csv(tmp_path / "tables" / "edges.csv")[1]} == {"2018-04-21"}
    result = netviz("2017-01-16", "--format", "graphml", "--out", str(tmp_path), "--data", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "netviz-2017-01-16.graphml").graph["date"] == "2017-01-16"
    result = netviz("first", "--format", "json", "--out", str(tmp_path / "first.json"), "--data", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))["graph"]["date"] == "2016-10-25"


def test_cli_date_between_snapshot_dates_exports_the_state_as_of_that_date(tmp_path):
    # as in compare: 2017-02-01 has no article; its state is that of 2017-01-16 (cumulative)
    for day in ("2017-02-01", "2017-01-16"):
        result = netviz(day, "--format", "json", "--out", str(tmp_path / f"{day}.json"), "--data", str(SEEDS))
        assert result.exit_code == 0, result.output
    between, before = (
        nx.node_link_graph(json.loads((tmp_path / f"{d}.json").read_text(encoding="utf-8")), edges="links")
        for d in ("2017-02-01", "2017-01-16")
    )
    assert between.graph["date"] == "2017-02-01"
    assert {t: between.edges[t]["weight"] for t in ties(between)} == {t: before.edges[t]["weight"] for t in ties(before)}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "pdf"], "Error: --format 'pdf' must be one of gexf, graphml, json, csv"),
        (["1999-01-01"], "Error: 1999-01-01 is before the first article"),
        (["all", "--format", "graphml"], "Error: graphml holds one snapshot"),
        (["--out", "{tmp}/missing/x.gexf"], "Error: {tmp}/missing/x.gexf: folder {tmp}/missing does not exist"),
    ],
)
def test_cli_bad_input_is_one_error_line_and_exit_code_1(tmp_path, args, message):
    result = netviz(*[a.format(tmp=tmp_path) for a in args], "--data", str(SEEDS))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(message.format(tmp=tmp_path))
    assert len(result.stderr.strip().splitlines()) == 1


def test_xml_exports_stay_well_formed_whatever_characters_a_name_holds(tmp_path):
    G = snapshots()[D1].copy()
    G.nodes["YPG"]["label"] = "Kurdish\x0bforces & <allies>"  # a vertical tab from a pasted codebook name
    H = nx.read_gexf(export_gexf(G, tmp_path / "d1.gexf"))
    assert H.nodes["YPG"]["label"] == "Kurdish\ufffdforces & <allies>"
    assert nx.read_graphml(export_graphml(G, tmp_path / "d1.graphml")).nodes["YPG"]["label"] == "Kurdish\ufffdforces & <allies>"


@pytest.mark.parametrize("per_date", [False, True])
def test_dynamic_gexf_of_a_builds_snapshots_comes_from_its_changes_and_equals_the_graphs_one(tmp_path, per_date):
    from netviz.graph.blocs import assign_steady_blocs

    snaps = assign_steady_blocs(snapshots(per_date))
    from_changes = export_gexf(snaps, tmp_path / "changes.gexf")  # the lazy snapshots: read from the history
    from_graphs = export_gexf(dict(snaps), tmp_path / "graphs.gexf")  # every date's graph
    assert from_changes.read_bytes() == from_graphs.read_bytes()
