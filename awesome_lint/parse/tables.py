"""Entries of a table: one per body row of a table whose header names a title column.

Rows are read as GitHub renders them (:mod:`awesome_lint.tables`: short rows padded, long rows
cut, rows without the outer pipes kept). The title is the row's bold text or linked label in
that column, else its plain text (``1) Title
  summary``: the text after the row number, up to a double space). Dates and venues are read from
their cells by content, and from the columns the header names.
"""

from __future__ import annotations

import re

from ..model import LineIndex, Link, PaperEntry
from ..tables import HtmlTable, Table
from .entry import Slots, SortedLinks, entry_lines, make_entry, paper_links
from .fields import is_date, looks_like_title
from .lines import BR_TAG, Line, strip

_TITLE_HEADERS = ("title", "paper", "name")
_VENUE_HEADERS = ("venue", "pub", "publication", "conference", "journal")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ROW_NUMBER = re.compile(r"\d{1,4}[.)]\s+")
_TAG = re.compile(r"<[^<>\n]{1,300}>")
_ROW_DATE = re.compile(r"\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?")


_THING_HEADERS = ("name", "dataset", "data")


def title_column(names: list[str]) -> int | None:
    """The column of the papers' titles: "Title", else "Paper", else "Name"; None in a table of
    named things (datasets) that link their papers (``Name | Paper | …``)."""
    columns: dict[str, int] = {}
    for i, name in enumerate(names):
        for kind in _TITLE_HEADERS:
            if name.startswith(kind):
                columns.setdefault(kind, i)
    if "title" not in columns and "paper" in columns and things_table(names):
        return None
    return next((columns[kind] for kind in _TITLE_HEADERS if kind in columns), None)


def things_table(names: list[str]) -> bool:
    return any(name.startswith(_THING_HEADERS) for name in names)


# A row: its start and end, and its cells' (start, end) as GitHub shows them.
RowCells = tuple[int, int, list[tuple[int, int]]]


def table_entries(
    text: str, table: Table, links: list[Link], index: LineIndex, section: int | None
) -> tuple[list[PaperEntry], list[RowCells]]:
    """The entries of a pipe table's rows, and the rows that yield none."""
    names = [_header_name(cell.text) for cell in table.header.cells]
    rows = [(row.start, row.end, [(c.start, c.end) for c in row.shown]) for row in table.rows]
    return _rows_entries(text, names, rows, links, index, section)


def html_table_entries(
    text: str, table: HtmlTable, links: list[Link], index: LineIndex, section: int | None
) -> tuple[list[PaperEntry], list[RowCells]]:
    """The entries of an HTML ``<table>``: its first row names the columns."""
    if len(table.rows) < 2:
        return [], []
    names = [_header_name(_TAG.sub("", cell.text)) for cell in table.rows[0].cells]
    rows = [(row.start, row.end, [(c.start, c.end) for c in row.cells]) for row in table.rows[1:]]
    return _rows_entries(text, names, rows, links, index, section)


def _header_name(text: str) -> str:
    return text.strip(" *_").lower()


def _rows_entries(
    text: str,
    names: list[str],
    rows: list[RowCells],
    links: list[Link],
    index: LineIndex,
    section: int | None,
) -> tuple[list[PaperEntry], list[RowCells]]:
    column = title_column(names)
    if column is None and things_table(names):
        return [], []  # datasets or tools that link their papers: no papers of this list
    venue_column = next((i for i, h in enumerate(names) if h.startswith(_VENUE_HEADERS)), None)
    entries, unread = [], []
    by_start = SortedLinks(links)
    for row in rows:
        entry = None
        if column is not None:  # else not understood (AL108 tells when its rows link papers)
            row_links = by_start.between(row[0], row[1])
            entry = row_entry(text, row, row_links, index, column, venue_column, section)
        if entry is None:
            unread.append(row)
        else:
            entries.append(entry)
    return entries, unread


def row_entry(
    text: str,
    row: RowCells,
    links: list[Link],
    index: LineIndex,
    title_column: int,
    venue_column: int | None,
    section: int | None,
) -> PaperEntry | None:
    start, end, row_cells = row
    row_links = paper_links(links, start, end)
    slots = Slots(text, index, section=section)
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
    return make_entry("row", "row", slots, row_links, start, end, entry_lines(text, [line], index))


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
    # Plain text: "1) Title  summary", "Title<br />authors", "<a href=…>Title</a>"
    pos = start
    while (tag := _TAG.match(text, pos, end)) is not None:
        pos = _skip_blanks(text, tag.end(), end)
    number = _ROW_NUMBER.match(text, pos, end)
    pos = number.end() if number else pos
    stop = end
    for mark in ("  ", "<"):
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


def _skip_blanks(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\n":
        pos += 1
    return pos
