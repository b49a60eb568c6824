"""AL102 line-break-style: a line break that differs from the group's, is missing, or is broken.

Only what the reader sees counts: spaces around a ``<br>`` or before a backslash change nothing
on the page, so ``" <br>"`` is ``"<br>"``. An entry may write several breaks (``<br>`` on some
lines, ``" \\"`` on one); a break is off the house only when the group's entries do not write
it. Table rows count their ``<br>`` tags.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..entries import break_kind
from ..facts import EntryFacts
from ..model import Document, EntryLine, PaperEntry
from ..rule import Rule, RuleContext
from ..style import HouseStyle, visible_break


class LineBreakStyle(Rule):
    code = "AL102"
    name = "line-break-style"
    summary = "A line break that differs from the group's, is missing, or is broken."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry, facts, house in ctx.each_entry(doc):
            if house.break_token is None or not house.break_tokens:
                continue
            if entry.family == "row":
                yield from self._row(doc, facts, house)
            elif entry.family == "block":
                yield from self._block(doc, entry, house)

    def _block(self, doc: Document, entry: PaperEntry, house: HouseStyle) -> Iterator[Diagnostic]:
        shown = house.break_tokens
        assert shown is not None
        for line in entry.lines:
            if line.last or _shown_as_house(line.break_token, shown):
                continue  # (most lines, told here without a call of _check_line)
            diagnostic = self._check_line(doc, line, house)
            # A hard-wrapped title or author list is one field: GitHub joins its lines.
            # A link split over two lines is AL304's: a break there would cut its URL.
            # (Asked only of a line with a finding: most lines have none.)
            if diagnostic is not None and not _inside_a_field(entry, line.span.end):
                yield diagnostic

    def _row(self, doc: Document, facts: EntryFacts, house: HouseStyle) -> Iterator[Diagnostic]:
        assert house.break_token is not None and house.break_tokens is not None
        for token, start, end in facts.breaks:
            if visible_break(token) not in house.break_tokens:
                yield self._differs(doc, token, start, end, house.break_token)

    def _check_line(self, doc: Document, line: EntryLine, house: HouseStyle) -> Diagnostic | None:
        token, expected = line.break_token, house.break_token
        assert expected is not None and house.break_tokens is not None
        if _shown_as_house(token, house.break_tokens):
            return None
        kind = break_kind(token)
        start = line.span.end
        if kind == "none":
            message = (
                f'no line break: GitHub joins this line with the next; end it with "{expected}"'
            )
            fix = Fix(
                (Edit(start, start + len(token), expected),), description=f'write "{expected}"'
            )
            return self.diagnostic(doc, doc.span(start, start), message, fix)
        if kind == "broken-backslash":
            message = (
                f'"{token.strip()} " has a space after the backslash, so GitHub shows no line '
                f'break; write "{expected}"'
            )
            fix = Fix(
                (Edit(start, start + len(token), expected),), description=f'write "{expected}"'
            )
            return self.diagnostic(doc, doc.span(start, start + len(token)), message, fix)
        return self._differs(doc, token, start, start + len(token), expected)

    def _differs(
        self, doc: Document, token: str, start: int, end: int, expected: str
    ) -> Diagnostic:
        message = f'line break "{token}" differs from the list\'s "{expected}"'
        fix = Fix((Edit(start, end, expected),), description=f'write "{expected}"')
        return self.diagnostic(doc, doc.span(start, end), message, fix)


def _inside_a_field(entry: PaperEntry, offset: int) -> bool:
    """Whether ``offset`` falls inside the entry's title, authors or a link."""
    wrapped = [f.span for f in (entry.title, entry.authors) if f is not None]
    wrapped += [link.span for link in entry.links]
    return any(s.start < offset < s.end for s in wrapped)


@functools.lru_cache(maxsize=1024)
def _shown_as_house(token: str, house: frozenset[str]) -> bool:
    """A break the page shows as one the house writes (tokens repeat: each is read once)."""
    return break_kind(token) in ("backslash", "br", "spaces") and visible_break(token) in house
