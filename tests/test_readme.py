"""The README is a promise: its commands are the ones CI runs, and its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

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
