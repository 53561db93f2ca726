"""The plain values every stage passes on: articles, evidence and relations.

Dates are :class:`datetime.date`. Relations are directed as stated (``a`` acts
on ``b``) but snapshots treat the dyad as undirected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: CAMEO quad classes, in CAMEO's order (QuadClass 1..4).
KINDS = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)
#: Where a relation came from.
ORIGINS = ("extracted", "curated", "gdelt", "icews")


def kind_sign(kind: str) -> int:
    """The sign a quad class implies: +1 for cooperation, -1 for conflict.

    >>> kind_sign("material_conflict")
    -1
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return 1 if kind.endswith("cooperation") else -1


@dataclass(frozen=True)
class Article:
    """One dated news article; ``id`` is the file stem."""

    id: str
    date: date
    title: str
    source: str
    text: str
    url: str | None = None
    path: Path | None = None


@dataclass(frozen=True)
class Evidence:
    """What a relation rests on.

    For an extracted relation: the article, the sentence, the sentence's
    character span ``[start, end)`` in ``Article.text``, the cue phrase that
    fired and the rule that linked the two actors. For curated or imported
    relations, ``sentence`` holds the citation or event text and ``cue`` the
    event code; ``article`` may be ``None``.
    """

    sentence: str
    cue: str
    article: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    #: span of the cue inside ``sentence`` (for highlighting), if known
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True)
class Relation:
    """One piece of evidence that actor ``a`` cooperates with (+1) or opposes (-1) ``b``.

    ``intensity`` is a Goldstein-like magnitude in [0, 10]; ``confidence`` in
    [0, 1] scales it in snapshot weights. Curated relations carry
    ``valid_from``/``valid_to`` (``valid_to`` ``None`` = still valid).
    """

    a: str
    b: str
    sign: int
    kind: str
    intensity: float
    date: date
    origin: str
    evidence: Evidence
    confidence: float = 1.0
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if self.a == self.b:
            raise ValueError(f"an actor cannot relate to itself: {self.a}")
        if self.sign not in (1, -1):
            raise ValueError(f"sign must be +1 or -1, not {self.sign!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown origin {self.origin!r}")

    @property
    def dyad(self) -> tuple[str, str]:
        """The undirected pair, sorted: ``("RUS", "TUR")``."""
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)

    @property
    def weight(self) -> float:
        """What this relation adds to its tie's weight: intensity x confidence."""
        return self.intensity * self.confidence


def relation_record(rel: Relation) -> dict:
    """The public jsonl record of a relation (documented in the README; keep stable).

    >>> from datetime import date
    >>> ev = Evidence(sentence="Russia backs Syria.", cue="back", article="a1", start=0, end=19)
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, date(2017, 1, 8), "extracted", ev)
    >>> rec = relation_record(r)
    >>> rec["source"], rec["target"], rec["sign"], rec["date"]
    ('RUS', 'SYR', '+', '2017-01-08')
    """
    ev = rel.evidence
    return {
        "article": ev.article,
        "date": rel.date.isoformat(),
        "source": rel.a,
        "target": rel.b,
        "sign": "+" if rel.sign > 0 else "-",
        "kind": rel.kind,
        "intensity": rel.intensity,
        "confidence": rel.confidence,
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "cue": ev.cue,
        "rule": ev.rule,
        "origin": rel.origin,
        "title": ev.title,
        "outlet": ev.outlet,
        "url": ev.url,
        "cue_start": ev.cue_start,
        "cue_end": ev.cue_end,
        "valid_from": rel.valid_from.isoformat() if rel.valid_from else None,
        "valid_to": rel.valid_to.isoformat() if rel.valid_to else None,
    }


def relation_from_record(rec: dict) -> Relation:
    """The inverse of :func:`relation_record` (for caches and users' jsonl files).

    >>> ev = Evidence(sentence="Russia backs Syria.", cue="back", article="a1", start=0, end=19)
    >>> r = Relation("RUS", "SYR", 1, "material_cooperation", 6.0, date(2017, 1, 8), "extracted", ev)
    >>> relation_from_record(relation_record(r)) == r
    True
    """
    evidence = Evidence(
        sentence=rec["sentence"],
        cue=rec["cue"],
        article=rec.get("article"),
        start=rec.get("start"),
        end=rec.get("end"),
        rule=rec.get("rule") or "",
        title=rec.get("title"),
        outlet=rec.get("outlet"),
        url=rec.get("url"),
        cue_start=rec.get("cue_start"),
        cue_end=rec.get("cue_end"),
    )
    valid_from, valid_to = rec.get("valid_from"), rec.get("valid_to")
    return Relation(
        a=rec["source"],
        b=rec["target"],
        sign=1 if rec["sign"] == "+" else -1,
        kind=rec["kind"],
        intensity=rec["intensity"],
        date=date.fromisoformat(rec["date"]),
        origin=rec["origin"],
        evidence=evidence,
        confidence=rec.get("confidence", 1.0),
        valid_from=date.fromisoformat(valid_from) if valid_from else None,
        valid_to=date.fromisoformat(valid_to) if valid_to else None,
    )
