"""The notebook API: netviz.show's pyvis Network, the DataFrames, and
examples/notebook.ipynb executed end to end in a real Jupyter kernel (nbclient
and ipykernel from the test extra)."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from pyvis.network import Network

import netviz
from netviz.errors import NetvizError
from netviz.export import frames
from netviz.export.notebook import show
from netviz.graph.analysis import assign_steady_blocs
from netviz.graph.layout import compute_layout
from netviz.graph.snapshots import build_snapshots
from netviz.model import Evidence, Relation
from netviz.site.palette import SIGN_COLORS, node_color
from netviz.site.render import render_map

NOTEBOOK = Path(__file__).parent.parent / "examples" / "notebook.ipynb"
D1, D2 = date(2017, 1, 8), date(2017, 3, 8)


def rel(a, b, sign, day, **evidence):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(sentence=f"{a} and {b}.", cue="x", **evidence)
    return Relation(a, b, sign, kind, 5.0, day, "extracted", ev)


RELATIONS = [rel("RUS", "SYR", 1, D1, article="a1", start=0, end=12), rel("TUR", "SYR", -1, D2, article="a2"),
             rel("RUS", "TUR", 1, D2), rel("USA", "ISIS", -1, D2)]


def snaps():
    return assign_steady_blocs(build_snapshots(RELATIONS, [D1, D2]))


def page_options(net_or_page):
    """The vis-network options a page (or a network's page) hands to vis.Network."""
    html = net_or_page if isinstance(net_or_page, str) else net_or_page.generate_html()
    graph = re.search(r'<script type="application/json" id="netviz-graph">(.*?)</script>', html, re.S).group(1)
    return json.loads(graph)["options"]


# --- netviz.show ------------------------------------------------------------------


def test_show_draws_the_page_render_map_writes_with_netviz_styling_and_positions(tmp_path):
    G = snaps()[D2]
    positions = compute_layout(snaps().values())
    net = netviz.show(G, positions=positions, title="Syria")
    assert isinstance(net, Network)
    page = render_map(G, tmp_path / "map.html", positions=positions, title="Syria").read_text(encoding="utf-8")
    assert net.generate_html() == page
    nodes = {n["id"]: n for n in net.nodes}
    assert {n: (d["x"], d["y"]) for n, d in nodes.items()} == {n: tuple(positions[n]) for n in G}
    assert all(nodes[n]["color"] == node_color(d) for n, d in G.nodes(data=True))
    assert {e["color"] for e in net.edges} == {SIGN_COLORS[s] for *_, s in G.edges(data="sign")}
    assert "https://" not in re.sub(r'"url": *"[^"]*"', "", page.split("<body", 1)[0]) and "<script src=" not in page


def test_each_pyvis_method_changes_the_options_the_page_draws_with():
    net = show(snaps()[D2])
    before = page_options(net)
    assert before["physics"]["enabled"] is False and before["edges"]["smooth"] is False

    net.toggle_physics(True)
    assert page_options(net)["physics"]["enabled"] is True
    net.toggle_physics(False)
    assert page_options(net)["physics"]["enabled"] is False

    net.barnes_hut(gravity=-5000, spring_length=120)
    physics = page_options(net)["physics"]
    assert physics["enabled"] is True and physics["solver"] == "barnesHut"
    assert physics["barnesHut"]["gravitationalConstant"] == -5000 and physics["barnesHut"]["springLength"] == 120

    net.repulsion(node_distance=240, damping=0.2)
    physics = page_options(net)["physics"]
    assert physics["solver"] == "repulsion" and physics["repulsion"]["nodeDistance"] == 240
    assert physics["repulsion"]["damping"] == 0.2

    net.set_edge_smooth("curvedCW")
    assert page_options(net)["edges"]["smooth"] == {"enabled": True, "type": "curvedCW"}

    net.show_buttons(filter_=["physics"])
    assert page_options(net)["configure"] == {"enabled": True, "filter": ["physics"]}

    # the text show_buttons' "generate options" button prints, and a dict
    net.set_options('var options = {"physics": {"solver": "forceAtlas2Based"}, "interaction": {"hover": false}}')
    after = page_options(net)
    assert after["physics"]["solver"] == "forceAtlas2Based" and after["interaction"]["hover"] is False
    assert after["physics"]["repulsion"]["nodeDistance"] == 240  # merged, not replaced
    assert after["nodes"] == before["nodes"]  # netviz's node styling stays
    net.set_options({"edges": {"smooth": False}})
    assert page_options(net)["edges"]["smooth"] is False
    net.set_edge_smooth("dynamic")  # still works after set_options
    assert page_options(net)["edges"]["smooth"]["type"] == "dynamic"
    with pytest.raises(NetvizError, match="set_options: not a JSON object"):
        net.set_options("{physics: on}")


def test_pyvis_writers_give_the_edited_page(tmp_path):
    net = show(snaps()[D2])
    net.toggle_physics(True)
    net.write_html(str(tmp_path / "map.html"))
    written = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert written == net.generate_html() and page_options(written)["physics"]["enabled"] is True
    assert 'sandbox="allow-scripts"' in net._repr_html_()


def test_show_in_chromium_moves_the_actors_only_with_physics_and_shows_the_option_editor(tmp_path, open_page):
    G = snaps()[D2]
    still = show(G)
    moving = show(G)
    moving.barnes_hut(gravity=-3000, spring_length=50, spring_strength=0.2)  # strong springs: they must pull
    moving.show_buttons(filter_=["physics"])
    for name, net in (("still", still), ("moving", moving)):
        net.write_html(str(tmp_path / f"{name}.html"))
    drawn = {n["id"]: (n["x"], n["y"]) for n in still.nodes}

    def moved(tab):
        """The largest distance an actor moved from where netviz placed it, after a second."""
        tab.page.wait_for_timeout(1000)
        now = tab.js("() => window.netvizMap.network.getPositions()")
        return max(abs(now[n]["x"] - x) + abs(now[n]["y"] - y) for n, (x, y) in drawn.items())

    tab = open_page(tmp_path / "still.html")
    assert moved(tab) < 1 and not tab.errors and not tab.requests
    assert tab.js("() => document.querySelector('.vis-configuration-wrapper') === null")
    tab = open_page(tmp_path / "moving.html")
    assert moved(tab) > 5 and not tab.errors and not tab.requests
    assert tab.js("() => document.querySelector('.vis-configuration-wrapper') !== null")


# --- DataFrames ----------------------------------------------------------------------


def test_tables_have_proper_dtypes_with_pandas():
    pd = pytest.importorskip("pandas")
    history = snaps()
    ties = frames.ties_table(history)
    assert isinstance(ties, pd.DataFrame) and len(ties) == sum(G.number_of_edges() for G in history.values())
    assert str(ties["date"].dtype).startswith("datetime64")
    assert str(ties["sign"].dtype) == "Int64" and str(ties["evidence_count"].dtype) == "Int64"
    assert ties["weight"].dtype == "float64"
    actors = frames.actors_table(history)
    assert str(actors["bloc"].dtype) == "Int64"
    unaligned = {(n, pd.Timestamp(day)) for day, G in history.items() for n, b in G.nodes(data="bloc") if b is None}
    assert unaligned and {(r.actor, r.date) for r in actors[actors["bloc"].isna()].itertuples()} == unaligned
    assert set(actors.loc[actors["bloc"].isna(), "bloc_name"]) == {"no bloc"}
    relations = frames.relations_table(RELATIONS)
    assert list(relations["sign"]) == [1, -1, 1, -1] and str(relations["start"].dtype) == "Int64"
    assert relations["start"].isna().tolist() == [False, True, True, True]
    assert str(relations["date"].dtype).startswith("datetime64") and relations["valid_to"].isna().all()


def test_tables_are_plain_records_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    records = frames.relations_table(RELATIONS)
    assert isinstance(records, list) and records[0]["date"] == D1 and records[0]["sign"] == 1
    assert records[1]["start"] is None
    assert frames.actors_table(snaps())[0].keys() == set(frames.NODE_COLUMNS)
    with pytest.raises(NetvizError, match=r"pip install 'netviz\[pandas\]'"):
        frames.ties_table(snaps(), frame=True)


def test_a_build_gives_its_relations_ties_and_actors_as_tables(tmp_path):
    pd = pytest.importorskip("pandas")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("---\ndate: 2017-01-08\n---\nRussia and Turkey signed an agreement.\n", encoding="utf-8")
    run = netviz.build(tmp_path, jobs=1)
    relations = run.relations_table()
    assert isinstance(relations, pd.DataFrame) and set(relations["origin"]) <= {"extracted", "curated"}
    assert len(relations) == len(run.relations) + len(run.curated.relations)
    assert len(run.ties_table()) == sum(G.number_of_edges() for G in run.snapshots.values())
    assert run.actors_table(frame=False)[0]["date"] == date(2017, 1, 8)


# --- the example notebook --------------------------------------------------------------


def test_the_example_notebook_runs_end_to_end_in_a_jupyter_kernel():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), "commit it without outputs"
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('<iframe srcdoc="' in h and 'sandbox="allow-scripts"' in h for h in html), "the map is drawn inline"
    assert any("<table" in h for h in html), "DataFrames render as tables"
    assert "netviz-all.gexf" in outputs[-1]["data"]["text/plain"]
