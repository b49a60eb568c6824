"""The source lines GitHub renders as Markdown, for rules that look for what the parser could not
read (a link missing its "[", a placeholder address with spaces): code blocks, HTML blocks,
comments and inline code are left out."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Document

MARKDOWN_BLOCKS = frozenset({"paragraph", "list", "table", "quote", "heading"})
# A blockquote often shows the list's entry template ("[[Paper](URL)]"), not entries.
OUTSIDE_QUOTES = MARKDOWN_BLOCKS - {"quote"}

_CODE_SPAN = re.compile(r"(`+)[^`].*?\1")


class SourceLine(NamedTuple):
    start: int  # offset of the line's first character in Document.text
    text: str  # the line, with comments and inline code blanked (same length)


_new_line = tuple.__new__  # builds a SourceLine without its Python-level constructor


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def markdown_lines(doc: Document, kinds: frozenset[str] = MARKDOWN_BLOCKS) -> Iterator[SourceLine]:
    """Each line of the Markdown blocks (of these kinds), with HTML comments and inline code
    turned to spaces so that offsets still index ``doc.text``."""
    comments = sorted((c.span.start, c.span.end) for c in doc.comments)
    first = 0  # the first comment that may reach into the current block (both in order)
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        start, end = block.span.start, block.span.end
        while first < len(comments) and comments[first][1] <= start:
            first += 1
        text = doc.text[start:end]
        i = first
        while i < len(comments) and comments[i][0] < end:
            lo, hi = comments[i]
            text = _blank(text, max(lo, start) - start, min(hi, end) - start)
            i += 1
        offset = start
        for line in text.split("\n"):
            if "`" in line:
                line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
            yield _new_line(SourceLine, (offset, line))
            offset += len(line) + 1


class SpanFinder:
    """Whether an offset lies in one of some spans (in document order, not overlapping)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


def blocks_of(doc: Document, kinds: frozenset[str]) -> SpanFinder:
    return SpanFinder([(b.span.start, b.span.end) for b in doc.blocks if b.kind in kinds])


class RenderedText:
    """Whether a piece of ``doc.text`` is Markdown GitHub renders: in a block of the given
    kinds, outside comments and inline code. For rules that search the whole text at once."""

    def __init__(self, doc: Document, kinds: frozenset[str] = MARKDOWN_BLOCKS) -> None:
        self._text = doc.text
        self._blocks = blocks_of(doc, kinds)
        self._comments = SpanFinder(sorted((c.span.start, c.span.end) for c in doc.comments))

    def __contains__(self, offset: int) -> bool:
        if offset not in self._blocks or offset in self._comments:
            return False
        line_start = self._text.rfind("\n", 0, offset) + 1
        line_end = self._text.find("\n", offset)
        line = self._text[line_start : line_end if line_end >= 0 else len(self._text)]
        return not any(
            m.start() <= offset - line_start < m.end() for m in _CODE_SPAN.finditer(line)
        )
