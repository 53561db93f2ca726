"""The actors on one side of a cue, read from the dependency parse.

:class:`Sides` answers, for one parsed sentence, which actors a token stands
for (over its conjuncts, "as well as", appositions, co-listed modifiers and
"of" objects: "leaders of France and Israel", "U.S., allied and Afghan
forces"), who acts for a verb (its subject, or the one it shares with the
verb it is coordinated with or depends on, the noun a relative or
participle clause hangs on, the agent of a passive), and the objects of a
cue's prepositions. :class:`netviz.extract.linking.Linker` builds the links
of each cue from these.

Where the parser is known to go wrong, the words say more than the arcs: a
list of titled subjects broken in two ("US chairman Dunford, Russian chief
Gerasimov and Turkey's chief Akar met"), the last verb of a list hung on a
relative clause inside it ("has left X, cut funding for the agency that
helps refugees and sparked a trade war"), a list that goes on after an
aside between dashes ("Japan – embroiled in a dispute with China – as well
as the United States"). A denied member ("Moscow, and not Washington"; "neither
A nor B") is on no side; a relative clause on one member of a list describes
that member alone when it parts the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from netviz.extract.cues import Hit
from netviz.extract.lexicon import Cues, _norm, verb_set
from netviz.extract.mentions import ActorMention, stand_for
from netviz.extract.request import ASK_VERBS

_SUBJECTS = ("nsubj", "csubj")
_OBJECTS = ("dobj", "dative", "oprd")
_RELATIVE = frozenset("who whom which that".split())
# Verbs whose object is the subject of their complement: "urged Iran to return".
_OBJECT_CONTROL = verb_set("urge ask call press persuade force help push pressure invite encourage allow tell order "
                           "convince lead prompt get want")
_BLAME = frozenset("for over".split())
# Cues that oppose what their object does: blocking action against X takes X's side.
_OPPOSE = verb_set("block veto oppose reject obstruct thwart stymie resist")
# Verbs whose object is an act they judge or examine ("condemned the attack on Syria", "discussed the war"):
# not the verbs that also tell one's own acts ("recalled", "described", "denied", "reported strikes on ISIS").
_SPEAK_OF = verb_set("condemn denounce decry deplore criticize investigate probe discuss debate mourn")
# Dependencies inside a noun phrase (no clause): where an actor named in an argument can hang.
_NOMINAL = frozenset("compound amod nmod poss pobj prep appos conj cc npadvmod nummod det".split())


@dataclass(frozen=True)
class Side:
    """One actor on one side of a cue, and the dependency arcs from the cue to it."""

    mention: ActorMention
    arcs: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """What one cue links: the acting side, the other side and how.

    ``pairing`` is ``cross`` (every agent with every patient) or ``within``
    (the agents with each other: reciprocal cues, co-agents). ``sign``
    overrides the cue's sign (``alongside`` is +1, ``against`` -1).
    """

    hit: Hit
    rule: str
    agents: tuple[Side, ...] = ()
    patients: tuple[Side, ...] = ()
    pairing: str = "cross"
    sign: int = 0
    notes: tuple[str, ...] = field(default=())
    #: the token whose modifiers govern the link, when not the cue's own ("did not veto a resolution
    #: that would have condemned X": the veto's, not the resolution's)
    governor: int | None = None
    #: hedges of the link's own reading (word, factor): its acting side is only asked to act ("urged
    #: Obama to hold talks with Hamas", :mod:`netviz.extract.request`)
    hedges: tuple[tuple[str, float], ...] = ()


class Sides:
    """Where the actors of one parsed sentence stand towards its words."""

    def __init__(self, doc: Any, at: Mapping[int, ActorMention], resolved: Mapping[int, ActorMention],
                 cues: Cues, second: Mapping[int, tuple[ActorMention, ...]] = {}, hits: Sequence[Hit] = ()) -> None:
        self.doc, self.at, self.resolved, self.cues = doc, at, resolved, cues
        # "the two countries": the second of the pair; "they": the others of a list; "the six powers":
        # the other members of the group the article names
        self.second = second
        self.hits = {h.head: h for h in hits}  # every cue of the sentence by its head token ("i in self.hits")
        # each cue's links, made once: a cue's purpose reads the links of the cue it serves (linking.Linker)
        self.linked: dict[Hit, list[Link]] = {}

    def side(self, tok: Any, arcs: tuple[str, ...], place: bool = False, clause: Any = None) -> list[Side]:
        """The actors a token stands for, over its conjuncts ("Britain, France and Germany", "Syria as well
        as Iran"); an apposition stands for the actors it describes ("Russia and China, Security Council
        members that ..."). A conjunct negated ("Moscow, and not Washington") is no side of it; ``clause``,
        the relative or participle clause that led to ``tok``, leaves out the conjuncts after it ("Russia,
        which supports Assad, and Turkey": the clause describes Russia only)."""
        out: list[Side] = []
        seen: set[str] = set()
        if tok.lower_ == "none":  # "led by none other than the commander of Iran's Quds Force"
            than = next((o for c in tok.children if c.lower_ == "other" for p in c.children if p.lower_ == "than"
                         for o in p.children if o.dep_ == "pobj"), None)
            if than is not None:
                tok, arcs = than, (*arcs, f"none other than '{than.text}'")
        named = tok.head.i in self.at or tok.head.i in self.resolved  # not "U.S. allies South Korea and Japan"
        first = tok.head if tok.dep_ == "appos" and named and stand_for(tok.head, self.at, self.resolved) else tok
        if denied(first):
            return []  # "neither Britain nor France has recognised Kosovo"
        # a clause hanging on one member of a list describes that member alone when it parts the list or
        # another member has a clause of its own ("Russia, which supports Assad, and Turkey, which ...")
        alone = clause is not None and clause.head.i == tok.i
        listed = [t for t in _conjuncts(first) if not _negated(t) and not (alone and (
            t.i > clause.i > tok.i or any(c.dep_ in ("relcl", "acl") for c in t.children)))]
        for t in (first, *listed):
            step = (f"conj({first.text}, {t.text})",) if t is not first else ()
            base = t  # where co-listed modifiers are looked for
            # "tariffs on $60 billion of US goods", "billions of dollars in Chinese imports": what is counted
            for _ in range(3):
                counted = [o for p in base.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                           for o in p.children if o.dep_ == "pobj"] if _quantity(base) and base.i not in self.at else []
                if not counted:
                    break
                step, base = (*step, f"prep({base.text}, ...)", f"pobj(..., {counted[0].text})"), counted[0]
            t = base
            # "India's old enemy, Pakistan": a common noun named by its apposition stands for the name
            for c in t.children if t.tag_ in ("NN", "NNS") and t.i not in self.at else ():
                if c.dep_ == "appos" and c.i > t.i and c.tag_ in ("NNP", "NNPS") and self.at.get(c.i) is not None \
                        and self.at[c.i].role == "actor":
                    step, base = (*step, f"appos({t.text}, {c.text})"), c
                    break
            got = stand_for(base, self.at, self.resolved, place)
            mistagged = base.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and base.tag_ in ("VBZ", "VBD", "VB")
            for c in base.children if got is None and (base.tag_.startswith("NN") or mistagged) else ():
                # "the Russian weapons company": a modifier of its compound; "Israeli and Hamas envoys",
                # the plural tagged as a verb: its modifier
                if mistagged and c.dep_ in ("amod", "compound", "nmod") and c.i < base.i and c.i in self.at \
                        and self.at[c.i].role == "actor":
                    got = (self.at[c.i], (f"{c.dep_}({base.text}, {c.text})",))
                    break
                if c.dep_ == "compound" and c.i not in self.at:
                    got = stand_for(c, self.at, self.resolved)
                    if got is not None:
                        got = (got[0], (f"compound({base.text}, {c.text})", *got[1]))
                        break
            if got is None:
                # "Kofi Annan, the special envoy of the United Nations": an apposition says whom he acts for
                for c in t.children if t.tag_ in ("NNP", "NNPS") else ():
                    if c.dep_ == "appos" and c.i > t.i:
                        got = stand_for(c, self.at, self.resolved)
                        if got is not None:
                            got, base = (got[0], (f"appos({t.text}, {c.text})", *got[1])), c
                            break
            if got is None:
                continue
            m, how = got
            if first is not tok:
                step = (f"appos({first.text}, {tok.text})", *step)
            found = [(m, how)]
            # "a combined US, Russian, Syrian and Jordanian force": coordinated modifiers
            # and "leaders of France and Israel": the coordinated objects of the "of" phrase
            named = [*base.children, *(o for p in base.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                                       for o in p.children if o.dep_ == "pobj")]
            for c in named:
                mine = c.i in self.at and self.at[c.i].actor == m.actor
                # "U.S., allied and Afghan forces": the list may run over the noun's other modifiers
                if c.dep_ in ("amod", "compound", "nmod", "pobj") and (mine or base.tag_ == "NNS" and c.i > m.head):
                    for cc in _conjuncts(c):
                        cm = self.at.get(cc.i)
                        if cm is not None and cm.role == "actor":
                            found.append((cm, (*how, f"conj({c.text}, {cc.text})")))
            # "the two countries": the second of the pair, also as the "of" object ("envoys of the two
            # countries"); "P5+1 negotiators": the other members of the group that modifies the noun
            for k in dict.fromkeys((t.i, m.head, *(c.i for c in named if c.dep_ == "pobj"))):
                found += [(x, (x.via,)) for x in self.second.get(k, ())]
            for fm, fhow in found:
                if fm.actor not in seen:
                    seen.add(fm.actor)
                    out.append(Side(fm, arcs + step + fhow))
        return out

    def subjects(self, v: Any, arcs: tuple[str, ...] = (), depth: int = 0) -> tuple[list[Side], str]:
        """The acting side of verb ``v`` and how it was found."""
        if depth > 4:
            return [], ""
        subs = [c for c in v.children if c.dep_ in _SUBJECTS or (depth and c.dep_ == "nsubjpass")]
        if subs and subs[0].lower_ in _RELATIVE and v.dep_ == "relcl":
            return self.side(v.head, arcs + (f"relcl({v.head.text}, {v.text})",), clause=v), "relative clause"
        if subs:
            # a long list of subjects is often parsed as two ("A, B's chief and C met"): each acts
            out = [s for c in subs for s in self.side(c, arcs + (f"{c.dep_}({v.text}, {c.text})",))]
            if len(subs) > 1:
                # and the members the broken list hangs as appositions inside the first ("US chiefs of staff
                # chairman Dunford, Russian chief of the general staff Gerasimov and Turkey's chief ... met")
                out += self.listed_inside(subs[0], arcs + (f"{subs[0].dep_}({v.text}, {subs[0].text})",),
                                          {s.mention.actor for s in out})
            elif len(out) == 1 and out[0].mention.listed is not None:
                # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt severed ...": a list of names the
                # parser read as the first and an apposition describing it
                out += [x for x in self.listed_inside(subs[0], arcs + (f"{subs[0].dep_}({v.text}, {subs[0].text})",),
                                                      {out[0].mention.actor})
                        if x.mention.listed == out[0].mention.listed]
            return out, "subject"
        for c in v.children:
            if c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return self.side(o, arcs + (f"agent({v.text}, by)", f"pobj(by, {o.text})")), "passive agent"
        dep, head = v.dep_, v.head
        aside = _aside(v, self.at)
        if aside is not None:
            return self.side(aside, arcs + (f"aside after '{aside.text}'",)), "participle aside"
        if dep == "xcomp":
            for c in head.children:
                if c.dep_ in _OBJECTS and _norm(head.text) in _OBJECT_CONTROL:
                    got = self.side(c, arcs + (f"xcomp({head.text}, {v.text})", f"dobj({head.text}, {c.text})"))
                    if got:
                        return got, "object of the governing verb"
                    if c.tag_.startswith("NN") and c.i < v.i and _norm(head.text) not in ASK_VERBS:
                        # "the crash prompted Gov. Walker to demand": the one prompted acts, and is no actor (one
                        # asked to act leaves the asker's stance, linking._requested)
                        return [], ""
            got, how = self.subjects(head, arcs + (f"xcomp({head.text}, {v.text})",), depth + 1)
            return got, how and "subject of the governing verb"
        if dep in ("acomp", "attr") or dep == "advcl" and head.tag_.startswith("VB") and v.tag_ == "JJ":
            got, how = self.subjects(head, arcs + (f"{dep}({head.text}, {v.text})",), depth + 1)
            return got, how and "subject of the copula"
        if dep == "conj" and (head.tag_.startswith("VB") or head.tag_ == "JJ"):
            clause = _as_clause(v, head)
            if clause is not None:
                # "ties have come under strain as the Turkish president has become alarmed": the parser
                # read "as" as a preposition and its clause's verb as coordinated with the main one
                return self.side(clause, arcs + (f"pobj(as, {clause.text})",)), "subject of an as-clause"
            listed = _open_list(v)
            if listed is not None:
                # "has left X, cut funding for the agency that helps refugees and sparked a trade war": the
                # last verb of the list, which the parser hung on the relative clause before it
                got, how = self.subjects(listed, arcs + (f"conj({listed.text}, {v.text})",), depth + 1)
                return got, how and "subject of the coordinated verb"
            got, how = self.subjects(head, arcs + (f"conj({head.text}, {v.text})",), depth + 1)
            return got, how and "subject of the coordinated verb"
        if dep == "advcl" and v.tag_ in ("VBG", "VBN") and not any(c.dep_ == "mark" for c in v.children):
            got, how = self.subjects(head, arcs + (f"advcl({head.text}, {v.text})",), depth + 1)
            return got, how and "participle clause"
        if dep == "advcl" and head.tag_.startswith("VB") and purpose_of(v) is not None:
            # "warplanes carried out airstrikes to support Turkey's offensive": an infinitive of purpose
            # has the subject of the verb it serves
            got, how = self.subjects(head, arcs + (f"advcl({head.text}, {v.text})",), depth + 1)
            return got, how and "purpose clause"
        if dep == "acl" and v.tag_ == "VBG":
            return self.side(head, arcs + (f"acl({head.text}, {v.text})",), clause=v), "participle"
        if v.tag_ == "VB" and (dep == "acl" or dep == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                       for c in v.children)):
            # "a plan to work with Russia": whose plan (its possessor, or the subject of the verb it is
            # the object of: "Washington unveiled a plan to ...", "warplanes carried out airstrikes to
            # support", which the parser may hang as a relative clause)
            step = arcs + (f"acl({head.text}, {v.text})",)
            for c in head.children:
                # "Iran's plan to", "the Afghan security forces ability to" (the parser's compound for a
                # possessor without its "'s"), "a Turkish decision to"
                if c.dep_ in ("poss", "compound", "amod") and c.i < v.i:
                    got = self.side(c, step + (f"{c.dep_}({head.text}, {c.text})",))
                    if got:
                        return got, "owner of the plan"
            if head.dep_ in _OBJECTS and head.head.tag_.startswith("VB") and _norm(head.head.text) not in _OPPOSE:
                # (not "Germany blocked a plan to send weapons": the plan is someone else's)
                got, how = self.subjects(head.head, step + (f"{head.dep_}({head.head.text}, {head.text})",), depth + 1)
                return got, how and "owner of the plan"
        if dep == "relcl":
            return [], ""
        if dep == "pcomp" and head.dep_ == "prep":
            gov = head.head
            if head.lower_ in _BLAME or head.lower_ == "of" and any(c.dep_ in _OBJECTS for c in gov.children):
                # "angered at B for supporting C", "praised X for helping": the one blamed acts
                for c in gov.children:
                    if c.dep_ in _OBJECTS:
                        got = self.side(c, arcs + (f"pcomp({head.text}, {v.text})", f"{c.dep_}({gov.text}, {c.text})"))
                        if got:
                            return got, "the one blamed or praised"
                    if c.dep_ == "prep" and c.lower_ in ("at", "with", "on", "against", "toward", "towards"):
                        for o in c.children:
                            if o.dep_ == "pobj":
                                got = self.side(o, arcs + (f"pcomp({head.text}, {v.text})",
                                                           f"prep({gov.text}, {c.text})", f"pobj({c.text}, {o.text})"))
                                if got:
                                    return got, "the one blamed or praised"
            if (head.lower_ in _BLAME or head.lower_ == "of") and gov.tag_ == "VBN":
                # "Qatar, accused by Saudi Arabia of backing Hamas", "Qatar was accused of ...": the one accused
                step = arcs + (f"pcomp({head.text}, {v.text})",)
                if gov.dep_ == "acl":
                    got = self.side(gov.head, step + (f"acl({gov.head.text}, {gov.text})",), clause=gov)
                else:
                    got = [s for c in gov.children if c.dep_ == "nsubjpass"
                           for s in self.side(c, step + (f"nsubjpass({gov.text}, {c.text})",))]
                if got:
                    return got, "the one blamed or praised"
            step = arcs + (f"prep({gov.text}, {head.text})", f"pcomp({head.text}, {v.text})")
            # "remains committed to supporting Ukraine", "defended the purchases as important to helping
            # Afghanistan": the subject of the verb the adjective complements
            for _ in range(3):
                if gov.tag_ != "JJ" or gov.head.i == gov.i or not (gov.dep_ in ("acomp", "oprd", "amod", "xcomp")
                                                                   or gov.dep_ == "prep" and gov.lower_ == "as"):
                    break
                step, gov = step + (f"{gov.dep_}({gov.head.text}, {gov.text})",), gov.head
                if gov.lower_ == "as" and gov.head.tag_.startswith("VB"):
                    step, gov = step + (f"prep({gov.head.text}, as)",), gov.head
            if gov.tag_.startswith("VB"):
                got, how = self.subjects(gov, step, depth + 1)
                return got, how and "subject of the governing verb"
        return [], ""

    def prep_objects(self, holders: list[Any], preps: tuple[tuple[str, ...], ...], inside: bool = False) -> \
            list[Side]:
        """Objects of the given prepositions under any of ``holders``; with ``inside``, the actors named
        inside an object that stands for none ("from attacks by the Taliban")."""
        out: list[Side] = []
        for h in holders:
            for c in h.children:
                if c.dep_ not in ("prep", "agent", "dative") or not _prep_is(c, preps):
                    continue
                p = _last_prep(c)
                for o in p.children:
                    if o.dep_ in ("pobj", "pcomp"):
                        arcs = (f"prep({h.text}, {c.text})", f"pobj({p.text}, {o.text})")
                        got = self.side(o, arcs, place=True)
                        if not got and inside:
                            got = self.named_inside(o, arcs)
                            # "from terror by the hands of al Qaeda": the parser hangs the phrase after the
                            # object on the verb
                            for c2 in h.children if not got else ():
                                if c2.dep_ == "prep" and c2.i == o.right_edge.i + 1 and c2.lower_ in ("by", "of"):
                                    got = self.named_inside(c2, (*arcs, f"prep({h.text}, {c2.text})"))
                        out += got
        return out

    def named_inside(self, tok: Any, arcs: tuple[str, ...]) -> list[Side]:
        """The actors named in a noun phrase's own modifiers and prepositional phrases (not in a clause
        inside it): "the deployment of Wagner fighters", "terror by the hands of al Qaeda and the Taliban".
        An actor named both by a generic word and by name ("the regime of Syrian President Bashar Assad")
        is taken by name, at no generic cost."""
        out: dict[str, Side] = {}
        for m in sorted(set(self.at.values()), key=lambda m: m.start):
            if m.role != "actor" or not _inside(self.doc[m.head], tok):
                continue
            path = [self.doc[m.head], *self.doc[m.head].ancestors]
            path = path[:next(k for k, t in enumerate(path) if t.i == tok.i)]
            if all(t.dep_ in _NOMINAL for t in path) and (m.actor not in out or out[m.actor].mention.factor < m.factor):
                out[m.actor] = Side(m, (*arcs, f"inside '{tok.text}'"))
        return list(out.values())

    def listed_inside(self, tok: Any, arcs: tuple[str, ...], taken: set[str]) -> list[Side]:
        """The actors of a list the parser hung inside a noun phrase as appositions and conjuncts: named
        on a path of noun-phrase arcs from ``tok`` that holds an apposition or a conjunct."""
        out: list[Side] = []
        for m in sorted(set(self.at.values()), key=lambda m: m.start):
            if m.role != "actor" or m.actor in taken or not _inside(self.doc[m.head], tok):
                continue
            up = [self.doc[m.head], *self.doc[m.head].ancestors]
            path = up[:next(k for k, t in enumerate(up) if t.i == tok.i)]
            if all(t.dep_ in _NOMINAL for t in path) and any(t.dep_ in ("appos", "conj") for t in path):
                taken.add(m.actor)
                out.append(Side(m, (*arcs, "listed inside", *(f"{t.dep_}({t.head.text}, {t.text})"
                                                              for t in reversed(path)))))
        return out

    def objects(self, v: Any, skip: tuple[str, ...] = ()) -> list[Side]:
        """The actors of ``v``'s objects (leaving out the arcs in ``skip``)."""
        return [s for c in v.children if c.dep_ in _OBJECTS and c.dep_ not in skip
                for s in self.side(c, (f"{c.dep_}({v.text}, {c.text})",))]

    # --- cues ----------------------------------------------------------------------

    def _passive_agent(self, h: Any, preps: tuple[tuple[str, ...], ...] = ()) -> tuple[list[Side], str]:
        for c in h.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                for o in c.children:
                    if o.dep_ == "pobj":
                        return self.side(o, (f"agent({h.text}, {c.text})", f"pobj({c.text}, {o.text})")), "passive agent"
        if any(c.dep_ == "auxpass" for c in h.children):
            # "Iran was angered at Turkey", "frustrated with Washington": the cause
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "with", "over") and not _prep_is(c, preps):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            got = self.side(o, (f"prep({h.text}, {c.text})", f"pobj({c.text}, {o.text})"))
                            if got:
                                return got, "cause of a passive"
        return [], ""

    def _listed(self, m: ActorMention, arc: str) -> tuple[Side, ...]:
        """A mention and the actors listed with it ("leaders of Jordan, Britain and Egypt")."""
        t = self.doc[m.head]
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i in self.at:
            t = t.head.head  # "the emir of Qatar": the phrase is listed, not the name
        return tuple(self.side(t, (arc,))) or (Side(m, (arc,)),)

    def _holders(self, hit: Hit, h: Any) -> list[Any]:
        toks = [self.doc[k] for k in sorted(hit.tokens)]
        out = [h, *[t for t in toks if t.i != h.i]]
        for t in list(out):
            out += [c for c in t.children if c.dep_ in ("dobj", "prt") and c.i not in hit.tokens]
        return out


def _conjuncts(tok: Any) -> list[Any]:
    """The words coordinated with ``tok``: its conjuncts, what "as well as" adds ("Syria as well as
    Iran", which the parser hangs as the object of the last "as"), and the list that goes on after an
    aside between dashes ("Japan – embroiled in a dispute with China – as well as the United States":
    the parser hangs it inside the aside)."""
    out = list(tok.conjuncts) + _after_aside(tok)
    for t in (tok, *out):
        for c in t.children:
            if c.lower_ == "as" and c.dep_ in ("cc", "prep") and c.i >= 2 and c.doc[c.i - 1].lower_ == "well":
                for o in c.children:
                    if o.dep_ in ("pobj", "conj"):
                        out += [o, *o.conjuncts]
    return out


# Nouns that count what their "of" phrase names ("$60 billion of US goods", "billions of dollars")
_COUNTS = frozenset("billions millions trillions thousands hundreds dollars worth tons tonnes barrels".split())


def _quantity(tok: Any) -> bool:
    """Whether a word is an amount ("$60 billion", "billions", "$34 billion worth")."""
    return tok.tag_ in ("CD", "$") or tok.lower_ in _COUNTS


def _aside(v: Any, at: Mapping[int, ActorMention]) -> Any:
    """ "The Russians, working with Iran, helped Assad": the name a participle clause between commas
    follows, for the participle and for the finite verb right after the clause when the parser hung them
    elsewhere (hung on the name, "acl", it is read as a participle already), or None."""
    if v.tag_ in ("VBG", "VBN") and v.dep_ == "advcl":
        return _named_before(v, at)
    if v.tag_ in ("VBD", "VBZ", "VBP"):
        return next((a for p in v.doc[max(0, v.i - 30):v.i] if p.tag_ in ("VBG", "VBN")
                     and p.dep_ in ("advcl", "acl") and p.right_edge.i == v.i - 2
                     and (a := _named_before(p, at)) is not None), None)
    return None


def _named_before(p: Any, at: Mapping[int, ActorMention]) -> Any:
    """The actor's token that a participle clause between commas describes, when that clause stands
    between the actor's name and a finite verb, or None."""
    doc, end = p.doc, p.right_edge.i
    if p.i < 2 or doc[p.i - 1].text != "," or end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    m = at.get(p.i - 2)
    if m is None or m.role != "actor" or m.end != p.i - 1:
        return None
    verb = next((t for t in doc[end + 2:end + 4] if t.tag_ != "RB"), None)
    return doc[m.head] if verb is not None and verb.tag_ in ("VBD", "VBZ", "VBP", "MD") else None


def purpose_of(v: Any) -> Any:
    """The word an infinitive of purpose serves ("aligned itself with X to combat Y", "an agreement on how
    to drive out Y"), or None: not an infinitive with a subject or a subordinator of its own, nor one with
    a clause that has its own subject before it ("count on whatever Moscow could do to help", where the
    parser hangs "to help" on "count")."""
    if v.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) or any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") for c in v.children):
        return None
    if v.dep_ in ("advcl", "acl", "xcomp") and _norm(v.head.text) not in _OBJECT_CONTROL:  # not "urged X to"
        gov = v.head
    elif v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.tag_.startswith("NN"):
        gov = v.head.head  # "an agreement on how to"
    else:
        return None
    lo, hi = sorted((gov.i, v.i))
    if any(t.tag_.startswith("VB") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
           for t in v.doc[lo + 1:hi]):
        return None
    return gov


def _as_clause(v: Any, head: Any) -> Any:
    """The subject of ``v`` that the parser took for the object of "as" (a conjunction), when ``v`` is
    coordinated with ``head`` with no "and" or "but" between them and that object ends right before ``v``
    and its auxiliaries ("... as the Turkish president, Erdogan, has become alarmed"), or None."""
    if any(c.dep_ == "cc" and head.i < c.i < v.i for c in head.children):
        return None
    first = min([v.i, *(c.i for c in v.children if c.i < v.i and c.dep_ in ("aux", "auxpass", "advmod", "neg"))])
    end = first - 1
    while end > head.i and v.doc[end].text == ",":
        end -= 1
    return next((n for n in v.doc[head.i + 1:end + 1] if n.dep_ == "pobj" and n.head.lower_ == "as"
                 and n.head.dep_ == "prep" and n.head.head.i == head.i and end <= n.right_edge.i <= first - 1), None)


def _open_list(v: Any) -> Any:
    """The verb heading a list of verbs that ``v`` ends, when the parser hung ``v`` on a relative or
    participle clause inside the list's last member instead: that verb's conjuncts are joined by commas
    with no "and" yet ("left X, cut Y for Z that helps W and sparked V"), and ``v`` has the "and"."""
    clause = v.head
    if clause.dep_ not in ("relcl", "acl") or not any(c.dep_ == "cc" and c.i < v.i for c in clause.children):
        return None
    t = clause.head
    for _ in range(6):
        if t.tag_.startswith("VB") and t.dep_ == "conj" and t.head.tag_.startswith("VB") \
                and not any(c.dep_ == "cc" for c in t.head.children):
            return t.head
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def denied(tok: Any) -> bool:
    """Whether a word is in a "neither ... nor" list: the sentence says none of them acts."""
    for t in (tok, tok.head if tok.dep_ == "conj" else tok):
        if any(c.dep_ in ("preconj", "det") and c.lower_ == "neither" or c.dep_ == "cc" and c.lower_ == "nor"
               for c in t.children):
            return True
    return False


def _negated(tok: Any) -> bool:
    """A conjunct the sentence denies: "Moscow, and not Washington", "Iran but never Iraq"."""
    return any(c.dep_ == "neg" for c in tok.children) or tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("not", "never")


def is_dash(t: Any) -> bool:
    """A dash that can open or close an aside: "–", "—", "--", or a hyphen with spaces around it (not the
    one of "Iran-backed")."""
    return t.text in ("\u2013", "\u2014", "--") or t.text == "-" and t.i > 0 and bool(
        t.doc[t.i - 1].whitespace_) and bool(t.whitespace_)


def _after_aside(tok: Any) -> list[Any]:
    """Conjuncts of ``tok`` the parser hung inside the aside between dashes that follows it."""
    doc, k = tok.doc, tok.right_edge.i + 1
    if k >= len(doc) or not is_dash(doc[k]):
        return []
    close = next((t.i for t in doc[k + 1:k + 40] if is_dash(t)), None)
    if close is None:
        return []
    return [c for t in doc[close + 1:close + 12] if t.dep_ == "conj" and k < t.head.i < close
            for c in (t, *(x for x in t.conjuncts if x.i > close))]


def _inside(tok: Any, phrase: Any) -> bool:
    """Whether ``tok`` is in the subtree of ``phrase``."""
    return phrase.left_edge.i <= tok.i <= phrase.right_edge.i and any(a.i == phrase.i for a in (tok, *tok.ancestors))


def _prep_is(tok: Any, preps: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a preposition token starts one of ``preps`` ("out of", "on behalf of")."""
    words = tuple(_norm(t.text) for t in tok.doc[tok.i:tok.i + 4])
    return any(words[:len(p)] == p for p in preps)


def _last_prep(tok: Any) -> Any:
    """The preposition whose object follows: "out of X" -> "of", "on behalf of X" -> "of"."""
    t = tok
    for _ in range(3):
        nxt = [c for c in t.children if c.dep_ in ("prep", "pobj") and c.i > t.i]
        if len(nxt) == 1 and nxt[0].dep_ == "prep":
            t = nxt[0]
            continue
        if len(nxt) == 1 and nxt[0].dep_ == "pobj" and nxt[0].lower_ in ("behalf", "side", "support", "cooperation",
                                                                         "coordination"):
            inner = [c for c in nxt[0].children if c.dep_ == "prep"]
            if inner:
                t = inner[0]
                continue
        break
    return t


def spoken_of(hit: Hit, h: Any) -> bool:
    """Whether a hostile noun cue is the object of a verb that judges or examines it: who "condemned the
    attack on Syria", "discussed the war" or "investigated the strikes against Israel" is no party to it,
    as the subject of a light verb is ("launched strikes against"). (A cooperation is another matter:
    who "discussed an agreement on" is party to it.)"""
    return h.dep_ in ("dobj", "nsubjpass") and _norm(h.head.text) in _SPEAK_OF \
        and hit.cue.sign < 0
