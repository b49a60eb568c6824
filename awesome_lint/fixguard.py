"""The nothing-lost check of ``--fix``: compare a document before and after a set of edits and
name each entry, title, link URL or author list that the edits would lose or corrupt.

Each value is compared with what the edits meant to make of it: an edit inside a field (or an
insertion at either end of it, such as a title's added final period) changes that field, and
the result must read as the field with those edits applied. Everything else must read as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, product

from .authors import author_names
from .diagnostics import Edit
from .model import Document, Field, Link, PaperEntry, Span

MAX_EDGE_EDITS = 3  # edits at a field's edges tried both ways; more and the field is not checked


@dataclass(frozen=True)
class Problem:
    """What the edits would break, and where (narrowest first), in the text before the edits."""

    reason: str
    places: tuple[tuple[int, int], ...]


class EditMap:
    """Maps offsets of the text before a set of non-overlapping edits to the text after them."""

    def __init__(self, edits: Iterable[Edit]) -> None:
        self.edits = sorted(edits, key=lambda edit: (edit.start, edit.end))
        self.starts = [edit.start for edit in self.edits]
        deltas = (len(e.replacement) - (e.end - e.start) for e in self.edits)
        self.shift = [0, *accumulate(deltas)]  # shift[i]: the change made by edits[:i]

    def __call__(self, offset: int, *, right: bool = False) -> int:
        """The offset after the edits; inside a replaced range, its new start (or, ``right``,
        its new end); ``right`` also counts an insertion at ``offset`` as before it."""
        index = bisect_left(self.starts, offset)
        if index and self.edits[index - 1].end > offset:
            edit = self.edits[index - 1]
            new_start = edit.start + self.shift[index - 1]
            return new_start + (len(edit.replacement) if right else 0)
        if right:
            while index < len(self.edits) and self.edits[index].start == offset == (
                self.edits[index].end
            ):
                index += 1
        return offset + self.shift[index]

    def covering(self, start: int, end: int, *, exactly: bool = False) -> bool:
        """Whether one edit replaces more than the whole range (or, ``exactly``, at least it):
        what was in it (an entry moved elsewhere) can only be looked for in the whole result."""
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return False
        edit = self.edits[index]
        wider = exactly or (edit.start, edit.end) != (start, end)
        return edit.end >= end and edit.end > start and wider

    def touching(self, start: int, end: int) -> list[Edit]:
        """The edits that overlap ``[start, end]`` or touch either end of it."""
        index = bisect_left(self.starts, start)
        while index and self.edits[index - 1].end >= start:
            index -= 1
        found = []
        while index < len(self.edits) and self.edits[index].start <= end:
            if self.edits[index].end >= start:
                found.append(self.edits[index])
            index += 1
        return found


def problems(before: Document, after: Document, edits: EditMap) -> list[Problem]:
    """Every entry, title, link URL and author list of ``before`` that ``after`` lost or
    corrupted, given the edits that turned one text into the other."""
    found = _entry_problems(before, after, edits)
    found += _link_problems(before, after, edits)
    return found


def _entry_problems(before: Document, after: Document, edits: EditMap) -> list[Problem]:
    found: list[Problem] = []
    entries = sorted(after.entries, key=lambda entry: entry.span.start)
    starts = [entry.span.start for entry in entries]
    used: set[int] = set()
    moved: list[PaperEntry] = []
    for entry in before.entries:
        if edits.covering(entry.span.start, entry.span.end, exactly=True):
            moved.append(entry)  # checked by content below
            continue
        index = _overlapping(entries, starts, edits, entry.span, used)
        if index is None:
            name = f"the entry {entry.title.text!r}" if entry.title else "an entry"
            found.append(Problem(f"it would lose {name}", (entry.span[4:6],)))
            continue
        used.add(index)
        found += _field_problems(before.text, entry, entries[index], edits)
    titles = Counter(_norm(e.title.text) for e in after.entries if e.title)
    for entry in moved:
        if entry.title and not titles[_norm(entry.title.text)]:
            place = (entry.span[4:6],)
            found.append(Problem(f"it would lose the entry title {entry.title.text!r}", place))
        titles[_norm(entry.title.text) if entry.title else ""] -= 1
    return found


def _overlapping(
    entries: Sequence[PaperEntry], starts: list[int], edits: EditMap, span: Span, used: set[int]
) -> int | None:
    """The first unused entry of ``after`` overlapping where ``span`` went."""
    lo, hi = edits(span.start), edits(span.end, right=True)
    index = max(bisect_right(starts, lo) - 1, 0)
    while index < len(entries) and entries[index].span.start <= hi:
        entry_span = entries[index].span
        if index not in used and entry_span.start <= hi and lo <= entry_span.end:
            return index
        index += 1
    return None


def _field_problems(text: str, old: PaperEntry, new: PaperEntry, edits: EditMap) -> list[Problem]:
    found: list[Problem] = []
    wide = old.span[4:6]
    if old.title is not None:
        expected = expected_values(text, old.title.span, edits)
        if new.title is None:
            reason = f"it would lose the entry title {old.title.text!r}"
            found.append(Problem(reason, (old.title.span[4:6], wide)))
        elif expected is not None and _norm(new.title.text) not in expected:
            reason = f"it would turn the entry title {old.title.text!r} into {new.title.text!r}"
            found.append(Problem(reason, (old.title.span[4:6], wide)))
    if old.authors is not None:
        found += _author_problems(old.authors, new.authors, wide)
    return found


def _author_problems(old: Field, new: Field | None, wide: tuple[int, int]) -> list[Problem]:
    place = (old.span[4:6], wide)
    if new is None:
        return [Problem(f"it would lose the authors {old.text!r}", place)]
    names_before, names_after = author_names(old.text), author_names(new.text)
    if len(names_before) == len(names_after):
        return []
    reason = (
        f"it would turn the authors {old.text!r} ({len(names_before)} names) into "
        f"{new.text!r} ({len(names_after)} names)"
    )
    return [Problem(reason, place)]


def _link_problems(before: Document, after: Document, edits: EditMap) -> list[Problem]:
    found: list[Problem] = []
    links = sorted(after.links, key=lambda link: link.url_span.start)
    starts = [link.url_span.start for link in links]
    moved: list[Link] = []
    for link in before.links:
        span = link.url_span
        if edits.covering(span.start, span.end):
            moved.append(link)
            continue
        expected = expected_values(before.text, span, edits)
        if expected is None:
            continue
        now = _urls_at(links, starts, edits(span.start), edits(span.end, right=True))
        if not any(_norm(url) in expected for url in now):
            verb = f"turn the link URL {link.url!r} into {now[0]!r}" if now else None
            reason = f"it would {verb or f'lose the link URL {link.url!r}'}"
            found.append(Problem(reason, (span[4:6], link.span[4:6])))
    urls = Counter(link.url for link in after.links)
    for link in moved:
        if not urls[link.url]:
            reason = f"it would lose the link URL {link.url!r}"
            found.append(Problem(reason, (link.url_span[4:6],)))
        urls[link.url] -= 1
    return found


def _urls_at(links: Sequence[Link], starts: list[int], lo: int, hi: int) -> list[str]:
    index = max(bisect_right(starts, lo) - 1, 0)
    urls = []
    while index < len(links) and links[index].url_span.start <= hi:
        if links[index].url_span.end >= lo:
            urls.append(links[index].url)
        index += 1
    return urls


def expected_values(text: str, span: Span, edits: EditMap) -> set[str] | None:
    """What the field at ``span`` may read after the edits (whitespace normalised): edits inside
    it apply; an edit at its edge (an insertion at either end, a replacement across it) may
    belong to the field or beside it, so both readings count. None: too many to tell."""
    start, end = span.start, span.end
    inner: list[Edit] = []
    edge: list[Edit] = []
    for edit in edits.touching(start, end):
        if (
            start <= edit.start
            and edit.end <= end
            and not (edit.start == edit.end and edit.start in (start, end))
        ):
            inner.append(edit)
        elif (edit.start < end and edit.end > start) or edit.start == edit.end:
            edge.append(edit)  # adjacent replacements (ending at ``start``) lie beside it
    if len(edge) > MAX_EDGE_EDITS:
        return None
    values = set()
    for keep in product((True, False), repeat=len(edge)):
        pieces = [*inner, *(_clip(e, start, end, k) for e, k in zip(edge, keep, strict=True))]
        values.add(_norm(_apply(text, start, end, pieces)))
    return values


def _clip(edit: Edit, start: int, end: int, keep: bool) -> Edit:
    """The part of an edge edit inside ``[start, end]``, with or without its replacement."""
    return Edit(max(edit.start, start), min(edit.end, end), edit.replacement if keep else "")


def _apply(text: str, start: int, end: int, edits: Iterable[Edit]) -> str:
    pieces, position = [], start
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        pieces += [text[position : edit.start], edit.replacement]
        position = edit.end
    pieces.append(text[position:end])
    return "".join(pieces)


def _norm(value: str) -> str:
    return " ".join(value.split())
