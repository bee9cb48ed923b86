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

    from .extract import Draft
    from .graph import Graph


class ExitStatus(IntEnum):
    """What the exit code tells a script."""

    OK = 0
    NOT_FOUND = 1  # nothing found for a named id or topic
    USAGE = 2  # bad usage or an invalid catalogue
    PARTIAL = 3  # extract wrote a draft but skipped some files


app = typer.Typer(
    name="reslineage",
    help="Explore the lineage of resolutions: which one follows on from which, across years "
    "and topics. Without --catalogue, the bundled INTERPOL catalogue is used.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help imports a Markdown parser, doubling `--help` start-up.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(slots=True)
class State:
    """What the global options chose, shared by every command through `ctx.obj`."""

    catalogue_path: Path | None
    use_cache: bool = True


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"reslineage {__version__}")
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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="RESLINEAGE_NO_CACHE",
            help="Parse the catalogue afresh, neither reading nor writing the cache of large catalogues.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = State(catalogue, use_cache=not no_cache)


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


STATUS_THRESHOLD = 4 * 1024 * 1024  # a catalogue this large takes seconds to parse the first time


def _checked(state: State) -> Checked:
    """Validate the catalogue, with a status line on a terminal's stderr while a big one loads."""
    path = state.catalogue_path
    try:
        size = path.stat().st_size if path is not None else 0
    except OSError:
        size = 0
    if size >= STATUS_THRESHOLD:
        from rich.console import Console

        console = Console(stderr=True)
        if console.is_terminal:
            with console.status(f"Reading {path} ({size / 1e6:.0f} MB)…"):
                return check_catalogue(path, use_cache=state.use_cache)
    return check_catalogue(path, use_cache=state.use_cache)


def _check(ctx: typer.Context) -> Checked:
    try:
        return _checked(ctx.obj)
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
SinceOption = Annotated[int | None, typer.Option(help="From this year on.")]
UntilOption = Annotated[int | None, typer.Option(help="Up to this year.")]
TopicsOption = Annotated[
    list[str] | None,
    typer.Option("--topic", "-t", help="Only resolutions with this topic (repeatable: any)."),
]
ReduceOption = Annotated[
    bool,
    typer.Option("--reduce", help="Keep only links not implied by others (transitive reduction)."),
]


# --- commands ------------------------------------------------------------------------------------


@app.command("list")
def list_command(
    ctx: typer.Context,
    year: Annotated[
        list[int] | None, typer.Option("--year", "-y", help="Only this year (repeatable).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    topic: TopicsOption = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Text to find in id, title or summary (any case)."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List resolutions by year, date and id.

    Examples:

    \b
      reslineage list --since 2009
      reslineage list --topic "child sexual abuse material"
      reslineage list --search encryption --json
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
    """Show one resolution in full, with what it builds on and what builds on it.

    Example:

    \b
      reslineage show AG-2021-89-RES-09
      reslineage show 1612          (a unique part of an id is enough)
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
    """List the topics with their counts and first and last years."""
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
    """Check a catalogue against every rule of the format.

    Prints a one-line summary, or every problem as FILE:LINE:COLUMN: message on stderr.
    Exit 0 when valid, 2 when not.
    """
    from .serialize import problem_to_dict

    try:
        checked = _checked(ctx.obj)
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
    """The console script: run the app, keeping a closed pipe (`| head`) quiet.

    It ends with `os._exit` once output is flushed: tearing down a 100,000-resolution catalogue
    object by object takes longer than the query that used it, and nothing is left to clean up.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app(prog_name="reslineage")
        status = 0
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 141
    os._exit(status)


# --- lineage commands (these need the graph, so they import networkx) -----------------------------


def _graph_of(catalogue: Catalogue, as_of: int | None = None) -> Graph:
    from .cache import gc_paused
    from .graph import as_of as as_of_year
    from .graph import build_graph

    with gc_paused():
        graph = build_graph(catalogue)
    return as_of_year(graph, as_of) if as_of is not None else graph


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A topic (any case; spaces, hyphens, underscores alike). Omit for an overview of all."
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json: JsonOption = False,
) -> None:
    """Follow one topic through time, or see every topic year by year.

    With a topic: its resolutions on a year rail, each with the earlier entries of the same
    timeline it builds on. Without: a topic-by-year table, years grouped to fit the terminal.

    Examples:

    \b
      reslineage timeline "child sexual abuse material"
      reslineage timeline --since 2005
    """
    catalogue = load(ctx)
    if topic is None:
        _overview(catalogue, since, until, json)
        return
    from . import render
    from .timeline import timeline_data, topic_timeline

    name = topic_named(catalogue, topic)
    entries = topic_timeline(catalogue, name, since, until)
    if not entries:
        note(f"No resolutions on {name!r} in that period.")
    if json:
        emit_json(timeline_data(name, entries))
    elif entries:
        emit(
            lambda: render.timeline_view(name, entries),
            lambda: render.timeline_plain(entries),
        )


def _overview(catalogue: Catalogue, since: int | None, until: int | None, json: bool) -> None:
    from . import render
    from .timeline import topic_overview

    console = stdout_console()
    if json or not console.is_terminal:
        overview = topic_overview(catalogue, max_columns=10_000, since=since, until=until)
    else:
        longest = max((len(t) for r in catalogue for t in r.topics), default=10)
        room = console.width - min(longest, 40) - 4
        overview = topic_overview(
            catalogue, max_columns=max(room // 9, 1), since=since, until=until
        )
    if not overview.rows:
        note("No topics in that period.")
    if json:
        emit_json(
            {
                "topic": None,
                "periods": [{"from": lo, "to": hi} for lo, hi in overview.periods],
                "rows": [{"topic": t, "counts": counts} for t, counts in overview.rows],
            }
        )
    elif overview.rows:
        emit(
            lambda: render.overview_view(overview),
            lambda: render.overview_plain(overview),
        )


@app.command("lineage")
def lineage_command(
    ctx: typer.Context,
    resolution_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id, or a unique part of one.")
    ],
    ancestors: Annotated[
        bool, typer.Option("--ancestors", help="Only what it builds on (back in time).")
    ] = False,
    descendants: Annotated[
        bool, typer.Option("--descendants", help="Only what builds on it (forward in time).")
    ] = False,
    depth: Annotated[int | None, typer.Option(min=1, help="At most this many links away.")] = None,
    reduce: ReduceOption = False,
    as_of: Annotated[
        int | None, typer.Option("--as-of", metavar="YEAR", help="The lineage as it stood in YEAR.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Show the lineage of one resolution as a tree, back and forward in time.

    A resolution reached by several routes is printed in full once and marked (*) after that.

    Examples:

    \b
      reslineage lineage AG-2021-89-RES-09 --ancestors
      reslineage lineage 65/RES/9 --descendants
      reslineage -c unsc.yaml lineage 2427 --reduce --depth 3
    """
    from . import render_graph
    from .graph import ANCESTORS, DESCENDANTS, lineage_data, lineage_tree, transitive_reduction

    if ancestors and descendants:
        fail("--ancestors and --descendants exclude each other; give neither for both")
    catalogue = load(ctx)
    resolution = lookup(catalogue, resolution_id)
    if as_of is not None and resolution.year > as_of:
        fail(
            f"{resolution.id} dates from {resolution.year}, after --as-of {as_of}",
            ExitStatus.NOT_FOUND,
        )
    graph = _graph_of(catalogue, as_of)
    if reduce:
        graph = transitive_reduction(graph)
    directions = (
        [ANCESTORS] if ancestors else [DESCENDANTS] if descendants else [ANCESTORS, DESCENDANTS]
    )
    rid = resolution.id
    if json:
        emit_json(lineage_data(graph, rid, directions, depth))
        return
    trees = {d: lineage_tree(graph, rid, d, depth) for d in directions}
    emit(
        lambda: render_graph.lineage_view(graph, rid, trees),
        lambda: render_graph.lineage_plain(graph, trees),
    )


@app.command("path")
def path_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The earlier resolution.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="The later resolution.")],
    all_paths: Annotated[
        bool, typer.Option("--all", help="Every chain, shortest first, not only the shortest.")
    ] = False,
    limit: Annotated[
        int, typer.Option(min=1, help="With --all, stop after this many chains.")
    ] = 100,
    json: JsonOption = False,
) -> None:
    """Find the chain of links between two resolutions.

    Given in the other order, the chain is still found (from the earlier to the later).

    Examples:

    \b
      reslineage path AGN/65/RES/9 AG-2021-89-RES-09
      reslineage -c unsc.yaml path 1261 1882 --all
    """
    from . import render_graph
    from .graph import all_paths as every_path
    from .graph import path_links, shortest_path, sort_key_for

    catalogue = load(ctx)
    first, second = lookup(catalogue, source), lookup(catalogue, target)
    graph = _graph_of(catalogue)
    position = sort_key_for(graph)
    if position(first.id) > position(second.id):
        first, second = second, first
    if all_paths:
        found = every_path(graph, first.id, second.id, limit)
        if not found.paths:
            fail(f"no lineage path between {first.id} and {second.id}", ExitStatus.NOT_FOUND)
        if found.truncated:
            note(f"Stopped after {limit} paths; there are more (raise --limit).")
        if json:
            emit_json({"paths": found.paths, "truncated": found.truncated})
        else:
            emit(lambda: render_graph.paths_view(found), lambda: render_graph.paths_plain(found))
        return
    path = shortest_path(graph, first.id, second.id)
    if path is None:
        fail(f"no lineage path between {first.id} and {second.id}", ExitStatus.NOT_FOUND)
    if json:
        emit_json(
            {
                "path": path,
                "links": [
                    {"source": u, "target": v, "relation": r} for u, v, r in path_links(graph, path)
                ],
            }
        )
    else:
        emit(
            lambda: render_graph.path_view(graph, path),
            lambda: render_graph.path_plain(graph, path),
        )


@app.command("stats")
def stats_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """Summarise the catalogue: counts, years, roots, leaves, chains, groups."""
    from . import render_graph
    from .graph import catalogue_stats

    catalogue = load(ctx)
    stats = catalogue_stats(catalogue, _graph_of(catalogue))
    if json:
        emit_json(stats)
    else:
        emit(lambda: render_graph.stats_view(stats), lambda: render_graph.stats_plain(stats))


@app.command("export")
def export_command(
    ctx: typer.Context,
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="graphml, gexf, json, cytoscape, dot, mermaid, csv, neo4j, cypher or svg. "
            "Default: from the -o extension, else json.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (a directory for neo4j). Default: stdout."
        ),
    ] = None,
    topic: TopicsOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    around: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Only the lineage around this resolution."),
    ] = None,
    depth: Annotated[
        int | None, typer.Option(min=1, help="With --around: at most this many links away.")
    ] = None,
    reduce: ReduceOption = False,
    nodes: Annotated[
        bool, typer.Option("--nodes", help="With csv: one row per resolution instead of per link.")
    ] = False,
) -> None:
    """Export the graph for Gephi, Cytoscape, yEd, Graphviz, Mermaid, CSV or Neo4j.

    Output is deterministic (sorted), and a file is replaced only once it is completely written.

    Examples:

    \b
      reslineage export -o lineage.graphml
      reslineage export -f mermaid --around AG-2021-89-RES-09
      reslineage export -f neo4j -o neo4j-import/
    """
    from .export import FORMATS, format_for_path, format_list
    from .files import OutputError, write_atomically, write_files_atomically
    from .graph import select_subgraph, transitive_reduction

    if format_name is not None:
        fmt = FORMATS.get(format_name.lower())
        if fmt is None or fmt.name == "csv-nodes":
            fail(f"unknown format {format_name!r}; formats: {format_list()}")
    elif output is not None and format_for_path(output) is not None:
        fmt = format_for_path(output)
    elif output is not None:
        fail(f"cannot tell the format from {str(output)!r}; give --format, one of: {format_list()}")
    else:
        fmt = FORMATS["json"]
    assert fmt is not None
    if nodes:
        if fmt.name != "csv":
            fail("--nodes goes with --format csv")
        fmt = FORMATS["csv-nodes"]
    if fmt.directory and output is None:
        fail(f"{fmt.name} writes several files: give a directory with -o DIR")
    if depth is not None and around is None:
        fail("--depth goes with --around ID")
    catalogue = load(ctx)
    topics = [topic_named(catalogue, t) for t in topic or []]
    centre = lookup(catalogue, around).id if around is not None else None
    graph = select_subgraph(
        _graph_of(catalogue), topics=topics, since=since, until=until, around=centre, depth=depth
    )
    if reduce:
        graph = transitive_reduction(graph)
    if graph.number_of_nodes() == 0:
        note("No resolutions match; the export is empty.")
    try:
        written = fmt.write(graph)
    except ValueError as refusal:  # a writer's own limit, e.g. too many resolutions to draw
        fail(str(refusal))
    try:
        if isinstance(written, dict):
            assert output is not None
            write_files_atomically(output, written)
            note(f"Wrote {', '.join(str(output / name) for name in written)}")
        elif output is None:
            sys.stdout.write(written)
        else:
            write_atomically(output, written)
            note(
                f"Wrote {output} ({fmt.name}: {graph.number_of_nodes()} resolutions, "
                f"{graph.number_of_edges()} links)"
            )
    except OutputError as error:
        fail(str(error))


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Text files, or folders searched for *.txt."),
    ],
    style: Annotated[
        str,
        typer.Option(help="Citation style: unsc, unga, interpol or auto (from the headings)."),
    ] = "auto",
    id_pattern: Annotated[
        str | None,
        typer.Option(
            "--id-pattern",
            metavar="REGEX",
            help="A regular expression for another body's ids (group 'id', optional group 'year').",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Catalogue file to write (default: stdout)."),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout (needs -o).")
    ] = False,
) -> None:
    """Draft a catalogue from resolution texts: their ids, years and the citations between them.

    Every citation of an earlier resolution in the set becomes a link, with the citing clause as
    its note and FILE:LINE as its source. Citations of resolutions outside the set are counted
    on stderr. Exit 0, or 3 when the draft was written but some files were skipped.

    Examples:

    \b
      reslineage extract texts/ -o draft.yaml
      reslineage extract --style unsc S_RES_*.txt > draft.yaml
      reslineage extract --id-pattern 'Decision (?P<id>\\d+/\\d+)' decisions/ -o draft.yaml
    """
    from . import extract
    from .files import OutputError, write_atomically
    from .writer import catalogue_yaml

    if json and output is None:
        fail("--json prints the summary on stdout, so give the draft a file with -o")
    files = extract.text_files(paths)
    if not files:
        fail("no text files found in " + ", ".join(map(str, paths)))
    contents: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for path in _progress(files, "Reading texts"):
        try:
            contents.append((str(path), extract.read_file(path)))
        except extract.TextSkipped as reason:
            skipped.append((str(path), str(reason)))
    if id_pattern is not None:
        import re

        try:
            chosen = extract.custom_style(id_pattern)
        except re.error as error:
            fail(f"--id-pattern is not a valid regular expression: {error}")
    elif style == "auto":
        chosen = extract.detect_style(text for _, text in contents)
    elif style in extract.STYLES:
        chosen = extract.STYLES[style]
    else:
        fail(f"unknown style {style!r}; styles: auto, {', '.join(extract.STYLES)}")
    texts = []
    for name, text in contents:
        try:
            texts.append(extract.read_text(text, name, chosen))
        except extract.TextSkipped as reason:
            skipped.append((name, str(reason)))
    draft = extract.build_draft(texts, skipped)
    header = [
        f"Draft catalogue written by reslineage extract ({chosen.name} style)",
        f"from {len(files)} text file{'s' if len(files) != 1 else ''} under "
        + ", ".join(str(p) for p in paths)
        + f": {len(draft.resolutions)} resolutions, {draft.link_count} links.",
        "Each link's note is the citing clause and its source FILE:LINE: check them by hand.",
    ]
    written = catalogue_yaml(draft.resolutions, header=header)
    try:
        if output is None:
            sys.stdout.write(written)
        else:
            write_atomically(output, written)
    except OutputError as error:
        fail(str(error))
    _report_draft(draft, output, json)
    if draft.skipped:
        raise typer.Exit(int(ExitStatus.PARTIAL))


def _progress(items: list[Path], label: str) -> Iterable[Path]:
    """Items, with a progress bar on a terminal's stderr when there are many."""
    from rich.console import Console

    console = Console(stderr=True)
    if len(items) < 200 or not console.is_terminal:
        return items
    from rich.progress import track

    return track(items, description=label, console=console, transient=True)


def _report_draft(draft: Draft, output: Path | None, json: bool) -> None:
    """The summary of a draft: on stderr for people, or as JSON on stdout."""
    references = sum(draft.outside.values())
    most_cited = draft.outside.most_common(10)
    if json:
        emit_json(
            {
                "written": str(output) if output else None,
                "resolutions": len(draft.resolutions),
                "links": draft.link_count,
                "skipped": [{"file": f, "reason": r} for f, r in draft.skipped],
                "cited_not_in_set": {
                    "references": references,
                    "resolutions": len(draft.outside),
                    "most_cited": [{"id": i, "count": c} for i, c in most_cited],
                },
                "cited_not_earlier": sum(draft.later.values()),
            }
        )
        return
    from .render import printable

    for name, reason in draft.skipped:
        note(f"{printable(name)}: skipped: {printable(reason)}")
    note(
        f"Drafted {len(draft.resolutions)} resolutions with {draft.link_count} links"
        + (f" to {output}" if output else "")
        + "."
    )
    if references:
        shown = ", ".join(f"{printable(i)} ({c})" for i, c in most_cited)
        note(
            f"Cited but not in the set: {references} references to {len(draft.outside)} "
            f"resolutions; most cited: {shown}"
        )
    if draft.later:
        note(
            f"Citations of resolutions in the set that are not earlier (ignored): {sum(draft.later.values())}"
        )
