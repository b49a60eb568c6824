"""AL112 entry-shown-as-code: an entry indented four spaces after a blank line, which GitHub
renders as a code block (raw asterisks and brackets in a grey box)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Block, Document
from ..rule import Rule, RuleContext

# A paper entry's marks: a bold title or a link to a web address.
_ENTRY_MARKS = re.compile(r"\*\*[^*\n]+\*\*|\]\(https?://")
# An entry template shown on purpose: "**Title.**", "[PDF](URL)".
_TEMPLATE = re.compile(r"\*\*(?:paper )?(?:title|name)\W*\*\*|\]\((?:url|link)\)", re.I)
_INDENT = re.compile(r"^[ \t]+(?=\S)", re.M)


class EntryShownAsCode(Rule):
    code = "AL112"
    name = "entry-shown-as-code"
    summary = "An entry indented four spaces after a blank line: GitHub shows it as code."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in doc.blocks:
            if block.kind == "code":
                found = self._indented_entry(doc, block)
                if found is not None:
                    yield found

    def _indented_entry(self, doc: Document, block: Block) -> Diagnostic | None:
        text = doc.text[block.span.start : block.span.end]
        body = text.lstrip(" \t\n")
        if body.startswith(("```", "~~~")) or _TEMPLATE.search(body):
            return None
        if not _ENTRY_MARKS.search(body):
            return None
        first = block.span.start + len(text) - len(body)
        line_end = doc.text.find("\n", first)
        span = doc.span(first, line_end if 0 <= line_end < block.span.end else block.span.end)
        edits = tuple(
            Edit(block.span.start + m.start(), block.span.start + m.end(), "")
            for m in _INDENT.finditer(text)
        )
        fix = Fix(edits, description="remove the indentation")
        message = "indented four spaces after a blank line, this entry shows as a code block"
        return self.diagnostic(doc, span, message, fix)
