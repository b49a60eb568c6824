"""AL405 heading-increment: a heading more than one level deeper than the heading before it."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .sections_common import clean


class HeadingIncrement(Rule):
    code = "AL405"
    name = "heading-increment"
    summary = "A heading level that skips one: ## followed by ####."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        first_entries = next((s.index for s in doc.sections if s.entries), len(doc.sections))
        for previous, section in zip(doc.sections, doc.sections[1:], strict=False):
            if section.level <= previous.level + 1:
                continue
            if section.index < first_entries and not section.entries:
                continue  # front matter before the first section of papers ("#### Citation")
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
