"""AL102 line-break-style: a line of a paper block that does not end the way the list's do."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..entries import break_kind
from ..model import Document, EntryLine
from ..rule import Rule, RuleContext


class LineBreakStyle(Rule):
    code = "AL102"
    name = "line-break-style"
    summary = (
        "A block line whose break token differs from the house style, is missing, or is broken."
    )
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        house = ctx.style.break_token
        if house is None:
            return
        for entry in doc.entries:
            if entry.family != "block":
                continue
            wrapped = [f.span for f in (entry.title, entry.authors) if f is not None]
            wrapped += [link.span for link in entry.links]
            for line in entry.lines:
                # A hard-wrapped title or author list is one field: GitHub joins its lines.
                # A link split over two lines is AL304's: a break there would cut its URL.
                inside = any(s.start < line.span.end < s.end for s in wrapped)
                if not line.last and not inside:
                    diagnostic = self._check_line(doc, line, house)
                    if diagnostic is not None:
                        yield diagnostic

    def _check_line(self, doc: Document, line: EntryLine, house: str) -> Diagnostic | None:
        token = line.break_token
        if token == house:
            return None
        kind = break_kind(token)
        start = line.span.end
        span = doc.span(start, start + len(token))
        if kind == "none":
            message = f'no line break: GitHub joins this line with the next; end it with "{house}"'
            span = doc.span(start, start)
        elif kind == "broken-backslash":
            message = (
                f'"{token.strip()} " has a space after the backslash, so GitHub shows no line '
                f'break; write "{house}"'
            )
        else:
            message = f'line break "{token}" differs from the list\'s "{house}"'
        fix = Fix((Edit(start, start + len(token), house),), description=f'write "{house}"')
        return self.diagnostic(doc, span, message, fix)
