"""The SVG picture: valid, complete, and with no label overlapping another label or a dot."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run

from reslineage.export.svg import DOT_RADIUS, FONT_SIZE, MAX_RESOLUTIONS, text_width
from reslineage.graph import build_graph
from reslineage.loader import load_catalogue

Cli = Callable[..., Run]
SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 UN-style resolutions, each recalling every earlier one (780 links)."""
    lines = ["resolutions:"]
    for i in range(40):
        earlier = ", ".join(f"'S/RES/{2400 + j} ({1990 + j})'" for j in range(i))
        lines.append(
            f"  - {{id: 'S/RES/{2400 + i} ({1990 + i})', year: {1990 + i}, title: 'Title {i}',"
            f" topics: [peace], follows: [{earlier}]}}"
        )
    path = tmp_path_factory.mktemp("dense") / "dense.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CATALOGUES = {
    "bundled": None,
    "awkward": DATA / "awkward.yaml",
    "hostile": DATA / "hostile-text.yaml",
    "unsc": DATA / "unsc-children.yaml",
}


def draw(cli: Cli, catalogue: Path | None) -> ET.Element:
    prefix = ("-c", str(catalogue)) if catalogue else ()
    result = cli(*prefix, "export", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    return ET.fromstring(result.stdout.encode("utf-8"))  # valid XML, or this raises


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_picture(root: ET.Element, catalogue: Path | None) -> None:
    graph = build_graph(load_catalogue(catalogue))
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    groups = root.iter(f"{SVG}g")
    resolutions = [g for g in groups if g.get("class") == "resolution"]
    assert sorted(g.get("data-id", "") for g in resolutions) == sorted(graph.nodes)
    links = [p for p in root.iter(f"{SVG}path") if p.get("class") == "link"]
    assert sorted((p.get("data-source"), p.get("data-target")) for p in links) == sorted(
        graph.edges
    )
    labels: list[Box] = []
    dots: list[Box] = []
    for group in resolutions:
        circle = group.find(f"{SVG}circle")
        text = group.find(f"{SVG}text")
        assert circle is not None
        assert text is not None
        assert text.text
        x, y = float(text.get("x", 0)), float(text.get("y", 0))
        box = (x, y - FONT_SIZE, x + text_width(text.text), y + FONT_SIZE * 0.3)
        assert box[0] >= 0
        assert box[1] >= 0
        assert box[2] <= width
        assert box[3] <= height
        cx, cy = float(circle.get("cx", 0)), float(circle.get("cy", 0))
        labels.append(box)
        dots.append((cx - DOT_RADIUS, cy - DOT_RADIUS, cx + DOT_RADIUS, cy + DOT_RADIUS))
        tooltip = group.find(f"{SVG}title")
        assert tooltip is not None
        assert tooltip.text
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a, b), (a, b)
    for label, dot in itertools.product(labels, dots):
        assert not overlaps(label, dot), (label, dot)


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_resolution_and_link_is_drawn_once_and_no_label_overlaps(cli: Cli, name: str) -> None:
    check_picture(draw(cli, CATALOGUES[name]), CATALOGUES[name])


def test_dense_lineage(cli: Cli, dense: Path) -> None:
    check_picture(draw(cli, dense), dense)


def test_hostile_text_is_escaped_and_shown(cli: Cli) -> None:
    root = draw(cli, DATA / "hostile-text.yaml")
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert "[b]markup-id[/b]" in labels
    assert "rtl \\u202eesrever" in labels
    awkward = draw(cli, DATA / "awkward.yaml")
    assert 'He said "hi" <there> & #1' in [t.text for t in awkward.iter(f"{SVG}text")]


def test_empty_years_are_squeezed_and_labelled(cli: Cli) -> None:
    root = draw(cli, None)
    years = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "year"]
    assert years == [
        "1996",
        "1997–04",
        "2005",
        "2006–08",
        "2009",
        "2010",
        "2011",
        "2012–13",
        "2014",
        "2015–20",
        "2021",
    ]


def test_legends_name_topics_and_relations(cli: Cli) -> None:
    root = draw(cli, DATA / "unsc-children.yaml")
    legend = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "children and armed conflict" in legend
    for relation in ("reaffirms", "recalls", "extends", "follows"):
        assert relation in legend


def test_too_many_resolutions_are_refused_with_advice(cli: Cli, tmp_path: Path) -> None:
    count = MAX_RESOLUTIONS + 1
    path = tmp_path / "big.yaml"
    path.write_text(
        "resolutions:\n"
        + "".join(f"  - {{id: R{i}, year: 2000, title: t}}\n" for i in range(count)),
        encoding="utf-8",
    )
    result = cli("-c", str(path), "export", "-o", str(tmp_path / "big.svg"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {count} resolutions are too many to draw readably (at most {MAX_RESOLUTIONS});"
        " narrow the picture with --topic, --since/--until or --around ID --depth N\n"
    )
    assert not (tmp_path / "big.svg").exists()
    narrowed = cli("-c", str(path), "export", "-f", "svg", "--around", "R7")
    assert narrowed.exit_code == 0


def test_committed_picture_matches_what_the_tool_draws(cli: Cli) -> None:
    committed = (ROOT / "docs" / "lineage.svg").read_text(encoding="utf-8")
    assert cli("export", "-f", "svg").stdout == committed, (
        "docs/lineage.svg is stale: run  reslineage export -o docs/lineage.svg"
    )
