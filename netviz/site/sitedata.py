"""The dated data every page of a site replays: the history of the map, stored once.

A site (``netviz build``) writes it once, as ``data/history.js`` (it sets
``window.netvizHistory``), beside the evidence table (``data/evidence.js``,
:mod:`netviz.site.evidence`). The timeline, every dated map and every diff
map load both with a local ``<script src>`` and rebuild the state of their
date in the browser by replaying the steps up to it, so a page carries only
its date (and a diff map the changes of its date): a site costs the
relations plus the changes, not dates x ties.

The document (:func:`history_data`) holds:

- ``actors``: ``[id, label, type, x, y, aliases]`` of every actor that has a
  tie on some date, sorted by id, with its one position on every page;
- ``ties``: ``[actor index, actor index]`` of every actor pair that has a
  tie on some date, sorted;
- ``steps``: per date, only what changed since the date before: the actors
  and ties added, removed or whose state changed (``add``, ``del``, ``set``;
  a tie's state is :data:`TIE_FIELDS`, an actor's :data:`ACTOR_STATE_FIELDS`),
  the bloc names when they changed, and the changes a reader sees (formed,
  flipped, dissolved, strengthened, weakened ties; actors that appeared or
  disappeared), classified as :func:`netviz.graph.compare.compare_snapshots`
  does;
- the palette, the vis-network options and the limits the pages draw with.

Widths and sizes are computed here, against the largest tie and actor of the
whole run, exactly as :func:`netviz.site.mapdata.map_data` draws them, so a
page rebuilt in the browser draws what a self-contained map of the same date
draws.

It is built from a :class:`~netviz.graph.history.History` (the deltas a
build already has: O(relations + changes)) or, for any other mapping of
snapshot graphs, by comparing each date's graph with the one before.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from netviz.errors import NetvizError
from netviz.graph.compare import DEFAULT_THRESHOLD, _changed, why_dropped
from netviz.graph.steps import Dated, DateStep, Dyad, tie_values
from netviz.model import ORIGINS
from netviz.site.diffmap import CHANGE_STYLES, HALO_COLOR, change_style
from netviz.site.mapdata import (
    CONTRADICTIONS_LISTED,
    FIRST_VIEW_PER_PAIR,
    FIRST_VIEW_STANDOUT,
    FIRST_VIEW_TIES,
    LARGE_MAP,
    vis_options,
)
from netviz.site.pages import script_json
from netviz.site.palette import (
    BLOC_COLORS,
    NO_BLOC_COLOR,
    OTHER_TYPE_COLOR,
    SIGN_COLORS,
    SIGN_DASHES,
    SIGN_LABELS,
    TYPE_COLORS,
    edge_width,
    node_size,
)
from netviz.site.render import LEGEND_ACTOR_ITEMS, LEGEND_BLOC_PAIRS

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

#: Fields of one entry of ``actors``.
ACTOR_FIELDS = ("id", "label", "type", "x", "y", "aliases")
#: The state of a tie on a date (3 decimals, as the maps show them): ``origins`` is a bit mask over
#: :data:`netviz.model.ORIGINS`, ``width`` the drawn width (:func:`netviz.site.palette.edge_width`).
TIE_FIELDS = ("weight", "cooperation", "conflict", "polarity", "sign", "count", "origins", "width")
#: The state of an actor on a date: ``bloc`` its bloc number (null: in no bloc), ``strength`` the
#: total weight of its ties, ``size`` the drawn radius (:func:`netviz.site.palette.node_size`).
ACTOR_STATE_FIELDS = ("bloc", "strength", "size")
WEIGHT, SIGN = TIE_FIELDS.index("weight"), TIE_FIELDS.index("sign")
#: The lists of changes each step carries.
CHANGE_KINDS = ("formed", "flipped", "dissolved", "strengthened", "weakened", "appeared", "disappeared")
#: The global the site's data file sets.
GLOBAL = "netvizHistory"

# --- the document ------------------------------------------------------------------------------


def _origin_mask(origins: Sequence[str], where: str) -> int:
    mask = 0
    for origin in origins:
        if origin not in ORIGINS:
            raise NetvizError(f"render_timeline: tie {where} has unknown origin {origin!r}")
        mask |= 1 << ORIGINS.index(origin)
    return mask


@dataclass(frozen=True)
class Scale:
    """The largest tie weight and actor strength of a run: full width and full size on every page."""

    max_weight: float
    max_strength: float


def run_scale(dated: Dated) -> Scale:
    """The largest weight and strength over every date, from the steps (O(changes))."""
    top_weight = top_strength = 0.0
    for step in dated.steps:
        for old_new in step.ties.values():
            if old_new[1] is not None:
                top_weight = max(top_weight, tie_values(old_new[1])[0])
        for state in step.actors.values():
            if state is not None:
                top_strength = max(top_strength, state[1])
    return Scale(top_weight or 1.0, top_strength or 1.0)


def classify(before: Any, after: Any, threshold: float = DEFAULT_THRESHOLD) -> str:
    """How a tie changed from state ``before`` to ``after`` (``None``: absent), as
    :func:`netviz.graph.compare.compare_snapshots` says it: formed, dissolved,
    flipped, strengthened, weakened or unchanged."""
    if before is None:
        return "formed"
    if after is None:
        return "dissolved"
    (wb, *_, sb, _, _), (wa, *_, sa, _, _) = tie_values(before), tie_values(after)
    if sb != sa:
        return "flipped"
    if _changed(wb, wa, threshold):
        return "strengthened" if wa > wb else "weakened"
    return "unchanged"


def step_changes(step: DateStep, threshold: float = DEFAULT_THRESHOLD) -> dict[str, list]:
    """The ties of ``step`` that changed, by kind, ordered as ``compare_snapshots`` orders them:
    ``{kind: [(dyad, before values, after values, why)]}`` (``why``: for a dissolved tie, why its
    relations dropped out)."""
    groups: dict[str, list] = {kind: [] for kind in CHANGE_KINDS[:5]}
    stub = nx.Graph(date=step.day, mode=step.mode)
    for dyad, (old, new) in step.ties.items():
        kind = classify(old, new, threshold)
        if kind == "unchanged":
            continue
        before = tie_values(old) if old is not None else None
        after = tie_values(new) if new is not None else None
        why = ""
        if kind == "dissolved":
            why = "; ".join(dict.fromkeys(why_dropped(r, stub) for r in step.evidence[dyad][0]))
        groups[kind].append((dyad, before, after, why))
    weight = lambda v: v[0] if v is not None else 0.0
    groups["formed"].sort(key=lambda c: (-weight(c[2]), c[0]))
    groups["dissolved"].sort(key=lambda c: (-weight(c[1]), c[0]))
    groups["flipped"].sort(key=lambda c: (c[1][4] * c[2][4] >= 0, -max(weight(c[1]), weight(c[2])), c[0]))
    for kind in ("strengthened", "weakened"):
        groups[kind].sort(key=lambda c: (-abs(weight(c[2]) - weight(c[1])), c[0]))
    if threshold == DEFAULT_THRESHOLD:
        step.groups = groups
    return groups


def history_data(
    dated: Dated,
    positions: Mapping[str, tuple[float, float]],
    *,
    codebook: Codebook | None = None,
    scale: Scale | None = None,
) -> dict[str, Any]:
    """The document the pages replay (see the module docstring), from :func:`dated_steps`.

    ``positions`` must place every actor; ``scale`` defaults to the run's own (:func:`run_scale`).
    """
    scale = scale or run_scale(dated)
    actor_ids = sorted({a for step in dated.steps for a, state in step.actors.items() if state is not None})
    missing = [a for a in actor_ids if a not in positions]
    if missing:
        raise NetvizError(
            f"render_timeline: no position for actor(s) {', '.join(missing[:5])}"
            f"{' ...' if len(missing) > 5 else ''}; pass positions for every actor of every snapshot"
            " or leave positions out to compute them"
        )
    actor_index = {a: i for i, a in enumerate(actor_ids)}
    tie_keys = sorted({dyad for step in dated.steps for dyad, (_, new) in step.ties.items() if new is not None})
    tie_index = {t: i for i, t in enumerate(tie_keys)}

    def tie_row(dyad: Dyad, tie: Any) -> list:
        weight, cooperation, conflict, polarity, sign, count, origins = tie_values(tie)
        weight = round(weight, 3)
        return [weight, round(cooperation, 3), round(conflict, 3), round(polarity, 3), sign, count,
                _origin_mask(origins, f"{dyad[0]}-{dyad[1]}"), edge_width(weight, scale.max_weight)]

    def actor_row(state: tuple[int | None, float]) -> list:
        strength = round(state[1], 3)
        return [state[0], strength, node_size(strength, scale.max_strength)]

    steps = []
    largest = ties = 0
    present: dict[str, tuple[int | None, float]] = {}
    for step in dated.steps:
        tie_add, tie_del, tie_set = [], [], []
        for dyad, (old, new) in sorted(step.ties.items()):
            t = tie_index[dyad]
            if new is None:
                tie_del.append(t)
                ties -= 1
            elif old is None:
                tie_add.append([t, *tie_row(dyad, new)])
                ties += 1
            else:
                row = tie_row(dyad, new)
                if row != tie_row(dyad, old):
                    tie_set.append([t, *row])
        largest = max(largest, ties)
        actor_add, actor_del, actor_set = [], [], []
        appeared, disappeared = [], []
        for actor, state in sorted(step.actors.items()):
            a = actor_index.get(actor)
            before = present.get(actor)
            if state is None:
                if before is not None:
                    actor_del.append(a)
                    disappeared.append((-before[1], actor, a))
                    del present[actor]
                continue
            if before is None:
                actor_add.append([a, *actor_row(state)])
                appeared.append((-state[1], actor, a))
            elif actor_row(state) != actor_row(before):
                actor_set.append([a, *actor_row(state)])
            present[actor] = state
        groups = step_changes(step)
        changes: dict[str, Any] = {
            "formed": [[tie_index[d], after[SIGN]] for d, _, after, _ in groups["formed"]],
            "flipped": [[tie_index[d], before[SIGN], after[SIGN]] for d, before, after, _ in groups["flipped"]],
            "dissolved": [[tie_index[d], before[SIGN], why] for d, before, _, why in groups["dissolved"]],
            "strengthened": [[tie_index[d], before[0], after[0]] for d, before, after, _ in groups["strengthened"]],
            "weakened": [[tie_index[d], before[0], after[0]] for d, before, after, _ in groups["weakened"]],
            "appeared": [a for *_, a in sorted(appeared)],
            "disappeared": [a for *_, a in sorted(disappeared)],
        }
        if not steps:  # the first date has nothing to compare with
            changes = {kind: [] for kind in CHANGE_KINDS}
        changes["count"] = len(changes["formed"]) + len(changes["flipped"]) + len(changes["dissolved"])
        entry = {
            "articles": step.articles,
            "actors": {"add": actor_add, "del": actor_del, "set": actor_set},
            "ties": {"add": tie_add, "del": tie_del, "set": tie_set},
            "changes": changes,
        }
        if step.names is not None:
            entry["blocs"] = {str(b): name for b, name in sorted(step.names.items())}
        steps.append(entry)

    return {
        "dates": [step.day.isoformat() for step in dated.steps],
        "mode": mode_text(dated.mode),
        "max_weight": scale.max_weight,
        "max_strength": scale.max_strength,
        "large": largest >= LARGE_MAP,
        "origins": list(ORIGINS),
        "style": {
            "sign_colors": {str(s): c for s, c in SIGN_COLORS.items()},
            "sign_labels": {str(s): c for s, c in SIGN_LABELS.items()},
            "sign_dashes": {str(s): dashes for s, dashes in SIGN_DASHES.items()},
            "bloc_colors": list(BLOC_COLORS),
            "no_bloc": NO_BLOC_COLOR,
            "type_colors": dict(TYPE_COLORS),
            "other_type": OTHER_TYPE_COLOR,
            "change": {kind: change_style(kind) for kind in CHANGE_STYLES},
            "change_markers": [[kind, marker, halo] for kind, (marker, halo) in CHANGE_STYLES.items()],
            "halo": HALO_COLOR,
        },
        "limits": {"first_view": FIRST_VIEW_TIES, "large_map": LARGE_MAP, "contradictions": CONTRADICTIONS_LISTED,
                   "legend_items": LEGEND_ACTOR_ITEMS, "first_view_per_pair": FIRST_VIEW_PER_PAIR,
                   "first_view_standout": FIRST_VIEW_STANDOUT, "legend_bloc_pairs": LEGEND_BLOC_PAIRS},
        "options": vis_options(large=largest >= LARGE_MAP),
        "fields": {
            "actor": list(ACTOR_FIELDS),
            "actor_state": list(ACTOR_STATE_FIELDS),
            "tie": list(TIE_FIELDS),
        },
        "actors": [[a, dated.labels[a], dated.types[a], *_position(positions, a), _aliases(a, dated.labels[a], codebook)]
                   for a in actor_ids],
        "ties": [[actor_index[u], actor_index[v]] for u, v in tie_keys],
        "steps": steps,
    }


def _position(positions: Mapping[str, Any], actor: str) -> tuple[float, float]:
    try:
        x, y = (float(c) for c in positions[actor])
    except (TypeError, ValueError):
        raise NetvizError(f"render_timeline: position of actor {actor!r} is {positions[actor]!r}; expected (x, y)") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise NetvizError(f"render_timeline: position of actor {actor!r} is {positions[actor]!r}; expected finite numbers")
    return x, y


def _aliases(actor: str, label: str, codebook: Codebook | None) -> list[str]:
    """The actor's aliases and the names of the people who speak for it, for the search boxes."""
    if codebook is None or actor not in codebook:
        return []
    entry = codebook.get(actor)
    names = [entry.name, *entry.aliases]
    for person in entry.people:
        names += [person.name, *person.aliases]
    return [n for n in dict.fromkeys(names) if n not in (label, actor)]


def mode_text(mode: str) -> str:
    """What each snapshot holds, for the page header.

    >>> mode_text("window:30")
    'each date shows the last 30 days of evidence'
    """
    if mode == "per-date":
        return "each date shows only its own articles"
    if mode.startswith("window:"):
        return f"each date shows the last {mode.split(':', 1)[1]} days of evidence"
    if mode == "cumulative":
        return "each date shows all evidence up to it"
    return mode


def history_script(data: Mapping[str, Any]) -> str:
    """The site's ``history.js``: a script that sets ``window.netvizHistory`` to ``data``."""
    return f"window.{GLOBAL} = {script_json(data)};\n"
