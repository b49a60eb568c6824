"""The rule protocol: a small class with a stable code and name that yields diagnostics."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .diagnostics import NO_DATA, Diagnostic, Fix, Severity
from .model import Document, PaperEntry, Span

if TYPE_CHECKING:
    from .facts import EntryFacts, Facts
    from .style import HouseStyle


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read besides the document: the house style, its options, today, and the
    names of the files beside the document (listed by the runner: rules do no I/O)."""

    style: HouseStyle
    options: Any = None  # the rule's options dataclass instance (or None)
    today: datetime.date = field(default_factory=datetime.date.today)
    neighbours: frozenset[str] = frozenset()  # file names in the document's folder ("LICENSE")

    @property
    def facts(self) -> Facts:
        """The document's per-entry facts (dates, arXiv ids, paper keys …), shared by the
        rules; built with the house style, from the same document."""
        return self.style.facts

    def each_entry(self, doc: Document) -> Iterable[tuple[PaperEntry, EntryFacts, HouseStyle]]:
        """Each entry of ``doc`` with its facts and its group's style, as ``facts.of`` and
        ``style.of`` give them; read once per document, not asked entry by entry."""
        style, facts = self.style, self.style.facts
        if facts is not None and facts.doc is doc:
            return zip(doc.entries, facts.every(), style.entry_styles, strict=True)
        if facts is None:  # a style made by hand, without facts
            from .facts import Facts

            facts = Facts(doc)
        return [(entry, facts.of(entry), style.of(entry)) for entry in doc.entries]


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``.

    ``check`` must be a pure function of the document, the style and the options: no I/O, no
    state kept between runs, no knowledge of configuration files or suppression comments.
    """

    code: ClassVar[str]  # "AL202": stable, never reused
    name: ClassVar[str]  # "date-ordinal": stable
    summary: ClassVar[str]  # one line, shown by --list-rules
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[bool] = False
    options_class: ClassVar[type | None] = None  # a dataclass of options, with defaults
    enabled_by_default: ClassVar[bool] = True
    # Network rules (AL9xx) are reported by the link checker, not by ``check``: the registry
    # lists them so that selection, --explain and SARIF know them.
    network: ClassVar[bool] = False
    # Tool rules (AL000 rule-crashed, AL002 unknown-suppression, AL003 unused-suppression) are
    # made by the engine and the suppression step, never by ``check``: the registry lists them
    # so that they can be selected, ignored, given a severity and explained like any rule.
    tool: ClassVar[bool] = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        doc: Document,
        span: Span,
        message: str,
        fix: Fix | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Diagnostic:
        """``data``: extra machine-readable facts (reporters show them; ``related_line``, the
        line of another place the finding names, also lets ``--changed-since`` report it when
        that place changed)."""
        return Diagnostic(
            self.code, self.name, self.severity, doc.path, span, message, fix, data or NO_DATA
        )
