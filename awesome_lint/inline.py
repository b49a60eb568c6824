"""Inline pieces located by offset inside a block's source: links, bare URLs, HTML links, comments.

Every scanner here is linear in the length of its input (one pass, a stack for brackets), so a
line of 100,000 unbalanced brackets costs no more than any other line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawLink:
    """A link found in source text, by absolute offsets."""

    kind: str  # markdown | image | html | autolink
    label: str
    url: str
    start: int  # the whole link: "[" (or "!" for images, "<" for HTML)
    end: int
    url_start: int
    url_end: int
    label_start: int = -1
    label_end: int = -1


_SPACE = " \t\n"
# Nested parentheses a link destination may hold (cmark's limit too). It bounds every scan:
# each later "](" adds one, so "[a](" repeated costs linear time, not quadratic.
MAX_PAREN_DEPTH = 32


def _scan_destination(text: str, pos: int, limit: int) -> tuple[int, int, int] | None:
    """Parse ``(url "title")`` starting after "(": return (url_start, url_end, after_paren)."""
    i = pos
    while i < limit and text[i] in " \t":
        i += 1
    if i < limit and text[i] == "<":  # <url with spaces>
        close = text.find(">", i + 1, limit)
        if close < 0 or "\n" in text[i:close]:
            return None
        url_start, url_end, i = i + 1, close, close + 1
    else:
        url_start, depth = i, 0
        while i < limit:
            ch = text[i]
            if ch == "\\" and i + 1 < limit:
                i += 2
                continue
            if ch in _SPACE:
                break
            if ch == "(":
                depth += 1
                if depth > MAX_PAREN_DEPTH:
                    return None
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
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


_INTERESTING = re.compile(r"`+|[\[\]]")


def _link_at(text: str, opener: int, closer: int, floor: int, limit: int) -> RawLink | None:
    """The link whose label runs from ``opener`` to ``closer``, if a destination follows."""
    if closer + 1 >= limit or text[closer + 1] != "(":
        return None
    dest = _scan_destination(text, closer + 2, limit)
    if dest is None:
        return None
    url_start, url_end, after = dest
    image = opener > floor and text[opener - 1] == "!"
    return RawLink(
        "image" if image else "markdown",
        text[opener + 1 : closer],
        text[url_start:url_end],
        opener - 1 if image else opener,
        after,
        url_start,
        url_end,
        opener + 1,
        closer,
    )


def markdown_links(text: str, start: int = 0, end: int | None = None) -> list[RawLink]:
    """Every ``[label](url)`` and ``![alt](src)`` in ``text[start:end]``, outermost first.

    Nested links (a badge image inside a link) are all reported. Code spans are skipped.
    """
    end = len(text) if end is None else end
    found: list[RawLink] = []
    openers: list[int] = []
    resume = start  # characters before this were consumed by a link or a code span
    for m in _INTERESTING.finditer(text, start, end):
        i = m.start()
        if i < resume:
            continue
        ch = text[i]
        if ch == "`":
            run = m.end()
            close = text.find(m.group(), run, end)
            resume = close + len(m.group()) if close >= 0 else run
        elif ch == "[":
            if not _is_escaped(text, i, start):
                openers.append(i)
        elif openers and not _is_escaped(text, i, start):
            link = _link_at(text, openers.pop(), i, start, end)
            if link is not None:
                found.append(link)
                resume = link.end
    found.sort(key=lambda link: link.start)
    return found


_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>|(?<![\w/(\[<=\"'])(https?://[^\s<>\"'`]+)")
_TRAILING_PUNCT = ".,:;!?*_~'\")]"
_HTML_HREF = re.compile(
    r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))[^>]*>", re.I
)
_HTML_ANCHOR = re.compile(r"<[a-z][\w-]*\b[^>]*?\b(?:id|name)\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def bare_urls(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> Iterator[RawLink]:
    """GFM autolinks (``<https://…>`` and bare ``https://…``) outside already-found links."""
    for m in _AUTOLINK.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group(1):
            url_start, url_end = m.start(1), m.end(1)
        else:
            url_start, url_end = m.start(2), m.end(2)
            url = text[url_start:url_end]
            stripped = url.rstrip(_TRAILING_PUNCT)
            # Keep a closing ")" that balances an opening one inside the URL.
            while url_end - url_start > len(stripped) and stripped.count("(") > stripped.count(")"):
                stripped = url[: len(stripped) + 1]
            url_end = url_start + len(stripped)
        url = text[url_start:url_end]
        yield RawLink("autolink", url, url, m.start(), m.end(), url_start, url_end)


def html_links(text: str, start: int, end: int) -> Iterator[RawLink]:
    """``<a href>`` and ``<img src>`` targets."""
    for m in _HTML_HREF.finditer(text, start, end):
        group = 3 if m.group(3) is not None else 4 if m.group(4) is not None else 5
        kind = "image" if m.group(1).lower() == "img" else "html"
        yield RawLink(kind, "", m.group(group), m.start(), m.end(), m.start(group), m.end(group))


def html_anchors(text: str, start: int = 0, end: int | None = None) -> Iterator[str]:
    """Targets of ``id="…"`` and ``name="…"`` attributes: in-page anchors GitHub keeps."""
    end = len(text) if end is None else end
    for m in _HTML_ANCHOR.finditer(text, start, end):
        yield m.group(1)


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
