"""AL403 broken-anchor: an in-page link ``#…`` whose target exists nowhere in the document."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .sections_common import anchor_key, known_anchors


class BrokenAnchor(Rule):
    code = "AL403"
    name = "broken-anchor"
    summary = "An in-page link #… that matches no heading slug or HTML anchor."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        anchors = known_anchors(doc)
        slugs = [section.slug for section in doc.sections]
        for link in doc.links:
            if not link.url.startswith("#") or link.url == "#":
                continue
            anchor = link.url[1:]
            if anchor_key(anchor) in anchors:
                continue
            message = f'"#{anchor}" matches no heading or HTML anchor'
            import difflib  # only for a broken anchor: slow to import

            close = difflib.get_close_matches(anchor_key(anchor), slugs, n=1, cutoff=0.6)
            if close:
                message += f'; did you mean "#{close[0]}"?'
            yield self.diagnostic(doc, link.url_span, message)
