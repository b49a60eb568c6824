"""AL103 whitespace: leading spaces, trailing spaces that are no break, doubled spaces, tabs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, EntryLine, PaperEntry
from ..rule import Rule, RuleContext

_RUN = re.compile(r"[ \t]{2,}|\t")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d+[.)])(?=[ \t])")


def _no_space_belongs(text: str, start: int, end: int) -> bool:
    """Whitespace right after an opening bracket or right before a closing one or a comma
    (``[\tICCV, 2023]``) goes entirely; elsewhere it becomes one space."""
    return text[start - 1 : start] in ("[", "(") or text[end : end + 1] in ("]", ")", ",", ";")


def _count(ws: str) -> str:
    counts = ((ws.count(" "), "space"), (ws.count("\t"), "tab"))
    return " and ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in counts if n)


class Whitespace(Rule):
    code = "AL103"
    name = "whitespace"
    summary = (
        "Leading spaces on a block line, trailing spaces that are not a break, doubled spaces, "
        "tabs."
    )
    severity = Severity.WARNING
    fixable = True
    # Every one of these renders the same as the clean text (HTML folds spaces and tabs, and
    # indentation of one to three spaces changes nothing): opt-in, for tidy sources.
    enabled_by_default = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry in doc.entries:
            for i, line in enumerate(entry.lines):
                if entry.family == "block":
                    yield from self._leading(doc, line)
                yield from self._inside(doc, entry, line)
                nxt = entry.lines[i + 1] if i + 1 < len(entry.lines) else None
                yield from self._trailing(doc, entry, line, nxt)

    def _fix(self, start: int, end: int, replacement: str) -> Fix:
        what = "remove it" if not replacement else "write one space"
        return Fix((Edit(start, end, replacement),), description=what)

    def _leading(self, doc: Document, line: EntryLine) -> Iterator[Diagnostic]:
        start = line.span.start
        line_start = doc.text.rfind("\n", 0, start) + 1
        indent = doc.text[line_start:start]
        if indent and not indent.strip(" \t"):  # not a line split at a mid-line <br>
            yield self.diagnostic(
                doc,
                doc.span(line_start, start),
                f"line starts with {_count(indent)}; block lines start at the margin",
                self._fix(line_start, start, ""),
            )

    def _inside(self, doc: Document, entry: PaperEntry, line: EntryLine) -> Iterator[Diagnostic]:
        text = doc.text
        start, end = line.span.start, line.span.end
        marker = _LIST_MARKER.match(text, start, end) if entry.family == "item" else None
        for m in _RUN.finditer(text, start, end):
            if marker is not None and m.start() == marker.end():
                continue  # the gap after a list marker is indentation, not a doubled space
            if entry.family == "row" and "|" in text[m.start() - 1 : m.end() + 1]:
                continue  # table cell padding
            ws = m.group()
            space = "" if _no_space_belongs(text, m.start(), m.end()) else " "
            message = f"{_count(ws)} where {'one' if space else 'no'} space belongs"
            yield self.diagnostic(
                doc, doc.span(m.start(), m.end()), message, self._fix(m.start(), m.end(), space)
            )

    def _trailing(
        self, doc: Document, entry: PaperEntry, line: EntryLine, nxt: EntryLine | None
    ) -> Iterator[Diagnostic]:
        text, token = doc.text, line.break_token
        if nxt is not None:
            # A block line's ending is AL102's business; an item line's trailing spaces are no
            # break when a sub-bullet follows.
            if entry.family != "item" or not token or token.strip(" \t"):
                return
            if not _LIST_MARKER.match(text, nxt.span.start, nxt.span.end):
                return
        # The break token ends before the trailing whitespace the paragraph's span leaves out.
        start = line.span.end + len(token.rstrip(" \t"))
        end = start
        while end < len(text) and text[end] in " \t":
            end += 1
        if end == start or (end < len(text) and text[end] != "\n"):
            return
        yield self.diagnostic(
            doc,
            doc.span(start, end),
            f"trailing {_count(text[start:end])}, not a line break: remove",
            self._fix(start, end, ""),
        )
