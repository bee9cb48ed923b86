"""The command line: parse arguments, call the core, pick a renderer, map errors to exit codes.

Heavy modules (networkx, exporters, Rich tables) are imported inside the commands that use them,
so that `--help` and `list` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .catalogue import (
    AmbiguousResolution,
    Catalogue,
    Resolution,
    ResolutionNotFound,
    TopicNotFound,
    find_resolution,
    find_topic,
)
from .loader import CatalogueError, Checked, Problem, check_catalogue

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class ExitStatus(IntEnum):
    """What the exit code tells a script."""

    OK = 0
    NOT_FOUND = 1  # nothing found for a named id or topic
    USAGE = 2  # bad usage or an invalid catalogue


app = typer.Typer(
    name="reslineage",
    help="Explore the lineage of resolutions: which one follows on from which, across years "
    "and topics. Without --catalogue, the bundled INTERPOL catalogue is used.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(slots=True)
class State:
    """What the global options chose, shared by every command through `ctx.obj`."""

    catalogue_path: Path | None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"reslineage {version('reslineage')}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    catalogue: Annotated[
        Path | None,
        typer.Option(
            "--catalogue",
            "-c",
            envvar="RESLINEAGE_CATALOGUE",
            help="Catalogue file (YAML) to read instead of the bundled one.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = State(catalogue)


# --- plumbing shared by the commands -------------------------------------------------------------


def fail(message: str, status: ExitStatus = ExitStatus.USAGE) -> NoReturn:
    """One `Error: …` line on stderr, then exit with `status`."""
    from .render import printable

    sys.stderr.write(f"Error: {printable(message)}\n")
    raise typer.Exit(int(status))


def _report_problems(problems: Iterable[Problem], *, label: str = "") -> None:
    from .render import printable

    for problem in problems:
        text = str(problem)
        if label:
            place, _, message = text.partition(": ")
            text = f"{place}: {label}: {message}"
        sys.stderr.write(printable(text) + "\n")


def _check(ctx: typer.Context) -> Checked:
    state: State = ctx.obj
    try:
        return check_catalogue(state.catalogue_path)
    except CatalogueError as error:
        _report_problems(error.problems)
        raise typer.Exit(int(ExitStatus.USAGE)) from None


def load(ctx: typer.Context) -> Catalogue:
    """The validated catalogue the global options name; an invalid one ends the command."""
    return _check(ctx).catalogue


def lookup(catalogue: Catalogue, query: str) -> Resolution:
    """A resolution by the forgiving id lookup, or exit 1 naming the candidates."""
    try:
        return find_resolution(catalogue, query)
    except AmbiguousResolution as error:
        shown = ", ".join(error.candidates[:10])
        more = f" and {len(error.candidates) - 10} more" if len(error.candidates) > 10 else ""
        fail(f"{query!r} matches several resolutions: {shown}{more}", ExitStatus.NOT_FOUND)
    except ResolutionNotFound as error:
        hint = f"; closest: {', '.join(error.suggestions)}" if error.suggestions else ""
        fail(f"no resolution {query!r} in the catalogue{hint}", ExitStatus.NOT_FOUND)


def topic_named(catalogue: Catalogue, query: str) -> str:
    """A topic's display spelling, or exit 1 with the closest topics."""
    try:
        return find_topic(catalogue, query)
    except TopicNotFound as error:
        hint = f"; closest: {', '.join(error.suggestions)}" if error.suggestions else ""
        fail(f"no topic {query!r} in the catalogue{hint}", ExitStatus.NOT_FOUND)


def stdout_console() -> Console:
    """A console on stdout; `is_terminal` decides between Rich views and plain lines."""
    from rich.console import Console

    return Console(highlight=False)


def emit(rich_view: Callable[[], RenderableType], plain_lines: Callable[[], Iterable[str]]) -> None:
    """Rich on a terminal; plain, complete, unwrapped lines when piped."""
    console = stdout_console()
    if console.is_terminal:
        console.print(rich_view())
    else:
        for line in plain_lines():
            sys.stdout.write(line + "\n")


def emit_json(data: object) -> None:
    from .serialize import to_json

    sys.stdout.write(to_json(data) + "\n")


def note(message: str) -> None:
    """An informational line on stderr (never mixed into data on stdout)."""
    sys.stderr.write(message + "\n")


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# --- commands ------------------------------------------------------------------------------------


@app.command("list")
def list_command(
    ctx: typer.Context,
    year: Annotated[
        list[int] | None, typer.Option("--year", "-y", help="Only this year (repeatable).")
    ] = None,
    since: Annotated[int | None, typer.Option(help="From this year on.")] = None,
    until: Annotated[int | None, typer.Option(help="Up to this year.")] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option("--topic", "-t", help="Only resolutions with this topic (repeatable: any)."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Text to find in id, title or summary (any case)."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List resolutions by year, date and id.

    Examples: reslineage list --since 2009 · reslineage list --topic "child sexual abuse
    material" · reslineage list --search encryption --json
    """
    from .catalogue import select

    catalogue = load(ctx)
    topics = [topic_named(catalogue, t) for t in topic or []]
    chosen = select(
        catalogue, years=year or [], since=since, until=until, topics=topics, search=search
    )
    if not chosen:
        note("No resolutions match.")
    if json:
        from .serialize import resolution_to_dict

        emit_json([resolution_to_dict(r) for r in chosen])
    elif chosen:
        from . import render

        emit(
            lambda: render.resolutions_table(chosen, catalogue.title),
            lambda: render.resolutions_plain(chosen),
        )


@app.command("show")
def show_command(
    ctx: typer.Context,
    resolution_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id, or a unique part of one (1612).")
    ],
    json: JsonOption = False,
) -> None:
    """Show everything known about one resolution, what it builds on and what builds on it.

    Example: reslineage show AG-2021-89-RES-09
    """
    from .catalogue import builds_on, followers_of

    catalogue = load(ctx)
    resolution = lookup(catalogue, resolution_id)
    earlier = builds_on(catalogue, resolution)
    followers = followers_of(catalogue, resolution.id)
    if json:
        from .serialize import show_to_dict

        emit_json(show_to_dict(resolution, followers))
    else:
        from . import render

        emit(
            lambda: render.resolution_panel(resolution, earlier, followers),
            lambda: render.resolution_plain(resolution, earlier, followers),
        )


@app.command("topics")
def topics_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the topics, each with its number of resolutions and its first and last year."""
    from .catalogue import topic_summaries

    summaries = topic_summaries(load(ctx))
    if json:
        from .serialize import topic_to_dict

        emit_json([topic_to_dict(s) for s in summaries])
    else:
        from . import render

        emit(lambda: render.topics_table(summaries), lambda: render.topics_plain(summaries))


@app.command("validate")
def validate_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """Check the catalogue against every rule of the format; print a summary or every problem.

    Exit 0 when valid, 2 when not; problems are printed as FILE:LINE:COLUMN: message.
    """
    from .serialize import problem_to_dict

    state: State = ctx.obj
    try:
        checked = check_catalogue(state.catalogue_path)
    except CatalogueError as error:
        if json:
            emit_json(
                {
                    "valid": False,
                    "errors": [problem_to_dict(p) for p in error.problems],
                    "warnings": [problem_to_dict(p) for p in error.warnings],
                    "counts": None,
                }
            )
        else:
            _report_problems(error.problems)
            _report_problems(error.warnings, label="warning")
        raise typer.Exit(int(ExitStatus.USAGE)) from None
    catalogue = checked.catalogue
    from .catalogue import all_topics

    span = catalogue.year_span
    counts = {
        "resolutions": len(catalogue),
        "links": catalogue.link_count,
        "topics": len(all_topics(catalogue)),
        "first_year": span[0] if span else None,
        "last_year": span[1] if span else None,
    }
    if json:
        emit_json(
            {
                "valid": True,
                "errors": [],
                "warnings": [problem_to_dict(p) for p in checked.warnings],
                "counts": counts,
            }
        )
        return
    _report_problems(checked.warnings, label="warning")
    years = f", {span[0]}–{span[1]}" if span else ""
    from .render import printable

    sys.stdout.write(
        f"{printable(catalogue.path)}: valid: {counts['resolutions']} resolutions, "
        f"{counts['links']} links, {counts['topics']} topics{years}\n"
    )


def main() -> None:
    """The console script: run the app, keeping a closed pipe (`| head`) quiet."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app(prog_name="reslineage")
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
