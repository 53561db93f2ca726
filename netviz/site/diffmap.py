"""The diff map: two snapshots on one offline page, each tie styled by how it changed.

The page is a snapshot map (same template, layout, evidence panel and
escaping as :func:`netviz.site.render.render_map`) drawn over the union of
both snapshots. Every tie keeps the two channels of its sign, colour and
dash, exactly as on the dated maps (a dissolved tie in the sign it had, a
flipped one in its new sign); how it changed is a third channel on top: a
marker at its middle (formed: a dot, flipped: a diamond, dissolved: a cut,
strengthened: a square, weakened: a chevron) and, for ties that formed,
flipped or dissolved, a halo. A changed tie's tooltip and panel give its
weight and sign before and after, and list the evidence that explains the
change (new relations, or the ones that dropped out); an unchanged tie keeps
its evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import networkx as nx

from netviz.graph.compare import SnapshotDiff, TieChange
from netviz.site.evidence import SharedEvidence
from netviz.site.mapdata import map_data
from netviz.site.pages import render_page
from netviz.site.render import MAP_SCRIPTS, _legend, with_evidence

#: The halo of a tie that formed, flipped or dissolved (a glow behind the line, not a mark of its own).
HALO_COLOR = "#f5b800"
#: The third channel of each kind of change, in legend order: the vis-network marker at the
#: middle of the tie (None: none) and whether it has a halo. Sign keeps colour and dash.
CHANGE_STYLES = {
    "formed": ("circle", True),
    "flipped": ("diamond", True),
    "dissolved": ("bar", True),
    "strengthened": ("box", False),
    "weakened": ("vee", False),
    "unchanged": (None, False),
}
_SIGN_TEXT = {1: "+", -1: "-", 0: "±", None: "none"}


def _state(weight: float, sign: int | None) -> str:
    return "absent" if sign is None else f"{_SIGN_TEXT[sign]} {weight:.2f}"


def step_diff(groups: dict[str, list]) -> dict[str, list[str]]:
    """What a site's diff map carries of its date: ``{tie id: [change, state before, state after]}``
    for each tie that changed, from :func:`netviz.site.sitedata.step_changes` (every other tie of
    either date is unchanged, and the page reads it from the site's history).

    >>> step_diff({"formed": [(("RUS", "TUR"), None, (6.0, 6.0, 0.0, 1.0, 1, 1, ()), "")]})
    {'RUS--TUR': ['formed', 'absent', '+ 6.00']}
    """
    out = {}
    for kind, items in groups.items():
        for (a, b), before, after, _ in items:
            out[f"{a}--{b}"] = [kind, _state(*_weight_sign(before)), _state(*_weight_sign(after))]
    return dict(sorted(out.items()))


def _weight_sign(values: tuple | None) -> tuple[float, int | None]:
    return (0.0, None) if values is None else (values[0], values[4])


def change_style(change: str) -> dict:
    """The vis-network edge options that mark a change (marker and halo), on top of the sign's colour and dash.

    >>> change_style("formed")["arrows"]["middle"]["type"], change_style("unchanged")
    ('circle', {})
    """
    marker, halo = CHANGE_STYLES[change]
    style: dict = {}
    if marker:
        style["arrows"] = {"middle": {"enabled": True, "type": marker, "scaleFactor": 0.9}}
    if halo:
        style["shadow"] = {"enabled": True, "color": HALO_COLOR, "size": 12, "x": 0, "y": 0}
    return style


def union_graph(diff: SnapshotDiff, a: nx.Graph, b: nx.Graph) -> nx.Graph:
    """Both snapshots in one graph; a changed tie holds a ``change`` attribute and its state before and after.

    >>> a, b = nx.Graph(), nx.Graph()
    >>> a.add_edge("TUR", "USA", weight=8.0, sign=1, polarity=1.0, count=1, evidence=())
    >>> b.add_edge("RUS", "TUR", weight=6.0, sign=1, polarity=1.0, count=1, evidence=())
    >>> from netviz.graph.compare import compare_snapshots
    >>> U = union_graph(compare_snapshots(a, b), a, b)
    >>> sorted((min(u, v), max(u, v), d["change"]) for u, v, d in U.edges(data=True))
    [('RUS', 'TUR', 'formed'), ('TUR', 'USA', 'dissolved')]
    """
    U = nx.Graph(date=b.graph.get("date"), bloc_names=b.graph.get("bloc_names") or {})
    for G in (a, b):  # b last: an actor on both dates shows its later attributes
        U.add_nodes_from(G.nodes(data=True))
    changes: dict[tuple[str, str], TieChange] = {(t.a, t.b): t for t in diff.ties}
    for u, v in sorted({tuple(sorted(e)) for e in a.edges} | {tuple(sorted(e)) for e in b.edges}):
        attrs = dict(b.edges[u, v] if b.has_edge(u, v) else a.edges[u, v])
        t = changes.get((u, v))
        attrs["change"] = t.change if t else "unchanged"
        if t:
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
    shared: SharedEvidence | None = None,
) -> Path:
    """Write the diff map of ``diff`` (from ``a`` to ``b``).

    Self-contained by default (it embeds the evidence of both dates); a site
    page when ``shared`` points at the site's evidence file (``step`` the
    later date, ``before`` the earlier one). A site built by ``netviz build``
    writes thinner pages instead (:func:`netviz.site.render.render_site_map`).
    """
    data, page = diff_map_data(diff, a, b, positions=positions, color_by=color_by, max_weight=max_weight,
                               max_strength=max_strength)
    data = with_evidence(data, page, [a, b], shared)
    graph = {"nodes": data["nodes"], "edges": data["edges"], "options": data["options"]}
    rest = {k: v for k, v in data.items() if k not in ("nodes", "edges", "options")}
    return render_page("map.html", path, graph=graph, data=rest, scripts=MAP_SCRIPTS, **page)


def diff_map_data(
    diff: SnapshotDiff,
    a: nx.Graph,
    b: nx.Graph,
    *,
    positions: Mapping[str, tuple[float, float]],
    color_by: str = "bloc",
    max_weight: float | None = None,
    max_strength: float | None = None,
) -> tuple[dict, dict]:
    """The page data of a diff map (as :func:`netviz.site.mapdata.map_data`, over the union of both
    dates, each tie with its ``change``) and its header and legend."""
    U = union_graph(diff, a, b)
    data = map_data(U, positions=positions, color_by=color_by, max_weight=max_weight, max_strength=max_strength)
    counts: Counter[str] = Counter()
    for item in data["edges"]:
        u, v = item["from"], item["to"]
        change = U.edges[u, v]["change"]
        counts[change] += 1
        item.update(change_style(change))
        tie = data["ties"][item["id"]]
        tie["change"] = change
        if change != "unchanged":
            tie.update(before=U.edges[u, v]["before"], after=U.edges[u, v]["after"])
    if data["first_view"] is not None:  # a large diff map first shows what changed, then the strongest ties
        for tie in data["ties"].values():
            if tie["change"] in ("formed", "flipped", "dissolved"):
                tie["first"] = True
        data["first_view"] = sum(bool(t.get("first")) for t in data["ties"].values())
    day_a, day_b = (_iso(diff.date_a), _iso(diff.date_b))
    legend = _legend(data, color_by)  # signs and actors as on the maps, so both pages read alike
    legend["changes"] = [
        {"label": c, "marker": marker, "halo": HALO_COLOR if halo else None, "width": 3, "count": counts[c]}
        for c, (marker, halo) in CHANGE_STYLES.items()
    ]
    page = {
        "title": "Changes",
        "date": f"{day_a} → {day_b}",
        "scope": ", ".join(f"{counts[c]} {c}" for c in CHANGE_STYLES if counts[c]) or "no change",
        "counts": {"actors": len(data["nodes"]), "ties": len(data["edges"])},
        "legend": legend,
        "contradictions": [],
        "contradictions_total": 0,
    }
    return data, page


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "?"
