"""Model records as Rich renderables for a terminal, and as plain tab-separated lines for pipes.

Data never reaches the terminal as markup or raw control characters: every string from a
catalogue goes through `printable` and into a `rich.text.Text`, which Rich does not parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .catalogue import Linked, Resolution, TopicSummary, inverse_relation

if TYPE_CHECKING:
    from .timeline import Overview, TimelineEntry

_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\"}
_UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {
    code: _NAMED_ESCAPES.get(chr(code), f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in _UNSAFE
}
_ESCAPES_KEEPING_LINES = {code: text for code, text in _ESCAPES.items() if code != ord("\n")}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control and bidi-override characters shown as escapes (\\x1b).

    Backslashes are left as they are; only characters that could act on the terminal change.
    """
    return text.translate(_ESCAPES_KEEPING_LINES if keep_newlines else _ESCAPES)


def plain_line(fields: Iterable[object]) -> str:
    """One record as a tab-separated line, each field made printable so that no tab or newline leaks."""
    return "\t".join(printable(str(field)) for field in fields)


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def _when(resolution: Resolution) -> str:
    return resolution.date.isoformat() if resolution.date else str(resolution.year)


# --- list -------------------------------------------------------------------------------------


def resolutions_table(resolutions: Sequence[Resolution], title: str | None = None) -> Table:
    """The `list` view: id, year, title and topics, with a count under it."""
    count = len(resolutions)
    table = Table(
        title=_text(title) if title else None,
        caption=f"{count} resolution{'s' if count != 1 else ''}",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("year", justify="right")
    table.add_column("title", ratio=3)
    table.add_column("topics", ratio=2, style="green")
    for r in resolutions:
        table.add_row(_text(r.id), Text(str(r.year)), _text(r.title), _text(", ".join(r.topics)))
    return table


def resolutions_plain(resolutions: Iterable[Resolution]) -> Iterator[str]:
    """The `list` view for pipes: id, year, title, topics (joined by '; '), one line each."""
    for r in resolutions:
        yield plain_line((r.id, r.year, r.title, "; ".join(r.topics)))


# --- show -------------------------------------------------------------------------------------

_DETAIL_FIELDS = ("date", "body", "session", "place")


def _details(resolution: Resolution) -> list[tuple[str, str]]:
    rows = [("year", str(resolution.year))]
    for field in _DETAIL_FIELDS:
        value = getattr(resolution, field)
        if value is not None:
            rows.append((field, value.isoformat() if field == "date" else value))
    if resolution.topics:
        rows.append(("topics", ", ".join(resolution.topics)))
    return rows


def resolution_panel(
    resolution: Resolution, earlier: Sequence[Linked], followers: Sequence[Linked]
) -> RenderableType:
    """The `show` view: a panel with the record, then what it builds on and what builds on it."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for name, value in _details(resolution):
        grid.add_row(name, _text(value))
    parts: list[RenderableType] = [_text(resolution.title, "bold"), Text(""), grid]
    if resolution.summary:
        parts += [Text(""), Text(printable(resolution.summary, keep_newlines=True))]
    if resolution.sources:
        parts += [Text(""), Text("sources", style="bold")]
        parts += [_text(f"• {source}") for source in resolution.sources]
    panel = Panel(Group(*parts), title=_text(resolution.id, "bold cyan"), title_align="left")
    links = Table(box=box.SIMPLE_HEAD, header_style="bold", title="Builds on", title_justify="left")
    for name in ("relation", "id", "adopted", "note", "source"):
        links.add_column(name, no_wrap=name in ("relation", "id"))
    for e in earlier:
        links.add_row(
            _text(e.link.relation),
            _text(e.resolution.id, "cyan"),
            Text(_when(e.resolution)),
            _text(e.link.note or ""),
            _text(e.link.source or ""),
        )
    later = Table(
        box=box.SIMPLE_HEAD, header_style="bold", title="Built on by", title_justify="left"
    )
    for name in ("relation", "id", "adopted", "note", "source"):
        later.add_column(name, no_wrap=name in ("relation", "id"))
    for f in followers:
        later.add_row(
            _text(inverse_relation(f.link.relation)),
            _text(f.resolution.id, "cyan"),
            Text(_when(f.resolution)),
            _text(f.link.note or ""),
            _text(f.link.source or ""),
        )
    shown: list[RenderableType] = [panel]
    shown.append(links if earlier else Text("Builds on: nothing in this catalogue", "dim"))
    shown.append(later if followers else Text("Built on by: nothing in this catalogue", "dim"))
    return Group(*shown)


def resolution_plain(
    resolution: Resolution, earlier: Sequence[Linked], followers: Sequence[Linked]
) -> Iterator[str]:
    """The `show` view for pipes: one `field<TAB>value` line per field, one line per link."""
    yield plain_line(("id", resolution.id))
    yield plain_line(("title", resolution.title))
    for name, value in _details(resolution):
        yield plain_line((name, value.replace(", ", "; ") if name == "topics" else value))
    if resolution.summary:
        yield plain_line(("summary", resolution.summary))
    for source in resolution.sources:
        yield plain_line(("source", source))
    for e in earlier:
        yield plain_line(
            (
                "builds on",
                e.resolution.id,
                e.resolution.year,
                e.link.relation,
                e.link.note or "",
                e.link.source or "",
            )
        )
    for f in followers:
        yield plain_line(
            (
                "built on by",
                f.resolution.id,
                f.resolution.year,
                inverse_relation(f.link.relation),
                f.link.note or "",
                f.link.source or "",
            )
        )


# --- topics -----------------------------------------------------------------------------------


def topics_table(summaries: Sequence[TopicSummary]) -> Table:
    """The `topics` view: each topic with its count and first and last year."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption=f"{len(summaries)} topics")
    table.add_column("topic", style="green")
    table.add_column("resolutions", justify="right")
    table.add_column("first", justify="right")
    table.add_column("last", justify="right")
    for s in summaries:
        table.add_row(_text(s.topic), str(s.count), str(s.first_year), str(s.last_year))
    return table


def topics_plain(summaries: Iterable[TopicSummary]) -> Iterator[str]:
    for s in summaries:
        yield plain_line((s.topic, s.count, s.first_year, s.last_year))


# --- timelines ---------------------------------------------------------------------------------


def period_label(lo: int, hi: int) -> str:
    """A year, or a span of years such as 2005–2009."""
    return str(lo) if lo == hi else f"{lo}–{hi}"


def timeline_view(topic: str, entries: Sequence[TimelineEntry]) -> RenderableType:
    """A vertical year rail: year, id and title, with what each entry builds on."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="cyan", no_wrap=True)
    grid.add_column()
    previous_year: int | None = None
    for entry in entries:
        year = str(entry.year) if entry.year != previous_year else ""
        previous_year = entry.year
        grid.add_row(
            year,
            Text("●", style="magenta"),
            Text(printable(entry.id)),
            Text(printable(entry.title)),
        )
        if entry.builds_on:
            shown = ", ".join(printable(i) for i in entry.builds_on)
            grid.add_row(
                "", Text("│", style="magenta"), "", Text(f"↳ builds on {shown}", style="green")
            )
        if entry.builds_on_outside:
            shown = ", ".join(printable(i) for i in entry.builds_on_outside)
            grid.add_row(
                "",
                Text("│", style="magenta"),
                "",
                Text(f"↳ also builds on, outside this topic: {shown}", style="dim"),
            )
    heading = Text.assemble(
        ("Timeline: ", "bold"), (printable(topic), "bold green"), f"  ({len(entries)} resolutions)"
    )
    return Group(heading, Text(""), grid)


def timeline_plain(entries: Sequence[TimelineEntry]) -> Iterator[str]:
    """year, id, title, builds on (in the topic), builds on (outside), one line per entry."""
    for e in entries:
        yield plain_line(
            (e.year, e.id, e.title, "; ".join(e.builds_on), "; ".join(e.builds_on_outside))
        )


def overview_view(overview: Overview) -> RenderableType:
    """Topics as rows, years or periods as columns, a count per cell."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("topic", style="green", no_wrap=False, min_width=12)
    for lo, hi in overview.periods:
        table.add_column(
            period_label(lo, hi) if lo == hi else f"{lo}–{str(hi)[-2:]}", justify="right"
        )
    for topic, counts in overview.rows:
        table.add_row(
            Text(printable(topic)), *[str(c) if c else Text("·", style="dim") for c in counts]
        )
    return table


def overview_plain(overview: Overview) -> Iterator[str]:
    """topic, period, count: one line per non-empty cell."""
    for topic, counts in overview.rows:
        for (lo, hi), count in zip(overview.periods, counts, strict=True):
            if count:
                yield plain_line((topic, period_label(lo, hi), count))
