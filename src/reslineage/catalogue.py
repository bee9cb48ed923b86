"""The catalogue model: resolutions, the links between them, topics and id lookup.

Nothing here reads files or prints; the loader builds these records and every other layer reads them.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

#: The closed vocabulary of relations, each with the inverse shown when reading a link forward.
RELATIONS: Mapping[str, str] = {
    "follows": "followed by",
    "recalls": "recalled by",
    "reaffirms": "reaffirmed by",
    "extends": "extended by",
    "amends": "amended by",
    "supersedes": "superseded by",
    "repeals": "repealed by",
}
DEFAULT_RELATION = "follows"
OPTIONAL_TEXT_FIELDS = ("body", "session", "place", "summary")

_TOPIC_SEPARATORS = re.compile(r"[\s_\-]+")
_DIGITS = re.compile(r"(\d+)")


def natural_key(rid: str) -> tuple[tuple[int, str], ...]:
    """Order ids as people do: AGN/65/RES/9 before AGN/65/RES/10."""
    return tuple(
        (int(part), "") if part.isdecimal() else (-1, part) for part in _DIGITS.split(rid) if part
    )


@functools.lru_cache(maxsize=65536)  # catalogues repeat a few hundred topics many times over
def fold_topic(name: str) -> str:
    """The matching key of a topic: case, spaces, hyphens and underscores do not count."""
    return _TOPIC_SEPARATORS.sub(" ", name).strip().casefold()


def inverse_relation(relation: str) -> str:
    """How a link reads from the earlier resolution's side ("amends" → "amended by")."""
    return RELATIONS.get(relation, relation)


@dataclass(frozen=True, slots=True)
class Link:
    """One resolution building on an earlier one; stored on the later (citing) resolution."""

    target: str
    relation: str = DEFAULT_RELATION
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """One resolution as the catalogue describes it."""

    id: str
    year: int
    title: str
    topics: tuple[str, ...] = ()
    follows: tuple[Link, ...] = ()
    date: datetime.date | None = None
    body: str | None = None
    session: str | None = None
    place: str | None = None
    summary: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[int, str, tuple[tuple[int, str], ...], str]:
        """Year, then date (undated first), then id in natural order: the order every view uses."""
        return (
            self.year,
            self.date.isoformat() if self.date else "",
            natural_key(self.id),
            self.id,
        )


@dataclass(frozen=True, slots=True)
class Linked:
    """The resolution at the other end of a link, with the link itself."""

    resolution: Resolution
    link: Link


@dataclass(frozen=True, slots=True)
class TopicSummary:
    """A topic with how many resolutions carry it and the years it spans."""

    topic: str
    count: int
    first_year: int
    last_year: int


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A validated catalogue: resolutions in (year, date, id) order, indexed by id."""

    resolutions: tuple[Resolution, ...]
    path: str = ""
    title: str | None = None
    description: str | None = None
    sources: tuple[str, ...] = ()
    _by_id: dict[str, Resolution] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        resolutions: Iterable[Resolution],
        *,
        path: str = "",
        title: str | None = None,
        description: str | None = None,
        sources: tuple[str, ...] = (),
        presorted: bool = False,
    ) -> Catalogue:
        """Build a catalogue, sorting the resolutions (unless they come `presorted`) and
        indexing them by id."""
        ordered = (
            tuple(resolutions)
            if presorted
            else tuple(sorted(resolutions, key=lambda r: r.sort_key))
        )
        return cls(
            ordered,
            path=path,
            title=title,
            description=description,
            sources=sources,
            _by_id={r.id: r for r in ordered},
        )

    def __len__(self) -> int:
        return len(self.resolutions)

    def __iter__(self) -> Iterator[Resolution]:
        return iter(self.resolutions)

    def __contains__(self, rid: object) -> bool:
        return rid in self._by_id

    def get(self, rid: str) -> Resolution:
        """The resolution with exactly this id (KeyError otherwise)."""
        return self._by_id[rid]

    @property
    def link_count(self) -> int:
        return sum(len(r.follows) for r in self.resolutions)

    @property
    def year_span(self) -> tuple[int, int] | None:
        if not self.resolutions:
            return None
        return (self.resolutions[0].year, self.resolutions[-1].year)


def builds_on(catalogue: Catalogue, resolution: Resolution) -> list[Linked]:
    """The earlier resolutions that `resolution` builds on, in the order its entry lists them."""
    return [Linked(catalogue.get(link.target), link) for link in resolution.follows]


def followers_of(catalogue: Catalogue, rid: str) -> list[Linked]:
    """The resolutions that build on `rid`, in catalogue order, each with its link."""
    return [
        Linked(later, link)
        for later in catalogue.resolutions
        for link in later.follows
        if link.target == rid
    ]


def topic_summaries(catalogue: Catalogue) -> list[TopicSummary]:
    """Every topic with its count and year span, most used first, then by name."""
    years: dict[str, list[int]] = {}
    for resolution in catalogue.resolutions:
        for topic in resolution.topics:
            years.setdefault(topic, []).append(resolution.year)
    summaries = [TopicSummary(t, len(ys), min(ys), max(ys)) for t, ys in years.items()]
    return sorted(summaries, key=lambda s: (-s.count, fold_topic(s.topic)))


def all_topics(catalogue: Catalogue) -> list[str]:
    """The catalogue's topics in their display spelling, sorted by their folded form."""
    seen = {t for r in catalogue.resolutions for t in r.topics}
    return sorted(seen, key=fold_topic)


def closest(query: str, candidates: Iterable[str], limit: int = 5) -> list[str]:
    """Candidates that look like `query`, best first, ignoring case."""
    import difflib  # only when a look-up fails: it costs start-up time otherwise

    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(query.casefold(), by_folded, n=limit, cutoff=0.6)
    return [by_folded[m] for m in matches]


class ResolutionNotFound(LookupError):
    """No resolution matches an id that a user typed."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions


class AmbiguousResolution(LookupError):
    """Several resolutions match an id that a user typed."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = candidates


def find_resolution(catalogue: Catalogue, query: str) -> Resolution:
    """Exact id, then case-insensitive id, then a unique case-insensitive substring of an id."""
    if query in catalogue:
        return catalogue.get(query)
    folded = query.strip().casefold()
    if not folded:
        raise ResolutionNotFound(query, [])
    same = [r for r in catalogue.resolutions if r.id.casefold() == folded]
    if len(same) == 1:
        return same[0]
    if not same:
        same = [r for r in catalogue.resolutions if folded in r.id.casefold()]
        if len(same) == 1:
            return same[0]
    if same:
        raise AmbiguousResolution(query, [r.id for r in same])
    raise ResolutionNotFound(query, closest(query, (r.id for r in catalogue.resolutions)))


class TopicNotFound(LookupError):
    """No topic matches a name that a user typed."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions


def find_topic(catalogue: Catalogue, query: str) -> str:
    """The display spelling of the topic whose folded form equals the query's."""
    topics = all_topics(catalogue)
    wanted = fold_topic(query)
    for topic in topics:
        if fold_topic(topic) == wanted:
            return topic
    raise TopicNotFound(query, similar_topics(wanted, topics))


def similar_topics(folded_query: str, topics: list[str], limit: int = 5) -> list[str]:
    """Topics sharing most of the query's words (word order aside), then ones spelled alike."""
    words = set(folded_query.split())
    overlap = []
    for topic in topics:
        shared = len(words & set(fold_topic(topic).split()))
        if words and shared / len(words) >= 0.5:
            overlap.append((-shared, fold_topic(topic), topic))
    ranked = [topic for _, _, topic in sorted(overlap)]
    for topic in closest(folded_query, topics, limit):
        if topic not in ranked:
            ranked.append(topic)
    return ranked[:limit]


def select(
    catalogue: Catalogue,
    *,
    years: Iterable[int] = (),
    since: int | None = None,
    until: int | None = None,
    topics: Iterable[str] = (),
    search: str | None = None,
) -> list[Resolution]:
    """Resolutions passing every filter given: any of `years`, the range, any of `topics`, the text."""
    wanted_years = set(years)
    wanted_topics = {fold_topic(t) for t in topics}
    needle = search.casefold() if search else None
    chosen = []
    for resolution in catalogue.resolutions:
        if wanted_years and resolution.year not in wanted_years:
            continue
        if since is not None and resolution.year < since:
            continue
        if until is not None and resolution.year > until:
            continue
        if wanted_topics and not wanted_topics.intersection(map(fold_topic, resolution.topics)):
            continue
        if needle is not None and not any(
            needle in text.casefold()
            for text in (resolution.id, resolution.title, resolution.summary or "")
        ):
            continue
        chosen.append(resolution)
    return chosen
