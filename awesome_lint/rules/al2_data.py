"""The house date of the AL2xx rules: a month and a sample date written as the house writes them."""

from __future__ import annotations

from dataclasses import replace

from ..dates import ABBREVIATIONS, MONTHS
from ..style import AP_FULL, HouseStyle


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
