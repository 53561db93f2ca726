"""The dated changes of the signed graph, stored once: a :class:`History`.

A history holds, for every snapshot date, only the ties whose state changed
on that date (its *delta*), so all D dates of a cumulative history cost the
relations plus the changes, never D x ties. A full ``nx.Graph`` is built only
for a date a caller asks for (:meth:`History.graph`); walking the dates in
order moves one running state forward by the deltas.

A tie state (:class:`TieState`) holds the sums of its tie and a reference to
its evidence (a slice of the dyad's relations plus the curated relations
valid then), not a copy: the evidence tuple is built only when a graph is.
Sums are exact (integers in units of 2**-1100, the resolution of a float), so
a tie's weight is the same whichever way the history reached it: adding and
dropping relations in a rolling window never drifts, and a state reached
incrementally equals one built from scratch, to the last bit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
import weakref
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import networkx as nx

from netviz.errors import NetvizError
from netviz.model import ORIGINS, Relation

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook
    from netviz.ingest.curated import Curated

Dyad = tuple[str, str]
#: Exact sums: every float is a whole multiple of 2**-1074; these units are finer still.
_SHIFT = 1100
_UNIT = 1 << _SHIFT
#: The largest window a history accepts: a hundred years of days (``date`` arithmetic ends at year 9999).
MAX_WINDOW = 36_525


def exact(x: float) -> int:
    """``x`` as a whole number of units of 2**-1100, exactly.

    >>> exact(0.5) == 1 << 1099, exact(3.0) + exact(0.1) - exact(0.1) == exact(3.0)
    (True, True)
    """
    num, den = float(x).as_integer_ratio()
    return num * (_UNIT // den)


def as_float(units: int) -> float:
    """The float nearest to ``units`` x 2**-1100 (int division rounds correctly)."""
    return units / _UNIT


def evidence_order(rel: Relation) -> tuple:
    """Sort key for a tie's evidence: strongest first, then newest, then by place in the text."""
    ev = rel.evidence
    return (-rel.weight, -rel.date.toordinal(), ev.article or "", ev.start or 0, rel.a, rel.b, ev.sentence)


@dataclass(frozen=True, eq=False, slots=True)
class TieState:
    """The state of tie ``a``-``b`` from one date on: its sums and where its evidence is.

    ``dated[lo:hi]`` are the tie's dated relations at that state (``dated``
    is the dyad's whole list in date order, shared by all its states) and
    ``curated`` the curated relations valid then. Immutable.
    """

    a: str
    b: str
    cooperation_units: int
    conflict_units: int
    count: int
    origins: tuple[str, ...]
    dated: Sequence[Relation]
    lo: int
    hi: int
    curated: tuple[Relation, ...]
    _built: weakref.ref | None = field(default=None, init=False, repr=False)
    _values: tuple | None = field(default=None, init=False, repr=False)

    def values(self) -> tuple[float, float, float, float, int, int, tuple[str, ...]]:
        """``(weight, cooperation, conflict, polarity, sign, count, origins)`` as a snapshot's tie
        attributes give them (6 decimals), computed once: pages and layouts read each state often."""
        if self._values is None:
            object.__setattr__(self, "_values", (
                self.weight, round(as_float(self.cooperation_units), 6), round(as_float(self.conflict_units), 6),
                self.polarity, self.sign, self.count, self.origins))
        return self._values

    @property
    def weight_units(self) -> int:
        """The tie's weight in exact units (see :func:`exact`)."""
        return self.cooperation_units + self.conflict_units

    @property
    def weight(self) -> float:
        """Total intensity, 6 decimals."""
        return round(as_float(self.weight_units), 6)

    @property
    def sign(self) -> int:
        """+1 when cooperation is at least twice the conflict (polarity >= 1/3), -1 the reverse, else 0 (mixed)."""
        c, f = self.cooperation_units, self.conflict_units
        if c + f == 0:
            return 0
        # polarity (c - f) / (c + f) >= 1/3  <=>  c >= 2 f, decided exactly
        return 1 if c >= 2 * f else -1 if f >= 2 * c else 0

    @property
    def polarity(self) -> float:
        """(cooperation - conflict) / weight, 6 decimals; 0 for a tie of weight 0."""
        total = self.weight_units
        return round((self.cooperation_units - self.conflict_units) / total, 6) if total else 0.0

    def relations(self) -> tuple[Relation, ...]:
        """The relations behind the tie in this state, strongest first (see :func:`evidence_order`)."""
        return tuple(sorted((*self.dated[self.lo:self.hi], *self.curated), key=evidence_order))

    def attributes(self) -> dict:
        """The edge attributes of a snapshot (see ``docs/architecture.md``).

        Graphs alive at once share one dict per tie state (so a caller that
        holds many dates holds each unchanged tie once); when no graph holds
        it any more, it goes.
        """
        built = self._built() if self._built is not None else None
        if built is None:
            built = _TieAttributes(self._attributes())
            object.__setattr__(self, "_built", weakref.ref(built))
        return built

    def _attributes(self) -> dict:
        return {
            "weight": self.weight,
            "cooperation": round(as_float(self.cooperation_units), 6),
            "conflict": round(as_float(self.conflict_units), 6),
            "polarity": self.polarity,
            "sign": self.sign,
            "count": self.count,
            "origins": self.origins,
            "evidence": self.relations(),
        }


class _TieAttributes(dict):
    """A tie's attribute dict, weakly referable (plain dicts are not)."""

    __slots__ = ("__weakref__",)


def tie_state(relations: Sequence[Relation]) -> TieState:
    """The state of a tie made of ``relations`` (one dyad), built from scratch."""
    coop = sum(exact(r.weight) for r in relations if r.sign > 0)
    conf = sum(exact(r.weight) for r in relations if r.sign < 0)
    a, b = relations[0].dyad
    origins = tuple(sorted({r.origin for r in relations}))
    return TieState(a, b, coop, conf, len(relations), origins, tuple(relations), 0, len(relations), ())


Delta = Mapping[Dyad, tuple["TieState | None", "TieState | None"]]


class _Dyad:
    """The running sums of one dyad's active dated relations (a window ``[lo, hi)`` of its list)."""

    __slots__ = ("relations", "lo", "hi", "cooperation", "conflict", "origins", "curated")

    def __init__(self, relations: list[Relation]) -> None:
        self.relations = relations
        self.lo = self.hi = 0
        self.cooperation = self.conflict = 0
        self.origins = dict.fromkeys(ORIGINS, 0)
        self.curated: tuple[Relation, ...] = ()

    def add(self, rel: Relation, sign: int) -> None:
        units = sign * exact(rel.weight)
        if rel.sign > 0:
            self.cooperation += units
        else:
            self.conflict += units
        self.origins[rel.origin] += sign

    def state(self, dyad: Dyad) -> TieState | None:
        count = self.hi - self.lo + len(self.curated)
        if not count:
            return None
        coop, conf = self.cooperation, self.conflict
        origins = {o for o, n in self.origins.items() if n}
        for rel in self.curated:
            units = exact(rel.weight)
            coop, conf = (coop + units, conf) if rel.sign > 0 else (coop, conf + units)
            origins.add(rel.origin)
        return TieState(dyad[0], dyad[1], coop, conf, count, tuple(sorted(origins)),
                        self.relations, self.lo, self.hi, self.curated)


def snapshot_mode(per_date: bool = False, window: int | None = None) -> str:
    """The ``mode`` a snapshot graph records: ``cumulative``, ``per-date`` or ``window:N``.

    >>> snapshot_mode(), snapshot_mode(per_date=True), snapshot_mode(window=30)
    ('cumulative', 'per-date', 'window:30')
    """
    if per_date and window:
        raise NetvizError("choose either per_date (--per-date) or window (--window), not both")
    if window is not None:
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= MAX_WINDOW:
            raise NetvizError(f"window must be a whole number of days from 1 to {MAX_WINDOW:,} (100 years), not {window!r}")
    return "per-date" if per_date else f"window:{window}" if window else "cumulative"


class History:
    """Every snapshot date of a run, as the changes of one signed graph.

    ``dates`` are in order; ``deltas[i]`` maps each tie that changed on
    ``dates[i]`` to its state before and after (``None``: absent), in dyad
    order. :meth:`graph` gives the full snapshot graph of one date. Nothing
    is ever changed after :func:`build_history` returns (the running state
    behind :meth:`state` is a private cursor).

    Examples
    --------
    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="s", cue="c")
    >>> r1 = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> r2 = Relation("USA", "TUR", -1, "verbal_conflict", 4, date(2017, 3, 8), "extracted", ev)
    >>> h = build_history([r1, r2], [date(2017, 1, 8), date(2017, 3, 8)])
    >>> [sorted(d) for d in h.deltas]
    [[('RUS', 'TUR')], [('TUR', 'USA')]]
    >>> sorted(h.graph(date(2017, 3, 8)).edges)
    [('RUS', 'TUR'), ('TUR', 'USA')]
    """

    def __init__(self, dates: Sequence[date], deltas: Sequence[Delta], articles: Sequence[tuple[str, ...]],
                 mode: str, codebook: Codebook | None = None) -> None:
        self.dates = tuple(dates)
        self.deltas = tuple(deltas)
        self.articles = tuple(articles)
        self.mode = mode
        self.codebook = codebook
        self._index = {d: i for i, d in enumerate(self.dates)}
        self._state: dict[Dyad, TieState] = {}
        self._at = -1

    def __len__(self) -> int:
        return len(self.dates)

    def index(self, day: date) -> int:
        """The position of snapshot date ``day``; a ``KeyError`` if it is none."""
        return self._index[day]

    def state(self, day: date) -> Mapping[Dyad, TieState]:
        """The ties present on ``day`` (a read-only view, valid until the next call).

        The running state moves by the deltas between the last date asked
        for and this one, so walking the dates in order costs the changes.
        """
        target = self.index(day)
        state = self._state
        while self._at < target:
            self._at += 1
            for dyad, (_, new) in self.deltas[self._at].items():
                if new is None:
                    del state[dyad]
                else:
                    state[dyad] = new
        while self._at > target:
            for dyad, (old, _) in self.deltas[self._at].items():
                if old is None:
                    del state[dyad]
                else:
                    state[dyad] = old
            self._at -= 1
        return state

    def changes(self, first: date, second: date) -> dict[Dyad, tuple[TieState | None, TieState | None]]:
        """The ties whose state differs between two snapshot dates: ``{dyad: (state at first, state at second)}``.

        Reads only the deltas between the two dates (either order); a tie
        that changed and changed back is left out.
        """
        i, j = self.index(first), self.index(second)
        lo, hi = min(i, j), max(i, j)
        moved: dict[Dyad, list] = {}
        for k in range(lo + 1, hi + 1):
            for dyad, (old, new) in self.deltas[k].items():
                if dyad in moved:
                    moved[dyad][1] = new
                else:
                    moved[dyad] = [old, new]
        out = {}
        for dyad in sorted(moved):
            old, new = moved[dyad]
            if old is not new:
                out[dyad] = (old, new) if i <= j else (new, old)
        return out

    def graph(self, day: date, blocs: Mapping[str, int | None] | None = None,
              bloc_names: Mapping[int, str] | None = None) -> nx.Graph:
        """The snapshot graph of ``day``: ties with their attributes and evidence, actors with label, type, strength, bloc.

        ``blocs`` gives each actor's ``bloc`` (missing: ``None``); without it
        every actor is in the placeholder bloc 0. ``bloc_names`` goes to
        ``G.graph["bloc_names"]``.
        """
        i = self.index(day)
        ties = self.state(day)
        order = sorted(ties)
        strength: dict[str, int] = defaultdict(int)
        for dyad in order:
            units = ties[dyad].weight_units
            strength[dyad[0]] += units
            strength[dyad[1]] += units
        G = nx.Graph(date=day, mode=self.mode, articles=self.articles[i])
        if bloc_names is not None:
            G.graph["bloc_names"] = dict(bloc_names)
        codebook = self.codebook
        for actor in sorted(strength):
            known = codebook is not None and actor in codebook
            G.add_node(
                actor,
                label=codebook.get(actor).name if known else actor,
                type=codebook.get(actor).type if known else "unknown",
                strength=round(as_float(strength[actor]), 6),
                bloc=0 if blocs is None else blocs.get(actor),
            )
        adj = G._adj
        for a, b in order:
            adj[a][b] = adj[b][a] = ties[a, b].attributes()
        return G

    def union(self) -> dict[Dyad, TieState]:
        """Every tie that is present on some date, with its strongest state (the layout's input), in dyad order."""
        best: dict[Dyad, TieState] = {}
        for delta in self.deltas:
            for dyad, (_, new) in delta.items():
                if new is not None and (dyad not in best or new.weight_units > best[dyad].weight_units):
                    best[dyad] = new
        return {d: best[d] for d in sorted(best)}

    def counts(self) -> Iterator[tuple[date, int, int, int, int, int]]:
        """Per date: ``(date, actors, ties, cooperative, hostile, mixed)``, in O(changes)."""
        degree: dict[str, int] = defaultdict(int)
        signs = {1: 0, -1: 0, 0: 0}
        ties = 0
        for day, delta in zip(self.dates, self.deltas):
            for dyad, (old, new) in delta.items():
                for state, step in ((old, -1), (new, 1)):
                    if state is not None:
                        signs[state.sign] += step
                        ties += step
                        for actor in dyad:
                            degree[actor] += step
                            if not degree[actor]:
                                del degree[actor]
            yield day, len(degree), ties, signs[1], signs[-1], signs[0]

    def extremes(self) -> tuple[float, float]:
        """The largest tie weight and actor strength on any date, in O(changes) (widths and sizes scale by them)."""
        strength: dict[str, int] = defaultdict(int)
        top_weight = top_strength = 0
        for delta in self.deltas:
            for (a, b), (old, new) in delta.items():
                step = (new.weight_units if new else 0) - (old.weight_units if old else 0)
                strength[a] += step
                strength[b] += step
                top_strength = max(top_strength, strength[a], strength[b])
                if new is not None:
                    top_weight = max(top_weight, new.weight_units)
        return round(as_float(top_weight), 6) or 1.0, round(as_float(top_strength), 6) or 1.0


def build_history(
    relations: Iterable[Relation],
    dates: Mapping[date, Sequence[str]] | Iterable[date],
    *,
    curated: Curated | None = None,
    codebook: Codebook | None = None,
    per_date: bool = False,
    window: int | None = None,
) -> History:
    """The history of the signed graph over ``dates``, in O(relations + changes).

    Parameters
    ----------
    relations : dated relations (extracted or imported); curated ones go in ``curated``.
    dates : the snapshot dates, or a mapping of each date to the ids of its articles.
    curated : curated relations, each counted on the dates it is valid.
    codebook : gives actors their ``label`` and ``type``; without it the label is the id.
    per_date, window : narrow each snapshot to its own date or to the last ``window`` days.

    Each step adds (and, for a window, drops) the relations of the dates it
    passes, and only the ties they touch get a new state.
    """
    mode = snapshot_mode(per_date, window)
    article_ids = dict(dates) if isinstance(dates, Mapping) else {d: () for d in dates}
    days = sorted(article_ids)
    rels = sorted(relations, key=lambda r: r.date)  # stable: same-day relations keep their order
    grouped: dict[Dyad, list[Relation]] = defaultdict(list)
    for rel in rels:
        grouped[rel.dyad].append(rel)
    dyads = {dyad: _Dyad(grouped[dyad]) for dyad in sorted(grouped)}

    cur = tuple(curated.relations) if curated is not None else ()
    starts = sorted(range(len(cur)), key=lambda k: (cur[k].valid_from or date.min, k))
    ends = sorted(range(len(cur)), key=lambda k: (cur[k].valid_to or date.max, k))
    valid: set[int] = set()
    started = ended = 0

    state: dict[Dyad, TieState] = {}
    deltas: list[dict] = []
    added = dropped = 0  # indexes into rels: [dropped, added) are active
    for day in days:
        dirty: set[Dyad] = set()
        if per_date or window:
            try:
                start = day if per_date else day - timedelta(days=window - 1)
            except OverflowError:
                start = date.min
            while dropped < len(rels) and rels[dropped].date < start:
                old = rels[dropped]
                acc = dyads[old.dyad]
                if dropped < added:
                    acc.add(old, -1)
                    dirty.add(old.dyad)
                else:  # never active: skipped over between two distant dates
                    acc.hi += 1
                    added += 1
                acc.lo += 1
                dropped += 1
        while added < len(rels) and rels[added].date <= day:
            new = rels[added]
            acc = dyads[new.dyad]
            acc.add(new, 1)
            acc.hi += 1
            dirty.add(new.dyad)
            added += 1

        changed_curated = set()
        while started < len(starts) and (cur[starts[started]].valid_from or date.min) <= day:
            k = starts[started]
            if cur[k].valid_to is None or cur[k].valid_to >= day:
                valid.add(k)
                changed_curated.add(cur[k].dyad)
            started += 1
        while ended < len(ends) and cur[ends[ended]].valid_to is not None and cur[ends[ended]].valid_to < day:
            k = ends[ended]
            if k in valid:
                valid.discard(k)
                changed_curated.add(cur[k].dyad)
            ended += 1
        if changed_curated:
            by_dyad: dict[Dyad, list[int]] = defaultdict(list)
            for k in valid:
                if cur[k].dyad in changed_curated:
                    by_dyad[cur[k].dyad].append(k)
            for dyad in changed_curated:
                if dyad not in dyads:
                    dyads[dyad] = _Dyad([])
                dyads[dyad].curated = tuple(cur[k] for k in sorted(by_dyad.get(dyad, ())))
            dirty |= changed_curated

        delta = {}
        for dyad in sorted(dirty):
            old, new = state.get(dyad), dyads[dyad].state(dyad)
            if old is None and new is None:
                continue
            if new is None:
                del state[dyad]
            else:
                state[dyad] = new
            delta[dyad] = (old, new)
        deltas.append(delta)
    return History(days, deltas, [tuple(article_ids[d]) for d in days], mode, codebook)
