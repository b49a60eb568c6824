"""Paper entries inside a block's source: fields located by offset, whatever the list's format.

Three families (see ``shared/corpus/FORMATS.md``): bold-title paragraph blocks, list items, and
table rows. Every field is found by scanning the source slice, so its span is exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from .dates import read_date
from .inline import comments
from .model import EntryLine, Field, Link, PaperEntry, Span

SpanOf = Callable[[int, int], Span]

_BR = r"<\s*/?\s*br\s*/?\s*>"
_BR_TAG = re.compile(_BR, re.I)
_BLANKS = re.compile(r"[ \t]*")
_BR_TAIL = re.compile(rf"{_BR}$", re.I)
_GROUP = re.compile(r"\\?\[([^\[\]]*)\]")
_SEPARATORS = " \t\n[]|/,.;:\\"
_LEADING_SYMBOLS = re.compile(r"(?:[^\w\s*\[_(`<!\\]\s*)+")
_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z ]{1,30}):\s*")
_MARKER_START = re.compile(r"(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

DATE_KEYS = {"publication date", "date", "published"}
VENUE_KEYS = {"proceedings", "journal", "conference", "preprint", "venue", "publication"}
AUTHOR_KEYS = {"authors", "author"}


def break_kind(token: str) -> str:
    """The kind of a line-break token: backslash, br, spaces, broken-backslash or none."""
    stripped = token.strip(" \t")
    if stripped == "\\":
        return "backslash" if token.endswith("\\") else "broken-backslash"
    if stripped:
        return "br"
    return "spaces" if len(token) >= 2 else "none"


@dataclass(slots=True)
class _Line:
    start: int  # content start (indentation skipped)
    end: int  # content end (break token excluded)
    token: str
    token_start: int


def _logical_lines(text: str, start: int, end: int) -> list[_Line]:
    """Physical lines, split again at mid-line ``<br>`` tags, each with its break token."""
    lines: list[_Line] = []
    pos = start
    while pos <= end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        piece = pos
        for m in _BR_TAG.finditer(text, pos, line_end):
            # The token takes the blanks around the tag (found without a regex that would
            # retry "[ \t]*" from every blank of a long indentation).
            token_start = piece + len(text[piece : m.start()].rstrip(" \t"))
            token_end = _BLANKS.match(text, m.end(), line_end).end()
            if token_end == line_end:
                break
            lines.append(_Line(piece, token_start, text[token_start:token_end], token_start))
            piece = token_end
        content_end = _break_start(text, piece, line_end)
        lines.append(_Line(piece, content_end, text[content_end:line_end], content_end))
        pos = line_end + 1
    for line in lines:
        line.start = min(_BLANKS.match(text, line.start, line.end).end(), line.end)
    return [line for line in lines if line.end > line.start or line.token]


def _break_start(text: str, start: int, end: int) -> int:
    """Where the line's break token (``\\``, ``<br>``, trailing spaces) starts."""
    i = start + len(text[start:end].rstrip(" \t"))
    if i > start and text[i - 1] == "\\":
        i -= 1
    elif i > start and text[i - 1] == ">":
        m = _BR_TAIL.search(text, max(start, i - 12), i)
        if m is None:
            return i
        i = m.start()
    else:
        return i
    while i > start and text[i - 1] in " \t":
        i -= 1
    return i


@dataclass(slots=True)
class _Fields:
    """What has been found so far in one entry, and which characters are taken."""

    text: str
    span_of: SpanOf
    title: Field | None = None
    authors: Field | None = None
    date: Field | None = None
    venue: Field | None = None
    extras: list[Field] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)
    kinds: dict[int, str] = field(default_factory=dict)  # offset -> T/A/D/V/L/X
    section: int | None = None

    def field(self, start: int, end: int, kind: str) -> Field:
        self.taken.append((start, end))
        self.kinds[start] = kind
        return Field(self.text[start:end], self.span_of(start, end))

    def put(self, start: int, end: int, kind: str) -> None:
        """Assign text[start:end] to the first free slot its kind allows."""
        if kind == "D" and self.date is None:
            self.date = self.field(start, end, "D")
        elif kind == "V" and self.venue is None:
            self.venue = self.field(start, end, "V")
        else:
            self.extras.append(self.field(start, end, "X"))

    def free(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The parts of [start, end) not yet taken."""
        pos = start
        for a, b in sorted(self.taken):
            if b <= pos or a >= end:
                continue
            if a > pos:
                yield pos, a
            pos = max(pos, b)
        if pos < end:
            yield pos, end


def _strip(text: str, start: int, end: int, chars: str = _SEPARATORS) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _read_gap(fields: _Fields, start: int, end: int) -> None:
    """Bracket groups and loose text between links: dates, venues, or stray text."""
    text = fields.text
    pos = start
    for m in _GROUP.finditer(text, start, end):
        _read_loose(fields, pos, m.start())
        inner_start, inner_end = _strip(text, m.start(1), m.end(1), " \t")
        if inner_end > inner_start:
            kind = "D" if read_date(text[inner_start:inner_end]) else "V"
            fields.put(inner_start, inner_end, kind)
        pos = m.end()
    _read_loose(fields, pos, end)


def _read_loose(fields: _Fields, start: int, end: int) -> None:
    text = fields.text
    start, end = _strip(text, start, end)
    if end <= start:
        return
    if read_date(text[start:end]):
        fields.put(start, end, "D")
    else:
        fields.put(start, end, "V")


def _italic_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
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


def _layout(fields: _Fields, lines: list[_Line], links: list[Link]) -> str:
    kinds = dict(fields.kinds)
    for link in links:
        kinds.setdefault(link.span.start, "L")
    parts = []
    for i, line in enumerate(lines):
        line_end = lines[i + 1].start if i + 1 < len(lines) else line.end + len(line.token) + 1
        found = [kinds[o] for o in sorted(kinds) if line.start <= o < line_end]
        letters = "".join(dict.fromkeys(found))  # each kind once, in order
        if not letters and any(a < line.start < b for a, b in fields.taken):
            continue  # the wrapped rest of a field that starts on an earlier line
        parts.append(letters or "?")
    return "|".join(parts)


def _entry_lines(text: str, lines: list[_Line], span_of: SpanOf) -> tuple[EntryLine, ...]:
    result = []
    for i, line in enumerate(lines):
        token_span = (
            span_of(line.token_start, line.token_start + len(line.token)) if line.token else None
        )
        result.append(
            EntryLine(
                text[line.start : line.end],
                span_of(line.start, line.end),
                line.token,
                token_span,
                last=i == len(lines) - 1,
            )
        )
    return tuple(result)


def _entry(
    family: str,
    layout: str,
    fields: _Fields,
    links: list[Link],
    start: int,
    end: int,
    lines: tuple[EntryLine, ...],
) -> PaperEntry:
    return PaperEntry(
        family=family,
        layout=layout,
        title=fields.title,
        authors=fields.authors,
        date=fields.date,
        venue=fields.venue,
        links=tuple(links),
        span=fields.span_of(start, end),
        section=fields.section,
        raw=fields.text[start:end],
        lines=lines,
        extras=tuple(fields.extras),
    )


def _paper_links(links: list[Link], start: int, end: int) -> list[Link]:
    return [ln for ln in links if start <= ln.span.start < end and ln.kind != "image"]


# -- family 1: bold-title paragraph blocks --------------------------------------------------------

_TITLE_START = re.compile(r"[ \t]{0,3}(?:\*\*|\[\*\*)")


def block_entries(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> Iterator[PaperEntry]:
    """Entries of a paragraph: one per bold-title block (blank-line-less runs are split)."""
    if not _TITLE_START.match(text, start):
        return
    lines = _logical_lines(text, start, end)
    chunk: list[_Line] = []
    for line in lines:
        starts_entry = text.startswith(("**", "[**"), line.start)
        physical_start = line.start == start or text[line.start - 1] in " \t\n"
        if chunk and len(chunk) > 1 and starts_entry and physical_start:
            entry = _block_entry(text, chunk, links, span_of, section)
            if entry is not None:
                yield entry
            chunk = []
        chunk.append(line)
    if chunk:
        entry = _block_entry(text, chunk, links, span_of, section)
        if entry is not None:
            yield entry


def _block_entry(
    text: str, lines: list[_Line], links: list[Link], span_of: SpanOf, section: int | None
) -> PaperEntry | None:
    start, end = lines[0].start, lines[-1].end + len(lines[-1].token)
    end = _strip(text, start, end, " \t")[1]
    fields = _Fields(text, span_of, section=section)
    first = lines[0]
    entry_links = _paper_links(links, start, end)
    for a, b in _decorations(text, start, end):
        fields.taken.append((a, b))
    for link in links:
        if start <= link.span.start < end:
            fields.taken.append((link.span.start, link.span.end))
    _read_title(fields, first, lines, entry_links)
    if fields.title is None:
        return None
    title_lines = sum(line.start < fields.title.span.end for line in lines)
    rest = next(fields.free(first.start, first.end), None)
    italic = _italic_after(text, rest[0], end) if rest is not None else None
    if italic is None and len(lines) > title_lines:
        italic = _italic_after(text, lines[title_lines].start, end)
    if italic is not None:
        inner_start, inner_end = _strip(text, italic[0], italic[1], " \t")
        fields.authors = fields.field(inner_start, inner_end, "A")
        fields.taken.append((italic[0] - 1, italic[1] + 1))
    if not entry_links and fields.authors is None:
        return None  # a bold paragraph, not a paper
    for line in lines:
        for a, b in fields.free(line.start, line.end):
            _read_gap(fields, a, b)
    layout = _layout(fields, lines, entry_links)
    return _entry(
        "block", layout, fields, entry_links, start, end, _entry_lines(text, lines, span_of)
    )


def _read_title(fields: _Fields, first: _Line, lines: list[_Line], links: list[Link]) -> None:
    text = fields.text
    limit = lines[-1].end
    if text.startswith("**", first.start):
        close = text.find("**", first.start + 2, first.end)
        if close < 0:
            close = text.find("**", first.start + 2, limit)
        if close > first.start + 2:
            a, b = _strip(text, first.start + 2, close, " \t")
            fields.title = fields.field(a, b, "T")
            fields.taken.append((first.start, close + 2))
        return
    close = text.find("**]", first.start + 3, first.end)
    if close < 0:
        return
    linked = next((ln for ln in links if ln.span.start == first.start), None)
    if linked is not None:  # [**Title**](url)
        a, b = _strip(text, first.start + 3, close, " \t")
        fields.title = fields.field(a, b, "T")
        return
    # [**Venue YYYY**] Title
    a, b = _strip(text, first.start + 3, close, " \t")
    fields.venue = fields.field(a, b, "V")
    fields.taken.append((first.start, close + 3))
    a, b = _strip(text, close + 3, _title_end(text, lines), " \t")
    if b > a:
        fields.title = fields.field(a, b, "T")
        fields.taken.append((a, b))


_NOT_A_TITLE_LINE = ("*", "_", "[", "\\[", "<", "!")


def _title_end(text: str, lines: list[_Line]) -> int:
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


_DECORATION = re.compile(r":[a-z0-9_+-]+:|[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+")


def _decorations(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """HTML comments, emoji and emoji shortcodes: not part of any field."""
    yield from comments(text, start, end)
    for m in _DECORATION.finditer(text, start, end):
        yield m.start(), m.end()


# -- family 2: list items --------------------------------------------------------------------------


def item_entry(
    text: str,
    start: int,
    end: int,
    content_start: int,
    links: list[Link],
    span_of: SpanOf,
    section: int | None,
) -> PaperEntry | None:
    """A list item that is a paper: ``**Title** …`` or ``[Title](url) …`` and its sub-bullets."""
    m = _LEADING_SYMBOLS.match(text, content_start, end)
    head = m.end() if m else content_start
    lines = _logical_lines(text, start, end)
    if not lines:
        return None
    lines[0].start = head
    entry_links = _paper_links(links, start, end)
    fields = _Fields(text, span_of, section=section)
    for a, b in _decorations(text, start, end):
        fields.taken.append((a, b))
    header = lines[0]
    if text.startswith("**", head):
        if not entry_links:
            return None  # a bold note, not a paper
        layout = "bold"
        close = text.find("**", head + 2, header.end)
        if close <= head + 2:
            return None
        a, b = _strip(text, head + 2, close, " \t")
        fields.title = fields.field(a, b, "T")
        fields.taken.append((head, close + 2))
    else:
        title_link = next((ln for ln in entry_links if ln.span.start == head), None)
        if title_link is None or title_link.url.startswith("#") or title_link.label_span is None:
            return None
        layout = "link"
        a, b = _strip(text, title_link.label_span.start, title_link.label_span.end, " \t*")
        fields.title = fields.field(a, b, "T")
        fields.kinds[title_link.span.start] = "T"
    for link in links:
        if start <= link.span.start < end:
            fields.taken.append((link.span.start, link.span.end))
    wrapped = _continuation(text, lines)
    _read_item_header(fields, lines[: 1 + wrapped], layout, entry_links)
    for line in lines[1 + wrapped :]:
        _read_item_line(fields, line)
    return _entry(
        "item",
        layout,
        fields,
        entry_links,
        content_start,
        end,
        _entry_lines(text, lines, span_of),
    )


def _continuation(text: str, lines: list[_Line]) -> int:
    """How many lines after the first continue it (wrapped text, not a sub-bullet or a blank)."""
    count = 0
    for line in lines[1:]:
        if line.end <= line.start or _MARKER_START.match(text, line.start, line.end):
            break
        if text[line.start - 1] != "\n" and text[line.start - 1] not in " \t":
            break  # a piece after a mid-line <br>: a new logical line, not a wrap
        count += 1
    return count


def _read_item_header(fields: _Fields, lines: list[_Line], layout: str, links: list[Link]) -> None:
    """The item's first line and its wrapped continuation lines."""
    text = fields.text
    first, last = lines[0], lines[-1]
    free = list(fields.free(first.start, last.end))
    if not free:
        return
    if layout == "bold":  # **Title**. *Authors*. Venue YYYY. [[pdf](…)]
        italic = _italic_after(text, free[0][0], last.end)
        if italic is not None:
            fields.authors = fields.field(*_strip(text, italic[0], italic[1], " \t"), "A")
            fields.taken.append((italic[0] - 1, italic[1] + 1))
        for line in lines:
            for a, b in fields.free(line.start, line.end):
                a, b = _strip(text, a, b)
                if b > a and (fields.venue is None or fields.date is None):
                    _read_loose(fields, a, b)
        return
    # [Title](url), Authors et al., Venue YYYY | [github](…)  or  [Title](url), June 2022
    a, b = free[0]
    b = min(b, first.end)
    stop = min([ln.span.start for ln in links if ln.span.start > a] + [b])
    bar = text.find("|", a, stop)
    stop = bar if bar >= 0 else stop
    _read_comma_parts(fields, a, stop)


def _read_comma_parts(fields: _Fields, start: int, end: int) -> None:
    """``, Authors, Venue YYYY`` after a link title: the part with a year is the venue/date."""
    text = fields.text
    start, end = _strip(text, start, end, " \t,.")
    if end <= start:
        return
    commas = [m.start() for m in re.finditer(",", text[start:end])]
    bounds = [start, *[start + c for c in commas], end]
    parts = [(bounds[i] + (i > 0), bounds[i + 1]) for i in range(len(bounds) - 1)]
    last_a, last_b = _strip(text, *parts[-1], " \t")
    if read_date(text[last_a:last_b]):
        fields.put(last_a, last_b, "D")
        parts = parts[:-1]
    elif _YEAR.search(text, last_a, last_b):
        venue_a = _venue_start(text, last_a, last_b)
        fields.venue = fields.field(venue_a, last_b, "V")
        parts[-1] = (parts[-1][0], venue_a)
    if parts:
        a, b = _strip(text, parts[0][0], parts[-1][1], " \t,")
        if b > a:
            fields.authors = fields.field(a, b, "A")


def _venue_start(text: str, start: int, end: int) -> int:
    """``Rebain et al. Arxiv 2020``: the venue starts after the last ". " before the year."""
    cut = text.rfind(". ", start, end)
    return cut + 2 if cut >= 0 else start


def _read_item_line(fields: _Fields, line: _Line) -> None:
    """A sub-bullet or continuation line: ``Key: value``, italic authors, ``Names. *Venue*``."""
    text = fields.text
    pos = line.start
    if pos >= line.end:
        return
    m = re.match(r"(?:[-*+]|\d+[.)])[ \t]+", text[pos : line.end])
    if m:
        pos += m.end()
    m = _LEADING_SYMBOLS.match(text, pos, line.end)
    if m:
        pos = m.end()
    key = _KEY_VALUE.match(text, pos, line.end)
    if key:
        name = key.group(1).strip().lower()
        a, b = _strip(text, key.end(), line.end, " \t*_")
        if b <= a:
            return
        if name in DATE_KEYS and fields.date is None:
            fields.date = fields.field(a, b, "D")
        elif name in VENUE_KEYS and fields.venue is None:
            fields.venue = fields.field(a, b, "V")
        elif name in AUTHOR_KEYS and fields.authors is None:
            fields.authors = fields.field(a, b, "A")
        return
    italic = _italic_after(text, pos, line.end)
    if italic is not None and fields.authors is None and italic[1] + 1 >= line.end - 1:
        fields.authors = fields.field(*_strip(text, italic[0], italic[1], " \t."), "A")
        return
    if fields.authors is not None or "](" in text[pos : line.end]:
        return
    star = text.find(" *", pos, line.end)
    if star > pos and text.endswith("*", 0, line.end):  # Names. *Venue YYYY*
        fields.authors = fields.field(*_strip(text, pos, star, " \t."), "A")
        if fields.venue is None:
            fields.venue = fields.field(*_strip(text, star + 2, line.end - 1, " \t"), "V")
    elif fields.date is None and read_date(text[pos : line.end]):
        fields.date = fields.field(*_strip(text, pos, line.end, " \t"), "D")
    else:  # a plain author line
        fields.authors = fields.field(*_strip(text, pos, line.end, " \t"), "A")


# -- family 3: table rows -------------------------------------------------------------------------

_TITLE_HEADERS = ("title", "paper", "name")
_VENUE_HEADERS = ("venue", "pub", "publication", "conference", "journal")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _pipe_positions(text: str, start: int, end: int) -> Iterator[int]:
    pos = text.find("|", start, end)
    while pos >= 0:
        yield pos
        pos = text.find("|", pos + 1, end)


def _cells(text: str, start: int, end: int, links: list[Link]) -> list[tuple[int, int]]:
    """Cell bounds of a table row; pipes inside links or escaped are not separators."""
    inside = [(ln.span.start, ln.span.end) for ln in links if start <= ln.span.start < end]
    pipes = [
        i
        for i in _pipe_positions(text, start, end)
        if text[i] == "|"
        and (i == 0 or text[i - 1] != "\\")
        and not any(a <= i < b for a, b in inside)
    ]
    bounds = [start - 1, *pipes, end]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    if len(cells) > 1 and not text[cells[0][0] : cells[0][1]].strip():
        cells = cells[1:]  # the row's leading pipe
    if len(cells) > 1 and not text[cells[-1][0] : cells[-1][1]].strip():
        cells = cells[:-1]  # the row's trailing pipe
    return [_strip(text, a, b, " \t") for a, b in cells]


def table_entries(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> Iterator[PaperEntry]:
    rows = []
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        rows.append((pos, line_end))
        pos = line_end + 1
    if len(rows) < 3:
        return
    header = [text[a:b].strip(" *").lower() for a, b in _cells(text, *rows[0], links)]
    title_column = next((i for i, h in enumerate(header) if h.startswith(_TITLE_HEADERS)), None)
    if title_column is None:
        return  # a table of datasets or tools, not of papers
    venue_column = next((i for i, h in enumerate(header) if h.startswith(_VENUE_HEADERS)), None)
    for row_start, row_end in rows[2:]:
        entry = _row_entry(
            text, row_start, row_end, links, span_of, title_column, venue_column, section
        )
        if entry is not None:
            yield entry


def _row_entry(
    text: str,
    start: int,
    end: int,
    links: list[Link],
    span_of: SpanOf,
    title_column: int,
    venue_column: int | None,
    section: int | None,
) -> PaperEntry | None:
    cells = _cells(text, start, end, links)
    row_links = _paper_links(links, start, end)
    fields = _Fields(text, span_of, section=section)
    if title_column >= len(cells):
        return None
    for a, b in [cells[title_column]]:
        bold = _BOLD.search(text, a, b)
        if bold:
            fields.title = fields.field(*_strip(text, bold.start(1), bold.end(1), " \t"), "T")
            break
        label = next((ln for ln in row_links if a <= ln.span.start < b and ln.label_span), None)
        if label is not None and label.label_span is not None:
            fields.title = fields.field(
                *_strip(text, label.label_span.start, label.label_span.end, " \t*"), "T"
            )
            break
    if fields.title is None:
        return None
    for i, (a, b) in enumerate(cells):
        cell = text[a:b]
        if fields.date is None and re.fullmatch(r"\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?", cell):
            fields.date = fields.field(a, b, "D")
        elif i == venue_column and fields.venue is None and b > a:
            fields.venue = fields.field(a, b, "V")
    line = _Line(start, end, "", end)
    return _entry("row", "row", fields, row_links, start, end, _entry_lines(text, [line], span_of))
