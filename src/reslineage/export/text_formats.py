"""Graphviz DOT and Mermaid, written by hand so that any id or title is quoted safely."""

from __future__ import annotations

from itertools import pairwise

from ..graph import Graph
from ..render import printable
from .attributes import ordered


def dot_quote(text: str) -> str:
    """A DOT double-quoted string: keywords, `:`, quotes and backslashes are all safe inside."""
    shown = printable(text, keep_newlines=True)
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(graph: Graph) -> str:
    """Graphviz: one rank per year (kept in order by invisible edges), id and year as the label,
    the title as tooltip, the relation on each edge."""
    graph = ordered(graph)
    lines = [
        "digraph lineage {",
        '  graph [rankdir=TB, newrank=true, charset="UTF-8"];',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    by_year: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_year.setdefault(data["year"], []).append(node)
        label = f"{node}\n{data.get('date') or data['year']}"
        lines.append(
            f"  {dot_quote(node)} [label={dot_quote(label)}, tooltip={dot_quote(data['title'])}];"
        )
    for year, nodes in by_year.items():
        members = " ".join(f"{dot_quote(n)};" for n in nodes)
        lines.append(f"  {{ rank=same; {members} }}  // {year}")
    for u, v, data in graph.edges(data=True):
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [label={dot_quote(data['relation'])}];")
    for earlier, later in pairwise(by_year.values()):
        lines.append(f"  {dot_quote(earlier[0])} -> {dot_quote(later[0])} [style=invis];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}


def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: entities for characters Mermaid or HTML would read."""
    shown = printable(text, keep_newlines=True)
    escaped = "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in shown)
    return escaped.replace("\n", "<br/>")


def write_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart safe by construction: generated node ids (r0, r1, …), the real id,
    year and title in quoted labels, so no id can be a reserved word such as `end`."""
    graph = ordered(graph)
    short_id = {node: f"r{i}" for i, node in enumerate(graph.nodes)}
    lines = ["flowchart TB"]
    for node, data in graph.nodes(data=True):
        when = data.get("date") or data["year"]
        label = f"<b>{mermaid_text(node)}</b> ({when})<br/>{mermaid_text(data['title'])}"
        lines.append(f'  {short_id[node]}["{label}"]')
    for u, v, data in graph.edges(data=True):
        lines.append(f'  {short_id[u]} -->|"{mermaid_text(data["relation"])}"| {short_id[v]}')
    return "\n".join(lines) + "\n"
