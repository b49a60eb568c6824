"""Top-level Markdown blocks with their exact source offsets. The only module that imports mistune.

mistune segments the text into top-level blocks but keeps no positions, so a thin subclass of
its block state stamps every top-level token with its source offsets. Everything inside a block
is then located by scanning the block's own source slice, so every offset is exact by
construction. Inline parsing by mistune is not needed and not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.markdown import Markdown
from mistune.plugins import import_plugin


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


class _StampedParser(BlockParser):
    state_cls = _StampedState

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
    token: dict[str, Any]


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
            blocks.append(RawBlock(_KINDS.get(token["type"], "other"), start, end, token))
    return blocks
