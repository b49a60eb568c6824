"""AL204 date-order: an entry out of its section's date order, and a section out of the list's.

The section's order is the longest run of its entries already in order, newest or oldest first
(the longer wins; a tie goes to the list's direction): the entries outside that run are the ones
that moved, and each is reported on itself, not on its neighbour. A section with no such order
(fewer than two thirds of its entries in one) is reported once, when the rest of the list is
sorted; a sorted section that goes the other way from most of the list gets an info finding.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..date_order import NEWEST_FIRST, OLDEST_FIRST, Dated, SectionOrder
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, PaperEntry, Section
from ..rule import Rule, RuleContext

ORDERS = ("auto", NEWEST_FIRST, OLDEST_FIRST)


@dataclass(frozen=True)
class DateOrderOptions:
    """AL204's options."""

    order: str = "auto"  # auto (the section's own order) or a direction every section follows

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")


class DateOrder(Rule):
    code = "AL204"
    name = "date-order"
    summary = (
        "An entry out of its section's date order, or a section not sorted like the rest of "
        "the list."
    )
    severity = Severity.WARNING
    fixable = True
    options_class = DateOrderOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or DateOrderOptions()
        sections = ctx.facts.section_orders()  # the sections with an order to keep
        own = {s.section.index: s.direction(NEWEST_FIRST) for s in sections}
        sorted_ones = Counter(
            own[s.section.index] for s in sections if s.is_sorted(own[s.section.index])
        )
        listwide = (
            OLDEST_FIRST if sorted_ones[OLDEST_FIRST] > sorted_ones[NEWEST_FIRST] else NEWEST_FIRST
        )
        for each in sections:
            pinned = options.order != "auto"
            direction = options.order if pinned else each.direction(listwide)
            if each.is_sorted(direction):
                yield from self._moved(doc, each, direction)
                if not pinned and len(each.dated) >= 3 and direction != listwide:
                    others = sorted_ones[listwide]
                    if others and others >= sorted_ones[direction] - 1:
                        yield self._other_way(doc, each.section, direction, listwide)
            elif pinned or self._rest_sorted(sections, each, own):
                yield self._unsorted(doc, each, options.order if pinned else listwide)

    def _moved(self, doc: Document, each: SectionOrder, direction: str) -> Iterator[Diagnostic]:
        """One finding per entry outside the section's order, on that entry."""
        kept = sorted(each.kept[direction])
        sign = 1 if direction == NEWEST_FIRST else -1  # newest first: values go down
        fix: Fix | None = _reorder(doc, each.dated, direction)
        for i, (entry, _) in enumerate(each.dated):
            if i in each.kept[direction] or entry.date is None:
                continue
            day = each.keys[i]
            before = next((j for j in reversed(kept) if j < i), None)
            after = next((j for j in kept if j > i), None)
            # The entry is out of order with the kept one before it, or else with the one after.
            if before is not None and (day - each.keys[before]) * sign > 0:
                other, where = before, "before"
            elif after is not None:
                other, where = after, "after"
            else:
                continue
            other_entry = each.dated[other][0]
            assert other_entry.date is not None
            relation = "newer" if day > each.keys[other] else "older"
            message = (
                f'"{entry.date.text}" is {relation} than "{other_entry.date.text}" on line '
                f"{other_entry.date.span.line} {where} it; the section is {direction}"
            )
            yield self.diagnostic(doc, entry.date.span, message, fix)
            fix = None  # one fix reorders the whole section: attach it once

    def _rest_sorted(
        self, sections: Sequence[SectionOrder], each: SectionOrder, own: dict[int, str]
    ) -> bool:
        """Whether every other section with three or more dated entries is sorted."""
        others = [s for s in sections if s is not each and len(s.dated) >= 3]
        return bool(others) and all(s.is_sorted(own[s.section.index]) for s in others)

    def _unsorted(self, doc: Document, each: SectionOrder, direction: str) -> Diagnostic:
        section = each.section
        message = (
            f'section "{section.text.strip()}" is not sorted by date; the rest of the list is '
            f"{direction}"
        )
        return self.diagnostic(
            doc, section.title_span, message, _reorder(doc, each.dated, direction)
        )

    def _other_way(
        self, doc: Document, section: Section, direction: str, listwide: str
    ) -> Diagnostic:
        message = (
            f'section "{section.text.strip()}" is {direction}; the other sections are {listwide}'
        )
        return replace(self.diagnostic(doc, section.title_span, message), severity=Severity.INFO)


def _reorder(doc: Document, dated: list[Dated], direction: str) -> Fix | None:
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
