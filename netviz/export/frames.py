"""Relations, ties and actors as tables for notebooks: pandas DataFrames, or plain records.

With pandas installed (``pip install 'netviz[pandas]'``) each function returns
a DataFrame with proper dtypes: dates ``datetime64``, integer columns the
nullable ``Int64`` (an empty cell is ``<NA>``, never a float NaN), numbers
``float64``. Without pandas it returns the same rows as a list of dicts of
Python values (``datetime.date``, ``int``, ``None``). ``frame=True`` insists
on a DataFrame, ``frame=False`` on records.

The columns are those of the other exports: :func:`relations_table` has the
fields of the ``--format jsonl`` relation record (with ``sign`` as +1/-1),
:func:`ties_table` those of ``edges.csv`` and :func:`actors_table` those of
``nodes.csv`` (``docs/export-formats.md``).

Examples
--------
>>> import datetime as dt
>>> from netviz.model import Evidence, Relation
>>> from netviz.graph.snapshots import build_snapshots
>>> ev = Evidence(sentence="Russia backs Syria.", cue="backs", article="a1")
>>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, dt.date(2017, 1, 8), "extracted", ev)
>>> ties = ties_table(build_snapshots([r], [dt.date(2017, 1, 8)]), frame=False)
>>> ties[0]["a"], ties[0]["b"], ties[0]["date"], ties[0]["sign"], ties[0]["evidence_count"]
('RUS', 'SYR', datetime.date(2017, 1, 8), 1, 1)
>>> relations_table([r], frame=False)[0]["sentence"]
'Russia backs Syria.'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.export.common import as_snapshots
from netviz.export.tables import EDGE_COLUMNS, NODE_COLUMNS, edge_rows, node_rows
from netviz.model import Relation, relation_record

#: Columns of :func:`relations_table`: the relation record's fields.
RELATION_COLUMNS = (
    "article", "date", "source", "target", "sign", "kind", "intensity", "confidence", "sentence", "start", "end",
    "cue", "cue_start", "cue_end", "rule", "origin", "title", "outlet", "url", "valid_from", "valid_to",
)
_RELATION_TYPES = {
    "date": "datetime64[ns]", "valid_from": "datetime64[ns]", "valid_to": "datetime64[ns]",
    "sign": "Int64", "start": "Int64", "end": "Int64", "cue_start": "Int64", "cue_end": "Int64",
    "intensity": "float64", "confidence": "float64",
}
_TIE_TYPES = {
    "date": "datetime64[ns]", "weight": "float64", "sign": "Int64", "polarity": "float64",
    "cooperation": "float64", "conflict": "float64", "evidence_count": "Int64",
}
_ACTOR_TYPES = {"date": "datetime64[ns]", "strength": "float64", "bloc": "Int64"}


def relations_table(relations: Iterable[Relation], *, frame: bool | None = None) -> Any:
    """One row per relation (extracted, curated or imported), in the order given.

    ``date``, ``valid_from`` and ``valid_to`` are dates (``NaT``/``None``
    when absent), ``sign`` is +1 or -1, character offsets are nullable integers.

    >>> from netviz.model import Evidence
    >>> ev = Evidence(sentence="Turkey condemns Russia.", cue="condemns", start=0, end=23)
    >>> r = Relation("TUR", "RUS", -1, "verbal_conflict", 4.0, dt.date(2017, 3, 8), "extracted", ev)
    >>> row = relations_table([r], frame=False)[0]
    >>> row["date"], row["sign"], row["start"], row["valid_to"]
    (datetime.date(2017, 3, 8), -1, 0, None)
    """
    rows = []
    for rel in relations:
        # the record's fields, with dates as dates and the sign as a number
        record = {**relation_record(rel), "date": rel.date, "sign": rel.sign,
                  "valid_from": rel.valid_from, "valid_to": rel.valid_to}
        rows.append([record.get(c) for c in RELATION_COLUMNS])
    return _table(RELATION_COLUMNS, rows, _RELATION_TYPES, frame)


def ties_table(snapshots: Mapping[dt.date, nx.Graph] | nx.Graph, *, frame: bool | None = None) -> Any:
    """One row per tie per snapshot date: the columns of ``edges.csv``, ``a < b``."""
    return _table(EDGE_COLUMNS, edge_rows(as_snapshots(snapshots)), _TIE_TYPES, frame)


def actors_table(snapshots: Mapping[dt.date, nx.Graph] | nx.Graph, *, frame: bool | None = None) -> Any:
    """One row per actor per snapshot date: the columns of ``nodes.csv``; ``bloc`` empty for an actor in no bloc."""
    return _table(NODE_COLUMNS, node_rows(as_snapshots(snapshots)), _ACTOR_TYPES, frame)


def _table(columns: Sequence[str], rows: list[list], types: Mapping[str, str], frame: bool | None) -> Any:
    if frame is not False:
        try:
            import pandas as pd
        except ImportError:
            if frame:
                raise NetvizError("pandas is not installed; pip install 'netviz[pandas]' (or pass frame=False for records)") from None
        else:
            df = pd.DataFrame.from_records(rows, columns=list(columns))
            # dates through to_datetime: astype cannot parse datetime.date objects
            dates = {c: pd.to_datetime(df[c]).astype(t) for c, t in types.items() if t.startswith("datetime")}
            return df.assign(**dates).astype({c: t for c, t in types.items() if c not in dates})
    return [dict(zip(columns, row)) for row in rows]
