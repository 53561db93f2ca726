"""Blocs over time: numbered and named steadily, found incrementally along a history.

Each date's blocs are the camps of :func:`netviz.graph.analysis.find_blocs`
(``method="camps"``). Along a :class:`~netviz.graph.history.History` they are
not searched afresh on every date: a date starts from the previous date's
blocs and only the actors whose ties changed (and whoever they disturb) move;
a date whose signed ties did not change keeps its blocs as they are. A full
search runs again once the ties changed since the last one outnumber the
ties it saw, so its cost is amortised over the changes (never dates x ties).

A bloc keeps its number (so its colour) and its name from one date to the
next while its core persists. Its name is its strongest members
(``"United States, Iraq, YPG/SDF"``); an actor alone is unaligned: no bloc
number (``None``) and no name.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Mapping, Sequence
from datetime import date

import networkx as nx

from netviz.graph.blocsearch import bloc_lists, find_blocs
from netviz.graph.camps import Reports, add_reports, cooperation_weight, report_pull
from netviz.graph.history import History, TieState
from netviz.graph.snapshots import Snapshots, with_node_attribute

#: Members that name a bloc.
NAMED_MEMBERS = 3


def snapshot_blocs(G: nx.Graph) -> dict[str, int | None] | None:
    """The blocs a snapshot's actors carry (``bloc``; ``None``: unaligned), or ``None`` if it carries none.

    A snapshot carries none when an actor lacks ``bloc`` or has one that is
    not a whole number, or when every actor is in bloc 0 with no
    ``bloc_names``: the placeholder of unassigned snapshots.

    >>> G = nx.Graph(); G.add_node("USA", bloc=0); G.add_node("RUS", bloc=None)
    >>> snapshot_blocs(G), snapshot_blocs(nx.Graph([("A", "B")]))
    ({'USA': 0, 'RUS': None}, None)
    """
    blocs = {n: d.get("bloc", "missing") for n, d in G.nodes(data=True)}
    if not all(b is None or (isinstance(b, int) and not isinstance(b, bool) and b >= 0) for b in blocs.values()):
        return None
    if "bloc_names" not in G.graph and all(b == 0 for b in blocs.values()):
        return None
    return blocs


def renumber(previous: Mapping[str, int], blocs: Sequence[Sequence[str]]) -> dict[str, int]:
    """Numbers for ``blocs`` (lists of actors) that keep ``previous``'s where they overlap most.

    Blocs of two or more actors are matched to the previous numbers
    greedily, most shared members first; a bloc with no match takes the
    smallest number free on both dates. An actor alone gets no number.

    >>> renumber({"USA": 0, "GBR": 0, "RUS": 1, "SYR": 1}, [["RUS", "SYR"], ["GBR", "USA"], ["IRN"]])
    {'GBR': 0, 'USA': 0, 'RUS': 1, 'SYR': 1}
    """
    groups = [sorted(b) for b in blocs if len(b) > 1]
    groups.sort(key=lambda b: (-len(b), b[0]))
    overlap = Counter((i, previous[a]) for i, members in enumerate(groups) for a in members if a in previous)
    number: dict[int, int] = {}
    for i, old in sorted(overlap, key=lambda pair: (-overlap[pair], groups[pair[0]], pair[1])):
        if i not in number and old not in number.values():
            number[i] = old
    taken = set(number.values()) | set(previous.values())
    free = 0
    for i in range(len(groups)):
        if i not in number:
            while free in taken:
                free += 1
            number[i] = free
            taken.add(free)
    return {a: number[i] for i, members in enumerate(groups) for a in members}


def steady_blocs(partitions: Sequence[Mapping[str, int]]) -> list[dict[str, int]]:
    """Renumber each date's blocs so a bloc keeps its number (and colour) from one date to the next.

    See :func:`renumber`. An actor alone in its bloc gets no number.

    >>> before, after = steady_blocs([{"USA": 0, "GBR": 0, "RUS": 1, "SYR": 1},
    ...                                {"USA": 1, "GBR": 1, "RUS": 0, "SYR": 0, "IRN": 2}])
    >>> before["RUS"], after["RUS"], after["USA"], "IRN" in after
    (1, 1, 0, False)
    """
    out: list[dict[str, int]] = []
    previous: dict[str, int] = {}
    for membership in partitions:
        groups: dict[int, list[str]] = defaultdict(list)
        for actor in sorted(membership):
            groups[membership[actor]].append(actor)
        previous = renumber(previous, list(groups.values()))
        out.append(previous)
    return out


def name_blocs(numbers: Mapping[str, int], strength: Mapping[str, float],
               previous: Mapping[int, tuple[str, ...]] | None = None) -> dict[int, tuple[str, ...]]:
    """The actors that name each bloc: its ``NAMED_MEMBERS`` strongest (equal strengths by id).

    A bloc keeps the names it had (``previous``) while most of them are
    still its members, so a name does not flicker with small shifts of
    strength; a naming member that left is replaced by the strongest member
    not yet named, so a name never lists an actor of another bloc.
    :func:`bloc_title` turns them into the name a reader sees.

    >>> strength = {"USA": 9, "GBR": 5, "FRA": 5, "DEU": 1}
    >>> first = name_blocs({"USA": 0, "GBR": 0, "FRA": 0, "DEU": 0}, strength)
    >>> first
    {0: ('USA', 'FRA', 'GBR')}
    >>> name_blocs({"USA": 0, "GBR": 0, "FRA": 1, "DEU": 0}, strength, first)[0]  # France left
    ('USA', 'GBR', 'DEU')
    """
    members: dict[int, list[str]] = defaultdict(list)
    for actor, bloc in numbers.items():
        members[bloc].append(actor)
    names = {}
    for bloc in sorted(members):
        old = (previous or {}).get(bloc)
        ranked = sorted(members[bloc], key=lambda a: (-strength.get(a, 0.0), a))
        if old and sum(numbers.get(a) == bloc for a in old) * 2 > len(old):
            kept = [a for a in old if numbers.get(a) == bloc]
            names[bloc] = tuple(kept + [a for a in ranked if a not in kept][: len(old) - len(kept)])
            continue
        names[bloc] = tuple(ranked[:NAMED_MEMBERS])
    return names


def bloc_title(actors: Sequence[str], label: Mapping[str, str]) -> str:
    """A bloc's name for a reader: its naming members' labels, ``"United States, Iraq, YPG/SDF"``.

    >>> bloc_title(("USA", "IRQ"), {"USA": "United States", "IRQ": "Iraq"})
    'United States, Iraq'
    """
    return ", ".join(label.get(a, a) for a in actors)


class BlocTimeline:
    """Each date's bloc numbers and names, stored as changes (see :func:`bloc_timeline`)."""

    def __init__(self, dates: Sequence[date], deltas: Sequence[Mapping[str, tuple]], names: Sequence[Mapping[int, str]],
                 full_searches: int) -> None:
        self.dates = tuple(dates)
        self.deltas = tuple(deltas)
        self.names = tuple(names)
        #: how many dates ran a full search (the others moved only what changed)
        self.full_searches = full_searches
        self._index = {d: i for i, d in enumerate(self.dates)}
        self._state: dict[str, int] = {}
        self._at = -1

    def on(self, day: date) -> tuple[dict[str, int], dict[int, str]]:
        """``({actor: bloc number}, {bloc number: name})`` on ``day``; unaligned actors are absent."""
        target = self._index[day]
        while self._at < target:
            self._at += 1
            for actor, (_, new) in self.deltas[self._at].items():
                if new is None:
                    self._state.pop(actor, None)
                else:
                    self._state[actor] = new
        while self._at > target:
            for actor, (old, _) in self.deltas[self._at].items():
                if old is None:
                    self._state.pop(actor, None)
                else:
                    self._state[actor] = old
            self._at -= 1
        return dict(self._state), dict(self.names[target])


def bloc_timeline(history: History, *, seed: int = 0) -> BlocTimeline:
    """The blocs of every date of ``history``, each date starting from the one before.

    Ties pull by their reports (:func:`netviz.graph.camps.report_pull`),
    followed date by date from the relations that changed. A date whose
    ties' pulls did not change keeps its blocs; otherwise the
    actors of the changed ties, and the neighbours they disturb, move to the
    bloc that pulls them most (or to a bloc of their own when every bloc
    they have ties into repels them). A full search (``method="camps"``)
    runs on the first date and whenever the signed ties changed since the
    last full search outnumber the ties it saw.
    """
    codebook = history.codebook
    signed: dict[str, dict[str, float]] = defaultdict(dict)
    strength: dict[str, float] = defaultdict(float)
    labels: dict[str, int] = {}
    fresh = 0
    numbers: dict[str, int] = {}
    named: dict[int, tuple[str, ...]] = {}
    names: dict[int, str] = {}
    deltas, all_names = [], []
    changed_since = seen_at_full = 0
    full = 0
    label_of: dict[str, str] = {}
    reports: dict[tuple[str, str], Reports] = {}
    coop = 1.0

    for delta in history.deltas:
        touched: set[str] = set()
        for (a, b), (old, new) in delta.items():
            for actor in (a, b):
                step = (new.weight if new is not None else 0.0) - (old.weight if old is not None else 0.0)
                strength[actor] += step
            tie = reports.setdefault((a, b), {})
            _follow_reports(tie, old, new)
            after = report_pull(new.sign, tie) if new is not None else 0.0
            if not tie:
                del reports[a, b]
            if signed[a].get(b, 0.0) == after:
                continue
            touched.update((a, b))
            changed_since += 1
            if after:
                signed[a][b] = signed[b][a] = after
            else:
                signed[a].pop(b, None)
                signed[b].pop(a, None)
        for actor in touched:
            if actor not in label_of:
                known = codebook is not None and actor in codebook
                label_of[actor] = codebook.get(actor).name if known else actor
        if touched:
            if not labels or changed_since > seen_at_full:
                blocs, _ = bloc_lists({u: dict(v) for u, v in signed.items() if v}, "camps", None, seed)
                labels = {a: i for i, b in enumerate(blocs) for a in b}
                fresh = len(blocs)
                seen_at_full = sum(len(v) for v in signed.values()) // 2
                changed_since = 0
                full += 1
                coop = cooperation_weight(signed, labels)
            else:
                fresh = _settle(signed, labels, sorted(touched), fresh, coop)
                _merge_small(signed, labels, {labels[a] for a in touched if a in labels})
            groups: dict[int, list[str]] = defaultdict(list)
            for actor in sorted(labels):
                groups[labels[actor]].append(actor)
            new_numbers = renumber(numbers, list(groups.values()))
        else:
            new_numbers = numbers
        rounded = {a: round(s, 6) for a, s in strength.items()} if touched else None
        new_named = name_blocs(new_numbers, rounded, named) if touched else named
        if new_named != named:
            names = {b: bloc_title(m, label_of) for b, m in new_named.items()}
        moved = {a: (numbers.get(a), new_numbers.get(a)) for a in sorted(numbers.keys() | new_numbers.keys())
                 if numbers.get(a) != new_numbers.get(a)} if new_numbers is not numbers else {}
        deltas.append(moved)
        all_names.append(names)
        numbers, named = new_numbers, new_named
    return BlocTimeline(history.dates, deltas, all_names, full)


def _follow_reports(tie: Reports, old: TieState | None, new: TieState | None) -> None:
    """Bring a tie's ``reports`` from state ``old`` to ``new``, counting only the relations that changed.

    A state's relations are a window of the dyad's dated list plus the
    curated relations valid then; windows only move forward, so the change
    is what left at the front and what arrived at the back (a full recount
    otherwise). A date so costs its changed relations, never a tie's whole
    history again.
    """
    if new is None:
        tie.clear()
        return
    if old is None or old.dated is not new.dated or new.lo < old.lo or new.hi < old.hi:
        tie.clear()
        add_reports(tie, new.dated[new.lo:new.hi])
        add_reports(tie, new.curated)
        return
    add_reports(tie, old.dated[old.lo:min(new.lo, old.hi)], -1)
    add_reports(tie, old.dated[max(old.hi, new.lo):new.hi])
    if old.curated != new.curated:
        add_reports(tie, (Counter(old.curated) - Counter(new.curated)).elements(), -1)
        add_reports(tie, (Counter(new.curated) - Counter(old.curated)).elements())


def _settle(signed: Mapping[str, Mapping[str, float]], labels: dict[str, int], todo: list[str], fresh: int,
            coop: float = 1.0) -> int:
    """Move ``todo`` (and whoever a move disturbs) to the bloc that pulls each most; returns the next free label.

    A cooperative tie pulls ``coop`` times its weight (see
    :func:`netviz.graph.camps.cooperation_weight`). An actor with no signed
    tie left leaves its bloc; a new actor starts in a bloc of its own. Only
    the actors queued are looked at.
    """
    queue = deque(todo)
    queued = set(todo)
    while queue:
        actor = queue.popleft()
        queued.discard(actor)
        ties = signed.get(actor, {})
        if not ties:
            labels.pop(actor, None)
            continue
        if actor not in labels:
            labels[actor] = fresh
            fresh += 1
        pull: dict[int, float] = defaultdict(float)
        for other, w in ties.items():
            if other in labels:
                pull[labels[other]] += w * coop if w > 0 else w
        here = labels[actor]
        target, best = here, pull.get(here, 0.0)
        for bloc in sorted(pull):
            if pull[bloc] > best + 1e-9:
                target, best = bloc, pull[bloc]
        if best < -1e-9:
            target, fresh = fresh, fresh + 1
        if target != here:
            labels[actor] = target
            for other in sorted(ties):
                if other not in queued:
                    queued.add(other)
                    queue.append(other)
    return fresh


#: Blocs up to this size are checked for a merge after each date (larger ones wait for a full search).
MERGE_CHECK = 20


def _merge_small(signed: Mapping[str, Mapping[str, float]], labels: dict[str, int], blocs: set[int]) -> None:
    """Merge each small bloc of ``blocs`` into the bloc it has the most net cooperation with, if any.

    New actors arrive one tie at a time and first stand alone or in small
    blocs; moving one actor at a time cannot join two allies to their camp,
    a merge can. Only blocs of at most ``MERGE_CHECK`` actors are looked at,
    so a date costs the ties of the actors it touched, not of the whole graph.
    """
    members: dict[int, list[str]] = defaultdict(list)
    for bloc in sorted(blocs):
        members[bloc] = []
    for actor, bloc in labels.items():
        if bloc in members:
            members[bloc].append(actor)
    for bloc in sorted(members):
        if not members[bloc] or len(members[bloc]) > MERGE_CHECK:
            continue
        net: dict[int, float] = defaultdict(float)
        for actor in members[bloc]:
            for other, w in signed.get(actor, {}).items():
                if other in labels and labels[other] != bloc:
                    net[labels[other]] += w
        best = max(sorted(net), key=lambda b: net[b], default=None)
        if best is not None and net[best] > 1e-9:
            for actor in members[bloc]:
                labels[actor] = best
            if best in members:
                members[best].extend(members[bloc])
            members[bloc] = []


def assign_steady_blocs(snapshots: Mapping[date, nx.Graph], *, seed: int = 0) -> Mapping[date, nx.Graph]:
    """The snapshots with each actor's ``bloc`` (steady numbers; ``None``: unaligned) and ``G.graph["bloc_names"]``.

    Lazy :class:`~netviz.graph.snapshots.Snapshots` get a
    :func:`bloc_timeline` (incremental along the history); any other mapping
    of graphs gets :func:`~netviz.graph.analysis.find_blocs` per date,
    renumbered with :func:`steady_blocs`.

    >>> G = nx.Graph(); G.add_edge("USA", "GBR", weight=3.0, sign=1); G.add_edge("RUS", "SYR", weight=3.0, sign=1)
    >>> G.add_edge("USA", "RUS", weight=1.0, sign=-1)
    >>> out = assign_steady_blocs({date(2017, 1, 8): G})
    >>> b = out[date(2017, 1, 8)].nodes
    >>> b["USA"]["bloc"] == b["GBR"]["bloc"] != b["RUS"]["bloc"] == b["SYR"]["bloc"]
    True
    >>> sorted(out[date(2017, 1, 8)].graph["bloc_names"].values())
    ['RUS, SYR', 'USA, GBR']
    """
    if isinstance(snapshots, Snapshots):
        return Snapshots(snapshots.history, bloc_timeline(snapshots.history, seed=seed))
    days = list(snapshots)
    numbers = steady_blocs([find_blocs(snapshots[d], method="camps", seed=seed).membership for d in days])
    out = {}
    named: dict[int, tuple[str, ...]] = {}
    for day, blocs in zip(days, numbers):
        G = snapshots[day]
        label = {n: str(d.get("label", n)) for n, d in G.nodes(data=True)}
        strength = {n: float(d.get("strength") or sum(w for *_, w in G.edges(n, data="weight"))) for n, d in G.nodes(data=True)}
        named = name_blocs(blocs, strength, named)
        H = with_node_attribute(G, "bloc", blocs)
        H.graph["bloc_names"] = {b: bloc_title(m, label) for b, m in named.items()}
        out[day] = H
    return out


def adjusted_rand_index(truth: Mapping[str, object], found: Mapping[str, object]) -> float:
    """Agreement of two partitions of the same actors, corrected for chance (Hubert & Arabie): 1 is identical.

    Use it to check found blocs against known camps. An unaligned actor
    (``None``), or one of ``truth`` missing from ``found`` (no tie, so on no
    map), counts as a bloc of its own.

    >>> adjusted_rand_index({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 5, "b": 5, "c": 7, "d": 7})
    1.0
    >>> round(adjusted_rand_index({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": None, "c": 1, "d": 1}), 3)
    0.571
    """
    actors = sorted(truth)

    def own(labels: Mapping[str, object]) -> dict[str, object]:
        return {a: ("alone", a) if labels.get(a) is None else labels[a] for a in actors}

    t, f = own(truth), own(found)

    def pairs(counts: Counter) -> float:
        return sum(c * (c - 1) / 2 for c in counts.values())

    both = pairs(Counter((t[a], f[a]) for a in actors))
    in_t, in_f = pairs(Counter(t.values())), pairs(Counter(f.values()))
    expected = in_t * in_f / (len(actors) * (len(actors) - 1) / 2) if len(actors) > 1 else 0.0
    top = (in_t + in_f) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)
