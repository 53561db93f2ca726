"""Comparing two snapshots: tie and actor changes, their evidence, bloc moves and balance."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from netviz.errors import NetvizError
from netviz.graph.analysis import assign_blocs
from netviz.graph.compare import (
    DEFAULT_THRESHOLD,
    compare_snapshots,
    diff_record,
    format_diff_table,
)
from netviz.graph.snapshots import build_snapshots, tie_attributes
from netviz.ingest.curated import Curated
from netviz.model import Evidence, Relation

D1, D2 = date(2019, 10, 6), date(2019, 10, 13)
KIND = {1: "material_cooperation", -1: "material_conflict"}


def rel(a: str, b: str, sign: int, sentence: str, day: date = D1, intensity: float = 5.0, **extra) -> Relation:
    ev = Evidence(sentence=sentence, cue="cue", article=f"art-{day.isoformat()}", start=0, end=len(sentence))
    return Relation(a, b, sign, KIND[sign], intensity, day, extra.pop("origin", "extracted"), ev, **extra)


def snapshot(relations, day: date, mode: str = "cumulative") -> nx.Graph:
    """A snapshot with exactly these relations, aggregated as the builder does."""
    G = nx.Graph(date=day, mode=mode, articles=())
    ties: dict[tuple[str, str], list[Relation]] = {}
    for r in relations:
        ties.setdefault(r.dyad, []).append(r)
    for (a, b), rels in sorted(ties.items()):
        G.add_edge(a, b, **tie_attributes(rels))
    for actor in G:
        G.nodes[actor].update(label=actor, strength=sum(w for *_, w in G.edges(actor, data="weight")))
    return G


def random_relations(rnd: random.Random, actors: int, count: int, day: date) -> list[Relation]:
    names = [f"A{i:02d}" for i in range(actors)]
    out = []
    for i in range(count):
        a, b = rnd.sample(names, 2)
        out.append(rel(a, b, rnd.choice([1, -1]), f"sentence {i} on {day}", day, round(rnd.uniform(1, 9), 1)))
    return out


def random_pair(seed: int) -> tuple[nx.Graph, nx.Graph]:
    """Two snapshots sharing part of their evidence, with blocs assigned."""
    rnd = random.Random(seed)
    shared = random_relations(rnd, 12, 30, D1)
    only_a = random_relations(rnd, 14, 10, D1)
    only_b = random_relations(rnd, 14, 15, D2)
    a = assign_blocs(snapshot(shared + only_a, D1))
    b = assign_blocs(snapshot(shared + only_b, D2))
    return a, b


def keyed(changes):
    return {(t.a, t.b): t for t in changes}


# --- properties ---------------------------------------------------------------------------


def test_a_snapshot_compared_with_itself_has_no_change():
    for seed in range(10):
        a, _ = random_pair(seed)
        d = compare_snapshots(a, a)
        assert not d.changed and d.ties == () and d.bloc_moves == ()
        assert len(d.unchanged) == a.number_of_edges()
        assert d.balance.new == () and d.balance.resolved == () and d.balance.share_change in (0.0, None)
        assert "No changes." in format_diff_table(d)


def test_compare_b_a_mirrors_compare_a_b():
    def mirrored(t):
        return replace(
            t,
            change={"formed": "dissolved", "dissolved": "formed", "strengthened": "weakened",
                    "weakened": "strengthened"}.get(t.change, t.change),
            weight_before=t.weight_after, weight_after=t.weight_before,
            sign_before=t.sign_after, sign_after=t.sign_before,
            polarity_before=t.polarity_after, polarity_after=t.polarity_before,
            added=t.removed, removed=t.added, why_removed=(),
        )

    def plain(changes):
        return [replace(t, why_removed=()) for t in changes]

    for seed in range(15):
        a, b = random_pair(seed)
        ab, ba = compare_snapshots(a, b), compare_snapshots(b, a)
        assert plain(ba.formed) == [mirrored(t) for t in ab.dissolved]
        assert plain(ba.dissolved) == [mirrored(t) for t in ab.formed]
        assert plain(ba.strengthened) == [mirrored(t) for t in ab.weakened]
        assert plain(ba.weakened) == [mirrored(t) for t in ab.strengthened]
        assert plain(ba.flipped) == [mirrored(t) for t in ab.flipped]
        assert ba.unchanged == ab.unchanged
        assert [c.actor for c in ba.appeared] == [c.actor for c in ab.disappeared]
        assert [c.actor for c in ba.disappeared] == [c.actor for c in ab.appeared]
        assert [(c.actor, c.strength_before) for c in ba.strength_changes] == [
            (c.actor, c.strength_after) for c in ab.strength_changes]
        assert {(m.actor, m.joined, m.left) for m in ba.bloc_moves} == {(m.actor, m.left, m.joined) for m in ab.bloc_moves}
        assert [t.actors for t in ba.balance.new] == [t.actors for t in ab.balance.resolved]


def test_every_tie_is_in_exactly_one_class_and_a_flip_is_never_formed_or_dissolved():
    for seed in range(15):
        a, b = random_pair(seed)
        d = compare_snapshots(a, b)
        classes = [set(keyed(getattr(d, kind))) for kind in ("formed", "dissolved", "flipped", "strengthened", "weakened")]
        classes.append(set(d.unchanged))
        everything = {tuple(sorted(e)) for e in a.edges} | {tuple(sorted(e)) for e in b.edges}
        assert sum(len(c) for c in classes) == len(everything) and set().union(*classes) == everything
        for t in d.flipped:
            assert a.has_edge(t.a, t.b) and b.has_edge(t.a, t.b) and t.sign_before != t.sign_after


def test_compare_does_not_touch_its_inputs():
    a, b = random_pair(3)
    before = [nx.node_link_data(G, edges="edges") for G in (a, b)]
    compare_snapshots(a, b)
    assert [nx.node_link_data(G, edges="edges") for G in (a, b)] == before


# --- ties ----------------------------------------------------------------------------------


def tie_graph(day: date, *ties) -> nx.Graph:
    G = nx.Graph(date=day)
    for u, v, sign, weight in ties:
        G.add_edge(u, v, weight=weight, sign=sign, polarity=float(sign))
    return G


@pytest.mark.parametrize(
    "after, kind",
    [(12.5, "strengthened"), (12.4, None), (8.0, "weakened"), (8.1, None), (30.0, "strengthened")],
)
def test_default_threshold_is_a_fifth_of_the_larger_weight(after, kind):
    d = compare_snapshots(tie_graph(D1, ("A", "B", 1, 10.0)), tie_graph(D2, ("A", "B", 1, after)))
    assert DEFAULT_THRESHOLD == 0.2
    assert [t.change for t in d.ties] == ([kind] if kind else [])


def test_threshold_zero_reports_any_change_but_not_float_noise():
    a = tie_graph(D1, ("A", "B", 1, 10.0), ("A", "C", 1, 0.1 + 0.2))
    b = tie_graph(D2, ("A", "B", 1, 10.01), ("A", "C", 1, 0.3))
    d = compare_snapshots(a, b, threshold=0)
    assert [(t.a, t.b) for t in d.strengthened] == [("A", "B")] and d.unchanged == (("A", "C"),)


@pytest.mark.parametrize("bad", [1, 1.5, -0.1, "0.2", True])
def test_bad_thresholds_are_refused(bad):
    with pytest.raises(NetvizError, match="threshold must be a relative change"):
        compare_snapshots(nx.Graph(), nx.Graph(), threshold=bad)


def test_flips_through_mixed_count_but_reversals_come_first():
    a = tie_graph(D1, ("RUS", "TUR", 1, 20.0), ("TUR", "USA", 1, 5.0), ("IRN", "USA", -1, 3.0))
    b = tie_graph(D2, ("RUS", "TUR", 0, 20.0), ("TUR", "USA", -1, 5.0), ("IRN", "USA", 0, 3.0))
    d = compare_snapshots(a, b)
    assert [(t.a, t.b, t.reversal) for t in d.flipped] == [
        ("TUR", "USA", True), ("RUS", "TUR", False), ("IRN", "USA", False)]


def test_changes_are_sorted_strongest_first():
    a = tie_graph(D1, ("A", "B", 1, 1.0), ("C", "D", 1, 9.0), ("E", "F", 1, 10.0), ("G", "H", 1, 10.0))
    b = tie_graph(D2, ("A", "B", 1, 5.0), ("C", "D", 1, 20.0), ("I", "J", 1, 2.0), ("K", "L", 1, 7.0))
    d = compare_snapshots(a, b)
    assert [(t.a, t.b) for t in d.strengthened] == [("C", "D"), ("A", "B")]
    assert [(t.a, t.b) for t in d.formed] == [("K", "L"), ("I", "J")]
    assert [(t.a, t.b) for t in d.dissolved] == [("E", "F"), ("G", "H")]  # equal weights: by ids
    assert [c.actor for c in d.appeared] == ["K", "L", "I", "J"]


def test_a_changed_tie_carries_before_after_and_the_new_sentences():
    old = rel("TUR", "USA", 1, "Ankara and Washington agreed on a safe zone.", D1, 8.0)
    new = rel("TUR", "USA", -1, "Washington sanctioned Turkish ministers.", D2, 9.0)
    newer = rel("TUR", "USA", -1, "Trump threatened to obliterate Turkey's economy.", D2, 7.0)
    d = compare_snapshots(snapshot([old], D1), snapshot([old, new, newer], D2))
    t = d.tie("USA", "TUR")
    assert t.change == "flipped" and t.reversal
    assert (t.weight_before, t.weight_after, t.sign_before, t.sign_after) == (8.0, 24.0, 1, -1)
    assert (t.polarity_before, t.polarity_after) == (1.0, pytest.approx(-1 / 3, abs=1e-6))
    assert t.added == (new, newer) and t.removed == ()
    assert d.tie("USA", "RUS") is None


def test_a_dissolved_curated_tie_says_its_validity_ended():
    patrol = rel("USA", "YPG", 1, "US troops patrol the border with the SDF.", date(2015, 1, 1), 7.0,
                 origin="curated", valid_from=date(2015, 1, 1), valid_to=date(2019, 10, 8))
    strike = rel("TUR", "YPG", -1, "Turkish jets struck Ras al-Ain.", D2, 9.0)
    snaps = build_snapshots([strike], [D1, D2], curated=Curated(relations=(patrol,)))
    d = compare_snapshots(snaps[D1], snaps[D2])
    [gone] = d.dissolved
    assert (gone.a, gone.b, gone.removed, gone.why_removed) == ("USA", "YPG", (patrol,), ("curated validity ended 2019-10-08",))
    [formed] = d.formed
    assert formed.added == (strike,)


def test_evidence_that_left_the_window_is_explained():
    early = rel("RUS", "TUR", 1, "Putin and Erdogan met in Sochi.", date(2019, 9, 1), 6.0)
    late = rel("RUS", "SYR", 1, "Russian police deployed with Syrian troops.", D2, 6.0)
    snaps = build_snapshots([early, late], [date(2019, 9, 1), D2], window=30)
    d = compare_snapshots(snaps[date(2019, 9, 1)], snaps[D2])
    assert d.dissolved[0].why_removed == ("older than the 30-day window",)
    per_date = build_snapshots([early, late], [date(2019, 9, 1), D2], per_date=True)
    d = compare_snapshots(per_date[date(2019, 9, 1)], per_date[D2])
    assert d.dissolved[0].why_removed == ("dated 2019-09-01; the snapshot holds only 2019-10-13",)
    back = compare_snapshots(per_date[D2], per_date[date(2019, 9, 1)])
    assert back.dissolved[0].why_removed == ("dated 2019-10-13, after 2019-09-01",)


# --- actors, blocs, balance ----------------------------------------------------------------


def test_actors_appear_disappear_and_change_strength():
    a = tie_graph(D1, ("A", "B", 1, 10.0), ("B", "C", 1, 10.0))
    b = tie_graph(D2, ("A", "B", 1, 10.0), ("A", "D", 1, 30.0))
    d = compare_snapshots(a, b)
    assert [(c.actor, c.change, c.strength_after) for c in d.appeared] == [("D", "appeared", 30.0)]
    assert [(c.actor, c.change, c.strength_before) for c in d.disappeared] == [("C", "disappeared", 10.0)]
    assert [(c.actor, c.change, c.delta) for c in d.strength_changes] == [("A", "stronger", 30.0), ("B", "weaker", -10.0)]


def western_and_eastern(day: date, turkey_with: str) -> nx.Graph:
    ties = [("USA", "GBR", 1, 9.0), ("USA", "FRA", 1, 8.0), ("GBR", "FRA", 1, 7.0),
            ("RUS", "IRN", 1, 9.0), ("RUS", "SYR", 1, 8.0), ("IRN", "SYR", 1, 7.0),
            ("USA", "RUS", -1, 6.0), ("GBR", "IRN", -1, 5.0), ("FRA", "SYR", -1, 4.0)]
    friends, foes = (["USA", "GBR"], ["RUS", "SYR"]) if turkey_with == "west" else (["RUS", "IRN"], ["USA", "FRA"])
    ties += [("TUR", x, 1, 6.0) for x in friends] + [("TUR", x, -1, 6.0) for x in foes]
    return tie_graph(day, *ties)


def test_an_actor_changing_camp_is_reported_with_the_blocs_it_left_and_joined():
    a = assign_blocs(western_and_eastern(D1, "west"))
    b = assign_blocs(western_and_eastern(D2, "east"))
    d = compare_snapshots(a, b)
    [move] = d.bloc_moves
    assert (move.actor, move.left, move.joined) == ("TUR", ("FRA", "GBR", "USA"), ("IRN", "RUS", "SYR"))
    text = format_diff_table(d)
    assert "Changed bloc (1)" in text and "TUR" in text


def test_the_builders_steady_blocs_are_used_as_they_are(monkeypatch):
    from netviz.graph import compare
    from netviz.graph.analysis import assign_steady_blocs

    snaps = assign_steady_blocs({D1: western_and_eastern(D1, "west"), D2: western_and_eastern(D2, "east")})

    def no_search(G):
        raise AssertionError("blocs were searched again")

    monkeypatch.setattr(compare, "find_blocs", no_search)
    [move] = compare_snapshots(snaps[D1], snaps[D2]).bloc_moves
    assert (move.actor, move.left, move.joined) == ("TUR", ("FRA", "GBR", "USA"), ("IRN", "RUS", "SYR"))


def test_placeholder_blocs_are_found_afresh():
    a, b = western_and_eastern(D1, "west"), western_and_eastern(D2, "east")
    nx.set_node_attributes(a, 0, "bloc")  # build_snapshots' placeholder
    nx.set_node_attributes(b, 0, "bloc")
    assert [m.actor for m in compare_snapshots(a, b).bloc_moves] == ["TUR"]


def test_a_new_contradiction_shows_in_the_balance_change():
    a = tie_graph(D1, ("TUR", "USA", 1, 8.0), ("USA", "YPG", 1, 6.0))
    b = tie_graph(D2, ("TUR", "USA", 1, 8.0), ("USA", "YPG", 1, 6.0), ("TUR", "YPG", -1, 9.0))
    d = compare_snapshots(a, b)
    assert [t.actors for t in d.balance.new] == [("TUR", "USA", "YPG")]
    assert d.balance.before.share is None and d.balance.after.share == 0.0
    assert "TUR-YPG - against TUR-USA +, USA-YPG +" in format_diff_table(d)


def test_structure_can_be_left_out():
    a, b = random_pair(1)
    d = compare_snapshots(a, b, structure=False)
    assert d.bloc_moves == () and d.balance is None
    assert diff_record(d)["balance"] is None


# --- record and table ------------------------------------------------------------------------


def test_diff_record_has_the_documented_schema():
    patrol = rel("USA", "YPG", 1, "US troops patrol with the SDF.", date(2015, 1, 1), 7.0,
                 origin="curated", valid_from=date(2015, 1, 1), valid_to=date(2019, 10, 8))
    strike = rel("TUR", "YPG", -1, "Turkish jets struck Ras al-Ain.", D2, 9.0)
    snaps = build_snapshots([strike], [D1, D2], curated=Curated(relations=(patrol,)))
    rec = diff_record(compare_snapshots(snaps[D1], snaps[D2]))
    json.dumps(rec)
    assert list(rec) == ["schema", "date_a", "date_b", "threshold", "formed", "dissolved", "flipped",
                         "strengthened", "weakened", "unchanged", "appeared", "disappeared",
                         "strength_changes", "bloc_changes", "balance"]
    assert (rec["schema"], rec["date_a"], rec["date_b"], rec["threshold"]) == ("netviz.diff/1", "2019-10-06", "2019-10-13", 0.2)
    [gone] = rec["dissolved"]
    assert (gone["source"], gone["target"], gone["sign_before"], gone["sign_after"]) == ("USA", "YPG", 1, None)
    assert gone["removed"][0]["why"] == "curated validity ended 2019-10-08"
    assert gone["removed"][0]["valid_to"] == "2019-10-08" and gone["removed_count"] == 1
    [formed] = rec["formed"]
    assert formed["added"][0]["sentence"] == "Turkish jets struck Ras al-Ain."
    assert [c["actor"] for c in rec["appeared"]] == ["TUR"]
    assert set(rec["balance"]) == {"before", "after", "share_change", "weighted_share_change",
                                   "new_contradictions", "resolved_contradictions"}


def test_diff_record_evidence_can_be_capped_but_counts_stay():
    old = rel("TUR", "USA", 1, "s0", D1, 8.0)
    news = [rel("TUR", "USA", 1, f"s{i}", D2, 8.0) for i in range(1, 4)]
    rec = diff_record(compare_snapshots(snapshot([old], D1), snapshot([old, *news], D2)), max_evidence=1)
    [t] = rec["strengthened"]
    assert len(t["added"]) == 1 and t["added_count"] == 3


def test_table_groups_changes_by_kind_in_a_fixed_order():
    a = tie_graph(D1, ("A", "B", 1, 10.0), ("C", "D", 1, 10.0), ("E", "F", 1, 10.0), ("G", "H", 1, 10.0))
    b = tie_graph(D2, ("A", "B", -1, 10.0), ("C", "D", 1, 20.0), ("E", "F", 1, 5.0), ("I", "J", 1, 1.0))
    text = format_diff_table(compare_snapshots(a, b))
    headings = [line for line in text.splitlines() if line.split(" (")[0] in
                ("Formed", "Dissolved", "Flipped", "Strengthened", "Weakened")]
    assert headings == ["Formed (1)", "Dissolved (1)", "Flipped (1)", "Strengthened (1)", "Weakened (1)"]
    assert text.startswith("Changes from 2019-10-06 to 2019-10-13 (weight threshold 20%)")


def test_table_shows_the_first_new_sentence_or_why_evidence_left():
    old = rel("TUR", "USA", 1, "Ankara and Washington agreed on a safe zone.", D1, 8.0)
    new = rel("TUR", "USA", -1, "Washington sanctioned Turkish ministers over the offensive in northern Syria.", D2, 9.0)
    d = compare_snapshots(snapshot([old], D1), snapshot([old, new], D2))
    line = next(x for x in format_diff_table(d).splitlines() if x.startswith("TUR-USA"))
    assert '"Washington sanctioned Turkish ministers' in line and line.endswith("...")
    text = format_diff_table(compare_snapshots(snapshot([old, new], D2), snapshot([old], D1)))
    assert 'dated 2019-10-13, after 2019-10-06: "Washington' in text


def test_table_limit_cuts_long_groups():
    a = tie_graph(D1)
    b = tie_graph(D2, *[(f"A{i}", f"B{i}", 1, float(i + 1)) for i in range(5)])
    text = format_diff_table(compare_snapshots(a, b), limit=2)
    assert "Formed (5)" in text and "... and 3 more" in text and "A4-B4" in text and "A0-B0" not in text


def test_identical_random_evidence_sets_give_identical_ties():
    # evidence order does not matter: the same relations make the same tie
    rnd = random.Random(0)
    rels = random_relations(rnd, 6, 20, D1)
    shuffled = rels[:]
    rnd.shuffle(shuffled)
    d = compare_snapshots(snapshot(rels, D1), snapshot(shuffled, D2), threshold=0)
    assert not d.changed


def test_every_pair_of_dates_in_a_build_compares_cleanly():
    rnd = random.Random(4)
    days = [date(2019, 10, d) for d in (1, 5, 9, 13)]
    rels = [r for day in days for r in random_relations(rnd, 8, 6, day)]
    snaps = build_snapshots(rels, days, window=5)
    for x, y in itertools.permutations(days, 2):
        d = compare_snapshots(snaps[x], snaps[y])
        for t in d.dissolved + d.flipped + d.weakened:
            assert all(why for why in t.why_removed)


# --- the command ------------------------------------------------------------------------------


def articles(folder):
    """Two dates: the US allied with Turkey and arming the YPG, then Turkish jets bombing the YPG."""
    safe_zone = "The United States and Turkey agreed to cooperate on a safe zone in northern Syria."
    for name, day, text in [
        ("a1.md", "2019-10-06", f"{safe_zone} US forces armed the YPG in Raqqa."),
        ("a2.md", "2019-10-13", f"Turkish jets bombed YPG positions near Ras al-Ain. {safe_zone}"),
    ]:
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        (folder / "articles" / name).write_text(f"---\ntitle: t\ndate: {day}\nsource: wire\n---\n{text}\n", encoding="utf-8")
    return ["--data", str(folder), "--no-bundled-curated", "--no-cache"]


def test_compare_command_prints_the_table_and_the_json(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    options = articles(tmp_path)
    runner = CliRunner()
    table = runner.invoke(app, ["compare", "first", "last", *options])
    assert table.exit_code == 0, table.output
    assert "Formed (1)" in table.output and "TUR-YPG" in table.output
    assert '"Turkish jets bombed YPG positions near Ras al-Ain."' in table.output
    assert "TUR-YPG - against TUR-USA +, USA-YPG +" in table.output
    result = runner.invoke(app, ["compare", "2019-10-06", "2019-10-13", "--format", "json", *options])
    rec = json.loads(result.stdout)
    assert (rec["date_a"], rec["date_b"]) == ("2019-10-06", "2019-10-13")
    [formed] = rec["formed"]
    assert (formed["source"], formed["target"], formed["sign_after"]) == ("TUR", "YPG", -1)
    assert formed["added"][0]["sentence"] == "Turkish jets bombed YPG positions near Ras al-Ain."
    assert [c["actors"] for c in rec["balance"]["new_contradictions"]] == [["TUR", "USA", "YPG"]]


def test_comparing_two_dates_from_the_deltas_equals_comparing_their_graphs():
    import random as rnd_module
    from datetime import timedelta

    from netviz.graph.blocs import assign_steady_blocs
    from netviz.graph.compare import compare_dates
    from netviz.graph.snapshots import build_snapshots
    from netviz.model import Evidence, Relation

    rnd = rnd_module.Random(3)
    names = [f"A{i}" for i in range(14)]
    start = date(2019, 1, 1)
    rels = []
    for i in range(250):
        a, b = rnd.sample(names, 2)
        s = rnd.choice([1, -1])
        rels.append(Relation(a, b, s, "material_cooperation" if s > 0 else "material_conflict", rnd.uniform(1, 9),
                             start + timedelta(days=rnd.randrange(60)), "extracted", Evidence(f"s{i}", "c")))
    days = sorted({start + timedelta(days=rnd.randrange(70)) for _ in range(12)})
    snaps = assign_steady_blocs(build_snapshots(rels, days, window=12))
    for x, y in [(days[0], days[-1]), (days[-1], days[2]), (days[4], days[5]), (days[3], days[3])]:
        assert compare_dates(snaps, x, y) == compare_snapshots(snaps[x], snaps[y]), (x, y)
