"""The map of a snapshot in Jupyter: :func:`show` returns a pyvis ``Network``.

It draws exactly the page ``netviz build`` writes (same styling, positions
and evidence panel, offline, in a sandboxed iframe), and it is a genuine pyvis
``Network``: pyvis's methods (``toggle_physics``, ``show_buttons``,
``set_options``, ``barnes_hut``, ``repulsion``, ``set_edge_smooth``, ...)
change the drawing as on any pyvis network, and ``write_html``/``show`` write
the page.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("RUS", "SYR", weight=6.0, sign=1)
>>> net = show(g)
>>> net.toggle_physics(True)
>>> net.options["physics"]["enabled"], net.num_nodes(), net.num_edges()
(True, 2, 1)
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from pyvis.physics import Physics

from netviz.errors import NetvizError
from netviz.graph.layout import compute_layout
from netviz.site.render import MapNetwork, _network


class NotebookMap(MapNetwork):
    """A netviz map whose pyvis methods edit its vis-network options.

    ``options`` stays the vis-network options dict of the page (so an
    untouched map is byte for byte the page ``render_map`` writes); the
    methods below do what pyvis's do on its ``Options`` object, with pyvis's
    signatures. Choosing a physics solver (:meth:`barnes_hut`,
    :meth:`repulsion`, :meth:`hrepulsion`, :meth:`force_atlas_2based`) also
    switches physics on: netviz maps start with it off, actors standing where
    the layout put them, so a solver alone would change nothing.
    """

    def __init__(self, drawn: MapNetwork) -> None:
        data = {"nodes": drawn.nodes, "edges": drawn.edges, "options": drawn.options, **drawn.page_data}
        super().__init__(data, drawn.page, notebook=True)
        self.options = copy.deepcopy(drawn.options)

    def _set(self, path: str, value: Any) -> None:
        *parents, key = path.split(".")
        node = self.options
        for name in parents:
            if not isinstance(node.get(name), dict):  # vis-network also takes `false` for `{enabled: false}`
                node[name] = {"enabled": node[name]} if isinstance(node.get(name), bool) else {}
            node = node[name]
        node[key] = value

    def toggle_physics(self, status: bool) -> None:
        """Let vis-network move the actors (``True``) or keep them where they stand."""
        self._set("physics.enabled", bool(status))

    def toggle_stabilization(self, status: bool) -> None:
        """Stabilise the layout before drawing (with physics on)."""
        self._set("physics.stabilization.enabled", bool(status))

    def toggle_drag_nodes(self, status: bool) -> None:
        """Whether actors can be dragged."""
        self._set("interaction.dragNodes", bool(status))

    def toggle_hide_edges_on_drag(self, status: bool) -> None:
        """Hide ties while the view is dragged."""
        self._set("interaction.hideEdgesOnDrag", bool(status))

    def toggle_hide_nodes_on_drag(self, status: bool) -> None:
        """Hide actors while the view is dragged."""
        self._set("interaction.hideNodesOnDrag", bool(status))

    def inherit_edge_colors(self, status: bool | str) -> None:
        """Draw ties in an end's colour (``"from"``, ``"to"``, ``True``) instead of their sign colour."""
        self._set("edges.color.inherit", status)

    def set_edge_smooth(self, smooth_type: str) -> None:
        """Curve the ties: ``"dynamic"``, ``"continuous"``, ``"curvedCW"``, ... (netviz draws them straight)."""
        self._set("edges.smooth", {"enabled": True, "type": smooth_type})

    def show_buttons(self, filter_: bool | list[str] | None = None) -> None:
        """Show vis-network's option editor below the map (all sections, or those in ``filter_``)."""
        self.conf = self.widget = True
        self._set("configure", {"enabled": True, "filter": filter_ if filter_ else True})

    def set_options(self, options: str | Mapping[str, Any]) -> None:
        """Merge vis-network options into the map's (vis-network's ``setOptions`` semantics).

        ``options`` is a mapping, a JSON object, or the ``var options = {...}``
        text that :meth:`show_buttons`' "generate options" button prints. The
        options given replace those of the same name; the others stay.
        """
        if isinstance(options, str):
            try:
                options = json.loads(options[options.find("{"):] if "{" in options else options)
            except json.JSONDecodeError as exc:
                raise NetvizError(f"set_options: not a JSON object ({exc.msg} at character {exc.pos})") from None
        if not isinstance(options, Mapping):
            raise NetvizError(f"set_options: expected a JSON object or a mapping, not {type(options).__name__}")
        _merge(self.options, options)

    def barnes_hut(self, gravity: float = -80000, central_gravity: float = 0.3, spring_length: float = 250,
                   spring_strength: float = 0.001, damping: float = 0.09, overlap: float = 0) -> None:
        """Physics on, with vis-network's Barnes-Hut solver (pyvis's parameters and defaults)."""
        self._solver("barnesHut", Physics.barnesHut(locals()))

    def repulsion(self, node_distance: float = 100, central_gravity: float = 0.2, spring_length: float = 200,
                  spring_strength: float = 0.05, damping: float = 0.09) -> None:
        """Physics on, with the repulsion solver (pyvis's parameters and defaults)."""
        self._solver("repulsion", Physics.Repulsion(locals()))

    def hrepulsion(self, node_distance: float = 120, central_gravity: float = 0.0, spring_length: float = 100,
                   spring_strength: float = 0.01, damping: float = 0.09) -> None:
        """Physics on, with the hierarchical repulsion solver (pyvis's parameters and defaults)."""
        self._solver("hierarchicalRepulsion", Physics.hierarchicalRepulsion(locals()))

    def force_atlas_2based(self, gravity: float = -50, central_gravity: float = 0.01, spring_length: float = 100,
                           spring_strength: float = 0.08, damping: float = 0.4, overlap: float = 0) -> None:
        """Physics on, with the ForceAtlas2-based solver (pyvis's parameters and defaults)."""
        self._solver("forceAtlas2Based", Physics.forceAtlas2Based(locals()))

    def _solver(self, name: str, settings: Any) -> None:
        # pyvis's own classes map its parameter names to vis-network's
        self._set(f"physics.{name}", dict(vars(settings)))
        self._set("physics.solver", name)
        self._set("physics.enabled", True)


def _merge(target: dict, values: Mapping[str, Any]) -> None:
    """Merge vis-network options ``values`` into ``target``, in place, object by object."""
    for key, value in values.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def show(
    graph: nx.Graph,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    title: str | None = None,
    color_by: str = "bloc",
    physics: bool = False,
    contradictions: Sequence[Any] = (),
) -> NotebookMap:
    """The map of a snapshot as a pyvis ``Network`` for Jupyter (the page :func:`~netviz.site.render.render_map` writes).

    Display it by leaving it last in a cell, or write it with
    ``net.write_html("map.html")``. ``graph`` is not modified.

    Parameters
    ----------
    graph : networkx.Graph
        The snapshot.
    positions : mapping, optional
        ``{actor: (x, y)}``. Default: :func:`netviz.graph.layout.compute_layout`
        of this graph alone; pass the layout of all snapshots
        (``compute_layout(run.snapshots.values())``) to match the site's maps.
    title, color_by, physics, contradictions
        As in :func:`netviz.site.render.render_map`.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("RUS", "SYR", weight=6.0, sign=-1)
    >>> net = show(g)
    >>> net.repulsion(node_distance=200)
    >>> net.set_edge_smooth("continuous")
    >>> options = net.options
    >>> options["physics"]["solver"], options["physics"]["repulsion"]["nodeDistance"], options["edges"]["smooth"]
    ('repulsion', 200, {'enabled': True, 'type': 'continuous'})
    """
    return NotebookMap(_network(
        graph, positions=compute_layout([graph]) if positions is None else positions, title=title,
        color_by=color_by, physics=physics, contradictions=contradictions, max_weight=None,
        max_strength=None, notebook=True,
    ))
