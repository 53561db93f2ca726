"""Scoring extracted relations against hand-annotated gold relations.

A gold file (the format of ``shared/seeds/gold.yaml``)::

    articles:
      000_3ca1ba2eb6418f92.txt:        # article file name (or its stem, the article id)
        date: 2017-03-08               # optional
        required:                      # stated plainly: recall is measured on these
          - [USA, RUS, "+"]
        acceptable:                    # defensible readings: not errors when found
          - [USA, RUS, "-"]

Scoring, per article: ``found`` is the set of distinct (undirected dyad, sign)
pairs among the extracted relations whose confidence is at least
``min_confidence`` (default :data:`netviz.extract.FOUND_CONFIDENCE`, so hedged
statements do not count as findings). Then::

    precision = |found & (required | acceptable)| / |found|
    recall    = |found & required| / |required|

and the corpus scores are micro-averaged (counts summed over articles).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from netviz.errors import NetvizError
from netviz.extract import FOUND_CONFIDENCE
from netviz.ingest.yamlfile import LINE, load_yaml, where
from netviz.model import Article, Relation
from netviz.table import format_table

#: An undirected, signed pair: (("RUS", "TUR"), -1).
Pair = tuple[tuple[str, str], int]


def _pair(a: str, b: str, sign: int) -> Pair:
    return ((a, b) if a <= b else (b, a), sign)


@dataclass(frozen=True)
class GoldArticle:
    """The gold relations of one article; ``name`` is the key used in the gold file."""

    name: str
    required: frozenset[Pair]
    acceptable: frozenset[Pair]
    date: date | None = None

    @property
    def id(self) -> str:
        """The article id the name stands for: the file name without its suffix."""
        return Path(self.name).stem if Path(self.name).suffix in (".txt", ".md") else self.name


@dataclass(frozen=True)
class Gold:
    """A loaded gold file: its articles by name."""

    path: Path
    articles: Mapping[str, GoldArticle]
    #: ids the gold names that the codebook given to :func:`load_gold` lacks:
    #: no extractor can find their pairs, so they count as misses
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class FalseRelation:
    """A found pair that is in neither list, with the sentence that produced it."""

    a: str
    b: str
    sign: int
    sentence: str
    cue: str
    rule: str
    confidence: float


class _Rates:
    """Precision, recall and F1 from ``found``, ``correct``, ``required`` and ``recalled`` counts."""

    found: int
    correct: int
    required: int
    recalled: int

    @property
    def precision(self) -> float:
        """Share of found pairs that are required or acceptable (1.0 when nothing was found)."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of required pairs found (1.0 when nothing is required)."""
        return self.recalled / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class ArticleScore(_Rates):
    """Counts and errors for one article."""

    name: str
    found: int
    correct: int
    required: int
    recalled: int
    missed: tuple[tuple[str, str, int], ...]
    false: tuple[FalseRelation, ...]


@dataclass(frozen=True)
class Evaluation(_Rates):
    """Micro-averaged scores over all gold articles (counts summed, then rates), and each article's own."""

    articles: tuple[ArticleScore, ...]
    min_confidence: float
    #: gold ids the codebook lacks (see :attr:`Gold.unknown`)
    unknown: tuple[str, ...] = ()

    @property
    def found(self) -> int:
        """Distinct found pairs, summed over articles."""
        return sum(a.found for a in self.articles)

    @property
    def correct(self) -> int:
        """Found pairs that are required or acceptable."""
        return sum(a.correct for a in self.articles)

    @property
    def required(self) -> int:
        """Required pairs."""
        return sum(a.required for a in self.articles)

    @property
    def recalled(self) -> int:
        """Required pairs found."""
        return sum(a.recalled for a in self.articles)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path, known_actors: Iterable[str] | None = None) -> Gold:
    """Read a gold file (see the module docstring for the format).

    Parameters
    ----------
    path:
        The gold YAML file.
    known_actors:
        The codebook's actor ids. Gold written by another annotator may name
        actors the codebook lacks: they are kept (their pairs count as
        misses) and listed in ``Gold.unknown`` so the caller can warn.

    Raises
    ------
    NetvizError
        For malformed YAML, a missing ``articles`` mapping, an entry that is
        not ``[A, B, "+"|"-"]`` or an actor related to itself; the message
        names the file, line and entry.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "gold.yaml"
    >>> _ = p.write_text('articles:\\n  a1.txt:\\n    required:\\n      - [RUS, TUR, "+"]\\n')
    >>> g = load_gold(p)
    >>> g.articles["a1.txt"].required, g.articles["a1.txt"].id
    (frozenset({(('RUS', 'TUR'), 1)}), 'a1')
    >>> load_gold(p, known_actors={"RUS"}).unknown
    ('TUR',)
    """
    path = Path(path)
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("articles"), dict):
        raise NetvizError(f"{path}: a gold file needs an 'articles:' mapping of file name -> required/acceptable lists")
    articles: dict[str, GoldArticle] = {}
    for name, entry in doc["articles"].items():
        if name == LINE:
            continue
        name = str(name)
        if not isinstance(entry, dict):
            raise NetvizError(f"{where(path, doc['articles'])}: article {name!r} must map to required/acceptable lists")
        unknown = set(entry) - {"required", "acceptable", "date", LINE}
        if unknown:
            raise NetvizError(f"{where(path, entry)}: article {name!r}: unknown field {sorted(unknown)[0]!r}; "
                              "use required, acceptable and date")
        when = entry.get("date")
        if when is not None and not isinstance(when, date):
            try:
                when = date.fromisoformat(str(when))
            except ValueError:
                raise NetvizError(f"{where(path, entry)}: article {name!r}: date {when!r} is not YYYY-MM-DD") from None
        lists = {key: _relations(path, entry, name, key, entry.get(key)) for key in ("required", "acceptable")}
        articles[name] = GoldArticle(name, lists["required"], lists["acceptable"], when)
    named = {x for g in articles.values() for (a, b), _ in g.required | g.acceptable for x in (a, b)}
    unknown = () if known_actors is None else tuple(sorted(named - set(known_actors)))
    return Gold(path, articles, unknown)


def unknown_warning(gold: Gold) -> str | None:
    """One line naming the gold's ids the codebook lacks, or ``None`` when there are none.

    >>> print(unknown_warning(Gold(Path("gold.yaml"), {}, ("EGYOPP", "VENOPP"))))
    gold.yaml names 2 actor ids the codebook lacks (their pairs count as misses; add them with --actors FILE): EGYOPP, VENOPP
    """
    if not gold.unknown:
        return None
    return (f"{gold.path} names {len(gold.unknown)} actor id{'s' * (len(gold.unknown) != 1)} the codebook lacks "
            f"(their pairs count as misses; add them with --actors FILE): {', '.join(gold.unknown)}")


def _relations(path: Path, entry: dict, name: str, key: str, items: Any) -> frozenset[Pair]:
    if items is None:
        return frozenset()
    if not isinstance(items, list):
        raise NetvizError(f"{where(path, entry)}: article {name!r}: '{key}' must be a list of [A, B, \"+\"|\"-\"]")
    out = set()
    for item in items:
        shown = f"{name}.{key} entry {item!r}"
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
            raise NetvizError(f"{where(path, entry)}: {shown} must be [ACTOR_A, ACTOR_B, \"+\" or \"-\"]")
        a, b, sign = item
        if sign not in ("+", "-"):
            raise NetvizError(f"{where(path, entry)}: {shown}: sign {sign!r} must be \"+\" or \"-\" (quoted)")
        if a == b:
            raise NetvizError(f"{where(path, entry)}: {shown}: an actor cannot relate to itself")
        out.add(_pair(a, b, 1 if sign == "+" else -1))
    return frozenset(out)


def evaluate(
    relations: Iterable[Relation],
    gold: Gold,
    articles: Iterable[Article] | None = None,
    min_confidence: float = FOUND_CONFIDENCE,
) -> Evaluation:
    """Score relations against a gold file, micro-averaged over its articles.

    Parameters
    ----------
    relations:
        Extracted relations; each names its article in ``evidence.article``.
        Relations of articles the gold file does not list are ignored.
    gold:
        From :func:`load_gold`.
    articles:
        The articles that were read. When given, every gold article must be
        one of them (matched by file name or id).
    min_confidence:
        Relations below it are not counted as found.

    Raises
    ------
    NetvizError
        If ``articles`` is given and a gold article is not among them.

    Examples
    --------
    >>> from datetime import date
    >>> from netviz.model import Evidence
    >>> ev = Evidence("Russia backs Turkey.", "back", article="a1")
    >>> rel = Relation("RUS", "TUR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev)
    >>> g = Gold(Path("g.yaml"), {"a1.txt": GoldArticle("a1.txt", frozenset({(("RUS", "TUR"), 1),
    ...                                                                   (("RUS", "SYR"), 1)}), frozenset())})
    >>> e = evaluate([rel], g)
    >>> e.precision, e.recall, e.articles[0].missed
    (1.0, 0.5, (('RUS', 'SYR', 1),))
    """
    ids = {g.id: g for g in gold.articles.values()}
    if articles is not None:
        seen = {a.id: a for a in articles}
        names = {a.path.name: a.id for a in seen.values() if a.path is not None}
        for g in gold.articles.values():
            if g.name not in names and g.id not in seen:
                available = ", ".join(sorted(names or seen)) or "none"
                raise NetvizError(f"{gold.path}: gold article {g.name!r} is not among the articles read; "
                                  f"the articles are: {available}")
    found: dict[str, dict[Pair, Relation]] = {g: {} for g in ids}
    for rel in relations:
        article = rel.evidence.article
        if article in found and rel.confidence >= min_confidence:
            found[article].setdefault(_pair(rel.a, rel.b, rel.sign), rel)
    scores = []
    for gid, g in ids.items():
        pairs = found[gid]
        good = g.required | g.acceptable
        false = tuple(
            FalseRelation(a, b, sign, r.evidence.sentence, r.evidence.cue, r.evidence.rule, r.confidence)
            for ((a, b), sign), r in sorted(pairs.items()) if ((a, b), sign) not in good
        )
        missed = tuple((a, b, sign) for (a, b), sign in sorted(g.required - pairs.keys()))
        scores.append(ArticleScore(g.name, len(pairs), len(pairs.keys() & good), len(g.required),
                                   len(pairs.keys() & g.required), missed, false))
    return Evaluation(tuple(scores), min_confidence, gold.unknown)


def evaluation_record(ev: Evaluation) -> dict:
    """The evaluation as plain JSON-ready values (for ``netviz evaluate --format json``)."""

    def scores(x: ArticleScore | Evaluation) -> dict:
        return {"found": x.found, "correct": x.correct, "required": x.required, "recalled": x.recalled,
                "precision": round(x.precision, 4), "recall": round(x.recall, 4), "f1": round(x.f1, 4)}

    return {
        "min_confidence": ev.min_confidence,
        "unknown_actors": list(ev.unknown),
        "micro": scores(ev),
        "articles": [
            {"article": a.name, **scores(a),
             "missed": [[x, y, "+" if s > 0 else "-"] for x, y, s in a.missed],
             "false": [{"pair": [f.a, f.b, "+" if f.sign > 0 else "-"], "sentence": f.sentence, "cue": f.cue,
                        "rule": f.rule, "confidence": f.confidence} for f in a.false]}
            for a in ev.articles
        ],
    }


def format_evaluation(ev: Evaluation) -> str:
    """Scores per article and micro-averaged, then each article's missed and false pairs.

    >>> from datetime import date
    >>> from netviz.model import Evidence
    >>> ev = Evidence("Russia backs Turkey.", "back", article="a1", rule="subject-object")
    >>> rel = Relation("RUS", "TUR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev)
    >>> g = Gold(Path("g.yaml"), {"a1.txt": GoldArticle("a1.txt", frozenset({(("RUS", "SYR"), 1)}), frozenset())})
    >>> print(format_evaluation(evaluate([rel], g)))
    article  found  correct  required  recalled  precision  recall    f1
    -------  -----  -------  --------  --------  ---------  ------  ----
    a1.txt       1        0         1         0       0.00    0.00  0.00
    micro        1        0         1         0       0.00    0.00  0.00
    <BLANKLINE>
    a1.txt
      missed: RUS + SYR
      false:  RUS + TUR  (back, subject-object, confidence 1.00) "Russia backs Turkey."
    """
    rows = [[a.name, a.found, a.correct, a.required, a.recalled, a.precision, a.recall, a.f1] for a in ev.articles]
    rows.append(["micro", ev.found, ev.correct, ev.required, ev.recalled, ev.precision, ev.recall, ev.f1])
    lines = [format_table(["article", "found", "correct", "required", "recalled", "precision", "recall", "f1"], rows)]
    for a in ev.articles:
        if not a.missed and not a.false:
            continue
        lines += ["", a.name]
        for x, y, s in a.missed:
            lines.append(f"  missed: {x} {'+' if s > 0 else '-'} {y}")
        for f in a.false:
            lines.append(f"  false:  {f.a} {'+' if f.sign > 0 else '-'} {f.b}  ({f.cue}, {f.rule}, "
                         f"confidence {f.confidence:.2f}) \"{f.sentence}\"")
    return "\n".join(lines)
