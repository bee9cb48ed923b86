"""JSON for scripts: NetworkX node-link data, and Cytoscape's elements JSON."""

from __future__ import annotations

import json
from typing import Any

from ..graph import Graph
from .attributes import ordered, plain_value

LINK_SOURCE = "link_source"  # JSON graph formats use `source` for an edge's end


def _link_attributes(data: dict[str, Any]) -> dict[str, Any]:
    return {
        (LINK_SOURCE if key == "source" else key): plain_value(value) for key, value in data.items()
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _record(value: object) -> str:
    return _ENCODER.encode(value)


def _dumps(data: dict[str, Any]) -> str:
    """JSON with one line per node and per link: as diffable as fully indented JSON, and
    written by the C encoder (indenting every level takes the pure-Python one, 3× slower)."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {_record(key)}: [")
            lines.extend(f"    {_record(item)}," for item in value[:-1])
            lines.append(f"    {_record(value[-1])}")
            lines.append(f"  ]{comma}")
        elif isinstance(value, dict) and any(isinstance(v, list) for v in value.values()):
            body = _dumps(value).rstrip("\n").replace("\n", "\n  ")
            lines.append(f"  {_record(key)}: {body}{comma}")
        else:
            lines.append(f"  {_record(key)}: {_record(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_node_link(graph: Graph) -> str:
    """Node-link JSON with full records (lists kept, dates ISO); `nx.node_link_graph` reads it.

    A link's own `source` (where it is stated) is written as `link_source`."""
    graph = ordered(graph)
    nodes = [
        {"id": node, **{key: plain_value(value) for key, value in data.items()}}
        for node, data in graph.nodes(data=True)
    ]
    links = [
        {"source": u, "target": v, **_link_attributes(data)}
        for u, v, data in graph.edges(data=True)
    ]
    return _dumps(
        {"directed": True, "multigraph": False, "graph": {}, "nodes": nodes, "links": links}
    )


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
