"""Draft a catalogue from resolution texts: each text's own id, year and date, and its citations
of other resolutions, turned into links with the citing clause as evidence.

Pure functions over text; reading files and writing the draft is the caller's business.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Link, Resolution

EVIDENCE_WIDTH = 300
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
}
_DATE = re.compile(r"\bof\s+(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Reference:
    """One resolution a body's texts can name: its canonical id, year (if the id says it), and
    a sequence number that orders resolutions of the same year."""

    id: str
    year: int | None
    number: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Style:
    """How one body writes its ids: in a heading, in a citation, and in file names."""

    name: str
    heading: re.Pattern[str]
    citations: tuple[re.Pattern[str], ...]
    listed: re.Pattern[str] | None  # items of a list after "resolutions", e.g. "661 (1990)"
    file_name: re.Pattern[str] | None
    make: Callable[[re.Match[str]], Reference]


def _unsc(match: re.Match[str]) -> Reference:
    number, year = int(match["n"]), int(match["y"])
    return Reference(f"S/RES/{number} ({year})", year, (number,))


def _unga(match: re.Match[str]) -> Reference:
    session, number = int(match["s"]), int(match["n"])
    return Reference(f"A/RES/{session}/{number}", None, (session, number))


def _interpol(match: re.Match[str]) -> Reference:
    if match["agn"]:
        session, number = int(match["agn"]), int(match["agn_n"])
        return Reference(f"AGN/{session}/RES/{number}", None, (session, number))
    year, number = int(match["y"]), int(match["n"])
    if match["s"]:
        return Reference(f"AG-{year}-{match['s']}-RES-{match['n']}", year, (year, number))
    return Reference(f"AG-{year}-RES-{match['n']}", year, (year, number))


_UNSC_NUMBER = r"(?P<n>\d{1,5})\s*\(\s*(?P<y>\d{4})\s*\)"
_UNGA_NUMBER = r"(?P<s>\d{1,2})/(?P<n>\d{1,4})"
_INTERPOL_ID = (
    r"\b(?:AG-(?P<y>\d{4})-(?:(?P<s>\d{2})-)?RES-(?P<n>\d{1,3})"
    r"|AGN/(?P<agn>\d{1,3})/RES/(?P<agn_n>\d{1,3}))\b"
)

STYLES: dict[str, Style] = {
    "unsc": Style(
        "unsc",
        heading=re.compile(
            r"^\s*(?:S/RES/|resolution\s+)" + _UNSC_NUMBER, re.IGNORECASE | re.MULTILINE
        ),
        citations=(re.compile(r"\bS/RES/" + _UNSC_NUMBER),),
        listed=re.compile(r"\b" + _UNSC_NUMBER),
        file_name=re.compile(r"S_RES_0*(?P<n>\d{1,5})_(?P<y>\d{4})", re.IGNORECASE),
        make=_unsc,
    ),
    "unga": Style(
        "unga",
        heading=re.compile(
            r"^\s*(?:A/RES/|resolution\s+)" + _UNGA_NUMBER, re.IGNORECASE | re.MULTILINE
        ),
        citations=(re.compile(r"\bA/RES/" + _UNGA_NUMBER),),
        listed=re.compile(r"\b" + _UNGA_NUMBER + r"\b"),
        file_name=re.compile(r"A_RES_(?P<s>\d{1,2})_(?P<n>\d{1,4})", re.IGNORECASE),
        make=_unga,
    ),
    "interpol": Style(
        "interpol",
        heading=re.compile(r"^\s*(?:resolution\s+)?" + _INTERPOL_ID, re.IGNORECASE | re.MULTILINE),
        citations=(re.compile(_INTERPOL_ID),),
        listed=None,
        file_name=None,
        make=_interpol,
    ),
}
# "The Security Council," opening the first clause of a text is not the clause's own head.
_ADDRESSEE = re.compile(r"^the\s+[a-z ]{3,40},\s*", re.IGNORECASE)
_CITING_KEYWORD = re.compile(r"\bresolutions?\b", re.IGNORECASE)
_HEAD_LINES = 6  # a text's own id is looked for in its first non-empty lines


def custom_style(pattern: str) -> Style:
    """A style from a user's regular expression; group `id` (or the whole match) is the id and
    an optional group `year` the year."""
    compiled = re.compile(pattern)

    def make(match: re.Match[str]) -> Reference:
        groups = match.groupdict()
        rid = groups.get("id") or match[0]
        year = int(groups["year"]) if groups.get("year") else None
        digits = tuple(int(d) for d in re.findall(r"\d+", rid))
        return Reference(_SPACES.sub(" ", rid.strip()), year, digits)

    return Style("custom", compiled, (compiled,), None, None, make)


# --- reading one text --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference found in a text, with the clause that makes it and where."""

    reference: Reference
    relation: str
    evidence: str
    line: int


@dataclass(frozen=True, slots=True)
class Text:
    """What one file says about itself and what it cites."""

    path: str
    own: Reference
    year: int
    date: datetime.date | None
    title: str
    citations: tuple[Citation, ...]


class TextSkipped(Exception):
    """A file that gives no usable resolution; the message says why."""


def relation_of(clause: str) -> str:
    """The relation a citing clause expresses, from its opening word and its wording."""
    head = _ADDRESSEE.sub("", clause.lstrip("0123456789. ()")).lower()
    lowered = clause.lower()
    if head.startswith("recalling"):
        return "recalls"
    if head.startswith("reaffirming"):
        return "reaffirms"
    if re.search(r"\bamend", lowered):
        return "amends"
    if re.search(r"\b(supersed|replac)", lowered):
        return "supersedes"
    if re.search(r"\b(repeal|rescind|revok|no further force)", lowered):
        return "repeals"
    return "follows"


def _evidence(paragraph: str, clause: str, start: int, end: int) -> str:
    """The citing clause (`paragraph` with its spaces collapsed), cut to a window around the
    citation when it is long."""
    if len(clause) <= EVIDENCE_WIDTH:
        return clause
    lo = max(0, start - EVIDENCE_WIDTH // 2)
    hi = min(len(paragraph), end + EVIDENCE_WIDTH // 2)
    window = _SPACES.sub(" ", paragraph[lo:hi]).strip()
    return ("…" if lo else "") + window + ("…" if hi < len(paragraph) else "")


def _own_reference(text: str, name: str, style: Style) -> tuple[Reference, re.Match[str] | None]:
    head = "\n".join([line for line in text.splitlines() if line.strip()][:_HEAD_LINES])
    match = style.heading.search(head)
    if match:
        return style.make(match), match
    if style.file_name is not None:
        from_name = style.file_name.search(name)
        if from_name:
            return style.make(from_name), None
    raise TextSkipped(f"no {style.name.upper()} resolution id in its heading or file name")


def _date_near(text: str) -> datetime.date | None:
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    match = _DATE.search(head)
    if not match:
        return None
    try:
        return datetime.date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        return None


def read_text(text: str, name: str, style: Style) -> Text:
    """The resolution one text holds and every citation in it (references to itself dropped)."""
    if not text.strip():
        raise TextSkipped("empty file")
    own, heading = _own_reference(text, name, style)
    date = _date_near(text)
    year = own.year or (date.year if date else None)
    if year is None:
        year_in_name = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", Path(name).stem)
        year = int(year_in_name[1]) if year_in_name else None
    if year is None:
        raise TextSkipped(
            f"found {own.id} but no year (no date in its heading, none in its file name)"
        )
    if date is not None and date.year != year:
        date = None  # a date of another year is not the adoption date
    title = f"{_body_name(style)} resolution {own.id}".strip()
    if heading is not None:
        heading_line = text[heading.start() : text.find("\n", heading.start())].strip()
        title = heading_line if len(heading_line) > len(heading[0].strip()) + 3 else title
    citations: list[Citation] = []
    offset = 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        start = text.index(paragraph, offset)
        offset = start + len(paragraph)
        clause = _SPACES.sub(" ", paragraph).strip()
        relation = relation_of(clause)
        for citation_start, citation_end, reference in _references_in(paragraph, style):
            if reference.id == own.id:
                continue
            absolute = start + citation_start
            citations.append(
                Citation(
                    reference,
                    relation,
                    _evidence(paragraph, clause, citation_start, citation_end),
                    text.count("\n", 0, absolute) + 1,
                )
            )
    return Text(name, own, year, date, title, tuple(citations))


def _body_name(style: Style) -> str:
    return {
        "unsc": "Security Council",
        "unga": "General Assembly",
        "interpol": "INTERPOL General Assembly",
    }.get(style.name, "")


def _references_in(paragraph: str, style: Style) -> Iterable[tuple[int, int, Reference]]:
    """Every reference in a paragraph, in order, each once per position."""
    found: dict[int, tuple[int, Reference]] = {}
    for pattern in style.citations:
        for match in pattern.finditer(paragraph):
            found[match.start()] = (match.end(), style.make(match))
    keyword = _CITING_KEYWORD.search(paragraph) if style.listed is not None else None
    if style.listed is not None and keyword is not None:
        # Everything listed after the first "resolution(s)" of the paragraph: the items after
        # any later keyword are among them, so one pass finds them all.
        cited = [(s, e) for s, (e, _) in found.items()]
        for match in style.listed.finditer(paragraph, keyword.end()):
            if not any(s <= match.start() < e for s, e in cited):
                found[match.start()] = (match.end(), style.make(match))
    for start in sorted(found):
        end, reference = found[start]
        yield start, end, reference


def detect_style(texts: Iterable[str]) -> Style:
    """The built-in style whose headings match most of the texts."""
    scores: Counter[str] = Counter()
    for text in texts:
        head = "\n".join([line for line in text.splitlines() if line.strip()][:_HEAD_LINES])
        for name, style in STYLES.items():
            if style.heading.search(head):
                scores[name] += 1
    return STYLES[scores.most_common(1)[0][0]] if scores else STYLES["unsc"]


def text_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every `*.txt` below the folders named, sorted."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*.txt") if p.is_file())
        else:
            files.add(path)
    return sorted(files)


def read_file(path: Path) -> str:
    """A text file's content, or TextSkipped for one that is unreadable, binary or not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TextSkipped(f"cannot read: {error.strerror or error}") from None
    if b"\0" in data:
        raise TextSkipped("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TextSkipped("not UTF-8 text") from None


# --- the whole set ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    """The draft catalogue, the files left out and why, and the citations that became no link."""

    resolutions: list[Resolution] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    outside: Counter[str] = field(default_factory=Counter)  # cited, not in the set
    later: Counter[str] = field(default_factory=Counter)  # cited, in the set but not earlier

    @property
    def link_count(self) -> int:
        return sum(len(r.follows) for r in self.resolutions)


def _order(text: Text) -> tuple[int, tuple[int, ...]]:
    return (text.year, text.own.number)


def build_draft(texts: Iterable[Text], skipped: Iterable[tuple[str, str]] = ()) -> Draft:
    """Resolutions with links to the earlier resolutions of the set that each text cites."""
    draft = Draft(skipped=list(skipped))
    by_id: dict[str, Text] = {}
    for text in sorted(texts, key=lambda t: t.path):
        if text.own.id in by_id:
            draft.skipped.append(
                (text.path, f"claims {text.own.id}, already claimed by {by_id[text.own.id].path}")
            )
            continue
        by_id[text.own.id] = text
    for text in by_id.values():
        links: dict[str, Link] = {}
        for citation in text.citations:
            target = by_id.get(citation.reference.id)
            if target is None:
                draft.outside[citation.reference.id] += 1
            elif _order(target) >= _order(text) or (
                target.date and text.date and target.date > text.date
            ):
                draft.later[citation.reference.id] += 1
            elif target.own.id not in links:
                links[target.own.id] = Link(
                    target.own.id,
                    citation.relation,
                    citation.evidence,
                    f"{text.path}:{citation.line}",
                )
        draft.resolutions.append(
            Resolution(
                id=text.own.id,
                year=text.year,
                title=text.title,
                follows=tuple(sorted(links.values(), key=lambda link: _order(by_id[link.target]))),
                date=text.date,
                sources=(text.path,),
            )
        )
    draft.resolutions.sort(key=lambda r: _order(by_id[r.id]))
    draft.skipped.sort()
    return draft
