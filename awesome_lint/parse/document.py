"""The document: blocks in order, their links, headings, table of contents, entries and groups.

Each top-level block (see :mod:`.blocks`) is cut into candidate units (:mod:`.units`), each unit
is read (:mod:`.paragraphs`, :mod:`.items`, :mod:`.tables`), and the entries that sit together
form groups (:mod:`.groups`). Units that look like papers but yield no entry are kept as unread.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from ..inline import (
    Intervals,
    RawLink,
    bare_urls,
    comments,
    html_anchors,
    html_links,
    markdown_links,
    reference_definitions,
)
from ..model import Block, Document, Field, LineIndex, Link, PaperEntry, Section, Toc, TocItem
from ..slug import Slugger, plain_heading_text
from ..tables import Table, read_html_tables, read_tables, table_ranges
from .blocks import RawBlock, segment
from .entry import SortedLinks
from .groups import GroupBuilder
from .items import citation_entry, item_entry, key_value_entry, line_entries, paper_like
from .paragraphs import block_entries, citation_paragraph
from .tables import RowCells, html_table_entries, table_entries
from .units import Item, list_items, marker_lines, post_order

_new_tuple = tuple.__new__  # a named tuple built without its Python-level constructor
_start_of = itemgetter(3)  # RawLink.start
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_CONTENTS = re.compile(r"content|toc\b|index|overview|outline", re.I)
# Sections about the list itself: their items are news, contacts or citations, not papers.
_NOT_PAPERS = re.compile(
    r"\b(?:news|updates?|changelog|to ?do|contact|citation|cite|contribut\w*|acknowledge?ments?|"
    r"star history|license|sponsors?)\b",
    re.I,
)


class _Builder:
    def __init__(self, text: str, path: str, tables: list[Table]) -> None:
        self.text = text
        self.path = path
        self.tables = tables  # as GitHub renders them; each read with the block it ends in
        self.next_table = 0  # the first table that does not end before the current block
        self.index = LineIndex(text)
        self.span = self.index.span
        self.link_spans = self.index.link_spans
        self.slugger = Slugger()
        self.blocks: list[Block] = []
        self.headings: list[dict[str, Any]] = []
        self.grouping = GroupBuilder(self.index)
        self.links = SortedLinks()
        self.comments: list[Field] = []
        self.anchors: set[str] = {"top"}
        self.toc: Toc | None = None
        self.toc_candidates: list[tuple[int | None, Toc]] = []
        self.run = 0  # blocks that sit together: consecutive paragraphs, or one list or table
        self.other_links = 0  # items of the current list that link something other than a paper
        self.lone_title: RawBlock | None = None  # a bold title paragraph that a list may complete
        self.gap = 0  # where the text after the last block starts

    # -- helpers -------------------------------------------------------------------------------

    def _link(self, raw: RawLink) -> Link:
        kind, label, url, start, end, url_start, url_end, label_start, label_end = raw
        spans = self.link_spans(start, end, url_start, url_end, label_start, label_end)
        return _new_tuple(Link, (label, url, spans[0], spans[1], kind, spans[2]))

    def _collect_inline(self, start: int, end: int) -> list[Link]:
        """Links and comments in ``text[start:end]``: recorded for the document and returned."""
        text = self.text
        tags = text.find("<", start, end) >= 0  # (no comment or HTML tag without one)
        hidden = list(comments(text, start, end)) if tags else []
        for c_start, c_end in hidden:
            self.comments.append(Field(text[c_start:c_end], self.span(c_start, c_end)))
        raws = markdown_links(text, start, end)  # (in document order)
        others = reference_definitions(text, start, end)
        taken = [(r.start, r.end) for r in (*raws, *others)] + hidden
        others += bare_urls(text, start, end, taken)
        if tags:
            others += html_links(text, start, end)
            self.anchors.update(html_anchors(text, start, end))
        if others:
            raws += others
            raws.sort(key=_start_of)
        visible = _outside(raws, hidden) if hidden else raws
        links = [self._link(r) for r in visible]
        self.links.extend(links)
        return links

    def collect_definitions(self, end: int) -> None:
        """Link reference definitions from the end of the last block to ``end``: between blocks
        lie only blank lines and definitions, which mistune keeps in no block."""
        if self.text.find("]:", self.gap, end) >= 0:  # (each definition holds one)
            self.links.extend(map(self._link, reference_definitions(self.text, self.gap, end)))

    @property
    def section(self) -> int | None:
        return len(self.headings) - 1 if self.headings else None

    # -- blocks --------------------------------------------------------------------------------

    def add(self, raw: RawBlock) -> None:
        self.collect_definitions(raw.start)
        self.gap = raw.end
        self.blocks.append(Block(raw.kind, self.span(raw.start, raw.end)))
        together = ("paragraph", "html")
        if raw.kind not in together or self._previous_kind not in together:
            self.run += 1
        lone_title, self.lone_title = self.lone_title, None
        handler = getattr(self, "_add_" + raw.kind, None)
        if raw.kind == "list" and lone_title is not None:
            self._add_titled_list(lone_title, raw)
        elif handler is not None:
            handler(raw)
        elif raw.kind in ("quote", "other"):
            self._collect_inline(raw.start, raw.end)

    def _add_heading(self, raw: RawBlock) -> None:
        text = self.text
        level = raw.level
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
                "about_the_list": bool(_NOT_PAPERS.search(plain)),
            }
        )

    def _add_html(self, raw: RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        if not self._about_the_list and self.text.find("<table", raw.start, raw.end) >= 0:
            for table in read_html_tables(self.text, raw.start, raw.end):
                found = html_table_entries(self.text, table, links, self.index, self.section)
                self._add_rows(*found, links)
        anchors = [link for link in links if link.kind == "html" and link.url.startswith("#")]
        if len(anchors) >= 2:
            items = tuple(
                TocItem(_html_label(self.text, link), link.url[1:], 0, link) for link in anchors
            )
            self.toc_candidates.append(
                (self.section, Toc(items, self.span(raw.start, raw.end), self.section))
            )

    @property
    def _about_the_list(self) -> bool:
        """Whether the current section is about the list itself (news, contact, citation)."""
        return self.section is not None and self.headings[self.section]["about_the_list"]

    def _add_paragraph(self, raw: RawBlock) -> None:
        links = self._collect_inline(raw.start, raw.end)
        if self._about_the_list or self._read_tables(raw):
            return  # (a paragraph GitHub shows as table rows is read as rows)
        text, count = self.text, len(self.grouping.entries)
        if citation_paragraph(text, raw.start):
            found = citation_entry(text, raw.start, raw.end, links, self.index, self.section)
            self._add_or_unread(found, "block", raw.start, raw.end, links)
            return
        for entry in block_entries(text, raw.start, raw.end, links, self.index, self.section):
            self._add_entry(entry)
        if len(self.grouping.entries) == count:
            if text.startswith("**", raw.start) and "\n" not in text[raw.start : raw.end]:
                self.lone_title = raw
            elif text.startswith(("**", "[**"), raw.start):
                self._add_or_unread(None, "block", raw.start, raw.end, links)
            else:
                for entry in line_entries(
                    text, raw.start, raw.end, links, self.index, self.section
                ):
                    self._add_entry(entry)

    def _add_titled_list(self, title: RawBlock, raw: RawBlock) -> None:
        """``**Title**`` then ``- Paper: <url>`` bullets: one entry of the two blocks."""
        links = self._collect_inline(raw.start, raw.end)
        all_links = self.links.between(title.start, raw.end)
        entry = key_value_entry(
            self.text, title.start, raw.end, all_links, self.index, self.section
        )
        if entry is None:
            self._add_list(raw, links)
        else:
            self._add_entry(entry)

    def _add_list(self, raw: RawBlock, links: list[Link] | None = None) -> None:
        if links is None:
            links = self._collect_inline(raw.start, raw.end)
        self._maybe_toc(links, raw)
        if self._about_the_list:
            return
        since, self.other_links = len(self.grouping.entries), 0
        before: dict[int, tuple[int, int, int]] = {}  # item start -> state before its subtree
        list_links = SortedLinks(links)
        for item in post_order(list_items(self.text, raw.start, raw.end)):
            state = before.pop(item.children[0].start) if item.children else self._state()
            before[item.start] = state
            self._add_item(item, list_links, state)
        self.grouping.drop_outvoted(since, self.other_links)

    def _state(self) -> tuple[int, int, int]:
        return (*self.grouping.snapshot(), self.other_links)

    def _add_item(self, item: Item, links: SortedLinks, before: tuple[int, int, int]) -> None:
        """An item is an entry, or a category whose nested items (read already) are the entries."""
        children = self.grouping.entries[before[0] :]
        if any(entry.layout != "plain" for entry in children):
            return  # a category bullet: its nested items are the entries
        end = _cap_lines(self.text, item.start, _sub_bullets_end(self.text, item))
        item_links = links.between(item.start, end)
        found = item_entry(
            self.text, item.start, end, item.content_start, item_links, self.index, self.section
        )
        if found is None and children:
            return
        # The nested items are this entry's sub-bullets: forget what they said on their own.
        self.grouping.restore(before[:2])
        self.other_links = before[2]
        if found is None and _starts_with_link(self.text, item.content_start, item_links):
            self.other_links += 1
        self._add_or_unread(found, "item", item.start, end, item_links, item.content_start)

    def _add_table(self, raw: RawBlock) -> None:
        self._collect_inline(raw.start, raw.end)
        if not self._about_the_list:
            self._read_tables(raw)

    def _read_tables(self, raw: RawBlock) -> bool:
        """Read the tables that end in this block; whether the block holds table rows."""
        tables = self.tables
        while self.next_table < len(tables) and tables[self.next_table].end <= raw.start:
            self.next_table += 1  # (blocks and tables both come in document order)
        overlapping = []
        i = self.next_table
        while i < len(tables) and tables[i].start < raw.end:
            overlapping.append(tables[i])
            i += 1
        for table in overlapping:
            if table.end <= raw.end:
                self._read_table(table)
        return bool(overlapping)

    def _read_table(self, table: Table) -> None:
        links = self.links.between(table.start, table.end)
        self._add_rows(*table_entries(self.text, table, links, self.index, self.section), links)

    def _add_rows(
        self, entries: list[PaperEntry], unread: list[RowCells], links: list[Link]
    ) -> None:
        for entry in entries:
            self._add_entry(entry)
        by_start = SortedLinks(links)
        for start, end, _ in unread:
            self._add_or_unread(None, "row", start, end, by_start.between(start, end))

    def _add_or_unread(
        self,
        entry: PaperEntry | None,
        family: str,
        start: int,
        end: int,
        links: list[Link],
        content_start: int | None = None,
    ) -> None:
        """The entry, or a note that a unit with a paper link was not understood."""
        if entry is not None:
            self._add_entry(entry)
        elif paper_like(self.text, start if content_start is None else content_start, end, links):
            self.grouping.add_unread(family, start, end, self.run, self.section)

    @property
    def _previous_kind(self) -> str | None:
        return self.blocks[-2].kind if len(self.blocks) > 1 else None

    def _add_entry(self, entry: PaperEntry) -> None:
        self.grouping.add(entry, self.run)

    # -- table of contents ---------------------------------------------------------------------

    def _maybe_toc(self, links: list[Link], raw: RawBlock) -> None:
        """A list whose items mostly link to in-page anchors is a table of contents."""
        firsts = {ln.span.start: ln for ln in reversed(links) if ln.kind == "markdown"}
        markers = list(marker_lines(self.text, raw.start, raw.end))
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

    def finish(self, newline: str, bom: bool) -> Document:
        groups, entries, unread = self.grouping.finish()
        for entry in entries:
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
            entries=tuple(entries),
            links=tuple(self.links.links),
            toc=self._choose_toc(),
            anchors=frozenset(self.anchors | {s.slug for s in sections}),
            comments=tuple(self.comments),
            index=self.index,
            groups=groups,
            unread=unread,
        )


MAX_ITEM_LINES = 60  # sub-bullets read with an item: a deeper or longer tail is no metadata


def _sub_bullets_end(text: str, item: Item) -> int:
    """Where an item's own sub-bullets end: before the first item nested two levels deep."""
    deeper = [child.children[0].start for child in item.children if child.children]
    end = min(deeper, default=item.end)
    while end > item.start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _cap_lines(text: str, start: int, end: int) -> int:
    pos = start
    for _ in range(MAX_ITEM_LINES):
        pos = text.find("\n", pos + 1, end)
        if pos < 0:
            return end
    return pos


def _outside(raws: list[RawLink], hidden: list[tuple[int, int]]) -> list[RawLink]:
    """The links that start outside every comment."""
    in_comment = Intervals(hidden)
    return [r for r in raws if r.start not in in_comment]


def _starts_with_link(text: str, start: int, links: list[Link]) -> bool:
    first = next((link for link in links if link.kind == "markdown"), None)
    return (
        first is not None
        and not first.url.startswith("#")
        and not text[start : first.span.start].strip(" \t*_")
    )


def _html_label(text: str, link: Link) -> str:
    close = text.find("</a>", link.span.end)
    if close < 0:
        return ""
    return plain_heading_text(text[link.span.end : close])


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
        raws = segment(text)
        builder = _Builder(text, path, _tables(text, raws))
        for raw in raws:
            builder.add(raw)
        builder.collect_definitions(len(text))
        return builder.finish(newline, bom)


def _tables(text: str, raws: list[RawBlock]) -> list[Table]:
    """Every top-level pipe table as GitHub renders it (where mistune may see a paragraph)."""
    found: list[Table] = []
    for start, end in table_ranges(text, ((raw.kind, raw.start, raw.end) for raw in raws)):
        if text.find("|", start, end) >= 0:
            found.extend(read_tables(text, start, end))
    return found


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
