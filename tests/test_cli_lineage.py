"""timeline, lineage, path and stats as a user runs them, on the bundled and on user catalogues."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

Cli = Callable[..., Run]
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "100", "NO_COLOR": "1"}
SEVEN_EARLIER = [
    "AG-2014-RES-02",
    "AG-2011-RES-08",
    "AG-2011-RES-05",
    "AG-2009-RES-05",
    "AG-2005-RES-09",
    "AGN/65/RES/10",
    "AGN/65/RES/9",
]


def screen(result: Run) -> str:
    """What a terminal shows, without the style codes that NO_COLOR leaves (bold, dim)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


@pytest.fixture
def dense_catalogue(tmp_path: Path) -> Path:
    """40 UN-style resolutions, each recalling every earlier one."""
    lines = ["resolutions:"]
    for i in range(40):
        rid = f"S/RES/{2400 + i} ({1990 + i})"
        follows = ", ".join(f"'S/RES/{2400 + j} ({1990 + j})'" for j in range(i))
        lines.append(
            f"  - {{id: '{rid}', year: {1990 + i}, title: 'Title {i}', topics: [peace],"
            f" follows: [{follows}]}}"
        )
    path = tmp_path / "dense.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- timeline ----------------------------------------------------------------------------------


def test_timeline_of_a_topic_lists_its_resolutions_in_order(cli: Cli) -> None:
    result = cli("timeline", "Child-Sexual-Abuse-Material")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "1996\tAGN/65/RES/9\tAddressing the production, distribution and possession of child"
        " sexual abuse material\t\t",
        "2005\tAG-2005-RES-09\tAddressing websites offering child sexual abuse material and"
        " trafficking of children on the Internet\t\t",
        "2009\tAG-2009-RES-05\tCombating exploitation of children on the internet using all"
        " available technical solutions, including access blocking\t\t",
        "2011\tAG-2011-RES-08\tPromoting victim-centric management of child abuse material at the"
        " national level\t\t",
        "2021\tAG-2021-89-RES-09\tAddressing the challenges faced by law enforcement investigating"
        " online child sexual exploitation and abuse where end-to-end encryption is used"
        "\tAG-2011-RES-08; AG-2009-RES-05; AG-2005-RES-09; AGN/65/RES/9"
        "\tAG-2014-RES-02; AG-2011-RES-05; AGN/65/RES/10",
    ]


def test_timeline_on_a_terminal_draws_a_year_rail_with_markers(cli: Cli) -> None:
    shown = screen(cli("timeline", "child sexual abuse material", env=TERMINAL))
    assert "Timeline: child sexual abuse material  (5 resolutions)" in shown
    assert "↳ builds on AG-2011-RES-08, AG-2009-RES-05, AG-2005-RES-09, AGN/65/RES/9" in shown
    assert "↳ also builds on, outside this topic: AG-2014-RES-02" in shown
    assert re.search(r"^1996 ● AGN/65/RES/9", shown, flags=re.MULTILINE)


def test_timeline_json(cli: Cli) -> None:
    data = json.loads(cli("timeline", "legislation", "--json", "--since", "2000").stdout)
    assert data["topic"] == "legislation"
    assert [(e["id"], e["year"], e["builds_on"]) for e in data["entries"]] == [
        ("AG-2011-RES-05", 2011, []),
        ("AG-2021-89-RES-09", 2021, ["AG-2011-RES-05"]),
    ]


def test_timeline_unknown_topic_exits_1_with_closest_topics(cli: Cli) -> None:
    result = cli("timeline", "encryption end to end")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no topic 'encryption end to end' in the catalogue; closest: end-to-end encryption\n"
    )


def test_timeline_overview_groups_years_to_fit_the_terminal(cli: Cli) -> None:
    wide = screen(cli("timeline", env={**TERMINAL, "COLUMNS": "300"}))
    header = next(line for line in wide.splitlines() if "topic" in line)
    assert header.split()[1:] == [str(year) for year in range(1996, 2022)]
    narrow = screen(cli("timeline", env={**TERMINAL, "COLUMNS": "80"}))
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert "2000–09" in narrow  # five-year periods would not fit in 80 columns


def test_timeline_overview_piped_is_one_line_per_cell(cli: Cli) -> None:
    lines = cli("timeline", "--until", "2005").stdout.splitlines()
    assert "child sexual abuse material\t1996\t1" in lines
    assert "trafficking of children\t2005\t1" in lines
    assert all(line.count("\t") == 2 for line in lines)


# --- lineage -------------------------------------------------------------------------------------


def test_lineage_ancestors_of_the_2021_resolution_are_the_seven(cli: Cli) -> None:
    result = cli("lineage", "AG-2021-89-RES-09", "--ancestors")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in rows] == [
        ("builds on", "1", rid, "follows", "AG-2021-89-RES-09") for rid in SEVEN_EARLIER
    ]


def test_lineage_descendants_of_the_1996_resolution(cli: Cli) -> None:
    result = cli("lineage", "AGN/65/RES/9", "--descendants")
    assert [line.split("\t")[:5] for line in result.stdout.splitlines()] == [
        ["built on by", "1", "AG-2021-89-RES-09", "2021", "followed by"]
    ]


def test_lineage_tree_on_a_terminal(cli: Cli) -> None:
    shown = screen(cli("lineage", "AGN/65/RES/9", env=TERMINAL))
    lines = shown.splitlines()
    assert lines[0].startswith("AGN/65/RES/9 (1996) Addressing the production")
    assert "builds on" in lines[1]
    assert "nothing in this catalogue" in lines[2]
    assert "built on by" in lines[3]
    assert "followed by AG-2021-89-RES-09 (2021) Addressing the challenges" in lines[4]
    assert all(len(line) <= 100 for line in lines)


def test_lineage_json_shape(cli: Cli) -> None:
    data = json.loads(cli("lineage", "65/RES/10", "--json").stdout)
    assert data == {
        "id": "AGN/65/RES/10",
        "ancestors": [],
        "descendants": [
            {
                "id": "AG-2021-89-RES-09",
                "year": 2021,
                "title": "Addressing the challenges faced by law enforcement investigating online"
                " child sexual exploitation and abuse where end-to-end encryption is used",
                "depth": 1,
            }
        ],
        "links": [
            {"source": "AGN/65/RES/10", "target": "AG-2021-89-RES-09", "relation": "follows"}
        ],
    }


def test_lineage_as_of_a_year_before_the_resolution(cli: Cli) -> None:
    result = cli("lineage", "AG-2021-89-RES-09", "--as-of", "2014")
    assert result.exit_code == 1
    assert "dates from 2021, after --as-of 2014" in result.stderr
    before = cli("lineage", "AGN/65/RES/9", "--as-of", "2014", "--json")
    assert json.loads(before.stdout)["descendants"] == []


def test_lineage_of_a_dense_catalogue_prints_each_ancestor_once(
    cli: Cli, dense_catalogue: Path
) -> None:
    result = cli("-c", str(dense_catalogue), "lineage", "S/RES/2439", "--ancestors")
    ids = [line.split("\t")[2] for line in result.stdout.splitlines()]
    assert len(ids) == 39
    assert len(set(ids)) == 39
    shown = screen(cli("-c", str(dense_catalogue), "lineage", "2439", "--ancestors", env=TERMINAL))
    assert (
        len(shown.splitlines()) == 2 + 39 * 40 // 2 + 1
    )  # root, heading, one line per link, legend
    assert shown.count("(*)") == 39 * 40 // 2 - 39 + 1  # every link but the 39 printed in full


def test_lineage_reduce_prints_the_chain(cli: Cli, dense_catalogue: Path) -> None:
    result = cli("-c", str(dense_catalogue), "lineage", "S/RES/2439", "--ancestors", "--reduce")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(int(r[1]), r[2]) for r in rows] == [
        (39 - i, f"S/RES/{2400 + i} ({1990 + i})") for i in range(38, -1, -1)
    ]
    data = json.loads(
        cli("-c", str(dense_catalogue), "lineage", "2420", "--reduce", "--json").stdout
    )
    assert len(data["links"]) == 39


def test_lineage_depth_limits_the_tree(cli: Cli, dense_catalogue: Path) -> None:
    result = cli("-c", str(dense_catalogue), "lineage", "2439", "--reduce", "--depth", "2")
    assert len(result.stdout.splitlines()) == 2


def test_lineage_refuses_both_directions_at_once(cli: Cli) -> None:
    result = cli("lineage", "AGN/65/RES/9", "--ancestors", "--descendants")
    assert result.exit_code == 2


# --- path ----------------------------------------------------------------------------------------


def test_path_between_the_first_and_the_last(cli: Cli) -> None:
    result = cli("path", "AGN/65/RES/9", "AG-2021-89-RES-09")
    assert [line.split("\t")[:4] for line in result.stdout.splitlines()] == [
        ["0", "AGN/65/RES/9", "1996", ""],
        ["1", "AG-2021-89-RES-09", "2021", "follows"],
    ]
    reversed_order = cli("path", "AG-2021-89-RES-09", "AGN/65/RES/9")
    assert reversed_order.stdout == result.stdout


def test_path_json(cli: Cli) -> None:
    data = json.loads(cli("path", "65/RES/9", "2021-89", "--json").stdout)
    assert data == {
        "path": ["AGN/65/RES/9", "AG-2021-89-RES-09"],
        "links": [{"source": "AGN/65/RES/9", "target": "AG-2021-89-RES-09", "relation": "follows"}],
    }


def test_no_path_exits_1(cli: Cli) -> None:
    result = cli("path", "AGN/65/RES/9", "AGN/65/RES/10")
    assert result.exit_code == 1
    assert result.stderr == "Error: no lineage path between AGN/65/RES/9 and AGN/65/RES/10\n"


def test_path_all_is_capped_with_a_message(cli: Cli, dense_catalogue: Path) -> None:
    result = cli("-c", str(dense_catalogue), "path", "2400", "2439", "--all", "--limit", "5")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 5
    assert result.stdout.splitlines()[0] == "S/RES/2400 (1990)\tS/RES/2439 (2029)"
    assert "Stopped after 5 paths" in result.stderr


# --- stats ---------------------------------------------------------------------------------------


def test_stats_piped(cli: Cli) -> None:
    lines = cli("stats").stdout.splitlines()
    assert lines[:5] == [
        "resolutions\t8",
        "links\t7",
        "topics\t11",
        "first_year\t1996",
        "last_year\t2021",
    ]
    assert "leaf\tAG-2021-89-RES-09" in lines
    assert "relation\tfollows\t7" in lines
    assert "longest_chain\tAGN/65/RES/9\tAG-2021-89-RES-09" in lines


def test_stats_json_and_terminal(cli: Cli, dense_catalogue: Path) -> None:
    data = json.loads(cli("-c", str(dense_catalogue), "stats", "--json").stdout)
    assert data["counts"]["links"] == 39 * 40 // 2
    assert len(data["longest_chain"]) == 40
    assert data["roots"] == ["S/RES/2400 (1990)"]
    assert data["most_built_upon"][0] == {"id": "S/RES/2400 (1990)", "followers": 39}
    shown = screen(cli("-c", str(dense_catalogue), "stats", env=TERMINAL))
    assert "Resolutions over time" in shown
    assert "longest chain" in shown
    assert "39 links: S/RES/2400 (1990) → S/RES/2401 (1991)" in shown
