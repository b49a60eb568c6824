"""AL404 empty-section: a heading with nothing under it: no entries, no subsections, no text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..inline import strip_comments
from ..model import Block, Document
from ..rule import Rule, RuleContext
from .sections_common import clean, is_link_heading

_TAG = re.compile(r"<[^>]*>")
# A heading whose text is wrapped in a block-level HTML element: a decorative banner.
_BANNER = re.compile(r"<(?:p|div|center|h[1-6]|span|img|picture)\b", re.I)
_MEDIA = re.compile(r"<(?:img|picture|video|iframe|svg|table|a|object|embed)\b", re.I)


class EmptySection(Rule):
    code = "AL404"
    name = "empty-section"
    summary = "A heading with no entries, no subsections and no other content."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        starts = [section.span.start for section in doc.sections] + [len(doc.text)]
        block_starts = [block.span.start for block in doc.blocks]
        for section in doc.sections:
            if section.entries or section.children or is_link_heading(section):
                continue
            if _BANNER.match(section.title.strip()):
                continue  # "# <p align=center>…</p>": a banner, not a section
            first = bisect_left(block_starts, section.span.end)
            last = bisect_left(block_starts, starts[section.index + 1])
            body = doc.blocks[first:last]
            if not any(_has_content(doc, block) for block in body):
                yield self.diagnostic(
                    doc,
                    section.title_span,
                    f'section "{clean(section.text)}" is empty: add its entries or remove the '
                    "heading",
                )


def _has_content(doc: Document, block: Block) -> bool:
    """Anything a reader sees, except a thematic break and HTML that only holds comments/tags."""
    if block.kind in ("rule", "heading"):
        return False
    source = doc.text[block.span.start : block.span.end]
    if block.kind != "html":
        return bool(source.strip())
    source = strip_comments(source)
    return bool(_MEDIA.search(source)) or bool(_TAG.sub("", source).strip())
