"""What changed between two snapshots: ties formed, dissolved, flipped, strengthened, weakened.

Every tie present at either date falls in exactly one class:

- **formed**: absent at the first date, present at the second;
- **dissolved**: present, then absent;
- **flipped**: present at both dates with a different ``sign``. A move
  between ally (+1) and adversary (-1) is a *reversal*; a move into or out
  of mixed (0) also counts as a flip (the tie changed its nature), with
  ``reversal`` false, and is listed after the reversals;
- **strengthened** / **weakened**: same sign, weight changed by at least
  ``threshold`` of the larger of the two weights (default 0.2: 10 -> 12.5 or
  more, 10 -> 8 or less). A relative threshold makes one new report on a
  tie with a hundred no news, and a tie that doubled always news;
- **unchanged**: everything else.

Each changed tie carries its weight, sign and polarity before and after, and
the evidence that explains the change: ``added`` (relations in the second
snapshot's evidence, not in the first's) and ``removed`` (the reverse), each
removed relation with the reason it dropped out (a curated entry's validity
ended, an article fell out of the window, ...).

Actors: ``appeared``, ``disappeared`` and, for actors present at both dates,
``strength_changes`` under the same threshold. Structure: actors that changed
bloc (:func:`netviz.graph.analysis.bloc_changes`) and the change in balance with
the contradictions that arose or were resolved.

``compare_snapshots(b, a)`` is the mirror of ``compare_snapshots(a, b)``:
formed and dissolved swap, strengthened and weakened swap, appeared and
disappeared swap, before and after swap. The JSON record is documented in
``docs/compare-json.md``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import networkx as nx

from netviz.errors import NetvizError
from netviz.graph.analysis import (
    SIGN_MARK,
    BalanceChange,
    BlocMove,
    _adjacency,
    _balance,
    balance_change,
    balance_change_record,
    bloc_changes,
    bloc_move_record,
    describe_triangle,
    find_blocs,
)
from netviz.graph.snapshots import Snapshots
from netviz.model import Relation, relation_record
from netviz.table import format_table

#: Default relative weight change that counts as strengthened / weakened.
DEFAULT_THRESHOLD = 0.2
#: Relative changes below this are float rounding, never a change.
_NOISE = 1e-9
DIFF_SCHEMA = "netviz.diff/1"
TIE_CHANGES = ("formed", "dissolved", "flipped", "strengthened", "weakened")


@dataclass(frozen=True)
class TieChange:
    """How one tie ``a``-``b`` (``a < b``) changed.

    A tie absent at a date has weight 0 and sign and polarity ``None``
    there. ``added`` holds the relations behind the tie at the second date
    that were not there at the first (strongest first), ``removed`` the
    relations that dropped out, with ``why_removed[i]`` the reason for
    ``removed[i]``.
    """

    change: str
    a: str
    b: str
    weight_before: float
    weight_after: float
    sign_before: int | None
    sign_after: int | None
    polarity_before: float | None
    polarity_after: float | None
    added: tuple[Relation, ...] = ()
    removed: tuple[Relation, ...] = ()
    why_removed: tuple[str, ...] = ()

    @property
    def delta(self) -> float:
        """Weight after minus weight before."""
        return self.weight_after - self.weight_before

    @property
    def reversal(self) -> bool:
        """True for a flip between ally and adversary (not through mixed)."""
        return self.sign_before is not None and self.sign_after is not None and self.sign_before * self.sign_after < 0


@dataclass(frozen=True)
class ActorChange:
    """An actor that appeared, disappeared or whose strength changed (``change``: appeared, disappeared, stronger, weaker)."""

    actor: str
    change: str
    label: str
    strength_before: float
    strength_after: float

    @property
    def delta(self) -> float:
        """Strength after minus strength before."""
        return self.strength_after - self.strength_before


@dataclass(frozen=True)
class SnapshotDiff:
    """Everything that changed from snapshot ``date_a`` to snapshot ``date_b``.

    Each tie list is ordered strongest first (see :func:`compare_snapshots`);
    ``unchanged`` lists the ties present at both dates that did not change.
    ``bloc_moves`` and ``balance`` are empty / ``None`` when the comparison
    was asked without structure.
    """

    date_a: date | None
    date_b: date | None
    threshold: float
    formed: tuple[TieChange, ...]
    dissolved: tuple[TieChange, ...]
    flipped: tuple[TieChange, ...]
    strengthened: tuple[TieChange, ...]
    weakened: tuple[TieChange, ...]
    unchanged: tuple[tuple[str, str], ...]
    appeared: tuple[ActorChange, ...]
    disappeared: tuple[ActorChange, ...]
    strength_changes: tuple[ActorChange, ...]
    bloc_moves: tuple[BlocMove, ...] = ()
    balance: BalanceChange | None = None

    @property
    def ties(self) -> tuple[TieChange, ...]:
        """Every changed tie, grouped by kind of change."""
        return self.formed + self.dissolved + self.flipped + self.strengthened + self.weakened

    @property
    def changed(self) -> bool:
        """True if any tie, actor or bloc changed."""
        return bool(self.ties or self.appeared or self.disappeared or self.strength_changes or self.bloc_moves)

    def tie(self, a: str, b: str) -> TieChange | None:
        """The change of tie ``a``-``b`` (either order), or ``None`` if it did not change."""
        return self._by_dyad.get((a, b) if a < b else (b, a))

    @cached_property
    def _by_dyad(self) -> dict[tuple[str, str], TieChange]:
        return {(t.a, t.b): t for t in self.ties}


def _threshold(value: float | None) -> float:
    if value is None:
        return DEFAULT_THRESHOLD
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise NetvizError(f"threshold must be a relative change from 0 up to (not including) 1, such as 0.2; got {value!r}")
    return float(value)


def _changed(before: float, after: float, threshold: float) -> bool:
    """Whether a weight or strength moved by at least ``threshold`` of the larger value."""
    larger = max(before, after)
    return abs(after - before) >= threshold * larger and abs(after - before) > _NOISE * larger


def why_dropped(rel: Relation, G: nx.Graph) -> str:
    """Why relation ``rel`` is not behind its tie in snapshot ``G`` (from ``G.graph`` date and mode).

    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="US troops patrol with the SDF.", cue="patrol with")
    >>> cur = Relation("USA", "YPG", 1, "material_cooperation", 7, date(2015, 1, 1), "curated", ev,
    ...                valid_from=date(2015, 1, 1), valid_to=date(2019, 10, 8))
    >>> G = nx.Graph(date=date(2019, 10, 13), mode="cumulative")
    >>> why_dropped(cur, G)
    'curated validity ended 2019-10-08'
    >>> old = Relation("USA", "YPG", 1, "verbal_cooperation", 3, date(2019, 9, 1), "extracted", ev)
    >>> why_dropped(old, nx.Graph(date=date(2019, 10, 13), mode="window:30"))
    'older than the 30-day window'
    """
    day, mode = G.graph.get("date"), str(G.graph.get("mode", ""))
    if day is None:
        return "not in the later snapshot"
    if rel.valid_from is not None or rel.valid_to is not None:
        if rel.valid_to is not None and rel.valid_to < day:
            return f"curated validity ended {rel.valid_to.isoformat()}"
        if rel.valid_from is not None and rel.valid_from > day:
            return f"curated validity starts {rel.valid_from.isoformat()}"
    if rel.date > day:
        return f"dated {rel.date.isoformat()}, after {day.isoformat()}"
    if mode == "per-date" and rel.date < day:
        return f"dated {rel.date.isoformat()}; the snapshot holds only {day.isoformat()}"
    if mode.startswith("window:") and mode[7:].isdigit() and rel.date <= day - timedelta(days=int(mode[7:])):
        return f"older than the {mode[7:]}-day window"
    return "no longer in the snapshot (suppressed or its source removed)"


def _strength(G: nx.Graph, actor: str) -> float:
    value = G.nodes[actor].get("strength")
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return float(sum(w for _, _, w in G.edges(actor, data="weight")))


def _blocs(G: nx.Graph) -> dict[str, int | None]:
    """The nodes' ``bloc`` attributes (``None``: alone), or blocs found afresh.

    They are found afresh when an actor has no ``bloc`` attribute or one that
    is not a whole number, or when every actor is in bloc 0, which is what
    ``build_snapshots`` sets before blocs are assigned (a true single bloc is
    found again).
    """
    blocs = {n: d.get("bloc", "missing") for n, d in G.nodes(data=True)}
    given = all(b is None or (isinstance(b, int) and not isinstance(b, bool) and b >= 0) for b in blocs.values())
    if given and any(b != 0 for b in blocs.values()):
        return blocs
    return find_blocs(G).membership


def compare_dates(
    snapshots: Snapshots, first: date, second: date, *, threshold: float | None = None, structure: bool = True
) -> SnapshotDiff:
    """:func:`compare_snapshots` for two dates of lazy snapshots: the ties to classify come from the deltas between them.

    Only the ties the history changed between the two dates are looked at
    (every other tie present at both is unchanged), so the tie comparison
    costs the changes; the result equals ``compare_snapshots(snapshots[first], snapshots[second])``.
    """
    changed = list(snapshots.history.changes(first, second))
    return _compare(snapshots[first], snapshots[second], threshold, structure, changed)


def compare_snapshots(
    a: nx.Graph, b: nx.Graph, *, threshold: float | None = None, structure: bool = True
) -> SnapshotDiff:
    """Compare snapshot ``a`` (before) with snapshot ``b`` (after).

    Parameters
    ----------
    a, b : snapshot graphs (edge ``weight``, ``sign``, ``polarity``, ``evidence``; node ``strength``, ``bloc``).
    threshold : relative weight change that counts as strengthened or weakened,
        from 0 (any change) to below 1; ``None`` = ``DEFAULT_THRESHOLD`` (0.2).
    structure : also report bloc moves and the change in balance. Blocs come
        from the nodes' ``bloc`` attributes (the snapshot builder sets them),
        else from :func:`netviz.graph.analysis.find_blocs` (when an actor has none,
        or all are in the builder's placeholder bloc 0).

    Returns
    -------
    SnapshotDiff
        Formed ties by weight after, dissolved by weight before, flipped
        reversals first then by the larger weight, strengthened and weakened
        by the size of the change, actors likewise; equal keys by actor ids.

    Examples
    --------
    >>> G1 = nx.Graph(date=date(2019, 10, 6))
    >>> G1.add_edge("TUR", "USA", weight=8.0, sign=1, polarity=1.0)
    >>> G1.add_edge("USA", "YPG", weight=6.0, sign=1, polarity=1.0)
    >>> G2 = nx.Graph(date=date(2019, 10, 13))
    >>> G2.add_edge("TUR", "USA", weight=8.5, sign=1, polarity=1.0)
    >>> G2.add_edge("TUR", "YPG", weight=9.0, sign=-1, polarity=-1.0)
    >>> d = compare_snapshots(G1, G2)
    >>> [(t.a, t.b) for t in d.formed], [(t.a, t.b) for t in d.dissolved], d.unchanged
    ([('TUR', 'YPG')], [('USA', 'YPG')], (('TUR', 'USA'),))
    """
    return _compare(a, b, threshold, structure, None)


def _compare(a: nx.Graph, b: nx.Graph, threshold: float | None, structure: bool,
             candidates: list[tuple[str, str]] | None) -> SnapshotDiff:
    th = _threshold(threshold)
    adj_a, adj_b = _adjacency(a), _adjacency(b)
    groups: dict[str, list[TieChange]] = {kind: [] for kind in TIE_CHANGES}
    unchanged: list[tuple[str, str]] = []

    def change(kind: str, u: str, v: str) -> TieChange:
        da = a.edges[u, v] if a.has_edge(u, v) else None
        db = b.edges[u, v] if b.has_edge(u, v) else None
        ev_a = tuple(da.get("evidence", ())) if da else ()
        ev_b = tuple(db.get("evidence", ())) if db else ()
        had, has = set(ev_a), set(ev_b)
        removed = tuple(r for r in ev_a if r not in has)
        return TieChange(
            change=kind,
            a=u,
            b=v,
            weight_before=float(da["weight"]) if da else 0.0,
            weight_after=float(db["weight"]) if db else 0.0,
            sign_before=int(da["sign"]) if da else None,
            sign_after=int(db["sign"]) if db else None,
            polarity_before=_polarity(da),
            polarity_after=_polarity(db),
            added=tuple(r for r in ev_b if r not in had),
            removed=removed,
            why_removed=tuple(why_dropped(r, b) for r in removed),
        )

    if candidates is None:  # every tie of either date
        candidates = [(u, v) for u, nbrs in adj_a.items() for v in nbrs if u < v]
        candidates += [(u, v) for u, nbrs in adj_b.items() for v in nbrs if u < v and v not in adj_a.get(u, {})]
    else:  # the ties the deltas name; every other tie of both dates is unchanged
        named = set(candidates)
        unchanged.extend((u, v) for u, nbrs in adj_a.items() for v in nbrs if u < v and (u, v) not in named)
    for u, v in candidates:
        before, after = adj_a.get(u, {}).get(v), adj_b.get(u, {}).get(v)
        if before is None and after is None:
            continue
        if before is None:
            groups["formed"].append(change("formed", u, v))
        elif after is None:
            groups["dissolved"].append(change("dissolved", u, v))
        elif after[0] != before[0]:
            groups["flipped"].append(change("flipped", u, v))
        elif _changed(before[1], after[1], th):
            kind = "strengthened" if after[1] > before[1] else "weakened"
            groups[kind].append(change(kind, u, v))
        else:
            unchanged.append((u, v))

    def by(key):
        return lambda t: (key(t), t.a, t.b)

    groups["formed"].sort(key=by(lambda t: -t.weight_after))
    groups["dissolved"].sort(key=by(lambda t: -t.weight_before))
    groups["flipped"].sort(key=by(lambda t: (not t.reversal, -max(t.weight_before, t.weight_after))))
    groups["strengthened"].sort(key=by(lambda t: -abs(t.delta)))
    groups["weakened"].sort(key=by(lambda t: -abs(t.delta)))

    def actor(G: nx.Graph, x: str, kind: str, before: float, after: float) -> ActorChange:
        return ActorChange(x, kind, str(G.nodes[x].get("label", x)), before, after)

    appeared = [actor(b, x, "appeared", 0.0, _strength(b, x)) for x in adj_b if x not in adj_a]
    disappeared = [actor(a, x, "disappeared", _strength(a, x), 0.0) for x in adj_a if x not in adj_b]
    strength = []
    for x in adj_a:
        if x in adj_b:
            before, after = _strength(a, x), _strength(b, x)
            if _changed(before, after, th):
                strength.append(actor(b, x, "stronger" if after > before else "weaker", before, after))
    appeared.sort(key=lambda c: (-c.strength_after, c.actor))
    disappeared.sort(key=lambda c: (-c.strength_before, c.actor))
    strength.sort(key=lambda c: (-abs(c.delta), c.actor))

    moves: tuple[BlocMove, ...] = ()
    balance = None
    if structure:
        moves = bloc_changes(_blocs(a), _blocs(b))
        balance = balance_change(_balance(a, adj_a), _balance(b, adj_b))
    return SnapshotDiff(
        date_a=a.graph.get("date"),
        date_b=b.graph.get("date"),
        threshold=th,
        formed=tuple(groups["formed"]),
        dissolved=tuple(groups["dissolved"]),
        flipped=tuple(groups["flipped"]),
        strengthened=tuple(groups["strengthened"]),
        weakened=tuple(groups["weakened"]),
        unchanged=tuple(sorted(unchanged)),
        appeared=tuple(appeared),
        disappeared=tuple(disappeared),
        strength_changes=tuple(strength),
        bloc_moves=moves,
        balance=balance,
    )


def _polarity(d: dict | None) -> float | None:
    """A tie's polarity; graphs built by hand without one get their sign."""
    if d is None:
        return None
    p = d.get("polarity")
    return float(p) if isinstance(p, numbers.Real) and not isinstance(p, bool) else float(d["sign"])


# --- record and table -----------------------------------------------------------------


def _num(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def tie_change_record(t: TieChange, *, max_evidence: int | None = None) -> dict:
    """The record of one changed tie (see ``docs/compare-json.md``).

    >>> rec = tie_change_record(TieChange("formed", "TUR", "YPG", 0.0, 9.0, None, -1, None, -1.0))
    >>> rec["source"], rec["target"], rec["change"], rec["weight_change"], rec["sign_before"], rec["added"]
    ('TUR', 'YPG', 'formed', 9.0, None, [])
    """
    def cap(items: tuple) -> tuple:
        return items if max_evidence is None else items[:max_evidence]

    return {
        "source": t.a,
        "target": t.b,
        "change": t.change,
        "weight_before": _num(t.weight_before),
        "weight_after": _num(t.weight_after),
        "weight_change": _num(t.delta),
        "sign_before": t.sign_before,
        "sign_after": t.sign_after,
        "polarity_before": _num(t.polarity_before),
        "polarity_after": _num(t.polarity_after),
        "reversal": t.reversal,
        "added_count": len(t.added),
        "removed_count": len(t.removed),
        "added": [relation_record(r) for r in cap(t.added)],
        "removed": [relation_record(r) | {"why": why} for r, why in cap(tuple(zip(t.removed, t.why_removed)))],
    }


def actor_change_record(c: ActorChange) -> dict:
    """The record of an actor change.

    >>> actor_change_record(ActorChange("JOR", "appeared", "Jordan", 0.0, 33.9))["strength_change"]
    33.9
    """
    return {
        "actor": c.actor,
        "label": c.label,
        "change": c.change,
        "strength_before": _num(c.strength_before),
        "strength_after": _num(c.strength_after),
        "strength_change": _num(c.delta),
    }


def diff_record(diff: SnapshotDiff, *, max_evidence: int | None = None) -> dict:
    """The JSON record of a diff (schema ``netviz.diff/1``, documented in ``docs/compare-json.md``).

    Parameters
    ----------
    diff : from :func:`compare_snapshots`.
    max_evidence : at most this many relation records per tie and list (``None``: all);
        the ``*_count`` fields always give the full numbers.

    Examples
    --------
    >>> import json
    >>> G1 = nx.Graph(date=date(2019, 10, 6))
    >>> G1.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G2 = nx.Graph(date=date(2019, 10, 13))
    >>> G2.add_edge("TUR", "USA", weight=8.0, sign=-1)
    >>> rec = diff_record(compare_snapshots(G1, G2))
    >>> rec["date_a"], rec["date_b"], [(t["source"], t["target"], t["reversal"]) for t in rec["flipped"]]
    ('2019-10-06', '2019-10-13', [('TUR', 'USA', True)])
    >>> _ = json.dumps(rec)
    """
    ties = {kind: [tie_change_record(t, max_evidence=max_evidence) for t in getattr(diff, kind)] for kind in TIE_CHANGES}
    return {
        "schema": DIFF_SCHEMA,
        "date_a": diff.date_a.isoformat() if diff.date_a else None,
        "date_b": diff.date_b.isoformat() if diff.date_b else None,
        "threshold": diff.threshold,
        **ties,
        "unchanged": len(diff.unchanged),
        "appeared": [actor_change_record(c) for c in diff.appeared],
        "disappeared": [actor_change_record(c) for c in diff.disappeared],
        "strength_changes": [actor_change_record(c) for c in diff.strength_changes],
        "bloc_changes": [bloc_move_record(m) for m in diff.bloc_moves],
        "balance": balance_change_record(diff.balance, max_evidence=max_evidence) if diff.balance else None,
    }


HEADINGS = {
    "formed": "Formed",
    "dissolved": "Dissolved",
    "flipped": "Flipped",
    "strengthened": "Strengthened",
    "weakened": "Weakened",
}


def _sign(s: int | None) -> str:
    return "." if s is None else SIGN_MARK[s]


def _because(t: TieChange, width: int = 70) -> str:
    """The one line of evidence a reader needs first: the strongest new sentence, else why the old one went."""
    if t.added:
        text = f'"{t.added[0].evidence.sentence}"'
    elif t.removed:
        text = f"{t.why_removed[0]}: \"{t.removed[0].evidence.sentence}\""
    else:
        return ""
    text = " ".join(text.split())
    more = len(t.added) + len(t.removed) - 1
    suffix = f" (+{more} more)" if more > 0 else ""
    if len(text) + len(suffix) > width:
        text = text[: width - len(suffix) - 3].rstrip() + "..."
    return text + suffix


def format_diff_table(diff: SnapshotDiff, *, limit: int | None = None) -> str:
    """Plain text: the changes grouped by kind, strongest first (at most ``limit`` rows per group).

    Signs read ``+`` ally, ``-`` adversary, ``~`` mixed, ``.`` no tie.

    Examples
    --------
    >>> G1 = nx.Graph(date=date(2019, 10, 6))
    >>> G1.add_edge("TUR", "USA", weight=8.0, sign=1)
    >>> G2 = nx.Graph(date=date(2019, 10, 13))
    >>> G2.add_edge("TUR", "USA", weight=8.0, sign=-1)
    >>> print(format_diff_table(compare_snapshots(G1, G2)))
    Changes from 2019-10-06 to 2019-10-13 (weight threshold 20%)
    <BLANKLINE>
    Flipped (1)
    tie      sign    weight        change  evidence
    -------  ------  ------------  ------  --------
    TUR-USA  + -> -  8.00 -> 8.00    0.00
    <BLANKLINE>
    Changed bloc (1)
    actor  bloc    left  joined
    -----  ------  ----  -------
    USA    0 -> 1  TUR   (alone)
    """
    def cut(items: tuple) -> tuple:
        return items if limit is None else items[:limit]

    def more(items: tuple) -> list[str]:
        return [f"... and {len(items) - limit} more"] if limit is not None and len(items) > limit else []

    span = f"{_day(diff.date_a)} to {_day(diff.date_b)}"
    lines = [f"Changes from {span} (weight threshold {diff.threshold:.0%})"]
    if not diff.changed:  # contradictions only arise or go with a tie change
        return lines[0] + "\n\nNo changes."
    for kind in TIE_CHANGES:
        ties = getattr(diff, kind)
        if not ties:
            continue
        rows = [
            [
                f"{t.a}-{t.b}",
                f"{_sign(t.sign_before)} -> {_sign(t.sign_after)}",
                f"{t.weight_before:.2f} -> {t.weight_after:.2f}",
                t.delta,
                _because(t),
            ]
            for t in cut(ties)
        ]
        lines += ["", f"{HEADINGS[kind]} ({len(ties)})", format_table(["tie", "sign", "weight", "change", "evidence"], rows), *more(ties)]
    for title, actors in (("Appeared", diff.appeared), ("Disappeared", diff.disappeared), ("Strength changed", diff.strength_changes)):
        if actors:
            rows = [[c.actor, c.label, f"{c.strength_before:.2f} -> {c.strength_after:.2f}", c.delta] for c in cut(actors)]
            lines += ["", f"{title} ({len(actors)})", format_table(["actor", "name", "strength", "change"], rows), *more(actors)]
    if diff.bloc_moves:
        rows = [[m.actor, f"{_bloc(m.bloc_before)} -> {_bloc(m.bloc_after)}", _names(m.left), _names(m.joined)]
                for m in cut(diff.bloc_moves)]
        lines += ["", f"Changed bloc ({len(diff.bloc_moves)})", format_table(["actor", "bloc", "left", "joined"], rows), *more(diff.bloc_moves)]
    change = diff.balance
    if change is not None and (change.before.triangles or change.after.triangles):
        before, after = change.before, change.after
        lines += ["", f"Balance: {_share(before.share)} -> {_share(after.share)} of signed triangles balanced "
                      f"(weighted {_share(before.weighted_share)} -> {_share(after.weighted_share)})"]
        for title, triangles in (("New contradictions", change.new), ("Resolved contradictions", change.resolved)):
            if triangles:
                rows = [[t.weight, describe_triangle(t)] for t in cut(triangles)]
                lines += ["", f"{title} ({len(triangles)})", format_table(["weight", "triangle"], rows), *more(triangles)]
    return "\n".join(lines)


def _bloc(b: int | None) -> str:
    return "alone" if b is None else str(b)


def _day(d: date | None) -> str:
    return d.isoformat() if d else "?"


def _share(x: float | None) -> str:
    return "n/a" if x is None or math.isnan(x) else f"{x:.1%}"


def _names(names: tuple[str, ...], shown: int = 6) -> str:
    if not names:
        return "(alone)"
    return ", ".join(names[:shown]) + (f", ... (+{len(names) - shown})" if len(names) > shown else "")
