"""Markdown → the project's model, with exact positions. The only module that imports mistune.

mistune segments the text into top-level blocks but keeps no positions, so a thin subclass of
its block state stamps every top-level token with its source offsets. Everything inside a block
(entries, fields, links) is then located by scanning the block's own source slice, so every
offset is exact by construction. Inline parsing by mistune is not needed and not run.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.markdown import Markdown
from mistune.plugins import import_plugin

from . import entries as entry_parser
from .inline import (
    Intervals,
    RawLink,
    bare_urls,
    comments,
    html_anchors,
    html_links,
    markdown_links,
    reference_definitions,
)
from .model import (
    Block,
    Document,
    Field,
    Group,
    LineIndex,
    Link,
    PaperEntry,
    Section,
    Toc,
    TocItem,
)
from .slug import Slugger, plain_heading_text


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
class _RawBlock:
    kind: str
    start: int
    end: int
    token: dict[str, Any]


def _segment(text: str) -> list[_RawBlock]:
    """Top-level blocks with their source offsets (trailing blank lines trimmed)."""
    state = _MARKDOWN.block.state_cls()
    state.process(text if text.endswith("\n") else text + "\n")
    _MARKDOWN.block.parse(state)
    tokens = [t for t in state.tokens if t["type"] != "blank_line"]
    blocks: list[_RawBlock] = []
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
            blocks.append(_RawBlock(_KINDS.get(token["type"], "other"), start, end, token))
    return blocks


_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_MARKER = re.compile(r"([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_CONTENTS = re.compile(r"content|toc\b|index|overview|outline", re.I)


class _Builder:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.index = LineIndex(text)
        self.span = self.index.span
        self.slugger = Slugger()
        self.blocks: list[Block] = []
        self.headings: list[dict[str, Any]] = []
        self.entries: list[PaperEntry] = []
        self.links: list[Link] = []
        self.comments: list[Field] = []
        self.anchors: set[str] = {"top"}
        self.toc: Toc | None = None
        self.toc_candidates: list[tuple[int | None, Toc]] = []
        self.run = 0  # blocks that sit together: consecutive paragraphs, or one list or table
        self.group_of: list[tuple[int, str, int | None]] = []  # (run, family, section) per entry
        self.gap = 0  # where the text after the last block starts

    # -- helpers -------------------------------------------------------------------------------

    def _link(self, raw: RawLink) -> Link:
        label_span = self.span(raw.label_start, raw.label_end) if raw.label_start >= 0 else None
        return Link(
            raw.label,
            raw.url,
            self.span(raw.start, raw.end),
            self.span(raw.url_start, raw.url_end),
            raw.kind,
            label_span,
        )

    def _collect_inline(self, start: int, end: int) -> list[Link]:
        """Links and comments in ``text[start:end]``: recorded for the document and returned."""
        text = self.text
        hidden = list(comments(text, start, end))
        for c_start, c_end in hidden:
            self.comments.append(Field(text[c_start:c_end], self.span(c_start, c_end)))
        raws = markdown_links(text, start, end) + reference_definitions(text, start, end)
        taken = [(r.start, r.end) for r in raws] + hidden
        raws += bare_urls(text, start, end, taken)
        raws += html_links(text, start, end)
        self.anchors.update(html_anchors(text, start, end))
        in_comment = Intervals(hidden)
        visible = [r for r in raws if r.start not in in_comment]
        visible.sort(key=lambda r: r.start)
        links = [self._link(r) for r in visible]
        self.links.extend(links)
        return links

    def collect_definitions(self, end: int) -> None:
        """Link reference definitions from the end of the last block to ``end``: between blocks
        lie only blank lines and definitions, which mistune keeps in no block."""
        self.links.extend(map(self._link, reference_definitions(self.text, self.gap, end)))

    @property
    def section(self) -> int | None:
        return len(self.headings) - 1 if self.headings else None

    # -- blocks --------------------------------------------------------------------------------

    def add(self, raw: _RawBlock) -> None:
        self.collect_definitions(raw.start)
        self.gap = raw.end
        self.blocks.append(Block(raw.kind, self.span(raw.start, raw.end)))
        together = ("paragraph", "html")
        if raw.kind not in together or self._previous_kind not in together:
            self.run += 1
        handler = getattr(self, "_add_" + raw.kind, None)
        if handler is not None:
            handler(raw)
        elif raw.kind in ("quote", "other"):
            self._collect_inline(raw.start, raw.end)

    def _add_heading(self, raw: _RawBlock) -> None:
        text = self.text
        level = raw.token.get("attrs", {}).get("level", 1)
        line_end = text.find("\n", raw.start, raw.end)
        m = _ATX.match(text, raw.start, raw.end if line_end < 0 else line_end)
        if m:
            title_start = m.end()
            title_end = raw.end if line_end < 0 else line_end
            close = _ATX_CLOSE.search(text, title_start, title_end)
            if close:
                title_end = close.start()
        else:  # setext: the text lines above the underline
            title_start = raw.start
            title_end = text.rfind("\n", raw.start, raw.end)
        while title_start < title_end and text[title_start] in " \t":
            title_start += 1
        while title_end > title_start and text[title_end - 1] in " \t":
            title_end -= 1
        title = text[title_start:title_end]
        plain = plain_heading_text(title)
        self._collect_inline(raw.start, raw.end)
        self.headings.append(
            {
                "title": title,
                "text": plain,
                "level": level,
                "slug": self.slugger.slug(plain),
                "span": self.span(raw.start, raw.end),
                "title_span": self.span(title_start, title_end),
                "entries": [],
            }
        )

    def _add_html(self, raw: _RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        anchors = [link for link in links if link.kind == "html" and link.url.startswith("#")]
        if len(anchors) >= 2:
            items = tuple(
                TocItem(_html_label(self.text, link), link.url[1:], 0, link) for link in anchors
            )
            self.toc_candidates.append(
                (self.section, Toc(items, self.span(raw.start, raw.end), self.section))
            )

    def _add_paragraph(self, raw: _RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        for found in entry_parser.block_entries(
            self.text, raw.start, raw.end, links, self.span, self.section
        ):
            self._add_entry(found)

    def _add_list(self, raw: _RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        self._maybe_toc(links, raw)
        for item_start, item_end, content_start in _list_items(self.text, raw.start, raw.end):
            item_links = [link for link in links if item_start <= link.span.start < item_end]
            found = entry_parser.item_entry(
                self.text, item_start, item_end, content_start, item_links, self.span, self.section
            )
            if found is not None:
                self._add_entry(found)

    def _add_table(self, raw: _RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        for found in entry_parser.table_entries(
            self.text, raw.start, raw.end, links, self.span, self.section
        ):
            self._add_entry(found)

    @property
    def _previous_kind(self) -> str | None:
        return self.blocks[-2].kind if len(self.blocks) > 1 else None

    def _add_entry(self, entry: PaperEntry) -> None:
        self.group_of.append((self.run, entry.family, entry.section))
        self.entries.append(entry)

    # -- table of contents ---------------------------------------------------------------------

    def _maybe_toc(self, links: list[Link], raw: _RawBlock) -> None:
        """A list whose items mostly link to in-page anchors is a table of contents."""
        firsts = {ln.span.start: ln for ln in reversed(links) if ln.kind == "markdown"}
        markers = list(_marker_lines(self.text, raw.start, raw.end))
        toc_items: list[tuple[int, Link]] = []
        for _, indent, content in markers:
            first = firsts.get(content)
            if first is not None and first.url.startswith("#"):
                toc_items.append((indent, first))
        if len(toc_items) < 2 or len(toc_items) < 0.6 * len(markers):
            return
        indents = sorted({indent for indent, _ in toc_items})
        toc = Toc(
            tuple(
                TocItem(link.label, link.url[1:], indents.index(indent), link)
                for indent, link in toc_items
            ),
            self.span(raw.start, raw.end),
            self.section,
        )
        self.toc_candidates.append((self.section, toc))

    def _choose_toc(self) -> Toc | None:
        for section, toc in self.toc_candidates:
            if section is not None and _CONTENTS.search(self.headings[section]["text"]):
                return toc
        return self.toc_candidates[0][1] if self.toc_candidates else None

    # -- result --------------------------------------------------------------------------------

    def _groups(self) -> tuple[tuple[Group, ...], list[PaperEntry]]:
        """Entries that sit together form a group; each entry learns its group's index."""
        groups: list[Group] = []
        members: list[int] = []
        entries: list[PaperEntry] = []
        for i, (entry, key) in enumerate(zip(self.entries, self.group_of, strict=True)):
            if members and key != self.group_of[members[0]]:
                groups.append(self._group(len(groups), members))
                members = []
            members.append(i)
            entries.append(replace(entry, group=len(groups)))
        if members:
            groups.append(self._group(len(groups), members))
        return tuple(groups), entries

    def _group(self, index: int, members: list[int]) -> Group:
        first, last = self.entries[members[0]], self.entries[members[-1]]
        return Group(
            index,
            first.family,
            self.span(first.span.start, last.span.end),
            first.section,
            tuple(members),
        )

    def finish(self, newline: str, bom: bool) -> Document:
        groups, self.entries = self._groups()
        for entry in self.entries:
            if entry.section is not None:
                self.headings[entry.section]["entries"].append(entry)
        sections = _sections(self.headings)
        return Document(
            path=self.path,
            text=self.text,
            newline=newline,
            bom=bom,
            blocks=tuple(self.blocks),
            sections=sections,
            entries=tuple(self.entries),
            links=tuple(self.links),
            toc=self._choose_toc(),
            anchors=frozenset(self.anchors | {s.slug for s in sections}),
            comments=tuple(self.comments),
            index=self.index,
            groups=groups,
        )


def _html_label(text: str, link: Link) -> str:
    close = text.find("</a>", link.span.end)
    if close < 0:
        return ""
    return plain_heading_text(text[link.span.end : close])


def _marker_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(line start, indent width, content start) of every list-marker line, nested ones too."""
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        m = _MARKER.match(text, pos, line_end)
        if m:
            yield pos, len(m.group(1).expandtabs(4)), m.end()
        pos = line_end + 1


def _list_items(text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(item start, item end, content start) of each item at the list's outermost level."""
    outer = [
        (pos, content)
        for pos, indent, content in _marker_lines(text, start, end)
        if indent <= _base_indent(text, start) + 1
    ]
    for i, (pos, content) in enumerate(outer):
        item_end = outer[i + 1][0] if i + 1 < len(outer) else end
        yield pos, _trim_end(text, pos, item_end), content


def _base_indent(text: str, start: int) -> int:
    m = _MARKER.match(text, start)
    return len(m.group(1).expandtabs(4)) if m else 0


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _sections(headings: list[dict[str, Any]]) -> tuple[Section, ...]:
    parents: list[int | None] = []
    children: list[list[int]] = [[] for _ in headings]
    stack: list[int] = []
    for i, heading in enumerate(headings):
        while stack and headings[stack[-1]]["level"] >= heading["level"]:
            stack.pop()
        parent = stack[-1] if stack else None
        parents.append(parent)
        if parent is not None:
            children[parent].append(i)
        stack.append(i)
    return tuple(
        Section(
            index=i,
            title=h["title"],
            text=h["text"],
            level=h["level"],
            slug=h["slug"],
            span=h["span"],
            title_span=h["title_span"],
            parent=parents[i],
            entries=tuple(h["entries"]),
            children=tuple(children[i]),
        )
        for i, h in enumerate(headings)
    )


def parse_document(
    text: str, path: str = "<text>", *, newline: str = "\n", bom: bool = False
) -> Document:
    """Parse decoded Markdown (newlines already folded to "\\n") into a Document."""
    with gc_paused():
        builder = _Builder(text, path)
        for raw in _segment(text):
            builder.add(raw)
        builder.collect_definitions(len(text))
        return builder.finish(newline, bom)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector: parsing and linting build tens of thousands of small acyclic
    objects, and collections during that work only cost time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
