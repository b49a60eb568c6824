"""Tables read as GitHub renders them, with the exact source offset of every cell.

mistune drops a pipe table whose rows do not all have the header's number of cells (the whole
table becomes a paragraph) and ends one at a row without the leading pipe. GitHub (cmark-gfm's
table extension) does neither: a table is a header row, a delimiter row with the same number of
cells, and every following line up to a blank line or the start of another block; a short row
is padded with empty cells and a long one is cut, its extra cells hidden. Rows are split at
every ``|`` not preceded by a backslash, before any inline parsing, so a pipe inside a code
span or link text splits too. This module reads tables that way from any range of the text
(a mistune table, a paragraph, or a run of both), in time linear in the range.

HTML tables (``<table>``, ``<tr>``, ``<td>``, ``<th>``) are read by :func:`read_html_tables`.
All offsets index the text given; results are immutable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal, NamedTuple

from .model import Block

Alignment = Literal["left", "center", "right"] | None

_SPACE = " \t\v\f"


class Cell(NamedTuple):
    """A cell's content, trimmed; an empty cell sits (zero-width) right after its opening pipe."""

    start: int
    end: int
    text: str  # as written: escapes (``\\|``) and inline Markdown kept


class Row(NamedTuple):
    """One line of a pipe table and its cells as written."""

    start: int  # the first character after the indentation
    end: int  # the end of the line, trailing whitespace excluded
    cells: tuple[Cell, ...]  # every cell written, also those GitHub cuts
    columns: int  # the header's number of cells: how many GitHub shows
    cut: Cell | None  # the text of the cells beyond ``columns`` (GitHub hides it), if any
    leading_pipe: bool
    trailing_pipe: bool

    @property
    def shown(self) -> tuple[Cell, ...]:
        """The cells GitHub shows (without the padding it adds to a short row)."""
        return self.cells[: self.columns]

    @property
    def missing(self) -> int:
        """How many empty cells GitHub adds to this row."""
        return max(0, self.columns - len(self.cells))

    @property
    def extra(self) -> tuple[Cell, ...]:
        """The cells written beyond the header's count (empty ones included)."""
        return self.cells[self.columns :]


class Table(NamedTuple):
    start: int  # the header row's start
    end: int  # the last row's end
    header: Row
    delimiter: Row
    alignments: tuple[Alignment, ...]
    rows: tuple[Row, ...]  # the body rows

    @property
    def columns(self) -> int:
        return len(self.header.cells)


# -- lines and blocks --------------------------------------------------------------------------


class _Line(NamedTuple):
    start: int  # first character of the line
    content: int  # first character after the indentation
    end: int  # end of the line, without the newline and trailing whitespace
    indent: int  # columns of indentation (a tab counts to the next multiple of 4)


def _lines(text: str, start: int, end: int) -> list[_Line]:
    lines = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        content, indent = pos, 0
        while content < stop and text[content] in " \t":
            indent = indent + 4 - indent % 4 if text[content] == "\t" else indent + 1
            content += 1
        last = stop
        while last > content and text[last - 1] in _SPACE + "\r":
            last -= 1
        lines.append(_Line(pos, content, last, indent))
        pos = stop + 1
    return lines


_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"```|~~~")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_MARKER = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_SETEXT_DASHES = re.compile(r"-+[ \t]*$")
# HTML block starts (CommonMark 0.29, which cmark-gfm follows): kinds 1-6 by their opening,
# kind 7 (any complete tag alone on its line) approximately.
_HTML_RAW = re.compile(r"<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.I)
_HTML_SPECIAL = re.compile(r"<(?:!--|\?|![A-Za-z]|!\[CDATA\[)")
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd"
    r"|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset"
    r"|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol"
    r"|optgroup|option|p|param|section|source|summary|table|tbody|td|tfoot|th|thead|title|tr"
    r"|track|ul)(?:[ \t>]|/>|$)",
    re.I,
)
_HTML_LONE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[ \t/][^<>]*)?>$")


def _starts_block(text: str, line: _Line, base_indent: int = 0) -> bool:
    """Whether the line opens a block that ends a table (or cannot be a header row); indentation
    counts from ``base_indent``."""
    if line.indent - base_indent >= 4:
        return True  # indented code
    head = text[line.content : line.end]
    first = head[:1]
    if first == ">":
        return True
    if first == "#":
        return _ATX_HEADING.match(head) is not None
    if first in "`~":
        return _FENCE.match(head) is not None
    if first == "<":
        return bool(
            _HTML_RAW.match(head)
            or _HTML_SPECIAL.match(head)
            or _HTML_BLOCK_TAG.match(head)
            or _HTML_LONE_TAG.match(head)
        )
    if first in "-*_" and _THEMATIC_BREAK.match(head):
        return True
    return _LIST_MARKER.match(head) is not None


def _blank(line: _Line) -> bool:
    return line.content >= line.end


# -- rows --------------------------------------------------------------------------------------


def _cell(text: str, start: int, end: int) -> Cell:
    raw = text[start:end]
    content = raw.strip(_SPACE)
    if not content:
        return Cell(start, start, "")
    left = start + raw.index(content[0])  # the first non-blank character
    return Cell(left, left + len(content), content)


def _split(text: str, line: _Line) -> tuple[list[Cell], bool, bool]:
    """The cells of a row as GFM splits it: at every ``|`` not preceded by a backslash."""
    start, end = line.content, line.end
    leading = start < end and text[start] == "|"
    pos = start + 1 if leading else start
    cells: list[Cell] = []
    find = text.find
    while True:
        bar = find("|", pos, end)
        while bar > start and text[bar - 1] == "\\":
            bar = find("|", bar + 1, end)
        if bar < 0:
            last = _cell(text, pos, end) if pos < end else None
            trailing = last is None or not last.text  # nothing after the last pipe
            if not trailing and last is not None:
                cells.append(last)
            return cells, leading, trailing
        cells.append(_cell(text, pos, bar))
        pos = bar + 1


def _row(text: str, line: _Line, cells: list[Cell], columns: int, pipes: tuple[bool, bool]) -> Row:
    extra = [cell for cell in cells[columns:] if cell.text]
    cut = None
    if extra:
        cut = Cell(extra[0].start, extra[-1].end, text[extra[0].start : extra[-1].end])
    return Row(line.content, line.end, tuple(cells), columns, cut, *pipes)


_DELIMITER_CELL = re.compile(r":?-+:?")
_ALIGNMENTS: dict[tuple[bool, bool], Alignment] = {
    (False, False): None,
    (True, False): "left",
    (False, True): "right",
    (True, True): "center",
}


class _Delimiter(NamedTuple):
    cells: list[Cell]
    alignments: tuple[Alignment, ...]
    pipes: tuple[bool, bool]


def _delimiter(text: str, line: _Line) -> _Delimiter | None:
    """The delimiter row's cells and alignments, or None when the line is not one."""
    head = text[line.content : line.end]
    if not head or head.strip("|:- \t") or _SETEXT_DASHES.match(head):
        return None
    cells, leading, trailing = _split(text, line)
    alignments: list[Alignment] = []
    for cell in cells:
        if not _DELIMITER_CELL.fullmatch(cell.text):
            return None
        alignments.append(_ALIGNMENTS[cell.text[0] == ":", cell.text[-1] == ":"])
    return _Delimiter(cells, tuple(alignments), (leading, trailing))


# -- tables ------------------------------------------------------------------------------------


def read_tables(text: str, start: int = 0, end: int | None = None) -> tuple[Table, ...]:
    """The GFM pipe tables in ``text[start:end]``: a paragraph, a table, or a run of both.

    The range is read as paragraph lines (it holds no fenced code): a table starts at a line
    followed by a delimiter row with the same number of cells; earlier lines stay a paragraph.
    Indentation counts from the header row's, so a table indented inside a list item reads too.
    """
    lines = _lines(text, start, len(text) if end is None else end)
    tables: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        table = _table_at(text, lines, i)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i += len(table.rows) + 2
    return tuple(tables)


def _table_at(text: str, lines: list[_Line], i: int) -> Table | None:
    header_line, delimiter_line = lines[i], lines[i + 1]
    delimiter = _delimiter(text, delimiter_line)  # after a paragraph line: never indented code
    if delimiter is None or _blank(header_line):
        return None
    # The range's first line, or a paragraph's next one: its indentation makes no code block.
    continues = i == 0 or not _blank(lines[i - 1])
    if _starts_block(text, header_line, header_line.indent if continues else 0):
        return None
    header_cells, leading, trailing = _split(text, header_line)
    columns = len(header_cells)
    if columns != len(delimiter.cells):
        return None
    header = _row(text, header_line, header_cells, columns, (leading, trailing))
    delimiter_row = _row(text, delimiter_line, delimiter.cells, columns, delimiter.pipes)
    rows = tuple(_body(text, lines, i + 2, columns, header_line.indent))
    last = rows[-1] if rows else delimiter_row
    return Table(header.start, last.end, header, delimiter_row, delimiter.alignments, rows)


def _body(text: str, lines: list[_Line], first: int, columns: int, indent: int) -> Iterator[Row]:
    """The rows after the delimiter row, up to a blank line or the start of another block."""
    for line in lines[first:]:
        if _blank(line) or _starts_block(text, line, indent):
            return
        cells, leading, trailing = _split(text, line)
        if not cells:  # a lone "|"
            return
        yield _row(text, line, cells, columns, (leading, trailing))


def table_ranges(text: str, blocks: Iterable[tuple[str, int, int]]) -> Iterator[tuple[int, int]]:
    """Runs of table and paragraph blocks (kind, start, end) with no blank line between them:
    where GitHub may see a table that mistune does not (a row without the leading pipe ends
    mistune's table; a row with an odd number of cells turns it into a paragraph)."""
    run: tuple[int, int] | None = None
    for kind, start, end in blocks:
        if kind not in ("table", "paragraph"):
            if run is not None:
                yield run
            run = None
        elif run is not None and text.count("\n", run[1], start) == 1:
            run = (run[0], end)
        else:
            if run is not None:
                yield run
            run = (start, end)
    if run is not None:
        yield run


@lru_cache(maxsize=1)  # several rules read the tables of the same document
def document_tables(text: str, blocks: tuple[Block, ...]) -> tuple[Table, ...]:
    """Every top-level pipe table of a document, as GitHub renders it."""
    found: list[Table] = []
    spans = ((block.kind, block.span.start, block.span.end) for block in blocks)
    for start, end in table_ranges(text, spans):
        if text.find("|", start, end) >= 0:
            found.extend(read_tables(text, start, end))
    return tuple(found)


# -- HTML tables -------------------------------------------------------------------------------


class HtmlCell(NamedTuple):
    start: int  # the content between the tags, trimmed
    end: int
    text: str
    header: bool  # a <th>


class HtmlRow(NamedTuple):
    start: int  # the <tr> tag (or the first cell's tag when the row is implied)
    end: int  # after </tr>, or where the row ends implicitly
    cells: tuple[HtmlCell, ...]


class HtmlTable(NamedTuple):
    start: int  # the <table> tag
    end: int  # after </table>, or the end of the range when it is not closed
    rows: tuple[HtmlRow, ...]


_TABLE_TAG = re.compile(r"<(/?)(table|tr|td|th)(?=[\s/>])", re.I)


class _OpenTable:
    """A table being read: its finished rows and the row and cell still open."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start
        self.rows: list[HtmlRow] = []
        self.row_start: int | None = None
        self.cells: list[HtmlCell] = []
        self.cell: tuple[int, bool] | None = None  # content start, is a <th>

    def close_cell(self, end: int) -> None:
        if self.cell is not None:
            start, header = self.cell
            raw = self.text[start:end]
            left = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            self.cells.append(
                HtmlCell(start + left, start + left + len(stripped), stripped, header)
            )
            self.cell = None

    def close_row(self, end: int) -> None:
        self.close_cell(end)
        if self.row_start is not None:
            self.rows.append(HtmlRow(self.row_start, end, tuple(self.cells)))
        self.row_start, self.cells = None, []

    def open_cell(self, tag_start: int, content_start: int, header: bool) -> None:
        self.close_cell(tag_start)
        if self.row_start is None:
            self.row_start = tag_start
        self.cell = (content_start, header)

    def close(self, end: int, row_end: int) -> HtmlTable:
        self.close_row(row_end)
        return HtmlTable(self.start, end, tuple(self.rows))


def read_html_tables(text: str, start: int = 0, end: int | None = None) -> tuple[HtmlTable, ...]:
    """The HTML tables in ``text[start:end]`` with their rows and cells, nested ones included,
    closing what a browser closes implicitly (a cell at the next cell or row, a row at the next
    row, everything at the range's end). Linear: a tag without ``>`` ends the scan."""
    end = len(text) if end is None else end
    found: list[HtmlTable] = []
    stack: list[_OpenTable] = []
    resume = start
    for match in _TABLE_TAG.finditer(text, start, end):
        tag_start = match.start()
        if tag_start < resume:
            continue  # inside the previous tag's attributes
        tag_end = text.find(">", match.end(), end)
        if tag_end < 0:
            break
        resume = tag_end = tag_end + 1
        closing, name = match[1] == "/", match[2].lower()
        if name == "table" and not closing:
            stack.append(_OpenTable(text, tag_start))
        elif not stack:
            continue  # rows and cells outside a table are ignored, as by a browser
        elif name == "table":
            found.append(stack.pop().close(tag_end, tag_start))
        elif name == "tr":
            stack[-1].close_row(tag_end if closing else tag_start)
            if not closing:
                stack[-1].row_start = tag_start
        elif closing:
            stack[-1].close_cell(tag_start)
        else:
            stack[-1].open_cell(tag_start, tag_end, name == "th")
    while stack:
        found.append(stack.pop().close(end, end))
    return tuple(sorted(found))
