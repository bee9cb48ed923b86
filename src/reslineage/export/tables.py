"""Tables: CSV for spreadsheets and pandas, the neo4j-admin import pair, and a Cypher script."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..graph import Graph
from .attributes import flat_value, ordered

LINK_COLUMNS = (
    "source_id",
    "source_year",
    "target_id",
    "target_year",
    "relation",
    "note",
    "source_title",
    "target_title",
    "link_source",
)
NODE_FIELDS = ("year", "date", "title", "topics", "body", "session", "place", "summary", "sources")


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _text(value: Any) -> Any:
    return "" if value is None else flat_value(value)


def write_links_csv(graph: Graph) -> str:
    """One row per link, earlier resolution (source) to the later one building on it (target)."""
    graph = ordered(graph)
    rows = []
    for u, v, data in graph.edges(data=True):
        earlier, later = graph.nodes[u], graph.nodes[v]
        rows.append(
            (
                u,
                earlier["year"],
                v,
                later["year"],
                data["relation"],
                _text(data.get("note")),
                earlier["title"],
                later["title"],
                _text(data.get("source")),
            )
        )
    return _csv(LINK_COLUMNS, rows)


def write_nodes_csv(graph: Graph) -> str:
    """One row per resolution; lists (topics, sources) joined with '; '."""
    graph = ordered(graph)
    rows = [
        (node, *(_text(data.get(field)) for field in NODE_FIELDS))
        for node, data in graph.nodes(data=True)
    ]
    return _csv(("id", *NODE_FIELDS), rows)


NEO4J_NODE_HEADER = (
    "id:ID",
    "year:int",
    "date:date",
    "title",
    "topics:string[]",
    "body",
    "session",
    "place",
    "summary",
    "sources:string[]",
    ":LABEL",
)
NEO4J_ARRAY_DELIMITER = ";"  # neo4j-admin's default --array-delimiter


def _neo4j_array(values: Iterable[str]) -> str:
    # An element holding the delimiter would be split on import; it becomes a comma instead.
    return NEO4J_ARRAY_DELIMITER.join(v.replace(NEO4J_ARRAY_DELIMITER, ",") for v in values)


def write_neo4j(graph: Graph) -> dict[str, str]:
    """`nodes.csv` and `relationships.csv` for `neo4j-admin database import full`.

    Relationships read as the catalogue does: (later)-[:FOLLOWS]->(earlier).
    """
    graph = ordered(graph)
    nodes = []
    for node, data in graph.nodes(data=True):
        nodes.append(
            (
                node,
                data["year"],
                _text(data.get("date")),
                data["title"],
                _neo4j_array(data.get("topics", [])),
                _text(data.get("body")),
                _text(data.get("session")),
                _text(data.get("place")),
                _text(data.get("summary")),
                _neo4j_array(data.get("sources", [])),
                "Resolution",
            )
        )
    relationships = [
        (v, u, data["relation"].upper(), _text(data.get("note")), _text(data.get("source")))
        for u, v, data in graph.edges(data=True)
    ]
    return {
        "nodes.csv": _csv(NEO4J_NODE_HEADER, nodes),
        "relationships.csv": _csv(
            (":START_ID", ":END_ID", ":TYPE", "note", "source"), relationships
        ),
    }


_CYPHER_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal; other control characters as \\uXXXX."""
    out = []
    for ch in text:
        if ch in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[ch])
        elif (
            ord(ch) < 0x20
            or 0x7F <= ord(ch) < 0xA0
            or 0x202A <= ord(ch) <= 0x202E
            or 0x2066 <= ord(ch) <= 0x2069
        ):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _cypher_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(cypher_string(str(v)) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return f"date({cypher_string(value.isoformat())})"
    return cypher_string(str(value))


def write_cypher(graph: Graph) -> str:
    """A Cypher script of MERGE statements: re-running it updates rather than duplicates."""
    graph = ordered(graph)
    lines = [
        "// reslineage export: run with cypher-shell -f FILE",
        "CREATE CONSTRAINT resolution_id IF NOT EXISTS FOR (r:Resolution) REQUIRE r.id IS UNIQUE;",
    ]
    for node, data in graph.nodes(data=True):
        settings = ", ".join(f"r.{key} = {_cypher_value(value)}" for key, value in data.items())
        lines.append(f"MERGE (r:Resolution {{id: {cypher_string(node)}}}) SET {settings};")
    for u, v, data in graph.edges(data=True):
        properties = ", ".join(
            f"{key}: {cypher_string(str(value))}"
            for key, value in data.items()
            if key != "relation"
        )
        lines.append(
            f"MATCH (later:Resolution {{id: {cypher_string(v)}}}), (earlier:Resolution {{id: {cypher_string(u)}}})"
            f" MERGE (later)-[:{data['relation'].upper()} {{{properties}}}]->(earlier);"
        )
    return "\n".join(lines) + "\n"
