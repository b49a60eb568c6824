"""AL108 entries-not-understood: items, rows or paragraphs with paper links that yield no entry."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Span, Unread
from ..rule import Rule, RuleContext

SHOWN_LINES = 5  # the first lines a finding names; the count gives the rest


class EntriesNotUnderstood(Rule):
    code = "AL108"
    name = "entries-not-understood"
    summary = "Items, rows or paragraphs with paper links that no rule checks: not read as entries."
    severity = Severity.INFO

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for unread in doc.unread:
            yield self.diagnostic(doc, _first_line(doc, unread), message(unread))


def message(unread: Unread) -> str:
    count = len(unread.lines)
    shown = ", ".join(map(str, unread.lines[:SHOWN_LINES])) + (", …" if count > SHOWN_LINES else "")
    what = f"{count} {unread.family}{'s' * (count > 1)} with paper links"
    where = f"line{'s' * (count > 1)} {shown}"
    return f"{what} not read as paper entries ({where}): no rule checks them"


def _first_line(doc: Document, unread: Unread) -> Span:
    end = doc.text.find("\n", unread.span.start, unread.span.end)
    return doc.span(unread.span.start, unread.span.end if end < 0 else end)
