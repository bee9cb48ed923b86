"""A cache of parsed, validated catalogues, so that a large catalogue is parsed once, not per command.

Entries are JSON (never pickle), named by the SHA-256 of the catalogue's bytes and the tool's
version, and checked against a digest of their own content. The cache is treated as untrusted
input: anything unexpected in it (corrupt, truncated, tampered, unreadable, from another
version) means a miss and the catalogue is parsed again. It never makes a command fail.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .catalogue import Catalogue, Link, Resolution
from .serialize import resolution_to_dict

CACHE_FORMAT = 1
_MAGIC = b"reslineage-cache"


def cache_directory() -> Path:
    """`$XDG_CACHE_HOME/reslineage`, or the platform's usual cache folder."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "reslineage"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "reslineage"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "reslineage" / "Cache"
    return Path.home() / ".cache" / "reslineage"


def cache_key(data: bytes) -> str:
    """The entry name for a catalogue's bytes under this version of the tool."""
    digest = hashlib.sha256(data)
    from . import __version__

    digest.update(b"\0" + __version__.encode())
    return digest.hexdigest()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made, then freeze
    what was made so that later collections do not walk it again.

    Building a 100,000-resolution catalogue otherwise spends most of its time in collections
    that find nothing to free; the catalogue lives until the command ends anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# --- writing ---------------------------------------------------------------------------------------


def store(key: str, catalogue: Catalogue, warnings: list[dict[str, Any]]) -> None:
    """Write an entry atomically; a cache that cannot be written is silently skipped."""
    payload = json.dumps(
        {
            "format": CACHE_FORMAT,
            "catalogue": {
                "title": catalogue.title,
                "description": catalogue.description,
                "sources": list(catalogue.sources),
            },
            "resolutions": [resolution_to_dict(r) for r in catalogue.resolutions],
            "warnings": warnings,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    header = _MAGIC + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    directory = cache_directory()
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f".{key}.{os.getpid()}.tmp"
        try:
            with temporary.open("wb") as stream:
                stream.write(header + payload)
            os.replace(temporary, directory / f"{key}.json")
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()


# --- reading ---------------------------------------------------------------------------------------


class _Invalid(Exception):
    pass


def _text(value: object, *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Invalid
    return value


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid
    return tuple(value)


def _resolution(record: object) -> Resolution:
    if not isinstance(record, dict):
        raise _Invalid
    year = record["year"]
    if not isinstance(year, int) or isinstance(year, bool):
        raise _Invalid
    links = []
    for link in record["follows"]:
        if not isinstance(link, dict):
            raise _Invalid
        links.append(
            Link(
                _text(link["id"], optional=False),  # type: ignore[arg-type]
                _text(link["relation"], optional=False),  # type: ignore[arg-type]
                _text(link.get("note")),
                _text(link.get("source")),
            )
        )
    date = record.get("date")
    return Resolution(
        id=_text(record["id"], optional=False),  # type: ignore[arg-type]
        year=year,
        title=_text(record["title"], optional=False),  # type: ignore[arg-type]
        topics=_texts(record["topics"]),
        follows=tuple(links),
        date=datetime.date.fromisoformat(date) if isinstance(date, str) else None,
        body=_text(record.get("body")),
        session=_text(record.get("session")),
        place=_text(record.get("place")),
        summary=_text(record.get("summary")),
        sources=_texts(record.get("sources", [])),
    )


def _is_warning(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("message"), str)
        and all(value.get(k) is None or type(value.get(k)) is int for k in ("line", "column"))
    )


def load(key: str, name: str) -> tuple[Catalogue, list[dict[str, Any]]] | None:
    """The cached catalogue and its warnings, or None on any kind of miss."""
    path = cache_directory() / f"{key}.json"
    try:
        raw = path.read_bytes()
        header, _, payload = raw.partition(b"\n")
        magic, _, digest = header.partition(b" ")
        if magic != _MAGIC or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        data = json.loads(payload)
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        info = data["catalogue"]
        resolutions = [_resolution(record) for record in data["resolutions"]]
        ids = {r.id for r in resolutions}
        if len(ids) != len(resolutions) or any(
            link.target not in ids for r in resolutions for link in r.follows
        ):
            return None
        catalogue = Catalogue.of(
            resolutions,
            path=name,
            title=_text(info.get("title")),
            description=_text(info.get("description")),
            sources=_texts(info.get("sources", [])),
            presorted=True,  # stored in order, and the digest vouches for the content
        )
        warnings = data["warnings"]
        if not isinstance(warnings, list) or not all(_is_warning(w) for w in warnings):
            return None
        return catalogue, warnings
    except (OSError, ValueError, KeyError, TypeError, AttributeError, _Invalid, RecursionError):
        return None
