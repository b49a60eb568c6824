"""The rules and the one decision: run the selected rules on a Document (a crashing rule
gives AL000), then decide every finding, the rules' and the link checker's together (inline
suppression comments, which add AL002/AL003; per-file ignores; the selection; severity
overrides; de-duplication and order). :mod:`.runner` calls both steps."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .diagnostics import Diagnostic, Severity
from .model import Document, Span
from .registry import Selection
from .rule import Rule, RuleContext
from .source import SourceError, SourceText

CRASH_CODE = "AL000"
CRASH_NAME = "rule-crashed"
DOCUMENT_START = Span(1, 1, 1, 1, 0, 0)


@dataclass
class FileResult:
    """What a run found in one input: its diagnostics, or why it could not be linted."""

    path: str
    document: Document | None = None  # the (fixed) document the diagnostics' offsets refer to
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # "path: error: message" when unreadable or the fixes unwritable
    fixed: int = 0  # fixes applied (or, with --diff, that would be)
    diff: str = ""  # with --diff: the unified diff of the fixes
    notes: list[str] = field(default_factory=list)  # "path: warning: …" lines for stderr
    source: SourceText | None = None  # the text as read
    fixed_source: SourceText | None = None  # with --fix/--diff: the fixed text, not yet written
    hidden_info: int = 0  # info findings counted but not listed (see cli.hide_info)


def parse_source(source: SourceText) -> Document:
    """Parse decoded text; a parser failure becomes a :class:`SourceError`, not a traceback."""
    from .parse import parse_document

    try:
        return parse_document(source.text, source.path, newline=source.newline, bom=source.bom)
    except RecursionError:
        raise SourceError(source.path, "too deeply nested to parse") from None
    except Exception as exc:
        raise SourceError(
            source.path, f"the parser crashed ({type(exc).__name__}: {exc}); please report this"
        ) from None


@dataclass
class Engine:
    """Runs a selection of rules; holds no state between documents."""

    selection: Selection
    options: Mapping[str, Any] | None = None  # rule code -> options instance (config)
    today: datetime.date | None = None
    style: Mapping[str, Any] | None = None  # pinned house-style fields (config [style])
    config: Any = None  # the Config whose per-file-ignores apply (config.Config)
    inline_config: bool = True  # read <!-- awesome-lint-… --> comments
    registry: Any = None  # resolves codes in comments and per-file-ignores (default: built-in)
    # The names of the files beside a document's path (the command line lists the folder);
    # None for text that is not a file on disk.
    neighbour_files: Callable[[str], frozenset[str]] | None = None

    def house_style(self, doc: Document) -> Any:
        """The document's house style as inferred, with the configured ``[style]`` pins."""
        style = infer(doc)
        if self.style:
            from .style import pin_style

            style = pin_style(style, self.style, doc)
        return style

    def run_rules(self, doc: Document) -> list[Diagnostic]:
        """The selected local rules' findings on ``doc``, not yet decided (see :meth:`decide`)."""
        try:
            style = self.house_style(doc)
        except Exception as exc:
            return [crash_diagnostic(doc.path, "house-style inference", exc)]
        found: list[Diagnostic] = []
        neighbours = self.neighbour_files(doc.path) if self.neighbour_files else frozenset()
        for rule in self.selection.local_rules():
            found.extend(self._run(rule, doc, style, neighbours))
        return found

    def decide(
        self, doc: Document, found: Iterable[Diagnostic], *, links_ran: bool = False
    ) -> list[Diagnostic]:
        """The one decision every finding goes through, the rules' and the link checker's
        alike: suppression comments (adding AL002/AL003), this file's per-file-ignores, the
        selection, severity overrides, de-duplication and order. ``links_ran``: the link
        checker ran, so a comment naming a link rule that suppressed nothing is unused."""
        found = list(found)
        registry = self.registry
        if registry is None and (self.inline_config or self.config is not None):
            from .registry import builtin_registry

            registry = self.registry = builtin_registry()
        if self.inline_config:
            from .suppress import apply_suppressions

            found = apply_suppressions(doc, found, registry, self.ran_codes(links_ran))
        ignored: set[str] = set()
        if self.config is not None:
            for selector in self.config.ignored_for(doc.path):
                ignored |= registry.match(selector)[0]
        codes, known = self.selection.codes, self.selection.known
        kept = (
            d for d in found if d.code not in ignored and (d.code in codes or d.code not in known)
        )
        return finalize(kept, self.selection.overrides)

    def ran_codes(self, links_ran: bool) -> set[str]:
        """The codes of the rules that ran: the local ones, and the link rules when they ran."""
        ran = {rule.code for rule in self.selection.local_rules()}
        if links_ran:
            ran |= {rule.code for rule in self.selection.rules if rule.network}
        return ran

    def check(self, doc: Document, late: Sequence[Diagnostic] | None = None) -> list[Diagnostic]:
        """Run the rules on ``doc`` and decide their findings with ``late`` ones (the link
        checker's, when it ran: None when it did not)."""
        found = self.run_rules(doc)
        return self.decide(doc, [*found, *(late or ())], links_ran=late is not None)

    def lint(
        self, source: SourceText, late: Sequence[Diagnostic] | None = None
    ) -> tuple[Document, list[Diagnostic]]:
        from .parse import gc_paused

        with gc_paused():
            doc = parse_source(source)
            return doc, self.check(doc, late)

    def _run(
        self, rule: type[Rule], doc: Document, style: Any, neighbours: frozenset[str]
    ) -> list[Diagnostic]:
        """All of one rule's diagnostics, or one AL000 if it crashes (partial results dropped)."""
        try:
            options, today = self._options(rule), self._today()
            ctx = RuleContext(style=style, options=options, today=today, neighbours=neighbours)
            results = list(rule().check(doc, ctx))
            for item in results:
                if not isinstance(item, Diagnostic):
                    raise TypeError(f"yielded {type(item).__name__}, not a Diagnostic")
            return results
        except Exception as exc:
            return [crash_diagnostic(doc.path, f"{rule.code} ({rule.name})", exc)]

    def _options(self, rule: type[Rule]) -> Any:
        if self.options and rule.code in self.options:
            return self.options[rule.code]
        return rule.options_class() if rule.options_class is not None else None

    def _today(self) -> datetime.date:
        return self.today or datetime.date.today()


def infer(doc: Document) -> Any:
    from .style import infer_style

    return infer_style(doc)


def crash_diagnostic(path: str, what: str, exc: BaseException) -> Diagnostic:
    message = f"{what} crashed: {type(exc).__name__}: {exc}".rstrip(": ")
    return Diagnostic(CRASH_CODE, CRASH_NAME, Severity.ERROR, path, DOCUMENT_START, message)


def finalize(
    diagnostics: Iterable[Diagnostic], severities: Mapping[str, Severity] | None = None
) -> list[Diagnostic]:
    """Apply the user's severity overrides, drop exact duplicates, sort by (path, line, column,
    code)."""
    severities = severities or {}
    unique: dict[Diagnostic, None] = {}
    for diagnostic in diagnostics:
        level = severities.get(diagnostic.code, diagnostic.severity)
        if level != diagnostic.severity:
            diagnostic = replace(diagnostic, severity=level)
        unique.setdefault(diagnostic)
    return sorted(unique, key=lambda diagnostic: diagnostic.sort_key)
