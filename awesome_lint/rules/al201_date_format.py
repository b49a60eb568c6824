"""AL201 date-format: a date not in the house layout, not a real date, or missing day or year."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import DateParts
from ..diagnostics import Diagnostic, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext
from ..style import HouseStyle, entry_dates
from .al2_data import house_date_example


class DateFormat(Rule):
    code = "AL201"
    name = "date-format"
    summary = "A date not in the house layout, not a real calendar date, or missing day or year."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, parts in entry_dates(doc.entries):
            if entry.date is not None:
                found = self._check_date(doc, ctx.style, entry.date, parts)
                if found is not None:
                    yield found

    def _check_date(
        self, doc: Document, style: HouseStyle, date: Field, parts: DateParts
    ) -> Diagnostic | None:
        text, base = date.text, date.span.start
        house = style.date_layout
        example = house_date_example(style)
        like = f' (the list writes "{example}")' if example else ""
        if parts.year_text and len(parts.year_text) != 4:
            start = base + parts.year_start
            span = doc.span(start, start + len(parts.year_text))
            return self.diagnostic(doc, span, f'year "{parts.year_text}" is not a year{like}')
        if parts.layout in ("dmy", "my") and parts.year is None:
            return self.diagnostic(doc, date.span, f'date "{text}" misses its year{like}')
        if house == "dmy" and parts.layout == "my":
            return self.diagnostic(doc, date.span, f'date "{text}" misses its day{like}')
        if parts.month is not None and parts.value is None:
            return self.diagnostic(doc, date.span, f'date "{text}" is not a calendar date')
        if house is not None and parts.layout != house:
            return self.diagnostic(
                doc, date.span, f'date "{text}" is not in the house layout{like}'
            )
        if parts.layout == "dmy" and parts.between_day_month != " ":
            start = base + parts.suffix_end
            span = doc.span(start, base + parts.month_start)
            return self.diagnostic(
                doc, span, f'"{parts.between_day_month}" between day and month{like}'
            )
        return None
