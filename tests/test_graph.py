"""Graph queries on small hand-made lineages, each expected result written out."""

from __future__ import annotations

import textwrap

import pytest

from reslineage.catalogue import Catalogue
from reslineage.graph import (
    ANCESTORS,
    DESCENDANTS,
    TreeNode,
    all_paths,
    ancestors_of,
    as_of,
    build_graph,
    catalogue_stats,
    connected_groups,
    descendants_of,
    leaves,
    lineage_tree,
    longest_chain,
    most_built_upon,
    roots,
    shortest_path,
    transitive_reduction,
)
from reslineage.loader import check_text
from reslineage.timeline import topic_overview, topic_timeline


def catalogue_of(text: str) -> Catalogue:
    return check_text(textwrap.dedent(text), "test.yaml").catalogue


# a ─┬─ b ─┬─ d      (a diamond: d reaches a by two routes)
#    └─ c ─┘
# x ── y             (a separate pair)
# z                  (alone)
DIAMOND = catalogue_of(
    """
    resolutions:
      - {id: a, year: 2000, title: A, topics: [water]}
      - {id: b, year: 2001, title: B, topics: [water], follows: [a]}
      - {id: c, year: 2002, title: C, topics: [land], follows: [{id: a, relation: recalls}]}
      - id: d
        year: 2003
        title: D
        topics: [Water]
        follows: [b, {id: c, relation: amends, note: "clause 2", source: "text p. 3"}]
      - {id: x, year: 1999, title: X, topics: [air]}
      - {id: y, year: 2004, title: Y, topics: [air, water], follows: [x]}
      - {id: z, year: 2010, title: Z}
    """
)


def dense(n: int) -> Catalogue:
    """Every resolution recalls every earlier one, as in much UN practice."""
    lines = ["resolutions:"]
    for i in range(n):
        follows = ", ".join(f"'R{j}'" for j in range(i))
        lines.append(f"  - {{id: R{i}, year: {1990 + i}, title: T{i}, follows: [{follows}]}}")
    return catalogue_of("\n".join(lines) + "\n")


def test_graph_has_a_node_per_resolution_and_an_edge_per_link_forward_in_time() -> None:
    graph = build_graph(DIAMOND)
    assert sorted(graph.nodes) == ["a", "b", "c", "d", "x", "y", "z"]
    assert sorted(graph.edges) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("x", "y")]
    assert graph.edges["c", "d"] == {
        "relation": "amends",
        "note": "clause 2",
        "source": "text p. 3",
    }
    assert graph.nodes["d"]["topics"] == ["water"]  # folded to the first spelling
    assert graph.nodes["d"]["year"] == 2003


def test_ancestors_and_descendants_with_depth() -> None:
    graph = build_graph(DIAMOND)
    assert ancestors_of(graph, "d") == {"b": 1, "c": 1, "a": 2}
    assert descendants_of(graph, "a") == {"b": 1, "c": 1, "d": 2}
    assert ancestors_of(graph, "d", max_depth=1) == {"b": 1, "c": 1}
    assert ancestors_of(graph, "z") == {}


def test_lineage_tree_prints_a_diamond_top_once_and_marks_the_repeat() -> None:
    tree = lineage_tree(build_graph(DIAMOND), "d", ANCESTORS)
    assert tree.root == TreeNode(
        "d",
        None,
        False,
        (
            TreeNode("c", "amends", False, (TreeNode("a", "recalls", False, ()),)),
            TreeNode("b", "follows", False, (TreeNode("a", "follows", True, ()),)),
        ),
    )
    assert tree.lines == 5


def test_lineage_tree_forward() -> None:
    tree = lineage_tree(build_graph(DIAMOND), "a", DESCENDANTS)
    assert tree.root == TreeNode(
        "a",
        None,
        False,
        (
            TreeNode("b", "follows", False, (TreeNode("d", "follows", False, ()),)),
            TreeNode("c", "recalls", False, (TreeNode("d", "amends", True, ()),)),
        ),
    )


def test_dense_lineage_grows_with_links_not_routes() -> None:
    graph = build_graph(dense(60))  # 2^58 routes from R59 back to R0
    tree = lineage_tree(graph, "R59", ANCESTORS)
    assert tree.lines == 1 + 59 * 60 // 2
    assert ancestors_of(graph, "R59") == {f"R{i}": 1 for i in range(59)}


def test_transitive_reduction_of_a_dense_lineage_is_the_chain() -> None:
    reduced = transitive_reduction(build_graph(dense(30)))
    assert sorted(reduced.edges) == sorted((f"R{i}", f"R{i + 1}") for i in range(29))
    assert reduced.nodes["R3"]["title"] == "T3"
    assert reduced.edges["R3", "R4"]["relation"] == "follows"
    tree = lineage_tree(reduced, "R29", ANCESTORS)
    assert tree.lines == 30
    assert ancestors_of(reduced, "R29")["R0"] == 29


def test_transitive_reduction_keeps_the_diamond() -> None:
    assert sorted(transitive_reduction(build_graph(DIAMOND)).edges) == sorted(
        build_graph(DIAMOND).edges
    )


def test_as_of_drops_later_resolutions() -> None:
    graph = as_of(build_graph(DIAMOND), 2002)
    assert sorted(graph.nodes) == ["a", "b", "c", "x"]
    assert descendants_of(graph, "a") == {"b": 1, "c": 1}


def test_paths() -> None:
    graph = build_graph(DIAMOND)
    assert shortest_path(graph, "a", "d") in (["a", "b", "d"], ["a", "c", "d"])
    assert shortest_path(graph, "a", "y") is None
    assert shortest_path(graph, "d", "a") is None  # links run forward only
    found = all_paths(graph, "a", "d")
    assert sorted(found.paths) == [["a", "b", "d"], ["a", "c", "d"]]
    assert not found.truncated


def test_all_paths_stop_at_the_limit() -> None:
    found = all_paths(build_graph(dense(12)), "R0", "R11", limit=10)
    assert len(found.paths) == 10
    assert found.truncated
    assert found.paths[0] == ["R0", "R11"]


def test_roots_leaves_and_most_built_upon() -> None:
    graph = build_graph(DIAMOND)
    assert roots(graph) == ["x", "a", "z"]
    assert leaves(graph) == ["d", "y", "z"]
    assert most_built_upon(graph, limit=2) == [("a", 2), ("x", 1)]


def test_longest_chain() -> None:
    assert longest_chain(build_graph(DIAMOND)) == ["a", "b", "d"]
    assert longest_chain(build_graph(dense(8))) == [f"R{i}" for i in range(8)]


def test_connected_groups_largest_first() -> None:
    assert connected_groups(build_graph(DIAMOND)) == [["a", "b", "c", "d"], ["x", "y"], ["z"]]


def test_topic_timeline_marks_links_inside_and_outside_the_topic() -> None:
    entries = topic_timeline(DIAMOND, "WATER")
    assert [(e.id, e.builds_on, e.builds_on_outside) for e in entries] == [
        ("a", (), ()),
        ("b", ("a",), ()),
        ("d", ("b",), ("c",)),
        ("y", (), ("x",)),
    ]
    assert [e.id for e in topic_timeline(DIAMOND, "water", since=2001, until=2003)] == [
        "b",
        "d",
    ]


@pytest.mark.parametrize(
    ("columns", "periods"),
    [
        (20, [(1999, 1999), (2000, 2000), (2001, 2001), (2002, 2002), (2003, 2003), (2004, 2004)]),
        (5, [(1998, 1999), (2000, 2001), (2002, 2003), (2004, 2004)]),
        (2, [(1995, 1999), (2000, 2004)]),
    ],
)
def test_overview_groups_years_to_fit(columns: int, periods: list[tuple[int, int]]) -> None:
    overview = topic_overview(DIAMOND, max_columns=columns, until=2004)
    assert overview.periods == periods
    assert overview.rows[0][0] == "water"
    assert sum(overview.rows[0][1]) == 4


def test_stats() -> None:
    stats = catalogue_stats(DIAMOND, build_graph(DIAMOND))
    assert stats["counts"] == {
        "resolutions": 7,
        "links": 5,
        "topics": 3,
        "first_year": 1999,
        "last_year": 2010,
    }
    assert stats["links_by_relation"] == [
        {"relation": "follows", "count": 3},
        {"relation": "amends", "count": 1},
        {"relation": "recalls", "count": 1},
    ]
    assert stats["per_period"][0] == {"from": 1999, "to": 1999, "count": 1}


@pytest.mark.parametrize("catalogue", [DIAMOND, dense(12)], ids=["diamond", "dense"])
def test_fast_graph_build_equals_the_public_api_build(catalogue: Catalogue) -> None:
    import networkx as nx

    from reslineage.graph import build_graph_plainly

    fast, plain = build_graph(catalogue), build_graph_plainly(catalogue)
    assert nx.utils.graphs_equal(fast, plain)
    assert list(fast.nodes) == list(plain.nodes)
    assert list(fast.edges(data=True)) == list(plain.edges(data=True))
    assert list(fast.predecessors("R11" if "R11" in fast else "d")) == list(
        plain.predecessors("R11" if "R11" in plain else "d")
    )
    fast.add_edge("new-a", "new-b", relation="follows")  # still an ordinary, mutable graph
    assert fast.has_edge("new-a", "new-b")
    assert "new-a" in fast.pred["new-b"]
