"""Relation extraction: who cooperates with or fights whom, sentence by sentence, over a dependency parse.

A pipeline of small components over one spaCy ``Doc`` per sentence:

1. :mod:`~netviz.extract.parse`: spaCy tokenises the article and cuts it into
   sentences (the model's sentence recognizer); the model is loaded once per
   process and its files' sha256 checked.
2. :mod:`~netviz.extract.mentions`: the codebook finds the actors; only the
   sentences that can hold a relation (two actors, or one and a pronoun,
   definite description or generic noun that may stand for another; and a
   cue, all its words) are parsed, in batches (``nlp.pipe``), with the
   tagger and the dependency parser only.
3. :mod:`~netviz.extract.cues`: cue phrases of the lexicon (``data/cues.yaml``,
   :mod:`~netviz.extract.lexicon`).
4. :mod:`~netviz.extract.coref`: pronouns, definite descriptions and generic
   actors resolved over the sentence and the two before it.
5. :mod:`~netviz.extract.linking`: the two sides of every cue from its
   dependency arcs (:mod:`~netviz.extract.nouns` the noun, role and
   relationship cues, :mod:`~netviz.extract.sides` reads one side,
   :mod:`~netviz.extract.fallback` takes the nearest actor when the parse
   gives only one, :mod:`~netviz.extract.request` hedges a link whose acting
   side is only asked to act: "urged Obama to hold talks with Hamas").
6. :mod:`~netviz.extract.modifiers`: negation drops a relation, refusals and
   reversals flip its sign, intent makes it verbal, hedges and past dates
   lower its confidence.
7. :mod:`~netviz.extract.confidence`: each linking path's score, and the map
   that turns a score into a confidence measured on unseen news.

Every :class:`~netviz.model.Relation` carries its evidence: the sentence, its
span in ``Article.text``, the cue and its span, and the rule that linked the
actors (with any pronoun or generic actor it rests on).
:func:`explain_article` shows the same reasoning for every sentence: the
arcs behind each link, and why each other pair of actors was not linked.

Every relation is returned, weak ones included, so maps can weigh it by
intensity x confidence; those at or above :data:`FOUND_CONFIDENCE` are the
extractor's findings, the ones :mod:`netviz.extract.evaluate` scores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from netviz.extract import coref
from netviz.extract.confidence import calibrate, path_confidence
from netviz.extract.cues import Hit, find_cues, may_hold_cue, may_start_cue, norms
from netviz.extract.explain import (
    ActorFound,
    CueFound,
    LinkFound,
    SentenceExplanation,
    find_article,
    format_explanation,
    relations_csv,
    relations_table,
)
from netviz.extract.lexicon import (
    DEFAULT_CUES,
    Cue,
    Cues,
    Family,
    Hedge,
    default_cues,
    load_cues,
    noun_forms,
    verb_forms,
)
from netviz.extract.linking import Link, Linker, Side, together
from netviz.extract.sides import spoken_of
from netviz.extract.mentions import (
    ActorMention,
    context_mentions,
    country_of_article,
    group_members,
    on_tokens,
    resolve_generic,
    seats,
    stand_for,
    surnames,
    with_roles,
)
from netviz.extract.modifiers import (
    REVERSED_KIND,
    find_modifiers,
    govern,
    modifier_phrases,
)
from netviz.extract.parse import (
    MAX_TOKENS,
    LongSentenceWarning,
    load_model,
    parse_docs,
    sentences_of,
    split_sentences,
)
from netviz.ingest.actors import Codebook
from netviz.model import Article, Evidence, Relation, kind_sign

__all__ = [
    "DEFAULT_CUES", "FOUND_CONFIDENCE", "MAX_TOKENS", "ActorFound", "Cue", "CueFound", "Cues", "Family", "Hedge",
    "LinkFound", "LongSentenceWarning", "SentenceExplanation", "explain_article", "extract_articles",
    "extract_relations",
    "find_article", "format_explanation", "load_cues", "load_model", "noun_forms", "relations_csv",
    "relations_table", "split_sentences", "verb_forms",
]

#: Relations at or above this confidence count as "found" when scoring
#: (hedged statements fall below it; historical ones stay above).
FOUND_CONFIDENCE = 0.5

# "U.S.-based": the codebook drops such a name; the explanation says why.
_RESIDENCE = re.compile(r"\b([A-Z][\w.]*)[-\u2010\u2011](based|born|headquartered)\b")
# Articles read together: their candidate sentences go through one nlp.pipe call.
_BATCH = 32


@dataclass
class _Sentence:
    number: int
    start: int
    end: int
    doc: Any
    mentions: list[ActorMention]
    words: list[str] = field(default_factory=list)
    candidate: bool = False


@dataclass
class _Article:
    article: Article
    sentences: list[_Sentence]
    country: str | None
    main: str | None = None
    #: the actors the article names more than in passing (twice or more): the members of a group such as
    #: "the six powers" it stands for, with those named in the group's own sentence. A member named once
    #: elsewhere ("pushing Iran toward Russia and China" in a quote at the end of an article on talks in
    #: Vienna) is not shown taking part: the dev gold's annotator does not count such a member.
    named: frozenset[str] = frozenset()


class _Context:
    """What every sentence of a run needs from the codebook and the lexicon."""

    def __init__(self, codebook: Codebook, cues: Cues) -> None:
        self.codebook = codebook
        self.cues = cues
        self.types = {i: a.type for i, a in codebook.actors.items()}
        self.states = frozenset(i for i, t in self.types.items() if t == "state")
        self.bodies = frozenset(i for i, t in self.types.items() if t == "organisation")
        self.seats = seats(codebook)


def _prepare(article: Article, ctx: _Context, every: bool, explain: bool = False) -> _Article | None:
    """Sentences, mentions on tokens, and which sentences to parse (None: no actor, and not ``every``)."""
    mentions = surnames(article.text, ctx.codebook.find_mentions(article.text, article.date, generic=True))
    if not mentions and not every:
        return None
    named = [m for m in mentions if m.actor]
    main = coref.main_actor(ctx.codebook.find_mentions(article.title or "", article.date), named)
    sentences: list[_Sentence] = []
    k = 0
    for number, sentence in enumerate(sentences_of(article.text), 1):
        offset, text, words, doc = sentence.offset, sentence.text, sentence.words, sentence.doc
        end = offset + len(text)
        while k < len(mentions) and mentions[k].start < offset:
            k += 1
        n = k
        while n < len(mentions) and mentions[n].end <= end:
            n += 1
        on = on_tokens(doc, offset, mentions[k:n], article.date)
        k = n
        s = _Sentence(number, offset, offset + len(text.rstrip()), doc, on)
        actors = {m.actor for m in on if m.actor}
        window = [m for p in sentences[-coref.WINDOW:] for m in p.mentions]
        recent = {m.actor for m in window if m.actor}
        if on or len(recent) > 1:
            covered = frozenset(i for m in on for i in range(m.start, m.end))
            referring = len(actors) == 1 and (any(m.generic for m in on) or any(
                w.lower() in coref.REFERRING for i, w in enumerate(words) if i not in covered)
                or coref.names_office(words))
            # "The two countries agreed ...": a pair named in the sentences before
            pair = not actors and len(recent) > 1 and any(w.lower() in coref.PAIR_NOUNS for w in words)
            if len(actors) > 1 or referring or pair:
                s.words = norms(words, covered)
                # explain reads every sentence where a cue starts; extraction only those that can give a
                # relation (what later sentences refer back to is read from the words, parsed or not)
                s.candidate = may_start_cue(s.words, ctx.cues) if explain else (
                    not _alone(actors, on, window, main) and may_hold_cue(s.words, ctx.cues))
        sentences.append(s)
    counts = Counter(m.actor for m in named)
    return _Article(article, sentences, country_of_article(article.text, named, ctx.states), main,
                    frozenset(a for a, n in counts.items() if n > 1))


def _alone(actors: set[str], mentions: Sequence[ActorMention], window: Sequence[ActorMention],
           main: str | None) -> bool:
    """One actor and nothing that can stand for another: every mention of the sentence and of the
    two before names that actor (so pronouns, definite descriptions and a quote's speaker resolve to
    no other, :mod:`~netviz.extract.coref`, and no generic noun such as "rebels" resolves to another
    through a country), and the article's main actor, which a cue with no one acting may imply
    (:func:`_implied`), is that one or none. Such a sentence gives no relation (an actor is never
    related to itself), so extraction does not parse it."""
    return len(actors) == 1 and main in (None, *actors) and all(m.actor in actors for m in (*mentions, *window))


def _articles(articles: Iterable[Article], ctx: _Context, every: bool, explain: bool = False) -> Iterator[_Article]:
    """Prepared articles, their candidate sentences parsed in batches of articles."""
    batch: list[_Article] = []

    def flush() -> list[_Article]:
        docs = [s.doc for a in batch for s in a.sentences if s.candidate]
        parse_docs(docs)  # in place: nlp.pipe on Doc objects fills their tags and arcs
        done = list(batch)
        batch.clear()
        return done

    for article in articles:
        prepared = _prepare(article, ctx, every, explain)
        if prepared is None:
            continue
        batch.append(prepared)
        if len(batch) >= _BATCH:
            yield from flush()
    yield from flush()


def _read(art: _Article, s: _Sentence, before: Sequence[Sequence[ActorMention]], ctx: _Context,
          explain: bool, speaker_before: ActorMention | None = None) -> \
        tuple[list[Relation], SentenceExplanation | None]:
    """The relations of one sentence, and its explanation when asked."""
    article, cues, doc = art.article, ctx.cues, s.doc
    text = article.text[s.start:s.end]
    if not s.candidate:
        return [], _plain_explanation(s, text) if explain else None
    every = resolve_generic(with_roles(doc, s.mentions, cues.places, ctx.seats, ctx.bodies), ctx.codebook,
                            art.country, article.date, ctx.states, art.named | {m.actor for m in s.mentions if m.actor},
                            frozenset(m.actor for ms in (s.mentions, *before) for m in ms if m.actor),
                            doc)
    mentions, members = group_members(every)
    # every member of a group: "they" after "the six powers" stands for all of them
    resolved, second = coref.resolve(doc, every, before, ctx.types, speaker_before)
    second = {**members, **second}
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    phrases = modifier_phrases(s.words, cues)
    hits = find_cues(doc, s.words, cues, phrases)
    linker = Linker(doc, at, resolved, cues, second, hits)
    best: dict[tuple[tuple[str, str], int], tuple[tuple[bool, float], int, Relation]] = {}
    found_links: list[LinkFound] = []
    cue_found: list[CueFound] = []
    order = 0
    for hit in hits:
        mods = find_modifiers(doc, phrases, hit, cues, article.date.year)
        cue_start, cue_end = _cue_span(doc, hit)
        if explain:
            cue_found.append(CueFound(hit.cue.text, hit.cue.family, hit.cue.kind or "neutral", cue_start, cue_end,
                                      mods.describe()))
        links = _implied(art, doc, hit, linker.link(hit), at, resolved)
        for link in links + together(hit, links):
            # what governs another word than the cue ("vetoed" over "condemning")
            link_mods = mods if link.governor is None else \
                find_modifiers(doc, phrases, replace(hit, head=link.governor), cues, article.date.year)
            if link.hedges:
                link_mods = replace(link_mods, hedges=link_mods.hedges + link.hedges)
            pairs = _pairs(link)
            if not pairs:
                if explain:
                    found_links.append(LinkFound(hit.cue.phrase, link.rule, _first(link.agents),
                                                 _first(link.patients), _why_not(link), _arcs(link.agents,
                                                                                               link.patients)))
                continue
            # a refused or stopped cooperation takes no side with anyone ("refused to back X against Y")
            # ("mend ties": the reversal word is what signs a neutral noun, not a reversal of it)
            dropped = link_mods.negation or (link.sign and (link_mods.refusal or link_mods.reversal and not link.notes))
            if dropped:
                if explain:
                    found_links += [LinkFound(hit.cue.phrase, link.rule, a.mention.actor, b.mention.actor,
                                              f"negated by '{dropped}'", _arcs([a], [b])) for a, b in pairs]
                continue
            kind, intensity = _kind(hit.cue, link, cues)
            base = path_confidence(link.rule)
            for a, b in pairs:
                # "the two countries signed": one resolution made both sides, its factor counts once
                one = bool(a.mention.via and b.mention.via) and a.mention.start == b.mention.start
                confidence = base * a.mention.factor * (1.0 if one else b.mention.factor)
                if link.sign:  # pairs made by the link itself: only the confidence factors apply
                    k, i, c, note = govern(kind, intensity, confidence, type(mods)(hedges=link_mods.hedges,
                                                                                    historical=link_mods.historical), cues)
                else:
                    k, i, c, note = govern(kind, intensity, confidence, link_mods, cues)
                vias = [m.via for m in (a.mention, b.mention) if m.via]
                rule = "; ".join([link.rule, *vias, *([note] if note else [])])
                evidence = Evidence(sentence=text, cue=hit.cue.phrase, article=article.id, start=s.start, end=s.end,
                                    rule=rule, title=article.title, outlet=article.source, url=article.url,
                                    cue_start=cue_start, cue_end=cue_end)
                rel = Relation(a.mention.actor, b.mention.actor, kind_sign(k), k, round(i, 3), article.date,
                               "extracted", evidence, round(calibrate(c), 3))
                key = (rel.dyad, rel.sign)
                # a finding outweighs any weaker reading of the same pair ("accuses" over a hedged "demanded")
                # (by the score: the calibration map flattens it, and was fitted on the readings it picks)
                score = round(c, 3)
                weight = (score >= FOUND_CONFIDENCE, rel.intensity * score)
                if key not in best or weight > best[key][0]:
                    best[key] = (weight, best[key][1] if key in best else order, rel)
                order += 1
                if explain:
                    found_links.append(LinkFound(hit.cue.phrase, rule, rel.a, rel.b, "relation", _arcs([a], [b])))
    relations = [r for _, _, r in sorted(best.values(), key=lambda e: e[1])]
    if not explain:
        return relations, None
    return relations, _explanation(s, text, mentions, resolved, second, cue_found, found_links, relations)


def _implied(art: _Article, doc: Any, hit: Hit, links: list[Link], at: dict[int, ActorMention],
             resolved: dict[int, ActorMention]) -> list[Link]:
    """The cue's links, plus an acting side for a noun cue that names only the other side: the
    subject of the verb it hangs under ("He caps the day with a working dinner with the presidents of
    Peru ...", He resolved to Trump) or of the verb that one depends on (:func:`_controlling_subject`);
    or, when the cue names no one acting at all (:func:`coref.unnamed_agent`), the article's main
    actor, at lower confidence."""
    if hit.cue.pos in ("role", "neutral") or any(_pairs(lk) for lk in links):
        return links
    alone = [lk for lk in links if lk.patients and not lk.agents and lk.pairing == "cross"]
    if not alone:
        return links
    if spoken_of(hit, doc[hit.head]):
        return links  # "France condemned the attack on Syria": who speaks of an attack did not make it
    lk = alone[0]
    others = {p.mention.actor for p in lk.patients}
    controller = _controlling_subject(doc, hit.head)
    subject = coref.governing_subject(doc, hit.head) or controller
    got = stand_for(subject, at, resolved) if subject is not None else None
    if got is not None and got[0].actor not in others:
        side = Side(got[0], (f"nsubj({subject.head.text}, {subject.text})", *got[1]))
        return [*links, Link(hit, "subject of the verb the noun hangs under-object", (side,), lk.patients,
                             sign=lk.sign, notes=lk.notes)]
    if art.main is None or art.main in others or not coref.unnamed_agent(doc, hit.head) \
            or controller is not None or _placed(art.main, doc, hit, lk, at):
        # "an attack on America, Libya and ...": the main actor is acted upon, not acting; a named
        # subject the cue's clause depends on is someone else acting ("Speaking after talks with the
        # Arab League chief, Ban said"; on 500 real articles outside the audit sample this drops 4
        # wrong implied relations and 3 right ones, and the subject found acts in 2 right and 1 wrong)
        return links
    h = doc[hit.head]
    m = ActorMention(art.main, h.i, h.i + 1, h.i, h.text, via=f"implied: {art.main}, the article's main actor",
                     factor=coref.IMPLIED_FACTOR)
    return [*links, Link(hit, "the article's main actor-object", (Side(m, ("implied by the article",)),),
                         lk.patients, sign=lk.sign, notes=lk.notes)]


def _placed(main: str, doc: Any, hit: Hit, link: Link, at: dict[int, ActorMention]) -> bool:
    """Whether the sentence names the parties of the cue, or puts the article's main actor somewhere
    else, though it names no one acting: then the main actor is not implied. On real articles the
    implied actor was wrong when the other side came from "between" ("clashes between Libyan militias
    near the U.S. embassy": the parties are all there), when the sentence names the main actor as a
    place ("attacks on US facilities in Iraq") and when the cue is listed under another noun's owner
    ("Tehran's violations, ..., assistance to the Assad regime")."""
    if any("between)" in a or "among)" in a for p in link.patients for a in p.arcs):
        return True
    if any(m.actor == main and m.role in ("location", "private", "members") for m in at.values()):
        return True  # also "members of Trump's campaign had contacts with ...": a campaign, not the state
    return any(c.dep_ == "poss" for t in doc[hit.head].conjuncts for c in t.children)


def _controlling_subject(doc: Any, head: int) -> Any:
    """The named subject (a name or pronoun) of a verb that the verb a noun cue hangs under depends on
    with no subject of its own ("While issuing a tough warning to the U.S., Putin claimed ...": Putin;
    "Speaking after talks with the Arab League chief, Ban said": Ban), or None."""
    t = doc[head]
    if not t.tag_.startswith("NN"):
        return None
    while t.dep_ in ("pobj", "prep", "dobj", "conj", "compound", "appos") and t.head.i != t.i:
        t = t.head
    for _ in range(6):
        if t.dep_ not in ("xcomp", "advcl", "conj", "acl") or t.head.i == t.i or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return None
        t = t.head
        named = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NNP", "NNPS", "PRP")
                 and c.lower_ not in coref._WHEN]
        if named:
            return named[0]
    return None


def _pairs(link: Link) -> list[tuple[Side, Side]]:
    """The distinct pairs of actors a link relates (the first way each pair was reached)."""
    if link.pairing == "within":
        candidates = list(combinations(link.agents, 2))
    else:
        candidates = [(a, b) for a in link.agents for b in link.patients]
    out: dict[tuple[str, str], tuple[Side, Side]] = {}
    for a, b in candidates:
        if a.mention.actor != b.mention.actor:
            out.setdefault((a.mention.actor, b.mention.actor), (a, b))
    return list(out.values())


def _kind(cue: Cue, link: Link, cues: Cues) -> tuple[str, float]:
    if link.notes:  # a neutral noun signed by a word next to it
        return link.notes[0], float(link.notes[1])
    kind, intensity = cue.kind, cue.intensity
    if link.sign and kind_sign(kind) != link.sign:
        kind = REVERSED_KIND[kind]
        intensity = min(intensity, cues.families["yield"].intensity if link.sign > 0 and "yield" in cues.families
                        else intensity)
    return kind, intensity


def _cue_span(doc: Any, hit: Hit) -> tuple[int, int]:
    toks = [doc[i] for i in sorted(hit.tokens)]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _first(sides: Sequence[Side]) -> str | None:
    return sides[0].mention.actor if sides else None


def _arcs(agents: Sequence[Side], patients: Sequence[Side]) -> str:
    return " | ".join(" + ".join(s.arcs) or "the cue itself" for s in (*agents[:1], *patients[:1]))


def _why_not(link: Link) -> str:
    actors = {s.mention.actor for s in (*link.agents, *link.patients)}
    if len(actors) == 1 and (link.agents and link.patients or link.pairing == "within"):
        return f"self relation: both sides are {actors.pop()}"
    if not link.agents and not link.patients:
        return "no actor on either side of the cue"
    if not link.patients:
        return "no actor on the other side of the cue"
    return "no actor acting (subject) for the cue"


def _plain_explanation(s: _Sentence, text: str) -> SentenceExplanation:
    actors = tuple(ActorFound(m.actor, m.text, s.doc[m.start].idx, s.doc[m.end - 1].idx + len(s.doc[m.end - 1].text),
                              m.role) for m in s.mentions if m.actor)
    ids = sorted({m.actor for m in s.mentions})
    reason = "no actor" if not ids else f"one actor only ({ids[0]})" if len(ids) == 1 else "no cue"
    return SentenceExplanation(s.number, s.start, s.end, text, actors, (), tuple(_residences(text)), (), reason)


def _residences(text: str) -> list[LinkFound]:
    return [LinkFound(m.group(), "-", None, None, "residence modifier: a place of residence, not an actor")
            for m in _RESIDENCE.finditer(text)]


def _explanation(s: _Sentence, text: str, mentions: Sequence[ActorMention], resolved: dict[int, ActorMention],
                 second: dict[int, tuple[ActorMention, ...]], cues: list[CueFound], links: list[LinkFound], relations: list[Relation]) -> SentenceExplanation:
    doc = s.doc
    actors = [ActorFound(m.actor, m.text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), m.role)
              for m in mentions]
    actors += [ActorFound(m.actor, m.text, doc[m.start].idx, doc[m.start].idx + len(m.text), f"resolved: {m.via}")
               for m in (*resolved.values(), *(x for more in second.values() for x in more))]
    linked = {r.dyad for r in relations} | {tuple(sorted((lf.a, lf.b))) for lf in links if lf.a and lf.b}
    roles = {}
    for m in mentions:
        roles.setdefault(m.actor, set()).add(m.role)
    ids = sorted(roles)
    for a, b in combinations(ids, 2):
        if (a, b) in linked:
            continue
        aside = [f"{x} is only a {'/'.join(sorted(roles[x]))}" for x in (a, b) if "actor" not in roles[x]]
        links.append(LinkFound("-", "-", a, b, "not linked: " + ("; ".join(aside) or
                                                                 "no cue has them on its two sides")))
    links += _residences(text)
    participants = {m.actor for m in mentions if m.role == "actor"} | {m.actor for m in resolved.values()}
    if relations:
        reason = f"{len(relations)} relation{'s' * (len(relations) != 1)}"
    elif not participants:
        reason = "no actor that can take part (" + ", ".join(sorted({m.role for m in mentions})) + ")"
    elif len(participants) == 1:
        reason = f"one actor only ({participants.pop()})"
    elif not cues:
        reason = "no cue"
    else:
        reason = "; ".join(dict.fromkeys(f"{lf.cue}: {lf.outcome}" for lf in links if lf.cue != "-")) or \
            "no cue links two actors"
    return SentenceExplanation(s.number, s.start, s.end, text, tuple(actors), tuple(cues), tuple(links),
                               tuple(relations), reason)


def _run(articles: Iterable[Article], codebook: Any, cues: Cues | None, explain: bool, every: bool = False) -> \
        Iterator[tuple[_Article, list[tuple[list[Relation], SentenceExplanation | None]]]]:
    ctx = _Context(codebook, cues if cues is not None else default_cues())
    for art in _articles(articles, ctx, explain or every, explain):
        before: list[list[ActorMention]] = []
        out = []
        speaker = None
        for s in art.sentences:
            out.append(_read(art, s, before, ctx, explain, speaker))
            # what the next sentences refer back to, read from the words (parsed or not, the same)
            speaker = coref.quote_speaker(s.doc, s.mentions) if s.mentions else None
            before.append(context_mentions(s.doc, s.mentions, ctx.codebook, art.country, art.article.date))
            del before[:-coref.WINDOW]
        yield art, out


def extract_relations(articles: Iterable[Article], codebook: Any, cues: Cues | None = None) -> list[Relation]:
    """Relations stated in the articles, sentence by sentence, in article and text order.

    One relation per sentence, dyad and sign (the strongest reading); never
    an actor with itself. Every relation's confidence is in [0, 1]; those at
    or above :data:`FOUND_CONFIDENCE` are the extractor's firm findings.

    Parameters
    ----------
    articles:
        Dated articles (see :func:`netviz.ingest.corpus.load_articles`).
    codebook:
        The actor codebook (:func:`netviz.ingest.actors.load_codebook`).
    cues:
        The cue lexicon; the bundled one when ``None``.

    Raises
    ------
    NetvizError
        If spaCy or its model is missing or the model's files were changed.

    Examples
    --------
    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia has backed the Syrian regime.")
    >>> [(r.a, r.b, r.sign, r.kind) for r in extract_relations([art], load_codebook())]
    [('RUS', 'SYR', 1, 'material_cooperation')]
    """
    return [r for _, sentences in _run(articles, codebook, cues, False) for rels, _ in sentences for r in rels]


def extract_articles(articles: Sequence[Article], codebook: Any, cues: Cues | None = None) -> \
        list[tuple[list[Relation], int]]:
    """For each article, in order: its relations (as :func:`extract_relations` gives them) and its number
    of sentences; one batched pass (what :mod:`netviz.engine` runs per chunk of articles).

    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> arts = [Article("a1", date(2017, 1, 8), "t", "w", "Rain fell. Russia backs Syria."),
    ...         Article("a2", date(2017, 1, 8), "t", "w", "Nothing here.")]
    >>> [([(r.a, r.b) for r in rels], n) for rels, n in extract_articles(arts, load_codebook())]
    [([('RUS', 'SYR')], 2), ([], 1)]
    """
    return [([r for rels, _ in sentences for r in rels], len(sentences))
            for _, sentences in _run(articles, codebook, cues, False, every=True)]


def explain_article(article: Article, codebook: Any, cues: Cues | None = None) -> list[SentenceExplanation]:
    """For every sentence of ``article``: the actors, the cues, the arcs that linked them and the
    relations drawn, or why none was.

    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia did not attack Turkey. Rain fell.")
    >>> [(e.number, e.reason) for e in explain_article(art, load_codebook())]
    [(1, "attack: negated by 'not'"), (2, 'no actor')]
    """
    return [e for _, sentences in _run([article], codebook, cues, True) for _, e in sentences if e is not None]
