"""AL201 date-format: a date not in the house layout, not a real date, missing day or year, or
no date at all (a venue in the date field)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from ..dates import DateParts, read_date
from ..diagnostics import Diagnostic, Severity
from ..model import Document, Field, PaperEntry, Span
from ..rule import Rule, RuleContext
from ..style import HouseStyle
from ..venues import read_venue
from .al2_data import house_date_example

_TRAILING_JUNK = re.compile(r"\s*[^\w\s.,\])]+\s*$")


class DateFormat(Rule):
    code = "AL201"
    name = "date-format"
    summary = "A date not in the house layout, impossible, missing day or year, or not a date."
    severity = Severity.WARNING  # a layout off the house is a style inference

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, parts in ctx.facts.dated():
            if entry.date is not None:
                found = self._check_date(doc, ctx.style.of(entry), entry.date, parts)
                if found is not None:
                    yield found
        yield from self._decorations(doc, ctx)
        for entry, facts, style in ctx.each_entry(doc):
            layouts = style.votes.get("date_layout")
            if entry.date is None and layouts is not None and layouts.leader is not None:
                yield from self._stray(doc, entry.extras)
            elif entry.date is not None and facts.date is None:
                yield self._unreadable(doc, style, entry.date)

    def _unreadable(self, doc: Document, style: HouseStyle, date: Field) -> Diagnostic:
        """A date field that holds no date: "Publication Date: ICCV, 2023"."""
        like = _like(style)
        if read_venue(date.text).layout is not None:
            return self.diagnostic(
                doc, date.span, f'date "{date.text}" is a venue, not a date{like}'
            )
        return self.diagnostic(doc, date.span, f'date "{date.text}" cannot be read{like}')

    def _decorations(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        """Items' dates set off (italic, bold) or labelled ("📅 Date:") unlike their group's;
        a group that mixes them with no clear habit gets one info finding."""
        for name, what in (("date_decoration", "set off as"), ("date_key", "labelled")):
            mixed: dict[int, list[tuple[PaperEntry, str]]] = {}  # by the vote they share
            for entry, facts, style in ctx.each_entry(doc):
                decoration, key = facts.date_marks
                value = key if name == "date_key" else decoration
                if value is None or entry.date is None:
                    continue
                house = getattr(style, name)
                if house is None:
                    mixed.setdefault(id(style.votes[name]), []).append((entry, value))
                elif value != house:
                    message = f'date {what} "{value}" where the list writes "{house}"'
                    yield self.diagnostic(doc, _decoration_span(doc, entry, name, value), message)
            for found in mixed.values():
                counts = Counter(value for _, value in found)
                if len(counts) < 2:
                    continue
                (first, n), (second, m) = counts.most_common(2)
                entry = next(e for e, value in found if value == second)
                message = f'dates {what} "{first}" ({n}) and "{second}" ({m}) in one list: pick one'
                span = _decoration_span(doc, entry, name, second)
                yield replace(self.diagnostic(doc, span, message), severity=Severity.INFO)

    def _stray(self, doc: Document, extras: tuple[Field, ...]) -> Iterator[Diagnostic]:
        """A date the parser could not take because of stray characters: "30 Oct 2023``"."""
        for extra in extras:
            m = _TRAILING_JUNK.search(extra.text)
            if m and m.start() > 0 and read_date(extra.text[: m.start()]) is not None:
                junk = m.group().strip()
                start = extra.span.start + m.start() + m.group().index(junk)
                span = doc.span(start, start + len(junk))
                message = f'date "{extra.text}" cannot be read: stray "{junk}" after it'
                yield self.diagnostic(doc, span, message)
                return

    def _check_date(
        self, doc: Document, style: HouseStyle, date: Field, parts: DateParts
    ) -> Diagnostic | None:
        text, base = date.text, date.span.start
        house = style.date_layout
        if parts.year_text and len(parts.year_text) != 4:
            start = base + parts.year_start
            span = doc.span(start, start + len(parts.year_text))
            message = f'year "{parts.year_text}" is not a year{_like(style)}'
            found = self.diagnostic(doc, span, message)
            return replace(found, severity=Severity.ERROR)  # certainly wrong
        if parts.layout in ("dmy", "my") and parts.year is None:
            return self.diagnostic(doc, date.span, f'date "{text}" misses its year{_like(style)}')
        if house == "dmy" and parts.layout == "my":
            return self.diagnostic(doc, date.span, f'date "{text}" misses its day{_like(style)}')
        if parts.month is not None and parts.value is None:
            found = self.diagnostic(doc, date.span, f'date "{text}" is not a calendar date')
            return replace(found, severity=Severity.ERROR)  # an impossible date
        if house is not None and parts.layout != house:
            return self.diagnostic(
                doc, date.span, f'date "{text}" is not in the house layout{_like(style)}'
            )
        if parts.layout == "dmy" and parts.between_day_month != " ":
            start = base + parts.suffix_end
            span = doc.span(start, base + parts.month_start)
            return self.diagnostic(
                doc, span, f'"{parts.between_day_month}" between day and month{_like(style)}'
            )
        return None


def _like(style: HouseStyle) -> str:
    """How a message shows the house's date (written only for a finding)."""
    example = house_date_example(style)
    return f' (the list writes "{example}")' if example else ""


def _decoration_span(doc: Document, entry: PaperEntry, name: str, value: str) -> Span:
    """The label, or the date with its emphasis marks."""
    assert entry.date is not None
    start, end = entry.date.span.start, entry.date.span.end
    if name == "date_key":
        line_start = doc.text.rfind("\n", 0, start) + 1
        at = doc.text.rfind(value, line_start, start)
        return doc.span(at, at + len(value))
    marks = {"bold": 2, "italic": 1}.get(value, 0)
    return doc.span(start - marks, end + marks)
