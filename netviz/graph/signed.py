"""The values of signed-network analysis (ties, triangles, balance, blocs, brokers) and the reading of a snapshot.

:mod:`netviz.graph.analysis` documents what they mean; this module holds
them so that balance, brokers, the bloc search and the records can share
them without importing one another.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx

from netviz.errors import NetvizError
from netviz.model import Relation

Adjacency = dict[str, dict[str, tuple[int, float]]]


# --- values -------------------------------------------------------------------


@dataclass(frozen=True)
class Tie:
    """One tie of a snapshot, ``a < b``, with its sign, weight and evidence (strongest first)."""

    a: str
    b: str
    sign: int
    weight: float
    evidence: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Triangle:
    """Three actors that are pairwise tied; ``actors`` sorted as ``(x, y, z)``.

    ``ties`` are ``x-y``, ``x-z``, ``y-z`` in that order. ``weight`` is the
    geometric mean of the three tie weights, so it reads in tie-weight units
    and a triangle is only as strong as all three ties together.
    """

    actors: tuple[str, str, str]
    ties: tuple[Tie, Tie, Tie]
    weight: float

    @property
    def signs(self) -> tuple[int, int, int]:
        """The signs of ``x-y``, ``x-z``, ``y-z``."""
        return tuple(t.sign for t in self.ties)  # type: ignore[return-value]

    @property
    def pattern(self) -> str:
        """The signs as sorted text: ``"++-"`` (friends of a friend at odds) or ``"---"``."""
        return "".join(sorted("+" if s > 0 else "-" if s < 0 else "0" for s in self.signs))

    @property
    def odd(self) -> tuple[Tie, ...]:
        """The ties at odds with the other two: the hostile tie of ``++-``; all three of ``---``."""
        return tuple(t for t in self.ties if t.sign < 0) if self.pattern == "++-" else self.ties


class Contradictions(Sequence[Triangle]):
    """The unbalanced triangles of a snapshot, strongest first, each made a :class:`Triangle` when read.

    A dense snapshot holds millions of them; most callers read a few (a
    table) or only their actors (:meth:`actor_triples`), so the Triangle and
    Tie values are not built up front. Read-only; equal to any sequence of
    the same triangles.
    """

    def __init__(self, G: nx.Graph, unbalanced: Sequence[tuple[float, tuple[str, str, str]]]) -> None:
        self._graph = G
        self._items = tuple(unbalanced)
        self._ties: dict[tuple[str, str], Tie] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        weight, (x, y, z) = self._items[i]
        return Triangle((x, y, z), (self._tie(x, y), self._tie(x, z), self._tie(y, z)), weight)

    def _tie(self, u: str, v: str) -> Tie:
        if (u, v) not in self._ties:
            self._ties[u, v] = _tie(self._graph, u, v)
        return self._ties[u, v]

    def actor_triples(self) -> list[tuple[str, str, str]]:
        """The actors of each triangle, in order, without building the triangles."""
        return [actors for _, actors in self._items]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Contradictions):
            return self._items == other._items
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"<Contradictions: {len(self)} unbalanced triangles>"


def actor_triples(contradictions: Sequence[Triangle]) -> list[tuple[str, str, str]]:
    """The actors of each contradiction, fast for :class:`Contradictions`."""
    if isinstance(contradictions, Contradictions):
        return contradictions.actor_triples()
    return [t.actors for t in contradictions]


@dataclass(frozen=True)
class Balance:
    """Structural balance of a snapshot (Cartwright-Harary: a triangle is balanced when the product of its signs is +).

    ``triangles`` counts triangles whose three ties are all signed;
    ``all_negative`` of the unbalanced ones are three mutual adversaries,
    which the weaker (Davis) notion accepts as three blocs; ``ambiguous``
    triangles have a mixed tie and are left out of the shares.
    ``contradictions`` are the unbalanced triangles, strongest first.
    The shares are ``None`` when there is no signed triangle.
    """

    triangles: int
    balanced: int
    unbalanced: int
    all_negative: int
    ambiguous: int
    share: float | None
    weighted_share: float | None
    contradictions: Sequence[Triangle]

    @property
    def weak_share(self) -> float | None:
        """Share of triangles balanced in Davis' weak sense (``---`` counts as balanced)."""
        return (self.balanced + self.all_negative) / self.triangles if self.triangles else None


@dataclass(frozen=True)
class BlocPartition:
    """Actors split into blocs so that few hostile ties fall inside and few cooperative ties across.

    ``blocs[i]`` lists the members of bloc ``i`` (sorted). Blocs are numbered
    biggest first, equal sizes by their first member id. ``frustration`` is
    the summed weight of the ``frustrated`` ties (hostile inside a bloc,
    cooperative across blocs), strongest first. ``method`` is ``"exact"``
    when every group was solved by the exact search (no partition has less
    frustration), else ``"heuristic"``.
    """

    blocs: tuple[tuple[str, ...], ...]
    frustration: float
    frustrated: tuple[Tie, ...]
    signed_weight: float
    method: str

    @property
    def optimal(self) -> bool:
        """True when the frustration is proven minimal."""
        return self.method == "exact"

    @property
    def membership(self) -> dict[str, int]:
        """Actor id -> bloc number."""
        return {actor: i for i, members in enumerate(self.blocs) for actor in members}

    @property
    def relative_frustration(self) -> float:
        """Frustration as a share of the weight of all signed ties: 0 means perfectly split."""
        return self.frustration / self.signed_weight if self.signed_weight else 0.0


@dataclass(frozen=True)
class Broker:
    """An actor that holds the cooperative network together or bridges blocs.

    ``betweenness`` is the normalised weighted betweenness on the cooperative
    ties (distance = 1 / weight); ``partners`` are the actors of other blocs it
    cooperates with and the weights of those ties, strongest first, and
    ``cross_weight`` their sum.
    """

    actor: str
    bloc: int
    betweenness: float
    cross_weight: float
    partners: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyze_snapshot` finds in one snapshot."""

    date: date | None
    balance: Balance
    blocs: BlocPartition
    brokers: tuple[Broker, ...]
    #: sources used for betweenness; ``None`` when exact (every actor)
    betweenness_sources: int | None
    #: the name of each bloc of ``blocs.blocs`` (its strongest members); ``None`` for an unaligned actor
    bloc_names: tuple[str | None, ...] = ()

    @property
    def contradictions(self) -> tuple[Triangle, ...]:
        """The unbalanced triangles, strongest first."""
        return self.balance.contradictions


@dataclass(frozen=True)
class BlocMove:
    """An actor whose bloc changed between two dates.

    ``left`` are the other members of its bloc before, ``joined`` the other
    members of its bloc after (either may be empty: it stood alone). A bloc
    number is ``None`` where the snapshot gave the actor none (alone).
    """

    actor: str
    bloc_before: int | None
    bloc_after: int | None
    left: tuple[str, ...]
    joined: tuple[str, ...]


@dataclass(frozen=True)
class BalanceChange:
    """Balance at two dates, with the contradictions that arose and the ones that were resolved."""

    before: Balance
    after: Balance
    new: tuple[Triangle, ...]
    resolved: tuple[Triangle, ...]

    @property
    def share_change(self) -> float | None:
        """Change in the share of balanced triangles; ``None`` if either date has no signed triangle."""
        return _delta(self.before.share, self.after.share)

    @property
    def weighted_share_change(self) -> float | None:
        """Change in the weighted share of balanced triangles."""
        return _delta(self.before.weighted_share, self.after.weighted_share)


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


# --- reading a snapshot ---------------------------------------------------------


def _adjacency(G: nx.Graph) -> Adjacency:
    """``{u: {v: (sign, weight)}}``, after checking every tie (one pass, no copies of the data)."""
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise NetvizError(f"expected an undirected snapshot graph (networkx.Graph), not {type(G).__name__}")
    adj: Adjacency = {}
    for u, nbrs in G.adjacency():  # the inner dicts themselves, no view object per tie
        if type(u) is not str:
            raise NetvizError(f"actor ids must be strings, not {u!r}")
        row = adj[u] = {}
        for v, d in nbrs.items():
            if v == u:
                raise NetvizError(f"tie {u}-{v} links an actor to itself; snapshots have no self-ties")
            if v in adj:  # checked from v's side already
                row[v] = adj[v][u]
                continue
            w, s = d.get("weight"), d.get("sign")
            # exact type checks first: the abstract numbers.Real check is slow on 100,000 tie ends
            if not (type(w) is float or type(w) is int or _real(w)) or not 0 < w < math.inf:
                raise NetvizError(f"tie {u}-{v}: weight must be a positive number, not {w!r}")
            if (type(s) is not int or not -1 <= s <= 1) and not (_real(s) and s in (-1, 0, 1)):
                raise NetvizError(f"tie {u}-{v}: sign must be +1, -1 or 0, not {s!r}")
            row[v] = (int(s), float(w))
    return adj


def _real(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _tie(G: nx.Graph, u: str, v: str) -> Tie:
    a, b = (u, v) if u < v else (v, u)
    d = G.edges[a, b]
    return Tie(a, b, int(d["sign"]), float(d["weight"]), tuple(d.get("evidence", ())))
