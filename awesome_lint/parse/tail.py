"""What follows an entry's title: italic or plain authors, bracketed or parenthesised dates and
venues, comma parts and sentences; and its sub-bullets or indented lines (``Key: value`` fields,
an authors line, ``Names. *Venue YYYY*``). A dash and prose after a title is a description."""

from __future__ import annotations

import re

from ..dates import read_date
from .entry import SEPARATORS, Slots, italic_after, read_loose_known
from .fields import is_date, known_venue, looks_like_authors, name_list, venue_with_year
from .head import (
    ET_AL_REST,
    KEY_VALUE,
    LEADING_SYMBOLS,
    MARKER,
    comma_parts,
    sentences,
    short_date,
    skip,
)
from .lines import Line, strip

DATE_KEYS = {"publication date", "date", "published", "release", "released"}
VENUE_KEYS = {"proceedings", "journal", "conference", "preprint", "venue", "publication"}
AUTHOR_KEYS = {"authors", "author"}


def read_rest_of_head(slots: Slots, lines: list[Line]) -> None:
    """Italic authors, bracketed or parenthesised dates and venues, and comma parts."""
    text = slots.text
    first = next(iter(slots.free(lines[0].start, lines[-1].end)), None)
    if first is not None and _description(slots, *first):
        return
    if first is not None:  # *Authors* right after the title, maybe wrapped over lines
        italic = italic_after(text, first[0], lines[-1].end)
        if italic is not None and "\n\n" not in text[italic[0] : italic[1]]:
            _read_italic(slots, *italic)
            slots.taken.append((italic[0] - 1, italic[1] + 1))
    for line in lines:
        for a, b in slots.free(line.start, line.end):
            _read_piece(slots, a, b)


_PAREN = re.compile(r"\s*\([^()]*\)")
_DASH = re.compile(r"[ \t]*(?:[-\u2013\u2014:]|&mdash;)[ \t]+")


def _description(slots: Slots, start: int, end: int) -> bool:
    """``[Tool](url) - what it does``: prose after a dash is a description, not fields (unless
    it opens with a list of names). It is kept as one piece of stray text."""
    text = slots.text
    dash = _DASH.match(text, start, end)
    if dash is None:
        return False
    line_end = text.find("\n", dash.end(), end)
    line_end = end if line_end < 0 else line_end
    parts = [_PAREN.sub("", text[a:b]) for a, b in comma_parts(text, dash.end(), line_end)[:2]]
    et_al = bool(parts) and ET_AL_REST.search(parts[0] + " x") is not None
    if et_al or (len(parts) == 2 and all(map(looks_like_authors, parts))):
        return False  # "- Ann Lee, Bo Kim, CVPR 2023": names, not a description
    a, b = strip(text, dash.end(), line_end, " \t")
    if b > a:
        slots.extras.append(slots.field(a, b, "X"))
    return True


_GROUP = re.compile(r"\\?\[([^\[\]\n]*)\]|\(([^()\n]*)\)")


def _read_piece(slots: Slots, start: int, end: int) -> None:
    """One stretch of free text: its groups, italic spans and comma parts."""
    text = slots.text
    pos = start
    for m in _GROUP.finditer(text, start, end):
        if _inside_a_phrase(text, m, end):
            continue
        _read_plain(slots, pos, m.start())
        inner = 1 if m.group(1) is not None else 2
        for a, b in _bar_parts(text, m.start(inner), m.end(inner)):
            _read_group_part(slots, a, b)
        pos = m.end()
    _read_plain(slots, pos, end)


def _inside_a_phrase(text: str, group: re.Match[str], end: int) -> bool:
    """``Recognition (CVPR), 2021``: a parenthesis the phrase goes on after is part of it."""
    return (
        group.group(2) is not None
        and text[group.end() : group.end() + 1] == ","
        and (group.start() > 0 and text[group.start() - 1] == " ")
    )


def _bar_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start, *(i for i in range(start, end) if text[i] == "|"), end]
    return [strip(text, bounds[i] + (i > 0), bounds[i + 1], " \t") for i in range(len(bounds) - 1)]


def _read_group_part(slots: Slots, start: int, end: int) -> None:
    text = slots.text
    a, b = strip(text, start, end, " \t*_")
    if b <= a:
        return
    piece = text[a:b]
    if is_date(piece) or short_date(piece):
        slots.put(a, b, "D")
    elif venue_with_year(piece) or known_venue(piece):
        slots.put(a, b, "V")
    elif looks_like_authors(piece) and slots.authors is None and "," in piece:
        slots.put(a, b, "A")
    else:
        slots.extras.append(slots.field(a, b, "X"))


def _read_plain(slots: Slots, start: int, end: int) -> None:
    """Plain text after the title: italic authors or venue, comma parts, loose venue and date."""
    text = slots.text
    start = skip(text, start, end, " \t-\u2013\u2014")  # "Title - Authors": the dash parts them
    start, end = strip(text, start, end, SEPARATORS)
    if end <= start:
        return
    italic = italic_after(text, start, end + 1)
    if italic is not None and italic[1] <= end:
        _read_italic(slots, *italic)
        _read_plain(slots, italic[1] + 1, end)
        return
    star = text.find(" *", start, end)
    if star > start:
        _read_plain(slots, start, star)
        _read_plain(slots, star + 1, end)
        return
    _read_comma_run(slots, start, end)


def _read_italic(slots: Slots, start: int, end: int) -> None:
    """``*Ann Lee, Bo Kim*``, ``*Ann Lee et al. arXiv.*`` or ``*ICML 2011*``."""
    text = slots.text
    a, b = strip(text, start, end, " \t.,")
    piece = text[a:b]
    rest = ET_AL_REST.search(piece)
    if rest is not None and slots.authors is None:
        slots.authors = slots.field(a, a + rest.start() + len(rest.group().rstrip()), "A")
        read_loose_known(slots, a + rest.end(), b)
    elif slots.authors is None and not _venue_not_names(piece):
        slots.authors = slots.field(a, b, "A")
    else:
        read_loose_known(slots, a, b)


def _venue_not_names(piece: str) -> bool:
    if is_date(piece) or venue_with_year(piece):
        return True
    return known_venue(piece) and not looks_like_authors(piece)


def _read_comma_run(slots: Slots, start: int, end: int) -> None:
    """Sentences (``Ann Lee, Bo Kim. ACL, 2021.``), each read by its comma parts."""
    for a, b in sentences(slots.text, start, end):
        _read_comma_parts(slots, a, b)


def _read_comma_parts(slots: Slots, start: int, end: int) -> None:
    """``Ann Lee et al.``, ``CVPR, 2023``, ``Liu et al., NeurIPS 2020``, ``AI Open 2020``."""
    text = slots.text
    parts = comma_parts(text, start, end)
    i = 0
    while i < len(parts):
        a, b = parts[i]
        piece = text[a:b].rstrip(".")
        following = text[parts[i + 1][0] : parts[i + 1][1]] if i + 1 < len(parts) else ""
        if slots.authors is None and (looks_like_authors(piece) or ET_AL_REST.search(piece)):
            j = i
            while j + 1 < len(parts) and looks_like_authors(text[a : parts[j + 1][1]]):
                j += 1
            rest = ET_AL_REST.search(text, a, parts[j][1])
            if rest is not None:
                slots.authors = slots.field(a, rest.start() + len(rest.group().rstrip()), "A")
                read_loose_known(slots, rest.end(), parts[j][1])
            else:
                slots.authors = slots.field(a, parts[j][1], "A")
            i = j + 1
            continue
        if _YEAR_ONLY.fullmatch(following.strip(" .")) and not is_date(piece) and _name(piece):
            slots.put(a, parts[i + 1][1] - _trailing_dot(text, parts[i + 1]), "V")
            i += 2
            continue
        read_loose_known(slots, a, b)
        i += 1


_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")


def _name(piece: str) -> bool:
    return any(ch.isalpha() for ch in piece) and len(piece) <= 80


def _trailing_dot(text: str, part: tuple[int, int]) -> int:
    return 1 if text[part[1] - 1] == "." else 0


def read_item_line(slots: Slots, line: Line) -> None:
    """A sub-bullet or continuation line: ``Key: value``, italic authors, ``Names. *Venue*``."""
    text = slots.text
    pos = line.start
    if pos >= line.end:
        return
    m = MARKER.match(text, pos, line.end)
    if m:
        pos = m.end()
    m = LEADING_SYMBOLS.match(text, pos, line.end)
    if m:
        pos = m.end()
    key = KEY_VALUE.match(text, pos, line.end)
    if key:
        _read_key_value(slots, key.group(1), key.end(), line.end)
        return
    italic = italic_after(text, pos, line.end)
    if italic is not None and slots.authors is None and italic[1] + 1 >= line.end - 1:
        piece = text[italic[0] : italic[1]]
        if looks_like_authors(piece) or not venue_with_year(piece):
            slots.authors = slots.field(*strip(text, italic[0], italic[1], " \t."), "A")
        elif slots.venue is None:
            slots.venue = slots.field(*strip(text, italic[0], italic[1], " \t."), "V")
        return
    if slots.authors is not None or "](" in text[pos : line.end]:
        return
    star = text.find(" *", pos, line.end)
    if star > pos and text.endswith("*", 0, line.end):  # Names. *Venue YYYY*
        slots.authors = slots.field(*strip(text, pos, star, " \t."), "A")
        if slots.venue is None:
            slots.venue = slots.field(*strip(text, star + 2, line.end - 1, " \t"), "V")
    elif slots.date is None and read_date(text[pos : line.end]):
        slots.date = slots.field(*strip(text, pos, line.end, " \t"), "D")
    elif looks_like_authors(text[pos : line.end]) or name_list(text[pos : line.end]):
        slots.authors = slots.field(*strip(text, pos, line.end, " \t"), "A")


def _read_key_value(slots: Slots, key: str, start: int, end: int) -> None:
    text = slots.text
    name = key.strip().lower()
    a, b = strip(text, start, end, " \t*_")
    if b <= a:
        return
    if name in DATE_KEYS and slots.date is None:
        slots.date = slots.field(a, b, "D")
    elif name in VENUE_KEYS and slots.venue is None:
        slots.venue = slots.field(a, b, "V")
    elif name in AUTHOR_KEYS and slots.authors is None:
        slots.authors = slots.field(a, b, "A")
