"""Graph query results as Rich renderables and plain lines: lineage trees, timelines, paths, stats.

Kept apart from `render` so that `list` and `show` never import networkx.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .catalogue import inverse_relation
from .graph import (
    ANCESTORS,
    Graph,
    LineageTree,
    Paths,
    TreeNode,
)
from .render import period_label, plain_line, printable

TITLE_WIDTH = 70
REPEAT_MARK = "(*)"


def short(text: str, width: int = TITLE_WIDTH) -> str:
    """A title cut to `width` characters with an ellipsis, for one-line labels."""
    text = printable(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _label(graph: Graph, rid: str, relation: str | None = None, *, repeat: bool = False) -> Text:
    data = graph.nodes[rid]
    label = Text(no_wrap=True, overflow="ellipsis")
    if relation:
        label.append(f"{relation} ", style="dim")
    label.append(printable(rid), style="cyan")
    label.append(f" ({data['year']})")
    if repeat:
        label.append(f" {REPEAT_MARK}", style="dim")
    else:
        label.append(f" {short(data['title'])}")
    return label


# --- lineage ---------------------------------------------------------------------------------------


def lineage_view(
    graph: Graph, rid: str, trees: dict[str, LineageTree], max_lines: int = 2000
) -> RenderableType:
    """A Rich tree: the resolution, then what it builds on and what builds on it.

    Each resolution is printed in full once; later occurrences carry `(*)`. Past `max_lines`
    the tree stops with a count of what was left out, so a huge lineage stays usable.
    """
    root = Tree(_label(graph, rid), guide_style="dim")
    budget = max_lines
    left_out = 0
    repeats = False
    for direction, lineage in trees.items():
        heading = "builds on" if direction == ANCESTORS else "built on by"
        branch = root.add(Text(heading, style="bold"))
        if not lineage.root.children:
            branch.add(Text("nothing in this catalogue", style="dim"))
        stack: list[tuple[TreeNode, Tree]] = [(c, branch) for c in reversed(lineage.root.children)]
        while stack:
            node, parent = stack.pop()
            if budget <= 0:
                left_out += 1 + _count(node)
                continue
            budget -= 1
            relation = node.relation or ""
            if direction != ANCESTORS:
                relation = inverse_relation(relation)
            repeats = repeats or node.repeat
            child = parent.add(_label(graph, node.id, relation, repeat=node.repeat))
            stack.extend((c, child) for c in reversed(node.children))
    parts: list[RenderableType] = [root]
    if repeats:
        parts.append(Text(f"{REPEAT_MARK} shown in full elsewhere in this tree", style="dim"))
    if left_out:
        parts.append(
            Text(
                f"… {left_out} more lines not shown; narrow it with --depth or --reduce,"
                " or use --json for everything",
                style="yellow",
            )
        )
    return Group(*parts)


def _count(node: TreeNode) -> int:
    total = 0
    stack = list(node.children)
    while stack:
        current = stack.pop()
        total += 1
        stack.extend(current.children)
    return total


def lineage_plain(graph: Graph, trees: dict[str, LineageTree]) -> Iterator[str]:
    """One line per resolution in the lineage: direction, depth, id, year, relation, via, title."""
    for direction, lineage in trees.items():
        heading = "builds on" if direction == ANCESTORS else "built on by"
        stack: list[tuple[TreeNode, str, int]] = [
            (c, lineage.root.id, 1) for c in reversed(lineage.root.children)
        ]
        while stack:
            node, via, depth = stack.pop()
            if node.repeat:
                continue
            relation = node.relation or ""
            if direction != ANCESTORS:
                relation = inverse_relation(relation)
            data = graph.nodes[node.id]
            yield plain_line((heading, depth, node.id, data["year"], relation, via, data["title"]))
            stack.extend((c, node.id, depth + 1) for c in reversed(node.children))


# --- paths -----------------------------------------------------------------------------------------


def path_view(graph: Graph, path: Sequence[str]) -> RenderableType:
    """A chain from the earlier resolution down to the later one, each step with its relation."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    for i, rid in enumerate(path):
        if i:
            relation = graph.edges[path[i - 1], rid].get("relation", "follows")
            grid.add_row(Text(f"  │ {inverse_relation(relation)}", style="dim"))
            grid.add_row(Text("  ▼", style="dim"))
        grid.add_row(_label(graph, rid))
    caption = Text(f"{len(path) - 1} link{'s' if len(path) != 2 else ''}", style="dim")
    return Group(grid, caption)


def path_plain(graph: Graph, path: Sequence[str]) -> Iterator[str]:
    """step, id, year, relation to the previous step, title."""
    for i, rid in enumerate(path):
        relation = graph.edges[path[i - 1], rid].get("relation", "follows") if i else ""
        data = graph.nodes[rid]
        yield plain_line((i, rid, data["year"], relation, data["title"]))


def paths_view(found: Paths) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("links", justify="right")
    table.add_column("path")
    for i, path in enumerate(found.paths, 1):
        table.add_row(str(i), str(len(path) - 1), Text(" → ".join(printable(r) for r in path)))
    parts: list[RenderableType] = [table]
    if found.truncated:
        parts.append(
            Text(f"Stopped after {len(found.paths)} paths; there are more.", style="yellow")
        )
    return Group(*parts)


def paths_plain(found: Paths) -> Iterator[str]:
    for path in found.paths:
        yield plain_line(path)


# --- stats -----------------------------------------------------------------------------------------


def _id_list(ids: Sequence[str], limit: int = 12) -> Text:
    shown = ", ".join(printable(i) for i in ids[:limit])
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return Text(shown + more if ids else "none")


def stats_view(stats: dict[str, Any]) -> RenderableType:
    """Counts, a bar chart of resolutions over time, and the shape of the lineage."""
    counts = stats["counts"]
    span = (
        f"{counts['first_year']}–{counts['last_year']}" if counts["first_year"] is not None else "—"
    )
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("resolutions", str(counts["resolutions"]))
    summary.add_row("links", str(counts["links"]))
    summary.add_row("topics", str(counts["topics"]))
    summary.add_row("years", span)
    chart = Table(
        box=None,
        show_header=False,
        pad_edge=False,
        title="Resolutions over time",
        title_justify="left",
    )
    chart.add_column(justify="right", no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right")
    peak = max((p["count"] for p in stats["per_period"]), default=0)
    for period in stats["per_period"]:
        bar = "█" * round(40 * period["count"] / peak) if peak else ""
        chart.add_row(
            period_label(period["from"], period["to"]),
            Text(bar, style="magenta"),
            str(period["count"]),
        )
    shape = Table.grid(padding=(0, 2))
    shape.add_column(style="bold", no_wrap=True)
    shape.add_column()
    shape.add_row("roots", _id_list(stats["roots"]))
    shape.add_row("leaves", _id_list(stats["leaves"]))
    built = ", ".join(f"{printable(i['id'])} ({i['followers']})" for i in stats["most_built_upon"])
    shape.add_row("most built upon", Text(built or "none"))
    chain = stats["longest_chain"]
    shape.add_row(
        "longest chain",
        Text(
            f"{len(chain) - 1} links: " + " → ".join(printable(i) for i in chain)
            if len(chain) > 1
            else "no links"
        ),
    )
    relations = ", ".join(f"{r['relation']} {r['count']}" for r in stats["links_by_relation"])
    shape.add_row("links by relation", Text(relations or "none"))
    groups = stats["groups"]
    sizes = ", ".join(str(len(g)) for g in groups[:12]) + (" …" if len(groups) > 12 else "")
    shape.add_row("connected groups", Text(f"{len(groups)} (sizes {sizes})" if groups else "none"))
    return Group(summary, Text(""), chart, Text(""), shape)


def stats_plain(stats: dict[str, Any]) -> Iterator[str]:
    """`key<TAB>value…` lines, complete (every root, leaf and group)."""
    counts = stats["counts"]
    for key in ("resolutions", "links", "topics", "first_year", "last_year"):
        yield plain_line((key, "" if counts[key] is None else counts[key]))
    for period in stats["per_period"]:
        yield plain_line(
            ("per_period", period_label(period["from"], period["to"]), period["count"])
        )
    for rid in stats["roots"]:
        yield plain_line(("root", rid))
    for rid in stats["leaves"]:
        yield plain_line(("leaf", rid))
    for item in stats["most_built_upon"]:
        yield plain_line(("most_built_upon", item["id"], item["followers"]))
    yield plain_line(("longest_chain", *stats["longest_chain"]))
    for item in stats["links_by_relation"]:
        yield plain_line(("relation", item["relation"], item["count"]))
    for i, group in enumerate(stats["groups"], 1):
        yield plain_line(("group", i, len(group), *group))
