"""AL401 toc-mismatch: the table of contents and the headings disagree."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Section, Toc, TocItem
from ..rule import Rule, RuleContext
from .sections_common import (
    anchor_key,
    clean,
    fold,
    html_anchor_sections,
    is_conventional,
    is_link_heading,
    item_text,
    resolve,
    slug_index,
)

# A leading section number: "1. ", "2.3 ", "IV. ".
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")
# A trailing abbreviation the label or heading adds: "Speech Recognition (ASR)".
_ABBREVIATION = re.compile(r"\s*\([A-Z0-9][A-Za-z0-9-]*\)$")


def same_name(label: str, heading: str) -> bool:
    """The TOC label names the heading: up to a section number, an added abbreviation, case,
    punctuation (a heading's trailing colon is AL408's) and spacing ("Text-to-Audio")."""

    def key(text: str) -> str:
        return fold(_ABBREVIATION.sub("", _NUMBER.sub("", text)))

    return key(label) == key(heading)


class TocMismatch(Rule):
    code = "AL401"
    name = "toc-mismatch"
    summary = (
        "A heading missing from the table of contents, a TOC item with no heading, "
        "or a TOC label that differs from its heading."
    )
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        toc = doc.toc
        if toc is None:
            return
        slugs = slug_index(doc)
        marked = html_anchor_sections(doc)
        by_text: dict[str, Section] = {}
        for section in doc.sections:
            by_text.setdefault(fold(section.text), section)
        listed: set[int] = set()
        for item in toc.items:
            section = resolve(item.anchor, slugs)
            section, wraps = (
                (section, True) if section else marked.get(anchor_key(item.anchor), (None, False))
            )
            if section is not None:
                listed.add(section.index)
                # An empty <a name> above a heading marks a place; its label names no text
                diagnostic = self._check_label(doc, item, section) if wraps else None
                if diagnostic is not None:
                    yield diagnostic
            elif fold(item_text(item)) in by_text:
                listed.add(by_text[fold(item_text(item))].index)  # a broken anchor: AL403
            # An item that matches nothing has a dangling anchor: AL403 reports it, once.
        for section in _required(doc, toc, listed):
            if section.index not in listed:
                yield self.diagnostic(
                    doc,
                    section.title_span,
                    f'heading "{clean(section.text)}" is missing from the table of contents',
                )

    def _check_label(self, doc: Document, item: TocItem, section: Section) -> Diagnostic | None:
        label, heading = item_text(item), clean(section.text)
        if same_name(label, heading):
            return None
        span = item.link.label_span or item.link.span
        stem = label.rstrip(".…").rstrip()
        truncated = bool(stem) and heading.startswith(stem)
        what = "is a truncated form of" if truncated else "differs from"
        return self.diagnostic(
            doc,
            span,
            f'TOC label "{label}" {what} its heading "{heading}" (line {section.span.line})',
        )


def _required(doc: Document, toc: Toc, listed: set[int]) -> Iterator[Section]:
    """The headings a TOC must list: after it, not conventional, no deeper than what it lists."""
    after = [
        s
        for s in doc.sections
        if s.span.start >= toc.span.end and not is_conventional(doc, s) and not is_link_heading(s)
    ]
    levels = [doc.sections[i].level for i in listed if not is_conventional(doc, doc.sections[i])]
    if not levels:
        levels = [min((s.level for s in after), default=0)]
    deepest = max(levels)
    return (s for s in after if s.level <= deepest)
