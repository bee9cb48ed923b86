"""Model records as plain JSON-ready data: the shape of every `--json` output and of exports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .catalogue import (
    OPTIONAL_TEXT_FIELDS,
    Link,
    Linked,
    Resolution,
    TopicSummary,
    inverse_relation,
)
from .loader import Problem


def link_to_dict(link: Link) -> dict[str, Any]:
    """A link as the catalogue format writes it: id and relation, note and source when known."""
    data: dict[str, Any] = {"id": link.target, "relation": link.relation}
    if link.note is not None:
        data["note"] = link.note
    if link.source is not None:
        data["source"] = link.source
    return data


def resolution_fields(resolution: Resolution) -> dict[str, Any]:
    """A resolution's own fields but its id and links: year, title, topics, then each optional
    field it has (the date as a date, lists as lists). Graph nodes carry exactly these."""
    fields: dict[str, Any] = {
        "year": resolution.year,
        "title": resolution.title,
        "topics": list(resolution.topics),
    }
    if resolution.date is not None:
        fields["date"] = resolution.date
    for name in OPTIONAL_TEXT_FIELDS:
        value = getattr(resolution, name)
        if value is not None:
            fields[name] = value
    if resolution.sources:
        fields["sources"] = list(resolution.sources)
    return fields


def resolution_to_dict(resolution: Resolution) -> dict[str, Any]:
    """Every field of a resolution as JSON-ready data; optional fields only when present."""
    data: dict[str, Any] = {"id": resolution.id, **resolution_fields(resolution)}
    if resolution.date is not None:
        data["date"] = resolution.date.isoformat()
    data["follows"] = [link_to_dict(link) for link in resolution.follows]
    return data


def linked_to_dict(follower: Linked) -> dict[str, Any]:
    """A later resolution seen from the one it builds on, with the relation read backwards."""
    data: dict[str, Any] = {
        "id": follower.resolution.id,
        "year": follower.resolution.year,
        "title": follower.resolution.title,
        "relation": follower.link.relation,
        "inverse": inverse_relation(follower.link.relation),
    }
    if follower.link.note is not None:
        data["note"] = follower.link.note
    if follower.link.source is not None:
        data["source"] = follower.link.source
    return data


def topic_to_dict(summary: TopicSummary) -> dict[str, Any]:
    return {
        "topic": summary.topic,
        "count": summary.count,
        "first_year": summary.first_year,
        "last_year": summary.last_year,
    }


def show_to_dict(resolution: Resolution, followers: Iterable[Linked]) -> dict[str, Any]:
    """One resolution with what builds on it (`followed_by`) added."""
    data = resolution_to_dict(resolution)
    data["followed_by"] = [linked_to_dict(f) for f in followers]
    return data


def to_json(data: object) -> str:
    """JSON for people and jq alike: indented, UTF-8 kept as is, keys in a stable order."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }
