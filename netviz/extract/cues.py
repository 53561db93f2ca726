"""Cue phrases of the lexicon found on the tokens of a sentence.

One dictionary lookup per token (the lexicon indexes every inflection of
its cue words): the word, and for a word split at a hyphen ("co-operate",
"cease-fire") the joined form. Multi-word cues take up to two other words
between theirs ("pose a serious threat"); a ``*`` slot takes a few words.
The part-of-speech tag chooses between the verb and the noun reading of a
word ("attacks", "support"), and a capitalised cue word inside a proper name
("Operation Euphrates Shield", "the Support Group") is no cue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netviz.extract.lexicon import _SLOT, Cue, Cues, _norm, _Pattern, verb_set

_HYPHENS = frozenset("-\u2010\u2011")
_HARD = frozenset(";:()\u2014\u2013?!")
_GAP_STOP = frozenset("and or but that to which who whom".split())
# A slot holds a noun phrase: it ends at an infinitive or a relative clause, whose verb is a cue of its
# own ("has not deployed [the helicopter] to crack down on the opposition" is no "deploy * on").
_SLOT_STOP = frozenset("to that which who whom".split())


@dataclass(frozen=True)
class Hit:
    """A cue matched on tokens ``start..end`` of a sentence; ``head`` is its syntactic head,
    ``tokens`` the matched words (a slot's words excluded)."""

    cue: Cue
    start: int
    end: int
    head: int
    tokens: frozenset[int]

    @property
    def verbal(self) -> bool:
        """Read as a verb (the cue's own part of speech)."""
        return self.cue.pos == "verb"


def norms(words: Sequence[str], mention_tokens: frozenset[int]) -> list[str]:
    """The lexicon's form of every token (``words``: their texts); mention tokens are blanked ("\\0") so a
    name is never a cue."""
    return ["\0" if i in mention_tokens else _norm(w) for i, w in enumerate(words)]


def may_start_cue(words: Sequence[str], cues: Cues) -> bool:
    """Whether a word, or two joined at a hyphen, starts a cue (what :func:`netviz.extract.explain_article`
    parses, to show the actors and arcs of a sentence whose cue was not completed)."""
    index = cues._index
    return any(w in index for w in words) or any(
        words[i + 1] == "" and words[i] + words[i + 2] in index for i in range(len(words) - 2))


def may_hold_cue(words: Sequence[str], cues: Cues) -> bool:
    """Whether a sentence can hold a cue (decides whether it is worth parsing): a word, or two joined
    at a hyphen, starts a cue whose other words follow it. :func:`find_cues` matches no more than
    this before it looks at the parse (tags, names), so a sentence refused here has no cue."""
    index = cues._index
    n = len(words)
    for i, word in enumerate(words):
        starts = [(word, i + 1)]
        if i + 2 < n and words[i + 1] == "":
            starts.append((word + words[i + 2], i + 3))
        for first, after in starts:
            for pattern, _tags in index.get(first, ()):
                if not pattern.rest or _match_rest(words, after, pattern) is not None:
                    return True
    return False


def find_cues(doc: Any, words: Sequence[str], cues: Cues, phrases: Mapping[int, tuple[int, Any]] = {}) -> list[Hit]:
    """The cues of a parsed sentence, left to right, none overlapping; the words of a multi-word
    modifier phrase (``phrases``: "backing off", "fell short of") are no cue."""
    blocked: set[int] = {k for i, (end, _) in phrases.items() if end - i > 1 for k in range(i, end)}
    for i, w in enumerate(words):
        if w in cues._stops.index:
            found = cues._stops.match(words, i)
            if found:
                blocked.update(range(i, found[0]))
    alpha = [t.is_title for t in doc if t.is_alpha]
    title_case = sum(alpha) > 0.6 * max(1, len(alpha))
    hits: list[Hit] = []
    covered = -1
    n = len(words)
    for i in range(n):
        if i <= covered or i in blocked or words[i] == "\0":
            continue
        first, skip = words[i], 0
        if i + 2 < n and doc[i + 1].text in _HYPHENS and doc[i].whitespace_ == "" and doc[i + 1].whitespace_ == "" \
                and words[i] + words[i + 2] in cues._index:
            first, skip = words[i] + words[i + 2], 2
        candidates = cues._index.get(first)
        if not candidates:
            continue
        tok = doc[i + skip]
        if tok.is_title and i > 0 and not title_case and _in_name(doc, i + skip):
            continue
        best = None
        for pattern, _tags in candidates:
            if not _fits_tag(pattern.cue, tok):
                continue
            m = _match_rest(words, i + 1 + skip, pattern) if pattern.rest else (i + 1 + skip, ())
            if m is None:
                continue
            end, matched = m
            prep = _prep_near(doc, words, pattern.cue, end) if pattern.cue.prep_required else 1
            key = (pattern.literals, end - i, prep > 0, prep)
            if best is None or key > best[0]:
                best = (key, pattern, end, frozenset({i + skip, *matched}))
        if best is None:
            continue
        _, pattern, end, toks = best
        head = _head(doc, pattern.cue, toks)
        if pattern.cue.pos == "verb" and _struck(doc[head]) or _units_moved(doc[head]):
            continue
        hits.append(Hit(pattern.cue, i, end, head, toks))
        covered = end - 1
    return hits


_STRIKE = verb_set("strike")
# What is struck when "strike" is no attack: "struck a deal", "the agreement struck by", "strike a balance"
_STRUCK = frozenset("deal deals agreement agreements accord accords bargain bargains compromise pact balance chord "
                    "tone note pose".split())


def _struck(tok: Any) -> bool:
    """Whether ``tok`` is "strike" with an agreement or a balance as what is struck (its object, its
    passive subject, or the noun it describes: "a deal struck with Iran", "the deal that Iran struck")."""
    if _norm(tok.text) not in _STRIKE:
        return False
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl"):
        things.append(tok.head)
    return any(t.lower_ in _STRUCK for t in things)


_MOVE = verb_set("move draw bring")
# Forces moved closer to a country are a deployment, not a rapprochement
_UNITS = frozenset("troops forces soldiers marines ships warships vessels carrier carriers jets aircraft bombers "
                   "missiles fleet units tanks".split())


def _units_moved(tok: Any) -> bool:
    """ "U.S. Marines were moved closer to Libya", "moved warships closer to Korea": troops moved, no
    state drawing closer to another."""
    verb = tok.head if tok.lower_ == "closer" else tok
    if _norm(verb.text) not in _MOVE:
        return False
    movers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    movers += [o for c in movers for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"]  # "scores of Marines"
    return any(c.lower_ in _UNITS for c in movers)


def _head(doc: Any, cue: Cue, toks: frozenset[int]) -> int:
    """The token that stands for the cue in the parse: its verb for a verb cue, its noun for a noun
    or phrase ("in battles against"), else the highest in the tree."""
    want = "VB" if cue.pos == "verb" else "NN"
    fitting = [k for k in sorted(toks) if doc[k].tag_.startswith(want)]
    if fitting:
        return fitting[0] if want == "VB" else fitting[-1]
    return min(toks, key=lambda k: _depth(doc[k]))


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _fits_tag(cue: Cue, tok: Any) -> bool:
    """The verb reading for a verb, the noun reading for a noun; participles may be either
    ("the Iran-backed", "allied forces")."""
    tag = tok.tag_
    if cue.pos == "verb":
        return tag.startswith("VB") or tag in ("JJ", "RP", "IN") or tok.dep_ in ("amod", "acl")
    if cue.pos in ("noun", "role", "neutral"):
        return tag.startswith("NN") or tag in ("JJ", "VBG", "FW") or tok.dep_ in ("nsubj", "dobj", "pobj")
    return True


def _in_name(doc: Any, i: int) -> bool:
    """A capitalised cue word inside a proper name ("Euphrates Shield", "Support Group")."""
    before = doc[i - 1] if i else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    return bool((before is not None and before.is_title and before.is_alpha and before.i > 0
                 and before.ent_type_ == "" and before.tag_ == "NNP")
                or (after is not None and after.is_title and after.is_alpha and after.tag_ == "NNP"))


def _prep_near(doc: Any, words: Sequence[str], cue: Cue, end: int) -> int:
    """How near one of the cue's prepositions follows (9 right after it, 0 for not at all)."""
    for j in range(end, min(len(words), end + 9)):
        if words[j] in _HARD:
            return 0
        if any(tuple(words[j:j + len(p)]) == p for p in cue.preps):
            return 9 - (j - end)
    return 0


def _match_rest(words: Sequence[str], i: int, pattern: _Pattern) -> tuple[int, tuple[int, ...]] | None:
    """Match the words after a cue's first: up to two other words between them, a slot takes up to six."""
    matched: list[int] = []
    elements = pattern.rest
    for n, element in enumerate(elements):
        if element == _SLOT:
            nxt = elements[n + 1] if n + 1 < len(elements) else None
            stop_words = nxt if nxt is not None else frozenset(p[0] for p in pattern.cue.preps)
            for j in range(i, min(i + 7, len(words))):
                if words[j] in stop_words:
                    i = j
                    break
                if words[j] in _HARD or words[j] in (".", ";") or words[j] in _SLOT_STOP:
                    return None
            else:
                return None
            continue
        gap = 0
        while i < len(words) and words[i] not in element:
            if gap == 2 or words[i] == "\0" or not words[i].isalpha() or words[i] in _GAP_STOP \
                    or pattern.literals < 2:
                return None
            gap += 1
            i += 1
        if i >= len(words):
            return None
        matched.append(i)
        i += 1
    return i, tuple(matched)
