"""The house style of a list, inferred from the majority of its own entries.

A list is its own style guide: rules report the entries that deviate from what most entries do,
so no list's habits are hard-coded. Configuration can pin any field (``dataclasses.replace``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from .dates import DateParts, read_date
from .entries import break_kind
from .model import Document, Link, PaperEntry
from .urls import arxiv_link

NEWEST_FIRST = "newest-first"
OLDEST_FIRST = "oldest-first"


@dataclass(frozen=True)
class HouseStyle:
    entry_family: str | None = None  # block | item | row
    entry_layout: str | None = None  # e.g. "T|A|DV|L"
    break_token: str | None = None  # the exact token most lines end with, e.g. " \\"
    break_kind: str | None = None  # backslash | br | spaces
    date_layout: str | None = None  # dmy | my | iso | ym | y
    date_ordinal: bool = True  # days carry a suffix: "25th"
    date_zero_pad: bool = False  # "06 Jun 2022"
    month_style: str | None = None  # abbr-dot ("Jul.") | abbr ("Jul") | full ("July")
    may_dot: bool = False  # "May." rather than "May" (the abbreviation of May is May)
    month_separator: str | None = None  # what stands between month and year: ", " or " "
    sort_direction: dict[int, str] = field(default_factory=dict)  # section index -> direction
    link_labels: dict[str, str] = field(default_factory=dict)  # lower-case -> house spelling
    label_counts: dict[str, int] = field(default_factory=dict)  # house spelling -> uses
    arxiv_shape: str | None = None  # abs | pdf
    link_brackets: bool | None = None  # links written "[[Label](url)]" rather than "[Label](url)"
    link_separator: str | None = None  # what stands between two links of a line: " ", " | "
    arxiv_version: bool = False  # arXiv links carry a version suffix: "2111.08005v2"


def _majority(values: Iterable, default=None):
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else default


def entry_dates(entries: Iterable[PaperEntry]) -> Iterable[tuple[PaperEntry, DateParts]]:
    for entry in entries:
        if entry.date is not None:
            parts = read_date(entry.date.text)
            if parts is not None:
                yield entry, parts


def month_style_of(parts: DateParts) -> str | None:
    if (
        parts.month is None
        or parts.layout not in ("dmy", "my")
        or parts.month_text.lower() == "may"
    ):
        return None
    if len(parts.month_text) > 4 or parts.month_text.lower() == "june":
        return "full"
    return "abbr-dot" if parts.month_punct.startswith(".") else "abbr"


def infer_style(doc: Document) -> HouseStyle:
    entries = doc.entries
    family = _majority(e.family for e in entries)
    layout = _majority(e.layout for e in entries if e.family == family)
    tokens = [
        line.break_token
        for e in entries
        if e.family == "block"
        for line in e.lines
        if not line.last and break_kind(line.break_token) in ("backslash", "br", "spaces")
    ]
    token = _majority(tokens)
    dated = list(entry_dates(entries))
    parts = [p for _, p in dated]
    with_day = [p for p in parts if p.day is not None and p.layout == "dmy"]
    return HouseStyle(
        entry_family=family,
        entry_layout=layout,
        break_token=token,
        break_kind=break_kind(token) if token is not None else None,
        date_layout=_majority(p.layout for p in parts),
        date_ordinal=sum(bool(p.suffix) for p in with_day) * 2 >= len(with_day),
        date_zero_pad=sum(len(p.day_text) == 2 and p.day_text[0] == "0" for p in with_day) * 2
        > sum(p.day is not None and p.day < 10 for p in with_day),
        month_style=_majority(month_style_of(p) for p in parts),
        may_dot=_majority(
            (p.month_punct.startswith(".") for p in parts if p.month_text.lower() == "may"),
            False,
        ),
        month_separator=_majority(_separator(p) for p in parts if p.year is not None),
        sort_direction=_sort_directions(doc),
        **_labels(entries),
        arxiv_shape=_majority(_arxiv_shape(link.url) for e in entries for link in e.links),
        **_link_shape(doc),
        arxiv_version=_majority(
            (bool(a.version) for e in entries for ln in e.links if (a := arxiv_link(ln.url))),
            False,
        ),
    )


def _separator(parts: DateParts) -> str | None:
    if parts.layout not in ("dmy", "my"):
        return None
    return parts.month_punct.lstrip(".") or None


def _sort_directions(doc: Document) -> dict[int, str]:
    directions: dict[int, str] = {}
    for section in doc.sections:
        values = [p.value for _, p in entry_dates(section.entries) if p.value is not None]
        newer = sum(b > a for a, b in pairwise(values))
        older = sum(b < a for a, b in pairwise(values))
        if newer + older:
            directions[section.index] = OLDEST_FIRST if newer > older else NEWEST_FIRST
    return directions


def _labels(entries: Iterable[PaperEntry]) -> dict[str, dict]:
    counts = Counter(
        link.label.strip()
        for e in entries
        for i, link in enumerate(e.links)
        if link.label.strip() and not (e.layout == "link" and i == 0)  # skip link titles
    )
    spellings: dict[str, str] = {}
    for label, _ in counts.most_common():
        spellings.setdefault(label.lower(), label)
    return {"link_labels": spellings, "label_counts": dict(counts)}


_ARXIV = re.compile(r"arxiv\.org/(abs|pdf)/", re.I)


def _arxiv_shape(url: str) -> str | None:
    m = _ARXIV.search(url)
    return m.group(1).lower() if m else None


def label_links(entry: PaperEntry) -> list[Link]:
    """An entry's labelled Markdown links, without a link that is the entry's title."""
    return [
        link
        for i, link in enumerate(entry.links)
        if link.kind == "markdown"
        and link.label_span is not None
        and not (i == 0 and entry.layout == "link")
    ]


def link_extent(text: str, link: Link) -> tuple[int, int, bool, bool]:
    """The link with its wrapping brackets, if any: (start, end, opened, closed)."""
    start, end = link.span.start, link.span.end
    opened = start > 0 and text[start - 1] == "["
    closed = text[end : end + 1] == "]"
    return start - opened, end + closed, opened, closed


def _link_shape(doc: Document) -> dict[str, object]:
    text = doc.text
    wrapped: list[bool] = []
    gaps: list[str] = []
    for entry in doc.entries:
        previous = None
        for link in label_links(entry):
            start, end, opened, closed = link_extent(text, link)
            wrapped.append(opened and closed)
            if previous is not None and "\n" not in text[previous:start]:
                gaps.append(text[previous:start])
            previous = end
    return {
        "link_brackets": _majority(wrapped),
        "link_separator": _majority(
            gap for gap in gaps if gap and len(gap) <= 5 and not gap.strip(" |·,;/")
        ),
    }


# The house-style fields a configuration may pin ([style] keys, kebab-case), with the values
# each accepts: a tuple of choices, or a type.
PINNABLE: dict[str, tuple[object, ...] | type] = {
    "entry-family": ("block", "item", "row"),
    "entry-layout": str,
    "break-token": str,
    "date-layout": ("dmy", "my", "iso", "ym", "y"),
    "date-ordinal": bool,
    "date-zero-pad": bool,
    "month-style": ("abbr-dot", "abbr", "full"),
    "may-dot": bool,
    "month-separator": str,
    "sort-direction": (NEWEST_FIRST, OLDEST_FIRST),
    "link-labels": list,
    "arxiv-shape": ("abs", "pdf"),
    "link-brackets": bool,
    "link-separator": str,
    "arxiv-version": bool,
}


def pin_style(style: HouseStyle, pins: dict[str, object], doc: Document) -> HouseStyle:
    """The inferred style with the configured fields (snake_case keys) put over it.

    A pinned sort direction applies to every section; pinned link labels are the house
    spellings of those labels (the rest of the list's labels keep theirs); a pinned break token
    also sets its kind.
    """
    from dataclasses import replace

    values = dict(pins)
    if "sort_direction" in values:
        values["sort_direction"] = {s.index: values["sort_direction"] for s in doc.sections}
    if "link_labels" in values:
        labels = [str(label) for label in values["link_labels"]]  # type: ignore[attr-defined]
        values["link_labels"] = {**style.link_labels, **{x.lower(): x for x in labels}}
    if "break_token" in values:
        values["break_kind"] = break_kind(str(values["break_token"]))
    return replace(style, **values)
