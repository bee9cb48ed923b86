"""Read a YAML catalogue, validate every rule, and build the model; the one module that imports yaml.

Parsing takes the fast path (PyYAML's C loader when libyaml is present) and keeps no positions;
only when there is a problem to report is the file composed again to find each problem's line.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .catalogue import (
    DEFAULT_RELATION,
    OPTIONAL_TEXT_FIELDS,
    RELATIONS,
    Catalogue,
    Link,
    Resolution,
    closest,
    fold_topic,
)

BUNDLED_NAME = "resolutions.yaml"
MIN_CACHED_SIZE = 256 * 1024  # smaller catalogues parse faster than a cache look-up pays back
MIN_YEAR, MAX_YEAR = 1000, 2200

TOP_LEVEL_FIELDS = ("catalogue", "resolutions")
CATALOGUE_FIELDS = ("title", "description", "sources")
RESOLUTION_FIELDS = (
    "id",
    "year",
    "title",
    "topics",
    "follows",
    "date",
    "body",
    "session",
    "place",
    "summary",
    "sources",
)
LINK_FIELDS = ("id", "relation", "note", "source")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) in a catalogue, with its place in the file."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"


class CatalogueError(Exception):
    """A catalogue that cannot be used, with every problem found in it."""

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = ()) -> None:
        super().__init__(str(problems[0]) if problems else "invalid catalogue")
        self.problems = list(problems)
        self.warnings = list(warnings)


@dataclass(frozen=True, slots=True)
class Checked:
    """A catalogue that passed validation, and the warnings met on the way."""

    catalogue: Catalogue
    warnings: list[Problem]


def excerpt(value: object, limit: int = 40) -> str:
    """A short, printable description of a value for a message; never the whole of a big value."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        shown = repr(value[:limit])
        return shown + "…" if len(value) > limit else shown
    if isinstance(value, int | float):
        return repr(value)[:limit]
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"[:limit]
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__} value"


# --- parsing -------------------------------------------------------------------------------

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    pass


class _RawInt(int):
    """An integer whose YAML spelling is not its plain digits (010, 0x1f, 1_000): ids keep the text."""

    raw: str


class _CatalogueLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, made strict where PyYAML is lenient: duplicate keys and odd dates."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, yaml.Mark, yaml.Mark]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, yaml.Mark] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                first = seen.get(key_node.value)
                if first is not None:
                    self.duplicate_keys.append((key_node.value, key_node.start_mark, first))
                else:
                    seen[key_node.value] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_timestamp_or_text(self, node: yaml.ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:  # looks like a date but is not one (2021-02-30): let validation say so
            return node.value

    def construct_int_keeping_text(self, node: yaml.ScalarNode) -> int:
        number: int = self.construct_yaml_int(node)
        text = str(node.value)
        if text != str(number):
            odd = _RawInt(number)
            odd.raw = text
            return odd
        return number


_CatalogueLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _CatalogueLoader.construct_timestamp_or_text
)
_CatalogueLoader.add_constructor(
    "tag:yaml.org,2002:int", _CatalogueLoader.construct_int_keeping_text
)


def _position(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    if mark is None:
        return (None, None)
    return (mark.line + 1, mark.column + 1)


def _yaml_error_problem(name: str, error: yaml.YAMLError, text: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        at_line = before.count("\n") + 1
        at_column = error.position - (before.rfind("\n") + 1) + 1
        message = f"character U+{error.character:04X} is not allowed in YAML text"
        return Problem(name, at_line, at_column, message)
    if isinstance(error, yaml.constructor.ConstructorError) and (error.problem or "").startswith(
        "could not determine a constructor"
    ):
        line, column = _position(error.problem_mark)
        tag = (error.problem or "").rpartition(" ")[2]
        message = f"YAML tag {tag} is not allowed: a catalogue holds plain data only"
        return Problem(name, line, column, message)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = _position(mark)
        parts = [p for p in (error.context, error.problem) if p]
        message = "; ".join(parts) or "invalid YAML"
        return Problem(name, line, column, f"YAML syntax error: {_one_line(message)}")
    return Problem(name, None, None, f"YAML error: {_one_line(str(error))}")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


class _Locator:
    """Finds where a path of keys and indexes sits in the file; composes the YAML only when asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def _tree(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=_BaseLoader)
            except (yaml.YAMLError, RecursionError):
                self._root = None
        return self._root

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `path`, or of its key when `key` is set."""
        node = self._tree()
        if node is None:
            return (None, None)
        best: yaml.Node = node
        # The last of duplicate keys wins, as in the data. A node that starts before its parent
        # was reached through an alias: stop there and point at the place of use, not definition.
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            found: yaml.Node | None = None
            used_at: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                        found = key_node if (key and last) else value_node
                        used_at = key_node
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                found, used_at = node.value[step], node
            if found is None or used_at is None:
                break
            if found.start_mark.index < node.start_mark.index:
                best = used_at
                break
            node = best = found
        return _position(best.start_mark)


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, or CatalogueError for anything that is not a readable regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CatalogueError([Problem(name, None, None, "no such file")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise CatalogueError([Problem(name, None, None, f"cannot read: {reason}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise CatalogueError([Problem(name, None, None, "is a directory, not a catalogue file")])
    if not stat.S_ISREG(info.st_mode):
        raise CatalogueError(
            [Problem(name, None, None, "is not a regular file (a pipe, socket or device)")]
        )
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CatalogueError([Problem(name, None, None, f"cannot read: {reason}")]) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or CatalogueError at the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise CatalogueError([Problem(name, line, column, message)]) from None
    return text


def parse_yaml(text: str, name: str) -> object:
    """The YAML document as plain Python data; duplicate keys and syntax errors raise CatalogueError."""
    loader = _CatalogueLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        raise CatalogueError([_yaml_error_problem(name, error, text)]) from None
    except RecursionError:
        raise CatalogueError([Problem(name, None, None, "YAML nested too deeply")]) from None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        problems = []
        for key, mark, first in loader.duplicate_keys:
            line, column = _position(mark)
            message = (
                f"duplicate key {excerpt(key)} (first at line {first.line + 1}); one would be lost"
            )
            problems.append(Problem(name, line, column, message))
        raise CatalogueError(problems)
    return data


# --- validation ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """What validation learned of one resolution entry, before the cross-checks."""

    index: int
    id: str | None
    year: int | None
    date: datetime.date | None
    fields: dict[str, Any]
    links: list[tuple[int, Link]]


def _suggest(word: str, allowed: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


class _Validator:
    """Checks plain data against the catalogue format, collecting every problem with its place."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.locator = _Locator(text)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: PathKey, message: str, *, key: bool = False) -> None:
        line, column = self.locator.locate(path, key=key)
        self.problems.append(Problem(self.name, line, column, message))

    def warn(self, path: PathKey, message: str) -> None:
        line, column = self.locator.locate(path)
        self.warnings.append(Problem(self.name, line, column, message))

    def check_fields(
        self, mapping: Mapping[Any, Any], allowed: Sequence[str], path: PathKey, what: str
    ) -> None:
        for field in mapping:
            if field not in allowed:
                shown = excerpt(field) if not isinstance(field, str) else repr(field[:40])
                hint = _suggest(field, allowed) if isinstance(field, str) else ""
                self.error(
                    (*path, field),
                    f"unknown field {shown} in {what}{hint or '; allowed: ' + ', '.join(allowed)}",
                    key=True,
                )

    def text(
        self, mapping: Mapping[str, Any], field: str, path: PathKey, who: str, *, required: bool
    ) -> str | None:
        value = mapping.get(field)
        if value is None:
            if required:
                where = path if field not in mapping else (*path, field)
                self.error(where, f"{who}: missing required field {field!r}")
            return None
        if field == "session" and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error((*path, field), f"{who}: {field!r} must be text, not {excerpt(value)}")
            return None
        if not value.strip():
            if required:
                self.error((*path, field), f"{who}: {field!r} is empty")
            return None
        return value.strip()

    def text_list(
        self, mapping: Mapping[str, Any], field: str, path: PathKey, who: str
    ) -> list[str]:
        value = mapping.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            hint = f" (write [{value}])" if isinstance(value, str) and len(value) < 60 else ""
            self.error(
                (*path, field), f"{who}: {field!r} must be a list, not {excerpt(value)}{hint}"
            )
            return []
        items = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                shown = "empty text" if isinstance(item, str) else excerpt(item)
                self.error((*path, field, i), f"{who}: each of {field!r} must be text, not {shown}")
                return []  # one report per list: a list of a million bad items is one mistake
            items.append(item.strip())
        return items

    def identifier(self, value: object, path: PathKey, what: str) -> str | None:
        if isinstance(value, _RawInt):
            return value.raw
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if value is None:
            self.error(path, f"{what} is missing")
            return None
        if not isinstance(value, str):
            self.error(path, f"{what} must be text or a number, not {excerpt(value)}")
            return None
        if not value.strip():
            self.error(path, f"{what} is empty")
            return None
        if value != value.strip():
            self.error(path, f"{what} {excerpt(value)} has spaces at its start or end")
            return None
        if _CONTROL.search(value):
            self.error(path, f"{what} {excerpt(value)} holds a line break or control character")
            return None
        return value

    def year(self, entry: Mapping[str, Any], path: PathKey, who: str) -> int | None:
        value = entry.get("year")
        if value is None:
            where = path if "year" not in entry else (*path, "year")
            self.error(where, f"{who}: missing required field 'year'")
            return None
        where = (*path, "year")
        if isinstance(value, bool) or not isinstance(value, int):
            hint = " (remove the quotes)" if isinstance(value, str) and value.isdigit() else ""
            self.error(where, f"{who}: 'year' must be a whole number, not {excerpt(value)}{hint}")
            return None
        if isinstance(value, _RawInt):
            self.error(where, f"{who}: 'year' must be written in plain digits, not {value.raw!r}")
            return None
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.error(where, f"{who}: year {value} is not plausible ({MIN_YEAR}–{MAX_YEAR})")
            return None
        return value

    def date(
        self, entry: Mapping[str, Any], year: int | None, path: PathKey, who: str
    ) -> datetime.date | None:
        value = entry.get("date")
        if value is None:
            return None
        where = (*path, "date")
        if isinstance(value, datetime.datetime):
            self.error(where, f"{who}: 'date' must be a day (YYYY-MM-DD) without a time")
            return None
        if isinstance(value, str):
            if not _ISO_DATE.fullmatch(value.strip()):
                self.error(where, f"{who}: 'date' must be YYYY-MM-DD, not {excerpt(value)}")
                return None
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                self.error(where, f"{who}: 'date' {excerpt(value)} is not a real date")
                return None
        if not isinstance(value, datetime.date):
            self.error(where, f"{who}: 'date' must be YYYY-MM-DD, not {excerpt(value)}")
            return None
        if year is not None and value.year != year:
            self.error(where, f"{who}: date {value.isoformat()} is not in its year {year}")
            return None
        return value

    def link(self, item: object, path: PathKey, who: str) -> Link | None:
        if not isinstance(item, Mapping):
            if isinstance(item, list | tuple):
                self.error(path, f"{who}: a link must be an id or a mapping with 'id', not a list")
                return None
            target = self.identifier(item, path, f"{who}: linked id")
            return Link(target) if target is not None else None
        self.check_fields(item, LINK_FIELDS, path, f"a link of {who}")
        target = self.identifier(
            item.get("id"), (*path, "id") if "id" in item else path, f"{who}: linked id"
        )
        relation = item.get("relation", DEFAULT_RELATION)
        if relation not in RELATIONS:
            allowed = ", ".join(RELATIONS)
            hint = _suggest(relation, RELATIONS) if isinstance(relation, str) else ""
            self.error(
                (*path, "relation"),
                f"{who}: unknown relation {excerpt(relation)}{hint} (allowed: {allowed})",
            )
            relation = DEFAULT_RELATION  # already reported; keep the link for the cross-checks
        note = self.text(item, "note", path, who, required=False)
        source = self.text(item, "source", path, who, required=False)
        if target is None:
            return None
        return Link(target, relation, note, source)

    def entry(self, index: int, raw: object) -> _Entry:
        path: PathKey = ("resolutions", index)
        if not isinstance(raw, Mapping):
            self.error(
                path, f"resolution #{index + 1} must be a mapping of fields, not {excerpt(raw)}"
            )
            return _Entry(index, None, None, None, {}, [])
        rid = self.identifier(
            raw.get("id"), (*path, "id") if "id" in raw else path, f"resolution #{index + 1}: 'id'"
        )
        who = f"resolution {rid!r}" if rid is not None else f"resolution #{index + 1}"
        self.check_fields(raw, RESOLUTION_FIELDS, path, who)
        year = self.year(raw, path, who)
        fields: dict[str, Any] = {
            "title": self.text(raw, "title", path, who, required=True),
            "topics": self.text_list(raw, "topics", path, who),
            "sources": self.text_list(raw, "sources", path, who),
        }
        for name in OPTIONAL_TEXT_FIELDS:
            fields[name] = self.text(raw, name, path, who, required=False)
        date = self.date(raw, year, path, who)
        links: list[tuple[int, Link]] = []
        follows = raw.get("follows")
        if follows is not None and not isinstance(follows, list):
            self.error(
                (*path, "follows"), f"{who}: 'follows' must be a list, not {excerpt(follows)}"
            )
        for i, item in enumerate(follows if isinstance(follows, list) else []):
            link = self.link(item, (*path, "follows", i), who)
            if link is not None:
                links.append((i, link))
        return _Entry(index, rid, year, date, fields, links)


def _find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Each cycle once, as the ids along it; iterative so that long chains do not recurse."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles: list[list[str]] = []
    for start in sorted(edges):
        if start in state:
            continue
        stack: list[tuple[str, Iterable[str]]] = [(start, iter(edges.get(start, ())))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(iter(children), None)
            if child is None:
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                cycles.append([*trail[trail.index(child) :], child])
            elif child not in state:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(edges.get(child, ()))))
    return cycles


def _cross_check(validator: _Validator, entries: list[_Entry]) -> None:
    """The rules that need the whole catalogue: unique ids, known targets, time order, no cycles."""
    first_index: dict[str, int] = {}
    for entry in entries:
        if entry.id is None:
            continue
        if entry.id in first_index:
            line, _ = validator.locator.locate(("resolutions", first_index[entry.id]))
            validator.error(
                ("resolutions", entry.index),
                f"duplicate id {entry.id!r}: also used by the resolution at line {line}",
            )
        else:
            first_index[entry.id] = entry.index
    by_id: dict[str, _Entry] = {
        e.id: e for e in entries if e.id is not None and first_index.get(e.id) == e.index
    }
    edges: dict[str, list[str]] = {}
    for entry in entries:
        if entry.id is None:
            continue
        seen: set[str] = set()
        for i, link in entry.links:
            path: PathKey = ("resolutions", entry.index, "follows", i)
            who = f"resolution {entry.id!r}"
            target = by_id.get(link.target)
            if link.target == entry.id:
                validator.error(path, f"{who} follows itself")
            elif link.target in seen:
                validator.error(path, f"{who} links to {link.target!r} twice")
            elif target is None:
                near = closest(link.target, (i for i in by_id if i != entry.id))
                hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
                validator.error(path, f"{who} follows unknown resolution {link.target!r}{hint}")
            elif entry.year is not None and target.year is not None and target.year > entry.year:
                validator.error(
                    path,
                    f"{who} ({entry.year}) follows {link.target!r}, which is later ({target.year});"
                    " a resolution can only build on earlier ones",
                )
            elif (
                entry.year == target.year
                and entry.date is not None
                and target.date is not None
                and target.date > entry.date
            ):
                validator.error(
                    path,
                    f"{who} ({entry.date.isoformat()}) follows {link.target!r},"
                    f" which is later ({target.date.isoformat()})",
                )
            else:
                edges.setdefault(entry.id, []).append(link.target)
            seen.add(link.target)
    for cycle in _find_cycles(edges):
        validator.error(
            ("resolutions", first_index[cycle[0]], "follows"),
            "links form a cycle: " + " → ".join(map(repr, cycle)),
        )


def _topic_spellings(validator: _Validator, entries: list[_Entry]) -> None:
    """Fold topic spellings to the first one used, warning once for each other spelling."""
    first: dict[str, tuple[str, int]] = {}
    warned: set[str] = set()
    for entry in entries:
        topics: list[str] = []
        for i, topic in enumerate(entry.fields.get("topics", [])):
            key = fold_topic(topic)
            if key not in first:
                first[key] = (topic, entry.index)
            shown, where = first[key]
            if topic != shown and topic not in warned:
                warned.add(topic)
                line, _ = validator.locator.locate(("resolutions", where, "topics"))
                validator.warn(
                    ("resolutions", entry.index, "topics", i),
                    f"topic {topic!r} is shown as {shown!r}, its first spelling (line {line})",
                )
            if shown not in topics:
                topics.append(shown)
        entry.fields["topics"] = topics


def validate_data(data: object, name: str, text: str) -> Checked:
    """Check parsed YAML against the format and build the catalogue, or raise with every problem."""
    validator = _Validator(name, text)
    if data is None:
        raise CatalogueError(
            [Problem(name, 1, 1, "the file is empty; a catalogue needs 'resolutions:'")]
        )
    if not isinstance(data, Mapping):
        raise CatalogueError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"the top level must be a mapping with 'resolutions:', not {excerpt(data)}",
                )
            ]
        )
    validator.check_fields(data, TOP_LEVEL_FIELDS, (), "the catalogue file")
    header = data.get("catalogue") or {}
    info: dict[str, Any] = {}
    if not isinstance(header, Mapping):
        validator.error(("catalogue",), f"'catalogue' must be a mapping, not {excerpt(header)}")
    else:
        validator.check_fields(header, CATALOGUE_FIELDS, ("catalogue",), "'catalogue'")
        info["title"] = validator.text(header, "title", ("catalogue",), "catalogue", required=False)
        info["description"] = validator.text(
            header, "description", ("catalogue",), "catalogue", required=False
        )
        info["sources"] = tuple(validator.text_list(header, "sources", ("catalogue",), "catalogue"))
    raw_entries = data.get("resolutions")
    if "resolutions" not in data:
        validator.error((), "the catalogue has no 'resolutions:' list")
        raw_entries = []
    elif not isinstance(raw_entries, list):
        validator.error(
            ("resolutions",), f"'resolutions' must be a list, not {excerpt(raw_entries)}"
        )
        raw_entries = []
    entries = [validator.entry(i, raw) for i, raw in enumerate(raw_entries)]
    _cross_check(validator, entries)
    _topic_spellings(validator, entries)
    if validator.problems:
        raise CatalogueError(_in_file_order(validator.problems), _in_file_order(validator.warnings))
    resolutions = [_resolution(entry) for entry in entries]
    catalogue = Catalogue.of(resolutions, path=name, **info)
    return Checked(catalogue, _in_file_order(validator.warnings))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _resolution(entry: _Entry) -> Resolution:
    assert entry.id is not None  # both guaranteed when validation found no problem
    assert entry.year is not None
    fields = entry.fields
    return Resolution(
        id=entry.id,
        year=entry.year,
        title=fields["title"],
        topics=tuple(fields["topics"]),
        follows=tuple(link for _, link in entry.links),
        date=entry.date,
        body=fields["body"],
        session=fields["session"],
        place=fields["place"],
        summary=fields["summary"],
        sources=tuple(fields["sources"]),
    )


# --- entry points ------------------------------------------------------------------------------


def bundled_catalogue_path() -> Path:
    """Where the catalogue shipped inside the package lies on disk."""
    return Path(str(resources.files("reslineage") / "data" / BUNDLED_NAME))


def check_text(text: str, name: str) -> Checked:
    """Parse and validate a catalogue given as text; `name` is what messages call the file."""
    return validate_data(parse_yaml(text, name), name, text)


def check_catalogue(
    path: str | os.PathLike[str] | None = None, *, use_cache: bool = True
) -> Checked:
    """Read and validate a catalogue file (the bundled one when no path is given).

    A large catalogue's validated records are kept in the cache (see `cache`), so that the next
    command on the same bytes skips parsing; `use_cache=False` neither reads nor writes it.
    """
    file = Path(path) if path is not None else bundled_catalogue_path()
    name = os.fspath(path) if path is not None else str(file)
    data = read_bytes(file, name)
    if len(data) < MIN_CACHED_SIZE:  # parsed faster than the cache could be read
        return check_text(decode(data, name), name)
    from . import cache

    key = cache.cache_key(data) if use_cache else None
    with cache.gc_paused():
        hit = cache.load(key, name) if key is not None else None
        if hit is not None:
            catalogue, warnings = hit
            return Checked(
                catalogue, [Problem(name, w["line"], w["column"], w["message"]) for w in warnings]
            )
        checked = check_text(decode(data, name), name)
        if key is not None:
            warnings = [
                {"line": w.line, "column": w.column, "message": w.message} for w in checked.warnings
            ]
            cache.store(key, checked.catalogue, warnings)
    return checked


def load_catalogue(
    path: str | os.PathLike[str] | None = None, *, use_cache: bool = True
) -> Catalogue:
    """A validated catalogue, or CatalogueError listing every problem in it."""
    return check_catalogue(path, use_cache=use_cache).catalogue
