"""The timeline: one offline page holding every snapshot, with a date slider.

The page carries its data as one JSON document (see :func:`timeline_data`):

- the union graph once: every actor that has a tie on some date, with its
  label, type, aliases and one fixed position, and every tie (actor pair)
  that exists on some date;
- every relation (piece of evidence) once, sorted strongest first, and every
  article once; ties refer to relations and relations to articles by index;
- per date, only what changed since the date before: actors and ties added,
  removed or changed, the evidence indices a tie gained or lost, the
  contradictions (unbalanced triangles) that appeared or went away, and the
  list of changes the page shows (formed, flipped, dissolved, ...).

A tie lasting 200 dates therefore costs its sentences once, not 200 times.
The page replays these steps in the browser and updates vis-network's
DataSets in place, so actors keep their place and only what changed is
redrawn.

The page is built like the snapshot maps of :mod:`netviz.site.render`: a pyvis
``Network`` renders our template (``timeline.html``, on ``base.html`` with
its Content-Security-Policy), vis-network is inlined, and colours, widths and
sizes come from the same helpers. Blocs and contradictions come from
:mod:`netviz.graph.analysis`, the changes between dates from
:func:`netviz.graph.compare.compare_snapshots`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from pyvis.network import Network

from netviz.errors import NetvizError
from netviz.graph.analysis import find_blocs, steady_blocs, structural_balance
from netviz.graph.compare import compare_snapshots
from netviz.graph.layout import compute_layout
from netviz.io import atomic_write_text
from netviz.model import ORIGINS
from netviz.site.diffmap import HALO_COLOR, change_style
from netviz.site.evidence import EvidenceTable, SharedEvidence, evidence_table
from netviz.site.render import (
    BLOC_COLORS,
    LARGE_MAP,
    NO_BLOC_COLOR,
    SIGN_COLORS,
    SIGN_DASHES,
    SIGN_LABELS,
    edge_width,
    environment,
    node_size,
    vis_options,
)

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

#: Scripts of the timeline page, in order (their hashes go in the page's CSP).
TIMELINE_SCRIPTS = ("vis-network.min.js", "netviz.js", "timeline.js")

#: Fields of one entry of ``actors``.
ACTOR_FIELDS = ("id", "label", "type", "x", "y", "aliases")
#: The state of a tie on a date: ``origins`` is a bit mask over :data:`netviz.model.ORIGINS`,
#: ``width`` the drawn width (:func:`netviz.site.render.edge_width` against the largest weight of all dates).
TIE_FIELDS = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins", "width")
#: The state of an actor on a date: ``bloc`` is null for an actor in no bloc of two or more,
#: ``size`` the drawn radius (:func:`netviz.site.render.node_size`).
ACTOR_STATE_FIELDS = ("bloc", "strength", "size")
WEIGHT, SIGN = TIE_FIELDS.index("weight"), TIE_FIELDS.index("sign")
#: The lists of changes each step carries, as shown in the page.
CHANGE_KINDS = ("formed", "flipped", "dissolved", "strengthened", "weakened", "appeared", "disappeared")


def timeline_data(
    snapshots: Mapping[date, nx.Graph],
    positions: Mapping[str, tuple[float, float]],
    *,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
    table: EvidenceTable | None = None,
) -> dict[str, Any]:
    """The JSON document the timeline page replays: union graph, relations once, per-date steps.

    Parameters
    ----------
    snapshots : snapshot graphs by date (as built by :func:`netviz.graph.snapshots.build_snapshots`).
    positions : ``{actor id: (x, y)}`` for every actor of every snapshot.
    codebook : if given, the aliases of each actor (and the names of the people
        who speak for it) are added so the page's search box finds them.
    title : the page title.
    table : the evidence table of these snapshots (:func:`netviz.site.evidence.evidence_table`),
        when the caller has it already (a site shares one among all its pages).

    Returns
    -------
    dict
        ``dates`` (ISO strings, oldest first), ``actors``, ``ties`` (pairs of
        actor indices), ``evidence`` (the evidence table: relations and
        articles once, and the dates each relation backs its tie) and
        ``steps`` (one per date, see the module docstring), plus the field
        names of each record and the palette.

    Examples
    --------
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Turkey.", cue="backs", article="a1")
    >>> r = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [date(2017, 1, 8), date(2017, 3, 8)])
    >>> data = timeline_data(snaps, {"RUS": (0.0, 0.0), "TUR": (100.0, 0.0)})
    >>> data["dates"], len(data["evidence"]["relations"]), data["ties"]
    (['2017-01-08', '2017-03-08'], 1, [[0, 1]])
    >>> [len(step["ties"]["add"]) for step in data["steps"]]  # the tie is stored once, not per date
    [1, 0]
    """
    days = _check_snapshots(snapshots)
    graphs = [snapshots[d] for d in days]

    actor_ids = sorted({n for G in graphs for n in G.nodes})
    missing = [a for a in actor_ids if a not in positions]
    if missing:
        raise NetvizError(
            f"render_timeline: no position for actor(s) {', '.join(missing[:5])}"
            f"{' ...' if len(missing) > 5 else ''}; pass positions for every actor of every snapshot"
            " or leave positions out to compute them"
        )
    actor_index = {a: i for i, a in enumerate(actor_ids)}
    if table is None:
        table = evidence_table(graphs)
    if [row[0] for row in table.data["actors"]] != actor_ids:
        raise NetvizError("render_timeline: the evidence table is not of these snapshots")
    # each actor's label and type as of its latest date, from the table
    labels = {a: label for a, label, _ in table.data["actors"]}
    types = {a: kind for a, _, kind in table.data["actors"]}

    tie_keys = sorted({_dyad(u, v) for G in graphs for u, v in G.edges})
    tie_index = {t: i for i, t in enumerate(tie_keys)}

    index_of = table.index_of

    # one scale for all dates, so widths and sizes compare across the slider
    max_weight = max((float(w) for G in graphs for *_, w in G.edges(data="weight")), default=0.0)
    strengths = [_strengths(G) for G in graphs]
    max_strength = max((s for st in strengths for s in st.values()), default=0.0)
    blocs = steady_blocs([_partition(G) for G in graphs])
    # as on the maps: with this many ties on a date, ties hide while the view moves
    large = max(G.number_of_edges() for G in graphs) >= LARGE_MAP

    steps = []
    prev_actors: dict[int, list] = {}
    prev_ties: dict[int, tuple[list, Counter]] = {}
    prev_evidence: dict[int, tuple] = {}
    prev_triangles: set[tuple[str, str, str]] = set()
    prev_graph: nx.Graph | None = None
    prev_names: dict[str, str] = {}
    for G, strength, bloc in zip(graphs, strengths, blocs):
        actors_now = {
            actor_index[n]: [bloc.get(n), strength[n], node_size(strength[n], max_strength)] for n in G.nodes
        }
        ties_now: dict[int, tuple[list, Counter]] = {}
        evidence_now: dict[int, tuple] = {}
        for u, v, attrs in G.edges(data=True):
            t = tie_index[_dyad(u, v)]
            evidence = evidence_now[t] = attrs.get("evidence", ())
            old = prev_ties.get(t)
            if evidence and old is not None and prev_evidence[t] is evidence and old[0][WEIGHT] == attrs["weight"]:
                ties_now[t] = old  # the same relations as the date before (most ties, in cumulative mode)
            else:
                ties_now[t] = (_tie_state(u, v, attrs, max_weight), Counter(index_of[id(r)] for r in evidence))
        flips = {t for t in prev_ties.keys() | ties_now.keys() if _sign_of(prev_ties.get(t)) != _sign_of(ties_now.get(t))}
        triangles = _unbalanced(G, {tie_keys[t] for t in flips}, prev_triangles)
        steps.append({
            "articles": len(G.graph.get("articles", ())),
            "actors": _delta(prev_actors, actors_now, lambda old, new: new if old != new else None),
            "ties": _delta(prev_ties, ties_now, _tie_change, _tie_added),
            "contradictions": {
                "add": sorted([actor_index[a] for a in t] for t in triangles - prev_triangles),
                "del": sorted([actor_index[a] for a in t] for t in prev_triangles - triangles),
            },
            "changes": _changes(prev_graph, G, tie_index, actor_index),
        })
        names = _bloc_names(G, bloc, strength, labels)
        if names != prev_names:  # only when a bloc's name changed: most dates keep them
            steps[-1]["blocs"] = names
        prev_actors, prev_ties, prev_evidence, prev_triangles, prev_graph = actors_now, ties_now, evidence_now, triangles, G
        prev_names = names

    return {
        "title": title,
        "dates": [d.isoformat() for d in days],
        "mode": _mode_text(str(graphs[-1].graph.get("mode", ""))),
        "max_weight": max_weight,
        "large": large,
        "origins": list(ORIGINS),
        "style": {
            "sign_colors": {str(s): c for s, c in SIGN_COLORS.items()},
            "sign_labels": {str(s): c for s, c in SIGN_LABELS.items()},
            "sign_dashes": {str(s): dashes for s, dashes in SIGN_DASHES.items()},
            "bloc_colors": list(BLOC_COLORS),
            "no_bloc": NO_BLOC_COLOR,
            "change": {kind: change_style(kind) for kind in ("formed", "flipped", "dissolved")},
            "halo": HALO_COLOR,
        },
        "fields": {
            "actor": list(ACTOR_FIELDS),
            "actor_state": list(ACTOR_STATE_FIELDS),
            "tie": list(TIE_FIELDS),
        },
        "actors": [[a, labels[a], types[a], *_position(positions, a), _aliases(a, labels[a], codebook)] for a in actor_ids],
        "ties": [[actor_index[u], actor_index[v]] for u, v in tie_keys],
        "evidence": table.data,
        "steps": steps,
    }


def _position(positions: Mapping[str, Any], actor: str) -> tuple[float, float]:
    try:
        x, y = (float(c) for c in positions[actor])
    except (TypeError, ValueError):
        raise NetvizError(f"render_timeline: position of actor {actor!r} is {positions[actor]!r}; expected (x, y)") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise NetvizError(f"render_timeline: position of actor {actor!r} is {positions[actor]!r}; expected finite numbers")
    return x, y


def _strengths(G: nx.Graph) -> dict[str, float]:
    """Each actor's ``strength`` (the node attribute, else the sum of its tie weights)."""
    return {
        n: float(d["strength"]) if d.get("strength") is not None else float(G.degree(n, weight="weight"))
        for n, d in G.nodes(data=True)
    }


def _bloc_names(G: nx.Graph, bloc: Mapping[str, int], strength: Mapping[str, float], labels: Mapping[str, str]) -> dict[str, str]:
    """``{bloc number: name}`` on this date: the snapshot's ``bloc_names`` (found through the bloc
    its strongest member had there, since :func:`steady_blocs` renumbers), else its three strongest members."""
    members: dict[int, list[tuple[float, str]]] = {}
    for n, b in bloc.items():
        members.setdefault(b, []).append((-strength.get(n, 0.0), n))
    given = G.graph.get("bloc_names") or {}
    names = {}
    for b, people in sorted(members.items()):
        people.sort()
        original = G.nodes[people[0][1]].get("bloc") if people[0][1] in G else None
        name = given.get(original, given.get(str(original))) if original is not None else None
        names[str(b)] = str(name) if name else ", ".join(labels[n] for _, n in people[:3])
    return names


def _partition(G: nx.Graph) -> dict[str, int]:
    """The snapshot's blocs: its nodes' ``bloc`` (None: in no bloc).

    When no actor is in a bloc other than 0, which is build_snapshots'
    placeholder, :func:`netviz.graph.analysis.find_blocs` finds them (a true
    single bloc is found again).
    """
    given = dict(G.nodes(data="bloc"))
    for n, b in given.items():
        if b is not None and (isinstance(b, bool) or not isinstance(b, int) or b < 0):
            raise NetvizError(f"render_timeline: actor {n}: bloc is {b!r}; expected an integer >= 0 or None")
    if any(given.values()):
        return {n: b for n, b in given.items() if b is not None}
    return find_blocs(G).membership


def _sign_of(tie: tuple[list, Counter] | None) -> int | None:
    """The sign of a tie state, None when there is no tie."""
    return None if tie is None else tie[0][SIGN]


def _unbalanced(G: nx.Graph, changed: set[tuple[str, str]], previous: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The unbalanced triangles (contradictions) of ``G``, from those of the date before.

    Only a triangle through a tie that formed, dissolved or changed sign
    (``changed``) can change; :func:`netviz.graph.analysis.structural_balance`
    judges those on the part of ``G`` they span, so a date costs what
    changed, not the whole graph.
    """
    kept = {t for t in previous if not {(t[0], t[1]), (t[0], t[2]), (t[1], t[2])} & changed}
    span = set()
    for u, v in changed:
        if G.has_edge(u, v):
            span.add((u, v))
            for w in nx.common_neighbors(G, u, v):
                span |= {_dyad(u, w), _dyad(v, w)}
    part = nx.Graph()
    part.add_edges_from((u, v, G.edges[u, v]) for u, v in sorted(span))
    return kept | {t.actors for t in structural_balance(part).contradictions}


def _changes(before: nx.Graph | None, after: nx.Graph, tie_index: Mapping[tuple[str, str], int], actor_index: Mapping[str, int]) -> dict[str, Any]:
    """What changed since the previous date, from :func:`netviz.graph.compare.compare_snapshots` (so
    the page and the diffs agree on what counts as stronger or weaker), as tie and actor indices:
    ``formed`` ``[tie, sign]``, ``flipped`` ``[tie, sign before, sign after]``, ``dissolved``
    ``[tie, sign before, why]``, ``strengthened``/``weakened`` ``[tie, weight before, weight after]``,
    ``appeared``/``disappeared`` actor indices; ``count``: ties formed, flipped or dissolved."""
    if before is None:
        return {kind: [] for kind in CHANGE_KINDS} | {"count": 0}
    diff = compare_snapshots(before, after, structure=False)
    tie = lambda change: tie_index[(change.a, change.b)]  # noqa: E731
    out: dict[str, Any] = {
        "formed": [[tie(c), c.sign_after] for c in diff.formed],
        "flipped": [[tie(c), c.sign_before, c.sign_after] for c in diff.flipped],
        "dissolved": [[tie(c), c.sign_before, "; ".join(dict.fromkeys(c.why_removed))] for c in diff.dissolved],
        "strengthened": [[tie(c), c.weight_before, c.weight_after] for c in diff.strengthened],
        "weakened": [[tie(c), c.weight_before, c.weight_after] for c in diff.weakened],
        "appeared": [actor_index[c.actor] for c in diff.appeared],
        "disappeared": [actor_index[c.actor] for c in diff.disappeared],
    }
    out["count"] = len(out["formed"]) + len(out["flipped"]) + len(out["dissolved"])
    return out


def _check_snapshots(snapshots: Mapping[date, nx.Graph]) -> list[date]:
    if not isinstance(snapshots, Mapping):
        raise NetvizError(f"render_timeline: snapshots must be a mapping of date to graph, not {type(snapshots).__name__}")
    if not snapshots:
        raise NetvizError("render_timeline: there are no snapshots to show; load articles, events or curated relations first")
    for day, G in snapshots.items():
        if not isinstance(day, date):
            raise NetvizError(f"render_timeline: snapshot key {day!r} is not a datetime.date")
        if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
            raise NetvizError(f"render_timeline: the snapshot of {day} is not an undirected networkx.Graph")
        for n in G.nodes:
            if not isinstance(n, str):
                raise NetvizError(f"render_timeline: node {n!r} of the snapshot of {day} is not a string actor id")
        for u, v, attrs in G.edges(data=True):
            for key in ("weight", "sign"):
                if key not in attrs:
                    raise NetvizError(
                        f"render_timeline: tie {u}-{v} of the snapshot of {day} has no {key!r};"
                        " build snapshots with netviz.graph.snapshots.build_snapshots"
                    )
            weight, sign = attrs["weight"], attrs["sign"]
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight < 0:
                raise NetvizError(f"render_timeline: tie {u}-{v} of the snapshot of {day} has weight {weight!r}; expected a number >= 0")
            if isinstance(sign, bool) or sign not in SIGN_COLORS:
                raise NetvizError(f"render_timeline: tie {u}-{v} of the snapshot of {day} has sign {sign!r}; expected +1, -1 or 0")
    return sorted(snapshots)


def _dyad(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


def _tie_state(u: str, v: str, attrs: Mapping[str, Any], max_weight: float) -> list:
    weight = float(attrs["weight"])
    sign = int(attrs["sign"])
    cooperation = float(attrs.get("cooperation", weight if sign > 0 else 0.0))
    conflict = float(attrs.get("conflict", weight if sign < 0 else 0.0))
    polarity = float(attrs.get("polarity", (cooperation - conflict) / weight if weight else 0.0))
    origins = 0
    for origin in attrs.get("origins", ()):
        if origin not in ORIGINS:
            raise NetvizError(f"render_timeline: tie {u}-{v} has unknown origin {origin!r}")
        origins |= 1 << ORIGINS.index(origin)
    count = int(attrs.get("count", len(attrs.get("evidence", ()))))
    return [weight, cooperation, conflict, polarity, sign, count, origins, edge_width(weight, max_weight)]


def _tie_added(new: tuple[list, Counter]) -> list:
    """The state of a tie that appears (its evidence is in the evidence table's spans)."""
    return list(new[0])


def _tie_change(old: tuple[list, Counter], new: tuple[list, Counter]) -> list | None:
    """The new state of a tie whose state or evidence changed, or None if it did not change."""
    return None if old == new else list(new[0])


def _delta(old: Mapping[int, Any], new: Mapping[int, Any], change, added=lambda value: value) -> dict:
    """``{"add": [[i, *added]], "del": [i], "set": [[i, *change]]}`` from ``old`` to ``new``."""
    changed = ((i, change(old[i], new[i])) for i in sorted(new.keys() & old.keys()))
    return {
        "add": [[i, *added(new[i])] for i in sorted(new.keys() - old.keys())],
        "del": sorted(old.keys() - new.keys()),
        "set": [[i, *c] for i, c in changed if c is not None],
    }


def _aliases(actor: str, label: str, codebook: Codebook | None) -> list[str]:
    """The actor's aliases and the names of the people who speak for it, for the search box."""
    if codebook is None or actor not in codebook:
        return []
    entry = codebook.get(actor)
    names = [entry.name, *entry.aliases]
    for person in entry.people:
        names += [person.name, *person.aliases]
    return [n for n in dict.fromkeys(names) if n not in (label, actor)]


class TimelineNetwork(Network):
    """A pyvis ``Network`` that renders the timeline page.

    Like :class:`netviz.site.render.MapNetwork`, it keeps pyvis's vis-network
    ``options`` and renders our template (``timeline.html``, offline and
    escaped) instead of pyvis's own. The nodes and edges are not pyvis's: the
    page script builds them date by date from ``data`` (:func:`timeline_data`).
    """

    def __init__(self, data: Mapping[str, Any], assets: str | None = None) -> None:
        super().__init__(height="100%", width="100%", cdn_resources="in_line")
        self.templateEnv = environment()
        self.path = "timeline.html"
        self.options = vis_options(physics=False, large=data["large"])
        self.page_data = dict(data)
        self.assets = assets

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page as a string (pyvis's signature; ``name``, ``local`` and ``notebook`` are unused)."""
        data = dict(self.page_data, options=self.options)
        page = {"title": data["title"], "scripts": TIMELINE_SCRIPTS}
        if self.assets:  # a site page: scripts, styles and the evidence table are the site's files
            del data["evidence"]
            page["assets"] = self.assets
        self.html = self.templateEnv.get_template(self.path).render(data=data, **page)
        return self.html


def render_timeline(
    snapshots: Mapping[date, nx.Graph],
    path: Path | str,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
    table: EvidenceTable | None = None,
    shared: SharedEvidence | None = None,
) -> Path:
    """Write the one-page timeline of ``snapshots`` to ``path``; returns the path.

    Parameters
    ----------
    snapshots : snapshot graphs by date (see :func:`netviz.graph.snapshots.build_snapshots`); not modified.
    path : the HTML file to write (atomically; its folder is created).
    positions : ``{actor id: (x, y)}``; computed with :func:`netviz.graph.layout.compute_layout` when None.
    codebook : adds actor aliases (and the names of the people who speak for
        each actor) to the search box.
    title : the page title.
    table, shared : a site page: the site's evidence table of these snapshots, and where the page
        finds its data file. Default: the page embeds the evidence and works alone.

    Examples
    --------
    >>> import tempfile
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Turkey.", cue="backs", article="a1")
    >>> r = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> out = render_timeline(build_snapshots([r], [date(2017, 1, 8)]), Path(tempfile.mkdtemp()) / "t.html")
    >>> out.name, "Russia backs Turkey." in out.read_text(encoding="utf-8")
    ('t.html', True)
    """
    _check_snapshots(snapshots)
    if positions is None:
        positions = compute_layout(snapshots.values())
    data = timeline_data(snapshots, positions, codebook=codebook, title=title, table=table)
    html = TimelineNetwork(data, shared.src if shared else None).generate_html()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, html)


def _mode_text(mode: str) -> str:
    """What each snapshot holds, for the page header.

    >>> _mode_text("window:30")
    'each date shows the last 30 days of evidence'
    """
    if mode == "per-date":
        return "each date shows only its own articles"
    if mode.startswith("window:"):
        return f"each date shows the last {mode.split(':', 1)[1]} days of evidence"
    if mode == "cumulative":
        return "each date shows all evidence up to it"
    return mode
