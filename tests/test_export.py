"""Every export format, written from the bundled and an awkward catalogue, read back by its tools."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pydot
import pytest
from conftest import DATA, Run

from reslineage.export.attributes import flat_value, plain_value
from reslineage.graph import Graph, build_graph
from reslineage.loader import load_catalogue

Cli = Callable[..., Run]
AWKWARD = DATA / "awkward.yaml"
CATALOGUES = {"bundled": None, "awkward": AWKWARD}


def export(cli: Cli, which: str, *args: str) -> str:
    path = CATALOGUES[which]
    prefix = ("-c", str(path)) if path else ()
    result = cli(*prefix, "export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def expected_graph(which: str) -> Graph:
    return build_graph(load_catalogue(CATALOGUES[which]))


@pytest.fixture(params=sorted(CATALOGUES))
def which(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def renamed_link_source(data: dict[str, Any]) -> dict[str, Any]:
    """JSON formats keep `source` for the edge's end, so a link's own source is `link_source`."""
    return {("link_source" if key == "source" else key): value for key, value in data.items()}


# --- round trips through NetworkX ---------------------------------------------------------------


def test_graphml_reads_back_with_every_field(cli: Cli, which: str, tmp_path: Path) -> None:
    path = tmp_path / "lineage.graphml"
    path.write_text(export(cli, which, "-f", "graphml"), encoding="utf-8")
    read = nx.read_graphml(path)
    graph = expected_graph(which)
    assert list(read.nodes) == [r.id for r in load_catalogue(CATALOGUES[which])]  # catalogue order
    assert set(read.nodes) == set(graph.nodes)
    assert set(read.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        expected = {key: flat_value(value) for key, value in data.items()}
        assert read.nodes[node] == {"label": node, **expected}
    for u, v, data in graph.edges(data=True):
        assert read.edges[u, v] == data


def test_gexf_reads_back_and_carries_start_dates(cli: Cli, which: str, tmp_path: Path) -> None:
    path = tmp_path / "lineage.gexf"
    path.write_text(export(cli, which, "-f", "gexf"), encoding="utf-8")
    read = nx.read_gexf(path)
    graph = expected_graph(which)
    assert set(read.nodes) == set(graph.nodes)
    assert set(read.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        got = read.nodes[node]
        assert got["start"] == (
            data["date"].isoformat() if "date" in data else f"{data['year']}-01-01"
        )
        for key, value in data.items():
            assert got[key] == flat_value(value), key
    for u, v, data in graph.edges(data=True):
        for key, value in data.items():
            assert read.edges[u, v][key] == value


def test_node_link_json_reads_back_with_lists_and_iso_dates(cli: Cli, which: str) -> None:
    read = nx.node_link_graph(json.loads(export(cli, which, "-f", "json")), edges="links")
    graph = expected_graph(which)
    assert set(read.nodes) == set(graph.nodes)
    for node, data in graph.nodes(data=True):
        assert read.nodes[node] == {key: plain_value(value) for key, value in data.items()}
    assert {(u, v): d for u, v, d in read.edges(data=True)} == {
        (u, v): renamed_link_source(d) for u, v, d in graph.edges(data=True)
    }


def test_cytoscape_json_elements(cli: Cli, which: str) -> None:
    data = json.loads(export(cli, which, "-f", "cytoscape"))
    graph = expected_graph(which)
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    assert set(nodes) == set(graph.nodes)
    assert all(nodes[n]["label"] == n for n in nodes)
    edges = {(e["data"]["source"], e["data"]["target"]) for e in data["elements"]["edges"]}
    assert edges == set(graph.edges)
    assert len({e["data"]["id"] for e in data["elements"]["edges"]}) == len(edges)
    for edge in data["elements"]["edges"]:
        record = dict(edge["data"])
        u, v = record.pop("source"), record.pop("target")
        del record["id"]
        assert record == renamed_link_source(graph.edges[u, v])
    for node, attributes in graph.nodes(data=True):
        assert nodes[node] == {
            "id": node,
            "label": node,
            **{k: plain_value(x) for k, x in attributes.items()},
        }


# --- DOT and Mermaid ---------------------------------------------------------------------------------


def _dot_unquote(name: str) -> str:
    assert name.startswith('"')
    assert name.endswith('"')
    return re.sub(r"\\(.)", r"\1", name[1:-1])


def test_dot_parses_with_pydot_with_every_id_quoted(cli: Cli, which: str) -> None:
    text = export(cli, which, "-f", "dot")
    (parsed,) = pydot.graph_from_dot_data(text)
    graph = expected_graph(which)
    names = [
        n.get_name() for n in parsed.get_nodes() if n.get_name() not in ("graph", "node", "edge")
    ]
    assert {_dot_unquote(n) for n in names} == set(graph.nodes)
    links = [e for e in parsed.get_edges() if e.get("style") != "invis"]
    assert {
        (_dot_unquote(e.get_source()), _dot_unquote(e.get_destination())) for e in links
    } == set(graph.edges)
    assert {e.get("label").strip('"') for e in links} == {
        d["relation"] for *_, d in graph.edges(data=True)
    }


def test_dot_ranks_resolutions_of_the_same_year_together(cli: Cli) -> None:
    text = export(cli, "bundled", "-f", "dot")
    assert '{ rank=same; "AGN/65/RES/9"; "AGN/65/RES/10"; }  // 1996' in text
    assert '{ rank=same; "AG-2011-RES-05"; "AG-2011-RES-08"; }  // 2011' in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_renders_with_graphviz(cli: Cli, which: str, tmp_path: Path) -> None:
    source = tmp_path / "lineage.dot"
    source.write_text(export(cli, which, "-f", "dot"), encoding="utf-8")
    rendered = subprocess.run(
        ["dot", "-Tsvg", str(source)], capture_output=True, text=True, timeout=60, check=False
    )
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.count('class="node"') == len(expected_graph(which))


MERMAID_NODE = re.compile(r'^  (r\d+)\["<b>([^"]*)</b> \(([^"()]*)\)<br/>([^"]*)"\]$')
MERMAID_EDGE = re.compile(r'^  (r\d+) -->\|"([a-z]+)"\| (r\d+)$')
MERMAID_ENTITIES = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#amp;": "&", "#96;": "`", "#35;": "#"}


def _mermaid_unescape(text: str) -> str:
    return re.sub(
        "|".join(map(re.escape, MERMAID_ENTITIES)), lambda m: MERMAID_ENTITIES[m[0]], text
    )


def test_mermaid_is_a_well_formed_flowchart(cli: Cli, which: str) -> None:
    lines = export(cli, which, "-f", "mermaid").splitlines()
    assert lines[0] == "flowchart TB"
    graph = expected_graph(which)
    ids: dict[str, str] = {}
    edges = set()
    for line in lines[1:]:
        node, edge = MERMAID_NODE.match(line), MERMAID_EDGE.match(line)
        assert node or edge, f"not a node or edge line: {line!r}"
        if node:
            ids[node[1]] = _mermaid_unescape(node[2])
            assert node[4].replace("<br/>", "\n") != ""
        elif edge:
            assert edge[1] in ids
            assert edge[3] in ids
            edges.add((ids[edge[1]], ids[edge[3]]))
    assert set(ids.values()) == set(graph.nodes)
    assert edges == set(graph.edges)
    assert all(re.fullmatch(r"r\d+", short) for short in ids)  # never a reserved word like end


def test_mermaid_escapes_quotes_and_keeps_line_breaks(cli: Cli) -> None:
    text = export(cli, "awkward", "-f", "mermaid")
    assert "He said #quot;hi#quot; #lt;there#gt; #amp; #35;1" in text
    assert "Line one<br/>Line two<br/><br/>after a blank line" in text


# --- tables ------------------------------------------------------------------------------------------


def test_csv_one_row_per_link(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(export(cli, "awkward", "-f", "csv"))))
    graph = expected_graph("awkward")
    assert len(rows) == graph.number_of_edges()
    row = next(r for r in rows if r["target_id"] == "subgraph")
    assert row == {
        "source_id": "end",
        "source_year": "1999",
        "target_id": "subgraph",
        "target_year": "2000",
        "relation": "recalls",
        "note": 'He said "no" & <left>\nthen #quot; % `tick`',
        "source_title": "A resolution called end; subgraph { } [ ] ( )",
        "target_title": "تعاون الشرطة الدولية — international cooperation 🌍",
        "link_source": "",
    }


def test_csv_nodes_one_row_per_resolution(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(export(cli, "bundled", "-f", "csv", "--nodes"))))
    assert [r["id"] for r in rows][:2] == ["AGN/65/RES/9", "AGN/65/RES/10"]
    assert rows[-1]["date"] == "2021-11-24"
    assert rows[-1]["topics"].split("; ")[0] == "end-to-end encryption"


def test_neo4j_import_pair(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    result = cli("-c", str(AWKWARD), "export", "-f", "neo4j", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    nodes = list(csv.reader((out / "nodes.csv").open(encoding="utf-8")))
    relationships = list(csv.reader((out / "relationships.csv").open(encoding="utf-8")))
    assert nodes[0][:3] == ["id:ID", "year:int", "date:date"]
    assert nodes[0][-1] == ":LABEL"
    assert relationships[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    graph = expected_graph("awkward")
    assert {row[0] for row in nodes[1:]} == set(graph.nodes)
    assert {(row[1], row[0]) for row in relationships[1:]} == set(graph.edges)
    assert {row[2] for row in relationships[1:]} == {
        "FOLLOWS",
        "RECALLS",
        "REAFFIRMS",
        "AMENDS",
        "SUPERSEDES",
        "EXTENDS",
    }
    sources = next(row for row in nodes[1:] if row[0].startswith("He said"))[9]
    assert sources == "a, b;c | d"  # the array delimiter inside an element would split it


def _cypher_strings(text: str) -> list[str]:
    literals = re.findall(r"'((?:[^'\\]|\\.)*)'", text)
    return [
        re.sub(
            r"\\u([0-9a-f]{4})|\\(.)",
            lambda m: (
                chr(int(m[1], 16)) if m[1] else {"n": "\n", "t": "\t", "r": "\r"}.get(m[2], m[2])
            ),
            s,
        )
        for s in literals
    ]


def test_cypher_merges_with_escaped_strings(cli: Cli) -> None:
    text = export(cli, "awkward", "-f", "cypher")
    lines = text.splitlines()
    graph = expected_graph("awkward")
    merges = [line for line in lines if line.startswith("MERGE (r:Resolution")]
    links = [line for line in lines if line.startswith("MATCH")]
    assert len(merges) == graph.number_of_nodes()
    assert len(links) == graph.number_of_edges()
    assert "Line one\nLine two\n\nafter a blank line" in _cypher_strings(text)
    assert 'He said "hi" <there> & #1' in _cypher_strings(text)
    assert all(line.endswith(";") for line in lines[1:])


# --- the command -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt", ["graphml", "gexf", "json", "cytoscape", "dot", "mermaid", "csv", "cypher"]
)
def test_output_is_byte_identical_whatever_the_order_in_the_file(
    cli: Cli, fmt: str, tmp_path: Path
) -> None:
    text = AWKWARD.read_text(encoding="utf-8")
    head, _, body = text.partition("resolutions:\n")
    entries = re.split(r"\n(?=  - id:)", body.strip("\n"))
    shuffled = tmp_path / "shuffled.yaml"
    shuffled.write_text(
        head + "resolutions:\n" + "\n".join(reversed(entries)) + "\n", encoding="utf-8"
    )
    first = cli("-c", str(AWKWARD), "export", "-f", fmt).stdout
    again = cli("-c", str(AWKWARD), "export", "-f", fmt).stdout
    reordered = cli("-c", str(shuffled), "export", "-f", fmt).stdout
    assert first == again == reordered


def test_format_is_inferred_from_the_extension(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "lineage.gv"
    result = cli("export", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("digraph lineage {")
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out} (dot: 8 resolutions, 7 links)\n"


def test_unknown_format_and_extension_exit_2_listing_formats(cli: Cli, tmp_path: Path) -> None:
    unknown = cli("export", "-f", "pdf")
    assert unknown.exit_code == 2
    assert "unknown format 'pdf'; formats: graphml (.graphml), gexf (.gexf)" in unknown.stderr
    extension = cli("export", "-o", str(tmp_path / "lineage.xyz"))
    assert extension.exit_code == 2
    assert "cannot tell the format from" in extension.stderr
    assert not (tmp_path / "lineage.xyz").exists()


def test_filters_select_a_subgraph(cli: Cli) -> None:
    def ids(*args: str) -> set[str]:
        data = json.loads(export(cli, "bundled", "-f", "json", *args))
        return {n["id"] for n in data["nodes"]}

    assert ids("--since", "2011", "--until", "2014") == {
        "AG-2011-RES-05",
        "AG-2011-RES-08",
        "AG-2014-RES-02",
    }
    assert ids("--topic", "legislation") == {"AGN/65/RES/9", "AG-2011-RES-05", "AG-2021-89-RES-09"}
    assert ids("--around", "65/RES/10", "--depth", "1") == {"AGN/65/RES/10", "AG-2021-89-RES-09"}
    assert len(ids("--around", "AG-2021-89-RES-09")) == 8


def test_reduce_exports_the_transitive_reduction(cli: Cli, tmp_path: Path) -> None:
    dense = tmp_path / "dense.yaml"
    entries = [
        f"  - {{id: R{i}, year: {2000 + i}, title: T, follows: [{', '.join(f'R{j}' for j in range(i))}]}}"
        for i in range(10)
    ]
    dense.write_text("resolutions:\n" + "\n".join(entries) + "\n", encoding="utf-8")
    rows = list(
        csv.DictReader(io.StringIO(cli("-c", str(dense), "export", "-f", "csv", "--reduce").stdout))
    )
    assert [(r["source_id"], r["target_id"]) for r in rows] == [
        (f"R{i}", f"R{i + 1}") for i in range(9)
    ]


def _nodes_in(text: str) -> int:
    return len(json.loads(text)["nodes"])


def test_failed_write_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    """A write that fails half-way (here: a file size limit, as a full disk would) changes nothing."""
    import resource
    import signal
    import sys

    out = tmp_path / "lineage.json"
    out.write_text("previous export\n", encoding="utf-8")

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    result = subprocess.run(
        [sys.executable, "-m", "reslineage", "export", "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,  # the limit must apply to the child only
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: cannot write {out}: File too large")
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["lineage.json"]  # no temporary file left


def _mount_tmpfs(path: Path, options: str) -> bool:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return mounted.returncode == 0


@pytest.fixture
def full_disk(tmp_path: Path) -> Any:
    disk = tmp_path / "full"
    if not _mount_tmpfs(disk, "size=8k"):  # two pages: the old file and one more
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


def test_full_disk_fails_clearly_and_keeps_the_previous_file(cli: Cli, full_disk: Path) -> None:
    out = full_disk / "lineage.graphml"
    out.write_text("previous\n", encoding="utf-8")
    result = cli("export", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in full_disk.iterdir()] == ["lineage.graphml"]


def test_read_only_directory_fails_clearly_and_keeps_the_previous_file(
    cli: Cli, tmp_path: Path
) -> None:
    import os

    directory = tmp_path / "readonly"
    if os.geteuid() == 0:
        if not _mount_tmpfs(directory, "size=1m"):
            pytest.skip("cannot mount a tmpfs here")
        (directory / "lineage.dot").write_text("previous\n", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(directory)], check=True)
    else:
        directory.mkdir()
        (directory / "lineage.dot").write_text("previous\n", encoding="utf-8")
        directory.chmod(0o555)
    try:
        result = cli("export", "-o", str(directory / "lineage.dot"))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: cannot write {directory / 'lineage.dot'}: ")
        assert "Read-only file system" in result.stderr or "Permission denied" in result.stderr
        assert (directory / "lineage.dot").read_text(encoding="utf-8") == "previous\n"
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(directory)], check=False)
        else:
            directory.chmod(0o755)
