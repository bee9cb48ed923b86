"""Property-based tests: random valid catalogues work everywhere; random damage is always reported.

The CI profile keeps these short; `HYPOTHESIS_PROFILE=thorough pytest tests/test_properties.py`
runs a thousand examples of each.
"""

from __future__ import annotations

import json
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reslineage.export.attributes import flat_value, plain_value, xml_safe
from reslineage.graph import ancestors_of, build_graph, descendants_of, shortest_path
from reslineage.loader import CatalogueError, check_text, load_catalogue

# Any character a YAML string can hold in an id: no surrogates, no control characters.
ID_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=10)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=25)
RELATIONS = st.sampled_from(
    ["follows", "recalls", "reaffirms", "extends", "amends", "supersedes", "repeals"]
)


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    """A valid catalogue as plain data: unique ids, links only to earlier years."""
    raw_ids = draw(
        st.lists(ID_TEXT.map(str.strip).filter(bool), min_size=1, max_size=8, unique=True)
    )
    years = sorted(
        draw(st.lists(st.integers(1945, 2030), min_size=len(raw_ids), max_size=len(raw_ids)))
    )
    topics = draw(st.lists(ANY_TEXT.filter(lambda t: t.strip()), max_size=4))
    resolutions = []
    for i, (rid, year) in enumerate(zip(raw_ids, years, strict=True)):
        earlier = [j for j in range(i) if years[j] < year]
        targets = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
        entry: dict[str, Any] = {
            "id": int(rid) if rid.isascii() and rid.isdigit() and str(int(rid)) == rid else rid,
            "year": year,
            "title": draw(ANY_TEXT.filter(lambda t: t.strip())),
        }
        if topics:
            entry["topics"] = draw(st.lists(st.sampled_from(topics), unique=True, max_size=2))
        if targets:
            entry["follows"] = [
                {"id": raw_ids[j], "relation": draw(RELATIONS), "note": draw(ANY_TEXT)}
                if draw(st.booleans())
                else raw_ids[j]
                for j in targets
            ]
        if draw(st.booleans()):
            entry["summary"] = draw(ANY_TEXT.filter(lambda t: t.strip()))
        resolutions.append(entry)
    return {"resolutions": draw(st.permutations(resolutions))}


class _QuotingDumper(yaml.SafeDumper):
    """Double-quotes every string, the one YAML style that escapes line breaks such as U+0085
    (plain and single-quoted styles fold them, so PyYAML's own output would not round-trip)."""


_QuotingDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )


def write(text: str) -> Path:
    """A temporary file (Hypothesis examples cannot share pytest's function-scoped tmp_path)."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    return Path(handle.name)


@given(catalogues())
def test_valid_catalogues_are_accepted_as_written(data: dict[str, Any]) -> None:
    catalogue = check_text(dump(data), "random.yaml").catalogue
    assert len(catalogue) == len(data["resolutions"])
    for entry in data["resolutions"]:
        resolution = catalogue.get(str(entry["id"]))
        assert resolution.year == entry["year"]
        assert resolution.title == entry["title"].strip()
        assert len(resolution.follows) == len(entry.get("follows", []))


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_every_command_succeeds_on_a_valid_catalogue(data: dict[str, Any]) -> None:
    path = write(dump(data))
    try:
        first = load_catalogue(path).resolutions[0].id
        commands = [
            ["list"],
            ["list", "--json"],
            ["show", first],
            ["topics"],
            ["timeline"],
            ["lineage", first],
            ["lineage", first, "--reduce", "--json"],
            ["stats"],
            ["validate"],
        ] + [
            ["export", "-f", fmt]
            for fmt in ("graphml", "gexf", "json", "cytoscape", "dot", "mermaid", "csv", "cypher")
        ]
        for command in commands:
            for env in ({}, {"TTY_COMPATIBLE": "1", "COLUMNS": "80"}):
                result = run_cli("-c", str(path), *command, env=env)
                assert result.exit_code == 0, (command, result.stderr)
    finally:
        path.unlink()


@settings(max_examples=25)
@given(catalogues())
def test_exports_round_trip(data: dict[str, Any]) -> None:
    path = write(dump(data))
    try:
        graph = build_graph(load_catalogue(path))

        def export(fmt: str) -> str:
            return run_cli("-c", str(path), "export", "-f", fmt).stdout

        for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
            exported = write(export(fmt))
            try:
                back = read(exported)
            finally:
                exported.unlink()
            assert set(back.nodes) == {xml_safe(n) for n in graph.nodes}
            assert set(back.edges) == {(xml_safe(u), xml_safe(v)) for u, v in graph.edges}
            for node, attributes in graph.nodes(data=True):
                for key, value in attributes.items():
                    expected = flat_value(value)
                    got = back.nodes[xml_safe(node)][key]
                    assert got == (xml_safe(expected) if isinstance(expected, str) else expected)
        linked = nx.node_link_graph(json.loads(export("json")), edges="links")
        assert set(linked.edges) == set(graph.edges)
        for node, attributes in graph.nodes(data=True):
            assert linked.nodes[node] == {k: plain_value(v) for k, v in attributes.items()}
    finally:
        path.unlink()


@given(catalogues())
def test_ancestors_and_descendants_mirror_each_other(data: dict[str, Any]) -> None:
    graph = build_graph(check_text(dump(data), "random.yaml").catalogue)
    for x in graph.nodes:
        for y in graph.nodes:
            assert (y in ancestors_of(graph, x)) == (x in descendants_of(graph, y))


@given(catalogues())
def test_path_steps_are_real_links_forward_in_time(data: dict[str, Any]) -> None:
    graph = build_graph(check_text(dump(data), "random.yaml").catalogue)
    for source in graph.nodes:
        for target in descendants_of(graph, source):
            path = shortest_path(graph, source, target)
            assert path is not None
            assert path[0] == source
            assert path[-1] == target
            for earlier, later in pairwise(path):
                assert graph.has_edge(earlier, later)
                assert graph.nodes[earlier]["year"] < graph.nodes[later]["year"]


MUTATIONS = [
    "drop_title",
    "drop_year",
    "year_as_text",
    "year_as_list",
    "link_forward",
    "link_unknown",
    "duplicate_key",
]


@given(catalogues(), st.sampled_from(MUTATIONS), st.data())
def test_damaged_catalogues_are_reported_with_a_line(
    data: dict[str, Any], mutation: str, draw: st.DataObject
) -> None:
    entries = data["resolutions"]
    victim = draw.draw(st.sampled_from(entries))
    text: str | None = None
    if mutation == "drop_title":
        del victim["title"]
    elif mutation == "drop_year":
        del victim["year"]
    elif mutation == "year_as_text":
        victim["year"] = "nineteen ninety"
    elif mutation == "year_as_list":
        victim["year"] = [victim["year"]]
    elif mutation in ("link_forward", "link_unknown"):
        later = [e for e in entries if e["year"] > victim["year"]]
        target = later[0]["id"] if mutation == "link_forward" and later else "unknown \u2620"
        victim.setdefault("follows", []).append(target)
    elif mutation == "duplicate_key":
        text = dump(data).replace('  "title": ', '  "title": "duplicated"\n  "title": ', 1)
    with pytest.raises(CatalogueError) as caught:
        check_text(text if text is not None else dump(data), "damaged.yaml")
    assert caught.value.problems
    assert all(problem.line is not None for problem in caught.value.problems)


@given(st.binary(max_size=300))
def test_random_bytes_raise_only_catalogue_errors(blob: bytes) -> None:
    path = write("")
    path.write_bytes(blob)
    try:
        outcome: object = load_catalogue(path)
    except CatalogueError as error:
        outcome = error.problems
    finally:
        path.unlink()
    assert outcome  # a catalogue (if the bytes happen to be one) or at least one problem
