"""Export formats: a registry from format names to writers, each writer one function elsewhere.

A writer takes the lineage graph and returns text (or, for a directory format, a mapping of
file names to text). Writers are imported only when used, so `--help` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from ..graph import Graph


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: its name, file extensions, target tools, and where its writer lives."""

    name: str
    extensions: tuple[str, ...]
    target: str
    writer: str  # "module:function" inside this package
    directory: bool = False  # writes several files into a directory (-o DIR)

    def write(self, graph: Graph) -> str | dict[str, str]:
        module_name, _, function = self.writer.partition(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        writer = cast(Callable[["Graph"], "str | dict[str, str]"], getattr(module, function))
        return writer(graph)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("graphml", (".graphml",), "Gephi, Cytoscape, yEd", "xml_formats:write_graphml"),
        Format("gexf", (".gexf",), "Gephi (with a timeline)", "xml_formats:write_gexf"),
        Format(
            "json", (".json",), "NetworkX node-link JSON, scripts", "json_formats:write_node_link"
        ),
        Format(
            "cytoscape", (".cyjs",), "Cytoscape and Cytoscape.js", "json_formats:write_cytoscape"
        ),
        Format("dot", (".dot", ".gv"), "Graphviz", "text_formats:write_dot"),
        Format(
            "mermaid", (".mmd", ".mermaid"), "Mermaid, GitHub pages", "text_formats:write_mermaid"
        ),
        Format(
            "csv", (".csv",), "spreadsheets, pandas (one row per link)", "tables:write_links_csv"
        ),
        Format(
            "csv-nodes",
            (),
            "spreadsheets, pandas (one row per resolution)",
            "tables:write_nodes_csv",
        ),
        Format(
            "neo4j",
            (),
            "neo4j-admin database import (-o DIR)",
            "tables:write_neo4j",
            directory=True,
        ),
        Format("cypher", (".cypher", ".cql"), "Neo4j Cypher script", "tables:write_cypher"),
        Format("svg", (".svg",), "browsers, reports, slides (a picture)", "svg:write_svg"),
    )
}


def format_for_path(path: Path) -> Format | None:
    """The format a file name implies by its extension, if any."""
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None


def format_list() -> str:
    """The formats for an error or help message: 'graphml (.graphml), gexf (.gexf), …'."""
    return ", ".join(
        f"{f.name} ({', '.join(f.extensions)})" if f.extensions else f.name
        for f in FORMATS.values()
    )
