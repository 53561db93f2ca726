"""What a sentence asks someone to do, or puts as a wish, is not done.

"Senator McCain urged Obama to hold talks with Hamas": the talks are what is
asked of the one urged (Obama), not something he has done. "It would be a
mistake for the United States to help Iran": no one has helped. A cue inside
such a clause says nothing yet of how the asked party stands towards its
other side, so a link whose acting side is the asked party is hedged. The
asker's own stance is another matter: "Obama urged the Western leaders to
stand up to Russian aggression" is the US against Russia, and "Israel called
on the United States to strike Iran" is Israel against Iran; that reading is
kept (:mod:`netviz.extract.linking` adds it for hostile acts when the asked
party is itself an actor). Whether the asker and the asked stand together is
what the verb of asking says, as a cue of its own ("urged" is an appeal,
"pressed" a demand), not what the act asked for says.

:func:`asked_of` finds the request that governs a cue:

- an object-control verb of asking: "urged X to", "pressed X to", "called on
  X to", "was urged by Y to" (the passive subject is the one asked);
- a verb of demanding or proposing with a clause in the subjunctive ("demanded
  that Turkey withdraw", "suggested the United States supply", "want Obama to
  arm"), or a wish to see someone act ("would like to see Turkey cut ties");
- an infinitive with its own subject after "for" ("a call for the United States
  to lift", "it is time for Europe to impose"): what is wished or weighed;
- a noun asked for ("called for talks between India and Pakistan", "proposed a
  truce between Israel and Hamas", "proposed a joint Israeli-Saudi force"): its
  parties have not met.

A verb between the cue and the request that presupposes the cue's state
("urged Beijing to continue enforcing sanctions", "called on Europe to
increase pressure on Iran", "a chance for both to tackle their disputes")
leaves it alone: the sanctions, the pressure and the disputes are there. A
request to stop is hedged like any other ("wants Washington to stop
supporting the Kurds" is not Washington against the Kurds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netviz.extract.lexicon import _norm, verb_set


#: Verbs whose object is asked to do what their complement says ("urged Iran to return"); not the
#: implicative ones ("forced", "helped", "led": the act happened) nor those of permission.
ASK_VERBS = verb_set("urge ask press pressure push encourage persuade convince invite implore beg exhort entreat tell "
                     "order instruct advise command challenge lobby want require authorize")
# Verbs whose prepositional object is asked: "called on X to", "appealed to X to", "pleaded with X to".
_ASK_PREP = {**dict.fromkeys(verb_set("call lean prevail"), ("on", "upon")),
             **dict.fromkeys(verb_set("appeal"), ("to",)), **dict.fromkeys(verb_set("plead"), ("with",))}
# Verbs of demanding or proposing: a subjunctive clause under them is asked of its subject ("demanded that
# Turkey withdraw"); "insisted that Tehran has received nothing" is a report, not a demand.
_MANDATE = verb_set("demand suggest propose recommend insist urge ask request require order want")
# Verbs of wishing to see someone act ("would like to see X cut ties", "wants to see X bogged down").
_WISH = verb_set("want like love prefer hope wish")
_SEE = verb_set("see")
# Verbs whose object, or whose "for" phrase, names what is asked for ("called for talks between",
# "proposed a truce", "wants Putin's help"), not what is acted on ("challenged Russia's annexation").
_ASK_FOR = verb_set("call demand urge propose suggest recommend request ask push press appeal plead lobby advocate "
                    "want")
# Verbs and nouns of asking for something to be done ("called for X to", "their calls for X to").
WANT_VERBS = ASK_VERBS | _MANDATE | verb_set("call clamor appeal plead campaign argue advocate")
_REQUEST_NOUNS = frozenset("call calls demand demands request requests appeal appeals plea pleas push pressure "
                           "invitation".split())
#: Verbs over the cue that presuppose its state: what is continued, stepped up or tackled is there. (Not
#: the verbs of stopping: a request to stop is hedged with the rest, or "urged Washington to stop supporting
#: the Kurds" would read as Washington against them.)
PRESUPPOSING_VERBS = verb_set("continue keep maintain sustain increase intensify step ramp ratchet escalate boost "
                              "expand widen broaden deepen strengthen bolster enhance toughen tighten extend enforce "
                              "renew redouble tackle resolve settle address overcome solve")
# Comparatives on a noun asked for: there is some already ("more support", "deeper engagement").
_MORE = frozenset("more greater deeper closer stronger further increased additional expanded continued".split())
# Arcs a cue climbs to reach the clause that holds it.
_UP = frozenset("dobj pobj prep pcomp xcomp conj compound amod nmod ccomp acl advcl relcl".split())


@dataclass(frozen=True)
class Request:
    """A request over a cue: the word that asks, the heads of what names the asked party, and whose it is."""

    word: Any
    asked: tuple[Any, ...]
    #: the verb whose subject (or passive agent) asks, or the request noun whose owner asks ("Iran's call
    #: for"); None when no one is said to ask ("it is time for Europe to ...")
    asker: Any = None

    def asks(self, i: int) -> bool:
        """Whether token ``i`` names the asked party (is inside one of the asked phrases)."""
        return any(a.left_edge.i <= i <= a.right_edge.i for a in self.asked)


def asked_of(doc: Any, head: int) -> Request | None:
    """The request whose asked act holds the cue at ``head``, or None.

    >>> from netviz.extract.parse import load_model
    >>> r = asked_of(load_model()("Saudi Arabia called on Qatar to cut ties with Iran."), 6)
    >>> r.word.text, [a.text for a in r.asked]
    ('called', ['Qatar'])
    """
    t = doc[head]
    # "called for a coordinated campaign by the US and Russia": the noun a modifier cue qualifies
    noun = t.head if t.dep_ in ("amod", "compound") and t.head.tag_.startswith("NN") else t
    wanted = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else \
        noun.head if noun.dep_ == "dobj" else None
    if noun.tag_.startswith("NN") and wanted is not None and wanted.tag_.startswith("VB") \
            and _norm(wanted.text) in _ASK_FOR and not any(c.lower_ in _MORE for c in noun.children):
        # "called for talks between India and Pakistan", "proposed a truce between": what the noun names
        # is asked for, its parties have not met (its owner or maker may be the asker: "Iran called for
        # talks with the US" is Iran's own stance); "called for more U.S. investment" presupposes some
        return Request(wanted, (noun,), wanted)
    for _ in range(8):
        g = t.head
        if g.i == t.i or t.dep_ not in _UP:
            return None
        if t.i != head and t.tag_.startswith("VB") and _norm(t.text) in PRESUPPOSING_VERBS:
            return None
        if t.dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl") and _to(t):
            found = _infinitive(t, g)
            if found is not None:
                return found
        if t.dep_ == "ccomp" and _norm(g.text) in _SEE and g.dep_ == "xcomp" and _norm(g.head.text) in _WISH:
            # "would like to see Turkey cut ties with Iran": what one wishes to see is not done; the wish says
            # less of the wisher's stance than a call ("would prefer to see the U.S. bogged down in a war with
            # Iran" is not against Iran)
            subjects = tuple(c for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))
            return Request(g.head, subjects) if subjects else None
        if t.dep_ == "ccomp" and _norm(g.text) in _MANDATE and _subjunctive(t):
            # a list of subjunctives the parser hung apart shares the first one's subject ("suggested the
            # United States establish a zone, take out the air force and supply the rebels")
            subjects = next((tuple(c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")) for v in g.children
                             if v.dep_ == "ccomp" and v.i <= t.i and _subjunctive(v)
                             and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)), ())
            return Request(g, subjects, g) if subjects else None
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp") or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return None  # a clause of its own, asked of no one
        t = g
    return None


def _infinitive(clause: Any, g: Any) -> Request | None:
    """The request of an infinitive ``clause`` under ``g``: "urged X to", "called on X to", "X was urged
    to", "for X to"."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
    if subjects and mark is not None:
        # "it would be a mistake for the United States to help Iran"; "Israel pushed for Washington to
        # strike Iran", "ramped up their calls for Obama to ...": who wants it
        return Request(mark, tuple(subjects), _wanting(g))
    if subjects and clause.dep_ == "ccomp" and _norm(g.text) in ASK_VERBS:
        return Request(g, tuple(subjects), g)  # "want Obama to arm Ukraine"
    if g.tag_.startswith("NN") and clause.dep_ == "acl":
        # "Iran's call for the United States to lift sanctions"
        asked = tuple(o for p in g.children if p.dep_ == "prep" and p.lower_ in ("for", "on", "upon")
                      for o in p.children if o.dep_ == "pobj")
        return Request(g, asked, g if _norm(g.text) in _REQUEST_NOUNS else None) if asked else None
    if clause.dep_ != "xcomp" or not g.tag_.startswith("VB"):
        return None
    w = _norm(g.text)
    if any(c.dep_ == "auxpass" for c in g.children) and (w in ASK_VERBS or w in _ASK_PREP):
        asked = tuple(c for c in g.children if c.dep_ == "nsubjpass")  # "Obama was urged by senators to"
        return Request(g, asked, g) if asked else None
    if w in ASK_VERBS:
        asked = tuple(c for c in g.children if c.dep_ in ("dobj", "dative"))
        return Request(g, asked, g) if asked else None
    if w in _ASK_PREP:
        asked = tuple(o for p in g.children if p.dep_ == "prep" and p.lower_ in _ASK_PREP[w]
                      for o in p.children if o.dep_ == "pobj")
        return Request(g, asked, g) if asked else None
    return None


def _wanting(g: Any) -> Any:
    """The word whose owner wants what a "for X to" clause hanging on ``g`` says: a verb of asking
    ("pushed for"), a request noun ("their calls for") or the request noun a verb takes ("ramped up their
    calls for"); None for what is only weighed ("a mistake for", "a chance for")."""
    if g.tag_.startswith("VB"):
        if _norm(g.text) in WANT_VERBS:
            return g
        return next((c for c in g.children if c.dep_ == "dobj" and _norm(c.text) in _REQUEST_NOUNS), None)
    return g if _norm(g.text) in _REQUEST_NOUNS else None


def _to(clause: Any) -> bool:
    """Whether a clause is an infinitive ("to" before its verb)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in clause.children)


def _subjunctive(clause: Any) -> bool:
    """A clause in the mandative subjunctive: a bare verb with a subject ("that Turkey withdraw", "the
    United States supply"), or "should" ("that Iran should stop")."""
    if any(c.dep_ == "aux" and c.lower_ in ("should", "must") for c in clause.children):
        return True
    if any(c.dep_ == "aux" for c in clause.children):
        return False  # "that Russia was supplying", "that it would send"
    if clause.tag_ == "VB":
        return True
    # the tagger reads a bare verb after a singular name as present tense ("suggested the United States
    # supply"): the present would be "supplies"
    return clause.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ == "NNP" for c in clause.children)
