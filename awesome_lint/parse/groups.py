"""Groups: entries that sit together (one list, one table, one run of paragraphs under a
heading) are the unit of house style. Units that look like papers but yield no entry are kept
per group, so that a list is never passed in silence."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Group, LineIndex, PaperEntry, Span, Unread

GroupKey = tuple[int, str, int | None]  # (run of blocks, family, section)


def bare_link(entry: PaperEntry) -> bool:
    """``- [Name](url)`` and nothing more: no authors, date or venue."""
    return entry.layout == "link" and not (entry.authors or entry.date or entry.venue)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
MAJORITY = 0.6  # the share of a group's entries whose reading the others follow


def read_minority(entries: list[PaperEntry]) -> list[PaperEntry]:
    """A group's majority reads its minority: where most entries have authors (or a venue), an
    entry without them takes the stray text that has their shape (names in a list; a year)."""
    if len(entries) < 3 or entries[0].family == "block":
        return entries  # (a block's plain authors line is a shape AL101 reports: kept as read)
    authors = sum(e.authors is not None for e in entries) >= MAJORITY * len(entries)
    venues = sum(e.venue is not None for e in entries) >= MAJORITY * len(entries)
    return [_follow(entry, authors, venues) for entry in entries]


def _follow(entry: PaperEntry, authors: bool, venues: bool) -> PaperEntry:
    if authors and entry.authors is None:
        names = next((x for x in entry.extras if _names_shape(x.text)), None)
        if names is not None:
            extras = tuple(x for x in entry.extras if x is not names)
            entry = replace(entry, authors=names, extras=extras)
    if venues and entry.venue is None:
        venue = next((x for x in entry.extras if _YEAR.search(x.text)), None)
        if venue is not None:
            extras = tuple(x for x in entry.extras if x is not venue)
            entry = replace(entry, venue=venue, extras=extras)
    return entry


def _names_shape(text: str) -> bool:
    """A list of names however written: commas or "and", no digits, no link."""
    several = "," in text or " and " in text or "et al" in text
    return several and len(text) < 500 and not any(ch.isdigit() or ch in "[]()" for ch in text)


def _in_group(entry: PaperEntry, group: int) -> PaperEntry:
    """The entry, its group set. Set in place: the builder's entries are its own until the
    document is returned (building each entry again, as ``replace`` does, took 8 µs an entry:
    25 ms on the largest list)."""
    object.__setattr__(entry, "group", group)  # (frozen for the model's users, not for its builder)
    return entry


class GroupBuilder:
    def __init__(self, index: LineIndex) -> None:
        self.index = index
        self.entries: list[PaperEntry] = []
        self.keys: list[GroupKey] = []
        self.unread: dict[tuple[int, int | None], list[tuple[str, Span]]] = {}

    def add(self, entry: PaperEntry, run: int) -> None:
        self.entries.append(entry)
        self.keys.append((run, entry.family, entry.section))

    def add_unread(self, family: str, start: int, end: int, run: int, section: int | None) -> None:
        self.unread.setdefault((run, section), []).append((family, self.index.span(start, end)))

    def snapshot(self) -> tuple[int, int]:
        """How much has been recorded: to drop what a nested reading added (see ``restore``)."""
        return len(self.entries), sum(map(len, self.unread.values()))

    def restore(self, snapshot: tuple[int, int]) -> None:
        entries, unread = snapshot
        del self.entries[entries:], self.keys[entries:]
        for key in reversed(list(self.unread)):
            units = self.unread[key]
            excess = sum(map(len, self.unread.values())) - unread
            if excess <= 0:
                break
            del units[max(0, len(units) - excess) :]
            if not units:
                del self.unread[key]

    def drop_outvoted(self, since: int, other_links: int) -> None:
        """In a list whose items are mostly links to things that are no papers (models, tools),
        an entry that is nothing but a link to a paper is one of them: the majority reads it."""
        added = self.entries[since:]
        if other_links <= len(added):
            return
        kept = [i for i, entry in enumerate(added, since) if not bare_link(entry)]
        self.entries[since:] = [self.entries[i] for i in kept]
        self.keys[since:] = [self.keys[i] for i in kept]

    def finish(self) -> tuple[tuple[Group, ...], list[PaperEntry], tuple[Unread, ...]]:
        """The groups, the entries with their group's index, and the unread units per group."""
        groups: list[Group] = []
        members: list[int] = []
        entries: list[PaperEntry] = []
        for i, (entry, key) in enumerate(zip(self.entries, self.keys, strict=True)):
            if members and key != self.keys[members[0]]:
                groups.append(self._group(len(groups), members))
                entries[members[0] :] = read_minority(entries[members[0] :])
                members = []
            members.append(i)
            entries.append(_in_group(entry, len(groups)))
        if members:
            groups.append(self._group(len(groups), members))
            entries[members[0] :] = read_minority(entries[members[0] :])
        return tuple(groups), entries, self._unread()

    def _group(self, index: int, members: list[int]) -> Group:
        first, last = self.entries[members[0]], self.entries[members[-1]]
        return Group(
            index,
            first.family,
            self.index.span(first.span.start, last.span.end),
            first.section,
            tuple(members),
        )

    def _unread(self) -> tuple[Unread, ...]:
        found = []
        for units in self.unread.values():
            family = max({f for f, _ in units}, key=[f for f, _ in units].count)
            first, last = units[0][1], units[-1][1]
            found.append(
                Unread(
                    family,
                    self.index.span(first.start, last.end),
                    tuple(span.line for _, span in units),
                )
            )
        return tuple(sorted(found, key=lambda u: u.span.start))
