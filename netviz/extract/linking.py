"""The two sides of a cue, read from its dependency arcs.

For a verb cue the acting side is its subject (or, when it has none of its
own, the subject it shares: the verb it is coordinated with, the verb whose
complement it is, the noun a participle or relative clause hangs on), the
agent of a passive ("was shot down by X"), or the modifier of a participle
("X-backed Y"); the other side is its object, the object of one of the cue's
prepositions, or the subject of a passive. Noun, role and relationship cues
(and lists of co-agents, which act together) are read by
:class:`~netviz.extract.nouns.NounLinker`, which :class:`Linker` extends.

Every side is expanded over its conjuncts ("A, B, C and D cut ties with E":
each of A-D with E). "A and B accused each other": the cue between them.
Prepositions that put a third actor on the agent's side ("alongside", "on
behalf of", "with ... against") or against both sides of a cooperation ("a
plan to work with Russia against ISIS": both against ISIS, never Russia with
ISIS) make their own pairs; whoever brokered or hosted a reciprocal deal or
talks works with both parties ("a deal brokered by China"). "Angered at B for
supporting C": the one blamed or praised is the one who supported. "X is
allied with Y": the passive subject is one side. "Protect X from Y": Y is the
enemy of both. Opposing a cue takes the other side of it ("vetoed a
resolution condemning Syria", "blocked action against Syria": with Syria).
The purpose of a cooperation is every party's ("aligned itself with X to
combat Y", "an agreement on how to drive out Y": X and the subject both
against Y, never with it); a reciprocal cue's slot that holds a list relates
its members ("brought Russia and Turkey closer": not with whatever brought
them). "Joint", "combined", "jointly" relate every actor they qualify.

When the parse gives one side only, :class:`~netviz.extract.fallback.Fallback`
takes the nearest actor named on the missing side. Last, a link whose acting
side is only asked to act ("Egypt urged Israel to hold talks with Hamas",
:mod:`netviz.extract.request`) is hedged, and for a hostile act the asker
stands against its target ("Israel called on the United States to strike Iran").

Each :class:`Link` names its rule and carries, for each side, the arcs that
led from the cue to the actor: ``netviz explain`` shows them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from netviz.extract.cues import Hit
from netviz.extract.lexicon import _norm, verb_set
from netviz.extract.mentions import GROUP_VIA, stand_for
from netviz.extract.nouns import NounLinker
from netviz.extract.request import WANT_VERBS, asked_of
from netviz.extract.sides import (
    _OBJECT_CONTROL,
    _OBJECTS,
    _OPPOSE,
    _RELATIVE,
    Link,
    Side,
    _prep_is,
    purpose_of,
)

# Prepositions putting an actor on the agent's side, whatever the cue.
_ALONGSIDE = (("alongside",), ("on", "behalf", "of"), ("on", "the", "side", "of"), ("in", "support", "of"),
              ("together", "with"), ("along", "with"), ("in", "cooperation", "with"), ("in", "coordination", "with"))
_MEDIATE = frozenset("brokered mediated facilitated hosted".split())  # participles: "brokered by X"
# Cues that guard someone: whoever they are guarded from is the enemy of both sides ("protect X from Y").
_PROTECT = verb_set("protect defend shield guard safeguard rescue save shelter") | {"protection", "defense"}
# "Turn (to)" appeals to someone only without an object of its own ("turned to Russia for help").
_TURN = verb_set("turn")
# Verbs announcing what their subject will do to someone: the object of that act is their other side.
_THREATEN = verb_set("threaten vow pledge promise warn")


class Linker(NounLinker):
    """Links the cues of one parsed sentence: verbs here, nouns, roles and relationships in
    :class:`~netviz.extract.nouns.NounLinker`."""

    def link(self, hit: Hit) -> list[Link]:
        """Every link of one cue (empty sides included, for the explanation), hedged where its acting side is
        only asked to act (:meth:`_requested`)."""
        if hit not in self.linked:
            self.linked[hit] = self._requested(hit, self._link(hit))
        return list(self.linked[hit])

    def _link(self, hit: Hit) -> list[Link]:
        h = self.doc[hit.head]
        cue = hit.cue
        if cue.reciprocal and h.dep_ in ("amod", "advmod") and not h.tag_.startswith(("NN", "VB")) and not any(
                c.dep_ == "prep" and _prep_is(c, cue.preps) for c in h.children):
            # "a combined US, Russian and Jordanian force", "Iran and Iraq jointly ...": whom it qualifies;
            # not "countries closer to the battlefields of the war against ISIS and al-Qaeda": close to what
            # its own preposition names, which is no list of actors close to each other
            step = (f"{h.dep_}({h.head.text}, {h.text})",)
            sides = self.named_inside(h.head, step) if h.dep_ == "amod" else self.subjects(h.head, step)[0]
            if len({s.mention.actor for s in sides}) > 1:
                return [Link(hit, "reciprocal modifier", tuple(sides), pairing="within")]
        if cue.pos == "role":
            links = self._role(hit, h)
        elif cue.pos == "neutral":
            links = self._neutral(hit, h)
        elif h.tag_.startswith("NN") or cue.pos in ("noun", "phrase") and not h.tag_.startswith("VB"):
            links = self._noun(hit, h)
        else:
            links = self._verb(hit, h)
        links = links + self._alongside(hit, h, links)
        opposer = _opposer(h)
        if opposer is not None:
            # "vetoed a resolution condemning Syria", "opposed sanctions against Iran": who opposes the
            # cue takes the other side of it
            against, _ = self.subjects(opposer, (f"dobj({opposer.text}, ...)",))
            patients = tuple(p for lk in links if lk.pairing == "cross" for p in lk.patients)
            sign = -hit.cue.sign
            return [*(lk for lk in links if lk.agents),
                    Link(hit, "opposed by the subject of the verb", tuple(against), patients, sign=sign,
                         governor=opposer.i)]
        return links + self._fallback(hit, h, links)

    def _requested(self, hit: Hit, links: list[Link]) -> list[Link]:
        """Links whose acting side is only asked to act are hedged ("urged Obama to hold talks with Hamas");
        when the act asked for is hostile, the asker stands against its target ("Israel called on the United
        States to strike Iran": Israel against Iran)."""
        req = asked_of(self.doc, hit.head)
        if req is None:
            return links
        out: list[Link] = []
        for lk in links:
            if not any(req.asks(s.mention.head) for s in lk.agents):
                out.append(lk)
                continue
            out.append(replace(lk, hedges=((req.word.text, self.cues.hedge_factor("would")),)))
            if req.asker is not None and lk.pairing == "cross" and (lk.sign or hit.cue.sign) < 0:
                askers = self._askers(req.asker)
                patients = tuple(p for p in lk.patients if not req.asks(p.mention.head))
                if askers and patients:
                    out.append(Link(hit, "asker's stance", askers, patients, lk.pairing, lk.sign, lk.notes))
        return out

    def _askers(self, w: Any) -> tuple[Side, ...]:
        """Who asks with a verb (its subject, or the agent of a passive: "was urged by senators") or a
        request noun (its owner, or the subject of the verb that takes it: "ramped up their calls")."""
        if w.tag_.startswith("VB"):
            passive = any(c.dep_ == "auxpass" for c in w.children)
            return tuple((self._passive_agent(w) if passive else self.subjects(w))[0])
        owners = [s for c in w.children if c.dep_ in ("poss", "compound", "amod")
                  for s in self.side(c, (f"{c.dep_}({w.text}, {c.text})",))]
        if not owners and w.dep_ == "dobj":
            owners, _ = self.subjects(w.head, (f"dobj({w.head.text}, {w.text})",))
        return tuple(owners)

    def _verb(self, hit: Hit, h: Any) -> list[Link]:
        cue = hit.cue
        if _norm(h.text) in _TURN and any(c.dep_ == "dobj" for c in h.children):
            return []  # "turned their attention to ISIS", "turn a blind eye to": no appeal to anyone
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children)
        holders = self._holders(hit, h)
        patients = self.prep_objects(holders, cue.preps) if cue.preps else []
        rule = "prepositional object" if patients else ""
        if not patients or not cue.prep_required:
            if passive:
                for c in h.children:
                    if c.dep_ == "nsubjpass":
                        got = self.side(c, (f"nsubjpass({h.text}, {c.text})",))
                        if got:
                            patients, rule = patients + got, "passive subject"
            else:
                # a cue whose other side must come with its preposition takes no direct object: "discussed
                # Syria", "negotiated a deal" name a topic, not a partner (a slot, "drive * (out of)", does)
                topic = cue.prep_required and "*" not in cue.phrase.split()
                got = self.objects(h, ("dobj",) if topic else ())
                if got:
                    patients, rule = patients + got, rule or "object"
                elif _norm(h.text) in _OBJECT_CONTROL:
                    # "helping Afghanistan build an army": the parser makes the helped the subject of the
                    # complement
                    for c in h.children:
                        for g in c.children if c.dep_ in ("ccomp", "xcomp") and c.i > h.i and not any(
                                m.dep_ == "mark" for m in c.children) else ():
                            if g.dep_ == "nsubj" and g.i < c.i:
                                got = self.side(g, (f"{c.dep_}({h.text}, {c.text})", f"nsubj({c.text}, {g.text})"))
                                patients, rule = patients + got, rule or ("subject of its complement" if got else "")
                if not patients and _norm(h.text) in _THREATEN:
                    # "threatened to totally destroy North Korea", "vowed to crush the rebels": the object of
                    # the verb it announces (a cue of its own there takes it instead)
                    for c in h.children:
                        # (an infinitive in quotes is often parsed as an adverbial clause)
                        if c.i > h.i and c.i not in self.hits and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(
                                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                            got = [s for o in c.children if o.dep_ in _OBJECTS
                                   for s in self.side(o, (f"{c.dep_}({h.text}, {c.text})", f"{o.dep_}({c.text}, {o.text})"))]
                            patients, rule = patients + got, rule or ("object of its complement" if got else "")
        agents, how = self.subjects(h) if not passive else self._passive_agent(h, cue.preps)
        if passive and not agents and rule == "prepositional object":
            # "Hamas is allied with Iran", "the group is affiliated with al-Qaeda": the subject is one side
            for c in h.children:
                if c.dep_ == "nsubjpass" and c.lower_ in _RELATIVE and h.dep_ == "relcl":
                    agents, how = self.side(h.head, (f"relcl({h.head.text}, {h.text})",), clause=h), "passive subject"
                elif c.dep_ == "nsubjpass":
                    agents, how = self.side(c, (f"nsubjpass({h.text}, {c.text})",)), "passive subject"
        if cue.reciprocal and "*" in cue.phrase.split() and rule == "object" \
                and len({p.mention.actor for p in patients}) > 1:
            # "has brought Russia and Turkey a step closer": the cue's slot holds both parties; whoever or
            # whatever brought them is no party
            return [Link(hit, "reciprocal object", tuple(patients), pairing="within")]
        partners = self._shared_purpose(h, agents)
        if partners:
            agents, how = agents + partners, "shared purpose of a cooperation"
        if h.dep_ == "amod" and h.lower_ in ("led", "headed", "commanded"):
            return []  # "the Saudi-led coalition" is Saudi Arabia acting (mentions.stand_for)
        if h.dep_ in ("amod", "acl", "compound") and h.tag_ in ("VBN", "JJ", "VBD"):
            # "Iran-backed Hezbollah", "Houthi rebels, backed by Iran": the noun is the patient
            mods = [s for c in h.children if c.dep_ in ("npadvmod", "compound", "nmod", "advmod", "amod", "nsubj")
                    for s in self.side(c, (f"{c.dep_}({h.text}, {c.text})",))]
            noun = self.side(h.head, (f"{h.dep_}({h.head.text}, {h.text})",), clause=h)
            if mods:
                return [Link(hit, "compound", tuple(mods), tuple(noun))]
            if not agents:
                agents, how = self._passive_agent(h)
            if noun and not patients and not agents and cue.reciprocal:
                return [Link(hit, "reciprocal modifier", tuple(noun), pairing="within")]  # "a combined force"
            if noun and not patients:
                return [Link(hit, "participle" if agents else "participle, no agent", tuple(agents), tuple(noun))]
        if h.dep_ == "relcl" and how != "passive subject":
            rel = [c for c in h.children if c.lower_ in _RELATIVE and c.dep_ in _OBJECTS + ("nsubjpass",)]
            if rel:
                noun = self.side(h.head, (f"relcl({h.head.text}, {h.text})",), clause=h)
                patients, rule = patients + noun, "object relative clause"
        if len({a.mention.actor for a in agents}) > 1 and \
                {p.mention.actor for p in patients} == {a.mention.actor for a in agents}:
            # "India and Pakistan ... they have fought two of their three wars": the co-agents themselves are
            # no other side (each other's, for a reciprocal cue)
            patients, rule = [], ""
        rule = f"{how or 'no subject'}-{rule or 'no object'}"
        links = [Link(hit, rule, tuple(agents), tuple(patients))]
        # "Jordan, Egypt, Turkey and other nations that have worked hard to ...": a relative clause on a
        # common noun that ends a list of names says what each of them does, not that they do it together;
        # the parties of a cooperation share its purpose ("agreed with Russia to fight": no fight between them)
        apart = how == "relative clause" and stand_for(h.head, self.at, self.resolved) is None \
            or how == "shared purpose of a cooperation"
        if not patients and len({a.mention.actor for a in agents}) > 1 and _each_other(h, cue.preps):
            # "Israel and Hamas accused each other": the cue between the co-agents
            links = [Link(hit, "each other", tuple(agents), pairing="within")]
        elif cue.reciprocal and not patients and len({a.mention.actor for a in agents}) > 1 and not apart:
            links = [Link(hit, f"reciprocal {how}", tuple(agents), pairing="within")]
        elif len({a.mention.actor for a in agents}) > 1 and patients:
            links += self._co_agents(hit, h, agents, how)
        # (not for a verb of asking: "urged talks between India and Pakistan" is the talks' pairing)
        between = self.prep_objects([h, *holders], (("between",), ("among",))) if _norm(h.text) not in WANT_VERBS else []
        if between:
            links.append(Link(hit, "between", tuple(between), pairing="within"))
        return links

    def _shared_purpose(self, h: Any, agents: list[Side]) -> list[Side]:
        """The parties of a cooperation whose purpose the verb states, besides ``agents``: "aligned itself
        with those forces to combat ISIS", "discussed an agreement on how to drive out al-Nusra", "signed a
        deal with Poland to fight": each party acts to that end (so none is with its target)."""
        gov = purpose_of(h)
        if gov is None:
            return []
        taken = {a.mention.actor for a in agents}
        out: list[Side] = []
        for g in (gov, *(c for c in gov.children if c.dep_ in _OBJECTS)):  # "signed a deal with Poland to"
            hit = self.hits.get(g.i)
            sign = hit.cue.sign if hit is not None else -1
            if sign < 0 or hit.cue.pos in ("role", "neutral"):
                continue
            for lk in self.link(hit):
                if (lk.sign or sign) < 0 or lk.rule.startswith("nearest actor"):
                    continue
                for s in (*lk.agents, *lk.patients):
                    if s.mention.actor not in taken:
                        taken.add(s.mention.actor)
                        out.append(Side(s.mention, (f"{h.dep_}({h.head.text}, {h.text})", f"party to '{g.text}'",
                                                    *s.arcs)))
        return out

    def _alongside(self, hit: Hit, h: Any, links: list[Link]) -> list[Link]:
        """A third actor on the agent's side ("fought alongside X", "on behalf of the government"), or the
        common enemy of a cooperation ("to work with Russia against ISIS")."""
        agents = tuple(s for lk in links for s in lk.agents)
        patients = tuple(s for lk in links if lk.pairing == "cross" for s in lk.patients)
        holders = self._holders(hit, h)
        out: list[Link] = []
        friends = self.prep_objects(holders, _ALONGSIDE)
        if friends and agents:
            out.append(Link(hit, "on the agent's side", agents, tuple(friends), sign=1))
        parties = tuple(s for lk in links if lk.pairing == "within" for s in lk.agents)
        for c in (c for t in holders for c in t.children) if parties else ():
            # "a deal brokered by China", "signed a deal mediated by Qatar": the mediator works with both parties
            if c.dep_ in ("acl", "relcl") and _norm(c.text) in _MEDIATE:
                mediators, _ = self._passive_agent(c)
                if mediators:
                    out.append(Link(hit, "mediator", tuple(mediators), parties, sign=1))
        sign = -1 if hit.cue.kind.endswith("conflict") else 1
        if ("against",) not in hit.cue.preps:
            guarded = _norm(h.text) in _PROTECT and ("from",) not in hit.cue.preps
            enemies = self.prep_objects(holders, (("against",), ("from",)) if guarded else (("against",),),
                                        inside=guarded)  # "from terror by the hands of al Qaeda"
            if enemies and sign > 0:
                out.append(Link(hit, "common enemy", agents + patients, tuple(enemies), sign=-1))
        if sign < 0 and agents:
            enemies = self.prep_objects(holders, (("against",),))
            if enemies and ("with",) in hit.cue.preps:
                withs = tuple(p for p in patients if any(a.startswith("prep(") and ", with)" in a for a in p.arcs))
            else:  # "fought with Syria against the rebels": with the one it fought against named, "with" allies
                withs = tuple(self.prep_objects(holders, (("with",),))) if enemies else ()
            if withs:
                out.append(Link(hit, "fought with X against Y", agents, withs, sign=1))
        return out


def together(hit: Hit, links: list[Link]) -> list[Link]:
    """The members of a group that takes part in a cue ("Iran and the six powers negotiating with it")
    act together: one "+" link among the members of each group on a side of ``links``, unless the
    co-agents of the cue already relate them."""
    groups: dict[int, dict[str, Side]] = {}
    for lk in links:
        for s in (*lk.agents, *lk.patients):
            if s.mention.via.startswith(GROUP_VIA):
                groups.setdefault(s.mention.start, {}).setdefault(s.mention.actor, s)
    related = {frozenset(s.mention.actor for s in lk.agents) for lk in links if lk.pairing == "within"}
    return [Link(hit, "members of a group acting together", tuple(members.values()), pairing="within", sign=1)
            for members in groups.values() if len(members) > 1 and frozenset(members) not in related]


def _each_other(h: Any, preps: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a verb's object, or the object of one of its cue's prepositions, is "each other" or "one
    another"."""
    args = [c for c in h.children if c.dep_ in _OBJECTS]
    args += [o for c in h.children if c.dep_ == "prep" and preps and _prep_is(c, preps)
             for o in c.children if o.dep_ == "pobj"]
    # the parser reads "one another" either way round
    return any(a.lower_ == "another" or {a.lower_, *(d.lower_ for d in a.children)} >= {"each", "other"}
               or {a.lower_, *(d.lower_ for d in a.children)} >= {"one", "another"} for a in args)


def _opposer(tok: Any) -> Any:
    """The verb of opposition whose object holds the cue ("vetoed a resolution condemning", "opposed
    sanctions"), or None."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("dobj", "nsubjpass") and _norm(t.head.text) in _OPPOSE:
            return t.head
        if t.dep_ in ("acl", "relcl"):
            t = t.head  # "a resolution condemning Syria"
        elif t.dep_ in ("dobj", "pobj") and t.head.dep_ in ("acl", "relcl", "prep"):
            t = t.head  # "a resolution that would impose sanctions on Syria", "a vote on sanctions"
        elif t.dep_ == "prep" and t.head.tag_.startswith("NN"):
            t = t.head
        else:
            return None
    return None

