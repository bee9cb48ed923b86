"""The README is a promise: its commands are the ones CI runs, and its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && reslineage list"
)
INSTALL_AND_TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
)


def test_first_screen_shows_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:70])
    assert INSTALL_AND_RUN in first_screen
    assert INSTALL_AND_TEST in first_screen


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert INSTALL_AND_TEST in ci.splitlines()


def test_every_command_the_readme_names_exists() -> None:
    from conftest import run_cli

    named = set(re.findall(r"^reslineage (?:-c \S+ )?([a-z]+)", README, flags=re.MULTILINE))
    assert named  # the README shows commands at all
    for command in named:
        assert run_cli(command, "--help").exit_code == 0, command


def _sample(command: str) -> str:
    """The output the README shows under `$ COMMAND`, up to the end of its code block."""
    return README.split(f"$ {command}\n", 1)[1].split("```", 1)[0].strip("\n")


@pytest.mark.parametrize(
    ("command", "columns"),
    [
        ("reslineage list --since 2014", "96"),
        ("reslineage lineage AG-2021-89-RES-09 --ancestors", "100"),
        ("reslineage -c docs/examples/broken.yaml validate", "100"),
    ],
)
def test_readme_samples_are_what_the_tool_prints(
    command: str, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import run_cli

    monkeypatch.chdir(ROOT)
    env = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": columns}
    result = run_cli(*command.split()[1:], env=env)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    assert "\n".join(line.rstrip() for line in shown.strip("\n").splitlines()) == _sample(command)
