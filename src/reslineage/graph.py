"""The lineage graph and its queries: pure functions that return data, never text.

Edges run forward in time, from the earlier resolution to the later one that builds on it, so
ancestors are predecessors and descendants are successors.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeAlias

import networkx as nx

from .catalogue import Catalogue, Link, Resolution, fold_topic, natural_key
from .serialize import resolution_fields

Graph: TypeAlias = "nx.DiGraph[str]"
ANCESTORS, DESCENDANTS = "ancestors", "descendants"


def node_attributes(resolution: Resolution) -> dict[str, Any]:
    """A resolution's fields as node attributes: only the fields it has, lists as lists."""
    return resolution_fields(resolution)


RANK = "rank"  # graph attribute: each id's position in the catalogue's order


def build_graph(catalogue: Catalogue) -> Graph:
    """One node per resolution with its fields, one edge per link (earlier → later).

    The graph also keeps each id's place in the catalogue's order (`graph.graph["rank"]`), so
    that sorting nodes costs a dictionary look-up rather than a key computed from the fields.

    The adjacency dictionaries are filled directly, the layout every NetworkX 2 and 3 release
    uses (`_node`, `_succ` = `_adj`, `_pred`): it halves the time of `add_edges_from` on a
    100,000-resolution catalogue, and a test holds it equal to a graph built through the
    public API.
    """
    nodes = {r.id: node_attributes(r) for r in catalogue.resolutions}
    successors: dict[str, dict[str, dict[str, Any]]] = {rid: {} for rid in nodes}
    predecessors: dict[str, dict[str, dict[str, Any]]] = {rid: {} for rid in nodes}
    for resolution in catalogue.resolutions:
        earlier = predecessors[resolution.id]
        for link in resolution.follows:
            attributes = link_attributes(link)
            successors[link.target][resolution.id] = attributes
            earlier[link.target] = attributes
    graph: Graph = nx.DiGraph()
    graph._node = nodes  # type: ignore[attr-defined]
    graph._succ = graph._adj = successors  # type: ignore[attr-defined]
    graph._pred = predecessors  # type: ignore[attr-defined]
    graph.graph[RANK] = {r.id: i for i, r in enumerate(catalogue.resolutions)}
    return graph


def build_graph_plainly(catalogue: Catalogue) -> Graph:
    """The same graph through NetworkX's public API: the reference `build_graph` is held to."""
    graph: Graph = nx.DiGraph()
    graph.add_nodes_from((r.id, node_attributes(r)) for r in catalogue.resolutions)
    graph.add_edges_from(
        (link.target, r.id, link_attributes(link))
        for r in catalogue.resolutions
        for link in r.follows
    )
    graph.graph[RANK] = {r.id: i for i, r in enumerate(catalogue.resolutions)}
    return graph


def link_attributes(link: Link) -> dict[str, Any]:
    attributes: dict[str, Any] = {"relation": link.relation}
    if link.note is not None:
        attributes["note"] = link.note
    if link.source is not None:
        attributes["source"] = link.source
    return attributes


def order_key(graph: Graph, rid: str) -> tuple[int, str, tuple[tuple[int, str], ...], str]:
    """The catalogue's order (year, date, natural id) for a node of the graph."""
    data = graph.nodes[rid]
    date = data.get("date")
    return (data["year"], date.isoformat() if date else "", natural_key(rid), rid)


def sort_key_for(graph: Graph) -> Callable[[str], Any]:
    """A sort key putting ids in the catalogue's order: the stored rank, else the fields."""
    rank = graph.graph.get(RANK)
    if rank is not None:
        return rank.__getitem__  # type: ignore[no-any-return]
    return lambda rid: order_key(graph, rid)


def in_order(graph: Graph, ids: Iterable[str]) -> list[str]:
    """Ids sorted in the catalogue's order."""
    return sorted(ids, key=sort_key_for(graph))


# --- subgraphs ------------------------------------------------------------------------------------


def as_of(graph: Graph, year: int) -> Graph:
    """The lineage as it stood in `year`: only resolutions adopted in or before it."""
    return graph.subgraph(n for n, data in graph.nodes(data=True) if data["year"] <= year).copy()


def transitive_reduction(graph: Graph) -> Graph:
    """Only the links not implied by others, with every node and edge attribute kept."""
    reduced: Graph = nx.transitive_reduction(graph)
    reduced.graph.update(graph.graph)
    reduced.add_nodes_from(graph.nodes(data=True))
    reduced.add_edges_from((u, v, graph.edges[u, v]) for u, v in reduced.edges)
    return reduced


# --- ancestors and descendants ---------------------------------------------------------------------


def _neighbours(graph: Graph, direction: str) -> Callable[[str], Iterator[str]]:
    return graph.predecessors if direction == ANCESTORS else graph.successors


def reachable_with_depth(
    graph: Graph, rid: str, direction: str, max_depth: int | None = None
) -> dict[str, int]:
    """Every resolution reached from `rid` in one direction, with its fewest links away."""
    step = _neighbours(graph, direction)
    depth = {rid: 0}
    queue = deque([rid])
    while queue:
        current = queue.popleft()
        if max_depth is not None and depth[current] >= max_depth:
            continue
        for other in step(current):
            if other not in depth:
                depth[other] = depth[current] + 1
                queue.append(other)
    del depth[rid]
    return depth


def ancestors_of(graph: Graph, rid: str, max_depth: int | None = None) -> dict[str, int]:
    """What `rid` builds on, directly or through others, with depth (1 = directly)."""
    return reachable_with_depth(graph, rid, ANCESTORS, max_depth)


def descendants_of(graph: Graph, rid: str, max_depth: int | None = None) -> dict[str, int]:
    """What builds on `rid`, directly or through others, with depth (1 = directly)."""
    return reachable_with_depth(graph, rid, DESCENDANTS, max_depth)


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One line of a lineage tree: a resolution, the relation on the link to its parent, and
    whether it was already printed in full elsewhere (a repeat, shown as `(*)`)."""

    id: str
    relation: str | None
    repeat: bool = False
    children: tuple[TreeNode, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class LineageTree:
    """A lineage tree and its number of lines (resolutions in full plus repeats)."""

    root: TreeNode
    lines: int


def lineage_tree(
    graph: Graph, rid: str, direction: str, max_depth: int | None = None
) -> LineageTree:
    """The lineage of `rid` in one direction as a tree where each resolution is expanded once.

    Later occurrences are repeats without children, so the tree has one line per link reached,
    never one per route: an all-to-all lineage of n resolutions gives n(n-1)/2 lines, not 2ⁿ.
    Each resolution is expanded where it is fewest links away (breadth-first); ancestors are
    listed newest first, descendants oldest first.
    """
    step = _neighbours(graph, direction)
    newest_first = direction == ANCESTORS

    def relation(parent: str, child: str) -> str:
        edge = graph.edges[child, parent] if direction == ANCESTORS else graph.edges[parent, child]
        return str(edge.get("relation", "follows"))

    expanded_under: dict[str, str | None] = {rid: None}
    depth = {rid: 0}
    children_of: dict[str, list[str]] = {}
    breadth_first = [rid]
    queue = deque([rid])
    while queue:
        node = queue.popleft()
        if max_depth is not None and depth[node] >= max_depth:
            continue
        ordered = in_order(graph, step(node))
        children_of[node] = ordered[::-1] if newest_first else ordered
        for child in children_of[node]:
            if child not in expanded_under:
                expanded_under[child] = node
                depth[child] = depth[node] + 1
                breadth_first.append(child)
                queue.append(child)

    # Assemble bottom-up (children come later than their parent breadth-first), so that a
    # lineage many generations deep never recurses.
    built: dict[str, TreeNode] = {}
    for node in reversed(breadth_first):
        children = tuple(
            built.pop(child)
            if expanded_under.get(child) == node
            else TreeNode(child, relation(node, child), repeat=True)
            for child in children_of.get(node, ())
        )
        via = expanded_under[node]
        built[node] = TreeNode(
            node, relation(via, node) if via is not None else None, False, children
        )
    lines = 1 + sum(len(children) for children in children_of.values())
    return LineageTree(built[rid], lines)


def links_among(graph: Graph, ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(earlier, later, relation) for every link between the given resolutions, in order."""
    chosen = set(ids)
    links = [
        (u, v, str(data.get("relation", "follows")))
        for u, v, data in graph.subgraph(chosen).edges(data=True)
    ]
    key = sort_key_for(graph)
    return sorted(links, key=lambda e: (key(e[1]), key(e[0])))


# --- paths -----------------------------------------------------------------------------------------


def shortest_path(graph: Graph, source: str, target: str) -> list[str] | None:
    """The fewest links from `source` forward to `target`, or None when there is no such chain."""
    try:
        path: list[str] = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None
    return path


@dataclass(frozen=True, slots=True)
class Paths:
    """Simple paths between two resolutions, at most `limit` of them, and whether more exist."""

    paths: list[list[str]]
    truncated: bool


def all_paths(graph: Graph, source: str, target: str, limit: int = 100) -> Paths:
    """Every simple path from `source` to `target`, shortest first, stopping after `limit`."""
    found: list[list[str]] = []
    for path in nx.shortest_simple_paths(graph, source, target):
        if len(found) == limit:
            return Paths(found, truncated=True)
        found.append(list(path))
    return Paths(found, truncated=False)


def path_links(graph: Graph, path: list[str]) -> list[tuple[str, str, str]]:
    """The (earlier, later, relation) steps along a path."""
    return [(u, v, str(graph.edges[u, v].get("relation", "follows"))) for u, v in pairwise(path)]


# --- the whole graph -------------------------------------------------------------------------------


def roots(graph: Graph) -> list[str]:
    """Resolutions that build on nothing in the catalogue."""
    return in_order(graph, (n for n, d in graph.in_degree() if d == 0))


def leaves(graph: Graph) -> list[str]:
    """Resolutions that nothing in the catalogue builds on."""
    return in_order(graph, (n for n, d in graph.out_degree() if d == 0))


def most_built_upon(graph: Graph, limit: int = 5) -> list[tuple[str, int]]:
    """The resolutions with the most later ones building directly on them."""
    ranked = sorted(
        ((n, d) for n, d in graph.out_degree() if d > 0),
        key=lambda item: (-item[1], sort_key_for(graph)(item[0])),
    )
    return ranked[:limit]


def longest_chain(graph: Graph) -> list[str]:
    """The longest chain of links, earliest first (ties broken by the catalogue's order)."""
    if graph.number_of_nodes() == 0:
        return []
    order = list(nx.lexicographical_topological_sort(graph, key=sort_key_for(graph)))
    position = {node: i for i, node in enumerate(order)}
    best: dict[str, tuple[int, str | None]] = {}
    for node in order:
        preds = [(best[p][0] + 1, p) for p in graph.predecessors(node)]
        best[node] = max(preds, key=lambda item: (item[0], -position[item[1]]), default=(0, None))
    end = max(order, key=lambda n: (best[n][0], -position[n]))
    chain = [end]
    while (previous := best[chain[-1]][1]) is not None:
        chain.append(previous)
    return chain[::-1]


def connected_groups(graph: Graph) -> list[list[str]]:
    """Groups of resolutions linked to each other in any direction, largest first."""
    groups = [in_order(graph, group) for group in nx.weakly_connected_components(graph)]
    key = sort_key_for(graph)
    return sorted(groups, key=lambda g: (-len(g), key(g[0])))


def relation_counts(graph: Graph) -> list[tuple[str, int]]:
    counter = Counter(str(d.get("relation", "follows")) for _, _, d in graph.edges(data=True))
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def per_period(catalogue: Catalogue, max_rows: int = 30) -> list[tuple[int, int, int]]:
    """(first year, last year, resolutions) per year, or per decade when there are too many years."""
    span = catalogue.year_span
    if span is None:
        return []
    counts = Counter(r.year for r in catalogue.resolutions)
    width = 1 if span[1] - span[0] < max_rows else 10
    start = span[0] - span[0] % width
    return [
        (lo, lo + width - 1, sum(counts[y] for y in range(lo, lo + width)))
        for lo in range(start, span[1] + 1, width)
    ]


def catalogue_stats(catalogue: Catalogue, graph: Graph) -> dict[str, Any]:
    """Everything `stats` shows, as JSON-ready data."""
    span = catalogue.year_span
    topics = {t for r in catalogue.resolutions for t in r.topics}
    return {
        "counts": {
            "resolutions": graph.number_of_nodes(),
            "links": graph.number_of_edges(),
            "topics": len(topics),
            "first_year": span[0] if span else None,
            "last_year": span[1] if span else None,
        },
        "per_period": [
            {"from": lo, "to": hi, "count": count} for lo, hi, count in per_period(catalogue)
        ],
        "roots": roots(graph),
        "leaves": leaves(graph),
        "most_built_upon": [
            {"id": rid, "followers": count} for rid, count in most_built_upon(graph)
        ],
        "longest_chain": longest_chain(graph),
        "links_by_relation": [
            {"relation": relation, "count": count} for relation, count in relation_counts(graph)
        ],
        "groups": connected_groups(graph),
    }


def select_subgraph(
    graph: Graph,
    *,
    topics: Iterable[str] = (),
    since: int | None = None,
    until: int | None = None,
    around: str | None = None,
    depth: int | None = None,
) -> Graph:
    """The part of the graph an export asks for: any of `topics`, a year range, and the lineage
    around one resolution up to `depth` links away in either direction; all filters combine."""
    wanted = {fold_topic(t) for t in topics}
    if not wanted and since is None and until is None and around is None:
        return graph  # nothing to filter: copying a large graph would only cost time
    chosen = set(graph.nodes)
    if around is not None:
        chosen = (
            {around}
            | set(ancestors_of(graph, around, depth))
            | set(descendants_of(graph, around, depth))
        )
    chosen = {
        n
        for n in chosen
        if (since is None or graph.nodes[n]["year"] >= since)
        and (until is None or graph.nodes[n]["year"] <= until)
        and (not wanted or wanted.intersection(map(fold_topic, graph.nodes[n]["topics"])))
    }
    return graph.subgraph(chosen).copy()


def lineage_data(
    graph: Graph, rid: str, directions: Iterable[str], max_depth: int | None = None
) -> dict[str, Any]:
    """The `lineage --json` record: ancestors and descendants with depth, and the links among
    all of them and `rid`."""
    reached = {d: reachable_with_depth(graph, rid, d, max_depth) for d in directions}

    def described(found: dict[str, int]) -> list[dict[str, Any]]:
        ids = sorted(found, key=lambda i: (found[i], sort_key_for(graph)(i)))
        return [
            {
                "id": i,
                "year": graph.nodes[i]["year"],
                "title": graph.nodes[i]["title"],
                "depth": found[i],
            }
            for i in ids
        ]

    members = {rid}.union(*reached.values())
    return {
        "id": rid,
        "ancestors": described(reached.get(ANCESTORS, {})),
        "descendants": described(reached.get(DESCENDANTS, {})),
        "links": [
            {"source": u, "target": v, "relation": r} for u, v, r in links_among(graph, members)
        ],
    }
