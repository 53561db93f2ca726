"""Reading codebook files: the packaged ``data/actors.yaml`` and users' own.

:func:`load_codebook` parses and checks every entry (the header of
``data/actors.yaml`` documents the format), merges the files in order and
builds the :class:`~netviz.ingest.actors.Codebook`, caching it until a file
changes. Errors name the file, the line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from netviz.errors import NetvizError
from netviz.ingest.actors import (
    _ID_RE,
    _NAME_PLACEHOLDER,
    _TOP_KEYS,
    ACTOR_TYPES,
    DEFAULT_CODEBOOK,
    Actor,
    Codebook,
    GenericKind,
    Person,
)
from netviz.ingest.yamlfile import LINE, load_yaml, unknown_field, where

_ACTOR_FIELDS = {f.name for f in fields(Actor)}
_PERSON_FIELDS = {f.name for f in fields(Person)}
_codebooks: dict[tuple, Codebook] = {}
_parsed: dict[tuple, Any] = {}


def load(*extra: Path) -> Codebook:
    """The packaged codebook, extended or overridden by each file of ``extra`` in turn.

    A user file has the packaged format (see the header of
    ``data/actors.yaml``). An entry with a new id adds an actor; an entry
    with an id already loaded replaces only the fields it gives (a given
    ``aliases`` or ``people`` list replaces the whole list). ``not_actors``,
    ``not_followed_by`` and ``ambiguous_in_caps`` entries add to those
    loaded. The result is cached until one of the files changes.

    Raises
    ------
    NetvizError
        For a file that cannot be read or parsed, a malformed entry, an id
        given twice in one file, or an alias claimed by two actors; the
        message names the file and line.

    >>> cb = load()
    >>> cb.get("RUS").name, "ISIS" in cb, sum(a.un_member for a in cb.actors.values())
    ('Russia', True, 193)
    """
    paths = (DEFAULT_CODEBOOK, *map(Path, extra))
    stamps = tuple(_stamp(p) for p in paths)
    if stamps not in _codebooks:
        _codebooks.clear()
        _codebooks[stamps] = _load(paths, stamps)
    return _codebooks[stamps]


def _stamp(path: Path) -> tuple:
    """What identifies a file's content for the caches: path, mtime and size."""
    try:
        st = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_size)


def _load(paths: tuple[Path, ...], stamps: tuple[tuple, ...]) -> Codebook:
    actors: dict[str, Actor] = {}
    sources: dict[str, str] = {}
    lists: dict[str, list[str]] = {key: [] for key in _TOP_KEYS[1:] if key != "generic"}
    generic: dict[str, GenericKind] = {}
    for path, stamp in zip(paths, stamps):
        # Parsing the packaged file is half of a load: keep the parsed files of
        # the last load so another combination of user files reuses them.
        data = _parsed.get(stamp) or load_yaml(path)
        _parsed[stamp] = data
        if not isinstance(data, dict):
            raise NetvizError(f"{path}: expected a mapping with an 'actors' list; see the header of data/actors.yaml")
        unknown = sorted(set(data) - set(_TOP_KEYS) - {LINE})
        if unknown:
            raise unknown_field(path, data, unknown[0], _TOP_KEYS, "the top level of a codebook")
        entries = data.get("actors") or []
        if not isinstance(entries, list):
            raise NetvizError(f"{path}: 'actors' must be a list of actor entries")
        seen: set[str] = set()
        for entry in entries:
            given = _parse_actor(path, entry)
            actor_id = given["id"]
            if actor_id in seen:
                raise NetvizError(f"{where(path, entry)}: actor id {actor_id!r} appears twice in this file; merge the entries")
            seen.add(actor_id)
            if actor_id in actors:
                actors[actor_id] = replace(actors[actor_id], **given)
            else:
                missing = [key for key in ("name", "type") if key not in given]
                if missing:
                    raise NetvizError(
                        f"{where(path, entry)}: new actor {actor_id!r} has no {missing[0]!r}; "
                        "a new actor needs id, name and type"
                    )
                if given["type"] == "state":
                    given.setdefault("country", actor_id)
                actors[actor_id] = Actor(**{"aliases": (), **given})
            sources[actor_id] = where(path, entry)
        for key, values in lists.items():
            more = data.get(key) or []
            if not isinstance(more, list) or not all(isinstance(v, str) and v.strip() for v in more):
                raise NetvizError(f"{path}: {key!r} must be a list of non-empty strings")
            values += more
        kinds = data.get("generic") or []
        if not isinstance(kinds, list):
            raise NetvizError(f"{path}: 'generic' must be a list of entries with kind, forms, countries and state")
        for entry in kinds:
            given = _parse_generic(path, entry)
            kind = given["kind"]
            if kind in generic:
                generic[kind] = replace(generic[kind], **given)
            elif "forms" not in given:
                raise NetvizError(f"{where(path, entry)}: new generic kind {kind!r} needs 'forms'")
            else:
                generic[kind] = GenericKind(**given)
            sources["generic " + kind] = where(path, entry)
        for phrase in data.get("not_actors") or []:
            if re.search(r"[{}]", phrase.replace(_NAME_PLACEHOLDER, "")):
                raise NetvizError(f"{path}: not_actors phrase {phrase!r} has a placeholder other than {_NAME_PLACEHOLDER}")
            sources[phrase] = str(path)
    for stale in _parsed.keys() - set(stamps):
        del _parsed[stale]
    return Codebook(actors.values(), sources=sources, generic=generic.values(), **lists)


def _parse_actor(path: Path, entry: Any) -> dict[str, Any]:
    """The fields an actor entry gives, checked and converted."""
    if not isinstance(entry, dict):
        raise NetvizError(f"{path}: each item of 'actors' must be a mapping with id, name and type; got {entry!r}")
    loc = where(path, entry)
    unknown = sorted(set(entry) - _ACTOR_FIELDS - {LINE})
    if unknown:
        raise unknown_field(path, entry, unknown[0], sorted(_ACTOR_FIELDS), "an actor")
    actor_id = entry.get("id")
    if not isinstance(actor_id, str) or not _ID_RE.fullmatch(actor_id):
        raise NetvizError(f"{loc}: an actor needs an 'id' of upper-case letters, digits or _ (e.g. RUS, ISIS); got {actor_id!r}")
    loc = f"{loc}: actor {actor_id}"
    given: dict[str, Any] = {"id": actor_id}
    if "iso2" in entry and not (isinstance(entry["iso2"], str) and re.fullmatch(r"[A-Z]{2}", entry["iso2"])):
        raise NetvizError(f"{loc}: iso2 must be two capital letters, e.g. RU (quote \"NO\" for Norway); got {entry['iso2']!r}")
    for key in ("name", "country", "iso2"):
        if key in entry:
            given[key] = _text(loc, key, entry[key])
    if "type" in entry:
        if entry["type"] not in ACTOR_TYPES:
            raise NetvizError(f"{loc}: type {entry['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
        given["type"] = entry["type"]
    if "un_member" in entry:
        if not isinstance(entry["un_member"], bool):
            raise NetvizError(f"{loc}: un_member must be true or false; got {entry['un_member']!r}")
        given["un_member"] = entry["un_member"]
    if "aliases" in entry:
        given["aliases"] = _texts(loc, "aliases", entry["aliases"])
    if "people" in entry:
        if not isinstance(entry["people"], list):
            raise NetvizError(f"{loc}: people must be a list of entries with name, role, start, end, aliases")
        given["people"] = tuple(_parse_person(path, actor_id, p) for p in entry["people"])
    if "not_near" in entry:
        near = entry["not_near"]
        if not isinstance(near, dict):
            raise NetvizError(f"{loc}: not_near must map an alias to a list of words, e.g. {{Georgia: [Atlanta]}}")
        own = {entry.get("name"), *given.get("aliases", ())}
        given["not_near"] = {}
        for alias, words in near.items():
            if alias == LINE:
                continue
            if alias not in own:
                raise NetvizError(f"{loc}: not_near alias {alias!r} is not this entry's name or one of its aliases")
            given["not_near"][alias] = _texts(loc, f"not_near {alias}", words)
    return given


_GENERIC_FIELDS = {"kind", "forms", "countries", "state", "default", "members", "about"}


def _parse_generic(path: Path, entry: Any) -> dict[str, Any]:
    """The fields a generic entry gives, checked and converted."""
    if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str) or not entry["kind"].strip():
        raise NetvizError(f"{path}: each item of 'generic' must be a mapping with a 'kind' name, 'forms' and "
                          f"'countries' or 'state'; got {entry!r}")
    loc = f"{where(path, entry)}: generic {entry['kind']!r}"
    unknown = sorted(set(entry) - _GENERIC_FIELDS - {LINE})
    if unknown:
        raise NetvizError(f"{loc}: unknown field {unknown[0]!r}; use {', '.join(sorted(_GENERIC_FIELDS))}")
    given: dict[str, Any] = {"kind": entry["kind"].strip()}
    if "forms" in entry:
        given["forms"] = _texts(loc, "forms", entry["forms"])
    if "default" in entry:
        given["default"] = _text(loc, "default", entry["default"])
    if "state" in entry:
        if not isinstance(entry["state"], bool):
            raise NetvizError(f"{loc}: state must be true or false; got {entry['state']!r}")
        given["state"] = entry["state"]
    if "countries" in entry:
        table = entry["countries"]
        if not isinstance(table, dict):
            raise NetvizError(f"{loc}: countries must map a state id to an actor id or to a list of "
                              "{actor, start, end}, e.g. {SYR: FSA}")
        given["countries"] = {}
        for country, value in table.items():
            if country == LINE:
                continue
            readings = [{"actor": value}] if isinstance(value, str) else value
            if not isinstance(readings, list) or not all(isinstance(r, dict) and isinstance(r.get("actor"), str)
                                                          for r in readings):
                raise NetvizError(f"{loc}: countries {country}: give an actor id or a list of {{actor, start, end}}")
            given["countries"][str(country)] = _readings(f"{loc}: countries {country}", readings)
    if "members" in entry:
        members = entry["members"]
        if not isinstance(members, list) or not all(isinstance(r, str) or isinstance(r, dict) and isinstance(
                r.get("actor"), str) for r in members):
            raise NetvizError(f"{loc}: members must be a list of actor ids or of {{actor, start, end}}, e.g. [USA, GBR]")
        given["members"] = _readings(f"{loc}: members", [{"actor": r} if isinstance(r, str) else r for r in members])
    if "about" in entry:
        given["about"] = _texts(loc, "about", entry["about"])
    return given


def _readings(loc: str, readings: list[dict]) -> tuple[tuple[str, date | None, date | None], ...]:
    """``{actor, start, end}`` entries as ``(actor, start, end)``, dates checked."""
    out = []
    for r in readings:
        extra = sorted(set(r) - {"actor", "start", "end", LINE})
        if extra:
            raise NetvizError(f"{loc}: unknown field {extra[0]!r}; use actor, start, end")
        out.append((r["actor"], _date(loc, "start", r.get("start")), _date(loc, "end", r.get("end"))))
    return tuple(out)


def _parse_person(path: Path, actor_id: str, entry: Any) -> Person:
    if not isinstance(entry, dict):
        raise NetvizError(f"{path}: actor {actor_id}: each person must be a mapping with name and role; got {entry!r}")
    loc = f"{where(path, entry)}: person {entry.get('name')!r} of {actor_id}"
    unknown = sorted(set(entry) - _PERSON_FIELDS - {LINE})
    if unknown:
        raise unknown_field(path, entry, unknown[0], sorted(_PERSON_FIELDS), "a person")
    for key in ("name", "role"):
        if key not in entry:
            raise NetvizError(f"{loc}: a person needs a {key!r}")
    start, end = _date(loc, "start", entry.get("start")), _date(loc, "end", entry.get("end"))
    if start and end and end < start:
        raise NetvizError(f"{loc}: end {end} is before start {start}; fix the role dates")
    return Person(
        name=_text(loc, "name", entry["name"]),
        aliases=_texts(loc, "aliases", entry.get("aliases") or []),
        role=_text(loc, "role", entry["role"]),
        start=start,
        end=end,
    )


def _text(loc: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise NetvizError(f"{loc}: {key} must be a non-empty string; got {value!r}")
    return value.strip()


def _texts(loc: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise NetvizError(f"{loc}: {key} must be a list of strings, e.g. [Russian, Moscow]; got {value!r}")
    return tuple(_text(loc, key, v) for v in value)


def _date(loc: str, key: str, value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise NetvizError(f"{loc}: {key} {value!r} is not a date; write YYYY-MM-DD") from None
