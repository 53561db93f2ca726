"""Modifiers that govern a cue: negation, refusal, reversal, intent, hedges, past dates.

The words come from the lexicon (``modifiers:`` in ``data/cues.yaml``); the
parse decides whether they govern the cue. A cue's *chain* is the cue and the
words it depends on up to its clause: the verb whose complement it is
("refused to cooperate", "stopped funding", "wants to normalise"), the light
verb of a noun cue ("did not impose sanctions"), the preposition it hangs on
("without coordinating"). Then:

- negation: "not", "never", "no", "no longer" on the chain, "without",
  "instead of", "rather than", "the lack of", "failed to", "has yet to", "denied
  that ...", "denied reports that ...", "denied its involvement in ...", "no
  plans to", "no sign that ...", "it doesn't appear that ...", "prohibits X from
  ...", "a ban on ...", what one did not get, persuade or allow someone to do
  (no relation); "will not" before a cooperation is a refusal; a negation over
  a stopping, refusing or failing word cancels both ("will not stop
  supporting", "did not hesitate to condemn"); "not only" denies nothing; a verb
  after "or" shares what governs the one before ("did not arm or fund");
- refusal (sign flips, verbal conflict: "refused to", "reluctant to"), reversal
  (sign flips: "ended support", "efforts to ... collapsed", "cooperation
  ended"; a stopping verb reverses only what it stops, "stopped X from
  attacking" is a prevented attack, and "X must stop arming Y" a demand,
  hedged), intent (a material cue becomes verbal: "threatened to strike",
  "plans to attack");
- hedges:

  - modals on the chain, also where the parser hangs them on an auxiliary
    ("could invade", "may be meddling"; "said it would send" is a reported
    future of one's own, not a hedge, where "warned that Russia would invade"
    is a fear); "need to", "has to" or "unlikely to" over the cue; a hedge word
    qualifying a noun cue ("any strike", "a prospective deal") or said of its
    clause ("it is unlikely that");
  - hedge words in the cue's clause ("reportedly", "if"), but not "even if" or
    "as if" outside their own clause, nor "if anything"; a question asked
    ("whether", "if") only inside its own clause ("held talks to determine
    whether the summit would go ahead"); a condition on a threat or pledge,
    or on one's own future reported, does not hedge it ("threatened Canada with
    tariffs if talks fail", "said he would place tariffs on China if ..."); nor
    does a condition of another clause ("during talks with X, Y said it would
    lift tariffs if ..."); "if any", "if necessary" condition nothing;
  - a condition marking a clause whose complements hold the cue ("unless
    Congress certifies that X is cooperating with Y"), not what that clause
    presupposes (its subject, relative or adverbial clauses); a condition
    without "if" ("should X attack", "were X to", "had X backed"; "had X not
    backed" says X did);
  - frames of a possible or weighed act: "the chance to press X" (not a chance
    taken), "attacking Syria will weaken Assad", "warned against a US strike";
  - hedge words in the sentence ("analysts say"); a yes/no question (a
    wh-question takes its act as given: "why did X attack Y?");
  - none of these but the evidential ones ("reportedly") where a verb over the
    cue presupposes its state ("will continue to work with X if ...", "could
    deepen ties with X");

- historical: a year before the article's in the cue's clause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netviz.extract.cues import Hit
from netviz.extract.lexicon import Cues, _norm, verb_set
from netviz.extract.request import PRESUPPOSING_VERBS
from netviz.extract.sides import purpose_of
from netviz.model import kind_sign

#: A yes/no question ("Will China support North Korea?") asks whether the act happens at all; a wh-question
#: takes it as given ("Why did Trump order the killing of Soleimani?"), and is no hedge; a question of neither
#: shape the parse can see is a lesser one.
YES_NO_FACTOR = 0.5
QUESTION_FACTOR = 0.6
# (the parser splits "isn't" into "is" and "n't")
_YES_NO = frozenset("is are was were do does did will would can could should shall may might must has have had".split())
# "attr": a predicate noun ("the group isn't much of a threat to Americans")
_CHAIN_DEPS = frozenset("xcomp pcomp pobj prep dobj acomp attr".split())
_REPORTING = verb_set("say tell add note state claim report announce warn insist confirm disclose reveal indicate "
                      "suggest argue believe think expect inform assure reassure pledge promise vow declare stress "
                      "reiterate signal")
_DENY = verb_set("deny")
_WARN = verb_set("warn caution") | {"warnings"}
_SEEM = verb_set("appear seem")
_DISMISS = verb_set("deny dismiss reject refute rebut")
# what one denies a report of: "denied reports that", "dismissed claims that"
_CLAIMS = frozenset(_norm(w) for w in "report reports claim claims allegation allegations accusation accusations "
                    "charge charges suggestion suggestions rumor rumors rumour rumours".split())
# verbs keeping someone from an act ("prohibits American companies from investing in Iran")
_PREVENT = verb_set("prevent prohibit bar ban forbid keep deter dissuade discourage restrict block")
# nouns of a ban: the act banned is not done ("a ban on arms sales to Iran", "an embargo on exports to China");
# not limits, curbs or restrictions, under which it goes on in part ("limits on aid to Egypt")
_BANS = frozenset("ban bans embargo embargoes freeze moratorium prohibition".split())
# verbs whose object does what their infinitive says, if they are not denied ("got Russia to impose sanctions")
_MADE_TO = verb_set("get persuade convince force help allow lead prompt enable")
# nouns of what would show an act: "no sign that X armed Y" (not "no doubt that")
_EVIDENCE = frozenset(_norm(w) for w in "evidence sign signs indication indications proof suggestion hint".split())
# nouns of what is missing: "the lack of support for X"
_ABSENCE = frozenset("lack absence dearth".split())
# nouns of taking part: "denied its involvement in the attack on X" denies the attack
_PART = frozenset("involvement role part participation complicity hand".split())
_VOLITIONAL = frozenset("will would shall wo".split())
_FUTURE = frozenset("will would wo could might may can".split())
_REFUSAL_NOUNS = {"refusal": "refusal", "reluctance": "refusal", "failure": "negation", "inability": "negation"}
_REFUSAL_ADJECTIVES = frozenset("reluctant unwilling loath hesitant".split())
# nouns of a plan or wish: what they complement has not happened ("plans to attack", "a bid to oust")
_INTENT_NOUNS = frozenset(_norm(w) for w in "plan plans intention intentions intent desire wish bid readiness willingness "
                          "determination attempt attempts offer offers pledge pledges promise promises threat threats "
                          "proposal proposals".split())
# arcs into what a clause takes as given: a condition or question over the clause does not reach through them
_PRESUPPOSED = frozenset("advcl nsubj nsubjpass csubj csubjpass relcl acl appos parataxis".split())
# verbs of taking a chance: what one seized the opportunity (or had the chance) to do is done
_SEIZE = verb_set("take seize use grab exploit")
# "not only", "not just": the words after "not" are added to, not denied
_FOCUS = frozenset("only just merely simply solely".split())
# the function words that tie a stopping verb to what it stops ("stopped funding", "pulled out of the deal")
_STOPPED = frozenset("xcomp dobj pcomp nsubjpass ccomp".split())

#: CAMEO quad class of a reversed relation: stopped cooperation is reduced
#: relations (conflict), stopped hostility is a yield (cooperation).
REVERSED_KIND = {
    "verbal_cooperation": "verbal_conflict",
    "material_cooperation": "material_conflict",
    "verbal_conflict": "verbal_cooperation",
    "material_conflict": "material_cooperation",
}
VERBAL = {
    "material_cooperation": "verbal_cooperation",
    "material_conflict": "verbal_conflict",
    "verbal_cooperation": "verbal_cooperation",
    "verbal_conflict": "verbal_conflict",
}


@dataclass(frozen=True)
class Modifiers:
    """What governs one cue (empty strings: nothing of that kind)."""

    negation: str = ""
    refusal: str = ""
    reversal: str = ""
    intent: str = ""
    hedges: tuple[tuple[str, float], ...] = ()
    historical: str = ""

    def describe(self) -> tuple[str, ...]:
        """Human-readable list: ("negation 'not'", "hedge 'could'")."""
        out = [f"{name} '{getattr(self, name)}'" for name in ("negation", "refusal", "reversal", "intent")
               if getattr(self, name)]
        out += [f"hedge '{w}'" for w, _ in self.hedges]
        if self.historical:
            out.append(f"historical '{self.historical}'")
        return tuple(out)


def chain(doc: Any, hit: Hit) -> list[Any]:
    """The cue's head and the words it depends on up to its clause (at most six steps)."""
    out = [doc[hit.head]]
    t = doc[hit.head]
    for _ in range(6):
        if t.dep_ not in _CHAIN_DEPS and not (t.dep_ == "ccomp" and _norm(t.head.text) in _DENY) \
                and not (t.dep_ == "conj" and _alternative(t)):
            break
        if t.dep_ == "dobj" and not t.head.tag_.startswith("VB"):
            break
        if t.dep_ == "prep" and t.head.tag_.startswith("NN") and t.i != hit.head \
                and not (t.lower_ == "in" and t.head.lower_ in _PART):
            break  # "time may run out for a solution to the conflict": the noun's verb does not govern the cue
        t = t.head
        out.append(t)
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and t.dep_ not in ("xcomp", "ccomp"):
            break
    return out


def find_modifiers(doc: Any, phrases: Mapping[int, tuple[int, tuple[str, Any]]], hit: Hit, cues: Cues,
                   year: int) -> Modifiers:
    """The modifiers governing ``hit`` in a parsed sentence (see the module docstring)."""
    links = chain(doc, hit)
    found: dict[str, str] = {}
    hedges: list[tuple[str, float]] = []
    cooperation = hit.cue.sign > 0
    top = links[-1]
    # "said it would send", "warned it would retaliate": a reported future, one's own; what one warns that
    # another would do is a fear ("warned that Russia would invade Ukraine")
    said = top
    while said.dep_ == "conj" and said.head.tag_.startswith("VB"):
        said = said.head  # "said it would not hand over the recorders but would give investigators access"
    reported = said.dep_ == "ccomp" and _norm(said.head.text) in _REPORTING and not (
        _norm(said.head.text) in _WARN and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ != "PRP"
                                               for c in said.children))
    # the level on the chain of each negative word: a negation that governs another negative word
    # cancels it ("will not stop supporting", "did not hesitate to condemn", "never failed to back")
    level: dict[str, int] = {}
    for k, t in enumerate(links):
        below = links[k - 1] if k else None
        if k and t.i in phrases:
            end, (kind, payload) = phrases[t.i]
            text = " ".join(x.text for x in doc[t.i:end])
            if kind == "negation":
                _note(found, level, "negation", text, k)
            elif kind == "refusal" and below is not None and below.dep_ in ("xcomp", "pcomp", "prep", "pobj", "dobj"):
                _note(found, level, "refusal", text, k)
            elif kind == "reversal" and _complement(below, t, end) and not (end == t.i + 1 and _particle(t, "up")):
                # "stopped X from attacking Y": the attack was prevented, not stopped once begun
                if below.dep_ == "prep" and below.lower_ == "from" and any(c.dep_ == "dobj" for c in t.children):
                    found.setdefault("negation", text)
                else:
                    _note(found, level, "reversal", text, k)
                    must = next((c for c in _governing(t) if c.dep_ == "aux" and c.lower_ == "must"), None)
                    if must is not None:
                        # "Russia must stop arming Syria": the arming goes on, the stopping is only demanded
                        hedges.append((must.text, cues.hedge_factor("would")))
            elif kind == "intent" and below is not None and below.dep_ == "xcomp":
                found.setdefault("intent", text)
        if k and t.i not in phrases and (phrase := _negation_phrase(phrases, t.i)):
            # the parser hangs the cue inside the phrase ("stopped short of cutting ties": on "short")
            _note(found, level, "negation", phrase, k)
        if k and below is not None and below.dep_ == "xcomp" and (hedge := _hedge(doc, phrases, t.i, ("verb",))):
            hedges.append(hedge)  # "needs to confront", "unlikely to attack"
        if k and below is not None and below.dep_ == "prep" and below.lower_ == "from" \
                and _norm(t.text) in _PREVENT and any(c.dep_ == "dobj" for c in t.children):
            _note(found, level, "negation", t.text, k)  # "the law prohibits American companies from investing"
        if k and _norm(t.text) in cues.intent_adjectives and below is not None and below.dep_ == "xcomp":
            found.setdefault("intent", t.text)
        if k and t.lower_ in _REFUSAL_ADJECTIVES and below is not None and below.dep_ == "xcomp":
            _note(found, level, "refusal" if cooperation else "negation", t.text, k)  # "reluctant to share"
        if t.lower_ == "without" and k:
            _note(found, level, "negation", t.text, k)
        if instead := _instead(t):
            _note(found, level, "negation", instead, k)  # "sent aid to Greece instead of backing Turkey"
        for c in _governing(t):
            w = _norm(c.text)
            if c.dep_ == "neg" and (c.i > t.i and _contrast(doc, c.i) or _focus(doc, c.i)):
                continue  # "with X, not Y": a contrast; "not only", "whether or not": no negation
            if c.dep_ == "neg" or (c.dep_ == "det" and w == "no") or (c.dep_ == "advmod" and w == "never") or (
                    c.dep_ in ("cc", "preconj") and w in ("nor", "neither") and c.i < t.i):  # "Nor has Russia backed"
                if any(level.get(name, k + 1) <= k for name in ("negation", "refusal", "reversal")):
                    for name in ("negation", "refusal", "reversal"):
                        found.pop(name, None)
                    level.clear()
                    level["cancelled"] = k
                    continue
                if "cancelled" in level:
                    continue
                volitional = any(a.dep_ == "aux" and _norm(a.text) in _VOLITIONAL for a in t.children)
                if volitional and cooperation:
                    _note(found, level, "refusal", " ".join(x.text for x in t.children if x.dep_ in ("aux", "neg")), k)
                else:
                    _note(found, level, "negation", c.text, k)
            elif c.dep_ == "advmod" and c.i < t.i and _negation_phrase(phrases, c.i):
                _note(found, level, "negation", _negation_phrase(phrases, c.i), k)  # "will no longer talk to"
            elif c.dep_ in ("aux", "auxpass", "advmod") or c.dep_ in ("amod", "det") and t.tag_.startswith("NN"):
                hedge = _hedge(doc, phrases, c.i, ("noun",) if c.dep_ in ("amod", "det") else ("verb",))
                if hedge and not (w == "would" and reported):  # "said it would send": a reported future
                    hedges.append(hedge)
    # "it is unlikely that India will attack": a hedge predicated of the clause that holds the cue
    for c in top.head.children if top.dep_ == "ccomp" else ():
        hedge = _hedge(doc, phrases, c.i, ("verb", "clause")) if c.dep_ == "acomp" else None
        if hedge:
            hedges.append(hedge)
    # an infinitive of purpose is not done if what it serves is denied ("did not send troops to help Syria":
    # the linker gives it that verb's subject); that verb's modals mostly state a commitment or a stance
    # ("pledged the administration would be there to confront the threats"), and do not hedge it; nor is what
    # one did not get or persuade someone to do, in the infinitive the parser hangs apart ("couldn't get
    # Russia on board to impose sanctions")
    if top.dep_ in ("advcl", "ccomp") and top.head.tag_.startswith("VB") and (
            top.dep_ == "advcl" and purpose_of(top) == top.head or _norm(top.head.text) in _MADE_TO
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)):
        for c in top.head.children:
            if c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ == "never":
                found.setdefault("negation", c.text)
    # "their refusal to back the draft", "the failure to agree", "plans to attack", "no intention of
    # attacking": a noun the cue complements
    noun = _complemented_noun(doc[hit.head]) or _complemented_noun(top)  # "the refusal to grant a meeting"
    if noun is not None and _norm(noun.text) in _REFUSAL_NOUNS:
        kind = _REFUSAL_NOUNS[_norm(noun.text)]
        found.setdefault(kind if kind != "refusal" or cooperation else "negation", noun.text)
    elif noun is not None and _norm(noun.text) in _INTENT_NOUNS:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            found.setdefault("negation", f"no {noun.text}")
        else:
            found.setdefault("intent", noun.text)
    framed = _framing_negation(doc[hit.head], top)
    if framed:
        found.setdefault("negation", framed)
    hedges += [h for h in _framing_hedges(doc, phrases, doc[hit.head], top, cues) if h not in hedges]
    # "a ban on arms sales to Iran", "a freeze on all new trade deals": what is banned is not done
    for t in (top, noun):
        ban = t.head if t is not None and t.dep_ == "pobj" else t  # "a ban on Huawei's ability to purchase"
        if ban is not None and ban.dep_ == "prep" and ban.lower_ in ("on", "against") \
                and _norm(ban.head.text) in _BANS and not _lifted(ban.head, phrases):
            found.setdefault("negation", f"{ban.head.text} {ban.text}")
    # "denied reports it had been selling oil to North Korea", "dismissed claims that": what is denied
    if top.dep_ in ("acl", "relcl", "ccomp") and _norm(top.head.text) in _CLAIMS \
            and top.head.dep_ == "dobj" and _norm(top.head.head.text) in _DISMISS:
        found.setdefault("negation", f"{top.head.head.text} {top.head.text}")
    # "a visit that ended without agreement", "talks ended in failure"
    for c in doc[hit.head].children:
        if c.dep_ == "relcl":
            for g in c.children:
                if g.dep_ == "prep" and _norm(g.text) == "without":
                    found.setdefault("negation", f"{c.text} {g.text}")
    # "efforts to forge a strategy with X collapsed": the reversal comes after
    head = top.head if top.dep_ in ("nsubj", "nsubjpass") else (top.head.head if top.head.dep_ in ("nsubj",) else None)
    if head is not None and head.i in phrases:
        end, (kind, _) = phrases[head.i]
        # "efforts ... collapsed"; "cooperation with the U.S. ended" (a state of cooperation that ended),
        # not "the war ended" (it was fought), "the visit ended" (meetings end), "a deal would end sanctions"
        ended = kind == "reversal" and cooperation and hit.cue.family != "consult" \
            and not any(c.dep_ == "dobj" for c in head.children)
        if kind == "after" or ended:
            found.setdefault("reversal", " ".join(x.text for x in doc[head.i:end]))
    lo, hi = top.left_edge.i, top.right_edge.i
    clause = top
    # (a noun's clause is a clause: "confidence that X will back Y, despite reports that Z may wait if ...")
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl") and clause.head.i != clause.i:
        clause = clause.head
    clo, chi = min(lo, clause.left_edge.i), max(hi, clause.right_edge.i)
    # "X is affiliated with Y, and franchises are said to exist": a clause coordinated with the cue's
    # has its own subject and its own hedges
    others = [(c.left_edge.i, c.right_edge.i) for c in clause.children
              if c.dep_ == "conj" and c.tag_.startswith("VB") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
              and not c.left_edge.i <= hit.head <= c.right_edge.i]
    # a threat or pledge is made whatever it is conditioned on
    announced = bool(found.get("intent")) or hit.cue.family in ("threaten", "intend_cooperate") or (
        reported and said.lower_ != "be" and any(c.dep_ == "aux" and _norm(c.text) in _VOLITIONAL
                                                 for c in _governing(said)))  # "said it would impose ... if"
    for i, (end, (kind, payload)) in phrases.items():
        if kind != "hedge" or payload.scope in ("verb", "noun"):
            continue
        if payload.scope == "clause" and clo <= i <= chi and any(a <= i <= b for a, b in others):
            continue
        conditions = _conditions(doc[i], doc[hit.head])
        if payload.scope == "clause" and not clo <= i <= chi and not conditions:
            continue
        if _asks_apart(doc[i], doc[hit.head], conditions):
            continue  # "X attacked Y, whether or not Z agreed": the question is about Z's clause
        if _concedes(doc[i], conditions):
            continue  # "X backs Y even if Z protests", "as if nothing had changed", "if anything"
        if doc[i].dep_ == "mark" and doc[i].head.dep_ == "advcl" and not conditions and (
                announced or doc[i].head.head not in (doc[hit.head], *doc[hit.head].ancestors)):
            # "threatened Canada with tariffs if ...", "vowed to defend Taiwan if ...": the threat is made; "during
            # the meeting with Kim he said Trump would work with the North if ...": the condition is another's
            continue
        word = " ".join(x.text for x in doc[i:end])
        if (word, payload.factor) not in hedges:
            hedges.append((word, payload.factor))
    # "should Iran attack", "were China to arm Russia", "had Russia intervened": a condition without "if"
    inverted = _inverted_condition(doc[hit.head])
    if inverted is not None and inverted.lower_ == "had" and found.get("negation") in ("not", "n't"):
        found.pop("negation")  # "had Russia not intervened" says that it did
    else:
        # or one the cue's clause hangs on ("should talks fail, Israel will strike Iran")
        inverted = inverted or next(filter(None, map(_inverted, clause.children)), None)
        if inverted is not None and all(w != inverted.text for w, _ in hedges):
            hedges.append((inverted.text, cues.hedge_factor("if")))
    asked = _question(doc, clo, chi)
    if asked:
        hedges.append(("?", asked))
    if any(t.tag_.startswith("VB") and _norm(t.text) in PRESUPPOSING_VERBS for t in links[1:]):
        # "will continue to work with X if ...", "could deepen ties with X": the state is there, whatever
        # becomes of it; a report of it still counts as one ("reportedly continues to arm")
        modal = cues.hedge_factor("would")
        hedges = [h for h in hedges if h[1] > modal]
    return Modifiers(found.get("negation", ""), found.get("refusal", ""), found.get("reversal", ""),
                     found.get("intent", ""), tuple(hedges), past_year(doc, hit, clo, chi, year))


def modifier_phrases(words: Sequence[str], cues: Cues) -> dict[int, tuple[int, tuple[str, Any]]]:
    """Where the lexicon's modifier phrases start in a sentence: {token: (end, (kind, payload))}."""
    index = cues._modifiers
    out = {}
    for i, w in enumerate(words):
        if w in index.index:
            found = index.match(words, i)
            if found:
                out[i] = found
    return out


def past_year(doc: Any, hit: Hit, lo: int, hi: int, year: int) -> str:
    """A year before the article's that dates the cue's clause ("in 2011"); "the 2016 assassination"
    dates only that noun; "since 2014" is no past date."""
    for t in doc[lo:hi + 1]:
        if len(t.text) != 4 or not t.text.isdigit() or not 1800 <= int(t.text) < year:
            continue
        prev = doc[t.i - 1].lower_ if t.i else ""
        if prev in ("since", "until", "by", "through"):
            continue
        if t.dep_ in ("nummod", "compound", "amod") and t.head.tag_.startswith("NN"):
            if t.head.i == hit.head:
                return t.text
            continue
        return t.text
    return ""


def govern(kind: str, intensity: float, confidence: float, mods: Modifiers, cues: Cues) -> \
        tuple[str, float, float, str]:
    """Apply refusal, reversal, intent, hedges and past dates to one relation: (kind, intensity,
    confidence, note)."""
    notes = []
    sign = kind_sign(kind)
    fam = cues.families
    if mods.refusal:
        kind = "verbal_conflict" if sign > 0 else "verbal_cooperation"
        intensity = min(intensity, cues.refusal_intensity)
        notes.append(f"refused ('{mods.refusal}')")
    elif mods.reversal:
        kind = REVERSED_KIND[kind]
        limit = fam["reduce_relations"].intensity if sign > 0 and "reduce_relations" in fam else \
            fam["yield"].intensity if "yield" in fam else intensity
        intensity = min(intensity, limit)
        confidence *= cues.reversal_factor[sign]
        notes.append(f"reversed ('{mods.reversal}')")
    elif mods.intent:
        verbal = VERBAL[kind]
        if verbal != kind:
            limit = fam["intend_cooperate"].intensity if sign > 0 and "intend_cooperate" in fam else \
                fam["threaten"].intensity if sign < 0 and "threaten" in fam else intensity
            kind, intensity = verbal, min(intensity, limit)
        notes.append(f"intent ('{mods.intent}')")
    for word, factor in mods.hedges:
        confidence *= factor
        notes.append(f"hedged ('{word}')")
    if mods.historical:
        confidence *= cues.historical_factor
        notes.append(f"historical ('{mods.historical}')")
    return kind, intensity, min(1.0, confidence), ", ".join(notes)


def _note(found: dict[str, str], level: dict[str, int], name: str, text: str, k: int) -> None:
    """Record a modifier and the chain level it stands at (the first of each kind wins)."""
    if name not in found:
        found[name] = text
        level[name] = k


def _framing_negation(cue: Any, top: Any) -> str:
    """A frame that says the cue's act is not so: "it doesn't appear that the two have stopped talking", "found
    no sign that Russia had supplied weapons", "the lack of Egyptian support for Hamas" (its words, or "")."""
    gov = top.head
    if top.dep_ == "ccomp" and _norm(gov.text) in _SEEM and any(c.dep_ == "neg" for c in _governing(gov)):
        return " ".join(c.text for c in _governing(gov) if c.dep_ == "neg") + " " + gov.text
    if top.dep_ in ("acl", "ccomp") and _norm(gov.text) in _EVIDENCE \
            and any(c.dep_ == "det" and c.lower_ == "no" for c in gov.children):
        return f"no {gov.text}"
    if cue.dep_ == "pobj" and cue.head.lower_ == "of" and cue.head.head.lower_ in _ABSENCE:
        return cue.head.head.text
    return ""


def _framing_hedges(doc: Any, phrases: Mapping[int, tuple[int, tuple[str, Any]]], cue: Any, top: Any,
                    cues: Cues) -> list[tuple[str, float]]:
    """Frames that put the cue's act as possible, weighed or feared, not done: "will have the chance to press
    Putin" (not a chance taken: "seized the opportunity to", "had the chance to"), "attacking Syria will weaken
    Assad", "warned against a US strike on Syria" (not "warned of": "warned of Russian aggression" speaks of
    what goes on)."""
    out = []
    act = cue.head if cue.dep_ == "dobj" else cue  # "the chance to impose sanctions"
    possible = _possibility(act) if act.tag_.startswith("VB") else None
    hedge = _hedge(doc, phrases, possible.i, ("verb",)) if possible is not None else None
    # (one word: "Morsi's need to denounce Israel" says what he does)
    if hedge and phrases[possible.i][0] == possible.i + 1 and not (possible.dep_ == "dobj" and (
            _norm(possible.head.text) in _SEIZE or possible.head.tag_ in ("VBD", "VBN")
            and possible.head.lower_ in ("had", "got", "gotten"))):
        out.append(hedge)
    if top.dep_ == "csubj" and top.tag_ == "VBG":
        modal = next((c for c in _governing(top.head) if c.dep_ == "aux" and _norm(c.text) in _FUTURE), None)
        if modal is not None:
            out.append((modal.text, cues.hedge_factor("would")))
    warned = cue.head if cue.dep_ in ("pobj", "pcomp") and cue.head.lower_ == "against" else None
    if warned is not None and _norm(warned.head.text) in _WARN:
        out.append((f"{warned.head.text} {warned.text}", cues.hedge_factor("would")))
    return out


def _governing(t: Any) -> list[Any]:
    """The words hanging on a chain word, and the modals and negations the parser hangs on its auxiliaries
    ("may be meddling": "may" on "be")."""
    return [*t.children, *(g for c in t.children if c.dep_ in ("aux", "auxpass")
                           for g in c.children if g.dep_ in ("aux", "neg"))]


def _conditions(word: Any, cue: Any) -> bool:
    """Whether a clause-scope hedge word marks a clause whose complements hold the cue however deep ("unless
    the secretary certified that it is cooperating with X"); not what that clause presupposes: its subject,
    a clause of its own or a description ("whether the dispatch of troops to aid X will be followed",
    "if they agree on Friday, when Y hosts Z", "if the report that Y is preparing")."""
    if word.dep_ != "mark":
        return False
    clause = word.head.head if word.head.dep_ in ("aux", "auxpass") else word.head  # "whether China had armed"
    t = cue
    while t != clause:
        if _presupposed(t) or t.head == t:
            return False
        t = t.head
    return True


def _inverted_condition(h: Any) -> Any:
    """The "should", "were" or "had" that opens an adverbial clause holding ``h`` as a condition, with its
    subject after it ("should Iran attack", "were China to arm Russia", "had Russia intervened"), or None."""
    for t in (h, *h.ancestors):
        if (first := _inverted(t)) is not None:
            return first
        if _presupposed(t):
            return None
    return None


def _inverted(t: Any) -> Any:
    """The first word of clause ``t`` if it is a condition without "if" ("should talks fail"), else None."""
    first = t.doc[t.left_edge.i]
    # (the parser makes such a clause a clausal complement as often as an adverbial one)
    if t.dep_ in ("advcl", "ccomp") and first.lower_ in ("should", "were", "had") \
            and (first == t or first.head == t and first.dep_ in ("aux", "auxpass")) \
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == first.i + 1 for c in t.subtree):
        return first
    return None


def _presupposed(t: Any) -> bool:
    """Whether the arc above ``t`` leads out of what its clause asserts (an infinitive of purpose does not)."""
    return t.dep_ in _PRESUPPOSED and not (t.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in t.children))


def _negation_phrase(phrases: Mapping[int, tuple[int, tuple[str, Any]]], i: int) -> str:
    """The text of a multi-word negation phrase that holds token ``i`` ("no longer"), or ""."""
    for start in range(max(0, i - 2), i + 1):
        if start in phrases:
            end, (kind, payload) = phrases[start]
            if kind == "negation" and start <= i < end and end - start > 1:
                return payload
    return ""


def _alternative(verb: Any) -> bool:
    """A verb coordinated by "or"/"nor" with the one before it, sharing its subject: what governs the
    first governs it ("did not arm or fund the rebels", "stop arming and financing – and even trading
    with –"); with "and" or "but" each verb keeps its own ("did not attack Turkey but backed Syria")."""
    if not verb.tag_.startswith("VB") or not verb.head.tag_.startswith("VB"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    between = [x.lower_ for x in verb.doc[verb.head.i + 1:verb.i]]
    return ("or" in between or "nor" in between or verb.head.lower_.endswith("ing")) and "but" not in between


def _complement(below: Any, verb: Any, end: int) -> bool:
    """Whether the chain reaches a stopping verb from what it stops: its object or complement, or a
    preposition of its own phrase ("walked away from the deal"), not an adjunct ("tensions eased
    following the attacks")."""
    if below is None:
        return False
    if below.dep_ == "prep":
        return verb.i < below.i < end or below.lower_ == "from"
    return below.dep_ in _STOPPED or below.dep_ == "prt"


def _hedge(doc: Any, phrases: Mapping[int, tuple[int, tuple[str, Any]]], i: int, scopes: tuple[str, ...]) -> \
        tuple[str, float] | None:
    """The hedge phrase of one of ``scopes`` that starts at token ``i`` (its words and factor), or None."""
    if i not in phrases:
        return None
    end, (kind, payload) = phrases[i]
    return (" ".join(x.text for x in doc[i:end]), payload.factor) if kind == "hedge" and payload.scope in scopes \
        else None


def _question(doc: Any, lo: int, hi: int) -> float:
    """The factor of a yes/no question over the cue's clause ``doc[lo..hi]``, 0 if none: the sentence is one
    (its main verb's auxiliary before its subject: "Will China back Russia?", "If X can do this, can Y do
    that?"), or the clause is one quoted before the sentence goes on ("'Will China back Pyongyang?' he
    asked"). A yes/no question asks whether the act happens at all; a wh-question takes it as given ("Why
    did Trump order the killing of Soleimani?"); another question is :data:`QUESTION_FACTOR`."""
    opening = next((t for t in doc[lo:] if not t.is_punct), None)
    after = next((t for t in doc[hi + 1:] if not t.is_quote), None)
    last = next((t for t in reversed(doc[lo:hi + 1]) if not t.is_quote), None)
    if opening is not None and opening.lower_ in _YES_NO and any(
            t is not None and t.text == "?" and t.i < len(doc) - 2 for t in (last, after)):
        return YES_NO_FACTOR
    if not doc.text.rstrip().endswith("?"):
        return 0.0
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lower_ in _YES_NO:
        return YES_NO_FACTOR
    root = doc[lo]
    while root.head != root:
        root = root.head  # the main verb of the cue's clause (a caption before it may have its own)
    # "Why did ...", "How will ...": a question word of the main verb (not "for fear of what he might do")
    asks = any(t.tag_ in ("WDT", "WP", "WP$", "WRB") and root in (t.head, t.head.head) for t in doc[:root.i])
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is not None and not asks and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i
                                                and c.lower_ in _YES_NO for c in root.children):
        return YES_NO_FACTOR  # "If X can do this, can Y do that?"
    return 0.0 if asks else QUESTION_FACTOR


def _lifted(noun: Any, phrases: Mapping[int, tuple[int, tuple[str, Any]]]) -> bool:
    """Whether a noun is the object of a verb that ends it ("lifted the ban on arms sales", "easing a
    ban on sales to Huawei"): what the ban was on goes ahead."""
    gov = noun.head
    return noun.dep_ in ("dobj", "nsubjpass") and gov.i in phrases and phrases[gov.i][1][0] == "reversal"


def _particle(verb: Any, word: str) -> bool:
    """The verb has this particle ("ended up rescuing" is no ending)."""
    return any(c.dep_ == "prt" and c.lower_ == word for c in verb.children)


def _complemented_noun(h: Any, preps: tuple[str, ...] = ("of",)) -> Any:
    """The noun whose complement the cue is: "plans to attack" (acl), "intention of attacking" (of +
    gerund), or None."""
    if h.dep_ == "acl" and h.head.tag_.startswith("NN"):
        return h.head
    if h.dep_ == "pcomp" and h.head.lower_ in preps and h.head.head.tag_.startswith("NN"):
        return h.head.head
    return None


def _instead(t: Any) -> str:
    """ "instead of" or "rather than" when chain word ``t`` is it, or is a verb set against the one before it
    with it ("chose to negotiate rather than impose sanctions"); else "". """
    if t.lower_ == "of" and any(c.lower_ == "instead" for c in t.children):
        return "instead of"
    if t.lower_ == "than" and t.i and t.doc[t.i - 1].lower_ == "rather":
        return "rather than"
    if t.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "than" and t.head.i < c.i < t.i and c.i
                                and t.doc[c.i - 1].lower_ == "rather" for c in t.head.children):
        return "rather than"
    return ""


def _possibility(h: Any) -> Any:
    """The noun whose infinitive or gerund the cue is ("the chance to press", "the risk of attacking"), or
    None. (Not a noun cue: "the prospects for a deal with China" mostly speaks of talks that are held.)"""
    noun = _complemented_noun(h, ("of", "for"))
    return noun if noun is not None and (h.dep_ != "acl" or any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in h.children)) else None


def _asks_apart(word: Any, cue: Any, conditions: bool) -> bool:
    """ "whether (or not)" marking an adverbial clause that does not hold the cue: it concedes, and
    conditions nothing ("X attacked Y, whether or not Z agreed"; an "if" clause conditions the clause
    it hangs on). A question asked or weighed ("to determine whether", "asked if") is about its own
    clause, and not about what that clause takes as given: "held talks to determine whether the summit
    would go ahead" (the talks are held), "asked whether there was a contradiction between Washington
    negotiating with X and threatening Y" (both are done)."""
    if word.lower_ not in ("whether", "if") or word.dep_ != "mark":
        return False
    if word.head.dep_ == "advcl":
        return word.lower_ == "whether" and not word.head.left_edge.i <= cue.i <= word.head.right_edge.i
    return not conditions


def _concedes(word: Any, conditions: bool) -> bool:
    """An "if" that conditions nothing outside its own clause: "even if" and "as if" (the clause they hang
    on is asserted), "if anything", "if not", "if necessary" (a comment on the words around them)."""
    if word.lower_ != "if":
        return False
    doc = word.doc
    after = doc[word.i + 1].lower_ if word.i + 1 < len(doc) else ""
    if after in ("anything", "any", "not", "ever", "necessary", "needed", "required", "need"):
        return True  # "if necessary": a readiness stated, not a condition of someone else's act
    return word.i > 0 and doc[word.i - 1].lower_ in ("even", "as") and not conditions


def _focus(doc: Any, k: int) -> bool:
    """ "not only", "not just", "whether or not": a "not" that denies nothing."""
    after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    return after in _FOCUS or (k > 0 and doc[k - 1].lower_ == "or")


def _contrast(doc: Any, k: int) -> bool:
    """Whether the "not" at ``k`` sets a noun phrase against what came before it ("X, not Y")."""
    return 0 < k < len(doc) - 1 and doc[k - 1].is_punct and doc[k - 1].text not in ("(", '"', "“") \
        and doc[k + 1].tag_ in ("NN", "NNS", "NNP", "NNPS", "DT", "PRP")
