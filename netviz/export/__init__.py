"""Take the graph elsewhere: GEXF for Gephi, GraphML, JSON node-link and CSV.

Every writer takes snapshot graphs as built by
:func:`netviz.graph.snapshots.build_snapshots` (the attributes listed in
``docs/architecture.md``): a mapping of date to graph, or one graph. It never
modifies them, writes UTF-8 atomically and gives byte-identical files for the
same input. ``docs/export-formats.md`` documents each file's schema.

- :func:`export_gexf`: GEXF 1.2 for Gephi with the HTML maps' positions and
  colours; static for one snapshot, dynamic (spells and per-date attributes,
  for Gephi's timeline) for several.
- :func:`export_graphml`: one snapshot, every attribute with its type.
- :func:`export_json`: networkx node-link data, one snapshot or all.
- :func:`export_csv`: ``nodes.csv`` and ``edges.csv``, one row per actor or
  tie per date.
- :func:`export_snapshots`: picks the format and the date(s); the CLI's
  ``netviz export``.

For notebooks, :mod:`netviz.export.frames` gives relations, ties and actors
as pandas DataFrames (or records) and :func:`netviz.export.notebook.show`
(``netviz.show``) draws a snapshot as a pyvis ``Network``. One module per
format: ``gexf``, ``graphml``, ``nodelink`` (JSON), ``tables`` (CSV).

Examples
--------
>>> import tempfile, json
>>> from pathlib import Path
>>> from netviz.model import Evidence, Relation
>>> from netviz.graph.snapshots import build_snapshots
>>> ev = Evidence(sentence="Russia backs Syria.", cue="backs", article="a1")
>>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
>>> snaps = build_snapshots([r], [dt.date(2017, 1, 8)])
>>> out = Path(tempfile.mkdtemp())
>>> [p.name for p in export_snapshots(snaps, "json", out, date="last")]
['netviz-2017-01-08.json']
>>> G = nx.node_link_graph(json.loads((out / "netviz-2017-01-08.json").read_text()), edges="links")
>>> G.edges["RUS", "SYR"]["weight"], G.edges["RUS", "SYR"]["evidence"][0]["sentence"]
(6.0, 'Russia backs Syria.')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from netviz.errors import NetvizError
from netviz.export.common import (
    Positions,
    Snapshots,
    as_snapshots,
    check_color_by,
    file_target,
    folder_target,
    largest_strength,
)
from netviz.export.gexf import GEXF_NS, VIZ_NS, export_gexf, write_gexf
from netviz.export.graphml import export_graphml, write_graphml
from netviz.export.nodelink import export_json, write_json
from netviz.export.tables import EDGE_COLUMNS, NODE_COLUMNS, export_csv, write_csv
from netviz.graph.layout import compute_layout

#: The formats :func:`export_snapshots` writes.
FORMATS = ("gexf", "graphml", "json", "csv")

# --- the dispatcher the CLI calls --------------------------------------------


def export_snapshots(
    snapshots: Snapshots | nx.Graph,
    fmt: str,
    path: Path | str,
    *,
    date: dt.date | str | None = None,
    positions: Positions | None = None,
    color_by: str = "bloc",
) -> list[Path]:
    """Write snapshots in ``fmt`` and return the files written.

    Parameters
    ----------
    snapshots : mapping of date to snapshot graph, or one snapshot graph
        As returned by :func:`netviz.graph.snapshots.build_snapshots`.
    fmt : {"gexf", "graphml", "json", "csv"}
    path : path
        The file to write (``gexf``, ``graphml``, ``json``) or, if it is an
        existing folder, the folder to write ``netviz-<DATE|all>.<fmt>`` into.
        For ``csv``, the folder that receives ``nodes.csv`` and ``edges.csv``
        (created if its parent exists).
    date : date, "YYYY-MM-DD", "first", "last" or "all", optional
        Which snapshot(s). Default: ``"all"``, except ``"last"`` for
        ``graphml``, which holds one snapshot.
    positions : mapping of actor id to (x, y), optional
        GEXF positions, in the HTML maps' canvas pixels. Default: the layout
        of the HTML maps, :func:`netviz.graph.layout.compute_layout` over *all*
        snapshots, so Gephi shows what the pages show even for one date.
    color_by : {"bloc", "type"}
        What GEXF actor colours encode, as in the HTML maps.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    NetvizError
        Unknown format or date, a missing output folder, or graphs without
        the documented snapshot attributes.

    Examples
    --------
    >>> import tempfile, csv
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Turkey condemns Russia.", cue="condemn")
    >>> r = Relation("TUR", "RUS", -1, "verbal_conflict", 4.0, dt.date(2017, 3, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 3, 8)])
    >>> out = Path(tempfile.mkdtemp())
    >>> [p.name for p in export_snapshots(snaps, "csv", out)]
    ['nodes.csv', 'edges.csv']
    >>> row = next(csv.DictReader((out / "edges.csv").open(encoding="utf-8")))
    >>> row["a"], row["b"], row["date"], row["weight"], row["sign"]
    ('RUS', 'TUR', '2017-03-08', '4.0', '-1')
    >>> export_snapshots(snaps, "pdf", out)
    Traceback (most recent call last):
    netviz.errors.NetvizError: unknown export format 'pdf'; choose one of gexf, graphml, json, csv
    """
    if fmt not in FORMATS:
        raise NetvizError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    check_color_by(color_by)
    snaps = as_snapshots(snapshots)
    when = date if date is not None else "last" if fmt == "graphml" else "all"
    if when == "all":
        if fmt == "graphml":
            raise NetvizError(
                "graphml holds one snapshot: give a date, 'first' or 'last' (gexf, json and csv hold all dates)"
            )
        chosen, single, stamp = snaps, False, "all"
    else:
        day = resolve_date(snaps, when)
        chosen, single, stamp = {day: snaps[day]}, True, day.isoformat()
    if fmt == "csv":
        return list(write_csv(chosen, folder_target(path)))
    target = file_target(path, f"netviz-{stamp}.{fmt}")
    if fmt == "gexf":
        if positions is None:
            positions = compute_layout(snaps.values())
        # sizes scaled against the strongest actor of the whole run, as on the pages
        top = largest_strength(snaps)
        return [write_gexf(chosen, not single, target, positions, color_by, top)]
    if fmt == "graphml":
        return [write_graphml(next(iter(chosen.values())), target)]
    return [write_json(chosen, single, target)]


def resolve_date(snapshots: Snapshots, when: dt.date | str) -> dt.date:
    """The snapshot date ``when`` names: a date, ``"YYYY-MM-DD"``, ``"first"`` or ``"last"``.

    Examples
    --------
    >>> snaps = {dt.date(2017, 1, 8): nx.Graph(), dt.date(2017, 3, 8): nx.Graph()}
    >>> resolve_date(snaps, "last")
    datetime.date(2017, 3, 8)
    >>> resolve_date(snaps, "2017-02-01")
    Traceback (most recent call last):
    netviz.errors.NetvizError: no snapshot on 2017-02-01; nearest snapshot dates: 2017-01-08, 2017-03-08 (2 dates, 2017-01-08 to 2017-03-08; or 'first', 'last', 'all')
    """
    days = sorted(snapshots)
    if not days:
        raise NetvizError("there are no snapshots to export: no articles or events were loaded")
    if when == "first":
        return days[0]
    if when == "last":
        return days[-1]
    span = f"{len(days)} dates, {days[0]} to {days[-1]}; or 'first', 'last', 'all'"
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        day = when
    else:
        try:
            day = dt.date.fromisoformat(str(when).strip())
        except ValueError:
            raise NetvizError(f"date {when!r} is not YYYY-MM-DD, 'first', 'last' or 'all' ({span})") from None
    if day not in snapshots:
        before = [d for d in days if d < day][-1:]
        after = [d for d in days if d > day][:1]
        nearest = ", ".join(d.isoformat() for d in before + after)
        raise NetvizError(f"no snapshot on {day}; nearest snapshot dates: {nearest} ({span})")
    return day



__all__ = [
    "EDGE_COLUMNS", "FORMATS", "GEXF_NS", "NODE_COLUMNS", "VIZ_NS", "export_csv", "export_gexf", "export_graphml", "export_json",
    "export_snapshots", "resolve_date",
]
