"""``--show-style``: per group of entries, its layout and every house-style vote with the
evidence ("date layout dmy (`25th Jul., 2022`): 212 of 230 dates"), so a maintainer sees why a
finding names the house style, and what to pin under ``[style]``."""

from __future__ import annotations

from typing import Any

from .model import Document
from .style import QUESTIONS, HouseStyle

# How --show-style names each vote, and how it shows a value.
_QUESTION_NAMES = {
    "break_tokens": "line breaks",
    "date_layout": "date layout",
    "date_ordinal": "ordinal days (25th)",
    "date_zero_pad": "zero-padded days (06)",
    "month_style": "month style",
    "may_dot": "May written May.",
    "month_separator": "between month and year",
    "link_brackets": "links in brackets [[Label](url)]",
    "link_separator": "between links",
    "arxiv_shape": "arXiv links",
    "arxiv_version": "arXiv version pins (v2)",
    "venue_layout": "venue layout",
    "title_period": "titles end with a period",
    "arxiv_dates": "dates give the arXiv month",
    "date_decoration": "dates of items set off as",
    "date_key": "dates labelled",
    "label_lower_case": "link labels in lower case",
    "authors_separator": "between authors",
    "authors_final_kind": "before the last author",
    "sort_direction": "date order of the section",
}
_EXAMPLES = {
    "date_layout": {
        "dmy": "25th Jul., 2022` or `25 Jul 2022",
        "my": "Jul. 2022` or `Jul 2022",
        "iso": "2022-07-25",
        "ym": "2022/07",
        "y": "2022",
    },
    "venue_layout": {"comma": "CVPR, 2023", "space": "CVPR 2023", "br": "CVPR<br />2023"},
    "authors_final_kind": {"comma": "A, B, C", "and": "A, B and C", "amp": "A, B & C"},
}

# The unit of the judgements that are not per-entry questions.
_UNITS = {"sort_direction": "dated entries in order"}


def _shown(name: str, value: Any) -> str:
    if isinstance(value, frozenset):
        return " and ".join(f"`{v}`" for v in sorted(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    example = _EXAMPLES.get(name, {}).get(value)
    return f"{value} (`{example}`)" if example else f"`{value}`"


def describe_votes(style: HouseStyle) -> list[str]:
    """One line per question the group voted on: the convention and its evidence, or the
    leading answer when no convention is clear."""
    lines = []
    for name, label in _QUESTION_NAMES.items():
        found = style.votes.get(name)
        if found is None or (found.total == 0 and found.scope != "pinned"):
            continue
        unit = QUESTIONS[name][1] if name in QUESTIONS else _UNITS[name]
        if found.value is not None:
            lines.append(f"{label}: {_shown(name, found.value)}: {found.evidence(unit)}")
        else:
            lines.append(
                f"{label}: no clear convention (at most {_shown(name, found.leader)}: "
                f"{found.evidence(unit)})"
            )
    return lines


def describe_labels(style: HouseStyle, shown: int = 8) -> list[str]:
    """The spelling of the group's most used link labels, each with its evidence."""
    pinned = style.votes.get("link_labels")
    if pinned is not None and pinned.scope == "pinned":
        return [f"link labels: {_shown('link_labels', frozenset(pinned.value))}: pinned in [style]"]
    votes = sorted(style.label_votes.items(), key=lambda item: -item[1].total)
    spelled = [
        f"`{style.link_labels[key]}` ({v.evidence('uses')})"
        if key in style.link_labels  # a clear spelling, or the only one
        else f"no clear spelling (at most `{v.leader}`: {v.evidence('uses')})"
        for key, v in votes[:shown]
    ]
    more = f", and {len(votes) - shown} more" if len(votes) > shown else ""
    return [f"link labels: {', '.join(spelled)}{more}"] if spelled else []


def describe_style(doc: Document, style: HouseStyle) -> str:
    """What ``--show-style`` prints for one document: per group, its layout and every vote."""
    out = [f"{doc.path}: {len(doc.entries)} entries in {len(doc.groups)} groups"]
    for group, group_style in zip(doc.groups, style.groups, strict=False):
        where = doc.sections[group.section].text if group.section is not None else "(top)"
        layout = group_style.votes.get("entry_layout")
        shape = f", layout `{layout.leader}`" if layout is not None and layout.leader else ""
        out.append(
            f"group {group.index + 1}: lines {group.span.line}-{group.span.end_line}, "
            f'"{where.strip()}", {len(group.entries)} {group.family} entries{shape}'
        )
        lines = describe_votes(group_style) + describe_labels(group_style)
        out.extend(f"  {line}" for line in lines)
    return "\n".join(out) + "\n"
