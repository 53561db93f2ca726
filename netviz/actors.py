"""The actor codebook and the actor matcher.

A codebook maps surface forms (names, short forms, demonyms, capitals used as
metonyms, office holders during their role) to actor ids. ``find_mentions``
scans a text once with a single compiled regular expression built as a
character trie over every surface form, so the cost does not grow with the
number of aliases tried per sentence.

Matching rules (see the header of ``data/actors.yaml`` for the file format):

- leftmost, then longest: at each position the longest surface form wins, so
  "Islamic State of Iraq and Syria" is one ``ISIS`` mention, "Syrian rebels"
  is ``FSA`` and not ``SYR``;
- case matters: an alias matches as written, with its first letter upper-cased
  (sentence starts) and, from four characters on, in all capitals
  (datelines); "US" never matches "us", "Turkey" never matches "turkey";
- typographic apostrophes, quotes and dashes match their ASCII forms, and
  diacritics are optional ("Erdogan" matches an alias "Erdoğan");
- an alias inside a hyphenated compound or before a possessive is a mention
  ("US-Russian", "Russian-backed", "U.S.-led", "Turkey's", "Russia’s");
- a multi-word alias may be interrupted by an editorial gloss in square
  brackets ("Islamic State [Daesh] of Iraq and Syria");
- ``not_actors`` phrases ("Washington Post", "New Mexico", "Chad {Name}") are
  matched like aliases and swallow their span without yielding a mention;
- a form followed by one of ``not_followed_by`` ("-based") is a place of
  residence, not an actor; an alias listed in an actor's ``not_near`` is
  dropped when one of its words occurs within 150 characters; a word of
  ``ambiguous_in_caps`` ("IS", "US") is dropped inside all-capitals text;
- a person resolves only on dates inside one of their roles when ``on`` is
  given; with ``on=None`` the most recent role is used.

A span rejected by a context rule is swallowed: no shorter alias inside it is
tried, because the rule says the whole phrase names something else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from netviz.errors import NetvizError
from netviz.yamlfile import LINE, load_yaml, where

#: The codebook shipped with netviz.
DEFAULT_CODEBOOK = Path(__file__).parent / "data" / "actors.yaml"

#: Allowed values of ``Actor.type``.
ACTOR_TYPES = ("state", "organisation", "armed_group", "political_group", "movement")

#: How far (characters, either side) a ``not_near`` word may be from the alias.
NEAR = 150

# One character for one character, so offsets in the normalised text are
# offsets in the original.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)
# Letters NFKD does not decompose but writers often type without the mark.
_FOLD_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "ß": "ss"})
# An editorial insertion such as "[Daesh]" inside a multi-word name.
_GLOSS = r"(?:\s*\[[^\]\n]{1,40}\])?"
_SPACE = _GLOSS + r"\s+"
_NAME_PLACEHOLDER = "{Name}"
# "{Name}" in a not_actors phrase: a capitalised word that is not a weekday,
# a month or a title, so "Chad Wolf" is blocked but "Chad Monday" is not.
_NAME_RE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|President|Prime"
    r"|King|Foreign|Defen[cs]e|Army|Government|Minister)\b)[A-Z][a-z]+"
)
_CAPS_WORD = re.compile(r"[A-Z][A-Z'.-]*[A-Z]\b")
_ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Person:
    """An office holder who speaks for an actor while in a role.

    ``start`` and ``end`` are inclusive; ``None`` means open-ended.

    >>> p = Person("Barack Obama", ("Obama",), "President of the United States",
    ...            date(2009, 1, 20), date(2017, 1, 20))
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
        """The role's dates as ``start..end`` (ISO dates, open ends blank)."""
        return f"{self.start or ''}..{self.end or ''}"


@dataclass(frozen=True)
class Actor:
    """A node of the alliance map: a state, an organisation or a group.

    ``aliases`` holds every surface form that names it besides ``name``;
    ``not_near`` maps some of those aliases to words that, nearby, show the
    alias names something else (``{"Georgia": ("Atlanta", ...)}``).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    people: tuple[Person, ...] = ()
    country: str | None = None
    iso2: str | None = None
    un_member: bool = False
    not_near: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text: ``text[start:end]`` matched ``alias``; ``reason`` says why."""

    actor: str
    start: int
    end: int
    text: str
    alias: str
    reason: str


@dataclass(frozen=True)
class _Target:
    actor: str
    alias: str
    person: Person | None = None


def _normalise(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variants(alias: str) -> list[str]:
    """The surface forms an alias matches: as written, capitalised, shouted, unaccented."""
    base = " ".join(_normalise(alias).split())
    forms = [base, base[:1].upper() + base[1:]]
    if len(base) >= 4:
        forms.append(base.upper())
    forms += [_fold(f) for f in forms]
    return list(dict.fromkeys(forms))


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, longest first, factored by common prefix."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(_SPACE if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # Greedy optional: the longer continuation is tried before stopping here.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _key(matched: str) -> str:
    """The surface form a regex match stands for: glosses removed, spaces collapsed."""
    return " ".join(re.sub(r"\s*\[[^\]\n]{1,40}\]", "", matched).split())


class Codebook:
    """Actors by id plus the compiled matcher over all their surface forms.

    Build one with :func:`load_codebook`; constructing it directly checks
    the same consistency rules (no alias claimed by two actors).

    >>> cb = Codebook([Actor("RUS", "Russia", "state", ("Russian", "Kremlin"))])
    >>> [(m.actor, m.text) for m in cb.find_mentions("The Kremlin denied Russian-backed strikes.")]
    [('RUS', 'Kremlin'), ('RUS', 'Russian')]
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        not_actors: Iterable[str] = (),
        not_followed_by: Iterable[str] = (),
        ambiguous_in_caps: Iterable[str] = (),
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self._sources = dict(sources or {})
        by_id: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in by_id:
                raise NetvizError(f"{self._at(actor.id)}actor id {actor.id!r} given twice; keep one entry")
            by_id[actor.id] = actor
        self._actors = MappingProxyType(dict(sorted(by_id.items())))
        self.not_actors = tuple(dict.fromkeys(not_actors))
        self.not_followed_by = tuple(dict.fromkeys(_normalise(s) for s in not_followed_by))
        self.ambiguous_in_caps = frozenset(ambiguous_in_caps)
        self._targets = self._index()
        pattern_blocks = [p for p in self.not_actors if _NAME_PLACEHOLDER in p]
        plain_blocks = [p for p in self.not_actors if _NAME_PLACEHOLDER not in p]
        self._blocked = {v for p in plain_blocks for v in _variants(p)}
        for form in sorted(self._blocked & self._targets.keys()):
            owner = self._targets[form][0]
            raise NetvizError(
                f"{self._at(owner.actor)}not_actors phrase {form!r} is also an alias of "
                f"{owner.actor}; remove one of them"
            )
        blockers = "|".join(
            _SPACE.join(
                _NAME_RE if part == _NAME_PLACEHOLDER else re.escape(part)
                for part in _normalise(p).replace(_NAME_PLACEHOLDER, f" {_NAME_PLACEHOLDER} ").split()
            )
            for p in pattern_blocks
        )
        trie = _trie_pattern(sorted(self._targets.keys() | self._blocked))
        alternatives = (f"(?P<blocked>{blockers})|" if blockers else "") + f"(?:{trie})"
        self._has_patterns = bool(blockers)
        self._regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._near = {
            (a.id, alias): re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
            for a in self._actors.values()
            for alias, words in a.not_near.items()
        }
        self._names = self._name_index()

    def _index(self) -> dict[str, list[_Target]]:
        """Surface form -> who it names; an actor's own alias beats a person's or a generated form."""
        exact: dict[str, list[_Target]] = {}
        generated: dict[str, list[_Target]] = {}
        for actor in self._actors.values():
            for alias in (actor.name, *actor.aliases):
                written = _variants(alias)[0]
                for other in exact.get(written, []):
                    if other.actor != actor.id:
                        raise NetvizError(
                            f"{self._at(actor.id)}alias {alias!r} is claimed by {other.actor} and "
                            f"{actor.id}; give it to one actor only"
                        )
                exact.setdefault(written, []).append(_Target(actor.id, alias))
                for form in _variants(alias)[1:]:
                    generated.setdefault(form, []).append(_Target(actor.id, alias))
        people: dict[str, list[_Target]] = {}
        for actor in self._actors.values():
            for person in actor.people:
                for alias in dict.fromkeys((person.name, *person.aliases)):
                    for form in _variants(alias):
                        people.setdefault(form, []).append(_Target(actor.id, alias, person))
        for form, targets in people.items():
            for i, t in enumerate(targets):
                for u in targets[i + 1 :]:
                    if t.actor != u.actor and _overlap(t.person, u.person):
                        raise NetvizError(
                            f"{self._at(u.actor)}person alias {t.alias!r} speaks for {t.actor} ({t.person.name}) and "
                            f"{u.actor} ({u.person.name}) at the same time; make the role dates disjoint"
                        )
            owners = {t.actor for t in exact.get(form, [])}
            if owners and owners != {t.actor for t in targets}:
                raise NetvizError(
                    f"{self._at(targets[0].actor)}{targets[0].alias!r} is an alias of {sorted(owners)[0]} and a person of "
                    f"{targets[0].actor}; give it to one actor only"
                )
        index: dict[str, list[_Target]] = {}
        for form, targets in people.items():
            index[form] = targets
        for form, targets in generated.items():
            if len({t.actor for t in targets}) == 1:
                index[form] = targets[:1]
            else:
                # Two actors share a generated form only (e.g. once unaccented):
                # ambiguous, so it names neither.
                index.pop(form, None)
        for form, targets in exact.items():
            index[form] = targets[:1]
        return index

    def _at(self, actor_id: str) -> str:
        """``file:line: `` of the entry that defined an actor, for error messages."""
        return f"{self._sources[actor_id]}: " if actor_id in self._sources else ""

    def _name_index(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for actor in self._actors.values():
            for alias in (actor.id, actor.iso2, actor.name, *actor.aliases):
                if alias:
                    names.setdefault(alias.casefold(), actor.id)
        return names

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id, sorted by id (read-only)."""
        return self._actors

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __len__(self) -> int:
        return len(self._actors)

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
                f"unknown actor id {actor_id!r}; add it to an actors file or use one of "
                "the ids listed by `netviz actors`"
            ) from None

    def find_mentions(self, text: str, on: date | None = None) -> list[Mention]:
        """Every actor named in ``text``, non-overlapping, longest first, sorted by start.

        Parameters
        ----------
        text:
            Any text; offsets in the result index into it unchanged.
        on:
            The date of the text. People resolve only inside their role's dates;
            ``None`` ignores dates.
        """
        norm = _normalise(text)
        found = []
        for m in self._regex.finditer(norm):
            if self._has_patterns and m.group("blocked"):
                continue
            form = _key(m.group())
            if form in self._blocked or norm.startswith(self.not_followed_by, m.end()):
                continue
            target = self._pick(self._targets.get(form, ()), on)
            if target is None or self._rejected_by_context(norm, m, target, form):
                continue
            found.append(
                Mention(target.actor, m.start(), m.end(), text[m.start() : m.end()], target.alias, self._reason(target))
            )
        return found

    def resolve(self, phrase: str, on: date | None = None) -> list[Mention]:
        """What ``phrase`` names, and why (for ``netviz actors resolve``).

        If the whole phrase is one alias, every actor it can stand for on
        ``on`` is returned (a person may have spoken for several actors over
        time); otherwise the mentions inside it.

        >>> cb = Codebook([Actor("NATO", "NATO", "organisation", ()), Actor("NOR", "Norway", "state", (),
        ...     people=(Person("Jens Stoltenberg", ("Stoltenberg",), "Prime Minister of Norway",
        ...                    date(2005, 10, 17), date(2013, 10, 16)),)),
        ...     Actor("NATO2", "x", "organisation", ())])
        >>> [m.actor for m in cb.resolve("Stoltenberg")]
        ['NOR']
        """
        stripped = phrase.strip()
        targets = [t for t in self._targets.get(_key(_normalise(stripped)), ()) if t.person is None or t.person.active(on)]
        if targets and not self._blocked.intersection([_key(_normalise(stripped))]):
            offset = phrase.index(stripped)
            seen: dict[str, _Target] = {}
            for t in sorted(targets, key=_recency, reverse=True):
                seen.setdefault(t.actor, t)
            return [
                Mention(t.actor, offset, offset + len(stripped), stripped, t.alias, self._reason(t))
                for t in sorted(seen.values(), key=lambda t: t.actor)
            ]
        return self.find_mentions(phrase, on)

    def lookup_name(self, name: str) -> str | None:
        """The id of the actor whose id, ISO alpha-2 code, name or alias is exactly ``name``.

        Case-insensitive; people are not looked up (they need a date).

        >>> cb = Codebook([Actor("RUS", "Russia", "state", ("Russian Federation",), iso2="RU")])
        >>> cb.lookup_name("russian federation"), cb.lookup_name("RU"), cb.lookup_name("Moscow")
        ('RUS', 'RUS', None)
        """
        return self._names.get(" ".join(_normalise(name).split()).casefold())

    @staticmethod
    def _pick(targets: Iterable[_Target], on: date | None) -> _Target | None:
        live = [t for t in targets if t.person is None or t.person.active(on)]
        return max(live, key=_recency) if live else None

    def _rejected_by_context(self, norm: str, m: re.Match, target: _Target, form: str) -> bool:
        near = self._near.get((target.actor, target.alias))
        if near and near.search(norm, max(0, m.start() - NEAR), m.end() + NEAR):
            return True
        if form in self.ambiguous_in_caps:
            before = norm[max(0, m.start() - 40) : m.start()].split()
            after = norm[m.end() : m.end() + 40].split()
            shouted = [w for w in (before[-1:] + after[:1]) if _CAPS_WORD.fullmatch(w.strip(",.;:!?\"'"))]
            return len(shouted) == len(before[-1:] + after[:1]) == 2
        return False

    def _reason(self, target: _Target) -> str:
        actor = self._actors[target.actor]
        if target.person is None:
            return f"alias {target.alias!r} of {actor.id} ({actor.name})"
        p = target.person
        return f"{p.name} (alias {target.alias!r}): {p.role} {p.period} -> {actor.id} ({actor.name})"


def _recency(target: _Target) -> tuple:
    """Sort key: an actor alias first, then the person whose role started last."""
    if target.person is None:
        return (1, date.min)
    return (0, target.person.start or date.min)


def _overlap(a: Person | None, b: Person | None) -> bool:
    if a is None or b is None:
        return True
    a_start, b_start = a.start or date.min, b.start or date.min
    a_end, b_end = a.end or date.max, b.end or date.max
    return a_start <= b_end and b_start <= a_end


# --- loading -----------------------------------------------------------------

_ACTOR_FIELDS = {f.name for f in fields(Actor)}
_PERSON_FIELDS = {f.name for f in fields(Person)}
_TOP_KEYS = ("actors", "not_actors", "not_followed_by", "ambiguous_in_caps")


def load_codebook(*extra: Path) -> Codebook:
    """The packaged codebook, extended or overridden by each file in ``extra`` in order.

    A user file uses the packaged format. An actor with a new id is added;
    an actor with an id already loaded keeps its other fields and takes the
    fields the file gives (``aliases`` given replaces the whole alias list).
    ``not_actors``, ``not_followed_by`` and ``ambiguous_in_caps`` entries are
    added to the ones already loaded.

    Raises
    ------
    NetvizError
        For a file that cannot be read or parsed, or an entry that is
        malformed, duplicated in one file or claims another actor's alias.

    >>> cb = load_codebook()
    >>> cb.get("RUS").name, "ISIS" in cb
    ('Russia', True)
    """
    actors: dict[str, Actor] = {}
    lists: dict[str, list[str]] = {k: [] for k in _TOP_KEYS[1:]}
    origin: dict[str, str] = {}
    for path in (DEFAULT_CODEBOOK, *map(Path, extra)):
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise NetvizError(f"{path}: expected a mapping with an 'actors' list at the top; see data/actors.yaml")
        unknown = sorted(set(data) - set(_TOP_KEYS) - {LINE})
        if unknown:
            raise NetvizError(f"{path}: unknown top-level key {unknown[0]!r}; use one of {', '.join(_TOP_KEYS)}")
        entries = data.get("actors") or []
        if not isinstance(entries, list):
            raise NetvizError(f"{where(path, data)}: 'actors' must be a list of actor entries")
        seen: set[str] = set()
        for entry in entries:
            fields_given = _parse_actor(path, entry)
            actor_id = fields_given["id"]
            if actor_id in seen:
                raise NetvizError(f"{where(path, entry)}: actor id {actor_id!r} appears twice in this file; merge the entries")
            seen.add(actor_id)
            if actor_id in actors:
                actors[actor_id] = replace(actors[actor_id], **fields_given)
            else:
                missing = [k for k in ("name", "type") if k not in fields_given]
                if missing:
                    raise NetvizError(f"{where(path, entry)}: actor {actor_id!r} has no {missing[0]!r}; every new actor needs id, name and type")
                actors[actor_id] = Actor(**{"aliases": (), **fields_given})
            origin[actor_id] = where(path, entry)
        for key, values in lists.items():
            given = data.get(key) or []
            if not isinstance(given, list) or not all(isinstance(v, str) and v.strip() for v in given):
                raise NetvizError(f"{path}: {key!r} must be a list of non-empty strings")
            values.extend(given)
        for phrase in data.get("not_actors") or []:
            rest = phrase.replace(_NAME_PLACEHOLDER, "")
            if "{" in rest or "}" in rest:
                raise NetvizError(f"{path}: not_actors phrase {phrase!r} has a placeholder other than {_NAME_PLACEHOLDER}")
    return Codebook(actors.values(), sources=origin, **lists)


def _parse_actor(path: Path, entry: Any) -> dict[str, Any]:
    """The fields an actor entry gives, checked and converted."""
    if not isinstance(entry, dict):
        raise NetvizError(f"{path}: each item of 'actors' must be a mapping with id, name and type; got {entry!r}")
    loc = where(path, entry)
    unknown = sorted(set(entry) - _ACTOR_FIELDS - {LINE})
    if unknown:
        raise NetvizError(f"{loc}: unknown actor field {unknown[0]!r}; use {', '.join(sorted(_ACTOR_FIELDS))}")
    actor_id = entry.get("id")
    if not isinstance(actor_id, str) or not _ID_RE.match(actor_id):
        raise NetvizError(f"{loc}: actor entry needs an 'id' of upper-case letters, digits or _ (e.g. RUS, ISIS); got {actor_id!r}")
    loc = f"{loc}: actor {actor_id!r}"
    out: dict[str, Any] = {"id": actor_id}
    for key in ("name", "country", "iso2"):
        if key in entry:
            out[key] = _text(loc, key, entry[key])
    if "type" in entry:
        if entry["type"] not in ACTOR_TYPES:
            raise NetvizError(f"{loc}: type {entry['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
        out["type"] = entry["type"]
    if "iso2" in out and not re.fullmatch(r"[A-Z]{2}", out["iso2"]):
        raise NetvizError(f"{loc}: iso2 must be two upper-case letters (e.g. RU); got {out['iso2']!r}")
    if "un_member" in entry:
        if not isinstance(entry["un_member"], bool):
            raise NetvizError(f"{loc}: un_member must be true or false")
        out["un_member"] = entry["un_member"]
    if "aliases" in entry:
        out["aliases"] = _texts(loc, "aliases", entry["aliases"])
    if "people" in entry:
        if not isinstance(entry["people"], list):
            raise NetvizError(f"{loc}: people must be a list of {{name, role, start, end, aliases}} entries")
        out["people"] = tuple(_parse_person(path, loc, p) for p in entry["people"])
    if "not_near" in entry:
        near = entry["not_near"]
        if not isinstance(near, dict):
            raise NetvizError(f"{loc}: not_near must map an alias to a list of words")
        known = {entry.get("name"), *out.get("aliases", ())}
        out["not_near"] = {}
        for alias, words in near.items():
            if alias == LINE:
                continue
            if alias not in known:
                raise NetvizError(f"{loc}: not_near alias {alias!r} is not the actor's name or one of the aliases given here")
            out["not_near"][alias] = _texts(loc, f"not_near[{alias}]", words)
    return out


def _parse_person(path: Path, loc: str, entry: Any) -> Person:
    if not isinstance(entry, dict):
        raise NetvizError(f"{loc}: each person must be a mapping with name and role; got {entry!r}")
    unknown = sorted(set(entry) - _PERSON_FIELDS - {LINE})
    name = entry.get("name")
    ploc = f"{where(path, entry)}: person {name!r} of {loc.rsplit(': ', 1)[-1]}"
    if unknown:
        raise NetvizError(f"{ploc}: unknown person field {unknown[0]!r}; use {', '.join(sorted(_PERSON_FIELDS))}")
    for key in ("name", "role"):
        if key not in entry:
            raise NetvizError(f"{ploc}: a person needs {key!r}")
    start, end = (_date(ploc, k, entry.get(k)) for k in ("start", "end"))
    if start and end and end < start:
        raise NetvizError(f"{ploc}: end {end} is before start {start}; fix the role dates")
    return Person(
        name=_text(ploc, "name", entry["name"]),
        aliases=_texts(ploc, "aliases", entry.get("aliases") or []),
        role=_text(ploc, "role", entry["role"]),
        start=start,
        end=end,
    )


def _text(loc: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise NetvizError(f"{loc}: {key} must be a non-empty string; got {value!r}")
    return value.strip()


def _texts(loc: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise NetvizError(f"{loc}: {key} must be a list of strings, e.g. [Russian, Moscow]")
    return tuple(_text(loc, key, v) for v in value)


def _date(loc: str, key: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise NetvizError(f"{loc}: {key} {value!r} is not a date; write YYYY-MM-DD") from None
