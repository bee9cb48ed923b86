"""The first commands as a user runs them: list, show, topics, validate, lookups and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

Cli = Callable[..., Run]


# --- list ----------------------------------------------------------------------------------------


def test_list_prints_one_tab_separated_line_per_resolution(cli: Cli, unsc: Path) -> None:
    result = cli("-c", str(unsc), "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "S/RES/1261 (1999)\t1999\tChildren and armed conflict\tchildren and armed conflict",
        "S/RES/1314 (2000)\t2000\tChildren and armed conflict\tchildren and armed conflict",
        "S/RES/1379 (2001)\t2001\tChildren and armed conflict\tchildren and armed conflict; listing of parties",
        "S/RES/1612 (2005)\t2005\tChildren and armed conflict\tchildren and armed conflict; monitoring and reporting",
        "1882\t2009\tChildren and armed conflict\tchildren and armed conflict; listing of parties",
    ]


def test_list_filters_by_year_and_range(cli: Cli, unsc: Path) -> None:
    ids = lambda r: [line.split("\t")[0] for line in r.stdout.splitlines()]  # noqa: E731
    assert ids(cli("-c", str(unsc), "list", "--year", "2000", "--year", "2005")) == [
        "S/RES/1314 (2000)",
        "S/RES/1612 (2005)",
    ]
    assert ids(cli("-c", str(unsc), "list", "--since", "2001", "--until", "2005")) == [
        "S/RES/1379 (2001)",
        "S/RES/1612 (2005)",
    ]


def test_list_filters_by_topic_case_insensitively_and_any_of_several(cli: Cli, unsc: Path) -> None:
    result = cli(
        "-c",
        str(unsc),
        "list",
        "--topic",
        "LISTING-of_parties",
        "--topic",
        "monitoring and reporting",
    )
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "S/RES/1379 (2001)",
        "S/RES/1612 (2005)",
        "1882",
    ]


def test_list_search_matches_id_title_and_summary(cli: Cli) -> None:
    by_summary = cli("list", "--search", "WORST OF")
    assert [line.split("\t")[0] for line in by_summary.stdout.splitlines()] == ["AG-2009-RES-05"]
    by_id = cli("list", "--search", "agn/65")
    assert len(by_id.stdout.splitlines()) == 2


def test_list_with_no_match_says_so_on_stderr_and_exits_0(cli: Cli) -> None:
    result = cli("list", "--year", "1900")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No resolutions match.\n")


def test_list_unknown_topic_exits_1_with_closest(cli: Cli) -> None:
    result = cli("list", "--topic", "encryptoin end-to-end")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no topic 'encryptoin end-to-end' in the catalogue")


def test_list_json_is_an_array_of_full_records(cli: Cli, unsc: Path) -> None:
    result = cli("-c", str(unsc), "list", "--json", "--year", "2009")
    assert json.loads(result.stdout) == [
        {
            "id": "1882",
            "year": 2009,
            "title": "Children and armed conflict",
            "topics": ["children and armed conflict", "listing of parties"],
            "follows": [
                {
                    "id": "S/RES/1612 (2005)",
                    "relation": "extends",
                    "note": "Adds killing and maiming and sexual violence to the listing criteria",
                }
            ],
            "date": "2009-08-04",
        }
    ]


def test_empty_json_list_is_still_json(cli: Cli) -> None:
    assert json.loads(cli("list", "--json", "--year", "1900").stdout) == []


# --- show ----------------------------------------------------------------------------------------


def test_show_finds_a_unique_substring_of_an_id(cli: Cli, unsc: Path) -> None:
    result = cli("-c", str(unsc), "show", "1612")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "id\tS/RES/1612 (2005)"


def test_show_lists_both_directions_with_inverse_relations(cli: Cli, unsc: Path) -> None:
    lines = cli("-c", str(unsc), "show", "s/res/1612 (2005)").stdout.splitlines()
    assert "builds on\tS/RES/1379 (2001)\t2001\treaffirms\t\t" in lines
    assert "builds on\tS/RES/1314 (2000)\t2000\tfollows\t\t" in lines
    assert (
        "built on by\t1882\t2009\textended by\t"
        "Adds killing and maiming and sexual violence to the listing criteria\t"
    ) in lines


def test_show_json_adds_followed_by(cli: Cli, unsc: Path) -> None:
    data = json.loads(cli("-c", str(unsc), "show", "1379", "--json").stdout)
    assert data["id"] == "S/RES/1379 (2001)"
    assert data["follows"] == [
        {"id": "S/RES/1261 (1999)", "relation": "recalls"},
        {"id": "S/RES/1314 (2000)", "relation": "recalls"},
    ]
    assert data["followed_by"] == [
        {
            "id": "S/RES/1612 (2005)",
            "year": 2005,
            "title": "Children and armed conflict",
            "relation": "reaffirms",
            "inverse": "reaffirmed by",
        }
    ]


def test_show_exact_id_wins_over_substring(cli: Cli, unsc: Path) -> None:
    # "1882" is an exact id and also a substring of nothing else; "1" would be ambiguous
    assert cli("-c", str(unsc), "show", "1882").stdout.startswith("id\t1882\n")


def test_show_ambiguous_id_exits_1_listing_candidates(cli: Cli, unsc: Path) -> None:
    result = cli("-c", str(unsc), "show", "S/RES/1")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'S/RES/1' matches several resolutions: S/RES/1261 (1999), S/RES/1314 (2000),"
        " S/RES/1379 (2001), S/RES/1612 (2005)\n"
    )


def test_show_unknown_id_exits_1_with_closest(cli: Cli) -> None:
    result = cli("show", "AG-2021-RES-09")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "closest: AG-2021-89-RES-09" in result.stderr


# --- topics ----------------------------------------------------------------------------------------


def test_topics_counts_and_spans(cli: Cli, unsc: Path) -> None:
    assert cli("-c", str(unsc), "topics").stdout.splitlines() == [
        "children and armed conflict\t5\t1999\t2009",
        "listing of parties\t2\t2001\t2009",
        "monitoring and reporting\t1\t2005\t2005",
    ]


def test_topics_json(cli: Cli, unsc: Path) -> None:
    data = json.loads(cli("-c", str(unsc), "topics", "--json").stdout)
    assert data[1] == {
        "topic": "listing of parties",
        "count": 2,
        "first_year": 2001,
        "last_year": 2009,
    }


# --- validate and invalid catalogues ----------------------------------------------------------------


def test_validate_prints_a_one_line_summary(cli: Cli, unsc: Path) -> None:
    result = cli("-c", str(unsc), "validate")
    assert result.exit_code == 0
    assert result.stdout == f"{unsc}: valid: 5 resolutions, 6 links, 3 topics, 1999–2009\n"
    assert result.stderr == (
        f"{unsc}:15:14: warning: topic 'Children-and-armed-conflict' is shown as"
        " 'children and armed conflict', its first spelling (line 10)\n"
    )


def test_validate_json_when_valid(cli: Cli, unsc: Path) -> None:
    data = json.loads(cli("-c", str(unsc), "validate", "--json").stdout)
    assert data["valid"] is True
    assert data["errors"] == []
    assert data["counts"] == {
        "resolutions": 5,
        "links": 6,
        "topics": 3,
        "first_year": 1999,
        "last_year": 2009,
    }
    assert len(data["warnings"]) == 1


BROKEN = """\
resolutions:
  - id: a
    year: 2000
    title: t
  - id: b
    year: 1999
    title: t
    follows: [a, zz]
"""


def test_validate_reports_every_problem_with_its_place_and_exits_2(
    cli: Cli, write_catalogue: Callable[[str], Path]
) -> None:
    path = write_catalogue(BROKEN)
    result = cli("-c", str(path), "validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:8:15: resolution 'b' (1999) follows 'a', which is later (2000);"
        " a resolution can only build on earlier ones",
        f"{path}:8:18: resolution 'b' follows unknown resolution 'zz'",
    ]


def test_validate_json_when_invalid(cli: Cli, write_catalogue: Callable[[str], Path]) -> None:
    path = write_catalogue(BROKEN)
    result = cli("-c", str(path), "validate", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert [(e["line"], e["column"]) for e in data["errors"]] == [(8, 15), (8, 18)]
    assert data["errors"][0]["file"] == str(path)


@pytest.mark.parametrize("command", [["list"], ["show", "a"], ["topics"], ["list", "--json"]])
def test_every_command_refuses_an_invalid_catalogue(
    cli: Cli, write_catalogue: Callable[[str], Path], command: list[str]
) -> None:
    path = write_catalogue(BROKEN)
    result = cli("-c", str(path), *command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count(str(path)) == 2


def test_catalogue_from_environment_variable(cli: Cli, unsc: Path) -> None:
    result = cli("list", "--year", "2009", env={"RESLINEAGE_CATALOGUE": str(unsc)})
    assert result.stdout.startswith("1882\t")


def test_missing_catalogue_file_is_exit_2_with_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("-c", str(tmp_path / "missing.yaml"), "list")
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'missing.yaml'}: no such file\n")


def test_version_comes_from_package_metadata(cli: Cli) -> None:
    from importlib.metadata import version

    assert cli("--version").stdout == f"reslineage {version('reslineage')}\n"


@pytest.mark.parametrize("command", ["list", "show", "topics", "validate"])
def test_every_command_has_help_with_text(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert len(result.stdout.split()) > 15


TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "120", "NO_COLOR": "1"}


def _screen(result: Run) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


def test_show_on_a_terminal_is_a_panel_with_both_directions(cli: Cli, unsc: Path) -> None:
    shown = _screen(cli("-c", str(unsc), "show", "1612", env=TERMINAL))
    assert shown.splitlines()[0].startswith("╭─ S/RES/1612 (2005) ")
    assert "date    2005-07-26" in shown
    assert "Builds on" in shown
    assert "reaffirms   S/RES/1379 (2001)   2001-11-20" in shown
    assert "Built on by" in shown
    assert "extended by   1882   2009-08-04" in shown


def test_topics_and_list_on_a_terminal_are_tables_with_counts(cli: Cli, unsc: Path) -> None:
    topics = _screen(cli("-c", str(unsc), "topics", env=TERMINAL))
    assert "children and armed conflict             5    1999   2009" in topics
    assert "3 topics" in topics
    listing = _screen(cli("-c", str(unsc), "list", env=TERMINAL))
    assert "UN Security Council resolutions on children and armed conflict" in listing
    assert "5 resolutions" in listing
