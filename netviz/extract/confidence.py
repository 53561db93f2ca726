"""How sure the extractor is of a relation, per linking path.

A relation's confidence is the confidence of the path that linked its two
actors (:data:`PATH_CONFIDENCE`, keyed by the link's rule with its details
dropped), times the factors of what it rests on: a pronoun or definite
description (:data:`netviz.extract.coref.PRONOUN_FACTOR`), a generic actor
(:data:`netviz.extract.mentions.GENERIC_FACTOR`), hedges, reversals and
past dates (the lexicon's factors).

How the figures were set: each path's precision was measured on the 26
articles of the development gold (shared/corpus/dev, 2026-12-05; every
relation counted, right when its pair and sign are required or acceptable),
shrunk towards 0.75 by five pseudo-observations ((right + 3.75) / (n + 5)) so
that a path seen three times does not get 1.0, and rounded to a twentieth.
Paths seen fewer than three times get :data:`PRIOR`, the precision of all
parse paths together there (0.9), shrunk the same way. The table is fitted
on dev and so optimistic there; the seeds and the held-out articles of
tests/data check that it holds on articles it was not fitted on
(bench/README.md has the reliability tables).
"""

from __future__ import annotations

#: Precision of each linking path on the dev gold (see the module docstring).
PATH_CONFIDENCE: dict[str, float] = {
    # the parse linked both sides (right / seen on dev)
    "subject-object": 0.90,  # 16/17
    "subject-prepositional object": 0.90,  # 11/11
    "noun subject of the light verb-prepositional object": 0.90,  # 12/13
    "reciprocal noun modifier": 0.85,  # 7/8
    "subject of the governing verb-object": 0.75,  # 3/4
    "subject of the governing verb-prepositional object": 0.85,  # 3/3
    "subject of the coordinated verb-object": 0.85,  # 3/3
    "passive agent-passive subject": 0.85,  # 3/3
    # co-agents acting together ("A, B and C cut ties with D": A+B, A+C, B+C):
    # the annotators mostly did not count these as relations
    "co-agents": 0.45,  # 0/3
    # one side from the parse, the other the actor named inside the argument it found
    # ("condemned the deployment of Wagner fighters")
    "actor inside the object": 0.75,  # 8/11
    # one side from the parse, the other the nearest actor named on the missing side
    "nearest actor after the cue in its clause": 0.65,  # 25/39
    "nearest actor after the cue in its sentence": 0.55,  # 12/24
    "nearest actor before the cue in its clause": 0.75,  # 22/29
    "nearest actor before the cue in its sentence": 0.75,  # 11/15
}

#: Confidence of a path not in the table (seen fewer than three times on dev).
PRIOR = 0.85


def path_confidence(rule: str) -> float:
    """The confidence of a linking rule.

    >>> path_confidence("a rule never measured") == PRIOR
    True
    """
    return PATH_CONFIDENCE.get(rule, PRIOR)
