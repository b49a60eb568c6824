"""AL206 arxiv-date-mismatch: an entry's date far from the month in its arXiv identifier."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import ABBREVIATIONS
from ..diagnostics import Diagnostic, Severity
from ..model import Document, PaperEntry
from ..rule import Rule, RuleContext
from ..style import arxiv_gap
from ..venues import ARXIV_VENUES, read_venue


@dataclass(frozen=True)
class ArxivDateOptions:
    """AL206's options."""

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
        for entry, _ in ctx.facts.dated():
            gap = arxiv_gap(ctx.facts, entry)
            if gap is None or abs(gap) <= options.tolerance_months or entry.date is None:
                continue
            # Where the group dates its papers by their arXiv month, any other date stands out;
            # where it does not (publication dates), only a date before the arXiv id can be
            # told wrong.
            if gap > 0 and ctx.style.of(entry).arxiv_dates is not True:
                continue
            venue = _published_venue(entry)
            found = ctx.facts.of(entry).arxiv
            assert found is not None
            if venue is not None and gap < 0 and options.venue_first and venue < found.year:
                continue  # a workshop paper dated by its venue, put on arXiv later
            if venue is not None and gap > 0 and venue >= found.year:
                continue  # the publication date at the venue, after the preprint
            months = "month" if abs(gap) == 1 else "months"
            relation = "before" if gap < 0 else "after"
            message = (
                f'date "{entry.date.text}" is {abs(gap)} {months} {relation} arXiv {found.text} '
                f"({ABBREVIATIONS[found.month - 1]} {found.year})"
            )
            yield self.diagnostic(doc, entry.date.span, message)


def _published_venue(entry: PaperEntry) -> int | None:
    """The year of the entry's venue when it is a published one (not a preprint server)."""
    if entry.venue is None:
        return None
    venue = read_venue(entry.venue.text)
    name = venue.name.split()
    if not name or name[0].lower() in ARXIV_VENUES or not venue.year_text:
        return None
    return int(venue.year_text)
