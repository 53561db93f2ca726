import random
from datetime import date, timedelta

import pytest

from netviz.graph.snapshots import build_snapshots, tie_attributes
from netviz.ingest.curated import Curated
from netviz.model import KINDS, Evidence, Relation

D1, D2, D3 = date(2017, 1, 8), date(2017, 1, 16), date(2017, 3, 8)


def rel(a, b, sign, day, intensity=5.0, confidence=1.0, origin="extracted", **validity):
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(sentence=f"{a} {sign:+d} {b} on {day}", cue="cue", article=f"art-{day}")
    return Relation(a, b, sign, kind, intensity, day, origin, ev, confidence, **validity)


def test_cumulative_per_date_and_window_modes_hold_the_right_evidence():
    rels = [rel("RUS", "TUR", 1, D1), rel("USA", "TUR", -1, D2), rel("RUS", "TUR", 1, D3)]
    cumulative = build_snapshots(rels, [D1, D2, D3])
    assert [G.number_of_edges() for G in cumulative.values()] == [1, 2, 2]
    assert cumulative[D3].edges["RUS", "TUR"]["count"] == 2

    per_date = build_snapshots(rels, [D1, D2, D3], per_date=True)
    assert sorted(per_date[D2].edges) == [("TUR", "USA")]
    assert per_date[D3].edges["RUS", "TUR"]["count"] == 1

    window = build_snapshots(rels, [D1, D2, D3], window=10)  # D2 is 8 days after D1; D3 51 after D2
    assert sorted(window[D2].edges) == [("RUS", "TUR"), ("TUR", "USA")]
    assert sorted(window[D3].edges) == [("RUS", "TUR")]
    assert window[D3].edges["RUS", "TUR"]["count"] == 1
    assert window[D3].graph["mode"] == "window:10"


def test_tie_attributes_aggregate_sign_weight_and_confidence():
    t = tie_attributes([rel("A", "B", 1, D1, 6, 0.5), rel("B", "A", -1, D1, 3)])
    assert t["cooperation"] == 3.0 and t["conflict"] == 3.0 and t["weight"] == 6.0
    assert t["polarity"] == 0.0 and t["sign"] == 0  # mixed
    assert tie_attributes([rel("A", "B", -1, D1, 9)])["sign"] == -1
    assert tie_attributes([rel("A", "B", 1, D1, 2), rel("A", "B", -1, D1, 1)])["sign"] == 1
    # evidence strongest first
    assert [r.intensity for r in tie_attributes([rel("A", "B", 1, D1, 2), rel("A", "B", 1, D2, 8)])["evidence"]] == [8, 2]


def test_curated_relations_count_only_while_valid():
    cur = Curated(relations=(rel("RUS", "TUR", -1, D1, origin="curated", valid_from=D1, valid_to=D2),))
    snaps = build_snapshots([rel("USA", "TUR", 1, D1)], [D1, D2, D3], curated=cur, per_date=True)
    assert ("RUS", "TUR") in snaps[D2].edges
    assert ("RUS", "TUR") not in snaps[D3].edges
    assert snaps[D2].edges["RUS", "TUR"]["origins"] == ("curated",)


def test_nodes_carry_strength_label_and_type_and_graph_carries_its_date():
    class Codebook:
        class Actor:
            def __init__(self, name, type):
                self.name, self.type = name, type

        actors = {"RUS": Actor("Russia", "state"), "YPG": Actor("Syrian Kurdish forces", "armed_group")}

        def __contains__(self, a):
            return a in self.actors

        def get(self, a):
            return self.actors[a]

    snaps = build_snapshots([rel("RUS", "YPG", 1, D1, 4), rel("RUS", "ZZZ", -1, D1, 2)], {D1: ["a", "b"]}, codebook=Codebook())
    G = snaps[D1]
    assert G.graph["date"] == D1 and G.graph["articles"] == ("a", "b")
    assert G.nodes["RUS"]["strength"] == 6.0
    assert G.nodes["YPG"]["label"] == "Syrian Kurdish forces" and G.nodes["YPG"]["type"] == "armed_group"
    assert G.nodes["ZZZ"]["label"] == "ZZZ" and G.nodes["ZZZ"]["type"] == "unknown"


def test_no_actor_ever_relates_to_itself():
    with pytest.raises(ValueError):
        rel("USA", "USA", 1, D1)


def _naive(rels, day, per_date, window):
    """Each snapshot rebuilt from scratch: the reference the incremental builder must match."""
    if per_date:
        keep = [r for r in rels if r.date == day]
    elif window:
        keep = [r for r in rels if day - timedelta(days=window - 1) <= r.date <= day]
    else:
        keep = [r for r in rels if r.date <= day]
    by_dyad = {}
    for r in keep:
        by_dyad.setdefault(r.dyad, []).append(r)
    return {d: tie_attributes(v) for d, v in by_dyad.items()}


@pytest.mark.parametrize("per_date, window", [(False, None), (True, None), (False, 1), (False, 30)])
def test_incremental_build_equals_rebuilding_each_date_from_scratch(per_date, window):
    rng = random.Random(7)
    actors = [f"A{i}" for i in range(12)]
    start = date(2016, 1, 1)
    rels = []
    for _ in range(400):
        a, b = rng.sample(actors, 2)
        sign = rng.choice([1, -1])
        kind = rng.choice([k for k in KINDS if (k.endswith("cooperation")) == (sign > 0)])
        day = start + timedelta(days=rng.randrange(200))
        rels.append(Relation(a, b, sign, kind, rng.uniform(1, 10), day, "extracted",
                             Evidence(f"s{len(rels)}", "c", article=f"x{len(rels)}"), rng.choice([0.5, 1.0])))
    days = sorted({start + timedelta(days=rng.randrange(220)) for _ in range(25)})
    snaps = build_snapshots(rels, days, per_date=per_date, window=window)
    for day in days:
        G = snaps[day]
        expected = _naive(rels, day, per_date, window)
        got = {tuple(sorted(e)): {k: v for k, v in attrs.items()} for *e, attrs in G.edges(data=True)}
        assert got == expected, day
