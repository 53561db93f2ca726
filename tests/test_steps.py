"""A run's dates as steps (netviz.graph.steps), and the site data replayed from them (netviz.site.sitedata):
read from a build's history they equal what comparing every date's graph gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from netviz.graph.blocs import assign_steady_blocs
from netviz.graph.compare import compare_snapshots
from netviz.graph.layout import place_actors, place_snapshots
from netviz.graph.snapshots import build_snapshots
from netviz.graph.steps import dated_steps, graph_steps, tie_values, union_input
from netviz.ingest.curated import Curated
from netviz.model import Evidence, Relation
from netviz.site.evidence import dated_evidence_table, evidence_table
from netviz.site.sitedata import step_changes

DAYS = [date(2020, 1, 1) + timedelta(days=6 * i) for i in range(10)]


def archive(**options):
    """Random ties among ten actors over ten dates, with a curated relation valid for a while."""
    rng = random.Random(11)
    actors = [f"A{i}" for i in range(10)]
    rels = []
    for k, day in enumerate(d for d in DAYS for _ in range(8)):
        a, b = rng.sample(actors, 2)
        ev = Evidence(sentence=f"Sentence {k}.", cue="backs", article=f"a{k}")
        sign = rng.choice([1, -1])
        rels.append(Relation(a, b, sign, "material_cooperation" if sign > 0 else "material_conflict",
                             rng.uniform(1, 9), day, "extracted", ev))
    cited = Evidence(sentence="A treaty.", cue="curated", rule="curated", title="Treaty")
    curated = Curated(relations=(Relation("A0", "A1", 1, "material_cooperation", 7, DAYS[0], "curated", cited,
                                          valid_from=DAYS[2], valid_to=DAYS[5]),))
    return assign_steady_blocs(build_snapshots(rels, DAYS, curated=curated, **options))


def summary(dated):
    """Each step's tie changes, actor states and relations lost and gained, comparably."""
    out = []
    for step in dated.steps:
        out.append((
            step.day,
            {d: tuple(tie_values(x) if x is not None else None for x in pair) for d, pair in step.ties.items()},
            {a: s for a, s in step.actors.items()},
            {d: tuple(sorted(r.evidence.sentence for r in side) for side in pair) for d, pair in step.evidence.items()},
        ))
    return out


@pytest.mark.parametrize("options", [{}, {"window": 13}, {"per_date": True}])
def test_steps_from_the_history_equal_the_steps_from_every_dates_graph(options):
    snaps = archive(**options)
    from_history = dated_steps(snaps)
    from_graphs = graph_steps([snaps[d] for d in snaps], blocs=False)
    assert summary(from_history) == summary(from_graphs)
    assert from_history.labels == from_graphs.labels
    # the evidence table and the layout read from the changes are those of the graphs
    assert dated_evidence_table(from_history).data == evidence_table(list(snaps.values())).data
    assert union_input(from_history) == union_input(from_graphs)
    assert place_snapshots(snaps) == place_actors(snaps.values())


@pytest.mark.parametrize("options", [{}, {"window": 13}])
def test_the_changes_of_each_date_are_those_compare_finds(options):
    snaps = archive(**options)
    days = list(snaps)
    dated = dated_steps(snaps)
    seen = set()
    for i in range(1, len(days)):
        diff = compare_snapshots(snaps[days[i - 1]], snaps[days[i]], structure=False)
        groups = step_changes(dated.steps[i])
        for kind in ("formed", "dissolved", "flipped", "strengthened", "weakened"):
            assert [d for d, *_ in groups[kind]] == [(t.a, t.b) for t in getattr(diff, kind)], kind
            if groups[kind]:
                seen.add(kind)
        assert [why for *_, why in groups["dissolved"]] == ["; ".join(dict.fromkeys(t.why_removed)) for t in diff.dissolved]
    assert seen >= ({"formed", "flipped", "strengthened"} if not options else
                    {"formed", "dissolved", "flipped", "strengthened", "weakened"})
