"""Logical lines of a unit: physical lines split again at mid-line ``<br>`` tags, each with the
break token that ends it, exactly as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BR = r"<\s*/?\s*br\s*/?\s*>"
BR_TAG = re.compile(_BR, re.I)
_BLANKS = re.compile(r"[ \t]*")
_BR_TAIL = re.compile(rf"{_BR}$", re.I)


def break_kind(token: str) -> str:
    """The kind of a line-break token: backslash, br, spaces, broken-backslash or none."""
    stripped = token.strip(" \t")
    if stripped == "\\":
        return "backslash" if token.endswith("\\") else "broken-backslash"
    if stripped:
        return "br"
    return "spaces" if len(token) >= 2 else "none"


@dataclass(slots=True)
class Line:
    start: int  # content start (indentation skipped)
    end: int  # content end (break token excluded)
    token: str
    token_start: int


def logical_lines(text: str, start: int, end: int) -> list[Line]:
    """Physical lines, split again at mid-line ``<br>`` tags, each with its break token."""
    lines: list[Line] = []
    pos = start
    for physical in text[start:end].split("\n"):
        line_end = pos + len(physical)
        if "<" in physical:
            lines += _tagged_lines(text, pos, line_end)
        else:  # (the usual line, read by string methods: what _break_start and _line find)
            content = physical.rstrip(" \t")
            if content.endswith("\\"):
                content = content[:-1].rstrip(" \t")
            content_end = pos + len(content)
            content_start = pos
            if content.startswith((" ", "\t")):  # (most lines are not indented: no copy)
                content_start = content_end - len(content.lstrip(" \t"))
            token = physical[len(content) :]
            if content_end > content_start or token:
                lines.append(Line(content_start, content_end, token, content_end))
        pos = line_end + 1
    return lines


def _tagged_lines(text: str, pos: int, line_end: int) -> list[Line]:
    """One physical line that may hold ``<br>`` tags, split at them."""
    lines: list[Line] = []
    piece = pos
    for m in BR_TAG.finditer(text, pos, line_end):
        # The token takes the blanks around the tag (found without a regex that would
        # retry "[ \t]*" from every blank of a long indentation).
        token_start = piece + len(text[piece : m.start()].rstrip(" \t"))
        token_end = _BLANKS.match(text, m.end(), line_end).end()
        if token_end == line_end:
            break
        lines.append(_line(text, piece, token_start, text[token_start:token_end]))
        piece = token_end
    content_end = _break_start(text, piece, line_end)
    lines.append(_line(text, piece, content_end, text[content_end:line_end]))
    return [line for line in lines if line.end > line.start or line.token]


def _line(text: str, start: int, end: int, token: str) -> Line:
    """A line from its content's bounds, its indentation skipped."""
    if text.startswith((" ", "\t"), start):
        return Line(min(_BLANKS.match(text, start, end).end(), end), end, token, end)
    return Line(start, end, token, end)


def _break_start(text: str, start: int, end: int) -> int:
    """Where the line's break token (``\\``, ``<br>``, trailing spaces) starts."""
    i = start + len(text[start:end].rstrip(" \t"))
    if i > start and text[i - 1] == "\\":
        i -= 1
    elif i > start and text[i - 1] == ">":
        m = _BR_TAIL.search(text, max(start, i - 12), i)
        if m is None:
            return i
        i = m.start()
    else:
        return i
    while i > start and text[i - 1] in " \t":
        i -= 1
    return i


def strip(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``(start, end)`` narrowed past ``chars`` on both sides."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
