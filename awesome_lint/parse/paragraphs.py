"""Entries of a paragraph: bold-title blocks (``**Title** \\`` / ``*Authors*`` / ``[date] [venue]``
/ links), one per break-separated group, and citation paragraphs (``**[1]** Authors. "Title."``),
which the item reader reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..dates import read_date
from ..model import LineIndex, Link, PaperEntry
from .entry import (
    Slots,
    SortedLinks,
    decorations,
    entry_lines,
    free_parts,
    italic_after,
    layout_of,
    make_entry,
    paper_links,
    read_gap,
)
from .fields import citation_number, news_line
from .lines import Line, break_kind, logical_lines, strip

_TITLE_START = re.compile(r"[ \t]{0,3}(?:\*\*|\[\*\*)")
_CITATION_START = re.compile(r"[ \t]{0,3}(?:\*\*)?\[\d{1,4}\](?:\*\*)?[ \t]")


def citation_paragraph(text: str, start: int) -> bool:
    """``**[1]** Doe, Jane. "**Title**." Venue (2006).``: a numbered citation."""
    # (its "[" stands within six characters: most paragraphs need no regex to be refused)
    return text.find("[", start, start + 6) >= 0 and bool(_CITATION_START.match(text, start))


def block_entries(
    text: str, start: int, end: int, links: list[Link], index: LineIndex, section: int | None
) -> Iterator[PaperEntry]:
    """Entries of a paragraph: one per bold-title block (blank-line-less runs are split)."""
    titled = text.startswith(("**", "[**"), start) or _TITLE_START.match(text, start)
    if not titled or news_line(text[start : start + 40]):
        return
    chunks: list[list[Line]] = [[]]
    chunk = chunks[0]
    for line in logical_lines(text, start, end):
        if (
            len(chunk) > 1
            and text.startswith(("**", "[**"), line.start)  # starts an entry
            and (line.start == start or text[line.start - 1] in " \t\n")  # on its own line
        ):
            chunk = []
            chunks.append(chunk)
        chunk.append(line)
    by_start = SortedLinks(links) if len(chunks) > 1 else None
    for chunk in filter(None, chunks):
        a, b = chunk[0].start, chunk[-1].end + len(chunk[-1].token)
        if by_start is None:  # (one chunk: a pass over the links, no index of them)
            chunk_links = [ln for ln in links if a <= ln.span.start < b]
        else:
            chunk_links = by_start.between(a, b)
        entry = _block_entry(text, chunk, chunk_links, index, section)
        if entry is not None:
            yield entry


def _block_entry(
    text: str, lines: list[Line], links: list[Link], index: LineIndex, section: int | None
) -> PaperEntry | None:
    start, end = lines[0].start, lines[-1].end + len(lines[-1].token)
    end = strip(text, start, end, " \t")[1]
    slots = Slots(text, index, section=section)
    first = lines[0]
    entry_links = paper_links(links, start, end)
    slots.taken += decorations(text, start, end)
    slots.taken += [(s.start, s.end) for s in [ln.span for ln in links] if start <= s.start < end]
    _read_title(slots, first, lines, entry_links)
    if slots.title is None or citation_number(slots.title.text):
        return None
    title_end = slots.title.span.end
    title_lines = 1
    while title_lines < len(lines) and lines[title_lines].start < title_end:
        title_lines += 1
    rest = next(iter(slots.free(first.start, first.end)), None)
    italic = italic_after(text, rest[0], end) if rest is not None else None
    if italic is None and len(lines) > title_lines:
        italic = italic_after(text, lines[title_lines].start, end)
    if italic is not None:
        inner_start, inner_end = strip(text, italic[0], italic[1], " \t")
        slots.authors = slots.field(inner_start, inner_end, "A")
        slots.taken.append((italic[0] - 1, italic[1] + 1))
    if not entry_links and slots.authors is None:
        return None  # a bold paragraph, not a paper
    taken = sorted(slots.taken)  # once: read_gap takes only inside the line it reads
    for line in lines:
        for a, b in free_parts(taken, line.start, line.end):
            read_gap(slots, a, b)
    layout = layout_of(slots, lines, entry_links)
    return make_entry(
        "block", layout, slots, entry_links, start, end, entry_lines(text, lines, index)
    )


def _read_title(slots: Slots, first: Line, lines: list[Line], links: list[Link]) -> None:
    text = slots.text
    limit = lines[-1].end
    if text.startswith("**", first.start):
        close = text.find("**", first.start + 2, first.end)
        if close < 0:
            close = text.find("**", first.start + 2, limit)
        if close > first.start + 2:
            a, b = strip(text, first.start + 2, close, " \t")
            slots.title = slots.field(a, b, "T")
            slots.taken.append((first.start, close + 2))
        return
    close = text.find("**]", first.start + 3, first.end)
    if close < 0:
        return
    linked = next((ln for ln in links if ln.span.start == first.start), None)
    if linked is not None:  # [**Title**](url)
        a, b = strip(text, first.start + 3, close, " \t")
        slots.title = slots.field(a, b, "T")
        return
    # [**Venue YYYY**] Title
    a, b = strip(text, first.start + 3, close, " \t")
    slots.venue = slots.field(a, b, "V")
    slots.taken.append((first.start, close + 3))
    a, b = strip(text, close + 3, _title_end(text, lines), " \t")
    if b > a:
        slots.title = slots.field(a, b, "T")


_NOT_A_TITLE_LINE = ("*", "_", "[", "\\[", "<", "!")


def _title_end(text: str, lines: list[Line]) -> int:
    """The end of a plain title: its first line, and the next ones when it is hard-wrapped
    (the line has no break token and the next is no authors, link or date line)."""
    end = lines[0].end
    for previous, line in pairwise(lines):
        if break_kind(previous.token) != "none" or text.startswith(_NOT_A_TITLE_LINE, line.start):
            break
        if read_date(text[line.start : line.end]):
            break
        end = line.end
    return end
