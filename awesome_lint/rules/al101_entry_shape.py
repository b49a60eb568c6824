"""AL101 entry-shape: an entry that lacks a part of the house format, orders it otherwise, or
carries stray text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from ..dates import read_date
from ..diagnostics import Diagnostic, Severity
from ..entries import break_kind
from ..model import Document, Field, Link, PaperEntry
from ..rule import Rule, RuleContext
from .link_problems import link_problems

NAMES = {"T": "title", "A": "authors", "D": "date", "V": "venue", "L": "links"}
# An italic run, possibly wrapped over lines (not over a blank line): authors, most likely.
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?![\s*_])(?:(?!\n[ \t]*\n).)*?\S\1(?![*_\w])", re.S)
_STRAY = "`'\".,;:!?*_~)]} \t"
OPTIONAL_SHARE = 0.1  # stray text that this share of a family's entries carries is a house part
MIN_GROUP = 3  # a section with this many entries has its own say on which parts are required


class Part(NamedTuple):
    kind: str  # T A D V L X
    start: int
    end: int
    text: str = ""


def parts(entry: PaperEntry) -> list[Part]:
    """The entry's parts in source order; consecutive links count as one part."""
    found = [
        Part(kind, f.span.start, f.span.end, f.text)
        for kind, f in zip("TADV", _fields(entry), strict=True)
        if f is not None
    ]
    found += [Part("L", link.span.start, link.span.end) for link in _part_links(entry)]
    found += [Part("X", x.span.start, x.span.end, x.text) for x in entry.extras]
    found.sort(key=lambda p: p.start)
    merged: list[Part] = []
    for part in found:
        if merged and part.kind == "L" == merged[-1].kind:
            continue
        merged.append(part)
    return merged


def shape(entry_parts: list[Part]) -> str:
    """The kinds of the parts in order, stray text left out (the reading entry_shape gives)."""
    return "".join(p.kind for p in entry_parts if p.kind != "X")


def entry_shape(entry: PaperEntry) -> str:
    """``shape(parts(entry))`` without building the parts: every entry's shape is read, and
    few entries need their parts."""
    kinds = []  # (plain loops: a third cheaper than list comprehensions on four items)
    for kind, part in zip("TADV", _fields(entry), strict=True):
        if part is not None:
            kinds.append((part.span.start, kind))
    for link in _part_links(entry):
        kinds.append((link.span.start, "L"))
    for extra in entry.extras:
        kinds.append((extra.span.start, "X"))
    kinds.sort(key=itemgetter(0))  # stable: ties keep this order, as in parts()
    letters = "".join([k for _, k in kinds])
    if "LL" in letters:  # (re.sub costs microseconds even where nothing is replaced)
        letters = _LINK_RUN.sub("L", letters)
    return letters.replace("X", "")


_LINK_RUN = re.compile("L{2,}")  # consecutive links count as one part


def _fields(entry: PaperEntry) -> tuple[Field | None, ...]:
    return entry.title, entry.authors, entry.date, entry.venue


def _part_links(entry: PaperEntry) -> list[Link]:
    """The links that are parts (not images, not a link that is the entry's title)."""
    return [
        link
        for i, link in enumerate(entry.links)
        if link.kind != "image" and not (i == 0 and entry.layout == "link")
    ]


def _layout_shape(layout: str | None) -> str | None:
    """ "T|A|DV|L" -> "TADVL"; None for an item or row layout."""
    if not layout or not re.fullmatch(r"[TADVLX?|]+", layout):
        return None
    letters = [c for c in layout if c in NAMES]
    return "".join(c for i, c in enumerate(letters) if i == 0 or letters[i - 1] != c)


def _majority(shapes: list[str]) -> str | None:
    if not shapes:
        return None
    best, n = Counter(shapes).most_common(1)[0]
    return best if n * 2 > len(shapes) else None


def _in_order(kinds: str, house: str) -> bool:
    """Whether each kind comes no earlier in the house's order than the one before it."""
    return all(house.index(a) <= house.index(b) for a, b in pairwise(kinds))


def _describe(house: str) -> str:
    return ", ".join(NAMES[k] for k in house)


class EntryShape(Rule):
    code = "AL101"
    name = "entry-shape"
    summary = (
        "An entry lacks a part of the house format (title, authors, date, venue, links), "
        "orders them otherwise, or carries stray text."
    )
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        families: dict[str, list[PaperEntry]] = {}
        for entry in doc.entries:
            families.setdefault(entry.family, []).append(entry)
        # Read once: the family's vote, the groups' votes and each entry's check all use them.
        shapes = {id(entry): entry_shape(entry) for entry in doc.entries}
        for family, entries in families.items():
            house = _majority([shapes[id(e)] for e in entries])
            if family == ctx.style.entry_family:
                house = _layout_shape(ctx.style.entry_layout) or house
            if house is None:
                continue
            with_extras = sum(bool(e.extras) for e in entries)
            extras_ok = with_extras >= max(3, OPTIONAL_SHARE * len(entries))
            groups = _Groups(doc, family, shapes)
            ordered = _in_order(house, house)
            for entry in entries:
                if ordered and not entry.extras and shapes[id(entry)] == house:
                    continue  # the house's parts in the house's order, nothing else: no finding
                required = groups.required(entry, house)
                if entry.layout == "link":
                    required = required.replace("L", "")  # the title is the link
                found = parts(entry)  # only for the few entries not in the house shape
                yield from self._check(doc, ctx, entry, found, house, required, extras_ok)

    def _check(
        self,
        doc: Document,
        ctx: RuleContext,
        entry: PaperEntry,
        entry_parts: list[Part],
        house: str,
        required: str,
        extras_ok: bool,
    ) -> Iterator[Diagnostic]:
        # Broken links (AL105's) excuse stray text and missing links: look only when needed.
        linkless = not any(link.kind != "image" for link in entry.links)
        needed = entry.extras or linkless
        problems = link_problems(doc, ctx.facts.of(entry), ctx.style.of(entry)) if needed else []
        broken = [p.extent for p in problems]
        found = _found_parts(entry, entry_parts, broken, extras_ok)
        kinds = "".join(p.kind for p in found)
        reported: set[int] = set()
        for i, kind in enumerate(house):
            if kind not in required or kind in kinds or (kind == "L" and broken):
                continue
            before = set(house[:i])
            slot = next(
                (
                    p
                    for j, p in enumerate(found)
                    if p.kind == "X"
                    and p.start not in reported
                    and set(kinds[:j].replace("X", "")) <= before
                ),
                None,
            )
            if slot is not None:
                reported.add(slot.start)
                yield self.diagnostic(
                    doc,
                    doc.span(slot.start, slot.end),
                    f'text "{_short(slot.text)}" stands where the list puts the {NAMES[kind]} '
                    f"({_describe(house)})",
                )
                continue
            if kind == "A" and _ITALIC.search(doc.text, found[0].end, entry.span.end):
                continue  # italic authors the parser did not take (wrapped over lines)
            anchor = next((p for p in reversed(found) if p.kind in before), found[0])
            where = f" after the {NAMES[anchor.kind]}" if anchor.kind in before else ""
            yield self.diagnostic(
                doc,
                doc.span(anchor.start, anchor.end),
                f"no {NAMES[kind]}{where}; the list's entries read: {_describe(house)}",
            )
        for p in found:
            if p.kind == "X" and p.start not in reported:
                yield self.diagnostic(
                    doc,
                    doc.span(p.start, p.end),
                    f'stray text "{_short(p.text)}" is no part of the list\'s entries '
                    f"({_describe(house)})",
                )
        order = [k for k in kinds if k in house]
        for a, b in pairwise(order):
            if not _in_order(a + b, house):
                part = next(p for p in found if p.kind == b)
                yield self.diagnostic(
                    doc,
                    doc.span(part.start, part.end),
                    f"the {NAMES[b]} comes after the {NAMES[a]}; the list's entries read: "
                    f"{_describe(house)}",
                )
                break


class _Groups:
    """The entries an entry is compared with: its section's, or its parent section's when the
    section holds fewer than three (resource sections often have their own shape)."""

    def __init__(self, doc: Document, family: str, shapes: dict[int, str]) -> None:
        self.doc = doc
        self.family = family
        self.shapes = shapes  # id(entry) -> its shape
        self.cache: dict[int, list[PaperEntry]] = {}
        self.required_parts: dict[tuple[int | None, str], str] = {}

    def members(self, index: int) -> list[PaperEntry]:
        if index not in self.cache:
            section = self.doc.sections[index]
            found = [e for e in section.entries if e.family == self.family]
            for child in section.children:
                found += self.members(child)
            self.cache[index] = found
        return self.cache[index]

    def required(self, entry: PaperEntry, house: str) -> str:
        """The parts most entries of the entry's group have (computed once per group)."""
        key = (entry.section, house)
        if key not in self.required_parts:
            self.required_parts[key] = self._required(entry.section, house)
        return self.required_parts[key]

    def _required(self, index: int | None, house: str) -> str:
        while index is not None:
            group = self.members(index)
            if len(group) >= MIN_GROUP:
                shapes = [self.shapes[id(e)] for e in group]
                return "".join(k for k in house if sum(k in s for s in shapes) * 2 > len(group))
            index = self.doc.sections[index].parent
        return house


def _found_parts(
    entry: PaperEntry, entry_parts: list[Part], broken: list[tuple[int, int]], extras_ok: bool
) -> list[Part]:
    """The entry's parts, without what is not the entry's shape's business."""
    found = []
    for part in entry_parts:
        if part.kind == "X":
            if extras_ok or any(a < part.end and part.start < b for a, b in broken):
                continue  # an optional house part, or the debris of a broken link (AL105)
            if _wrapped_title(entry, part):
                continue
            if entry.date is None and read_date(part.text.rstrip(_STRAY)):
                part = part._replace(kind="D")  # a date with stray characters: AL201's
            text = part.text.strip()
            if entry.authors is None and len(text) > 2 and text[0] in "*_" and text[-1] == text[0]:
                # Italic authors the parser did not take, after a title wrapped over two lines
                part = part._replace(kind="A")
        found.append(part)
    return found


def _wrapped_title(entry: PaperEntry, part: Part) -> bool:
    """The rest of a title hard-wrapped onto the next source line (GitHub joins the lines)."""
    if entry.title is None or len(entry.lines) < 2:
        return False
    first, second = entry.lines[0], entry.lines[1]
    return (
        break_kind(first.break_token) == "none"
        and first.span.start <= entry.title.span.start < first.span.end
        and part.start == second.span.start
    )


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
