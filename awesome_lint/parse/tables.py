"""Entries of a table: one per body row of a table whose header names a title column.

The title is the row's bold text or linked label in that column, else its plain text (``1) Title
  summary``: the text after the row number, up to a double space). Dates and venues are read from
their cells by content, and from the columns the header names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Link, PaperEntry
from .entry import Slots, SpanOf, entry_lines, make_entry, paper_links
from .fields import is_date, looks_like_title
from .lines import BR_TAG, Line, strip

_TITLE_HEADERS = ("title", "paper", "name")
_VENUE_HEADERS = ("venue", "pub", "publication", "conference", "journal")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ROW_NUMBER = re.compile(r"\d{1,4}[.)]\s+")
_ROW_DATE = re.compile(r"\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?")


def _pipe_positions(text: str, start: int, end: int) -> Iterator[int]:
    pos = text.find("|", start, end)
    while pos >= 0:
        yield pos
        pos = text.find("|", pos + 1, end)


def cells(text: str, start: int, end: int, links: list[Link]) -> list[tuple[int, int]]:
    """Cell bounds of a table row; pipes inside links or escaped are not separators."""
    inside = [(ln.span.start, ln.span.end) for ln in links if start <= ln.span.start < end]
    pipes = [
        i
        for i in _pipe_positions(text, start, end)
        if (i == 0 or text[i - 1] != "\\") and not any(a <= i < b for a, b in inside)
    ]
    bounds = [start - 1, *pipes, end]
    found = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    if len(found) > 1 and not text[found[0][0] : found[0][1]].strip():
        found = found[1:]  # the row's leading pipe
    if len(found) > 1 and not text[found[-1][0] : found[-1][1]].strip():
        found = found[:-1]  # the row's trailing pipe
    return [strip(text, a, b, " \t") for a, b in found]


def table_rows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    rows = []
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        rows.append((pos, line_end))
        pos = line_end + 1
    return rows


def title_column(text: str, header: tuple[int, int], links: list[Link]) -> int | None:
    names = [text[a:b].strip(" *").lower() for a, b in cells(text, *header, links)]
    return next((i for i, h in enumerate(names) if h.startswith(_TITLE_HEADERS)), None)


def table_entries(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> Iterator[PaperEntry]:
    rows = table_rows(text, start, end)
    if len(rows) < 3:
        return
    column = title_column(text, rows[0], links)
    if column is None:
        return  # a table of datasets or tools, not of papers
    header = [text[a:b].strip(" *").lower() for a, b in cells(text, *rows[0], links)]
    venue_column = next((i for i, h in enumerate(header) if h.startswith(_VENUE_HEADERS)), None)
    for row_start, row_end in rows[2:]:
        entry = row_entry(text, row_start, row_end, links, span_of, column, venue_column, section)
        if entry is not None:
            yield entry


def row_entry(
    text: str,
    start: int,
    end: int,
    links: list[Link],
    span_of: SpanOf,
    title_column: int,
    venue_column: int | None,
    section: int | None,
) -> PaperEntry | None:
    row_cells = cells(text, start, end, links)
    row_links = paper_links(links, start, end)
    slots = Slots(text, span_of, section=section)
    if title_column >= len(row_cells):
        return None
    _read_title_cell(slots, *row_cells[title_column], row_links)
    if slots.title is None:
        return None
    for i, (a, b) in enumerate(row_cells):
        cell = text[a:b]
        if slots.date is None and _ROW_DATE.fullmatch(cell):
            slots.date = slots.field(a, b, "D")
        elif i == venue_column and slots.venue is None and b > a:
            slots.venue = slots.field(a, b, "V")
    line = Line(start, end, "", end)
    return make_entry(
        "row", "row", slots, row_links, start, end, entry_lines(text, [line], span_of)
    )


def _read_title_cell(slots: Slots, start: int, end: int, links: list[Link]) -> None:
    text = slots.text
    bold = _BOLD.search(text, start, end)
    if bold:
        slots.title = slots.field(*strip(text, bold.start(1), bold.end(1), " \t"), "T")
        return
    label = next((ln for ln in links if start <= ln.span.start < end and ln.label_span), None)
    if label is not None and label.label_span is not None and label.span.start == start:
        a, b = strip(text, label.label_span.start, label.label_span.end, " \t*")
        slots.title = slots.field(a, b, "T")
        return
    # Plain text: "1) Title  summary", "Title<br />authors"
    number = _ROW_NUMBER.match(text, start, end)
    pos = number.end() if number else start
    stop = end
    for mark in ("  ", "<br"):
        found = text.find(mark, pos, stop)
        if found > pos:
            stop = found
    br = BR_TAG.search(text, pos, stop)
    stop = br.start() if br else stop
    a, b = strip(text, pos, stop, " \t.")
    if b > a and looks_like_title(text[a:b]) and not is_date(text[a:b]):
        slots.title = slots.field(a, b, "T")
    elif label is not None and label.label_span is not None:
        a, b = strip(text, label.label_span.start, label.label_span.end, " \t*")
        slots.title = slots.field(a, b, "T")
