"""AL301 duplicate-paper-link: one paper link shared by entries with different titles."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..facts import short, title_key
from ..model import Document, PaperEntry
from ..rule import Rule, RuleContext


class DuplicatePaperLink(Rule):
    code = "AL301"
    name = "duplicate-paper-link"
    summary = "The same paper link in two entries with different titles: a copy-paste error."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        first: dict[str, PaperEntry] = {}
        every = ctx.facts
        for entry, facts, _ in ctx.each_entry(doc):
            if entry.title is None or not facts.title_key:
                continue
            for key, link in facts.paper_links:
                earlier = first.setdefault(key, entry)
                if earlier is entry or earlier.title is None:
                    continue
                known = every.of(earlier).title_key
                if title_key(link.label) == known:
                    continue  # "[Alpha: A Made-Up Model](…)" in a dataset's row: that paper
                if known != facts.title_key:
                    yield self.diagnostic(
                        doc,
                        link.url_span,
                        f'paper link already used by "{short(earlier.title.text)}" '
                        f"(line {earlier.title.span.line}): each paper needs its own link",
                        data={"related_line": earlier.title.span.line},
                    )
