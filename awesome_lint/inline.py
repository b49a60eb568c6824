"""Inline pieces located by offset inside a block's source: links, bare URLs, HTML links, comments.

Every scanner here is linear in the length of its input (one pass, a stack for brackets), so a
line of 100,000 unbalanced brackets costs no more than any other line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple


class RawLink(NamedTuple):
    """A link found in source text, by absolute offsets (a named tuple: thousands are built)."""

    kind: str  # markdown | image | html | autolink | reference
    label: str
    url: str
    start: int  # the whole link: "[" (or "!" for images, "<" for HTML)
    end: int
    url_start: int
    url_end: int
    label_start: int = -1
    label_end: int = -1


_new_tuple = tuple.__new__
_start_of = attrgetter("start")

_SPACE = " \t\n"
# Nested parentheses a link destination may hold (cmark's limit too). It bounds every scan:
# each later "](" adds one, so "[a](" repeated costs linear time, not quadratic.
MAX_PAREN_DEPTH = 32
# A destination's characters up to the next one that matters; a "<…>" destination, which
# stops at the next "<" (so "[a](<" repeated reads each character once, not once an opener).
_PLAIN_DESTINATION = re.compile(r"[^ \t\n()\\]*")
_POINTY_DESTINATION = re.compile(r"<(?:[^<>\n\\]|\\.)*>")


def _scan_destination(text: str, pos: int, limit: int) -> tuple[int, int, int] | None:
    """Parse ``(url "title")`` starting after "(": return (url_start, url_end, after_paren)."""
    i = pos
    while i < limit and text[i] in " \t":
        i += 1
    if i < limit and text[i] == "<":  # <url with spaces>: no line ending, "<" or ">" inside
        m = _POINTY_DESTINATION.match(text, i, limit)
        if m is None:
            return None
        url_start, url_end, i = i + 1, m.end() - 1, m.end()
    else:
        url_start, depth = i, 0
        while True:
            i = _PLAIN_DESTINATION.match(text, i, limit).end()  # type: ignore[union-attr]
            if i >= limit:
                break
            ch = text[i]
            if ch == "\\":
                i += 2 if i + 1 < limit else 1
                continue
            if ch in _SPACE:
                break
            if ch == "(":
                depth += 1
                if depth > MAX_PAREN_DEPTH:
                    return None
            elif depth == 0:
                break
            else:
                depth -= 1
            i += 1
        if i > limit:
            i = limit
        url_end = i
    # Optional whitespace (one line ending at most), an optional "title", then ")".
    j = i
    newlines = 0
    while j < limit and text[j] in _SPACE:
        newlines += text[j] == "\n"
        j += 1
    if newlines > 1:
        return None
    if j < limit and text[j] in "\"'" and j > i:
        close = text.find(text[j], j + 1, limit)
        if close < 0:
            return None
        j = close + 1
        while j < limit and text[j] in " \t":
            j += 1
    if j < limit and text[j] == ")":
        return url_start, url_end, j + 1
    return None


def _is_escaped(text: str, pos: int, floor: int) -> bool:
    backslashes = 0
    while pos - 1 - backslashes >= floor and text[pos - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


_BACKTICKS = re.compile(r"`+")


def _link_at(text: str, opener: int, closer: int, floor: int, limit: int) -> RawLink | None:
    """The link whose label runs from ``opener`` to ``closer``, if a destination follows."""
    if closer + 1 >= limit or text[closer + 1] != "(":
        return None
    dest = _scan_destination(text, closer + 2, limit)
    if dest is None:
        return None
    url_start, url_end, after = dest
    image = opener > floor and text[opener - 1] == "!"
    return _new_tuple(  # (a RawLink built directly: a large list has thousands)
        RawLink,
        (
            "image" if image else "markdown",
            text[opener + 1 : closer],
            text[url_start:url_end],
            opener - 1 if image else opener,
            after,
            url_start,
            url_end,
            opener + 1,
            closer,
        ),
    )


def backtick_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of backticks in ``text[start:end]`` (what ``_BACKTICKS`` finds), found with
    ``str.find``: a file of a few backticks costs a memchr, not a regex pass (10 ms on 700 kB)."""
    start, end = max(start, 0), max(min(end, len(text)), 0)  # as a regex reads pos, endpos
    runs = []
    at = text.find("`", start, end)
    while at >= 0:
        stop = at + 1
        while stop < end and text[stop] == "`":
            stop += 1
        runs.append((at, stop))
        at = text.find("`", stop, end)
    return runs


class _CodeSpanCloser:
    """Where the code span opened by a run of backticks ends: after the next run at least as
    long (what ``str.find`` of the opener finds), or -1. The longest run to come is known for
    every run, so an opener nothing closes costs one look, not a scan to the end (runs of
    1, 2, 3 … backticks, each unclosed, would cost n·√n)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.runs = backtick_runs(text, start, end)
        self.index = {run_start: k for k, (run_start, _) in enumerate(self.runs)}
        self.longest_after = [0] * (len(self.runs) + 1)
        for k in range(len(self.runs) - 1, -1, -1):
            run_start, run_end = self.runs[k]
            self.longest_after[k] = max(self.longest_after[k + 1], run_end - run_start)

    def after(self, opener_start: int, opener_end: int) -> int:
        length = opener_end - opener_start
        k = self.index[opener_start] + 1
        if self.longest_after[k] < length:
            return -1
        while self.runs[k][1] - self.runs[k][0] < length:  # skipped runs are inside the span
            k += 1
        return self.runs[k][0] + length


def code_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Code spans in ``text[start:end]`` as (start, end) offsets: a run of backticks closed
    by the next run at least as long. Linear (see :class:`_CodeSpanCloser`)."""
    end = len(text) if end is None else end
    closing = _CodeSpanCloser(text, start, end)
    resume = start
    for run_start, run_end in closing.runs:
        if run_start < resume:
            continue
        close = closing.after(run_start, run_end)
        if close >= 0:
            yield run_start, close
            resume = close
        else:
            resume = run_end


def _interesting_positions(
    text: str, start: int, end: int, closing: _CodeSpanCloser | None
) -> list[int]:
    """Where each bracket and each run of backticks (when ``closing`` holds them) starts in
    ``text[start:end]``, in order: what a regex search for them finds, found by ``str.find``
    without a match object for each."""
    found = []
    for bracket in "[]":
        at = text.find(bracket, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(bracket, at + 1, end)
    if closing is not None:
        found += closing.index
    found.sort()
    return found


def markdown_links(text: str, start: int = 0, end: int | None = None) -> list[RawLink]:
    """Every ``[label](url)`` and ``![alt](src)`` in ``text[start:end]``, outermost first.

    Nested links (a badge image inside a link) are all reported. Code spans are skipped.
    """
    end = len(text) if end is None else end
    found: list[RawLink] = []
    if text.find("](", start, end) < 0:
        return found  # (every link has a "](": a block without one needs no scan)
    openers: list[int] = []
    # Most blocks have no backtick: then only brackets matter.
    closing = _CodeSpanCloser(text, start, end) if text.find("`", start, end) >= 0 else None
    resume = start  # characters before this were consumed by a link or a code span
    for i in _interesting_positions(text, start, end, closing):
        if i < resume:
            continue
        ch = text[i]
        escaped = text[i - 1 : i] == "\\" and _is_escaped(text, i, start)  # (look once first)
        if ch == "[":
            if not escaped:
                openers.append(i)
        elif ch == "]":
            if openers and not escaped:
                link = _link_at(text, openers.pop(), i, start, end)
                if link is not None:
                    found.append(link)
                    resume = link.end
        elif closing is not None:  # a run of backticks opens a code span
            run_end = closing.runs[closing.index[i]][1]
            close = closing.after(i, run_end)
            resume = close if close >= 0 else run_end
    found.sort(key=_start_of)
    return found


_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>|(?<![\w/(\[<=\"'])(https?://[^\s<>\"'`]+)")
_TRAILING_PUNCT = ".,:;!?*_~'\")]"
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")


def _autolink_length(url: str) -> int:
    """How much of a bare URL is the URL: trailing punctuation is not, except a ")" that
    closes a "(" inside it (counted once, not again for each ")": linear)."""
    length = len(url.rstrip(_TRAILING_PUNCT))
    unbalanced = url.count("(", 0, length) - url.count(")", 0, length)
    while length < len(url) and unbalanced > 0:
        unbalanced -= url[length] == ")"
        unbalanced += url[length] == "("
        length += 1
    return length


# Characters after which ``_AUTOLINK``'s bare form cannot start (its look-behind) and that are
# no "<" of its other form.
_NO_BARE_URL_AFTER = "/([=\"'"


def _autolink_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_AUTOLINK.finditer`` finds, tried only where "http" occurs (at it, or at a "<"
    just before it) rather than at every character: most text holds no URL."""
    pos = start  # where the previous match ended
    found = text.find("http", start, end)
    while found >= 0:
        if found > 0 and text[found - 1] in _NO_BARE_URL_AFTER:
            # (no match can start here or at the character before: a link's destination)
            found = text.find("http", found + 1, end)
            continue
        m = None
        if found - 1 >= pos and text[found - 1] == "<":
            m = _AUTOLINK.match(text, found - 1, end)
        m = m or _AUTOLINK.match(text, found, end)
        if m is None:
            found = text.find("http", found + 1, end)
            continue
        yield m
        pos = m.end()
        found = text.find("http", pos, end)


def bare_urls(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> Iterator[RawLink]:
    """GFM autolinks (``<https://…>`` and bare ``https://…``) outside already-found links."""
    inside = None  # built at the first match: most blocks hold none
    for m in _autolink_matches(text, start, end):
        inside = inside or Intervals(taken)
        if m.start() in inside:
            continue
        if m.group(1):
            url_start, url_end = m.start(1), m.end(1)
        else:
            url_start, url_end = m.start(2), m.end(2)
            url_end = url_start + _autolink_length(text[url_start:url_end])
        url = text[url_start:url_end]
        yield RawLink("autolink", url, url, m.start(), m.end(), url_start, url_end)


@dataclass(frozen=True, slots=True)
class _Attribute:
    name: str  # lower-cased
    value: str
    value_start: int
    value_end: int


# Runs of one kind of character, matched at a position: each character is read once.
_TAG_SPACE = re.compile(r"[ \t\n\r\f/]*")
_ATTRIBUTE_NAME = re.compile(r"[^ \t\n\r\f/>=]*")
_EQUALS = re.compile(r"[ \t\n\r\f]*=[ \t\n\r\f]*")
_UNQUOTED = re.compile(r"[^ \t\n\r\f>]*")


def _run(pattern: re.Pattern[str], text: str, i: int, end: int) -> int:
    return pattern.match(text, i, end).end()  # type: ignore[union-attr]  # matches "" at least


def _tags(
    text: str, start: int, end: int, wanted: frozenset[str]
) -> Iterator[tuple[str, int, int, list[_Attribute]]]:
    """HTML start tags in ``text[start:end]``: (lower-cased name, start, end, the attributes
    named in ``wanted``).

    One pass, as an HTML tokenizer reads: a tag ends at the first ``>`` outside quotes, and
    a tag still open at ``end`` (no ``>``, or a quote never closed) ends the scan, as it
    swallows the rest of the text for a browser too. Every character is read once, so
    ``<img src=x `` repeated costs linear time (a regex retrying from each ``<`` is cubic).
    """
    pos = text.find("<", start, end)
    while pos >= 0:
        m = _TAG_NAME.match(text, pos, end)
        if m is None:
            pos = text.find("<", pos + 1, end)
            continue
        attributes: list[_Attribute] = []
        i = m.end()
        while True:
            i = _run(_TAG_SPACE, text, i, end)
            if i >= end:
                return
            if text[i] == ">":
                break
            name_end = _run(_ATTRIBUTE_NAME, text, i + 1, end)
            name = text[i:name_end].lower()
            equals = _EQUALS.match(text, name_end, end)
            if equals is None:
                i = name_end
                continue
            j = equals.end()
            if j < end and text[j] in "\"'":
                close = text.find(text[j], j + 1, end)
                if close < 0:
                    return
                value_start, value_end, i = j + 1, close, close + 1
            else:
                value_start = j
                value_end = i = _run(_UNQUOTED, text, j, end)
            if name in wanted:
                value = text[value_start:value_end]
                attributes.append(_Attribute(name, value, value_start, value_end))
        yield m.group(1).lower(), pos, i + 1, attributes
        pos = text.find("<", i + 1, end)


_LINK_ATTRIBUTE = {"a": "href", "img": "src"}
_LINK_ATTRIBUTES = frozenset(_LINK_ATTRIBUTE.values())
_ANCHOR_ATTRIBUTES = frozenset({"id", "name"})


def html_links(text: str, start: int, end: int) -> Iterator[RawLink]:
    """``<a href>`` and ``<img src>`` targets."""
    for name, tag_start, tag_end, attributes in _tags(text, start, end, _LINK_ATTRIBUTES):
        wanted = _LINK_ATTRIBUTE.get(name)
        found = next((a for a in attributes if a.name == wanted), None)
        if found is not None:
            kind = "image" if name == "img" else "html"
            yield RawLink(
                kind, "", found.value, tag_start, tag_end, found.value_start, found.value_end
            )


def html_anchors(text: str, start: int = 0, end: int | None = None) -> Iterator[str]:
    """Targets of ``id="…"`` and ``name="…"`` attributes: in-page anchors GitHub keeps."""
    end = len(text) if end is None else end
    for _, _, _, attributes in _tags(text, start, end, _ANCHOR_ATTRIBUTES):
        for attribute in attributes:
            if attribute.name in ("id", "name") and attribute.value.strip():
                yield attribute.value.strip()


# A link reference definition, ``[label]: destination "title"``, at the start of a line: up
# to three spaces, a label of at most 999 characters (CommonMark's limit, which also bounds
# each try), then the destination, on the same line or the next.
_DEFINITION = re.compile(
    r"^ {0,3}\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(?:<([^<>\n]*)>|([^\s<]\S*))"
    r"(?=[ \t]|$)",
    re.M,
)


def reference_definitions(text: str, start: int, end: int) -> list[RawLink]:
    """The destinations of link reference definitions (``[p]: https://…``) in
    ``text[start:end]``; ``[text][p]`` and ``[p]`` use them."""
    found: list[RawLink] = []
    if text.find("]:", start, end) < 0:
        return found  # (every definition holds it: a block without one needs no scan)
    for m in _DEFINITION.finditer(text, start, end):
        if m.group(1).startswith("^"):
            continue  # a footnote ([^1]: text), not a link
        group = 2 if m.group(2) is not None else 3
        url_start, url_end = m.span(group)
        found.append(
            RawLink("reference", m.group(1), m.group(group), m.start(), m.end(), url_start, url_end)
        )
    return found


class Intervals:
    """Which offsets fall inside any of some (start, end) ranges: a binary search over the
    starts and the furthest end so far, so that filtering n links by m ranges costs
    n log m, not n * m."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __contains__(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and self.reach[k] > offset


def comments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``<!-- … -->`` comments inside ``text[start:end]``, as (start, end) offsets.

    Found with two ``str.find`` calls a comment (a regex ``<!--.*?-->`` retries the search for
    "-->" from every unclosed "<!--": quadratic on "<!--" repeated).
    """
    pos = text.find("<!--", start, end)
    while pos >= 0:
        close = text.find("-->", pos + 4, end)
        if close < 0:
            return  # unclosed: the rest is no comment (GitHub shows it as text)
        yield pos, close + 3
        pos = text.find("<!--", close + 3, end)


def strip_comments(text: str) -> str:
    """``text`` without its HTML comments."""
    pieces, pos = [], 0
    for start, end in comments(text, 0, len(text)):
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
