"""AL503 spelling: well-known names mis-cased in prose and headings ("Github", "Arxiv")."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from heapq import merge
from itertools import accumulate, pairwise

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..inline import backtick_runs, code_spans
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
    """AL503's options."""

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
        hidden = _hidden_spans(doc, options.entry_link_labels)
        for at, written in _misspelled_words(doc.text, hidden, names):
            expected, end = names[written.lower()], at + len(written)
            fix = Fix((Edit(at, end, expected),), description=f'write "{expected}"')
            message = f'"{written}" should be "{expected}"'
            yield self.diagnostic(doc, doc.span(at, end), message, fix)


def _misspelled_words(
    text: str, hidden: array[int], names: dict[str, str]
) -> Iterator[tuple[int, str]]:
    """``(offset, word)`` of each name spelled otherwise in ``text`` with ``hidden`` blanked,
    but in a path or handle. The blanked text is built and read a slice at a time, each cut
    after a blank: no word crosses one, and a blank is no part of a path or handle."""
    for start, end in _slices(text, _SLICE):
        masked = _blanked(text, hidden, start, end)
        for m in _misspelled_in(masked, 0, len(masked), names):
            if not _in_identifier(masked, m):
                yield start + m.start(), m.group()


def _misspelled(text: str, names: dict[str, str]) -> Iterator[re.Match[str]]:
    """The words of ``text`` (as ``_WORD`` cuts them) that are a name spelled otherwise, in
    order. The text is lower-cased a slice at a time, cut after a blank (no word crosses one,
    and a blank ends the context of a lower case): CPython lowers a non-ASCII string through
    a buffer of 12 bytes a character, 140 MB on a 12-million-character file."""
    for start, end in _slices(text, _SLICE):
        yield from _misspelled_in(text, start, end, names)


def _misspelled_in(text: str, start: int, end: int, names: dict[str, str]) -> list[re.Match[str]]:
    """The misspelled words of ``text[start:end]``, a slice that ends after a blank (or at the
    end), in order. Each name is looked for with ``str.find`` in the lower-cased slice, many
    times faster than cutting the slice into words."""
    lowered = text[start:end].lower()
    if len(lowered) != end - start:  # a letter whose lower case is longer ("İ"): offsets drift
        words = _WORD.finditer(text, start, end)
        return [m for m in words if names.get(m.group().lower(), m.group()) != m.group()]
    found = []
    for key, expected in names.items():
        at = lowered.find(key) if key else -1
        while at >= 0:
            at += start
            word = _WORD.match(text, at) if _WORD_START.match(text, at) else None
            if word is not None and word.end() == at + len(key) and word.group() != expected:
                found.append(word)
            at = lowered.find(key, at - start + 1)
    return sorted(found, key=lambda word: word.start())


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


def _hidden_spans(doc: Document, link_labels: bool) -> array[int]:
    """What is blanked out of the document but prose and headings: the union of the hidden
    spans, disjoint and in order, each packed in one int, ``start << 32 | end``: an array of
    them costs 8 bytes a span, a list 40 (the largest list, 16 times over, hides 160,000)."""
    code_blocks = (b.span.start << 32 | b.span.end for b in doc.blocks if b.kind == "code")
    # A paper's title is quoted as its authors wrote it; a venue is AL207's to spell.
    fields = (
        field.span.start << 32 | field.span.end
        for entry in doc.entries
        for field in (entry.title, entry.venue)
        if field is not None
    )
    comments = (comment.span.start << 32 | comment.span.end for comment in doc.comments)
    sources = (code_blocks, fields, _hidden_links(doc, link_labels), comments)
    structure = _union(*(_ascending(source) for source in sources))
    # Tags and code spans are those of the text with the above blanked.
    tags, code = _tags_and_code_spans(doc.text, structure)
    return _union(structure, tags, code) if tags or code else structure


def _hidden_links(doc: Document, link_labels: bool) -> Iterator[int]:
    """The hidden part of each link: its destination, and its label where that is hidden too.
    The labels of entries' links ([Github], [Paper]) are the list's own convention, and so
    are those of a paper item the parser did not read: any link on a line that links a paper."""
    in_entries = {link.span.start for entry in doc.entries for link in entry.links}
    paper_lines = {
        link.span.line
        for link in doc.links
        if "://" in link.url and host_of(link.url) in PAPER_HOSTS
    }
    for link in doc.links:
        if link.kind in ("autolink", "html") or link.label_span is None:
            yield link.span.start << 32 | link.span.end
        else:  # "](destination)", with the label before it when that is hidden too
            label, span = link.label_span, link.span
            in_entry = span.start in in_entries or span.line in paper_lines
            label_hidden = link.kind == "image" or (in_entry and not link_labels)
            yield (label.start if label_hidden else label.end) << 32 | span.end


def _ascending(packed_spans: Iterable[int]) -> array[int]:
    """The packed spans in order (the document gives them in order: a check, then no sort)."""
    packed = array("Q", packed_spans)
    if any(a > b for a, b in pairwise(packed)):
        packed = array("Q", sorted(packed))
    return packed


def _union(*ascending: Iterable[int]) -> array[int]:
    """The union of packed spans given in order, as disjoint packed spans in order (empty
    spans dropped): blanking them blanks what blanking each span would."""
    union = array("Q")
    first = last = 0  # the run of overlapping spans being read
    for packed in merge(*ascending):
        start, end = packed >> 32, packed & _LOW_32
        if start > last:
            if last > first:
                union.append(first << 32 | last)
            first, last = start, end
        elif end > last:
            last = end
    if last > first:
        union.append(first << 32 | last)
    return union


def _tags_and_code_spans(text: str, hidden: array[int]) -> tuple[array[int], array[int]]:
    """The tags and the code spans of ``text`` with ``hidden`` blanked, packed, each in order.
    The blanked text is read a slice at a time, each cut before a newline or a "<" that is not
    hidden: neither is inside a tag or a run of backticks. A code span, though, is closed by
    a run of backticks that may be far on: the runs are gathered first."""
    tags, runs = array("Q"), array("Q")
    for start, end in _visible_cuts(text, hidden, _SLICE):
        if text.find("<", start, end) < 0 and text.find("`", start, end) < 0:
            continue  # (blanking makes spaces: neither a tag nor a backtick run is here)
        blanked = _blanked(text, hidden, start, end)
        tags.extend(start + m.start() << 32 | start + m.end() for m in _TAG.finditer(blanked))
        runs.extend(start + a << 32 | start + b for a, b in backtick_runs(blanked, 0, len(blanked)))
    return tags, _code_spans_of_runs(runs)


def _code_spans_of_runs(runs: array[int]) -> array[int]:
    """The code spans that ``code_spans`` finds in a text whose runs of backticks are ``runs``
    (packed): it reads them written one after another, a space between, which closes the same
    spans, and each span is then put back where its runs are."""
    lengths = [(run & _LOW_32) - (run >> 32) for run in runs]
    written = " ".join(map("`".__mul__, lengths))
    at = array("Q", accumulate((n + 1 for n in lengths), initial=0))  # each run's, in written
    del lengths
    spans = array("Q")
    for opener, close in code_spans(written):
        first, last = bisect_right(at, opener) - 1, bisect_right(at, close - 1) - 1
        spans.append(runs[first] >> 32 << 32 | (runs[last] >> 32) + close - at[last])
    return spans


def _visible_cuts(text: str, hidden: array[int], size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive slices of ``text``, each at least ``size`` characters
    long but the last, and each but the last ending before a newline or a "<" that no
    ``hidden`` span covers."""
    start = 0
    while start < len(text):
        end = _next_visible(text, hidden, start + size)
        yield start, end
        start = end


_CUT_BEFORE = re.compile(r"[\n<]")


def _next_visible(text: str, hidden: array[int], at: int) -> int:
    """The first newline or "<" at or after ``at`` that no hidden span covers, or the end."""
    while (found := _CUT_BEFORE.search(text, at)) is not None:
        at = found.start()
        k = bisect_right(hidden, at << 32 | _LOW_32)  # the spans that start by ``at``
        if k == 0 or hidden[k - 1] & _LOW_32 <= at:  # the last of them ends before it
            return at
        at = hidden[k - 1] & _LOW_32
    return len(text)


def _blanked(text: str, hidden: array[int], start: int, end: int) -> str:
    """``text[start:end]`` with the characters of the ``hidden`` spans (disjoint, in order,
    packed) turned to spaces: same length, offsets stay right."""
    first = bisect_right(hidden, start << 32 | _LOW_32)  # spans that start by ``start``
    if first and hidden[first - 1] & _LOW_32 > start:  # the last of them runs into the slice
        first -= 1
    pieces: list[str] = []
    append, at = pieces.append, start
    for packed in hidden[first : bisect_left(hidden, end << 32)]:  # (plain statements: hot)
        span_start = packed >> 32
        if span_start < at:  # (the first span only)
            span_start = at
        append(text[at:span_start])
        at = packed & _LOW_32
        append(" " * (at - span_start))
    if at > end:  # the last span runs on past the slice
        pieces[-1], at = pieces[-1][: end - at], end
    append(text[at:end])
    return "".join(pieces)


_LOW_32 = (1 << 32) - 1
