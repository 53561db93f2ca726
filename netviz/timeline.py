"""The timeline: one offline page holding every snapshot, with a date slider.

The page carries its data as one JSON document (see :func:`timeline_data`):

- the union graph once: every actor that has a tie on some date, with its
  label, type, aliases and one fixed position, and every tie (actor pair)
  that exists on some date;
- every relation (piece of evidence) once, sorted strongest first, and every
  article once; ties refer to relations and relations to articles by index;
- per date, only what changed since the date before: actors and ties added,
  removed or changed, the evidence indices a tie gained or lost, and the
  contradictions (unbalanced triangles) that appeared or went away.

A tie lasting 200 dates therefore costs its sentences once, not 200 times.
The page replays these steps in the browser and updates vis-network's
DataSets in place, so actors keep their place and only changed ties move.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from netviz.errors import NetvizError
from netviz.io import atomic_write_text
from netviz.layout import compute_layout
from netviz.model import KINDS, ORIGINS, Relation, relation_record
from netviz.snapshots import evidence_order

if TYPE_CHECKING:
    from netviz.actors import Codebook

#: Our page template, its script and stylesheet.
TEMPLATES = Path(__file__).parent / "templates"
#: The vis-network pyvis bundles; inlined, so the page needs no network.
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

#: Colours and vis-network options the page script uses.
STYLE: dict[str, Any] = {
    "sign": {"cooperation": "#2e9d5b", "conflict": "#d64541", "mixed": "#e0a100"},
    "blocs": ["#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#9c755f", "#edc948", "#59a14f", "#ff9da7", "#bab0ac", "#e15759"],
    "change": {"formed": "#1d4ed8", "flipped": "#7c3aed", "dissolved": "#9aa5b1"},
    "ink": "#1f2933",
    "options": {
        # positions come from compute_layout: no physics, so nothing moves between dates
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": False, "keyboard": False},
        "nodes": {"shape": "dot", "font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff", "color": "#1f2933"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1},
    },
}

#: Fields of one entry of ``relations`` in the page data, in order.
RELATION_FIELDS = (
    "a", "b", "sign", "kind", "intensity", "confidence", "date", "origin",
    "article", "sentence", "cue", "cue_start", "cue_end", "valid_from", "valid_to", "rule",
)
#: Fields of one entry of ``articles``: the article id, title, outlet and its http(s) URL (or null).
ARTICLE_FIELDS = ("id", "title", "outlet", "url")
#: Fields of one entry of ``actors``.
ACTOR_FIELDS = ("id", "label", "type", "x", "y", "aliases")
#: The state of a tie on a date: ``origins`` is a bit mask over :data:`netviz.model.ORIGINS`.
TIE_FIELDS = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins")
#: The state of an actor on a date.
ACTOR_STATE_FIELDS = ("bloc", "strength")


def timeline_data(
    snapshots: Mapping[date, nx.Graph],
    positions: Mapping[str, tuple[float, float]],
    *,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
) -> dict[str, Any]:
    """The JSON document the timeline page replays: union graph, relations once, per-date steps.

    Parameters
    ----------
    snapshots : snapshot graphs by date (as built by :func:`netviz.snapshots.build_snapshots`).
    positions : ``{actor id: (x, y)}`` for every actor of every snapshot.
    codebook : if given, the aliases of each actor (and the names of the people
        who speak for it) are added so the page's search box finds them.
    title : the page title.

    Returns
    -------
    dict
        ``dates`` (ISO strings, oldest first), ``actors``, ``ties`` (pairs of
        actor indices), ``relations``, ``articles`` and ``steps`` (one per date,
        see the module docstring), plus the field names of each record.

    Examples
    --------
    >>> from netviz.model import Evidence
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Turkey.", cue="backs", article="a1")
    >>> r = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [date(2017, 1, 8), date(2017, 3, 8)])
    >>> data = timeline_data(snaps, {"RUS": (0.0, 0.0), "TUR": (100.0, 0.0)})
    >>> data["dates"], len(data["relations"]), data["ties"]
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
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    for G in graphs:  # the latest date wins, should a label change over time
        for n, attrs in G.nodes(data=True):
            labels[n] = str(attrs.get("label", n))
            types[n] = str(attrs.get("type", "unknown"))

    tie_keys = sorted({_dyad(u, v) for G in graphs for u, v in G.edges})
    tie_index = {t: i for i, t in enumerate(tie_keys)}

    unique = {rel: None for G in graphs for *_, ev in G.edges(data="evidence", default=()) for rel in _relations(ev)}
    relations = sorted(unique, key=_relation_key)
    relation_index = {rel: i for i, rel in enumerate(relations)}
    article_keys = sorted({_article_key(r) for r in relations if r.evidence.article is not None})
    article_index = {a: i for i, a in enumerate(article_keys)}

    steps = []
    prev_actors: dict[int, list] = {}
    prev_ties: dict[int, tuple[list, Counter]] = {}
    prev_triangles: set[tuple[int, int, int]] = set()
    prev_graph: nx.Graph | None = None
    max_strength = max_weight = 0.0
    for day, G in zip(days, graphs):
        actors_now = {}
        for n, attrs in G.nodes(data=True):
            strength = float(attrs.get("strength", 0.0))
            actors_now[actor_index[n]] = [int(attrs.get("bloc", 0)), strength]
            max_strength = max(max_strength, strength)
        ties_now = {}
        for u, v, attrs in G.edges(data=True):
            state = _tie_state(u, v, attrs)
            max_weight = max(max_weight, state[0])
            ties_now[tie_index[_dyad(u, v)]] = (
                state,
                Counter(relation_index[r] for r in _relations(attrs.get("evidence", ()))),
            )
        triangles = {
            tuple(sorted(actor_index[a] for a in tri)) for tri in _unbalanced_triangles(G)
        }
        steps.append({
            "articles": len(G.graph.get("articles", ())),
            "actors": _delta(prev_actors, actors_now, lambda old, new: new if old != new else None),
            "ties": _delta(prev_ties, ties_now, _tie_change, _tie_added),
            "contradictions": {
                "add": sorted(map(list, triangles - prev_triangles)),
                "del": sorted(map(list, prev_triangles - triangles)),
            },
            "changes": _changes(prev_graph, G, tie_index, actor_index),
        })
        prev_actors, prev_ties, prev_triangles, prev_graph = actors_now, ties_now, triangles, G

    return {
        "title": title,
        "dates": [d.isoformat() for d in days],
        "mode": str(graphs[-1].graph.get("mode", "")),
        "max_strength": max_strength,
        "max_weight": max_weight,
        "kinds": list(KINDS),
        "origins": list(ORIGINS),
        "fields": {
            "actor": list(ACTOR_FIELDS),
            "actor_state": list(ACTOR_STATE_FIELDS),
            "tie": list(TIE_FIELDS),
            "relation": list(RELATION_FIELDS),
            "article": list(ARTICLE_FIELDS),
        },
        "actors": [
            [a, labels[a], types[a], float(positions[a][0]), float(positions[a][1]), _aliases(a, labels[a], codebook)]
            for a in actor_ids
        ],
        "ties": [[actor_index[u], actor_index[v]] for u, v in tie_keys],
        "articles": [[aid, t, o, _safe_url(url)] for aid, t, o, url in article_keys],
        "relations": [_relation_row(r, actor_index, article_index) for r in relations],
        "steps": steps,
    }


def _changes(before: nx.Graph | None, after: nx.Graph, tie_index: Mapping[tuple[str, str], int], actor_index: Mapping[str, int]) -> dict:
    """What changed from the previous snapshot, as tie and actor indices."""
    if before is None:
        return {k: [] for k in ("formed", "dissolved", "flipped", "strengthened", "weakened", "appeared", "disappeared")} | {"count": 0}
    ti = lambda u, v: tie_index[_dyad(u, v)]  # noqa: E731
    old = {_dyad(u, v): d for u, v, d in before.edges(data=True)}
    new = {_dyad(u, v): d for u, v, d in after.edges(data=True)}
    both = sorted(old.keys() & new.keys())
    out = {
        "formed": [[ti(*k), new[k]["sign"]] for k in sorted(new.keys() - old.keys())],
        "dissolved": [[ti(*k), old[k]["sign"]] for k in sorted(old.keys() - new.keys())],
        "flipped": [[ti(*k), old[k]["sign"], new[k]["sign"]] for k in both if old[k]["sign"] != new[k]["sign"]],
        "strengthened": [[ti(*k), old[k]["weight"], new[k]["weight"]] for k in both if new[k]["weight"] > old[k]["weight"]],
        "weakened": [[ti(*k), old[k]["weight"], new[k]["weight"]] for k in both if new[k]["weight"] < old[k]["weight"]],
        "appeared": sorted(actor_index[n] for n in after.nodes if n not in before),
        "disappeared": sorted(actor_index[n] for n in before.nodes if n not in after),
    }
    out["count"] = len(out["formed"]) + len(out["dissolved"]) + len(out["flipped"])
    return out


def _unbalanced_triangles(G: nx.Graph) -> list[tuple[str, str, str]]:
    out = []
    for a, b, c in (t for t in nx.enumerate_all_cliques(G) if len(t) == 3):
        signs = G.edges[a, b]["sign"] * G.edges[b, c]["sign"] * G.edges[a, c]["sign"]
        if signs < 0:
            out.append((a, b, c))
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
                        " build snapshots with netviz.snapshots.build_snapshots"
                    )
    return sorted(snapshots)


def _dyad(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


def _relations(evidence: Iterable[Any]) -> list[Relation]:
    rels = list(evidence)
    for r in rels:
        if not isinstance(r, Relation):
            raise NetvizError(f"render_timeline: tie evidence must be netviz.model.Relation values, not {type(r).__name__}")
    return rels


def _relation_key(rel: Relation) -> tuple:
    """A total order: strongest first (as a tie lists its evidence), then every field."""
    return (evidence_order(rel), json.dumps(relation_record(rel), sort_keys=True))


def _article_key(rel: Relation) -> tuple[str, str, str, str]:
    ev = rel.evidence
    return (ev.article or "", ev.title or "", ev.outlet or "", ev.url or "")


def _safe_url(url: str) -> str | None:
    """Only http(s) URLs become links: ``javascript:`` or ``data:`` ones are dropped.

    >>> _safe_url("https://example.org/a"), _safe_url(" JavaScript:alert(1)"), _safe_url("")
    ('https://example.org/a', None, None)
    """
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def _utf16(text: str, index: int) -> int:
    """A code-point offset into ``text`` as a JavaScript (UTF-16) string offset.

    >>> _utf16("a\\U0001F600b", 2)
    3
    """
    return len(text[:index].encode("utf-16-le")) // 2


def _cue_span(rel: Relation) -> tuple[int | None, int | None]:
    """Where to highlight the cue in the sentence, in JavaScript string offsets.

    The recorded span when it is valid, else (for extracted relations) the cue
    phrase found in the sentence, ignoring case; ``(None, None)`` if neither.
    """
    ev = rel.evidence
    start, end = ev.cue_start, ev.cue_end
    if start is None or end is None or not 0 <= start < end <= len(ev.sentence):
        found = ev.sentence.lower().find(ev.cue.lower()) if ev.cue and rel.origin == "extracted" else -1
        if found < 0:
            return None, None
        start, end = found, found + len(ev.cue)
    return _utf16(ev.sentence, start), _utf16(ev.sentence, end)


def _relation_row(rel: Relation, actor_index: Mapping[str, int], article_index: Mapping[tuple, int]) -> list:
    ev = rel.evidence
    cue_start, cue_end = _cue_span(rel)
    return [
        # an actor of a relation always has a tie, hence an index
        actor_index[rel.a], actor_index[rel.b], rel.sign, KINDS.index(rel.kind),
        rel.intensity, rel.confidence, rel.date.isoformat(), ORIGINS.index(rel.origin),
        article_index[_article_key(rel)] if ev.article is not None else None,
        ev.sentence, ev.cue, cue_start, cue_end,
        rel.valid_from.isoformat() if rel.valid_from else None,
        rel.valid_to.isoformat() if rel.valid_to else None,
        ev.rule,
    ]


def _tie_state(u: str, v: str, attrs: Mapping[str, Any]) -> list:
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
    return [weight, cooperation, conflict, polarity, sign, int(attrs.get("count", len(attrs.get("evidence", ())))), origins]


def _tie_added(new: tuple[list, Counter]) -> list:
    """``[*state, evidence indices]`` for a tie that appears."""
    state, evidence = new
    return [*state, sorted(evidence.elements())]


def _tie_change(old: tuple[list, Counter], new: tuple[list, Counter]) -> list | None:
    """``[*state, evidence gained, evidence lost]``, or None if the tie did not change."""
    if old == new:
        return None
    gained, lost = new[1] - old[1], old[1] - new[1]
    return [*new[0], sorted(gained.elements()), sorted(lost.elements())]


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


def render_timeline(
    snapshots: Mapping[date, nx.Graph],
    path: Path | str,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
) -> Path:
    """Write the one-page timeline of ``snapshots`` to ``path``; returns the path.

    Parameters
    ----------
    snapshots : snapshot graphs by date (see :func:`netviz.snapshots.build_snapshots`).
    path : the HTML file to write (its folder is created).
    positions : ``{actor id: (x, y)}``; computed with :func:`netviz.layout.compute_layout` when None.
    codebook : adds actor aliases (and the names of the people who speak for
        each actor) to the search box.
    title : the page title.

    Examples
    --------
    >>> import tempfile
    >>> from netviz.model import Evidence
    >>> from netviz.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Turkey.", cue="backs", article="a1")
    >>> r = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> out = render_timeline(build_snapshots([r], [date(2017, 1, 8)]), Path(tempfile.mkdtemp()) / "t.html")
    >>> out.name, "Russia backs Turkey." in out.read_text()
    ('t.html', True)
    """
    _check_snapshots(snapshots)
    if positions is None:
        positions = compute_layout(snapshots.values())
    data = timeline_data(snapshots, positions, codebook=codebook, title=title)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, page_html(data))


def page_html(data: Mapping[str, Any]) -> str:
    """The timeline page for :func:`timeline_data`'s document: one file, vis-network inlined.

    pyvis renders our template (its own ships Bootstrap from a CDN and
    injects raw HTML, see shared/PYVIS.md) with the vis-network it bundles.
    The data goes in as JSON inside ``<script type="application/json">``.
    """
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line", heading="")
    net.templateEnv = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
    net.path = "timeline.html"
    net.templateEnv.globals.update(
        title=data["title"],
        data_json=Markup(script_json({**data, "style": STYLE, "mode_text": _mode_text(data["mode"])})),
        vis_js=Markup(_inline(VIS_LIB / "vis-network.min.js", "script")),
        vis_css=Markup(_inline(VIS_LIB / "vis-network.css", "style")),
        timeline_js=Markup(_inline(TEMPLATES / "timeline.js", "script")),
        timeline_css=Markup(_inline(TEMPLATES / "timeline.css", "style")),
    )
    return net.generate_html()


def script_json(value: Any) -> str:
    r"""JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    (so no ``</script>`` or ``<!--``), and no U+2028/2029 line separators.

    >>> script_json({"t": "</script><b>&\u2028"})
    '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", r"\u003c"), (">", r"\u003e"), ("&", r"\u0026"), ("\u2028", r"\u2028"), ("\u2029", r"\u2029")):
        text = text.replace(char, escape)
    return text


def _inline(path: Path, tag: str) -> str:
    """A library file's text, checked not to close the ``<script>``/``<style>`` element it goes into."""
    text = path.read_text(encoding="utf-8")
    if f"</{tag}" in text.lower():
        raise RuntimeError(f"{path} contains </{tag}> and cannot be inlined")
    return text


def _mode_text(mode: str) -> str:
    """What a snapshot holds, for the page header.

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
