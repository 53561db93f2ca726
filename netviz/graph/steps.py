"""A run's dates as steps: what changed on each date, from a history or from snapshot graphs.

Pages, the layout and the exports that need every date walk these steps
(:func:`dated_steps`) instead of every date's full graph: for the lazy
:class:`~netviz.graph.snapshots.Snapshots` of a build they come straight
from the :class:`~netviz.graph.history.History` (O(relations + changes));
for any other mapping of snapshot graphs, from comparing each graph with
the one before.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.graph.history import History, TieState, as_float, exact
from netviz.graph.snapshots import Snapshots
from netviz.model import Relation

Dyad = tuple[str, str]


@dataclass
class DateStep:
    """What changed on one date: ties ``{dyad: (before, after)}`` (``None``: absent), actor states
    ``{actor: (bloc, strength)}`` of the actors whose state changed (``None``: no ties any more),
    the relations each changed tie lost and gained, and the bloc names if they changed."""

    day: date
    articles: int
    ties: dict[Dyad, tuple[Any, Any]]
    actors: dict[str, tuple[int | None, float] | None]
    evidence: dict[Dyad, tuple[Sequence[Relation], Sequence[Relation]]]
    names: dict[int, str] | None = None
    mode: str = ""
    #: the changes a reader sees, by kind, once classified (netviz.site.sitedata.step_changes)
    groups: dict[str, list] | None = None


@dataclass(frozen=True)
class Dated:
    """A run's dates as steps (:class:`DateStep`), with the labels and types of its actors."""

    steps: list[DateStep]
    labels: dict[str, str]
    types: dict[str, str]
    mode: str
    relations: list[Relation] = field(default_factory=list)


def tie_values(tie: Any) -> tuple[float, float, float, float, int, int, tuple[str, ...]]:
    """``(weight, cooperation, conflict, polarity, sign, count, origins)`` of a
    :class:`~netviz.graph.history.TieState` or of a snapshot's edge attributes."""
    if isinstance(tie, TieState):
        return tie.values()
    weight, sign = float(tie["weight"]), int(tie["sign"])
    cooperation = float(tie.get("cooperation", weight if sign > 0 else 0.0))
    conflict = float(tie.get("conflict", weight if sign < 0 else 0.0))
    polarity = float(tie.get("polarity", (cooperation - conflict) / weight if weight else 0.0))
    count = int(tie.get("count", len(tie.get("evidence", ()))))
    return weight, cooperation, conflict, polarity, sign, count, tuple(tie.get("origins", ()))


def _evidence_change(old: Any, new: Any) -> tuple[Sequence[Relation], Sequence[Relation]]:
    """The relations a tie lost and gained from state ``old`` to ``new`` (either may be ``None``)."""
    if isinstance(old, TieState) or isinstance(new, TieState):
        if old is not None and new is not None and old.dated is new.dated:
            # one dyad's relations in date order; a state is a window [lo, hi) of them that only moves on
            lost = list(old.dated[old.lo:min(new.lo, old.hi)])
            gained = list(new.dated[max(old.hi, new.lo):new.hi])
        else:
            lost = list(old.dated[old.lo:old.hi]) if old is not None else []
            gained = list(new.dated[new.lo:new.hi]) if new is not None else []
        had = {id(r) for r in old.curated} if old is not None else set()
        has = {id(r) for r in new.curated} if new is not None else set()
        lost += [r for r in (old.curated if old is not None else ()) if id(r) not in has]
        gained += [r for r in (new.curated if new is not None else ()) if id(r) not in had]
        return lost, gained
    before = tuple(old.get("evidence", ())) if old is not None else ()
    after = tuple(new.get("evidence", ())) if new is not None else ()
    if before is after:
        return (), ()
    had, has = {id(r) for r in before}, {id(r) for r in after}
    return [r for r in before if id(r) not in has], [r for r in after if id(r) not in had]


def dated_steps(snapshots: Mapping[date, nx.Graph], *, find_blocs: bool = True) -> Dated:
    """The dates of ``snapshots`` as steps: from the history of lazy
    :class:`~netviz.graph.snapshots.Snapshots` in O(changes), else by comparing the graphs.

    Snapshots whose blocs are not assigned yet (every actor in bloc 0) get them found along the
    history (:func:`netviz.graph.blocs.bloc_timeline`) or per date, unless ``find_blocs`` is
    False: then the steps keep what the graphs say.
    """
    if isinstance(snapshots, Snapshots):
        blocs = snapshots.blocs
        if blocs is None and find_blocs:  # found along the history, as a build finds them
            from netviz.graph.blocs import bloc_timeline

            blocs = bloc_timeline(snapshots.history)
        return _history_steps(snapshots.history, blocs)
    return graph_steps([snapshots[d] for d in sorted(snapshots)], blocs=find_blocs)


def _history_steps(history: History, blocs: Any) -> Dated:
    codebook = history.codebook
    strength: dict[str, int] = defaultdict(int)
    degree: dict[str, int] = defaultdict(int)
    membership: dict[str, int] = {}
    steps = []
    names_before: Any = None
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    for i, (day, delta) in enumerate(zip(history.dates, history.deltas)):
        touched: set[str] = set()
        evidence = {}
        for dyad, (old, new) in delta.items():
            step = (new.weight_units if new is not None else 0) - (old.weight_units if old is not None else 0)
            present = (new is not None) - (old is not None)
            for actor in dyad:
                strength[actor] += step
                degree[actor] += present
                touched.add(actor)
            evidence[dyad] = _evidence_change(old, new)
        names = None
        if blocs is not None:
            for actor, (_, new_bloc) in blocs.deltas[i].items():
                if new_bloc is None:
                    membership.pop(actor, None)
                else:
                    membership[actor] = new_bloc
                touched.add(actor)
            if blocs.names[i] is not names_before:
                names = dict(blocs.names[i])
                names_before = blocs.names[i]
        actors: dict[str, tuple[int | None, float] | None] = {}
        for actor in sorted(touched):
            if actor not in labels:
                known = codebook is not None and actor in codebook
                labels[actor] = codebook.get(actor).name if known else actor
                types[actor] = codebook.get(actor).type if known else "unknown"
            if degree[actor] > 0:
                bloc = membership.get(actor) if blocs is not None else 0
                actors[actor] = (bloc, round(as_float(strength[actor]), 6))
            else:
                actors[actor] = None
        steps.append(DateStep(day, len(history.articles[i]), dict(delta), actors, evidence, names, history.mode))
    return Dated(steps, labels, types, history.mode)


def graph_steps(graphs: Sequence[nx.Graph], *, blocs: bool = True) -> Dated:
    """The steps from one snapshot graph to the next (oldest first), by comparing them; each
    date's blocs are found (:func:`~netviz.graph.analysis.find_blocs`, numbered steadily) when
    its actors carry none (all in bloc 0), unless ``blocs`` is False: then they are the graphs' own."""
    from netviz.graph.analysis import find_blocs, steady_blocs

    days = [G.graph.get("date") for G in graphs]
    partitions = []
    for G in graphs if blocs else ():
        given = dict(G.nodes(data="bloc"))
        for n, b in given.items():
            if b is not None and (isinstance(b, bool) or not isinstance(b, int) or b < 0):
                raise NetvizError(f"render_timeline: actor {n}: bloc is {b!r}; expected an integer >= 0 or None")
        # every actor in bloc 0 is build_snapshots' placeholder: find the blocs (a true single bloc is found again)
        partitions.append({n: b for n, b in given.items() if b is not None} if any(given.values())
                          else find_blocs(G).membership)
    numbered = steady_blocs(partitions) if blocs else [dict(G.nodes(data="bloc")) for G in graphs]
    steps = []
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    prev_ties: dict[Dyad, dict] = {}
    prev_actors: dict[str, tuple[int | None, float]] = {}
    prev_names: dict[int, str] | None = None
    for day, G, bloc in zip(days, graphs, numbered):
        for n, d in G.nodes(data=True):  # the latest date wins, should a label change over time
            labels[n] = str(d.get("label") or n)
            types[n] = str(d.get("type") or "unknown")
        ties_now = {_dyad(u, v): d for u, v, d in G.edges(data=True)}
        delta = {}
        for dyad in sorted(ties_now.keys() | prev_ties.keys()):
            old, new = prev_ties.get(dyad), ties_now.get(dyad)
            if old is not new and (old is None or new is None or tie_values(old) != tie_values(new)
                                   or _evidence_change(old, new) != ((), ())):
                delta[dyad] = (old, new)
        actors_now = {n: (bloc.get(n), _strength(G, n, d)) for n, d in G.nodes(data=True)}
        actors: dict[str, tuple[int | None, float] | None] = {
            n: actors_now.get(n) for n in sorted(actors_now.keys() | prev_actors.keys())
            if actors_now.get(n) != prev_actors.get(n)}
        names = _graph_bloc_names(G, bloc, {n: s for n, (_, s) in actors_now.items()}, labels) if blocs else {}
        evidence = {dyad: _evidence_change(old, new) for dyad, (old, new) in delta.items()}
        steps.append(DateStep(day, len(G.graph.get("articles", ())), delta, actors, evidence,
                              names if names != prev_names else None, str(G.graph.get("mode", ""))))
        prev_ties, prev_actors, prev_names = ties_now, actors_now, names
    return Dated(steps, labels, types, str(graphs[-1].graph.get("mode", "")) if graphs else "")


def _strength(G: nx.Graph, n: str, d: Mapping[str, Any]) -> float:
    """An actor's ``strength`` (the node attribute, else the sum of its tie weights)."""
    return float(d["strength"]) if d.get("strength") is not None else float(G.degree(n, weight="weight"))


def _graph_bloc_names(G: nx.Graph, bloc: Mapping[str, int], strength: Mapping[str, float],
                      labels: Mapping[str, str]) -> dict[int, str]:
    """``{bloc: name}``: the snapshot's ``bloc_names`` (through the bloc its strongest member had there,
    since :func:`~netviz.graph.analysis.steady_blocs` renumbers), else its three strongest members."""
    members: dict[int, list[tuple[float, str]]] = {}
    for n, b in bloc.items():
        members.setdefault(b, []).append((-strength.get(n, 0.0), n))
    given = G.graph.get("bloc_names") or {}
    names = {}
    for b, people in sorted(members.items()):
        people.sort()
        original = G.nodes[people[0][1]].get("bloc") if people[0][1] in G else None
        name = given.get(original, given.get(str(original))) if original is not None else None
        names[b] = str(name) if name else ", ".join(labels[n] for _, n in people[:3])
    return names


def _dyad(u: str, v: str) -> Dyad:
    return (u, v) if u <= v else (v, u)




@dataclass(frozen=True)
class UnionInput:
    """What a layout is computed from, over every date: per actor its label and its largest and
    smallest strength on a date it has ties; per tie its cooperation and conflict summed over the
    dates it exists (exactly, in the units of :func:`netviz.graph.history.exact`)."""

    actors: dict[str, tuple[str, float, float]]
    cooperation: dict[Dyad, float]
    conflict: dict[Dyad, float]


def union_input(dated: Dated) -> UnionInput:
    """The :class:`UnionInput` of a run's steps, in O(changes): a tie state's values count once per
    date it lasts, multiplied, not added date by date.

    >>> G1 = nx.Graph(date=date(2020, 1, 1)); G1.add_edge("A", "B", weight=2.0, sign=1)
    >>> G2 = nx.Graph(date=date(2020, 1, 2)); G2.add_edge("A", "B", weight=2.0, sign=1)
    >>> u = union_input(graph_steps([G1, G2, G2], blocs=False))
    >>> u.cooperation, u.actors["A"]
    ({('A', 'B'): 6.0}, ('A', 2.0, 2.0))
    """
    started: dict[Dyad, tuple[int, int, int]] = {}  # dyad -> (step it took its state, cooperation, conflict)
    coop: dict[Dyad, int] = defaultdict(int)
    conf: dict[Dyad, int] = defaultdict(int)

    def close(dyad: Dyad, step: int) -> None:
        since, c, f = started.pop(dyad)
        coop[dyad] += c * (step - since)
        conf[dyad] += f * (step - since)

    strongest: dict[str, float] = {}
    weakest: dict[str, float] = {}
    for i, step in enumerate(dated.steps):
        for dyad, (_, new) in step.ties.items():
            if dyad in started:
                close(dyad, i)
            if new is not None:
                c, f = _split(tie_values(new))
                started[dyad] = (i, exact(c), exact(f))
        for actor, state in step.actors.items():
            if state is not None:
                strength = _positive(state[1])
                strongest[actor] = max(strongest.get(actor, strength), strength)
                weakest[actor] = min(weakest.get(actor, strength), strength)
    for dyad in list(started):
        close(dyad, len(dated.steps))
    return UnionInput(
        {a: (dated.labels.get(a, a), strongest[a], weakest[a]) for a in sorted(strongest)},
        {d: as_float(coop[d]) for d in sorted(coop)},
        {d: as_float(conf[d]) for d in sorted(coop)},
    )


def _positive(value: float) -> float:
    return value if math.isfinite(value) and value > 0 else 0.0


def _split(values: tuple) -> tuple[float, float]:
    """A tie's (cooperation, conflict) from its values, as the layout weighs it."""
    weight, cooperation, conflict = (_positive(v) for v in values[:3])
    if cooperation + conflict == 0 and weight > 0:  # a graph with weight and sign only
        sign = values[4]
        return (weight, 0.0) if sign > 0 else (0.0, weight) if sign < 0 else (weight / 2, weight / 2)
    return cooperation, conflict
