"""Pronouns, definite descriptions and generic nouns resolved to actors, beyond one sentence.

A pronoun ("he", "its", "they") or a definite description ("the group", "the
militants", "the country") resolves to the nearest compatible actor named
before it: earlier in the same sentence (its subject first), then the subject
of the sentence before, then of the one before that (never further; "it" and
"they" reach back to a subject only). What a sentence before names is read
from its words, never from its parse (:func:`~netviz.extract.mentions.mark_antecedents`).
Compatible means:

- "he", "his", "him": an office holder not shown as a woman; "she", "her": one
  shown as a woman (a title, a woman's given name: approximate);
- "it", "its": one state, organisation or group, not a plural, not one of a list;
- "they", "them", "their": a plural ("the Russians", "Chinese officials", "the
  Taliban"), an actor's units named with it ("The U.S. has 8,400 troops"), or a
  whole list ("Russia and China", "Xi and Modi"), each member standing for it;
- never the modifier of a thing ("the British draft", "Turkish Army vehicles"),
  never the subject of the verb an object pronoun hangs on ("the GNA and Turkey
  dismissed it"), and "it"/"they" not when a subject or object of the sentence
  that names no actor comes first ("the strategy ... nor did it last");
- "the country", "the nation", "the kingdom": the nearest state, the one named
  as a place first after a place preposition ("in the country");
- "the group", "the militants", "the militia", "the movement": a non-state group;
- "those forces", "these fighters": any actor but a person;
- "the alliance", "the bloc", "the organization": an organisation;
- "the president", "the prime minister", "the secretary of state", "the
  chancellor", "the king", ...: an office holder named before who holds that
  office on the article's date (as the codebook's role or the article's title
  before the name says; not a vice president);
- "the two countries", "both nations", "the two sides": a list of exactly two
  named before ("talks between Israel and Hamas"), else the two nearest
  distinct actors (states for countries), none of them in the subject of the
  clause; "the two leaders" and "the two" standing alone: office holders when
  one is named, and "the two men": office holders.

Every resolution lowers the confidence of the relations built on it (by
``PRONOUN_FACTOR``, see :mod:`netviz.extract.confidence`) and says in the
evidence how it was made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from netviz.extract.lexicon import _norm, verb_set
from netviz.extract.mentions import LOC_PREPS, REPORTING, ActorMention

#: Confidence factor of an actor reached through a pronoun or a definite description: on the dev
#: gold such relations were right 15 times in 25 (0.6), against about 0.75 for the paths they use;
#: those resting on the nearest-actor fallback were right 3 times in 10, hence 0.7. With number,
#: lists, gender and subjects (dev, seeds, held-out: 67 of 76 right, mean confidence 0.6) 0.8 was
#: tried: it added 55 pairs on the 600 real articles, of which 13 in a sample of 30 were right, so 0.7.
PRONOUN_FACTOR = 0.7
#: Sentences before the current one in which an antecedent is looked for.
WINDOW = 2

_PERSON = frozenset("he him his she her".split())
_FEMALE = frozenset("she her".split())
_FIRST_PERSON = frozenset("we us our".split())
_THING = frozenset("it its".split())
_PLURAL = frozenset("they them their".split())
_STATE_NOUNS = frozenset("country nation kingdom republic state government".split())
_GROUP_NOUNS = frozenset("group militants militia militias movement insurgents rebels organisation organization "
                         "jihadists faction".split())
_ORG_NOUNS = frozenset("alliance bloc organization organisation body".split())
#: Armed units that stand for a state or a group after a demonstrative ("those forces"), not after
#: "the" ("the forces" is as often forces named after it).
_UNITS = frozenset("forces fighters troops militiamen".split())
#: "the two countries", "both sides": a pair of actors named before.
PAIR_NOUNS = frozenset("countries nations states governments sides leaders presidents men neighbors neighbours two"
                       .split())
#: Words that make a sentence worth parsing with a single named actor.
REFERRING = _PERSON | _FIRST_PERSON | _THING | _PLURAL | _STATE_NOUNS | _GROUP_NOUNS | _ORG_NOUNS | PAIR_NOUNS | _UNITS


def _wanted(tok: Any) -> str | None:
    """What a token refers to if it is a pronoun or definite description: person, thing, plural,
    state, group, organisation, an office ("title:president"); or None."""
    w = tok.lower_
    if w == "it" and _dummy(tok):
        return None
    office = _office(tok)
    if office:
        return "title:" + office
    if tok.tag_ in ("PRP", "PRP$"):
        if w in _PERSON:
            return "woman" if w in _FEMALE else "man"
        return "thing" if w in _THING else "plural" if w in _PLURAL else None
    if not tok.tag_.startswith("NN"):
        return None
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    if len(dets) != 1 or dets[0] not in ("the", "those", "these", "this") or any(
            m.tag_ in ("NNP", "NNPS", "PRP$") or m.dep_ == "poss" for m in mods):
        return None
    if dets[0] != "the":
        # "aligned itself with those forces": the state or group just named; "this country" is mostly
        # the speaker's own, not the one named before
        return "plural" if w in _UNITS else "group" if w in _GROUP_NOUNS else None
    if w in _STATE_NOUNS and w != "government":
        return "state"
    if w in _GROUP_NOUNS:
        return "group"
    if w in _ORG_NOUNS:
        return "organisation"
    return None


_COPULAS = frozenset("is 's \u2019s was were be been being seems seemed appears appeared remains remained becomes "
                     "became".split())
_CLAUSES = ("ccomp", "xcomp", "csubj", "advcl", "acl", "relcl")
# Verbs whose subject "it" stands for a "that" clause after them (the parse has no lemmas: word forms)
_EXTRAPOSING = frozenset("escape escapes escaped matter matters mattered happen happens happened seem seems seemed "
                         "appear appears appeared emerge emerges emerged follow follows followed turn turns turned "
                         "occur occurs occurred strike strikes struck surprise surprises surprised".split())


def _dummy(tok: Any) -> bool:
    """ "It is time for Russia to leave", "It's about equipping the Afghan air force", "it remains
    unclear whether ...": an "it" that stands for the clause after it, not for an actor."""
    if tok.dep_ == "expl":
        return True
    v = tok.head
    if tok.dep_ == "nsubj" and v.lower_ in _EXTRAPOSING and any(
            t.i > v.i and t.lower_ in ("that", "whether") for t in v.subtree):
        # "It will not have escaped Chinese diplomats' attention that ...", "it matters whether ..." (the
        # parser often hangs the clause on the noun before it)
        return True
    if tok.dep_ != "nsubj" or v.lower_ not in _COPULAS:
        return False
    for c in v.children:
        if c.dep_ in _CLAUSES or c.dep_ == "prep" and c.lower_ == "about":
            return True
        if c.dep_ in ("acomp", "attr") and any(g.dep_ in _CLAUSES or g.dep_ == "mark" for g in c.subtree if g is not c):
            return True
    return False


#: Offices "the ..." refers back to the holder of ("the president", "the secretary of state"): the last
#: word and the words before it.
OFFICES = {"president": ("vice",), "minister": ("prime", "foreign", "defence", "defense"), "secretary": (),
           "chancellor": (), "king": (), "emir": (), "premier": (), "prince": ("crown",), "leader": ("supreme",)}


def names_office(words: Sequence[str]) -> bool:
    """Whether the words hold "the president", "the prime minister", ... (what may refer to an office
    holder named before: worth parsing with a single actor named).

    >>> names_office("Later the prime minister said".split()), names_office("President Obama said".split())
    (True, False)
    """
    low = [w.lower() for w in words]
    return any(w in OFFICES and ("the" in low[max(0, k - 2):k]) for k, w in enumerate(low))


def _office(tok: Any) -> str:
    """ "the president", "the prime minister", "the secretary of state", "the crown prince": the office a
    definite description names, or "" (not "the president of Egypt", whose phrase names its actor, nor "the
    U.S. president" or "his prime minister", nor a plain "minister" or "leader")."""
    w = tok.lower_
    if w not in OFFICES or not tok.tag_.startswith("NN") or tok.tag_.endswith("S"):
        return ""
    kids = list(tok.children)
    if [c.lower_ for c in kids if c.dep_ == "det"] != ["the"] or any(
            c.dep_ == "poss" or c.tag_ in ("NNP", "NNPS") for c in kids):
        return ""
    mods = [c.lower_ for c in kids if c.dep_ in ("amod", "compound") and c.i < tok.i]
    if w == "secretary":
        # "the secretary of state", "the secretary of defense"
        of = [o.lower_ for p in kids if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        return f"secretary of {of[0]}" if of in (["state"], ["defense"]) else ""
    if any(p.dep_ == "prep" and p.lower_ == "of" for p in kids):
        return ""
    if not mods:
        return "" if w in ("minister", "prince", "leader") else w
    first = [m for m in mods if m in OFFICES[w]]
    return f"{first[0]} {w}" if first and len(mods) == 1 else ""


def _compatible(m: ActorMention, wanted: str, types: Mapping[str, str]) -> bool:
    kind = types.get(m.actor, "")
    if m.thing or m.role != "actor" and not (wanted == "state" and m.role == "location"):
        return False  # "the British draft ... their": the draft's, not Britain's
    if wanted == "any":
        return True
    if wanted == "person":
        return m.person
    if wanted in ("man", "woman"):
        # "she" is a woman the article shows as one (see mentions.female); "he" anyone else
        return m.person and m.female == (wanted == "woman")
    if wanted.startswith("title:"):
        # "the president": a person holding that office, not a vice president or deputy prime minister
        return m.person and re.search(rf"(?<!vice )(?<!deputy )(?<!vice-)\b{wanted[6:]}\b", m.title) is not None
    if m.person:
        return False
    if wanted == "member":
        return True  # one of "both sides"
    if wanted == "thing":
        # "it": one actor, not a plural ("the Russians") nor one of a list ("Russia and China")
        return not m.plural and m.listed is None
    if wanted == "plural":
        # "they": a plural ("the Russians", "Chinese officials", "the Taliban"), or the units of an actor
        # named with it; a single state, organisation or group ("Islamic State") is "it" (a list is
        # taken whole, see _units)
        return m.plural or m.units
    if wanted == "state":
        return kind == "state"
    if wanted == "group":
        return kind in _GROUP_KINDS
    return kind == "organisation"


_GROUP_KINDS = frozenset(("armed_group", "political_group", "movement"))


def _units(group: Sequence[ActorMention], wanted: str, types: Mapping[str, str]) -> list[list[ActorMention]]:
    """The candidate antecedents among ``group`` in text order, each a list of mentions: one mention,
    or for "they" a whole list of actors ("Russia and China ... their refusal": both; "Xi and Modi ...
    their": both, though one person alone is never "they")."""
    out: list[list[ActorMention]] = []
    lists: dict[int, list[ActorMention]] = {}
    for m in group:
        if wanted == "plural" and m.listed is not None:
            if not m.thing and m.role == "actor":
                if m.listed not in lists:
                    lists[m.listed] = []
                    out.append(lists[m.listed])
                lists[m.listed].append(m)
        elif _compatible(m, wanted, types):
            out.append([m])
    return out


def resolve(doc: Any, mentions: Sequence[ActorMention], before: Sequence[Sequence[ActorMention]],
            types: Mapping[str, str], speaker_before: ActorMention | None = None) -> \
        tuple[dict[int, ActorMention], dict[int, tuple[ActorMention, ...]]]:
    """Token index -> the actor a pronoun or definite description of ``doc`` stands for; and for
    "the two countries", "both sides", the second of the two (the first is in the first map), for
    "they" standing for a list, the others of the list.

    ``before`` holds the actor mentions of the previous sentences, the
    nearest last; ``speaker_before`` whom the previous sentence quoted
    (:func:`quote_speaker`): "we" in a sentence that opens a quote with no
    speaker of its own is theirs (the quote goes on).
    """
    opens_quote = doc.text.lstrip()[:1] in _QUOTES
    covered = {i for m in mentions for i in range(m.start, m.end)}
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    out: dict[int, ActorMention] = {}
    pairs: dict[int, tuple[ActorMention, ...]] = {}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.lower_ in _FIRST_PERSON and tok.tag_ in ("PRP", "PRP$"):
            m = _speaker(tok, at)
            how = f"'{tok.text}' -> speaker '{m.text}'" if m is not None else ""
            if m is None and opens_quote and speaker_before is not None:
                m = speaker_before
                how = f"'{tok.text}' -> speaker '{m.text}' (the quote of the sentence before goes on)"
            if m is not None:
                out[tok.i] = ActorMention(m.actor, tok.i, tok.i + 1, tok.i, tok.text, "actor", m.person, how,
                                          PRONOUN_FACTOR)
            continue
        two = _two(tok)
        if two is not None:
            found = _antecedents(tok, two, mentions, before, types)
            if found is not None:
                (m1, d1), (m2, d2) = found
                for m, d in ((m1, d1), (m2, d2)):
                    where = "this sentence" if d == 0 else f"{d} sentence{'s' * (d > 1)} before"
                    both = ActorMention(m.actor, tok.i, tok.i + 1, tok.i, tok.text, "actor", m.person,
                                        f"'{tok.text}' -> '{m.text}' ({where})", PRONOUN_FACTOR)
                    if tok.i in out:
                        pairs[tok.i] = (both,)
                    else:
                        out[tok.i] = both
            continue
        wanted = _wanted(tok)
        if wanted is None:
            continue
        found = _antecedent(tok, wanted, mentions, before, types)
        if found is None:
            continue
        unit, distance = found
        where = "this sentence" if distance == 0 else f"{distance} sentence{'s' * (distance > 1)} before"
        text = " and ".join(dict.fromkeys(f"'{m.text}'" for m in unit))  # a group's members: its words once
        first, *rest = (ActorMention(m.actor, tok.i, tok.i + 1, tok.i, tok.text, "actor", m.person,
                                     f"'{tok.text}' -> {text} ({where})", PRONOUN_FACTOR) for m in unit)
        out[tok.i] = first
        if rest:
            # "their refusal to back ...": the noun the possessive owns stands for both as well
            pairs[tok.i] = tuple(rest)
            if tok.dep_ == "poss" and tok.head.i not in covered:
                pairs.setdefault(tok.head.i, tuple(rest))
    return out, pairs


def _two(tok: Any) -> str | None:
    """ "the two countries", "both nations", "the two sides", "the two leaders", "when the two sat
    down": what the pair must be (state, people first, any), or None."""
    w = tok.lower_
    if w == "two" and tok.tag_ == "CD" and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return "people"  # "the two" standing alone: mostly the two leaders just named
    if w not in PAIR_NOUNS or not tok.tag_.startswith("NN"):
        return None
    kids = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "preconj")}
    if not ({"two", "both"} & kids):
        return None
    if w in ("countries", "nations", "states", "governments"):
        return "state"
    if w == "men":
        return "person"  # "the two men": two office holders, never a state or a group
    return "people" if w in ("leaders", "presidents") else "plural"


def _antecedents(tok: Any, wanted: str, mentions: Sequence[ActorMention], before: Sequence[Sequence[ActorMention]],
                 types: Mapping[str, str]) -> tuple[tuple[ActorMention, int], tuple[ActorMention, int]] | None:
    """The two nearest distinct compatible actors before ``tok`` (this sentence, then the two before);
    for "the two leaders", office holders when one is named ("Trump prodded Xi in a call from the sidelines of the
    U.N. General Assembly. In the call, the two leaders ...": Trump and Xi, not the U.N.)."""
    # "Iran is moving away from both countries": the subject of the clause is not one of the two
    # ("Obama spoke with Netanyahu and the two men agreed": the subject of another clause may be)
    same = [m for m in mentions if m.end <= tok.i and m.role == "actor" and not (m.subject and _in_clause_of(tok, m))]
    near = [(m, distance) for distance, group in enumerate([same, *reversed(before[-WINDOW:])])
            for m in reversed(group) if m.role == "actor"]
    if wanted == "people":
        # office holders when any is named ("Ban ... the two leaders met": not Ban and a body named
        # before him), else the actors named
        wanted = "person" if any(m.person for m, _ in near) else "any"
    elif wanted == "plural":
        wanted = "member"  # each of the two is one actor, not itself a plural
    # "talks between Israel and Hamas ... the two sides": a list of exactly two is the pair
    for distance, group in enumerate([same, *reversed(before[-WINDOW:])]):
        lists: dict[int, list[ActorMention]] = {}
        for m in group:
            if m.listed is not None and m.role == "actor" and not m.thing:
                lists.setdefault(m.listed, []).append(m)
        for members in reversed(lists.values()):
            two = list({m.actor: m for m in members}.values())
            if len(two) == 2 and all(_compatible(m, wanted, types) for m in two):
                return (two[0], distance), (two[1], distance)
    found: list[tuple[ActorMention, int]] = []
    for m, distance in near:
        if _compatible(m, wanted, types) and m.actor not in {f.actor for f, _ in found}:
            found.append((m, distance))
            if len(found) == 2:
                return found[0], found[1]
    return None


def _unknown_person_before(tok: Any, mentions: Sequence[ActorMention]) -> bool:
    """Whether a name the codebook does not know (two proper nouns in a row, no mention) stands before
    ``tok`` in its sentence: "he" is more likely them than someone named sentences before."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    toks = tok.doc[:tok.i]

    def placed(a: Any) -> bool:  # "through Tel Aviv", "On Christmas Day", "in the West Bank": a place or a date
        k = a.i - 1 - (a.i > 1 and tok.doc[a.i - 1].lower_ == "the")
        return k >= 0 and tok.doc[k].tag_ == "IN"

    return any(a.tag_ == "NNP" and b.tag_ == "NNP" and a.i not in covered and b.i not in covered
               and a.text[:1].isupper() and b.text[:1].isupper() and not placed(a) for a, b in zip(toks, toks[1:]))


def _noun_subject_before(tok: Any, mentions: Sequence[ActorMention], plural: bool) -> bool:
    """Whether a plural (or singular) common noun that names no actor is a subject or object before
    ``tok`` in its sentence."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    # "Russia and the UAE welcomed the Egyptian initiative; the GNA and Turkey dismissed it": an object too
    deps = ("nsubj", "nsubjpass", "dobj")
    return any(t.tag_ == ("NNS" if plural else "NN") and t.dep_ in deps and t.i not in covered
               for t in tok.doc[:tok.i])


def _in_clause_of(tok: Any, m: ActorMention, nearest: bool = True) -> bool:
    """Whether ``m`` is (in) an argument of the verb ``tok`` hangs under (the nearest one, or any
    above it): "Jordan's King Abdullah urged both sides": Jordan is in the subject of "urged"."""
    verbs = {a.i for a in tok.ancestors if a.tag_.startswith("VB")}
    if nearest:
        verbs = {next((a.i for a in tok.ancestors if a.tag_.startswith("VB")), -1)}
    t = tok.doc[m.head]
    while t.dep_ in ("poss", "compound", "amod", "nmod", "conj", "appos") and t.head.i != t.i:
        t = t.head
    return t.head.i in verbs and t.i != t.head.i


def _antecedent(tok: Any, wanted: str, mentions: Sequence[ActorMention],
                before: Sequence[Sequence[ActorMention]], types: Mapping[str, str]) -> \
        tuple[list[ActorMention], int] | None:
    """The mentions ``tok`` refers back to (one, or a list's members for "they") and how many
    sentences before."""
    same = [m for m in mentions if m.end <= tok.i]
    if wanted in ("plural", "thing") and not _units(same, wanted, types) and _noun_subject_before(
            tok, mentions, wanted == "plural"):
        # "World leaders wake up if they happen to be ...", "the strategy did not provide enough security, nor
        # did it last": a subject named in the sentence that is no actor
        return None
    if wanted in ("man", "woman") and not any(m.person for m in same) and _unknown_person_before(tok, mentions):
        return None  # "... where Taliban deputy chief Suleiman Roostami says his mind changed"
    if tok.tag_.startswith("NN"):
        # "The United States aligned itself with those forces", "views the Kurds as part of the battle
        # against the group": a description is none of the actors of the verb it hangs under
        same = [m for m in same if not _in_clause_of(tok, m)]
    elif tok.dep_ in ("dobj", "dative", "pobj"):
        # "the GNA and Turkey dismissed it", "Putin ... stonewalling them": an object pronoun is not the
        # subject of its own verb (that would be "itself", "themselves")
        same = [m for m in same if not (m.subject and _in_clause_of(tok, m))]
    # "in the country": a place named before ("training forces in Iraq as ISIS advanced in the country")
    place = wanted == "state" and tok.dep_ == "pobj" and tok.head.lower_ in LOC_PREPS
    for distance, group in enumerate([same, *reversed(before[-WINDOW:])]):
        units = _units(group, wanted, types)
        if not units:
            continue
        if wanted == "state":
            # the nearest state, the places first after a place preposition
            placed = [u for u in units if u[0].role == "location"] if place else []
            pick = (placed or units)[-1]
        else:
            # the subject of its sentence first ("Turkey deployed troops, signalling its support"), then the nearest
            subjects = [u for u in units if any(m.subject for m in u)]
            if not subjects and distance and wanted in ("thing", "plural"):
                # "it" and "they" reach back to a sentence's subject only: its other actors are rarely
                # what they stand for ("... the erstwhile capital of the Islamic State in Iraq, has produced
                # the same impact. As such, it has widened the gulf ...": the operation)
                continue
            pick = (subjects or units)[-1]
        if len(pick) > 1 and distance == 0 and any(m.subject and _in_clause_of(tok, m, nearest=False) for m in pick):
            # "Saudi Arabia, the UAE and Egypt barred Qatari planes from their airspace": each its own, not
            # one another's
            return None
        # the nearest first, then the others of its list, the first named first
        return list({m.actor: m for m in (pick[-1], *pick)}.values()), distance
    return None


def _speaker(tok: Any, at: Mapping[int, ActorMention]) -> ActorMention | None:
    """ "We will keep supplying weapons," Germany said: the subject of the reporting verb a quote hangs on."""
    t = tok
    for _ in range(8):
        # the verb that reports the quote, not any verb the clause hangs on ("he'd work to ensure that Iran
        # comprehends that we will not ...": not Iran)
        if t.dep_ in ("ccomp", "parataxis") and t.head.tag_.startswith("VB") \
                and _norm(t.head.text) in _REPORTING_VERBS:
            return _subject_actor(t.head, at)
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _subject_actor(verb: Any, at: Mapping[int, ActorMention]) -> ActorMention | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            m = at.get(c.i)
            if m is None:
                for g in c.children:
                    if g.dep_ in ("amod", "compound", "poss") and g.i in at:
                        m = at[g.i]
            if m is not None and m.role == "actor":
                return m
    return None


_QUOTES = frozenset('"\u201c\u201d')
# Verbs a quote hangs on as their complement (the parse has no lemmas: every form of these lemmas; mentions'
# REPORTING among them)
_REPORTING_VERBS = verb_set(
    "say tell add declare write state insist warn note explain argue continue ask stress tweet announce claim "
    "reply respond vow pledge promise assure urge caution acknowledge admit recall remark comment conclude "
    "emphasize lament complain charge contend maintain reiterate affirm confirm deny")


def quote_speaker(doc: Any, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The actor a quote in ``doc`` is attributed to (' "We have made progress," Kerry told
    reporters.', '..." said Kerry.'), or None: what "we" means in the next sentence when the quote
    goes on there. Read from the words after the closing quote, not from the parse, so that it holds
    whether or not the sentence was parsed."""
    at = {i: m for m in mentions if m.actor for i in range(m.start, m.end)}
    for q in (t.i for t in doc if t.text in _QUOTES and t.i):
        window = doc[q + 1:q + 8]
        said = next((t.i for t in window if t.lower_ in REPORTING), None)
        if said is None:
            continue
        named = [at[i] for i in range(q + 1, said) if i in at] or [at[i] for i in range(said + 1, said + 6) if i in at]
        if named:
            return named[-1] if named[-1].start < said else named[0]
    return None


#: Confidence factor of the article's main actor taken as the acting side of a cue that has none
#: ("Missile strikes on Syria ... have many leaders wondering" in an article about Trump).
IMPLIED_FACTOR = 0.7


def main_actor(title: Sequence[Any], mentions: Sequence[Any]) -> str | None:
    """The actor an article is about as the one acting: the first actor its title names, when it is
    named at least twice in the text; else the most named one when it is named at least twice
    as often as any other; else None. Office holders count ("Trump's debut": the United States).

    >>> from types import SimpleNamespace as M
    >>> main_actor([M(actor="USA")], [M(actor="UN"), M(actor="USA"), M(actor="UN"), M(actor="USA")])
    'USA'
    >>> main_actor([], [M(actor="IRN"), M(actor="USA")]) is None
    True
    """
    counts: dict[str, int] = {}
    for m in mentions:
        if m.actor:
            counts[m.actor] = counts.get(m.actor, 0) + 1
    ranked = sorted(counts, key=lambda a: -counts[a])  # stable: the first named wins a tie
    first = next((m.actor for m in title if m.actor), None)
    if first is not None and counts.get(first, 0) >= 2:
        return first
    if ranked and (len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]):
        return ranked[0]
    return None


# "The final day ... Thursday will include meetings": the parser takes a weekday for a subject
_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday".split())


def _governing_verb(t: Any) -> Any:
    """The verb a noun hangs under through objects and prepositions ("caps the day with a working
    dinner with ...": caps), or the last noun reached."""
    while t.dep_ in ("pobj", "prep", "dobj", "conj", "compound", "appos") and t.head.i != t.i:
        t = t.head
    return t


def governing_subject(doc: Any, head: int) -> Any:
    """The subject of the verb a noun cue with no owner hangs under ("He caps the day with a working
    dinner with the presidents of ...": He), or None."""
    t = doc[head]
    if not t.tag_.startswith("NN") or any(c.dep_ in ("poss", "agent") for c in t.children):
        return None
    v = _governing_verb(t)
    return next((c for c in v.children if c.dep_ == "nsubj"), None) if v.tag_.startswith("VB") else None


def unnamed_agent(doc: Any, head: int) -> bool:
    """True when the cue at token ``head`` names no one acting: a verb with no subject of its own or
    through the verbs it depends on ("to hunt down and kill members of X" after "Trump vowed"), a
    noun with no owner and none acting for the verb it hangs on ("Missile strikes on Syria", "The
    final day will include meetings with ..."). A subject the parse found that is no actor (a person
    the codebook does not know, "the report") is someone else acting: not unnamed."""
    t = doc[head]
    if t.tag_.startswith("NN"):
        if any(c.dep_ in ("poss", "agent") for c in t.children) or any(
                p.dep_ == "prep" and p.lower_ == "by" for p in t.children):
            return False
        # "talks held by X", "a meeting he chaired": only a named person or pronoun acting counts
        t = _governing_verb(t)
        if t.dep_ == "acomp":
            t = t.head  # "which was responsible for the assassination of"
        if not t.tag_.startswith("VB"):
            return True
        # and "Gülen, who was responsible for the assassination of": the one named that the relative clause
        # describes (not "his sweep, which will include visits to Jordan")
        named = ("NNP", "NNPS", "PRP")
        return not any(c.dep_ in ("nsubj", "nsubjpass", "agent") and (c.tag_ in named or c.lower_ in ("which", "who")
                       and t.dep_ == "relcl" and t.head.tag_ in named) and c.lower_ not in _WHEN for c in t.children)
    for _ in range(6):
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent", "expl") for c in t.children):
            return False
        if t.dep_ in ("xcomp", "conj", "advcl") and t.head.i != t.i and t.head.tag_.startswith("VB"):
            t = t.head
            continue
        return t.dep_ == "ROOT"
    return False
