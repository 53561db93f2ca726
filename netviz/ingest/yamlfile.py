"""The one loader for every YAML file a user gives netviz, and the field checks on what it loads.

Every user YAML file (front matter, ``--actors``, ``--curated``, ``--cues``, gold
files) goes through :func:`parse_yaml`, which is safe by construction:

- aliases (``*name``, ``<<: *name``) are refused, so a few hundred bytes
  cannot expand into gigabytes ("billion laughs");
- a key given twice in one mapping is an error, not "last one wins";
- files over :data:`MAX_BYTES` are refused (libyaml itself refuses nesting past 1,000 levels);
- every mapping remembers its line (``entry["__line__"]``) and the line of
  each key (:func:`key_line`), so errors point at the field.

:func:`check_fields` checks a mapping against a declared schema: an unknown
field names the nearest valid one, a value of the wrong type names the type
expected.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from netviz.errors import NetvizError

LINE = "__line__"
#: user YAML files larger than this are refused (the bundled codebook is ~150 kB)
MAX_BYTES = 32 * 1024 * 1024

# libyaml's parser is ~9x faster on the 2,000-line codebook; same documents.
_Base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class YamlMap(dict):
    """A mapping loaded from YAML; ``lines`` maps each key to its 1-based line."""

    lines: dict

    def __reduce__(self):  # pickles (for worker processes) as a plain dict
        return dict, (dict(self),)


class _Refused(Exception):
    """A problem found while building the document: its file line and message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _LineLoader(_Base):
    """A safe loader that refuses aliases and duplicate keys and records lines.

    Dates stay strings so that an impossible one (2017-02-30) reaches our own
    error message instead of PyYAML's ValueError. ``offset`` is added to every
    line: the number of file lines before the YAML text.
    """

    offset = 0

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def construct_object(self, node, deep=False):  # noqa: D102 - PyYAML hook
        # Each node is built once; meeting one again means an alias points at it.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(self._line(node), "alias")
        try:
            data = super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. a 5,000-digit number, !!float x
            raise _Refused(self._line(node), f"cannot read the value ({str(exc).split(';')[0]})") from None
        if isinstance(data, int) and data.bit_length() > 10_000:  # 0xfff...: str() of it would fail later
            raise _Refused(self._line(node), "a number of thousands of digits; write a plain number")
        return data

    def refuse_tag(self, node):  # noqa: D102 - PyYAML hook
        raise _Refused(self._line(node), f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not supported; "
                                         "write plain text, numbers, lists and mappings")

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        if not isinstance(node, MappingNode):
            return super().construct_mapping(node, deep=deep)
        self.flatten_mapping(node)  # a merge key (<<) reuses nodes: construct_object refuses it
        mapping = YamlMap()
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool, type(None), date)):
                raise _Refused(self._line(key_node), "a key must be a plain name, not a list or mapping")
            if key in mapping.lines:
                raise _Refused(self._line(key_node),
                               f"key {key!r} given twice in one mapping (first on line {mapping.lines[key]}); keep one")
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.lines[key] = self._line(key_node)
        mapping[LINE] = self._line(node)
        return mapping

    def construct_yaml_map(self, node):  # noqa: D102 - PyYAML hook
        data = YamlMap()
        yield data
        value = self.construct_mapping(node)
        data.update(value)
        data.lines = value.lines


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)
for _tag in ("set", "omap", "pairs", "binary"):  # nothing netviz reads is one of these
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _LineLoader.refuse_tag)


def _first_alias(text: str) -> tuple[int, str] | None:
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line, event.anchor
    return None


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML ``text`` read from ``path`` (named in errors); see :func:`load_yaml`.

    ``first_line`` is the file line ``text`` starts on (front matter starts on 2),
    so that errors name the line of the file.

    >>> parse_yaml("a: &x [1]\\nb: *x\\n", Path("f.yaml"))
    Traceback (most recent call last):
    ...
    netviz.errors.NetvizError: f.yaml:2: YAML alias *x: netviz does not expand aliases (they can blow up into gigabytes); write the value out
    """
    offset = first_line - 1
    if len(text) > MAX_BYTES:
        raise NetvizError(f"{path}: {len(text):,} characters, more than the {MAX_BYTES:,} netviz reads from a YAML file; split it")
    try:
        loader = _LineLoader(text)
        loader.offset = offset
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _Refused as exc:
        if str(exc) != "alias":
            raise NetvizError(f"{path}:{exc.line}: {exc}") from None
        line, anchor = _first_alias(text) or (exc.line - 1 - offset, "")
        raise NetvizError(
            f"{path}:{line + 1 + offset}: YAML alias *{anchor}: netviz does not expand aliases "
            "(they can blow up into gigabytes); write the value out"
        ) from None
    except RecursionError:
        raise NetvizError(f"{path}: lists and mappings nested too deep; flatten the file") from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: no mark, a position
        line = text.count("\n", 0, exc.position) + 1 + offset
        raise NetvizError(f"{path}:{line}: character {exc.character!r} is not allowed in YAML "
                          "(a control character, often mojibake); remove it or re-save the file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1 + offset}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise NetvizError(f"{where}: malformed YAML ({problem}); fix the syntax there") from None


def load_yaml(path: Path) -> Any:
    """Load a YAML file; every mapping gets its line number under ``"__line__"``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("items:\\n  - {a: 1}\\n  - {a: 2}\\n")
    >>> [item["__line__"] for item in load_yaml(p)["items"]]
    [2, 3]
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NetvizError(f"{path}: larger than the {MAX_BYTES:,} bytes netviz reads from a YAML file; split it")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NetvizError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise NetvizError(f"{path}: is a folder; pass the YAML file inside it") from None
    except UnicodeDecodeError:
        raise NetvizError(f"{path}: not UTF-8 text; re-save the file as UTF-8") from None
    except OSError as exc:
        raise NetvizError(f"{path}: cannot read the file ({exc.strerror})") from None
    return parse_yaml(text, path)


def where(path: Path, entry: dict) -> str:
    """``file:line`` of a mapping loaded by :func:`load_yaml`."""
    line = entry.get(LINE) if isinstance(entry, dict) else None
    return f"{path}:{line}" if line else str(path)


def key_line(path: Path, entry: dict, key: object) -> str:
    """``file:line`` of ``key`` in a mapping loaded by :func:`load_yaml` (else of the mapping)."""
    line = getattr(entry, "lines", {}).get(key)
    return f"{path}:{line}" if line else where(path, entry)


def nearest(name: object, valid: Any) -> str | None:
    """The valid name closest to a misspelt ``name``, if one is close.

    >>> nearest("vaild_to", ["valid_from", "valid_to", "note"])
    'valid_to'
    """
    found = difflib.get_close_matches(str(name), [str(v) for v in valid], n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_field(path: Path, entry: Mapping, key: object, valid: Any, what: str) -> NetvizError:
    """The error for an unknown field ``key`` of ``entry``: its line, the nearest valid name, all of them."""
    guess = nearest(key, valid)
    hint = f"; did you mean {guess!r}?" if guess else ""
    return NetvizError(f"{key_line(path, entry, key)}: unknown field {shown(key)} in {what}{hint} (fields: {', '.join(valid)})")


#: what each type name of a schema accepts (None, an absent value, always passes)
_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "text": ((str, int, float), "text"),
    "date": ((str, date), "a date (YYYY-MM-DD)"),
    "number": ((int, float), "a number"),
    "bool": ((bool,), "true or false"),
    "list": ((list,), "a list"),
    "mapping": ((dict,), "a mapping of 'key: value' lines"),
}

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = 4


def shown(value: object) -> str:
    """A short repr of a loaded value for an error message (never the whole of a large one)."""
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k != LINE}
    return _short.repr(value)


def check_fields(entry: Mapping, schema: Mapping[str, str], path: Path, what: str, *, strict: bool = True) -> None:
    """Check ``entry``'s fields against ``schema`` (field name -> a type name of ``_TYPES``).

    An unknown field is an error naming its line and the nearest valid name; with
    ``strict=False`` only a near miss of a valid name is (other fields are free
    metadata). A value of the wrong type is an error naming the type expected.

    >>> check_fields({"vaild_to": "2019-01-01"}, {"valid_to": "date"}, Path("c.yaml"), "a curated relation")
    Traceback (most recent call last):
    ...
    netviz.errors.NetvizError: c.yaml: unknown field 'vaild_to' in a curated relation; did you mean 'valid_to'? (fields: valid_to)
    >>> check_fields({"title": {"a": 1}}, {"title": "text"}, Path("a.md"), "front matter")
    Traceback (most recent call last):
    ...
    netviz.errors.NetvizError: a.md: front matter field 'title' must be text; got {'a': 1}
    """
    for key, value in entry.items():
        if key == LINE:
            continue
        if key not in schema:
            if strict or nearest(key, schema):
                raise unknown_field(path, entry, key, schema, what)
            continue
        types, name = _TYPES[schema[key]]
        if value is not None and (not isinstance(value, types) or (isinstance(value, bool) and bool not in types)):
            raise NetvizError(f"{key_line(path, entry, key)}: {what} field {key!r} must be {name}; got {shown(value)}")
