"""Shared preparation for writers: a deterministic copy of the graph and flat attribute values."""

from __future__ import annotations

import datetime
import re
from typing import Any

import networkx as nx

from ..graph import Graph, sort_key_for

LIST_SEPARATOR = "; "
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: the control characters it forbids become visible escapes (\x1b).

    Only those characters change; everything else, newlines and tabs included, is kept.
    """
    return _NOT_IN_XML.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def ordered(graph: Graph) -> Graph:
    """A copy with nodes in catalogue order and edges sorted, so that output is byte-stable."""
    copy: Graph = nx.DiGraph()
    key = sort_key_for(graph)
    copy.add_nodes_from((node, graph.nodes[node]) for node in sorted(graph.nodes, key=key))
    copy.add_edges_from(
        (u, v, graph.edges[u, v])
        for u, v in sorted(graph.edges, key=lambda e: (key(e[0]), key(e[1])))
    )
    return copy


def plain_value(value: Any) -> Any:
    """Dates as ISO text, lists kept: for formats that hold lists (JSON)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    return value


def flat_value(value: Any) -> str | int | float | bool:
    """Dates as ISO text, lists joined with '; ': for formats without lists (GraphML, GEXF, CSV)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(flat_value(v)) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def flat_attributes(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    return {key: flat_value(value) for key, value in data.items()}
