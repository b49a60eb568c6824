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
_WORD_START = re.compile(r"(?<![^\W_])(?<![^\W_][-_.])")  # where a _WORD word may start


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
        for m in _misspelled(masked, names):
            written, expected = m.group(), names[m.group().lower()]
            if _in_identifier(masked, m):
                continue
            span = doc.span(m.start(), m.end())
            fix = Fix((Edit(m.start(), m.end(), expected),), description=f'write "{expected}"')
            yield self.diagnostic(doc, span, f'"{written}" should be "{expected}"', fix)


def _misspelled(text: str, names: dict[str, str]) -> Iterator[re.Match[str]]:
    """The words of ``text`` (as ``_WORD`` cuts them) that are a name spelled otherwise, in
    order. Each name is looked for with ``str.find`` in the lower-cased text, many times
    faster than cutting the whole file into words. The text is lower-cased a slice at a time,
    cut after a blank (no word crosses one, and a blank ends the context of a lower case):
    CPython lowers a non-ASCII string through a buffer of 12 bytes a character, 140 MB on
    a 12-million-character file."""
    for start, end in _slices(text, _SLICE):
        lowered = text[start:end].lower()
        if len(lowered) != end - start:  # a letter whose lower case is longer ("İ"): offsets drift
            words = _WORD.finditer(text, start, end)
            yield from (m for m in words if names.get(m.group().lower(), m.group()) != m.group())
            continue
        found = []
        for key, expected in names.items():
            at = lowered.find(key) if key else -1
            while at >= 0:
                at += start
                word = _WORD.match(text, at) if _WORD_START.match(text, at) else None
                if word is not None and word.end() == at + len(key) and word.group() != expected:
                    found.append(word)
                at = lowered.find(key, at - start + 1)
        yield from sorted(found, key=lambda word: word.start())


_SLICE = 1 << 16  # characters lowered at a time (about: a slice ends after a blank)
_BLANK = re.compile(r"[ \n]")


def _slices(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive slices of ``text``, each ending after a space or a
    newline and at least ``size`` characters long, but the last."""
    start = 0
    while start < len(text):
        blank = _BLANK.search(text, start + size)
        end = len(text) if blank is None else blank.end()
        yield start, end
        start = end


def _masked_text(doc: Document, link_labels: bool) -> str:
    """The document with everything but prose and headings blanked out (offsets kept)."""
    # Each hidden span is one int, ``start << 32 | end`` (see _blanked): half a tuple's size
    # (a large list hides some 40,000 spans), and the ints sort as the (start, end) pairs would.
    hidden = [b.span.start << 32 | b.span.end for b in doc.blocks if b.kind == "code"]
    for entry in doc.entries:
        # A paper's title is quoted as its authors wrote it; a venue is AL207's to spell.
        for field in (entry.title, entry.venue):
            if field is not None:  # (plain appends: a comprehension per entry costs twice)
                hidden.append(field.span.start << 32 | field.span.end)
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
            hidden.append(link.span.start << 32 | link.span.end)
        else:  # "](destination)", with the label before it when that is hidden too
            label, in_entry = link.label_span, link.span.start in in_entries
            label_hidden = link.kind == "image" or (in_entry and not link_labels)
            hidden.append((label.start if label_hidden else label.end) << 32 | link.span.end)
    hidden += [comment.span.start << 32 | comment.span.end for comment in doc.comments]
    text = _blanked(doc.text, hidden)
    # Tags and code spans are found in the text with the above blanked, then blanked too: in
    # the document's text with the above again, so that two blanked copies are never alive.
    hidden += [m.start() << 32 | m.end() for m in _TAG.finditer(text)]
    hidden += [start << 32 | end for start, end in code_spans(text)]
    del text
    return _blanked(doc.text, hidden)


def _blanked(text: str, spans: list[int]) -> str:
    """``text`` with each span's characters turned to spaces (same length: offsets stay
    right), built from slices rather than a list of every character, joined a batch at a time
    (a large list has 40,000 spans: their pieces, each a string object, outweighed the text).
    Each span is packed in one int: ``start << 32 | end``."""
    batches: list[str] = []
    pieces: list[str] = []
    append, at = pieces.append, 0
    spans.sort()
    for packed in spans:  # (a plain loop of plain statements: this runs twice per span)
        start = packed >> 32
        if start < at:
            start = at
        end = packed & _LOW_32
        if end > start:
            append(text[at:start])
            append(" " * (end - start))
            at = end
            if len(pieces) >= _BATCH:
                batches.append("".join(pieces))
                pieces.clear()
    append(text[at:])
    batches.append("".join(pieces))
    return "".join(batches)


_LOW_32 = (1 << 32) - 1
_BATCH = 512  # pieces joined at a time by _blanked
