"""AL408 heading-format: a heading that ends in a colon ("## Segmentation:"), a sentence's
punctuation where a title belongs; the table of contents usually leaves it out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Section
from ..rule import Rule, RuleContext
from ..slug import plain_heading_text, slugify
from .sections_common import anchor_key, clean

# The colon before closing emphasis or tags ("**Segmentation:**"), not an emoji shortcode.
_TRAILING_COLON = re.compile(r"[:\uff1a](?=(?:[*_ \t]|</?\w+>)*$)")  # also a full-width colon
_SHORTCODE_END = re.compile(r":[a-z0-9_+-]+:(?:[*_ \t]|</?\w+>)*$")


class HeadingFormat(Rule):
    code = "AL408"
    name = "heading-format"
    summary = 'A heading that ends in a colon: "## Segmentation:".'
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        targets = {anchor_key(link.url[1:]) for link in doc.links if link.url.startswith("#")}
        for section in doc.sections:
            source = doc.text[section.title_span.start : section.title_span.end]
            colon = _TRAILING_COLON.search(source)
            if colon is None or _SHORTCODE_END.search(source):
                continue
            start = section.title_span.start + len(source[: colon.start()].rstrip(" \t"))
            span = doc.span(start, section.title_span.start + colon.end())
            message = f'heading "{clean(section.text)}" ends with a colon'
            yield self.diagnostic(doc, span, message, self._fix(doc, section, span, targets))

    @staticmethod
    def _fix(doc: Document, section: Section, span, targets: set[str]) -> Fix | None:
        """Delete the colon; also in the TOC label that repeats it. No fix when the anchor would
        change under a link that uses it ("## Segmentation :" is "#segmentation-")."""
        source = (
            doc.text[section.title_span.start : span.start]
            + doc.text[span.end : section.title_span.end]
        )
        anchor_changes = slugify(plain_heading_text(source)) != slugify(section.text)
        if anchor_changes and anchor_key(section.slug) in targets:
            return None
        edits = [Edit(span.start, span.end, "")]
        for item in doc.toc.items if doc.toc else ():
            label = item.link.label_span
            if anchor_key(item.anchor) == anchor_key(section.slug) and label is not None:
                written = doc.text[label.start : label.end]
                colon = _TRAILING_COLON.search(written)
                if colon is not None:
                    start = label.start + len(written[: colon.start()].rstrip(" \t"))
                    edits.append(Edit(start, label.start + colon.end(), ""))
        return Fix(tuple(sorted(edits, key=lambda e: e.start)), description="delete the colon")
