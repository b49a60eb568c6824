"""Inline suppression with HTML comments, invisible on GitHub.

- ``<!-- awesome-lint-disable AL202 AL301 -->`` … ``<!-- awesome-lint-enable AL202 -->``: a region
  (to the end of the file when never enabled again; an enable naming some of the codes ends the
  region for those codes only, an enable naming none ends every open region);
- ``<!-- awesome-lint-disable-next AL301 -->``: the next block (a whole paper entry);
- ``<!-- awesome-lint-disable-line AL103 -->``: the comment's own line;
- ``<!-- awesome-lint-disable-file AL503 -->``: the whole file.

Codes, code prefixes or names, separated by spaces or commas; none means every rule. A finding
is covered when its first line is. Comments inside fenced code are not comments (the parser
never collects them). An unknown code or directive gives ``AL002 unknown-suppression``; a comment
that suppressed nothing gives ``AL003 unused-suppression`` (only when one of the rules it names
ran: a comment for a rule that is not selected, or for a link check without ``--check-links``,
is not "unused"). ``AL002``/``AL003`` findings are themselves suppressed only by a comment that
names them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, Severity
from .model import Document, Span

MARK = "awesome-lint-"
_DIRECTIVE = re.compile(r"<!--\s*awesome-lint-(?P<kind>[a-z-]+)(?P<codes>(?:[\s,][^>]*?)?)\s*-->")
KINDS = ("disable", "enable", "disable-next", "disable-line", "disable-file")
UNKNOWN = ("AL002", "unknown-suppression")
UNUSED = ("AL003", "unused-suppression")
TOOL_CODES = frozenset({UNKNOWN[0], UNUSED[0]})


@dataclass(eq=False)
class Directive:
    """One ``<!-- awesome-lint-… -->`` comment: the rules it silences and the lines it covers."""

    kind: str
    codes: frozenset[str] | None  # None: every rule
    span: Span  # the comment
    lines: tuple[int, int] = (0, -1)  # the first and last line it covers
    used: bool = False
    parent: Directive | None = None  # the region this one continues (after a partial enable)

    def mark_used(self) -> None:
        (self.parent or self).used = True


@dataclass
class Suppressions:
    """A document's suppression comments, and the findings (AL002) on comments not understood."""

    directives: list[Directive] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # AL002 findings

    def covers(self, diagnostic: Diagnostic, explicit_only: bool = False) -> bool:
        """Whether a directive covers ``diagnostic`` (and mark the directives that do)."""
        hit = False
        line = diagnostic.span.line
        for directive in self.directives:
            first, last = directive.lines
            if not first <= line <= last:
                continue
            codes = directive.codes
            if (codes is None and not explicit_only) or (codes and diagnostic.code in codes):
                directive.mark_used()
                hit = True
        return hit

    def unused(self, path: str, ran: Collection[str]) -> list[Diagnostic]:
        return [
            Diagnostic(
                *UNUSED,
                Severity.WARNING,
                path,
                d.span,
                f"this {MARK}{d.kind} comment suppressed nothing",
            )
            for d in self.directives
            if d.parent is None
            and not d.used
            and (d.codes is None or any(code in ran for code in d.codes))
        ]


def read_suppressions(doc: Document, registry: Any) -> Suppressions:
    """The directives of ``doc``'s comments, with the lines each covers."""
    result = Suppressions()
    comments = [c for c in doc.comments if MARK in c.text]
    if not comments:
        return result
    last_line = doc.text.count("\n") + 1
    open_regions: list[Directive] = []
    for comment in comments:
        m = _DIRECTIVE.fullmatch(comment.text.strip())
        if m is None:
            continue
        kind = m.group("kind")
        if kind not in KINDS:
            known = ", ".join(MARK + k for k in KINDS)
            message = f"unknown directive {MARK}{kind} (use one of {known})"
            result.problems.append(_problem(doc, comment.span, message))
            continue
        codes = _codes(doc, comment.span, m.group("codes"), registry, result.problems)
        if codes is not None and not codes:
            continue  # every code unknown: AL002 says so, the comment suppresses nothing
        directive = Directive(kind, codes, comment.span)
        if kind == "enable":
            _close_regions(open_regions, directive, result.directives)
            continue
        directive.lines = _covered_lines(doc, directive, last_line)
        if kind == "disable":
            open_regions.append(directive)
        result.directives.append(directive)
    return result


def _codes(
    doc: Document, span: Span, text: str, registry: Any, problems: list[Diagnostic]
) -> frozenset[str] | None:
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    if not words:
        return None
    codes: set[str] = set()
    for word in words:
        try:
            codes |= registry.match(word)[0]
        except ValueError as exc:  # SelectorError: with a close match when there is one
            close = getattr(exc, "suggestion", None)
            hint = f"; did you mean {close!r}?" if close else ""
            message = f"unknown rule {word!r} in a suppression comment{hint}"
            problems.append(_problem(doc, span, message))
    return frozenset(codes)


def _problem(doc: Document, span: Span, message: str) -> Diagnostic:
    return Diagnostic(*UNKNOWN, Severity.ERROR, doc.path, span, message)


def _close_regions(
    open_regions: list[Directive], enable: Directive, directives: list[Directive]
) -> None:
    """End the open regions for the enable's codes (for every code when it names none)."""
    for region in list(open_regions):
        first, last = region.lines
        if enable.codes is None:
            ended, rest = region.codes, frozenset[str]()
        elif region.codes is None:
            continue  # a region of every rule ends only at an enable of every rule
        else:
            ended, rest = region.codes & enable.codes, region.codes - enable.codes
        if ended is not None and not ended:
            continue
        region.lines = (first, enable.span.line)
        open_regions.remove(region)
        if rest:  # the other codes stay disabled after the enable
            more = Directive(region.kind, rest, region.span, (enable.span.line, last), False)
            more.parent = region.parent or region
            directives.append(more)
            open_regions.append(more)


def _covered_lines(doc: Document, directive: Directive, last_line: int) -> tuple[int, int]:
    line = directive.span.line
    if directive.kind == "disable-file":
        return 1, last_line
    if directive.kind == "disable-line":
        return line, directive.span.end_line
    if directive.kind == "disable":
        return line, last_line
    return _next_block(doc, directive.span.end)


def _next_block(doc: Document, offset: int) -> tuple[int, int]:
    """The lines of the paper entry or block that follows ``offset``."""
    block = next((b for b in doc.blocks if b.span.start >= offset), None)
    entry = next((e for e in doc.entries if e.span.start >= offset), None)
    if entry is not None and (block is None or entry.span.start <= block.span.end):
        return entry.span.line, entry.span.end_line
    if block is not None:
        return block.span.line, block.span.end_line
    return 0, -1


def apply_suppressions(
    doc: Document,
    diagnostics: Iterable[Diagnostic],
    registry: Any,
    ran: Collection[str] = (),
) -> list[Diagnostic]:
    """Drop what the document's comments suppress; add the AL002 and AL003 findings (AL003 for
    a comment naming a rule in ``ran``, or naming none)."""
    suppressions = read_suppressions(doc, registry)
    if not suppressions.directives and not suppressions.problems:
        return list(diagnostics)
    kept = [d for d in diagnostics if not suppressions.covers(d)]
    own = [*suppressions.problems, *suppressions.unused(doc.path, ran)]
    return kept + [d for d in own if not suppressions.covers(d, explicit_only=True)]
