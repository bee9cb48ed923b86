"""Hostile text in a valid catalogue, and hostile files: shown, never obeyed; refused, never crashed."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pydot
import pytest
from conftest import DATA, Run

from reslineage.loader import CatalogueError, load_catalogue

Cli = Callable[..., Run]
HOSTILE_TEXT = DATA / "hostile-text.yaml"
HOSTILE_FILES = DATA / "hostile"
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours and bold, nothing else
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

COMMANDS = [
    ["list"],
    ["show", "ansi"],
    ["show", "markup"],
    ["topics"],
    ["timeline"],
    ["timeline", "[link=https://evil.example]click[/link]"],
    ["lineage", "ansi"],
    ["path", "markup", "rtl"],
    ["stats"],
    ["validate"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("env", [TERMINAL, {}], ids=["terminal", "piped"])
def test_no_control_sequence_from_the_data_reaches_the_terminal(
    cli: Cli, command: list[str], env: dict[str, str]
) -> None:
    result = cli("-c", str(HOSTILE_TEXT), *command, env=env)
    assert result.exit_code == 0, result.stderr
    shown = RICH_STYLE.sub("", result.stdout)
    assert not UNSAFE.search(shown), repr(UNSAFE.search(shown))
    assert "\x1b]8;;" not in result.stdout  # no hyperlink escape, not even Rich's
    if not env:
        assert "\x1b" not in result.stdout


def test_control_characters_are_shown_escaped(cli: Cli) -> None:
    listing = cli("-c", str(HOSTILE_TEXT), "list").stdout
    assert "\\x1b[31mRED\\x1b[0m \\x1b]8;;https://evil.example\\x1b\\link" in listing
    assert "rtl \\u202eesrever" in listing
    shown = cli("-c", str(HOSTILE_TEXT), "show", "markup").stdout
    assert "summary\tLine one\\nLine two\\rOverwritten\\x08\\x08\\x08backspaces\\x07BELL" in shown


@pytest.mark.parametrize("env", [TERMINAL, {}], ids=["terminal", "piped"])
def test_rich_markup_in_data_is_printed_literally(cli: Cli, env: dict[str, str]) -> None:
    result = cli("-c", str(HOSTILE_TEXT), "list", env={**env, "NO_COLOR": "1", "COLUMNS": "250"})
    shown = RICH_STYLE.sub("", result.stdout)
    assert "[b]markup-id[/b]" in shown
    assert "[bold red]x[/bold red] and a stray [/b] closing tag" in shown
    assert "[link=https://evil.example]click[/link]" in shown


def test_json_keeps_the_exact_strings(cli: Cli) -> None:
    records = json.loads(cli("-c", str(HOSTILE_TEXT), "list", "--json").stdout)
    ansi = next(r for r in records if r["id"] == "ansi")
    assert (
        ansi["title"]
        == "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ end"
    )
    assert ansi["follows"][0]["note"] == "note with \x1b[2J clear-screen and \u202eevil override"
    rtl = next(r for r in records if r["id"].startswith("rtl"))
    assert rtl["id"] == "rtl \u202eesrever"


def test_errors_about_hostile_values_are_escaped_too(
    cli: Cli, write_catalogue: Callable[[str], Path]
) -> None:
    path = write_catalogue('resolutions:\n  - {id: a, year: "\\e[31m\\a2005", title: t}\n')
    result = cli("-c", str(path), "list")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31m\\x072005" in result.stderr


# --- exports of hostile text stay valid in their formats ---------------------------------------


def export(cli: Cli, fmt: str) -> str:
    result = cli("-c", str(HOSTILE_TEXT), "export", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_parse_with_control_characters_made_visible(cli: Cli, fmt: str) -> None:
    text = export(cli, fmt)
    root = ET.fromstring(text.encode("utf-8"))
    values = " ".join(el.text or "" for el in root.iter()) + " ".join(
        v for el in root.iter() for v in el.attrib.values()
    )
    assert "\\x1b[31mRED" in values
    assert "\u202e" in values  # not an XML-forbidden character: kept as it is


def test_dot_and_mermaid_of_hostile_text(cli: Cli) -> None:
    (graph,) = pydot.graph_from_dot_data(export(cli, "dot"))
    assert len([e for e in graph.get_edges() if e.get("style") != "invis"]) == 2
    mermaid = export(cli, "mermaid")
    assert "\x1b" not in mermaid
    assert all(line.startswith(("flowchart", "  r")) for line in mermaid.splitlines())


def test_csv_and_json_exports_keep_exact_strings(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(export(cli, "csv"))))
    assert {r["note"] for r in rows} >= {"note with \x1b[2J clear-screen and \u202eevil override"}
    nodes = json.loads(export(cli, "json"))["nodes"]
    assert any(
        n["summary"] == "Line one\nLine two\rOverwritten\b\b\bbackspaces\aBELL"
        for n in nodes
        if "summary" in n
    )


# --- hostile files -----------------------------------------------------------------------------------

HOSTILE_CASES = {
    "nul-byte.yaml": (4, "character U+0000 is not allowed in YAML text"),
    "tab-indent.yaml": (
        3,
        "YAML syntax error: while scanning a plain scalar; found a tab character that violates indentation",
    ),
    "latin1.yaml": (2, "not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    "python-tag.yaml": (
        4,
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: a catalogue holds plain data only",
    ),
    "custom-tag.yaml": (4, "YAML tag '!include' is not allowed: a catalogue holds plain data only"),
    "binary-tag.yaml": (2, "resolution #1: 'id' must be text or a number, not a bytes value"),
    "set-tag.yaml": (5, "resolution 'a': 'topics' must be a list, not a set value"),
    "two-documents.yaml": (
        3,
        "YAML syntax error: expected a single document in the stream; but found another document",
    ),
    "top-level-list.yaml": (1, "the top level must be a mapping with 'resolutions:', not a list"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_hostile_file_gets_one_clear_error_with_its_place(cli: Cli, name: str) -> None:
    line, message = HOSTILE_CASES[name]
    path = HOSTILE_FILES / name
    result = cli("-c", str(path), "validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:")
    assert first.endswith(f": {message}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["bom.yaml", "crlf.yaml"])
def test_byte_order_mark_and_crlf_load_correctly(name: str) -> None:
    catalogue = load_catalogue(HOSTILE_FILES / name)
    assert [r.id for r in catalogue] == ["a"]
    assert "\r" not in catalogue.get("a").title


def test_anchors_used_as_ids_or_years_point_at_the_place_of_use(cli: Cli) -> None:
    path = HOSTILE_FILES / "anchor-mapping-as-id.yaml"
    assert cli("-c", str(path), "validate").stderr.splitlines()[1:] == [
        f"{path}:3:5: resolution #1: 'id' must be text or a number, not a mapping",
        f"{path}:7:5: resolution 'b': 'year' must be a whole number, not a mapping",
    ]


def test_billion_laughs_is_answered_without_expanding(cli: Cli) -> None:
    path = HOSTILE_FILES / "billion-laughs.yaml"
    errors = cli("-c", str(path), "validate").stderr.splitlines()
    assert errors[-2:] == [
        f"{path}:13:5: resolution 'a': 'title' must be text, not a list",
        f"{path}:14:5: resolution 'a': each of 'topics' must be text, not a list",
    ]
    assert len(errors) == 11  # nine unknown top-level fields, then the two above


def _run_bounded(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate in a separate process under a hard memory cap; the timeout only guards a hang."""
    import resource

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-m", "reslineage", "--no-cache", "-c", str(path), "validate"],
        capture_output=True,
        text=True,
        preexec_fn=cap_memory,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("resolutions: " + "[" * 50_000 + "]" * 50_000 + "\n", id="flow"),
        pytest.param(
            "resolutions:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), id="block"
        ),
        pytest.param("resolutions: " + "- " * 50_000 + "x\n", id="dashes"),
    ],
)
def test_deep_nesting_is_one_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = _run_bounded(path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{path}:")
    assert "Traceback" not in result.stderr


def test_a_single_line_of_tens_of_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "long-line.yaml"
    path.write_text(
        'resolutions: [{id: a, year: 2000, title: "' + "x" * 30_000_000 + '"}]\n', encoding="utf-8"
    )
    result = _run_bounded(path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{path}: valid: 1 resolutions, 0 links, 0 topics, 2000–2000\n"


def test_random_bytes_give_only_catalogue_errors(tmp_path: Path) -> None:
    import random

    generator = random.Random(7)
    for i in range(200):
        path = tmp_path / f"random-{i}.yaml"
        path.write_bytes(
            bytes(generator.randrange(256) for _ in range(generator.randrange(1, 400)))
        )
        with pytest.raises(CatalogueError) as caught:
            load_catalogue(path)
        assert caught.value.problems
