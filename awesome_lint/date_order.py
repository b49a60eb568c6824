"""A section's date order: the longest run of its entries already in order, newest or oldest
first. Read by the style module (the order a section shows) and by AL204 (what moved)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .dates import DateParts
from .model import PaperEntry, Section

NEWEST_FIRST = "newest-first"
OLDEST_FIRST = "oldest-first"
SORTED_SHARE = 2 / 3  # a section is sorted when this share of its dated entries is in order

Dated = tuple[PaperEntry, DateParts]


def longest_in_order(keys: list[int]) -> list[int]:
    """Positions of a longest non-decreasing subsequence of ``keys`` (patience sorting). Among
    several, the one keeping the earliest positions: what is left out is what moved."""
    # Read backwards, a non-decreasing run is a non-increasing one; patience sorting keeps the
    # entries read last on a tie, so reading backwards keeps the earliest.
    backwards = [-key for key in reversed(keys)]
    tails: list[int] = []  # the smallest last key of a run of each length
    ends: list[int] = []  # the position of that key
    previous = [-1] * len(keys)
    for i, key in enumerate(backwards):
        at = bisect_right(tails, key)
        if at:
            previous[i] = ends[at - 1]
        if at == len(tails):
            tails.append(key)
            ends.append(i)
        else:
            tails[at], ends[at] = key, i
    run, i = [], ends[-1] if ends else -1
    while i >= 0:
        run.append(len(keys) - 1 - i)
        i = previous[i]
    return run


@dataclass
class SectionOrder:
    """A section's dated entries and the positions that keep each direction's order."""

    section: Section
    dated: list[Dated]
    keys: list[int]  # each entry's date as a number, at the section's coarsest precision
    kept: dict[str, set[int]]  # direction -> positions in order

    @classmethod
    def of(cls, section: Section, dated: list[Dated]) -> SectionOrder:
        keys = date_keys([p for _, p in dated])
        return cls(
            section,
            dated,
            keys,
            {
                OLDEST_FIRST: set(longest_in_order(keys)),
                NEWEST_FIRST: set(longest_in_order([-k for k in keys])),
            },
        )

    def direction(self, tie: str) -> str:
        newest, oldest = len(self.kept[NEWEST_FIRST]), len(self.kept[OLDEST_FIRST])
        if newest == oldest:
            return tie
        return NEWEST_FIRST if newest > oldest else OLDEST_FIRST

    def is_sorted(self, direction: str) -> bool:
        return len(self.kept[direction]) >= SORTED_SHARE * len(self.dated)


def date_keys(dates: list[DateParts]) -> list[int]:
    """Dates as numbers: days, or months when one of them gives no day (``Aug., 2022`` and
    ``15th Aug., 2022`` are then in order either way)."""
    if any(p.day is None for p in dates):
        return [p.year * 12 + p.month for p in dates]  # type: ignore[operator]
    return [p.value.toordinal() for p in dates]  # type: ignore[union-attr]
