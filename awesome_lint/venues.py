"""Venues as lists write them: ``MICCAI, 2022``, ``CVPR 2023 (Oral)``, ``CVPR<br />2024``.

The venue reader of the style module and the date and venue rules; kept as data so that the
layouts can grow without touching its readers.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# Venue names that mean "a preprint server": their year is the arXiv identifier's year.
ARXIV_VENUES = frozenset({"arxiv", "corr"})


class Venue(NamedTuple):
    layout: str | None  # "comma" ("MICCAI, 2022"), "space" ("CVPR 2023 (Oral)"), "br" or None
    name: str  # the part before the year (the whole text when there is no year)
    year_text: str  # "2022", "20223", "" when absent
    year_start: int  # offset of the year in the venue text, -1 when absent


_COMMA = re.compile(r"(?P<name>\S(?:.*\S)?), (?P<year>\d{4})")
_SPACE = re.compile(r"(?P<name>\S(?:.*\S)?) (?P<year>\d{4})(?:[ ,].*)?")
# "CVPR<br />2024": a table cell that breaks the line between venue and year.
_BREAK = re.compile(r"(?P<name>\S(?:.*?\S)?)\s*<br\s*/?>\s*(?P<year>\d{4})", re.I)
_ANY_YEAR = re.compile(r"(?<![\d.])\d{3,6}(?![\d.])")


@functools.lru_cache(maxsize=4096)
def read_venue(text: str) -> Venue:
    """The venue as read (a list repeats its venues: each text is read once)."""
    for layout, pattern in (("br", _BREAK), ("comma", _COMMA), ("space", _SPACE)):
        m = pattern.fullmatch(text)
        if m:
            return Venue(layout, m.group("name"), m.group("year"), m.start("year"))
    years = list(_ANY_YEAR.finditer(text))
    if years:
        m = years[-1]
        return Venue(None, text[: m.start()].rstrip(" ,"), m.group(), m.start())
    return Venue(None, text, "", -1)


VENUE_EXAMPLES = {"comma": "Venue, YYYY", "space": "Venue YYYY", "br": "Venue<br />YYYY"}
