"""Top-level Markdown blocks with their exact source offsets. The only module that imports mistune.

mistune segments the text into top-level blocks but keeps no positions, so a thin subclass of
its block state stamps every top-level token with its source offsets. Everything inside a block
is then located by scanning the block's own source slice, so every offset is exact by
construction. Inline parsing by mistune is not needed and not run.

mistune's block loop, on a line that none of its rules matches at once (a paragraph that starts
with punctuation, as every ``**Title**`` entry does), searches for the next block with a regex
of a dozen alternatives tried at every character. Every alternative starts with ``^``, so the
scanner below tries line starts only: the same matches, at a fraction of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.markdown import Markdown
from mistune.plugins import import_plugin

try:  # the regex syntax tree: Python 3.11+
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


class _StampedState(BlockState):
    """Block state that records the source offsets of top-level paragraphs."""

    def add_paragraph(self, text: str) -> None:
        if self.parent is not None:
            return super().add_paragraph(text)
        last = self.last_token()
        end = self.cursor + len(text)
        if last and last["type"] == "paragraph":
            last["text"] += text
            last["_end"] = end
        else:
            self.tokens.append(
                {"type": "paragraph", "text": text, "_start": self.cursor, "_end": end}
            )

    def append_paragraph(self) -> int | None:
        end = super().append_paragraph()
        if self.parent is None and end is not None:
            self.tokens[-1]["_end"] = end
        return end


class LineStartScanner:
    """A block rule regex whose ``search`` tries line starts only.

    Valid for a regex every alternative of which begins with ``^`` (see ``starts_at_line``):
    such a regex can match nowhere else, so the first line start where it matches is the
    match ``pattern.search`` would find, character for character.
    """

    __slots__ = ("match", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.match = pattern.match

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if pos < 0:
            pos = 0
        if 0 < pos <= len(text) and text[pos - 1] != "\n":
            pos = text.find("\n", pos) + 1
            if pos == 0:
                return None
        while True:
            found = self.match(text, pos)
            if found is not None:
                return found
            pos = text.find("\n", pos) + 1
            if pos == 0:
                return None


@cache
def starts_at_line(regex: str) -> bool:
    """Whether every match of ``regex`` must begin with ``^`` (a line start under re.M)."""
    return _begins_with_caret(_sre_parse.parse(regex))


def _begins_with_caret(items: Sequence[tuple[Any, Any]]) -> bool:
    if not len(items):
        return False
    op, argument = items[0]
    if op is _sre.AT:
        return argument in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_LINE)
    if op is _sre.SUBPATTERN:  # (group, add flags, del flags, items)
        return _begins_with_caret(argument[-1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):  # (min, max, items)
        return argument[0] >= 1 and _begins_with_caret(argument[2])
    if op is _sre.BRANCH:  # (None, [items, ...])
        return all(_begins_with_caret(branch) for branch in argument[1])
    return False


class _StampedParser(BlockParser):
    state_cls = _StampedState

    def __init__(self) -> None:
        super().__init__()
        self._scanners: dict[re.Pattern[str], LineStartScanner | re.Pattern[str]] = {}

    def compile_sc(self, rules: list[str] | None = None) -> Any:
        """mistune's regex of these rules, as a LineStartScanner when they all begin with ^."""
        pattern = super().compile_sc(rules)
        scanner = self._scanners.get(pattern)
        if scanner is None:
            specs = (self.specification[rule] for rule in rules or self.rules)
            anchored = all(starts_at_line(spec) for spec in specs)
            scanner = LineStartScanner(pattern) if anchored else pattern
            self._scanners[pattern] = scanner
        return scanner

    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:  # type: ignore[override]
        if state.parent is not None:
            return super().parse_method(m, state)
        count, start = len(state.tokens), state.cursor
        end = super().parse_method(m, state)
        for token in state.tokens[count:]:
            token.setdefault("_start", start)
            if end:
                token.setdefault("_end", end)
        return end


_MARKDOWN = Markdown(block=_StampedParser(), plugins=[import_plugin("table")])

_KINDS = {
    "paragraph": "paragraph",
    "heading": "heading",
    "list": "list",
    "table": "table",
    "block_html": "html",
    "block_code": "code",
    "block_quote": "quote",
    "thematic_break": "rule",
}


@dataclass(slots=True)
class RawBlock:
    kind: str  # paragraph | heading | list | table | html | code | quote | rule | other
    start: int
    end: int
    level: int  # a heading's level (mistune's token is not kept: its tree is freed at once)


def segment(text: str) -> list[RawBlock]:
    """Top-level blocks with their source offsets (trailing blank lines trimmed)."""
    state = _MARKDOWN.block.state_cls()
    state.process(text if text.endswith("\n") else text + "\n")
    _MARKDOWN.block.parse(state)
    tokens = [t for t in state.tokens if t["type"] != "blank_line"]
    blocks: list[RawBlock] = []
    for i, token in enumerate(tokens):
        start = token.get("_start")
        if start is None:  # not stamped (indented code): between its neighbours
            start = blocks[-1].end if blocks else 0
        # A block ends where the next one starts: a list that a heading interrupts is
        # stamped with the heading's end, since mistune parses both in one call.
        following = tokens[i + 1].get("_start") if i + 1 < len(tokens) else None
        end = min(token.get("_end") or len(text), following or len(text), len(text))
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        while start < end and text[start] == "\n":
            start += 1
        if end > start:
            attrs = token.get("attrs")
            level = attrs.get("level", 1) if attrs else 1
            blocks.append(RawBlock(_KINDS.get(token["type"], "other"), start, end, level))
    return blocks
