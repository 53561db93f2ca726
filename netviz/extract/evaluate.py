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

Reliability (is a confidence of c right about c of the time?): every distinct
pair extracted from a gold article, whatever its confidence, is taken at its
highest confidence and put in a bin of width 0.1. Each bin gives its pairs'
precision beside their mean confidence, and the scores of everything at or
above the bin's lower edge, i.e. what ``min_confidence`` set to that edge
would score. The found threshold the table chooses is the edge of the highest F1;
the supported threshold is the lowest edge whose pairs are at least
``target_precision`` right: the most recall the precision floor allows.
The calibration error is the pair-weighted mean gap between a bin's
precision and its mean confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from netviz.errors import NetvizError
from netviz.extract import FOUND_CONFIDENCE
from netviz.ingest.yamlfile import LINE, check_fields, load_yaml, where
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
class ReliabilityBin:
    """The extracted pairs whose highest confidence is in ``[low, high)`` (the top bin includes 1.0).

    ``above_*`` count every pair at or above ``low``: the scores
    ``min_confidence=low`` would give.
    """

    low: float
    high: float
    pairs: int
    correct: int
    mean_confidence: float
    above_pairs: int
    above_correct: int
    above_recalled: int
    required: int

    @property
    def precision(self) -> float:
        """Share of this bin's pairs that are required or acceptable (0.0 for an empty bin)."""
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def above_precision(self) -> float:
        """Precision of all pairs at or above ``low`` (1.0 when there are none)."""
        return self.above_correct / self.above_pairs if self.above_pairs else 1.0

    @property
    def above_recall(self) -> float:
        """Recall of all pairs at or above ``low``."""
        return self.above_recalled / self.required if self.required else 1.0

    @property
    def above_f1(self) -> float:
        """F1 of all pairs at or above ``low``."""
        return _f1(self.above_precision, self.above_recall)


@dataclass(frozen=True)
class Reliability:
    """Precision by confidence bin, highest bin first, and the threshold it supports."""

    bins: tuple[ReliabilityBin, ...]
    target_precision: float

    @property
    def supported_threshold(self) -> float | None:
        """The lowest bin edge whose pairs at or above it reach ``target_precision`` (``None`` if no edge does)."""
        edges = [b.low for b in self.bins if b.above_pairs and b.above_precision >= self.target_precision]
        return min(edges) if edges else None

    @property
    def best_f1_threshold(self) -> float | None:
        """The bin edge whose pairs at or above it score the highest F1 (the higher edge on a tie; ``None``
        when no edge recalls a required pair): the found threshold this table chooses."""
        best = max(self.bins, key=lambda b: (round(b.above_f1, 6), b.low), default=None)
        return best.low if best is not None and best.above_recalled else None

    @property
    def calibration_error(self) -> float:
        """Pair-weighted mean of ``|precision - mean confidence|`` over the bins (0 is perfect)."""
        total = sum(b.pairs for b in self.bins)
        return sum(b.pairs * abs(b.precision - b.mean_confidence) for b in self.bins) / total if total else 0.0


#: Width of a reliability bin.
BIN_WIDTH = 0.1
#: The precision the supported threshold must reach (issue 12's floor for the dev gold).
TARGET_PRECISION = 0.85


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
    #: precision by confidence bin over every extracted pair (see :func:`reliability`)
    reliability: Reliability = Reliability((), TARGET_PRECISION)

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


def reliability(
    best: Mapping[str, Mapping[Pair, float]],
    gold: Gold,
    target_precision: float = TARGET_PRECISION,
) -> Reliability:
    """Bin every extracted pair by its highest confidence and score each bin.

    ``best`` maps a gold article id to its extracted pairs and their highest
    confidence (all of them, below any threshold too).

    >>> g = Gold(Path("g.yaml"), {"a.txt": GoldArticle("a.txt", frozenset({(("RUS", "TUR"), 1)}), frozenset())})
    >>> r = reliability({"a": {(("RUS", "TUR"), 1): 0.92, (("RUS", "SYR"), 1): 0.55}}, g)
    >>> [(b.low, b.pairs, b.precision, b.above_pairs, b.above_recall) for b in r.bins]
    [(0.9, 1, 1.0, 1, 1.0), (0.5, 1, 0.0, 2, 1.0)]
    >>> r.supported_threshold, round(r.calibration_error, 3)
    (0.9, 0.315)
    """
    ids = {g.id: g for g in gold.articles.values()}
    required = sum(len(g.required) for g in ids.values())
    top = round(1 / BIN_WIDTH) - 1
    binned: dict[int, list[tuple[float, bool, bool]]] = {}
    for gid, pairs in best.items():
        g = ids[gid]
        for pair, confidence in pairs.items():
            index = min(int(confidence / BIN_WIDTH + 1e-9), top)
            binned.setdefault(index, []).append((confidence, pair in g.required | g.acceptable, pair in g.required))
    bins = []
    above = [0, 0, 0]
    for index in sorted(binned, reverse=True):
        rows = binned[index]
        correct = sum(ok for _, ok, _ in rows)
        above = [above[0] + len(rows), above[1] + correct, above[2] + sum(req for _, _, req in rows)]
        bins.append(ReliabilityBin(round(index * BIN_WIDTH, 2), round((index + 1) * BIN_WIDTH, 2), len(rows), correct,
                                   sum(c for c, _, _ in rows) / len(rows), *above, required))
    return Reliability(tuple(bins), target_precision)


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
    check_fields(doc, {"articles": "mapping"}, path, "a gold file")
    articles: dict[str, GoldArticle] = {}
    for name, entry in doc["articles"].items():
        if name == LINE:
            continue
        name = str(name)
        if not isinstance(entry, dict):
            raise NetvizError(f"{where(path, doc['articles'])}: article {name!r} must map to required/acceptable lists")
        check_fields(entry, {"required": "list", "acceptable": "list", "date": "date"}, path, f"gold article {name!r}")
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
    target_precision: float = TARGET_PRECISION,
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
    target_precision:
        The precision the reliability table's supported threshold must reach.

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
    best: dict[str, dict[Pair, float]] = {g: {} for g in ids}
    for rel in relations:
        article = rel.evidence.article
        if article not in found:
            continue
        pair = _pair(rel.a, rel.b, rel.sign)
        best[article][pair] = max(best[article].get(pair, 0.0), rel.confidence)
        if rel.confidence >= min_confidence:
            found[article].setdefault(pair, rel)
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
    return Evaluation(tuple(scores), min_confidence, gold.unknown, reliability(best, gold, target_precision))


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
        "reliability": reliability_record(ev.reliability),
    }


def reliability_record(rel: Reliability) -> dict:
    """The reliability table as JSON-ready values."""
    return {
        "bin_width": BIN_WIDTH,
        "target_precision": rel.target_precision,
        "supported_threshold": rel.supported_threshold,
        "best_f1_threshold": rel.best_f1_threshold,
        "calibration_error": round(rel.calibration_error, 4),
        "bins": [{"low": b.low, "high": b.high, "pairs": b.pairs, "correct": b.correct,
                  "precision": round(b.precision, 4), "mean_confidence": round(b.mean_confidence, 4),
                  "at_or_above": {"pairs": b.above_pairs, "correct": b.above_correct, "recalled": b.above_recalled,
                                  "precision": round(b.above_precision, 4), "recall": round(b.above_recall, 4),
                                  "f1": round(b.above_f1, 4)}}
                 for b in rel.bins],
    }


def format_reliability(rel: Reliability, min_confidence: float) -> str:
    """The reliability table, the calibration error and the thresholds the table chooses and supports.

    >>> g = Gold(Path("g.yaml"), {"a.txt": GoldArticle("a.txt", frozenset({(("RUS", "TUR"), 1)}), frozenset())})
    >>> print(format_reliability(reliability({"a": {(("RUS", "TUR"), 1): 0.92, (("RUS", "SYR"), 1): 0.55}}, g), 0.5))
    confidence  pairs  correct  precision  mean confidence  pairs >= low  precision >= low  recall >= low  f1 >= low
    ----------  -----  -------  ---------  ---------------  ------------  ----------------  -------------  ---------
    0.90-1.00       1        1       1.00             0.92             1              1.00           1.00       1.00
    0.50-0.60       1        0       0.00             0.55             2              0.50           1.00       0.67
    calibration error 0.32 (pair-weighted mean |precision - mean confidence|; 0 is perfect)
    found threshold chosen: 0.90 (the highest F1); supported: 0.90 (pairs at or above it are at least 85% right); in use: 0.50
    """
    rows = [[f"{b.low:.2f}-{b.high:.2f}", b.pairs, b.correct, b.precision, b.mean_confidence, b.above_pairs,
             b.above_precision, b.above_recall, b.above_f1] for b in rel.bins]
    table = format_table(["confidence", "pairs", "correct", "precision", "mean confidence", "pairs >= low",
                          "precision >= low", "recall >= low", "f1 >= low"], rows)
    threshold = rel.supported_threshold
    target = f"{rel.target_precision:.0%}"
    supported = (f"{threshold:.2f} (pairs at or above it are at least {target} right)" if threshold is not None
                 else f"none (no confidence edge keeps pairs at least {target} right)")
    calibration = (f"calibration error {rel.calibration_error:.2f} "
                   "(pair-weighted mean |precision - mean confidence|; 0 is perfect)")
    best = rel.best_f1_threshold
    chosen = f"{best:.2f} (the highest F1)" if best is not None else "none (no edge recalls a required pair)"
    return "\n".join([table, calibration, f"found threshold chosen: {chosen}; supported: {supported}; "
                                          f"in use: {min_confidence:.2f}"])


def format_evaluation(ev: Evaluation) -> str:
    """Scores per article and micro-averaged, each article's missed and false pairs, then the reliability table.

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
    <BLANKLINE>
    reliability: every extracted pair at its highest confidence
    confidence  pairs  correct  precision  mean confidence  pairs >= low  precision >= low  recall >= low  f1 >= low
    ----------  -----  -------  ---------  ---------------  ------------  ----------------  -------------  ---------
    0.90-1.00       1        0       0.00             1.00             1              0.00           0.00       0.00
    calibration error 1.00 (pair-weighted mean |precision - mean confidence|; 0 is perfect)
    found threshold chosen: none (no edge recalls a required pair); supported: none (no confidence edge keeps pairs at least 85% right); in use: 0.50
    """
    rows = [[a.name, a.found, a.correct, a.required, a.recalled, a.precision, a.recall, a.f1] for a in ev.articles]
    rows.append(["micro", ev.found, ev.correct, ev.required, ev.recalled, ev.precision, ev.recall, ev.f1])
    lines = [format_table(["article", "found", "correct", "required", "recalled", "precision", "recall", "f1"], rows)]
    for a in ev.articles:
        if not a.missed and not a.false:
            continue
        lines += ["", a.name]
        for x, y, s in a.missed:
            lacking = [a for a in (x, y) if a in ev.unknown]
            note = f"  ({', '.join(lacking)} not in the codebook)" if lacking else ""
            lines.append(f"  missed: {x} {'+' if s > 0 else '-'} {y}{note}")
        for f in a.false:
            lines.append(f"  false:  {f.a} {'+' if f.sign > 0 else '-'} {f.b}  ({f.cue}, {f.rule}, "
                         f"confidence {f.confidence:.2f}) \"{f.sentence}\"")
    if ev.reliability.bins:
        lines += ["", "reliability: every extracted pair at its highest confidence",
                  format_reliability(ev.reliability, ev.min_confidence)]
    return "\n".join(lines)
