"""What is wrong with how an entry writes its links: the house shape, links run together, broken
links, stray brackets, empty labels. AL105 reports these; AL101 reads them to excuse the debris
of a broken link."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Edit
from ..facts import EntryFacts, link_extent
from ..model import Document, Link, PaperEntry
from ..style import HouseStyle

# "[Paper(https://…)" — the "]" between label and URL is missing, so there is no link.
_NO_CLOSE = re.compile(r"\[([^\[\]()\n]{1,40})\(((?:https?://|www\.)[^\s()]+)\)")
# "[GitHub] \ (https://…)" — something between "]" and "(", so there is no link.
_GAP = re.compile(r"\[([^\[\]\n]{1,40})\]([ \t\\]+)\(((?:https?://|www\.)[^\s()]+)\)")
_PAIRS = {"]": "[", ")": "("}
_BRACKET = re.compile(r"[\[\]()]")
# "1)", "b)", "iv)" at a word's start: a number of prose or a row, no bracket of a link.
_ENUMERATION = re.compile(r"(?<![\w.])(?:\d{1,3}|[a-z]|[ivx]{1,4})\)$", re.I)


@dataclass(frozen=True)
class Problem:
    """A broken link's characters, what is wrong with them and the edits that mend them."""

    start: int
    end: int
    message: str
    edits: tuple[Edit, ...] = ()
    safe: bool = True
    covers: tuple[int, int] | None = None  # the broken link's characters, when wider

    @property
    def extent(self) -> tuple[int, int]:
        return self.covers or (self.start, self.end)


def link_problems(doc: Document, found: EntryFacts, style: HouseStyle) -> list[Problem]:
    """Everything wrong with how the entry writes its links, by offsets of ``doc.text``."""
    text, entry = doc.text, found.entry
    problems: list[Problem] = []
    masked: list[tuple[int, int]] = []  # (a plain loop: cheaper than a comprehension here)
    for part in (entry.title, entry.authors, entry.date, entry.venue):
        if part is not None:
            masked.append(part.span[4:6])  # (start, end)
    previous_end = None
    for link in entry.links:
        masked.append(link_extent(text, link)[:2])
        if link.kind == "autolink" and style.link_brackets is not None:
            shape = "[[Label](url)]" if style.link_brackets else "[Label](url)"
            message = f"bare URL where the list writes its links as {shape}"
            problems.append(Problem(link.span.start, link.span.end, message))
        if link.kind == "markdown" and not link.label.strip() and link.label_span:
            problems.append(Problem(link.span.start, link.span.end, "link with an empty label"))
    house_brackets, house_separator = style.link_brackets, style.link_separator
    for link, start, end, opened, closed in found.label_extents:  # (a linked title: not here)
        # Checked here, not in the helpers: most links and gaps are the house's.
        if house_brackets is not None and not (opened == closed == house_brackets):
            problems.extend(_brackets(text, link, opened, closed, house_brackets))
        if previous_end is not None:
            gap = text[previous_end:start]
            if gap != house_separator and "\n" not in gap:
                problems.extend(_separator(text, previous_end, start, house_separator))
        previous_end = end
    start, end = entry.span.start, entry.span.end
    # Both broken shapes put a "(" after something other than "]": most entries have none.
    if text.count("(", start, end) > text.count("](", start, end):
        problems.extend(_broken_links(text, start, end, masked))
    lines = entry.lines
    if lines:
        # The entry's brackets outside the masked spans, in one pass: most entries have none.
        lowest = min([line.span.start for line in lines])
        highest = max([line.span.end for line in lines])
        brackets = _brackets_outside(text, lowest, highest, _merged(masked))
        if brackets:
            problems.extend(_unmatched(doc, entry, brackets))
    return problems


def _broken_links(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> list[Problem]:
    """Links broken by a missing "]" or by a gap before "(" (outside ``masked``, which grows
    by the broken links found)."""
    problems = []
    for m in _NO_CLOSE.finditer(text, start, end):
        if not _inside(m.start(), masked):
            at = m.start(2) - 1
            problems.append(
                Problem(
                    at,
                    at + 1,
                    f'"[{m.group(1)}(" lacks the "]" that ends the label, so it is no link',
                    (Edit(at, at, "]"),),
                    covers=_widen(text, m.start(), m.end()),
                )
            )
            masked.append(_widen(text, m.start(), m.end()))
    for m in _GAP.finditer(text, start, end):
        if not _inside(m.start(), masked):
            gap = m.group(2)
            problems.append(
                Problem(
                    m.start(2),
                    m.end(2),
                    f'"{gap}" between "]" and "(" breaks the link; write "[{m.group(1)}]("',
                    (Edit(m.start(2), m.end(2), ""),),
                    covers=_widen(text, m.start(), m.end()),
                )
            )
            masked.append(_widen(text, m.start(), m.end()))
    return problems


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A broken link with its wrapping brackets."""
    return start - (start > 0 and text[start - 1] == "["), end + (text[end : end + 1] == "]")


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _brackets(text: str, link: Link, opened: bool, closed: bool, house: bool) -> Iterator[Problem]:
    """A link whose wrapping brackets are not the house's (``house``: wrapped in brackets)."""
    start, end = link.span.start, link.span.end
    if opened and not closed:
        message = 'no "]" after the link to close the "[" before it'
        yield Problem(end, end, message, (Edit(end, end, "]"),))
    elif closed and not opened:
        message = 'no "[" before the link to open the "]" after it'
        yield Problem(start, start, message, (Edit(start, start, "["),))
    elif house:
        message = "link not in the list's shape: write [[Label](url)]"
        yield Problem(start, end, message, _wrap(text, link))
    else:
        message = "link not in the list's shape: write [Label](url) without the outer brackets"
        yield Problem(
            start - 1, end + 1, message, (Edit(start - 1, start, ""), Edit(end, end + 1, ""))
        )


def _wrap(text: str, link: Link) -> tuple[Edit, ...]:
    """The edits that wrap a link in brackets, shown on the page as before: none for a link
    inside a sentence (``split into [part two](…)``); ``[[PDF]](url)``, whose label holds the
    brackets, becomes ``[[PDF](url)]``."""
    start, end, label = link.span.start, link.span.end, link.label_span
    if text[:start].rstrip(" \t")[-1:].isalpha():
        return ()
    if label is not None and text[label.start] == "[" and text[label.end - 1] == "]":
        return Edit(label.end - 1, label.end, ""), Edit(end, end, "]")
    return Edit(start, start, "["), Edit(end, end, "]")


def _separator(text: str, start: int, end: int, house: str | None) -> Iterator[Problem]:
    """A gap between two links of one line other than the house's separator."""
    gap = text[start:end]
    if not gap:
        if house is None and text[start - 1 : start + 1] == "][":
            return  # "[[A](…)][[B](…)]" reads "[A][B]": no clear house, nothing to say
        house = house or " "
        yield Problem(
            start,
            end,
            f'links run together; separate them with "{house}"',
            (Edit(start, end, house),),
        )
    elif (
        house is not None
        and gap.strip() != house.strip()
        and {gap.strip(), house.strip()} <= {"", "|"}
    ):
        # A pipe for a space or the reverse; not ", " between names, nor doubled spaces (AL103)
        yield Problem(
            start,
            end,
            f'links separated by "{gap}" where the list writes "{house}"',
            (Edit(start, end, house),),
        )


def _unmatched(doc: Document, entry: PaperEntry, brackets: list[int]) -> Iterator[Problem]:
    """Brackets left over on the entry's link lines once links and fields are set aside
    (``brackets``: the offsets of those outside them, in order)."""
    text, lines = doc.text, entry.lines
    link_starts = [link.span.start for link in entry.links]
    for line in lines:
        start, end = line.span.start, line.span.end
        if not any(start <= s < end for s in link_starts) and "](" not in text[start:end]:
            continue
        stack: list[int] = []
        stray: list[int] = []
        for i in brackets[bisect_left(brackets, start) : bisect_left(brackets, end)]:
            ch = text[i]
            if ch in "[(":
                stack.append(i)
            elif stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif not (ch == ")" and _ENUMERATION.search(text, start, i + 1)):
                stray.append(i)
        yield from _runs(text, sorted(stray + stack))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _brackets_outside(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> list[int]:
    """The offsets of the brackets of ``text[start:end]`` outside the (merged) masked spans,
    in order: a regex over the gaps instead of a test of every character."""
    gaps, at = [], start
    for a, b in masked:
        if a >= end:
            break
        if b > at:
            gaps.append((at, a))
            at = b
    gaps.append((at, end))
    return [
        m.start()
        for gap_start, gap_end in gaps
        if gap_start < gap_end and _BRACKET.search(text, gap_start, gap_end)
        for m in _BRACKET.finditer(text, gap_start, gap_end)
    ]


def _runs(text: str, offsets: list[int]) -> Iterator[Problem]:
    """One problem per run of adjacent unmatched brackets, e.g. a stray ")]"."""
    run: list[int] = []
    for offset in [*offsets, -2]:
        if run and offset != run[-1] + 1:
            a, b = run[0], run[-1] + 1
            yield Problem(a, b, f'unmatched "{text[a:b]}"', (Edit(a, b, ""),), safe=False)
            run = []
        run.append(offset)
