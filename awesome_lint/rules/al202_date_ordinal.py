"""AL202 date-ordinal: a day with a wrong or malformed ordinal suffix ("22th", "07th", "25 th")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..dates import DateParts, ordinal_suffix
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext
from ..style import HouseStyle


class DateOrdinal(Rule):
    code = "AL202"
    name = "date-ordinal"
    summary = "A day with a wrong or malformed ordinal suffix: 22th, 3th, 07th, 25 th."
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, parts in ctx.facts.dated():
            if parts.layout == "dmy" and parts.day is not None and entry.date is not None:
                diagnostic = self._check_day(doc, ctx.style.of(entry), entry.date, parts)
                if diagnostic is not None:
                    yield diagnostic

    def _check_day(
        self, doc: Document, style: HouseStyle, date: Field, parts: DateParts
    ) -> Diagnostic | None:
        written = date.text[parts.day_start : parts.suffix_end]
        expected = expected_day(parts, style)
        if written == expected:
            return None
        start = date.span.start + parts.day_start
        span = doc.span(start, start + len(written))
        if parts.suffix or not style.date_ordinal:
            message = f'"{written}" should be "{expected}"'
        else:
            message = f'"{written}" lacks the ordinal suffix the list uses: "{expected}"'
        fix = Fix((Edit(span.start, span.end, expected),), description=f'write "{expected}"')
        found = self.diagnostic(doc, span, message, fix)
        wrong = parts.suffix and parts.suffix.lower() != ordinal_suffix(parts.day or 0)
        # "22th" is wrong for anyone; "07th", "25 th" or a missing suffix only off the house.
        return found if wrong else replace(found, severity=Severity.WARNING)


def expected_day(parts: DateParts, style: HouseStyle) -> str:
    """The day as the house writes it: "22nd", or "06"/"6" in a list without suffixes."""
    assert parts.day is not None
    if parts.suffix or style.date_ordinal:
        return f"{parts.day}{ordinal_suffix(parts.day)}"
    return str(parts.day) if style.date_zero_pad is False else parts.day_text
