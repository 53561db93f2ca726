"""Exports read back by the tools that consume them: the official GEXF schemas
(lxml), graphology-gexf under Node (sigma.js, Gephi Lite), networkx, igraph and
pandas, and the read-back lines of docs/export-formats.md run as written.

graphology-gexf comes from the npm registry at the versions pinned in
tests/js/package-lock.json, installed into tests/js/node_modules on first use.
Without Node or npm these tests skip on a user's machine and fail in CI.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from netviz.cli import app
from netviz.export import (
    GEXF_NS,
    VIZ_NS,
    export_csv,
    export_graphml,
    export_json,
    export_snapshots,
)
from netviz.graph.analysis import assign_steady_blocs
from netviz.ingest.actors import Actor, Codebook
from netviz.graph.layout import compute_layout
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation
from netviz.site.palette import node_color, sign_color

HERE = Path(__file__).parent
SCHEMAS = HERE / "data" / "gexf-1.2draft"
JS = HERE / "js"
DOCS = HERE.parent / "docs" / "export-formats.md"
SAMPLE = HERE.parent / "data"
D1, D2, D3 = date(2017, 1, 8), date(2017, 1, 16), date(2017, 3, 8)


# actors with names a page must escape, in the bundled codebook's own type
CODEBOOK = Codebook([
    Actor("RUS", "Russia", "state", ()),
    Actor("TUR", "Türkiye", "state", ()),
    Actor("USA", "United States", "state", ()),
    Actor("SYR", "Syria", "state", ()),
    Actor("YPG", 'Kurdish "YPG" <forces> & co\x0b', "armed_group", ()),
    Actor("ISIS", "Islamic State", "armed_group", ()),
])


def rel(a, b, sign, day, intensity=5.0):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(sentence=f"{a} {'backs' if sign > 0 else 'attacks'} {b}.", cue="x", article=f"art-{day}")
    return Relation(a, b, sign, kind, intensity, day, "extracted", ev)


RELATIONS = [
    rel("RUS", "SYR", 1, D1, 6.0), rel("RUS", "TUR", 1, D1, 6.0), rel("TUR", "YPG", -1, D1, 8.0),
    rel("USA", "YPG", 1, D2, 7.0), rel("USA", "TUR", -1, D2, 4.0), rel("ISIS", "SYR", -1, D2, 5.0),
    rel("ISIS", "USA", -1, D3, 5.0), rel("TUR", "RUS", -1, D3, 9.0),  # RUS-TUR flips to mixed
]


def snapshots(**how):
    dates = {day: (f"art-{day}",) for day in (D1, D2, D3)}
    return assign_steady_blocs(build_snapshots(RELATIONS, dates, codebook=CODEBOOK, **how))


@pytest.fixture(scope="module")
def gexf_files(tmp_path_factory):
    """Every kind of GEXF netviz writes: dynamic and static, each snapshot mode, both colourings,
    and what `netviz export` writes for the bundled sample (real names, 25 actors, 5 dates)."""
    out = tmp_path_factory.mktemp("gexf")
    cumulative = snapshots()
    files = {
        "dynamic": export_snapshots(cumulative, "gexf", out / "all.gexf")[0],
        "per-date": export_snapshots(snapshots(per_date=True), "gexf", out / "per-date.gexf")[0],
        "window": export_snapshots(snapshots(window=10), "gexf", out / "window.gexf")[0],
        "static": export_snapshots(cumulative, "gexf", out / "last.gexf", date="last")[0],
        "by-type": export_snapshots(cumulative, "gexf", out / "first.gexf", date="first", color_by="type")[0],
    }
    assert any(d["bloc"] is None for G in cumulative.values() for _, d in G.nodes(data=True)), "an actor in no bloc"
    for name, when in (("sample", "all"), ("sample-last", "last")):
        done = CliRunner().invoke(app, ["export", when, "--format", "gexf", "--data", str(SAMPLE), "--jobs", "1",
                                        "--out", str(out / f"{name}.gexf"), "--no-cache"])
        assert done.exit_code == 0, done.output
        files[name] = out / f"{name}.gexf"
    return files


# --- the official GEXF 1.2draft schemas ------------------------------------------


def _validators():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf.xsd"))), etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf.rng")))


def _viz_in_gexf_namespace(doc):
    """A copy of ``doc`` with its viz:* elements in the GEXF namespace, where both
    official schemas (wrongly) declare them: their content is then validated too."""
    from lxml import etree

    copy = etree.fromstring(etree.tostring(doc))
    for el in copy.iter(f"{{{VIZ_NS}}}*"):
        el.tag = f"{{{GEXF_NS}}}{etree.QName(el).localname}"
    return etree.fromstring(etree.tostring(copy))


@pytest.mark.parametrize("kind", ["dynamic", "per-date", "window", "static", "by-type", "sample", "sample-last"])
def test_every_gexf_is_valid_against_the_official_xsd_and_relax_ng_schemas(gexf_files, kind):
    from lxml import etree

    xsd, rng = _validators()
    doc = etree.parse(str(gexf_files[kind]))
    viz = list(doc.iter(f"{{{VIZ_NS}}}*"))
    assert {etree.QName(el).localname for el in viz} == {"color", "position", "size"}

    # the schemas' known defect, checked rather than skipped: as written the
    # file fails on its viz elements, and on nothing else
    assert not xsd.validate(doc)
    messages = {e.message for e in xsd.error_log}
    assert messages <= {f"Element '{{{VIZ_NS}}}{name}': This element is not expected." for name in ("color", "position", "size")}
    assert not rng.validate(doc)
    assert all(re.search(r"\b(color|position|size)\b|interleave|failed to validate", e.message) for e in rng.error_log)

    fixed = _viz_in_gexf_namespace(doc)
    assert xsd.validate(fixed), xsd.error_log
    assert rng.validate(fixed), rng.error_log


def test_the_schema_check_catches_a_broken_file(gexf_files):
    from lxml import etree

    xsd, rng = _validators()
    doc = _viz_in_gexf_namespace(etree.parse(str(gexf_files["dynamic"])))
    node = doc.find(f".//{{{GEXF_NS}}}node")
    del node.attrib["id"]
    assert not xsd.validate(doc) and not rng.validate(doc)
    doc = _viz_in_gexf_namespace(etree.parse(str(gexf_files["static"])))
    doc.find(f".//{{{GEXF_NS}}}color").set("r", "300")  # a colour channel beyond 255
    assert not xsd.validate(doc) and not rng.validate(doc)


# --- graphology-gexf under Node ------------------------------------------------------


@pytest.fixture(scope="module")
def graphology():
    """``read(*paths)``: what graphology-gexf (default options) reads from each GEXF file."""
    node, npm = shutil.which("node"), shutil.which("npm")
    reason = None if node and npm else "Node.js and npm are needed to run graphology-gexf (apt-get install nodejs npm)"
    if reason is None and not (JS / "node_modules" / "graphology-gexf").is_dir():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True, timeout=600)
        if done.returncode:
            reason = f"`npm ci` in {JS} failed: {done.stderr.strip()[-500:]}"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"graphology-gexf must run in CI, but {reason}", pytrace=False)
        pytest.skip(reason)

    def read(*paths):
        done = subprocess.run([node, str(JS / "read_gexf.js"), *map(str, paths)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    return read


def test_graphology_gexf_loads_every_export_with_its_default_options(gexf_files, graphology):
    read = dict(zip(gexf_files, graphology(*gexf_files.values())))
    snaps = snapshots()
    positions = compute_layout(snaps.values())
    last = snaps[D3]

    # one date: exactly the snapshot, with the maps' look
    static = read["static"]
    assert static["type"] == "undirected" and not static["multi"]
    assert set(static["nodes"]) == set(last.nodes)
    for n, d in last.nodes(data=True):
        got = static["nodes"][n]
        assert (got["label"], got["type"], got["strength"]) == (d["label"].replace("\x0b", "\ufffd"), d["type"], d["strength"])
        # blocs are named by their strongest members (G.graph["bloc_names"]); an actor in none: "no bloc"
        assert got.get("bloc") == d["bloc"] and got["bloc_name"] == (last.graph["bloc_names"][d["bloc"]] if d["bloc"] is not None else "no bloc")
        assert (got["x"], got["y"]) == pytest.approx((positions[n][0], -positions[n][1]))
        assert got["color"] == "rgb({},{},{})".format(*(int(node_color(d)[i:i + 2], 16) for i in (1, 3, 5)))
    edges = {tuple(sorted((e["source"], e["target"]))): e["attributes"] for e in static["edges"]}
    assert set(edges) == {tuple(sorted(e)) for e in last.edges}
    for a, b, d in last.edges(data=True):
        got = edges[tuple(sorted((a, b)))]
        assert (got["weight"], got["sign"], got["count"]) == (d["weight"], d["sign"], d["count"])
        assert got["color"] == "rgb({},{},{})".format(*(int(sign_color(d["sign"])[i:i + 2], 16) for i in (1, 3, 5)))

    # all dates: graphology ignores time, so it holds every actor and tie of any
    # date with its latest values (docs/export-formats.md says so)
    for kind in ("dynamic", "per-date", "window"):
        how = {"per-date": {"per_date": True}, "window": {"window": 10}}.get(kind, {})
        history = snapshots(**how)
        got = read[kind]
        assert set(got["nodes"]) == {n for G in history.values() for n in G}
        latest_tie = {tuple(sorted(e)): d for G in history.values() for *e, d in G.edges(data=True)}
        ties = {tuple(sorted((e["source"], e["target"]))): e["attributes"] for e in got["edges"]}
        assert set(ties) == set(latest_tie)
        for key, d in latest_tie.items():
            assert (ties[key]["weight"], ties[key]["sign"], ties[key]["polarity"]) == (d["weight"], d["sign"], d["polarity"])
    assert read["dynamic"]["edges"] and read["dynamic"]["attributes"]["creator"].startswith("netviz")
    sample, last = read["sample"], read["sample-last"]
    assert set(last["nodes"]) <= set(sample["nodes"]) and len(sample["edges"]) >= len(last["edges"]) > 20


# --- GraphML, CSV and JSON through their consumers ------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The files docs/export-formats.md reads back, under the names it uses."""
    out = tmp_path_factory.mktemp("exports")
    snaps = snapshots()
    export_graphml(snaps[D3], out / f"netviz-{D3}.graphml")
    export_csv(snaps, out / "tables")
    export_json(snaps, out / "netviz-all.json")
    return out, snaps


def test_networkx_reads_graphml_with_integers_as_integers_and_no_bloc_as_absent(exported):
    out, snaps = exported
    H = nx.read_graphml(out / f"netviz-{D3}.graphml")
    G = snaps[D3]
    for a, b, d in G.edges(data=True):
        h = H.edges[a, b]
        assert type(h["sign"]) is int and type(h["count"]) is int and type(h["weight"]) is float
        assert (h["sign"], h["count"]) == (d["sign"], d["count"])
    for n, d in G.nodes(data=True):
        assert H.nodes[n].get("bloc") == d["bloc"]
        assert H.nodes[n]["bloc_name"] == ("no bloc" if d["bloc"] is None else G.graph["bloc_names"][d["bloc"]])
    assert {type(H.nodes[n]["bloc"]) for n in H if "bloc" in H.nodes[n]} == {int}


def test_igraph_reads_graphml_and_the_documented_lines_give_integers_back(exported):
    import igraph as ig
    out, snaps = exported
    g = ig.Graph.Read_GraphML(str(out / f"netviz-{D3}.graphml"))
    G = snaps[D3]
    # what igraph does on its own: every number a float, an absent bloc NaN
    assert all(isinstance(s, float) for s in g.es["sign"])
    assert any(isinstance(b, float) and math.isnan(b) for b in g.vs["bloc"])
    assert set(g.vs["bloc_name"]) >= {"no bloc"}
    names = {v.index: v["id"] for v in g.vs}
    for e in g.es:
        d = G.edges[names[e.source], names[e.target]]
        assert e["weight"] == d["weight"] and int(e["sign"]) == d["sign"] and int(e["count"]) == d["count"]


def _python_blocks(section):
    text = DOCS.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, re.S)


def test_the_read_back_lines_of_the_docs_work_as_written(exported, monkeypatch):
    out, snaps = exported
    monkeypatch.chdir(out)
    G3 = snaps[D3]
    unaligned = [n for n, b in G3.nodes(data="bloc") if b is None]
    aligned = [n for n, b in G3.nodes(data="bloc") if b is not None]
    assert unaligned and aligned

    graphml = _python_blocks("GraphML")
    assert len(graphml) == 2
    scope: dict = {}
    exec(graphml[0], scope)
    assert scope["evidence"][0]["sentence"] == "TUR attacks RUS."
    assert {n: scope["G"].nodes[n].get("bloc") for n in G3} == dict(G3.nodes(data="bloc"))
    exec(graphml[1], scope)
    g = scope["g"]
    assert {type(x) for x in g.es["sign"] + g.es["count"]} == {int}
    assert dict(zip(g.vs["id"], g.vs["bloc"])) == dict(G3.nodes(data="bloc"))

    (tables,) = _python_blocks("CSV")
    exec(tables, scope)
    nodes, edges = scope["nodes"], scope["edges"]
    assert str(nodes["bloc"].dtype) == "Int64" and nodes["bloc"].isna().sum() == sum(
        b is None for G in snaps.values() for _, b in G.nodes(data="bloc"))
    assert str(edges["sign"].dtype) == "int64" and str(edges["evidence_count"].dtype) == "int64"
    assert str(nodes["date"].dtype).startswith("datetime64") and str(edges["date"].dtype).startswith("datetime64")
    assert len(edges) == sum(G.number_of_edges() for G in snaps.values())

    json_blocks = _python_blocks("JSON")
    assert any('edges="links"' in block for block in json_blocks)
    for block in json_blocks:
        exec(block, scope)
    assert scope["sentences"] == ["TUR attacks RUS.", "RUS backs TUR."]
