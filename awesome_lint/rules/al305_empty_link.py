"""AL305 empty-link: a link with no address ("[paper]()") or a placeholder for one ("#", "TBD",
"[PDF](Link to PDF)")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..facts import short
from ..model import Document, Link
from ..rule import Rule, RuleContext
from .rendered_text import OUTSIDE_QUOTES, RenderedText, blocks_of

# What stands where an address belongs until someone finds it.
PLACEHOLDER = re.compile(
    r"(?:(?:add |insert )?(?:a |the )?(?:link|url|address)(?: (?:to|for|of|here)\b.*)?"
    r"|(?:pdf|paper|code|project|github) (?:link|url)|coming[ -]?soon|soon|tb[ad]|to ?do"
    r"|to be (?:added|released|announced|updated|published)|to appear|not (?:yet )?(?:available"
    r"|released)|n/?a|none|null|placeholder|x{3,}|\.{3}|…)",
    re.I,
)
# Labels that name what a link should lead to: an empty one is a link that was meant to work.
LINK_WORDS = re.compile(
    r"\W*(?:paper|pdf|arxiv|code|github|gitlab|project(?: page)?|page|website|homepage|demo"
    r"|video|slides?|blog|data(?:set)?|models?|poster|supp(?:lementary)?|bibtex|doi|openreview"
    r"|hugging ?face|colab|link|official)\W*",
    re.I,
)
# "[Back to top](#)" works: "#" is the top of the page.
_TOP = re.compile(r"top|back|↑|⬆|🔝|home", re.I)
# "[label](destination)"; with a space in the destination it is no link at all, but raw text.
_NOT_A_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\n]*)\)")
# "](…)" with a space inside: what a line needs for _NOT_A_LINK to find a spaced destination.
# Its search leaps from "]" to "]" (a literal first), where _NOT_A_LINK tries every "[" of the
# text: looked for first, it leaves _NOT_A_LINK a few lines (19 ms -> 2 ms on the largest list).
_SPACED_DESTINATION = re.compile(r"\]\([^()\n]* [^()\n]*\)")


def _name(link: Link, label: str) -> str:
    """The link as a message names it (written only for a link with a problem)."""
    kind = "image" if link.kind == "image" else "link"
    return f'{kind} "{short(label, 40)}"' if label else f"an {kind}"


def is_placeholder(text: str) -> bool:
    return PLACEHOLDER.fullmatch(text.strip(" \t()!.~-")) is not None


class EmptyLink(Rule):
    code = "AL305"
    name = "empty-link"
    summary = "A link with no address ([paper]()) or a placeholder for one: #, TBD, Link to PDF."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        quotes = blocks_of(doc, frozenset({"quote"}))
        title_links: set[int] | None = None  # read only for a link without an address
        for link in doc.links:
            url = link.url.strip()
            if url.startswith("http"):
                continue  # most links; no placeholder starts so
            if link.span.start in quotes:
                continue  # a template: "[[Paper](URL)]"
            holds_title = False
            if not url:
                title_links = _title_links(doc) if title_links is None else title_links
                holds_title = link.span.start in title_links
            message = self._problem(link, url, holds_title)
            if message is not None:
                yield self.diagnostic(doc, link.span, message)
        yield from self._placeholders_with_spaces(doc)

    def _problem(self, link: Link, url: str, holds_title: bool) -> str | None:
        label = " ".join(link.label.split())
        if not url:
            meant = holds_title or link.kind == "image" or LINK_WORDS.fullmatch(label)
            if meant or is_placeholder(label):
                return f"{_name(link, label)} has no address"
        elif url == "#" and not _TOP.search(label):
            return f'{_name(link, label)} leads nowhere: "#" is a placeholder'
        elif is_placeholder(url):
            return f'{_name(link, label)} has a placeholder for its address: "{url}"'
        return None

    def _placeholders_with_spaces(self, doc: Document) -> Iterator[Diagnostic]:
        rendered = None
        matches = (
            m
            for start, end in _spaced_lines(doc.text)
            for m in _NOT_A_LINK.finditer(doc.text, start, end)
        )
        for m in matches:
            spaced = " " in m[2].strip()  # without a space it is a link, seen above
            if not spaced or not is_placeholder(m[2]) or m[2].lstrip().startswith("<"):
                continue
            rendered = rendered or RenderedText(doc, OUTSIDE_QUOTES)
            if m.start() in rendered:
                message = (
                    f'"{m.group()}" has a placeholder for its address: it is no link and '
                    "shows as raw text"
                )
                yield self.diagnostic(doc, doc.span(m.start(), m.end()), message)


def _title_links(doc: Document) -> set[int]:
    """Where the links that hold an entry's title start."""
    return {
        link.span.start
        for entry in doc.entries
        if entry.title is not None
        for link in entry.links
        if link.span.start <= entry.title.span.start < link.span.end
    }


def _spaced_lines(text: str) -> Iterator[tuple[int, int]]:
    """The lines (start, end) holding a "](…)" with a space inside, in order. _NOT_A_LINK never
    matches across a line, so its matches on these lines are all those with such a space."""
    line_end = -1
    for m in _SPACED_DESTINATION.finditer(text):
        if m.start() < line_end:
            continue  # (each line once)
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        yield line_start, line_end
