"""GitHub's heading anchors: the algorithm of the ``github-slugger`` package, and heading text.

github-slugger lower-cases the heading's text, drops every character that is not a letter, a
mark, a decimal digit, a letter number (``Ⅻ``), a connector (``_``), a hyphen or a space (other
numbers, ``½`` and ``²``, go too), turns spaces into hyphens, and suffixes repeated slugs with
``-1``, ``-2`` ….
"""

from __future__ import annotations

import html
import re
import unicodedata

from .inline import strip_comments


def _keep(ch: str) -> bool:
    if ch in "- ":
        return True
    category = unicodedata.category(ch)
    return category[0] in "LM" or category in ("Nd", "Nl", "Pc")


def slugify(text: str) -> str:
    return "".join(ch for ch in text.lower() if _keep(ch)).replace(" ", "-")


class Slugger:
    """Hands out unique slugs in document order, as GitHub does for one README."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slugify(text)
        result = base
        while result in self.seen:
            self.seen[base] += 1
            result = f"{base}-{self.seen[base]}"
        self.seen[result] = 0
        return result


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_heading_text(source: str) -> str:
    """The text GitHub renders for a heading's inline Markdown (what its anchor is made of)."""
    text = _IMAGE.sub("", strip_comments(source).strip())
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _SHORTCODE.sub("", text)  # emoji shortcodes render as emoji, which slugs drop
    text = text.replace("`", "")
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)
