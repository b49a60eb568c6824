"""AL405 heading-increment: a heading more than one level deeper than the heading before it."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .sections_common import clean, title_heading


class HeadingIncrement(Rule):
    code = "AL405"
    name = "heading-increment"
    summary = "A heading level that skips one: ## followed by ####."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        front = _front_matter(doc)
        for previous, section in zip(doc.sections, doc.sections[1:], strict=False):
            if section.level <= previous.level + 1 or section.index in front:
                continue
            start = section.span.start
            marks = doc.text[start : section.title_span.start].strip()
            if set(marks) == {"#"}:  # point at the "####"
                start = doc.text.index("#", start)
                span = doc.span(start, start + len(marks))
            else:
                span = section.title_span
            yield self.diagnostic(
                doc,
                span,
                f'heading "{clean(section.text)}" is level {section.level} right after level '
                f"{previous.level} (line {previous.span.line}); use level {previous.level + 1}",
            )


def _front_matter(doc: Document) -> set[int]:
    """Headings between the title and the first section of the level under it (a small
    "#### Citation" under "# Awesome X"): styling of the front page, not the outline."""
    title = title_heading(doc)
    if title is None:
        return set()
    first = next((s.index for s in doc.sections if s.level == title.level + 1), None)
    return set(range(title.index + 1, first)) if first is not None else set()
