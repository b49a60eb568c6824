"""What a reader sees of some Markdown: mistune's HTML reduced to its visible text."""

from __future__ import annotations

import difflib
import html
import re

import mistune

_MARKDOWN = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
_LINE_END = re.compile(r"<br\s*/?>|</(?:p|li|h\d|tr|td|th|blockquote|pre)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def visible_text(markdown: str) -> str:
    """The text as a browser shows it: whitespace runs as one space, a line per break."""
    rendered = " ".join(str(_MARKDOWN(markdown)).split())
    text = html.unescape(_TAG.sub("", _LINE_END.sub("\n", rendered)))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def visible_changes(before: str, after: str) -> list[tuple[str, str]]:
    """Each stretch of visible text that differs: (before, after)."""
    a, b = visible_text(before), visible_text(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
