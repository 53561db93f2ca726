"""The two sides of a noun cue, read from its dependency arcs.

A noun cue takes its possessor or modifier ("China's support", "US
sanctions") and its prepositional object, and borrows the subject of a light
verb ("imposed sanctions on"; not of a verb that judges or examines it:
"condemned the attack on"). A role noun ("ally", "member", "backer") links
the actor it describes (apposition, copula, "fellow NATO member Turkey", a
role an "as", "among" or "one of" phrase casts it in: "Russia, as Syria's
ally", "named China as a rival of the U.S.") with its owner ("of Y", "Y's",
"NATO"). Neutral nouns ("ties", "relations") take their sign from a word
next to them, and relate their coordinated subjects with each other ("Cuba
and Brazil restored relations"). A cooperation noun under a verb of
receiving goes from its giver to the verb's subject ("won backing from the
EU", "asked the G7 for help"); a noun in the "as" phrase of a verb of
regarding is its object's ("views the Kurds as part of the battle against
ISIS").

Co-agents act together ("+"), for noun and verb cues alike: the actors of one
list on the acting side ("US and EU sanctions on Russia"), not alternatives
("China or the US", "neither ... nor"), and at a lower confidence those of a
by-phrase ("backed by Cuba, Russia and China").

:class:`~netviz.extract.linking.Linker` adds the verb cues on top.
"""

from __future__ import annotations

from typing import Any

from netviz.extract.cues import Hit
from netviz.extract.fallback import Fallback
from netviz.extract.lexicon import _norm, verb_set
from netviz.extract.mentions import GROUP_VIA, TRAVEL_NOUNS
from netviz.extract.sides import _OBJECTS, _OPPOSE, Link, Side, spoken_of

# Verbs of whoever brings the parties of a reciprocal cue together: "UN-mediated talks between ...".
_BROKER = verb_set("broker mediate facilitate host arrange sponsor")
# Verbs whose subject receives what their object gives: "won backing from the EU", "asked the G7 for help".
_RECEIVE = verb_set("seek receive win get gain obtain request enjoy accept secure ask need want ride")
# Verbs casting their object in the role of an "as" phrase: "named China and Russia as rivals", "views the
# Kurds as part of the battle against ISIS".
_REGARD = verb_set("see view regard consider describe name designate label brand list portray cast identify recognize "
                   "treat depict characterize classify count reiterate")
_JOINT = frozenset("joint jointly together combined alongside".split())
# Verbs of taking part on someone's side: whom they back or work with shares the fight they are in.
_PARTNERED = verb_set("back support help aid assist arm join cooperate collaborate work partner team coordinate")


class NounLinker(Fallback):
    """Links the noun, role and relationship cues of one parsed sentence, and lists of co-agents."""

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
        destinations: list[Side] = []
        how = ""
        for c in h.children:
            if c.dep_ == "compound" and h.lower_ in TRAVEL_NOUNS:
                destinations += self.side(c, (f"compound({h.text}, {c.text})",), place=True)  # "his China trip"
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
        patients = (self.prep_objects(holders, preps) if preps else []) or destinations
        gov = h.head
        received = self._received(h) if not patients and cue.sign > 0 else None
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
                    and cue.sign < 0:
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
