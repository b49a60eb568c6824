"""Shared data and readers of the AL2xx rules (dates and venues): venues, the house date.

Kept as data so that the lists can grow without touching the rules that read them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import NamedTuple

from ..dates import ABBREVIATIONS, MONTHS
from ..style import AP_FULL, HouseStyle

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


def house_month(number: int, style: HouseStyle) -> str:
    """A month as the house writes it, with its period when it takes one: "Jul.", "May", "July"."""
    if style.month_style == "full" or (style.month_style == "ap" and number in AP_FULL):
        return MONTHS[number - 1].capitalize()
    word = ABBREVIATIONS[number - 1]
    if style.month_style == "ap":  # Jan., Feb., Aug., Sept., Oct., Nov., Dec.
        return "Sept." if number == 9 else word + "."
    if style.month_style == "abbr-dot" and (word != "May" or style.may_dot):
        return word + "."
    return word


def house_date_example(style: HouseStyle) -> str | None:
    """A sample date in the house layout: "25th Jul., 2022", "25 Jul 2022", "2022-07-25" …
    (parts without a clear convention shown as most of the group writes them)."""
    sep = style.month_separator or " "
    month_vote = style.votes.get("month_style")
    if style.month_style is None and month_vote is not None and month_vote.leader:
        style = replace(style, month_style=month_vote.leader)
    month = house_month(7, style)
    day = "25th" if style.date_ordinal else "25"
    return {
        "dmy": f"{day} {month}{sep}2022",
        "my": f"{month}{sep}2022",
        "iso": "2022-07-25",
        "ym": "2022/07",
        "y": "2022",
    }.get(style.date_layout or "")
