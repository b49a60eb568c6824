"""AL110 misnested-html: inline HTML tags closed out of order (``<sup><sub>x</sup></sub>``), in a
table cell or on a line of text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from ..tables import Table, document_tables

# Elements that only wrap text: one opened inside another must close first. Block and void
# elements (div, p, br, img) follow other rules and are left alone.
# fmt: off
INLINE_ELEMENTS = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
    "var",
))
# fmt: on
_TOKEN = re.compile(r"`+|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_FENCE = re.compile(r"[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?(?:```|~~~)")  # in items too
_TEXT_BLOCKS = ("paragraph", "list", "quote", "heading", "html", "table")


class Crossing(NamedTuple):
    """A closing tag met while tags opened inside its element are still open."""

    start: int  # the closing tag "</sup>"
    end: int
    name: str  # "sup"
    inner: str  # the innermost element still open: "sub"
    swap: Edit | None  # "</sup></sub>" → "</sub></sup>" when the inner one closes right after


class MisnestedHtml(Rule):
    code = "AL110"
    name = "misnested-html"
    summary = (
        "Inline HTML elements closed out of order: a sup closed before the sub opened inside it."
    )
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for start, end in scopes(doc):
            for crossing in crossings(doc.text, start, end):
                message = (
                    f'"</{crossing.name}>" closes "<{crossing.name}>" while "<{crossing.inner}>"'
                    " inside it is still open"
                )
                fix = None
                if crossing.swap is not None:
                    fix = Fix((crossing.swap,), description=f'write "{crossing.swap.replacement}"')
                yield self.diagnostic(doc, doc.span(crossing.start, crossing.end), message, fix)


def scopes(doc: Document) -> Iterator[tuple[int, int]]:
    """Where tags must pair up: each cell of a pipe table, each line of other text (a tag may
    close on a later line of a paragraph, so a tag left open at a line's end is no finding)."""
    tables = document_tables(doc.text, doc.blocks)
    for table in tables:
        for row in (table.header, *table.rows):
            for cell in row.cells:
                yield cell.start, cell.end
    for block in doc.blocks:
        if (
            block.kind in _TEXT_BLOCKS
            and doc.text.find("</", block.span.start, block.span.end) >= 0
        ):
            yield from _lines_outside(doc.text, block.span.start, block.span.end, tables)


def _lines_outside(
    text: str, start: int, end: int, tables: tuple[Table, ...]
) -> Iterator[tuple[int, int]]:
    """The block's lines outside pipe tables and fenced code."""
    table_starts = [table.start for table in tables]
    fenced = False
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        index = bisect_right(table_starts, pos) - 1
        if _FENCE.match(text, pos, stop):
            fenced = not fenced
        elif not fenced and not (index >= 0 and pos <= tables[index].end):
            yield pos, stop
        pos = stop + 1


def crossings(text: str, start: int, end: int) -> Iterator[Crossing]:
    """Closing tags of inline elements met while an element opened inside is still open.

    The element is then closed with everything inside it (as a browser does), so the inner
    element's own closing tag that follows is a stray one and no second finding."""
    if text.find("</", start, end) < 0:
        return  # no closing tag, no crossing (the common case: a cheap test)
    tags = list(_tags_outside_code(text, start, end))
    stack: list[str] = []
    open_count: dict[str, int] = {}
    for index, tag in enumerate(tags):
        name = tag[2].lower()
        if tag[1] == "":
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            continue
        if not open_count.get(name):
            continue  # a stray closing tag: ignored, as by a browser
        if stack[-1] != name:
            following = tags[index + 1] if index + 1 < len(tags) else None
            yield Crossing(tag.start(), tag.end(), name, stack[-1], _swap(stack, tag, following))
        while True:
            closed = stack.pop()
            open_count[closed] -= 1
            if closed == name:
                break


def _swap(stack: list[str], tag: re.Match[str], following: re.Match[str] | None) -> Edit | None:
    """``</sup></sub>`` → ``</sub></sup>``: when one element is open inside and closes next."""
    inner = stack[-1]
    if len(stack) < 2 or stack[-2] != tag[2].lower() or following is None:
        return None
    if following[1] != "/" or following[2].lower() != inner or following.start() != tag.end():
        return None
    return Edit(tag.start(), following.end(), following[0] + tag[0])


def _tags_outside_code(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Opening and closing tags of inline elements, outside code spans. A code span runs from a
    run of backticks to the next run of the same length; runs are paired in one pass."""
    tokens = list(_TOKEN.finditer(text, start, end))
    runs_by_length: dict[int, list[int]] = {}
    for index, token in enumerate(tokens):
        if token[0][0] == "`":
            runs_by_length.setdefault(len(token[0]), []).append(index)
    next_run = dict.fromkeys(runs_by_length, 0)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token[0][0] != "`":
            if token[2].lower() in INLINE_ELEMENTS and not token[0].endswith("/>"):
                yield token
            continue
        runs, length = runs_by_length[len(token[0])], len(token[0])
        position = next_run[length]
        while position < len(runs) and runs[position] < index:
            position += 1
        next_run[length] = position
        if position < len(runs):
            index = runs[position] + 1  # skip the code span and its closing run
