"""The recogniser of a paper entry written as a run of text: a list item (with its wrapped lines
and sub-bullets) or a citation paragraph.

The first lines (the *head*) are read left to right. Prefixes come first (a date ``[2023/10]``,
a venue ``(CVPR 2023)``, ``2019-CVPR -`` or ``[[ICLR](url)]``, tags, numbers, an alias
``**ABC**:``); then the title, the first thing that reads as one (bold text, quoted text, a link
whose label is no link label, or plain text), with text before it read as authors; then what
follows it (italic or plain authors, bracketed or parenthesised dates and venues, comma parts).
Sub-bullets and indented lines add ``Key: value`` fields, authors and venues. A unit is an entry
only when it has a title and a paper signal (a paper link, a venue with a year, authors, a date).
"""

from __future__ import annotations

import re

from ..dates import read_date
from ..model import Link, PaperEntry, Span
from .entry import (
    SEPARATORS,
    Slots,
    SpanOf,
    decorations,
    entry_lines,
    italic_after,
    make_entry,
    paper_links,
    read_loose_known,
)
from .fields import (
    LINK_LABELS,
    citation_number,
    is_date,
    known_venue,
    looks_like_authors,
    looks_like_title,
    name_list,
    news_line,
    paper_url,
    split_venue_suffix,
    venue_with_year,
    year_venue_prefix,
)
from .lines import Line, logical_lines, strip

_LEADING_SYMBOLS = re.compile(r"(?:[^\w\s*\[_(`<!\\\"\u201c'\u2018]\s*)+")
_NOTE = re.compile(r"<(?:sub|sup|small)>", re.I)
_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z ]{1,30}):\s*")
_MARKER = re.compile(r"(?:[-*+]|\d+[.)])(?:[ \t]+|$)")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+")
_HTML_TAG = re.compile(
    r"</?(?:a|span|img|sup|sub|p|div|b|i|em|strong|font|u)\b[^<>\n]{0,300}>", re.I
)
_UNDERLINE = re.compile(r"<u>([^<>\n]{1,60})</u>\s*:\s*", re.I)
_BOLD_ALIAS = re.compile(r"\*\*([^*\n]{1,60})\*\*\s*:\s*(?=\"|“|\*\*)")
_ET_AL_REST = re.compile(r"\bet\.?\s*al\b\.?\s+(?=\S)", re.I)
_COMMA = re.compile(r",")

DATE_KEYS = {"publication date", "date", "published", "release", "released"}
VENUE_KEYS = {"proceedings", "journal", "conference", "preprint", "venue", "publication"}
AUTHOR_KEYS = {"authors", "author"}


def item_entry(
    text: str,
    start: int,
    end: int,
    content_start: int,
    links: list[Link],
    span_of: SpanOf,
    section: int | None,
) -> PaperEntry | None:
    """A list item that is a paper, read from its head, wrapped lines and sub-bullets."""
    m = _LEADING_SYMBOLS.match(text, content_start, end)
    head = m.end() if m else content_start
    lines = logical_lines(text, start, end)
    if not lines or news_line(text[head : min(end, head + 60)]):
        return None
    lines[0].start = head
    entry_links = paper_links(links, start, end)
    slots = Slots(text, span_of, section=section)
    for a, b in decorations(text, start, end):
        slots.taken.append((a, b))
    for m in _HTML_TAG.finditer(text, start, end):
        slots.taken.append((m.start(), m.end()))
    wrapped = _continuation(text, lines)
    layout = read_head(slots, head, lines[wrapped].end, entry_links)
    if layout is None:
        return None
    entry_links = [ln for ln in entry_links if ln.span.start not in slots.venue_links]
    for link in links:
        if start <= link.span.start < end:
            slots.taken.append((link.span.start, link.span.end))
    _read_rest_of_head(slots, lines[: 1 + wrapped])
    for line in lines[1 + wrapped :]:
        _read_item_line(slots, line)
    if not _paper_signal(slots, entry_links):
        return None
    lines_out = entry_lines(text, lines, span_of)
    return make_entry("item", layout, slots, entry_links, content_start, end, lines_out)


def citation_entry(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> PaperEntry | None:
    """``**[1]** Doe, Jane, et al. "**Title**." Venue (2006). [[pdf]](url)``."""
    return _run_entry(text, logical_lines(text, start, end), links, span_of, section, "citation")


def line_entries(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> list[PaperEntry]:
    """Entries of a paragraph whose break-separated lines are papers: ``[Title](url) - Authors,
    Venue YYYY<br>``. A line whose title is marked (a link, bold or quoted text) starts an
    entry; the lines after it that start none (``*Authors*<br>``, ``CVPR 2023``) belong to it."""
    units: list[list[Line]] = []
    for group in _break_groups(text, logical_lines(text, start, end)):
        if _marked_title(text, group, links, span_of) or not units:
            units.append(list(group))
        else:
            units[-1].extend(group)
    found = (_run_entry(text, unit, links, span_of, section, "line") for unit in units)
    return [entry for entry in found if entry is not None]


def _marked_title(text: str, lines: list[Line], links: list[Link], span_of: SpanOf) -> bool:
    scratch = Slots(text, span_of)
    return read_head(scratch, lines[0].start, lines[-1].end, links) in ("link", "bold", "quoted")


def _break_groups(text: str, lines: list[Line]) -> list[list[Line]]:
    """Lines joined by soft wraps form one unit; a break token (``<br>``, ``\\``) ends it."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not groups[-1][-1].token.strip() and len(groups[-1][-1].token) < 2:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _run_entry(
    text: str,
    lines: list[Line],
    links: list[Link],
    span_of: SpanOf,
    section: int | None,
    layout: str,
) -> PaperEntry | None:
    start, end = lines[0].start, lines[-1].end
    entry_links = paper_links(links, start, end)
    slots = Slots(text, span_of, section=section)
    for a, b in decorations(text, start, end):
        slots.taken.append((a, b))
    title_layout = read_head(slots, start, end, entry_links)
    if title_layout is None or (layout == "line" and title_layout == "plain"):
        return None
    for link in entry_links:
        slots.taken.append((link.span.start, link.span.end))
    _read_rest_of_head(slots, lines)
    if not _paper_signal(slots, entry_links):
        return None
    return make_entry(
        "block", layout, slots, entry_links, start, end, entry_lines(text, lines, span_of)
    )


def paper_like(text: str, start: int, end: int, links: list[Link]) -> bool:
    """Whether a unit that yielded no entry looks like a paper all the same: it is no note about
    the list, and it has a paper link at its start or labelled as one (``[PDF](arxiv…)``)."""
    m = _LEADING_SYMBOLS.match(text, start, end)
    head = _skip(text, m.end() if m else start, end, " \t[*_")
    if news_line(text[head : min(end, head + 80)]):
        return False
    return any(
        paper_url(link.url) and (link.span.start <= head or _labelled(link, []))
        for link in links
        if link.kind != "image"
    )


def _paper_signal(slots: Slots, links: list[Link]) -> bool:
    """A title alone is no paper: it needs a paper link, a venue with a year, authors or a date.

    A paper link counts when it is the title, a bare URL or labelled as a link (``[PDF]``), not
    when it sits in a description's prose (a book "based on [A Survey of …](arxiv)").
    """
    if slots.authors is not None or slots.date is not None:
        return True
    if slots.venue is not None and (venue_with_year(slots.venue.text) or _has_year(slots)):
        return True
    read = [f.span for f in (slots.title, slots.venue) if f is not None]
    return any(paper_url(link.url) and _labelled(link, read) for link in links)


def _labelled(link: Link, read: list[Span]) -> bool:
    """A link that names a paper: a bare URL, the title's or venue's link, or ``[PDF]``."""
    if link.kind != "markdown" or link.label_span is None:
        return True
    if any(link.span.start <= span.start < link.span.end for span in read):
        return True
    return bool(LINK_LABELS.fullmatch(link.label.strip(" []*_`")))


def _has_year(slots: Slots) -> bool:
    return any(read_date(x.text) is not None for x in slots.extras)


def _continuation(text: str, lines: list[Line]) -> int:
    """How many lines after the first continue it (wrapped text, not a sub-bullet or a blank)."""
    count = 0
    for line in lines[1:]:
        if line.end <= line.start or _MARKER.match(text, line.start, line.end):
            break
        if _NOTE.match(text, line.start, line.end):
            break  # <sub>a maintainer's note</sub> under the item
        if text[line.start - 1] != "\n" and text[line.start - 1] not in " \t":
            break  # a piece after a mid-line <br>: a new logical line, not a wrap
        if text.count("\n", lines[0].start, line.start) > count + 1:
            break  # after a blank line: an indented paragraph of the item
        count += 1
    return count


# -- the head: prefixes, title, what follows -------------------------------------------------------


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
        pos = _skip(slots.text, title_end, end, " \t\n,.;:")
    return None


def _skip(text: str, pos: int, end: int, chars: str = " \t\n") -> int:
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
        pos = _skip(text, pos, end)
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
            _HTML_TAG.match(text, pos, end)
            or _CHECKBOX.match(text, pos, end)
            or _MARKER.match(text, pos, end)
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
    if is_date(piece) or _short_date(piece):
        return True
    return venue_with_year(piece) and len(piece.split()) <= 5 and "(" not in piece


def _prefix_group(slots: Slots, pos: int, end: int, links: list[Link]) -> int | None:
    """A bracketed or parenthesised prefix (date, venue, number, tag): where it ends, or None."""
    text = slots.text
    ch = text[pos] if pos < end else ""
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
    elif is_date(piece) or _short_date(piece):
        slots.put(start, end, "D")
    elif venue_with_year(piece) or known_venue(piece):
        slots.put(start, end, "V")
    else:
        slots.taken.append((start, end))  # a tag: "💬 3D", "Evaluation"


_SHORT_DATE = re.compile(r"\d{4}[/.]\d{1,2}(?:[/.]\d{1,2})?")


def _short_date(piece: str) -> bool:
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
        return _bold_title(slots, pos, end)
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
    if not looks_like_title(text[start:end]):
        return False
    slots.title = slots.field(start, end, "T")
    return True


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


def _bold_title(slots: Slots, pos: int, end: int) -> tuple[str, int] | None:
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
    if _KEY_VALUE.match(text, pos, end):
        return None  # "Key: value" metadata, not a title
    stop = min([ln.span.start for ln in links if pos < ln.span.start < end] + [end])
    for mark in (" [", "\\[", " *", " _", "  ", "*[", ' "', " “"):
        found = text.find(mark, pos, stop)
        if found > pos:
            stop = found
    run_end = stop
    sentences = _sentences(text, pos, run_end)
    first = text[slice(*sentences[0])]
    if len(sentences) > 1 and slots.authors is None and _name_list(first):
        slots.authors = slots.field(*_names_span(text, *sentences[0]), "A")
        return "authors", sentences[0][1]  # "Ann Lee, Bo Kim. Title. ICML 2020."
    if len(sentences) > 1 and _metadata(text[slice(*sentences[1])]):
        run_end = sentences[0][1]  # "Title. Ann Lee, Bo Kim. ICML 2020."
    parts = _comma_parts(text, pos, run_end)
    authors_end = _authors_prefix(text, parts)
    if authors_end is not None:
        a, b = _names_span(text, pos, authors_end)
        if slots.authors is None:
            slots.authors = slots.field(a, b, "A")
        if _skip(text, authors_end, run_end, " \t,.") >= run_end:
            return "authors", authors_end
        pos = _skip(text, authors_end, run_end, " \t,")
        parts = _comma_parts(text, pos, run_end)
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


def _names_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A name list's bounds, keeping the period of a final initial or "et al."."""
    a, b = strip(text, start, end, " \t,")
    if b > a and text[b - 1] == "." and not _INITIAL_END.search(text, max(a, b - 3), b):
        b -= 1
    return a, b


def _comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
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


# -- after the title -------------------------------------------------------------------------------


def _read_rest_of_head(slots: Slots, lines: list[Line]) -> None:
    """Italic authors, bracketed or parenthesised dates and venues, and comma parts."""
    text = slots.text
    first = next(slots.free(lines[0].start, lines[-1].end), None)
    if first is not None and _description(slots, *first):
        return
    if first is not None:  # *Authors* right after the title, maybe wrapped over lines
        italic = italic_after(text, first[0], lines[-1].end)
        if italic is not None and "\n\n" not in text[italic[0] : italic[1]]:
            _read_italic(slots, *italic)
            slots.taken.append((italic[0] - 1, italic[1] + 1))
    for line in lines:
        for a, b in list(slots.free(line.start, line.end)):
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
    parts = [_PAREN.sub("", text[a:b]) for a, b in _comma_parts(text, dash.end(), line_end)[:2]]
    et_al = bool(parts) and _ET_AL_REST.search(parts[0] + " x") is not None
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
    if is_date(piece) or _short_date(piece):
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
    start = _skip(text, start, end, " \t-\u2013\u2014")  # "Title - Authors": the dash parts them
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
    rest = _ET_AL_REST.search(piece)
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
    for a, b in _sentences(slots.text, start, end):
        _read_comma_parts(slots, a, b)


_INITIALS = re.compile(r"[\u0300-\u036f]?(?:[A-Z][\u0300-\u036f]?\.?-?){0,4}")  # "J.G", "Y.-W"
_SENTENCE_END = re.compile(r"\. (?=[A-Z0-9\[(*_])")
# Words a period ends without ending the sentence: initials are caught by their length.
_ABBREVIATIONS = frozenset(
    "al conf proc trans int vol no pp vs jr dr st univ dept intl".split()  # noqa: SIM905
)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
    several = "," in piece or " and " in piece or _ET_AL_REST.search(piece + " x") is not None
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


def _read_comma_parts(slots: Slots, start: int, end: int) -> None:
    """``Ann Lee et al.``, ``CVPR, 2023``, ``Liu et al., NeurIPS 2020``, ``AI Open 2020``."""
    text = slots.text
    parts = _comma_parts(text, start, end)
    i = 0
    while i < len(parts):
        a, b = parts[i]
        piece = text[a:b].rstrip(".")
        following = text[parts[i + 1][0] : parts[i + 1][1]] if i + 1 < len(parts) else ""
        if slots.authors is None and (looks_like_authors(piece) or _ET_AL_REST.search(piece)):
            j = i
            while j + 1 < len(parts) and looks_like_authors(text[a : parts[j + 1][1]]):
                j += 1
            rest = _ET_AL_REST.search(text, a, parts[j][1])
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


# -- sub-bullets and indented lines ----------------------------------------------------------------


def _read_item_line(slots: Slots, line: Line) -> None:
    """A sub-bullet or continuation line: ``Key: value``, italic authors, ``Names. *Venue*``."""
    text = slots.text
    pos = line.start
    if pos >= line.end:
        return
    m = _MARKER.match(text, pos, line.end)
    if m:
        pos = m.end()
    m = _LEADING_SYMBOLS.match(text, pos, line.end)
    if m:
        pos = m.end()
    key = _KEY_VALUE.match(text, pos, line.end)
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


def key_value_entry(
    text: str, start: int, end: int, links: list[Link], span_of: SpanOf, section: int | None
) -> PaperEntry | None:
    """A bold title paragraph and the ``- Paper: <url>`` / ``- Code: <url>`` bullets under it."""
    lines = logical_lines(text, start, end)
    body = lines[1:]
    for line in body:
        marker = _MARKER.match(text, line.start, line.end)
        if marker is None or not _KEY_VALUE.match(text, marker.end(), line.end):
            return None
    entry_links = paper_links(links, start, end)
    if not body or not entry_links:
        return None
    slots = Slots(text, span_of, section=section)
    if _bold_title(slots, lines[0].start, lines[0].end) is None:
        return None
    for line in body:
        _read_item_line(slots, line)
    if not _paper_signal(slots, entry_links):
        return None
    lines_out = entry_lines(text, lines, span_of)
    return make_entry("block", "titled-list", slots, entry_links, start, end, lines_out)
