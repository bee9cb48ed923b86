"""What only a real process shows: piping, exit codes, `python -m`, terminal detection."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ESCAPE = re.compile(r"\x1b\[")


def reslineage(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed package as a separate process with stdout piped."""
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR")
    }
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reslineage", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_piped_list_is_one_complete_line_per_record_even_in_40_columns(tmp_path: Path) -> None:
    result = reslineage("list", env={"COLUMNS": "40"}, cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    assert not ESCAPE.search(result.stdout)
    longest = max(lines, key=len)
    assert len(longest) > 200  # nothing wrapped or cut to the 40 columns
    assert all(line.count("\t") == 3 for line in lines)
    assert lines[-1].startswith(
        "AG-2021-89-RES-09\t2021\tAddressing the challenges faced by law enforcement"
    )


def test_piped_output_works_with_grep_and_cut(tmp_path: Path) -> None:
    listing = reslineage("list", cwd=tmp_path).stdout
    years = [
        line.split("\t")[1]
        for line in listing.splitlines()
        if "child sexual abuse material" in line
    ]
    assert years == ["1996", "2005", "2009", "2011", "2021"]


def test_terminal_output_is_a_rich_table_and_honours_no_color(tmp_path: Path) -> None:
    coloured = reslineage("list", env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"}, cwd=tmp_path)
    assert "8 resolutions" in coloured.stdout
    assert re.search(r"\x1b\[3\dm", coloured.stdout)  # a foreground colour
    plain = reslineage(
        "list", env={"TTY_COMPATIBLE": "1", "COLUMNS": "120", "NO_COLOR": "1"}, cwd=tmp_path
    )
    assert "8 resolutions" in plain.stdout
    assert not re.search(r"\x1b\[[0-9;]*3\dm", plain.stdout)


def test_invalid_catalogue_exit_code_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("resolutions:\n  - {id: a, year: never, title: t}\n", encoding="utf-8")
    result = reslineage("-c", str(bad), "list")
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr == f"{bad}:2:19: resolution 'a': 'year' must be a whole number, not 'never'\n"
    )


def test_unknown_command_is_usage_error(tmp_path: Path) -> None:
    result = reslineage("lsit", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    shell = subprocess.run(
        f"{sys.executable} -m reslineage list | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert shell.stdout.startswith("AGN/65/RES/9\t1996")
    assert "Traceback" not in shell.stderr


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate"]])
def test_runs_from_an_empty_directory(tmp_path: Path, args: list[str]) -> None:
    result = reslineage(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout
