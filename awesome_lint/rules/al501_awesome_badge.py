"""AL501 awesome-badge: a list named "Awesome …" without the awesome badge near its title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Link
from ..rule import Rule, RuleContext
from .sections_common import title_heading

BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
_AWESOME = re.compile(r"^\W*awesome\b", re.I)
# awesome.re/badge.svg, badge-flat.svg …, or the badge in sindresorhus/awesome's media folder.
_BADGE_URL = re.compile(r"awesome\.re/badge|sindresorhus/awesome/[^\s]*badge", re.I)


def is_awesome_badge(link: Link) -> bool:
    return link.kind == "image" and bool(_BADGE_URL.search(link.url))


class AwesomeBadge(Rule):
    code = "AL501"
    name = "awesome-badge"
    summary = 'A list named "Awesome …" without the awesome badge near its title.'
    severity = Severity.INFO  # boilerplate, not a defect of the list's papers

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        title = title_heading(doc)
        if title is None or not _AWESOME.match(title.text):
            return
        start, end = title.span.start, title.span.end
        following = [b for b in doc.blocks if b.span.start >= title.span.end]
        if following and following[0].kind != "heading":
            end = following[0].span.end
        if any(is_awesome_badge(link) and start <= link.span.start < end for link in doc.links):
            return
        message = f'the list is named "{title.text.strip()}" but has no awesome badge: add {BADGE}'
        yield self.diagnostic(doc, title.title_span, message)
