"""AL113 list-numbering: a stray number in a numbered list ("21." in a list numbered "1."
throughout, "7." between "2." and "4.")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Block, Document
from ..rule import Rule, RuleContext

_MARKER = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]", re.M)  # at a line's start only
MIN_ITEMS = 4  # fewer items show no numbering habit
MAJORITY = 0.75  # the share of items that must follow the habit


class Number(NamedTuple):
    value: int
    start: int  # offset of the digits in Document.text
    end: int


def numbered_lists(doc: Document, block: Block) -> Iterator[list[Number]]:
    """The numbers of each run of items at one indent: the block's own list, or each list
    nested in an item (a less indented line, its parent item, ends a run)."""
    first = _MARKER.search(doc.text, block.span.start, block.span.end)
    if first is None:
        return
    indent, run = len(first[1]), []
    offset = block.span.start
    for line in doc.text[block.span.start : block.span.end].split("\n"):
        depth = len(line) - len(line.lstrip(" \t"))
        m = _MARKER.match(line)
        if m is not None and depth == indent:
            run.append(Number(int(m[2]), offset + m.start(2), offset + m.end(2)))
        elif line.strip() and depth < indent:
            yield run
            run = []
        offset += len(line) + 1
    yield run


def strays(numbers: list[Number]) -> Iterator[tuple[Number, int, str]]:
    """Each number out of the list's habit, what it should be, and the habit."""
    values = [n.value for n in numbers]
    same, count = Counter(values).most_common(1)[0]
    if count >= MAJORITY * len(values) and count > 1:
        for number in numbers:
            if number.value != same:
                yield number, same, f'a list numbered "{same}." throughout'
        return
    # Counting up: most items sit where the count puts them (number minus position is constant).
    _, in_place = Counter(value - i for i, value in enumerate(values)).most_common(1)[0]
    if in_place < MAJORITY * len(values):
        return
    for i in range(len(values)):
        expected = _slot(values, i)
        if expected is not None and values[i] != expected:
            yield numbers[i], expected, f'a list counting up from "{values[0]}."'


def _slot(values: list[int], i: int) -> int | None:
    """The one number that fits between the item's neighbours, when they leave exactly one
    (a repeated or skipped number shifts all that follow: no single stray to name)."""
    if 0 < i < len(values) - 1 and values[i + 1] - values[i - 1] == 2:
        return values[i - 1] + 1
    if i == 0 and len(values) > 2 and values[2] - values[1] == 1:
        return values[1] - 1
    return None


class ListNumbering(Rule):
    code = "AL113"
    name = "list-numbering"
    summary = 'A stray number in a numbered list: "21." in a list numbered "1." throughout.'
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in doc.blocks:
            if block.kind == "list":
                for numbers in numbered_lists(doc, block):
                    if len(numbers) >= MIN_ITEMS:
                        yield from self._strays(doc, numbers)

    def _strays(self, doc: Document, numbers: list[Number]) -> Iterator[Diagnostic]:
        for number, expected, habit in strays(numbers):
            span = doc.span(number.start, number.end)
            fix = Fix((Edit(number.start, number.end, str(expected)),), description=str(expected))
            message = f'"{number.value}." in {habit}: write "{expected}."'
            yield self.diagnostic(doc, span, message, fix)
