"""The nearest-actor fallback: the other side of a cue whose parse gives one side only.

When the parse gives one side only, a fallback takes the nearest actor named
on the missing side, in the cue's clause, then its sentence; never an actor
in another preposition's phrase or another verb's object for the acting side
("consultation with the United States"), never one behind a preposition the
cue does not take for the other ("lodge a challenge with the WTO"), and with
the actors listed with it ("leaders of Jordan, Britain and Egypt"). None is
taken where the parse names the missing side and it is no actor ("funded and
armed by a variety of Gulf states", "Mubarak ... recognized Israel"), for a
gathering named by its forum or host that only dates the clause ("after the
G-20 meeting, EU leaders ..."), nor behind a hostile act inside what a
cooperation is about ("a blind eye to attacks on Iranians").
"""

from __future__ import annotations

from typing import Any

from netviz.extract.cues import Hit
from netviz.extract.lexicon import _norm, verb_set
from netviz.extract.mentions import STANDING, ActorMention
from netviz.extract.sides import (
    _NOMINAL,
    _OBJECT_CONTROL,
    _OBJECTS,
    _OPPOSE,
    _RELATIVE,
    _SUBJECTS,
    Link,
    Side,
    Sides,
    _inside,
    _prep_is,
    denied,
    is_dash,
    spoken_of,
)

_HOSTILE = frozenset("against on at".split())
# Dependencies that open a clause of their own: the nearest-actor fallback stays inside one.
_CLAUSES = frozenset("ROOT conj ccomp advcl relcl parataxis".split())
# Prepositions whose object dates or places the clause: "after the G-20 meeting", "since the Singapore summit".
_TIME_PREPS = frozenset("after before since during following until amid at".split())
_GATHERINGS = frozenset("summit summits meeting meetings talks conference conferences session sessions forum "
                        "gathering assembly".split())
# Verbs whose subject is no agent of the infinitive they take ("the aim is to support", "they were the first
# leaders to visit", "the focus remains combating").
_COPULAS = verb_set("be remain become seem appear") | {"is", "are", "'s", "'re"}


class Fallback(Sides):
    """The fallbacks of :class:`~netviz.extract.linking.Linker` (a cue's sides read from the parse first)."""

    def _fallback(self, hit: Hit, h: Any, links: list[Link]) -> list[Link]:
        """A cue with one side found and no actor on the other: the nearest actor named on the missing
        side of the cue in the sentence (the parse often misattaches across dashes, quotes and long
        asides: on the dev gold this recovers relations at a measured, lower confidence)."""
        if any(lk.pairing == "within" or lk.agents and lk.patients for lk in links) or not links:
            return []
        main = links[0]
        if not main.agents and not main.patients or hit.cue.pos == "role":
            return []
        if h.dep_ in ("amod", "compound") and (h.tag_.startswith("VB") or hit.cue.pos == "verb" and h.lower_.endswith(
                ("ed", "en", "ing"))):
            return []  # "the U.S.-backed coalition", "the isolated country": the parse found whom it describes
        if not main.agents and spoken_of(hit, h):
            return []  # "France condemned the attack on Syria": who spoke of the attack did not make it
        # the parse found the missing side, and it is no actor ("urging the public"): nothing to fill in
        filled_object = any(c.dep_ in _OBJECTS for c in h.children) or bool(
            hit.cue.preps and [c for c in h.children if c.dep_ == "prep" and _prep_is(c, hit.cue.preps)])
        filled_subject = any(c.dep_ in _SUBJECTS for c in h.children)
        acting = _acting_word(h) if main.patients and not filled_subject else None
        if acting is not None and (acting.tag_.startswith("NN") and acting.lower_ not in STANDING
                                   or acting.lower_ in ("i", "we", "you")) and not self.side(acting, ()):
            # the parse names the acting side elsewhere, and it is no actor: "the opposition is funded and
            # armed by a variety of Gulf states", "Mubarak supported U.S. policy and recognized Israel",
            # "remittances help fund the regime", an "I" or "we" no speaker was found for (a third-person
            # pronoun left unresolved, or a bare unit of some actor, "let generals use airpower to support
            # Afghan forces", is still filled in below)
            return []
        if main.agents and not main.patients and h.dep_ == "acl" and h.tag_ == "VBN" \
                and h.head.tag_.startswith("NN") and not self.side(h.head, ()) \
                and not any(c.lower_ in _RELATIVE for c in h.children):
            return []  # "Mubarak, regarded by Israel as an ally": the one the participle describes is no actor
        if main.agents and filled_object or main.patients and filled_subject:
            # "condemned the deployment of Wagner fighters": an actor inside the argument the parse found
            deps = (_OBJECTS + ("prep",)) if main.agents else _SUBJECTS
            role = "object" if main.agents else "subject"
            taken = {s.mention.actor for s in (*main.agents, *main.patients)}
            for c in h.children:
                if c.dep_ not in deps or c.dep_ == "prep" and not (hit.cue.preps and _prep_is(c, hit.cue.preps)):
                    continue
                opposed = main.agents and _norm(h.text) in _OPPOSE
                inside = sorted({m for m in self.at.values() if m.role == "actor" and m.actor not in taken
                                 and _inside(self.doc[m.head], c) and not denied(self.doc[m.head])},
                                key=lambda m: m.start)
                # "the regime of Syrian President Bashar Assad": the actor by name, not through the generic word
                named = {m.actor: m for m in reversed(inside) if m.factor == 1.0}
                for m in dict.fromkeys(named.get(m.actor, m) for m in inside):
                    # the words from the actor up to the argument (the actor itself when it heads it)
                    up = [self.doc[m.head], *self.doc[m.head].ancestors]
                    path = up[:max(1, next(k for k, t in enumerate(up) if t.i == c.i))]
                    if main.agents and not opposed and any(t.dep_ not in _NOMINAL or t.dep_ == "amod" and any(
                            c.dep_ == "prep" for c in t.children) for t in path):
                        # "greeting leaders attending the memorial for South Africa's president", "offered
                        # rewards to those who killed Americans", "countries closer to the battlefields of the
                        # war against ISIS": an actor in a clause (or an adjective's own phrase) inside the
                        # argument is a party to that clause, not to the cue
                        continue
                    if opposed and any(t.i in self.hits for t in path):
                        continue  # "vetoed a resolution condemning Syria": the cue inside takes it
                    if not opposed and c.i in self.hits and path[-1].dep_ == "prep" and path[-1].lower_ != "by" \
                            and self._hostile(c):
                        # "offering bounties on Americans", "condemns the attack in Lahore, Pakistan": whom
                        # a hostile act in the argument is on is its target, not the cue's other side
                        continue
                    if not opposed and hit.cue.sign > 0 and any(
                            t.dep_ == "prep" and t.lower_ == "against" or t.i in self.hits and self._hostile(t)
                            for t in path[1:]):
                        # "turning a blind eye to Saddam's use of chemical weapons against Iranian soldiers":
                        # the target of a hostile act inside what a cooperation is about is no partner
                        continue
                    sign = main.sign
                    if opposed and any(t.dep_ == "prep" and t.lower_ in _HOSTILE for t in path):
                        sign = 1  # "blocked action against Syria": on Syria's side
                    side = (Side(m, (f"{c.dep_}({h.text}, {c.text})", f"inside '{c.text}'")),)
                    rule = "blocked action against the actor" if sign > 0 and opposed else f"actor inside the {role}"
                    return [Link(hit, rule, main.agents, side, sign=sign, notes=main.notes) if main.agents
                            else Link(hit, rule, side, main.patients, sign=main.sign, notes=main.notes)]
            return []
        if _dated_by(h) and all(self.doc[s.mention.head].head.i == h.i and self.doc[s.mention.head].dep_ in (
                "compound", "amod", "nmod") for s in (*main.agents, *main.patients)):
            # "After the G-20 meeting in Mexico, EU leaders will gather", "Since the Singapore summit, North
            # Korea has shown": an event named by its forum or host that dates or places the clause is no
            # act of the clause's actors (but "Pompeo was told after a meeting with Kim": Pompeo met Kim)
            return []
        taken = {s.mention.actor for s in (*main.agents, *main.patients)}
        seen: dict[str, ActorMention] = {}
        for m in sorted(set(self.at.values()), key=lambda m: m.start):
            if m.role == "actor" and m.actor not in taken and not denied(self.doc[m.head]):
                seen.setdefault(m.actor + str(m.start), m)
        clause = _clause(h)
        words = {_norm(self.doc[k].text) for k in hit.tokens}  # "calls on Russia to end"
        partner = ("with",) if hit.cue.sign > 0 else ()
        described = self._described(h, taken) if main.patients else None
        if described is not None:
            return [Link(hit, "the actor a dash aside describes", described, main.patients, sign=main.sign,
                         notes=main.notes)]
        for scope in ("clause", "sentence"):
            # beyond its clause, the other side is named in a clause the cue governs ("threatening to destroy
            # North Korea", "demanding that Beijing increase"), never in a relative clause or another event
            # ("While Israel fights for recognition ..., Obama says"): on real articles the next actor
            # named anywhere in the sentence was right 2 times in 19. The acting side may be named in any
            # clause but a coordinated one: no clause structure told its right ones from its wrong ones
            near = {k: m for k, m in seen.items() if _clause(self.doc[m.head]).i == clause.i or scope == "sentence"
                    and (m.end <= h.i and not _coordinated(clause, _clause(self.doc[m.head]))
                         or m.start > h.i and _governs(h if h.dep_ not in _OBJECTS else h.head,
                                                       _clause(self.doc[m.head])))}
            # the acting side is no actor in a prepositional phrase ("consultation with the United States")
            # or the object of another verb ("assure the Palestinians ... while reassuring Israelis"),
            # unless it owns the phrase the cue is in ("Putin's motives for meddling in", "a Turkish decision
            # to ban")
            # ("NATO expansion and the invasion of Iraq": no side from a phrase coordinated with the cue's,
            # before it or after it: "Chinese economic aggression, Russian political subversion, or the
            # hostility of Iran")
            before = [m for m in near.values() if m.end <= h.i and (
                _preposition(self.doc, m) is None and self.doc[m.head].dep_ not in _OBJECTS
                or self.doc[m.head].dep_ in ("poss", "amod", "compound") and _inside(h, self.doc[m.head].head))
                and not _in_conjunct(self.doc[m.head], h)]
            # the other side is introduced by none of the cue's prepositions or by one of them
            # ("lodge a challenge with the WTO" is no warning to it); a partner by "with"
            # ("the treaty and relations with Israel": a phrase of the cue's own after the last conjunct is shared)
            after = [m for m in near.values() if m.start > h.i and not self._other_cues(m, h, hit)
                     and _preposition(self.doc, m, h.i) in (None, *(p[-1] for p in hit.cue.preps), *words, *partner)
                     and not (_in_conjunct(self.doc[m.head], h) and not _introduced_by(self.doc, m, hit.cue.preps))]
            if hit.cue.prep_required and (h.tag_.startswith("VB") or scope == "sentence"):
                # "worked with Y", "voted against X": without one of the cue's prepositions a verb names no
                # other actor, and the next actor named ("before France arrived") is none. A noun keeps
                # its clause ("Chinese aggression in the South China Sea ... the US"): on the dev gold
                # that finds as many right pairs as wrong ones, its sentence mostly wrong ones.
                after = [m for m in after if _introduced_by(self.doc, m, hit.cue.preps)]
            # a list that holds the side already found is that side's company, not its counterpart ("the
            # leaders of Britain, the US and France condemned the attack as an assault on UK sovereignty")
            if main.patients and before:
                listed = self._listed(before[-1], f"nearest before '{h.text}'")
                if taken & {s.mention.actor for s in listed}:
                    return []
                return [Link(hit, f"nearest actor before the cue in its {scope}", listed, main.patients,
                             sign=main.sign, notes=main.notes)]
            if main.agents and after:
                listed = self._listed(after[0], f"nearest after '{h.text}'")
                if taken & {s.mention.actor for s in listed}:
                    return []
                return [Link(hit, f"nearest actor after the cue in its {scope}", main.agents, listed,
                             sign=main.sign, notes=main.notes)]
        return []

    def _other_cues(self, m: ActorMention, h: Any, hit: Hit) -> bool:
        """Whether the actor is inside the cue's phrase as the object of another cue's verb ("an agreement on
        how to drive out al-Nusra": al-Nusra is driven out, no party to the agreement; but "accusations that
        Russia is selling helicopters": the one accused acts)."""
        if not _inside(self.doc[m.head], h):
            return False
        t = self.doc[m.head]
        while t.i != h.i:
            if t.head.i in self.hits and t.head.i not in hit.tokens and t.head.tag_.startswith("VB"):
                return t.dep_ not in _SUBJECTS + ("nsubjpass",)
            t = t.head
        return False

    def _hostile(self, tok: Any) -> bool:
        """Whether a cue word of the sentence is hostile (its lexicon entries are conflict)."""
        entries = self.cues._index.get(_norm(tok.text), ())
        return bool(entries) and all(p.cue.sign < 0 for p, _ in entries)

    def _described(self, h: Any, taken: set[str]) -> tuple[Side, ...] | None:
        """The actor named right before a dash that opens an aside holding the cue ("Japan – embroiled in
        a dispute with China –"): the parser hangs such asides anywhere, but what they describe is the
        phrase they follow."""
        for k in range(h.i - 1, max(-1, h.i - 25), -1):
            t = self.doc[k]
            if is_dash(t):
                m = self.at.get(k - 1)
                opening = sum(is_dash(d) for d in self.doc[:k]) % 2 == 0
                closed = any(is_dash(d) for d in self.doc[h.i + 1:])
                if m is None or m.role != "actor" or m.actor in taken or m.end != k or not opening or not closed:
                    return None
                return (Side(m, (f"aside after '{m.text}'",)),)
            if t.text in (";", "(", ")", '"', "\u201c", "\u201d") or t.dep_ in ("relcl", "ccomp") and t.i < h.i:
                return None
        return None


def _clause(tok: Any) -> Any:
    """The verb heading the clause a token is in (a conjoined verb, a subordinate clause open their own)."""
    t = tok
    for _ in range(30):
        if t.dep_ in _CLAUSES and (t.tag_.startswith("VB") or t.dep_ == "ROOT"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _dated_by(h: Any) -> bool:
    """Whether a noun cue is a gathering that dates or places the clause it hangs on ("after the summit",
    "during the talks", "at the meeting"; not "after the Russian annexation, Ukraine ...": an act's
    target may well be the clause's actor)."""
    return h.tag_.startswith("NN") and h.dep_ == "pobj" and h.head.lower_ in _TIME_PREPS and h.lower_ in _GATHERINGS


def _acting_word(v: Any, depth: int = 0) -> Any:
    """The word the parse gives as the acting side of verb ``v`` when it is not ``v``'s own subject (the
    agent of a passive, the subject or controlling object a complement or a coordinated verb shares), or
    None: the slots :meth:`~netviz.extract.sides.Sides.subjects` reads, whether or not they name an actor."""
    if depth > 4 or not v.tag_.startswith("VB"):
        return None
    subject = next((c for c in v.children if c.dep_ in (*_SUBJECTS, "nsubjpass")), None)
    if depth and subject is not None:
        return subject
    # (coordinated passives share their agent: "is funded and armed by")
    by = next((o for w in (v, *v.conjuncts) for c in w.children if c.dep_ == "agent" for o in c.children
               if o.dep_ == "pobj"), None)
    if by is not None:
        return by
    if v.dep_ == "xcomp" and _norm(v.head.text) not in _COPULAS:
        if _norm(v.head.text) in _OBJECT_CONTROL:
            obj = next((c for c in v.head.children if c.dep_ in _OBJECTS), None)
            if obj is not None:
                return obj
        return _acting_word(v.head, depth + 1)
    if v.dep_ == "conj" and v.head.tag_.startswith("VB") and not any(c.dep_ == "mark" for c in v.children):
        return _acting_word(v.head, depth + 1)
    return None


def _governs(top: Any, clause: Any) -> bool:
    """Whether ``clause`` (a clause's head) is ``top`` or one of its arguments, directly or through
    others: never through a coordinated clause ("fought to overthrow Gadhafi and praised al Qaeda's
    leader": each verb has its own object), nor through one with a subject of its own that is relative
    ("a deal that keeps close ties with the EU") or opened by a subordinator other than "that"
    ("while", "when" ...). A clause with no subject of its own states the cue's purpose or content
    ("airstrikes to support Turkey's offensive against the Islamic State")."""
    t = clause
    for _ in range(30):
        if t.i == top.i:
            return True
        own = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in t.children)
        if t.dep_ in ("conj", "parataxis") or own and (t.dep_ == "relcl" or any(
                c.dep_ == "mark" and c.lower_ != "that" for c in t.children)):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _in_conjunct(tok: Any, cue: Any) -> bool:
    """Whether ``tok`` is inside a noun phrase listed with a noun cue's, coordinated or (as the parser
    often hangs a list) in apposition or as a second subject ("NATO expansion and the invasion",
    "aggression, Russian subversion and ..."); coordinated verbs share their object ("had invaded and
    annexed eastern Ukraine")."""
    listed = [*cue.conjuncts, *(c for c in cue.children if c.dep_ == "appos"),
              *(c for c in cue.head.children if c.i != cue.i and c.dep_ == cue.dep_ and c.dep_ in ("nsubj", "dobj"))]
    return cue.tag_.startswith("NN") and any(_inside(tok, c) for c in listed)


def _coordinated(a: Any, b: Any) -> bool:
    """Two clauses joined by "and"/"but": each states its own event ("jets bombed X, and Iran backed Y")."""
    return a.i != b.i and (b.dep_ == "conj" and b.head.i == a.i or a.dep_ == "conj" and a.head.i == b.i
                           or a.dep_ == b.dep_ == "conj" and a.head.i == b.head.i)


def _introduced_by(doc: Any, m: ActorMention, preps: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of ``preps`` introduces the actor: its phrase is their object ("with the Russian
    army"), or they stand right before it ("against Iran") when the parse attached it elsewhere."""
    t = doc[m.head]
    for _ in range(6):
        if t.dep_ == "prep":
            # "out of X", "on behalf of X": the phrase may start a preposition or a noun earlier
            outer = t.head.head if t.head.dep_ == "pobj" else t.head
            return _prep_is(t, preps) or outer.dep_ == "prep" and _prep_is(outer, preps)
        if t.dep_ not in ("pobj", "pcomp", "conj", "appos", "compound", "amod", "nmod", "poss") or t.head.i == t.i:
            break
        t = t.head
    k = m.start
    while k > 0 and doc[k - 1].tag_ in ("DT", "PDT", "PRP$", "JJ", "CD"):
        k -= 1
    words = tuple(_norm(w.text) for w in doc[max(0, k - 4):k])
    return any(words[len(words) - len(p):] == p for p in preps)


def _preposition(doc: Any, m: ActorMention, cue: int = -1) -> str | None:
    """The preposition whose phrase holds the actor ("with the Russian army" -> "with"), or None; the
    "of" of the cue's own noun counts ("a warning of a WTO challenge")."""
    t = doc[m.head]
    for _ in range(8):
        if t.dep_ == "pobj":
            p = t.head
            if p.lower_ in ("of", "from", "by") and p.head.tag_.startswith("NN") and p.head.dep_ != "ROOT" \
                    and not (p.lower_ == "of" and p.head.i == cue):
                t = p.head  # "leaders of Jordan", "an effort by the U.S.": the phrase they are in
                continue
            return _norm(p.text)
        if t.dep_ not in ("conj", "appos", "compound", "amod", "nmod", "poss") or t.head.i == t.i:
            return None
        t = t.head
    return None
