"""The diff map: two snapshots on one offline page, each tie styled by how it changed.

The page is a snapshot map (same template, layout, evidence panel and
escaping as :func:`netviz.site.render.render_map`) drawn over the union of both
snapshots: formed ties blue, dissolved grey and dashed, flipped purple,
strengthened dark teal, weakened orange, unchanged pale grey. A changed tie's
tooltip and panel give its weight and sign before and after, and list the
evidence that explains the change (new relations, or the ones that dropped
out); an unchanged tie keeps its evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import networkx as nx

from netviz.graph.compare import SnapshotDiff, TieChange
from netviz.site.render import MAP_SCRIPTS, _legend, map_data, render_page

#: Colour and dash of each kind of change, in legend order.
CHANGE_STYLES = {
    "formed": ("#2563eb", False),
    "dissolved": ("#8a939c", True),
    "flipped": ("#9333ea", False),
    "strengthened": ("#0f766e", False),
    "weakened": ("#ea8a0c", False),
    "unchanged": ("#d5dade", False),
}
_SIGN_TEXT = {1: "+", -1: "-", 0: "±", None: "none"}


def _state(weight: float, sign: int | None) -> str:
    return "absent" if sign is None else f"{_SIGN_TEXT[sign]} {weight:.2f}"


def union_graph(diff: SnapshotDiff, a: nx.Graph, b: nx.Graph) -> nx.Graph:
    """Both snapshots in one graph; a changed tie holds the evidence of its change and a ``change`` attribute.

    >>> a, b = nx.Graph(), nx.Graph()
    >>> a.add_edge("TUR", "USA", weight=8.0, sign=1, polarity=1.0, count=1, evidence=())
    >>> b.add_edge("RUS", "TUR", weight=6.0, sign=1, polarity=1.0, count=1, evidence=())
    >>> from netviz.graph.compare import compare_snapshots
    >>> U = union_graph(compare_snapshots(a, b), a, b)
    >>> sorted((min(u, v), max(u, v), d["change"]) for u, v, d in U.edges(data=True))
    [('RUS', 'TUR', 'formed'), ('TUR', 'USA', 'dissolved')]
    """
    U = nx.Graph(date=b.graph.get("date"))
    for G in (a, b):  # b last: an actor on both dates shows its later attributes
        U.add_nodes_from(G.nodes(data=True))
    changes: dict[tuple[str, str], TieChange] = {(t.a, t.b): t for t in diff.ties}
    for u, v in sorted({tuple(sorted(e)) for e in a.edges} | {tuple(sorted(e)) for e in b.edges}):
        attrs = dict(b.edges[u, v] if b.has_edge(u, v) else a.edges[u, v])
        t = changes.get((u, v))
        attrs["change"] = t.change if t else "unchanged"
        if t:
            attrs["evidence"] = t.added + t.removed
            attrs["before"] = _state(t.weight_before, t.sign_before)
            attrs["after"] = _state(t.weight_after, t.sign_after)
        U.add_edge(u, v, **attrs)
    return U


def render_diff_map(
    diff: SnapshotDiff,
    a: nx.Graph,
    b: nx.Graph,
    path: str | Path,
    *,
    positions: Mapping[str, tuple[float, float]],
    color_by: str = "bloc",
    max_weight: float | None = None,
    max_strength: float | None = None,
) -> Path:
    """Write the diff map of ``diff`` (from ``a`` to ``b``) as one self-contained HTML page."""
    U = union_graph(diff, a, b)
    data = map_data(U, positions=positions, color_by=color_by, max_weight=max_weight, max_strength=max_strength)
    counts: Counter[str] = Counter()
    for item in data["edges"]:
        u, v = item["from"], item["to"]
        change = U.edges[u, v]["change"]
        color, dashed = CHANGE_STYLES[change]
        counts[change] += 1
        item["color"] = color
        item.pop("dashes", None)
        if dashed:
            item["dashes"] = [6, 6]
        tie = data["ties"][item["id"]]
        tie.update(color=color, change=change)
        if change != "unchanged":
            tie.update(before=U.edges[u, v]["before"], after=U.edges[u, v]["after"])
    day_a, day_b = (_iso(diff.date_a), _iso(diff.date_b))
    page = {
        "title": "Changes",
        "date": f"{day_a} → {day_b}",
        "scope": ", ".join(f"{counts[c]} {c}" for c in CHANGE_STYLES if counts[c]) or "no change",
        "counts": {"actors": len(data["nodes"]), "ties": len(data["edges"])},
        "legend": {
            "ties": [{"label": c, "color": col, "dashed": d, "count": counts[c]} for c, (col, d) in CHANGE_STYLES.items()],
            "actors": _legend(data, color_by)["actors"],  # as on the maps, so both pages read alike
        },
        "contradictions": [],
    }
    graph = {"nodes": data["nodes"], "edges": data["edges"], "options": data["options"]}
    rest = {k: v for k, v in data.items() if k not in ("nodes", "edges", "options")}
    return render_page("map.html", path, graph=graph, data=rest, scripts=MAP_SCRIPTS, **page)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "?"
