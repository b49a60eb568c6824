"""The project's own model of a paper list: immutable, every piece with its exact source span.

Built once by :mod:`awesome_lint.parse` and shared read-only by all rules and the link checker.
Offsets index ``Document.text`` (the decoded text with every newline folded to ``\\n``);
lines and columns are 1-based and counted in characters.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple


class Span(NamedTuple):
    """A range of source text: 1-based (line, column) of its first and last+1 character.

    Named tuples (here and for the other small pieces) are immutable and cheap to build: a
    large list has tens of thousands of them.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


_new_span = tuple.__new__
_plus_one = (1).__add__


def _on_line(line: int, line_start: int, start: int, end: int) -> Span:
    """The span of [start, end) on one line, ``line``, which starts at offset ``line_start``.
    A span at the line's start holds the index's own int for its start (the caller's may
    then be freed)."""
    if start == line_start:
        start = line_start
    column = 1 - line_start
    return _new_span(Span, (line, start + column, line, end + column, start, end))


class LineIndex:
    """Turns character offsets into 1-based lines and columns."""

    __slots__ = ("last_lines", "numbers", "starts")

    def __init__(self, text: str) -> None:
        # Each line starts one past the end of the one before (summed in C, not a loop of finds).
        lines = text.split("\n")
        lines.pop()
        starts = [0, *accumulate(map(_plus_one, map(len, lines)))]
        self.starts = starts
        # One int object per line number, shared by every span on that line: an int above 256
        # is a new 28-byte object each time it is computed, and a large list has 50,000 spans.
        self.numbers = list(range(len(starts) + 1))
        self.last_lines: Span | None = None  # the last span over several lines (see span)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        # (tuple.__new__ builds the named tuple without its Python-level constructor: a large
        # list makes some 50,000 spans)
        starts = self.starts
        line = self.numbers[bisect_right(starts, start)]
        line_start = starts[line - 1]
        if line == len(starts) or end < starts[line]:  # the common case: one line
            return _on_line(line, line_start, start, end)
        if start == line_start:  # (the index's own int, as in _on_line)
            start = line_start
        # A paragraph that is one entry has the entry's span: asked for twice in a row (the
        # block's, then the entry's), it is given once.
        last = self.last_lines
        if last is not None and last.start == start and last.end == end:
            return last
        end_line = self.numbers[bisect_right(starts, end, line)]
        last = self.last_lines = _new_span(
            Span,
            (line, start - line_start + 1, end_line, end - starts[end_line - 1] + 1, start, end),
        )
        return last

    def link_spans(
        self, start: int, end: int, url_start: int, url_end: int, label_start: int, label_end: int
    ) -> tuple[Span, Span, Span | None]:
        """The spans of a link, its URL and its label (none when ``label_start`` is -1), each as
        :meth:`span` gives it: one line lookup for the three when the link is on one line."""
        starts = self.starts
        line = self.numbers[bisect_right(starts, start)]
        if line < len(starts) and end >= starts[line]:  # over several lines: the general way
            label = self.span(label_start, label_end) if label_start >= 0 else None
            return self.span(start, end), self.span(url_start, url_end), label
        line_start = starts[line - 1]
        label = _on_line(line, line_start, label_start, label_end) if label_start >= 0 else None
        return (
            _on_line(line, line_start, start, end),
            _on_line(line, line_start, url_start, url_end),
            label,
        )

    def line_spans(self, ranges: list[tuple[int, int]]) -> list[Span]:
        """The spans of ranges in document order, each as :meth:`span` gives it: one line lookup
        for the first, then a walk forward (an entry's lines are one after the other)."""
        starts, numbers = self.starts, self.numbers
        count = len(starts)
        found: list[Span] = []
        line = 0
        for start, end in ranges:
            if line == 0 or start < starts[line - 1]:
                line = numbers[bisect_right(starts, start)]
            else:
                while line < count and starts[line] <= start:
                    line += 1
                line = numbers[line]
            line_start = starts[line - 1]
            if line < count and end >= starts[line]:
                found.append(self.span(start, end))
            else:
                found.append(_on_line(line, line_start, start, end))
        return found


class Field(NamedTuple):
    """A located piece of text (a title, an author list, a date as written …)."""

    text: str
    span: Span


class Link(NamedTuple):
    """A Markdown link ``[label](url)``, an image, a bare URL or an HTML ``href``."""

    label: str
    url: str
    span: Span  # the whole link as written
    url_span: Span  # the URL's own characters
    kind: str = "markdown"  # markdown | image | html | autolink | reference (``[p]: url``)
    label_span: Span | None = None


class EntryLine(NamedTuple):
    """One physical (or ``<br>``-separated) line of a paper entry and the break token ending it."""

    text: str  # the line's content without indentation and break token
    span: Span  # the content's span
    break_token: str  # as written: " \\", "\\", "<br>", " <br />", "\\ ", "" (none) …
    last: bool = False  # the entry's last line (a break here is optional)

    @property
    def break_span(self) -> Span | None:
        """Where the break token sits, right after the content (None when there is none).
        Computed when asked: few read it, and a large list has 9,000 breaks."""
        token, span = self.break_token, self.span
        if not token:
            return None
        line, column, end = span.end_line, span.end_column, span.end
        return _new_span(Span, (line, column, line, column + len(token), end, end + len(token)))


@dataclass(frozen=True, slots=True)
class PaperEntry:
    """One paper (or resource) of the list, whatever entry format the list uses."""

    family: str  # "block" (bold-title paragraph), "item" (list item) or "row" (table row)
    layout: str  # finer shape: "A", "B", "C", "D" for blocks, "bold", "link" for items …
    title: Field | None
    authors: Field | None
    date: Field | None  # the date as written, brackets excluded
    venue: Field | None
    links: tuple[Link, ...]
    span: Span
    section: int | None  # index into Document.sections, None before the first heading
    # The document's text (the same object, not a copy): ``raw`` is the entry's slice of it.
    source: str = field(repr=False, compare=False)
    lines: tuple[EntryLine, ...] = ()
    extras: tuple[Field, ...] = ()  # text that fits no part of the entry (stray text)
    group: int = 0  # index into Document.groups
    alias: Field | None = None  # a short name written beside the title ("**ABC**: Title")

    @property
    def raw(self) -> str:
        """The entry as written (sliced when asked: a copy of each entry's text, kept, would
        add a sixth of the document's size to its model)."""
        return self.source[self.span.start : self.span.end]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what sits under it up to the next heading of the same or higher level."""

    index: int
    title: str  # the heading's text as written (inline Markdown kept)
    text: str  # the heading's plain text, as GitHub shows it
    level: int
    slug: str  # GitHub's anchor for it, duplicates suffixed -1, -2 …
    span: Span  # the whole heading line
    title_span: Span  # the heading's text
    parent: int | None
    entries: tuple[PaperEntry, ...] = ()  # the entries directly under this heading
    children: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """Entries that sit together (one table, one list, one run of blocks under a heading).

    A group is the unit of house style: each learns its own layout from the majority of its
    entries, and a list may mix groups of different layouts.
    """

    index: int
    family: str  # the family of its entries: block | item | row
    span: Span  # from its first entry's start to its last entry's end
    section: int | None
    entries: tuple[int, ...]  # indices into Document.entries


@dataclass(frozen=True, slots=True)
class Unread:
    """Paper-like units (items, rows or paragraphs with paper links) that yielded no entry."""

    family: str  # block | item | row
    span: Span  # from the first such unit to the last one of its group
    lines: tuple[int, ...]  # the 1-based first line of each unit not understood


@dataclass(frozen=True, slots=True)
class TocItem:
    text: str
    anchor: str  # without the leading '#'
    depth: int  # 0 for the outermost level
    link: Link


@dataclass(frozen=True, slots=True)
class Toc:
    items: tuple[TocItem, ...]
    span: Span
    heading: int | None  # the section whose heading introduces the TOC


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level Markdown block as mistune segmented it."""

    kind: str  # paragraph | heading | list | table | html | code | quote | rule | other
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str  # decoded, BOM removed, newlines folded to "\n"
    newline: str  # the file's newline ("\n", "\r\n" or "\r")
    bom: bool
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    entries: tuple[PaperEntry, ...]
    links: tuple[Link, ...]  # every link of the document, entries' included
    toc: Toc | None
    anchors: frozenset[str]  # heading slugs, HTML id/name targets and "top"
    comments: tuple[Field, ...]  # HTML comments, outside code
    index: LineIndex = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    groups: tuple[Group, ...] = ()
    unread: tuple[Unread, ...] = ()  # paper-like units not understood, one per group

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def span(self, start: int, end: int) -> Span:
        return self.index.span(start, end)

    def group_entries(self, group: Group) -> list[PaperEntry]:
        return [self.entries[i] for i in group.entries]
