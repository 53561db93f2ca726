"""Fit the map that turns a relation's score into its confidence, and check it where it was not fitted.

Usage (from the repository, with ../shared beside it)::

    PYTHONPATH=. python bench/calibrate.py [--out bench/results/calibration.json]

What it does:

1. Extracts, with the calibration map switched off (so every relation keeps
   its score), the relations of the readers' samples of shared/corpus/real:
   **fit** on ranks 101-200 (first reader, ``results/audit_real.json``) and
   201-250 (second reader, ``results/audit_real_reader2_D.json``); **check** on
   ranks 251-300 and 301-350 (a third reader, ``results/audit_real_reader3_E.json``
   and ``_F.json``), which play no part in the fit. A relation counts when a
   reader judged it right or wrong (unsure and not yet judged ones are left
   out and counted).
2. Fits an isotonic (non-decreasing) map from score to precision on bins of
   0.05 of the score from the found threshold up (pool-adjacent-violators,
   each bin weighed by its relations), anchored at (0.5, 0.5).
3. Prints the knots (what ``netviz.extract.confidence.CALIBRATION`` holds; it
   says whether they match) and, for every sample and every gold set (dev,
   seeds, held-out), the calibration error (relation-weighted mean
   ``|precision - mean confidence|`` over bins of 0.1) with scores as they
   are and through the map, and the bins through the map.

The figures are counts, not timings: no BLAS thread pinning is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit_real as ar  # noqa: E402

from netviz.extract import FOUND_CONFIDENCE, extract_relations, load_cues  # noqa: E402
from netviz.extract import confidence as conf  # noqa: E402
from netviz.extract import evaluate as scoring  # noqa: E402
from netviz.ingest.actors import Codebook, load_codebook  # noqa: E402
from netviz.ingest.corpus import load_articles  # noqa: E402
from netviz.io import atomic_write_text  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RESULTS = Path(__file__).resolve().parent / "results"
#: (name, ranks skipped, size, reader's verdicts, role)
SAMPLES = (
    ("B", 100, 100, "audit_real.json", "fit"),
    ("D", 200, 50, "audit_real_reader2_D.json", "fit"),
    ("E", 250, 50, "audit_real_reader3_E.json", "check"),
    ("F", 300, 50, "audit_real_reader3_F.json", "check"),
)
#: Width of a bin of the fit.
FIT_WIDTH = 0.05

Rows = list[tuple[float, bool]]


def pool_adjacent_violators(points: Sequence[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """The non-decreasing fit of ``(x, y, weight)`` points sorted by x: one ``(x, fitted y)`` per point.

    >>> pool_adjacent_violators([(0.1, 0.5, 1), (0.2, 0.3, 1), (0.3, 0.9, 2)])
    [(0.1, 0.4), (0.2, 0.4), (0.3, 0.9)]
    """
    blocks: list[tuple[list[float], float, float]] = []
    for x, y, w in points:
        blocks.append(([x], y, w))
        while len(blocks) > 1 and blocks[-2][1] > blocks[-1][1]:
            (x2, y2, w2), (x1, y1, w1) = blocks.pop(), blocks.pop()
            blocks.append((x1 + x2, (y1 * w1 + y2 * w2) / (w1 + w2), w1 + w2))
    return [(x, round(y, 10)) for xs, y, _ in blocks for x in xs]


def fit(rows: Rows, low: float = FOUND_CONFIDENCE, width: float = FIT_WIDTH) -> tuple[tuple[float, float], ...]:
    """Knots of the isotonic map from score to precision (see the module docstring).

    >>> fit([(0.55, True), (0.56, False), (0.6, False), (0.7, True), (0.92, True), (0.95, True), (0.96, False)])
    ((0.5, 0.5), (0.555, 0.5), (0.6, 0.5), (0.7, 0.75), (0.955, 0.75))
    """
    bins: dict[int, list[tuple[float, bool]]] = {}
    top = round((1 - low) / width) - 1
    for score, ok in rows:
        if score >= low:
            bins.setdefault(min(int((score - low) / width + 1e-9), top), []).append((score, ok))
    points = [(sum(s for s, _ in b) / len(b), sum(ok for _, ok in b) / len(b), len(b))
              for _, b in sorted(bins.items())]
    # below the threshold nothing was judged: a found relation is never said to be less than found
    fitted = [(round(x, 3), round(max(y, low), 3)) for x, y in pool_adjacent_violators(points)]
    # a flat run needs only its two ends
    knots = [k for i, k in enumerate(fitted)
             if not 0 < i < len(fitted) - 1 or not fitted[i - 1][1] == k[1] == fitted[i + 1][1]]
    return ((low, low), *knots)


def by_bin(rows: Rows) -> dict[float, ar.Tally]:
    """The verdicts of ``(confidence, right)`` rows tallied by confidence bin of 0.1, highest first (as
    ``audit_real.py`` counts them; :func:`audit_real.calibration_error` weighs them)."""
    bins: dict[float, ar.Tally] = {}
    for c, ok in rows:
        b = ar.confidence_bin(c)
        bins[b] = bins.get(b, ar.Tally()).add(ar.Judgment("right" if ok else "wrong"), c)
    return dict(sorted(bins.items(), reverse=True))


def sample_rows(skip: int, size: int, verdicts: str) -> tuple[Rows, int]:
    """(confidence, right) of the sample's judged findings, and how many findings nobody judged (scores, as
    :func:`main` reads them, while ``CALIBRATION`` is switched off)."""
    _, found, _ = ar.extract_sample(SHARED / "corpus" / "real", size, skip)
    judged = ar.load_judgments(RESULTS / verdicts)
    rows = [(f.relation.confidence, judged[f.key].verdict == "right") for f in found
            if f.key in judged and judged[f.key].verdict != "unsure"]
    return rows, sum(f.key not in judged for f in found)


def gold_reliability(gold_file: Path, folder: Path, codebook: Codebook,
                     knots: tuple[tuple[float, float], ...]) -> tuple[scoring.Reliability, scoring.Reliability]:
    """The gold set's reliability tables with its relations' scores, and with them through ``knots``."""
    gold = scoring.load_gold(gold_file, codebook.actors)
    articles = load_articles(folder)
    relations = extract_relations(articles, codebook, load_cues())
    calibrated = [replace(r, confidence=round(conf.calibrate(r.confidence, knots), 3)) for r in relations]
    return (scoring.evaluate(relations, gold, articles).reliability,
            scoring.evaluate(calibrated, gold, articles).reliability)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    kept, conf.CALIBRATION = conf.CALIBRATION, ()  # scores, not confidences, from here on
    try:
        samples = {name: (*sample_rows(skip, size, verdicts), role) for name, skip, size, verdicts, role in SAMPLES}
        knots = fit([row for rows, _, role in samples.values() if role == "fit" for row in rows])
        repo = Path(__file__).resolve().parents[1]
        golds = {"dev": (SHARED / "corpus/dev/gold.yaml", SHARED / "corpus/dev"),
                 "seeds": (SHARED / "seeds/gold.yaml", repo / "data/articles"),
                 "held-out": (repo / "tests/data/extraction/gold.yaml", repo / "tests/data/extraction/articles")}
        codebook = load_codebook()
        gold_tables = {name: gold_reliability(g, d, codebook, knots) for name, (g, d) in golds.items()}
    finally:
        conf.CALIBRATION = kept
    print("knots:", knots)
    print("netviz.extract.confidence.CALIBRATION", "matches" if tuple(kept) == knots else f"differs: {kept}")
    figures: dict = {"knots": knots, "samples": {}, "gold": {}}
    for name, (rows, unjudged, role) in samples.items():
        before = ar.calibration_error(by_bin(rows))
        table = by_bin([(conf.calibrate(s, knots), ok) for s, ok in rows])
        after = ar.calibration_error(table)
        right = sum(ok for _, ok in rows)
        print(f"{name} ({role}): {len(rows)} judged ({unjudged} not judged), precision {right / len(rows):.3f}; "
              f"calibration error score {before:.3f}, confidence {after:.3f}")
        print("   " + "  ".join(f"{low:.1f}: {t.right}/{t.judged} = {t.precision:.2f} at {t.mean_confidence:.2f}"
                                for low, t in table.items()))
        figures["samples"][name] = {
            "role": role, "judged": len(rows), "not_judged": unjudged, "right": right,
            "calibration_error_score": round(before, 4), "calibration_error_confidence": round(after, 4),
            "bins": [{"low": low, "relations": t.judged, "right": t.right, "precision": round(t.precision, 3),
                      "mean_confidence": round(t.mean_confidence, 3)} for low, t in table.items()]}
    for name, (scores, rel) in gold_tables.items():
        print(f"{name} gold: calibration error score {scores.calibration_error:.3f}, "
              f"confidence {rel.calibration_error:.3f}; highest F1 at {rel.best_f1_threshold}")
        print("   " + "  ".join(f"{b.low:.1f}: {b.correct}/{b.pairs} = {b.precision:.2f} at {b.mean_confidence:.2f}"
                                for b in rel.bins))
        figures["gold"][name] = {"calibration_error_score": round(scores.calibration_error, 4),
                                 "calibration_error_confidence": round(rel.calibration_error, 4),
                                 "best_f1_threshold": rel.best_f1_threshold,
                                 "bins": [{"low": b.low, "pairs": b.pairs, "correct": b.correct,
                                           "precision": round(b.precision, 3),
                                           "mean_confidence": round(b.mean_confidence, 3)} for b in rel.bins]}
    if args.out:
        atomic_write_text(args.out, json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
