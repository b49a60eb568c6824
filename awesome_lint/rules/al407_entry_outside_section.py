"""AL407 entry-outside-section: a paper entry before the first category heading."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, PaperEntry
from ..rule import Rule, RuleContext
from .sections_common import clean, title_section


class EntryOutsideSection(Rule):
    code = "AL407"
    name = "entry-outside-section"
    summary = "A paper entry before the first category heading."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        title = title_section(doc)
        outside = [e for e in doc.entries if e.section is None or e.section == title]
        if not outside or len(outside) == len(doc.entries):
            return  # a list without categories: nothing sits outside one
        for entry in outside:
            following = next(
                (s for s in doc.sections if s.index != title and s.span.start >= entry.span.end),
                None,
            )
            where = f' ("{clean(following.text)}", line {following.span.line})' if following else ""
            yield self.diagnostic(
                doc,
                _entry_span(doc, entry),
                f'entry "{_name(entry)}" sits before the first category heading{where}; '
                "move it into a section",
            )


def _name(entry: PaperEntry) -> str:
    if entry.title is not None:
        return clean(entry.title.text)
    return clean(entry.raw.split("\n", 1)[0])[:60]


def _entry_span(doc: Document, entry: PaperEntry):
    if entry.title is not None:
        return entry.title.span
    line_end = doc.text.find("\n", entry.span.start, entry.span.end)
    return doc.span(entry.span.start, entry.span.end if line_end < 0 else line_end)
