"""Reading the dates paper lists write, leniently, keeping every part as written.

``read_date("22th May., 2023")`` gives the day, its ordinal suffix, the month as written with its
punctuation, and the year, each with its offset, so that rules can say exactly which part is
wrong (``22th`` should be ``22nd``; ``May.`` has a stray period) and fix just that part.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import NamedTuple

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@functools.lru_cache(maxsize=512)
def month_number(word: str) -> int | None:
    """1 to 12 for a month name, abbreviation or a near-miss spelling (``Octobor``, ``Sept``)."""
    lowered = word.lower().rstrip(".")
    if len(lowered) < 3 or not lowered.isalpha():
        return None
    for number, name in enumerate(MONTHS, 1):
        if name.startswith(lowered):
            return number
    if len(lowered) > 4:  # a near miss of a full name: "Octobor", "Feburary"
        for number, name in enumerate(MONTHS, 1):
            if lowered[:2] == name[:2] and _distance(lowered, name) <= 2:
                return number
    return None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def ordinal_suffix(day: int) -> str:
    if day % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


class DateParts(NamedTuple):
    """A date as written. Offsets are relative to the start of the text that was read."""

    layout: str  # "dmy" (25th Jul., 2022 / 16 Oct 2023), "my" (Jun. 2024), "iso", "ym", "y"
    day: int | None = None
    day_text: str = ""  # "22", "07"
    day_start: int = -1
    suffix: str = ""  # "th" as written ("" when absent)
    suffix_start: int = -1  # where the day ends (and a gap or the suffix starts)
    suffix_end: int = -1  # where the suffix ends (the day's end when there is none)
    month: int | None = None
    month_text: str = ""  # the month word as written, without punctuation: "Jul", "July"
    month_start: int = -1
    month_punct: str = ""  # what follows the month word up to the year: "., " "," " "
    year: int | None = None
    year_text: str = ""
    year_start: int = -1
    between_day_month: str = " "  # what separates day (with suffix) and month: " ", ", "

    @property
    def value(self) -> datetime.date | None:
        """The calendar date, with the first of the month when the day is missing."""
        if self.year is None or self.month is None or not 1000 <= self.year <= 9999:
            return None
        try:
            return datetime.date(self.year, self.month, self.day or 1)
        except ValueError:
            return None

    @property
    def month_key(self) -> tuple[int, int] | None:
        if self.year is None or self.month is None:
            return None
        return self.year, self.month


_WRITTEN = re.compile(
    r"""^\s*
    (?:(?P<day>\d{1,2})(?P<gap>\s?)(?P<suffix>st|nd|rd|th|ST|ND|RD|TH)?(?P<sep>[\s,.]+))?
    (?P<month>[A-Za-z]{3,10})(?P<punct>[\s.,]*)
    (?P<year>\d{3,5})?
    \s*$""",
    re.X,
)
_ISO = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\s*$")
_SLASHED = re.compile(r"^\s*(?P<year>\d{4})/(?P<month>\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(?P<year>\d{4,5})\s*$")


@functools.lru_cache(maxsize=8192)
def read_date(text: str) -> DateParts | None:
    """Read a date written in any layout paper lists use; None when it is no date at all."""
    m = _WRITTEN.match(text)
    if m and month_number(m.group("month")) is not None:
        return _written_parts(m)
    m = _ISO.match(text) or _SLASHED.match(text)
    if m:
        day = m.groupdict().get("day")
        return DateParts(
            layout="iso" if m.re is _ISO else "ym",
            day=int(day) if day else None,
            day_text=day or "",
            day_start=m.start("day") if day else -1,
            month=int(m.group("month")),
            month_text=m.group("month"),
            month_start=m.start("month"),
            year=int(m.group("year")),
            year_text=m.group("year"),
            year_start=m.start("year"),
        )
    m = _YEAR.match(text)
    if m:
        return DateParts(
            layout="y", year=int(m.group("year")), year_text=m.group(1), year_start=m.start(1)
        )
    return None


def _written_parts(m: re.Match[str]) -> DateParts:
    day, year = m.group("day"), m.group("year")
    return DateParts(
        layout="dmy" if day else "my",
        day=int(day) if day else None,
        day_text=day or "",
        day_start=m.start("day") if day else -1,
        suffix=m.group("suffix") or "",
        suffix_start=m.end("day") if day else -1,
        suffix_end=(m.end("suffix") if m.group("suffix") else m.end("day")) if day else -1,
        month=month_number(m.group("month")),
        month_text=m.group("month"),
        month_start=m.start("month"),
        month_punct=m.group("punct"),
        year=int(year) if year else None,
        year_text=year or "",
        year_start=m.start("year") if year else -1,
        between_day_month=m.group("sep") or "",
    )


def looks_like_date(text: str) -> bool:
    return read_date(text) is not None
