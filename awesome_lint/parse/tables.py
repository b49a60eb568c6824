"""Entries of a table: one per body row of a table whose header names a title column.

Rows are read as GitHub renders them (:mod:`awesome_lint.tables`: short rows padded, long rows
cut, rows without the outer pipes kept). The title is the row's bold text or linked label in
that column, else its plain text (``1) Title
  summary``: the text after the row number, up to a double space). Dates and venues are read from
their cells by content, and from the columns the header names.
"""

from __future__ import annotations

import re

from ..model import Link, PaperEntry
from ..tables import Row, Table
from .entry import Slots, SpanOf, entry_lines, make_entry, paper_links
from .fields import is_date, looks_like_title
from .lines import BR_TAG, Line, strip

_TITLE_HEADERS = ("title", "paper", "name")
_VENUE_HEADERS = ("venue", "pub", "publication", "conference", "journal")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ROW_NUMBER = re.compile(r"\d{1,4}[.)]\s+")
_ROW_DATE = re.compile(r"\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?")


_THING_HEADERS = ("name", "dataset", "data")


def title_column(header: Row) -> int | None:
    """The column of the papers' titles: "Title", else "Paper", else "Name"; None in a table of
    named things (datasets) that link their papers (``Name | Paper | …``)."""
    names = [cell.text.strip(" *").lower() for cell in header.cells]
    columns = {}
    for i, name in enumerate(names):
        for kind in _TITLE_HEADERS:
            if name.startswith(kind):
                columns.setdefault(kind, i)
    if (
        "title" not in columns
        and "paper" in columns
        and any(n.startswith(_THING_HEADERS) for n in names)
    ):
        return None
    return next((columns[kind] for kind in _TITLE_HEADERS if kind in columns), None)


def things_table(header: Row) -> bool:
    names = [cell.text.strip(" *").lower() for cell in header.cells]
    return title_column(header) is None and any(n.startswith(_THING_HEADERS) for n in names)


def table_entries(
    text: str, table: Table, links: list[Link], span_of: SpanOf, section: int | None
) -> tuple[list[PaperEntry], list[Row]]:
    """The entries of a table's rows, and the rows that yield none."""
    column = title_column(table.header)
    if column is None and things_table(table.header):
        return [], []  # datasets or tools that link their papers: no papers of this list
    names = [cell.text.strip(" *").lower() for cell in table.header.cells]
    venue_column = next((i for i, h in enumerate(names) if h.startswith(_VENUE_HEADERS)), None)
    entries, unread = [], []
    for row in table.rows:
        row_links = [ln for ln in links if row.start <= ln.span.start < row.end]
        cells = [(cell.start, cell.end) for cell in row.shown]
        entry = None
        if column is not None:  # else a table of datasets or tools, or not understood
            entry = row_entry(text, row, cells, row_links, span_of, column, venue_column, section)
        if entry is None:
            unread.append(row)
        else:
            entries.append(entry)
    return entries, unread


def row_entry(
    text: str,
    row: Row,
    row_cells: list[tuple[int, int]],
    links: list[Link],
    span_of: SpanOf,
    title_column: int,
    venue_column: int | None,
    section: int | None,
) -> PaperEntry | None:
    start, end = row.start, row.end
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
