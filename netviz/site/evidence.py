"""The evidence table: every relation of a run once, and when it backs its tie.

A site (``netviz build``) writes it once, as ``data/evidence.js`` (beside the
pages' scripts and stylesheets), and every map, diff map and the timeline load
it with a local ``<script src>`` (which
works from ``file://``; the pages' Content-Security-Policy allows scripts
from the site's own folder and nothing from the network). A page then carries
only its own date's tie state and the index of its date: the page script
finds a tie's evidence on that date from the table. A self-contained page
(``netviz map``, ``compare --html``, :func:`netviz.site.render.render_map`
alone) embeds the table of its own graphs instead, as a JSON block.

The table (:func:`evidence_table`) holds, as lists of rows:

- ``dates``: the snapshot dates, oldest first (a page's ``step`` indexes them);
- ``actors``: ``[id, label, type]`` of every actor with a tie on some date, sorted by id;
- ``relations``: one row per relation (:data:`RELATION_FIELDS`), strongest
  first, so that index order is the order a tie lists its evidence in;
- ``articles``: one row per source (:data:`ARTICLE_FIELDS`);
- ``spans``: per relation, ``[first, last, first, last, ...]``: the date
  indices on which it is part of its tie's evidence (one span in cumulative
  mode, one date per date, a window's width with ``--window``).

Its size is O(relations + changes), whatever the number of dates. A large
site writes it in shards of whole ties (``evidence-0.js``, ...; each about
:data:`SHARD_RELATIONS` relations, a table of its own) with ``evidence.js``
holding only their index: a page loads the shard of a tie, with a
``<script src>`` from the site's own folder, when a reader first opens that
tie, so no page ever reads the whole run's evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.graph.snapshots import evidence_order
from netviz.io import atomic_write_text
from netviz.model import KINDS, ORIGINS, Relation, relation_record
from netviz.site.pages import script_json

if TYPE_CHECKING:
    from netviz.graph.steps import Dated

#: Fields of one entry of ``relations``, in order (``a``, ``b``: actor indices; ``kind``, ``origin``,
#: ``article``: indices into ``kinds``, ``origins``, ``articles``; cue offsets in JavaScript string units).
RELATION_FIELDS = (
    "a", "b", "sign", "kind", "intensity", "confidence", "date", "origin",
    "article", "sentence", "cue", "cue_start", "cue_end", "valid_from", "valid_to", "rule",
)
#: Fields of one entry of ``articles`` (the sources of relations: articles, and the sources cited
#: by curated and event data): the article id, title, outlet and http(s) URL, each possibly null.
ARTICLE_FIELDS = ("id", "title", "outlet", "url")
#: The global the site's data file sets; pages without it read the ``netviz-evidence`` JSON block.
GLOBAL = "netvizEvidence"
#: The folder of a site that holds its evidence table (``evidence.js``), scripts and stylesheets.
DATA_DIR = "data/"
#: The global each shard file of a large site's table adds itself to (by file name).
SHARDS = "netvizEvidenceShards"
#: Relations per shard file of a site's evidence table (about 5 MB of sentences).
SHARD_RELATIONS = 20_000


@dataclass(frozen=True)
class EvidenceTable:
    """The table as page data (``data``), and each relation object's row (``index_of``, by ``id()``)."""

    data: dict[str, Any]
    index_of: Mapping[int, int]


@dataclass(frozen=True)
class SharedEvidence:
    """Where a site page finds the site's data folder, and which dates of the evidence table it shows.

    ``src`` is the data folder relative to the page (``data/`` beside the maps,
    ``../data/`` from ``diff/``); ``step`` the index of the page's date in the
    table, ``before`` that of the earlier date of a diff map.
    """

    src: str
    step: int
    before: int | None = None


def evidence_table(graphs: Sequence[nx.Graph]) -> EvidenceTable:
    """Every relation of ``graphs`` (snapshots, oldest first) once, with the dates it backs its tie.

    Snapshots share unchanged evidence tuples across dates (as
    :func:`netviz.graph.snapshots.build_snapshots` builds them): a tie whose
    tuple is the one of the date before costs nothing. A site builds the
    table from the history's deltas instead (:func:`dated_evidence_table`).

    Examples
    --------
    >>> from datetime import date
    >>> from netviz.model import Evidence
    >>> from netviz.graph.snapshots import build_snapshots
    >>> ev = Evidence(sentence="Russia backs Turkey.", cue="backs", article="a1")
    >>> r = Relation("RUS", "TUR", 1, "material_cooperation", 6, date(2017, 1, 8), "extracted", ev)
    >>> snaps = build_snapshots([r], [date(2017, 1, 8), date(2017, 3, 8)])
    >>> t = evidence_table(list(snaps.values())).data
    >>> t["actors"], len(t["relations"]), t["spans"]
    ([['RUS', 'RUS', 'unknown'], ['TUR', 'TUR', 'unknown']], 1, [[0, 1]])
    """
    from netviz.graph.steps import graph_steps

    for G in graphs:
        for *_, evidence in G.edges(data="evidence", default=()):
            _relations(evidence)
    return dated_evidence_table(graph_steps(list(graphs), blocs=False))


def dated_evidence_table(dated: Dated) -> EvidenceTable:
    """The evidence table of a run's steps (:func:`netviz.site.sitedata.dated_steps`), in
    O(relations + changes): each step names only the relations its changed ties lost and gained."""
    actor_ids = sorted({a for step in dated.steps for a, state in step.actors.items() if state is not None})
    actor_index = {a: i for i, a in enumerate(actor_ids)}
    objects = {id(r): r for step in dated.steps for lost_gained in step.evidence.values()
               for side in lost_gained for r in side}
    relations = _in_table_order(set(objects.values()))
    relation_index = {rel: i for i, rel in enumerate(relations)}
    index_of = {key: relation_index[r] for key, r in objects.items()}
    article_keys = sorted({_article_key(r) for r in relations if any(_article_key(r))})
    article_index = {a: i for i, a in enumerate(article_keys)}

    spans: list[list[int]] = [[] for _ in relations]
    backing = [0] * len(relations)  # how many of the tie's current relations are this row (equal relations share one)
    for step, day in enumerate(dated.steps):
        for lost, gained in day.evidence.values():
            for r in lost:
                i = index_of[id(r)]
                backing[i] -= 1
                if not backing[i]:
                    spans[i].append(step - 1)
            for r in gained:
                i = index_of[id(r)]
                if not backing[i]:
                    spans[i].append(step)
                backing[i] += 1
    last = len(dated.steps) - 1
    for i, count in enumerate(backing):
        if count:
            spans[i].append(last)

    data = {
        "dates": [_date_text(step.day) for step in dated.steps],
        "fields": {"relation": list(RELATION_FIELDS), "article": list(ARTICLE_FIELDS)},
        "kinds": list(KINDS),
        "origins": list(ORIGINS),
        "actors": [[a, dated.labels[a], dated.types[a]] for a in actor_ids],
        "relations": [_relation_row(r, actor_index, article_index) for r in relations],
        "articles": [[aid or None, t or None, o or None, _safe_url(url)] for aid, t, o, url in article_keys],
        "spans": spans,
    }
    return EvidenceTable(data, index_of)


def write_evidence_file(table: EvidenceTable, path: str | Path, *, shard: int | None = None) -> Path:
    """Write the table as a script that sets ``window.netvizEvidence`` (atomically, UTF-8).

    A table of more than ``shard`` relations (default :data:`SHARD_RELATIONS`) is split by tie
    into shard files beside it (``evidence-0.js``, ...; see :func:`shards`), and ``path``
    holds only their index: a page reads the shard of a tie when a reader first opens one,
    never the whole run's evidence.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = shards(table.data, SHARD_RELATIONS if shard is None else shard)
    if len(parts) == 1:
        return atomic_write_text(path, f"window.{GLOBAL} = {script_json(table.data)};\n")
    index = []
    for k, (first, part) in enumerate(parts):
        name = f"{path.stem}-{k}.js"
        atomic_write_text(path.with_name(name), f"(window.{SHARDS} = window.{SHARDS} || {{}})[{script_json(name)}] = "
                                                f"{script_json(part)};\n")
        index.append({"file": name, "first": first})
    return atomic_write_text(path, f"window.{GLOBAL} = {script_json({'shards': index})};\n")


def shards(data: Mapping[str, Any], size: int) -> list[tuple[str, dict[str, Any]]]:
    """The table cut into parts of whole ties, about ``size`` relations each, in tie order:
    ``[(first tie id, part)]``; each part is a table of its own (its relations, their spans
    and articles; all actors and dates). One part when the table is no larger than ``size``.

    >>> t = {"actors": [["A", "A", "x"], ["B", "B", "x"], ["C", "C", "x"]], "dates": ["2020-01-01"],
    ...      "relations": [[0, 1, 1, 0, 1, 1, "2020-01-01", 0, 0, "s", "c", None, None, None, None, None],
    ...                    [1, 2, 1, 0, 1, 1, "2020-01-01", 0, None, "t", "c", None, None, None, None, None]],
    ...      "spans": [[0, 0], [0, 0]], "articles": [["a1", None, None, None]]}
    >>> [(first, len(part["relations"]), part["articles"]) for first, part in shards(t, 1)]
    [('A--B', 1, [['a1', None, None, None]]), ('B--C', 1, [])]
    """
    rows = data["relations"]
    if len(rows) <= size:
        return [("", dict(data))]
    ids = [a[0] for a in data["actors"]]
    article = RELATION_FIELDS.index("article")
    by_tie: dict[str, list[int]] = {}
    for r, row in enumerate(rows):
        a, b = ids[row[0]], ids[row[1]]
        by_tie.setdefault(f"{a}--{b}" if a <= b else f"{b}--{a}", []).append(r)
    groups: list[tuple[str, list[int]]] = []
    for tie in sorted(by_tie):
        if not groups or len(groups[-1][1]) >= size:
            groups.append((tie, []))
        groups[-1][1].extend(by_tie[tie])
    parts = []
    for first, members in groups:
        members.sort()  # table order: strongest first
        used = sorted({rows[r][article] for r in members if rows[r][article] is not None})
        renumber = {old: new for new, old in enumerate(used)}
        part = {k: v for k, v in data.items() if k not in ("relations", "spans", "articles")}
        part["relations"] = [[*rows[r][:article], renumber.get(rows[r][article]), *rows[r][article + 1:]] for r in members]
        part["spans"] = [data["spans"][r] for r in members]
        part["articles"] = [data["articles"][i] for i in used]
        parts.append((first, part))
    return parts


def _date_text(value: Any) -> str | None:
    return None if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def _relations(evidence: Iterable[Any]) -> list[Relation]:
    rels = list(evidence)
    for r in rels:
        if not isinstance(r, Relation):
            raise NetvizError(f"render: tie evidence must be netviz.model.Relation values, not {type(r).__name__}")
    return rels


def _in_table_order(relations: Iterable[Relation]) -> list[Relation]:
    """A total order: strongest first (as a tie lists its evidence), then by every field.

    Every field is compared (through the relation's JSON record) only among
    relations equal in :func:`~netviz.graph.history.evidence_order`, which is
    rare: serialising two million relations to sort them cost a gigabyte.
    """
    ordered = sorted(relations, key=evidence_order)
    out: list[Relation] = []
    for _, same in groupby(ordered, key=evidence_order):
        group = list(same)
        if len(group) > 1:
            group.sort(key=lambda rel: json.dumps(relation_record(rel), sort_keys=True))
        out.extend(group)
    return out


def _article_key(rel: Relation) -> tuple[str, str, str, str]:
    """Where a relation comes from: the article, or for curated and event data the cited source."""
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
        round(float(rel.intensity), 3), round(float(rel.confidence), 3), rel.date.isoformat(), ORIGINS.index(rel.origin),
        article_index.get(_article_key(rel)),
        ev.sentence, ev.cue, cue_start, cue_end,
        rel.valid_from.isoformat() if rel.valid_from else None,
        rel.valid_to.isoformat() if rel.valid_to else None,
        ev.rule,
    ]
