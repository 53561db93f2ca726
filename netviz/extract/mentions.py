"""Actor mentions on the tokens of a sentence, the part each plays, and what a noun phrase stands for.

The codebook (:mod:`netviz.ingest.actors`) finds the names; this module puts
them on spaCy tokens and decides, from the parse, whether a mention can be a
side of a relation:

- ``actor``: it can;
- ``location``: the object of a place preposition ("in Syria", "near the
  Turkish border"), a demonym before a place noun ("the Syrian town of"), a
  city on an event it hosts ("the Hanoi summit", "the Paris attacks") or a
  country a war is named after ("the Iraq war");
- ``organisation``: a demonym inside a proper name ("the Syrian Observatory");
- ``members``: an international body whose member states are meant ("the
  Security Council's permanent members");
- ``private``: a company ("the Chinese company") or what belongs to an office
  holder as a person ("the Trump campaign", "Trump's family");
- ``language``: "speaking Chinese";
- ``stance``: "anti-American blowback", "pro-Russian sentiment";
- ``nationality``: fighters of a nationality against someone, not its state
  ("Syrian anti-ISIS forces");
- ``dateline``: "MOSCOW (Reuters) --", "BEIRUT, Lebanon (AP) --".

Generic mentions the codebook marks ("rebels", "the opposition", "government
forces", "the regime") are resolved through the country the sentence places
things in or the article is about (:func:`resolve_generic`), at lower
confidence.

:func:`stand_for` answers which actor a noun phrase stands for: the actor it
names, or the one its modifiers name ("Russian jets", "Japan's foreign
minister", "troops loyal to Saudi Arabia", "forces of the regime"), or a pronoun
or definite description resolved by :mod:`netviz.extract.coref`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from netviz.extract.lexicon import _norm, verb_set

#: Verbs that report what someone said ("Obama said", "said Kerry").
REPORTING = frozenset("said says told tells added adds declared wrote writes stated insisted warned noted explained "
                      "argued continued".split())
#: Prepositions whose object is where something happens, not who takes part.
LOC_PREPS = frozenset("in inside within throughout across near around outside along".split())
ORG_HEADS = frozenset("institute university council center centre observatory post times journal herald news agency "
                      "foundation airlines airways studies committee tribune gazette daily broadcasting press "
                      "television radio library museum college school academy company corporation bank".split())
# People and units that stand for the actor named in their "of"/"from" phrase:
# "mercenaries from the Wagner Group", "forces of the regime".
GROUP_NOUNS = frozenset("forces troops soldiers fighters militants mercenaries rebels militias militiamen units officers "
                        "officials diplomats delegation delegations members commanders leaders leadership jets warplanes "
                        "aircraft ships warships contractors operatives agents personnel army navy government governments regime "
                        "authorities administration envoy envoys ambassador representatives inspectors monitors "
                        "observers peacekeepers advisers advisors instructors positions commander leader head chief "
                        "generals chairman president minister spokesman spokeswoman heads chiefs presidents ministers".split())
# Words for a state that its "of" phrase names: "the country of Iraq", "the Kingdom of Jordan".
_STATE_WORDS = frozenset("country nation kingdom republic state emirate".split())
# A state's demonym before these names a group of that nationality, not the state:
# "the Iran-backed Lebanese movement", "Iraqi militias".
NONSTATE_NOUNS = frozenset("movement movements group groups militia militias militant militants party parties faction "
                           "factions organization organisation rebels rebel insurgents insurgent jihadists jihadist "
                           "separatists separatist opposition tribesmen tribes mercenaries guerrillas guerrilla "
                           "extremists gunmen dissidents exiles minority minorities community".split())
# "the Obama administration", "Erdogan's government": an office holder's name on these is the actor
_INSTITUTIONS = frozenset("administration government regime cabinet team camp forces troops army".split())
# "MOSCOW (Reuters) --", "BEIRUT, Lebanon (AP) --", "Washington (CNN) --": where the article was filed
_DATELINE = re.compile(r"^[\"'\u201c]?(?:[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][\w.' ]+)?\s*(?:\([^)]{0,40}\))?|"
                       r"[A-Z][\w.'\- ]{1,30}?(?:,\s*[A-Z][\w.' ]+)?\s*\([A-Z][^)]{0,40}\))\s*(?:--|[\u2014\u2013\-:])\s")
# An event that a city or seat of government hosts, not one it takes part in: "the Hanoi summit", "the
# Paris attacks", "the Minsk agreements" (a country's own name there is a party: "the Iran talks")
VENUE_NOUNS = frozenset("summit summits meeting meetings talks conference conferences negotiations forum round "
                        "process accord accords agreement agreements declaration protocol format ceremony "
                        "attack attacks bombing bombings shooting shootings massacre olympics games".split())
# A war or conflict named after the country it is fought in: "the Iraq war", "the Syrian conflict"
_WARS = frozenset("war conflict".split())
# Who a war named after a country is fought with, against or by: "the US war in Afghanistan", "the
# Saudi war on Yemen": the named country is a party, not the place
_WAR_PARTIES = frozenset("against on with in between".split())
# Businesses: a state's name or demonym on them names a company, not the state acting ("the Chinese
# company", "deals between U.S. and Vietnamese companies")
COMPANY_NOUNS = frozenset("company companies firm firms corporation corporations conglomerate conglomerates business "
                          "businesses investor investors".split())
# What belongs to an office holder as a person, not to the state they lead: "the Trump campaign", "Trump's
# family", "a Trump Tower project" (a campaign against someone is a war: "Obama's campaign against ISIS")
_PRIVATE_OF_PERSON = frozenset("campaign family tower organization associates lawyer lawyers attorney attorneys "
                                "fixer".split())
# An office holder named as a candidate speaks for a campaign, not the state: "candidate Trump", "Trump's
# comments as a candidate"
_CANDIDATE = frozenset("candidate nominee contender hopeful".split())
# "speaking Chinese", "learned Russian": the language, not the state
_LANGUAGE_VERBS = verb_set("speak learn teach study translate")
# The member states of an international body: "the Security Council's five permanent members", "16
# members of the European Union" (the members act, not the body)
MEMBER_HEADS = frozenset("member members state states country countries nation nations ally allies partner "
                         "partners government governments".split())


@dataclass(frozen=True)
class ActorMention:
    """An actor named on tokens ``start..end`` (``head`` is the syntactic head) of a sentence Doc.

    ``via`` says how a mention that names no actor was resolved ("pronoun
    'he' -> 'Putin', 1 sentence before"; "generic 'rebels' in the article
    about SYR"), and ``factor`` what that costs in confidence.
    """

    actor: str
    start: int
    end: int
    head: int
    text: str
    role: str = "actor"
    person: bool = False
    via: str = ""
    factor: float = 1.0
    subject: bool = False
    generic: str | None = None
    #: what a pronoun may take it for (:func:`mark_antecedents`): a plural ("the Russians", "Chinese
    #: officials"); only the modifier of a thing the actor has ("the British draft", "Turkish Army
    #: vehicles"), not the actor; the start of the first conjunct of the list it is in ("Russia and China")
    plural: bool = False
    thing: bool = False
    listed: int | None = None
    #: a woman, as far as the article shows (:func:`female`): what "she" and "her" refer to
    female: bool = False
    #: the sentence's subject, which names its people or units there with no actor of their own ("The
    #: U.S. has 8,400 troops in Afghanistan. Their roles ..."): "they" may be them
    units: bool = False
    #: a person's office as the codebook or the article gives it, lower case ("president", "secretary of
    #: state"): what "the president" refers back to
    title: str = ""


def on_tokens(doc: Any, offset: int, mentions: Sequence[Any], on: Any = None) -> list[ActorMention]:
    """The codebook's mentions (character offsets into the article) placed on ``doc``'s tokens (a person's
    office as of the date ``on``)."""
    out = []
    for m in mentions:
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None or not len(span):
            continue
        generic = getattr(m, "generic", None) if m.actor is None else None
        person = bool(getattr(m, "person", False))
        out.append(ActorMention(m.actor or "", span.start, span.end, span.start, m.text, person=person,
                                generic=generic, female=person and female(m, doc[span.start - 1].text
                                                                          if span.start else ""),
                                title=title(m, on) if person else ""))
    return out


def title(m: Any, on: Any = None) -> str:
    """A person mention's office, lower case, as the codebook or the article gives it (``m.role``); of a
    role that lists offices with their years, those held in the year of ``on`` (approximate, read from
    the role's words).

    >>> from types import SimpleNamespace as M
    >>> from datetime import date
    >>> putin = M(role="Prime Minister (1999-2000, 2008-2012) and President (2000-2008, 2012-)")
    >>> title(putin, date(2017, 1, 1)), title(putin, date(2010, 1, 1))
    ('president', 'prime minister')
    """
    role = getattr(m, "role", "").strip()
    if on is None or "(" not in role:
        return role.lower()
    held = [office for office, years in _OFFICE_YEARS.findall(role) if not years or any(
        int(a) <= on.year and (not b or on.year <= int(b)) for a, b in re.findall(r"(\d{4})(?:-\d\d-\d\d)?-?(\d{4})?", years))]
    return " and ".join(o.strip(" ,") for o in held).lower()


# "Prime Minister (1999-2000, 2008-2012)", "then Crown Prince (2017-06-21)", "President": an office, its years
_OFFICE_YEARS = re.compile(r"(?:^|,|\band\b|\bthen\b)\s*([A-Za-z][A-Za-z -]*?)\s*(?:\(([^)]*)\))?(?=\s*(?:,|\band\b|\bthen\b|$))")


# Titles before a woman's name ("Mrs. Clinton", "Ms. Haley", "Queen Rania").
_WOMAN_TITLES = frozenset("Mrs. Mrs Ms. Ms Miss Madam Madame Mme Queen Princess Baroness Lady Dame Sheikha".split())
# Given names of women, among those of office holders in international news (approximate: a name the list
# lacks makes "she" resolve to no one, never to a man).
_WOMEN = frozenset(
    "Angela Hillary Theresa Nikki Samantha Federica Catherine Dilma Cristina Julie Julia Susan Condoleezza "
    "Madeleine Ursula Christine Jacinda Benazir Yulia Helle Erna Kersti Dalia Kolinda Michelle Kamala Nancy Liz "
    "Elizabeth Penny Priti Amber Sigrid Mette Sanna Giorgia Marine Segolene Ségolène Chrystia Delcy Laura Ellen "
    "Joyce Sahle-Work Sushma Nirmala Hina Tzipi Golda Ayelet Margot Margaret Ann Anne Anna Nicola Carrie Yingluck "
    "Gloria Corazon Leni Megawati Retno Marise Kristalina Ngozi Nkosazana Samia Hilde Mia Xiomara Dina Victoria "
    "Heather Kelly Linda Wendy Gina Janet Avril Kristi Rose Frederica Annalena Sylvie Florence Elisabeth "
    "Rachida Najat Kaja Ingrida Zuzana Maia Salome Ana Marta Maria Mariya Iryna Olena Natalia "
    "Natalya Valentina Irina Tatiana Svetlana Ekaterina Hasina Khaleda Indira Sonia "
    "Aisha Asma Rania Lina Leila Leyla Fatima Zahra Hanan Tamar Shirin Ebtekar Masoumeh Marzieh Lubna Reem "
    "Haifa Noura Mary Sarah Emily Jennifer Jessica Karen Barbara Patricia Lisa Heidi Tulsi Ilhan Alexandria "
    "Elise Martha Carly Betsy Gretchen Amy Jeanne Kirstjen Gail Rebecca Jane Diane Dianne Kay Tammy Marsha "
    "Joni Shelley Cindy Claire Suzanne".split())
# Women whose full name does not open on a given name of the list (family name first, or a title)
_WOMEN_BY_FULL_NAME = frozenset(("Park Geun-hye", "Tsai Ing-wen", "Aung San Suu Kyi", "Sheikh Hasina"))


def female(m: Any, before: str = "") -> bool:
    """Whether a person mention names a woman, as far as the text shows: a title before the name
    ("Mrs. Clinton"), or a woman's given name first in the full name the codebook or the article gives
    ("Nikki Haley", and "Haley" once the article named her in full)."""
    if before in _WOMAN_TITLES:
        return True
    full = getattr(m, "name", "") or m.text  # the codebook's or the article's full name, or the name as written
    return full.split(" ", 1)[0] in _WOMEN or full in _WOMEN_BY_FULL_NAME


def resolve_generic(mentions: Sequence[ActorMention], codebook: Any, country: str | None, on: Any,
                    states: frozenset[str], named: frozenset[str] = frozenset(),
                    near: frozenset[str] = frozenset(), doc: Any = None) -> list[ActorMention]:
    """Generic mentions ("rebels", "the opposition", "government forces", "the regime") resolved
    through the country the sentence places things in ("rebels in Syria") or, when that names no one
    there ("clashed with Kurdish groups that the government in Ankara regards as terrorists" in an
    article about Syria), the one the article is about; those that name no actor are dropped. A group
    ("the six powers") becomes one mention per member of it among ``named``, the actors the article
    names, all on the group's words (:func:`group_members` sets the others of each apart), when
    ``near``, the actors named in the sentence and the two before, holds what the group is about (Iran
    for the six powers: "Mursi urged world powers to enforce a no-fly zone over Syria" is not them); "the
    other world powers", "the rest of the powers" leave out the actors the sentence (``doc``) names besides."""
    located = next((m.actor for m in mentions if m.role == "location" and m.actor in states), None)
    out = []
    for m in mentions:
        if not m.generic:
            out.append(m)
            continue
        members = codebook.group_members(m.generic, named - _set_apart(doc, m, mentions), on, near)
        if members:
            # listed together: "they" stands for every member, "it" for none (coref)
            out += [replace(m, actor=a, generic=None, factor=GROUP_FACTOR, plural=True, listed=m.start,
                            via=f"{GROUP_VIA}{m.text}': {a}, a member the article names") for a in members]
            continue
        if _named_group_before(m, mentions, codebook):
            continue
        for where, source in ((located, "the sentence's place"), (country, "the article's main country")):
            actor = codebook.resolve_generic(m.generic, where, on) if where or source != "the sentence's place" \
                else None
            if actor:
                source = source if where else "default"
                out.append(replace(m, actor=actor, generic=None, factor=GENERIC_FACTOR,
                                   via=f"generic '{m.text}' ({m.generic} of {where or 'no country'}, {source})"))
                break
    return out


def _set_apart(doc: Any, m: ActorMention, mentions: Sequence[ActorMention]) -> frozenset[str]:
    """The actors a group mention leaves out: those the sentence names besides it when "other" or "the rest
    of" comes before it ("the United States and the five other world powers", "the rest of the world's
    major powers isolated it")."""
    before = [t.lower_ for t in doc[max(0, m.start - 5):m.start]] if doc is not None else []
    if "other" not in before[-3:] and not any(a == "rest" and b == "of" for a, b in zip(before, before[1:])):
        return frozenset()
    return frozenset(x.actor for x in mentions if x.actor and not x.generic and not m.start <= x.start < m.end)


#: Confidence factor of an actor read from a group the article names it a member of ("Iran and the six
#: powers" in an article naming Germany: Germany). Set, not measured: few on dev (one article), and the
#: group may have acted without the member (members act together: the group is its members' joint act).
GROUP_FACTOR = 0.9
#: How the evidence names a member read from a group.
GROUP_VIA = "group '"


def group_members(mentions: Sequence[ActorMention]) -> tuple[list[ActorMention], dict[int, tuple[ActorMention, ...]]]:
    """``mentions`` with one member of each group left on the group's words, and the other members by
    the group's head token (what :class:`~netviz.extract.sides.Sides` adds wherever that token stands)."""
    out: list[ActorMention] = []
    others: dict[int, tuple[ActorMention, ...]] = {}
    for m in mentions:
        if m.via.startswith(GROUP_VIA) and out and out[-1].start == m.start and out[-1].via.startswith(GROUP_VIA):
            others[out[-1].head] = (*others.get(out[-1].head, ()), m)
        else:
            out.append(m)
    return out, others


def _named_group_before(m: ActorMention, mentions: Sequence[ActorMention], codebook: Any) -> bool:
    """ "Boko Haram militants", "Hamas fighters": a generic noun right after the group it belongs to
    names that group (the noun's modifier, :func:`stand_for`), not the rebels of a country."""
    return any(g.end == m.start and g.actor and not g.generic and g.actor in codebook.actors
               and codebook.actors[g.actor].type != "state" for g in mentions)


def context_mentions(doc: Any, mentions: Sequence[ActorMention], codebook: Any, country: str | None,
                     on: Any) -> list[ActorMention]:
    """The actors a sentence names, as later sentences refer back to them: generic mentions resolved
    through the article's country, and a mention after a place preposition ("in Syria") a location.
    Read from the words, not from the parse, so that what a pronoun resolves to does not depend on
    whether the sentence before was parsed."""
    out = []
    for m in mentions:
        if m.generic and _named_group_before(m, mentions, codebook):
            continue
        if m.generic:
            actor = codebook.resolve_generic(m.generic, country, on)
            if not actor:
                continue
            m = replace(m, actor=actor, generic=None, factor=GENERIC_FACTOR,
                        via=f"generic '{m.text}' ({m.generic} of {country or 'no country'}, the article's main country)")
        if not m.actor:
            continue
        k = m.start - 1 - (m.start > 1 and doc[m.start - 1].lower_ == "the")
        if k >= 0 and doc[k].lower_ in LOC_PREPS:
            m = replace(m, role="location")
        if m.person and m.end < len(doc) and doc[m.end].lower_ in _INSTITUTIONS:
            m = replace(m, person=False)  # "the Obama administration" (see with_roles)
        out.append(m)
    return _leading(doc, mark_antecedents(doc, out)) if out else out


def with_roles(doc: Any, mentions: Sequence[ActorMention], places: frozenset[str], seats: frozenset[str] = frozenset(),
               bodies: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Mentions with their heads and roles from the parse (see the module docstring). ``seats`` are the
    aliases that name a city or seat of government (:func:`seats`), ``bodies`` the international bodies
    whose members are states."""
    dateline = _DATELINE.match(doc.text)
    out = []
    for m in mentions:
        span = doc[m.start:m.end]
        head = span.root
        role = "actor"
        if dateline and doc[m.start].idx < dateline.end():
            role = "dateline"
        elif (place := head if m.person else _first_conjunct(head, places)).dep_ == "pobj" \
                and place.head.lower_ in LOC_PREPS:
            role = "location"  # "in Syria", "in Iraq and Syria", "in the capital, Manila"
        elif not m.person and m.start > 1 and doc[m.start - 1].text == "," and doc[m.start - 2].lower_ in places:
            role = "location"  # "the Afghan capital, Kabul," whatever the parser makes of it
        elif head.dep_ in ("amod", "compound", "nmod") and head.head.lower_ in places and head.head.i not in \
                range(m.start, m.end):
            role = "location"
        elif _venue(head, m, mentions, seats) or head.dep_ == "compound" and head.head.lower_ in TRAVEL_NOUNS \
                and not m.person:
            # also "Trump's U.N. trip", "her White House visit": where it goes ("the Karzai visit": who makes it)
            role = "location"
        elif m.actor in bodies and (head.dep_ == "poss" and head.head.lower_ in MEMBER_HEADS or head.dep_ == "pobj"
                                    and head.head.lower_ == "of" and head.head.head.lower_ in MEMBER_HEADS):
            role = "members"
        elif head.dep_ in ("amod", "compound", "nmod", "poss") and head.head.i >= m.end and (
                head.head.lower_ in COMPANY_NOUNS and not _targeted(head.head)
                or m.person and _private_of_person(head.head)) or m.person and _candidate(head):
            role = "private"
        elif _stance(doc, m):
            role = "stance"
        elif head.dep_ == "amod" and any(t.lower_ == "anti" or t.lower_.startswith("anti-") for t in head.head.children):
            role = "nationality"  # "Syrian anti-ISIS forces": fighters of that nationality, not its army
        elif head.dep_ == "dobj" and _norm(head.head.text) in _LANGUAGE_VERBS and m.end - m.start == 1 \
                and _ADJECTIVE.search(m.text):
            role = "language"
        elif head.dep_ in ("amod", "compound") and head.head.tag_ == "NNP" and head.head.lower_ in ORG_HEADS:
            role = "organisation"
        subject = head.dep_ in ("nsubj", "nsubjpass") or (
            head.dep_ in ("amod", "compound", "poss") and head.head.dep_ in ("nsubj", "nsubjpass"))
        # "the Obama administration", "Putin's government": the office holder names the actor, not a person
        person = m.person and not (head.dep_ in ("compound", "poss") and head.head.lower_ in _INSTITUTIONS)
        out.append(replace(m, head=head.i, role=role, subject=subject, person=person))
    return mark_antecedents(doc, out, parsed=True)


def _private_of_person(noun: Any) -> bool:
    """ "the Trump campaign", "Trump's family", "Trump's ex-attorney Michael Cohen": what an office holder's
    name owns there is theirs as a person (a campaign against someone is a war: "Obama's campaign against
    ISIS")."""
    words = {noun.lower_, *(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod"))}
    return bool(words & _PRIVATE_OF_PERSON) and not any(
        c.dep_ == "prep" and c.lower_ in ("against", "on", "of") for c in noun.children)


def _candidate(head: Any) -> bool:
    """ "candidate Trump", "then-candidate Trump", "Trump's comments as a candidate": a candidate then."""
    if any(c.dep_ in ("compound", "amod", "appos") and c.lower_ in _CANDIDATE for c in head.children):
        return True
    return head.dep_ == "poss" and any(p.dep_ == "prep" and p.lower_ == "as" and any(
        o.lower_ in _CANDIDATE for o in p.children) for p in head.head.children)


def _first_conjunct(tok: Any, places: frozenset[str]) -> Any:
    """The first member of the list a token is in ("Iraq" for "Syria" in "in Iraq and Syria"), or the
    place it names in apposition ("capital" for "Manila" in "in the Philippine capital, Manila", "Minsk"
    for "Belarus" in "in Minsk, Belarus")."""
    for _ in range(20):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.dep_ == "appos" and (tok.head.lower_ in places or tok.head.tag_ == "NNP" and tok.head.i == tok.i - 2
                                and tok.doc[tok.i - 1].text == ","):
        return tok.head  # "in the capital, Manila", "based in Vicenza, Italy", "signed in Minsk, Belarus"
    return tok


def _targeted(noun: Any) -> bool:
    """ "cyberattacks against U.S. companies", "sanctions on Chinese firms": a state's companies as the
    target of a hostile act stand for the state (as no partner or acting side does)."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("against", "on", "at", "targeting")


def _venue(head: Any, m: ActorMention, mentions: Sequence[ActorMention], seats: frozenset[str]) -> bool:
    """Whether the mention is where an event happens, not a party to it: a city or seat on a venue noun
    ("the Hanoi summit", "the Paris attacks"), or a country a war is named after ("the Iraq war", "the
    Syrian civil war"), when no other actor is on that noun ("Moscow-Washington talks", "the Iran-Iraq
    war" name the parties) and, for a war, no phrase names who fights it ("the US war in Afghanistan")."""
    noun = head.head
    if head.dep_ not in ("amod", "compound", "nmod") or noun.i in range(m.start, m.end) or any(
            x.actor and x.actor != m.actor and noun.left_edge.i <= x.start and x.end <= noun.i for x in mentions):
        return False
    if noun.lower_ in VENUE_NOUNS:
        return m.text in seats and head.tag_ == "NNP"
    return noun.lower_ in _WARS and not any(c.dep_ == "prep" and c.lower_ in _WAR_PARTIES for c in noun.children)


def seats(codebook: Any) -> frozenset[str]:
    """The one-word aliases of states and bodies that name a city or seat of government rather than the
    actor itself ("Hanoi", "Brussels", "Kremlin"): not its name nor part of it, no demonym, no
    abbreviation. Approximate: a few other short names pass ("Britain", "Burma"), which a venue noun
    hardly follows.

    >>> from netviz.ingest.actors import load_codebook
    >>> s = seats(load_codebook())
    >>> "Hanoi" in s, "Brussels" in s, "Vietnam" in s, "Russian" in s, "US" in s
    (True, True, False, False, False)
    """
    return frozenset(alias for a in codebook.actors.values() if a.type in ("state", "organisation")
                     for alias in a.aliases
                     if " " not in alias and alias[:1].isupper() and not alias.isupper()
                     and alias[:4].lower() != a.name[:4].lower() and not _DEMONYM_END.search(alias))


# Demonyms that do not share the first letters of their state's name ("British", "Dutch", "Swiss" shares
# nothing, but is no noun on a venue: :func:`_venue` wants a proper noun)
_DEMONYM_END = re.compile(r"(?:ian|ean|ese|ish|ch|ss|cans?)$")


#: Nouns whose phrase stands for the actor named on it ("Chinese officials", "the Turkish army", "US
#: forces"): a pronoun refers back to the actor through them; any other noun is a thing the actor has
#: ("the British draft", "Russian acquiescence"), and a pronoun referring to it is not the actor.
STANDING = GROUP_NOUNS | NONSTATE_NOUNS | _INSTITUTIONS | frozenset(
    "military police people side counterpart counterparts state country nation guard guards corps ministry "
    "ministries department embassy parliament congress intelligence service services agency command mission".split())
# Words that end a noun phrase when it is read from the words alone: prepositions, conjunctions, verbs.
_PHRASE_END = frozenset("of in to for on at by with from over against into about after before between under as than "
                        "and or but nor that which who whom whose when where while because if is are was were be been "
                        "has have had will would shall should can could may might must do does did said says say told "
                        "tells also not".split())
#: A journey: a name compounded with it is where it goes ("the U.N. trip", "his China visit").
TRAVEL_NOUNS = frozenset("trip trips visit visits tour tours journey voyage stopover".split())
# A demonym used as an adjective ("Syrian", "British", "Chinese", "Iraqi", "Afghan"), read from its form:
# approximate ("Iran" and "Japan" are names, "Syrian" an adjective; a name ending so is rare).
_ADJECTIVE = re.compile(r"(?:ian|ean|can|ese|ish|ch|ic|i|ghan|erman)$")
# "Russians", "Israelis", "Turks": the plural of a demonym, not a name ending in s ("United States")
_PLURAL_DEMONYM = re.compile(r"(?:an|i|k)s$")
# Names of groups that are plurals ("The Taliban have ...")
_PLURAL_NAMES = frozenset("Taliban Peshmerga Mujahideen mujahideen".split())
# A sentence opening on one of these and a word that names no actor has a subject that is no actor
_OPENING_DETERMINERS = frozenset("The A An This These Those That".split())
# Links between the members of a list of actors: "Russia, China and Iran", "the Russians and Chinese"
_LIST_WORDS = frozenset(", and the both".split())
# Words before a mention that make it no subject: "to Syria", "with Iran", "after meeting Putin"
_BEFORE_OBJECT = LOC_PREPS | frozenset("of to for on at by with from over against into about after before between under "
                                       "toward towards than like as upon via".split())


def mark_antecedents(doc: Any, mentions: Sequence[ActorMention], parsed: bool = False) -> list[ActorMention]:
    """``mentions`` with what a pronoun may take each for: ``plural``, ``thing`` and ``listed`` (see
    :class:`ActorMention`). From the parse when ``parsed`` (the sentence being read), else from the
    words alone (the sentences before it, which may not have been parsed: what a pronoun resolves to
    must not depend on that)."""
    if not mentions:
        return []
    out = []
    for m in mentions:
        plural, thing = False, False
        if _made_by(doc, m):
            thing = True  # "a Russian-made missile ... tensions between the nation and the US": not Russia
        elif not m.person:
            noun = _modified(doc, m, parsed)
            if noun is not None:
                # "Israeli Prime Minister Menachem Begin", "the Turkish Army": a name stands for its actor
                thing = noun.lower_ not in STANDING and not (parsed and noun.tag_ in ("NNP", "NNPS"))
                plural = noun.tag_ in ("NNS", "NNPS") if parsed else noun.lower_.endswith("s")
            elif parsed and doc[m.head].dep_ == "poss" and doc[m.head].head.lower_ in STANDING:
                plural = doc[m.head].head.tag_ in ("NNS", "NNPS")  # "Vietnam's leaders ... as they look to"
            else:
                last = doc[m.end - 1]
                plural = bool(_PLURAL_DEMONYM.search(last.text)) or last.text.islower() and last.lower_.endswith("s") \
                    or last.text in _PLURAL_NAMES \
                    or parsed and doc[m.head].tag_ in ("NNS", "NNPS") \
                    or m.end - m.start == 1 and m.start > 0 and doc[m.start - 1].lower_ == "the" and bool(
                        _ADJECTIVE.search(last.text))  # "the Chinese", "the British"
        out.append(replace(m, plural=plural, thing=thing) if plural or thing else m)
    return _lists(doc, out)


# "Russian-made", "Iranian-supplied": where a thing comes from
_MADE = frozenset("made built designed manufactured supplied produced".split())


def _made_by(doc: Any, m: ActorMention) -> bool:
    """ "a Russian-made missile": the actor made a thing; a pronoun referring to the thing is not the actor."""
    return m.end + 1 < len(doc) and doc[m.end].text in ("-", "\u2010", "\u2011") and doc[m.end + 1].lower_ in _MADE


def _stance(doc: Any, m: ActorMention) -> bool:
    """ "anti-American blowback", "pro-Russian sentiment": an attitude towards the actor, who is no party."""
    return m.start > 1 and doc[m.start - 1].text in ("-", "\u2010", "\u2011") and doc[m.start - 2].lower_ in ("anti", "pro")


def _modified(doc: Any, m: ActorMention, parsed: bool) -> Any:
    """The noun the mention modifies ("the British draft": draft; "Chinese officials": officials), or None."""
    if parsed:
        head = doc[m.head]
        h = head.head
        if head.dep_ not in ("amod", "compound", "nmod") or not h.tag_.startswith("NN") or h.i < m.end:
            return None
        while h.dep_ == "compound" and h.head.tag_.startswith("NN") and h.head.i > h.i:
            h = h.head
        return h
    after = doc[m.end:m.end + 3]
    if len(after) and after[0].lower_ in STANDING:
        # "US officials"; "the Iraqi army's operation": the operation ("Russia's" is not modified)
        possessed = len(after) == 3 and after[1].lower_ in ("'s", "\u2019s") and after[2].is_alpha
        return after[2] if possessed else after[0]
    if m.end - m.start != 1 or not _ADJECTIVE.search(doc[m.start].text):
        return None  # "Iran said": a name followed by a verb, as far as the words tell
    words = []
    for t in after:
        if not t.is_alpha or t.lower_ in _PHRASE_END or t.lower_.endswith("ed"):
            break
        words.append(t)
    return words[-1] if words else None


def _lists(doc: Any, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions with ``listed`` set on the members of each list ("Russia, China and Iran", "Xi and
    Modi", "Russian and Chinese leaders"): consecutive mentions joined by commas and "and", the last
    two by "and" (a comma alone is as often an apposition: "Maduro, Venezuela's president")."""
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    runs: list[list[int]] = []
    joined: list[bool] = []
    for k in order:
        if runs:
            a, b = mentions[runs[-1][-1]], mentions[k]
            gap = [t.lower_ for t in doc[a.end:b.start]] if 0 < b.start - a.end <= 4 else []
            if gap and all(w in _LIST_WORDS for w in gap):
                runs[-1].append(k)
                joined[-1] = "and" in gap
                continue
        runs.append([k])
        joined.append(False)
    out = list(mentions)
    for run, ends_with_and in zip(runs, joined):
        if len(run) > 1 and ends_with_and:
            first = mentions[run[0]].start
            # "the US and British push": the list modifies the noun its last member does
            thing = mentions[run[-1]].thing
            for k in run:
                out[k] = replace(out[k], listed=first, thing=out[k].thing or thing and not out[k].person)
    return out


def _leading(doc: Any, mentions: list[ActorMention]) -> list[ActorMention]:
    """The sentence's speaker ("Abadi is sincere, Obama said"), else its first actor that is no object
    of a preposition nor a thing, marked as its subject (and the rest of its list): read from the
    words, what a later pronoun prefers ("Turkey denied it arms the opposition. It has ...": Turkey,
    not the opposition; "... , Obama said. He also defended ...": Obama, not Abadi)."""
    order = sorted(mentions, key=lambda m: m.start)
    speakers = [m for m in order if m.role == "actor" and (
        m.end < len(doc) and doc[m.end].lower_ in REPORTING or m.start > 1 and doc[m.start - 1].lower_ in REPORTING
        and doc[m.start - 2].text in (",", "\u201d", '"'))]
    first = next((t for t in doc if t.is_alpha), None)
    if not speakers and first is not None and first.text in _OPENING_DETERMINERS and not any(
            m.start == first.i + 1 and m.role == "actor" and not m.thing for m in mentions):
        # "The 2015 deal, one of Obama's achievements, gave Iran billions": the subject is no actor
        return mentions
    for m in speakers[:1] or order:
        if m.role != "actor" or m.thing:
            continue
        k = m.start - 1 - (m.start > 1 and doc[m.start - 1].lower_ == "the")
        if k >= 0 and doc[k].lower_ in _BEFORE_OBJECT:
            continue
        covered = {i for x in mentions for i in range(x.start, x.end)}
        units = any(t.lower_ in GROUP_NOUNS and t.lower_.endswith("s") and t.i not in covered
                    and t.i - 1 not in covered for t in doc[m.end:m.end + 8])
        return [replace(x, subject=True, units=units and m.listed is None) if x is m else
                replace(x, subject=True) if m.listed is not None and x.listed == m.listed else x for x in mentions]
    return mentions


def country_of_article(text: str, mentions: Sequence[Any], states: frozenset[str]) -> str | None:
    """The state an article is about: the one most often named (its office holders do not count), a
    place named after "in", "across", "inside" counting twice (an article about Afghanistan quotes
    Washington often, and names Afghanistan as the place); the first named wins a tie."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for k, m in enumerate(mentions):
        if m.actor not in states or getattr(m, "person", False):
            continue  # "Obama said": who speaks is not what the article is about
        place = _PLACE_BEFORE.search(text, max(0, m.start - 8), m.start) is not None
        counts[m.actor] += 2 if place else 1
        first.setdefault(m.actor, k)
    if not counts:
        return None
    return min(counts, key=lambda a: (-counts[a], first[a]))


_PLACE_BEFORE = re.compile(r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?$")


#: Confidence factor of a generic actor resolved through a country (on the dev gold such relations
#: were right 7 times in 10, against about 0.75 for the paths they use; few, so kept near a prior).
GENERIC_FACTOR = 0.75


def _of_actor(tok: Any, at: Mapping[int, ActorMention]) -> bool:
    """ "the regime of Syrian President Bashar al-Assad": a generic noun whose own phrase names its actor."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.i in at for o in c.children)
               for c in tok.children)


def stand_for(tok: Any, at: Mapping[int, ActorMention], resolved: Mapping[int, ActorMention],
              place: bool = False) -> tuple[ActorMention, tuple[str, ...]] | None:
    """The actor a token stands for and the arcs that say so, or None.

    ``at`` maps token index -> the mention covering it; ``resolved`` maps a
    pronoun, definite description or generic noun -> its resolution. With
    ``place``, a mention read as a location counts: the token is the object
    of one of the cue's own prepositions ("fired at Saudi Arabia").
    """
    m = at.get(tok.i)
    if m is not None and not (m.via.startswith("generic") and _of_actor(tok, at)):
        return (m, ()) if m.role == "actor" or place and m.role == "location" else None
    if not tok.tag_.startswith("NN"):
        r = resolved.get(tok.i)
        return (r, (r.via,)) if r is not None else None
    word = tok.lower_
    # the noun's own modifiers: "Russian jets", "Houthi fighters", "Japan's minister"
    for deps in (("compound", "amod", "nmod", "npadvmod"), ("poss",)):
        for c in tok.children:
            if c.dep_ not in deps:
                continue
            cm = at.get(c.i)
            if cm is None and c.i in resolved:
                cm = resolved[c.i]
            if cm is None or cm.role != "actor":
                continue
            if word in NONSTATE_NOUNS and c.dep_ == "amod" and c.tag_ == "JJ":
                continue  # "Iraqi militias", "the Lebanese movement": a group of that nationality
            if word in _PRIVATE_OF_PERSON and cm.person or word in COMPANY_NOUNS and not _targeted(tok):
                continue  # "his family's negotiations", "its companies" (a name there has role "private")
            return cm, (f"{c.dep_}({tok.text}, {c.text})",)
    for c in tok.children:
        # "the Saudi-led coalition", "US-led forces": the leader acts for them
        if c.dep_ == "amod" and c.lower_ in ("led", "headed", "commanded"):
            for g in c.children:
                got = at.get(g.i)
                if g.dep_ in ("npadvmod", "compound", "nmod", "advmod") and got is not None and got.role == "actor":
                    return got, (f"amod({tok.text}, {c.text})", f"{g.dep_}({c.text}, {g.text})")
    if word in GROUP_NOUNS or word in _STATE_WORDS:
        # "troops loyal to Saudi Arabia", "forces of the regime", "mercenaries from the Wagner Group", "the
        # country of Iraq" (not the state a description would refer back to); the parser often hangs "loyal
        # to X" after a coordination on the first conjunct instead
        after = [tok.doc[tok.i + 1]] if tok.i + 1 < len(tok.doc) else []
        for c in [*tok.children, *after]:
            if c.dep_ == "amod" and c.lower_ in ("loyal", "allied", "close", "linked", "tied"):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("to", "with"):
                        for o in p.children:
                            if o.dep_ == "pobj" and at.get(o.i) and at[o.i].role == "actor":
                                return at[o.i], (f"amod({tok.text}, {c.text})", f"pobj({p.text}, {o.text})")
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for o in c.children:
                    got = at.get(o.i) or resolved.get(o.i)
                    if o.dep_ == "pobj" and got is not None and got.role == "actor":
                        return got, (f"prep({tok.text}, {c.text})", f"pobj({c.text}, {o.text})")
    r = resolved.get(tok.i)
    return (r, (r.via,)) if r is not None else None


_NAME_WORD = re.compile(r"[A-Z][\w'\u2019-]+")
_TITLED = re.compile(
    r"\s+(?:(?:Foreign|Defen[cs]e|Prime|Deputy|Vice|Interior|Finance|Trade|State|Chief|Senior|Top|Army|Military)\s+)*"
    r"(?:Minister|Secretary|Ambassador|ambassador|[Ee]nvoy|[Ss]pokes(?:man|woman|person)|President|General|Gen\.|"
    r"Chancellor|King|Emir|Crown Prince|[Aa]dviser|[Cc]ommander|[Nn]egotiator)\s+"
    r"((?:[A-Z][a-z'\u2019-]+|[A-Z]\.)(?:\s+(?:al-|bin\s+|el-)?[A-Z][a-z'\u2019-]+){1,2})")
_FORMER = re.compile(r"\b(?:former|ex-|late|then)\s*$", re.IGNORECASE)


def surnames(text: str, mentions: Sequence[Any]) -> list[Any]:
    """``mentions`` plus the later mentions of an office holder by surname alone, once the article
    has named them in full: after "the Palestinian U.N. observer Riyad Mansour", "Mansour also
    accused Israel" is Palestine speaking. The codebook leaves such surnames out when they are common
    words or names ("Ban", "Hammond"); within one article that names the person they are not
    ambiguous. East Asian names give the family name first ("Ban Ki-moon": "Ban"). A surname two
    office holders of different actors share in the article is left out.

    >>> from netviz.ingest.actors import load_codebook
    >>> from datetime import date
    >>> text = "Ban Ki-moon spoke. Later Ban said Iran must comply."
    >>> ms = surnames(text, load_codebook().find_mentions(text, date(2012, 9, 25)))
    >>> [(m.text, m.actor, m.person) for m in ms]
    [('Ban Ki-moon', 'UN', True), ('Ban', 'UN', True), ('Iran', 'IRN', False)]
    """
    from netviz.ingest.actors import Mention  # the codebook's own mention record

    short: dict[str, tuple[str, int, Any]] = {}
    clash: set[str] = set()
    introduced = []
    for m in mentions:
        # "Iraqi Ambassador Lukman Faily", "British Foreign Secretary Philip Hammond": a title after an
        # actor introduces its office holder, known to the codebook or not ("former ..." introduces no one;
        # a "U.N. ambassador" is their own state's)
        got = _TITLED.match(text, m.end) if m.actor and not m.person else None
        if got is None or _FORMER.search(text, max(0, m.start - 12), m.start) or (
                m.actor == "UN" and "mbassador" in got.group(0)):
            continue
        s, e = got.span(1)
        if not any(x.start < e and s < x.end for x in mentions):
            person = Mention(m.actor, s, e, got.group(1), got.group(1), f"{got.group(0).strip()}: {m.text}'s",
                             person=True, name=got.group(1), role=text[got.start():s].strip())
            introduced.append(person)
    mentions = sorted([*mentions, *introduced], key=lambda m: m.start)
    for m in mentions:
        words = _NAME_WORD.findall(m.text) if m.person and m.actor else []
        if len(words) < 2:
            continue
        # "Ban Ki-moon", "Kim Jong Un": the family name first
        east = "-" in words[-1] and len(words) == 2 or len(words) == 3 and all(len(w) <= 4 for w in words[1:])
        name = words[0] if east else words[-1]
        if len(name) < 3:
            continue
        if name in short and short[name][0] != m.actor:
            clash.add(name)
        short.setdefault(name, (m.actor, m.end, m))
    if not short:
        return list(mentions)
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for name, (actor, after, full) in short.items():
        if name in clash:
            continue
        # "Trump Jr." is the son, not the office holder (as the codebook's not_followed_by)
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-]|\s+Jr\b)", text[after:]):
            s, e = hit.start() + after, hit.end() + after
            if not any(a < e and s < b for a, b in taken):
                extra.append(Mention(actor, s, e, name, name, f"'{name}': {full.text}, named in full before",
                                     person=True, name=full.name or full.text, role=full.role))
    return sorted([*mentions, *extra], key=lambda m: m.start)
