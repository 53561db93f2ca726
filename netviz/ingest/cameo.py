"""CAMEO, the coding GDELT and ICEWS share: an event code's netviz kind and label, and the
codebook actor an event's actor stands for (the rules are set out in :mod:`netviz.ingest.events`).

The tables behind both (CAMEO country codes that are not ISO alpha-3,
regions, armed roles and sectors, known groups, ICEWS country names, event
labels) are in ``data/events.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from netviz.errors import NetvizError
from netviz.ingest.yamlfile import load_yaml
from netviz.model import KINDS

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

TABLES = Path(__file__).parents[1] / "data" / "events.yaml"

# Why an event's actor names no codebook actor (reasons a row is skipped, with those of netviz.ingest.events).
NO_CODE = "an actor has no actor code"
NO_COUNTRY = "an actor is a sector (government, military, ...) with no country"
UNMAPPED = "an actor is not in the codebook"
ARMED = "an actor is an armed group the codebook does not know"
REGION = "an actor is a region"

#: The quad class of each CAMEO root code, GDELT's published scheme, for GDELT and ICEWS alike.
QUAD_CLASSES = {
    f"{root:02d}": KINDS[0] if root <= 5 else KINDS[1] if root <= 9 else KINDS[2] if root <= 14 else KINDS[3]
    for root in range(1, 21)
}


@dataclass(frozen=True)
class _Tables:
    cameo_countries: dict[str, str]
    regions: frozenset[str]
    armed_roles: frozenset[str]
    armed_sectors: tuple[str, ...]
    roles: frozenset[str]
    known_groups: dict[str, str]
    icews_countries: dict[str, str]
    events: dict[str, str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_yaml(TABLES)
    try:
        return _Tables(
            cameo_countries={str(k): str(v) for k, v in data["cameo_countries"].items() if k != "__line__"},
            regions=frozenset(map(str, data["cameo_regions"])),
            armed_roles=frozenset(map(str, data["armed_roles"])),
            armed_sectors=tuple(str(s).casefold() for s in data["armed_sectors"]),
            roles=frozenset(map(str, data["cameo_roles"])),
            known_groups={str(k): str(v) for k, v in data["known_groups"].items() if k != "__line__"},
            icews_countries={str(k): str(v) for k, v in data["icews_countries"].items() if k != "__line__"},
            events={str(k): str(v) for k, v in data["cameo_events"].items() if k != "__line__"},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise NetvizError(f"{TABLES}: missing or malformed section {exc}; restore the file from the netviz repository") from None


def event_label(code: str) -> str:
    """The CAMEO label of an event code; a four-digit code gets its parent's label.

    >>> event_label("190"), event_label("0211"), event_label("999")
    ('Use conventional military force', 'Appeal for material cooperation', 'CAMEO 999')
    """
    events = _tables().events
    return events.get(code) or events.get(code[:3]) or f"CAMEO {code}"


def cameo_code(text: str) -> str | None:
    """A CAMEO event code with its leading zeros, or ``None``.

    Spreadsheets drop leading zeros ("42" for "042", "211" for "0211"); CAMEO
    codes have three or four digits and a root from 01 to 20, which restores them.

    >>> cameo_code("42"), cameo_code("211"), cameo_code("1823"), cameo_code("190"), cameo_code("x")
    ('042', '0211', '1823', '190', None)
    """
    if not text.isdigit() or len(text) > 4:
        return None
    code = text.zfill(3)
    if code[:2] not in QUAD_CLASSES and len(code) == 3:
        code = "0" + code
    return code if code[:2] in QUAD_CLASSES else None


class EventActors:
    """The codebook actor each GDELT or ICEWS actor stands for.

    :meth:`gdelt` and :meth:`icews` return ``(actor id or None, reason when
    None, label for the list of actors missing from the codebook)``.
    """

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook

    def gdelt(self, columns: tuple[str, ...]) -> tuple[str | None, str, str]:
        """The actor of a GDELT actor's 10 columns (code, name, country, known group, ...)."""
        code, name, country, group = columns[:4]
        if not code:
            return None, NO_CODE, ""
        t = _tables()
        label = f"{name} ({code})" if name else code
        named = self._named(name, bool(country or group))
        if named:
            return named, "", ""
        if group:
            chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
            org = group
            if group in chunks:
                # A non-role chunk after the group code names a sub-organisation.
                org = next((c for c in reversed(chunks[chunks.index(group) + 1 :]) if c not in t.roles), group)
            found = self.codebook.lookup_name(t.known_groups.get(org, "")) if org in t.known_groups else None
            return (found, "", "") if found else (None, UNMAPPED, label)
        if t.armed_roles.intersection(columns[7:10]):
            return None, ARMED, label
        if not country:
            return None, NO_COUNTRY, ""
        if country in t.regions:
            return None, REGION, ""
        iso = t.cameo_countries.get(country, country)
        return (iso, "", "") if self._is_state(iso) else (None, UNMAPPED, iso)

    def icews(self, columns: tuple[str, str, str]) -> tuple[str | None, str, str]:
        """The actor of an ICEWS source's or target's name, sectors and country."""
        name, sectors, country = columns
        t = _tables()
        named = self._named(name, bool(country))
        if named:
            return named, "", ""
        if any(word in sector for sector in sectors.casefold().split(",") for word in t.armed_sectors):
            return None, ARMED, f"{name} ({country})" if country else name
        if country:
            found = self.codebook.lookup_name(country)
            iso = found if self._is_state(found) else t.icews_countries.get(country)
            return (iso, "", "") if self._is_state(iso) else (None, UNMAPPED, country)
        return (None, UNMAPPED, name) if name else (None, NO_CODE, "")

    def _named(self, name: str, has_home: bool) -> str | None:
        """The codebook actor a name stands for, if the name alone should decide.

        A group or organisation named outright beats its country; a state's name
        only counts when the event gives no country, which is the better source.
        """
        found = self.codebook.lookup_name(name) if name else None
        if found is None:
            return None
        return found if not has_home or not self._is_state(found) else None

    def _is_state(self, actor: str | None) -> bool | None:
        """Whether a codebook id is a state; ``None`` if the codebook lacks it."""
        return self.codebook.actors[actor].type == "state" if actor in self.codebook else None
