"""AL111 broken-link-syntax: link syntax that GitHub shows as raw text ("Title](url)" without its
"[", "[Paper(url)]" without its "]"), a separator left dangling after the last link, a space
inside a link's parentheses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Link
from ..rule import Rule, RuleContext
from .rendered_text import OUTSIDE_QUOTES, SourceLine, markdown_lines

_DESTINATION = r"\((?:https?://|www\.|\.{0,2}/|#)[^\s()]*\)"
# "[Paper(url)": the "]" between label and address is missing.
_NO_CLOSER = re.compile(rf"\[([^\[\]()\n]*[^\[\]()\s])(?={_DESTINATION})")
_OPENS_LINK = re.compile(_DESTINATION)
# Separators written between links; one after the last link of a cell or line dangles.
_SEPARATORS = r"/|\\\||·|•"
_DANGLING = re.compile(rf"\)\]?([ \t]*(?:{_SEPARATORS}))(?=[ \t]*(?:\||<br\s*/?>|$))", re.I)
_BETWEEN_LINKS = re.compile(rf"\)\]?[ \t]*({_SEPARATORS})[ \t]*\\?!?\[")


_BRACKET = re.compile(r"\\.|[\[\]]")  # an escaped character, or a bracket
_INNERMOST_PAIR = re.compile(r"\[[^\[\]]*\]")
_NONE: list[int] = []  # no lone closer (shared, never changed)


def unmatched_closers(text: str, carried: int) -> tuple[list[int], int]:
    """Offsets of the "]" that close no "[" on the line (after ``carried`` "[" left open by
    the line before), and how many "[" stay open."""
    if "\\[" not in text and "\\]" not in text and "\\\\" not in text:
        # No bracket is escaped (a line-break "\\" escapes none), and most lines balance:
        # dropping matched pairs, innermost first, in C leaves no "]".
        rest = text
        while "]" in rest and (fewer := _INNERMOST_PAIR.sub("", rest)) != rest:
            rest = fewer
        if "]" not in rest:
            return [], carried + rest.count("[")
    return scan_closers(text, carried)


def scan_closers(text: str, carried: int) -> tuple[list[int], int]:
    """What ``unmatched_closers`` gives, read bracket by bracket."""
    depth, lone = carried, []
    for m in _BRACKET.finditer(text):
        if m[0] == "[":
            depth += 1
        elif m[0] == "]":
            if depth:
                depth -= 1
            else:
                lone.append(m.start())
    return lone, depth


def _continues(text: str, line_end: int) -> bool:
    """Whether the next line carries on with more links ("[Paper](…) /" then "[Code](…)")."""
    following = text[line_end + 1 : line_end + 200].lstrip(" \t")
    return following.startswith(("[", "![", "<a"))


class BrokenLinkSyntax(Rule):
    code = "AL111"
    name = "broken-link-syntax"
    summary = "Link syntax shown as raw text (Title](url), [Paper(url)]), a dangling separator."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        separators = {m[1] for m in _BETWEEN_LINKS.finditer(doc.text)}
        carried = 0
        for line in markdown_lines(doc, OUTSIDE_QUOTES):
            text = line.text
            if not text or text.isspace():
                carried = 0  # a blank line closes nothing
            if "[" in text or "]" in text:
                lone, carried = unmatched_closers(text, carried)
            else:
                lone = _NONE  # (most lines: no bracket, the count carries on as it was)
            if "(" not in text:
                continue  # every case below has a link's parentheses
            if lone:
                yield from self._lost_openers(doc, line, lone)
            if text.count("(") > text.count("]("):  # a "(" not after "]"
                yield from self._lost_closers(doc, line)
            # A dangling separator is one the list writes between links.
            if separators and _DANGLING.search(text):
                yield from self._dangling(doc, line, separators)
        for link in doc.links:
            if link.kind == "markdown":
                yield from self._spaces_in_parentheses(doc, link)

    def _lost_openers(
        self, doc: Document, line: SourceLine, lone: list[int]
    ) -> Iterator[Diagnostic]:
        for at in lone:
            if _OPENS_LINK.match(line.text, at + 1):
                span = doc.span(line.start + at, line.start + at + 2)
                yield self.diagnostic(
                    doc, span, 'link text without its opening "[": the link shows as raw text'
                )

    def _lost_closers(self, doc: Document, line: SourceLine) -> Iterator[Diagnostic]:
        for m in _NO_CLOSER.finditer(line.text):
            destination = _OPENS_LINK.match(line.text, m.end())
            if destination is not None and line.text.startswith("](", destination.end()):
                continue  # "[Foo(https://…)](https://…)": inside a link's label
            start = line.start + m.start()
            end = line.start + m.end()
            span = doc.span(start, end)
            fix = Fix((Edit(end, end, "]"),), description=f'write "[{m[1]}]("')
            yield self.diagnostic(
                doc,
                span,
                f'"[{m[1]}(" misses the "]" before its address: the link shows as raw text',
                fix,
            )

    def _dangling(
        self, doc: Document, line: SourceLine, separators: set[str]
    ) -> Iterator[Diagnostic]:
        for m in _DANGLING.finditer(line.text):
            written = m[1].strip()
            if written not in separators or _continues(doc.text, line.start + len(line.text)):
                continue
            start = line.start + m.start(1)
            span = doc.span(start, line.start + m.end(1))
            fix = Fix((Edit(span.start, span.end, ""),), description=f'delete "{written}"')
            yield self.diagnostic(
                doc, span, f'"{written}" after the last link separates nothing', fix
            )

    def _spaces_in_parentheses(self, doc: Document, link: Link) -> Iterator[Diagnostic]:
        text = doc.text
        start, end = link.url_span.start, link.url_span.end
        if text[start - 1 : start] not in " \t" and text[end : end + 1] not in " \t":
            return  # no space on either side of the address (most links)
        before = link.url_span.start
        while before > link.span.start and text[before - 1] in " \t":
            before -= 1
        after = link.url_span.end
        while after < link.span.end and text[after] in " \t":
            after += 1
        for start, end in ((before, link.url_span.start), (link.url_span.end, after)):
            closes = text[after : after + 1] == ")" or end == link.url_span.start
            if end > start and closes and text[before - 1 : before] == "(":
                span = doc.span(start, end)
                fix = Fix((Edit(start, end, ""),), description="delete the space")
                yield self.diagnostic(doc, span, "space inside the link's parentheses", fix)
