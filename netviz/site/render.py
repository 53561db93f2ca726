"""Offline HTML pages through pyvis: one map per snapshot, its header and legend, and the index page.

A map is one self-contained file by default: vis-network, the stylesheets
and the evidence of its ties are inside it. In a site (``netviz build``,
:func:`render_site_map`) a map carries only its date (a diff map also the
changes of its date) and loads the scripts, styles, the run's history
(:mod:`netviz.site.sitedata`) and the evidence table
(:mod:`netviz.site.evidence`) from the site's ``data/`` folder, written once;
``replay.js`` rebuilds in the browser what :func:`~netviz.site.mapdata.map_data`
embeds in a self-contained map. Either way a Content-Security-Policy lets the page
fetch nothing from the network and run only its own scripts (inline ones by
hash, a site's from its own folder), and every string from articles and
data files is escaped: as text in the HTML, as JSON in the page data
(``<``, ``>``, ``&``, U+2028/2029 as ``\\uXXXX``) and through
``textContent`` in the tooltips and the evidence panel.

pyvis holds the vis data: :class:`MapNetwork` is a ``pyvis.network.Network``
whose ``nodes``, ``edges`` and ``options`` we fill ourselves (``from_nx``
mutates its input and is slow) and whose ``generate_html`` renders our
templates (pyvis's own fetches Bootstrap from a CDN and, with ``href`` in a
title, ``heading`` or ``select_menu``, injects raw HTML).

The stages of a page have their own modules: the palette and encodings in
:mod:`netviz.site.palette`, the page data in :mod:`netviz.site.mapdata`, the
templates, inlined assets, CSP and safe JSON in :mod:`netviz.site.pages`.
Templates live in ``netviz/site/templates``: ``base.html`` (skeleton, CSP),
``map.html`` with ``legend.html`` and ``contradictions.html``,
``index.html``; scripts ``netviz.js`` (the map, its tooltip, filters and
panel, reusable) and ``map.js``.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from pyvis.network import Network

from netviz.errors import NetvizError
from netviz.io import atomic_write_text
from netviz.site.evidence import DATA_DIR, SharedEvidence, evidence_table
from netviz.site.mapdata import map_data
from netviz.site.pages import environment, render_page
from netviz.site.palette import (
    COLOR_BY,
    SIGN_COLORS,
    SIGN_DASHES,
    SIGN_LABELS,
    bloc_color,
    bloc_label,
    dasharray,
    type_color,
)

#: Most pairs of blocs whose ties the legend sums up ("between blocs").
LEGEND_BLOC_PAIRS = 6
#: Most actor colours listed in the legend.
LEGEND_ACTOR_ITEMS = 12
#: Scripts of a map page, in order (their hashes go in the page's CSP).
MAP_SCRIPTS = ("vis-network.min.js", "netviz.js", "map.js")
#: Scripts of a site's map and diff map, from the site's data folder (the evidence table follows them):
#: replay.js rebuilds the page's date from the site's history.
SITE_MAP_SCRIPTS = ("vis-network.min.js", "netviz.js", "replay.js", "history.js", "map.js")


def sign_legend(counts: Mapping[int, int]) -> list[dict[str, Any]]:
    """Legend rows of the three signs: label, colour, dash pattern (SVG ``stroke-dasharray``) and count."""
    return [
        {"label": SIGN_LABELS[s], "color": SIGN_COLORS[s], "dash": dasharray(SIGN_DASHES[s]), "count": counts.get(s, 0)}
        for s in (1, -1, 0)
    ]


def _legend(data: Mapping[str, Any], color_by: str) -> dict[str, Any]:
    ties = sign_legend(Counter(t["sign"] for t in data["ties"].values()))
    groups = Counter(a[color_by] for a in data["actors"].values())
    if color_by == "bloc":
        # the largest blocs first, unaligned actors last
        ordered = sorted(groups, key=lambda g: (g is None, -groups[g], g if g is not None else 0))
        items = [{"label": bloc_label(g, data["blocs"]), "color": bloc_color(g), "count": groups[g]} for g in ordered]
    else:
        items = [{"label": str(g).replace("_", " "), "color": type_color(g), "count": groups[g]} for g in sorted(groups)]
    between = [
        {**pair, "a": bloc_label(pair["a"], data["blocs"]), "b": bloc_label(pair["b"], data["blocs"]),
         "color": SIGN_COLORS[pair["sign"]], "dash": dasharray(SIGN_DASHES[pair["sign"]])}
        for pair in bloc_pairs(data["ties"], data["actors"])[:LEGEND_BLOC_PAIRS]
    ]
    return {
        "ties": ties,
        "actors": {"title": color_by, "items": items[:LEGEND_ACTOR_ITEMS], "more": max(0, len(items) - LEGEND_ACTOR_ITEMS)},
        "between": between,
    }


def bloc_pairs(ties: Mapping[str, Mapping[str, Any]], actors: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What joins each two blocs, summed over all the ties between their members, heaviest first:
    ``{"a", "b" (blocs), "cooperation", "conflict", "ties" (how many), "sign"}``; the sign is
    cooperation or conflict when that side weighs at least twice the other, else mixed (0).

    >>> actors = {"USA": {"bloc": 0}, "GBR": {"bloc": 0}, "RUS": {"bloc": 1}, "QAT": {"bloc": None}}
    >>> ties = {"RUS--USA": {"a": "RUS", "b": "USA", "cooperation": 1.0, "conflict": 6.0},
    ...         "GBR--RUS": {"a": "GBR", "b": "RUS", "cooperation": 0.0, "conflict": 3.0},
    ...         "QAT--USA": {"a": "QAT", "b": "USA", "cooperation": 4.0, "conflict": 0.0}}
    >>> bloc_pairs(ties, actors)
    [{'a': 0, 'b': 1, 'cooperation': 1.0, 'conflict': 9.0, 'ties': 2, 'sign': -1}]
    """
    sums: dict[tuple[int, int], list[float]] = {}
    for tie in ties.values():
        x, y = actors[tie["a"]]["bloc"], actors[tie["b"]]["bloc"]
        if x is None or y is None or x == y:
            continue
        pair = sums.setdefault((min(x, y), max(x, y)), [0.0, 0.0, 0])
        pair[0] += tie["cooperation"]
        pair[1] += tie["conflict"]
        pair[2] += 1
    out = []
    for (a, b), (cooperation, conflict, count) in sums.items():
        sign = 1 if cooperation >= 2 * conflict else -1 if conflict >= 2 * cooperation else 0
        out.append({"a": a, "b": b, "cooperation": round(cooperation, 3), "conflict": round(conflict, 3),
                    "ties": count, "sign": sign})
    return sorted(out, key=lambda p: (-(p["cooperation"] + p["conflict"]), p["a"], p["b"]))


def _scope(graph: nx.Graph) -> str | None:
    mode, day = graph.graph.get("mode"), _date_text(graph.graph.get("date"))
    if mode is None or day is None:
        return None
    return scope_text(mode, day, len(graph.graph.get("articles", ())))


def scope_text(mode: str, day: str, articles: int) -> str:
    """What a snapshot holds, for the map's header.

    >>> scope_text("window:30", "2017-01-08", 2)
    'evidence of the 30 days up to 2017-01-08 (2 articles dated 2017-01-08)'
    """
    dated = f" ({articles:,} article{'s' if articles != 1 else ''} dated {day})" if articles else ""
    if mode == "cumulative":
        return f"all evidence up to {day}{dated}"
    if mode == "per-date":
        return f"evidence of {day} only{dated}"
    if mode.startswith("window:"):
        return f"evidence of the {mode.split(':', 1)[1]} days up to {day}{dated}"
    return f"{mode}{dated}"


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# --- pyvis ---------------------------------------------------------------------


class MapNetwork(Network):
    """A pyvis ``Network`` that renders a netviz map page.

    ``nodes``, ``edges`` and ``options`` hold the vis-network data (filled
    from :func:`map_data`, never with ``from_nx``); :meth:`generate_html`
    renders ``map.html`` (self-contained, escaped) instead of pyvis's
    template. In Jupyter the object displays itself (a sandboxed iframe), and
    pyvis's ``net.show("map.html")`` also works.
    """

    def __init__(self, data: Mapping[str, Any], page: Mapping[str, Any], *, notebook: bool = False) -> None:
        super().__init__(height="720px", width="100%", notebook=notebook, cdn_resources="in_line")
        self.templateEnv = environment()
        self.path = "map.html"
        self.nodes = list(data["nodes"])
        self.edges = list(data["edges"])
        self.options = dict(data["options"])
        self.node_ids = [n["id"] for n in self.nodes]
        self.node_map = {n["id"]: n for n in self.nodes}
        self.page_data = {k: v for k, v in data.items() if k not in ("nodes", "edges", "options")}
        self.page = dict(page)

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page as a string (pyvis's signature; ``name``, ``local`` and ``notebook`` are unused)."""
        graph = {"nodes": self.nodes, "edges": self.edges, "options": self.options}
        self.html = self.templateEnv.get_template(self.path).render(
            graph=graph, data=self.page_data, scripts=MAP_SCRIPTS, **self.page
        )
        return self.html

    def _repr_html_(self) -> str:
        # srcdoc keeps the notebook free of our scripts; the sandbox gives the
        # page no access to the notebook's origin
        return (
            f'<iframe srcdoc="{html.escape(self.generate_html(), quote=True)}" sandbox="allow-scripts"'
            f' style="width: {self.width}; height: {self.height}; border: 1px solid #d9dee3"></iframe>'
        )


def _network(
    graph: nx.Graph,
    *,
    positions: Mapping[str, tuple[float, float]],
    title: str | None,
    color_by: str,
    physics: bool,
    contradictions: Sequence[Any],
    max_weight: float | None,
    max_strength: float | None,
    notebook: bool,
    shared: SharedEvidence | None = None,
) -> MapNetwork:
    data = map_data(
        graph, positions=positions, color_by=color_by, physics=physics, contradictions=contradictions,
        max_weight=max_weight, max_strength=max_strength,
    )
    page = {
        "title": title or "Alliance map",
        "date": _date_text(graph.graph.get("date")),
        "scope": _scope(graph),
        "counts": {"actors": f"{len(data['nodes']):,}", "ties": f"{len(data['edges']):,}"},
        "legend": _legend(data, color_by),
        "contradictions": data["contradictions"],
        "contradictions_total": data["contradictions_total"],
    }
    return MapNetwork(with_evidence(data, page, [graph], shared), page, notebook=notebook)


def with_evidence(
    data: dict[str, Any], page: dict[str, Any], graphs: Sequence[nx.Graph], shared: SharedEvidence | None
) -> dict[str, Any]:
    """Point a page at its evidence: the site's data file (``shared``), or its own table embedded.

    Sets ``data["step"]`` (and ``data["before"]`` for a diff map) to the date
    indices the page shows, and ``page["assets"]`` (the site's data folder) or
    ``page["evidence"]`` (the table, embedded).
    """
    if shared is None:
        page["evidence"] = evidence_table(graphs).data
        data.update(step=len(graphs) - 1, before=0 if len(graphs) > 1 else None)
    else:
        page["assets"] = shared.src
        data.update(step=shared.step, before=shared.before)
    return data


def render_map(
    graph: nx.Graph,
    path: str | Path,
    *,
    positions: Mapping[str, tuple[float, float]],
    title: str | None = None,
    color_by: str = "bloc",
    physics: bool = False,
    contradictions: Sequence[Any] = (),
    max_weight: float | None = None,
    max_strength: float | None = None,
    shared: SharedEvidence | None = None,
) -> Path:
    """Write the HTML map of a snapshot: self-contained, or a page of a site (``shared``).

    Parameters
    ----------
    graph : networkx.Graph
        The snapshot; not modified.
    path : str or Path
        The page to write (atomically, UTF-8); its folder is created if needed.
    positions : mapping
        ``{actor id: (x, y)}`` from :func:`netviz.graph.layout.compute_layout` over all snapshots.
    title : str, optional
        Page heading (default ``"Alliance map"``); the snapshot's date follows it.
    color_by : {"bloc", "type"}
        What actor colour encodes.
    physics : bool
        Let vis-network move the actors after loading (off by default).
    contradictions : sequence
        Unbalanced cycles to list in the panel (see :func:`map_data`).
    max_weight, max_strength : float, optional
        Full-width weight and full-size strength; default this graph's largest.
    shared : SharedEvidence, optional
        A site page: the evidence is in the site's data file
        (:mod:`netviz.site.evidence`), not in the page. Default: the page
        embeds the evidence of its own ties and works alone (one file to mail).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.Graph(date=date(2017, 1, 8))
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
    >>> out = render_map(g, Path(tempfile.mkdtemp()) / "2017-01-08.html", positions={"RUS": (0, 0), "SYR": (90, 0)})
    >>> "<title>Alliance map — 2017-01-08</title>" in out.read_text(encoding="utf-8")
    True
    """
    net = _network(
        graph, positions=positions, title=title, color_by=color_by, physics=physics,
        contradictions=contradictions, max_weight=max_weight, max_strength=max_strength, notebook=False,
        shared=shared,
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, net.generate_html())


def render_site_map(
    path: str | Path,
    *,
    step: int,
    title: str,
    date: str,
    scope: str | None,
    actors: int,
    ties: int,
    color_by: str = "bloc",
    before: int | None = None,
    changes: Mapping[str, Sequence[str]] | None = None,
    assets: str = DATA_DIR,
) -> Path:
    """Write a site's map (or, with ``before`` and ``changes``, diff map) of date ``step``: the page
    carries only its date, its header and its changes; it rebuilds the rest from the site's
    ``history.js`` (:mod:`netviz.site.sitedata`) in ``assets``, the data folder relative to the page.

    ``changes`` maps the id of each tie that changed from ``before`` to ``step`` to
    ``[change, state before, state after]`` (see :func:`netviz.site.diffmap.step_diff`).
    """
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")
    replay: dict[str, Any] = {"step": step, "before": before, "color_by": color_by}
    if changes is not None:
        replay["changes"] = {k: list(v) for k, v in changes.items()}
    return render_page(
        "map.html", path, title=title, date=date, scope=scope,
        counts={"actors": f"{actors:,}", "ties": f"{ties:,}"}, legend=None, contradictions=[],
        contradictions_total=0, replay=replay, assets=assets, scripts=SITE_MAP_SCRIPTS,
    )


# --- index -------------------------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index page: a snapshot's date, counts, map link and extra links.

    ``links`` are ``(label, href)`` pairs, e.g. ``("diff from 2017-01-01", "diff-2017-01-01-2017-01-08.html")``.
    """

    date: date | str
    href: str
    actors: int
    ties: int
    links: tuple[tuple[str, str], ...] = ()


def index_entry(graph: nx.Graph, href: str, links: Iterable[tuple[str, str]] = ()) -> IndexEntry:
    """The index row of a snapshot: its date (``graph.graph["date"]``) and counts.

    >>> g = nx.Graph(date=date(2017, 1, 8))
    >>> g.add_edge("RUS", "SYR")
    >>> index_entry(g, "2017-01-08.html")
    IndexEntry(date=datetime.date(2017, 1, 8), href='2017-01-08.html', actors=2, ties=1, links=())
    """
    if "date" not in graph.graph:
        raise NetvizError(f"index_entry: the snapshot for {href!r} has no graph attribute 'date'")
    return IndexEntry(graph.graph["date"], href, graph.number_of_nodes(), graph.number_of_edges(), tuple(links))


def render_index(
    entries: Iterable[IndexEntry],
    path: str | Path,
    *,
    title: str = "netviz alliance maps",
    links: Iterable[tuple[str, str]] = (),
) -> Path:
    """Write the index page: every snapshot with its date, actor and tie counts and links.

    Parameters
    ----------
    entries : iterable of IndexEntry
        The rows, in the order given (see :func:`index_entry`).
    path : str or Path
        The page to write (``output/index.html``).
    title : str
        Page heading.
    links : iterable of (label, href)
        Links above the table (the timeline, exports).

    Every ``href`` must be a relative link (a file beside the page): no
    scheme, no host.

    Examples
    --------
    >>> import tempfile
    >>> rows = [IndexEntry(date(2017, 1, 8), "2017-01-08.html", 3, 2, (("diff", "d.html"),))]
    >>> out = render_index(rows, Path(tempfile.mkdtemp()) / "index.html", links=[("timeline", "timeline.html")])
    >>> 'href="2017-01-08.html"' in out.read_text(encoding="utf-8")
    True
    """
    rows = []
    for i, e in enumerate(entries):
        if not isinstance(e, IndexEntry):
            raise NetvizError(f"render_index: entry {i} is a {type(e).__name__}, not an IndexEntry")
        rows.append({
            "date": _date_text(e.date),
            "href": _relative(e.href, f"entry {i} ({_date_text(e.date)})"),
            "actors": int(e.actors),
            "ties": int(e.ties),
            "links": [(str(label), _relative(href, f"entry {i} link {label!r}")) for label, href in e.links],
        })
    top = [(str(label), _relative(href, f"link {label!r}")) for label, href in links]
    return render_page("index.html", path, title=title, links=top, entries=rows, scripts=())


def _relative(href: Any, where: str) -> str:
    parts = urlsplit(href) if isinstance(href, str) else None
    if not href or parts is None or parts.scheme or parts.netloc or href.startswith("/"):
        raise NetvizError(
            f"render_index: {where}: href {href!r} is not a relative link; link to files beside index.html"
        )
    return href
