"""AL203 month-style: a month spelled or punctuated unlike the house style (July, Jul, Sept.)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import DateParts
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext
from ..style import HouseStyle
from .al2_data import house_month


class MonthStyle(Rule):
    code = "AL203"
    name = "month-style"
    summary = "A month spelled or punctuated unlike the house style: July for Jul., Jul, for Jul."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, parts in ctx.facts.dated():
            style = ctx.style.of(entry)
            if style.month_style is None or entry.date is None:
                continue
            if parts.layout in ("dmy", "my") and parts.month:
                found = self._check_month(doc, style, entry.date, parts)
                if found is not None:
                    yield found

    def _check_month(
        self, doc: Document, style: HouseStyle, date: Field, parts: DateParts
    ) -> Diagnostic | None:
        assert parts.month is not None
        end = parts.year_start if parts.year is not None else len(date.text)
        written = date.text[parts.month_start : end]
        expected = house_month(parts.month, style)
        if parts.year is not None:
            separator = style.month_separator or (parts.month_punct.lstrip(". ") + " ")
            expected += separator
        if written == expected:
            return None
        start = date.span.start + parts.month_start
        shown = written.rstrip()
        span = doc.span(start, start + len(shown))
        message = f'"{shown}" should be "{expected.rstrip()}"'
        fix = Fix((Edit(start, date.span.start + end, expected),), description=message)
        return self.diagnostic(doc, span, message, fix)
