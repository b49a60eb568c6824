"""AL105 link-format: links not in the house shape, run together, broken, or without a label."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Fix, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .link_problems import link_problems


class LinkFormat(Rule):
    code = "AL105"
    name = "link-format"
    summary = (
        "A link not in the house shape, links run together, unbalanced brackets, an empty label."
    )
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for _, facts, style in ctx.each_entry(doc):
            found = link_problems(doc, facts, style)
            for p in sorted(found, key=lambda p: p.start):
                fix = Fix(p.edits, p.safe) if p.edits else None
                yield self.diagnostic(doc, doc.span(p.start, p.end), p.message, fix)
