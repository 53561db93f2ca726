"""The history of a run: dated tie changes stored once, full graphs only on demand."""

import random
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from netviz.cli import app
from netviz.errors import NetvizError
from netviz.graph.history import MAX_WINDOW, build_history
from netviz.graph.snapshots import Snapshots, build_snapshots
from netviz.ingest.curated import Curated
from netviz.model import KINDS, Evidence, Relation

START = date(2016, 1, 1)


def random_relations(seed=7, n=300, actors=10, days=150):
    rng = random.Random(seed)
    names = [f"A{i}" for i in range(actors)]
    rels = []
    for i in range(n):
        a, b = rng.sample(names, 2)
        sign = rng.choice([1, -1])
        kind = rng.choice([k for k in KINDS if k.endswith("cooperation") == (sign > 0)])
        rels.append(Relation(a, b, sign, kind, rng.uniform(1, 10), START + timedelta(days=rng.randrange(days)),
                             "extracted", Evidence(f"s{i}", "c", article=f"x{i}"), rng.choice([0.5, 0.8, 1.0])))
    dates = sorted({START + timedelta(days=rng.randrange(days + 20)) for _ in range(30)})
    return rels, dates


def edges(G):
    return {tuple(sorted(e)): attrs for *e, attrs in G.edges(data=True)}


@pytest.mark.parametrize("options", [{}, {"per_date": True}, {"window": 20}])
def test_deltas_hold_exactly_the_ties_that_changed_from_one_date_to_the_next(options):
    rels, dates = random_relations()
    history = build_history(rels, dates, **options)
    snaps = Snapshots(history)
    before: dict = {}
    for day, delta in zip(dates, history.deltas):
        now = edges(snaps[day])
        changed = {d for d in before.keys() | now.keys() if before.get(d) != now.get(d)}
        assert set(delta) == changed, day
        before = now


def test_a_date_without_new_evidence_has_an_empty_delta():
    rels = [Relation("RUS", "TUR", 1, "material_cooperation", 5, START, "extracted", Evidence("s", "c"))]
    history = build_history(rels, [START, START + timedelta(days=3)])
    assert [len(d) for d in history.deltas] == [1, 0]


def test_changes_between_any_two_dates_read_the_deltas_and_match_the_graphs():
    rels, dates = random_relations(seed=3)
    history = build_history(rels, dates, window=15)
    snaps = Snapshots(history)
    for first, second in [(dates[0], dates[-1]), (dates[-1], dates[3]), (dates[5], dates[6])]:
        a, b = edges(snaps[first]), edges(snaps[second])
        expected = {d for d in a.keys() | b.keys() if a.get(d) != b.get(d)}
        changes = history.changes(first, second)
        assert set(changes) == expected
        for dyad, (old, new) in changes.items():
            assert (old.attributes() if old else None) == a.get(dyad)
            assert (new.attributes() if new else None) == b.get(dyad)


def test_walking_the_dates_backwards_gives_the_same_graphs():
    rels, dates = random_relations(seed=5)
    forward = [edges(build_snapshots(rels, dates, window=10)[d]) for d in dates]
    snaps = build_snapshots(rels, dates, window=10)
    backward = [edges(snaps[d]) for d in reversed(dates)][::-1]
    assert forward == backward


def test_counts_and_extremes_come_from_the_deltas_and_agree_with_the_graphs():
    rels, dates = random_relations(seed=9)
    snaps = build_snapshots(rels, dates, per_date=True)
    counts = list(snaps.history.counts())
    for (day, actors, ties, coop, hostile, mixed), G in zip(counts, snaps.values()):
        signs = [s for *_, s in G.edges(data="sign")]
        assert (day, actors, ties) == (G.graph["date"], G.number_of_nodes(), G.number_of_edges())
        assert (coop, hostile, mixed) == (signs.count(1), signs.count(-1), signs.count(0))
    top_weight, top_strength = snaps.history.extremes()
    assert top_weight == max(w for G in snaps.values() for *_, w in G.edges(data="weight"))
    assert top_strength == max(s for G in snaps.values() for _, s in G.nodes(data="strength"))


def test_window_sums_are_exact_however_often_relations_come_and_go():
    # 0.1 + 0.2 - 0.1 is not 0.2 in floats; an incremental window must not drift
    ev = Evidence("s", "c")
    rels = [Relation("A", "B", 1, "verbal_cooperation", w, START + timedelta(days=i), "extracted", ev)
            for i, w in enumerate([0.1, 0.2, 0.7, 0.1, 0.3] * 20)]
    dates = [START + timedelta(days=i) for i in range(100)]
    snaps = build_snapshots(rels, dates, window=3)
    for i, day in enumerate(dates):
        alone = build_snapshots(rels, [day], window=3)[day]
        assert snaps[day].edges["A", "B"] == alone.edges["A", "B"], day


def test_curated_relations_join_and_leave_on_their_validity_dates():
    ev = Evidence("cited", "c")
    cur = Curated(relations=(
        Relation("RUS", "TUR", -1, "material_conflict", 5, START, "curated", ev,
                 valid_from=START + timedelta(days=2), valid_to=START + timedelta(days=4)),
        Relation("RUS", "SYR", 1, "material_cooperation", 5, START, "curated", ev,
                 valid_from=START + timedelta(days=1), valid_to=START + timedelta(days=1)),  # between two dates
    ))
    dates = [START, START + timedelta(days=3), START + timedelta(days=5)]
    snaps = build_snapshots([], dates, curated=cur)
    assert [sorted(snaps[d].edges) for d in dates] == [[], [("RUS", "TUR")], []]


def test_snapshots_are_a_lazy_read_only_mapping_in_date_order():
    rels, dates = random_relations(seed=11)
    snaps = build_snapshots(rels, list(reversed(dates)))
    assert isinstance(snaps, Snapshots) and list(snaps) == dates and len(snaps) == len(dates)
    assert not snaps._cache  # nothing built yet
    G = snaps[dates[4]]
    assert list(snaps._cache) == [dates[4]] and snaps[dates[4]] is G
    with pytest.raises(TypeError):
        snaps[dates[0]] = G
    with pytest.raises(KeyError):
        snaps[date(1990, 1, 1)]
    assert date(1990, 1, 1) not in snaps and dates[0] in snaps


def test_graphs_alive_at_once_share_their_unchanged_ties():
    rels, dates = random_relations(seed=13)
    snaps = build_snapshots(rels, dates)
    a, b = snaps[dates[-2]], snaps[dates[-1]]
    unchanged = set(a.edges) & set(b.edges) - set(snaps.history.deltas[-1])
    assert unchanged and all(a.edges[e] is b.edges[e] for e in unchanged)


@pytest.mark.parametrize("window", [0, -3, MAX_WINDOW + 1, 800_000, True])
def test_a_window_out_of_range_is_a_clear_error(window):
    with pytest.raises(NetvizError, match="window must be a whole number of days from 1 to 36,525"):
        build_history([], [START], window=window)


def test_window_800000_on_the_command_line_is_one_line_not_an_overflow(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: t\ndate: 2017-01-08\nsource: s\n---\nRussia backs Syria.\n")
    result = CliRunner().invoke(app, ["build", "--data", str(tmp_path), "--out", str(tmp_path / "out"),
                                      "--window", "800000", "--jobs", "1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: window must be a whole number of days from 1 to 36,525 (100 years), not 800000"]
    assert "Traceback" not in result.output and not (tmp_path / "out" / "index.html").exists()
