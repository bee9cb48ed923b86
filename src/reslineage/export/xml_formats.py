"""GraphML and GEXF through NetworkX's writers, with list fields joined and the output stable."""

from __future__ import annotations

import io

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..graph import Graph
from .attributes import flat_attributes, ordered


def _flat_copy(graph: Graph) -> Graph:
    flat: Graph = nx.DiGraph()
    for node, data in ordered(graph).nodes(data=True):
        flat.add_node(node, label=node, **flat_attributes(data))
    for u, v, data in ordered(graph).edges(data=True):
        flat.add_edge(u, v, **flat_attributes(data))
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
