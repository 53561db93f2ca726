"""The actor codebook and the actor matcher.

A codebook maps surface forms (names, short forms, demonyms, capitals used as
metonyms, office holders during their role) to actor ids. ``find_mentions``
scans a text once with a single regular expression compiled per codebook as a
character trie over every surface form, so its cost does not grow with the
number of aliases.

Matching rules (the header of ``data/actors.yaml`` documents the file format):

- leftmost, then longest: at each position the longest surface form wins, so
  "Islamic State of Iraq and Syria" is one ``ISIS`` mention and "Syrian
  rebels" is ``FSA``, not ``SYR``;
- case matters: an alias matches as written, with its first letter
  upper-cased (sentence starts) and, from four characters on, in capitals
  (datelines); "US" never matches "us", "Turkey" never matches "turkey";
- typographic apostrophes, quotes and dashes match their ASCII forms, and
  diacritics are ignored ("Erdogan" and "Erdoğan" match either alias);
- an alias inside a hyphenated compound or before a possessive is a mention
  ("US-Russian", "Russian-backed", "U.S.-led", "Turkey's", "Russia’s");
- an editorial gloss in square brackets may interrupt a multi-word alias
  ("Islamic State [Daesh] of Iraq and Syria"); a gloss that is not inside a
  longer match is matched on its own ("Isis [Daesh]" names ISIS twice);
- ``not_actors`` phrases ("Washington Post", "New Mexico", "Chad {Name}") are
  matched like aliases and swallow their span without yielding a mention; a
  form followed by one of ``not_followed_by`` ("U.S.-based") is a place of
  residence, not an actor; an alias listed in an actor's ``not_near`` is
  dropped when one of its words occurs within ``NEAR`` characters; a form in
  ``ambiguous_in_caps`` ("IS", "US") is dropped inside all-capitals text;
- a person resolves only on dates inside one of their roles when ``on`` is
  given; with ``on=None`` the most recently started role is used;
- a state's alias followed by one of ``people_nouns`` ("Syrian refugees") and
  an organisation's followed by one of ``member_nouns`` ("a NATO member") are
  not the actor acting: no mention;
- generic words ("the rebels", "government forces", "the opposition") are
  mentions of a kind, not of an actor: :meth:`Codebook.resolve_generic` gives
  the actor through the country they are about; right after their state
  ("Yemeni rebels") the matcher resolves them itself.

The file format and its loading are in :mod:`netviz.ingest.codebook_file`.

A span rejected by one of these rules is swallowed: no shorter alias inside it
is tried, because the rule says the whole phrase names something else.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from netviz.errors import NetvizError

#: The codebook shipped with netviz.
DEFAULT_CODEBOOK = Path(__file__).parents[1] / "data" / "actors.yaml"

#: Allowed values of ``Actor.type``.
ACTOR_TYPES = ("state", "organisation", "armed_group", "political_group", "movement")

#: How far (characters, either side) a ``not_near`` word may be from its alias.
NEAR = 150

# Text and aliases are compared after mapping typographic punctuation to
# ASCII and dropping diacritics, one character for one character, so offsets
# in the normalised text are offsets in the original.
_TYPOGRAPHY = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    # Letters NFKD does not decompose but writers often type without the mark.
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
}
# Latin letters with marks, spaces and punctuation: the only characters
# normalisation changes (other scripts pass through untouched, and fast).
_NORMALISABLE = re.compile("[\u00a0-\u024f\u02bc\u1e00-\u1eff\u2000-\u206f\u2212]")
_GLOSS = re.compile(r"\[[^\]\n]{1,40}\]")
_NAME_PLACEHOLDER = "{Name}"
# "{Name}" in a not_actors phrase: a capitalised word, not a weekday, month or
# title, and not followed by another capitalised word (a title-case headline
# such as "Chad Closes Border" is not a person).
_NAME_RE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|President|Prime"
    r"|King|Foreign|Defen[cs]e|Army|Government|Minister)\b)[A-Z][a-z]+(?!\s+[A-Z])"
)
_CAPS_WORD = re.compile(r"[A-Z][A-Z'.-]*[A-Z]")
_ID_RE = re.compile(r"[A-Z][A-Z0-9_]*")
_TOP_KEYS = ("actors", "not_actors", "not_followed_by", "ambiguous_in_caps", "people_nouns", "member_nouns", "generic")
# A state named right before a generic form says which country it is about
# ("Yemeni rebels", "Syria's army"), unless the state is the backer or the
# side ("Iranian-backed rebels", "pro-Russian rebels"): no hyphen between,
# no "pro-"/"anti-" before.
_OWNER_GAP = re.compile(r"(?:'s)?\s+")
_NOT_OWNER = re.compile(r"(?:pro|anti|non)-$", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    """An office holder who speaks for an actor while in a role.

    ``start`` and ``end`` are inclusive; ``None`` leaves that end open.

    >>> p = Person("Barack Obama", ("Obama",), "President", date(2009, 1, 20), date(2017, 1, 20))
    >>> p.active(date(2017, 1, 20)), p.active(date(2017, 1, 21)), p.active(None)
    (True, False, True)
    """

    name: str
    aliases: tuple[str, ...]
    role: str
    start: date | None
    end: date | None

    def active(self, on: date | None) -> bool:
        """Whether the role covers ``on`` (always true for ``on=None``)."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @property
    def period(self) -> str:
        """The role's dates as ``start..end``, an open end left blank."""
        return f"{self.start or ''}..{self.end or ''}"


@dataclass(frozen=True)
class Actor:
    """A node of the alliance map: a state, an organisation or a group.

    ``aliases`` holds every surface form that names it besides ``name``;
    ``not_near`` maps some of them to words that, nearby, show the alias names
    something else (``{"Georgia": ("Atlanta", ...)}``).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    people: tuple[Person, ...] = ()
    country: str | None = None
    iso2: str | None = None
    un_member: bool = False
    not_near: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` names ``actor`` through the codebook's ``alias``; ``reason`` says why.

    A generic mention ("the rebels", "government forces", "the opposition")
    has ``generic`` set to its kind. Its ``actor`` is ``None`` until the
    country it is about is known (:meth:`Codebook.resolve_generic`), except
    when the text names that country right before it ("Yemeni rebels",
    "Syria's army"): then the matcher resolves it and sets ``country``.
    """

    actor: str | None
    start: int
    end: int
    text: str
    alias: str
    reason: str
    generic: str | None = None
    country: str | None = None
    #: named through an office holder ("Putin"), not an alias of the actor
    person: bool = False


@dataclass(frozen=True)
class GenericKind:
    """Words that name an actor only through the country they are about.

    ``countries`` maps a state id to the readings of the kind there, each
    ``(actor, start, end)`` with inclusive, optional dates; ``state`` says
    that in any other country the kind is the state itself ("government
    forces" in Iraq are IRQ), otherwise it names no actor there. ``default``
    is the actor when no country is known (shared/ACTORS.md's conventions:
    "the regime" is Syria, "the Kurds" the YPG).

    A kind with ``members`` is a group of actors that act together and is
    no actor of its own ("the six powers" negotiating with Iran): a mention
    stands for those members the article names (:meth:`Codebook.group_members`),
    each ``(actor, start, end)``, and only in an article that names one of
    the actors in ``about``.
    """

    kind: str
    forms: tuple[str, ...]
    countries: Mapping[str, tuple[tuple[str, date | None, date | None], ...]] = field(default_factory=dict, hash=False)
    state: bool = False
    default: str | None = None
    members: tuple[tuple[str, date | None, date | None], ...] = ()
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Target:
    actor: str | None
    alias: str
    person: Person | None = None
    generic: str | None = None


@functools.lru_cache(maxsize=None)
def _plain(ch: str) -> str:
    """One character without typography or diacritics ("ğ" -> "g"), or itself."""
    if ch in _TYPOGRAPHY:
        return _TYPOGRAPHY[ch]
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else ch


def _normalise(text: str) -> str:
    return _NORMALISABLE.sub(lambda m: _plain(m.group()), text)


def _name_key(name: str) -> str:
    return " ".join(_normalise(name).split()).casefold()


_ARTICLE = re.compile(r"(?<![\w'])[Aa]l[- ](?=[A-Z])")


def _variants(alias: str) -> list[str]:
    """The normalised surface forms an alias matches, the form as written first.

    The Arabic article is written four ways in English news ("al-Qaeda", "al
    Qaeda", "Al-Qaeda", "Al Qaeda"): an alias with one matches all four.

    >>> _variants("al-Qaeda in the Arabian Peninsula")[:5]
    ['al-Qaeda in the Arabian Peninsula', 'Al-Qaeda in the Arabian Peninsula', 'AL-QAEDA IN THE ARABIAN PENINSULA', 'al Qaeda in the Arabian Peninsula', 'Al Qaeda in the Arabian Peninsula']
    """
    base = " ".join(alias.split())
    forms = [base, base[:1].upper() + base[1:]]
    if len(base) >= 4:
        forms.append(base.upper())
    if _ARTICLE.search(base):
        forms += [_ARTICLE.sub(article, base) for article in ("al ", "Al ", "al-", "Al-")]
    return list(dict.fromkeys(_normalise(f) for f in forms))


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, longest first, factored by common prefix."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # Greedy optional: the longer continuation is tried before ending here.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _overlap(a: Person, b: Person) -> bool:
    return (a.start or date.min) <= (b.end or date.max) and (b.start or date.min) <= (a.end or date.max)


def _recency(target: _Target) -> tuple[int, date]:
    """Preference among the readings of one form: an actor alias, then the latest role."""
    if target.person is None:
        return (1, date.min)
    return (0, target.person.start or date.min)


def _surface_index(actors: Iterable[Actor], kinds: Iterable[GenericKind], at: Callable[..., str]) -> dict[str, list[_Target]]:
    """Surface form -> its readings. An actor's alias as written beats a
    person's form, which beats a generated form (capitalised, unaccented)."""
    written: dict[str, _Target] = {}
    generated: dict[str, list[_Target]] = {}
    people: dict[str, list[_Target]] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            first, *others = _variants(alias)
            owner = written.setdefault(first, _Target(actor.id, alias)).actor
            if owner != actor.id:
                raise NetvizError(
                    f"{at(owner, actor.id)}alias {alias!r} is claimed by {owner} and {actor.id}; "
                    "give it to one actor only"
                )
            for form in others:
                generated.setdefault(form, []).append(_Target(actor.id, alias))
        for person in actor.people:
            for alias in dict.fromkeys((person.name, *person.aliases)):
                for form in _variants(alias):
                    people.setdefault(form, []).append(_Target(actor.id, alias, person))
    for form, targets in people.items():
        for i, t in enumerate(targets):
            for u in targets[i + 1 :]:
                if t.actor != u.actor and _overlap(t.person, u.person):
                    raise NetvizError(
                        f"{at(u.actor)}person alias {u.alias!r} speaks for {t.actor} ({t.person.name} "
                        f"{t.person.period}) and {u.actor} ({u.person.name} {u.person.period}); "
                        "make the role dates disjoint"
                    )
        owner = written.get(form)
        if owner is not None and any(t.actor != owner.actor for t in targets):
            raise NetvizError(
                f"{at(targets[0].actor)}{targets[0].alias!r} names a person of {targets[0].actor} "
                f"and is an alias of {owner.actor}; give it to one actor only"
            )
    for kind in kinds:
        for phrase in kind.forms:
            first, *others = _variants(phrase)
            if first in written:
                raise NetvizError(
                    f"{at('generic ' + kind.kind)}generic form {phrase!r} ({kind.kind}) is also an alias of "
                    f"{written[first].actor}; keep one of them"
                )
            written[first] = _Target(None, phrase, generic=kind.kind)
            for form in others:
                generated.setdefault(form, []).append(_Target(None, phrase, generic=kind.kind))
    index: dict[str, list[_Target]] = {}
    for form, targets in generated.items():
        # A generated form two actors share (e.g. once unaccented) names neither.
        if len({(t.actor, t.generic) for t in targets}) == 1:
            index[form] = targets[:1]
    index.update(people)
    index.update((form, [target]) for form, target in written.items())
    return index


class _Generics:
    """The codebook's generic kinds: checked against its actors, resolved through a country."""

    def __init__(self, kinds: Iterable[GenericKind], actors: Mapping[str, Actor], at: Callable[[str], str]) -> None:
        self.kinds = {k.kind: k for k in kinds}
        # what resolving needs of the actors (not the actors themselves, which
        # the codebook's digest for the extraction cache already covers)
        self._states = frozenset(a.id for a in actors.values() if a.type == "state")
        self._names = {a.id: a.name for a in actors.values()}
        for kind in self.kinds.values():
            where_ = at("generic " + kind.kind)
            if kind.default is not None and kind.default not in actors:
                raise NetvizError(f"{where_}generic {kind.kind!r}: default: unknown actor id {kind.default!r}")
            for country, readings in kind.countries.items():
                if country not in actors or actors[country].type != "state":
                    raise NetvizError(f"{where_}generic {kind.kind!r}: {country!r} is not a state id of the codebook")
                for actor, _, _ in readings:
                    if actor not in actors:
                        raise NetvizError(f"{where_}generic {kind.kind!r}: {country}: unknown actor id {actor!r}")
            for field_, ids in (("members", [a for a, _, _ in kind.members]), ("about", kind.about)):
                for actor in ids:
                    if actor not in actors:
                        raise NetvizError(f"{where_}generic {kind.kind!r}: {field_}: unknown actor id {actor!r}")

    def resolve(self, kind: str, country: str | None, on: date | None) -> str | None:
        """See :meth:`Codebook.resolve_generic`."""
        try:
            spec = self.kinds[kind]
        except KeyError:
            raise NetvizError(f"unknown generic kind {kind!r}; the codebook has: {', '.join(sorted(self.kinds))}") from None
        if country is None:
            return spec.default
        readings = spec.countries.get(country)
        if readings:
            active = [a for a, start, end in readings
                      if on is None or ((start is None or start <= on) and (end is None or on <= end))]
            return active[-1] if active else None
        return country if spec.state and self._is_state(country) else None

    def _is_state(self, actor_id: str | None) -> bool:
        return actor_id in self._states

    def attach(self, text: str, norm: str, found: list[Mention], on: date | None) -> list[Mention]:
        """Resolve each generic mention that directly follows its state ("Yemeni rebels", "Syria's rebels")."""
        out: list[Mention] = []
        for m in found:
            owner = out[-1] if out else None
            if (m.generic and owner is not None and owner.generic is None and not owner.person
                    and self._is_state(owner.actor)
                    and _OWNER_GAP.fullmatch(norm, owner.end, m.start)
                    and not _NOT_OWNER.search(norm, max(0, owner.start - 5), owner.start)):
                actor = self.resolve(m.generic, owner.actor, on)
                if actor is None:  # "Palestinian militants": no reading there; the state stays, the kind waits
                    out.append(replace(m, country=owner.actor))
                    continue
                out[-1] = replace(m, actor=actor, start=owner.start, text=text[owner.start : m.end],
                                  reason=f"generic {m.generic!r} of {owner.actor} ({owner.text!r}) -> {actor} "
                                         f"({self._names[actor]})", country=owner.actor)
                continue
            out.append(m)
        return out

    def defaults(self, found: list[Mention]) -> list[Mention]:
        """``found`` for callers that do not resolve generic mentions: each kind's
        default (the conventions that predate generic mentions) stands in, or nothing."""
        out = []
        for m in found:
            if m.actor is None:
                default = self.kinds[m.generic].default
                if default is None:
                    continue
                m = replace(m, actor=default, reason=f"generic {m.generic!r} without a country: its default {default} "
                                                     f"({self._names[default]})")
            out.append(m)
        return out


class Codebook:
    """Actors by id plus the matcher compiled over all their surface forms.

    Usually built by :func:`load_codebook`. ``sources`` maps actor ids and
    ``not_actors`` phrases to the file (and line) that gave them, for error
    messages.

    >>> cb = Codebook([Actor("RUS", "Russia", "state", ("Russian", "Kremlin"))])
    >>> [(m.actor, m.text) for m in cb.find_mentions("The Kremlin denied Russian-backed strikes.")]
    [('RUS', 'Kremlin'), ('RUS', 'Russian')]

    Raises
    ------
    NetvizError
        If an id is given twice, an alias is claimed by two actors, a person
        alias speaks for two actors at once, or a ``not_actors`` phrase is
        also an alias.
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        not_actors: Iterable[str] = (),
        not_followed_by: Iterable[str] = (),
        ambiguous_in_caps: Iterable[str] = (),
        sources: Mapping[str, str] | None = None,
        people_nouns: Iterable[str] = (),
        member_nouns: Iterable[str] = (),
        generic: Iterable[GenericKind] = (),
    ) -> None:
        self._sources = dict(sources or {})
        by_id: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in by_id:
                raise NetvizError(f"{self._at(actor.id)}actor id {actor.id!r} given twice; keep one entry")
            by_id[actor.id] = actor
        self._actors = dict(sorted(by_id.items()))
        self.not_actors = tuple(dict.fromkeys(not_actors))
        self.not_followed_by = tuple(dict.fromkeys(_normalise(s) for s in not_followed_by))
        self.ambiguous_in_caps = frozenset(_normalise(s) for s in ambiguous_in_caps)
        self.people_nouns = tuple(dict.fromkeys(people_nouns))
        self.member_nouns = tuple(dict.fromkeys(member_nouns))
        self._generics = _Generics(generic, self._actors, self._at)
        self._people_after = _words_after(self.people_nouns, r"\s+")
        self._members_after = _words_after(self.member_nouns, r"(?:\s+|-)")
        self._targets = _surface_index(self._actors.values(), self._generics.kinds.values(), self._at)
        plain = [p for p in self.not_actors if _NAME_PLACEHOLDER not in p]
        for phrase in plain:
            clash = self._targets.get(_variants(phrase)[0])
            if clash:
                raise NetvizError(
                    f"{self._at(phrase)}not_actors phrase {phrase!r} is also an alias of {clash[0].actor}; "
                    "remove one of them"
                )
        self._blocked = {v for p in plain for v in _variants(p)}
        patterns = "|".join(self._placeholder_pattern(p) for p in self.not_actors if _NAME_PLACEHOLDER in p)
        trie = _trie_pattern(sorted(self._targets.keys() | self._blocked))
        # Placeholder phrases first: at one position they are always longer
        # than the alias they protect ("Chad Wolf" vs "Chad").
        self._regex = re.compile(rf"(?<!\w)(?:(?P<blocked>{patterns or '(?!)'})|{trie})(?!\w)")
        self._near = {
            (a.id, alias): re.compile(r"(?<!\w)(?:" + "|".join(re.escape(_normalise(w)) for w in words) + r")(?!\w)")
            for a in self._actors.values()
            for alias, words in a.not_near.items()
        }
        self._names: dict[str, str] = {}
        for pick in (lambda a: (a.id,), lambda a: (a.name,), lambda a: a.aliases):  # ids first, then names
            for actor in self._actors.values():
                for alias in pick(actor):
                    self._names.setdefault(_name_key(alias), actor.id)

    def _placeholder_pattern(self, phrase: str) -> str:
        """The regex of a ``{Name}`` phrase, minus the surface forms it would hide
        ("Chad {Name}" must not block the person "Chad Wolf")."""
        words = _normalise(phrase).replace(_NAME_PLACEHOLDER, f" {_NAME_PLACEHOLDER} ").split()
        pattern = r"\s+".join(_NAME_RE if w == _NAME_PLACEHOLDER else re.escape(w) for w in words)
        known = [f for f in self._targets if re.fullmatch(pattern, f)]
        if not known:
            return pattern
        spared = "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(known))
        return rf"(?!(?:{spared})(?!\w)){pattern}"

    def _at(self, *keys: str) -> str:
        """Where an entry was given; of clashing entries, one from a user's file before the bundled codebook."""
        bundled = str(DEFAULT_CODEBOOK)
        key = next((k for k in keys if not self._sources.get(k, bundled).startswith(bundled)), keys[-1])
        return f"{self._sources[key]}: " if key in self._sources else ""

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id, sorted by id (read-only)."""
        # A proxy per call: the codebook itself must stay picklable for worker processes.
        return MappingProxyType(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __len__(self) -> int:
        return len(self._actors)

    @property
    def generic(self) -> Mapping[str, GenericKind]:
        """The generic kinds by name ("rebels", "government", ...), read-only."""
        return MappingProxyType(self._generics.kinds)

    def resolve_generic(self, kind: str, country: str | None, on: date | None = None) -> str | None:
        """The actor a generic mention of ``kind`` names in ``country`` on ``on``, or ``None``.

        The country's own reading comes first ("rebels" in Syria are FSA);
        a kind marked ``state`` is otherwise the country itself ("government
        forces" in Iraq are IRQ); anything else names no actor (the
        opposition of a country without an entry is inside that state).
        With ``country=None`` the kind's ``default`` (often ``None``).

        >>> cb = load_codebook()
        >>> cb.resolve_generic("rebels", "SYR"), cb.resolve_generic("rebels", "FRA"), cb.resolve_generic("government", "IRQ")
        ('FSA', None, 'IRQ')
        >>> cb.resolve_generic("opposition", "EGY", date(2012, 11, 22)), cb.resolve_generic("opposition", "EGY", date(2015, 1, 1))
        ('EGYOPP', 'MB')

        Raises
        ------
        NetvizError
            For a kind the codebook does not have.
        """
        return self._generics.resolve(kind, country, on)

    def group_members(self, kind: str, named: Iterable[str], on: date | None = None,
                      near: Iterable[str] | None = None) -> tuple[str, ...]:
        """The members of the group ``kind`` on ``on`` among ``named`` (the actors an article names), in
        the codebook's order; none when ``kind`` is no group or ``near`` (the actors named around the
        mention; by default ``named``) holds none of the actors the group is ``about``.

        >>> cb = load_codebook()
        >>> cb.group_members("P5+1", {"IRN", "USA", "DEU", "JPN"}, date(2014, 11, 24))
        ('USA', 'DEU')
        >>> cb.group_members("P5+1", {"IRN", "USA", "DEU"}, date(2019, 1, 1)), cb.group_members("P5+1", {"USA", "DEU"})
        (('DEU',), ())
        >>> cb.group_members("P5+1", {"IRN", "USA"}, near={"EGY", "SYR"})
        ()
        """
        spec = self._generics.kinds.get(kind)
        named = set(named)
        if spec is None or not spec.members or not (named if near is None else set(near)).intersection(spec.about):
            return ()
        return tuple(dict.fromkeys(a for a, start, end in spec.members if a in named and (
            on is None or (start is None or start <= on) and (end is None or on <= end))))

    def get(self, actor_id: str) -> Actor:
        """The actor with this id.

        Raises
        ------
        NetvizError
            If the id is not in the codebook.
        """
        try:
            return self._actors[actor_id]
        except KeyError:
            raise NetvizError(
                f"unknown actor id {actor_id!r}; use an id listed by `netviz actors` or add it to an actors file"
            ) from None

    def find_mentions(self, text: str, on: date | None = None, generic: bool = False) -> list[Mention]:
        """Every actor named in ``text``: non-overlapping, longest first, sorted by start.

        Parameters
        ----------
        text:
            Any text; offsets in the result index into it unchanged.
        on:
            The date of the text: people resolve only inside their roles'
            dates. ``None`` ignores dates.
        generic:
            Also return generic mentions the text alone cannot resolve
            ("the rebels", ``actor=None``) for the caller to resolve with
            :meth:`resolve_generic` through the country they are about.
            Without it, a generic mention is returned only when its kind has
            a ``default`` ("the regime": SYR), with that actor. A generic form
            right after its state ("Yemeni rebels") is resolved here and
            returned either way.

        >>> cb = load_codebook()
        >>> [(m.text, m.actor) for m in cb.find_mentions("Erdoğan's U.S.-led allies fought the Islamic State [Daesh] of Iraq and Syria.")]
        [('Erdoğan', 'TUR'), ('U.S.', 'USA'), ('Islamic State [Daesh] of Iraq and Syria', 'ISIS')]
        >>> [(m.text, m.actor, m.generic) for m in cb.find_mentions("Yemeni rebels fought the army.", generic=True)]
        [('Yemeni rebels', 'HOUTHIS', 'rebels'), ('the army', None, 'government')]
        """
        norm = _normalise(text)
        # Glosses become blanks (same length, so offsets hold) for the main
        # pass; a gloss no match spans is then matched on its own.
        masked = _GLOSS.sub(lambda g: " " * len(g.group()), norm)
        spans = [m.span() for m in self._regex.finditer(masked)]
        found = [x for x in (self._mention(text, norm, masked, s, e, on) for s, e in spans) if x]
        starts = [s for s, _ in spans]
        for gloss in _GLOSS.finditer(norm) if "[" in norm else ():
            # spans are sorted and disjoint: only the last one starting before
            # the gloss ends can overlap it (a scan of all would be quadratic)
            i = bisect.bisect_left(starts, gloss.end()) - 1
            if i < 0 or spans[i][1] <= gloss.start():
                inner = self._regex.finditer(norm, gloss.start() + 1, gloss.end() - 1)
                found += [x for x in (self._mention(text, norm, norm, *m.span(), on) for m in inner) if x]
        found.sort(key=lambda m: m.start)
        if not self._generics.kinds:
            return found
        found = self._generics.attach(text, norm, found, on)
        return found if generic else self._generics.defaults(found)

    def _mention(self, text: str, norm: str, scanned: str, start: int, end: int, on: date | None) -> Mention | None:
        form = " ".join(scanned[start:end].split())
        if form in self._blocked or norm.startswith(self.not_followed_by, end):
            return None
        readings = [t for t in self._targets.get(form, ()) if t.person is None or t.person.active(on)]
        if not readings:  # a placeholder blocker, or a person outside their roles
            return None
        target = max(readings, key=_recency)
        if target.generic:
            return Mention(None, start, end, text[start:end], target.alias,
                           f"generic {target.generic!r}: names an actor through the country it is about",
                           target.generic)
        if target.person is None:
            kind = self._actors[target.actor].type
            after = self._people_after if kind == "state" else self._members_after if kind == "organisation" else None
            if after is not None and after.match(norm, end):  # "Syrian refugees", "a NATO member"
                return None
        near = self._near.get((target.actor, target.alias))
        if near and near.search(norm, max(0, start - NEAR), end + NEAR):
            return None
        if form in self.ambiguous_in_caps and _shouted(norm, start, end):
            return None
        return Mention(target.actor, start, end, text[start:end], target.alias, self._reason(target),
                       person=target.person is not None)

    def resolve(self, phrase: str, on: date | None = None) -> list[Mention]:
        """What ``phrase`` names and why (for ``netviz actors resolve``).

        If the whole phrase is one surface form, every actor it stands for on
        ``on`` is returned (a person may have spoken for several actors over
        time, one per role); otherwise the mentions inside it, generic ones
        included (``actor=None``).

        >>> cb = load_codebook()
        >>> [m.actor for m in cb.resolve("Stoltenberg")]
        ['NATO', 'NOR']
        >>> [m.actor for m in cb.resolve("Stoltenberg", on=date(2012, 1, 1))]
        ['NOR']
        """
        stripped = phrase.strip()
        form = " ".join(_normalise(stripped).split())
        readings = [t for t in self._targets.get(form, ()) if t.person is None or t.person.active(on)]
        if not readings or form in self._blocked or readings[0].generic:
            return self.find_mentions(phrase, on, generic=True)
        best: dict[str, _Target] = {}
        for t in sorted(readings, key=_recency, reverse=True):
            best.setdefault(t.actor, t)
        start = phrase.index(stripped)
        return [
            Mention(t.actor, start, start + len(stripped), stripped, t.alias, self._reason(t), person=t.person is not None)
            for t in sorted(best.values(), key=lambda t: t.actor)
        ]

    def why_not(self, phrase: str, on: date | None = None) -> str | None:
        """Why ``phrase``, a known surface form, names no actor (``None`` if it is not one).

        >>> cb = load_codebook()
        >>> cb.why_not("Washington Post")
        "'Washington Post' is in not_actors: it names something else"
        >>> print(cb.why_not("Obama", date(2020, 1, 1)))
        'Obama' speaks for an actor only during: Barack Obama: President 2009-01-20..2017-01-20 (USA)
        """
        form = " ".join(_normalise(phrase).split())
        pattern = self._regex.fullmatch(form)
        if form in self._blocked or (pattern and pattern.group("blocked")):
            return f"{phrase.strip()!r} is in not_actors: it names something else"
        readings = self._targets.get(form, ())
        if readings and not any(t.person is None or t.person.active(on) for t in readings):
            roles = "; ".join(f"{t.person.name}: {t.person.role} {t.person.period} ({t.actor})" for t in readings)
            return f"{phrase.strip()!r} speaks for an actor only during: {roles}"
        return None

    def lookup_name(self, name: str) -> str | None:
        """The id of the actor whose id, name or alias is exactly ``name`` (any case).

        Ids win over names, names over aliases. People are not looked up:
        they need a date.

        >>> cb = load_codebook()
        >>> cb.lookup_name("russian federation"), cb.lookup_name("RUS"), cb.lookup_name("Putin")
        ('RUS', 'RUS', None)
        """
        return self._names.get(_name_key(name))

    def _reason(self, target: _Target) -> str:
        actor = self._actors[target.actor]
        if target.person is None:
            return f"alias {target.alias!r} of {actor.id} ({actor.name})"
        p = target.person
        return f"{p.name} (alias {target.alias!r}): {p.role} {p.period} -> {actor.id} ({actor.name})"


def actor_record(actor: Actor) -> dict:
    """A JSON-ready record of an actor, people and dates included (``netviz actors --format json``).

    >>> rec = actor_record(load_codebook().get("TUR"))
    >>> rec["id"], rec["iso2"], rec["un_member"], "Ankara" in rec["aliases"]
    ('TUR', 'TR', True, True)
    >>> next(p for p in rec["people"] if p["name"] == "Hulusi Akar")["start"]
    '2015-08-18'
    """
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "iso2": actor.iso2,
        "un_member": actor.un_member,
        "aliases": list(actor.aliases),
        "people": [
            {
                "name": p.name,
                "aliases": list(p.aliases),
                "role": p.role,
                "start": p.start.isoformat() if p.start else None,
                "end": p.end.isoformat() if p.end else None,
            }
            for p in actor.people
        ],
        "not_near": {alias: list(words) for alias, words in sorted(actor.not_near.items())},
    }


def _words_after(words: Iterable[str], gap: str) -> re.Pattern | None:
    """A regex matching ``gap`` then one of ``words`` (a whole word), or ``None`` without words."""
    # longest first; ties by text, not set order, so the pattern (and the cache key) is the same in every process
    words = sorted({_normalise(w) for w in words}, key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile(gap + "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)")


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether both words around ``text[start:end]`` are in capitals ("THIS IS WHY")."""
    before = text[max(0, start - 40) : start].split()[-1:]
    after = text[end : end + 40].split()[:1]
    words = [w.strip(",.;:!?\"'()") for w in before + after]
    return len(words) == 2 and all(_CAPS_WORD.fullmatch(w) for w in words)


def load_codebook(*extra: Path) -> Codebook:
    """The packaged codebook, extended or overridden by each file of ``extra`` in turn.

    See :func:`netviz.ingest.codebook_file.load` (the file format is in the
    header of ``data/actors.yaml``).

    >>> cb = load_codebook()
    >>> cb.get("RUS").name, "ISIS" in cb, sum(a.un_member for a in cb.actors.values())
    ('Russia', True, 193)
    """
    # imported here: the loader needs this module's classes
    from netviz.ingest.codebook_file import load

    return load(*extra)
