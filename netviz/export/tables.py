"""CSV tables for spreadsheets and pandas: ``nodes.csv`` and ``edges.csv``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import networkx as nx

from netviz.export.common import (
    Snapshots,
    as_snapshots,
    bloc_name,
    folder_target,
    sorted_edges,
    typed,
)
from netviz.io import atomic_write_text

#: Columns of ``nodes.csv``: one row per actor per snapshot date.
NODE_COLUMNS = ("actor", "date", "label", "type", "strength", "bloc", "bloc_name")
#: Columns of ``edges.csv``: one row per tie per snapshot date.
EDGE_COLUMNS = (
    "a", "b", "date", "weight", "sign", "polarity", "cooperation", "conflict", "evidence_count", "origins",
)


def export_csv(snapshots: Snapshots | nx.Graph, folder: Path | str) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` for spreadsheets and pandas.

    ``nodes.csv`` has one row per actor per snapshot date
    (:data:`NODE_COLUMNS`), ``edges.csv`` one row per tie per date
    (:data:`EDGE_COLUMNS`) with ``a < b``; rows are sorted by date, then
    actor. ``origins`` is ``;``-separated. The folder is created if its parent
    exists.

    Examples
    --------
    >>> import tempfile, csv
    >>> from pathlib import Path
    >>> from netviz.model import Evidence, Relation
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="backs")
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [dt.date(2017, 1, 8), dt.date(2017, 2, 1)])
    >>> nodes, edges = export_csv(snaps, Path(tempfile.mkdtemp()) / "tables")
    >>> [(row["a"], row["b"], row["date"], row["evidence_count"]) for row in csv.DictReader(edges.open(encoding="utf-8"))]
    [('RUS', 'SYR', '2017-01-08', '1'), ('RUS', 'SYR', '2017-02-01', '1')]
    """
    snaps = as_snapshots(snapshots)
    return write_csv(snaps, folder_target(folder))


def write_csv(snaps: dict[dt.date, nx.Graph], folder: Path) -> tuple[Path, Path]:
    # csv writes a date as its ISO text and None as an empty cell
    return (
        atomic_write_text(folder / "nodes.csv", _csv_text(NODE_COLUMNS, node_rows(snaps))),
        atomic_write_text(folder / "edges.csv", _csv_text(EDGE_COLUMNS, edge_rows(snaps))),
    )


def node_rows(snaps: dict[dt.date, nx.Graph]) -> list[list]:
    """The rows of ``nodes.csv`` (:data:`NODE_COLUMNS`) as Python values: dates, ints, ``None``."""
    rows = []
    for day, G in snaps.items():
        for n in sorted(G.nodes):
            d = G.nodes[n]
            rows.append([n, day, d["label"], d["type"], float(d["strength"]), typed("bloc", d["bloc"]), bloc_name(G, d["bloc"])])
    return rows


def edge_rows(snaps: dict[dt.date, nx.Graph]) -> list[list]:
    """The rows of ``edges.csv`` (:data:`EDGE_COLUMNS`) as Python values."""
    rows = []
    for day, G in snaps.items():
        for a, b in sorted_edges(G):
            d = G.adj[a][b]
            rows.append([
                a, b, day, float(d["weight"]), int(d["sign"]), float(d["polarity"]),
                float(d["cooperation"]), float(d["conflict"]), int(d["count"]), ";".join(d["origins"]),
            ])
    return rows


def _csv_text(header: tuple[str, ...], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
