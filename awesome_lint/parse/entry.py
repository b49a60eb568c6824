"""What one entry has found so far, and the shared readers that fill it: bracket groups, loose
text, italic spans. A ``Slots`` becomes a :class:`PaperEntry` once its unit is read."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from sys import intern, maxsize

from ..dates import read_date
from ..inline import comments
from ..model import EntryLine, Field, LineIndex, Link, PaperEntry
from .fields import known_venue as known
from .fields import venue_with_year
from .lines import Line, strip

SEPARATORS = " \t\n[]|/,.;:\\"
_GROUP = re.compile(r"\\?\[([^\[\]]*)\]")
_SHORTCODE = r":[a-z0-9_+-]+:"
_DECORATION = re.compile(
    _SHORTCODE + r"|[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+"
)
_ASCII_DECORATION = re.compile(_SHORTCODE)
_new_tuple = tuple.__new__  # a named tuple built without its Python-level constructor


class Slots:
    """What has been found so far in one entry, and which characters are taken."""

    __slots__ = (
        "alias",
        "authors",
        "date",
        "extras",
        "index",
        "kinds",
        "section",
        "taken",
        "text",
        "title",
        "venue",
        "venue_links",
    )

    def __init__(self, text: str, index: LineIndex, section: int | None = None) -> None:
        # (written out: a dataclass's generated __init__ with default factories costs a third
        # more, and one Slots is made for every unit read)
        self.text = text
        self.index = index
        self.section = section
        self.title: Field | None = None
        self.authors: Field | None = None
        self.date: Field | None = None
        self.venue: Field | None = None
        self.alias: Field | None = None
        self.extras: list[Field] = []
        self.taken: list[tuple[int, int]] = []
        self.kinds: dict[int, str] = {}  # offset -> T/A/D/V/L/X
        self.venue_links: list[int] = []  # links of a venue, not of the entry

    def field(self, start: int, end: int, kind: str) -> Field:
        self.taken.append((start, end))
        self.kinds[start] = kind
        text = self.text[start:end]
        if kind in ("D", "V"):  # one string per date or venue as written: lists repeat them
            text = intern(text)
        return _new_tuple(Field, (text, self.index.span(start, end)))

    def put(self, start: int, end: int, kind: str) -> None:
        """Assign text[start:end] to the first free slot its kind allows."""
        if kind == "D" and self.date is None:
            self.date = self.field(start, end, "D")
        elif kind == "V" and self.venue is None:
            self.venue = self.field(start, end, "V")
        elif kind == "A" and self.authors is None:
            self.authors = self.field(start, end, "A")
        else:
            self.extras.append(self.field(start, end, "X"))

    def free(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) not yet taken."""
        return free_parts(sorted(self.taken), start, end)

    def is_free(self, start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in self.taken)


def free_parts(taken: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) outside the ``taken`` spans (sorted)."""
    parts = []
    pos = start
    for a, b in taken:
        if a >= end:
            break  # (sorted: every later span starts there or after)
        if b <= pos:
            continue
        if a > pos:
            parts.append((pos, a))
        pos = b
    if pos < end:
        parts.append((pos, end))
    return parts


def read_gap(slots: Slots, start: int, end: int) -> None:
    """Bracket groups and loose text between links: dates, venues, or stray text."""
    text = slots.text
    if not text[start:end].strip(SEPARATORS):
        return  # brackets and punctuation between links: nothing to read
    if text.find("]", start, end) < 0:
        read_loose(slots, start, end)  # (no bracket group without a "]")
        return
    pos = start
    for m in _GROUP.finditer(text, start, end):
        read_loose(slots, pos, m.start())
        inner_start, inner_end = strip(text, m.start(1), m.end(1), " \t")
        if inner_end > inner_start:
            kind = "D" if read_date(text[inner_start:inner_end]) else "V"
            slots.put(inner_start, inner_end, kind)
        pos = m.end()
    read_loose(slots, pos, end)


def read_loose(slots: Slots, start: int, end: int) -> None:
    piece = slots.text[start:end]
    left = piece.lstrip(SEPARATORS)  # (what ``strip`` finds, by the string's own methods)
    if not left:
        return
    piece = left.rstrip(SEPARATORS)
    start = end - len(left)
    slots.put(start, start + len(piece), "D" if read_date(piece) else "V")


def read_loose_known(slots: Slots, start: int, end: int) -> None:
    """Loose text of an item: a date or a venue when it reads as one, else stray text."""
    text = slots.text
    start, end = strip(text, start, end, SEPARATORS + "()*_")
    if end <= start:
        return
    piece = text[start:end]
    if read_date(piece):
        slots.put(start, end, "D")
    elif venue_with_year(piece) or (slots.venue is None and (_venue_word(piece) or known(piece))):
        slots.put(start, end, "V")
    else:
        slots.extras.append(slots.field(start, end, "X"))


_VENUE_WORD = re.compile(r"(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|arXiv|Preprint|preprint)(?: \w+)?")


def _venue_word(piece: str) -> bool:
    """A yearless venue written alone: ``arXiv``, ``ICLR``, ``Preprint``."""
    return bool(_VENUE_WORD.fullmatch(piece))


def italic_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """An italic span ``*…*`` or ``_…_`` starting at ``pos`` (after separators): inner offsets."""
    while pos < limit and text[pos] in " \t.,;:":
        pos += 1
    if pos + 1 >= limit or text[pos] not in "*_" or text[pos + 1] == text[pos]:
        return None
    delimiter = text[pos]
    close = pos + 1
    while True:
        close = text.find(delimiter, close, limit)
        if close < 0:
            return None
        after = text[close + 1 : close + 2]
        if delimiter == "*" or not (after.isalnum()):
            break
        close += 1
    return (pos + 1, close) if close > pos + 1 else None


def decorations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """HTML comments, emoji and emoji shortcodes: not part of any field."""
    found = list(comments(text, start, end)) if text.find("<!--", start, end) >= 0 else []
    # ASCII text holds no emoji: the shortcodes alone (a literal ":" first) scan much faster.
    pattern = _ASCII_DECORATION if text[start:end].isascii() else _DECORATION
    found += [m.span() for m in pattern.finditer(text, start, end)]
    return found


class SortedLinks:
    """Links in document order with the offsets they start at: the links of one unit are a
    slice found by bisection, not a pass over every link of the block (a list, a table or a
    paragraph may hold thousands of units)."""

    __slots__ = ("links", "starts")

    def __init__(self, links: Iterable[Link] = ()) -> None:
        self.links: list[Link] = []
        self.starts: list[int] = []
        self.extend(links)

    def extend(self, links: Iterable[Link]) -> None:
        links = list(links)
        self.links += links
        self.starts += [link.span.start for link in links]

    def between(self, start: int, end: int) -> list[Link]:
        """The links that start in [start, end)."""
        return self.links[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def paper_links(links: list[Link], start: int, end: int) -> list[Link]:
    return [ln for ln in links if start <= ln.span.start < end and ln.kind != "image"]


_PAST_EVERY_LINE = maxsize


def layout_of(slots: Slots, lines: list[Line], links: list[Link]) -> str:
    """Which kinds of field each line holds, in order: ``T|A|DV|L``."""
    kinds = slots.kinds.copy()
    for link in links:
        kinds.setdefault(link.span.start, "L")
    # Each line owns the offsets from its start to the next line's: one walk over the sorted
    # offsets gives every line its fields (half the cost of a search per line). The walk stops
    # at an offset past every line, not at a count checked at each step.
    offsets = sorted(kinds)
    offsets.append(_PAST_EVERY_LINE)
    k, last = 0, len(lines) - 1
    parts = []
    for i, line in enumerate(lines):
        line_end = lines[i + 1].start if i < last else line.end + len(line.token) + 1
        while offsets[k] < line.start:
            k += 1  # (before the first line only)
        letters = ""  # each kind once, in order
        while offsets[k] < line_end:
            kind = kinds[offsets[k]]
            if kind not in letters:
                letters += kind
            k += 1
        if not letters and any(a < line.start < b for a, b in slots.taken):
            continue  # the wrapped rest of a field that starts on an earlier line
        parts.append(letters or "?")
    return intern("|".join(parts))  # a handful of layouts, thousands of entries


def entry_lines(text: str, lines: list[Line], index: LineIndex) -> tuple[EntryLine, ...]:
    spans = index.line_spans([(line.start, line.end) for line in lines])
    last = lines[-1]
    return tuple(
        [  # (a list comprehension, tuples built directly: 4 lines for each of thousands)
            _new_tuple(
                EntryLine,
                # one string per token as written: a large list has 9,000
                (text[line.start : line.end], span, intern(line.token), line is last),
            )
            for line, span in zip(lines, spans, strict=True)
        ]
    )


def make_entry(
    family: str,
    layout: str,
    slots: Slots,
    links: list[Link],
    start: int,
    end: int,
    lines: tuple[EntryLine, ...],
) -> PaperEntry:
    return PaperEntry(  # (by position: a large list builds thousands)
        family,
        layout,
        slots.title,
        slots.authors,
        slots.date,
        slots.venue,
        tuple(links),
        slots.index.span(start, end),
        slots.section,
        slots.text,
        lines,
        tuple(slots.extras),
        0,  # the group, set by the group builder
        slots.alias,
    )
