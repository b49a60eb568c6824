"""AL205 future-date: an entry dated after today."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import DateParts
from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext


class FutureDate(Rule):
    code = "AL205"
    name = "future-date"
    summary = "A date after today."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        today = ctx.today
        for entry, parts in ctx.facts.dated():
            if entry.date is not None and _after(parts, today.year, today.month, today.day):
                message = f'date "{entry.date.text}" is in the future'
                yield self.diagnostic(doc, entry.date.span, message)


def _after(parts: DateParts, year: int, month: int, day: int) -> bool:
    """Whether the date is after today, at the precision it is written with."""
    if parts.year is None or len(parts.year_text) != 4:
        return False  # no year, or a typo that AL201 reports
    if parts.month is None:
        return parts.year > year
    if parts.day is None or parts.value is None:
        return (parts.year, parts.month) > (year, month)
    return (parts.year, parts.month, parts.day) > (year, month, day)
