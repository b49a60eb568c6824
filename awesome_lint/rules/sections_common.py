"""Shared helpers of the AL4xx rules: the title, conventional headings, TOC resolution."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

from ..model import Document, Section, TocItem
from ..slug import plain_heading_text

# Headings that lists conventionally keep out of their table of contents and out of any order.
CONVENTIONAL_HEADINGS: frozenset[str] = frozenset(
    {
        "contents",
        "table of contents",
        "toc",
        "license",
        "licence",
        "contributing",
        "contribute",
        "contribution",
        "contributions",
        "how to contribute",
        "citation",
        "citations",
        "cite",
        "citing",
        "how to cite",
        "acknowledgements",
        "acknowledgments",
        "acknowledgement",
        "acknowledgment",
        "star history",
        "stargazers over time",
    }
)

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\w\s]+")


def clean(text: str) -> str:
    """Text as shown, with runs of whitespace folded to one space and the ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """A loose key for comparing headings: case, punctuation and spacing ignored."""
    return clean(_WORDS.sub(" ", text)).casefold()


def item_text(item: TocItem) -> str:
    """The TOC label as GitHub shows it (inline Markdown removed)."""
    return clean(plain_heading_text(item.text))


def title_heading(doc: Document) -> Section | None:
    """The list's title: the document's first heading, when it is of level 1."""
    if doc.sections and doc.sections[0].level == 1:
        return doc.sections[0]
    return None


def title_section(doc: Document) -> int | None:
    """The document's title: a first heading that is the only one of the top level used."""
    if not doc.sections:
        return None
    first = doc.sections[0]
    top = min(s.level for s in doc.sections)
    if first.level == top and sum(s.level == top for s in doc.sections) == 1:
        return first.index
    return None


def is_conventional(doc: Document, section: Section) -> bool:
    """The title, the TOC's own heading, License, Contributing, Citation and the like."""
    if section.index == title_section(doc):
        return True
    if doc.toc is not None and doc.toc.heading == section.index:
        return True
    return fold(section.text) in CONVENTIONAL_HEADINGS


def is_link_heading(section: Section) -> bool:
    """A heading that is itself a link (``#### [How to submit a pull request?](…)``)."""
    title = section.title.strip()
    return title.startswith("[") and title.endswith(")")


def anchor_key(anchor: str) -> str:
    return unquote(anchor).casefold()


def slug_index(doc: Document) -> dict[str, Section]:
    """Sections by their anchor (GitHub matches fragments without regard to case)."""
    found: dict[str, Section] = {}
    for section in doc.sections:
        found.setdefault(anchor_key(section.slug), section)
    return found


# <a name="x"> or <a id="x">, and the heading it marks: inside the heading's line, or alone on
# the lines just above it.
_HTML_ANCHOR = re.compile(r"<a\s[^>]*?\b(?:name|id)\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_EMPTY_ANCHOR = re.compile(r"[^>]*>\s*</a>", re.I)
_ANCHOR_LINE = re.compile(r"(?:<a\s[^>]*>\s*</a>\s*)+", re.I)


def html_anchor_sections(doc: Document) -> dict[str, tuple[Section, bool]]:
    """Sections by the HTML anchors that mark them (``<a name="x"></a>`` above a heading,
    ``## <a id="x">Title</a>``), keyed like :func:`slug_index`, each with whether the anchor
    wraps the heading's text (a TOC label then names that text)."""
    found: dict[str, tuple[Section, bool]] = {}
    for section in doc.sections:
        start = section.span.start
        above = start
        while above > 0:  # the lines right above the heading holding only anchors
            line_start = doc.text.rfind("\n", 0, above - 1) + 1
            line = doc.text[line_start : above - 1].strip()
            if not _ANCHOR_LINE.fullmatch(line):
                break
            above = line_start
        for m in _HTML_ANCHOR.finditer(doc.text, above, section.span.end):
            wraps = section.span.start <= m.start() and not _EMPTY_ANCHOR.match(doc.text, m.end())
            found.setdefault(anchor_key(m.group(1)), (section, wraps))
    return found


def resolve(anchor: str, slugs: dict[str, Section]) -> Section | None:
    return slugs.get(anchor_key(anchor))


def known_anchors(doc: Document) -> frozenset[str]:
    """Every target an in-page link may use: heading slugs, HTML ids and names, "top"."""
    return frozenset(anchor_key(anchor) for anchor in doc.anchors)


def longest_increasing(keys: Sequence[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence of ``keys``.

    Among several, the one keeping the earliest positions: what is left out is what moved.
    """
    n = len(keys)
    best = [1] * n  # length of the longest increasing run starting at i
    nxt = [-1] * n
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            if keys[j] > keys[i] and best[j] + 1 > best[i]:
                best[i], nxt[i] = best[j] + 1, j
    if not n:
        return set()
    start = max(range(n), key=lambda i: (best[i], -i))
    kept = set()
    while start >= 0:
        kept.add(start)
        start = nxt[start]
    return kept
