"""The head of an entry written as a run of text (an item's first lines, a citation, a line of a
paragraph), read left to right: prefixes first (a date ``[2023/10]``, a venue ``(CVPR 2023)``,
``2019-CVPR -`` or ``[[ICLR](url)]``, tags, numbers, an alias ``**ABC**:``), then the title: the
first thing that reads as one (bold text, quoted text, a link whose label is no link label, or
plain text up to a sentence of authors, venue or date), with names before it read as authors.
"""

from __future__ import annotations

import re

from ..model import Link
from .entry import Slots
from .fields import (
    citation_number,
    is_date,
    known_venue,
    looks_like_authors,
    looks_like_title,
    name_list,
    split_venue_suffix,
    venue_with_year,
    year_venue_prefix,
)
from .lines import strip

LEADING_SYMBOLS = re.compile(r"(?:[^\w\s*\[_(`<!\\\"\u201c'\u2018]\s*)+")
KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z ]{1,30}):\s*")
MARKER = re.compile(r"(?:[-*+]|\d+[.)])(?:[ \t]+|$)")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+")
HTML_TAG = re.compile(
    r"</?(?:a|span|img|sup|sub|p|div|b|i|em|strong|font|u)\b[^<>\n]{0,300}>", re.I
)
_UNDERLINE = re.compile(r"<u>([^<>\n]{1,60})</u>\s*:\s*", re.I)
_BOLD_ALIAS = re.compile(r"\*\*([^*\n]{1,60})\*\*\s*:\s*(?=\"|“|\*\*)")
ET_AL_REST = re.compile(r"\bet\.?\s*al\b\.?\s+(?=\S)", re.I)
_COMMA = re.compile(r",")


def read_head(slots: Slots, start: int, end: int, links: list[Link]) -> str | None:
    """Read prefixes and the title of ``text[start:end]``; the layout name, or None (no title)."""
    pos = _read_prefixes(slots, start, end, links)
    for _ in range(3):  # plain authors before the title, then the title
        found = _read_title(slots, pos, end, links)
        if found is None:
            return None
        layout, title_end = found
        if layout != "authors":
            slots.taken.append((pos, title_end))
            return layout
        pos = skip(slots.text, title_end, end, " \t\n,.;:")
    return None


def skip(text: str, pos: int, end: int, chars: str = " \t\n") -> int:
    while pos < end and text[pos] in chars:
        pos += 1
    return pos


def _link_at(links: list[Link], pos: int) -> Link | None:
    return next((ln for ln in links if ln.span.start == pos), None)


def _read_prefixes(slots: Slots, start: int, end: int, links: list[Link]) -> int:
    """Skip and read what stands before the title; the offset where the title may start."""
    text = slots.text
    pos = start
    for _ in range(12):
        if pos > start:
            slots.taken.append((start, pos))  # read or skipped: no later field takes it
        pos = skip(text, pos, end)
        m = _UNDERLINE.match(text, pos, end) or _BOLD_ALIAS.match(text, pos, end)
        if m:
            slots.alias = slots.field(m.start(1), m.end(1), "X")
            pos = m.end()
            continue
        taken = next((b for a, b in slots.taken if a <= pos < b), None)
        if taken is not None:
            pos = taken
            continue
        m = (
            HTML_TAG.match(text, pos, end)
            or _CHECKBOX.match(text, pos, end)
            or MARKER.match(text, pos, end)
        )
        if m:
            pos = m.end()
            continue
        m = year_venue_prefix(text, pos, end)
        if m:
            slots.put(m.start(1), m.end(1), "D")
            slots.put(m.start(2), m.end(2), "V")
            pos = m.end()
            continue
        m = _MARKED_PREFIX.match(text, pos, end) or _SEPARATED_PREFIX.match(text, pos, end)
        if m and _short_prefix(m.group(1)):
            _put_prefix(slots, m.start(1), m.end(1))  # **CVPR 2023** Title, 2023 | Title
            pos = m.end()
            continue
        after = _prefix_group(slots, pos, end, links)
        if after is None:
            return pos
        pos = after
    return pos


# A venue or date written before the title in bold or code, or before a separator.
_MARKED_PREFIX = re.compile(r"(?:\*\*|`)([^*`\n]{2,40})(?:\*\*|`)[ \t]*[|:\-\u2013]?[ \t]*")
_SEPARATED_PREFIX = re.compile(r"([^|\[\]()*`\n]{2,40}?)[ \t]*[|:\u2013][ \t]+")


def _short_prefix(piece: str) -> bool:
    """A date, or a venue of a few words with its year: ``2023``, ``CVPR 2023``."""
    if is_date(piece) or short_date(piece):
        return True
    return venue_with_year(piece) and len(piece.split()) <= 5 and "(" not in piece


def _prefix_group(slots: Slots, pos: int, end: int, links: list[Link]) -> int | None:
    """A bracketed or parenthesised prefix (date, venue, number, tag): where it ends, or None."""
    text = slots.text
    if pos >= end:
        return None
    ch = text[pos]
    if text.startswith("**[", pos) or (text.startswith("[**", pos) and not _link_at(links, pos)):
        close = text.find("]", pos, end)
        stop = close + (3 if text.startswith("**", close + 1) or text[pos] == "[" else 1)
        if close < 0:
            return None
        a, b = strip(text, pos + 1, close, " \t*[")
        if citation_number(text[a:b]) or venue_with_year(text[a:b]) or is_date(text[a:b]):
            _put_prefix(slots, a, b)
            return min(stop, end)
        return None
    if ch not in "[(":
        return None
    link = _link_at(links, pos + 1) if ch == "[" else None
    if link is not None and link.label_span is not None:  # [[ICLR](url)] Title
        close = link.span.end
        label = link.label
        if close < end and text[close] == "]" and (known_venue(label) or venue_with_year(label)):
            slots.put(link.label_span.start, link.label_span.end, "V")
            return close + 1
        return None
    if _link_at(links, pos) is not None:
        return None
    close = _closing(text, pos, end, links)
    if close < 0 or "\n" in text[pos:close] or close - pos > 200:
        return None
    a, b = strip(text, pos + 1, close, " \t")
    inner = next((ln for ln in links if a <= ln.span.start < b), None)
    if inner is not None:  # (CVPR 2021 [Workshop](url)): the venue, and the venue's own link
        slots.venue_links.append(inner.span.start)
        a, b = strip(text, a, inner.span.start, " \t")
    if b > a:
        _put_prefix(slots, a, b)
    return close + 1


def _closing(text: str, pos: int, end: int, links: list[Link]) -> int:
    """The bracket that closes the one at ``pos``, past any link inside it."""
    closer = "]" if text[pos] == "[" else ")"
    close = text.find(closer, pos + 1, end)
    for link in links:
        if pos < link.span.start < close < link.span.end:
            close = text.find(closer, link.span.end, end)
    return close


def _put_prefix(slots: Slots, start: int, end: int) -> None:
    piece = slots.text[start:end]
    if citation_number(piece):
        slots.taken.append((start, end))
    elif is_date(piece) or short_date(piece):
        slots.put(start, end, "D")
    elif venue_with_year(piece) or known_venue(piece):
        slots.put(start, end, "V")
    else:
        slots.taken.append((start, end))  # a tag: "💬 3D", "Evaluation"


_SHORT_DATE = re.compile(r"\d{4}[/.]\d{1,2}(?:[/.]\d{1,2})?")


def short_date(piece: str) -> bool:
    return bool(_SHORT_DATE.fullmatch(piece))


def _read_title(slots: Slots, pos: int, end: int, links: list[Link]) -> tuple[str, int] | None:
    """The title at ``pos``: (layout, end of the title's markup), or ("authors", end) when
    plain authors stand before it."""
    text = slots.text
    if pos >= end:
        return None
    link = _link_at(links, pos) or _link_at(links, pos + 1) if text[pos] in "*_" else None
    link = link or _link_at(links, pos)
    if link is not None:
        return _link_title(slots, link, end)
    if text.startswith("**", pos):
        return bold_title(slots, pos, end)
    if text[pos] in '"“':
        return _quoted_title(slots, pos, end)
    return _plain_title(slots, pos, end, links)


def _title_field(slots: Slots, start: int, end: int) -> bool:
    """Set the title to ``text[start:end]`` less a ``(Venue YYYY)`` suffix; False if no title."""
    text = slots.text
    start, end = strip(text, start, end, ' \t"“”*_')
    suffix = split_venue_suffix(text[start:end])
    if suffix is not None:
        open_paren = text.index("(", start + suffix)
        a, b = strip(text, open_paren + 1, text.rindex(")", start, end), " \t")
        slots.put(a, b, "D" if is_date(text[a:b]) else "V")
        end = start + suffix
    tag = _TAG_PREFIX.match(text, start, end)
    if tag and looks_like_title(text[tag.end() : end]):
        slots.taken.append((start, tag.end()))  # "[Extended Version] Title": a tag
        start = tag.end()
    if not looks_like_title(text[start:end]):
        return False
    slots.title = slots.field(start, end, "T")
    return True


_TAG_PREFIX = re.compile(r"\[[^\[\]()\n]{1,40}\][ \t]+(?=\w)")


def _link_title(slots: Slots, link: Link, end: int) -> tuple[str, int] | None:
    if link.url.startswith("#") or link.label_span is None or ".md#" in link.url:
        return None
    start, stop = link.label_span.start, link.label_span.end
    text = slots.text
    start, stop = strip(text, start, stop, " \t*_")
    if text.startswith("[", start):  # [[Alias] Title (Org 2018)](url)
        close = text.find("]", start, stop)
        if 0 < close - start <= 40:
            slots.alias = slots.field(start + 1, close, "X")
            start = close + 1
    if not _title_field(slots, start, stop):
        return None
    slots.kinds[slots.title.span.start] = "T"
    title_end = link.span.end
    if text.startswith("*", title_end) and text[link.span.start - 1 : link.span.start] == "*":
        title_end += 1
    return "link", title_end


def bold_title(slots: Slots, pos: int, end: int) -> tuple[str, int] | None:
    text = slots.text
    close = text.find("**", pos + 2, end)
    if close <= pos + 2:
        return None
    if not text[pos + 2 : close].strip():  # "** **": an empty title, for AL106 to report
        slots.title = slots.field(*strip(text, pos + 2, close, " \t"), "T")
        return "bold", close + 2
    if not _title_field(slots, pos + 2, close):
        return None
    return "bold", close + 2


def _quoted_title(slots: Slots, pos: int, end: int) -> tuple[str, int] | None:
    text = slots.text
    close = text.find("”" if text[pos] == "“" else '"', pos + 1, end)
    if close < 0:
        return None
    a, b = strip(text, pos + 1, close, " \t*_.,")
    if not _title_field(slots, a, b):
        return None
    return "quoted", close + 1


def _plain_title(slots: Slots, pos: int, end: int, links: list[Link]) -> tuple[str, int] | None:
    """Plain text up to the first link, bracket or italic: the title, or authors before it."""
    text = slots.text
    if KEY_VALUE.match(text, pos, end):
        return None  # "Key: value" metadata, not a title
    stop = min([ln.span.start for ln in links if pos < ln.span.start < end] + [end])
    for mark in (" [", "\\[", " *", " _", "  ", "*[", ' "', " “"):
        found = text.find(mark, pos, stop)
        if found > pos:
            stop = found
    run_end = stop
    cut = sentences(text, pos, run_end)
    if len(cut) > 1 and slots.authors is None and _name_list(text[slice(*cut[0])]):
        slots.authors = slots.field(*names_span(text, *cut[0]), "A")
        return "authors", cut[0][1]  # "Ann Lee, Bo Kim. Title. ICML 2020."
    if len(cut) > 1 and _metadata(text[slice(*cut[1])]):
        run_end = cut[0][1]  # "Title. Ann Lee, Bo Kim. ICML 2020."
    parts = comma_parts(text, pos, run_end)
    authors_end = _authors_prefix(text, parts)
    if authors_end is not None:
        a, b = names_span(text, pos, authors_end)
        if slots.authors is None:
            slots.authors = slots.field(a, b, "A")
        if skip(text, authors_end, run_end, " \t,.") >= run_end:
            return "authors", authors_end
        pos = skip(text, authors_end, run_end, " \t,")
        parts = comma_parts(text, pos, run_end)
    if not parts:
        return None
    # The title is the first part, and the parts after it that are no venue, year or names.
    title_end = parts[0][1]
    for a, b in parts[1:]:
        piece = text[a:b].strip()
        if is_date(piece) or venue_with_year(piece) or known_venue(piece):
            break
        if looks_like_authors(piece):
            break
        title_end = b
    a, b = strip(text, pos, title_end, " \t.,;:|-\u2013")
    if b <= a or not _title_field(slots, a, b):
        return None
    return "plain", title_end


_INITIAL_END = re.compile(r"(?:\b[A-Z]|\bal)\.$")


def names_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A name list's bounds, keeping the period of a final initial or "et al."."""
    a, b = strip(text, start, end, " \t,")
    if b > a and text[b - 1] == "." and not _INITIAL_END.search(text, max(a, b - 3), b):
        b -= 1
    return a, b


def comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start, *(m.start() for m in _COMMA.finditer(text, start, end)), end]
    parts = [(bounds[i] + (i > 0), bounds[i + 1]) for i in range(len(bounds) - 1)]
    return [strip(text, a, b, " \t") for a, b in parts if text[a:b].strip()]


def _authors_prefix(text: str, parts: list[tuple[int, int]]) -> int | None:
    """The end of the longest run of leading comma parts that reads as a name list."""
    best = None
    for i in range(len(parts), 0, -1):
        if looks_like_authors(text[parts[0][0] : parts[i - 1][1]]):
            best = parts[i - 1][1]
            break
    if best is None or (len(parts) == 1 and "," not in text[parts[0][0] : best + 1]):
        return best if best is not None and _ends_with_comma(text, best) else None
    return best


def _ends_with_comma(text: str, pos: int) -> bool:
    return text[pos : pos + 1] == ","


_INITIALS = re.compile(r"[\u0300-\u036f]?(?:[A-Z][\u0300-\u036f]?\.?-?){0,4}")  # "J.G", "Y.-W"
_SENTENCE_END = re.compile(r"\. (?=[A-Z0-9\[(*_])")
# Words a period ends without ending the sentence: initials are caught by their length.
_ABBREVIATIONS = frozenset(
    "al conf proc trans int vol no pp vs jr dr st univ dept intl".split()  # noqa: SIM905
)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at each ". " that ends a sentence (not an initial or "et al.")."""
    found, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        word = text[max(start, m.start() - 12) : m.start()].split()[-1:] or [""]
        if _INITIALS.fullmatch(word[0]) or word[0].lower().lstrip("(") in _ABBREVIATIONS:
            continue
        found.append((pos, m.start()))
        pos = m.end()
    found.append((pos, end))
    return found


def _name_list(piece: str) -> bool:
    """Two names or more, or "et al.": a sentence of authors."""
    several = "," in piece or " and " in piece or ET_AL_REST.search(piece + " x") is not None
    return several and (looks_like_authors(piece) or name_list(piece))


def _metadata(piece: str) -> bool:
    """Whether a sentence after a plain title reads as its authors, venue or date."""
    piece = piece.strip(" .,")
    return (
        looks_like_authors(piece)
        or name_list(piece)
        or is_date(piece)
        or venue_with_year(piece)
        or known_venue(piece)
    )
