"""The timeline: one offline page holding every snapshot, with a date slider.

The page replays the history document of :mod:`netviz.site.sitedata` (the
union graph once, and per date only what changed since the date before) and
the evidence table of :mod:`netviz.site.evidence` (every relation and
article once, with the dates it backs its tie). A tie lasting 200 dates
therefore costs its sentences once, not 200 times. The page updates
vis-network's DataSets in place as the slider moves, so actors keep their
place and only what changed is redrawn; it finds the contradictions
(unbalanced triangles) of the date it shows in the browser.

Self-contained (:func:`render_timeline`), the page embeds both documents; in
a site (:func:`render_site_timeline`) it loads them from the site's
``data/`` folder, where every map and diff map finds them too.

The page is built like the snapshot maps of :mod:`netviz.site.render`: a pyvis
``Network`` renders our template (``timeline.html``, on ``base.html`` with
its Content-Security-Policy), vis-network is inlined, and colours, widths and
sizes come from the same helpers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from pyvis.network import Network

from netviz.errors import NetvizError
from netviz.graph.layout import place_snapshots
from netviz.graph.snapshots import Snapshots
from netviz.graph.steps import Dated, dated_steps
from netviz.io import atomic_write_text
from netviz.site.evidence import DATA_DIR, EvidenceTable, dated_evidence_table
from netviz.site.pages import environment
from netviz.site.palette import SIGN_COLORS
from netviz.site.sitedata import history_data

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

#: Scripts of the timeline page, in order (their hashes go in the page's CSP).
TIMELINE_SCRIPTS = ("vis-network.min.js", "netviz.js", "timeline.js")
#: Scripts of a site's timeline, from its data folder (the evidence table follows them).
SITE_TIMELINE_SCRIPTS = ("vis-network.min.js", "netviz.js", "history.js", "timeline.js")

def timeline_data(
    snapshots: Mapping[date, nx.Graph],
    positions: Mapping[str, tuple[float, float]],
    *,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
    table: EvidenceTable | None = None,
    dated: Dated | None = None,
) -> dict[str, Any]:
    """The JSON document the timeline page replays: the site's history data
    (:func:`netviz.site.sitedata.history_data`: union graph, per-date steps) and the evidence table.

    Parameters
    ----------
    snapshots : snapshot graphs by date (as built by :func:`netviz.graph.snapshots.build_snapshots`).
    positions : ``{actor id: (x, y)}`` for every actor of every snapshot.
    codebook : if given, the aliases of each actor (and the names of the people
        who speak for it) are added so the page's search box finds them.
    title : the page title.
    table, dated : the evidence table and the steps of these snapshots
        (:func:`netviz.site.evidence.dated_evidence_table`, :func:`netviz.graph.steps.dated_steps`),
        when the caller has them already (a site shares them among all its pages).

    Returns
    -------
    dict
        ``dates`` (ISO strings, oldest first), ``actors``, ``ties`` (pairs of
        actor indices), ``evidence`` (the evidence table: relations and
        articles once, and the dates each relation backs its tie) and
        ``steps`` (one per date, see :mod:`netviz.site.sitedata`), plus the
        field names of each record and the palette.

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
    if not isinstance(snapshots, Snapshots):  # a build's own snapshots are well formed; check anything else
        _check_snapshots(snapshots)
    dated = dated or dated_steps(snapshots)
    data = history_data(dated, positions, codebook=codebook)
    if table is None:
        table = dated_evidence_table(dated)
    if [row[0] for row in table.data["actors"]] != [row[0] for row in data["actors"]]:
        raise NetvizError("render_timeline: the evidence table is not of these snapshots")
    return {"title": title, **data, "evidence": table.data}


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


class TimelineNetwork(Network):
    """A pyvis ``Network`` that renders the timeline page.

    Like :class:`netviz.site.render.MapNetwork`, it keeps pyvis's vis-network
    ``options`` and renders our template (``timeline.html``, offline and
    escaped) instead of pyvis's own. The nodes and edges are not pyvis's: the
    page script builds them date by date from ``data`` (:func:`timeline_data`).
    A site's timeline (``assets``: the site's data folder) carries only its
    title: it replays the site's ``data/history.js`` and ``data/evidence.js``.
    """

    def __init__(self, data: Mapping[str, Any], assets: str | None = None) -> None:
        super().__init__(height="100%", width="100%", cdn_resources="in_line")
        self.templateEnv = environment()
        self.path = "timeline.html"
        self.page_data = dict(data)
        self.options = self.page_data.get("options", {})
        self.assets = assets

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page as a string (pyvis's signature; ``name``, ``local`` and ``notebook`` are unused)."""
        page = {"title": self.page_data["title"], "scripts": TIMELINE_SCRIPTS}
        if self.assets:  # a site page: scripts, styles, history and evidence are the site's files
            page.update(assets=self.assets, scripts=SITE_TIMELINE_SCRIPTS)
        self.html = self.templateEnv.get_template(self.path).render(data=self.page_data, **page)
        return self.html


def render_timeline(
    snapshots: Mapping[date, nx.Graph],
    path: Path | str,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    codebook: Codebook | None = None,
    title: str = "netviz timeline",
) -> Path:
    """Write the one-page timeline of ``snapshots`` to ``path``, self-contained; returns the path.

    Parameters
    ----------
    snapshots : snapshot graphs by date (see :func:`netviz.graph.snapshots.build_snapshots`); not modified.
    path : the HTML file to write (atomically; its folder is created).
    positions : ``{actor id: (x, y)}``; computed with :func:`netviz.graph.layout.compute_layout` when None.
    codebook : adds actor aliases (and the names of the people who speak for
        each actor) to the search box.
    title : the page title.

    A site's timeline (:func:`render_site_timeline`) loads the same data from the site's files.

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
    if not isinstance(snapshots, Snapshots):
        _check_snapshots(snapshots)
    if positions is None:
        positions = place_snapshots(snapshots).positions
    data = timeline_data(snapshots, positions, codebook=codebook, title=title)
    return _write(path, TimelineNetwork(data).generate_html())


def render_site_timeline(path: Path | str, *, title: str = "netviz timeline", assets: str = DATA_DIR) -> Path:
    """Write a site's timeline page: it replays the site's ``history.js`` and ``evidence.js`` in ``assets``."""
    return _write(path, TimelineNetwork({"title": title}, assets).generate_html())


def _write(path: Path | str, html: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, html)
