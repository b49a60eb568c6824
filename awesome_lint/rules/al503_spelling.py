"""AL503 spelling: well-known names mis-cased in prose and headings ("Github", "Arxiv")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..inline import code_spans
from ..model import Document
from ..names import PROSE, spellings
from ..rule import Rule, RuleContext
from ..urls import PAPER_HOSTS, host_of

_WORD = re.compile(r"[^\W_]+(?:[-_.][^\W_]+)*")


def _in_identifier(text: str, m: re.Match[str]) -> bool:
    """Part of a path, handle or address (``/github``, ``@arxiv``, ``arxiv-sanity``)."""
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    return (before != "" and before in "./@#:-_") or (after != "" and after in "@/-_")


# No "<" inside: each try stops at the next one, so "<a " repeated is linear, not quadratic.
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


@dataclass(frozen=True)
class SpellingOptions:
    extra_names: tuple[str, ...] = ()  # more names, spelled as they should be: ["LLaMA"]
    entry_link_labels: bool = False  # also check the labels of entries' links: [Github](…)


class Spelling(Rule):
    code = "AL503"
    name = "spelling"
    summary = "A well-known name mis-cased in prose or a heading: Github, Arxiv, Pytorch."
    severity = Severity.WARNING
    fixable = True
    options_class = SpellingOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or SpellingOptions()
        names = {**spellings(PROSE), **{n.lower(): n for n in options.extra_names}}
        masked = _masked_text(doc, options.entry_link_labels)
        # One pass over the words (a long alternation regex tried at every offset is slower).
        for m in _WORD.finditer(masked):
            written = m.group()
            expected = names.get(written.lower())
            if expected is None or written == expected or _in_identifier(masked, m):
                continue
            span = doc.span(m.start(), m.end())
            fix = Fix((Edit(m.start(), m.end(), expected),), description=f'write "{expected}"')
            yield self.diagnostic(doc, span, f'"{written}" should be "{expected}"', fix)


def _masked_text(doc: Document, link_labels: bool) -> str:
    """The document with everything but prose and headings blanked out (offsets kept)."""
    chars = list(doc.text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)  # same length: offsets stay right

    for block in doc.blocks:
        if block.kind == "code":
            blank(block.span.start, block.span.end)
    for entry in doc.entries:
        # A paper's title is quoted as its authors wrote it; a venue is AL207's to spell.
        for part in (entry.title, entry.venue):
            if part is not None:
                blank(part.span.start, part.span.end)
    # The labels of entries' links ([Github], [Paper]) are the list's own convention, and so
    # are those of a paper item the parser did not read: any link on a line that links a paper.
    in_entries = {link.span.start for entry in doc.entries for link in entry.links}
    paper_lines = {
        link.span.line
        for link in doc.links
        if "://" in link.url and host_of(link.url) in PAPER_HOSTS
    }
    in_entries |= {link.span.start for link in doc.links if link.span.line in paper_lines}
    for link in doc.links:
        if link.kind in ("autolink", "html") or link.label_span is None:
            blank(link.span.start, link.span.end)
        else:
            blank(link.label_span.end, link.span.end)  # "](destination)"
            if link.kind == "image" or (link.span.start in in_entries and not link_labels):
                blank(link.label_span.start, link.label_span.end)
    for comment in doc.comments:
        blank(comment.span.start, comment.span.end)
    text = "".join(chars)
    for m in _TAG.finditer(text):
        blank(m.start(), m.end())
    for start, end in code_spans(text):
        blank(start, end)
    return "".join(chars)
