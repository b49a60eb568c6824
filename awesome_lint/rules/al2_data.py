"""Shared data and readers of the AL2xx rules (dates and venues): arXiv ids, venues, the house date.

Kept as data so that the lists can grow without touching the rules that read them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from .. import urls
from ..dates import ABBREVIATIONS, MONTHS
from ..model import Link, PaperEntry
from ..style import HouseStyle

# Venue names whose spelling is fixed by the venue itself: lower-case form -> the right spelling.
KNOWN_VENUES: dict[str, str] = {
    name.lower(): name
    for name in (
        "AAAI",
        "ACL",
        "arXiv",
        "bioRxiv",
        "BMVC",
        "ChemRxiv",
        "CoRR",
        "CVPR",
        "ECCV",
        "EMNLP",
        "ICASSP",
        "ICCV",
        "ICLR",
        "ICML",
        "IJCAI",
        "ISBI",
        "KDD",
        "medRxiv",
        "MICCAI",
        "MIDL",
        "NAACL",
        "NeurIPS",
        "SIGGRAPH",
        "TPAMI",
        "WACV",
    )
}
# Old or wrong names of a known venue: lower-case form -> the right spelling.
VENUE_ALIASES: dict[str, str] = {"nips": "NeurIPS"}

# Venue names that mean "a preprint server": their year is the arXiv identifier's year.
ARXIV_VENUES = frozenset({"arxiv", "corr"})


class ArxivId(NamedTuple):
    text: str  # "2206.13295" or "hep-th/9901001"
    year: int
    month: int
    new_style: bool


def arxiv_id(url: str) -> ArxivId | None:
    """The identifier of an arXiv abs/pdf URL (new ``YYMM.NNNNN`` or old ``archive/YYMMNNN``),
    with the year and month it encodes."""
    text = urls.arxiv_id(url)
    if text is None:
        return None
    new_style = "/" not in text
    digits = text if new_style else text.rsplit("/", 1)[1]
    yy, month = int(digits[:2]), int(digits[2:4])
    if not 1 <= month <= 12:
        return None
    year = 2000 + yy if new_style or yy < 91 else 1900 + yy
    return ArxivId(text, year, month, new_style)


def entry_arxiv(links: Iterable[Link]) -> ArxivId | None:
    """The first arXiv identifier among an entry's links (lists put the paper's own first)."""
    for link in links:
        found = arxiv_id(link.url)
        if found is not None:
            return found
    return None


class Venue(NamedTuple):
    layout: str | None  # "comma" ("MICCAI, 2022"), "space" ("CVPR 2023 (Oral)") or None
    name: str  # the part before the year (the whole text when there is no year)
    year_text: str  # "2022", "20223", "" when absent
    year_start: int  # offset of the year in the venue text, -1 when absent


_COMMA = re.compile(r"(?P<name>\S(?:.*\S)?), (?P<year>\d{4})")
_SPACE = re.compile(r"(?P<name>\S(?:.*\S)?) (?P<year>\d{4})(?:[ ,].*)?")
_ANY_YEAR = re.compile(r"(?<![\d.])\d{3,6}(?![\d.])")


_BREAK = re.compile(r"[ \t]*<\s*/?\s*br\s*/?\s*>[ \t]*", re.I)


def read_venue(text: str) -> Venue:
    m = _BREAK.search(text)
    if m:  # "arXiv<br />2023" (a table cell): the venue and its year on two rendered lines
        venue = read_venue(text[: m.start()] + " " + text[m.end() :])
        if venue.year_start > m.start():
            venue = venue._replace(year_start=venue.year_start + len(m.group()) - 1)
        return venue
    for layout, pattern in (("comma", _COMMA), ("space", _SPACE)):
        m = pattern.fullmatch(text)
        if m:
            return Venue(layout, m.group("name"), m.group("year"), m.start("year"))
    years = list(_ANY_YEAR.finditer(text))
    if years:
        m = years[-1]
        return Venue(None, text[: m.start()].rstrip(" ,"), m.group(), m.start())
    return Venue(None, text, "", -1)


def house_venue_layout(entries: Iterable[PaperEntry]) -> str | None:
    """The layout most of the list's venues are written in (None when too few say)."""
    counts = Counter(read_venue(e.venue.text).layout for e in entries if e.venue is not None)
    counts.pop(None, None)
    if sum(counts.values()) < 3:
        return None
    return counts.most_common(1)[0][0]


VENUE_EXAMPLES = {"comma": "Venue, YYYY", "space": "Venue YYYY"}


def house_month(number: int, style: HouseStyle) -> str:
    """A month as the house writes it, with its period when it takes one: "Jul.", "May", "July"."""
    if style.month_style == "full":
        return MONTHS[number - 1].capitalize()
    word = ABBREVIATIONS[number - 1]
    if style.month_style == "abbr-dot" and (word != "May" or style.may_dot):
        return word + "."
    return word


def house_date_example(style: HouseStyle) -> str | None:
    """A sample date in the house layout: "25th Jul., 2022", "25 Jul 2022", "2022-07-25" …"""
    sep = style.month_separator or " "
    month = house_month(7, style)
    day = "25th" if style.date_ordinal else "25"
    return {
        "dmy": f"{day} {month}{sep}2022",
        "my": f"{month}{sep}2022",
        "iso": "2022-07-25",
        "ym": "2022/07",
        "y": "2022",
    }.get(style.date_layout or "")
