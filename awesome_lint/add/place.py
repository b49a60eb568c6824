"""Where a new entry goes: its section, the group it joins, the place the group's date order
calls for, and whether the list has the paper already."""

from __future__ import annotations

import datetime
import re
from itertools import pairwise

from ..dates import read_date
from ..links.titles import normalise_title
from ..model import Document, Group, PaperEntry, Section
from ..urls import paper_key
from .metadata import Paper
from .refs import PaperRef

_BETWEEN_ENTRIES = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])?[ \t]*")
_DEFAULT_GAP = {"block": "\n\n", "item": "\n- ", "row": "\n"}


class PlacementError(Exception):
    """No section or group can take the entry, or the paper is listed already."""


def choose_section(doc: Document, wanted: str | None) -> Section:
    """The section named by its heading text or anchor; without a name, the only one with
    entries."""
    with_entries = [doc.sections[g.section] for g in doc.groups if g.section is not None]
    candidates = list(dict.fromkeys(with_entries))
    if wanted is not None:
        key = wanted.strip().lstrip("#").casefold()
        for section in doc.sections:
            if key in (section.text.strip().casefold(), section.slug):
                return section
        raise PlacementError(f"no section {wanted!r}; sections with entries: {_names(candidates)}")
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise PlacementError("the list has no paper entries to model the new one on")
    raise PlacementError(f"choose a section with --section: {_names(candidates)}")


def _names(sections: list[Section]) -> str:
    return ", ".join(f"{s.text!r} (line {s.span.line})" for s in sections) or "none"


def choose_group(doc: Document, section: Section) -> Group:
    """The section's largest group (its own, else its subsections')."""
    own = [g for g in doc.groups if g.section == section.index]
    if not own:
        inside = _subtree(doc, section)
        own = [g for g in doc.groups if g.section in inside]
    if not own:
        raise PlacementError(f"section {section.text!r} has no entries to model the new one on")
    return max(own, key=lambda g: len(g.entries))


def _subtree(doc: Document, section: Section) -> set[int]:
    found, todo = set(), [section.index]
    while todo:
        index = todo.pop()
        found.add(index)
        todo.extend(doc.sections[index].children)
    return found


def listed_at(doc: Document, ref: PaperRef) -> int | None:
    """The line of the entry that links this paper, else of any other link to it."""
    for entry in doc.entries:
        if any(paper_key(link.url) == ref.key for link in entry.links):
            return entry.span.line
    for link in doc.links:
        if paper_key(link.url) == ref.key:
            return link.span.line
    return None


def already_listed(doc: Document, paper: Paper, title: str) -> int | None:
    """The line where the list has this paper already: by its link, else by its title."""
    line = listed_at(doc, paper.ref)
    if line is not None:
        return line
    wanted = normalise_title(title)
    for entry in doc.entries:
        if entry.title is not None and normalise_title(entry.title.text) == wanted:
            return entry.span.line
    return None


def insertion_point(doc: Document, group: Group, when: datetime.date | None) -> tuple[int, str]:
    """(offset, text around the entry): before the first entry the group's date order puts
    after the new one, else after the group's last entry. The text is ``"{entry}" + gap`` or
    ``gap + "{entry}"``, with the gap the group itself leaves between entries."""
    entries = doc.group_entries(group)
    dated = [(e, _date(e)) for e in entries]
    direction = _direction([d for _, d in dated if d is not None])
    if when is not None and direction is not None:
        for i, (entry, date) in enumerate(dated):
            if date is not None and (date <= when if direction < 0 else date > when):
                return entry.span.start, "{entry}" + _gap(doc, entries, i)
    last = entries[-1]
    return last.span.end, _gap(doc, entries, len(entries) - 1) + "{entry}"


def _date(entry: PaperEntry) -> datetime.date | None:
    parts = read_date(entry.date.text) if entry.date else None
    return parts.value if parts else None


def _direction(dates: list[datetime.date]) -> int | None:
    """-1 newest first, 1 oldest first, None when the group keeps no clear order."""
    newer = sum(b > a for a, b in pairwise(dates))
    older = sum(b < a for a, b in pairwise(dates))
    if newer + older == 0 or newer == older:
        return None
    return 1 if newer > older else -1


def _gap(doc: Document, entries: list[PaperEntry], index: int) -> str:
    """What stands between this entry and a neighbour in the group (blank lines, a marker)."""
    for a, b in ((index - 1, index), (index, index + 1)):
        if a >= 0 and b < len(entries):
            gap = doc.text[entries[a].span.end : entries[b].span.start]
            if _BETWEEN_ENTRIES.fullmatch(gap) and "\n" in gap:
                return gap
    return _DEFAULT_GAP.get(entries[index].family, "\n\n")
