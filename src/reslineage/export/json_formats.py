"""JSON for scripts: NetworkX node-link data, and Cytoscape's elements JSON."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ..graph import Graph
from .attributes import ordered, plain_value

LINK_SOURCE = "link_source"  # JSON graph formats use `source` for an edge's end


def _link_attributes(data: dict[str, Any]) -> dict[str, Any]:
    return {
        (LINK_SOURCE if key == "source" else key): plain_value(value) for key, value in data.items()
    }


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_node_link(graph: Graph) -> str:
    """Node-link JSON with full records (lists kept, dates ISO); `nx.node_link_graph` reads it.

    A link's own `source` (where it is stated) is written as `link_source`."""
    graph = ordered(graph)
    renamed: Graph = nx.DiGraph()
    renamed.add_nodes_from(
        (node, {key: plain_value(value) for key, value in data.items()})
        for node, data in graph.nodes(data=True)
    )
    renamed.add_edges_from((u, v, _link_attributes(data)) for u, v, data in graph.edges(data=True))
    return _dumps(nx.node_link_data(renamed, edges="links"))


def write_cytoscape(graph: Graph) -> str:
    """Cytoscape.js / Cytoscape desktop JSON: `{"elements": {"nodes": [...], "edges": [...]}}`."""
    graph = ordered(graph)
    nodes: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        record = {"id": node, "label": node}
        record.update({key: plain_value(value) for key, value in data.items()})
        nodes.append({"data": record})
    edges: list[dict[str, Any]] = []
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        record = {"id": f"e{i}", "source": u, "target": v}
        record.update(_link_attributes(data))
        edges.append({"data": record})
    return _dumps({"data": {"name": "reslineage"}, "elements": {"nodes": nodes, "edges": edges}})
