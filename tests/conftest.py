"""Shared helpers: write a catalogue into tmp_path, run the real CLI, and a UN-style catalogue."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from reslineage.cli import app

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Run:
    """What a user sees from one command: exit code, stdout, stderr."""

    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run reslineage in-process, as a pipe would see it (stdout is not a terminal)."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


@pytest.fixture
def write_catalogue(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML text (dedented) to a file in tmp_path and return its path."""
    counter = iter(range(1000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"catalogue{next(counter)}.yaml")
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def unsc(tmp_path: Path) -> Path:
    """A user catalogue of UN Security Council resolutions: awkward ids, YAML dates, several links."""
    path = tmp_path / "unsc.yaml"
    path.write_text((DATA / "unsc-children.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


# Hypothesis: a short profile for CI (the default) and a thorough one for local runs:
#   HYPOTHESIS_PROFILE=thorough pytest tests/test_properties.py
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the cache of the person running the tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
