"""Precision of extraction on real articles nobody here annotated: a fixed sample, judged by hand.

The dev gold says how netviz does on 26 articles its rules were tuned
against; this audit says how it does on articles no one tuned anything to.

- **Sample**: the ``--size`` (default 100) articles of ``../shared/corpus/real/``
  whose file names have the smallest sha256 (of the UTF-8 name). Chosen
  without reading them, fixed while the corpus is, and spread over the
  years and outlets as the corpus is. Once verdicts on a sample have been
  used to change netviz, that sample is development data: ``--skip N`` takes
  the next articles of the same ranking (sample A is ranks 1-100, sample B
  ``--skip 100``); the verdicts of both live in the one judgments file.
- **What is judged**: every relation the current netviz extracts from them at
  or above :data:`netviz.extract.FOUND_CONFIDENCE` (what a map shows as a
  finding), one per sentence, undirected pair and sign, as
  :func:`netviz.extract.extract_relations` gives them.
- **Judgments**: ``bench/results/audit_real.json``, keyed by (article file
  name, sha1 of the sentence, sorted actor pair, sign) with a verdict
  (right / wrong / unsure) and, for a wrong one, its cause from
  :data:`CAUSES`. No article text goes into the repository: a person reads
  the sentence with ``--todo`` and records the verdict with ``--record``.
  Judgments of relations the current netviz no longer extracts stay in the
  file (they are the history of earlier versions) and are counted apart.

Printed: judged precision overall (right / (right + wrong), unsure apart,
with a Wilson 95 % interval), per linking rule (the first part of the
evidence's rule) beside the rule's path confidence in
:mod:`netviz.extract.confidence`, per resolution it rests on (a pronoun or
description, a generic actor, the article's implied main actor), per
confidence bin (is the confidence honest on unseen text?), the causes of the
wrong ones with example keys, and the relations not judged yet.

    python bench/audit_real.py [--size 100] [--skip 0] [--todo [--context]] [--record VERDICTS]

``--record`` reads lines ``ID VERDICT [CAUSE]`` (ID from ``--todo``; CAUSE one
of :data:`CAUSES`, required for ``wrong``) and adds those judgments to the file.
Figures go to ``bench/results/audit_real_figures.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netviz.errors import NetvizError  # noqa: E402
from netviz.extract import FOUND_CONFIDENCE  # noqa: E402
from netviz.extract.confidence import calibrate, path_confidence  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402
from netviz.model import Relation  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
JUDGMENTS = ROOT / "bench" / "results" / "audit_real.json"
FIGURES = ROOT / "bench" / "results" / "audit_real_figures.json"
SIZE = 100
VERDICTS = ("right", "wrong", "unsure")
#: Why a relation is wrong; one per wrong judgment (the first that applies, in this order).
CAUSES = {
    "actor misidentified": "a name read as the wrong actor (a US state as a country, Syrian Turkmen as Turkmenistan)",
    "pronoun resolved to wrong actor": "a pronoun or description stands for another actor than the one chosen",
    "generic resolved to wrong actor": "'rebels', 'the government' ... resolved through the wrong country",
    "implied actor wrong": "the article's main actor is not the one acting",
    "actor inside object": "one side is only named inside the cue's argument, not a party to it",
    "wrong pair attached": "the cue is there but relates other actors (or one of these with a third)",
    "hedged/hypothetical read as fact": "a possibility, proposal, question, demand or future read as done",
    "negated read as fact": "a denial, refusal or failure read as the act",
    "wrong sign": "the two are related, with the other sign",
    "not a relation": "the cue does not state cooperation or conflict between two actors here",
}
#: Width of a confidence bin (as ``netviz evaluate``'s reliability table).
BIN_WIDTH = 0.1
#: Pseudo-observations when a rule's judged precision is shrunk towards the overall one (as confidence.py).
SHRINK = 5
#: What a pair rests on when both sides are named in the sentence.
NAMED = "names only"
#: z of a two-sided 95 % interval.
Z = 1.96

#: (article file name, sha1 of the sentence, actor, actor (sorted), "+" or "-")
Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Judgment:
    """One reader's verdict on one relation."""

    verdict: str
    cause: str = ""


@dataclass(frozen=True)
class Found:
    """An extracted relation of the sample with its key."""

    key: Key
    relation: Relation

    @property
    def rule(self) -> str:
        """The linking rule (what :func:`netviz.extract.confidence.path_confidence` is keyed by)."""
        return self.relation.evidence.rule.split("; ")[0]

    @property
    def rests_on(self) -> str:
        """What the pair rests on beyond the parse: a pronoun or description, a generic actor, an implied one."""
        parts = self.relation.evidence.rule.split("; ")[1:]
        kinds = ["implied main actor" if p.startswith("implied:") else "generic actor" if p.startswith("generic ")
                 else "pronoun or description" if "' -> " in p else "" for p in parts]  # also "'we' -> speaker 'X'"
        return " + ".join(sorted({k for k in kinds if k})) or NAMED

    @property
    def id(self) -> str:
        """A short id for ``--todo`` and ``--record``."""
        return key_id(self.key)


def sentence_sha1(sentence: str) -> str:
    """The sha1 of a sentence's UTF-8 text (what a judgment is keyed by instead of the text)."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


def key_id(key: Key) -> str:
    """Eight hex digits naming a key, for a person to type."""
    return hashlib.sha1("\t".join(key).encode("utf-8")).hexdigest()[:8]


def sample(names: Iterable[str], size: int, skip: int = 0) -> list[str]:
    """The ``size`` names with the smallest sha256 of their UTF-8 text after the first ``skip`` (ties cannot
    happen between names).

    >>> sample(["a.txt", "b.txt", "c.txt"], 2), sample(["a.txt", "b.txt", "c.txt"], 2, skip=1)
    (['a.txt', 'c.txt'], ['c.txt', 'b.txt'])
    """
    return sorted(names, key=lambda n: hashlib.sha256(n.encode("utf-8")).hexdigest())[skip:skip + size]


def relation_key(file_name: str, rel: Relation) -> Key:
    """The key a judgment of ``rel`` (extracted from the article file ``file_name``) is stored under."""
    a, b = rel.dyad
    return (file_name, sentence_sha1(rel.evidence.sentence), a, b, "+" if rel.sign > 0 else "-")


def findings(relations: Iterable[Relation], files: Mapping[str, str]) -> list[Found]:
    """The relations at or above the found threshold, keyed (``files`` maps an article id to its file name);
    one per key, the most confident."""
    out: dict[Key, Found] = {}
    for rel in relations:
        if rel.confidence < FOUND_CONFIDENCE:
            continue
        key = relation_key(files[rel.evidence.article], rel)
        if key not in out or rel.confidence > out[key].relation.confidence:
            out[key] = Found(key, rel)
    return list(out.values())


def load_judgments(path: Path) -> dict[Key, Judgment]:
    """The judgments file as a mapping; a missing file is empty. Bad entries raise one-line errors."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise NetvizError(f"{path}: not JSON ({err.msg}, line {err.lineno}); fix or restore it from git") from None
    entries = data.get("judgments") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise NetvizError(f"{path}: expected an object with a 'judgments' list")
    out: dict[Key, Judgment] = {}
    for n, e in enumerate(entries):
        where = f"{path}: judgments[{n}]"
        try:
            key: Key = (e["article"], e["sentence_sha1"], *e["pair"], e["sign"])
            judgment = Judgment(e["verdict"], e.get("cause", ""))
        except (KeyError, TypeError) as err:
            raise NetvizError(f"{where}: missing field {err}; each entry needs article, sentence_sha1, pair, "
                              "sign, verdict") from None
        if len(key) != 5 or key[4] not in ("+", "-") or key[2] > key[3]:
            raise NetvizError(f"{where}: pair must be two sorted actor ids and sign '+' or '-'")
        check_judgment(judgment, where)
        if key in out:
            raise NetvizError(f"{where}: judged twice ({key[0]} {key[2]}-{key[3]} {key[4]}); keep one")
        out[key] = judgment
    return out


def check_judgment(j: Judgment, where: str) -> None:
    """Raise a one-line error unless ``j`` has a known verdict and, when wrong, a known cause."""
    if j.verdict not in VERDICTS:
        raise NetvizError(f"{where}: verdict {j.verdict!r} is not one of {', '.join(VERDICTS)}")
    if j.verdict == "wrong" and j.cause not in CAUSES:
        raise NetvizError(f"{where}: a wrong relation needs a cause, one of: {'; '.join(CAUSES)}")
    if j.verdict != "wrong" and j.cause:
        raise NetvizError(f"{where}: only a wrong relation has a cause")


def judgments_text(judgments: Mapping[Key, Judgment]) -> str:
    """The judgments file's text: sorted by key, one entry a line, so diffs show what a person judged."""
    lines = []
    for key in sorted(judgments):
        j = judgments[key]
        entry = {"article": key[0], "sentence_sha1": key[1], "pair": [key[2], key[3]], "sign": key[4],
                 "verdict": j.verdict, **({"cause": j.cause} if j.cause else {})}
        lines.append("    " + json.dumps(entry, ensure_ascii=False))
    head = ('{\n  "about": "One reader\'s verdicts on relations netviz extracted from a fixed sample of '
            '../shared/corpus/real (bench/audit_real.py; method in bench/README.md). No article text: '
            'keys are the file name, the sha1 of the sentence, the sorted pair and the sign.",\n'
            '  "judgments": [\n')
    return head + ",\n".join(lines) + "\n  ]\n}\n"


def parse_verdicts(lines: Iterable[str], where: str) -> dict[str, Judgment]:
    """``ID VERDICT [CAUSE]`` lines (blank lines and ``#`` comments skipped) by id.

    >>> parse_verdicts(["1a2b3c4d right", "", "# note", "5e6f7a8b wrong wrong sign"], "v.txt")
    {'1a2b3c4d': Judgment(verdict='right', cause=''), '5e6f7a8b': Judgment(verdict='wrong', cause='wrong sign')}
    """
    out = {}
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = text.split(None, 2)
        if len(parts) < 2:
            raise NetvizError(f"{where}, line {n}: expected 'ID VERDICT [CAUSE]'")
        judgment = Judgment(parts[1], parts[2] if len(parts) > 2 else "")
        check_judgment(judgment, f"{where}, line {n}")
        out[parts[0]] = judgment
    return out


def record(found: Sequence[Found], judgments: Mapping[Key, Judgment], verdicts: Mapping[str, Judgment],
           where: str) -> dict[Key, Judgment]:
    """``judgments`` with ``verdicts`` (by :func:`key_id`) added for the relations of ``found`` they name;
    an id that names none of them raises (a typo must not be lost silently)."""
    by_id = {f.id: f.key for f in found}
    unknown = sorted(set(verdicts) - set(by_id))
    if unknown:
        raise NetvizError(f"{where}: ids not among the relations extracted now: {', '.join(unknown)}")
    return {**judgments, **{by_id[i]: j for i, j in verdicts.items()}}


# --- counting ------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Verdict counts of a group of relations, and their mean confidence."""

    right: int = 0
    wrong: int = 0
    unsure: int = 0
    unjudged: int = 0
    confidence: float = 0.0  # sum over the judged (right or wrong) ones
    #: the sentences of the judged ones: relations read from one sentence share its fate (one long list
    #: wrongly paired gives ten wrong relations), so the interval counts sentences, not relations
    sentences: frozenset[tuple[str, str]] = frozenset()

    @property
    def judged(self) -> int:
        """Relations judged right or wrong (unsure ones are reported apart)."""
        return self.right + self.wrong

    @property
    def precision(self) -> float | None:
        """right / (right + wrong), None when nothing is judged."""
        return self.right / self.judged if self.judged else None

    @property
    def mean_confidence(self) -> float | None:
        """Mean confidence of the relations judged right or wrong."""
        return self.confidence / self.judged if self.judged else None

    def interval(self) -> tuple[float, float] | None:
        """Wilson 95 % interval of the precision, as if there were one observation per sentence (the
        design effect of relations clustered in sentences; never narrower than one per relation would give)."""
        if not self.judged:
            return None
        n = len(self.sentences) or self.judged
        return wilson(self.right / self.judged * n, n)

    def add(self, judgment: Judgment | None, confidence: float, sentence: tuple[str, str] = ("", "")) -> Tally:
        """This tally with one relation more (read from ``sentence``: article file name, sentence sha1)."""
        v = judgment.verdict if judgment else "unjudged"
        judged = v in ("right", "wrong")
        return Tally(self.right + (v == "right"), self.wrong + (v == "wrong"), self.unsure + (v == "unsure"),
                     self.unjudged + (v == "unjudged"), self.confidence + confidence * judged,
                     self.sentences | {sentence} if judged else self.sentences)


def wilson(k: float, n: float, z: float = Z) -> tuple[float, float] | None:
    """Wilson score interval for ``k`` successes in ``n`` trials.

    >>> [round(x, 3) for x in wilson(8, 10)]
    [0.49, 0.943]
    >>> wilson(0, 10)[0], wilson(10, 10)[1]
    (0.0, 1.0)
    """
    if not n:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(max(p * (1 - p), 0.0) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def confidence_bin(confidence: float) -> float:
    """The lower edge of a confidence's bin (the top bin holds 1.0).

    >>> confidence_bin(0.5), confidence_bin(0.949), confidence_bin(1.0)
    (0.5, 0.9, 0.9)
    """
    top = round(1 / BIN_WIDTH) - 1
    return round(min(int(confidence / BIN_WIDTH + 1e-9), top) * BIN_WIDTH, 2)


@dataclass(frozen=True)
class Audit:
    """The sample's findings counted against the judgments."""

    overall: Tally
    by_rule: dict[str, Tally]
    #: per rule, only the relations whose two sides are named (no pronoun, generic or implied actor, whose
    #: factors confidence.py does not own): what a path's confidence is compared with
    by_rule_named: dict[str, Tally]
    by_rests_on: dict[str, Tally]
    by_bin: dict[float, Tally]
    #: cause -> keys of the wrong relations
    causes: dict[str, list[Key]]
    unjudged: list[Found]
    #: judgments of relations the current netviz does not extract (earlier versions')
    stale: int
    #: sentences with a relation judged right or wrong, and their mean share of right ones: one long list
    #: wrongly paired can give ten wrong relations, so this says how much the overall figure rests on a few
    sentences: int = 0
    sentence_precision: float | None = None

    @property
    def calibration_error(self) -> float:
        """See :func:`calibration_error`."""
        return calibration_error(self.by_bin)


def calibration_error(by_bin: Mapping[float, Tally]) -> float:
    """Judged-weighted mean |precision - mean confidence| over the bins (as ``netviz evaluate``'s).

    >>> right, wrong = Judgment("right"), Judgment("wrong")
    >>> round(calibration_error({0.9: Tally().add(right, 0.9).add(wrong, 0.9), 0.5: Tally().add(right, 0.5)}), 3)
    0.433
    """
    total = sum(t.judged for t in by_bin.values())
    return sum(t.judged * abs(t.precision - t.mean_confidence) for t in by_bin.values() if t.judged) / total \
        if total else 0.0


def audit(found: Sequence[Found], judgments: Mapping[Key, Judgment]) -> Audit:
    """Count the verdicts of ``found`` overall, per rule, per resolution, per confidence bin and per cause."""
    overall = Tally()
    by_rule: dict[str, Tally] = defaultdict(Tally)
    by_named: dict[str, Tally] = defaultdict(Tally)
    by_sentence: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_rests: dict[str, Tally] = defaultdict(Tally)
    by_bin: dict[float, Tally] = defaultdict(Tally)
    causes: dict[str, list[Key]] = defaultdict(list)
    unjudged = []
    for f in sorted(found, key=lambda f: f.key):
        j, c, where = judgments.get(f.key), f.relation.confidence, f.key[:2]
        overall = overall.add(j, c, where)
        by_rule[f.rule] = by_rule[f.rule].add(j, c, where)
        if f.rests_on == NAMED:
            by_named[f.rule] = by_named[f.rule].add(j, c, where)
        by_sentence[where] = by_sentence[where].add(j, c, where)
        by_rests[f.rests_on] = by_rests[f.rests_on].add(j, c, where)
        by_bin[confidence_bin(c)] = by_bin[confidence_bin(c)].add(j, c, where)
        if j is None:
            unjudged.append(f)
        elif j.verdict == "wrong":
            causes[j.cause].append(f.key)
    stale = len(set(judgments) - {f.key for f in found})
    shares = [t.precision for t in by_sentence.values() if t.judged]
    return Audit(overall, dict(by_rule), dict(by_named), dict(by_rests), dict(sorted(by_bin.items(), reverse=True)),
                 dict(sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0]))), unjudged, stale,
                 len(shares), sum(shares) / len(shares) if shares else None)


def rule_check(rule: str, tally: Tally, overall: float) -> dict:
    """A rule's judged precision beside its path's confidence (its score through the calibration map, what
    a relation it links alone is given): shrunk towards ``overall`` by ``SHRINK`` pseudo-observations (as
    confidence.py; the observations are the rule's sentences, see :meth:`Tally.interval`) and whether the
    path's confidence lies outside the 95 % interval."""
    ci = tally.interval()
    conf = round(calibrate(path_confidence(rule)), 3)
    n = len(tally.sentences)
    shrunk = ((tally.precision or 0.0) * n + SHRINK * overall) / (n + SHRINK)
    return {"path_confidence": conf, "shrunk": round(shrunk, 3), "disagrees": bool(ci and not ci[0] <= conf <= ci[1])}


# --- running -------------------------------------------------------------------


def extract_sample(folder: Path, size: int, skip: int = 0) -> tuple[list[str], list[Found], dict[str, str]]:
    """The sample's file names, its findings and the articles' texts by file name."""
    from netviz.extract import extract_relations
    from netviz.ingest.actors import load_codebook
    from netviz.ingest.corpus import load_articles

    names = sample((p.name for p in folder.iterdir() if p.is_file()), size, skip)
    articles = load_articles([folder / n for n in names])
    files = {a.id: a.path.name for a in articles}
    relations = extract_relations(articles, load_codebook())
    return names, findings(relations, files), {a.path.name: a.text for a in articles}


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _row(name: str, t: Tally, extra: Sequence[str] = ()) -> list[str]:
    ci = t.interval()
    return [name, str(t.right + t.wrong + t.unsure + t.unjudged), str(t.right), str(t.wrong), str(t.unsure),
            str(t.unjudged), _pct(t.precision), "-" if ci is None else f"{ci[0]:.2f}-{ci[1]:.2f}", *extra]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    fmt = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)])


HEAD = ["", "found", "right", "wrong", "unsure", "unjudged", "precision", "95% (sentences)"]


def named_precision(a: Audit) -> float:
    """Judged precision of the relations whose two sides are named (what rules are shrunk towards)."""
    right = sum(t.right for t in a.by_rule_named.values())
    judged = sum(t.judged for t in a.by_rule_named.values())
    return right / judged if judged else 0.0


def report(a: Audit, size: int, skip: int = 0) -> str:
    """The printed report."""
    o = a.overall
    lenient = (o.right + o.unsure / 2) / (o.judged + o.unsure) if o.judged + o.unsure else None
    out = [f"audit of {size} real articles (ranked {skip + 1}-{skip + size} by sha256 of the file name), relations "
           f"at confidence >= "
           f"{FOUND_CONFIDENCE}", "", _table(HEAD, [_row("overall", o)]),
           f"unsure counted as half right: {_pct(lenient)}; each of the {a.sentences} sentences weighed once: "
           f"{_pct(a.sentence_precision)}; judgments of relations no longer extracted: {a.stale}", ""]
    p = named_precision(a)
    rows = []
    for rule, t in sorted(a.by_rule.items(), key=lambda kv: (-kv[1].judged, kv[0])):
        named = a.by_rule_named.get(rule, Tally())
        c = rule_check(rule, named, p)
        ci = named.interval()
        rows.append(_row(rule, t, [f"{named.right}/{named.judged} ({len(named.sentences)})", _pct(named.precision),
                                   "-" if ci is None else f"{ci[0]:.2f}-{ci[1]:.2f}", f"{c['path_confidence']:.2f}",
                                   f"{c['shrunk']:.2f}", "yes" if c["disagrees"] else ""]))
    out += ["per linking rule; 'named' counts only the relations with both sides named (no pronoun, generic or "
            "implied actor, which have factors of their own): their precision is what the rule's path confidence "
            f"in confidence.py claims; 'shrunk' is it shrunk towards the precision of all named relations ({p:.2f}) "
            f"by {SHRINK} pseudo-observations; 'outside' when the path confidence is outside the named 95% interval",
            _table([*HEAD, "named (sentences)", "named P", "named 95%", "path conf", "shrunk", "outside"], rows), ""]
    out += ["per what the pair rests on", _table([*HEAD, "mean conf"], [_row(k, t, [_pct(t.mean_confidence)])
                                                                     for k, t in sorted(a.by_rests_on.items())]), ""]
    out += ["per confidence bin (is the confidence honest on unseen text?)",
            _table([*HEAD, "mean conf"], [_row(f"{lo:.1f}-{lo + BIN_WIDTH:.1f}", t, [_pct(t.mean_confidence)])
                                          for lo, t in a.by_bin.items()]),
            f"calibration error {a.calibration_error:.2f} (judged-weighted mean |precision - mean confidence|)", ""]
    out += ["causes of the wrong ones"]
    for cause, keys in a.causes.items():
        first = list({k[:2]: k for k in reversed(keys)}.values())[::-1]  # one key per sentence
        examples = "; ".join(f"{k[0]} {k[2]}-{k[3]} {k[4]}" for k in first[:3])
        out.append(f"  {len(keys):3d} in {len(first):2d} sentences  {cause}  (e.g. {examples})")
    out += ["", f"not judged yet: {len(a.unjudged)} (python bench/audit_real.py --todo)"]
    return "\n".join(out)


def figures(a: Audit, size: int, commit: str, skip: int = 0) -> dict:
    """The figures as JSON-ready values."""
    p = named_precision(a)

    def tally(t: Tally) -> dict:
        ci = t.interval()
        return {"right": t.right, "wrong": t.wrong, "unsure": t.unsure, "unjudged": t.unjudged,
                "precision": None if t.precision is None else round(t.precision, 3),
                "interval95": None if ci is None else [round(ci[0], 3), round(ci[1], 3)],
                "mean_confidence": None if t.mean_confidence is None else round(t.mean_confidence, 3)}

    return {
        "netviz_commit": commit, "sample": size, "skip": skip, "min_confidence": FOUND_CONFIDENCE,
        "overall": tally(a.overall),
        "sentences": a.sentences,
        "sentence_precision": None if a.sentence_precision is None else round(a.sentence_precision, 3),
        "by_rule": {r: {**tally(t), "named": tally(a.by_rule_named.get(r, Tally())),
                        **rule_check(r, a.by_rule_named.get(r, Tally()), p)} for r, t in sorted(a.by_rule.items())},
        "by_rests_on": {k: tally(t) for k, t in sorted(a.by_rests_on.items())},
        "by_confidence_bin": {f"{lo:.1f}": tally(t) for lo, t in a.by_bin.items()},
        "calibration_error": round(a.calibration_error, 3),
        "causes": {c: [list(k) for k in keys] for c, keys in a.causes.items()},
        "stale_judgments": a.stale,
    }


def figures_text(fig: Mapping) -> str:
    """The figures as JSON, one rule, bin or cause a line (short diffs from one run to the next).

    >>> print(figures_text({"sample": 2, "by_rule": {"a": {"right": 1}, "b": {"right": 0}}}))
    {
     "sample": 2,
     "by_rule": {
      "a": {"right": 1},
      "b": {"right": 0}
     }
    }
    <BLANKLINE>
    """
    def value(v: object) -> str:
        if not isinstance(v, dict) or not v:
            return json.dumps(v, ensure_ascii=False)
        return "{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(x, ensure_ascii=False)}" for k, x in v.items()) + "\n }"

    return "{\n" + ",\n".join(f" {json.dumps(k)}: {value(v)}" for k, v in fig.items()) + "\n}\n"


def todo(items: Sequence[Found], texts: Mapping[str, str], context: bool) -> str:
    """The unjudged relations for a person: id, article, pair, sign, confidence, cue, rule, sentence."""
    out = []
    for f in items:
        r, ev = f.relation, f.relation.evidence
        out.append(f"[{f.id}] {f.key[0]}  {r.a} -> {r.b} {f.key[4]} ({r.kind}) conf {r.confidence:.2f}\n"
                   f"  cue: {ev.cue}   rule: {ev.rule}")
        if context and ev.start is not None:
            before = texts[f.key[0]][max(0, ev.start - 500):ev.start].replace("\n", " ")
            out.append(f"  before: ...{before}")
        out.append(f"  sentence: {ev.sentence}\n")
    return "\n".join(out)


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=REAL, help="folder of real articles")
    parser.add_argument("--size", type=int, default=SIZE, help="articles in the sample")
    parser.add_argument("--skip", type=int, default=0,
                        help="leave out the first SKIP of the ranking: a fresh sample once one was used to develop")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--todo", action="store_true", help="print the relations not judged yet")
    parser.add_argument("--context", action="store_true", help="with --todo: the text before each sentence")
    parser.add_argument("--record", type=Path, help="add the verdicts of this file (lines 'ID VERDICT [CAUSE]')")
    parser.add_argument("--out", type=Path, help="where the figures go (JSON; default bench/results/"
                        "audit_real_figures[_skipN].json)")
    args = parser.parse_args(argv)
    try:
        if not args.real.is_dir():
            raise NetvizError(f"{args.real}: no such folder (the real corpus sits in ../shared for developers)")
        if args.skip < 0 or args.size < 1:
            raise NetvizError(f"--skip {args.skip} --size {args.size}: skip must be 0 or more and size 1 or more")
        judgments = load_judgments(args.judgments)
        _, found, texts = extract_sample(args.real, args.size, args.skip)
        if args.record:
            try:
                lines = args.record.read_text(encoding="utf-8").splitlines()
            except OSError as err:
                raise NetvizError(f"{args.record}: cannot read ({err.strerror})") from None
            judgments = record(found, judgments, parse_verdicts(lines, str(args.record)), str(args.record))
            atomic_write_text(args.judgments, judgments_text(judgments))
        result = audit(found, judgments)
        if args.todo:
            print(todo(result.unjudged, texts, args.context))
            return 0
        print(report(result, args.size, args.skip))
        out = args.out or FIGURES.with_name(f"{FIGURES.stem}{f'_skip{args.skip}' if args.skip else ''}.json")
        atomic_write_text(out, figures_text(figures(result, args.size, _commit(), args.skip)))
    except NetvizError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
