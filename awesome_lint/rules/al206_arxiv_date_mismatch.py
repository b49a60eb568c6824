"""AL206 arxiv-date-mismatch: an entry's date far from the month in its arXiv identifier."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import ABBREVIATIONS
from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .al2_data import ARXIV_VENUES, read_venue


@dataclass(frozen=True)
class ArxivDateOptions:
    tolerance_months: int = 1  # a gap of this many months or fewer is accepted
    # A date earlier than the arXiv id is accepted when the venue is a published one (not arXiv)
    # of an earlier year than the id: the date is then the venue's (a workshop paper put on arXiv
    # months later).
    venue_first: bool = True

    def __post_init__(self) -> None:
        if self.tolerance_months < 0:
            raise ValueError("tolerance_months must not be negative")


class ArxivDateMismatch(Rule):
    code = "AL206"
    name = "arxiv-date-mismatch"
    summary = "A date further than the tolerance (a month) from the month of the entry's arXiv id."
    severity = Severity.WARNING
    options_class = ArxivDateOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or ArxivDateOptions()
        for entry, parts in ctx.facts.dated():
            if entry.date is None or parts.month_key is None or len(parts.year_text) != 4:
                continue
            found = ctx.facts.of(entry).arxiv
            if found is None or not found.new_style:
                continue
            gap = (parts.year - found.year) * 12 + parts.month - found.month  # type: ignore[operator]
            if abs(gap) <= options.tolerance_months:
                continue
            if gap < 0 and options.venue_first and entry.venue is not None:
                venue = read_venue(entry.venue.text)
                name = venue.name.split()
                published = bool(name) and name[0].lower() not in ARXIV_VENUES
                if published and venue.year_text and int(venue.year_text) < found.year:
                    continue
            months = "month" if abs(gap) == 1 else "months"
            relation = "before" if gap < 0 else "after"
            message = (
                f'date "{entry.date.text}" is {abs(gap)} {months} {relation} arXiv {found.text} '
                f"({ABBREVIATIONS[found.month - 1]} {found.year})"
            )
            yield self.diagnostic(doc, entry.date.span, message)
