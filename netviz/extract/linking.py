"""The two sides of a cue, read from its dependency arcs.

For a verb cue the acting side is its subject (or, when it has none of its
own, the subject it shares: the verb it is coordinated with, the verb whose
complement it is, the noun a participle or relative clause hangs on), the
agent of a passive ("was shot down by X"), or the modifier of a participle
("X-backed Y"); the other side is its object, the object of one of the cue's
prepositions, or the subject of a passive. A noun cue takes its possessor or
modifier ("China's support", "US sanctions") and its prepositional object,
and borrows the subject of a light verb ("imposed sanctions on"). A role
noun ("ally", "member", "backer") links the actor it describes (apposition,
copula, "fellow NATO member Turkey", a role an "as", "among" or "one of" phrase
casts it in: "Russia, as Syria's ally", "named China as a rival of the U.S.")
with its owner ("of Y", "Y's", "NATO").
Neutral nouns ("ties", "relations") take their sign from a word next to them,
and relate their coordinated subjects with each other ("Cuba and Brazil
restored relations"); whoever brokered or hosted a reciprocal deal or talks
works with both parties ("a deal brokered by China").

Every side is expanded over its conjuncts ("A, B, C and D cut ties with E":
each of A-D with E), and co-agents act together ("+"): the actors of one list
on the acting side of a verb or noun cue ("US and EU sanctions on Russia"),
not alternatives ("China or the US", "neither ... nor"), not actors urged to
act ("pressed NATO and the EU to back him"), and at a lower confidence those
of a by-phrase ("backed by Cuba, Russia and China"). "A and B accused each
other": the cue between them. Prepositions that put
a third actor on the agent's side ("alongside", "on behalf of", "with ...
against") or against both sides of a cooperation ("a plan to work with
Russia against ISIS": both against ISIS, never Russia with ISIS) make their
own pairs. "Angered at B for supporting C": the one blamed or praised is the
one who supported. "X is allied with Y": the passive subject is one side.
"Protect X from Y": Y is the enemy of both. Opposing a cue takes the other
side of it ("vetoed a resolution condemning Syria", "blocked action against
Syria": with Syria). A cooperation noun under a verb of receiving goes from
its giver to the verb's subject ("won backing from the EU", "asked the G7 for
help"). "Joint", "combined", "jointly" relate every actor they qualify.
The purpose of a cooperation is every party's ("aligned itself with X to
combat Y", "an agreement on how to drive out Y": X and the subject both
against Y, never with it); a noun in the "as" phrase of a verb of regarding
is its object's ("views the Kurds as part of the battle against ISIS"); a
reciprocal cue's slot that holds a list relates its members ("brought Russia
and Turkey closer": not with whatever brought them).

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
from netviz.extract.fallback import Fallback
from netviz.extract.lexicon import _norm, verb_forms
from netviz.extract.mentions import GROUP_VIA, stand_for
from netviz.extract.request import _WANT, REQUEST_FACTOR, asked_of
from netviz.extract.sides import (
    _OBJECT_CONTROL,
    _OBJECTS,
    _OPPOSE,
    _RELATIVE,
    Link,
    Side,
    _prep_is,
    purpose_of,
    spoken_of,
)
from netviz.model import kind_sign

# Prepositions putting an actor on the agent's side, whatever the cue.
_ALONGSIDE = (("alongside",), ("on", "behalf", "of"), ("on", "the", "side", "of"), ("in", "support", "of"),
              ("together", "with"), ("along", "with"), ("in", "cooperation", "with"), ("in", "coordination", "with"))
_MEDIATE = frozenset("brokered mediated facilitated hosted".split())  # participles: "brokered by X"
_BROKER = frozenset(w for lemma in "broker mediate facilitate host arrange sponsor".split() for w in verb_forms(lemma))
# Verbs whose subject receives what their object gives: "won backing from the EU", "asked the G7 for help".
_RECEIVE = frozenset(w for lemma in "seek receive win get gain obtain request enjoy accept secure ask need want "
                     "ride".split() for w in verb_forms(lemma))
# Cues that guard someone: whoever they are guarded from is the enemy of both sides ("protect X from Y").
_PROTECT = frozenset(w for lemma in "protect defend shield guard safeguard rescue save shelter".split()
                     for w in verb_forms(lemma)) | {"protection", "defense"}
# Verbs casting their object in the role of an "as" phrase: "named China and Russia as rivals", "views the
# Kurds as part of the battle against ISIS".
_REGARD = frozenset(w for lemma in "see view regard consider describe name designate label brand list portray cast "
                    "identify recognize recognise treat depict characterize classify count reiterate".split()
                    for w in verb_forms(lemma))
_JOINT = frozenset("joint jointly together combined alongside".split())
# Verbs announcing what their subject will do to someone: the object of that act is their other side.
_THREATEN = frozenset(w for lemma in "threaten vow pledge promise warn".split() for w in verb_forms(lemma))
# Verbs of taking part on someone's side: whom they back or work with shares the fight they are in.
_PARTNERED = frozenset(w for lemma in "back support help aid assist arm join cooperate collaborate work partner "
                       "team coordinate".split() for w in verb_forms(lemma))


class Linker(Fallback):
    """Links the cues of one parsed sentence."""

    def link(self, hit: Hit) -> list[Link]:
        """Every link of one cue (empty sides included, for the explanation)."""
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
            sign = -kind_sign(hit.cue.kind or "verbal_cooperation")
            return [*(lk for lk in links if lk.agents),
                    Link(hit, "opposed by the subject of the verb", tuple(against), patients, sign=sign,
                         governor=opposer.i)]
        return self._requested(hit, links + self._fallback(hit, h, links))

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
            out.append(replace(lk, hedges=((req.word.text, REQUEST_FACTOR),)))
            if req.asker is not None and lk.pairing == "cross" and (lk.sign or kind_sign(hit.cue.kind or "verbal_cooperation")) < 0:
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
                got = [s for c in h.children if c.dep_ in _OBJECTS and not (topic and c.dep_ == "dobj")
                       for s in self.side(c, (f"{c.dep_}({h.text}, {c.text})",))]
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
                        if c.i > h.i and c.i not in self.heads and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(
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
        between = self.prep_objects([h, *holders], (("between",), ("among",))) if _norm(h.text) not in _WANT else []
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
            sign = kind_sign(hit.cue.kind or "verbal_cooperation") if hit is not None else -1
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

    def _co_agents(self, hit: Hit, h: Any, agents: list[Side], how: str) -> list[Link]:
        """Actors listed together on the acting side of one cue act together ("A, B and C cut ties with
        D": A+B, A+C, B+C): those of one list (the same first arc), not alternatives ("China or the
        United States", "neither ... nor"), and not the objects of a verb urging them to act ("pressing
        NATO and the EU to back him": they have not acted)."""
        if how in ("object of the governing verb", "received", "with-help", "apposition", "cause of a passive"):
            return []
        passive = how in ("passive agent", "by-phrase", "from-phrase")
        lists: dict[tuple[str, ...], list[Side]] = {}
        for a in agents:
            # one list: the same arcs up to where the list branches ("nsubj(imposed, Britain)" for "Britain,
            # France and Germany imposed"), not two subjects the parser gave one verb (a dateline's place
            # and the sentence's subject)
            cut = next((k for k, arc in enumerate(a.arcs) if arc.startswith(("conj(", "listed inside", GROUP_VIA))
                        or "' -> '" in arc), len(a.arcs))  # or where "the two leaders" resolves to each
            lists.setdefault(a.arcs[:cut], []).append(a)
        joint = any(t.lower_ in _JOINT for t in h.subtree)
        rule = "co-agents acting jointly" if joint else "co-agents, passive agent" if passive else "co-agents"
        return [Link(hit, rule, tuple(group),
                     pairing="within", sign=1)
                for group in lists.values()
                if len({a.mention.actor for a in group}) > 1 and not any(_alternative(self.doc[a.mention.head])
                                                                         for a in group)]

    def _noun(self, hit: Hit, h: Any, preps: tuple[tuple[str, ...], ...] = ()) -> list[Link]:
        cue = hit.cue
        preps = preps or cue.preps
        agents: list[Side] = []
        partners: list[Side] = []
        how = ""
        for c in h.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i not in hit.tokens):
                got = self.side(c, (f"{c.dep_}({h.text}, {c.text})",))
                # "the US-Japan alliance": a compound inside the compound
                for cc in c.children:
                    if cc.dep_ in ("compound", "amod", "npadvmod"):
                        got += self.side(cc, (f"{c.dep_}({h.text}, {c.text})", f"{cc.dep_}({c.text}, {cc.text})"))
                if got:
                    agents += got
                    how = "possessor" if c.dep_ == "poss" else "modifier"
        got, _ = self._passive_agent(h)
        if got:
            agents, how = agents + got, "by-phrase"
        if not agents and ("from",) not in preps:
            got = self.prep_objects([h], (("from",),))  # "lavish praise from Obama"
            if got:
                agents, how = got, "from-phrase"
        holders = self._holders(hit, h)
        patients = self.prep_objects(holders, preps) if preps else []
        gov = h.head
        received = self._received(h) if not patients and kind_sign(cue.kind or "verbal_cooperation") > 0 else None
        if received is not None:
            agents, patients, how = *received, "received"
        elif not agents and h.dep_ in ("dobj", "nsubjpass") and gov.tag_.startswith("VB") \
                and _norm(gov.text) not in _OPPOSE and not spoken_of(hit, h):
            # a light verb: "imposed sanctions on", "launched an offensive against", "held talks with"
            got, sh = self.subjects(gov, (f"{h.dep_}({gov.text}, {h.text})",))
            agents, how = got, sh and "subject of the light verb"
            if not patients and preps:
                patients = self.prep_objects([gov], preps)
        elif not agents and h.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.tag_.startswith("VB") \
                and gov.lower_ in ("for", "to", "in", "into"):
            got, sh = self.subjects(gov.head, (f"prep({gov.head.text}, {gov.text})", f"pobj({gov.text}, {h.text})"))
            agents, how = got, sh and "subject of the governing verb"
            if got and gov.lower_ == "in" and _norm(gov.head.text) in _PARTNERED \
                    and kind_sign(cue.kind or "verbal_cooperation") < 0:
                # "backing FSA rebels in battles against Daesh", "cooperating with Turkey in the fight against
                # FETO": the one backed fights too
                step = (f"prep({gov.head.text}, {gov.text})", f"pobj({gov.text}, {h.text})")
                partners = [s for c in gov.head.children if c.dep_ in _OBJECTS
                            for s in self.side(c, (*step, f"{c.dep_}({gov.head.text}, {c.text})"))]
                partners += self.prep_objects([gov.head], (("with",),))
        elif not agents and h.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.tag_.startswith("NN") \
                and gov.lower_ in ("for", "toward", "towards"):
            # "U.S. hopes for better relations with", "Iran's call for talks with": whose the noun is
            agents = self.side(gov.head, (f"prep({gov.head.text}, {gov.text})", f"pobj({gov.text}, {h.text})"))
            how = "owner of the noun it complements"
        if not patients and preps and h.dep_ == "nsubj" and gov.tag_.startswith("VB"):
            # "sanctions will remain in place against Russia": the cue's preposition hangs on the verb
            patients = self.prep_objects([gov], preps)
        if agents and not patients and h.dep_ == "pobj" and gov.lower_ in ("with", "without") \
                and gov.head.tag_.startswith("VB"):
            # "Assad, with Russian help, is strengthening his hold": the one helped is the subject
            got, _ = self.subjects(gov.head, (f"prep({gov.head.text}, {gov.text})", f"pobj({gov.text}, {h.text})"))
            if got:
                patients, how = got, "with-help"
        if not agents and h.dep_ == "appos":
            agents, how = self.side(gov, (f"appos({gov.text}, {h.text})",)), "apposition"
        if not agents:
            got = [s for tok, arcs in _regarded(h) for s in self.side(tok, arcs)]
            if got:
                agents, how = got, "the one regarded"
        if not agents and h.dep_ == "acomp" and h.tag_ == "JJ":
            # "Erdogan has become alarmed about the Kurdish forces": an adjective says it of the subject
            agents, how = self.subjects(h)
        if partners and patients:  # a fight against someone named, never the partners against each other
            agents = agents + [p for p in partners if p.mention.actor not in {a.mention.actor for a in agents}]
        between = self.prep_objects([h], (("between",), ("among",)))
        near = [h.head, *h.children, *(c for ch in h.children for c in ch.children)]
        if between and cue.reciprocal and not any(_norm(t.text) in _BROKER for t in near):
            # "a point that caused friction between Ankara and Washington", "efforts to end the fighting
            # between A and B": the parties are each other's other side, not the other side of whoever caused
            # or ended it; but who brokers or hosts talks works with both ("UN-mediated talks between ...")
            inside = {id(s.mention) for s in between}
            patients = [p for p in patients if id(p.mention) not in inside]
        rule = "noun received from the giver" if how == "received" else \
            f"noun {how or 'no agent'}-{'prepositional object' if patients else 'no object'}"
        links = [Link(hit, rule, tuple(agents), tuple(patients))]
        if between:
            links.append(Link(hit, "between", tuple(between), pairing="within"))
        elif cue.reciprocal and not patients and len({a.mention.actor for a in agents}) > 1 and not (
                how == "subject of the governing verb" and self._named_after_a_place(h)):
            links = [Link(hit, f"reciprocal noun {how}", tuple(agents), pairing="within")]
        elif not cue.reciprocal and patients and len({a.mention.actor for a in agents}) > 1:
            # "US and EU sanctions on Russia", "Britain and France imposed sanctions on Syria"
            links += self._co_agents(hit, h, agents, how)
        return links

    def _named_after_a_place(self, h: Any) -> bool:
        """Whether a noun cue is named after the place it happens in ("the Syrian civil war"): those who
        act into it ("forces hoping to cut the flow of fighters into the Syrian civil war") are not its
        parties against each other."""
        return any(c.dep_ in ("amod", "compound", "nmod") and c.i in self.at and self.at[c.i].role == "location"
                   for c in h.children)

    def _received(self, h: Any) -> tuple[list[Side], list[Side]] | None:
        """Who gives and who receives a cooperation noun that a verb of receiving governs: "Ukraine won
        backing from the EU", "Morsi is riding high on praise from Obama", "asked the G7 for help"."""
        gov = h.head
        if h.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in ("on", "for"):
            gov = gov.head
        elif h.dep_ != "dobj":
            return None
        if _norm(gov.text) not in _RECEIVE:
            return None
        givers = self.prep_objects([h, gov], (("from",),))
        if not givers and gov.lower_ != h.head.lower_:  # "asked the G7 for help"
            givers = [s for c in gov.children if c.dep_ in _OBJECTS for s in self.side(c, (f"dobj({gov.text}, {c.text})",))]
        takers, _ = self.subjects(gov, (f"{h.dep_}({gov.text}, {h.text})",))
        return (givers, takers) if givers and takers else None

    def _role(self, hit: Hit, h: Any) -> list[Link]:
        """ "Turkey, a NATO member", "X, a key ally of Y", "China, Pakistan's closest ally", "X is an ally of Y"."""
        owners: list[Side] = []
        for c in h.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i not in hit.tokens:
                owners += self.side(c, (f"{c.dep_}({h.text}, {c.text})",))
        owners += self.prep_objects([h], hit.cue.preps or (("of",), ("to",)))
        holders: list[Side] = []
        how = ""
        if h.dep_ == "appos":
            holders, how = self.side(h.head, (f"appos({h.head.text}, {h.text})",)), "apposition"
        elif h.dep_ in ("attr", "oprd"):
            holders, how = self.subjects(h.head, (f"{h.dep_}({h.head.text}, {h.text})",))
        elif h.dep_ == "compound" and h.head.tag_.startswith("NNP"):
            holders, how = self.side(h.head, (f"compound({h.head.text}, {h.text})",)), "title"
        elif h.dep_ == "pobj" and h.head.lower_ in ("as", "among") or h.dep_ == "pobj" and h.head.lower_ == "of" \
                and h.head.head.lower_ == "one" and h.head.head.dep_ in ("attr", "pobj"):
            holders, how = self._cast(h.head, (f"pobj({h.head.text}, {h.text})",)), "cast in the role"
        if not holders:
            for c in h.children:
                if c.dep_ == "appos":
                    holders, how = self.side(c, (f"appos({h.text}, {c.text})",)), "apposition"
        return [Link(hit, f"role {how or 'no holder'}", tuple(holders), tuple(owners))]

    def _cast(self, p: Any, arcs: tuple[str, ...]) -> list[Side]:
        """Whom an "as", "among" or "one of" phrase (``p`` its preposition) casts in a role: the actor
        right before it between commas ("believes Russia, as a guarantor of the Assad regime, has"), the
        noun it hangs on ("Russia, as Syria's longtime ally"), the object of a verb of regarding ("named
        China and Russia as rivals of the U.S."), else the verb's subject ("Pakistan serves as an ally
        of", "Russia is seen as", "As a NATO member, Turkey sent", "Erdogan is one of his top allies",
        "is among Japan's closest partners")."""
        g = p.head.head if p.lower_ == "of" else p.head
        step = (*arcs, f"prep({g.text}, {p.text})")
        before = self.at.get(p.i - 2) if p.i > 1 and self.doc[p.i - 1].text == "," else None
        if before is not None and before.role == "actor":
            return self.side(self.doc[before.head], (*step, f"'{before.text}' before the comma"))
        if g.tag_.startswith("NN") or g.tag_ == "PRP":
            return self.side(g, step)
        if not g.tag_.startswith("VB"):
            return []
        objects = [s for c in g.children if c.dep_ in _OBJECTS and _norm(g.text) in _REGARD
                   for s in self.side(c, (*step, f"{c.dep_}({g.text}, {c.text})"))]
        if objects:
            return objects
        passive = [s for c in g.children if c.dep_ == "nsubjpass" for s in self.side(c, (*step, f"nsubjpass({g.text}, {c.text})"))]
        return passive or self.subjects(g, step)[0]

    def _neutral(self, hit: Hit, h: Any) -> list[Link]:
        """ "ties", "relations": signed by a word next to them ("improving ties", "relations soured")."""
        pos, neg = self.cues.positive, self.cues.negative
        near = [c for c in h.children if c.dep_ in ("amod", "compound", "acl", "relcl")] + [h.head]
        near += [c for c in h.head.children if c.dep_ in ("advmod", "acomp", "xcomp", "dobj", "amod")]
        sign, kind, intensity = 0, "", 0.0
        for t in near:
            w = _norm(t.text)
            if w in pos[2]:
                sign, kind, intensity = 1, pos[0], pos[1]
                break
            if w in neg[2]:
                sign, kind, intensity = -1, neg[0], neg[1]
                break
        if not sign:
            return [Link(hit, "relationship, no sign word", ())]
        links = self._noun(hit, h, (("with",), ("between",), ("to",)))
        main = links[0]
        if not main.patients and len({a.mention.actor for a in main.agents}) > 1 and len(links) == 1:
            # "Cuba and Brazil restored relations": the coordinated subjects relate with each other
            links = [Link(hit, main.rule.replace("-no object", ", reciprocal", 1), main.agents, pairing="within")]
        return [Link(lk.hit, lk.rule.replace("noun", "relationship", 1), lk.agents, lk.patients, lk.pairing, sign,
                     (kind, str(intensity))) for lk in links]

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


def _regarded(h: Any) -> list[tuple[Any, tuple[str, ...]]]:
    """The object of a verb of regarding whose "as" phrase holds the noun ``h``, with the arcs to it:
    "views the Kurds as an essential element of the battle against ISIS" (the Kurds are in the battle),
    "regards the Kurdish forces as some of the most effective fighters in the campaign against ISIS"."""
    t, arcs = h, []
    for _ in range(6):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return []
        p = t.head
        arcs.append(f"pobj({p.text}, {t.text})")
        if p.lower_ == "as" and _norm(p.head.text) in _REGARD:
            arcs.append(f"prep({p.head.text}, as)")
            return [(c, (*arcs, f"dobj({p.head.text}, {c.text})")) for c in p.head.children if c.dep_ == "dobj"]
        if p.head.tag_.startswith("VB"):  # "as some of the most effective fighters in the campaign"
            return []
        arcs.append(f"prep({p.head.text}, {p.text})")
        t = p.head
    return []


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


def _alternative(tok: Any) -> bool:
    """Whether a word is listed as an alternative ("China or the United States", "neither X nor Y"),
    not with a partner."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in ("cc", "preconj") and c.lower_ in ("or", "nor", "either", "neither"):
                return True
        if t.dep_ != "conj" and t is tok and tok.dep_ not in ("compound", "amod", "nmod"):
            break
    return False


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

