"""An example awesome-lint plugin: one rule, TODO001 todo-left."""

from __future__ import annotations

import re
from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Document
from awesome_lint.rule import Rule, RuleContext


class TodoLeft(Rule):
    code = "TODO001"
    name = "todo-left"
    summary = "A TODO marker left in the list."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for m in re.finditer(r"\bTODO\b", doc.text):
            yield self.diagnostic(doc, doc.span(m.start(), m.end()), "TODO left in the list")


RULES = [TodoLeft]
