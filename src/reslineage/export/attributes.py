"""Shared preparation for writers: a deterministic copy of the graph and flat attribute values."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from itertools import pairwise
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
    """The graph with nodes in catalogue order and edges sorted, so that output is byte-stable.

    A graph built from a catalogue is already in that order and is returned as it is; only
    graphs whose order was lost (a transitive reduction, say) are copied in order.
    """
    key = sort_key_for(graph)
    if _in_order(graph, key):
        return graph
    copy: Graph = nx.DiGraph()
    copy.graph.update(graph.graph)
    copy.add_nodes_from((node, graph.nodes[node]) for node in sorted(graph.nodes, key=key))
    copy.add_edges_from(
        (u, v, graph.edges[u, v])
        for u, v in sorted(graph.edges, key=lambda e: (key(e[0]), key(e[1])))
    )
    return copy


def _in_order(graph: Graph, key: Callable[[str], Any]) -> bool:
    nodes = [key(node) for node in graph.nodes]
    if any(a > b for a, b in pairwise(nodes)):
        return False
    for node in graph.nodes:
        successors = [key(v) for v in graph.successors(node)]
        if any(a > b for a, b in pairwise(successors)):
            return False
    return True


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
