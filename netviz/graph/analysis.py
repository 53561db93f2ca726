"""Signed-network analysis of a snapshot: structural balance, blocs, brokers.

networkx has no signed functions, so this module supplies them for the
snapshot graphs of ``docs/architecture.md`` (edge ``weight`` > 0 and ``sign``
in +1 / -1 / 0).

Mixed ties (``sign`` 0: cooperation and conflict of comparable weight) carry
no sign, so they are never counted for or against structure:

- a triangle with a mixed tie is neither balanced nor unbalanced; it is
  counted as *ambiguous* and left out of both balance shares;
- in bloc finding a mixed tie costs nothing wherever its two actors fall, and
  an actor whose ties are all mixed (or who has none) is *unaligned* and
  forms a bloc of its own;
- brokerage uses cooperative ties only.

The JSON records are documented in ``docs/compare-json.md``.

The work is split by what it does: the values and the reading of a snapshot
(:mod:`netviz.graph.signed`), balance (:mod:`netviz.graph.balance`), the bloc
search (:mod:`netviz.graph.blocsearch`, :mod:`netviz.graph.camps`), blocs
over time (:mod:`netviz.graph.blocs`), brokers (:mod:`netviz.graph.brokers`)
and records and tables (:mod:`netviz.graph.records`). This module runs the
whole analysis and the changes between two dates, and re-exports the rest,
so ``from netviz.graph.analysis import ...`` keeps working.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping

import networkx as nx

from netviz.graph.balance import DENSE_BALANCE, _balance, structural_balance, triangles  # noqa: F401
from netviz.graph.blocs import (  # noqa: F401
    assign_steady_blocs,
    bloc_title,
    name_blocs,
    snapshot_blocs,
    steady_blocs,
)
from netviz.graph.blocsearch import (  # noqa: F401 (re-exported)
    AUTO_STEPS,
    EXACT_LIMIT,
    EXACT_MAX,
    EXACT_STEPS,
    METHODS,
    _find_blocs,
    _kmeans,
    _partition,
    assign_blocs,
    bloc_lists,
    find_blocs,
    single_blas_thread,
)
from netviz.graph.brokers import BETWEENNESS_SOURCES, _brokers, brokers  # noqa: F401
from netviz.graph.records import (  # noqa: F401 (re-exported)
    ANALYSIS_SCHEMA,
    SIGN_MARK,
    analysis_record,
    balance_change_record,
    balance_record,
    bloc_move_record,
    contradiction_record,
    describe_triangle,
    format_analysis_table,
    tie_record,
)
from netviz.graph.signed import (  # noqa: F401 (re-exported)
    Adjacency,
    Analysis,
    Balance,
    BalanceChange,
    BlocMove,
    BlocPartition,
    Broker,
    Contradictions,
    Tie,
    Triangle,
    _adjacency,
    _real,
    _tie,
    actor_triples,
)

# --- the whole analysis -------------------------------------------------------------


def analyze_snapshot(
    G: nx.Graph, *, method: str | None = None, max_blocs: int | None = None, seed: int = 0
) -> Analysis:
    """Balance, blocs, contradictions and brokers of one snapshot.

    Parameters
    ----------
    G : a snapshot graph.
    method, max_blocs, seed : passed to :func:`find_blocs` (``seed`` also samples betweenness sources).
        With ``method=None`` (the default) the blocs are the ones the snapshot's actors
        carry (``bloc``, as the maps show them, with ``G.graph["bloc_names"]``), or the
        camps (``method="camps"``) when it carries none.

    Examples
    --------
    >>> import networkx as nx
    >>> from datetime import date
    >>> G = nx.Graph(date=date(2019, 10, 9))
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=-1)
    >>> a = analyze_snapshot(G)
    >>> [c.actors for c in a.contradictions], a.blocs.frustration, a.bloc_names
    ([('TUR', 'USA', 'YPG')], 6.0, ('TUR, USA', None))
    """
    adj = _adjacency(G)
    balance = _balance(G, adj)
    given = snapshot_blocs(G) if method is None and max_blocs is None else None
    label = {n: str(d.get("label", n)) for n, d in G.nodes(data=True)}
    if given is not None:
        groups: dict[object, list[str]] = defaultdict(list)
        for actor in sorted(given):
            groups[("alone", actor) if given[actor] is None else given[actor]].append(actor)
        partition = _partition(G, adj, groups.values(), "camps")
        known = G.graph.get("bloc_names") or {}
        names = tuple(None if given[m[0]] is None or len(m) < 2 else
                      known.get(given[m[0]]) or bloc_title(name_blocs({a: 0 for a in m}, _strengths(G))[0], label)
                      for m in partition.blocs)
    else:
        partition = _find_blocs(G, adj, method or "camps", max_blocs, seed)
        strength = _strengths(G)
        names = tuple(bloc_title(name_blocs({a: 0 for a in m}, strength)[0], label) if len(m) > 1 else None
                      for m in partition.blocs)
    found, k = _brokers(adj, partition, None, seed)
    return Analysis(G.graph.get("date"), balance, partition, found, k, names)


def _strengths(G: nx.Graph) -> dict[str, float]:
    """Each actor's ``strength`` (its summed tie weight when the graph has none)."""
    return {n: float(d["strength"]) if _real(d.get("strength")) else float(sum(w for *_, w in G.edges(n, data="weight")))
            for n, d in G.nodes(data=True)}


# --- change between two dates ---------------------------------------------------------


def bloc_changes(before: Mapping[str, int | None], after: Mapping[str, int | None]) -> tuple[BlocMove, ...]:
    """Actors (present at both dates) whose bloc changed.

    Bloc numbers are not comparable across dates, so blocs are first
    matched: greedily, the pair of blocs sharing most actors first (equal
    overlaps by their member lists). An actor moved when its bloc after is
    not the match of its bloc before. The matching is symmetric, so
    swapping the dates swaps ``left`` and ``joined`` and nothing else.

    Parameters
    ----------
    before, after : actor id -> bloc number (``BlocPartition.membership`` or the
        nodes' ``bloc``); ``None`` means the actor is alone.

    Examples
    --------
    >>> before = {"USA": 0, "GBR": 0, "TUR": 0, "RUS": 1, "IRN": 1}
    >>> after = {"USA": 1, "GBR": 1, "TUR": 0, "RUS": 0, "IRN": 0}
    >>> [(m.actor, m.left, m.joined) for m in bloc_changes(before, after)]
    [('TUR', ('GBR', 'USA'), ('IRN', 'RUS'))]
    """
    common = sorted(set(before) & set(after))
    # an actor without a bloc is a bloc of its own
    bloc_a = {x: ("alone", x) if b is None else b for x, b in before.items()}
    bloc_b = {x: ("alone", x) if b is None else b for x, b in after.items()}
    members_a = _members_of(bloc_a)
    members_b = _members_of(bloc_b)
    overlap = Counter((bloc_a[x], bloc_b[x]) for x in common)

    def key(pair: tuple[int, int]) -> tuple:
        p, q = pair
        return (-overlap[pair], sorted([members_a[p], members_b[q]]))

    match: dict[int, int] = {}
    taken: set[int] = set()
    for p, q in sorted(overlap, key=key):
        if p not in match and q not in taken:
            match[p] = q
            taken.add(q)
    return tuple(
        BlocMove(
            actor=x,
            bloc_before=before[x],
            bloc_after=after[x],
            left=_without(members_a[bloc_a[x]], x),
            joined=_without(members_b[bloc_b[x]], x),
        )
        for x in common
        if match.get(bloc_a[x]) != bloc_b[x]
    )


def _members_of(membership: Mapping[str, Hashable]) -> dict[Hashable, tuple[str, ...]]:
    """Bloc -> its members, sorted."""
    members: dict[Hashable, list[str]] = defaultdict(list)
    for actor in sorted(membership):
        members[membership[actor]].append(actor)
    return {bloc: tuple(m) for bloc, m in members.items()}


def _without(members: tuple[str, ...], actor: str) -> tuple[str, ...]:
    """``members`` (sorted) less ``actor``, by slicing: blocs can hold thousands."""
    i = bisect.bisect_left(members, actor)
    return members[:i] + members[i + 1:]


def balance_change(before: Balance, after: Balance) -> BalanceChange:
    """Compare the balance of two dates: share change, new and resolved contradictions.

    A contradiction is the same when it joins the same three actors.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G.add_edge("USA", "YPG", weight=6.0, sign=1)
    >>> G.add_edge("TUR", "YPG", weight=9.0, sign=1)
    >>> H = G.copy()
    >>> H.edges["TUR", "YPG"]["sign"] = -1
    >>> change = balance_change(structural_balance(G), structural_balance(H))
    >>> change.share_change, [t.actors for t in change.new], change.resolved
    (-1.0, [('TUR', 'USA', 'YPG')], ())
    """
    had, has = actor_triples(before.contradictions), actor_triples(after.contradictions)
    old, now = set(had), set(has)
    return BalanceChange(
        before=before,
        after=after,
        new=tuple(after.contradictions[i] for i, t in enumerate(has) if t not in old),
        resolved=tuple(before.contradictions[i] for i, t in enumerate(had) if t not in now),
    )
