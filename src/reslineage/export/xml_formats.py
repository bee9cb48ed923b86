"""GraphML and GEXF through NetworkX's writers, with list fields joined and the output stable."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..graph import Graph
from .attributes import flat_attributes, ordered, xml_safe


def _xml_attributes(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: xml_safe(value) if isinstance(value, str) else value
        for key, value in flat_attributes(data).items()
    }


def _flat_copy(graph: Graph) -> Graph:
    """Lists joined, dates as text, and characters XML cannot hold made visible."""
    flat: Graph = nx.DiGraph()
    graph = ordered(graph)
    for node, data in graph.nodes(data=True):
        flat.add_node(xml_safe(node), label=xml_safe(node), **_xml_attributes(data))
    for u, v, data in graph.edges(data=True):
        flat.add_edge(xml_safe(u), xml_safe(v), **_xml_attributes(data))
    return flat


def write_graphml(graph: Graph) -> str:
    """GraphML for Gephi, Cytoscape and yEd: every field present, lists joined with '; '."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(_flat_copy(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def write_gexf(graph: Graph) -> str:
    """GEXF for Gephi, each node's `start` its date (or 1 January of its year) for the timeline."""
    flat = _flat_copy(graph)
    for _, data in flat.nodes(data=True):
        data["start"] = str(data.get("date") or f"{data['year']:04d}-01-01")
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:  # NetworkX stamps today's date here, which would make exports differ daily
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "reslineage"
    writer.add_graph(flat)
    body = str(writer).rstrip("\n")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'
