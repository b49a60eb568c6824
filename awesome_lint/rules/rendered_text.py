"""The source lines GitHub renders as Markdown, for rules that look for what the parser could not
read (a link missing its "[", a placeholder address with spaces): code blocks, HTML blocks,
comments and inline code are left out."""

from __future__ import annotations

import re
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


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def markdown_lines(doc: Document, kinds: frozenset[str] = MARKDOWN_BLOCKS) -> Iterator[SourceLine]:
    """Each line of the Markdown blocks (of these kinds), with HTML comments and inline code
    turned to spaces so that offsets still index ``doc.text``."""
    comments = [(c.span.start, c.span.end) for c in doc.comments]
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        text = doc.text[block.span.start : block.span.end]
        for start, end in comments:
            if start < block.span.end and end > block.span.start:
                lo, hi = max(start, block.span.start), min(end, block.span.end)
                text = _blank(text, lo - block.span.start, hi - block.span.start)
        offset = block.span.start
        for line in text.split("\n"):
            if "`" in line:
                line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
            yield SourceLine(offset, line)
            offset += len(line) + 1
