"""AL106 title-format: an empty title, spaces inside its ``**``, a final period off the house."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Field
from ..rule import Rule, RuleContext
from ..style import ends_with_period


class TitleFormat(Rule):
    code = "AL106"
    name = "title-format"
    summary = (
        "An empty title, spaces inside the bold markers, or a final period where the house has "
        "none (or the reverse)."
    )
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, _, style in ctx.each_entry(doc):
            title = entry.title
            period = style.title_period
            if title is None:
                continue
            if not title.text.strip():
                yield self.diagnostic(doc, doc.span(*_bold_extent(doc.text, title)), "empty title")
                continue
            if _blank_inside(doc.text, title):  # (few titles: no generator for the others)
                yield from self._spaces(doc, title)
            if period is not None:
                found = self._period(doc, title, period)
                if found is not None:
                    yield found

    def _spaces(self, doc: Document, title: Field) -> Iterator[Diagnostic]:
        text = doc.text
        start = title.span.start
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start < title.span.start and text[start - 2 : start] == "**":
            yield self.diagnostic(
                doc,
                doc.span(start, title.span.start),
                'space after the opening "**": GitHub shows the asterisks; remove it',
                Fix((Edit(start, title.span.start, ""),), description="remove the space"),
            )
        end = title.span.end
        while end < len(text) and text[end] in " \t":
            end += 1
        if end > title.span.end and text[end : end + 2] == "**":
            yield self.diagnostic(
                doc,
                doc.span(title.span.end, end),
                'space before the closing "**": GitHub shows the asterisks; remove it',
                Fix((Edit(title.span.end, end, ""),), description="remove the space"),
            )

    def _period(self, doc: Document, title: Field, period: bool) -> Diagnostic | None:
        ends = ends_with_period(title.text)
        if ends is None or ends == period:
            return None
        end = title.span.end
        if ends:
            return self.diagnostic(
                doc,
                doc.span(end - 1, end),
                "title ends with a period; the list's titles have none",
                Fix((Edit(end - 1, end, ""),), description="remove the period"),
            )
        return self.diagnostic(
            doc,
            doc.span(end, end),
            "title lacks the final period the list's titles have",
            Fix((Edit(end, end, "."),), description="add a period"),
        )


def _blank_inside(text: str, title: Field) -> bool:
    """A space or tab just before or after the title: where _spaces looks."""
    start, end = title.span.start, title.span.end
    return (start > 0 and text[start - 1] in " \t") or (end < len(text) and text[end] in " \t")


def _bold_extent(text: str, title: Field) -> tuple[int, int]:
    """The title with its bold markers, if it has them."""
    start, end = title.span.start, title.span.end
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    if text[start - 2 : start] == "**" and text[end : end + 2] == "**":
        return start - 2, end + 2
    return title.span.start, title.span.end
