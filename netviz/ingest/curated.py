"""Hand-curated relations and suppressions (``curated.yaml``; format in the header of ``data/curated.yaml``).

Curated data belongs to its corpus: a build reads the ``curated.yaml`` inside
its ``--data`` folder (the bundled sample's is the Syria 2014-2019 starter
set) and any ``--curated FILE``; nothing is merged into every build.
:func:`curated_use` reports what the entries did, so that an entry that
matches nothing is not silently accepted.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netviz.errors import NetvizError
from netviz.ingest.corpus import parse_date
from netviz.ingest.yamlfile import load_yaml, where
from netviz.model import KINDS, Evidence, Relation, kind_sign

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

#: The starter set of the bundled sample data (Syria, 2014-2019).
BUNDLED = Path(__file__).parents[1] / "data" / "curated.yaml"
#: The curated file a data folder may hold: read by every build of that folder.
FILENAME = "curated.yaml"
SIGNS = {"+": 1, "-": -1}


@dataclass(frozen=True)
class Suppression:
    """An extracted relation an analyst judges wrong: dyad and sign, optionally one article."""

    a: str
    b: str
    sign: int
    article: str | None = None
    note: str = ""
    #: ``file:line`` of the entry
    where: str = ""

    def label(self) -> str:
        """``USA + PKK in 002_5de89a4371e3db4d``: the dyad, sign and article it names."""
        return _signed(self.a, self.sign, self.b) + (f" in {self.article}" if self.article else "")

    def matches(self, rel: Relation) -> bool:
        """Whether ``rel`` is the relation this entry suppresses (either direction)."""
        return (
            {rel.a, rel.b} == {self.a, self.b}
            and rel.sign == self.sign
            and (self.article is None or rel.evidence.article == self.article)
        )


@dataclass(frozen=True)
class Curated:
    """The curated relations and the suppressions of one or more files."""

    relations: tuple[Relation, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    #: ``file:line`` of each relation, in the order of ``relations``
    relation_where: tuple[str, ...] = ()
    #: the files read
    files: tuple[Path, ...] = ()

    def valid_on(self, day: date) -> list[Relation]:
        """The curated relations that hold on ``day``."""
        return [r for r in self.relations if r.valid_from <= day and (r.valid_to is None or day <= r.valid_to)]

    def apply(self, relations: Iterable[Relation]) -> list[Relation]:
        """``relations`` without the ones a suppression entry names."""
        return self.suppress(relations)[0]

    def suppress(self, relations: Iterable[Relation]) -> tuple[list[Relation], tuple[int, ...]]:
        """``relations`` without the suppressed ones, and how many each suppression removed.

        A relation two entries name is counted under the first.
        """
        kept: list[Relation] = []
        removed = [0] * len(self.suppressions)
        for rel in relations:
            hit = next((i for i, s in enumerate(self.suppressions) if s.matches(rel)), None)
            if hit is None:
                kept.append(rel)
            else:
                removed[hit] += 1
        return kept, tuple(removed)


@dataclass(frozen=True)
class CuratedUse:
    """What the curated entries did in one build."""

    #: curated relations loaded, and how many of them hold on at least one snapshot date
    relations: int
    applied: int
    #: ``file:line`` of each curated relation that holds on no snapshot date
    unused: tuple[str, ...]
    #: each suppression with the number of relations (extracted or imported) it removed
    removed: tuple[tuple[Suppression, int], ...]
    #: one line per suppression that matched no relation
    warnings: tuple[str, ...]

    def describe(self) -> str:
        """The lines the build summary prints under its first one (empty without curated entries)."""
        lines = []
        if self.unused:
            lines.append(f"curated: {len(self.unused)} hold on no snapshot date ({', '.join(self.unused)})")
        for s, n in self.removed:
            if n:
                lines.append(f"suppressed: {n} relation{'s' * (n != 1)} by {s.label()} ({s.where})")
        return "\n".join(lines)


def curated_use(curated: Curated, dates: Iterable[date], removed: Sequence[int]) -> CuratedUse:
    """What ``curated`` did in a build with these snapshot ``dates``, given what each suppression removed.

    >>> ev = Evidence(sentence="s", cue="c")
    >>> rel = Relation("USA", "NATO", 1, "material_cooperation", 8.0, date(1949, 4, 4), "curated", ev, 1.0,
    ...                date(1949, 4, 4), date(1950, 1, 1))
    >>> cur = Curated((rel,), (Suppression("USA", "PKK", 1, where="c.yaml:9"),), ("c.yaml:3",))
    >>> use = curated_use(cur, [date(2017, 1, 8)], [0])
    >>> use.applied, use.unused, use.warnings
    (0, ('c.yaml:3',), ('c.yaml:9: suppression USA + PKK matched no relation; check its actors, sign and article',))
    """
    days = sorted(set(dates))
    unused = []
    for i, rel in enumerate(curated.relations):
        # the first snapshot date on or after valid_from, by bisection: no dates x relations loop
        at = bisect_left(days, rel.valid_from)
        if at == len(days) or (rel.valid_to is not None and days[at] > rel.valid_to):
            unused.append(curated.relation_where[i] if i < len(curated.relation_where) else _signed(rel.a, rel.sign, rel.b))
    warnings = tuple(
        f"{s.where or 'curated'}: suppression {s.label()} matched no relation; check its actors, sign and article"
        for s, n in zip(curated.suppressions, removed) if not n
    )
    return CuratedUse(len(curated.relations), len(curated.relations) - len(unused), tuple(unused),
                      tuple(zip(curated.suppressions, removed)), warnings)


def _signed(a: str, sign: int, b: str) -> str:
    return f"{a} {'+' if sign > 0 else '-'} {b}"


def _field(entry: dict, name: str, path: Path) -> object:
    if entry.get(name) in (None, ""):
        raise NetvizError(f"{where(path, entry)}: entry has no '{name}'; add it (see the header of data/curated.yaml)")
    return entry[name]


def _actor(entry: dict, name: str, path: Path, codebook: Codebook | None) -> str:
    actor = str(_field(entry, name, path))
    if codebook is not None and actor not in codebook:
        raise NetvizError(
            f"{where(path, entry)}: unknown actor id {actor!r} in '{name}'; "
            "use an id from `netviz actors` or add the actor with --actors FILE"
        )
    return actor


def _sign(entry: dict, path: Path) -> int:
    sign = str(_field(entry, "sign", path)).strip()
    if sign not in SIGNS:
        raise NetvizError(f"{where(path, entry)}: sign {sign!r} must be \"+\" or \"-\" (quoted in YAML)")
    return SIGNS[sign]


def _relation(entry: dict, path: Path, codebook: Codebook | None) -> Relation:
    a, b = _actor(entry, "a", path, codebook), _actor(entry, "b", path, codebook)
    if a == b:
        raise NetvizError(f"{where(path, entry)}: 'a' and 'b' are both {a}; a relation needs two different actors")
    sign = _sign(entry, path)
    kind = str(_field(entry, "kind", path))
    if kind not in KINDS:
        raise NetvizError(f"{where(path, entry)}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind_sign(kind) != sign:
        raise NetvizError(f"{where(path, entry)}: kind {kind} does not go with sign {'+' if sign > 0 else '-'}")
    try:
        intensity = float(_field(entry, "intensity", path))
    except (TypeError, ValueError):
        intensity = -1.0
    if not 0 <= intensity <= 10:
        raise NetvizError(f"{where(path, entry)}: intensity {entry['intensity']!r} must be a number from 0 to 10")
    valid_from = parse_date(_field(entry, "valid_from", path), f"{where(path, entry)}: valid_from")
    valid_to = entry.get("valid_to")
    if valid_to is not None:
        valid_to = parse_date(valid_to, f"{where(path, entry)}: valid_to")
        if valid_to < valid_from:
            raise NetvizError(f"{where(path, entry)}: valid_to {valid_to} is before valid_from {valid_from}")
    source = str(_field(entry, "source", path))
    note = str(entry.get("note") or f"{a} {'+' if sign > 0 else '-'} {b} ({kind})")
    evidence = Evidence(
        sentence=note, cue=f"curated {kind}", rule="curated", title=source, outlet=source, url=entry.get("url")
    )
    return Relation(a, b, sign, kind, intensity, valid_from, "curated", evidence, 1.0, valid_from, valid_to)


def _suppression(entry: dict, path: Path, codebook: Codebook | None) -> Suppression:
    a, b = _actor(entry, "a", path, codebook), _actor(entry, "b", path, codebook)
    article = entry.get("article")
    return Suppression(
        a, b, _sign(entry, path), str(article) if article else None, str(entry.get("note") or ""), where(path, entry)
    )


def _entries(data: dict, key: str, path: Path) -> list[dict]:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
        raise NetvizError(f"{path}: '{key}' must be a list of entries like '- {{a: USA, b: TUR, sign: \"+\", ...}}'")
    return items


def load_curated(
    paths: Sequence[Path] = (), codebook: Codebook | None = None, *, bundled: bool = False
) -> Curated:
    """Load curated relations and suppressions from ``paths`` (with ``bundled``: the sample's starter set first).

    With a ``codebook``, every actor id must be in it.

    >>> load_curated().relations
    ()
    >>> cur = load_curated(bundled=True)
    >>> any(r.dyad == ("NATO", "TUR") for r in cur.relations)
    True
    >>> [r.sign for r in cur.valid_on(date(2017, 1, 8)) if r.dyad == ("RUS", "TUR")]
    [1]
    """
    relations: list[Relation] = []
    suppressions: list[Suppression] = []
    places: list[str] = []
    files = ([BUNDLED] if bundled else []) + [Path(p) for p in paths]
    for path in files:
        data = load_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict) or not ({"relations", "suppress"} & data.keys()):
            raise NetvizError(f"{path}: a curated file holds 'relations:' and/or 'suppress:' lists; see data/curated.yaml")
        for entry in _entries(data, "relations", path):
            relations.append(_relation(entry, path, codebook))
            places.append(where(path, entry))
        suppressions += [_suppression(e, path, codebook) for e in _entries(data, "suppress", path)]
    return Curated(tuple(relations), tuple(suppressions), tuple(places), tuple(files))
