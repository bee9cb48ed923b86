"""A self-contained SVG picture of the lineage on a time axis, laid out by our own code.

Layout: one column per year that has resolutions, left to right; runs of empty years are
squeezed into a narrow break labelled with the years it hides. Within a column the year's
resolutions stack in date and id order, each a dot coloured by its first topic, with its id
beside it. A column is as wide as its longest label, so no label can reach the next column
and none can overlap another. Links are curves from the earlier dot to the later one, drawn
under the dots and labels, styled by relation. Full title and topics are in each dot's tooltip.

Colour by main topic rather than one lane per topic: a resolution with several topics would
otherwise be drawn several times (or its link endpoints become ambiguous), and lanes multiply
the picture's height by the number of topics.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..graph import Graph
from ..render import printable
from .attributes import ordered, xml_safe

MAX_RESOLUTIONS = 300
FONT_SIZE = 12
FONT_FAMILY = "sans-serif"
ROW_HEIGHT = 24
DOT_RADIUS = 5
LABEL_GAP = 6  # between a dot and its label
COLUMN_PADDING = 18
GAP_WIDTH = 44  # a squeezed run of empty years
MARGIN = 24
AXIS_HEIGHT = 40
TITLE_HEIGHT = 28
LEGEND_ROW = 18
ARC_BAND = 90  # room above the rows for links, drawn as arcs like an arc diagram
# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), then greys.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
NO_TOPIC = "#999999"
OTHER_TOPICS = "#bbbbbb"
RELATION_STYLES = {
    "follows": ("#555555", ""),
    "recalls": ("#0072B2", "6 3"),
    "reaffirms": ("#009E73", "2 3"),
    "extends": ("#E69F00", ""),
    "amends": ("#D55E00", "8 3 2 3"),
    "supersedes": ("#CC79A7", ""),
    "repeals": ("#000000", "1 2"),
}


class TooLargeToDraw(ValueError):
    """More resolutions than a readable picture holds."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of the width of `text` in a sans-serif font: wide for CJK and emoji,
    narrow for i, l, 1 and punctuation. The layout and its tests use this same estimate."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.05
        elif ch in "il.,:;'|!1 ()[]/\\":
            width += 0.38
        elif ch in "mwMW@%&":
            width += 0.95
        elif ch.isupper() or ch.isdigit():
            width += 0.7
        else:
            width += 0.6
    return width * size


@dataclass(frozen=True, slots=True)
class Placed:
    """A resolution's dot and label on the canvas."""

    id: str
    x: float
    y: float
    label: str
    label_x: float
    colour: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything the picture draws, with positions: also what the tests check."""

    width: float
    height: float
    placed: dict[str, Placed]
    axis: list[tuple[float, str]]  # (x, label) for years and squeezed gaps
    gaps: list[tuple[float, float]]  # (x from, x to) of squeezed runs of empty years
    topics: list[tuple[str, str]]  # legend: (topic, colour)
    axis_y: float  # top of the year axis, under the lowest row


def label_box(placed: Placed) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label, by the same width estimate as the layout."""
    return (
        placed.label_x,
        placed.y - FONT_SIZE * 0.8,
        placed.label_x + text_width(placed.label),
        placed.y + FONT_SIZE * 0.3,
    )


def dot_box(placed: Placed) -> tuple[float, float, float, float]:
    return (
        placed.x - DOT_RADIUS,
        placed.y - DOT_RADIUS,
        placed.x + DOT_RADIUS,
        placed.y + DOT_RADIUS,
    )


def layout(graph: Graph) -> Layout:
    """Place every resolution; raises TooLargeToDraw past MAX_RESOLUTIONS."""
    count = graph.number_of_nodes()
    if count > MAX_RESOLUTIONS:
        raise TooLargeToDraw(
            f"{count} resolutions are too many to draw readably (at most {MAX_RESOLUTIONS}); "
            "narrow the picture with --topic, --since/--until or --around ID --depth N"
        )
    graph = ordered(graph)
    by_year: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_year.setdefault(data["year"], []).append(node)
    topic_counts = Counter(
        data["topics"][0] for _, data in graph.nodes(data=True) if data["topics"]
    )
    main_topics = [t for t, _ in sorted(topic_counts.items(), key=lambda i: (-i[1], i[0]))]
    colours = {t: PALETTE[i] for i, t in enumerate(main_topics[: len(PALETTE)])}
    legend = [(t, colours[t]) for t in main_topics[: len(PALETTE)]]
    if len(main_topics) > len(PALETTE):
        legend.append((f"{len(main_topics) - len(PALETTE)} other topics", OTHER_TOPICS))

    rows = max((len(ids) for ids in by_year.values()), default=0)
    top = MARGIN + TITLE_HEIGHT + (ARC_BAND if graph.number_of_edges() else 0)
    placed: dict[str, Placed] = {}
    axis: list[tuple[float, str]] = []
    gaps: list[tuple[float, float]] = []
    x = float(MARGIN)
    previous: int | None = None
    for year in sorted(by_year):
        if previous is not None and year - previous > 1:
            first, last = previous + 1, year - 1
            hidden = f"{first}" if first == last else f"{first}–{str(last)[-2:]}"
            gap = max(GAP_WIDTH, text_width(hidden) + 12)
            gaps.append((x, x + gap))
            axis.append((x + 6, hidden))
            x += gap
        labels = [printable(rid) for rid in by_year[year]]
        column = DOT_RADIUS * 2 + LABEL_GAP + max(text_width(label) for label in labels)
        column = max(column, text_width(str(year)) + 4)
        axis.append((x, str(year)))
        for row, (rid, label) in enumerate(zip(by_year[year], labels, strict=True)):
            topics = graph.nodes[rid]["topics"]
            colour = colours.get(topics[0], OTHER_TOPICS) if topics else NO_TOPIC
            dot_x = x + DOT_RADIUS
            dot_y = top + ROW_HEIGHT * (row + 0.5)
            placed[rid] = Placed(rid, dot_x, dot_y, label, dot_x + DOT_RADIUS + LABEL_GAP, colour)
        x += column + COLUMN_PADDING
        previous = year
    width = max(x - COLUMN_PADDING + MARGIN, 320.0)
    relations = {str(d.get("relation", "follows")) for *_, d in graph.edges(data=True)}
    legend_height = LEGEND_ROW * (max(len(legend), 1) + len(relations) + 3)
    height = top + ROW_HEIGHT * rows + AXIS_HEIGHT + legend_height + MARGIN
    return Layout(width, height, placed, axis, gaps, legend, top + ROW_HEIGHT * rows)


def _attr(value: str) -> str:
    return quoteattr(xml_safe(value))


def _text(value: str) -> str:
    return escape(xml_safe(value))


def write_svg(graph: Graph) -> str:
    """The picture as SVG text (no scripts, no external resources)."""
    plan = layout(graph)
    graph = ordered(graph)
    axis_y = plan.axis_y
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{plan.width:.0f}" height="{plan.height:.0f}"'
        f' viewBox="0 0 {plan.width:.0f} {plan.height:.0f}" font-family="{FONT_FAMILY}"'
        f' font-size="{FONT_SIZE}">',
        "<title>Lineage of resolutions</title>",
        "<defs>",
    ]
    for relation, (colour, _) in RELATION_STYLES.items():
        out.append(
            f'<marker id="arrow-{relation}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6"'
            f' markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"'
            f' fill="{colour}"/></marker>'
        )
    out += [
        "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN + 14}" font-size="15" font-weight="bold">'
        f"{graph.number_of_nodes()} resolutions, {graph.number_of_edges()} links</text>",
    ]
    # axis: a baseline, year ticks, squeezed gaps drawn as a broken line
    out.append('<g class="axis" fill="#333333">')
    out.append(
        f'<line x1="{MARGIN}" y1="{axis_y + 6:.1f}" x2="{plan.width - MARGIN:.1f}"'
        f' y2="{axis_y + 6:.1f}" stroke="#999999"/>'
    )
    for start, end in plan.gaps:
        out.append(
            f'<rect class="gap" x="{start + 4:.1f}" y="{axis_y:.1f}" width="{end - start - 8:.1f}"'
            f' height="12" fill="#eeeeee"/>'
        )
    for x, label in plan.axis:
        out.append(f'<text class="year" x="{x:.1f}" y="{axis_y + 24:.1f}">{_text(label)}</text>')
    out.append("</g>")
    # links under everything else
    out.append('<g class="links" fill="none" stroke-width="1.4" opacity="0.8">')
    for u, v, data in graph.edges(data=True):
        a, b = plan.placed[u], plan.placed[v]
        relation = str(data.get("relation", "follows"))
        colour, dashes = RELATION_STYLES.get(relation, RELATION_STYLES["follows"])
        dx = b.x - a.x
        peak = min(a.y, b.y) - ROW_HEIGHT / 2 - min(ARC_BAND - 10, 8 + 0.22 * dx)
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        out.append(
            f'<path class="link" data-source={_attr(u)} data-target={_attr(v)}'
            f' data-relation="{relation}" stroke="{colour}"{dash}'
            f' marker-end="url(#arrow-{relation})"'
            f' d="M{a.x:.1f},{a.y - DOT_RADIUS:.1f} C{a.x + dx * 0.2:.1f},{peak:.1f}'
            f' {b.x - dx * 0.2:.1f},{peak:.1f} {b.x:.1f},{b.y - DOT_RADIUS - 1:.1f}">'
            f"<title>{_text(f'{v} {relation} {u}')}</title></path>"
        )
    out.append("</g>")
    out.append('<g class="resolutions">')
    for node, data in graph.nodes(data=True):
        p = plan.placed[node]
        topics = ", ".join(data["topics"]) or "no topic"
        when = data.get("date") or data["year"]
        tooltip = f"{node} ({when})\n{data['title']}\nTopics: {topics}"
        out.append(
            f'<g class="resolution" data-id={_attr(node)}>'
            f"<title>{_text(printable(tooltip, keep_newlines=True))}</title>"
            f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="{DOT_RADIUS}" fill="{p.colour}"'
            f' stroke="#ffffff" stroke-width="1"/>'
            f'<text class="label" x="{p.label_x:.1f}" y="{p.y + FONT_SIZE * 0.35:.1f}"'
            f' paint-order="stroke" stroke="#ffffff" stroke-width="3" fill="#111111">'
            f"{_text(p.label)}</text></g>"
        )
    out.append("</g>")
    # legends: topics by colour, relations by line style
    y = axis_y + AXIS_HEIGHT + 8
    out.append('<g class="legend">')
    out.append(f'<text x="{MARGIN}" y="{y:.1f}" font-weight="bold">Main topic</text>')
    for topic, colour in plan.topics or [("no topics", NO_TOPIC)]:
        y += LEGEND_ROW
        out.append(
            f'<circle cx="{MARGIN + DOT_RADIUS}" cy="{y - 4:.1f}" r="{DOT_RADIUS}" fill="{colour}"/>'
            f'<text x="{MARGIN + 16}" y="{y:.1f}">{_text(printable(topic))}</text>'
        )
    y += LEGEND_ROW * 1.5
    out.append(f'<text x="{MARGIN}" y="{y:.1f}" font-weight="bold">Links (earlier → later)</text>')
    for relation, (colour, dashes) in RELATION_STYLES.items():
        if not any(d.get("relation") == relation for *_, d in graph.edges(data=True)):
            continue
        y += LEGEND_ROW
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        out.append(
            f'<line x1="{MARGIN}" y1="{y - 4:.1f}" x2="{MARGIN + 30}" y2="{y - 4:.1f}"'
            f' stroke="{colour}" stroke-width="1.6"{dash}/>'
            f'<text x="{MARGIN + 38}" y="{y:.1f}">{relation}</text>'
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
