"""AL204 date-order: an entry out of its section's date order (newest or oldest first)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from ..dates import DateParts
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, PaperEntry, Section
from ..rule import Rule, RuleContext
from ..style import NEWEST_FIRST, OLDEST_FIRST

ORDERS = ("auto", NEWEST_FIRST, OLDEST_FIRST)


@dataclass(frozen=True)
class DateOrderOptions:
    order: str = "auto"  # auto (the section's majority, newest first when unclear) or a direction

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")


Dated = tuple[PaperEntry, DateParts]


def _later(a: DateParts, b: DateParts) -> int:
    """1 when b is later than a, -1 when earlier, 0 when the same (at the coarser precision)."""
    if a.day is not None and b.day is not None:
        x: object = a.value
        y: object = b.value
    else:
        x, y = a.month_key, b.month_key
    return (y > x) - (y < x)  # type: ignore[operator]


class DateOrder(Rule):
    code = "AL204"
    name = "date-order"
    summary = "An entry out of its section's date order (newest first unless the list says else)."
    severity = Severity.WARNING
    fixable = True
    options_class = DateOrderOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or DateOrderOptions()
        for section in doc.sections:
            dated = [(e, p) for e, p in ctx.facts.dated(section.entries) if p.value is not None]
            steps = [_later(a, b) for (_, a), (_, b) in pairwise(dated)]
            if not any(steps):
                continue
            direction = options.order
            if direction == "auto":
                newer, older = steps.count(1), steps.count(-1)
                if newer + older >= 4 and min(newer, older) * 3 >= newer + older:
                    continue  # no order to keep: the section is not sorted by date
                direction = ctx.style.sort_direction.get(section.index, NEWEST_FIRST)
            wrong = 1 if direction == NEWEST_FIRST else -1
            fix: Fix | None = _reorder(doc, section, dated, direction)
            for (before, _), (entry, _), step in zip(dated, dated[1:], steps, strict=False):
                if step != wrong or entry.date is None or before.date is None:
                    continue
                relation = "newer" if wrong == 1 else "older"
                message = (
                    f'"{entry.date.text}" is {relation} than "{before.date.text}" on line '
                    f"{before.date.span.line} before it; the section is {direction}"
                )
                yield self.diagnostic(doc, entry.date.span, message, fix)
                fix = None  # one fix reorders the whole section: attach it once


def _reorder(doc: Document, section: Section, dated: list[Dated], direction: str) -> Fix | None:
    """Sort the dated entries of a section (stably), each moving as a whole block."""

    def key(item: Dated) -> datetime.date:
        value = item[1].value
        assert value is not None
        return value

    def block(entry: PaperEntry) -> tuple[int, int]:
        """The entry's text with the trailing spaces of its last line: they move with it."""
        start, end = entry.span.start, entry.span.end
        line_end = doc.text.find("\n", end)
        line_end = len(doc.text) if line_end < 0 else line_end
        return start, line_end if not doc.text[end:line_end].strip() else end

    ordered = sorted(dated, key=key, reverse=direction == NEWEST_FIRST)
    edits = tuple(
        Edit(*block(slot), doc.text[slice(*block(moved))])
        for (slot, _), (moved, _) in zip(dated, ordered, strict=True)
        if slot is not moved
    )
    if not edits:
        return None
    return Fix(edits, safe=False, description=f"sort the section {direction}")
