"""The recogniser of a paper entry written as a run of text: a list item (with its wrapped lines
and sub-bullets) or a citation paragraph.

Its first lines (the *head*) are read by :mod:`.head`, what follows the title and the
sub-bullets by :mod:`.tail`. A unit is an entry only when it has a title and a paper signal (a
paper link, a venue with a year, authors, a date).
"""

from __future__ import annotations

import re

from ..dates import read_date
from ..model import LineIndex, Link, PaperEntry, Span
from .entry import (
    Slots,
    SortedLinks,
    decorations,
    entry_lines,
    make_entry,
    paper_links,
)
from .fields import LINK_LABELS, news_line, paper_url, venue_with_year
from .head import HTML_TAG, KEY_VALUE, LEADING_SYMBOLS, MARKER, bold_title, read_head, skip
from .lines import Line, logical_lines
from .tail import read_item_line, read_rest_of_head

NOTE = re.compile(r"<(?:sub|sup|small)>", re.I)  # a maintainer's note under an item


def item_entry(
    text: str,
    start: int,
    end: int,
    content_start: int,
    links: list[Link],
    index: LineIndex,
    section: int | None,
) -> PaperEntry | None:
    """A list item that is a paper, read from its head, wrapped lines and sub-bullets."""
    m = LEADING_SYMBOLS.match(text, content_start, end)
    head = m.end() if m else content_start
    lines = logical_lines(text, start, end)
    if not lines or news_line(text[head : min(end, head + 60)]):
        return None
    lines[0].start = head
    entry_links = paper_links(links, start, end)
    slots = Slots(text, index, section=section)
    for a, b in decorations(text, start, end):
        slots.taken.append((a, b))
    for m in HTML_TAG.finditer(text, start, end):
        slots.taken.append((m.start(), m.end()))
    wrapped = _continuation(text, lines)
    layout = read_head(slots, head, lines[wrapped].end, entry_links)
    if layout is None:
        return None
    entry_links = [ln for ln in entry_links if ln.span.start not in slots.venue_links]
    for link in links:
        if start <= link.span.start < end:
            slots.taken.append((link.span.start, link.span.end))
    read_rest_of_head(slots, lines[: 1 + wrapped])
    for line in lines[1 + wrapped :]:
        read_item_line(slots, line)
    if not _paper_signal(slots, entry_links):
        return None
    lines_out = entry_lines(text, lines, index)
    return make_entry("item", layout, slots, entry_links, content_start, end, lines_out)


def citation_entry(
    text: str, start: int, end: int, links: list[Link], index: LineIndex, section: int | None
) -> PaperEntry | None:
    """``**[1]** Doe, Jane, et al. "**Title**." Venue (2006). [[pdf]](url)``."""
    return _run_entry(text, logical_lines(text, start, end), links, index, section, "citation")


def line_entries(
    text: str, start: int, end: int, links: list[Link], index: LineIndex, section: int | None
) -> list[PaperEntry]:
    """Entries of a paragraph whose break-separated lines are papers: ``[Title](url) - Authors,
    Venue YYYY<br>``. A line whose title is marked (a link, bold or quoted text) starts an
    entry; the lines after it that start none (``*Authors*<br>``, ``CVPR 2023``) belong to it."""
    units: list[list[Line]] = []
    by_start = SortedLinks(links)
    for group in _break_groups(text, logical_lines(text, start, end)):
        if _marked_title(text, group, by_start, index) or not units:
            units.append(list(group))
        else:
            units[-1].extend(group)
    found = (
        _run_entry(text, unit, _unit_links(by_start, unit), index, section, "line")
        for unit in units
    )
    return [entry for entry in found if entry is not None]


def _unit_links(links: SortedLinks, lines: list[Line]) -> list[Link]:
    return links.between(lines[0].start, lines[-1].end)


def _marked_title(text: str, lines: list[Line], links: SortedLinks, index: LineIndex) -> bool:
    scratch = Slots(text, index)
    start, end = lines[0].start, lines[-1].end
    head = read_head(scratch, start, end, links.between(start, end + 1))
    return head in ("link", "bold", "quoted")


def _break_groups(text: str, lines: list[Line]) -> list[list[Line]]:
    """Lines joined by soft wraps form one unit; a break token (``<br>``, ``\\``) ends it."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not groups[-1][-1].token.strip() and len(groups[-1][-1].token) < 2:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _run_entry(
    text: str,
    lines: list[Line],
    links: list[Link],
    index: LineIndex,
    section: int | None,
    layout: str,
) -> PaperEntry | None:
    start, end = lines[0].start, lines[-1].end
    entry_links = paper_links(links, start, end)
    slots = Slots(text, index, section=section)
    for a, b in decorations(text, start, end):
        slots.taken.append((a, b))
    title_layout = read_head(slots, start, end, entry_links)
    if title_layout is None or (layout == "line" and title_layout == "plain"):
        return None
    for link in entry_links:
        slots.taken.append((link.span.start, link.span.end))
    read_rest_of_head(slots, lines)
    if not _paper_signal(slots, entry_links):
        return None
    return make_entry(
        "block", layout, slots, entry_links, start, end, entry_lines(text, lines, index)
    )


def paper_like(text: str, start: int, end: int, links: list[Link]) -> bool:
    """Whether a unit that yielded no entry looks like a paper all the same: it is no note about
    the list, and it has a paper link at its start or labelled as one (``[PDF](arxiv…)``)."""
    m = LEADING_SYMBOLS.match(text, start, end)
    head = skip(text, m.end() if m else start, end, " \t[*_")
    if news_line(text[head : min(end, head + 80)]):
        return False
    return any(
        paper_url(link.url) and (link.span.start <= head or _labelled(link, []))
        for link in links
        if link.kind != "image"
    )


def _paper_signal(slots: Slots, links: list[Link]) -> bool:
    """A title alone is no paper: it needs a paper link, a venue with a year, authors or a date.

    A paper link counts when it is the title, a bare URL or labelled as a link (``[PDF]``), not
    when it sits in a description's prose (a book "based on [A Survey of …](arxiv)").
    """
    if slots.authors is not None or slots.date is not None:
        return True
    if slots.venue is not None and (venue_with_year(slots.venue.text) or _has_year(slots)):
        return True
    read = [f.span for f in (slots.title, slots.venue) if f is not None]
    return any(paper_url(link.url) and _labelled(link, read) for link in links)


def _labelled(link: Link, read: list[Span]) -> bool:
    """A link that names a paper: a bare URL, the title's or venue's link, or ``[PDF]``."""
    if link.kind != "markdown" or link.label_span is None:
        return True
    if any(link.span.start <= span.start < link.span.end for span in read):
        return True
    return bool(LINK_LABELS.fullmatch(link.label.strip(" []*_`")))


def _has_year(slots: Slots) -> bool:
    return any(read_date(x.text) is not None for x in slots.extras)


def _continuation(text: str, lines: list[Line]) -> int:
    """How many lines after the first continue it (wrapped text, not a sub-bullet or a blank)."""
    count = 0
    for line in lines[1:]:
        if line.end <= line.start or MARKER.match(text, line.start, line.end):
            break
        if NOTE.match(text, line.start, line.end):
            break  # <sub>a maintainer's note</sub> under the item
        if text[line.start - 1] != "\n" and text[line.start - 1] not in " \t":
            break  # a piece after a mid-line <br>: a new logical line, not a wrap
        if text.count("\n", lines[0].start, line.start) > count + 1:
            break  # after a blank line: an indented paragraph of the item
        count += 1
    return count


def key_value_entry(
    text: str, start: int, end: int, links: list[Link], index: LineIndex, section: int | None
) -> PaperEntry | None:
    """A bold title paragraph and the ``- Paper: <url>`` / ``- Code: <url>`` bullets under it."""
    lines = logical_lines(text, start, end)
    body = lines[1:]
    for line in body:
        marker = MARKER.match(text, line.start, line.end)
        if marker is None or not KEY_VALUE.match(text, marker.end(), line.end):
            return None
    entry_links = paper_links(links, start, end)
    if not body or not entry_links:
        return None
    slots = Slots(text, index, section=section)
    if bold_title(slots, lines[0].start, lines[0].end) is None:
        return None
    for line in body:
        read_item_line(slots, line)
    if not _paper_signal(slots, entry_links):
        return None
    lines_out = entry_lines(text, lines, index)
    return make_entry("block", "titled-list", slots, entry_links, start, end, lines_out)
