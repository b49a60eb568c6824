"""AL402 toc-order: the table of contents lists sections in another order than the document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Section, Toc, TocItem
from ..rule import Rule, RuleContext
from .sections_common import clean, item_text, longest_increasing, resolve, slug_index

_ITEM_LINE = re.compile(r"[ \t]*[-*+][ \t]+\S")


class TocOrder(Rule):
    code = "AL402"
    name = "toc-order"
    summary = "The table of contents lists sections in a different order than the document."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        toc = doc.toc
        if toc is None:
            return
        slugs = slug_index(doc)
        pairs: list[tuple[TocItem, Section]] = []
        seen: set[int] = set()
        for item in toc.items:
            section = resolve(item.anchor, slugs)
            if section is not None and section.index not in seen:
                seen.add(section.index)
                pairs.append((item, section))
        keys = [section.index for _, section in pairs]
        kept = longest_increasing(keys)
        if len(kept) == len(keys):
            return
        fix = _reorder(doc, toc, slugs)
        for i, (item, _section) in enumerate(pairs):
            if i in kept:
                continue
            span = item.link.label_span or item.link.span
            yield self.diagnostic(doc, span, _message(pairs, kept, i), fix)
            fix = None  # one fix rewrites the whole TOC: attach it once


def _message(pairs: list[tuple[TocItem, Section]], kept: set[int], i: int) -> str:
    item, section = pairs[i]
    name, line = item_text(item), section.span.line
    before = [j for j in sorted(kept) if j < i and pairs[j][1].index > section.index]
    if before:
        other = clean(pairs[before[0]][1].text)
        return (
            f'TOC lists "{name}" after "{other}", but the document has it before '
            f"(line {line}); list the sections in document order"
        )
    after = [j for j in sorted(kept) if j > i and pairs[j][1].index < section.index]
    other = clean(pairs[after[-1]][1].text)
    return (
        f'TOC lists "{name}" before "{other}", but the document has it after '
        f"(line {line}); list the sections in document order"
    )


def _reorder(doc: Document, toc: Toc, slugs: dict[str, Section]) -> Fix | None:
    """Sort the TOC's lines into document order, each keeping its own label and indentation.

    Only for a bullet-list TOC of one item per line whose every item names a heading; the fix
    is unsafe: it moves lines the maintainer wrote.
    """
    text = doc.text
    first = text.rfind("\n", 0, toc.span.start) + 1
    last = text.find("\n", toc.span.end)
    last = len(text) if last < 0 else last
    lines = text[first:last].split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    slots = [i for i, line in enumerate(lines) if line.strip()]  # blank lines stay put
    if len(slots) != len(toc.items) or not all(_ITEM_LINE.match(lines[i]) for i in slots):
        return None
    first_line = doc.span(first, first).line
    keys: list[int] = []
    for slot, item in zip(slots, toc.items, strict=True):
        section = resolve(item.anchor, slugs)
        if section is None or item.link.span.line != first_line + slot:
            return None
        keys.append(section.index)
    order = sorted(range(len(slots)), key=lambda k: keys[k])
    moved = list(lines)
    for slot, k in zip(slots, order, strict=True):
        moved[slot] = lines[slots[k]]
    end = first + len("\n".join(lines))
    replacement = "\n".join(moved)
    return Fix(
        (Edit(first, end, replacement),),
        safe=False,
        description="list the TOC items in the order of the headings",
    )
