"""Candidate units: the pieces of a block that may each be one paper entry.

A list gives every item at any depth (an item's children are its sub-bullets, or the entries of
a category bullet); a paragraph gives its break-separated line groups (read in
:mod:`.paragraphs`); a table gives its body rows (read in :mod:`.tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_MARKER = re.compile(r"([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


@dataclass(slots=True)
class Item:
    """A list item: from its marker to the line before the next item at its depth or above."""

    start: int
    end: int
    content_start: int
    indent: int
    children: list[Item] = field(default_factory=list)


def marker_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(line start, indent width, content start) of every list-marker line, nested ones too."""
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        m = _MARKER.match(text, pos, line_end)
        if m:
            yield pos, len(m.group(1).expandtabs(4)), m.end()
        pos = line_end + 1


def list_items(text: str, start: int, end: int) -> list[Item]:
    """The items of a list as a tree: the outermost items, each with its nested ones."""
    markers = list(marker_lines(text, start, end))
    base = markers[0][1] if markers else 0
    roots: list[Item] = []
    stack: list[Item] = []
    for pos, indent, content in markers:
        indent = max(indent, base)
        while stack and indent <= stack[-1].indent + 1:
            stack.pop()
        item = Item(pos, end, content, indent)
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    _close(text, roots, end)
    return roots


def _close(text: str, items: list[Item], end: int) -> None:
    """Each item ends where the next one at its depth starts (trailing blanks trimmed)."""
    pending = [(items, end)]  # a stack, not recursion: lists may nest thousands deep
    while pending:
        siblings, limit = pending.pop()
        for i, item in enumerate(siblings):
            item_end = siblings[i + 1].start if i + 1 < len(siblings) else limit
            while item_end > item.start and text[item_end - 1] in " \t\n":
                item_end -= 1
            item.end = item_end
            pending.append((item.children, item_end))


def post_order(items: list[Item]) -> Iterator[Item]:
    """Every item after its nested ones, in document order otherwise."""
    pending: list[tuple[Item, bool]] = [(item, False) for item in reversed(items)]
    while pending:
        item, visited = pending.pop()
        if visited:
            yield item
            continue
        pending.append((item, True))
        pending.extend((child, False) for child in reversed(item.children))
