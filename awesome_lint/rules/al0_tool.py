"""The tool's own findings: registry entries for diagnostics that no rule's ``check`` makes.

AL000 comes from the engine's guard around each rule, AL002 and AL003 from the suppression step
(:mod:`awesome_lint.suppress`). They are rules only so that they can be selected, ignored, given
a severity, listed and explained like the others; the engine never runs them (``tool = True``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext


class ToolRule(Rule):
    tool = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError(f"{self.code} is reported by the engine, not by a check")


class RuleCrashed(ToolRule):
    code = "AL000"
    name = "rule-crashed"
    summary = "A rule (or the house-style inference) crashed; its findings are missing."


class UnknownSuppression(ToolRule):
    code = "AL002"
    name = "unknown-suppression"
    summary = "A suppression comment names an unknown rule or directive."


class UnusedSuppression(ToolRule):
    code = "AL003"
    name = "unused-suppression"
    summary = "A suppression comment that suppressed nothing."
    severity = Severity.WARNING


TOOL_RULES: tuple[type[Rule], ...] = (RuleCrashed, UnknownSuppression, UnusedSuppression)
