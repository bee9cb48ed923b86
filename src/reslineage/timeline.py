"""Topic timelines and the topic-by-year overview: queries on the catalogue alone.

They need no graph library, so `timeline` starts as fast as `list`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .catalogue import Catalogue, fold_topic


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A resolution on a topic's timeline, with what it builds on inside and outside the topic."""

    id: str
    year: int
    title: str
    builds_on: tuple[str, ...]
    builds_on_outside: tuple[str, ...]


def topic_timeline(
    catalogue: Catalogue, topic: str, since: int | None = None, until: int | None = None
) -> list[TimelineEntry]:
    """The topic's resolutions in time order; `builds_on` names earlier entries of the same
    timeline (newest first), `builds_on_outside` the ones it builds on outside the topic."""
    wanted = fold_topic(topic)
    chosen = [
        r
        for r in catalogue.resolutions
        if any(fold_topic(t) == wanted for t in r.topics)
        and (since is None or r.year >= since)
        and (until is None or r.year <= until)
    ]
    members = {r.id for r in chosen}
    entries = []
    for resolution in chosen:
        earlier = sorted(
            (catalogue.get(link.target) for link in resolution.follows),
            key=lambda r: r.sort_key,
            reverse=True,
        )
        entries.append(
            TimelineEntry(
                resolution.id,
                resolution.year,
                resolution.title,
                tuple(r.id for r in earlier if r.id in members),
                tuple(r.id for r in earlier if r.id not in members),
            )
        )
    return entries


@dataclass(frozen=True, slots=True)
class Overview:
    """Topic-by-period counts: `periods` are (first year, last year) column heads."""

    periods: list[tuple[int, int]]
    rows: list[tuple[str, list[int]]]


def topic_overview(
    catalogue: Catalogue,
    max_columns: int,
    since: int | None = None,
    until: int | None = None,
) -> Overview:
    """How many resolutions each topic has per year, or per period of years when the years
    would not fit in `max_columns` columns (periods of 2, 5, 10, 25, 50 or 100 years)."""
    chosen = [
        r
        for r in catalogue.resolutions
        if (since is None or r.year >= since) and (until is None or r.year <= until)
    ]
    if not chosen:
        return Overview([], [])
    first, last = chosen[0].year, chosen[-1].year
    for width in (1, 2, 5, 10, 25, 50, 100, 1000):
        start = first - first % width if width > 1 else first
        periods = [(y, min(y + width - 1, last)) for y in range(start, last + 1, width)]
        if len(periods) <= max(max_columns, 1):
            break
    column = {year: i for i, (lo, hi) in enumerate(periods) for year in range(lo, hi + 1)}
    counts: dict[str, list[int]] = {}
    for resolution in chosen:
        for topic in resolution.topics:
            counts.setdefault(topic, [0] * len(periods))[column[resolution.year]] += 1
    rows = sorted(counts.items(), key=lambda item: (-sum(item[1]), fold_topic(item[0])))
    return Overview(periods, rows)


def timeline_data(topic: str, entries: Iterable[TimelineEntry]) -> dict[str, Any]:
    """The `timeline TOPIC --json` record."""
    return {
        "topic": topic,
        "entries": [
            {
                "id": e.id,
                "year": e.year,
                "title": e.title,
                "builds_on": list(e.builds_on),
                "builds_on_outside": list(e.builds_on_outside),
            }
            for e in entries
        ],
    }
