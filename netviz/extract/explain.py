"""What the extractor saw in each sentence, and how relations are shown on the command line.

:class:`SentenceExplanation` lists a sentence's actors (with the part each
plays), its cues (with their modifiers), every link a cue made (the rule, the
dependency arcs from the cue to each actor, and the outcome), every pair of
actors that was *not* linked and why, and the relations drawn.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from netviz.errors import NetvizError
from netviz.model import KINDS, Article, Evidence, Relation, relation_record
from netviz.table import format_table

# The columns of relations_csv: the fields of the public relation record, in its order.
_RECORD_FIELDS = tuple(relation_record(Relation("A", "B", 1, KINDS[0], 0.0, date(2000, 1, 1), "extracted",
                                                Evidence("", ""))))


@dataclass(frozen=True)
class ActorFound:
    """An actor mention in a sentence and the part it plays.

    ``role`` is ``actor`` (can be one side of a relation), ``location`` ("in
    Syria", "the Syrian town of"), ``modifier`` ("Russian-backed"),
    ``organisation`` (part of a name such as "Atlantic Council") or
    ``dateline``. ``start``/``end`` index the sentence.
    """

    actor: str
    text: str
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class CueFound:
    """A cue phrase matched in a sentence, with the modifiers that govern it."""

    cue: str
    family: str
    kind: str
    start: int
    end: int
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkFound:
    """What one cue linked, or one pair of actors that no cue linked.

    ``outcome`` is ``"relation"`` or the reason none was drawn ("negated",
    "self relation", "no actor on the other side", ...); ``arcs`` are the
    dependency arcs from the cue to each side ("nsubj(attacked, jets) +
    amod(jets, Russian) | dobj(attacked, positions)").
    """

    cue: str
    rule: str
    a: str | None
    b: str | None
    outcome: str
    arcs: str = ""


@dataclass(frozen=True)
class SentenceExplanation:
    """Everything the extractor saw in one sentence (``number`` counts from 1)."""

    number: int
    start: int
    end: int
    text: str
    actors: tuple[ActorFound, ...]
    cues: tuple[CueFound, ...]
    links: tuple[LinkFound, ...]
    relations: tuple[Relation, ...]
    reason: str


def relations_table(relations: Sequence[Relation]) -> str:
    """A plain-text table of relations for the command line: one row per relation.

    >>> from datetime import date
    >>> ev = Evidence("Russia backs Syria.", "back", article="a1", rule="subject-object")
    >>> rel = Relation("RUS", "SYR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev, 0.9)
    >>> print(relations_table([rel]))
    date        article  source  sign  target  kind                  intensity  confidence  cue   rule
    ----------  -------  ------  ----  ------  --------------------  ---------  ----------  ----  --------------
    2017-01-08  a1       RUS     +     SYR     material_cooperation       7.00        0.90  back  subject-object
    """
    rows = [[r.date.isoformat(), r.evidence.article or "", r.a, "+" if r.sign > 0 else "-", r.b, r.kind,
             float(r.intensity), float(r.confidence), r.evidence.cue, r.evidence.rule] for r in relations]
    return format_table(["date", "article", "source", "sign", "target", "kind", "intensity", "confidence", "cue",
                         "rule"], rows)


def format_explanation(explanations: Sequence[SentenceExplanation]) -> str:
    """The explanations of :func:`explain_article` as readable text, one block per sentence.

    >>> from datetime import date
    >>> from netviz.extract import explain_article
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia backs Syria.")
    >>> print(format_explanation(explain_article(art, load_codebook())))
    [1] Russia backs Syria.
        actors: RUS 'Russia', SYR 'Syria'
        cues: back (aid, material_cooperation)
        back: RUS -> SYR by subject-object: relation
            arcs: nsubj(backs, Russia) | dobj(backs, Syria)
        relation: RUS + SYR material_cooperation, intensity 7, confidence 0.844
        => 1 relation
    """
    lines = []
    for e in explanations:
        lines.append(f"[{e.number}] {e.text}")
        if e.actors:
            lines.append("    actors: " + ", ".join(
                f"{a.actor} {a.text!r}" + (f" ({a.role})" if a.role != "actor" else "") for a in e.actors))
        if e.cues:
            lines.append("    cues: " + ", ".join(
                f"{c.cue} ({c.family}, {c.kind}" + (f"; {'; '.join(c.modifiers)}" if c.modifiers else "") + ")"
                for c in e.cues))
        for link in e.links:
            sides = f"{link.a or '?'} -> {link.b or '?'}" if link.a or link.b else "no actors"
            lines.append(f"    {link.cue}: {sides} by {link.rule}: {link.outcome}")
            if link.arcs:
                lines.append(f"        arcs: {link.arcs}")
        for r in e.relations:
            lines.append(f"    relation: {r.a} {'+' if r.sign > 0 else '-'} {r.b} {r.kind}, "
                         f"intensity {r.intensity:g}, confidence {r.confidence:g}")
        lines.append(f"    => {e.reason}")
    return "\n".join(lines)


def relations_csv(relations: Sequence[Relation]) -> str:
    """The relations as CSV text: a header, then one :func:`~netviz.model.relation_record` per row.

    >>> from datetime import date
    >>> ev = Evidence("Russia backs Syria.", "back", article="a1")
    >>> rel = Relation("RUS", "SYR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev)
    >>> relations_csv([rel]).splitlines()[1][:40]
    'a1,2017-01-08,RUS,SYR,+,material_coopera'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(_RECORD_FIELDS), lineterminator="\n")
    writer.writeheader()
    for rel in relations:
        writer.writerow(relation_record(rel))
    return out.getvalue()


def find_article(articles: Sequence[Article], key: str) -> Article:
    """The article whose id or file name is ``key``.

    Raises
    ------
    NetvizError
        If none matches; the message lists the article ids there are.

    >>> from datetime import date
    >>> find_article([Article("a1", date(2017, 1, 8), "t", "s", "x")], "a1").id
    'a1'
    """
    for art in articles:
        if key in (art.id, art.path.name if art.path else None):
            return art
    ids = ", ".join(a.id for a in articles) or "none"
    raise NetvizError(f"no article {key!r}; the articles are: {ids}")
